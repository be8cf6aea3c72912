/* club_facts.h - a club's memberships and loans as the indicator report reads
 * them, kept packed in one row per club (table club_facts, migration 0021), so
 * /programme reads one row a club instead of every membership joined to its
 * person and every loan.
 *
 * The packed format (docs/architecture.md, "Club facts") is text, one record a
 * line, fields separated by ';', each line ending in '\n':
 *   members: person;sex;hardship;joined_on;left_on;birth
 *   loans:   person;disbursed_on;written_off_on;repaid_on
 * person is a positive decimal id; hardship a decimal number; the dates are
 * YYYY-MM-DD, or empty for a NULL (left_on, written_off_on, repaid_on); sex
 * and birth are the person's columns as written (at most 1 and 10 bytes).
 *
 * Every write that changes what a club's row holds calls club_facts_refresh
 * (or _person) in its own unit of work; a club without a row is read from the
 * tables as before (indicator.c), so a store is right before it is filled. */
#ifndef NCT_CLUB_FACTS_H
#define NCT_CLUB_FACTS_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"

struct db;

/* The most bytes one packed column may hold: a club's whole history is far
 * smaller; a club past it keeps no row (and is read from the tables). */
#define CLUB_FACTS_MAX (8u * 1024 * 1024)

struct club_member_fact {
	int64_t person;
	char sex[2];
	unsigned hardship;
	char joined[DATE_LEN], left[DATE_LEN]; /* left "" while a member */
	char birth[DATE_LEN];
};

struct club_loan_fact {
	int64_t person;
	char disbursed[DATE_LEN], written_off[DATE_LEN], repaid[DATE_LEN]; /* "" for NULL */
};

typedef nct_err club_member_each(const struct club_member_fact *m, void *arg);
typedef nct_err club_loan_each(const struct club_loan_fact *l, void *arg);

/* Calls each for every record of a packed column, in order. NCT_ERR_DB for a
 * record that is not of the format (a corrupt row), else each's first error. */
nct_err club_facts_members(const char *packed, club_member_each *each, void *arg);
nct_err club_facts_loans(const char *packed, club_loan_each *each, void *arg);

/* Rewrites the club's row from its memberships, their people and its loans,
 * inside the caller's unit of work; drops it when they cannot be packed. */
nct_err club_facts_refresh(struct db *db, int64_t club_id);
/* e when a write failed, else the club's row rewritten after it: a write's
 * last step (club_facts_after(db, id, write(...))). */
nct_err club_facts_after(struct db *db, int64_t club_id, nct_err e);
/* Rewrites the rows of every club the person is (or was) a member of or
 * borrowed from: after a correction of the person, or a merge into them. */
nct_err club_facts_refresh_person(struct db *db, int64_t person_id);
/* Writes the row of every club that has none (all of them after a bulk load,
 * the missing ones after the migration), or of every club when every (after a
 * bulk write to clubs that had rows): inside the caller's unit of work. */
nct_err club_facts_fill(struct db *db, bool every);
/* The rows of the clubs that have none, in a unit of its own: what `nct serve`
 * does after the migrations, so that a store upgraded to 0021 is filled. */
nct_err club_facts_upgrade(struct db *db);

/* Test hook: while on, the report reads every club from the tables, as for a
 * club without a row (the report with and without the rows must agree). */
void club_facts_ignore(bool on);
bool club_facts_ignored(void);

#endif

/* register.h - the register of older people as lists: search by any part of
 * the name without marks ("nguyen thi b" finds "Nguyễn Thị Bé", "d" finds
 * "đ"), by the start of a citizen ID, by place, by age on a date, by sex,
 * ethnicity and poverty; in Vietnamese collation (given name, then family,
 * then middle); filtered by access in the SQL itself, so pages and totals are
 * exact. Possible duplicates are found before a person is added.
 *
 * How it is fast: a name or ID is one index range over person_name_keys (the
 * word-start suffixes of every folded name, and the citizen IDs), never a scan
 * of the register; within places, one range a place (the keys carry their
 * person's place: person_name_keys_place); places are ranges of the materialised path (the user's
 * scope roots met with the place asked for); the order is the stored
 * collation key (persons.sort_key). A page never counts and sorts every
 * match: when the name's keys or the places' people are few (at most
 * REGISTER_DRIVE_MAX), the list starts from them and is counted exactly;
 * otherwise it walks the register in its order up to the end of the page and
 * counts up to REGISTER_COUNT_MAX ("more than"). */
#ifndef NCT_REGISTER_H
#define NCT_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "person.h"
#include "place.h"
#include "refusal.h"

struct ctx;
struct area;

#define REGISTER_PAGE_MAX   1000   /* people one page holds */
#define REGISTER_EXPORT_MAX 200000 /* people one export holds */
#define REGISTER_AGE_MAX    150
#define REGISTER_COUNT_MAX  5000  /* a walked list counted further says "more than" */
#define REGISTER_DRIVE_MAX  20000 /* a name's keys or places' people read whole */

struct register_filter {
	const char *q;             /* part of a name, or the start of a citizen ID; NULL: any */
	const struct place *place; /* people living in its subtree (register_place); NULL: any */
	int age_from, age_to;      /* on `on`, both inclusive; -1: no bound */
	char sex;                  /* 'F', 'M', or 0 */
	const char *ethnicity;     /* a group's code (sensitive: RF_SENSITIVE); NULL: any */
	const char *poverty;       /* poor, near_poor or none on `on`; NULL: any */
	struct date on;            /* the date of ages, poverty and death */
	bool with_dead;            /* also those who died on or before `on` */
	bool without_card;         /* only those with no health card valid on `on` (sensitive) */
	const struct area *area;   /* the subtrees listed (area_of, health.h) instead of place's */
	int64_t after;             /* a page after this person in the register's order (0: none) */
	size_t offset, limit;      /* a page: limit at most REGISTER_EXPORT_MAX */
};

/* A filter of nothing, as of today, the first page of 50. */
void register_filter_init(struct register_filter *f);

/* The thresholds the lists plan by: REGISTER_DRIVE_MAX and REGISTER_COUNT_MAX
 * unless a test lowers them to take every way on a small register (the
 * answers are the same whichever way is taken; only the count may stop). */
extern int64_t register_drive_max, register_count_max;

struct register_page {
	struct person *v; /* malloc'd; the caller frees it */
	size_t n;
	int64_t total; /* every match, not only this page; when more, a lower bound */
	bool more;     /* more than total match: a walked list's count stopped at
	                  REGISTER_COUNT_MAX, or at the end of the page asked when further */
	int64_t next;  /* the person to ask the next page after; 0: this page is the last */
};

/* The people x may list (access_lists_person; a club user: its club's members)
 * who match f, in the register's order. Refusals: RF_AGE_RANGE ("age_from"),
 * RF_NOT_ONE_OF ("poverty", "sex"), RF_SENSITIVE ("ethnicity": a role without
 * access_sensitive; for the others the list is audited "view_sensitive", as a
 * list by ethnicity shows each person's; "without_card": the caller audits),
 * RF_NO_SUCH_PERSON ("after": a cursor naming no one x sees). */
nct_err register_list(struct ctx *x, const struct register_filter *f, struct register_page *out,
                      struct refusal *rf);

/* The place a filter names by code or by name (folded, at a word start), in
 * force on `on` and seen by x: a code wins; of several names, one spelled
 * exactly (folded) wins. RF_NO_PLACE, RF_PLACE_AMBIGUOUS (the candidates,
 * "Name (code), ..."), field "place". */
nct_err register_place(struct ctx *x, const char *input, struct date on, struct place *out,
                       struct refusal *rf);

/* The audit row of a list exported (format "csv" or "xlsx"; rows written). */
nct_err register_exported(struct ctx *x, const char *format, size_t rows);

#define REGISTER_DUPLICATES_MAX 20

/* Possible duplicates of in: a living record (no tombstone) with the same
 * citizen ID, or the same folded name, birth year and commune (the commune of
 * in's place, villages included). Those x sees are in *out (malloc'd); those
 * it may not see are only counted in *hidden (the user is told to ask above). */
nct_err register_duplicates(struct ctx *x, const struct person_new *in, struct person **out,
                            size_t *n, int64_t *hidden);

/* What register_duplicates finds for one person, without the list: the
 * first of those x sees (when n), how many x sees (at most
 * REGISTER_DUPLICATES_MAX) and how many it may not. */
struct register_dups {
	struct person first;
	size_t n;
	int64_t hidden;
};

/* register_duplicates for n <= PERSON_BATCH_MAX persons in one statement (the
 * keys a VALUES list, each key its own index seeks: db_keyed_sql): out[i] is
 * what it finds for in[i]. The communes of the places are asked through pc (NULL: each time). */
nct_err register_duplicates_many(struct ctx *x, struct person_cache *pc,
                                 const struct person_new *const *in, size_t n,
                                 struct register_dups *out);
/* Its statement on db's engine: PERSON_BATCH_MAX keys of five values
 * (citizen ID, folded name, first and last day of the birth year, commune)
 * bound in turn (a test checks its plan). */
const char *register_duplicates_many_sql(const struct db *db);

/* The register's way in: person_check, then (unless confirm_new) the
 * duplicates, refused NCT_ERR_CONFLICT (RF_POSSIBLE_DUPLICATES) with them in
 * *dups (malloc'd, may be NULL when only hidden ones), then person_create. */
nct_err register_add(struct ctx *x, const struct person_new *in, bool confirm_new, int64_t *id,
                     struct person **dups, size_t *ndups, int64_t *hidden, struct refusal *rf);

/* Merges the record `duplicate` into `survivor` (x changes both; neither is
 * a tombstone): memberships, board seats, home visits, loans, facts,
 * allowance decisions, payment receipts and everything else that points at a
 * person move to the survivor; the survivor
 * takes the duplicate's citizen ID, ethnicity and date of death where it has
 * none; the duplicate stays as a tombstone (merged_into) without search keys.
 * Refusals: RF_MERGE_SELF, RF_MERGED, RF_MERGE_BOTH_MEMBERS, RF_MERGE_BOTH_PAID
 * (both have an allowance decision in force this month, or a receipt for the
 * same month), RF_DENIED,
 * RF_NO_SUCH_PERSON / RF_PERSON_OUTSIDE (field "duplicate"). Audited "merge"
 * on both records. */
nct_err person_merge(struct ctx *x, int64_t survivor, int64_t duplicate, struct refusal *rf);

/* The columns that point at a person, which person_merge moves ("table.column",
 * NULL-terminated): a test checks the schema has no other. */
extern const char *const person_references[];

#endif

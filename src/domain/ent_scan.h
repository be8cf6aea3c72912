/* ent_scan.h - the place-wide read of the rules' inputs (issue 9): every
 * person of a set with their facts in force on a day and their decision in
 * force for a month, in three ordered reads (persons, facts, decisions, each
 * by person id) walked side by side, one person at a time, so a list of a
 * province judges 200,000 people without a query of each person's own. The
 * caller judges each person with the same functions as the per-person engine
 * (entitlement_from_facts, entitlement_eval), so the rules live in one place.
 *
 * The set is an SQL subquery of person ids (ENT_SCAN_SQL builds the three
 * statements from it); its parameters are text, bound in each statement
 * before the day (facts) or the month (decisions). */
#ifndef NCT_ENT_SCAN_H
#define NCT_ENT_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "decision.h"
#include "person.h"
#include "person_fact.h"

struct ctx;
struct db_stmt;

#define ENT_SCAN_BINDS_MAX 4

/* The three statements of a set of ids: persons (with their sort key),
 * persons' facts on or before the day (latest first per kind), persons'
 * decisions up to the month (latest first). `persons_where` narrows the
 * persons (e.g. " AND p.merged_into IS NULL"), or "". */
#define ENT_SCAN_SQL(IDS, PERSONS_WHERE)                                                           \
	{                                                                                          \
		"SELECT " PERSON_COLUMNS                                                           \
		", p.sort_key FROM persons p JOIN places pl ON pl.id = p.place_id"                 \
		" WHERE p.id IN (" IDS ")" PERSONS_WHERE " ORDER BY p.id",                         \
		    PERSON_FACT_SELECT_BARE                                                        \
		    "WHERE f.person_id IN (" IDS ")"                                               \
		    " AND (f.valid_from IS NULL OR f.valid_from <= ?) AND" PERSON_FACT_LIVE        \
		    " ORDER BY f.person_id, f.kind, COALESCE(f.valid_from, '0000-00-00')"          \
		    " DESC, f.id DESC",                                                            \
		    DECISION_SELECT                                                                \
		    "WHERE d.person_id IN (" IDS ") AND d.month <= ?"                              \
		    " ORDER BY d.person_id, d.month DESC, d.signed_on DESC, d.id DESC"             \
	}

struct ent_scan_sql {
	const char *persons, *facts, *decisions;
};

struct ent_scan {
	struct db_stmt *st[3];
	int rc[3]; /* the last step of each: DB_ROW, DB_DONE, or an error */
	/* the person read by ent_scan_next */
	struct person p;
	char sort_key[160];
	struct person_fact f[FACT_KINDS]; /* id 0: none in force */
	struct decision dec;              /* the latest up to the month (has_decision) */
	bool has_decision;
	bool paid; /* a decision is in force and it is not a stop */
};

/* Starts the three reads of the set (binds: its parameters) for the day and
 * the month. */
nct_err ent_scan_open(struct ctx *x, struct ent_scan *s, const struct ent_scan_sql *q,
                      const char *const *binds, int nbinds, const char *day, const char *month);
/* The next person of the set, by id: NCT_OK and *more, or *more false at the
 * end; an error of the store. */
nct_err ent_scan_next(struct ent_scan *s, bool *more);
void ent_scan_close(struct ent_scan *s);

#endif

/* worklist.h - the two work lists of a place on a date (issue 9), the point
 * of the entitlements: who is eligible but not receiving (the rules say yes
 * and no decision pays them: turned 75, became poor, moved in), and who is
 * receiving but not eligible (a decision pays someone who died, moved away,
 * left the poor household, got a pension, or is paid less than the highest
 * allowance they qualify for), each line with its reason and the day it
 * began. The people of a place are those living in its territory on the date
 * (its units and those it was formed from), and those a decision of the place
 * pays (who moved away). */
#ifndef NCT_WORKLIST_H
#define NCT_WORKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "ent_country.h"
#include "refusal.h"

struct ctx;

#define WORKLIST_MAX 2000000 /* people one list reads: a country's recipients fit */

enum worklist_kind { WL_ELIGIBLE_NOT_RECEIVING, WL_RECEIVING_NOT_ELIGIBLE };

struct worklist_line {
	int64_t person_id;
	char full_name[128];
	char birth[DATE_LEN];
	char place_code[24]; /* the residence on the date */
	char place_name[128];
	/* eligible_not_receiving: "eligible", or "needs_application" (the rule asks
	 * for a written application: the social pension); receiving_not_eligible:
	 * "died", "moved_away", "not_eligible", "lower_than_highest" */
	char reason[24];
	char condition[24];   /* not_eligible: the condition no longer met (rule_unmet) */
	char since[DATE_LEN]; /* the day it began ("" when not known) */
	char rule[32];        /* the allowance that applies (eligible), or the one paid */
	int64_t amount;       /* what the rules say is owed a month */
	char paid_rule[32];   /* receiving: the allowance paid, its amount and decision */
	int64_t paid;
	char decision[64];
};

/* The list of kind for the place with code on the date, by name. Officers
 * with sensitive data whose scope holds the place (RF_PLACE_OUTSIDE,
 * RF_SENSITIVE); RF_NO_PLACE for a code not in force that day. One audit row
 * records the view. *out is malloc'd: the whole list (at most WORKLIST_MAX
 * lines); worklist_each hands them one at a time. */
nct_err worklist(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                 struct worklist_line **out, size_t *n, struct refusal *rf);

/* The lines of the lists as they come, in the lists' order (by name), each
 * to fn with its kind (an error of fn ends the walk and is returned): those
 * of the kinds in want (bits 1u << kind); both lists' lengths into counts.
 * The same checks as worklist; one audit row a list wanted. Memory is a
 * line's, whatever the place's size. */
typedef nct_err (*worklist_fn)(void *arg, enum worklist_kind kind, const struct worklist_line *l);
nct_err worklist_each(struct ctx *x, const char *place, struct date on, unsigned want,
                      worklist_fn fn, void *arg, size_t counts[2], struct refusal *rf);

/* Both lists' lengths (one pass), with the same checks; not audited: the
 * counts name nobody (the dashboard shows them on every load). */
/* A page of a list by name: up to limit lines (1..), those after the line
 * of person after (0: from the first), or, when before is not 0, those just
 * before the line of person before (a page back). */
struct worklist_page {
	int64_t after;
	size_t limit;
	int64_t before;
	/* set by worklist_page: the persons to ask the previous page before and
	 * the next page after (0: none), and both lists' lengths */
	int64_t prev, next;
	size_t counts[2];
};
/* As worklist, a page of it: *n lines (malloc'd), the whole list's *total,
 * and *next the person to ask the next page after (0: this is the last
 * page; page->prev the same back). Memory is a page's, whatever the place's
 * size. RF_NO_SUCH_PERSON (field "after" or "before") for a cursor that
 * names no person. Audited as worklist. */
nct_err worklist_page(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                      struct worklist_page *page, struct worklist_line **out, size_t *n,
                      size_t *total, int64_t *next, struct refusal *rf);

nct_err worklist_counts(struct ctx *x, const char *place, struct date on, size_t *eligible,
                        size_t *receiving, struct refusal *rf);

/* The country's lists on the date (ent_country.h): the n provinces of codes
 * (ent_country_provinces) worked over the nx contexts xs side by side, each
 * as worklist_each (want, its checks and audit rows) or, with fn NULL, as
 * worklist_counts; both lists' lengths, the provinces' summed, into counts.
 * fn gets each line with its province's index in codes, from the workers'
 * threads: a province's lines in its order, one province's from one thread
 * at a time, the provinces in no order (the caller joins them by index). */
typedef nct_err (*worklist_country_fn)(void *arg, size_t province, enum worklist_kind kind,
                                       const struct worklist_line *l);
nct_err worklist_country(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                         size_t n, struct date on, unsigned want, worklist_country_fn fn, void *arg,
                         size_t counts[2], struct refusal *rf);

/* The per-person answer: what the lists of place on the date say of the
 * person with id (x sees them: person_seen's refusals), read with the
 * person's own queries (entitlement_read, decision_in_force) and judged by
 * the same function as the place-wide lists; *kind the list it belongs on
 * (enum worklist_kind), -1 for neither. Not audited: for checking the lists
 * (test_entitlement compares the two for every person of a place). */
nct_err worklist_person(struct ctx *x, const char *place, struct date on, int64_t person_id,
                        struct worklist_line *l, int *kind, struct refusal *rf);

#endif

/* rollup.h - the figures of one obligation's period rolled up the place tree
 * in force then: the reports submitted (or accepted) of the units with a
 * territory (People's Committees, places) summed level by level, from the
 * province down to each reporter (2024: province -> district -> commune when
 * communes report; 2026: province -> commune), so that any figure opens down
 * to the units and reports behind it, with the plan's targets against them.
 *
 * Counts are summed. A share (per mille) is Σ numerators / Σ denominators of
 * the units that gave one, so a large commune weighs as much as its people or
 * clubs; when a unit gave only the share (a report made before migration 0017,
 * or the value of a unit whose size is not known) it is the mean of the
 * shares, and weighted is false (docs/reports.md). */
#ifndef NCT_ROLLUP_H
#define NCT_ROLLUP_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/err.h"
#include "indicator.h"
#include "indicator_register.h"
#include "obligation.h"
#include "place.h"
#include "refusal.h"

struct ctx;
struct completeness;

#define ROLLUP_ROWS_MAX 5000

struct rollup_node {
	struct place place;
	size_t expected;       /* units with a territory behind it that owe the report */
	size_t reported;       /* of those, whose report is submitted or accepted */
	int64_t submission_id; /* a unit that reports itself: its report (0: none) */
	char reporter_code[ORG_CODE_LEN];
	char reporter_name[192];
	/* by figure (indicator_register.h: the clubs' indicators, then the register's) */
	bool has[FIGURE_COUNT];
	int64_t value[FIGURE_COUNT];                  /* sum of counts; a share as above */
	int64_t given[FIGURE_COUNT];                  /* units that gave the value */
	int64_t num[FIGURE_COUNT], den[FIGURE_COUNT]; /* a share's sums */
	int64_t unsized[FIGURE_COUNT];                /* units that gave a share without its size */
	bool weighted[FIGURE_COUNT];                  /* the share is Σnum/Σden */
};

struct rollup {
	struct ob_period period;
	char plan[PLAN_CODE_LEN]; /* the plan's number, whose indicators these are */
	struct rollup_node whole; /* the place asked for (or the top) */
	struct rollup_node *rows; /* the units one level below it, by name; malloc'd */
	size_t nrows;
	struct indicator ind[FIGURE_COUNT]; /* definitions; target when the plan sets one for
	                                    whole's place, judged against whole's value */
};

/* The period's figures at place (a code; NULL: the top of the tree the
 * reporters x sees lie in) and one level below. Refusals as
 * obligation_period; NCT_ERR_NOTFOUND for an obligation or place that does not
 * exist, or a place no reporter lies in. */
nct_err rollup_of(struct ctx *x, int64_t obligation_id, const char *period, const char *place,
                  struct rollup *out, struct refusal *rf);
/* The same from the period's completeness c of ob (as completeness_of gave
 * it to x), which the caller has already. */
nct_err rollup_of_completeness(struct ctx *x, const struct obligation *ob,
                               const struct completeness *c, const char *place, struct rollup *out);
void rollup_free(struct rollup *r);

#endif

/* plan_target.h - an item's indicator and target, edited in the pages and the
 * API (docs/plans.md "target"): the plan's target the item serves, with the
 * indicator that measures it and its figures (plan_targets). */
#ifndef NCT_PLAN_TARGET_H
#define NCT_PLAN_TARGET_H

#include <stdint.h>

#include "../base/date.h"
#include "../base/err.h"
#include "plan.h"
#include "refusal.h"

struct ctx;

#define PLAN_TARGET_ID_LEN    16
#define PLAN_TARGET_VALUE_MAX 1000000000 /* a count's bound; a share's is 100 (%) */

/* The target an item serves, as the plan's file holds it. */
struct plan_item_target {
	char id[PLAN_TARGET_ID_LEN]; /* "T3"; "" when the item serves none of its plan's */
	char indicator[48];          /* "" when no indicator measures it */
	char unit[8];                /* "count" or "percent" */
	int64_t min, max;            /* -1 when open */
	char by_date[DATE_LEN];
	char place_code[24];
};

/* The first target of p's own (not "plan#T1", another plan's) that item_id
 * serves, into *out (id "" when none). NCT_ERR_NOTFOUND for an item p lacks. */
nct_err plan_item_target(struct ctx *x, const struct plan *p, int64_t item_id,
                         struct plan_item_target *out);

/* What a form or the API gives ("" or NULL: none). */
struct plan_item_target_in {
	const char *indicator; /* required: an indicator code with targets (indicator_def) */
	const char *min, *max; /* whole numbers ("2500" or "2.500"), at least one; percent
	                        * for a share */
	const char *by_date;   /* required, YYYY-MM-DD */
	/* the same date as the user wrote it ("31/12/2027", "5/3/2027"), which a new
	 * target keeps as its by_date_as_written; NULL, or another date: by_date
	 * written dd/mm/yyyy */
	const char *by_date_as_written;
};

/* Sets the indicator and target of the item: the target it serves is changed
 * (its words as written stay while its range and date do; a new range is
 * worded from the figures, a new date as typed or dd/mm/yyyy), or, when it serves none, a new
 * target T<n> of the plan is made for it (for the place of the plan's issuer)
 * and the item serves it; the figures go to plan_targets. One unit with the
 * audit row (entity plan_target, "SLUG#T3", the target before and after). For
 * those access_plan lets change p. Refusals: RF_DENIED; RF_ITEM_UNKNOWN
 * (NCT_ERR_NOTFOUND); RF_ITEM_RETIRED; RF_NOT_ONE_OF ("indicator");
 * RF_FIGURE_RANGE ("target_min", "target_max": not a whole number in range,
 * neither given, or a maximum under the minimum); RF_DATE_FORMAT
 * ("by_date"); RF_NO_ORG ("issuer": a new target's place). *out is the
 * target as saved. */
nct_err plan_item_target_save(struct ctx *x, const struct plan *p, int64_t item_id,
                              const struct plan_item_target_in *in, struct plan_item_target *out,
                              struct refusal *rf);

#endif

/* plan_doc.h - a whole plan in and out of the store as the document of
 * docs/plans.md (format "nct-plan/1"), held as a jansson value: reading and
 * writing the file's bytes is export/plan_file.h.
 *
 * What the tables hold (plan.h, obligation.h) comes from and goes back to its
 * columns; the words the store only keeps (quotes, notes, footnotes,
 * "…_as_written") live in each row's doc and go back unchanged. An export
 * writes every object's fields in the documented order, so the file of an
 * imported plan comes back byte for byte, and an edited one differs only where
 * it was edited. */
#ifndef NCT_PLAN_DOC_H
#define NCT_PLAN_DOC_H

#include <stddef.h>

#include "../base/err.h"
#include "plan.h"
#include "refusal.h"

struct ctx;
struct json_t;

/* Writes the plan doc describes, in one unit with its audit row: the plan,
 * its texts, areas, duties and items with their units, funding lines,
 * support rules (each level one of support_rules, found or added), the
 * targets of existing indicators (plan_targets, replacing the plan's own),
 * and one obligation per reporting line and receiver. First the bodies the
 * plan defines that the store lacks (origin "plan", with a place) and the
 * handovers between bodies the store holds (org_links, with whether the plan's
 * duties pass). For administrators. Refusals: RF_ADMIN_ONLY; RF_PLAN_FORMAT
 * (where, and what was wanted); RF_TAKEN ("id", "code": the plan is there
 * already); RF_PLAN_UNIT (a code that is neither an organisation of the store
 * or the plan, nor a place, for reporters); RF_TARGET_TWICE (NCT_ERR_CONFLICT,
 * "file": two targets on one key, plan_target_on_key; the first's id, the
 * second's and where the second is); refusals of org_create and
 * org_link_add. *out is the plan as stored. */
nct_err plan_import(struct ctx *x, struct json_t *doc, struct plan *out, struct refusal *rf);

/* The plan with this slug or code as its document, a new reference the
 * caller owns (json_decref). NCT_ERR_NOTFOUND. */
nct_err plan_export(struct ctx *x, const char *slug_or_code, struct json_t **out);

/* Writes the figures of target t of the file (its indicator, place, date,
 * unit, min and max) to plan_targets for p, over the row of the same key. */
nct_err plan_target_row(struct ctx *x, const struct plan *p, const struct json_t *t);

/* Another target than t among the first n of doc's "targets" (SIZE_MAX: all)
 * measured on the key (indicator, place_code, by_date), or NULL. A plan's
 * targets share the day of their place (the plan's date), so a plan_targets
 * row holds the figures of one key: two targets of a plan cannot share it. */
const struct json_t *plan_target_on_key(const struct json_t *doc, const struct json_t *t, size_t n,
                                        const char *indicator, const char *place_code,
                                        const char *by_date);

/* A new plan without a file (the pages' form, POST /api/v1/plans with a header
 * instead of a document): its header only (every field of in given; "" for
 * none), with no texts, areas, targets or reporting lines yet, written as
 * plan_import writes a file (the audit row "import"), so it exports as a file
 * whose source and signature are null. slug: the plan's id, NULL or "" to make
 * it from the number ("327/KH-UBND" → "327-kh-ubnd"). For administrators and
 * province officers whose scope holds the issuer (access_plan_issuer).
 * Refusals: RF_DENIED; RF_CODE_FORMAT ("id": not [a-z0-9-], or no id and
 * no number); RF_TEXT_LENGTH ("title_en": a file has an English title);
 * RF_TAKEN ("id", "code"); those of plan_update. */
nct_err plan_create(struct ctx *x, const char *slug, const struct plan_header_in *in,
                    struct plan *out, struct refusal *rf);

#endif

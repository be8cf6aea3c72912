/* composition_rule.h - the composition rules as dated records in the store,
 * and a club's composition on a date under the rule then in force (the
 * arithmetic is composition.h). */
#ifndef NCT_COMPOSITION_RULE_H
#define NCT_COMPOSITION_RULE_H

#include "../base/date.h"
#include "../base/err.h"
#include "composition.h"
#include "refusal.h"

struct ctx;
struct club;

/* The rule in force on `on`; before any was recorded, Plan 327's. */
nct_err composition_rule_on(struct ctx *x, struct date on, struct composition_rule *out);

/* Adds a rule in force from valid_from (a new dated record: the old ones stay
 * for the dates they covered), audited; source names the document that set
 * it. For administrators. */
nct_err composition_rule_add(struct ctx *x, const char *valid_from,
                             const struct composition_rule *r, const char *source,
                             struct refusal *rf);

/* The club's composition on `on`, under the rule in force then. */
nct_err club_composition(struct ctx *x, const struct club *c, struct date on,
                         struct composition *out);

#endif

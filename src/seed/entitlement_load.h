/* entitlement_load.h - the rules of the monthly allowances, loaded by nct init
 * from the files embedded in the binary: data/social-assistance-levels.csv
 * (dated amounts) and data/allowance-rules.csv (the allowances as dated
 * conditions). Rows already in the store (the same kind, scope and start; the
 * same code and start) are kept: an admin's later rows stay beside them. */
#ifndef NCT_ENTITLEMENT_LOAD_H
#define NCT_ENTITLEMENT_LOAD_H

#include <stddef.h>
#include "../base/err.h"
#include "../domain/ctx.h"

struct entitlement_load_report {
	size_t levels, levels_new;
	size_t rules, rules_new;
};

/* Loads both files in one unit. NCT_ERR_INVALID with msg naming the file,
 * line and refusal when a row is refused; nothing is written then. */
nct_err entitlement_load_reference(struct ctx *x, struct entitlement_load_report *r, char *msg,
                                   size_t msglen);

#endif

/* demo_decisions.h - decisions on monthly allowances for the demo register
 * (issue 9), run by nct init --demo after the persons exist: the older people
 * of a place get the facts a commune's register would show of them where none
 * is recorded (most without a pension, a share poor or near-poor), decisions
 * for most of those the rules say are owed an allowance, and then what makes
 * the two work lists believable: some eligible never decided, some granted a
 * lower allowance than the highest, some recipients who died, got a pension or
 * left the poor household since. Every write goes through the domain. */
#ifndef NCT_DEMO_DECISIONS_H
#define NCT_DEMO_DECISIONS_H

#include <stddef.h>
#include "../base/err.h"
#include "../domain/ctx.h"

struct demo_decisions_report {
	size_t people, facts, decisions, left_undecided, lower, died, pensioned, left_poverty;
};

nct_err demo_decisions(struct ctx *x, const char *place_code, struct demo_decisions_report *r,
                       char *msg, size_t msglen);

#endif

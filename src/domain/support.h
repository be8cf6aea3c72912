/* support.h - one-off support for a club as a plan sets it: dated rules, each
 * with its source, the kinds of club and the founding dates it covers, its
 * level (planned, "dự kiến", or fixed) and whether a club receives it once.
 * The seed's rules are footnote 23 of the 2024 plan of Kon Tum's Elderly Work
 * Committee (migration 0007): 50,000,000 đ for a self-help club founded
 * 2022-2025, 25,000,000 đ for one founded 2016-2021, in 2024 (the plan's year). */
#ifndef NCT_SUPPORT_H
#define NCT_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"

struct ctx;
struct refusal;

#define SUPPORT_RULES_MAX 64 /* rules one list returns */

struct support_rule {
	int64_t id;
	char code[32];
	char name[192];
	char founded_from[DATE_LEN], founded_to[DATE_LEN]; /* the clubs it covers */
	int64_t amount;                                    /* the level, đồng */
	bool planned; /* a planned level: what a club receives may be lower */
	bool once;    /* once per club */
	char valid_from[DATE_LEN], valid_to[DATE_LEN]; /* valid_to "" : still in force */
	char raised_by[256];                           /* who raises it, the plan's words */
	char source[640];
};

/* The rule for a club of this kind founded on `founded` (YYYY-MM-DD) that is
 * in force on `on`: the latest valid_from on or before it. NCT_ERR_INVALID
 * when there is none, and rf says why: no rule covers such a club
 * (RF_SUPPORT_NO_RULE), the rules that do start after `on` (a support is never
 * recorded before the plan that sets it: RF_SUPPORT_NOT_YET), or they ended
 * before it (RF_SUPPORT_ENDED). */
nct_err support_rule_for(struct ctx *x, const char *kind, const char *founded, struct date on,
                         struct support_rule *out, struct refusal *rf);

/* Every rule covering a club of this kind founded on `founded`, whatever days
 * they are in force, by valid_from. *out is malloc'd; free() it. */
nct_err support_rules_covering(struct ctx *x, const char *kind, const char *founded,
                               struct support_rule **out, size_t *n);

/* The rule with this id. NCT_ERR_NOTFOUND when there is none. */
nct_err support_rule_get(struct ctx *x, int64_t id, struct support_rule *out);

/* Whether an amount fits the rule's level: at most the level when it is only
 * planned, exactly the level when it is fixed. NCT_ERR_INVALID when not
 * (RF_SUPPORT_ABOVE_LEVEL, RF_SUPPORT_AMOUNT about "amount"). */
nct_err support_amount_check(const struct support_rule *r, int64_t amount, struct refusal *rf);

#endif

/* money.h - amounts of Vietnamese đồng: whole numbers (int64), never floats. */
#ifndef NCT_MONEY_H
#define NCT_MONEY_H

#include <stdbool.h>
#include <stdint.h>
#include "err.h"

/* 10^13 đồng: the largest amount anything records, and the largest balance of
 * a fund either way (-MONEY_MAX..MONEY_MAX). A bound of the mechanism, not a
 * rule: no club's fund comes near a thousandth of it, and 20,000 entries at
 * the bound still sum far below 2^63, so no total of a club can wrap. */
#define MONEY_MAX INT64_C(10000000000000)

/* Parses a non-negative whole amount as people write it: "50000000",
 * "50.000.000" or "50 000 000" (Vietnamese groups thousands with '.'), an
 * optional trailing "đ", "₫", "VND" or "đồng" (with or without a space).
 * NCT_ERR_TOOBIG for more than MONEY_MAX; NCT_ERR_INVALID for a sign, a
 * fraction ("1,5", "12.5" where the groups are not of three), an empty string
 * or anything else. */
nct_err money_parse(const char *s, int64_t *out);

/* *sum = a + b, unless that passes the range of int64_t: then false, and *sum
 * is left alone. Totals of money are added this way, never wrapping. */
static inline bool money_add(int64_t a, int64_t b, int64_t *sum)
{
	int64_t s;
	if (__builtin_add_overflow(a, b, &s))
		return false;
	*sum = s;
	return true;
}

/* Writes v grouped by thousands with '.', e.g. -1234567 -> "-1.234.567";
 * out >= 32 bytes. */
void money_format(int64_t v, char out[32]);

#endif

/* money.h - amounts of Vietnamese đồng: whole numbers (int64), never floats. */
#ifndef NCT_MONEY_H
#define NCT_MONEY_H

#include <stdint.h>
#include "err.h"

#define MONEY_MAX 1000000000000000LL /* 10^15 đồng: far above any club's fund */

/* Parses a non-negative whole amount as people write it: "50000000",
 * "50.000.000" or "50 000 000" (Vietnamese groups thousands with '.'), an
 * optional trailing "đ", "₫", "VND" or "đồng" (with or without a space).
 * NCT_ERR_INVALID for a sign, a fraction ("1,5", "12.5" where the groups are not
 * of three), an empty string, anything else, or more than MONEY_MAX. */
nct_err money_parse(const char *s, int64_t *out);

/* Writes v grouped by thousands with '.', e.g. -1234567 -> "-1.234.567";
 * out >= 32 bytes. */
void money_format(int64_t v, char out[32]);

#endif

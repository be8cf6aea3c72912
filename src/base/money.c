#include "money.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* What people write after an amount. "đồng" is also matched decomposed (NFD:
 * o, combining circumflex, combining grave), the form some pasted text arrives in. */
static const char *const money_units[] = {
    "đ", "₫", "VND", "đồng", "\xc4\x91o\xcc\x82\xcc\x80ng",
};

/* The length of s without a trailing unit and the one space before it. */
static size_t money_strip_unit(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof money_units / sizeof money_units[0]; i++) {
		size_t u = strlen(money_units[i]);
		if (len > u && memcmp(s + len - u, money_units[i], u) == 0) {
			len -= u;
			return len > 0 && s[len - 1] == ' ' ? len - 1 : len;
		}
	}
	return len;
}

/* Checks a group of digits that a separator (or the end) has just closed:
 * the first group has 1-3 digits and no leading zero, the others exactly 3. */
static bool money_group_ok(size_t digits, bool first, char lead)
{
	if (first)
		return digits >= 1 && digits <= 3 && lead != '0';
	return digits == 3;
}

/* Parses digits grouped by one separator, '.' or ' ', used throughout. */
static nct_err money_parse_number(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	char sep = 0;
	size_t group = 0, groups = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			v = v * 10 + (c - '0');
			if (v > MONEY_MAX)
				return NCT_ERR_TOOBIG;
			group++;
			continue;
		}
		if ((c != '.' && c != ' ') || (sep && c != sep))
			return NCT_ERR_INVALID;
		if (!money_group_ok(group, groups == 0, s[0]))
			return NCT_ERR_INVALID;
		sep = c;
		groups++;
		group = 0;
	}
	if (group == 0 || (sep && !money_group_ok(group, false, 0)))
		return NCT_ERR_INVALID;
	*out = v;
	return NCT_OK;
}

nct_err money_parse(const char *s, int64_t *out)
{
	if (!s)
		return NCT_ERR_INVALID;
	return money_parse_number(s, money_strip_unit(s, strlen(s)), out);
}

/* Works on the magnitude as unsigned, so INT64_MIN has no positive twin to overflow. */
void money_format(int64_t v, char out[32])
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char rev[32];
	size_t n = 0;
	do {
		if (n % 4 == 3)
			rev[n++] = '.';
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		rev[n++] = '-';
	for (size_t i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

#include "birth.h"

#include <string.h>

/* The earliest year accepted: nobody alive, or on a register, was born before. */
#define BIRTH_MIN_YEAR 1875

/* The three shapes differ only in length: "YYYY", "YYYY-MM", "YYYY-MM-DD". */
nct_err birth_parse(const char *s, struct birth *out)
{
	size_t len = s ? strlen(s) : 0;
	if (len != 4 && len != 7 && len != 10)
		return NCT_ERR_INVALID;
	if ((len >= 7 && s[4] != '-') || (len == 10 && s[7] != '-'))
		return NCT_ERR_INVALID;
	struct birth b = {date_digits(s, 4), 0, 0};
	if (len >= 7)
		b.month = date_digits(s + 5, 2);
	if (len == 10)
		b.day = date_digits(s + 8, 2);
	if (b.year < BIRTH_MIN_YEAR || b.month < 0 || b.day < 0)
		return NCT_ERR_INVALID;
	if (len >= 7 && !date_valid(b.year, b.month, len == 10 ? b.day : 1))
		return NCT_ERR_INVALID;
	*out = b;
	return NCT_OK;
}

nct_err birth_parse_vn(const char *s, struct birth *out)
{
	int v[3];
	int n = birth_parse(s, out) == NCT_OK ? 0 : date_split_vn(s, v);
	if (n == 0)
		return NCT_OK;
	struct birth b = {n > 0 ? v[n - 1] : 0, n >= 2 ? v[n - 2] : 0, n == 3 ? v[0] : 0};
	if (n < 1 || b.year < BIRTH_MIN_YEAR || (n >= 2 && b.month == 0) || (n == 3 && b.day == 0))
		return NCT_ERR_INVALID;
	if (n >= 2 && !date_valid(b.year, b.month, n == 3 ? b.day : 1))
		return NCT_ERR_INVALID;
	*out = b;
	return NCT_OK;
}

void birth_format(struct birth b, char out[DATE_LEN])
{
	char *p = date_put_digits(out, b.year, 4);
	if (b.month) {
		*p++ = '-';
		p = date_put_digits(p, b.month, 2);
	}
	if (b.month && b.day) {
		*p++ = '-';
		p = date_put_digits(p, b.day, 2);
	}
	*p = '\0';
}

void birth_format_vn(struct birth b, char out[DATE_LEN])
{
	char *p = out;
	if (b.month && b.day) {
		p = date_put_digits(p, b.day, 2);
		*p++ = '/';
	}
	if (b.month) {
		p = date_put_digits(p, b.month, 2);
		*p++ = '/';
	}
	p = date_put_digits(p, b.year, 4);
	*p = '\0';
}

struct date birth_start(struct birth b)
{
	struct date d = {b.year, b.month ? b.month : 1, b.month && b.day ? b.day : 1};
	return d;
}

/* Comparing (month, day) pairs makes a 29 February birth reach its age on
 * 1 March of a common year: 28 February still sorts before 29 February. */
int birth_age_on(struct birth b, struct date on)
{
	struct date start = birth_start(b);
	if (date_cmp(start, on) > 0)
		return -1;
	int age = on.y - start.y;
	if (on.m < start.m || (on.m == start.m && on.d < start.d))
		age--;
	return age;
}

bool birth_after(struct birth b, struct date on)
{
	return date_cmp(birth_start(b), on) > 0;
}

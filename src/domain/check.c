#include "check.h"

#include <stdint.h>
#include <string.h>

#include "../base/text.h"
#include "club.h"

/* The code point at *p (well-formed UTF-8), and *p moved past it. */
static uint32_t next_char(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (n > 1)
		c &= 0x3Fu >> (n - 1);
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3Fu);
	*p = s + n;
	return c;
}

/* C0, DEL, C1, and the bidirectional overrides and isolates, which make a
 * name read otherwise than it is stored. */
static bool control_char(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* Characters that show nothing: spaces of every width, no-break spaces,
 * zero-width characters and joiners, direction marks, the byte-order mark,
 * the soft hyphen, fillers. */
static bool invisible_char(uint32_t c)
{
	return c == 0x20 || c == 0xA0 || c == 0xAD || c == 0x34F || c == 0x115F || c == 0x1160 ||
	       c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200F) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || (c >= 0x205F && c <= 0x2064) || c == 0x3000 ||
	       c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0;
}

/* What is wrong with the characters of s (non-empty): RF_TEXT_CONTROL,
 * RF_TEXT_INVISIBLE, or RF_NONE. */
static int text_fault(const char *s)
{
	bool seen = false;
	if (!text_valid_utf8(s, strlen(s)))
		return RF_TEXT_CONTROL;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t c = next_char(&p);
		if (control_char(c))
			return RF_TEXT_CONTROL;
		seen = seen || !invisible_char(c);
	}
	return seen ? RF_NONE : RF_TEXT_INVISIBLE;
}

nct_err check_text(const char *s, size_t max, const char *field, struct refusal *rf)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max || strspn(s, " ") == n)
		return refuse(rf, NCT_ERR_INVALID, RF_TEXT_LENGTH, field, "n", (int64_t)max);
	int fault = text_fault(s);
	return fault ? refuse(rf, NCT_ERR_INVALID, fault, field, "") : NCT_OK;
}

nct_err check_title(const char *s, size_t max, const char *field, struct refusal *rf)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n >= TEXT_BYTES(max) || !text_valid_utf8(s, n) || text_chars(s) > max ||
	    strspn(s, " ") == n)
		return n && !text_valid_utf8(s, n)
		           ? refuse(rf, NCT_ERR_INVALID, RF_TEXT_CONTROL, field, "")
		           : refuse(rf, NCT_ERR_INVALID, RF_TITLE_LENGTH, field, "i", (int64_t)max);
	int fault = text_fault(s);
	return fault ? refuse(rf, NCT_ERR_INVALID, fault, field, "") : NCT_OK;
}

nct_err check_optional_text(const char *s, size_t max, const char *field, struct refusal *rf)
{
	if (!s || !s[0])
		return NCT_OK;
	if (strlen(s) > max)
		return refuse(rf, NCT_ERR_INVALID, RF_TOO_LONG, field, "n", (int64_t)max);
	int fault = text_fault(s);
	return fault ? refuse(rf, NCT_ERR_INVALID, fault, field, "") : NCT_OK;
}

nct_err check_code(const char *s, size_t max, const char *field, struct refusal *rf)
{
	static const char ok[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	size_t n = s ? strlen(s) : 0;
	if (n && n <= max && strspn(s, ok) == n && strspn(s, ".") < n)
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_CODE_FORMAT, field, "i", (int64_t)max);
}

nct_err check_number(long long v, long long min, long long max, const char *field,
                     struct refusal *rf)
{
	if (v >= min && v <= max)
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, field, "ii", (int64_t)min,
	              (int64_t)max);
}

bool check_listed(const char *const *codes, const char *s)
{
	for (; s && *codes; codes++)
		if (strcmp(s, *codes) == 0)
			return true;
	return false;
}

nct_err check_one_of(const char *s, const char *const *codes, const char *field, struct refusal *rf)
{
	char list[REFUSAL_ARG_LEN];
	if (check_listed(codes, s))
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, field, "s", refusal_list(codes, list));
}

nct_err check_date(const char *s, const char *field, struct date *d, struct refusal *rf)
{
	struct date earliest;
	if (!s || date_parse(s, d) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, field, "");
	if (date_parse(CHECK_EARLIEST_DATE, &earliest) || date_cmp(*d, earliest) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_TOO_EARLY, field, "dd", s,
		              CHECK_EARLIEST_DATE);
	return NCT_OK;
}

nct_err check_past_date(const char *s, const char *field, struct date *d, struct refusal *rf)
{
	nct_err e = check_date(s, field, d, rf);
	if (!e && date_cmp(*d, date_today_vn()) > 0)
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_IN_FUTURE, field, "d", s);
	return e;
}

nct_err check_club_date(const struct club *c, const char *s, const char *field, struct date *d,
                        struct refusal *rf)
{
	struct date founded;
	nct_err e = check_past_date(s, field, d, rf);
	if (!e && (date_parse(c->founded_on, &founded) || date_cmp(*d, founded) < 0))
		return refuse(rf, NCT_ERR_INVALID, RF_BEFORE_FOUNDING, field, "dd", s,
		              c->founded_on);
	return e;
}

nct_err check_birth(const char *s, const char *field, struct birth *b, struct refusal *rf)
{
	if (!s || birth_parse_vn(s, b) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_BIRTH_FORMAT, field, "");
	if (b->year < CHECK_BIRTH_MIN_YEAR)
		return refuse(rf, NCT_ERR_INVALID, RF_BIRTH_TOO_EARLY, field, "i",
		              (int64_t)b->year);
	if (birth_after(*b, date_today_vn()))
		return refuse(rf, NCT_ERR_INVALID, RF_BIRTH_IN_FUTURE, field, "");
	return NCT_OK;
}

nct_err check_day(const char *s, const char *field, struct date *d, struct refusal *rf)
{
	char iso[DATE_LEN];
	if (!s || date_parse_vn(s, d) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, field, "");
	date_format(*d, iso);
	if (date_cmp(*d, date_today_vn()) > 0)
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_IN_FUTURE, field, "d", iso);
	return NCT_OK;
}

#include "check.h"

#include <stdint.h>
#include <string.h>

#include "../base/text.h"
#include "club.h"

nct_err check_text(const char *s, size_t max, const char *field, struct refusal *rf)
{
	size_t blank = s ? strspn(s, " \t") : 0;
	if (s && s[blank] && strlen(s) <= max && text_valid_utf8(s, strlen(s)))
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_TEXT_LENGTH, field, "i", (int64_t)max);
}

nct_err check_code(const char *s, size_t max, const char *field, struct refusal *rf)
{
	static const char ok[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	size_t n = s ? strlen(s) : 0;
	if (n && n <= max && strspn(s, ok) == n)
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_CODE_FORMAT, field, "i", (int64_t)max);
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
	if (s && date_parse(s, d) == NCT_OK)
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, field, "");
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

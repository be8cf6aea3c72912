#include "lookup.h"

#include <string.h>

#include "html.h"

bool route_club(struct req *r, struct date on, struct club *c)
{
	nct_err e = club_get(&r->x, r->params[0], on, c);
	if (e)
		resp_domain_error(
		    r, e,
		    e == NCT_ERR_DENIED ? tr(r, "Câu lạc bộ này nằm ngoài địa bàn của bạn.",
		                             "This club is outside your area.")
		    : e == NCT_ERR_NOTFOUND ? tr(r, "Không có câu lạc bộ này.", "No such club.")
		                            : NULL);
	return !e;
}

void route_place_error(struct req *r, nct_err e, const char *code)
{
	struct refusal rf;
	if (e == NCT_ERR_DENIED) {
		refuse(&rf, e, RF_PLACE_OUTSIDE, NULL, "s", code ? code : "");
		resp_refusal(r, e, &rf);
	} else if (e == NCT_ERR_NOTFOUND)
		resp_refuse(r, e, RF_PLACE_UNKNOWN, NULL);
	else
		resp_domain_error(r, e, NULL);
}

int64_t route_number(const char *s)
{
	int64_t v = 0;
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool route_person(struct req *r, struct person *p)
{
	int64_t id = route_number(r->params[0]);
	nct_err e = id ? person_get(&r->x, id, p) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_DENIED)
		resp_refuse(r, e, RF_PERSON_OUTSIDE, NULL);
	else if (e == NCT_ERR_NOTFOUND) {
		struct refusal rf;
		refuse(&rf, e, RF_NO_SUCH_PERSON, NULL, "i", id);
		resp_refusal(r, e, &rf);
	} else if (e)
		resp_domain_error(r, e, NULL);
	return !e;
}

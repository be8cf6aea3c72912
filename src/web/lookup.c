#include "lookup.h"

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

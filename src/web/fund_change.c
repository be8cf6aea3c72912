/* fund_change.c - the changes a request makes to a club's funds, read alike
 * from a form and from a JSON body (fund_change.h). */
#include "fund_change.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/fund.h"

/* JSON true, or "1" or "true" (a ticked checkbox sends "1"). */
static bool flag(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	return json_is_true(r->json ? json_object_get(r->json, name) : NULL) ||
	       (v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0));
}

/* An id: a JSON integer, or a string of digits; else 0 (which the domain
 * refuses: no row has it). */
/* An amount of đồng: a JSON number (a fraction is refused as one), or text
 * as people write it. Absent is 0 unless required. */
static nct_err amount(struct req *r, const char *name, bool required, int64_t *out)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	const char *s = req_input(r, name);
	char text[64] = "";
	*out = 0;
	if (json_is_integer(v) || json_is_real(v)) {
		char *d = json_dumps(v, JSON_ENCODE_ANY);
		snprintf(text, sizeof text, "%s", d ? d : "?");
		free(d);
		return fund_amount_parse(text, false, name, out, &r->rf);
	}
	if (!s && !required && (!v || json_is_null(v)))
		return NCT_OK;
	return fund_amount_parse(s ? s : v ? "?" : "", true, name, out, &r->rf);
}

/* rate_bp as a JSON integer, or rate as per cent text ("1,5"). A rate_bp
 * that is not a whole number, or does not fit, is number_range; the rule's
 * own range is the domain's (rate_range). */
static nct_err rate(struct req *r, int *bp)
{
	json_t *v = r->json ? json_object_get(r->json, "rate_bp") : NULL;
	long long x = 0;
	if (!v || json_is_null(v))
		return fund_rate_parse(req_input(r, "rate"), bp, &r->rf);
	if (!req_json_int(r, r->json, "rate_bp", INT_MIN, INT_MAX, &x))
		return NCT_ERR_INVALID;
	*bp = (int)x;
	return NCT_OK;
}

/* term_months, a whole number (number_range when it is not one or does not
 * fit); absent is 0, which the domain refuses with the rule's range
 * (loan_term), as it does any other term outside it. */
static nct_err term(struct req *r, int *months)
{
	long long x = 0;
	if (!req_int(r, "term_months", INT_MIN, INT_MAX, &x))
		return NCT_ERR_INVALID;
	*months = (int)x;
	return NCT_OK;
}

static nct_err may_change(struct req *r, const struct club *c)
{
	if (access_club(&r->x, c, ACCESS_CHANGE))
		return refuse(&r->rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	return NCT_OK;
}

nct_err fund_change_reversal(struct req *r, const struct club *c, int64_t entry_id, int64_t *id)
{
	struct fund_reversal in = {entry_id, req_input(r, "on"), flag(r, "override"),
	                           req_input(r, "note")};
	nct_err e = may_change(r, c);
	return e ? e : fund_entry_reverse(&r->x, c, &in, id, &r->rf);
}

nct_err fund_change_entry(struct req *r, const struct club *c, int64_t *id)
{
	const char *kind = req_input(r, "kind");
	struct fund_entry_new in = {req_input(r, "fund"), kind,
	                            req_input(r, "on"),   0,
	                            flag(r, "support"),   flag(r, "override"),
	                            req_input(r, "note")};
	if (kind && strcmp(kind, "correction") == 0) {
		int64_t reverses = 0; /* absent: 0, which names no entry (not_found) */
		if (!req_id(r, "reverses", &reverses))
			return NCT_ERR_INVALID;
		return fund_change_reversal(r, c, reverses, id);
	}
	nct_err e = may_change(r, c);
	if (!e)
		e = amount(r, "amount", true, &in.amount);
	return e ? e : fund_entry_add(&r->x, c, &in, id, &r->rf);
}

nct_err fund_change_loan(struct req *r, const struct club *c, int64_t *id)
{
	struct fund_loan_new in = {0,
	                           0,
	                           req_input(r, "disbursed_on"),
	                           0,
	                           req_input(r, "frequency"),
	                           0,
	                           req_input(r, "purpose"),
	                           flag(r, "override"),
	                           req_input(r, "note")};
	nct_err e = may_change(r, c);
	if (!e && !req_id(r, "person_id", &in.person_id))
		e = NCT_ERR_INVALID; /* not a whole number: number_range, never read as 0 */
	if (!e)
		e = amount(r, "principal", true, &in.principal);
	if (!e)
		e = term(r, &in.term_months);
	if (!e)
		e = rate(r, &in.rate_bp);
	return e ? e : fund_loan_disburse(&r->x, c, &in, id, &r->rf);
}

nct_err fund_change_repayment(struct req *r, const struct club *c, int64_t loan_id, int64_t *id)
{
	struct fund_repayment_new in = {loan_id, req_input(r, "on"), 0, 0};
	nct_err e = may_change(r, c);
	if (!e)
		e = amount(r, "principal", false, &in.principal);
	if (!e)
		e = amount(r, "interest", false, &in.interest);
	return e ? e : fund_loan_repay(&r->x, c, &in, id, &r->rf);
}

nct_err fund_change_write_off(struct req *r, const struct club *c, int64_t loan_id)
{
	return fund_loan_write_off(&r->x, c, loan_id, req_input(r, "on"), req_input(r, "note"),
	                           &r->rf);
}

int64_t fund_route_id(const struct req *r)
{
	char *end;
	const char *s = r->params[1];
	if (!s || *s < '0' || *s > '9')
		return 0;
	long long v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

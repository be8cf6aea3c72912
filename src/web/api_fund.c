/* api_fund.c - /api/v1/clubs/{code}/ledger, /loans and /portfolio: the same
 * domain calls as the fund pages. Amounts are whole đồng: a JSON integer, or
 * a string as people write it ("50.000.000"). */
#include <stdlib.h>
#include <string.h>

#include "../domain/fund.h"
#include "api_fund.h"
#include "lookup.h"
#include "html.h"

static const char *arg(const struct req *r, const char *name)
{
	const char *v = NULL;
	if (r->json)
		v = json_string_value(json_object_get(r->json, name));
	if (!v)
		v = req_arg(r, name);
	return v && v[0] ? v : NULL;
}

static bool flag(const struct req *r, const char *name)
{
	const char *v = req_arg(r, name);
	return json_is_true(r->json ? json_object_get(r->json, name) : NULL) ||
	       (v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0));
}

/* A JSON integer, or a string of digits; fallback when absent or anything else. */
static int64_t whole(const struct req *r, const char *name, int64_t fallback)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	const char *s = json_is_integer(v) ? NULL : arg(r, name);
	char *end;
	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	if (!s || *s < '0' || *s > '9')
		return fallback;
	long long x = strtoll(s, &end, 10);
	return *end == '\0' ? (int64_t)x : fallback;
}

/* An amount: a JSON integer, a string as people write it, or (refused by the
 * domain's message) a JSON number with a fraction. Absent is 0 unless required. */
static nct_err amount(const struct req *r, const char *name, bool required, int64_t *out, char *msg,
                      size_t msglen)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	char text[64] = "";
	*out = 0;
	if (json_is_integer(v)) {
		snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
		return fund_amount_parse(text, false, out, msg, msglen);
	}
	if (json_is_number(v)) {
		char *d = json_dumps(v, JSON_ENCODE_ANY);
		snprintf(text, sizeof text, "%s", d ? d : "?");
		free(d);
		return fund_amount_parse(text, false, out, msg, msglen);
	}
	const char *s = arg(r, name);
	if (!s && !required && (!v || json_is_null(v)))
		return NCT_OK;
	return fund_amount_parse(s ? s : v ? "?" : "", true, out, msg, msglen);
}

static bool api_day(struct req *r, const char *name, struct date fallback, struct date *on)
{
	const char *s = req_arg(r, name);
	*on = fallback;
	if (!s || !s[0] || date_parse(s, on) == NCT_OK)
		return true;
	resp_error(r, 400, "invalid", "dates must be YYYY-MM-DD");
	return false;
}

static void day_text(struct date d, char out[DATE_LEN])
{
	date_format(d, out);
}

static json_t *opt_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *entry_json(const struct ledger_entry *e, const struct fund_entry_info *m)
{
	char on[DATE_LEN];
	day_text(e->on, on);
	json_t *support = m->support_rule_id
	                      ? json_pack("{s:I, s:s}", "rule", (json_int_t)m->support_rule_id,
	                                  "name", m->support_name)
	                      : json_null();
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:b, s:o, s:o, s:o, s:s?, s:s}", "id",
	                 (json_int_t)e->id, "fund", fund_name(e->fund), "on", on, "kind",
	                 entry_kind_name(e->kind), "amount", (json_int_t)e->amount, "support",
	                 support, "override", e->override, "reverses", opt_id(e->reverses),
	                 "reversed_by", opt_id(m->reversed_by), "loan", opt_id(m->loan_id), "note",
	                 m->note[0] ? m->note : NULL, "created_at", m->created_at);
}

static json_t *balances_json(const struct fund_ledger *l, struct date on)
{
	json_t *b = json_object(), *x = json_object();
	for (int f = FUND_REVOLVING; f <= FUND_ACTIVITY; f++) {
		bool exists = false;
		for (size_t i = 0; i < l->n && !exists; i++)
			exists = l->e[i].fund == (enum fund)f && date_cmp(l->e[i].on, on) <= 0;
		json_object_set_new(b, fund_name((enum fund)f),
		                    json_integer(ledger_balance(l->e, l->n, (enum fund)f, on)));
		json_object_set_new(x, fund_name((enum fund)f), json_boolean(exists));
	}
	return json_pack("{s:o, s:o}", "balances", b, "exists", x);
}

/* {club, date, fund, balances, exists, entries}: entries of fund (or both)
 * on or before `on`, oldest first; entry_id > 0 keeps that entry only. */
static json_t *ledger_json(const struct club *c, const struct fund_ledger *l, struct date on,
                           int fund, int64_t entry_id)
{
	char d[DATE_LEN];
	json_t *a = json_array(), *o = balances_json(l, on);
	for (size_t i = 0; a && i < l->n; i++) {
		if (date_cmp(l->e[i].on, on) > 0 ||
		    (fund >= 0 && l->e[i].fund != (enum fund)fund) ||
		    (entry_id && l->e[i].id != entry_id))
			continue;
		json_array_append_new(a, entry_json(&l->e[i], &l->info[i]));
	}
	day_text(on, d);
	json_object_set_new(o, "club", json_string(c->code));
	json_object_set_new(o, "date", json_string(d));
	json_object_set_new(o, "fund",
	                    fund >= 0 ? json_string(fund_name((enum fund)fund)) : json_null());
	json_object_set_new(o, "entries", a);
	return o;
}

/* Answers with the ledger as of `on`, or the error of loading it. */
static void ledger_answer(struct req *r, const struct club *c, int status, struct date on, int fund,
                          int64_t entry_id)
{
	struct fund_ledger l;
	nct_err e = fund_ledger_load(&r->x, c->id, &l);
	if (e) {
		resp_domain_error(r, e, NULL);
		return;
	}
	resp_json(r, status, ledger_json(c, &l, on, fund, entry_id));
	fund_ledger_free(&l);
}

void api_club_ledger(struct req *r)
{
	struct date on;
	struct club c;
	const char *f = arg(r, "fund");
	int fund = f ? fund_parse(f) : -1;
	if (f && fund < 0) {
		resp_error(r, 400, "invalid", "fund must be revolving or activity");
		return;
	}
	if (api_day(r, "date", date_today_vn(), &on) && route_club(r, date_today_vn(), &c))
		ledger_answer(r, &c, 200, on, fund, 0);
}

void api_club_ledger_add(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t v = 0, id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e;
	const char *kind = arg(r, "kind");
	if (kind && strcmp(kind, "correction") == 0) {
		struct fund_reversal in = {whole(r, "reverses", 0), arg(r, "on"),
		                           flag(r, "override"), arg(r, "note")};
		e = fund_entry_reverse(&r->x, &c, &in, &id, msg, sizeof msg);
	} else if (!(e = amount(r, "amount", true, &v, msg, sizeof msg))) {
		struct fund_entry_new in = {
		    arg(r, "fund"),      kind,          arg(r, "on"), v, flag(r, "support"),
		    flag(r, "override"), arg(r, "note")};
		e = fund_entry_add(&r->x, &c, &in, &id, msg, sizeof msg);
	}
	if (e)
		resp_domain_error(r, e, msg[0] ? msg : NULL);
	else
		ledger_answer(r, &c, 201, date_today_vn(), -1, id);
}

static json_t *state_json(const struct loan_state *s)
{
	return json_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I}", "status",
	                 loan_status_name(s->status), "days_in_arrears", s->days_in_arrears,
	                 "outstanding", (json_int_t)s->outstanding, "principal_paid",
	                 (json_int_t)s->principal_paid, "interest_paid",
	                 (json_int_t)s->interest_paid, "principal_due",
	                 (json_int_t)s->principal_due, "overdue", (json_int_t)s->overdue);
}

static json_t *loan_json(const struct fund_loan *l, struct date on)
{
	struct loan_state s;
	char d[DATE_LEN], w[DATE_LEN];
	day_text(l->terms.disbursed, d);
	day_text(l->written_off_on, w);
	fund_loan_state(l, on, &s);
	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:s, s:i, s:s, s:s?, s:s?, s:o}", "id",
	                 (json_int_t)l->id, "person_id", (json_int_t)l->person_id, "person",
	                 l->person_name, "principal", (json_int_t)l->terms.principal,
	                 "disbursed_on", d, "term_months", l->terms.term_months, "frequency",
	                 fund_freq_name(l->terms.freq), "rate_bp", l->terms.rate_bp, "purpose",
	                 l->purpose, "written_off_on", l->written_off ? w : NULL, "write_off_note",
	                 l->written_off ? l->write_off_note : NULL, "state", state_json(&s));
}

static json_t *portfolio_json(const struct portfolio *p)
{
	return json_pack("{s:i, s:I, s:I, s:i, s:I, s:I, s:i}", "loans", p->loans, "outstanding",
	                 (json_int_t)p->outstanding, "at_risk30", (json_int_t)p->at_risk30,
	                 "par30_permille", p->par30_permille, "due", (json_int_t)p->due, "paid",
	                 (json_int_t)p->paid, "repayment_rate_permille",
	                 p->repayment_rate_permille);
}

void api_club_loans(struct req *r)
{
	struct date on;
	struct club c;
	struct fund_loans ls;
	struct portfolio p;
	char d[DATE_LEN];
	if (!api_day(r, "date", date_today_vn(), &on) || !route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_loans_load(&r->x, c.id, 0, &ls);
	if (!e && (e = fund_portfolio_on(&r->x, c.id, on, &p)))
		fund_loans_free(&ls);
	if (e) {
		resp_domain_error(r, e, NULL);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; a && i < ls.n; i++)
		if (date_cmp(ls.v[i].terms.disbursed, on) <= 0)
			json_array_append_new(a, loan_json(&ls.v[i], on));
	fund_loans_free(&ls);
	day_text(on, d);
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:o, s:o}", "club", c.code, "date", d, "portfolio",
	                    portfolio_json(&p), "loans", a));
}

/* One loan with its schedule and repayments, as of `on`. */
static void loan_answer(struct req *r, const struct club *c, int status, int64_t id, struct date on)
{
	struct fund_loans ls;
	struct installment v[LOAN_MAX_INSTALLMENTS];
	size_t n;
	char d[DATE_LEN];
	nct_err e = id > 0 ? fund_loans_load(&r->x, c->id, id, &ls) : NCT_ERR_NOTFOUND;
	if (e) {
		resp_domain_error(r, e, e == NCT_ERR_NOTFOUND ? "no such loan in this club" : NULL);
		return;
	}
	json_t *o = loan_json(&ls.v[0], on), *sa = json_array(), *ra = json_array();
	fund_loan_schedule(&ls.v[0], v, &n);
	for (size_t i = 0; i < n; i++) {
		day_text(v[i].due, d);
		json_array_append_new(sa, json_pack("{s:s, s:I, s:I}", "due", d, "principal",
		                                    (json_int_t)v[i].principal, "interest",
		                                    (json_int_t)v[i].interest));
	}
	for (size_t i = 0; i < ls.v[0].nrep; i++) {
		const struct repayment *p = &ls.v[0].rep[i];
		day_text(p->on, d);
		json_array_append_new(ra, json_pack("{s:I, s:s, s:I, s:I}", "id",
		                                    (json_int_t)ls.v[0].rep_id[i], "on", d,
		                                    "principal", (json_int_t)p->principal,
		                                    "interest", (json_int_t)p->interest));
	}
	fund_loans_free(&ls);
	day_text(on, d);
	json_object_set_new(o, "club", json_string(c->code));
	json_object_set_new(o, "date", json_string(d));
	json_object_set_new(o, "schedule", sa);
	json_object_set_new(o, "repayments", ra);
	resp_json(r, status, o);
}

static int64_t route_id(const struct req *r)
{
	char *end;
	const char *s = r->params[1];
	if (!s || *s < '0' || *s > '9')
		return 0;
	long long v = strtoll(s, &end, 10);
	return *end == '\0' ? (int64_t)v : 0;
}

void api_club_loan(struct req *r)
{
	struct date on;
	struct club c;
	if (api_day(r, "date", date_today_vn(), &on) && route_club(r, date_today_vn(), &c))
		loan_answer(r, &c, 200, route_id(r), on);
}

/* rate_bp as a JSON integer, or rate as per cent text ("1,5"). */
static nct_err loan_rate(const struct req *r, int *bp, char *msg, size_t msglen)
{
	json_t *v = r->json ? json_object_get(r->json, "rate_bp") : NULL;
	if (json_is_integer(v)) {
		json_int_t x = json_integer_value(v);
		*bp = x < -1000000 ? -1000000 : x > 1000000 ? 1000000 : (int)x;
		return NCT_OK;
	}
	return fund_rate_parse(arg(r, "rate"), bp, msg, msglen);
}

void api_club_loan_add(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t principal = 0, id = 0;
	int bp = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = amount(r, "principal", true, &principal, msg, sizeof msg);
	if (!e)
		e = loan_rate(r, &bp, msg, sizeof msg);
	int64_t term = whole(r, "term_months", 0);
	struct fund_loan_new in = {whole(r, "person_id", 0),
	                           principal,
	                           arg(r, "disbursed_on"),
	                           term < 0 || term > 100000 ? 0 : (int)term,
	                           arg(r, "frequency"),
	                           bp,
	                           arg(r, "purpose"),
	                           flag(r, "override"),
	                           arg(r, "note")};
	if (!e)
		e = fund_loan_disburse(&r->x, &c, &in, &id, msg, sizeof msg);
	if (e)
		resp_domain_error(r, e, msg[0] ? msg : NULL);
	else
		loan_answer(r, &c, 201, id, date_today_vn());
}

void api_club_loan_repay(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t id = 0;
	struct fund_repayment_new in = {route_id(r), arg(r, "on"), 0, 0};
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = amount(r, "principal", false, &in.principal, msg, sizeof msg);
	if (!e)
		e = amount(r, "interest", false, &in.interest, msg, sizeof msg);
	if (!e)
		e = fund_loan_repay(&r->x, &c, &in, &id, msg, sizeof msg);
	if (e)
		resp_domain_error(r, e, msg[0] ? msg : NULL);
	else
		loan_answer(r, &c, 201, in.loan_id, date_today_vn());
}

void api_club_loan_write_off(struct req *r)
{
	struct club c;
	char msg[512] = "";
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_loan_write_off(&r->x, &c, route_id(r), arg(r, "on"), arg(r, "note"), msg,
	                                sizeof msg);
	if (e)
		resp_domain_error(r, e, msg[0] ? msg : NULL);
	else
		loan_answer(r, &c, 200, route_id(r), date_today_vn());
}

static json_t *period_json(const struct fund_report *p)
{
	char a[DATE_LEN], b[DATE_LEN], ratio[24];
	day_text(p->from, a);
	day_text(p->to, b);
	snprintf(ratio, sizeof ratio, "%d,%02d", p->rotation_centi / 100, p->rotation_centi % 100);
	return json_pack("{s:s, s:s, s:i, s:i, s:I, s:I, s:I, s:i, s:s}", "from", a, "to", b,
	                 "borrowers", p->borrowers, "loans_disbursed", p->loans_disbursed,
	                 "disbursed", (json_int_t)p->disbursed, "opening", (json_int_t)p->opening,
	                 "inflows", (json_int_t)p->inflows, "rotation_permille",
	                 p->rotation_permille, "rotation", ratio);
}

void api_club_portfolio(struct req *r)
{
	struct date on, from, to;
	struct club c;
	struct portfolio p;
	struct fund_report rep;
	char d[DATE_LEN];
	if (!api_day(r, "date", date_today_vn(), &on) || !api_day(r, "to", on, &to) ||
	    !api_day(r, "from", (struct date){to.y, 1, 1}, &from) ||
	    !route_club(r, date_today_vn(), &c))
		return;
	if (date_cmp(from, to) > 0) {
		resp_error(r, 400, "invalid", "from must not be after to");
		return;
	}
	nct_err e = fund_portfolio_on(&r->x, c.id, on, &p);
	if (!e)
		e = fund_report(&r->x, c.id, from, to, &rep);
	if (e) {
		resp_domain_error(r, e, NULL);
		return;
	}
	day_text(on, d);
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:o, s:o}", "club", c.code, "date", d, "portfolio",
	                    portfolio_json(&p), "period", period_json(&rep)));
}

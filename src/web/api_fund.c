/* api_fund.c - /api/v1/clubs/{code}/ledger, /loans and /portfolio: the same
 * domain calls as the fund pages, read by the same fund_change.c. Amounts are
 * whole đồng: a JSON integer, or a string as people write it ("50.000.000"). */
#include <stdlib.h>
#include <string.h>

#include "../domain/fund.h"
#include "api_fund.h"
#include "fund_change.h"
#include "html.h"
#include "lookup.h"

static bool api_day(struct req *r, const char *name, struct date fallback, struct date *on)
{
	const char *s = req_arg(r, name);
	*on = fallback;
	if (!s || !s[0] || date_parse(s, on) == NCT_OK)
		return true;
	resp_refuse(r, NCT_ERR_INVALID, RF_DATE_FORMAT, name);
	return false;
}

static json_t *opt_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *entry_json(const struct ledger_entry *e, const struct fund_entry_info *m)
{
	char on[DATE_LEN];
	date_format(e->on, on);
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
	date_format(on, d);
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
		resp_refusal(r, e, NULL);
		return;
	}
	resp_json(r, status, ledger_json(c, &l, on, fund, entry_id));
	fund_ledger_free(&l);
}

void api_club_ledger(struct req *r)
{
	struct date on;
	struct club c;
	const char *f = req_arg(r, "fund");
	int fund = f && f[0] ? fund_parse(f) : -1;
	if (f && f[0] && fund < 0) {
		resp_refuse(r, NCT_ERR_INVALID, RF_FUND_CHOICE, "fund");
		return;
	}
	if (api_day(r, "date", date_today_vn(), &on) && route_club(r, date_today_vn(), &c))
		ledger_answer(r, &c, 200, on, fund, 0);
}

void api_club_ledger_add(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_change_entry(r, &c, &id);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		ledger_answer(r, &c, 201, date_today_vn(), -1, id);
}

/* What a correction of the entry would do, before it is made: the step a
 * page asks to confirm, for clients that want to show it too. */
void api_club_ledger_reversal(struct req *r)
{
	struct club c;
	struct fund_reversal_preview p;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_reversal_preview(&r->x, &c, fund_route_id(r), &p, &r->rf);
	if (resp_refused(r, e))
		return;
	resp_json(r, 200,
	          json_pack("{s:s, s:o, s:I, s:I, s:I, s:b, s:b}", "club", c.code, "entry",
	                    entry_json(&p.entry, &p.info), "correction",
	                    (json_int_t)-p.entry.amount, "balance_now", (json_int_t)p.balance_now,
	                    "balance_after", (json_int_t)p.balance_after, "needs_override",
	                    p.needs_override, "may_override", p.may_override));
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
	date_format(l->terms.disbursed, d);
	date_format(l->written_off_on, w);
	fund_loan_state(l, on, &s);
	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:s, s:i, s:s, s:s?, s:s?, s:o}", "id",
	                 (json_int_t)l->id, "person_id", (json_int_t)l->person_id, "person",
	                 l->person_name, "principal", (json_int_t)l->terms.principal,
	                 "disbursed_on", d, "term_months", l->terms.term_months, "frequency",
	                 loan_freq_name(l->terms.freq), "rate_bp", l->terms.rate_bp, "purpose",
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
		resp_refusal(r, e, NULL);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; a && i < ls.n; i++)
		if (date_cmp(ls.v[i].terms.disbursed, on) <= 0)
			json_array_append_new(a, loan_json(&ls.v[i], on));
	fund_loans_free(&ls);
	date_format(on, d);
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
	if (e == NCT_ERR_NOTFOUND)
		refuse(&r->rf, e, RF_NO_SUCH_LOAN, NULL, "i", id);
	if (resp_refused(r, e))
		return;
	json_t *o = loan_json(&ls.v[0], on), *sa = json_array(), *ra = json_array();
	fund_loan_schedule(&ls.v[0], v, &n);
	for (size_t i = 0; i < n; i++) {
		date_format(v[i].due, d);
		json_array_append_new(sa, json_pack("{s:s, s:I, s:I}", "due", d, "principal",
		                                    (json_int_t)v[i].principal, "interest",
		                                    (json_int_t)v[i].interest));
	}
	for (size_t i = 0; i < ls.v[0].nrep; i++) {
		const struct repayment *p = &ls.v[0].rep[i];
		date_format(p->on, d);
		json_array_append_new(ra, json_pack("{s:I, s:s, s:I, s:I}", "id",
		                                    (json_int_t)ls.v[0].rep_id[i], "on", d,
		                                    "principal", (json_int_t)p->principal,
		                                    "interest", (json_int_t)p->interest));
	}
	fund_loans_free(&ls);
	date_format(on, d);
	json_object_set_new(o, "club", json_string(c->code));
	json_object_set_new(o, "date", json_string(d));
	json_object_set_new(o, "schedule", sa);
	json_object_set_new(o, "repayments", ra);
	resp_json(r, status, o);
}

void api_club_loan(struct req *r)
{
	struct date on;
	struct club c;
	if (api_day(r, "date", date_today_vn(), &on) && route_club(r, date_today_vn(), &c))
		loan_answer(r, &c, 200, fund_route_id(r), on);
}

/* Answers a change to a loan: the refusal, or the loan as it now is. */
static void loan_changed(struct req *r, const struct club *c, nct_err e, int status, int64_t id)
{
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		loan_answer(r, c, status, id, date_today_vn());
}

void api_club_loan_add(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_change_loan(r, &c, &id); /* before id is read */
	loan_changed(r, &c, e, 201, id);
}

void api_club_loan_repay(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (route_club(r, date_today_vn(), &c))
		loan_changed(r, &c, fund_change_repayment(r, &c, fund_route_id(r), &id), 201,
		             fund_route_id(r));
}

void api_club_loan_write_off(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		loan_changed(r, &c, fund_change_write_off(r, &c, fund_route_id(r)), 200,
		             fund_route_id(r));
}

static json_t *period_json(const struct fund_report *p)
{
	char a[DATE_LEN], b[DATE_LEN], ratio[24];
	date_format(p->from, a);
	date_format(p->to, b);
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
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày đầu kỳ (from) không được sau ngày cuối kỳ (to).",
		              "from may not be after to."));
		return;
	}
	nct_err e = fund_portfolio_on(&r->x, c.id, on, &p);
	if (!e)
		e = fund_report(&r->x, c.id, from, to, &rep);
	if (e) {
		resp_refusal(r, e, NULL);
		return;
	}
	date_format(on, d);
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:o, s:o}", "club", c.code, "date", d, "portfolio",
	                    portfolio_json(&p), "period", period_json(&rep)));
}

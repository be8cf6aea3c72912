#include "loan.h"

#include <string.h>

#include "../base/money.h"

/* Products such as principal * rate_bp * months pass 2^63 near MONEY_MAX. */
__extension__ typedef __int128 wide;

#define LOAN_MAX_TERM    120
#define LOAN_MAX_RATE_BP 10000 /* 100 % a year: far above any fund; keeps products bounded */

const char *const loan_freqs[] = {"monthly", "quarterly", "end", NULL};
const char *const loan_statuses[] = {"current", "in_arrears", "repaid", "written_off", NULL};

const char *loan_freq_name(enum loan_freq f)
{
	return (unsigned)f <= LOAN_AT_END ? loan_freqs[f] : "";
}

int loan_freq_parse(const char *s)
{
	for (int i = 0; s && i <= LOAN_AT_END; i++)
		if (strcmp(s, loan_freqs[i]) == 0)
			return i;
	return -1;
}

/* Adds v to a total, which stops at the end of int64_t rather than wrap. */
static void add_to(int64_t *total, int64_t v)
{
	if (!money_add(*total, v, total))
		*total = v < 0 ? INT64_MIN : INT64_MAX;
}

static int months_per_period(const struct loan_terms *t)
{
	switch (t->freq) {
	case LOAN_MONTHLY:
		return 1;
	case LOAN_QUARTERLY:
		return 3;
	case LOAN_AT_END:
		return t->term_months;
	}
	return 0;
}

static nct_err check_amount_and_rate(const struct loan_terms *t, struct refusal *rf)
{
	if (t->principal <= 0)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_NOT_POSITIVE, "principal", "");
	if (t->principal > MONEY_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_TOO_LARGE, "principal", "m",
		              MONEY_MAX);
	if (t->rate_bp < 0 || t->rate_bp > LOAN_MAX_RATE_BP)
		return refuse(rf, NCT_ERR_INVALID, RF_RATE_RANGE, "rate", "");
	return NCT_OK;
}

static nct_err check_term_and_dates(const struct loan_terms *t, struct refusal *rf)
{
	const struct date d = t->disbursed;
	if (!date_valid(d.y, d.m, d.d))
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "disbursed_on", "");
	if (t->term_months < 1 || t->term_months > LOAN_MAX_TERM)
		return refuse(rf, NCT_ERR_INVALID, RF_LOAN_TERM, "term_months", "i",
		              (int64_t)LOAN_MAX_TERM);
	if (t->freq != LOAN_MONTHLY && t->freq != LOAN_QUARTERLY && t->freq != LOAN_AT_END)
		return refuse(rf, NCT_ERR_INVALID, RF_LOAN_FREQUENCY, "frequency", "");
	if (t->freq == LOAN_QUARTERLY && t->term_months % 3 != 0)
		return refuse(rf, NCT_ERR_INVALID, RF_QUARTERLY_TERM, "term_months", "");
	if ((d.y * 12 + d.m - 1 + t->term_months) / 12 > 9999)
		return refuse(rf, NCT_ERR_INVALID, RF_MATURITY_YEAR, "disbursed_on", "");
	return NCT_OK;
}

nct_err loan_terms_check(const struct loan_terms *t, struct refusal *rf)
{
	nct_err e = check_amount_and_rate(t, rf);
	if (!e)
		e = check_term_and_dates(t, rf);
	return e;
}

static struct date add_months(struct date d, int k)
{
	int total = d.y * 12 + (d.m - 1) + k;
	struct date r = {total / 12, total % 12 + 1, d.d};
	while (!date_valid(r.y, r.m, r.d))
		r.d--;
	return r;
}

static int64_t period_interest(const struct loan_terms *t, int months)
{
	wide num = (wide)t->principal * t->rate_bp * months;
	return (int64_t)((num + 60000) / 120000);
}

nct_err loan_schedule(const struct loan_terms *t, struct installment out[LOAN_MAX_INSTALLMENTS],
                      size_t *n)
{
	*n = 0;
	if (loan_terms_check(t, NULL) != NCT_OK)
		return NCT_ERR_INVALID;
	int step = months_per_period(t);
	int periods = t->term_months / step;
	int64_t part = t->principal / periods;
	int64_t interest = period_interest(t, step);
	for (int i = 0; i < periods; i++) {
		out[i].due = add_months(t->disbursed, (i + 1) * step);
		out[i].principal = part;
		out[i].interest = interest;
	}
	out[periods - 1].principal = t->principal - part * (periods - 1);
	*n = (size_t)periods;
	return NCT_OK;
}

static void sum_repayments(const struct repayment *r, size_t nr, struct date on,
                           struct loan_state *out)
{
	for (size_t i = 0; i < nr; i++) {
		if (date_cmp(r[i].on, on) > 0)
			continue;
		add_to(&out->principal_paid, r[i].principal);
		add_to(&out->interest_paid, r[i].interest);
	}
}

/* Installments are covered oldest first by the principal paid; the clock runs
 * from the due date of the first one not fully covered, once that day is over. */
static void arrears(const struct installment *sched, size_t n, struct date on,
                    struct loan_state *out)
{
	int64_t covered = 0;
	for (size_t i = 0; i < n && date_cmp(sched[i].due, on) <= 0; i++)
		add_to(&out->principal_due, sched[i].principal);
	int64_t gap = out->principal_due - out->principal_paid;
	out->overdue = gap > 0 ? gap : 0;
	for (size_t i = 0; i < n; i++) {
		covered += sched[i].principal;
		if (covered <= out->principal_paid)
			continue;
		if (date_cmp(sched[i].due, on) < 0)
			out->days_in_arrears = (int)(date_to_days(on) - date_to_days(sched[i].due));
		return;
	}
}

void loan_state_on(const struct loan_terms *t, const struct installment *sched, size_t n,
                   const struct repayment *r, size_t nr, bool written_off,
                   struct date written_off_on, struct date on, struct loan_state *out)
{
	*out = (struct loan_state){0};
	out->status = LOAN_CURRENT;
	if (date_cmp(on, t->disbursed) < 0)
		return;
	sum_repayments(r, nr, on, out);
	out->outstanding = t->principal - out->principal_paid;
	arrears(sched, n, on, out);
	if (written_off && date_cmp(on, written_off_on) >= 0)
		out->status = LOAN_WRITTEN_OFF;
	else if (out->outstanding <= 0)
		out->status = LOAN_REPAID;
	else if (out->days_in_arrears > 0)
		out->status = LOAN_IN_ARREARS;
}

static nct_err check_repayment_shape(const struct loan_terms *t, const struct repayment *add,
                                     struct refusal *rf)
{
	char d[DATE_LEN];
	if (!date_valid(add->on.y, add->on.m, add->on.d))
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "on", "");
	if (date_cmp(add->on, t->disbursed) < 0) {
		date_format(t->disbursed, d);
		return refuse(rf, NCT_ERR_INVALID, RF_BEFORE_DISBURSEMENT, "on", "d", d);
	}
	if (add->principal < 0 || add->interest < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_NEGATIVE,
		              add->principal < 0 ? "principal" : "interest", "");
	if (add->principal == 0 && add->interest == 0)
		return refuse(rf, NCT_ERR_INVALID, RF_REPAYMENT_EMPTY, "principal", "");
	if (add->principal > MONEY_MAX || add->interest > MONEY_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_TOO_LARGE,
		              add->principal > MONEY_MAX ? "principal" : "interest", "m",
		              MONEY_MAX);
	return NCT_OK;
}

nct_err loan_repayment_check(const struct loan_terms *t, const struct repayment *prior, size_t n,
                             const struct repayment *add, struct refusal *rf)
{
	nct_err e = check_repayment_shape(t, add, rf);
	wide outstanding = t->principal;
	for (size_t i = 0; !e && i < n; i++)
		outstanding -= prior[i].principal;
	if (!e && add->principal > outstanding)
		return refuse(rf, NCT_ERR_INVALID, RF_ABOVE_OUTSTANDING, "principal", "mm",
		              add->principal, (int64_t)(outstanding < 0 ? 0 : outstanding));
	return e;
}

const char *loan_status_name(enum loan_status s)
{
	return (unsigned)s <= LOAN_WRITTEN_OFF ? loan_statuses[s] : "unknown";
}

void portfolio_add(struct portfolio *p, const struct loan_state *s)
{
	add_to(&p->due, s->principal_due);
	add_to(&p->paid,
	       s->principal_paid < s->principal_due ? s->principal_paid : s->principal_due);
	bool open = s->status == LOAN_CURRENT || s->status == LOAN_IN_ARREARS;
	if (!open || s->outstanding <= 0)
		return;
	p->loans++;
	add_to(&p->outstanding, s->outstanding);
	if (s->days_in_arrears > 30)
		add_to(&p->at_risk30, s->outstanding);
}

void portfolio_finish(struct portfolio *p)
{
	p->par30_permille =
	    p->outstanding > 0 ? (int)((wide)p->at_risk30 * 1000 / p->outstanding) : 0;
	p->repayment_rate_permille = p->due > 0 ? (int)((wide)p->paid * 1000 / p->due) : 1000;
}

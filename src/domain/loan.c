#include "loan.h"

#include <stdarg.h>
#include <stdio.h>

#include "../base/money.h"

/* Products such as principal * rate_bp * months pass 2^63 near MONEY_MAX. */
__extension__ typedef __int128 wide;

#define LOAN_MAX_TERM    120
#define LOAN_MAX_RATE_BP 10000 /* 100 % a year: far above any fund; keeps products bounded */

static void say(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t msglen, const char *fmt, ...)
{
	if (!msg || msglen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

/* "1.234.567" (money.c has the shared one; this keeps the domain free of it). */
static void fmt_money(int64_t v, char out[32])
{
	char rev[32];
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0;
	do {
		if (n % 4 == 3)
			rev[n++] = '.';
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t k = 0;
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = rev[--n];
	out[k] = '\0';
}

/* 1200 bp -> "12,00" (Vietnamese writes the decimal comma). */
static void fmt_rate(int bp, char out[16])
{
	int64_t a = bp < 0 ? -(int64_t)bp : bp;
	snprintf(out, 16, "%s%lld,%02lld", bp < 0 ? "-" : "", (long long)(a / 100),
	         (long long)(a % 100));
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

static nct_err check_amount_and_rate(const struct loan_terms *t, char *msg, size_t msglen)
{
	char a[32], b[32], r[16];
	if (t->principal <= 0) {
		say(msg, msglen, "Số tiền vay phải lớn hơn 0 đ. Hãy nhập số tiền giải ngân.");
		return NCT_ERR_INVALID;
	}
	if (t->principal > MONEY_MAX) {
		fmt_money(t->principal, a);
		fmt_money(MONEY_MAX, b);
		say(msg, msglen, "Số tiền vay (%s đ) vượt quá mức tối đa (%s đ).", a, b);
		return NCT_ERR_INVALID;
	}
	if (t->rate_bp < 0 || t->rate_bp > LOAN_MAX_RATE_BP) {
		fmt_rate(t->rate_bp, r);
		say(msg, msglen,
		    "Lãi suất phải từ 0 đến 100 %%/năm (đang nhập: %s %%/năm). "
		    "Nếu cho vay không lấy lãi, hãy nhập 0.",
		    r);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err check_term_and_dates(const struct loan_terms *t, char *msg, size_t msglen)
{
	const struct date d = t->disbursed;
	if (!date_valid(d.y, d.m, d.d)) {
		say(msg, msglen,
		    "Ngày giải ngân không hợp lệ. Hãy nhập ngày theo dạng dd/mm/yyyy.");
		return NCT_ERR_INVALID;
	}
	if (t->term_months < 1 || t->term_months > LOAN_MAX_TERM) {
		say(msg, msglen, "Thời hạn vay phải từ 1 đến %d tháng (đang nhập: %d tháng).",
		    LOAN_MAX_TERM, t->term_months);
		return NCT_ERR_INVALID;
	}
	if (t->freq != LOAN_MONTHLY && t->freq != LOAN_QUARTERLY && t->freq != LOAN_AT_END) {
		say(msg, msglen,
		    "Kỳ trả nợ không hợp lệ. Hãy chọn trả hàng tháng, hàng quý "
		    "hoặc trả một lần khi đến hạn.");
		return NCT_ERR_INVALID;
	}
	if (t->freq == LOAN_QUARTERLY && t->term_months % 3 != 0) {
		say(msg, msglen,
		    "Trả theo quý cần thời hạn vay chia hết cho 3 (đang nhập: %d tháng). "
		    "Hãy chọn thời hạn 3, 6, 9, 12… tháng hoặc trả hàng tháng.",
		    t->term_months);
		return NCT_ERR_INVALID;
	}
	if ((d.y * 12 + d.m - 1 + t->term_months) / 12 > 9999) {
		say(msg, msglen,
		    "Ngày đáo hạn vượt quá năm 9999. Hãy kiểm tra lại ngày giải ngân.");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

nct_err loan_terms_check(const struct loan_terms *t, char *msg, size_t msglen)
{
	say(msg, msglen, "%s", "");
	nct_err rc = check_amount_and_rate(t, msg, msglen);
	if (rc == NCT_OK)
		rc = check_term_and_dates(t, msg, msglen);
	return rc;
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
	if (loan_terms_check(t, NULL, 0) != NCT_OK)
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
		out->principal_paid += r[i].principal;
		out->interest_paid += r[i].interest;
	}
}

/* Installments are covered oldest first by the principal paid; the clock runs
 * from the due date of the first one not fully covered, once that day is over. */
static void arrears(const struct installment *sched, size_t n, struct date on,
                    struct loan_state *out)
{
	int64_t covered = 0;
	for (size_t i = 0; i < n && date_cmp(sched[i].due, on) <= 0; i++)
		out->principal_due += sched[i].principal;
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
                                     char *msg, size_t msglen)
{
	char a[32], d[DATE_LEN];
	if (!date_valid(add->on.y, add->on.m, add->on.d)) {
		say(msg, msglen, "Ngày trả không hợp lệ. Hãy nhập ngày theo dạng dd/mm/yyyy.");
		return NCT_ERR_INVALID;
	}
	if (date_cmp(add->on, t->disbursed) < 0) {
		date_format_vn(t->disbursed, d);
		say(msg, msglen, "Ngày trả nợ phải từ ngày giải ngân (%s) trở đi.", d);
		return NCT_ERR_INVALID;
	}
	if (add->principal < 0 || add->interest < 0) {
		say(msg, msglen, "Số tiền trả gốc và trả lãi không được âm.");
		return NCT_ERR_INVALID;
	}
	if (add->principal == 0 && add->interest == 0) {
		say(msg, msglen, "Hãy nhập số tiền trả gốc hoặc trả lãi (lớn hơn 0 đ).");
		return NCT_ERR_INVALID;
	}
	if (add->interest > MONEY_MAX) {
		fmt_money(add->interest, a);
		say(msg, msglen, "Số tiền trả lãi (%s đ) quá lớn. Hãy kiểm tra lại.", a);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

nct_err loan_repayment_check(const struct loan_terms *t, const struct repayment *prior, size_t n,
                             const struct repayment *add, char *msg, size_t msglen)
{
	say(msg, msglen, "%s", "");
	nct_err rc = check_repayment_shape(t, add, msg, msglen);
	if (rc != NCT_OK)
		return rc;
	int64_t outstanding = t->principal;
	for (size_t i = 0; i < n; i++)
		outstanding -= prior[i].principal;
	if (add->principal > outstanding) {
		char a[32], b[32];
		fmt_money(add->principal, a);
		fmt_money(outstanding, b);
		say(msg, msglen, "Số tiền trả gốc (%s đ) lớn hơn dư nợ còn lại (%s đ).", a, b);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

const char *loan_status_name(enum loan_status s)
{
	switch (s) {
	case LOAN_CURRENT:
		return "current";
	case LOAN_IN_ARREARS:
		return "in_arrears";
	case LOAN_REPAID:
		return "repaid";
	case LOAN_WRITTEN_OFF:
		return "written_off";
	}
	return "unknown";
}

void portfolio_add(struct portfolio *p, const struct loan_state *s)
{
	p->due += s->principal_due;
	p->paid += s->principal_paid < s->principal_due ? s->principal_paid : s->principal_due;
	bool open = s->status == LOAN_CURRENT || s->status == LOAN_IN_ARREARS;
	if (!open || s->outstanding <= 0)
		return;
	p->loans++;
	p->outstanding += s->outstanding;
	if (s->days_in_arrears > 30)
		p->at_risk30 += s->outstanding;
}

void portfolio_finish(struct portfolio *p)
{
	p->par30_permille =
	    p->outstanding > 0 ? (int)((wide)p->at_risk30 * 1000 / p->outstanding) : 0;
	p->repayment_rate_permille = p->due > 0 ? (int)((wide)p->paid * 1000 / p->due) : 1000;
}

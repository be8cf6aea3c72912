/* loan.h - loans from a club's revolving fund to its members: schedules,
 * repayments, arrears, and the portfolio a club reports. Pure functions: no
 * store, no I/O. Money is whole đồng (int64). */
#ifndef NCT_LOAN_H
#define NCT_LOAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

enum loan_freq { LOAN_MONTHLY, LOAN_QUARTERLY, LOAN_AT_END };

extern const char *const loan_freqs[]; /* monthly, quarterly, end (enum loan_freq) */
const char *loan_freq_name(enum loan_freq f);
int loan_freq_parse(const char *s); /* -1 when unknown */

struct loan_terms {
	int64_t principal; /* > 0, at most MONEY_MAX */
	struct date disbursed;
	int term_months;     /* 1..120 */
	enum loan_freq freq; /* LOAN_QUARTERLY needs term_months divisible by 3 */
	int rate_bp;         /* yearly interest in basis points, 0..10000 (0 allowed), flat on
	                      * the principal, as revolving funds and the Social Policy Bank charge */
};

struct installment {
	struct date due;
	int64_t principal; /* equal parts, the remainder on the last */
	int64_t interest;  /* principal * rate_bp * months_in_period / 120000, rounded half up */
};

#define LOAN_MAX_INSTALLMENTS 120

/* Checks the terms: NCT_ERR_INVALID with rf about "principal" (more than 0,
 * at most MONEY_MAX), "rate", "term_months", "frequency" or "disbursed_on". */
nct_err loan_terms_check(const struct loan_terms *t, struct refusal *rf);

/* The schedule: one installment per period, due on the same day of the month
 * as the disbursement (the last day of a shorter month: 31 Jan + 1 month is
 * 28/29 Feb), the last at disbursed + term_months. LOAN_AT_END has one.
 * Fails with NCT_ERR_INVALID for bad terms. */
nct_err loan_schedule(const struct loan_terms *t, struct installment out[LOAN_MAX_INSTALLMENTS],
                      size_t *n);

struct repayment {
	struct date on;
	int64_t principal; /* >= 0 */
	int64_t interest;  /* >= 0 */
};

enum loan_status { LOAN_CURRENT, LOAN_IN_ARREARS, LOAN_REPAID, LOAN_WRITTEN_OFF };

struct loan_state {
	int64_t principal_paid; /* repayments on or before the date */
	int64_t interest_paid;
	int64_t outstanding;   /* principal - principal_paid */
	int64_t principal_due; /* scheduled principal due on or before the date */
	int64_t overdue;       /* max(0, principal_due - principal_paid) */
	int days_in_arrears;   /* days since the oldest installment not covered by the
	                        * principal paid fell due; 0 when none is overdue, and 0 on
	                        * the due date itself (arrears start the day after) */
	enum loan_status status;
};

/* The state of a loan on `on`, from its schedule (in due order, as
 * loan_schedule makes it) and repayments (any order). written_off (with its
 * date) wins over every other status from that day. Status is LOAN_IN_ARREARS
 * when days_in_arrears > 0; only principal counts, not unpaid interest. Before
 * the disbursement everything is 0 and the status LOAN_CURRENT (portfolio_add
 * leaves such a loan out). */
void loan_state_on(const struct loan_terms *t, const struct installment *sched, size_t n,
                   const struct repayment *r, size_t nr, bool written_off,
                   struct date written_off_on, struct date on, struct loan_state *out);

/* Checks a new repayment against the loan as it stands on its date: amounts
 * not negative, not both zero, at most MONEY_MAX, principal not more than what
 * is outstanding, not before the disbursement. Outstanding counts every prior
 * repayment, also later-dated ones, so the principal paid never passes the
 * principal. NCT_ERR_INVALID with rf about "on", "principal" or "interest". */
nct_err loan_repayment_check(const struct loan_terms *t, const struct repayment *prior, size_t n,
                             const struct repayment *add, struct refusal *rf);

extern const char *const loan_statuses[];         /* current, in_arrears, repaid, written_off */
const char *loan_status_name(enum loan_status s); /* "current", "in_arrears", ... */

/* A club's (or a place's) loans on a date. */
struct portfolio {
	int loans;           /* disbursed on or before the date, not repaid or written off */
	int64_t outstanding; /* of those */
	int64_t at_risk30;   /* outstanding of loans more than 30 days in arrears */
	int par30_permille;  /* at_risk30 * 1000 / outstanding; 0 when nothing is out */
	int64_t due;         /* principal due to date, over all loans */
	int64_t paid;        /* principal paid to date, over all loans (at most due per loan) */
	int repayment_rate_permille; /* paid * 1000 / due; 1000 when nothing is due */
};

/* Adds one loan's state to a portfolio being built (start from all zeros),
 * then call portfolio_finish to compute the ratios. Sums stop at the end of
 * int64_t rather than wrap (with amounts bounded by MONEY_MAX they never get
 * there). */
void portfolio_add(struct portfolio *p, const struct loan_state *s);
void portfolio_finish(struct portfolio *p);

#endif

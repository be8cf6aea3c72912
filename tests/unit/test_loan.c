/* test_loan.c - loan schedules, repayments, arrears and a club's portfolio. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "refused.h"

#include "base/money.h"
#include "domain/loan.h"

static struct loan_terms terms(int64_t principal, int term, enum loan_freq f, int rate_bp)
{
	return (struct loan_terms){principal, {2024, 1, 15}, term, f, rate_bp};
}

static void assert_date(struct date d, int y, int m, int day)
{
	assert_int_equal(d.y, y);
	assert_int_equal(d.m, m);
	assert_int_equal(d.d, day);
}

/* The state on `on` of the 12-month, 10,000,000 đ loan disbursed 2024-01-15
 * (installments due on the 15th from 2024-02-15). */
static struct loan_state state_of(const struct repayment *r, size_t nr, struct date on)
{
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	struct loan_state st;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	loan_state_on(&t, s, n, r, nr, false, (struct date){0, 0, 0}, on, &st);
	return st;
}

/* Schedules */

static void test_twelve_monthly_installments_put_the_remainder_on_the_last(void **state)
{
	(void)state;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(n, 12);
	for (size_t i = 0; i < 11; i++) {
		assert_int_equal(s[i].principal, 833333);
		assert_int_equal(s[i].interest, 0);
	}
	assert_int_equal(s[11].principal, 833337);
}

static void test_flat_interest_of_12_percent_on_6_million_is_60000_a_month(void **state)
{
	(void)state;
	struct loan_terms t = terms(6000000, 12, LOAN_MONTHLY, 1200);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(n, 12);
	assert_int_equal(s[0].principal, 500000);
	assert_int_equal(s[0].interest, 60000);
	assert_int_equal(s[11].interest, 60000);
}

static void test_interest_is_rounded_half_up(void **state)
{
	(void)state;
	/* 1,000,005 * 1200 / 120000 = 10,000.05 -> 10,000; 1,000,050 -> 10,000.5 -> 10,001 */
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	struct loan_terms t = terms(1000005, 12, LOAN_MONTHLY, 1200);
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(s[0].interest, 10000);
	t = terms(1000050, 12, LOAN_MONTHLY, 1200);
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(s[0].interest, 10001);
}

static void test_quarterly_over_twelve_months_is_four_installments(void **state)
{
	(void)state;
	struct loan_terms t = terms(6000000, 12, LOAN_QUARTERLY, 1200);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(n, 4);
	assert_int_equal(s[0].principal, 1500000);
	assert_int_equal(s[0].interest, 180000);
	assert_date(s[0].due, 2024, 4, 15);
	assert_date(s[3].due, 2025, 1, 15);
}

static void test_at_end_is_one_installment_at_the_end_of_the_term(void **state)
{
	(void)state;
	struct loan_terms t = terms(6000000, 12, LOAN_AT_END, 1200);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].principal, 6000000);
	assert_int_equal(s[0].interest, 720000);
	assert_date(s[0].due, 2025, 1, 15);
}

static void test_due_dates_keep_the_day_and_clamp_to_the_end_of_shorter_months(void **state)
{
	(void)state;
	struct loan_terms t = terms(12000000, 12, LOAN_MONTHLY, 0);
	t.disbursed = (struct date){2024, 1, 31};
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_date(s[0].due, 2024, 2, 29);
	assert_date(s[1].due, 2024, 3, 31);
	assert_date(s[2].due, 2024, 4, 30);
	assert_date(s[10].due, 2024, 12, 31);
	assert_date(s[11].due, 2025, 1, 31);
}

static void test_a_ten_year_loan_of_the_money_maximum_does_not_overflow(void **state)
{
	(void)state;
	/* 10^13 * 10000 bp * 120 months passes 2^63 before the division. */
	struct loan_terms t = terms(MONEY_MAX, 120, LOAN_AT_END, 10000);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(s[0].interest, 100000000000000LL);
	t = terms(1000000000000LL, 120, LOAN_MONTHLY, 1200);
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	assert_int_equal(n, 120);
	assert_int_equal(s[0].principal, 8333333333LL);
	assert_int_equal(s[119].principal, 8333333373LL);
	assert_int_equal(s[0].interest, 10000000000LL);
}

/* Terms */

static void test_a_loan_of_nothing_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(0, 12, LOAN_MONTHLY, 0);
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_NOT_POSITIVE, "principal");
	t.principal = -5;
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
}

static void test_a_term_of_zero_or_more_than_120_months_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(1000000, 0, LOAN_MONTHLY, 0);
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_LOAN_TERM, "term_months");
	assert_string_equal(rf.arg[0].v, "120");
	t.term_months = 121;
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	t.term_months = 120;
	assert_int_equal(loan_terms_check(&t, &rf), NCT_OK);
}

static void test_quarterly_over_ten_months_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(1000000, 10, LOAN_QUARTERLY, 0);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n = 99;
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_QUARTERLY_TERM, "term_months");
	assert_int_equal(loan_schedule(&t, s, &n), NCT_ERR_INVALID);
	assert_int_equal(n, 0);
}

static void test_a_negative_rate_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(1000000, 12, LOAN_MONTHLY, -150);
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_RATE_RANGE, "rate");
}

static void test_a_principal_of_ten_trillion_and_one_dong_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000000001LL, 12, LOAN_MONTHLY, 0);
	assert_int_equal(loan_terms_check(&t, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_TOO_LARGE, "principal");
	assert_string_equal(rf.arg[0].v, "10000000000000");
	t.principal = MONEY_MAX;
	assert_int_equal(loan_terms_check(&t, &rf), NCT_OK);
}

/* States */

static void test_a_loan_paid_up_to_date_is_current(void **state)
{
	(void)state;
	struct repayment r[] = {{{2024, 2, 15}, 833333, 0}, {{2024, 3, 14}, 833333, 0}};
	struct loan_state st = state_of(r, 2, (struct date){2024, 3, 20});
	assert_int_equal(st.status, LOAN_CURRENT);
	assert_int_equal(st.principal_paid, 1666666);
	assert_int_equal(st.principal_due, 1666666);
	assert_int_equal(st.overdue, 0);
	assert_int_equal(st.days_in_arrears, 0);
	assert_int_equal(st.outstanding, 8333334);
}

static void test_nothing_paid_34_days_after_the_first_due_date_is_34_days_in_arrears(void **state)
{
	(void)state;
	struct loan_state st = state_of(NULL, 0, (struct date){2024, 3, 20});
	assert_int_equal(st.status, LOAN_IN_ARREARS);
	assert_int_equal(st.days_in_arrears, 34);
	assert_int_equal(st.principal_due, 1666666);
	assert_int_equal(st.overdue, 1666666);
	assert_int_equal(st.outstanding, 10000000);
}

static void test_on_the_due_date_itself_the_loan_is_not_yet_in_arrears(void **state)
{
	(void)state;
	struct loan_state st = state_of(NULL, 0, (struct date){2024, 2, 15});
	assert_int_equal(st.status, LOAN_CURRENT);
	assert_int_equal(st.days_in_arrears, 0);
	assert_int_equal(st.overdue, 833333);
	st = state_of(NULL, 0, (struct date){2024, 2, 16});
	assert_int_equal(st.status, LOAN_IN_ARREARS);
	assert_int_equal(st.days_in_arrears, 1);
}

static void
test_partial_payments_covering_the_first_installment_move_the_clock_to_the_second(void **state)
{
	(void)state;
	struct repayment r[] = {{{2024, 2, 20}, 500000, 0}, {{2024, 3, 1}, 333333, 0}};
	struct loan_state st = state_of(r, 2, (struct date){2024, 3, 20});
	assert_int_equal(st.status, LOAN_IN_ARREARS);
	assert_int_equal(st.days_in_arrears, 5);
	assert_int_equal(st.overdue, 833333);
}

static void test_a_partial_payment_short_of_the_first_installment_keeps_the_clock(void **state)
{
	(void)state;
	struct repayment r[] = {{{2024, 2, 20}, 833332, 0}};
	struct loan_state st = state_of(r, 1, (struct date){2024, 3, 20});
	assert_int_equal(st.days_in_arrears, 34);
}

static void test_a_loan_paid_in_full_early_is_repaid(void **state)
{
	(void)state;
	struct repayment r[] = {{{2024, 2, 15}, 833333, 0}, {{2024, 4, 1}, 9166667, 0}};
	struct loan_state st = state_of(r, 2, (struct date){2024, 4, 1});
	assert_int_equal(st.status, LOAN_REPAID);
	assert_int_equal(st.outstanding, 0);
	assert_int_equal(st.days_in_arrears, 0);
	st = state_of(r, 2, (struct date){2024, 3, 31});
	assert_int_equal(st.status, LOAN_IN_ARREARS);
	assert_int_equal(st.days_in_arrears, 16);
}

static void test_a_written_off_loan_is_written_off_from_that_date(void **state)
{
	(void)state;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct installment s[LOAN_MAX_INSTALLMENTS];
	size_t n;
	struct loan_state st;
	struct date off = {2024, 6, 1};
	assert_int_equal(loan_schedule(&t, s, &n), NCT_OK);
	loan_state_on(&t, s, n, NULL, 0, true, off, (struct date){2024, 5, 31}, &st);
	assert_int_equal(st.status, LOAN_IN_ARREARS);
	loan_state_on(&t, s, n, NULL, 0, true, off, (struct date){2024, 6, 1}, &st);
	assert_int_equal(st.status, LOAN_WRITTEN_OFF);
	assert_int_equal(st.outstanding, 10000000);
}

static void test_repayments_after_the_date_are_ignored(void **state)
{
	(void)state;
	struct repayment r[] = {{{2024, 2, 15}, 833333, 50000}, {{2024, 3, 21}, 833333, 40000}};
	struct loan_state st = state_of(r, 2, (struct date){2024, 3, 20});
	assert_int_equal(st.principal_paid, 833333);
	assert_int_equal(st.interest_paid, 50000);
	assert_int_equal(st.days_in_arrears, 5);
}

static void test_before_the_disbursement_nothing_is_out(void **state)
{
	(void)state;
	struct loan_state st = state_of(NULL, 0, (struct date){2024, 1, 14});
	assert_int_equal(st.status, LOAN_CURRENT);
	assert_int_equal(st.outstanding, 0);
	assert_int_equal(st.principal_due, 0);
}

static void test_status_names(void **state)
{
	(void)state;
	assert_string_equal(loan_status_name(LOAN_CURRENT), "current");
	assert_string_equal(loan_status_name(LOAN_IN_ARREARS), "in_arrears");
	assert_string_equal(loan_status_name(LOAN_REPAID), "repaid");
	assert_string_equal(loan_status_name(LOAN_WRITTEN_OFF), "written_off");
}

/* Repayment checks */

static const struct repayment paid_one[] = {{{2024, 2, 15}, 5000000, 0}};

static void test_a_repayment_larger_than_what_is_owed_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 3, 15}, 6000000, 0};
	assert_int_equal(loan_repayment_check(&t, paid_one, 1, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_ABOVE_OUTSTANDING, "principal");
	assert_string_equal(rf.arg[1].v, "5000000");
}

static void test_exactly_the_outstanding_is_accepted(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 3, 15}, 5000000, 10000};
	assert_int_equal(loan_repayment_check(&t, paid_one, 1, &add, &rf), NCT_OK);
}

static void test_a_back_dated_repayment_counts_later_repayments_too(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 2, 1}, 5000001, 0};
	assert_int_equal(loan_repayment_check(&t, paid_one, 1, &add, &rf), NCT_ERR_INVALID);
}

static void test_negative_amounts_are_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 3, 15}, -1, 0};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_NEGATIVE, "principal");
	add = (struct repayment){{2024, 3, 15}, 100, -1};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_ERR_INVALID);
}

static void test_a_repayment_of_nothing_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 3, 15}, 0, 0};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_REPAYMENT_EMPTY, "principal");
}

static void test_interest_alone_is_a_repayment(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 1200);
	struct repayment add = {{2024, 3, 15}, 0, 100000};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_OK);
}

static void test_a_repayment_before_the_disbursement_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct loan_terms t = terms(10000000, 12, LOAN_MONTHLY, 0);
	struct repayment add = {{2024, 1, 14}, 100000, 0};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BEFORE_DISBURSEMENT, "on");
	assert_string_equal(rf.arg[0].v, "2024-01-15");
	add.on = (struct date){2024, 1, 15};
	assert_int_equal(loan_repayment_check(&t, NULL, 0, &add, &rf), NCT_OK);
}

/* Portfolios */

static struct loan_state open_loan(int64_t outstanding, int days, int64_t due, int64_t paid)
{
	struct loan_state s = {0};
	s.outstanding = outstanding;
	s.days_in_arrears = days;
	s.principal_due = due;
	s.principal_paid = paid;
	s.status = days > 0 ? LOAN_IN_ARREARS : LOAN_CURRENT;
	return s;
}

static void test_par30_counts_only_loans_more_than_30_days_in_arrears(void **state)
{
	(void)state;
	struct portfolio p = {0};
	struct loan_state a = open_loan(5000000, 31, 1000000, 0);
	struct loan_state b = open_loan(3000000, 30, 1000000, 500000);
	struct loan_state c = open_loan(4000000, 0, 1000000, 1000000);
	portfolio_add(&p, &a);
	portfolio_add(&p, &b);
	portfolio_add(&p, &c);
	portfolio_finish(&p);
	assert_int_equal(p.loans, 3);
	assert_int_equal(p.outstanding, 12000000);
	assert_int_equal(p.at_risk30, 5000000);
	assert_int_equal(p.par30_permille, 416);
	assert_int_equal(p.due, 3000000);
	assert_int_equal(p.paid, 1500000);
	assert_int_equal(p.repayment_rate_permille, 500);
}

static void test_repaid_and_written_off_loans_are_not_outstanding(void **state)
{
	(void)state;
	struct portfolio p = {0};
	struct loan_state repaid = open_loan(0, 0, 2000000, 3000000);
	repaid.status = LOAN_REPAID;
	struct loan_state lost = open_loan(2000000, 90, 3000000, 1000000);
	lost.status = LOAN_WRITTEN_OFF;
	struct loan_state live = open_loan(1000000, 0, 0, 0);
	portfolio_add(&p, &repaid);
	portfolio_add(&p, &lost);
	portfolio_add(&p, &live);
	portfolio_finish(&p);
	assert_int_equal(p.loans, 1);
	assert_int_equal(p.outstanding, 1000000);
	assert_int_equal(p.at_risk30, 0);
	assert_int_equal(p.par30_permille, 0);
	/* paid early counts only up to what was due: (2,000,000 + 1,000,000) / 5,000,000 */
	assert_int_equal(p.due, 5000000);
	assert_int_equal(p.paid, 3000000);
	assert_int_equal(p.repayment_rate_permille, 600);
}

static void test_with_nothing_out_par30_is_0_and_the_repayment_rate_1000(void **state)
{
	(void)state;
	struct portfolio p = {0};
	portfolio_finish(&p);
	assert_int_equal(p.loans, 0);
	assert_int_equal(p.par30_permille, 0);
	assert_int_equal(p.repayment_rate_permille, 1000);
}

static void test_a_loan_not_yet_disbursed_is_not_in_the_portfolio(void **state)
{
	(void)state;
	struct portfolio p = {0};
	struct loan_state st = state_of(NULL, 0, (struct date){2024, 1, 14});
	portfolio_add(&p, &st);
	portfolio_finish(&p);
	assert_int_equal(p.loans, 0);
	assert_int_equal(p.repayment_rate_permille, 1000);
}

static void test_a_portfolio_from_real_loan_states(void **state)
{
	(void)state;
	struct portfolio p = {0};
	struct repayment r[] = {{{2024, 2, 15}, 833333, 0}};
	struct loan_state late = state_of(NULL, 0, (struct date){2024, 3, 20});
	struct loan_state good = state_of(r, 1, (struct date){2024, 3, 10});
	portfolio_add(&p, &late);
	portfolio_add(&p, &good);
	portfolio_finish(&p);
	assert_int_equal(p.loans, 2);
	assert_int_equal(p.outstanding, 19166667);
	assert_int_equal(p.at_risk30, 10000000);
	assert_int_equal(p.par30_permille, 521);
	assert_int_equal(p.due, 2499999);
	assert_int_equal(p.paid, 833333);
	assert_int_equal(p.repayment_rate_permille, 333);
}

static void test_ratios_near_the_money_maximum_do_not_overflow(void **state)
{
	(void)state;
	struct portfolio p = {0};
	struct loan_state a =
	    open_loan(1000000000000000LL, 31, 1000000000000000LL, 999999999999999LL);
	struct loan_state b = open_loan(1000000000000000LL, 0, 0, 0);
	portfolio_add(&p, &a);
	portfolio_add(&p, &b);
	portfolio_finish(&p);
	assert_int_equal(p.par30_permille, 500);
	assert_int_equal(p.repayment_rate_permille, 999);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_twelve_monthly_installments_put_the_remainder_on_the_last),
	    cmocka_unit_test(test_flat_interest_of_12_percent_on_6_million_is_60000_a_month),
	    cmocka_unit_test(test_interest_is_rounded_half_up),
	    cmocka_unit_test(test_quarterly_over_twelve_months_is_four_installments),
	    cmocka_unit_test(test_at_end_is_one_installment_at_the_end_of_the_term),
	    cmocka_unit_test(test_due_dates_keep_the_day_and_clamp_to_the_end_of_shorter_months),
	    cmocka_unit_test(test_a_ten_year_loan_of_the_money_maximum_does_not_overflow),
	    cmocka_unit_test(test_a_loan_of_nothing_is_refused),
	    cmocka_unit_test(test_a_term_of_zero_or_more_than_120_months_is_refused),
	    cmocka_unit_test(test_quarterly_over_ten_months_is_refused),
	    cmocka_unit_test(test_a_negative_rate_is_refused),
	    cmocka_unit_test(test_a_principal_of_ten_trillion_and_one_dong_is_refused),
	    cmocka_unit_test(test_a_loan_paid_up_to_date_is_current),
	    cmocka_unit_test(
	        test_nothing_paid_34_days_after_the_first_due_date_is_34_days_in_arrears),
	    cmocka_unit_test(test_on_the_due_date_itself_the_loan_is_not_yet_in_arrears),
	    cmocka_unit_test(
	        test_partial_payments_covering_the_first_installment_move_the_clock_to_the_second),
	    cmocka_unit_test(test_a_partial_payment_short_of_the_first_installment_keeps_the_clock),
	    cmocka_unit_test(test_a_loan_paid_in_full_early_is_repaid),
	    cmocka_unit_test(test_a_written_off_loan_is_written_off_from_that_date),
	    cmocka_unit_test(test_repayments_after_the_date_are_ignored),
	    cmocka_unit_test(test_before_the_disbursement_nothing_is_out),
	    cmocka_unit_test(test_status_names),
	    cmocka_unit_test(test_a_repayment_larger_than_what_is_owed_is_refused),
	    cmocka_unit_test(test_exactly_the_outstanding_is_accepted),
	    cmocka_unit_test(test_a_back_dated_repayment_counts_later_repayments_too),
	    cmocka_unit_test(test_negative_amounts_are_refused),
	    cmocka_unit_test(test_a_repayment_of_nothing_is_refused),
	    cmocka_unit_test(test_interest_alone_is_a_repayment),
	    cmocka_unit_test(test_a_repayment_before_the_disbursement_is_refused),
	    cmocka_unit_test(test_par30_counts_only_loans_more_than_30_days_in_arrears),
	    cmocka_unit_test(test_repaid_and_written_off_loans_are_not_outstanding),
	    cmocka_unit_test(test_with_nothing_out_par30_is_0_and_the_repayment_rate_1000),
	    cmocka_unit_test(test_a_loan_not_yet_disbursed_is_not_in_the_portfolio),
	    cmocka_unit_test(test_a_portfolio_from_real_loan_states),
	    cmocka_unit_test(test_ratios_near_the_money_maximum_do_not_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

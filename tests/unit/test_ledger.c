/* test_ledger.c - a club's revolving and activity funds as append-only ledgers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "refused.h"

#include "base/money.h"
#include "domain/ledger.h"

#define R FUND_REVOLVING
#define A FUND_ACTIVITY

static struct ledger_entry entry(int64_t id, enum fund f, int y, int m, int d, enum entry_kind k,
                                 int64_t amount)
{
	return (struct ledger_entry){id, f, {y, m, d}, k, amount, 0, false};
}

static struct ledger_entry correction(int64_t id, enum fund f, int y, int m, int d, int64_t amount,
                                      int64_t reverses)
{
	struct ledger_entry e = entry(id, f, y, m, d, ENTRY_CORRECTION, amount);
	e.reverses = reverses;
	return e;
}

/* The activity fund: 1,000,000 in on 1 March, 300,000 spent on 10 March. */
static const struct ledger_entry book[] = {
    {1, A, {2024, 3, 1}, ENTRY_CONTRIBUTION, 1000000, 0, false},
    {2, A, {2024, 3, 10}, ENTRY_EXPENSE, -300000, 0, false},
    {3, R, {2024, 3, 1}, ENTRY_GRANT, 50000000, 0, false},
    {4, R, {2024, 3, 5}, ENTRY_DISBURSEMENT, -10000000, 0, false},
};
#define NBOOK (sizeof book / sizeof book[0])

static void test_the_balance_counts_entries_up_to_the_end_of_the_day(void **state)
{
	(void)state;
	assert_int_equal(ledger_balance(book, NBOOK, A, (struct date){2024, 2, 29}), 0);
	assert_int_equal(ledger_balance(book, NBOOK, A, (struct date){2024, 3, 1}), 1000000);
	assert_int_equal(ledger_balance(book, NBOOK, A, (struct date){2024, 3, 9}), 1000000);
	assert_int_equal(ledger_balance(book, NBOOK, A, (struct date){2024, 3, 10}), 700000);
}

static void test_each_fund_has_its_own_balance(void **state)
{
	(void)state;
	assert_int_equal(ledger_balance(book, NBOOK, R, (struct date){2024, 3, 4}), 50000000);
	assert_int_equal(ledger_balance(book, NBOOK, R, (struct date){2024, 12, 31}), 40000000);
}

static void test_a_contribution_to_the_activity_fund_is_accepted(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 200000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_OK);
}

static void test_a_disbursement_from_the_activity_fund_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_DISBURSEMENT, -100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_REVOLVING_ONLY, "kind");
}

static void test_repayments_and_interest_belong_to_the_revolving_fund_only(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_REPAYMENT, 100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	add.kind = ENTRY_INTEREST;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	add.fund = R;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_OK);
}

static void test_an_expense_with_a_positive_amount_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, 100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_SIGN, "amount");
}

static void test_a_contribution_with_a_negative_amount_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, -100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_SIGN, "amount");
}

static void test_an_amount_of_zero_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 0);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_NOT_POSITIVE, "amount");
}

static void test_an_amount_of_int64_either_way_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, R, 2024, 3, 12, ENTRY_GRANT, INT64_MAX);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	add = entry(5, R, 2024, 3, 12, ENTRY_EXPENSE, INT64_MIN);
	add.override = true;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
}

static void test_an_expense_within_the_balance_is_accepted(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, -700000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_OK);
}

static void test_an_expense_beyond_the_balance_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, -700001);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
	assert_string_equal(rf.arg[0].v, "2024-03-12");
	assert_string_equal(rf.arg[1].v, "-1");
}

static void test_a_back_dated_expense_that_empties_an_earlier_day_is_refused(void **state)
{
	(void)state;
	/* 1,000,000 in on 1 March, 300,000 out on 10 March, 2,000,000 in on 20 March:
	 * 1,500,000 on 5 March fits the 2,700,000 of today, not the 1,000,000 then. */
	struct ledger_entry e[] = {
	    entry(1, A, 2024, 3, 1, ENTRY_CONTRIBUTION, 1000000),
	    entry(2, A, 2024, 3, 10, ENTRY_EXPENSE, -300000),
	    entry(3, A, 2024, 3, 20, ENTRY_GRANT, 2000000),
	};
	struct refusal rf;
	struct ledger_entry add = entry(4, A, 2024, 3, 5, ENTRY_EXPENSE, -1500000);
	assert_int_equal(ledger_balance(e, 3, A, (struct date){2024, 3, 25}), 2700000);
	assert_int_equal(ledger_check(e, 3, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
	assert_string_equal(rf.arg[0].v, "2024-03-05");
	assert_string_equal(rf.arg[1].v, "-500000");
}

static void test_a_back_dated_expense_that_empties_a_later_day_is_refused(void **state)
{
	(void)state;
	/* 800,000 on 2 March fits the 1,000,000 of that day, but 10 March then ends at -100,000. */
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 2, ENTRY_EXPENSE, -800000);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
	assert_string_equal(rf.arg[0].v, "2024-03-10");
	assert_string_equal(rf.arg[1].v, "-100000");
}

static void test_an_override_allows_the_balance_below_zero(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 2, ENTRY_EXPENSE, -800000);
	add.override = true;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_OK);
}

static void test_a_correction_reverses_an_entry_with_the_opposite_amount(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_OK);
	add = correction(5, R, 2024, 3, 12, -50000000, 3);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
	assert_string_equal(rf.arg[0].v, "2024-03-12");
}

static void test_a_correction_with_another_amount_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 200000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_CORRECTION_AMOUNT, "amount");
	assert_string_equal(rf.arg[1].v, "300000");
}

static void test_a_correction_of_an_entry_that_does_not_exist_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 300000, 99);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_NO_SUCH_ENTRY, "reverses");
	assert_string_equal(rf.arg[0].v, "99");
	add.reverses = 0;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
}

static void test_a_correction_in_the_other_fund_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = correction(5, R, 2024, 3, 12, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
}

static void test_an_entry_can_be_reversed_only_once(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry e[NBOOK + 1];
	memcpy(e, book, sizeof book);
	e[NBOOK] = correction(5, A, 2024, 3, 12, 300000, 2);
	struct ledger_entry again = correction(6, A, 2024, 3, 13, 300000, 2);
	assert_int_equal(ledger_check(e, NBOOK + 1, &again, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_ALREADY_REVERSED, "reverses");
	assert_int_equal(ledger_balance(e, NBOOK + 1, A, (struct date){2024, 3, 12}), 1000000);
}

static void test_a_correction_dated_before_the_entry_it_reverses_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = correction(5, A, 2024, 3, 9, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_CORRECTION_BEFORE, "on");
	assert_string_equal(rf.arg[0].v, "2024-03-10");
}

static void test_only_a_correction_names_an_entry_it_reverses(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 300000);
	add.reverses = 2;
	assert_int_equal(ledger_check(book, NBOOK, &add, &rf), NCT_ERR_INVALID);
}

static void test_fund_names_round_trip(void **state)
{
	(void)state;
	assert_string_equal(fund_name(FUND_REVOLVING), "revolving");
	assert_string_equal(fund_name(FUND_ACTIVITY), "activity");
	assert_int_equal(fund_parse("revolving"), FUND_REVOLVING);
	assert_int_equal(fund_parse("activity"), FUND_ACTIVITY);
	assert_int_equal(fund_parse("Activity"), -1);
	assert_int_equal(fund_parse(""), -1);
	assert_int_equal(fund_parse(NULL), -1);
}

static void test_entry_kind_names_round_trip(void **state)
{
	(void)state;
	static const char *const names[] = {"contribution", "grant",   "disbursement", "repayment",
	                                    "interest",     "expense", "correction"};
	for (int k = 0; k < ENTRY_KINDS; k++) {
		assert_string_equal(entry_kind_name((enum entry_kind)k), names[k]);
		assert_int_equal(entry_kind_parse(names[k]), k);
	}
	assert_int_equal(entry_kind_parse("loan"), -1);
	assert_int_equal(entry_kind_parse(NULL), -1);
}

static void test_kinds_have_their_signs(void **state)
{
	(void)state;
	assert_int_equal(entry_kind_sign(ENTRY_CONTRIBUTION), 1);
	assert_int_equal(entry_kind_sign(ENTRY_GRANT), 1);
	assert_int_equal(entry_kind_sign(ENTRY_DISBURSEMENT), -1);
	assert_int_equal(entry_kind_sign(ENTRY_REPAYMENT), 1);
	assert_int_equal(entry_kind_sign(ENTRY_INTEREST), 1);
	assert_int_equal(entry_kind_sign(ENTRY_EXPENSE), -1);
	assert_int_equal(entry_kind_sign(ENTRY_CORRECTION), 0);
}

static void test_a_balance_near_the_money_maximum_is_exact(void **state)
{
	(void)state;
	struct ledger_entry e[] = {
	    entry(1, R, 2024, 1, 1, ENTRY_GRANT, 1000000000000000LL),
	    entry(2, R, 2024, 1, 2, ENTRY_GRANT, 1000000000000000LL),
	    entry(3, R, 2024, 1, 3, ENTRY_DISBURSEMENT, -1999999999999999LL),
	};
	assert_int_equal(ledger_balance(e, 3, R, (struct date){2024, 1, 2}), 2000000000000000LL);
	assert_int_equal(ledger_balance(e, 3, R, (struct date){2024, 1, 3}), 1);
}

static void test_an_entry_of_ten_trillion_and_one_dong_is_refused(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry add = entry(5, R, 2024, 3, 12, ENTRY_GRANT, MONEY_MAX + 1);
	assert_int_equal(ledger_check(NULL, 0, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_TOO_LARGE, "amount");
	assert_string_equal(rf.arg[0].v, "10000000000000");
	add.amount = MONEY_MAX;
	assert_int_equal(ledger_check(NULL, 0, &add, &rf), NCT_OK);
}

/* 2,000 entries of the cap each way, a day apart: in on odd days, out on even
 * days, so the fund holds MONEY_MAX on every odd day and 0 on every even one. */
#define SEESAW 2000
static struct ledger_entry *seesaw(void)
{
	static struct ledger_entry e[SEESAW];
	for (int i = 0; i < SEESAW; i++) {
		struct date d = date_from_days(date_to_days((struct date){2020, 1, 1}) + i);
		e[i] = entry(i + 1, R, d.y, d.m, d.d, i % 2 ? ENTRY_EXPENSE : ENTRY_CONTRIBUTION,
		             i % 2 ? -MONEY_MAX : MONEY_MAX);
	}
	return e;
}

static void test_a_ledger_of_many_entries_at_the_cap_cannot_be_pushed_past_it(void **state)
{
	(void)state;
	struct refusal rf;
	const struct ledger_entry *e = seesaw();
	struct date last = e[SEESAW - 1].on;
	assert_int_equal(ledger_balance(e, SEESAW, R, e[SEESAW - 2].on), MONEY_MAX);
	assert_int_equal(ledger_balance(e, SEESAW, R, last), 0);
	/* one đồng more on the first day lifts every odd day past the cap */
	struct ledger_entry add = entry(0, R, 2020, 1, 1, ENTRY_CONTRIBUTION, 1);
	assert_int_equal(ledger_check(e, SEESAW, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_ABOVE_MAX, "amount");
	assert_string_equal(rf.arg[0].v, "2020-01-01");
	assert_string_equal(rf.arg[1].v, "10000000000001");
	assert_string_equal(rf.arg[2].v, "10000000000000");
	/* on the second day, an even one, it passes the cap the day after */
	add.on = (struct date){2020, 1, 2};
	assert_int_equal(ledger_check(e, SEESAW, &add, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.arg[0].v, "2020-01-03");
	/* after the last day the fund holds 0: the whole cap fits again */
	add.on = date_from_days(date_to_days(last) + 1);
	add.amount = MONEY_MAX;
	assert_int_equal(ledger_check(e, SEESAW, &add, &rf), NCT_OK);
	add.amount = MONEY_MAX + 1;
	assert_int_equal(ledger_check(e, SEESAW, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_TOO_LARGE, "amount");
}

static void test_an_override_cannot_take_the_balance_below_minus_the_cap(void **state)
{
	(void)state;
	struct refusal rf;
	struct ledger_entry e[] = {
	    entry(1, A, 2024, 3, 1, ENTRY_EXPENSE, -MONEY_MAX),
	};
	e[0].override = true;
	struct ledger_entry add = entry(2, A, 2024, 3, 2, ENTRY_EXPENSE, -1);
	add.override = true;
	assert_int_equal(ledger_check(e, 1, &add, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_BELOW_MIN, "amount");
	assert_string_equal(rf.arg[1].v, "-10000000000001");
	assert_string_equal(rf.arg[2].v, "-10000000000000");
	add = entry(2, A, 2024, 3, 2, ENTRY_CONTRIBUTION, MONEY_MAX);
	assert_int_equal(ledger_check(e, 1, &add, &rf), NCT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_balance_counts_entries_up_to_the_end_of_the_day),
	    cmocka_unit_test(test_each_fund_has_its_own_balance),
	    cmocka_unit_test(test_a_contribution_to_the_activity_fund_is_accepted),
	    cmocka_unit_test(test_a_disbursement_from_the_activity_fund_is_refused),
	    cmocka_unit_test(test_repayments_and_interest_belong_to_the_revolving_fund_only),
	    cmocka_unit_test(test_an_expense_with_a_positive_amount_is_refused),
	    cmocka_unit_test(test_a_contribution_with_a_negative_amount_is_refused),
	    cmocka_unit_test(test_an_amount_of_zero_is_refused),
	    cmocka_unit_test(test_an_amount_of_int64_either_way_is_refused),
	    cmocka_unit_test(test_an_expense_within_the_balance_is_accepted),
	    cmocka_unit_test(test_an_expense_beyond_the_balance_is_refused),
	    cmocka_unit_test(test_a_back_dated_expense_that_empties_an_earlier_day_is_refused),
	    cmocka_unit_test(test_a_back_dated_expense_that_empties_a_later_day_is_refused),
	    cmocka_unit_test(test_an_override_allows_the_balance_below_zero),
	    cmocka_unit_test(test_a_correction_reverses_an_entry_with_the_opposite_amount),
	    cmocka_unit_test(test_a_correction_with_another_amount_is_refused),
	    cmocka_unit_test(test_a_correction_of_an_entry_that_does_not_exist_is_refused),
	    cmocka_unit_test(test_a_correction_in_the_other_fund_is_refused),
	    cmocka_unit_test(test_an_entry_can_be_reversed_only_once),
	    cmocka_unit_test(test_a_correction_dated_before_the_entry_it_reverses_is_refused),
	    cmocka_unit_test(test_only_a_correction_names_an_entry_it_reverses),
	    cmocka_unit_test(test_fund_names_round_trip),
	    cmocka_unit_test(test_entry_kind_names_round_trip),
	    cmocka_unit_test(test_kinds_have_their_signs),
	    cmocka_unit_test(test_a_balance_near_the_money_maximum_is_exact),
	    cmocka_unit_test(test_an_entry_of_ten_trillion_and_one_dong_is_refused),
	    cmocka_unit_test(test_a_ledger_of_many_entries_at_the_cap_cannot_be_pushed_past_it),
	    cmocka_unit_test(test_an_override_cannot_take_the_balance_below_minus_the_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

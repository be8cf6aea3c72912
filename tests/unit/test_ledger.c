/* test_ledger.c - a club's revolving and activity funds as append-only ledgers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

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
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 200000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_OK);
	assert_string_equal(msg, "");
}

static void test_a_disbursement_from_the_activity_fund_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_DISBURSEMENT, -100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Khoản giải ngân cho vay chỉ ghi vào quỹ tạo thu nhập "
	                         "(quỹ quay vòng), không ghi vào quỹ hoạt động.");
}

static void test_repayments_and_interest_belong_to_the_revolving_fund_only(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_REPAYMENT, 100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	add.kind = ENTRY_INTEREST;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	add.fund = R;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_OK);
}

static void test_an_expense_with_a_positive_amount_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, 100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Khoản chi là tiền ra khỏi quỹ: số tiền phải âm "
	                         "(đang nhập: 100.000 đ).");
}

static void test_a_contribution_with_a_negative_amount_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, -100000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Khoản đóng góp là tiền vào quỹ: số tiền phải dương "
	                         "(đang nhập: -100.000 đ).");
}

static void test_an_amount_of_zero_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 0);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Số tiền phải khác 0 đ. Hãy nhập số tiền của khoản này.");
}

static void test_an_amount_beyond_the_money_maximum_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, R, 2024, 3, 12, ENTRY_GRANT, INT64_MAX);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	add = entry(5, R, 2024, 3, 12, ENTRY_EXPENSE, INT64_MIN);
	add.override = true;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
}

static void test_an_expense_within_the_balance_is_accepted(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, -700000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_OK);
}

static void test_an_expense_beyond_the_balance_is_refused(void **state)
{
	(void)state;
	char msg[512];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_EXPENSE, -700001);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Ghi khoản này thì số dư quỹ hoạt động ngày 12/03/2024 sẽ âm "
	                         "(-1 đ). Hãy kiểm tra lại số tiền và ngày ghi; nếu thật sự cần "
	                         "chi vượt số dư, người có quyền phải cho phép ghi vượt.");
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
	char msg[512];
	struct ledger_entry add = entry(4, A, 2024, 3, 5, ENTRY_EXPENSE, -1500000);
	assert_int_equal(ledger_balance(e, 3, A, (struct date){2024, 3, 25}), 2700000);
	assert_int_equal(ledger_check(e, 3, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "ngày 05/03/2024 sẽ âm (-500.000 đ)"));
}

static void test_a_back_dated_expense_that_empties_a_later_day_is_refused(void **state)
{
	(void)state;
	/* 800,000 on 2 March fits the 1,000,000 of that day, but 10 March then ends at -100,000. */
	char msg[512];
	struct ledger_entry add = entry(5, A, 2024, 3, 2, ENTRY_EXPENSE, -800000);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "ngày 10/03/2024 sẽ âm (-100.000 đ)"));
}

static void test_an_override_allows_the_balance_below_zero(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 2, ENTRY_EXPENSE, -800000);
	add.override = true;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_OK);
}

static void test_a_correction_reverses_an_entry_with_the_opposite_amount(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_OK);
	add = correction(5, R, 2024, 3, 12, -50000000, 3);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "quỹ tạo thu nhập (quỹ quay vòng) ngày 12/03/2024 sẽ âm"));
}

static void test_a_correction_with_another_amount_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 200000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Bút toán điều chỉnh khoản số 2 phải có số tiền 300.000 đ "
	                         "(đang nhập: 200.000 đ).");
}

static void test_a_correction_of_an_entry_that_does_not_exist_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = correction(5, A, 2024, 3, 12, 300000, 99);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Không tìm thấy khoản số 99 trong quỹ hoạt động để điều chỉnh. "
	                         "Hãy chọn khoản cần điều chỉnh trong sổ của quỹ này.");
	add.reverses = 0;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
}

static void test_a_correction_in_the_other_fund_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = correction(5, R, 2024, 3, 12, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
}

static void test_an_entry_can_be_reversed_only_once(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry e[NBOOK + 1];
	memcpy(e, book, sizeof book);
	e[NBOOK] = correction(5, A, 2024, 3, 12, 300000, 2);
	struct ledger_entry again = correction(6, A, 2024, 3, 13, 300000, 2);
	assert_int_equal(ledger_check(e, NBOOK + 1, &again, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Khoản số 2 đã được điều chỉnh rồi; mỗi khoản chỉ điều chỉnh "
	                         "một lần. Nếu cần, hãy ghi một khoản mới.");
	assert_int_equal(ledger_balance(e, NBOOK + 1, A, (struct date){2024, 3, 12}), 1000000);
}

static void test_a_correction_dated_before_the_entry_it_reverses_is_refused(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = correction(5, A, 2024, 3, 9, 300000, 2);
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
	assert_string_equal(msg, "Bút toán điều chỉnh phải ghi từ ngày 10/03/2024 (ngày của "
	                         "khoản số 2) trở đi.");
}

static void test_only_a_correction_names_an_entry_it_reverses(void **state)
{
	(void)state;
	char msg[256];
	struct ledger_entry add = entry(5, A, 2024, 3, 12, ENTRY_CONTRIBUTION, 300000);
	add.reverses = 2;
	assert_int_equal(ledger_check(book, NBOOK, &add, msg, sizeof msg), NCT_ERR_INVALID);
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
	    cmocka_unit_test(test_an_amount_beyond_the_money_maximum_is_refused),
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

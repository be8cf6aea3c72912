/* test_money.c - amounts of đồng as people write them, and as screens show them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/money.h"

static int64_t parsed(const char *s)
{
	int64_t v = -1;
	assert_int_equal(money_parse(s, &v), NCT_OK);
	return v;
}

static void test_parses_plain_digits(void **state)
{
	(void)state;
	assert_int_equal(parsed("50000000"), 50000000);
}

static void test_parses_thousands_grouped_with_dots(void **state)
{
	(void)state;
	assert_int_equal(parsed("50.000.000"), 50000000);
}

static void test_parses_thousands_grouped_with_spaces(void **state)
{
	(void)state;
	assert_int_equal(parsed("50 000 000"), 50000000);
}

static void test_parses_an_amount_followed_by_d(void **state)
{
	(void)state;
	assert_int_equal(parsed("25.000.000 đ"), 25000000);
	assert_int_equal(parsed("25.000.000đ"), 25000000);
}

static void test_parses_an_amount_followed_by_vnd(void **state)
{
	(void)state;
	assert_int_equal(parsed("1.000 VND"), 1000);
	assert_int_equal(parsed("1.000VND"), 1000);
}

static void test_parses_an_amount_followed_by_dong_or_the_dong_sign(void **state)
{
	(void)state;
	assert_int_equal(parsed("500.000 đồng"), 500000);
	assert_int_equal(parsed("500.000 ₫"), 500000);
	assert_int_equal(parsed("500.000₫"), 500000);
}

static void test_parses_dong_typed_with_combining_marks(void **state)
{
	(void)state;
	assert_int_equal(parsed("500.000 \xc4\x91o\xcc\x82\xcc\x80ng"), 500000);
}

static void test_parses_zero(void **state)
{
	(void)state;
	assert_int_equal(parsed("0"), 0);
}

static void test_parses_money_max_exactly(void **state)
{
	(void)state;
	assert_int_equal(parsed("10.000.000.000.000"), MONEY_MAX);
	assert_int_equal(MONEY_MAX, 10000000000000LL);
}

static void test_rejects_a_sign(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(money_parse("-5", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("+5", &v), NCT_ERR_INVALID);
}

static void test_rejects_fractions(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(money_parse("1,5", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("12.5", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("1.00", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("0.500", &v), NCT_ERR_INVALID);
}

static void test_rejects_groups_that_are_not_of_three(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(money_parse("1..000", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("1000.000", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("1.0000", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse(".000", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("1.000.", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("1.000 000", &v), NCT_ERR_INVALID);
}

static void test_rejects_text_that_is_not_an_amount(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(money_parse("abc", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("đ", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse(" đ", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse("5 USD", &v), NCT_ERR_INVALID);
	assert_int_equal(money_parse(NULL, &v), NCT_ERR_INVALID);
}

static void test_more_than_money_max_is_too_big(void **state)
{
	(void)state;
	int64_t v;
	assert_int_equal(money_parse("10000000000001", &v), NCT_ERR_TOOBIG);
	assert_int_equal(money_parse("10.000.000.000.001 đ", &v), NCT_ERR_TOOBIG);
	assert_int_equal(money_parse("99999999999999999999999999", &v), NCT_ERR_TOOBIG);
}

static void test_a_sum_that_would_pass_int64_is_refused_not_wrapped(void **state)
{
	(void)state;
	int64_t s = 7;
	assert_true(money_add(INT64_MAX - 1, 1, &s));
	assert_int_equal(s, INT64_MAX);
	assert_false(money_add(INT64_MAX, 1, &s));
	assert_false(money_add(INT64_MIN, -1, &s));
	assert_int_equal(s, INT64_MAX);
	assert_true(money_add(-MONEY_MAX, MONEY_MAX, &s));
	assert_int_equal(s, 0);
}

static void test_formats_zero(void **state)
{
	(void)state;
	char out[32];
	money_format(0, out);
	assert_string_equal(out, "0");
}

static void test_formats_under_a_thousand_without_dots(void **state)
{
	(void)state;
	char out[32];
	money_format(999, out);
	assert_string_equal(out, "999");
}

static void test_formats_a_thousand_with_a_dot(void **state)
{
	(void)state;
	char out[32];
	money_format(1000, out);
	assert_string_equal(out, "1.000");
}

static void test_formats_a_negative_amount(void **state)
{
	(void)state;
	char out[32];
	money_format(-1234567, out);
	assert_string_equal(out, "-1.234.567");
}

static void test_formats_the_int64_extremes_without_overflow(void **state)
{
	(void)state;
	char out[32];
	money_format(INT64_MAX, out);
	assert_string_equal(out, "9.223.372.036.854.775.807");
	money_format(INT64_MIN, out);
	assert_string_equal(out, "-9.223.372.036.854.775.808");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parses_plain_digits),
	    cmocka_unit_test(test_parses_thousands_grouped_with_dots),
	    cmocka_unit_test(test_parses_thousands_grouped_with_spaces),
	    cmocka_unit_test(test_parses_an_amount_followed_by_d),
	    cmocka_unit_test(test_parses_an_amount_followed_by_vnd),
	    cmocka_unit_test(test_parses_an_amount_followed_by_dong_or_the_dong_sign),
	    cmocka_unit_test(test_parses_dong_typed_with_combining_marks),
	    cmocka_unit_test(test_parses_zero),
	    cmocka_unit_test(test_parses_money_max_exactly),
	    cmocka_unit_test(test_rejects_a_sign),
	    cmocka_unit_test(test_rejects_fractions),
	    cmocka_unit_test(test_rejects_groups_that_are_not_of_three),
	    cmocka_unit_test(test_rejects_text_that_is_not_an_amount),
	    cmocka_unit_test(test_more_than_money_max_is_too_big),
	    cmocka_unit_test(test_a_sum_that_would_pass_int64_is_refused_not_wrapped),
	    cmocka_unit_test(test_formats_zero),
	    cmocka_unit_test(test_formats_under_a_thousand_without_dots),
	    cmocka_unit_test(test_formats_a_thousand_with_a_dot),
	    cmocka_unit_test(test_formats_a_negative_amount),
	    cmocka_unit_test(test_formats_the_int64_extremes_without_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

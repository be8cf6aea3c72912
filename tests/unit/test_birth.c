/* test_birth.c - birth dates known to the year, the month or the day, and ages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/birth.h"

static struct birth parsed(const char *s)
{
	struct birth b = {0, 0, 0};
	assert_int_equal(birth_parse(s, &b), NCT_OK);
	return b;
}

static void test_parses_a_birth_year_alone(void **state)
{
	(void)state;
	struct birth b = parsed("1950");
	assert_int_equal(b.year, 1950);
	assert_int_equal(b.month, 0);
	assert_int_equal(b.day, 0);
}

static void test_parses_a_birth_year_and_month(void **state)
{
	(void)state;
	struct birth b = parsed("1950-03");
	assert_int_equal(b.year, 1950);
	assert_int_equal(b.month, 3);
	assert_int_equal(b.day, 0);
}

static void test_parses_a_full_birth_date(void **state)
{
	(void)state;
	struct birth b = parsed("1950-03-15");
	assert_int_equal(b.year, 1950);
	assert_int_equal(b.month, 3);
	assert_int_equal(b.day, 15);
}

static void test_writes_each_form_back_as_it_was_read(void **state)
{
	(void)state;
	char out[DATE_LEN];
	birth_format(parsed("1950"), out);
	assert_string_equal(out, "1950");
	birth_format(parsed("1950-03"), out);
	assert_string_equal(out, "1950-03");
	birth_format(parsed("1950-03-15"), out);
	assert_string_equal(out, "1950-03-15");
}

static void test_writes_each_form_for_screens(void **state)
{
	(void)state;
	char out[DATE_LEN];
	birth_format_vn(parsed("1950"), out);
	assert_string_equal(out, "1950");
	birth_format_vn(parsed("1950-03"), out);
	assert_string_equal(out, "03/1950");
	birth_format_vn(parsed("1950-03-15"), out);
	assert_string_equal(out, "15/03/1950");
}

static void test_rejects_a_month_that_does_not_exist(void **state)
{
	(void)state;
	struct birth b;
	assert_int_equal(birth_parse("1950-13", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950-00", &b), NCT_ERR_INVALID);
}

static void test_rejects_a_day_that_does_not_exist(void **state)
{
	(void)state;
	struct birth b;
	assert_int_equal(birth_parse("1950-02-30", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950-02-29", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950-03-00", &b), NCT_ERR_INVALID);
}

static void test_rejects_other_shapes(void **state)
{
	(void)state;
	struct birth b;
	assert_int_equal(birth_parse("195", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950-3", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950-03-5", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("15/03/1950", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1950 ", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("19x0", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse(NULL, &b), NCT_ERR_INVALID);
}

static void test_rejects_a_year_before_1875(void **state)
{
	(void)state;
	struct birth b;
	assert_int_equal(birth_parse("1874", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("0950", &b), NCT_ERR_INVALID);
	assert_int_equal(birth_parse("1875", &b), NCT_OK);
}

static void test_a_birth_year_alone_starts_on_1_january(void **state)
{
	(void)state;
	struct date d = birth_start(parsed("1964"));
	assert_int_equal(d.y, 1964);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 1);
}

static void test_a_birth_month_starts_on_its_first_day(void **state)
{
	(void)state;
	struct date d = birth_start(parsed("1964-05"));
	assert_int_equal(d.y, 1964);
	assert_int_equal(d.m, 5);
	assert_int_equal(d.d, 1);
}

static void test_born_1964_is_60_on_1_january_2024(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("1964"), (struct date){2024, 1, 1}), 60);
}

static void test_born_1964_is_59_on_31_december_2023(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("1964"), (struct date){2023, 12, 31}), 59);
}

static void test_born_in_may_1964_turns_60_on_1_may_2024(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("1964-05"), (struct date){2024, 5, 1}), 60);
	assert_int_equal(birth_age_on(parsed("1964-05"), (struct date){2024, 4, 30}), 59);
}

static void test_turns_60_on_the_birthday_not_the_day_before(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("1964-05-20"), (struct date){2024, 5, 20}), 60);
	assert_int_equal(birth_age_on(parsed("1964-05-20"), (struct date){2024, 5, 19}), 59);
}

static void test_born_29_february_ages_on_1_march_in_a_common_year(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("2000-02-29"), (struct date){2001, 2, 28}), 0);
	assert_int_equal(birth_age_on(parsed("2000-02-29"), (struct date){2001, 3, 1}), 1);
}

static void test_born_29_february_ages_on_29_february_in_a_leap_year(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("1964-02-29"), (struct date){2024, 2, 28}), 59);
	assert_int_equal(birth_age_on(parsed("1964-02-29"), (struct date){2024, 2, 29}), 60);
}

static void test_is_0_on_the_day_of_birth(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("2024-06-01"), (struct date){2024, 6, 1}), 0);
	assert_false(birth_after(parsed("2024-06-01"), (struct date){2024, 6, 1}));
}

static void test_born_after_the_date_has_age_minus_1(void **state)
{
	(void)state;
	assert_int_equal(birth_age_on(parsed("2024-06-02"), (struct date){2024, 6, 1}), -1);
	assert_int_equal(birth_age_on(parsed("2025"), (struct date){2024, 12, 31}), -1);
	assert_true(birth_after(parsed("2024-06-02"), (struct date){2024, 6, 1}));
	assert_true(birth_after(parsed("2024-07"), (struct date){2024, 6, 30}));
}

static void test_a_birth_is_read_as_people_write_it(void **state)
{
	(void)state;
	static const struct {
		const char *typed;
		int y, m, d;
	} ok[] = {{"15/03/1950", 1950, 3, 15}, {"5/3/1950", 1950, 3, 5},
	          {"03/1950", 1950, 3, 0},     {"3/1950", 1950, 3, 0},
	          {"1950", 1950, 0, 0},        {"1950-03-15", 1950, 3, 15},
	          {"29/02/1952", 1952, 2, 29}};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct birth b = {0, 0, 0};
		assert_int_equal(birth_parse_vn(ok[i].typed, &b), NCT_OK);
		assert_int_equal(b.year, ok[i].y);
		assert_int_equal(b.month, ok[i].m);
		assert_int_equal(b.day, ok[i].d);
	}
}

static void test_a_birth_written_otherwise_or_impossible_is_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"31/02/1950",  "29/02/1950", "13/1950",    "00/1950",
	                                  "0/3/1950",    "15/03/50",   "15-03-1950", "1/2/3/1950",
	                                  "/1950",       "15//1950",   "1874",       "",
	                                  "15/03/1950 ", "x/03/1950"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct birth b;
		if (birth_parse_vn(bad[i], &b) != NCT_ERR_INVALID)
			fail_msg("\"%s\" was accepted", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_birth_is_read_as_people_write_it),
	    cmocka_unit_test(test_a_birth_written_otherwise_or_impossible_is_refused),
	    cmocka_unit_test(test_parses_a_birth_year_alone),
	    cmocka_unit_test(test_parses_a_birth_year_and_month),
	    cmocka_unit_test(test_parses_a_full_birth_date),
	    cmocka_unit_test(test_writes_each_form_back_as_it_was_read),
	    cmocka_unit_test(test_writes_each_form_for_screens),
	    cmocka_unit_test(test_rejects_a_month_that_does_not_exist),
	    cmocka_unit_test(test_rejects_a_day_that_does_not_exist),
	    cmocka_unit_test(test_rejects_other_shapes),
	    cmocka_unit_test(test_rejects_a_year_before_1875),
	    cmocka_unit_test(test_a_birth_year_alone_starts_on_1_january),
	    cmocka_unit_test(test_a_birth_month_starts_on_its_first_day),
	    cmocka_unit_test(test_born_1964_is_60_on_1_january_2024),
	    cmocka_unit_test(test_born_1964_is_59_on_31_december_2023),
	    cmocka_unit_test(test_born_in_may_1964_turns_60_on_1_may_2024),
	    cmocka_unit_test(test_turns_60_on_the_birthday_not_the_day_before),
	    cmocka_unit_test(test_born_29_february_ages_on_1_march_in_a_common_year),
	    cmocka_unit_test(test_born_29_february_ages_on_29_february_in_a_leap_year),
	    cmocka_unit_test(test_is_0_on_the_day_of_birth),
	    cmocka_unit_test(test_born_after_the_date_has_age_minus_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

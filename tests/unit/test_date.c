/* test_date.c - dates, day numbers and Vietnam time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "base/date.h"

static void test_parses_an_iso_date(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse("2025-07-01", &d), NCT_OK);
	assert_int_equal(d.y, 2025);
	assert_int_equal(d.m, 7);
	assert_int_equal(d.d, 1);
}

static void test_rejects_dates_that_do_not_exist(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse("2025-02-29", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("2024-13-01", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("2024-04-31", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("2024-00-10", &d), NCT_ERR_INVALID);
}

static void test_rejects_other_shapes(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse("01/07/2025", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("2025-7-1", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("2025-07-01 ", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse("", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse(NULL, &d), NCT_ERR_INVALID);
}

static void test_accepts_29_february_of_a_leap_year(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse("2024-02-29", &d), NCT_OK);
	assert_int_equal(date_parse("2000-02-29", &d), NCT_OK);
	assert_int_equal(date_parse("1900-02-29", &d), NCT_ERR_INVALID);
}

static void test_day_numbers_round_trip(void **state)
{
	(void)state;
	struct date d = {1970, 1, 1};
	assert_int_equal(date_to_days(d), 0);
	d = (struct date){2025, 6, 30};
	int64_t n = date_to_days(d);
	struct date back = date_from_days(n + 1);
	assert_int_equal(back.y, 2025);
	assert_int_equal(back.m, 7);
	assert_int_equal(back.d, 1);
	back = date_from_days(date_to_days((struct date){1945, 9, 2}));
	assert_int_equal(back.y, 1945);
}

static void test_formats_for_storage_and_for_screens(void **state)
{
	(void)state;
	char iso[DATE_LEN], vn[DATE_LEN];
	date_format((struct date){2024, 6, 5}, iso);
	date_format_vn((struct date){2024, 6, 5}, vn);
	assert_string_equal(iso, "2024-06-05");
	assert_string_equal(vn, "05/06/2024");
}

static void test_five_pm_utc_on_new_years_eve_is_new_year_in_vietnam(void **state)
{
	(void)state;
	time_t t = 1735664400; /* 2024-12-31T17:00:00Z */
	struct date d = date_of_time_vn(t);
	assert_int_equal(d.y, 2025);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 1);
	d = date_of_time_vn(t - 1);
	assert_int_equal(d.y, 2024);
}

static void test_instants_are_written_in_vietnam_time(void **state)
{
	(void)state;
	char s[26];
	time_format_vn(1735664400, s);
	assert_string_equal(s, "2025-01-01T00:00:00+07:00");
}

static void test_compares_dates(void **state)
{
	(void)state;
	assert_true(date_cmp((struct date){2024, 12, 31}, (struct date){2025, 7, 1}) < 0);
	assert_true(date_cmp((struct date){2025, 7, 1}, (struct date){2025, 7, 1}) == 0);
	assert_true(date_cmp((struct date){2025, 7, 2}, (struct date){2025, 7, 1}) > 0);
}

/* The server's clock zone: the results below must not depend on it. */
static void server_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void test_an_instant_with_an_offset_is_the_same_in_every_server_zone(void **state)
{
	(void)state;
	static const char *const zones[] = {"UTC", "America/New_York", "Asia/Ho_Chi_Minh",
	                                    "Pacific/Kiritimati"};
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		time_t t;
		server_zone(zones[i]);
		assert_int_equal(time_parse("2024-06-04T23:30:00+07:00", &t), NCT_OK);
		assert_int_equal((int64_t)t, 1717518600); /* 2024-06-04T16:30:00Z */
		assert_int_equal(time_parse("2024-06-04T16:30:00Z", &t), NCT_OK);
		assert_int_equal((int64_t)t, 1717518600);
		assert_int_equal(time_parse("2024-06-04T11:30-05:00", &t), NCT_OK);
		assert_int_equal((int64_t)t, 1717518600);
	}
	server_zone("UTC");
}

static void test_an_instant_without_an_offset_is_vietnam_time(void **state)
{
	(void)state;
	time_t t;
	server_zone("UTC");
	assert_int_equal(time_parse("2024-06-04 23:30", &t), NCT_OK);
	assert_int_equal((int64_t)t, 1717518600);
	assert_int_equal(date_cmp(date_of_time_vn(t), (struct date){2024, 6, 4}), 0);
}

static void test_instants_that_do_not_exist_are_refused(void **state)
{
	(void)state;
	time_t t;
	static const char *const bad[] = {"2025-02-29T10:00:00+07:00",  "2024-06-04T24:00:00+07:00",
	                                  "2024-06-04T23:60+07:00",     "2024-06-04",
	                                  "2024-06-04T23:30:00+7",      "2024-06-04T23:30:",
	                                  "2024-06-04T23:30:00+07:00x", "tomorrow"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(time_parse(bad[i], &t), NCT_ERR_INVALID);
	assert_int_equal(time_parse("2024-02-29T08:00:00+07:00", &t), NCT_OK);
}

static void test_a_day_begins_at_midnight_in_vietnam(void **state)
{
	(void)state;
	server_zone("America/New_York");
	time_t t = time_of_day_vn((struct date){2024, 6, 5});
	assert_int_equal((int64_t)t, 1717520400); /* 2024-06-04T17:00:00Z */
	char s[26];
	time_format_vn(t, s);
	assert_string_equal(s, "2024-06-05T00:00:00+07:00");
	server_zone("UTC");
}

static void test_a_day_is_read_as_dd_mm_yyyy_or_iso(void **state)
{
	(void)state;
	struct date d;
	assert_int_equal(date_parse_vn("05/03/2025", &d), NCT_OK);
	assert_true(d.y == 2025 && d.m == 3 && d.d == 5);
	assert_int_equal(date_parse_vn("5/3/2025", &d), NCT_OK);
	assert_true(d.y == 2025 && d.m == 3 && d.d == 5);
	assert_int_equal(date_parse_vn("2025-03-05", &d), NCT_OK);
	assert_true(d.y == 2025 && d.m == 3 && d.d == 5);
	assert_int_equal(date_parse_vn("29/02/2025", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse_vn("03/2025", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse_vn("2025", &d), NCT_ERR_INVALID);
	assert_int_equal(date_parse_vn("05/03/25", &d), NCT_ERR_INVALID);
}

static void test_date_arithmetic_never_wraps_past_9999_nor_before_year_1(void **state)
{
	(void)state;
	char out[DATE_LEN];
	static const struct {
		struct date from;
		int64_t days;
		const char *want;
	} cases[] = {
	    {{9999, 12, 30}, 1, "9999-12-31"},       {{9999, 12, 31}, 1, "9999-12-31"},
	    {{9999, 12, 31}, 3660, "9999-12-31"},    {{2026, 3, 1}, INT64_MAX, "9999-12-31"},
	    {{1, 1, 2}, -1, "0001-01-01"},           {{1, 1, 1}, -1, "0001-01-01"},
	    {{2026, 3, 1}, INT64_MIN, "0001-01-01"}, {{2024, 2, 28}, 1, "2024-02-29"},
	    {{2026, 12, 31}, 1, "2027-01-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		date_format(date_add_days(cases[i].from, cases[i].days), out);
		assert_string_equal(out, cases[i].want);
	}
	assert_int_equal(date_to_days((struct date){1, 1, 1}), -719162);
	assert_int_equal(date_to_days((struct date){9999, 12, 31}), 2932896);
	date_format(date_from_days(INT64_MAX / 2), out);
	assert_string_equal(out, "9999-12-31");
	date_format(date_from_days(-INT64_MAX / 2), out);
	assert_string_equal(out, "0001-01-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_day_is_read_as_dd_mm_yyyy_or_iso),
	    cmocka_unit_test(test_parses_an_iso_date),
	    cmocka_unit_test(test_rejects_dates_that_do_not_exist),
	    cmocka_unit_test(test_rejects_other_shapes),
	    cmocka_unit_test(test_accepts_29_february_of_a_leap_year),
	    cmocka_unit_test(test_day_numbers_round_trip),
	    cmocka_unit_test(test_formats_for_storage_and_for_screens),
	    cmocka_unit_test(test_five_pm_utc_on_new_years_eve_is_new_year_in_vietnam),
	    cmocka_unit_test(test_instants_are_written_in_vietnam_time),
	    cmocka_unit_test(test_compares_dates),
	    cmocka_unit_test(test_an_instant_with_an_offset_is_the_same_in_every_server_zone),
	    cmocka_unit_test(test_an_instant_without_an_offset_is_vietnam_time),
	    cmocka_unit_test(test_instants_that_do_not_exist_are_refused),
	    cmocka_unit_test(test_a_day_begins_at_midnight_in_vietnam),
	    cmocka_unit_test(test_date_arithmetic_never_wraps_past_9999_nor_before_year_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

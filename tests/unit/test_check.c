/* test_check.c - the shared checks of input (domain/check.c) that every form,
 * API route and import goes through: codes, dates, texts, numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/check.h"
#include "domain/club.h"

static struct refusal rf;

/* check_text refuses s with code, about field "name". */
static void text_refused(const char *s, int code)
{
	memset(&rf, 0, sizeof rf);
	assert_int_equal(check_text(s, 120, "name", &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, code);
	assert_string_equal(rf.field, "name");
}

static void test_a_code_of_only_dots_is_refused(void **state)
{
	(void)state;
	static const char *const dots[] = {".", "..", "...", "........"};
	for (size_t i = 0; i < sizeof dots / sizeof dots[0]; i++) {
		memset(&rf, 0, sizeof rf);
		assert_int_equal(check_code(dots[i], 30, "code", &rf), NCT_ERR_INVALID);
		assert_int_equal(rf.code, RF_CODE_FORMAT);
		assert_string_equal(rf.field, "code");
	}
	assert_int_equal(check_code("LTH.01", 30, "code", NULL), NCT_OK);
	assert_int_equal(check_code(".a", 30, "code", NULL), NCT_OK);
	assert_int_equal(check_code("a..", 30, "code", NULL), NCT_OK);
}

static void test_a_date_before_1945_is_refused_and_its_first_day_accepted(void **state)
{
	(void)state;
	struct date d;
	static const char *const early[] = {"1000-01-01", "1899-06-30", "1944-12-31"};
	for (size_t i = 0; i < sizeof early / sizeof early[0]; i++) {
		memset(&rf, 0, sizeof rf);
		assert_int_equal(check_date(early[i], "founded_on", &d, &rf), NCT_ERR_INVALID);
		assert_int_equal(rf.code, RF_DATE_TOO_EARLY);
		assert_string_equal(rf.field, "founded_on");
		assert_string_equal(rf.arg[1].v, CHECK_EARLIEST_DATE);
		assert_int_equal(check_past_date(early[i], "founded_on", &d, NULL),
		                 NCT_ERR_INVALID);
	}
	assert_string_equal(CHECK_EARLIEST_DATE, "1945-01-01");
	assert_int_equal(check_date("1945-01-01", "founded_on", &d, NULL), NCT_OK);
	assert_int_equal(check_past_date("1945-01-01", "founded_on", &d, NULL), NCT_OK);
}

static void test_a_date_of_a_club_founded_long_ago_is_refused_before_1945(void **state)
{
	(void)state;
	struct club c;
	struct date d;
	memset(&c, 0, sizeof c);
	snprintf(c.founded_on, sizeof c.founded_on, "0999-01-01"); /* written before the check */
	memset(&rf, 0, sizeof rf);
	assert_int_equal(check_club_date(&c, "1000-01-01", "joined_on", &d, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_DATE_TOO_EARLY);
}

static void test_a_name_with_a_control_character_is_refused(void **state)
{
	(void)state;
	text_refused("Nguyễn\tVăn A", RF_TEXT_CONTROL);
	text_refused("Nguyễn\nVăn A", RF_TEXT_CONTROL);
	text_refused("A\x01"
	             "B",
	             RF_TEXT_CONTROL);
	text_refused("A\x1b[31mB", RF_TEXT_CONTROL);
	text_refused("A\x7f"
	             "B",
	             RF_TEXT_CONTROL);
	text_refused("A\xc2\x85"
	             "B",
	             RF_TEXT_CONTROL); /* U+0085, C1 */
	text_refused("A\xc2\x9f"
	             "B",
	             RF_TEXT_CONTROL); /* U+009F */
	text_refused("A\xff"
	             "B",
	             RF_TEXT_CONTROL); /* not UTF-8 */
}

static void test_a_name_with_a_bidirectional_override_or_isolate_is_refused(void **state)
{
	(void)state;
	text_refused("CLB \xe2\x80\xaa"
	             "A",
	             RF_TEXT_CONTROL); /* U+202A */
	text_refused("CLB \xe2\x80\xae"
	             "fdp.exe",
	             RF_TEXT_CONTROL); /* U+202E */
	text_refused("CLB \xe2\x81\xa6"
	             "A",
	             RF_TEXT_CONTROL); /* U+2066 */
	text_refused("CLB \xe2\x81\xa9"
	             "A",
	             RF_TEXT_CONTROL); /* U+2069 */
}

static void test_a_name_of_only_invisible_characters_is_refused(void **state)
{
	(void)state;
	text_refused("\xc2\xa0", RF_TEXT_INVISIBLE);                    /* NBSP */
	text_refused("\xe2\x80\x8b", RF_TEXT_INVISIBLE);                /* U+200B */
	text_refused(" \xe2\x80\x8c \xe2\x80\x8d ", RF_TEXT_INVISIBLE); /* ZWNJ, ZWJ */
	text_refused("\xe2\x81\xa0\xef\xbb\xbf", RF_TEXT_INVISIBLE);    /* U+2060, U+FEFF */
	text_refused("\xe3\x80\x80\xe2\x80\x83", RF_TEXT_INVISIBLE);    /* U+3000, U+2003 */
	text_refused("   ", RF_TEXT_LENGTH);                            /* blank: absent */
	text_refused("", RF_TEXT_LENGTH);
}

static void test_vietnamese_names_pass_in_either_normal_form(void **state)
{
	(void)state;
	assert_int_equal(check_text("Rơ Châm Hương", 120, "name", NULL), NCT_OK);
	assert_int_equal(check_text("Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3", 120, "name", NULL),
	                 NCT_OK); /* NFD: combining marks */
	assert_int_equal(check_text("CLB\xc2\xa0"
	                            "Đăk Hà",
	                            120, "name", NULL),
	                 NCT_OK);
}

static void test_a_title_limit_counts_characters_not_bytes(void **state)
{
	(void)state;
	/* 150 characters of "Đ" (2 bytes each: 300 bytes) fit a limit of 150 */
	char s[TEXT_BYTES(150) + 8];
	for (int i = 0; i < 150; i++)
		memcpy(s + 2 * i, "\xc4\x90", 2);
	s[300] = '\0';
	assert_int_equal(text_chars(s), 150);
	assert_int_equal(check_title(s, 150, "name", NULL), NCT_OK);
	s[300] = 'a';
	s[301] = '\0';
	struct refusal got = {0};
	assert_int_equal(check_title(s, 150, "name", &got), NCT_ERR_INVALID);
	assert_int_equal(got.code, RF_TITLE_LENGTH);
	assert_string_equal(got.arg[0].v, "150");
	/* "Câu lạc bộ" is 10 characters (13 bytes) */
	assert_int_equal(check_title("Câu lạc bộ", 10, "name", NULL), NCT_OK);
	assert_int_equal(check_title("Câu lạc bộ", 9, "name", NULL), NCT_ERR_INVALID);
	/* blank, malformed and hidden characters are refused as check_text refuses them */
	assert_int_equal(check_title("  ", 10, "name", NULL), NCT_ERR_INVALID);
	got.code = RF_NONE;
	assert_int_equal(check_title("a\xff", 10, "name", &got), NCT_ERR_INVALID);
	assert_int_equal(got.code, RF_TEXT_CONTROL);
	got.code = RF_NONE;
	assert_int_equal(check_title("a\xe2\x80\xae"
	                             "b",
	                             10, "name", &got),
	                 NCT_ERR_INVALID);
	assert_int_equal(got.code, RF_TEXT_CONTROL);
}

static void test_an_optional_text_may_be_left_out_but_not_be_odd(void **state)
{
	(void)state;
	char longer[1002];
	memset(longer, 'a', 1001);
	longer[1001] = '\0';
	assert_int_equal(check_optional_text(NULL, 1000, "notes", NULL), NCT_OK);
	assert_int_equal(check_optional_text("", 1000, "notes", NULL), NCT_OK);
	assert_int_equal(check_optional_text("Trạm y tế xã", 1000, "notes", NULL), NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(check_optional_text(longer, 1000, "notes", &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TOO_LONG);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(check_optional_text("a\x1b", 1000, "notes", &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TEXT_CONTROL);
	assert_int_equal(check_optional_text("\xe2\x80\x8b", 1000, "notes", &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TEXT_INVISIBLE);
}

static void test_a_number_out_of_range_is_refused_naming_the_range(void **state)
{
	(void)state;
	assert_int_equal(check_number(0, 0, 10000, "participants", NULL), NCT_OK);
	assert_int_equal(check_number(10000, 0, 10000, "participants", NULL), NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(check_number(1LL << 40, 0, 10000, "participants", &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NUMBER_RANGE);
	assert_string_equal(rf.arg[0].v, "0");
	assert_string_equal(rf.arg[1].v, "10000");
	assert_int_equal(check_number(-1, 0, 10000, "participants", NULL), NCT_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_code_of_only_dots_is_refused),
	    cmocka_unit_test(test_a_date_before_1945_is_refused_and_its_first_day_accepted),
	    cmocka_unit_test(test_a_date_of_a_club_founded_long_ago_is_refused_before_1945),
	    cmocka_unit_test(test_a_name_with_a_control_character_is_refused),
	    cmocka_unit_test(test_a_name_with_a_bidirectional_override_or_isolate_is_refused),
	    cmocka_unit_test(test_a_name_of_only_invisible_characters_is_refused),
	    cmocka_unit_test(test_vietnamese_names_pass_in_either_normal_form),
	    cmocka_unit_test(test_a_title_limit_counts_characters_not_bytes),
	    cmocka_unit_test(test_an_optional_text_may_be_left_out_but_not_be_odd),
	    cmocka_unit_test(test_a_number_out_of_range_is_refused_naming_the_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_wording.c - every refusal code is worded in both languages with the
 * placeholders its values need, values are shown as people read them, and
 * every code the domain keeps has a label. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/activity.h"
#include "domain/board.h"
#include "domain/club.h"
#include "domain/org.h"
#include "web/labels.h"
#include "web/wording.h"

/* Whether t holds "{k}" for each k of 1..n and no other numbered placeholder,
 * and every '{' opens {field} or one of those. */
static bool placeholders_fit(const char *t, int n)
{
	int seen = 0;
	for (const char *p = strchr(t, '{'); p; p = strchr(p + 1, '{')) {
		if (strncmp(p, "{field}", 7) == 0)
			continue;
		int k = p[1] - '0';
		if (k < 1 || k > n || p[2] != '}')
			return false;
		seen |= 1 << k;
	}
	return seen == ((1 << (n + 1)) - 2);
}

static void test_every_code_has_both_wordings_with_a_placeholder_per_value(void **state)
{
	(void)state;
	for (int code = RF_NONE + 1; code < RF_COUNT; code++) {
		const char *vi = wording_template(code, "vi"), *en = wording_template(code, "en");
		int n = (int)strlen(refusal_kinds(code));
		if (!vi || !en || !vi[0] || !en[0] || !placeholders_fit(vi, n) ||
		    !placeholders_fit(en, n))
			fail_msg("refusal %s: wording missing or placeholders wrong",
			         refusal_reason(code));
		assert_true(refusal_reason(code)[0]);
	}
}

static void test_a_date_is_worded_dd_mm_yyyy_with_the_fields_label(void **state)
{
	(void)state;
	struct refusal rf;
	char out[256];
	assert_int_equal(refuse(&rf, NCT_ERR_INVALID, RF_BEFORE_FOUNDING, "joined_on", "dd",
	                        "2025-07-31", "2025-08-01"),
	                 NCT_ERR_INVALID);
	wording_refusal(&rf, "vi", out, sizeof out);
	assert_string_equal(out, "Ngày vào câu lạc bộ (31/07/2025) trước ngày thành lập câu lạc bộ "
	                         "(01/08/2025).");
	wording_refusal(&rf, "en", out, sizeof out);
	assert_string_equal(out, "The joining date (31/07/2025) is before the club was founded "
	                         "(01/08/2025).");
}

/* A target's bounds are figures: written with the Vietnamese thousands
 * separator, as the plans write them, not as 1000000000. */
static void test_a_targets_bound_is_worded_with_thousands_separators(void **state)
{
	(void)state;
	struct refusal rf;
	char out[256];
	refuse(&rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, "target_max", "nn", (int64_t)2500,
	       (int64_t)1000000000);
	wording_refusal(&rf, "vi", out, sizeof out);
	assert_non_null(strstr(out, "từ 2.500 đến 1.000.000.000"));
	assert_null(strstr(out, "1000000000"));
	wording_refusal(&rf, "en", out, sizeof out);
	assert_non_null(strstr(out, "from 2.500 to 1.000.000.000"));
	assert_string_equal(refusal_reason(rf.code), "number_range");
}

/* Limits people read are figures too: a file's rows, a list's length, a
 * text's bytes, written grouped ("2.000.000 dòng"), never 2000000. */
static void test_limits_are_worded_with_thousands_separators(void **state)
{
	(void)state;
	static const struct {
		int code;
		const char *kinds, *want;
	} cases[] = {
	    {RF_IMPORT_PERSONS_TOO_MANY, "n", "quá 2.000.000 dòng"},
	    {RF_IMPORT_TOO_MANY, "nn", "có 2.000.000 dòng thành viên, quá giới hạn 2.000.000"},
	    {RF_TOO_MANY, "n", "nhiều nhất 2.000.000"},
	    {RF_TEXT_LENGTH, "n", "không quá 2.000.000 byte"},
	    {RF_TOO_LONG, "n", "dài quá 2.000.000 byte"},
	    {RF_MERGE_TOO_MANY, "n", "hơn 2.000.000 thẻ BHYT"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct refusal rf;
		char out[512];
		refuse(&rf, NCT_ERR_INVALID, cases[i].code, "q", cases[i].kinds, (int64_t)2000000,
		       (int64_t)2000000);
		wording_refusal(&rf, "vi", out, sizeof out);
		if (!strstr(out, cases[i].want) || strstr(out, "2000000"))
			fail_msg("%s: \"%s\" lacks \"%s\"", refusal_reason(cases[i].code), out,
			         cases[i].want);
	}
}

/* Months are written mm/yyyy and days dd/mm/yyyy in every message: each code
 * worded with a month 2025-08 and a day 2025-08-05 where it names them shows
 * neither in ISO. */
static void test_every_message_writes_months_mm_yyyy_and_days_dd_mm_yyyy(void **state)
{
	(void)state;
	int months = 0;
	for (int code = RF_NONE + 1; code < RF_COUNT; code++) {
		struct refusal rf = {.code = code, .field = "month"};
		const char *kinds = refusal_kinds(code);
		for (; kinds[rf.nargs]; rf.nargs++) {
			char k = kinds[rf.nargs];
			rf.arg[rf.nargs].kind = k;
			snprintf(rf.arg[rf.nargs].v, sizeof rf.arg[0].v, "%s",
			         k == 'M'   ? "2025-08"
			         : k == 'd' ? "2025-08-05"
			         : k == 's' ? "x"
			                    : "1");
			months += k == 'M';
		}
		for (int en = 0; en < 2; en++) {
			char out[512];
			wording_refusal(&rf, en ? "en" : "vi", out, sizeof out);
			if (strstr(out, "2025-08"))
				fail_msg("%s (%s): %s", refusal_reason(code), en ? "en" : "vi",
				         out);
			if (strchr(kinds, 'M') && !strstr(out, "08/2025"))
				fail_msg("%s (%s) names no month: %s", refusal_reason(code),
				         en ? "en" : "vi", out);
		}
	}
	assert_true(months >= 2);
	struct refusal rf;
	char out[256];
	refuse(&rf, NCT_ERR_CONFLICT, RF_NOT_RECEIVING, "month", "M", "2026-03");
	wording_refusal(&rf, "vi", out, sizeof out);
	assert_non_null(strstr(out, "tháng 03/2026"));
}

static void test_a_wait_is_worded_in_seconds_then_in_minutes(void **state)
{
	(void)state;
	struct refusal rf;
	char out[256];
	refuse(&rf, NCT_ERR_TOOMANY, RF_THROTTLED, NULL, "t", (int64_t)30);
	wording_refusal(&rf, "vi", out, sizeof out);
	assert_string_equal(out, "Quá nhiều lần đăng nhập sai. Hãy đợi 30 giây rồi thử lại.");
	refuse(&rf, NCT_ERR_TOOMANY, RF_THROTTLED, NULL, "t", (int64_t)900);
	wording_refusal(&rf, "en", out, sizeof out);
	assert_string_equal(out, "Too many failed logins. Wait 15 minutes and try again.");
}

static void test_values_of_other_kinds_than_the_codes_are_dropped_not_misread(void **state)
{
	(void)state;
	struct refusal rf;
	refuse(&rf, NCT_ERR_INVALID, RF_ALREADY_MEMBER, "person_id", "i", (int64_t)7);
	assert_int_equal(rf.code, RF_ALREADY_MEMBER);
	assert_int_equal(rf.nargs, 0);
}

static void test_a_long_text_value_is_cut_between_characters(void **state)
{
	(void)state;
	struct refusal rf;
	char name[200];
	/* a three-byte character across the last byte that fits */
	memset(name, 'a', sizeof name);
	memcpy(name + REFUSAL_ARG_LEN - 2, "ữ", 3);
	name[sizeof name - 1] = '\0';
	refuse(&rf, NCT_ERR_CONFLICT, RF_ALREADY_MEMBER, "person_id", "s", name);
	assert_int_equal(strlen(rf.arg[0].v), REFUSAL_ARG_LEN - 2);
}

static void test_a_field_without_a_label_is_shown_by_its_name(void **state)
{
	(void)state;
	assert_string_equal(wording_field("founded_on", "vi"), "Ngày thành lập");
	assert_string_equal(wording_field("no_such_field", "en"), "no_such_field");
}

static void every_code_has_a_label(const char *const *codes,
                                   const char *(*label)(const char *, const char *))
{
	for (; *codes; codes++) {
		assert_string_not_equal(label(*codes, "vi"), *codes);
		assert_true(label(*codes, "en")[0]);
	}
}

static void test_every_kind_status_and_role_the_domain_keeps_has_a_label(void **state)
{
	(void)state;
	every_code_has_a_label(club_kinds, label_club_kind);
	every_code_has_a_label(club_statuses, label_club_status);
	every_code_has_a_label(board_roles, label_board_role);
	every_code_has_a_label(org_kinds, label_org_kind);
	every_code_has_a_label(assessment_grades, label_grade);
	for (int r = 0; r < ROLE_COUNT; r++)
		assert_string_not_equal(label_role((enum role)r, "vi"), role_name((enum role)r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_code_has_both_wordings_with_a_placeholder_per_value),
	    cmocka_unit_test(test_a_date_is_worded_dd_mm_yyyy_with_the_fields_label),
	    cmocka_unit_test(test_a_targets_bound_is_worded_with_thousands_separators),
	    cmocka_unit_test(test_limits_are_worded_with_thousands_separators),
	    cmocka_unit_test(test_every_message_writes_months_mm_yyyy_and_days_dd_mm_yyyy),
	    cmocka_unit_test(test_a_wait_is_worded_in_seconds_then_in_minutes),
	    cmocka_unit_test(test_values_of_other_kinds_than_the_codes_are_dropped_not_misread),
	    cmocka_unit_test(test_a_long_text_value_is_cut_between_characters),
	    cmocka_unit_test(test_a_field_without_a_label_is_shown_by_its_name),
	    cmocka_unit_test(test_every_kind_status_and_role_the_domain_keeps_has_a_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

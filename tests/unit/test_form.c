/* test_form.c - URL-encoded forms, query strings, Cookie headers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/form.h"

static nct_err parse(struct form *f, const char *s)
{
	form_init(f, FORM_MAX_FIELDS);
	return form_parse_urlencoded(f, s, strlen(s));
}

static nct_err parse_cookies(struct form *f, const char *s)
{
	form_init(f, FORM_MAX_FIELDS);
	return form_parse_cookies(f, s, strlen(s));
}

/* A string of n copies of unit, which the test frees. */
static char *repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *s = malloc(len * n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

static void test_urlencoded_parses_two_fields(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=1&b=2"), NCT_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[0].key, "a");
	assert_string_equal(f.fields[0].value, "1");
	assert_string_equal(f.fields[1].key, "b");
	assert_string_equal(f.fields[1].value, "2");
	form_free(&f);
}

static void test_urlencoded_decodes_plus_as_space(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "q=x+y"), NCT_OK);
	assert_string_equal(form_get(&f, "q"), "x y");
	form_free(&f);
}

static void test_urlencoded_decodes_percent_escapes(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "b=x+y%20z%2B%26"), NCT_OK);
	assert_string_equal(form_get(&f, "b"), "x y z+&");
	form_free(&f);
}

static void test_urlencoded_decodes_lowercase_hex_escapes(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "q=%c4%90%e1%ba%af"), NCT_OK);
	assert_string_equal(form_get(&f, "q"), "Đắ");
	form_free(&f);
}

static void test_urlencoded_decodes_escapes_in_keys(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "t%C3%AAn=Th%E1%BB%8D"), NCT_OK);
	assert_string_equal(form_get(&f, "tên"), "Thọ");
	form_free(&f);
}

static void test_urlencoded_accepts_raw_utf8(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "q=Đắk+Hà"), NCT_OK);
	assert_string_equal(form_get(&f, "q"), "Đắk Hà");
	form_free(&f);
}

static void test_urlencoded_gives_key_without_equals_an_empty_value(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "flag&a=1"), NCT_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "flag"), "");
	form_free(&f);
}

static void test_urlencoded_keeps_equals_signs_after_the_first_in_the_value(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=b=c"), NCT_OK);
	assert_string_equal(form_get(&f, "a"), "b=c");
	form_free(&f);
}

static void test_urlencoded_skips_empty_segments(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "&a=1&&b=2&"), NCT_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "b"), "2");
	form_free(&f);
}

static void test_urlencoded_accepts_empty_input(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, ""), NCT_OK);
	assert_int_equal(f.n, 0);
	form_free(&f);
}

static void test_urlencoded_accepts_empty_key(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "=1"), NCT_OK);
	assert_string_equal(form_get(&f, ""), "1");
	form_free(&f);
}

static void test_urlencoded_rejects_escape_with_one_hex_digit(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=%4"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_escape_with_non_hex_digits(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=%zz"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_lone_percent_sign(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=100%"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_bad_escape_in_key(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "%g1=1"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_escaped_nul(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=x%00y"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_raw_nul(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, FORM_MAX_FIELDS);
	assert_int_equal(form_parse_urlencoded(&f, "a=x\0y", 5), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_overlong_utf8_after_decoding(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=%C0%AF"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_surrogate_after_decoding(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=%ED%A0%80"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_rejects_truncated_utf8_in_key(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "%C4=1"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_urlencoded_accepts_key_of_max_length(void **state)
{
	(void)state;
	struct form f;
	char *key = repeat("k", FORM_MAX_KEY);
	assert_int_equal(parse(&f, key), NCT_OK);
	assert_int_equal(strlen(f.fields[0].key), 128);
	form_free(&f);
	free(key);
}

static void test_urlencoded_rejects_key_longer_than_max(void **state)
{
	(void)state;
	struct form f;
	char *key = repeat("k", FORM_MAX_KEY + 1);
	assert_int_equal(parse(&f, key), NCT_ERR_INVALID);
	form_free(&f);
	free(key);
}

static void test_urlencoded_measures_key_length_after_decoding(void **state)
{
	(void)state;
	struct form f;
	char *key = repeat("%61", FORM_MAX_KEY);
	assert_int_equal(parse(&f, key), NCT_OK);
	assert_int_equal(strlen(f.fields[0].key), 128);
	form_free(&f);
	free(key);
}

static void test_urlencoded_fails_past_max_fields_keeping_the_first(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, 2);
	assert_int_equal(form_parse_urlencoded(&f, "a=1&b=2&c=3", 11), NCT_ERR_TOOBIG);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "b"), "2");
	form_free(&f);
}

static void test_urlencoded_accepts_exactly_max_fields(void **state)
{
	(void)state;
	struct form f;
	char *s = repeat("k=v&", FORM_MAX_FIELDS);
	assert_int_equal(parse(&f, s), NCT_OK);
	assert_int_equal(f.n, 256);
	form_free(&f);
	free(s);
}

static void test_urlencoded_rejects_one_field_more_than_max(void **state)
{
	(void)state;
	struct form f;
	char *s = repeat("k=v&", FORM_MAX_FIELDS + 1);
	assert_int_equal(parse(&f, s), NCT_ERR_TOOBIG);
	assert_int_equal(f.n, 256);
	form_free(&f);
	free(s);
}

static void test_urlencoded_keeps_fields_before_a_bad_one(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=1&b=%zz&c=3"), NCT_ERR_INVALID);
	assert_int_equal(f.n, 1);
	assert_string_equal(form_get(&f, "a"), "1");
	form_free(&f);
}

static void test_urlencoded_appends_to_fields_already_there(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=1"), NCT_OK);
	assert_int_equal(form_parse_urlencoded(&f, "b=2", 3), NCT_OK);
	assert_int_equal(f.n, 2);
	form_free(&f);
}

static void test_get_returns_the_first_of_repeated_keys(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=1&a=2"), NCT_OK);
	assert_string_equal(form_get(&f, "a"), "1");
	form_free(&f);
}

static void test_get_returns_null_for_missing_key(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse(&f, "a=1"), NCT_OK);
	assert_null(form_get(&f, "b"));
	form_free(&f);
}

static void test_cookies_parses_two_cookies(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "a=1; b=2"), NCT_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.fields[0].key, "a");
	assert_string_equal(f.fields[0].value, "1");
	assert_string_equal(f.fields[1].key, "b");
	assert_string_equal(f.fields[1].value, "2");
	form_free(&f);
}

static void test_cookies_removes_surrounding_double_quotes(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "sid=\"abc\""), NCT_OK);
	assert_string_equal(form_get(&f, "sid"), "abc");
	form_free(&f);
}

static void test_cookies_keeps_a_lone_double_quote(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "sid=\""), NCT_OK);
	assert_string_equal(form_get(&f, "sid"), "\"");
	form_free(&f);
}

static void test_cookies_takes_values_without_percent_decoding(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "a=x%20y+z%zz"), NCT_OK);
	assert_string_equal(form_get(&f, "a"), "x%20y+z%zz");
	form_free(&f);
}

static void test_cookies_trims_whitespace_around_names_and_values(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, " \ta = 1 ;b=2\t"), NCT_OK);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(form_get(&f, "b"), "2");
	form_free(&f);
}

static void test_cookies_skips_empty_segments(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, ";; a=1; ;"), NCT_OK);
	assert_int_equal(f.n, 1);
	form_free(&f);
}

static void test_cookies_gives_name_without_equals_an_empty_value(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "flag; a=1"), NCT_OK);
	assert_string_equal(form_get(&f, "flag"), "");
	form_free(&f);
}

static void test_cookies_rejects_malformed_utf8(void **state)
{
	(void)state;
	struct form f;
	assert_int_equal(parse_cookies(&f, "a=\xC0\xAF"), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_cookies_rejects_nul_byte(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, FORM_MAX_FIELDS);
	assert_int_equal(form_parse_cookies(&f, "a=1\0; b=2", 9), NCT_ERR_INVALID);
	form_free(&f);
}

static void test_cookies_rejects_name_longer_than_max(void **state)
{
	(void)state;
	struct form f;
	char *name = repeat("n", FORM_MAX_KEY + 1);
	assert_int_equal(parse_cookies(&f, name), NCT_ERR_INVALID);
	form_free(&f);
	free(name);
}

static void test_cookies_fail_past_max_fields(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, 1);
	assert_int_equal(form_parse_cookies(&f, "a=1; b=2", 8), NCT_ERR_TOOBIG);
	assert_int_equal(f.n, 1);
	form_free(&f);
}

static void test_add_copies_key_and_value(void **state)
{
	(void)state;
	struct form f;
	char key[] = "k", value[] = "v";
	form_init(&f, 4);
	assert_int_equal(form_add(&f, key, value), NCT_OK);
	key[0] = 'x';
	value[0] = 'y';
	assert_string_equal(form_get(&f, "k"), "v");
	form_free(&f);
}

static void test_add_fails_past_max_fields(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, 1);
	assert_int_equal(form_add(&f, "a", "1"), NCT_OK);
	assert_int_equal(form_add(&f, "b", "2"), NCT_ERR_TOOBIG);
	assert_int_equal(f.n, 1);
	form_free(&f);
}

static void test_add_rejects_malformed_utf8(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, 4);
	assert_int_equal(form_add(&f, "a", "\xED\xA0\x80"), NCT_ERR_INVALID);
	assert_int_equal(f.n, 0);
	form_free(&f);
}

static void test_add_grows_past_the_first_allocation(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(form_add(&f, "k", "v"), NCT_OK);
	assert_int_equal(form_add(&f, "k", "v"), NCT_ERR_TOOBIG);
	assert_int_equal(f.n, 100);
	form_free(&f);
}

static void test_urldecode_decodes_escapes_and_plus(void **state)
{
	(void)state;
	char *s = form_urldecode("/places/X%C3%A3+Th%E1%BB%8D", 27);
	assert_non_null(s);
	assert_string_equal(s, "/places/Xã Thọ");
	free(s);
}

static void test_urldecode_decodes_only_the_given_length(void **state)
{
	(void)state;
	char *s = form_urldecode("abc%20def", 3);
	assert_non_null(s);
	assert_string_equal(s, "abc");
	free(s);
}

static void test_urldecode_of_empty_input_is_empty(void **state)
{
	(void)state;
	char *s = form_urldecode("", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_urldecode_returns_null_for_escape_with_one_hex_digit(void **state)
{
	(void)state;
	assert_null(form_urldecode("a%4", 3));
}

static void test_urldecode_returns_null_for_non_hex_escape(void **state)
{
	(void)state;
	assert_null(form_urldecode("a%zz", 4));
}

static void test_urldecode_returns_null_for_escaped_nul(void **state)
{
	(void)state;
	assert_null(form_urldecode("a%00b", 5));
}

static void test_urldecode_returns_null_for_raw_nul(void **state)
{
	(void)state;
	assert_null(form_urldecode("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_urlencoded_parses_two_fields),
	    cmocka_unit_test(test_urlencoded_decodes_plus_as_space),
	    cmocka_unit_test(test_urlencoded_decodes_percent_escapes),
	    cmocka_unit_test(test_urlencoded_decodes_lowercase_hex_escapes),
	    cmocka_unit_test(test_urlencoded_decodes_escapes_in_keys),
	    cmocka_unit_test(test_urlencoded_accepts_raw_utf8),
	    cmocka_unit_test(test_urlencoded_gives_key_without_equals_an_empty_value),
	    cmocka_unit_test(test_urlencoded_keeps_equals_signs_after_the_first_in_the_value),
	    cmocka_unit_test(test_urlencoded_skips_empty_segments),
	    cmocka_unit_test(test_urlencoded_accepts_empty_input),
	    cmocka_unit_test(test_urlencoded_accepts_empty_key),
	    cmocka_unit_test(test_urlencoded_rejects_escape_with_one_hex_digit),
	    cmocka_unit_test(test_urlencoded_rejects_escape_with_non_hex_digits),
	    cmocka_unit_test(test_urlencoded_rejects_lone_percent_sign),
	    cmocka_unit_test(test_urlencoded_rejects_bad_escape_in_key),
	    cmocka_unit_test(test_urlencoded_rejects_escaped_nul),
	    cmocka_unit_test(test_urlencoded_rejects_raw_nul),
	    cmocka_unit_test(test_urlencoded_rejects_overlong_utf8_after_decoding),
	    cmocka_unit_test(test_urlencoded_rejects_surrogate_after_decoding),
	    cmocka_unit_test(test_urlencoded_rejects_truncated_utf8_in_key),
	    cmocka_unit_test(test_urlencoded_accepts_key_of_max_length),
	    cmocka_unit_test(test_urlencoded_rejects_key_longer_than_max),
	    cmocka_unit_test(test_urlencoded_measures_key_length_after_decoding),
	    cmocka_unit_test(test_urlencoded_fails_past_max_fields_keeping_the_first),
	    cmocka_unit_test(test_urlencoded_accepts_exactly_max_fields),
	    cmocka_unit_test(test_urlencoded_rejects_one_field_more_than_max),
	    cmocka_unit_test(test_urlencoded_keeps_fields_before_a_bad_one),
	    cmocka_unit_test(test_urlencoded_appends_to_fields_already_there),
	    cmocka_unit_test(test_get_returns_the_first_of_repeated_keys),
	    cmocka_unit_test(test_get_returns_null_for_missing_key),
	    cmocka_unit_test(test_cookies_parses_two_cookies),
	    cmocka_unit_test(test_cookies_removes_surrounding_double_quotes),
	    cmocka_unit_test(test_cookies_keeps_a_lone_double_quote),
	    cmocka_unit_test(test_cookies_takes_values_without_percent_decoding),
	    cmocka_unit_test(test_cookies_trims_whitespace_around_names_and_values),
	    cmocka_unit_test(test_cookies_skips_empty_segments),
	    cmocka_unit_test(test_cookies_gives_name_without_equals_an_empty_value),
	    cmocka_unit_test(test_cookies_rejects_malformed_utf8),
	    cmocka_unit_test(test_cookies_rejects_nul_byte),
	    cmocka_unit_test(test_cookies_rejects_name_longer_than_max),
	    cmocka_unit_test(test_cookies_fail_past_max_fields),
	    cmocka_unit_test(test_add_copies_key_and_value),
	    cmocka_unit_test(test_add_fails_past_max_fields),
	    cmocka_unit_test(test_add_rejects_malformed_utf8),
	    cmocka_unit_test(test_add_grows_past_the_first_allocation),
	    cmocka_unit_test(test_urldecode_decodes_escapes_and_plus),
	    cmocka_unit_test(test_urldecode_decodes_only_the_given_length),
	    cmocka_unit_test(test_urldecode_of_empty_input_is_empty),
	    cmocka_unit_test(test_urldecode_returns_null_for_escape_with_one_hex_digit),
	    cmocka_unit_test(test_urldecode_returns_null_for_non_hex_escape),
	    cmocka_unit_test(test_urldecode_returns_null_for_escaped_nul),
	    cmocka_unit_test(test_urldecode_returns_null_for_raw_nul),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

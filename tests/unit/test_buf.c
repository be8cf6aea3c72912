/* test_buf.c - the bounded buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void test_appends_text_and_keeps_it_nul_terminated(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	assert_int_equal(buf_adds(&b, "Người "), NCT_OK);
	assert_int_equal(buf_adds(&b, "cao tuổi"), NCT_OK);
	assert_string_equal(buf_str(&b), "Người cao tuổi");
	assert_int_equal(b.len, strlen("Người cao tuổi"));
	buf_free(&b);
}

static void test_printf_formats_numbers(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	assert_int_equal(buf_printf(&b, "%d clubs, %s", 22, "2016-2020"), NCT_OK);
	assert_string_equal(buf_str(&b), "22 clubs, 2016-2020");
	buf_free(&b);
}

static void test_past_the_limit_it_fails_and_drops_the_contents(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), NCT_OK);
	assert_int_equal(buf_addc(&b, '9'), NCT_ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void test_printf_past_the_limit_fails(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4);
	assert_int_equal(buf_printf(&b, "%s", "too long"), NCT_ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void test_a_buf_past_its_maximum_stays_failed(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "123456789"), NCT_ERR_TOOBIG);
	assert_int_equal(buf_adds(&b, "tail"), NCT_ERR_TOOBIG);
	assert_int_equal(buf_addc(&b, 'x'), NCT_ERR_TOOBIG);
	assert_int_equal(buf_printf(&b, "%d", 1), NCT_ERR_TOOBIG);
	assert_int_equal(buf_failed(&b), NCT_ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_null(buf_detach(&b));
	buf_free(&b);
}

static void test_a_buf_that_never_failed_says_so(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), NCT_OK);
	assert_int_equal(buf_failed(&b), NCT_OK);
	buf_free(&b);
}

static void test_reset_starts_a_failed_buf_again(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "123456789"), NCT_ERR_TOOBIG);
	buf_reset(&b);
	assert_int_equal(buf_failed(&b), NCT_OK);
	assert_int_equal(buf_adds(&b, "ok"), NCT_OK);
	assert_string_equal(buf_str(&b), "ok");
	buf_free(&b);
}

static void test_detach_hands_over_the_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_adds(&b, "abc");
	char *s = buf_detach(&b);
	assert_string_equal(s, "abc");
	assert_null(b.ptr);
	free(s);
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
}

static void test_reset_empties_but_keeps_working(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_adds(&b, "abc");
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_adds(&b, "d");
	assert_string_equal(buf_str(&b), "d");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_appends_text_and_keeps_it_nul_terminated),
	    cmocka_unit_test(test_printf_formats_numbers),
	    cmocka_unit_test(test_past_the_limit_it_fails_and_drops_the_contents),
	    cmocka_unit_test(test_printf_past_the_limit_fails),
	    cmocka_unit_test(test_a_buf_past_its_maximum_stays_failed),
	    cmocka_unit_test(test_a_buf_that_never_failed_says_so),
	    cmocka_unit_test(test_reset_starts_a_failed_buf_again),
	    cmocka_unit_test(test_detach_hands_over_the_string),
	    cmocka_unit_test(test_reset_empties_but_keeps_working),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

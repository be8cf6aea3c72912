/* test_vec.c - the bounded vector. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "base/vec.h"

struct pair {
	int64_t id;
	int count;
};

static void test_pushed_elements_come_back_in_order_and_zeroed(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(struct pair), 1000);
	for (int i = 0; i < 100; i++) {
		struct pair *p = vec_push(&v);
		assert_non_null(p);
		assert_int_equal(p->count, 0);
		p->id = i;
	}
	assert_int_equal(v.n, 100);
	assert_int_equal(vec_at(&v, struct pair, 0)->id, 0);
	assert_int_equal(vec_at(&v, struct pair, 99)->id, 99);
	assert_int_equal(vec_failed(&v), NCT_OK);
	vec_free(&v);
}

static void test_a_vec_at_its_maximum_refuses_more_and_keeps_what_it_holds(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 3);
	for (int i = 1; i <= 3; i++)
		assert_int_equal(vec_add(&v, &i), NCT_OK);
	int four = 4;
	assert_int_equal(vec_add(&v, &four), NCT_ERR_TOOBIG);
	assert_int_equal(vec_failed(&v), NCT_ERR_TOOBIG);
	assert_int_equal(v.n, 3);
	assert_int_equal(*vec_at(&v, int, 2), 3);
	vec_free(&v);
}

static void test_a_failed_vec_stays_failed(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 2);
	assert_null(vec_grow(&v, 3));
	assert_null(vec_push(&v));
	assert_int_equal(vec_failed(&v), NCT_ERR_TOOBIG);
	assert_int_equal(v.n, 0);
	vec_free(&v);
	assert_int_equal(vec_failed(&v), NCT_OK);
	assert_non_null(vec_push(&v));
	vec_free(&v);
}

static void test_growing_by_several_zeroes_them_all(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(size_t), 100);
	size_t *first = vec_grow(&v, 40);
	assert_non_null(first);
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(first[i], 0);
	assert_int_equal(v.n, 40);
	assert_non_null(vec_grow(&v, 60));
	assert_null(vec_grow(&v, 1));
	assert_int_equal(v.n, 100);
	vec_free(&v);
}

static void test_a_count_whose_bytes_overflow_is_refused(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int64_t), SIZE_MAX);
	assert_null(vec_grow(&v, SIZE_MAX / 4));
	assert_int_equal(vec_failed(&v), NCT_ERR_TOOBIG);
	vec_free(&v);
}

static void test_detach_hands_over_the_elements(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 10);
	int seven = 7;
	vec_add(&v, &seven);
	size_t n;
	int *p = vec_detach(&v, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0], 7);
	assert_null(v.ptr);
	assert_int_equal(v.n, 0);
	free(p);
}

static void test_detach_of_an_empty_vec_gives_null_and_zero(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 10);
	size_t n = 99;
	assert_null(vec_detach(&v, &n));
	assert_int_equal(n, 0);
}

static void test_a_result_with_an_error_frees_the_elements(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 10);
	int one = 1;
	vec_add(&v, &one);
	size_t n = 99;
	assert_null(vec_result(&v, NCT_ERR_DB, &n));
	assert_int_equal(n, 0);
	assert_null(v.ptr);
}

static void test_a_result_without_an_error_hands_them_over(void **state)
{
	(void)state;
	struct vec v;
	vec_init(&v, sizeof(int), 10);
	int one = 1;
	vec_add(&v, &one);
	size_t n;
	int *p = vec_result(&v, NCT_OK, &n);
	assert_int_equal(n, 1);
	assert_int_equal(p[0], 1);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pushed_elements_come_back_in_order_and_zeroed),
	    cmocka_unit_test(test_a_vec_at_its_maximum_refuses_more_and_keeps_what_it_holds),
	    cmocka_unit_test(test_a_failed_vec_stays_failed),
	    cmocka_unit_test(test_growing_by_several_zeroes_them_all),
	    cmocka_unit_test(test_a_count_whose_bytes_overflow_is_refused),
	    cmocka_unit_test(test_detach_hands_over_the_elements),
	    cmocka_unit_test(test_detach_of_an_empty_vec_gives_null_and_zero),
	    cmocka_unit_test(test_a_result_with_an_error_frees_the_elements),
	    cmocka_unit_test(test_a_result_without_an_error_hands_them_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

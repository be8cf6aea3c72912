/* test_keyset.c - the set of keys with their first line, held in a table of
 * fixed size and runs written to a file (the import's duplicates in a file). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>

#include "base/keyset.h"

static uint64_t rnd_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Puts n keys drawn from a pool of distinct ones (so that most come again)
 * and checks each answer against the first line each pool key was put on. */
static void check_against_reference(size_t slots, size_t filter, size_t n, size_t distinct,
                                    bool small_keys)
{
	uint64_t *pool = calloc(distinct, sizeof *pool), *first = calloc(distinct, sizeof *first);
	assert_non_null(pool);
	assert_non_null(first);
	uint64_t x = 88172645463325252u;
	for (size_t i = 0; i < distinct; i++)
		pool[i] = small_keys ? i : rnd_next(&x); /* 0 is a key like the others */
	struct keyset s;
	assert_int_equal(keyset_init(&s, slots, filter, n), NCT_OK);
	for (size_t line = 1; line <= n; line++) {
		size_t i = (size_t)(rnd_next(&x) % distinct);
		uint64_t before = 99;
		assert_int_equal(keyset_put(&s, pool[i], line, &before), NCT_OK);
		assert_int_equal(before, first[i]);
		if (!first[i])
			first[i] = line;
	}
	keyset_free(&s);
	free(pool);
	free(first);
}

static void test_a_key_put_again_gives_its_first_line_in_the_table_and_in_the_runs(void **state)
{
	(void)state;
	static const struct {
		size_t slots, filter, n, distinct;
		bool small_keys;
	} cases[] = {
	    {1024, 4096, 200, 100, false}, /* all in the table */
	    {16, 8, 600, 200, false},      /* a run every 8 keys, the filter full: every run read */
	    {64, 512, 4000, 1500, false},  /* many runs, the filter half full */
	    {256, 65536, 50000, 30000, true}, /* keys 0, 1, 2, ... (citizen IDs' numbers) */
	    {4096, 1 << 16, 100000, 60000, false},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
		check_against_reference(cases[c].slots, cases[c].filter, cases[c].n,
		                        cases[c].distinct, cases[c].small_keys);
}

static void test_the_heap_held_does_not_grow_with_the_keys(void **state)
{
	(void)state;
	struct keyset s;
	uint64_t before, x = 7;
	assert_int_equal(keyset_init(&s, 8192, 1 << 20, 1000000), NCT_OK);
	for (uint64_t line = 1; line <= 1000; line++)
		assert_int_equal(keyset_put(&s, rnd_next(&x), line, &before), NCT_OK);
	size_t small = keyset_heap_bytes(&s);
	for (uint64_t line = 1001; line <= 200000; line++)
		assert_int_equal(keyset_put(&s, rnd_next(&x), line, &before), NCT_OK);
	/* beyond the table and the filter, the blocks' first keys and the runs:
	 * under an eighth of a byte a key (an open-addressing set in memory
	 * holds 24 bytes a key or more) */
	assert_true(keyset_heap_bytes(&s) - small < 200000 / 8);
	assert_true(s.nrun > 40);
	keyset_free(&s);
}

static void test_a_new_key_past_the_most_is_refused_and_the_others_still_answer(void **state)
{
	(void)state;
	struct keyset s;
	uint64_t before;
	assert_int_equal(keyset_init(&s, 16, 8, 20), NCT_OK);
	for (uint64_t k = 1; k <= 20; k++)
		assert_int_equal(keyset_put(&s, k * 1000, k, &before), NCT_OK);
	assert_int_equal(keyset_put(&s, 21000, 21, &before), NCT_ERR_TOOBIG);
	assert_int_equal(keyset_put(&s, 3000, 22, &before), NCT_OK);
	assert_int_equal(before, 3);
	assert_int_equal(keyset_put(&s, 20000, 23, &before), NCT_OK);
	assert_int_equal(before, 20);
	keyset_free(&s);
	keyset_free(&s); /* harmless twice */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_a_key_put_again_gives_its_first_line_in_the_table_and_in_the_runs),
	    cmocka_unit_test(test_the_heap_held_does_not_grow_with_the_keys),
	    cmocka_unit_test(test_a_new_key_past_the_most_is_refused_and_the_others_still_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* refused.h - what the tests of the domain assert of a refusal: its code and
 * field, what the domain says, not how web words it (test_wording checks
 * the words). */
#ifndef NCT_TEST_REFUSED_H
#define NCT_TEST_REFUSED_H

#define assert_refused(rf, want, field_)                                                           \
	do {                                                                                       \
		assert_int_equal((rf).code, (want));                                               \
		assert_string_equal((rf).field ? (rf).field : "", (field_));                       \
	} while (0)

#endif

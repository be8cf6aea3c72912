/* test_text.c - UTF-8 checks, folding for search, trimming. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* Folds s into a fresh buf with a generous limit and returns the result,
 * which the test frees; fails the test when folding fails. */
static char *fold(const char *s)
{
	struct buf b;
	buf_init(&b, 4096);
	assert_int_equal(text_fold(s, strlen(s), &b), NCT_OK);
	return buf_detach(&b);
}

static void assert_folds_to(const char *s, const char *want)
{
	char *got = fold(s);
	assert_string_equal(got, want);
	free(got);
}

static bool valid(const char *s)
{
	return text_valid_utf8(s, strlen(s));
}

static void test_valid_utf8_accepts_ascii(void **state)
{
	(void)state;
	assert_true(valid("Phuong 1, Quan 3"));
}

static void test_valid_utf8_accepts_vietnamese(void **state)
{
	(void)state;
	assert_true(valid("Huyện Đắk Hà, Tỉnh Kon Tum"));
}

static void test_valid_utf8_accepts_empty_input(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("", 0));
}

static void test_valid_utf8_accepts_four_byte_characters_up_to_u10ffff(void **state)
{
	(void)state;
	assert_true(valid("\xF0\x9F\x98\x80"));
	assert_true(valid("\xF4\x8F\xBF\xBF"));
}

static void test_valid_utf8_rejects_overlong_two_byte_form(void **state)
{
	(void)state;
	assert_false(valid("\xC0\xAF"));
	assert_false(valid("\xC1\xBF"));
}

static void test_valid_utf8_rejects_overlong_three_byte_form(void **state)
{
	(void)state;
	assert_false(valid("\xE0\x80\xAF"));
	assert_false(valid("\xE0\x9F\xBF"));
}

static void test_valid_utf8_rejects_overlong_four_byte_form(void **state)
{
	(void)state;
	assert_false(valid("\xF0\x80\x80\xAF"));
	assert_false(valid("\xF0\x8F\xBF\xBF"));
}

static void test_valid_utf8_rejects_surrogates(void **state)
{
	(void)state;
	assert_false(valid("\xED\xA0\x80"));
	assert_false(valid("\xED\xBF\xBF"));
}

static void test_valid_utf8_rejects_code_points_above_u10ffff(void **state)
{
	(void)state;
	assert_false(valid("\xF4\x90\x80\x80"));
	assert_false(valid("\xF5\x80\x80\x80"));
}

static void test_valid_utf8_rejects_truncated_sequence(void **state)
{
	(void)state;
	assert_false(valid("Huy\xE1\xBB"));
}

static void test_valid_utf8_rejects_lone_continuation_byte(void **state)
{
	(void)state;
	assert_false(valid("a\x80z"));
}

static void test_valid_utf8_rejects_continuation_byte_replaced_by_ascii(void **state)
{
	(void)state;
	assert_false(valid("\xE1\xBBz"));
}

static void test_valid_utf8_rejects_nul_byte(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("a\0b", 3));
}

static void test_fold_removes_vietnamese_tone_marks(void **state)
{
	(void)state;
	assert_folds_to("Huyện Đắk Hà", "huyen dak ha");
}

static void test_fold_collapses_and_trims_spaces_and_punctuation(void **state)
{
	(void)state;
	assert_folds_to("  Xã   Ngọk-Tem ", "xa ngok tem");
}

static void test_fold_maps_every_lowercase_vietnamese_a(void **state)
{
	(void)state;
	assert_folds_to("aàáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaaa");
}

static void test_fold_maps_every_uppercase_vietnamese_a(void **state)
{
	(void)state;
	assert_folds_to("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "aaaaaaaaaaaaaaaaaa");
}

static void test_fold_maps_every_vietnamese_e(void **state)
{
	(void)state;
	assert_folds_to("eèéẻẽẹêềếểễệ EÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeeee eeeeeeeeeeee");
}

static void test_fold_maps_every_vietnamese_i(void **state)
{
	(void)state;
	assert_folds_to("iìíỉĩị IÌÍỈĨỊ", "iiiiii iiiiii");
}

static void test_fold_maps_every_vietnamese_o(void **state)
{
	(void)state;
	assert_folds_to("oòóỏõọôồốổỗộơờớởỡợ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	                "oooooooooooooooooo oooooooooooooooooo");
}

static void test_fold_maps_every_vietnamese_u(void **state)
{
	(void)state;
	assert_folds_to("uùúủũụưừứửữự UÙÚỦŨỤƯỪỨỬỮỰ", "uuuuuuuuuuuu uuuuuuuuuuuu");
}

static void test_fold_maps_every_vietnamese_y(void **state)
{
	(void)state;
	assert_folds_to("yỳýỷỹỵ YỲÝỶỸỴ", "yyyyyy yyyyyy");
}

static void test_fold_maps_d_with_stroke_to_d(void **state)
{
	(void)state;
	assert_folds_to("đĐ", "dd");
}

static void test_fold_drops_combining_marks_of_decomposed_input(void **state)
{
	(void)state;
	/* "Huyện Đắk" in NFD: e + circumflex + dot below, a + breve + acute. */
	assert_folds_to("Huye\xCC\x82\xCC\xA3n \xC4\x90\x61\xCC\x86\xCC\x81k", "huyen dak");
}

static void test_fold_gives_same_result_for_nfc_and_nfd(void **state)
{
	(void)state;
	char *nfc = fold("Thọ Phong");
	char *nfd = fold("Tho\xCC\xA3 Phong");
	assert_string_equal(nfc, nfd);
	free(nfc);
	free(nfd);
}

static void test_fold_keeps_digits(void **state)
{
	(void)state;
	assert_folds_to("Phường 12, Quận 3", "phuong 12 quan 3");
}

static void test_fold_treats_no_break_space_and_dashes_as_separators(void **state)
{
	(void)state;
	assert_folds_to("Ngọc\xC2\xA0Hồi\xE2\x80\x94Kon\xE2\x80\x93Tum", "ngoc hoi kon tum");
}

static void test_fold_treats_control_characters_as_separators(void **state)
{
	(void)state;
	assert_folds_to("a\tb\r\nc", "a b c");
}

static void test_fold_of_empty_input_is_empty(void **state)
{
	(void)state;
	assert_folds_to("", "");
}

static void test_fold_of_punctuation_only_is_empty(void **state)
{
	(void)state;
	assert_folds_to(" -- ,.; ", "");
}

static void test_fold_lowercases_basic_greek_and_cyrillic(void **state)
{
	(void)state;
	assert_folds_to("ΑΘΩ ЖЯЁ", "αθω жяё");
}

static void test_fold_copies_other_scripts_as_they_are(void **state)
{
	(void)state;
	assert_folds_to("越南 Việt Nam", "越南 viet nam");
}

static void test_fold_lowercases_latin_letters_without_a_base_letter(void **state)
{
	(void)state;
	assert_folds_to("ÆŒ", "æœ");
}

static void test_fold_appends_to_what_the_buffer_holds(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_int_equal(buf_adds(&b, "x|"), NCT_OK);
	assert_int_equal(text_fold(" Hà ", 4, &b), NCT_OK);
	assert_string_equal(buf_str(&b), "x|ha");
	buf_free(&b);
}

static void test_fold_rejects_malformed_utf8_and_appends_nothing(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_int_equal(buf_adds(&b, "x"), NCT_OK);
	assert_int_equal(text_fold("ab\xC0\xAF", 4, &b), NCT_ERR_INVALID);
	assert_string_equal(buf_str(&b), "x");
	buf_free(&b);
}

static void test_fold_rejects_nul_byte(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 64);
	assert_int_equal(text_fold("a\0b", 3, &b), NCT_ERR_INVALID);
	buf_free(&b);
}

static void test_fold_fails_past_the_buffer_limit(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 3);
	assert_int_equal(text_fold("abcd", 4, &b), NCT_ERR_TOOBIG);
	buf_free(&b);
}

static void test_fold_dup_returns_folded_copy(void **state)
{
	(void)state;
	char *s = text_fold_dup("Xã Thọ Phong");
	assert_non_null(s);
	assert_string_equal(s, "xa tho phong");
	free(s);
}

static void test_fold_dup_returns_null_for_malformed_utf8(void **state)
{
	(void)state;
	assert_null(text_fold_dup("Th\xED\xA0\x80"));
}

static void test_fold_dup_returns_null_for_null(void **state)
{
	(void)state;
	assert_null(text_fold_dup(NULL));
}

static void test_match_finds_needle_at_word_start(void **state)
{
	(void)state;
	assert_true(text_fold_match("huyen dak ha", "dak ha"));
}

static void test_match_rejects_needle_inside_a_word(void **state)
{
	(void)state;
	assert_false(text_fold_match("huyen dak ha", "ak ha"));
}

static void test_match_finds_prefix_of_a_word(void **state)
{
	(void)state;
	assert_true(text_fold_match("dak ha", "dak"));
	assert_true(text_fold_match("xa ngok tem", "ngo"));
}

static void test_match_finds_needle_at_start_of_hay(void **state)
{
	(void)state;
	assert_true(text_fold_match("huyen dak ha", "huyen"));
}

static void test_match_finds_needle_at_a_later_word_after_a_miss(void **state)
{
	(void)state;
	assert_true(text_fold_match("ha noi ha nam", "ha na"));
}

static void test_match_rejects_needle_longer_than_hay(void **state)
{
	(void)state;
	assert_false(text_fold_match("dak", "dak ha"));
}

static void test_match_accepts_empty_needle(void **state)
{
	(void)state;
	assert_true(text_fold_match("dak ha", ""));
}

static void test_trim_removes_ascii_whitespace_on_both_ends(void **state)
{
	(void)state;
	char s[] = " \t Xã Thọ Phong \r\n";
	assert_ptr_equal(text_trim(s), s);
	assert_string_equal(s, "Xã Thọ Phong");
}

static void test_trim_of_whitespace_only_is_empty(void **state)
{
	(void)state;
	char s[] = " \t\n ";
	assert_string_equal(text_trim(s), "");
}

static void test_trim_leaves_inner_whitespace(void **state)
{
	(void)state;
	char s[] = "a  b";
	assert_string_equal(text_trim(s), "a  b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_utf8_accepts_ascii),
	    cmocka_unit_test(test_valid_utf8_accepts_vietnamese),
	    cmocka_unit_test(test_valid_utf8_accepts_empty_input),
	    cmocka_unit_test(test_valid_utf8_accepts_four_byte_characters_up_to_u10ffff),
	    cmocka_unit_test(test_valid_utf8_rejects_overlong_two_byte_form),
	    cmocka_unit_test(test_valid_utf8_rejects_overlong_three_byte_form),
	    cmocka_unit_test(test_valid_utf8_rejects_overlong_four_byte_form),
	    cmocka_unit_test(test_valid_utf8_rejects_surrogates),
	    cmocka_unit_test(test_valid_utf8_rejects_code_points_above_u10ffff),
	    cmocka_unit_test(test_valid_utf8_rejects_truncated_sequence),
	    cmocka_unit_test(test_valid_utf8_rejects_lone_continuation_byte),
	    cmocka_unit_test(test_valid_utf8_rejects_continuation_byte_replaced_by_ascii),
	    cmocka_unit_test(test_valid_utf8_rejects_nul_byte),
	    cmocka_unit_test(test_fold_removes_vietnamese_tone_marks),
	    cmocka_unit_test(test_fold_collapses_and_trims_spaces_and_punctuation),
	    cmocka_unit_test(test_fold_maps_every_lowercase_vietnamese_a),
	    cmocka_unit_test(test_fold_maps_every_uppercase_vietnamese_a),
	    cmocka_unit_test(test_fold_maps_every_vietnamese_e),
	    cmocka_unit_test(test_fold_maps_every_vietnamese_i),
	    cmocka_unit_test(test_fold_maps_every_vietnamese_o),
	    cmocka_unit_test(test_fold_maps_every_vietnamese_u),
	    cmocka_unit_test(test_fold_maps_every_vietnamese_y),
	    cmocka_unit_test(test_fold_maps_d_with_stroke_to_d),
	    cmocka_unit_test(test_fold_drops_combining_marks_of_decomposed_input),
	    cmocka_unit_test(test_fold_gives_same_result_for_nfc_and_nfd),
	    cmocka_unit_test(test_fold_keeps_digits),
	    cmocka_unit_test(test_fold_treats_no_break_space_and_dashes_as_separators),
	    cmocka_unit_test(test_fold_treats_control_characters_as_separators),
	    cmocka_unit_test(test_fold_of_empty_input_is_empty),
	    cmocka_unit_test(test_fold_of_punctuation_only_is_empty),
	    cmocka_unit_test(test_fold_lowercases_basic_greek_and_cyrillic),
	    cmocka_unit_test(test_fold_copies_other_scripts_as_they_are),
	    cmocka_unit_test(test_fold_lowercases_latin_letters_without_a_base_letter),
	    cmocka_unit_test(test_fold_appends_to_what_the_buffer_holds),
	    cmocka_unit_test(test_fold_rejects_malformed_utf8_and_appends_nothing),
	    cmocka_unit_test(test_fold_rejects_nul_byte),
	    cmocka_unit_test(test_fold_fails_past_the_buffer_limit),
	    cmocka_unit_test(test_fold_dup_returns_folded_copy),
	    cmocka_unit_test(test_fold_dup_returns_null_for_malformed_utf8),
	    cmocka_unit_test(test_fold_dup_returns_null_for_null),
	    cmocka_unit_test(test_match_finds_needle_at_word_start),
	    cmocka_unit_test(test_match_rejects_needle_inside_a_word),
	    cmocka_unit_test(test_match_finds_prefix_of_a_word),
	    cmocka_unit_test(test_match_finds_needle_at_start_of_hay),
	    cmocka_unit_test(test_match_finds_needle_at_a_later_word_after_a_miss),
	    cmocka_unit_test(test_match_rejects_needle_longer_than_hay),
	    cmocka_unit_test(test_match_accepts_empty_needle),
	    cmocka_unit_test(test_trim_removes_ascii_whitespace_on_both_ends),
	    cmocka_unit_test(test_trim_of_whitespace_only_is_empty),
	    cmocka_unit_test(test_trim_leaves_inner_whitespace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

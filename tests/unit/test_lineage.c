/* test_lineage.c - reading commune_predecessors text and linking its names
 * to communes of the old tree. The texts are taken from
 * data/admin-units-2025-07-01.csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/lineage.h"

static struct lineage parse(const char *text)
{
	struct lineage l;
	assert_int_equal(lineage_parse(text, &l), NCT_OK);
	return l;
}

static void test_a_simple_list_gives_one_whole_item_per_commune(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Tịnh Phong, Xã Tịnh Thọ");
	assert_int_equal(l.n, 2);
	assert_true(l.items[0].whole);
	assert_string_equal(l.items[0].name, "Xã Tịnh Phong");
	assert_string_equal(l.items[0].text, "Xã Tịnh Phong");
	assert_null(l.items[0].hint);
	assert_true(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Xã Tịnh Thọ");
	lineage_free(&l);
}

static void test_va_separates_two_names(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Bưởi và Phường Phú Thượng");
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "Phường Bưởi");
	assert_string_equal(l.items[1].name, "Phường Phú Thượng");
	lineage_free(&l);
}

static void test_a_capital_va_inside_a_name_does_not_split_it(void **state)
{
	(void)state;
	struct lineage l = parse("Thị trấn Yên Minh, Xã Lao Và Chải");
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[1].name, "Xã Lao Và Chải");
	lineage_free(&l);
}

static void test_mot_phan_stays_text(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Tiền Phong và một phần diện tích tự nhiên, quy mô dân số "
	                         "của Xã Vầy Nưa");
	assert_int_equal(l.n, 2);
	assert_true(l.items[0].whole);
	assert_false(l.items[1].whole);
	assert_null(l.items[1].name);
	assert_string_equal(l.items[1].text,
	                    "một phần diện tích tự nhiên, quy mô dân số của Xã Vầy Nưa");
	lineage_free(&l);
}

static void test_a_part_announced_for_a_list_covers_every_later_name(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Quán Thánh, một phần diện tích TN, quy mô dân số của "
	                         "các phường Cửa Nam, Điện Biên");
	assert_int_equal(l.n, 3);
	assert_true(l.items[0].whole);
	assert_string_equal(l.items[1].text,
	                    "một phần diện tích TN, quy mô dân số của các phường Cửa Nam");
	assert_false(l.items[1].whole);
	assert_string_equal(l.items[2].text, "Điện Biên");
	assert_false(l.items[2].whole);
	lineage_free(&l);
}

static void test_phan_con_lai_stays_text(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Kim Mã (phần còn lại sau khi sáp nhập vào phường Ba "
	                         "Đình, phường Ngọc Hà)");
	assert_int_equal(l.n, 1);
	assert_false(l.items[0].whole);
	assert_null(l.items[0].name);
	assert_string_equal(l.items[0].text, "Phường Kim Mã (phần còn lại sau khi sáp nhập vào "
	                                     "phường Ba Đình, phường Ngọc Hà)");
	lineage_free(&l);
}

static void test_a_name_after_a_remainder_in_parentheses_is_whole(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Hòa Bình 1 (phần còn lại sau khi sáp nhập vào xã Tây Hòa), "
	                         "Xã Hòa Tân Tây");
	assert_int_equal(l.n, 2);
	assert_false(l.items[0].whole);
	assert_true(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Xã Hòa Tân Tây");
	lineage_free(&l);
}

static void test_a_remainder_closed_by_sau_khi_sap_xep_ends_the_part_run(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Minh Khai, phần còn lại của Phường Quang Trung sau khi "
	                         "sắp xếp và Xã Phong Quang");
	assert_int_equal(l.n, 3);
	assert_false(l.items[1].whole);
	assert_true(l.items[2].whole);
	assert_string_equal(l.items[2].name, "Xã Phong Quang");
	lineage_free(&l);
}

static void test_an_island_included_in_parentheses_keeps_the_commune_whole(void **state)
{
	(void)state;
	struct lineage l = parse("Thị trấn Sông Đốc (bao gồm cụm đảo Hòn Chuối)");
	assert_true(l.items[0].whole);
	assert_string_equal(l.items[0].name, "Thị trấn Sông Đốc");
	assert_null(l.items[0].hint);
	lineage_free(&l);
}

static void test_toan_bo_names_whole_communes(void **state)
{
	(void)state;
	struct lineage l = parse("Toàn bộ diện tích TN, quy mô dân số của các phường Phường "
	                         "Giảng Võ và Phường Cát Linh");
	assert_int_equal(l.n, 2);
	assert_true(l.items[0].whole);
	assert_string_equal(l.items[0].name, "Phường Giảng Võ");
	assert_true(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Phường Cát Linh");
	lineage_free(&l);
}

static void test_a_bare_name_takes_the_kind_of_the_list(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Nguyễn Nghiêm (thị xã Đức Phổ), Phổ Hòa");
	assert_int_equal(l.n, 2);
	assert_true(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Phường Phổ Hòa");
	assert_null(l.items[1].hint);
	lineage_free(&l);
}

static void test_a_village_is_not_a_commune(void **state)
{
	(void)state;
	struct lineage l = parse("Thôn Mịch A, Xã Thuận Hòa");
	assert_int_equal(l.n, 2);
	assert_false(l.items[0].whole);
	assert_string_equal(l.items[0].text, "Thôn Mịch A");
	assert_true(l.items[1].whole);
	lineage_free(&l);
}

static void test_giu_nguyen_stays_text(void **state)
{
	(void)state;
	struct lineage l = parse("giữ nguyên");
	assert_int_equal(l.n, 1);
	assert_false(l.items[0].whole);
	assert_string_equal(l.items[0].text, "giữ nguyên");
	lineage_free(&l);
}

static void test_the_parenthesised_district_becomes_the_hint(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Nguyễn Nghiêm, Phường Trần Hưng Đạo (thành phố Quảng "
	                         "Ngãi), Phường Nghĩa Chánh");
	assert_int_equal(l.n, 3);
	assert_true(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Phường Trần Hưng Đạo");
	assert_string_equal(l.items[1].hint, "thành phố Quảng Ngãi");
	assert_string_equal(l.items[1].text, "Phường Trần Hưng Đạo (thành phố Quảng Ngãi)");
	lineage_free(&l);
}

static void test_thuoc_is_dropped_from_the_hint(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Đăk Long (thuộc huyện Đăk Hà)");
	assert_string_equal(l.items[0].hint, "huyện Đăk Hà");
	lineage_free(&l);
}

static const struct lineage_unit two_tran_hung_dao[] = {
    {"23284", "Phường Trần Hưng Đạo", "Thành phố Kon Tum", "Tỉnh Kon Tum"},
    {"21010", "Phường Trần Hưng Đạo", "Thành phố Quảng Ngãi", "Tỉnh Quảng Ngãi"},
};

static void test_the_hint_picks_between_two_communes_of_one_name(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Trần Hưng Đạo (thành phố Quảng Ngãi)");
	assert_int_equal(lineage_match(&l, two_tran_hung_dao, 2), 1);
	assert_string_equal(l.items[0].code, "21010");
	lineage_free(&l);
}

static void test_a_hint_naming_no_district_of_the_name_links_nothing(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Trần Hưng Đạo (thành phố Hải Dương)");
	assert_int_equal(lineage_match(&l, two_tran_hung_dao, 2), 0);
	assert_null(l.items[0].code);
	lineage_free(&l);
}

static void test_an_ambiguous_name_without_hint_gets_no_code(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Trần Hưng Đạo");
	assert_int_equal(lineage_match(&l, two_tran_hung_dao, 2), 0);
	assert_null(l.items[0].code);
	lineage_free(&l);
}

static void test_a_hint_with_district_and_province_must_fit_both(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"28756", "Thị trấn Châu Thành", "Huyện Châu Thành", "Tỉnh Bến Tre"},
	    {"29500", "Thị trấn Châu Thành", "Huyện Châu Thành", "Tỉnh Trà Vinh"},
	};
	struct lineage l = parse("Thị trấn Châu Thành (huyện Châu Thành, tỉnh Trà Vinh)");
	assert_int_equal(lineage_match(&l, units, 2), 1);
	assert_string_equal(l.items[0].code, "29500");
	lineage_free(&l);
}

static void test_matching_ignores_case_and_diacritics(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"21181", "Xã Tịnh Phong", "Huyện Sơn Tịnh", "Tỉnh Quảng Ngãi"},
	    {"21184", "Xã Tịnh Thọ", "Huyện Sơn Tịnh", "Tỉnh Quảng Ngãi"},
	};
	struct lineage l = parse("xã TINH PHONG");
	assert_int_equal(lineage_match(&l, units, 2), 1);
	assert_string_equal(l.items[0].code, "21181");
	lineage_free(&l);
}

static void test_decomposed_text_matches_precomposed_names(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"00091", "Phường Phú Thượng", "Quận Tây Hồ", "Thành phố Hà Nội"},
	};
	/* "Phường Phú Thượng" with every mark as a combining character (NFD). */
	struct lineage l = parse("Phu\u031bo\u031b\u0300ng Phu\u0301 Thu\u031bo\u031b\u0323ng");
	assert_true(l.items[0].whole);
	assert_int_equal(lineage_match(&l, units, 1), 1);
	assert_string_equal(l.items[0].code, "00091");
	lineage_free(&l);
}

static void test_an_exact_spelling_picks_between_names_that_fold_alike(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"03001", "Phường Sa Pa", "Thị xã Sa Pa", "Tỉnh Lào Cai"},
	    {"03002", "Phường Sa Pả", "Thị xã Sa Pa", "Tỉnh Lào Cai"},
	};
	struct lineage l = parse("Phường Sa Pả");
	assert_int_equal(lineage_match(&l, units, 2), 1);
	assert_string_equal(l.items[0].code, "03002");
	lineage_free(&l);
}

static const struct lineage_unit soc_son_and_thuong_tin[] = {
    {"00382", "Thị trấn Sóc Sơn", "Huyện Sóc Sơn", "Thành phố Hà Nội"},
    {"00385", "Xã Tân Minh", "Huyện Sóc Sơn", "Thành phố Hà Nội"},
    {"10273", "Xã Tân Minh", "Huyện Thường Tín", "Thành phố Hà Nội"},
    {"00388", "Xã Phù Lỗ", "Huyện Sóc Sơn", "Thành phố Hà Nội"},
};

static void test_a_name_in_two_districts_goes_to_the_district_of_its_neighbours(void **state)
{
	(void)state;
	struct lineage l = parse("Thị trấn Sóc Sơn, Xã Tân Minh, Xã Phù Lỗ");
	assert_int_equal(lineage_match(&l, soc_son_and_thuong_tin, 4), 3);
	assert_string_equal(l.items[1].code, "00385");
	lineage_free(&l);
}

static void test_a_name_alone_in_two_districts_gets_no_code(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Tân Minh");
	assert_int_equal(lineage_match(&l, soc_son_and_thuong_tin, 4), 0);
	assert_null(l.items[0].code);
	lineage_free(&l);
}

static void test_a_wrong_kind_links_only_beside_its_neighbours(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"05860", "Phường Bãi Bông", "Thành phố Phổ Yên", "Tỉnh Thái Nguyên"},
	    {"05866", "Phường Đắc Sơn", "Thành phố Phổ Yên", "Tỉnh Thái Nguyên"},
	};
	struct lineage alone = parse("Xã Đắc Sơn");
	assert_int_equal(lineage_match(&alone, units, 2), 0);
	lineage_free(&alone);
	struct lineage l = parse("Phường Bãi Bông, Xã Đắc Sơn");
	assert_int_equal(lineage_match(&l, units, 2), 2);
	assert_string_equal(l.items[1].code, "05866");
	lineage_free(&l);
}

static void test_text_items_get_no_code(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"09982", "Xã Hạ Bằng", "Huyện Thạch Thất", "Thành phố Hà Nội"},
	};
	struct lineage l = parse("một phần diện tích TN của Xã Hạ Bằng");
	assert_int_equal(lineage_match(&l, units, 1), 0);
	assert_null(l.items[0].code);
	lineage_free(&l);
}

static void test_empty_text_gives_no_items(void **state)
{
	(void)state;
	struct lineage l = parse("");
	assert_int_equal(l.n, 0);
	assert_int_equal(lineage_match(&l, two_tran_hung_dao, 2), 0);
	lineage_free(&l);
}

static void test_malformed_utf8_is_invalid(void **state)
{
	(void)state;
	struct lineage l;
	assert_int_equal(lineage_parse("X\xc3 T\xe1\xbb", &l), NCT_ERR_INVALID);
	assert_int_equal(l.n, 0);
	assert_null(l.items);
}

static void test_text_over_64_kib_is_too_big(void **state)
{
	(void)state;
	size_t len = 65537;
	char *text = malloc(len + 1);
	assert_non_null(text);
	memset(text, 'a', len);
	text[len] = '\0';
	struct lineage l;
	assert_int_equal(lineage_parse(text, &l), NCT_ERR_TOOBIG);
	assert_int_equal(l.n, 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_simple_list_gives_one_whole_item_per_commune),
	    cmocka_unit_test(test_va_separates_two_names),
	    cmocka_unit_test(test_a_capital_va_inside_a_name_does_not_split_it),
	    cmocka_unit_test(test_mot_phan_stays_text),
	    cmocka_unit_test(test_a_part_announced_for_a_list_covers_every_later_name),
	    cmocka_unit_test(test_phan_con_lai_stays_text),
	    cmocka_unit_test(test_a_name_after_a_remainder_in_parentheses_is_whole),
	    cmocka_unit_test(test_a_remainder_closed_by_sau_khi_sap_xep_ends_the_part_run),
	    cmocka_unit_test(test_an_island_included_in_parentheses_keeps_the_commune_whole),
	    cmocka_unit_test(test_toan_bo_names_whole_communes),
	    cmocka_unit_test(test_a_bare_name_takes_the_kind_of_the_list),
	    cmocka_unit_test(test_a_village_is_not_a_commune),
	    cmocka_unit_test(test_giu_nguyen_stays_text),
	    cmocka_unit_test(test_the_parenthesised_district_becomes_the_hint),
	    cmocka_unit_test(test_thuoc_is_dropped_from_the_hint),
	    cmocka_unit_test(test_the_hint_picks_between_two_communes_of_one_name),
	    cmocka_unit_test(test_a_hint_naming_no_district_of_the_name_links_nothing),
	    cmocka_unit_test(test_an_ambiguous_name_without_hint_gets_no_code),
	    cmocka_unit_test(test_a_hint_with_district_and_province_must_fit_both),
	    cmocka_unit_test(test_matching_ignores_case_and_diacritics),
	    cmocka_unit_test(test_decomposed_text_matches_precomposed_names),
	    cmocka_unit_test(test_an_exact_spelling_picks_between_names_that_fold_alike),
	    cmocka_unit_test(test_a_name_in_two_districts_goes_to_the_district_of_its_neighbours),
	    cmocka_unit_test(test_a_name_alone_in_two_districts_gets_no_code),
	    cmocka_unit_test(test_a_wrong_kind_links_only_beside_its_neighbours),
	    cmocka_unit_test(test_text_items_get_no_code),
	    cmocka_unit_test(test_empty_text_gives_no_items),
	    cmocka_unit_test(test_malformed_utf8_is_invalid),
	    cmocka_unit_test(test_text_over_64_kib_is_too_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

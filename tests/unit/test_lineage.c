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

static void test_mot_phan_names_its_commune_but_is_not_whole(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Tiền Phong và một phần diện tích tự nhiên, quy mô dân số "
	                         "của Xã Vầy Nưa");
	assert_int_equal(l.n, 2);
	assert_true(l.items[0].whole);
	assert_false(l.items[1].whole);
	assert_string_equal(l.items[1].name, "Xã Vầy Nưa");
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
	assert_string_equal(l.items[1].name, "Phường Cửa Nam");
	assert_string_equal(l.items[2].text, "Điện Biên");
	assert_false(l.items[2].whole);
	assert_string_equal(l.items[2].name, "Phường Điện Biên");
	lineage_free(&l);
}

static void test_phan_con_lai_names_its_commune_but_is_not_whole(void **state)
{
	(void)state;
	struct lineage l = parse("Phường Kim Mã (phần còn lại sau khi sáp nhập vào phường Ba "
	                         "Đình, phường Ngọc Hà)");
	assert_int_equal(l.n, 1);
	assert_false(l.items[0].whole);
	assert_string_equal(l.items[0].name, "Phường Kim Mã");
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
	assert_null(l.items[0].name);
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
	assert_null(l.items[0].name);
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

static void test_a_part_links_the_commune_it_is_taken_from(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"09982", "Xã Hạ Bằng", "Huyện Thạch Thất", "Thành phố Hà Nội"},
	};
	struct lineage l = parse("một phần diện tích TN của Xã Hạ Bằng");
	assert_int_equal(lineage_match(&l, units, 1), 1);
	assert_string_equal(l.items[0].code, "09982");
	assert_false(l.items[0].whole);
	lineage_free(&l);
}

static void test_pieces_naming_no_commune_get_no_code(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"07537", "Xã Biên Sơn", "Huyện Lục Ngạn", "Tỉnh Bắc Giang"},
	};
	struct lineage l = parse("Xã Biên Sơn, Trường bắn TB1");
	assert_int_equal(lineage_match(&l, units, 1), 1);
	assert_null(l.items[1].name);
	assert_null(l.items[1].code);
	lineage_free(&l);
}

static void test_a_remainder_ends_its_name_before_sau_khi(void **state)
{
	(void)state;
	struct lineage l = parse("phần còn lại của Xã Cao Sơn (huyện Lương Sơn) sau khi sắp xếp "
	                         "theo quy định tại khoản 116 Điều này");
	assert_false(l.items[0].whole);
	assert_string_equal(l.items[0].name, "Xã Cao Sơn");
	assert_string_equal(l.items[0].hint, "huyện Lương Sơn");
	lineage_free(&l);
}

static void test_a_part_takes_the_last_kind_before_its_name(void **state)
{
	(void)state;
	struct lineage l = parse("một phần diện tích tự nhiên, quy mô dân số của phường Phường "
	                         "Tiên Nội, phần còn lại của xã  Xã Vầy Nưa, phần còn lại của Xã "
	                         "Tân Xã");
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].name, "Phường Tiên Nội");
	assert_string_equal(l.items[1].name, "Xã Vầy Nưa");
	assert_string_equal(l.items[2].name, "Xã Tân Xã");
	lineage_free(&l);
}

static void test_a_name_may_begin_like_a_village_or_a_district_after_its_kind(void **state)
{
	(void)state;
	struct lineage l = parse("một phần diện tích TN, quy mô dân số của Xã Tô Hiệu, Phường "
	                         "Quan Hoa (phần còn lại sau khi sáp nhập vào phường Cầu Giấy)");
	assert_string_equal(l.items[0].name, "Xã Tô Hiệu");
	assert_string_equal(l.items[1].name, "Phường Quan Hoa");
	lineage_free(&l);
}

static const struct lineage_unit kien_hai[] = {
    {"31105", "Xã Thổ Châu", "Thành phố Phú Quốc", "Tỉnh Kiên Giang"},
    {"31108", "Xã Hòn Tre", "Huyện Kiên Hải", "Tỉnh Kiên Giang"},
    {"31111", "Xã Lại Sơn", "Huyện Kiên Hải", "Tỉnh Kiên Giang"},
};

static void test_a_whole_district_names_every_commune_in_it(void **state)
{
	(void)state;
	struct lineage l = parse("Huyện Kiên Hải");
	assert_int_equal(l.n, 1);
	assert_true(l.items[0].whole);
	assert_true(l.items[0].district);
	assert_string_equal(l.items[0].name, "Huyện Kiên Hải");
	assert_int_equal(lineage_match(&l, kien_hai, 3), 0);
	assert_false(lineage_in_district(&l.items[0], &kien_hai[0]));
	assert_true(lineage_in_district(&l.items[0], &kien_hai[1]));
	assert_true(lineage_in_district(&l.items[0], &kien_hai[2]));
	lineage_free(&l);
}

static void test_a_commune_is_not_a_district(void **state)
{
	(void)state;
	struct lineage l = parse("Xã Hòn Tre");
	assert_false(l.items[0].district);
	assert_false(lineage_in_district(&l.items[0], &kien_hai[1]));
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

/* The text's spelling of a name, and the old list's: each pair of the table
 * of spelling variants in lineage.c, as seen in the 2025 texts. */
static const struct {
	const char *text, *old;
} variant_pairs[] = {
    {"Xã Ngọk Lây", "Xã Ngọc Lây"},         /* k / c */
    {"Xã Can Hồ", "Xã Kan Hồ"},             /* k / c at the start */
    {"Xã Pờ Y", "Xã Bờ Y"},                 /* p / b at the start */
    {"Xã Đăk Plô", "Xã Đắk Blô"},           /* p / b, with Đăk / Đắk that folding joins */
    {"Xã Pú Bẩu", "Xã Pú Pẩu"},             /* p / b, the other way */
    {"Xã Sà Phìn", "Xã Xà Phìn"},           /* s / x at the start */
    {"Xã Sủng Cháng", "Xã Sủng Tráng"},     /* ch / tr at the start */
    {"Xã Kim Trung", "Xã Kim Chung"},       /* tr / ch at the start */
    {"Xã Nong Lay", "Xã Noong Lay"},        /* o / oo */
    {"Xã Quý Quân", "Xã Quí Quân"},         /* y / i after qu */
    {"Xã Lục Sĩ Thành", "Xã Lục Sỹ Thành"}, /* i / y after a consonant */
    {"Xã Ô Long Vĩ", "Xã Ô Long Vỹ"},       /* i / y: "Vĩ" is no Roman six */
    {"Xã Hòa Tú 2", "Xã Hòa Tú II"},        /* Roman numerals */
    {"Phường IV", "Phường 4"},              /* Roman numerals, the other way */
    {"Thị trấn Nông trường Phong Hải", "Thị trấn N.T Phong Hải"}, /* Nông trường / N.T */
    {"Thị trấn Nông trường Liên Sơn", "Thị trấn NT Liên Sơn"},    /* Nông trường / NT */
};

static void test_each_spelling_variant_links_the_old_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof variant_pairs / sizeof variant_pairs[0]; i++) {
		const struct lineage_unit units[] = {
		    {"99001", variant_pairs[i].old, "Huyện A", "Tỉnh B"},
		    {"99002", "Xã Khác", "Huyện A", "Tỉnh B"},
		};
		struct lineage l = parse(variant_pairs[i].text);
		assert_int_equal(lineage_match(&l, units, 2), 1);
		assert_string_equal(l.items[0].code, "99001");
		lineage_free(&l);
	}
}

static void test_a_variant_is_tried_only_when_nothing_matches_as_written(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"00733", "Xã Sà Phìn", "Huyện Đồng Văn", "Tỉnh Hà Giang"},
	    {"00736", "Xã Xà Phìn", "Huyện Đồng Văn", "Tỉnh Hà Giang"},
	};
	struct lineage l = parse("Xã Sà Phìn");
	assert_int_equal(lineage_match(&l, units, 2), 1);
	assert_string_equal(l.items[0].code, "00733");
	lineage_free(&l);
}

static void test_a_final_y_after_a_vowel_is_no_variant_of_i(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"99001", "Xã Tân May", "Huyện A", "Tỉnh B"},
	};
	struct lineage l = parse("Xã Tân Mai");
	assert_int_equal(lineage_match(&l, units, 1), 0);
	lineage_free(&l);
}

static void test_ph_and_kh_are_kept_by_the_variants(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"99001", "Xã Bhú Cánh", "Huyện A", "Tỉnh B"},
	};
	struct lineage l = parse("Xã Phú Khánh");
	assert_int_equal(lineage_match(&l, units, 1), 0);
	lineage_free(&l);
}

static void test_a_name_spelt_alike_far_away_yields_to_one_beside_its_neighbours(void **state)
{
	(void)state;
	/* "Mỵ Hòa" folds as "Mỹ Hòa" of Tân Lạc, but means Mi Hòa of Kim Bôi. */
	static const struct lineage_unit units[] = {
	    {"05077", "Xã Cuối Hạ", "Huyện Kim Bôi", "Tỉnh Hoà Bình"},
	    {"05083", "Xã Mi Hòa", "Huyện Kim Bôi", "Tỉnh Hoà Bình"},
	    {"05086", "Xã Nuông Dăm", "Huyện Kim Bôi", "Tỉnh Hoà Bình"},
	    {"05143", "Xã Mỹ Hòa", "Huyện Tân Lạc", "Tỉnh Hoà Bình"},
	};
	struct lineage l = parse("Xã Cuối Hạ, Xã Mỵ Hòa, Xã Nuông Dăm");
	assert_int_equal(lineage_match(&l, units, 4), 3);
	assert_string_equal(l.items[1].code, "05083");
	lineage_free(&l);
}

static void test_an_exact_spelling_far_away_yields_to_one_beside_its_neighbours(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"28924", "Xã Hòa Lộc", "Huyện Mỏ Cày Bắc", "Tỉnh Bến Tre"},
	    {"29731", "Xã Hòa Thạnh", "Huyện Tam Bình", "Tỉnh Vĩnh Long"},
	    {"29734", "Xã Hoà Lộc", "Huyện Tam Bình", "Tỉnh Vĩnh Long"},
	    {"29743", "Xã Hòa Hiệp", "Huyện Tam Bình", "Tỉnh Vĩnh Long"},
	};
	struct lineage l = parse("Xã Hòa Thạnh, Xã Hòa Lộc, Xã Hòa Hiệp");
	assert_int_equal(lineage_match(&l, units, 4), 3);
	assert_string_equal(l.items[1].code, "29734");
	lineage_free(&l);
}

static void test_a_wrong_kind_far_away_yields_to_the_right_name_beside_its_neighbours(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"26077", "Xã Xuân Bình", "Thành phố Long Khánh", "Tỉnh Đồng Nai"},
	    {"26083", "Phường Xuân Hoà", "Thành phố Long Khánh", "Tỉnh Đồng Nai"},
	    {"26443", "Xã Xuân Hòa", "Huyện Xuân Lộc", "Tỉnh Đồng Nai"},
	};
	struct lineage l = parse("Xã Xuân Bình, Xã Xuân Hòa");
	assert_int_equal(lineage_match(&l, units, 3), 2);
	assert_string_equal(l.items[1].code, "26083");
	lineage_free(&l);
}

static void test_a_unit_another_piece_names_is_not_picked_again(void **state)
{
	(void)state;
	static const struct lineage_unit units[] = {
	    {"31480", "Xã Long Phú", "Thị xã Long Mỹ", "Tỉnh Hậu Giang"},
	    {"31639", "Thị trấn Long Phú", "Huyện Long Phú", "Tỉnh Sóc Trăng"},
	    {"31669", "Xã Long Phú", "Huyện Long Phú", "Tỉnh Sóc Trăng"},
	};
	struct lineage l = parse("Thị trấn Long Phú, Xã Long Phú");
	assert_int_equal(lineage_match(&l, units, 3), 2);
	assert_string_equal(l.items[0].code, "31639");
	assert_string_equal(l.items[1].code, "31669");
	lineage_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_simple_list_gives_one_whole_item_per_commune),
	    cmocka_unit_test(test_va_separates_two_names),
	    cmocka_unit_test(test_a_capital_va_inside_a_name_does_not_split_it),
	    cmocka_unit_test(test_mot_phan_names_its_commune_but_is_not_whole),
	    cmocka_unit_test(test_a_part_announced_for_a_list_covers_every_later_name),
	    cmocka_unit_test(test_phan_con_lai_names_its_commune_but_is_not_whole),
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
	    cmocka_unit_test(test_a_part_links_the_commune_it_is_taken_from),
	    cmocka_unit_test(test_pieces_naming_no_commune_get_no_code),
	    cmocka_unit_test(test_a_remainder_ends_its_name_before_sau_khi),
	    cmocka_unit_test(test_a_part_takes_the_last_kind_before_its_name),
	    cmocka_unit_test(test_a_name_may_begin_like_a_village_or_a_district_after_its_kind),
	    cmocka_unit_test(test_a_whole_district_names_every_commune_in_it),
	    cmocka_unit_test(test_a_commune_is_not_a_district),
	    cmocka_unit_test(test_each_spelling_variant_links_the_old_name),
	    cmocka_unit_test(test_a_variant_is_tried_only_when_nothing_matches_as_written),
	    cmocka_unit_test(test_a_final_y_after_a_vowel_is_no_variant_of_i),
	    cmocka_unit_test(test_ph_and_kh_are_kept_by_the_variants),
	    cmocka_unit_test(test_a_name_spelt_alike_far_away_yields_to_one_beside_its_neighbours),
	    cmocka_unit_test(test_an_exact_spelling_far_away_yields_to_one_beside_its_neighbours),
	    cmocka_unit_test(
	        test_a_wrong_kind_far_away_yields_to_the_right_name_beside_its_neighbours),
	    cmocka_unit_test(test_a_unit_another_piece_names_is_not_picked_again),
	    cmocka_unit_test(test_empty_text_gives_no_items),
	    cmocka_unit_test(test_malformed_utf8_is_invalid),
	    cmocka_unit_test(test_text_over_64_kib_is_too_big),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

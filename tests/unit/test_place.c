/* test_place.c - the map as of a date, lineage, scope and villages, on the
 * real reference files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/place.h"
#include "seed/place_load.h"
#include "testctx.h"
#include "testdb.h"

static const struct date before = {2024, 12, 31};
static const struct date after = {2025, 7, 1};
static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static struct place_load_report report;

static int setup(void **state)
{
	(void)state;
	char msg[256] = "";
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	return place_load_reference(&x, &report, msg, sizeof msg) == NCT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

/* The communes under a province on a date, through its districts when it has any. */
static size_t communes_of(const char *province, struct date on)
{
	struct place p, *kids;
	size_t n, total = 0;
	assert_int_equal(place_get(&x, province, on, &p), NCT_OK);
	assert_int_equal(place_children(&x, p.id, on, &kids, &n), NCT_OK);
	for (size_t i = 0; i < n; i++)
		total += kids[i].level == PLACE_COMMUNE ? 1 : (size_t)kids[i].children;
	free(kids);
	return total;
}

static void test_loading_reports_both_trees(void **state)
{
	(void)state;
	assert_int_equal(report.provinces, 63 + 34);
	assert_int_equal(report.communes, 10035 + 3321);
	assert_int_equal(report.links, 10564);
	assert_int_equal(report.partial, 971);
	/* 3 villages, a firing range, a coastal strip, a district name cut off
	 * from its commune and the 5 districts below */
	assert_int_equal(report.text_only, 11);
	assert_int_equal(report.old_unlinked, 1);
	assert_int_equal(report.new_unlinked, 5);
}

/* The old and new communes that no link reaches, and why the sources give
 * none. */
static const struct {
	const char *code, *name;
} old_without_successor[] = {
    /* No text of the 2025 file names it. Xã Quảng Lâm (01304) bears its
     * code, but its text reads "Xóm Tổng Dùn, Xã Quảng Lâm" (a hamlet and
     * the old Quảng Lâm, 01303), and no legal text at hand says more. */
    {"01304", "Xã Thạch Lâm"},
};

static const struct {
	const char *code, *name;
} new_without_predecessor[] = {
    /* Formed from a whole island district that had no communes ("Huyện Lý
     * Sơn"): the 2025-03-01 file lists districts through their communes
     * only, so the old tree has no unit to link. */
    {"11948", "Đặc khu Bạch Long Vĩ"}, {"19742", "Đặc khu Cồn Cỏ"},  {"20333", "Đặc khu Hoàng Sa"},
    {"21548", "Đặc khu Lý Sơn"},       {"26732", "Đặc khu Côn Đảo"},
};

/* The communes of one tree that have no link the other way; *n of them,
 * malloc'd. */
static void communes_unlinked(bool old, struct place **out, size_t *n)
{
	static const char sql_old[] =
	    "SELECT p.id FROM places p WHERE p.level = 3 AND p.valid_to IS NOT NULL"
	    " AND NOT EXISTS (SELECT 1 FROM place_links l WHERE l.from_id = p.id) ORDER BY p.code";
	static const char sql_new[] =
	    "SELECT p.id FROM places p WHERE p.level = 3 AND p.valid_from IS NOT NULL"
	    " AND p.source = 'official'"
	    " AND NOT EXISTS (SELECT 1 FROM place_links l WHERE l.to_id = p.id) ORDER BY p.code";
	struct db_stmt *st = db_prepare(t.db, old ? sql_old : sql_new);
	assert_non_null(st);
	*out = NULL;
	*n = 0;
	while (db_step(st) == DB_ROW) {
		*out = realloc(*out, (*n + 1) * sizeof **out);
		assert_non_null(*out);
		assert_int_equal(place_by_id(&x, db_col_int(st, 0), &(*out)[(*n)++]), NCT_OK);
	}
	db_done(st);
}

static void test_every_old_commune_has_a_successor_but_the_listed_one(void **state)
{
	(void)state;
	struct place *v;
	size_t n, want = sizeof old_without_successor / sizeof old_without_successor[0];
	communes_unlinked(true, &v, &n);
	for (size_t i = 0; n != want && i < n; i++)
		print_message("old commune without successor: %s %s\n", v[i].code, v[i].name);
	assert_int_equal(n, want);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].code, old_without_successor[i].code);
		assert_string_equal(v[i].name, old_without_successor[i].name);
	}
	free(v);
}

static void test_every_new_commune_has_a_predecessor_but_the_five_island_zones(void **state)
{
	(void)state;
	struct place *v;
	size_t n, want = sizeof new_without_predecessor / sizeof new_without_predecessor[0];
	communes_unlinked(false, &v, &n);
	for (size_t i = 0; n != want && i < n; i++)
		print_message("new commune without predecessor: %s %s\n", v[i].code, v[i].name);
	assert_int_equal(n, want);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].code, new_without_predecessor[i].code);
		assert_string_equal(v[i].name, new_without_predecessor[i].name);
	}
	free(v);
}

/* The old communes p (a commune of 2025) was formed from, as "code" or
 * "code part" strings joined by ", ". */
static void predecessors_of(const char *code, char *out, size_t cap)
{
	struct place p, *from;
	size_t n, len = 0;
	assert_int_equal(place_get(&x, code, after, &p), NCT_OK);
	assert_int_equal(place_links(&x, p.id, -1, &from, &n), NCT_OK);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s", i ? ", " : "", from[i].code,
		                        from[i].partial ? " part" : "");
	assert_true(len < cap);
	free(from);
}

static void test_xa_mang_ri_was_formed_from_ngoc_lay_and_ngoc_yeu_spelt_ngok(void **state)
{
	(void)state;
	char got[256];
	/* "Xã Ngọk Yêu, Xã Văn Xuôi, Xã Tê Xăng, Xã Ngọk Lây, Xã Măng Ri" */
	predecessors_of("23446", got, sizeof got);
	assert_string_equal(got, "23404, 23410, 23413, 23446, 23449");
}

static void test_the_kon_tum_communes_spelt_otherwise_have_their_successors(void **state)
{
	(void)state;
	char got[256];
	predecessors_of("23344", got, sizeof got); /* "Xã Đăk Plô" for Xã Đắk Blô */
	assert_non_null(strstr(got, "23344"));
	predecessors_of("23377", got, sizeof got); /* "Xã Pờ Y" for Xã Bờ Y */
	assert_non_null(strstr(got, "23395"));
}

static void test_a_hand_kept_link_joins_a_name_no_rule_matches(void **state)
{
	(void)state;
	char got[256];
	predecessors_of("23455", got, sizeof got); /* "Xã Măng Bút" for Xã Măng Buk */
	assert_string_equal(got, "23452, 23455, 23458");
	predecessors_of("31741", got, sizeof got); /* two names found in two old provinces */
	assert_string_equal(got, "31741, 31744, 31762");
}

static void test_a_hand_kept_row_keeps_a_district_name_as_text(void **state)
{
	(void)state;
	char got[256];
	/* "… Xã Nhị Thành, Thủ Thừa": the district of Nhị Thành, not Thị trấn Thủ Thừa */
	predecessors_of("28087", got, sizeof got);
	assert_string_equal(got, "28057 part, 28078, 28084, 28087");
	predecessors_of("28036", got, sizeof got);
	assert_non_null(strstr(got, "28036, "));
}

static void test_a_commune_split_between_two_new_ones_is_linked_as_a_part_to_each(void **state)
{
	(void)state;
	char got[256];
	/* Xã Tô Hiệu: "một phần … của Xã Tô Hiệu" and "Xã Tô Hiệu (phần còn lại …)" */
	predecessors_of("10237", got, sizeof got);
	assert_non_null(strstr(got, "10258 part"));
	predecessors_of("10273", got, sizeof got);
	assert_non_null(strstr(got, "10258 part"));
}

static void test_a_commune_merged_whole_is_a_whole_link(void **state)
{
	(void)state;
	char got[256];
	predecessors_of("23500", got, sizeof got);
	assert_string_equal(got, "23500, 23521, 23524");
}

static void test_an_island_district_named_whole_links_all_its_communes(void **state)
{
	(void)state;
	char got[256];
	predecessors_of("31108", got, sizeof got); /* Đặc khu Kiên Hải: "Huyện Kiên Hải" */
	assert_string_equal(got, "31108, 31111, 31114, 31115");
}

static void test_no_unit_was_formed_from_more_units_than_a_scope_holds(void **state)
{
	(void)state;
	struct db_stmt *st = db_prepare(t.db, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM "
	                                      "place_links GROUP BY to_id) AS per_unit");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t most = db_col_int(st, 0);
	db_done(st);
	assert_int_equal(most, 14); /* Phường Hoàn Kiếm of Hà Nội */
	assert_true(most + 1 <= SCOPE_MAX);
}

static void test_the_scope_of_mang_ri_holds_a_club_place_in_ngoc_lay(void **state)
{
	(void)state;
	struct place mang_ri, ngoc_lay, other;
	struct scope sc;
	assert_int_equal(place_get(&x, "23446", after, &mang_ri), NCT_OK);
	assert_int_equal(place_get(&x, "23404", before, &ngoc_lay), NCT_OK);
	assert_string_equal(ngoc_lay.name, "Xã Ngọc Lây");
	assert_int_equal(place_get(&x, "23500", before, &other), NCT_OK);
	assert_int_equal(scope_of_place(&x, mang_ri.id, &sc), NCT_OK);
	assert_true(scope_contains(&sc, ngoc_lay.path));
	assert_false(scope_contains(&sc, other.path));
}

static void test_kon_tum_has_10_districts_on_2024_12_31(void **state)
{
	(void)state;
	struct place p, *kids;
	size_t n;
	assert_int_equal(place_get(&x, "62", before, &p), NCT_OK);
	assert_string_equal(p.name, "Tỉnh Kon Tum");
	assert_int_equal(place_children(&x, p.id, before, &kids, &n), NCT_OK);
	assert_int_equal(n, 10);
	assert_int_equal(kids[0].level, PLACE_DISTRICT);
	free(kids);
}

static void test_kon_tum_has_102_communes_on_2024_12_31(void **state)
{
	(void)state;
	assert_int_equal(communes_of("62", before), 102);
}

static void test_kon_tum_does_not_exist_on_2025_07_01(void **state)
{
	(void)state;
	struct place p;
	assert_int_equal(place_get(&x, "62", after, &p), NCT_ERR_NOTFOUND);
}

static void test_quang_ngai_has_96_communes_and_no_districts_on_2025_07_01(void **state)
{
	(void)state;
	struct place p, *kids;
	size_t n;
	assert_int_equal(place_get(&x, "51", after, &p), NCT_OK);
	assert_int_equal(place_children(&x, p.id, after, &kids, &n), NCT_OK);
	assert_int_equal(n, 96);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(kids[i].level, PLACE_COMMUNE);
	free(kids);
}

static void test_the_country_has_63_provinces_before_and_34_after(void **state)
{
	(void)state;
	struct place *v;
	size_t n;
	assert_int_equal(place_children(&x, 0, before, &v, &n), NCT_OK);
	assert_int_equal(n, 63);
	free(v);
	assert_int_equal(place_children(&x, 0, after, &v, &n), NCT_OK);
	assert_int_equal(n, 34);
	free(v);
}

/* The published file wrote a lower-case "l" for the "I" of "Ia" and "u" for
 * "U Minh"; data/ holds the corrected spelling. */
static void test_the_ia_communes_and_u_minh_thuong_are_spelt_with_capitals(void **state)
{
	(void)state;
	static const char *const spelt[][2] = {
	    {"23326", "Xã Ia Chim"}, {"23535", "Xã Ia Đal"},        {"23538", "Xã Ia Tơi"},
	    {"23710", "Xã Ia Băng"}, {"31027", "Xã U Minh Thượng"},
	};
	for (size_t i = 0; i < sizeof spelt / sizeof spelt[0]; i++) {
		struct place p;
		assert_int_equal(place_get(&x, spelt[i][0], after, &p), NCT_OK);
		assert_string_equal(p.name, spelt[i][1]);
	}
}

static void test_ha_noi_is_a_thanh_pho_in_both_trees(void **state)
{
	(void)state;
	struct place p;
	assert_int_equal(place_get(&x, "01", before, &p), NCT_OK);
	assert_string_equal(p.name, "Thành phố Hà Nội");
	assert_int_equal(place_get(&x, "01", after, &p), NCT_OK);
	assert_string_equal(p.name, "Thành phố Hà Nội");
}

static void test_search_without_diacritics_finds_dak_ha(void **state)
{
	(void)state;
	struct place *v;
	size_t n;
	assert_int_equal(place_search(&x, "dak ha", before, 50, &v, &n), NCT_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(v[i].name, "Huyện Đắk Hà") == 0;
	assert_true(found);
	free(v);
}

static void test_search_matches_at_word_starts_only(void **state)
{
	(void)state;
	struct place *v;
	size_t n;
	assert_int_equal(place_search(&x, "ak ha", before, 50, &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
}

static void test_a_new_province_is_linked_to_the_provinces_it_was_formed_from(void **state)
{
	(void)state;
	struct place p, *from;
	size_t n;
	assert_int_equal(place_get(&x, "51", after, &p), NCT_OK);
	assert_int_equal(place_links(&x, p.id, -1, &from, &n), NCT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(from[0].code, "51");
	assert_string_equal(from[1].code, "62");
	free(from);
}

static void test_xa_dak_ha_of_2025_was_formed_from_three_communes(void **state)
{
	(void)state;
	struct place p, *from;
	size_t n;
	assert_int_equal(place_get(&x, "23500", after, &p), NCT_OK);
	assert_string_equal(p.name, "Xã Đăk Hà");
	assert_int_equal(place_links(&x, p.id, -1, &from, &n), NCT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(from[0].name, "Thị trấn Đắk Hà");
	free(from);
}

static void test_an_unchanged_commune_is_linked_to_itself(void **state)
{
	(void)state;
	struct place p, *from;
	size_t n;
	assert_int_equal(place_get(&x, "23368", after, &p), NCT_OK); /* Xã Đăk Long: giữ nguyên */
	assert_int_equal(place_links(&x, p.id, -1, &from, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(from[0].code, "23368");
	free(from);
}

static void test_a_scope_covers_the_communes_a_commune_was_formed_from(void **state)
{
	(void)state;
	struct place p, old, other;
	struct scope sc;
	assert_int_equal(place_get(&x, "23500", after, &p), NCT_OK);
	assert_int_equal(scope_of_place(&x, p.id, &sc), NCT_OK);
	assert_int_equal(place_get(&x, "23500", before, &old), NCT_OK);
	assert_int_equal(place_get(&x, "21181", after, &other), NCT_OK);
	assert_true(scope_contains(&sc, old.path));
	assert_false(scope_contains(&sc, other.path));
	assert_false(scope_sees(&sc, other.path));
}

static void test_a_scope_sees_the_units_above_it_but_does_not_contain_them(void **state)
{
	(void)state;
	struct place p, prov;
	struct scope sc;
	assert_int_equal(place_get(&x, "23500", after, &p), NCT_OK);
	assert_int_equal(place_get(&x, "51", after, &prov), NCT_OK);
	assert_int_equal(scope_of_place(&x, p.id, &sc), NCT_OK);
	assert_true(scope_sees(&sc, prov.path));
	assert_false(scope_contains(&sc, prov.path));
}

/* The units go in batches with the ids given by the loader: each has the
 * path of its parent and its own id, the ids run from 1 without a gap as the
 * store would have given them one by one, and the links to new communes are
 * as many as the report says. */
static void test_loaded_units_have_their_parents_path_and_ids_without_a_gap(void **state)
{
	(void)state;
	int64_t wrong = -1, ids = -1, top = -1, links = -1;
	assert_int_equal(
	    db_int(db_prepare(t.db, "SELECT COUNT(*) FROM places c LEFT JOIN places p"
	                            " ON p.id = c.parent_id WHERE c.path <>"
	                            " COALESCE(p.path, '/') || CAST(c.id AS TEXT) || '/'"),
	           &wrong),
	    NCT_OK);
	assert_int_equal(wrong, 0);
	assert_int_equal(db_int(db_prepare(t.db, "SELECT COUNT(*) FROM places"), &ids), NCT_OK);
	assert_int_equal(db_int(db_prepare(t.db, "SELECT MAX(id) FROM places"), &top), NCT_OK);
	assert_int_equal(top, ids);
	assert_int_equal(db_int(db_prepare(t.db, "SELECT COUNT(*) FROM place_links l JOIN places n"
	                                         " ON n.id = l.to_id WHERE n.level = 3"),
	                        &links),
	                 NCT_OK);
	assert_int_equal(links, (int64_t)report.links);
}

static void test_loading_twice_changes_nothing(void **state)
{
	(void)state;
	struct place_load_report again;
	char msg[256] = "";
	assert_int_equal(place_load_reference(&x, &again, msg, sizeof msg), NCT_OK);
	assert_int_equal(again.communes, 0);
}

static void test_a_village_is_added_under_a_commune_of_today(void **state)
{
	(void)state;
	struct place v, *kids;
	size_t n;
	assert_int_equal(place_add_village(&x, "23500", "Thôn Kon Stiu", &v, &rf), NCT_OK);
	assert_string_equal(v.code, "23500-001");
	assert_int_equal(v.level, PLACE_VILLAGE);
	assert_int_equal(place_children(&x, v.parent_id, date_today_vn(), &kids, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(kids[0].name, "Thôn Kon Stiu");
	free(kids);
}

static void test_a_count_is_fresh_after_the_map_changes(void **state)
{
	(void)state;
	struct place p, v;
	struct ctx commune;
	int64_t before_add, after_add;
	assert_int_equal(place_get(&x, "23504", after, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_int_equal(place_count(&commune, date_today_vn(), PLACE_VILLAGE, &before_add),
	                 NCT_OK);
	assert_int_equal(place_add_village(&x, "23504", "Thôn 1", &v, &rf), NCT_OK);
	assert_int_equal(place_count(&commune, date_today_vn(), PLACE_VILLAGE, &after_add), NCT_OK);
	assert_int_equal(after_add, before_add + 1);
}

static void test_kon_tum_counts_102_communes_on_2024_12_31(void **state)
{
	(void)state;
	struct place p;
	struct ctx province;
	int64_t n;
	assert_int_equal(place_get(&x, "62", before, &p), NCT_OK);
	testctx_user(&province, t.db, ROLE_PROVINCE, p.id, 0);
	assert_int_equal(place_count(&province, before, PLACE_COMMUNE, &n), NCT_OK);
	assert_int_equal(n, 102);
}

static void test_a_village_needs_a_name(void **state)
{
	(void)state;
	struct place v;
	assert_int_equal(place_add_village(&x, "23500", "   ", &v, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TITLE_LENGTH);
	assert_string_equal(rf.field, "name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loading_reports_both_trees),
	    cmocka_unit_test(test_every_old_commune_has_a_successor_but_the_listed_one),
	    cmocka_unit_test(test_every_new_commune_has_a_predecessor_but_the_five_island_zones),
	    cmocka_unit_test(test_xa_mang_ri_was_formed_from_ngoc_lay_and_ngoc_yeu_spelt_ngok),
	    cmocka_unit_test(test_the_kon_tum_communes_spelt_otherwise_have_their_successors),
	    cmocka_unit_test(test_a_hand_kept_link_joins_a_name_no_rule_matches),
	    cmocka_unit_test(test_a_hand_kept_row_keeps_a_district_name_as_text),
	    cmocka_unit_test(test_a_commune_split_between_two_new_ones_is_linked_as_a_part_to_each),
	    cmocka_unit_test(test_a_commune_merged_whole_is_a_whole_link),
	    cmocka_unit_test(test_an_island_district_named_whole_links_all_its_communes),
	    cmocka_unit_test(test_no_unit_was_formed_from_more_units_than_a_scope_holds),
	    cmocka_unit_test(test_the_scope_of_mang_ri_holds_a_club_place_in_ngoc_lay),
	    cmocka_unit_test(test_kon_tum_has_10_districts_on_2024_12_31),
	    cmocka_unit_test(test_kon_tum_has_102_communes_on_2024_12_31),
	    cmocka_unit_test(test_kon_tum_does_not_exist_on_2025_07_01),
	    cmocka_unit_test(test_quang_ngai_has_96_communes_and_no_districts_on_2025_07_01),
	    cmocka_unit_test(test_the_country_has_63_provinces_before_and_34_after),
	    cmocka_unit_test(test_the_ia_communes_and_u_minh_thuong_are_spelt_with_capitals),
	    cmocka_unit_test(test_ha_noi_is_a_thanh_pho_in_both_trees),
	    cmocka_unit_test(test_search_without_diacritics_finds_dak_ha),
	    cmocka_unit_test(test_search_matches_at_word_starts_only),
	    cmocka_unit_test(test_a_new_province_is_linked_to_the_provinces_it_was_formed_from),
	    cmocka_unit_test(test_xa_dak_ha_of_2025_was_formed_from_three_communes),
	    cmocka_unit_test(test_an_unchanged_commune_is_linked_to_itself),
	    cmocka_unit_test(test_a_scope_covers_the_communes_a_commune_was_formed_from),
	    cmocka_unit_test(test_a_scope_sees_the_units_above_it_but_does_not_contain_them),
	    cmocka_unit_test(test_loading_twice_changes_nothing),
	    cmocka_unit_test(test_loaded_units_have_their_parents_path_and_ids_without_a_gap),
	    cmocka_unit_test(test_a_village_is_added_under_a_commune_of_today),
	    cmocka_unit_test(test_a_village_needs_a_name),
	    cmocka_unit_test(test_a_count_is_fresh_after_the_map_changes),
	    cmocka_unit_test(test_kon_tum_counts_102_communes_on_2024_12_31),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

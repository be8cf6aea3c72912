/* test_place.c - the map as of a date, lineage, scope and villages, on the
 * real reference files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/place.h"
#include "testdb.h"

static const struct date before = {2024, 12, 31};
static const struct date after = {2025, 7, 1};
static struct testdb t;
static struct place_load_report report;

static int setup(void **state)
{
	(void)state;
	char msg[256] = "";
	testdb_open(&t);
	return place_load_reference(t.db, &report, msg, sizeof msg) == NCT_OK ? 0 : -1;
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
	assert_int_equal(place_get(t.db, province, on, &p), NCT_OK);
	assert_int_equal(place_children(t.db, p.id, on, &kids, &n), NCT_OK);
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
	assert_true(report.links > 9000);
	assert_true(report.text_only > 0);
}

static void test_kon_tum_has_10_districts_on_2024_12_31(void **state)
{
	(void)state;
	struct place p, *kids;
	size_t n;
	assert_int_equal(place_get(t.db, "62", before, &p), NCT_OK);
	assert_string_equal(p.name, "Tỉnh Kon Tum");
	assert_int_equal(place_children(t.db, p.id, before, &kids, &n), NCT_OK);
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
	assert_int_equal(place_get(t.db, "62", after, &p), NCT_ERR_NOTFOUND);
}

static void test_quang_ngai_has_96_communes_and_no_districts_on_2025_07_01(void **state)
{
	(void)state;
	struct place p, *kids;
	size_t n;
	assert_int_equal(place_get(t.db, "51", after, &p), NCT_OK);
	assert_int_equal(place_children(t.db, p.id, after, &kids, &n), NCT_OK);
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
	assert_int_equal(place_children(t.db, 0, before, &v, &n), NCT_OK);
	assert_int_equal(n, 63);
	free(v);
	assert_int_equal(place_children(t.db, 0, after, &v, &n), NCT_OK);
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
		assert_int_equal(place_get(t.db, spelt[i][0], after, &p), NCT_OK);
		assert_string_equal(p.name, spelt[i][1]);
	}
}

static void test_ha_noi_is_a_thanh_pho_in_both_trees(void **state)
{
	(void)state;
	struct place p;
	assert_int_equal(place_get(t.db, "01", before, &p), NCT_OK);
	assert_string_equal(p.name, "Thành phố Hà Nội");
	assert_int_equal(place_get(t.db, "01", after, &p), NCT_OK);
	assert_string_equal(p.name, "Thành phố Hà Nội");
}

static void test_search_without_diacritics_finds_dak_ha(void **state)
{
	(void)state;
	struct scope all = {.all = true};
	struct place *v;
	size_t n;
	assert_int_equal(place_search(t.db, &all, "dak ha", before, 50, &v, &n), NCT_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(v[i].name, "Huyện Đắk Hà") == 0;
	assert_true(found);
	free(v);
}

static void test_search_matches_at_word_starts_only(void **state)
{
	(void)state;
	struct scope all = {.all = true};
	struct place *v;
	size_t n;
	assert_int_equal(place_search(t.db, &all, "ak ha", before, 50, &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
}

static void test_a_new_province_is_linked_to_the_provinces_it_was_formed_from(void **state)
{
	(void)state;
	struct place p, *from;
	size_t n;
	assert_int_equal(place_get(t.db, "51", after, &p), NCT_OK);
	assert_int_equal(place_links(t.db, p.id, -1, &from, &n), NCT_OK);
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
	assert_int_equal(place_get(t.db, "23500", after, &p), NCT_OK);
	assert_string_equal(p.name, "Xã Đăk Hà");
	assert_int_equal(place_links(t.db, p.id, -1, &from, &n), NCT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(from[0].name, "Thị trấn Đắk Hà");
	free(from);
}

static void test_an_unchanged_commune_is_linked_to_itself(void **state)
{
	(void)state;
	struct place p, *from;
	size_t n;
	assert_int_equal(place_get(t.db, "23368", after, &p), NCT_OK); /* Xã Đăk Long: giữ nguyên */
	assert_int_equal(place_links(t.db, p.id, -1, &from, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(from[0].code, "23368");
	free(from);
}

static void test_a_scope_covers_the_communes_a_commune_was_formed_from(void **state)
{
	(void)state;
	struct place p, old, other;
	struct scope sc;
	assert_int_equal(place_get(t.db, "23500", after, &p), NCT_OK);
	assert_int_equal(scope_of_place(t.db, p.id, &sc), NCT_OK);
	assert_int_equal(place_get(t.db, "23500", before, &old), NCT_OK);
	assert_int_equal(place_get(t.db, "21181", after, &other), NCT_OK);
	assert_true(scope_contains(&sc, old.path));
	assert_false(scope_contains(&sc, other.path));
	assert_false(scope_sees(&sc, other.path));
}

static void test_a_scope_sees_the_units_above_it_but_does_not_contain_them(void **state)
{
	(void)state;
	struct place p, prov;
	struct scope sc;
	assert_int_equal(place_get(t.db, "23500", after, &p), NCT_OK);
	assert_int_equal(place_get(t.db, "51", after, &prov), NCT_OK);
	assert_int_equal(scope_of_place(t.db, p.id, &sc), NCT_OK);
	assert_true(scope_sees(&sc, prov.path));
	assert_false(scope_contains(&sc, prov.path));
}

static void test_loading_twice_changes_nothing(void **state)
{
	(void)state;
	struct place_load_report again;
	char msg[256] = "";
	assert_int_equal(place_load_reference(t.db, &again, msg, sizeof msg), NCT_OK);
	assert_int_equal(again.communes, 0);
}

static void test_a_village_is_added_under_a_commune_of_today(void **state)
{
	(void)state;
	struct actor a = {0, "test", "cli"};
	struct place v, *kids;
	size_t n;
	char msg[256] = "";
	assert_int_equal(place_add_village(t.db, &a, "23500", "Thôn Kon Stiu", &v, msg, sizeof msg),
	                 NCT_OK);
	assert_string_equal(v.code, "23500-001");
	assert_int_equal(v.level, PLACE_VILLAGE);
	assert_int_equal(place_children(t.db, v.parent_id, date_today_vn(), &kids, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(kids[0].name, "Thôn Kon Stiu");
	free(kids);
}

static void test_a_count_is_fresh_after_the_map_changes(void **state)
{
	(void)state;
	struct actor a = {0, "test", "cli"};
	struct place p, v;
	struct scope sc;
	int64_t before_add, after_add;
	char msg[256] = "";
	assert_int_equal(place_get(t.db, "23504", after, &p), NCT_OK);
	assert_int_equal(scope_of_place(t.db, p.id, &sc), NCT_OK);
	assert_int_equal(place_count(t.db, &sc, date_today_vn(), PLACE_VILLAGE, &before_add),
	                 NCT_OK);
	assert_int_equal(place_add_village(t.db, &a, "23504", "Thôn 1", &v, msg, sizeof msg),
	                 NCT_OK);
	assert_int_equal(place_count(t.db, &sc, date_today_vn(), PLACE_VILLAGE, &after_add),
	                 NCT_OK);
	assert_int_equal(after_add, before_add + 1);
}

static void test_kon_tum_counts_102_communes_on_2024_12_31(void **state)
{
	(void)state;
	struct place p;
	struct scope sc;
	int64_t n;
	assert_int_equal(place_get(t.db, "62", before, &p), NCT_OK);
	assert_int_equal(scope_of_place(t.db, p.id, &sc), NCT_OK);
	assert_int_equal(place_count(t.db, &sc, before, PLACE_COMMUNE, &n), NCT_OK);
	assert_int_equal(n, 102);
}

static void test_a_village_needs_a_name(void **state)
{
	(void)state;
	struct actor a = {0, "test", "cli"};
	struct place v;
	char msg[256] = "";
	assert_int_equal(place_add_village(t.db, &a, "23500", "   ", &v, msg, sizeof msg),
	                 NCT_ERR_INVALID);
	assert_true(msg[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loading_reports_both_trees),
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
	    cmocka_unit_test(test_a_village_is_added_under_a_commune_of_today),
	    cmocka_unit_test(test_a_village_needs_a_name),
	    cmocka_unit_test(test_a_count_is_fresh_after_the_map_changes),
	    cmocka_unit_test(test_kon_tum_counts_102_communes_on_2024_12_31),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_club.c - clubs, people and memberships in the store: the rules for bad
 * input, and composition read back from what was written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/club.h"
#include "domain/user.h"
#include "seed/place_load.h"
#include "testctx.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static struct club club;
static char msg[256];

static int64_t new_person(const char *name, const char *sex, const char *birth)
{
	struct person_new p = {name, sex, birth, "23500", 0};
	int64_t id = 0;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	return id;
}

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg))
		return -1;
	struct club_new in = {"T-01", "CLB Liên thế hệ thôn 1", "ishc", "23500", "2025-08-01"};
	int64_t id;
	if (club_create(&x, &in, &id, &rf))
		return -1;
	return club_get(&x, "T-01", date_today_vn(), &club) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static void test_a_club_founded_in_2025_is_of_the_2022_2025_cohort_and_active(void **state)
{
	(void)state;
	assert_string_equal(club.cohort, "2022-2025");
	assert_string_equal(club.status, "active");
	assert_string_equal(club.place_code, "23500");
}

static void test_a_club_founded_in_the_future_is_refused(void **state)
{
	(void)state;
	struct club_new in = {"T-02", "CLB", "ishc", "23500", "2999-01-01"};
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_DATE_IN_FUTURE);
	assert_string_equal(rf.field, "founded_on");
}

static void test_a_club_in_a_commune_that_did_not_exist_then_is_refused(void **state)
{
	(void)state;
	/* 23500 of 2025 did not exist in 2020: the code then named the old town */
	struct club_new in = {"T-03", "CLB", "ishc", "99999", "2020-01-01"};
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_ERR_INVALID);
}

static void test_a_club_code_used_twice_is_a_conflict(void **state)
{
	(void)state;
	struct club_new in = {"T-01", "Khác", "ishc", "23500", "2025-08-01"};
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_ERR_CONFLICT);
}

static void test_a_club_outside_the_scope_is_refused(void **state)
{
	(void)state;
	struct place p;
	struct ctx other;
	assert_int_equal(place_get(&x, "21181", date_today_vn(), &p), NCT_OK);
	testctx_user(&other, t.db, ROLE_COMMUNE, p.id, 0);
	struct club_new in = {"T-04", "CLB", "ishc", "23500", "2025-08-01"};
	int64_t id;
	assert_int_equal(club_create(&other, &in, &id, &rf), NCT_ERR_DENIED);
}

static void test_a_member_added_twice_is_refused(void **state)
{
	(void)state;
	int64_t id = new_person("Nguyễn Thị Hoa", "F", "1950");
	struct membership_new m = {id, "2025-08-02", false};
	assert_int_equal(club_add_member(&x, &club, &m, &rf), NCT_OK);
	assert_int_equal(club_add_member(&x, &club, &m, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_ALREADY_MEMBER);
	assert_string_equal(rf.arg[0].v, "Nguyễn Thị Hoa");
}

static void test_joining_before_the_founding_is_refused(void **state)
{
	(void)state;
	int64_t id = new_person("A Thút", "M", "1980-05");
	struct membership_new m = {id, "2025-07-31", false};
	assert_int_equal(club_add_member(&x, &club, &m, &rf), NCT_ERR_INVALID);
}

static void test_a_membership_that_ends_before_it_starts_is_refused(void **state)
{
	(void)state;
	int64_t id = new_person("Y Nhung", "F", "1961-02-03");
	struct membership_new m = {id, "2025-09-01", true};
	assert_int_equal(club_add_member(&x, &club, &m, &rf), NCT_OK);
	struct member *v;
	size_t n;
	assert_int_equal(club_members(&x, &club, &v, &n), NCT_OK);
	int64_t mid = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].person.id == id)
			mid = v[i].membership_id;
	free(v);
	assert_int_equal(club_end_member(&x, &club, mid, "2025-08-15", &rf), NCT_ERR_INVALID);
	assert_int_equal(club_end_member(&x, &club, mid, "2025-10-01", &rf), NCT_OK);
}

static void test_a_person_born_in_the_future_is_refused(void **state)
{
	(void)state;
	struct person_new p = {"Trẻ Sơ Sinh", "F", "2999", "23500", 0};
	int64_t id;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_ERR_INVALID);
}

static void test_a_new_person_and_membership_are_written_together_or_not_at_all(void **state)
{
	(void)state;
	struct person_new p = {"Đinh Văn Bình", "M", "1958", "23500", 1};
	struct membership_new m = {0, "2999-01-01", false};
	struct person *found;
	size_t n;
	assert_int_equal(club_add_new_person(&x, &club, &p, &m, &rf), NCT_ERR_INVALID);
	assert_int_equal(person_search(&x, "dinh van binh", 5, &found, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(found);
}

static void test_composition_counts_members_on_the_date(void **state)
{
	(void)state;
	struct composition c;
	struct date before = {2025, 8, 1}, sept = {2025, 9, 15}, nov = {2025, 11, 1};
	assert_int_equal(club_composition(&x, &club, before, &c), NCT_OK);
	assert_int_equal(c.members, 0);
	assert_int_equal(club_composition(&x, &club, sept, &c), NCT_OK);
	assert_int_equal(c.members, 2); /* Hoa and Nhung; Nhung left on 2025-10-01 */
	assert_int_equal(c.women.count, 2);
	assert_int_equal(c.older.count, 2); /* born 1950 and 1961-02-03: 75 and 64 */
	assert_int_equal(c.younger.count, 0);
	assert_int_equal(club_composition(&x, &club, nov, &c), NCT_OK);
	assert_int_equal(c.members, 1);
	assert_int_equal(c.size_band, BAND_BELOW);
	assert_int_equal(c.size_add, 49);
}

static void test_search_finds_people_without_diacritics(void **state)
{
	(void)state;
	struct person *v;
	size_t n;
	assert_int_equal(person_search(&x, "nguyen thi hoa", 5, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].full_name, "Nguyễn Thị Hoa");
	free(v);
}

static void test_a_status_change_shows_from_its_date(void **state)
{
	(void)state;
	struct club c;
	assert_int_equal(club_set_status(&x, &club, "suspended", "2026-01-01", "họp lại sau", &rf),
	                 NCT_OK);
	assert_int_equal(club_get(&x, "T-01", (struct date){2025, 12, 31}, &c), NCT_OK);
	assert_string_equal(c.status, "active");
	assert_int_equal(club_get(&x, "T-01", (struct date){2026, 1, 1}, &c), NCT_OK);
	assert_string_equal(c.status, "suspended");
}

static void test_the_club_list_filters_by_cohort_and_status(void **state)
{
	(void)state;
	struct club_filter f = {NULL, NULL, "2016-2021", NULL, NULL};
	struct club *v;
	size_t n;
	assert_int_equal(club_list(&x, &f, date_today_vn(), &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
	f.cohort = "2022-2025";
	assert_int_equal(club_list(&x, &f, (struct date){2025, 12, 1}, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].members, 1);
	free(v);
}

/* A past date lists the clubs as they were: one founded later is not yet one. */
static void test_the_club_list_on_a_day_before_a_founding_leaves_that_club_out(void **state)
{
	(void)state;
	struct club_filter f = {.q = "T-01"};
	struct club *v;
	size_t n;
	assert_int_equal(club_list(&x, &f, (struct date){2025, 7, 31}, &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
	assert_int_equal(club_list(&x, &f, (struct date){2025, 8, 1}, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "T-01");
	free(v);
}

static void test_the_club_list_finds_a_club_by_its_code_typed_as_written(void **state)
{
	(void)state;
	struct club_new in = {"LTH-23416-02", "CLB Liên thế hệ tự giúp nhau thôn 2", "ishc",
	                      "23500", "2025-08-01"};
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	const char *queries[] = {"LTH-23416-02", "lth-23416", "23416-02"};
	for (size_t i = 0; i < 3; i++) {
		struct club_filter f = {.q = queries[i]};
		struct club *v;
		size_t n;
		assert_int_equal(club_list(&x, &f, (struct date){2025, 12, 1}, &v, &n), NCT_OK);
		assert_int_equal(n, 1);
		assert_string_equal(v[0].code, "LTH-23416-02");
		free(v);
	}
}

static void test_a_club_may_belong_to_a_village_of_its_commune_only(void **state)
{
	(void)state;
	struct place v, w;
	struct club c;
	int64_t id;
	assert_int_equal(place_add_village(&x, "23500", "Thôn Kon Rờ Bàng", &v, &rf), NCT_OK);
	assert_int_equal(place_add_village(&x, "21181", "Thôn An Hòa", &w, &rf), NCT_OK);
	struct club_new in = {"T-V1", "CLB thôn", "ishc", "23500", "2025-08-01", v.code};
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, "T-V1", date_today_vn(), &c), NCT_OK);
	assert_string_equal(c.village_name, "Thôn Kon Rờ Bàng");
	/* a club of 2019 in the old town, in a village of the commune formed from it */
	struct club_new old = {"T-V2", "CLB thôn", "ishc", "23500", "2019-05-01", v.code};
	assert_int_equal(club_create(&x, &old, &id, &rf), NCT_OK);
	struct club_new bad = {"T-V3", "CLB thôn", "ishc", "23500", "2025-08-01", w.code};
	assert_int_equal(club_create(&x, &bad, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_VILLAGE_NOT_OF);
	assert_string_equal(rf.field, "village");
}

/* A club of the test's own in commune, founded 2025-08-01, read back by the system. */
static struct club own_club(const char *code, const char *commune)
{
	struct club_new in = {code, "CLB của riêng phép thử", "ishc", commune, "2025-08-01"};
	struct club c;
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, code, date_today_vn(), &c), NCT_OK);
	return c;
}

/* A user of role bound to the commune (in force today) with code. */
static void user_of(struct ctx *u, enum role role, const char *commune, int64_t club_id)
{
	struct place p;
	assert_int_equal(place_get(&x, commune, date_today_vn(), &p), NCT_OK);
	testctx_user(u, t.db, role, p.id, club_id);
}

static int64_t person_at(const char *name, const char *place)
{
	struct person_new p = {name, "F", "1950", place, 0};
	int64_t id = 0;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	return id;
}

static void test_a_commune_user_cannot_add_a_person_of_another_province_nor_learn_who(void **state)
{
	(void)state;
	struct club c = own_club("ACC-1", "23500");
	struct ctx commune;
	struct member *v;
	size_t n;
	int64_t far = person_at("Phùng Thị Xa Lạ", "00004");
	user_of(&commune, ROLE_COMMUNE, "23500", 0);
	struct membership_new m = {far, "2025-08-02", false};
	assert_int_equal(club_add_member(&commune, &c, &m, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PERSON_OUTSIDE);
	assert_int_equal(rf.nargs, 0); /* names nobody */
	assert_int_equal(club_members(&x, &c, &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
}

static void test_a_commune_user_does_not_see_a_club_of_another_commune(void **state)
{
	(void)state;
	struct club c;
	struct ctx commune;
	own_club("ACC-2", "21181");
	user_of(&commune, ROLE_COMMUNE, "23500", 0);
	assert_int_equal(club_get(&commune, "ACC-2", date_today_vn(), &c), NCT_ERR_DENIED);
	assert_int_equal(club_get(&x, "ACC-2", date_today_vn(), &c), NCT_OK);
}

static void test_a_member_who_lives_elsewhere_is_seen_through_the_club(void **state)
{
	(void)state;
	struct club c = own_club("ACC-3", "23500");
	struct ctx commune;
	struct person p;
	int64_t elsewhere = person_at("Trà Thị Xã Bên", "21181");
	user_of(&commune, ROLE_COMMUNE, "23500", 0);
	assert_int_equal(person_get(&commune, elsewhere, &p), NCT_ERR_DENIED);
	struct membership_new m = {elsewhere, "2025-08-02", false};
	assert_int_equal(club_add_member(&x, &c, &m, &rf), NCT_OK);
	assert_int_equal(person_get(&commune, elsewhere, &p), NCT_OK);
	assert_string_equal(p.full_name, "Trà Thị Xã Bên");
}

static void test_a_viewer_sees_its_communes_clubs_but_changes_none(void **state)
{
	(void)state;
	struct club c = own_club("ACC-4", "23500");
	struct ctx viewer;
	user_of(&viewer, ROLE_VIEWER, "23500", 0);
	assert_int_equal(club_get(&viewer, "ACC-4", date_today_vn(), &c), NCT_OK);
	assert_int_equal(club_update(&viewer, &c, "Tên mới", "culture", &rf), NCT_ERR_DENIED);
	struct club_new in = {"ACC-5", "CLB", "ishc", "23500", "2025-08-01"};
	int64_t id;
	assert_int_equal(club_create(&viewer, &in, &id, &rf), NCT_ERR_DENIED);
}

static void test_a_club_user_sees_and_changes_its_own_club_only(void **state)
{
	(void)state;
	struct club mine = own_club("ACC-6", "23500"), theirs = own_club("ACC-7", "23500"), c;
	struct ctx u;
	struct club *v;
	size_t n;
	struct club_filter all = {0};
	user_of(&u, ROLE_CLUB, "23500", mine.id);
	assert_int_equal(club_get(&u, "ACC-6", date_today_vn(), &c), NCT_OK);
	assert_int_equal(club_get(&u, "ACC-7", date_today_vn(), &c), NCT_ERR_DENIED);
	assert_int_equal(club_list(&u, &all, date_today_vn(), &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "ACC-6");
	free(v);
	assert_int_equal(club_update(&u, &mine, "Tên mới", "culture", &rf), NCT_OK);
	assert_int_equal(club_update(&u, &theirs, "Tên mới", "culture", &rf), NCT_ERR_DENIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_club_founded_in_2025_is_of_the_2022_2025_cohort_and_active),
	    cmocka_unit_test(test_a_club_founded_in_the_future_is_refused),
	    cmocka_unit_test(test_a_club_in_a_commune_that_did_not_exist_then_is_refused),
	    cmocka_unit_test(test_a_club_code_used_twice_is_a_conflict),
	    cmocka_unit_test(test_a_club_outside_the_scope_is_refused),
	    cmocka_unit_test(test_a_member_added_twice_is_refused),
	    cmocka_unit_test(test_joining_before_the_founding_is_refused),
	    cmocka_unit_test(test_a_membership_that_ends_before_it_starts_is_refused),
	    cmocka_unit_test(test_a_person_born_in_the_future_is_refused),
	    cmocka_unit_test(test_a_new_person_and_membership_are_written_together_or_not_at_all),
	    cmocka_unit_test(test_composition_counts_members_on_the_date),
	    cmocka_unit_test(test_search_finds_people_without_diacritics),
	    cmocka_unit_test(test_a_status_change_shows_from_its_date),
	    cmocka_unit_test(test_the_club_list_filters_by_cohort_and_status),
	    cmocka_unit_test(test_a_club_may_belong_to_a_village_of_its_commune_only),
	    cmocka_unit_test(
	        test_a_commune_user_cannot_add_a_person_of_another_province_nor_learn_who),
	    cmocka_unit_test(test_a_commune_user_does_not_see_a_club_of_another_commune),
	    cmocka_unit_test(test_a_member_who_lives_elsewhere_is_seen_through_the_club),
	    cmocka_unit_test(test_a_viewer_sees_its_communes_clubs_but_changes_none),
	    cmocka_unit_test(test_a_club_user_sees_and_changes_its_own_club_only),
	    cmocka_unit_test(test_the_club_list_on_a_day_before_a_founding_leaves_that_club_out),
	    cmocka_unit_test(test_the_club_list_finds_a_club_by_its_code_typed_as_written),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

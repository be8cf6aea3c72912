/* test_indicator.c - the Plan 327 indicators computed from a small store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/club.h"
#include "domain/indicator.h"
#include "seed/place_load.h"
#include "testctx.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static char msg[256];
static const struct date on = {2025, 12, 31};

static void make_club(const char *code, const char *commune, const char *founded)
{
	struct club_new in = {code, "CLB", "ishc", commune, founded};
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
}

/* Adds n members to a club: women first, the older ones born in 1950. */
static void add_members(const char *code, int n, int women, int older)
{
	struct club c;
	assert_int_equal(club_get(&x, code, on, &c), NCT_OK);
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "Người %s %d", code, i);
		struct person_new p = {name, i < women ? "F" : "M", i < older ? "1950" : "1990",
		                       "23500", 0};
		struct membership_new m = {0, "2025-08-01", false};
		assert_int_equal(club_add_new_person(&x, &c, &p, &m, &rf), NCT_OK);
	}
}

static void exec(const char *sql)
{
	assert_int_equal(db_exec(t.db, sql), NCT_OK);
}

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg))
		return -1;
	make_club("OLD-1", "23500", "2018-05-01"); /* Thị trấn Đắk Hà of 2018 (Kon Tum) */
	make_club("OLD-2", "23500", "2019-05-01");
	make_club("NEW-1", "23500", "2025-08-01"); /* Xã Đăk Hà of 2025 (Quảng Ngãi) */
	add_members("NEW-1", 50, 32, 32);
	exec("INSERT INTO club_status (club_id, status, since) SELECT id, 'dissolved', "
	     "'2024-01-01' FROM clubs WHERE code = 'OLD-2'");
	exec("INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, created_at) SELECT "
	     "id, 'revolving', '2025-08-02', 'grant', 50000000, 'x' FROM clubs WHERE code = "
	     "'NEW-1'");
	exec("INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, created_at) SELECT "
	     "id, 'activity', '2025-08-02', 'contribution', 1000000, 'x' FROM clubs WHERE code = "
	     "'NEW-1'");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static const struct indicator *ind(const struct indicator_report *r, enum indicator_id id)
{
	return &r->ind[id];
}

static void test_clubs_are_counted_by_founding_window_and_status(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->value, 1);
	assert_int_equal(ind(&r, IND_CLUBS_OLD_ACTIVE)->value, 1); /* OLD-2 was dissolved */
	assert_int_equal(r.clubs, 2);
}

static void test_members_and_older_members_are_distinct_people_on_the_date(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS)->value, 50);
	assert_int_equal(ind(&r, IND_OLDER_MEMBERS)->value, 32);
	assert_int_equal(indicators_clubs(&x, NULL, (struct date){2025, 7, 31}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS)->value, 0);
}

static void test_shares_are_per_mille_of_active_clubs(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	/* NEW-1: 50 members, 64 % women, 64 % older: within; OLD-1 has nobody */
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->numerator, 1);
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->denominator, 2);
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->value, 500);
	assert_int_equal(ind(&r, IND_SHARE_BOTH_FUNDS)->value, 500);
	assert_int_equal(ind(&r, IND_SHARE_LOANS)->value, 0);
}

static void test_targets_come_from_the_plan_records(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_true(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->target_min, 51);
	assert_false(ind(&r, IND_CLUBS_NEW)->met);
	exec("UPDATE plan_targets SET min_value = 1 WHERE indicator = 'clubs_new_since_2021'");
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_true(ind(&r, IND_CLUBS_NEW)->met);
	exec("UPDATE plan_targets SET min_value = 51 WHERE indicator = 'clubs_new_since_2021'");
}

static void test_quang_ngai_of_2025_counts_the_clubs_of_kon_tum_of_2024(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, "51", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 2);
	assert_int_equal(indicators_clubs(&x, "01", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 0);
}

static void test_a_place_outside_the_scope_is_refused(void **state)
{
	(void)state;
	struct indicator_report r;
	struct place p;
	struct ctx commune;
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_int_equal(indicators_clubs(&commune, "01", on, &r), NCT_ERR_DENIED);
	assert_int_equal(indicators_clubs(&commune, "51", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 2);
}

static void
test_a_club_with_every_area_and_well_managed_counts_and_visits_cover_home_care(void **state)
{
	(void)state;
	struct indicator_report r;
	static const char *const areas[] = {"income",    "health",  "selfhelp",
	                                    "community", "rights",  "communication",
	                                    "sports",    "culture", "resources"};
	for (size_t i = 0; i < 9; i++) {
		char sql[400];
		snprintf(sql, sizeof sql,
		         "INSERT INTO activities (club_id, on_date, area, title, participants, "
		         "created_at) SELECT id, '2025-09-01', '%s', 'x', 10, 'x' FROM clubs WHERE "
		         "code = 'NEW-1'",
		         areas[i]);
		exec(sql);
	}
	exec("INSERT INTO club_assessments (club_id, year, grade, well_managed, assessed_on, "
	     "assessed_by) SELECT id, 2025, 'strong', 1, '2025-12-20', 'x' FROM clubs WHERE code = "
	     "'NEW-1'");
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->numerator, 0); /* home care missing */
	exec("INSERT INTO home_visits (club_id, volunteer_id, visited_id, on_date) SELECT c.id, "
	     "MIN(m.person_id), MAX(m.person_id), '2025-10-01' FROM clubs c JOIN memberships m ON "
	     "m.club_id = c.id WHERE c.code = 'NEW-1' GROUP BY c.id");
	assert_int_equal(indicators_clubs(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->numerator, 1);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->value, 500);
}

/* Xã Ngọc Lây of Kon Tum went whole into Xã Măng Ri of 2025; the published
 * text spells it "Xã Ngọk Lây". */
static void test_a_club_of_2023_in_ngoc_lay_is_counted_under_xa_mang_ri(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(indicators_clubs(&x, "23446", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 0);
	make_club("NGOC-LAY-1", "23404", "2023-03-01");
	assert_int_equal(indicators_clubs(&x, "23446", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 1);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->value, 1);
	exec("DELETE FROM club_status WHERE club_id IN (SELECT id FROM clubs WHERE code = "
	     "'NGOC-LAY-1')");
	exec("DELETE FROM clubs WHERE code = 'NGOC-LAY-1'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clubs_are_counted_by_founding_window_and_status),
	    cmocka_unit_test(test_members_and_older_members_are_distinct_people_on_the_date),
	    cmocka_unit_test(test_shares_are_per_mille_of_active_clubs),
	    cmocka_unit_test(test_targets_come_from_the_plan_records),
	    cmocka_unit_test(test_quang_ngai_of_2025_counts_the_clubs_of_kon_tum_of_2024),
	    cmocka_unit_test(test_a_place_outside_the_scope_is_refused),
	    cmocka_unit_test(test_a_club_of_2023_in_ngoc_lay_is_counted_under_xa_mang_ri),
	    cmocka_unit_test(
	        test_a_club_with_every_area_and_well_managed_counts_and_visits_cover_home_care),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

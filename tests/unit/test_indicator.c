/* test_indicator.c - the Plan 327 indicators computed from a small store:
 * what each counts, the windows they cover, and the targets of the place. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "domain/club.h"
#include "domain/club_facts.h"
#include "domain/fund.h"
#include "domain/indicator.h"
#include "domain/membership.h"
#include "domain/person.h"
#include "domain/register.h"
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

/* Adds n members who joined on `joined`, living in `home`: women first, the
 * older ones born in 1950. */
static void add_members(const char *code, int n, int women, int older, const char *joined,
                        const char *home)
{
	struct club c;
	assert_int_equal(club_get(&x, code, on, &c), NCT_OK);
	for (int i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "Người %s %d", code, i);
		struct person_new p = {name, i < women ? "F" : "M", i < older ? "1950" : "1990",
		                       home, 0};
		struct membership_new m = {0, joined, false};
		assert_int_equal(club_add_new_person(&x, &c, &p, &m, &rf), NCT_OK);
	}
}

/* A write in plain SQL, as nothing in the domain writes. */
static void exec_only(const char *sql)
{
	assert_int_equal(db_exec(t.db, sql), NCT_OK);
}

static nct_err count_member(const struct club_member_fact *m, void *arg)
{
	(void)m;
	if (arg)
		++*(int *)arg;
	return NCT_OK;
}

static nct_err count_loan(const struct club_loan_fact *l, void *arg)
{
	(void)l;
	(void)arg;
	return NCT_OK;
}

/* A fixture's write in plain SQL, then every club's facts rewritten from the
 * tables, as the domain's writes rewrite their club's (club_facts.c). */
static void exec(const char *sql)
{
	assert_int_equal(db_exec(t.db, sql), NCT_OK);
	assert_int_equal(club_facts_fill(t.db, true), NCT_OK);
}

/* OLD-1 (2018) and OLD-2 (2019, dissolved in 2024) in Kon Tum's Thị trấn Đắk
 * Hà; NEW-1 (2025) in Xã Đăk Hà of 2025, formed from it; QN-1 (2025) in Xã Thọ
 * Phong, formed from old Quảng Ngãi's Xã Tịnh Phong alone. */
static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg))
		return -1;
	make_club("OLD-1", "23500", "2018-05-01");
	make_club("OLD-2", "23500", "2019-05-01");
	make_club("NEW-1", "23500", "2025-08-01");
	make_club("QN-1", "21181", "2025-08-01");
	add_members("OLD-1", 10, 6, 4, "2018-05-01", "23500");
	add_members("NEW-1", 50, 32, 32, "2025-08-01", "23500");
	add_members("QN-1", 5, 3, 3, "2025-08-01", "21181");
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

/* The indicators of place (NULL: the whole scope sc) for the calendar year to day. */
static nct_err report(struct ctx *cx, const char *place, struct date day,
                      struct indicator_report *r)
{
	struct indicator_query q = {NULL, place};
	report_window_to_date(day, &q.window);
	return indicators_clubs(cx, &q, r);
}

/* The same over a period's window under a scheme. */
static nct_err report_period(const char *place, const char *period, const char *scheme,
                             struct indicator_report *r)
{
	struct indicator_query q = {NULL, place};
	struct period p;
	assert_int_equal(period_parse(period, &p), NCT_OK);
	assert_int_equal(report_window_of(&x, scheme, &p, &q.window), NCT_OK);
	return indicators_clubs(&x, &q, r);
}

static const struct indicator *ind(const struct indicator_report *r, enum indicator_id id)
{
	return &r->ind[id];
}

static void test_clubs_are_counted_by_founding_window_and_status(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_string_equal(r.plan, "327/KH-UBND");
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->value, 2);
	assert_int_equal(ind(&r, IND_CLUBS_OLD_ACTIVE)->value, 1); /* OLD-2 was dissolved */
	assert_int_equal(r.clubs, 3);
}

static void
test_members_of_the_plan_are_those_of_the_new_clubs_and_all_clubs_are_extra(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->value, 55);
	assert_int_equal(ind(&r, IND_OLDER_MEMBERS_NEW)->value, 35);
	assert_int_equal(ind(&r, IND_MEMBERS_ALL)->value, 65);
	assert_int_equal(ind(&r, IND_OLDER_MEMBERS_ALL)->value, 39);
	assert_true(ind(&r, IND_MEMBERS_ALL)->extra);
	assert_false(ind(&r, IND_MEMBERS_NEW)->extra);
	assert_string_equal(ind(&r, IND_MEMBERS_NEW)->clause, "II.1");
	assert_string_equal(ind(&r, IND_MEMBERS_NEW)->founded_from, "2021-01-01");
	assert_int_equal(report(&x, NULL, (struct date){2025, 7, 31}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->value, 0);
	assert_int_equal(ind(&r, IND_MEMBERS_ALL)->value, 10);
}

static void test_shares_of_clubs_are_per_mille_of_active_clubs(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	/* NEW-1: 50 members, 64 % women, 64 % older: within; OLD-1 and QN-1 are too small */
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->numerator, 1);
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->denominator, 3);
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->value, 333);
	assert_false(ind(&r, IND_SHARE_COMPOSITION)->of_members);
	assert_int_equal(ind(&r, IND_SHARE_BOTH_FUNDS)->value, 333);
	assert_int_equal(ind(&r, IND_SHARE_CLUBS_LENDING)->value, 0);
}

/* A loan is out in a window when it was disbursed by its end and at the end of
 * the day before it was neither repaid nor written off. */
static void test_the_loan_share_is_of_members_with_a_loan_out_in_the_window(void **state)
{
	(void)state;
	struct indicator_report r;
	/* OLD-1's members 0..3: a two-year loan of 2024 still being repaid, one
	 * repaid in full in 2024, one written off in 2024, one of 2025 */
	exec("INSERT INTO loans (club_id, person_id, principal, disbursed_on, term_months,"
	     " frequency, rate_bp, purpose, written_off_on) SELECT m.club_id, m.person_id,"
	     " 10000000, CASE p.full_name WHEN 'Người OLD-1 3' THEN '2025-03-01' ELSE '2024-03-01'"
	     " END, 24, 'monthly', 0, 'x', CASE p.full_name WHEN 'Người OLD-1 2' THEN '2024-10-01'"
	     " END FROM memberships m JOIN persons p ON p.id = m.person_id WHERE p.full_name IN"
	     " ('Người OLD-1 0', 'Người OLD-1 1', 'Người OLD-1 2', 'Người OLD-1 3')");
	exec("INSERT INTO loan_repayments (loan_id, on_date, principal, interest) SELECT l.id,"
	     " '2024-12-01', 10000000, 0 FROM loans l JOIN persons p ON p.id = l.person_id"
	     " WHERE p.full_name = 'Người OLD-1 1'");
	/* as fund_loan_repay marks a loan repaid in full */
	exec("UPDATE loans SET repaid_on = '2024-12-01' WHERE id IN (SELECT loan_id FROM"
	     " loan_repayments)");
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_true(ind(&r, IND_SHARE_MEMBERS_LOANS)->of_members);
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->numerator, 2);
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->denominator, 65);
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->value, 30);
	/* the club lent in 2025: the extra figure counts clubs */
	assert_int_equal(ind(&r, IND_SHARE_CLUBS_LENDING)->numerator, 1);
	/* in 2024 all four had a loan out; the members then were OLD-1's ten */
	assert_int_equal(report(&x, NULL, (struct date){2024, 12, 31}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->numerator, 3);
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->denominator, 10);
	exec("DELETE FROM loan_repayments");
	exec("DELETE FROM loans");
}

static void test_a_commune_without_a_target_of_its_own_shows_none(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, "23500", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 2);
	for (int i = 0; i < IND_COUNT; i++) {
		assert_false(r.ind[i].has_target);
		assert_int_equal(r.ind[i].verdict, VERDICT_NONE);
	}
}

static void test_the_whole_scope_has_no_target(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_false(r.has_place);
	assert_false(ind(&r, IND_CLUBS_NEW)->has_target);
}

static void test_old_quang_ngai_does_not_show_kon_tums_targets(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, "51", (struct date){2024, 12, 31}, &r), NCT_OK);
	assert_string_equal(r.place.valid_to, "2025-06-30");
	assert_false(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(report(&x, "51", on, &r), NCT_OK); /* the new Quảng Ngãi: none either */
	assert_false(ind(&r, IND_MEMBERS_NEW)->has_target);
	assert_int_equal(report(&x, "62", (struct date){2024, 12, 31}, &r), NCT_OK);
	assert_true(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->target.min, 51);
	assert_string_equal(ind(&r, IND_CLUBS_NEW)->target.plan, "327/KH-UBND");
}

static void test_kon_tums_targets_say_what_the_plan_says(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, "62", (struct date){2024, 12, 31}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->target.min, 2500);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->target.max, 3500);
	assert_true(ind(&r, IND_MEMBERS_NEW)->target.above_max_met);
	assert_int_equal(ind(&r, IND_SHARE_COMPOSITION)->target.min, 1000); /* every club */
	assert_int_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->target.min, 500);
	assert_string_equal(ind(&r, IND_SHARE_MEMBERS_LOANS)->clause, "II.4");
	assert_string_equal(ind(&r, IND_SHARE_COMPOSITION)->target.by, "2025-12-31");
	assert_false(ind(&r, IND_MEMBERS_ALL)->has_target);
	assert_false(ind(&r, IND_SHARE_CLUBS_LENDING)->has_target);
}

/* Kon Tum ended on 30 June 2025: asked about on 31 December, it counts its
 * former territory, the communes formed from its communes alone, and no club
 * of old Quảng Ngãi's land in the new province. */
static void test_kon_tum_after_it_ended_counts_its_former_territory_only(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, "62", on, &r), NCT_OK);
	assert_true(r.after_end);
	assert_int_equal(r.clubs, 2); /* OLD-1 and NEW-1, not QN-1 */
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->value, 1);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->value, 50);
	assert_true(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(report(&x, "51", on, &r), NCT_OK);
	assert_false(r.after_end);
	assert_int_equal(r.clubs, 3);
}

static void test_a_target_is_judged_below_within_or_above_its_range(void **state)
{
	(void)state;
	struct indicator_target members = {"327/KH-UBND", 2500, 3500, "2025-12-31", true};
	struct indicator_target ceiling = {"x", 2500, 3500, "2025-12-31", false};
	struct indicator_target at_least = {"x", 700, -1, "2025-12-31", true};
	struct indicator_target at_most = {"x", -1, 100, "2025-12-31", false};
	bool met;
	assert_int_equal(indicator_judge(&members, 2499, &met), VERDICT_BELOW);
	assert_false(met);
	assert_int_equal(indicator_judge(&members, 2500, &met), VERDICT_WITHIN);
	assert_true(met);
	assert_int_equal(indicator_judge(&members, 3906, &met), VERDICT_ABOVE);
	assert_true(met); /* "vượt": more members reached counts as met */
	assert_int_equal(indicator_judge(&ceiling, 3906, &met), VERDICT_ABOVE);
	assert_false(met);
	assert_int_equal(indicator_judge(&at_least, 1000, &met), VERDICT_WITHIN);
	assert_true(met);
	assert_int_equal(indicator_judge(&at_most, 101, &met), VERDICT_ABOVE);
	assert_false(met);
	assert_string_equal(verdict_name(VERDICT_ABOVE), "above");
}

static void test_members_above_the_range_read_exceeded_and_met(void **state)
{
	(void)state;
	struct indicator_report r;
	exec("UPDATE plan_targets SET min_value = 10, max_value = 20"
	     " WHERE indicator = 'members'");
	assert_int_equal(report(&x, "62", on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->verdict, VERDICT_ABOVE);
	assert_true(ind(&r, IND_MEMBERS_NEW)->met);
	exec("UPDATE plan_targets SET min_value = 2500, max_value = 3500"
	     " WHERE indicator = 'members'");
	assert_int_equal(report(&x, "62", on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_MEMBERS_NEW)->verdict, VERDICT_BELOW);
	assert_false(ind(&r, IND_MEMBERS_NEW)->met);
}

/* Of several by-dates, the earliest still ahead; past them all, the latest. */
static void test_the_target_shown_is_the_next_one_due(void **state)
{
	(void)state;
	struct indicator_report r;
	exec("INSERT INTO plan_targets (plan, indicator, place_code, place_on, by_date, min_value,"
	     " unit) VALUES ('327/KH-UBND', 'clubs_new_since_2021', '62', '2021-01-27',"
	     " '2023-12-31', 30, 'count')");
	assert_int_equal(report(&x, "62", (struct date){2023, 6, 30}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->target.min, 30);
	assert_int_equal(report(&x, "62", (struct date){2024, 6, 30}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->target.min, 51);
	assert_int_equal(report(&x, "62", (struct date){2026, 6, 30}, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->target.min, 51);
	exec("DELETE FROM plan_targets WHERE by_date = '2023-12-31'");
}

static void test_periods_read_as_a_year_or_its_first_half(void **state)
{
	(void)state;
	struct period p;
	char s[PERIOD_LEN];
	assert_int_equal(period_parse("2025S1", &p), NCT_OK);
	assert_int_equal(p.year, 2025);
	assert_int_equal(p.kind, PERIOD_HALF);
	period_format(&p, s);
	assert_string_equal(s, "2025S1");
	assert_int_equal(period_parse("2025", &p), NCT_OK);
	assert_int_equal(p.kind, PERIOD_YEAR);
	assert_int_equal(period_parse("2025S2", &p), NCT_ERR_INVALID);
	assert_int_equal(period_parse("25", &p), NCT_ERR_INVALID);
	assert_int_equal(period_parse("2025-06", &p), NCT_ERR_INVALID);
}

static void assert_window(const char *period, const char *scheme, struct date from, struct date to)
{
	struct period p;
	struct report_window w;
	assert_int_equal(period_parse(period, &p), NCT_OK);
	assert_int_equal(report_window_of(&x, scheme, &p, &w), NCT_OK);
	assert_int_equal(date_cmp(w.from, from), 0);
	assert_int_equal(date_cmp(w.to, to), 0);
	assert_string_equal(w.period, period);
}

static void test_decree_09_windows_run_from_the_15th_of_december_to_the_14th(void **state)
{
	(void)state;
	assert_window("2025S1", "decree09", (struct date){2024, 12, 15},
	              (struct date){2025, 6, 14});
	assert_window("2025", "decree09", (struct date){2024, 12, 15}, (struct date){2025, 12, 14});
	assert_window("2024S1", "calendar", (struct date){2024, 1, 1}, (struct date){2024, 6, 30});
	assert_window("2024", "calendar", (struct date){2024, 1, 1}, (struct date){2024, 12, 31});
	struct period p = {2025, PERIOD_YEAR};
	struct report_window w;
	assert_int_equal(report_window_of(&x, "weekly", &p, &w), NCT_ERR_INVALID);
}

/* OLD-1 carried out every area between 15 and 31 December 2024 and was
 * assessed well managed for 2025: the Decree 09 half year counts it, the
 * calendar half year does not. */
static void test_a_share_over_the_decree_09_half_year_counts_december_before_it(void **state)
{
	(void)state;
	struct indicator_report r;
	exec("INSERT INTO activities (club_id, on_date, area, title, participants, created_at)"
	     " SELECT c.id, '2024-12-20', a.code, 'x', 10, 'x' FROM clubs c, activity_areas a"
	     " WHERE c.code = 'OLD-1'");
	exec("INSERT INTO club_assessments (club_id, year, grade, well_managed, assessed_on, "
	     "assessed_by) SELECT id, 2025, 'strong', 1, '2025-06-01', 'x' FROM clubs WHERE code = "
	     "'OLD-1'");
	assert_int_equal(report_period(NULL, "2025S1", "decree09", &r), NCT_OK);
	assert_int_equal(r.clubs, 1); /* on 14 June 2025 only OLD-1 was active */
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->value, 1000);
	assert_int_equal(report_period(NULL, "2025S1", "calendar", &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->value, 0);
	exec("DELETE FROM activities WHERE on_date = '2024-12-20'");
	exec("DELETE FROM club_assessments");
}

static void test_a_place_outside_the_scope_is_refused(void **state)
{
	(void)state;
	struct indicator_report r;
	struct place p;
	struct ctx commune, club_user;
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_int_equal(report(&commune, "01", on, &r), NCT_ERR_DENIED);
	assert_int_equal(report(&commune, "51", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 2);
	/* Kon Tum after its end, clipped to the commune's own land */
	assert_int_equal(report(&commune, "62", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 2);
	assert_true(ind(&r, IND_CLUBS_NEW)->has_target);
	/* a club user has its club's page, not the programme's */
	struct club c;
	assert_int_equal(club_get(&x, "NEW-1", on, &c), NCT_OK);
	testctx_user(&club_user, t.db, ROLE_CLUB, c.place_id, c.id);
	assert_int_equal(report(&club_user, "62", on, &r), NCT_ERR_DENIED);
}

/* Without a place, a report is about the place the plan sets targets for when
 * the scope holds it whole: Kon Tum for the new Quảng Ngãi's officers and for
 * admins, never for a commune's officer (whose figures are not the province's). */
static void test_without_a_place_the_report_is_kon_tums_when_the_scope_holds_it_whole(void **state)
{
	(void)state;
	struct place p;
	struct ctx province, commune;
	struct indicator_report r;
	struct indicator_query q = {NULL, NULL};
	q.default_place = true;
	report_window_to_date(on, &q.window);
	assert_int_equal(place_get(&x, "51", on, &p), NCT_OK);
	testctx_user(&province, t.db, ROLE_PROVINCE, p.id, 0);
	assert_int_equal(indicators_clubs(&province, &q, &r), NCT_OK);
	assert_true(r.has_place);
	assert_string_equal(r.place.code, "62");
	assert_true(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(indicators_clubs(&x, &q, &r), NCT_OK);
	assert_string_equal(r.place.code, "62");
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_int_equal(indicators_clubs(&commune, &q, &r), NCT_OK);
	assert_false(r.has_place);
	assert_false(ind(&r, IND_CLUBS_NEW)->has_target);
	assert_int_equal(r.clubs, 2);
}

static void test_a_user_of_the_new_province_is_shown_where_targets_are_set(void **state)
{
	(void)state;
	struct place p;
	struct ctx u;
	struct target_place *v;
	size_t n;
	assert_int_equal(place_get(&x, "51", on, &p), NCT_OK);
	testctx_user(&u, t.db, ROLE_PROVINCE, p.id, 0);
	assert_int_equal(indicator_target_places(&u, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].place.name, "Tỉnh Kon Tum");
	assert_string_equal(v[0].by, "2025-12-31");
	free(v);
	assert_int_equal(place_get(&x, "01", on, &p), NCT_OK);
	testctx_user(&u, t.db, ROLE_PROVINCE, p.id, 0);
	assert_int_equal(indicator_target_places(&u, &v, &n), NCT_OK);
	assert_int_equal(n, 0);
	free(v);
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
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->numerator, 0); /* home care missing */
	exec("INSERT INTO home_visits (club_id, volunteer_id, visited_id, on_date) SELECT c.id, "
	     "MIN(m.person_id), MAX(m.person_id), '2025-10-01' FROM clubs c JOIN memberships m ON "
	     "m.club_id = c.id WHERE c.code = 'NEW-1' GROUP BY c.id");
	assert_int_equal(report(&x, NULL, on, &r), NCT_OK);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->numerator, 1);
	assert_int_equal(ind(&r, IND_SHARE_ACTIVE_MANAGED)->value, 333);
}

/* Xã Ngọc Lây of Kon Tum went whole into Xã Măng Ri of 2025; the published
 * text spells it "Xã Ngọk Lây". */
static void test_a_club_of_2023_in_ngoc_lay_is_counted_under_xa_mang_ri(void **state)
{
	(void)state;
	struct indicator_report r;
	assert_int_equal(report(&x, "23446", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 0);
	make_club("NGOC-LAY-1", "23404", "2023-03-01");
	assert_int_equal(report(&x, "23446", on, &r), NCT_OK);
	assert_int_equal(r.clubs, 1);
	assert_int_equal(ind(&r, IND_CLUBS_NEW)->value, 1);
	exec("DELETE FROM club_status WHERE club_id IN (SELECT id FROM clubs WHERE code = "
	     "'NGOC-LAY-1')");
	exec("DELETE FROM clubs WHERE code = 'NGOC-LAY-1'");
}

/* The clubs behind a figure of place (NULL: the whole scope), as codes in id
 * order, joined by spaces. */
static nct_err behind(struct ctx *cx, const char *place, const char *code, char *out, size_t cap)
{
	struct indicator_query q = {NULL, place};
	struct indicator_report r;
	int64_t *ids = NULL;
	size_t n = 0;
	report_window_to_date(on, &q.window);
	out[0] = '\0';
	nct_err e = indicator_clubs(cx, &q, code, &r, &ids, &n);
	if (e)
		return e;
	struct club_filter f = {.by_ids = true, .ids = ids, .nids = n};
	struct club *v = NULL;
	size_t nv = 0;
	assert_int_equal(club_list(cx, &f, on, &v, &nv), NCT_OK);
	assert_int_equal(nv, n); /* every club behind the figure is one the user sees */
	for (size_t i = 0; i < nv; i++) {
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", i ? " " : "", v[i].code);
	}
	free(v);
	free(ids);
	return NCT_OK;
}

static void test_the_clubs_behind_a_figure_are_those_it_counts(void **state)
{
	(void)state;
	char codes[128];
	assert_int_equal(behind(&x, NULL, "clubs_new_since_2021", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "QN-1 NEW-1"); /* by place path, then name */
	assert_int_equal(behind(&x, NULL, "clubs_2016_2020_active", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "OLD-1"); /* OLD-2 was dissolved */
	/* a share of clubs: those of its numerator, the one within the composition rule */
	assert_int_equal(behind(&x, NULL, "share_within_composition", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "NEW-1");
	/* members of the new clubs: the new clubs with members */
	assert_int_equal(behind(&x, NULL, "members", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "QN-1 NEW-1");
	assert_int_equal(behind(&x, NULL, "members_all_clubs", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "QN-1 NEW-1 OLD-1");
	assert_int_equal(behind(&x, NULL, "no_such_indicator", codes, sizeof codes),
	                 NCT_ERR_NOTFOUND);
}

static void test_a_commune_users_drill_down_lists_only_its_clubs(void **state)
{
	(void)state;
	char codes[128];
	struct place p;
	struct ctx commune;
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	/* Kon Tum after its end, clipped to the commune's own land: not QN-1 */
	assert_int_equal(behind(&commune, "62", "clubs_new_since_2021", codes, sizeof codes),
	                 NCT_OK);
	assert_string_equal(codes, "NEW-1");
	assert_int_equal(behind(&commune, NULL, "members_all_clubs", codes, sizeof codes), NCT_OK);
	assert_string_equal(codes, "NEW-1 OLD-1");
	assert_int_equal(behind(&commune, "01", "clubs_new_since_2021", codes, sizeof codes),
	                 NCT_ERR_DENIED);
}

static void test_a_figure_breaks_down_by_the_communes_the_user_sees(void **state)
{
	(void)state;
	struct indicator_query q = {NULL, "51"}; /* the new Quảng Ngãi */
	struct indicator_report whole;
	struct commune_figure *v = NULL;
	size_t n = 0;
	report_window_to_date(on, &q.window);
	assert_int_equal(indicator_communes(&x, &q, &whole, &v, &n), NCT_OK);
	assert_true(n > 40);
	int64_t sum = 0;
	bool dak_ha = false, tho_phong = false;
	for (size_t i = 0; i < n; i++) {
		sum += v[i].rep.ind[IND_CLUBS_NEW].value;
		if (strcmp(v[i].place.code, "23500") == 0)
			dak_ha = v[i].rep.ind[IND_CLUBS_NEW].value == 1;
		if (strcmp(v[i].place.code, "21181") == 0)
			tho_phong = v[i].rep.ind[IND_CLUBS_NEW].value == 1;
	}
	assert_true(dak_ha && tho_phong);
	assert_int_equal(sum, whole.ind[IND_CLUBS_NEW].value);
	free(v);
	/* a commune's officer sees one commune of the province */
	struct place p;
	struct ctx commune;
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_int_equal(indicator_communes(&commune, &q, &whole, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].place.code, "23500");
	free(v);
}

/* The breakdown counts each commune from what the whole report read, in one
 * pass: every figure as the commune's own report gives it. */
static void assert_same_breakdown(struct ctx *u, const char *place)
{
	struct indicator_query q = {NULL, place};
	struct indicator_report whole;
	struct commune_figure *v = NULL;
	size_t n = 0;
	report_window_to_date(on, &q.window);
	assert_int_equal(indicator_communes(u, &q, &whole, &v, &n), NCT_OK);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		struct indicator_query cq = q;
		struct indicator_report own;
		cq.place = v[i].place.code;
		assert_int_equal(indicators_clubs(u, &cq, &own), NCT_OK);
		const struct indicator_report *got = &v[i].rep;
		assert_string_equal(got->place.code, own.place.code);
		assert_int_equal(got->has_place, own.has_place);
		assert_int_equal(got->after_end, own.after_end);
		assert_int_equal(got->subtrees, own.subtrees);
		assert_int_equal(got->clubs, own.clubs);
		for (int k = 0; k < IND_COUNT; k++) {
			const struct indicator *a = &got->ind[k], *b = &own.ind[k];
			assert_int_equal(a->value, b->value);
			assert_int_equal(a->numerator, b->numerator);
			assert_int_equal(a->denominator, b->denominator);
			assert_int_equal(a->has_target, b->has_target);
			assert_int_equal(a->verdict, b->verdict);
			assert_int_equal(a->met, b->met);
			assert_string_equal(a->clause, b->clause);
		}
	}
	free(v);
}

static void test_each_communes_figures_in_the_breakdown_are_its_own_reports(void **state)
{
	(void)state;
	assert_same_breakdown(&x, "51"); /* the new Quảng Ngãi */
	assert_same_breakdown(&x, "62"); /* Kon Tum, ended: its former territory */
	struct place p;
	struct ctx commune;
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	assert_same_breakdown(&commune, "51");
	assert_same_breakdown(&commune, NULL); /* the whole scope */
}

/* ---- the report read from club_facts rows is the report read from the tables ---- */

static void assert_same_figures(const struct indicator_report *a, const struct indicator_report *b)
{
	assert_int_equal(a->clubs, b->clubs);
	for (int k = 0; k < IND_COUNT; k++) {
		assert_int_equal(a->ind[k].value, b->ind[k].value);
		assert_int_equal(a->ind[k].numerator, b->ind[k].numerator);
		assert_int_equal(a->ind[k].denominator, b->ind[k].denominator);
		assert_int_equal(a->ind[k].verdict, b->ind[k].verdict);
	}
}

/* u's report of place on day, and its breakdown by commune, read from the
 * clubs' rows and read from the tables (club_facts_ignore): the same figures. */
static void assert_rows_agree_with_tables(struct ctx *u, const char *place, struct date day)
{
	struct indicator_report whole[2];
	struct commune_figure *v[2] = {NULL, NULL};
	size_t n[2] = {0, 0};
	for (int i = 0; i < 2; i++) {
		struct indicator_query q = {NULL, place};
		report_window_to_date(day, &q.window);
		club_facts_ignore(i == 1);
		assert_int_equal(indicator_communes(u, &q, &whole[i], &v[i], &n[i]), NCT_OK);
		club_facts_ignore(false);
	}
	assert_same_figures(&whole[0], &whole[1]);
	assert_int_equal(n[0], n[1]);
	for (size_t k = 0; k < n[0]; k++)
		assert_same_figures(&v[0][k].rep, &v[1][k].rep);
	free(v[0]);
	free(v[1]);
}

static uint32_t draw_state = 20261130;

static unsigned draw(unsigned n)
{
	draw_state = draw_state * 1103515245u + 12345u;
	return (draw_state >> 16) % n;
}

/* One of the ids the query gives (its first column), drawn; 0 when none. */
static int64_t pick(const char *sql)
{
	int64_t ids[1024];
	size_t n = 0;
	struct db_stmt *st = db_prepare(t.db, sql);
	while (n < 1024 && db_step(st) == DB_ROW)
		ids[n++] = db_col_int(st, 0);
	db_done(st);
	return n ? ids[draw((unsigned)n)] : 0;
}

/* The club (as of `on`) that the query's row of id names by its code. */
static bool club_of(const char *sql, int64_t id, struct club *c)
{
	char code[64] = "";
	return id && db_text(DB_PREPARE(t.db, sql, DB_I(id)), code, sizeof code) == NCT_OK &&
	       club_get(&x, code, on, c) == NCT_OK;
}

static const char *const days[] = {"2025-08-15", "2025-09-30", "2025-11-20", "2025-12-31",
                                   "2026-01-15", "2026-03-01", "2026-05-20", "2026-07-01",
                                   "2026-09-10", "2026-10-31"};
/* The first day of days after the loan's disbursement (the last one when
 * none is): a loan of 2025 ended in 2025 is out in 2025's window only. */
static const char *day_after_disbursement(int64_t loan)
{
	static const char sql[] = "SELECT disbursed_on FROM loans WHERE id = ?";
	char out[DATE_LEN] = "";
	size_t n = sizeof days / sizeof days[0], first = n - 1;
	if (db_text(DB_PREPARE(t.db, sql, DB_I(loan)), out, sizeof out) == NCT_OK)
		while (first > 0 && strcmp(days[first - 1], out) > 0)
			first--;
	return days[first];
}

static const char *const births[] = {"1950", "1962", "1990", "1958-06", "1964-03-15", "1966"};
static const char *const codes[] = {"OLD-1", "NEW-1", "QN-1"};

/* One write of kind k, drawn at random, through the domain; refusals are
 * part of the sequence (nothing written). NCT_OK when it wrote. */
static nct_err random_write(int k, int step)
{
	static const char open_sql[] =
	    "SELECT id FROM memberships WHERE left_on IS NULL ORDER BY id";
	static const char member_club[] =
	    "SELECT c.code FROM clubs c JOIN memberships m ON m.club_id = c.id WHERE m.id = ?";
	static const char member_person[] = "SELECT person_id FROM memberships WHERE id = ?";
	static const char loan_sql[] = "SELECT id FROM loans WHERE written_off_on IS NULL AND"
	                               " repaid_on IS NULL ORDER BY id";
	static const char loan_club[] =
	    "SELECT c.code FROM clubs c JOIN loans l ON l.club_id = c.id WHERE l.id = ?";
	const char *day = days[draw(sizeof days / sizeof days[0])];
	struct club c;
	int64_t id = 0, person = 0;
	char name[48];
	switch (k) {
	case 0: { /* a new person joins */
		snprintf(name, sizeof name, "Người mới %d", step);
		struct person_new p = {name, draw(2) ? "F" : "M",
		                       births[draw(sizeof births / sizeof births[0])], "23500", 0};
		struct membership_new m = {0, day, false};
		assert_int_equal(club_get(&x, codes[draw(3)], on, &c), NCT_OK);
		return club_add_new_person(&x, &c, &p, &m, &rf);
	}
	case 1: /* a member leaves */
		id = pick(open_sql);
		return club_of(member_club, id, &c) ? club_end_member(&x, &c, id, day, &rf)
		                                    : NCT_ERR_NOTFOUND;
	case 2: { /* a member's sex and birth corrected */
		struct person_edit in = {.sex = draw(2) ? "F" : "M",
		                         .birth = births[draw(sizeof births / sizeof births[0])]};
		id = pick(open_sql);
		return id && !db_int(DB_PREPARE(t.db, member_person, DB_I(id)), &person)
		           ? person_correct(&x, person, &in, &rf)
		           : NCT_ERR_NOTFOUND;
	}
	case 3: { /* two members found to be one person */
		int64_t a = 0, b = 0;
		id = pick(open_sql);
		int64_t other = pick(open_sql);
		if (!id || !other || db_int(DB_PREPARE(t.db, member_person, DB_I(id)), &a) ||
		    db_int(DB_PREPARE(t.db, member_person, DB_I(other)), &b) || a == b)
			return NCT_ERR_NOTFOUND;
		return person_merge(&x, a, b, &rf);
	}
	case 4: { /* a loan to a member */
		id = pick(open_sql);
		if (!club_of(member_club, id, &c) ||
		    db_int(DB_PREPARE(t.db, member_person, DB_I(id)), &person))
			return NCT_ERR_NOTFOUND;
		struct fund_loan_new in = {person, 1000000,     days[draw(4)], 12,       "monthly",
		                           0,      "Chăn nuôi", true,          "Vay thử"};
		return fund_loan_disburse(&x, &c, &in, &id, &rf);
	}
	case 5: { /* a repayment, in full or in part */
		id = pick(loan_sql);
		struct fund_repayment_new in = {id, day_after_disbursement(id),
		                                draw(2) ? 1000000 : 400000, 0};
		return club_of(loan_club, id, &c) ? fund_loan_repay(&x, &c, &in, &person, &rf)
		                                  : NCT_ERR_NOTFOUND;
	}
	default: /* a loan written off */
		id = pick(loan_sql);
		return club_of(loan_club, id, &c)
		           ? fund_loan_write_off(&x, &c, id, day_after_disbursement(id),
		                                 "Người vay đã chuyển đi", &rf)
		           : NCT_ERR_NOTFOUND;
	}
}

/* After every write of a random sequence (joins, leaves, corrections, merges,
 * loans, repayments, write-offs), the figures read from the clubs' rows equal
 * those read from the tables, for three users on three days. */
static void
test_the_figures_from_club_rows_equal_those_from_the_tables_after_every_write(void **state)
{
	(void)state;
	struct place p;
	struct ctx province, commune;
	struct ctx *users[] = {&x, &province, &commune};
	const struct date when[] = {{2025, 12, 31}, {2026, 6, 30}, {2026, 11, 1}};
	/* loans, repayments and write-offs drawn more often: each needs a loan out */
	static const int kinds[] = {0, 0, 1, 2, 3, 4, 4, 4, 5, 5, 6, 6};
	int wrote[7] = {0};
	assert_int_equal(place_get(&x, "51", on, &p), NCT_OK);
	testctx_user(&province, t.db, ROLE_PROVINCE, p.id, 0);
	assert_int_equal(place_get(&x, "23500", on, &p), NCT_OK);
	testctx_user(&commune, t.db, ROLE_COMMUNE, p.id, 0);
	for (int step = 0; step < 60; step++) {
		int k = step < 7 ? step : kinds[draw(sizeof kinds / sizeof kinds[0])];
		wrote[k] += random_write(k, step) == NCT_OK;
		for (int u = 0; u < 3; u++)
			for (int d = 0; d < 3; d++)
				assert_rows_agree_with_tables(users[u], "51", when[d]);
	}
	for (int k = 0; k < 7; k++) /* every kind of write happened */
		assert_true(wrote[k] > 0);
	int64_t without = -1; /* and the rows were read: every club has one */
	assert_int_equal(
	    db_int(db_prepare(t.db, "SELECT COUNT(*) FROM clubs c WHERE NOT EXISTS"
	                            " (SELECT 1 FROM club_facts f WHERE f.club_id = c.id)"),
	           &without),
	    NCT_OK);
	assert_int_equal(without, 0);
	/* a club without a row (a store before 0021, a write path that dropped it) is read
	 * from the tables beside the others read from their rows */
	exec_only(
	    "DELETE FROM club_facts WHERE club_id = (SELECT id FROM clubs WHERE code = 'NEW-1')");
	assert_rows_agree_with_tables(&x, "51", on);
	assert_rows_agree_with_tables(&commune, NULL, on);
	assert_int_equal(club_facts_fill(t.db, false), NCT_OK);
}

/* A row that is not of the format is an error to the decoder; the report reads that
 * club from the tables instead, and none of the row's records. */
static void test_a_corrupt_club_row_is_read_from_the_tables_not_a_crash(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "1;F;0;2025-08-01;;1950",                      /* no end of line */
	    "x;F;0;2025-08-01;;1950\n",                    /* not a number */
	    "1;FF;0;2025-08-01;;1950\n",                   /* sex too long */
	    "1;F;0;2025-8-1;;1950\n",                      /* not a day */
	    "1;F;0;2025-08-01;2025-09;1950\n",             /* not a day */
	    "1;F;-1;2025-08-01;;1950\n",                   /* hardship not a number */
	    "1;F;0;2025-08-01;;19501950195\n",             /* birth too long */
	    "0;F;0;2025-08-01;;1950\n",                    /* no such person id */
	    "1;F;0;2025-08-01;;1950;\n",                   /* a field too many */
	    "1;F;0\n",                                     /* fields missing */
	    "12345678901234567890;F;0;2025-08-01;;1950\n", /* past int64 */
	};
	struct indicator_report r;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(club_facts_members(bad[i], count_member, NULL), NCT_ERR_DB);
	assert_int_equal(
	    club_facts_loans("7;2025-08-01;;\n8;2025-08-01;2025-09-01;", count_loan, NULL),
	    NCT_ERR_DB);
	/* every prefix of a good row, and every byte of it changed: OK or an error */
	const char good[] = "17;F;3;2025-08-01;2026-01-02;1950-03\n18;M;0;2025-08-01;;1966\n";
	char buf[sizeof good];
	for (size_t i = 0; i < sizeof good - 1; i++) {
		for (int b = 0; b < 256; b += 7) {
			memcpy(buf, good, sizeof good);
			buf[i] = (char)b;
			nct_err e = club_facts_members(buf, count_member, NULL);
			assert_true(e == NCT_OK || e == NCT_ERR_DB);
		}
		memcpy(buf, good, i);
		buf[i] = '\0';
		nct_err e = club_facts_members(buf, count_member, NULL);
		assert_true(e == NCT_OK || e == NCT_ERR_DB);
	}
	int n = 0;
	assert_int_equal(club_facts_members(good, count_member, &n), NCT_OK);
	assert_int_equal(n, 2);
	exec_only("UPDATE club_facts SET members = 'garbage' WHERE club_id = (SELECT id FROM clubs"
	          " WHERE code = 'NEW-1')");
	/* the report reads that club from the tables: the same figures, not a 500 for all */
	assert_rows_agree_with_tables(&x, "51", on);
	exec_only("UPDATE club_facts SET loans = '7;2025-08-01;;' WHERE club_id = (SELECT id"
	          " FROM clubs WHERE code = 'NEW-1')");
	assert_rows_agree_with_tables(&x, "51", on);
	assert_int_equal(club_facts_fill(t.db, true), NCT_OK);
	assert_int_equal(report(&x, "51", on, &r), NCT_OK);
}

/* ---- a correction while its person joins a club --------------------------- */

struct corrector {
	const char *path; /* the store, opened on a connection of its own */
	int64_t person;
	nct_err got;
};

static void *correct_meanwhile(void *arg)
{
	struct corrector *k = arg;
	struct db *db2 = NULL;
	char why[256] = "";
	struct ctx o;
	struct refusal orf;
	struct person_edit in = {.sex = "F", .birth = "1950"};
	if ((k->got = db_open(k->path, false, &db2, why, sizeof why)) != NCT_OK)
		return NULL;
	ctx_system(&o, db2, "corrector");
	k->got = person_correct(&o, k->person, &in, &orf);
	db_close(db2);
	return NULL;
}

/* The test's unit adds the member, packing the club's row from the person as
 * they are; another officer corrects the person's sex and birth meanwhile, on
 * a connection of its own. Whichever way the two meet, the club's row ends
 * with the corrected values (PostgreSQL: the correction locks the person's
 * row, which the membership's foreign key shares). */
static void test_a_correction_while_its_person_joins_a_club_reaches_the_clubs_row(void **state)
{
	(void)state;
	struct person_new p = {"Người Sửa Lúc Vào", "M", "1990", "23500", 0};
	struct membership_new m = {0, "2025-09-30", false};
	struct club c;
	assert_int_equal(person_create(&x, &p, &m.person_id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, "NEW-1", on, &c), NCT_OK);
	struct corrector k = {t.path, m.person_id, NCT_ERR_INVALID};
	pthread_t th;
	assert_int_equal(unit_begin(&x), NCT_OK);
	assert_int_equal(club_add_member(&x, &c, &m, &rf), NCT_OK);
	assert_int_equal(pthread_create(&th, NULL, correct_meanwhile, &k), 0);
	usleep(300000);
	assert_int_equal(unit_end(&x, NCT_OK), NCT_OK);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(k.got, NCT_OK);
	assert_rows_agree_with_tables(&x, "51", on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clubs_are_counted_by_founding_window_and_status),
	    cmocka_unit_test(
	        test_members_of_the_plan_are_those_of_the_new_clubs_and_all_clubs_are_extra),
	    cmocka_unit_test(test_shares_of_clubs_are_per_mille_of_active_clubs),
	    cmocka_unit_test(test_the_loan_share_is_of_members_with_a_loan_out_in_the_window),
	    cmocka_unit_test(test_a_commune_without_a_target_of_its_own_shows_none),
	    cmocka_unit_test(test_the_whole_scope_has_no_target),
	    cmocka_unit_test(test_old_quang_ngai_does_not_show_kon_tums_targets),
	    cmocka_unit_test(test_kon_tums_targets_say_what_the_plan_says),
	    cmocka_unit_test(test_kon_tum_after_it_ended_counts_its_former_territory_only),
	    cmocka_unit_test(test_a_target_is_judged_below_within_or_above_its_range),
	    cmocka_unit_test(test_members_above_the_range_read_exceeded_and_met),
	    cmocka_unit_test(test_the_target_shown_is_the_next_one_due),
	    cmocka_unit_test(test_periods_read_as_a_year_or_its_first_half),
	    cmocka_unit_test(test_decree_09_windows_run_from_the_15th_of_december_to_the_14th),
	    cmocka_unit_test(test_a_share_over_the_decree_09_half_year_counts_december_before_it),
	    cmocka_unit_test(test_a_place_outside_the_scope_is_refused),
	    cmocka_unit_test(test_a_user_of_the_new_province_is_shown_where_targets_are_set),
	    cmocka_unit_test(
	        test_without_a_place_the_report_is_kon_tums_when_the_scope_holds_it_whole),
	    cmocka_unit_test(
	        test_a_club_with_every_area_and_well_managed_counts_and_visits_cover_home_care),
	    cmocka_unit_test(test_a_club_of_2023_in_ngoc_lay_is_counted_under_xa_mang_ri),
	    cmocka_unit_test(test_the_clubs_behind_a_figure_are_those_it_counts),
	    cmocka_unit_test(test_a_commune_users_drill_down_lists_only_its_clubs),
	    cmocka_unit_test(test_a_figure_breaks_down_by_the_communes_the_user_sees),
	    cmocka_unit_test(test_each_communes_figures_in_the_breakdown_are_its_own_reports),
	    cmocka_unit_test(
	        test_the_figures_from_club_rows_equal_those_from_the_tables_after_every_write),
	    cmocka_unit_test(test_a_corrupt_club_row_is_read_from_the_tables_not_a_crash),
	    cmocka_unit_test(test_a_correction_while_its_person_joins_a_club_reaches_the_clubs_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

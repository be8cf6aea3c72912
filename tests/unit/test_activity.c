/* test_activity.c - activity areas as versioned lists, activities and home-care
 * visits, areas active per period, and the yearly assessment: every rule for
 * bad input (refused with a Vietnamese message, nothing written), and the
 * counts read back from what was written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/activity.h"
#include "domain/user.h"
#include "seed/place_load.h"
#include "domain/access.h"
#include "testctx.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static struct club club;  /* T-01: the rules for bad input */
static struct club tally; /* T-02: counts per area, nothing else logged */
static int64_t volunteer, member, older, turning60, young;
static char msg[512]; /* place_load_reference's report */

/* The last refusal was code, about field. */
static void refused(int code, const char *field)
{
	assert_int_equal(rf.code, code);
	assert_non_null(rf.field);
	assert_string_equal(rf.field, field);
}

/* Rows that any change writes: a refused change leaves this number alone. */
static int64_t writes(void)
{
	static const char sql[] = "SELECT (SELECT COUNT(*) FROM audit)"
	                          " + (SELECT COUNT(*) FROM activities)"
	                          " + (SELECT COUNT(*) FROM home_visits)"
	                          " + (SELECT COUNT(*) FROM club_assessments)"
	                          " + (SELECT COUNT(*) FROM activity_lists)"
	                          " + (SELECT COUNT(*) FROM activity_areas)";
	struct db_stmt *st = db_prepare(t.db, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static int64_t new_person(const char *name, const char *sex, const char *birth)
{
	struct person_new p = {name, sex, birth, "23500", 0};
	int64_t id = 0;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	return id;
}

static void join(const struct club *c, int64_t person, const char *on, bool vol)
{
	struct membership_new m = {person, on, vol};
	assert_int_equal(club_add_member(&x, c, &m, &rf), NCT_OK);
}

static nct_err log_activity(const struct club *c, const char *on, const char *area,
                            const char *title, long long participants)
{
	struct activity_new a = {on, area, title, participants, NULL};
	int64_t id;
	memset(&rf, 0, sizeof rf);
	return activity_add(&x, c, &a, &id, &rf);
}

static nct_err visit(const struct club *c, int64_t vol, int64_t who, const char *on)
{
	struct visit_new v = {vol, who, on, NULL};
	int64_t id;
	memset(&rf, 0, sizeof rf);
	return visit_add(&x, c, &v, &id, &rf);
}

static nct_err assess(bool update, int year, const char *grade, bool managed, const char *on)
{
	struct assessment_new a = {year, grade, managed, on, "UBND xã Đăk Hà"};
	memset(&rf, 0, sizeof rf);
	return update ? assessment_update(&x, &club, &a, &rf) : assessment_add(&x, &club, &a, &rf);
}

static int make_club(const char *code, struct club *c)
{
	struct club_new in = {code, "CLB Liên thế hệ thôn 1", "ishc", "23500", "2025-08-01"};
	int64_t id;
	if (club_create(&x, &in, &id, &rf))
		return -1;
	return club_get(&x, code, date_today_vn(), c) ? -1 : 0;
}

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg))
		return -1;
	if (make_club("T-01", &club) || make_club("T-02", &tally))
		return -1;
	volunteer = new_person("Y Blông", "F", "1985");
	member = new_person("A Thút", "M", "1980-05");
	older = new_person("Nguyễn Thị Hoa", "F", "1950");
	turning60 = new_person("Trần Văn Sáu", "M", "1966-03-10");
	young = new_person("Đinh Thị Lan", "F", "1990");
	join(&club, volunteer, "2025-08-01", true);
	join(&club, member, "2025-08-01", false);
	join(&tally, volunteer, "2025-08-01", true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

/* ---- activities: bad input ---- */

static void test_an_activity_dated_in_the_future_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2999-01-01", "health", "Khám sức khỏe", 30),
	                 NCT_ERR_INVALID);
	refused(RF_DATE_IN_FUTURE, "on_date");
	assert_int_equal(writes(), before);
}

static void test_an_activity_before_the_club_was_founded_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-07-31", "health", "Khám sức khỏe", 30),
	                 NCT_ERR_INVALID);
	refused(RF_BEFORE_FOUNDING, "on_date");
	assert_int_equal(writes(), before);
}

static void test_an_activity_with_a_malformed_date_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "15/09/2025", "health", "Khám sức khỏe", 30),
	                 NCT_ERR_INVALID);
	refused(RF_DATE_FORMAT, "on_date");
	assert_int_equal(writes(), before);
}

static void test_an_activity_in_an_area_not_in_the_list_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-09-15", "karaoke", "Hát", 30), NCT_ERR_INVALID);
	refused(RF_AREA_NOT_IN_LIST, "area");
	assert_int_equal(writes(), before);
}

static void test_negative_participants_are_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-09-15", "health", "Khám sức khỏe", -1),
	                 NCT_ERR_INVALID);
	refused(RF_NUMBER_RANGE, "participants");
	assert_int_equal(writes(), before);
}

static void test_more_than_10000_participants_are_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-09-15", "health", "Khám sức khỏe", 10001),
	                 NCT_ERR_INVALID);
	refused(RF_NUMBER_RANGE, "participants");
	assert_int_equal(writes(), before);
}

static void test_an_empty_title_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-09-15", "health", "   ", 30), NCT_ERR_INVALID);
	refused(RF_TITLE_LENGTH, "title");
	assert_int_equal(writes(), before);
}

static void test_a_title_of_201_bytes_is_refused_and_of_200_accepted(void **state)
{
	(void)state;
	char title[202];
	memset(title, 'a', 201);
	title[201] = '\0';
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2025-09-15", "health", title, 30), NCT_ERR_INVALID);
	assert_int_equal(writes(), before);
	title[200] = '\0';
	assert_int_equal(log_activity(&club, "2025-09-15", "health", title, 30), NCT_OK);
}

static void test_an_activity_is_logged_with_an_audit_row(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(
	    log_activity(&club, "2025-09-20", "culture", "Văn nghệ mừng Trung thu", 10000), NCT_OK);
	assert_int_equal(writes(), before + 2); /* the activity and its audit row */
	struct activity *v;
	size_t n;
	bool more;
	assert_int_equal(activity_find(&x, club.id, (struct date){2025, 9, 20},
	                               (struct date){2025, 9, 20}, 10, &v, &n, &more),
	                 NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].title, "Văn nghệ mừng Trung thu");
	assert_int_equal(v[0].participants, 10000);
	assert_false(more);
	free(v);
}

/* ---- home-care visits: bad input ---- */

static void test_a_visit_by_a_member_who_is_not_a_volunteer_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(visit(&club, member, older, "2025-09-15"), NCT_ERR_INVALID);
	refused(RF_NOT_VOLUNTEER, "volunteer_id");
	assert_int_equal(writes(), before);
}

static void test_a_visit_by_someone_not_a_member_on_that_day_is_refused(void **state)
{
	(void)state;
	/* Y Blông volunteers in T-01 from 2025-08-01, but not in a club she never joined */
	struct club other;
	assert_int_equal(make_club("T-03", &other), 0);
	int64_t before = writes();
	assert_int_equal(visit(&other, volunteer, older, "2025-09-15"), NCT_ERR_INVALID);
	refused(RF_VISIT_NOT_MEMBER, "volunteer_id");
	assert_int_equal(writes(), before);
}

static void test_a_visit_by_a_volunteer_who_had_left_is_refused(void **state)
{
	(void)state;
	struct club other;
	assert_int_equal(club_get(&x, "T-03", date_today_vn(), &other), NCT_OK);
	join(&other, volunteer, "2025-08-01", true);
	struct member *v;
	size_t n;
	assert_int_equal(club_members(&x, &other, &v, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(club_end_member(&x, &other, v[0].membership_id, "2025-10-01", &rf),
	                 NCT_OK);
	free(v);
	int64_t before = writes();
	assert_int_equal(visit(&other, volunteer, older, "2025-10-01"), NCT_ERR_INVALID);
	assert_int_equal(writes(), before);
	assert_int_equal(visit(&other, volunteer, older, "2025-09-30"), NCT_OK);
}

static void test_a_visit_to_someone_under_60_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(visit(&club, volunteer, young, "2025-09-15"), NCT_ERR_INVALID);
	refused(RF_VISITED_NOT_OLDER, "visited_id");
	assert_int_equal(writes(), before);
}

static void test_a_person_counts_as_older_for_visits_from_their_60th_birthday(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(visit(&club, volunteer, turning60, "2026-03-09"), NCT_ERR_INVALID);
	assert_int_equal(writes(), before);
	assert_int_equal(visit(&club, volunteer, turning60, "2026-03-10"), NCT_OK);
	assert_int_equal(writes(), before + 2);
}

static void test_a_visit_dated_in_the_future_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(visit(&club, volunteer, older, "2999-01-01"), NCT_ERR_INVALID);
	refused(RF_DATE_IN_FUTURE, "on_date");
	assert_int_equal(writes(), before);
}

static void test_a_volunteer_visiting_themselves_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(visit(&club, volunteer, volunteer, "2025-09-15"), NCT_ERR_INVALID);
	refused(RF_VISIT_SAME_PERSON, "visited_id");
	assert_int_equal(writes(), before);
}

static void test_a_visit_to_someone_outside_the_scope_is_denied(void **state)
{
	(void)state;
	struct place p;
	struct ctx other;
	assert_int_equal(place_get(&x, "21181", date_today_vn(), &p), NCT_OK);
	testctx_user(&other, t.db, ROLE_COMMUNE, p.id, 0);
	struct visit_new v = {volunteer, older, "2025-09-15", NULL};
	int64_t id, before = writes();
	assert_int_equal(visit_add(&other, &club, &v, &id, &rf), NCT_ERR_DENIED);
	assert_int_equal(writes(), before);
}

static void test_a_visit_by_a_volunteer_to_an_older_person_is_logged(void **state)
{
	(void)state;
	assert_int_equal(visit(&club, volunteer, older, "2025-09-15"), NCT_OK);
	struct visit *v;
	size_t n;
	bool more;
	assert_int_equal(visit_find(&x, club.id, (struct date){2025, 9, 15},
	                            (struct date){2025, 9, 15}, 10, &v, &n, &more),
	                 NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].volunteer_name, "Y Blông");
	assert_string_equal(v[0].visited_name, "Nguyễn Thị Hoa");
	free(v);
}

/* ---- areas active per period (club T-02) ---- */

static const char *const plan327[] = {"income",    "health",   "homecare",      "selfhelp",
                                      "community", "rights",   "communication", "sports",
                                      "culture",   "resources"};

static void test_no_area_is_active_before_anything_is_logged(void **state)
{
	(void)state;
	bool all = true;
	int active = -1, total = -1;
	assert_int_equal(activity_all_areas(&x, tally.id, (struct date){2025, 1, 1},
	                                    (struct date){2025, 12, 31}, &all, &active, &total),
	                 NCT_OK);
	assert_false(all);
	assert_int_equal(active, 0);
	assert_int_equal(total, 10);
}

static void test_areas_active_count_each_area_with_an_activity_in_the_period(void **state)
{
	(void)state;
	/* nine areas, the first on the period's first day, some twice */
	assert_int_equal(log_activity(&tally, "2025-10-01", plan327[0], "Nuôi bò", 12), NCT_OK);
	for (size_t i = 1; i < 9; i++)
		assert_int_equal(log_activity(&tally, "2025-10-15", plan327[i], "Sinh hoạt", 20),
		                 NCT_OK);
	assert_int_equal(log_activity(&tally, "2025-10-16", "health", "Đo huyết áp", 25), NCT_OK);
	struct activity_tally k;
	assert_int_equal(activity_tally(&x, tally.id, (struct date){2025, 10, 1},
	                                (struct date){2025, 10, 31}, &k),
	                 NCT_OK);
	assert_string_equal(k.list.code, "plan327");
	assert_int_equal(k.total, 10);
	assert_int_equal(k.active, 9);
	assert_int_equal(k.activities[0], 1);
	assert_int_equal(k.activities[1], 2);
	assert_int_equal(k.activities[9], 0); /* resources */
	assert_false(k.all);
}

static void test_all_activities_holds_when_the_last_area_falls_on_the_periods_last_day(void **state)
{
	(void)state;
	bool all;
	int active, total;
	assert_int_equal(log_activity(&tally, "2025-10-31", "resources", "Vận động quỹ", 8),
	                 NCT_OK);
	assert_int_equal(activity_all_areas(&x, tally.id, (struct date){2025, 10, 1},
	                                    (struct date){2025, 10, 31}, &all, &active, &total),
	                 NCT_OK);
	assert_true(all);
	assert_int_equal(active, 10);
	assert_int_equal(total, 10);
}

static void test_all_activities_fails_when_the_period_ends_a_day_before_the_last_area(void **state)
{
	(void)state;
	bool all;
	int active, total;
	assert_int_equal(activity_all_areas(&x, tally.id, (struct date){2025, 10, 1},
	                                    (struct date){2025, 10, 30}, &all, &active, &total),
	                 NCT_OK);
	assert_false(all);
	assert_int_equal(active, 9);
}

static void
test_all_activities_fails_when_the_period_starts_a_day_after_the_first_area(void **state)
{
	(void)state;
	bool all;
	int active, total;
	assert_int_equal(activity_all_areas(&x, tally.id, (struct date){2025, 10, 2},
	                                    (struct date){2025, 10, 31}, &all, &active, &total),
	                 NCT_OK);
	assert_false(all);
	assert_int_equal(active, 9); /* income was on 2025-10-01 only */
}

static void test_home_visits_count_for_the_home_care_area(void **state)
{
	(void)state;
	struct activity_tally k;
	assert_int_equal(visit(&tally, volunteer, older, "2025-11-05"), NCT_OK);
	assert_int_equal(activity_tally(&x, tally.id, (struct date){2025, 11, 1},
	                                (struct date){2025, 11, 30}, &k),
	                 NCT_OK);
	assert_int_equal(k.visits, 1);
	assert_int_equal(k.activities[2], 0);
	assert_int_equal(k.active, 1); /* homecare, by the visit */
}

static void test_a_period_that_ends_before_it_starts_is_refused(void **state)
{
	(void)state;
	struct activity_tally k;
	assert_int_equal(activity_tally(&x, tally.id, (struct date){2025, 11, 2},
	                                (struct date){2025, 11, 1}, &k),
	                 NCT_ERR_INVALID);
}

static void test_no_list_is_in_force_before_plan_327(void **state)
{
	(void)state;
	bool all = true;
	int active = -1, total = -1;
	assert_int_equal(activity_all_areas(&x, tally.id, (struct date){2020, 1, 1},
	                                    (struct date){2020, 12, 31}, &all, &active, &total),
	                 NCT_OK);
	assert_false(all);
	assert_int_equal(active, 0);
	assert_int_equal(total, 0);
}

static void test_the_default_period_is_this_year_so_far(void **state)
{
	(void)state;
	struct date f, to, today = date_today_vn();
	assert_true(activity_period(NULL, "", &f, &to));
	assert_int_equal(f.y, today.y);
	assert_int_equal(f.m, 1);
	assert_int_equal(f.d, 1);
	assert_int_equal(date_cmp(to, today), 0);
	assert_true(activity_period(NULL, "2025-06-30", &f, &to));
	assert_int_equal(f.y, 2025);
	assert_false(activity_period("2025-07-01", "2025-06-30", &f, &to));
	assert_false(activity_period("2025-7-1", NULL, &f, &to));
}

/* ---- the list in force ---- */

static const struct activity_area_new national[] = {
    {"income", "Tạo thu nhập", "Income generation", false},
    {"health", "Chăm sóc sức khỏe", "Health care", false},
    {"homecare", "Chăm sóc tại nhà", "Home care", true},
    {"selfhelp", "Tự giúp nhau và hỗ trợ cộng đồng", "Self-help and community support", false},
    {"rights", "Quyền và chính sách", "Rights and entitlements", false},
    {"culture", "Văn hóa, thể thao, xã hội", "Culture, sports, social", false},
    {"learning", "Học tập suốt đời", "Lifelong learning", false},
    {"resources", "Huy động nguồn lực", "Resource mobilisation", false},
};

static nct_err add_list(const char *code, const char *from, const char *to,
                        const struct activity_area_new *areas, size_t n)
{
	struct activity_list_new in = {code, "Mô hình quốc gia (8 nội dung)", from, to, n, areas};
	int64_t id;
	memset(&rf, 0, sizeof rf);
	return activity_list_add(&x, &in, &id, &rf);
}

static void test_the_list_in_force_changes_with_a_new_lists_valid_from(void **state)
{
	(void)state;
	struct activity_list l;
	assert_int_equal(add_list("national8", "2026-07-01", "2026-09-30", national, 8), NCT_OK);
	assert_int_equal(activity_list_on(&x, (struct date){2026, 6, 30}, &l), NCT_OK);
	assert_string_equal(l.code, "plan327");
	assert_int_equal(l.n, 10);
	assert_int_equal(activity_list_on(&x, (struct date){2026, 7, 1}, &l), NCT_OK);
	assert_string_equal(l.code, "national8");
	assert_int_equal(l.n, 8);
	assert_string_equal(l.areas[6].name_vi, "Học tập suốt đời");
	assert_true(l.areas[2].home_visits);
	assert_int_equal(activity_list_on(&x, (struct date){2026, 9, 30}, &l), NCT_OK);
	assert_string_equal(l.code, "national8");
}

/* Plan 327, IV.3: "Câu lạc bộ quản lý, triển khai các hoạt động: Tăng thu
 * nhập; chăm sóc sức khỏe; tình nguyện viên chăm sóc tại nhà; tự giúp nhau; hỗ
 * trợ cộng đồng; bảo vệ quyền lợi ích; truyền thông; thể thao; văn hóa văn
 * nghệ; vận động nguồn lực." */
static void test_the_plan_327_list_names_the_ten_areas_as_the_plan_writes_them(void **state)
{
	(void)state;
	static const char plan[] =
	    "Tăng thu nhập; chăm sóc sức khỏe; tình nguyện viên chăm sóc tại nhà; tự giúp nhau; "
	    "hỗ trợ cộng đồng; bảo vệ quyền lợi ích; truyền thông; thể thao; văn hóa văn nghệ; "
	    "vận động nguồn lực";
	struct activity_list l;
	char joined[512] = "";
	size_t at = 0;
	assert_int_equal(activity_list_on(&x, (struct date){2025, 6, 30}, &l), NCT_OK);
	assert_string_equal(l.code, "plan327");
	assert_int_equal(l.n, 10);
	for (size_t i = 0; i < l.n; i++) {
		const char *name = l.areas[i].name_vi;
		/* in the plan's sentence only the first area starts with a capital */
		int n = snprintf(joined + at, sizeof joined - at, "%s%s", i ? "; " : "", name);
		assert_true(n > 0 && (size_t)n < sizeof joined - at);
		if (i) {
			char *first = joined + at + 2;
			/* the areas' first letters here are one-byte or two-byte capitals */
			if (first[0] >= 'A' && first[0] <= 'Z')
				first[0] = (char)(first[0] - 'A' + 'a');
			else if (strncmp(first, "Đ", 2) == 0)
				memcpy(first, "đ", 2);
		}
		at += (size_t)n;
	}
	assert_string_equal(joined, plan);
	assert_string_equal(l.areas[0].name_vi, "Tăng thu nhập");
	assert_string_equal(l.areas[5].name_vi, "Bảo vệ quyền lợi ích");
}

static void test_after_a_lists_valid_to_the_earlier_list_is_in_force_again(void **state)
{
	(void)state;
	struct activity_list l;
	assert_int_equal(activity_list_on(&x, (struct date){2026, 10, 1}, &l), NCT_OK);
	assert_string_equal(l.code, "plan327");
}

static void
test_an_activity_in_an_area_not_in_the_list_in_force_on_its_date_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(log_activity(&club, "2026-07-15", "sports", "Đi bộ", 15), NCT_ERR_INVALID);
	refused(RF_AREA_NOT_IN_LIST, "area");
	assert_int_equal(writes(), before);
	assert_int_equal(log_activity(&club, "2026-06-30", "sports", "Đi bộ", 15), NCT_OK);
	assert_int_equal(log_activity(&club, "2026-07-15", "learning", "Lớp tin học", 15), NCT_OK);
}

static void test_all_activities_follows_the_list_in_force_on_the_periods_last_day(void **state)
{
	(void)state;
	bool all;
	int active, total;
	assert_int_equal(activity_all_areas(&x, club.id, (struct date){2026, 7, 1},
	                                    (struct date){2026, 7, 31}, &all, &active, &total),
	                 NCT_OK);
	assert_int_equal(total, 8);
	assert_int_equal(active, 1); /* learning */
}

static void test_a_new_list_that_would_drop_recorded_activities_is_refused(void **state)
{
	(void)state;
	assert_int_equal(log_activity(&club, "2026-10-05", "sports", "Bóng chuyền hơi", 20),
	                 NCT_OK);
	int64_t before = writes();
	assert_int_equal(add_list("later", "2026-10-01", NULL, national, 8), NCT_ERR_INVALID);
	refused(RF_LIST_ORPHANS, "valid_from");
	assert_int_equal(writes(), before);
}

static void test_two_lists_starting_the_same_day_are_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(add_list("other", "2026-07-01", NULL, national, 8), NCT_ERR_CONFLICT);
	refused(RF_LIST_SAME_START, "valid_from");
	assert_int_equal(add_list("national8", "2027-01-01", NULL, national, 8), NCT_ERR_CONFLICT);
	refused(RF_TAKEN, "code");
	assert_int_equal(writes(), before);
}

static void test_a_list_without_areas_or_with_an_area_twice_is_refused(void **state)
{
	(void)state;
	static const struct activity_area_new twice[] = {{"health", "Sức khỏe", NULL, false},
	                                                 {"health", "Y tế", NULL, false}};
	int64_t before = writes();
	assert_int_equal(add_list("empty", "2027-01-01", NULL, national, 0), NCT_ERR_INVALID);
	refused(RF_AREA_COUNT, "areas");
	assert_int_equal(add_list("twice", "2027-01-01", NULL, twice, 2), NCT_ERR_INVALID);
	refused(RF_AREA_TWICE, "areas");
	assert_int_equal(add_list("backwards", "2027-01-01", "2026-12-31", national, 8),
	                 NCT_ERR_INVALID);
	assert_int_equal(writes(), before);
}

/* ---- yearly assessments ---- */

static void test_an_assessment_for_a_year_not_yet_begun_is_refused(void **state)
{
	(void)state;
	int next = date_today_vn().y + 1;
	char want[24];
	snprintf(want, sizeof want, "%d", next);
	int64_t before = writes();
	assert_int_equal(assess(false, next, "strong", true, NULL), NCT_ERR_INVALID);
	refused(RF_YEAR_NOT_BEGUN, "year");
	assert_string_equal(rf.arg[0].v, want);
	assert_int_equal(writes(), before);
}

static void test_an_assessment_for_a_year_before_the_founding_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(assess(false, 2024, "strong", true, "2025-01-10"), NCT_ERR_INVALID);
	refused(RF_YEAR_BEFORE_FOUNDING, "year");
	assert_int_equal(writes(), before);
}

static void test_an_assessment_with_an_unknown_grade_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(assess(false, 2025, "excellent", true, "2025-12-20"), NCT_ERR_INVALID);
	refused(RF_NOT_ONE_OF, "grade");
	assert_int_equal(writes(), before);
}

static void test_an_assessment_dated_before_its_year_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(assess(false, 2025, "strong", true, "2024-12-31"), NCT_ERR_INVALID);
	assert_int_equal(writes(), before);
}

static void test_an_assessment_is_recorded_once_per_year(void **state)
{
	(void)state;
	struct assessment a;
	assert_int_equal(assessment_get(&x, club.id, 2025, &a), NCT_ERR_NOTFOUND);
	assert_int_equal(assess(false, 2025, "strong", false, "2025-12-20"), NCT_OK);
	int64_t before = writes();
	assert_int_equal(assess(false, 2025, "weak", false, "2025-12-21"), NCT_ERR_CONFLICT);
	refused(RF_ASSESSMENT_EXISTS, "year");
	assert_int_equal(writes(), before);
	assert_int_equal(assessment_get(&x, club.id, 2025, &a), NCT_OK);
	assert_string_equal(a.grade, "strong");
	assert_false(a.well_managed);
	assert_string_equal(a.assessed_by, "UBND xã Đăk Hà");
}

static void test_an_assessment_update_is_audited_old_to_new(void **state)
{
	(void)state;
	struct assessment a;
	assert_int_equal(assess(true, 2025, "very_strong", true, "2026-01-05"), NCT_OK);
	assert_int_equal(assessment_get(&x, club.id, 2025, &a), NCT_OK);
	assert_string_equal(a.grade, "very_strong");
	assert_true(a.well_managed);
	assert_string_equal(a.assessed_on, "2026-01-05");
	struct audit_filter f = {.entity = "assessment", .limit = 1};
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(&x, &f, &rows, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].action, "update");
	assert_string_equal(rows[0].entity_id, "T-01/2025");
	assert_string_equal(rows[0].old_value,
	                    "{\"assessed_by\":\"UBND xã Đăk Hà\",\"assessed_on\":\"2025-12-20\","
	                    "\"grade\":\"strong\",\"well_managed\":false,\"year\":2025}");
	assert_string_equal(rows[0].new_value,
	                    "{\"assessed_by\":\"UBND xã Đăk Hà\",\"assessed_on\":\"2026-01-05\","
	                    "\"grade\":\"very_strong\",\"well_managed\":true,\"year\":2025}");
	audit_rows_free(rows, n);
}

static void test_updating_a_year_never_assessed_is_refused(void **state)
{
	(void)state;
	int64_t before = writes();
	assert_int_equal(assess(true, 2026, "weak", false, NULL), NCT_ERR_NOTFOUND);
	refused(RF_NO_ASSESSMENT, "year");
	assert_int_equal(writes(), before);
}

static void test_assessments_are_listed_newest_year_first(void **state)
{
	(void)state;
	struct assessment *v;
	size_t n;
	assert_int_equal(assess(false, 2026, "average", true, NULL), NCT_OK);
	assert_int_equal(assessment_find(&x, club.id, &v, &n), NCT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].year, 2026);
	assert_int_equal(v[1].year, 2025);
	free(v);
}

static void test_only_officers_above_the_club_may_assess_it(void **state)
{
	(void)state;
	struct place in, out;
	struct ctx inside, outside, own_club;
	assert_int_equal(place_get(&x, "23500", date_today_vn(), &in), NCT_OK);
	assert_int_equal(place_get(&x, "21181", date_today_vn(), &out), NCT_OK);
	testctx_user(&inside, t.db, ROLE_COMMUNE, in.id, 0);
	testctx_user(&outside, t.db, ROLE_COMMUNE, out.id, 0);
	testctx_user(&own_club, t.db, ROLE_CLUB, in.id, club.id);
	assert_int_equal(access_club(&inside, &club, ACCESS_ASSESS), NCT_OK);
	assert_int_equal(access_club(&outside, &club, ACCESS_ASSESS), NCT_ERR_DENIED);
	assert_int_equal(access_club(&own_club, &club, ACCESS_ASSESS), NCT_ERR_DENIED);
	assert_int_equal(access_club(&x, &club, ACCESS_ASSESS), NCT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_activity_dated_in_the_future_is_refused),
	    cmocka_unit_test(test_an_activity_before_the_club_was_founded_is_refused),
	    cmocka_unit_test(test_an_activity_with_a_malformed_date_is_refused),
	    cmocka_unit_test(test_an_activity_in_an_area_not_in_the_list_is_refused),
	    cmocka_unit_test(test_negative_participants_are_refused),
	    cmocka_unit_test(test_more_than_10000_participants_are_refused),
	    cmocka_unit_test(test_an_empty_title_is_refused),
	    cmocka_unit_test(test_a_title_of_201_bytes_is_refused_and_of_200_accepted),
	    cmocka_unit_test(test_an_activity_is_logged_with_an_audit_row),
	    cmocka_unit_test(test_a_visit_by_a_member_who_is_not_a_volunteer_is_refused),
	    cmocka_unit_test(test_a_visit_by_someone_not_a_member_on_that_day_is_refused),
	    cmocka_unit_test(test_a_visit_by_a_volunteer_who_had_left_is_refused),
	    cmocka_unit_test(test_a_visit_to_someone_under_60_is_refused),
	    cmocka_unit_test(test_a_person_counts_as_older_for_visits_from_their_60th_birthday),
	    cmocka_unit_test(test_a_visit_dated_in_the_future_is_refused),
	    cmocka_unit_test(test_a_volunteer_visiting_themselves_is_refused),
	    cmocka_unit_test(test_a_visit_to_someone_outside_the_scope_is_denied),
	    cmocka_unit_test(test_a_visit_by_a_volunteer_to_an_older_person_is_logged),
	    cmocka_unit_test(test_no_area_is_active_before_anything_is_logged),
	    cmocka_unit_test(test_areas_active_count_each_area_with_an_activity_in_the_period),
	    cmocka_unit_test(
	        test_all_activities_holds_when_the_last_area_falls_on_the_periods_last_day),
	    cmocka_unit_test(
	        test_all_activities_fails_when_the_period_ends_a_day_before_the_last_area),
	    cmocka_unit_test(
	        test_all_activities_fails_when_the_period_starts_a_day_after_the_first_area),
	    cmocka_unit_test(test_home_visits_count_for_the_home_care_area),
	    cmocka_unit_test(test_a_period_that_ends_before_it_starts_is_refused),
	    cmocka_unit_test(test_no_list_is_in_force_before_plan_327),
	    cmocka_unit_test(test_the_default_period_is_this_year_so_far),
	    cmocka_unit_test(test_the_list_in_force_changes_with_a_new_lists_valid_from),
	    cmocka_unit_test(test_the_plan_327_list_names_the_ten_areas_as_the_plan_writes_them),
	    cmocka_unit_test(test_after_a_lists_valid_to_the_earlier_list_is_in_force_again),
	    cmocka_unit_test(
	        test_an_activity_in_an_area_not_in_the_list_in_force_on_its_date_is_refused),
	    cmocka_unit_test(test_all_activities_follows_the_list_in_force_on_the_periods_last_day),
	    cmocka_unit_test(test_a_new_list_that_would_drop_recorded_activities_is_refused),
	    cmocka_unit_test(test_two_lists_starting_the_same_day_are_refused),
	    cmocka_unit_test(test_a_list_without_areas_or_with_an_area_twice_is_refused),
	    cmocka_unit_test(test_an_assessment_for_a_year_not_yet_begun_is_refused),
	    cmocka_unit_test(test_an_assessment_for_a_year_before_the_founding_is_refused),
	    cmocka_unit_test(test_an_assessment_with_an_unknown_grade_is_refused),
	    cmocka_unit_test(test_an_assessment_dated_before_its_year_is_refused),
	    cmocka_unit_test(test_an_assessment_is_recorded_once_per_year),
	    cmocka_unit_test(test_an_assessment_update_is_audited_old_to_new),
	    cmocka_unit_test(test_updating_a_year_never_assessed_is_refused),
	    cmocka_unit_test(test_assessments_are_listed_newest_year_first),
	    cmocka_unit_test(test_only_officers_above_the_club_may_assess_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

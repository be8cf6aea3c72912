/* test_fund.c - a club's funds and loans in the store: every rule for bad
 * input writes nothing, the one-off support of footnote 23, balances as of
 * dates, overrides in the audit, and loans read back as arrears, PAR30,
 * borrowers and rotation. Each test has its own club. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/money.h"
#include "domain/fund.h"
#include "domain/user.h"
#include "seed/place_load.h"
#include "testctx.h"
#include "testdb.h"
#include "refused.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static char msg[512];

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	return place_load_reference(&x, &rep, msg, sizeof msg) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static struct club new_club(const char *code, const char *commune, const char *founded)
{
	struct club_new in = {code, "CLB Liên thế hệ tự giúp nhau", "ishc", commune, founded};
	struct club c;
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, code, date_today_vn(), &c), NCT_OK);
	return c;
}

static int64_t new_member(const struct club *c, const char *name, const char *joined)
{
	struct person_new p = {name, "F", "1955", "23500", 0};
	struct membership_new m = {0, joined, false};
	assert_int_equal(club_add_new_person(&x, c, &p, &m, &rf), NCT_OK);
	return m.person_id;
}

static void exec(const char *sql)
{
	assert_int_equal(db_exec(t.db, sql), NCT_OK);
}

/* Everything a refused change could have written. */
static int64_t rows_written(void)
{
	static const char sql[] =
	    "SELECT (SELECT COUNT(*) FROM ledger_entries) + (SELECT COUNT(*) FROM loans)"
	    " + (SELECT COUNT(*) FROM loan_repayments) + (SELECT COUNT(*) FROM audit)";
	struct db_stmt *st = db_prepare(t.db, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static nct_err add_entry(const struct club *c, const char *fund, const char *kind, const char *on,
                         int64_t amount)
{
	struct fund_entry_new in = {fund, kind, on, amount, false, false, NULL};
	int64_t id;
	return fund_entry_add(&x, c, &in, &id, &rf);
}

static nct_err add_support(const struct club *c, const char *on, int64_t amount)
{
	struct fund_entry_new in = {"revolving", "grant",           on, amount, true,
	                            false,       "Hỗ trợ thành lập"};
	int64_t id;
	return fund_entry_add(&x, c, &in, &id, &rf);
}

static nct_err lend(const struct club *c, int64_t person, const char *on, int64_t principal,
                    int months, const char *freq, int64_t *id)
{
	struct fund_loan_new in = {person, principal,          on,    months, freq,
	                           0,      "Nuôi bò sinh sản", false, NULL};
	return fund_loan_disburse(&x, c, &in, id, &rf);
}

static nct_err repay(const struct club *c, int64_t loan, const char *on, int64_t principal,
                     int64_t interest)
{
	struct fund_repayment_new in = {loan, on, principal, interest};
	int64_t id;
	return fund_loan_repay(&x, c, &in, &id, &rf);
}

static int64_t balance(const struct club *c, enum fund f, int y, int m, int d)
{
	struct fund_balances b;
	assert_int_equal(fund_balances_on(&x, c->id, (struct date){y, m, d}, &b), NCT_OK);
	return b.balance[f];
}

static void test_a_negative_amount_is_refused_and_nothing_is_written(void **state)
{
	(void)state;
	struct club c = new_club("F-NEG", "23500", "2025-08-01");
	int64_t before = rows_written();
	assert_int_equal(add_entry(&c, "activity", "contribution", "2025-09-01", -500000),
	                 NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_NOT_POSITIVE, "amount");
	assert_int_equal(rows_written(), before);
}

static void test_a_fractional_amount_is_refused_with_a_vietnamese_message(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(fund_amount_parse("1,5", true, "amount", &v, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_FRACTION, "amount");
	assert_int_equal(fund_amount_parse("12.5", true, "amount", &v, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_FRACTION, "amount");
	assert_int_equal(fund_amount_parse("1.123", false, "amount", &v, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_FRACTION, "amount");
	assert_int_equal(v, 0);
}

static void test_a_negative_amount_typed_by_a_user_is_refused(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(fund_amount_parse("-50.000", true, "amount", &v, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_NEGATIVE, "amount");
}

static void test_an_amount_with_thousand_dots_is_read_as_whole_dong(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(fund_amount_parse(" 50.000.000 đ ", true, "amount", &v, &rf), NCT_OK);
	assert_int_equal(v, 50000000);
	assert_int_equal(fund_amount_parse("250000", false, "amount", &v, &rf), NCT_OK);
	assert_int_equal(v, 250000);
}

static void test_a_zero_typed_by_a_user_is_read_as_nothing(void **state)
{
	(void)state;
	int64_t v = -1;
	assert_int_equal(fund_amount_parse("0", true, "amount", &v, &rf), NCT_OK);
	assert_int_equal(v, 0);
}

static void test_an_amount_beyond_the_maximum_is_refused(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_int_equal(fund_amount_parse("10.000.000.000.000.000", true, "amount", &v, &rf),
	                 NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_TOO_LARGE, "amount");
	assert_int_equal(fund_amount_parse("10.000.000.000.001", true, "amount", &v, &rf),
	                 NCT_ERR_INVALID);
	assert_refused(rf, RF_AMOUNT_TOO_LARGE, "amount");
	assert_string_equal(rf.arg[0].v, "10000000000000");
	assert_int_equal(fund_amount_parse("10.000.000.000.000 đ", true, "amount", &v, &rf),
	                 NCT_OK);
	assert_int_equal(v, MONEY_MAX);
}

static void test_a_rate_in_per_cent_is_read_as_basis_points(void **state)
{
	(void)state;
	int bp = -1;
	assert_int_equal(fund_rate_parse("0,5", &bp, &rf), NCT_OK);
	assert_int_equal(bp, 50);
	assert_int_equal(fund_rate_parse("12 %", &bp, &rf), NCT_OK);
	assert_int_equal(bp, 1200);
	assert_int_equal(fund_rate_parse("1,255", &bp, &rf), NCT_ERR_INVALID);
}

static void test_an_entry_dated_in_the_future_is_refused_and_nothing_is_written(void **state)
{
	(void)state;
	struct club c = new_club("F-FUT", "23500", "2025-08-01");
	int64_t before = rows_written();
	assert_int_equal(add_entry(&c, "activity", "contribution", "2999-01-01", 500000),
	                 NCT_ERR_INVALID);
	assert_refused(rf, RF_DATE_IN_FUTURE, "on");
	assert_int_equal(rows_written(), before);
}

static void test_the_support_of_a_self_help_club_founded_in_2024_is_50_million(void **state)
{
	(void)state;
	struct club c = new_club("F-G24", "23281", "2024-03-01");
	assert_int_equal(add_support(&c, "2024-04-05", 50000000), NCT_OK);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2024, 4, 5), 50000000);
	struct fund_ledger l;
	assert_int_equal(fund_ledger_load(&x, c.id, &l), NCT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.info[0].support_name,
	                    "Hỗ trợ một lần cho Câu lạc bộ thành lập mới giai đoạn 2022-2025");
	fund_ledger_free(&l);
}

static void test_the_support_of_a_club_founded_in_2018_is_at_most_25_million(void **state)
{
	(void)state;
	struct club c = new_club("F-G18", "23281", "2018-05-01");
	assert_string_equal(c.cohort, "2016-2021");
	assert_int_equal(add_support(&c, "2024-03-01", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_ABOVE_LEVEL, "amount");
	assert_string_equal(rf.arg[1].v, "25000000");
	assert_int_equal(add_support(&c, "2024-03-01", 25000000), NCT_OK);
}

static void test_a_support_below_the_planned_level_is_recorded_with_its_rule(void **state)
{
	(void)state;
	/* "dự kiến mức hỗ trợ": the level is planned, a district may raise less */
	struct club c = new_club("F-GAM", "23281", "2023-05-01");
	assert_int_equal(add_support(&c, "2024-08-05", 45000000), NCT_OK);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2024, 8, 5), 45000000);
}

static void test_a_support_above_the_planned_level_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-GUP", "23281", "2023-05-01");
	int64_t before = rows_written();
	assert_int_equal(add_support(&c, "2024-08-05", 55000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_ABOVE_LEVEL, "amount");
	assert_string_equal(rf.arg[1].v, "50000000");
	assert_string_equal(rf.arg[2].v, "55000000");
	assert_int_equal(rows_written(), before);
}

static void test_a_support_before_the_2024_plan_that_sets_it_writes_nothing(void **state)
{
	(void)state;
	/* the plan of 2024 sets the level: a support dated 2022-03-02 has no rule yet */
	struct club c = new_club("F-GEA", "23281", "2022-02-01");
	int64_t before = rows_written();
	assert_int_equal(add_support(&c, "2022-03-02", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_NOT_YET, "on");
	assert_string_equal(rf.arg[1].v, "2024-01-01");
	assert_int_equal(rows_written(), before);
	assert_int_equal(add_support(&c, "2024-01-01", 50000000), NCT_OK);
}

static void test_a_support_after_the_2024_plan_needs_the_rule_of_a_later_plan(void **state)
{
	(void)state;
	/* the 2024 plan is the plan for 2024; the level of 2025 is the 2025 plan's */
	struct club c = new_club("F-G25", "23500", "2025-08-01");
	int64_t before = rows_written();
	assert_int_equal(add_support(&c, "2025-08-05", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_ENDED, "on");
	assert_string_equal(rf.arg[1].v, "2024-12-31");
	assert_int_equal(rows_written(), before);
	exec(
	    "INSERT INTO support_rules (code, name, founded_from, founded_to, amount, planned,"
	    " once_per_club, valid_from, raised_by, source) VALUES ('test-2025', 'Hỗ trợ năm 2025',"
	    " '2025-01-01', '2025-12-31', 40000000, 0, 1, '2025-01-01', 'x', 'thử')");
	exec("INSERT INTO support_rule_kinds (rule_id, kind) SELECT id, 'ishc' FROM support_rules"
	     " WHERE code = 'test-2025'");
	assert_int_equal(add_support(&c, "2025-08-05", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_AMOUNT, "amount"); /* a fixed level */
	assert_string_equal(rf.arg[1].v, "40000000");
	assert_int_equal(add_support(&c, "2025-08-05", 40000000), NCT_OK);
}

static void test_a_culture_club_receives_no_self_help_club_support(void **state)
{
	(void)state;
	struct club_new in = {"F-GCU", "CLB Văn nghệ thôn 1", "culture", "23281", "2023-05-01"};
	struct club c;
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, "F-GCU", date_today_vn(), &c), NCT_OK);
	int64_t before = rows_written();
	assert_int_equal(add_support(&c, "2024-08-05", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_NO_RULE, "support");
	assert_int_equal(rows_written(), before);
	assert_int_equal(add_entry(&c, "revolving", "grant", "2024-08-05", 50000000), NCT_OK);
}

static void test_a_club_founded_before_2016_receives_no_support(void **state)
{
	(void)state;
	struct club c = new_club("F-G15", "23281", "2015-06-01");
	assert_int_equal(add_support(&c, "2024-03-01", 25000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_NO_RULE, "support");
	assert_string_equal(rf.arg[0].v, "2015-06-01");
}

static void test_the_support_recorded_twice_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-G2X", "23281", "2023-05-01");
	assert_int_equal(add_support(&c, "2024-08-05", 50000000), NCT_OK);
	int64_t before = rows_written();
	assert_int_equal(add_support(&c, "2024-09-05", 50000000), NCT_ERR_INVALID);
	assert_refused(rf, RF_SUPPORT_ONCE, "support");
	assert_int_equal(rows_written(), before);
}

static void test_a_reversed_support_may_be_recorded_again(void **state)
{
	(void)state;
	struct club c = new_club("F-GRV", "23281", "2023-05-01");
	struct fund_entry_new in = {"activity", "grant", "2024-08-05", 50000000, true, false, NULL};
	int64_t id, cid;
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	struct fund_reversal rv = {id, "2024-08-06", false, "Ghi nhầm quỹ"};
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &cid, &rf), NCT_OK);
	assert_int_equal(add_support(&c, "2024-08-06", 50000000), NCT_OK);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2024, 8, 6), 0);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2024, 8, 6), 50000000);
}

static void test_balances_are_as_of_the_end_of_each_day(void **state)
{
	(void)state;
	struct club c = new_club("F-BAL", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "activity", "contribution", "2025-09-01", 2000000), NCT_OK);
	assert_int_equal(add_entry(&c, "activity", "expense", "2025-09-10", 300000), NCT_OK);
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-09-05", 7000000), NCT_OK);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 8, 31), 0);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 9), 2000000);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 10), 1700000);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2025, 9, 10), 7000000);
}

static void test_a_club_has_both_funds_from_the_first_entry_of_the_second(void **state)
{
	(void)state;
	struct club c = new_club("F-TWO", "23500", "2025-08-01");
	bool yes = true;
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-09-01", 1000000), NCT_OK);
	assert_int_equal(add_entry(&c, "activity", "contribution", "2025-10-01", 1000000), NCT_OK);
	assert_int_equal(fund_has_both(&x, c.id, (struct date){2025, 9, 30}, &yes), NCT_OK);
	assert_false(yes);
	assert_int_equal(fund_has_both(&x, c.id, (struct date){2025, 10, 1}, &yes), NCT_OK);
	assert_true(yes);
}

static void test_a_back_dated_expense_that_would_overdraw_the_fund_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-BAK", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "activity", "contribution", "2025-09-01", 1000000), NCT_OK);
	int64_t before = rows_written();
	assert_int_equal(add_entry(&c, "activity", "expense", "2025-08-20", 400000),
	                 NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
	assert_int_equal(rows_written(), before);
	assert_int_equal(add_entry(&c, "activity", "expense", "2025-09-02", 400000), NCT_OK);
}

static void test_an_override_without_a_note_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-OVN", "23500", "2025-08-01");
	struct fund_entry_new in = {"activity", "expense", "2025-09-01", 400000, false, true, ""};
	int64_t id, before = rows_written();
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_OVERRIDE_NEEDS_NOTE, "note");
	assert_int_equal(rows_written(), before);
}

static void test_an_override_is_recorded_in_the_audit_with_who_and_why(void **state)
{
	(void)state;
	struct club c = new_club("F-OVR", "23500", "2025-08-01");
	struct fund_entry_new in = {"activity",
	                            "expense",
	                            "2025-09-01",
	                            400000,
	                            false,
	                            true,
	                            "Chi cứu trợ bão, quỹ sẽ bù sau"};
	int64_t id;
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 1), -400000);
	struct audit_filter f = {"ledger_entry", NULL, "override", NULL, NULL, 0, 100};
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(&x, &f, &rows, &n), NCT_OK);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	size_t hit = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].entity_id, sid) == 0)
			hit = i;
	assert_true(hit < n);
	assert_string_equal(rows[hit].username, "test");
	assert_non_null(strstr(rows[hit].new_value, "Chi cứu trợ bão"));
	assert_non_null(strstr(rows[hit].new_value, "\"override\":true"));
	audit_rows_free(rows, n);
}

static void test_a_correction_reverses_an_entry_once(void **state)
{
	(void)state;
	struct club c = new_club("F-COR", "23500", "2025-08-01");
	struct fund_entry_new in = {"activity", "contribution", "2025-09-01", 800000,
	                            false,      false,          NULL};
	int64_t id, cid;
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	struct fund_reversal rv = {id, "2025-09-03", false, "Ghi trùng"};
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &cid, &rf), NCT_OK);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 2), 800000);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 3), 0);
	int64_t before = rows_written();
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_ALREADY_REVERSED, "reverses");
	assert_int_equal(rows_written(), before);
}

/* A club with a contribution recorded twice and an expense that spent part of
 * the second: reversing the duplicate takes the activity fund below zero. *dup
 * is the duplicate. */
static struct club club_with_a_duplicate(const char *code, int64_t *dup)
{
	struct club c = new_club(code, "23500", "2025-08-01");
	struct fund_entry_new in = {"activity", "contribution", "2025-09-01", 500000,
	                            false,      false,          NULL};
	int64_t id;
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	assert_int_equal(fund_entry_add(&x, &c, &in, dup, &rf), NCT_OK);
	assert_int_equal(add_entry(&c, "activity", "expense", "2025-09-02", 800000), NCT_OK);
	return c;
}

static void test_a_correction_without_a_reason_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-NRS", "23500", "2025-08-01");
	struct fund_entry_new in = {"activity", "contribution", "2025-09-01", 800000,
	                            false,      false,          NULL};
	int64_t id, cid;
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	int64_t before = rows_written();
	struct fund_reversal rv = {id, "2025-09-03", false, "  "};
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_CORRECTION_NEEDS_REASON, "note");
	rv.note = NULL;
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_CORRECTION_NEEDS_REASON, "note");
	assert_int_equal(rows_written(), before);
}

static void test_only_officers_and_admins_may_take_a_fund_below_zero(void **state)
{
	(void)state;
	struct club c = new_club("F-WHO", "23500", "2025-08-01");
	static const struct {
		enum role role;
		bool club_bound, may;
	} cases[] = {
	    {ROLE_ADMIN, false, true},    {ROLE_PROVINCE, false, true},
	    {ROLE_DISTRICT, false, true}, {ROLE_COMMUNE, false, true},
	    {ROLE_CLUB, true, false},     {ROLE_DEPARTMENT, false, false},
	    {ROLE_VIEWER, false, false},
	};
	assert_true(fund_may_override(&x, &c)); /* the command line acts as an admin */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ctx u;
		testctx_user(&u, t.db, cases[i].role, cases[i].role == ROLE_ADMIN ? 0 : c.place_id,
		             cases[i].club_bound ? c.id : 0);
		assert_int_equal(fund_may_override(&u, &c), cases[i].may);
	}
}

static void test_a_club_user_asking_for_an_override_is_refused_and_nothing_is_written(void **state)
{
	(void)state;
	int64_t dup, cid;
	struct club c = club_with_a_duplicate("F-CLO", &dup);
	struct ctx own;
	testctx_user(&own, t.db, ROLE_CLUB, c.place_id, c.id);
	int64_t before = rows_written();
	struct fund_reversal rv = {dup, "2025-09-03", true, "Ghi trùng khoản đóng góp"};
	assert_int_equal(fund_entry_reverse(&own, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_OVERRIDE_NOT_ALLOWED, "override");
	struct fund_entry_new ex = {"activity", "expense", "2025-09-03", 900000,
	                            false,      true,      "Bão"};
	assert_int_equal(fund_entry_add(&own, &c, &ex, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_OVERRIDE_NOT_ALLOWED, "override");
	assert_int_equal(rows_written(), before);
}

static void test_a_club_user_is_told_to_ask_an_officer_when_a_correction_overdraws(void **state)
{
	(void)state;
	int64_t dup, cid;
	struct club c = club_with_a_duplicate("F-ASK", &dup);
	struct ctx own, commune;
	testctx_user(&own, t.db, ROLE_CLUB, c.place_id, c.id);
	testctx_user(&commune, t.db, ROLE_COMMUNE, c.place_id, 0);
	struct fund_reversal rv = {dup, "2025-09-03", false, "Ghi trùng khoản đóng góp"};
	assert_int_equal(fund_entry_reverse(&own, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE_ASK, "amount");
	assert_int_equal(fund_entry_reverse(&commune, &c, &rv, &cid, &rf), NCT_ERR_INVALID);
	assert_refused(rf, RF_BALANCE_NEGATIVE, "amount");
}

static void
test_a_commune_officer_reverses_a_duplicate_with_an_override_that_is_audited(void **state)
{
	(void)state;
	int64_t dup, cid;
	struct club c = club_with_a_duplicate("F-OVC", &dup);
	struct ctx commune;
	testctx_user(&commune, t.db, ROLE_COMMUNE, c.place_id, 0);
	struct fund_reversal rv = {dup, "2025-09-03", true, "Ghi trùng khoản đóng góp"};
	assert_int_equal(fund_entry_reverse(&commune, &c, &rv, &cid, &rf), NCT_OK);
	assert_int_equal(balance(&c, FUND_ACTIVITY, 2025, 9, 3), -300000);
	struct audit_filter f = {"ledger_entry", "test.commune", "override", NULL, NULL, 0, 100};
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(&x, &f, &rows, &n), NCT_OK);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)cid);
	size_t hit = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].entity_id, sid) == 0)
			hit = i;
	assert_true(hit < n);
	assert_non_null(strstr(rows[hit].new_value, "Ghi trùng khoản đóng góp"));
	assert_non_null(strstr(rows[hit].new_value, "\"override\":true"));
	audit_rows_free(rows, n);
}

static void test_the_preview_of_a_correction_says_what_it_does_and_writes_nothing(void **state)
{
	(void)state;
	int64_t dup;
	struct club c = club_with_a_duplicate("F-PRV", &dup);
	struct ctx own, viewer;
	testctx_user(&own, t.db, ROLE_CLUB, c.place_id, c.id);
	testctx_user(&viewer, t.db, ROLE_VIEWER, c.place_id, 0);
	struct fund_reversal_preview p;
	int64_t before = rows_written();
	assert_int_equal(fund_reversal_preview(&x, &c, dup, &p, &rf), NCT_OK);
	assert_int_equal(p.entry.id, dup);
	assert_int_equal(p.balance_now, 200000);
	assert_int_equal(p.balance_after, -300000);
	assert_true(p.needs_override);
	assert_true(p.may_override);
	assert_int_equal(fund_reversal_preview(&own, &c, dup, &p, &rf), NCT_OK);
	assert_true(p.needs_override);
	assert_false(p.may_override);
	assert_int_equal(fund_reversal_preview(&viewer, &c, dup, &p, &rf), NCT_ERR_DENIED);
	assert_int_equal(fund_reversal_preview(&x, &c, dup + 1000, &p, &rf), NCT_ERR_NOTFOUND);
	assert_refused(rf, RF_NO_SUCH_ENTRY, "reverses");
	assert_int_equal(rows_written(), before);
}

static void test_a_loan_to_someone_not_a_member_on_the_day_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-NMB", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Nguyễn Thị Lan", "2025-09-01"), id;
	int64_t before = rows_written();
	assert_int_equal(lend(&c, p, "2025-08-20", 5000000, 12, "monthly", &id), NCT_ERR_INVALID);
	assert_refused(rf, RF_NOT_MEMBER_ON, "person_id");
	assert_int_equal(rows_written(), before);
}

static void test_a_disbursement_beyond_the_revolving_fund_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-BIG", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-08-05", 3000000), NCT_OK);
	int64_t p = new_member(&c, "Trần Thị Mai", "2025-08-02"), id;
	int64_t before = rows_written();
	assert_int_equal(lend(&c, p, "2025-09-01", 5000000, 12, "monthly", &id), NCT_ERR_INVALID);
	assert_refused(rf, RF_NOT_ENOUGH_TO_LEND, "principal");
	assert_string_equal(rf.arg[1].v, "3000000");
	assert_int_equal(rows_written(), before);
}

static void test_a_disbursement_with_an_override_and_a_reason_is_audited(void **state)
{
	(void)state;
	struct club c = new_club("F-BGO", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-08-05", 3000000), NCT_OK);
	int64_t p = new_member(&c, "Lê Thị Cúc", "2025-08-02"), id;
	struct fund_loan_new in = {p,           5000000,   "2025-09-01",
	                           12,          "monthly", 0,
	                           "Chăn nuôi", true,      "Hội phụ nữ xã cho mượn 2 triệu"};
	assert_int_equal(fund_loan_disburse(&x, &c, &in, &id, &rf), NCT_OK);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2025, 9, 1), -2000000);
	struct audit_filter f = {"loan", "test", "override", NULL, NULL, 0, 100};
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(&x, &f, &rows, &n), NCT_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found = found || strstr(rows[i].new_value, "Hội phụ nữ xã cho mượn 2 triệu");
	audit_rows_free(rows, n);
	assert_true(found);
}

static void test_a_disbursement_writes_the_loan_and_takes_it_from_the_revolving_fund(void **state)
{
	(void)state;
	struct club c = new_club("F-DIS", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Y Bun", "2025-08-02"), id;
	assert_int_equal(lend(&c, p, "2025-09-01", 12000000, 12, "monthly", &id), NCT_OK);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2025, 8, 31), 50000000);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2025, 9, 1), 38000000);
	struct fund_ledger l;
	assert_int_equal(fund_ledger_load(&x, c.id, &l), NCT_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.e[1].kind, ENTRY_DISBURSEMENT);
	assert_int_equal(l.e[1].amount, -12000000);
	assert_int_equal(l.info[1].loan_id, id);
	fund_ledger_free(&l);
}

static void test_a_repayment_puts_principal_and_interest_back_as_two_entries(void **state)
{
	(void)state;
	struct club c = new_club("F-REP", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "A Thút", "2025-08-02"), id;
	struct fund_loan_new in = {p,    12000000,       "2025-09-01", 12,  "monthly",
	                           1200, "Trồng cà phê", false,        NULL};
	assert_int_equal(fund_loan_disburse(&x, &c, &in, &id, &rf), NCT_OK);
	assert_int_equal(repay(&c, id, "2025-10-01", 1000000, 120000), NCT_OK);
	assert_int_equal(balance(&c, FUND_REVOLVING, 2025, 10, 1), 39120000);
	struct fund_ledger l;
	assert_int_equal(fund_ledger_load(&x, c.id, &l), NCT_OK);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.e[2].kind, ENTRY_REPAYMENT);
	assert_int_equal(l.e[2].amount, 1000000);
	assert_int_equal(l.e[3].kind, ENTRY_INTEREST);
	assert_int_equal(l.e[3].amount, 120000);
	assert_int_equal(l.info[3].loan_id, id);
	fund_ledger_free(&l);
}

static const char *repaid_on(int64_t loan, char out[DATE_LEN])
{
	struct db_stmt *st = db_prepare(t.db, "SELECT repaid_on FROM loans WHERE id = ?");
	db_bind_int(st, 1, loan);
	assert_int_equal(db_step(st), DB_ROW);
	snprintf(out, DATE_LEN, "%s", db_col_null(st, 0) ? "" : db_col_text(st, 0));
	db_done(st);
	return out;
}

/* A back-dated last repayment: the loan was repaid in full on the latest day
 * principal came back, not on the day the last one was recorded. */
static void test_a_loan_is_marked_repaid_on_the_day_its_principal_came_back_in_full(void **state)
{
	(void)state;
	char d[DATE_LEN];
	struct club c = new_club("F-RPD", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Y Blô", "2025-08-02"), id;
	assert_int_equal(lend(&c, p, "2025-08-10", 3000000, 12, "monthly", &id), NCT_OK);
	assert_int_equal(repay(&c, id, "2025-10-20", 2000000, 0), NCT_OK);
	assert_string_equal(repaid_on(id, d), "");
	assert_int_equal(repay(&c, id, "2025-09-15", 1000000, 0), NCT_OK);
	assert_string_equal(repaid_on(id, d), "2025-10-20");
}

static void test_a_repayment_larger_than_what_is_owed_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-OWE", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Đinh Văn Hùng", "2025-08-02"), id;
	assert_int_equal(lend(&c, p, "2025-09-01", 6000000, 6, "monthly", &id), NCT_OK);
	assert_int_equal(repay(&c, id, "2025-10-01", 2000000, 0), NCT_OK);
	int64_t before = rows_written();
	assert_int_equal(repay(&c, id, "2025-11-01", 4000001, 0), NCT_ERR_INVALID);
	assert_refused(rf, RF_ABOVE_OUTSTANDING, "principal");
	assert_string_equal(rf.arg[1].v, "4000000");
	assert_int_equal(repay(&c, id, "2025-11-01", 1000000, 1), NCT_ERR_INVALID);
	assert_refused(rf, RF_ABOVE_INTEREST_DUE, "interest");
	assert_string_equal(rf.arg[1].v, "0");
	assert_int_equal(rows_written(), before);
}

static void test_a_repayment_dated_in_the_future_writes_nothing(void **state)
{
	(void)state;
	struct club c = new_club("F-RFU", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Hồ Thị Bích", "2025-08-02"), id;
	assert_int_equal(lend(&c, p, "2025-09-01", 6000000, 6, "monthly", &id), NCT_OK);
	int64_t before = rows_written();
	assert_int_equal(repay(&c, id, "2999-01-01", 1000000, 0), NCT_ERR_INVALID);
	assert_refused(rf, RF_DATE_IN_FUTURE, "on");
	assert_int_equal(rows_written(), before);
}

/* Two loans on 1 September 2025: 12,000,000 over 12 months never repaid, and
 * 6,000,000 over 6 months repaid on time. */
static void test_days_in_arrears_and_par30_come_from_the_store(void **state)
{
	(void)state;
	struct club c = new_club("F-PAR", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t a = new_member(&c, "Nguyễn Văn An", "2025-08-02");
	int64_t b = new_member(&c, "Phạm Thị Bình", "2025-08-02"), la, lb;
	assert_int_equal(lend(&c, a, "2025-09-01", 12000000, 12, "monthly", &la), NCT_OK);
	assert_int_equal(lend(&c, b, "2025-09-01", 6000000, 6, "monthly", &lb), NCT_OK);
	assert_int_equal(repay(&c, lb, "2025-10-01", 1000000, 0), NCT_OK);
	assert_int_equal(repay(&c, lb, "2025-11-01", 1000000, 0), NCT_OK);
	struct fund_loans ls;
	struct loan_state s;
	assert_int_equal(fund_loans_load(&x, c.id, la, &ls), NCT_OK);
	fund_loan_state(&ls.v[0], (struct date){2025, 11, 15}, &s);
	assert_int_equal(s.days_in_arrears, 45);
	assert_int_equal(s.status, LOAN_IN_ARREARS);
	fund_loans_free(&ls);
	struct portfolio pf;
	assert_int_equal(fund_portfolio_on(&x, c.id, (struct date){2025, 11, 15}, &pf), NCT_OK);
	assert_int_equal(pf.loans, 2);
	assert_int_equal(pf.outstanding, 16000000);
	assert_int_equal(pf.at_risk30, 12000000);
	assert_int_equal(pf.par30_permille, 750);
	assert_int_equal(pf.repayment_rate_permille, 500);
}

static void test_a_written_off_loan_leaves_the_portfolio_and_is_audited(void **state)
{
	(void)state;
	struct club c = new_club("F-WOF", "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	int64_t p = new_member(&c, "Y Khoa", "2025-08-02"), id;
	assert_int_equal(lend(&c, p, "2025-09-01", 6000000, 6, "monthly", &id), NCT_OK);
	assert_int_equal(fund_loan_write_off(&x, &c, id, "2025-12-01", "", &rf), NCT_ERR_INVALID);
	assert_int_equal(
	    fund_loan_write_off(&x, &c, id, "2025-12-01", "Người vay đã chuyển đi nơi khác", &rf),
	    NCT_OK);
	struct portfolio pf;
	assert_int_equal(fund_portfolio_on(&x, c.id, (struct date){2025, 12, 2}, &pf), NCT_OK);
	assert_int_equal(pf.loans, 0);
	assert_int_equal(repay(&c, id, "2025-12-05", 1000000, 0), NCT_ERR_INVALID);
	assert_refused(rf, RF_LOAN_WRITTEN_OFF, "on");
	struct audit_filter f = {"loan", NULL, "write_off", NULL, NULL, 0, 100};
	struct audit_row *rows;
	size_t n;
	assert_int_equal(audit_list(&x, &f, &rows, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(rows[0].new_value, "Người vay đã chuyển đi nơi khác"));
	audit_rows_free(rows, n);
}

/* Before 1 September 2025: 60,000,000 in; a loan of 10,000,000 to Hoa still
 * out and one of 2,000,000 to Cúc repaid. In the period: 5,000,000 more in,
 * loans of 22,000,000 to Hòa and 11,000,000 to Hoa again. */
static struct club lending_club(const char *code)
{
	struct club c = new_club(code, "23500", "2025-08-01");
	assert_int_equal(add_entry(&c, "revolving", "grant", "2025-08-05", 50000000), NCT_OK);
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-08-10", 10000000),
	                 NCT_OK);
	int64_t hoa = new_member(&c, "Nguyễn Thị Hoa", "2025-08-02");
	int64_t cuc = new_member(&c, "Võ Thị Cúc", "2025-08-02");
	int64_t hoa2 = new_member(&c, "Trần Văn Hòa", "2025-08-02"), id;
	assert_int_equal(lend(&c, hoa, "2025-08-20", 10000000, 12, "monthly", &id), NCT_OK);
	assert_int_equal(lend(&c, cuc, "2025-08-15", 2000000, 1, "end", &id), NCT_OK);
	assert_int_equal(repay(&c, id, "2025-08-25", 2000000, 0), NCT_OK);
	assert_int_equal(add_entry(&c, "revolving", "contribution", "2025-09-15", 5000000), NCT_OK);
	assert_int_equal(lend(&c, hoa2, "2025-09-20", 22000000, 12, "monthly", &id), NCT_OK);
	assert_int_equal(lend(&c, hoa, "2025-10-20", 11000000, 12, "monthly", &id), NCT_OK);
	return c;
}

static void test_members_with_a_loan_in_the_period_count_each_person_once(void **state)
{
	(void)state;
	struct club c = lending_club("F-BOR");
	struct fund_report r;
	assert_int_equal(
	    fund_report(&x, c.id, (struct date){2025, 9, 1}, (struct date){2025, 12, 31}, &r),
	    NCT_OK);
	assert_int_equal(r.borrowers, 2);
	assert_int_equal(r.loans_disbursed, 2);
	assert_int_equal(r.disbursed, 33000000);
}

static void test_rotation_is_principal_lent_over_the_opening_balance_and_money_in(void **state)
{
	(void)state;
	struct club c = lending_club("F-ROT");
	struct fund_report r;
	assert_int_equal(
	    fund_report(&x, c.id, (struct date){2025, 9, 1}, (struct date){2025, 12, 31}, &r),
	    NCT_OK);
	assert_int_equal(r.opening, 50000000);
	assert_int_equal(r.inflows, 5000000);
	assert_int_equal(r.rotation_permille, 600);
	assert_int_equal(r.rotation_centi, 60);
}

static void test_a_club_lent_in_a_period_only_if_a_loan_was_disbursed_in_it(void **state)
{
	(void)state;
	struct club c = lending_club("F-LNT");
	bool yes = true;
	assert_int_equal(
	    fund_lent_in(&x, c.id, (struct date){2025, 11, 1}, (struct date){2025, 12, 31}, &yes),
	    NCT_OK);
	assert_false(yes);
	assert_int_equal(
	    fund_lent_in(&x, c.id, (struct date){2025, 10, 20}, (struct date){2025, 10, 20}, &yes),
	    NCT_OK);
	assert_true(yes);
}

/* The review's ledger: 9,235 entries of 10^15 đ, written around the domain
 * (which refuses any of them), sum past 2^63. Loading it fails rather than
 * showing a wrapped running balance on the page or in the download. */
static void test_a_ledger_whose_sum_would_pass_64_bits_fails_to_load_rather_than_wrap(void **state)
{
	(void)state;
	struct club c = new_club("F-WRP", "23500", "2025-08-01");
	char sql[600];
	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9235)"
	         " INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, created_at)"
	         " SELECT %lld, 'activity', '2025-09-01', 'contribution', 1000000000000000,"
	         " '2025-09-01T08:00:00+07:00' FROM n",
	         (long long)c.id);
	exec(sql);
	struct fund_ledger l;
	assert_int_equal(fund_ledger_load(&x, c.id, &l), NCT_ERR_TOOBIG);
	assert_null(l.e);
	assert_int_equal(l.n, 0);
	exec("DELETE FROM ledger_entries WHERE amount = 1000000000000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_negative_amount_is_refused_and_nothing_is_written),
	    cmocka_unit_test(test_a_fractional_amount_is_refused_with_a_vietnamese_message),
	    cmocka_unit_test(test_a_negative_amount_typed_by_a_user_is_refused),
	    cmocka_unit_test(test_an_amount_with_thousand_dots_is_read_as_whole_dong),
	    cmocka_unit_test(test_a_zero_typed_by_a_user_is_read_as_nothing),
	    cmocka_unit_test(test_an_amount_beyond_the_maximum_is_refused),
	    cmocka_unit_test(test_a_rate_in_per_cent_is_read_as_basis_points),
	    cmocka_unit_test(test_an_entry_dated_in_the_future_is_refused_and_nothing_is_written),
	    cmocka_unit_test(test_the_support_of_a_self_help_club_founded_in_2024_is_50_million),
	    cmocka_unit_test(test_the_support_of_a_club_founded_in_2018_is_at_most_25_million),
	    cmocka_unit_test(test_a_support_below_the_planned_level_is_recorded_with_its_rule),
	    cmocka_unit_test(test_a_support_above_the_planned_level_writes_nothing),
	    cmocka_unit_test(test_a_support_before_the_2024_plan_that_sets_it_writes_nothing),
	    cmocka_unit_test(test_a_support_after_the_2024_plan_needs_the_rule_of_a_later_plan),
	    cmocka_unit_test(test_a_culture_club_receives_no_self_help_club_support),
	    cmocka_unit_test(test_a_club_founded_before_2016_receives_no_support),
	    cmocka_unit_test(test_the_support_recorded_twice_writes_nothing),
	    cmocka_unit_test(test_a_reversed_support_may_be_recorded_again),
	    cmocka_unit_test(test_balances_are_as_of_the_end_of_each_day),
	    cmocka_unit_test(test_a_club_has_both_funds_from_the_first_entry_of_the_second),
	    cmocka_unit_test(test_a_back_dated_expense_that_would_overdraw_the_fund_writes_nothing),
	    cmocka_unit_test(test_an_override_without_a_note_writes_nothing),
	    cmocka_unit_test(test_an_override_is_recorded_in_the_audit_with_who_and_why),
	    cmocka_unit_test(test_a_correction_reverses_an_entry_once),
	    cmocka_unit_test(test_a_correction_without_a_reason_writes_nothing),
	    cmocka_unit_test(test_only_officers_and_admins_may_take_a_fund_below_zero),
	    cmocka_unit_test(
	        test_a_club_user_asking_for_an_override_is_refused_and_nothing_is_written),
	    cmocka_unit_test(
	        test_a_club_user_is_told_to_ask_an_officer_when_a_correction_overdraws),
	    cmocka_unit_test(
	        test_a_commune_officer_reverses_a_duplicate_with_an_override_that_is_audited),
	    cmocka_unit_test(test_the_preview_of_a_correction_says_what_it_does_and_writes_nothing),
	    cmocka_unit_test(test_a_loan_to_someone_not_a_member_on_the_day_writes_nothing),
	    cmocka_unit_test(test_a_disbursement_beyond_the_revolving_fund_writes_nothing),
	    cmocka_unit_test(test_a_disbursement_with_an_override_and_a_reason_is_audited),
	    cmocka_unit_test(
	        test_a_disbursement_writes_the_loan_and_takes_it_from_the_revolving_fund),
	    cmocka_unit_test(test_a_repayment_puts_principal_and_interest_back_as_two_entries),
	    cmocka_unit_test(
	        test_a_loan_is_marked_repaid_on_the_day_its_principal_came_back_in_full),
	    cmocka_unit_test(test_a_repayment_larger_than_what_is_owed_writes_nothing),
	    cmocka_unit_test(test_a_repayment_dated_in_the_future_writes_nothing),
	    cmocka_unit_test(test_days_in_arrears_and_par30_come_from_the_store),
	    cmocka_unit_test(test_a_written_off_loan_leaves_the_portfolio_and_is_audited),
	    cmocka_unit_test(test_members_with_a_loan_in_the_period_count_each_person_once),
	    cmocka_unit_test(test_rotation_is_principal_lent_over_the_opening_balance_and_money_in),
	    cmocka_unit_test(test_a_club_lent_in_a_period_only_if_a_loan_was_disbursed_in_it),
	    cmocka_unit_test(
	        test_a_ledger_whose_sum_would_pass_64_bits_fails_to_load_rather_than_wrap),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_store.c - the store interface, on SQLite or (with NCT_TEST_PG) PostgreSQL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sys/stat.h>

#include "testdb.h"

static int setup(void **state)
{
	static struct testdb t;
	testdb_open(&t);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	testdb_close(*state);
	return 0;
}

static struct db *dbof(void **state)
{
	return ((struct testdb *)*state)->db;
}

static int64_t count_places(struct db *db)
{
	static const char sql[] = "SELECT COUNT(*) FROM places";
	struct db_stmt *st = db_prepare(db, sql);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static void insert_place(struct db *db, const char *code, int expect)
{
	static const char sql[] = "INSERT INTO places (code, level, name, name_fold, path,"
	                          " valid_from) VALUES (?, 1, 'X', 'x', '/', '2020-01-01')";
	struct db_stmt *st = db_prepare(db, sql);
	assert_non_null(st);
	db_bind_text(st, 1, code);
	assert_int_equal(db_run(st), expect);
}

static void test_a_new_store_is_at_the_latest_schema(void **state)
{
	assert_int_equal(db_schema_version(dbof(state)), db_schema_latest());
	assert_true(db_schema_latest() >= 1);
}

static void test_migrating_again_changes_nothing(void **state)
{
	char msg[256] = "";
	assert_int_equal(db_migrate(dbof(state), msg, sizeof msg), NCT_OK);
	assert_int_equal(db_schema_version(dbof(state)), db_schema_latest());
}

static void test_a_store_from_a_newer_nct_is_refused(void **state)
{
	struct db *db = dbof(state);
	char msg[256] = "";
	assert_int_equal(db_exec(db, "INSERT INTO schema_migrations VALUES (9999, 'future', 'x')"),
	                 NCT_OK);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_ERR_CONFLICT);
	assert_non_null(strstr(msg, "newer"));
	assert_int_equal(db_exec(db, "DELETE FROM schema_migrations WHERE version = 9999"), NCT_OK);
}

/* A newer nct's migration numbered in a gap of this one's (below its latest)
 * is as much a newer store: this nct would write without keeping that
 * migration's rows in step, so it refuses it, and names it. */
static void test_a_store_with_a_migration_in_a_gap_of_this_ncts_is_refused(void **state)
{
	struct db *db = dbof(state);
	char msg[256] = "";
	int gap = 0;
	for (int v = 1; v < db_schema_latest() && !gap; v++) {
		static const char sql[] =
		    "SELECT count(*) FROM schema_migrations WHERE version = ?";
		int64_t n = -1;
		assert_int_equal(db_int(DB_PREPARE(db, sql, DB_I(v)), &n), NCT_OK);
		gap = n == 0 ? v : 0;
	}
	assert_true(gap > 0); /* 0019, 0022, 0023 and 0025 were never used */
	assert_int_equal(db_schema_unknown(db), 0);
	assert_int_equal(
	    db_run(
	        DB_PREPARE(db, "INSERT INTO schema_migrations VALUES (?, 'gap', 'x')", DB_I(gap))),
	    NCT_OK);
	assert_int_equal(db_schema_unknown(db), gap);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_schema_missing(db), 0);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_ERR_CONFLICT);
	char want[16];
	snprintf(want, sizeof want, "%04d", gap);
	assert_non_null(strstr(msg, want));
	assert_non_null(strstr(msg, "newer"));
	assert_int_equal(
	    db_run(DB_PREPARE(db, "DELETE FROM schema_migrations WHERE version = ?", DB_I(gap))),
	    NCT_OK);
	assert_int_equal(db_schema_unknown(db), 0);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_OK);
}

static int64_t int_of(struct db *db, const char *sql)
{
	int64_t v = -1;
	assert_int_equal(db_int(db_prepare(db, sql), &v), NCT_OK);
	return v;
}

/* A store made by a build that knew 0016 to 0018 but not 0015 (branches merged
 * in another order than their numbers) takes 0015 when it next opens, though
 * its highest version is above it. */
static void test_a_migration_numbered_below_the_stores_highest_is_still_applied(void **state)
{
	struct db *db = dbof(state);
	char msg[256] = "";
	/* undo 0015 as if it had never run: its two new indexes gone, the old one back */
	assert_int_equal(db_exec(db, "DROP INDEX person_facts_place"), NCT_OK);
	assert_int_equal(db_exec(db, "DROP INDEX allowance_decisions_place_person"), NCT_OK);
	assert_int_equal(db_exec(db, "CREATE INDEX allowance_decisions_place"
	                             " ON allowance_decisions(place_id, month)"),
	                 NCT_OK);
	assert_int_equal(db_schema_missing(db), 0);
	assert_int_equal(db_exec(db, "DELETE FROM schema_migrations WHERE version = 15"), NCT_OK);
	assert_true(db_schema_version(db) > 15);
	/* the highest is the latest, and yet one is missing (the commands ask for nct init) */
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_schema_missing(db), 1);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_schema_missing(db), 0);
	assert_int_equal(int_of(db, "SELECT count(*) FROM schema_migrations WHERE version = 15"),
	                 1);
	/* 0015 ran again: its index is there to be dropped, the old one is gone */
	assert_int_equal(db_exec(db, "DROP INDEX person_facts_place"), NCT_OK);
	assert_int_not_equal(db_exec(db, "DROP INDEX allowance_decisions_place"), NCT_OK);
	assert_int_equal(db_exec(db, "CREATE INDEX person_facts_place"
	                             " ON person_facts(kind, place_id, person_id)"),
	                 NCT_OK);
}

/* What an nct of schema 4 left: a commune split into two, one that went whole
 * into a new one, an API token without an end, a counted login failure. */
static void test_a_store_of_schema_4_takes_the_migrations_after_it(void **state)
{
	(void)state;
	struct testdb t;
	char msg[256] = "";
	testdb_open_at(&t, 4);
	struct db *db = t.db;
	assert_int_equal(db_schema_version(db), 4);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO places (id, code, level, name, name_fold, path, valid_to) VALUES"
	            " (1, '00001', 3, 'Xã Tách', 'xa tach', '/1/', '2025-06-30'),"
	            " (2, '00002', 3, 'Xã Nhập', 'xa nhap', '/2/', '2025-06-30'),"
	            " (3, '10001', 3, 'Xã Mới Một', 'xa moi mot', '/3/', NULL),"
	            " (4, '10002', 3, 'Xã Mới Hai', 'xa moi hai', '/4/', NULL);"
	            "INSERT INTO place_links (from_id, to_id) VALUES (1, 3), (1, 4), (2, 3);"
	            "INSERT INTO users (id, username, display_name, role, password_hash,"
	            " created_at) VALUES (1, 'admin', 'Quản trị', 'admin', 'x', '2025-01-01');"
	            "INSERT INTO api_tokens (token_hash, user_id, name, created_at)"
	            " VALUES ('h', 1, 'old', 1000);"
	            "INSERT INTO login_failures (key, window_start, failures)"
	            " VALUES ('addr:10.0.0.1', 1000, 3)"),
	    NCT_OK);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	/* 0005: the token ends 90 days after it was made; the throttle starts empty */
	assert_int_equal(int_of(db, "SELECT expires_at FROM api_tokens WHERE name = 'old'"),
	                 1000 + 90 * 86400);
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM login_throttle"), 0);
	/* 0006: both links of the split commune are partial, the whole one is not */
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM place_links WHERE from_id = 1"
	                            " AND partial = 1"),
	                 2);
	assert_int_equal(int_of(db, "SELECT partial FROM place_links WHERE from_id = 2"), 0);
	testdb_close(&t);
}

/* What an nct of schema 6 left: the one-off support marked "provincial" on a
 * self-help club's grant and on a culture club's, Plan 327's targets without
 * a place, the activity areas in the seed's first wording, loans without the
 * day they were repaid. */
static void test_a_store_of_schema_6_takes_the_support_rules_and_targets_per_place(void **state)
{
	(void)state;
	struct testdb t;
	char msg[256] = "";
	testdb_open_at(&t, 6);
	struct db *db = t.db;
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO places (id, code, level, name, name_fold, path) VALUES"
	            " (1, '00001', 3, 'Xã Một', 'xa mot', '/1/');"
	            "INSERT INTO clubs (id, code, name, name_fold, kind, place_id, founded_on,"
	            " created_at) VALUES (1, 'A', 'CLB', 'clb', 'ishc', 1, '2023-05-01', 'x'),"
	            " (2, 'B', 'CLB', 'clb', 'culture', 1, '2023-05-01', 'x');"
	            "INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, provincial,"
	            " created_at) VALUES (1, 'revolving', '2024-02-01', 'grant', 50000000, 1, 'x'),"
	            " (2, 'revolving', '2024-02-01', 'grant', 50000000, 1, 'x'),"
	            " (1, 'activity', '2024-02-01', 'grant', 1000000, 0, 'x');"
	            "INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id,"
	            " created_at) VALUES (1, 'A', 'a', 'F', '1950', 1, 'x');"
	            "INSERT INTO loans (id, club_id, person_id, principal, disbursed_on,"
	            " term_months, frequency, rate_bp, purpose) VALUES"
	            " (1, 1, 1, 2000000, '2024-03-01', 12, 'monthly', 0, 'x'),"
	            " (2, 1, 1, 2000000, '2024-03-01', 12, 'monthly', 0, 'x');"
	            "INSERT INTO loan_repayments (loan_id, on_date, principal, interest) VALUES"
	            " (1, '2024-09-01', 1000000, 0), (1, '2024-06-01', 1000000, 0),"
	            " (2, '2024-06-01', 1000000, 0)"),
	    NCT_OK);
	assert_int_equal(db_migrate(db, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_schema_version(db), db_schema_latest());
	/* the self-help club's support names its rule; the culture club's is a grant */
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM ledger_entries e JOIN support_rules r"
	                            " ON r.id = e.support_rule_id WHERE e.club_id = 1"
	                            " AND r.code = 'kt2024-23-2022'"),
	                 1);
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM ledger_entries"
	                            " WHERE support_rule_id IS NOT NULL"),
	                 1);
	/* Plan 327's eight targets belong to Kon Tum as of the plan's date */
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM plan_targets WHERE plan = '327/KH-UBND'"
	                            " AND place_code = '62' AND place_on = '2021-01-27'"),
	                 8);
	assert_int_equal(int_of(db, "SELECT min_value FROM plan_targets"
	                            " WHERE indicator = 'share_within_composition'"),
	                 1000);
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM activity_areas"
	                            " WHERE name_vi = 'Bảo vệ quyền lợi ích'"),
	                 1);
	/* the loan repaid in full is marked on its latest repayment's day, the other not */
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM loans WHERE id = 1"
	                            " AND repaid_on = '2024-09-01'"),
	                 1);
	assert_int_equal(int_of(db, "SELECT COUNT(*) FROM loans WHERE id = 2"
	                            " AND repaid_on IS NULL"),
	                 1);
	testdb_close(&t);
}

static void test_bound_values_come_back_from_a_query(void **state)
{
	static const char sql[] = "SELECT CAST(? AS TEXT) || '-' || CAST(? AS TEXT), ? + 1,"
	                          " CASE WHEN CAST(? AS TEXT) IS NULL THEN 1 ELSE 0 END";
	struct db_stmt *st = db_prepare(dbof(state), sql);
	assert_non_null(st);
	db_bind_text(st, 1, "Kon Tum");
	db_bind_text(st, 2, "62");
	db_bind_int(st, 3, 41);
	db_bind_null(st, 4);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "Kon Tum-62");
	assert_int_equal(db_col_int(st, 1), 42);
	assert_int_equal(db_col_int(st, 2), 1);
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
}

static void test_a_prepared_statement_is_reused(void **state)
{
	static const char sql[] = "SELECT 1";
	struct db_stmt *a = db_prepare(dbof(state), sql);
	db_done(a);
	struct db_stmt *b = db_prepare(dbof(state), sql);
	assert_ptr_equal(a, b);
	db_done(b);
}

/* The caches are keyed by the text's address: SQL rewritten in the same
 * buffer must not run the statement prepared from the old text. */
static void test_other_sql_at_a_cached_address_fails_instead_of_running_the_old(void **state)
{
	char sql[32];
	snprintf(sql, sizeof sql, "SELECT 1");
	struct db_stmt *a = db_prepare(dbof(state), sql);
	assert_non_null(a);
	db_done(a);
	snprintf(sql, sizeof sql, "SELECT 2");
	assert_null(db_prepare(dbof(state), sql));
	assert_non_null(strstr(db_errmsg(dbof(state)), "other SQL"));
}

static void test_a_unique_violation_is_a_conflict(void **state)
{
	struct db *db = dbof(state);
	insert_place(db, "U1", NCT_OK);
	insert_place(db, "U1", NCT_ERR_CONFLICT);
}

static void test_a_rolled_back_transaction_leaves_nothing(void **state)
{
	struct db *db = dbof(state);
	int64_t before = count_places(db);
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "R1", NCT_OK);
	db_rollback(db);
	assert_int_equal(count_places(db), before);
}

static void test_an_inner_rollback_keeps_the_outer_transaction(void **state)
{
	struct db *db = dbof(state);
	int64_t before = count_places(db);
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "N1", NCT_OK);
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "N2", NCT_OK);
	db_rollback(db);
	assert_int_equal(db_commit(db), NCT_OK);
	assert_int_equal(count_places(db), before + 1);
}

static void test_an_outer_rollback_undoes_committed_inner_work(void **state)
{
	struct db *db = dbof(state);
	int64_t before = count_places(db);
	assert_int_equal(db_begin(db), NCT_OK);
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "O1", NCT_OK);
	assert_int_equal(db_commit(db), NCT_OK);
	db_rollback(db);
	assert_int_equal(count_places(db), before);
}

static void test_a_failed_bind_surfaces_when_the_statement_runs(void **state)
{
	static const char sql[] = "INSERT INTO places (code, level, name, name_fold, path,"
	                          " valid_from) VALUES (?, 1, 'X', 'x', '/', '2020-01-01')";
	struct db *db = dbof(state);
	int64_t before = count_places(db);
	struct db_stmt *st = db_prepare(db, sql);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 2, "no such parameter"), NCT_ERR_DB);
	assert_int_equal(db_bind_text(st, 1, "B1"), NCT_ERR_DB);
	assert_int_equal(db_step(st), -NCT_ERR_DB);
	assert_int_equal(db_run(st), NCT_ERR_DB);
	assert_int_equal(count_places(db), before);
}

static void test_a_statement_works_again_after_a_failed_bind(void **state)
{
	static const char sql[] = "SELECT ? + 1";
	struct db_stmt *st = db_prepare(dbof(state), sql);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 3, 1), NCT_ERR_DB);
	assert_int_equal(db_step(st), -NCT_ERR_DB);
	db_done(st);
	st = db_prepare(dbof(state), sql);
	assert_int_equal(db_bind_int(st, 1, 41), NCT_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 42);
	db_done(st);
}

struct code_row {
	char code[16];
};

static int read_code(struct db_stmt *st, void *row, void *arg)
{
	struct code_row *r = row;
	const char *skip = arg;
	const char *code = db_col_text(st, 0);
	if (skip && strcmp(code, skip) == 0)
		return DB_SKIP;
	if (strcmp(code, "W-BAD") == 0)
		return -NCT_ERR_INVALID;
	snprintf(r->code, sizeof r->code, "%s", code);
	return DB_KEEP;
}

static const char codes_sql[] = "SELECT code FROM places WHERE code LIKE 'W-%' ORDER BY code";

/* W-1 .. W-n, once per test database. */
static void insert_codes(struct db *db, int n)
{
	char code[16];
	for (int i = 1; i <= n; i++) {
		snprintf(code, sizeof code, "W-%d", i);
		insert_place(db, code, NCT_OK);
	}
}

static void delete_codes(struct db *db)
{
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code LIKE 'W-%'"), NCT_OK);
}

static void test_rows_are_collected_in_their_order(void **state)
{
	struct db *db = dbof(state);
	insert_codes(db, 3);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 10);
	assert_int_equal(db_rows(db_prepare(db, codes_sql), &v, read_code, NULL), NCT_OK);
	assert_int_equal(v.n, 3);
	assert_string_equal(vec_at(&v, struct code_row, 0)->code, "W-1");
	assert_string_equal(vec_at(&v, struct code_row, 2)->code, "W-3");
	vec_free(&v);
	delete_codes(db);
}

static void test_a_reader_can_leave_rows_out(void **state)
{
	struct db *db = dbof(state);
	insert_codes(db, 3);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 10);
	assert_int_equal(db_rows(db_prepare(db, codes_sql), &v, read_code, "W-2"), NCT_OK);
	assert_int_equal(v.n, 2);
	assert_string_equal(vec_at(&v, struct code_row, 1)->code, "W-3");
	vec_free(&v);
	delete_codes(db);
}

static void test_rows_past_the_maximum_stop_with_toobig_keeping_the_first(void **state)
{
	struct db *db = dbof(state);
	insert_codes(db, 3);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 2);
	assert_int_equal(db_rows(db_prepare(db, codes_sql), &v, read_code, NULL), NCT_ERR_TOOBIG);
	assert_int_equal(v.n, 2);
	assert_string_equal(vec_at(&v, struct code_row, 1)->code, "W-2");
	vec_free(&v);
	delete_codes(db);
}

static void test_a_reader_error_stops_the_rows(void **state)
{
	struct db *db = dbof(state);
	insert_codes(db, 1);
	insert_place(db, "W-BAD", NCT_OK);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 10);
	assert_int_equal(db_rows(db_prepare(db, codes_sql), &v, read_code, NULL), NCT_ERR_INVALID);
	assert_int_equal(v.n, 1);
	vec_free(&v);
	delete_codes(db);
}

static void test_a_failing_step_is_the_rows_error_and_the_statement_is_done(void **state)
{
	static const char sql[] = "INSERT INTO places (code, level, name, name_fold, path,"
	                          " valid_from) VALUES ('W-1', 1, 'X', 'x', '/', '2020-01-01')"
	                          " RETURNING code";
	struct db *db = dbof(state);
	insert_codes(db, 1);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 10);
	assert_int_equal(db_rows(db_prepare(db, sql), &v, read_code, NULL), NCT_ERR_CONFLICT);
	assert_int_equal(v.n, 0);
	assert_int_equal(db_rows(db_prepare(db, codes_sql), &v, read_code, NULL), NCT_OK);
	assert_int_equal(v.n, 1);
	vec_free(&v);
	delete_codes(db);
}

static int64_t like_matches(struct db *db, const char *text, const char *contains)
{
	static const char sql[] = "SELECT CASE WHEN CAST(? AS TEXT) LIKE CAST(? AS TEXT)"
	                          " ESCAPE '\\' THEN 1 ELSE 0 END";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_text(st, 1, text);
	assert_int_equal(db_bind_like(st, 2, contains), NCT_OK);
	int64_t yes = -1;
	assert_int_equal(db_int(st, &yes), NCT_OK);
	return yes;
}

static void test_a_like_pattern_finds_the_text_and_takes_wildcards_literally(void **state)
{
	struct db *db = dbof(state);
	assert_int_equal(like_matches(db, "xã dak ha", "dak ha"), 1);
	assert_int_equal(like_matches(db, "lãi 50% một năm", "50%"), 1);
	assert_int_equal(like_matches(db, "lãi 50 một năm", "50%"), 0);
	assert_int_equal(like_matches(db, "a_b", "a_b"), 1);
	assert_int_equal(like_matches(db, "axb", "a_b"), 0);
	assert_int_equal(like_matches(db, "a\\b", "a\\b"), 1);
	assert_int_equal(like_matches(db, "ab", "a\\b"), 0);
}

static void test_a_like_pattern_past_its_maximum_fails_the_statement(void **state)
{
	static const char sql[] = "SELECT CASE WHEN CAST(? AS TEXT) LIKE CAST(? AS TEXT)"
	                          " ESCAPE '\\' THEN 1 ELSE 0 END";
	char big[DB_LIKE_MAX];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	struct db_stmt *st = db_prepare(dbof(state), sql);
	db_bind_text(st, 1, "x");
	assert_int_equal(db_bind_like(st, 2, big), NCT_ERR_TOOBIG);
	assert_int_equal(db_step(st), -NCT_ERR_TOOBIG);
	db_done(st);
}

static void test_one_row_is_read_into_the_callers_struct(void **state)
{
	struct db *db = dbof(state);
	insert_codes(db, 2);
	struct code_row r;
	assert_int_equal(db_row(db_prepare(db, codes_sql), &r, read_code, NULL), NCT_OK);
	assert_string_equal(r.code, "W-1");
	delete_codes(db);
}

static void test_one_row_that_is_not_there_is_not_found(void **state)
{
	struct db *db = dbof(state);
	struct code_row r;
	assert_int_equal(db_row(db_prepare(db, codes_sql), &r, read_code, NULL), NCT_ERR_NOTFOUND);
	insert_codes(db, 1);
	assert_int_equal(db_row(db_prepare(db, codes_sql), &r, read_code, "W-1"), NCT_ERR_NOTFOUND);
	delete_codes(db);
}

struct typed_row {
	int64_t big;
	char code[4];
	int small;
	bool yes;
	char none[8];
	char skipped[4];
};
static const struct db_col typed_col[] = {
    DB_NUM(struct typed_row, big), DB_TEXT(struct typed_row, code), DB_NUM(struct typed_row, small),
    DB_NUM(struct typed_row, yes), DB_TEXT(struct typed_row, none), DB_NONE};
static const struct db_cols typed_cols = DB_COLS(struct typed_row, typed_col);

static void test_binds_in_turn_and_a_column_table_fill_each_field_by_its_type(void **state)
{
	struct db *db = dbof(state);
	static const char sql[] = "SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS INTEGER),"
	                          " CAST(? AS INTEGER), CAST(NULL AS TEXT), CAST(? AS TEXT)";
	struct db_stmt *st = db_prepare(db, sql);
	assert_int_equal(
	    DB_BINDS(st, DB_I(INT64_C(5000000000)), DB_T("ABCDEF"), DB_I(-7), DB_I(2), DB_T("zz")),
	    NCT_OK);
	struct typed_row r;
	memset(&r, 'x', sizeof r);
	assert_int_equal(db_row_of(st, &typed_cols, &r), NCT_OK);
	assert_true(r.big == INT64_C(5000000000));
	assert_string_equal(r.code, "ABC"); /* cut to fit */
	assert_int_equal(r.small, -7);
	assert_true(r.yes);
	assert_string_equal(r.none, "");    /* NULL reads as "" */
	assert_string_equal(r.skipped, ""); /* DB_NONE leaves the zeroed field */
}

static void test_binds_past_the_statements_parameters_fail_it(void **state)
{
	struct db *db = dbof(state);
	static const char sql[] = "SELECT CAST(? AS BIGINT)";
	struct db_stmt *st = db_prepare(db, sql);
	assert_int_not_equal(DB_BINDS(st, DB_I(1), DB_I(2)), NCT_OK);
	assert_true(db_step(st) < 0);
	db_done(st);
}

static void test_a_count_is_one_number(void **state)
{
	static const char sql[] = "SELECT COUNT(*) FROM places WHERE code LIKE 'W-%'";
	static const char none[] = "SELECT id FROM places WHERE code = 'no such code'";
	struct db *db = dbof(state);
	insert_codes(db, 3);
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(db, sql), &n), NCT_OK);
	assert_int_equal(n, 3);
	assert_int_equal(db_int(db_prepare(db, none), &n), NCT_OK);
	assert_int_equal(n, 0);
	delete_codes(db);
}

static void test_a_statement_that_failed_to_prepare_fails_at_every_step(void **state)
{
	struct db *db = dbof(state);
	struct db_stmt *st = db_prepare(db, "SELECT nothing FROM no_such_table WHERE id = ?");
	assert_null(st);
	assert_int_equal(db_bind_int(st, 1, 7), NCT_ERR_DB);
	assert_int_equal(db_step(st), -NCT_ERR_DB);
	assert_int_equal(db_run(st), NCT_ERR_DB);
	struct vec v;
	vec_init(&v, sizeof(struct code_row), 10);
	assert_int_equal(db_rows(st, &v, read_code, NULL), NCT_ERR_DB);
	assert_int_equal(v.n, 0);
	db_done(st);
}

static bool on_postgres(struct db *db)
{
	return strcmp(db_engine(db), "postgresql") == 0;
}

static int64_t insert_place_with_id(struct db *db, int64_t id, const char *code)
{
	static const char given[] = "INSERT INTO places (id, code, level, name, name_fold, path,"
	                            " valid_from) VALUES (?, ?, 1, 'X', 'x', '/', '2020-01-01')"
	                            " RETURNING id";
	static const char made[] = "INSERT INTO places (code, level, name, name_fold, path,"
	                           " valid_from) VALUES (?, 1, 'X', 'x', '/', '2020-01-01')"
	                           " RETURNING id";
	struct db_stmt *st = db_prepare(db, id ? given : made);
	int i = 1;
	if (id)
		db_bind_int(st, i++, id);
	db_bind_text(st, i, code);
	int64_t got = 0;
	assert_int_equal(db_int(st, &got), NCT_OK);
	return got;
}

static void test_after_ids_given_by_the_caller_the_store_makes_larger_ones(void **state)
{
	struct db *db = dbof(state);
	assert_int_equal(insert_place_with_id(db, 900001, "S-1"), 900001);
	assert_int_equal(db_sync_ids(db, "places"), NCT_OK);
	assert_true(insert_place_with_id(db, 0, "S-2") > 900001);
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code LIKE 'S-%'"), NCT_OK);
}

static void test_syncing_the_ids_of_an_empty_table_changes_nothing(void **state)
{
	assert_int_equal(db_sync_ids(dbof(state), "loans"), NCT_OK);
}

static void test_a_table_name_that_is_not_a_plain_name_is_refused(void **state)
{
	struct db *db = dbof(state);
	assert_int_equal(db_sync_ids(db, "places; DROP TABLE places"), NCT_ERR_INVALID);
	assert_int_equal(db_sync_ids(db, ""), NCT_ERR_INVALID);
	assert_int_equal(db_lock_row(db, "Places", 1), NCT_ERR_INVALID);
	assert_int_equal(db_lock_row(db, NULL, 1), NCT_ERR_INVALID);
}

/* PostgreSQL: another connection cannot take the row until the holder
 * commits (NOWAIT says so at once instead of waiting). SQLite: the lock is
 * the transaction's write lock, and locking a row is allowed inside it. */
static void test_a_locked_row_is_held_until_the_transaction_ends(void **state)
{
	static const char nowait[] = "SELECT 1 FROM places WHERE id = ? FOR UPDATE NOWAIT";
	struct db *db = dbof(state);
	int64_t id = insert_place_with_id(db, 0, "L-1");
	assert_int_equal(db_begin(db), NCT_OK);
	assert_int_equal(db_lock_row(db, "places", id), NCT_OK);
	if (on_postgres(db)) {
		struct db *other;
		char msg[256] = "";
		assert_int_equal(
		    db_open(((struct testdb *)*state)->path, false, &other, msg, sizeof msg),
		    NCT_OK);
		struct db_stmt *st = db_prepare(other, nowait);
		db_bind_int(st, 1, id);
		assert_true(db_step(st) < 0);
		db_done(st);
		assert_int_equal(db_commit(db), NCT_OK);
		st = db_prepare(other, nowait);
		db_bind_int(st, 1, id);
		assert_int_equal(db_step(st), DB_ROW);
		db_done(st);
		db_close(other);
	} else {
		assert_int_equal(db_commit(db), NCT_OK);
	}
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code = 'L-1'"), NCT_OK);
}

/* Counts 1..n (both engines: a recursive query inside a plain SELECT). */
static const char sql_count_to[] =
    "SELECT i FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
    " WHERE i < ?) SELECT i FROM n) AS s ORDER BY i";

/* PostgreSQL's open cursors whose statement holds what (this read's own
 * cursor, or the unnamed portal outside a transaction, left out). */
static int64_t open_cursors(struct db *db, const char *what)
{
	static const char sql[] =
	    "SELECT COUNT(*) FROM pg_cursors WHERE name <> ''"
	    " AND statement LIKE ? ESCAPE '\\' AND statement NOT LIKE '%pg_cursors%'";
	int64_t n = -1;
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_like(st, 1, what);
	assert_int_equal(db_int(st, &n), NCT_OK);
	return n;
}

static void test_a_long_read_comes_in_batches_and_other_reads_run_between_them(void **state)
{
	static const char sql_places[] = "SELECT COUNT(*) FROM places WHERE code = ?";
	struct db *db = dbof(state);
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *st = db_prepare(db, sql_count_to);
	db_bind_int(st, 1, 2500);
	int64_t want = 1, others = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		assert_int_equal(db_col_int(st, 0), want);
		if (want % 400 == 0) { /* another read between two rows of the first */
			int64_t k = -1;
			struct db_stmt *o = db_prepare(db, sql_places);
			db_bind_text(o, 1, "none");
			assert_int_equal(db_int(o, &k), NCT_OK);
			others += k == 0;
		}
		/* PostgreSQL: the rows come through a cursor, still open mid-way */
		if (want == 1500 && on_postgres(db))
			assert_int_equal(open_cursors(db, "WITH RECURSIVE"), 1);
		want++;
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(want, 2501);
	assert_int_equal(others, 6);
	db_done(st);
	/* many short reads in one transaction, and a savepoint rolled back
	 * between them: each is closed, none is closed twice */
	for (int i = 0; i < 100; i++) {
		if (i == 50)
			assert_int_equal(db_begin(db), NCT_OK);
		st = db_prepare(db, sql_count_to);
		db_bind_int(st, 1, 3);
		int64_t first = 0;
		assert_int_equal(db_int(st, &first), NCT_OK);
		assert_int_equal(first, 1);
		if (i == 60)
			db_rollback(db);
	}
	if (on_postgres(db))
		assert_true(open_cursors(db, "") <= 33);
	db_read_end(db);
	if (on_postgres(db))
		assert_int_equal(open_cursors(db, ""), 0);
	assert_int_equal(count_places(db) >= 0, true);
}

/* Two long reads stepped side by side, as the place-wide lists walk theirs:
 * on PostgreSQL each asks for its next batch as soon as one comes (read
 * ahead), one at a time on the connection; every row of each comes once and
 * in order, with other statements run between their rows. */
static void test_two_long_reads_side_by_side_each_come_whole_and_in_order(void **state)
{
	static const char sql_evens[] =
	    "SELECT i * 2 FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < ?) SELECT i FROM n) AS s ORDER BY i";
	static const char sql_places[] = "SELECT COUNT(*) FROM places WHERE code = ?";
	struct db *db = dbof(state);
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *a = db_prepare(db, sql_count_to), *b = db_prepare(db, sql_evens);
	db_bind_int(a, 1, 3500);
	db_bind_int(b, 1, 2200); /* ends first, its last batch a full one past 2,000 */
	int64_t na = 0, nb = 0, others = 0;
	int ra = DB_ROW, rb = DB_ROW;
	for (int round = 0; ra == DB_ROW || rb == DB_ROW; round++) {
		/* a steps three rows to b's two: their batches end at other times */
		for (int k = 0; k < 3 && ra == DB_ROW; k++)
			if ((ra = db_step(a)) == DB_ROW)
				assert_int_equal(db_col_int(a, 0), ++na);
		for (int k = 0; k < 2 && rb == DB_ROW; k++)
			if ((rb = db_step(b)) == DB_ROW)
				assert_int_equal(db_col_int(b, 0), 2 * ++nb);
		if (round % 500 == 0) {
			int64_t n = -1;
			struct db_stmt *o = db_prepare(db, sql_places);
			db_bind_text(o, 1, "none");
			assert_int_equal(db_int(o, &n), NCT_OK);
			others += n == 0;
		}
	}
	assert_int_equal(ra, DB_DONE);
	assert_int_equal(rb, DB_DONE);
	assert_int_equal(na, 3500);
	assert_int_equal(nb, 2200);
	assert_int_equal(others, 3);
	db_done(a);
	db_done(b);
	db_read_end(db);
	if (on_postgres(db))
		assert_int_equal(open_cursors(db, ""), 0);
}

/* PostgreSQL: a long read asks for its next batch as soon as one comes, so
 * the server makes it while the caller reads the first: the rows of the
 * second batch are made (their nextval drawn) before the caller's 1,001st
 * step, as the next statement on the connection sees. */
static void test_a_long_read_asks_for_its_next_batch_ahead(void **state)
{
	static const char sql_drawn[] = "SELECT last_value FROM ent_ahead";
	static const char sql_draw[] = "SELECT nextval('ent_ahead') FROM generate_series(1, 2500)";
	struct db *db = dbof(state);
	if (!on_postgres(db))
		return;
	assert_int_equal(db_exec(db, "CREATE TEMP SEQUENCE IF NOT EXISTS ent_ahead"), NCT_OK);
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *st = db_prepare(db, sql_draw);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	int64_t drawn = -1;
	assert_int_equal(db_int(db_prepare(db, sql_drawn), &drawn), NCT_OK);
	assert_int_equal(drawn, 2000); /* the first batch and the one read ahead */
	int64_t rows = 1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		assert_int_equal(db_col_int(st, 0), ++rows);
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(rows, 2500);
	db_done(st);
	db_read_end(db);
}

/* A table a finished read was reading can be emptied by TRUNCATE in the
 * same unit: on PostgreSQL the read's cursor, closed lazily, is closed before
 * the next statement db_exec runs (the server refuses to TRUNCATE a table an
 * open cursor of the session reads). The work lists' set is emptied so. */
static void test_a_table_a_finished_read_read_can_be_truncated_in_its_unit(void **state)
{
	struct db *db = dbof(state);
	if (!on_postgres(db)) /* SQLite has no TRUNCATE */
		return;
	assert_int_equal(db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS trunc_me (i bigint)"),
	                 NCT_OK);
	assert_int_equal(db_exec(db, "INSERT INTO trunc_me SELECT generate_series(1, 2500)"),
	                 NCT_OK);
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *st = db_prepare(db, "SELECT i FROM trunc_me ORDER BY i");
	assert_int_equal(db_step(st), DB_ROW); /* a cursor, mid-way */
	assert_int_equal(db_col_int(st, 0), 1);
	db_done(st);
	assert_int_equal(db_exec(db, "TRUNCATE trunc_me"), NCT_OK);
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(db, "SELECT COUNT(*) FROM trunc_me"), &n), NCT_OK);
	assert_int_equal(n, 0);
	db_read_end(db);
	assert_int_equal(db_exec(db, "DROP TABLE trunc_me"), NCT_OK);
}

/* A long read whose later rows fail (division by zero past row 1,200): on
 * PostgreSQL the batch after the first fails when read ahead; the rows
 * before it still come, the step after them fails, and the store answers
 * once the read unit has ended. */
static void test_a_read_whose_next_batch_fails_fails_at_that_step(void **state)
{
	static const char sql_fails[] =
	    "SELECT 1 / (1201 - i) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	    " FROM n WHERE i < 2500) SELECT i FROM n) AS s"; /* no sort: each row when fetched */
	struct db *db = dbof(state);
	if (!on_postgres(db)) /* SQLite's division by zero is NULL */
		return;
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *st = db_prepare(db, sql_fails);
	int64_t rows = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		rows++;
	assert_true(rc < 0);
	assert_int_equal(rows, 1000); /* the first batch */
	db_done(st);
	db_read_end(db);
	assert_int_equal(count_places(db) >= 0, true);
}

/* A read for its first row only (db_int, db_row ...) inside a read unit is
 * run whole on PostgreSQL, without a cursor (one round trip); the same
 * statement stepped by its caller comes through a cursor. The statement
 * counts the cursors of its own text, itself among them when it is one. */
static void test_a_read_for_one_row_opens_no_cursor_and_a_stepped_one_does(void **state)
{
	static const char sql[] = "SELECT COUNT(*) FROM pg_cursors WHERE name <> ''"
	                          " AND statement LIKE '%one_row_or_stepped%'";
	struct db *db = dbof(state);
	if (!on_postgres(db))
		return;
	assert_int_equal(db_read_begin(db), NCT_OK);
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(db, sql), &n), NCT_OK);
	assert_int_equal(n, 0);
	struct db_stmt *st = db_prepare(db, sql);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 1);
	db_done(st);
	db_read_end(db);
}

/* A long read stepped after its read unit ended: PostgreSQL's cursor went
 * with the transaction, so the step fails (no FETCH of a cursor that is
 * gone); the store still answers the next statement. */
static void test_a_read_stepped_after_its_unit_ended_fails_cleanly(void **state)
{
	struct db *db = dbof(state);
	assert_int_equal(db_read_begin(db), NCT_OK);
	struct db_stmt *st = db_prepare(db, sql_count_to);
	db_bind_int(st, 1, 2500);
	assert_int_equal(db_step(st), DB_ROW);
	db_read_end(db);
	int rc = DB_ROW;
	int64_t rows = 1;
	while ((rc = db_step(st)) == DB_ROW)
		rows++;
	if (on_postgres(db)) {
		assert_true(rc < 0); /* the first batch of 1,000 was read, no more */
		assert_int_equal(rows, 1000);
	} else {
		assert_int_equal(rc, DB_DONE);
		assert_int_equal(rows, 2500);
	}
	db_done(st);
	assert_int_equal(count_places(db) >= 0, true);
}

/* A second writer of the store in the same process (another thread of nct
 * serve) waits at the writer gate while the first holds its transaction, and
 * starts after the commit: it sees the first one's row. PostgreSQL has no gate:
 * its writers do not wait for each other's transactions. */
struct second_writer {
	const char *path;
	nct_err begun;
	int64_t seen;
	bool done;
};

static void *write_second(void *arg)
{
	struct second_writer *w = arg;
	struct db *db;
	char msg[256] = "";
	if (db_open(w->path, false, &db, msg, sizeof msg))
		return NULL;
	w->begun = db_begin(db);
	if (!w->begun) {
		struct db_stmt *st =
		    db_prepare(db, "SELECT COUNT(*) FROM places WHERE code = 'GATE-1'");
		db_int(st, &w->seen);
		insert_place(db, "GATE-2", NCT_OK);
		w->begun = db_commit(db);
	}
	__atomic_store_n(&w->done, true, __ATOMIC_SEQ_CST);
	db_close(db);
	return NULL;
}

static void test_a_second_writer_in_the_process_starts_after_the_first_commits(void **state)
{
	struct db *db = dbof(state);
	if (on_postgres(db))
		return;
	struct second_writer w = {((struct testdb *)*state)->path, NCT_ERR_DB, -1, false};
	pthread_t th;
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "GATE-1", NCT_OK);
	assert_int_equal(pthread_create(&th, NULL, write_second, &w), 0);
	usleep(100000);
	assert_false(__atomic_load_n(&w.done, __ATOMIC_SEQ_CST)); /* it waits */
	assert_int_equal(db_commit(db), NCT_OK);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(w.begun, NCT_OK);
	assert_int_equal(w.seen, 1);
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code LIKE 'GATE-%'"), NCT_OK);
}

/* A WAL grown past 16 MiB while a long read held back its checkpoints is
 * cut back once the read has ended: the store's file does not keep the
 * largest size a long list ever made it. */
static void test_the_wal_grown_during_a_long_read_is_cut_back_after_it(void **state)
{
	struct testdb *t = *state;
	struct db *db = dbof(state), *reader = NULL;
	if (on_postgres(db))
		return;
	char msg[256], wal[300];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", t->path);
	assert_int_equal(db_open(t->path, false, &reader, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE wal_fill (b BLOB)"), NCT_OK);
	/* the reader's snapshot: no checkpoint may pass it */
	assert_int_equal(db_read_begin(reader), NCT_OK);
	assert_true(count_places(reader) >= 0);
	for (int i = 0; i < 48; i++) /* 48 commits of 512 KiB */
		assert_int_equal(db_exec(db, "INSERT INTO wal_fill VALUES (zeroblob(524288))"),
		                 NCT_OK);
	assert_int_equal(stat(wal, &sb), 0);
	assert_true(sb.st_size > 20 * 1024 * 1024);
	db_read_end(reader);
	db_close(reader);
	/* the next commits checkpoint the whole log, then start it again */
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_exec(db, "INSERT INTO wal_fill VALUES (x'00')"), NCT_OK);
	assert_int_equal(stat(wal, &sb), 0);
	assert_true(sb.st_size <= 16 * 1024 * 1024);
	assert_int_equal(db_exec(db, "DROP TABLE wal_fill"), NCT_OK);
}

/* A rolled back transaction opens the gate too: the next writer gets in. */
static void test_a_writer_after_a_rollback_gets_in(void **state)
{
	struct db *db = dbof(state);
	struct second_writer w = {((struct testdb *)*state)->path, NCT_ERR_DB, -1, false};
	pthread_t th;
	assert_int_equal(db_begin(db), NCT_OK);
	insert_place(db, "GATE-1", NCT_OK);
	db_rollback(db);
	assert_int_equal(pthread_create(&th, NULL, write_second, &w), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(w.begun, NCT_OK);
	assert_int_equal(w.seen, 0);
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code LIKE 'GATE-%'"), NCT_OK);
}

static const char *setting(struct db *db)
{
	static const char lite[] = "PRAGMA synchronous";
	static const char pg[] = "SELECT current_setting('synchronous_commit')";
	static char v[16];
	struct db_stmt *st = db_prepare(db, on_postgres(db) ? pg : lite);
	assert_int_equal(db_step(st), DB_ROW);
	snprintf(v, sizeof v, "%s", db_col_text(st, 0));
	db_done(st);
	return v;
}

/* The server's own setting comes back (the test cluster may run with it off). */
static void test_a_bulk_load_trades_durability_and_puts_it_back(void **state)
{
	struct db *db = dbof(state);
	char before[16];
	snprintf(before, sizeof before, "%s", setting(db));
	if (!on_postgres(db))
		assert_string_equal(before, "1"); /* NORMAL, as db_open sets it */
	assert_int_equal(db_bulk_begin(db), NCT_OK);
	assert_string_equal(setting(db), on_postgres(db) ? "off" : "0");
	assert_int_equal(db_bulk_end(db), NCT_OK);
	assert_string_equal(setting(db), before);
}

static void test_a_statement_may_take_the_engines_number_of_parameters(void **state)
{
	struct db *db = dbof(state);
	/* PostgreSQL's protocol counts them in 16 bits; SQLite 3.40 takes 32,766
	 * unless built with another SQLITE_MAX_VARIABLE_NUMBER */
	assert_int_equal(db_max_params(db) == 65535, on_postgres(db));
	assert_true(db_max_params(db) >= 32766);
}

#define MANY_PARAMS 3000

/* "head ?, ?, ... ?)" with n placeholders into out (static: statements are
 * cached by their text's address). */
static const char *placeholders_sql(char *out, size_t cap, const char *head, int n)
{
	size_t k = (size_t)snprintf(out, cap, "%s", head);
	for (int i = 0; i < n && k + 4 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, i ? ", ?" : "?");
	snprintf(out + k, cap - k, ")");
	return out;
}

static void test_a_statement_of_thousands_of_parameters_reads_them_all(void **state)
{
	static char sql[64 + 3 * MANY_PARAMS];
	struct db *db = dbof(state);
	int64_t want = 0, got = -1;
	static const char *const codes[] = {"S-1", "S-2", "S-3", "S-4", "S-5"};
	for (int i = 0; i < 5; i++)
		insert_place_with_id(db, 800001 + 700 * i, codes[i]);
	struct db_stmt *st = db_prepare(
	    db, placeholders_sql(sql, sizeof sql, "SELECT count(*) FROM places WHERE id IN (",
	                         MANY_PARAMS));
	assert_non_null(st);
	for (int i = 1; i <= MANY_PARAMS; i++)
		assert_int_equal(db_bind_int(st, i, 800000 + i), NCT_OK);
	assert_int_equal(db_int(st, &got), NCT_OK);
	assert_int_equal(
	    db_int(DB_PREPARE(db, "SELECT count(*) FROM places WHERE id BETWEEN ? AND ?",
	                      DB_I(800001), DB_I(800000 + MANY_PARAMS)),
	           &want),
	    NCT_OK);
	assert_int_equal(want, 5);
	assert_int_equal(got, want);
	assert_int_equal(db_exec(db, "DELETE FROM places WHERE code LIKE 'S-%'"), NCT_OK);
}

static void test_a_statement_of_more_parameters_than_the_store_takes_is_refused(void **state)
{
	static char *sql;
	struct db *db = dbof(state);
	int n = db_max_params(db) + 1;
	size_t cap = 64 + 3 * (size_t)n;
	if (!sql)
		sql = malloc(cap); /* kept: the store's cache knows statements by address */
	assert_non_null(sql);
	assert_null(db_prepare(
	    db, placeholders_sql(sql, cap, "SELECT count(*) FROM places WHERE id IN (", n)));
}

static void test_foreign_keys_are_enforced(void **state)
{
	static const char sql[] =
	    "INSERT INTO place_links (from_id, to_id) VALUES (999999, 999998)";
	struct db_stmt *st = db_prepare(dbof(state), sql);
	assert_non_null(st);
	assert_int_equal(db_run(st), NCT_ERR_CONFLICT);
}

static void test_opening_a_missing_store_without_create_fails(void **state)
{
	(void)state;
	struct db *db;
	char msg[256] = "";
	assert_int_equal(db_open("/tmp/nct-no-such-dir/none.db", false, &db, msg, sizeof msg),
	                 NCT_ERR_NOTFOUND);
	assert_null(db);
	assert_non_null(strstr(msg, "nct init"));
}

static int64_t indexes_of_many(struct db *db)
{
	static const char lite[] = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
	                           " AND tbl_name = 'many_indexes'";
	static const char pg[] = "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'many_indexes'";
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(db, on_postgres(db) ? pg : lite), &n), NCT_OK);
	return n;
}

/* More plain indexes than DB_SET_ASIDE_MAX: the first ones are set aside, the
 * others stay where they are, and all come back; the load never fails for it. */
static void test_indexes_past_the_set_aside_bound_stay_in_place_and_all_come_back(void **state)
{
	struct db *db = dbof(state);
	enum { MANY = DB_SET_ASIDE_MAX + 8 };
	char sql[128];
	assert_int_equal(db_begin(db), NCT_OK);
	assert_int_equal(db_exec(db, "CREATE TABLE many_indexes (a INTEGER, b INTEGER)"), NCT_OK);
	for (int i = 0; i < MANY; i++) {
		snprintf(sql, sizeof sql, "CREATE INDEX many_%02d ON many_indexes (a, (b + %d))", i,
		         i);
		assert_int_equal(db_exec(db, sql), NCT_OK);
	}
	const char *tables[] = {"many_indexes", NULL}, *keep[] = {NULL};
	struct db_set_aside aside;
	assert_int_equal(db_indexes_set_aside(db, tables, keep, &aside), NCT_OK);
	assert_int_equal(aside.n, on_postgres(db) ? 0 : DB_SET_ASIDE_MAX);
	assert_int_equal(indexes_of_many(db), on_postgres(db) ? MANY : MANY - DB_SET_ASIDE_MAX);
	assert_int_equal(db_indexes_rebuild(db, &aside), NCT_OK);
	assert_int_equal(indexes_of_many(db), MANY);
	db_rollback(db);
}

static void test_the_pool_lends_and_takes_back_connections(void **state)
{
	struct db_pool *p;
	char msg[256] = "";
	assert_int_equal(db_pool_open(((struct testdb *)*state)->path, 2, &p, msg, sizeof msg),
	                 NCT_OK);
	struct db *a = db_pool_get(p), *b = db_pool_get(p);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	db_pool_put(p, a);
	assert_ptr_equal(db_pool_get(p), a);
	db_pool_put(p, a);
	db_pool_put(p, b);
	db_pool_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_new_store_is_at_the_latest_schema),
	    cmocka_unit_test(test_a_second_writer_in_the_process_starts_after_the_first_commits),
	    cmocka_unit_test(test_a_writer_after_a_rollback_gets_in),
	    cmocka_unit_test(test_the_wal_grown_during_a_long_read_is_cut_back_after_it),
	    cmocka_unit_test(test_migrating_again_changes_nothing),
	    cmocka_unit_test(test_a_migration_numbered_below_the_stores_highest_is_still_applied),
	    cmocka_unit_test(test_a_store_from_a_newer_nct_is_refused),
	    cmocka_unit_test(test_a_store_with_a_migration_in_a_gap_of_this_ncts_is_refused),
	    cmocka_unit_test(test_a_store_of_schema_4_takes_the_migrations_after_it),
	    cmocka_unit_test(
	        test_a_store_of_schema_6_takes_the_support_rules_and_targets_per_place),
	    cmocka_unit_test(test_bound_values_come_back_from_a_query),
	    cmocka_unit_test(test_a_prepared_statement_is_reused),
	    cmocka_unit_test(test_other_sql_at_a_cached_address_fails_instead_of_running_the_old),
	    cmocka_unit_test(test_a_unique_violation_is_a_conflict),
	    cmocka_unit_test(test_a_rolled_back_transaction_leaves_nothing),
	    cmocka_unit_test(test_an_inner_rollback_keeps_the_outer_transaction),
	    cmocka_unit_test(test_an_outer_rollback_undoes_committed_inner_work),
	    cmocka_unit_test(test_a_failed_bind_surfaces_when_the_statement_runs),
	    cmocka_unit_test(test_a_statement_works_again_after_a_failed_bind),
	    cmocka_unit_test(test_rows_are_collected_in_their_order),
	    cmocka_unit_test(test_a_reader_can_leave_rows_out),
	    cmocka_unit_test(test_rows_past_the_maximum_stop_with_toobig_keeping_the_first),
	    cmocka_unit_test(test_a_reader_error_stops_the_rows),
	    cmocka_unit_test(test_a_failing_step_is_the_rows_error_and_the_statement_is_done),
	    cmocka_unit_test(test_a_like_pattern_finds_the_text_and_takes_wildcards_literally),
	    cmocka_unit_test(test_a_like_pattern_past_its_maximum_fails_the_statement),
	    cmocka_unit_test(test_one_row_is_read_into_the_callers_struct),
	    cmocka_unit_test(test_one_row_that_is_not_there_is_not_found),
	    cmocka_unit_test(test_a_count_is_one_number),
	    cmocka_unit_test(test_binds_in_turn_and_a_column_table_fill_each_field_by_its_type),
	    cmocka_unit_test(test_binds_past_the_statements_parameters_fail_it),
	    cmocka_unit_test(test_a_statement_that_failed_to_prepare_fails_at_every_step),
	    cmocka_unit_test(test_after_ids_given_by_the_caller_the_store_makes_larger_ones),
	    cmocka_unit_test(test_syncing_the_ids_of_an_empty_table_changes_nothing),
	    cmocka_unit_test(test_a_table_name_that_is_not_a_plain_name_is_refused),
	    cmocka_unit_test(test_a_locked_row_is_held_until_the_transaction_ends),
	    cmocka_unit_test(test_a_long_read_comes_in_batches_and_other_reads_run_between_them),
	    cmocka_unit_test(test_a_read_for_one_row_opens_no_cursor_and_a_stepped_one_does),
	    cmocka_unit_test(test_two_long_reads_side_by_side_each_come_whole_and_in_order),
	    cmocka_unit_test(test_a_long_read_asks_for_its_next_batch_ahead),
	    cmocka_unit_test(test_a_table_a_finished_read_read_can_be_truncated_in_its_unit),
	    cmocka_unit_test(test_a_read_whose_next_batch_fails_fails_at_that_step),
	    cmocka_unit_test(test_a_read_stepped_after_its_unit_ended_fails_cleanly),
	    cmocka_unit_test(test_a_bulk_load_trades_durability_and_puts_it_back),
	    cmocka_unit_test(test_a_statement_may_take_the_engines_number_of_parameters),
	    cmocka_unit_test(test_a_statement_of_thousands_of_parameters_reads_them_all),
	    cmocka_unit_test(test_a_statement_of_more_parameters_than_the_store_takes_is_refused),
	    cmocka_unit_test(test_foreign_keys_are_enforced),
	    cmocka_unit_test(test_indexes_past_the_set_aside_bound_stay_in_place_and_all_come_back),
	    cmocka_unit_test(test_opening_a_missing_store_without_create_fails),
	    cmocka_unit_test(test_the_pool_lends_and_takes_back_connections),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

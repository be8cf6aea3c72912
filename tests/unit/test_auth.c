/* test_auth.c - accounts, passwords, sessions, tokens, throttling and their audit rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <time.h>

#include "domain/auth.h"
#include "domain/throttle.h"
#include "domain/user.h"
#include "testctx.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
#define PW "mật-khẩu-đủ-dài"
static int64_t wait; /* seconds a throttled login must wait */

/* A request from addr before anyone logged in: what a login is given. */
static struct ctx *from(const char *addr)
{
	static struct ctx anon;
	ctx_anonymous(&anon, t.db, addr);
	return &anon;
}

static void add_user(const char *name, enum role role)
{
	struct user_new in = {name, "Nguyễn Văn A", role, NULL, NULL, PW};
	int64_t id;
	assert_int_equal(user_create(&x, &in, &id, &rf), NCT_OK);
}

static int setup(void **state)
{
	(void)state;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	add_user("admin", ROLE_ADMIN);
	add_user("viewer1", ROLE_VIEWER);
	add_user("throttled", ROLE_VIEWER);
	add_user("gone", ROLE_VIEWER);
	add_user("parallel", ROLE_VIEWER);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static int64_t audit_count(const char *action, const char *entity)
{
	static const char sql[] = "SELECT COUNT(*) FROM audit WHERE action = ? AND entity = ?";
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_text(st, 1, action);
	db_bind_text(st, 2, entity);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static void test_a_password_hash_is_argon2id_and_verifies(void **state)
{
	(void)state;
	char h[128];
	assert_int_equal(password_hash(PW, h), NCT_OK);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_true(password_verify(h, PW));
	assert_false(password_verify(h, "wrong password"));
}

static void test_a_short_password_is_refused_with_a_message(void **state)
{
	(void)state;
	struct user_new in = {"shortpw", "A", ROLE_VIEWER, NULL, NULL, "12345"};
	int64_t id;
	assert_int_equal(user_create(&x, &in, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PASSWORD_LENGTH);
	assert_string_equal(rf.field, "password");
}

static void test_a_username_with_capitals_or_spaces_is_refused(void **state)
{
	(void)state;
	int64_t id;
	struct user_new a = {"Bad Name", "A", ROLE_VIEWER, NULL, NULL, PW};
	assert_int_equal(user_create(&x, &a, &id, &rf), NCT_ERR_INVALID);
}

static void test_the_same_username_twice_is_a_conflict(void **state)
{
	(void)state;
	struct user_new in = {"admin", "Khác", ROLE_VIEWER, NULL, NULL, PW};
	int64_t id;
	assert_int_equal(user_create(&x, &in, &id, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	assert_string_equal(rf.arg[0].v, "admin");
}

static void test_a_commune_user_needs_a_place(void **state)
{
	(void)state;
	struct user_new in = {"xa1", "Cán bộ xã", ROLE_COMMUNE, NULL, NULL, PW};
	int64_t id;
	assert_int_equal(user_create(&x, &in, &id, &rf), NCT_ERR_INVALID);
}

static void test_creating_a_user_writes_an_audit_row(void **state)
{
	(void)state;
	assert_true(audit_count("create", "user") >= 4);
}

static void test_a_login_opens_a_session_that_is_found_again(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s, again;
	assert_int_equal(auth_login(from("127.0.0.1"), "viewer1", PW, token, &s, &wait, &rf),
	                 NCT_OK);
	assert_int_equal(strlen(token), AUTH_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), AUTH_TOKEN_LEN);
	assert_int_equal(auth_session(&x, token, &again), NCT_OK);
	assert_string_equal(again.user.username, "viewer1");
	assert_string_equal(again.csrf, s.csrf);
}

static void test_the_store_keeps_only_a_hash_of_the_session_token(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(from("127.0.0.1"), "viewer1", PW, token, &s, &wait, &rf),
	                 NCT_OK);
	static const char sql[] = "SELECT COUNT(*) FROM sessions WHERE token_hash = ?";
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_text(st, 1, token);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_done(st);
}

static void test_a_wrong_password_is_denied(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(
	    auth_login(from("10.0.0.2"), "viewer1", "wrong password!", token, &s, &wait, &rf),
	    NCT_ERR_DENIED);
	assert_true(audit_count("login_failed", "user") >= 1);
}

static void test_an_unknown_user_is_denied_like_a_wrong_password(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(from("10.0.0.3"), "nobody", PW, token, &s, &wait, &rf),
	                 NCT_ERR_DENIED);
}

/* n wrong passwords for username from addr at now, each refused as wrong. */
static void fail_logins(const char *username, const char *addr, int64_t now, int n)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	for (int i = 0; i < n; i++)
		assert_int_equal(auth_login_at(from(addr), username, "wrong password!", now, token,
		                               &s, &wait, &rf),
		                 NCT_ERR_DENIED);
}

static nct_err login_at(const char *username, const char *addr, int64_t now)
{
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	return auth_login_at(from(addr), username, PW, now, token, &s, &wait, &rf);
}

static void
test_the_wait_starts_at_30_seconds_after_5_failures_and_doubles_up_to_15_minutes(void **state)
{
	(void)state;
	assert_int_equal(throttle_delay(4, THROTTLE_USER_FREE), 0);
	assert_int_equal(throttle_delay(5, THROTTLE_USER_FREE), 30);
	assert_int_equal(throttle_delay(6, THROTTLE_USER_FREE), 60);
	assert_int_equal(throttle_delay(9, THROTTLE_USER_FREE), 480);
	assert_int_equal(throttle_delay(10, THROTTLE_USER_FREE), 900);
	assert_int_equal(throttle_delay(1000, THROTTLE_USER_FREE), 900);
	assert_int_equal(throttle_delay(19, THROTTLE_ADDR_FREE), 0);
	assert_int_equal(throttle_delay(20, THROTTLE_ADDR_FREE), 30);
}

static void
test_five_failures_make_the_next_login_from_that_address_wait_even_with_the_right_password(
    void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	fail_logins("throttled", "10.0.0.4", now, THROTTLE_USER_FREE);
	assert_int_equal(login_at("throttled", "10.0.0.4", now + 29), NCT_ERR_TOOMANY);
	assert_int_equal(wait, 1);
	assert_int_equal(login_at("throttled", "10.0.0.4", now + 30), NCT_OK);
}

static void test_a_user_throttled_at_one_address_still_logs_in_from_another(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	fail_logins("admin", "10.1.0.1", now, THROTTLE_USER_FREE);
	assert_int_equal(login_at("admin", "10.1.0.1", now), NCT_ERR_TOOMANY);
	assert_int_equal(login_at("admin", "10.1.0.2", now), NCT_OK);
}

static void test_each_further_failure_doubles_the_wait_up_to_15_minutes(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	fail_logins("viewer1", "10.2.0.1", now, THROTTLE_USER_FREE);
	int64_t expected[] = {30, 60, 120, 240, 480, 900, 900};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		assert_int_equal(login_at("viewer1", "10.2.0.1", now), NCT_ERR_TOOMANY);
		assert_int_equal(wait, expected[i]);
		now += wait;
		fail_logins("viewer1", "10.2.0.1", now, 1);
	}
}

static void test_a_success_clears_the_count_of_that_name_and_address(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	fail_logins("viewer1", "10.4.0.1", now, THROTTLE_USER_FREE - 1);
	assert_int_equal(login_at("viewer1", "10.4.0.1", now), NCT_OK);
	fail_logins("viewer1", "10.4.0.1", now, THROTTLE_USER_FREE);
	assert_int_equal(login_at("viewer1", "10.4.0.1", now), NCT_ERR_TOOMANY);
}

static void test_a_count_is_forgotten_an_hour_after_its_last_attempt(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	fail_logins("viewer1", "10.5.0.1", now, THROTTLE_USER_FREE);
	fail_logins("viewer1", "10.5.0.1", now + THROTTLE_FORGET, THROTTLE_USER_FREE);
	assert_int_equal(login_at("viewer1", "10.5.0.1", now + THROTTLE_FORGET), NCT_ERR_TOOMANY);
}

static void
test_twenty_failures_from_one_address_under_many_names_make_it_wait_but_no_other(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < THROTTLE_ADDR_FREE; i++) {
		char name[32];
		snprintf(name, sizeof name, "spray%d", i);
		fail_logins(name, "10.3.0.1", now, 1);
	}
	assert_int_equal(login_at("admin", "10.3.0.1", now), NCT_ERR_TOOMANY);
	assert_int_equal(wait, THROTTLE_FIRST_DELAY);
	assert_int_equal(login_at("admin", "10.3.0.2", now), NCT_OK);
}

static void test_successful_logins_do_not_use_up_the_address_allowance(void **state)
{
	(void)state;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < THROTTLE_ADDR_FREE + 5; i++)
		assert_int_equal(login_at("viewer1", "10.6.0.1", now), NCT_OK);
	fail_logins("admin", "10.6.0.1", now, 1);
}

#define GUESSERS 60

struct guess {
	pthread_barrier_t *start;
	int64_t now;
	nct_err result;
	struct refusal rf; /* each its own: the file's rf is shared, and written at once it races */
};

/* One of GUESSERS clients, each on its own connection (as several server
 * threads or nct processes would be), trying a wrong password at once. */
static void *guess(void *arg)
{
	struct guess *g = arg;
	struct db *db;
	char msg[256], token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t w;
	g->result = db_open(t.path, false, &db, msg, sizeof msg);
	pthread_barrier_wait(g->start);
	if (g->result == NCT_OK) {
		struct ctx x10;
		ctx_anonymous(&x10, db, "10.7.0.1");
		g->result = auth_login_at(&x10, "parallel", "wrong password!", g->now, token, &s,
		                          &w, &g->rf);
		db_close(db);
	}
	return NULL;
}

static void test_sixty_parallel_wrong_guesses_get_at_most_five_passwords_checked(void **state)
{
	(void)state;
	pthread_barrier_t start;
	pthread_t th[GUESSERS];
	struct guess g[GUESSERS];
	pthread_barrier_init(&start, NULL, GUESSERS);
	int64_t failed_before = audit_count("login_failed", "user");
	for (int i = 0; i < GUESSERS; i++) {
		g[i] = (struct guess){&start, (int64_t)time(NULL), NCT_OK, {0}};
		assert_int_equal(pthread_create(&th[i], NULL, guess, &g[i]), 0);
	}
	int denied = 0, throttled = 0;
	for (int i = 0; i < GUESSERS; i++) {
		pthread_join(th[i], NULL);
		denied += g[i].result == NCT_ERR_DENIED;
		throttled += g[i].result == NCT_ERR_TOOMANY;
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(denied, THROTTLE_USER_FREE);
	assert_int_equal(throttled, GUESSERS - THROTTLE_USER_FREE);
	assert_int_equal(audit_count("login_failed", "user"), failed_before + THROTTLE_USER_FREE);
}

static void test_logout_ends_the_session(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(from("127.0.0.1"), "viewer1", PW, token, &s, &wait, &rf),
	                 NCT_OK);
	struct ctx viewer;
	ctx_anonymous(&viewer, t.db, "127.0.0.1");
	assert_int_equal(ctx_bind_user(&viewer, &s.user), NCT_OK);
	assert_int_equal(auth_logout(&viewer, token), NCT_OK);
	assert_int_equal(auth_session(&x, token, &s), NCT_ERR_NOTFOUND);
}

static void test_a_disabled_user_loses_sessions_and_cannot_log_in(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(from("127.0.0.1"), "gone", PW, token, &s, &wait, &rf), NCT_OK);
	assert_int_equal(user_disable(&x, "gone"), NCT_OK);
	assert_int_equal(auth_session(&x, token, &s), NCT_ERR_NOTFOUND);
	assert_int_equal(auth_login(from("127.0.0.2"), "gone", PW, token, &s, &wait, &rf),
	                 NCT_ERR_DENIED);
}

static void test_a_new_password_ends_old_sessions(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(from("127.0.0.1"), "admin", PW, token, &s, &wait, &rf), NCT_OK);
	assert_int_equal(user_set_password(&x, "admin", PW "-2", &rf), NCT_OK);
	assert_int_equal(auth_session(&x, token, &s), NCT_ERR_NOTFOUND);
	assert_int_equal(auth_login(from("127.0.0.1"), "admin", PW "-2", token, &s, &wait, &rf),
	                 NCT_OK);
}

static void test_a_bearer_token_finds_its_user_and_needs_no_csrf(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t until;
	assert_int_equal(auth_token_create(&x, "viewer1", "báo cáo", 30, token, &until, &rf),
	                 NCT_OK);
	assert_int_equal(auth_bearer(&x, token, &s), NCT_OK);
	assert_string_equal(s.user.username, "viewer1");
	assert_true(s.bearer);
	assert_string_equal(s.csrf, "");
}

static int64_t token_column(const char *label, const char *column_sql)
{
	struct db_stmt *st = db_prepare(t.db, column_sql);
	db_bind_text(st, 1, label);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t v = db_col_int(st, 0);
	db_done(st);
	return v;
}

static void test_an_api_token_ends_after_the_days_it_was_made_for(void **state)
{
	(void)state;
	static const char life[] = "SELECT expires_at - created_at FROM api_tokens WHERE name = ?";
	static const char expire[] = "UPDATE api_tokens SET expires_at = created_at WHERE name = ?";
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t until;
	assert_int_equal(auth_token_create(&x, "viewer1", "ba mươi ngày", 30, token, &until, &rf),
	                 NCT_OK);
	assert_int_equal(token_column("ba mươi ngày", life), 30 * 86400);
	assert_int_equal(auth_bearer(&x, token, &s), NCT_OK);
	struct db_stmt *st = db_prepare(t.db, expire);
	db_bind_text(st, 1, "ba mươi ngày");
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(auth_bearer(&x, token, &s), NCT_ERR_NOTFOUND);
}

static void test_a_token_for_no_days_or_more_than_a_year_is_refused(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	int64_t until;
	assert_int_equal(auth_token_create(&x, "viewer1", "mãi mãi", 0, token, &until, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(auth_token_create(&x, "viewer1", "hai năm", AUTH_TOKEN_MAX_DAYS + 1, token,
	                                   &until, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(
	    auth_token_create(&x, "viewer1", "một năm", AUTH_TOKEN_MAX_DAYS, token, &until, &rf),
	    NCT_OK);
}

static void test_a_token_without_an_end_in_the_store_is_refused(void **state)
{
	(void)state;
	static const char forever[] = "UPDATE api_tokens SET expires_at = NULL WHERE name = ?";
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t until;
	assert_int_equal(auth_token_create(&x, "viewer1", "cũ", 90, token, &until, &rf), NCT_OK);
	struct db_stmt *st = db_prepare(t.db, forever);
	db_bind_text(st, 1, "cũ");
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(auth_bearer(&x, token, &s), NCT_ERR_NOTFOUND);
}

static int64_t audit_rows_naming(const char *text)
{
	static const char sql[] =
	    "SELECT COUNT(*) FROM audit WHERE username = ? OR entity_id = ?"
	    " OR old_value LIKE '%' || ? || '%' OR new_value LIKE '%' || ? || '%'";
	struct db_stmt *st = db_prepare(t.db, sql);
	for (int i = 1; i <= 4; i++)
		db_bind_text(st, i, text);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static void test_a_password_typed_as_the_username_is_not_kept_in_the_audit(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t unknown = audit_rows_naming(AUTH_UNKNOWN_USER);
	assert_int_equal(auth_login(from("10.0.0.5"), "Hoa-Sen-1975!", "", token, &s, &wait, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(audit_rows_naming("Hoa-Sen-1975!"), 0);
	assert_int_equal(audit_rows_naming(AUTH_UNKNOWN_USER), unknown + 1);
}

static void test_a_failed_login_of_a_user_names_that_user_in_the_audit(void **state)
{
	(void)state;
	static const char sql[] = "SELECT COUNT(*) FROM audit WHERE action = 'login_failed'"
	                          " AND username = ? AND entity_id = ?";
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(
	    auth_login(from("10.0.0.6"), "viewer1", "wrong password!", token, &s, &wait, &rf),
	    NCT_ERR_DENIED);
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_text(st, 1, "viewer1");
	db_bind_text(st, 2, "viewer1");
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_col_int(st, 0) >= 1);
	db_done(st);
}

static void test_a_malformed_or_unknown_token_finds_nothing(void **state)
{
	(void)state;
	struct session s;
	assert_int_equal(auth_session(&x, "not-a-token", &s), NCT_ERR_NOTFOUND);
	assert_int_equal(
	    auth_bearer(&x, "0000000000000000000000000000000000000000000000000000000000000000", &s),
	    NCT_ERR_NOTFOUND);
}

static void test_tokens_compare_in_constant_time_but_correctly(void **state)
{
	(void)state;
	assert_true(auth_equal("abc", "abc"));
	assert_false(auth_equal("abc", "abd"));
	assert_false(auth_equal("abc", "abcd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_password_hash_is_argon2id_and_verifies),
	    cmocka_unit_test(test_a_short_password_is_refused_with_a_message),
	    cmocka_unit_test(test_a_username_with_capitals_or_spaces_is_refused),
	    cmocka_unit_test(test_the_same_username_twice_is_a_conflict),
	    cmocka_unit_test(test_a_commune_user_needs_a_place),
	    cmocka_unit_test(test_creating_a_user_writes_an_audit_row),
	    cmocka_unit_test(test_a_login_opens_a_session_that_is_found_again),
	    cmocka_unit_test(test_the_store_keeps_only_a_hash_of_the_session_token),
	    cmocka_unit_test(test_a_wrong_password_is_denied),
	    cmocka_unit_test(test_an_unknown_user_is_denied_like_a_wrong_password),
	    cmocka_unit_test(
	        test_the_wait_starts_at_30_seconds_after_5_failures_and_doubles_up_to_15_minutes),
	    cmocka_unit_test(
	        test_five_failures_make_the_next_login_from_that_address_wait_even_with_the_right_password),
	    cmocka_unit_test(test_a_user_throttled_at_one_address_still_logs_in_from_another),
	    cmocka_unit_test(test_each_further_failure_doubles_the_wait_up_to_15_minutes),
	    cmocka_unit_test(test_a_success_clears_the_count_of_that_name_and_address),
	    cmocka_unit_test(test_a_count_is_forgotten_an_hour_after_its_last_attempt),
	    cmocka_unit_test(
	        test_twenty_failures_from_one_address_under_many_names_make_it_wait_but_no_other),
	    cmocka_unit_test(test_successful_logins_do_not_use_up_the_address_allowance),
	    cmocka_unit_test(test_sixty_parallel_wrong_guesses_get_at_most_five_passwords_checked),
	    cmocka_unit_test(test_logout_ends_the_session),
	    cmocka_unit_test(test_a_disabled_user_loses_sessions_and_cannot_log_in),
	    cmocka_unit_test(test_a_new_password_ends_old_sessions),
	    cmocka_unit_test(test_a_bearer_token_finds_its_user_and_needs_no_csrf),
	    cmocka_unit_test(test_an_api_token_ends_after_the_days_it_was_made_for),
	    cmocka_unit_test(test_a_token_for_no_days_or_more_than_a_year_is_refused),
	    cmocka_unit_test(test_a_token_without_an_end_in_the_store_is_refused),
	    cmocka_unit_test(test_a_password_typed_as_the_username_is_not_kept_in_the_audit),
	    cmocka_unit_test(test_a_failed_login_of_a_user_names_that_user_in_the_audit),
	    cmocka_unit_test(test_a_malformed_or_unknown_token_finds_nothing),
	    cmocka_unit_test(test_tokens_compare_in_constant_time_but_correctly),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

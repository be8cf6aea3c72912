/* test_auth.c - accounts, passwords, sessions, tokens, throttling and their audit rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/auth.h"
#include "domain/user.h"
#include "testdb.h"

static struct testdb t;
static const struct actor sys = {0, "test", "cli"};
#define PW "mật-khẩu-đủ-dài"

static void add_user(const char *name, enum role role)
{
	struct user_new in = {name, "Nguyễn Văn A", role, NULL, NULL, PW};
	char msg[256] = "";
	int64_t id;
	assert_int_equal(user_create(t.db, &sys, &in, &id, msg, sizeof msg), NCT_OK);
}

static int setup(void **state)
{
	(void)state;
	testdb_open(&t);
	add_user("admin", ROLE_ADMIN);
	add_user("viewer1", ROLE_VIEWER);
	add_user("throttled", ROLE_VIEWER);
	add_user("gone", ROLE_VIEWER);
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
	char msg[256] = "";
	int64_t id;
	assert_int_equal(user_create(t.db, &sys, &in, &id, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "Mật khẩu"));
}

static void test_a_username_with_capitals_or_spaces_is_refused(void **state)
{
	(void)state;
	char msg[256] = "";
	int64_t id;
	struct user_new a = {"Bad Name", "A", ROLE_VIEWER, NULL, NULL, PW};
	assert_int_equal(user_create(t.db, &sys, &a, &id, msg, sizeof msg), NCT_ERR_INVALID);
}

static void test_the_same_username_twice_is_a_conflict(void **state)
{
	(void)state;
	struct user_new in = {"admin", "Khác", ROLE_VIEWER, NULL, NULL, PW};
	char msg[256] = "";
	int64_t id;
	assert_int_equal(user_create(t.db, &sys, &in, &id, msg, sizeof msg), NCT_ERR_CONFLICT);
	assert_non_null(strstr(msg, "admin"));
}

static void test_a_commune_user_needs_a_place(void **state)
{
	(void)state;
	struct user_new in = {"xa1", "Cán bộ xã", ROLE_COMMUNE, NULL, NULL, PW};
	char msg[256] = "";
	int64_t id;
	assert_int_equal(user_create(t.db, &sys, &in, &id, msg, sizeof msg), NCT_ERR_INVALID);
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
	assert_int_equal(auth_login(t.db, "viewer1", PW, "127.0.0.1", token, &s), NCT_OK);
	assert_int_equal(strlen(token), AUTH_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), AUTH_TOKEN_LEN);
	assert_int_equal(auth_session(t.db, token, &again), NCT_OK);
	assert_string_equal(again.user.username, "viewer1");
	assert_string_equal(again.csrf, s.csrf);
}

static void test_the_store_keeps_only_a_hash_of_the_session_token(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(t.db, "viewer1", PW, "127.0.0.1", token, &s), NCT_OK);
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
	assert_int_equal(auth_login(t.db, "viewer1", "wrong password!", "10.0.0.2", token, &s),
	                 NCT_ERR_DENIED);
	assert_true(audit_count("login_failed", "user") >= 1);
}

static void test_an_unknown_user_is_denied_like_a_wrong_password(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(t.db, "nobody", PW, "10.0.0.3", token, &s), NCT_ERR_DENIED);
}

static void test_five_failures_throttle_the_user_even_with_the_right_password(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	for (int i = 0; i < THROTTLE_PER_USER; i++)
		assert_int_equal(
		    auth_login(t.db, "throttled", "wrong password!", "10.0.0.4", token, &s),
		    NCT_ERR_DENIED);
	assert_int_equal(auth_login(t.db, "throttled", PW, "10.0.0.4", token, &s), NCT_ERR_TOOMANY);
}

static void test_logout_ends_the_session(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(t.db, "viewer1", PW, "127.0.0.1", token, &s), NCT_OK);
	struct actor a = {s.user.id, "viewer1", "127.0.0.1"};
	assert_int_equal(auth_logout(t.db, &a, token), NCT_OK);
	assert_int_equal(auth_session(t.db, token, &s), NCT_ERR_NOTFOUND);
}

static void test_a_disabled_user_loses_sessions_and_cannot_log_in(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(auth_login(t.db, "gone", PW, "127.0.0.1", token, &s), NCT_OK);
	assert_int_equal(user_disable(t.db, &sys, "gone"), NCT_OK);
	assert_int_equal(auth_session(t.db, token, &s), NCT_ERR_NOTFOUND);
	assert_int_equal(auth_login(t.db, "gone", PW, "127.0.0.2", token, &s), NCT_ERR_DENIED);
}

static void test_a_new_password_ends_old_sessions(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1], msg[256] = "";
	struct session s;
	assert_int_equal(auth_login(t.db, "admin", PW, "127.0.0.1", token, &s), NCT_OK);
	assert_int_equal(user_set_password(t.db, &sys, "admin", PW "-2", msg, sizeof msg), NCT_OK);
	assert_int_equal(auth_session(t.db, token, &s), NCT_ERR_NOTFOUND);
	assert_int_equal(auth_login(t.db, "admin", PW "-2", "127.0.0.1", token, &s), NCT_OK);
}

static void test_a_bearer_token_finds_its_user_and_needs_no_csrf(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t until;
	assert_int_equal(auth_token_create(t.db, &sys, "viewer1", "báo cáo", 30, token, &until),
	                 NCT_OK);
	assert_int_equal(auth_bearer(t.db, token, &s), NCT_OK);
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
	assert_int_equal(
	    auth_token_create(t.db, &sys, "viewer1", "ba mươi ngày", 30, token, &until), NCT_OK);
	assert_int_equal(token_column("ba mươi ngày", life), 30 * 86400);
	assert_int_equal(auth_bearer(t.db, token, &s), NCT_OK);
	struct db_stmt *st = db_prepare(t.db, expire);
	db_bind_text(st, 1, "ba mươi ngày");
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(auth_bearer(t.db, token, &s), NCT_ERR_NOTFOUND);
}

static void test_a_token_for_no_days_or_more_than_a_year_is_refused(void **state)
{
	(void)state;
	char token[AUTH_TOKEN_LEN + 1];
	int64_t until;
	assert_int_equal(auth_token_create(t.db, &sys, "viewer1", "mãi mãi", 0, token, &until),
	                 NCT_ERR_INVALID);
	assert_int_equal(auth_token_create(t.db, &sys, "viewer1", "hai năm",
	                                   AUTH_TOKEN_MAX_DAYS + 1, token, &until),
	                 NCT_ERR_INVALID);
	assert_int_equal(
	    auth_token_create(t.db, &sys, "viewer1", "một năm", AUTH_TOKEN_MAX_DAYS, token, &until),
	    NCT_OK);
}

static void test_a_token_without_an_end_in_the_store_is_refused(void **state)
{
	(void)state;
	static const char forever[] = "UPDATE api_tokens SET expires_at = NULL WHERE name = ?";
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t until;
	assert_int_equal(auth_token_create(t.db, &sys, "viewer1", "cũ", 90, token, &until), NCT_OK);
	struct db_stmt *st = db_prepare(t.db, forever);
	db_bind_text(st, 1, "cũ");
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(auth_bearer(t.db, token, &s), NCT_ERR_NOTFOUND);
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
	assert_int_equal(auth_login(t.db, "Hoa-Sen-1975!", "", "10.0.0.5", token, &s),
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
	assert_int_equal(auth_login(t.db, "viewer1", "wrong password!", "10.0.0.6", token, &s),
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
	assert_int_equal(auth_session(t.db, "not-a-token", &s), NCT_ERR_NOTFOUND);
	assert_int_equal(
	    auth_bearer(t.db, "0000000000000000000000000000000000000000000000000000000000000000",
	                &s),
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
	    cmocka_unit_test(test_five_failures_throttle_the_user_even_with_the_right_password),
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

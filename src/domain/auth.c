#include "auth.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "ctx.h"
#include "throttle.h"

/* Sessions are touched at most once a minute, so a page view is a read. */
#define TOUCH_SECONDS 60

nct_err auth_random_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[AUTH_TOKEN_LEN / 2];
	if (sodium_init() < 0)
		return NCT_ERR_NOMEM;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, AUTH_TOKEN_LEN + 1, raw, sizeof raw);
	return NCT_OK;
}

static void token_hash(const char *token, char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char h[AUTH_TOKEN_LEN / 2];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_TOKEN_LEN + 1, h, sizeof h);
}

bool auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

static bool token_shape_ok(const char *t)
{
	if (!t || strlen(t) != AUTH_TOKEN_LEN)
		return false;
	for (const char *c = t; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

/* Hashes a token handed in by a client; false, and nothing hashed, when it
 * does not have the shape of one of ours (no store lookup is wasted on it). */
static bool token_hash_checked(const char *token, char out[AUTH_TOKEN_LEN + 1])
{
	if (!token_shape_ok(token))
		return false;
	token_hash(token, out);
	return true;
}

static nct_err session_insert(struct db *db, const char *token, const struct session *s,
                              const char *addr)
{
	static const char sql[] = "INSERT INTO sessions (token_hash, user_id, csrf, created_at,"
	                          " last_seen, addr) VALUES (?,?,?,?,?,?)";
	char hash[AUTH_TOKEN_LEN + 1];
	token_hash(token, hash);
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(hash), DB_I(s->user.id), DB_T(s->csrf),
	                                DB_I(s->created_at), DB_I(s->created_at), DB_T(addr));
	return db_run(st);
}

/* Records the outcome of an admitted login attempt in one transaction (the
 * attempt was counted as failed when it was admitted). The audit names the
 * user who logged in, or the name typed when it is a user's. */
static nct_err login_record(struct ctx *x, const char *username, int64_t now, bool ok,
                            const char *token, const struct session *s)
{
	struct ctx as = *x;
	struct user known;
	nct_err e = db_begin(x->db);
	if (e)
		return e;
	as.actor.user_id = ok ? s->user.id : 0;
	as.actor.username = username;
	if (!ok && user_by_name(x, username, &known) != NCT_OK)
		as.actor.username = username = AUTH_UNKNOWN_USER;
	if (ok) {
		e = throttle_succeeded(x, username, now);
		if (!e)
			e = session_insert(x->db, token, s, x->addr);
		if (!e)
			e = audit_write(&as, "login", "user", username, NULL, NULL);
	} else {
		e = audit_write(&as, "login_failed", "user", username, NULL, NULL);
	}
	if (!e)
		return db_commit(x->db);
	db_rollback(x->db);
	return e;
}

nct_err auth_login_at(struct ctx *x, const char *username, const char *password, int64_t now,
                      char token[AUTH_TOKEN_LEN + 1], struct session *s, int64_t *wait,
                      struct refusal *rf)
{
	memset(s, 0, sizeof *s);
	*wait = 0;
	if (!username || !password || strlen(username) > USERNAME_MAX ||
	    strlen(password) > PASSWORD_MAX)
		return refuse(rf, NCT_ERR_DENIED, RF_LOGIN_FAILED, NULL, "");
	nct_err e = throttle_admit(x, username, now, wait);
	if (e == NCT_ERR_TOOMANY)
		return refuse(rf, e, RF_THROTTLED, NULL, "t", *wait);
	if (e)
		return e;
	e = user_check_password(x, username, password, &s->user);
	if (e && e != NCT_ERR_DENIED && e != NCT_ERR_NOTFOUND)
		return e;
	bool ok = !e;
	if (ok) {
		s->created_at = now;
		if ((e = auth_random_token(token)) || (e = auth_random_token(s->csrf)))
			return e;
	}
	e = login_record(x, username, now, ok, token, s);
	if (e)
		return e;
	return ok ? NCT_OK : refuse(rf, NCT_ERR_DENIED, RF_LOGIN_FAILED, NULL, "");
}

nct_err auth_login(struct ctx *x, const char *username, const char *password,
                   char token[AUTH_TOKEN_LEN + 1], struct session *s, int64_t *wait,
                   struct refusal *rf)
{
	return auth_login_at(x, username, password, (int64_t)time(NULL), token, s, wait, rf);
}

static nct_err touch(struct db *db, const char *hash, int64_t now)
{
	static const char sql[] = "UPDATE sessions SET last_seen = ? WHERE token_hash = ?";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(now), DB_T(hash));
	return db_run(st);
}

/* A session's row, or an API token's (csrf and last_seen left empty). */
struct token_row {
	int64_t user_id, created_at, last_seen;
	char csrf[AUTH_TOKEN_LEN + 1];
};
static const struct db_col session_col[] = {
    DB_NUM(struct token_row, user_id), DB_TEXT(struct token_row, csrf),
    DB_NUM(struct token_row, created_at), DB_NUM(struct token_row, last_seen)};
static const struct db_cols session_cols = DB_COLS(struct token_row, session_col);
static const struct db_col token_col[] = {DB_NUM(struct token_row, user_id),
                                          DB_NUM(struct token_row, created_at)};
static const struct db_cols token_cols = DB_COLS(struct token_row, token_col);

/* The row of token, read by sql into t through cols: sql takes token's hash
 * (left in hash) and, when now is not 0, the time. s is emptied first, then
 * given the row's created_at. NCT_ERR_NOTFOUND for a token of the wrong shape. */
static nct_err token_find(struct ctx *x, const char *token, const char *sql, int64_t now,
                          const struct db_cols *cols, char hash[AUTH_TOKEN_LEN + 1],
                          struct session *s, struct token_row *t)
{
	memset(s, 0, sizeof *s);
	if (!token_hash_checked(token, hash))
		return NCT_ERR_NOTFOUND;
	struct db_stmt *st = now ? DB_PREPARE(x->db, sql, DB_T(hash), DB_I(now))
	                         : DB_PREPARE(x->db, sql, DB_T(hash));
	nct_err e = db_row_of(st, cols, t);
	if (!e)
		s->created_at = t->created_at;
	return e;
}

/* s's user, user_id's: NCT_ERR_NOTFOUND when the account is disabled. */
static nct_err session_user(struct ctx *x, int64_t user_id, struct session *s)
{
	nct_err e = user_by_id(x, user_id, &s->user);
	return e ? e : s->user.disabled ? NCT_ERR_NOTFOUND : NCT_OK;
}

nct_err auth_session(struct ctx *x, const char *token, struct session *s)
{
	static const char sql[] = "SELECT user_id, csrf, created_at, last_seen FROM sessions"
	                          " WHERE token_hash = ?";
	char hash[AUTH_TOKEN_LEN + 1];
	struct token_row t;
	nct_err e = token_find(x, token, sql, 0, &session_cols, hash, s, &t);
	if (e)
		return e;
	snprintf(s->csrf, sizeof s->csrf, "%s", t.csrf);
	int64_t now = (int64_t)time(NULL);
	if (now - t.last_seen > SESSION_IDLE_SECONDS || now - s->created_at > SESSION_MAX_SECONDS)
		return NCT_ERR_NOTFOUND;
	e = session_user(x, t.user_id, s);
	return e || now - t.last_seen <= TOUCH_SECONDS ? e : touch(x->db, hash, now);
}

nct_err auth_logout(struct ctx *x, const char *token)
{
	struct db *db = x->db;
	static const char sql[] = "DELETE FROM sessions WHERE token_hash = ?";
	char hash[AUTH_TOKEN_LEN + 1];
	if (!token_hash_checked(token, hash))
		return NCT_OK;
	nct_err e = db_begin(db);
	if (e)
		return e;
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(hash));
	e = db_run(st);
	if (!e)
		e = audit_write(x, "logout", "user", x->actor.username, NULL, NULL);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

/* The audit row says what the token is called and when it ends. */
static nct_err token_audit(struct ctx *x, const char *username, const char *name,
                           int64_t expires_at)
{
	char until[26];
	time_format_vn((time_t)expires_at, until);
	json_t *o = json_pack("{s:s, s:s}", "name", name, "expires_at", until);
	char *nj = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (!nj)
		return NCT_ERR_NOMEM;
	nct_err e = audit_write(x, "create", "api_token", username, NULL, nj);
	free(nj);
	return e;
}

/* Who a token is for, and for how long, under what label. */
static nct_err token_check(struct ctx *x, const char *username, const char *name, int days,
                           struct user *u, struct refusal *rf)
{
	nct_err e = user_by_name(x, username, u);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_NO_USER, "username", "s", username);
	if (!e && u->disabled)
		e = refuse(rf, NCT_ERR_INVALID, RF_USER_DISABLED, "username", "s", username);
	if (!e && (days < 1 || days > AUTH_TOKEN_MAX_DAYS))
		e = refuse(rf, NCT_ERR_INVALID, RF_TOKEN_DAYS, "days", "i",
		           (int64_t)AUTH_TOKEN_MAX_DAYS);
	return e ? e : check_text(name, 100, "name", rf);
}

static nct_err token_write(struct ctx *x, const struct user *u, const char *name, const char *hash,
                           int64_t now, int64_t expires_at)
{
	static const char sql[] = "INSERT INTO api_tokens (token_hash, user_id, name, created_at,"
	                          " expires_at) VALUES (?,?,?,?,?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(hash), DB_I(u->id), DB_T(name), DB_I(now),
	                                DB_I(expires_at));
	nct_err e = db_run(st);
	return e ? e : token_audit(x, u->username, name, expires_at);
}

nct_err auth_token_create(struct ctx *x, const char *username, const char *name, int days,
                          char token[AUTH_TOKEN_LEN + 1], int64_t *expires_at, struct refusal *rf)
{
	struct user u;
	char hash[AUTH_TOKEN_LEN + 1];
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = token_check(x, username, name, days, &u, rf);
	if (e || (e = auth_random_token(token)))
		return e;
	token_hash(token, hash);
	int64_t now = (int64_t)time(NULL);
	*expires_at = now + (int64_t)days * 86400;
	if ((e = unit_begin(x)))
		return e;
	return unit_end(x, token_write(x, &u, name, hash, now, *expires_at));
}

nct_err auth_bearer(struct ctx *x, const char *token, struct session *s)
{
	static const char sql[] = "SELECT user_id, created_at FROM api_tokens WHERE token_hash = ?"
	                          " AND revoked = 0 AND expires_at > ?";
	char hash[AUTH_TOKEN_LEN + 1];
	struct token_row t;
	nct_err e = token_find(x, token, sql, (int64_t)time(NULL), &token_cols, hash, s, &t);
	if (e)
		return e;
	s->bearer = true;
	return session_user(x, t.user_id, s);
}

#include "user.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "check.h"
#include "ctx.h"
#include "club.h"
#include "org.h"
#include "place.h"

/* OWASP's Argon2id minimum (19 MiB, 2 passes): a login costs tens of ms, and
 * memory comes back after each hash, which keeps the server small. */
#define PWHASH_OPS 2
#define PWHASH_MEM (19u * 1024u * 1024u)

static const char *const role_names[ROLE_COUNT] = {
    "admin", "province", "department", "district", "commune", "club", "viewer",
};

const char *role_name(enum role r)
{
	return r < ROLE_COUNT ? role_names[r] : "unknown";
}

enum role role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE_COUNT; i++)
		if (strcmp(s, role_names[i]) == 0)
			return (enum role)i;
	return ROLE_COUNT;
}

bool role_needs_org(enum role r)
{
	return r == ROLE_DEPARTMENT;
}

bool role_needs_place(enum role r)
{
	return r == ROLE_PROVINCE || r == ROLE_DISTRICT || r == ROLE_COMMUNE;
}

/* One hash at a time per process: each takes PWHASH_MEM, so a burst of logins
 * cannot push the server's memory up by 19 MiB per concurrent attempt. */
static pthread_mutex_t pwhash_mu = PTHREAD_MUTEX_INITIALIZER;

nct_err password_hash(const char *password, char out[128])
{
	if (sodium_init() < 0)
		return NCT_ERR_NOMEM;
	pthread_mutex_lock(&pwhash_mu);
	int rc = crypto_pwhash_str_alg(out, password, strlen(password), PWHASH_OPS, PWHASH_MEM,
	                               crypto_pwhash_ALG_ARGON2ID13);
	pthread_mutex_unlock(&pwhash_mu);
	return rc == 0 ? NCT_OK : NCT_ERR_NOMEM;
}

bool password_verify(const char *hash, const char *password)
{
	if (sodium_init() < 0)
		return false;
	pthread_mutex_lock(&pwhash_mu);
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	pthread_mutex_unlock(&pwhash_mu);
	return rc == 0;
}

/* The user named username may change it themselves, and admins may. */
static bool access_self(const struct ctx *x, const char *username)
{
	return access_admin(x) == NCT_OK || (x->authed && strcmp(x->username, username) == 0);
}

static bool username_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

static nct_err password_ok(const char *pw, struct refusal *rf)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_PASSWORD_LENGTH, "password", "ii",
		              (int64_t)PASSWORD_MIN, (int64_t)PASSWORD_MAX);
	return NCT_OK;
}

#define USER_COLS                                                                                  \
	"SELECT u.id, u.username, u.display_name, u.role, u.place_id, p.code, p.name, p.path,"     \
	" u.org_id, u.club_id, u.lang, u.disabled, c.code FROM users u"                            \
	" LEFT JOIN places p ON p.id = u.place_id LEFT JOIN clubs c ON c.id = u.club_id "

static int user_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct user *u = row;
	(void)arg;
	db_read_cols(st, &user_cols, u);
	u->role = role_parse(db_col_text(st, 3));
	return DB_KEEP;
}

nct_err user_by_name(struct ctx *x, const char *username, struct user *u)
{
	static const char sql[] = USER_COLS "WHERE u.username = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(username));
	return db_row(st, u, user_from_row, NULL);
}

nct_err user_by_id(struct ctx *x, int64_t id, struct user *u)
{
	static const char sql[] = USER_COLS "WHERE u.id = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(id));
	return db_row(st, u, user_from_row, NULL);
}

nct_err user_list(struct ctx *x, struct user **out, size_t *n)
{
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	static const char sql[] = USER_COLS "ORDER BY u.username";
	struct db_stmt *st = db_prepare(x->db, sql);
	nct_err e;
	*out = db_list(st, sizeof **out, USER_LIST_MAX, user_from_row, NULL, n, &e);
	return e;
}

/* Where a new user is bound: ids resolved from the codes of struct user_new. */
struct binding {
	int64_t place_id, org_id, club_id;
};

static char *user_json(const struct user_new *in, const struct binding *b)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "username", in->username, "display_name",
	                      in->display_name, "role", role_name(in->role));
	if (!o)
		return NULL;
	if (b->place_id && !b->club_id)
		json_object_set_new(o, "place", json_string(in->place_code));
	if (b->org_id)
		json_object_set_new(o, "org", json_string(in->org_code));
	if (b->club_id)
		json_object_set_new(o, "club", json_string(in->club_code));
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static bool given(const char *code)
{
	return code && code[0];
}

static nct_err bind_place(struct ctx *x, const struct user_new *in, struct binding *b,
                          struct refusal *rf)
{
	struct place p;
	if (!given(in->place_code))
		return role_needs_place(in->role) ? refuse(rf, NCT_ERR_INVALID, RF_ROLE_NEEDS_PLACE,
		                                           "place", "s", role_name(in->role))
		                                  : NCT_OK;
	if (place_get(x, in->place_code, date_today_vn(), &p) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", in->place_code);
	b->place_id = p.id;
	return NCT_OK;
}

static nct_err bind_org(struct ctx *x, const struct user_new *in, struct binding *b,
                        struct refusal *rf)
{
	struct org o;
	if (!given(in->org_code))
		return role_needs_org(in->role)
		           ? refuse(rf, NCT_ERR_INVALID, RF_ROLE_NEEDS_ORG, "org", "")
		           : NCT_OK;
	if (org_get(x, in->org_code, &o) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, "org", "s", in->org_code);
	b->org_id = o.id;
	if (!b->place_id)
		b->place_id = o.place_id;
	return NCT_OK;
}

/* A club user is bound to one club, whose commune is its place. */
static nct_err bind_club(struct ctx *x, const struct user_new *in, struct binding *b,
                         struct refusal *rf)
{
	struct club c;
	if (in->role != ROLE_CLUB && !given(in->club_code))
		return NCT_OK;
	if (in->role != ROLE_CLUB || !given(in->club_code) || given(in->place_code))
		return refuse(rf, NCT_ERR_INVALID, RF_CLUB_BINDING, "club", "");
	if (club_get(x, in->club_code, date_today_vn(), &c) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_CLUB_UNKNOWN, "club", "");
	b->club_id = c.id;
	b->place_id = c.place_id;
	return NCT_OK;
}

static nct_err user_insert(struct db *db, const struct user_new *in, const struct binding *b,
                           const char *hash, int64_t *id)
{
	static const char sql[] = "INSERT INTO users (username, display_name, role, place_id,"
	                          " org_id, club_id, password_hash, created_at)"
	                          " VALUES (?,?,?,?,?,?,?,?) RETURNING id";
	struct db_stmt *st = db_prepare(db, sql);
	char now[26];
	time_format_vn(time(NULL), now);
	DB_BINDS(st, DB_T(in->username), DB_T(in->display_name), DB_T(role_name(in->role)));
	const int64_t ids[3] = {b->place_id, b->org_id, b->club_id};
	for (int i = 0; i < 3; i++)
		if (ids[i])
			db_bind_int(st, 4 + i, ids[i]);
		else
			db_bind_null(st, 4 + i);
	db_bind_text(st, 7, hash);
	db_bind_text(st, 8, now);
	return db_int(st, id);
}

/* The rules of a new user that need no store. */
static nct_err user_new_check(const struct user_new *in, struct refusal *rf)
{
	if (!in->username || !username_ok(in->username))
		return refuse(rf, NCT_ERR_INVALID, RF_USERNAME_FORMAT, "username", "i",
		              (int64_t)USERNAME_MAX);
	nct_err e = check_title(in->display_name, USER_NAME_MAX, "display_name", rf);
	if (!e && in->role >= ROLE_COUNT)
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "role", "s",
		           "admin, province, department, district, commune, club, viewer");
	return e ? e : password_ok(in->password, rf);
}

static nct_err user_write(struct ctx *x, const struct user_new *in, const struct binding *b,
                          const char *hash, int64_t *id, struct refusal *rf)
{
	nct_err e = user_insert(x->db, in, b, hash, id);
	if (e == NCT_ERR_CONFLICT)
		return refuse(rf, e, RF_TAKEN, "username", "s", in->username);
	if (e)
		return e;
	return audit_change(x, "create", "user", in->username, AUDIT_NONE, user_json(in, b));
}

nct_err user_create(struct ctx *x, const struct user_new *in, int64_t *id, struct refusal *rf)
{
	struct binding b = {0};
	char hash[128];
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = user_new_check(in, rf);
	if (!e)
		e = bind_place(x, in, &b, rf);
	if (!e)
		e = bind_org(x, in, &b, rf);
	if (!e)
		e = bind_club(x, in, &b, rf);
	if (!e)
		e = password_hash(in->password, hash);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, user_write(x, in, &b, hash, id, rf));
}

/* Runs one UPDATE/DELETE keyed by username or id and reports whether a row changed. */
static nct_err exec_changed(struct db *db, struct db_stmt *st)
{
	if (!st)
		return NCT_ERR_DB;
	nct_err e = db_run(st);
	if (e)
		return e;
	return db_changes(db) ? NCT_OK : NCT_ERR_NOTFOUND;
}

/* The new hash, and the end of every session opened with the old password. */
static nct_err password_write(struct ctx *x, const char *username, const char *hash)
{
	static const char sql[] = "UPDATE users SET password_hash = ? WHERE username = ?";
	static const char sql_end[] = "DELETE FROM sessions WHERE user_id ="
	                              " (SELECT id FROM users WHERE username = ?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(hash), DB_T(username));
	nct_err e = exec_changed(x->db, st);
	if (e)
		return e;
	st = DB_PREPARE(x->db, sql_end, DB_T(username));
	e = db_run(st);
	return e ? e : audit_write(x, "password", "user", username, NULL, NULL);
}

nct_err user_set_password(struct ctx *x, const char *username, const char *password,
                          struct refusal *rf)
{
	char hash[128];
	if (!access_self(x, username))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = password_ok(password, rf);
	if (!e)
		e = password_hash(password, hash);
	if (e || (e = unit_begin(x)))
		return e;
	e = unit_end(x, password_write(x, username, hash));
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_NO_USER, "username", "s", username);
	return e;
}

nct_err user_change_password(struct ctx *x, const char *current, const char *password,
                             struct refusal *rf)
{
	struct user u;
	nct_err e = x->authed ? user_check_password(x, x->username, current ? current : "", &u)
	                      : NCT_ERR_DENIED;
	if (e == NCT_ERR_DENIED)
		return refuse(rf, NCT_ERR_INVALID, RF_WRONG_PASSWORD, "current", "");
	return e ? e : user_set_password(x, x->username, password, rf);
}

nct_err user_disable(struct ctx *x, const char *username)
{
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] = "UPDATE users SET disabled = 1 WHERE username = ?";
	static const char sql_s[] = "DELETE FROM sessions WHERE user_id ="
	                            " (SELECT id FROM users WHERE username = ?)";
	static const char sql_t[] = "UPDATE api_tokens SET revoked = 1 WHERE user_id ="
	                            " (SELECT id FROM users WHERE username = ?)";
	nct_err e = db_begin(db);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, sql);
	if (st)
		db_bind_text(st, 1, username);
	e = exec_changed(db, st);
	const char *const follow[] = {sql_s, sql_t};
	for (int i = 0; !e && i < 2; i++) {
		st = db_prepare(db, follow[i]);
		if (!st) {
			e = NCT_ERR_DB;
			break;
		}
		db_bind_text(st, 1, username);
		e = db_run(st);
	}
	if (!e)
		e = audit_write(x, "disable", "user", username, "{\"disabled\":false}",
		                "{\"disabled\":true}");
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

nct_err user_set_lang(struct ctx *x, int64_t user_id, const char *lang)
{
	if (access_admin(x) != NCT_OK && x->actor.user_id != user_id)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] = "UPDATE users SET lang = ? WHERE id = ?";
	struct user u;
	if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
		return NCT_ERR_INVALID;
	nct_err e = db_begin(db);
	if (e)
		return e;
	e = user_by_id(x, user_id, &u);
	struct db_stmt *st = e ? NULL : db_prepare(db, sql);
	if (st) {
		DB_BINDS(st, DB_T(lang), DB_I(user_id));
	}
	if (!e)
		e = exec_changed(db, st);
	char oj[32], nj[32];
	snprintf(oj, sizeof oj, "{\"lang\":\"%s\"}", e ? "" : u.lang);
	snprintf(nj, sizeof nj, "{\"lang\":\"%s\"}", lang);
	if (!e)
		e = audit_write(x, "update", "user", u.username, oj, nj);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

/* A hash of a password nobody has, so unknown users cost what known ones do. */
static char decoy[128];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void decoy_init(void)
{
	if (password_hash("decoy-password-not-used", decoy))
		decoy[0] = '\0';
}

nct_err user_check_password(struct ctx *x, const char *username, const char *password,
                            struct user *u)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT password_hash FROM users WHERE username = ?";
	pthread_once(&decoy_once, decoy_init);
	if (!decoy[0])
		return NCT_ERR_NOMEM;
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(username));
	if (!st)
		return NCT_ERR_DB;
	char hash[128];
	nct_err e = db_text(st, hash, sizeof hash);
	if (e)
		return e;
	bool ok = password_verify(hash[0] ? hash : decoy, password) && hash[0];
	if (!ok)
		return NCT_ERR_DENIED;
	e = user_by_name(x, username, u);
	if (e)
		return e;
	return u->disabled ? NCT_ERR_DENIED : NCT_OK;
}

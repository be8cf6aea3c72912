#include "user.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../store/db.h"
#include "access.h"
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

static nct_err password_ok(const char *pw, char *msg, size_t msglen)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < PASSWORD_MIN || n > PASSWORD_MAX) {
		snprintf(msg, msglen, "Mật khẩu phải dài từ %d đến %d ký tự.", PASSWORD_MIN,
		         PASSWORD_MAX);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

#define USER_COLS                                                                                  \
	"SELECT u.id, u.username, u.display_name, u.role, u.place_id, p.code, p.name, p.path,"     \
	" u.org_id, u.club_id, u.lang, u.disabled, c.code FROM users u"                            \
	" LEFT JOIN places p ON p.id = u.place_id LEFT JOIN clubs c ON c.id = u.club_id "

static int user_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct user *u = row;
	(void)arg;
	memset(u, 0, sizeof *u);
	u->id = db_col_int(st, 0);
	copy(u->username, sizeof u->username, db_col_text(st, 1));
	copy(u->display_name, sizeof u->display_name, db_col_text(st, 2));
	u->role = role_parse(db_col_text(st, 3));
	u->place_id = db_col_int(st, 4);
	copy(u->place_code, sizeof u->place_code, db_col_text(st, 5));
	copy(u->place_name, sizeof u->place_name, db_col_text(st, 6));
	copy(u->place_path, sizeof u->place_path, db_col_text(st, 7));
	u->org_id = db_col_int(st, 8);
	u->club_id = db_col_int(st, 9);
	copy(u->lang, sizeof u->lang, db_col_text(st, 10));
	u->disabled = db_col_int(st, 11) != 0;
	copy(u->club_code, sizeof u->club_code, db_col_text(st, 12));
	return DB_KEEP;
}

nct_err user_by_name(struct ctx *x, const char *username, struct user *u)
{
	static const char sql[] = USER_COLS "WHERE u.username = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, username);
	return db_row(st, u, user_from_row, NULL);
}

nct_err user_by_id(struct ctx *x, int64_t id, struct user *u)
{
	static const char sql[] = USER_COLS "WHERE u.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	return db_row(st, u, user_from_row, NULL);
}

nct_err user_list(struct ctx *x, struct user **out, size_t *n)
{
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	static const char sql[] = USER_COLS "ORDER BY u.username";
	struct vec v;
	vec_init(&v, sizeof **out, USER_LIST_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	nct_err e = db_rows(st, &v, user_from_row, NULL);
	*out = vec_result(&v, e, n);
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

static nct_err bind_place(struct ctx *x, const struct user_new *in, struct binding *b, char *msg,
                          size_t msglen)
{
	struct place p;
	if (!given(in->place_code)) {
		if (!role_needs_place(in->role))
			return NCT_OK;
		snprintf(msg, msglen, "Vai trò %s cần một địa bàn (mã đơn vị hành chính).",
		         role_name(in->role));
		return NCT_ERR_INVALID;
	}
	if (place_get(x, in->place_code, date_today_vn(), &p) != NCT_OK) {
		snprintf(msg, msglen, "Không có đơn vị hành chính mã %s vào ngày hôm nay.",
		         in->place_code);
		return NCT_ERR_INVALID;
	}
	b->place_id = p.id;
	return NCT_OK;
}

static nct_err bind_org(struct ctx *x, const struct user_new *in, struct binding *b, char *msg,
                        size_t msglen)
{
	struct org o;
	if (!given(in->org_code)) {
		if (!role_needs_org(in->role))
			return NCT_OK;
		snprintf(msg, msglen, "Vai trò department cần một cơ quan (mã tổ chức).");
		return NCT_ERR_INVALID;
	}
	if (org_get(x, in->org_code, &o) != NCT_OK) {
		snprintf(msg, msglen, "Không có cơ quan, tổ chức mã %s.", in->org_code);
		return NCT_ERR_INVALID;
	}
	b->org_id = o.id;
	if (!b->place_id)
		b->place_id = o.place_id;
	return NCT_OK;
}

/* A club user is bound to one club, whose commune is its place. */
static nct_err bind_club(struct ctx *x, const struct user_new *in, struct binding *b, char *msg,
                         size_t msglen)
{
	struct club c;
	if (in->role != ROLE_CLUB && !given(in->club_code))
		return NCT_OK;
	if (in->role != ROLE_CLUB || !given(in->club_code) || given(in->place_code)) {
		snprintf(
		    msg, msglen,
		    "Người dùng vai trò club gắn với đúng một câu lạc bộ (mã câu lạc bộ) và "
		    "lấy địa bàn của câu lạc bộ đó; các vai trò khác không gắn với câu lạc bộ.");
		return NCT_ERR_INVALID;
	}
	if (club_get(x, in->club_code, date_today_vn(), &c) != NCT_OK) {
		snprintf(msg, msglen, "Không có câu lạc bộ mã %s.", in->club_code);
		return NCT_ERR_INVALID;
	}
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
	db_bind_text(st, 1, in->username);
	db_bind_text(st, 2, in->display_name);
	db_bind_text(st, 3, role_name(in->role));
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
static nct_err user_new_check(const struct user_new *in, char *msg, size_t msglen)
{
	if (!in->username || !username_ok(in->username)) {
		snprintf(msg, msglen,
		         "Tên đăng nhập phải dài 3–%d ký tự, chỉ gồm chữ thường không "
		         "dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
		         USERNAME_MAX);
		return NCT_ERR_INVALID;
	}
	if (!in->display_name || !in->display_name[0] || strlen(in->display_name) > 120) {
		snprintf(msg, msglen, "Họ tên phải có và dài không quá 120 byte.");
		return NCT_ERR_INVALID;
	}
	if (in->role >= ROLE_COUNT) {
		snprintf(msg, msglen, "Vai trò không hợp lệ.");
		return NCT_ERR_INVALID;
	}
	return password_ok(in->password, msg, msglen);
}

static nct_err user_write(struct ctx *x, const struct user_new *in, const struct binding *b,
                          const char *hash, int64_t *id, char *msg, size_t msglen)
{
	nct_err e = user_insert(x->db, in, b, hash, id);
	if (e == NCT_ERR_CONFLICT)
		snprintf(msg, msglen, "Tên đăng nhập %s đã có.", in->username);
	if (e)
		return e;
	char *nj = user_json(in, b);
	e = nj ? audit_write(x, "create", "user", in->username, NULL, nj) : NCT_ERR_NOMEM;
	free(nj);
	return e;
}

nct_err user_create(struct ctx *x, const struct user_new *in, int64_t *id, char *msg, size_t msglen)
{
	struct binding b = {0};
	char hash[128];
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	nct_err e = user_new_check(in, msg, msglen);
	if (!e)
		e = bind_place(x, in, &b, msg, msglen);
	if (!e)
		e = bind_org(x, in, &b, msg, msglen);
	if (!e)
		e = bind_club(x, in, &b, msg, msglen);
	if (!e)
		e = password_hash(in->password, hash);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, user_write(x, in, &b, hash, id, msg, msglen));
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

nct_err user_set_password(struct ctx *x, const char *username, const char *password, char *msg,
                          size_t msglen)
{
	if (!access_self(x, username))
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] = "UPDATE users SET password_hash = ? WHERE username = ?";
	static const char sql_end[] = "DELETE FROM sessions WHERE user_id ="
	                              " (SELECT id FROM users WHERE username = ?)";
	nct_err e = password_ok(password, msg, msglen);
	if (e)
		return e;
	char hash[128];
	if ((e = password_hash(password, hash)))
		return e;
	if ((e = db_begin(db)))
		return e;
	struct db_stmt *st = db_prepare(db, sql);
	if (st) {
		db_bind_text(st, 1, hash);
		db_bind_text(st, 2, username);
	}
	e = exec_changed(db, st);
	if (!e) {
		/* A new password ends every session opened with the old one. */
		st = db_prepare(db, sql_end);
		if (!st)
			e = NCT_ERR_DB;
		else {
			db_bind_text(st, 1, username);
			e = db_run(st);
		}
	}
	if (!e)
		e = audit_write(x, "password", "user", username, NULL, NULL);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	if (e == NCT_ERR_NOTFOUND)
		snprintf(msg, msglen, "Không có người dùng %s.", username);
	return e;
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
		db_bind_text(st, 1, lang);
		db_bind_int(st, 2, user_id);
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
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	db_bind_text(st, 1, username);
	char hash[128] = "";
	int rc = db_step(st);
	if (rc == DB_ROW)
		copy(hash, sizeof hash, db_col_text(st, 0));
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	bool ok = password_verify(hash[0] ? hash : decoy, password) && hash[0];
	if (!ok)
		return NCT_ERR_DENIED;
	nct_err e = user_by_name(x, username, u);
	if (e)
		return e;
	return u->disabled ? NCT_ERR_DENIED : NCT_OK;
}

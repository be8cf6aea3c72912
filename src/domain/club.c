#include "club.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "ctx.h"
#include "user.h"

static const char *const kinds[][3] = {
    {"ishc", "CLB Liên thế hệ tự giúp nhau", "Intergenerational Self-Help Club"},
    {"culture", "CLB văn hóa, văn nghệ", "Culture club"},
    {"sports", "CLB thể dục, thể thao", "Sports club"},
    {"health", "CLB sức khỏe", "Health club"},
    {"other", "CLB khác", "Other club"},
};

static const char *const statuses[][3] = {
    {"active", "đang hoạt động", "active"},
    {"suspended", "tạm ngừng", "suspended"},
    {"dissolved", "giải thể", "dissolved"},
};

static const char *label(const char *const (*table)[3], size_t n, const char *key, const char *lang)
{
	int col = lang && strcmp(lang, "en") == 0 ? 2 : 1;
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(key, table[i][0]) == 0)
			return table[i][col];
	return key ? key : "";
}

bool club_kind_valid(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i][0]) == 0)
			return true;
	return false;
}

const char *club_kind_label(const char *kind, const char *lang)
{
	return label(kinds, sizeof kinds / sizeof kinds[0], kind, lang);
}

const char *club_status_label(const char *status, const char *lang)
{
	return label(statuses, sizeof statuses / sizeof statuses[0], status, lang);
}

static bool status_valid(const char *s)
{
	for (size_t i = 0; s && i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(s, statuses[i][0]) == 0)
			return true;
	return false;
}

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* The status in force on a day is the latest row on or before it; the cohort
 * is the one whose founding window holds the founding date. */
#define CLUB_COLS                                                                                  \
	"SELECT c.id, c.code, c.name, c.kind, c.place_id, pl.code, pl.name, pl.path,"              \
	" c.founded_on, (SELECT k.code FROM club_cohorts k WHERE c.founded_on BETWEEN"             \
	" k.founded_from AND k.founded_to),"                                                       \
	" (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= ?"             \
	" ORDER BY s.since DESC, s.id DESC LIMIT 1),"                                              \
	" (SELECT s.since FROM club_status s WHERE s.club_id = c.id AND s.since <= ?"              \
	" ORDER BY s.since DESC, s.id DESC LIMIT 1),"                                              \
	" (SELECT COUNT(*) FROM memberships m WHERE m.club_id = c.id AND m.joined_on <= ?"         \
	" AND (m.left_on IS NULL OR m.left_on > ?)), v.code, v.name"                               \
	" FROM clubs c JOIN places pl ON pl.id = c.place_id LEFT JOIN places v ON v.id = "         \
	"c.village_id "

static int club_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct club *c = row;
	(void)arg;
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	copy(c->code, sizeof c->code, db_col_text(st, 1));
	copy(c->name, sizeof c->name, db_col_text(st, 2));
	copy(c->kind, sizeof c->kind, db_col_text(st, 3));
	c->place_id = db_col_int(st, 4);
	copy(c->place_code, sizeof c->place_code, db_col_text(st, 5));
	copy(c->place_name, sizeof c->place_name, db_col_text(st, 6));
	copy(c->place_path, sizeof c->place_path, db_col_text(st, 7));
	copy(c->founded_on, sizeof c->founded_on, db_col_text(st, 8));
	copy(c->cohort, sizeof c->cohort, db_col_text(st, 9));
	/* before its founding a club has no status yet */
	copy(c->status, sizeof c->status, db_col_text(st, 10));
	copy(c->status_since, sizeof c->status_since, db_col_text(st, 11));
	c->members = (int)db_col_int(st, 12);
	copy(c->village_code, sizeof c->village_code, db_col_text(st, 13));
	copy(c->village_name, sizeof c->village_name, db_col_text(st, 14));
	return DB_KEEP;
}

static void bind_on(struct db_stmt *st, struct date on)
{
	char d[DATE_LEN];
	date_format(on, d);
	for (int i = 1; i <= 4; i++)
		db_bind_text(st, i, d);
}

nct_err club_get(struct ctx *x, const char *code, struct date on, struct club *out)
{
	static const char sql[] = CLUB_COLS "WHERE c.code = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	bind_on(st, on);
	db_bind_text(st, 5, code);
	nct_err e = db_row(st, out, club_from_row, NULL);
	if (!e && (e = access_club(x, out, ACCESS_SEE)))
		memset(out, 0, sizeof *out);
	return e;
}

static bool club_keep(const struct ctx *x, const struct club *c, const struct scope *under,
                      const struct club_filter *f, const char *fold_q)
{
	if (access_club(x, c, ACCESS_SEE) != NCT_OK)
		return false;
	if (under && !scope_contains(under, c->place_path))
		return false;
	if (f->status && strcmp(f->status, c->status) != 0)
		return false;
	if (f->cohort && strcmp(f->cohort, c->cohort) != 0)
		return false;
	if (f->kind && strcmp(f->kind, c->kind) != 0)
		return false;
	if (fold_q) {
		char *nf = text_fold_dup(c->name);
		bool hit = nf && (text_fold_match(nf, fold_q) || strstr(c->code, fold_q));
		free(nf);
		return hit;
	}
	return true;
}

/* What club_list keeps: the filter, with the place asked for and the folded
 * query worked out once. */
struct club_query {
	const struct ctx *x;
	const struct scope *under; /* NULL: no place asked for */
	const struct club_filter *f;
	char *fold_q;
};

static int club_listed(struct db_stmt *st, void *row, void *arg)
{
	const struct club_query *q = arg;
	club_from_row(st, row, NULL);
	return club_keep(q->x, row, q->under, q->f, q->fold_q) ? DB_KEEP : DB_SKIP;
}

nct_err club_list(struct ctx *x, const struct club_filter *f, struct date on, struct club **out,
                  size_t *n)
{
	static const char sql[] = CLUB_COLS "ORDER BY pl.path, c.name_fold";
	struct place p;
	struct scope under; /* the place asked for and the units it was formed from */
	nct_err e = NCT_OK;
	*out = NULL;
	*n = 0;
	if (f->place_code &&
	    ((e = place_get(x, f->place_code, on, &p)) || (e = scope_of_place(x, p.id, &under))))
		return e;
	struct club_query q = {x, f->place_code ? &under : NULL, f,
	                       f->q && f->q[0] ? text_fold_dup(f->q) : NULL};
	struct vec v;
	vec_init(&v, sizeof **out, CLUB_LIST_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	bind_on(st, on);
	e = db_rows(st, &v, club_listed, &q);
	free(q.fold_q);
	*out = vec_result(&v, e, n);
	return e;
}

/* A date given by a user: well-formed, and not after today. */
static bool past_date(const char *s, struct date *d)
{
	return s && date_parse(s, d) == NCT_OK && date_cmp(*d, date_today_vn()) <= 0;
}

/* Codes go into URLs: ASCII letters, digits, '.', '_', '-'. */
static bool code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 30)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static nct_err club_check(struct ctx *x, const struct club_new *in, struct place *p, char *msg,
                          size_t msglen)
{
	struct date founded;
	if (!code_ok(in->code)) {
		snprintf(msg, msglen,
		         "Mã câu lạc bộ phải dài 1–30 ký tự, chỉ gồm chữ không dấu, số, "
		         "dấu chấm, gạch dưới hoặc gạch ngang.");
		return NCT_ERR_INVALID;
	}
	if (!in->name || !in->name[0] || strlen(in->name) > 150) {
		snprintf(msg, msglen, "Tên câu lạc bộ phải có và dài không quá 150 byte.");
		return NCT_ERR_INVALID;
	}
	if (!club_kind_valid(in->kind)) {
		snprintf(msg, msglen, "Loại câu lạc bộ không hợp lệ.");
		return NCT_ERR_INVALID;
	}
	if (!past_date(in->founded_on, &founded)) {
		snprintf(msg, msglen,
		         "Ngày thành lập phải có dạng YYYY-MM-DD và không ở tương lai.");
		return NCT_ERR_INVALID;
	}
	nct_err e = in->place_code ? place_get(x, in->place_code, founded, p) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_DENIED || (!e && !access_place(x, p->path, ACCESS_CHANGE))) {
		snprintf(msg, msglen, "Xã/phường mã %s nằm ngoài địa bàn của bạn.", in->place_code);
		return NCT_ERR_DENIED;
	}
	if (e || p->level != PLACE_COMMUNE) {
		snprintf(msg, msglen, "Không có xã/phường mã %s vào ngày thành lập.",
		         in->place_code ? in->place_code : "");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

/* The club's village, if one is named: a village in force today whose commune
 * is the club's, or was formed from it (a club of 2020 in a village of 2026). */
static nct_err village_check(struct ctx *x, const struct club_new *in, const struct place *commune,
                             int64_t *village_id, char *msg, size_t msglen)
{
	struct place v;
	struct scope vs;
	*village_id = 0;
	if (!in->village_code || !in->village_code[0])
		return NCT_OK;
	bool ok = place_get(x, in->village_code, date_today_vn(), &v) == NCT_OK &&
	          v.level == PLACE_VILLAGE && scope_of_place(x, v.parent_id, &vs) == NCT_OK &&
	          scope_contains(&vs, commune->path);
	if (!ok) {
		snprintf(msg, msglen, "Thôn mã %s không thuộc xã/phường %s.", in->village_code,
		         commune->name);
		return NCT_ERR_INVALID;
	}
	*village_id = v.id;
	return NCT_OK;
}

static nct_err club_insert(struct db *db, const struct club_new *in, int64_t place_id,
                           int64_t village_id, int64_t *id)
{
	static const char sql[] = "INSERT INTO clubs (code, name, name_fold, kind, place_id,"
	                          " founded_on, created_at, village_id) VALUES (?,?,?,?,?,?,?,?)"
	                          " RETURNING id";
	static const char sql_s[] =
	    "INSERT INTO club_status (club_id, status, since) VALUES (?, 'active', ?)";
	char now[26];
	char *fold = text_fold_dup(in->name);
	struct db_stmt *st = fold ? db_prepare(db, sql) : NULL;
	if (!st) {
		free(fold);
		return fold ? NCT_ERR_DB : NCT_ERR_INVALID;
	}
	time_format_vn(time(NULL), now);
	db_bind_text(st, 1, in->code);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, fold);
	db_bind_text(st, 4, in->kind);
	db_bind_int(st, 5, place_id);
	db_bind_text(st, 6, in->founded_on);
	db_bind_text(st, 7, now);
	if (village_id)
		db_bind_int(st, 8, village_id);
	else
		db_bind_null(st, 8);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	free(fold);
	if (rc < 0)
		return (nct_err)-rc;
	st = db_prepare(db, sql_s);
	if (!st)
		return NCT_ERR_DB;
	db_bind_int(st, 1, *id);
	db_bind_text(st, 2, in->founded_on);
	return db_run(st);
}

nct_err club_create(struct ctx *x, const struct club_new *in, int64_t *id, char *msg, size_t msglen)
{
	struct db *db = x->db;
	struct place p;
	int64_t village_id = 0;
	if (!access_changes(x)) {
		snprintf(msg, msglen, "Vai trò của bạn không được lập câu lạc bộ.");
		return NCT_ERR_DENIED;
	}
	nct_err e = club_check(x, in, &p, msg, msglen);
	if (!e)
		e = village_check(x, in, &p, &village_id, msg, msglen);
	if (e)
		return e;
	if ((e = db_begin(db)))
		return e;
	e = club_insert(db, in, p.id, village_id, id);
	if (e == NCT_ERR_CONFLICT)
		snprintf(msg, msglen, "Mã câu lạc bộ %s đã có.", in->code);
	if (!e) {
		json_t *o =
		    json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", in->code, "name", in->name,
		              "kind", in->kind, "place", p.code, "founded_on", in->founded_on);
		char *nj = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(o);
		e = nj ? audit_write(x, "create", "club", in->code, NULL, nj) : NCT_ERR_NOMEM;
		free(nj);
	}
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

nct_err club_set_status(struct ctx *x, const struct club *c, const char *status, const char *since,
                        const char *note, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] =
	    "INSERT INTO club_status (club_id, status, since, note) VALUES (?,?,?,?)";
	struct date d, founded;
	if (!status_valid(status)) {
		snprintf(msg, msglen, "Trạng thái phải là active, suspended hoặc dissolved.");
		return NCT_ERR_INVALID;
	}
	if (!past_date(since, &d) || date_parse(c->founded_on, &founded) ||
	    date_cmp(d, founded) < 0) {
		snprintf(msg, msglen,
		         "Ngày phải có dạng YYYY-MM-DD, không trước ngày thành lập "
		         "và không ở tương lai.");
		return NCT_ERR_INVALID;
	}
	nct_err e = db_begin(db);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		e = NCT_ERR_DB;
	else {
		db_bind_int(st, 1, c->id);
		db_bind_text(st, 2, status);
		db_bind_text(st, 3, since);
		db_bind_text(st, 4, note);
		e = db_run(st);
	}
	char oj[64], nj[96];
	snprintf(oj, sizeof oj, "{\"status\":\"%s\"}", c->status);
	snprintf(nj, sizeof nj, "{\"since\":\"%s\",\"status\":\"%s\"}", since, status);
	if (!e)
		e = audit_write(x, "update", "club", c->code, oj, nj);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

nct_err composition_rule_on(struct ctx *x, struct date on, struct composition_rule *out)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT min_members, max_members, women_min_pct, women_max_pct, older_min_pct,"
	    " older_max_pct, younger_min_pct, younger_max_pct, older_age FROM composition_rules"
	    " WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1";
	char d[DATE_LEN];
	date_format(on, d);
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	db_bind_text(st, 1, d);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		int *f[] = {&out->min_members,     &out->max_members,     &out->women_min_pct,
		            &out->women_max_pct,   &out->older_min_pct,   &out->older_max_pct,
		            &out->younger_min_pct, &out->younger_max_pct, &out->older_age};
		for (int i = 0; i < 9; i++)
			*f[i] = (int)db_col_int(st, i);
	}
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	/* before any rule was set, the plan's values hold */
	if (rc != DB_ROW)
		*out = composition_rule_plan327;
	return NCT_OK;
}

nct_err club_composition(struct ctx *x, const struct club *c, struct date on,
                         struct composition *out)
{
	if (access_club(x, c, ACCESS_SEE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct composition_rule rule;
	struct member *v;
	size_t n;
	nct_err e = composition_rule_on(x, on, &rule);
	if (!e)
		e = club_members(x, c, &v, &n);
	if (e)
		return e;
	struct member_fact *facts = calloc(n ? n : 1, sizeof *facts);
	if (!facts) {
		free(v);
		return NCT_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		facts[i].sex = v[i].person.sex;
		facts[i].birth = v[i].person.birth;
		facts[i].hardship = v[i].person.hardship;
		date_parse(v[i].joined_on, &facts[i].joined);
		facts[i].has_left =
		    v[i].left_on[0] && date_parse(v[i].left_on, &facts[i].left) == NCT_OK;
	}
	composition_compute(facts, n, &rule, on, out);
	free(facts);
	free(v);
	return NCT_OK;
}

nct_err club_exported(struct ctx *x, const struct club *c, const char *table, const char *format,
                      size_t rows)
{
	if (access_club(x, c, ACCESS_SEE) != NCT_OK)
		return NCT_ERR_DENIED;
	char nj[128];
	snprintf(nj, sizeof nj, "{\"format\":\"%s\",\"rows\":%zu,\"table\":\"%s\"}", format, rows,
	         table);
	nct_err e = db_begin(x->db);
	if (!e)
		e = audit_write(x, "export", "club", c->code, NULL, nj);
	if (!e)
		return db_commit(x->db);
	db_rollback(x->db);
	return e;
}

nct_err club_update(struct ctx *x, const struct club *c, const char *name, const char *kind,
                    char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] = "UPDATE clubs SET name = ?, name_fold = ?, kind = ? WHERE id = ?";
	if (!name || !name[0] || strlen(name) > 150) {
		snprintf(msg, msglen, "Tên câu lạc bộ phải có và dài không quá 150 byte.");
		return NCT_ERR_INVALID;
	}
	if (!club_kind_valid(kind)) {
		snprintf(msg, msglen, "Loại câu lạc bộ không hợp lệ.");
		return NCT_ERR_INVALID;
	}
	char *fold = text_fold_dup(name);
	if (!fold) {
		snprintf(msg, msglen, "Tên câu lạc bộ không phải văn bản UTF-8 hợp lệ.");
		return NCT_ERR_INVALID;
	}
	nct_err e = db_begin(db);
	struct db_stmt *st = e ? NULL : db_prepare(db, sql);
	if (!e && !st)
		e = NCT_ERR_DB;
	if (!e) {
		db_bind_text(st, 1, name);
		db_bind_text(st, 2, fold);
		db_bind_text(st, 3, kind);
		db_bind_int(st, 4, c->id);
		e = db_run(st);
	}
	if (!e) {
		json_t *o = json_pack("{s:s, s:s}", "name", c->name, "kind", c->kind);
		json_t *n = json_pack("{s:s, s:s}", "name", name, "kind", kind);
		char *oj = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		char *nj = n ? json_dumps(n, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		e = oj && nj ? audit_write(x, "update", "club", c->code, oj, nj) : NCT_ERR_NOMEM;
		json_decref(o);
		json_decref(n);
		free(oj);
		free(nj);
	}
	free(fold);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

static bool board_role_valid(const char *role)
{
	static const char *const roles[] = {"chair", "vice_chair", "treasurer"};
	for (size_t i = 0; role && i < 3; i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

const char *board_role_label(const char *role, const char *lang)
{
	static const char *const t[][3] = {{"chair", "Chủ nhiệm", "Chair"},
	                                   {"vice_chair", "Phó chủ nhiệm", "Vice-chair"},
	                                   {"treasurer", "Thủ quỹ", "Treasurer"}};
	return label(t, 3, role, lang);
}

/* Whether the person is a member of the club on the day. */
static nct_err member_on(struct db *db, int64_t club_id, int64_t person_id, const char *day,
                         bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ? AND"
	                          " person_id = ? AND joined_on <= ? AND (left_on IS NULL OR"
	                          " left_on > ?)";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, day);
	int64_t k;
	nct_err e = db_int(st, &k);
	*yes = k > 0;
	return e;
}

nct_err club_board_add(struct ctx *x, const struct club *c, const struct board_new *in, char *msg,
                       size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO club_board (club_id, person_id, role, term_from,"
	                          " term_to) VALUES (?,?,?,?,?)";
	struct date from, to, founded;
	struct person p;
	bool member = false;
	nct_err e = person_get(x, in->person_id, &p);
	if (e == NCT_ERR_NOTFOUND)
		snprintf(msg, msglen, "Không có người này.");
	if (e)
		return e == NCT_ERR_NOTFOUND ? NCT_ERR_INVALID : e;
	if (!board_role_valid(in->role)) {
		snprintf(msg, msglen, "Chức vụ phải là chair, vice_chair hoặc treasurer.");
		return NCT_ERR_INVALID;
	}
	if (!past_date(in->term_from, &from) || date_parse(c->founded_on, &founded) ||
	    date_cmp(from, founded) < 0 ||
	    (in->term_to && (date_parse(in->term_to, &to) || date_cmp(to, from) <= 0))) {
		snprintf(msg, msglen,
		         "Nhiệm kỳ phải bắt đầu không trước ngày thành lập, không ở "
		         "tương lai, và kết thúc sau ngày bắt đầu (YYYY-MM-DD).");
		return NCT_ERR_INVALID;
	}
	e = member_on(db, c->id, in->person_id, in->term_from, &member);
	if (!e && !member) {
		snprintf(msg, msglen, "Người này không phải thành viên câu lạc bộ vào ngày %s.",
		         in->term_from);
		return NCT_ERR_INVALID;
	}
	if (!e)
		e = db_begin(db);
	struct db_stmt *st = e ? NULL : db_prepare(db, sql);
	if (!e && !st)
		e = NCT_ERR_DB;
	if (!e) {
		db_bind_int(st, 1, c->id);
		db_bind_int(st, 2, in->person_id);
		db_bind_text(st, 3, in->role);
		db_bind_text(st, 4, in->term_from);
		db_bind_text(st, 5, in->term_to);
		e = db_run(st);
		char nj[200];
		snprintf(nj, sizeof nj, "{\"person\":%lld,\"role\":\"%s\",\"term_from\":\"%s\"}",
		         (long long)in->person_id, in->role, in->term_from);
		if (!e)
			e = audit_write(x, "create", "club_board", c->code, NULL, nj);
		if (!e)
			return db_commit(db);
		db_rollback(db);
	}
	return e;
}

static int seat_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct board_seat *b = row;
	(void)arg;
	copy(b->role, sizeof b->role, db_col_text(st, 0));
	copy(b->term_from, sizeof b->term_from, db_col_text(st, 1));
	copy(b->term_to, sizeof b->term_to, db_col_text(st, 2));
	b->person_id = db_col_int(st, 3);
	copy(b->full_name, sizeof b->full_name, db_col_text(st, 4));
	return DB_KEEP;
}

nct_err club_board_on(struct ctx *x, const struct club *c, struct date on, struct board_seat **out,
                      size_t *n)
{
	if (access_club(x, c, ACCESS_SEE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT b.role, b.term_from, b.term_to, p.id, p.full_name FROM club_board b JOIN "
	    "persons"
	    " p ON p.id = b.person_id WHERE b.club_id = ? AND b.term_from <= ? AND (b.term_to IS"
	    " NULL OR b.term_to >= ?) ORDER BY b.role, b.term_from DESC";
	char day[DATE_LEN];
	date_format(on, day);
	struct vec v;
	vec_init(&v, sizeof **out, BOARD_SEATS_MAX);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, c->id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, day);
	nct_err e = db_rows(st, &v, seat_from_row, NULL);
	if (e == NCT_ERR_TOOBIG) /* the first seats are shown, as ever */
		e = NCT_OK;
	*out = vec_result(&v, e, n);
	return e;
}

static nct_err rule_check(const struct composition_rule *r, const char *valid_from, char *msg,
                          size_t msglen)
{
	struct date d;
	const int pairs[][2] = {{r->women_min_pct, r->women_max_pct},
	                        {r->older_min_pct, r->older_max_pct},
	                        {r->younger_min_pct, r->younger_max_pct}};
	if (!valid_from || date_parse(valid_from, &d)) {
		snprintf(msg, msglen, "Ngày hiệu lực phải có dạng YYYY-MM-DD.");
		return NCT_ERR_INVALID;
	}
	bool ok = r->min_members >= 1 && r->min_members <= r->max_members &&
	          r->max_members <= 10000 && r->older_age >= 50 && r->older_age <= 100;
	for (int i = 0; i < 3; i++)
		ok = ok && pairs[i][0] >= 0 && pairs[i][0] <= pairs[i][1] && pairs[i][1] <= 100;
	if (!ok) {
		snprintf(msg, msglen,
		         "Quy định không hợp lệ: số thành viên tối thiểu 1 và không quá "
		         "tối đa; tỷ lệ từ 0 đến 100, tối thiểu không quá tối đa; tuổi "
		         "người cao tuổi từ 50 đến 100.");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

nct_err composition_rule_add(struct ctx *x, const char *valid_from,
                             const struct composition_rule *r, const char *source, char *msg,
                             size_t msglen)
{
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] =
	    "INSERT INTO composition_rules (valid_from, min_members, max_members, women_min_pct,"
	    " women_max_pct, older_min_pct, older_max_pct, younger_min_pct, younger_max_pct,"
	    " older_age, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
	nct_err e = rule_check(r, valid_from, msg, msglen);
	if (!e && (!source || !source[0] || strlen(source) > 200)) {
		snprintf(msg, msglen, "Hãy ghi căn cứ (văn bản quy định), không quá 200 byte.");
		e = NCT_ERR_INVALID;
	}
	if (e || (e = db_begin(db)))
		return e;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		e = NCT_ERR_DB;
	else {
		const int v[] = {r->min_members,     r->max_members,     r->women_min_pct,
		                 r->women_max_pct,   r->older_min_pct,   r->older_max_pct,
		                 r->younger_min_pct, r->younger_max_pct, r->older_age};
		db_bind_text(st, 1, valid_from);
		for (int i = 0; i < 9; i++)
			db_bind_int(st, i + 2, v[i]);
		db_bind_text(st, 11, source);
		e = db_run(st);
		if (e == NCT_ERR_CONFLICT)
			snprintf(msg, msglen, "Đã có quy định hiệu lực từ ngày %s.", valid_from);
	}
	char nj[256];
	snprintf(nj, sizeof nj,
	         "{\"valid_from\":\"%s\",\"members\":[%d,%d],\"women\":[%d,%d],\"older\":[%d,%d],"
	         "\"younger\":[%d,%d],\"older_age\":%d}",
	         valid_from, r->min_members, r->max_members, r->women_min_pct, r->women_max_pct,
	         r->older_min_pct, r->older_max_pct, r->younger_min_pct, r->younger_max_pct,
	         r->older_age);
	if (!e)
		e = audit_write(x, "create", "composition_rule", valid_from, NULL, nj);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

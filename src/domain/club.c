#include "club.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "check.h"
#include "ctx.h"

const char *const club_kinds[] = {"ishc", "culture", "sports", "health", "other", NULL};
const char *const club_statuses[] = {"active", "suspended", "dissolved", NULL};

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
	nct_err e = db_row_of(st, &club_cols, out);
	if (!e && (e = access_club(x, out, ACCESS_SEE)))
		memset(out, 0, sizeof *out);
	return e;
}

static int by_id64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
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
	if (f->by_ids && (!f->nids || !bsearch(&c->id, f->ids, f->nids, sizeof *f->ids, by_id64)))
		return false;
	if (fold_q) {
		/* the query is folded (lower case): so are the name and the code it meets */
		char *nf = text_fold_dup(c->name), *cf = text_fold_dup(c->code);
		bool hit = nf && cf && (text_fold_match(nf, fold_q) || strstr(cf, fold_q));
		free(nf);
		free(cf);
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
	char on[DATE_LEN]; /* a club founded after it is not yet one */
};

static int club_listed(struct db_stmt *st, void *row, void *arg)
{
	const struct club_query *q = arg;
	const struct club *c = row;
	db_read_cols(st, &club_cols, row);
	return strcmp(c->founded_on, q->on) <= 0 && club_keep(q->x, c, q->under, q->f, q->fold_q)
	           ? DB_KEEP
	           : DB_SKIP;
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
	                       f->q && f->q[0] ? text_fold_dup(f->q) : NULL, ""};
	date_format(on, q.on);
	struct vec v;
	vec_init(&v, sizeof **out, CLUB_LIST_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	bind_on(st, on);
	e = db_rows(st, &v, club_listed, &q);
	free(q.fold_q);
	*out = vec_result(&v, e, n);
	return e;
}

/* The commune a new club belongs to: in force on its founding, one x may change. */
static nct_err club_commune(struct ctx *x, const struct club_new *in, struct date founded,
                            struct place *p, struct refusal *rf)
{
	const char *code = in->place_code ? in->place_code : "";
	nct_err e = in->place_code ? place_get(x, code, founded, p) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_DENIED || (!e && !access_place(x, p->path, ACCESS_CHANGE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", code);
	if (e == NCT_ERR_NOTFOUND || (!e && p->level != PLACE_COMMUNE))
		return refuse(rf, NCT_ERR_INVALID, RF_NO_COMMUNE_ON, "place", "sd", code,
		              in->founded_on);
	return e;
}

static nct_err club_check(struct ctx *x, const struct club_new *in, struct place *p,
                          struct refusal *rf)
{
	struct date founded;
	nct_err e = check_code(in->code, 30, "code", rf);
	if (!e)
		e = check_title(in->name, CLUB_NAME_MAX, "name", rf);
	if (!e)
		e = check_one_of(in->kind, club_kinds, "kind", rf);
	if (!e)
		e = check_past_date(in->founded_on, "founded_on", &founded, rf);
	if (!e)
		e = club_commune(x, in, founded, p, rf);
	return e;
}

/* The club's village, if one is named: a village in force today whose commune
 * is the club's, or was formed from it (a club of 2020 in a village of 2026). */
static nct_err village_check(struct ctx *x, const struct club_new *in, const struct place *commune,
                             int64_t *village_id, struct refusal *rf)
{
	struct place v;
	struct scope vs;
	*village_id = 0;
	if (!in->village_code || !in->village_code[0])
		return NCT_OK;
	bool ok = place_get(x, in->village_code, date_today_vn(), &v) == NCT_OK &&
	          v.level == PLACE_VILLAGE && scope_of_place(x, v.parent_id, &vs) == NCT_OK &&
	          scope_contains(&vs, commune->path);
	if (!ok)
		return refuse(rf, NCT_ERR_INVALID, RF_VILLAGE_NOT_OF, "village", "ss",
		              in->village_code, commune->name);
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
		return fold ? NCT_ERR_DB : NCT_ERR_NOMEM;
	}
	time_format_vn(time(NULL), now);
	DB_BINDS(st, DB_T(in->code), DB_T(in->name), DB_T(fold), DB_T(in->kind), DB_I(place_id),
	         DB_T(in->founded_on), DB_T(now));
	if (village_id)
		db_bind_int(st, 8, village_id);
	else
		db_bind_null(st, 8);
	nct_err e = db_int(st, id);
	free(fold);
	if (e)
		return e;
	st = db_prepare(db, sql_s);
	DB_BINDS(st, DB_I(*id), DB_T(in->founded_on));
	return db_run(st);
}

/* The new club and its audit row, inside the caller's unit. */
static nct_err club_write(struct ctx *x, const struct club_new *in, const struct place *p,
                          int64_t village_id, int64_t *id, struct refusal *rf)
{
	nct_err e = club_insert(x->db, in, p->id, village_id, id);
	if (e == NCT_ERR_CONFLICT)
		return refuse(rf, e, RF_TAKEN, "code", "s", in->code);
	if (e)
		return e;
	return audit_json(x, "create", "club", in->code, NULL,
	                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", in->code, "name", in->name,
	                            "kind", in->kind, "place", p->code, "founded_on",
	                            in->founded_on));
}

nct_err club_create(struct ctx *x, const struct club_new *in, int64_t *id, struct refusal *rf)
{
	struct place p;
	int64_t village_id = 0;
	if (!access_changes(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ROLE_SEES_ONLY, NULL, "");
	nct_err e = club_check(x, in, &p, rf);
	if (!e)
		e = village_check(x, in, &p, &village_id, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, club_write(x, in, &p, village_id, id, rf));
}

static nct_err status_write(struct ctx *x, const struct club *c, const char *status,
                            const char *since, const char *note)
{
	static const char sql[] =
	    "INSERT INTO club_status (club_id, status, since, note) VALUES (?,?,?,?)";
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(c->id), DB_T(status), DB_T(since), DB_T(note));
	nct_err e = db_run(st);
	char oj[64], nj[96];
	snprintf(oj, sizeof oj, "{\"status\":\"%s\"}", c->status);
	snprintf(nj, sizeof nj, "{\"since\":\"%s\",\"status\":\"%s\"}", since, status);
	return e ? e : audit_write(x, "update", "club", c->code, oj, nj);
}

nct_err club_set_status(struct ctx *x, const struct club *c, const char *status, const char *since,
                        const char *note, struct refusal *rf)
{
	struct date d;
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = check_one_of(status, club_statuses, "status", rf);
	if (!e)
		e = check_club_date(c, since, "since", &d, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, status_write(x, c, status, since, note));
}

static nct_err club_rename(struct ctx *x, const struct club *c, const char *name, const char *kind)
{
	static const char sql[] = "UPDATE clubs SET name = ?, name_fold = ?, kind = ? WHERE id = ?";
	char *fold = text_fold_dup(name);
	struct db_stmt *st = fold ? db_prepare(x->db, sql) : NULL;
	DB_BINDS(st, DB_T(name), DB_T(fold), DB_T(kind), DB_I(c->id));
	nct_err e = fold ? db_run(st) : NCT_ERR_NOMEM;
	free(fold);
	return e ? e
	         : audit_change(
	               x, "update", "club", c->code,
	               audit_text(json_pack("{s:s, s:s}", "name", c->name, "kind", c->kind)),
	               audit_text(json_pack("{s:s, s:s}", "name", name, "kind", kind)));
}

nct_err club_update(struct ctx *x, const struct club *c, const char *name, const char *kind,
                    struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = check_title(name, CLUB_NAME_MAX, "name", rf);
	if (!e)
		e = check_one_of(kind, club_kinds, "kind", rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, club_rename(x, c, name, kind));
}

nct_err club_exported(struct ctx *x, const struct club *c, const char *table, const char *format,
                      size_t rows)
{
	char nj[128];
	if (access_club(x, c, ACCESS_SEE))
		return NCT_ERR_DENIED;
	snprintf(nj, sizeof nj, "{\"format\":\"%s\",\"rows\":%zu,\"table\":\"%s\"}", format, rows,
	         table);
	return audit_alone(x, "export", "club", c->code, nj);
}

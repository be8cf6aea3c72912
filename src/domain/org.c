#include "org.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "ctx.h"
#include "rows.h"
#include "../base/vec.h"

const char *const org_kinds[] = {"agency", "association", "committee",        "bank",
                                 "media",  "mass",        "people_committee", NULL};

bool org_kind_valid(const char *kind)
{
	return check_listed(org_kinds, kind);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

#define ORG_COLS                                                                                   \
	"SELECT o.id, o.code, o.name, o.kind, o.place_id, p.code, p.name, p.path,"                 \
	" o.valid_from, o.valid_to FROM orgs o JOIN places p ON p.id = o.place_id "

nct_err org_get(struct ctx *x, const char *code, struct org *out)
{
	static const char sql[] = ORG_COLS "WHERE o.code = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(code));
	return db_row_of(st, &org_cols, out);
}

nct_err org_by_id(struct ctx *x, int64_t id, struct org *out)
{
	static const char sql[] = ORG_COLS "WHERE o.id = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(id));
	return db_row_of(st, &org_cols, out);
}

static int org_seen(struct db_stmt *st, void *row, void *arg)
{
	db_read_cols(st, &org_cols, row);
	return access_place(arg, ((const struct org *)row)->place_path, ACCESS_SEE) ? DB_KEEP
	                                                                            : DB_SKIP;
}

nct_err org_list(struct ctx *x, struct date on, const char *kind, struct org **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql[] = ORG_COLS "WHERE (o.valid_from IS NULL OR o.valid_from <= ?)"
	                                   " AND (o.valid_to IS NULL OR o.valid_to >= ?) AND "
	                                   "(CAST(? AS TEXT) IS NULL OR o.kind = ?)"
	                                   " ORDER BY p.level, p.code, o.kind, o.name_fold";
	char d[DATE_LEN];
	date_format(on, d);
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(d), DB_T(d), DB_T(kind), DB_T(kind));
	nct_err e;
	*out = db_list(st, sizeof **out, ORG_LIST_MAX, org_seen, x, n, &e);
	return e;
}

/* Its dates, when given: well-formed, the end not before the start. */
static nct_err org_dates(const struct org_new *in, struct date *on, struct refusal *rf)
{
	struct date from, to;
	bool has_from = in->valid_from && in->valid_from[0],
	     has_to = in->valid_to && in->valid_to[0];
	nct_err e = has_from ? check_date(in->valid_from, "valid_from", &from, rf) : NCT_OK;
	if (!e && has_to)
		e = check_date(in->valid_to, "valid_to", &to, rf);
	if (!e && has_from && has_to && date_cmp(from, to) > 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "valid_to", "dd", in->valid_to,
		           in->valid_from);
	*on = has_from ? from : has_to ? to : date_today_vn();
	return e;
}

static nct_err org_check(struct ctx *x, const struct org_new *in, struct place *p,
                         struct refusal *rf)
{
	struct date on;
	nct_err e = check_text(in->code, 30, "code", rf);
	if (!e)
		e = check_title(in->name, ORG_NAME_MAX, "name", rf);
	if (!e)
		e = check_one_of(in->kind, org_kinds, "kind", rf);
	if (!e)
		e = org_dates(in, &on, rf);
	if (!e)
		e = in->place_code ? place_get(x, in->place_code, on, p) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		e = refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s",
		           in->place_code ? in->place_code : "");
	return e;
}

static nct_err org_insert(struct db *db, const struct org_new *in, int64_t place_id)
{
	static const char sql[] = "INSERT INTO orgs (code, name, name_fold, kind, place_id,"
	                          " valid_from, valid_to, note) VALUES (?,?,?,?,?,?,?,?)";
	char *fold = text_fold_dup(in->name);
	struct db_stmt *st = fold ? db_prepare(db, sql) : NULL;
	if (!st) {
		free(fold);
		return fold ? NCT_ERR_DB : NCT_ERR_NOMEM;
	}
	db_bind_text(st, 1, in->code);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, fold);
	db_bind_text(st, 4, in->kind);
	db_bind_int(st, 5, place_id);
	db_bind_text(st, 6, in->valid_from);
	db_bind_text(st, 7, in->valid_to);
	db_bind_text(st, 8, in->note);
	nct_err e = db_run(st);
	free(fold);
	return e;
}

static nct_err org_write(struct ctx *x, const struct org_new *in, const struct place *p,
                         struct refusal *rf)
{
	nct_err e = org_insert(x->db, in, p->id);
	if (e == NCT_ERR_CONFLICT)
		return refuse(rf, e, RF_TAKEN, "code", "s", in->code);
	if (e)
		return e;
	return audit_json(x, "create", "org", in->code, NULL,
	                  json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "code", in->code, "name",
	                            in->name, "kind", in->kind, "place", p->code, "valid_from",
	                            in->valid_from, "valid_to", in->valid_to));
}

nct_err org_create(struct ctx *x, const struct org_new *in, struct refusal *rf)
{
	struct place p;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = org_check(x, in, &p, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, org_write(x, in, &p, rf));
}

static int link_row(struct db_stmt *st, void *row, void *arg)
{
	struct org_link *l = row;
	const struct vec *ids = arg; /* the listed orgs' ids, sorted */
	db_read_cols(st, &org_link_cols, l);
	if (ids->n == 0 || !bsearch(&l->to_id, ids->ptr, ids->n, sizeof(int64_t), cmp_id))
		return DB_SKIP;
	return DB_KEEP;
}

nct_err org_links_to(struct ctx *x, const struct org *v, size_t n, struct org_link **out,
                     size_t *nout)
{
	static const char sql[] =
	    "SELECT l.to_id, l.from_id, f.code, f.name, t.code, t.name, l.since, l.duty"
	    " FROM org_links l JOIN orgs f ON f.id = l.from_id JOIN orgs t ON t.id = l.to_id"
	    " ORDER BY l.to_id, l.since, f.code";
	struct vec ids, links;
	vec_init(&ids, sizeof(int64_t), ORG_LIST_MAX);
	vec_init(&links, sizeof **out, ORG_LIST_MAX);
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = vec_add(&ids, &v[i].id);
	if (!e && ids.n)
		qsort(ids.ptr, ids.n, sizeof(int64_t), cmp_id);
	if (!e)
		e = db_rows(db_prepare(x->db, sql), &links, link_row, &ids);
	vec_free(&ids);
	*out = vec_result(&links, e, nout);
	return e;
}

/* Whether o is in force on day (YYYY-MM-DD). */
static bool org_in_force(const struct org *o, const char *day)
{
	return (!o->valid_from[0] || strcmp(o->valid_from, day) <= 0) &&
	       (!o->valid_to[0] || strcmp(o->valid_to, day) >= 0);
}

/* A chain of handovers longer than this is taken as a loop in the data. */
enum { SUCCESSION_MAX = 16 };

nct_err org_acting(struct ctx *x, int64_t id, struct date on, struct org *own, struct org *acting)
{
	static const char sql[] =
	    "SELECT l.to_id FROM org_links l WHERE l.from_id = ? AND l.since <= ?"
	    " ORDER BY l.plan_duties DESC, CASE WHEN l.duty IS NULL THEN 0 ELSE 1 END,"
	    " l.since, l.to_id LIMIT 1";
	char day[DATE_LEN];
	date_format(on, day);
	nct_err e = org_by_id(x, id, own);
	if (e)
		return e;
	*acting = *own;
	for (int step = 0; step < SUCCESSION_MAX && !org_in_force(acting, day); step++) {
		int64_t next = 0;
		struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(acting->id), DB_T(day));
		e = db_int(st, &next);
		if (!e && !next)
			return NCT_OK; /* ended without a successor */
		if (!e)
			e = org_by_id(x, next, acting);
		if (e)
			return e;
	}
	return NCT_OK;
}

/* The body with this code, in force on the day. */
static nct_err org_on(struct ctx *x, const char *code, const char *field, struct date on,
                      struct org *o, struct refusal *rf)
{
	char day[DATE_LEN];
	date_format(on, day);
	if (!code || org_get(x, code, o) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, field, "s", code ? code : "");
	if ((o->valid_from[0] && strcmp(o->valid_from, day) > 0) ||
	    (o->valid_to[0] && strcmp(o->valid_to, day) < 0))
		return refuse(rf, NCT_ERR_INVALID, RF_ORG_NOT_IN_FORCE, field, "sd", o->name, day);
	return NCT_OK;
}

static nct_err link_write(struct ctx *x, const struct org *from, const struct org *to,
                          const char *since, const char *duty, struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO org_links (from_id, to_id, since, duty) VALUES (?, ?, ?, ?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(from->id), DB_I(to->id), DB_T(since),
	                                DB_T(duty && duty[0] ? duty : NULL));
	nct_err e = db_run(st);
	if (e == NCT_ERR_CONFLICT)
		return refuse(rf, e, RF_TAKEN, "from_org", "s", from->code);
	return e ? e
	         : audit_json(x, "create", "org_link", to->code, NULL,
	                      json_pack("{s:s, s:s, s:s, s:s?}", "from", from->code, "to", to->code,
	                                "since", since, "duty", duty && duty[0] ? duty : NULL));
}

nct_err org_link_add(struct ctx *x, const char *from_code, const char *to_code, const char *since,
                     const char *duty, struct refusal *rf)
{
	struct org from, to;
	struct date on;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	if (!since || date_parse(since, &on) != NCT_OK)
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "since", "");
	nct_err e =
	    org_on(x, from_code, "from_org", date_from_days(date_to_days(on) - 1), &from, rf);
	if (!e)
		e = org_on(x, to_code, "to_org", on, &to, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, link_write(x, &from, &to, since, duty, rf));
}

size_t org_links_first(const struct org_link *l, size_t n, int64_t to_id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l[mid].to_id < to_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && l[lo].to_id == to_id ? lo : n;
}

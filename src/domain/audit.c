#include "audit.h"
#include "rows.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "ctx.h"

#define AUDIT_INSERT                                                                               \
	"INSERT INTO audit (at, user_id, username, addr, action, entity, entity_id, old_value,"    \
	" new_value) VALUES "
#define AUDIT_TUPLE "(?,?,?,?,?,?,?,?,?)"

/* One row's values from first on: x's actor at `at`, then the change. */
static void audit_bind(struct db_stmt *st, int first, const struct ctx *x, const char *at,
                       const char *action, const char *entity, const char *entity_id,
                       const char *old_json, const char *new_json)
{
	const struct actor *a = &x->actor;
	db_bind_text(st, first, at);
	if (a->user_id)
		db_bind_int(st, first + 1, a->user_id);
	else
		db_bind_null(st, first + 1);
	db_bind_text(st, first + 2, a->username ? a->username : "system");
	db_bind_text(st, first + 3, a->addr);
	db_bind_text(st, first + 4, action);
	db_bind_text(st, first + 5, entity);
	db_bind_text(st, first + 6, entity_id);
	db_bind_text(st, first + 7, old_json);
	db_bind_text(st, first + 8, new_json);
}

nct_err audit_write(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                    const char *old_json, const char *new_json)
{
	static const char sql[] = AUDIT_INSERT AUDIT_TUPLE;
	struct db_stmt *st = db_prepare(x->db, sql);
	if (!st)
		return NCT_ERR_DB;
	char at[26];
	time_format_vn(time(NULL), at);
	audit_bind(st, 1, x, at, action, entity, entity_id, old_json, new_json);
	return db_run(st);
}

struct audit_many {
	struct ctx *x;
	const char *at, *action, *entity;
	const int64_t *ids;
	const char *const *after;
};

static void audit_many_bind(struct db_stmt *st, int first, size_t row, void *arg)
{
	const struct audit_many *m = arg;
	char id[AUDIT_ID_LEN];
	audit_bind(st, first, m->x, m->at, m->action, m->entity, audit_id(id, m->ids[row]), NULL,
	           m->after[row]);
}

nct_err audit_write_many(struct ctx *x, const char *action, const char *entity, size_t n,
                         const int64_t *ids, const char *const *after)
{
	static struct db_many many = DB_MANY(AUDIT_INSERT, AUDIT_TUPLE, "", 9);
	char at[26];
	time_format_vn(time(NULL), at);
	struct audit_many m = {x, at, action, entity, ids, after};
	return db_many_run(x->db, &many, n, audit_many_bind, &m);
}

char audit_none[] = "";

static void free_text(char *s)
{
	if (s != audit_none)
		free(s);
}

nct_err audit_change(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                     char *before, char *after)
{
	nct_err e = before && after ? audit_write(x, action, entity, entity_id,
	                                          before == audit_none ? NULL : before,
	                                          after == audit_none ? NULL : after)
	                            : NCT_ERR_NOMEM;
	free_text(before);
	free_text(after);
	return e;
}

nct_err audit_alone(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                    const char *after)
{
	nct_err e = after ? unit_begin(x) : NCT_ERR_NOMEM;
	return e ? e : unit_end(x, audit_write(x, action, entity, entity_id, NULL, after));
}

char *audit_text(json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(v);
	return s;
}

nct_err audit_json(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                   json_t *before, json_t *after)
{
	return audit_change(x, action, entity, entity_id, before ? audit_text(before) : AUDIT_NONE,
	                    audit_text(after));
}

const char *audit_id(char buf[AUDIT_ID_LEN], int64_t id)
{
	snprintf(buf, AUDIT_ID_LEN, "%lld", (long long)id);
	return buf;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int audit_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct audit_row *r = row;
	(void)arg;
	db_read_cols(st, &audit_cols, r);
	r->old_value = dup_or_null(db_col_text(st, 7));
	r->new_value = dup_or_null(db_col_text(st, 8));
	return DB_KEEP;
}

/* NULL filters match everything: "(CAST(? AS TEXT) IS NULL OR col = ?)" keeps one
 * statement; the cast tells PostgreSQL the parameter's type. */
nct_err audit_list(struct ctx *x, const struct audit_filter *f, struct audit_row **rows, size_t *n)
{
	if (access_admin(x) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT id, at, username, addr, action, entity, entity_id, old_value, new_value"
	    " FROM audit WHERE (CAST(? AS TEXT) IS NULL OR entity = ?)"
	    " AND (CAST(? AS TEXT) IS NULL OR username = ?)"
	    " AND (CAST(? AS TEXT) IS NULL OR action = ?) AND (CAST(? AS TEXT) IS NULL OR at >= ?)"
	    " AND (CAST(? AS TEXT) IS NULL OR at < ?) AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT "
	    "?";
	*rows = NULL;
	*n = 0;
	size_t limit = f->limit ? f->limit : 100;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	char to_next[DATE_LEN] = "";
	struct date d;
	if (f->to && date_parse(f->to, &d) == NCT_OK)
		date_format(date_from_days(date_to_days(d) + 1), to_next);
	const char *vals[] = {f->entity, f->username, f->action, f->from,
	                      to_next[0] ? to_next : NULL};
	for (int i = 0; i < 5; i++) {
		db_bind_text(st, 2 * i + 1, vals[i]);
		db_bind_text(st, 2 * i + 2, vals[i]);
	}
	db_bind_int(st, 11, f->before_id);
	db_bind_int(st, 12, f->before_id);
	db_bind_int(st, 13, (int64_t)limit);
	struct vec v;
	vec_init(&v, sizeof **rows, limit);
	nct_err e = db_rows(st, &v, audit_from_row, NULL);
	size_t k;
	struct audit_row *out = vec_detach(&v, &k);
	if (e) {
		audit_rows_free(out, k);
		return e;
	}
	*rows = out;
	*n = k;
	return NCT_OK;
}

void audit_rows_free(struct audit_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].old_value);
		free(rows[i].new_value);
	}
	free(rows);
}

json_t *audit_rows_json(const struct audit_row *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(
		    a,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id",
		              (json_int_t)v[i].id, "at", v[i].at, "user", v[i].username, "addr",
		              v[i].addr, "action", v[i].action, "entity", v[i].entity, "entity_id",
		              v[i].entity_id, "old", v[i].old_value, "new", v[i].new_value));
	return a;
}

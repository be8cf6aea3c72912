/* plan_basis.c - a plan's legal bases, one at a time (plan_basis.h). */
#include "plan_basis.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"

#define BASIS_TRIES 8 /* a new basis's tries when others took its position first */

static const struct db_col basis_col[] = {
    DB_NUM(struct plan_basis, position), DB_TEXT(struct plan_basis, relation),
    DB_TEXT(struct plan_basis, kind),    DB_TEXT(struct plan_basis, number),
    DB_TEXT(struct plan_basis, date),    DB_TEXT(struct plan_basis, issuer),
    DB_TEXT(struct plan_basis, title),   DB_TEXT(struct plan_basis, as_written)};
static const struct db_cols basis_cols = DB_COLS(struct plan_basis, basis_col);

/* The statements are literals: the PostgreSQL store keeps a statement prepared
 * under its text's address. */
#define SQL_BASES                                                                                  \
	"SELECT position, relation, kind, number, text_date, issuer_as_written, title, as_written" \
	" FROM plan_texts WHERE plan_id = ? AND list = 'legal_bases'"

nct_err plan_bases(struct ctx *x, int64_t plan_id, struct plan_basis **out, size_t *n)
{
	static const char sql[] = SQL_BASES " ORDER BY position";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, plan_id);
	nct_err e;
	*out = db_list_of(st, &basis_cols, PLAN_BASES_MAX, n, &e);
	return e;
}

/* Basis position of plan_id into out; NCT_ERR_NOTFOUND. */
static nct_err basis_get(struct db *db, int64_t plan_id, int position, struct plan_basis *out)
{
	static const char sql[] = SQL_BASES " AND position = ?";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_int(st, 2, position);
	return db_row_of(st, &basis_cols, out);
}

/* basis_get, with RF_BASIS_UNKNOWN when there is none. */
static nct_err basis_find(struct db *db, int64_t plan_id, int position, struct plan_basis *out,
                          struct refusal *rf)
{
	nct_err e = basis_get(db, plan_id, position, out);
	return e == NCT_ERR_NOTFOUND ? refuse(rf, e, RF_BASIS_UNKNOWN, NULL, "i", (int64_t)position)
	                             : e;
}

static const char *or_null(const char *s)
{
	return s && s[0] ? s : NULL;
}

static char *basis_json(const char *relation, const char *kind, const char *number,
                        const char *date, const char *issuer, const char *title,
                        const char *as_written)
{
	json_t *o =
	    json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s}", "relation", relation, "kind", kind,
	              "number", or_null(number), "date", or_null(date), "issuer_as_written",
	              or_null(issuer), "title", or_null(title), "as_written", as_written);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return s;
}

static nct_err basis_check(const struct plan_basis_in *in, struct refusal *rf)
{
	static const char *const relations[] = {"basis", "implements", "cited", NULL};
	const struct plan_basis b;
	struct date d;
	nct_err e = check_one_of(in->relation, relations, "relation", rf);
	if (!e)
		e = check_text(in->kind, sizeof b.kind - 1, "kind", rf);
	if (!e)
		e = check_optional_text(in->number, sizeof b.number - 1, "text_number", rf);
	if (!e && in->date && in->date[0])
		e = check_date(in->date, "text_date", &d, rf);
	if (!e)
		e = check_optional_text(in->issuer, sizeof b.issuer - 1, "text_issuer", rf);
	if (!e)
		e = check_optional_text(in->title, sizeof b.title - 1, "text_title", rf);
	if (!e)
		e = check_text(in->as_written, sizeof b.as_written - 1, "as_written", rf);
	return e;
}

static nct_err basis_write(struct ctx *x, const struct plan *p, const struct plan_basis *old,
                           const struct plan_basis_in *in, int *saved, struct refusal *rf)
{
	static const char sql_count[] = "SELECT COUNT(*) FROM plan_texts"
	                                " WHERE plan_id = ? AND list = 'legal_bases'";
	static const char sql_max[] = "SELECT COALESCE(MAX(position), 0) FROM plan_texts"
	                              " WHERE plan_id = ? AND list = 'legal_bases'";
	static const char sql_new[] =
	    "INSERT INTO plan_texts (plan_id, list, position, relation, kind, number, text_date,"
	    " issuer_as_written, title, as_written, cited_in, note)"
	    " VALUES (?, 'legal_bases', ?, ?, ?, ?, ?, ?, ?, ?, 'header', NULL)";
	static const char sql_set[] =
	    "UPDATE plan_texts SET position = ?, relation = ?, kind = ?, number = ?, text_date = ?,"
	    " issuer_as_written = ?, title = ?, as_written = ? WHERE plan_id = ?"
	    " AND list = 'legal_bases' AND position = ?";
	int64_t last = 0, count = 0;
	nct_err e = NCT_OK;
	if (!old) { /* the cap counts bases (a removed one leaves a gap), and the
		     * new one goes after the last */
		e = db_int(DB_PREPARE(x->db, sql_count, DB_I(p->id)), &count);
		if (!e && count >= PLAN_BASES_MAX)
			return refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, NULL, "n",
			              (int64_t)PLAN_BASES_MAX);
		if (!e)
			e = db_int(DB_PREPARE(x->db, sql_max, DB_I(p->id)), &last);
		if (!e && last >= INT32_MAX)
			return refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, NULL, "n",
			              (int64_t)PLAN_BASES_MAX);
	}
	*saved = old ? old->position : (int)last + 1;
	struct db_stmt *st = db_prepare(x->db, old ? sql_set : sql_new);
	int c = 1;
	if (!old)
		db_bind_int(st, c++, p->id);
	db_bind_int(st, c++, *saved);
	const char *v[] = {in->relation, in->kind,  in->number,    in->date,
	                   in->issuer,   in->title, in->as_written};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		db_bind_text(st, c++, or_null(v[i]));
	if (old) {
		db_bind_int(st, c++, p->id);
		db_bind_int(st, c, old->position);
	}
	if (!e)
		e = db_run(st);
	else
		db_done(st);
	if (e)
		return e;
	char eid[PLAN_SLUG_LEN + 16];
	snprintf(eid, sizeof eid, "%s#%d", p->slug, *saved);
	char *b = old ? basis_json(old->relation, old->kind, old->number, old->date, old->issuer,
	                           old->title, old->as_written)
	              : AUDIT_NONE;
	char *a = basis_json(in->relation, in->kind, in->number, in->date, in->issuer, in->title,
	                     in->as_written);
	return audit_change(x, old ? "update" : "create", "plan_basis", eid, b, a);
}

nct_err plan_basis_save(struct ctx *x, const struct plan *p, int position,
                        const struct plan_basis_in *in, int *saved, struct refusal *rf)
{
	struct plan_basis old;
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = position ? basis_find(x->db, p->id, position, &old, rf) : NCT_OK;
	if (!e)
		e = basis_check(in, rf);
	/* Two adds at once can read the same last position: the second's insert
	 * then meets the key (plan, list, position) and is rolled back; it is
	 * tried again after the first, which it then sees. */
	for (int tries = 1; !e; tries++) {
		if (!(e = unit_begin(x)))
			e = unit_end(x, basis_write(x, p, position ? &old : NULL, in, saved, rf));
		if (e != NCT_ERR_CONFLICT || position || tries == BASIS_TRIES)
			return e;
		e = NCT_OK;
	}
	return e;
}

static nct_err basis_delete(struct ctx *x, const struct plan *p, const struct plan_basis *old)
{
	static const char sql[] =
	    "DELETE FROM plan_texts WHERE plan_id = ? AND list = 'legal_bases' AND position = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, p->id);
	db_bind_int(st, 2, old->position);
	nct_err e = db_run(st);
	if (e)
		return e;
	char eid[PLAN_SLUG_LEN + 16];
	snprintf(eid, sizeof eid, "%s#%d", p->slug, old->position);
	return audit_change(x, "delete", "plan_basis", eid,
	                    basis_json(old->relation, old->kind, old->number, old->date,
	                               old->issuer, old->title, old->as_written),
	                    AUDIT_NONE);
}

nct_err plan_basis_remove(struct ctx *x, const struct plan *p, int position, struct refusal *rf)
{
	struct plan_basis old;
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = basis_find(x->db, p->id, position, &old, rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, basis_delete(x, p, &old));
	return e;
}

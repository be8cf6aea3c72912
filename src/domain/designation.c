#include "designation.h"

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
#include "place.h"

const char *const designation_kinds[] = {"especially_difficult", NULL};

#define DES_COLS                                                                                   \
	"SELECT d.id, d.place_id, pl.code, pl.name, pl.level, d.kind, d.valid_from, d.valid_to,"   \
	" d.source, d.created_at FROM place_designations d JOIN places pl ON pl.id = d.place_id "

nct_err designation_list(struct ctx *x, int64_t place_id, struct designation **out, size_t *n)
{
	static const char sql[] = DES_COLS "WHERE (? = 0 OR d.place_id = ?)"
	                                   " ORDER BY pl.code, d.valid_from, d.id";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(place_id), DB_I(place_id));
	nct_err e;
	*out = db_list_of(st, &designation_cols, DESIGNATION_LIST_MAX, n, &e);
	return e;
}

/* The checked input: the place, and the dates as ISO. */
struct des_in {
	struct place place;
	char from[DATE_LEN], to[DATE_LEN];
};

static nct_err des_read(struct ctx *x, const struct designation_new *in, struct des_in *v,
                        struct refusal *rf)
{
	struct date from, to;
	memset(v, 0, sizeof *v);
	nct_err e = check_one_of(in->kind, designation_kinds, "kind", rf);
	if (!e && (!in->valid_from || date_parse_vn(in->valid_from, &from)))
		e = refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "valid_from", "");
	if (!e && in->valid_to && in->valid_to[0] && date_parse_vn(in->valid_to, &to))
		e = refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "valid_to", "");
	if (e)
		return e;
	date_format(from, v->from);
	if (in->valid_to && in->valid_to[0])
		date_format(to, v->to);
	if (v->to[0] && date_cmp(to, from) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "valid_to", "dd", v->to, v->from);
	if ((e = check_text(in->source, DESIGNATION_SOURCE_MAX, "source", rf)))
		return e;
	e = in->place ? place_get(x, in->place, from, &v->place) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s",
		              in->place ? in->place : "");
	if (!e && v->place.level < PLACE_COMMUNE)
		return refuse(rf, NCT_ERR_INVALID, RF_DESIGNATION_PLACE, "place", "s", in->place);
	return e;
}

static nct_err des_write(struct ctx *x, const struct designation_new *in, const struct des_in *v,
                         int64_t *id)
{
	static const char sql[] = "INSERT INTO place_designations (place_id, kind, valid_from,"
	                          " valid_to, source, created_at) VALUES (?, ?, ?, ?, ?, ?)"
	                          " RETURNING id";
	char now[26], idtxt[AUDIT_ID_LEN];
	time_format_vn(time(NULL), now);
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(v->place.id), DB_T(in->kind), DB_T(v->from),
	               DB_T(v->to[0] ? v->to : NULL), DB_T(in->source), DB_T(now));
	nct_err e = db_int(st, id);
	return e ? e
	         : audit_json(x, "create", "place_designation", audit_id(idtxt, *id), NULL,
	                      json_pack("{s:s, s:s, s:s, s:s?, s:s}", "place", v->place.code,
	                                "kind", in->kind, "valid_from", v->from, "valid_to",
	                                v->to[0] ? v->to : NULL, "source", in->source));
}

static nct_err des_taken(struct ctx *x, const struct designation_new *in, const struct des_in *v,
                         bool *taken)
{
	static const char sql[] = "SELECT COUNT(*) FROM place_designations WHERE place_id = ?"
	                          " AND kind = ? AND valid_from = ?";
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(v->place.id), DB_T(in->kind), DB_T(v->from));
	return db_any(st, taken);
}

nct_err designation_add(struct ctx *x, const struct designation_new *in, int64_t *id,
                        struct refusal *rf)
{
	struct des_in v;
	bool taken = false;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = des_read(x, in, &v, rf);
	if (!e)
		e = des_taken(x, in, &v, &taken);
	if (!e && taken)
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "valid_from", "s", v.from);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, des_write(x, in, &v, id));
}

/* ---- the rules' question --------------------------------------------------- */

/* A designation of kind in force on day naming one of ids (0: an unused slot). */
static nct_err des_on(struct db *db, const int64_t ids[4], const char *kind, const char *day,
                      struct designation *out)
{
	static const char sql[] = DES_COLS "WHERE d.place_id IN (?, ?, ?, ?) AND d.kind = ?"
	                                   " AND d.valid_from <= ? AND (d.valid_to IS NULL"
	                                   " OR d.valid_to >= ?) ORDER BY pl.level DESC, d.id";
	struct db_stmt *st = db_prepare(db, sql);
	for (int i = 0; i < 4; i++)
		db_bind_int(st, i + 1, ids[i]);
	db_bind_text(st, 5, kind);
	db_bind_text(st, 6, day);
	db_bind_text(st, 7, day);
	return db_row_of(st, &designation_cols, out);
}

/* The commune of the place (itself, or a village's parent) and the chain up. */
static nct_err chain_of(struct ctx *x, int64_t place_id, int64_t ids[4], int64_t *commune)
{
	struct place p;
	memset(ids, 0, 4 * sizeof ids[0]);
	*commune = 0;
	for (int i = 0; i < 4 && place_id; i++) {
		nct_err e = place_by_id(x, place_id, &p);
		if (e)
			return e;
		ids[i] = p.id;
		if (!*commune && p.level <= PLACE_COMMUNE)
			*commune = p.id;
		place_id = p.parent_id;
	}
	return NCT_OK;
}

nct_err place_designated(struct ctx *x, int64_t place_id, const char *kind, struct date on,
                         struct designation_answer *out)
{
	int64_t ids[4], commune;
	char day[DATE_LEN];
	struct place *pred = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	date_format(on, day);
	nct_err e = chain_of(x, place_id, ids, &commune);
	if (!e && (e = des_on(x->db, ids, kind, day, &out->by)) == NCT_OK) {
		out->yes = true;
		out->via = out->by.place_id == place_id ? "place" : "containing";
		return NCT_OK;
	}
	if (e != NCT_ERR_NOTFOUND || !commune)
		return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
	if ((e = place_links(x, commune, -1, &pred, &n)))
		return e;
	for (size_t i = 0; i < n && !out->yes; i++) {
		int64_t one[4] = {pred[i].id, pred[i].parent_id, 0, 0};
		e = des_on(x->db, one, kind, day, &out->by);
		if (e == NCT_OK) {
			out->yes = true;
			out->partial = pred[i].partial;
			out->via = "predecessor";
		} else if (e != NCT_ERR_NOTFOUND) {
			break;
		}
		e = NCT_OK;
	}
	free(pred);
	return e;
}

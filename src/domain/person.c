#include "person.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "composition.h"
#include "ctx.h"

char sex_parse(const char *s)
{
	if (!s)
		return 0;
	char *f = text_fold_dup(s);
	char r = 0;
	if (f && (strcmp(f, "f") == 0 || strcmp(f, "nu") == 0))
		r = 'F';
	else if (f && (strcmp(f, "m") == 0 || strcmp(f, "nam") == 0))
		r = 'M';
	free(f);
	return r;
}

#define PERSON_COLS "SELECT " PERSON_COLUMNS " FROM persons p JOIN places pl ON pl.id = p.place_id "

void person_from_columns(struct db_stmt *st, int col, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, col);
	text_copy(p->full_name, sizeof p->full_name, db_col_text(st, col + 1));
	const char *sex = db_col_text(st, col + 2);
	p->sex = sex ? sex[0] : '?';
	if (birth_parse(db_col_text(st, col + 3), &p->birth) != NCT_OK)
		memset(&p->birth, 0, sizeof p->birth);
	p->place_id = db_col_int(st, col + 4);
	text_copy(p->place_code, sizeof p->place_code, db_col_text(st, col + 5));
	text_copy(p->place_name, sizeof p->place_name, db_col_text(st, col + 6));
	text_copy(p->place_path, sizeof p->place_path, db_col_text(st, col + 7));
	p->hardship = (unsigned)db_col_int(st, col + 8);
}

static int person_from_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	person_from_columns(st, 0, row);
	return DB_KEEP;
}

nct_err person_get(struct ctx *x, int64_t id, struct person *out)
{
	static const char sql[] = PERSON_COLS "WHERE p.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	nct_err e = db_row(st, out, person_from_row, NULL);
	if (!e && (e = access_person(x, out, ACCESS_SEE)))
		memset(out, 0, sizeof *out);
	return e;
}

/* What person_search keeps: a match at a word start inside the scope. */
struct person_query {
	const struct ctx *x;
	bool confined; /* to the members of a club, whom the SQL picks */
	const char *folded;
};

static int person_found(struct db_stmt *st, void *row, void *arg)
{
	const struct person_query *q = arg;
	struct person *p = row;
	person_from_row(st, p, NULL);
	char *nf = text_fold_dup(p->full_name);
	bool keep =
	    (q->confined || access_lists_person(q->x, p)) && nf && text_fold_match(nf, q->folded);
	free(nf);
	return keep ? DB_KEEP : DB_SKIP;
}

nct_err person_search(struct ctx *x, const char *query, size_t limit, struct person **out,
                      size_t *n)
{
	static const char sql[] = PERSON_COLS "WHERE p.name_fold LIKE ? ESCAPE '\\'"
	                                      " ORDER BY p.name_fold, p.id";
	static const char sql_club[] =
	    PERSON_COLS "WHERE p.name_fold LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM memberships"
	                " m WHERE m.person_id = p.id AND m.club_id = ?) ORDER BY p.name_fold, p.id";
	int64_t club = access_confined_club(x);
	*out = NULL;
	*n = 0;
	char *folded = text_fold_dup(query ? query : "");
	if (!folded)
		return NCT_ERR_INVALID;
	struct vec v;
	vec_init(&v, sizeof **out, limit);
	struct db_stmt *st = db_prepare(x->db, club ? sql_club : sql);
	db_bind_like(st, 1, folded);
	if (club)
		db_bind_int(st, 2, club);
	nct_err e = db_rows(st, &v, person_found, &(struct person_query){x, club != 0, folded});
	if (vec_failed(&v) == NCT_ERR_TOOBIG) /* the limit is reached */
		e = NCT_OK;
	*out = vec_result(&v, e, n);
	free(folded);
	return e;
}

/* Where a new person lives: a commune or village in force today, in a scope
 * where x may record people. */
static nct_err residence(struct ctx *x, const char *code, struct place *p, struct refusal *rf)
{
	nct_err e = code ? place_get(x, code, date_today_vn(), p) : NCT_ERR_NOTFOUND;
	struct person living = {0};
	if (e == NCT_ERR_NOTFOUND || (!e && p->level < PLACE_COMMUNE))
		return refuse(rf, NCT_ERR_INVALID, RF_RESIDENCE, "place", "s", code ? code : "");
	if (!e)
		snprintf(living.place_path, sizeof living.place_path, "%s", p->path);
	if (e == NCT_ERR_DENIED || (!e && access_person(x, &living, ACCESS_CHANGE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", code);
	return e;
}

static nct_err person_read(struct ctx *x, const struct person_new *in, struct birth *b, char *sex,
                           struct place *p, struct refusal *rf)
{
	nct_err e = check_text(in->full_name, 120, "full_name", rf);
	if (!e && !(*sex = sex_parse(in->sex)))
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "sex", "s", "nam, nữ (M, F)");
	if (!e && (!in->birth || birth_parse(in->birth, b) != NCT_OK))
		e = refuse(rf, NCT_ERR_INVALID, RF_BIRTH_FORMAT, "birth", "");
	if (!e && birth_after(*b, date_today_vn()))
		e = refuse(rf, NCT_ERR_INVALID, RF_BIRTH_IN_FUTURE, "birth", "");
	if (!e && in->hardship >= 32)
		e = refuse(rf, NCT_ERR_INVALID, RF_HARDSHIP, "hardship", "");
	return e ? e : residence(x, in->place_code, p, rf);
}

nct_err person_check(struct ctx *x, const struct person_new *in, struct refusal *rf)
{
	struct birth b;
	struct place p;
	char sex;
	return person_read(x, in, &b, &sex, &p, rf);
}

nct_err person_seen(struct ctx *x, int64_t id, const char *field, struct person *out,
                    struct refusal *rf)
{
	nct_err e = person_get(x, id, out);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_PERSON, field, "i", id);
	if (e == NCT_ERR_DENIED)
		return refuse(rf, e, RF_PERSON_OUTSIDE, field, "");
	return e;
}

#define FIND_LIMIT 200 /* people of the same folded name and birth looked at */

/* One index seek (persons_same, migration 0008): the import runs it for each
 * row, so its cost must not grow with the store. */
const char person_same_sql[] = PERSON_COLS "WHERE p.name_fold = ? AND p.birth = ? ORDER BY p.id";

static int same_place(struct db_stmt *st, void *row, void *arg)
{
	person_from_columns(st, 0, row);
	return strcmp(((struct person *)row)->place_code, arg) == 0 ? DB_KEEP : DB_SKIP;
}

nct_err person_find_same(struct ctx *x, const struct person_new *in, int64_t *id)
{
	struct birth b;
	char bt[DATE_LEN];
	*id = 0;
	if (!in->full_name || !in->place_code || !in->birth || birth_parse(in->birth, &b))
		return NCT_OK;
	char *fold = text_fold_dup(in->full_name);
	if (!fold)
		return NCT_OK;
	birth_format(b, bt);
	struct vec v;
	vec_init(&v, sizeof(struct person), FIND_LIMIT);
	struct db_stmt *st = db_prepare(x->db, person_same_sql);
	db_bind_text(st, 1, fold);
	db_bind_text(st, 2, bt);
	nct_err e = db_rows(st, &v, same_place, (void *)in->place_code);
	for (size_t i = 0; !e && !*id && i < v.n; i++) {
		const struct person *p = vec_at(&v, const struct person, i);
		nct_err a = access_person(x, p, ACCESS_SEE);
		if (!a)
			*id = p->id;
		else if (a != NCT_ERR_DENIED)
			e = a;
	}
	vec_free(&v);
	free(fold);
	return e;
}

static nct_err person_insert(struct db *db, const struct person_new *in, char sex,
                             const struct birth *b, int64_t place_id, int64_t *id)
{
	static const char sql[] = "INSERT INTO persons (full_name, name_fold, sex, birth, place_id,"
	                          " hardship, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id";
	char bt[DATE_LEN], sx[2] = {sex, 0}, now[26];
	char *fold = text_fold_dup(in->full_name);
	struct db_stmt *st = fold ? db_prepare(db, sql) : NULL;
	if (!st) {
		free(fold);
		return fold ? NCT_ERR_DB : NCT_ERR_INVALID;
	}
	birth_format(*b, bt);
	time_format_vn(time(NULL), now);
	db_bind_text(st, 1, in->full_name);
	db_bind_text(st, 2, fold);
	db_bind_text(st, 3, sx);
	db_bind_text(st, 4, bt);
	db_bind_int(st, 5, place_id);
	db_bind_int(st, 6, in->hardship);
	db_bind_text(st, 7, now);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	free(fold);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static nct_err person_write(struct ctx *x, const struct person_new *in, char sex,
                            const struct birth *b, const struct place *p, int64_t *id)
{
	char bt[DATE_LEN], idtxt[24], sx[2] = {sex, 0};
	nct_err e = person_insert(x->db, in, sex, b, p->id, id);
	if (e)
		return e;
	birth_format(*b, bt);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)*id);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i}", "full_name", in->full_name, "sex", sx,
	                      "birth", bt, "place", p->code, "hardship", (int)in->hardship);
	char *nj = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	e = nj ? audit_write(x, "create", "person", idtxt, NULL, nj) : NCT_ERR_NOMEM;
	free(nj);
	return e;
}

nct_err person_create(struct ctx *x, const struct person_new *in, int64_t *id, struct refusal *rf)
{
	struct birth b;
	struct place p;
	char sex;
	nct_err e = person_read(x, in, &b, &sex, &p, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, person_write(x, in, sex, &b, &p, id));
}

nct_err person_ready(struct ctx *x, const struct person_new *in, struct person_ready *out,
                     struct refusal *rf)
{
	struct place p;
	memset(out, 0, sizeof *out);
	nct_err e = person_read(x, in, &out->birth, &out->sex, &p, rf);
	if (!e) {
		out->place_id = p.id;
		text_copy(out->place_code, sizeof out->place_code, p.code);
	}
	return e;
}

nct_err person_write_ready(struct ctx *x, const struct person_new *in, const struct person_ready *r,
                           int64_t *id)
{
	struct place p = {.id = r->place_id};
	text_copy(p.code, sizeof p.code, r->place_code);
	return person_write(x, in, r->sex, &r->birth, &p, id);
}

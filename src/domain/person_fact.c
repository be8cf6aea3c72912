#include "person_fact.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "ctx.h"
#include "fact_pack.h"
#include "person.h"

const char *const fact_kinds[] = {"residence", "poverty",        "disability", "supporter",
                                  "pension",   "community_care", NULL};

static const char *const poverty_values[] = {"poor", "near_poor", "none", NULL};
static const char *const disability_values[] = {"none", "mild", "severe", "extremely_severe", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

const char *const *fact_values(const char *kind)
{
	switch (fact_kind_index(kind)) {
	case FACT_POVERTY:
		return poverty_values;
	case FACT_DISABILITY:
		return disability_values;
	case FACT_SUPPORTER:
	case FACT_PENSION:
	case FACT_COMMUNITY_CARE:
		return yes_no;
	default:
		return NULL;
	}
}

int fact_kind_index(const char *kind)
{
	for (int i = 0; kind && fact_kinds[i]; i++)
		if (strcmp(kind, fact_kinds[i]) == 0)
			return i;
	return -1;
}

bool fact_sensitive(const char *kind)
{
	return fact_kind_index(kind) == FACT_DISABILITY;
}

/* ---- reading ------------------------------------------------------------- */

/* Not retracted: no retraction names it. */
#define LIVE " AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)"
/* Records on or before a date ('?'), those since before our records counting as the earliest. */
#define ON_OR_BEFORE " AND (f.valid_from IS NULL OR f.valid_from <= ?)"
#define LATEST_FIRST PERSON_FACT_LATEST_FIRST
#define FACT_COLS    PERSON_FACT_SELECT

/* A fact's row; arg, when given, points to whether the sensitive kinds are
 * withheld from the reader (access_person ACCESS_SENSITIVE refused). */
static int fact_row(struct db_stmt *st, void *row, void *arg)
{
	struct person_fact *f = row;
	const bool *withhold = arg;
	f->id = db_col_int(st, 0);
	f->person_id = db_col_int(st, 1);
	text_copy(f->kind, sizeof f->kind, db_col_text(st, 2));
	text_copy(f->value, sizeof f->value, db_col_text(st, 3));
	f->place_id = db_col_int(st, 4);
	text_copy(f->place_name, sizeof f->place_name, db_col_text(st, 5));
	f->has_amount = !db_col_null(st, 6);
	f->amount = db_col_int(st, 6);
	text_copy(f->from, sizeof f->from, db_col_text(st, 7));
	text_copy(f->note, sizeof f->note, db_col_text(st, 8));
	text_copy(f->created_at, sizeof f->created_at, db_col_text(st, 9));
	f->retracted = !db_col_null(st, 10);
	text_copy(f->retract_reason, sizeof f->retract_reason, db_col_text(st, 11));
	text_copy(f->retracted_at, sizeof f->retracted_at, db_col_text(st, 12));
	return withhold && *withhold && fact_sensitive(f->kind) ? DB_SKIP : DB_KEEP;
}

void person_fact_from_columns(struct db_stmt *st, struct person_fact *f)
{
	fact_row(st, f, NULL);
}

/* The latest live record of kind for person_id on the date. */
static nct_err fact_latest(struct db *db, int64_t person_id, const char *kind, struct date on,
                           struct person_fact *out)
{
	static const char sql[] = FACT_COLS
	    "WHERE f.person_id = ? AND f.kind = ?" ON_OR_BEFORE LIVE LATEST_FIRST " LIMIT 1";
	char d[DATE_LEN];
	date_format(on, d);
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, d);
	return db_row(st, out, fact_row, NULL);
}

nct_err person_fact_on(struct ctx *x, const struct person *p, const char *kind, struct date on,
                       struct person_fact *out)
{
	if (fact_kind_index(kind) < 0)
		return NCT_ERR_INVALID;
	return fact_latest(x->db, p->id, kind, on, out);
}

nct_err person_facts_on(struct ctx *x, const struct person *p, struct date on, struct facts_on *out)
{
	memset(out, 0, sizeof *out);
	bool sensitive = access_person(x, p, ACCESS_SENSITIVE) == NCT_OK;
	for (int k = 0; fact_kinds[k]; k++) {
		int i = fact_kind_index(fact_kinds[k]);
		if (fact_sensitive(fact_kinds[k]) && !sensitive) {
			out->withheld = true;
			continue;
		}
		nct_err e = fact_latest(x->db, p->id, fact_kinds[k], on, &out->f[i]);
		if (e && e != NCT_ERR_NOTFOUND)
			return e;
	}
	return sensitive ? person_sensitive_viewed(x, p->id, "{\"fields\":[\"disability\"]}")
	                 : NCT_OK;
}

nct_err person_fact_history(struct ctx *x, const struct person *p, struct person_fact **out,
                            size_t *n, bool *withheld)
{
	static const char sql[] = FACT_COLS "WHERE f.person_id = ?"
	                                    " ORDER BY COALESCE(f.valid_from, '0000-00-00'), f.id";
	struct vec v;
	vec_init(&v, sizeof **out, FACT_HISTORY_MAX);
	*withheld = access_person(x, p, ACCESS_SENSITIVE) != NCT_OK;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, p->id);
	nct_err e = db_rows(st, &v, fact_row, withheld);
	*out = vec_result(&v, e, n);
	if (!e && !*withheld)
		e = person_sensitive_viewed(x, p->id, "{\"fields\":[\"disability\"]}");
	return e;
}

/* ---- writing ------------------------------------------------------------- */

nct_err fact_residence_place(struct ctx *x, const char *code, struct date on, const char *field,
                             struct place *out, struct refusal *rf)
{
	char d[DATE_LEN];
	date_format(on, d);
	nct_err e = code && code[0] ? place_get(x, code, on, out) : NCT_ERR_NOTFOUND;
	struct person living = {0};
	if (e == NCT_ERR_NOTFOUND || (!e && out->level < PLACE_COMMUNE))
		return date_cmp(on, date_today_vn()) == 0
		           ? refuse(rf, NCT_ERR_INVALID, RF_RESIDENCE, field, "s", code ? code : "")
		           : refuse(rf, NCT_ERR_INVALID, RF_RESIDENCE_ON, field, "sd",
		                    code ? code : "", d);
	if (!e)
		text_copy(living.place_path, sizeof living.place_path, out->path);
	if (e == NCT_ERR_DENIED || (!e && access_person(x, &living, ACCESS_CHANGE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, field, "s", code);
	return e;
}

static nct_err fact_insert(struct ctx *x, int64_t person_id, const char *kind, const char *value,
                           int64_t place_id, const struct fact_new *in, const char *from,
                           int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO person_facts (person_id, kind, value, place_id, amount, valid_from, note,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(person_id), DB_T(kind), DB_T(value),
	               place_id ? DB_I(place_id) : DB_T(NULL),
	               in && in->has_amount ? DB_I(in->amount) : DB_T(NULL),
	               DB_T(from && from[0] ? from : NULL),
	               DB_T(in && in->note && in->note[0] ? in->note : NULL), DB_T(now));
	return db_int(st, id);
}

/* The person's place of residence is the residence in force today; the
 * person's search keys carry it (migration 0029), in the same unit. */
nct_err person_residence_follow(struct ctx *x, int64_t person_id)
{
	static const char sql[] = "UPDATE persons SET place_id = ? WHERE id = ?";
	static const char keys[] = "UPDATE person_name_keys SET place_id = ? WHERE person_id = ?";
	struct person_fact f;
	nct_err e = fact_latest(x->db, person_id, "residence", date_today_vn(), &f);
	if (e == NCT_ERR_NOTFOUND)
		return NCT_OK; /* every residence starts later: the place stays */
	if (!e)
		e = db_run(DB_PREPARE(x->db, sql, DB_I(f.place_id), DB_I(person_id)));
	return e ? e : db_run(DB_PREPARE(x->db, keys, DB_I(f.place_id), DB_I(person_id)));
}

struct residences {
	fact_residence_fn *row;
	void *arg;
	char now[26];
};

static void residence_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct residences *rs = arg;
	int64_t person_id;
	const struct place *pl;
	const char *from;
	rs->row(i, rs->arg, &person_id, &pl, &from);
	db_bind_int(st, f, person_id);
	db_bind_text(st, f + 1, pl->code);
	db_bind_int(st, f + 2, pl->id);
	db_bind_text(st, f + 3, from && from[0] ? from : NULL);
	db_bind_text(st, f + 4, rs->now);
}

nct_err fact_insert_residences(struct ctx *x, size_t n, fact_residence_fn *row, void *arg)
{
	static struct db_many many = DB_MANY(
	    "INSERT INTO person_facts (person_id, kind, value, place_id, amount, valid_from,"
	    " note, created_at) VALUES ",
	    "(?, 'residence', ?, ?, NULL, ?, NULL, ?)", "", 5);
	struct residences rs = {row, arg, ""};
	time_format_vn(time(NULL), rs.now);
	return db_many_run(x->db, &many, n, residence_bind, &rs);
}

/* The audit's picture of a fact. */
static char *fact_json(const char *kind, const char *value, const struct fact_new *in,
                       const char *from)
{
	json_t *o = json_pack("{s:s, s:s, s:s?}", "kind", kind, "value", value, "from",
	                      from && from[0] ? from : NULL);
	if (o && in->has_amount)
		json_object_set_new(o, "amount", json_integer(in->amount));
	if (o && in->note && in->note[0])
		json_object_set_new(o, "note", json_string(in->note));
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return s;
}

static nct_err fact_write(struct ctx *x, int64_t person_id, const struct fact_new *in,
                          const struct place *pl, const char *from, int64_t *id)
{
	const char *value = pl ? pl->code : in->value;
	char idtxt[AUDIT_ID_LEN];
	nct_err e = fact_insert(x, person_id, in->kind, value, pl ? pl->id : 0, in, from, id);
	if (!e && pl)
		e = person_residence_follow(x, person_id);
	if (!e)
		e = fact_pack_refresh(x->db, person_id);
	return e ? e
	         : audit_change(x, "fact", "person", audit_id(idtxt, person_id), AUDIT_NONE,
	                        fact_json(in->kind, value, in, from));
}

/* The person, who x may change and who is no tombstone. */
static nct_err fact_person(struct ctx *x, int64_t person_id, struct person *p, struct refusal *rf)
{
	nct_err e = person_get(x, person_id, p);
	if (e)
		return e;
	/* every fact decides entitlements (where one lives decides who pays) */
	if (access_person(x, p, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (p->merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", p->merged_into);
	return NCT_OK;
}

/* The kind, value, amount and date of a new fact; from_iso "" when not given. */
static nct_err fact_read(struct ctx *x, const struct person *p, const struct fact_new *in,
                         char from_iso[DATE_LEN], struct refusal *rf)
{
	struct date d = date_today_vn();
	nct_err e = check_one_of(in->kind, fact_kinds, "kind", rf);
	if (!e && fact_sensitive(in->kind) && !access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "kind", "");
	if (!e && fact_values(in->kind))
		e = check_one_of(in->value, fact_values(in->kind), "value", rf);
	bool pension_yes =
	    fact_kind_index(in->kind) == FACT_PENSION && in->value && strcmp(in->value, "yes") == 0;
	if (!e && in->has_amount && (!pension_yes || in->amount < 0))
		e = refuse(rf, NCT_ERR_INVALID, RF_FACT_AMOUNT, "amount", "");
	from_iso[0] = '\0';
	if (!e && in->from && in->from[0] && !(e = check_day(in->from, "from", &d, rf)))
		date_format(d, from_iso);
	if (!e && from_iso[0] && date_cmp(d, birth_start(p->birth)) < 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_FACT_BEFORE_BIRTH, "from", "d", from_iso);
	return e;
}

nct_err person_fact_add(struct ctx *x, int64_t person_id, const struct fact_new *in, int64_t *id,
                        struct refusal *rf)
{
	struct person p;
	struct place pl;
	char from[DATE_LEN];
	nct_err e = fact_person(x, person_id, &p, rf);
	if (!e)
		e = fact_read(x, &p, in, from, rf);
	bool residence = !e && fact_kind_index(in->kind) == FACT_RESIDENCE;
	if (residence) {
		struct date on = date_today_vn();
		if (from[0])
			date_parse(from, &on);
		e = fact_residence_place(x, in->value, on, "value", &pl, rf);
	}
	if (e || (e = unit_begin(x)))
		return e;
	e = person_lock_live(x, person_id, rf);
	return unit_end(x, e ? e : fact_write(x, person_id, in, residence ? &pl : NULL, from, id));
}

static nct_err live_residences(struct db *db, int64_t person_id, int64_t *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM person_facts f WHERE f.person_id = ?"
	                          " AND f.kind = 'residence'" LIVE;
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, person_id);
	return db_int(st, n);
}

static nct_err retract_write(struct ctx *x, const struct person_fact *f, const char *reason)
{
	static const char sql[] =
	    "INSERT INTO person_fact_retractions (fact_id, reason, created_at)"
	    " VALUES (?, ?, ?)";
	char now[26], idtxt[AUDIT_ID_LEN];
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, f->id);
	db_bind_text(st, 2, reason);
	db_bind_text(st, 3, now);
	nct_err e = db_run(st);
	if (!e && strcmp(f->kind, "residence") == 0)
		e = person_residence_follow(x, f->person_id);
	if (!e)
		e = fact_pack_refresh(x->db, f->person_id);
	return e ? e
	         : audit_json(x, "retract", "person", audit_id(idtxt, f->person_id), NULL,
	                      json_pack("{s:I, s:s, s:s, s:s?, s:s}", "fact", (json_int_t)f->id,
	                                "kind", f->kind, "value", f->value, "from",
	                                f->from[0] ? f->from : NULL, "reason", reason));
}

/* Whether no retraction names the fact yet (read inside the unit). */
static nct_err fact_still_live(struct ctx *x, int64_t fact_id, struct refusal *rf)
{
	static const char sql[] = "SELECT COUNT(*) FROM person_fact_retractions WHERE fact_id = ?";
	bool gone = false;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, fact_id);
	nct_err e = db_any(st, &gone);
	if (!e && gone)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_FACT_RETRACTED, "fact", "i", fact_id);
	return e;
}

nct_err person_fact_retract(struct ctx *x, int64_t person_id, int64_t fact_id, const char *reason,
                            struct refusal *rf)
{
	static const char sql[] = FACT_COLS "WHERE f.id = ? AND f.person_id = ?";
	struct person p;
	struct person_fact f = {0};
	int64_t left = 0;
	nct_err e = fact_person(x, person_id, &p, rf);
	if (!e) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, fact_id);
		db_bind_int(st, 2, person_id);
		e = db_row(st, &f, fact_row, NULL);
		if (e == NCT_ERR_NOTFOUND)
			return refuse(rf, NCT_ERR_NOTFOUND, RF_NO_SUCH_FACT, "fact", "i", fact_id);
	}
	if (!e && fact_sensitive(f.kind) && !access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "fact", "");
	if (!e && f.retracted)
		return refuse(rf, NCT_ERR_CONFLICT, RF_FACT_RETRACTED, "fact", "i", fact_id);
	if (!e)
		e = check_text(reason, FACT_NOTE_MAX, "reason", rf);
	if (e || (e = unit_begin(x)))
		return e;
	/* Inside the unit, the person's row locked (SQLite's unit holds the write
	 * lock): the fact and the residences left as others committed them, so two
	 * retractions at once cannot take a person's last residence between them. */
	e = person_lock_live(x, person_id, rf);
	if (!e)
		e = fact_still_live(x, fact_id, rf);
	if (!e && strcmp(f.kind, "residence") == 0 &&
	    !(e = live_residences(x->db, person_id, &left)) && left <= 1)
		e = refuse(rf, NCT_ERR_INVALID, RF_LAST_RESIDENCE, "fact", "");
	if (!e)
		e = retract_write(x, &f, reason);
	return unit_end(x, e);
}

nct_err person_facts_latest(struct ctx *x, int64_t person_id, struct date on,
                            struct person_fact f[FACT_KINDS])
{
	static const char sql[] =
	    FACT_COLS "WHERE f.person_id = ?" ON_OR_BEFORE LIVE
	              " ORDER BY f.kind, COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC";
	struct person_fact one;
	char d[DATE_LEN];
	int rc;
	date_format(on, d);
	memset(f, 0, FACT_KINDS * sizeof f[0]);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, d);
	while ((rc = db_step(st)) == DB_ROW) {
		fact_row(st, &one, NULL);
		int k = fact_kind_index(one.kind);
		if (k >= 0 && !f[k].id)
			f[k] = one;
	}
	db_done(st);
	return rc == DB_DONE ? NCT_OK : NCT_ERR_DB;
}

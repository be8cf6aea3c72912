#include "activity.h"

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
#include "user.h"

#define LISTS_MAX       200
#define ASSESSMENTS_MAX 1000 /* one a year */

const char *const assessment_grades[] = {"very_strong", "strong", "average", "weak", NULL};

static bool empty(const char *s)
{
	return !s || !s[0];
}

/* ---- activity lists ---- */

#define LIST_COLS "SELECT id, code, name, valid_from, valid_to FROM activity_lists "

/* Fills the areas of l; a list longer than ACTIVITY_AREAS_MAX (written around
 * activity_list_add) fails closed with NCT_ERR_TOOBIG. */
static nct_err list_areas(struct ctx *x, struct activity_list *l)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT code, name_vi, name_en, home_visits FROM activity_areas"
	                          " WHERE list_id = ? ORDER BY position, code";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(l->id));
	if (!st)
		return NCT_ERR_DB;
	l->n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (l->n == ACTIVITY_AREAS_MAX) {
			rc = -NCT_ERR_TOOBIG;
			break;
		}
		struct activity_area *ar = &l->areas[l->n++];
		text_copy(ar->code, sizeof ar->code, db_col_text(st, 0));
		text_copy(ar->name_vi, sizeof ar->name_vi, db_col_text(st, 1));
		text_copy(ar->name_en, sizeof ar->name_en, db_col_text(st, 2));
		ar->home_visits = db_col_int(st, 3) != 0;
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

nct_err activity_list_on(struct ctx *x, struct date on, struct activity_list *out)
{
	struct db *db = x->db;
	static const char sql[] = LIST_COLS "WHERE valid_from <= ? AND (valid_to IS NULL OR"
	                                    " valid_to >= ?) ORDER BY valid_from DESC LIMIT 1";
	char d[DATE_LEN];
	date_format(on, d);
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_T(d), DB_T(d));
	int rc = db_step(st);
	if (rc == DB_ROW)
		db_read_cols(st, &activity_list_cols, out);
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	if (rc != DB_ROW)
		return NCT_ERR_NOTFOUND;
	return list_areas(x, out);
}

nct_err activity_list_all(struct ctx *x, struct activity_list **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql[] = LIST_COLS "ORDER BY valid_from, id";
	struct vec v;
	vec_init(&v, sizeof **out, LISTS_MAX);
	struct db_stmt *st = db_prepare(db, sql);
	nct_err e = db_rows_of(st, &v, &activity_list_cols);
	/* the areas are read once the lists' statement is done with */
	for (size_t i = 0; !e && i < v.n; i++)
		e = list_areas(x, vec_at(&v, struct activity_list, i));
	*out = vec_result(&v, e, n);
	return e;
}

const struct activity_area *activity_area_find(const struct activity_list *l, const char *code)
{
	for (size_t i = 0; code && i < l->n; i++)
		if (strcmp(l->areas[i].code, code) == 0)
			return &l->areas[i];
	return NULL;
}

static nct_err area_check(const struct activity_list_new *in, size_t i, struct refusal *rf)
{
	const struct activity_area_new *x = &in->areas[i];
	if (check_code(x->code, 30, "areas", NULL))
		return refuse(rf, NCT_ERR_INVALID, RF_AREA_CODE_FORMAT, "areas", "ii",
		              (int64_t)i + 1, (int64_t)30);
	for (size_t j = 0; j < i; j++)
		if (strcmp(in->areas[j].code, x->code) == 0)
			return refuse(rf, NCT_ERR_INVALID, RF_AREA_TWICE, "areas", "s", x->code);
	if (check_title(x->name_vi, ACTIVITY_NAME_MAX, "areas", NULL) ||
	    check_optional_text(x->name_en, ACTIVITY_NAME_MAX, "areas", NULL))
		return refuse(rf, NCT_ERR_INVALID, RF_AREA_NAME, "areas", "si", x->code,
		              (int64_t)ACTIVITY_NAME_MAX);
	return NCT_OK;
}

static nct_err list_check(const struct activity_list_new *in, struct refusal *rf)
{
	struct date from, to;
	nct_err e = check_code(in->code, 30, "code", rf);
	if (!e)
		e = check_title(in->name, ACTIVITY_NAME_MAX, "name", rf);
	if (!e)
		e = check_date(in->valid_from, "valid_from", &from, rf);
	if (!e && !empty(in->valid_to) && !(e = check_date(in->valid_to, "valid_to", &to, rf)) &&
	    date_cmp(to, from) < 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_ENDS_BEFORE_START, "valid_to", "dd",
		           in->valid_to, in->valid_from);
	if (!e && (in->n == 0 || in->n > ACTIVITY_AREAS_MAX || !in->areas))
		e = refuse(rf, NCT_ERR_INVALID, RF_AREA_COUNT, "areas", "i",
		           (int64_t)ACTIVITY_AREAS_MAX);
	for (size_t i = 0; !e && i < in->n; i++)
		e = area_check(in, i, rf);
	return e;
}

/* A list with the same code or the same start date: rf names it. */
static nct_err list_taken(struct ctx *x, const struct activity_list_new *in, struct refusal *rf)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT code, valid_from FROM activity_lists"
	                          " WHERE code = ? OR valid_from = ? LIMIT 1";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_T(in->code), DB_T(in->valid_from));
	int rc = db_step(st);
	nct_err e = rc < 0 ? (nct_err)-rc : NCT_OK;
	if (rc == DB_ROW && strcmp(db_col_text(st, 0), in->code) == 0)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "code", "s", in->code);
	else if (rc == DB_ROW)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_LIST_SAME_START, "valid_from", "sd",
		           db_col_text(st, 0), in->valid_from);
	db_done(st);
	return e;
}

static nct_err list_insert(struct ctx *x, const struct activity_list_new *in, int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO activity_lists (code, name, valid_from, valid_to)"
	                          " VALUES (?,?,?,?) RETURNING id";
	static const char sql_a[] = "INSERT INTO activity_areas (list_id, code, position, name_vi,"
	                            " name_en, home_visits) VALUES (?,?,?,?,?,?)";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_T(in->code), DB_T(in->name), DB_T(in->valid_from),
	         DB_T(empty(in->valid_to) ? NULL : in->valid_to));
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	nct_err e = rc < 0 ? (nct_err)-rc : NCT_OK;
	for (size_t i = 0; !e && i < in->n; i++) {
		const struct activity_area_new *ar = &in->areas[i];
		if (!(st = db_prepare(db, sql_a)))
			return NCT_ERR_DB;
		DB_BINDS(st, DB_I(*id), DB_T(ar->code), DB_I((int64_t)i + 1), DB_T(ar->name_vi),
		         DB_T(empty(ar->name_en) ? ar->name_vi : ar->name_en),
		         DB_I(ar->home_visits));
		e = db_run(st);
	}
	return e;
}

/* With the new list written: an activity from `from` on whose area is not in
 * the list in force on its date would silently stop counting; refuse. */
static nct_err list_orphans(struct ctx *x, const char *from, struct refusal *rf)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT a.on_date, a.area FROM activities a WHERE a.on_date >= ? AND NOT EXISTS ("
	    "SELECT 1 FROM activity_areas x WHERE x.code = a.area AND x.list_id = ("
	    "SELECT l.id FROM activity_lists l WHERE l.valid_from <= a.on_date"
	    " AND (l.valid_to IS NULL OR l.valid_to >= a.on_date)"
	    " ORDER BY l.valid_from DESC LIMIT 1)) ORDER BY a.on_date LIMIT 1";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(from));
	if (!st)
		return NCT_ERR_DB;
	int rc = db_step(st);
	nct_err e = rc < 0 ? (nct_err)-rc : NCT_OK;
	if (rc == DB_ROW)
		e = refuse(rf, NCT_ERR_INVALID, RF_LIST_ORPHANS, "valid_from", "ds",
		           db_col_text(st, 0), db_col_text(st, 1));
	db_done(st);
	return e;
}

static json_t *list_json(const struct activity_list_new *in)
{
	json_t *areas = json_array();
	for (size_t i = 0; areas && i < in->n; i++)
		json_array_append_new(areas, json_string(in->areas[i].code));
	return json_pack("{s:s, s:s, s:s, s:s?, s:o*}", "code", in->code, "name", in->name,
	                 "valid_from", in->valid_from, "valid_to",
	                 empty(in->valid_to) ? NULL : in->valid_to, "areas", areas);
}

nct_err activity_list_add(struct ctx *x, const struct activity_list_new *in, int64_t *id,
                          struct refusal *rf)
{
	if (access_admin(x) != NCT_OK)
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = list_check(in, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = list_taken(x, in, rf);
	if (!e && (e = list_insert(x, in, id)) == NCT_ERR_CONFLICT)
		e = refuse(rf, e, RF_TAKEN, "code", "s", in->code);
	if (!e)
		e = list_orphans(x, in->valid_from, rf);
	if (!e)
		e = audit_json(x, "create", "activity_list", in->code, NULL, list_json(in));
	return unit_end(x, e);
}

/* ---- activities ---- */

static nct_err activity_check(struct ctx *x, const struct club *c, const struct activity_new *in,
                              struct refusal *rf)
{
	struct date d;
	struct activity_list l;
	nct_err e = check_club_date(c, in->on_date, "on_date", &d, rf);
	if (!e)
		e = check_title(in->title, ACTIVITY_TITLE_MAX, "title", rf);
	if (!e)
		e = check_number(in->participants, 0, ACTIVITY_PARTICIPANTS_MAX, "participants",
		                 rf);
	if (!e)
		e = check_optional_text(in->notes, ACTIVITY_NOTES_MAX, "notes", rf);
	if (!e && (e = activity_list_on(x, d, &l)) == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_AREA_LIST, "on_date", "d", in->on_date);
	if (!e && !activity_area_find(&l, in->area))
		return refuse(rf, NCT_ERR_INVALID, RF_AREA_NOT_IN_LIST, "area", "ssd",
		              in->area ? in->area : "", l.name, in->on_date);
	return e;
}

static nct_err activity_insert(struct ctx *x, const struct club *c, const struct activity_new *in,
                               int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO activities (club_id, on_date, area, title,"
	                          " participants, notes, created_at) VALUES (?,?,?,?,?,?,?)"
	                          " RETURNING id";
	char now[26];
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	time_format_vn(time(NULL), now);
	DB_BINDS(st, DB_I(c->id), DB_T(in->on_date), DB_T(in->area), DB_T(in->title),
	         DB_I(in->participants), DB_T(empty(in->notes) ? NULL : in->notes), DB_T(now));
	return db_int(st, id);
}

nct_err activity_add(struct ctx *x, const struct club *c, const struct activity_new *in,
                     int64_t *id, struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = activity_check(x, c, in, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = activity_insert(x, c, in, id);
	if (!e) {
		char idtxt[AUDIT_ID_LEN];
		e = audit_json(x, "create", "activity", audit_id(idtxt, *id), NULL,
		               json_pack("{s:s, s:s, s:s, s:s, s:I, s:s?}", "club", c->code,
		                         "on_date", in->on_date, "area", in->area, "title",
		                         in->title, "participants", (json_int_t)in->participants,
		                         "notes", empty(in->notes) ? NULL : in->notes));
	}
	return unit_end(x, e);
}

static void bind_period(struct db_stmt *st, int64_t club_id, struct date from, struct date to)
{
	char f[DATE_LEN], t[DATE_LEN];
	date_format(from, f);
	date_format(to, t);
	DB_BINDS(st, DB_I(club_id), DB_T(f), DB_T(t));
}

/* A page of the club's rows from `from` to `to` (sql's four parameters: the
 * club, the dates, and a LIMIT, given one more than v holds at most); *more
 * tells whether that one came. */
static nct_err club_page(struct ctx *x, const char *sql, int64_t club_id, struct date from,
                         struct date to, struct vec *v, const struct db_cols *t, bool *more)
{
	struct db *db = x->db;
	struct db_stmt *st = db_prepare(db, sql);
	bind_period(st, club_id, from, to);
	db_bind_int(st, 4, (int64_t)v->max + 1);
	nct_err e = db_rows_of(st, v, t);
	*more = e == NCT_ERR_TOOBIG;
	return *more ? NCT_OK : e;
}

nct_err activity_find(struct ctx *x, int64_t club_id, struct date from, struct date to,
                      size_t limit, struct activity **out, size_t *n, bool *more)
{
	static const char sql[] = "SELECT id, on_date, area, title, participants, notes"
	                          " FROM activities WHERE club_id = ? AND on_date >= ?"
	                          " AND on_date <= ? ORDER BY on_date DESC, id DESC LIMIT ?";
	struct vec v;
	vec_init(&v, sizeof **out, limit);
	nct_err e = club_page(x, sql, club_id, from, to, &v, &activity_cols, more);
	*out = vec_result(&v, e, n);
	return e;
}

/* ---- home-care visits ---- */

/* The volunteer must be a member of the club on the day, marked volunteer. */
static nct_err volunteer_check(struct ctx *x, const struct club *c, const struct person *p,
                               const char *day, struct refusal *rf)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT MAX(volunteer) FROM memberships WHERE club_id = ?"
	                          " AND person_id = ? AND joined_on <= ?"
	                          " AND (left_on IS NULL OR left_on > ?)";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_I(c->id), DB_I(p->id), DB_T(day), DB_T(day));
	int rc = db_step(st);
	bool member = rc == DB_ROW && !db_col_null(st, 0);
	bool volunteer = member && db_col_int(st, 0) != 0;
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	if (!member)
		return refuse(rf, NCT_ERR_INVALID, RF_VISIT_NOT_MEMBER, "volunteer_id", "sd",
		              p->full_name, day);
	if (!volunteer)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_VOLUNTEER, "volunteer_id", "s",
		              p->full_name);
	return NCT_OK;
}

/* The visited person: someone else, one x may change, older on the day. */
static nct_err visited_check(struct ctx *x, const struct visit_new *in, const struct person *p,
                             struct date d, struct refusal *rf)
{
	struct composition_rule rule;
	if (in->visited_id == in->volunteer_id)
		return refuse(rf, NCT_ERR_INVALID, RF_VISIT_SAME_PERSON, "visited_id", "");
	if (access_person(x, p, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_PERSON_OUTSIDE, "visited_id", "");
	nct_err e = composition_rule_on(x, d, &rule);
	if (!e && birth_age_on(p->birth, d) < rule.older_age)
		return refuse(rf, NCT_ERR_INVALID, RF_VISITED_NOT_OLDER, "visited_id", "sid",
		              p->full_name, (int64_t)rule.older_age, in->on_date);
	return e;
}

/* Both people of a visit must be ones x sees, before anything else is said of
 * them; then the day, the notes, the volunteer and the visited person. */
static nct_err visit_check(struct ctx *x, const struct club *c, const struct visit_new *in,
                           struct refusal *rf)
{
	struct date d;
	struct person vol, visited;
	nct_err e = person_seen(x, in->volunteer_id, "volunteer_id", &vol, rf);
	if (!e)
		e = person_seen(x, in->visited_id, "visited_id", &visited, rf);
	if (!e)
		e = check_club_date(c, in->on_date, "on_date", &d, rf);
	if (!e)
		e = check_optional_text(in->notes, ACTIVITY_NOTES_MAX, "notes", rf);
	if (!e)
		e = volunteer_check(x, c, &vol, in->on_date, rf);
	if (!e)
		e = visited_check(x, in, &visited, d, rf);
	return e;
}

static nct_err visit_insert(struct ctx *x, const struct club *c, const struct visit_new *in,
                            int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO home_visits (club_id, volunteer_id, visited_id,"
	                          " on_date, notes) VALUES (?,?,?,?,?) RETURNING id";
	struct db_stmt *st =
	    DB_PREPARE(db, sql, DB_I(c->id), DB_I(in->volunteer_id), DB_I(in->visited_id),
	               DB_T(in->on_date), DB_T(empty(in->notes) ? NULL : in->notes));
	return db_int(st, id);
}

nct_err visit_add(struct ctx *x, const struct club *c, const struct visit_new *in, int64_t *id,
                  struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = visit_check(x, c, in, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = visit_insert(x, c, in, id);
	if (!e) {
		char idtxt[AUDIT_ID_LEN];
		e = audit_json(x, "create", "home_visit", audit_id(idtxt, *id), NULL,
		               json_pack("{s:s, s:s, s:I, s:I, s:s?}", "club", c->code, "on_date",
		                         in->on_date, "volunteer", (json_int_t)in->volunteer_id,
		                         "visited", (json_int_t)in->visited_id, "notes",
		                         empty(in->notes) ? NULL : in->notes));
	}
	return unit_end(x, e);
}

nct_err visit_find(struct ctx *x, int64_t club_id, struct date from, struct date to, size_t limit,
                   struct visit **out, size_t *n, bool *more)
{
	static const char sql[] =
	    "SELECT v.id, v.on_date, v.volunteer_id, pv.full_name, v.visited_id, po.full_name,"
	    " v.notes FROM home_visits v JOIN persons pv ON pv.id = v.volunteer_id"
	    " JOIN persons po ON po.id = v.visited_id WHERE v.club_id = ? AND v.on_date >= ?"
	    " AND v.on_date <= ? ORDER BY v.on_date DESC, v.id DESC LIMIT ?";
	struct vec v;
	vec_init(&v, sizeof **out, limit);
	nct_err e = club_page(x, sql, club_id, from, to, &v, &visit_cols, more);
	*out = vec_result(&v, e, n);
	return e;
}

/* ---- areas active in a period ---- */

static nct_err tally_activities(struct ctx *x, int64_t club_id, struct date from, struct date to,
                                struct activity_tally *out)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT area, COUNT(*) FROM activities WHERE club_id = ?"
	                          " AND on_date >= ? AND on_date <= ? GROUP BY area";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	bind_period(st, club_id, from, to);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const struct activity_area *ar = activity_area_find(&out->list, db_col_text(st, 0));
		int count = (int)db_col_int(st, 1);
		if (ar)
			out->activities[ar - out->list.areas] += count;
		else
			out->other += count;
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static nct_err tally_visits(struct ctx *x, int64_t club_id, struct date from, struct date to,
                            struct activity_tally *out)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT COUNT(*) FROM home_visits WHERE club_id = ?"
	                          " AND on_date >= ? AND on_date <= ?";
	struct db_stmt *st = db_prepare(db, sql);
	bind_period(st, club_id, from, to);
	int64_t k;
	nct_err e = db_int(st, &k);
	out->visits = (int)k;
	return e;
}

nct_err activity_tally(struct ctx *x, int64_t club_id, struct date from, struct date to,
                       struct activity_tally *out)
{
	memset(out, 0, sizeof *out);
	if (date_cmp(from, to) > 0)
		return NCT_ERR_INVALID;
	nct_err e = activity_list_on(x, to, &out->list);
	if (e == NCT_ERR_NOTFOUND) {
		memset(&out->list, 0, sizeof out->list);
		e = NCT_OK;
	}
	if (!e)
		e = tally_activities(x, club_id, from, to, out);
	if (!e)
		e = tally_visits(x, club_id, from, to, out);
	if (e)
		return e;
	for (size_t i = 0; i < out->list.n; i++) {
		int n = out->activities[i] + (out->list.areas[i].home_visits ? out->visits : 0);
		if (n > 0)
			out->active++;
	}
	out->total = (int)out->list.n;
	out->all = out->total > 0 && out->active == out->total;
	return NCT_OK;
}

nct_err activity_all_areas(struct ctx *x, int64_t club_id, struct date from, struct date to,
                           bool *all, int *areas_active, int *areas_total)
{
	struct activity_tally *t = malloc(sizeof *t);
	if (!t)
		return NCT_ERR_NOMEM;
	nct_err e = activity_tally(x, club_id, from, to, t);
	*all = !e && t->all;
	*areas_active = e ? 0 : t->active;
	*areas_total = e ? 0 : t->total;
	free(t);
	return e;
}

bool activity_period(const char *from, const char *to, struct date *f, struct date *t)
{
	*t = date_today_vn();
	if (!empty(to) && date_parse(to, t))
		return false;
	*f = (struct date){t->y, 1, 1};
	if (!empty(from) && date_parse(from, f))
		return false;
	return date_cmp(*f, *t) <= 0;
}

/* ---- yearly assessments ---- */

static nct_err assessment_check(const struct club *c, const struct assessment_new *in, char *on,
                                struct refusal *rf)
{
	struct date today = date_today_vn(), founded = {0, 0, 0}, d = today;
	if (in->year < 1900)
		return refuse(rf, NCT_ERR_INVALID, RF_YEAR_FORMAT, "year", "i",
		              (int64_t)today.y - 1);
	if (in->year > today.y)
		return refuse(rf, NCT_ERR_INVALID, RF_YEAR_NOT_BEGUN, "year", "i",
		              (int64_t)in->year);
	if (date_parse(c->founded_on, &founded) || in->year < founded.y)
		return refuse(rf, NCT_ERR_INVALID, RF_YEAR_BEFORE_FOUNDING, "year", "ii",
		              (int64_t)founded.y, (int64_t)in->year);
	nct_err e = check_one_of(in->grade, assessment_grades, "grade", rf);
	if (e)
		return e;
	if ((!empty(in->assessed_on) && date_parse(in->assessed_on, &d)) ||
	    date_cmp(d, today) > 0 || d.y < in->year)
		return refuse(rf, NCT_ERR_INVALID, RF_ASSESSED_ON, "assessed_on", "i",
		              (int64_t)in->year);
	if ((e = check_optional_text(in->assessed_by, 120, "assessed_by", rf)))
		return e;
	date_format(d, on);
	return NCT_OK;
}

static json_t *assessment_json(const struct assessment *x)
{
	return json_pack("{s:i, s:s, s:b, s:s, s:s}", "year", x->year, "grade", x->grade,
	                 "well_managed", x->well_managed, "assessed_on", x->assessed_on,
	                 "assessed_by", x->assessed_by);
}

/* The row the input makes, once checked. */
static void assessment_from(const struct actor *a, const struct assessment_new *in, const char *on,
                            struct assessment *x)
{
	memset(x, 0, sizeof *x);
	x->year = in->year;
	text_copy(x->grade, sizeof x->grade, in->grade);
	x->well_managed = in->well_managed;
	text_copy(x->assessed_on, sizeof x->assessed_on, on);
	text_copy(x->assessed_by, sizeof x->assessed_by,
	          empty(in->assessed_by) ? a->username : in->assessed_by);
}

#define ASSESSMENT_COLS                                                                            \
	"SELECT id, year, grade, well_managed, assessed_on, assessed_by FROM club_assessments "

nct_err assessment_get(struct ctx *x, int64_t club_id, int year, struct assessment *out)
{
	struct db *db = x->db;
	static const char sql[] = ASSESSMENT_COLS "WHERE club_id = ? AND year = ?";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(club_id), DB_I(year));
	return db_row_of(st, &assessment_cols, out);
}

/* Writes as for the club: a new row when id is 0, else over row id. */
static nct_err assessment_write(struct ctx *x, int64_t club_id, int64_t id,
                                const struct assessment *as)
{
	struct db *db = x->db;
	static const char sql_new[] =
	    "INSERT INTO club_assessments (grade, well_managed,"
	    " assessed_on, assessed_by, club_id, year) VALUES (?,?,?,?,?,?)";
	static const char sql_set[] = "UPDATE club_assessments SET grade = ?, well_managed = ?,"
	                              " assessed_on = ?, assessed_by = ? WHERE id = ?";
	struct db_stmt *st = db_prepare(db, id ? sql_set : sql_new);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_T(as->grade), DB_I(as->well_managed), DB_T(as->assessed_on),
	         DB_T(as->assessed_by));
	if (id) {
		db_bind_int(st, 5, id);
	} else {
		db_bind_int(st, 5, club_id);
		db_bind_int(st, 6, as->year);
	}
	return db_run(st);
}

/* One worker for both: update says whether the year's row must exist (and is
 * changed) or must not (and is added). */
static nct_err assessment_save(struct ctx *x, const struct club *c, const struct assessment_new *in,
                               bool update, struct refusal *rf)
{
	struct assessment old, now;
	char on[DATE_LEN], eid[64];
	if (access_club(x, c, ACCESS_ASSESS) != NCT_OK)
		return refuse(rf, NCT_ERR_DENIED, RF_ASSESS_ONLY_OFFICERS, NULL, "");
	nct_err e = assessment_check(c, in, on, rf);
	if (e || (e = unit_begin(x)))
		return e;
	assessment_from(&x->actor, in, on, &now);
	e = assessment_get(x, c->id, in->year, &old);
	if (!e && !update)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_ASSESSMENT_EXISTS, "year", "i",
		           (int64_t)in->year);
	else if (e == NCT_ERR_NOTFOUND && !update)
		e = assessment_write(x, c->id, 0, &now);
	else if (e == NCT_ERR_NOTFOUND)
		e = refuse(rf, e, RF_NO_ASSESSMENT, "year", "i", (int64_t)in->year);
	else if (!e)
		e = assessment_write(x, c->id, old.id, &now);
	if (e == NCT_ERR_CONFLICT && rf && !rf->code)
		refuse(rf, e, RF_ASSESSMENT_EXISTS, "year", "i", (int64_t)in->year);
	snprintf(eid, sizeof eid, "%s/%d", c->code, in->year);
	if (!e)
		e = audit_json(x, update ? "update" : "create", "assessment", eid,
		               update ? assessment_json(&old) : NULL, assessment_json(&now));
	return unit_end(x, e);
}

nct_err assessment_add(struct ctx *x, const struct club *c, const struct assessment_new *in,
                       struct refusal *rf)
{
	return assessment_save(x, c, in, false, rf);
}

nct_err assessment_update(struct ctx *x, const struct club *c, const struct assessment_new *in,
                          struct refusal *rf)
{
	return assessment_save(x, c, in, true, rf);
}

nct_err assessment_find(struct ctx *x, int64_t club_id, struct assessment **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql[] = ASSESSMENT_COLS "WHERE club_id = ? ORDER BY year DESC";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(club_id));
	nct_err e;
	*out = db_list_of(st, &assessment_cols, ASSESSMENTS_MAX, n, &e);
	return e;
}

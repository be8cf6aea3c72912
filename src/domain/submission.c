/* submission.c - reports for a period, their steps, completeness and inboxes
 * (submission.h). */
#include "submission.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "check.h"
#include "indicator_register.h"
#include "ctx.h"
#include "org.h"

const char *const submission_statuses[] = {"draft", "submitted", "returned", "accepted", NULL};

/* ------------------------------------------------------------- access */

static bool acts_for_reporter(const struct ctx *x, char kind, int64_t id, const char *path)
{
	if (access_admin(x) == NCT_OK)
		return true;
	if (kind == 'o')
		return x->org_id == id && x->role != ROLE_VIEWER;
	return x->role != ROLE_DEPARTMENT && access_place(x, path, ACCESS_CHANGE);
}

static bool acts_for_receiver(const struct ctx *x, int64_t id, const char *path)
{
	if (access_admin(x) == NCT_OK)
		return true;
	if (x->org_id == id && x->role != ROLE_VIEWER)
		return true;
	return x->role == ROLE_PROVINCE && path[0] && access_place(x, path, ACCESS_CHANGE);
}

static bool sees_reporter(const struct ctx *x, char kind, int64_t id, const char *path)
{
	return access_admin(x) == NCT_OK || (kind == 'o' && x->org_id == id) ||
	       (path[0] && scope_contains(&x->scope, path));
}

static bool sees(const struct ctx *x, const struct submission *s)
{
	return sees_reporter(x, s->reporter_kind, s->reporter_id, s->reporter_path) ||
	       (x->org_id && x->org_id == s->receiver_id) ||
	       acts_for_receiver(x, s->receiver_id, s->receiver_path);
}

/* ------------------------------------------------------------- reading */

#define SUB_COLS                                                                                   \
	"SELECT s.id, s.obligation_id, p.slug, b.line, b.name, s.period, s.reporter_kind,"         \
	" s.reporter_id, COALESCE(ro.code, rp.code), COALESCE(ro.name, rp.name),"                  \
	" COALESCE(rop.path, rp.path), s.stands_for, s.receiver_id, v.code, v.name, vp.path,"      \
	" s.status, s.paper, s.created_at, s.first_at, s.submitted_at, s.days_late, s.comment,"    \
	" b.due, COALESCE(p.code, p.slug) FROM submissions s JOIN obligations b ON b.id = "        \
	"s.obligation_id"                                                                          \
	" JOIN plans p ON p.id = b.plan_id"                                                        \
	" LEFT JOIN orgs ro ON s.reporter_kind = 'org' AND ro.id = s.reporter_id"                  \
	" LEFT JOIN places rop ON rop.id = ro.place_id"                                            \
	" LEFT JOIN places rp ON s.reporter_kind = 'place' AND rp.id = s.reporter_id"              \
	" JOIN orgs v ON v.id = s.receiver_id JOIN places vp ON vp.id = v.place_id "

static int sub_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct submission *s = row;
	const struct ctx *x = arg;
	struct period p;
	struct date due;
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->obligation_id = db_col_int(st, 1);
	text_copy(s->plan_slug, sizeof s->plan_slug, db_col_text(st, 2));
	text_copy(s->line, sizeof s->line, db_col_text(st, 3));
	text_copy(s->name, sizeof s->name, db_col_text(st, 4));
	text_copy(s->period, sizeof s->period, db_col_text(st, 5));
	s->reporter_kind = strcmp(db_col_text(st, 6), "place") == 0 ? 'p' : 'o';
	s->reporter_id = db_col_int(st, 7);
	text_copy(s->reporter_code, sizeof s->reporter_code, db_col_text(st, 8));
	text_copy(s->reporter_name, sizeof s->reporter_name, db_col_text(st, 9));
	text_copy(s->reporter_path, sizeof s->reporter_path, db_col_text(st, 10));
	text_copy(s->stands_for, sizeof s->stands_for, db_col_text(st, 11));
	s->receiver_id = db_col_int(st, 12);
	text_copy(s->receiver_code, sizeof s->receiver_code, db_col_text(st, 13));
	text_copy(s->receiver_name, sizeof s->receiver_name, db_col_text(st, 14));
	text_copy(s->receiver_path, sizeof s->receiver_path, db_col_text(st, 15));
	text_copy(s->status, sizeof s->status, db_col_text(st, 16));
	s->paper = db_col_int(st, 17) != 0;
	text_copy(s->created_at, sizeof s->created_at, db_col_text(st, 18));
	text_copy(s->first_at, sizeof s->first_at, db_col_text(st, 19));
	text_copy(s->submitted_at, sizeof s->submitted_at, db_col_text(st, 20));
	s->days_late = db_col_null(st, 21) ? -1 : db_col_int(st, 21);
	text_copy(s->comment, sizeof s->comment, db_col_text(st, 22));
	text_copy(s->plan_key, sizeof s->plan_key, db_col_text(st, 24));
	if (period_parse(s->period, &p) == NCT_OK &&
	    obligation_due(db_col_text(st, 23), &p, &due) == NCT_OK)
		date_format(due, s->due_before);
	return !x || sees(x, s) ? DB_KEEP : DB_SKIP;
}

/* The row whatever x sees. */
static nct_err sub_read(struct ctx *x, int64_t id, struct submission *out)
{
	static const char sql[] = SUB_COLS "WHERE s.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	return db_row(st, out, sub_from_row, NULL);
}

bool submission_reporter_side(const struct ctx *x, const struct submission *s)
{
	return acts_for_reporter(x, s->reporter_kind, s->reporter_id, s->reporter_path);
}

nct_err submission_get(struct ctx *x, int64_t id, struct submission *out)
{
	nct_err e = sub_read(x, id, out);
	if (!e && !sees(x, out))
		e = NCT_ERR_NOTFOUND;
	return e;
}

static const struct db_col step_col[] = {
    DB_TEXT(struct submission_step, at), DB_TEXT(struct submission_step, step),
    DB_TEXT(struct submission_step, username), DB_TEXT(struct submission_step, comment)};
static const struct db_cols step_cols = DB_COLS(struct submission_step, step_col);

nct_err submission_steps(struct ctx *x, int64_t id, struct submission_step **out, size_t *n)
{
	static const char sql[] = "SELECT at, step, username, comment FROM submission_steps"
	                          " WHERE submission_id = ? ORDER BY id";
	struct submission s;
	*out = NULL;
	*n = 0;
	nct_err e = submission_get(x, id, &s);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	*out = db_list_of(st, &step_cols, SUBMISSION_STEPS_MAX, n, &e);
	return e;
}

/* ------------------------------------------------------------- writing */

static nct_err prefill(struct ctx *x, int64_t id, const struct obligation *ob,
                       const struct ob_period *p, const struct reporter *r);

static nct_err step_write(struct ctx *x, int64_t id, const char *step, const char *at,
                          const char *comment, const char *old_status, const char *new_status)
{
	static const char sql[] = "INSERT INTO submission_steps (submission_id, at, step, username,"
	                          " comment) VALUES (?,?,?,?,?)";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, step);
	db_bind_text(st, 4, x->username[0] ? x->username : NULL);
	db_bind_text(st, 5, comment);
	nct_err e = db_run(st);
	if (e)
		return e;
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)id);
	json_t *o = old_status ? json_pack("{s:s}", "status", old_status) : NULL;
	json_t *n =
	    json_pack("{s:s, s:s, s:s?}", "status", new_status, "at", at, "comment", comment);
	char *oj = !old_status ? AUDIT_NONE
	           : o         ? json_dumps(o, JSON_COMPACT)
	                       : NULL,
	     *nj = n ? json_dumps(n, JSON_COMPACT) : NULL;
	json_decref(o);
	json_decref(n);
	return audit_change(x, step, "submission", key, oj, nj);
}

static void now_text(char out[26])
{
	time_format_vn(time(NULL), out);
}

nct_err submission_create(struct ctx *x, int64_t obligation_id, const char *period,
                          const char *reporter, int64_t *id, struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO submissions (obligation_id, period, reporter_kind, reporter_id, "
	    "stands_for,"
	    " receiver_id, status, created_at) VALUES (?,?,?,?,?,?,'draft',?) RETURNING id";
	static const char sql_have[] =
	    "SELECT COUNT(*) FROM submissions WHERE obligation_id = ? AND period = ?"
	    " AND reporter_kind = ? AND reporter_id = ?";
	struct obligation ob;
	struct ob_period p;
	struct org recv;
	nct_err e = obligation_get_for(x, obligation_id, period, &ob);
	if (e)
		return e;
	if ((e = obligation_period(x, &ob, period, &p, rf)))
		return e;
	char from[DATE_LEN];
	date_format(p.has_window ? p.from : p.on, from);
	if (p.has_window && date_cmp(p.from, date_today_vn()) > 0)
		return refuse(rf, NCT_ERR_INVALID, RF_PERIOD_NOT_STARTED, "period", "sd", period,
		              from);
	struct reporter *reps = NULL, *me = NULL;
	size_t n = 0;
	if ((e = obligation_reporters(x, &ob, &p, &reps, &n)))
		return e;
	for (size_t i = 0; !me && i < n; i++)
		if (!reps[i].ended && reporter && strcmp(reps[i].code, reporter) == 0 && reps[i].id)
			me = &reps[i];
	if (!me) {
		free(reps);
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_A_REPORTER, "reporter", "ss",
		              reporter ? reporter : "", period);
	}
	struct reporter r = *me;
	free(reps);
	if (obligation_receiver(x, &ob, &p, &recv))
		return refuse(rf, NCT_ERR_INVALID, RF_NO_RECEIVER, "period", "s", period);
	if (!acts_for_reporter(x, r.kind, r.id, r.path) &&
	    !acts_for_receiver(x, recv.id, recv.place_path))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	const char *kind = r.kind == 'p' ? "place" : "org";
	int64_t have = 0;
	struct db_stmt *st = db_prepare(x->db, sql_have);
	db_bind_int(st, 1, ob.id);
	db_bind_text(st, 2, p.period);
	db_bind_text(st, 3, kind);
	db_bind_int(st, 4, r.id);
	if ((e = db_int(st, &have)))
		return e;
	if (have)
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "reporter", "s", r.code);
	char now[26];
	now_text(now);
	if ((e = unit_begin(x)))
		return e;
	st = db_prepare(x->db, sql);
	db_bind_int(st, 1, ob.id);
	db_bind_text(st, 2, p.period);
	db_bind_text(st, 3, kind);
	db_bind_int(st, 4, r.id);
	db_bind_text(st, 5, r.stands_for);
	db_bind_int(st, 6, recv.id);
	db_bind_text(st, 7, now);
	e = db_int(st, id);
	if (!e)
		e = prefill(x, *id, &ob, &p, &r);
	if (!e)
		e = step_write(x, *id, "created", now, NULL, NULL, "draft");
	return unit_end(x, e);
}

/* The submission for a change: NOTFOUND when x may not see it. */
static nct_err for_change(struct ctx *x, int64_t id, struct submission *s)
{
	nct_err e = db_lock_row(x->db, "submissions", id); /* then read what others committed */
	if (!e)
		e = sub_read(x, id, s);
	if (!e && !sees(x, s))
		e = NCT_ERR_NOTFOUND;
	return e;
}

/* A paper report is not received before its period's figures start (a report
 * received before its draft was entered is usual: the office types in what
 * came by post). */
static nct_err received_in_period(struct ctx *x, const struct submission *s, time_t at,
                                  struct refusal *rf)
{
	struct obligation ob;
	struct ob_period p;
	char d[DATE_LEN];
	nct_err e = obligation_get_for(x, s->obligation_id, s->period, &ob);
	if (!e)
		e = obligation_period(x, &ob, s->period, &p, rf);
	if (e || !p.has_window || date_cmp(date_of_time_vn(at), p.from) >= 0)
		return e;
	date_format(p.from, d);
	return refuse(rf, NCT_ERR_INVALID, RF_RECEIVED_BEFORE_PERIOD, "received_at", "sd",
	              s->period, d);
}

nct_err submission_submit(struct ctx *x, int64_t id, const char *received_at, struct refusal *rf)
{
	static const char sql[] =
	    "UPDATE submissions SET status = 'submitted', paper = ?, submitted_at = ?,"
	    " first_at = COALESCE(first_at, ?), days_late = COALESCE(days_late, ?) WHERE id = ?";
	struct submission s;
	bool paper = received_at && received_at[0];
	time_t at = time(NULL);
	if (paper && time_parse(received_at, &at))
		return refuse(rf, NCT_ERR_INVALID, RF_TIME_FORMAT, "received_at", "");
	if (paper && at > time(NULL)) {
		char d[DATE_LEN];
		date_format(date_of_time_vn(at), d);
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_IN_FUTURE, "received_at", "d", d);
	}
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = for_change(x, id, &s);
	bool receiver = !e && acts_for_receiver(x, s.receiver_id, s.receiver_path);
	bool reporter = !e && acts_for_reporter(x, s.reporter_kind, s.reporter_id, s.reporter_path);
	if (!e && paper && !receiver)
		e = refuse(rf, NCT_ERR_DENIED, reporter ? RF_RECEIVER_ONLY : RF_DENIED, NULL, "");
	else if (!e && !paper && !reporter)
		e = refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!e && strcmp(s.status, "draft") != 0 && strcmp(s.status, "returned") != 0)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_SUBMISSION_LOCKED, NULL, "s", s.status);
	if (!e && paper)
		e = received_in_period(x, &s, at, rf);
	struct date due;
	if (!e && date_parse(s.due_before, &due))
		e = NCT_ERR_INVALID;
	if (!e)
		e = submission_check_values(x, &s, rf);
	char when[26];
	time_format_vn(at, when);
	if (!e) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, paper ? 1 : s.paper);
		db_bind_text(st, 2, when);
		db_bind_text(st, 3, when);
		db_bind_int(st, 4, report_days_late(due, at));
		db_bind_int(st, 5, id);
		e = db_run(st);
	}
	if (!e)
		e = step_write(x, id, "submitted", when, paper ? "paper" : NULL, s.status,
		               "submitted");
	return unit_end(x, e);
}

nct_err submission_paper(struct ctx *x, int64_t obligation_id, const char *period,
                         const char *reporter, const char *received_at, int64_t *id,
                         struct refusal *rf)
{
	time_t at;
	if (!received_at || time_parse(received_at, &at))
		return refuse(rf, NCT_ERR_INVALID, RF_TIME_FORMAT, "received_at", "");
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = submission_create(x, obligation_id, period, reporter, id, rf);
	if (!e)
		e = submission_submit(x, *id, received_at, rf);
	return unit_end(x, e);
}

static nct_err answer(struct ctx *x, int64_t id, const char *status, const char *comment,
                      struct refusal *rf)
{
	static const char sql[] = "UPDATE submissions SET status = ?,"
	                          " comment = COALESCE(?, comment) WHERE id = ?";
	struct submission s;
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = for_change(x, id, &s);
	if (!e && !acts_for_receiver(x, s.receiver_id, s.receiver_path))
		e = refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!e && strcmp(s.status, "submitted") != 0)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_SUBMISSION_LOCKED, NULL, "s", s.status);
	if (!e) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_text(st, 1, status);
		db_bind_text(st, 2, comment);
		db_bind_int(st, 3, id);
		e = db_run(st);
	}
	char now[26];
	now_text(now);
	if (!e)
		e = step_write(x, id, status, now, comment, s.status, status);
	return unit_end(x, e);
}

nct_err submission_accept(struct ctx *x, int64_t id, struct refusal *rf)
{
	return answer(x, id, "accepted", NULL, rf);
}

nct_err submission_return(struct ctx *x, int64_t id, const char *comment, struct refusal *rf)
{
	struct submission s;
	nct_err e = submission_get(x, id, &s); /* one not seen is not named by a bad comment */
	if (e)
		return e;
	if ((e = check_text(comment, SUBMISSION_COMMENT_MAX, "comment", rf)))
		return e;
	return answer(x, id, "returned", comment, rf);
}

/* ------------------------------------------------------------- completeness */

struct sub_key {
	char kind;
	int64_t id, sub_id, days_late;
	char status[12];
};

static int key_order(const void *a, const void *b)
{
	const struct sub_key *k = a, *l = b;
	if (k->kind != l->kind)
		return k->kind < l->kind ? -1 : 1;
	return k->id < l->id ? -1 : k->id > l->id;
}

/* The reporter's submission among the period's (period_subs, sorted by
 * key_order), or NULL when it has none: one at most (the store keeps one
 * report per obligation, period and reporter). */
static const struct sub_key *sub_of(const struct vec *subs, const struct reporter *rep)
{
	struct sub_key want = {.kind = rep->kind, .id = rep->id};
	return subs->n ? bsearch(&want, subs->ptr, subs->n, sizeof want, key_order) : NULL;
}

static int key_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct sub_key *k = row;
	(void)arg;
	k->kind = strcmp(db_col_text(st, 0), "place") == 0 ? 'p' : 'o';
	k->id = db_col_int(st, 1);
	k->sub_id = db_col_int(st, 2);
	text_copy(k->status, sizeof k->status, db_col_text(st, 3));
	k->days_late = db_col_null(st, 4) ? -1 : db_col_int(st, 4);
	return DB_KEEP;
}

static nct_err period_subs(struct ctx *x, int64_t ob_id, const char *period, struct vec *v)
{
	static const char sql[] = "SELECT reporter_kind, reporter_id, id, status, days_late"
	                          " FROM submissions WHERE obligation_id = ? AND period = ?";
	vec_init(v, sizeof(struct sub_key), OBLIGATION_REPORTERS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, ob_id);
	db_bind_text(st, 2, period);
	nct_err e = db_rows(st, v, key_from_row, NULL);
	if (!e && v->n > 1)
		qsort(v->ptr, v->n, sizeof(struct sub_key), key_order);
	return e;
}

nct_err completeness_of(struct ctx *x, int64_t obligation_id, const char *period,
                        struct completeness *out, struct refusal *rf)
{
	struct obligation ob;
	struct ob_period p;
	memset(out, 0, sizeof *out);
	nct_err e = obligation_get_for(x, obligation_id, period, &ob);
	if (!e)
		e = obligation_period(x, &ob, period, &p, rf);
	return e ? e : completeness_in(x, &ob, &p, out);
}

nct_err completeness_in(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                        struct completeness *out)
{
	struct org *recv = &out->receiver;
	memset(out, 0, sizeof *out);
	out->period = *p;
	bool all = access_admin(x) == NCT_OK;
	if (obligation_receiver(x, ob, &out->period, recv) == NCT_OK) {
		text_copy(out->receiver_code, sizeof out->receiver_code, recv->code);
		out->receiver_side = acts_for_receiver(x, recv->id, recv->place_path);
		all = all || x->org_id == recv->id || out->receiver_side;
	} else
		memset(recv, 0, sizeof *recv);
	struct reporter *reps = NULL;
	size_t n = 0;
	struct vec subs;
	nct_err e = obligation_reporters(x, ob, &out->period, &reps, &n);
	if (e)
		return e;
	e = period_subs(x, ob->id, out->period.period, &subs);
	out->rows = e ? NULL : calloc(n ? n : 1, sizeof *out->rows);
	if (!e && !out->rows)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < n; i++) {
		if (reps[i].ended || reps[i].id == 0 ||
		    !(all || sees_reporter(x, reps[i].kind, reps[i].id, reps[i].path)))
			continue;
		struct expected *r = &out->rows[out->nrows++];
		r->r = reps[i];
		const struct sub_key *s = sub_of(&subs, &reps[i]);
		r->days_late = s ? s->days_late : -1;
		if (s) {
			r->submission_id = s->sub_id;
			text_copy(r->status, sizeof r->status, s->status);
		}
		out->expected++;
		if (r->days_late < 0) {
			out->missing++;
			continue;
		}
		out->submitted++;
		out->on_time += r->days_late == 0;
		out->late += r->days_late > 0;
		out->accepted += strcmp(r->status, "accepted") == 0;
	}
	vec_free(&subs);
	free(reps);
	out->permille = out->expected ? (int64_t)(out->submitted * 1000 / out->expected) : 1000;
	if (e)
		completeness_free(out);
	return e;
}

void completeness_free(struct completeness *c)
{
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

/* ------------------------------------------------------------- inbox */

static bool mine(const struct ctx *x, const struct reporter *r)
{
	if (r->ended || r->id == 0)
		return false;
	return r->kind == 'o' ? x->org_id == r->id : x->place_id == r->id;
}

static nct_err owed_rows(struct ctx *x, const struct obligation *ob, struct date today,
                         struct vec *out)
{
	struct ob_period *ps = NULL;
	size_t np = 0;
	nct_err e = obligation_periods(x, ob, &ps, &np);
	for (size_t i = 0; !e && i < np; i++) {
		if (ps[i].has_window && date_cmp(ps[i].from, today) > 0)
			continue;
		struct reporter *reps = NULL;
		size_t n = 0;
		struct vec subs;
		struct org recv = {0};
		e = obligation_receiver(x, ob, &ps[i], &recv);
		if (e == NCT_ERR_NOTFOUND)
			e = NCT_OK;
		if (e || (e = obligation_reporters(x, ob, &ps[i], &reps, &n)))
			break;
		e = period_subs(x, ob->id, ps[i].period, &subs);
		for (size_t k = 0; !e && k < n; k++) {
			if (!mine(x, &reps[k]))
				continue;
			struct inbox_row *r = vec_push(out);
			if (!r) {
				e = vec_failed(out);
				break;
			}
			memset(r, 0, sizeof *r);
			r->obligation_id = ob->id;
			text_copy(r->plan_slug, sizeof r->plan_slug, ob->plan_slug);
			text_copy(r->plan_key, sizeof r->plan_key, ob->plan_key);
			text_copy(r->line, sizeof r->line, ob->line);
			text_copy(r->name, sizeof r->name, ob->name);
			text_copy(r->period, sizeof r->period, ps[i].period);
			date_format(ps[i].due_before, r->due_before);
			text_copy(r->reporter_code, sizeof r->reporter_code, reps[k].code);
			text_copy(r->reporter_name, sizeof r->reporter_name, reps[k].name);
			text_copy(r->receiver_code, sizeof r->receiver_code, recv.code);
			text_copy(r->receiver_name, sizeof r->receiver_name, recv.name);
			const struct sub_key *s = sub_of(&subs, &reps[k]);
			r->days_late = s ? s->days_late : -1;
			if (s) {
				r->submission_id = s->sub_id;
				text_copy(r->status, sizeof r->status, s->status);
			}
			r->overdue = r->days_late < 0 && date_cmp(ps[i].due_before, today) <= 0;
		}
		vec_free(&subs);
		free(reps);
	}
	free(ps);
	return e;
}

nct_err inbox_of(struct ctx *x, struct date today, struct inbox_row **owed, size_t *nowed,
                 struct submission **review, size_t *nreview)
{
	static const char sql[] = SUB_COLS "WHERE s.receiver_id = ? AND s.status = 'submitted'"
	                                   " ORDER BY s.submitted_at, s.id";
	struct obligation *obs = NULL;
	size_t nob = 0;
	struct vec v, r;
	vec_init(&v, sizeof **owed, INBOX_MAX);
	vec_init(&r, sizeof **review, INBOX_MAX);
	nct_err e = (x->org_id || x->place_id) ? obligation_list(x, 0, &obs, &nob) : NCT_OK;
	for (size_t i = 0; !e && i < nob; i++)
		if (obligation_dated(&obs[i]))
			e = owed_rows(x, &obs[i], today, &v);
	free(obs);
	if (!e && x->org_id) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, x->org_id);
		e = db_rows(st, &r, sub_from_row, x);
	}
	*owed = vec_result(&v, e, nowed);
	*review = vec_result(&r, e, nreview);
	return e;
}

/* ------------------------------------------------------------- content */

const char *const submission_item_statuses[] = {"not_started", "in_progress", "done", NULL};

/* Whether code is the reporter's or one it stands for ("A, B"). */
static bool speaks_for(const struct submission *s, const char *code)
{
	if (strcmp(code, s->reporter_code) == 0)
		return true;
	size_t len = strlen(code);
	for (const char *p = s->stands_for; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, code, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
		while (*p == ' ')
			p++;
	}
	return false;
}

static bool leads(const struct submission *s, const struct plan_item *it)
{
	for (size_t k = 0; k < it->nlead; k++)
		if (speaks_for(s, it->lead[k]))
			return true;
	return false;
}

/* Whether s leaves out item it: retired on or before its period began (the
 * data window's first day; a one-off's day), unless s reported on it already. */
static bool retired_for(struct ctx *x, const struct submission *s, const struct ob_period *per,
                        const struct plan_item *it)
{
	static const char sql[] = "SELECT COUNT(*) FROM submission_items"
	                          " WHERE submission_id = ? AND item_id = ?";
	struct date r;
	if (!it->retired[0] || date_parse(it->retired, &r) != NCT_OK ||
	    date_cmp(r, per->has_window ? per->from : per->on) > 0)
		return false;
	int64_t k = 0;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, s->id);
	db_bind_int(st, 2, it->id);
	return db_int(st, &k) == NCT_OK && k == 0;
}

/* The items of s's plan the reporter leads: areas, then duties. */
static nct_err led_items(struct ctx *x, const struct submission *s, struct vec *out)
{
	struct obligation ob;
	struct ob_period per;
	nct_err e = obligation_get_for(x, s->obligation_id, s->period, &ob);
	if (!e)
		e = obligation_period(x, &ob, s->period, &per, NULL);
	vec_init(out, sizeof(struct submission_item), SUBMISSION_ITEMS_MAX);
	for (int kind = SECTION_AREA; !e && kind <= SECTION_DUTY; kind++) {
		struct plan_item *its = NULL;
		size_t n = 0;
		e = plan_items(x, ob.plan_id, (enum section_kind)kind, &its, &n);
		for (size_t i = 0; !e && i < n; i++) {
			if (!leads(s, &its[i]) || retired_for(x, s, &per, &its[i]))
				continue;
			struct submission_item *si = vec_push(out);
			if (!si) {
				e = vec_failed(out);
				break;
			}
			memset(si, 0, sizeof *si);
			si->item = its[i];
			text_copy(si->status, sizeof si->status, "not_started");
		}
		free(its);
	}
	return e;
}

struct saved_item {
	int64_t item_id;
	char status[12];
	char progress[SUBMISSION_PROGRESS_MAX + 1];
};

static const struct db_col saved_item_col[] = {DB_NUM(struct saved_item, item_id),
                                               DB_TEXT(struct saved_item, status),
                                               DB_TEXT(struct saved_item, progress)};
static const struct db_cols saved_item_cols = DB_COLS(struct saved_item, saved_item_col);

static int value_row(struct db_stmt *st, void *row, void *arg)
{
	struct submission_value *v = row;
	(void)arg;
	memset(v, 0, sizeof *v);
	if (!figure_def(db_col_text(st, 0), &v->def))
		return DB_SKIP; /* a code this program no longer computes */
	v->has_value = !db_col_null(st, 1);
	v->value = v->has_value ? db_col_int(st, 1) : 0;
	v->has_computed = !db_col_null(st, 2);
	v->computed = v->has_computed ? db_col_int(st, 2) : 0;
	v->has_fraction =
	    v->has_value && !db_col_null(st, 3) && !db_col_null(st, 4) && db_col_int(st, 4) > 0;
	v->numerator = v->has_fraction ? db_col_int(st, 3) : 0;
	v->denominator = v->has_fraction ? db_col_int(st, 4) : 0;
	return DB_KEEP;
}

static nct_err values_of(struct ctx *x, int64_t id, struct vec *out)
{
	static const char sql[] = "SELECT indicator, value, computed, numerator, denominator"
	                          " FROM submission_values WHERE submission_id = ?";
	vec_init(out, sizeof(struct submission_value), SUBMISSION_VALUES_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	nct_err e = db_rows(st, out, value_row, NULL);
	/* in the indicators' own order */
	for (size_t i = 0; !e && i + 1 < out->n; i++)
		for (size_t j = i + 1; j < out->n; j++) {
			struct submission_value *a = vec_at(out, struct submission_value, i),
			                        *b = vec_at(out, struct submission_value, j);
			if (figure_position(a->def.code) > figure_position(b->def.code)) {
				struct submission_value t = *a;
				*a = *b;
				*b = t;
			}
		}
	return e;
}

static nct_err content_of(struct ctx *x, const struct submission *s, struct vec *items,
                          struct vec *values)
{
	static const char sql[] = "SELECT item_id, status, progress FROM submission_items"
	                          " WHERE submission_id = ?";
	struct vec saved;
	nct_err e = led_items(x, s, items);
	vec_init(&saved, sizeof(struct saved_item), SUBMISSION_ITEMS_MAX);
	if (!e) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, s->id);
		e = db_rows_of(st, &saved, &saved_item_cols);
	}
	for (size_t i = 0; !e && i < items->n; i++) {
		struct submission_item *it = vec_at(items, struct submission_item, i);
		for (size_t k = 0; k < saved.n; k++) {
			const struct saved_item *sv = vec_at(&saved, struct saved_item, k);
			if (sv->item_id == it->item.id) {
				text_copy(it->status, sizeof it->status, sv->status);
				text_copy(it->progress, sizeof it->progress, sv->progress);
			}
		}
	}
	vec_free(&saved);
	if (!e)
		e = values_of(x, s->id, values);
	else
		vec_init(values, sizeof(struct submission_value), SUBMISSION_VALUES_MAX);
	return e;
}

nct_err submission_content(struct ctx *x, int64_t id, struct submission_item **items, size_t *ni,
                           struct submission_value **values, size_t *nv)
{
	struct submission s;
	struct vec vi, vv;
	*items = NULL;
	*values = NULL;
	*ni = *nv = 0;
	nct_err e = submission_get(x, id, &s);
	if (e)
		return e;
	e = content_of(x, &s, &vi, &vv);
	*items = vec_result(&vi, e, ni);
	*values = vec_result(&vv, e, nv);
	return e;
}

/* A whole number of zero or more, at most max, as text: false otherwise. */
static bool whole_number(const char *t, int64_t *out)
{
	int64_t v = 0;
	if (!t || !*t)
		return false;
	for (const char *p = t; *p; p++) {
		if (*p < '0' || *p > '9' || v > SUBMISSION_VALUE_MAX / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return true;
}

static nct_err save_item(struct ctx *x, const struct submission *s, const struct vec *items,
                         const struct item_in *in, struct refusal *rf)
{
	static const char sql[] = "INSERT INTO submission_items (submission_id, item_id, status,"
	                          " progress) VALUES (?,?,?,?) ON CONFLICT (submission_id, item_id)"
	                          " DO UPDATE SET status = excluded.status,"
	                          " progress = excluded.progress";
	const struct submission_item *it = NULL;
	for (size_t k = 0; !it && k < items->n; k++)
		if (vec_at(items, struct submission_item, k)->item.id == in->item_id)
			it = vec_at(items, struct submission_item, k);
	if (!it) {
		char item[24];
		snprintf(item, sizeof item, "%lld", (long long)in->item_id);
		return refuse(rf, NCT_ERR_INVALID, RF_ITEM_NOT_LED, "item", "ss", item,
		              s->reporter_code);
	}
	bool known = false;
	for (size_t k = 0; in->status && submission_item_statuses[k]; k++)
		known = known || strcmp(in->status, submission_item_statuses[k]) == 0;
	if (!known)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "status", "s",
		              "not_started, in_progress, done");
	nct_err e = check_optional_text(in->progress, SUBMISSION_PROGRESS_MAX, "progress", rf);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, s->id);
	db_bind_int(st, 2, in->item_id);
	db_bind_text(st, 3, in->status);
	db_bind_text(st, 4, in->progress ? in->progress : "");
	return db_run(st);
}

/* n * 1000 / d rounded half up; d > 0. */
static int64_t permille(int64_t n, int64_t d)
{
	return (n * 1000 + d / 2) / d;
}

/* A share typed as "N/D" (spaces allowed around the slash): true with both. */
static bool fraction(const char *t, int64_t *n, int64_t *d)
{
	char a[24], b[24];
	const char *slash = t ? strchr(t, '/') : NULL;
	if (!slash || (size_t)(slash - t) >= sizeof a || strlen(slash + 1) >= sizeof b)
		return false;
	memcpy(a, t, (size_t)(slash - t));
	a[slash - t] = '\0';
	text_copy(b, sizeof b, slash + 1);
	char *pa = a, *pb = b;
	while (*pa == ' ')
		pa++;
	while (*pb == ' ')
		pb++;
	for (char *e = pa + strlen(pa); e > pa && e[-1] == ' ';)
		*--e = '\0';
	for (char *e = pb + strlen(pb); e > pb && e[-1] == ' ';)
		*--e = '\0';
	return whole_number(pa, n) && whole_number(pb, d);
}

static nct_err save_value(struct ctx *x, const struct submission *s, const struct vec *values,
                          const struct value_in *in, struct refusal *rf)
{
	static const char sql[] = "UPDATE submission_values SET value = ?, numerator = ?,"
	                          " denominator = ? WHERE submission_id = ? AND indicator = ?";
	const struct submission_value *v = NULL;
	for (size_t k = 0; !v && in->indicator && k < values->n; k++)
		if (strcmp(vec_at(values, struct submission_value, k)->def.code, in->indicator) ==
		    0)
			v = vec_at(values, struct submission_value, k);
	if (!v)
		return refuse(rf, NCT_ERR_INVALID, RF_INDICATOR_NOT_OWNED, "indicator", "ss",
		              in->indicator ? in->indicator : "", s->reporter_code);
	int64_t n = 0, num = 0, den = 0;
	bool clear = !in->value || !in->value[0];
	bool frac = !clear && v->def.share && fraction(in->value, &num, &den);
	if (frac && (den == 0 || num > den))
		return refuse(rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, "value", "nn", (int64_t)0, den);
	if (!clear && !frac && !whole_number(in->value, &n))
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_A_NUMBER, "value", "ss", v->def.code,
		              in->value);
	if (!clear && !frac && v->def.share && n > 1000)
		return refuse(rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, "value", "nn", (int64_t)0,
		              (int64_t)1000);
	if (frac)
		n = permille(num, den);
	else if (!clear && v->def.share && v->has_fraction) { /* the known size, this share */
		den = v->denominator;
		num = (n * den + 500) / 1000;
		frac = true;
	}
	struct db_stmt *st = db_prepare(x->db, sql);
	if (clear)
		db_bind_null(st, 1);
	else
		db_bind_int(st, 1, n);
	if (frac) {
		db_bind_int(st, 2, num);
		db_bind_int(st, 3, den);
	} else {
		db_bind_null(st, 2);
		db_bind_null(st, 3);
	}
	db_bind_int(st, 4, s->id);
	db_bind_text(st, 5, v->def.code);
	return db_run(st);
}

nct_err submission_save(struct ctx *x, int64_t id, const struct item_in *items, size_t ni,
                        const struct value_in *values, size_t nv, struct refusal *rf)
{
	struct submission s;
	struct vec vi, vv;
	if (ni > SUBMISSION_ITEMS_MAX || nv > SUBMISSION_VALUES_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, NULL, "n",
		              (int64_t)(ni > SUBMISSION_ITEMS_MAX ? SUBMISSION_ITEMS_MAX
		                                                  : SUBMISSION_VALUES_MAX));
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = for_change(x, id, &s);
	if (!e && !acts_for_reporter(x, s.reporter_kind, s.reporter_id, s.reporter_path))
		e = refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!e && strcmp(s.status, "draft") != 0 && strcmp(s.status, "returned") != 0)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_SUBMISSION_LOCKED, NULL, "s", s.status);
	bool have = !e;
	if (have)
		e = content_of(x, &s, &vi, &vv);
	for (size_t i = 0; !e && i < ni; i++)
		e = save_item(x, &s, &vi, &items[i], rf);
	for (size_t i = 0; !e && i < nv; i++)
		e = save_value(x, &s, &vv, &values[i], rf);
	if (have) {
		vec_free(&vi);
		vec_free(&vv);
	}
	char now[26];
	now_text(now);
	if (!e)
		e = step_write(x, id, "saved", now, NULL, s.status, s.status);
	return unit_end(x, e);
}

/* ------------------------------------------------------------- prefill and rules */

/* The place whose figures the reporter gives: a place reporter's own, a
 * People's Committee's unit; "" for anyone else (a department owns none). */
static nct_err reporter_place(struct ctx *x, const struct reporter *r, char out[32])
{
	out[0] = '\0';
	if (r->kind == 'p') {
		text_copy(out, 32, r->code);
		return NCT_OK;
	}
	struct org o;
	nct_err e = org_get(x, r->code, &o);
	if (!e && strcmp(o.kind, "people_committee") == 0)
		text_copy(out, 32, o.place_code);
	return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
}

/* One value a new draft owns: what the live data gave (value, and for a share
 * its size) when known, else empty. */
static nct_err value_write(struct ctx *x, int64_t id, const struct indicator *d, bool known,
                           const struct indicator *v)
{
	static const char sql[] =
	    "INSERT INTO submission_values (submission_id, indicator, unit,"
	    " value, computed, numerator, denominator) VALUES (?,?,?,?,?,?,?)";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, d->code);
	db_bind_text(st, 3, d->share ? "permille" : "count");
	if (known) {
		db_bind_int(st, 4, v->value);
		db_bind_int(st, 5, v->value);
	} else {
		db_bind_null(st, 4);
		db_bind_null(st, 5);
	}
	if (known && d->share) { /* the share's own size, for a weighted roll-up */
		db_bind_int(st, 6, v->numerator);
		db_bind_int(st, 7, v->denominator);
	} else {
		db_bind_null(st, 6);
		db_bind_null(st, 7);
	}
	return db_run(st);
}

/* The clubs' indicators of a plan that defines them (plan_indicators, by the
 * plan's number), from the live data over the period's window. */
static nct_err prefill_clubs(struct ctx *x, int64_t id, const struct obligation *ob,
                             const struct plan *plan, const struct ob_period *p, const char *place)
{
	if (!plan->code[0])
		return NCT_OK;
	struct indicator_query q = {.plan = plan->code, .place = place};
	text_copy(q.window.scheme, sizeof q.window.scheme, ob->window[0] ? ob->window : "decree09");
	text_copy(q.window.period, sizeof q.window.period, p->period);
	q.window.from = p->from;
	q.window.to = p->to;
	static const char sql_defined[] = "SELECT COUNT(*) FROM plan_indicators WHERE plan = ?";
	int64_t defined = 0;
	struct db_stmt *st = db_prepare(x->db, sql_defined);
	db_bind_text(st, 1, plan->code);
	nct_err e = db_int(st, &defined);
	if (e || !defined)
		return e; /* the plan defines no indicator of the clubs */
	struct indicator_report *rep = calloc(1, sizeof *rep);
	if (!rep)
		return NCT_ERR_NOMEM;
	nct_err got = indicators_clubs(x, &q, rep);
	if (got && got != NCT_ERR_DENIED && got != NCT_ERR_NOTFOUND) {
		free(rep);
		return got;
	}
	for (int i = 0; !e && i < IND_COUNT; i++) {
		struct indicator d;
		if (!indicator_def(indicator_code_at(i), &d))
			continue;
		const struct indicator *v = &rep->ind[i];
		e = value_write(x, id, &d, !got && !(d.share && v->denominator == 0), v);
	}
	free(rep);
	return e;
}

/* The register's figures the plan's lines name (plan_register_figures), of
 * the place's territory on the window's last day. */
static nct_err prefill_register(struct ctx *x, int64_t id, const struct plan *plan,
                                const struct ob_period *p, const char *place)
{
	bool owned[REG_COUNT];
	struct register_figures f;
	struct place pl;
	nct_err e = register_figures_owned(x, plan->slug, owned);
	bool any = false;
	for (int i = 0; i < REG_COUNT; i++)
		any = any || owned[i];
	if (e || !any)
		return e;
	nct_err got = place_get_last(x, place, p->to, &pl);
	if (!got)
		got = register_figures_of(x, &pl, p->to, &f);
	if (got && got != NCT_ERR_DENIED && got != NCT_ERR_NOTFOUND)
		return got;
	for (int i = 0; !e && i < REG_COUNT; i++) {
		struct indicator d, v = {0};
		if (!owned[i] || !figure_def(figure_code_at(IND_COUNT + i), &d))
			continue;
		v.value = got ? 0 : f.value[i];
		e = value_write(x, id, &d, !got, &v);
	}
	return e;
}

/* The values a new draft owns, with what the live data gives over the
 * period's window. Nothing when the plan defines no indicator or the reporter
 * has no territory; a value the data cannot give (x may not see the place) is
 * left empty. */
static nct_err prefill(struct ctx *x, int64_t id, const struct obligation *ob,
                       const struct ob_period *p, const struct reporter *r)
{
	struct plan plan;
	char place[32];
	nct_err e = plan_by_id(x, ob->plan_id, &plan);
	if (!e)
		e = reporter_place(x, r, place);
	if (e || !place[0] || !p->has_window)
		return e;
	e = prefill_clubs(x, id, ob, &plan, p, place);
	return e ? e : prefill_register(x, id, &plan, p, place);
}

struct value_rule {
	char left[48], op[4], right[48];
	bool right_is_value;
	int64_t right_value;
};

static const struct db_col rule_col[] = {
    DB_TEXT(struct value_rule, left), DB_TEXT(struct value_rule, op),
    DB_TEXT(struct value_rule, right), DB_NUM(struct value_rule, right_is_value),
    DB_NUM(struct value_rule, right_value)};
static const struct db_cols rule_cols = DB_COLS(struct value_rule, rule_col);

static bool holds(int64_t l, const char *op, int64_t r)
{
	if (strcmp(op, "<=") == 0)
		return l <= r;
	if (strcmp(op, "<") == 0)
		return l < r;
	if (strcmp(op, ">=") == 0)
		return l >= r;
	if (strcmp(op, ">") == 0)
		return l > r;
	return l == r;
}

static const struct submission_value *value_named(const struct vec *v, const char *code)
{
	for (size_t k = 0; k < v->n; k++) {
		const struct submission_value *s = vec_at(v, struct submission_value, k);
		if (strcmp(s->def.code, code) == 0 && s->has_value)
			return s;
	}
	return NULL;
}

nct_err submission_check_values(struct ctx *x, const struct submission *s, struct refusal *rf)
{
	static const char sql[] =
	    "SELECT left_indicator, op, right_indicator,"
	    " CASE WHEN right_indicator IS NULL THEN 1 ELSE 0 END, COALESCE(right_value, 0)"
	    " FROM value_rules WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
	    " ORDER BY id";
	struct date due;
	if (date_parse(s->due_before, &due))
		return NCT_ERR_INVALID;
	char on[DATE_LEN];
	date_format(date_from_days(date_to_days(due) - 1), on);
	struct vec values, rules;
	nct_err e = values_of(x, s->id, &values);
	vec_init(&rules, sizeof(struct value_rule), 1000);
	if (!e) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_text(st, 1, on);
		db_bind_text(st, 2, on);
		e = db_rows_of(st, &rules, &rule_cols);
	}
	for (size_t i = 0; !e && i < rules.n; i++) {
		const struct value_rule *r = vec_at(&rules, struct value_rule, i);
		const struct submission_value *l = value_named(&values, r->left);
		const struct submission_value *rv =
		    r->right_is_value ? NULL : value_named(&values, r->right);
		if (!l || (!r->right_is_value && !rv))
			continue;
		int64_t right = rv ? rv->value : r->right_value;
		if (holds(l->value, r->op, right))
			continue;
		char a[REFUSAL_ARG_LEN], b[REFUSAL_ARG_LEN];
		snprintf(a, sizeof a, "%s (%lld)", r->left, (long long)l->value);
		if (rv)
			snprintf(b, sizeof b, "%s (%lld)", r->right, (long long)right);
		else
			snprintf(b, sizeof b, "%lld", (long long)right);
		e = refuse(rf, NCT_ERR_INVALID, RF_VALUE_RULE, "values", "sss", a, r->op, b);
	}
	vec_free(&values);
	vec_free(&rules);
	return e;
}

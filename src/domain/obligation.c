/* obligation.c - reporting obligations: their periods, due dates, reporters
 * and receivers (obligation.h). */
#include "obligation.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "place.h"

const char *const obligation_kinds[] = {"semiannual", "yearly",    "once", "on_request",
                                        "as_needed",  "per_rules", NULL};

bool obligation_dated(const struct obligation *ob)
{
	return strcmp(ob->period_kind, "semiannual") == 0 ||
	       strcmp(ob->period_kind, "yearly") == 0 || strcmp(ob->period_kind, "once") == 0;
}

/* ------------------------------------------------------------- pure rules */

static bool two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* The five bytes "MM-DD" at s into month and day; 02-29 is refused (not every
 * year has it). */
static bool month_day_at(const char *s, int *m, int *d)
{
	if (s[2] != '-' || !two_digits(s, m) || !two_digits(s + 3, d))
		return false;
	return date_valid(2023, *m, *d);
}

/* The whole of s is "MM-DD". */
static bool month_day(const char *s, int *m, int *d)
{
	return s && strlen(s) == 5 && month_day_at(s, m, d);
}

nct_err obligation_due(const char *due, const struct period *p, struct date *out)
{
	int m, d;
	if (due && strlen(due) == 10)
		return date_parse(due, out);
	if (!month_day(due, &m, &d))
		return NCT_ERR_INVALID;
	int mid = p->kind == PERIOD_HALF ? 4 : 7; /* the middle of the period */
	*out = (struct date){p->year + (m < mid ? 1 : 0), m, d};
	return NCT_OK;
}

nct_err obligation_window_own(const char *window, const struct period *p, struct date *from,
                              struct date *to)
{
	int fm, fd, tm, td;
	if (!window || strlen(window) != 11 || window[5] != '/' ||
	    !month_day_at(window, &fm, &fd) || !month_day_at(window + 6, &tm, &td))
		return NCT_ERR_INVALID;
	*to = (struct date){p->year, tm, td};
	*from = (struct date){p->year, fm, fd};
	if (date_cmp(*from, *to) > 0)
		from->y--;
	return NCT_OK;
}

int64_t report_days_late(struct date due_before, time_t at)
{
	if (at < time_of_day_vn(due_before))
		return 0;
	return date_to_days(date_of_time_vn(at)) - date_to_days(due_before) + 1;
}

static bool window_valid(const char *w)
{
	struct period p = {2024, PERIOD_YEAR};
	struct date a, b;
	return report_scheme_valid(w) || obligation_window_own(w, &p, &a, &b) == NCT_OK;
}

/* ------------------------------------------------------------- reading */

#define OB_SELECT                                                                                  \
	"SELECT b.id, b.plan_id, p.slug, COALESCE(p.code, p.slug), b.line, b.name, b.to_code,"     \
	" b.period_kind, b.first_period, b.last_period, b.due, b.data_window,"                     \
	" (SELECT COUNT(*) FROM obligation_reporters r WHERE r.obligation_id = b.id),"             \
	" p.effective_from, p.effective_to, t.id, t.code, t.name, t.kind, t.place_id, tp.code,"    \
	" tp.name, tp.path, t.valid_from, t.valid_to"
#define OB_FROM                                                                                    \
	" FROM obligations b JOIN plans p ON p.id = b.plan_id"                                     \
	" LEFT JOIN orgs t ON t.code = b.to_code LEFT JOIN places tp ON tp.id = t.place_id "
#define OB_COLS OB_SELECT OB_FROM

nct_err obligation_get(struct ctx *x, int64_t id, struct obligation *out)
{
	static const char sql[] = OB_COLS "WHERE b.id = ?";
	return db_row_of(DB_PREPARE(x->db, sql, DB_I(id)), &obligation_cols, out);
}

/* The obligation (obligation_cols) and, from column 25, its window rule. */
static int ob_rule_row(struct db_stmt *st, void *row, void *arg)
{
	struct obligation *ob = row;
	db_read_cols(st, arg, ob);
	ob->rule.from_prev_year = (int)db_col_int(st, 25);
	ob->rule.from_month = (int)db_col_int(st, 26);
	ob->rule.from_day = (int)db_col_int(st, 27);
	ob->rule.to_month = (int)db_col_int(st, 28);
	ob->rule.to_day = (int)db_col_int(st, 29);
	text_copy(ob->rule.source, sizeof ob->rule.source, db_col_text(st, 30));
	return DB_KEEP;
}

nct_err obligation_get_for(struct ctx *x, int64_t id, const char *period, struct obligation *out)
{
	/* the rule of the scheme and kind with the latest valid_from on or before
	 * the period's last day (report_window_of) */
	static const char sql[] = OB_SELECT
	    ", w.from_prev_year, w.from_month, w.from_day, w.to_month, w.to_day, w.source" OB_FROM
	    "LEFT JOIN report_windows w ON w.scheme = COALESCE(NULLIF(b.data_window, ''),"
	    " 'decree09') AND w.period_kind = ? AND w.valid_from = (SELECT MAX(v.valid_from)"
	    " FROM report_windows v WHERE v.scheme = w.scheme AND v.period_kind = w.period_kind"
	    " AND v.valid_from <= ?) WHERE b.id = ?";
	struct period p;
	if (!period || period_parse(period, &p))
		return obligation_get(x, id, out);
	char last[DATE_LEN];
	period_last_day(&p, last);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(p.kind == PERIOD_HALF ? "half" : "year"),
	                                DB_T(last), DB_I(id));
	nct_err e = db_row(st, out, ob_rule_row, (void *)&obligation_cols);
	if (!e)
		period_format(&p, out->rule_period);
	return e;
}

nct_err obligation_list(struct ctx *x, int64_t plan_id, struct obligation **out, size_t *n)
{
	static const char sql[] = OB_COLS
	    "WHERE ? = 0 OR b.plan_id = ? ORDER BY p.doc_date DESC, p.slug, b.position, b.id";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(plan_id), DB_I(plan_id));
	nct_err e;
	*out = db_list_of(st, &obligation_cols, OBLIGATION_LIST_MAX, n, &e);
	return e;
}

static int code_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct reporter_code *c = row;
	(void)arg;
	c->kind = strcmp(db_col_text(st, 0), "place") == 0 ? 'p' : 'o';
	text_copy(c->code, sizeof c->code, db_col_text(st, 1));
	return DB_KEEP;
}

nct_err obligation_codes(struct ctx *x, int64_t id, struct reporter_code **codes, size_t *n)
{
	static const char sql[] = "SELECT kind, code FROM obligation_reporters"
	                          " WHERE obligation_id = ? ORDER BY position";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(id));
	nct_err e;
	*codes = db_list(st, sizeof **codes, OBLIGATION_REPORTERS_MAX, code_from_row, NULL, n, &e);
	return e;
}

bool obligation_place_known(struct ctx *x, const char *code)
{
	static const char sql[] = "SELECT COUNT(*) FROM places WHERE code = ? AND level <= 3";
	int64_t k = 0;
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(code));
	return code && db_int(st, &k) == NCT_OK && k > 0;
}

static bool org_code_known(struct ctx *x, const char *code)
{
	struct org o;
	return code && org_get(x, code, &o) == NCT_OK;
}

/* ------------------------------------------------------------- writing */

static nct_err check_period_opt(const char *s, const char *field, struct refusal *rf)
{
	struct period p;
	if (s && s[0] && period_parse(s, &p))
		return refuse(rf, NCT_ERR_INVALID, RF_PERIOD_FORMAT, field, "s", s);
	return NCT_OK;
}

static nct_err ob_check(struct ctx *x, const struct obligation_new *in, struct refusal *rf)
{
	nct_err e = check_text(in->name, OBLIGATION_NAME_MAX, "name", rf);
	if (!e && in->nreporters == 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_NO_REPORTERS, "reporters", "");
	if (!e && in->nreporters > OBLIGATION_REPORTERS_MAX)
		e = refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, "reporters", "n",
		           (int64_t)OBLIGATION_REPORTERS_MAX);
	for (size_t i = 0; !e && !in->lenient && i < in->nreporters; i++) {
		const char *c = in->reporters[i];
		if (!c || !c[0] || strlen(c) >= ORG_CODE_LEN ||
		    (!org_code_known(x, c) && !obligation_place_known(x, c)))
			e = refuse(rf, NCT_ERR_INVALID, RF_REPORTER_UNKNOWN, "reporters", "s",
			           c ? c : "");
	}
	if (!e && !in->lenient && !org_code_known(x, in->to))
		e = refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, "to", "s", in->to ? in->to : "");
	if (!e)
		e = check_one_of(in->period_kind, obligation_kinds, "period_kind", rf);
	if (e)
		return e;
	bool dated = strcmp(in->period_kind, "semiannual") == 0 ||
	             strcmp(in->period_kind, "yearly") == 0 || strcmp(in->period_kind, "once") == 0;
	bool once = strcmp(in->period_kind, "once") == 0;
	struct date d;
	int m, dd;
	if (dated &&
	    (!in->due || (once ? date_parse(in->due, &d) != NCT_OK : !month_day(in->due, &m, &dd))))
		return refuse(rf, NCT_ERR_INVALID, RF_DUE_FORMAT, "due", "");
	if (in->window && in->window[0] && !window_valid(in->window))
		return refuse(rf, NCT_ERR_INVALID, RF_WINDOW_FORMAT, "window", "");
	e = check_period_opt(in->first_period, "first_period", rf);
	if (!e)
		e = check_period_opt(in->last_period, "last_period", rf);
	return e;
}

static nct_err reporter_rows(struct ctx *x, int64_t id, const struct obligation_new *in)
{
	static const char sql[] = "INSERT INTO obligation_reporters (obligation_id, position, kind,"
	                          " code) VALUES (?,?,?,?)";
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < in->nreporters; i++) {
		const char *c = in->reporters[i];
		bool place = !org_code_known(x, c) && obligation_place_known(x, c);
		struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(id), DB_I((int64_t)i + 1),
		                                DB_T(place ? "place" : "org"), DB_T(c));
		e = db_run(st);
	}
	return e;
}

nct_err obligation_write(struct ctx *x, const struct plan *p, const struct obligation_new *in,
                         int64_t *id, struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO obligations (plan_id, line, position, name, to_code, period_kind,"
	    " first_period, last_period, due, data_window, doc, created_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
	static const char sql_pos[] =
	    "SELECT COALESCE(MAX(position), 0) + 1 FROM obligations WHERE plan_id = ?";
	nct_err e = ob_check(x, in, rf);
	if (e)
		return e;
	bool dated = strcmp(in->period_kind, "semiannual") == 0 ||
	             strcmp(in->period_kind, "yearly") == 0 || strcmp(in->period_kind, "once") == 0;
	const char *window = in->window && in->window[0] ? in->window : dated ? "decree09" : NULL;
	if (in->lenient && !in->window)
		window = NULL; /* a plan file says what it says */
	int64_t pos = in->position;
	if (pos == 0) {
		struct db_stmt *st = DB_PREPARE(x->db, sql_pos, DB_I(p->id));
		if ((e = db_int(st, &pos)))
			return e;
	}
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(p->id), DB_T(in->line), DB_I(pos), DB_T(in->name),
	               DB_T(in->to), DB_T(in->period_kind),
	               DB_T(in->first_period && in->first_period[0] ? in->first_period : NULL),
	               DB_T(in->last_period && in->last_period[0] ? in->last_period : NULL),
	               DB_T(in->due && in->due[0] ? in->due : NULL), DB_T(window),
	               DB_T(in->doc ? in->doc : "{}"), DB_T(now));
	e = db_int(st, id);
	if (!e)
		e = reporter_rows(x, *id, in);
	return e;
}

nct_err obligation_create(struct ctx *x, const char *plan, const struct obligation_new *in,
                          int64_t *id, struct refusal *rf)
{
	struct plan p;
	if (plan_get(x, plan, &p))
		return refuse(rf, NCT_ERR_INVALID, RF_PLAN_UNKNOWN, "plan", "s", plan ? plan : "");
	if (access_plan(x, &p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	struct obligation_new own = *in;
	own.line = NULL;
	own.lenient = false;
	own.doc = NULL;
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = obligation_write(x, &p, &own, id, rf);
	if (!e) {
		char key[32], *nj = NULL;
		snprintf(key, sizeof key, "%lld", (long long)*id);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s?, s:i}", "plan", p.slug, "name",
		                      own.name, "to", own.to, "period_kind", own.period_kind,
		                      "reporters", (json_int_t)own.nreporters);
		nj = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		json_decref(o);
		e = audit_change(x, "create", "obligation", key, AUDIT_NONE, nj);
	}
	return unit_end(x, e);
}

/* ------------------------------------------------------------- periods */

/* The years of ob's plan: from the obligation as read, else from the plan. */
static void plan_years(struct ctx *x, const struct obligation *ob, int *from, int *to)
{
	struct plan p;
	*from = *to = 0;
	if (ob->plan_from[0]) {
		*from = (int)strtol(ob->plan_from, NULL, 10);
		*to = (int)strtol(ob->plan_to, NULL, 10);
	} else if (plan_by_id(x, ob->plan_id, &p) == NCT_OK) {
		*from = (int)strtol(p.effective_from, NULL, 10);
		*to = (int)strtol(p.effective_to, NULL, 10);
	}
}

/* The first and last period ob owes, as numbers year*2 (+0 for S1, +1 for a year). */
static nct_err ob_range(struct ctx *x, const struct obligation *ob, enum period_kind k, int *lo,
                        int *hi)
{
	struct period a, b;
	int y0, y1;
	plan_years(x, ob, &y0, &y1);
	a = (struct period){y0, k};
	b = (struct period){y1, k};
	if (ob->first_period[0] && period_parse(ob->first_period, &a))
		return NCT_ERR_INVALID;
	if (ob->last_period[0] && period_parse(ob->last_period, &b))
		return NCT_ERR_INVALID;
	*lo = a.year * 2 + (a.kind == PERIOD_YEAR);
	*hi = b.year * 2 + (b.kind == PERIOD_YEAR);
	return NCT_OK;
}

static nct_err fill_period(struct ctx *x, const struct obligation *ob, const struct period *p,
                           struct ob_period *out)
{
	memset(out, 0, sizeof *out);
	period_format(p, out->period);
	nct_err e = obligation_due(ob->due, p, &out->due_before);
	if (e)
		return e;
	out->on = date_from_days(date_to_days(out->due_before) - 1);
	if (strcmp(ob->period_kind, "once") == 0)
		return NCT_OK;
	out->has_window = true;
	if (!ob->window[0] || report_scheme_valid(ob->window)) {
		struct report_window w;
		const char *scheme = ob->window[0] ? ob->window : "decree09";
		if (strcmp(ob->rule_period, out->period) == 0) /* read with the obligation */
			e = ob->rule.from_month ? report_window_by_rule(scheme, p, &ob->rule, &w)
			                        : NCT_ERR_NOTFOUND;
		else
			e = report_window_of(x, scheme, p, &w);
		out->from = w.from;
		out->to = w.to;
		return e;
	}
	return obligation_window_own(ob->window, p, &out->from, &out->to);
}

nct_err obligation_period(struct ctx *x, const struct obligation *ob, const char *period,
                          struct ob_period *out, struct refusal *rf)
{
	struct period p;
	if (!obligation_dated(ob))
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_DATED, "period", "");
	if (!period || period_parse(period, &p))
		return refuse(rf, NCT_ERR_INVALID, RF_PERIOD_FORMAT, "period", "s",
		              period ? period : "");
	bool once = strcmp(ob->period_kind, "once") == 0;
	if (once) {
		struct date d;
		if (p.kind != PERIOD_YEAR || date_parse(ob->due, &d) || d.y != p.year)
			return refuse(rf, NCT_ERR_INVALID, RF_PERIOD_NOT_OWED, "period", "s",
			              period);
		return fill_period(x, ob, &p, out);
	}
	enum period_kind k = strcmp(ob->period_kind, "semiannual") == 0 ? PERIOD_HALF : PERIOD_YEAR;
	int lo, hi, n = p.year * 2 + (p.kind == PERIOD_YEAR);
	if (p.kind != k || ob_range(x, ob, k, &lo, &hi) || n < lo || n > hi)
		return refuse(rf, NCT_ERR_INVALID, RF_PERIOD_NOT_OWED, "period", "s", period);
	return fill_period(x, ob, &p, out);
}

nct_err obligation_periods(struct ctx *x, const struct obligation *ob, struct ob_period **out,
                           size_t *n)
{
	struct vec v;
	vec_init(&v, sizeof **out, OBLIGATION_PERIODS_MAX);
	nct_err e = NCT_OK;
	if (strcmp(ob->period_kind, "once") == 0) {
		struct date d;
		struct ob_period *slot;
		if (date_parse(ob->due, &d) == NCT_OK && (slot = vec_push(&v)))
			e = fill_period(x, ob, &(struct period){d.y, PERIOD_YEAR}, slot);
	} else if (obligation_dated(ob)) {
		enum period_kind k =
		    strcmp(ob->period_kind, "semiannual") == 0 ? PERIOD_HALF : PERIOD_YEAR;
		int lo, hi;
		e = ob_range(x, ob, k, &lo, &hi);
		for (int y = lo / 2; !e && y <= hi / 2; y++) {
			struct ob_period *slot = vec_push(&v);
			if (!slot)
				break;
			e = fill_period(x, ob, &(struct period){y, k}, slot);
		}
	}
	if (!e)
		e = vec_failed(&v);
	*out = vec_result(&v, e, n);
	return e;
}

/* ------------------------------------------------------------- who, when */

static bool in_force(const char *from, const char *to, struct date on)
{
	char s[DATE_LEN];
	date_format(on, s);
	return (!from[0] || strcmp(from, s) <= 0) && (!to[0] || strcmp(to, s) >= 0);
}

/* The bodies in force on `on` that carry org's plan duties along org_links
 * (the body itself when it is in force), at most max of them, depth-bounded. */
static size_t org_carriers(struct ctx *x, const struct org *o, struct date on, struct org *out,
                           size_t max, int depth)
{
	static const char sql[] =
	    "SELECT t.code FROM org_links l JOIN orgs t ON t.id = l.to_id"
	    " WHERE l.from_id = ? AND l.plan_duties = 1 AND l.since <= ? ORDER BY t.code";
	if (in_force(o->valid_from, o->valid_to, on)) {
		if (max > 0)
			out[0] = *o;
		return max > 0;
	}
	char s[DATE_LEN];
	char next[8][ORG_CODE_LEN];
	size_t nn = 0, k = 0;
	if (depth > 8)
		return 0;
	date_format(on, s);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(o->id), DB_T(s));
	while (db_step(st) == DB_ROW && nn < 8)
		text_copy(next[nn++], ORG_CODE_LEN, db_col_text(st, 0));
	db_done(st);
	for (size_t i = 0; i < nn && k < max; i++) {
		struct org t;
		if (org_get(x, next[i], &t) == NCT_OK)
			k += org_carriers(x, &t, on, out + k, max - k, depth + 1);
	}
	return k;
}

nct_err obligation_receiver(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                            struct org *out)
{
	struct org o;
	if (ob->to_org.id && ob->to_org.place_path[0]) /* read with the obligation */
		o = ob->to_org;
	else if (org_get(x, ob->to, &o))
		return NCT_ERR_NOTFOUND;
	return org_carriers(x, &o, p->on, out, 1, 0) == 1 ? NCT_OK : NCT_ERR_NOTFOUND;
}

/* The reporters found so far, each once: a vector with an index by kind, id
 * and ended (open addressing, grown to stay at most half full), so that the
 * country's 3,321 communes are not each compared with all the others. */
struct reporter_set {
	struct vec v;
	uint32_t *slot; /* index + 1 into v; 0 empty */
	size_t cap;     /* a power of two */
};

static size_t reporter_hash(char kind, int64_t id, bool ended, size_t cap)
{
	uint64_t h = ((uint64_t)id * 0x9E3779B97F4A7C15u) ^ ((uint64_t)(unsigned char)kind << 1) ^
	             (uint64_t)ended;
	return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static bool reporter_same(const struct reporter *r, char kind, int64_t id, const char *code,
                          bool ended)
{
	return r->kind == kind && r->id == id && r->ended == ended &&
	       (id != 0 || strcmp(r->code, code) == 0);
}

/* The slot of (kind, id, ended, code): the one holding it, else the empty one
 * where it goes. */
static uint32_t *reporter_slot(struct reporter_set *s, char kind, int64_t id, const char *code,
                               bool ended)
{
	size_t i = reporter_hash(kind, id, ended, s->cap);
	while (s->slot[i] && !reporter_same(vec_at(&s->v, struct reporter, s->slot[i] - 1), kind,
	                                    id, code, ended))
		i = (i + 1) & (s->cap - 1);
	return &s->slot[i];
}

static nct_err reporter_set_grow(struct reporter_set *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256;
	uint32_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return NCT_ERR_NOMEM;
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	for (size_t k = 0; k < s->v.n; k++) {
		const struct reporter *r = vec_at(&s->v, struct reporter, k);
		*reporter_slot(s, r->kind, r->id, r->code, r->ended) = (uint32_t)k + 1;
	}
	return NCT_OK;
}

static nct_err add_reporter(struct reporter_set *s, char kind, int64_t id, const char *code,
                            const char *name, const char *path, const char *stands_for, bool ended)
{
	nct_err e = (s->v.n + 1) * 2 > s->cap ? reporter_set_grow(s) : NCT_OK;
	if (e)
		return e;
	uint32_t *slot = reporter_slot(s, kind, id, code, ended);
	if (*slot) {
		struct reporter *r = vec_at(&s->v, struct reporter, *slot - 1);
		size_t len = strlen(r->stands_for);
		if (!strstr(r->stands_for, stands_for) &&
		    len + 2 + strlen(stands_for) < sizeof r->stands_for)
			snprintf(r->stands_for + len, sizeof r->stands_for - len, ", %s",
			         stands_for);
		return NCT_OK;
	}
	struct reporter *r = vec_push(&s->v);
	if (!r)
		return vec_failed(&s->v);
	*slot = (uint32_t)s->v.n;
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->id = id;
	r->ended = ended;
	text_copy(r->code, sizeof r->code, code);
	text_copy(r->name, sizeof r->name, name);
	text_copy(r->path, sizeof r->path, path);
	text_copy(r->stands_for, sizeof r->stands_for, stands_for);
	return NCT_OK;
}

/* The communes (and other units) in force on `on` formed, wholly or in part,
 * from the territory of the place at path. */
static nct_err places_after(struct ctx *x, const char *path, struct date on, const char *code,
                            struct reporter_set *v)
{
	static const char sql[] =
	    "SELECT DISTINCT n.id, n.code, n.name, n.path FROM place_links l"
	    " JOIN places o ON o.id = l.from_id JOIN places n ON n.id = l.to_id"
	    " WHERE substr(o.path, 1, length(?)) = ? AND (n.valid_from IS NULL OR n.valid_from <= "
	    "?)"
	    " AND (n.valid_to IS NULL OR n.valid_to >= ?) ORDER BY n.code";
	char s[DATE_LEN];
	date_format(on, s);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(path), DB_T(path), DB_T(s), DB_T(s));
	int rc;
	nct_err e = NCT_OK;
	while (!e && (rc = db_step(st)) == DB_ROW)
		e = add_reporter(v, 'p', db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		                 db_col_text(st, 3), code, false);
	db_done(st);
	return e ? e : rc < 0 ? (nct_err)-rc : NCT_OK;
}

static nct_err resolve_org(struct ctx *x, const char *code, struct date on, struct reporter_set *v)
{
	struct org o, carriers[16];
	if (org_get(x, code, &o)) /* a body of the plan's own list: reports by its code */
		return add_reporter(v, 'o', 0, code, code, "", code, false);
	char s[DATE_LEN];
	date_format(on, s);
	if (o.valid_from[0] && strcmp(o.valid_from, s) > 0)
		return NCT_OK; /* not yet in force: owes nothing for this period */
	size_t k = org_carriers(x, &o, on, carriers, 16, 0);
	for (size_t i = 0; i < k; i++) {
		nct_err e = add_reporter(v, 'o', carriers[i].id, carriers[i].code, carriers[i].name,
		                         carriers[i].place_path, code, false);
		if (e)
			return e;
	}
	if (k > 0)
		return NCT_OK;
	if (strcmp(o.kind, "people_committee") == 0) {
		size_t before = v->v.n;
		nct_err e = places_after(x, o.place_path, on, code, v);
		if (e || v->v.n > before)
			return e;
	}
	return add_reporter(v, 'o', o.id, o.code, o.name, o.place_path, code, true);
}

static nct_err resolve_place(struct ctx *x, const char *code, struct date on,
                             struct reporter_set *v)
{
	struct place pl;
	if (place_get(x, code, on, &pl) == NCT_OK)
		return add_reporter(v, 'p', pl.id, pl.code, pl.name, pl.path, code, false);
	if (place_get_last(x, code, on, &pl))
		return NCT_OK;
	size_t before = v->v.n;
	nct_err e = places_after(x, pl.path, on, code, v);
	if (!e && v->v.n == before)
		e = add_reporter(v, 'p', pl.id, pl.code, pl.name, pl.path, code, true);
	return e;
}

static int reporter_order(const void *a, const void *b)
{
	const struct reporter *r = a, *s = b;
	if (r->ended != s->ended)
		return r->ended - s->ended;
	if (r->kind != s->kind)
		return r->kind == 'o' ? -1 : 1;
	return strcmp(r->code, s->code);
}

/* One reporter code of an obligation with what one read can tell of it: the
 * organisation of that code (any date) with its place, or the place of that
 * code in force on the day. */
struct reporter_row {
	char kind;
	char code[ORG_CODE_LEN];
	bool org;
	struct org o;
	bool place;
	int64_t place_id;
	char place_code[24], place_name[TEXT_BYTES(PLACE_NAME_MAX)], place_path[96];
};

static int reporter_row_read(struct db_stmt *st, void *row, void *arg)
{
	struct reporter_row *r = row;
	(void)arg;
	memset(r, 0, sizeof *r);
	r->kind = strcmp(db_col_text(st, 0), "place") == 0 ? 'p' : 'o';
	text_copy(r->code, sizeof r->code, db_col_text(st, 1));
	r->org = !db_col_null(st, 2);
	if (r->org) {
		r->o.id = db_col_int(st, 2);
		text_copy(r->o.code, sizeof r->o.code, db_col_text(st, 3));
		text_copy(r->o.name, sizeof r->o.name, db_col_text(st, 4));
		text_copy(r->o.kind, sizeof r->o.kind, db_col_text(st, 5));
		text_copy(r->o.place_path, sizeof r->o.place_path, db_col_text(st, 6));
		text_copy(r->o.valid_from, sizeof r->o.valid_from, db_col_text(st, 7));
		text_copy(r->o.valid_to, sizeof r->o.valid_to, db_col_text(st, 8));
	}
	r->place = !db_col_null(st, 9);
	if (r->place) {
		r->place_id = db_col_int(st, 9);
		text_copy(r->place_code, sizeof r->place_code, db_col_text(st, 10));
		text_copy(r->place_name, sizeof r->place_name, db_col_text(st, 11));
		text_copy(r->place_path, sizeof r->place_path, db_col_text(st, 12));
	}
	return DB_KEEP;
}

/* The obligation's reporter codes in one read, each with its organisation or
 * its place in force on `on`, in the obligation's order. */
static nct_err reporter_reads(struct ctx *x, int64_t id, struct date on, struct vec *out)
{
	static const char sql[] =
	    "SELECT r.kind, r.code, o.id, o.code, o.name, o.kind, op.path, o.valid_from,"
	    " o.valid_to, p.id, p.code, p.name, p.path FROM obligation_reporters r"
	    " LEFT JOIN orgs o ON r.kind = 'org' AND o.code = r.code"
	    " LEFT JOIN places op ON op.id = o.place_id"
	    " LEFT JOIN places p ON r.kind = 'place' AND p.code = r.code"
	    " AND (p.valid_from IS NULL OR p.valid_from <= ?)"
	    " AND (p.valid_to IS NULL OR p.valid_to >= ?)"
	    " WHERE r.obligation_id = ? ORDER BY r.position, p.id";
	char d[DATE_LEN];
	date_format(on, d);
	vec_init(out, sizeof(struct reporter_row), OBLIGATION_REPORTERS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, d);
	db_bind_text(st, 2, d);
	db_bind_int(st, 3, id);
	return db_rows(st, out, reporter_row_read, NULL);
}

/* A reporter the one read settles: an organisation in force on `on` reports
 * itself, a place in force (and seen) reports itself. false: work it out through
 * the handovers and successors (resolve_org, resolve_place). */
static bool reporter_direct(struct ctx *x, const struct reporter_row *r, struct date on,
                            struct reporter_set *v, nct_err *e)
{
	if (r->kind == 'o' && r->org && r->o.place_path[0] &&
	    in_force(r->o.valid_from, r->o.valid_to, on)) {
		*e = add_reporter(v, 'o', r->o.id, r->o.code, r->o.name, r->o.place_path, r->code,
		                  false);
		return true;
	}
	if (r->kind == 'p' && r->place && access_place(x, r->place_path, ACCESS_SEE)) {
		*e = add_reporter(v, 'p', r->place_id, r->place_code, r->place_name, r->place_path,
		                  r->code, false);
		return true;
	}
	return false;
}

nct_err obligation_reporters(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                             struct reporter **out, size_t *n)
{
	struct vec rows;
	struct reporter_set v = {0};
	vec_init(&v.v, sizeof **out, OBLIGATION_REPORTERS_MAX);
	nct_err e = reporter_reads(x, ob->id, p->on, &rows);
	for (size_t i = 0; !e && i < rows.n; i++) {
		const struct reporter_row *r = vec_at(&rows, struct reporter_row, i);
		if (i > 0 && r->kind == 'p' &&
		    strcmp(vec_at(&rows, struct reporter_row, i - 1)->code, r->code) == 0 &&
		    vec_at(&rows, struct reporter_row, i - 1)->kind == 'p')
			continue; /* one code, two places in force: the first, as place_get */
		if (!reporter_direct(x, r, p->on, &v, &e))
			e = r->kind == 'p' ? resolve_place(x, r->code, p->on, &v)
			                   : resolve_org(x, r->code, p->on, &v);
	}
	vec_free(&rows);
	free(v.slot);
	if (!e && v.v.n > 1)
		qsort(v.v.ptr, v.v.n, sizeof **out, reporter_order);
	*out = vec_result(&v.v, e, n);
	return e;
}

/* rollup.c - a period's reported figures up the place tree (rollup.h). */
#include "rollup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "ctx.h"
#include "org.h"
#include "indicator_register.h"
#include "plan.h"
#include "submission.h"

/* One reporter with a territory, and its report's values. */
struct unit {
	char path[96];
	int64_t submission_id;
	bool reported;
	char code[ORG_CODE_LEN], name[192];
	bool has[FIGURE_COUNT];
	int64_t value[FIGURE_COUNT];
	bool frac[FIGURE_COUNT]; /* a share with its numerator and denominator */
	int64_t num[FIGURE_COUNT], den[FIGURE_COUNT];
};

struct value_row {
	int64_t submission_id;
	int ind;
	int64_t value;
	bool frac;
	int64_t num, den;
};

static int value_row_read(struct db_stmt *st, void *row, void *arg)
{
	struct value_row *v = row;
	(void)arg;
	v->submission_id = db_col_int(st, 0);
	v->ind = figure_position(db_col_text(st, 1));
	v->value = db_col_int(st, 2);
	v->frac = !db_col_null(st, 3) && !db_col_null(st, 4) && db_col_int(st, 4) > 0;
	v->num = v->frac ? db_col_int(st, 3) : 0;
	v->den = v->frac ? db_col_int(st, 4) : 0;
	return v->ind < 0 ? DB_SKIP : DB_KEEP;
}

static int value_order(const void *a, const void *b)
{
	const struct value_row *v = a, *w = b;
	if (v->submission_id != w->submission_id)
		return v->submission_id < w->submission_id ? -1 : 1;
	return v->ind - w->ind;
}

static nct_err period_values(struct ctx *x, int64_t ob, const char *period, struct vec *out)
{
	static const char sql[] =
	    "SELECT s.id, v.indicator, v.value, v.numerator, v.denominator FROM submission_values v"
	    " JOIN submissions s ON s.id = v.submission_id WHERE s.obligation_id = ?"
	    " AND s.period = ? AND s.status IN ('submitted', 'accepted') AND v.value IS NOT NULL";
	vec_init(out, sizeof(struct value_row), (size_t)OBLIGATION_REPORTERS_MAX * FIGURE_COUNT);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, ob);
	db_bind_text(st, 2, period);
	nct_err e = db_rows(st, out, value_row_read, NULL);
	if (!e && out->n > 1)
		qsort(out->ptr, out->n, sizeof(struct value_row), value_order);
	return e;
}

/* The index of the first of the submission's values (values sorted by
 * value_order), values->n when it has none. */
static size_t values_from(const struct vec *values, int64_t submission_id)
{
	size_t lo = 0, hi = values->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vec_at(values, struct value_row, mid)->submission_id < submission_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The units with a territory among the period's reporters x sees. */
static nct_err units_of(struct ctx *x, const struct completeness *c, const struct vec *values,
                        struct vec *out)
{
	nct_err e = NCT_OK;
	vec_init(out, sizeof(struct unit), OBLIGATION_REPORTERS_MAX);
	for (size_t i = 0; !e && i < c->nrows; i++) {
		const struct expected *r = &c->rows[i];
		if (r->r.kind == 'o') {
			struct org o;
			if (org_get(x, r->r.code, &o) || strcmp(o.kind, "people_committee") != 0)
				continue;
		}
		if (!r->r.path[0])
			continue;
		struct unit *u = vec_push(out);
		if (!u)
			return vec_failed(out);
		memset(u, 0, sizeof *u);
		text_copy(u->path, sizeof u->path, r->r.path);
		text_copy(u->code, sizeof u->code, r->r.code);
		text_copy(u->name, sizeof u->name, r->r.name);
		u->submission_id = r->submission_id;
		u->reported = r->days_late >= 0 && (strcmp(r->status, "submitted") == 0 ||
		                                    strcmp(r->status, "accepted") == 0);
		for (size_t k = u->reported ? values_from(values, u->submission_id) : values->n;
		     k < values->n; k++) {
			const struct value_row *v = vec_at(values, struct value_row, k);
			if (v->submission_id != u->submission_id)
				break;
			{
				u->has[v->ind] = true;
				u->value[v->ind] = v->value;
				u->frac[v->ind] = v->frac;
				u->num[v->ind] = v->num;
				u->den[v->ind] = v->den;
			}
		}
	}
	return e;
}

static void add(struct rollup_node *n, const struct unit *u)
{
	n->expected++;
	n->reported += u->reported;
	for (int i = 0; i < FIGURE_COUNT; i++)
		if (u->has[i]) {
			n->has[i] = true;
			n->value[i] += u->value[i];
			n->given[i]++;
			n->num[i] += u->num[i];
			n->den[i] += u->den[i];
			n->unsized[i] += !u->frac[i];
		}
}

/* A share: Σ numerators / Σ denominators when every unit gave its own (weighted
 * by size), else the mean of the shares. */
static void finish(struct rollup_node *n, const struct indicator *defs)
{
	for (int i = 0; i < FIGURE_COUNT; i++) {
		if (!n->has[i] || !defs[i].share || n->given[i] == 0)
			continue;
		n->weighted[i] = n->unsized[i] == 0 && n->den[i] > 0;
		if (n->weighted[i])
			n->value[i] = (n->num[i] * 1000 + n->den[i] / 2) / n->den[i];
		else
			n->value[i] = (n->value[i] + n->given[i] / 2) / n->given[i];
	}
}

/* The place id of the path's segment after prefix ("/7421/" in "/7421/7422/"). */
static int64_t next_segment(const char *path, size_t prefix)
{
	int64_t id = 0;
	for (const char *p = path + prefix; *p >= '0' && *p <= '9'; p++)
		id = id * 10 + (*p - '0');
	return id;
}

nct_err rollup_of(struct ctx *x, int64_t obligation_id, const char *period, const char *place,
                  struct rollup *out, struct refusal *rf)
{
	struct obligation ob;
	struct completeness c;
	memset(out, 0, sizeof *out);
	struct ob_period p;
	memset(&c, 0, sizeof c);
	nct_err e = obligation_get_for(x, obligation_id, period, &ob);
	if (!e)
		e = obligation_period(x, &ob, period, &p, rf);
	if (!e)
		e = completeness_in(x, &ob, &p, &c);
	if (e)
		return e;
	e = rollup_of_completeness(x, &ob, &c, place, out);
	completeness_free(&c);
	return e;
}

nct_err rollup_of_completeness(struct ctx *x, const struct obligation *ob,
                               const struct completeness *c, const char *place, struct rollup *out)
{
	struct plan plan;
	struct vec values, units, rows;
	memset(out, 0, sizeof *out);
	out->period = c->period;
	nct_err e = plan_by_id(x, ob->plan_id, &plan);
	if (!e)
		text_copy(out->plan, sizeof out->plan, plan.code);
	if (!e)
		e = period_values(x, ob->id, c->period.period, &values);
	else
		vec_init(&values, sizeof(struct value_row), 1);
	if (!e)
		e = units_of(x, c, &values, &units);
	else
		vec_init(&units, sizeof(struct unit), 1);
	vec_free(&values);
	for (int i = 0; i < FIGURE_COUNT; i++)
		figure_def(figure_code_at(i), &out->ind[i]);
	/* the node: the place asked for, or the top of the first unit's tree */
	if (!e && place)
		e = place_get_last(x, place, out->period.on, &out->whole.place);
	else if (!e && units.n) {
		struct unit *u = vec_at(&units, struct unit, 0);
		e = place_by_id(x, next_segment(u->path, 1), &out->whole.place);
	} else if (!e)
		e = NCT_ERR_NOTFOUND;
	size_t plen = strlen(out->whole.place.path);
	vec_init(&rows, sizeof(struct rollup_node), ROLLUP_ROWS_MAX);
	for (size_t i = 0; !e && i < units.n; i++) {
		const struct unit *u = vec_at(&units, struct unit, i);
		if (strncmp(u->path, out->whole.place.path, plen) != 0)
			continue;
		add(&out->whole, u);
		if (u->path[plen] == '\0') { /* the unit reports for the node itself */
			out->whole.submission_id = u->submission_id;
			text_copy(out->whole.reporter_code, sizeof out->whole.reporter_code,
			          u->code);
			text_copy(out->whole.reporter_name, sizeof out->whole.reporter_name,
			          u->name);
			continue;
		}
		int64_t child = next_segment(u->path, plen);
		struct rollup_node *n = NULL;
		for (size_t k = 0; !n && k < rows.n; k++)
			if (vec_at(&rows, struct rollup_node, k)->place.id == child)
				n = vec_at(&rows, struct rollup_node, k);
		if (!n) {
			if (!(n = vec_push(&rows))) {
				e = vec_failed(&rows);
				break;
			}
			memset(n, 0, sizeof *n);
			if ((e = place_by_id(x, child, &n->place)))
				break;
		}
		add(n, u);
		if (strlen(u->path) == strlen(n->place.path)) { /* the child is the reporter */
			n->submission_id = u->submission_id;
			text_copy(n->reporter_code, sizeof n->reporter_code, u->code);
			text_copy(n->reporter_name, sizeof n->reporter_name, u->name);
		}
	}
	vec_free(&units);
	if (!e && out->whole.expected == 0)
		e = NCT_ERR_NOTFOUND;
	out->rows = vec_result(&rows, e, &out->nrows);
	if (e)
		return e;
	finish(&out->whole, out->ind);
	for (size_t k = 0; k < out->nrows; k++)
		finish(&out->rows[k], out->ind);
	/* the plan's targets for the node's place, when it sets any */
	if (out->plan[0] && out->period.has_window) {
		struct indicator_query q = {.plan = out->plan, .place = out->whole.place.code};
		text_copy(q.window.scheme, sizeof q.window.scheme, "decree09");
		text_copy(q.window.period, sizeof q.window.period, out->period.period);
		q.window.from = out->period.from;
		q.window.to = out->period.to;
		struct indicator_report *rep = calloc(1, sizeof *rep);
		if (!rep)
			e = NCT_ERR_NOMEM;
		if (rep && indicators_clubs(x, &q, rep) == NCT_OK)
			for (int i = 0; i < IND_COUNT; i++)
				if (rep->ind[i].has_target) {
					out->ind[i].has_target = true;
					out->ind[i].target = rep->ind[i].target;
				}
		free(rep);
	}
	for (int i = 0; i < FIGURE_COUNT; i++) {
		out->ind[i].value = out->whole.value[i];
		if (out->ind[i].has_target && out->whole.has[i])
			out->ind[i].verdict = indicator_judge(
			    &out->ind[i].target, out->whole.value[i], &out->ind[i].met);
	}
	/* by name */
	for (size_t i = 0; i + 1 < out->nrows; i++)
		for (size_t j = i + 1; j < out->nrows; j++)
			if (strcmp(out->rows[i].place.name, out->rows[j].place.name) > 0) {
				struct rollup_node t = out->rows[i];
				out->rows[i] = out->rows[j];
				out->rows[j] = t;
			}
	if (e)
		rollup_free(out);
	return e;
}

void rollup_free(struct rollup *r)
{
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}

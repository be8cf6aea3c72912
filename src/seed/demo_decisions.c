#include "demo_decisions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../domain/decision.h"
#include "../domain/entitlement.h"
#include "../domain/person.h"
#include "../domain/person_fact.h"
#include "../domain/place.h"
#include "../store/db.h"

/* The older people living in the subtree [lo, hi) today, by id. */
static const char older_sql[] =
    "SELECT p.id FROM persons p JOIN places pl ON pl.id = p.place_id"
    " WHERE p.merged_into IS NULL AND p.died_on IS NULL AND p.birth_start <= ?"
    " AND pl.path >= ? AND pl.path < ? ORDER BY p.id";

static int id_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	*(int64_t *)row = db_col_int(st, 0);
	return DB_KEEP;
}

static struct date days_ago(struct date today, int n)
{
	return date_from_days(date_to_days(today) - n);
}

static void iso(struct date d, char out[DATE_LEN])
{
	date_format(d, out);
}

/* A fact the register has not recorded yet: what a commune's register shows
 * of most older people (no pension; a share poor or near-poor, some of them
 * with nobody to support them). The shares are the demo's, not the law's. */
static nct_err missing_facts(struct ctx *x, const struct person *p, size_t i,
                             struct demo_decisions_report *r)
{
	struct person_fact f;
	struct refusal rf;
	int64_t id;
	struct date today = date_today_vn();
	nct_err e = person_fact_on(x, p, "pension", today, &f);
	if (e == NCT_ERR_NOTFOUND) {
		struct fact_new n = {
		    "pension", i % 10 == 7 ? "yes" : "no", "", i % 10 == 7, 3500000, "demo"};
		e = person_fact_add(x, p->id, &n, &id, &rf);
		r->facts += !e;
	}
	bool poor = false;
	if (!e && (e = person_fact_on(x, p, "poverty", today, &f)) == NCT_ERR_NOTFOUND) {
		const char *v = i % 6 == 0 ? "poor" : i % 6 == 1 ? "near_poor" : "none";
		struct fact_new n = {"poverty", v, "2022-01-01", false, 0, "demo"};
		poor = i % 6 == 0;
		e = person_fact_add(x, p->id, &n, &id, &rf);
		r->facts += !e;
		if (e == NCT_ERR_INVALID && rf.code == RF_FACT_BEFORE_BIRTH)
			e = NCT_OK;
	}
	if (!e && (e = person_fact_on(x, p, "supporter", today, &f)) == NCT_ERR_NOTFOUND) {
		struct fact_new n = {"supporter", poor && i % 12 != 6 ? "no" : "yes", "", false, 0,
		                     "demo"};
		e = person_fact_add(x, p->id, &n, &id, &rf);
		r->facts += !e;
	}
	return e;
}

/* The allowance granted: the one that applies, or, for some, a lower one the
 * person also qualifies for (the work list finds them). */
static const char *granted_rule(const struct entitlement *ent, size_t i)
{
	const char *best = ent->eligible[ent->applies].rule->code;
	for (size_t k = 0; i % 4 == 1 && k < ent->n; k++)
		if (ent->eligible[k].amount < ent->eligible[ent->applies].amount)
			return ent->eligible[k].rule->code;
	return best;
}

/* A fact of the person from `days` before today (what happened to a
 * recipient since the decision), counted in *count when written. */
static nct_err fact_since(struct ctx *x, int64_t person, int days, struct fact_new n, size_t *count)
{
	char from[DATE_LEN];
	struct refusal rf;
	int64_t id;
	iso(days_ago(date_today_vn(), days), from);
	n.from = from;
	nct_err e = person_fact_add(x, person, &n, &id, &rf);
	*count += !e;
	return e;
}

static nct_err grant(struct ctx *x, const struct person *p, const struct rulebook *rb, size_t i,
                     struct demo_decisions_report *r)
{
	struct ent_input in;
	struct entitlement ent;
	struct refusal rf;
	struct date today = date_today_vn(), signed_on = days_ago(today, 100);
	char day[DATE_LEN], month[MONTH_LEN], number[32];
	int64_t id;
	nct_err e = entitlement_input(x, p->id, signed_on, &in, &rf);
	if (e)
		return e;
	entitlement_eval(rb, &in, signed_on, &ent);
	if (ent.applies < 0)
		return NCT_OK;
	if (i % 5 == 4) { /* eligible, never decided: on the first work list */
		r->left_undecided++;
		return NCT_OK;
	}
	iso(signed_on, day);
	snprintf(month, sizeof month, "%.7s", day);
	snprintf(number, sizeof number, "%zu/QĐ-UBND", 100 + i);
	struct decision_new d = {"grant",
	                         number,
	                         day,
	                         "Chủ tịch UBND (demo)",
	                         granted_rule(&ent, i),
	                         month,
	                         i % 4 == 0 ? "cash" : "post",
	                         NULL};
	e = decision_add(x, p->id, &d, &id, &rf);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT)
		return NCT_OK; /* not a case the demo needs */
	if (e)
		return e;
	r->decisions++;
	r->lower += strcmp(d.rule, ent.eligible[ent.applies].rule->code) != 0;
	/* what happened to some recipients since: the second work list */
	struct refusal rf2;
	if (i % 13 == 3) {
		char died[DATE_LEN];
		iso(days_ago(today, 40), died);
		struct person_edit ed = {.died_on = died};
		e = person_correct(x, p->id, &ed, &rf2);
		r->died += !e;
	} else if (i % 13 == 8) {
		struct fact_new n = {"pension", "yes", NULL, true, 4200000, "demo: lương hưu mới"};
		e = fact_since(x, p->id, 60, n, &r->pensioned);
	} else if (i % 13 == 11) {
		struct fact_new n = {"poverty", "none", NULL, false, 0, "demo: thoát nghèo"};
		e = fact_since(x, p->id, 50, n, &r->left_poverty);
	}
	return e == NCT_ERR_INVALID ? NCT_OK : e;
}

nct_err demo_decisions(struct ctx *x, const char *place_code, struct demo_decisions_report *r,
                       char *msg, size_t msglen)
{
	struct place pl;
	struct date today = date_today_vn();
	struct rulebook rb;
	char cut[DATE_LEN], hi[96];
	int64_t *ids = NULL;
	size_t n = 0;
	memset(r, 0, sizeof *r);
	nct_err e = place_get(x, place_code, today, &pl);
	if (e) {
		snprintf(msg, msglen, "place %s: %s", place_code, nct_err_name(e));
		return e;
	}
	struct place_path *paths = NULL;
	size_t npaths = 0;
	if ((e = place_territory(x, &pl, today, &paths, &npaths)))
		return e;
	struct vec v;
	vec_init(&v, sizeof *ids, 1000000);
	iso((struct date){today.y - 60, today.m, today.d == 29 && today.m == 2 ? 28 : today.d},
	    cut);
	for (size_t k = 0; !e && k < npaths; k++) {
		text_copy(hi, sizeof hi, paths[k].path);
		size_t len = strlen(hi);
		if (len)
			hi[len - 1] = (char)(hi[len - 1] + 1);
		e = db_rows(DB_PREPARE(x->db, older_sql, DB_T(cut), DB_T(paths[k].path), DB_T(hi)),
		            &v, id_row, NULL);
	}
	free(paths);
	ids = vec_result(&v, e, &n);
	if (!e)
		e = rulebook_load(x, &rb);
	for (size_t i = 0; !e && i < n; i++) {
		struct person p;
		r->people++;
		if (!(e = person_get(x, ids[i], &p)) && !(e = missing_facts(x, &p, i, r)))
			e = grant(x, &p, &rb, i, r);
		if (e)
			snprintf(msg, msglen, "person %lld: %s", (long long)ids[i],
			         nct_err_name(e));
	}
	if (n && !e)
		rulebook_free(&rb);
	free(ids);
	return e;
}

#include "worklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "ctx.h"
#include "decision.h"
#include "entitlement.h"
#include "person.h"
#include "place.h"

/* A person the list looks at, with the key that orders the list. */
struct candidate {
	struct person p;
	char sort_key[160];
};

/* Everyone who lived in the subtree [lo, hi) at some time, or whom a
 * decision made there pays. */
static const char candidates_sql[] =
    "SELECT " PERSON_COLUMNS ", p.sort_key FROM persons p JOIN places pl ON pl.id = p.place_id"
    " WHERE p.merged_into IS NULL AND p.id IN ("
    " SELECT f.person_id FROM person_facts f JOIN places fp ON fp.id = f.place_id"
    " WHERE f.kind = 'residence' AND fp.path >= ? AND fp.path < ?"
    " UNION SELECT d.person_id FROM allowance_decisions d JOIN places dp ON dp.id = d.place_id"
    " WHERE dp.path >= ? AND dp.path < ?)";

static int candidate_row(struct db_stmt *st, void *row, void *arg)
{
	struct candidate *c = row;
	(void)arg;
	person_from_columns(st, 0, &c->p);
	text_copy(c->sort_key, sizeof c->sort_key, db_col_text(st, PERSON_NCOLUMNS));
	return DB_KEEP;
}

static int by_key(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int k = strcmp(x->sort_key, y->sort_key);
	if (k)
		return k;
	return x->p.id < y->p.id ? -1 : x->p.id > y->p.id;
}

/* "/12/345/" -> "/12/3450": the end of its range. */
static void range_end(const char *path, char hi[96])
{
	text_copy(hi, 96, path);
	size_t len = strlen(hi);
	if (len)
		hi[len - 1] = (char)(hi[len - 1] + 1);
}

static nct_err candidates(struct ctx *x, const struct place_path *paths, size_t npaths,
                          struct candidate **out, size_t *n)
{
	struct vec v;
	char hi[96];
	nct_err e = NCT_OK;
	vec_init(&v, sizeof **out, WORKLIST_MAX);
	for (size_t i = 0; !e && i < npaths; i++) {
		range_end(paths[i].path, hi);
		struct db_stmt *st = db_prepare(x->db, candidates_sql);
		db_bind_text(st, 1, paths[i].path);
		db_bind_text(st, 2, hi);
		db_bind_text(st, 3, paths[i].path);
		db_bind_text(st, 4, hi);
		e = db_rows(st, &v, candidate_row, NULL);
	}
	*out = vec_result(&v, e, n);
	if (e || !*n)
		return e;
	qsort(*out, *n, sizeof **out, by_key);
	size_t k = 1; /* one line per person: paths never overlap, but a move within them */
	for (size_t i = 1; i < *n; i++)
		if ((*out)[i].p.id != (*out)[k - 1].p.id)
			(*out)[k++] = (*out)[i];
	*n = k;
	return NCT_OK;
}

static bool in_paths(const struct place_path *paths, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(path, paths[i].path, strlen(paths[i].path)) == 0)
			return true;
	return false;
}

/* The line of one person, or false when they belong on neither list. */
static nct_err judge(struct ctx *x, const struct rulebook *rb, const struct candidate *c,
                     struct date on, const struct place_path *paths, size_t npaths,
                     struct ent_place_cache *cache, struct worklist_line *l, int *kind)
{
	struct ent_input in;
	struct entitlement ent;
	struct decision dec;
	bool paid = false;
	char day[DATE_LEN], month[MONTH_LEN];
	*kind = -1;
	date_format(on, day);
	memcpy(month, day, 7);
	month[7] = '\0';
	nct_err e = entitlement_read(x, &c->p, on, &in, cache);
	if (!e)
		e = decision_in_force(x->db, c->p.id, month, &dec, &paid);
	if (e)
		return e;
	entitlement_eval(rb, &in, on, &ent);
	bool lives_here = in_paths(paths, npaths, in.place_path);
	memset(l, 0, sizeof *l);
	l->person_id = c->p.id;
	text_copy(l->full_name, sizeof l->full_name, c->p.full_name);
	birth_format(c->p.birth, l->birth);
	text_copy(l->place_code, sizeof l->place_code, in.place_code);
	text_copy(l->place_name, sizeof l->place_name, in.place_name);
	l->amount = ent.amount;
	if (ent.applies >= 0)
		text_copy(l->rule, sizeof l->rule, ent.eligible[ent.applies].rule->code);
	if (!paid) {
		if (ent.applies < 0 || !lives_here)
			return NCT_OK;
		const struct allowance *a = &ent.eligible[ent.applies];
		text_copy(l->reason, sizeof l->reason,
		          a->rule->requires_application ? "needs_application" : "eligible");
		text_copy(l->since, sizeof l->since, a->since);
		*kind = WL_ELIGIBLE_NOT_RECEIVING;
		return NCT_OK;
	}
	text_copy(l->paid_rule, sizeof l->paid_rule, dec.rule_code);
	text_copy(l->decision, sizeof l->decision, dec.number);
	const struct allowance *now = NULL;
	for (size_t i = 0; i < ent.n; i++)
		if (strcmp(ent.eligible[i].rule->code, dec.rule_code) == 0)
			now = &ent.eligible[i];
	l->paid = now ? now->amount : dec.amount;
	*kind = WL_RECEIVING_NOT_ELIGIBLE;
	if (ent.dead) {
		text_copy(l->reason, sizeof l->reason, "died");
		struct date d;
		if (date_parse(c->p.died_on, &d) == NCT_OK)
			date_format(date_from_days(date_to_days(d) + 1), l->since);
	} else if (!lives_here) {
		text_copy(l->reason, sizeof l->reason, "moved_away");
		text_copy(l->since, sizeof l->since, in.residence.from);
	} else if (!now) {
		const char *why = rule_unmet(rb, dec.rule_code, &in, on, l->since);
		text_copy(l->reason, sizeof l->reason, "not_eligible");
		text_copy(l->condition, sizeof l->condition, why ? why : "");
	} else if (ent.amount > now->amount) {
		text_copy(l->reason, sizeof l->reason, "lower_than_highest");
		text_copy(l->since, sizeof l->since, ent.eligible[ent.applies].since);
	} else {
		*kind = -1;
	}
	return NCT_OK;
}

/* Both lists in one pass: lines of kind into out (when not NULL), counts of
 * each into counts. */
static nct_err lists(struct ctx *x, const char *code, struct date on, int want,
                     struct worklist_line **out, size_t *n, size_t counts[2], struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct candidate *cs = NULL;
	struct rulebook rb;
	size_t npaths = 0, ncs = 0;
	struct vec v;
	char day[DATE_LEN];
	counts[0] = counts[1] = 0;
	if (out) {
		*out = NULL;
		*n = 0;
	}
	nct_err e = code ? place_get(x, code, on, &pl) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", code ? code : "");
	if (e == NCT_ERR_DENIED || (!e && !access_place(x, pl.path, ACCESS_SEE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", code);
	if (e)
		return e;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	if ((e = place_territory(x, &pl, on, &paths, &npaths)) ||
	    (e = candidates(x, paths, npaths, &cs, &ncs))) {
		free(paths);
		return e;
	}
	if ((e = rulebook_load(x, &rb))) {
		free(paths);
		free(cs);
		return e;
	}
	struct ent_place_cache *cache = calloc(1, sizeof *cache);
	vec_init(&v, sizeof **out, WORKLIST_MAX);
	if (!cache)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < ncs; i++) {
		struct worklist_line l;
		int kind;
		e = judge(x, &rb, &cs[i], on, paths, npaths, cache, &l, &kind);
		if (e || kind < 0)
			continue;
		counts[kind]++;
		if (out && kind == want)
			e = vec_add(&v, &l);
	}
	free(cache);
	rulebook_free(&rb);
	free(paths);
	free(cs);
	if (out)
		*out = vec_result(&v, e, n);
	else
		vec_free(&v);
	date_format(on, day);
	if (!e) {
		char what[160];
		snprintf(what, sizeof what,
		         "{\"place\":\"%s\",\"date\":\"%s\",\"fields\":[\"disability\"]}", pl.code,
		         day);
		if (!(e = unit_begin(x)))
			e = unit_end(
			    x, audit_write(x, "view_sensitive", "worklist", pl.code, NULL, what));
	}
	return e;
}

nct_err worklist(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                 struct worklist_line **out, size_t *n, struct refusal *rf)
{
	size_t counts[2];
	return lists(x, place, on, (int)kind, out, n, counts, rf);
}

nct_err worklist_counts(struct ctx *x, const char *place, struct date on, size_t *eligible,
                        size_t *receiving, struct refusal *rf)
{
	size_t counts[2];
	nct_err e = lists(x, place, on, -1, NULL, NULL, counts, rf);
	*eligible = counts[WL_ELIGIBLE_NOT_RECEIVING];
	*receiving = counts[WL_RECEIVING_NOT_ELIGIBLE];
	return e;
}

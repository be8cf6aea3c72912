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
#include "ent_scan.h"
#include "entitlement.h"
#include "person.h"
#include "place.h"

/* The people a list looks at in the subtree [lo, hi): everyone who lived there
 * at some time, or whom a decision made there pays; read place-wide
 * (ent_scan.h), by person id. */
#define CANDIDATE_IDS                                                                              \
	"SELECT f2.person_id FROM person_facts f2 JOIN places fp ON fp.id = f2.place_id"           \
	" WHERE f2.kind = 'residence' AND fp.path >= ? AND fp.path < ?"                            \
	" UNION SELECT d2.person_id FROM allowance_decisions d2"                                   \
	" JOIN places dp ON dp.id = d2.place_id WHERE dp.path >= ? AND dp.path < ?"
static const struct ent_scan_sql candidates_sql =
    ENT_SCAN_SQL(CANDIDATE_IDS, " AND p.merged_into IS NULL");

/* A line of the list, with the key that orders it. */
struct keyed_line {
	struct worklist_line l;
	char sort_key[160];
};

static int by_key(const void *a, const void *b)
{
	const struct keyed_line *x = a, *y = b;
	int k = strcmp(x->sort_key, y->sort_key);
	if (k)
		return k;
	return x->l.person_id < y->l.person_id ? -1 : x->l.person_id > y->l.person_id;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* "/12/345/" -> "/12/3450": the end of its range. */
static void range_end(const char *path, char hi[96])
{
	text_copy(hi, 96, path);
	size_t len = strlen(hi);
	if (len)
		hi[len - 1] = (char)(hi[len - 1] + 1);
}

static bool in_paths(const struct place_path *paths, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(path, paths[i].path, strlen(paths[i].path)) == 0)
			return true;
	return false;
}

/* The line of one person (p, what the engine reads of them on the date, and
 * their decision in force that month, paid false when none or a stop), and
 * which list it belongs on (*kind -1: neither). The one judgement of both
 * the place-wide lists and the per-person answer (worklist_person). */
static void judge(const struct rulebook *rb, const struct person *p, const struct ent_input *in,
                  const struct decision *dec, bool paid, struct date on,
                  const struct place_path *paths, size_t npaths, struct worklist_line *l, int *kind)
{
	struct entitlement ent;
	*kind = -1;
	entitlement_eval(rb, in, on, &ent);
	bool lives_here = in_paths(paths, npaths, in->place_path);
	/* paid here only by a decision made here: after a move, the new
	 * commune's decision is the new commune's to pay */
	paid = paid && in_paths(paths, npaths, dec->place_path);
	memset(l, 0, sizeof *l);
	l->person_id = p->id;
	text_copy(l->full_name, sizeof l->full_name, p->full_name);
	birth_format(p->birth, l->birth);
	text_copy(l->place_code, sizeof l->place_code, in->place_code);
	text_copy(l->place_name, sizeof l->place_name, in->place_name);
	l->amount = ent.amount;
	if (ent.applies >= 0)
		text_copy(l->rule, sizeof l->rule, ent.eligible[ent.applies].rule->code);
	if (!paid) {
		if (ent.applies < 0 || !lives_here)
			return;
		const struct allowance *a = &ent.eligible[ent.applies];
		text_copy(l->reason, sizeof l->reason,
		          a->rule->requires_application ? "needs_application" : "eligible");
		text_copy(l->since, sizeof l->since, a->since);
		*kind = WL_ELIGIBLE_NOT_RECEIVING;
		return;
	}
	text_copy(l->paid_rule, sizeof l->paid_rule, dec->rule_code);
	text_copy(l->decision, sizeof l->decision, dec->number);
	const struct allowance *now = NULL;
	for (size_t i = 0; i < ent.n; i++)
		if (strcmp(ent.eligible[i].rule->code, dec->rule_code) == 0)
			now = &ent.eligible[i];
	l->paid = now ? now->amount : dec->amount;
	*kind = WL_RECEIVING_NOT_ELIGIBLE;
	if (ent.dead) {
		text_copy(l->reason, sizeof l->reason, "died");
		struct date d;
		if (date_parse(p->died_on, &d) == NCT_OK)
			date_format(date_from_days(date_to_days(d) + 1), l->since);
	} else if (!lives_here) {
		text_copy(l->reason, sizeof l->reason, "moved_away");
		text_copy(l->since, sizeof l->since, in->residence.from);
	} else if (!now) {
		const char *why = rule_unmet(rb, dec->rule_code, in, on, l->since);
		text_copy(l->reason, sizeof l->reason, "not_eligible");
		text_copy(l->condition, sizeof l->condition, why ? why : "");
	} else if (ent.amount > now->amount) {
		text_copy(l->reason, sizeof l->reason, "lower_than_highest");
		text_copy(l->since, sizeof l->since, ent.eligible[ent.applies].since);
	} else {
		*kind = -1;
	}
}

/* The place of code on the date, checked: x sees it and may see sensitive
 * data; its territory's paths into *paths (malloc'd). */
static nct_err place_checked(struct ctx *x, const char *code, struct date on, struct place *pl,
                             struct place_path **paths, size_t *npaths, struct refusal *rf)
{
	*paths = NULL;
	*npaths = 0;
	nct_err e = code ? place_get(x, code, on, pl) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", code ? code : "");
	if (e == NCT_ERR_DENIED || (!e && !scope_contains(&x->scope, pl->path)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", code);
	if (e)
		return e;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	return place_territory(x, pl, on, paths, npaths);
}

/* The people of one path of the territory, judged: lines of kind want into v
 * (when not NULL), counts of each kind into counts. seen (sorted, nseen)
 * holds the people of the paths before, who are not judged twice; the people
 * of this path are added to next. */
static nct_err judge_path(struct ctx *x, const struct rulebook *rb, const struct place_path *paths,
                          size_t npaths, size_t i, struct date on, int want, struct vec *v,
                          size_t counts[2], const int64_t *seen, size_t nseen, struct vec *next,
                          struct ent_place_cache *cache)
{
	struct ent_scan *s = malloc(sizeof *s);
	char hi[96], day[DATE_LEN], month[MONTH_LEN];
	bool more = true;
	if (!s)
		return NCT_ERR_NOMEM;
	range_end(paths[i].path, hi);
	date_format(on, day);
	memcpy(month, day, 7);
	month[7] = '\0';
	const char *binds[] = {paths[i].path, hi, paths[i].path, hi};
	nct_err e = ent_scan_open(x, s, &candidates_sql, binds, 4, day, month);
	while (!e && !(e = ent_scan_next(s, &more)) && more) {
		struct keyed_line k;
		struct ent_input in;
		int kind;
		if (nseen && bsearch(&s->p.id, seen, nseen, sizeof *seen, by_id))
			continue;
		if (npaths > 1 && (e = vec_add(next, &s->p.id)))
			break;
		if ((e = entitlement_from_facts(x, &s->p, s->f, on, &in, cache)))
			break;
		judge(rb, &s->p, &in, &s->dec, s->paid, on, paths, npaths, &k.l, &kind);
		if (kind < 0)
			continue;
		counts[kind]++;
		if (v && kind == want) {
			text_copy(k.sort_key, sizeof k.sort_key, s->sort_key);
			e = vec_add(v, &k);
		}
	}
	if (s->st[0])
		ent_scan_close(s);
	free(s);
	return e;
}

/* Both lists in one pass over the place's people, read place-wide (three
 * ordered reads a path of its territory): lines of kind into out (when not
 * NULL), counts of each into counts. */
static nct_err lists(struct ctx *x, const char *code, struct date on, int want,
                     struct worklist_line **out, size_t *n, size_t counts[2], struct place *pl_out,
                     struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct rulebook rb;
	size_t npaths = 0, nlines = 0;
	struct vec v, seen;
	counts[0] = counts[1] = 0;
	if (out) {
		*out = NULL;
		*n = 0;
	}
	nct_err e = place_checked(x, code, on, &pl, &paths, &npaths, rf);
	if (e || (e = rulebook_load(x, &rb))) {
		free(paths);
		return e;
	}
	struct ent_place_cache *cache = calloc(1, sizeof *cache);
	vec_init(&v, sizeof(struct keyed_line), WORKLIST_MAX);
	vec_init(&seen, sizeof(int64_t), WORKLIST_MAX);
	if (!cache)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < npaths; i++) {
		size_t nseen = 0;
		int64_t *ids = vec_result(&seen, NCT_OK, &nseen);
		if (nseen)
			qsort(ids, nseen, sizeof *ids, by_id);
		struct vec next;
		vec_init(&next, sizeof(int64_t), WORKLIST_MAX);
		for (size_t j = 0; j < nseen && !e; j++)
			e = vec_add(&next, &ids[j]);
		if (!e)
			e = judge_path(x, &rb, paths, npaths, i, on, want, out ? &v : NULL, counts,
			               ids, nseen, &next, cache);
		free(ids);
		seen = next;
	}
	vec_free(&seen);
	free(cache);
	rulebook_free(&rb);
	free(paths);
	struct keyed_line *kl = vec_result(&v, e, &nlines);
	if (!e && out && nlines) {
		qsort(kl, nlines, sizeof *kl, by_key);
		*out = malloc(nlines * sizeof **out);
		if (!*out)
			e = NCT_ERR_NOMEM;
		for (size_t i = 0; !e && i < nlines; i++)
			(*out)[i] = kl[i].l;
		if (!e)
			*n = nlines;
	}
	free(kl);
	if (pl_out)
		*pl_out = pl;
	return e;
}

/* One audit row: the officer viewed a list of the place on the date. */
static nct_err audit_view(struct ctx *x, const char *code, struct date on)
{
	char day[DATE_LEN], what[160];
	date_format(on, day);
	snprintf(what, sizeof what,
	         "{\"place\":\"%s\",\"date\":\"%s\",\"fields\":[\"disability\"]}", code, day);
	nct_err e = unit_begin(x);
	if (!e)
		e = unit_end(x, audit_write(x, "view_sensitive", "worklist", code, NULL, what));
	return e;
}

nct_err worklist(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                 struct worklist_line **out, size_t *n, struct refusal *rf)
{
	size_t counts[2];
	struct place pl;
	nct_err e = lists(x, place, on, (int)kind, out, n, counts, &pl, rf);
	if (!e && (e = audit_view(x, pl.code, on))) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return e;
}

nct_err worklist_counts(struct ctx *x, const char *place, struct date on, size_t *eligible,
                        size_t *receiving, struct refusal *rf)
{
	size_t counts[2];
	nct_err e = lists(x, place, on, -1, NULL, NULL, counts, NULL, rf);
	*eligible = counts[WL_ELIGIBLE_NOT_RECEIVING];
	*receiving = counts[WL_RECEIVING_NOT_ELIGIBLE];
	return e;
}

nct_err worklist_person(struct ctx *x, const char *place, struct date on, int64_t person_id,
                        struct worklist_line *l, int *kind, struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct rulebook rb;
	struct person p;
	struct ent_input in;
	struct decision dec;
	size_t npaths = 0;
	bool paid = false;
	char day[DATE_LEN], month[MONTH_LEN];
	*kind = -1;
	date_format(on, day);
	memcpy(month, day, 7);
	month[7] = '\0';
	nct_err e = place_checked(x, place, on, &pl, &paths, &npaths, rf);
	if (!e)
		e = person_seen(x, person_id, "id", &p, rf);
	if (!e)
		e = rulebook_load(x, &rb);
	if (e) {
		free(paths);
		return e;
	}
	if (!(e = entitlement_read(x, &p, on, &in, NULL)) &&
	    !(e = decision_in_force(x->db, person_id, month, &dec, &paid)))
		judge(&rb, &p, &in, &dec, paid, on, paths, npaths, l, kind);
	rulebook_free(&rb);
	free(paths);
	return e;
}

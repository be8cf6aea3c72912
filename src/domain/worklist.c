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

/* A line of the list, after the key that orders it. */
struct keyed_line {
	struct ent_key key;
	struct worklist_line l;
};

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
	bool lives_here = ent_in_paths(paths, npaths, in->place_path);
	/* paid here only by a decision made here: after a move, the new
	 * commune's decision is the new commune's to pay */
	paid = paid && ent_in_paths(paths, npaths, dec->place_path);
	const struct allowance *now = NULL;
	if (!paid) {
		if (ent.applies < 0 || !lives_here)
			return; /* most people: on neither list, no line written */
	} else {
		for (size_t i = 0; i < ent.n; i++)
			if (strcmp(ent.eligible[i].rule->code, dec->rule_code) == 0)
				now = &ent.eligible[i];
		if (!ent.dead && lives_here && now && ent.amount <= now->amount)
			return; /* paid the highest they qualify for */
	}
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
		const struct allowance *a = &ent.eligible[ent.applies];
		text_copy(l->reason, sizeof l->reason,
		          a->rule->requires_application ? "needs_application" : "eligible");
		text_copy(l->since, sizeof l->since, a->since);
		*kind = WL_ELIGIBLE_NOT_RECEIVING;
		return;
	}
	text_copy(l->paid_rule, sizeof l->paid_rule, dec->rule_code);
	text_copy(l->decision, sizeof l->decision, dec->number);
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
	} else {
		text_copy(l->reason, sizeof l->reason, "lower_than_highest");
		text_copy(l->since, sizeof l->since, ent.eligible[ent.applies].since);
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

/* Both lists in one pass over the place's people, read place-wide
 * (ent_scan.h: the set once over every path of the territory, then three
 * ordered reads): counts of each kind into counts; the lines of the kinds in
 * want (bits 1 << kind) to fn as they come, walked by name (the lists'
 * order), or, with page, a page of the one kind wanted into *out (its cursors
 * set; walked by id, the page kept in a heap). */
static nct_err lists(struct ctx *x, const char *code, struct date on, unsigned want,
                     struct worklist_page *page, worklist_fn fn, void *arg,
                     struct worklist_line **out, size_t *n, size_t counts[2], struct place *pl_out,
                     struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct rulebook rb;
	size_t npaths = 0, nlines = 0;
	struct ent_pager pager = {0};
	char day[DATE_LEN], month[MONTH_LEN];
	bool more = true;
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
	date_format(on, day);
	memcpy(month, day, 7);
	month[7] = '\0';
	struct ent_place_cache *cache = calloc(1, sizeof *cache);
	struct ent_scan *s = calloc(1, sizeof *s);
	e = cache && s ? NCT_OK : NCT_ERR_NOMEM;
	if (!e && page)
		e = ent_pager_init(x, &pager, page->after, page->before, sizeof(struct keyed_line),
		                   page->limit, rf);
	if (!e)
		e = ent_scan_open(x, s, ENT_RESIDENTS_AND_PAID, fn != NULL, paths, npaths, day,
		                  month);
	while (!e && !(e = ent_scan_next(s, &more)) && more) {
		struct keyed_line k;
		struct ent_input in;
		int kind;
		if ((e = entitlement_from_facts(x, &s->p, s->f, on, &in, cache)))
			break;
		judge(&rb, &s->p, &in, &s->dec, s->paid, on, paths, npaths, &k.l, &kind);
		if (kind < 0)
			continue;
		counts[kind]++;
		if (!(want & 1u << kind))
			continue;
		if (fn) {
			e = fn(arg, (enum worklist_kind)kind, &k.l);
		} else if (page) {
			ent_scan_key(s, &k.key);
			e = ent_pager_add(&pager, &k);
		}
	}
	if (s && s->db)
		ent_scan_close(s);
	free(s);
	free(cache);
	rulebook_free(&rb);
	free(paths);
	if (page) {
		struct keyed_line *kl = ent_pager_page(&pager, &nlines, &page->prev, &page->next);
		ent_pager_free(&pager);
		if (!e && nlines) {
			*out = malloc(nlines * sizeof **out);
			if (!*out)
				e = NCT_ERR_NOMEM;
			for (size_t i = 0; !e && i < nlines; i++)
				(*out)[i] = kl[i].l;
			if (!e)
				*n = nlines;
		}
		free(kl);
	}
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
	return audit_alone(x, "view_sensitive", "worklist", code, what);
}

nct_err worklist_each(struct ctx *x, const char *place, struct date on, unsigned want,
                      worklist_fn fn, void *arg, size_t counts[2], struct refusal *rf)
{
	struct place pl;
	nct_err e = lists(x, place, on, want, NULL, fn, arg, NULL, NULL, counts, &pl, rf);
	/* one audit row a list viewed */
	for (int k = 0; !e && k < 2; k++)
		if (want & 1u << k)
			e = audit_view(x, pl.code, on);
	return e;
}

/* worklist's collector: the lines of the list, as they come (by name). */
static nct_err collect(void *arg, enum worklist_kind kind, const struct worklist_line *l)
{
	(void)kind;
	return vec_add(arg, l);
}

nct_err worklist(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                 struct worklist_line **out, size_t *n, struct refusal *rf)
{
	size_t counts[2];
	struct vec v;
	vec_init(&v, sizeof **out, WORKLIST_MAX);
	nct_err e = worklist_each(x, place, on, 1u << kind, collect, &v, counts, rf);
	*out = vec_result(&v, e, n);
	return e;
}

nct_err worklist_page(struct ctx *x, const char *place, struct date on, enum worklist_kind kind,
                      struct worklist_page *page, struct worklist_line **out, size_t *n,
                      size_t *total, int64_t *next, struct refusal *rf)
{
	struct place pl;
	*total = 0;
	*next = page->prev = page->next = 0;
	nct_err e =
	    lists(x, place, on, 1u << kind, page, NULL, NULL, out, n, page->counts, &pl, rf);
	if (!e && (e = audit_view(x, pl.code, on))) {
		free(*out);
		*out = NULL;
		*n = 0;
		page->prev = page->next = 0;
	}
	if (!e) {
		*total = page->counts[kind];
		*next = page->next;
	}
	return e;
}

nct_err worklist_counts(struct ctx *x, const char *place, struct date on, size_t *eligible,
                        size_t *receiving, struct refusal *rf)
{
	size_t counts[2];
	nct_err e = lists(x, place, on, 0, NULL, NULL, NULL, NULL, NULL, counts, NULL, rf);
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
	    !(e = decision_in_force(x->db, person_id, month, &dec, &paid))) {
		memset(l, 0, sizeof *l); /* on neither list: no line */
		judge(&rb, &p, &in, &dec, paid, on, paths, npaths, l, kind);
	}
	rulebook_free(&rb);
	free(paths);
	return e;
}

/* The country's lists (ent_country.h): what each province's worker needs. */
struct country_lists {
	struct date on;
	unsigned want;
	worklist_country_fn fn;
	void *arg;
	size_t (*counts)[2]; /* a province's each */
};

/* One province's line, handed on with the province's place in the order. */
struct province_line {
	struct country_lists *c;
	size_t i;
};

static nct_err province_line(void *arg, enum worklist_kind kind, const struct worklist_line *l)
{
	struct province_line *p = arg;
	return p->c->fn(p->c->arg, p->i, kind, l);
}

static nct_err province_lists(struct ctx *x, size_t i, const char *code, void *arg,
                              struct refusal *rf)
{
	struct country_lists *c = arg;
	struct province_line p = {c, i};
	if (!c->fn)
		return worklist_counts(x, code, c->on, &c->counts[i][0], &c->counts[i][1], rf);
	return worklist_each(x, code, c->on, c->want, province_line, &p, c->counts[i], rf);
}

nct_err worklist_country(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                         size_t n, struct date on, unsigned want, worklist_country_fn fn, void *arg,
                         size_t counts[2], struct refusal *rf)
{
	struct country_lists c = {on, want, fn, arg, calloc(n ? n : 1, sizeof *c.counts)};
	counts[0] = counts[1] = 0;
	if (!c.counts)
		return NCT_ERR_NOMEM;
	nct_err e = ent_country_each(xs, nx, codes, n, province_lists, &c, rf);
	for (size_t i = 0; !e && i < n; i++)
		for (int k = 0; k < 2; k++)
			counts[k] += c.counts[i][k];
	free(c.counts);
	return e;
}

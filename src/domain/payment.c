#include "payment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/birth.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "ent_scan.h"
#include "entitlement.h"
#include "person.h"
#include "place.h"

/* The payees' receipts of the month, walked beside the scan (ent_scan.h's
 * set): by person id, or by the set's number by name; the position last. */
static const char receipts_by_id[] = "SELECT r.person_id, r.received_on, e.id FROM"
                                     " payment_receipts r JOIN " ENT_PEOPLE " e ON e.id ="
                                     " r.person_id WHERE r.month = ? ORDER BY e.id";
static const char receipts_by_name[] = "SELECT r.person_id, r.received_on, e.n FROM " ENT_ORDER
                                       " e CROSS JOIN payment_receipts r WHERE r.person_id ="
                                       " e.id AND r.month = ? ORDER BY e.n";

/* A line of the list, after the key that orders it. */
struct keyed_line {
	struct ent_key key;
	struct payment_line l;
};

static nct_err received_on(struct db *db, int64_t person_id, const char *month, char out[DATE_LEN])
{
	static const char sql[] = "SELECT received_on FROM payment_receipts WHERE person_id = ?"
	                          " AND month = ?";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, month);
	out[0] = '\0';
	int rc = db_step(st);
	if (rc == DB_ROW)
		text_copy(out, DATE_LEN, db_col_text(st, 0));
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? NCT_OK : NCT_ERR_DB;
}

/* The total of rule in l, added (empty, of kind) when it has none; NULL when
 * l holds PAYMENT_TOTALS_MAX already. */
static struct payment_total *total_of(struct payment_list *l, const char *rule, const char *kind)
{
	size_t i = 0;
	while (i < l->ntotals && strcmp(l->totals[i].rule, rule) != 0)
		i++;
	if (i == l->ntotals) {
		if (l->ntotals == PAYMENT_TOTALS_MAX)
			return NULL;
		memset(&l->totals[i], 0, sizeof l->totals[i]);
		text_copy(l->totals[i].rule, sizeof l->totals[i].rule, rule);
		text_copy(l->totals[i].kind, sizeof l->totals[i].kind, kind);
		l->ntotals++;
	}
	return &l->totals[i];
}

static void total_add(struct payment_list *l, const struct payment_line *p)
{
	struct payment_total *t = total_of(l, p->rule, p->kind);
	if (!t)
		return;
	t->people++;
	t->amount += p->amount;
	l->total += p->amount;
	l->post += strcmp(p->channel, "post") == 0;
	l->cash += strcmp(p->channel, "cash") == 0;
	l->signed_for += p->received_on[0] != '\0';
}

static int by_rule(const void *a, const void *b)
{
	return strcmp(((const struct payment_total *)a)->rule,
	              ((const struct payment_total *)b)->rule);
}

/* The line of one payee (p, what the engine reads of them on the first of
 * the month, their decision in force that month, the day they signed for it
 * or ""): the one judgement of the list and of payment_line_of. */
static void pay(const struct rulebook *rb, const struct person *p, const struct ent_input *in,
                const struct decision *d, struct date first, const char *received,
                struct payment_line *l)
{
	const struct allowance_rule *rule;
	memset(l, 0, sizeof *l);
	l->person_id = p->id;
	text_copy(l->full_name, sizeof l->full_name, p->full_name);
	birth_format(p->birth, l->birth);
	text_copy(l->citizen_id, sizeof l->citizen_id, p->citizen_id);
	text_copy(l->place_code, sizeof l->place_code, in->place_code);
	text_copy(l->place_name, sizeof l->place_name, in->place_name);
	text_copy(l->rule, sizeof l->rule, d->rule_code);
	l->amount = rule_amount(rb, d->rule_code, in, first, &rule);
	if (!rule || !l->amount)
		l->amount = d->amount; /* the rule ended: what the decision said */
	text_copy(l->kind, sizeof l->kind, rule ? rule->kind : "");
	l->coefficient = rule ? rule->coefficient : 0;
	text_copy(l->channel, sizeof l->channel, d->channel);
	text_copy(l->decision, sizeof l->decision, d->number);
	text_copy(l->died_on, sizeof l->died_on, p->died_on);
	text_copy(l->received_on, sizeof l->received_on, received);
}

/* The paid lines of the territory (paths, npaths): everyone a decision made
 * there has paid by the month, read place-wide (ent_scan.h), counted into
 * out's totals, and each offered to pager for a page (walked by id), or
 * handed to fn as it comes (walked by name). */
static nct_err pay_lines(struct ctx *x, const struct rulebook *rb, const struct place_path *paths,
                         size_t npaths, const char *month, struct date first,
                         struct ent_place_cache *cache, struct payment_list *out,
                         struct ent_pager *pager, payment_fn fn, void *arg)
{
	struct ent_scan *s = calloc(1, sizeof *s);
	char day[DATE_LEN];
	bool more = true;
	int rc = DB_DONE;
	if (!s)
		return NCT_ERR_NOMEM;
	date_format(first, day);
	nct_err e = ent_scan_open(x, s, ENT_PAID, fn != NULL, paths, npaths, day, month);
	struct db_stmt *rs = NULL;
	if (!e) {
		rs = db_prepare(x->db, fn ? receipts_by_name : receipts_by_id);
		db_bind_text(rs, 1, month);
		rc = db_step(rs);
	}
	while (!e && !(e = ent_scan_next(s, &more)) && more) {
		struct keyed_line k;
		struct ent_input in;
		char received[DATE_LEN] = "";
		while (rc == DB_ROW && db_col_int(rs, 2) < s->pos)
			rc = db_step(rs);
		if (rc == DB_ROW && db_col_int(rs, 2) == s->pos)
			text_copy(received, sizeof received, db_col_text(rs, 1));
		if (rc < 0) {
			e = (nct_err)-rc;
			break;
		}
		if (!s->paid || !ent_in_paths(paths, npaths, s->dec.place_path))
			continue;
		if ((e = entitlement_from_facts(x, &s->p, s->f, first, &in, cache)))
			break;
		pay(rb, &s->p, &in, &s->dec, first, received, &k.l);
		total_add(out, &k.l);
		out->people++;
		if (fn) {
			e = fn(arg, &k.l);
		} else if (pager) {
			ent_scan_key(s, &k.key);
			e = ent_pager_add(pager, &k);
		}
	}
	db_done(rs);
	if (s->db)
		ent_scan_close(s);
	free(s);
	return e;
}

/* The list: a page of it (page), or its lines handed to fn; the totals. */
static nct_err list(struct ctx *x, const char *place, const char *month_text,
                    const struct payment_page *page, payment_fn fn, void *arg,
                    struct payment_list *out, struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct rulebook rb;
	struct date first;
	size_t npaths = 0;
	char day[DATE_LEN];
	memset(out, 0, sizeof *out);
	if (!month_parse(month_text, out->month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	snprintf(day, sizeof day, "%s-01", out->month);
	date_parse(day, &first);
	nct_err e = place ? place_get(x, place, first, &pl) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", place ? place : "");
	if (e == NCT_ERR_DENIED || (!e && !scope_contains(&x->scope, pl.path)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", place);
	if (e)
		return e;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	text_copy(out->place, sizeof out->place, pl.code);
	text_copy(out->place_name, sizeof out->place_name, pl.name);
	if ((e = place_territory(x, &pl, first, &paths, &npaths)) || (e = rulebook_load(x, &rb))) {
		free(paths);
		return e;
	}
	struct ent_pager pager = {0};
	struct keyed_line *kl;
	size_t nkl = 0;
	struct ent_place_cache *cache = calloc(1, sizeof *cache);
	if (!cache)
		e = NCT_ERR_NOMEM;
	if (!e && page)
		e = ent_pager_init(x, &pager, page->after, page->before, sizeof *kl, page->limit,
		                   rf);
	if (!e)
		e = pay_lines(x, &rb, paths, npaths, out->month, first, cache, out,
		              page ? &pager : NULL, fn, arg);
	free(cache);
	rulebook_free(&rb);
	free(paths);
	if (page) {
		kl = ent_pager_page(&pager, &nkl, &out->prev, &out->next);
		out->beyond = pager.beyond;
		out->first = page->before ? pager.beyond - nkl : out->people - pager.beyond;
		ent_pager_free(&pager);
		if (!e && nkl) {
			out->lines = malloc(nkl * sizeof *out->lines);
			if (!out->lines)
				e = NCT_ERR_NOMEM;
			for (size_t i = 0; !e && i < nkl; i++)
				out->lines[i] = kl[i].l;
			if (!e)
				out->n = nkl;
		}
		free(kl);
	} else {
		out->n = out->people;
	}
	if (e || !out->n)
		out->prev = out->next = 0;
	qsort(out->totals, out->ntotals, sizeof out->totals[0], by_rule);
	if (!e) {
		char what[96];
		snprintf(what, sizeof what, "{\"place\":\"%s\",\"month\":\"%s\"}", out->place,
		         out->month);
		/* citizen IDs, categories */
		e = audit_alone(x, "view_sensitive", "payment_list", out->place, what);
	}
	if (e)
		payment_list_free(out);
	return e;
}

nct_err payment_line_of(struct ctx *x, int64_t person_id, const char *month_text,
                        struct payment_line *l, bool *paid, struct refusal *rf)
{
	struct person p;
	struct decision d;
	struct ent_input in;
	struct rulebook rb;
	struct date first;
	char month[MONTH_LEN], day[DATE_LEN], received[DATE_LEN];
	*paid = false;
	if (!month_parse(month_text, month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	snprintf(day, sizeof day, "%s-01", month);
	date_parse(day, &first);
	nct_err e = person_seen(x, person_id, "id", &p, rf);
	if (e)
		return e;
	if (access_person(x, &p, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	if ((e = decision_in_force(x->db, person_id, month, &d, paid)) || !*paid)
		return e;
	if ((e = entitlement_read(x, &p, first, &in, NULL)) ||
	    (e = received_on(x->db, person_id, month, received)) || (e = rulebook_load(x, &rb)))
		return e;
	pay(&rb, &p, &in, &d, first, received, l);
	rulebook_free(&rb);
	return NCT_OK;
}

nct_err payment_list_each(struct ctx *x, const char *place, const char *month, payment_fn fn,
                          void *arg, struct payment_list *out, struct refusal *rf)
{
	return list(x, place, month, NULL, fn, arg, out, rf);
}

/* payment_list's collector: the lines, as they come (by name). */
static nct_err collect(void *arg, const struct payment_line *l)
{
	return vec_add(arg, l);
}

nct_err payment_list(struct ctx *x, const char *place, const char *month, struct payment_list *out,
                     struct refusal *rf)
{
	struct vec v;
	size_t n = 0;
	vec_init(&v, sizeof *out->lines, PAYMENT_MAX);
	nct_err e = list(x, place, month, NULL, collect, &v, out, rf);
	out->lines = vec_result(&v, e, &n);
	out->n = e ? 0 : n;
	return e;
}

nct_err payment_list_page(struct ctx *x, const char *place, const char *month,
                          const struct payment_page *page, struct payment_list *out,
                          struct refusal *rf)
{
	return list(x, place, month, page, NULL, NULL, out, rf);
}

void payment_list_free(struct payment_list *l)
{
	free(l->lines);
	l->lines = NULL;
	l->n = 0;
}

/* A month's allowance is signed for no earlier than the first grant of it was
 * signed (day: the day signed for, ISO). */
static nct_err received_after_grant(struct ctx *x, int64_t person_id, const char *month,
                                    const char *day, struct refusal *rf)
{
	static const char sql[] = "SELECT MIN(signed_on) FROM allowance_decisions WHERE"
	                          " person_id = ? AND action = 'grant' AND month <= ?";
	char first[DATE_LEN] = "";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, month);
	nct_err e = db_text(st, first, sizeof first);
	if (!e && first[0] && strcmp(day, first) < 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_RECEIVED_BEFORE_GRANT, "received_on", "dd", day,
		           first);
	return e;
}

nct_err payment_receipt_add(struct ctx *x, int64_t person_id, const char *month_text,
                            const char *received, struct refusal *rf)
{
	static const char sql[] = "INSERT INTO payment_receipts (person_id, month, received_on,"
	                          " created_at) VALUES (?, ?, ?, ?)";
	struct person p;
	struct decision d;
	struct date on;
	char month[MONTH_LEN], day[DATE_LEN], now[26], idtxt[24], what[96];
	bool paid = false;
	nct_err e = decision_person(x, person_id, "person", &p, rf);
	if (e)
		return e;
	if (!month_parse(month_text, month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	if ((e = check_day(received, "received_on", &on, rf)))
		return e;
	date_format(on, day);
	if ((e = decision_in_force(x->db, person_id, month, &d, &paid)))
		return e;
	if (!paid)
		return refuse(rf, NCT_ERR_CONFLICT, RF_NOT_RECEIVING, "month", "M", month);
	char got[DATE_LEN];
	if ((e = received_on(x->db, person_id, month, got)))
		return e;
	if (got[0]) {
		char mm[16]; /* RF_TAKEN names any value: the month as people write it */
		snprintf(mm, sizeof mm, "%.2s/%.4s", month + 5, month);
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "month", "s", mm);
	}
	if ((e = received_after_grant(x, person_id, month, day, rf)))
		return e;
	if ((e = unit_begin(x)))
		return e;
	time_format_vn(time(NULL), now);
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(person_id), DB_T(month), DB_T(day), DB_T(now));
	e = db_run(st);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)person_id);
	snprintf(what, sizeof what, "{\"month\":\"%s\",\"received_on\":\"%s\"}", month, day);
	if (!e)
		e = audit_write(x, "receipt", "payment", idtxt, NULL, what);
	return unit_end(x, e);
}

/* The country's list (ent_country.h): what each province's worker needs. */
struct country_list {
	const char *month;
	payment_country_fn fn;
	void *arg;
	struct payment_list *lists; /* a province's totals each (no lines) */
};

struct province_line {
	struct country_list *c;
	size_t i;
};

static nct_err province_line(void *arg, const struct payment_line *l)
{
	struct province_line *p = arg;
	return p->c->fn(p->c->arg, p->i, l);
}

static nct_err province_list(struct ctx *x, size_t i, const char *code, void *arg,
                             struct refusal *rf)
{
	struct country_list *c = arg;
	struct province_line p = {c, i};
	return list(x, code, c->month, NULL, c->fn ? province_line : NULL, &p, &c->lists[i], rf);
}

/* The province's totals added to the country's in out. */
static void totals_join(struct payment_list *out, const struct payment_list *l)
{
	for (size_t k = 0; k < l->ntotals; k++) {
		struct payment_total *t = total_of(out, l->totals[k].rule, l->totals[k].kind);
		if (t) {
			t->people += l->totals[k].people;
			t->amount += l->totals[k].amount;
		}
	}
	out->people += l->people;
	out->n += l->n;
	out->total += l->total;
	out->post += l->post;
	out->cash += l->cash;
	out->signed_for += l->signed_for;
}

nct_err payment_country(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                        size_t n, const char *month, payment_country_fn fn, void *arg,
                        struct payment_list *out, struct refusal *rf)
{
	memset(out, 0, sizeof *out);
	if (!month_parse(month, out->month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	struct country_list c = {month, fn, arg, calloc(n ? n : 1, sizeof *c.lists)};
	if (!c.lists)
		return NCT_ERR_NOMEM;
	text_copy(out->place, sizeof out->place, ENT_COUNTRY);
	text_copy(out->place_name, sizeof out->place_name, "Việt Nam");
	nct_err e = ent_country_each(xs, nx, codes, n, province_list, &c, rf);
	for (size_t i = 0; !e && i < n; i++)
		totals_join(out, &c.lists[i]);
	for (size_t i = 0; i < n; i++)
		payment_list_free(&c.lists[i]);
	free(c.lists);
	qsort(out->totals, out->ntotals, sizeof out->totals[0], by_rule);
	return e;
}

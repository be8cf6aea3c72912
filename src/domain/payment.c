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
#include "entitlement.h"
#include "person.h"
#include "place.h"

/* Everyone a decision made in the subtree [lo, hi) has paid by the month. */
static const char payees_sql[] =
    "SELECT " PERSON_COLUMNS ", p.sort_key FROM persons p JOIN places pl ON pl.id = p.place_id"
    " WHERE p.id IN (SELECT d.person_id FROM allowance_decisions d"
    " JOIN places dp ON dp.id = d.place_id WHERE dp.path >= ? AND dp.path < ? AND d.month <= ?)";

struct payee {
	struct person p;
	char sort_key[160];
};

static int payee_row(struct db_stmt *st, void *row, void *arg)
{
	struct payee *c = row;
	(void)arg;
	person_from_columns(st, 0, &c->p);
	text_copy(c->sort_key, sizeof c->sort_key, db_col_text(st, PERSON_NCOLUMNS));
	return DB_KEEP;
}

static int by_key(const void *a, const void *b)
{
	const struct payee *x = a, *y = b;
	int k = strcmp(x->sort_key, y->sort_key);
	if (k)
		return k;
	return x->p.id < y->p.id ? -1 : x->p.id > y->p.id;
}

static nct_err payees(struct ctx *x, const struct place_path *paths, size_t npaths,
                      const char *month, struct payee **out, size_t *n)
{
	struct vec v;
	char hi[96];
	nct_err e = NCT_OK;
	vec_init(&v, sizeof **out, PAYMENT_MAX);
	for (size_t i = 0; !e && i < npaths; i++) {
		text_copy(hi, sizeof hi, paths[i].path);
		size_t len = strlen(hi);
		if (len) /* "/12/345/" up to "/12/3450" */
			hi[len - 1] = (char)(hi[len - 1] + 1);
		struct db_stmt *st = db_prepare(x->db, payees_sql);
		db_bind_text(st, 1, paths[i].path);
		db_bind_text(st, 2, hi);
		db_bind_text(st, 3, month);
		e = db_rows(st, &v, payee_row, NULL);
	}
	*out = vec_result(&v, e, n);
	if (!e && *n)
		qsort(*out, *n, sizeof **out, by_key);
	return e;
}

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

static void total_add(struct payment_list *l, const struct payment_line *p)
{
	size_t i = 0;
	while (i < l->ntotals && strcmp(l->totals[i].rule, p->rule) != 0)
		i++;
	if (i == l->ntotals) {
		if (l->ntotals == PAYMENT_TOTALS_MAX)
			return;
		memset(&l->totals[i], 0, sizeof l->totals[i]);
		text_copy(l->totals[i].rule, sizeof l->totals[i].rule, p->rule);
		text_copy(l->totals[i].kind, sizeof l->totals[i].kind, p->kind);
		l->ntotals++;
	}
	l->totals[i].people++;
	l->totals[i].amount += p->amount;
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

/* The line of one payee, or none when nothing is paid them that month. */
static nct_err pay(struct ctx *x, const struct rulebook *rb, const struct payee *c,
                   const char *month, struct ent_place_cache *cache, struct payment_line *l,
                   bool *paid)
{
	struct decision d;
	struct ent_input in;
	struct date first;
	char day[DATE_LEN];
	const struct allowance_rule *rule;
	snprintf(day, sizeof day, "%s-01", month);
	date_parse(day, &first);
	nct_err e = decision_in_force(x->db, c->p.id, month, &d, paid);
	if (e || !*paid)
		return e;
	if ((e = entitlement_read(x, &c->p, first, &in, cache)))
		return e;
	memset(l, 0, sizeof *l);
	l->person_id = c->p.id;
	text_copy(l->full_name, sizeof l->full_name, c->p.full_name);
	birth_format(c->p.birth, l->birth);
	text_copy(l->citizen_id, sizeof l->citizen_id, c->p.citizen_id);
	text_copy(l->place_code, sizeof l->place_code, in.place_code);
	text_copy(l->place_name, sizeof l->place_name, in.place_name);
	text_copy(l->rule, sizeof l->rule, d.rule_code);
	l->amount = rule_amount(rb, d.rule_code, &in, first, &rule);
	if (!rule || !l->amount)
		l->amount = d.amount; /* the rule ended: what the decision said */
	text_copy(l->kind, sizeof l->kind, rule ? rule->kind : "");
	l->coefficient = rule ? rule->coefficient : 0;
	text_copy(l->channel, sizeof l->channel, d.channel);
	text_copy(l->decision, sizeof l->decision, d.number);
	text_copy(l->died_on, sizeof l->died_on, c->p.died_on);
	return received_on(x->db, c->p.id, month, l->received_on);
}

nct_err payment_list(struct ctx *x, const char *place, const char *month_text,
                     struct payment_list *out, struct refusal *rf)
{
	struct place pl;
	struct place_path *paths = NULL;
	struct payee *ps = NULL;
	struct rulebook rb;
	struct date first;
	size_t npaths = 0, nps = 0;
	char day[DATE_LEN];
	memset(out, 0, sizeof *out);
	if (!month_parse(month_text, out->month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	snprintf(day, sizeof day, "%s-01", out->month);
	date_parse(day, &first);
	nct_err e = place ? place_get(x, place, first, &pl) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", place ? place : "");
	if (e == NCT_ERR_DENIED || (!e && !access_place(x, pl.path, ACCESS_SEE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", place);
	if (e)
		return e;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	text_copy(out->place, sizeof out->place, pl.code);
	text_copy(out->place_name, sizeof out->place_name, pl.name);
	if ((e = place_territory(x, &pl, first, &paths, &npaths)) ||
	    (e = payees(x, paths, npaths, out->month, &ps, &nps)) || (e = rulebook_load(x, &rb))) {
		free(paths);
		free(ps);
		return e;
	}
	struct vec v;
	struct ent_place_cache *cache = calloc(1, sizeof *cache);
	vec_init(&v, sizeof *out->lines, PAYMENT_MAX);
	if (!cache)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < nps; i++) {
		struct payment_line l;
		bool paid = false;
		e = pay(x, &rb, &ps[i], out->month, cache, &l, &paid);
		if (!e && paid && !(e = vec_add(&v, &l)))
			total_add(out, &l);
	}
	free(cache);
	rulebook_free(&rb);
	free(paths);
	free(ps);
	out->lines = vec_result(&v, e, &out->n);
	qsort(out->totals, out->ntotals, sizeof out->totals[0], by_rule);
	if (!e && !(e = unit_begin(x))) {
		char what[96];
		snprintf(what, sizeof what, "{\"place\":\"%s\",\"month\":\"%s\"}", out->place,
		         out->month);
		e = unit_end(x, audit_write(x, "view", "payment_list", out->place, NULL, what));
	}
	if (e)
		payment_list_free(out);
	return e;
}

void payment_list_free(struct payment_list *l)
{
	free(l->lines);
	l->lines = NULL;
	l->n = 0;
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
	nct_err e = person_seen(x, person_id, "person", &p, rf);
	if (e)
		return e;
	if (!access_sensitive(x) || access_person(x, &p, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!month_parse(month_text, month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	if ((e = check_day(received, "received_on", &on, rf)))
		return e;
	date_format(on, day);
	if ((e = decision_in_force(x->db, person_id, month, &d, &paid)))
		return e;
	if (!paid)
		return refuse(rf, NCT_ERR_CONFLICT, RF_NOT_RECEIVING, "month", "s", month);
	char got[DATE_LEN];
	if ((e = received_on(x->db, person_id, month, got)))
		return e;
	if (got[0])
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "month", "s", month);
	if ((e = unit_begin(x)))
		return e;
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, month);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, now);
	e = db_run(st);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)person_id);
	snprintf(what, sizeof what, "{\"month\":\"%s\",\"received_on\":\"%s\"}", month, day);
	if (!e)
		e = audit_write(x, "receipt", "payment", idtxt, NULL, what);
	return unit_end(x, e);
}

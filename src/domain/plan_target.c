/* plan_target.c - an item's indicator and target (plan_target.h). The target
 * is an entry of the plan's doc ("targets", docs/plans.md), named by the
 * item's doc ("targets": ["T3"]); its figures are a plan_targets row, which the
 * export writes back over the doc's. */
#include "plan_target.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../store/db.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "indicator.h"
#include "org.h"
#include "plan_doc.h"

static json_t *doc_read(struct db *db, const char *sql, int64_t id)
{
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(id));
	json_t *doc = NULL;
	if (db_step(st) == DB_ROW)
		doc = json_loads(db_col_text(st, 0) ? db_col_text(st, 0) : "{}", 0, NULL);
	db_done(st);
	return doc;
}

static nct_err doc_write(struct db *db, const char *sql, const json_t *doc, int64_t id)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!text)
		return NCT_ERR_NOMEM;
	nct_err e = db_run(DB_PREPARE(db, sql, DB_T(text), DB_I(id)));
	free(text);
	return e;
}

static const char sql_plan_doc[] = "SELECT doc FROM plans WHERE id = ?";
static const char sql_item_doc[] = "SELECT doc FROM plan_items WHERE id = ?";

/* The item's first target of its own plan ("T3", not "327-kh-ubnd#T1"), or NULL. */
static const char *own_target(const struct plan_item *it)
{
	for (size_t i = 0; i < it->ntargets; i++)
		if (!strchr(it->targets[i], '#'))
			return it->targets[i];
	return NULL;
}

static json_t *target_in(const json_t *doc, const char *id)
{
	return plan_doc_entry(doc, "targets", "id", id);
}

static int64_t int_or_open(const json_t *v)
{
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

static void target_from(const json_t *t, struct plan_item_target *out)
{
	memset(out, 0, sizeof *out);
	out->min = out->max = -1;
	if (!t)
		return;
	text_copy(out->id, sizeof out->id, json_string_value(json_object_get(t, "id")));
	text_copy(out->indicator, sizeof out->indicator,
	          json_string_value(json_object_get(t, "indicator")));
	text_copy(out->unit, sizeof out->unit, json_string_value(json_object_get(t, "unit")));
	out->min = int_or_open(json_object_get(t, "min"));
	out->max = int_or_open(json_object_get(t, "max"));
	text_copy(out->by_date, sizeof out->by_date,
	          json_string_value(json_object_get(t, "by_date")));
	text_copy(out->place_code, sizeof out->place_code,
	          json_string_value(json_object_get(t, "place_code")));
}

static nct_err item_of(struct ctx *x, const struct plan *p, int64_t item_id, struct plan_item *it,
                       struct refusal *rf)
{
	nct_err e = plan_item_get(x, p->id, item_id, it);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_ITEM_UNKNOWN, NULL, "i", item_id);
	return e;
}

nct_err plan_item_target(struct ctx *x, const struct plan *p, int64_t item_id,
                         struct plan_item_target *out)
{
	struct plan_item *it = malloc(sizeof *it);
	target_from(NULL, out);
	if (!it)
		return NCT_ERR_NOMEM;
	nct_err e = item_of(x, p, item_id, it, NULL);
	const char *id = e ? NULL : own_target(it);
	if (id) {
		json_t *doc = doc_read(x->db, sql_plan_doc, p->id);
		target_from(target_in(doc, id), out);
		json_decref(doc);
	}
	free(it);
	return e;
}

/* A whole number from 0 to max, or -1 for none given: digits, the thousands
 * grouped by dots as people write them ("2.500") or not. */
static nct_err whole(const char *s, int64_t max, const char *field, int64_t *out,
                     struct refusal *rf)
{
	*out = -1;
	if (!s || !s[0])
		return NCT_OK;
	int64_t v = 0;
	if (strspn(s, "0123456789.") != strlen(s) || money_parse(s, &v) || v > max)
		return refuse(rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, field, "nn", (int64_t)0, max);
	*out = v;
	return NCT_OK;
}

/* The indicators a target can have: those of the plan's figures, not the
 * figures beside them. */
static nct_err indicator_check(const char *code, struct indicator *d, struct refusal *rf)
{
	if (code && indicator_def(code, d) && !d->extra)
		return NCT_OK;
	char list[512] = "";
	size_t n = 0;
	for (int i = 0; i < IND_COUNT; i++) {
		struct indicator o;
		if (indicator_def(indicator_code_at(i), &o) && !o.extra && n < sizeof list)
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "",
			                      o.code);
	}
	return refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "indicator", "s", list);
}

static nct_err target_check(const struct plan_item_target_in *in, struct indicator *d, int64_t *mn,
                            int64_t *mx, struct refusal *rf)
{
	struct date by;
	nct_err e = indicator_check(in->indicator, d, rf);
	int64_t limit = d->share ? 100 : PLAN_TARGET_VALUE_MAX;
	if (!e)
		e = whole(in->min, limit, "target_min", mn, rf);
	if (!e)
		e = whole(in->max, limit, "target_max", mx, rf);
	if (!e && *mn < 0 && *mx < 0) /* a target with neither end is none */
		e = refuse(rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, "target_min", "nn", (int64_t)0,
		           limit);
	if (!e && *mn >= 0 && *mx >= 0 && *mx < *mn)
		e = refuse(rf, NCT_ERR_INVALID, RF_FIGURE_RANGE, "target_max", "nn", *mn, limit);
	if (!e)
		e = check_date(in->by_date, "by_date", &by, rf);
	return e;
}

static json_t *int_or_null(int64_t v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/* The words of a range as a plan writes them ("từ 2.500 đến 3.500", "ít nhất 50%"). */
static void range_words(int64_t mn, int64_t mx, bool pct, char *out, size_t len)
{
	const char *u = pct ? "%" : "";
	char a[32], b[32];
	money_format(mn, a);
	money_format(mx, b);
	if (mn >= 0 && mx >= 0)
		snprintf(out, len, "từ %s%s đến %s%s", a, u, b, u);
	else if (mn >= 0)
		snprintf(out, len, "ít nhất %s%s", a, u);
	else
		snprintf(out, len, "không quá %s%s", b, u);
}

/* A new target T<n> (after the plan's last) for the item, for the place of the
 * plan's issuer; its words are the item's and the indicator's. */
static nct_err target_new(struct ctx *x, const struct plan *p, const struct plan_item *it,
                          const struct indicator *d, json_t *doc, json_t **out, struct refusal *rf)
{
	struct org o;
	if (org_get(x, p->issuer, &o))
		return refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, "issuer", "s", p->issuer);
	int last = 0;
	size_t i;
	json_t *t, *list = json_object_get(doc, "targets");
	json_array_foreach(list, i, t)
	{
		const char *id = json_string_value(json_object_get(t, "id"));
		long n = id && id[0] == 'T' ? strtol(id + 1, NULL, 10) : 0;
		last = n > last && n < PLAN_ITEMS_MAX * 10 ? (int)n : last;
	}
	char id[PLAN_TARGET_ID_LEN];
	snprintf(id, sizeof id, "T%d", last + 1);
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:n, s:n, s:s, s:n, s:s, s:s, s:s,"
	                 " s:s, s:n}",
	                 "id", id, "section", it->section_code, "quote", it->text, "indicator",
	                 d->code, "what", d->vi, "what_en", d->en, "unit",
	                 d->share ? "percent" : "count", "min", "max", "as_written", "",
	                 "above_max_is_met", "counted_among", o.place_name, "by_date", "",
	                 "by_date_as_written", "", "place_code", o.place_code, "note");
	if (!*out || (!json_is_array(list) && json_object_set_new(doc, "targets", json_array())))
		return NCT_ERR_NOMEM;
	json_array_append(json_object_get(doc, "targets"), *out);
	return NCT_OK;
}

static nct_err item_serves(struct db *db, int64_t item_id, const char *id)
{
	static const char sql[] = "UPDATE plan_items SET doc = ? WHERE id = ?";
	json_t *doc = doc_read(db, sql_item_doc, item_id);
	json_t *list = doc ? json_object_get(doc, "targets") : NULL;
	nct_err e = doc ? NCT_OK : NCT_ERR_NOMEM;
	if (!e && !json_is_array(list))
		json_object_set_new(doc, "targets", list = json_array());
	if (!e && json_array_append_new(list, json_string(id)))
		e = NCT_ERR_NOMEM;
	if (!e)
		e = doc_write(db, sql, doc, item_id);
	json_decref(doc);
	return e;
}

/* A new target's date as the user wrote it, when that reads as by_date; else
 * by_date as people write it (dd/mm/yyyy), into day. */
static const char *date_words(const struct plan_item_target_in *in, char day[DATE_LEN])
{
	struct date by, typed;
	if (date_parse(in->by_date, &by))
		return in->by_date; /* checked already: not reached */
	if (in->by_date_as_written && date_parse_vn(in->by_date_as_written, &typed) == NCT_OK &&
	    date_cmp(typed, by) == 0)
		return in->by_date_as_written;
	date_format_vn(by, day);
	return day;
}

static nct_err target_write(struct ctx *x, const struct plan *p, const struct plan_item *it,
                            const struct plan_item_target_in *in, const struct indicator *d,
                            int64_t mn, int64_t mx, struct plan_item_target *out,
                            struct refusal *rf)
{
	static const char sql_touch[] = "UPDATE plans SET updated_at = ? WHERE id = ?";
	static const char sql_doc[] = "UPDATE plans SET doc = ? WHERE id = ?";
	static const char sql_gone[] = "DELETE FROM plan_targets WHERE plan = ? AND indicator = ?"
	                               " AND place_code = ? AND place_on = ? AND by_date = ?";
	/* the plan's row first: two edits of its doc at once take turns (PostgreSQL
	 * holds the row until the unit ends; SQLite writes one unit at a time) */
	char now[26], on[DATE_LEN];
	time_format_vn(time(NULL), now);
	plan_place_on(p->date, on); /* the day of the place of its row */
	nct_err e = db_run(DB_PREPARE(x->db, sql_touch, DB_T(now), DB_I(p->id)));
	json_t *doc = e ? NULL : doc_read(x->db, sql_plan_doc, p->id), *t = NULL;
	if (!doc)
		return e ? e : NCT_ERR_NOMEM;
	t = target_in(doc, own_target(it));
	char *before = t ? json_dumps(t, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	struct plan_item_target old;
	target_from(t, &old);
	bool made = !t && !(e = target_new(x, p, it, d, doc, &t, rf));
	if (made)
		json_decref(t); /* the doc's list holds it */
	const json_t *other =
	    e ? NULL
	      : plan_target_on_key(doc, t, SIZE_MAX, d->code,
	                           json_string_value(json_object_get(t, "place_code")),
	                           in->by_date);
	if (other) /* its save would change the other's figures */
		e = refuse(rf, NCT_ERR_CONFLICT, RF_TARGET_TAKEN, "by_date", "sd",
		           json_string_value(json_object_get(other, "id")), in->by_date);
	/* its figures move to the new key; a row another target has stays */
	if (!e && !made && old.indicator[0] &&
	    !plan_target_on_key(doc, t, SIZE_MAX, old.indicator, old.place_code, old.by_date))
		e = db_run(DB_PREPARE(x->db, sql_gone, DB_T(p->key), DB_T(old.indicator),
		                      DB_T(old.place_code), DB_T(on), DB_T(old.by_date)));
	/* the words follow the figures: a new target's, and an edited one's whose
	 * range or date changed (a plan's own words stay while its figures do) */
	bool unit_same = strcmp(old.unit, d->share ? "percent" : "count") == 0;
	if (!e && (made || old.min != mn || old.max != mx || !unit_same)) {
		char words[96];
		range_words(mn, mx, d->share, words, sizeof words);
		json_object_set_new(t, "as_written", json_string(words));
	}
	if (!e && (made || strcmp(old.by_date, in->by_date) != 0)) {
		char day[DATE_LEN];
		json_object_set_new(t, "by_date_as_written", json_string(date_words(in, day)));
	}
	if (!e && made)
		e = item_serves(x->db, it->id, json_string_value(json_object_get(t, "id")));
	if (!e) {
		json_object_set_new(t, "indicator", json_string(d->code));
		json_object_set_new(t, "unit", json_string(d->share ? "percent" : "count"));
		json_object_set_new(t, "min", int_or_null(mn));
		json_object_set_new(t, "max", int_or_null(mx));
		json_object_set_new(t, "above_max_is_met", mx >= 0 ? json_true() : json_null());
		json_object_set_new(t, "by_date", json_string(in->by_date));
		e = doc_write(x->db, sql_doc, doc, p->id);
	}
	if (!e)
		e = plan_target_row(x, p, t);
	char *after = e ? NULL : json_dumps(t, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!e) {
		char eid[PLAN_SLUG_LEN + PLAN_TARGET_ID_LEN + 2];
		snprintf(eid, sizeof eid, "%s#%s", p->slug,
		         json_string_value(json_object_get(t, "id")));
		e = after && (before || !old.id[0]) ? audit_write(x, before ? "update" : "create",
		                                                  "plan_target", eid, before, after)
		                                    : NCT_ERR_NOMEM;
	}
	if (!e)
		target_from(t, out);
	free(before);
	free(after);
	json_decref(doc);
	return e;
}

nct_err plan_item_target_save(struct ctx *x, const struct plan *p, int64_t item_id,
                              const struct plan_item_target_in *in, struct plan_item_target *out,
                              struct refusal *rf)
{
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	struct plan_item *it = malloc(sizeof *it);
	if (!it)
		return NCT_ERR_NOMEM;
	struct indicator d;
	int64_t mn = -1, mx = -1;
	nct_err e = item_of(x, p, item_id, it, rf);
	if (!e && it->retired[0])
		e = refuse(rf, NCT_ERR_INVALID, RF_ITEM_RETIRED, NULL, "d", it->retired);
	if (!e)
		e = target_check(in, &d, &mn, &mx, rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, target_write(x, p, it, in, &d, mn, mx, out, rf));
	free(it);
	return e;
}

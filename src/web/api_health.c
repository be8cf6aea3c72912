/* api_health.c - a person's health and the health lists; longevity
 * celebrations and their gifts given: the same domain calls as the pages. */
#include "api_health.h"

#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../domain/register.h"
#include "../export/health_tables.h"
#include "../export/xlsx.h"
#include "api_persons.h"
#include "html.h"
#include "lookup.h"

static const char *body_str(const struct req *r, const char *key)
{
	return r->json ? json_string_value(json_object_get(r->json, key)) : NULL;
}

static const char *given_arg(const struct req *r, const char *name)
{
	const char *s = req_arg(r, name);
	return s && s[0] ? s : NULL;
}

nct_err health_query(struct req *r, struct place *pl, bool *has_place, struct date *on)
{
	const char *d = given_arg(r, "date"), *place = given_arg(r, "place");
	*has_place = false;
	*on = date_today_vn();
	if (d && date_parse_vn(d, on) && date_parse(d, on))
		return refuse(&r->rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "date", "");
	if (!place)
		return NCT_OK;
	nct_err e = register_place(&r->x, place, *on, pl, &r->rf);
	*has_place = !e;
	return e;
}

nct_err celebration_query(struct req *r, struct place *pl, bool *has_place, int *year)
{
	const char *y = given_arg(r, "year"), *place = given_arg(r, "place");
	*has_place = false;
	*year = date_today_vn().y;
	if (y) {
		char *end;
		long v = strtol(y, &end, 10);
		if (*end || end == y || v < CELEBRATION_YEAR_MIN || v > CELEBRATION_YEAR_MAX)
			return refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "year", "ii",
			              (int64_t)CELEBRATION_YEAR_MIN, (int64_t)CELEBRATION_YEAR_MAX);
		*year = (int)v;
	}
	if (!place)
		return NCT_OK;
	/* Residences are today's places: the place as it is today (with the units it
	 * was formed from), else a unit that ended, as it was in the year. */
	nct_err e = register_place(&r->x, place, date_today_vn(), pl, &r->rf);
	if (e == NCT_ERR_INVALID) {
		memset(&r->rf, 0, sizeof r->rf);
		e = register_place(&r->x, place, (struct date){*year, 1, 1}, pl, &r->rf);
	}
	*has_place = !e;
	return e;
}

nct_err celebrations_asked(struct req *r, size_t *offset, size_t *limit, struct place *pl,
                           bool *has_place, int *year, struct celebration **v, size_t *n,
                           int64_t *total)
{
	nct_err e = celebration_query(r, pl, has_place, year);
	if (!e)
		e = list_page(r, offset, limit);
	if (!e)
		e = celebrations_page(&r->x, *has_place ? pl : NULL, *year, *offset, *limit, v, n,
		                      total, &r->rf);
	return e;
}

/* A whole number of at most 9 digits, or -1 when not given; false when malformed. */
static bool arg_number(const struct req *r, const char *name, long *out)
{
	const char *s = given_arg(r, name);
	*out = -1;
	if (!s)
		return true;
	size_t n = strlen(s);
	if (n > 9 || strspn(s, "0123456789") != n)
		return false;
	*out = strtol(s, NULL, 10);
	return true;
}

nct_err list_page(struct req *r, size_t *offset, size_t *limit)
{
	long page, per;
	if (!arg_number(r, "page", &page) || page == 0 || page > 1000000)
		return refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "page", "ii", (int64_t)1,
		              (int64_t)1000000);
	if (!arg_number(r, "per_page", &per) || per == 0 || per > LIST_PAGE_MAX)
		return refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "per_page", "ii",
		              (int64_t)1, (int64_t)LIST_PAGE_MAX);
	*limit = per > 0 ? (size_t)per : *limit;
	*offset = page > 0 ? (size_t)(page - 1) * *limit : 0;
	return NCT_OK;
}

/* The rows [from, to) of a list of n that a page shows. */
static void page_slice(size_t n, size_t offset, size_t limit, size_t *from, size_t *to)
{
	*from = offset < n ? offset : n;
	*to = n - *from > limit ? *from + limit : n;
}

/* Adds total, page and per_page to o. */
static void page_json(json_t *o, size_t total, size_t offset, size_t limit)
{
	json_object_set_new(o, "total", json_integer((json_int_t)total));
	json_object_set_new(o, "page", json_integer((json_int_t)(offset / limit + 1)));
	json_object_set_new(o, "per_page", json_integer((json_int_t)limit));
}

static json_t *short_person(const struct person *p)
{
	char b[DATE_LEN];
	birth_format(p->birth, b);
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)p->id, "full_name", p->full_name,
	                 "birth", b, "place", p->place_code);
}

static json_t *card_json(const struct health_card *c)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id, "number", c->number,
	                 "valid_from", c->valid_from, "valid_to", c->valid_to, "payer", c->payer);
}

void api_person_health(struct req *r)
{
	struct person p;
	struct person_health h;
	if (!route_person(r, &p))
		return;
	nct_err e = person_health(&r->x, &p, &h);
	if (e == NCT_ERR_DENIED) {
		resp_refuse(r, e, RF_SENSITIVE, NULL);
		return;
	}
	if (resp_failed(r, e))
		return;
	struct date today = date_today_vn();
	json_t *cards = json_array(), *checkups = json_array(), *conditions = json_array();
	for (size_t i = 0; i < h.ncards; i++) {
		json_t *c = card_json(&h.cards[i]);
		json_object_set_new(c, "valid_today",
		                    json_boolean(health_card_valid_on(&h.cards[i], today)));
		json_array_append_new(cards, c);
	}
	for (size_t i = 0; i < h.ncheckups; i++)
		json_array_append_new(checkups, json_pack("{s:I, s:s, s:s}", "id",
		                                          (json_int_t)h.checkups[i].id,
		                                          "checked_on", h.checkups[i].checked_on,
		                                          "note", h.checkups[i].note));
	for (size_t i = 0; i < h.nconditions; i++) {
		const struct condition *c = &h.conditions[i];
		json_array_append_new(conditions,
		                      json_pack("{s:I, s:s, s:s?, s:s}", "id", (json_int_t)c->id,
		                                "name", c->name, "since",
		                                c->since[0] ? c->since : NULL, "note", c->note));
	}
	json_t *marked = json_array();
	for (size_t i = 0; i < h.nmarked; i++) {
		const struct health_marked *m = &h.marked[i];
		json_t *rec =
		    m->kind == HEALTH_CARD ? card_json(&m->card)
		    : m->kind == HEALTH_CHECKUP
		        ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)m->checkup.id,
		                    "checked_on", m->checkup.checked_on, "note", m->checkup.note)
		        : json_pack("{s:I, s:s, s:s?, s:s}", "id", (json_int_t)m->condition.id,
		                    "name", m->condition.name, "since",
		                    m->condition.since[0] ? m->condition.since : NULL, "note",
		                    m->condition.note);
		json_array_append_new(
		    marked,
		    json_pack("{s:s, s:o, s:s, s:s, s:o}", "kind",
		              m->kind == HEALTH_CARD      ? "card"
		              : m->kind == HEALTH_CHECKUP ? "checkup"
		                                          : "condition",
		              "record", rec, "at", m->at, "reason", m->reason, "replaced_by",
		              m->replaced_by ? json_integer((json_int_t)m->replaced_by)
		                             : json_null()));
	}
	person_health_free(&h);
	resp_json(r, 200,
	          json_pack("{s:I, s:o, s:o, s:o, s:o}", "person", (json_int_t)p.id, "cards", cards,
	                    "checkups", checkups, "conditions", conditions,
	                    "corrected_or_retracted", marked));
}

/* The person of the route and a JSON body: false when answered already. */
static bool write_start(struct req *r, struct person *p)
{
	if (!r->json) {
		resp_error(r, 400, "invalid", "a JSON body is required");
		return false;
	}
	return route_person(r, p);
}

static void created(struct req *r, nct_err e, int64_t id)
{
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* A new record of kind from the body: 201 with its id. */
static void record_add(struct req *r, char kind)
{
	struct person p;
	int64_t id = 0;
	if (!write_start(r, &p))
		return;
	nct_err e = health_correct_read(r, p.id, kind, 0, NULL, body_str, &id); /* before id */
	created(r, e, id);
}

void api_health_card_add(struct req *r)
{
	record_add(r, HEALTH_CARD);
}

void api_checkup_add(struct req *r)
{
	record_add(r, HEALTH_CHECKUP);
}

void api_condition_add(struct req *r)
{
	record_add(r, HEALTH_CONDITION);
}

/* The kind of record a path segment names (cards, check-ups, conditions), or 0. */
static char record_kind(const char *s)
{
	return !s                             ? 0
	       : strcmp(s, "cards") == 0      ? HEALTH_CARD
	       : strcmp(s, "check-ups") == 0  ? HEALTH_CHECKUP
	       : strcmp(s, "conditions") == 0 ? HEALTH_CONDITION
	                                      : 0;
}

nct_err health_correct_read(struct req *r, int64_t person_id, int kind, int64_t old,
                            const char *reason, health_field_fn field, int64_t *id)
{
	struct card_new card = {field(r, "number"), field(r, "valid_from"), field(r, "valid_to"),
	                        field(r, "payer")};
	struct checkup_new checkup = {field(r, "checked_on"), field(r, "note")};
	struct condition_new condition = {field(r, "name"), field(r, "since"), field(r, "note")};
	const void *in = kind == HEALTH_CARD      ? (const void *)&card
	                 : kind == HEALTH_CHECKUP ? (const void *)&checkup
	                                          : (const void *)&condition;
	return health_record_write(&r->x, (char)kind, person_id, in, old, reason, id, &r->rf);
}

void api_health_correct(struct req *r)
{
	struct person p;
	int64_t id = 0;
	if (!route_person(r, &p))
		return;
	char kind = record_kind(r->params[1]);
	int64_t old = route_number(r->params[2]);
	const char *reason = body_str(r, "reason");
	nct_err e;
	if (!kind) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	e = health_correct_read(r, p.id, kind, old, reason, body_str, &id);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(
		    r, 201,
		    json_pack("{s:I, s:I}", "id", (json_int_t)id, "replaces", (json_int_t)old));
}

void api_health_retract(struct req *r)
{
	struct person p;
	if (!route_person(r, &p))
		return;
	char kind = record_kind(r->params[1]);
	int64_t id = route_number(r->params[2]);
	if (!kind) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	nct_err e = health_retract(&r->x, p.id, kind, id, body_str(r, "reason"), &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 200, json_pack("{s:I}", "retracted", (json_int_t)id));
}

nct_err health_days(struct req *r, int *days)
{
	const char *within = given_arg(r, "expiring_within");
	char *end;
	*days = 30;
	if (!within)
		return NCT_OK;
	long v = strtol(within, &end, 10);
	if (*end || v < 0 || v > HEALTH_EXPIRING_MAX)
		return refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "expiring_within", "ii",
		              (int64_t)0, (int64_t)HEALTH_EXPIRING_MAX);
	*days = (int)v;
	return NCT_OK;
}

static const char xlsx_type[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#define LIST_FILE_RETRY_SECONDS 20

void resp_list_file_failed(struct req *r, nct_err e)
{
	buf_reset(&r->out);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_DENIED || e == NCT_ERR_NOTFOUND) {
		resp_refusal(r, e, &r->rf);
		return;
	}
	if (e == NCT_ERR_BUSY) {
		resp_retry_after(r, LIST_FILE_RETRY_SECONDS);
		resp_error(r, 503, "busy",
		           tr(r,
		              "Máy chủ đang tạo nhiều tệp danh sách lớn cùng lúc: hãy thử lại sau "
		              "ít phút, hoặc lọc theo địa bàn.",
		              "The server is building several large list files at once: try again "
		              "in a few minutes, or filter by place."));
		return;
	}
	resp_domain_error(r, e,
	                  e == NCT_ERR_TOOBIG
	                      ? tr(r, "Danh sách quá lớn để tải về: hãy lọc theo địa bàn.",
	                           "The list is too large to download: filter it by place.")
	                      : NULL);
}

bool health_list_file(struct req *r)
{
	const char *format = given_arg(r, "format");
	if (!format)
		return false;
	bool xlsx = strcmp(format, "xlsx") == 0, without = given_arg(r, "without_card") != NULL;
	const char *list = without ? "without_card" : "cards_expiring";
	struct place pl;
	bool has_place = false;
	struct date on;
	char day[DATE_LEN], cd[160];
	int days = 30;
	nct_err e =
	    strcmp(format, "csv") == 0 || xlsx
	        ? NCT_OK
	        : refuse(&r->rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "format", "s", "csv, xlsx");
	if (!e)
		e = health_query(r, &pl, &has_place, &on);
	if (!e)
		e = health_days(r, &days);
	if (e) {
		resp_refusal(r, e, &r->rf);
		return true;
	}
	const struct place *area = has_place ? &pl : NULL;
	size_t rows = 0;
	buf_reset(&r->out);
	r->out.max = RESP_FILE_MAX;
	e = without
	        ? health_without_card_file(&r->x, area, on, xlsx, r->lang, &r->out, &rows, &r->rf)
	        : health_expiring_file(&r->x, area, on, days, xlsx, r->lang, &r->out, &rows,
	                               &r->rf);
	if (!e)
		e = health_list_exported(&r->x, list, area, format, rows);
	if (e) {
		resp_list_file_failed(r, e);
		return true;
	}
	r->status = 200;
	r->ctype = xlsx ? xlsx_type : "text/csv; charset=utf-8";
	date_format(on, day);
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-%s-%s.%s\"",
	         without ? "chua-co-the-bhyt" : "the-bhyt-sap-het-han", has_place ? pl.code : "all",
	         day, format);
	resp_header(r, "Content-Disposition", cd);
	return true;
}

void api_health_cards(struct req *r)
{
	if (health_list_file(r))
		return;
	struct place pl;
	bool has_place;
	struct date on;
	char day[DATE_LEN];
	size_t offset = 0, limit = LIST_PAGE_DEFAULT, from, to;
	nct_err e = health_query(r, &pl, &has_place, &on);
	if (!e)
		e = list_page(r, &offset, &limit);
	bool without = given_arg(r, "without_card") != NULL;
	int days = 30;
	if (!e)
		e = health_days(r, &days);
	if (resp_refused(r, e))
		return;
	date_format(on, day);
	json_t *a = json_array();
	json_t *o;
	if (without) {
		/* cut in SQL: per_page after the person `after` (the answer's next), or
		 * the page's number; the total counted as the register's search is */
		struct register_page pg = {0};
		int64_t after = 0;
		e = req_id(r, "after", &after) ? NCT_OK : NCT_ERR_INVALID;
		if (!e)
			e = health_without_card_page(&r->x, has_place ? &pl : NULL, on, after,
			                             after ? 0 : offset, limit, &pg, &r->rf);
		for (size_t i = 0; !e && i < pg.n; i++) {
			json_t *p = short_person(&pg.v[i]);
			json_object_set_new(p, "age",
			                    json_integer(birth_age_on(pg.v[i].birth, on)));
			json_array_append_new(a, p);
		}
		free(pg.v);
		o = json_pack("{s:s, s:s?, s:o, s:b, s:o}", "date", day, "place",
		              has_place ? pl.code : NULL, "without_card", a, "total_exact",
		              !pg.more, "next",
		              pg.next ? json_integer((json_int_t)pg.next) : json_null());
		page_json(o, (size_t)pg.total, offset, limit);
	} else {
		struct card_row *v;
		size_t n;
		e = health_cards_expiring(&r->x, has_place ? &pl : NULL, on, days, &v, &n, &r->rf);
		page_slice(e ? 0 : n, offset, limit, &from, &to);
		for (size_t i = from; !e && i < to; i++) {
			json_t *c = card_json(&v[i].card);
			json_object_set_new(c, "person", short_person(&v[i].person));
			json_array_append_new(a, c);
		}
		if (!e)
			free(v);
		o = json_pack("{s:s, s:s?, s:i, s:o}", "date", day, "place",
		              has_place ? pl.code : NULL, "expiring_within", days, "cards", a);
		page_json(o, e ? 0 : n, offset, limit);
	}
	if (e) {
		json_decref(o);
		resp_refusal(r, e, &r->rf);
		return;
	}
	resp_json(r, 200, o);
}

static json_t *money_or_null(int64_t v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

void api_celebrations(struct req *r)
{
	struct place pl;
	bool has_place;
	int year;
	struct celebration *v = NULL;
	size_t n = 0;
	size_t offset = 0, limit = LIST_PAGE_DEFAULT;
	int64_t total = 0;
	nct_err e = celebrations_asked(r, &offset, &limit, &pl, &has_place, &year, &v, &n, &total);
	if (resp_refused(r, e))
		return;
	json_t *people = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct celebration *c = &v[i];
		json_t *gift =
		    json_pack("{s:o, s:o, s:s, s:s}", "cash", money_or_null(c->gift.cash),
		              "in_kind", money_or_null(c->gift.in_kind), "in_kind_description",
		              c->gift.in_kind_description, "scope", c->gift.scope);
		json_array_append_new(
		    people,
		    json_pack("{s:o, s:i, s:s, s:b, s:s?, s:o}", "person", short_person(&c->person),
		              "age", c->age, "congratulated_by", c->gift.congratulated_by, "given",
		              c->given, "given_on", c->given ? c->given_on : NULL, "gift", gift));
	}
	free(v);
	/* The rules in force on 1 January, each once with its legal basis. */
	struct gift_rule *rules = NULL;
	size_t nrules = 0;
	json_t *ra = json_array();
	e = gift_rules_on(&r->x, (struct date){year, 1, 1}, &rules, &nrules);
	for (size_t i = 0; !e && i < nrules; i++) {
		const struct gift_rule *g = &rules[i];
		json_array_append_new(
		    ra, json_pack("{s:s, s:i, s:o, s:s, s:s?, s:s, s:o, s:o, s:s, s:b, s:s}",
		                  "scope", g->gift.scope, "age_from", g->age_from, "age_to",
		                  g->age_to < 0 ? json_null() : json_integer(g->age_to),
		                  "valid_from", g->valid_from, "valid_to",
		                  g->valid_to[0] ? g->valid_to : NULL, "congratulated_by",
		                  g->gift.congratulated_by, "cash", money_or_null(g->gift.cash),
		                  "in_kind", money_or_null(g->gift.in_kind), "in_kind_description",
		                  g->gift.in_kind_description, "is_minimum", g->gift.is_minimum,
		                  "legal_basis", g->legal_basis));
	}
	free(rules);
	if (e) {
		json_decref(people);
		json_decref(ra);
		resp_domain_error(r, e, NULL);
		return;
	}
	json_t *o = json_pack("{s:i, s:s?, s:o, s:o}", "year", year, "place",
	                      has_place ? pl.code : NULL, "people", people, "rules", ra);
	page_json(o, (size_t)total, offset, limit);
	resp_json(r, 200, o);
}

void api_celebration_given(struct req *r)
{
	struct person p;
	if (!write_start(r, &p))
		return;
	int64_t year = route_number(r->params[1]);
	json_t *g = json_object_get(r->json, "given");
	if (!json_is_boolean(g)) {
		refuse(&r->rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "given", "s", "true, false");
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	if (year < CELEBRATION_YEAR_MIN || year > CELEBRATION_YEAR_MAX) {
		refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "year", "ii",
		       (int64_t)CELEBRATION_YEAR_MIN, (int64_t)CELEBRATION_YEAR_MAX);
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	nct_err e = celebration_set_given(&r->x, p.id, (int)year, json_is_true(g),
	                                  body_str(r, "given_on"), &r->rf);
	if (resp_refused(r, e))
		return;
	struct celebration c;
	e = celebration_of(&r->x, &p, (int)year, &c);
	if (resp_failed(r, e))
		return;
	resp_json(r, 200,
	          json_pack("{s:I, s:i, s:i, s:s, s:b, s:s?}", "person", (json_int_t)p.id, "year",
	                    (int)year, "age", c.age, "congratulated_by", c.gift.congratulated_by,
	                    "given", c.given, "given_on", c.given ? c.given_on : NULL));
}

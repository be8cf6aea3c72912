/* api_persons.c - the register under /api/v1/persons, the ethnic groups and
 * the designations of places: the same domain calls as the register's pages. */
#include "api_persons.h"

#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../domain/access.h"
#include "../domain/citizen_id.h"
#include "../domain/designation.h"
#include "../domain/ethnic.h"
#include "../domain/person_export.h"
#include "../domain/person_fact.h"
#include "../domain/register.h"
#include "html.h"
#include "lookup.h"
#include "page_persons.h"
#include "wording.h"

/* A string member of the JSON body, or NULL. */
static const char *body_str(const struct req *r, const char *key)
{
	return r->json ? json_string_value(json_object_get(r->json, key)) : NULL;
}

static json_t *nullable(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

json_t *person_json(const struct person *p, struct date on)
{
	char b[DATE_LEN], sx[2] = {p->sex, 0};
	birth_format(p->birth, b);
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "id", (json_int_t)p->id,
	              "full_name", p->full_name, "family_name", p->family_name, "middle_name",
	              p->middle_name, "given_name", p->given_name, "sex", sx, "birth", b, "place",
	              p->place_code, "place_name", p->place_name, "hardship", (int)p->hardship);
	if (!o)
		return NULL;
	int age = birth_age_on(p->birth, on);
	json_object_set_new(o, "age", age >= 0 ? json_integer(age) : json_null());
	json_object_set_new(o, "citizen_id", nullable(p->citizen_id));
	json_object_set_new(o, "died_on", nullable(p->died_on));
	json_object_set_new(o, "merged_into",
	                    p->merged_into ? json_integer(p->merged_into) : json_null());
	return o;
}

json_t *persons_json(const struct person *v, size_t n, struct date on)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, person_json(&v[i], on));
	return a;
}

void api_persons(struct req *r)
{
	struct register_filter f;
	struct place pl;
	struct register_page pg;
	nct_err e = persons_filter(r, &f, &pl, 50);
	if (!e)
		e = register_list(&r->x, &f, &pg, &r->rf);
	if (resp_refused(r, e))
		return;
	char d[DATE_LEN];
	date_format(f.on, d);
	json_t *o =
	    json_pack("{s:s, s:I, s:b, s:I, s:I, s:o}", "date", d, "total", (json_int_t)pg.total,
	              "total_exact", !pg.more, "page", (json_int_t)(f.offset / f.limit + 1),
	              "per_page", (json_int_t)f.limit, "persons", persons_json(pg.v, pg.n, f.on));
	free(pg.v);
	resp_json(r, 200, o);
}

/* A person_new from the JSON body; false (r->rf says why) for a hardship that
 * is no whole number of its range. */
static bool person_new_from(struct req *r, struct person_new *in)
{
	long long h = 0;
	memset(in, 0, sizeof *in);
	if (!req_json_int(r, r->json, "hardship", 0, 31, &h))
		return false;
	in->full_name = body_str(r, "full_name");
	in->sex = body_str(r, "sex");
	in->birth = body_str(r, "birth");
	in->place_code = body_str(r, "place");
	in->hardship = (unsigned)h;
	in->citizen_id = body_str(r, "citizen_id");
	in->ethnicity = body_str(r, "ethnicity");
	in->died_on = body_str(r, "died_on");
	in->resident_since = body_str(r, "resident_since");
	return true;
}

/* 409 with the possible duplicates beside the error. */
static void duplicates_json(struct req *r, const struct person *v, size_t n, int64_t hidden)
{
	char msg[512];
	wording_refusal(&r->rf, r->lang, msg, sizeof msg);
	json_t *err = json_pack("{s:s, s:s, s:s, s:s}", "code", "conflict", "reason",
	                        refusal_reason(r->rf.code), "field", r->rf.field, "message", msg);
	resp_json(r, 409,
	          json_pack("{s:o, s:o, s:I}", "error", err, "duplicates",
	                    persons_json(v, n, date_today_vn()), "hidden", (json_int_t)hidden));
}

void api_person_create(struct req *r)
{
	struct person_new in;
	struct person *dups = NULL;
	size_t n = 0;
	int64_t hidden = 0, id = 0;
	if (!r->json) {
		resp_error(r, 400, "invalid", "a JSON body is required");
		return;
	}
	if (!person_new_from(r, &in)) {
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	bool confirm = json_is_true(json_object_get(r->json, "confirm_new"));
	nct_err e = register_add(&r->x, &in, confirm, &id, &dups, &n, &hidden, &r->rf);
	if (e == NCT_ERR_CONFLICT && r->rf.code == RF_POSSIBLE_DUPLICATES)
		duplicates_json(r, dups, n, hidden);
	else if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	free(dups);
}

/* The sensitive fields, for the roles that see them (audited by the domain). */
static nct_err add_sensitive(struct req *r, const struct person *p, json_t *o)
{
	struct person_sensitive s;
	nct_err e = person_sensitive(&r->x, p, date_today_vn(), &s);
	if (e == NCT_ERR_DENIED) /* not this reader's: left out */
		return NCT_OK;
	if (e)
		return e;
	json_object_set_new(o, "ethnicity",
	                    s.ethnicity.code[0] ? json_pack("{s:s, s:s}", "code", s.ethnicity.code,
	                                                    "name", s.ethnicity.name)
	                                        : json_null());
	json_object_set_new(o, "disability", nullable(s.disability));
	return NCT_OK;
}

/* A citizen ID kept with a warning: its prefix is no province's. */
static void add_id_warning(struct req *r, const struct person *p, json_t *o)
{
	bool listed = true;
	if (p->citizen_id[0] && citizen_id_prefix_listed(&r->x, p->citizen_id, &listed) == NCT_OK &&
	    citizen_id_check(p->citizen_id, p->sex, p->birth.year, listed) == CID_PREFIX_UNLISTED)
		json_object_set_new(o, "citizen_id_warning", json_string("prefix_unlisted"));
}

static void person_answer(struct req *r, const struct person *p, int status)
{
	json_t *o = person_json(p, date_today_vn());
	nct_err e = o ? add_sensitive(r, p, o) : NCT_ERR_NOMEM;
	if (e) {
		json_decref(o);
		resp_domain_error(r, e, NULL);
		return;
	}
	add_id_warning(r, p, o);
	resp_json(r, status, o);
}

void api_person(struct req *r)
{
	struct person p;
	if (route_person(r, &p))
		person_answer(r, &p, 200);
}

/* A member of the body: absent NULL, null "", else its text. */
static const char *edit_str(const struct req *r, const char *key)
{
	json_t *v = json_object_get(r->json, key);
	return !v ? NULL : json_is_null(v) ? "" : json_string_value(v) ? json_string_value(v) : "";
}

void api_person_update(struct req *r)
{
	struct person p;
	if (!r->json) {
		resp_error(r, 400, "invalid", "a JSON body is required");
		return;
	}
	if (!route_person(r, &p))
		return;
	struct person_edit in = {edit_str(r, "full_name"), edit_str(r, "sex"),
	                         edit_str(r, "birth"),     edit_str(r, "citizen_id"),
	                         edit_str(r, "ethnicity"), edit_str(r, "died_on"),
	                         edit_str(r, "place")};
	nct_err e = person_correct(&r->x, p.id, &in, &r->rf);
	if (!e)
		e = person_get(&r->x, p.id, &p);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		person_answer(r, &p, 200);
}

static json_t *fact_json(const struct person_fact *f)
{
	if (!f->id)
		return json_null();
	json_t *o = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)f->id, "kind", f->kind,
	                      "value", f->value, "from", nullable(f->from));
	if (o && f->place_id)
		json_object_set_new(o, "place_name", json_string(f->place_name));
	if (o && f->has_amount)
		json_object_set_new(o, "amount", json_integer(f->amount));
	if (o && f->note[0])
		json_object_set_new(o, "note", json_string(f->note));
	if (o && f->retracted)
		json_object_set_new(
		    o, "retracted",
		    json_pack("{s:s, s:s}", "reason", f->retract_reason, "at", f->retracted_at));
	return o;
}

static nct_err add_history(struct req *r, const struct person *p, json_t *o)
{
	struct person_fact *v = NULL;
	size_t n = 0;
	bool withheld;
	nct_err e = person_fact_history(&r->x, p, &v, &n, &withheld);
	json_t *a = json_array();
	for (size_t i = 0; !e && a && i < n; i++)
		json_array_append_new(a, fact_json(&v[i]));
	free(v);
	json_object_set_new(o, "history", a);
	return e;
}

void api_person_facts(struct req *r)
{
	struct person p;
	struct facts_on fo;
	struct date on;
	const char *d = req_arg(r, "date");
	if (d && d[0] && date_parse_vn(d, &on)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_DAY_FORMAT, "date");
		return;
	}
	if (!d || !d[0])
		on = date_today_vn();
	if (!route_person(r, &p))
		return;
	nct_err e = person_facts_on(&r->x, &p, on, &fo);
	json_t *facts = json_object(), *withheld = json_array();
	for (int k = 0; !e && fact_kinds[k]; k++) {
		if (fo.withheld && fact_sensitive(fact_kinds[k]))
			json_array_append_new(withheld, json_string(fact_kinds[k]));
		else
			json_object_set_new(facts, fact_kinds[k], fact_json(&fo.f[k]));
	}
	char day[DATE_LEN];
	date_format(on, day);
	json_t *o = json_pack("{s:I, s:s, s:o, s:o}", "person", (json_int_t)p.id, "date", day,
	                      "facts", facts, "withheld", withheld);
	if (!e && o && req_arg(r, "history"))
		e = add_history(r, &p, o);
	resp_json_or_failed(r, e, 200, o);
}

void api_person_fact_add(struct req *r)
{
	struct person p;
	int64_t id = 0;
	if (!r->json) {
		resp_error(r, 400, "invalid", "a JSON body is required");
		return;
	}
	if (!route_person(r, &p))
		return;
	json_t *amount = json_object_get(r->json, "amount");
	struct fact_new in = {body_str(r, "kind"),
	                      body_str(r, "value"),
	                      body_str(r, "from"),
	                      amount && !json_is_null(amount),
	                      0,
	                      body_str(r, "note")};
	if (in.has_amount && !json_is_integer(amount)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_FACT_AMOUNT, "amount");
		return;
	}
	in.amount = in.has_amount ? (int64_t)json_integer_value(amount) : 0;
	nct_err e = person_fact_add(&r->x, p.id, &in, &id, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_person_fact_retract(struct req *r)
{
	struct person p;
	if (!route_person(r, &p))
		return;
	int64_t fact = route_number(r->params[1]);
	nct_err e = person_fact_retract(&r->x, p.id, fact, body_str(r, "reason"), &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 200, json_pack("{s:I}", "retracted", (json_int_t)fact));
}

void api_person_merge(struct req *r)
{
	struct person p;
	if (!route_person(r, &p))
		return;
	int64_t dup = 0;
	if (!req_id(r, "duplicate", &dup)) {
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	nct_err e = person_merge(&r->x, p.id, dup, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 200,
		          json_pack("{s:I, s:I}", "survivor", (json_int_t)p.id, "merged",
		                    (json_int_t)dup));
}

void api_person_export(struct req *r)
{
	struct person p;
	char *json = NULL, cd[96];
	if (!route_person(r, &p))
		return;
	nct_err e = person_export(&r->x, &p, &json, &r->rf);
	if (resp_refused(r, e))
		return;
	buf_adds(&r->out, json);
	buf_addc(&r->out, '\n');
	free(json);
	snprintf(cd, sizeof cd, "attachment; filename=\"person-%lld.json\"", (long long)p.id);
	resp_header(r, "Content-Disposition", cd);
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
}

void api_ethnic_groups(struct req *r)
{
	struct ethnic_group *v = NULL;
	size_t n = 0;
	nct_err e = ethnic_list(&r->x, &v, &n);
	if (resp_failed(r, e))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", v[i].code,
		                                   "name", v[i].name, "name_1979", v[i].name_1979,
		                                   "code_gso_2008", v[i].code_gso_2008,
		                                   "kon_tum_indigenous", v[i].kon_tum_indigenous));
	free(v);
	resp_json(r, 200, json_pack("{s:o}", "ethnic_groups", a));
}

static json_t *designation_json(const struct designation *d)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)d->id, "place",
	                 d->place_code, "place_name", d->place_name, "kind", d->kind, "valid_from",
	                 d->valid_from, "valid_to", nullable(d->valid_to), "source", d->source);
}

/* ?place=CODE: that place's designations and whether it is designated on
 * ?date= (default today) through itself, its commune or a predecessor. */
void api_designations(struct req *r)
{
	struct designation *v = NULL;
	size_t n = 0;
	struct place pl = {0};
	struct date on = date_today_vn();
	const char *code = req_arg(r, "place"), *d = req_arg(r, "date");
	if (d && d[0] && date_parse_vn(d, &on)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_DAY_FORMAT, "date");
		return;
	}
	nct_err e = code && code[0] ? place_get(&r->x, code, on, &pl) : NCT_OK;
	if (e) {
		route_place_error(r, e, code);
		return;
	}
	struct designation_answer a = {0};
	e = designation_list(&r->x, pl.id, &v, &n);
	if (!e && pl.id)
		e = place_designated(&r->x, pl.id, "especially_difficult", on, &a);
	json_t *arr = json_array();
	for (size_t i = 0; !e && arr && i < n; i++)
		json_array_append_new(arr, designation_json(&v[i]));
	free(v);
	json_t *o = json_pack("{s:o}", "designations", arr);
	if (o && pl.id)
		json_object_set_new(o, "especially_difficult",
		                    json_pack("{s:b, s:b, s:o, s:o}", "yes", a.yes, "partial",
		                              a.partial, "via", nullable(a.via), "by",
		                              a.yes ? designation_json(&a.by) : json_null()));
	resp_json_or_failed(r, e, 200, o);
}

void api_designation_add(struct req *r)
{
	int64_t id = 0;
	struct designation_new in = {body_str(r, "place"), body_str(r, "kind"),
	                             body_str(r, "valid_from"), body_str(r, "valid_to"),
	                             body_str(r, "source")};
	nct_err e = designation_add(&r->x, &in, &id, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* api_plans.c - /api/v1/plans, /obligations, /submissions, /completeness and
 * /inbox: the same domain calls as the plan pages and the inbox. */
#include <stdlib.h>
#include <string.h>

#include "../domain/obligation.h"
#include "../domain/plan.h"
#include "../domain/plan_basis.h"
#include "../domain/plan_doc.h"
#include "../domain/plan_target.h"
#include "../domain/rollup.h"
#include "../domain/submission.h"
#include "../export/plan_file.h"
#include "api_plans.h"
#include "html.h"

bool route_id(const char *s, int64_t *id)
{
	char *end;
	if (!s || *s < '1' || *s > '9' || strlen(s) > 18)
		return false;
	long long v = strtoll(s, &end, 10);
	*id = (int64_t)v;
	return *end == '\0' && v > 0;
}

static json_t *str_or_null(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

/* ------------------------------------------------------------- plans */

const struct refusal *plan_unknown(struct req *r)
{
	refuse(&r->rf, NCT_ERR_NOTFOUND, RF_PLAN_UNKNOWN, NULL, "s", r->params[0]);
	return &r->rf;
}

bool plan_refused(struct req *r, nct_err e)
{
	if (e)
		resp_refusal(r, e, e == NCT_ERR_NOTFOUND ? plan_unknown(r) : NULL);
	return e != NCT_OK;
}

static json_t *plan_json(const struct plan *p)
{
	return json_pack("{s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i}", "id", p->slug,
	                 "code", str_or_null(p->code), "title", p->title, "title_en", p->title_en,
	                 "issuer", p->issuer, "date", p->date, "effective_from", p->effective_from,
	                 "effective_to", p->effective_to, "areas", p->areas, "items", p->items);
}

void api_plans(struct req *r)
{
	struct plan *v = NULL;
	size_t n = 0;
	if (resp_failed(r, plan_list(&r->x, &v, &n)))
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, plan_json(&v[i]));
	free(v);
	resp_json(r, 200, json_pack("{s:o}", "plans", a));
}

static json_t *codes_json(char (*codes)[ORG_CODE_LEN], size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(codes[i]));
	return a;
}

static json_t *sections_json(struct req *r, int64_t plan_id, enum section_kind kind, nct_err *e)
{
	struct plan_section *s = NULL;
	struct plan_item *it = NULL;
	size_t ns = 0, ni = 0;
	json_t *a = json_array();
	*e = plan_sections(&r->x, plan_id, kind, &s, &ns);
	if (!*e)
		*e = plan_items(&r->x, plan_id, kind, &it, &ni);
	for (size_t k = 0; !*e && k < ns; k++) {
		json_t *items = json_array();
		for (size_t i = 0; i < ni; i++) {
			if (it[i].section_id != s[k].id)
				continue;
			json_array_append_new(
			    items, json_pack("{s:I, s:i, s:s, s:o, s:o, s:o, s:o}", "id",
			                     (json_int_t)it[i].id, "n", it[i].n, "text", it[i].text,
			                     "lead", codes_json(it[i].lead, it[i].nlead),
			                     "cooperating", codes_json(it[i].coop, it[i].ncoop),
			                     "deadline_before", str_or_null(it[i].deadline),
			                     "retired_on", str_or_null(it[i].retired)));
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o}", "code", s[k].code,
		                                   "heading", s[k].heading, "retired_on",
		                                   str_or_null(s[k].retired), "items", items));
	}
	free(s);
	free(it);
	return a;
}

static json_t *obligation_json(const struct obligation *ob)
{
	return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i}", "id",
	                 (json_int_t)ob->id, "plan", ob->plan_slug, "line", str_or_null(ob->line),
	                 "name", ob->name, "to", ob->to, "period_kind", ob->period_kind,
	                 "first_period", str_or_null(ob->first_period), "last_period",
	                 str_or_null(ob->last_period), "due", str_or_null(ob->due), "window",
	                 str_or_null(ob->window), "reporters", ob->nreporters);
}

void api_plan(struct req *r)
{
	struct plan p;
	nct_err e = plan_get(&r->x, r->params[0], &p);
	if (plan_refused(r, e))
		return;
	json_t *o = plan_json(&p);
	json_object_set_new(o, "legal_bases", plan_bases_json(r, p.id, &e));
	if (!e)
		json_object_set_new(o, "areas", sections_json(r, p.id, SECTION_AREA, &e));
	if (!e)
		json_object_set_new(o, "duties", sections_json(r, p.id, SECTION_DUTY, &e));
	struct obligation *v = NULL;
	size_t n = 0;
	if (!e)
		e = obligation_list(&r->x, p.id, &v, &n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, obligation_json(&v[i]));
	free(v);
	json_object_set_new(o, "obligations", a);
	resp_json_or_failed(r, e, 200, o);
}

void api_plan_file(struct req *r)
{
	json_t *doc = NULL;
	nct_err e = plan_export(&r->x, r->params[0], &doc);
	if (plan_refused(r, e))
		return;
	char *text = plan_file_text(doc);
	json_decref(doc);
	if (!text) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return;
	}
	r->ctype = "application/json; charset=utf-8";
	buf_adds(&r->out, text);
	free(text);
	r->status = 200;
}

/* ------------------------------------------------------------- editing plans */

bool plan_to_change(struct req *r, struct plan *p)
{
	nct_err e = plan_get(&r->x, r->params[0], p);
	if (!e && access_plan(&r->x, p))
		e = refuse(&r->rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (e)
		resp_refusal(r, e, e == NCT_ERR_NOTFOUND ? plan_unknown(r) : &r->rf);
	return !e;
}

/* name of the JSON body: given (a string, or null meaning "") or absent. */
static const char *json_field(const struct req *r, const char *name, bool *given)
{
	const json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	*given = v != NULL;
	return json_is_string(v) ? json_string_value(v) : v ? "" : NULL;
}

/* Codes as a JSON array, or a form's text ("KT-SYT, KT-SVHTTDL") cut at
 * commas and spaces into buf. false, with r->rf, for more than PLAN_UNITS_MAX. */
static bool codes_in(struct req *r, const char *name, const char **out, size_t *n, char *buf,
                     size_t len, bool *given)
{
	const json_t *a = r->json ? json_object_get(r->json, name) : NULL;
	size_t i;
	const json_t *c;
	*n = 0;
	*given = a != NULL;
	if (json_is_array(a)) {
		json_array_foreach(a, i, c)
		{
			if (*n == PLAN_UNITS_MAX)
				break;
			out[(*n)++] = json_is_string(c) ? json_string_value(c) : "";
		}
		if (json_array_size(a) <= PLAN_UNITS_MAX)
			return true;
	} else if (json_is_string(a)) { /* one code */
		out[(*n)++] = json_string_value(a);
		return true;
	} else {
		const char *t = r->json ? NULL : req_arg(r, name);
		*given = *given || t != NULL;
		text_copy(buf, len, t ? t : "");
		for (char *p = buf; *p;) {
			while (*p == ',' || *p == ' ' || *p == ';' || *p == '\n' || *p == '\r')
				*p++ = '\0';
			if (!*p)
				break;
			if (*n == PLAN_UNITS_MAX) {
				*n = PLAN_UNITS_MAX + 1;
				break;
			}
			out[(*n)++] = p;
			while (*p && *p != ',' && *p != ' ' && *p != ';' && *p != '\n' &&
			       *p != '\r')
				p++;
		}
		if (*n <= PLAN_UNITS_MAX)
			return true;
	}
	refuse(&r->rf, NCT_ERR_INVALID, RF_TOO_MANY, name, "n", (int64_t)PLAN_UNITS_MAX);
	return false;
}

bool plan_item_input(struct req *r, const struct plan_item *old, struct plan_item_in *in,
                     struct plan_item_input *b)
{
	bool given;
	memset(in, 0, sizeof *in);
	in->section = r->json ? json_field(r, "section", &given) : req_arg(r, "section");
	in->text = r->json ? json_field(r, "text", &given) : req_arg(r, "text");
	if (old && !in->text)
		in->text = old->text;
	in->deadline = r->json ? json_field(r, "deadline_before", &given) : req_arg(r, "deadline");
	if (old && !in->deadline && r->json && !given)
		in->deadline = old->deadline;
	if (!codes_in(r, "lead", in->lead, &in->nlead, b->lead, sizeof b->lead, &given))
		return false;
	for (size_t i = 0; old && !given && i < old->nlead; i++)
		in->lead[in->nlead++] = old->lead[i];
	if (!codes_in(r, "cooperating", in->coop, &in->ncoop, b->coop, sizeof b->coop, &given))
		return false;
	for (size_t i = 0; old && !given && i < old->ncoop; i++)
		in->coop[in->ncoop++] = old->coop[i];
	return true;
}

static json_t *item_json(const struct plan_item *it)
{
	return json_pack("{s:I, s:s, s:i, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)it->id,
	                 "section", it->section_code, "n", it->n, "text", it->text, "lead",
	                 codes_json((char(*)[ORG_CODE_LEN])it->lead, it->nlead), "cooperating",
	                 codes_json((char(*)[ORG_CODE_LEN])it->coop, it->ncoop), "deadline_before",
	                 str_or_null(it->deadline), "retired_on", str_or_null(it->retired));
}

/* Answers with item id of p as it is now, status 200 or 201. */
static void item_answer(struct req *r, const struct plan *p, int64_t id, int status)
{
	struct plan_item *it = malloc(sizeof *it);
	nct_err e = it ? plan_item_get(&r->x, p->id, id, it) : NCT_ERR_NOMEM;
	if (e)
		resp_domain_error(r, e, NULL);
	else
		resp_json(r, status, item_json(it));
	free(it);
}

void plan_header_input(struct req *r, struct plan_header_in *in, bool all)
{
	static const char *const names[] = {"code", "title",          "title_en",    "issuer",
	                                    "date", "effective_from", "effective_to"};
	const char **f[] = {&in->code, &in->title,          &in->title_en,    &in->issuer,
	                    &in->date, &in->effective_from, &in->effective_to};
	bool g;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		/* a form's date is "doc_date": "date" is read as dd/mm/yyyy */
		const char *v = r->json ? json_field(r, names[i], &g)
		                        : req_arg(r, i == 4 ? "doc_date" : names[i]);
		*f[i] = v ? v : all ? "" : NULL;
	}
}

void api_plan_create(struct req *r)
{
	struct plan p;
	struct plan_header_in in;
	bool g;
	if (!json_is_object(r->json)) {
		resp_error(r, 400, "invalid",
		           tr(r,
		              "Hãy gửi tệp kế hoạch dạng JSON (docs/plans.md), hoặc thông tin "
		              "chung của kế hoạch mới.",
		              "Send the plan file as JSON (docs/plans.md), or the new plan's "
		              "details."));
		return;
	}
	nct_err e;
	if (json_object_get(r->json, "format")) /* a plan file */
		e = plan_import(&r->x, r->json, &p, &r->rf);
	else {
		plan_header_input(r, &in, true);
		e = plan_create(&r->x, json_field(r, "id", &g), &in, &p, &r->rf);
	}
	if (resp_refused(r, e))
		return;
	resp_json(r, 201, plan_json(&p));
}

void api_plan_update(struct req *r)
{
	struct plan p;
	struct plan_header_in in;
	if (!plan_to_change(r, &p))
		return;
	plan_header_input(r, &in, false);
	nct_err e = plan_update(&r->x, &p, &in, &r->rf);
	if (resp_refused(r, e))
		return;
	resp_json(r, 200, plan_json(&p));
}

bool plan_item_of_route(struct req *r, const struct plan *p, struct plan_item *it)
{
	int64_t id = 0;
	nct_err e =
	    route_id(r->params[1], &id) ? plan_item_get(&r->x, p->id, id, it) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		refuse(&r->rf, e, RF_ITEM_UNKNOWN, NULL, "i", id);
	if (e)
		resp_refusal(r, e, &r->rf);
	return !e;
}

void api_plan_item_save(struct req *r)
{
	struct plan p;
	struct plan_item_in in;
	struct plan_item_input b;
	struct plan_item *old = NULL;
	int64_t id = 0;
	if (!plan_to_change(r, &p))
		return;
	if (r->nparams > 1) {
		old = malloc(sizeof *old);
		if (!old) {
			resp_domain_error(r, NCT_ERR_NOMEM, NULL);
			return;
		}
		if (!plan_item_of_route(r, &p, old)) {
			free(old);
			return;
		}
	}
	nct_err e = plan_item_input(r, old, &in, &b) ? NCT_OK : NCT_ERR_INVALID;
	if (!e)
		e = plan_item_save(&r->x, &p, old ? old->id : 0, &in, &id, &r->rf);
	bool added = !old;
	free(old);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		item_answer(r, &p, id, added ? 201 : 200);
}

void api_plan_item_retire(struct req *r)
{
	struct plan p;
	bool g;
	if (!plan_to_change(r, &p))
		return;
	struct plan_item *it = malloc(sizeof *it);
	if (!it) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return;
	}
	nct_err e = plan_item_of_route(r, &p, it) ? NCT_OK : NCT_ERR_NOTFOUND;
	int64_t id = it->id;
	free(it);
	if (e)
		return;
	e = plan_item_retire(&r->x, &p, id, json_field(r, "retired_on", &g), &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		item_answer(r, &p, id, 200);
}

static void area_answer(struct req *r, const struct plan *p, const char *code, int status)
{
	struct plan_section *s = NULL;
	size_t n = 0;
	nct_err e = plan_sections(&r->x, p->id, SECTION_AREA, &s, &n);
	for (size_t i = 0; !e && i < n; i++)
		if (strcmp(s[i].code, code) == 0) {
			resp_json(r, status,
			          json_pack("{s:s, s:s, s:o}", "code", s[i].code, "heading",
			                    s[i].heading, "retired_on", str_or_null(s[i].retired)));
			free(s);
			return;
		}
	free(s);
	resp_domain_error(r, e ? e : NCT_ERR_NOTFOUND, NULL);
}

void api_plan_area_save(struct req *r)
{
	struct plan p;
	bool g;
	if (!plan_to_change(r, &p))
		return;
	struct plan_area_in in = {.code = json_field(r, "code", &g),
	                          .heading = json_field(r, "heading", &g)};
	const char *code = r->nparams > 1 ? r->params[1] : NULL;
	nct_err e = plan_area_save(&r->x, &p, code, &in, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		area_answer(r, &p, code ? code : in.code, code ? 200 : 201);
}

void api_plan_area_retire(struct req *r)
{
	struct plan p;
	bool g;
	if (!plan_to_change(r, &p))
		return;
	nct_err e =
	    plan_area_retire(&r->x, &p, r->params[1], json_field(r, "retired_on", &g), &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		area_answer(r, &p, r->params[1], 200);
}

/* ------------------------------------------------------------- obligations */

void api_obligation_create(struct req *r)
{
	const char *reps[OBLIGATION_LIST_MAX / 100];
	size_t n = 0, i;
	json_t *c, *list = r->json ? json_object_get(r->json, "reporters") : NULL;
	json_array_foreach(list, i, c)
	{
		if (n < sizeof reps / sizeof reps[0])
			reps[n++] = json_is_string(c) ? json_string_value(c) : "";
	}
	if (json_array_size(list) > sizeof reps / sizeof reps[0]) {
		resp_refusal(r,
		             refuse(&r->rf, NCT_ERR_INVALID, RF_TOO_MANY, "reporters", "n",
		                    (int64_t)(sizeof reps / sizeof reps[0])),
		             &r->rf);
		return;
	}
	struct obligation_new in = {.name = req_input(r, "name"),
	                            .reporters = reps,
	                            .nreporters = n,
	                            .to = req_input(r, "to"),
	                            .period_kind = req_input(r, "period_kind"),
	                            .first_period = req_input(r, "first_period"),
	                            .last_period = req_input(r, "last_period"),
	                            .due = req_input(r, "due"),
	                            .window = req_input(r, "window")};
	int64_t id;
	struct obligation ob;
	nct_err e = obligation_create(&r->x, req_input(r, "plan"), &in, &id, &r->rf);
	if (!e)
		e = obligation_get(&r->x, id, &ob);
	if (resp_refused(r, e))
		return;
	resp_json(r, 201, obligation_json(&ob));
}

static bool route_obligation(struct req *r, struct obligation *ob)
{
	int64_t id;
	nct_err e = route_id(r->params[0], &id) ? obligation_get(&r->x, id, ob) : NCT_ERR_NOTFOUND;
	if (e)
		resp_domain_error(r, e, NULL);
	return !e;
}

static json_t *period_json(const struct ob_period *p)
{
	char f[DATE_LEN] = "", t[DATE_LEN] = "", d[DATE_LEN];
	if (p->has_window) {
		date_format(p->from, f);
		date_format(p->to, t);
	}
	date_format(p->due_before, d);
	return json_pack("{s:s, s:o, s:o, s:s}", "period", p->period, "window_from", str_or_null(f),
	                 "window_to", str_or_null(t), "due_before", d);
}

void api_obligation(struct req *r)
{
	struct obligation ob;
	if (!route_obligation(r, &ob))
		return;
	struct ob_period *v = NULL;
	size_t n = 0;
	nct_err e = obligation_periods(&r->x, &ob, &v, &n);
	if (resp_failed(r, e))
		return;
	json_t *o = obligation_json(&ob), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, period_json(&v[i]));
	free(v);
	json_object_set_new(o, "periods", a);
	resp_json(r, 200, o);
}

static json_t *reporter_json(const struct reporter *p)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b}", "kind", p->kind == 'p' ? "place" : "org",
	                 "code", p->code, "name", p->name, "stands_for", p->stands_for, "ended",
	                 p->ended);
}

void api_obligation_period(struct req *r)
{
	struct obligation ob;
	struct ob_period p;
	struct org recv;
	if (!route_obligation(r, &ob))
		return;
	nct_err e = obligation_period(&r->x, &ob, r->params[1], &p, &r->rf);
	if (resp_refused(r, e))
		return;
	struct reporter *v = NULL;
	size_t n = 0;
	if ((e = obligation_reporters(&r->x, &ob, &p, &v, &n))) {
		resp_domain_error(r, e, NULL);
		return;
	}
	json_t *o = period_json(&p), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, reporter_json(&v[i]));
	free(v);
	json_object_set_new(o, "receiver",
	                    obligation_receiver(&r->x, &ob, &p, &recv) == NCT_OK
	                        ? json_string(recv.code)
	                        : json_null());
	json_object_set_new(o, "reporters", a);
	resp_json(r, 200, o);
}

/* ------------------------------------------------------------- submissions */

static json_t *submission_json(const struct submission *s)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s,"
	                 " s:o, s:o, s:o, s:o, s:o}",
	                 "id", (json_int_t)s->id, "obligation", (json_int_t)s->obligation_id,
	                 "plan", s->plan_slug, "line", str_or_null(s->line), "period", s->period,
	                 "due_before", s->due_before, "reporter", s->reporter_code, "reporter_name",
	                 s->reporter_name, "stands_for", s->stands_for, "receiver",
	                 s->receiver_code, "receiver_name", s->receiver_name, "status", s->status,
	                 "paper", s->paper, "created_at", s->created_at, "submitted_at",
	                 str_or_null(s->submitted_at), "first_submitted_at",
	                 str_or_null(s->first_at), "on_time",
	                 s->days_late < 0 ? json_null() : json_boolean(s->days_late == 0),
	                 "days_late", s->days_late < 0 ? json_null() : json_integer(s->days_late),
	                 "comment", str_or_null(s->comment));
}

static json_t *items_json(const struct submission_item *it, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *lead = json_array();
		for (size_t k = 0; k < it[i].item.nlead; k++)
			json_array_append_new(lead, json_string(it[i].item.lead[k]));
		json_array_append_new(a, json_pack("{s:I, s:s, s:i, s:s, s:o, s:s, s:s}", "item",
		                                   (json_int_t)it[i].item.id, "section",
		                                   it[i].item.section_code, "n", it[i].item.n,
		                                   "text", it[i].item.text, "lead", lead, "status",
		                                   it[i].status, "progress", it[i].progress));
	}
	return a;
}

static json_t *values_json(struct req *r, const struct submission_value *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:o, s:o, s:b}", "indicator", v[i].def.code, "name",
		    tr(r, v[i].def.vi, v[i].def.en), "unit", v[i].def.share ? "permille" : "count",
		    "value", v[i].has_value ? json_integer(v[i].value) : json_null(), "computed",
		    v[i].has_computed ? json_integer(v[i].computed) : json_null(), "is_computed",
		    v[i].has_value && v[i].has_computed && v[i].value == v[i].computed);
		if (v[i].def.share) {
			json_object_set_new(o, "numerator",
			                    v[i].has_fraction ? json_integer(v[i].numerator)
			                                      : json_null());
			json_object_set_new(o, "denominator",
			                    v[i].has_fraction ? json_integer(v[i].denominator)
			                                      : json_null());
		}
		json_array_append_new(a, o);
	}
	return a;
}

static void answer_submission(struct req *r, int status, int64_t id)
{
	struct submission s;
	struct submission_step *st = NULL;
	size_t n = 0;
	nct_err e = submission_get(&r->x, id, &s);
	if (!e)
		e = submission_steps(&r->x, id, &st, &n);
	if (resp_failed(r, e))
		return;
	json_t *o = submission_json(&s), *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o}", "at", st[i].at, "step",
		                                   st[i].step, "by", str_or_null(st[i].username),
		                                   "comment", str_or_null(st[i].comment)));
	free(st);
	json_object_set_new(o, "steps", a);
	struct submission_item *items = NULL;
	struct submission_value *vals = NULL;
	size_t ni = 0, nv = 0;
	e = submission_content(&r->x, id, &items, &ni, &vals, &nv);
	if (e) {
		json_decref(o);
		resp_domain_error(r, e, NULL);
		return;
	}
	json_object_set_new(o, "items", items_json(items, ni));
	json_object_set_new(o, "values", values_json(r, vals, nv));
	free(items);
	free(vals);
	resp_json(r, status, o);
}

/* {"obligation": ID} as a JSON integer or text. */
static int64_t body_id(const struct req *r, const char *name)
{
	json_t *v = r->json ? json_object_get(r->json, name) : NULL;
	int64_t id = 0;
	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	return route_id(req_input(r, name), &id) ? id : 0;
}

void api_submission_create(struct req *r)
{
	int64_t id, ob = body_id(r, "obligation");
	if (ob <= 0) {
		resp_error(r, 400, "invalid",
		           tr(r, "Hãy nêu obligation (số của nghĩa vụ báo cáo).",
		              "Give obligation (the number of a reporting obligation)."));
		return;
	}
	nct_err e = submission_create(&r->x, ob, req_input(r, "period"), req_input(r, "reporter"),
	                              &id, &r->rf);
	if (resp_refused(r, e))
		return;
	answer_submission(r, 201, id);
}

void api_submission(struct req *r)
{
	int64_t id;
	if (!route_id(r->params[0], &id)) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	answer_submission(r, 200, id);
}

enum step { STEP_SUBMIT, STEP_RETURN, STEP_ACCEPT };

static void step(struct req *r, enum step s)
{
	int64_t id;
	nct_err e = NCT_ERR_NOTFOUND;
	if (route_id(r->params[0], &id)) {
		if (s == STEP_SUBMIT)
			e = submission_submit(&r->x, id, req_input(r, "received_at"), &r->rf);
		else if (s == STEP_RETURN)
			e = submission_return(&r->x, id, req_input(r, "comment"), &r->rf);
		else
			e = submission_accept(&r->x, id, &r->rf);
	}
	if (resp_refused(r, e))
		return;
	answer_submission(r, 200, id);
}

/* A value as text: a JSON integer, a string as given, null as "" (cleared). */
static const char *value_text(json_t *v, char *buf, size_t len)
{
	if (json_is_integer(v)) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_real(v)) {
		snprintf(buf, len, "%g", json_real_value(v));
		return buf;
	}
	return json_is_null(v) ? "" : "?";
}

void api_submission_save(struct req *r)
{
	int64_t id;
	if (!route_id(r->params[0], &id)) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	json_t *items = r->json ? json_object_get(r->json, "items") : NULL;
	json_t *values = r->json ? json_object_get(r->json, "values") : NULL;
	size_t ni = json_is_array(items) ? json_array_size(items) : 0;
	size_t nv = json_is_object(values) ? json_object_size(values) : 0;
	if (ni > SUBMISSION_ITEMS_MAX || nv > SUBMISSION_VALUES_MAX) {
		resp_refusal(r,
		             refuse(&r->rf, NCT_ERR_INVALID, RF_TOO_MANY, NULL, "n",
		                    (int64_t)SUBMISSION_ITEMS_MAX),
		             &r->rf);
		return;
	}
	struct item_in *in = calloc(ni ? ni : 1, sizeof *in);
	struct value_in *vin = calloc(nv ? nv : 1, sizeof *vin);
	char(*num)[24] = calloc(nv ? nv : 1, sizeof *num);
	nct_err e = in && vin && num ? NCT_OK : NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < ni; i++) {
		json_t *o = json_array_get(items, i), *item = json_object_get(o, "item");
		json_t *st = json_object_get(o, "status"), *pr = json_object_get(o, "progress");
		in[i].item_id = json_is_integer(item) ? (int64_t)json_integer_value(item) : 0;
		in[i].status = json_is_string(st) ? json_string_value(st) : NULL;
		in[i].progress = json_is_string(pr) ? json_string_value(pr) : NULL;
	}
	const char *key;
	json_t *val;
	size_t k = 0;
	if (!e && nv)
		json_object_foreach(values, key, val)
		{
			vin[k].indicator = key;
			vin[k].value = value_text(val, num[k], sizeof num[k]);
			k++;
		}
	if (!e)
		e = submission_save(&r->x, id, in, ni, vin, nv, &r->rf);
	free(in);
	free(vin);
	free(num);
	if (resp_refused(r, e))
		return;
	answer_submission(r, 200, id);
}

void api_submission_submit(struct req *r)
{
	step(r, STEP_SUBMIT);
}

void api_submission_return(struct req *r)
{
	step(r, STEP_RETURN);
}

void api_submission_accept(struct req *r)
{
	step(r, STEP_ACCEPT);
}

void api_completeness(struct req *r)
{
	int64_t id = 0;
	struct completeness c;
	if (!route_id(req_arg(r, "obligation"), &id)) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Hãy nêu ?obligation=SỐ&period=KỲ.", "Give ?obligation=ID&period=P."));
		return;
	}
	nct_err e = completeness_of(&r->x, id, req_arg(r, "period"), &c, &r->rf);
	if (resp_refused(r, e))
		return;
	json_t *rows = json_array();
	for (size_t i = 0; i < c.nrows; i++) {
		json_t *o = reporter_json(&c.rows[i].r);
		json_object_set_new(o, "submission",
		                    c.rows[i].submission_id ? json_integer(c.rows[i].submission_id)
		                                            : json_null());
		json_object_set_new(o, "status", str_or_null(c.rows[i].status));
		json_object_set_new(o, "days_late",
		                    c.rows[i].days_late < 0 ? json_null()
		                                            : json_integer(c.rows[i].days_late));
		json_array_append_new(rows, o);
	}
	json_t *o = period_json(&c.period);
	json_object_set_new(o, "obligation", json_integer(id));
	json_object_set_new(o, "receiver", str_or_null(c.receiver_code));
	json_object_set_new(
	    o, "figures",
	    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "expected", (json_int_t)c.expected,
	              "submitted", (json_int_t)c.submitted, "on_time", (json_int_t)c.on_time,
	              "late", (json_int_t)c.late, "missing", (json_int_t)c.missing, "accepted",
	              (json_int_t)c.accepted, "completeness_permille", (json_int_t)c.permille));
	json_object_set_new(o, "reporters", rows);
	completeness_free(&c);
	resp_json(r, 200, o);
}

bool inbox_read(struct req *r, struct date *on, struct inbox_row **owed, size_t *no,
                struct submission **review, size_t *nr)
{
	*owed = NULL;
	*review = NULL;
	*no = *nr = 0;
	if (!req_date(r, on)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
		return false;
	}
	nct_err e = inbox_of(&r->x, *on, owed, no, review, nr);
	if (e) {
		resp_domain_error(r, e, NULL);
		return false;
	}
	return true;
}

void api_inbox(struct req *r)
{
	struct date on;
	struct inbox_row *owed;
	struct submission *review;
	size_t no, nr;
	if (!inbox_read(r, &on, &owed, &no, &review, &nr))
		return;
	json_t *a = json_array(), *b = json_array();
	for (size_t i = 0; i < no; i++)
		json_array_append_new(
		    a,
		    json_pack(
		        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:o}",
		        "obligation", (json_int_t)owed[i].obligation_id, "plan", owed[i].plan_slug,
		        "plan_number", owed[i].plan_key, "line", owed[i].line, "name", owed[i].name,
		        "period", owed[i].period, "due_before", owed[i].due_before, "reporter",
		        owed[i].reporter_code, "receiver",
		        owed[i].receiver_code[0]
		            ? json_pack("{s:s, s:s}", "code", owed[i].receiver_code, "name",
		                        owed[i].receiver_name)
		            : json_null(),
		        "submission",
		        owed[i].submission_id ? json_integer(owed[i].submission_id) : json_null(),
		        "status", str_or_null(owed[i].status), "overdue", owed[i].overdue,
		        "days_late",
		        owed[i].days_late < 0 ? json_null() : json_integer(owed[i].days_late)));
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(b, submission_json(&review[i]));
	free(owed);
	free(review);
	char d[DATE_LEN];
	date_format(on, d);
	resp_json(r, 200, json_pack("{s:s, s:o, s:o}", "date", d, "owed", a, "to_review", b));
}

static json_t *rollup_node_json(const struct rollup *ru, const struct rollup_node *n)
{
	json_t *v = json_object(), *sh = json_object();
	for (int i = 0; i < FIGURE_COUNT; i++) {
		json_object_set_new(v, ru->ind[i].code,
		                    n->has[i] ? json_integer(n->value[i]) : json_null());
		if (n->has[i] && ru->ind[i].share)
			json_object_set_new(
			    sh, ru->ind[i].code,
			    json_pack("{s:o, s:o, s:b}", "numerator",
			              n->weighted[i] ? json_integer(n->num[i]) : json_null(),
			              "denominator",
			              n->weighted[i] ? json_integer(n->den[i]) : json_null(),
			              "weighted", n->weighted[i]));
	}
	return json_pack("{s:{s:s, s:s, s:i}, s:I, s:I, s:o, s:o, s:o}", "place", "code",
	                 n->place.code, "name", n->place.name, "level", n->place.level, "expected",
	                 (json_int_t)n->expected, "reported", (json_int_t)n->reported, "submission",
	                 n->submission_id ? json_integer(n->submission_id) : json_null(), "values",
	                 v, "shares", sh);
}

void api_rollup(struct req *r)
{
	int64_t id = 0;
	struct rollup ru;
	if (!route_id(req_arg(r, "obligation"), &id)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Hãy nêu obligation (số của nghĩa vụ báo cáo).",
		              "Give obligation (the number of a reporting obligation)."));
		return;
	}
	const char *place = req_arg(r, "place");
	nct_err e = rollup_of(&r->x, id, req_arg(r, "period"), place && place[0] ? place : NULL,
	                      &ru, &r->rf);
	if (resp_refused(r, e))
		return;
	json_t *o = rollup_node_json(&ru, &ru.whole), *rows = json_array(), *t = json_object();
	for (size_t k = 0; k < ru.nrows; k++)
		json_array_append_new(rows, rollup_node_json(&ru, &ru.rows[k]));
	for (int i = 0; i < FIGURE_COUNT; i++) {
		const struct indicator *d = &ru.ind[i];
		if (!d->has_target)
			continue;
		json_object_set_new(
		    t, d->code,
		    json_pack("{s:o, s:o, s:s, s:o}", "min",
		              d->target.min >= 0 ? json_integer(d->target.min) : json_null(), "max",
		              d->target.max >= 0 ? json_integer(d->target.max) : json_null(), "by",
		              d->target.by, "met",
		              ru.whole.has[i] ? json_boolean(d->met) : json_null()));
	}
	json_object_set_new(o, "obligation", json_integer(id));
	json_object_set_new(o, "period", json_string(ru.period.period));
	json_object_set_new(o, "plan", json_string(ru.plan));
	json_object_set_new(o, "targets", t);
	json_object_set_new(o, "rows", rows);
	rollup_free(&ru);
	resp_json(r, 200, o);
}

/* ------------------------------------------------------------- legal bases */

void plan_basis_input(struct req *r, struct plan_basis_in *in)
{
	static const char *const names[] = {"relation",    "kind",       "text_number", "text_date",
	                                    "text_issuer", "text_title", "as_written"};
	const char **f[] = {&in->relation, &in->kind,  &in->number,    &in->date,
	                    &in->issuer,   &in->title, &in->as_written};
	bool g;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = r->json ? json_field(r, names[i], &g) : req_arg(r, names[i]);
		*f[i] = v ? v : "";
	}
}

static json_t *basis_json(const struct plan_basis *b)
{
	return json_pack("{s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "position", b->position,
	                 "relation", b->relation, "kind", b->kind, "text_number",
	                 str_or_null(b->number), "text_date", str_or_null(b->date), "text_issuer",
	                 str_or_null(b->issuer), "text_title", str_or_null(b->title), "as_written",
	                 b->as_written);
}

json_t *plan_bases_json(struct req *r, int64_t plan_id, nct_err *e)
{
	struct plan_basis *v = NULL;
	size_t n = 0;
	json_t *a = json_array();
	*e = plan_bases(&r->x, plan_id, &v, &n);
	for (size_t i = 0; !*e && i < n; i++)
		json_array_append_new(a, basis_json(&v[i]));
	free(v);
	return a;
}

bool plan_basis_of_route(struct req *r, const struct plan *p, struct plan_basis *b)
{
	int64_t pos = 0;
	struct plan_basis *v = NULL;
	size_t n = 0;
	nct_err e = NCT_ERR_NOTFOUND;
	if (route_id(r->params[1], &pos) && pos <= INT32_MAX &&
	    !(e = plan_bases(&r->x, p->id, &v, &n)))
		e = NCT_ERR_NOTFOUND;
	for (size_t i = 0; e == NCT_ERR_NOTFOUND && i < n; i++)
		if (v[i].position == pos) {
			*b = v[i];
			e = NCT_OK;
		}
	free(v);
	if (e == NCT_ERR_NOTFOUND)
		refuse(&r->rf, e, RF_BASIS_UNKNOWN, NULL, "i", pos);
	if (e)
		resp_refusal(r, e, &r->rf);
	return !e;
}

/* POST /api/v1/plans/{}/bases, PUT /api/v1/plans/{}/bases/{} */
void api_plan_basis_save(struct req *r)
{
	struct plan p;
	struct plan_basis old, *now = NULL;
	struct plan_basis_in in;
	int pos = 0;
	size_t n = 0;
	if (!plan_to_change(r, &p) || (r->nparams > 1 && !plan_basis_of_route(r, &p, &old)))
		return;
	plan_basis_input(r, &in);
	nct_err e =
	    plan_basis_save(&r->x, &p, r->nparams > 1 ? old.position : 0, &in, &pos, &r->rf);
	if (!e)
		e = plan_bases(&r->x, p.id, &now, &n);
	for (size_t i = 0; !e && i < n; i++)
		if (now[i].position == pos) {
			resp_json(r, r->nparams > 1 ? 200 : 201, basis_json(&now[i]));
			break;
		}
	free(now);
	if (e)
		resp_refusal(r, e, &r->rf);
}

/* DELETE /api/v1/plans/{}/bases/{} */
void api_plan_basis_remove(struct req *r)
{
	struct plan p;
	struct plan_basis old;
	if (!plan_to_change(r, &p) || !plan_basis_of_route(r, &p, &old))
		return;
	nct_err e = plan_basis_remove(&r->x, &p, old.position, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 200, json_pack("{s:i}", "removed", old.position));
}

/* ------------------------------------------------------------- an item's target */

json_t *plan_target_json(const struct plan_item_target *t)
{
	if (!t->id[0])
		return json_null();
	return json_pack("{s:s, s:s?, s:s, s:o, s:o, s:s, s:s}", "id", t->id, "indicator",
	                 t->indicator[0] ? t->indicator : NULL, "unit", t->unit, "min",
	                 t->min >= 0 ? json_integer(t->min) : json_null(), "max",
	                 t->max >= 0 ? json_integer(t->max) : json_null(), "by_date", t->by_date,
	                 "place_code", t->place_code);
}

/* The item of the route (of a plan x may change when change), its id in *id. */
static bool target_item(struct req *r, struct plan *p, int64_t *id, bool change)
{
	struct plan_item *it = malloc(sizeof *it);
	if (!it) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return false;
	}
	bool ok;
	if (change)
		ok = plan_to_change(r, p);
	else { /* a plan is read by every logged-in user */
		nct_err e = plan_get(&r->x, r->params[0], p);
		if (e)
			resp_refusal(r, e, e == NCT_ERR_NOTFOUND ? plan_unknown(r) : NULL);
		ok = !e;
	}
	ok = ok && plan_item_of_route(r, p, it);
	*id = it->id;
	free(it);
	return ok;
}

void api_plan_item_target(struct req *r)
{
	struct plan p;
	struct plan_item_target t;
	int64_t id = 0;
	if (!target_item(r, &p, &id, false))
		return;
	nct_err e = plan_item_target(&r->x, &p, id, &t);
	if (e)
		resp_domain_error(r, e, NULL);
	else
		resp_json(r, 200, json_pack("{s:o}", "target", plan_target_json(&t)));
}

/* A whole number of the body as text (NULL: null or left out; a string as given,
 * for the domain to refuse). */
static const char *json_whole(struct req *r, const char *key, char buf[24])
{
	const json_t *v = json_object_get(r->json, key);
	if (json_is_integer(v)) {
		snprintf(buf, 24, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return json_is_string(v) ? json_string_value(v) : json_is_null(v) || !v ? NULL : "?";
}

void api_plan_item_target_save(struct req *r)
{
	struct plan p;
	struct plan_item_target t;
	int64_t id = 0;
	char mn[24], mx[24];
	bool g;
	if (!target_item(r, &p, &id, true))
		return;
	struct plan_item_target_in in = {.indicator = json_field(r, "indicator", &g),
	                                 .min = json_whole(r, "min", mn),
	                                 .max = json_whole(r, "max", mx),
	                                 .by_date = json_field(r, "by_date", &g)};
	nct_err e = plan_item_target_save(&r->x, &p, id, &in, &t, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 200, json_pack("{s:o}", "target", plan_target_json(&t)));
}

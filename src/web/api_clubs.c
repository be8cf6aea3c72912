/* api_clubs.c - /api/v1/clubs: the same domain calls as
 * the club pages. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../domain/club.h"
#include "../domain/person.h"
#include "api.h"
#include "api_clubs.h"
#include "api_persons.h"
#include "lookup.h"
#include "page_programme.h"
#include "html.h"
#include "labels.h"

static json_t *club_json(const struct club *c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:i}", "code",
	                 c->code, "name", c->name, "kind", c->kind, "place", c->place_code,
	                 "place_name", c->place_name, "founded_on", c->founded_on, "cohort",
	                 c->cohort[0] ? c->cohort : NULL, "status", c->status[0] ? c->status : NULL,
	                 "status_since", c->status_since[0] ? c->status_since : NULL, "village",
	                 c->village_code[0] ? c->village_code : NULL, "members", c->members);
}

static json_t *share_json(const struct share *s)
{
	static const char *const bands[] = {"below", "within", "above"};
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:s, s:i, s:i}", "count", s->count, "total",
	                 s->total, "permille", s->permille, "min_pct", s->min_pct, "max_pct",
	                 s->max_pct, "band", bands[s->band + 1], "add_these", s->add_these,
	                 "add_others", s->add_others);
}

void api_clubs(struct req *r)
{
	struct date on;
	if (!api_date(r, &on))
		return;
	struct club_filter f = {req_input(r, "place"), req_input(r, "status"),
	                        req_input(r, "cohort"), req_input(r, "kind"), req_input(r, "q")};
	/* ?indicator=CODE: the clubs behind that figure of the programme's query */
	int64_t *ids = NULL;
	if (req_input(r, "indicator")) {
		struct indicator_query q;
		struct indicator_report *rep = malloc(sizeof *rep);
		nct_err e = rep ? NCT_OK : NCT_ERR_NOMEM;
		if (!e && !programme_query(r, &q)) {
			free(rep);
			return;
		}
		if (!e)
			e = indicator_clubs(&r->x, &q, req_input(r, "indicator"), rep, &ids,
			                    &f.nids);
		if (!e)
			on = rep->window.to;
		free(rep);
		if (e) {
			programme_error(r, e);
			return;
		}
		f.by_ids = true;
		f.ids = ids;
		f.place_code = NULL;
	}
	struct club *v = NULL;
	size_t n = 0;
	nct_err e = club_list(&r->x, &f, on, &v, &n);
	free(ids);
	if (e) {
		route_place_error(r, e, f.place_code);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, club_json(&v[i]));
	free(v);
	char d[DATE_LEN];
	date_format(on, d);
	resp_json(r, 200, json_pack("{s:s, s:o}", "date", d, "clubs", a));
}

void api_club_create(struct req *r)
{
	struct club_new in = {req_input(r, "code"),       req_input(r, "name"),
	                      req_input(r, "kind"),       req_input(r, "place"),
	                      req_input(r, "founded_on"), req_input(r, "village")};
	int64_t id;
	nct_err e = club_create(&r->x, &in, &id, &r->rf);
	struct club c;
	if (!e)
		e = club_get(&r->x, in.code, date_today_vn(), &c);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, club_json(&c));
}

void api_club(struct req *r)
{
	struct date on;
	struct club c;
	if (api_date(r, &on) && route_club(r, on, &c))
		resp_json(r, 200, club_json(&c));
}

static json_t *cells_json(const int v[CELLS])
{
	json_t *o = json_object();
	for (int k = 0; k < CELLS; k++)
		json_object_set_new(o, label_cell(k), json_integer(v[k]));
	return o;
}

/* The plan of composition.h: null when none exists. */
static json_t *plan_json(const struct composition_plan *p)
{
	if (!p->found)
		return json_null();
	json_t *swaps = json_array();
	for (int f = 0; f < CELLS; f++)
		for (int t = 0; t < CELLS; t++)
			if (p->swap[f][t])
				json_array_append_new(
				    swaps, json_pack("{s:s, s:s, s:i}", "from", label_cell(f), "to",
				                     label_cell(t), "count", p->swap[f][t]));
	return json_pack("{s:i, s:o, s:o, s:o, s:o}", "changes", p->changes, "add",
	                 cells_json(p->add), "remove", cells_json(p->remove), "swap", swaps,
	                 "after", cells_json(p->after));
}

void api_club_composition(struct req *r)
{
	struct date on;
	struct club c;
	struct composition k;
	if (!api_date(r, &on) || !route_club(r, on, &c))
		return;
	if (resp_failed(r, club_composition(&r->x, &c, on, &k)))
		return;
	static const char *const bands[] = {"below", "within", "above"};
	char d[DATE_LEN], advice[512];
	date_format(on, d);
	label_advice(&k, r->lang, advice, sizeof advice);
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:i, s:i, s:o, s:o, s:o, s:i, s:b, s:s}",
	                      "club", c.code, "date", d, "members", k.members, "size_band",
	                      bands[k.size_band + 1], "size_add", k.size_add, "size_remove",
	                      k.size_remove, "women", share_json(&k.women), "older",
	                      share_json(&k.older), "younger", share_json(&k.younger), "hardship",
	                      k.hardship, "within", k.within, "advice", advice);
	if (o) {
		json_object_set_new(o, "size_min", json_integer(k.min_members));
		json_object_set_new(o, "size_max", json_integer(k.max_members));
		json_object_set_new(o, "by_kind", cells_json(k.cells));
		json_object_set_new(o, "plan", plan_json(&k.plan));
	}
	resp_json(r, 200, o);
}

void api_club_members(struct req *r)
{
	struct club c;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct member *v = NULL;
	size_t n = 0;
	if (resp_failed(r, club_members(&r->x, &c, &v, &n)))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:o, s:s, s:s?, s:b}", "membership",
		                                   (json_int_t)v[i].membership_id, "person",
		                                   person_json(&v[i].person, date_today_vn()),
		                                   "joined_on", v[i].joined_on, "left_on",
		                                   v[i].left_on[0] ? v[i].left_on : NULL,
		                                   "volunteer", v[i].volunteer));
	free(v);
	resp_json(r, 200, json_pack("{s:s, s:o}", "club", c.code, "members", a));
}

void api_club_member_add(struct req *r)
{
	struct club c;
	if (!route_club(r, date_today_vn(), &c))
		return;
	json_t *jp = r->json ? json_object_get(r->json, "person_id") : NULL;
	json_t *jv = r->json ? json_object_get(r->json, "volunteer") : NULL;
	struct membership_new m = {json_is_integer(jp) ? (int64_t)json_integer_value(jp) : 0,
	                           req_input(r, "joined_on"), json_is_true(jv)};
	nct_err e;
	json_t *np = r->json ? json_object_get(r->json, "person") : NULL;
	if (m.person_id) {
		e = club_add_member(&r->x, &c, &m, &r->rf);
	} else if (json_is_object(np)) {
		long long h = 0;
		struct person_new p = {json_string_value(json_object_get(np, "full_name")),
		                       json_string_value(json_object_get(np, "sex")),
		                       json_string_value(json_object_get(np, "birth")),
		                       json_string_value(json_object_get(np, "place")), 0};
		e = req_json_int(r, np, "hardship", 0, UINT_MAX, &h) ? NCT_OK : NCT_ERR_INVALID;
		p.hardship = (unsigned)h;
		if (!e)
			e = club_add_new_person(&r->x, &c, &p, &m, &r->rf);
	} else {
		resp_error(r, 400, "invalid",
		           "give person_id, or person {full_name, sex, birth, place}");
		return;
	}
	if (resp_refused(r, e))
		return;
	resp_json(r, 201,
	          json_pack("{s:s, s:I}", "club", c.code, "person_id", (json_int_t)m.person_id));
}

static json_t *rule_json(const struct composition_rule *k)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "min_members",
	                 k->min_members, "max_members", k->max_members, "women_min_pct",
	                 k->women_min_pct, "women_max_pct", k->women_max_pct, "older_min_pct",
	                 k->older_min_pct, "older_max_pct", k->older_max_pct, "younger_min_pct",
	                 k->younger_min_pct, "younger_max_pct", k->younger_max_pct, "older_age",
	                 k->older_age);
}

void api_composition_rule(struct req *r)
{
	struct date on;
	struct composition_rule k;
	if (!api_date(r, &on))
		return;
	nct_err e = composition_rule_on(&r->x, on, &k);
	char d[DATE_LEN];
	date_format(on, d);
	if (e)
		resp_domain_error(r, e, NULL);
	else
		resp_json(r, 200, json_pack("{s:s, s:o}", "date", d, "rule", rule_json(&k)));
}

void api_composition_rule_add(struct req *r)
{
	static const char *const names[] = {"min_members",     "max_members",     "women_min_pct",
	                                    "women_max_pct",   "older_min_pct",   "older_max_pct",
	                                    "younger_min_pct", "younger_max_pct", "older_age"};
	if (!r->json) {
		resp_error(r, 400, "invalid", "a JSON body is required");
		return;
	}
	struct composition_rule k;
	int *v[] = {&k.min_members,     &k.max_members,     &k.women_min_pct,
	            &k.women_max_pct,   &k.older_min_pct,   &k.older_max_pct,
	            &k.younger_min_pct, &k.younger_max_pct, &k.older_age};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		long long n = -1; /* absent: refused by the rule's bounds */
		if (!req_json_int(r, r->json, names[i], INT_MIN, INT_MAX, &n)) {
			resp_refusal(r, NCT_ERR_INVALID, &r->rf);
			return;
		}
		*v[i] = (int)n;
	}
	nct_err e = composition_rule_add(&r->x, req_input(r, "valid_from"), &k,
	                                 req_input(r, "source"), &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201,
		          json_pack("{s:s, s:o}", "valid_from", req_input(r, "valid_from"), "rule",
		                    rule_json(&k)));
}

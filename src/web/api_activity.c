/* api_activity.c - /api/v1/clubs/{code}/activities, visits, areas, assessments
 * and /api/v1/activity-lists: the same domain calls as page_activity.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/activity.h"
#include "api_activity.h"
#include "lookup.h"
#include "html.h"

#define API_ROWS 1000 /* activities or visits in one answer; "more" says when there were others */
#define YEAR_MAX 9999 /* an assessment's year as input */

static bool bool_arg(const struct req *r, const char *name)
{
	json_t *j = r->json ? json_object_get(r->json, name) : NULL;
	if (j)
		return json_is_true(j);
	const char *s = req_arg(r, name);
	return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
}

/* ?from=&to= (default: this year so far). */
static bool api_period(struct req *r, struct date *from, struct date *to, char f[DATE_LEN],
                       char t[DATE_LEN])
{
	if (!activity_period(req_input(r, "from"), req_input(r, "to"), from, to)) {
		resp_error(r, 400, "invalid", "from and to must be YYYY-MM-DD, from not after to");
		return false;
	}
	date_format(*from, f);
	date_format(*to, t);
	return true;
}

static json_t *activity_json(const struct activity *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:s?}", "id", (json_int_t)a->id, "on_date",
	                 a->on_date, "area", a->area, "title", a->title, "participants",
	                 a->participants, "notes", a->notes[0] ? a->notes : NULL);
}

void api_club_activity_add(struct req *r)
{
	struct club c;
	int64_t id;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct activity_new in = {req_input(r, "on_date"), req_input(r, "area"),
	                          req_input(r, "title"), -1, req_input(r, "notes")};
	nct_err e = req_int(r, "participants", 0, ACTIVITY_PARTICIPANTS_MAX, &in.participants)
	                ? activity_add(&r->x, &c, &in, &id, &r->rf)
	                : NCT_ERR_INVALID;
	if (resp_refused(r, e))
		return;
	resp_json(r, 201,
	          json_pack("{s:s, s:I, s:s, s:s, s:s, s:I, s:s?}", "club", c.code, "id",
	                    (json_int_t)id, "on_date", in.on_date, "area", in.area, "title",
	                    in.title, "participants", (json_int_t)in.participants, "notes",
	                    in.notes));
}

static json_t *visit_json(const struct visit *v)
{
	return json_pack("{s:I, s:s, s:{s:I, s:s}, s:{s:I, s:s}, s:s?}", "id", (json_int_t)v->id,
	                 "on_date", v->on_date, "volunteer", "id", (json_int_t)v->volunteer_id,
	                 "full_name", v->volunteer_name, "visited", "id", (json_int_t)v->visited_id,
	                 "full_name", v->visited_name, "notes", v->notes[0] ? v->notes : NULL);
}

/* A club's activities, or its home visits, in ?from=&to= (API_ROWS at most). */
static void period_list(struct req *r, bool visits)
{
	struct club c;
	struct date from, to;
	char f[DATE_LEN], t[DATE_LEN];
	union {
		struct activity *a;
		struct visit *v;
	} u = {NULL};
	size_t n = 0;
	bool more = false;
	if (!route_club(r, date_today_vn(), &c) || !api_period(r, &from, &to, f, t))
		return;
	nct_err e = visits ? visit_find(&r->x, c.id, from, to, API_ROWS, &u.v, &n, &more)
	                   : activity_find(&r->x, c.id, from, to, API_ROWS, &u.a, &n, &more);
	if (resp_failed(r, e))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, visits ? visit_json(&u.v[i]) : activity_json(&u.a[i]));
	free(visits ? (void *)u.v : (void *)u.a);
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:s, s:o*, s:b}", "club", c.code, "from", f, "to", t,
	                    visits ? "visits" : "activities", a, "more", more));
}

void api_club_activities(struct req *r)
{
	period_list(r, false);
}

void api_club_visits(struct req *r)
{
	period_list(r, true);
}

void api_club_visit_add(struct req *r)
{
	struct club c;
	int64_t id;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct visit_new in = {0, 0, req_input(r, "on_date"), req_input(r, "notes")};
	nct_err e =
	    req_id(r, "volunteer_id", &in.volunteer_id) && req_id(r, "visited_id", &in.visited_id)
	        ? visit_add(&r->x, &c, &in, &id, &r->rf)
	        : NCT_ERR_INVALID;
	if (resp_refused(r, e))
		return;
	resp_json(r, 201,
	          json_pack("{s:s, s:I, s:s, s:I, s:I, s:s?}", "club", c.code, "id", (json_int_t)id,
	                    "on_date", in.on_date, "volunteer_id", (json_int_t)in.volunteer_id,
	                    "visited_id", (json_int_t)in.visited_id, "notes", in.notes));
}

static json_t *areas_json(const struct activity_tally *k)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < k->list.n; i++) {
		const struct activity_area *x = &k->list.areas[i];
		int n = k->activities[i] + (x->home_visits ? k->visits : 0);
		json_array_append_new(
		    a, json_pack("{s:s, s:s, s:s, s:b, s:i, s:b}", "code", x->code, "name_vi",
		                 x->name_vi, "name_en", x->name_en, "home_visits", x->home_visits,
		                 "activities", k->activities[i], "active", n > 0));
	}
	return a;
}

void api_club_areas(struct req *r)
{
	struct club c;
	struct date from, to;
	char f[DATE_LEN], t[DATE_LEN];
	if (!route_club(r, date_today_vn(), &c) || !api_period(r, &from, &to, f, t))
		return;
	struct activity_tally *k = malloc(sizeof *k);
	nct_err e = k ? activity_tally(&r->x, c.id, from, to, k) : NCT_ERR_NOMEM;
	if (e) {
		free(k);
		resp_domain_error(r, e, NULL);
		return;
	}
	json_t *list = k->list.n
	                   ? json_pack("{s:s, s:s, s:s, s:s?}", "code", k->list.code, "name",
	                               k->list.name, "valid_from", k->list.valid_from, "valid_to",
	                               k->list.valid_to[0] ? k->list.valid_to : NULL)
	                   : json_null();
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:s, s:o*, s:o*, s:i, s:i, s:i, s:i, s:b}", "club", c.code,
	                    "from", f, "to", t, "list", list, "areas", areas_json(k), "visits",
	                    k->visits, "other", k->other, "areas_active", k->active, "areas_total",
	                    k->total, "all", k->all));
	free(k);
}

static json_t *assessment_json(const struct assessment *a)
{
	return json_pack("{s:i, s:s, s:b, s:s, s:s}", "year", a->year, "grade", a->grade,
	                 "well_managed", a->well_managed, "assessed_on", a->assessed_on,
	                 "assessed_by", a->assessed_by);
}

void api_club_assessments(struct req *r)
{
	struct club c;
	struct assessment *v = NULL;
	size_t n = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	if (resp_failed(r, assessment_find(&r->x, c.id, &v, &n)))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, assessment_json(&v[i]));
	free(v);
	resp_json(r, 200, json_pack("{s:s, s:o*}", "club", c.code, "assessments", a));
}

/* POST (a new year) and PUT (the year in the path): one worker. */
static void assessment_save(struct req *r, bool update)
{
	struct club c;
	struct assessment saved;
	long long year = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	if (update ? !req_number(r, "year", r->params[1], 0, YEAR_MAX, &year)
	           : !req_int(r, "year", 0, YEAR_MAX, &year)) {
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	struct assessment_new in = {(int)year, req_input(r, "grade"), bool_arg(r, "well_managed"),
	                            req_input(r, "assessed_on"), req_input(r, "assessed_by")};
	nct_err e = update ? assessment_update(&r->x, &c, &in, &r->rf)
	                   : assessment_add(&r->x, &c, &in, &r->rf);
	if (!e)
		e = assessment_get(&r->x, c.id, in.year, &saved);
	if (resp_refused(r, e))
		return;
	json_t *o = assessment_json(&saved);
	json_object_set_new(o, "club", json_string(c.code));
	resp_json(r, update ? 200 : 201, o);
}

void api_club_assessment_add(struct req *r)
{
	assessment_save(r, false);
}

void api_club_assessment_update(struct req *r)
{
	assessment_save(r, true);
}

static json_t *list_json(const struct activity_list *l)
{
	json_t *areas = json_array();
	for (size_t i = 0; areas && i < l->n; i++)
		json_array_append_new(
		    areas, json_pack("{s:s, s:s, s:s, s:b}", "code", l->areas[i].code, "name_vi",
		                     l->areas[i].name_vi, "name_en", l->areas[i].name_en,
		                     "home_visits", l->areas[i].home_visits));
	return json_pack("{s:s, s:s, s:s, s:s?, s:o*}", "code", l->code, "name", l->name,
	                 "valid_from", l->valid_from, "valid_to",
	                 l->valid_to[0] ? l->valid_to : NULL, "areas", areas);
}

void api_activity_lists(struct req *r)
{
	struct activity_list *v = NULL;
	size_t n = 0;
	if (resp_failed(r, activity_list_all(&r->x, &v, &n)))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, list_json(&v[i]));
	free(v);
	resp_json(r, 200, json_pack("{s:o*}", "lists", a));
}

void api_activity_list_add(struct req *r)
{
	struct activity_area_new areas[ACTIVITY_AREAS_MAX + 1];
	int64_t id;
	json_t *ja = r->json ? json_object_get(r->json, "areas") : NULL;
	size_t n = json_array_size(ja);
	if (n > ACTIVITY_AREAS_MAX + 1)
		n = ACTIVITY_AREAS_MAX + 1; /* enough for the domain to refuse too many */
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(ja, i);
		areas[i] =
		    (struct activity_area_new){json_string_value(json_object_get(x, "code")),
		                               json_string_value(json_object_get(x, "name_vi")),
		                               json_string_value(json_object_get(x, "name_en")),
		                               json_is_true(json_object_get(x, "home_visits"))};
	}
	struct activity_list_new in = {req_input(r, "code"),
	                               req_input(r, "name"),
	                               req_input(r, "valid_from"),
	                               req_input(r, "valid_to"),
	                               n,
	                               areas};
	nct_err e = activity_list_add(&r->x, &in, &id, &r->rf);
	struct activity_list *l = e ? NULL : malloc(sizeof *l);
	struct date from;
	if (!e && !l)
		e = NCT_ERR_NOMEM;
	if (!e && (date_parse(in.valid_from, &from) || activity_list_on(&r->x, from, l)))
		e = NCT_ERR_DB;
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, list_json(l));
	free(l);
}

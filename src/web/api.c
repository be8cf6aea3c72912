/* api.c - JSON under /api/v1/: the same domain calls as the pages. */
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/audit.h"
#include "../domain/auth.h"
#include "../domain/org.h"
#include "../domain/place.h"
#include "../domain/user.h"
#include "api.h"
#include "page_admin.h"
#include "routes.h"
#include "html.h"
#include "labels.h"
#include "lookup.h"

static json_t *place_json(const struct place *p)
{
	return json_pack("{s:s, s:s, s:i, s:s, s:s?, s:s?, s:s?}", "code", p->code, "name", p->name,
	                 "level", p->level, "level_name", label_place_level(p->level, "en"),
	                 "parent", p->parent_code[0] ? p->parent_code : NULL, "valid_from",
	                 p->valid_from[0] ? p->valid_from : NULL, "valid_to",
	                 p->valid_to[0] ? p->valid_to : NULL);
}

/* What places_json adds to each unit: nothing, its count of children, or
 * whether the link to it carries a part of the old unit. */
enum places_extra { PLACES_PLAIN, PLACES_COUNTS, PLACES_LINKS };

static json_t *places_json(const struct req *r, const struct place *v, size_t n,
                           enum places_extra extra)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		if (!access_place(&r->x, v[i].path, ACCESS_SEE))
			continue;
		json_t *o = place_json(&v[i]);
		if (o && extra == PLACES_COUNTS)
			json_object_set_new(o, "children", json_integer(v[i].children));
		else if (o && extra == PLACES_LINKS)
			json_object_set_new(o, "partial", json_boolean(v[i].partial));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *user_json(const struct user *u)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s}", "username", u->username,
	                 "display_name", u->display_name, "role", role_name(u->role), "place",
	                 u->place_code[0] ? u->place_code : NULL, "place_name",
	                 u->place_name[0] ? u->place_name : NULL, "lang", u->lang);
}

static const char *json_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void api_session_create(struct req *r)
{
	const char *user = r->json ? json_str(r->json, "username") : req_arg(r, "username");
	const char *pass = r->json ? json_str(r->json, "password") : req_arg(r, "password");
	if (!user || !pass) {
		resp_error(r, 400, "invalid", "username and password are required");
		return;
	}
	char token[AUTH_TOKEN_LEN + 1];
	struct session s;
	int64_t wait;
	nct_err e = auth_login(&r->x, user, pass, token, &s, &wait, &r->rf);
	if (e == NCT_ERR_TOOMANY)
		resp_retry_after(r, wait);
	if (e == NCT_ERR_DENIED)
		resp_refusal_status(r, 401, "unauthenticated", &r->rf);
	else if (e)
		resp_refusal(r, e, &r->rf);
	if (e)
		return;
	set_session_cookie(r, token);
	resp_json(r, 201, json_pack("{s:s, s:o}", "csrf", s.csrf, "user", user_json(&s.user)));
}

void api_session_delete(struct req *r)
{
	if (r->sess.bearer) {
		resp_error(r, 400, "invalid", "a bearer token is not a session; revoke it instead");
		return;
	}
	if (resp_failed(r, auth_logout(&r->x, form_get(&r->cookies, SESSION_COOKIE))))
		return;
	set_session_cookie(r, NULL);
	r->status = 204;
	r->ctype = "application/json; charset=utf-8";
}

void api_me(struct req *r)
{
	json_t *o = user_json(&r->sess.user);
	if (o && !r->sess.bearer)
		json_object_set_new(o, "csrf", json_string(r->sess.csrf));
	resp_json(r, 200, o);
}

bool api_date(struct req *r, struct date *on)
{
	if (req_date(r, on))
		return true;
	resp_error(r, 400, "invalid", "date must be YYYY-MM-DD");
	return false;
}

void api_places(struct req *r)
{
	struct date on;
	if (!api_date(r, &on))
		return;
	const char *parent = req_arg(r, "parent"), *q = req_arg(r, "q");
	struct place par = {0}, *v = NULL;
	size_t n = 0;
	nct_err e = place_browse(&r->x, parent, q, on, &par, &v, &n);
	if (e) {
		route_place_error(r, e, parent);
		free(v);
		return;
	}
	char d[DATE_LEN];
	date_format(on, d);
	json_t *o =
	    json_pack("{s:s, s:s?, s:o}", "date", d, "parent", par.id ? par.code : NULL, "places",
	              places_json(r, v, n, q && q[0] ? PLACES_PLAIN : PLACES_COUNTS));
	free(v);
	resp_json(r, 200, o);
}

void api_place(struct req *r)
{
	struct date on;
	struct place p;
	if (!api_date(r, &on))
		return;
	nct_err e = place_get(&r->x, r->params[0], on, &p);
	if (e) {
		route_place_error(r, e, r->params[0]);
		return;
	}
	struct place *from = NULL, *to = NULL, *up = NULL;
	size_t nfrom = 0, nto = 0, nup = 0;
	e = place_links(&r->x, p.id, -1, &from, &nfrom);
	if (!e)
		e = place_links(&r->x, p.id, +1, &to, &nto);
	if (!e)
		e = place_ancestors(&r->x, &p, &up, &nup);
	char *text = e ? NULL : place_predecessors(&r->x, p.id);
	json_t *o = e ? NULL : place_json(&p);
	if (o) {
		json_object_set_new(o, "ancestors",
		                    places_json(r, up, nup > 0 ? nup - 1 : 0, PLACES_PLAIN));
		json_object_set_new(o, "formed_from", places_json(r, from, nfrom, PLACES_LINKS));
		json_object_set_new(o, "became", places_json(r, to, nto, PLACES_LINKS));
		json_object_set_new(o, "predecessors_text", text ? json_string(text) : json_null());
	}
	free(text);
	free(from);
	free(to);
	free(up);
	if (e)
		resp_domain_error(r, e, NULL);
	else
		resp_json(r, 200, o);
}

void api_orgs(struct req *r)
{
	struct date on;
	if (!api_date(r, &on))
		return;
	const char *kind = req_arg(r, "kind");
	if (kind && !org_kind_valid(kind)) {
		resp_error(r, 400, "invalid",
		           "kind must be one of agency, association, committee, bank, media, mass, "
		           "people_committee");
		return;
	}
	struct org *v = NULL;
	size_t n = 0;
	nct_err e = org_list(&r->x, on, kind, &v, &n);
	if (resp_failed(r, e))
		return;
	struct org_link *l = NULL;
	size_t nl = 0;
	e = org_links_to(&r->x, v, n, &l, &nl);
	if (e) {
		free(v);
		resp_domain_error(r, e, NULL);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *from = json_array();
		for (size_t k = org_links_first(l, nl, v[i].id); k < nl && l[k].to_id == v[i].id;
		     k++)
			json_array_append_new(
			    from, json_pack("{s:s, s:s, s:s?}", "code", l[k].from_code, "since",
			                    l[k].since, "duty", l[k].duty[0] ? l[k].duty : NULL));
		json_array_append_new(
		    a,
		    json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:o}", "code", v[i].code, "name",
		              v[i].name, "kind", v[i].kind, "place", v[i].place_code, "valid_from",
		              v[i].valid_from[0] ? v[i].valid_from : NULL, "valid_to",
		              v[i].valid_to[0] ? v[i].valid_to : NULL, "took_over_from", from));
	}
	free(v);
	free(l);
	resp_json(r, 200, json_pack("{s:o}", "orgs", a));
}

void api_audit(struct req *r)
{
	struct audit_filter f;
	if (!audit_filter_from(r, &f)) {
		resp_error(r, 400, "invalid", "from and to must be YYYY-MM-DD");
		return;
	}
	struct audit_row *v = NULL;
	size_t n = 0;
	if (resp_failed(r, audit_list(&r->x, &f, &v, &n)))
		return;
	json_t *o = json_pack("{s:o}", "audit", audit_rows_json(v, n));
	audit_rows_free(v, n);
	resp_json(r, 200, o);
}

/* plan_orgs.c - the organisations and handovers of the encoded plans, read
 * once from the embedded files, written through the domain (org.c). */
#include "plan_orgs.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../domain/ctx.h"
#include "../domain/org.h"
#include "../domain/refusal.h"
#include "refdata.h"

static const struct refdata *const plan_files[] = {&refdata_plan_327, &refdata_plan_2024};
#define NPLANS (sizeof plan_files / sizeof plan_files[0])

typedef nct_err plan_org_fn(struct ctx *x, const json_t *o, struct plan_orgs_report *r, char *msg,
                            size_t msglen);

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool known(struct ctx *x, const char *code)
{
	struct org o;
	return code && org_get(x, code, &o) == NCT_OK;
}

/* A refused body or handover, as the seed says it (no words of its own: the
 * reason's code). */
static nct_err refused(nct_err e, const char *what, const char *code, const struct refusal *rf,
                       char *msg, size_t msglen)
{
	if (e)
		snprintf(msg, msglen, "plan %s %s refused: %s", what, code ? code : "",
		         rf->code ? refusal_reason(rf->code) : nct_err_name(e));
	return e;
}

/* One body of origin "plan" with a place, unless the store has it. */
static nct_err create_one(struct ctx *x, const json_t *o, struct plan_orgs_report *r, char *msg,
                          size_t msglen)
{
	const char *origin = str(o, "origin"), *code = str(o, "code");
	struct refusal rf = {0};
	if (!origin || strcmp(origin, "plan") != 0 || !str(o, "place_code") || known(x, code))
		return NCT_OK;
	struct org_new in = {code,
	                     str(o, "name"),
	                     str(o, "kind"),
	                     str(o, "place_code"),
	                     str(o, "valid_from"),
	                     str(o, "valid_to"),
	                     str(o, "note")};
	nct_err e = refused(org_create(x, &in, &rf), "organisation", code, &rf, msg, msglen);
	r->created += !e;
	return e;
}

/* The handovers of one body (its "succeeds"), between bodies the store holds. */
static nct_err link_one(struct ctx *x, const json_t *o, struct plan_orgs_report *r, char *msg,
                        size_t msglen)
{
	const char *to = str(o, "code");
	struct refusal rf = {0};
	size_t i;
	json_t *s;
	if (!known(x, to))
		return NCT_OK;
	json_array_foreach(json_object_get(o, "succeeds"), i, s)
	{
		const char *from = str(s, "code");
		if (!known(x, from))
			continue;
		nct_err e = org_link_add(x, from, to, str(s, "from"), str(s, "takes_over"), &rf);
		if (e == NCT_ERR_CONFLICT) /* listed in both plans, or loaded before */
			continue;
		if (e)
			return refused(e, "handover to", to, &rf, msg, msglen);
		r->links++;
	}
	return NCT_OK;
}

/* Runs fn on every organisation of every plan file. */
static nct_err each_org(struct ctx *x, plan_org_fn *fn, struct plan_orgs_report *r, char *msg,
                        size_t msglen)
{
	nct_err e = NCT_OK;
	for (size_t f = 0; !e && f < NPLANS; f++) {
		json_error_t err;
		json_t *plan = json_loadb(plan_files[f]->data, plan_files[f]->size, 0, &err);
		json_t *orgs = json_object_get(plan, "organisations");
		size_t i;
		json_t *o;
		if (!json_is_array(orgs)) {
			snprintf(msg, msglen, "data/%s: no organisations (%s)", plan_files[f]->name,
			         plan ? "not the plan format" : err.text);
			e = NCT_ERR_INVALID;
		}
		json_array_foreach(e ? NULL : orgs, i, o)
		{
			if (e)
				break;
			e = fn(x, o, r, msg, msglen);
		}
		json_decref(plan);
	}
	return e;
}

nct_err plan_orgs_load(struct ctx *x, struct plan_orgs_report *r, char *msg, size_t msglen)
{
	*r = (struct plan_orgs_report){0};
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = each_org(x, create_one, r, msg, msglen);
	if (!e)
		e = each_org(x, link_one, r, msg, msglen);
	return unit_end(x, e);
}

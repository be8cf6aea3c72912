/* api_plans.h - plans, reporting obligations, submissions, completeness and
 * the inbox as JSON (api_plans.c; docs/api.md). */
#ifndef NCT_API_PLANS_H
#define NCT_API_PLANS_H

#include <stdbool.h>
#include <stdint.h>

#include "request.h"

struct date;
struct inbox_row;
struct plan;
struct plan_item;
struct submission;

/* A positive decimal id of a route segment; false for anything else. */
bool route_id(const char *s, int64_t *id);
/* The plan the route names (its first segment) if x may change it; else
 * false, with the refusal written. */
bool plan_to_change(struct req *r, struct plan *p);
/* The item of plan p the route's second segment names; else false, with the
 * refusal written (404 for an item that is not the plan's). */
bool plan_item_of_route(struct req *r, const struct plan *p, struct plan_item *it);
/* RF_PLAN_UNKNOWN of the plan the route names (its first segment), in r->rf. */
const struct refusal *plan_unknown(struct req *r);
/* When e is not NCT_OK: answers it (NCT_ERR_NOTFOUND as plan_unknown) and
 * returns true (the handler returns); else false. */
bool plan_refused(struct req *r, nct_err e);
/* The caller's inbox on the day ?date= names (today without it): the reports
 * it owes and those it is to review, both arrays the caller frees. False, with
 * the error response written (400 for a malformed date, the domain's error
 * otherwise) and nothing to free, when it cannot be read. */
bool inbox_read(struct req *r, struct date *on, struct inbox_row **owed, size_t *no,
                struct submission **review, size_t *nr);

struct plan_item_target;
/* An item's target as the API gives it ({"id","indicator","unit","min","max",
 * "by_date","place_code"}), or null when it serves none. */
json_t *plan_target_json(const struct plan_item_target *t);
void api_plan_item_target(struct req *r);      /* GET /api/v1/plans/{}/items/{}/target */
void api_plan_item_target_save(struct req *r); /* PUT /api/v1/plans/{}/items/{}/target */

/* The codes a form or the API gives for an item, cut into pieces. */
struct plan_item_input {
	char lead[1024], coop[1024];
};
struct plan_item;
struct plan_item_in;
/* An item's fields from the JSON body (a field left out keeps old's) or a form
 * (text, section, lead, cooperating: codes by commas or spaces, deadline),
 * pointing into r and b. false, with r->rf, for too many codes. */
bool plan_item_input(struct req *r, const struct plan_item *old, struct plan_item_in *in,
                     struct plan_item_input *b);

struct plan_header_in;
/* A plan's header from the JSON body or a form (whose date is "doc_date"),
 * pointing into r: a field left out is NULL (it stays as it is), or "" when
 * all. */
void plan_header_input(struct req *r, struct plan_header_in *in, bool all);

struct plan_basis;
struct plan_basis_in;
/* A legal basis's fields from the JSON body or a form, pointing into r ("" for
 * a field left out). */
void plan_basis_input(struct req *r, struct plan_basis_in *in);
/* The legal basis of plan p the route's second segment names (its position);
 * else false, with the refusal written (404 basis_unknown). */
bool plan_basis_of_route(struct req *r, const struct plan *p, struct plan_basis *b);
/* The legal bases of plan_id as a JSON array (*e: the read's error). */
json_t *plan_bases_json(struct req *r, int64_t plan_id, nct_err *e);

void api_plans(struct req *r);       /* GET /api/v1/plans */
void api_plan_create(struct req *r); /* POST /api/v1/plans (admins) */
void api_plan(struct req *r);        /* GET /api/v1/plans/{} */
void api_plan_file(struct req *r);   /* GET /api/v1/plans/{}/file */
void api_plan_update(struct req *r); /* PUT /api/v1/plans/{} */
/* POST /api/v1/plans/{}/items, PUT /api/v1/plans/{}/items/{} */
void api_plan_item_save(struct req *r);
void api_plan_item_retire(struct req *r); /* POST /api/v1/plans/{}/items/{}/retire */
/* POST /api/v1/plans/{}/areas, PUT /api/v1/plans/{}/areas/{} */
void api_plan_area_save(struct req *r);
/* POST /api/v1/plans/{}/bases, PUT /api/v1/plans/{}/bases/{} */
void api_plan_basis_save(struct req *r);
void api_plan_basis_remove(struct req *r); /* DELETE /api/v1/plans/{}/bases/{} */
void api_plan_area_retire(struct req *r);  /* POST /api/v1/plans/{}/areas/{}/retire */
void api_obligation_create(struct req *r); /* POST /api/v1/obligations */
void api_obligation(struct req *r);        /* GET /api/v1/obligations/{} */
void api_obligation_period(struct req *r); /* GET /api/v1/obligations/{}/periods/{} */
void api_submission_create(struct req *r); /* POST /api/v1/submissions */
void api_submission(struct req *r);        /* GET /api/v1/submissions/{} */
void api_submission_submit(struct req *r); /* POST /api/v1/submissions/{}/submit */
void api_rollup(struct req *r);            /* GET /api/v1/rollup */
void api_submission_save(struct req *r);   /* PUT /api/v1/submissions/{} */
void api_submission_return(struct req *r); /* POST /api/v1/submissions/{}/return */
void api_submission_accept(struct req *r); /* POST /api/v1/submissions/{}/accept */
void api_completeness(struct req *r);      /* GET /api/v1/completeness */
void api_inbox(struct req *r);             /* GET /api/v1/inbox */

#endif

/* api_plans.h - plans, reporting obligations, submissions, completeness and
 * the inbox as JSON (api_plans.c; docs/api.md). */
#ifndef NCT_API_PLANS_H
#define NCT_API_PLANS_H

#include <stdbool.h>
#include <stdint.h>

#include "request.h"

/* A positive decimal id of a route segment; false for anything else. */
bool route_id(const char *s, int64_t *id);
/* RF_PLAN_UNKNOWN of the plan the route names (its first segment), in r->rf. */
const struct refusal *plan_unknown(struct req *r);

void api_plans(struct req *r);             /* GET /api/v1/plans */
void api_plan_create(struct req *r);       /* POST /api/v1/plans (admins) */
void api_plan(struct req *r);              /* GET /api/v1/plans/{} */
void api_plan_file(struct req *r);         /* GET /api/v1/plans/{}/file */
void api_obligation_create(struct req *r); /* POST /api/v1/obligations */
void api_obligation(struct req *r);        /* GET /api/v1/obligations/{} */
void api_obligation_period(struct req *r); /* GET /api/v1/obligations/{}/periods/{} */
void api_submission_create(struct req *r); /* POST /api/v1/submissions */
void api_submission(struct req *r);        /* GET /api/v1/submissions/{} */
void api_submission_submit(struct req *r); /* POST /api/v1/submissions/{}/submit */
void api_submission_return(struct req *r); /* POST /api/v1/submissions/{}/return */
void api_submission_accept(struct req *r); /* POST /api/v1/submissions/{}/accept */
void api_completeness(struct req *r);      /* GET /api/v1/completeness */
void api_inbox(struct req *r);             /* GET /api/v1/inbox */

#endif

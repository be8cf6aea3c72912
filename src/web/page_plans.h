/* page_plans.h - the plans, a plan, and the inbox with the steps of a report
 * (page_plans.c). */
#ifndef NCT_PAGE_PLANS_H
#define NCT_PAGE_PLANS_H

#include "request.h"

void page_plans(struct req *r);        /* GET /plans */
void page_plans_import(struct req *r); /* POST /plans/import (a plan file) */
void page_plan(struct req *r);         /* GET /plans/{} */
struct plan;
/* After a plan was made (imported or created) from /plans: its page plus then
 * ("" or "/edit") with the notice, /plans again with the refusal, or the
 * error. */
void plan_made(struct req *r, nct_err e, const struct plan *p, const char *then);
void page_obligation(struct req *r);        /* GET /obligations/{} */
void page_paper_record(struct req *r);      /* POST /obligations/{}/paper */
void page_inbox(struct req *r);             /* GET /inbox */
void page_submission_create(struct req *r); /* POST /submissions */
void page_submission_submit(struct req *r); /* POST /submissions/{}/submit */
void page_submission_accept(struct req *r); /* POST /submissions/{}/accept */
void page_submission_return(struct req *r); /* POST /submissions/{}/return */
void page_obligation_rollup(struct req *r); /* GET /obligations/{}/rollup */
void page_plan_report(struct req *r);       /* GET /plans/{}/report */
void page_submission(struct req *r);        /* GET /submissions/{} */
void page_submission_save(struct req *r);   /* POST /submissions/{}/save */

#endif

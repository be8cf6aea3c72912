/* page_plan_edit.h - editing a plan in the pages (page_plan_edit.c): its
 * header, a new area, new items, an item's text, units and deadline, and
 * retiring an item, with the same domain calls as the API. */
#ifndef NCT_PAGE_PLAN_EDIT_H
#define NCT_PAGE_PLAN_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "request.h"

struct plan;
/* The fields of a plan's header (number, titles, issuer, date, period), with
 * p's values, or what was typed when a form came back refused. */
void plan_header_fields(struct req *r, const struct plan *p);

struct plan_basis;
/* The plan's legal bases v[n] as a list under a heading (none: nothing), each
 * with a link to its edit page when edit is true. */
void plan_bases_list(struct req *r, const struct plan *p, const struct plan_basis *v, size_t n,
                     bool edit);

void page_plan_create(struct req *r);           /* POST /plans/new (plan_may_create) */
void page_plan_edit(struct req *r);             /* GET /plans/{}/edit */
void page_plan_header_save(struct req *r);      /* POST /plans/{}/edit */
void page_plan_area_add(struct req *r);         /* POST /plans/{}/areas */
void page_plan_item_add(struct req *r);         /* POST /plans/{}/items */
void page_plan_item(struct req *r);             /* GET /plans/{}/items/{} */
void page_plan_item_save(struct req *r);        /* POST /plans/{}/items/{} */
void page_plan_item_retire(struct req *r);      /* POST /plans/{}/items/{}/retire */
void page_plan_item_target_save(struct req *r); /* POST /plans/{}/items/{}/target */
void page_plan_basis_add(struct req *r);        /* POST /plans/{}/bases */
void page_plan_basis(struct req *r);            /* GET /plans/{}/bases/{} */
void page_plan_basis_save(struct req *r);       /* POST /plans/{}/bases/{} */
void page_plan_basis_remove(struct req *r);     /* POST /plans/{}/bases/{}/remove */

#endif

/* page_plan_edit.h - editing a plan in the pages (page_plan_edit.c): its
 * header, a new area, new items, an item's text, units and deadline, and
 * retiring an item, with the same domain calls as the API. */
#ifndef NCT_PAGE_PLAN_EDIT_H
#define NCT_PAGE_PLAN_EDIT_H

#include "request.h"

void page_plan_edit(struct req *r);        /* GET /plans/{}/edit */
void page_plan_header_save(struct req *r); /* POST /plans/{}/edit */
void page_plan_area_add(struct req *r);    /* POST /plans/{}/areas */
void page_plan_item_add(struct req *r);    /* POST /plans/{}/items */
void page_plan_item(struct req *r);        /* GET /plans/{}/items/{} */
void page_plan_item_save(struct req *r);   /* POST /plans/{}/items/{} */
void page_plan_item_retire(struct req *r); /* POST /plans/{}/items/{}/retire */

#endif

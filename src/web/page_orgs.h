/* page_orgs.h - organisations: the list and the form that adds one (page_orgs.c). */
#ifndef NCT_PAGE_ORGS_H
#define NCT_PAGE_ORGS_H

#include "request.h"

void page_orgs(struct req *r); /* GET /orgs */
void page_org_add(struct req *r);

#endif

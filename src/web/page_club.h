/* page_club.h - a club's page and its members (page_club.c). */
#ifndef NCT_PAGE_CLUB_H
#define NCT_PAGE_CLUB_H

#include "request.h"

void page_club(struct req *r);       /* GET /clubs/{} */
void page_member_add(struct req *r); /* POST /clubs/{}/members */
void page_member_end(struct req *r); /* POST /clubs/{}/members/end */

#endif

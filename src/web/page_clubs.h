/* page_clubs.h - the list of clubs and the form that adds one (page_clubs.c). */
#ifndef NCT_PAGE_CLUBS_H
#define NCT_PAGE_CLUBS_H

#include "request.h"

void page_clubs(struct req *r);    /* GET /clubs */
void page_club_add(struct req *r); /* POST /clubs */

#endif

/* page_places.h - the map: units, a unit, its villages (page_places.c). */
#ifndef NCT_PAGE_PLACES_H
#define NCT_PAGE_PLACES_H

#include "request.h"

void page_places(struct req *r);      /* GET /places */
void page_place(struct req *r);       /* GET /places/{} */
void page_village_add(struct req *r); /* POST /places/{}/villages */

#endif

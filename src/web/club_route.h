/* club_route.h - the club a route names: every page and API under
 * /clubs/{code} begins here. Who may see the club is decided by the domain
 * (club_get, through domain/access.h); this only answers the refusal. */
#ifndef NCT_CLUB_ROUTE_H
#define NCT_CLUB_ROUTE_H

#include <stdbool.h>
#include "../base/date.h"
#include "../domain/club.h"
#include "request.h"

/* The club whose code is the route's first part, as of on. When there is no
 * such club (404) or the user may not see it (403), answers so and returns
 * false; else fills c and returns true. */
bool route_club(struct req *r, struct date on, struct club *c);

#endif

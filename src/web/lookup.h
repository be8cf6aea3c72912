/* lookup.h - the club or place a route names: every page and API under
 * /clubs/{code} begins with route_club. Who may see what is decided by the
 * domain (club_get, place_get, through domain/access.h); this only answers
 * the refusal. */
#ifndef NCT_LOOKUP_H
#define NCT_LOOKUP_H

#include <stdbool.h>
#include "../base/date.h"
#include "../domain/club.h"
#include "../domain/person.h"
#include "request.h"

/* The club whose code is the route's first part, as of on. When there is no
 * such club (404) or the user may not see it (403), answers so and returns
 * false; else fills c and returns true. */
bool route_club(struct req *r, struct date on, struct club *c);

/* The person whose id is the route's first part (a tombstone too). When it
 * is no number or there is no such person (404), or the user may not see them
 * (403), answers so and returns false; else fills p and returns true. */
bool route_person(struct req *r, struct person *p);

/* A whole number written in s (digits only, not 0), or 0. */
int64_t route_number(const char *s);

/* Answers a read of the place with code that failed with e: 403 when it lies
 * outside the user's area, 404 when there is none on that date, else the
 * store's error. */
void route_place_error(struct req *r, nct_err e, const char *code);

#endif

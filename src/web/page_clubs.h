/* page_clubs.h - the list of clubs and the form that adds one (page_clubs.c). */
#ifndef NCT_PAGE_CLUBS_H
#define NCT_PAGE_CLUBS_H

#include "request.h"

struct place;

void page_clubs(struct req *r); /* GET /clubs */
/* The place typed into a filter: its code, or a name (no diacritics needed)
 * of a unit in force on `on` that the user sees. *out is the one it names
 * (out->code[0] == '\0' when none), or *cand holds the units it might mean
 * (malloc'd; none: nothing by that name). */
nct_err typed_place(struct req *r, const char *typed, struct date on, struct place *out,
                    struct place **cand, size_t *n);
/* The notice of a place typed that names several units (links to path?place=CODE
 * keeping the query's arguments listed in kept, NULL-terminated) or none. */
void place_choice_links(struct req *r, const char *path, const char *const *kept,
                        const struct place *v, size_t n, const char *typed);
void page_club_add(struct req *r); /* POST /clubs */

#endif

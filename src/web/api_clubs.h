/* api_clubs.h - clubs, members and composition rules as JSON (api_clubs.c). */
#ifndef NCT_API_CLUBS_H
#define NCT_API_CLUBS_H

#include "request.h"

void api_clubs(struct req *r);                /* GET /api/v1/clubs */
void api_club_create(struct req *r);          /* POST /api/v1/clubs */
void api_club(struct req *r);                 /* GET /api/v1/clubs/{} */
void api_club_composition(struct req *r);     /* GET /api/v1/clubs/{}/composition */
void api_club_members(struct req *r);         /* GET /api/v1/clubs/{}/members */
void api_club_member_add(struct req *r);      /* POST /api/v1/clubs/{}/members */
void api_composition_rule(struct req *r);     /* GET /api/v1/composition-rules */
void api_composition_rule_add(struct req *r); /* POST /api/v1/composition-rules (admins) */

#endif

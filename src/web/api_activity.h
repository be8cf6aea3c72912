/* api_activity.h - a club's activities, home visits and assessments as JSON (api_activity.c). */
#ifndef NCT_API_ACTIVITY_H
#define NCT_API_ACTIVITY_H

#include "request.h"

void api_club_activities(struct req *r);        /* GET /api/v1/clubs/{}/activities */
void api_club_activity_add(struct req *r);      /* POST /api/v1/clubs/{}/activities */
void api_club_visits(struct req *r);            /* GET /api/v1/clubs/{}/visits */
void api_club_visit_add(struct req *r);         /* POST /api/v1/clubs/{}/visits */
void api_club_areas(struct req *r);             /* GET /api/v1/clubs/{}/areas */
void api_club_assessments(struct req *r);       /* GET /api/v1/clubs/{}/assessments */
void api_club_assessment_add(struct req *r);    /* POST /api/v1/clubs/{}/assessments */
void api_club_assessment_update(struct req *r); /* PUT /api/v1/clubs/{}/assessments/{} */
void api_activity_lists(struct req *r);         /* GET /api/v1/activity-lists */
void api_activity_list_add(struct req *r);      /* POST /api/v1/activity-lists (admins) */

#endif

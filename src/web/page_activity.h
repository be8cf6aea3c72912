/* page_activity.h - Hoạt động: the activity and assessment sections of the club
 * page, and the pages behind them (page_activity.c; the JSON endpoints are in
 * api_activity.h). */
#ifndef NCT_PAGE_ACTIVITY_H
#define NCT_PAGE_ACTIVITY_H

#include <stdbool.h>
#include "../domain/club.h"
#include "request.h"

/* The "Hoạt động" section for the club page: areas of the list in force with a
 * count each for the period ?from=&to= (default: this year so far), whether the
 * club carries out all activities, recent activities and home visits, and, when
 * edit (user_may_edit_club), the forms to log an activity and a home visit. */
void club_activity_section(struct req *r, const struct club *c, bool edit);

/* The yearly assessments, with the form for admins and province, district and
 * commune officers whose scope holds the club (never the club's own board). */
void club_assessment_section(struct req *r, const struct club *c);

void page_activities(struct req *r);        /* GET  /clubs/{}/activities */
void page_activity_add(struct req *r);      /* POST /clubs/{}/activities */
void page_visit_add(struct req *r);         /* POST /clubs/{}/visits */
void page_assessment_save(struct req *r);   /* POST /clubs/{}/assessments */
void page_activity_lists(struct req *r);    /* GET  /admin/activity-lists (admins) */
void page_activity_list_add(struct req *r); /* POST /admin/activity-lists (admins) */

#endif

/* api.h - sessions, the user, places, organisations and the audit as JSON (api.c). */
#ifndef NCT_API_H
#define NCT_API_H

#include "request.h"

void api_session_create(struct req *r); /* POST /api/v1/session */
void api_session_delete(struct req *r); /* DELETE /api/v1/session */
void api_me(struct req *r);             /* GET /api/v1/me */
void api_places(struct req *r);         /* GET /api/v1/places */
void api_place(struct req *r);          /* GET /api/v1/places/{} */
void api_orgs(struct req *r);           /* GET /api/v1/orgs */
void api_audit(struct req *r);          /* GET /api/v1/audit (admins) */

/* The request's ?date= (req_date: today when absent) into on; when it is not
 * a date, answers 400 invalid and returns false. */
struct date;
bool api_date(struct req *r, struct date *on);

#endif

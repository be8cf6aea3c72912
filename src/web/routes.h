/* routes.h - what the route table (routes.c) shares with the handlers; each
 * page_*.c and api*.c declares its handlers in a header of its own. */
#ifndef NCT_ROUTES_H
#define NCT_ROUTES_H

#include "request.h"

#define SESSION_COOKIE "nct_session"
#define LANG_COOKIE    "nct_lang"

/* Sets the session cookie (token NULL: clears it). */
void set_session_cookie(struct req *r, const char *token);

#endif

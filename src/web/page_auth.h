/* page_auth.h - logging in and out, the password, the language (page_auth.c). */
#ifndef NCT_PAGE_AUTH_H
#define NCT_PAGE_AUTH_H

#include "request.h"

void page_login_form(struct req *r);    /* GET /login */
void page_login(struct req *r);         /* POST /login */
void page_logout(struct req *r);        /* POST /logout */
void page_password_form(struct req *r); /* GET /password */
void page_password(struct req *r);      /* POST /password */
void page_lang(struct req *r);          /* POST /lang */

#endif

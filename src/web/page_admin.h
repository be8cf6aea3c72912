/* page_admin.h - administration: users and the audit log (page_admin.c). */
#ifndef NCT_PAGE_ADMIN_H
#define NCT_PAGE_ADMIN_H

#include <stdbool.h>
#include "request.h"

void page_users(struct req *r);        /* GET /admin/users (admins) */
void page_user_add(struct req *r);     /* POST /admin/users (admins) */
void page_user_disable(struct req *r); /* POST /admin/users/{}/disable (admins) */
void page_audit(struct req *r);        /* GET /admin/audit (admins) */

struct audit_filter;
/* Reads ?entity=&user=&action=&from=&to=&before= ; false when malformed
 * (the audit page and GET /api/v1/audit). */
bool audit_filter_from(const struct req *r, struct audit_filter *f);

#endif

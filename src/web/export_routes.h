/* export_routes.h - a club's files over HTTP: download its tables as CSV or
 * XLSX, and import members from an uploaded CSV or XLSX (a form on the club
 * page, or the raw file to the JSON API). The route table is in routes.c. */
#ifndef NCT_EXPORT_ROUTES_H
#define NCT_EXPORT_ROUTES_H

#include <stdbool.h>
#include "../domain/club.h"
#include "request.h"

/* GET /clubs/{code}/members.csv and /clubs/{code}/members.xlsx: the members
 * as an attachment named members-CODE-YYYY-MM-DD.csv|xlsx, to whoever may see
 * the club; each download writes an audit row (personal data left the system). */
void export_members_csv(struct req *r);
void export_members_xlsx(struct req *r);

/* GET /persons.csv and /persons.xlsx: the register's list with the filters
 * of /persons (every page, without sensitive fields), as persons-YYYY-MM-DD.csv|xlsx;
 * each download writes an audit row. */
void export_persons_csv(struct req *r);
void export_persons_xlsx(struct req *r);

/* GET /clubs/{code}/activities|ledger|loans.csv|xlsx: the club's activities,
 * fund ledger and loans (club_tables.h), the same way. */
void export_activities_csv(struct req *r);
void export_activities_xlsx(struct req *r);
void export_ledger_csv(struct req *r);
void export_ledger_xlsx(struct req *r);
void export_loans_csv(struct req *r);
void export_loans_xlsx(struct req *r);

/* POST /clubs/{code}/members/import, multipart/form-data with the fields
 * file (the .xlsx or .csv), dry_run (optional, "1": check only) and csrf.
 * The route carries R_NOCSRF because the router cannot read a multipart
 * body: this handler checks the csrf field (or X-CSRF-Token) itself before
 * anything else. Answers with a page: the summary and every rejected line. */
void page_members_import(struct req *r);

/* POST /api/v1/clubs/{code}/members/import[?dry_run=1] with the file as the
 * raw body (Content-Type text/csv, the XLSX type, or
 * application/octet-stream; the content decides). 200 with the report when
 * imported (or a clean dry run), 422 with the report and an "error" member when
 * rows were rejected, 413 past the limits. */
void api_members_import(struct req *r);

/* The club page's section: download links, and for editors the upload form. */
void export_club_tools(struct req *r, const struct club *c, bool edit);

/* An upload's CSRF check: the X-CSRF-Token header or the form's csrf part
 * (bearer tokens need none). */
struct multipart;
bool upload_csrf_ok(const struct req *r, const struct multipart *mp);
/* An upload form's parts into *mp, its CSRF checked; false when the answer
 * (400 unreadable, 403 csrf) has been given. */
bool upload_form_read(struct req *r, struct multipart *mp);
/* Whether an API upload's Content-Type is a CSV, an .xlsx or octet-stream. */
bool upload_type_ok(const char *ct);

#endif

/* page_import.h - the register's import (issue 8, item 8) on the pages and in
 * the API: the same importer as nct import persons (export/person_import.h).
 *
 * The page goes in steps: upload a CSV or XLSX (/persons/import, multipart,
 * within the server's request size, as the members' import), see the columns
 * as guessed (or remembered for the same header set) with a select per column
 * to change them, the dry run's row-by-row report a page at a time, then the
 * write, all or nothing. The file waits between the steps in a private
 * temporary file of the user's own (person_upload_save). */
#ifndef NCT_PAGE_IMPORT_H
#define NCT_PAGE_IMPORT_H

#include "request.h"

void page_persons_import_form(struct req *r);   /* GET /persons/import */
void page_persons_import_upload(struct req *r); /* POST /persons/import (multipart) */
void page_persons_import_review(struct req *r); /* GET /persons/import/{token} */
void page_persons_import_write(struct req *r);  /* POST /persons/import/{token}/write */
/* POST /api/v1/persons/import?dry_run=1&place=&map=: the file as the body. */
void api_persons_import(struct req *r);

#endif

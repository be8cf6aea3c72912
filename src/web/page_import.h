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
/* GET /persons/import/{token}: the dry run, or its result kept for the same
 * mapping and place (paging); again=1 runs it once more. One dry run a user
 * at a time (503 otherwise, the API's included). */
void page_persons_import_review(struct req *r);
/* POST /persons/import/{token}/write: the write starts as a job in the server
 * (one at a time: 503 while another runs) and the answer goes to its progress. */
void page_persons_import_write(struct req *r);
/* GET /persons/import/{token}/progress: the pass and the share of the file
 * read, reloading itself every 2 s (a Refresh header: no JavaScript) until the
 * job is done, then its result. */
void page_persons_import_progress(struct req *r);
/* GET /persons/import/{token}/progress.json: {"state": "running|done", "pass",
 * "bytes_done", "bytes_total", "percent"}, and when done "written", "rows",
 * "created", "existing", "refused", "summary". */
void page_persons_import_progress_json(struct req *r);
/* Removes the uploads left unwritten for over a day (person_upload_sweep):
 * the server calls it at start, and each new upload does. */
void import_uploads_sweep(void);
/* Waits until no import job runs: the server calls it before closing the
 * store's connections. */
void import_jobs_drain(void);
/* POST /api/v1/persons/import?dry_run=1&place=&map=: the file as the body; a
 * write takes the same one place as the page's jobs (503 while taken). */
void api_persons_import(struct req *r);

#endif

/* page_worklists.h - the two work lists of a place on a date (issue 9): the
 * API under /api/v1/worklists, the page /worklists, and the reason of each
 * line in words. */
#ifndef NCT_PAGE_WORKLISTS_H
#define NCT_PAGE_WORKLISTS_H

#include <stddef.h>
#include "../domain/worklist.h"
#include "request.h"

/* The line's reason as a sentence ("Đã mất ngày 10/09/2025, vẫn đang được chi trả"). */
void worklist_reason_text(const struct worklist_line *l, const char *lang, char *out, size_t cap);

/* The page of a list an API request asks for (per_page, after: docs/api.md);
 * false when refused (answered). */
bool api_list_cursor(struct req *r, int64_t *after, int64_t *before, size_t *limit);
/* Lines a page of a list shows (the API's default is larger). */
#define PAGE_LINES     100
#define PAGE_LINES_MAX 1000 /* per_page on a page */
/* Links to the page before (before=prev) and after (after=next) at path,
 * keeping the query's arguments keep; nothing when both are 0. */
void list_cursor_pager(struct req *r, const char *path, const char *const *keep, size_t nkeep,
                       int64_t prev, int64_t next);
/* The same with the page's default and largest size (the pages show fewer). */
bool list_cursor(struct req *r, long long dflt, long long max, int64_t *after, int64_t *before,
                 size_t *limit);

void api_worklist_eligible(struct req *r);  /* GET /api/v1/worklists/eligible-not-receiving */
void api_worklist_receiving(struct req *r); /* GET /api/v1/worklists/receiving-not-eligible */
void page_worklists(struct req *r);         /* GET /worklists */

#endif

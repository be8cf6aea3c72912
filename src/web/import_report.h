/* import_report.h - an import's report (export/import.h) in words: each
 * issue (a refusal, the reader's or the domain's) in the user's language
 * through wording.h, the summary,
 * and the report as JSON for the API and nct import --json. */
#ifndef NCT_IMPORT_REPORT_H
#define NCT_IMPORT_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include "../export/import.h"
#include "../export/person_import.h"

/* The reason of issue is in lang into out (at most cap bytes). */
void import_issue_text(const struct import_issue *is, const char *lang, char *out, size_t cap);

struct req;
/* The table rows (line, or "cả tệp"; reason in the user's language) of the
 * issues from..to-1 of rep. */
void import_issue_rows(struct req *r, const struct import_report *rep, size_t from, size_t to);

/* One line saying what became of the import (rep->result), in lang. */
void import_summary(const struct import_report *rep, const char *lang, char *out, size_t cap);

/* The report as a new JSON object: dry_run, written, rows, created, existing,
 * summary, errors [{line, message, reason?, field?}]. NULL when out of memory. */
json_t *import_report_json(const struct import_report *rep, const char *lang);

/* One line saying what became of a person import, in lang. */
void person_import_summary(const struct person_import_report *rep, const char *lang, char *out,
                           size_t cap);

/* A person import's report as JSON (import_report_json with the file when not
 * NULL, mapping {field: column from 0}, mapping_remembered, refused,
 * possible_duplicates [{line, other_line, person, hidden, same_citizen_id}] and
 * possible_duplicates_total). NULL when out of memory. */
json_t *person_import_json(const char *file, const struct person_import_report *rep,
                           const char *lang);

#endif

/* plan_file.h - a plan's file (docs/plans.md) as bytes: read into a jansson
 * value for plan_import, written from plan_export's value the way the files
 * of data/plans are (two-space indent, fields in order, UTF-8 unescaped, a
 * final newline), so an imported plan comes back byte for byte. */
#ifndef NCT_PLAN_FILE_H
#define NCT_PLAN_FILE_H

#include <stddef.h>
#include "../base/err.h"

struct json_t;

#define PLAN_FILE_MAX (16u * 1024u * 1024u) /* bytes of one plan file */

/* Parses len bytes of a plan file. NCT_ERR_INVALID when they are not JSON
 * (where: "line L, column C: what", in English, into msg), NCT_ERR_TOOBIG
 * past PLAN_FILE_MAX. *out is a new reference. */
nct_err plan_file_parse(const char *data, size_t len, struct json_t **out, char *msg,
                        size_t msglen);
/* The file's bytes of doc, malloc'd and NUL-terminated; NULL when out of
 * memory. */
char *plan_file_text(const struct json_t *doc);

#endif

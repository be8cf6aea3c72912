/* plan_file.c - a plan's file as bytes (plan_file.h). */
#include "plan_file.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

nct_err plan_file_parse(const char *data, size_t len, struct json_t **out, char *msg, size_t msglen)
{
	json_error_t err;
	*out = NULL;
	if (len > PLAN_FILE_MAX) {
		snprintf(msg, msglen, "the file is larger than %u bytes", PLAN_FILE_MAX);
		return NCT_ERR_TOOBIG;
	}
	*out = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!*out) {
		snprintf(msg, msglen, "line %d, column %d: %s", err.line, err.column, err.text);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

char *plan_file_text(const struct json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t n = s ? strlen(s) : 0;
	char *r = s ? realloc(s, n + 2) : NULL;
	if (!r) {
		free(s);
		return NULL;
	}
	r[n] = '\n';
	r[n + 1] = '\0';
	return r;
}

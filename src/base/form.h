/* form.h - parsers for what arrives in a request: URL-encoded forms and query
 * strings, and Cookie headers. Every parser here is fuzzed (tests/fuzz). */
#ifndef NCT_FORM_H
#define NCT_FORM_H

#include <stddef.h>
#include "err.h"

#define FORM_MAX_FIELDS 256
#define FORM_MAX_KEY    128

struct form_field {
	char *key;   /* decoded, NUL-terminated, valid UTF-8 */
	char *value; /* decoded, NUL-terminated, valid UTF-8 */
};

struct form {
	struct form_field *fields;
	size_t n;
	size_t max_fields;
};

/* Initialises an empty form that will accept at most max_fields fields. */
void form_init(struct form *f, size_t max_fields);
void form_free(struct form *f);

/* Parses "a=1&b=x+y%20z" (application/x-www-form-urlencoded, also used for
 * query strings) and appends the fields. '+' is a space; %XX is a byte; an
 * empty segment ("a=1&&b=2") is skipped; a key without '=' has value "".
 * Fails with NCT_ERR_INVALID on a bad %-escape, a NUL byte, malformed UTF-8
 * after decoding, or a key longer than FORM_MAX_KEY; NCT_ERR_TOOBIG past
 * max_fields. On failure the fields parsed so far are kept (form_free frees). */
nct_err form_parse_urlencoded(struct form *f, const char *s, size_t len);

/* Parses a Cookie header: "a=1; b=2". Values are taken as they are (no
 * %-decoding); surrounding double quotes are removed. Same failures. */
nct_err form_parse_cookies(struct form *f, const char *s, size_t len);

/* Adds one field (copies both strings). */
nct_err form_add(struct form *f, const char *key, const char *value);

/* The value of the first field named key, or NULL. */
const char *form_get(const struct form *f, const char *key);

/* Decodes %XX and '+' of s[0..len) into a new malloc'd NUL-terminated string.
 * Returns NULL on a bad escape, an embedded NUL, or no memory. */
char *form_urldecode(const char *s, size_t len);

#endif

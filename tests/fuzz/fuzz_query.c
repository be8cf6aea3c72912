/* fuzz_query.c - a request target "path?query" as the web layer takes it
 * apart: form_urldecode on the path, form_parse_urlencoded on the query. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/form.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_form(const struct form *f, size_t size)
{
	if (f->n > f->max_fields)
		abort();
	for (size_t i = 0; i < f->n; i++) {
		const char *k = f->fields[i].key, *v = f->fields[i].value;
		size_t klen = strlen(k), vlen = strlen(v);
		if (klen > FORM_MAX_KEY || klen > size || vlen > size)
			abort();
		if (!text_valid_utf8(k, klen) || !text_valid_utf8(v, vlen))
			abort();
	}
}

/* A decoded path is never longer than its source, and a source with nothing
 * to decode or reject comes back unchanged. */
static void check_path(const char *path, size_t len)
{
	char *dec = form_urldecode(path, len);
	bool plain = !memchr(path, '%', len) && !memchr(path, '+', len) && !memchr(path, 0, len);

	if (dec && strlen(dec) > len)
		abort();
	if (plain && (!dec || strlen(dec) != len || memcmp(dec, path, len) != 0))
		abort();
	free(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *q = memchr(s, '?', size);
	size_t plen = q ? (size_t)(q - s) : size;
	struct form f;

	check_path(s, plen);
	if (!q)
		return 0;
	form_init(&f, FORM_MAX_FIELDS);
	nct_err e = form_parse_urlencoded(&f, q + 1, size - plen - 1);
	if (e != NCT_OK && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG && e != NCT_ERR_NOMEM)
		abort();
	check_form(&f, size);
	form_free(&f);
	return 0;
}

/* fuzz_cookie.c - form_parse_cookies on arbitrary bytes (a Cookie header). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/form.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* What struct form_field promises, plus what cookie parsing adds: names
 * carry no whitespace at either end and no ';' (the separator). */
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
		if (strchr(k, ';') || strchr(v, ';'))
			abort();
		if (klen && (is_ows(k[0]) || is_ows(k[klen - 1])))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form f;

	form_init(&f, FORM_MAX_FIELDS);
	nct_err e = form_parse_cookies(&f, (const char *)data, size);
	if (e != NCT_OK && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG && e != NCT_ERR_NOMEM)
		abort();
	if (e == NCT_ERR_TOOBIG && f.n != FORM_MAX_FIELDS)
		abort();
	check_form(&f, size);
	form_free(&f);
	return 0;
}

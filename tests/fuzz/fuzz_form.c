/* fuzz_form.c - form_parse_urlencoded on arbitrary bytes (a request body). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/form.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What struct form_field promises: a key of at most FORM_MAX_KEY bytes and
 * both sides valid UTF-8 with no NUL inside, so none longer than the input. */
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
		if (!form_get(f, k))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form f;

	form_init(&f, FORM_MAX_FIELDS);
	nct_err e = form_parse_urlencoded(&f, (const char *)data, size);
	if (e != NCT_OK && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG && e != NCT_ERR_NOMEM)
		abort();
	if (e == NCT_ERR_TOOBIG && f.n != FORM_MAX_FIELDS)
		abort();
	check_form(&f, size);
	form_free(&f);
	return 0;
}

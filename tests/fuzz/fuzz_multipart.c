/* fuzz_multipart.c - multipart/form-data bodies over arbitrary bytes. The
 * input's first line is the Content-Type, the rest the body; every part found
 * must lie inside the body, with its NUL-terminated names in bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char ct[256];
	const char *p = (const char *)data, *nl = memchr(p, '\n', size);
	size_t k = nl ? (size_t)(nl - p) : 0;
	if (!nl || k >= sizeof ct || memchr(p, '\0', k))
		return 0;
	memcpy(ct, p, k);
	ct[k] = '\0';
	const char *body = nl + 1;
	size_t len = size - k - 1;
	struct multipart mp;
	nct_err e = multipart_parse(ct, body, len, &mp);
	if (e != NCT_OK && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG)
		abort();
	if (mp.n > MULTIPART_MAX_PARTS)
		abort();
	for (size_t i = 0; e == NCT_OK && i < mp.n; i++) {
		const struct multipart_part *m = &mp.parts[i];
		if (m->data < body || m->data + m->len > body + len || !m->name[0] ||
		    strlen(m->name) >= sizeof m->name ||
		    strlen(m->filename) >= sizeof m->filename ||
		    strlen(m->ctype) >= sizeof m->ctype)
			abort();
	}
	return 0;
}

/* fuzz_csv.c - csv_next over arbitrary bytes (an uploaded file) until the end
 * or the first error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_record(const struct csv *c)
{
	if (c->nfields < 1 || c->nfields > CSV_MAX_FIELDS)
		abort();
	for (size_t i = 0; i < c->nfields; i++) {
		size_t len = strlen(c->fields[i]);
		if (len > CSV_MAX_FIELD || !text_valid_utf8(c->fields[i], len))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv c;
	size_t records = 0, last_line = 0;
	nct_err e;

	csv_init(&c, (const char *)data, size);
	while ((e = csv_next(&c)) == NCT_OK) {
		check_record(&c);
		/* Every record takes at least one byte and starts on a later line. */
		if (++records > size || c.line <= last_line)
			abort();
		last_line = c.line;
	}
	if (e != NCT_ERR_NOTFOUND && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG &&
	    e != NCT_ERR_NOMEM)
		abort();
	if (c.nfields != 0)
		abort();
	/* The end stays the end, and a failure stays a failure. */
	nct_err again = csv_next(&c);
	if (e == NCT_ERR_NOTFOUND ? again != NCT_ERR_NOTFOUND : again != NCT_ERR_INVALID)
		abort();
	csv_free(&c);
	return 0;
}

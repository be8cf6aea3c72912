/* csv.h - an RFC 4180 reader with hard limits, for files people upload and
 * for the reference data in data/. */
#ifndef NCT_CSV_H
#define NCT_CSV_H

#include <stddef.h>
#include "err.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD  8192

struct csv {
	const char *p;   /* next byte to read */
	const char *end; /* one past the last byte */
	size_t line;     /* 1-based line number of the record last read */
	char *fields[CSV_MAX_FIELDS];
	size_t nfields;
	char *store; /* backing storage of fields, owned */
	size_t store_cap;
};

/* Reads from data[0..len), which must stay valid while the reader is used.
 * A leading UTF-8 byte order mark is skipped. */
void csv_init(struct csv *c, const char *data, size_t len);
void csv_free(struct csv *c);

/* Reads the next record into c->fields / c->nfields (NUL-terminated strings,
 * valid until the next call). Accepts LF and CRLF line ends, quoted fields with
 * "" escapes and embedded newlines. Returns NCT_OK with a record,
 * NCT_ERR_NOTFOUND at end of input, NCT_ERR_INVALID on a stray quote, an
 * unterminated quoted field, a NUL byte or malformed UTF-8, NCT_ERR_TOOBIG on
 * more than CSV_MAX_FIELDS fields or a field over CSV_MAX_FIELD bytes. c->line
 * tells where. A blank line is skipped. */
nct_err csv_next(struct csv *c);

#endif

/* csv.c - RFC 4180 reader.
 *
 * A record is parsed into c->store (field after field, each NUL-terminated)
 * with a cursor that is committed to the struct only when the whole record is
 * good, so the fields never point at half a record. The store never needs more
 * than CSV_MAX_FIELDS fields of CSV_MAX_FIELD bytes plus their NULs, because
 * both limits are checked before anything is copied. */
#include "csv.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define CSV_STORE_FIRST 1024
#define CSV_STORE_MAX   ((size_t)CSV_MAX_FIELDS * (CSV_MAX_FIELD + 1))

struct csv_cursor {
	const char *p;
	size_t line;                  /* 1-based line of p */
	size_t used;                  /* bytes of c->store taken by this record */
	size_t start[CSV_MAX_FIELDS]; /* where each field begins in c->store */
	size_t n;                     /* fields begun */
};

void csv_init(struct csv *c, const char *data, size_t len)
{
	static const char bom[] = "\xEF\xBB\xBF";

	if (!data) {
		data = "";
		len = 0;
	}
	c->p = data;
	c->end = data + len;
	if (len >= 3 && memcmp(data, bom, 3) == 0)
		c->p += 3;
	c->line = 0;
	for (size_t i = 0; i < CSV_MAX_FIELDS; i++)
		c->fields[i] = NULL;
	c->nfields = 0;
	c->store = NULL;
	c->store_cap = 0;
}

void csv_free(struct csv *c)
{
	free(c->store);
	c->store = NULL;
	c->store_cap = 0;
	c->nfields = 0;
}

static nct_err store_add(struct csv *c, struct csv_cursor *cur, const char *s, size_t n)
{
	size_t need = cur->used + n;

	assert(need <= CSV_STORE_MAX);
	if (need > c->store_cap) {
		size_t cap = c->store_cap ? c->store_cap : CSV_STORE_FIRST;
		while (cap < need)
			cap *= 2;
		if (cap > CSV_STORE_MAX)
			cap = CSV_STORE_MAX;
		char *p = realloc(c->store, cap);
		if (!p)
			return NCT_ERR_NOMEM;
		c->store = p;
		c->store_cap = cap;
	}
	if (n)
		memcpy(c->store + cur->used, s, n);
	cur->used = need;
	return NCT_OK;
}

/* Length of the line end at p (LF, CRLF, or a CR that ends the input), or 0. */
static size_t line_end_len(const struct csv *c, const char *p)
{
	if (p == c->end)
		return 0;
	if (*p == '\n')
		return 1;
	if (*p != '\r')
		return 0;
	if (p + 1 == c->end)
		return 1;
	return p[1] == '\n' ? 2 : 0;
}

/* True when p is where a field may end: a comma, a line end, the input's end. */
static bool at_field_end(const struct csv *c, const char *p)
{
	return p == c->end || *p == ',' || line_end_len(c, p) > 0;
}

static size_t count_newlines(const char *s, size_t len)
{
	size_t n = 0;
	const char *nl;

	while ((nl = memchr(s, '\n', len)) != NULL) {
		n++;
		len -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	return n;
}

/* Only a quoted field holds a newline, and it keeps every one, so the line
 * after the last record follows from its fields. */
static size_t record_newlines(const struct csv *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nfields; i++)
		n += count_newlines(c->fields[i], strlen(c->fields[i]));
	return n;
}

static nct_err read_unquoted(struct csv *c, struct csv_cursor *cur)
{
	const char *s = cur->p;

	while (cur->p < c->end && *cur->p != ',' && *cur->p != '\n') {
		if (*cur->p == '"')
			return NCT_ERR_INVALID; /* a quote inside an unquoted field */
		if (*cur->p == '\r') {
			if (line_end_len(c, cur->p))
				break;
			return NCT_ERR_INVALID; /* a bare CR is no line end here */
		}
		cur->p++;
	}
	size_t len = (size_t)(cur->p - s);
	if (len > CSV_MAX_FIELD)
		return NCT_ERR_TOOBIG;
	return store_add(c, cur, s, len);
}

/* cur->p is at the opening quote. */
static nct_err read_quoted(struct csv *c, struct csv_cursor *cur)
{
	size_t open_line = cur->line, flen = 0;

	cur->p++;
	for (;;) {
		const char *q = memchr(cur->p, '"', (size_t)(c->end - cur->p));
		if (!q) {
			cur->line = open_line;
			return NCT_ERR_INVALID; /* unterminated */
		}
		bool escaped = q + 1 < c->end && q[1] == '"';
		size_t n = (size_t)(q - cur->p) + escaped; /* keeps one quote of "" */
		if (n > CSV_MAX_FIELD - flen)
			return NCT_ERR_TOOBIG;
		nct_err e = store_add(c, cur, cur->p, n);
		if (e)
			return e;
		flen += n;
		cur->line += count_newlines(cur->p, n);
		cur->p = q + 1 + escaped;
		if (!escaped)
			break;
	}
	if (!at_field_end(c, cur->p))
		return NCT_ERR_INVALID; /* text after the closing quote */
	return NCT_OK;
}

/* Terminates the field begun at start and checks its text. */
static nct_err end_field(struct csv *c, struct csv_cursor *cur, size_t start)
{
	if (!text_valid_utf8(c->store ? c->store + start : "", cur->used - start))
		return NCT_ERR_INVALID;
	return store_add(c, cur, "", 1);
}

static nct_err read_record(struct csv *c, struct csv_cursor *cur)
{
	for (;;) {
		nct_err e;
		if (cur->n == CSV_MAX_FIELDS)
			return NCT_ERR_TOOBIG;
		size_t start = cur->used;
		cur->start[cur->n++] = start;
		if (cur->p < c->end && *cur->p == '"')
			e = read_quoted(c, cur);
		else
			e = read_unquoted(c, cur);
		if (!e)
			e = end_field(c, cur, start);
		if (e)
			return e;
		if (cur->p == c->end || *cur->p != ',')
			break;
		cur->p++;
	}
	cur->p += line_end_len(c, cur->p);
	return NCT_OK;
}

static void skip_blank_lines(const struct csv *c, struct csv_cursor *cur)
{
	size_t n;

	while ((n = line_end_len(c, cur->p)) > 0) {
		cur->p += n;
		cur->line++;
	}
}

nct_err csv_next(struct csv *c)
{
	struct csv_cursor cur;

	/* After a failure the reader stays failed rather than resynchronising
	 * somewhere in the middle of a record. */
	if (!c->p)
		return NCT_ERR_INVALID;
	cur.p = c->p;
	cur.line = c->line + 1 + record_newlines(c);
	cur.used = 0;
	cur.n = 0;
	c->nfields = 0;
	skip_blank_lines(c, &cur);
	c->line = cur.line;
	if (cur.p == c->end) {
		c->p = cur.p;
		return NCT_ERR_NOTFOUND;
	}
	nct_err e = read_record(c, &cur);
	if (e) {
		c->line = cur.line;
		c->p = NULL;
		return e;
	}
	for (size_t i = 0; i < cur.n; i++)
		c->fields[i] = c->store + cur.start[i];
	c->nfields = cur.n;
	c->p = cur.p;
	return NCT_OK;
}

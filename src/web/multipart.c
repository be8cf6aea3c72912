/* multipart.c - multipart/form-data: find each delimiter line, read the
 * part's few header lines, and point at the bytes up to the next delimiter. */
#include "multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX 70

static bool ci_prefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && strncasecmp(s, lit, k) == 0;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Reads one parameter value at *p (a quoted string, with \-escapes, or a
 * token up to ';') into out; false when malformed or too long. */
static bool param_value(const char **p, const char *end, char *out, size_t cap)
{
	const char *s = *p;
	size_t n = 0;
	bool quoted = s < end && *s == '"';
	if (quoted)
		s++;
	for (; s < end; s++) {
		if (quoted && *s == '"')
			break;
		if (!quoted && (*s == ';' || *s == ' ' || *s == '\t'))
			break;
		if (quoted && *s == '\\' && s + 1 < end)
			s++;
		if (n + 1 >= cap || *s == '\0')
			return false;
		out[n++] = *s;
	}
	if (quoted && (s == end || *s != '"'))
		return false;
	out[n] = '\0';
	*p = quoted ? s + 1 : s;
	return true;
}

struct want {
	const char *key;
	char *out;
	size_t cap;
};

/* Walks the "; key=value" parameters of a header value, copying the values
 * of the keys wanted (case-insensitive); the others are checked and skipped. */
static bool params(const char *p, const char *end, const struct want *w, size_t nw)
{
	while ((p = skip_ws(p, end)) < end) {
		if (*p++ != ';')
			return false;
		p = skip_ws(p, end);
		const char *k = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		if (p == end || *p != '=')
			return false;
		size_t klen = (size_t)(p++ - k);
		char scratch[256];
		struct want dst = {NULL, scratch, sizeof scratch};
		for (size_t i = 0; i < nw; i++)
			if (strlen(w[i].key) == klen && strncasecmp(k, w[i].key, klen) == 0)
				dst = w[i];
		if (!param_value(&p, end, dst.out, dst.cap))
			return false;
	}
	return true;
}

static bool header_line(const char *p, const char *end, struct multipart_part *part)
{
	static const char cd[] = "content-disposition:", ct[] = "content-type:";
	size_t n = (size_t)(end - p);
	if (ci_prefix(p, n, cd)) {
		p = skip_ws(p + sizeof cd - 1, end);
		if (!ci_prefix(p, (size_t)(end - p), "form-data"))
			return false;
		const struct want w[] = {{"name", part->name, sizeof part->name},
		                         {"filename", part->filename, sizeof part->filename}};
		return params(p + 9, end, w, 2);
	}
	if (ci_prefix(p, n, ct)) {
		p = skip_ws(p + sizeof ct - 1, end);
		size_t k = (size_t)(end - p);
		if (k >= sizeof part->ctype || memchr(p, '\0', k))
			return false;
		memcpy(part->ctype, p, k);
		part->ctype[k] = '\0';
	}
	return true; /* other headers are ignored */
}

/* The header lines [p, end), each ending in CRLF except the last. */
static bool headers(const char *p, const char *end, struct multipart_part *part)
{
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		const char *le = eol ? eol : end;
		if (!header_line(p, le, part))
			return false;
		p = eol ? eol + 2 : end;
	}
	return part->name[0] != '\0';
}

/* The boundary parameter of a multipart/form-data content type. */
static bool boundary_of(const char *ct, char out[BOUNDARY_MAX + 1])
{
	static const char type[] = "multipart/form-data";
	if (!ct || !ci_prefix(ct, strlen(ct), type))
		return false;
	const char *p = ct + sizeof type - 1;
	const struct want w = {"boundary", out, BOUNDARY_MAX + 1};
	out[0] = '\0';
	return params(p, p + strlen(p), &w, 1) && out[0] != '\0';
}

/* One part starting after its delimiter line at p: headers, then data up to
 * the next delimiter (returned in *next, at its "--"). */
static nct_err part_read(const char *p, const char *end, const char *delim, size_t dlen,
                         struct multipart_part *part, const char **next)
{
	const char *hend;
	memset(part, 0, sizeof *part);
	if (end - p >= 2 && memcmp(p, "\r\n", 2) == 0) {
		hend = p; /* no header lines at all */
	} else {
		size_t look = (size_t)(end - p);
		hend = memmem(p, look < MULTIPART_MAX_HEADER ? look : MULTIPART_MAX_HEADER,
		              "\r\n\r\n", 4);
		if (!hend)
			return NCT_ERR_INVALID;
	}
	if (!headers(p, hend, part))
		return NCT_ERR_INVALID;
	const char *data = hend + (hend == p ? 2 : 4);
	const char *d = memmem(data, (size_t)(end - data), delim, dlen);
	if (!d)
		return NCT_ERR_INVALID;
	part->data = data;
	part->len = (size_t)(d - data);
	*next = d + 2; /* past the CRLF: at "--boundary" */
	return NCT_OK;
}

nct_err multipart_parse(const char *content_type, const char *body, size_t len,
                        struct multipart *out)
{
	char b[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5];
	out->n = 0;
	if (!boundary_of(content_type, b) || strlen(b) > BOUNDARY_MAX || !body)
		return NCT_ERR_INVALID;
	size_t blen = strlen(b), dlen = blen + 4;
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, blen);
	const char *end = body + len, *p;
	/* the first delimiter opens the body, or follows a preamble line */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body;
	else if ((p = memmem(body, len, delim, dlen)))
		p += 2;
	else
		return NCT_ERR_INVALID;
	for (;;) {
		p += dlen - 2;
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			return NCT_OK; /* the close delimiter; the epilogue is ignored */
		p = skip_ws(p, end);
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0)
			return NCT_ERR_INVALID;
		if (out->n == MULTIPART_MAX_PARTS)
			return NCT_ERR_TOOBIG;
		nct_err e = part_read(p + 2, end, delim, dlen, &out->parts[out->n], &p);
		if (e)
			return e;
		out->n++;
	}
}

const struct multipart_part *multipart_get(const struct multipart *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->parts[i].name, name) == 0)
			return &m->parts[i];
	return NULL;
}

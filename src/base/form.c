/* form.c - URL-encoded forms, query strings and Cookie headers.
 *
 * Both formats are lists of key=value pairs split on one separator; one worker
 * (form_parse_list) walks the list and a per-format function turns each pair
 * into a field. Every field passes through form_take, which holds the rules a
 * struct form_field promises: a key of at most FORM_MAX_KEY bytes, valid
 * UTF-8 without NUL on both sides, at most max_fields fields. */
#include "form.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define FORM_FIRST_ALLOC 8

void form_init(struct form *f, size_t max_fields)
{
	f->fields = NULL;
	f->n = 0;
	f->max_fields = max_fields;
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->fields[i].key);
		free(f->fields[i].value);
	}
	free(f->fields);
	f->fields = NULL;
	f->n = 0;
}

/* The struct keeps no capacity, so it follows from n: the array is allocated
 * at FORM_FIRST_ALLOC entries and doubled each time n reaches a power of two
 * beyond that, never past max_fields. */
static nct_err form_reserve(struct form *f)
{
	size_t n = f->n, cap;

	if (n >= f->max_fields)
		return NCT_ERR_TOOBIG;
	if (n == 0)
		cap = FORM_FIRST_ALLOC;
	else if (n >= FORM_FIRST_ALLOC && (n & (n - 1)) == 0)
		cap = n * 2;
	else
		return NCT_OK;
	if (cap > f->max_fields)
		cap = f->max_fields;
	if (cap > SIZE_MAX / sizeof(*f->fields))
		return NCT_ERR_NOMEM;
	struct form_field *p = realloc(f->fields, cap * sizeof(*p));
	if (!p)
		return NCT_ERR_NOMEM;
	f->fields = p;
	return NCT_OK;
}

/* Appends key and value, which must be malloc'd and NUL-terminated at klen
 * and vlen; the form owns them from here on, also when this fails. */
static nct_err form_take(struct form *f, char *key, size_t klen, char *value, size_t vlen)
{
	nct_err e = NCT_ERR_INVALID;

	if (klen > FORM_MAX_KEY || !text_valid_utf8(key, klen) || !text_valid_utf8(value, vlen))
		goto fail;
	e = form_reserve(f);
	if (e)
		goto fail;
	f->fields[f->n].key = key;
	f->fields[f->n].value = value;
	f->n++;
	return NCT_OK;
fail:
	free(key);
	free(value);
	return e;
}

static char *memdup0(const char *s, size_t len)
{
	char *p = malloc(len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

nct_err form_add(struct form *f, const char *key, const char *value)
{
	size_t klen = strlen(key), vlen = strlen(value);
	char *k = memdup0(key, klen);
	char *v = memdup0(value, vlen);

	if (!k || !v) {
		free(k);
		free(v);
		return NCT_ERR_NOMEM;
	}
	return form_take(f, k, klen, v, vlen);
}

const char *form_get(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].key, key) == 0)
			return f->fields[i].value;
	}
	return NULL;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into out, which has room for len + 1 bytes; the result is
 * never longer than the input. Fails on a bad %-escape or a NUL, raw or
 * escaped, since no caller could tell an embedded NUL from the end. */
static nct_err url_decode_into(const char *s, size_t len, char *out, size_t *outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (len - i < 3)
				return NCT_ERR_INVALID;
			int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NCT_ERR_INVALID;
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		if (c == '\0')
			return NCT_ERR_INVALID;
		out[o++] = c;
	}
	out[o] = '\0';
	*outlen = o;
	return NCT_OK;
}

/* Decodes s[0..len) into a new string, saying why it failed and how long the
 * result is. */
static nct_err url_decode_dup(const char *s, size_t len, char **out, size_t *outlen)
{
	char *p = malloc(len + 1);

	if (!p)
		return NCT_ERR_NOMEM;
	nct_err e = url_decode_into(s, len, p, outlen);
	if (e) {
		free(p);
		return e;
	}
	*out = p;
	return NCT_OK;
}

char *form_urldecode(const char *s, size_t len)
{
	char *out;
	size_t n;

	return url_decode_dup(s, len, &out, &n) ? NULL : out;
}

/* One "key=value" of a form; a key without '=' gets the value "". */
static nct_err form_pair_urlencoded(struct form *f, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t raw_klen = eq ? (size_t)(eq - s) : len;
	size_t klen, vlen = 0;
	char *key, *value = NULL;
	nct_err e;

	/* Fail before decoding anything once the form is full. */
	if (f->n >= f->max_fields)
		return NCT_ERR_TOOBIG;
	e = url_decode_dup(s, raw_klen, &key, &klen);
	if (e)
		return e;
	if (eq) {
		e = url_decode_dup(eq + 1, len - raw_klen - 1, &value, &vlen);
	} else {
		value = memdup0("", 0);
		e = value ? NCT_OK : NCT_ERR_NOMEM;
	}
	if (e) {
		free(key);
		return e;
	}
	return form_take(f, key, klen, value, vlen);
}

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* Narrows s[0..*len) to leave out spaces and tabs at both ends. */
static const char *trim_ows(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && is_ows(*s)) {
		s++;
		n--;
	}
	while (n && is_ows(s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* One "name=value" of a Cookie header (RFC 6265 cookie-pair), taken as it
 * is apart from optional whitespace and one pair of surrounding quotes. */
static nct_err form_pair_cookie(struct form *f, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t klen = eq ? (size_t)(eq - s) : len;
	size_t vlen = eq ? len - klen - 1 : 0;
	const char *k = trim_ows(s, &klen);
	const char *v = eq ? trim_ows(eq + 1, &vlen) : "";

	if (f->n >= f->max_fields)
		return NCT_ERR_TOOBIG;
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		v++;
		vlen -= 2;
	}
	char *key = memdup0(k, klen), *value = memdup0(v, vlen);
	if (!key || !value) {
		free(key);
		free(value);
		return NCT_ERR_NOMEM;
	}
	return form_take(f, key, klen, value, vlen);
}

typedef nct_err (*form_pair_fn)(struct form *f, const char *s, size_t len);

/* Splits s[0..len) on sep and hands every segment that is not empty (after
 * optional whitespace, when trim is set) to pair. Stops at the first error. */
static nct_err form_parse_list(struct form *f, const char *s, size_t len, char sep, bool trim,
                               form_pair_fn pair)
{
	size_t i = 0;

	while (i < len) {
		const char *end = memchr(s + i, sep, len - i);
		size_t seglen = end ? (size_t)(end - (s + i)) : len - i;
		size_t trimmed = seglen;
		if (trim)
			trim_ows(s + i, &trimmed);
		if (trimmed) {
			nct_err e = pair(f, s + i, seglen);
			if (e)
				return e;
		}
		i += seglen + 1;
	}
	return NCT_OK;
}

nct_err form_parse_urlencoded(struct form *f, const char *s, size_t len)
{
	return form_parse_list(f, s, len, '&', false, form_pair_urlencoded);
}

nct_err form_parse_cookies(struct form *f, const char *s, size_t len)
{
	return form_parse_list(f, s, len, ';', true, form_pair_cookie);
}

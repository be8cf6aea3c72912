#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = NCT_OK;
}

void buf_free(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->err = NCT_OK;
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

/* Drops the contents, so no caller can use a half-written result, and keeps
 * the buf failed until buf_reset or buf_init. */
static nct_err buf_fail(struct buf *b, nct_err e)
{
	buf_free(b);
	b->err = e;
	return e;
}

/* Makes room for extra more bytes plus the terminating NUL. */
static nct_err buf_grow(struct buf *b, size_t extra)
{
	if (b->err)
		return b->err;
	if (extra > b->max || b->len > b->max - extra)
		return buf_fail(b, NCT_ERR_TOOBIG);
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return NCT_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->ptr, cap);
	if (!p)
		return buf_fail(b, NCT_ERR_NOMEM);
	b->ptr = p;
	b->cap = cap;
	return NCT_OK;
}

nct_err buf_add(struct buf *b, const void *data, size_t len)
{
	nct_err e = buf_grow(b, len);
	if (e)
		return e;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return NCT_OK;
}

nct_err buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

nct_err buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

nct_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (b->err)
		return b->err;
	if (n < 0)
		return NCT_ERR_INVALID;
	nct_err e = buf_grow(b, (size_t)n);
	if (e)
		return e;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return NCT_OK;
}

nct_err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nct_err e = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

nct_err buf_failed(const struct buf *b)
{
	return b->err;
}

char *buf_detach(struct buf *b)
{
	if (b->err)
		return NULL;
	char *p = b->ptr;
	if (!p)
		p = calloc(1, 1);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

const char *buf_str(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}

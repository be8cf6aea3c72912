#include "vec.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VEC_FIRST 16 /* elements allocated at the first grow */

void vec_init(struct vec *v, size_t size, size_t max)
{
	v->ptr = NULL;
	v->n = 0;
	v->cap = 0;
	v->size = size;
	v->max = size && max > SIZE_MAX / size ? SIZE_MAX / size : max;
	v->err = NCT_OK;
}

void vec_free(struct vec *v)
{
	free(v->ptr);
	vec_init(v, v->size, v->max);
}

static void *vec_fail(struct vec *v, nct_err e)
{
	v->err = e;
	return NULL;
}

/* Doubles the allocation until need (at most max) fits, never past max. */
static nct_err vec_reserve(struct vec *v, size_t need)
{
	if (need <= v->cap)
		return NCT_OK;
	size_t cap = v->cap ? v->cap : VEC_FIRST;
	while (cap < need)
		cap = cap > v->max / 2 ? v->max : cap * 2;
	if (cap > v->max)
		cap = v->max;
	void *p = realloc(v->ptr, cap * v->size);
	if (!p)
		return NCT_ERR_NOMEM;
	v->ptr = p;
	v->cap = cap;
	return NCT_OK;
}

void *vec_grow(struct vec *v, size_t k)
{
	if (v->err)
		return NULL;
	if (k > v->max || v->n > v->max - k)
		return vec_fail(v, NCT_ERR_TOOBIG);
	nct_err e = vec_reserve(v, v->n + k);
	if (e)
		return vec_fail(v, e);
	char *first = (char *)v->ptr + v->n * v->size;
	memset(first, 0, k * v->size);
	v->n += k;
	return first;
}

void *vec_push(struct vec *v)
{
	return vec_grow(v, 1);
}

void vec_pop(struct vec *v)
{
	assert(v->n > 0);
	v->n--;
}

nct_err vec_add(struct vec *v, const void *elem)
{
	void *p = vec_push(v);
	if (!p)
		return v->err;
	memcpy(p, elem, v->size);
	return NCT_OK;
}

void *vec_result(struct vec *v, nct_err e, size_t *n)
{
	if (e)
		vec_free(v);
	return vec_detach(v, n);
}

nct_err vec_failed(const struct vec *v)
{
	return v->err;
}

void *vec_detach(struct vec *v, size_t *n)
{
	void *p = v->n ? v->ptr : NULL;
	*n = v->n;
	if (!p)
		free(v->ptr);
	vec_init(v, v->size, v->max);
	return p;
}

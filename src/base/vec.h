/* vec.h - a growable array with a hard maximum count (the element twin of buf).
 *
 * n elements of size bytes each lie at ptr. Growing past max, or an allocation
 * that fails, fails the vec: the grow returns NULL (or the error), vec_failed
 * tells why, and every later grow fails the same way. Unlike a buf, a failed
 * vec keeps the elements it holds: a reader that stopped at its maximum may
 * still use the first max rows (to say there are more). */
#ifndef NCT_VEC_H
#define NCT_VEC_H

#include <stddef.h>
#include "err.h"

struct vec {
	void *ptr;
	size_t n;    /* elements in use */
	size_t cap;  /* elements allocated */
	size_t size; /* bytes per element */
	size_t max;  /* hard limit on n */
	nct_err err; /* NCT_OK, or why it failed: NCT_ERR_TOOBIG or NCT_ERR_NOMEM */
};

/* An empty vec of elements of size bytes, never more than max of them. */
void vec_init(struct vec *v, size_t size, size_t max);
/* Frees the elements; the vec is empty (and no longer failed) with the same
 * size and max. */
void vec_free(struct vec *v);
/* Appends k zeroed elements and returns the first; NULL when n + k would pass
 * max (NCT_ERR_TOOBIG) or memory ran out (NCT_ERR_NOMEM). */
void *vec_grow(struct vec *v, size_t k);
/* Appends one zeroed element and returns it; NULL as vec_grow. */
void *vec_push(struct vec *v);
/* Drops the last element (there must be one). */
void vec_pop(struct vec *v);
/* Appends a copy of the element at elem. */
nct_err vec_add(struct vec *v, const void *elem);
/* NCT_OK, or the error that failed the vec. */
nct_err vec_failed(const struct vec *v);
/* Hands the elements to the caller, who frees them with free(), and their
 * count in *n; NULL when there are none. The vec is left empty, as after
 * vec_free. */
void *vec_detach(struct vec *v, size_t *n);

/* A function's result: the elements handed over as by vec_detach when e is
 * NCT_OK, else freed, giving NULL and *n 0. */
void *vec_result(struct vec *v, nct_err e, size_t *n);

/* Element i as a T *. */
#define vec_at(v, T, i) (&((T *)(v)->ptr)[i])

#endif

/* buf.h - a growable byte buffer with a hard maximum (curl's dynbuf).
 *
 * A buf always holds a NUL-terminated string in ptr (when ptr is not NULL).
 * Appending past max, or an allocation that fails, frees the contents and
 * leaves the buf failed: every later append does nothing and returns the same
 * error, and buf_failed tells it, so a caller that checks only at the end
 * still never sees a silently truncated result (nor its tail). */
#ifndef NCT_BUF_H
#define NCT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "err.h"

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max;  /* hard limit on len, in bytes */
	nct_err err; /* NCT_OK, or why it failed: NCT_ERR_TOOBIG or NCT_ERR_NOMEM */
};

void buf_init(struct buf *b, size_t max);
/* Frees the storage; the buf can be used again after buf_init. */
void buf_free(struct buf *b);
/* Empties the buffer, keeping its storage, and clears a failure: for a caller
 * that throws away all it wrote and starts again (an error page instead of
 * the page). */
void buf_reset(struct buf *b);
/* Each returns NCT_OK, or the buf's failure (the first one, also on a later call). */
nct_err buf_add(struct buf *b, const void *data, size_t len);
nct_err buf_adds(struct buf *b, const char *s);
nct_err buf_addc(struct buf *b, char c);
nct_err buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
nct_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* NCT_OK, or the error that failed the buf (its contents are gone). */
nct_err buf_failed(const struct buf *b);
/* Hands the storage to the caller, who frees it with free(); the buf is left empty.
 * Returns an empty allocated string for an empty buf; NULL when out of memory
 * or when the buf failed. */
char *buf_detach(struct buf *b);
/* ptr, or "" when nothing was ever added (or the buf failed). */
const char *buf_str(const struct buf *b);

#endif

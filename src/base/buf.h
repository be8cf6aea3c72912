/* buf.h - a growable byte buffer with a hard maximum (curl's dynbuf).
 *
 * A buf always holds a NUL-terminated string in ptr (when ptr is not NULL).
 * Appending past max frees the contents and returns NCT_ERR_TOOBIG: a caller
 * never sees a silently truncated result. */
#ifndef NCT_BUF_H
#define NCT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "err.h"

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* hard limit on len, in bytes */
};

void buf_init(struct buf *b, size_t max);
/* Frees the storage; the buf can be used again after buf_init. */
void buf_free(struct buf *b);
/* Empties the buffer, keeping its storage. */
void buf_reset(struct buf *b);
nct_err buf_add(struct buf *b, const void *data, size_t len);
nct_err buf_adds(struct buf *b, const char *s);
nct_err buf_addc(struct buf *b, char c);
nct_err buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
nct_err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Hands the storage to the caller, who frees it with free(); the buf is left empty.
 * Returns an empty allocated string for an empty buf; NULL only when out of memory. */
char *buf_detach(struct buf *b);
/* ptr, or "" when nothing was ever added. */
const char *buf_str(const struct buf *b);

#endif

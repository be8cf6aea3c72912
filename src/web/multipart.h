/* multipart.h - multipart/form-data bodies (RFC 7578), as a browser sends a
 * form with a file: bounded, and nothing copied but names. */
#ifndef NCT_MULTIPART_H
#define NCT_MULTIPART_H

#include <stddef.h>
#include "../base/err.h"

#define MULTIPART_MAX_PARTS  16
#define MULTIPART_MAX_HEADER 2048 /* one part's header lines, in bytes */

struct multipart_part {
	char name[64];      /* the form field */
	char filename[256]; /* as the browser gave it; "" when the part is no file */
	char ctype[128];    /* its Content-Type, or "" */
	const char *data;   /* points into the body */
	size_t len;
};

struct multipart {
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	size_t n;
};

/* Parses body[0..len) with the boundary given in content_type
 * ("multipart/form-data; boundary=..."). The parts' data point into body,
 * which must outlive out. NCT_ERR_INVALID for another content type, a missing
 * or bad boundary (1-70 characters), a part without a name, a name or
 * filename too long, a header block over MULTIPART_MAX_HEADER, or a body
 * without its closing delimiter; NCT_ERR_TOOBIG for more than
 * MULTIPART_MAX_PARTS parts. */
nct_err multipart_parse(const char *content_type, const char *body, size_t len,
                        struct multipart *out);

/* The first part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m, const char *name);

#endif

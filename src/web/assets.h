/* assets.h - static files embedded in the binary by scripts/embed.py. */
#ifndef NCT_ASSETS_H
#define NCT_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path; /* "/static/style.css" */
	const char *type; /* Content-Type */
	const unsigned char *data;
	size_t len;
};

extern const struct asset nct_assets[]; /* ends with a NULL path */

#endif

/* static.c - the embedded assets and the health check. */
#include <string.h>

#include "assets.h"
#include "static.h"
#include "html.h"

void static_asset(struct req *r)
{
	for (const struct asset *a = nct_assets; a->path; a++) {
		if (strcmp(a->path, r->path) == 0) {
			r->ctype = a->type;
			r->static_body = a->data;
			r->static_len = a->len;
			r->cacheable = true;
			return;
		}
	}
	resp_error(r, 404, "not_found", "Không có tệp này. / No such file.");
}

void health(struct req *r)
{
	static const char ok[] = "{\"status\":\"ok\"}\n";
	r->ctype = "application/json; charset=utf-8";
	r->static_body = ok;
	r->static_len = sizeof ok - 1;
}

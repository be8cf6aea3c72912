#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *req_arg(const struct req *r, const char *name)
{
	const char *v = form_get(&r->query, name);
	return v ? v : form_get(&r->form, name);
}

bool req_date(const struct req *r, struct date *out)
{
	const char *s = req_arg(r, "date");
	if (!s || !s[0]) {
		*out = date_today_vn();
		return true;
	}
	return date_parse(s, out) == NCT_OK;
}

void resp_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == RESP_HEADERS)
		return;
	char *v = strdup(value);
	if (!v)
		return;
	r->hname[r->nheaders] = name;
	r->hvalue[r->nheaders++] = v;
}

void resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	resp_header(r, "Location", location);
}

void resp_json(struct req *r, int status, json_t *v)
{
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	buf_reset(&r->out);
	char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;
	json_decref(v);
	if (!s) {
		r->status = 500;
		buf_adds(&r->out,
		         "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
		return;
	}
	buf_adds(&r->out, s);
	buf_addc(&r->out, '\n');
	free(s);
}

void resp_retry_after(struct req *r, int64_t wait)
{
	char secs[24];
	snprintf(secs, sizeof secs, "%lld", (long long)wait);
	resp_header(r, "Retry-After", secs);
}

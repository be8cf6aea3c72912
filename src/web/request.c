#include "request.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *req_arg(const struct req *r, const char *name)
{
	const char *v = form_get(&r->query, name);
	return v ? v : form_get(&r->form, name);
}

const char *req_input(const struct req *r, const char *name)
{
	const char *v = r->json ? json_string_value(json_object_get(r->json, name)) : NULL;
	if (!v)
		v = req_arg(r, name);
	return v && v[0] ? v : NULL;
}

/* Refuses the input name: not a whole number from min to max. */
static bool out_of_range(struct req *r, const char *name, long long min, long long max)
{
	refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, name, "ii", (int64_t)min, (int64_t)max);
	return false;
}

bool req_number(struct req *r, const char *name, const char *text, long long min, long long max,
                long long *out)
{
	char *end;
	errno = 0;
	long long v = text ? strtoll(text, &end, 10) : 0;
	if (!text || !text[0] || *end || errno == ERANGE || v < min || v > max)
		return out_of_range(r, name, min, max);
	*out = v;
	return true;
}

bool req_json_int(struct req *r, const json_t *o, const char *name, long long min, long long max,
                  long long *out)
{
	json_t *j = o ? json_object_get(o, name) : NULL;
	if (!j || json_is_null(j))
		return true;
	long long v = json_is_integer(j) ? (long long)json_integer_value(j) : 0;
	if (!json_is_integer(j) || v < min || v > max)
		return out_of_range(r, name, min, max);
	*out = v;
	return true;
}

bool req_int(struct req *r, const char *name, long long min, long long max, long long *out)
{
	const char *s = req_arg(r, name);
	if (r->json && json_object_get(r->json, name))
		return req_json_int(r, r->json, name, min, max, out);
	return !s || !s[0] || req_number(r, name, s, min, max, out);
}

bool req_id(struct req *r, const char *name, int64_t *out)
{
	long long v = *out;
	bool ok = req_int(r, name, 0, INT64_MAX, &v);
	*out = v;
	return ok;
}

/* The inputs that hold a date; those a month alone may fill end in '*'. A
 * target's by_date is not one: its page keeps the date as typed as well. */
static const char *const date_fields[] = {
    "date",         "from",         "to",         "on",          "on_date",   "visit_on",
    "assessed_on",  "valid_from",   "valid_to",   "left_on",     "term_from", "term_to",
    "since",        "disbursed_on", "*joined_on", "*founded_on", "deadline",  "effective_from",
    "effective_to", "retired_on",   "text_date",  NULL};

static int date_field(const char *key)
{
	for (size_t i = 0; date_fields[i]; i++) {
		const char *f = date_fields[i];
		bool month = f[0] == '*';
		if (strcmp(f + month, key) == 0)
			return month ? 2 : 1;
	}
	return 0;
}

static bool dates_as_iso(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		int kind = date_field(f->fields[i].key);
		const char *s = f->fields[i].value;
		struct date d;
		int v[3], n;
		if (!kind || strlen(s) > 16 || date_parse(s, &d) == NCT_OK)
			continue;
		n = date_split_vn(s, v);
		if (n == 3 && date_valid(v[2], v[1], v[0]))
			d = (struct date){v[2], v[1], v[0]};
		else if (n == 2 && kind == 2 && date_valid(v[1], v[0], 1))
			d = (struct date){v[1], v[0], 1};
		else
			continue;
		char *iso = malloc(DATE_LEN);
		if (!iso)
			return false;
		date_format(d, iso);
		free(f->fields[i].value);
		f->fields[i].value = iso;
	}
	return true;
}

bool req_dates_as_iso(struct req *r)
{
	return dates_as_iso(&r->query) && dates_as_iso(&r->form);
}

bool req_date(const struct req *r, struct date *out)
{
	const char *s = req_arg(r, "date");
	if (!s || !s[0]) {
		*out = date_today_vn();
		return true;
	}
	return date_parse_vn(s, out) == NCT_OK;
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

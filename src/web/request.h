/* request.h - one HTTP request as handlers see it, and its response. Handlers
 * read like the request they serve: parse and validate input, make one domain
 * call, render. */
#ifndef NCT_REQUEST_H
#define NCT_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../base/form.h"
#include "../domain/auth.h"
#include "../domain/ctx.h"
#include "../domain/refusal.h"

#define RESP_MAX (8u * 1024u * 1024u)
/* a list file (a province's celebrations or health list as CSV or XLSX) may
 * be larger than a page: it is still written into memory, up to this */
#define RESP_FILE_MAX (64u * 1024u * 1024u)
#define RESP_HEADERS  8
#define ROUTE_PARAMS  4

struct server_config {
	size_t max_body;     /* bytes; larger bodies get 413 before they are read */
	bool secure_cookies; /* served over TLS (behind a proxy): cookies get Secure */
};

struct req {
	/* what came in */
	const char *method;
	const char *path;
	const char *addr; /* client IP */
	const char *content_type;
	const char *authorization;
	const char *csrf_header; /* X-CSRF-Token */
	const char *body;
	size_t body_len;
	struct form query;
	struct form cookies;
	struct form form;                 /* the URL-encoded body */
	json_t *json;                     /* the JSON body, or NULL */
	const char *params[ROUTE_PARAMS]; /* the {} segments of the route, in order */
	size_t nparams;
	char parambuf[256];
	const struct server_config *cfg;
	struct ctx_pool *pool; /* the server's connections: for work that outlives the request */

	/* who asks: the connection, the user's role and scope, the audit's actor */
	struct ctx x;
	struct session sess;
	struct refusal rf; /* what the domain last refused: worded beside its field on a page */
	const char *lang;  /* "vi" or "en" */
	int form_shown;    /* html_form_post: FORM_NONE outside a form, FORM_AGAIN in the form
	                      whose POST was refused (it keeps what was typed), else FORM_OTHER */
	bool api;          /* under /api/: answers are JSON */

	/* what goes out */
	int status;
	const char *ctype;
	struct buf out;
	const char *hname[RESP_HEADERS];
	char *hvalue[RESP_HEADERS]; /* owned */
	size_t nheaders;
	const void *static_body; /* set for embedded assets instead of out */
	size_t static_len;
	bool cacheable; /* the same for everyone for a day: embedded assets */
};

enum { FORM_NONE, FORM_AGAIN, FORM_OTHER };

/* Vietnamese or English, as the user chose. */
static inline const char *tr(const struct req *r, const char *vi, const char *en)
{
	return r->lang[0] == 'e' ? en : vi;
}

/* A query-string or form value, or NULL. */
const char *req_arg(const struct req *r, const char *name);
/* A JSON body's string, else a query-string or form value; NULL when absent or
 * empty. */
const char *req_input(const struct req *r, const char *name);
/* Whole numbers as input: never cut to fit. Each is false when the input is
 * not a whole number from min to max, with r->rf saying so (RF_NUMBER_RANGE
 * about name: a string literal): answer resp_refusal(r, NCT_ERR_INVALID,
 * &r->rf) or show the form again. */
/* text (a form, query or path value: digits, a sign allowed) into *out. */
bool req_number(struct req *r, const char *name, const char *text, long long min, long long max,
                long long *out);
/* The integer o[name] (o a JSON object, or NULL) into *out; true with *out
 * untouched when it is absent or null. */
bool req_json_int(struct req *r, const json_t *o, const char *name, long long min, long long max,
                  long long *out);
/* name from the JSON body, else from the query or form (req_number); true with
 * *out untouched when it is absent or an empty field. */
bool req_int(struct req *r, const char *name, long long min, long long max, long long *out);
/* req_int of an id (0 and up) into an int64_t. */
bool req_id(struct req *r, const char *name, int64_t *out);
/* The date fields of a page's query and form (joined_on, founded_on, on, from, to,
 * date, ...) as people type them: "dd/mm/yyyy" (d/m/yyyy too) is rewritten
 * "YYYY-MM-DD" in place, and "mm/yyyy" as the month's first day where a month
 * is enough (founded_on, joined_on); anything else is left as typed for the
 * domain to refuse. Pages only (the JSON API takes ISO dates). false when out
 * of memory. */
bool req_dates_as_iso(struct req *r);
/* The date in ?date= (dd/mm/yyyy or YYYY-MM-DD), or today in Vietnam when absent.
 * false when malformed. */
bool req_date(const struct req *r, struct date *out);

/* Adds a response header (value copied). */
void resp_header(struct req *r, const char *name, const char *value);
void resp_redirect(struct req *r, const char *location);
/* Sends v (a reference is stolen) as the JSON body with status. */
void resp_json(struct req *r, int status, json_t *v);
/* A login refused by the throttle: Retry-After says the seconds to wait. */
void resp_retry_after(struct req *r, int64_t wait);

#endif

/* html.h - the only way HTML is written: text and attributes go through
 * escaping functions, and raw markup only from string literals (cgit html.c). */
#ifndef NCT_HTML_H
#define NCT_HTML_H

#include <stdint.h>
#include "request.h"

/* Raw markup: the "" "" trick makes anything but a string literal fail to compile. */
#define html_lit(r, s) html_raw_((r), "" s "")
void html_raw_(struct req *r, const char *literal);

/* Text content, escaped (& < > " '). */
void html_text(struct req *r, const char *s);
/* An attribute value, escaped the same way; write the quotes with html_lit. */
#define html_attr html_text
/* A number as text. */
void html_int(struct req *r, int64_t v);
/* A URL query value, percent-encoded then HTML-escaped. */
void html_urlpart(struct req *r, const char *s);
/* A date "YYYY-MM-DD" shown as "dd/mm/yyyy"; "" stays "". */
void html_date(struct req *r, const char *iso);

/* The layout: head, header with navigation and language switch, main. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* A labelled input: <label>label<input name type value [required]></label>,
 * every part escaped; value NULL for an empty field. */
void html_field(struct req *r, const char *label, const char *name, const char *type,
                const char *value, bool required);
/* A hidden CSRF field for forms posted by a logged-in user. */
void html_csrf(struct req *r);
/* A notice box: kind is "ok" or "error". */
void html_notice(struct req *r, const char *kind, const char *message);

/* Error responses, here because the page a browser gets is HTML. */
/* A refusal or failure: JSON {"error":{"code","message"}} under /api/, else an
 * HTML page with the message. */
void resp_error(struct req *r, int status, const char *code, const char *message);
/* Maps a domain error to a status and answers with message (or a default). */
void resp_domain_error(struct req *r, nct_err e, const char *message);
/* Runs once the handler is done, before the answer is sent. A body that failed
 * (past RESP_MAX, or out of memory: the html_* writers cannot say so) is never
 * sent cut short: the answer becomes a 500 error page, or JSON under /api/,
 * written into a fresh buffer, without the headers the handler added. */
void resp_finish(struct req *r);

#endif

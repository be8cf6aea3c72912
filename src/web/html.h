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
/* A number grouped by thousands as Vietnamese readers write it: 3.500. */
void html_count(struct req *r, int64_t v);
/* Markup with values in it, in one call: fmt is a string literal of markup
 * (as html_lit) in which %s is a text written escaped (as html_text: NULL writes
 * nothing), %d an int, %lld a long long (an id: cast it), %% a '%'. The
 * compiler checks the values against fmt.
 * Any other conversion is a slip: it is logged and the rest of fmt is not
 * written. */
#define html_f(r, fmt, ...) html_f_((r), "" fmt "", __VA_ARGS__)
void html_f_(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A URL query value, percent-encoded then HTML-escaped. */
void html_urlpart(struct req *r, const char *s);
/* A date "YYYY-MM-DD" shown as "dd/mm/yyyy"; "" stays "". */
void html_date(struct req *r, const char *iso);
/* A day shown as "dd/mm/yyyy" (html_date of the day). */
void html_day(struct req *r, struct date d);
/* Opens a scrolling table (of class cls, unless NULL) and writes its head, the
 * n headings each {Vietnamese, English}, in the user's language; bit k of
 * numeric right-aligns column k. The caller writes the rows and
 * html_table_close. A table of class "stack" becomes a card per row on a
 * phone, each cell labelled by its heading (data-label). */
void html_table_open(struct req *r, const char *cls, const char *const (*heads)[2], size_t n,
                     unsigned numeric);
/* The words of a pager's link: "Trang sau →" ("Next page →") when next, else
 * "← Trang trước" ("← Previous page"). */
const char *html_pager_word(const struct req *r, bool next);
/* Closes what html_table_open opened: "</tbody></table></div>". */
void html_table_close(struct req *r);
/* A birth "YYYY", "YYYY-MM" or "YYYY-MM-DD" shown as yyyy, mm/yyyy or dd/mm/yyyy;
 * anything else as it is. */
void html_birth(struct req *r, const char *iso);
/* A span of days: from, then " đến " (" to ") to when to is not "". */
void html_date_span(struct req *r, const char *from, const char *to);
/* A link to a record as it stood on a day: <a href="{base}{code}?date={day}">{text}</a>
 * (base "/clubs/", "/places/"). */
void html_dated_link(struct req *r, const char *base, const char *code, const char *day,
                     const char *text);

/* The layout: head, header with navigation and language switch, main. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* A labelled input: <label>label<input name type value [required]></label>,
 * every part escaped; value NULL for an empty field. When the request's
 * refusal (r->rf) concerns the field, the input is marked invalid and the
 * refusal is worded beside it. */
void html_field(struct req *r, const char *label, const char *name, const char *type,
                const char *value, bool required);
/* The attributes of a date input after its name: a text input (not the browser's
 * date input, whose format follows the browser's language) with the hint
 * dd/mm/yyyy, showing value (ISO or as typed) as dd/mm/yyyy. html_field writes
 * these for the type "date"; the request reads dd/mm/yyyy back (req_dates_as_iso). */
void html_date_attrs(struct req *r, const char *value);
/* The form of a page shown as of a day: GET to the page itself with its date
 * field (day, ISO or as typed) and a "Xem" ("Show") button. */
void html_day_form(struct req *r, const char *day);
/* "<label>label<input name type value" left open for the caller's attributes
 * (the caller closes the input and the label). */
void html_input_open(struct req *r, const char *label, const char *name, const char *type,
                     const char *value);
/* A <select name> of the codes (NULL-terminated), each shown as label(code,
 * lang) (the code itself when label is NULL), cur selected; first an option
 * worded all with value "" when all is not NULL (a filter); else the refusal
 * of the field is worded after it. The caller writes the <label> around it. */
void html_select(struct req *r, const char *name, const char *const *codes,
                 const char *(*label)(const char *code, const char *lang), const char *cur,
                 const char *all);
/* One <option value>text</option> of a select the caller writes (people,
 * records: values that are not codes with labels). */
void html_option(struct req *r, const char *value, const char *text, bool selected);
/* A form posting to action (escaped) with its CSRF field; class cls, or
 * NULL. key tells apart the forms of one page that post to the same action
 * (written as the hidden field "form"), or NULL. When the page is shown again
 * because that form's POST was refused (the request is a POST to action with
 * the same key), the fields inside it keep what was typed (html_field,
 * html_select, html_check take the posted values; never a password), and
 * the refusal stands beside its field in this form only, which gets the focus
 * (the browser scrolls there). End with html_form_end. */
void html_form_post(struct req *r, const char *action, const char *cls, const char *key);
void html_form_end(struct req *r);
/* What the field name shows: what was typed, in a form shown again; else value. */
const char *html_kept(const struct req *r, const char *name, const char *value);
/* A tick box <label class="check"><input type="checkbox" name value> label,
 * ticked when checked, or, in a form shown again, when it was posted ticked. */
void html_check(struct req *r, const char *label, const char *name, const char *value,
                bool checked);
/* The request's refusal worded beside the input name (for inputs html_field
 * does not write: selects, checkboxes), when it concerns that field. */
void html_field_refusal(struct req *r, const char *name);
/* The request's refusal, if any, as an error notice (a page shown again with
 * its form: the summary above the form). */
void html_refusal(struct req *r);
/* A hidden CSRF field for forms posted by a logged-in user. */
void html_csrf(struct req *r);
/* A notice box: kind is "ok" or "error". A save's notice, carried through
 * its redirect (notice.h), is shown by page_begin under the title. */
void html_notice(struct req *r, const char *kind, const char *message);
/* Opens a folded block of forms, <details class="forms"> with summary as its
 * line, open when open (a form in it came back refused, or was asked for);
 * the caller closes it with "</details>". */
void html_fold_open(struct req *r, bool open, const char *summary);

/* Error responses, here because the page a browser gets is HTML. */
/* A refusal or failure: JSON {"error":{"code","message"}} under /api/, else an
 * HTML page with the message. */
void resp_error(struct req *r, int status, const char *code, const char *message);
/* Maps a domain error to a status and answers with message (or a default). */
void resp_domain_error(struct req *r, nct_err e, const char *message);
/* When e is not NCT_OK: answers it as resp_domain_error(r, e, NULL) does and
 * returns true (the handler returns); else false. */
bool resp_failed(struct req *r, nct_err e);
/* Answers o with status when e is NCT_OK; else frees o and answers e as
 * resp_failed does. */
void resp_json_or_failed(struct req *r, nct_err e, int status, json_t *o);
/* Reads the page's date (req_date) into on; when it is not a date, answers 400
 * ("the date must be written dd/mm/yyyy") and returns true. */
bool resp_bad_date(struct req *r, struct date *on);
/* Answers a refusal of the domain (refusal.h) with the status its error means
 * (resp_status): under /api/ {"error":{"code","reason","field","message"}},
 * the message in the user's language; else a page with the message. Without a
 * refusal (rf NULL or RF_NONE), as resp_domain_error(r, e, NULL). */
void resp_refusal(struct req *r, nct_err e, const struct refusal *rf);
/* When e is not NCT_OK: answers it as resp_refusal(r, e, &r->rf) does and
 * returns true (the handler returns); else false. */
bool resp_refused(struct req *r, nct_err e);
/* After a form's POST that failed (e not NCT_OK): when again (the form's input
 * was refused), sets the status e means and returns true, and the caller shows
 * the form's page again with the refusal beside its field; else answers as
 * resp_refusal(r, e, &r->rf) and returns false. */
bool resp_form_refused(struct req *r, nct_err e, bool again);
/* After a form's POST (resp_form_refused with again for a refused input,
 * NCT_ERR_INVALID or NCT_ERR_CONFLICT): when e is not NCT_OK, shows page again
 * with the refusal beside its field, or answers the failure, and returns true
 * (the handler returns); else false. */
bool resp_form_again(struct req *r, nct_err e, void (*page)(struct req *r));
/* resp_refusal with the status and code given: a failed login is 401. */
void resp_refusal_status(struct req *r, int status, const char *code, const struct refusal *rf);
/* resp_refusal of a refusal the handler names itself, with no values: what a
 * read's NCT_ERR_NOTFOUND or NCT_ERR_DENIED means (RF_CLUB_UNKNOWN, ...). */
void resp_refuse(struct req *r, nct_err e, int code, const char *field);
/* The HTTP status a domain error means: 400 invalid, 403 denied, 404, 409,
 * 413, 429, 503, else 500. */
int resp_status(nct_err e);
/* Runs once the handler is done, before the answer is sent. A body that failed
 * (past RESP_MAX, or out of memory: the html_* writers cannot say so) is never
 * sent cut short: the answer becomes a 500 error page, or JSON under /api/,
 * written into a fresh buffer, without the headers the handler added. */
void resp_finish(struct req *r);

#endif

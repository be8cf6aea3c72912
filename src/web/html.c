#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/log.h"
#include "../base/money.h"
#include "notice.h"
#include "wording.h"
#include "../domain/access.h"

void html_raw_(struct req *r, const char *literal)
{
	buf_adds(&r->out, literal);
}

void html_text(struct req *r, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(&r->out, run, (size_t)(s - run));
		buf_adds(&r->out, rep);
		run = s + 1;
	}
	buf_add(&r->out, run, (size_t)(s - run));
}

void html_int(struct req *r, int64_t v)
{
	buf_printf(&r->out, "%lld", (long long)v);
}

void html_count(struct req *r, int64_t v)
{
	char g[32];
	money_format(v, g);
	html_text(r, g);
}

void html_f_(struct req *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *run = fmt, *p = fmt;
	for (; *p; p++) {
		if (*p != '%')
			continue;
		buf_add(&r->out, run, (size_t)(p - run));
		p++;
		if (*p == 's') {
			html_text(r, va_arg(ap, const char *));
		} else if (*p == 'd') {
			html_int(r, va_arg(ap, int));
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			html_int(r, va_arg(ap, long long));
			p += 2;
		} else if (*p == '%') {
			buf_addc(&r->out, '%');
		} else {
			log_error("html: the conversion at \"%.8s\" of a markup format is not %%s, "
			          "%%d, %%lld or %%%%",
			          p - 1);
			va_end(ap);
			return;
		}
		run = p + 1;
	}
	buf_add(&r->out, run, (size_t)(p - run));
	va_end(ap);
}

void html_urlpart(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~' ||
		    *p == '/') {
			buf_addc(&r->out, (char)*p);
		} else {
			char enc[4] = {'%', hex[*p >> 4], hex[*p & 15], 0};
			buf_adds(&r->out, enc);
		}
	}
}

void html_date(struct req *r, const char *iso)
{
	struct date d;
	char out[DATE_LEN];
	if (iso && date_parse(iso, &d) == NCT_OK) {
		date_format_vn(d, out);
		iso = out;
	}
	html_text(r, iso); /* as it is when not a date */
}
void html_day(struct req *r, struct date d)
{
	char s[DATE_LEN];
	date_format(d, s);
	html_date(r, s);
}

void html_birth(struct req *r, const char *iso)
{
	struct birth b;
	char s[DATE_LEN];
	if (iso && birth_parse(iso, &b) == NCT_OK) {
		birth_format_vn(b, s);
		iso = s;
	}
	html_text(r, iso); /* as it is when not a birth */
}
void html_date_span(struct req *r, const char *from, const char *to)
{
	html_date(r, from);
	if (to && to[0]) {
		html_text(r, tr(r, " đến ", " to "));
		html_date(r, to);
	}
}

void html_table_open(struct req *r, const char *cls, const char *const (*heads)[2], size_t n,
                     unsigned numeric)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table");
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_lit(r, "><thead><tr>");
	for (size_t k = 0; k < n; k++) {
		if (numeric & (1u << k))
			html_lit(r, "<th class=\"num\">");
		else
			html_lit(r, "<th>");
		html_text(r, tr(r, heads[k][0], heads[k][1]));
		html_lit(r, "</th>");
	}
	html_lit(r, "</tr></thead><tbody>");
}

const char *html_pager_word(const struct req *r, bool next)
{
	return next ? tr(r, "Trang sau →", "Next page →")
	            : tr(r, "← Trang trước", "← Previous page");
}

void html_table_close(struct req *r)
{
	html_lit(r, "</tbody></table></div>");
}

void html_dated_link(struct req *r, const char *base, const char *code, const char *day,
                     const char *text)
{
	html_lit(r, "<a href=\"");
	html_attr(r, base);
	html_urlpart(r, code);
	html_lit(r, "?date=");
	html_urlpart(r, day);
	html_f(r, "\">%s</a>", text);
}

/* Does the request's refusal concern the field name of the form being written? */
static bool refused_here(const struct req *r, const char *name)
{
	return r->rf.code && r->rf.field && strcmp(r->rf.field, name) == 0 &&
	       r->form_shown != FORM_OTHER;
}

const char *html_kept(const struct req *r, const char *name, const char *value)
{
	if (r->form_shown != FORM_AGAIN)
		return value;
	const char *v = form_get(&r->form, name);
	return v ? v : "";
}

/* Marks the refused input: invalid, described by its message (an id only in a
 * form shown again, the one form of the page that can have it), focused. */
static void refused_attrs(struct req *r, const char *name)
{
	if (!refused_here(r, name))
		return;
	html_lit(r, " aria-invalid=\"true\"");
	if (r->form_shown == FORM_AGAIN) {
		html_f(r, " autofocus aria-describedby=\"%s-error\"", name);
	}
}

void html_form_post(struct req *r, const char *action, const char *cls, const char *key)
{
	const char *posted = form_get(&r->form, "form");
	bool again = strcmp(r->method, "POST") == 0 && strcmp(r->path, action) == 0 &&
	             (key ? posted && strcmp(posted, key) == 0 : !posted);
	r->form_shown = again ? FORM_AGAIN : FORM_OTHER;
	html_f(r, "<form method=\"post\" action=\"%s\"", action);
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_lit(r, ">");
	html_csrf(r);
	if (key) {
		html_f(r, "<input type=\"hidden\" name=\"form\" value=\"%s\">", key);
	}
}

void html_form_end(struct req *r)
{
	html_lit(r, "</form>");
	r->form_shown = FORM_NONE;
}

void html_check(struct req *r, const char *label, const char *name, const char *value, bool checked)
{
	if (r->form_shown == FORM_AGAIN) {
		checked = false;
		for (size_t i = 0; i < r->form.n; i++)
			if (strcmp(r->form.fields[i].key, name) == 0 &&
			    strcmp(r->form.fields[i].value, value) == 0)
				checked = true;
	}
	html_f(r, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"", name,
	       value);
	if (checked)
		html_lit(r, " checked");
	html_f(r, "> %s</label>", label);
}

void html_date_attrs(struct req *r, const char *value)
{
	struct date d;
	char vn[DATE_LEN];
	if (value && date_parse(value, &d) == NCT_OK) {
		date_format_vn(d, vn);
		value = vn;
	}
	html_f(r,
	       " type=\"text\" autocomplete=\"off\" placeholder=\"dd/mm/yyyy\" maxlength=\"16\" "
	       "size=\"10\" value=\"%s\"",
	       value ? value : "");
}

void html_input_open(struct req *r, const char *label, const char *name, const char *type,
                     const char *value)
{
	bool date = strcmp(type, "date") == 0;
	html_lit(r, "<label>");
	html_text(r, label);
	if (date)
		html_lit(r, " <small class=\"hint\">(dd/mm/yyyy)</small>");
	html_f(r, "<input name=\"%s\"", name);
	if (date) {
		html_date_attrs(r, value);
		return;
	}
	html_f(r, " type=\"%s\" value=\"%s\"", type, value ? value : "");
}

void html_day_form(struct req *r, const char *day)
{
	html_lit(r, "<form method=\"get\" class=\"filters\">");
	html_input_open(r, tr(r, "Xem vào ngày", "As of"), "date", "date", day);
	html_f(r, "></label><button>%s</button></form>", tr(r, "Xem", "Show"));
}

void html_field(struct req *r, const char *label, const char *name, const char *type,
                const char *value, bool required)
{
	if (strcmp(type, "password") != 0)
		value = html_kept(r, name, value);
	html_input_open(r, label, name, type, value);
	if (required)
		html_lit(r, " required");
	refused_attrs(r, name);
	html_lit(r, ">");
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

void html_option(struct req *r, const char *value, const char *text, bool selected)
{
	html_f(r, "<option value=\"%s\"", value);
	if (selected)
		html_lit(r, " selected");
	html_f(r, ">%s</option>", text);
}

void html_select(struct req *r, const char *name, const char *const *codes,
                 const char *(*label)(const char *code, const char *lang), const char *cur,
                 const char *all)
{
	if (!all)
		cur = html_kept(r, name, cur);
	html_f(r, "<select name=\"%s\"", name);
	if (!all)
		refused_attrs(r, name);
	html_lit(r, ">");
	if (all)
		html_option(r, "", all, false);
	for (; *codes; codes++)
		html_option(r, *codes, label ? label(*codes, r->lang) : *codes,
		            cur && strcmp(cur, *codes) == 0);
	html_lit(r, "</select>");
	if (!all) /* a select with "all" is a filter, never an input that was refused */
		html_field_refusal(r, name);
}

void html_field_refusal(struct req *r, const char *name)
{
	char msg[512];
	if (!refused_here(r, name))
		return;
	wording_refusal(&r->rf, r->lang, msg, sizeof msg);
	html_lit(r, "<span class=\"field-error\"");
	if (r->form_shown == FORM_AGAIN) {
		html_f(r, " id=\"%s-error\"", name);
	}
	html_f(r, ">%s</span>", msg);
}

void html_refusal(struct req *r)
{
	char msg[512];
	if (!r->rf.code)
		return;
	wording_refusal(&r->rf, r->lang, msg, sizeof msg);
	html_notice(r, "error", msg);
}

void html_csrf(struct req *r)
{
	html_f(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->sess.csrf);
}

void html_notice(struct req *r, const char *kind, const char *message)
{
	html_f(r, "<p class=\"notice %s\" role=\"status\">%s</p>", kind, message);
}

void html_fold_open(struct req *r, bool open, const char *summary)
{
	html_lit(r, "<details class=\"forms\"");
	if (open)
		html_lit(r, " open");
	html_f(r, "><summary>%s</summary>", summary);
}

struct nav_item {
	const char *href; /* NULL: an area still to come */
	const char *vi, *en;
	bool admin;
};

static const struct nav_item nav[] = {
    {"/", "Tổng quan", "Overview", false},
    {"/plans", "Kế hoạch", "Plans", false},
    {"/inbox", "Báo cáo", "Reports", false},
    {"/clubs", "Câu lạc bộ", "Clubs", false},
    {"/persons", "Người cao tuổi", "Older people", false},
    {"/places", "Danh mục", "Registers", false},
    {"/admin/users", "Quản trị", "Administration", true},
    {"/rules", "Chế độ trợ cấp", "Allowance rules", true},
};

static void nav_bar(struct req *r)
{
	html_lit(r, "<nav aria-label=\"Menu\"><ul>");
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
		if (nav[i].admin && access_admin(&r->x) != NCT_OK)
			continue;
		if (nav[i].href) {
			bool here = strcmp(nav[i].href, "/") == 0
			                ? strcmp(r->path, "/") == 0
			                : strncmp(r->path, nav[i].href, 6) == 0;
			html_f(r, "<li><a href=\"%s\"", nav[i].href);
			if (here)
				html_lit(r, " aria-current=\"page\"");
			html_f(r, ">%s</a></li>", tr(r, nav[i].vi, nav[i].en));
		} else {
			/* "coming soon" in words, not only in a paler colour */
			html_f(r, "<li><span class=\"soon\">%s <small>%s</small></span></li>",
			       tr(r, nav[i].vi, nav[i].en), tr(r, "(sắp có)", "(coming soon)"));
		}
	}
	html_lit(r, "</ul></nav>");
}

static void user_bar(struct req *r)
{
	html_lit(r, "<div class=\"userbar\">");
	html_lit(r, "<form method=\"post\" action=\"/lang\" class=\"inline\">");
	if (r->x.authed)
		html_csrf(r);
	html_f(r,
	       "<input type=\"hidden\" name=\"next\" value=\"%s\"><button name=\"lang\" "
	       "value=\"%s\" class=\"link\">%s</button></form>",
	       r->path, tr(r, "en", "vi"), tr(r, "English", "Tiếng Việt"));
	if (r->x.authed) {
		html_f(r,
		       " <a href=\"/password\">%s</a> <form method=\"post\" action=\"/logout\" "
		       "class=\"inline\">",
		       r->sess.user.display_name);
		html_csrf(r);
		html_f(r, "<button class=\"link\">%s</button></form>",
		       tr(r, "Đăng xuất", "Log out"));
	}
	html_lit(r, "</div>");
}

void page_begin(struct req *r, const char *title)
{
	r->ctype = "text/html; charset=utf-8";
	html_f(
	    r,
	    "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\"><meta "
	    "name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link "
	    "rel=\"stylesheet\" href=\"/static/style.css\"><link rel=\"icon\" "
	    "href=\"/static/favicon.svg\"><script src=\"/static/app.js\" defer></script><title>%s",
	    r->lang, title);
	/* the first thing Tab reaches: past the header and menu to the page itself */
	html_f(r,
	       " · NCT</title></head><body><a class=\"skip\" href=\"#main\">%s</a><header><a "
	       "class=\"brand\" href=\"/\">NCT</a>",
	       tr(r, "Bỏ qua menu, đến nội dung chính", "Skip to the main content"));
	user_bar(r);
	if (r->x.authed)
		nav_bar(r);
	html_f(r, "</header><main id=\"main\" tabindex=\"-1\"><h1>%s</h1>", title);
	char saved[512];
	notice_take(r, saved, sizeof saved);
	if (saved[0])
		html_notice(r, "ok", saved);
}

void page_end(struct req *r)
{
	html_f(r, "</main><footer>%s</footer></body></html>\n",
	       tr(r, "NCT — hệ thống thông tin công tác người cao tuổi",
	          "NCT — information system for older people's programmes"));
}

/* The one writer of refusals: JSON under /api/ (reason and field when the
 * domain gave them), else a page. */
static void answer(struct req *r, int status, const char *code, const char *reason,
                   const char *field, const char *message)
{
	if (r->api) {
		json_t *err = json_pack("{s:s, s:s}", "code", code, "message", message);
		if (err && reason)
			json_object_set_new(err, "reason", json_string(reason));
		if (err && field)
			json_object_set_new(err, "field", json_string(field));
		resp_json(r, status, json_pack("{s:o}", "error", err));
		return;
	}
	buf_reset(&r->out);
	r->status = status;
	page_begin(r, status == 401   ? tr(r, "Cần đăng nhập", "Login required")
	              : status == 403 ? tr(r, "Không được phép", "Not allowed")
	              : status == 404 ? tr(r, "Không tìm thấy", "Not found")
	              : status < 500  ? tr(r, "Yêu cầu không hợp lệ", "Bad request")
	                              : tr(r, "Lỗi máy chủ", "Server error"));
	html_notice(r, "error", message);
	if (status == 401)
		html_lit(r, "<p><a class=\"button\" href=\"/login\">Đăng nhập / Log in</a></p>");
	else
		html_lit(r, "<p><a href=\"/\">Về trang chủ / Home</a></p>");
	page_end(r);
}

void resp_error(struct req *r, int status, const char *code, const char *message)
{
	answer(r, status, code, NULL, NULL, message);
}

/* What each domain error answers, and what it says when nothing more is known. */
static const struct {
	nct_err e;
	int status;
	const char *code, *vi, *en;
} errors[] = {
    {NCT_ERR_INVALID, 400, "invalid", "Dữ liệu không hợp lệ.", "Invalid input."},
    {NCT_ERR_NOTFOUND, 404, "not_found", "Không tìm thấy.", "Not found."},
    {NCT_ERR_CONFLICT, 409, "conflict", "Dữ liệu đã có.", "Already exists."},
    {NCT_ERR_DENIED, 403, "forbidden", "Bạn không có quyền làm việc này.", "You may not do this."},
    {NCT_ERR_TOOBIG, 413, "too_large", "Dữ liệu quá lớn.", "Too large."},
    {NCT_ERR_TOOMANY, 429, "too_many", "Quá nhiều lần thử. Hãy đợi ít phút rồi thử lại.",
     "Too many attempts. Wait a few minutes and try again."},
    {NCT_ERR_UNAVAILABLE, 503, "unavailable",
     "Cơ sở dữ liệu đang bận hoặc không kết nối được. Hãy thử lại sau ít phút.",
     "The database is busy or unreachable. Try again in a few minutes."},
    {NCT_ERR_BUSY, 503, "busy", "Máy chủ đang bận việc này. Hãy thử lại sau ít phút.",
     "The server is busy with this kind of work. Try again in a few minutes."},
};

static size_t error_row(nct_err e)
{
	size_t i = 0;
	while (i < sizeof errors / sizeof errors[0] && errors[i].e != e)
		i++;
	return i; /* past the end: a server error */
}

int resp_status(nct_err e)
{
	size_t i = error_row(e);
	return i < sizeof errors / sizeof errors[0] ? errors[i].status : 500;
}

bool resp_bad_date(struct req *r, struct date *on)
{
	if (req_date(r, on))
		return false;
	resp_error(r, 400, "invalid",
	           tr(r, "Ngày phải có dạng dd/mm/yyyy.", "The date must be written dd/mm/yyyy."));
	return true;
}

void resp_json_or_failed(struct req *r, nct_err e, int status, json_t *o)
{
	if (resp_failed(r, e))
		json_decref(o);
	else
		resp_json(r, status, o);
}

bool resp_refused(struct req *r, nct_err e)
{
	if (e)
		resp_refusal(r, e, &r->rf);
	return e != NCT_OK;
}

bool resp_failed(struct req *r, nct_err e)
{
	if (e)
		resp_domain_error(r, e, NULL);
	return e != NCT_OK;
}

void resp_domain_error(struct req *r, nct_err e, const char *message)
{
	size_t i = error_row(e);
	if (i == sizeof errors / sizeof errors[0]) {
		resp_error(r, 500, "internal",
		           tr(r, "Lỗi máy chủ. Việc này đã được ghi lại.",
		              "Server error. It has been logged."));
		return;
	}
	if (!message || e == NCT_ERR_UNAVAILABLE)
		message = tr(r, errors[i].vi, errors[i].en);
	resp_error(r, errors[i].status, errors[i].code, message);
}

void resp_refusal(struct req *r, nct_err e, const struct refusal *rf)
{
	size_t i = error_row(e);
	if (!rf || !rf->code || i == sizeof errors / sizeof errors[0]) {
		resp_domain_error(r, e, NULL);
		return;
	}
	resp_refusal_status(r, errors[i].status, errors[i].code, rf);
}

bool resp_form_refused(struct req *r, nct_err e, bool again)
{
	if (again)
		r->status = resp_status(e);
	else
		resp_refusal(r, e, &r->rf);
	return again;
}

bool resp_form_again(struct req *r, nct_err e, void (*page)(struct req *r))
{
	if (!e)
		return false;
	if (resp_form_refused(r, e, e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT))
		page(r);
	return true;
}

void resp_refusal_status(struct req *r, int status, const char *code, const struct refusal *rf)
{
	char msg[512];
	wording_refusal(rf, r->lang, msg, sizeof msg);
	answer(r, status, code, refusal_reason(rf->code), rf->field, msg);
}

void resp_refuse(struct req *r, nct_err e, int code, const char *field)
{
	struct refusal rf;
	refuse(&rf, e, code, field, "");
	resp_refusal(r, e, &rf);
}

void resp_finish(struct req *r)
{
	nct_err e = buf_failed(&r->out);
	if (!e || r->static_body)
		return;
	log_error("%s %s: the response failed (%s); answered 500 instead", r->method, r->path,
	          nct_err_name(e));
	for (size_t i = 0; i < r->nheaders; i++)
		free(r->hvalue[i]);
	r->nheaders = 0;
	buf_free(&r->out);
	buf_init(&r->out, RESP_MAX);
	if (e == NCT_ERR_TOOBIG)
		resp_error(r, 500, "too_large",
		           tr(r,
		              "Trang quá lớn để gửi. Hãy thu hẹp bộ lọc (ngày, địa bàn) "
		              "rồi thử lại.",
		              "The page is too large to send. Narrow the filter (dates, place) "
		              "and try again."));
	else
		resp_error(r, 500, "internal",
		           tr(r, "Lỗi máy chủ. Việc này đã được ghi lại.",
		              "Server error. It has been logged."));
}

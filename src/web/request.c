#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

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

void resp_error(struct req *r, int status, const char *code, const char *message)
{
	if (r->api) {
		resp_json(r, status,
		          json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
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

void resp_throttled(struct req *r, int64_t wait, char *out, size_t len)
{
	char secs[24];
	snprintf(secs, sizeof secs, "%lld", (long long)wait);
	resp_header(r, "Retry-After", secs);
	bool minutes = wait >= 120;
	long long n = minutes ? (wait + 59) / 60 : wait;
	if (strcmp(r->lang, "en") == 0)
		snprintf(out, len, "Too many failed logins. Wait %lld %s and try again.", n,
		         minutes ? "minutes" : "seconds");
	else
		snprintf(out, len, "Quá nhiều lần đăng nhập sai. Hãy đợi %lld %s rồi thử lại.", n,
		         minutes ? "phút" : "giây");
}

void resp_domain_error(struct req *r, nct_err e, const char *message)
{
	switch (e) {
	case NCT_ERR_INVALID:
		resp_error(r, 400, "invalid",
		           message ? message : tr(r, "Dữ liệu không hợp lệ.", "Invalid input."));
		break;
	case NCT_ERR_NOTFOUND:
		resp_error(r, 404, "not_found",
		           message ? message : tr(r, "Không tìm thấy.", "Not found."));
		break;
	case NCT_ERR_CONFLICT:
		resp_error(r, 409, "conflict",
		           message ? message : tr(r, "Dữ liệu đã có.", "Already exists."));
		break;
	case NCT_ERR_DENIED:
		resp_error(r, 403, "forbidden",
		           message
		               ? message
		               : tr(r, "Bạn không có quyền làm việc này.", "You may not do this."));
		break;
	case NCT_ERR_TOOBIG:
		resp_error(r, 413, "too_large",
		           message ? message : tr(r, "Dữ liệu quá lớn.", "Too large."));
		break;
	case NCT_ERR_TOOMANY:
		resp_error(r, 429, "too_many",
		           message ? message
		                   : tr(r, "Quá nhiều lần thử. Hãy đợi ít phút rồi thử lại.",
		                        "Too many attempts. Wait a few minutes and try again."));
		break;
	case NCT_ERR_UNAVAILABLE:
		resp_error(
		    r, 503, "unavailable",
		    tr(r,
		       "Cơ sở dữ liệu đang bận hoặc không kết nối được. Hãy thử lại sau ít phút.",
		       "The database is busy or unreachable. Try again in a few minutes."));
		break;
	default:
		resp_error(r, 500, "internal",
		           tr(r, "Lỗi máy chủ. Việc này đã được ghi lại.",
		              "Server error. It has been logged."));
		break;
	}
}

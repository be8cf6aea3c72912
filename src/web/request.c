#include "request.h"

#include <stdlib.h>
#include <string.h>

#include "../base/log.h"
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
		                   : tr(r, "Quá nhiều lần thử. Hãy đợi 15 phút.",
		                        "Too many attempts. Wait 15 minutes."));
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

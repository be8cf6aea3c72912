/* export_routes.c - downloads of a club's tables, and member imports from an
 * uploaded file: the same domain calls as nct export and nct import. */
#include "export_routes.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../domain/auth.h"
#include "../domain/access.h"
#include "lookup.h"
#include "../export/csvout.h"
#include "../export/import.h"
#include "../export/person_tables.h"
#include "multipart.h"
#include "../export/xlsx.h"
#include "html.h"
#include "import_report.h"
#include "page_persons.h"

static const char xlsx_type[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/* attachment; filename="members-CODE-2025-12-31.xlsx" (club codes are
 * [A-Za-z0-9._-] already; anything else would become '_'). */
static void attachment(struct req *r, const char *what, const struct club *c, const char *ext)
{
	char day[DATE_LEN], code[sizeof c->code], v[160];
	date_format(date_today_vn(), day);
	size_t i = 0;
	for (; c->code[i] && i + 1 < sizeof code; i++) {
		char ch = c->code[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		          (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
		code[i] = ok ? ch : '_';
	}
	code[i] = '\0';
	snprintf(v, sizeof v, "attachment; filename=\"%s-%s-%s.%s\"", what, code, day, ext);
	resp_header(r, "Content-Disposition", v);
}

/* Writes t as the answer's body, XLSX or CSV, and frees it; *rows its rows. */
static nct_err write_table(struct req *r, struct table *t, bool xlsx, size_t *rows)
{
	const struct table *tp = t;
	buf_reset(&r->out);
	nct_err e =
	    xlsx ? xlsx_write_buf(&tp, 1, r->lang, &r->out) : csvout_write(t, r->lang, &r->out);
	*rows = t->nrows;
	table_free(t);
	return e;
}

/* The generic download: fill the table, write it, log it. */
static void export_club(struct req *r, const char *what, bool xlsx)
{
	struct club c;
	struct table t;
	const struct club_export *x = club_export_find(what);
	if (!x || !route_club(r, date_today_vn(), &c))
		return;
	nct_err e = x->fill(&r->x, &c, r->lang, &t);
	if (e) {
		resp_domain_error(r, e, NULL);
		return;
	}
	size_t rows;
	e = write_table(r, &t, xlsx, &rows);
	if (!e)
		e = club_exported(&r->x, &c, what, xlsx ? "xlsx" : "csv", rows);
	if (e) {
		resp_domain_error(
		    r, e,
		    e == NCT_ERR_TOOBIG
		        ? tr(r, "Bảng quá lớn để tải về qua trang web; hãy dùng nct export.",
		             "The table is too large to download here; use nct export.")
		        : NULL);
		return;
	}
	r->status = 200;
	r->ctype = xlsx ? xlsx_type : "text/csv; charset=utf-8";
	attachment(r, what, &c, xlsx ? "xlsx" : "csv");
}

/* The register's list with the filters of /persons, as a file. */
static void export_persons(struct req *r, bool xlsx)
{
	struct register_filter f;
	struct place pl;
	struct table t;
	char day[DATE_LEN], v[96];
	nct_err e = persons_filter(r, &f, &pl, 50);
	if (!e)
		e = register_table(&r->x, &f, r->lang, &t, &r->rf);
	if (e) {
		resp_refusal(r, e, &r->rf);
		return;
	}
	size_t rows;
	e = write_table(r, &t, xlsx, &rows);
	if (!e)
		e = register_exported(&r->x, xlsx ? "xlsx" : "csv", rows);
	if (e) {
		resp_domain_error(r, e,
		                  e == NCT_ERR_TOOBIG
		                      ? tr(r, "Danh sách quá lớn để tải về: hãy lọc theo địa bàn.",
		                           "The list is too large to download: filter it by place.")
		                      : NULL);
		return;
	}
	r->status = 200;
	r->ctype = xlsx ? xlsx_type : "text/csv; charset=utf-8";
	date_format(date_today_vn(), day);
	snprintf(v, sizeof v, "attachment; filename=\"persons-%s.%s\"", day, xlsx ? "xlsx" : "csv");
	resp_header(r, "Content-Disposition", v);
}

void export_persons_csv(struct req *r)
{
	export_persons(r, false);
}

void export_persons_xlsx(struct req *r)
{
	export_persons(r, true);
}

void export_members_csv(struct req *r)
{
	export_club(r, "members", false);
}

void export_members_xlsx(struct req *r)
{
	export_club(r, "members", true);
}

void export_activities_csv(struct req *r)
{
	export_club(r, "activities", false);
}

void export_activities_xlsx(struct req *r)
{
	export_club(r, "activities", true);
}

void export_ledger_csv(struct req *r)
{
	export_club(r, "ledger", false);
}

void export_ledger_xlsx(struct req *r)
{
	export_club(r, "ledger", true);
}

void export_loans_csv(struct req *r)
{
	export_club(r, "loans", false);
}

void export_loans_xlsx(struct req *r)
{
	export_club(r, "loans", true);
}

/* ---- imports ------------------------------------------------------------ */

bool upload_form_read(struct req *r, struct multipart *mp)
{
	if (multipart_parse(r->content_type, r->body, r->body_len, mp)) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Biểu mẫu tải tệp không đọc được.", "The upload could not be read."));
		return false;
	}
	if (!upload_csrf_ok(r, mp)) {
		resp_error(r, 403, "csrf",
		           tr(r,
		              "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã CSRF). Hãy tải "
		              "lại trang và gửi lại.",
		              "The form is stale or invalid (missing CSRF token). Reload the page "
		              "and send it again."));
		return false;
	}
	return true;
}

/* The session's CSRF token, from the X-CSRF-Token header or the form's csrf
 * part (bearer tokens need none, as in routes.c). */
bool upload_csrf_ok(const struct req *r, const struct multipart *mp)
{
	char tok[128];
	const char *t = r->csrf_header;
	const struct multipart_part *p = multipart_get(mp, "csrf");
	if (r->sess.bearer)
		return true;
	if (!t && p && p->len < sizeof tok && !memchr(p->data, '\0', p->len)) {
		memcpy(tok, p->data, p->len);
		tok[p->len] = '\0';
		t = tok;
	}
	return t && r->sess.csrf[0] && auth_equal(t, r->sess.csrf);
}

static void report_rows(struct req *r, const struct import_report *rep)
{
	if (!rep->issues.n)
		return;
	static const char *const heads[][2] = {{"Dòng", "Line"}, {"Lý do", "Reason"}};
	html_table_open(r, NULL, heads, 2, 0);
	import_issue_rows(r, rep, 0, rep->issues.n);
	html_lit(r, "</tbody></table></div>");
}

static void report_page(struct req *r, const struct club *c, const struct import_report *rep,
                        nct_err e)
{
	char summary[512];
	r->status = !e ? 200 : e == NCT_ERR_TOOBIG ? 413 : e == NCT_ERR_CONFLICT ? 409 : 400;
	buf_reset(&r->out);
	page_begin(r, tr(r, "Nhập thành viên", "Import members"));
	html_lit(r, "<p>");
	html_text(r, c->name);
	html_lit(r, "</p>");
	import_summary(rep, r->lang, summary, sizeof summary);
	html_notice(r, e ? "error" : "ok", summary);
	report_rows(r, rep);
	html_lit(r, "<p><a class=\"button\" href=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "\">");
	html_text(r, tr(r, "Về trang câu lạc bộ", "Back to the club"));
	html_lit(r, "</a></p>");
	page_end(r);
}

/* Runs the import; false (after answering) when the store failed. */
static bool run_import(struct req *r, const struct club *c, const char *data, size_t len, bool dry,
                       struct import_report *rep, nct_err *e)
{
	char summary[512];
	*e = members_import_file(&r->x, c, data, len, dry, rep);
	if (*e && *e != NCT_ERR_INVALID && *e != NCT_ERR_TOOBIG && *e != NCT_ERR_CONFLICT) {
		import_summary(rep, r->lang, summary, sizeof summary);
		resp_domain_error(r, *e, summary);
		import_report_free(rep);
		return false;
	}
	return true;
}

void page_members_import(struct req *r)
{
	struct club c;
	struct multipart mp;
	struct import_report rep;
	if (!upload_form_read(r, &mp))
		return;
	nct_err e = NCT_OK;
	if (!route_club(r, date_today_vn(), &c))
		return;
	const struct multipart_part *f = multipart_get(&mp, "file");
	const struct multipart_part *d = multipart_get(&mp, "dry_run");
	if (!f || f->len == 0) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Hãy chọn một tệp .xlsx hoặc .csv.", "Choose an .xlsx or .csv file."));
		return;
	}
	if (!run_import(r, &c, f->data, f->len, d && d->len > 0, &rep, &e))
		return;
	report_page(r, &c, &rep, e);
	import_report_free(&rep);
}

bool upload_type_ok(const char *ct)
{
	static const char *const ok[] = {"text/csv", xlsx_type, "application/octet-stream"};
	for (size_t i = 0; ct && i < sizeof ok / sizeof ok[0]; i++) {
		size_t n = strlen(ok[i]);
		if (strncasecmp(ct, ok[i], n) == 0 && (ct[n] == '\0' || ct[n] == ';'))
			return true;
	}
	return false;
}

void api_members_import(struct req *r)
{
	struct club c;
	struct import_report rep;
	nct_err e = NCT_OK;
	if (!upload_type_ok(r->content_type)) {
		resp_error(r, 415, "unsupported_media_type",
		           "send the file as the body, with Content-Type text/csv or "
		           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		return;
	}
	if (!route_club(r, date_today_vn(), &c))
		return;
	const char *dry = req_arg(r, "dry_run");
	bool is_dry = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
	if (!run_import(r, &c, r->body, r->body_len, is_dry, &rep, &e))
		return;
	char summary[512];
	json_t *o = import_report_json(&rep, r->lang);
	import_summary(&rep, r->lang, summary, sizeof summary);
	if (o)
		json_object_set_new(o, "club", json_string(c.code));
	if (o && e)
		json_object_set_new(o, "error",
		                    json_pack("{s:s, s:s}", "code",
		                              e == NCT_ERR_TOOBIG     ? "too_large"
		                              : e == NCT_ERR_CONFLICT ? "conflict"
		                                                      : "invalid_rows",
		                              "message", summary));
	import_report_free(&rep);
	resp_json(r, !e ? 200 : e == NCT_ERR_TOOBIG ? 413 : e == NCT_ERR_CONFLICT ? 409 : 422, o);
}

/* ---- the section on the club page --------------------------------------- */

/* Folded on the club page: a line until it is opened. */
static void upload_form(struct req *r, const struct club *c)
{
	html_fold_open(r, false, tr(r, "Nhập thành viên từ tệp", "Import members from a file"));
	html_lit(r, "<form method=\"post\" class=\"card\" enctype=\"multipart/form-data\" "
	            "action=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "/members/import\">");
	html_csrf(r);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Tệp Excel (.xlsx) hoặc CSV UTF-8", "Excel (.xlsx) or UTF-8 CSV file"));
	html_lit(r,
	         " <input type=\"file\" name=\"file\" required accept=\".xlsx,.csv,text/csv,"
	         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></label>"
	         "<label class=\"check\"><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> ");
	html_text(r, tr(r, "Chỉ kiểm tra, chưa ghi", "Check only, write nothing"));
	html_lit(r, "</label><p>");
	html_text(r, tr(r,
	                "Cột cần có: Họ tên, Giới tính, Năm sinh, Ngày vào; có thể thêm Mã nơi ở, "
	                "Hộ nghèo, Hộ cận nghèo, Khuyết tật, Sống một mình, Dân tộc thiểu số, "
	                "Tình nguyện viên (ghi x). Danh sách thành viên tải về ở trên có đúng "
	                "các cột này. Có dòng lỗi thì không ghi dòng nào.",
	                "Columns needed: full_name, sex, birth, joined_on; optional: place, poor, "
	                "near_poor, disability, lives_alone, ethnic_minority, volunteer (mark x). "
	                "The member list above downloads with these columns. If any line is "
	                "wrong, nothing is written."));
	html_lit(r, "</p><button>");
	html_text(r, tr(r, "Nhập", "Import"));
	html_lit(r, "</button></form></details>");
}

/* The lists a club can be downloaded as, in the order shown. */
static const struct {
	const char *what; /* the export's name, the file's start */
	const char *vi, *en;
} download_lists[] = {
    {"members", "Danh sách thành viên", "Member list"},
    {"activities", "Hoạt động", "Activities"},
    {"ledger", "Sổ quỹ", "Fund ledger"},
    {"loans", "Khoản vay", "Loans"},
};

static void download_link(struct req *r, const struct club *c, const char *what, const char *ext,
                          const char *label)
{
	html_lit(r, "<a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "/");
	html_text(r, what);
	html_lit(r, ".");
	html_text(r, ext);
	html_lit(r, "\">");
	html_text(r, label);
	html_lit(r, "</a>");
}

void export_club_tools(struct req *r, const struct club *c, bool edit)
{
	html_lit(r, "<h2 id=\"files\">");
	html_text(r, tr(r, "Tải về", "Downloads"));
	/* a line on a phone; app.js opens it on a wide screen */
	html_lit(r, "</h2><details class=\"wide-open\"><summary>");
	html_text(r, tr(r, "Các danh sách, tệp CSV và Excel", "The lists, as CSV and Excel files"));
	html_lit(r, "</summary><ul>");
	for (size_t i = 0; i < sizeof download_lists / sizeof download_lists[0]; i++) {
		html_lit(r, "<li>");
		html_text(r, tr(r, download_lists[i].vi, download_lists[i].en));
		html_lit(r, ": ");
		download_link(r, c, download_lists[i].what, "csv", "CSV");
		html_lit(r, " · ");
		download_link(r, c, download_lists[i].what, "xlsx", "Excel");
		html_lit(r, "</li>");
	}
	html_lit(r, "</ul></details>");
	if (edit)
		upload_form(r, c);
}

/* page_plans.c - the plans, one plan with its areas, items and reporting
 * lines, and the inbox of a user's body: what it owes and by when, what it
 * must review; the steps of a report are buttons there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/access.h"
#include "../domain/obligation.h"
#include "../domain/plan.h"
#include "../domain/plan_basis.h"
#include "../domain/report.h"
#include "../domain/rollup.h"
#include "../domain/submission.h"
#include "../domain/plan_doc.h"
#include "../export/plan_file.h"
#include "../export/report_doc.h"
#include "api_plans.h"
#include "export_routes.h"
#include "html.h"
#include "labels.h"
#include "multipart.h"
#include "notice.h"
#include "page_programme.h"
#include "page_plan_edit.h"
#include "page_plans.h"

/* ------------------------------------------------------------- words */

/* A heading of the page's second level. */
static void heading(struct req *r, const char *text)
{
	html_lit(r, "<h2>");
	html_text(r, text);
	html_lit(r, "</h2>");
}

static const char *status_label(const struct req *r, const char *s)
{
	if (!s || !s[0])
		return tr(r, "Chưa có", "None yet");
	if (strcmp(s, "draft") == 0)
		return tr(r, "Bản nháp", "Draft");
	if (strcmp(s, "submitted") == 0)
		return tr(r, "Đã gửi", "Submitted");
	if (strcmp(s, "returned") == 0)
		return tr(r, "Bị trả lại", "Returned");
	if (strcmp(s, "accepted") == 0)
		return tr(r, "Đã tiếp nhận", "Accepted");
	return s;
}

static const char *kind_label(const struct req *r, const char *k)
{
	if (strcmp(k, "semiannual") == 0)
		return tr(r, "6 tháng", "Six-monthly");
	if (strcmp(k, "yearly") == 0)
		return tr(r, "Hằng năm", "Yearly");
	if (strcmp(k, "once") == 0)
		return tr(r, "Một lần", "Once");
	if (strcmp(k, "on_request") == 0)
		return tr(r, "Khi có yêu cầu", "On request");
	if (strcmp(k, "as_needed") == 0)
		return tr(r, "Khi phát sinh", "As needed");
	return tr(r, "Theo quy định", "As the rules say");
}

/* A column heading, in both languages. */
struct column {
	const char *vi, *en;
};

/* Opens a scrolling table with these headings; the caller writes the rows
 * and closes it with "</tbody></table></div>". */
static void table_open(struct req *r, const struct column *cols, size_t n)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<th>");
		html_text(r, tr(r, cols[i].vi, cols[i].en));
		html_lit(r, "</th>");
	}
	html_lit(r, "</tr></thead><tbody>");
}

/* The "on time" cell's words: on time, late by so many days, or nothing
 * while the report is not in (days_late -1). */
/* As table_open, the table of class cls ("stack": one card per row on a
 * small screen, each cell named by its column, docs/pages.md). */
static void table_open_as(struct req *r, const struct column *cols, size_t n, const char *cls)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table class=\"");
	html_attr(r, cls);
	html_lit(r, "\"><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<th>");
		html_text(r, tr(r, cols[i].vi, cols[i].en));
		html_lit(r, "</th>");
	}
	html_lit(r, "</tr></thead><tbody>");
}

/* Opens a cell named by its column (data-label), of class cls or none. */
static void cell(struct req *r, const struct column *c, const char *cls)
{
	html_lit(r, "<td data-label=\"");
	html_attr(r, tr(r, c->vi, c->en));
	if (cls) {
		html_lit(r, "\" class=\"");
		html_attr(r, cls);
	}
	html_lit(r, "\">");
}

static void on_time_words(struct req *r, int64_t days_late)
{
	if (days_late == 0)
		html_text(r, tr(r, "Đúng hạn", "On time"));
	else if (days_late > 0) {
		html_text(r, tr(r, "Trễ ", "Late by "));
		html_int(r, days_late);
		html_text(r, tr(r, " ngày", " days"));
	}
}

/* An administrator's form to import a plan from its file (docs/plans.md): the
 * same checks as the API; a refusal stands beside the file. */
static void import_form(struct req *r)
{
	if (access_admin(&r->x))
		return;
	heading(r, tr(r, "Nhập kế hoạch từ tệp", "Import a plan from its file"));
	html_lit(r, "<form method=\"post\" class=\"card\" enctype=\"multipart/form-data\" "
	            "action=\"/plans/import\" id=\"import\">");
	html_csrf(r);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Tệp kế hoạch (JSON, định dạng nct-plan/1)",
	                "Plan file (JSON, format nct-plan/1)"));
	html_lit(r,
	         " <input type=\"file\" name=\"file\" required accept=\".json,application/json\"");
	if (r->rf.code && r->rf.field && strcmp(r->rf.field, "file") == 0)
		html_lit(r, " aria-invalid=\"true\"");
	html_lit(r, ">");
	html_field_refusal(r, "file");
	html_lit(r, "</label>");
	html_lit(r, "<button>");
	html_text(r, tr(r, "Nhập kế hoạch", "Import the plan"));
	html_lit(r, "</button></form>");
}

/* The form to make a plan from its header (no file), for administrators and
 * province officers (plan_may_create): the same call as POST /api/v1/plans;
 * its areas, items and bases are added after, on its edit page. */
static void create_form(struct req *r)
{
	if (!plan_may_create(&r->x))
		return;
	static const struct plan none;
	heading(r, tr(r, "Tạo kế hoạch mới", "Make a new plan"));
	html_form_post(r, "/plans/new", "card report", "create");
	html_field(r,
	           tr(r,
	              "Mã kế hoạch trong hệ thống (chữ thường, số, gạch ngang; để trống: "
	              "lấy từ số, ký hiệu)",
	              "The plan's id here (lower case, digits, dashes; blank: made from the "
	              "number)"),
	           "id", "text", "", false);
	plan_header_fields(r, &none);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Tạo kế hoạch", "Make the plan"));
	html_lit(r, "</button>");
	html_form_end(r);
}

/* ------------------------------------------------------------- /plans */

void page_plans(struct req *r)
{
	struct plan *v = NULL;
	size_t n = 0;
	if (resp_failed(r, plan_list(&r->x, &v, &n)))
		return;
	page_begin(r, tr(r, "Kế hoạch", "Plans"));
	html_lit(r, "<p><a href=\"/inbox\">");
	html_text(r, tr(r, "Hộp báo cáo của đơn vị", "Your body's reports"));
	html_lit(r, "</a></p>");
	if (n == 0)
		html_notice(
		    r, "ok",
		    tr(r,
		       "Chưa có kế hoạch nào. Quản trị viên nhập kế hoạch từ tệp (dưới đây, hoặc "
		       "bằng lệnh nct plan import TỆP).",
		       "No plan yet. An administrator imports one from its file (below, or with "
		       "nct "
		       "plan import FILE)."));
	else {
		static const struct column cols[] = {
		    {"Số, ký hiệu", "Number"}, {"Trích yếu", "Title"}, {"Ngày", "Date"},
		    {"Hiệu lực", "In force"},  {"Nhiệm vụ", "Items"},
		};
		table_open(r, cols, sizeof cols / sizeof *cols);
	}
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td><a href=\"/plans/");
		html_urlpart(r, v[i].slug);
		html_lit(r, "\">");
		html_text(r, v[i].code[0] ? v[i].code : v[i].slug);
		html_lit(r, "</a></td><td>");
		html_text(r, tr(r, v[i].title, v[i].title_en));
		html_lit(r, "</td><td>");
		html_date(r, v[i].date);
		html_lit(r, "</td><td>");
		html_date(r, v[i].effective_from);
		html_text(r, " – ");
		html_date(r, v[i].effective_to);
		html_lit(r, "</td><td>");
		html_int(r, v[i].items);
		html_lit(r, "</td></tr>");
	}
	if (n)
		html_lit(r, "</tbody></table></div>");
	free(v);
	import_form(r);
	create_form(r);
	page_end(r);
}

void page_plans_import(struct req *r)
{
	struct multipart mp;
	if (access_admin(&r->x)) {
		resp_refuse(r, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL);
		return;
	}
	if (!upload_form_read(r, &mp))
		return;
	const struct multipart_part *f = multipart_get(&mp, "file");
	char msg[200] = "";
	json_t *doc = NULL;
	struct plan p;
	nct_err e =
	    f && f->len ? plan_file_parse(f->data, f->len, &doc, msg, sizeof msg) : NCT_ERR_INVALID;
	if (e == NCT_ERR_TOOBIG)
		refuse(&r->rf, NCT_ERR_INVALID, RF_PLAN_FILE_SIZE, "file", "i",
		       (int64_t)(PLAN_FILE_MAX >> 20));
	else if (e)
		refuse(&r->rf, NCT_ERR_INVALID, RF_PLAN_FORMAT, "file", "ss",
		       f && f->len ? msg : "", "JSON");
	else
		e = plan_import(&r->x, doc, &p, &r->rf);
	json_decref(doc);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT)
		r->rf.field = "file"; /* the form's one field: the refusal stands beside it */
	plan_made(r, e, &p, "");
}

void plan_made(struct req *r, nct_err e, const struct plan *p, const char *then)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		page_plans(r);
		return;
	}
	if (resp_refused(r, e))
		return;
	char to[128];
	snprintf(to, sizeof to, "/plans/%s%s", p->slug, then);
	resp_redirect_notice(r, to, NOTICE_SAVED, p->code[0] ? p->code : p->slug);
}

/* ------------------------------------------------------------- /plans/{} */

static const char *unit_name(const struct plan_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].code, code) == 0 && u[i].name[0])
			return u[i].name;
	return code;
}

static void unit_list(struct req *r, char (*codes)[ORG_CODE_LEN], size_t n,
                      const struct plan_unit *u, size_t nu)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			html_text(r, "; ");
		html_text(r, unit_name(u, nu, codes[i]));
	}
}

/* The items of each section; with a link to edit each when edit names the
 * plan (its slug), else NULL. */
static void items_table(struct req *r, const struct plan_section *s, size_t ns,
                        const struct plan_item *it, size_t ni, const struct plan_unit *u, size_t nu,
                        const char *edit)
{
	for (size_t k = 0; k < ns; k++) {
		html_lit(r, "<h3>");
		html_text(r, s[k].code);
		html_text(r, ". ");
		html_text(r, s[k].heading);
		if (s[k].retired[0]) {
			html_text(r, tr(r, " (thôi thực hiện từ ", " (retired from "));
			html_date(r, s[k].retired);
			html_text(r, ")");
		}
		html_lit(r, "</h3>");
		static const struct column cols[] = {
		    {"TT", "No."},
		    {"Nhiệm vụ", "Item"},
		    {"Chủ trì", "Lead"},
		    {"Phối hợp", "Co-operating"},
		    {"Thời hạn", "Deadline"},
		};
		table_open(r, cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < ni; i++) {
			if (it[i].section_id != s[k].id)
				continue;
			html_lit(r, "<tr><td>");
			html_int(r, it[i].n);
			html_lit(r, "</td><td>");
			html_text(r, it[i].text);
			if (it[i].retired[0]) {
				html_lit(r, " <em>");
				html_text(r, tr(r, "(thôi thực hiện từ ", "(retired from "));
				html_date(r, it[i].retired);
				html_lit(r, ")</em>");
			}
			if (edit) {
				char href[160], label[64];
				snprintf(href, sizeof href, "/plans/%s/items/%lld", edit,
				         (long long)it[i].id);
				snprintf(label, sizeof label, "%s %s.%d",
				         tr(r, "Sửa nhiệm vụ", "Edit item"), it[i].section_code,
				         it[i].n);
				html_lit(r, " <a href=\"");
				html_attr(r, href);
				html_lit(r, "\" aria-label=\"");
				html_attr(r, label);
				html_lit(r, "\">");
				html_text(r, tr(r, "Sửa", "Edit"));
				html_lit(r, "</a>");
			}
			html_lit(r, "</td><td>");
			if (it[i].nlead)
				unit_list(r, (char(*)[ORG_CODE_LEN])it[i].lead, it[i].nlead, u, nu);
			else
				html_text(r,
				          tr(r, "(kế hoạch không nêu)", "(the plan names none)"));
			html_lit(r, "</td><td>");
			unit_list(r, (char(*)[ORG_CODE_LEN])it[i].coop, it[i].ncoop, u, nu);
			html_lit(r, "</td><td>");
			if (it[i].deadline[0]) {
				html_text(r, tr(r, "trước ", "before "));
				html_date(r, it[i].deadline);
			}
			html_lit(r, "</td></tr>");
		}
		html_lit(r, "</tbody></table></div>");
	}
}

static void obligations_table(struct req *r, const struct obligation *v, size_t n,
                              const struct plan_unit *u, size_t nu)
{
	heading(r, tr(r, "Chế độ báo cáo", "Reporting"));
	static const struct column cols[] = {
	    {"Số", "Line"},
	    {"Nội dung", "What"},
	    {"Nơi nhận", "To"},
	    {"Kỳ", "Periods"},
	    {"Hạn (trước ngày)", "Due before"},
	    {"Đơn vị báo cáo", "Reporters"},
	};
	table_open(r, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < n; i++) {
		char href[48];
		snprintf(href, sizeof href, "/obligations/%lld", (long long)v[i].id);
		html_lit(r, "<tr><td><a href=\"");
		html_attr(r, href);
		html_lit(r, "\">");
		html_text(r, v[i].line[0] ? v[i].line : href + 13);
		html_lit(r, "</a></td><td>");
		html_text(r, v[i].name);
		html_lit(r, "</td><td>");
		html_text(r, unit_name(u, nu, v[i].to));
		html_lit(r, "</td><td>");
		html_text(r, kind_label(r, v[i].period_kind));
		if (v[i].first_period[0]) {
			html_text(r, " ");
			html_text(r, v[i].first_period);
			html_text(r, " – ");
			html_text(r, v[i].last_period);
		}
		html_lit(r, "</td><td>");
		if (strlen(v[i].due) == 10) {
			html_date(r, v[i].due);
		} else if (v[i].due[0]) {
			char dm[8]; /* "MM-DD" as dd/mm */
			snprintf(dm, sizeof dm, "%.2s/%.2s", v[i].due + 3, v[i].due);
			html_text(r, dm);
		}
		html_lit(r, "</td><td>");
		html_int(r, v[i].nreporters);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

void page_plan(struct req *r)
{
	struct plan p;
	nct_err e = plan_get(&r->x, r->params[0], &p);
	if (plan_refused(r, e))
		return;
	struct plan_section *s = NULL, *d = NULL;
	struct plan_item *it = NULL, *dit = NULL;
	struct plan_unit *u = NULL;
	struct obligation *ob = NULL;
	struct plan_basis *b = NULL;
	size_t ns = 0, nd = 0, ni = 0, ndi = 0, nu = 0, nob = 0, nb = 0;
	e = plan_sections(&r->x, p.id, SECTION_AREA, &s, &ns);
	if (!e)
		e = plan_items(&r->x, p.id, SECTION_AREA, &it, &ni);
	if (!e)
		e = plan_sections(&r->x, p.id, SECTION_DUTY, &d, &nd);
	if (!e)
		e = plan_items(&r->x, p.id, SECTION_DUTY, &dit, &ndi);
	if (!e)
		e = plan_units(&r->x, p.id, &u, &nu);
	if (!e)
		e = obligation_list(&r->x, p.id, &ob, &nob);
	if (!e)
		e = plan_bases(&r->x, p.id, &b, &nb);
	if (e) {
		resp_domain_error(r, e, NULL);
	} else {
		page_begin(r, p.code[0] ? p.code : p.slug);
		html_lit(r, "<p class=\"lead\">");
		html_text(r, tr(r, p.title, p.title_en));
		html_lit(r, "</p><p>");
		html_text(r, p.issuer_name[0] ? p.issuer_name : p.issuer);
		html_text(r, " · ");
		html_date(r, p.date);
		html_text(r, tr(r, " · hiệu lực ", " · in force "));
		html_date(r, p.effective_from);
		html_text(r, " – ");
		html_date(r, p.effective_to);
		html_lit(r, " · <a href=\"/api/v1/plans/");
		html_urlpart(r, p.slug);
		html_f(r, "/file\">%s</a>", tr(r, "Tệp kế hoạch (JSON)", "Plan file (JSON)"));
		const char *edit = access_plan(&r->x, &p) == NCT_OK ? p.slug : NULL;
		if (edit) {
			html_lit(r, " · <a class=\"button\" href=\"/plans/");
			html_urlpart(r, p.slug);
			html_f(r, "/edit\">%s</a>", tr(r, "Sửa kế hoạch", "Edit the plan"));
		}
		html_lit(r, "</p>");
		plan_bases_list(r, &p, b, nb, edit != NULL);
		html_f(r, "<h2>%s</h2>", tr(r, "Nhiệm vụ", "Areas of work"));
		items_table(r, s, ns, it, ni, u, nu, edit);
		heading(r, tr(r, "Tổ chức thực hiện", "Duties"));
		items_table(r, d, nd, dit, ndi, u, nu, edit);
		obligations_table(r, ob, nob, u, nu);
		page_end(r);
	}
	free(s);
	free(d);
	free(it);
	free(dit);
	free(u);
	free(ob);
	free(b);
}

/* ------------------------------------------------------------- /obligations/{} */

static void figures_row(struct req *r, const struct obligation *ob, const struct completeness *c)
{
	char href[64];
	snprintf(href, sizeof href, "/obligations/%lld?period=%s", (long long)ob->id,
	         c->period.period);
	html_lit(r, "<tr><td><a href=\"");
	html_attr(r, href);
	html_lit(r, "\">");
	html_text(r, c->period.period);
	html_lit(r, "</a></td><td>");
	if (c->period.has_window) {
		char f[DATE_LEN], t[DATE_LEN];
		date_format(c->period.from, f);
		date_format(c->period.to, t);
		html_date(r, f);
		html_text(r, " – ");
		html_date(r, t);
	}
	html_lit(r, "</td><td>");
	char d[DATE_LEN];
	date_format(c->period.due_before, d);
	html_date(r, d);
	html_lit(r, "</td><td>");
	html_text(r, c->receiver_code[0] ? c->receiver_code : "—");
	html_lit(r, "</td><td>");
	html_int(r, (int64_t)c->expected);
	html_lit(r, "</td><td>");
	html_int(r, (int64_t)c->on_time);
	html_lit(r, "</td><td>");
	html_int(r, (int64_t)c->late);
	html_lit(r, "</td><td>");
	html_int(r, (int64_t)c->missing);
	html_lit(r, "</td><td>");
	char pct[48] = "—"; /* nothing expected that the user sees */
	if (c->expected)
		snprintf(pct, sizeof pct, "%lld,%lld %%", (long long)(c->permille / 10),
		         (long long)(c->permille % 10));
	html_text(r, pct);
	html_lit(r, "</td></tr>");
}

/* The receiving office records a paper report of a reporter without one. */
static void paper_form(struct req *r, int64_t ob_id, const struct completeness *c,
                       const struct expected *e)
{
	char action[64];
	snprintf(action, sizeof action, "/obligations/%lld/paper", (long long)ob_id);
	html_lit(r, "<form method=\"post\" class=\"inline\" action=\"");
	html_attr(r, action);
	html_lit(r, "\">");
	html_csrf(r);
	html_lit(r, "<input type=\"hidden\" name=\"period\" value=\"");
	html_attr(r, c->period.period);
	html_lit(r, "\"><input type=\"hidden\" name=\"reporter\" value=\"");
	html_attr(r, e->r.code);
	html_lit(r,
	         "\"><input type=\"datetime-local\" name=\"received_at\" required aria-label=\"");
	html_attr(r, tr(r, "Thời điểm nhận (giờ Việt Nam)", "Received at (Vietnam time)"));
	html_lit(r, "\"><button>");
	html_text(r, tr(r, "Ghi nhận báo cáo giấy", "Record a paper report"));
	html_lit(r, "</button></form>");
}

static void reporters_table(struct req *r, int64_t ob_id, const struct completeness *c)
{
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Đơn vị báo cáo kỳ ", "Reporters of the period "));
	html_text(r, c->period.period);
	html_lit(r, "</h2>");
	static const struct column cols[] = {
	    {"Đơn vị", "Reporter"},
	    {"Báo cáo thay cho", "Reports for"},
	    {"Trạng thái", "Status"},
	    {"Đúng hạn", "On time"},
	};
	table_open(r, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct expected *e = &c->rows[i];
		html_lit(r, "<tr><td>");
		html_text(r, e->r.name);
		html_lit(r, " <small>");
		html_text(r, e->r.code);
		html_lit(r, "</small></td><td>");
		html_text(r, e->r.stands_for);
		html_lit(r, "</td><td>");
		html_text(r, status_label(r, e->status));
		if (!e->submission_id && c->receiver_side)
			paper_form(r, ob_id, c, e);
		html_lit(r, "</td><td>");
		on_time_words(r, e->days_late);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

void page_obligation(struct req *r)
{
	int64_t id = 0;
	struct obligation ob;
	nct_err e = route_id(r->params[0], &id) ? obligation_get(&r->x, id, &ob) : NCT_ERR_NOTFOUND;
	struct ob_period *ps = NULL;
	size_t np = 0;
	if (!e)
		e = obligation_periods(&r->x, &ob, &ps, &np);
	const char *want = req_arg(r, "period");
	struct completeness chosen = {0};
	if (!e && want && want[0])
		e = completeness_of(&r->x, ob.id, want, &chosen, &r->rf);
	struct completeness *cs = e ? NULL : calloc(np ? np : 1, sizeof *cs);
	if (!e && !cs)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < np; i++) {
		e = completeness_of(&r->x, ob.id, ps[i].period, &cs[i], NULL);
		completeness_free(&cs[i]); /* the figures stay */
	}
	free(ps);
	if (e) {
		free(cs);
		completeness_free(&chosen);
		resp_refusal(r, e, &r->rf);
		return;
	}
	page_begin(r, ob.name);
	html_lit(r, "<p><a href=\"/plans/");
	html_urlpart(r, ob.plan_slug);
	html_lit(r, "\">");
	html_text(r, ob.plan_key);
	html_lit(r, "</a> ");
	html_text(r, ob.line);
	html_text(r, " · ");
	html_text(r, kind_label(r, ob.period_kind));
	html_text(r, tr(r, " · gửi ", " · to "));
	html_text(r, ob.to);
	html_lit(r, "</p>");
	html_refusal(r);
	if (np == 0)
		html_notice(
		    r, "ok",
		    tr(r, "Báo cáo này không có kỳ hạn: gửi khi có yêu cầu hoặc khi phát sinh.",
		       "This report has no periods: it is sent when asked or as needed."));
	else {
		heading(r, tr(r, "Lịch báo cáo", "Reporting calendar"));
		static const struct column cols[] = {
		    {"Kỳ", "Period"},
		    {"Số liệu từ – đến", "Figures from – to"},
		    {"Hạn (trước ngày)", "Due before"},
		    {"Nơi nhận", "Receiver"},
		    {"Phải gửi", "Expected"},
		    {"Đúng hạn", "On time"},
		    {"Trễ hạn", "Late"},
		    {"Chưa gửi", "Missing"},
		    {"Tỷ lệ đã gửi", "Completeness"},
		};
		table_open(r, cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < np; i++)
			figures_row(r, &ob, &cs[i]);
		html_lit(r, "</tbody></table></div>");
	}
	if (chosen.nrows) {
		char href[80];
		snprintf(href, sizeof href, "/obligations/%lld/rollup?period=%s", (long long)ob.id,
		         chosen.period.period);
		html_lit(r, "<p class=\"actions\"><a href=\"");
		html_attr(r, href);
		html_lit(r, "\">");
		html_text(r, tr(r, "Tổng hợp số liệu theo địa bàn", "Figures rolled up by place"));
		html_lit(r, "</a>");
		if (chosen.receiver_side) {
			static const char *const formats[] = {"docx", "xlsx"};
			for (size_t f = 0; f < 2; f++) {
				html_lit(r, " <a class=\"button\" href=\"/plans/");
				html_urlpart(r, ob.plan_slug);
				html_lit(r, "/report?period=");
				html_urlpart(r, chosen.period.period);
				html_lit(r, "&amp;to=");
				html_urlpart(r, ob.to);
				html_lit(r, "&amp;format=");
				html_attr(r, formats[f]);
				html_lit(r, "\">");
				html_text(r, f == 0 ? tr(r, "Tải báo cáo tổng hợp (Word)",
				                         "Download the compiled report (Word)")
				                    : tr(r, "Tải bảng số liệu (Excel)",
				                         "Download its tables (Excel)"));
				html_lit(r, "</a>");
			}
		}
		html_lit(r, "</p>");
		reporters_table(r, ob.id, &chosen);
	}
	completeness_free(&chosen);
	free(cs);
	page_end(r);
}

void page_paper_record(struct req *r)
{
	int64_t ob = 0, id;
	nct_err e = route_id(r->params[0], &ob)
	                ? submission_paper(&r->x, ob, req_arg(r, "period"), req_arg(r, "reporter"),
	                                   req_arg(r, "received_at"), &id, &r->rf)
	                : NCT_ERR_NOTFOUND;
	if (e) {
		if (resp_form_refused(r, e, e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT))
			page_obligation(r);
		return;
	}
	char back[64];
	snprintf(back, sizeof back, "/obligations/%lld?period=%s", (long long)ob,
	         req_arg(r, "period"));
	resp_redirect_notice(r, back, NOTICE_PAPER_RECORDED, req_arg(r, "reporter"));
}

/* ------------------------------------------------------------- /inbox */

static void post_button(struct req *r, const char *action, int64_t id, const char *label,
                        const char *extra_field)
{
	char path[96];
	snprintf(path, sizeof path, "/submissions/%lld/%s", (long long)id, action);
	html_lit(r, "<form method=\"post\" class=\"inline\" action=\"");
	html_attr(r, path);
	html_lit(r, "\">");
	html_csrf(r);
	if (extra_field) {
		html_lit(r, "<input name=\"");
		html_attr(r, extra_field);
		html_lit(r, "\" required aria-label=\"");
		html_attr(r, tr(r, "Lý do trả lại", "Why it is returned"));
		html_lit(r, "\">");
	}
	html_lit(r, "<button>");
	html_text(r, label);
	html_lit(r, "</button></form>");
}

static void owed_table(struct req *r, const struct inbox_row *v, size_t n)
{
	heading(r, tr(r, "Báo cáo đơn vị phải gửi", "Reports your body owes"));
	if (n == 0) {
		html_notice(r, "ok",
		            tr(r, "Đơn vị của bạn không có kỳ báo cáo nào đã bắt đầu.",
		               "Your body owes no report of a period that has begun."));
		return;
	}
	static const struct column cols[] = {
	    {"Kế hoạch", "Plan"},
	    {"Báo cáo", "Report"},
	    {"Gửi đến", "To"},
	    {"Kỳ", "Period"},
	    {"Hạn (trước ngày)", "Due before"},
	    {"Trạng thái", "Status"},
	    {"Đúng hạn", "On time"},
	    {"", ""},
	};
	table_open_as(r, cols, sizeof cols / sizeof *cols, "stack");
	for (size_t i = 0; i < n; i++) {
		if (v[i].overdue)
			html_lit(r, "<tr class=\"overdue\">");
		else
			html_lit(r, "<tr>");
		cell(r, &cols[0], NULL);
		char href[64];
		snprintf(href, sizeof href, "/obligations/%lld?period=%s",
		         (long long)v[i].obligation_id, v[i].period);
		html_lit(r, "<a href=\"/plans/");
		html_urlpart(r, v[i].plan_slug);
		html_lit(r, "\">");
		html_text(r, v[i].plan_key);
		html_lit(r, "</a> <a href=\"");
		html_attr(r, href);
		html_lit(r, "\">");
		html_text(r, v[i].line);
		html_lit(r, "</a></td>");
		cell(r, &cols[1], "lead");
		html_text(r, v[i].name);
		html_lit(r, "</td>");
		cell(r, &cols[2], NULL);
		html_text(r, v[i].receiver_name[0]
		                 ? v[i].receiver_name
		                 : tr(r, "(chưa có cơ quan nhận)", "(no receiver)"));
		html_lit(r, "</td>");
		cell(r, &cols[3], NULL);
		html_text(r, v[i].period);
		html_lit(r, "</td>");
		cell(r, &cols[4], NULL);
		html_date(r, v[i].due_before);
		html_lit(r, "</td>");
		cell(r, &cols[5], NULL);
		if (v[i].overdue)
			html_lit(r, "<strong>");
		html_text(r, status_label(r, v[i].status));
		if (v[i].overdue) {
			html_text(r, tr(r, " – quá hạn", " – overdue"));
			html_lit(r, "</strong>");
		}
		html_lit(r, "</td>");
		cell(r, &cols[6], NULL);
		on_time_words(r, v[i].days_late);
		html_lit(r, "</td>");
		cell(r, &cols[7], NULL);
		if (!v[i].submission_id) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)v[i].obligation_id);
			html_lit(r,
			         "<form method=\"post\" class=\"inline\" action=\"/submissions\">");
			html_csrf(r);
			html_f(
			    r,
			    "<input type=\"hidden\" name=\"obligation\" value=\"%s\"><input "
			    "type=\"hidden\" name=\"period\" value=\"%s\"><input type=\"hidden\" "
			    "name=\"reporter\" value=\"%s\"><button>%s</button></form>",
			    id, v[i].period, v[i].reporter_code,
			    tr(r, "Lập báo cáo", "Start the report"));
		} else {
			char open[48];
			snprintf(open, sizeof open, "/submissions/%lld",
			         (long long)v[i].submission_id);
			html_lit(r, "<a href=\"");
			html_attr(r, open);
			html_lit(r, "\">");
			html_text(r, tr(r, "Mở báo cáo", "Open the report"));
			html_lit(r, "</a> ");
			if (strcmp(v[i].status, "draft") == 0 ||
			    strcmp(v[i].status, "returned") == 0)
				post_button(r, "submit", v[i].submission_id, tr(r, "Gửi", "Submit"),
				            NULL);
		}
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void review_table(struct req *r, const struct submission *v, size_t n)
{
	heading(r, tr(r, "Báo cáo chờ tiếp nhận", "Reports to review"));
	if (n == 0) {
		html_notice(r, "ok",
		            tr(r, "Không có báo cáo nào chờ tiếp nhận.", "Nothing to review."));
		return;
	}
	static const struct column cols[] = {
	    {"Đơn vị", "Reporter"},   {"Báo cáo", "Report"},   {"Kỳ", "Period"},
	    {"Gửi lúc", "Submitted"}, {"Đúng hạn", "On time"}, {"", ""},
	};
	table_open(r, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < n; i++) {
		char href[48];
		snprintf(href, sizeof href, "/submissions/%lld", (long long)v[i].id);
		html_lit(r, "<tr><td>");
		html_text(r, v[i].reporter_name);
		html_lit(r, "</td><td><a href=\"");
		html_attr(r, href);
		html_lit(r, "\">");
		html_text(r, v[i].name);
		html_lit(r, "</a>");
		html_lit(r, "</td><td>");
		html_text(r, v[i].period);
		html_lit(r, "</td><td>");
		html_text(r, v[i].first_at);
		html_lit(r, "</td><td>");
		on_time_words(r, v[i].days_late);
		html_lit(r, "</td><td>");
		post_button(r, "accept", v[i].id, tr(r, "Tiếp nhận", "Accept"), NULL);
		post_button(r, "return", v[i].id, tr(r, "Trả lại", "Return"), "comment");
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void inbox_page(struct req *r)
{
	struct date on;
	struct inbox_row *owed;
	struct submission *review;
	size_t no, nr;
	if (!inbox_read(r, &on, &owed, &no, &review, &nr))
		return;
	page_begin(r, tr(r, "Báo cáo của đơn vị", "Your body's reports"));
	html_refusal(r);
	if (!r->x.org_id && !r->x.place_id)
		html_notice(
		    r, "ok",
		    tr(r,
		       "Tài khoản của bạn không gắn với cơ quan hay địa bàn nào: không có "
		       "báo cáo phải gửi hay tiếp nhận.",
		       "Your account is bound to no body or place: there is nothing to report "
		       "or review."));
	owed_table(r, owed, no);
	review_table(r, review, nr);
	free(owed);
	free(review);
	page_end(r);
}

void page_inbox(struct req *r)
{
	inbox_page(r);
}

/* A step of a report from the inbox: back to it, or the inbox with the
 * refusal when the domain refused something the user can put right. */
static void after_step(struct req *r, nct_err e, enum notice done, const char *name)
{
	if (e) {
		if (resp_form_refused(r, e, e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT))
			inbox_page(r);
		return;
	}
	resp_redirect_notice(r, "/inbox", done, name);
}

void page_submission_create(struct req *r)
{
	int64_t ob = 0, id;
	if (!route_id(req_arg(r, "obligation"), &ob)) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	nct_err e =
	    submission_create(&r->x, ob, req_arg(r, "period"), req_arg(r, "reporter"), &id, &r->rf);
	after_step(r, e, NOTICE_REPORT_DRAFTED, req_arg(r, "period"));
}

static int64_t submission_param(struct req *r)
{
	int64_t id = 0;
	return route_id(r->params[0], &id) ? id : 0;
}

static void submission_page(struct req *r, int64_t id);

void page_submission_submit(struct req *r)
{
	int64_t id = submission_param(r);
	const char *at = req_arg(r, "received_at");
	nct_err e =
	    id ? submission_submit(&r->x, id, at && at[0] ? at : NULL, &r->rf) : NCT_ERR_NOTFOUND;
	const char *from = req_arg(r, "from");
	if (from && strcmp(from, "report") == 0 &&
	    (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT)) {
		r->status = resp_status(e); /* the figures disagree: shown beside the form */
		submission_page(r, id);
		return;
	}
	after_step(r, e, NOTICE_REPORT_SUBMITTED, NULL);
}

void page_submission_accept(struct req *r)
{
	int64_t id = submission_param(r);
	after_step(r, id ? submission_accept(&r->x, id, &r->rf) : NCT_ERR_NOTFOUND,
	           NOTICE_REPORT_ACCEPTED, NULL);
}

void page_submission_return(struct req *r)
{
	int64_t id = submission_param(r);
	after_step(
	    r, id ? submission_return(&r->x, id, req_arg(r, "comment"), &r->rf) : NCT_ERR_NOTFOUND,
	    NOTICE_REPORT_RETURNED, NULL);
}

/* ------------------------------------------------------------- /submissions/ID */

static const char *item_status_label(const struct req *r, const char *s)
{
	if (strcmp(s, "in_progress") == 0)
		return tr(r, "Đang thực hiện", "In progress");
	if (strcmp(s, "done") == 0)
		return tr(r, "Đã hoàn thành", "Done");
	return tr(r, "Chưa thực hiện", "Not started");
}

static void fact(struct req *r, const char *vi, const char *en, const char *value)
{
	html_lit(r, "<dt>");
	html_text(r, tr(r, vi, en));
	html_lit(r, "</dt><dd>");
	html_text(r, value);
	html_lit(r, "</dd>");
}

/* A value's number: a count, or a share in per mille shown as a percentage. */
static void value_words(struct req *r, const struct submission_value *v, bool has, int64_t n)
{
	char buf[64], g[32];
	if (!has) {
		html_text(r, "–");
		return;
	}
	money_format(n, g); /* grouped as people read figures: 1.250, 1.000 ‰ */
	if (v->def.share)
		snprintf(buf, sizeof buf, "%lld,%lld %% (%s‰)", (long long)(n / 10),
		         (long long)(n % 10), g);
	else
		snprintf(buf, sizeof buf, "%s", g);
	html_text(r, buf);
}

static void item_fields(struct req *r, const struct submission_item *it)
{
	char name[48], label[48];
	html_lit(r, "<fieldset><legend>");
	snprintf(label, sizeof label, "%s.%d", it->item.section_code, it->item.n);
	html_text(r, label);
	html_lit(r, "</legend><p>");
	html_text(r, it->item.text);
	html_lit(r, "</p><label>");
	html_text(r, tr(r, "Trạng thái", "Status"));
	snprintf(name, sizeof name, "status_%lld", (long long)it->item.id);
	html_lit(r, " <select name=\"");
	html_attr(r, name);
	html_lit(r, "\">");
	const char *cur = html_kept(r, name, it->status);
	for (size_t k = 0; submission_item_statuses[k]; k++)
		html_option(r, submission_item_statuses[k],
		            item_status_label(r, submission_item_statuses[k]),
		            cur && strcmp(cur, submission_item_statuses[k]) == 0);
	html_lit(r, "</select></label><label>");
	html_text(r, tr(r, "Tiến độ, kết quả", "Progress, results"));
	snprintf(name, sizeof name, "progress_%lld", (long long)it->item.id);
	html_lit(r, "<textarea name=\"");
	html_attr(r, name);
	html_lit(r, "\" rows=\"3\" maxlength=\"4000\">");
	const char *typed = html_kept(r, name, it->progress);
	html_text(r, typed ? typed : "");
	html_lit(r, "</textarea></label></fieldset>");
}

static void value_field(struct req *r, const struct submission_value *v)
{
	char name[64], num[24] = "";
	snprintf(name, sizeof name, "value_%s", v->def.code);
	if (v->has_fraction)
		snprintf(num, sizeof num, "%lld/%lld", (long long)v->numerator,
		         (long long)v->denominator);
	else if (v->has_value)
		snprintf(num, sizeof num, "%lld", (long long)v->value);
	html_lit(r, "<label>");
	html_text(r, tr(r, v->def.vi, v->def.en));
	html_text(r, v->def.share ? tr(r, " (phần nghìn ‰, hoặc số đạt/tổng số như 12/40)",
	                               " (per mille ‰, or part/whole such as 12/40)")
	                          : "");
	html_lit(r, " <input name=\"");
	html_attr(r, name);
	if (v->def.share)
		html_lit(r, "\" pattern=\"[0-9]+( */ *[0-9]+)?\" value=\"");
	else
		html_lit(r, "\" inputmode=\"numeric\" pattern=\"[0-9]*\" value=\"");
	const char *typed = html_kept(r, name, num);
	html_attr(r, typed ? typed : "");
	html_lit(r, "\"></label><p class=\"hint\">");
	if (v->has_computed && v->has_value && v->value == v->computed)
		html_text(
		    r, tr(r, "Tính từ dữ liệu của hệ thống.", "Computed from the system's data."));
	else if (v->has_computed) {
		html_text(r, tr(r, "Đã nhập tay; dữ liệu của hệ thống cho: ",
		                "Entered by hand; the system's data gives: "));
		value_words(r, v, true, v->computed);
	} else
		html_text(r, tr(r, "Hệ thống không tính được: hãy nhập.",
		                "The system cannot compute it: enter it."));
	html_lit(r, "</p>");
}

static void content_read_only(struct req *r, const struct submission_item *it, size_t ni,
                              const struct submission_value *v, size_t nv)
{
	if (ni) {
		static const struct column cols[] = {{"Nhiệm vụ", "Item"},
		                                     {"Trạng thái", "Status"},
		                                     {"Tiến độ, kết quả", "Progress"}};
		table_open(r, cols, 3);
		for (size_t i = 0; i < ni; i++) {
			char label[48];
			snprintf(label, sizeof label, "%s.%d ", it[i].item.section_code,
			         it[i].item.n);
			html_lit(r, "<tr><td>");
			html_text(r, label);
			html_text(r, it[i].item.text);
			html_lit(r, "</td><td>");
			html_text(r, item_status_label(r, it[i].status));
			html_lit(r, "</td><td>");
			html_text(r, it[i].progress);
			html_lit(r, "</td></tr>");
		}
		html_lit(r, "</tbody></table></div>");
	}
	if (nv) {
		static const struct column cols[] = {{"Chỉ tiêu", "Indicator"},
		                                     {"Giá trị báo cáo", "Reported"},
		                                     {"Dữ liệu hệ thống", "System's data"}};
		table_open(r, cols, 3);
		for (size_t i = 0; i < nv; i++) {
			html_lit(r, "<tr><td>");
			html_text(r, tr(r, v[i].def.vi, v[i].def.en));
			html_lit(r, "</td><td>");
			value_words(r, &v[i], v[i].has_value, v[i].value);
			html_lit(r, "</td><td>");
			value_words(r, &v[i], v[i].has_computed, v[i].computed);
			html_lit(r, "</td></tr>");
		}
		html_lit(r, "</tbody></table></div>");
	}
}

static void submission_page(struct req *r, int64_t id)
{
	struct submission s;
	struct submission_item *it = NULL;
	struct submission_value *v = NULL;
	size_t ni = 0, nv = 0;
	nct_err e = submission_get(&r->x, id, &s);
	if (!e)
		e = submission_content(&r->x, id, &it, &ni, &v, &nv);
	if (resp_failed(r, e))
		return;
	char title[OBLIGATION_NAME_MAX + PERIOD_LEN + 8];
	snprintf(title, sizeof title, "%s – %s", s.name, s.period);
	page_begin(r, title);
	html_refusal(r);
	html_lit(r, "<dl class=\"facts\">");
	fact(r, "Đơn vị báo cáo", "Reporter", s.reporter_name);
	fact(r, "Gửi đến", "To", s.receiver_name);
	fact(r, "Kế hoạch", "Plan", s.plan_key);
	html_lit(r, "<dt>");
	html_text(r, tr(r, "Hạn (trước ngày)", "Due before"));
	html_lit(r, "</dt><dd>");
	html_date(r, s.due_before);
	html_lit(r, "</dd>");
	fact(r, "Trạng thái", "Status", status_label(r, s.status));
	if (s.days_late >= 0) {
		html_lit(r, "<dt>");
		html_text(r, tr(r, "Đúng hạn", "On time"));
		html_lit(r, "</dt><dd>");
		on_time_words(r, s.days_late);
		html_lit(r, "</dd>");
	}
	if (s.comment[0])
		fact(r, "Lý do trả lại", "Why it was returned", s.comment);
	html_lit(r, "</dl>");
	bool open = (strcmp(s.status, "draft") == 0 || strcmp(s.status, "returned") == 0) &&
	            submission_reporter_side(&r->x, &s);
	if (open && (ni || nv)) {
		char action[64];
		snprintf(action, sizeof action, "/submissions/%lld/save", (long long)id);
		html_form_post(r, action, "card report", NULL);
		if (ni) {
			heading(r, tr(r, "Nhiệm vụ đơn vị chủ trì", "Items your body leads"));
			for (size_t i = 0; i < ni; i++)
				item_fields(r, &it[i]);
		}
		if (nv) {
			heading(r, tr(r, "Số liệu chỉ tiêu", "Indicator figures"));
			for (size_t i = 0; i < nv; i++)
				value_field(r, &v[i]);
		}
		html_lit(r, "<button>");
		html_text(r, tr(r, "Lưu (chưa gửi)", "Save (do not submit yet)"));
		html_lit(r, "</button>");
		html_form_end(r);
	} else
		content_read_only(r, it, ni, v, nv);
	if (open) {
		char action[64];
		snprintf(action, sizeof action, "/submissions/%lld/submit", (long long)id);
		html_lit(r, "<form method=\"post\" class=\"actions\" action=\"");
		html_attr(r, action);
		html_lit(r, "\">");
		html_csrf(r);
		html_lit(r, "<input type=\"hidden\" name=\"from\" value=\"report\"><button>");
		html_text(r, tr(r, "Gửi báo cáo", "Submit the report"));
		html_lit(r, "</button></form>");
	}
	free(it);
	free(v);
	page_end(r);
}

void page_submission(struct req *r)
{
	int64_t id = submission_param(r);
	if (!id) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	submission_page(r, id);
}

void page_submission_save(struct req *r)
{
	int64_t id = submission_param(r);
	struct submission_item *it = NULL;
	struct submission_value *v = NULL;
	size_t ni = 0, nv = 0;
	nct_err e = id ? submission_content(&r->x, id, &it, &ni, &v, &nv) : NCT_ERR_NOTFOUND;
	struct item_in *in = e ? NULL : calloc(ni ? ni : 1, sizeof *in);
	struct value_in *vin = e ? NULL : calloc(nv ? nv : 1, sizeof *vin);
	if (!e && (!in || !vin))
		e = NCT_ERR_NOMEM;
	size_t n_in = 0, n_v = 0;
	for (size_t i = 0; !e && i < ni; i++) {
		char name[48];
		snprintf(name, sizeof name, "status_%lld", (long long)it[i].item.id);
		const char *st = req_arg(r, name);
		snprintf(name, sizeof name, "progress_%lld", (long long)it[i].item.id);
		const char *pr = req_arg(r, name);
		if (!st && !pr)
			continue;
		in[n_in++] = (struct item_in){it[i].item.id, st ? st : it[i].status, pr};
	}
	for (size_t i = 0; !e && i < nv; i++) {
		char name[64];
		snprintf(name, sizeof name, "value_%s", v[i].def.code);
		const char *val = req_arg(r, name);
		if (val)
			vin[n_v++] = (struct value_in){v[i].def.code, val};
	}
	if (!e)
		e = submission_save(&r->x, id, in, n_in, vin, n_v, &r->rf);
	free(in);
	free(vin);
	free(it);
	free(v);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		submission_page(r, id);
		return;
	}
	if (resp_refused(r, e))
		return;
	char to[64];
	snprintf(to, sizeof to, "/submissions/%lld", (long long)id);
	resp_redirect_notice(r, to, NOTICE_REPORT_SAVED, NULL);
}

/* ------------------------------------------------------------- /obligations/ID/rollup */

static void rollup_value(struct req *r, const struct indicator *d, bool has, int64_t v)
{
	struct indicator shown = *d;
	if (!has) {
		html_text(r, "–");
		return;
	}
	shown.value = v;
	shown.denominator = 0;
	programme_value(r, &shown);
}

void page_obligation_rollup(struct req *r)
{
	int64_t id = 0;
	struct rollup ru;
	struct obligation ob;
	if (!route_id(r->params[0], &id)) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return;
	}
	const char *place = req_arg(r, "place");
	nct_err e = obligation_get(&r->x, id, &ob);
	if (!e)
		e = rollup_of(&r->x, id, req_arg(r, "period"), place && place[0] ? place : NULL,
		              &ru, &r->rf);
	if (resp_refused(r, e))
		return;
	char title[OBLIGATION_NAME_MAX + TEXT_BYTES(ORG_NAME_MAX) + 160];
	snprintf(title, sizeof title, "%s – %s – %s", ob.name, ru.period.period,
	         ru.whole.place.name);
	page_begin(r, title);
	char base[64];
	snprintf(base, sizeof base, "/obligations/%lld/rollup?period=", (long long)id);
	html_lit(r, "<p><a href=\"");
	html_attr(r, base);
	html_urlpart(r, ru.period.period);
	html_lit(r, "\">");
	html_text(r, tr(r, "Toàn tuyến", "The top"));
	html_lit(r, "</a>");
	if (ru.whole.place.parent_code[0] && ru.whole.place.level > 1) {
		html_lit(r, " · <a href=\"");
		html_attr(r, base);
		html_urlpart(r, ru.period.period);
		html_lit(r, "&amp;place=");
		html_urlpart(r, ru.whole.place.parent_code);
		html_lit(r, "\">");
		html_text(r, tr(r, "Lên một cấp", "One level up"));
		html_lit(r, "</a>");
	}
	html_lit(r, " · <a href=\"/programme/communes?place=");
	html_urlpart(r, ru.whole.place.code);
	html_lit(r, "&amp;date=");
	char to[DATE_LEN];
	date_format(ru.period.to, to);
	html_urlpart(r, to);
	html_lit(r, "\">");
	html_text(r, tr(r, "Số liệu trực tiếp theo xã", "Live figures by commune"));
	html_lit(r, "</a></p><p>");
	html_text(r, tr(r, "Đơn vị đã gửi báo cáo: ", "Units that reported: "));
	html_int(r, (int64_t)ru.whole.reported);
	html_text(r, " / ");
	html_int(r, (int64_t)ru.whole.expected);
	html_lit(r, "</p>");
	if (ru.whole.submission_id) {
		char href[48];
		snprintf(href, sizeof href, "/submissions/%lld", (long long)ru.whole.submission_id);
		html_lit(r, "<p><a href=\"");
		html_attr(r, href);
		html_lit(r, "\">");
		html_text(r, tr(r, "Báo cáo của ", "The report of "));
		html_text(r, ru.whole.reporter_name);
		html_lit(r, "</a></p>");
	}
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Chỉ tiêu so với mục tiêu", "Indicators against targets"));
	html_lit(r, "</h2><p><small>");
	html_text(
	    r, tr(r,
	          "Tổng của các báo cáo đã gửi; tỷ lệ là tổng số đạt chia tổng số của các đơn "
	          "vị (đơn vị lớn nặng hơn), hoặc bình quân tỷ lệ khi có đơn vị chỉ báo tỷ lệ. "
	          "Vạch xanh nhạt: khoảng mục tiêu; thanh đậm: số liệu (xanh: đạt, đỏ: chưa "
	          "đạt).",
	          "Sums of the reports submitted; a share is the units' parts over their wholes "
	          "(a large unit weighs more), or the mean of their shares when a unit gave only "
	          "its share. "
	          "Light green: the target's range; dark bar: the figure (green: met, red: not "
	          "met)."));
	html_lit(r, "</small></p><ul class=\"chart\">");
	for (int i = 0; i < FIGURE_COUNT; i++)
		if (!ru.ind[i].extra && ru.whole.has[i])
			programme_chart_row(r, &ru.ind[i]);
	html_lit(r, "</ul>");
	if (ru.nrows) {
		static const struct column cols[] = {{"Đơn vị", "Unit"},
		                                     {"Đã báo cáo", "Reported"},
		                                     {"CLB thành lập mới", "New clubs"},
		                                     {"Thành viên", "Members"},
		                                     {"Người cao tuổi", "Older members"},
		                                     {"", ""}};
		static const int shown[] = {IND_CLUBS_NEW, IND_MEMBERS_NEW, IND_OLDER_MEMBERS_NEW};
		heading(r, tr(r, "Theo đơn vị", "By unit"));
		table_open_as(r, cols, sizeof cols / sizeof *cols, "stack");
		for (size_t k = 0; k < ru.nrows; k++) {
			const struct rollup_node *n = &ru.rows[k];
			html_lit(r, "<tr>");
			cell(r, &cols[0], "lead");
			html_lit(r, "<a href=\"");
			html_attr(r, base);
			html_urlpart(r, ru.period.period);
			html_lit(r, "&amp;place=");
			html_urlpart(r, n->place.code);
			html_lit(r, "\">");
			html_text(r, n->place.name);
			html_lit(r, "</a></td>");
			cell(r, &cols[1], NULL);
			html_int(r, (int64_t)n->reported);
			html_text(r, " / ");
			html_int(r, (int64_t)n->expected);
			for (size_t c = 0; c < sizeof shown / sizeof *shown; c++) {
				html_lit(r, "</td>");
				cell(r, &cols[2 + c], NULL);
				rollup_value(r, &ru.ind[shown[c]], n->has[shown[c]],
				             n->value[shown[c]]);
			}
			html_lit(r, "</td>");
			cell(r, &cols[5], NULL);
			if (n->submission_id) {
				char href[48];
				snprintf(href, sizeof href, "/submissions/%lld",
				         (long long)n->submission_id);
				html_lit(r, "<a href=\"");
				html_attr(r, href);
				html_lit(r, "\">");
				html_text(r, tr(r, "Báo cáo", "Report"));
				html_lit(r, "</a>");
			}
			html_lit(r, "</td></tr>");
		}
		html_lit(r, "</tbody></table></div>");
	}
	rollup_free(&ru);
	page_end(r);
}

/* ------------------------------------------------------------- /plans/ID/report */

void page_plan_report(struct req *r)
{
	struct compiled_report rep;
	const char *format = req_arg(r, "format");
	bool xlsx = format && strcmp(format, "xlsx") == 0;
	nct_err e = report_compile(&r->x, r->params[0], req_arg(r, "period"), req_arg(r, "to"),
	                           &rep, &r->rf);
	if (resp_refused(r, e))
		return;
	buf_reset(&r->out);
	e = xlsx ? report_xlsx_buf(&rep, &r->out) : report_docx_buf(&rep, &r->out);
	char v[160];
	snprintf(v, sizeof v, "attachment; filename=\"bao-cao-%s-%s.%s\"", rep.plan.slug,
	         rep.comp.period.period, xlsx ? "xlsx" : "docx");
	report_free(&rep);
	if (e) {
		buf_reset(&r->out);
		resp_domain_error(r, e, NULL);
		return;
	}
	r->status = 200;
	r->ctype = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	                : "application/"
	                  "vnd.openxmlformats-officedocument.wordprocessingml.document";
	resp_header(r, "Content-Disposition", v);
}

/* page_payments.c - the monthly payment list: JSON, XLSX and a page to print
 * and sign. */
#include "page_payments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/payment.h"
#include "../export/payment_tables.h"
#include "../export/xlsx.h"
#include "api_entitlements.h"
#include "api_health.h"
#include "html.h"
#include "page_worklists.h"

static const char xlsx_type[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/* The place asked (default: the user's own) and the month (default this one). */
static void read_args(struct req *r, const char **place, char month[MONTH_LEN])
{
	char day[DATE_LEN];
	const char *m = req_arg(r, "month");
	*place = req_arg(r, "place");
	if (!*place || !(*place)[0])
		*place = r->sess.user.place_code[0] ? r->sess.user.place_code : NULL;
	date_format(date_today_vn(), day);
	snprintf(month, MONTH_LEN, "%.7s", m && m[0] ? m : day);
	if (m && m[0] && strlen(m) >= MONTH_LEN)
		snprintf(month, MONTH_LEN, "bad"); /* refused as a month */
}

static json_t *line_json(const struct payment_line *l)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:I, s:s, s:s}", "person",
	                      (json_int_t)l->person_id, "full_name", l->full_name, "birth",
	                      l->birth, "citizen_id", l->citizen_id, "place", l->place_code,
	                      "place_name", l->place_name, "rule", l->rule, "coefficient",
	                      l->coefficient / 100.0, "amount", (json_int_t)l->amount, "channel",
	                      l->channel, "decision", l->decision);
	json_object_set_new(o, "died_on", l->died_on[0] ? json_string(l->died_on) : json_null());
	json_object_set_new(o, "received_on",
	                    l->received_on[0] ? json_string(l->received_on) : json_null());
	return o;
}

/* The whole list to sign as a workbook, its lines written as they come. */
static void send_xlsx(struct req *r, const char *place, const char *month)
{
	struct payment_list l;
	char cd[128];
	buf_reset(&r->out);
	r->out.max = RESP_FILE_MAX; /* a province's list is a file of a few MB */
	nct_err e = payment_xlsx(&r->x, place, month, r->lang, NULL, &r->out, &l, &r->rf);
	if (e) { /* 503 busy while other big list files are built, a refusal, a failure */
		resp_list_file_failed(r, e);
		return;
	}
	r->status = 200;
	r->ctype = xlsx_type;
	snprintf(cd, sizeof cd, "attachment; filename=\"chi-tra-%s-%s.xlsx\"", l.place, l.month);
	resp_header(r, "Content-Disposition", cd);
}

void api_payments(struct req *r)
{
	const char *place, *format = req_arg(r, "format");
	char month[MONTH_LEN];
	struct payment_list l;
	struct payment_page page = {0};
	read_args(r, &place, month);
	bool xlsx = format && strcmp(format, "xlsx") == 0;
	if (!xlsx && !api_list_cursor(r, &page.after, &page.before, &page.limit))
		return;
	/* the XLSX is the whole list to sign; JSON comes a page at a time */
	if (xlsx) {
		send_xlsx(r, place, month);
		return;
	}
	nct_err e = payment_list_page(&r->x, place, month, &page, &l, &r->rf);
	if (resp_refused(r, e))
		return;
	json_t *lines = json_array(), *totals = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(lines, line_json(&l.lines[i]));
	for (size_t i = 0; i < l.ntotals; i++)
		json_array_append_new(totals, json_pack("{s:s, s:s, s:I, s:I}", "rule",
		                                        l.totals[i].rule, "kind", l.totals[i].kind,
		                                        "people", (json_int_t)l.totals[i].people,
		                                        "amount", (json_int_t)l.totals[i].amount));
	json_t *o = json_pack(
	    "{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:o, s:o, s:o}", "place", l.place,
	    "place_name", l.place_name, "month", l.month, "people", (json_int_t)l.people, "total",
	    (json_int_t)l.total, "post", (json_int_t)l.post, "cash", (json_int_t)l.cash,
	    "signed_for", (json_int_t)l.signed_for, "totals", totals, "per_page",
	    (json_int_t)page.limit, "next", l.next ? json_integer((json_int_t)l.next) : json_null(),
	    "prev", l.prev ? json_integer((json_int_t)l.prev) : json_null(), "lines", lines);
	payment_list_free(&l);
	resp_json(r, 200, o);
}

void api_payment_receipt(struct req *r)
{
	const char *month = r->json ? json_string_value(json_object_get(r->json, "month")) : NULL;
	const char *on =
	    r->json ? json_string_value(json_object_get(r->json, "received_on")) : NULL;
	long long person = 0; /* absent: no person 0 */
	if (!req_json_int(r, r->json, "person", 0, INT64_MAX, &person)) {
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return;
	}
	nct_err e = payment_receipt_add(&r->x, (int64_t)person, month, on, &r->rf);
	if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_json(r, 201, json_pack("{s:b}", "signed_for", 1));
}

/* A cell labelled for the phone's card layout (table.stack), of class cls or none. */
static void cell(struct req *r, const char *vi, const char *en, const char *cls)
{
	html_lit(r, "<td");
	if (cls) {
		html_lit(r, " class=\"");
		html_attr(r, cls);
		html_lit(r, "\"");
	}
	html_lit(r, " data-label=\"");
	html_attr(r, tr(r, vi, en));
	html_lit(r, "\">");
}

void page_payments(struct req *r)
{
	const char *place;
	char month[MONTH_LEN], m[32], c[16], no[24];
	struct payment_list l;
	struct payment_page page = {0};
	static const char *const keep[] = {"place", "month"};
	read_args(r, &place, month);
	if (!list_cursor(r, PAGE_LINES, PAGE_LINES_MAX, &page.after, &page.before, &page.limit))
		return;
	nct_err e = payment_list_page(&r->x, place, month, &page, &l, &r->rf);
	if (resp_refused(r, e))
		return;
	page_begin(r, tr(r, "Danh sách chi trả trợ cấp hằng tháng", "Monthly payment list"));
	char mm[16];
	snprintf(mm, sizeof mm, "%.2s/%.4s", l.month + 5, l.month);
	html_lit(r, "<form method=\"get\" action=\"/payments\" class=\"filters noprint\">");
	html_input_open(r, tr(r, "Mã địa bàn", "Place code"), "place", "text", l.place);
	html_lit(r, "></label>");
	html_input_open(r, tr(r, "Tháng (mm/yyyy)", "Month (mm/yyyy)"), "month", "text", mm);
	html_f(r,
	       " placeholder=\"mm/yyyy\" maxlength=\"7\" size=\"7\"></label><button "
	       "type=\"submit\">%s</button> <a href=\"/api/v1/payments?format=xlsx&amp;place=",
	       tr(r, "Xem", "Show"));
	html_urlpart(r, l.place);
	html_lit(r, "&amp;month=");
	html_urlpart(r, l.month);
	html_f(r, "\">%s</a></form><h2>%s%s", tr(r, "Tải Excel", "Download Excel"), l.place_name,
	       tr(r, " — tháng ", " — month "));
	html_text(r, mm);
	html_lit(r, "</h2>");
	static const char *const heads[][2] = {{"STT", "No."},
	                                       {"Họ và tên", "Name"},
	                                       {"Năm sinh", "Birth"},
	                                       {"Nơi cư trú", "Residence"},
	                                       {"Diện hưởng", "Category"},
	                                       {"Hệ số", "Coefficient"},
	                                       {"Số tiền (đ)", "Amount (đ)"},
	                                       {"Hình thức", "Paid through"},
	                                       {"Ghi chú", "Note"},
	                                       {"Ký nhận", "Signature"}};
	html_table_open(r, "stack", heads, 10, 1u << 0 | 1u << 5 | 1u << 6);
	for (size_t i = 0; i < l.n; i++) {
		const struct payment_line *p = &l.lines[i];
		snprintf(no, sizeof no, "%zu", l.first + i + 1);
		coefficient_text(p->coefficient, r->lang, c);
		money_format(p->amount, m);
		html_lit(r, "<tr>");
		cell(r, "STT", "No.", "num");
		html_text(r, no);
		html_lit(r, "</td>");
		cell(r, "Họ và tên", "Name", "lead");
		html_lit(r, "<a href=\"/persons/");
		html_int(r, p->person_id);
		html_lit(r, "#allowance\">");
		html_text(r, p->full_name);
		html_lit(r, "</a></td>");
		cell(r, "Năm sinh", "Birth", NULL);
		html_birth(r, p->birth);
		html_lit(r, "</td>");
		cell(r, "Nơi cư trú", "Residence", NULL);
		html_text(r, p->place_name);
		html_lit(r, "</td>");
		cell(r, "Diện hưởng", "Category", NULL);
		html_text(r, p->rule);
		html_lit(r, "</td>");
		cell(r, "Hệ số", "Coefficient", p->coefficient ? "num" : "num empty");
		html_text(r, p->coefficient ? c : "");
		html_lit(r, "</td>");
		cell(r, "Số tiền (đ)", "Amount (đ)", "num");
		html_text(r, m);
		html_lit(r, "</td>");
		cell(r, "Hình thức", "Paid through", NULL);
		html_text(r, strcmp(p->channel, "post") == 0 ? tr(r, "bưu điện", "post office")
		                                             : tr(r, "tiền mặt", "cash"));
		html_lit(r, "</td>");
		cell(r, "Ghi chú", "Note", p->died_on[0] ? NULL : "empty");
		if (p->died_on[0]) {
			html_text(r, tr(r, "Đã mất ", "Died "));
			html_date(r, p->died_on);
		}
		html_lit(r, "</td>");
		cell(r, "Ký nhận", "Signature", "sign");
		if (p->received_on[0]) {
			html_text(r, tr(r, "Đã nhận ", "Received "));
			html_date(r, p->received_on);
		}
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody><tfoot>");
	for (size_t i = 0; i <= l.ntotals; i++) {
		bool sum = i == l.ntotals;
		snprintf(no, sizeof no, "%zu", sum ? l.people : l.totals[i].people);
		money_format(sum ? l.total : l.totals[i].amount, m);
		html_lit(r, "<tr><td class=\"empty\"></td><td colspan=\"3\" class=\"lead\">");
		html_text(r, sum ? tr(r, "Tổng cộng", "Total") : l.totals[i].rule);
		html_lit(r, "</td>");
		html_lit(r, "<td colspan=\"2\" class=\"num\" data-label=\"");
		html_attr(r, tr(r, "Số người", "People"));
		html_lit(r, "\">");
		html_text(r, no);
		html_text(r, tr(r, " người", " people"));
		html_lit(r, "</td>");
		cell(r, "Số tiền (đ)", "Amount (đ)", "num");
		html_text(r, m);
		html_lit(r, "</td><td colspan=\"3\" class=\"empty\"></td></tr>");
	}
	html_lit(r, "</tfoot></table></div>");
	list_cursor_pager(r, "/payments", keep, sizeof keep / sizeof keep[0], l.prev, l.next);
	html_lit(r, "<p class=\"signatures\"><span>");
	html_text(r, tr(r, "Người lập danh sách", "Prepared by"));
	html_lit(r, "</span><span>");
	html_text(r, tr(r, "Chủ tịch Ủy ban nhân dân", "Chairman of the People's Committee"));
	html_lit(r, "</span></p>");
	payment_list_free(&l);
	page_end(r);
}

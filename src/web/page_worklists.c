/* page_worklists.c - the work lists: who is eligible but not receiving, who is
 * receiving but not eligible, for a place and a date. */
#include "page_worklists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "html.h"
#include "api_health.h"
#include "../export/fund_words.h"
#include "lookup.h"

static bool en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static const struct word conditions[] = {
    {"poverty", "không còn thuộc hộ nghèo, cận nghèo theo chế độ", "no longer in a poor household"},
    {"supporter", "đã có người phụng dưỡng", "now has someone to support them"},
    {"pension", "đã có lương hưu hoặc trợ cấp bảo hiểm xã hội", "now has a pension"},
    {"disability", "mức độ khuyết tật đã thay đổi", "the disability changed"},
    {"community_care", "không còn được chăm sóc tại cộng đồng",
     "no longer cared for in the community"},
    {"especially_difficult", "nơi ở không còn là xã, thôn đặc biệt khó khăn",
     "no longer lives in an especially difficult commune"},
    {"age", "ngoài độ tuổi của chế độ", "outside the allowance's ages"},
    {"rule_ended", "chế độ đã hết hiệu lực", "the allowance ended"},
    {"amount", "chưa có mức chuẩn áp dụng", "no amount is in force"},
};

static const char *condition_text(const char *code, bool e)
{
	return WORD_FIND(conditions, code, e);
}

void worklist_reason_text(const struct worklist_line *l, const char *lang, char *out, size_t cap)
{
	char d[DATE_LEN] = "", m1[32], m2[32];
	struct date on;
	bool e = en(lang);
	if (l->since[0] && date_parse(l->since, &on) == NCT_OK)
		date_format_vn(on, d);
	money_format(l->amount, m1);
	money_format(l->paid, m2);
	const char *from = d[0] ? (e ? " from " : " từ ") : "";
	if (strcmp(l->reason, "eligible") == 0)
		snprintf(out, cap,
		         e ? "Eligible for %s (%s đ) from %s, no decision pays it"
		           : "Đủ điều kiện hưởng %s (%s đ) từ %s, chưa có quyết định",
		         l->rule, m1, d);
	else if (strcmp(l->reason, "needs_application") == 0)
		snprintf(out, cap,
		         e ? "Eligible for %s (%s đ) from %s: help them apply in writing"
		           : "Đủ điều kiện hưởng %s (%s đ) từ %s: cần hướng dẫn làm đơn đề nghị",
		         l->rule, m1, d);
	else if (strcmp(l->reason, "died") == 0)
		snprintf(
		    out, cap,
		    e ? "Died; still paid %s by decision %s (owed nothing%s%s)"
		      : "Đã mất, vẫn đang được chi trả %s theo quyết định %s (không còn hưởng%s%s)",
		    l->paid_rule, l->decision, from, d);
	else if (strcmp(l->reason, "moved_away") == 0)
		snprintf(
		    out, cap,
		    e ? "Moved away%s%s; still paid %s here by decision %s"
		      : "Đã chuyển đi nơi khác%s%s, vẫn được chi trả %s tại đây theo quyết định %s",
		    from, d, l->paid_rule, l->decision);
	else if (strcmp(l->reason, "not_eligible") == 0 && l->rule[0])
		snprintf(
		    out, cap,
		    e ? "No longer eligible for %s: %s%s%s (decision %s); owed %s (%s đ) instead"
		      : "Không còn đủ điều kiện hưởng %s: %s%s%s (quyết định %s); nay được hưởng "
		        "%s (%s đ)",
		    l->paid_rule, condition_text(l->condition, e), from, d, l->decision, l->rule,
		    m1);
	else if (strcmp(l->reason, "not_eligible") == 0)
		snprintf(out, cap,
		         e ? "No longer eligible for %s: %s%s%s (decision %s)"
		           : "Không còn đủ điều kiện hưởng %s: %s%s%s (quyết định %s)",
		         l->paid_rule, condition_text(l->condition, e), from, d, l->decision);
	else
		snprintf(out, cap,
		         e ? "Paid %s (%s đ), lower than %s (%s đ) owed%s%s"
		           : "Đang hưởng %s (%s đ), thấp hơn %s (%s đ) được hưởng%s%s",
		         l->paid_rule, m2, l->rule, m1, from, d);
}

/* The kind a route or a query names. */
static bool kind_of(const char *s, enum worklist_kind *k)
{
	if (s && strcmp(s, "eligible-not-receiving") == 0)
		*k = WL_ELIGIBLE_NOT_RECEIVING;
	else if (s && strcmp(s, "receiving-not-eligible") == 0)
		*k = WL_RECEIVING_NOT_ELIGIBLE;
	else
		return false;
	return true;
}

static const char *kind_name(enum worklist_kind k)
{
	return k == WL_ELIGIBLE_NOT_RECEIVING ? "eligible-not-receiving" : "receiving-not-eligible";
}

/* The place asked (default: the user's own) and the date (default today). */
static bool read_args(struct req *r, const char **place, struct date *on)
{
	*place = req_arg(r, "place");
	if (!*place || !(*place)[0])
		*place = r->sess.user.place_code[0] ? r->sess.user.place_code : NULL;
	if (!req_date(r, on)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_DATE_FORMAT, "date");
		return false;
	}
	return true;
}

static json_t *opt(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

/* The page of a list a request asks for: per_page (1..max, default dflt)
 * lines after the person `after` (the answer's `next`), or just before the
 * person `before` (its `prev`), refused number_range otherwise. */
bool api_list_cursor(struct req *r, int64_t *after, int64_t *before, size_t *limit)
{
	return list_cursor(r, LIST_PAGE_DEFAULT, LIST_PAGE_MAX, after, before, limit);
}

bool list_cursor(struct req *r, long long dflt, long long max, int64_t *after, int64_t *before,
                 size_t *limit)
{
	long long per = dflt;
	*after = *before = 0;
	if (!req_int(r, "per_page", 1, max, &per) || !req_id(r, "after", after) ||
	    !req_id(r, "before", before)) {
		resp_refusal(r, NCT_ERR_INVALID, &r->rf);
		return false;
	}
	if (*before)
		*after = 0;
	*limit = (size_t)per;
	return true;
}

/* One link of a pager: path?arg=id and the query's arguments keep. */
static void cursor_link(struct req *r, const char *path, const char *arg, int64_t id,
                        const char *const *keep, size_t nkeep, const char *label)
{
	html_f(r, "<a href=\"%s?%s=", path, arg);
	html_int(r, id);
	for (size_t i = 0; i < nkeep; i++) {
		const char *a = req_arg(r, keep[i]);
		if (a && a[0]) {
			html_f(r, "&amp;%s=", keep[i]);
			html_urlpart(r, a);
		}
	}
	html_f(r, "\">%s</a> ", label);
}

void list_cursor_pager(struct req *r, const char *path, const char *const *keep, size_t nkeep,
                       int64_t prev, int64_t next)
{
	if (!prev && !next)
		return;
	html_lit(r, "<nav class=\"pager noprint\"><p class=\"pager\">");
	if (prev)
		cursor_link(r, path, "before", prev, keep, nkeep, html_pager_word(r, false));
	if (next)
		cursor_link(r, path, "after", next, keep, nkeep, html_pager_word(r, true));
	html_lit(r, "</p></nav>");
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

static void api_worklist(struct req *r, enum worklist_kind k)
{
	const char *place;
	struct date on;
	struct worklist_line *v = NULL;
	struct worklist_page page = {0};
	size_t n = 0, total = 0;
	int64_t next = 0;
	char day[DATE_LEN], why[512];
	if (!read_args(r, &place, &on) ||
	    !api_list_cursor(r, &page.after, &page.before, &page.limit))
		return;
	nct_err e = worklist_page(&r->x, place, on, k, &page, &v, &n, &total, &next, &r->rf);
	if (resp_refused(r, e))
		return;
	json_t *lines = json_array();
	for (size_t i = 0; lines && i < n; i++) {
		worklist_reason_text(&v[i], r->lang, why, sizeof why);
		json_t *o = json_pack(
		    "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:s}", "person",
		    (json_int_t)v[i].person_id, "full_name", v[i].full_name, "birth", v[i].birth,
		    "place", v[i].place_code, "place_name", v[i].place_name, "reason", v[i].reason,
		    "condition", opt(v[i].condition), "since", opt(v[i].since), "rule",
		    opt(v[i].rule), "amount", (json_int_t)v[i].amount, "text", why);
		if (v[i].paid_rule[0])
			json_object_set_new(o, "paid",
			                    json_pack("{s:s, s:I, s:s}", "rule", v[i].paid_rule,
			                              "amount", (json_int_t)v[i].paid, "decision",
			                              v[i].decision));
		json_array_append_new(lines, o);
	}
	free(v);
	date_format(on, day);
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o}", "kind", kind_name(k),
	                    "place", place ? place : "", "date", day, "total", (json_int_t)total,
	                    "per_page", (json_int_t)page.limit, "next", id_or_null(next), "prev",
	                    id_or_null(page.prev), "lines", lines));
}

void api_worklist_eligible(struct req *r)
{
	api_worklist(r, WL_ELIGIBLE_NOT_RECEIVING);
}

void api_worklist_receiving(struct req *r)
{
	api_worklist(r, WL_RECEIVING_NOT_ELIGIBLE);
}

static void cell(struct req *r, const char *vi, const char *en_, bool num)
{
	if (num)
		html_lit(r, "<td class=\"num\" data-label=\"");
	else
		html_lit(r, "<td data-label=\"");
	html_attr(r, tr(r, vi, en_));
	html_lit(r, "\">");
}

/* The person page's decision form, opened for what the line calls for: a
 * grant of the allowance found (eligible but not receiving), an adjust to
 * the higher one, or a stop (died, moved away, no longer eligible). */
static void decision_link(struct req *r, const struct worklist_line *l)
{
	const char *action = "stop", *rule = "";
	if (strcmp(l->reason, "eligible") == 0 || strcmp(l->reason, "needs_application") == 0)
		action = "grant", rule = l->rule;
	else if (strcmp(l->reason, "lower_than_highest") == 0 ||
	         (strcmp(l->reason, "not_eligible") == 0 && l->rule[0]))
		action = "adjust", rule = l->rule;
	html_lit(r, "<a href=\"/persons/");
	html_int(r, l->person_id);
	html_lit(r, "?action=");
	html_urlpart(r, action);
	if (rule[0]) {
		html_lit(r, "&amp;rule=");
		html_urlpart(r, rule);
	}
	html_lit(r, "#decision-form\">");
	html_text(r, strcmp(action, "grant") == 0 ? tr(r, "Ghi quyết định hưởng", "Record a grant")
	             : strcmp(action, "adjust") == 0
	                 ? tr(r, "Ghi quyết định điều chỉnh", "Record an adjustment")
	                 : tr(r, "Ghi quyết định thôi hưởng", "Record a stop"));
	html_lit(r, "</a>");
}

static void tab(struct req *r, enum worklist_kind k, bool current, const char *place,
                const char *day, const char *label, size_t count)
{
	html_lit(r, "<a href=\"/worklists?kind=");
	html_urlpart(r, kind_name(k));
	html_lit(r, "&amp;place=");
	html_urlpart(r, place);
	html_lit(r, "&amp;date=");
	html_urlpart(r, day);
	if (current)
		html_lit(r, "\" aria-current=\"page\"><strong>");
	else
		html_lit(r, "\">");
	html_text(r, label);
	html_lit(r, " (");
	html_int(r, (int64_t)count);
	if (current)
		html_lit(r, ")</strong></a>");
	else
		html_lit(r, ")</a>");
}

void page_worklists(struct req *r)
{
	const char *place;
	struct date on;
	enum worklist_kind k = WL_ELIGIBLE_NOT_RECEIVING;
	struct worklist_line *v = NULL;
	struct worklist_page page = {0};
	size_t n = 0, total = 0;
	int64_t next = 0;
	char day[DATE_LEN], why[512], m[32];
	static const char *const keep[] = {"place", "date", "kind"};
	if (!read_args(r, &place, &on) ||
	    !list_cursor(r, PAGE_LINES, PAGE_LINES_MAX, &page.after, &page.before, &page.limit))
		return;
	if (req_arg(r, "kind") && !kind_of(req_arg(r, "kind"), &k)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_NOT_ONE_OF, "kind");
		return;
	}
	/* one pass: the page of the list shown and both lists' lengths */
	nct_err e = worklist_page(&r->x, place, on, k, &page, &v, &n, &total, &next, &r->rf);
	size_t ne = page.counts[WL_ELIGIBLE_NOT_RECEIVING],
	       nr = page.counts[WL_RECEIVING_NOT_ELIGIBLE];
	if (resp_refused(r, e))
		return;
	date_format(on, day);
	page_begin(r, tr(r, "Danh sách rà soát trợ cấp", "Allowance work lists"));
	html_lit(r, "<form method=\"get\" action=\"/worklists\" class=\"filters\"><input "
	            "type=\"hidden\" name=\"kind\" value=\"");
	html_attr(r, kind_name(k));
	html_lit(r, "\">");
	html_input_open(r, tr(r, "Mã địa bàn", "Place code"), "place", "text", place ? place : "");
	html_lit(r, "></label>");
	html_input_open(r, tr(r, "Ngày", "Date"), "date", "date", day);
	html_lit(r, "></label><button type=\"submit\">");
	html_text(r, tr(r, "Xem", "Show"));
	html_lit(r, "</button></form><p class=\"quick\">");
	tab(r, WL_ELIGIBLE_NOT_RECEIVING, k == WL_ELIGIBLE_NOT_RECEIVING, place ? place : "", day,
	    tr(r, "Đủ điều kiện nhưng chưa hưởng", "Eligible but not receiving"), ne);
	html_lit(r, " · ");
	tab(r, WL_RECEIVING_NOT_ELIGIBLE, k == WL_RECEIVING_NOT_ELIGIBLE, place ? place : "", day,
	    tr(r, "Đang hưởng nhưng không đúng", "Receiving but not eligible"), nr);
	html_lit(r, "</p>");
	if (!n) {
		html_lit(r, "<p>");
		html_text(r, tr(r, "Không có ai trong danh sách này.", "Nobody is on this list."));
		html_lit(r, "</p>");
	} else {
		static const char *const heads[][2] = {
		    {"Họ tên", "Name"},     {"Năm sinh", "Birth"},
		    {"Nơi ở", "Residence"}, {"Được hưởng (đ/tháng)", "Owed (đ a month)"},
		    {"Lý do", "Reason"},    {"Quyết định", "Decision"}};
		html_table_open(r, "stack", heads, sizeof heads / sizeof heads[0], 1u << 3);
	}
	for (size_t i = 0; i < n; i++) {
		char pid[24];
		snprintf(pid, sizeof pid, "%lld", (long long)v[i].person_id);
		worklist_reason_text(&v[i], r->lang, why, sizeof why);
		money_format(v[i].amount, m);
		html_lit(r, "<tr><td class=\"lead\" data-label=\"");
		html_attr(r, tr(r, "Họ tên", "Name"));
		html_lit(r, "\"><a href=\"/persons/");
		html_urlpart(r, pid);
		html_lit(r, "\">");
		html_text(r, v[i].full_name);
		html_lit(r, "</a></td>");
		cell(r, "Năm sinh", "Birth", false);
		html_birth(r, v[i].birth);
		html_lit(r, "</td>");
		cell(r, "Nơi ở", "Residence", false);
		html_text(r, v[i].place_name);
		html_lit(r, "</td>");
		cell(r, "Được hưởng (đ/tháng)", "Owed (đ a month)", true);
		html_text(r, m);
		html_lit(r, "</td>");
		cell(r, "Lý do", "Reason", false);
		html_text(r, why);
		html_lit(r, "</td>");
		cell(r, "Quyết định", "Decision", false);
		decision_link(r, &v[i]);
		html_lit(r, "</td></tr>");
	}
	if (n)
		html_table_close(r);
	list_cursor_pager(r, "/worklists", keep, sizeof keep / sizeof keep[0], page.prev,
	                  page.next);
	free(v);
	page_end(r);
}

/* page_fund.c - Quỹ và cho vay: a club's two funds (balances, the ledger, an
 * entry, a correction) and its loans (the portfolio, the loans, a
 * disbursement; one loan with its schedule, repayments and write-off). The
 * sections are shown on the club page and on /clubs/{code}/funds, where a
 * refused form comes back with its message and what was typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/fund.h"
#include "../domain/access.h"
#include "../domain/support.h"
#include "lookup.h"
#include "html.h"
#include "page_fund.h"

#define LEDGER_SHOWN 200 /* newest entries on a page; the API gives them all */

static void money(struct req *r, int64_t v)
{
	char a[32];
	money_format(v, a);
	html_text(r, a);
	html_lit(r, " đ");
}

/* 755 -> "75,5 %" */
static void permille(struct req *r, int pm)
{
	html_int(r, pm / 10);
	html_lit(r, ",");
	html_int(r, pm % 10);
	html_lit(r, " %");
}

static void day(struct req *r, struct date d)
{
	char s[DATE_LEN];
	date_format(d, s);
	html_date(r, s);
}

/* 1250 bp -> "12,50" */
static void rate(struct req *r, int bp)
{
	char s[16];
	snprintf(s, sizeof s, "%d,%02d", bp / 100, bp % 100);
	html_text(r, s);
}

/* A value of the form that was posted and refused, to show it again. */
static const char *typed(const struct req *r, const char *form, const char *name)
{
	const char *f = req_arg(r, "form");
	return f && strcmp(f, form) == 0 ? req_arg(r, name) : NULL;
}

/* Amounts are typed as people write them ("50.000.000"), so not type=number. */
static void money_input(struct req *r, const char *label, const char *name, const char *value,
                        bool required)
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_lit(r, "<input name=\"");
	html_attr(r, name);
	html_lit(r, "\" inputmode=\"numeric\" autocomplete=\"off\" placeholder=\"50.000.000\" "
	            "value=\"");
	html_attr(r, value ? value : "");
	html_lit(r, "\"");
	if (required)
		html_lit(r, " required");
	html_lit(r, "></label>");
}

static void checkbox(struct req *r, const char *label, const char *name, bool checked)
{
	html_lit(r, "<label class=\"check\"><input type=\"checkbox\" value=\"1\" name=\"");
	html_attr(r, name);
	html_lit(r, "\"");
	if (checked)
		html_lit(r, " checked");
	html_lit(r, "> ");
	html_text(r, label);
	html_lit(r, "</label>");
}

static void option(struct req *r, const char *value, const char *label, const char *cur)
{
	html_lit(r, "<option value=\"");
	html_attr(r, value);
	html_lit(r, "\"");
	if (cur && strcmp(cur, value) == 0)
		html_lit(r, " selected");
	html_lit(r, ">");
	html_text(r, label);
	html_lit(r, "</option>");
}

static void select_open(struct req *r, const char *label, const char *name)
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_lit(r, "<select name=\"");
	html_attr(r, name);
	html_lit(r, "\">");
}

static void form_open(struct req *r, const struct club *c, const char *cls, const char *path,
                      const char *form)
{
	html_lit(r, "<form method=\"post\" class=\"");
	html_attr(r, cls);
	html_lit(r, "\" action=\"/clubs/");
	html_urlpart(r, c->code);
	html_text(r, path);
	html_lit(r, "\">");
	html_csrf(r);
	html_lit(r, "<input type=\"hidden\" name=\"form\" value=\"");
	html_attr(r, form);
	html_lit(r, "\">");
	/* on /clubs/{code}/funds (or its refused forms) rather than the club page */
	if (strncmp(r->path, "/clubs/", 7) == 0 && strchr(r->path + 7, '/'))
		html_lit(r, "<input type=\"hidden\" name=\"next\" value=\"funds\">");
}

static void balances(struct req *r, const struct fund_ledger *l, struct date on)
{
	html_lit(r, "<dl class=\"facts\">");
	for (int f = FUND_REVOLVING; f <= FUND_ACTIVITY; f++) {
		bool exists = false;
		for (size_t i = 0; i < l->n && !exists; i++)
			exists = l->e[i].fund == (enum fund)f && date_cmp(l->e[i].on, on) <= 0;
		html_lit(r, "<dt>");
		html_text(r, fund_label((enum fund)f, r->lang));
		html_lit(r, "</dt><dd>");
		if (exists)
			money(r, ledger_balance(l->e, l->n, (enum fund)f, on));
		else
			html_text(r, tr(r, "chưa có", "none yet"));
		html_lit(r, "</dd>");
	}
	html_lit(r, "</dl>");
}

static void entry_note(struct req *r, const struct ledger_entry *e, const struct fund_entry_info *m)
{
	html_text(r, m->note);
	if (m->support_rule_id) {
		html_lit(r, " <small>(");
		html_text(r, m->support_name);
		html_lit(r, ")</small>");
	}
	if (e->override) {
		html_lit(r, " <small class=\"bad\">");
		html_text(r, tr(r, "(ghi vượt số dư)", "(balance override)"));
		html_lit(r, "</small>");
	}
	if (e->reverses) {
		html_lit(r, " <small>");
		html_text(r, tr(r, "điều chỉnh khoản #", "reverses #"));
		html_int(r, e->reverses);
		html_lit(r, "</small>");
	}
	if (m->reversed_by) {
		html_lit(r, " <small>");
		html_text(r, tr(r, "đã điều chỉnh bởi #", "reversed by #"));
		html_int(r, m->reversed_by);
		html_lit(r, "</small>");
	}
}

static void reverse_form(struct req *r, const struct club *c, const struct ledger_entry *e)
{
	char path[48];
	snprintf(path, sizeof path, "/ledger/%lld/reverse", (long long)e->id);
	form_open(r, c, "inline", path, "reverse");
	html_lit(r, "<input name=\"note\" maxlength=\"250\" aria-label=\"");
	html_attr(r, tr(r, "Lý do điều chỉnh", "Why"));
	html_lit(r, "\" placeholder=\"");
	html_attr(r, tr(r, "Lý do", "Why"));
	html_lit(r, "\"><button class=\"link\">");
	html_text(r, tr(r, "Điều chỉnh", "Reverse"));
	html_lit(r, "</button></form>");
}

static void ledger_row(struct req *r, const struct club *c, const struct fund_ledger *l, size_t i,
                       bool edit)
{
	const struct ledger_entry *e = &l->e[i];
	const struct fund_entry_info *m = &l->info[i];
	html_lit(r, "<tr><td>#");
	html_int(r, e->id);
	html_lit(r, "</td><td>");
	day(r, e->on);
	html_lit(r, "</td><td>");
	html_text(r, e->fund == FUND_REVOLVING ? tr(r, "Tạo thu nhập", "Revolving")
	                                       : tr(r, "Hoạt động", "Activity"));
	html_lit(r, "</td><td>");
	html_text(r, fund_kind_label(e->kind, r->lang));
	if (m->loan_id) {
		html_lit(r, " <a href=\"/clubs/");
		html_urlpart(r, c->code);
		html_lit(r, "/loans/");
		html_int(r, m->loan_id);
		html_lit(r, "\">#");
		html_int(r, m->loan_id);
		html_lit(r, "</a>");
	}
	html_lit(r, "</td><td class=\"num\">");
	money(r, e->amount);
	html_lit(r, "</td><td>");
	entry_note(r, e, m);
	html_lit(r, "</td>");
	if (edit) {
		html_lit(r, "<td>");
		if (e->kind != ENTRY_CORRECTION && !m->loan_id && !m->reversed_by)
			reverse_form(r, c, e);
		html_lit(r, "</td>");
	}
	html_lit(r, "</tr>");
}

static void ledger_table(struct req *r, const struct club *c, const struct fund_ledger *l,
                         struct date on, bool edit)
{
	static const char *const heads[][2] = {{"Số", "No."},         {"Ngày", "Date"},
	                                       {"Quỹ", "Fund"},       {"Loại", "Kind"},
	                                       {"Số tiền", "Amount"}, {"Ghi chú", "Note"}};
	size_t shown = 0;
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table class=\"ledger\"><thead><tr>");
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		if (k == 4)
			html_lit(r, "<th class=\"num\">");
		else
			html_lit(r, "<th>");
		html_text(r, tr(r, heads[k][0], heads[k][1]));
		html_lit(r, "</th>");
	}
	if (edit) {
		html_lit(r, "<th>");
		html_text(r, tr(r, "Thao tác", "Actions"));
		html_lit(r, "</th>");
	}
	html_lit(r, "</tr></thead><tbody>");
	for (size_t i = l->n; i-- > 0 && shown < LEDGER_SHOWN;) {
		if (date_cmp(l->e[i].on, on) > 0)
			continue;
		ledger_row(r, c, l, i, edit);
		shown++;
	}
	html_lit(r, "</tbody></table></div>");
	if (shown == 0)
		html_notice(r, "ok", tr(r, "Chưa có khoản nào trong sổ quỹ.", "No entries yet."));
	else if (shown == LEDGER_SHOWN)
		html_notice(r, "ok",
		            tr(r, "Chỉ hiện 200 khoản gần nhất; xem đầy đủ qua API.",
		               "Only the newest 200 entries are shown; the API has them all."));
}

/* The support rules the club falls under, with their levels and days, so they
 * are at hand when the checkbox is ticked; none for a club no rule covers. */
static void support_hint(struct req *r, const struct club *c)
{
	struct support_rule *v = NULL;
	size_t n = 0;
	if (support_rules_covering(&r->x, c->kind, c->founded_on, &v, &n) != NCT_OK || n == 0) {
		html_lit(r, "<p><small>");
		html_text(r, tr(r, "Không có quy định hỗ trợ một lần nào cho câu lạc bộ này.",
		                "No one-off support rule covers this club."));
		html_lit(r, "</small></p>");
		free(v);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<p><small>");
		html_text(r, v[i].name);
		html_text(r, v[i].planned ? tr(r, ": mức dự kiến ", ": planned level ") : ": ");
		money(r, v[i].amount);
		html_text(r, tr(r, ", áp dụng từ ", ", in force from "));
		html_date(r, v[i].valid_from);
		if (v[i].valid_to[0]) {
			html_text(r, tr(r, " đến ", " to "));
			html_date(r, v[i].valid_to);
		}
		html_text(r, v[i].once
		                 ? tr(r, ", một lần cho mỗi câu lạc bộ. ", ", once per club. ")
		                 : ". ");
		html_text(r, v[i].source);
		html_lit(r, "</small></p>");
	}
	free(v);
}

static void entry_form(struct req *r, const struct club *c)
{
	char today[DATE_LEN];
	const char *on = typed(r, "entry", "on");
	date_format(date_today_vn(), today);
	html_lit(r, "<h3>");
	html_text(r, tr(r, "Ghi một khoản vào sổ quỹ", "Record an entry"));
	html_lit(r, "</h3>");
	form_open(r, c, "card", "/ledger", "entry");
	select_open(r, tr(r, "Quỹ", "Fund"), "fund");
	option(r, "revolving", fund_label(FUND_REVOLVING, r->lang), typed(r, "entry", "fund"));
	option(r, "activity", fund_label(FUND_ACTIVITY, r->lang), typed(r, "entry", "fund"));
	html_lit(r, "</select></label>");
	select_open(r, tr(r, "Loại khoản", "Kind"), "kind");
	static const enum entry_kind kinds[] = {ENTRY_CONTRIBUTION, ENTRY_GRANT, ENTRY_EXPENSE};
	for (size_t i = 0; i < 3; i++)
		option(r, entry_kind_name(kinds[i]), fund_kind_label(kinds[i], r->lang),
		       typed(r, "entry", "kind"));
	html_lit(r, "</select></label>");
	checkbox(
	    r,
	    tr(r, "Đây là khoản hỗ trợ một lần cho câu lạc bộ (theo quy định hỗ trợ đang áp dụng)",
	       "This is the one-off support for the club (under the support rule in force)"),
	    "support", typed(r, "entry", "support") != NULL);
	support_hint(r, c);
	html_field(r, tr(r, "Ngày", "Date"), "on", "date", on ? on : today, true);
	money_input(r, tr(r, "Số tiền (đồng)", "Amount (đồng)"), "amount",
	            typed(r, "entry", "amount"), true);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", typed(r, "entry", "note"), false);
	checkbox(r,
	         tr(r, "Ghi vượt số dư (quỹ được xuống dưới 0 đ; ghi rõ lý do ở ghi chú)",
	            "Override: the fund may go below zero (say why in the note)"),
	         "override", typed(r, "entry", "override") != NULL);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Ghi sổ", "Record"));
	html_lit(r, "</button></form>");
}

void club_fund_section(struct req *r, const struct club *c, bool edit, struct date on)
{
	struct fund_ledger l;
	html_lit(r, "<h2 id=\"quy\">");
	html_text(r, tr(r, "Quỹ", "Funds"));
	html_lit(r, "</h2>");
	if (fund_ledger_load(&r->x, c->id, &l) != NCT_OK) {
		html_notice(r, "error",
		            tr(r, "Không đọc được sổ quỹ.", "The ledger could not be read."));
		return;
	}
	balances(r, &l, on);
	ledger_table(r, c, &l, on, edit);
	fund_ledger_free(&l);
	if (edit)
		entry_form(r, c);
}

static void report_facts(struct req *r, const struct fund_report *p)
{
	static const char *const labels[][2] = {
	    {"Dư nợ", "Outstanding"},
	    {"Số khoản đang vay", "Loans out"},
	    {"Tỷ lệ thu hồi nợ gốc đến hạn", "Repayment rate"},
	    {"Nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk > 30 days (PAR30)"},
	    {"Thành viên có vay từ đầu năm", "Members with a loan this year"},
	    {"Giải ngân từ đầu năm", "Disbursed this year"},
	    {"Vòng quay vốn từ đầu năm", "Loan rotation this year"},
	};
	html_lit(r, "<dl class=\"facts\">");
	for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
		html_lit(r, "<dt>");
		html_text(r, tr(r, labels[k][0], labels[k][1]));
		html_lit(r, "</dt><dd>");
		if (k == 0)
			money(r, p->portfolio.outstanding);
		else if (k == 1)
			html_int(r, p->portfolio.loans);
		else if (k == 2)
			permille(r, p->portfolio.repayment_rate_permille);
		else if (k == 3)
			permille(r, p->portfolio.par30_permille);
		else if (k == 4)
			html_int(r, p->borrowers);
		else if (k == 5)
			money(r, p->disbursed);
		else
			rate(r, p->rotation_centi);
		if (k == 6)
			html_text(r, tr(r, " lần", " times"));
		html_lit(r, "</dd>");
	}
	html_lit(r, "</dl><p><small>");
	html_text(r, tr(r,
	                "Vòng quay vốn = tiền gốc giải ngân trong kỳ ÷ (số dư quỹ tạo thu nhập đầu "
	                "kỳ + đóng góp và hỗ trợ nhận trong kỳ).",
	                "Loan rotation = principal disbursed in the period ÷ (the revolving fund's "
	                "opening balance + contributions and grants received in it)."));
	html_lit(r, "</small></p>");
}

static void loan_link(struct req *r, const struct club *c, int64_t id)
{
	html_lit(r, "<a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "/loans/");
	html_int(r, id);
	html_lit(r, "\">#");
	html_int(r, id);
	html_lit(r, "</a>");
}

static void loan_row(struct req *r, const struct club *c, const struct fund_loan *l, struct date on)
{
	struct loan_state s;
	fund_loan_state(l, on, &s);
	html_lit(r, "<tr><td>");
	loan_link(r, c, l->id);
	html_lit(r, "</td><td>");
	html_text(r, l->person_name);
	html_lit(r, "</td><td class=\"num\">");
	money(r, l->terms.principal);
	html_lit(r, "</td><td>");
	day(r, l->terms.disbursed);
	html_lit(r, "</td><td class=\"");
	html_attr(r, s.status == LOAN_IN_ARREARS || s.status == LOAN_WRITTEN_OFF ? "bad" : "ok");
	html_lit(r, "\">");
	html_text(r, fund_loan_status_label(s.status, r->lang));
	html_lit(r, "</td><td class=\"num\">");
	html_int(r, s.days_in_arrears);
	html_lit(r, "</td><td class=\"num\">");
	money(r, s.outstanding);
	html_lit(r, "</td></tr>");
}

static void loans_table(struct req *r, const struct club *c, const struct fund_loans *ls,
                        struct date on)
{
	static const char *const heads[][2] = {{"Số", "No."},
	                                       {"Thành viên", "Member"},
	                                       {"Số tiền vay", "Principal"},
	                                       {"Giải ngân", "Disbursed"},
	                                       {"Trạng thái", "Status"},
	                                       {"Số ngày quá hạn", "Days in arrears"},
	                                       {"Dư nợ", "Outstanding"}};
	size_t shown = 0;
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>");
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		if (k == 2 || k >= 5)
			html_lit(r, "<th class=\"num\">");
		else
			html_lit(r, "<th>");
		html_text(r, tr(r, heads[k][0], heads[k][1]));
		html_lit(r, "</th>");
	}
	html_lit(r, "</tr></thead><tbody>");
	for (size_t i = ls->n; i-- > 0;) {
		if (date_cmp(ls->v[i].terms.disbursed, on) > 0)
			continue;
		loan_row(r, c, &ls->v[i], on);
		shown++;
	}
	html_lit(r, "</tbody></table></div>");
	if (!shown)
		html_notice(r, "ok", tr(r, "Chưa có khoản vay nào.", "No loans yet."));
}

/* Members on today's date: only they may borrow now. */
static void member_select(struct req *r, const struct club *c)
{
	struct member *v = NULL;
	size_t n = 0;
	char today[DATE_LEN], id[24];
	const char *cur = typed(r, "loan", "person");
	date_format(date_today_vn(), today);
	select_open(r, tr(r, "Thành viên vay", "Borrower"), "person");
	if (club_members(&r->x, c, &v, &n) == NCT_OK) {
		for (size_t i = 0; i < n; i++) {
			if (v[i].left_on[0] || strcmp(v[i].joined_on, today) > 0)
				continue;
			snprintf(id, sizeof id, "%lld", (long long)v[i].person.id);
			option(r, id, v[i].person.full_name, cur);
		}
	}
	free(v);
	html_lit(r, "</select></label>");
}

static void loan_form(struct req *r, const struct club *c)
{
	char today[DATE_LEN];
	const char *on = typed(r, "loan", "disbursed_on"), *term = typed(r, "loan", "term");
	const char *rt = typed(r, "loan", "rate"), *freq = typed(r, "loan", "frequency");
	date_format(date_today_vn(), today);
	html_lit(r, "<h3>");
	html_text(r, tr(r, "Cho vay từ quỹ tạo thu nhập", "Lend from the revolving fund"));
	html_lit(r, "</h3>");
	form_open(r, c, "card", "/loans", "loan");
	member_select(r, c);
	money_input(r, tr(r, "Số tiền vay (đồng)", "Principal (đồng)"), "principal",
	            typed(r, "loan", "principal"), true);
	html_field(r, tr(r, "Ngày giải ngân", "Disbursed on"), "disbursed_on", "date",
	           on ? on : today, true);
	html_field(r, tr(r, "Thời hạn (tháng)", "Term (months)"), "term", "number",
	           term ? term : "12", true);
	select_open(r, tr(r, "Kỳ trả nợ", "Repayments"), "frequency");
	for (int f = LOAN_MONTHLY; f <= LOAN_AT_END; f++)
		option(r, fund_freq_name((enum loan_freq)f),
		       fund_freq_label((enum loan_freq)f, r->lang), freq);
	html_lit(r, "</select></label>");
	html_field(
	    r, tr(r, "Lãi suất (%/năm, 0 nếu không lấy lãi)", "Interest (% a year, 0 for none)"),
	    "rate", "text", rt ? rt : "0", true);
	html_field(r, tr(r, "Mục đích vay", "Purpose"), "purpose", "text",
	           typed(r, "loan", "purpose"), true);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", typed(r, "loan", "note"), false);
	checkbox(r,
	         tr(r, "Cho vay vượt số dư quỹ (ghi rõ lý do ở ghi chú)",
	            "Override: lend more than the fund holds (say why in the note)"),
	         "override", typed(r, "loan", "override") != NULL);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Giải ngân", "Disburse"));
	html_lit(r, "</button></form>");
}

void club_loan_section(struct req *r, const struct club *c, bool edit, struct date on)
{
	struct fund_report rep;
	struct fund_loans ls;
	html_lit(r, "<h2 id=\"cho-vay\">");
	html_text(r, tr(r, "Cho vay", "Loans"));
	html_lit(r, "</h2>");
	if (fund_report(&r->x, c->id, (struct date){on.y, 1, 1}, on, &rep) != NCT_OK ||
	    fund_loans_load(&r->x, c->id, 0, &ls) != NCT_OK) {
		html_notice(r, "error",
		            tr(r, "Không đọc được các khoản vay.", "The loans could not be read."));
		return;
	}
	report_facts(r, &rep);
	loans_table(r, c, &ls, on);
	fund_loans_free(&ls);
	if (edit)
		loan_form(r, c);
}

static void back_link(struct req *r, const struct club *c, const char *anchor)
{
	html_lit(r, "<p class=\"crumbs\"><a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_text(r, anchor);
	html_lit(r, "\">← ");
	html_text(r, c->name);
	html_lit(r, "</a></p>");
}

static void as_of_form(struct req *r, struct date on)
{
	char d[DATE_LEN];
	date_format(on, d);
	html_lit(r, "<form method=\"get\" class=\"filters\"><label>");
	html_text(r, tr(r, "Xem vào ngày", "As of"));
	html_lit(r, "<input type=\"date\" name=\"date\" value=\"");
	html_attr(r, d);
	html_lit(r, "\"></label><button>");
	html_text(r, tr(r, "Xem", "Show"));
	html_lit(r, "</button></form>");
}

static void funds_page(struct req *r, const struct club *c, struct date on, const char *msg)
{
	char title[256];
	snprintf(title, sizeof title, "%s · %s", tr(r, "Quỹ và cho vay", "Funds and loans"),
	         c->name);
	page_begin(r, title);
	back_link(r, c, "");
	if (msg)
		html_notice(r, "error", msg);
	as_of_form(r, on);
	club_fund_section(r, c, access_club(&r->x, c, ACCESS_CHANGE) == NCT_OK, on);
	club_loan_section(r, c, access_club(&r->x, c, ACCESS_CHANGE) == NCT_OK, on);
	page_end(r);
}

void page_funds(struct req *r)
{
	struct date on;
	struct club c;
	if (!req_date(r, &on)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
		return;
	}
	if (route_club(r, date_today_vn(), &c))
		funds_page(r, &c, on, NULL);
}

/* An id in the path: digits only, > 0; else 0, which no row has. */
static int64_t path_id(const char *s)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return 0;
	long long v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? (int64_t)v : 0;
}

/* A whole number from a form; 0 (which the rules refuse) when it is not one. */
static int form_int(const char *s)
{
	char *end;
	if (!s || !s[0])
		return 0;
	long v = strtol(s, &end, 10);
	return *end == '\0' && v > 0 && v < 100000 ? (int)v : 0;
}

/* After a form on the club's funds: back to where it was, or the funds page
 * again with the refusal and what was typed. */
static void after_fund_post(struct req *r, const struct club *c, nct_err e, const char *msg,
                            int64_t loan_id, const char *anchor)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_NOTFOUND || e == NCT_ERR_CONFLICT) {
		r->status = e == NCT_ERR_INVALID ? 400 : e == NCT_ERR_NOTFOUND ? 404 : 409;
		funds_page(r, c, date_today_vn(), msg);
		return;
	}
	if (e) {
		resp_domain_error(r, e, msg && msg[0] ? msg : NULL);
		return;
	}
	const char *next = req_arg(r, "next");
	struct buf loc;
	buf_init(&loc, 256);
	buf_printf(&loc, "/clubs/%s", c->code);
	if (loan_id)
		buf_printf(&loc, "/loans/%lld", (long long)loan_id);
	else if (next && strcmp(next, "funds") == 0)
		buf_adds(&loc, "/funds");
	buf_adds(&loc, anchor);
	resp_redirect(r, buf_str(&loc));
	buf_free(&loc);
}

void page_ledger_add(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t amount = 0, id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = access_club(&r->x, &c, ACCESS_CHANGE);
	if (!e)
		e = fund_amount_parse(req_arg(r, "amount"), true, &amount, msg, sizeof msg);
	struct fund_entry_new in = {req_arg(r, "fund"),
	                            req_arg(r, "kind"),
	                            req_arg(r, "on"),
	                            amount,
	                            req_arg(r, "support") != NULL,
	                            req_arg(r, "override") != NULL,
	                            req_arg(r, "note")};
	if (!e)
		e = fund_entry_add(&r->x, &c, &in, &id, msg, sizeof msg);
	after_fund_post(r, &c, e, msg, 0, "#quy");
}

void page_ledger_reverse(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = access_club(&r->x, &c, ACCESS_CHANGE);
	struct fund_reversal in = {path_id(r->params[1]), req_arg(r, "on"),
	                           req_arg(r, "override") != NULL, req_arg(r, "note")};
	if (!e)
		e = fund_entry_reverse(&r->x, &c, &in, &id, msg, sizeof msg);
	after_fund_post(r, &c, e, msg, 0, "#quy");
}

void page_loan_add(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t principal = 0, id = 0;
	int bp = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = access_club(&r->x, &c, ACCESS_CHANGE);
	if (!e)
		e = fund_amount_parse(req_arg(r, "principal"), true, &principal, msg, sizeof msg);
	if (!e)
		e = fund_rate_parse(req_arg(r, "rate"), &bp, msg, sizeof msg);
	struct fund_loan_new in = {path_id(req_arg(r, "person")),
	                           principal,
	                           req_arg(r, "disbursed_on"),
	                           form_int(req_arg(r, "term")),
	                           req_arg(r, "frequency"),
	                           bp,
	                           req_arg(r, "purpose"),
	                           req_arg(r, "override") != NULL,
	                           req_arg(r, "note")};
	if (!e)
		e = fund_loan_disburse(&r->x, &c, &in, &id, msg, sizeof msg);
	after_fund_post(r, &c, e, msg, id, e ? "#cho-vay" : "");
}

static void fact(struct req *r, const char *vi, const char *en)
{
	html_lit(r, "<dt>");
	html_text(r, tr(r, vi, en));
	html_lit(r, "</dt><dd>");
}

static void loan_facts(struct req *r, const struct fund_loan *l, const struct loan_state *s)
{
	html_lit(r, "<dl class=\"facts\">");
	fact(r, "Thành viên vay", "Borrower");
	html_text(r, l->person_name);
	fact(r, "Số tiền vay", "Principal");
	money(r, l->terms.principal);
	fact(r, "Giải ngân", "Disbursed");
	day(r, l->terms.disbursed);
	fact(r, "Thời hạn, kỳ trả", "Term, repayments");
	html_int(r, l->terms.term_months);
	html_text(r, tr(r, " tháng, trả ", " months, "));
	html_text(r, fund_freq_label(l->terms.freq, r->lang));
	fact(r, "Lãi suất", "Interest");
	rate(r, l->terms.rate_bp);
	html_text(r, tr(r, " %/năm", " % a year"));
	fact(r, "Mục đích", "Purpose");
	html_text(r, l->purpose);
	fact(r, "Trạng thái", "Status");
	html_text(r, fund_loan_status_label(s->status, r->lang));
	if (l->written_off) {
		html_text(r, tr(r, " từ ", " since "));
		day(r, l->written_off_on);
		html_text(r, " — ");
		html_text(r, l->write_off_note);
	}
	fact(r, "Số ngày quá hạn", "Days in arrears");
	html_int(r, s->days_in_arrears);
	fact(r, "Dư nợ gốc", "Outstanding principal");
	money(r, s->outstanding);
	fact(r, "Gốc đến hạn chưa trả", "Principal overdue");
	money(r, s->overdue);
	fact(r, "Đã trả gốc, lãi", "Paid: principal, interest");
	money(r, s->principal_paid);
	html_text(r, ", ");
	money(r, s->interest_paid);
	html_lit(r, "</dd></dl>");
}

static void schedule_table(struct req *r, const struct fund_loan *l)
{
	struct installment v[LOAN_MAX_INSTALLMENTS];
	size_t n;
	fund_loan_schedule(l, v, &n);
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Lịch trả nợ", "Schedule"));
	html_lit(r, "</h2><div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th>");
	html_text(r, tr(r, "Kỳ", "No."));
	html_lit(r, "</th><th>");
	html_text(r, tr(r, "Ngày đến hạn", "Due"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Gốc", "Principal"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Lãi", "Interest"));
	html_lit(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		html_int(r, (int64_t)i + 1);
		html_lit(r, "</td><td>");
		day(r, v[i].due);
		html_lit(r, "</td><td class=\"num\">");
		money(r, v[i].principal);
		html_lit(r, "</td><td class=\"num\">");
		money(r, v[i].interest);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void repayments_table(struct req *r, const struct fund_loan *l)
{
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Các lần trả nợ", "Repayments"));
	html_lit(r, "</h2>");
	if (!l->nrep) {
		html_notice(r, "ok", tr(r, "Chưa trả lần nào.", "Nothing repaid yet."));
		return;
	}
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th>");
	html_text(r, tr(r, "Ngày", "Date"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Gốc", "Principal"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Lãi", "Interest"));
	html_lit(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < l->nrep; i++) {
		html_lit(r, "<tr><td>");
		day(r, l->rep[i].on);
		html_lit(r, "</td><td class=\"num\">");
		money(r, l->rep[i].principal);
		html_lit(r, "</td><td class=\"num\">");
		money(r, l->rep[i].interest);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void loan_forms(struct req *r, const struct club *c, const struct fund_loan *l)
{
	char today[DATE_LEN], path[64];
	const char *on = typed(r, "repay", "on"), *off = typed(r, "writeoff", "on");
	date_format(date_today_vn(), today);
	snprintf(path, sizeof path, "/loans/%lld/repayments", (long long)l->id);
	html_lit(r, "<h3>");
	html_text(r, tr(r, "Ghi trả nợ", "Record a repayment"));
	html_lit(r, "</h3>");
	form_open(r, c, "card", path, "repay");
	html_field(r, tr(r, "Ngày trả", "Paid on"), "on", "date", on ? on : today, true);
	money_input(r, tr(r, "Trả gốc (đồng)", "Principal (đồng)"), "principal",
	            typed(r, "repay", "principal"), false);
	money_input(r, tr(r, "Trả lãi (đồng)", "Interest (đồng)"), "interest",
	            typed(r, "repay", "interest"), false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Ghi trả nợ", "Record"));
	html_lit(r, "</button></form><h3>");
	html_text(r, tr(r, "Xóa nợ", "Write off"));
	html_lit(r, "</h3>");
	snprintf(path, sizeof path, "/loans/%lld/write-off", (long long)l->id);
	form_open(r, c, "card", path, "writeoff");
	html_field(r, tr(r, "Ngày xóa nợ", "Written off on"), "on", "date", off ? off : today,
	           true);
	html_field(r, tr(r, "Lý do", "Reason"), "note", "text", typed(r, "writeoff", "note"), true);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Xóa nợ", "Write off"));
	html_lit(r, "</button></form>");
}

static void loan_page(struct req *r, const struct club *c, struct date on, const char *msg)
{
	struct fund_loans ls;
	struct loan_state s;
	char title[256];
	int64_t id = path_id(r->params[1]);
	nct_err e = id ? fund_loans_load(&r->x, c->id, id, &ls) : NCT_ERR_NOTFOUND;
	if (e) {
		resp_domain_error(r, e,
		                  e == NCT_ERR_NOTFOUND
		                      ? tr(r, "Không có khoản vay này.", "No such loan.")
		                      : NULL);
		return;
	}
	const struct fund_loan *l = &ls.v[0];
	fund_loan_state(l, on, &s);
	snprintf(title, sizeof title, "%s #%lld · %s", tr(r, "Khoản vay", "Loan"), (long long)l->id,
	         l->person_name);
	page_begin(r, title);
	back_link(r, c, "#cho-vay");
	if (msg)
		html_notice(r, "error", msg);
	as_of_form(r, on);
	loan_facts(r, l, &s);
	schedule_table(r, l);
	repayments_table(r, l);
	if (access_club(&r->x, c, ACCESS_CHANGE) == NCT_OK && !l->written_off)
		loan_forms(r, c, l);
	fund_loans_free(&ls);
	page_end(r);
}

void page_loan(struct req *r)
{
	struct date on;
	struct club c;
	if (!req_date(r, &on)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
		return;
	}
	if (route_club(r, date_today_vn(), &c))
		loan_page(r, &c, on, NULL);
}

static void after_loan_post(struct req *r, const struct club *c, nct_err e, const char *msg)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = e == NCT_ERR_INVALID ? 400 : 409;
		loan_page(r, c, date_today_vn(), msg);
		return;
	}
	after_fund_post(r, c, e, msg, path_id(r->params[1]), "");
}

/* An optional amount: empty is 0. */
static nct_err optional_amount(const struct req *r, const char *name, int64_t *v, char *msg,
                               size_t msglen)
{
	const char *s = req_arg(r, name);
	*v = 0;
	return s && s[0] ? fund_amount_parse(s, true, v, msg, msglen) : NCT_OK;
}

void page_loan_repay(struct req *r)
{
	struct club c;
	char msg[512] = "";
	int64_t id = 0;
	struct fund_repayment_new in = {path_id(r->params[1]), req_arg(r, "on"), 0, 0};
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = access_club(&r->x, &c, ACCESS_CHANGE);
	if (!e)
		e = optional_amount(r, "principal", &in.principal, msg, sizeof msg);
	if (!e)
		e = optional_amount(r, "interest", &in.interest, msg, sizeof msg);
	if (!e)
		e = fund_loan_repay(&r->x, &c, &in, &id, msg, sizeof msg);
	after_loan_post(r, &c, e, msg);
}

void page_loan_write_off(struct req *r)
{
	struct club c;
	char msg[512] = "";
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = access_club(&r->x, &c, ACCESS_CHANGE);
	if (!e)
		e = fund_loan_write_off(&r->x, &c, path_id(r->params[1]), req_arg(r, "on"),
		                        req_arg(r, "note"), msg, sizeof msg);
	after_loan_post(r, &c, e, msg);
}

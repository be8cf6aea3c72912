/* page_fund.c - Quỹ và cho vay: a club's two funds (balances, the ledger, an
 * entry, a correction) and its loans (the portfolio, the loans, a
 * disbursement; one loan with its schedule, repayments and write-off). The
 * sections are shown on the club page and on /clubs/{code}/funds, where a
 * refused form comes back with its refusal beside the field and what was
 * typed. The changes are read and made by fund_change.c, as for the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/fund.h"
#include "../domain/support.h"
#include "fund_change.h"
#include "html.h"
#include "labels.h"
#include "lookup.h"
#include "page_fund.h"

#define LEDGER_SHOWN 50 /* newest entries on a page; the files and the API give them all */
#define LOANS_SHOWN  50 /* newest loans on a page (a club of the province store has 100) */

static void money(struct req *r, int64_t v)
{
	html_count(r, v);
	html_lit(r, " đ");
}

/* 755 -> "75,5 %" */
static void permille(struct req *r, int pm)
{
	html_f(r, "%d,%d %%", pm / 10, pm % 10);
}

/* 1250 bp -> "12,50" */
static void rate(struct req *r, int bp)
{
	char s[16];
	snprintf(s, sizeof s, "%d,%02d", bp / 100, bp % 100);
	html_text(r, s);
}

/* Whether the form posted (and refused) is this one. */
static bool posted(const struct req *r, const char *form)
{
	const char *f = req_arg(r, "form");
	return f && strcmp(f, form) == 0;
}

/* A value of the form that was posted and refused, to show it again. */
static const char *typed(const struct req *r, const char *form, const char *name)
{
	return posted(r, form) ? req_arg(r, name) : NULL;
}

/* Amounts are typed as people write them ("50.000.000"), so not type=number. */
static void money_input(struct req *r, const char *label, const char *name, const char *form,
                        bool required)
{
	const char *value = typed(r, form, name);
	html_f(r,
	       "<label>%s<input name=\"%s\" inputmode=\"numeric\" autocomplete=\"off\" "
	       "placeholder=\"50.000.000\" value=\"%s\"",
	       label, name, value ? value : "");
	if (required)
		html_lit(r, " required");
	if (r->rf.code && r->rf.field && strcmp(r->rf.field, name) == 0)
		html_lit(r, " aria-invalid=\"true\"");
	html_lit(r, ">");
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

static void checkbox(struct req *r, const char *label, const char *name, const char *form)
{
	html_f(r, "<label class=\"check\"><input type=\"checkbox\" value=\"1\" name=\"%s\"", name);
	if (typed(r, form, name))
		html_lit(r, " checked");
	html_lit(r, "> ");
	html_text(r, label);
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

/* A labelled select of codes with their labels (html_select). */
static void select_codes(struct req *r, const char *label, const char *name,
                         const char *const *codes,
                         const char *(*words)(const char *code, const char *lang), const char *form)
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_select(r, name, codes, words, typed(r, form, name), NULL);
	html_lit(r, "</label>");
}

/* Opens a form posted to /clubs/{code}{path}. The request's refusal is held
 * back (in *kept) unless this is the form that was refused, so that it is
 * said beside this form's fields only; form_close gives it back. */
static void form_open(struct req *r, const struct club *c, const char *cls, const char *path,
                      const char *form, struct refusal *kept)
{
	*kept = r->rf;
	if (!posted(r, form))
		r->rf.code = RF_NONE;
	html_f(r, "<form method=\"post\" class=\"%s\" action=\"/clubs/", cls);
	html_urlpart(r, c->code);
	html_text(r, path);
	html_lit(r, "\">");
	html_csrf(r);
	html_f(r, "<input type=\"hidden\" name=\"form\" value=\"%s\">", form);
	/* on /clubs/{code}/funds (or its refused forms) rather than the club page */
	if (strncmp(r->path, "/clubs/", 7) == 0 && strchr(r->path + 7, '/'))
		html_lit(r, "<input type=\"hidden\" name=\"next\" value=\"funds\">");
}

static void form_close(struct req *r, const char *button, const char *cls,
                       const struct refusal *kept)
{
	html_lit(r, "<button");
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_f(r, ">%s</button></form>", button);
	r->rf = *kept;
}

/* A cell: <td> or <td class="num">. */
static void cell(struct req *r, bool num)
{
	if (num)
		html_lit(r, "</td><td class=\"num\">");
	else
		html_lit(r, "</td><td>");
}

/* A cell of a table of cards: <td class="cls" data-label="heading">, the
 * previous cell closed unless first; cls NULL for none ("num", "lead": the
 * figure a card shows first). The content is held in a <span> (one item of
 * the card's row): end the row with "</span></td></tr>". */
static void td(struct req *r, const char *const head[2], const char *cls, bool first)
{
	if (first)
		html_lit(r, "<td");
	else
		html_lit(r, "</span></td><td");
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_f(r, " data-label=\"%s\"><span>", tr(r, head[0], head[1]));
}

/* A figure of a summary: its label, and its value (the caller writes it, then
 * figure_end); on a phone the value stands first and large. */
static void figure(struct req *r, const char *vi, const char *en)
{
	html_f(r, "<div><dt>%s</dt><dd>", tr(r, vi, en));
}

static void figure_end(struct req *r)
{
	html_lit(r, "</dd></div>");
}

static void balances(struct req *r, const struct fund_ledger *l, struct date on)
{
	html_lit(r, "<dl class=\"figures\">");
	for (int f = FUND_REVOLVING; f <= FUND_ACTIVITY; f++) {
		bool exists = false;
		for (size_t i = 0; i < l->n && !exists; i++)
			exists = l->e[i].fund == (enum fund)f && date_cmp(l->e[i].on, on) <= 0;
		html_lit(r, "<div><dt>");
		html_text(r, label_fund(fund_name((enum fund)f), r->lang));
		html_lit(r, "</dt><dd>");
		if (exists)
			money(r, ledger_balance(l->e, l->n, (enum fund)f, on));
		else
			html_text(r, tr(r, "chưa có", "none yet"));
		figure_end(r);
	}
	html_lit(r, "</dl>");
}

/* A note in small print (of class cls, when not NULL), and #id after it when
 * id is not 0. */
static void small(struct req *r, const char *cls, const char *vi, const char *en, int64_t id)
{
	html_lit(r, " <small");
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_lit(r, ">");
	html_text(r, tr(r, vi, en));
	if (id)
		html_int(r, id);
	html_lit(r, "</small>");
}

static void entry_note(struct req *r, const struct ledger_entry *e, const struct fund_entry_info *m)
{
	html_text(r, m->note);
	if (m->support_rule_id) {
		html_f(r, " <small>(%s)</small>", m->support_name);
	}
	if (e->override)
		small(r, "bad", "(ghi vượt số dư)", "(balance override)", 0);
	if (e->reverses)
		small(r, NULL, "điều chỉnh khoản #", "reverses #", e->reverses);
	if (m->reversed_by)
		small(r, NULL, "đã điều chỉnh bởi #", "reversed by #", m->reversed_by);
}

/* "Điều chỉnh…": opens the step that asks to confirm the correction. */
static void reverse_link(struct req *r, const struct club *c, const struct ledger_entry *e)
{
	html_lit(r, "<a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "/ledger/%lld/reverse\" aria-label=\"%s%lld\">%s</a>", (long long)e->id,
	       tr(r, "Điều chỉnh khoản số ", "Reverse entry "), (long long)e->id,
	       tr(r, "Điều chỉnh…", "Reverse…"));
}

static void loan_link(struct req *r, const struct club *c, int64_t id)
{
	html_lit(r, "<a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "/loans/%lld\">#%lld</a>", (long long)id, (long long)id);
}

static const char *const ledger_heads[][2] = {
    {"Số", "No."},         {"Ngày", "Date"},    {"Quỹ", "Fund"},         {"Loại", "Kind"},
    {"Số tiền", "Amount"}, {"Ghi chú", "Note"}, {"Thao tác", "Actions"},
};

static void ledger_row(struct req *r, const struct club *c, const struct fund_ledger *l, size_t i,
                       bool edit)
{
	const struct ledger_entry *e = &l->e[i];
	const struct fund_entry_info *m = &l->info[i];
	html_lit(r, "<tr>");
	td(r, ledger_heads[0], NULL, true);
	html_lit(r, "#");
	html_int(r, e->id);
	td(r, ledger_heads[1], NULL, false);
	html_day(r, e->on);
	td(r, ledger_heads[2], NULL, false);
	html_text(r, e->fund == FUND_REVOLVING ? tr(r, "Tạo thu nhập", "Revolving")
	                                       : tr(r, "Hoạt động", "Activity"));
	td(r, ledger_heads[3], NULL, false);
	html_text(r, label_entry_kind(entry_kind_name(e->kind), r->lang));
	if (m->loan_id) {
		html_lit(r, " ");
		loan_link(r, c, m->loan_id);
	}
	td(r, ledger_heads[4], "num lead", false);
	money(r, e->amount);
	td(r, ledger_heads[5],
	   m->note[0] || e->override || e->reverses || m->reversed_by || m->support_rule_id
	       ? NULL
	       : "empty",
	   false);
	entry_note(r, e, m);
	if (edit) {
		bool can = e->kind != ENTRY_CORRECTION && !m->loan_id && !m->reversed_by;
		td(r, ledger_heads[6], can ? NULL : "empty", false);
		if (can)
			reverse_link(r, c, e);
	}
	html_lit(r, "</span></td></tr>");
}

/* Closes a table of the newest entries: "none yet" when none was shown, and
 * when max were (the newest only), say with the club's whole table as CSV and
 * Excel files. */
static void newest_close(struct req *r, const struct club *c, const char *table, size_t shown,
                         size_t max, const char *none, const char *say)
{
	html_table_close(r);
	if (!shown) {
		html_notice(r, "ok", none);
		return;
	}
	if (shown < max)
		return;
	html_f(r, "<p class=\"notice ok\">%s", say);
	for (int k = 0; k < 2; k++) {
		html_lit(r, "<a href=\"/clubs/");
		html_urlpart(r, c->code);
		html_f(r, "/%s", table);
		if (k)
			html_lit(r, ".xlsx\">Excel</a>");
		else
			html_lit(r, ".csv\">CSV</a> · ");
	}
	html_lit(r, "</p>");
}

static void ledger_table(struct req *r, const struct club *c, const struct fund_ledger *l,
                         struct date on, bool edit)
{
	size_t shown = 0;
	html_table_open(r, "ledger stack", ledger_heads, edit ? 7 : 6, 1u << 4);
	for (size_t i = l->n; i-- > 0 && shown < LEDGER_SHOWN;) {
		if (date_cmp(l->e[i].on, on) > 0)
			continue;
		ledger_row(r, c, l, i, edit);
		shown++;
	}
	newest_close(r, c, "ledger", shown, LEDGER_SHOWN,
	             tr(r, "Chưa có khoản nào trong sổ quỹ.", "No entries yet."),
	             tr(r, "Chỉ hiện 50 khoản gần nhất. Sổ quỹ đầy đủ: ",
	                "Only the newest 50 entries are shown. The whole ledger: "));
}

/* The support rules the club falls under, with their levels and days, so they
 * are at hand when the checkbox is ticked; none for a club no rule covers. */
static void support_hint(struct req *r, const struct club *c)
{
	struct support_rule *v = NULL;
	size_t n = 0;
	if (support_rules_covering(&r->x, c->kind, c->founded_on, &v, &n) != NCT_OK || n == 0) {
		html_f(r, "<p><small>%s</small></p>",
		       tr(r, "Không có quy định hỗ trợ một lần nào cho câu lạc bộ này.",
		          "No one-off support rule covers this club."));
		free(v);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<p><small>%s%s", v[i].name,
		       v[i].planned ? tr(r, ": mức dự kiến ", ": planned level ") : ": ");
		money(r, v[i].amount);
		html_text(r, tr(r, ", áp dụng từ ", ", in force from "));
		html_date_span(r, v[i].valid_from, v[i].valid_to);
		html_f(r, "%s%s</small></p>",
		       v[i].once ? tr(r, ", một lần cho mỗi câu lạc bộ. ", ", once per club. ")
		                 : ". ",
		       v[i].source);
	}
	free(v);
}

static void entry_form(struct req *r, const struct club *c)
{
	char today[DATE_LEN];
	const char *on = typed(r, "entry", "on");
	struct refusal kept;
	date_format(date_today_vn(), today);
	html_f(r, "<h3>%s</h3>", tr(r, "Ghi một khoản vào sổ quỹ", "Record an entry"));
	form_open(r, c, "card", "/ledger", "entry", &kept);
	select_codes(r, tr(r, "Quỹ", "Fund"), "fund", fund_codes, label_fund, "entry");
	select_codes(r, tr(r, "Loại khoản", "Kind"), "kind", entry_kinds_by_hand, label_entry_kind,
	             "entry");
	checkbox(r,
	         tr(r,
	            "Đây là khoản hỗ trợ một lần cho câu lạc bộ (theo quy định hỗ trợ đang áp "
	            "dụng)",
	            "This is the one-off support for the club (under the support rule in force)"),
	         "support", "entry");
	support_hint(r, c);
	html_field(r, tr(r, "Ngày", "Date"), "on", "date", on ? on : today, true);
	money_input(r, tr(r, "Số tiền (đồng)", "Amount (đồng)"), "amount", "entry", true);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", typed(r, "entry", "note"), false);
	if (fund_may_override(&r->x, c))
		checkbox(r,
		         tr(r, "Cho phép quỹ âm: ghi vượt số dư (ghi rõ lý do ở ghi chú)",
		            "Allow the fund below zero: override (say why in the note)"),
		         "override", "entry");
	form_close(r, tr(r, "Ghi sổ", "Record"), NULL, &kept);
}

/* The funds' heading, then c's ledger into *l; false (said on the page) when
 * it cannot be read. */
static bool funds_heading_and_ledger(struct req *r, const struct club *c, struct fund_ledger *l)
{
	html_f(r, "<h2 id=\"quy\">%s</h2>", tr(r, "Quỹ", "Funds"));
	if (fund_ledger_load(&r->x, c->id, l) == NCT_OK)
		return true;
	html_notice(
	    r, "error",
	    tr(r, "Không đọc được sổ quỹ: hãy tải lại trang; nếu vẫn lỗi, báo quản trị hệ thống.",
	       "The ledger could not be read: reload the page; if it fails again, tell "
	       "the administrator."));
	return false;
}

void club_fund_section(struct req *r, const struct club *c, bool edit, struct date on)
{
	struct fund_ledger l;
	if (!funds_heading_and_ledger(r, c, &l))
		return;
	balances(r, &l, on);
	ledger_table(r, c, &l, on, edit);
	fund_ledger_free(&l);
	if (edit)
		entry_form(r, c);
}

/* A term of a list of facts, its value to follow (a <dd> ends at the next
 * <dt>, or at the </dl>). */
static void fact(struct req *r, const char *vi, const char *en)
{
	html_f(r, "<dt>%s</dt><dd>", tr(r, vi, en));
}

static void report_facts(struct req *r, const struct fund_report *p)
{
	html_lit(r, "<dl class=\"figures\">");
	figure(r, "Dư nợ", "Outstanding");
	money(r, p->portfolio.outstanding);
	figure_end(r);
	figure(r, "Số khoản đang vay", "Loans out");
	html_int(r, p->portfolio.loans);
	figure_end(r);
	figure(r, "Tỷ lệ thu hồi nợ gốc đến hạn", "Repayment rate");
	if (p->portfolio.due > 0)
		permille(r, p->portfolio.repayment_rate_permille);
	else
		html_text(r, tr(r, "— (chưa có nợ gốc đến hạn)", "— (no principal due yet)"));
	figure_end(r);
	figure(r, "Nợ quá hạn trên 30 ngày (PAR30)", "Portfolio at risk > 30 days (PAR30)");
	if (p->portfolio.outstanding > 0)
		permille(r, p->portfolio.par30_permille);
	else
		html_text(r, tr(r, "— (không có dư nợ)", "— (nothing outstanding)"));
	figure_end(r);
	figure(r, "Thành viên có vay từ đầu năm", "Members with a loan this year");
	html_int(r, p->borrowers);
	figure_end(r);
	figure(r, "Giải ngân từ đầu năm", "Disbursed this year");
	money(r, p->disbursed);
	figure_end(r);
	figure(r, "Vòng quay vốn từ đầu năm", "Loan rotation this year");
	rate(r, p->rotation_centi);
	html_text(r, tr(r, " lần", " times"));
	figure_end(r);
	html_f(r, "</dl><p><small>%s</small></p>",
	       tr(r,
	          "Vòng quay vốn = tiền gốc giải ngân trong kỳ ÷ (số dư quỹ tạo thu nhập đầu kỳ + "
	          "đóng góp và hỗ trợ nhận trong kỳ).",
	          "Loan rotation = principal disbursed in the period ÷ (the revolving fund's "
	          "opening balance + contributions and grants received in it)."));
}

static const char *const loan_heads[][2] = {
    {"Số", "No."},
    {"Thành viên", "Member"},
    {"Số tiền vay", "Principal"},
    {"Giải ngân", "Disbursed"},
    {"Trạng thái", "Status"},
    {"Số ngày quá hạn", "Days in arrears"},
    {"Dư nợ", "Outstanding"},
};

static void loan_row(struct req *r, const struct club *c, const struct fund_loan *l, struct date on)
{
	struct loan_state s;
	fund_loan_state(l, on, &s);
	bool bad = s.status == LOAN_IN_ARREARS || s.status == LOAN_WRITTEN_OFF;
	html_lit(r, "<tr>");
	td(r, loan_heads[0], NULL, true);
	loan_link(r, c, l->id);
	td(r, loan_heads[1], "lead", false);
	html_text(r, l->person_name);
	td(r, loan_heads[2], "num", false);
	money(r, l->terms.principal);
	td(r, loan_heads[3], NULL, false);
	html_day(r, l->terms.disbursed);
	td(r, loan_heads[4], bad ? "bad" : "ok", false);
	html_text(r, label_loan_status(loan_status_name(s.status), r->lang));
	td(r, loan_heads[5], "num", false);
	html_int(r, s.days_in_arrears);
	td(r, loan_heads[6], "num", false);
	money(r, s.outstanding);
	html_lit(r, "</span></td></tr>");
}

static void loans_table(struct req *r, const struct club *c, const struct fund_loans *ls,
                        struct date on)
{
	size_t shown = 0;
	html_table_open(r, "stack", loan_heads, 7, 1u << 2 | 1u << 5 | 1u << 6);
	for (size_t i = ls->n; i-- > 0 && shown < LOANS_SHOWN;) {
		if (date_cmp(ls->v[i].terms.disbursed, on) > 0)
			continue;
		loan_row(r, c, &ls->v[i], on);
		shown++;
	}
	newest_close(r, c, "loans", shown, LOANS_SHOWN,
	             tr(r, "Chưa có khoản vay nào.", "No loans yet."),
	             tr(r, "Chỉ hiện 50 khoản vay gần nhất. Danh sách đầy đủ: ",
	                "Only the newest 50 loans are shown. All of them: "));
}

/* Members on today's date: only they may borrow now. */
static void member_select(struct req *r, const struct club *c)
{
	struct member *v = NULL;
	size_t n = 0;
	char today[DATE_LEN], id[24], shown[320];
	const char *cur = typed(r, "loan", "person_id");
	date_format(date_today_vn(), today);
	html_f(r, "<label>%s<select name=\"person_id\">", tr(r, "Thành viên vay", "Borrower"));
	if (club_members(&r->x, c, &v, &n) == NCT_OK) {
		for (size_t i = 0; i < n; i++) {
			if (v[i].left_on[0] || strcmp(v[i].joined_on, today) > 0)
				continue;
			snprintf(id, sizeof id, "%lld", (long long)v[i].person.id);
			label_person_choice(&v[i].person, shown, sizeof shown);
			html_option(r, id, shown, cur && strcmp(cur, id) == 0);
		}
	}
	free(v);
	html_lit(r, "</select>");
	html_field_refusal(r, "person_id");
	html_lit(r, "</label>");
}

static void loan_form(struct req *r, const struct club *c)
{
	char today[DATE_LEN];
	const char *on = typed(r, "loan", "disbursed_on"), *term = typed(r, "loan", "term_months");
	const char *rt = typed(r, "loan", "rate");
	struct refusal kept;
	date_format(date_today_vn(), today);
	html_f(r, "<h3>%s</h3>",
	       tr(r, "Cho vay từ quỹ tạo thu nhập", "Lend from the revolving fund"));
	form_open(r, c, "card", "/loans", "loan", &kept);
	member_select(r, c);
	money_input(r, tr(r, "Số tiền vay (đồng)", "Principal (đồng)"), "principal", "loan", true);
	html_field(r, tr(r, "Ngày giải ngân", "Disbursed on"), "disbursed_on", "date",
	           on ? on : today, true);
	html_field(r, tr(r, "Thời hạn (tháng)", "Term (months)"), "term_months", "number",
	           term ? term : "12", true);
	select_codes(r, tr(r, "Kỳ trả nợ", "Repayments"), "frequency", loan_freqs, label_loan_freq,
	             "loan");
	html_field(
	    r, tr(r, "Lãi suất (%/năm, 0 nếu không lấy lãi)", "Interest (% a year, 0 for none)"),
	    "rate", "text", rt ? rt : "0", true);
	html_field(r, tr(r, "Mục đích vay", "Purpose"), "purpose", "text",
	           typed(r, "loan", "purpose"), true);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", typed(r, "loan", "note"), false);
	if (fund_may_override(&r->x, c))
		checkbox(
		    r,
		    tr(r, "Cho phép quỹ âm: cho vay vượt số dư quỹ (ghi rõ lý do ở ghi chú)",
		       "Allow the fund below zero: lend more than it holds (say why in the note)"),
		    "override", "loan");
	form_close(r, tr(r, "Giải ngân", "Disburse"), NULL, &kept);
}

void club_loan_section(struct req *r, const struct club *c, bool edit, struct date on)
{
	struct fund_report rep;
	struct fund_loans ls;
	html_f(r, "<h2 id=\"cho-vay\">%s</h2>", tr(r, "Cho vay", "Loans"));
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

/* A link to the club's funds page (anchor "" or "#cho-vay"). */
static void funds_link(struct req *r, const struct club *c, const char *anchor, const char *vi,
                       const char *en)
{
	html_lit(r, "<p><a class=\"more\" href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "/funds%s\">%s →</a></p>", anchor, tr(r, vi, en));
}

void club_funds_summary(struct req *r, const struct club *c, struct date on)
{
	struct fund_ledger l;
	struct fund_report rep;
	if (!funds_heading_and_ledger(r, c, &l))
		return;
	balances(r, &l, on);
	fund_ledger_free(&l);
	funds_link(r, c, "", "Sổ quỹ và ghi khoản mới", "The ledger, and a new entry");
	html_f(r, "<h2 id=\"cho-vay\">%s</h2>", tr(r, "Cho vay", "Loans"));
	if (fund_report(&r->x, c->id, (struct date){on.y, 1, 1}, on, &rep) != NCT_OK) {
		html_notice(r, "error",
		            tr(r, "Không đọc được các khoản vay.", "The loans could not be read."));
		return;
	}
	html_lit(r, "<dl class=\"figures\">");
	figure(r, "Dư nợ", "Outstanding");
	money(r, rep.portfolio.outstanding);
	figure_end(r);
	figure(r, "Số khoản đang vay", "Loans out");
	html_int(r, rep.portfolio.loans);
	figure_end(r);
	figure(r, "Tỷ lệ thu hồi nợ gốc đến hạn", "Repayment rate");
	if (rep.portfolio.due > 0)
		permille(r, rep.portfolio.repayment_rate_permille);
	else
		html_text(r, tr(r, "— (chưa có nợ gốc đến hạn)", "— (no principal due yet)"));
	figure_end(r);
	html_lit(r, "</dl>");
	funds_link(r, c, "#cho-vay", "Các khoản vay và cho vay mới", "The loans, and a new loan");
}

/* The beginning of the funds page and of a loan's: the way back to the club,
 * a refused form's refusal, and the date the page is as of. */
static void page_top(struct req *r, const struct club *c, const char *anchor, struct date on,
                     const char *title)
{
	char d[DATE_LEN];
	date_format(on, d);
	page_begin(r, title);
	html_lit(r, "<p class=\"crumbs\"><a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "%s\">← %s</a></p>", anchor, c->name);
	html_refusal(r);
	html_day_form(r, d);
}

static void funds_page(struct req *r, const struct club *c, struct date on)
{
	char title[TEXT_BYTES(CLUB_NAME_MAX) + 64];
	bool edit = access_club(&r->x, c, ACCESS_CHANGE) == NCT_OK;
	snprintf(title, sizeof title, "%s · %s", tr(r, "Quỹ và cho vay", "Funds and loans"),
	         c->name);
	page_top(r, c, "", on, title);
	club_fund_section(r, c, edit, on);
	club_loan_section(r, c, edit, on);
	page_end(r);
}

/* The date a page is as of (?date=, default today), and its club; false when
 * either was answered with a refusal. */
static bool page_of(struct req *r, struct date *on, struct club *c)
{
	if (!req_date(r, on)) {
		resp_refuse(r, NCT_ERR_INVALID, RF_DATE_FORMAT, "date");
		return false;
	}
	return route_club(r, date_today_vn(), c);
}

void page_funds(struct req *r)
{
	struct date on;
	struct club c;
	if (page_of(r, &on, &c))
		funds_page(r, &c, on);
}

/* After a form on the club's funds: on to the loan made or back to where the
 * form was; a refusal of the input shows the funds page again with it. */
static void after_fund_post(struct req *r, const struct club *c, nct_err e, int64_t loan_id,
                            const char *anchor)
{
	const char *next = req_arg(r, "next");
	if (e) {
		if (resp_form_refused(r, e,
		                      e == NCT_ERR_INVALID || e == NCT_ERR_NOTFOUND ||
		                          e == NCT_ERR_CONFLICT))
			funds_page(r, c, date_today_vn());
		return;
	}
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
	int64_t id = 0;
	if (route_club(r, date_today_vn(), &c))
		after_fund_post(r, &c, fund_change_entry(r, &c, &id), 0, "#quy");
}

static void reverse_facts(struct req *r, const struct fund_reversal_preview *p)
{
	html_lit(r, "<dl class=\"facts\">");
	fact(r, "Khoản", "Entry");
	html_f(r, "#%lld, ", (long long)p->entry.id);
	html_text(r, label_entry_kind(entry_kind_name(p->entry.kind), r->lang));
	fact(r, "Ngày", "Date");
	html_day(r, p->entry.on);
	fact(r, "Quỹ", "Fund");
	html_text(r, label_fund(fund_name(p->entry.fund), r->lang));
	fact(r, "Số tiền", "Amount");
	money(r, p->entry.amount);
	fact(r, "Ghi chú", "Note");
	html_text(r, p->info.note[0] ? p->info.note : "—");
	fact(r, "Bút toán điều chỉnh", "The correction");
	money(r, -p->entry.amount);
	fact(r, "Số dư quỹ hôm nay", "The fund today");
	money(r, p->balance_now);
	fact(r, "Số dư sau điều chỉnh", "After the correction");
	if (p->balance_after < 0)
		html_lit(r, "<strong class=\"bad\">");
	money(r, p->balance_after);
	if (p->balance_after < 0)
		html_lit(r, "</strong>");
	html_lit(r, "</dd></dl>");
}

/* The step that asks to confirm a correction (GET, and a refused POST shown
 * again): the entry, what its fund holds before and after, the reason
 * (required), the date, and "cho phép quỹ âm" when the correction takes the
 * fund below zero and x may allow it (fund_may_override). */
static void reverse_page(struct req *r, const struct club *c, int64_t entry_id)
{
	struct fund_reversal_preview p;
	struct refusal why = {0}, kept;
	char title[TEXT_BYTES(CLUB_NAME_MAX) + 64], path[64], today[DATE_LEN];
	nct_err e = fund_reversal_preview(&r->x, c, entry_id, &p, &why);
	if (e) {
		r->rf = why;
		resp_refusal(r, e, &r->rf);
		return;
	}
	const char *on = typed(r, "reverse", "on");
	date_format(date_today_vn(), today);
	snprintf(title, sizeof title, "%s #%lld · %s", tr(r, "Điều chỉnh khoản", "Reverse entry"),
	         (long long)entry_id, c->name);
	page_begin(r, title);
	html_lit(r, "<p class=\"crumbs\"><a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "/funds#quy\">← %s · %s</a></p>", tr(r, "Quỹ và cho vay", "Funds and loans"),
	       c->name);
	html_refusal(r);
	html_lit(r, "<p>");
	html_text(
	    r, tr(r,
	          "Điều chỉnh ghi vào sổ quỹ một bút toán ngược với khoản dưới đây; khoản cũ vẫn "
	          "được giữ và mỗi khoản chỉ điều chỉnh một lần. Hãy kiểm tra lại rồi xác nhận.",
	          "A correction records the opposite of the entry below; the entry itself is "
	          "kept, and an entry is reversed once. Check it, then confirm."));
	html_lit(r, "</p>");
	reverse_facts(r, &p);
	if (p.needs_override && !p.may_override)
		html_notice(
		    r, "error",
		    tr(r,
		       "Điều chỉnh này làm quỹ xuống dưới 0 đ. Chỉ cán bộ xã, huyện, tỉnh hoặc "
		       "quản trị viên được cho phép quỹ âm: hãy nhờ cán bộ xã điều chỉnh khoản "
		       "này.",
		       "This correction takes the fund below 0 đ. Only commune, district or "
		       "province officers and administrators may allow that: ask a commune "
		       "officer to reverse this entry."));
	snprintf(path, sizeof path, "/ledger/%lld/reverse", (long long)entry_id);
	form_open(r, c, "card", path, "reverse", &kept);
	html_field(r, tr(r, "Lý do điều chỉnh", "Why it is reversed"), "note", "text",
	           typed(r, "reverse", "note"), true);
	html_field(r, tr(r, "Ngày điều chỉnh", "Reversed on"), "on", "date", on ? on : today, true);
	if (p.needs_override && p.may_override)
		checkbox(r,
		         tr(r, "Cho phép quỹ âm (số dư xuống dưới 0 đ; được ghi vào nhật ký)",
		            "Allow the fund below zero (recorded in the audit log)"),
		         "override", "reverse");
	html_f(r, "<p class=\"actions\"><button>%s</button> <a href=\"/clubs/",
	       tr(r, "Xác nhận điều chỉnh", "Confirm the correction"));
	html_urlpart(r, c->code);
	html_f(r, "/funds#quy\">%s</a></p></form>", tr(r, "Hủy", "Cancel"));
	r->rf = kept;
	page_end(r);
}

void page_ledger_reverse_form(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		reverse_page(r, &c, fund_route_id(r));
}

void page_ledger_reverse(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_change_reversal(r, &c, fund_route_id(r), &id);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		reverse_page(r, &c, fund_route_id(r));
		return;
	}
	after_fund_post(r, &c, e, 0, "#quy");
}

void page_loan_add(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e = fund_change_loan(r, &c, &id);
	after_fund_post(r, &c, e, id, e ? "#cho-vay" : "");
}

static void loan_facts(struct req *r, const struct fund_loan *l, const struct loan_state *s)
{
	html_lit(r, "<dl class=\"facts\">");
	fact(r, "Thành viên vay", "Borrower");
	html_text(r, l->person_name);
	fact(r, "Số tiền vay", "Principal");
	money(r, l->terms.principal);
	fact(r, "Giải ngân", "Disbursed");
	html_day(r, l->terms.disbursed);
	fact(r, "Thời hạn, kỳ trả", "Term, repayments");
	html_int(r, l->terms.term_months);
	html_text(r, tr(r, " tháng, trả ", " months, "));
	html_text(r, label_loan_freq(loan_freq_name(l->terms.freq), r->lang));
	fact(r, "Lãi suất", "Interest");
	rate(r, l->terms.rate_bp);
	html_text(r, tr(r, " %/năm", " % a year"));
	fact(r, "Mục đích", "Purpose");
	html_text(r, l->purpose);
	fact(r, "Trạng thái", "Status");
	html_text(r, label_loan_status(loan_status_name(s->status), r->lang));
	if (l->written_off) {
		html_text(r, tr(r, " từ ", " since "));
		html_day(r, l->written_off_on);
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

/* A date and two amounts, a row of the schedule or of the repayments. */
static void money_row(struct req *r, int64_t no, struct date d, int64_t a, int64_t b)
{
	html_lit(r, "<tr><td>");
	if (no) {
		html_int(r, no);
		cell(r, false);
	}
	html_day(r, d);
	cell(r, true);
	money(r, a);
	cell(r, true);
	money(r, b);
	html_lit(r, "</td></tr>");
}

static void schedule_table(struct req *r, const struct fund_loan *l)
{
	static const char *const heads[][2] = {
	    {"Kỳ", "No."}, {"Ngày đến hạn", "Due"}, {"Gốc", "Principal"}, {"Lãi", "Interest"}};
	struct installment v[LOAN_MAX_INSTALLMENTS];
	size_t n;
	fund_loan_schedule(l, v, &n);
	html_f(r, "<h2>%s</h2>", tr(r, "Lịch trả nợ", "Schedule"));
	html_table_open(r, NULL, heads, 4, 1u << 2 | 1u << 3);
	for (size_t i = 0; i < n; i++)
		money_row(r, (int64_t)i + 1, v[i].due, v[i].principal, v[i].interest);
	html_table_close(r);
}

static void repayments_table(struct req *r, const struct fund_loan *l)
{
	static const char *const heads[][2] = {
	    {"Ngày", "Date"}, {"Gốc", "Principal"}, {"Lãi", "Interest"}};
	html_f(r, "<h2>%s</h2>", tr(r, "Các lần trả nợ", "Repayments"));
	if (!l->nrep) {
		html_notice(r, "ok", tr(r, "Chưa trả lần nào.", "Nothing repaid yet."));
		return;
	}
	html_table_open(r, NULL, heads, 3, 1u << 1 | 1u << 2);
	for (size_t i = 0; i < l->nrep; i++)
		money_row(r, 0, l->rep[i].on, l->rep[i].principal, l->rep[i].interest);
	html_table_close(r);
}

static void loan_forms(struct req *r, const struct club *c, const struct fund_loan *l)
{
	char today[DATE_LEN], path[64];
	const char *on = typed(r, "repay", "on"), *off = typed(r, "writeoff", "on");
	struct refusal kept;
	date_format(date_today_vn(), today);
	snprintf(path, sizeof path, "/loans/%lld/repayments", (long long)l->id);
	html_f(r, "<h3>%s</h3>", tr(r, "Ghi trả nợ", "Record a repayment"));
	form_open(r, c, "card", path, "repay", &kept);
	html_field(r, tr(r, "Ngày trả", "Paid on"), "on", "date", on ? on : today, true);
	money_input(r, tr(r, "Trả gốc (đồng)", "Principal (đồng)"), "principal", "repay", false);
	money_input(r, tr(r, "Trả lãi (đồng)", "Interest (đồng)"), "interest", "repay", false);
	form_close(r, tr(r, "Ghi trả nợ", "Record"), NULL, &kept);
	html_f(r, "<h3>%s</h3>", tr(r, "Xóa nợ", "Write off"));
	snprintf(path, sizeof path, "/loans/%lld/write-off", (long long)l->id);
	form_open(r, c, "card", path, "writeoff", &kept);
	html_field(r, tr(r, "Ngày xóa nợ", "Written off on"), "on", "date", off ? off : today,
	           true);
	html_field(r, tr(r, "Lý do", "Reason"), "note", "text", typed(r, "writeoff", "note"), true);
	form_close(r, tr(r, "Xóa nợ", "Write off"), NULL, &kept);
}

static void loan_page(struct req *r, const struct club *c, struct date on)
{
	struct fund_loans ls;
	struct loan_state s;
	char title[TEXT_BYTES(CLUB_NAME_MAX) + 64];
	int64_t id = fund_route_id(r);
	nct_err e = id ? fund_loans_load(&r->x, c->id, id, &ls) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		refuse(&r->rf, e, RF_NO_SUCH_LOAN, NULL, "i", id);
	if (resp_refused(r, e))
		return;
	const struct fund_loan *l = &ls.v[0];
	fund_loan_state(l, on, &s);
	snprintf(title, sizeof title, "%s #%lld · %s", tr(r, "Khoản vay", "Loan"), (long long)l->id,
	         l->person_name);
	page_top(r, c, "#cho-vay", on, title);
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
	if (page_of(r, &on, &c))
		loan_page(r, &c, on);
}

/* After a form on a loan: its page again with the refusal, or as
 * after_fund_post. */
static void after_loan_post(struct req *r, const struct club *c, nct_err e)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		loan_page(r, c, date_today_vn());
		return;
	}
	after_fund_post(r, c, e, fund_route_id(r), "");
}

void page_loan_repay(struct req *r)
{
	struct club c;
	int64_t id = 0;
	if (route_club(r, date_today_vn(), &c))
		after_loan_post(r, &c, fund_change_repayment(r, &c, fund_route_id(r), &id));
}

void page_loan_write_off(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		after_loan_post(r, &c, fund_change_write_off(r, &c, fund_route_id(r)));
}

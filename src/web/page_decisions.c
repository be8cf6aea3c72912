/* page_decisions.c - monthly allowances on the pages: a person's entitlement
 * today with its "why", their decisions and the form that records one (grant,
 * adjust, stop), and the admins' page of the rules and levels in force on a
 * date with the forms that add a dated level or rule. The same domain calls
 * as the API (api_entitlements.c): the reads of sensitive data are audited
 * there, the writes checked and audited there. */
#include "page_decisions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/decision.h"
#include "../domain/entitlement.h"
#include "api_entitlements.h"
#include "html.h"
#include "../export/fund_words.h"
#include "lookup.h"
#include "notice.h"
#include "page_persons.h"

static const char *word_of(const char *code, const char *lang, const struct word *w, size_t n)
{
	return word_find(w, n, code, lang && strcmp(lang, "en") == 0);
}

static const char *action_word(const char *code, const char *lang)
{
	static const struct word w[] = {{"grant", "Hưởng mới", "Grant"},
	                                {"adjust", "Điều chỉnh", "Adjust"},
	                                {"stop", "Thôi hưởng", "Stop"}};
	return word_of(code, lang, w, sizeof w / sizeof w[0]);
}

static const char *channel_word(const char *code, const char *lang)
{
	static const struct word w[] = {{"post", "Qua bưu điện", "Post office"},
	                                {"cash", "Tiền mặt", "Cash"}};
	return word_of(code, lang, w, sizeof w / sizeof w[0]);
}

/* The codes of the rules' kinds, bases and conditions in words. */
static const char *rule_word(const char *code, const char *lang)
{
	static const struct word w[] = {
	    {"standard_level", "Mức chuẩn trợ giúp xã hội", "Standard social-assistance level"},
	    {"social_pension_amount", "Mức trợ cấp hưu trí xã hội", "Social pension amount"},
	    {"social_pension_topup", "Hỗ trợ thêm trợ cấp hưu trí xã hội của tỉnh",
	     "A province's top-up of the social pension"},
	    {"social_allowance", "Trợ cấp xã hội hằng tháng", "Monthly social allowance"},
	    {"social_pension", "Trợ cấp hưu trí xã hội", "Social pension"},
	    {"combination", "Hưởng một mức cao nhất", "Only the highest is paid"},
	    {"any", "Không xét", "Any"},
	    {"poor", "Hộ nghèo", "Poor household"},
	    {"poor_or_near_poor", "Hộ nghèo hoặc cận nghèo", "Poor or near-poor household"},
	    {"none", "Không có", "None"},
	    {"none_or_on_allowance", "Không có, hoặc người phụng dưỡng đang hưởng trợ cấp",
	     "None, or the supporter is on an allowance"},
	    {"none_or_below_amount", "Không có, hoặc thấp hơn mức trợ cấp hưu trí xã hội",
	     "None, or below the social pension"},
	    {"severe", "Khuyết tật nặng", "Severe"},
	    {"extremely_severe", "Khuyết tật đặc biệt nặng", "Extremely severe"},
	    {"yes", "Có", "Yes"}};
	return word_of(code, lang, w, sizeof w / sizeof w[0]);
}

static void money_text(struct req *r, int64_t v)
{
	html_count(r, v);
	html_text(r, " đ");
}

/* "2026-03" as "03/2026". */
static void month_text(struct req *r, const char *m)
{
	char s[16];
	if (strlen(m) == 7) {
		snprintf(s, sizeof s, "%.2s/%.4s", m + 5, m);
		html_text(r, s);
	} else {
		html_text(r, m);
	}
}

static void cell(struct req *r, const char *vi, const char *en_)
{
	html_lit(r, "<td data-label=\"");
	html_attr(r, tr(r, vi, en_));
	html_lit(r, "\">");
}

/* A whole cell of text, or of a date dd/mm/yyyy. */
static void text_cell(struct req *r, const char *vi, const char *en_, const char *text)
{
	cell(r, vi, en_);
	html_text(r, text);
	html_lit(r, "</td>");
}

static void date_cell(struct req *r, const char *vi, const char *en_, const char *iso)
{
	cell(r, vi, en_);
	html_date(r, iso);
	html_lit(r, "</td>");
}

/* ---- the person page ------------------------------------------------------- */

/* Today's entitlement: what applies and why, and what else they qualify for.
 * The rule codes they qualify for go into codes (for the form's choice). */
static void entitlement_today(struct req *r, const struct person *p, const struct rulebook *rb)
{
	struct ent_input in;
	struct entitlement ent;
	struct refusal rf = {0};
	char why[1024];
	struct date today = date_today_vn();
	if (entitlement_input(&r->x, p->id, today, &in, &rf))
		return;
	entitlement_eval(rb, &in, today, &ent);
	html_lit(r, "<p class=\"entitlement\">");
	if (ent.applies >= 0) {
		const struct allowance *a = &ent.eligible[ent.applies];
		entitlement_why(a, &in, r->lang, why, sizeof why);
		html_text(r, tr(r, "Hôm nay được hưởng ", "Owed today: "));
		html_lit(r, "<strong>");
		money_text(r, a->amount);
		html_text(r, tr(r, "/tháng", " a month"));
		html_lit(r, "</strong> (");
		html_text(r, a->rule->code);
		html_lit(r, "): ");
		html_text(r, why);
		if (a->rule->requires_application)
			html_text(
			    r, tr(r, " — cần có đơn đề nghị.", " — needs a written application."));
	} else if (ent.dead) {
		html_text(
		    r, tr(r, "Đã mất: không còn được hưởng trợ cấp.", "Died: owed no allowance."));
	} else {
		html_text(r, tr(r,
		                "Hôm nay không đủ điều kiện hưởng trợ cấp hằng tháng nào "
		                "(theo những thông tin đã ghi).",
		                "Owed no monthly allowance today (by what is recorded)."));
	}
	html_lit(r, "</p>");
	if (ent.n > 1) {
		html_lit(r, "<p>");
		html_text(r, tr(r, "Cũng đủ điều kiện (chỉ hưởng một mức cao nhất): ",
		                "Also qualifies for (only the highest is paid): "));
		bool first = true;
		for (size_t i = 0; i < ent.n; i++) {
			if ((int)i == ent.applies)
				continue;
			if (!first)
				html_text(r, "; ");
			first = false;
			html_text(r, ent.eligible[i].rule->code);
			html_text(r, " ");
			money_text(r, ent.eligible[i].amount);
		}
		html_lit(r, "</p>");
	}
}

static void decisions_table(struct req *r, const struct decision *v, size_t n)
{
	static const char *const heads[][2] = {
	    {"Số quyết định", "Number"}, {"Ngày ký", "Signed on"},
	    {"Người ký", "Signed by"},   {"Loại", "Kind"},
	    {"Chế độ", "Allowance"},     {"Số tiền/tháng", "A month"},
	    {"Từ tháng", "From month"},  {"Hình thức", "Paid through"},
	    {"Lý do", "Reason"}};
	if (!n) {
		html_lit(r, "<p>");
		html_text(r, tr(r, "Chưa có quyết định nào.", "No decision recorded."));
		html_lit(r, "</p>");
		return;
	}
	html_table_open(r, "stack", heads, sizeof heads / sizeof heads[0], 1u << 5);
	for (size_t i = 0; i < n; i++) {
		const struct decision *d = &v[i];
		html_lit(r, "<tr><th scope=\"row\">");
		html_text(r, d->number);
		html_lit(r, "</th>");
		date_cell(r, "Ngày ký", "Signed on", d->signed_on);
		cell(r, "Người ký", "Signed by");
		html_text(r, d->signer);
		html_text(r, " (");
		html_text(r, d->signer_place_name);
		html_lit(r, ")</td>");
		text_cell(r, "Loại", "Kind", action_word(d->action, r->lang));
		cell(r, "Chế độ", "Allowance");
		html_text(r, d->rule_code);
		html_lit(r, "</td><td class=\"num\" data-label=\"");
		html_attr(r, tr(r, "Số tiền/tháng", "A month"));
		html_lit(r, "\">");
		if (d->rule_code[0])
			money_text(r, d->amount);
		html_lit(r, "</td>");
		cell(r, "Từ tháng", "From month");
		month_text(r, d->month);
		html_lit(r, "</td>");
		if (d->channel[0])
			cell(r, "Hình thức", "Paid through");
		else
			html_lit(r, "<td class=\"empty\">");
		html_text(r, d->channel[0] ? channel_word(d->channel, r->lang) : "");
		html_lit(r, "</td>");
		if (d->reason[0])
			cell(r, "Lý do", "Reason");
		else
			html_lit(r, "<td class=\"empty\">");
		html_text(r, d->reason);
		html_lit(r, "</td></tr>");
	}
	html_table_close(r);
}

/* The allowances a decision may name: the rules (not the combinations) in
 * force today, once each code. */
static const struct allowance_rule **rules_in_force(const struct rulebook *rb, size_t *n)
{
	char day[DATE_LEN];
	date_format(date_today_vn(), day);
	const struct allowance_rule **v = calloc(rb->nrules + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; v && i < rb->nrules; i++) {
		const struct allowance_rule *u = &rb->rules[i];
		if (strcmp(u->kind, "combination") == 0 ||
		    !rule_in_force(u->valid_from, u->valid_to, day))
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = strcmp(v[k]->code, u->code) == 0;
		if (!seen)
			v[(*n)++] = u;
	}
	return v;
}

/* Appends ", " and s (its first letter small: "Hộ nghèo" reads "hộ nghèo"). */
static void name_part(char *out, size_t cap, const char *s)
{
	size_t len = strlen(out);
	if (len + 2 + strlen(s) >= cap)
		return;
	snprintf(out + len, cap - len, "%s%c%s", len ? ", " : "",
	         s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] - 'A' + 'a') : s[0], s + 1);
}

/* The allowance as people name it, from the rule's data: its kind, then the
 * conditions that set it apart, the age band and the coefficient
 * ("Trợ cấp xã hội hằng tháng: hộ nghèo, từ đủ 60 đến dưới 80 tuổi, hệ số 1,5"). */
static void rule_name(const struct allowance_rule *u, const char *lang, char *out, size_t cap)
{
	bool en = lang && strcmp(lang, "en") == 0;
	char part[96] = "", c[16];
	out[0] = '\0';
	if (strcmp(u->poverty, "any") != 0)
		name_part(part, sizeof part, rule_word(u->poverty, lang));
	if (strcmp(u->disability, "any") != 0)
		name_part(part, sizeof part, rule_word(u->disability, lang));
	if (strcmp(u->pension, "any") != 0)
		name_part(part, sizeof part, en ? "No pension" : "Không có lương hưu");
	if (strcmp(u->especially_difficult, "yes") == 0)
		name_part(part, sizeof part,
		          en ? "A commune of special difficulties" : "Xã đặc biệt khó khăn");
	if (strcmp(u->community_care, "yes") == 0)
		name_part(part, sizeof part,
		          en ? "Cared for in the community" : "Sống tại cộng đồng");
	char age[64] = "";
	if (u->age_from >= 0 && u->age_to >= 0)
		snprintf(age, sizeof age, en ? "Aged %d to under %d" : "Từ đủ %d đến dưới %d tuổi",
		         u->age_from, u->age_to);
	else if (u->age_from >= 0)
		snprintf(age, sizeof age, en ? "Aged %d or more" : "Từ đủ %d tuổi", u->age_from);
	if (age[0])
		name_part(part, sizeof part, age);
	if (strcmp(u->base, "standard_level") == 0) {
		char k[32];
		coefficient_text(u->coefficient, lang, c);
		snprintf(k, sizeof k, en ? "Coefficient %s" : "Hệ số %s", c);
		name_part(part, sizeof part, k);
	}
	snprintf(out, cap, "%s%s%s", rule_word(u->kind, lang), part[0] ? ": " : "", part);
}

static void decision_form(struct req *r, const struct person *p, const struct rulebook *rb,
                          bool mine)
{
	char action[64], today[DATE_LEN], month[16];
	struct date t = date_today_vn();
	date_format_vn(t, today);
	snprintf(month, sizeof month, "%02d/%04d", t.m, t.y);
	snprintf(action, sizeof action, "/persons/%lld/decisions", (long long)p->id);
	/* a work-list line opens the form with the allowance it found (?rule=) */
	const char *want_rule = req_arg(r, "rule"), *want_action = req_arg(r, "action");
	html_lit(r, "<h3 id=\"decision-form\">");
	html_text(r, tr(r, "Ghi quyết định", "Record a decision"));
	html_lit(r, "</h3>");
	if (mine)
		html_refusal(r);
	html_form_post(r, action, "card", NULL);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Loại quyết định", "Kind of decision"));
	html_select(r, "action", decision_actions, action_word,
	            want_action && want_action[0] ? want_action : "grant", NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Số quyết định", "Decision number"), "number", "text", "", true);
	html_field(r, tr(r, "Ngày ký", "Signed on"), "signed_on", "date", today, true);
	html_field(r, tr(r, "Người ký (họ tên)", "Signed by (name)"), "signer", "text", "", true);
	size_t nrules = 0;
	const struct allowance_rule **rules = rules_in_force(rb, &nrules);
	const char *cur = html_kept(r, "rule", want_rule);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Chế độ trợ cấp (hưởng mới, điều chỉnh)", "Allowance (grant, adjust)"));
	html_lit(r, "<select name=\"rule\">"); /* the name shown, the rule's code sent */
	html_option(r, "", "—", false);
	for (size_t i = 0; i < nrules; i++) {
		char name[256];
		rule_name(rules[i], r->lang, name, sizeof name);
		html_option(r, rules[i]->code, name, cur && strcmp(cur, rules[i]->code) == 0);
	}
	html_lit(r, "</select>");
	html_field_refusal(r, "rule");
	html_lit(r, "</label>");
	free(rules);
	html_field(r,
	           tr(r, "Tháng bắt đầu chi trả, hoặc tháng thôi chi trả (mm/yyyy)",
	              "Month payment starts, or the first month not paid (mm/yyyy)"),
	           "month", "text", month, true);
	html_lit(r, "<label>");
	html_text(
	    r, tr(r, "Hình thức chi trả (hưởng mới, điều chỉnh)", "Paid through (grant, adjust)"));
	html_select(r, "channel", payment_channels, channel_word, "post", NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Lý do (bắt buộc khi thôi hưởng)", "Reason (required to stop)"),
	           "reason", "text", "", false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Ghi quyết định", "Record the decision"));
	html_lit(r, "</button>");
	html_form_end(r);
}

void person_allowance_section(struct req *r, const struct person *p, char which)
{
	struct decision *v = NULL;
	struct rulebook rb;
	size_t n = 0;
	if (!access_sensitive(&r->x))
		return;
	struct refusal rf = {0};
	if (decision_list(&r->x, p->id, &v, &n, &rf))
		return;
	if (rulebook_load(&r->x, &rb)) {
		free(v);
		return;
	}
	html_lit(r, "<h2 id=\"allowance\">");
	html_text(r, tr(r, "Trợ cấp hằng tháng (dữ liệu nhạy cảm, mỗi lần xem được ghi nhật ký)",
	                "Monthly allowance (sensitive data, every view is logged)"));
	html_lit(r, "</h2>");
	entitlement_today(r, p, &rb);
	html_lit(r, "<h3>");
	html_text(r, tr(r, "Quyết định", "Decisions"));
	html_lit(r, "</h3>");
	decisions_table(r, v, n);
	free(v);
	if (person_may(r, p, ACCESS_CHANGE))
		decision_form(r, p, &rb, which == 'd');
	rulebook_free(&rb);
}

void page_person_decision(struct req *r)
{
	struct person p;
	int64_t id = 0;
	if (!route_person(r, &p))
		return;
	struct decision_new in = {req_arg(r, "action"),    req_arg(r, "number"),
	                          req_arg(r, "signed_on"), req_arg(r, "signer"),
	                          req_arg(r, "rule"),      req_arg(r, "month"),
	                          req_arg(r, "channel"),   req_arg(r, "reason")};
	nct_err e = decision_add(&r->x, p.id, &in, &id, &r->rf);
	if (e)
		person_page_refused(r, e, &p, 'd');
	else
		person_page_saved(r, p.id, "#allowance",
		                  in.number && in.number[0] ? in.number
		                                            : tr(r, "quyết định", "decision"));
}

/* ---- the rules page (admins) ------------------------------------------------- */

static void rules_tables(struct req *r, const struct rulebook *rb, const char *day)
{
	static const char *const lheads[][2] = {
	    {"Loại mức", "Kind"},         {"Phạm vi", "Scope"},
	    {"Từ ngày", "From"},          {"Đến hết ngày", "To"},
	    {"Số tiền/tháng", "A month"}, {"Căn cứ pháp lý", "Legal basis"}};
	static const char *const rheads[][2] = {{"Mã", "Code"},
	                                        {"Loại", "Kind"},
	                                        {"Từ ngày", "From"},
	                                        {"Đến hết ngày", "To"},
	                                        {"Hệ số × mức", "Coefficient × base"},
	                                        {"Tuổi", "Ages"},
	                                        {"Điều kiện", "Conditions"},
	                                        {"Căn cứ pháp lý", "Legal basis"}};
	char c[16];
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Mức chuẩn, mức trợ cấp đang áp dụng", "Amounts in force"));
	html_lit(r, "</h2>");
	html_table_open(r, "stack", lheads, sizeof lheads / sizeof lheads[0], 1u << 4);
	for (size_t i = 0; i < rb->nlevels; i++) {
		const struct assistance_level *l = &rb->levels[i];
		if (!rule_in_force(l->valid_from, l->valid_to, day))
			continue;
		html_lit(r, "<tr><th scope=\"row\">");
		html_text(r, rule_word(l->kind, r->lang));
		html_lit(r, "</th>");
		text_cell(r, "Phạm vi", "Scope", l->scope);
		date_cell(r, "Từ ngày", "From", l->valid_from);
		cell(r, "Đến hết ngày", "To");
		html_date(r, l->valid_to);
		html_f(r, "</td><td class=\"num\" data-label=\"%s\">",
		       tr(r, "Số tiền/tháng", "A month"));
		money_text(r, l->amount);
		html_lit(r, "</td>");
		cell(r, "Căn cứ pháp lý", "Legal basis");
		html_f(r, "%s</td></tr>", l->legal_basis);
	}
	html_table_close(r);
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Chế độ trợ cấp đang áp dụng", "Allowance rules in force"));
	html_lit(r, "</h2>");
	html_table_open(r, "stack", rheads, sizeof rheads / sizeof rheads[0], 0);
	for (size_t i = 0; i < rb->nrules; i++) {
		const struct allowance_rule *u = &rb->rules[i];
		if (!rule_in_force(u->valid_from, u->valid_to, day))
			continue;
		html_lit(r, "<tr><th scope=\"row\">");
		html_text(r, u->code);
		html_lit(r, "</th>");
		text_cell(r, "Loại", "Kind", rule_word(u->kind, r->lang));
		date_cell(r, "Từ ngày", "From", u->valid_from);
		date_cell(r, "Đến hết ngày", "To", u->valid_to);
		cell(r, "Hệ số × mức", "Coefficient × base");
		if (u->base[0]) {
			coefficient_text(u->coefficient, r->lang, c);
			html_text(r, c);
			html_text(r, " × ");
			html_text(r, rule_word(u->base, r->lang));
		}
		html_lit(r, "</td>");
		cell(r, "Tuổi", "Ages");
		if (u->age_from >= 0) {
			html_text(r, tr(r, "từ ", "from "));
			html_int(r, u->age_from);
		}
		if (u->age_to >= 0) {
			html_text(r, tr(r, " đến dưới ", " below "));
			html_int(r, u->age_to);
		}
		html_lit(r, "</td>");
		cell(r, "Điều kiện", "Conditions");
		const char *const cond[][3] = {
		    {"hộ nghèo", "poverty", u->poverty},
		    {"người phụng dưỡng", "supporter", u->supporter},
		    {"lương hưu", "pension", u->pension},
		    {"khuyết tật", "disability", u->disability},
		    {"xã, thôn đặc biệt khó khăn", "especially difficult commune",
		     u->especially_difficult},
		    {"chăm sóc tại cộng đồng", "community care", u->community_care}};
		bool first = true;
		for (size_t k = 0; k < sizeof cond / sizeof cond[0]; k++) {
			if (strcmp(cond[k][2], "any") == 0 || !cond[k][2][0])
				continue;
			if (!first)
				html_text(r, ", ");
			first = false;
			html_text(r, tr(r, cond[k][0], cond[k][1]));
			html_text(r, ": ");
			html_text(r, rule_word(cond[k][2], r->lang));
		}
		if (u->requires_application)
			html_text(r, tr(r, " (cần đơn đề nghị)", " (needs an application)"));
		html_lit(r, "</td>");
		cell(r, "Căn cứ pháp lý", "Legal basis");
		html_text(r, u->legal_basis);
		html_lit(r, "</td></tr>");
	}
	html_table_close(r);
}

static void select_field(struct req *r, const char *label, const char *name,
                         const char *const *codes, const char *cur)
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_select(r, name, codes, rule_word, cur, NULL);
	html_lit(r, "</label>");
}

/* A form of the rules page: its heading (id), the refusal when the form came
 * back (mine), and the form posting to action. */
static void rules_form_open(struct req *r, const char *id, const char *title, bool mine,
                            const char *action)
{
	html_f(r, "<h2 id=\"%s\">%s</h2>", id, title);
	if (mine)
		html_refusal(r);
	html_form_post(r, action, "card", NULL);
}

static void level_form(struct req *r, bool mine)
{
	rules_form_open(r, "level-form",
	                tr(r, "Thêm mức mới (có ngày hiệu lực)", "Add a dated amount"), mine,
	                "/rules/levels");
	select_field(r, tr(r, "Loại mức", "Kind"), "kind", level_kinds, "standard_level");
	html_field(r, tr(r, "Phạm vi (VN hoặc mã tỉnh)", "Scope (VN or a province code)"), "scope",
	           "text", "VN", true);
	html_field(r, tr(r, "Số tiền mỗi tháng (đồng)", "Amount a month (đồng)"), "amount", "text",
	           "", true);
	html_field(r, tr(r, "Áp dụng từ ngày", "In force from"), "valid_from", "date", "", true);
	html_field(r, tr(r, "Đến hết ngày (để trống: chưa hết)", "To (empty: open)"), "valid_to",
	           "date", "", false);
	html_field(r, tr(r, "Căn cứ pháp lý", "Legal basis"), "legal_basis", "text", "", true);
	html_field(r, tr(r, "Nguồn", "Source"), "source", "text", "", false);
	html_f(r, "<button>%s</button>", tr(r, "Thêm mức", "Add the amount"));
	html_form_end(r);
}

static void rule_form(struct req *r, bool mine)
{
	rules_form_open(
	    r, "rule-form",
	    tr(r, "Thêm chế độ trợ cấp (có ngày hiệu lực)", "Add a dated allowance rule"), mine,
	    "/rules/allowances");
	html_field(r, tr(r, "Mã (chữ in hoa, số, dấu _)", "Code (capitals, digits, _)"), "code",
	           "text", "", true);
	select_field(r, tr(r, "Loại", "Kind"), "kind", rule_kinds, "social_allowance");
	html_field(r, tr(r, "Áp dụng từ ngày", "In force from"), "valid_from", "date", "", true);
	html_field(r, tr(r, "Đến hết ngày (để trống: chưa hết)", "To (empty: open)"), "valid_to",
	           "date", "", false);
	select_field(r, tr(r, "Mức làm căn cứ", "Base amount"), "base", rule_bases,
	             "standard_level");
	html_field(r, tr(r, "Hệ số (1,5)", "Coefficient (1.5)"), "coefficient", "text", "", false);
	html_field(r, tr(r, "Tuổi từ (đủ)", "Age from"), "age_from", "text", "", false);
	html_field(r, tr(r, "Đến dưới tuổi", "Below the age of"), "age_to", "text", "", false);
	select_field(r, tr(r, "Hộ nghèo", "Poverty"), "poverty", rule_poverties, "any");
	select_field(r, tr(r, "Người phụng dưỡng", "Supporter"), "supporter", rule_supporters,
	             "any");
	select_field(r, tr(r, "Lương hưu", "Pension"), "pension", rule_pensions, "any");
	select_field(r, tr(r, "Khuyết tật", "Disability"), "disability", rule_disabilities, "any");
	select_field(r, tr(r, "Xã, thôn đặc biệt khó khăn", "Especially difficult commune"),
	             "especially_difficult", rule_any_yes, "any");
	select_field(r, tr(r, "Được chăm sóc tại cộng đồng", "Cared for in the community"),
	             "community_care", rule_any_yes, "any");
	html_check(r, tr(r, "Cần đơn đề nghị", "Needs a written application"),
	           "requires_application", "yes", false);
	html_field(r, tr(r, "Căn cứ pháp lý", "Legal basis"), "legal_basis", "text", "", true);
	html_field(r, tr(r, "Điều kiện khác", "Other conditions"), "other_conditions", "text", "",
	           false);
	html_field(r, tr(r, "Nguồn", "Source"), "source", "text", "", false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Thêm chế độ", "Add the rule"));
	html_lit(r, "</button>");
	html_form_end(r);
}

/* which: 'l' the level form came back refused, 'r' the rule form, 0 a view. */
static void rules_page(struct req *r, char which)
{
	struct rulebook rb;
	struct date on;
	char day[DATE_LEN], vn[DATE_LEN];
	const char *d = which ? NULL : req_arg(r, "date");
	if (d && d[0]) {
		if (date_parse_vn(d, &on)) {
			resp_refuse(r, NCT_ERR_INVALID, RF_DAY_FORMAT, "date");
			return;
		}
	} else {
		on = date_today_vn();
	}
	date_format(on, day);
	date_format_vn(on, vn);
	nct_err e = rulebook_load(&r->x, &rb);
	if (resp_failed(r, e))
		return;
	page_begin(r, tr(r, "Chế độ trợ cấp và mức chuẩn", "Allowance rules and amounts"));
	html_lit(r, "<form method=\"get\" action=\"/rules\" class=\"filters\">");
	html_input_open(r, tr(r, "Đang áp dụng vào ngày", "In force on"), "date", "date", vn);
	html_f(r, "></label><button>%s</button></form><p><small>%s</small></p>",
	       tr(r, "Xem", "Show"),
	       tr(r,
	          "Luật thay đổi thì thêm một dòng mới có ngày hiệu lực; dòng cũ giữ "
	          "nguyên để tính lại những tháng đã qua. Mỗi lần thêm được ghi nhật ký.",
	          "A change in law is a new dated row; old rows stay so past months "
	          "still add up. Every addition is logged."));
	rules_tables(r, &rb, day);
	rulebook_free(&rb);
	level_form(r, which == 'l');
	rule_form(r, which == 'r');
	page_end(r);
}

void page_rules(struct req *r)
{
	rules_page(r, 0);
}

static void rules_done(struct req *r, nct_err e, char which, const char *anchor, const char *saved)
{
	if (!e) {
		resp_redirect_notice(r, anchor, NOTICE_SAVED, saved);
		return;
	}
	if (resp_form_refused(r, e, e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT))
		rules_page(r, which);
}

void page_rule_level_add(struct req *r)
{
	int64_t id = 0;
	struct level_new in = {req_arg(r, "kind"),       req_arg(r, "scope"),
	                       req_arg(r, "valid_from"), req_arg(r, "valid_to"),
	                       req_arg(r, "amount"),     req_arg(r, "legal_basis"),
	                       req_arg(r, "source"),     NULL};
	rules_done(r, level_add(&r->x, &in, &id, &r->rf), 'l', "/rules#level-form",
	           in.kind ? in.kind : "");
}

void page_rule_add(struct req *r)
{
	int64_t id = 0;
	const char *ra = req_arg(r, "requires_application");
	struct rule_new in = {req_arg(r, "code"),
	                      req_arg(r, "kind"),
	                      req_arg(r, "valid_from"),
	                      req_arg(r, "valid_to"),
	                      req_arg(r, "base"),
	                      req_arg(r, "coefficient"),
	                      req_arg(r, "age_from"),
	                      req_arg(r, "age_to"),
	                      req_arg(r, "poverty"),
	                      req_arg(r, "supporter"),
	                      req_arg(r, "pension"),
	                      req_arg(r, "disability"),
	                      req_arg(r, "especially_difficult"),
	                      req_arg(r, "community_care"),
	                      req_arg(r, "other_conditions"),
	                      ra && ra[0] ? "yes" : "no",
	                      req_arg(r, "legal_basis"),
	                      NULL,
	                      req_arg(r, "source"),
	                      NULL};
	rules_done(r, rule_add(&r->x, &in, &id, &r->rf), 'r', "/rules#rule-form",
	           in.code ? in.code : "");
}

/* page_plan_edit.c - the forms that edit a plan: /plans/ID/edit (the header,
 * a new area, a new item) and /plans/ID/items/ITEM (an item, and retiring it).
 * Only for those access_plan lets change the plan; a refused form comes back
 * with what was typed and the refusal beside its field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/plan.h"
#include "../domain/plan_basis.h"
#include "../domain/indicator.h"
#include "../domain/plan_doc.h"
#include "../domain/plan_target.h"
#include "api_plans.h"
#include "html.h"
#include "notice.h"
#include "page_plan_edit.h"
#include "page_plans.h"

static void back_link(struct req *r, const struct plan *p)
{
	html_lit(r, "<p><a href=\"/plans/");
	html_urlpart(r, p->slug);
	html_lit(r, "\">");
	html_text(r, tr(r, "← Về kế hoạch", "← Back to the plan"));
	html_lit(r, "</a></p>");
}

/* A textarea kept as typed, with its refusal. */
static void text_area(struct req *r, const char *label, const char *name, const char *value,
                      int max)
{
	char m[16];
	snprintf(m, sizeof m, "%d", max);
	html_lit(r, "<label>");
	html_text(r, label);
	html_lit(r, "<textarea name=\"");
	html_attr(r, name);
	html_lit(r, "\" rows=\"4\" required maxlength=\"");
	html_attr(r, m);
	html_lit(r, "\">");
	const char *typed = html_kept(r, name, value);
	html_text(r, typed ? typed : "");
	html_lit(r, "</textarea>");
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

/* Codes joined by ", " into out. */
static void codes_text(char (*codes)[ORG_CODE_LEN], size_t n, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && used + strlen(codes[i]) + 3 < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : "", codes[i]);
}

/* The units the plan may name, folded: what to type in the lead and
 * co-operating fields. */
static void units_hint(struct req *r, const struct plan *p)
{
	struct plan_unit *u = NULL;
	size_t n = 0;
	if (plan_units(&r->x, p->id, &u, &n) || !n) {
		free(u);
		return;
	}
	html_f(r, "<details><summary>%s</summary><ul>",
	       tr(r, "Mã các đơn vị trong kế hoạch", "Codes of the plan's units"));
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<li><code>%s</code> %s</li>", u[i].code, u[i].name);
	}
	html_lit(r, "</ul></details>");
	free(u);
}

/* The fields of an item (new when it is NULL: with its area). */
static void item_fields(struct req *r, const struct plan *p, const struct plan_item *it,
                        const struct plan_section *areas, size_t na)
{
	char lead[1024] = "", coop[1024] = "";
	if (!it) {
		html_lit(r, "<label>");
		html_text(r, tr(r, "Mục", "Area"));
		html_lit(r, " <select name=\"section\">");
		const char *cur = html_kept(r, "section", "");
		for (size_t i = 0; i < na; i++) {
			if (areas[i].retired[0])
				continue;
			char label[640];
			snprintf(label, sizeof label, "%s. %s", areas[i].code, areas[i].heading);
			html_option(r, areas[i].code, label,
			            cur && strcmp(cur, areas[i].code) == 0);
		}
		html_lit(r, "</select>");
		html_field_refusal(r, "section");
		html_lit(r, "</label>");
	} else {
		codes_text((char(*)[ORG_CODE_LEN])it->lead, it->nlead, lead, sizeof lead);
		codes_text((char(*)[ORG_CODE_LEN])it->coop, it->ncoop, coop, sizeof coop);
	}
	text_area(r, tr(r, "Nội dung nhiệm vụ", "The item's text"), "text", it ? it->text : "",
	          PLAN_TEXT_MAX);
	html_field(
	    r,
	    tr(r, "Đơn vị chủ trì (mã, cách nhau bởi dấu phẩy)", "Lead units (codes, by commas)"),
	    "lead", "text", lead, false);
	html_field(r,
	           tr(r, "Đơn vị phối hợp (mã, cách nhau bởi dấu phẩy)",
	              "Co-operating units (codes, by commas)"),
	           "cooperating", "text", coop, false);
	units_hint(r, p);
	html_field(r, tr(r, "Thời hạn (hoàn thành trước ngày)", "Deadline (done before)"),
	           "deadline", "date", it ? it->deadline : "", false);
}

static void button(struct req *r, const char *vi, const char *en)
{
	html_lit(r, "<button>");
	html_text(r, tr(r, vi, en));
	html_lit(r, "</button>");
}

/* A heading and, under it, the opening of a form posting to
 * /plans/SLUG/what. */
static void form_under(struct req *r, const char *heading, const struct plan *p, const char *what,
                       const char *cls, const char *id)
{
	char action[160];
	html_lit(r, "<h2>");
	html_text(r, heading);
	html_lit(r, "</h2>");
	snprintf(action, sizeof action, "/plans/%s/%s", p->slug, what);
	html_form_post(r, action, cls, id);
}

void plan_header_fields(struct req *r, const struct plan *p)
{
	html_field(r, tr(r, "Số, ký hiệu", "Number and symbol"), "code", "text", p->code, false);
	text_area(r, tr(r, "Tên kế hoạch", "Title"), "title", p->title, PLAN_TITLE_LEN - 1);
	html_field(r, tr(r, "Tên tiếng Anh", "English title"), "title_en", "text", p->title_en,
	           false);
	html_field(r, tr(r, "Cơ quan ban hành (mã)", "Issuing body (code)"), "issuer", "text",
	           p->issuer, true);
	html_field(r,
	           tr(r, "Ngày ban hành (YYYY-MM-DD, hoặc YYYY-MM khi để trống ngày)",
	              "Date (YYYY-MM-DD, or YYYY-MM when the day is blank)"),
	           "doc_date", "text", p->date, true);
	html_field(r, tr(r, "Hiệu lực từ ngày", "In force from"), "effective_from", "date",
	           p->effective_from, true);
	html_field(r, tr(r, "Hiệu lực đến ngày", "In force until"), "effective_to", "date",
	           p->effective_to, true);
}

static const char *relation_label(const char *code, const char *lang)
{
	bool en = lang && lang[0] == 'e';
	if (strcmp(code, "implements") == 0)
		return en ? "Carries out (Thực hiện)" : "Thực hiện";
	if (strcmp(code, "cited") == 0)
		return en ? "Cited in the text" : "Được trích dẫn trong văn bản";
	return en ? "Made under (Căn cứ)" : "Căn cứ";
}

/* The fields of a legal basis (b's values, or what was typed). */
static void basis_fields(struct req *r, const struct plan_basis *b)
{
	/* "cited" (a file's text cited in the body) is offered where it is kept */
	static const char *const relations[] = {"basis", "implements", NULL};
	static const char *const with_cited[] = {"basis", "implements", "cited", NULL};
	bool cited = strcmp(b->relation, "cited") == 0;
	html_lit(r, "<label>");
	html_text(r, tr(r, "Quan hệ với kế hoạch", "Relation to the plan"));
	html_lit(r, " ");
	html_select(r, "relation", cited ? with_cited : relations, relation_label,
	            b->relation[0] ? b->relation : "basis", NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Loại văn bản (Quyết định, Nghị định…)", "Kind of text (Decision…)"),
	           "kind", "text", b->kind, true);
	html_field(r, tr(r, "Số, ký hiệu văn bản", "The text's number"), "text_number", "text",
	           b->number, false);
	html_field(r, tr(r, "Ngày ban hành văn bản", "The text's date"), "text_date", "date",
	           b->date, false);
	html_field(r, tr(r, "Cơ quan ban hành văn bản", "The text's issuer"), "text_issuer", "text",
	           b->issuer, false);
	html_field(r, tr(r, "Trích yếu văn bản", "The text's subject"), "text_title", "text",
	           b->title, false);
	text_area(r, tr(r, "Câu căn cứ như kế hoạch ghi", "The plan's words citing it"),
	          "as_written", b->as_written, (int)sizeof b->as_written - 1);
}

void plan_bases_list(struct req *r, const struct plan *p, const struct plan_basis *v, size_t n,
                     bool edit)
{
	if (!n)
		return;
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Căn cứ ban hành", "Legal bases"));
	html_lit(r, "</h2><ul class=\"bases\">");
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<li>%s", v[i].as_written);
		if (edit)
			html_f(r, " <a href=\"/plans/%s/bases/%d\">%s</a>", p->slug, v[i].position,
			       tr(r, "Sửa", "Edit"));
		html_lit(r, "</li>");
	}
	html_lit(r, "</ul>");
}

/* The plan's legal bases, each with a link to edit or remove it, and the form
 * to add one. */
static void bases_section(struct req *r, const struct plan *p)
{
	static const struct plan_basis none;
	struct plan_basis *v = NULL;
	size_t n = 0;
	if (plan_bases(&r->x, p->id, &v, &n) == NCT_OK)
		plan_bases_list(r, p, v, n, true);
	free(v);
	form_under(r, tr(r, "Thêm căn cứ", "Add a legal basis"), p, "bases", "card report",
	           "basis");
	basis_fields(r, &none);
	button(r, "Thêm căn cứ", "Add the basis");
	html_form_end(r);
}

static void edit_page(struct req *r, const struct plan *p)
{
	struct plan_section *areas = NULL;
	size_t na = 0;
	nct_err e = plan_sections(&r->x, p->id, SECTION_AREA, &areas, &na);
	if (resp_failed(r, e))
		return;
	char title[96];
	snprintf(title, sizeof title, "%s %s", tr(r, "Sửa", "Edit"),
	         p->code[0] ? p->code : p->slug);
	page_begin(r, title);
	back_link(r, p);
	html_refusal(r);
	form_under(r, tr(r, "Thông tin chung", "The document"), p, "edit", "card report", "header");
	plan_header_fields(r, p);
	button(r, "Lưu thông tin chung", "Save the document's details");
	html_form_end(r);

	bases_section(r, p);

	form_under(r, tr(r, "Thêm nhiệm vụ", "Add an item"), p, "items", "card report", "item");
	item_fields(r, p, NULL, areas, na);
	button(r, "Thêm nhiệm vụ", "Add the item");
	html_form_end(r);

	form_under(r, tr(r, "Thêm mục", "Add an area"), p, "areas", "card", "area");
	html_field(r, tr(r, "Số mục (như II.7)", "Number (such as II.7)"), "code", "text", "",
	           true);
	html_field(r, tr(r, "Tên mục", "Heading"), "heading", "text", "", true);
	button(r, "Thêm mục", "Add the area");
	html_form_end(r);
	free(areas);
	page_end(r);
}

void page_plan_edit(struct req *r)
{
	struct plan p;
	if (plan_to_change(r, &p))
		edit_page(r, &p);
}

/* After a save: the plan's page with the notice, or the form again. */
static void after_save(struct req *r, const struct plan *p, nct_err e, const char *what)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		edit_page(r, p);
		return;
	}
	if (resp_refused(r, e))
		return;
	char to[128];
	snprintf(to, sizeof to, "/plans/%s", p->slug);
	resp_redirect_notice(r, to, NOTICE_SAVED, what);
}

void page_plan_header_save(struct req *r)
{
	struct plan p;
	if (!plan_to_change(r, &p))
		return;
	struct plan_header_in in;
	plan_header_input(r, &in, true);
	nct_err e = plan_update(&r->x, &p, &in, &r->rf);
	if (r->rf.field && strcmp(r->rf.field, "date") == 0)
		r->rf.field =
		    "doc_date"; /* the form's name for it ("date" is read as dd/mm/yyyy) */
	after_save(r, &p, e, tr(r, "thông tin chung của kế hoạch", "the plan's details"));
}

void page_plan_create(struct req *r)
{
	struct plan p;
	struct plan_header_in in;
	plan_header_input(r, &in, true);
	nct_err e = plan_create(&r->x, req_arg(r, "id"), &in, &p, &r->rf);
	if (r->rf.field && strcmp(r->rf.field, "date") == 0)
		r->rf.field = "doc_date";
	plan_made(r, e, &p, "/edit");
}

void page_plan_area_add(struct req *r)
{
	struct plan p;
	if (!plan_to_change(r, &p))
		return;
	struct plan_area_in in = {.code = req_arg(r, "code") ? req_arg(r, "code") : "",
	                          .heading = req_arg(r, "heading") ? req_arg(r, "heading") : ""};
	after_save(r, &p, plan_area_save(&r->x, &p, NULL, &in, &r->rf), in.code);
}

void page_plan_item_add(struct req *r)
{
	struct plan p;
	struct plan_item_in in;
	struct plan_item_input b;
	int64_t id = 0;
	if (!plan_to_change(r, &p))
		return;
	nct_err e = plan_item_input(r, NULL, &in, &b) ? NCT_OK : NCT_ERR_INVALID;
	if (!e)
		e = plan_item_save(&r->x, &p, 0, &in, &id, &r->rf);
	after_save(r, &p, e, tr(r, "nhiệm vụ mới", "the new item"));
}

static const char *indicator_label(const char *code, const char *lang)
{
	struct indicator d; /* its words are the table's, which outlive it */
	if (!indicator_def(code, &d))
		return code;
	return lang && lang[0] == 'e' ? d.en : d.vi;
}

/* The item's indicator and target (the plan's target it serves), and the form
 * that sets them (plan_item_target_save). */
static void target_section(struct req *r, const struct plan *p, const struct plan_item *it)
{
	const char *codes[IND_COUNT + 1];
	size_t n = 0;
	for (int i = 0; i < IND_COUNT; i++) {
		struct indicator d;
		if (indicator_def(indicator_code_at(i), &d) && !d.extra)
			codes[n++] = d.code;
	}
	codes[n] = NULL;
	struct plan_item_target t;
	if (plan_item_target(&r->x, p, it->id, &t))
		return;
	char action[160], mn[32] = "", mx[32] = "";
	if (t.min >= 0) /* grouped as people write figures; the form reads them back */
		money_format(t.min, mn);
	if (t.max >= 0)
		money_format(t.max, mx);
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Chỉ số và chỉ tiêu", "Indicator and target"));
	html_lit(r, "</h2><p>");
	if (t.id[0]) {
		html_text(r, tr(r, "Nhiệm vụ phục vụ chỉ tiêu ", "The item serves target "));
		html_text(r, t.id);
		html_text(r, tr(r, " của kế hoạch.", " of the plan."));
	} else
		html_text(r,
		          tr(r,
		             "Nhiệm vụ chưa có chỉ tiêu: lưu dưới đây để đặt chỉ tiêu mới của kế "
		             "hoạch cho nó.",
		             "The item has no target yet: saving below sets a new target of the "
		             "plan for it."));
	html_text(
	    r, tr(r, " Chỉ tiêu tỷ lệ tính bằng phần trăm.", " A share's target is in percent."));
	html_lit(r, "</p>");
	snprintf(action, sizeof action, "/plans/%s/items/%lld/target", p->slug, (long long)it->id);
	html_form_post(r, action, "card report", "target");
	html_lit(r, "<label>");
	html_text(r, tr(r, "Chỉ số đo", "Indicator"));
	html_lit(r, " ");
	html_select(r, "indicator", codes, indicator_label, t.indicator, NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Giá trị thấp nhất (để trống: không có)", "Lowest value (blank: none)"),
	           "target_min", "text", mn, false);
	html_field(r, tr(r, "Giá trị cao nhất (để trống: không có)", "Highest value (blank: none)"),
	           "target_max", "text", mx, false);
	html_field(r, tr(r, "Hạn đạt chỉ tiêu", "To be met by"), "by_date", "date", t.by_date,
	           true);
	button(r, "Lưu chỉ tiêu", "Save the target");
	html_form_end(r);
}

static void item_page(struct req *r, const struct plan *p, const struct plan_item *it)
{
	char title[96], action[160];
	snprintf(title, sizeof title, "%s %s.%d", tr(r, "Nhiệm vụ", "Item"), it->section_code,
	         it->n);
	page_begin(r, title);
	back_link(r, p);
	html_refusal(r);
	if (it->retired[0]) {
		html_lit(r, "<p class=\"notice\">");
		html_text(r, tr(r, "Đã thôi thực hiện từ ngày ", "Retired from "));
		html_date(r, it->retired);
		html_text(r, tr(r, ". Các báo cáo đã có vẫn giữ nhiệm vụ này.",
		                ". The reports that carry it keep it."));
		html_lit(r, "</p><p>");
		html_text(r, it->text);
		html_lit(r, "</p>");
		page_end(r);
		return;
	}
	snprintf(action, sizeof action, "/plans/%s/items/%lld", p->slug, (long long)it->id);
	html_form_post(r, action, "card report", "item");
	item_fields(r, p, it, NULL, 0);
	button(r, "Lưu nhiệm vụ", "Save the item");
	html_form_end(r);
	target_section(r, p, it);
	html_f(r, "<h2>%s</h2><p>%s</p>", tr(r, "Thôi thực hiện", "Retire"),
	       tr(r,
	          "Nhiệm vụ không bị xóa: các báo cáo đã có giữ nguyên; báo cáo của các kỳ "
	          "bắt đầu từ ngày này không còn nêu nó.",
	          "The item is not deleted: the reports made keep it; reports of periods "
	          "that begin on or after the day no longer list it."));
	snprintf(action, sizeof action, "/plans/%s/items/%lld/retire", p->slug, (long long)it->id);
	html_form_post(r, action, "card", "retire");
	html_field(r, tr(r, "Thôi thực hiện từ ngày", "Retired from"), "retired_on", "date", "",
	           true);
	button(r, "Thôi thực hiện nhiệm vụ này", "Retire this item");
	html_form_end(r);
	page_end(r);
}

/* The item the route names (malloc'd: free() it), of a plan x may change;
 * else NULL, answered. */
static struct plan_item *item_for_edit(struct req *r, struct plan *p)
{
	struct plan_item *it = malloc(sizeof *it);
	if (!it)
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
	else if (!plan_to_change(r, p) || !plan_item_of_route(r, p, it)) {
		free(it);
		it = NULL;
	}
	return it;
}

void page_plan_item(struct req *r)
{
	struct plan p;
	struct plan_item *it = item_for_edit(r, &p);
	if (it)
		item_page(r, &p, it);
	free(it);
}

static void item_after(struct req *r, const struct plan *p, const struct plan_item *it, nct_err e)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		item_page(r, p, it);
		return;
	}
	if (resp_refused(r, e))
		return;
	char to[128], what[48];
	snprintf(to, sizeof to, "/plans/%s", p->slug);
	snprintf(what, sizeof what, "%s %s.%d", tr(r, "nhiệm vụ", "item"), it->section_code, it->n);
	resp_redirect_notice(r, to, NOTICE_SAVED, what);
}

void page_plan_item_save(struct req *r)
{
	struct plan p;
	struct plan_item_in in;
	struct plan_item_input b;
	int64_t id = 0;
	struct plan_item *it = item_for_edit(r, &p);
	if (it) {
		nct_err e = plan_item_input(r, NULL, &in, &b) ? NCT_OK : NCT_ERR_INVALID;
		if (!e)
			e = plan_item_save(&r->x, &p, it->id, &in, &id, &r->rf);
		item_after(r, &p, it, e);
	}
	free(it);
}

void page_plan_item_target_save(struct req *r)
{
	struct plan p;
	struct plan_item_target t;
	struct plan_item *it = item_for_edit(r, &p);
	if (it) {
		/* the date as typed (request.c leaves by_date so): its ISO for by_date, its
		 * words for a new target's by_date_as_written */
		const char *typed = req_arg(r, "by_date");
		char iso[DATE_LEN];
		struct date d;
		bool read = typed && date_parse_vn(typed, &d) == NCT_OK;
		if (read)
			date_format(d, iso);
		struct plan_item_target_in in = {.indicator = req_arg(r, "indicator"),
		                                 .min = req_arg(r, "target_min"),
		                                 .max = req_arg(r, "target_max"),
		                                 .by_date = read ? iso : typed,
		                                 .by_date_as_written = typed};
		item_after(r, &p, it, plan_item_target_save(&r->x, &p, it->id, &in, &t, &r->rf));
	}
	free(it);
}

void page_plan_item_retire(struct req *r)
{
	struct plan p;
	struct plan_item *it = item_for_edit(r, &p);
	if (it) {
		const char *day = req_arg(r, "retired_on");
		nct_err e = day ? plan_item_retire(&r->x, &p, it->id, day, &r->rf)
		                : refuse(&r->rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "retired_on", "");
		item_after(r, &p, it, e);
	}
	free(it);
}

/* ------------------------------------------------------------- legal bases */

void page_plan_basis_add(struct req *r)
{
	struct plan p;
	struct plan_basis_in in;
	int pos = 0;
	if (!plan_to_change(r, &p))
		return;
	plan_basis_input(r, &in);
	after_save(r, &p, plan_basis_save(&r->x, &p, 0, &in, &pos, &r->rf),
	           tr(r, "căn cứ mới", "the new legal basis"));
}

static void basis_page(struct req *r, const struct plan *p, const struct plan_basis *b)
{
	char title[96], action[160];
	snprintf(title, sizeof title, "%s %d", tr(r, "Căn cứ", "Legal basis"), b->position);
	page_begin(r, title);
	back_link(r, p);
	html_refusal(r);
	snprintf(action, sizeof action, "/plans/%s/bases/%d", p->slug, b->position);
	html_form_post(r, action, "card report", "basis");
	basis_fields(r, b);
	button(r, "Lưu căn cứ", "Save the basis");
	html_form_end(r);
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Bỏ căn cứ này", "Remove this basis"));
	html_lit(r, "</h2>");
	snprintf(action, sizeof action, "/plans/%s/bases/%d/remove", p->slug, b->position);
	html_form_post(r, action, "card", "remove");
	button(r, "Bỏ căn cứ này khỏi kế hoạch", "Remove it from the plan");
	html_form_end(r);
	page_end(r);
}

void page_plan_basis(struct req *r)
{
	struct plan p;
	struct plan_basis b;
	if (plan_to_change(r, &p) && plan_basis_of_route(r, &p, &b))
		basis_page(r, &p, &b);
}

void page_plan_basis_save(struct req *r)
{
	struct plan p;
	struct plan_basis b;
	struct plan_basis_in in;
	int pos = 0;
	if (!plan_to_change(r, &p) || !plan_basis_of_route(r, &p, &b))
		return;
	plan_basis_input(r, &in);
	nct_err e = plan_basis_save(&r->x, &p, b.position, &in, &pos, &r->rf);
	if (e == NCT_ERR_INVALID) {
		r->status = resp_status(e);
		basis_page(r, &p, &b);
		return;
	}
	after_save(r, &p, e, tr(r, "căn cứ", "the legal basis"));
}

void page_plan_basis_remove(struct req *r)
{
	struct plan p;
	struct plan_basis b;
	if (plan_to_change(r, &p) && plan_basis_of_route(r, &p, &b))
		after_save(r, &p, plan_basis_remove(&r->x, &p, b.position, &r->rf),
		           tr(r, "việc bỏ căn cứ", "the removal of the basis"));
}

/* page_persons.c - Người cao tuổi: the register's list (search by any part of
 * the name without marks or by citizen ID, filters by place, age, sex,
 * ethnicity and poverty), a person's page with their dated facts and
 * memberships, and the forms that add a person, correct one and record a fact.
 * A refused form comes back with what was typed and the message beside its
 * field. */
#include "page_persons.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../domain/access.h"
#include "../domain/person.h"
#include "../domain/person_export.h"
#include "../domain/person_fact.h"
#include "html.h"
#include "labels.h"
#include "lookup.h"
#include "notice.h"
#include "page_decisions.h"
#include "page_health.h"

static const char *const sexes[] = {"F", "M", NULL};

static const char *sex_word(const char *code, const char *lang)
{
	return label_sex(code[0], lang);
}

static const char *given(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* A whole number 0..999999 in s into *v (-1 when s is empty); false for anything else. */
static bool small_number(const char *s, int *v)
{
	*v = -1;
	if (!given(s))
		return true;
	size_t n = strlen(s);
	if (n > 6 || strspn(s, "0123456789") != n)
		return false;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = *v * 10 + (s[i] - '0');
	return true;
}

nct_err persons_filter(struct req *r, struct register_filter *f, struct place *pl, size_t limit)
{
	register_filter_init(f);
	f->limit = limit;
	const char *d = req_arg(r, "date"), *place = req_arg(r, "place"), *sex = req_arg(r, "sex");
	int page = -1, per = -1;
	if (given(d) && date_parse_vn(d, &f->on))
		return refuse(&r->rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "date", "");
	if (!small_number(req_arg(r, "age_from"), &f->age_from))
		return refuse(&r->rf, NCT_ERR_INVALID, RF_AGE_RANGE, "age_from", "");
	if (!small_number(req_arg(r, "age_to"), &f->age_to))
		return refuse(&r->rf, NCT_ERR_INVALID, RF_AGE_RANGE, "age_to", "");
	if (given(sex) && !(f->sex = sex_parse(sex)))
		f->sex = '?'; /* refused by the domain with the values it takes */
	if (!small_number(req_arg(r, "page"), &page) || page == 0)
		return refuse(&r->rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "page", "s", "1, 2, 3, …");
	if (!small_number(req_arg(r, "per_page"), &per) || per == 0 || per > REGISTER_PAGE_MAX)
		return refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "per_page", "ii",
		              (int64_t)1, (int64_t)REGISTER_PAGE_MAX);
	if (per > 0)
		f->limit = (size_t)per;
	if (page > 0)
		f->offset = (size_t)(page - 1) * f->limit;
	f->q = given(req_arg(r, "q"));
	f->ethnicity = given(req_arg(r, "ethnicity"));
	f->poverty = given(req_arg(r, "poverty"));
	f->with_dead = given(req_arg(r, "with_dead")) != NULL;
	if (given(place)) {
		nct_err e = register_place(&r->x, place, f->on, pl, &r->rf);
		if (e)
			return e;
		f->place = pl;
	}
	return NCT_OK;
}

/* ---- the list --------------------------------------------------------------- */

static void labelled_select(struct req *r, const char *name, const char *label,
                            const char *const *codes,
                            const char *(*words)(const char *code, const char *lang),
                            const char *cur, const char *all)
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_select(r, name, codes, words, cur, all);
	html_lit(r, "</label>");
}

static void person_filters(struct req *r, const char *day)
{
	html_lit(r, "<form method=\"get\" action=\"/persons\" class=\"filters\">");
	html_field(
	    r,
	    tr(r, "Tên hoặc số định danh (không cần dấu)", "Name or citizen ID (no marks needed)"),
	    "q", "search", req_arg(r, "q"), false);
	html_field(r, tr(r, "Địa bàn (mã hoặc tên)", "Place (code or name)"), "place", "text",
	           req_arg(r, "place"), false);
	html_field(r, tr(r, "Tuổi từ", "Age from"), "age_from", "number", req_arg(r, "age_from"),
	           false);
	html_field(r, tr(r, "Tuổi đến", "Age to"), "age_to", "number", req_arg(r, "age_to"), false);
	labelled_select(r, "sex", tr(r, "Giới tính", "Sex"), sexes, sex_word, req_arg(r, "sex"),
	                tr(r, "Tất cả", "All"));
	labelled_select(r, "poverty", tr(r, "Hộ nghèo", "Poverty"), fact_values("poverty"),
	                label_fact_value, req_arg(r, "poverty"), tr(r, "Tất cả", "All"));
	if (access_sensitive(&r->x))
		html_field(r, tr(r, "Mã dân tộc", "Ethnic group code"), "ethnicity", "text",
		           req_arg(r, "ethnicity"), false);
	html_field(r, tr(r, "Ngày", "Date"), "date", "date", day, false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Tìm", "Search"));
	html_lit(r, "</button></form>");
}

void person_link(struct req *r, const struct person *p)
{
	html_lit(r, "<a href=\"/persons/");
	html_int(r, p->id);
	html_lit(r, "\">");
	html_text(r, p->full_name);
	html_lit(r, "</a>");
}

void birth_text(struct req *r, struct birth b)
{
	char s[DATE_LEN];
	birth_format_vn(b, s);
	html_text(r, s);
}

static void person_rows(struct req *r, const struct person *v, size_t n, struct date on)
{
	static const char *const heads[][2] = {
	    {"Họ tên", "Name"}, {"Giới tính", "Sex"},   {"Ngày sinh", "Born"},
	    {"Tuổi", "Age"},    {"Nơi ở", "Residence"}, {"Số định danh", "Citizen ID"}};
	html_table_open(r, NULL, heads, 6, 1u << 3);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		person_link(r, &v[i]);
		if (v[i].died_on[0]) {
			html_lit(r, "<br><small>");
			html_text(r, tr(r, "mất ", "died "));
			html_date(r, v[i].died_on);
			html_lit(r, "</small>");
		}
		html_lit(r, "</td><td>");
		html_text(r, label_sex(v[i].sex, r->lang));
		html_lit(r, "</td><td>");
		birth_text(r, v[i].birth);
		html_lit(r, "</td><td class=\"num\">");
		int age = birth_age_on(v[i].birth, on);
		if (age >= 0)
			html_int(r, age);
		html_f(r, "</td><td>%s</td><td>%s</td></tr>", v[i].place_name, v[i].citizen_id);
	}
	html_lit(r, "</tbody></table></div>");
}

/* The filters a link keeps. */
static const char *const keep[] = {"q",       "place",     "age_from", "age_to",   "sex",
                                   "poverty", "ethnicity", "date",     "per_page", NULL};

static void kept_filters(struct req *r)
{
	for (size_t i = 0; keep[i]; i++)
		if (given(req_arg(r, keep[i]))) {
			html_lit(r, "&amp;");
			html_text(r, keep[i]);
			html_lit(r, "=");
			html_urlpart(r, req_arg(r, keep[i]));
		}
}

/* The list as a file, with the same filters. */
static void export_links(struct req *r)
{
	html_lit(r, "<p>");
	html_text(r, tr(r, "Tải danh sách: ", "Download the list: "));
	html_lit(r, "<a href=\"/persons.csv?x=1");
	kept_filters(r);
	html_lit(r, "\">CSV</a> · <a href=\"/persons.xlsx?x=1");
	kept_filters(r);
	html_lit(r, "\">Excel</a> · <a href=\"/persons/import\">");
	html_text(r, tr(r, "Nhập danh sách từ tệp", "Import a list from a file"));
	html_lit(r, "</a></p>");
}

/* Links to the previous and next pages, keeping the filters. */
static void pager(struct req *r, const struct register_filter *f, int64_t total)
{
	size_t page = f->offset / f->limit + 1;
	bool prev = page > 1, next = (int64_t)(f->offset + f->limit) < total;
	if (!prev && !next)
		return;
	html_lit(r, "<p class=\"pager\">");
	for (int k = 0; k < 2; k++) {
		bool on = k == 0 ? prev : next;
		if (!on)
			continue;
		html_f(r, "<a href=\"/persons?page=%lld",
		       (long long)(k == 0 ? page - 1 : page + 1));
		kept_filters(r);
		html_f(r, "\">%s</a> ", html_pager_word(r, k == 1));
	}
	html_lit(r, "</p>");
}

/* The possible duplicates a refused add found, and how to add anyway. */
static void duplicate_list(struct req *r, const struct person *v, size_t n, int64_t hidden)
{
	if (n)
		person_rows(r, v, n, date_today_vn());
	if (hidden) {
		html_lit(r, "<p>");
		html_int(r, hidden);
		html_text(r, tr(r, " hồ sơ giống nằm ngoài địa bàn của bạn: hãy hỏi cấp trên.",
		                " similar records lie outside your area: ask the level above."));
		html_lit(r, "</p>");
	}
}

static void post_value(struct req *r, const char *label, const char *name, const char *type,
                       bool required)
{
	html_field(r, label, name, type, NULL, required);
}

static void person_form(struct req *r, bool dups)
{
	bool post = r->method[0] == 'P';
	html_lit(r, "<h2 id=\"new\">");
	html_text(r, tr(r, "Thêm người cao tuổi", "Add an older person"));
	html_lit(r, "</h2>");
	html_refusal(r);
	html_form_post(r, "/persons", "card", NULL);
	post_value(r, tr(r, "Họ và tên", "Full name"), "full_name", "text", true);
	labelled_select(r, "sex", tr(r, "Giới tính", "Sex"), sexes, sex_word,
	                post ? req_arg(r, "sex") : NULL, NULL);
	post_value(r,
	           tr(r, "Ngày sinh (dd/mm/yyyy, mm/yyyy hoặc năm)",
	              "Born (dd/mm/yyyy, mm/yyyy or the year)"),
	           "birth", "text", true);
	post_value(r, tr(r, "Số định danh (12 số, nếu có)", "Citizen ID (12 digits, if known)"),
	           "citizen_id", "text", false);
	if (access_sensitive(&r->x))
		post_value(r, tr(r, "Dân tộc (nếu biết)", "Ethnic group (if known)"), "ethnicity",
		           "text", false);
	html_field(r,
	           tr(r, "Nơi ở (mã xã/phường hoặc thôn)", "Residence (commune or village code)"),
	           "place", "text", post ? req_arg(r, "place") : r->sess.user.place_code, true);
	post_value(r, tr(r, "Ở đây từ ngày (nếu biết)", "Living there since (if known)"),
	           "resident_since", "text", false);
	if (dups) {
		html_lit(r, "<label><input type=\"checkbox\" name=\"confirm_new\" value=\"1\"> ");
		html_text(
		    r, tr(r, "Đây là người khác: vẫn thêm", "This is another person: add anyway"));
		html_lit(r, "</label>");
	}
	html_lit(r, "<button>");
	html_text(r, tr(r, "Thêm", "Add"));
	html_lit(r, "</button>");
	html_form_end(r);
}

static void persons_page(struct req *r, const struct person *dups, size_t ndups, int64_t hidden)
{
	struct register_filter f;
	struct place pl;
	struct register_page pg = {0};
	struct refusal refused = r->rf; /* the add form's, not the filters' */
	bool get = r->method[0] == 'G';
	r->rf.code = RF_NONE;
	nct_err e = get ? persons_filter(r, &f, &pl, 50) : NCT_OK;
	if (!get)
		register_filter_init(&f);
	if (!e)
		e = register_list(&r->x, &f, &pg, &r->rf);
	if (e && e != NCT_ERR_INVALID && e != NCT_ERR_DENIED) {
		resp_domain_error(r, e, NULL);
		return;
	}
	if (e)
		r->status = resp_status(e);
	char day[DATE_LEN];
	date_format(f.on, day);
	page_begin(r, tr(r, "Người cao tuổi", "Older people"));
	register_list_links(r);
	html_refusal(r);
	person_filters(r, day);
	r->rf = refused;
	html_lit(r, "<p>");
	if (pg.more) /* counted no further: the page was found without it */
		html_text(r, tr(r, "Hơn ", "More than "));
	html_int(r, pg.total);
	html_text(r, tr(r, " người", " people"));
	html_lit(r, "</p>");
	if (pg.n) {
		export_links(r);
		person_rows(r, pg.v, pg.n, f.on);
	}
	pager(r, &f, pg.more ? INT64_MAX : pg.total);
	free(pg.v);
	if (access_changes(&r->x)) {
		duplicate_list(r, dups, ndups, hidden);
		person_form(r, dups || hidden);
	}
	page_end(r);
}

void page_persons(struct req *r)
{
	persons_page(r, NULL, 0, 0);
}

void page_person_add(struct req *r)
{
	struct person_new in = {
	    .full_name = req_arg(r, "full_name"),
	    .sex = req_arg(r, "sex"),
	    .birth = req_arg(r, "birth"),
	    .place_code = req_arg(r, "place"),
	    .citizen_id = req_arg(r, "citizen_id"),
	    .ethnicity = req_arg(r, "ethnicity"),
	    .resident_since = req_arg(r, "resident_since"),
	};
	struct person *dups = NULL;
	size_t n = 0;
	int64_t hidden = 0, id = 0;
	nct_err e = register_add(&r->x, &in, given(req_arg(r, "confirm_new")) != NULL, &id, &dups,
	                         &n, &hidden, &r->rf);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT || (e == NCT_ERR_DENIED && r->rf.field)) {
		r->status = resp_status(e);
		persons_page(r, dups, n, hidden);
		free(dups);
		return;
	}
	free(dups);
	if (resp_refused(r, e))
		return;
	char loc[48];
	snprintf(loc, sizeof loc, "/persons/%lld", (long long)id);
	resp_redirect_notice(r, loc, NOTICE_SAVED, in.full_name);
}

/* ---- one person ------------------------------------------------------------- */

static void row(struct req *r, const char *label, const char *value)
{
	html_lit(r, "<tr><th>");
	html_text(r, label);
	html_lit(r, "</th><td>");
	html_text(r, value);
	html_lit(r, "</td></tr>");
}

static void record_table(struct req *r, const struct person *p)
{
	char b[DATE_LEN], age[16] = "";
	birth_format_vn(p->birth, b);
	int a = birth_age_on(p->birth, date_today_vn());
	if (a >= 0)
		snprintf(age, sizeof age, "%d", a);
	html_lit(r, "<table class=\"record\">");
	row(r, tr(r, "Họ", "Family name"), p->family_name);
	row(r, tr(r, "Tên đệm", "Middle name"), p->middle_name);
	row(r, tr(r, "Tên", "Given name"), p->given_name);
	row(r, tr(r, "Giới tính", "Sex"), label_sex(p->sex, r->lang));
	row(r, tr(r, "Ngày sinh", "Born"), b);
	row(r, tr(r, "Tuổi hôm nay", "Age today"), age);
	row(r, tr(r, "Số định danh", "Citizen ID"), p->citizen_id);
	row(r, tr(r, "Nơi ở", "Residence"), p->place_name);
	html_lit(r, "<tr><th>");
	html_text(r, tr(r, "Ngày mất", "Died on"));
	html_lit(r, "</th><td>");
	html_date(r, p->died_on);
	html_lit(r, "</td></tr></table>");
}

/* Ethnicity and disability, for the roles that may see them (the view is audited). */
static void sensitive_table(struct req *r, const struct person *p)
{
	struct person_sensitive s;
	if (person_sensitive(&r->x, p, date_today_vn(), &s)) /* not this reader's, or unread */
		return;
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Dữ liệu nhạy cảm (mỗi lần xem được ghi nhật ký)",
	                "Sensitive data (every view is logged)"));
	html_lit(r, "</h2><table class=\"record\">");
	row(r, tr(r, "Dân tộc", "Ethnic group"), s.ethnicity.name);
	row(r, tr(r, "Khuyết tật", "Disability"),
	    s.disability[0] ? label_fact_value(s.disability, r->lang) : "");
	html_lit(r, "</table>");
}

static void fact_value_cell(struct req *r, const struct person_fact *f)
{
	if (f->place_id)
		html_text(r, f->place_name);
	else
		html_text(r, label_fact_value(f->value, r->lang));
	if (f->has_amount) {
		html_text(r, " · ");
		html_int(r, f->amount);
		html_text(r, " đ");
	}
}

static void fact_history(struct req *r, const struct person *p)
{
	struct person_fact *v = NULL;
	size_t n = 0;
	bool withheld = false;
	bool change = person_may(r, p, ACCESS_SENSITIVE); /* as person_fact_retract asks */
	if (person_fact_history(&r->x, p, &v, &n, &withheld))
		n = 0;
	html_lit(r, "<h2>");
	html_text(r, tr(r, "Thông tin theo thời gian", "Facts over time"));
	html_lit(r, "</h2>");
	if (withheld) {
		html_lit(r, "<p><small>");
		html_text(r, tr(r, "Thông tin khuyết tật không hiển thị với vai trò của bạn.",
		                "Disability is not shown to your role."));
		html_lit(r, "</small></p>");
	}
	static const char *const heads[][2] = {
	    {"Từ ngày", "From"}, {"Thông tin", "Fact"}, {"Giá trị", "Value"}, {"Ghi chú", "Note"}};
	html_table_open(r, NULL, heads, 4, 0);
	for (size_t i = 0; i < n; i++) {
		if (v[i].retracted)
			html_lit(r, "<tr class=\"retracted\"><td>");
		else
			html_lit(r, "<tr><td>");
		if (v[i].from[0])
			html_date(r, v[i].from);
		else
			html_text(r, tr(r, "trước khi có hồ sơ", "before the records"));
		html_lit(r, "</td><td>");
		html_text(r, label_fact_kind(v[i].kind, r->lang));
		html_lit(r, "</td><td>");
		fact_value_cell(r, &v[i]);
		html_lit(r, "</td><td>");
		html_text(r, v[i].note);
		if (v[i].retracted) {
			html_text(r, tr(r, " (đã rút lại: ", " (retracted: "));
			html_text(r, v[i].retract_reason);
			html_text(r, ")");
		} else if (change) {
			html_lit(r, " <a href=\"/persons/");
			html_int(r, p->id);
			html_lit(r, "/facts/");
			html_int(r, v[i].id);
			html_lit(r, "/retract\">");
			html_text(r, tr(r, "Rút lại…", "Retract…"));
			html_lit(r, "</a>");
		}
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
	free(v);
}

static void memberships(struct req *r, const struct person *p)
{
	struct person_membership *v = NULL;
	size_t n = 0;
	if (person_memberships(&r->x, p, &v, &n) || n == 0) {
		free(v);
		return;
	}
	html_f(r, "<h2>%s</h2><ul>", tr(r, "Câu lạc bộ", "Clubs"));
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<li><a href=\"/clubs/");
		html_urlpart(r, v[i].club_code);
		html_f(r, "\">%s</a> %s", v[i].club_name, tr(r, "từ ", "from "));
		html_date_span(r, v[i].joined_on, v[i].left_on);
		html_lit(r, "</li>");
	}
	html_lit(r, "</ul>");
	free(v);
}

/* A field of the correction form: the record's (html_form_post shows what was typed
 * instead when the form comes back). */
static void edit_value(struct req *r, const char *label, const char *name, const char *current,
                       bool required)
{
	html_field(r, label, name, "text", current, required);
}

/* A form of the person's page: its heading (id "edit", or "fact" for the action
 * "facts"), the refusal when the form came back (posted), and the form posting
 * to /persons/{id}/{action}. */
static void person_form_open(struct req *r, const struct person *p, const char *action,
                             const char *title, bool posted)
{
	html_f(r, "<h2 id=\"%s\">%s</h2>", strcmp(action, "facts") ? action : "fact", title);
	if (posted)
		html_refusal(r);
	char url[48];
	snprintf(url, sizeof url, "/persons/%lld/%s", (long long)p->id, action);
	html_form_post(r, url, "card", NULL);
}

/* The death date only for those who may record it (it ends allowances). */
static void edit_form(struct req *r, const struct person *p, bool edit_post, bool death)
{
	char b[DATE_LEN], d[DATE_LEN] = "";
	birth_format_vn(p->birth, b);
	struct date died;
	if (p->died_on[0] && !date_parse(p->died_on, &died))
		date_format_vn(died, d);
	char sx[2] = {p->sex, 0};
	person_form_open(r, p, "edit", tr(r, "Sửa hồ sơ", "Correct the record"), edit_post);
	edit_value(r, tr(r, "Họ và tên", "Full name"), "full_name", p->full_name, true);
	labelled_select(r, "sex", tr(r, "Giới tính", "Sex"), sexes, sex_word,
	                edit_post ? req_arg(r, "sex") : sx, NULL);
	edit_value(r, tr(r, "Ngày sinh", "Born"), "birth", b, true);
	edit_value(r, tr(r, "Số định danh", "Citizen ID"), "citizen_id", p->citizen_id, false);
	if (death)
		edit_value(r, tr(r, "Ngày mất", "Died on"), "died_on", d, false);
	html_f(r, "<button>%s</button>", tr(r, "Lưu", "Save"));
	html_form_end(r);
}

static void fact_form(struct req *r, const struct person *p, bool fact_post)
{
	person_form_open(r, p, "facts", tr(r, "Ghi thông tin mới", "Record a fact"), fact_post);
	labelled_select(r, "kind", tr(r, "Thông tin", "Fact"), fact_kinds, label_fact_kind,
	                fact_post ? req_arg(r, "kind") : NULL, NULL);
	html_field(
	    r,
	    tr(r, "Giá trị (nơi ở: mã địa bàn; hộ nghèo: poor, near_poor, none; có/không: yes, no)",
	       "Value (residence: a place code; poverty: poor, near_poor, none; yes, no)"),
	    "value", "text", fact_post ? req_arg(r, "value") : "", true);
	html_field(r, tr(r, "Từ ngày", "From"), "from", "date", fact_post ? req_arg(r, "from") : "",
	           false);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", fact_post ? req_arg(r, "note") : "",
	           false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Ghi", "Record"));
	html_lit(r, "</button>");
	html_form_end(r);
}

/* "This person is recorded twice": the other record's number, then a page to confirm. */
static void merge_ask(struct req *r, const struct person *p)
{
	html_lit(r, "<h2 id=\"merge\">");
	html_text(r, tr(r, "Gộp hồ sơ trùng", "Merge a duplicate record"));
	html_lit(r, "</h2><form method=\"get\" class=\"card\" action=\"/persons/");
	html_int(r, p->id);
	html_lit(r, "/merge\"><p>");
	html_text(r, tr(r,
	                "Nếu người này có hai hồ sơ, nhập số của hồ sơ kia (số ở cuối địa chỉ "
	                "trang /persons/…). Trang sau cho xem hai hồ sơ cạnh nhau để xác nhận.",
	                "If this person is recorded twice, give the other record's number (the "
	                "end of its /persons/… address). The next page shows both to confirm."));
	html_lit(r, "</p>");
	/* a GET form: shown again after a refusal by hand, with what was typed */
	bool again = r->rf.code && r->rf.field && strcmp(r->rf.field, "duplicate") == 0;
	const char *typed = again ? req_arg(r, "duplicate") : NULL;
	html_lit(r, "<label>");
	html_text(r, tr(r, "Số hồ sơ trùng", "The duplicate's number"));
	html_lit(r, "<input name=\"duplicate\" type=\"text\" inputmode=\"numeric\" required "
	            "value=\"");
	html_attr(r, typed ? typed : "");
	html_lit(r, "\"");
	if (again) {
		html_lit(r,
		         " aria-invalid=\"true\" autofocus aria-describedby=\"duplicate-error\"");
		r->form_shown = FORM_AGAIN;
	}
	html_lit(r, ">");
	html_field_refusal(r, "duplicate");
	r->form_shown = FORM_NONE;
	html_lit(r, "</label><button>");
	html_text(r, tr(r, "Xem để gộp", "Review the merge"));
	html_lit(r, "</button></form>");
}

bool person_may(struct req *r, const struct person *p, enum access a)
{
	return !p->merged_into && access_person(&r->x, p, a) == NCT_OK;
}

/* which: 'e' the correction came back, 'f' the fact form did, 0 a plain view. */
static void person_page(struct req *r, const struct person *p, char which)
{
	page_begin(r, p->full_name);
	html_lit(r, "<p><a href=\"/persons\">");
	html_text(r, tr(r, "← Danh sách người cao tuổi", "← The register"));
	html_lit(r, "</a></p>");
	if (p->merged_into) {
		html_lit(r, "<p class=\"notice\">");
		html_text(r, tr(r, "Hồ sơ này đã được gộp vào hồ sơ khác: ",
		                "This record was merged into another: "));
		html_lit(r, "<a href=\"/persons/");
		html_int(r, p->merged_into);
		html_lit(r, "\">");
		html_int(r, p->merged_into);
		html_lit(r, "</a></p>");
	}
	record_table(r, p);
	sensitive_table(r, p);
	fact_history(r, p);
	person_allowance_section(r, p, which);
	memberships(r, p);
	person_health_sections(r, p, which);
	bool sensitive = person_may(r, p, ACCESS_SENSITIVE);
	if (person_may(r, p, ACCESS_CHANGE)) /* a club board corrects its members' names */
		edit_form(r, p, which == 'e', sensitive);
	if (sensitive) { /* facts and merges decide allowances: an officer's */
		fact_form(r, p, which == 'f');
		merge_ask(r, p);
	}
	page_end(r);
}

void page_person(struct req *r)
{
	struct person p;
	if (route_person(r, &p))
		person_page(r, &p, 0);
}

/* Shows the page again after a refusal of a form, or answers a refusal that names no field. */
static void form_refused(struct req *r, nct_err e, const struct person *p, char which)
{
	if (resp_form_refused(r, e,
	                      e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT ||
	                          (e == NCT_ERR_DENIED && r->rf.field)))
		person_page(r, p, which);
}

void person_page_refused(struct req *r, nct_err e, const struct person *p, char which)
{
	form_refused(r, e, p, which);
}

/* Back to the person's page, which says what was saved. */
static void back_to(struct req *r, int64_t id, const char *anchor, const char *saved)
{
	char loc[64];
	snprintf(loc, sizeof loc, "/persons/%lld%s", (long long)id, anchor);
	resp_redirect_notice(r, loc, NOTICE_SAVED, saved);
}

void person_page_saved(struct req *r, int64_t id, const char *anchor, const char *saved)
{
	back_to(r, id, anchor, saved);
}

void page_person_edit(struct req *r)
{
	struct person p;
	if (!route_person(r, &p))
		return;
	struct person_edit in = {req_arg(r, "full_name"),
	                         req_arg(r, "sex"),
	                         req_arg(r, "birth"),
	                         req_arg(r, "citizen_id"),
	                         NULL,
	                         req_arg(r, "died_on"),
	                         NULL};
	nct_err e = person_correct(&r->x, p.id, &in, &r->rf);
	if (e)
		form_refused(r, e, &p, 'e');
	else
		back_to(r, p.id, "", in.full_name && in.full_name[0] ? in.full_name : p.full_name);
}

void page_person_fact(struct req *r)
{
	struct person p;
	int64_t id = 0;
	if (!route_person(r, &p))
		return;
	struct fact_new in = {req_arg(r, "kind"), req_arg(r, "value"), req_arg(r, "from"), false, 0,
	                      req_arg(r, "note")};
	nct_err e = person_fact_add(&r->x, p.id, &in, &id, &r->rf);
	if (e)
		form_refused(r, e, &p, 'f');
	else
		back_to(r, p.id, "#fact", label_fact_kind(in.kind, r->lang));
}

/* ---- retracting a fact, merging two records: each confirmed on a page of its own ---- */

/* The fact id of the person's history into *out; false (answered) when there is none. */
static bool fact_of(struct req *r, const struct person *p, int64_t id, struct person_fact *out)
{
	struct person_fact *v = NULL;
	size_t n = 0;
	bool withheld = false, found = false;
	if (person_fact_history(&r->x, p, &v, &n, &withheld) == NCT_OK)
		for (size_t i = 0; i < n && !found; i++)
			if (v[i].id == id) {
				*out = v[i];
				found = true;
			}
	free(v);
	if (!found)
		resp_domain_error(r, NCT_ERR_NOTFOUND,
		                  tr(r, "Không có thông tin này trong hồ sơ.",
		                     "There is no such record of this person."));
	return found;
}

/* "← name": back to the person's page. */
static void back_link(struct req *r, const struct person *p)
{
	html_lit(r, "<p><a href=\"/persons/");
	html_int(r, p->id);
	html_lit(r, "\">← ");
	html_text(r, p->full_name);
	html_lit(r, "</a></p>");
}

/* A confirmation form's end: its button (vi, en), a link back to cancel. */
static void confirm_end(struct req *r, const struct person *p, const char *vi, const char *en)
{
	html_lit(r, "<button>");
	html_text(r, tr(r, vi, en));
	html_lit(r, "</button> <a href=\"/persons/");
	html_int(r, p->id);
	html_lit(r, "\">");
	html_text(r, tr(r, "Huỷ", "Cancel"));
	html_lit(r, "</a>");
	html_form_end(r);
}

/* After a confirmed write to p: the confirmation again (true, its status set)
 * for a refusal it words beside its field; any other refusal answered; done,
 * back to p's page with the notice naming what. */
static bool confirmed(struct req *r, nct_err e, const struct person *p, enum notice notice,
                      const char *what)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		return true;
	}
	if (e) {
		resp_refusal(r, e, &r->rf);
	} else {
		char loc[64];
		snprintf(loc, sizeof loc, "/persons/%lld", (long long)p->id);
		resp_redirect_notice(r, loc, notice, what);
	}
	return false;
}

static void retract_page(struct req *r, const struct person *p, const struct person_fact *f)
{
	char title[sizeof((struct person *)0)->full_name + 64], action[96];
	snprintf(title, sizeof title, "%s · %s", tr(r, "Rút lại thông tin", "Retract a record"),
	         p->full_name);
	snprintf(action, sizeof action, "/persons/%lld/facts/%lld/retract", (long long)p->id,
	         (long long)f->id);
	page_begin(r, title);
	back_link(r, p);
	html_lit(r, "<dl class=\"facts\"><dt>");
	html_text(r, tr(r, "Thông tin", "Fact"));
	html_lit(r, "</dt><dd>");
	html_text(r, label_fact_kind(f->kind, r->lang));
	html_lit(r, "</dd><dt>");
	html_text(r, tr(r, "Giá trị", "Value"));
	html_lit(r, "</dt><dd>");
	fact_value_cell(r, f);
	html_lit(r, "</dd><dt>");
	html_text(r, tr(r, "Từ ngày", "From"));
	html_lit(r, "</dt><dd>");
	if (f->from[0])
		html_date(r, f->from);
	else
		html_text(r, tr(r, "trước khi có hồ sơ", "before the records"));
	html_lit(r, "</dd></dl><p>");
	html_text(r, tr(r,
	                "Thông tin rút lại vẫn còn trong lịch sử (gạch bỏ, kèm lý do) nhưng "
	                "không còn được tính; nơi ở theo thông tin trước đó.",
	                "A retracted record stays in the history (struck out, with the reason) "
	                "but no longer counts; the residence follows the record before it."));
	html_lit(r, "</p>");
	html_form_post(r, action, "card", NULL);
	html_field(r, tr(r, "Lý do (bắt buộc)", "Reason (required)"), "reason", "text", NULL, true);
	confirm_end(r, p, "Rút lại thông tin này", "Retract this record");
	page_end(r);
}

/* The person and the fact of the path; false when answered. */
static bool person_and_fact(struct req *r, struct person *p, struct person_fact *f)
{
	if (!route_person(r, p))
		return false;
	return fact_of(r, p, route_number(r->params[1]), f);
}

void page_fact_retract_form(struct req *r)
{
	struct person p;
	struct person_fact f;
	if (person_and_fact(r, &p, &f))
		retract_page(r, &p, &f);
}

void page_fact_retract(struct req *r)
{
	struct person p;
	struct person_fact f;
	if (!person_and_fact(r, &p, &f))
		return;
	nct_err e = person_fact_retract(&r->x, p.id, f.id, req_arg(r, "reason"), &r->rf);
	if (confirmed(r, e, &p, NOTICE_FACT_RETRACTED, label_fact_kind(f.kind, r->lang)))
		retract_page(r, &p, &f);
}

/* One record's column of the merge page. */
static void merge_column(struct req *r, const char *vi, const char *en, const struct person *p)
{
	char b[DATE_LEN];
	birth_format_vn(p->birth, b);
	html_f(r, "<div class=\"card\"><h2>%s</h2><p><a href=\"/persons/%lld\">%s</a> · %s%lld</p>",
	       tr(r, vi, en), (long long)p->id, p->full_name, tr(r, "số ", "no. "),
	       (long long)p->id);
	record_table(r, p);
	memberships(r, p);
	html_lit(r, "</div>");
}

static void merge_page(struct req *r, const struct person *p, const struct person *dup)
{
	char title[sizeof((struct person *)0)->full_name + 64], action[64];
	snprintf(title, sizeof title, "%s · %s", tr(r, "Gộp hồ sơ trùng", "Merge a duplicate"),
	         p->full_name);
	snprintf(action, sizeof action, "/persons/%lld/merge", (long long)p->id);
	page_begin(r, title);
	html_refusal(r);
	html_lit(r, "<div class=\"merge\">");
	merge_column(r, "Hồ sơ được giữ", "The record kept", p);
	merge_column(r, "Hồ sơ trùng (sẽ gộp vào)", "The duplicate (merged into it)", dup);
	html_lit(r, "</div><p>");
	html_text(r, tr(r,
	                "Khi gộp, mọi thông tin, tư cách thành viên, khoản vay và lượt thăm "
	                "của hồ sơ trùng chuyển sang hồ sơ được giữ; hồ sơ trùng chỉ còn lại "
	                "như một dấu vết trỏ tới hồ sơ được giữ. Việc gộp được ghi nhật ký.",
	                "Merging moves every fact, membership, loan and visit of the duplicate "
	                "to the record kept; the duplicate remains only as a pointer to it. "
	                "The merge is audited."));
	html_lit(r, "</p>");
	html_form_post(r, action, "card", NULL);
	html_lit(r, "<input type=\"hidden\" name=\"duplicate\" value=\"");
	html_int(r, dup->id);
	html_lit(r, "\">");
	confirm_end(r, p, "Gộp hai hồ sơ", "Merge the two records");
	page_end(r);
}

/* The duplicate named by ?duplicate= (or the form), seen by the user; false when
 * answered: a number that is not one, a record not found or not seen is said
 * beside the field on the person's page. */
static bool duplicate_of(struct req *r, const struct person *p, struct person *dup)
{
	int64_t id = 0;
	nct_err e = req_id(r, "duplicate", &id) && id > 0 ? NCT_OK : NCT_ERR_INVALID;
	if (!e && id == p->id)
		e = refuse(&r->rf, NCT_ERR_INVALID, RF_MERGE_SELF, "duplicate", "");
	if (!e && (e = person_get(&r->x, id, dup)) != NCT_OK)
		e = refuse(&r->rf, NCT_ERR_INVALID, RF_NO_SUCH_PERSON, "duplicate", "i", id);
	if (!e)
		return true;
	if (!r->rf.code)
		refuse(&r->rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "duplicate", "ii", (int64_t)1,
		       (int64_t)INT64_MAX);
	r->status = 400;
	page_begin(r, p->full_name);
	back_link(r, p);
	merge_ask(r, p);
	page_end(r);
	return false;
}

void page_person_merge_form(struct req *r)
{
	struct person p, dup;
	if (route_person(r, &p) && duplicate_of(r, &p, &dup))
		merge_page(r, &p, &dup);
}

void page_person_merge(struct req *r)
{
	struct person p, dup;
	if (!route_person(r, &p) || !duplicate_of(r, &p, &dup))
		return;
	nct_err e = person_merge(&r->x, p.id, dup.id, &r->rf);
	if (confirmed(r, e, &p, NOTICE_PERSONS_MERGED, p.full_name))
		merge_page(r, &p, &dup);
}

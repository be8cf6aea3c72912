/* page_activity.c - Hoạt động: areas active per period, activities and home
 * visits with their forms, the yearly assessments (sections of the club page
 * and a page of their own), and the activity lists for admins. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../domain/activity.h"
#include "../domain/access.h"
#include "lookup.h"
#include "html.h"
#include "labels.h"
#include "page_activity.h"

#define RECENT       5   /* rows of each kind on the club page */
#define FULL_ROWS    500 /* on the activities page */
#define RECENT_YEARS 3   /* assessments on the club page, the newest */

struct period {
	struct date from, to;
	char f[DATE_LEN], t[DATE_LEN];
	bool ok; /* false: the asked period was malformed, the default is shown */
};

static void period_read(const struct req *r, struct period *p)
{
	p->ok = activity_period(req_arg(r, "from"), req_arg(r, "to"), &p->from, &p->to);
	if (!p->ok)
		activity_period(NULL, NULL, &p->from, &p->to);
	date_format(p->from, p->f);
	date_format(p->to, p->t);
}

static void paragraph(struct req *r, const char *text)
{
	html_f(r, "<p>%s</p>", text);
}

/* A value the user just posted, to fill the form again after a refusal. */
static const char *posted(const struct req *r, const char *name)
{
	return strcmp(r->method, "POST") == 0 ? form_get(&r->form, name) : NULL;
}

/* Closes what html_input_open began, with the refusal of the field beside it. */
static void input_close(struct req *r, const char *name)
{
	if (r->rf.code && r->rf.field && strcmp(r->rf.field, name) == 0)
		html_lit(r, " aria-invalid=\"true\"");
	html_lit(r, ">");
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

/* An input of a posted form (its value kept when the form comes back refused)
 * with its attributes (a string literal) and its refusal. */
#define posted_input(r, label, name, type, attrs)                                                  \
	do {                                                                                       \
		html_input_open((r), (label), (name), (type), posted((r), (name)));                \
		html_lit((r), attrs);                                                              \
		input_close((r), (name));                                                          \
	} while (0)

static void action_open(struct req *r, const struct club *c, const char *what, bool full)
{
	html_lit(r, "<form method=\"post\" class=\"card\" action=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "/");
	html_urlpart(r, what);
	html_lit(r, "\">");
	html_csrf(r);
	if (full)
		html_lit(r, "<input type=\"hidden\" name=\"next\" value=\"page\">");
}

/* A search form of the club page or its activities page (full): GET to the
 * page itself, back at anchor (or the top when NULL). */
static void filter_open(struct req *r, const struct club *c, bool full, const char *anchor)
{
	html_lit(r, "<form method=\"get\" class=\"filters\" action=\"/clubs/");
	html_urlpart(r, c->code);
	if (full)
		html_lit(r, "/activities");
	if (anchor)
		html_f(r, "#%s", anchor);
	html_lit(r, "\">");
}

static void period_form(struct req *r, const struct club *c, const struct period *p, bool full)
{
	const char *day = req_arg(r, "date");
	filter_open(r, c, full, full ? NULL : "activities");
	if (day && !full) {
		html_f(r, "<input type=\"hidden\" name=\"date\" value=\"%s\">", day);
	}
	html_input_open(r, tr(r, "Từ ngày", "From"), "from", "date", p->f);
	html_lit(r, "></label>");
	html_input_open(r, tr(r, "Đến ngày", "To"), "to", "date", p->t);
	html_f(r, "></label><button>%s</button></form>", tr(r, "Xem", "Show"));
	if (!p->ok)
		html_notice(r, "error",
		            tr(r,
		               "Kỳ không hợp lệ (dd/mm/yyyy, từ ngày không sau đến "
		               "ngày): đang xem từ đầu năm đến nay.",
		               "Invalid period (dd/mm/yyyy, from not after to): showing "
		               "this year so far."));
}

/* On the club page the period is the year so far, or the one asked; other
 * periods are chosen on the activities page. */
static void period_line(struct req *r, const struct club *c, const struct period *p)
{
	html_lit(r, "<p>");
	html_text(r, tr(r, "Từ ", "From "));
	html_date(r, p->f);
	html_text(r, tr(r, " đến ", " to "));
	html_date(r, p->t);
	html_lit(r, " · <a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "/activities\">%s</a></p>", tr(r, "Xem kỳ khác", "Another period"));
}

static void area_row(struct req *r, const struct activity_tally *k, size_t i)
{
	const struct activity_area *a = &k->list.areas[i];
	int visits = a->home_visits ? k->visits : 0;
	bool on = k->activities[i] + visits > 0;
	html_f(r, "<tr><td>%s</td><td class=\"num\">", tr(r, a->name_vi, a->name_en));
	html_int(r, k->activities[i]);
	if (visits) {
		html_f(r, " + %d%s", visits, tr(r, " lần thăm", " visits"));
	}
	html_f(r, "</td><td class=\"%s\">%s</td></tr>", on ? "ok" : "bad",
	       on ? tr(r, "✓ có", "✓ yes") : tr(r, "✗ chưa có hoạt động", "✗ no activity"));
}

/* On the club page a part of the section folds on a phone (app.js opens it on
 * a wide screen). */
static void wide_open(struct req *r, bool fold, const char *summary)
{
	if (!fold)
		return;
	html_f(r, "<details class=\"wide-open\"><summary>%s</summary>", summary);
}

static void wide_close(struct req *r, bool fold)
{
	if (fold)
		html_lit(r, "</details>");
}

static void area_table(struct req *r, const struct activity_tally *k, bool fold)
{
	char line[256];
	if (!k->list.n) {
		html_notice(r, "error",
		            tr(r, "Chưa có danh sách nội dung hoạt động áp dụng vào cuối kỳ.",
		               "No list of activity areas is in force at the period's end."));
		return;
	}
	html_f(r, "<p>%s%s</p>", tr(r, "Danh sách nội dung: ", "List of areas: "), k->list.name);
	static const char *const heads[][2] = {
	    {"Nội dung", "Area"}, {"Số hoạt động", "Activities"}, {"Đánh giá", "Verdict"}};
	wide_open(r, fold, tr(r, "Số hoạt động từng nội dung", "Activities in each area"));
	html_table_open(r, NULL, heads, 3, 1u << 1);
	for (size_t i = 0; i < k->list.n; i++)
		area_row(r, k, i);
	html_lit(r, "</tbody></table></div>");
	wide_close(r, fold);
	snprintf(line, sizeof line, "%s: %s (%d/%d %s)",
	         tr(r, "Thực hiện đầy đủ các hoạt động", "Carries out all activities"),
	         k->all ? tr(r, "có", "yes") : tr(r, "chưa", "not yet"), k->active, k->total,
	         tr(r, "nội dung", "areas"));
	html_notice(r, k->all ? "ok" : "error", line);
	if (k->other) {
		snprintf(
		    line, sizeof line, "%d %s", k->other,
		    tr(r,
		       "hoạt động trong kỳ thuộc nội dung của danh sách trước (không tính ở đây).",
		       "activities in the period are in areas of an earlier list (not counted "
		       "here)."));
		html_f(r, "<p>%s</p>", line);
	}
}

static void more_link(struct req *r, const struct club *c, const struct period *p)
{
	html_lit(r, "<p><a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "/activities?from=");
	html_urlpart(r, p->f);
	html_lit(r, "&amp;to=");
	html_urlpart(r, p->t);
	html_f(r, "\">%s</a></p>", tr(r, "Xem tất cả trong kỳ", "See all in the period"));
}

static void activity_rows(struct req *r, const struct activity_list *l, const struct activity *v,
                          size_t n)
{
	static const char *const heads[][2] = {{"Ngày", "Date"},
	                                       {"Nội dung", "Area"},
	                                       {"Hoạt động", "Activity"},
	                                       {"Số người", "People"}};
	html_table_open(r, NULL, heads, 4, 1u << 3);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		html_date(r, v[i].on_date);
		html_f(r, "</td><td>%s</td><td>%s", label_area(l, v[i].area, r->lang), v[i].title);
		if (v[i].notes[0]) {
			html_f(r, "<br><small>%s</small>", v[i].notes);
		}
		html_f(r, "</td><td class=\"num\">%d</td></tr>", v[i].participants);
	}
	html_lit(r, "</tbody></table></div>");
}

static void visit_rows(struct req *r, const struct visit *v, size_t n)
{
	static const char *const heads[][2] = {
	    {"Ngày", "Date"}, {"Tình nguyện viên", "Volunteer"}, {"Người được thăm", "Visited"}};
	html_table_open(r, NULL, heads, 3, 0);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		html_date(r, v[i].on_date);
		html_f(r, "</td><td>%s</td><td>%s", v[i].volunteer_name, v[i].visited_name);
		if (v[i].notes[0]) {
			html_f(r, "<br><small>%s</small>", v[i].notes);
		}
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

/* The activities and visits of the period, newest first; on the club page the
 * first RECENT of each with a link to the rest. */
static void logged(struct req *r, const struct club *c, const struct activity_list *l,
                   const struct period *p, bool full)
{
	struct activity *a = NULL;
	struct visit *v = NULL;
	size_t na = 0, nv = 0, limit = full ? FULL_ROWS : RECENT;
	bool more_a = false, more_v = false;
	nct_err e = activity_find(&r->x, c->id, p->from, p->to, limit, &a, &na, &more_a);
	if (!e)
		e = visit_find(&r->x, c->id, p->from, p->to, limit, &v, &nv, &more_v);
	html_f(r, "<h3>%s</h3>",
	       full ? tr(r, "Hoạt động trong kỳ", "Activities in the period")
	            : tr(r, "Hoạt động gần đây", "Recent activities"));
	if (e)
		html_notice(r, "error",
		            tr(r, "Không đọc được dữ liệu.", "Could not read the data."));
	else if (na)
		activity_rows(r, l, a, na);
	else
		paragraph(r,
		          tr(r, "Chưa có hoạt động nào trong kỳ.", "No activity in the period."));
	html_f(r, "<h3>%s</h3>", tr(r, "Chăm sóc tại nhà (lần thăm)", "Home-care visits"));
	if (!e && nv)
		visit_rows(r, v, nv);
	else if (!e)
		paragraph(r, tr(r, "Chưa có lần thăm nào trong kỳ.", "No visit in the period."));
	if (!e && (more_a || more_v))
		more_link(r, c, p);
	free(a);
	free(v);
}

static void area_options(struct req *r, const struct activity_list *l, const char *cur)
{
	html_f(r, "<label>%s<select name=\"area\" required>", tr(r, "Nội dung", "Area"));
	for (size_t i = 0; i < l->n; i++) {
		html_f(r, "<option value=\"%s\"", l->areas[i].code);
		if (cur && strcmp(cur, l->areas[i].code) == 0)
			html_lit(r, " selected");
		html_f(r, ">%s</option>", tr(r, l->areas[i].name_vi, l->areas[i].name_en));
	}
	html_lit(r, "</select>");
	html_field_refusal(r, "area");
	html_lit(r, "</label>");
}

static void activity_form(struct req *r, const struct club *c, bool full)
{
	struct activity_list *l = malloc(sizeof *l);
	char today[DATE_LEN];
	date_format(date_today_vn(), today);
	if (!l || activity_list_on(&r->x, date_today_vn(), l)) {
		free(l);
		return;
	}
	html_f(r, "<h3 id=\"log-activity\">%s</h3>", tr(r, "Ghi hoạt động", "Log an activity"));
	action_open(r, c, "activities", full);
	const char *on = posted(r, "on_date");
	html_input_open(r, tr(r, "Ngày", "Date"), "on_date", "date", on ? on : today);
	html_f(r, " required max=\"%s\"", today);
	input_close(r, "on_date");
	area_options(r, l, posted(r, "area"));
	posted_input(r, tr(r, "Tên hoạt động", "Title"), "title", "text",
	             " required maxlength=\"200\"");
	posted_input(r, tr(r, "Số người tham gia", "Participants"), "participants", "number",
	             " required min=\"0\" max=\"10000\"");
	posted_input(r, tr(r, "Ghi chú", "Notes"), "notes", "text", " maxlength=\"1000\"");
	html_f(r, "<button>%s</button></form>", tr(r, "Ghi hoạt động", "Log"));
	free(l);
}

static void person_option(struct req *r, const struct person *p, const char *cur)
{
	char b[DATE_LEN], id[24];
	birth_format_vn(p->birth, b);
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	html_f(r, "<option value=\"%s\"", id);
	if (cur && strcmp(cur, id) == 0)
		html_lit(r, " selected");
	html_f(r, ">%s%s%s</option>", p->full_name, " · ", b);
}

/* Whether the person is a member today (and so offered already). */
static bool current(const struct member *v, size_t n, int64_t person_id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person.id == person_id && !v[i].left_on[0])
			return true;
	return false;
}

/* Today's volunteers (older_only false) or today's members of the older age. */
static void member_select(struct req *r, const struct member *v, size_t n, bool older_only,
                          int older_age, const struct person *extra, size_t nextra)
{
	const char *name = older_only ? "visited" : "volunteer";
	struct date today = date_today_vn();
	html_f(r, "<label>%s<select name=\"%s\" required>",
	       older_only ? tr(r, "Người được thăm", "Visited")
	                  : tr(r, "Tình nguyện viên", "Volunteer"),
	       name);
	for (size_t i = 0; i < n; i++) {
		if (v[i].left_on[0] || (!older_only && !v[i].volunteer))
			continue;
		if (older_only && birth_age_on(v[i].person.birth, today) < older_age)
			continue;
		person_option(r, &v[i].person, posted(r, name));
	}
	for (size_t i = 0; i < nextra; i++)
		if (birth_age_on(extra[i].birth, today) >= older_age && !current(v, n, extra[i].id))
			person_option(r, &extra[i], posted(r, name));
	html_lit(r, "</select>");
	html_field_refusal(r, name);
	html_lit(r, "</label>");
}

/* Finding an older person who is not a member: a search that adds them to the
 * choice of people visited. */
static void visited_search(struct req *r, const struct club *c, bool full)
{
	const char *q = req_arg(r, "vq");
	filter_open(r, c, full, "log-visit");
	html_input_open(r,
	                tr(r, "Tìm người được thăm ngoài câu lạc bộ (không cần dấu)",
	                   "Find someone visited outside the club"),
	                "vq", "search", q);
	html_f(r, "></label><button>%s</button></form>", tr(r, "Tìm", "Find"));
}

static void visit_fields(struct req *r, const struct club *c, const struct member *v, size_t n,
                         const struct person *extra, size_t nextra, bool full)
{
	struct composition_rule rule;
	char today[DATE_LEN];
	date_format(date_today_vn(), today);
	if (composition_rule_on(&r->x, date_today_vn(), &rule))
		rule.older_age = 60;
	action_open(r, c, "visits", full);
	member_select(r, v, n, false, rule.older_age, NULL, 0);
	member_select(r, v, n, true, rule.older_age, extra, nextra);
	const char *on = posted(r, "visit_on");
	html_input_open(r, tr(r, "Ngày thăm", "Date"), "visit_on", "date", on ? on : today);
	html_f(r, " required max=\"%s\"", today);
	input_close(r, "visit_on");
	posted_input(r, tr(r, "Ghi chú", "Notes"), "visit_notes", "text", " maxlength=\"1000\"");
	html_f(r, "<button>%s</button></form>", tr(r, "Ghi lần thăm", "Log the visit"));
}

static void visit_form(struct req *r, const struct club *c, bool full)
{
	struct member *v = NULL;
	struct person *extra = NULL;
	size_t n = 0, nextra = 0, volunteers = 0;
	const char *q = req_arg(r, "vq");
	html_f(r, "<h3 id=\"log-visit\">%s</h3>",
	       tr(r, "Ghi lần thăm tại nhà", "Log a home-care visit"));
	if (club_members(&r->x, c, &v, &n))
		return;
	for (size_t i = 0; i < n; i++)
		volunteers += !v[i].left_on[0] && v[i].volunteer;
	if (!volunteers) {
		html_f(
		    r, "<p>%s</p>",
		    tr(r,
		       "Câu lạc bộ chưa có tình nguyện viên chăm sóc tại nhà: hãy đánh dấu khi "
		       "thêm thành viên.",
		       "The club has no home-care volunteer yet: mark one when adding a member."));
		free(v);
		return;
	}
	if (q && q[0])
		person_search(&r->x, q, 20, &extra, &nextra);
	visited_search(r, c, full);
	visit_fields(r, c, v, n, extra, nextra, full);
	free(extra);
	free(v);
}

static void activity_body(struct req *r, const struct club *c, bool edit, bool full)
{
	struct period p;
	struct activity_tally *k = malloc(sizeof *k);
	period_read(r, &p);
	html_f(r, "<section id=\"activities\"><h2>%s</h2>", tr(r, "Hoạt động", "Activities"));
	if (full)
		period_form(r, c, &p, full);
	else
		period_line(r, c, &p);
	if (!k || activity_tally(&r->x, c->id, p.from, p.to, k)) {
		html_notice(r, "error",
		            tr(r, "Không đọc được dữ liệu.", "Could not read the data."));
	} else {
		area_table(r, k, !full);
		wide_open(r, !full,
		          tr(r, "Hoạt động và lần thăm gần đây", "Recent activities and visits"));
		logged(r, c, &k->list, &p, full);
		wide_close(r, !full);
	}
	free(k);
	if (edit && full) {
		activity_form(r, c, full);
		visit_form(r, c, full);
	} else if (edit) { /* on the club page, folded; open after a search for someone visited */
		const char *vq = req_arg(r, "vq");
		html_fold_open(
		    r, vq && vq[0],
		    tr(r, "Ghi hoạt động, lần thăm tại nhà", "Log an activity, a visit"));
		activity_form(r, c, full);
		visit_form(r, c, full);
		html_lit(r, "</details>");
	}
	html_lit(r, "</section>");
}

void club_activity_section(struct req *r, const struct club *c, bool edit)
{
	activity_body(r, c, edit, false);
}

/* ---- assessments ---- */

/* Whether the club carried out all activities in the year (so far). */
static const char *year_all(struct req *r, const struct club *c, int year)
{
	struct date from = {year, 1, 1}, to = {year, 12, 31}, today = date_today_vn();
	bool all;
	int active, total;
	if (date_cmp(to, today) > 0)
		to = today;
	if (activity_all_areas(&r->x, c->id, from, to, &all, &active, &total))
		return "?";
	return all ? tr(r, "có", "yes") : tr(r, "chưa", "no");
}

static void assessment_rows(struct req *r, const struct club *c, const struct assessment *v,
                            size_t n, bool may)
{
	static const char *const heads[][2] = {{"Năm", "Year"},
	                                       {"Xếp loại", "Grade"},
	                                       {"Quản lý tốt", "Well managed"},
	                                       {"Đủ các nội dung hoạt động", "All activity areas"},
	                                       {"Ngày, người đánh giá", "Assessed on, by"},
	                                       {"Thao tác", "Actions"}};
	html_table_open(r, NULL, heads, may ? 6 : 5, 0);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		html_int(r, v[i].year);
		html_f(r, "</td><td>%s</td><td>%s</td><td>", label_grade(v[i].grade, r->lang),
		       v[i].well_managed ? tr(r, "có", "yes") : tr(r, "không", "no"));
		html_text(r, year_all(r, c, v[i].year));
		html_lit(r, "</td><td>");
		html_date(r, v[i].assessed_on);
		html_f(r, "%s%s</td>", " · ", v[i].assessed_by);
		if (may) {
			html_lit(r, "<td><a href=\"?assess=");
			html_int(r, v[i].year);
			html_f(r, "#assess-form\">%s</a></td>", tr(r, "Sửa", "Change"));
		}
		html_lit(r, "</tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void grade_select(struct req *r, const char *cur)
{
	html_lit(r, "<label>");
	html_text(r, tr(r, "Xếp loại", "Grade"));
	html_select(r, "grade", assessment_grades, label_grade, cur, NULL);
	html_lit(r, "</label>");
}

/* A new assessment, or (with ?assess=YEAR of a recorded year) a change to it. */
static void assessment_form(struct req *r, const struct club *c, const struct assessment *v,
                            size_t n, bool full)
{
	const char *want = req_arg(r, "assess");
	const struct assessment *old = NULL;
	char year[12] = "";
	for (size_t i = 0; want && i < n; i++)
		if (strtol(want, NULL, 10) == v[i].year)
			old = &v[i];
	if (old)
		snprintf(year, sizeof year, "%d", old->year);
	const char *py = posted(r, "year"), *pg = posted(r, "grade");
	html_f(r, "<h3 id=\"assess-form\">%s%s</h3>",
	       old ? tr(r, "Sửa đánh giá năm ", "Change the assessment of ")
	           : tr(r, "Ghi đánh giá", "Record an assessment"),
	       year);
	action_open(r, c, "assessments", full);
	if (old) {
		html_f(r,
		       "<input type=\"hidden\" name=\"update\" value=\"1\"><input type=\"hidden\" "
		       "name=\"year\" value=\"%s\">",
		       year);
	} else {
		html_input_open(r, tr(r, "Năm", "Year"), "year", "number", py);
		html_lit(r, " required min=\"2000\" max=\"9999\"");
		input_close(r, "year");
	}
	grade_select(r, old ? old->grade : pg);
	html_lit(
	    r, "<label class=\"check\"><input type=\"checkbox\" name=\"well_managed\" value=\"1\"");
	if (old ? old->well_managed : posted(r, "well_managed") != NULL)
		html_lit(r, " checked");
	html_f(r, "> %s</label>", tr(r, "Quản lý tốt", "Well managed"));
	html_input_open(r, tr(r, "Ngày đánh giá", "Assessed on"), "assessed_on", "date",
	                old ? old->assessed_on : posted(r, "assessed_on"));
	input_close(r, "assessed_on");
	html_input_open(r, tr(r, "Cơ quan, người đánh giá", "Assessed by"), "assessed_by", "text",
	                old ? old->assessed_by : posted(r, "assessed_by"));
	html_lit(r, " maxlength=\"120\"");
	input_close(r, "assessed_by");
	html_f(r, "<button>%s</button></form>",
	       old ? tr(r, "Lưu thay đổi", "Save the change") : tr(r, "Ghi", "Record"));
}

static void assessment_body(struct req *r, const struct club *c, bool full)
{
	struct assessment *v = NULL;
	size_t n = 0;
	bool may = access_club(&r->x, c, ACCESS_ASSESS) == NCT_OK;
	html_f(r, "<section id=\"assessments\"><h2>%s</h2>",
	       tr(r, "Đánh giá, xếp loại hằng năm", "Yearly assessment"));
	if (assessment_find(&r->x, c->id, &v, &n))
		html_notice(r, "error",
		            tr(r, "Không đọc được dữ liệu.", "Could not read the data."));
	else if (!n)
		paragraph(r, tr(r, "Chưa có đánh giá nào.", "No assessment yet."));
	else if (full || n <= RECENT_YEARS)
		assessment_rows(r, c, v, n, may);
	else { /* the newest years; all of them on the activities page */
		assessment_rows(r, c, v, RECENT_YEARS, may);
		html_lit(r, "<p><a href=\"/clubs/");
		html_urlpart(r, c->code);
		html_f(r, "/activities#assessments\">%s%lld%s</a></p>",
		       tr(r, "Tất cả các năm (", "Every year ("), (long long)n, ")");
	}
	if (may && !full) { /* on the club page, folded; open when a change was asked */
		const char *want = req_arg(r, "assess");
		html_fold_open(r, want && want[0],
		               tr(r, "Ghi hoặc sửa đánh giá", "Record or change an assessment"));
		assessment_form(r, c, v, n, full);
		html_lit(r, "</details>");
	} else if (may) {
		assessment_form(r, c, v, n, full);
	}
	free(v);
	html_lit(r, "</section>");
}

void club_assessment_section(struct req *r, const struct club *c)
{
	assessment_body(r, c, false);
}

/* ---- the activities page and the forms' handlers ---- */

/* The page, with the request's refusal (if any) above the forms and beside its
 * field. */
static void activities_page(struct req *r, const struct club *c)
{
	char title[TEXT_BYTES(CLUB_NAME_MAX) + 64];
	snprintf(title, sizeof title, "%s · %s", tr(r, "Hoạt động", "Activities"), c->name);
	page_begin(r, title);
	html_lit(r, "<p class=\"crumbs\"><a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_f(r, "\">← %s</a></p>", c->name);
	html_refusal(r);
	activity_body(r, c, access_club(&r->x, c, ACCESS_CHANGE) == NCT_OK, true);
	assessment_body(r, c, true);
	page_end(r);
}

void page_activities(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		activities_page(r, &c);
}

/* After a form: back where it came from, or the page again with the refusal. */
static void after_post(struct req *r, const struct club *c, nct_err e, const char *anchor)
{
	if (e) {
		if (resp_form_refused(r, e,
		                      e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT ||
		                          e == NCT_ERR_NOTFOUND))
			activities_page(r, c);
		return;
	}
	const char *next = req_arg(r, "next");
	struct buf loc;
	buf_init(&loc, 256);
	buf_printf(&loc, "/clubs/%s%s#%s", c->code,
	           next && strcmp(next, "page") == 0 ? "/activities" : "", anchor);
	resp_redirect(r, buf_str(&loc));
	buf_free(&loc);
}

void page_activity_add(struct req *r)
{
	struct club c;
	int64_t id;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct activity_new in = {req_arg(r, "on_date"), req_arg(r, "area"), req_arg(r, "title"),
	                          -1, req_arg(r, "notes")};
	nct_err e = req_int(r, "participants", 0, ACTIVITY_PARTICIPANTS_MAX, &in.participants)
	                ? activity_add(&r->x, &c, &in, &id, &r->rf)
	                : NCT_ERR_INVALID;
	after_post(r, &c, e, "activities");
}

/* The visit form's inputs have names of their own (the activity form beside it
 * has an on_date and notes too): the refusal is put beside the right one. */
static void visit_field(struct refusal *rf)
{
	static const char *const names[][2] = {{"volunteer_id", "volunteer"},
	                                       {"visited_id", "visited"},
	                                       {"on_date", "visit_on"},
	                                       {"notes", "visit_notes"}};
	for (size_t i = 0; rf->field && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(rf->field, names[i][0]) == 0) {
			rf->field = names[i][1];
			return;
		}
}

void page_visit_add(struct req *r)
{
	struct club c;
	int64_t id;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct visit_new in = {0, 0, req_arg(r, "visit_on"), req_arg(r, "visit_notes")};
	nct_err e = req_id(r, "volunteer", &in.volunteer_id) && req_id(r, "visited", &in.visited_id)
	                ? visit_add(&r->x, &c, &in, &id, &r->rf)
	                : NCT_ERR_INVALID;
	visit_field(&r->rf);
	after_post(r, &c, e, "activities");
}

void page_assessment_save(struct req *r)
{
	struct club c;
	long long year = 0;
	if (!route_club(r, date_today_vn(), &c))
		return;
	if (access_club(&r->x, &c, ACCESS_ASSESS) != NCT_OK) {
		resp_refuse(r, NCT_ERR_DENIED, RF_ASSESS_ONLY_OFFICERS, NULL);
		return;
	}
	nct_err e = NCT_ERR_INVALID;
	if (req_int(r, "year", 0, 9999, &year)) {
		struct assessment_new in = {(int)year, req_arg(r, "grade"),
		                            req_arg(r, "well_managed") != NULL,
		                            req_arg(r, "assessed_on"), req_arg(r, "assessed_by")};
		e = req_arg(r, "update") ? assessment_update(&r->x, &c, &in, &r->rf)
		                         : assessment_add(&r->x, &c, &in, &r->rf);
	}
	after_post(r, &c, e, "assessments");
}

/* ---- activity lists (admins) ---- */

static void list_card(struct req *r, const struct activity_list *l)
{
	html_f(r, "<div class=\"card\"><h3>%s <small>(%s)</small></h3><p>%s", l->name, l->code,
	       tr(r, "Áp dụng từ ", "In force from "));
	html_date_span(r, l->valid_from, l->valid_to);
	html_lit(r, "</p><ol>");
	for (size_t i = 0; i < l->n; i++) {
		html_f(r, "<li>%s <small>%s", tr(r, l->areas[i].name_vi, l->areas[i].name_en),
		       l->areas[i].code);
		if (l->areas[i].home_visits)
			html_text(r, tr(r, " · tính cả lần thăm tại nhà", " · home visits count"));
		html_lit(r, "</small></li>");
	}
	html_lit(r, "</ol></div>");
}

static void list_form(struct req *r)
{
	html_f(r,
	       "<h2>%s</h2><form method=\"post\" action=\"/admin/activity-lists\" class=\"card\">",
	       tr(r, "Thêm danh sách mới", "Add a new list"));
	html_csrf(r);
	posted_input(r, tr(r, "Mã", "Code"), "code", "text", " required maxlength=\"30\"");
	posted_input(r, tr(r, "Tên", "Name"), "name", "text", " required maxlength=\"150\"");
	posted_input(r, tr(r, "Áp dụng từ ngày", "In force from"), "valid_from", "date",
	             " required");
	html_input_open(r, tr(r, "Đến ngày (để trống nếu chưa định)", "To (empty if open)"),
	                "valid_to", "date", posted(r, "valid_to"));
	input_close(r, "valid_to");
	html_f(r, "<label>%s<textarea name=\"areas\" rows=\"10\" cols=\"60\" required>",
	       tr(r,
	          "Các nội dung, mỗi dòng một nội dung: mã | tên tiếng Việt | tên tiếng Anh | thăm "
	          "(nếu lần thăm tại nhà được tính cho nội dung này)",
	          "The areas, one a line: code | Vietnamese name | English name | visits (when "
	          "home visits count for the area)"));
	html_text(r, posted(r, "areas"));
	html_lit(r, "</textarea>");
	html_field_refusal(r, "areas");
	html_f(r, "</label><button>%s</button></form>", tr(r, "Thêm danh sách", "Add the list"));
}

static void lists_page(struct req *r, int status)
{
	struct activity_list *v = NULL;
	size_t n = 0;
	if (resp_failed(r, activity_list_all(&r->x, &v, &n)))
		return;
	r->status = status;
	page_begin(r, tr(r, "Danh sách nội dung hoạt động", "Lists of activity areas"));
	html_refusal(r);
	html_f(r, "<p>%s</p>",
	       tr(r,
	          "Danh sách áp dụng vào một ngày là danh sách có ngày bắt đầu muộn nhất không sau "
	          "ngày đó (và chưa hết hiệu lực).",
	          "The list in force on a day is the one with the latest start on or before it "
	          "(and not yet ended)."));
	for (size_t i = n; i > 0; i--)
		list_card(r, &v[i - 1]);
	free(v);
	list_form(r);
	page_end(r);
}

void page_activity_lists(struct req *r)
{
	lists_page(r, 200);
}

/* Splits "code | name_vi | name_en | thăm" lines (text is cut up in place) into
 * at most cap areas; blank lines are skipped. */
static size_t parse_areas(char *text, struct activity_area_new *areas, size_t cap)
{
	size_t n = 0;
	for (char *line = text; line && *line && n < cap;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *f[4] = {NULL, NULL, NULL, NULL};
		char *p = line;
		for (size_t k = 0; p && k < 4; k++) {
			char *bar = strchr(p, '|');
			if (bar)
				*bar++ = '\0';
			f[k] = text_trim(p);
			p = bar;
		}
		if (f[0] && f[0][0])
			areas[n++] = (struct activity_area_new){f[0], f[1], f[2], f[3] && f[3][0]};
		line = next;
	}
	return n;
}

void page_activity_list_add(struct req *r)
{
	struct activity_area_new areas[ACTIVITY_AREAS_MAX + 1];
	int64_t id;
	const char *text = req_arg(r, "areas");
	char *copy = strdup(text ? text : "");
	if (!copy) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return;
	}
	struct activity_list_new in = {req_arg(r, "code"),
	                               req_arg(r, "name"),
	                               req_arg(r, "valid_from"),
	                               req_arg(r, "valid_to"),
	                               0,
	                               areas};
	in.n = parse_areas(copy, areas, ACTIVITY_AREAS_MAX + 1);
	nct_err e = activity_list_add(&r->x, &in, &id, &r->rf);
	free(copy);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT)
		lists_page(r, resp_status(e));
	else if (e)
		resp_refusal(r, e, &r->rf);
	else
		resp_redirect(r, "/admin/activity-lists");
}

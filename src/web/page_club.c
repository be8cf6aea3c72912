/* page_club.c - one club: facts, composition against the rules (with a bar per
 * share), members, and the forms to add and end memberships. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/text.h"
#include "../domain/club.h"
#include "../domain/composition.h"
#include "../domain/person.h"
#include "../domain/access.h"
#include "lookup.h"
#include "html.h"
#include "labels.h"
#include "export_routes.h"
#include "page_activity.h"
#include "page_club_admin.h"
#include "page_fund.h"
#include "notice.h"
#include "page_club.h"

/* A bar 0-100 %: the band in light green, the club's share as a dark mark. */
static void share_bar(struct req *r, const struct share *s)
{
	int w = 300;
	html_f(r,
	       "<svg class=\"bar\" viewBox=\"0 0 300 24\" width=\"300\" height=\"24\" role=\"img\" "
	       "aria-label=\"%d %%\"><rect x=\"0\" y=\"4\" width=\"300\" height=\"16\" "
	       "fill=\"#eee\"/><rect y=\"4\" height=\"16\" fill=\"#b6dfb6\" x=\"%d\" "
	       "width=\"%d\"/><rect y=\"0\" height=\"24\" width=\"4\" x=\"%d",
	       s->permille / 10, s->min_pct * w / 100, (s->max_pct - s->min_pct) * w / 100,
	       s->permille * w / 1000 > w - 4 ? w - 4 : s->permille * w / 1000);
	html_f(r, "\" fill=\"%s\"/></svg>", s->band == BAND_IN ? "#1e6b1e" : "#a40000");
}

/* A cell of the composition table, with its column's name for the phone
 * (where each row stands as a card and the names come from data-label). */
static void cell(struct req *r, const char *cls, const char *label)
{
	html_lit(r, "<td");
	if (cls) {
		html_f(r, " class=\"%s\"", cls);
	}
	html_f(r, " data-label=\"%s\">", label);
}

static void verdict(struct req *r, enum band band)
{
	cell(r, band == BAND_IN ? "ok" : "bad", tr(r, "Đánh giá", "Verdict"));
	html_text(r, band == BAND_IN ? tr(r, "đạt", "within") : tr(r, "chưa đạt", "outside"));
	html_lit(r, "</td>");
}

static void share_row(struct req *r, const char *label, const struct share *s)
{
	html_f(r, "<tr><th>%s</th>", label);
	cell(r, "num", tr(r, "Số người", "People"));
	html_int(r, s->count);
	html_lit(r, "</td>");
	cell(r, "num", tr(r, "Tỷ lệ", "Share"));
	html_f(r, "%d,%d %%</td>", s->permille / 10, s->permille % 10);
	cell(r, NULL, tr(r, "Quy định", "Rule"));
	html_f(r, "%d–%d %%</td>", s->min_pct, s->max_pct);
	cell(r, "chart", tr(r, "Biểu đồ", "Chart"));
	share_bar(r, s);
	html_lit(r, "</td>");
	verdict(r, s->band);
	html_lit(r, "</tr>");
}

/* The plan that brings the club within every band at once (composition.h). */
static void composition_advice(struct req *r, const struct composition *c)
{
	char advice[512];
	if (c->within) {
		html_notice(r, "ok",
		            tr(r, "Cơ cấu đạt quy định.", "The composition is within the rules."));
		return;
	}
	if (!c->plan.found) {
		html_notice(
		    r, "error",
		    tr(r,
		       "Không có cách thêm, bớt hay thay thành viên nào đưa câu lạc bộ về đúng "
		       "mọi tiêu chí của quy định.",
		       "No adding, removing or replacing of members can bring this club within "
		       "every band of the rule."));
		return;
	}
	label_advice(c, r->lang, advice, sizeof advice);
	html_f(r, "<p class=\"notice error advice\" role=\"status\">%s%lld",
	       tr(r, "Để đạt mọi tiêu chí cùng lúc, ít thay đổi nhất (",
	          "To come within every band at once, with the fewest changes ("),
	       (long long)c->plan.changes);
	html_f(r, "): %s.</p>", advice);
}

static void composition_table(struct req *r, const struct composition *c)
{
	html_f(r, "<h2 id=\"composition\">%s</h2>", tr(r, "Cơ cấu thành viên", "Composition"));
	static const char *const heads[][2] = {{"Tiêu chí", "Criterion"}, {"Số người", "People"},
	                                       {"Tỷ lệ", "Share"},        {"Quy định", "Rule"},
	                                       {"Biểu đồ", "Chart"},      {"Đánh giá", "Verdict"}};
	html_table_open(r, "composition cards", heads, 6, 1u << 1 | 1u << 2);
	html_f(r, "<tr><th>%s</th>", tr(r, "Thành viên", "Members"));
	cell(r, "num", tr(r, "Số người", "People"));
	html_int(r, c->members);
	html_lit(r, "</td><td></td>");
	cell(r, NULL, tr(r, "Quy định", "Rule"));
	html_f(r, "%d–%d%s</td><td></td>", c->min_members, c->max_members,
	       tr(r, " người", " people"));
	verdict(r, c->size_band);
	html_lit(r, "</tr>");
	share_row(r, tr(r, "Nữ", "Women"), &c->women);
	share_row(r, tr(r, "Người cao tuổi (60+)", "Older people (60+)"), &c->older);
	share_row(r, tr(r, "Người trẻ hơn", "Younger people"), &c->younger);
	html_f(r, "<tr><th>%s</th>", tr(r, "Thuộc diện khó khăn", "In hardship"));
	cell(r, "num", tr(r, "Số người", "People"));
	html_int(r, c->hardship);
	html_lit(r, "</td><td></td><td></td><td></td><td></td></tr></tbody></table></div>");
	composition_advice(r, c);
}

/* "/clubs/CODE/what" into b (the action of a club's form). */
static const char *club_action(struct buf *b, const struct club *c, const char *what)
{
	buf_init(b, 256);
	buf_adds(b, "/clubs/");
	buf_adds(b, c->code);
	buf_adds(b, what);
	return buf_str(b);
}

static void member_rows(struct req *r, const struct club *c, const struct member *v, size_t n,
                        bool edit, struct date on)
{
	char b[DATE_LEN], hs[160];
	struct buf end;
	club_action(&end, c, "/members/end");
	const char *heads[] = {tr(r, "Họ tên", "Name"),
	                       tr(r, "Giới", "Sex"),
	                       tr(r, "Sinh", "Born"),
	                       tr(r, "Diện khó khăn", "Hardship"),
	                       tr(r, "Vào / rời", "Joined / left"),
	                       tr(r, "Rời CLB", "Leaving")};
	html_lit(
	    r,
	    "<div class=\"scroll\" tabindex=\"0\"><table class=\"stack members\"><thead><tr><th>");
	html_f(r, "%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>", tr(r, "Họ tên", "Name"),
	       tr(r, "Giới", "Sex"), tr(r, "Sinh", "Born"), tr(r, "Diện khó khăn", "Hardship"),
	       tr(r, "Vào / rời", "Joined / left"));
	if (edit) {
		html_f(r, "<th>%s</th>", tr(r, "Rời CLB", "Leaving"));
	}
	html_lit(r, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct person *p = &v[i].person;
		birth_format_vn(p->birth, b);
		label_hardship(p->hardship, r->lang, hs, sizeof hs);
		html_lit(r, "<tr><td class=\"lead\">");
		html_text(r, p->full_name);
		if (v[i].volunteer) {
			html_f(r, " <small>%s</small>", tr(r, "(tình nguyện viên)", "(volunteer)"));
		}
		cell(r, NULL, heads[1]);
		html_text(r, p->sex == 'F' ? tr(r, "nữ", "F") : tr(r, "nam", "M"));
		html_lit(r, "</td>");
		cell(r, NULL, heads[2]);
		html_text(r, b);
		if (birth_age_on(p->birth, on) >= 0) {
			html_lit(r, " (");
			html_int(r, birth_age_on(p->birth, on));
			html_lit(r, ")");
		}
		html_lit(r, "</td>");
		cell(r, hs[0] ? NULL : "empty", heads[3]);
		html_text(r, hs);
		html_lit(r, "</td>");
		cell(r, NULL, heads[4]);
		html_date(r, v[i].joined_on);
		if (v[i].left_on[0]) {
			html_lit(r, " – ");
			html_date(r, v[i].left_on);
		}
		html_lit(r, "</td>");
		if (edit) {
			cell(r, v[i].left_on[0] ? "empty" : "leave", heads[5]);
			if (!v[i].left_on[0]) {
				char key[32];
				snprintf(key, sizeof key, "%lld", (long long)v[i].membership_id);
				html_form_post(r, buf_str(&end), "inline", key);
				html_f(r,
				       "<input type=\"hidden\" name=\"membership\" "
				       "value=\"%lld\"><input name=\"left_on\" required",
				       (long long)v[i].membership_id);
				html_date_attrs(r, html_kept(r, "left_on", NULL));
				html_lit(r, " aria-label=\"");
				html_attr(r,
				          tr(r, "Ngày rời (dd/mm/yyyy)", "Left on (dd/mm/yyyy)"));
				html_f(r, "\"><button class=\"link\">%s</button>",
				       tr(r, "Rời CLB", "End"));
				html_field_refusal(r, "left_on");
				html_form_end(r);
			}
			html_lit(r, "</td>");
		}
		html_lit(r, "</tr>");
	}
	html_lit(r, "</tbody></table></div>");
	buf_free(&end);
}

static void hardship_boxes(struct req *r)
{
	static const unsigned bits[] = {HARDSHIP_POOR, HARDSHIP_NEAR_POOR, HARDSHIP_DISABILITY,
	                                HARDSHIP_LIVES_ALONE, HARDSHIP_ETHNIC_MINORITY};
	html_f(r, "<fieldset><legend>%s</legend>", tr(r, "Diện khó khăn", "Hardship"));
	for (size_t i = 0; i < 5; i++) {
		char name[160], value[16];
		label_hardship(bits[i], r->lang, name, sizeof name);
		snprintf(value, sizeof value, "%u", bits[i]);
		html_check(r, name, "hardship", value, false);
	}
	html_lit(r, "</fieldset>");
}

static const char *const sexes[] = {"F", "M", NULL};

static const char *sex_label(const char *code, const char *lang)
{
	bool en = lang[0] == 'e';
	return strcmp(code, "F") == 0 ? (en ? "Female" : "Nữ") : (en ? "Male" : "Nam");
}

/* The members table shows this many current members a page (a club has 50-70;
 * on a phone each is a card of five lines). */
enum { MEMBERS_PAGE = 10 };

/* The page of current members to show: ?members=N, or the page of the member
 * whose leaving was refused (its form keeps what was typed). */
static size_t members_page_no(struct req *r, const struct member *v, size_t ncur)
{
	size_t pages = ncur ? (ncur + MEMBERS_PAGE - 1) / MEMBERS_PAGE : 1, page = 0;
	const char *posted = r->method[0] == 'P' ? req_arg(r, "membership") : NULL;
	for (size_t i = 0; posted && i < ncur; i++)
		if (v[i].membership_id == strtoll(posted, NULL, 10))
			return i / MEMBERS_PAGE + 1;
	const char *s = req_arg(r, "members");
	for (; s && *s >= '0' && *s <= '9' && page <= pages; s++)
		page = page * 10 + (size_t)(*s - '0');
	return !s || *s || page == 0 || page > pages ? 1 : page;
}

/* The current members, a page at a time, and those who left behind a <details>. */
static void members_section(struct req *r, const struct club *c, const struct member *v, size_t n,
                            bool edit, struct date on)
{
	size_t ncur = 0;
	while (ncur < n && !v[ncur].left_on[0])
		ncur++;
	size_t page = members_page_no(r, v, ncur), from = (page - 1) * MEMBERS_PAGE,
	       pages = (ncur + MEMBERS_PAGE - 1) / MEMBERS_PAGE;
	size_t shown = ncur - from < MEMBERS_PAGE ? ncur - from : MEMBERS_PAGE;
	if (shown)
		member_rows(r, c, v + from, shown, edit, on);
	if (pages > 1) {
		char day[DATE_LEN];
		date_format(on, day);
		html_f(r, "<nav class=\"pager\" aria-label=\"%s\"><p>%s",
		       tr(r, "Các trang thành viên", "Pages of members"),
		       tr(r, "Thành viên ", "Members "));
		html_f(r, "%lld–%lld%s%lld", (long long)(from + 1), (long long)(from + shown),
		       tr(r, " trên ", " of "), (long long)ncur);
		for (size_t k = 1; k <= pages; k++) {
			if (k == page)
				continue;
			html_lit(r, " · <a href=\"/clubs/");
			html_urlpart(r, c->code);
			html_lit(r, "?date=");
			html_urlpart(r, day);
			html_f(r, "&amp;members=%lld#members\">%s%lld</a>", (long long)k,
			       tr(r, "trang ", "page "), (long long)k);
		}
		html_lit(r, "</p></nav>");
	}
	if (ncur < n) {
		html_f(r, "<details class=\"former\"><summary>%s%lld%s</summary>",
		       tr(r, "Đã rời câu lạc bộ (", "Former members ("), (long long)((n - ncur)),
		       ")");
		member_rows(r, c, v + ncur, n - ncur, false, on);
		html_lit(r, "</details>");
	}
}

/* The membership of person id among the club's (current ones first), or NULL. */
static const struct member *membership_of(const struct member *m, size_t nm, int64_t id)
{
	for (size_t i = 0; i < nm; i++)
		if (m[i].person.id == id)
			return &m[i];
	return NULL;
}

/* The place of residence of a new member by name: the club's commune or one of
 * its villages (a list, no JavaScript needed), or the code of a place elsewhere. */
static void residence_fields(struct req *r, const struct club *c)
{
	struct place commune, *v = NULL;
	size_t n = 0;
	struct date today = date_today_vn();
	const char *other = html_kept(r, "place_other", NULL);
	const char *cur = other && other[0] ? NULL : html_kept(r, "place", c->place_code);
	bool found = place_get(&r->x, c->place_code, today, &commune) == NCT_OK;
	if (found && place_children(&r->x, commune.id, today, &v, &n) != NCT_OK)
		n = 0;
	html_f(r, "<label>%s<select name=\"place\">", tr(r, "Nơi ở", "Lives in"));
	html_option(r, c->place_code, found ? commune.name : c->place_code,
	            cur && strcmp(cur, c->place_code) == 0);
	for (size_t i = 0; i < n; i++) {
		char label[2 * TEXT_BYTES(PLACE_NAME_MAX) + 2];
		snprintf(label, sizeof label, "%s, %s", v[i].name, found ? commune.name : "");
		html_option(r, v[i].code, label, cur && strcmp(cur, v[i].code) == 0);
	}
	free(v);
	html_lit(r, "</select>");
	html_field_refusal(r, "place");
	html_lit(r, "</label>");
	html_field(r,
	           tr(r, "hoặc mã nơi ở khác (xã, phường ngoài địa bàn CLB)",
	              "or the code of another place (a commune outside the club's)"),
	           "place_other", "text", NULL, false);
}

/* Search first (to avoid a second record for the same human), then add; those
 * found who are members already are marked, and are not offered again. */
static void add_member_forms(struct req *r, const struct club *c, const struct member *m, size_t nm)
{
	const char *q = req_arg(r, "q");
	struct buf action;
	club_action(&action, c, "/members");
	html_f(r, "<h2 id=\"add\">%s</h2>", tr(r, "Thêm thành viên", "Add a member"));
	/* folded, open for a club without members, after a search, or when the
	 * form came back refused */
	size_t ncur = 0;
	for (size_t i = 0; i < nm; i++)
		ncur += !m[i].left_on[0];
	const char *end = "/members";
	size_t plen = strlen(r->path), elen = strlen(end);
	bool refused = r->rf.code && plen >= elen && strcmp(r->path + plen - elen, end) == 0;
	html_fold_open(r, ncur == 0 || (q && q[0]) || refused,
	               tr(r, "Tìm người đã có, hoặc thêm người mới",
	                  "Find someone already recorded, or add a new person"));
	html_lit(r, "<form method=\"get\" action=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "#add\" class=\"filters\">");
	html_field(r, tr(r, "Tìm người đã có (không cần dấu)", "Find someone already recorded"),
	           "q", "search", q, true);
	html_f(r, "<button>%s</button></form>", tr(r, "Tìm", "Find"));
	if (q && q[0]) {
		struct person *v = NULL;
		size_t n = 0;
		person_search(&r->x, q, 20, &v, &n);
		if (!n)
			html_notice(r, "ok",
			            tr(r, "Không tìm thấy: hãy thêm người mới bên dưới.",
			               "Nobody found: add a new person below."));
		for (size_t i = 0; i < n; i++) {
			char b[DATE_LEN], key[32];
			birth_format_vn(v[i].birth, b);
			const struct member *was = membership_of(m, nm, v[i].id);
			if (was && !was->left_on[0]) {
				html_f(r,
				       "<p class=\"card member-already\"><strong>%s</strong> · %s "
				       "· %s<br><span class=\"badge\">%s",
				       v[i].full_name, b, v[i].place_name,
				       tr(r, "Đã là thành viên của câu lạc bộ này từ ",
				          "Already a member of this club since "));
				html_date(r, was->joined_on);
				html_lit(r, "</span></p>");
				continue;
			}
			snprintf(key, sizeof key, "person-%lld", (long long)v[i].id);
			html_form_post(r, buf_str(&action), "card", key);
			html_lit(r, "<input type=\"hidden\" name=\"person\" value=\"");
			html_int(r, v[i].id);
			html_f(r, "\"><strong>%s</strong> · %s · %s", v[i].full_name, b,
			       v[i].place_name);
			if (was) {
				html_lit(r, "<br><span class=\"badge\">");
				html_text(r, tr(r, "Từng là thành viên, đã rời ngày ",
				                "A former member, left on "));
				html_date(r, was->left_on);
				html_lit(r, "</span>");
			}
			html_field(r, tr(r, "Ngày vào CLB", "Joined on"), "joined_on", "date", NULL,
			           true);
			html_f(r, "<button>%s</button>",
			       tr(r, "Thêm người này", "Add this person"));
			html_form_end(r);
		}
		free(v);
	}
	html_form_post(r, buf_str(&action), "card", NULL);
	html_f(r, "<h3>%s</h3>", tr(r, "Người mới", "A new person"));
	html_field(r, tr(r, "Họ tên", "Full name"), "full_name", "text", NULL, true);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Giới tính", "Sex"));
	html_select(r, "sex", sexes, sex_label, "F", NULL);
	html_lit(r, "</label>");
	html_field(
	    r,
	    tr(r, "Năm sinh (dd/mm/yyyy, mm/yyyy hoặc yyyy)", "Born (dd/mm/yyyy, mm/yyyy or yyyy)"),
	    "birth", "text", NULL, true);
	residence_fields(r, c);
	hardship_boxes(r);
	html_check(r, tr(r, "Tình nguyện viên chăm sóc tại nhà", "Home-care volunteer"),
	           "volunteer", "1", false);
	html_field(r, tr(r, "Ngày vào CLB", "Joined on"), "joined_on", "date", NULL, true);
	html_f(r, "<button>%s</button>", tr(r, "Thêm", "Add"));
	html_form_end(r);
	html_lit(r, "</details>");
	buf_free(&action);
}

static void club_facts(struct req *r, const struct club *c)
{
	html_f(r,
	       "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s",
	       tr(r, "Mã", "Code"), c->code, tr(r, "Loại", "Kind"),
	       label_club_kind(c->kind, r->lang), tr(r, "Xã/phường", "Commune"), c->place_name);
	if (c->village_name[0]) {
		html_text(r, ", ");
		html_text(r, c->village_name);
	}
	html_f(r, "</dd><dt>%s</dt><dd>", tr(r, "Thành lập", "Founded"));
	html_date(r, c->founded_on);
	html_f(r, "%s%s</dd><dt>%s</dt><dd>%s", c->cohort[0] ? " · " : "", c->cohort,
	       tr(r, "Trạng thái", "Status"),
	       c->status[0] ? label_club_status(c->status, r->lang)
	                    : tr(r, "chưa thành lập", "not founded yet"));
	if (c->status_since[0]) {
		html_text(r, tr(r, " từ ", " since "));
		html_date(r, c->status_since);
	}
	html_lit(r, "</dd></dl>");
}

/* A link to a part of the club's page (#id) or to a page of its own (/what). */
static void section_link(struct req *r, const struct club *c, const char *where, const char *label)
{
	html_lit(r, "<li><a href=\"");
	if (where[0] == '/') {
		html_lit(r, "/clubs/");
		html_urlpart(r, c->code);
	}
	html_f(r, "%s\">%s</a></li>", where, label);
}

/* The page is long: what is on it, and the club's pages of activities and funds. */
static void club_sections(struct req *r, const struct club *c, bool edit)
{
	html_f(r, "<nav class=\"sections\" aria-label=\"%s\"><ul>",
	       tr(r, "Các phần của câu lạc bộ", "The club's sections"));
	section_link(r, c, "#composition", tr(r, "Cơ cấu", "Composition"));
	section_link(r, c, "#members", tr(r, "Thành viên", "Members"));
	if (edit)
		section_link(r, c, "#add", tr(r, "Thêm thành viên", "Add a member"));
	section_link(r, c, "#files", tr(r, "Tải về", "Downloads"));
	section_link(r, c, "#activities", tr(r, "Hoạt động gần đây", "Recent activities"));
	section_link(r, c, "#assessments", tr(r, "Đánh giá", "Assessments"));
	section_link(r, c, "#quy", tr(r, "Quỹ", "Funds"));
	section_link(r, c, "#cho-vay", tr(r, "Cho vay", "Loans"));
	section_link(r, c, "/activities", tr(r, "Trang hoạt động", "The activities page"));
	section_link(r, c, "/funds", tr(r, "Trang quỹ và cho vay", "The funds and loans page"));
	html_lit(r, "</ul></nav>");
}

static void club_page(struct req *r)
{
	struct date on;
	struct club c;
	struct composition comp;
	if (resp_bad_date(r, &on) || !route_club(r, on, &c))
		return;
	struct member *v = NULL;
	size_t n = 0;
	nct_err e = club_composition(&r->x, &c, on, &comp);
	if (!e)
		e = club_members(&r->x, &c, &v, &n);
	if (resp_failed(r, e))
		return;
	bool edit = access_club(&r->x, &c, ACCESS_CHANGE) == NCT_OK;
	char day[DATE_LEN];
	date_format(on, day);
	page_begin(r, c.name);
	html_refusal(r);
	html_day_form(r, day);
	club_facts(r, &c);
	club_sections(r, &c, edit);
	composition_table(r, &comp);
	html_f(r, "<h2 id=\"members\">%s</h2>", tr(r, "Thành viên", "Members"));
	members_section(r, &c, v, n, edit, on);
	/* the forms that change the club, folded (open when one of them came back refused) */
	if (edit) {
		html_fold_open(r, r->rf.code != 0,
		               tr(r, "Quản lý câu lạc bộ: ban chủ nhiệm, trạng thái, tên",
		                  "Managing the club: board, status, name"));
		club_admin_section(r, &c, v, n);
		html_lit(r, "</details>");
	}
	export_club_tools(r, &c, edit);
	if (edit)
		add_member_forms(r, &c, v, n);
	free(v);
	club_activity_section(r, &c, edit);
	club_assessment_section(r, &c);
	club_funds_summary(r, &c, on);
	page_end(r);
}

void page_club(struct req *r)
{
	club_page(r);
}

/* The hardship boxes ticked, one flag each; false (r->rf) for a value that is
 * not a whole number an unsigned holds. */
static bool hardship_bits(struct req *r, unsigned *bits)
{
	*bits = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		long long v;
		if (strcmp(r->form.fields[i].key, "hardship") != 0)
			continue;
		if (!req_number(r, "hardship", r->form.fields[i].value, 0, UINT_MAX, &v))
			return false;
		*bits |= (unsigned)v;
	}
	return true;
}

/* Adds an existing person (field person) or a new one (full_name, sex, birth, place). */
void page_member_add(struct req *r)
{
	struct club c;
	if (!route_club(r, date_today_vn(), &c))
		return;
	nct_err e;
	struct membership_new m = {0, req_arg(r, "joined_on"), req_arg(r, "volunteer") != NULL};
	const char *pid = req_arg(r, "person");
	const char *other = req_arg(r, "place_other");
	struct person_new p = {req_arg(r, "full_name"), req_arg(r, "sex"), req_arg(r, "birth"),
	                       other && other[0] ? other : req_arg(r, "place"), 0};
	struct person added = {0};
	if (!pid && !hardship_bits(r, &p.hardship)) {
		e = NCT_ERR_INVALID;
	} else if (pid) {
		e = req_id(r, "person", &m.person_id) ? club_add_member(&r->x, &c, &m, &r->rf)
		                                      : NCT_ERR_INVALID;
		if (!e && person_get(&r->x, m.person_id, &added) != NCT_OK)
			added.full_name[0] = '\0';
	} else {
		e = club_add_new_person(&r->x, &c, &p, &m, &r->rf);
		if (!e)
			text_copy(added.full_name, sizeof added.full_name, p.full_name);
	}
	if (resp_form_again(r, e, club_page))
		return;
	struct buf loc;
	resp_redirect_notice(r, club_action(&loc, &c, ""), NOTICE_MEMBER_ADDED, added.full_name);
	buf_free(&loc);
}

/* The name of the member whose membership is id, into out ("" when not found). */
static void member_name(struct req *r, const struct club *c, int64_t id, char *out, size_t cap)
{
	struct member *v = NULL;
	size_t n = 0;
	out[0] = '\0';
	if (club_members(&r->x, c, &v, &n) == NCT_OK)
		for (size_t i = 0; i < n; i++)
			if (v[i].membership_id == id)
				text_copy(out, cap, v[i].person.full_name);
	free(v);
}

void page_member_end(struct req *r)
{
	struct club c;
	if (!route_club(r, date_today_vn(), &c))
		return;
	const char *mid = req_arg(r, "membership");
	int64_t id = mid ? strtoll(mid, NULL, 10) : 0;
	nct_err e = club_end_member(&r->x, &c, id, req_arg(r, "left_on"), &r->rf);
	if (e) {
		if (resp_form_refused(r, e, e == NCT_ERR_INVALID || e == NCT_ERR_NOTFOUND))
			club_page(r);
		return;
	}
	char name[160];
	member_name(r, &c, id, name, sizeof name);
	struct buf loc;
	resp_redirect_notice(r, club_action(&loc, &c, ""), NOTICE_MEMBER_LEFT, name);
	buf_free(&loc);
}

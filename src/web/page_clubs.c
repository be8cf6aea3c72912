/* page_clubs.c - Câu lạc bộ: the list of clubs, one club with its composition
 * and members. */
#include <stdlib.h>
#include <string.h>

#include "../domain/club.h"
#include "../domain/access.h"
#include "../domain/place.h"
#include "../base/text.h"
#include "labels.h"
#include "html.h"
#include "lookup.h"
#include "notice.h"
#include "page_clubs.h"
#include "page_programme.h"

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* A filter's select: every code, or "all". */
static void filter_select(struct req *r, const char *name, const char *label,
                          const char *const *codes,
                          const char *(*words)(const char *code, const char *lang))
{
	html_lit(r, "<label>");
	html_text(r, label);
	html_select(r, name, codes, words, req_arg(r, name), tr(r, "Tất cả", "All"));
	html_lit(r, "</label>");
}

static void club_filters(struct req *r, const char *day)
{
	static const char *const cohorts[] = {"2016-2021", "2022-2025", NULL};
	static const char *const given_any[] = {"place", "status", "cohort", "kind", "q", NULL};
	bool open = false;
	for (size_t i = 0; given_any[i]; i++)
		open = open || nonempty(req_arg(r, given_any[i]));
	/* one line on a phone until opened; open when a filter is in use (and on a wide
	 * screen, by app.js) */
	if (open)
		html_lit(r, "<details class=\"filter-box\" open><summary>");
	else
		html_lit(r, "<details class=\"filter-box\"><summary>");
	html_f(r, "%s</summary><form method=\"get\" action=\"/clubs\" class=\"filters\">",
	       tr(r, "Lọc danh sách", "Filter the list"));
	html_field(r, tr(r, "Ngày", "Date"), "date", "date", day, false);
	html_field(r, tr(r, "Địa bàn (tên hoặc mã)", "Place (name or code)"), "place", "search",
	           req_arg(r, "place"), false);
	filter_select(r, "status", tr(r, "Trạng thái", "Status"), club_statuses, label_club_status);
	filter_select(r, "cohort", tr(r, "Giai đoạn thành lập", "Founded"), cohorts, NULL);
	filter_select(r, "kind", tr(r, "Loại", "Kind"), club_kinds, label_club_kind);
	html_field(r, tr(r, "Tên (không cần dấu)", "Name (no diacritics needed)"), "q", "search",
	           req_arg(r, "q"), false);
	html_f(r, "<button>%s</button></form></details>", tr(r, "Lọc", "Filter"));
}

static void club_rows(struct req *r, const struct club *v, size_t n, const char *day)
{
	static const char *const heads[][2] = {{"Câu lạc bộ", "Club"},
	                                       {"Xã/phường", "Commune"},
	                                       {"Thành lập", "Founded"},
	                                       {"Trạng thái", "Status"},
	                                       {"Thành viên", "Members"}};
	html_table_open(r, NULL, heads, 5, 1u << 4);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		html_dated_link(r, "/clubs/", v[i].code, day, v[i].name);
		html_f(r, "<br><small>%s%s%s</small></td><td>%s</td><td>", v[i].code, " · ",
		       label_club_kind(v[i].kind, r->lang), v[i].place_name);
		html_date(r, v[i].founded_on);
		html_f(r, "<br><small>%s</small></td><td>%s</td><td class=\"num\">", v[i].cohort,
		       label_club_status(v[i].status, r->lang));
		html_int(r, v[i].members);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void club_form(struct req *r)
{
	html_f(r, "<h2 id=\"new\">%s</h2>", tr(r, "Thêm câu lạc bộ", "Add a club"));
	html_refusal(r);
	html_form_post(r, "/clubs", "card", NULL);
	html_field(r, tr(r, "Mã", "Code"), "code", "text", NULL, true);
	html_field(r, tr(r, "Tên", "Name"), "name", "text", NULL, true);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Loại", "Kind"));
	html_select(r, "kind", club_kinds, label_club_kind, NULL, NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Mã xã/phường", "Commune code"), "place", "text",
	           r->sess.user.place_code, true);
	html_field(r, tr(r, "Mã thôn (không bắt buộc)", "Village code (optional)"), "village",
	           "text", NULL, false);
	html_field(r, tr(r, "Ngày thành lập", "Founded on"), "founded_on", "date", NULL, true);
	html_f(r, "<button>%s</button>", tr(r, "Thêm", "Add"));
	html_form_end(r);
}

/* Does the folded name say the folded query with only a level word before it
 * ("phuong kon tum" names "kon tum"; "xa song kon" does not name "kon")? */
static bool names_it(const char *name, const char *query)
{
	static const char *const levels[] = {
	    "tinh",   "thanh pho", "dac khu",    "xa", "phuong", "thi tran", "huyen", "quan",
	    "thi xa", "thon",      "to dan pho", "ap", "ban",    "buon",     "lang",  "plei"};
	size_t n = strlen(name), q = strlen(query);
	if (n == q)
		return strcmp(name, query) == 0;
	if (n < q + 2 || strcmp(name + n - q, query) != 0 || name[n - q - 1] != ' ')
		return false;
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		if (strlen(levels[i]) == n - q - 1 && strncmp(name, levels[i], n - q - 1) == 0)
			return true;
	return false;
}

/* The place typed into the filter: its code, or a name (no diacritics
 * needed) of a unit in force on `on` that x sees. *out is the one it names, or
 * cand holds the units it might mean (none: nothing by that name). */
nct_err typed_place(struct req *r, const char *typed, struct date on, struct place *out,
                    struct place **cand, size_t *n)
{
	out->code[0] = '\0';
	nct_err e = place_search(&r->x, typed, on, 20, cand, n);
	if (e)
		return e;
	char *q = text_fold_dup(typed);
	size_t named = 0, which = 0;
	for (size_t i = 0; q && i < *n; i++) {
		char *f = text_fold_dup((*cand)[i].name);
		if (strcmp((*cand)[i].code, typed) == 0) {
			named = 1;
			which = i;
			free(f);
			break;
		}
		if (f && names_it(f, q)) {
			named++;
			which = i;
		}
		free(f);
	}
	free(q);
	if (named == 1 || *n == 1) {
		*out = (*cand)[*n == 1 ? 0 : which];
		free(*cand);
		*cand = NULL;
		*n = 0;
	}
	return NCT_OK;
}

/* The filters' query string without the place: the links of a choice of places. */
static void place_choice(struct req *r, const struct place *v, size_t n, const char *typed)
{
	static const char *const kept[] = {"date", "status", "cohort", "kind", "q", NULL};
	place_choice_links(r, "/clubs", kept, v, n, typed);
}

void place_choice_links(struct req *r, const char *path, const char *const *kept,
                        const struct place *v, size_t n, const char *typed)
{
	html_lit(r, "<div class=\"notice error\" role=\"status\"><p>");
	if (!n) {
		html_f(r, "%s%s%s</p></div>",
		       tr(r, "Không có địa bàn nào tên “", "No place in your area is named “"),
		       typed,
		       tr(r,
		          "” trong phạm vi của bạn. Hãy gõ tên khác (không cần dấu) hoặc mã địa "
		          "bàn; các bộ lọc khác vẫn được giữ.",
		          "”. Type another name (diacritics not needed) or a place code; the other "
		          "filters are kept."));
		return;
	}
	html_f(r, "%s%s%s</p><ul>", tr(r, "Có nhiều địa bàn khớp với “", "Several places match “"),
	       typed, tr(r, "”. Hãy chọn một:", "”. Choose one:"));
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<li><a href=\"%s?place=", path);
		html_urlpart(r, v[i].code);
		for (size_t k = 0; kept[k]; k++) {
			const char *a = nonempty(req_arg(r, kept[k]));
			if (!a)
				continue;
			html_lit(r, "&amp;");
			html_urlpart(r, kept[k]);
			html_lit(r, "=");
			html_urlpart(r, a);
		}
		html_f(r, "\">%s</a> <small>%s%s%s</small></li>", v[i].name,
		       label_place_level(v[i].level, r->lang), " · ", v[i].code);
	}
	html_lit(r, "</ul></div>");
}

/* Which figure the list shows the clubs of, and the way back to it. */
static void indicator_note(struct req *r, const struct indicator_report *rep, const char *code)
{
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *d = &rep->ind[i];
		if (strcmp(d->code, code) != 0)
			continue;
		html_lit(r, "<p class=\"notice\">");
		html_text(
		    r, tr(r, "Các câu lạc bộ được tính vào chỉ tiêu “", "The clubs counted in “"));
		programme_indicator_name(r, d);
		html_text(r, tr(r, "” (", "” ("));
		programme_value(r, d);
		html_f(r, "%s%s%s", tr(r, ") của ", ") of "),
		       rep->has_place ? rep->place.name
		                      : tr(r, "cả phạm vi của bạn", "your whole area"),
		       tr(r, ", ngày ", ", on "));
		html_day(r, rep->window.to);
		html_text(r, ". ");
		html_lit(r, "<a href=\"/programme?");
		programme_link_query(r, rep);
		html_f(r, "\">%s</a></p>",
		       tr(r, "← Chỉ tiêu chương trình", "← Programme indicators"));
	}
}

/* The clubs list shows this many a page (a province has a thousand). */
enum { CLUBS_PAGE = 100 };

/* ?page=N (1 when absent or not a number in range) */
static size_t clubs_page_no(struct req *r, size_t n)
{
	const char *s = nonempty(req_arg(r, "page"));
	size_t page = 0, pages = n ? (n + CLUBS_PAGE - 1) / CLUBS_PAGE : 1;
	for (; s && *s >= '0' && *s <= '9' && page <= pages; s++)
		page = page * 10 + (size_t)(*s - '0');
	return !s || *s || page == 0 || page > pages ? 1 : page;
}

/* Links to the other pages of the list, keeping every filter. */
static void clubs_pager(struct req *r, size_t page, size_t n)
{
	static const char *const kept[] = {"place", "date",      "status", "cohort", "kind",
	                                   "q",     "indicator", "plan",   "period", "window"};
	size_t pages = (n + CLUBS_PAGE - 1) / CLUBS_PAGE;
	if (pages < 2)
		return;
	html_f(r, "<nav class=\"pager\" aria-label=\"%s\"><p>%s",
	       tr(r, "Các trang của danh sách", "Pages of the list"), tr(r, "Trang ", "Page "));
	html_f(r, "%lld/%lld ", (long long)page, (long long)pages);
	for (int k = 0; k < 2; k++) {
		size_t to = k == 0 ? page - 1 : page + 1;
		if (to < 1 || to > pages)
			continue;
		html_lit(r, " <a href=\"/clubs?page=");
		html_int(r, (int64_t)to);
		for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
			const char *a = req_arg(r, kept[i]);
			if (!a || (!a[0] && strcmp(kept[i], "place") != 0))
				continue;
			html_lit(r, "&amp;");
			html_urlpart(r, kept[i]);
			html_lit(r, "=");
			html_urlpart(r, a);
		}
		html_f(r, "\">%s</a>", html_pager_word(r, k == 1));
	}
	html_lit(r, "</p></nav>");
}

void page_clubs(struct req *r)
{
	struct date on;
	if (resp_bad_date(r, &on))
		return;
	bool get = r->method[0] == 'G';
	/* ?indicator=CODE (with the programme's ?place, ?period, ?window, ?date):
	 * the clubs behind that figure, as the domain counts them; ?place is then
	 * the indicator's */
	const char *ind = get ? nonempty(req_arg(r, "indicator")) : NULL;
	const char *typed = get && !ind ? nonempty(req_arg(r, "place")) : NULL;
	struct club_filter f = {NULL, get ? nonempty(req_arg(r, "status")) : NULL,
	                        get ? nonempty(req_arg(r, "cohort")) : NULL,
	                        get ? nonempty(req_arg(r, "kind")) : NULL,
	                        get ? nonempty(req_arg(r, "q")) : NULL};
	struct place where = {0}, *cand = NULL;
	size_t ncand = 0;
	nct_err e = typed ? typed_place(r, typed, on, &where, &cand, &ncand) : NCT_OK;
	if (where.code[0])
		f.place_code = where.code;
	struct indicator_report rep;
	int64_t *ids = NULL;
	if (ind) {
		struct indicator_query q;
		if (!programme_query(r, &q))
			return;
		if ((e = indicator_clubs(&r->x, &q, ind, &rep, &ids, &f.nids))) {
			programme_error(r, e);
			return;
		}
		f.by_ids = true;
		f.ids = ids;
		on = rep.window.to;
	}
	struct club *v = NULL;
	size_t n = 0;
	if (!e && (!typed || where.code[0]))
		e = club_list(&r->x, &f, on, &v, &n);
	free(ids);
	if (e) {
		free(cand);
		route_place_error(r, e, f.place_code);
		return;
	}
	char day[DATE_LEN];
	date_format(on, day);
	page_begin(r, tr(r, "Câu lạc bộ", "Clubs"));
	html_f(r, "<p><a href=\"/programme\">%s</a></p>",
	       tr(r, "Chỉ tiêu chương trình Câu lạc bộ Liên thế hệ tự giúp nhau →",
	          "Indicators of the Intergenerational Self-Help Club programme →"));
	struct refusal refused = r->rf; /* the add form's, not the filters' */
	r->rf.code = RF_NONE;
	club_filters(r, day);
	r->rf = refused;
	if (ind)
		indicator_note(r, &rep, ind);
	if (typed && !where.code[0]) {
		place_choice(r, cand, ncand, typed);
	} else {
		html_f(r, "<p>%lld%s", (long long)n, tr(r, " câu lạc bộ", " clubs"));
		if (where.code[0]) {
			html_f(r, "%s%s (%s)", tr(r, " ở ", " in "), where.name, where.code);
		}
		html_lit(r, "</p>");
	}
	free(cand);
	if (n) {
		size_t page = get ? clubs_page_no(r, n) : 1, from = (page - 1) * CLUBS_PAGE;
		club_rows(r, v + from, n - from < CLUBS_PAGE ? n - from : CLUBS_PAGE, day);
		clubs_pager(r, page, n);
	}
	free(v);
	if (access_changes(&r->x))
		club_form(r);
	page_end(r);
}

void page_club_add(struct req *r)
{
	struct club_new in = {req_arg(r, "code"),  req_arg(r, "name"),       req_arg(r, "kind"),
	                      req_arg(r, "place"), req_arg(r, "founded_on"), req_arg(r, "village")};
	int64_t id;
	if (resp_form_again(r, club_create(&r->x, &in, &id, &r->rf), page_clubs))
		return;
	struct buf loc;
	buf_init(&loc, 128);
	buf_adds(&loc, "/clubs/");
	buf_adds(&loc, in.code);
	resp_redirect_notice(r, buf_str(&loc), NOTICE_CLUB_ADDED, in.name);
	buf_free(&loc);
}

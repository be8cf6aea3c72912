/* page_clubs.c - Câu lạc bộ: the list of clubs, one club with its composition
 * and members. */
#include <stdlib.h>
#include <string.h>

#include "../domain/club.h"
#include "../domain/access.h"
#include "labels.h"
#include "html.h"
#include "lookup.h"
#include "page_clubs.h"

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
	html_lit(r, "<form method=\"get\" action=\"/clubs\" class=\"filters\">");
	html_field(r, tr(r, "Ngày", "Date"), "date", "date", day, false);
	html_field(r, tr(r, "Mã địa bàn", "Place code"), "place", "text", req_arg(r, "place"),
	           false);
	filter_select(r, "status", tr(r, "Trạng thái", "Status"), club_statuses, label_club_status);
	filter_select(r, "cohort", tr(r, "Giai đoạn thành lập", "Founded"), cohorts, NULL);
	filter_select(r, "kind", tr(r, "Loại", "Kind"), club_kinds, label_club_kind);
	html_field(r, tr(r, "Tên (không cần dấu)", "Name (no diacritics needed)"), "q", "search",
	           req_arg(r, "q"), false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Lọc", "Filter"));
	html_lit(r, "</button></form>");
}

static void club_link(struct req *r, const struct club *c, const char *day)
{
	html_lit(r, "<a href=\"/clubs/");
	html_urlpart(r, c->code);
	html_lit(r, "?date=");
	html_urlpart(r, day);
	html_lit(r, "\">");
	html_text(r, c->name);
	html_lit(r, "</a>");
}

static void club_rows(struct req *r, const struct club *v, size_t n, const char *day)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th>");
	html_text(r, tr(r, "Câu lạc bộ", "Club"));
	html_lit(r, "</th><th>");
	html_text(r, tr(r, "Xã/phường", "Commune"));
	html_lit(r, "</th><th>");
	html_text(r, tr(r, "Thành lập", "Founded"));
	html_lit(r, "</th><th>");
	html_text(r, tr(r, "Trạng thái", "Status"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Thành viên", "Members"));
	html_lit(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<tr><td>");
		club_link(r, &v[i], day);
		html_lit(r, "<br><small>");
		html_text(r, v[i].code);
		html_text(r, " · ");
		html_text(r, label_club_kind(v[i].kind, r->lang));
		html_lit(r, "</small></td><td>");
		html_text(r, v[i].place_name);
		html_lit(r, "</td><td>");
		html_date(r, v[i].founded_on);
		html_lit(r, "<br><small>");
		html_text(r, v[i].cohort);
		html_lit(r, "</small></td><td>");
		html_text(r, label_club_status(v[i].status, r->lang));
		html_lit(r, "</td><td class=\"num\">");
		html_int(r, v[i].members);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void club_form(struct req *r)
{
	html_lit(r, "<h2 id=\"new\">");
	html_text(r, tr(r, "Thêm câu lạc bộ", "Add a club"));
	html_lit(r, "</h2>");
	html_refusal(r);
	html_lit(r, "<form method=\"post\" action=\"/clubs\" class=\"card\">");
	html_csrf(r);
	bool post = r->method[0] == 'P';
	html_field(r, tr(r, "Mã", "Code"), "code", "text", post ? req_arg(r, "code") : "", true);
	html_field(r, tr(r, "Tên", "Name"), "name", "text", post ? req_arg(r, "name") : "", true);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Loại", "Kind"));
	html_select(r, "kind", club_kinds, label_club_kind, post ? req_arg(r, "kind") : NULL, NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Mã xã/phường", "Commune code"), "place", "text",
	           post ? req_arg(r, "place") : r->sess.user.place_code, true);
	html_field(r, tr(r, "Mã thôn (không bắt buộc)", "Village code (optional)"), "village",
	           "text", post ? req_arg(r, "village") : "", false);
	html_field(r, tr(r, "Ngày thành lập", "Founded on"), "founded_on", "date",
	           post ? req_arg(r, "founded_on") : "", true);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Thêm", "Add"));
	html_lit(r, "</button></form>");
}

static void clubs_page(struct req *r)
{
	struct date on;
	if (!req_date(r, &on)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
		return;
	}
	bool get = r->method[0] == 'G';
	struct club_filter f = {
	    get ? nonempty(req_arg(r, "place")) : NULL, get ? nonempty(req_arg(r, "status")) : NULL,
	    get ? nonempty(req_arg(r, "cohort")) : NULL, get ? nonempty(req_arg(r, "kind")) : NULL,
	    get ? nonempty(req_arg(r, "q")) : NULL};
	struct club *v = NULL;
	size_t n = 0;
	nct_err e = club_list(&r->x, &f, on, &v, &n);
	if (e) {
		route_place_error(r, e, f.place_code);
		return;
	}
	char day[DATE_LEN];
	date_format(on, day);
	page_begin(r, tr(r, "Câu lạc bộ", "Clubs"));
	html_lit(r, "<p><a href=\"/programme\">");
	html_text(r, tr(r, "Chỉ tiêu chương trình Câu lạc bộ Liên thế hệ tự giúp nhau →",
	                "Indicators of the Intergenerational Self-Help Club programme →"));
	html_lit(r, "</a></p>");
	struct refusal refused = r->rf; /* the add form's, not the filters' */
	r->rf.code = RF_NONE;
	club_filters(r, day);
	r->rf = refused;
	html_lit(r, "<p>");
	html_int(r, (int64_t)n);
	html_text(r, tr(r, " câu lạc bộ", " clubs"));
	html_lit(r, "</p>");
	if (n)
		club_rows(r, v, n, day);
	free(v);
	if (access_changes(&r->x))
		club_form(r);
	page_end(r);
}

void page_clubs(struct req *r)
{
	clubs_page(r);
}

void page_club_add(struct req *r)
{
	struct club_new in = {req_arg(r, "code"),  req_arg(r, "name"),       req_arg(r, "kind"),
	                      req_arg(r, "place"), req_arg(r, "founded_on"), req_arg(r, "village")};
	int64_t id;
	nct_err e = club_create(&r->x, &in, &id, &r->rf);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		clubs_page(r);
		return;
	}
	if (e) {
		resp_refusal(r, e, &r->rf);
		return;
	}
	struct buf loc;
	buf_init(&loc, 128);
	buf_adds(&loc, "/clubs/");
	buf_adds(&loc, in.code);
	resp_redirect(r, buf_str(&loc));
	buf_free(&loc);
}

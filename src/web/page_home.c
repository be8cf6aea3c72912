/* page_home.c - Tổng quan: the dashboard shell. */
#include <stdlib.h>

#include "../domain/access.h"
#include "../domain/club.h"
#include "../domain/worklist.h"
#include "../domain/org.h"
#include "../domain/place.h"
#include "../domain/user.h"
#include "html.h"
#include "page_auth.h"
#include "page_home.h"

static void tile(struct req *r, const char *href, const char *label, int64_t n, const char *note)
{
	html_lit(r, "<a class=\"tile\" href=\"");
	html_attr(r, href);
	html_lit(r, "\"><span class=\"num\">");
	html_int(r, n);
	html_lit(r, "</span><span>");
	html_text(r, label);
	html_lit(r, "</span><small>");
	html_text(r, note);
	html_lit(r, "</small></a>");
}

static void link_tile(struct req *r, const char *href, const char *label, const char *note)
{
	html_lit(r, "<a class=\"tile\" href=\"");
	html_attr(r, href);
	html_lit(r, "\"><span class=\"big\">");
	html_text(r, label);
	html_lit(r, "</span><small>");
	html_text(r, note);
	html_lit(r, "</small></a>");
}

/* The two work lists of the allowances: counts for a commune's officers (a
 * pass over the commune's people), a link for the others. */
static void worklist_tiles(struct req *r, struct date today)
{
	struct place up;
	size_t ne = 0, nr = 0;
	if (!access_sensitive(&r->x))
		return;
	bool commune = r->sess.user.place_id && !place_by_id(&r->x, r->sess.user.place_id, &up) &&
	               up.level >= PLACE_COMMUNE;
	if (!commune ||
	    worklist_counts(&r->x, r->sess.user.place_code, today, &ne, &nr, NULL) != NCT_OK) {
		link_tile(r, "/worklists", tr(r, "Rà soát trợ cấp", "Allowance work lists"),
		          tr(r, "đủ điều kiện chưa hưởng; đang hưởng không đúng",
		             "eligible not receiving; receiving not eligible"));
		return;
	}
	tile(r, "/worklists?kind=eligible-not-receiving",
	     tr(r, "Đủ điều kiện, chưa hưởng trợ cấp", "Eligible, not receiving"), (int64_t)ne,
	     tr(r, "hôm nay, cần lập hồ sơ", "today: to be decided"));
	tile(r, "/worklists?kind=receiving-not-eligible",
	     tr(r, "Đang hưởng, không đúng chế độ", "Receiving, not eligible"), (int64_t)nr,
	     tr(r, "hôm nay, cần điều chỉnh hoặc thôi chi trả", "today: to adjust or stop"));
}

static void soon(struct req *r, const char *label, const char *note)
{
	html_lit(r, "<div class=\"tile soon\"><span>");
	html_text(r, label);
	html_lit(r, "</span><small>");
	html_text(r, note);
	html_lit(r, "</small></div>");
}

/* A user bound to a body that has ended acts for its successor (ctx.h): say
 * so, with the day it ended; *acting is the successor ("" name when none). */
static void ended_body(struct req *r, struct org *acting)
{
	struct org own;
	acting->name[0] = '\0';
	if (!r->x.acting_org_id || org_by_id(&r->x, r->x.org_id, &own) != NCT_OK ||
	    org_by_id(&r->x, r->x.acting_org_id, acting) != NCT_OK)
		return;
	html_lit(r, "<p class=\"notice ended-body\" role=\"status\">");
	html_text(r, own.name);
	html_text(r, " (");
	html_text(r, own.place_name);
	html_text(r, tr(r, ") đã kết thúc hoạt động ngày ", ") ended on "));
	html_date(r, own.valid_to);
	html_text(r, tr(r, "; cơ quan kế nhiệm là ", "; its successor is "));
	html_lit(r, "<strong>");
	html_text(r, acting->name);
	html_lit(r, "</strong>");
	html_text(r, tr(r, ". Số liệu dưới đây là của cơ quan kế nhiệm (địa bàn ",
	                ". The figures below are the successor's (area: "));
	html_text(r, acting->place_name);
	html_lit(r, ").</p>");
}

void page_home(struct req *r)
{
	if (!r->x.authed) { /* the home of someone not logged in is the login form */
		page_login_form(r);
		return;
	}
	struct date today = date_today_vn();
	struct org *orgs = NULL;
	size_t norgs = 0;
	int64_t communes = 0;
	nct_err e = org_list(&r->x, today, NULL, &orgs, &norgs);
	free(orgs);
	if (!e)
		e = place_count(&r->x, today, PLACE_COMMUNE, &communes);
	/* the clubs the user sees (club_list asks access), active today, and their members */
	struct club_filter active = {NULL, "active", NULL, NULL, NULL};
	struct club *clubs = NULL;
	size_t nclubs = 0;
	int64_t members = 0;
	nct_err ce = e ? e : club_list(&r->x, &active, today, &clubs, &nclubs);
	for (size_t i = 0; !ce && i < nclubs; i++)
		members += clubs[i].members;
	free(clubs);
	if (ce != NCT_ERR_TOOBIG)
		e = e ? e : ce;
	if (resp_failed(r, e))
		return;
	page_begin(r, tr(r, "Tổng quan", "Overview"));
	struct org acting;
	ended_body(r, &acting);
	const char *area = acting.name[0] ? acting.place_name : r->sess.user.place_name;
	html_lit(r, "<p class=\"lead\">");
	html_text(r, tr(r, "Xin chào, ", "Hello, "));
	html_text(r, r->sess.user.display_name);
	html_text(r, " — ");
	html_text(r, area[0] ? area : tr(r, "toàn quốc", "whole country"));
	html_lit(r, "</p><div class=\"tiles\">");
	tile(r, "/places", tr(r, "Xã, phường, đặc khu", "Communes and wards"), communes,
	     tr(r, "đang có hiệu lực hôm nay", "in force today"));
	tile(r, "/orgs", tr(r, "Cơ quan, tổ chức", "Organisations"), (int64_t)norgs,
	     tr(r, "đang hoạt động hôm nay", "in force today"));
	soon(r, tr(r, "Kế hoạch", "Plans"), tr(r, "Sắp có", "Coming soon"));
	soon(r, tr(r, "Báo cáo", "Reports"), tr(r, "Sắp có", "Coming soon"));
	if (ce) {
		link_tile(
		    r, "/clubs", tr(r, "Câu lạc bộ", "Clubs"),
		    tr(r, "thành viên, cơ cấu, hoạt động", "members, composition, activities"));
	} else {
		tile(r, "/clubs?status=active", tr(r, "Câu lạc bộ đang hoạt động", "Active clubs"),
		     (int64_t)nclubs, tr(r, "trong địa bàn, hôm nay", "in your area, today"));
		tile(r, "/clubs?status=active", tr(r, "Thành viên câu lạc bộ", "Club members"),
		     members,
		     tr(r, "của các câu lạc bộ đang hoạt động (mỗi câu lạc bộ tính riêng)",
		        "of the active clubs (counted in each club)"));
	}
	link_tile(r, "/programme", tr(r, "Chỉ tiêu Kế hoạch 327", "Plan 327 indicators"),
	          tr(r, "so với mục tiêu năm 2025", "against the 2025 targets"));
	soon(r, tr(r, "Người cao tuổi", "Older people"), tr(r, "Sắp có", "Coming soon"));
	worklist_tiles(r, today);
	html_lit(r, "</div>");
	page_end(r);
}

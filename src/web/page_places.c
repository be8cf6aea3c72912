/* page_places.c - the map: browse the tree as of a date, search, one unit. */
#include <stdlib.h>
#include <string.h>

#include "../domain/access.h"
#include "../domain/place.h"
#include "notice.h"
#include "html.h"
#include "labels.h"
#include "lookup.h"
#include "page_places.h"

static void date_form(struct req *r, const char *action, const char *parent, struct date on)
{
	char d[DATE_LEN];
	date_format(on, d);
	html_f(r,
	       "<form method=\"get\" action=\"%s\" class=\"filters\"><label>%s <small "
	       "class=\"hint\">(dd/mm/yyyy)</small><input name=\"date\"",
	       action, tr(r, "Ngày", "Date"));
	html_date_attrs(r, d);
	html_lit(r, "></label>");
	if (parent) {
		html_f(r, "<input type=\"hidden\" name=\"parent\" value=\"%s\">", parent);
	}
	html_f(r, "<label>%s<input type=\"search\" name=\"q\" value=\"",
	       tr(r, "Tìm theo tên (không cần dấu)", "Search by name (no diacritics needed)"));
	html_attr(r, req_arg(r, "q") ? req_arg(r, "q") : "");
	html_f(r,
	       "\"></label><button type=\"submit\">%s</button></form><p class=\"quick\">%s<a "
	       "href=\"/places?date=2024-12-31\">",
	       tr(r, "Xem", "Show"), tr(r, "Xem nhanh: ", "Quick view: "));
	html_text(r,
	          tr(r, "bản đồ trước sắp xếp (31/12/2024)", "map before the reform (31/12/2024)"));
	html_f(r, "</a> · <a href=\"/places?date=2025-07-01\">%s</a></p>",
	       tr(r, "bản đồ từ 01/07/2025", "map from 01/07/2025"));
}

static void place_link(struct req *r, const struct place *p, const char *date)
{
	html_dated_link(r, "/places/", p->code, date, p->name);
}

static void place_table(struct req *r, const struct place *v, size_t n, const char *date,
                        bool counts)
{
	static const char *const heads[][2] = {{"Mã", "Code"},
	                                       {"Tên", "Name"},
	                                       {"Cấp", "Level"},
	                                       {"Đơn vị trực thuộc", "Units under it"}};
	html_table_open(r, NULL, heads, counts ? 4 : 3, 1u << 3);
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<tr><td>%s</td><td>", v[i].code);
		place_link(r, &v[i], date);
		html_f(r, "</td><td>%s</td>", label_place_level(v[i].level, r->lang));
		if (counts) {
			html_lit(r, "<td class=\"num\">");
			if (v[i].children) {
				html_lit(r, "<a href=\"/places?parent=");
				html_urlpart(r, v[i].code);
				html_lit(r, "&amp;date=");
				html_urlpart(r, date);
				html_f(r, "\">%lld</a>", (long long)v[i].children);
			} else {
				html_lit(r, "0");
			}
			html_lit(r, "</td>");
		}
		html_lit(r, "</tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

/* Keeps the units the user may see, in place (links to other units). */
static size_t visible(const struct req *r, struct place *v, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (access_place(&r->x, v[i].path, ACCESS_SEE))
			v[k++] = v[i];
	return k;
}

static void breadcrumb(struct req *r, const struct place *p, const char *date)
{
	struct place *up = NULL;
	size_t n = 0;
	html_lit(r, "<nav class=\"crumbs\" aria-label=\"breadcrumb\"><a href=\"/places?date=");
	html_urlpart(r, date);
	html_f(r, "\">%s</a>", tr(r, "Cả nước", "Country"));
	if (place_ancestors(&r->x, p, &up, &n) == NCT_OK) {
		for (size_t i = 0; i < n; i++) {
			html_lit(r, " › ");
			place_link(r, &up[i], date);
		}
	}
	free(up);
	html_lit(r, "</nav>");
}

void page_places(struct req *r)
{
	struct date on;
	if (resp_bad_date(r, &on))
		return;
	char d[DATE_LEN];
	date_format(on, d);
	const char *q = req_arg(r, "q"), *parent = req_arg(r, "parent");
	struct place par = {0}, *v = NULL;
	size_t n = 0;
	nct_err e = place_browse(&r->x, parent, q, on, &par, &v, &n);
	if (e) {
		free(v);
		route_place_error(r, e, parent);
		return;
	}
	page_begin(r, tr(r, "Đơn vị hành chính", "Administrative units"));
	date_form(r, "/places", par.id ? par.code : NULL, on);
	if (par.id)
		breadcrumb(r, &par, d);
	if (q && q[0]) {
		html_lit(r, "<p>");
		html_int(r, (int64_t)n);
		html_f(r, "%s%s»</p>", tr(r, " kết quả cho «", " results for «"), q);
	}
	if (n == 0)
		html_notice(r, "ok",
		            tr(r, "Không có đơn vị nào vào ngày này.", "No units on this date."));
	else
		place_table(r, v, n, d, !(q && q[0]));
	free(v);
	page_end(r);
}

static void place_list_section(struct req *r, const char *title, struct place *v, size_t n,
                               const char *date)
{
	if (!n)
		return;
	html_f(r, "<h2>%s</h2><ul class=\"links\">", title);
	for (size_t i = 0; i < n; i++) {
		html_lit(r, "<li>");
		/* a day the unit was in force: its last if it ended, else its first */
		place_link(r, &v[i],
		           v[i].valid_to[0]     ? v[i].valid_to
		           : v[i].valid_from[0] ? v[i].valid_from
		                                : date);
		html_f(r, " <small>(%s)</small>", v[i].code);
		if (v[i].partial) {
			html_f(r, " <small>%s</small>", tr(r, "một phần", "in part"));
		}
		html_lit(r, "</li>");
	}
	html_lit(r, "</ul>");
}

static void village_form(struct req *r, const struct place *p)
{
	struct buf action;
	buf_init(&action, 256);
	buf_adds(&action, "/places/");
	buf_adds(&action, p->code);
	buf_adds(&action, "/villages");
	html_f(r, "<h2 id=\"village\">%s</h2>", tr(r, "Thêm thôn, tổ dân phố", "Add a village"));
	html_form_post(r, buf_str(&action), "card", NULL);
	buf_free(&action);
	html_field(r, tr(r, "Tên thôn", "Village name"), "name", "text", NULL, true);
	html_f(r, "<button>%s</button>", tr(r, "Thêm", "Add"));
	html_form_end(r);
}

static void place_facts(struct req *r, const struct place *p)
{
	html_f(r,
	       "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s",
	       tr(r, "Mã", "Code"), p->code, tr(r, "Cấp", "Level"),
	       label_place_level(p->level, r->lang), tr(r, "Hiệu lực", "In force"),
	       p->valid_from[0] ? tr(r, "từ ", "from ") : tr(r, "trước ", "before "));
	if (p->valid_from[0])
		html_date(r, p->valid_from);
	else
		html_text(r, "01/03/2025");
	if (p->valid_to[0]) {
		html_text(r, tr(r, " đến ", " to "));
		html_date(r, p->valid_to);
	}
	html_lit(r, "</dd></dl>");
}

void page_place(struct req *r)
{
	struct date on;
	struct place p;
	if (resp_bad_date(r, &on))
		return;
	nct_err e = place_get(&r->x, r->params[0], on, &p);
	if (e) {
		route_place_error(r, e, r->params[0]);
		return;
	}
	char d[DATE_LEN];
	date_format(on, d);
	struct place *from = NULL, *to = NULL, *kids = NULL;
	size_t nfrom = 0, nto = 0, nkids = 0;
	place_links(&r->x, p.id, -1, &from, &nfrom);
	place_links(&r->x, p.id, +1, &to, &nto);
	place_children(&r->x, p.id, on, &kids, &nkids);
	nfrom = visible(r, from, nfrom);
	nto = visible(r, to, nto);
	char *text = place_predecessors(&r->x, p.id);
	page_begin(r, p.name);
	breadcrumb(r, &p, d);
	place_facts(r, &p);
	place_list_section(r, tr(r, "Hình thành từ", "Formed from"), from, nfrom, d);
	if (text) {
		html_f(r, "<h2>%s</h2><blockquote>%s</blockquote>",
		       tr(r, "Văn bản công bố về nguồn gốc", "Published text of its origin"), text);
	}
	place_list_section(r, tr(r, "Đã nhập vào", "Became part of"), to, nto, d);
	if (nkids) {
		html_f(r, "<h2>%s</h2>", tr(r, "Đơn vị trực thuộc", "Units under it"));
		place_table(r, kids, nkids, d, true);
	}
	if (p.level == PLACE_COMMUNE && !p.valid_to[0] &&
	    access_place(&r->x, p.path, ACCESS_CHANGE))
		village_form(r, &p);
	free(text);
	free(from);
	free(to);
	free(kids);
	page_end(r);
}

void page_village_add(struct req *r)
{
	struct place made;
	nct_err e = place_add_village(&r->x, r->params[0], req_arg(r, "name"), &made, &r->rf);
	/* refused: the commune's page again, the name as typed */
	if (resp_form_again(r, e, page_place))
		return;
	struct buf loc;
	buf_init(&loc, 256);
	buf_printf(&loc, "/places/%s", r->params[0]);
	resp_redirect_notice(r, buf_str(&loc), NOTICE_VILLAGE_ADDED, made.name);
	buf_free(&loc);
}

/* page_orgs.c - organisations in force on a date, inside the user's scope. */
#include <stdlib.h>
#include <string.h>

#include "../domain/org.h"
#include "../domain/access.h"
#include "notice.h"
#include "html.h"
#include "labels.h"
#include "page_orgs.h"

static void kind_select(struct req *r, const char *kind)
{
	html_lit(r, "<label>");
	html_text(r, tr(r, "Loại", "Kind"));
	html_select(r, "kind", org_kinds, label_org_kind, kind, tr(r, "Tất cả", "All"));
	html_lit(r, "</label>");
}

/* "Sở Y tế (KT-SYT) từ 01/07/2025: bảo trợ xã hội; …" for each body it took over from. */
static void took_over(struct req *r, const struct org *o, const struct org_link *l, size_t nl)
{
	for (size_t k = org_links_first(l, nl, o->id); k < nl && l[k].to_id == o->id; k++) {
		html_f(r, "<div>%s <small>%s%s", l[k].from_name, l[k].from_code,
		       tr(r, ", từ ", ", from "));
		html_date(r, l[k].since);
		if (l[k].duty[0]) {
			html_text(r, ": ");
			html_text(r, l[k].duty);
		}
		html_lit(r, "</small></div>");
	}
}

static void org_rows(struct req *r, const struct org *v, size_t n, const struct org_link *l,
                     size_t nl)
{
	static const char *const heads[][2] = {{"Tên", "Name"},
	                                       {"Loại", "Kind"},
	                                       {"Địa bàn", "Place"},
	                                       {"Hiệu lực đến", "In force until"},
	                                       {"Tiếp nhận nhiệm vụ của", "Took over from"}};
	html_table_open(r, NULL, heads, 5, 0);
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<tr><td>%s <small>%s</small></td><td>%s</td><td>%s</td><td>", v[i].name,
		       v[i].code, label_org_kind(v[i].kind, r->lang), v[i].place_name);
		html_date(r, v[i].valid_to);
		html_lit(r, "</td><td>");
		took_over(r, &v[i], l, nl);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void org_form(struct req *r)
{
	html_f(r, "<h2>%s</h2>", tr(r, "Thêm cơ quan, tổ chức", "Add an organisation"));
	html_form_post(r, "/orgs", "card", NULL);
	html_field(r, tr(r, "Mã", "Code"), "code", "text", NULL, true);
	html_field(r, tr(r, "Tên", "Name"), "name", "text", NULL, true);
	kind_select(r, req_arg(r, "kind"));
	html_field(r, tr(r, "Mã địa bàn", "Place code"), "place", "text", NULL, true);
	html_field(r, tr(r, "Hiệu lực từ", "In force from"), "valid_from", "date", NULL, false);
	html_field(r, tr(r, "Hiệu lực đến", "In force until"), "valid_to", "date", NULL, false);
	html_f(r, "<button>%s</button>", tr(r, "Thêm", "Add"));
	html_form_end(r);
}

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

void page_org_add(struct req *r)
{
	struct org_new in = {nonempty(req_arg(r, "code")),
	                     nonempty(req_arg(r, "name")),
	                     nonempty(req_arg(r, "kind")),
	                     nonempty(req_arg(r, "place")),
	                     nonempty(req_arg(r, "valid_from")),
	                     nonempty(req_arg(r, "valid_to")),
	                     NULL};
	if (resp_form_again(r, org_create(&r->x, &in, &r->rf), page_orgs))
		return;
	resp_redirect_notice(r, "/orgs", NOTICE_ORG_ADDED, in.name);
}

void page_orgs(struct req *r)
{
	struct date on;
	const char *kind = req_arg(r, "kind");
	if (kind && !kind[0])
		kind = NULL;
	if (!req_date(r, &on) || (kind && !org_kind_valid(kind))) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày (dd/mm/yyyy) hoặc loại tổ chức không hợp lệ.",
		              "Invalid date (dd/mm/yyyy) or kind."));
		return;
	}
	struct org *v = NULL;
	size_t n = 0;
	struct org_link *l = NULL;
	size_t nl = 0;
	nct_err e = org_list(&r->x, on, kind, &v, &n);
	if (!e)
		e = org_links_to(&r->x, v, n, &l, &nl);
	if (e) {
		free(v);
		resp_domain_error(r, e, NULL);
		return;
	}
	char d[DATE_LEN];
	date_format(on, d);
	page_begin(r, tr(r, "Cơ quan, tổ chức", "Organisations"));
	html_f(r,
	       "<form method=\"get\" action=\"/orgs\" class=\"filters\"><label>%s <small "
	       "class=\"hint\">(dd/mm/yyyy)</small><input name=\"date\"",
	       tr(r, "Ngày", "Date"));
	html_date_attrs(r, d);
	html_lit(r, "></label>");
	kind_select(r, kind);
	html_f(r, "<button>%s</button></form>", tr(r, "Xem", "Show"));
	html_refusal(r);
	if (n == 0)
		html_notice(
		    r, "ok",
		    tr(r,
		       "Không có tổ chức nào đang hoạt động vào ngày này. Các cơ quan của tỉnh Kon "
		       "Tum cũ có hiệu lực đến 30/06/2025: chọn một ngày trước đó.",
		       "No organisation is in force on this date. The bodies of the former Kon Tum "
		       "province end on 30/06/2025: pick an earlier date."));
	else
		org_rows(r, v, n, l, nl);
	free(v);
	free(l);
	if (access_admin(&r->x) == NCT_OK)
		org_form(r);
	page_end(r);
}

/* page_club_admin.c - managing a club: its name and kind, its status over
 * time, and its board (chair, vice-chair, treasurer). Pages and API. */
#include <stdlib.h>
#include <string.h>

#include "../domain/club.h"
#include "../domain/person.h"
#include "lookup.h"
#include "html.h"
#include "labels.h"
#include "notice.h"
#include "page_club.h"
#include "page_club_admin.h"

static void form_open(struct req *r, const struct club *c, const char *action, const char *title)
{
	struct buf b;
	buf_init(&b, 256);
	buf_adds(&b, "/clubs/");
	buf_adds(&b, c->code);
	buf_addc(&b, '/');
	buf_adds(&b, action);
	html_form_post(r, buf_str(&b), "card", NULL);
	buf_free(&b);
	html_f(r, "<h3>%s</h3>", title);
}

static void save_button(struct req *r)
{
	html_f(r, "<button>%s</button>", tr(r, "Lưu", "Save"));
	html_form_end(r);
}

static void board_table(struct req *r, const struct club *c)
{
	struct board_seat *v = NULL;
	size_t n = 0;
	html_f(r, "<h3>%s</h3>", tr(r, "Ban chủ nhiệm", "Management board"));
	if (club_board_on(&r->x, c, date_today_vn(), &v, &n) != NCT_OK || n == 0)
		html_notice(r, "error",
		            tr(r, "Chưa có ban chủ nhiệm đương nhiệm.", "No board in office."));
	html_lit(r, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<li>%s%s%s", label_board_role(v[i].role, r->lang), ": ", v[i].full_name);
		html_text(r, tr(r, " (từ ", " (from "));
		html_date_span(r, v[i].term_from, v[i].term_to);
		html_lit(r, ")</li>");
	}
	html_lit(r, "</ul>");
	free(v);
}

void club_admin_section(struct req *r, const struct club *c, const struct member *m, size_t n)
{
	html_f(r, "<h2>%s</h2>", tr(r, "Quản lý câu lạc bộ", "Managing the club"));
	board_table(r, c);
	form_open(r, c, "board",
	          tr(r, "Bầu, cử thành viên ban chủ nhiệm", "Appoint a board member"));
	html_lit(r, "<label>");
	html_text(r, tr(r, "Chức vụ", "Role"));
	html_select(r, "role", board_roles, label_board_role, NULL, NULL);
	html_f(r, "</label><label>%s<select name=\"person\">", tr(r, "Thành viên", "Member"));
	const char *chosen = html_kept(r, "person", NULL);
	for (size_t i = 0; i < n; i++) {
		if (m[i].left_on[0])
			continue;
		html_f(r, "<option value=\"%lld\"", (long long)m[i].person.id);
		if (chosen && strtoll(chosen, NULL, 10) == m[i].person.id)
			html_lit(r, " selected");
		html_lit(r, ">");
		char shown[320];
		label_person_choice(&m[i].person, shown, sizeof shown);
		html_text(r, shown);
		html_lit(r, "</option>");
	}
	html_lit(r, "</select>");
	html_field_refusal(r, "person_id");
	html_lit(r, "</label>");
	html_field(r, tr(r, "Nhiệm kỳ từ", "Term from"), "term_from", "date", NULL, true);
	html_field(r, tr(r, "đến (có thể để trống)", "to (may be empty)"), "term_to", "date", NULL,
	           false);
	save_button(r);
	form_open(r, c, "status", tr(r, "Đổi trạng thái", "Change the status"));
	html_lit(r, "<label>");
	html_text(r, tr(r, "Trạng thái mới", "New status"));
	html_select(r, "status", club_statuses, label_club_status, c->status, NULL);
	html_lit(r, "</label>");
	html_field(r, tr(r, "Từ ngày", "From"), "since", "date", NULL, true);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", NULL, false);
	save_button(r);
	form_open(r, c, "edit", tr(r, "Sửa tên, loại", "Edit name and kind"));
	html_field(r, tr(r, "Tên", "Name"), "name", "text", c->name, true);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Loại", "Kind"));
	html_select(r, "kind", club_kinds, label_club_kind, c->kind, NULL);
	html_lit(r, "</label>");
	save_button(r);
}

/* Runs one change and answers: a redirect to the club page for a form, the
 * club as JSON for the API; a refusal as the domain says. */
static void answer(struct req *r, const struct club *c, nct_err e, enum notice saved,
                   const char *name)
{
	if (e) {
		if (resp_form_refused(r, e,
		                      !r->api && (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT)))
			page_club(r); /* the club page again, its form as it was typed */
		return;
	}
	struct buf loc;
	buf_init(&loc, 128);
	buf_adds(&loc, "/clubs/");
	buf_adds(&loc, c->code);
	if (r->api) {
		struct club now;
		if (club_get(&r->x, c->code, date_today_vn(), &now) == NCT_OK)
			resp_json(r, 200,
			          json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "code", now.code, "name",
			                    now.name, "kind", now.kind, "status",
			                    now.status[0] ? now.status : NULL, "status_since",
			                    now.status_since[0] ? now.status_since : NULL));
	} else {
		resp_redirect_notice(r, buf_str(&loc), saved, name);
	}
	buf_free(&loc);
}

void club_edit(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		answer(r, &c,
		       club_update(&r->x, &c, req_input(r, "name"), req_input(r, "kind"), &r->rf),
		       NOTICE_CLUB_SAVED, req_input(r, "name"));
}

void club_status(struct req *r)
{
	struct club c;
	if (route_club(r, date_today_vn(), &c))
		answer(r, &c,
		       club_set_status(&r->x, &c, req_input(r, "status"), req_input(r, "since"),
		                       req_input(r, "note"), &r->rf),
		       NOTICE_STATUS_SAVED, c.name);
}

void club_board(struct req *r)
{
	struct club c;
	if (!route_club(r, date_today_vn(), &c))
		return;
	struct board_new in = {0, req_input(r, "role"), req_input(r, "term_from"),
	                       req_input(r, "term_to")};
	nct_err e = req_id(r, "person_id", &in.person_id) && req_id(r, "person", &in.person_id)
	                ? club_board_add(&r->x, &c, &in, &r->rf)
	                : NCT_ERR_INVALID;
	struct person p;
	if (e || r->api || person_get(&r->x, in.person_id, &p) != NCT_OK)
		p.full_name[0] = '\0';
	answer(r, &c, e, NOTICE_BOARD_SAVED, p.full_name);
}

void api_club_board(struct req *r)
{
	struct club c;
	struct board_seat *v = NULL;
	size_t n = 0;
	struct date on;
	if (!route_club(r, date_today_vn(), &c))
		return;
	if (resp_failed(r,
	                req_date(r, &on) ? club_board_on(&r->x, &c, on, &v, &n) : NCT_ERR_INVALID))
		return;
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:I, s:s, s:s, s:s?}", "role", v[i].role,
		                                   "person_id", (json_int_t)v[i].person_id,
		                                   "full_name", v[i].full_name, "term_from",
		                                   v[i].term_from, "term_to",
		                                   v[i].term_to[0] ? v[i].term_to : NULL));
	free(v);
	resp_json(r, 200, json_pack("{s:s, s:o}", "club", c.code, "board", a));
}

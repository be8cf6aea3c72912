/* page_admin.c - users and the audit log, for administrators. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/audit.h"
#include "../domain/user.h"
#include "notice.h"
#include "html.h"
#include "labels.h"
#include "page_admin.h"

static void user_rows(struct req *r, const struct user *v, size_t n)
{
	static const char *const heads[][2] = {{"Tên đăng nhập", "Username"},
	                                       {"Họ tên", "Name"},
	                                       {"Vai trò", "Role"},
	                                       {"Địa bàn", "Scope"},
	                                       {"Thao tác", "Actions"}};
	html_table_open(r, NULL, heads, 5, 0);
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s", v[i].username,
		       v[i].display_name, label_role(v[i].role, r->lang),
		       v[i].place_name[0] ? v[i].place_name : tr(r, "toàn quốc", "whole country"));
		if (v[i].club_code[0]) {
			html_text(r, tr(r, " · câu lạc bộ ", " · club "));
			html_text(r, v[i].club_code);
		}
		html_lit(r, "</td><td>");
		if (v[i].disabled) {
			html_text(r, tr(r, "đã khoá", "disabled"));
		} else if (v[i].id != r->sess.user.id) {
			html_lit(r,
			         "<form method=\"post\" class=\"inline\" action=\"/admin/users/");
			html_urlpart(r, v[i].username);
			html_lit(r, "/disable\">");
			html_csrf(r);
			html_f(r, "<button class=\"link\">%s</button></form>",
			       tr(r, "Khoá", "Disable"));
		}
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void user_form(struct req *r)
{
	html_f(r, "<h2>%s</h2>", tr(r, "Thêm người dùng", "Add a user"));
	html_form_post(r, "/admin/users", "card", NULL);
	html_field(r, tr(r, "Tên đăng nhập", "Username"), "username", "text", NULL, true);
	html_field(r, tr(r, "Họ tên", "Full name"), "display_name", "text", NULL, true);
	html_f(r, "<label>%s<select name=\"role\">", tr(r, "Vai trò", "Role"));
	const char *chosen = html_kept(r, "role", NULL);
	for (int i = 0; i < ROLE_COUNT; i++) {
		html_lit(r, "<option value=\"");
		html_attr(r, role_name((enum role)i));
		html_lit(r, "\"");
		if (chosen && strcmp(chosen, role_name((enum role)i)) == 0)
			html_lit(r, " selected");
		html_f(r, ">%s</option>", label_role((enum role)i, r->lang));
	}
	html_lit(r, "</select>");
	html_field_refusal(r, "role");
	html_lit(r, "</label>");
	html_field(
	    r, tr(r, "Mã địa bàn (tỉnh, huyện, xã)", "Place code (province, district, commune)"),
	    "place", "text", NULL, false);
	html_field(
	    r, tr(r, "Mã cơ quan (cho vai trò Sở, ngành)", "Organisation code (role Department)"),
	    "org", "text", NULL, false);
	html_field(r,
	           tr(r, "Mã câu lạc bộ (cho vai trò Ban chủ nhiệm câu lạc bộ)",
	              "Club code (role Club board)"),
	           "club", "text", NULL, false);
	html_field(r, tr(r, "Mật khẩu (ít nhất 10 ký tự)", "Password (10 characters or more)"),
	           "password", "password", NULL, true);
	html_f(r, "<button>%s</button>", tr(r, "Thêm", "Add"));
	html_form_end(r);
}

void page_users(struct req *r)
{
	struct user *v = NULL;
	size_t n = 0;
	if (resp_failed(r, user_list(&r->x, &v, &n)))
		return;
	page_begin(r, tr(r, "Người dùng", "Users"));
	html_f(r, "<p><a href=\"/admin/audit\">%s</a> · <a href=\"/orgs\">%s</a></p>",
	       tr(r, "Nhật ký thay đổi", "Audit log"), tr(r, "Cơ quan, tổ chức", "Organisations"));
	html_refusal(r);
	user_rows(r, v, n);
	user_form(r);
	free(v);
	page_end(r);
}

void page_user_add(struct req *r)
{
	struct user_new in = {
	    req_arg(r, "username"), req_arg(r, "display_name"), role_parse(req_arg(r, "role")),
	    req_arg(r, "place"),    req_arg(r, "org"),          req_arg(r, "password"),
	    req_arg(r, "club"),
	};
	int64_t id;
	if (resp_form_again(r, user_create(&r->x, &in, &id, &r->rf), page_users))
		return;
	resp_redirect_notice(r, "/admin/users", NOTICE_USER_ADDED, in.username);
}

void page_user_disable(struct req *r)
{
	if (strcmp(r->params[0], r->sess.user.username) == 0) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Không thể tự khoá tài khoản của mình.", "You cannot disable yourself."));
		return;
	}
	if (resp_failed(r, user_disable(&r->x, r->params[0])))
		return;
	resp_redirect_notice(r, "/admin/users", NOTICE_USER_DISABLED, r->params[0]);
}

static void audit_filters(struct req *r)
{
	static const char *const names[] = {"entity", "user", "action", "from", "to"};
	static const char *const types[] = {"text", "text", "text", "date", "date"};
	const char *labels[] = {tr(r, "Đối tượng", "Entity"), tr(r, "Người dùng", "User"),
	                        tr(r, "Hành động", "Action"), tr(r, "Từ ngày", "From"),
	                        tr(r, "Đến ngày", "To")};
	html_lit(r, "<form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
	for (size_t i = 0; i < 5; i++) {
		html_lit(r, "<label>");
		html_text(r, labels[i]);
		if (strcmp(types[i], "date") == 0)
			html_lit(r, " <small class=\"hint\">(dd/mm/yyyy)</small>");
		html_f(r, "<input name=\"%s\"", names[i]);
		if (strcmp(types[i], "date") == 0) {
			html_date_attrs(r, req_arg(r, names[i]));
		} else {
			html_f(r, " type=\"%s\" value=\"", types[i]);
			html_attr(r, req_arg(r, names[i]) ? req_arg(r, names[i]) : "");
			html_lit(r, "\"");
		}
		html_lit(r, "></label>");
	}
	html_f(r, "<button>%s</button></form>", tr(r, "Lọc", "Filter"));
}

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* Reads the audit filter from the query; false when a date is malformed. */
bool audit_filter_from(const struct req *r, struct audit_filter *f)
{
	struct date d;
	memset(f, 0, sizeof *f);
	f->entity = nonempty(req_arg(r, "entity"));
	f->username = nonempty(req_arg(r, "user"));
	f->action = nonempty(req_arg(r, "action"));
	f->from = nonempty(req_arg(r, "from"));
	f->to = nonempty(req_arg(r, "to"));
	const char *before = nonempty(req_arg(r, "before"));
	f->before_id = before ? strtoll(before, NULL, 10) : 0;
	f->limit = 100;
	return (!f->from || date_parse(f->from, &d) == NCT_OK) &&
	       (!f->to || date_parse(f->to, &d) == NCT_OK) && f->before_id >= 0;
}

/* A value of an audit row's JSON as text: strings as written, numbers,
 * có/không, "—" for null, anything nested as compact JSON. */
static void audit_value(struct req *r, json_t *v)
{
	char *d;
	if (!v || json_is_null(v)) {
		html_text(r, "—");
	} else if (json_is_string(v)) {
		html_text(r, json_string_value(v));
	} else if (json_is_integer(v)) {
		html_int(r, (int64_t)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		html_text(r, json_is_true(v) ? tr(r, "có", "yes") : tr(r, "không", "no"));
	} else if ((d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) != NULL) {
		html_text(r, d);
		free(d);
	}
}

/* What a change did, readable: each field of the new value (or of the old,
 * for what was removed) on its own line, "old → new" where it changed; a value
 * that is not a JSON object is shown as written. */
static void audit_change_cell(struct req *r, const char *old_s, const char *new_s)
{
	json_t *o = old_s ? json_loads(old_s, 0, NULL) : NULL;
	json_t *n = new_s ? json_loads(new_s, 0, NULL) : NULL;
	if ((old_s && !json_is_object(o)) || (new_s && !json_is_object(n))) {
		html_f(r, "<code>%s</code> → <code>%s</code>", old_s ? old_s : "—",
		       new_s ? new_s : "—");
	} else if (o || n) {
		const char *key;
		json_t *v;
		html_lit(r, "<ul class=\"change\">");
		json_object_foreach(n ? n : o, key, v)
		{
			json_t *was = n && o ? json_object_get(o, key) : NULL;
			html_f(r, "<li><span class=\"key\">%s</span>: ", key);
			if (was && !json_equal(was, v)) {
				html_lit(r, "<del>");
				audit_value(r, was);
				html_lit(r, "</del> → <ins>");
				audit_value(r, v);
				html_lit(r, "</ins>");
			} else {
				audit_value(r, v);
			}
			html_lit(r, "</li>");
		}
		json_object_foreach(n && o ? o : NULL, key, v)
		{
			if (json_object_get(n, key))
				continue;
			html_f(r, "<li><span class=\"key\">%s</span>: <del>", key);
			audit_value(r, v);
			html_lit(r, "</del></li>");
		}
		html_lit(r, "</ul>");
	} else {
		html_text(r, "—");
	}
	json_decref(o);
	json_decref(n);
}

static void audit_rows(struct req *r, const struct audit_row *v, size_t n)
{
	static const char *const heads[][2] = {{"Thời điểm", "When"},   {"Ai", "Who"},
	                                       {"Từ đâu", "From"},      {"Hành động", "Action"},
	                                       {"Đối tượng", "Entity"}, {"Thay đổi", "Change"}};
	html_table_open(r, "audit", heads, 6, 0);
	for (size_t i = 0; i < n; i++) {
		html_f(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s</td><td>",
		       v[i].at, v[i].username, v[i].addr, label_audit_action(v[i].action, r->lang),
		       label_audit_entity(v[i].entity, r->lang), " ", v[i].entity_id);
		audit_change_cell(r, v[i].old_value, v[i].new_value);
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

void page_audit(struct req *r)
{
	struct audit_filter f;
	if (!audit_filter_from(r, &f)) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Ngày phải có dạng dd/mm/yyyy.", "Dates must be written dd/mm/yyyy."));
		return;
	}
	struct audit_row *v = NULL;
	size_t n = 0;
	if (resp_failed(r, audit_list(&r->x, &f, &v, &n)))
		return;
	page_begin(r, tr(r, "Nhật ký thay đổi", "Audit log"));
	audit_filters(r);
	audit_rows(r, v, n);
	if (n == f.limit) {
		html_lit(r, "<p><a href=\"/admin/audit?before=");
		html_int(r, v[n - 1].id);
		static const char *const keep[] = {"entity", "user", "action", "from", "to"};
		for (size_t i = 0; i < 5; i++) {
			if (!nonempty(req_arg(r, keep[i])))
				continue;
			html_f(r, "&amp;%s=", keep[i]);
			html_urlpart(r, req_arg(r, keep[i]));
		}
		html_f(r, "\">%s</a></p>", tr(r, "Cũ hơn →", "Older →"));
	}
	audit_rows_free(v, n);
	page_end(r);
}

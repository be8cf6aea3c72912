/* routes.c - the route table, and what every request goes through before its
 * handler: who is asking, may they, and is the form really theirs (CSRF). */
#include <string.h>

#include "../base/log.h"
#include "../domain/access.h"
#include "../domain/auth.h"
#include "../domain/user.h"
#include "api.h"
#include "api_activity.h"
#include "api_clubs.h"
#include "api_entitlements.h"
#include "api_health.h"
#include "api_persons.h"
#include "page_payments.h"
#include "page_worklists.h"
#include "page_decisions.h"
#include "api_fund.h"
#include "api_plans.h"
#include "export_routes.h"
#include "html.h"
#include "page_activity.h"
#include "page_admin.h"
#include "page_auth.h"
#include "page_club.h"
#include "page_club_admin.h"
#include "page_clubs.h"
#include "page_health.h"
#include "page_import.h"
#include "page_persons.h"
#include "page_fund.h"
#include "page_home.h"
#include "page_orgs.h"
#include "page_places.h"
#include "page_plan_edit.h"
#include "page_plans.h"
#include "page_programme.h"
#include "routes.h"
#include "server.h"
#include "static.h"

enum {
	R_PUBLIC = 1, /* no login needed */
	R_ADMIN = 2,  /* admins only */
	R_NOCSRF = 4, /* a state change that needs no CSRF token (no session yet) */
};

struct route {
	const char *method;
	const char *pattern; /* "{}" matches one path segment */
	void (*fn)(struct req *r);
	unsigned flags;
};

static const struct route routes[] = {
    {"GET", "/healthz", health, R_PUBLIC},
    {"GET", "/static/{}", static_asset, R_PUBLIC},
    {"GET", "/login", page_login_form, R_PUBLIC},
    {"POST", "/login", page_login, R_PUBLIC | R_NOCSRF},
    {"POST", "/logout", page_logout, 0},
    {"POST", "/lang", page_lang, R_PUBLIC},
    {"GET", "/password", page_password_form, 0},
    {"POST", "/password", page_password, 0},
    {"GET", "/", page_home, R_PUBLIC}, /* the login form until logged in */
    {"GET", "/places", page_places, 0},
    {"GET", "/places/{}", page_place, 0},
    {"POST", "/places/{}/villages", page_village_add, 0},
    {"GET", "/programme", page_programme, 0},
    {"GET", "/programme/communes", page_programme_communes, 0},
    {"GET", "/persons", page_persons, 0},
    {"POST", "/persons", page_person_add, 0},
    {"GET", "/persons.csv", export_persons_csv, 0},
    {"GET", "/persons.xlsx", export_persons_xlsx, 0},
    {"GET", "/persons/import", page_persons_import_form, 0},
    {"POST", "/persons/import", page_persons_import_upload, R_NOCSRF},
    {"GET", "/persons/import/{}", page_persons_import_review, 0},
    {"POST", "/persons/import/{}/write", page_persons_import_write, 0},
    {"GET", "/persons/import/{}/progress", page_persons_import_progress, 0},
    {"GET", "/persons/import/{}/progress.json", page_persons_import_progress_json, 0},
    {"GET", "/persons/{}", page_person, 0},
    {"POST", "/persons/{}/edit", page_person_edit, 0},
    {"POST", "/persons/{}/facts", page_person_fact, 0},
    {"POST", "/persons/{}/health-cards", page_person_card, 0},
    {"POST", "/persons/{}/check-ups", page_person_checkup, 0},
    {"POST", "/persons/{}/conditions", page_person_condition, 0},
    {"POST", "/persons/{}/celebrations", page_person_given, 0},
    {"GET", "/persons/{}/health/{}/{}/correct", page_health_correct_form, 0},
    {"POST", "/persons/{}/health/{}/{}/correct", page_health_correct, 0},
    {"GET", "/persons/{}/health/{}/{}/retract", page_health_retract_form, 0},
    {"POST", "/persons/{}/health/{}/{}/retract", page_health_retract, 0},
    {"POST", "/persons/{}/decisions", page_person_decision, 0},
    {"GET", "/health-cards", page_health_cards, 0},
    {"GET", "/celebrations", page_celebrations, 0},
    {"GET", "/celebrations.csv", export_celebrations_csv, 0},
    {"GET", "/celebrations.xlsx", export_celebrations_xlsx, 0},
    {"GET", "/persons/{}/facts/{}/retract", page_fact_retract_form, 0},
    {"POST", "/persons/{}/facts/{}/retract", page_fact_retract, 0},
    {"GET", "/persons/{}/merge", page_person_merge_form, 0},
    {"POST", "/persons/{}/merge", page_person_merge, 0},
    {"GET", "/clubs", page_clubs, 0},
    {"POST", "/clubs", page_club_add, 0},
    {"GET", "/clubs/{}", page_club, 0},
    {"POST", "/clubs/{}/members", page_member_add, 0},
    {"POST", "/clubs/{}/members/end", page_member_end, 0},
    {"POST", "/clubs/{}/edit", club_edit, 0},
    {"POST", "/clubs/{}/status", club_status, 0},
    {"POST", "/clubs/{}/board", club_board, 0},
    {"GET", "/clubs/{}/members.csv", export_members_csv, 0},
    {"GET", "/clubs/{}/members.xlsx", export_members_xlsx, 0},
    {"GET", "/clubs/{}/activities.csv", export_activities_csv, 0},
    {"GET", "/clubs/{}/activities.xlsx", export_activities_xlsx, 0},
    {"GET", "/clubs/{}/ledger.csv", export_ledger_csv, 0},
    {"GET", "/clubs/{}/ledger.xlsx", export_ledger_xlsx, 0},
    {"GET", "/clubs/{}/loans.csv", export_loans_csv, 0},
    {"GET", "/clubs/{}/loans.xlsx", export_loans_xlsx, 0},
    /* multipart: the handler checks the form's csrf part itself before anything else */
    {"POST", "/clubs/{}/members/import", page_members_import, R_NOCSRF},
    {"GET", "/clubs/{}/funds", page_funds, 0},
    {"POST", "/clubs/{}/ledger", page_ledger_add, 0},
    {"GET", "/clubs/{}/ledger/{}/reverse", page_ledger_reverse_form, 0},
    {"POST", "/clubs/{}/ledger/{}/reverse", page_ledger_reverse, 0},
    {"POST", "/clubs/{}/loans", page_loan_add, 0},
    {"GET", "/clubs/{}/loans/{}", page_loan, 0},
    {"POST", "/clubs/{}/loans/{}/repayments", page_loan_repay, 0},
    {"POST", "/clubs/{}/loans/{}/write-off", page_loan_write_off, 0},
    {"GET", "/clubs/{}/activities", page_activities, 0},
    {"POST", "/clubs/{}/activities", page_activity_add, 0},
    {"POST", "/clubs/{}/visits", page_visit_add, 0},
    {"POST", "/clubs/{}/assessments", page_assessment_save, 0},
    {"GET", "/admin/activity-lists", page_activity_lists, R_ADMIN},
    {"POST", "/admin/activity-lists", page_activity_list_add, R_ADMIN},
    {"GET", "/plans", page_plans, 0},
    {"GET", "/worklists", page_worklists, 0},
    {"GET", "/payments", page_payments, 0},
    {"GET", "/rules", page_rules, R_ADMIN},
    {"POST", "/rules/levels", page_rule_level_add, R_ADMIN},
    {"POST", "/rules/allowances", page_rule_add, R_ADMIN},
    {"GET", "/plans/{}", page_plan, 0},
    {"GET", "/obligations/{}", page_obligation, 0},
    {"POST", "/obligations/{}/paper", page_paper_record, 0},
    {"GET", "/inbox", page_inbox, 0},
    {"POST", "/submissions", page_submission_create, 0},
    {"POST", "/submissions/{}/submit", page_submission_submit, 0},
    {"POST", "/submissions/{}/accept", page_submission_accept, 0},
    {"POST", "/submissions/{}/return", page_submission_return, 0},
    {"GET", "/submissions/{}", page_submission, 0},
    {"GET", "/obligations/{}/rollup", page_obligation_rollup, 0},
    {"GET", "/plans/{}/report", page_plan_report, 0},
    {"GET", "/plans/{}/edit", page_plan_edit, 0},
    {"POST", "/plans/{}/edit", page_plan_header_save, 0},
    {"POST", "/plans/{}/areas", page_plan_area_add, 0},
    {"POST", "/plans/{}/items", page_plan_item_add, 0},
    {"GET", "/plans/{}/items/{}", page_plan_item, 0},
    {"POST", "/plans/{}/items/{}", page_plan_item_save, 0},
    {"POST", "/plans/{}/items/{}/retire", page_plan_item_retire, 0},
    {"POST", "/plans/{}/items/{}/target", page_plan_item_target_save, 0},
    {"POST", "/plans/import", page_plans_import, R_NOCSRF},
    {"POST", "/plans/new", page_plan_create, 0},
    {"POST", "/plans/{}/bases", page_plan_basis_add, 0},
    {"GET", "/plans/{}/bases/{}", page_plan_basis, 0},
    {"POST", "/plans/{}/bases/{}", page_plan_basis_save, 0},
    {"POST", "/plans/{}/bases/{}/remove", page_plan_basis_remove, 0},
    {"POST", "/submissions/{}/save", page_submission_save, 0},
    {"GET", "/orgs", page_orgs, 0},
    {"POST", "/orgs", page_org_add, R_ADMIN},
    {"GET", "/admin/users", page_users, R_ADMIN},
    {"POST", "/admin/users", page_user_add, R_ADMIN},
    {"POST", "/admin/users/{}/disable", page_user_disable, R_ADMIN},
    {"GET", "/admin/audit", page_audit, R_ADMIN},
    {"POST", "/api/v1/session", api_session_create, R_PUBLIC | R_NOCSRF},
    {"DELETE", "/api/v1/session", api_session_delete, 0},
    {"GET", "/api/v1/me", api_me, 0},
    {"GET", "/api/v1/places", api_places, 0},
    {"GET", "/api/v1/places/{}", api_place, 0},
    {"GET", "/api/v1/orgs", api_orgs, 0},
    {"GET", "/api/v1/clubs", api_clubs, 0},
    {"POST", "/api/v1/clubs", api_club_create, 0},
    {"GET", "/api/v1/clubs/{}", api_club, 0},
    {"PUT", "/api/v1/clubs/{}", club_edit, 0},
    {"POST", "/api/v1/clubs/{}/status", club_status, 0},
    {"GET", "/api/v1/clubs/{}/board", api_club_board, 0},
    {"POST", "/api/v1/clubs/{}/board", club_board, 0},
    {"GET", "/api/v1/clubs/{}/composition", api_club_composition, 0},
    {"GET", "/api/v1/clubs/{}/members", api_club_members, 0},
    {"POST", "/api/v1/clubs/{}/members", api_club_member_add, 0},
    {"POST", "/api/v1/clubs/{}/members/import", api_members_import, 0},
    {"GET", "/api/v1/clubs/{}/ledger", api_club_ledger, 0},
    {"POST", "/api/v1/clubs/{}/ledger", api_club_ledger_add, 0},
    {"GET", "/api/v1/clubs/{}/ledger/{}/reversal", api_club_ledger_reversal, 0},
    {"GET", "/api/v1/clubs/{}/loans", api_club_loans, 0},
    {"POST", "/api/v1/clubs/{}/loans", api_club_loan_add, 0},
    {"GET", "/api/v1/clubs/{}/loans/{}", api_club_loan, 0},
    {"POST", "/api/v1/clubs/{}/loans/{}/repayments", api_club_loan_repay, 0},
    {"POST", "/api/v1/clubs/{}/loans/{}/write-off", api_club_loan_write_off, 0},
    {"GET", "/api/v1/clubs/{}/portfolio", api_club_portfolio, 0},
    {"GET", "/api/v1/persons", api_persons, 0},
    {"POST", "/api/v1/persons", api_person_create, 0},
    {"POST", "/api/v1/persons/import", api_persons_import, 0},
    {"GET", "/api/v1/persons/{}", api_person, 0},
    {"PUT", "/api/v1/persons/{}", api_person_update, 0},
    {"GET", "/api/v1/persons/{}/facts", api_person_facts, 0},
    {"POST", "/api/v1/persons/{}/facts", api_person_fact_add, 0},
    {"POST", "/api/v1/persons/{}/facts/{}/retract", api_person_fact_retract, 0},
    {"POST", "/api/v1/persons/{}/merge", api_person_merge, 0},
    {"GET", "/api/v1/persons/{}/export", api_person_export, 0},
    {"GET", "/api/v1/persons/{}/entitlements", api_person_entitlements, 0},
    {"GET", "/api/v1/persons/{}/decisions", api_person_decisions, 0},
    {"POST", "/api/v1/persons/{}/decisions", api_person_decision_add, 0},
    {"GET", "/api/v1/allowance-rules", api_allowance_rules, 0},
    {"POST", "/api/v1/allowance-rules", api_allowance_rule_add, 0},
    {"POST", "/api/v1/assistance-levels", api_assistance_level_add, 0},
    {"GET", "/api/v1/worklists/eligible-not-receiving", api_worklist_eligible, 0},
    {"GET", "/api/v1/worklists/receiving-not-eligible", api_worklist_receiving, 0},
    {"GET", "/api/v1/payments", api_payments, 0},
    {"POST", "/api/v1/payments/receipts", api_payment_receipt, 0},
    {"GET", "/api/v1/persons/{}/health", api_person_health, 0},
    {"POST", "/api/v1/persons/{}/health-cards", api_health_card_add, 0},
    {"POST", "/api/v1/persons/{}/check-ups", api_checkup_add, 0},
    {"POST", "/api/v1/persons/{}/conditions", api_condition_add, 0},
    {"POST", "/api/v1/persons/{}/health/{}/{}/correct", api_health_correct, 0},
    {"POST", "/api/v1/persons/{}/health/{}/{}/retract", api_health_retract, 0},
    {"PUT", "/api/v1/persons/{}/celebrations/{}", api_celebration_given, 0},
    {"GET", "/api/v1/health-cards", api_health_cards, 0},
    {"GET", "/api/v1/celebrations", api_celebrations, 0},
    {"GET", "/api/v1/ethnic-groups", api_ethnic_groups, 0},
    {"GET", "/api/v1/place-designations", api_designations, 0},
    {"POST", "/api/v1/place-designations", api_designation_add, 0},
    {"GET", "/api/v1/composition-rules", api_composition_rule, 0},
    {"POST", "/api/v1/composition-rules", api_composition_rule_add, R_ADMIN},
    {"GET", "/api/v1/clubs/{}/activities", api_club_activities, 0},
    {"POST", "/api/v1/clubs/{}/activities", api_club_activity_add, 0},
    {"GET", "/api/v1/clubs/{}/visits", api_club_visits, 0},
    {"POST", "/api/v1/clubs/{}/visits", api_club_visit_add, 0},
    {"GET", "/api/v1/clubs/{}/areas", api_club_areas, 0},
    {"GET", "/api/v1/clubs/{}/assessments", api_club_assessments, 0},
    {"POST", "/api/v1/clubs/{}/assessments", api_club_assessment_add, 0},
    {"PUT", "/api/v1/clubs/{}/assessments/{}", api_club_assessment_update, 0},
    {"GET", "/api/v1/activity-lists", api_activity_lists, 0},
    {"POST", "/api/v1/activity-lists", api_activity_list_add, R_ADMIN},
    {"GET", "/api/v1/indicators/clubs", api_indicators_clubs, 0},
    {"GET", "/api/v1/plans", api_plans, 0},
    {"POST", "/api/v1/plans", api_plan_create, 0},
    {"GET", "/api/v1/plans/{}", api_plan, 0},
    {"GET", "/api/v1/plans/{}/file", api_plan_file, 0},
    {"PUT", "/api/v1/plans/{}", api_plan_update, 0},
    {"POST", "/api/v1/plans/{}/items", api_plan_item_save, 0},
    {"PUT", "/api/v1/plans/{}/items/{}", api_plan_item_save, 0},
    {"POST", "/api/v1/plans/{}/items/{}/retire", api_plan_item_retire, 0},
    {"GET", "/api/v1/plans/{}/items/{}/target", api_plan_item_target, 0},
    {"PUT", "/api/v1/plans/{}/items/{}/target", api_plan_item_target_save, 0},
    {"POST", "/api/v1/plans/{}/areas", api_plan_area_save, 0},
    {"PUT", "/api/v1/plans/{}/areas/{}", api_plan_area_save, 0},
    {"POST", "/api/v1/plans/{}/areas/{}/retire", api_plan_area_retire, 0},
    {"POST", "/api/v1/plans/{}/bases", api_plan_basis_save, 0},
    {"PUT", "/api/v1/plans/{}/bases/{}", api_plan_basis_save, 0},
    {"DELETE", "/api/v1/plans/{}/bases/{}", api_plan_basis_remove, 0},
    {"POST", "/api/v1/obligations", api_obligation_create, 0},
    {"GET", "/api/v1/obligations/{}", api_obligation, 0},
    {"GET", "/api/v1/obligations/{}/periods/{}", api_obligation_period, 0},
    {"POST", "/api/v1/submissions", api_submission_create, 0},
    {"GET", "/api/v1/submissions/{}", api_submission, 0},
    {"PUT", "/api/v1/submissions/{}", api_submission_save, 0},
    {"POST", "/api/v1/submissions/{}/submit", api_submission_submit, 0},
    {"POST", "/api/v1/submissions/{}/return", api_submission_return, 0},
    {"POST", "/api/v1/submissions/{}/accept", api_submission_accept, 0},
    {"GET", "/api/v1/completeness", api_completeness, 0},
    {"GET", "/api/v1/rollup", api_rollup, 0},
    {"GET", "/api/v1/inbox", api_inbox, 0},
    {"GET", "/api/v1/audit", api_audit, R_ADMIN},
};

/* Matches path against pattern, filling r->params. */
static bool match(struct req *r, const char *pattern, const char *path)
{
	char *w = r->parambuf, *wend = r->parambuf + sizeof r->parambuf;
	r->nparams = 0;
	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			const char *seg_end = strchr(path, '/');
			size_t n = seg_end ? (size_t)(seg_end - path) : strlen(path);
			if (n == 0 || r->nparams == ROUTE_PARAMS || (size_t)(wend - w) <= n)
				return false;
			memcpy(w, path, n);
			w[n] = '\0';
			r->params[r->nparams++] = w;
			w += n + 1;
			path += n;
			pattern += 2;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	return *pattern == '\0' && *path == '\0';
}

static const struct route *find(struct req *r, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!match(r, routes[i].pattern, r->path))
			continue;
		*path_known = true;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
	}
	return NULL;
}

/* Finds the session from a bearer token or the cookie and binds the request's
 * context to its user; leaves r anonymous if none. */
static nct_err authenticate(struct req *r)
{
	nct_err e = NCT_ERR_NOTFOUND;
	const char *auth = r->authorization;
	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		e = auth_bearer(&r->x, auth + 7, &r->sess);
	else if (form_get(&r->cookies, SESSION_COOKIE))
		e = auth_session(&r->x, form_get(&r->cookies, SESSION_COOKIE), &r->sess);
	if (e == NCT_ERR_NOTFOUND) {
		const char *lang = form_get(&r->cookies, LANG_COOKIE);
		r->lang = lang && strcmp(lang, "en") == 0 ? "en" : "vi";
		return NCT_OK;
	}
	if (e)
		return e;
	r->lang = strcmp(r->sess.user.lang, "en") == 0 ? "en" : "vi";
	return ctx_bind_user(&r->x, &r->sess.user);
}

static bool is_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/* A cookie session's state changes must carry its CSRF token; bearer tokens
 * are not sent by browsers on their own, so they need none. */
static bool csrf_ok(const struct req *r)
{
	if (is_safe_method(r->method) || r->sess.bearer)
		return true;
	const char *t = r->csrf_header ? r->csrf_header : form_get(&r->form, "csrf");
	if (!t && r->json && json_is_string(json_object_get(r->json, "csrf")))
		t = json_string_value(json_object_get(r->json, "csrf"));
	return t && r->sess.csrf[0] && auth_equal(t, r->sess.csrf);
}

void router_dispatch(struct req *r)
{
	bool known;
	nct_err e = authenticate(r);
	if (e) {
		log_error("authentication lookup failed: %s", nct_err_name(e));
		resp_domain_error(r, e, NULL);
		return;
	}
	const struct route *rt = find(r, &known);
	if (!rt) {
		if (known)
			resp_error(r, 405, "method_not_allowed",
			           tr(r, "Phương thức không được hỗ trợ.", "Method not allowed."));
		else
			resp_error(r, 404, "not_found",
			           tr(r, "Không có trang này.", "There is no such page."));
		return;
	}
	if (!(rt->flags & R_PUBLIC) && !r->x.authed) {
		resp_error(r, 401, "unauthenticated",
		           tr(r, "Bạn cần đăng nhập để xem trang này.",
		              "You need to log in to see this page."));
		return;
	}
	if ((rt->flags & R_ADMIN) && access_admin(&r->x) != NCT_OK) {
		resp_error(r, 403, "forbidden",
		           tr(r, "Chỉ quản trị viên được dùng chức năng này.",
		              "Only administrators may use this."));
		return;
	}
	if (r->x.authed && !(rt->flags & R_NOCSRF) && !csrf_ok(r)) {
		resp_error(r, 403, "csrf",
		           tr(r,
		              "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã CSRF). Hãy tải lại "
		              "trang và gửi lại.",
		              "The form is stale or invalid (missing CSRF token). Reload the page "
		              "and send it again."));
		return;
	}
	rt->fn(r);
}

void set_session_cookie(struct req *r, const char *token)
{
	struct buf b;
	buf_init(&b, 512);
	if (token)
		buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
		           SESSION_COOKIE, token, SESSION_MAX_SECONDS,
		           r->cfg->secure_cookies ? "; Secure" : "");
	else
		buf_printf(&b, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s", SESSION_COOKIE,
		           r->cfg->secure_cookies ? "; Secure" : "");
	resp_header(r, "Set-Cookie", buf_str(&b));
	buf_free(&b);
}

/* page_auth.c - log in, log out, change password, choose the language. */
#include <string.h>

#include "../domain/auth.h"
#include "../domain/user.h"
#include "notice.h"
#include "html.h"
#include "wording.h"
#include "page_auth.h"
#include "routes.h"

/* Before a session exists, the login form is tied to the browser by a random
 * value in both a cookie and the form (double submit). */
#define PRE_COOKIE "nct_pre"

static void login_form(struct req *r, const char *error, const char *username)
{
	char pre[AUTH_TOKEN_LEN + 1];
	if (auth_random_token(pre) != NCT_OK)
		pre[0] = '\0';
	struct buf c;
	buf_init(&c, 256);
	buf_printf(&c, "%s=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600%s", PRE_COOKIE,
	           pre, r->cfg->secure_cookies ? "; Secure" : "");
	resp_header(r, "Set-Cookie", buf_str(&c));
	buf_free(&c);
	page_begin(r, tr(r, "Đăng nhập", "Log in"));
	if (error)
		html_notice(r, "error", error);
	html_f(r,
	       "<form method=\"post\" action=\"/login\" class=\"card narrow\"><input "
	       "type=\"hidden\" name=\"csrf\" value=\"%s\"><label>%s<input name=\"username\" "
	       "autocomplete=\"username\" required autofocus autocapitalize=\"none\" "
	       "value=\"%s\"></label><label>%s<input type=\"password\" name=\"password\" "
	       "autocomplete=\"current-password\" required></label><button "
	       "type=\"submit\">%s</button></form>",
	       pre, tr(r, "Tên đăng nhập", "Username"), username ? username : "",
	       tr(r, "Mật khẩu", "Password"), tr(r, "Đăng nhập", "Log in"));
	page_end(r);
}

void page_login_form(struct req *r)
{
	if (r->x.authed) {
		resp_redirect(r, "/");
		return;
	}
	login_form(r, NULL, NULL);
}

void page_login(struct req *r)
{
	const char *user = req_arg(r, "username");
	const char *pass = req_arg(r, "password");
	const char *pre = form_get(&r->cookies, PRE_COOKIE);
	const char *sent = form_get(&r->form, "csrf");
	if (!pre || !sent || !auth_equal(pre, sent)) {
		r->status = 403;
		login_form(r,
		           tr(r, "Biểu mẫu đăng nhập đã hết hạn. Hãy đăng nhập lại.",
		              "The login form expired. Please log in again."),
		           user);
		return;
	}
	char token[AUTH_TOKEN_LEN + 1], msg[512];
	int64_t wait;
	nct_err e = auth_login(&r->x, user, pass, token, &r->sess, &wait, &r->rf);
	if (e == NCT_ERR_TOOMANY)
		resp_retry_after(r, wait);
	if (e == NCT_ERR_DENIED || e == NCT_ERR_TOOMANY) {
		r->status = e == NCT_ERR_DENIED ? 401 : 429;
		wording_refusal(&r->rf, r->lang, msg, sizeof msg);
		login_form(r, msg, user);
		return;
	}
	if (resp_failed(r, e))
		return;
	set_session_cookie(r, token);
	resp_redirect(r, "/");
}

void page_logout(struct req *r)
{
	if (resp_failed(r, auth_logout(&r->x, form_get(&r->cookies, SESSION_COOKIE))))
		return;
	set_session_cookie(r, NULL);
	resp_redirect(r, "/login");
}

static void password_form(struct req *r)
{
	page_begin(r, tr(r, "Đổi mật khẩu", "Change password"));
	html_refusal(r);
	html_lit(r, "<form method=\"post\" action=\"/password\" class=\"card narrow\">");
	html_csrf(r);
	html_f(r,
	       "<label>%s<input type=\"password\" name=\"current\" "
	       "autocomplete=\"current-password\" required></label><label>",
	       tr(r, "Mật khẩu hiện tại", "Current password"));
	html_text(r,
	          tr(r, "Mật khẩu mới (ít nhất 10 ký tự)", "New password (10 characters or more)"));
	html_f(r,
	       "<input type=\"password\" name=\"new\" autocomplete=\"new-password\" required "
	       "minlength=\"10\"></label><button type=\"submit\">%s</button></form>",
	       tr(r, "Đổi mật khẩu", "Change password"));
	page_end(r);
}

void page_password_form(struct req *r)
{
	password_form(r);
}

void page_password(struct req *r)
{
	nct_err e = user_change_password(&r->x, req_arg(r, "current"), req_arg(r, "new"), &r->rf);
	if (e == NCT_ERR_INVALID) {
		r->status = 400;
		password_form(r);
		return;
	}
	if (resp_refused(r, e))
		return;
	/* Every session ended with the old password, this one too: log in again. */
	set_session_cookie(r, NULL);
	resp_redirect_notice(r, "/login", NOTICE_PASSWORD_CHANGED, NULL);
}

/* A path on this site. Browsers drop tabs and newlines from a URL, so "/\t/x"
 * would become "//x", another site: no control characters at all. */
static bool local_path(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	for (const unsigned char *c = (const unsigned char *)p; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return false;
	return true;
}

void page_lang(struct req *r)
{
	const char *lang = req_arg(r, "lang");
	const char *next = req_arg(r, "next");
	if (!lang || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)) {
		resp_error(r, 400, "invalid", "lang: vi | en");
		return;
	}
	if (r->x.authed) {
		if (resp_failed(r, user_set_lang(&r->x, r->sess.user.id, lang)))
			return;
	}
	resp_header(r, "Set-Cookie",
	            strcmp(lang, "en") == 0
	                ? LANG_COOKIE "=en; Path=/; SameSite=Lax; Max-Age=31536000"
	                : LANG_COOKIE "=vi; Path=/; SameSite=Lax; Max-Age=31536000");
	resp_redirect(r, local_path(next) ? next : "/");
}

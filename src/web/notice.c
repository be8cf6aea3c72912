#include "notice.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/form.h"
#include "../base/text.h"

static const struct {
	const char *name, *vi, *en;
} notices[] = {[NOTICE_NONE] = {"", "", ""},
#define X(code, name, vi, en) [code] = {name, vi, en},
               NOTICES(X)
#undef X
};

/* At most this many bytes of the name a notice mentions. */
#define NOTICE_NAME_MAX 256

const char *notice_template(enum notice code, const char *lang)
{
	if (code <= NOTICE_NONE || code >= NOTICE_COUNT)
		return NULL;
	return lang[0] == 'e' ? notices[code].en : notices[code].vi;
}

/* A cookie value is ASCII without ; , space or quotes: the name is
 * percent-encoded, whole, or left out when it is too long. */
static void add_encoded(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s || strlen(s) > NOTICE_NAME_MAX)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.') {
			buf_addc(b, (char)*p);
		} else {
			char enc[4] = {'%', hex[*p >> 4], hex[*p & 15], 0};
			buf_adds(b, enc);
		}
	}
}

void resp_redirect_notice(struct req *r, const char *location, enum notice code, const char *name)
{
	resp_redirect(r, location);
	if (code <= NOTICE_NONE || code >= NOTICE_COUNT)
		return;
	struct buf c;
	buf_init(&c, 1024);
	buf_adds(&c, NOTICE_COOKIE "=");
	buf_adds(&c, notices[code].name);
	buf_addc(&c, '.');
	add_encoded(&c, name);
	buf_adds(&c, "; Path=/; HttpOnly; SameSite=Lax; Max-Age=120");
	if (r->cfg && r->cfg->secure_cookies)
		buf_adds(&c, "; Secure");
	if (!buf_failed(&c))
		resp_header(r, "Set-Cookie", buf_str(&c));
	buf_free(&c);
}

/* The template with {1} replaced by name, into out; a piece that does not fit
 * is left out whole. */
static void fill(const char *tpl, const char *name, char *out, size_t cap)
{
	struct buf b;
	buf_init(&b, cap ? cap - 1 : 0);
	for (const char *p = tpl; *p; p++) {
		if (p[0] == '{' && p[1] == '1' && p[2] == '}') {
			buf_adds(&b, name);
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	}
	if (cap) {
		const char *s = buf_failed(&b) ? "" : buf_str(&b);
		size_t n = strlen(s) < cap ? strlen(s) : cap - 1;
		memcpy(out, s, n);
		out[n] = '\0';
	}
	buf_free(&b);
}

void notice_take(struct req *r, char *out, size_t cap)
{
	if (cap)
		out[0] = '\0';
	const char *v = form_get(&r->cookies, NOTICE_COOKIE);
	if (!v || r->api)
		return;
	resp_header(r, "Set-Cookie",
	            r->cfg && r->cfg->secure_cookies
	                ? NOTICE_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
	                : NOTICE_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	const char *dot = strchr(v, '.');
	if (!dot)
		return;
	enum notice code = NOTICE_NONE;
	for (int i = NOTICE_NONE + 1; i < NOTICE_COUNT; i++)
		if (strlen(notices[i].name) == (size_t)(dot - v) &&
		    strncmp(notices[i].name, v, (size_t)(dot - v)) == 0)
			code = (enum notice)i;
	if (code == NOTICE_NONE || strlen(dot + 1) > 3 * NOTICE_NAME_MAX)
		return;
	char *name = form_urldecode(dot + 1, strlen(dot + 1));
	if (!name || !text_valid_utf8(name, strlen(name))) {
		free(name);
		return;
	}
	const char *tpl = notice_template(code, r->lang);
	if (!name[0] && strstr(tpl, "{1}")) /* a name that got lost: still say it was saved */
		tpl = r->lang[0] == 'e' ? "Saved." : "Đã lưu.";
	fill(tpl, name, out, cap);
	free(name);
}

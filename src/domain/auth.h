/* auth.h - logins, sessions and API tokens, all kept in the store so that any
 * number of nct processes share them (login throttling: throttle.h). Only
 * hashes of what clients hold are stored. */
#ifndef NCT_AUTH_H
#define NCT_AUTH_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/err.h"
#include "refusal.h"
#include "user.h"

struct ctx;

#define AUTH_TOKEN_LEN          64 /* hex characters of a session or API token */
#define SESSION_IDLE_SECONDS    (2 * 3600)
#define SESSION_MAX_SECONDS     (12 * 3600)
#define AUTH_TOKEN_DEFAULT_DAYS 90
#define AUTH_TOKEN_MAX_DAYS     365
/* What a failed login's audit row names when the name typed is no user's:
 * it may be a password typed into the wrong field. */
#define AUTH_UNKNOWN_USER "(unknown)"

struct session {
	struct user user;
	char csrf[AUTH_TOKEN_LEN + 1]; /* "" for bearer tokens, which need none */
	int64_t created_at;
	bool bearer;
};

/* Checks the throttle, the password and the account, then opens a session:
 * token receives the new secret for the cookie. x is the request's context,
 * anonymous (ctx_anonymous) with the client's address (behind a trusted
 * proxy, the one it forwarded). NCT_ERR_DENIED for a wrong name or password
 * or a disabled account (the caller cannot tell which), NCT_ERR_TOOMANY while
 * throttled (see throttle.h), with *wait the seconds to wait before the next
 * try; rf says which (RF_LOGIN_FAILED, RF_THROTTLED). Failed and successful
 * logins are audited; a failed one names the user only when the name typed is
 * a user's (else AUTH_UNKNOWN_USER). */
nct_err auth_login(struct ctx *x, const char *username, const char *password,
                   char token[AUTH_TOKEN_LEN + 1], struct session *s, int64_t *wait,
                   struct refusal *rf);
/* auth_login with the clock given (unix seconds), so that the throttle's
 * arithmetic can be checked without waiting. */
nct_err auth_login_at(struct ctx *x, const char *username, const char *password, int64_t now,
                      char token[AUTH_TOKEN_LEN + 1], struct session *s, int64_t *wait,
                      struct refusal *rf);

/* Finds the live session of a cookie token and touches it. NCT_ERR_NOTFOUND
 * when unknown, expired (idle or absolute) or its user disabled. */
nct_err auth_session(struct ctx *x, const char *token, struct session *s);

/* Ends the session of token (no error when it is already gone); x is its user. */
nct_err auth_logout(struct ctx *x, const char *token);

/* Makes an API token for username, valid for days (1..AUTH_TOKEN_MAX_DAYS:
 * a token that never ends outlives whoever forgot it). The secret is written
 * to token once and never stored; *expires_at (unix seconds) says when it
 * ends. For administrators. Refused NCT_ERR_INVALID for days out of range, an
 * empty or long label or a disabled user; NCT_ERR_NOTFOUND for no such user. */
nct_err auth_token_create(struct ctx *x, const char *username, const char *name, int days,
                          char token[AUTH_TOKEN_LEN + 1], int64_t *expires_at, struct refusal *rf);

/* Finds the user of a bearer token. NCT_ERR_NOTFOUND when unknown, revoked or expired. */
nct_err auth_bearer(struct ctx *x, const char *token, struct session *s);

/* A fresh random token (hex), for tests and CSRF. */
nct_err auth_random_token(char out[AUTH_TOKEN_LEN + 1]);

/* Constant-time comparison of two NUL-terminated strings. */
bool auth_equal(const char *a, const char *b);

#endif

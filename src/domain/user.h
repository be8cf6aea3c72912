/* user.h - accounts: who may log in, with which role and scope. */
#ifndef NCT_USER_H
#define NCT_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/text.h"
#include "audit.h"
#include "refusal.h"

struct ctx;

enum role {
	ROLE_ADMIN,
	ROLE_PROVINCE,
	ROLE_DEPARTMENT,
	ROLE_DISTRICT,
	ROLE_COMMUNE,
	ROLE_CLUB,
	ROLE_VIEWER,
	ROLE_COUNT
};

#define PASSWORD_MIN  10
#define PASSWORD_MAX  256
#define USERNAME_MAX  32
#define USER_LIST_MAX 100000 /* users one list returns */

/* A user as the rest of the program sees it: never the password hash. */
#define USER_NAME_MAX 120 /* characters of a user's display name */

struct user {
	int64_t id;
	char username[USERNAME_MAX + 1];
	char display_name[TEXT_BYTES(USER_NAME_MAX)];
	enum role role;
	int64_t place_id; /* 0: no place restriction (admin, or a national viewer) */
	char place_code[16];
	char place_name[TEXT_BYTES(120)]; /* PLACE_NAME_MAX characters */
	char place_path[96];              /* "" when place_id is 0 */
	int64_t org_id;
	int64_t club_id;    /* role club: the one club it sees and changes; else 0 */
	char club_code[32]; /* "" when club_id is 0 */
	char lang[3];
	bool disabled;
};

/* "admin" <-> ROLE_ADMIN. role_parse returns ROLE_COUNT for an unknown name. */
const char *role_name(enum role r);
enum role role_parse(const char *s);
/* Whether a role must be bound to an organisation (department) or a place
 * (province, district, commune officers; a club user takes its club's). */
bool role_needs_org(enum role r);
bool role_needs_place(enum role r);

struct user_new {
	const char *username;
	const char *display_name;
	enum role role;
	const char *place_code; /* NULL or "" for none; taken as of today */
	const char *org_code;   /* NULL or "" for none */
	const char *password;
	const char *club_code; /* role club: the club it is bound to (its place is the club's) */
};

/* Checks the rules (username 3-32 of [a-z0-9._-]; password PASSWORD_MIN..MAX
 * bytes; the role's binding present: a place, an organisation, or for a club
 * user its club and no place), hashes the password with Argon2id and
 * writes the user and an audit row in one unit of work. For administrators;
 * refusals: refusal.h. */
nct_err user_create(struct ctx *x, const struct user_new *in, int64_t *id, struct refusal *rf);
/* Sets username's password (admins, or the user itself) and ends its sessions. */
nct_err user_set_password(struct ctx *x, const char *username, const char *password,
                          struct refusal *rf);
/* x's own password, given the current one (RF_WRONG_PASSWORD when it is not). */
nct_err user_change_password(struct ctx *x, const char *current, const char *password,
                             struct refusal *rf);
/* Disables the user and ends all their sessions and tokens. */
nct_err user_disable(struct ctx *x, const char *username);
nct_err user_set_lang(struct ctx *x, int64_t user_id, const char *lang);

/* Fills *u. NCT_ERR_NOTFOUND when there is no such user. */
nct_err user_by_name(struct ctx *x, const char *username, struct user *u);
nct_err user_by_id(struct ctx *x, int64_t id, struct user *u);

/* All users, by username. *out is malloc'd; free() it. NCT_ERR_TOOBIG past
 * USER_LIST_MAX. */
nct_err user_list(struct ctx *x, struct user **out, size_t *n);

/* Verifies password against the user's stored hash. NCT_OK when it matches,
 * NCT_ERR_DENIED when not (or the user is unknown or disabled). Takes about the
 * same time either way. */
nct_err user_check_password(struct ctx *x, const char *username, const char *password,
                            struct user *u);

/* Argon2id hashing (libsodium), exposed for tests. */
nct_err password_hash(const char *password, char out[128]);
bool password_verify(const char *hash, const char *password);

#endif

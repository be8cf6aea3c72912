/* cmd_user.c - nct user add|passwd|list|disable|token. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../domain/auth.h"
#include "../domain/ctx.h"
#include "../domain/user.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct user <action> [--db PATH] ...\n"
    "\n"
    "  add USERNAME --name \"Full name\" --role ROLE [--place CODE] [--org CODE]\n"
    "      [--club CODE]\n"
    "        ROLE: admin, province, department, district, commune, club, viewer;\n"
    "        province, district and commune users need --place, department users\n"
    "        --org, club users --club (the one club they see and change; its\n"
    "        commune is their place). The password is $NCT_PASSWORD, else read\n"
    "        from stdin.\n"
    "  passwd USERNAME      set a new password ($NCT_PASSWORD, else stdin); ends\n"
    "                       the user's sessions\n"
    "  list [--json]        list users\n"
    "  disable USERNAME     disable a user and end their sessions and tokens\n"
    "  token USERNAME --name LABEL [--days N]\n"
    "                       make an API bearer token, printed once, valid for N days\n"
    "                       (default 90, at most 365: make a new one before it ends)\n"
    "\n"
    "  --db PATH            the store (default $NCT_DB, else var/nct.db)\n";

struct user_args {
	const char *db, *name, *role, *place, *org, *club, *days;
	bool json;
	struct args pos;
};

static int fail(const char *msg, nct_err e)
{
	fprintf(stderr, "nct user: %s\n", msg && msg[0] ? msg : nct_err_name(e));
	return 1;
}

static int user_add(struct ctx *x, const struct user_args *a)
{
	if (a->pos.npos != 2 || !a->name || !a->role) {
		fprintf(stderr, "nct user add: needs USERNAME, --name and --role (see --help)\n");
		return 2;
	}
	enum role role = role_parse(a->role);
	if (role == ROLE_COUNT) {
		fprintf(stderr, "nct user add: unknown role '%s' (see --help)\n", a->role);
		return 2;
	}
	char *pw = args_password("NCT_PASSWORD", "Mật khẩu / password: ");
	if (!pw)
		return fail("no password given ($NCT_PASSWORD or standard input)", NCT_OK);
	struct user_new in = {a->pos.pos[1], a->name, role, a->place, a->org, pw, a->club};
	struct refusal rf = {0};
	int64_t id;
	nct_err e = user_create(x, &in, &id, &rf);
	free(pw);
	if (e)
		return args_refused("user", e, &rf);
	printf("user %s created\n", a->pos.pos[1]);
	return 0;
}

static int user_passwd(struct ctx *x, const struct user_args *a)
{
	if (a->pos.npos != 2) {
		fprintf(stderr, "nct user passwd: needs USERNAME\n");
		return 2;
	}
	char *pw = args_password("NCT_PASSWORD", "Mật khẩu mới / new password: ");
	if (!pw)
		return fail("no password given ($NCT_PASSWORD or standard input)", NCT_OK);
	struct refusal rf = {0};
	nct_err e = user_set_password(x, a->pos.pos[1], pw, &rf);
	free(pw);
	if (e)
		return args_refused("user", e, &rf);
	printf("password of %s changed\n", a->pos.pos[1]);
	return 0;
}

static int user_print(struct ctx *x, const struct user_args *a)
{
	struct user *v;
	size_t n;
	nct_err e = user_list(x, &v, &n);
	if (e)
		return fail(NULL, e);
	json_t *arr = a->json ? json_array() : NULL;
	for (size_t i = 0; i < n; i++) {
		if (arr)
			json_array_append_new(
			    arr, json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:b}", "username",
			                   v[i].username, "display_name", v[i].display_name, "role",
			                   role_name(v[i].role), "place",
			                   v[i].place_code[0] ? v[i].place_code : NULL, "club",
			                   v[i].club_code[0] ? v[i].club_code : NULL, "disabled",
			                   v[i].disabled));
		else
			printf("%-20s %-11s %-8s %s%s\n", v[i].username, role_name(v[i].role),
			       v[i].place_code[0] ? v[i].place_code : "-", v[i].display_name,
			       v[i].disabled ? " (disabled)" : "");
	}
	args_print_json(arr);
	free(v);
	return 0;
}

static int user_off(struct ctx *x, const struct user_args *a)
{
	if (a->pos.npos != 2) {
		fprintf(stderr, "nct user disable: needs USERNAME\n");
		return 2;
	}
	nct_err e = user_disable(x, a->pos.pos[1]);
	if (e)
		return fail(e == NCT_ERR_NOTFOUND ? "no such user" : NULL, e);
	printf("user %s disabled\n", a->pos.pos[1]);
	return 0;
}

static int user_token(struct ctx *x, const struct user_args *a)
{
	long days = AUTH_TOKEN_DEFAULT_DAYS;
	if (a->pos.npos != 2 || !a->name ||
	    (a->days && !args_count(a->days, 1, AUTH_TOKEN_MAX_DAYS, &days))) {
		fprintf(stderr, "nct user token: needs USERNAME and --name LABEL; --days 1..%d\n",
		        AUTH_TOKEN_MAX_DAYS);
		return 2;
	}
	char token[AUTH_TOKEN_LEN + 1];
	int64_t until;
	struct refusal rf = {0};
	nct_err e = auth_token_create(x, a->pos.pos[1], a->name, (int)days, token, &until, &rf);
	if (e)
		return args_refused("user token", e, &rf);
	char stamp[26];
	time_format_vn((time_t)until, stamp);
	printf("%s\n", token);
	fprintf(stderr, "nct user token: valid until %s (%ld days)\n", stamp, days);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	struct user_args a = {0};
	const struct opt opts[] = {
	    {"db", &a.db, NULL},       {"name", &a.name, NULL}, {"role", &a.role, NULL},
	    {"place", &a.place, NULL}, {"org", &a.org, NULL},   {"club", &a.club, NULL},
	    {"days", &a.days, NULL},   {"json", NULL, &a.json},
	};
	ARGS_PARSE_OR_RETURN(argc, argv, "user", help, opts, 2, &a.pos);
	int rc;
	static const struct {
		const char *name;
		int (*fn)(struct ctx *, const struct user_args *);
	} actions[] = {{"add", user_add},
	               {"passwd", user_passwd},
	               {"list", user_print},
	               {"disable", user_off},
	               {"token", user_token}};
	for (size_t i = 0; a.pos.npos && i < sizeof actions / sizeof actions[0]; i++) {
		if (strcmp(a.pos.pos[0], actions[i].name) != 0)
			continue;
		char msg[512] = "";
		struct db *db;
		nct_err e = db_open(args_db(a.db), false, &db, msg, sizeof msg);
		if (!e)
			e = db_migrate(db, msg, sizeof msg);
		if (e) {
			if (db && !msg[0])
				snprintf(msg, sizeof msg, "%s", db_errmsg(db));
			db_close(db);
			return fail(msg, e);
		}
		struct ctx x;
		ctx_system(&x, db, "nct user");
		rc = actions[i].fn(&x, &a);
		db_close(db);
		return rc;
	}
	fprintf(stderr,
	        "nct user: say add, passwd, list, disable or token (see nct user --help)\n");
	return 2;
}

#include "ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db.h"
#include "org.h"

static void ctx_init(struct ctx *x, struct db *db, const char *who, const char *addr)
{
	memset(x, 0, sizeof *x);
	x->db = db;
	snprintf(x->username, sizeof x->username, "%s", who);
	snprintf(x->addr, sizeof x->addr, "%s", addr ? addr : "");
	x->actor = (struct actor){0, x->username, x->addr};
}

void ctx_system(struct ctx *x, struct db *db, const char *who)
{
	ctx_init(x, db, who, "cli");
	x->role = ROLE_ADMIN;
	x->scope.all = true;
}

void ctx_anonymous(struct ctx *x, struct db *db, const char *addr)
{
	ctx_init(x, db, "anonymous", addr);
	x->role = ROLE_VIEWER;
}

nct_err ctx_bind_user(struct ctx *x, const struct user *u)
{
	snprintf(x->username, sizeof x->username, "%s", u->username);
	x->actor.user_id = u->id;
	x->role = u->role;
	x->place_id = u->place_id;
	x->org_id = u->org_id;
	x->club_id = u->club_id;
	x->acting_org_id = 0;
	x->authed = true;
	if (u->org_id) {
		struct org own, acting;
		nct_err e = org_acting(x, u->org_id, date_today_vn(), &own, &acting);
		if (e && e != NCT_ERR_NOTFOUND)
			return e;
		if (!e && acting.id != own.id) {
			x->acting_org_id = acting.id;
			if (u->place_id == own.place_id)
				x->place_id = acting.place_id;
		}
	}
	return scope_of_place(x, x->place_id, &x->scope);
}

nct_err unit_begin(struct ctx *x)
{
	return db_begin(x->db);
}

nct_err unit_end(struct ctx *x, nct_err e)
{
	if (!e)
		return db_commit(x->db);
	db_rollback(x->db);
	return e;
}

struct ctx_pool {
	struct db_pool *dbs;
};

nct_err ctx_pool_open(const char *uri, size_t size, struct ctx_pool **out, char *msg, size_t len)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return NCT_ERR_NOMEM;
	nct_err e = db_pool_open(uri, size, &(*out)->dbs, msg, len);
	if (e) {
		free(*out);
		*out = NULL;
	}
	return e;
}

nct_err ctx_pool_acquire(struct ctx_pool *p, const char *addr, struct ctx *x)
{
	struct db *db = db_pool_get(p->dbs);
	if (db && !db_usable(db)) {
		db_pool_put(p->dbs, db);
		db = NULL;
	}
	ctx_anonymous(x, db, addr);
	return db ? NCT_OK : NCT_ERR_UNAVAILABLE;
}

void ctx_pool_release(struct ctx_pool *p, struct ctx *x)
{
	if (x->db)
		db_pool_put(p->dbs, x->db);
	x->db = NULL;
}

void ctx_pool_close(struct ctx_pool *p)
{
	if (!p)
		return;
	db_pool_close(p->dbs);
	free(p);
}

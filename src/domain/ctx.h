/* ctx.h - who asks, and through which connection: the first argument of every
 * domain function that touches the store (pure rules take none).
 *
 * The command line acts as the system (ctx_system: admin power over the whole
 * map). The server takes a connection from the pool for each request
 * (ctx_pool_acquire: anonymous until told otherwise) and binds the user once
 * the session is known (ctx_bind_user). Above the domain the connection is
 * opaque: web/ includes no header of store/. */
#ifndef NCT_CTX_H
#define NCT_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "audit.h"
#include "place.h"
#include "user.h"

struct db;

struct ctx {
	struct db *db;                     /* this request's (or command's) connection */
	struct actor actor;                /* for the audit; its strings point into this ctx */
	enum role role;                    /* the system acts as ROLE_ADMIN */
	int64_t place_id, org_id, club_id; /* the user's binding; 0 for none */
	int64_t acting_org_id;             /* when the user's body (org_id) has ended: the
	                                    * successor acting for it today (org_acting), whose
	                                    * place is then place_id when the user's came from
	                                    * the body, and so the scope; 0 while it is in force */
	struct scope scope;                /* the places the user sees */
	bool authed;                       /* bound to a logged-in user */
	char username[USERNAME_MAX + 1];
	char addr[48]; /* INET6_ADDRSTRLEN and more */
};

/* The command line (or a test, or a loader) acting as the system: admin power,
 * the whole map; the audit names who ("nct user") from "cli". */
void ctx_system(struct ctx *x, struct db *db, const char *who);

/* Nobody yet: a request from addr before its session is known. It sees
 * nothing and may change nothing; only the login functions (auth.h) use it. */
void ctx_anonymous(struct ctx *x, struct db *db, const char *addr);

/* Binds x (anonymous or system) to the user u: role, binding, the scope of its
 * place, and the audit's actor (the address stays). A user bound to a body
 * that has ended sees what its successor of today sees (acting_org_id). NCT_ERR_TOOBIG when the
 * place was formed from more units than a scope holds; a store error. */
nct_err ctx_bind_user(struct ctx *x, const struct user *u);

/* A unit of work: every change runs between unit_begin and unit_end, in one
 * transaction with its audit rows. unit_end commits when e is NCT_OK and rolls
 * back otherwise; it returns e, or the commit's failure (which rolled back).
 * Units nest: an inner unit is a savepoint of the outer one, which decides. */
nct_err unit_begin(struct ctx *x);
nct_err unit_end(struct ctx *x, nct_err e);

/* The server's connections, one per worker thread. */
struct ctx_pool;

/* Opens size connections to the store at uri. msg says why it failed. */
nct_err ctx_pool_open(const char *uri, size_t size, struct ctx_pool **out, char *msg, size_t len);

/* Waits for a free connection and makes x an anonymous context on it (see
 * ctx_anonymous). NCT_ERR_UNAVAILABLE when the pool is closed or the
 * connection is broken and could not be re-established: x then holds none,
 * and ctx_pool_release does nothing. */
nct_err ctx_pool_acquire(struct ctx_pool *p, const char *addr, struct ctx *x);

/* Gives x's connection back. */
void ctx_pool_release(struct ctx_pool *p, struct ctx *x);

/* Call only when no connection is out. */
void ctx_pool_close(struct ctx_pool *p);

#endif

/* audit.h - who changed what, when, from where: one row per change. */
#ifndef NCT_AUDIT_H
#define NCT_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

/* Who is acting: a logged-in user, or the system (user_id 0) for nct init and
 * the command line. Strings are borrowed. */
struct actor {
	int64_t user_id;
	const char *username;
	const char *addr; /* client address, or "cli" */
};

struct ctx;

/* Writes one audit row, naming x's actor, inside the caller's transaction.
 * old_json / new_json are JSON texts or NULL. */
nct_err audit_write(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                    const char *old_json, const char *new_json);

/* Writes n audit rows with no before, one for each ids[i] (its entity_id)
 * with after[i], in multi-row statements (db_many_run): what n audit_write
 * calls would write, with n round trips fewer on PostgreSQL. */
nct_err audit_write_many(struct ctx *x, const char *action, const char *entity, size_t n,
                         const int64_t *ids, const char *const *after);

/* A text the audit row leaves empty: a create has no before, a removal no after. */
extern char audit_none[];
#define AUDIT_NONE audit_none

/* Writes the audit row of a change whose before and after the caller built as JSON
 * texts (malloc'd) and hands over: both are freed here. AUDIT_NONE stands for a side
 * the row leaves empty; NULL for one that could not be built (memory ran out), which
 * writes nothing and answers NCT_ERR_NOMEM. */
nct_err audit_change(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                     char *before, char *after);

/* One audit row with no before, in a unit of work of its own: a view or an export,
 * which changes nothing else. after is borrowed; NULL (it could not be built) writes
 * nothing and answers NCT_ERR_NOMEM. */
nct_err audit_alone(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                    const char *after);

struct json_t;

/* v as a compact JSON text with sorted keys, as audit rows keep it; v is released.
 * NULL when v is NULL or memory ran out. */
char *audit_text(struct json_t *v);

/* audit_change of two JSON values, written by audit_text: both are released. before
 * NULL leaves the row's before empty (a create); after NULL (it could not be built)
 * writes nothing and answers NCT_ERR_NOMEM. */
nct_err audit_json(struct ctx *x, const char *action, const char *entity, const char *entity_id,
                   struct json_t *before, struct json_t *after);

/* A row's number as its entity_id: written into buf, which is returned. */
#define AUDIT_ID_LEN 24
const char *audit_id(char buf[AUDIT_ID_LEN], int64_t id);

struct audit_row {
	int64_t id;
	char at[26];
	char username[64];
	char addr[64];
	char action[32];
	char entity[32];
	char entity_id[64];
	char *old_value; /* owned, may be NULL */
	char *new_value; /* owned, may be NULL */
};

struct audit_filter {
	const char *entity;   /* NULL: any */
	const char *username; /* NULL: any */
	const char *action;   /* NULL: any */
	const char *from;     /* YYYY-MM-DD or NULL */
	const char *to;       /* YYYY-MM-DD (inclusive) or NULL */
	int64_t before_id;    /* 0: newest first from the top; else rows with id < before_id */
	size_t limit;
};

/* Newest first. On success *rows is a malloc'd array the caller frees with
 * audit_rows_free. */
nct_err audit_list(struct ctx *x, const struct audit_filter *f, struct audit_row **rows, size_t *n);
void audit_rows_free(struct audit_row *rows, size_t n);

/* The rows as a new JSON array (shared by the API and nct audit --json);
 * NULL when out of memory. */
struct json_t *audit_rows_json(const struct audit_row *v, size_t n);

#endif

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
struct json_t;
struct json_t *audit_rows_json(const struct audit_row *v, size_t n);

#endif

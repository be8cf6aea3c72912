/* db.h - the store: one engine-neutral interface over SQLite (and, next,
 * PostgreSQL).
 *
 * SQL given to this interface is portable: '?' placeholders, values always
 * bound, never pasted; INSERT ... RETURNING for new ids. Where the engines
 * differ, the difference lives in the engine file, not in callers.
 *
 * A struct db is one connection, used by one thread at a time. Statements are
 * prepared once per connection and cached by their SQL text's address, so pass
 * string literals. */
#ifndef NCT_DB_H
#define NCT_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct db;
struct db_stmt;

enum db_step { DB_ROW = 1, DB_DONE = 0 };

/* Opens the store named by uri: "postgresql://..." or "postgres://..." selects
 * PostgreSQL (the usual PG* environment variables fill what the URI leaves out);
 * anything else is a file path for SQLite. For SQLite, creates the file when
 * create is true, else fails with NCT_ERR_NOTFOUND when it is missing.
 * On failure *out is NULL and errmsg (if not NULL) holds a one-line reason. */
nct_err db_open(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen);
void db_close(struct db *db);

/* The engine's name: "sqlite" or "postgresql". */
const char *db_engine(const struct db *db);

/* The last error of this connection, one line, for logs. */
const char *db_errmsg(const struct db *db);

/* Returns the cached statement for sql, reset and with bindings cleared, or NULL
 * on error (see db_errmsg). The statement belongs to the connection: do not free it;
 * call db_done when finished so it is reset for the next user. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
void db_done(struct db_stmt *st);

/* Bind the i-th '?' (1-based). */
nct_err db_bind_int(struct db_stmt *st, int i, int64_t v);
nct_err db_bind_text(struct db_stmt *st, int i, const char *v); /* NULL binds NULL */
nct_err db_bind_null(struct db_stmt *st, int i);

/* Runs the statement one row further: DB_ROW, DB_DONE, or a negative value on
 * error (the nct_err negated: -NCT_ERR_CONFLICT for a constraint violation,
 * -NCT_ERR_UNAVAILABLE when busy or the server is gone, -NCT_ERR_DB otherwise). */
int db_step(struct db_stmt *st);

/* Column i (0-based) of the current row. Text is valid until the next step/done;
 * NULL text is returned as NULL. */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
bool db_col_null(struct db_stmt *st, int i);

/* Convenience: steps a statement that returns no rows (or ignores them) and
 * calls db_done. */
nct_err db_run(struct db_stmt *st);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/* Transactions. db_begin takes the write lock at once (SQLite BEGIN IMMEDIATE),
 * so a transaction never fails half-way on a lock upgrade. */
nct_err db_begin(struct db *db);
nct_err db_commit(struct db *db);
void db_rollback(struct db *db);

/* False when the connection is broken and could not be re-established (a
 * PostgreSQL server that restarted comes back here). */
bool db_usable(struct db *db);

/* Writes a consistent copy of the store, while it is in use, to the file out,
 * created with mode 0600: SQLite with VACUUM INTO (a store file), PostgreSQL
 * by running pg_dump --format=custom (restore with pg_restore). uri is the
 * store's. NCT_ERR_CONFLICT when out exists already; on any failure out is
 * removed and msg says what failed. */
nct_err db_backup(struct db *db, const char *uri, const char *out, char *msg, size_t len);

/* Runs SQL text with no parameters (several statements); for migrations. */
nct_err db_exec(struct db *db, const char *sql);

/* Applies the embedded migrations that are not yet applied, each in its own
 * transaction. Fails with NCT_ERR_CONFLICT (and a message) when the store was
 * written by a newer nct. */
nct_err db_migrate(struct db *db, char *errmsg, size_t errlen);
/* The schema version of the store, and the newest this binary knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);

/* A bounded pool of connections, shared by the server's threads. */
struct db_pool;
nct_err db_pool_open(const char *uri, size_t size, struct db_pool **out, char *errmsg,
                     size_t errlen);
/* Waits for a free connection. NULL only when the pool is closed. */
struct db *db_pool_get(struct db_pool *p);
void db_pool_put(struct db_pool *p, struct db *db);
void db_pool_close(struct db_pool *p);

#endif

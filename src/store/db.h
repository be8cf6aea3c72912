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
#include "../base/vec.h"

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
 * call db_done when finished so it is reset for the next user.
 *
 * A statement's first failure stays set. Every function below that takes a
 * statement also takes the NULL of a failed db_prepare: binds then return
 * NCT_ERR_DB, db_step -NCT_ERR_DB, db_run and db_rows NCT_ERR_DB, db_done
 * nothing. So a caller may prepare, bind and check only the step. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
void db_done(struct db_stmt *st);

/* Bind the i-th '?' (1-based). The first bind that fails (no such parameter,
 * out of memory) is logged and fails the statement: later binds do nothing and
 * return that error, and so do db_step and db_run, until db_done or the next
 * db_prepare. */
nct_err db_bind_int(struct db_stmt *st, int i, int64_t v);
nct_err db_bind_text(struct db_stmt *st, int i, const char *v); /* NULL binds NULL */
nct_err db_bind_null(struct db_stmt *st, int i);

/* Several binds at once, '?' 1, 2, ... in turn, each value typed by its macro:
 *     DB_BINDS(st, DB_I(c->id), DB_T(in->role), DB_T(in->term_to));
 * DB_I an integer (any width, converted as an assignment does), DB_T a text
 * (NULL binds NULL). Returns what the first failing bind returns, or NCT_OK. */
struct db_val {
	char kind; /* 'i' or 't' */
	int64_t i;
	const char *t;
};
#define DB_I(v) ((struct db_val){.kind = 'i', .i = (v)})
#define DB_T(v) ((struct db_val){.kind = 't', .t = (v)})
/* DB_OPT a text that binds NULL when it is NULL or empty (an optional field). */
#define DB_OPT(v) DB_T(db_text_or_null(v))
static inline const char *db_text_or_null(const char *s)
{
	return s && s[0] ? s : NULL;
}
#define DB_BINDS(st, ...)                                                                          \
	db_binds((st), (const struct db_val[]){__VA_ARGS__},                                       \
	         sizeof((const struct db_val[]){__VA_ARGS__}) / sizeof(struct db_val))
nct_err db_binds(struct db_stmt *st, const struct db_val *v, size_t n);
/* db_prepare and DB_BINDS at once: the statement with its values bound,
 *     struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(id), DB_T(day));
 * (a failed bind fails the statement, as ever). */
#define DB_PREPARE(db, sql, ...)                                                                   \
	db_prepare_binds((db), (sql), (const struct db_val[]){__VA_ARGS__},                        \
	                 sizeof((const struct db_val[]){__VA_ARGS__}) / sizeof(struct db_val))
struct db_stmt *db_prepare_binds(struct db *db, const char *sql, const struct db_val *v, size_t n);

/* A statement that runs one lookup for each of n keys, the keys bound as the
 * rows of a VALUES list: "WITH k(i, keys) AS (VALUES (0, row), (1, row), ...)"
 * then k.i and cols of from (tables and a WHERE that names the key's columns
 * as k.name) for each key, ORDER BY order. The keys drive the lookup, each an
 * index seek, whatever the planner knows of the tables' sizes: SQLite's CROSS
 * JOIN keeps k outside; PostgreSQL's LATERAL subquery (OFFSET 0: not pulled up
 * into a join that could hash a scan of the table) runs once per key. The
 * text for each engine goes to lite and pg (cap bytes each; "" when it does
 * not fit); bind each key's row in turn. */
void db_keyed_sql(char *lite, char *pg, size_t cap, size_t n, const char *keys, const char *row,
                  const char *cols, const char *from, const char *order);
/* lite on SQLite, pg on PostgreSQL. */
const char *db_sql_for(const struct db *db, const char *lite, const char *pg);

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

/* What a row reader says of the row it read. */
enum db_row { DB_SKIP = 0, DB_KEEP = 1 };
/* A row reader fills row (a zeroed element of the vec) from the current row of
 * st. It returns DB_KEEP, DB_SKIP to leave the row out (a filter), or a
 * negated nct_err, which stops the reading. arg is the caller's. */
typedef int db_row_reader(struct db_stmt *st, void *row, void *arg);

/* Steps st (prepared and bound) to its end, reading each row with read into a
 * new element of rows, and calls db_done. Returns NCT_OK, or the first error:
 * the step's, the reader's, NCT_ERR_NOMEM, or NCT_ERR_TOOBIG when a row comes
 * while rows holds rows->max already (bind LIMIT max + 1 to tell "there are
 * more" from "all of them"). The rows read stay in rows in every case: the
 * caller frees them (vec_free) or takes them (vec_detach). */
nct_err db_rows(struct db_stmt *st, struct vec *rows, db_row_reader *read, void *arg);

/* A whole list at once: the rows of st read as db_rows does into a new array
 * of at most max elements of size bytes, which the caller frees. *e is the
 * error db_rows gives; on an error the rows read are freed and the result is
 * NULL with *n 0 (as vec_result). */
void *db_list(struct db_stmt *st, size_t size, size_t max, db_row_reader *read, void *arg,
              size_t *n, nct_err *e);

/* Steps st once, reads its first row with read into row (which read fills
 * whole), and calls db_done. NCT_ERR_NOTFOUND when there is no row (or read
 * leaves it out), else the step's or the reader's error. */
nct_err db_row(struct db_stmt *st, void *row, db_row_reader *read, void *arg);

/* A row read by a table of its columns instead of a reader written per
 * struct: column i of the row goes to the field col[i] names. A number goes
 * into an integer field of its size (int64_t, int, or bool: not 0 is true), a
 * text into a char array, cut to fit (NULL reads as ""); DB_NONE passes a
 * column over (one its reader fills itself, say a code parsed into an enum). */
enum db_col_kind { DB_COL_NONE, DB_COL_NUM, DB_COL_TEXT };
struct db_col {
	enum db_col_kind kind;
	size_t off, size;
};
struct db_cols {
	size_t size; /* of the struct read into */
	size_t n;
	const struct db_col *col;
};
#define DB_NUM(type, f)                                                                            \
	{                                                                                          \
		DB_COL_NUM, offsetof(type, f), sizeof(((type *)0)->f)                              \
	}
#define DB_TEXT(type, f)                                                                           \
	{                                                                                          \
		DB_COL_TEXT, offsetof(type, f), sizeof(((type *)0)->f)                             \
	}
#define DB_NONE                                                                                    \
	{                                                                                          \
		DB_COL_NONE, 0, 0                                                                  \
	}
#define DB_COLS(type, cols)                                                                        \
	{                                                                                          \
		sizeof(type), sizeof(cols) / sizeof((cols)[0]), (cols)                             \
	}

/* Zeroes row (t->size bytes) and fills it from the current row of st by t. */
void db_read_cols(struct db_stmt *st, const struct db_cols *t, void *row);
/* db_row, db_rows and db_list with the reader a table: the struct's own row reader. */
nct_err db_row_of(struct db_stmt *st, const struct db_cols *t, void *row);
nct_err db_rows_of(struct db_stmt *st, struct vec *rows, const struct db_cols *t);
void *db_list_of(struct db_stmt *st, const struct db_cols *t, size_t max, size_t *n, nct_err *e);
/* A db_row_reader whose arg is the table (const struct db_cols *): keeps every row. */
int db_cols_reader(struct db_stmt *st, void *row, void *arg);

/* Steps st once and calls db_done: *v is the first column of its first row,
 * 0 when there is none (or on an error). For a COUNT(*), or the id that an
 * INSERT ... RETURNING id gives. */
nct_err db_int(struct db_stmt *st, int64_t *v);

/* As db_int for text: out (cap bytes) is the first column of the first row,
 * cut to fit, "" when there is none (or on an error). */
nct_err db_text(struct db_stmt *st, char *out, size_t cap);

/* As db_int, for a COUNT(*) asked whether there is any: *yes is true when the
 * first column of the first row is above 0. */
nct_err db_any(struct db_stmt *st, bool *yes);

/* Binds the i-th '?' to a LIKE pattern for text that contains s: '%' s '%',
 * with '%', '_' and '\' in s escaped by '\' (write ESCAPE '\' after the
 * LIKE). A pattern longer than DB_LIKE_MAX bytes fails the statement with
 * NCT_ERR_TOOBIG, as any failed bind does. */
#define DB_LIKE_MAX 512
nct_err db_bind_like(struct db_stmt *st, int i, const char *s);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);

/* Transactions. db_begin takes the write lock at once (SQLite BEGIN IMMEDIATE),
 * so a transaction never fails half-way on a lock upgrade. */
nct_err db_begin(struct db *db);
nct_err db_commit(struct db *db);
void db_rollback(struct db *db);

/* A long read (a place's people, read a row at a time) that sees one state
 * of the store from its first statement to db_read_end, whatever other
 * connections commit meanwhile. PostgreSQL fetches a SELECT's rows in batches
 * (a cursor) only inside a read unit, so db_read_begin begins a transaction
 * at REPEATABLE READ there (a savepoint inside another, which then sees what
 * that one sees; no lock: PostgreSQL locks rows, not the store) and
 * db_read_end ends it (committed, as only temporary tables are written).
 * SQLite steps through its results as they come; db_read_begin begins a
 * deferred transaction (db_snapshot_begin: no write lock; nothing inside a
 * transaction or a snapshot already open) and db_read_end commits it. Other
 * SELECTs, also those of a write unit, stay prepared statements read whole:
 * one round trip. */
nct_err db_read_begin(struct db *db);
void db_read_end(struct db *db);

/* A snapshot for many short reads (an import's check pass): SQLite begins a
 * deferred transaction, so the reads share one read lock and see one state of
 * the store, instead of taking and leaving the lock at each statement (two
 * fcntl calls each); no write lock is taken. db_snapshot_end commits it, and
 * so does db_begin before a write. Nothing when a transaction is open, and on
 * PostgreSQL. Hold it briefly: while it is open, SQLite cannot checkpoint the
 * log past it. */
nct_err db_snapshot_begin(struct db *db);
void db_snapshot_end(struct db *db);

/* Locks the row of table (a table with an id column) whose id is id until the
 * transaction ends, so that two transactions that read and then change what
 * hangs on that row (a club's funds) run one after the other, each seeing
 * what the other committed. PostgreSQL: SELECT ... FOR UPDATE; SQLite:
 * nothing, since db_begin holds the store's write lock. A row that does not
 * exist locks nothing. NCT_ERR_INVALID for a table name that is not [a-z_]. */
nct_err db_lock_row(struct db *db, const char *table, int64_t id);

/* After rows were inserted into table with ids given by the caller: the next
 * id the store makes up comes after the largest. PostgreSQL moves the identity
 * sequence; SQLite needs nothing. NCT_ERR_INVALID for a name not [a-z_]. */
nct_err db_sync_ids(struct db *db, const char *table);

/* Takes n ids (at most DB_TAKE_IDS_MAX) for new rows of table into ids, in
 * one call, inside a transaction: PostgreSQL draws them from the identity's
 * sequence (distinct, ascending, maybe not consecutive), SQLite gives the ones
 * after the largest (its write lock keeps them free until the commit). The
 * rows are then inserted with those ids. NCT_ERR_INVALID for a name not
 * [a-z_], for n out of range or outside a transaction. */
#define DB_TAKE_IDS_MAX 4096
nct_err db_take_ids(struct db *db, const char *table, size_t n, int64_t *ids);

/* A multi-row INSERT written in statements of 2^k tuples (the largest that
 * fit the rows left, DB_MANY_ROWS at most and the store's parameters): one
 * round trip for up to DB_MANY_ROWS rows on PostgreSQL. head is the SQL
 * before the tuples, tuple one row's (params '?'), tail what follows them.
 * Declare it static: its texts are built once, when first used, and kept
 * (statements are cached by their text's address). */
#define DB_MANY_POW  9 /* statements of 1, 2, 4, ... 256 tuples */
#define DB_MANY_ROWS (1 << (DB_MANY_POW - 1))
struct db_many {
	const char *head, *tuple, *tail;
	int params;
	const char *sql[DB_MANY_POW];
};
#define DB_MANY(head, tuple, tail, params)                                                         \
	{                                                                                          \
		(head), (tuple), (tail), (params),                                                 \
		{                                                                                  \
			NULL                                                                       \
		}                                                                                  \
	}
/* Binds row (0-based) of the rows written, its first parameter at first. */
typedef void db_many_bind(struct db_stmt *st, int first, size_t row, void *arg);
/* Writes rows 0..n-1, bound by bind; the first error stops it. */
nct_err db_many_run(struct db *db, struct db_many *m, size_t n, db_many_bind *bind, void *arg);

/* A bulk load (nct gen), outside any transaction: the store may trade
 * durability for speed until db_bulk_end puts its settings back. SQLite: no
 * fsync and a larger page cache (a crash of the machine may then break the
 * store); PostgreSQL: commits do not wait for the write-ahead log (a crash
 * may lose the last commits, never break the store). A failure only costs
 * speed; it is logged and returned. */
nct_err db_bulk_begin(struct db *db);
nct_err db_bulk_end(struct db *db);

/* A large page cache for one long unit (an import) on this connection, or
 * back to the default. SQLite: 64 MiB, so that the unit's pages are not
 * spilled to the log before it commits (durability unchanged); PostgreSQL:
 * nothing (the server's buffers). A failure only costs speed. */
nct_err db_big_cache(struct db *db, bool on);

/* The plain (not unique) indexes of some tables, set aside during a load that
 * adds many rows to them, and built again before the unit ends: a sorted build
 * of each index instead of an entry at a time (what pg_restore and the sqlite3
 * shell's .import advise). At most DB_SET_ASIDE_MAX indexes are set aside; any
 * further one (and one whose name is not plain: lower-case letters, digits,
 * '_') stays in place, so the load is slower by it and still works. */
#define DB_SET_ASIDE_MAX 32
struct db_set_aside {
	size_t n;
	char *name[DB_SET_ASIDE_MAX];
	char *sql[DB_SET_ASIDE_MAX]; /* the CREATE INDEX statement, as the store keeps it */
};

/* Inside a write unit, drops the plain indexes of the tables named (a NULL-ended
 * list) but those named in keep (NULL-ended), and says in *out how to build
 * them again. SQLite only: there the DROP and the CREATE of db_indexes_rebuild
 * are part of the unit, so readers keep seeing the store as it was, indexes and
 * all (their WAL snapshot), until the commit, and a rollback brings the
 * indexes back as they were. PostgreSQL drops nothing (out->n == 0): its DROP
 * INDEX takes an ACCESS EXCLUSIVE lock on the table until the commit, which
 * would keep every reader of the table waiting for the whole load.
 * NCT_ERR_INVALID outside a unit. */
nct_err db_indexes_set_aside(struct db *db, const char *const *tables, const char *const *keep,
                             struct db_set_aside *out);
/* Builds again the indexes set aside, in the same unit, and forgets them. */
nct_err db_indexes_rebuild(struct db *db, struct db_set_aside *s);
void db_set_aside_free(struct db_set_aside *s);

/* How many '?' one statement may have on this store. */
int db_max_params(const struct db *db);

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
/* The same, up to the migration numbered upto only: the store an older nct
 * left (the tests of upgrades build one). */
nct_err db_migrate_to(struct db *db, int upto, char *errmsg, size_t errlen);
/* The schema version of the store, and the newest this binary knows. */
int db_schema_version(struct db *db);
int db_schema_latest(void);
/* How many of the migrations this binary knows the store has not recorded
 * (a store at the latest version may lack one merged with a lower number);
 * -1 when it cannot be read. */
int db_schema_missing(struct db *db);
/* The lowest migration the store has recorded that this binary does not know
 * (a newer nct's, numbered in a gap of this one's: a store this binary must not
 * write, since it would leave that migration's rows out of step); 0 when none,
 * -1 when it cannot be read. */
int db_schema_unknown(struct db *db);

/* A bounded pool of connections, shared by the server's threads. */
struct db_pool;
nct_err db_pool_open(const char *uri, size_t size, struct db_pool **out, char *errmsg,
                     size_t errlen);
/* Waits for a free connection. NULL only when the pool is closed. */
struct db *db_pool_get(struct db_pool *p);
void db_pool_put(struct db_pool *p, struct db *db);
void db_pool_close(struct db_pool *p);

#endif

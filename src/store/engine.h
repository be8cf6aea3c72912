/* engine.h - what each engine (sqlite.c, pg.c) provides to db.c, which holds
 * what is common: dispatch, nested transactions, db_run. Private to store/. */
#ifndef NCT_ENGINE_H
#define NCT_ENGINE_H

#include "db.h"

/* The first member of every engine's connection. */
struct db {
	const struct db_engine *eng;
	int depth;          /* open transactions: the outer one BEGIN, inner ones savepoints */
	bool bulk;          /* between db_bulk_begin and db_bulk_end */
	int reading;        /* read units open (db_read_begin): long SELECTs stream */
	bool snapshot;      /* a SQLite read transaction of db_snapshot_begin is open */
	bool read_snapshot; /* db_read_begin began it (SQLite), db_read_end ends it */
};

/* The first member of every engine's statement. */
struct db_stmt {
	struct db *db;
	nct_err err; /* the first bind that failed since db_prepare (kept by db.c) */
	/* read for its first row only (db_row, db_int, db_text, db_any), since
	 * db_prepare: PostgreSQL runs it whole, without a cursor */
	bool one;
};

struct db_engine {
	const char *name;
	const char *begin_sql;      /* the outermost BEGIN */
	const char *read_begin_sql; /* the outermost BEGIN of a read unit (reads_in_transaction) */
	/* SELECTs stream their rows only inside a transaction (db_read_begin) */
	bool reads_in_transaction;
	nct_err (*open)(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen);
	void (*close)(struct db *db);
	const char *(*errmsg)(const struct db *db);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	void (*done)(struct db_stmt *st);
	nct_err (*bind_int)(struct db_stmt *st, int i, int64_t v);
	nct_err (*bind_text)(struct db_stmt *st, int i, const char *v);
	nct_err (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	bool (*col_null)(struct db_stmt *st, int i);
	int64_t (*changes)(struct db *db);
	/* Runs SQL text without parameters; maps a busy store to NCT_ERR_UNAVAILABLE. */
	nct_err (*exec)(struct db *db, const char *sql);
	/* Rewrites a migration for this engine; NULL: taken as written. malloc'd. */
	char *(*migration_sql)(const char *sql);
	/* Serialises migrations between processes (PostgreSQL); NULL: not needed. */
	nct_err (*migration_lock)(struct db *db, bool lock);
	/* True when the connection can be used; else it tries to reconnect once. */
	bool (*usable)(struct db *db);
	/* Writes a consistent copy of the whole store to the file out. */
	nct_err (*backup)(struct db *db, const char *uri, const char *out, char *msg, size_t len);
	/* Parameters one statement may take. */
	int (*max_params)(const struct db *db);
	/* Bulk loading on or off (db.c checked the state); NULL: nothing to change. */
	nct_err (*bulk)(struct db *db, bool on);
	nct_err (*big_cache)(struct db *db, bool on); /* NULL: nothing to do */
	/* Moves table's id generator past its largest id; NULL: the engine does. */
	nct_err (*sync_ids)(struct db *db, const char *table);
	/* n ids for new rows of table (db_take_ids checked the arguments). */
	nct_err (*take_ids)(struct db *db, const char *table, size_t n, int64_t *ids);
	/* Locks table's row id until the transaction ends; NULL: the transaction's
	 * write lock already serialises writers. */
	nct_err (*lock_row)(struct db *db, const char *table, int64_t id);
	/* Queues the outermost transaction behind the process's other writers of
	 * the store (enter, before begin_sql) and lets the next one in (leave,
	 * after COMMIT or ROLLBACK); NULL: the engine's own locks do. */
	nct_err (*write_gate)(struct db *db, bool enter);
};

/* The statement caches are keyed by the SQL text's address, which must be a
 * literal (or a static built once). True when cached, the text the statement
 * was prepared from, still stands at sql; else the key was misused (SQL built
 * in a buffer, then other SQL at the same address): logged and written to err,
 * so the caller fails instead of running the other statement. */
bool text_unchanged(char *err, size_t len, const char *cached, const char *sql);

extern const struct db_engine sqlite_engine;
extern const struct db_engine pg_engine;

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration nct_migrations[];
extern const size_t nct_migrations_count;

#endif

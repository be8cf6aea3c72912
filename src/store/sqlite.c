/* sqlite.c - the SQLite engine behind db.h. */
#include "db.h"
#include "engine.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STMT_CACHE      160
#define BUSY_TIMEOUT_MS 5000

struct db_stmt {
	struct db *db;
	const char *sql; /* the caller's literal: the cache key */
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	struct db_stmt cache[STMT_CACHE];
	size_t ncache;
	int depth; /* open transactions: the outer one is BEGIN, inner ones savepoints */
	char err[256];
};

static void set_err(struct db *db, const char *what)
{
	snprintf(db->err, sizeof db->err, "%s: %s", what, sqlite3_errmsg(db->h));
}

static nct_err pragma(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ? NCT_OK : NCT_ERR_DB;
}

nct_err db_open(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen)
{
	*out = NULL;
	struct stat sb;
	if (!create && stat(uri, &sb) != 0) {
		if (errmsg)
			snprintf(errmsg, errlen,
			         "no store at %s (create it with: nct init --db %s)", uri, uri);
		return NCT_ERR_NOTFOUND;
	}
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return NCT_ERR_NOMEM;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(uri, &db->h, flags, NULL) != SQLITE_OK) {
		if (errmsg)
			snprintf(errmsg, errlen, "cannot open %s: %s", uri,
			         db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db);
		return NCT_ERR_IO;
	}
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* Defensive mode: no writes to the schema or shadow tables through SQL. */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (pragma(db->h, "PRAGMA journal_mode=WAL") || pragma(db->h, "PRAGMA foreign_keys=ON") ||
	    pragma(db->h, "PRAGMA synchronous=NORMAL")) {
		if (errmsg)
			snprintf(errmsg, errlen, "cannot set up %s: %s", uri,
			         sqlite3_errmsg(db->h));
		db_close(db);
		return NCT_ERR_DB;
	}
	*out = db;
	return NCT_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db);
}

const char *db_engine(const struct db *db)
{
	(void)db;
	return "sqlite";
}

const char *db_errmsg(const struct db *db)
{
	return db->err[0] ? db->err : sqlite3_errmsg(db->h);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql)
			return &db->cache[i];
	if (db->ncache == STMT_CACHE) {
		snprintf(db->err, sizeof db->err, "statement cache full");
		return NULL;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		set_err(db, "prepare");
		return NULL;
	}
	struct db_stmt *s = &db->cache[db->ncache++];
	s->db = db;
	s->sql = sql;
	s->st = st;
	return s;
}

void db_done(struct db_stmt *st)
{
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
}

static nct_err bind_rc(struct db_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return NCT_OK;
	set_err(st->db, "bind");
	return rc == SQLITE_NOMEM ? NCT_ERR_NOMEM : NCT_ERR_DB;
}

nct_err db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return bind_rc(st, sqlite3_bind_int64(st->st, i, v));
}

nct_err db_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (!v)
		return db_bind_null(st, i);
	return bind_rc(st, sqlite3_bind_text(st->st, i, v, -1, SQLITE_TRANSIENT));
}

nct_err db_bind_null(struct db_stmt *st, int i)
{
	return bind_rc(st, sqlite3_bind_null(st->st, i));
}

static int step_error(struct db *db, int rc)
{
	set_err(db, "step");
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return -NCT_ERR_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return -NCT_ERR_UNAVAILABLE;
	case SQLITE_NOMEM:
		return -NCT_ERR_NOMEM;
	default:
		return -NCT_ERR_DB;
	}
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return step_error(st->db, rc);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->st, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

nct_err db_run(struct db_stmt *st)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

nct_err db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return NCT_ERR_DB;
	}
	return NCT_OK;
}

static nct_err tx_exec(struct db *db, const char *sql, const char *what)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return NCT_OK;
	set_err(db, what);
	return (rc & 0xff) == SQLITE_BUSY ? NCT_ERR_UNAVAILABLE : NCT_ERR_DB;
}

/* Transactions nest: a domain call that opens its own transaction inside a
 * caller's (an import, the demo) becomes a savepoint, so the outer one still
 * commits or rolls back as a whole. */
nct_err db_begin(struct db *db)
{
	char sql[32];
	nct_err e;
	if (db->depth == 0)
		e = tx_exec(db, "BEGIN IMMEDIATE", "begin");
	else {
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", db->depth);
		e = tx_exec(db, sql, "savepoint");
	}
	if (!e)
		db->depth++;
	return e;
}

nct_err db_commit(struct db *db)
{
	char sql[32];
	if (db->depth == 0)
		return NCT_ERR_DB;
	if (db->depth > 1) {
		snprintf(sql, sizeof sql, "RELEASE s%d", db->depth - 1);
		nct_err e = tx_exec(db, sql, "release");
		if (e)
			db_rollback(db);
		else
			db->depth--;
		return e;
	}
	nct_err e = tx_exec(db, "COMMIT", "commit");
	if (e)
		db_rollback(db);
	else
		db->depth = 0;
	return e;
}

void db_rollback(struct db *db)
{
	char sql[64];
	if (db->depth > 1) {
		snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", db->depth - 1,
		         db->depth - 1);
		sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		db->depth--;
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->depth = 0;
}

/* db.c - the engine-neutral half of the store: choosing an engine,
 * dispatching, nested transactions. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/file.h"
#include "db.h"
#include "engine.h"

static bool is_postgres(const char *uri)
{
	return strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0;
}

nct_err db_open(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen)
{
	const struct db_engine *eng = is_postgres(uri) ? &pg_engine : &sqlite_engine;
	nct_err e = eng->open(uri, create, out, errmsg, errlen);
	if (!e) {
		(*out)->eng = eng;
		(*out)->depth = 0;
	}
	return e;
}

void db_close(struct db *db)
{
	if (db)
		db->eng->close(db);
}

const char *db_engine(const struct db *db)
{
	return db->eng->name;
}

const char *db_errmsg(const struct db *db)
{
	return db->eng->errmsg(db);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	return db->eng->prepare(db, sql);
}

void db_done(struct db_stmt *st)
{
	st->db->eng->done(st);
}

nct_err db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return st->db->eng->bind_int(st, i, v);
}

nct_err db_bind_text(struct db_stmt *st, int i, const char *v)
{
	return v ? st->db->eng->bind_text(st, i, v) : st->db->eng->bind_null(st, i);
}

nct_err db_bind_null(struct db_stmt *st, int i)
{
	return st->db->eng->bind_null(st, i);
}

int db_step(struct db_stmt *st)
{
	return st->db->eng->step(st);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return st->db->eng->col_int(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return st->db->eng->col_text(st, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
	return st->db->eng->col_null(st, i);
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
	return db->eng->changes(db);
}

nct_err db_exec(struct db *db, const char *sql)
{
	return db->eng->exec(db, sql);
}

/* The copy holds what the store holds: it is created 0600 here, empty, before
 * the engine fills it (VACUUM INTO accepts an empty file, pg_dump rewrites
 * it in place), and removed when the backup fails half-way. */
nct_err db_backup(struct db *db, const char *uri, const char *out, char *msg, size_t len)
{
	int fd;
	nct_err e = file_create_private(out, true, &fd);
	if (e) {
		snprintf(msg, len,
		         e == NCT_ERR_CONFLICT ? "%s exists already; choose a new file"
		                               : "cannot create %s",
		         out);
		return e;
	}
	close(fd);
	e = db->eng->backup(db, uri, out, msg, len);
	if (e)
		unlink(out);
	return e;
}

bool db_usable(struct db *db)
{
	return db->eng->usable ? db->eng->usable(db) : true;
}

/* Transactions nest: a domain call that opens its own transaction inside a
 * caller's (an import, the demo) becomes a savepoint, so the outer one still
 * commits or rolls back as a whole. */
nct_err db_begin(struct db *db)
{
	char sql[32];
	nct_err e;
	if (db->depth == 0) {
		e = db->eng->exec(db, db->eng->begin_sql);
	} else {
		snprintf(sql, sizeof sql, "SAVEPOINT s%d", db->depth);
		e = db->eng->exec(db, sql);
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
	if (db->depth > 1)
		snprintf(sql, sizeof sql, "RELEASE s%d", db->depth - 1);
	nct_err e = db->eng->exec(db, db->depth > 1 ? sql : "COMMIT");
	if (e) {
		db_rollback(db);
		return e;
	}
	db->depth--;
	return NCT_OK;
}

void db_rollback(struct db *db)
{
	char sql[64];
	if (db->depth > 1) {
		snprintf(sql, sizeof sql, "ROLLBACK TO s%d; RELEASE s%d", db->depth - 1,
		         db->depth - 1);
		db->eng->exec(db, sql);
		db->depth--;
		return;
	}
	if (db->depth == 1)
		db->eng->exec(db, "ROLLBACK");
	db->depth = 0;
}

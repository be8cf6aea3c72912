/* migrate.c - numbered migrations, embedded at build time, applied in order.
 *
 * A store takes every migration it has not recorded, not only those above its
 * highest: branches merged in another order than their numbers (a store made
 * at 0018 by a build that did not know 0015 yet) still get the ones between. */
#include "db.h"
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>

static const char sql_create_meta[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                      " version INTEGER PRIMARY KEY,"
                                      " name TEXT NOT NULL,"
                                      " applied_at TEXT NOT NULL)";

int db_schema_latest(void)
{
	return nct_migrations_count ? nct_migrations[nct_migrations_count - 1].version : 0;
}

int db_schema_version(struct db *db)
{
	static const char sql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return -1;
	int v = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
	db_done(st);
	return v;
}

/* Whether migration version is recorded in the store: *yes. */
static nct_err applied(struct db *db, int version, bool *yes)
{
	static const char sql[] = "SELECT count(*) FROM schema_migrations WHERE version = ?";
	int64_t n = 0;
	struct db_stmt *st = db_prepare(db, sql);
	if (st)
		db_bind_int(st, 1, version);
	nct_err e = db_int(st, &n);
	*yes = n > 0;
	return e;
}

int db_schema_missing(struct db *db)
{
	int missing = 0;
	for (size_t i = 0; i < nct_migrations_count; i++) {
		bool done = false;
		if (applied(db, nct_migrations[i].version, &done))
			return -1;
		missing += !done;
	}
	return missing;
}

int db_schema_unknown(struct db *db)
{
	static const char sql[] = "SELECT version FROM schema_migrations ORDER BY version";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return -1;
	int rc, unknown = 0;
	size_t i = 0;
	while (!unknown && (rc = db_step(st)) == DB_ROW) {
		int v = (int)db_col_int(st, 0);
		while (i < nct_migrations_count && nct_migrations[i].version < v)
			i++;
		if (i == nct_migrations_count || nct_migrations[i].version != v)
			unknown = v;
	}
	if (!unknown && rc != DB_DONE)
		unknown = -1;
	db_done(st);
	return unknown;
}

static nct_err apply(struct db *db, const struct migration *m, char *errmsg, size_t errlen)
{
	static const char sql_mark[] = "INSERT INTO schema_migrations (version, name, applied_at)"
	                               " VALUES (?, ?, CURRENT_TIMESTAMP)";
	char *own = db->eng->migration_sql ? db->eng->migration_sql(m->sql) : NULL;
	if (db->eng->migration_sql && !own)
		return NCT_ERR_NOMEM;
	nct_err e = db_begin(db);
	if (!e)
		e = db_exec(db, own ? own : m->sql);
	free(own);
	if (!e) {
		struct db_stmt *st = db_prepare(db, sql_mark);
		if (!st)
			e = NCT_ERR_DB;
		else {
			db_bind_int(st, 1, m->version);
			db_bind_text(st, 2, m->name);
			e = db_run(st);
		}
	}
	if (!e)
		e = db_commit(db);
	if (e) {
		db_rollback(db);
		snprintf(errmsg, errlen, "migration %04d %s failed: %s", m->version, m->name,
		         db_errmsg(db));
	}
	return e;
}

static nct_err migrate_locked(struct db *db, int upto, char *errmsg, size_t errlen)
{
	if (db_exec(db, sql_create_meta)) {
		snprintf(errmsg, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return NCT_ERR_DB;
	}
	int have = db_schema_version(db);
	if (have < 0) {
		snprintf(errmsg, errlen, "cannot read the schema version: %s", db_errmsg(db));
		return NCT_ERR_DB;
	}
	if (have > db_schema_latest()) {
		snprintf(errmsg, errlen,
		         "the store has schema version %d but this nct knows only up to %d: "
		         "use a newer nct",
		         have, db_schema_latest());
		return NCT_ERR_CONFLICT;
	}
	int unknown = db_schema_unknown(db);
	if (unknown < 0) {
		snprintf(errmsg, errlen, "cannot read the schema version: %s", db_errmsg(db));
		return NCT_ERR_DB;
	}
	if (unknown > 0) {
		snprintf(
		    errmsg, errlen,
		    "the store has migration %04d, which this nct does not know: use a newer nct",
		    unknown);
		return NCT_ERR_CONFLICT;
	}
	for (size_t i = 0; i < nct_migrations_count; i++) {
		bool done = false;
		if (nct_migrations[i].version > upto)
			continue;
		nct_err e = applied(db, nct_migrations[i].version, &done);
		if (e) {
			snprintf(errmsg, errlen, "cannot read the schema version: %s",
			         db_errmsg(db));
			return e;
		}
		if (!done && (e = apply(db, &nct_migrations[i], errmsg, errlen)))
			return e;
	}
	return NCT_OK;
}

/* Two servers starting at once against one PostgreSQL must not both migrate. */
nct_err db_migrate_to(struct db *db, int upto, char *errmsg, size_t errlen)
{
	if (db->eng->migration_lock && db->eng->migration_lock(db, true)) {
		snprintf(errmsg, errlen, "cannot lock the store for migration: %s", db_errmsg(db));
		return NCT_ERR_DB;
	}
	nct_err e = migrate_locked(db, upto, errmsg, errlen);
	if (db->eng->migration_lock)
		db->eng->migration_lock(db, false);
	return e;
}

nct_err db_migrate(struct db *db, char *errmsg, size_t errlen)
{
	return db_migrate_to(db, db_schema_latest(), errmsg, errlen);
}

/* testdb.h - a fresh store for tests that need one: a SQLite file in a
 * temporary folder, or, when NCT_TEST_PG names a PostgreSQL server's admin URI
 * (postgresql://postgres@127.0.0.1:PORT/postgres), a new database on it. */
#ifndef NCT_TESTDB_H
#define NCT_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

struct testdb {
	char dir[64];
	char path[256]; /* the store's URI */
	char name[64];  /* PostgreSQL: the database made for this test */
	struct db *db;
};

/* Runs one statement on the server's admin database. */
static inline void testdb_admin(const char *admin, const char *sql)
{
	struct db *a;
	char msg[256] = "";
	assert_int_equal(db_open(admin, false, &a, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_exec(a, sql), NCT_OK);
	db_close(a);
}

/* A fresh store at schema version upto (an older nct's store). */
static inline void testdb_open_at(struct testdb *t, int upto)
{
	char msg[256] = "", sql[128];
	static int seq;
	const char *admin = getenv("NCT_TEST_PG");
	if (admin && *admin) {
		const char *slash = strrchr(admin, '/');
		assert_non_null(slash);
		snprintf(t->name, sizeof t->name, "nct_unit_%d_%d", (int)getpid(), ++seq);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", t->name);
		testdb_admin(admin, sql);
		snprintf(t->path, sizeof t->path, "%.*s/%s", (int)(slash - admin), admin, t->name);
	} else {
		t->name[0] = '\0';
		snprintf(t->dir, sizeof t->dir, "/tmp/nct-unit.XXXXXX");
		assert_non_null(mkdtemp(t->dir));
		snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	}
	assert_int_equal(db_open(t->path, true, &t->db, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_migrate_to(t->db, upto, msg, sizeof msg), NCT_OK);
}

/* A fresh store at the latest schema. */
static inline void testdb_open(struct testdb *t)
{
	testdb_open_at(t, db_schema_latest());
}

/* The first column of every row of st (DB_PREPARE: its values bound) into
 * ids, at most max, the statement run to its end without an error and done:
 * the count. For a test's oracle, the plain SQL a list is checked against. */
static inline size_t testdb_ids(struct db_stmt *st, int64_t *ids, size_t max)
{
	size_t n = 0;
	int rc;
	assert_non_null(st);
	while ((rc = db_step(st)) == DB_ROW) {
		assert_true(n < max);
		ids[n++] = db_col_int(st, 0);
	}
	assert_int_equal(rc, DB_DONE);
	db_done(st);
	return n;
}

/* The search keys that do not carry what their person holds now (sort key,
 * start of the birth, death) or whose person is merged away: 0 when every
 * write kept them in step (person_name_keys, migration 0027). */
static inline int64_t testdb_keys_out_of_step(struct db *db)
{
	static const char sql[] =
	    "SELECT COUNT(*) FROM person_name_keys k JOIN persons p ON p.id = k.person_id"
	    " WHERE p.merged_into IS NOT NULL OR COALESCE(k.sort_key, '') <> COALESCE(p.sort_key, "
	    "'')"
	    " OR COALESCE(k.birth_start, '') <> COALESCE(p.birth_start, '')"
	    " OR COALESCE(k.died_on, '') <> COALESCE(p.died_on, '') OR k.place_id <> p.place_id";
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(db, sql), &n), NCT_OK);
	return n;
}

static inline void testdb_close(struct testdb *t)
{
	char p[160];
	db_close(t->db);
	t->db = NULL;
	if (t->name[0]) {
		snprintf(p, sizeof p, "DROP DATABASE %s", t->name);
		testdb_admin(getenv("NCT_TEST_PG"), p);
		return;
	}
	static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", t->dir, files[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

#endif

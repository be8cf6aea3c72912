/* testdb.h - a fresh store in a temporary folder, for tests that need one. */
#ifndef NCT_TESTDB_H
#define NCT_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

struct testdb {
	char dir[64];
	char path[96];
	struct db *db;
};

/* Creates and migrates a store; fails the test on any error. */
static inline void testdb_open(struct testdb *t)
{
	char msg[256] = "";
	snprintf(t->dir, sizeof t->dir, "/tmp/nct-unit.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	assert_int_equal(db_open(t->path, true, &t->db, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_migrate(t->db, msg, sizeof msg), NCT_OK);
}

static inline void testdb_close(struct testdb *t)
{
	char p[128];
	db_close(t->db);
	t->db = NULL;
	static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", t->dir, files[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

#endif

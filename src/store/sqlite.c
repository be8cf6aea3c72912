/* sqlite.c - the SQLite engine behind db.h. */
#include "db.h"
#include "engine.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/log.h"

/* Distinct statements one connection prepares and keeps (each is a string
 * literal of the program; about 230 today): full means a 500 and a log line. */
#define STMT_CACHE      512
#define BUSY_TIMEOUT_MS 5000

struct lite_stmt {
	struct db_stmt base;
	const char *sql; /* the caller's literal: the cache key */
	sqlite3_stmt *st;
};

struct lite {
	struct db base;
	sqlite3 *h;
	struct lite_stmt cache[STMT_CACHE];
	size_t ncache;
	char err[256];
	int gate;            /* this store's writer gate; -1: none */
	bool gated;          /* in a write transaction, through the gate */
	bool checkpoint_due; /* the WAL grew past WAL_CHECKPOINT inside it */
};

#define LITE(d)  ((struct lite *)(void *)(d))
#define LSTMT(s) ((struct lite_stmt *)(void *)(s))

/* ---- the writer gate --------------------------------------------------------
 *
 * SQLite lets one writer at a time, and a writer that finds the store locked
 * polls: it sleeps 1, 2, 5 ... up to 100 ms between tries, so it starts up to
 * 100 ms after the lock is free. Threads of one process (nct serve's) queue at
 * a gate per store instead and the next one starts at once; the WAL is
 * checkpointed after the gate opens, not while the next writer waits. Other
 * processes still meet SQLite's lock and its busy timeout. */

#define GATES          16   /* stores one process writes to at once */
#define WAL_CHECKPOINT 1000 /* pages: SQLite's default auto-checkpoint */
/* The WAL grows while a long read (a province's lists) keeps writers from
 * checkpointing past it, and SQLite keeps the file at its largest size after.
 * With this limit the first commit after a checkpoint that reached the end
 * of the log cuts the file back to it. */
#define WAL_SIZE_LIMIT "16777216" /* bytes: 16 MiB, four times the checkpoint's */

static struct {
	char path[1024];
	int users; /* connections open on it; 0: free */
	bool held;
} gates[GATES];
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;

static int gate_find(const char *uri)
{
	int g = -1;
	if (strlen(uri) >= sizeof gates[0].path || strcmp(uri, ":memory:") == 0)
		return -1;
	pthread_mutex_lock(&gate_mu);
	for (int i = 0; i < GATES && g < 0; i++)
		if (gates[i].users && strcmp(gates[i].path, uri) == 0)
			g = i;
	for (int i = 0; i < GATES && g < 0; i++)
		if (!gates[i].users) {
			g = i;
			snprintf(gates[i].path, sizeof gates[i].path, "%s", uri);
			gates[i].held = false;
		}
	if (g >= 0)
		gates[g].users++;
	pthread_mutex_unlock(&gate_mu);
	return g;
}

static void gate_drop(int g)
{
	if (g < 0)
		return;
	pthread_mutex_lock(&gate_mu);
	gates[g].users--;
	pthread_mutex_unlock(&gate_mu);
}

/* Waits for the store's gate as long as SQLite would wait for its lock. */
static nct_err gate_enter(int g)
{
	struct timespec until;
	int rc = 0;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += BUSY_TIMEOUT_MS / 1000;
	until.tv_nsec += (long)(BUSY_TIMEOUT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&gate_mu);
	while (gates[g].held && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&gate_cv, &gate_mu, &until);
	bool got = !gates[g].held;
	if (got)
		gates[g].held = true;
	pthread_mutex_unlock(&gate_mu);
	return got ? NCT_OK : NCT_ERR_UNAVAILABLE;
}

static void gate_leave(int g)
{
	pthread_mutex_lock(&gate_mu);
	gates[g].held = false;
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_mu);
}

/* In place of SQLite's auto-checkpoint: after a commit through the gate, once
 * the gate is open again (lite_write_gate). */
static int wal_committed(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct lite *db = arg;
	if (pages < WAL_CHECKPOINT)
		return SQLITE_OK;
	if (db->gated)
		db->checkpoint_due = true;
	else
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

static nct_err lite_write_gate(struct db *d, bool enter)
{
	struct lite *db = LITE(d);
	if (enter) {
		nct_err e = db->gate < 0 ? NCT_OK : gate_enter(db->gate);
		if (e)
			snprintf(db->err, sizeof db->err, "another writer kept the store for %d ms",
			         BUSY_TIMEOUT_MS);
		db->gated = !e && db->gate >= 0;
		return e;
	}
	if (db->gated)
		gate_leave(db->gate);
	db->gated = false;
	if (db->checkpoint_due)
		sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	db->checkpoint_due = false;
	return NCT_OK;
}

static void set_err(struct lite *db, const char *what)
{
	snprintf(db->err, sizeof db->err, "%s: %s", what, sqlite3_errmsg(db->h));
}

static nct_err pragma(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ? NCT_OK : NCT_ERR_DB;
}

static void lite_close(struct db *d);

/* The store holds password hashes and personal data: its file is made 0600
 * before SQLite creates it (SQLite gives -wal and -shm the same mode), and an
 * older store left readable by others is narrowed. */
static nct_err keep_private(const char *uri, char *errmsg, size_t errlen)
{
	int fd;
	nct_err e = file_create_private(uri, true, &fd);
	if (e == NCT_OK)
		close(fd);
	else if (e != NCT_ERR_CONFLICT) {
		if (errmsg)
			snprintf(errmsg, errlen, "cannot create %s", uri);
		return NCT_ERR_IO;
	}
	static const char *const tails[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char path[4096];
		bool narrowed;
		if ((size_t)snprintf(path, sizeof path, "%s%s", uri, tails[i]) >= sizeof path)
			break;
		if (file_make_private(path, &narrowed) != NCT_OK)
			log_warn("%s is readable by other accounts and cannot be narrowed to 0600",
			         path);
		else if (narrowed)
			log_warn("%s was readable by other accounts: narrowed to 0600", path);
	}
	return NCT_OK;
}

/* SQLite's own statement journal spill (64 KiB, then a temporary file) is
 * kept. Keeping it in memory up to 4 MiB (SQLITE_CONFIG_STMTJRNL_SPILL) saved
 * some system time in the import's per-row statements, but a statement whose
 * journal then passed 4 MiB failed with SQLITE_FULL ("database or disk is
 * full") with the disk far from full: the import's CREATE INDEX of 100,000
 * persons did (issue 8). */

static nct_err lite_open(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen)
{
	*out = NULL;
	struct stat sb;
	if (!create && stat(uri, &sb) != 0) {
		if (errmsg)
			snprintf(errmsg, errlen,
			         "no store at %s (create it with: nct init --db %s)", uri, uri);
		return NCT_ERR_NOTFOUND;
	}
	if (keep_private(uri, errmsg, errlen) != NCT_OK)
		return NCT_ERR_IO;
	struct lite *db = calloc(1, sizeof *db);
	if (!db)
		return NCT_ERR_NOMEM;
	db->gate = -1;
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
	    pragma(db->h, "PRAGMA synchronous=NORMAL") ||
	    pragma(db->h, "PRAGMA journal_size_limit=" WAL_SIZE_LIMIT)) {
		if (errmsg)
			snprintf(errmsg, errlen, "cannot set up %s: %s", uri,
			         sqlite3_errmsg(db->h));
		lite_close(&db->base);
		return NCT_ERR_DB;
	}
	sqlite3_wal_hook(db->h, wal_committed, db);
	db->gate = gate_find(uri);
	*out = &db->base;
	return NCT_OK;
}

static void lite_close(struct db *d)
{
	struct lite *db = LITE(d);
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h); /* rolls back a transaction left open */
	if (db->gated)
		gate_leave(db->gate);
	gate_drop(db->gate);
	free(db);
}

static const char *lite_errmsg(const struct db *d)
{
	const struct lite *db = (const struct lite *)(const void *)d;
	return db->err[0] ? db->err : sqlite3_errmsg(db->h);
}

static struct db_stmt *lite_prepare(struct db *d, const char *sql)
{
	struct lite *db = LITE(d);
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql)
			return text_unchanged(db->err, sizeof db->err, sqlite3_sql(db->cache[i].st),
			                      sql)
			           ? &db->cache[i].base
			           : NULL;
	if (db->ncache == STMT_CACHE) {
		snprintf(db->err, sizeof db->err, "statement cache full");
		log_error("store: more than %d distinct statements on one connection", STMT_CACHE);
		return NULL;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		set_err(db, "prepare");
		return NULL;
	}
	struct lite_stmt *s = &db->cache[db->ncache++];
	s->base.db = d;
	s->sql = sql;
	s->st = st;
	return &s->base;
}

static void lite_done(struct db_stmt *s)
{
	sqlite3_reset(LSTMT(s)->st);
	sqlite3_clear_bindings(LSTMT(s)->st);
}

static nct_err bind_rc(struct db_stmt *s, int rc)
{
	if (rc == SQLITE_OK)
		return NCT_OK;
	set_err(LITE(s->db), "bind");
	return rc == SQLITE_NOMEM ? NCT_ERR_NOMEM : NCT_ERR_DB;
}

static nct_err lite_bind_int(struct db_stmt *s, int i, int64_t v)
{
	return bind_rc(s, sqlite3_bind_int64(LSTMT(s)->st, i, v));
}

static nct_err lite_bind_text(struct db_stmt *s, int i, const char *v)
{
	return bind_rc(s, sqlite3_bind_text(LSTMT(s)->st, i, v, -1, SQLITE_TRANSIENT));
}

static nct_err lite_bind_null(struct db_stmt *s, int i)
{
	return bind_rc(s, sqlite3_bind_null(LSTMT(s)->st, i));
}

static int step_error(struct lite *db, int rc)
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

static int lite_step(struct db_stmt *s)
{
	int rc = sqlite3_step(LSTMT(s)->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return step_error(LITE(s->db), rc);
}

static int64_t lite_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(LSTMT(s)->st, i);
}

static const char *lite_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(LSTMT(s)->st, i);
}

static bool lite_col_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(LSTMT(s)->st, i) == SQLITE_NULL;
}

static int64_t lite_changes(struct db *d)
{
	return sqlite3_changes64(LITE(d)->h);
}

static nct_err lite_exec(struct db *d, const char *sql)
{
	struct lite *db = LITE(d);
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return NCT_OK;
	snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->h));
	sqlite3_free(msg);
	return (rc & 0xff) == SQLITE_BUSY ? NCT_ERR_UNAVAILABLE : NCT_ERR_DB;
}

/* VACUUM INTO writes a consistent, compacted copy while readers and writers go on. */
static nct_err lite_backup(struct db *d, const char *uri, const char *out, char *msg, size_t len)
{
	static const char sql[] = "VACUUM INTO ?";
	(void)uri;
	struct db_stmt *st = lite_prepare(d, sql);
	if (!st) {
		snprintf(msg, len, "%s", lite_errmsg(d));
		return NCT_ERR_DB;
	}
	nct_err e = lite_bind_text(st, 1, out);
	int rc = e ? -(int)e : lite_step(st);
	lite_done(st);
	if (rc < 0) {
		snprintf(msg, len, "cannot write %s: %s", out, lite_errmsg(d));
		return (nct_err)-rc;
	}
	return NCT_OK;
}

static int lite_max_params(const struct db *d)
{
	return sqlite3_limit(((const struct lite *)(const void *)d)->h,
	                     SQLITE_LIMIT_VARIABLE_NUMBER, -1);
}

/* The ids after the largest: the transaction holds the store's write lock,
 * so no one else takes them before the commit. */
static nct_err lite_take_ids(struct db *d, const char *table, size_t n, int64_t *ids)
{
	struct lite *db = LITE(d);
	char sql[128];
	sqlite3_stmt *st = NULL;
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", table);
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	int64_t last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		set_err(db, "take ids");
		return NCT_ERR_DB;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = last + 1 + (int64_t)i;
	return NCT_OK;
}

/* No fsync at each commit and a 64 MiB page cache (about a third less time for
 * nct gen); back to what lite_open sets and SQLite's default cache. */
static nct_err lite_bulk(struct db *d, bool on)
{
	nct_err e = lite_exec(d, on ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL");
	nct_err c = lite_exec(d, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000");
	return e ? e : c;
}

/* A 64 MiB page cache for one long unit (an import), so that its pages are
 * not spilled to the log before the commit; the durability is unchanged. */
static nct_err lite_big_cache(struct db *d, bool on)
{
	return lite_exec(d, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000");
}

const struct db_engine sqlite_engine = {
    .name = "sqlite",
    .begin_sql = "BEGIN IMMEDIATE",
    .write_gate = lite_write_gate,
    .open = lite_open,
    .close = lite_close,
    .errmsg = lite_errmsg,
    .prepare = lite_prepare,
    .done = lite_done,
    .bind_int = lite_bind_int,
    .bind_text = lite_bind_text,
    .bind_null = lite_bind_null,
    .step = lite_step,
    .col_int = lite_col_int,
    .col_text = lite_col_text,
    .col_null = lite_col_null,
    .changes = lite_changes,
    .exec = lite_exec,
    .backup = lite_backup,
    .max_params = lite_max_params,
    .take_ids = lite_take_ids,
    .bulk = lite_bulk,
    .big_cache = lite_big_cache,
};

/* pg.c - the PostgreSQL engine behind db.h: libpq, bound parameters only,
 * statements prepared once per connection, reconnection after the server
 * restarts, and reads inside a read unit (db_read_begin) fetched a batch at a
 * time through a cursor (so a long read holds FETCH_ROWS rows, not its whole
 * result); other SELECTs run as prepared statements in one round trip.
 * A cursor's next batch is asked for as soon as one comes (read ahead), so
 * the server makes it while the caller works through the one it has. */
#include <libpq-fe.h>
#include <errno.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/log.h"
#include "db.h"
#include "engine.h"

#define STMT_CACHE 512
/* A Bind message counts its parameters in 16 bits: PostgreSQL's own limit */
#define MAX_PARAMS         65535
#define MIGRATION_LOCK_KEY 0x6e6374 /* "nct" */
#define FETCH_ROWS         1000     /* rows a cursor's FETCH brings */
#define CLOSE_LATER        32       /* cursors closed with the next FETCH */
#define CURSOR_NAME        24

struct pg_stmt {
	struct db_stmt base;
	const char *sql; /* the caller's literal: the cache key */
	char *copy;      /* its text, to catch a key whose text changed */
	char name[16];
	unsigned gen; /* the connection generation it was prepared on */
	int nparams;
	char **vals; /* nparams of them, sized when prepared */
	char *text;  /* the SQL with $n placeholders, for DECLARE */
	bool select; /* a SELECT: read through a cursor inside a read unit */
	PGresult *res;
	int row, nrows;
	bool ran;
	/* the cursor of this run (inside a transaction), while it has rows */
	char cursor[CURSOR_NAME];
	unsigned cursor_xact; /* the transaction it was declared in */
	PGresult *next;       /* its next batch, read ahead (fetch) */
};

struct pg {
	struct db base;
	PGconn *c;
	unsigned gen; /* bumped at each reconnection: prepared statements are gone */
	struct pg_stmt cache[STMT_CACHE];
	size_t ncache;
	int64_t changes;
	char err[256];
	/* cursors: named by a counter; the transaction they live in (bumped
	 * when one ends: its cursors are gone); the finished ones, closed with
	 * the next FETCH of the same transaction */
	unsigned long ncursors;
	unsigned xact;
	char close_later[CLOSE_LATER][CURSOR_NAME];
	int nclose_later;
	/* the statement whose next FETCH is sent and its answer not read yet
	 * (at most one: the connection answers in order) */
	struct pg_stmt *ahead;
};

#define PG(d)    ((struct pg *)(void *)(d))
#define PSTMT(s) ((struct pg_stmt *)(void *)(s))

static void set_err(struct pg *db, const char *what, const PGresult *res)
{
	const char *m = res ? PQresultErrorMessage(res) : PQerrorMessage(db->c);
	snprintf(db->err, sizeof db->err, "%s: %s", what, m && *m ? m : "unknown error");
	char *nl = strchr(db->err, '\n');
	if (nl)
		*nl = '\0';
}

/* Maps a failed result to the store's errors: SQLSTATE class 23 (integrity)
 * is a conflict; a lost connection, a serialisation failure or a deadlock is
 * "unavailable, try again". */
static nct_err map_error(struct pg *db, const PGresult *res)
{
	if (PQstatus(db->c) != CONNECTION_OK)
		return NCT_ERR_UNAVAILABLE;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return NCT_ERR_UNAVAILABLE;
	if (strncmp(state, "23", 2) == 0)
		return NCT_ERR_CONFLICT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return NCT_ERR_UNAVAILABLE;
	return NCT_ERR_DB;
}

/* The answer of the FETCH read ahead, if one was sent, into its statement's
 * next: before anything else is sent or asked of the connection. */
static void settle(struct pg *db)
{
	struct pg_stmt *s = db->ahead;
	if (!s)
		return;
	db->ahead = NULL;
	PGresult *res, *last = NULL;
	/* one result a command sent (CLOSE ...; FETCH): the last is the
	 * FETCH's, or the error that stopped them */
	while ((res = PQgetResult(db->c))) {
		PQclear(last);
		last = res;
	}
	/* its error is the read's next step's; the statements before that
	 * fail for it ("transaction is aborted"): its cause kept in the log */
	if (PQresultStatus(last) != PGRES_TUPLES_OK) {
		const char *m = PQresultErrorField(last, PG_DIAG_MESSAGE_PRIMARY);
		log_warn("store: a read's next batch failed: %s", m ? m : "no answer");
	}
	PQclear(s->next);
	s->next = last;
}

static nct_err session_setup(struct pg *db)
{
	/* a cursor's plan is made for reading it all, as a statement's is (the
	 * default plans for the first tenth, which picks nested loops) */
	PGresult *res = PQexec(db->c, "SET statement_timeout = '30s'; SET client_encoding = 'UTF8';"
	                              " SET cursor_tuple_fraction = 1.0");
	nct_err e = PQresultStatus(res) == PGRES_COMMAND_OK ? NCT_OK : map_error(db, res);
	if (e)
		set_err(db, "session setup", res);
	PQclear(res);
	return e;
}

static void pg_close(struct db *d);

/* Server notices ("already exists, skipping") are not errors: keep them off stderr. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static nct_err pg_open(const char *uri, bool create, struct db **out, char *errmsg, size_t errlen)
{
	(void)create; /* the database itself is made by its administrator (createdb) */
	*out = NULL;
	struct pg *db = calloc(1, sizeof *db);
	if (!db)
		return NCT_ERR_NOMEM;
	db->c = PQconnectdb(uri);
	if (!db->c || PQstatus(db->c) != CONNECTION_OK) {
		if (errmsg) {
			snprintf(errmsg, errlen, "cannot connect to PostgreSQL: %s",
			         db->c ? PQerrorMessage(db->c) : "out of memory");
			char *nl = strchr(errmsg, '\n');
			if (nl)
				*nl = '\0';
		}
		pg_close(&db->base);
		return NCT_ERR_UNAVAILABLE;
	}
	PQsetNoticeProcessor(db->c, quiet, NULL);
	nct_err e = session_setup(db);
	if (e) {
		if (errmsg)
			snprintf(errmsg, errlen, "%s", db->err);
		pg_close(&db->base);
		return e;
	}
	*out = &db->base;
	return NCT_OK;
}

static void close_later(struct pg *db, struct pg_stmt *s);

static void stmt_clear(struct pg_stmt *s)
{
	struct pg *db = PG(s->base.db);
	if (db->ahead == s)
		settle(db);
	close_later(db, s);
	PQclear(s->next);
	s->next = NULL;
	PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	s->ran = false;
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
	}
}

static void pg_close(struct db *d)
{
	struct pg *db = PG(d);
	for (size_t i = 0; i < db->ncache; i++) {
		stmt_clear(&db->cache[i]);
		free(db->cache[i].text);
		free(db->cache[i].copy);
		free(db->cache[i].vals);
	}
	PQfinish(db->c);
	free(db);
}

static const char *pg_errmsg(const struct db *d)
{
	const struct pg *db = (const struct pg *)(const void *)d;
	return db->err[0] ? db->err : PQerrorMessage(db->c);
}

/* Rewrites '?' placeholders as $1, $2, ... outside quoted text; counts them.
 * NULL when out of memory or past MAX_PARAMS (*n is then MAX_PARAMS + 1). */
static char *number_params(const char *sql, int *n)
{
	size_t len = strlen(sql);
	*n = 0;
	char *out = malloc(len * 6 + 1); /* "?" becomes at most "$65535" */
	if (!out)
		return NULL;
	char *w = out;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?') {
			if (++*n > MAX_PARAMS) {
				free(out);
				return NULL;
			}
			w += snprintf(w, 7, "$%d", *n);
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	return out;
}

static nct_err stmt_prepare(struct pg *db, struct pg_stmt *s)
{
	int n;
	char *text = number_params(s->sql, &n);
	if (!text && n > MAX_PARAMS) {
		snprintf(db->err, sizeof db->err, "too many parameters (more than %d)", MAX_PARAMS);
		return NCT_ERR_DB;
	}
	char **vals = text ? calloc((size_t)n + 1, sizeof *vals) : NULL;
	if (!vals) {
		free(text);
		snprintf(db->err, sizeof db->err, "out of memory");
		return NCT_ERR_NOMEM;
	}
	settle(db);
	PGresult *res = PQprepare(db->c, s->name, text, 0, NULL);
	nct_err e = PQresultStatus(res) == PGRES_COMMAND_OK ? NCT_OK : map_error(db, res);
	if (e)
		set_err(db, "prepare", res);
	PQclear(res);
	free(s->text);
	s->text = NULL;
	if (e) {
		free(text);
		free(vals);
		return e;
	}
	free(s->vals);
	s->text = text;
	s->vals = vals;
	s->nparams = n;
	s->gen = db->gen;
	return NCT_OK;
}

static struct db_stmt *pg_prepare(struct db *d, const char *sql)
{
	struct pg *db = PG(d);
	struct pg_stmt *s = NULL;
	for (size_t i = 0; i < db->ncache && !s; i++)
		if (db->cache[i].sql == sql)
			s = &db->cache[i];
	if (s && !text_unchanged(db->err, sizeof db->err, s->copy, sql))
		return NULL;
	if (!s) {
		if (db->ncache == STMT_CACHE) {
			snprintf(db->err, sizeof db->err, "statement cache full");
			log_error("store: more than %d distinct statements on one connection",
			          STMT_CACHE);
			return NULL;
		}
		char *copy = strdup(sql);
		if (!copy) {
			snprintf(db->err, sizeof db->err, "out of memory");
			return NULL;
		}
		s = &db->cache[db->ncache];
		memset(s, 0, sizeof *s);
		s->base.db = d;
		s->sql = sql;
		s->copy = copy;
		s->select = strncasecmp(sql + strspn(sql, " \t\n"), "SELECT", 6) == 0;
		snprintf(s->name, sizeof s->name, "s%zu", db->ncache);
		s->gen = db->gen - 1; /* not prepared yet */
		db->ncache++;
	}
	stmt_clear(s);
	if (s->gen != db->gen && stmt_prepare(db, s))
		return NULL;
	return &s->base;
}

static void pg_done(struct db_stmt *s)
{
	stmt_clear(PSTMT(s));
}

static nct_err set_param(struct db_stmt *st, int i, char *v)
{
	struct pg_stmt *s = PSTMT(st);
	if (i < 1 || i > s->nparams) {
		free(v);
		snprintf(PG(st->db)->err, sizeof PG(st->db)->err, "bind: no parameter %d", i);
		return NCT_ERR_DB;
	}
	free(s->vals[i - 1]);
	s->vals[i - 1] = v;
	return NCT_OK;
}

static nct_err pg_bind_int(struct db_stmt *st, int i, int64_t v)
{
	char *t = malloc(24);
	if (!t)
		return NCT_ERR_NOMEM;
	snprintf(t, 24, "%lld", (long long)v);
	return set_param(st, i, t);
}

static nct_err pg_bind_text(struct db_stmt *st, int i, const char *v)
{
	char *t = strdup(v);
	return t ? set_param(st, i, t) : NCT_ERR_NOMEM;
}

static nct_err pg_bind_null(struct db_stmt *st, int i)
{
	return set_param(st, i, NULL);
}

/* A transaction ended (COMMIT, ROLLBACK, a new BEGIN, a lost connection),
 * or a savepoint rolled back: the cursors declared before are gone or may be,
 * and none is closed by name any more (those a savepoint kept end with their
 * transaction). */
static void cursors_forgotten(struct pg *db)
{
	db->xact++;
	db->nclose_later = 0;
}

static bool in_transaction(struct pg *db)
{
	settle(db); /* a FETCH in flight: PQTRANS_ACTIVE */
	return PQtransactionStatus(db->c) == PQTRANS_INTRANS;
}

/* The cursors waiting to be closed, closed now (a failure is the server's
 * to report: the transaction then fails at its next statement). */
static void close_pending(struct pg *db)
{
	char sql[CLOSE_LATER * (CURSOR_NAME + 8)];
	size_t n = 0;
	if (!db->nclose_later)
		return;
	for (int i = 0; i < db->nclose_later; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "CLOSE %s;", db->close_later[i]);
	PQclear(PQexec(db->c, sql));
	db->nclose_later = 0;
}

/* A cursor the caller has finished with is closed with the next FETCH (one
 * round trip fewer), or before the next statement run by db_exec (a TRUNCATE
 * of a table a cursor still reads is refused); when the list is full, at
 * once. */
static void close_later(struct pg *db, struct pg_stmt *s)
{
	if (!s->cursor[0])
		return;
	if (s->cursor_xact == db->xact && in_transaction(db)) {
		if (db->nclose_later == CLOSE_LATER)
			close_pending(db);
		memcpy(db->close_later[db->nclose_later++], s->cursor, CURSOR_NAME);
	}
	s->cursor[0] = '\0';
}

/* The commands that fetch the statement's cursor's next batch into sql,
 * after closing the cursors finished with. */
static void fetch_sql(struct pg *db, const struct pg_stmt *s, char *sql, size_t len)
{
	size_t n = 0;
	for (int i = 0; i < db->nclose_later; i++)
		n += (size_t)snprintf(sql + n, len - n, "CLOSE %s; ", db->close_later[i]);
	db->nclose_later = 0;
	snprintf(sql + n, len - n, "FETCH %d FROM %s", FETCH_ROWS, s->cursor);
}

/* The next batch of the statement's cursor into s->res (none left: 0 rows):
 * the one read ahead, or fetched now; then the one after it asked for (read
 * ahead: the server makes it while the caller reads this one; a failure to
 * send is left to the next fetch, which sends it again and waits). */
static int fetch(struct pg_stmt *s)
{
	struct pg *db = PG(s->base.db);
	char sql[CLOSE_LATER * (CURSOR_NAME + 8) + 64];
	settle(db);
	PQclear(s->res);
	/* read ahead in this transaction (a cursor of one that ended is gone) */
	s->res = s->cursor_xact == db->xact ? s->next : NULL;
	if (!s->res)
		PQclear(s->next);
	s->next = NULL;
	if (!s->res) {
		fetch_sql(db, s, sql, sizeof sql);
		s->res = PQexec(db->c, sql); /* the result of the last command: the FETCH */
	}
	s->row = -1;
	s->nrows = 0;
	if (PQresultStatus(s->res) != PGRES_TUPLES_OK) {
		set_err(db, "fetch", s->res);
		return -(int)map_error(db, s->res);
	}
	s->nrows = PQntuples(s->res);
	db->changes = s->nrows;
	if (s->nrows < FETCH_ROWS) { /* the last batch: the cursor is done with */
		close_later(db, s);
	} else {
		fetch_sql(db, s, sql, sizeof sql);
		if (PQsendQuery(db->c, sql))
			db->ahead = s;
	}
	return NCT_OK;
}

/* The DECLARE in sql and the cursor's first FETCH sent together (libpq's
 * pipeline mode: one round trip, not two): their results into *declared and
 * *first; false when the pipeline could not be used (sent nothing). */
static bool declare_and_fetch(struct pg_stmt *s, const char *sql, PGresult **declared,
                              PGresult **first)
{
	struct pg *db = PG(s->base.db);
	char fetch_first[CURSOR_NAME + 32];
	snprintf(fetch_first, sizeof fetch_first, "FETCH %d FROM %s", FETCH_ROWS, s->cursor);
	*declared = *first = NULL;
	if (!PQenterPipelineMode(db->c))
		return false;
	if (PQsendQueryParams(db->c, sql, s->nparams, NULL, (const char *const *)s->vals, NULL,
	                      NULL, 0) &&
	    PQsendQueryParams(db->c, fetch_first, 0, NULL, NULL, NULL, NULL, 0))
		PQpipelineSync(db->c);
	/* each query's results end with NULL, the pipeline with its sync; a
	 * connection lost gives NULLs only */
	int k = 0, nulls = 0;
	for (;;) {
		PGresult *r = PQgetResult(db->c);
		if (!r) {
			if (++nulls > 4)
				break;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (k < 2)
			*(k++ ? first : declared) = r;
		else
			PQclear(r);
	}
	PQexitPipelineMode(db->c);
	return true;
}

/* A SELECT inside a transaction: declared as a cursor with the statement's
 * parameters, its first batch fetched with it, then the next ones a batch at
 * a time (PostgreSQL plans the cursor's query when it is declared, as it
 * would a prepared statement's first runs). */
static int open_cursor(struct pg_stmt *s)
{
	struct pg *db = PG(s->base.db);
	size_t len = strlen(s->text) + 64;
	char *sql = malloc(len);
	if (!sql)
		return -(int)NCT_ERR_NOMEM;
	snprintf(s->cursor, sizeof s->cursor, "nct_c%lu", ++db->ncursors);
	snprintf(sql, len, "DECLARE %s NO SCROLL CURSOR FOR %s", s->cursor, s->text);
	PGresult *res, *first;
	if (!declare_and_fetch(s, sql, &res, &first))
		res = PQexecParams(db->c, sql, s->nparams, NULL, (const char *const *)s->vals, NULL,
		                   NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		set_err(db, "declare", res);
		nct_err e = map_error(db, res);
		PQclear(res);
		PQclear(first);
		s->cursor[0] = '\0';
		return -(int)e;
	}
	PQclear(res);
	s->cursor_xact = db->xact;
	s->next = first; /* fetch takes it as the batch read ahead (NULL: fetched then) */
	return fetch(s);
}

static int run(struct pg_stmt *s)
{
	struct pg *db = PG(s->base.db);
	s->ran = true;
	settle(db);
	/* a read for its first row (db_row ...) is one round trip, not a
	 * cursor's two: a place-wide list's lookups of places (bench/RESULTS.md) */
	if (s->select && s->text && !s->base.one && db->base.reading > 0 && in_transaction(db))
		return open_cursor(s);
	s->res =
	    PQexecPrepared(db->c, s->name, s->nparams, (const char *const *)s->vals, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(s->res);
	if (st == PGRES_TUPLES_OK) {
		s->nrows = PQntuples(s->res);
		db->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
		return NCT_OK;
	}
	if (st == PGRES_COMMAND_OK) {
		db->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
		return NCT_OK;
	}
	set_err(db, "step", s->res);
	return -(int)map_error(db, s->res);
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = PSTMT(st);
	if (!s->ran) {
		int rc = run(s);
		if (rc < 0)
			return rc;
		s->row = -1;
	}
	if (s->row + 1 >= s->nrows && s->cursor[0]) {
		if (!in_transaction(PG(st->db))) {
			/* stepped past its read unit: the cursor went with its
			 * transaction (a FETCH would fail) */
			s->cursor[0] = '\0';
			snprintf(PG(st->db)->err, sizeof PG(st->db)->err,
			         "step: a read stepped after its read unit ended");
			return -(int)NCT_ERR_DB;
		}
		int rc = fetch(s);
		if (rc < 0)
			return rc;
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

static int64_t pg_col_int(struct db_stmt *st, int i)
{
	struct pg_stmt *s = PSTMT(st);
	const char *v = PQgetvalue(s->res, s->row, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

static const char *pg_col_text(struct db_stmt *st, int i)
{
	struct pg_stmt *s = PSTMT(st);
	return PQgetisnull(s->res, s->row, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

static bool pg_col_null(struct db_stmt *st, int i)
{
	struct pg_stmt *s = PSTMT(st);
	return PQgetisnull(s->res, s->row, i) != 0;
}

static int64_t pg_changes(struct db *d)
{
	return PG(d)->changes;
}

/* Whether sql ends a transaction or rolls back to a savepoint, or begins one. */
static bool ends_cursors(const char *sql)
{
	static const char *const words[] = {"COMMIT", "ROLLBACK", "BEGIN", "END", "ABORT"};
	sql += strspn(sql, " \t\n");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncasecmp(sql, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

static nct_err pg_exec(struct db *d, const char *sql)
{
	struct pg *db = PG(d);
	settle(db);
	if (ends_cursors(sql))
		cursors_forgotten(db);
	else
		close_pending(db);
	PGresult *res = PQexec(db->c, sql);
	ExecStatusType st = PQresultStatus(res);
	nct_err e = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? NCT_OK : map_error(db, res);
	if (e)
		set_err(db, "exec", res);
	PQclear(res);
	return e;
}

/* Replaces every occurrence of from by to in s; malloc'd. */
static char *replace_all(const char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), count = 0;
	for (const char *p = strstr(s, from); p; p = strstr(p + nf, from))
		count++;
	char *out = malloc(strlen(s) + count * (nt > nf ? nt - nf : 0) + 1);
	if (!out)
		return NULL;
	char *w = out;
	for (const char *p = s;;) {
		const char *hit = strstr(p, from);
		size_t n = hit ? (size_t)(hit - p) : strlen(p);
		memcpy(w, p, n);
		w += n;
		if (!hit)
			break;
		memcpy(w, to, nt);
		w += nt;
		p = hit + nf;
	}
	*w = '\0';
	return out;
}

/* Migrations are written for both engines; PostgreSQL needs identity
 * columns, 64-bit integers and byte-order collation spelled its way. A table
 * SQLite keeps in its primary key's order (WITHOUT ROWID) is a plain table
 * here, and what only PostgreSQL needs (an index that SQLite's table already
 * is) is written inside an SQL comment SQLite skips, opened by slash, star,
 * "pg:" and closed by ":pg", star, slash (migration 0027). */
static char *pg_migration_sql(const char *sql)
{
	static const char *const rules[][2] = {
	    {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
	    {"INTEGER", "BIGINT"},
	    {"COLLATE BINARY", "COLLATE \"C\""},
	    {") WITHOUT ROWID", ")"},
	    {"/*pg:", ""},
	    {":pg*/", ""},
	};
	char *cur = strdup(sql);
	for (size_t i = 0; cur && i < sizeof rules / sizeof rules[0]; i++) {
		char *next = replace_all(cur, rules[i][0], rules[i][1]);
		free(cur);
		cur = next;
	}
	return cur;
}

static nct_err pg_migration_lock(struct db *d, bool lock)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT %s(%d)", lock ? "pg_advisory_lock" : "pg_advisory_unlock",
	         MIGRATION_LOCK_KEY);
	return pg_exec(d, sql);
}

/* An idle connection has nothing to read unless the server said goodbye (a
 * restart sends a FATAL notice and closes the socket); the rare notice that is
 * not a goodbye costs a reconnection, which is harmless. */
static bool said_goodbye(PGconn *c)
{
	struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
	return p.fd < 0 || poll(&p, 1, 0) != 0;
}

/* A connection the server closed is reset here, before a request uses it; a
 * request already running when the server went away gets 503. */
static bool pg_usable(struct db *d)
{
	struct pg *db = PG(d);
	settle(db); /* a FETCH in flight makes the socket readable */
	if (PQstatus(db->c) == CONNECTION_OK && !said_goodbye(db->c))
		return true;
	PQreset(db->c);
	cursors_forgotten(db);
	if (PQstatus(db->c) != CONNECTION_OK)
		return false;
	db->gen++;
	db->base.depth = 0;
	db->base.bulk = false; /* a new session has the server's settings */
	return session_setup(db) == NCT_OK;
}

/* pg_dump takes a consistent snapshot itself; we only run it. */
static nct_err pg_backup(struct db *d, const char *uri, const char *out, char *msg, size_t len)
{
	(void)d;
	char *const argv[] = {"pg_dump",   "--format=custom", "--no-owner", "--file",
	                      (char *)out, (char *)uri,       NULL};
	pid_t pid;
	int status;
	if (posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ) != 0) {
		snprintf(msg, len, "cannot run pg_dump (install postgresql-client): %s",
		         strerror(errno));
		return NCT_ERR_IO;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(msg, len, "pg_dump failed (see its message above)");
		return NCT_ERR_IO;
	}
	return NCT_OK;
}

static int pg_max_params(const struct db *d)
{
	(void)d;
	return MAX_PARAMS;
}

/* Runs sql (with the one parameter p, or none) outside the statement cache:
 * for the statements that name a table, checked by db.c. */
static nct_err pg_exec_param(struct pg *db, const char *what, const char *sql, const char *p)
{
	settle(db);
	PGresult *res = PQexecParams(db->c, sql, p ? 1 : 0, NULL, p ? &p : NULL, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	nct_err e = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? NCT_OK : map_error(db, res);
	if (e)
		set_err(db, what, res);
	PQclear(res);
	return e;
}

/* Commits return before the write-ahead log is on disk: a crash of the server
 * may lose the last of them, never break the store. */
static nct_err pg_bulk(struct db *d, bool on)
{
	return pg_exec_param(
	    PG(d), "bulk", on ? "SET synchronous_commit = off" : "RESET synchronous_commit", NULL);
}

/* An identity column does not move when ids are given: set it to the largest
 * id (an empty table keeps it where it is). */
static nct_err pg_sync_ids(struct db *d, const char *table)
{
	char sql[160];
	snprintf(sql, sizeof sql,
	         "SELECT setval(pg_get_serial_sequence($1, 'id'), MAX(id)) FROM %s"
	         " HAVING MAX(id) IS NOT NULL",
	         table);
	return pg_exec_param(PG(d), "sync ids", sql, table);
}

/* n values of the identity's sequence in one round trip, in the order drawn. */
static nct_err pg_take_ids(struct db *d, const char *table, size_t n, int64_t *ids)
{
	struct pg *db = PG(d);
	char count[24];
	snprintf(count, sizeof count, "%zu", n);
	const char *const vals[2] = {table, count};
	settle(db);
	PGresult *res = PQexecParams(db->c,
	                             "SELECT nextval(pg_get_serial_sequence($1, 'id'))"
	                             " FROM generate_series(1, $2::int) ORDER BY 1",
	                             2, NULL, vals, NULL, NULL, 0);
	nct_err e = PQresultStatus(res) == PGRES_TUPLES_OK && (size_t)PQntuples(res) == n
	                ? NCT_OK
	                : map_error(db, res);
	if (e)
		set_err(db, "take ids", res);
	for (size_t i = 0; !e && i < n; i++)
		ids[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
	PQclear(res);
	return e;
}

/* READ COMMITTED: the lock waits for a transaction that holds the row, and the
 * statements after it see what that one committed. */
static nct_err pg_lock_row(struct db *d, const char *table, int64_t id)
{
	char sql[128], v[24];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = $1 FOR UPDATE", table);
	snprintf(v, sizeof v, "%lld", (long long)id);
	return pg_exec_param(PG(d), "lock row", sql, v);
}

const struct db_engine pg_engine = {
    .name = "postgresql",
    .begin_sql = "BEGIN",
    .read_begin_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ",
    .reads_in_transaction = true,
    .open = pg_open,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .prepare = pg_prepare,
    .done = pg_done,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .changes = pg_changes,
    .exec = pg_exec,
    .migration_sql = pg_migration_sql,
    .migration_lock = pg_migration_lock,
    .usable = pg_usable,
    .backup = pg_backup,
    .max_params = pg_max_params,
    .bulk = pg_bulk,
    .sync_ids = pg_sync_ids,
    .take_ids = pg_take_ids,
    .lock_row = pg_lock_row,
};

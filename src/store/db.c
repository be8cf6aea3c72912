/* db.c - the engine-neutral half of the store: choosing an engine,
 * dispatching, nested transactions. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/file.h"
#include "../base/log.h"
#include "../base/text.h"
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
		(*out)->bulk = false;
		(*out)->reading = 0;
		(*out)->snapshot = false;
		(*out)->read_snapshot = false;
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

bool text_unchanged(char *err, size_t len, const char *cached, const char *sql)
{
	if (cached && strcmp(cached, sql) == 0)
		return true;
	snprintf(err, len, "statement cache: other SQL at a cached statement's address");
	log_error("store: SQL at %p changed since it was prepared (built in a buffer?): %.80s",
	          (const void *)sql, sql);
	return false;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	struct db_stmt *st = db->eng->prepare(db, sql);
	if (st) {
		st->err = NCT_OK;
		st->one = false;
	}
	return st;
}

/* The first step of a statement read for its first row only. */
static int step_one(struct db_stmt *st)
{
	if (st)
		st->one = true;
	return db_step(st);
}

void db_done(struct db_stmt *st)
{
	if (!st)
		return;
	st->db->eng->done(st);
	st->err = NCT_OK;
}

/* A bind that fails (pg.c allocates each value) fails the statement: later
 * binds do nothing and db_step returns the error, so a caller that checks
 * only the step can never run the statement with a parameter left NULL. */
static nct_err bind_result(struct db_stmt *st, int i, nct_err e)
{
	if (e) {
		st->err = e;
		log_error("store: binding parameter %d failed (%s): %s", i, nct_err_name(e),
		          db_errmsg(st->db));
	}
	return e;
}

nct_err db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	if (!st)
		return NCT_ERR_DB;
	if (st->err)
		return st->err;
	return bind_result(st, i, st->db->eng->bind_int(st, i, v));
}

nct_err db_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (!st)
		return NCT_ERR_DB;
	if (st->err)
		return st->err;
	return bind_result(st, i,
	                   v ? st->db->eng->bind_text(st, i, v) : st->db->eng->bind_null(st, i));
}

nct_err db_bind_null(struct db_stmt *st, int i)
{
	if (!st)
		return NCT_ERR_DB;
	if (st->err)
		return st->err;
	return bind_result(st, i, st->db->eng->bind_null(st, i));
}

int db_step(struct db_stmt *st)
{
	if (!st)
		return -NCT_ERR_DB;
	if (st->err)
		return -(int)st->err;
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

nct_err db_binds(struct db_stmt *st, const struct db_val *v, size_t n)
{
	nct_err e = NCT_OK;
	for (size_t k = 0; k < n && !e; k++)
		e = v[k].kind == 'i' ? db_bind_int(st, (int)k + 1, v[k].i)
		                     : db_bind_text(st, (int)k + 1, v[k].t);
	return e;
}

struct db_stmt *db_prepare_binds(struct db *db, const char *sql, const struct db_val *v, size_t n)
{
	struct db_stmt *st = db_prepare(db, sql);
	db_binds(st, v, n);
	return st;
}

static void keyed_one(char *out, size_t cap, bool pg, size_t n, const char *keys, const char *row,
                      const char *cols, const char *from, const char *order)
{
	struct buf b;
	buf_init(&b, cap - 1);
	buf_printf(&b, "WITH k(i, %s) AS (VALUES ", keys);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s(%zu, %s)", i ? ", " : "", i, row);
	if (pg)
		buf_printf(
		    &b,
		    ") SELECT k.i, s.* FROM k CROSS JOIN LATERAL (SELECT %s FROM %s OFFSET 0)"
		    " s ORDER BY %s",
		    cols, from, order);
	else
		buf_printf(&b, ") SELECT k.i, %s FROM k CROSS JOIN %s ORDER BY %s", cols, from,
		           order);
	out[0] = '\0';
	if (!buf_failed(&b))
		memcpy(out, buf_str(&b), b.len + 1);
	buf_free(&b);
}

const char *db_sql_for(const struct db *db, const char *lite, const char *pg)
{
	return db->eng == &sqlite_engine ? lite : pg;
}

void db_keyed_sql(char *lite, char *pg, size_t cap, size_t n, const char *keys, const char *row,
                  const char *cols, const char *from, const char *order)
{
	keyed_one(lite, cap, false, n, keys, row, cols, from, order);
	keyed_one(pg, cap, true, n, keys, row, cols, from, order);
}

nct_err db_rows(struct db_stmt *st, struct vec *rows, db_row_reader *read, void *arg)
{
	nct_err e = NCT_OK;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *row = vec_push(rows);
		int kept = row ? read(st, row, arg) : -(int)vec_failed(rows);
		if (row && kept != DB_KEEP)
			vec_pop(rows);
		if (kept < 0) {
			e = (nct_err)-kept;
			break;
		}
	}
	db_done(st);
	return e ? e : rc < 0 ? (nct_err)-rc : NCT_OK;
}

void *db_list(struct db_stmt *st, size_t size, size_t max, db_row_reader *read, void *arg,
              size_t *n, nct_err *e)
{
	struct vec v;
	vec_init(&v, size, max);
	*e = db_rows(st, &v, read, arg);
	return vec_result(&v, *e, n);
}

nct_err db_bind_like(struct db_stmt *st, int i, const char *s)
{
	struct buf like;
	buf_init(&like, DB_LIKE_MAX);
	buf_addc(&like, '%');
	for (const char *c = s; *c; c++)
		if (*c == '%' || *c == '_' || *c == '\\')
			buf_printf(&like, "\\%c", *c);
		else
			buf_addc(&like, *c);
	buf_addc(&like, '%');
	/* a pattern past DB_LIKE_MAX fails the statement as a failed bind does */
	nct_err e = buf_failed(&like);
	if (e && st && !st->err) {
		st->err = e;
		log_error("store: the LIKE pattern for parameter %d failed (%s; at most %d bytes)",
		          i, nct_err_name(e), DB_LIKE_MAX);
	} else {
		e = db_bind_text(st, i, buf_str(&like));
	}
	buf_free(&like);
	return e;
}

nct_err db_row(struct db_stmt *st, void *row, db_row_reader *read, void *arg)
{
	int rc = step_one(st);
	int kept = rc == DB_ROW ? read(st, row, arg) : DB_SKIP;
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	if (kept < 0)
		return (nct_err)-kept;
	return kept == DB_KEEP ? NCT_OK : NCT_ERR_NOTFOUND;
}

static void read_num(void *field, size_t size, int64_t v)
{
	if (size == sizeof(int64_t)) {
		memcpy(field, &v, sizeof v);
	} else if (size == sizeof(int)) {
		int i = (int)v;
		memcpy(field, &i, sizeof i);
	} else if (size == sizeof(bool)) {
		bool b = v != 0;
		memcpy(field, &b, sizeof b);
	}
}

void db_read_cols(struct db_stmt *st, const struct db_cols *t, void *row)
{
	char *r = row;
	memset(r, 0, t->size);
	for (size_t i = 0; i < t->n; i++) {
		const struct db_col *c = &t->col[i];
		if (c->kind == DB_COL_NUM)
			read_num(r + c->off, c->size, db_col_int(st, (int)i));
		else if (c->kind == DB_COL_TEXT)
			text_copy(r + c->off, c->size, db_col_text(st, (int)i));
	}
}

int db_cols_reader(struct db_stmt *st, void *row, void *arg)
{
	db_read_cols(st, arg, row);
	return DB_KEEP;
}

nct_err db_row_of(struct db_stmt *st, const struct db_cols *t, void *row)
{
	return db_row(st, row, db_cols_reader, (void *)t);
}

nct_err db_rows_of(struct db_stmt *st, struct vec *rows, const struct db_cols *t)
{
	return db_rows(st, rows, db_cols_reader, (void *)t);
}

void *db_list_of(struct db_stmt *st, const struct db_cols *t, size_t max, size_t *n, nct_err *e)
{
	return db_list(st, t->size, max, db_cols_reader, (void *)t, n, e);
}

nct_err db_int(struct db_stmt *st, int64_t *v)
{
	int rc = step_one(st);
	*v = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

nct_err db_text(struct db_stmt *st, char *out, size_t cap)
{
	int rc = step_one(st);
	out[0] = '\0';
	if (rc == DB_ROW)
		text_copy(out, cap, db_col_text(st, 0));
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

nct_err db_any(struct db_stmt *st, bool *yes)
{
	int64_t k;
	nct_err e = db_int(st, &k);
	*yes = k > 0;
	return e;
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
nct_err db_snapshot_begin(struct db *db)
{
	if (db->snapshot || db->depth > 0 || strcmp(db->eng->name, "sqlite") != 0)
		return NCT_OK;
	nct_err e = db->eng->exec(db, "BEGIN DEFERRED");
	db->snapshot = e == NCT_OK;
	return e;
}

void db_snapshot_end(struct db *db)
{
	if (!db->snapshot)
		return;
	db->snapshot = false;
	if (db->eng->exec(db, "COMMIT"))
		log_warn("store: ending a snapshot failed: %s", db_errmsg(db));
}

nct_err db_begin(struct db *db)
{
	char sql[32];
	nct_err e;
	db_snapshot_end(db); /* a write ends a snapshot */
	if (db->depth == 0) {
		e = db->eng->write_gate ? db->eng->write_gate(db, true) : NCT_OK;
		if (!e && (e = db->eng->exec(db, db->eng->begin_sql)) && db->eng->write_gate)
			db->eng->write_gate(db, false);
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
	if (--db->depth == 0 && db->eng->write_gate)
		db->eng->write_gate(db, false);
	return NCT_OK;
}

/* A read unit sees one state of the store from its first statement to its
 * last (ent_scan numbers a place's people in a temporary table, then walks
 * the numbering with three reads that check the order: a rename committed in
 * between would break it). SQLite: a deferred transaction (db_snapshot_begin),
 * whose read of the WAL starts at the first statement; the writes to
 * temporary tables take no lock on the store. PostgreSQL: the outer BEGIN at
 * REPEATABLE READ, whose snapshot is taken at the first statement too (READ
 * COMMITTED takes one per statement); only temporary tables are written, so
 * it never fails on a serialization conflict. Inside a transaction already
 * open (a savepoint), the unit sees what that transaction sees. */
nct_err db_read_begin(struct db *db)
{
	nct_err e = NCT_OK;
	if (!db->eng->reads_in_transaction) {
		if (db->reading == 0 && !db->snapshot && db->depth == 0) {
			e = db_snapshot_begin(db);
			db->read_snapshot = e == NCT_OK;
		}
	} else if (db->depth == 0) {
		if (!(e = db->eng->exec(db, db->eng->read_begin_sql)))
			db->depth++;
	} else {
		e = db_begin(db);
	}
	if (e == NCT_OK)
		db->reading++;
	return e;
}

void db_read_end(struct db *db)
{
	if (db->reading == 0)
		return;
	db->reading--;
	if (!db->eng->reads_in_transaction) {
		if (db->reading == 0 && db->read_snapshot) {
			db->read_snapshot = false;
			db_snapshot_end(db); /* nothing if a write ended it (db_begin) */
		}
		return;
	}
	if (db->depth > 0 && db_commit(db))
		log_warn("store: ending a read failed: %s", db_errmsg(db));
}

/* Table names are pasted into SQL: only lower-case letters and '_'. */
static bool table_name_ok(const char *t)
{
	size_t n = 0;
	for (; t && t[n]; n++)
		if (!((t[n] >= 'a' && t[n] <= 'z') || t[n] == '_'))
			return false;
	return n > 0 && n <= 63;
}

nct_err db_lock_row(struct db *db, const char *table, int64_t id)
{
	if (!table_name_ok(table))
		return NCT_ERR_INVALID;
	return db->eng->lock_row ? db->eng->lock_row(db, table, id) : NCT_OK;
}

nct_err db_sync_ids(struct db *db, const char *table)
{
	if (!table_name_ok(table))
		return NCT_ERR_INVALID;
	return db->eng->sync_ids ? db->eng->sync_ids(db, table) : NCT_OK;
}

nct_err db_take_ids(struct db *db, const char *table, size_t n, int64_t *ids)
{
	if (!table_name_ok(table) || n == 0 || n > DB_TAKE_IDS_MAX || db->depth == 0)
		return NCT_ERR_INVALID;
	return db->eng->take_ids(db, table, n, ids);
}

/* The texts of db_many statements, built once for the process. */
static pthread_mutex_t many_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *many_sql(struct db_many *m, int k)
{
	pthread_mutex_lock(&many_lock);
	if (!m->sql[k]) {
		size_t rows = (size_t)1 << k;
		struct buf b;
		buf_init(&b, strlen(m->head) + strlen(m->tail) + rows * (strlen(m->tuple) + 2) + 1);
		buf_adds(&b, m->head);
		for (size_t i = 0; i < rows; i++) {
			buf_adds(&b, i ? ", " : "");
			buf_adds(&b, m->tuple);
		}
		buf_adds(&b, m->tail);
		if (!buf_failed(&b))
			m->sql[k] = strdup(buf_str(&b)); /* kept: the statement caches know it */
		buf_free(&b);
	}
	const char *sql = m->sql[k];
	pthread_mutex_unlock(&many_lock);
	return sql;
}

nct_err db_many_run(struct db *db, struct db_many *m, size_t n, db_many_bind *bind, void *arg)
{
	int top = DB_MANY_POW - 1;
	while (top > 0 && ((size_t)m->params << top) > (size_t)db_max_params(db))
		top--;
	for (size_t i = 0; i < n;) {
		int k = top;
		while (k > 0 && ((size_t)1 << k) > n - i)
			k--;
		const char *sql = many_sql(m, k);
		struct db_stmt *st = sql ? db_prepare(db, sql) : NULL;
		if (!st)
			return sql ? NCT_ERR_DB : NCT_ERR_NOMEM;
		size_t rows = (size_t)1 << k;
		for (size_t j = 0; j < rows; j++)
			bind(st, (int)j * m->params + 1, i + j, arg);
		nct_err e = db_run(st);
		if (e)
			return e;
		i += rows;
	}
	return NCT_OK;
}

static nct_err bulk(struct db *db, bool on)
{
	if (db->bulk == on || !db->eng->bulk)
		return NCT_OK;
	nct_err e = db->eng->bulk(db, on);
	if (e)
		log_warn("store: bulk loading %s failed (%s): %s", on ? "on" : "off",
		         nct_err_name(e), db_errmsg(db));
	else
		db->bulk = on;
	return e;
}

nct_err db_bulk_begin(struct db *db)
{
	return bulk(db, true);
}

nct_err db_bulk_end(struct db *db)
{
	return bulk(db, false);
}

nct_err db_big_cache(struct db *db, bool on)
{
	return db->eng->big_cache ? db->eng->big_cache(db, on) : NCT_OK;
}

static bool listed(const char *const *names, const char *s)
{
	for (size_t i = 0; names && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return true;
	return false;
}

static bool plain_name(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

void db_set_aside_free(struct db_set_aside *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->name[i]);
		free(s->sql[i]);
	}
	s->n = 0;
}

/* The plain indexes of one table, as sqlite_master keeps them. */
static nct_err set_aside_read(struct db *db, const char *table, const char *const *keep,
                              struct db_set_aside *out)
{
	static const char sql[] = "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
	                          " AND tbl_name = ? AND sql IS NOT NULL"
	                          " AND upper(substr(sql, 1, 13)) <> 'CREATE UNIQUE' ORDER BY name";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_text(st, 1, table);
	int rc = DB_DONE;
	nct_err e = NCT_OK;
	while (!e && (rc = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 0);
		/* kept in place: what is named so, what DROP could not name plainly, and
		 * what lies past the bound (the load then pays for it, and works) */
		if (listed(keep, name) || !plain_name(name) || out->n == DB_SET_ASIDE_MAX)
			continue;
		out->name[out->n] = strdup(name);
		out->sql[out->n] = strdup(db_col_text(st, 1));
		if (!out->name[out->n] || !out->sql[out->n]) {
			free(out->name[out->n]);
			free(out->sql[out->n]);
			e = NCT_ERR_NOMEM;
			break;
		}
		out->n++;
	}
	if (!e && rc < 0)
		e = (nct_err)-rc;
	db_done(st);
	return e;
}

nct_err db_indexes_set_aside(struct db *db, const char *const *tables, const char *const *keep,
                             struct db_set_aside *out)
{
	memset(out, 0, sizeof *out);
	if (db->depth == 0)
		return NCT_ERR_INVALID;
	if (strcmp(db->eng->name, "sqlite") != 0)
		return NCT_OK;
	nct_err e = NCT_OK;
	for (size_t t = 0; !e && tables[t]; t++)
		e = plain_name(tables[t]) ? set_aside_read(db, tables[t], keep, out)
		                          : NCT_ERR_INVALID;
	char drop[128];
	for (size_t i = 0; !e && i < out->n; i++) {
		snprintf(drop, sizeof drop, "DROP INDEX %s", out->name[i]);
		e = db->eng->exec(db, drop);
	}
	if (e)
		db_set_aside_free(out);
	return e;
}

/* SQLite's sorter, which builds each index, holds as much memory as the page
 * cache may (64 MiB in an import's unit: db_big_cache) before it writes its
 * runs to temporary files: so the builds' memory would grow with the rows up
 * to that much on top of the cache. During the builds the cache, and so each
 * sort, is at most REBUILD_CACHE_KIB. */
#define REBUILD_CACHE_KIB 16384

nct_err db_indexes_rebuild(struct db *db, struct db_set_aside *s)
{
	nct_err e = db->depth == 0 ? NCT_ERR_INVALID : NCT_OK;
	int64_t cache = 0;
	char sql[64];
	if (!e && s->n)
		e = db_int(db_prepare(db, "PRAGMA cache_size"), &cache);
	if (!e && s->n && (cache < 0 ? -cache : cache * 4) > REBUILD_CACHE_KIB) {
		snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", REBUILD_CACHE_KIB);
		e = db->eng->exec(db, sql);
	}
	for (size_t i = 0; !e && i < s->n; i++)
		e = db->eng->exec(db, s->sql[i]);
	if (s->n && cache) {
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)cache);
		nct_err r = db->eng->exec(db, sql);
		e = e ? e : r;
	}
	db_set_aside_free(s);
	return e;
}

int db_max_params(const struct db *db)
{
	return db->eng->max_params(db);
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
	if (db->depth == 1) {
		db->eng->exec(db, "ROLLBACK");
		if (db->eng->write_gate)
			db->eng->write_gate(db, false);
	}
	db->depth = 0;
}

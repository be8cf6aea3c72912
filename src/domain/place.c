#include "place.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"

/* A unit is in force on a date when it began on or before it (or before our
 * records) and has not ended before it. Two '?' for the same date. */
#define ASOF(t)                                                                                    \
	"(" t ".valid_from IS NULL OR " t ".valid_from <= ?) AND (" t ".valid_to IS NULL OR " t    \
	".valid_to >= ?)"
#define PLACE_COLS                                                                                 \
	"SELECT p.id, p.code, p.level, p.name, p.parent_id, q.code, p.path, p.valid_from,"         \
	" p.valid_to FROM places p LEFT JOIN places q ON q.id = p.parent_id "

/* PLACE_COLS and the link's partial flag (column 9). */
#define LINK_COLS                                                                                  \
	"SELECT p.id, p.code, p.level, p.name, p.parent_id, q.code, p.path, p.valid_from,"         \
	" p.valid_to, l.partial FROM places p LEFT JOIN places q ON q.id = p.parent_id "

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool scope_contains(const struct scope *s, const char *place_path)
{
	if (s->all)
		return true;
	for (size_t i = 0; i < s->n; i++)
		if (has_prefix(place_path, s->paths[i]))
			return true;
	return false;
}

bool scope_sees(const struct scope *s, const char *place_path)
{
	if (scope_contains(s, place_path))
		return true;
	for (size_t i = 0; place_path[0] && i < s->n; i++)
		if (has_prefix(s->paths[i], place_path))
			return true;
	return false;
}

nct_err scope_of_place(struct ctx *x, int64_t place_id, struct scope *out)
{
	memset(out, 0, sizeof *out);
	if (!place_id) {
		out->all = true;
		return NCT_OK;
	}
	struct place root, *pred;
	size_t n;
	nct_err e = place_by_id(x, place_id, &root);
	if (!e)
		e = place_links(x, place_id, -1, &pred, &n);
	if (e)
		return e;
	text_copy(out->paths[out->n++], sizeof out->paths[0], root.path);
	for (size_t i = 0; i < n && out->n < SCOPE_MAX; i++)
		text_copy(out->paths[out->n++], sizeof out->paths[0], pred[i].path);
	free(pred);
	return n + 1 > SCOPE_MAX ? NCT_ERR_TOOBIG : NCT_OK;
}

/* What the column after PLACE_COLS (9) holds, if anything. */
enum extra_col { EXTRA_NONE, EXTRA_CHILDREN, EXTRA_PARTIAL };

/* What place_row reads besides PLACE_COLS, and for whom. */
struct place_read {
	enum extra_col extra;
	const struct ctx *seen_by; /* keep only the units x sees; NULL: every unit */
};

/* Reads a place and the column after PLACE_COLS that arg (a struct
 * place_read) names. */
static int place_row(struct db_stmt *st, void *row, void *arg)
{
	const struct place_read *rd = arg;
	struct place *p = row;
	db_read_cols(st, &place_cols, p);
	if (rd->extra == EXTRA_CHILDREN)
		p->children = db_col_int(st, 9);
	else if (rd->extra == EXTRA_PARTIAL)
		p->partial = db_col_int(st, 9) != 0;
	if (rd->seen_by && !access_place(rd->seen_by, p->path, ACCESS_SEE))
		return DB_SKIP;
	return DB_KEEP;
}

/* Collects the rows of st into a malloc'd array. */
static nct_err collect(struct db_stmt *st, struct place_read rd, struct place **out, size_t *n)
{
	nct_err e;
	*out = db_list(st, sizeof **out, PLACE_LIST_MAX, place_row, &rd, n, &e);
	return e;
}

nct_err place_get(struct ctx *x, const char *code, struct date on, struct place *out)
{
	struct db *db = x->db;
	static const char sql[] = PLACE_COLS "WHERE p.code = ? AND " ASOF("p");
	struct db_stmt *st = db_prepare(db, sql);
	char d[DATE_LEN];
	date_format(on, d);
	DB_BINDS(st, DB_T(code), DB_T(d), DB_T(d));
	nct_err e = db_row_of(st, &place_cols, out);
	if (!e && !access_place(x, out->path, ACCESS_SEE)) {
		memset(out, 0, sizeof *out);
		e = NCT_ERR_DENIED;
	}
	return e;
}

nct_err place_by_id(struct ctx *x, int64_t id, struct place *out)
{
	struct db *db = x->db;
	static const char sql[] = PLACE_COLS "WHERE p.id = ?";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(id));
	return db_row_of(st, &place_cols, out);
}

nct_err place_get_last(struct ctx *x, const char *code, struct date on, struct place *out)
{
	static const char sql[] =
	    PLACE_COLS "WHERE p.code = ? AND (p.valid_from IS NULL OR"
	               " p.valid_from <= ?) ORDER BY (p.valid_to IS NULL) DESC,"
	               " p.valid_to DESC LIMIT 1";
	nct_err e = place_get(x, code, on, out);
	if (e != NCT_ERR_NOTFOUND)
		return e;
	struct db_stmt *st = db_prepare(x->db, sql);
	char d[DATE_LEN];
	date_format(on, d);
	DB_BINDS(st, DB_T(code), DB_T(d));
	e = db_row_of(st, &place_cols, out);
	if (!e && !access_place(x, out->path, ACCESS_SEE)) {
		memset(out, 0, sizeof *out);
		e = NCT_ERR_DENIED;
	}
	return e;
}

static int path_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	text_copy(((struct place_path *)row)->path, sizeof(struct place_path), db_col_text(st, 0));
	return DB_KEEP;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct place_path *)a)->path, ((const struct place_path *)b)->path);
}

/* Sorted, a path inside another comes right after it (or after others inside
 * it), so comparing with the last one kept is enough. */
void place_paths_normalise(struct place_path *paths, size_t *n)
{
	size_t k = 0;
	if (*n)
		qsort(paths, *n, sizeof *paths, by_path);
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || !has_prefix(paths[i].path, paths[k - 1].path))
			paths[k++] = paths[i];
	*n = k;
}

/* The units in force on `on` formed from units of the subtree [lo, hi) and
 * from no unit outside it. */
static nct_err successors_within(struct db *db, const char *path, struct date on, struct vec *v)
{
	static const char sql[] =
	    "SELECT DISTINCT n.path FROM places o JOIN place_links l ON l.from_id = o.id"
	    " JOIN places n ON n.id = l.to_id WHERE o.path >= ? AND o.path < ? AND " ASOF(
	        "n") " AND NOT EXISTS (SELECT 1 FROM place_links l2 JOIN places o2 ON o2.id = "
	             "l2.from_id"
	             " WHERE l2.to_id = n.id AND (o2.path < ? OR o2.path >= ?))";
	char lo[96], hi[96], d[DATE_LEN];
	size_t len = strlen(path);
	text_copy(lo, sizeof lo, path);
	text_copy(hi, sizeof hi, path);
	if (len)
		hi[len - 1]++; /* "/12/" up to "/120" */
	date_format(on, d);
	struct db_stmt *st =
	    DB_PREPARE(db, sql, DB_T(lo), DB_T(hi), DB_T(d), DB_T(d), DB_T(lo), DB_T(hi));
	return db_rows(st, v, path_row, NULL);
}

nct_err place_territory(struct ctx *x, const struct place *p, struct date on,
                        struct place_path **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id"
	    " WHERE l.to_id = ?";
	struct vec v;
	char d[DATE_LEN];
	vec_init(&v, sizeof **out, TERRITORY_MAX);
	struct place_path *own = vec_push(&v);
	nct_err e = own ? NCT_OK : vec_failed(&v);
	if (own)
		text_copy(own->path, sizeof own->path, p->path);
	struct db_stmt *st = e ? NULL : db_prepare(db, sql);
	db_bind_int(st, 1, p->id);
	if (!e)
		e = db_rows(st, &v, path_row, NULL);
	date_format(on, d);
	if (!e && p->valid_to[0] && strcmp(p->valid_to, d) < 0)
		e = successors_within(db, p->path, on, &v);
	if (!e)
		place_paths_normalise(v.ptr, &v.n);
	*out = vec_result(&v, e, n);
	return e;
}

void place_subtree_bounds(const char *path, char *lo, char *hi, size_t cap)
{
	snprintf(lo, cap, "%s", path[0] ? path : "/");
	snprintf(hi, cap, "%s", path[0] ? path : "0");
	size_t n = strlen(hi);
	if (path[0])
		hi[n - 1] = (char)(hi[n - 1] + 1);
}

nct_err place_communes(struct ctx *x, const char *path, struct date on, struct place **out,
                       size_t *n)
{
	static const char sql[] = PLACE_COLS "WHERE p.level = 3 AND p.path >= ? AND p.path < ?"
	                                     " AND " ASOF("p") " ORDER BY p.code";
	char lo[97], hi[97], d[DATE_LEN];
	place_subtree_bounds(path, lo, hi, sizeof lo);
	date_format(on, d);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(lo), DB_T(hi), DB_T(d), DB_T(d));
	return collect(st, (struct place_read){EXTRA_NONE, NULL}, out, n);
}

nct_err place_children(struct ctx *x, int64_t parent_id, struct date on, struct place **out,
                       size_t *n)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT p.id, p.code, p.level, p.name, p.parent_id, q.code, p.path, p.valid_from,"
	    " p.valid_to, (SELECT COUNT(*) FROM places c WHERE c.parent_id = p.id AND " ASOF(
	        "c") ") FROM places p LEFT JOIN places q ON q.id = p.parent_id"
	             " WHERE ((? = 0 AND p.parent_id IS NULL) OR p.parent_id = ?) AND " ASOF(
	                 "p") " ORDER BY p.code";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	char d[DATE_LEN];
	date_format(on, d);
	DB_BINDS(st, DB_T(d), DB_T(d), DB_I(parent_id), DB_I(parent_id), DB_T(d), DB_T(d));
	return collect(st, (struct place_read){EXTRA_CHILDREN, x}, out, n);
}

/* What place_search keeps: a match at a word start (or the code itself)
 * inside the scope. */
struct place_query {
	const struct ctx *x;
	const char *query, *folded;
};

static int place_found(struct db_stmt *st, void *row, void *arg)
{
	const struct place_query *q = arg;
	struct place *p = row;
	db_read_cols(st, &place_cols, p);
	char *nf = text_fold_dup(p->name);
	bool keep = access_place(q->x, p->path, ACCESS_SEE) &&
	            (strcmp(p->code, q->query) == 0 || (nf && text_fold_match(nf, q->folded)));
	free(nf);
	return keep ? DB_KEEP : DB_SKIP;
}

nct_err place_search(struct ctx *x, const char *query, struct date on, size_t limit,
                     struct place **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql[] = PLACE_COLS "WHERE (p.name_fold LIKE ? ESCAPE '\\' OR p.code = ?)"
	                                     " AND " ASOF("p") " ORDER BY p.level, p.code";
	char d[DATE_LEN];
	date_format(on, d);
	*out = NULL;
	*n = 0;
	char *folded = text_fold_dup(query);
	if (!folded)
		return NCT_ERR_INVALID;
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_like(st, 1, folded);
	db_bind_text(st, 2, query);
	db_bind_text(st, 3, d);
	db_bind_text(st, 4, d);
	/* LIKE finds the substring; the reader keeps only matches at a word start
	 * that x sees, so that the limit counts the rows kept (a LIMIT in the
	 * SQL would cut off matches before these filters). */
	struct vec v;
	vec_init(&v, sizeof **out, limit);
	nct_err e = db_rows(st, &v, place_found, &(struct place_query){x, query, folded});
	if (vec_failed(&v) == NCT_ERR_TOOBIG) /* the limit is reached */
		e = NCT_OK;
	*out = vec_result(&v, e, n);
	free(folded);
	return e;
}

nct_err place_browse(struct ctx *x, const char *parent, const char *query, struct date on,
                     struct place *par, struct place **out, size_t *n)
{
	nct_err e = NCT_OK;
	memset(par, 0, sizeof *par);
	*out = NULL;
	*n = 0;
	if (parent && parent[0])
		e = place_get(x, parent, on, par);
	if (!e && query && query[0])
		e = place_search(x, query, on, PLACE_BROWSE_FOUND_MAX, out, n);
	else if (!e)
		e = place_children(x, par->id, on, out, n);
	return e;
}

nct_err place_ancestors(struct ctx *x, const struct place *p, struct place **out, size_t *n)
{
	/* Up the parent links: at most four levels, each a primary-key lookup. */
	struct place chain[8];
	size_t k = 0;
	chain[k++] = *p;
	while (chain[k - 1].parent_id && k < 8) {
		nct_err e = place_by_id(x, chain[k - 1].parent_id, &chain[k]);
		if (e)
			return e;
		k++;
	}
	*out = malloc(k * sizeof **out);
	if (!*out)
		return NCT_ERR_NOMEM;
	for (size_t i = 0; i < k; i++)
		(*out)[i] = chain[k - 1 - i];
	*n = k;
	return NCT_OK;
}

nct_err place_links(struct ctx *x, int64_t id, int dir, struct place **out, size_t *n)
{
	struct db *db = x->db;
	static const char sql_from[] = LINK_COLS "JOIN place_links l ON l.from_id = p.id"
	                                         " WHERE l.to_id = ? ORDER BY p.code";
	static const char sql_to[] = LINK_COLS "JOIN place_links l ON l.to_id = p.id"
	                                       " WHERE l.from_id = ? ORDER BY p.code";
	struct db_stmt *st = db_prepare(db, dir < 0 ? sql_from : sql_to);
	if (!st)
		return NCT_ERR_DB;
	db_bind_int(st, 1, id);
	return collect(st, (struct place_read){EXTRA_PARTIAL, NULL}, out, n);
}

char *place_predecessors(struct ctx *x, int64_t id)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT predecessors FROM places WHERE id = ?";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	char *s = NULL;
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		s = strdup(db_col_text(st, 0));
	db_done(st);
	return s;
}

/* Counts one subtree: paths from "/12/" up to "/120" (the byte after '/'),
 * a range the path index answers without scanning. */
static nct_err count_under(struct db *db, const char *path, const char *day, int level,
                           int64_t *count)
{
	static const char sql[] = "SELECT COUNT(*) FROM places p WHERE p.level = ?"
	                          " AND p.path >= ? AND p.path < ? AND " ASOF("p");
	static const char sql_all[] =
	    "SELECT COUNT(*) FROM places p WHERE p.level = ? AND " ASOF("p");
	char hi[96];
	text_copy(hi, sizeof hi, path);
	size_t len = strlen(hi);
	if (len)
		hi[len - 1] = (char)(hi[len - 1] + 1);
	struct db_stmt *st = db_prepare(db, len ? sql : sql_all);
	if (!st)
		return NCT_ERR_DB;
	int i = 1;
	db_bind_int(st, i++, level);
	if (len) {
		db_bind_text(st, i++, path);
		db_bind_text(st, i++, hi);
	}
	db_bind_text(st, i++, day);
	db_bind_text(st, i, day);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*count += db_col_int(st, 0);
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

/* Counts over the whole map take a millisecond or more, and the dashboard asks
 * for one on every view; the map changes seldom. A count is kept per process,
 * keyed by scope, date and level, for as long as the store's map_version is
 * the one it was computed under (every writer of places bumps it), so a count
 * is never stale, even when another process changed the map. */
#define COUNT_CACHE 64

struct count_entry {
	int64_t version;
	char key[SCOPE_MAX * 96 + 32];
	int64_t count;
};

static struct count_entry count_cache[COUNT_CACHE];
static size_t count_next;
static pthread_mutex_t count_mu = PTHREAD_MUTEX_INITIALIZER;

nct_err place_map_version(struct ctx *x, int64_t *version)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT version FROM map_version WHERE id = 1";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	int rc = db_step(st);
	*version = rc == DB_ROW ? db_col_int(st, 0) : -1;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

nct_err place_map_changed(struct ctx *x)
{
	struct db *db = x->db;
	static const char sql[] = "UPDATE map_version SET version = version + 1 WHERE id = 1";
	struct db_stmt *st = db_prepare(db, sql);
	return st ? db_run(st) : NCT_ERR_DB;
}

static void count_key(const struct scope *sc, const char *day, int level, char *key, size_t cap)
{
	int n = snprintf(key, cap, "%s|%d|%s", day, level, sc->all ? "*" : "");
	for (size_t i = 0; !sc->all && i < sc->n && n > 0 && (size_t)n < cap; i++)
		n += snprintf(key + n, cap - (size_t)n, "%s,", sc->paths[i]);
}

static bool count_cached(int64_t version, const char *key, int64_t *count)
{
	bool hit = false;
	pthread_mutex_lock(&count_mu);
	for (size_t i = 0; i < COUNT_CACHE && !hit; i++)
		if (count_cache[i].version == version && strcmp(count_cache[i].key, key) == 0) {
			*count = count_cache[i].count;
			hit = true;
		}
	pthread_mutex_unlock(&count_mu);
	return hit;
}

static void count_keep(int64_t version, const char *key, int64_t count)
{
	pthread_mutex_lock(&count_mu);
	struct count_entry *e = &count_cache[count_next++ % COUNT_CACHE];
	e->version = version;
	text_copy(e->key, sizeof e->key, key);
	e->count = count;
	pthread_mutex_unlock(&count_mu);
}

nct_err place_count(struct ctx *x, struct date on, int level, int64_t *count)
{
	struct db *db = x->db;
	const struct scope *sc = &x->scope;
	char d[DATE_LEN], key[sizeof count_cache[0].key];
	int64_t version;
	date_format(on, d);
	*count = 0;
	nct_err e = place_map_version(x, &version);
	if (e)
		return e;
	count_key(sc, d, level, key, sizeof key);
	if (count_cached(version, key, count))
		return NCT_OK;
	if (sc->all)
		e = count_under(db, "", d, level, count);
	for (size_t i = 0; !e && !sc->all && i < sc->n; i++)
		e = count_under(db, sc->paths[i], d, level, count);
	if (!e)
		count_keep(version, key, *count);
	return e;
}

nct_err place_insert(struct ctx *x, const char *code, int level, const char *name,
                     const struct place_node *parent, const char *from, const char *to,
                     const char *predecessors, const char *source, struct place_node *out)
{
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO places (code, level, name, name_fold, parent_id,"
	                          " path, valid_from, valid_to, predecessors, source)"
	                          " VALUES (?,?,?,?,?,'',?,?,?,?) RETURNING id";
	static const char sql_path[] = "UPDATE places SET path = ? WHERE id = ?";
	char *fold = text_fold_dup(name);
	if (!fold)
		return NCT_ERR_INVALID;
	struct db_stmt *st = db_prepare(db, sql);
	if (!st) {
		free(fold);
		return NCT_ERR_DB;
	}
	DB_BINDS(st, DB_T(code), DB_I(level), DB_T(name), DB_T(fold));
	if (parent)
		db_bind_int(st, 5, parent->id);
	db_bind_text(st, 6, from);
	db_bind_text(st, 7, to);
	db_bind_text(st, 8, predecessors);
	db_bind_text(st, 9, source);
	int rc = db_step(st);
	int64_t id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_done(st);
	free(fold);
	if (rc < 0)
		return (nct_err)-rc;
	out->id = id;
	int len = snprintf(out->path, sizeof out->path, "%s%lld/", parent ? parent->path : "/",
	                   (long long)id);
	if (len < 0 || (size_t)len >= sizeof out->path)
		return NCT_ERR_TOOBIG;
	st = db_prepare(db, sql_path);
	if (!st)
		return NCT_ERR_DB;
	DB_BINDS(st, DB_T(out->path), DB_I(id));
	return db_run(st);
}

/* The commune a village is added to: one in force today that x may change. */
static nct_err village_commune(struct ctx *x, const char *code, struct place *commune,
                               struct refusal *rf)
{
	char today[DATE_LEN];
	nct_err e = code ? place_get(x, code, date_today_vn(), commune) : NCT_ERR_NOTFOUND;
	date_format(date_today_vn(), today);
	if (e == NCT_ERR_DENIED || (!e && !access_place(x, commune->path, ACCESS_CHANGE)))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, NULL, "s", code);
	if (e == NCT_ERR_NOTFOUND || (!e && commune->level != PLACE_COMMUNE))
		return refuse(rf, NCT_ERR_INVALID, RF_NO_COMMUNE_ON, NULL, "sd", code ? code : "",
		              today);
	return e;
}

/* Writes the village under commune with the next code (COMMUNE-NNN) and its
 * audit row, inside the caller's unit. */
static nct_err village_insert(struct ctx *x, const struct place *commune, const char *name,
                              struct place_node *made)
{
	static const char sql_n[] = "SELECT COUNT(*) FROM places WHERE parent_id = ? AND level = 4";
	struct db_stmt *st = db_prepare(x->db, sql_n);
	int64_t count = 0;
	db_bind_int(st, 1, commune->id);
	nct_err e = db_int(st, &count);
	char code[48], today[DATE_LEN], nj[256];
	int len = snprintf(code, sizeof code, "%s-%03lld", commune->code, (long long)count + 1);
	if (!e && (len < 0 || (size_t)len >= sizeof code))
		e = NCT_ERR_TOOBIG;
	date_format(date_today_vn(), today);
	struct place_node parent = {commune->id, ""};
	snprintf(parent.path, sizeof parent.path, "%s", commune->path);
	if (!e)
		e = place_insert(x, code, PLACE_VILLAGE, name, &parent, today, NULL, NULL, "user",
		                 made);
	if (!e)
		e = place_map_changed(x);
	snprintf(nj, sizeof nj, "{\"code\":\"%s\",\"parent\":\"%s\"}", code, commune->code);
	return e ? e : audit_write(x, "create", "place", code, NULL, nj);
}

nct_err place_add_village(struct ctx *x, const char *commune_code, const char *name,
                          struct place *out, struct refusal *rf)
{
	struct place commune;
	struct place_node made;
	if (!access_changes(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ROLE_SEES_ONLY, NULL, "");
	nct_err e = village_commune(x, commune_code, &commune, rf);
	char *clean = !e && name ? text_trim(strdup(name)) : NULL;
	if (!e)
		e = check_title(clean, PLACE_NAME_MAX, "name", rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, village_insert(x, &commune, clean, &made));
	if (!e)
		e = place_by_id(x, made.id, out);
	free(clean);
	return e;
}

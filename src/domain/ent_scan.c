#include "ent_scan.h"

#include <stdlib.h>
#include <string.h>

#include "../base/log.h"
#include "../base/text.h"
#include "../store/db.h"
#include "ctx.h"
#include "fact_pack.h"
#include "refusal.h"

enum { PERSONS, DECISIONS, READS };

/* The set: a temporary table of the connection, made on first use. */
static const char sql_make_lite[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_PEOPLE " (id INTEGER PRIMARY KEY)";
/* PostgreSQL's has no key: a set of 200,000 written through a primary key's
 * index with ON CONFLICT took about twice as long as the rows made distinct
 * by the SELECT (sql_add_pg) and sorted by the reads (bench/RESULTS.md). */
static const char sql_make_pg[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_PEOPLE " (id BIGINT NOT NULL)";
/* A temporary table emptied, by engine (SQLite's DELETE without WHERE
 * truncates; PostgreSQL's would delete 200,000 rows one by one) */
/* clang-format off */
#define EMPTY(TABLE) {"DELETE FROM " TABLE, "TRUNCATE " TABLE}
/* clang-format on */
static const char *const sql_empty[2] = EMPTY(ENT_PEOPLE);
/* The people of one path [lo, hi), added to the set once (a person with
 * several residences there, or lived there and is paid there, is one row):
 * the places of the path first, then their residence facts or decisions by
 * place (migration 0015), sorted so the set is written in order. */
#define ADD_ONCE " ORDER BY 1 ON CONFLICT DO NOTHING"
#define RESIDENTS                                                                                  \
	"SELECT f2.person_id FROM places fp CROSS JOIN person_facts f2 WHERE f2.place_id = fp.id"  \
	" AND f2.kind = 'residence' AND fp.path >= ? AND fp.path < ?"
#define PAID                                                                                       \
	"SELECT d2.person_id FROM places dp CROSS JOIN allowance_decisions d2"                     \
	" WHERE d2.place_id = dp.id AND dp.path >= ? AND dp.path < ? AND d2.month <= ?"
static const char sql_add_residents[] = "INSERT INTO " ENT_PEOPLE " (id) " RESIDENTS ADD_ONCE;
static const char sql_add_paid[] = "INSERT INTO " ENT_PEOPLE " (id) " PAID ADD_ONCE;
/* PostgreSQL's, one statement a path: the path's people made distinct by
 * UNION and EXCEPT (set operations, hashed or sorted: no probe a row), less
 * those an earlier path added (the first path's without EXCEPT: the set is
 * empty, and the EXCEPT's hash of 200,000 rows is a third of the statement). */
#define ADD_NEW " EXCEPT SELECT id FROM " ENT_PEOPLE
#define ADD_PG  "INSERT INTO " ENT_PEOPLE " (id) "
static const char *const sql_add_pg[2][2] = {
    {ADD_PG RESIDENTS " UNION " PAID ADD_NEW, ADD_PG PAID ADD_NEW},
    {ADD_PG RESIDENTS " UNION " PAID, ADD_PG "SELECT DISTINCT person_id FROM (" PAID ") q"}};

/* The set by name (ent_scan_open's by_name): its people numbered in the
 * order of the lists (the whole sort key, then id: ent_key_cmp; merged-away
 * persons left out), so the reads below walk it by number and the lines come
 * out sorted (COLLATE BINARY, the store's "C" on PostgreSQL: strcmp's order;
 * the keys are hex). */
static const char sql_make_order_lite[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_ORDER " (n INTEGER PRIMARY KEY, id INTEGER NOT NULL)";
static const char sql_make_order_pg[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_ORDER " (n BIGINT PRIMARY KEY, id BIGINT NOT NULL)";
static const char *const sql_empty_order[2] = EMPTY(ENT_ORDER);
/* SQLite numbers the rows as they are written (the rowid of a table emptied
 * starts at 1): one sort, no window; PostgreSQL numbers them itself. */
#define ENT_BY_NAME(COLLATE)                                                                       \
	" FROM " ENT_PEOPLE " e CROSS JOIN persons p WHERE p.id = e.id AND p.merged_into IS NULL"  \
	" ORDER BY p.sort_key " COLLATE ", p.id"
static const char sql_number_lite[] =
    "INSERT INTO " ENT_ORDER " (id) SELECT p.id" ENT_BY_NAME("COLLATE BINARY");
static const char sql_number_pg[] =
    "INSERT INTO " ENT_ORDER
    " (n, id) SELECT row_number() OVER (ORDER BY p.sort_key COLLATE \"C\", p.id), p.id" ENT_BY_NAME(
        "COLLATE \"C\"");

/* The two reads, each by the person's place in the walk (POS: the id, or
 * the number by name), its last column: persons, with their sort key and
 * their packed facts (fact_pack.h: one row a person, NULL where none is
 * written yet); their decisions up to the month. Each
 * walks the set in order (CROSS JOIN keeps SQLite's loop on the set, whatever
 * the size of the table, so nothing is sorted; PostgreSQL, which takes the
 * join's condition in WHERE, plans it as any join); the latest fact of each
 * kind (fact_pack_latest) and the latest decision of a person (later_decision)
 * are picked as they pass, in the order of the per-person reads.
 * Each read has the columns of person_from_columns and decision_from_columns,
 * but only those the judging and the lines read are filled (ent_scan.h): the
 * others are NULL, so neither the person's place nor the signer's is joined
 * and fewer values are sent (bench/RESULTS.md: PostgreSQL's reads). */
#define PERSON_JUDGED                                                                              \
	"p.id, p.full_name, NULL, p.birth, p.place_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"  \
	" p.citizen_id, p.died_on, NULL"
#define DECISION_JUDGED                                                                            \
	"SELECT d.id, d.person_id, d.action, d.number, d.signed_on, NULL, NULL, NULL, NULL, NULL," \
	" d.place_id, d.rule_code, d.amount, d.month, d.channel, NULL, NULL, dpl.path"
#define PERSONS_READ(SET, POS)                                                                     \
	"SELECT " PERSON_JUDGED ", p.sort_key, k.facts, " POS " FROM " SET                         \
	" e CROSS JOIN persons p LEFT JOIN person_fact_packs k ON k.person_id = p.id"              \
	" WHERE p.id = e.id AND p.merged_into IS NULL ORDER BY " POS
#define DECISIONS_READ(SET, POS)                                                                   \
	DECISION_JUDGED ", " POS " FROM " SET " e CROSS JOIN allowance_decisions d"                \
	                " JOIN places dpl ON dpl.id = d.place_id"                                  \
	                " WHERE d.person_id = e.id AND d.month <= ? ORDER BY " POS
/* clang-format off */
#define READS(SET, POS) {PERSONS_READ(SET, POS), DECISIONS_READ(SET, POS)}
/* clang-format on */
static const char *const sql_by_id[READS] = READS(ENT_PEOPLE, "e.id");
static const char *const sql_by_name[READS] = READS(ENT_ORDER, "e.n");
/* the column of POS in each read */
static const int pos_col[READS] = {PERSON_NCOLUMNS + 2, 18};

static nct_err fill(struct db *db, enum ent_set set, const struct place_path *paths, size_t npaths,
                    const char *month, bool by_name)
{
	bool pg = strcmp(db_engine(db), "sqlite") != 0;
	nct_err e = db_exec(db, pg ? sql_make_pg : sql_make_lite);
	if (!e)
		e = db_exec(db, sql_empty[pg]);
	for (size_t i = 0; !e && i < npaths; i++) {
		char lo[96], hi[96];
		place_subtree_bounds(paths[i].path, lo, hi, sizeof lo);
		/* the work lists look at whoever a decision of any month pays */
		const char *upto = set == ENT_PAID ? month : "9999-99";
		if (pg) {
			bool paid_only = set == ENT_PAID;
			struct db_stmt *st = db_prepare(db, sql_add_pg[i == 0][paid_only]);
			int n = 1;
			for (int k = paid_only; k < 2; k++) {
				db_bind_text(st, n++, lo);
				db_bind_text(st, n++, hi);
			}
			db_bind_text(st, n, upto);
			e = db_run(st);
			continue;
		}
		for (int k = set == ENT_PAID; !e && k < 2; k++) {
			struct db_stmt *st = db_prepare(db, k ? sql_add_paid : sql_add_residents);
			db_bind_text(st, 1, lo);
			db_bind_text(st, 2, hi);
			if (k)
				db_bind_text(st, 3, upto);
			e = db_run(st);
		}
	}
	if (!e && by_name)
		e = db_exec(db, pg ? sql_make_order_pg : sql_make_order_lite);
	if (!e && by_name)
		e = db_exec(db, sql_empty_order[pg]);
	if (!e && by_name)
		e = db_exec(db, pg ? sql_number_pg : sql_number_lite);
	/* Both engines plan the reads from the table's statistics, which a
	 * temporary table only has when asked. Without them SQLite guesses a
	 * million rows, and when that is more than a read's other table has
	 * (a province's store) it first scans that whole table into a Bloom
	 * filter and reads each fact's row instead of its covering index. */
	if (!e)
		e = db_exec(db, by_name ? "ANALYZE " ENT_ORDER : "ANALYZE " ENT_PEOPLE);
	return e;
}

/* PostgreSQL's memory for the set's hashing and the reads' sorts, in this
 * read unit only (set back once the reads have their first batch: each sorts
 * at its first FETCH): at the default 4 MB the set of 200,000 spilled to
 * disk in five batches and the reads' sorts too (bench/RESULTS.md); 64 MB
 * made the persons read plan a hash join and sort its whole rows: slower. */
static const char sql_mem_pg[] = "SET LOCAL work_mem = '16MB'";
static const char sql_mem_back_pg[] = "RESET work_mem";

void (*ent_scan_race)(void *arg);
void *ent_scan_race_arg;

nct_err ent_scan_open(struct ctx *x, struct ent_scan *s, enum ent_set set, bool by_name,
                      const struct place_path *paths, size_t npaths, const char *day,
                      const char *month)
{
	const char *const *sql = by_name ? sql_by_name : sql_by_id;
	memset(s, 0, sizeof *s);
	s->by_name = by_name;
	s->x = x;
	text_copy(s->day, sizeof s->day, day);
	/* one read unit (db_read_begin) from the set to the last read: on
	 * PostgreSQL the rows come a batch at a time, and on both engines the
	 * set, its numbering and the reads see one state of the store
	 * (SQLite: a deferred transaction, PostgreSQL: REPEATABLE READ), so a
	 * person renamed by another request after the numbering neither breaks
	 * the order ent_scan_next checks nor mixes two states of a person */
	nct_err e = db_read_begin(x->db);
	if (e)
		return e;
	s->db = x->db;
	bool pg = strcmp(db_engine(x->db), "sqlite") != 0;
	if (pg)
		e = db_exec(x->db, sql_mem_pg);
	if (!e)
		e = fill(x->db, set, paths, npaths, month, by_name);
	if (!e && ent_scan_race)
		ent_scan_race(ent_scan_race_arg);
	for (int k = 0; !e && k < READS; k++) {
		s->st[k] = db_prepare(x->db, sql[k]);
		if (k == DECISIONS)
			db_bind_text(s->st[k], 1, month);
		s->rc[k] = db_step(s->st[k]);
		if (s->rc[k] < 0)
			e = (nct_err)-s->rc[k];
	}
	if (!e && pg)
		e = db_exec(x->db, sql_mem_back_pg);
	if (e)
		ent_scan_close(s);
	return e;
}

/* Whether the decision on the current row of st is later than *d (by month,
 * day signed and id: ORDER BY month DESC, signed_on DESC, id DESC). */
static bool later_decision(struct db_stmt *st, const struct decision *d)
{
	const char *month = db_col_text(st, 13), *signed_on = db_col_text(st, 4);
	int c = strcmp(month ? month : "", d->month);
	if (!c)
		c = strcmp(signed_on ? signed_on : "", d->signed_on);
	return c > 0 || (c == 0 && db_col_int(st, 0) > d->id);
}

/* The facts of the person just read, in force on the day: from their packed
 * row, or from the tables when they have none (a store not filled yet) or one
 * not of the format (logged: the person's next write rewrites it). */
static nct_err scan_facts(struct ent_scan *s)
{
	struct db_stmt *st = s->st[PERSONS];
	if (!db_col_null(st, PERSON_NCOLUMNS + 1) && !fact_pack_ignored()) {
		if (!fact_pack_latest(db_col_text(st, PERSON_NCOLUMNS + 1), s->day, s->p.id, s->f))
			return NCT_OK;
		log_warn("fact_pack: the row of person %lld is not of the format; read from the"
		         " tables",
		         (long long)s->p.id);
	}
	struct date on;
	nct_err e = date_parse(s->day, &on);
	return e ? e : person_facts_latest(s->x, s->p.id, on, s->f);
}

/* Steps statement k past the rows of persons before pos (merged persons' own
 * rows, which the persons read leaves out). */
static int skip_before(struct ent_scan *s, int k, int64_t pos)
{
	while (s->rc[k] == DB_ROW && db_col_int(s->st[k], pos_col[k]) < pos)
		s->rc[k] = db_step(s->st[k]);
	return s->rc[k];
}

nct_err ent_scan_next(struct ent_scan *s, bool *more)
{
	*more = false;
	if (s->rc[PERSONS] < 0)
		return (nct_err)-s->rc[PERSONS];
	if (s->rc[PERSONS] != DB_ROW)
		return NCT_OK;
	person_from_columns(s->st[PERSONS], 0, &s->p);
	if (s->by_name) /* the person before's */
		memcpy(s->key_was, s->sort_key, strlen(s->sort_key) + 1);
	text_copy(s->sort_key, sizeof s->sort_key, db_col_text(s->st[PERSONS], PERSON_NCOLUMNS));
	int64_t pos = db_col_int(s->st[PERSONS], pos_col[PERSONS]);
	if (s->by_name && s->pos) { /* the store's order is the lists': checked, not assumed */
		int c = strcmp(s->key_was, s->sort_key);
		if (c > 0 || (c == 0 && s->p_id >= s->p.id))
			return NCT_ERR_DB;
	}
	s->p_id = s->p.id;
	s->pos = pos;
	nct_err e = scan_facts(s);
	if (e)
		return e;
	/* decisions: the latest is the one in force, unless a stop */
	s->has_decision = s->paid = false;
	memset(&s->dec, 0, sizeof s->dec);
	skip_before(s, DECISIONS, pos);
	while (s->rc[DECISIONS] == DB_ROW &&
	       db_col_int(s->st[DECISIONS], pos_col[DECISIONS]) == pos) {
		if (!s->has_decision || later_decision(s->st[DECISIONS], &s->dec)) {
			decision_from_columns(s->st[DECISIONS], &s->dec);
			s->has_decision = true;
		}
		s->rc[DECISIONS] = db_step(s->st[DECISIONS]);
	}
	s->paid = s->has_decision && strcmp(s->dec.action, "stop") != 0;
	if (s->rc[DECISIONS] < 0)
		return (nct_err)-s->rc[DECISIONS];
	s->rc[PERSONS] = db_step(s->st[PERSONS]);
	if (s->rc[PERSONS] < 0)
		return (nct_err)-s->rc[PERSONS];
	*more = true;
	return NCT_OK;
}

void ent_scan_close(struct ent_scan *s)
{
	for (int k = 0; k < READS; k++) {
		db_done(s->st[k]);
		s->st[k] = NULL;
	}
	/* the set is emptied, not kept: a country's ids are not held between
	 * requests (an error here leaves it to the next fill, which empties it) */
	if (s->db) {
		bool pg = strcmp(db_engine(s->db), "sqlite") != 0;
		nct_err e = db_exec(s->db, sql_empty[pg]);
		if (!e && s->by_name)
			e = db_exec(s->db, sql_empty_order[pg]);
		if (e)
			log_warn("entitlements: the set not emptied: %s", db_errmsg(s->db));
		db_read_end(s->db);
	}
	s->db = NULL;
}

nct_err ent_top_init(struct ent_top *t, size_t size, size_t k,
                     int (*cmp)(const void *, const void *))
{
	memset(t, 0, sizeof *t);
	t->size = size;
	t->k = k;
	t->cmp = cmp;
	t->v = k ? malloc((k + 1) * size) : NULL; /* the last: room to swap */
	return !k || t->v ? NCT_OK : NCT_ERR_NOMEM;
}

static char *at(const struct ent_top *t, size_t i)
{
	return t->v + i * t->size;
}

/* The heap's own copy of the key's rest of the element at i (borrowed till
 * then); false when out of memory. */
static bool own_rest(struct ent_top *t, size_t i)
{
	struct ent_key *k = (struct ent_key *)(void *)at(t, i);
	if (!k->rest)
		return true;
	k->rest = strdup(k->rest);
	return k->rest != NULL;
}

static void drop_rest(struct ent_top *t, size_t i)
{
	struct ent_key *k = (struct ent_key *)(void *)at(t, i);
	free(k->rest);
	k->rest = NULL;
}

static void swap(struct ent_top *t, size_t i, size_t j)
{
	char *tmp = at(t, t->k);
	memcpy(tmp, at(t, i), t->size);
	memcpy(at(t, i), at(t, j), t->size);
	memcpy(at(t, j), tmp, t->size);
}

/* A heap with the greatest on top: the first to leave when a smaller comes. */
nct_err ent_top_add(struct ent_top *t, const void *e)
{
	if (!t->k)
		return NCT_OK;
	size_t i;
	if (t->n < t->k) {
		i = t->n;
		memcpy(at(t, i), e, t->size);
		if (!own_rest(t, i))
			return NCT_ERR_NOMEM;
		t->n++;
		while (i && t->cmp(at(t, (i - 1) / 2), at(t, i)) < 0) {
			swap(t, i, (i - 1) / 2);
			i = (i - 1) / 2;
		}
		return NCT_OK;
	}
	if (t->cmp(e, at(t, 0)) >= 0)
		return NCT_OK;
	drop_rest(t, 0);
	memcpy(at(t, 0), e, t->size);
	if (!own_rest(t, 0)) {
		/* the first would not be the greatest: the heap given up */
		ent_top_free(t);
		return NCT_ERR_NOMEM;
	}
	for (i = 0;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < t->n && t->cmp(at(t, l), at(t, m)) > 0)
			m = l;
		if (r < t->n && t->cmp(at(t, r), at(t, m)) > 0)
			m = r;
		if (m == i)
			break;
		swap(t, i, m);
		i = m;
	}
	return NCT_OK;
}

void *ent_top_sorted(struct ent_top *t, size_t *n)
{
	void *v = t->v;
	*n = t->n;
	if (v && t->n)
		qsort(v, t->n, t->size, t->cmp);
	for (size_t i = 0; i < t->n; i++)
		drop_rest(t, i);
	t->v = NULL;
	t->n = 0;
	return v;
}

void ent_top_free(struct ent_top *t)
{
	for (size_t i = 0; t->v && i < t->n; i++)
		drop_rest(t, i);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* k's prefix from the whole key, and rest pointing to the whole key when
 * longer (borrowed). */
static void key_of(const char *whole, int64_t id, struct ent_key *k)
{
	size_t n = strlen(whole);
	text_copy(k->sort_key, sizeof k->sort_key, whole);
	k->rest = n > ENT_KEY_PREFIX ? (char *)whole : NULL;
	k->id = id;
}

void ent_scan_key(const struct ent_scan *s, struct ent_key *k)
{
	key_of(s->sort_key, s->p.id, k);
}

nct_err ent_person_key(struct ctx *x, int64_t id, struct ent_key *k)
{
	memset(k, 0, sizeof *k);
	/* someone the reader may not see is no one: the cursor tells nothing of them */
	struct person p;
	nct_err e = person_get(x, id, &p);
	if (e)
		return e == NCT_ERR_DENIED ? NCT_ERR_NOTFOUND : e;
	char *key = malloc(ENT_SORT_KEY_MAX + 1);
	if (!key)
		return NCT_ERR_NOMEM;
	struct db_stmt *st = db_prepare(x->db, "SELECT sort_key FROM persons WHERE id = ?");
	db_bind_int(st, 1, id);
	e = db_text(st, key, ENT_SORT_KEY_MAX + 1);
	if (!e && !key[0])
		e = NCT_ERR_NOTFOUND;
	if (!e) {
		key_of(key, id, k);
		if (k->rest && !(k->rest = strdup(key)))
			e = NCT_ERR_NOMEM;
	}
	free(key);
	return e;
}

void ent_key_free(struct ent_key *k)
{
	free(k->rest);
	k->rest = NULL;
}

int ent_key_cmp(const void *a, const void *b)
{
	const struct ent_key *x = a, *y = b;
	int k = strcmp(x->sort_key, y->sort_key);
	if (!k && (x->rest || y->rest)) /* the same first characters: the rest decides */
		k = strcmp(x->rest ? x->rest : x->sort_key, y->rest ? y->rest : y->sort_key);
	if (k)
		return k;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int ent_key_cmp_back(const void *a, const void *b)
{
	return ent_key_cmp(b, a);
}

nct_err ent_pager_init(struct ctx *x, struct ent_pager *p, int64_t after, int64_t before,
                       size_t size, size_t limit, struct refusal *rf)
{
	memset(p, 0, sizeof *p);
	p->back = before != 0;
	int64_t id = p->back ? before : after;
	if (id) {
		nct_err e = ent_person_key(x, id, &p->at);
		if (e == NCT_ERR_NOTFOUND)
			return refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_PERSON,
			              p->back ? "before" : "after", "i", id);
		if (e)
			return e;
	}
	return ent_top_init(&p->top, size, limit, p->back ? ent_key_cmp_back : ent_key_cmp);
}

nct_err ent_pager_add(struct ent_pager *p, const void *line)
{
	if (p->at.id) {
		int c = ent_key_cmp(line, &p->at);
		if (p->back ? c >= 0 : c <= 0)
			return NCT_OK;
	}
	p->beyond++;
	return ent_top_add(&p->top, line);
}

void *ent_pager_page(struct ent_pager *p, size_t *n, int64_t *prev, int64_t *next)
{
	size_t size = p->top.size;
	char *v = ent_top_sorted(&p->top, n);
	*prev = *next = 0;
	if (!v || !*n)
		return v;
	if (p->back) /* kept from the nearest down: put by name */
		for (size_t i = 0, j = *n - 1; i < j; i++, j--) {
			char tmp[sizeof(struct ent_key)];
			for (size_t off = 0; off < size; off += sizeof tmp) {
				size_t k = size - off < sizeof tmp ? size - off : sizeof tmp;
				memcpy(tmp, v + i * size + off, k);
				memcpy(v + i * size + off, v + j * size + off, k);
				memcpy(v + j * size + off, tmp, k);
			}
		}
	const struct ent_key *first = (const void *)v, *last = (const void *)(v + (*n - 1) * size);
	bool more = p->beyond > *n; /* lines past the page, on its side */
	*prev = (p->back ? more : p->at.id != 0) ? first->id : 0;
	*next = (p->back || more) ? last->id : 0;
	return v;
}

void ent_pager_free(struct ent_pager *p)
{
	ent_key_free(&p->at);
	ent_top_free(&p->top);
}

bool ent_in_paths(const struct place_path *paths, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(path, paths[i].path, strlen(paths[i].path)) == 0)
			return true;
	return false;
}

#include "ent_scan.h"

#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "ctx.h"

enum { PERSONS, FACTS, DECISIONS };

/* The set: a temporary table of the connection, made on first use. */
static const char sql_make_lite[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_PEOPLE " (id INTEGER PRIMARY KEY)";
static const char sql_make_pg[] =
    "CREATE TEMP TABLE IF NOT EXISTS " ENT_PEOPLE " (id BIGINT PRIMARY KEY)";
static const char sql_empty[] = "DELETE FROM " ENT_PEOPLE;
/* The people of one path [lo, hi) not yet in the set (a path's own UNION or
 * DISTINCT keeps each once; the paths of a territory never nest). */
#define NOT_YET(COL) " NOT EXISTS (SELECT 1 FROM " ENT_PEOPLE " e WHERE e.id = " COL ")"
static const char sql_add_residents_and_paid[] =
    "INSERT INTO " ENT_PEOPLE " (id) SELECT u.person_id FROM ("
    "SELECT f2.person_id FROM person_facts f2 JOIN places fp ON fp.id = f2.place_id"
    " WHERE f2.kind = 'residence' AND fp.path >= ? AND fp.path < ?"
    " UNION SELECT d2.person_id FROM allowance_decisions d2"
    " JOIN places dp ON dp.id = d2.place_id WHERE dp.path >= ? AND dp.path < ?) u"
    " WHERE" NOT_YET("u.person_id");
static const char sql_add_paid[] =
    "INSERT INTO " ENT_PEOPLE " (id) SELECT DISTINCT d2.person_id FROM allowance_decisions d2"
    " JOIN places dp ON dp.id = d2.place_id WHERE dp.path >= ? AND dp.path < ?"
    " AND d2.month <= ? AND" NOT_YET("d2.person_id");

/* The three reads, each by person id: persons (with their sort key); their
 * facts on or before the day, latest first per kind; their decisions up to
 * the month, latest first. */
static const char sql_persons[] = "SELECT " PERSON_COLUMNS ", p.sort_key FROM " ENT_PEOPLE " e"
                                  " JOIN persons p ON p.id = e.id"
                                  " JOIN places pl ON pl.id = p.place_id"
                                  " WHERE p.merged_into IS NULL ORDER BY e.id";
static const char sql_facts[] = PERSON_FACT_SELECT_BARE
    "JOIN " ENT_PEOPLE " e ON e.id = f.person_id"
    " WHERE (f.valid_from IS NULL OR f.valid_from <= ?) AND" PERSON_FACT_LIVE
    " ORDER BY f.person_id, f.kind, COALESCE(f.valid_from, '0000-00-00')"
    " DESC, f.id DESC";
static const char sql_decisions[] =
    DECISION_SELECT "JOIN " ENT_PEOPLE " e ON e.id = d.person_id WHERE d.month <= ?"
                    " ORDER BY d.person_id, d.month DESC, d.signed_on DESC, d.id DESC";

static nct_err fill(struct db *db, enum ent_set set, const struct place_path *paths, size_t npaths,
                    const char *month)
{
	bool pg = strcmp(db_engine(db), "sqlite") != 0;
	nct_err e = db_exec(db, pg ? sql_make_pg : sql_make_lite);
	if (!e)
		e = db_exec(db, sql_empty);
	for (size_t i = 0; !e && i < npaths; i++) {
		char lo[96], hi[96];
		place_subtree_bounds(paths[i].path, lo, hi, sizeof lo);
		struct db_stmt *st =
		    db_prepare(db, set == ENT_PAID ? sql_add_paid : sql_add_residents_and_paid);
		db_bind_text(st, 1, lo);
		db_bind_text(st, 2, hi);
		db_bind_text(st, 3, set == ENT_PAID ? month : lo);
		if (set != ENT_PAID)
			db_bind_text(st, 4, hi);
		e = db_run(st);
	}
	/* PostgreSQL plans the reads from the table's statistics, which a
	 * temporary table only has when asked */
	if (!e && pg)
		e = db_exec(db, "ANALYZE " ENT_PEOPLE);
	return e;
}

nct_err ent_scan_open(struct ctx *x, struct ent_scan *s, enum ent_set set,
                      const struct place_path *paths, size_t npaths, const char *day,
                      const char *month)
{
	static const char *const sql[3] = {sql_persons, sql_facts, sql_decisions};
	memset(s, 0, sizeof *s);
	s->db = x->db;
	nct_err e = fill(x->db, set, paths, npaths, month);
	for (int k = 0; !e && k < 3; k++) {
		s->st[k] = db_prepare(x->db, sql[k]);
		if (k == FACTS)
			db_bind_text(s->st[k], 1, day);
		if (k == DECISIONS)
			db_bind_text(s->st[k], 1, month);
		s->rc[k] = db_step(s->st[k]);
		if (s->rc[k] < 0)
			e = (nct_err)-s->rc[k];
	}
	if (e)
		ent_scan_close(s);
	return e;
}

/* Steps statement k past the rows of persons before id (merged persons' own
 * rows, which the persons read leaves out). */
static int skip_before(struct ent_scan *s, int k, int64_t id)
{
	while (s->rc[k] == DB_ROW && db_col_int(s->st[k], 1) < id)
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
	text_copy(s->sort_key, sizeof s->sort_key, db_col_text(s->st[PERSONS], PERSON_NCOLUMNS));
	int64_t id = s->p.id;
	memset(s->f, 0, sizeof s->f);
	/* facts: by kind, latest first: the first of each kind is the one in force */
	skip_before(s, FACTS, id);
	while (s->rc[FACTS] == DB_ROW && db_col_int(s->st[FACTS], 1) == id) {
		int k = fact_kind_index(db_col_text(s->st[FACTS], 2));
		if (k >= 0 && !s->f[k].id)
			person_fact_from_columns(s->st[FACTS], &s->f[k]);
		s->rc[FACTS] = db_step(s->st[FACTS]);
	}
	/* decisions: latest first */
	s->has_decision = s->paid = false;
	memset(&s->dec, 0, sizeof s->dec);
	skip_before(s, DECISIONS, id);
	while (s->rc[DECISIONS] == DB_ROW && db_col_int(s->st[DECISIONS], 1) == id) {
		if (!s->has_decision) {
			decision_from_columns(s->st[DECISIONS], &s->dec);
			s->has_decision = true;
			s->paid = strcmp(s->dec.action, "stop") != 0;
		}
		s->rc[DECISIONS] = db_step(s->st[DECISIONS]);
	}
	for (int k = FACTS; k <= DECISIONS; k++)
		if (s->rc[k] < 0)
			return (nct_err)-s->rc[k];
	s->rc[PERSONS] = db_step(s->st[PERSONS]);
	if (s->rc[PERSONS] < 0)
		return (nct_err)-s->rc[PERSONS];
	*more = true;
	return NCT_OK;
}

void ent_scan_close(struct ent_scan *s)
{
	for (int k = 0; k < 3; k++) {
		db_done(s->st[k]);
		s->st[k] = NULL;
	}
	/* the set is emptied, not kept: a country's ids are not held between
	 * requests (an error here leaves it to the next fill, which empties it) */
	if (s->db)
		db_exec(s->db, sql_empty);
	s->db = NULL;
}

#include "register.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "ctx.h"
#include "health.h"
#include "person_fact.h"
#include "person_name.h"

int64_t register_drive_max = REGISTER_DRIVE_MAX, register_count_max = REGISTER_COUNT_MAX;

void register_filter_init(struct register_filter *f)
{
	memset(f, 0, sizeof *f);
	f->age_from = f->age_to = -1;
	f->on = date_today_vn();
	f->limit = 50;
}

/* ---- the SQL ------------------------------------------------------------------
 *
 * A page never counts and sorts every match. What drives the list is chosen
 * by two cheap capped counts over indexes alone: the search keys of the name
 * (person_name_keys) and the people of the places (persons_place). When one of
 * them holds at most REGISTER_DRIVE_MAX candidates (or the end of the page
 * asked when further), the list starts from it: its candidates are filtered,
 * counted exactly and the page's top kept by the sorter. Otherwise the list
 * walks the register in its order (persons_sort) and stops at the end of the
 * page; its count stops past REGISTER_COUNT_MAX, and the total is then "more
 * than REGISTER_COUNT_MAX".
 * A name's list with no filter but age and death (DRIVE_KEYS) is counted and
 * its page chosen from the name's keys alone (person_name_keys_cover: each
 * key carries its person's sort key, birth start and death; migration 0027):
 * only the page's persons are read. Within places (a scope, a place asked),
 * the keys carry the person's place too (0029): each place of the subtrees is
 * one range of person_name_keys_place (place, key, ...) for the name, so a
 * name's candidates there, its count and its page are read from the places'
 * ranges of the keys, never from the name's range over the whole register.
 * CROSS JOIN fixes SQLite's order of the tables (PostgreSQL's planner is
 * free: a plain join there); merged_into is compared through COALESCE so
 * that no plan starts from its index (every living record has NULL). */

/* The filters persons_place_birth_sort holds (place_id, birth_start, died_on,
 * merged_into, sort_key): a list by places with no other filter is counted
 * and its page chosen from that index alone (6 values, as REG_FILTERS's). */
#define LEAN_FILTERS                                                                               \
	" AND COALESCE(p.merged_into, 0) = 0"                                                      \
	" AND (? = '' OR p.birth_start <= ?)"                                                      \
	" AND (? = '' OR p.birth_start > ?)"                                                       \
	" AND (? = 1 OR p.died_on IS NULL OR p.died_on > ?)"
/* The filters every list binds, in this order (18 values; '' or 0 turns one off). */
#define REG_FILTERS                                                                                \
	LEAN_FILTERS                                                                               \
	" AND (? = '' OR p.sex = ?)"                                                               \
	" AND (? = '' OR p.ethnicity = ?)"                                                         \
	" AND (? = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id"              \
	" AND m.club_id = ?))"                                                                     \
	" AND (? = '' OR (SELECT f.value FROM person_facts f WHERE f.person_id = p.id"             \
	" AND f.kind = 'poverty' AND (f.valid_from IS NULL OR f.valid_from <= ?)"                  \
	" AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)"         \
	" ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1) = ?)"             \
	" AND (? = '' OR NOT EXISTS (SELECT 1 FROM health_cards hc WHERE hc.person_id = p.id"      \
	" AND hc.valid_from <= ? AND hc.valid_to >= ? AND hc.retracted_at IS NULL))"
/* Subtrees: SCOPE_MAX ranges of the path (2 values each; an empty range for a slot unused). */
#define R1         "(pl.path >= ? AND pl.path < ?)"
#define R4         R1 " OR " R1 " OR " R1 " OR " R1
#define R24        " AND (" R4 " OR " R4 " OR " R4 " OR " R4 " OR " R4 " OR " R4 ")"
#define REG_RANGES 24
_Static_assert(REG_RANGES == SCOPE_MAX, "one range per scope root");

/* The three ways in. Each binds its own values first (the name's 2), then
 * REG_FILTERS, then what follows it. */
#define NAME_PERSONS(keys)                                                                         \
	" FROM (SELECT DISTINCT k.person_id" keys KEY_RANGE ") k CROSS JOIN persons p"             \
	" CROSS JOIN places pl WHERE p.id = k.person_id AND pl.id = p.place_id"
/* A name's keys over the whole register, or within the places of the subtrees
 * (the ranges' 48 values first): each place one range of person_name_keys_place. */
#define KEYS_ALL " FROM person_name_keys k WHERE"
#define KEYS_PLACES                                                                                \
	" FROM places pl CROSS JOIN person_name_keys k WHERE k.place_id = pl.id" R24 " AND"
#define KEY_RANGE " k.key >= ? AND k.key < ?"
#define FROM_NAME NAME_PERSONS(KEYS_ALL)
/* Within places (the ranges bound first, then the name, then checked again on
 * the person's own place after the filters, as FROM_NAME's). */
#define FROM_NAME_PLACES NAME_PERSONS(KEYS_PLACES)
#define FROM_PLACES      " FROM places pl CROSS JOIN persons p WHERE p.place_id = pl.id" R24
#define FROM_WALK        " FROM persons p CROSS JOIN places pl WHERE pl.id = p.place_id"
/* A name checked on each person met (2 values). */
#define HAS_NAME                                                                                   \
	" AND EXISTS (SELECT 1 FROM person_name_keys k WHERE k.person_id = p.id"                   \
	" AND k.key >= ? AND k.key < ?)"

#define ROWS      "SELECT " PERSON_COLUMNS
#define COUNT_OF  "SELECT COUNT(*) FROM (SELECT 1"
#define COUNT_END " LIMIT ?) c"
/* A page: after a person (the id 4 times; 0: from the first), then LIMIT and OFFSET. */
#define AFTER_KEY "(SELECT a.sort_key FROM persons a WHERE a.id = ?)"
#define CURSOR_ON(sort, id)                                                                        \
	" (? = 0 OR " sort " > " AFTER_KEY " OR (" sort " = " AFTER_KEY " AND " id " > ?))"        \
	" ORDER BY " sort ", " id " LIMIT ? OFFSET ?"
#define CURSOR_PAGE(t) CURSOR_ON(t ".sort_key", t ".id")
#define PAGE           " AND" CURSOR_PAGE("p")

/* Driven by the name (ranges checked on each). */
static const char count_name[] = COUNT_OF FROM_NAME REG_FILTERS COUNT_END;
static const char count_name_ranges[] = COUNT_OF FROM_NAME_PLACES REG_FILTERS R24 COUNT_END;
/* Driven by the places (the name checked on each). */
static const char count_places[] = COUNT_OF FROM_PLACES REG_FILTERS COUNT_END;
static const char count_places_name[] = COUNT_OF FROM_PLACES REG_FILTERS HAS_NAME COUNT_END;
/* Walking the register in its order. */
static const char rows_walk[] = ROWS FROM_WALK REG_FILTERS PAGE;
static const char rows_walk_name[] = ROWS FROM_WALK REG_FILTERS HAS_NAME PAGE;
static const char rows_walk_ranges[] = ROWS FROM_WALK REG_FILTERS R24 PAGE;
static const char rows_walk_name_ranges[] = ROWS FROM_WALK REG_FILTERS HAS_NAME R24 PAGE;
/* A walk after a person starts there: a range of persons_sort, not a skip from
 * the first (4 values as PAGE's: the id, never 0 here). */
#define PAGE_AFTER                                                                                 \
	" AND ? <> 0 AND p.sort_key >= " AFTER_KEY " AND (p.sort_key > " AFTER_KEY " OR p.id > ?)" \
	" ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?"
static const char rows_walk_after[] = ROWS FROM_WALK REG_FILTERS PAGE_AFTER;
static const char rows_walk_name_after[] = ROWS FROM_WALK REG_FILTERS HAS_NAME PAGE_AFTER;
static const char rows_walk_ranges_after[] = ROWS FROM_WALK REG_FILTERS R24 PAGE_AFTER;
static const char rows_walk_name_ranges_after[] =
    ROWS FROM_WALK REG_FILTERS HAS_NAME R24 PAGE_AFTER;
static const char count_walk[] = COUNT_OF FROM_WALK REG_FILTERS COUNT_END;
/* One pass of a list started from the name or the places: the matches are
 * read once, counted by the window and sorted on (sort key, id) alone; the
 * page's ids come out with the total, then its rows are read by id (PAGE's
 * 4 values of the cursor, then LIMIT and OFFSET). */
#define IDS      "SELECT s.id, s.total FROM (SELECT p.id, p.sort_key, COUNT(*) OVER () AS total"
#define IDS_PAGE ") s WHERE" CURSOR_PAGE("s")
enum { IDS_NAME, IDS_NAME_RANGES, IDS_PLACES, IDS_PLACES_NAME, IDS_PLACES_LEAN };
static const char *const ids_sql[] = {
    [IDS_NAME] = IDS FROM_NAME REG_FILTERS IDS_PAGE,
    [IDS_NAME_RANGES] = IDS FROM_NAME_PLACES REG_FILTERS R24 IDS_PAGE,
    [IDS_PLACES] = IDS FROM_PLACES REG_FILTERS IDS_PAGE,
    [IDS_PLACES_NAME] = IDS FROM_PLACES REG_FILTERS HAS_NAME IDS_PAGE,
    [IDS_PLACES_LEAN] = IDS FROM_PLACES LEAN_FILTERS IDS_PAGE,
};
static const char count_places_lean[] = COUNT_OF FROM_PLACES LEAN_FILTERS COUNT_END;
/* A name's keys alone (within places: the ranges' 48 values first; then the
 * name's 2 values, the length of the name in characters and LEAN_FILTERS's 6):
 * a person's first key in the range is the one sharing fewer characters than
 * that with its smaller keys, so each person counts once (all of a person's
 * keys carry the same place); merged records have no keys. The page's ids
 * with 0 for the total (counted apart), as IDS's. */
#define FROM_KEYS(keys)                                                                            \
	keys KEY_RANGE " AND k.shared < ?"                                                         \
	               " AND (? = '' OR k.birth_start <= ?)"                                       \
	               " AND (? = '' OR k.birth_start > ?)"                                        \
	               " AND (? = 1 OR k.died_on IS NULL OR k.died_on > ?)"
#define IDS_KEYS(keys)                                                                             \
	"SELECT k.person_id, 0" FROM_KEYS(keys) " AND" CURSOR_ON("k.sort_key", "k.person_id")
static const char count_keys[] = COUNT_OF FROM_KEYS(KEYS_ALL) COUNT_END;
static const char ids_keys[] = IDS_KEYS(KEYS_ALL);
static const char count_keys_places[] = COUNT_OF FROM_KEYS(KEYS_PLACES) COUNT_END;
static const char ids_keys_places[] = IDS_KEYS(KEYS_PLACES);
/* Every person has a place (NOT NULL, a foreign key): no join to count them. */
static const char count_walk_lean[] =
    COUNT_OF " FROM persons p WHERE p.id > 0" LEAN_FILTERS COUNT_END;
/* The rows of up to BY_ID persons (ids past the page's bind 0: no one). */
#define BY_ID 50
#define Q5    "?, ?, ?, ?, ?"
#define Q25   Q5 ", " Q5 ", " Q5 ", " Q5 ", " Q5
static const char rows_by_id[] = ROWS " FROM persons p CROSS JOIN places pl"
                                      " WHERE pl.id = p.place_id AND p.id IN (" Q25 ", " Q25 ")";

/* The candidates of each driver, from an index alone (the name's within
 * places: the ranges first). */
static const char candidates_name[] =
    "SELECT COUNT(*) FROM (SELECT 1" KEYS_ALL KEY_RANGE " LIMIT ?) c";
static const char candidates_name_places[] =
    "SELECT COUNT(*) FROM (SELECT 1" KEYS_PLACES KEY_RANGE " LIMIT ?) c";
static const char candidates_places[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM places pl CROSS JOIN persons p"
    " WHERE p.place_id = pl.id" R24 " LIMIT ?) c";

/* The subtrees a list covers: every place (all), or up to SCOPE_MAX ranges. */
struct ranges {
	bool all;
	size_t n;
	char lo[SCOPE_MAX][96], hi[SCOPE_MAX][96];
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void range_add(struct ranges *r, const char *path)
{
	if (r->n == SCOPE_MAX)
		return;
	place_subtree_bounds(path, r->lo[r->n], r->hi[r->n], sizeof r->lo[0]);
	r->n++;
}

/* The user's scope met with the place asked for. A club user's list is of its
 * club's members (wherever they live), narrowed by the place only. */
static void ranges_of(const struct ctx *x, const struct register_filter *f, struct ranges *r)
{
	const struct place *asked = f->place;
	memset(r, 0, sizeof *r);
	if (f->area) { /* worked out by area_of, within the scope already */
		bool all = f->area->n == 1 && strcmp(f->area->lo[0], "/") == 0;
		for (size_t i = 0; !all && i < f->area->n && i < SCOPE_MAX; i++) {
			text_copy(r->lo[i], sizeof r->lo[0], f->area->lo[i]);
			text_copy(r->hi[i], sizeof r->hi[0], f->area->hi[i]);
			r->n++;
		}
		r->all = all;
		return;
	}
	bool whole = x->scope.all || access_confined_club(x);
	if (whole && !asked) {
		r->all = true;
		return;
	}
	if (whole) {
		range_add(r, asked->path);
		return;
	}
	for (size_t i = 0; i < x->scope.n; i++) {
		const char *root = x->scope.paths[i];
		if (!asked || starts_with(root, asked->path)) {
			range_add(r, root);
		} else if (starts_with(asked->path, root)) {
			memset(r, 0, sizeof *r);
			range_add(r, asked->path);
			return;
		}
	}
}

/* What the filters bind, prepared once for both statements. */
struct reg_values {
	char sex[2], cut_from[DATE_LEN], cut_to[DATE_LEN], on[DATE_LEN], nocard[DATE_LEN];
	char key[PERSON_NAME_MAX + 2], key_end[PERSON_NAME_MAX + 2];
	int64_t key_chars; /* the length of key in characters */
	int64_t club;
};

/* The day someone born on it turns `age` on `on` (29 February becomes the 28th). */
static void age_cut(struct date on, int age, char out[DATE_LEN])
{
	struct date d = {on.y - age, on.m, on.d};
	if (!date_valid(d.y, d.m, d.d))
		d.d = 28;
	date_format(d, out);
}

static int bind_lean(struct db_stmt *st, int i, const struct register_filter *f,
                     const struct reg_values *v)
{
	db_bind_text(st, i++, v->cut_from);
	db_bind_text(st, i++, v->cut_from);
	db_bind_text(st, i++, v->cut_to);
	db_bind_text(st, i++, v->cut_to);
	db_bind_int(st, i++, f->with_dead);
	db_bind_text(st, i++, v->on);
	return i;
}

static int bind_filters(struct db_stmt *st, int i, const struct register_filter *f,
                        const struct reg_values *v)
{
	const char *eth = f->ethnicity ? f->ethnicity : "";
	const char *pov = f->poverty ? f->poverty : "";
	i = bind_lean(st, i, f, v);
	db_bind_text(st, i++, v->sex);
	db_bind_text(st, i++, v->sex);
	db_bind_text(st, i++, eth);
	db_bind_text(st, i++, eth);
	db_bind_int(st, i++, v->club);
	db_bind_int(st, i++, v->club);
	db_bind_text(st, i++, pov);
	db_bind_text(st, i++, v->on);
	db_bind_text(st, i++, pov);
	db_bind_text(st, i++, v->nocard);
	db_bind_text(st, i++, v->on);
	db_bind_text(st, i++, v->on);
	return i;
}

static int bind_name(struct db_stmt *st, int i, const struct reg_values *v)
{
	db_bind_text(st, i++, v->key);
	db_bind_text(st, i++, v->key_end);
	return i;
}

static int bind_ranges(struct db_stmt *st, int i, const struct ranges *r)
{
	for (size_t k = 0; k < REG_RANGES; k++) {
		db_bind_text(st, i++, k < r->n ? r->lo[k] : "");
		db_bind_text(st, i++, k < r->n ? r->hi[k] : "");
	}
	return i;
}

static nct_err reg_values(const struct ctx *x, const struct register_filter *f,
                          struct reg_values *v, struct refusal *rf)
{
	memset(v, 0, sizeof *v);
	v->sex[0] = f->sex;
	date_format(f->on, v->on);
	if (f->without_card)
		text_copy(v->nocard, sizeof v->nocard, v->on);
	v->club = access_confined_club(x);
	if ((f->age_from >= 0 && f->age_from > REGISTER_AGE_MAX) || f->age_to > REGISTER_AGE_MAX ||
	    (f->age_from >= 0 && f->age_to >= 0 && f->age_from > f->age_to) || f->age_from < -1 ||
	    f->age_to < -1)
		return refuse(rf, NCT_ERR_INVALID, RF_AGE_RANGE, "age_from", "");
	if (f->age_from >= 0)
		age_cut(f->on, f->age_from, v->cut_from);
	if (f->age_to >= 0)
		age_cut(f->on, f->age_to + 1, v->cut_to);
	if (f->sex && f->sex != 'F' && f->sex != 'M')
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "sex", "s", "F, M");
	if (f->poverty && check_one_of(f->poverty, fact_values("poverty"), "poverty", rf))
		return NCT_ERR_INVALID;
	char *q = text_fold_dup(f->q ? f->q : "");
	if (!q)
		return refuse(rf, NCT_ERR_INVALID, RF_TEXT_LENGTH, "q", "n",
		              (int64_t)PERSON_NAME_MAX);
	bool ok = !q[0] || (strlen(q) <= PERSON_NAME_MAX &&
	                    person_name_key_end(q, v->key_end, sizeof v->key_end));
	if (ok)
		text_copy(v->key, sizeof v->key, q);
	v->key_chars = (int64_t)text_chars(v->key);
	free(q);
	return ok ? NCT_OK
	          : refuse(rf, NCT_ERR_INVALID, RF_TEXT_LENGTH, "q", "n", (int64_t)PERSON_NAME_MAX);
}

static int page_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	person_from_columns(st, 0, row);
	return DB_KEEP;
}

/* What a list starts from. */
enum reg_driver { DRIVE_NAME, DRIVE_KEYS, DRIVE_PLACES, DRIVE_WALK };

/* Whether a list driven by the name needs no more than the keys carry: the
 * whole register or places, filtered by age and death alone. */
static bool keys_enough(const struct register_filter *f, const struct reg_values *v)
{
	return !v->sex[0] && !f->ethnicity && !f->poverty && !v->club && !v->nocard[0];
}

/* What a statement of a driver answers: its rows, its count, or the page's
 * ids with the count (the name and the places only). */
enum reg_answer { REG_ROWS, REG_COUNT, REG_IDS };

/* The statement of a driver and its values bound in its order; the next
 * index to bind. */
static struct db_stmt *reg_prepare(struct ctx *x, enum reg_driver d, enum reg_answer a,
                                   const struct register_filter *f, const struct reg_values *v,
                                   const struct ranges *r, int *next)
{
	bool name = v->key[0], ranges = !r->all, count = a == REG_COUNT;
	bool lean =
	    !name && !v->sex[0] && !f->ethnicity && !f->poverty && !v->club && !v->nocard[0];
	const char *sql;
	if (d == DRIVE_KEYS)
		sql = ranges ? (count ? count_keys_places : ids_keys_places)
		             : (count ? count_keys : ids_keys);
	else if (d == DRIVE_NAME)
		sql = count ? (ranges ? count_name_ranges : count_name)
		            : ids_sql[ranges ? IDS_NAME_RANGES : IDS_NAME];
	else if (d == DRIVE_PLACES && lean)
		sql = count ? count_places_lean : ids_sql[IDS_PLACES_LEAN];
	else if (d == DRIVE_PLACES)
		sql = count ? (name ? count_places_name : count_places)
		            : ids_sql[name ? IDS_PLACES_NAME : IDS_PLACES];
	else if (count) /* a walk is counted so only with neither name nor place */
		sql = lean ? count_walk_lean : count_walk;
	else if (f->after)
		sql = name ? (ranges ? rows_walk_name_ranges_after : rows_walk_name_after)
		           : (ranges ? rows_walk_ranges_after : rows_walk_after);
	else
		sql = name ? (ranges ? rows_walk_name_ranges : rows_walk_name)
		           : (ranges ? rows_walk_ranges : rows_walk);
	struct db_stmt *st = db_prepare(x->db, sql);
	int i = 1;
	if ((d == DRIVE_KEYS || d == DRIVE_NAME) && ranges) /* the keys within the places */
		i = bind_ranges(st, i, r);
	if (d == DRIVE_KEYS) {
		i = bind_name(st, i, v);
		db_bind_int(st, i++, v->key_chars);
		*next = bind_lean(st, i, f, v);
		return st;
	}
	if (d == DRIVE_NAME)
		i = bind_name(st, i, v);
	if (d == DRIVE_PLACES)
		i = bind_ranges(st, i, r);
	i = lean && (d == DRIVE_PLACES || (d == DRIVE_WALK && count)) ? bind_lean(st, i, f, v)
	                                                              : bind_filters(st, i, f, v);
	if (d != DRIVE_NAME && name)
		i = bind_name(st, i, v);
	if (d != DRIVE_PLACES && ranges)
		i = bind_ranges(st, i, r);
	*next = i;
	return st;
}

/* How many candidates a driver has, up to cap + 1. */
static nct_err reg_candidates(struct ctx *x, enum reg_driver d, const struct reg_values *v,
                              const struct ranges *r, int64_t cap, int64_t *n)
{
	bool name = d == DRIVE_NAME;
	struct db_stmt *st = db_prepare(x->db, !name    ? candidates_places
	                                       : r->all ? candidates_name
	                                                : candidates_name_places);
	int i = name && r->all ? 1 : bind_ranges(st, 1, r);
	if (name)
		i = bind_name(st, i, v);
	db_bind_int(st, i, cap + 1);
	return db_int(st, n);
}

/* The driver of a list: the name or the places when either has at most cap
 * candidates, else a walk in the register's order. */
static nct_err reg_driver(struct ctx *x, const struct reg_values *v, const struct ranges *r,
                          int64_t cap, enum reg_driver *d)
{
	int64_t n = 0;
	nct_err e = NCT_OK;
	*d = DRIVE_WALK;
	if (v->key[0] && !(e = reg_candidates(x, DRIVE_NAME, v, r, cap, &n)) && n <= cap)
		*d = DRIVE_NAME;
	else if (!e && !r->all && !(e = reg_candidates(x, DRIVE_PLACES, v, r, cap, &n)) && n <= cap)
		*d = DRIVE_PLACES;
	return e;
}

static nct_err reg_count(struct ctx *x, enum reg_driver d, const struct register_filter *f,
                         const struct reg_values *v, const struct ranges *r, int64_t cap,
                         int64_t *total)
{
	int i;
	struct db_stmt *st = reg_prepare(x, d, REG_COUNT, f, v, r, &i);
	db_bind_int(st, i, cap + 1);
	return db_int(st, total);
}

/* The statement of a page: the driver's, then the cursor, LIMIT (one more
 * than the page tells whether a next page is) and OFFSET. */
static struct db_stmt *reg_page(struct ctx *x, enum reg_driver d, enum reg_answer a,
                                const struct register_filter *f, const struct reg_values *v,
                                const struct ranges *r, size_t limit)
{
	int i;
	struct db_stmt *st = reg_prepare(x, d, a, f, v, r, &i);
	for (int k = 0; k < 4; k++)
		db_bind_int(st, i++, f->after);
	db_bind_int(st, i++, (int64_t)limit + 1);
	db_bind_int(st, i, (int64_t)f->offset);
	return st;
}

static nct_err reg_rows(struct ctx *x, enum reg_driver d, const struct register_filter *f,
                        const struct reg_values *v, const struct ranges *r, size_t limit,
                        struct register_page *out)
{
	struct vec rows;
	vec_init(&rows, sizeof(struct person), limit + 1);
	nct_err e = db_rows(reg_page(x, d, REG_ROWS, f, v, r, limit), &rows, page_row, NULL);
	out->v = vec_result(&rows, e, &out->n);
	if (!e && out->n > limit) {
		out->n = limit;
		out->next = out->v[limit - 1].id;
	}
	return e;
}

struct id_total {
	int64_t id, total;
};

static int id_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct id_total *t = row;
	t->id = db_col_int(st, 0);
	t->total = db_col_int(st, 1);
	return DB_KEEP;
}

/* The rows of the persons ids[0..n), into out in the same order, BY_ID a
 * statement; *got: how many were found (a person is never deleted, so all). */
static nct_err rows_of_ids(struct ctx *x, const struct id_total *ids, size_t n, struct person *out,
                           size_t *got)
{
	*got = 0;
	for (size_t at = 0; at < n; at += BY_ID) {
		size_t k = n - at < BY_ID ? n - at : BY_ID;
		struct db_stmt *st = db_prepare(x->db, rows_by_id);
		for (size_t i = 0; i < BY_ID; i++)
			db_bind_int(st, (int)i + 1, i < k ? ids[at + i].id : 0);
		int rc;
		while ((rc = db_step(st)) == DB_ROW)
			for (size_t i = 0, id = (size_t)db_col_int(st, 0); i < k; i++)
				if ((size_t)ids[at + i].id == id) {
					person_from_columns(st, 0, &out[at + i]);
					(*got)++;
					break;
				}
		db_done(st);
		if (rc < 0)
			return (nct_err)-rc;
	}
	return NCT_OK;
}

/* A list started from the name or the places in one pass: the page's ids and
 * the total from one statement, then the page's rows by id. A page past the
 * end has no row to carry the total: it is counted apart. From the keys, the
 * count is a range of their index as the page is: counted first, apart. */
static nct_err reg_one_pass(struct ctx *x, enum reg_driver d, const struct register_filter *f,
                            const struct reg_values *v, const struct ranges *r, size_t limit,
                            int64_t cap, struct register_page *out)
{
	struct vec ids;
	vec_init(&ids, sizeof(struct id_total), limit + 1);
	nct_err e = d == DRIVE_KEYS ? reg_count(x, d, f, v, r, cap, &out->total) : NCT_OK;
	if (!e)
		e = db_rows(reg_page(x, d, REG_IDS, f, v, r, limit), &ids, id_row, NULL);
	size_t n = 0;
	struct id_total *t = vec_result(&ids, e, &n);
	if (!e && n && d != DRIVE_KEYS)
		out->total = t[0].total;
	else if (!e && d != DRIVE_KEYS && (f->offset || f->after))
		e = reg_count(x, d, f, v, r, cap, &out->total);
	size_t take = n > limit ? limit : n;
	out->v = !e && take ? calloc(take, sizeof *out->v) : NULL;
	if (!e && take && !out->v)
		e = NCT_ERR_NOMEM;
	if (!e && take)
		e = rows_of_ids(x, t, take, out->v, &out->n);
	if (!e && out->n < take) { /* someone gone meanwhile: the page keeps its order */
		size_t k = 0;
		for (size_t i = 0; i < take; i++)
			if (out->v[i].id)
				out->v[k++] = out->v[i];
		out->n = k;
	}
	if (!e && n > limit)
		out->next = out->v[out->n - 1].id;
	free(t);
	if (e) {
		free(out->v);
		out->v = NULL;
		out->n = 0;
	}
	return e;
}

/* A list by ethnicity shows each person's: one audit row for the list. */
static nct_err audit_sensitive_list(struct ctx *x, const struct register_filter *f, int64_t total)
{
	char *j = audit_text(json_pack("{s:[s], s:s, s:I}", "fields", "ethnicity", "ethnicity",
	                               f->ethnicity, "count", (json_int_t)total));
	nct_err e = audit_alone(x, "view_sensitive", "persons", "list", j);
	free(j);
	return e;
}

nct_err register_list(struct ctx *x, const struct register_filter *f, struct register_page *out,
                      struct refusal *rf)
{
	struct reg_values v;
	struct ranges r;
	memset(out, 0, sizeof *out);
	if (f->ethnicity && !access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "ethnicity", "");
	if (f->without_card && !access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "without_card", "");
	nct_err e = reg_values(x, f, &v, rf);
	if (e)
		return e;
	struct person a;
	/* someone the reader may not see is no one: the cursor tells nothing of them */
	if (f->after && (e = person_get(x, f->after, &a)) != NCT_OK)
		return e == NCT_ERR_DENIED || e == NCT_ERR_NOTFOUND
		           ? refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_PERSON, "after", "i", f->after)
		           : e;
	ranges_of(x, f, &r);
	if (!r.all && r.n == 0)
		return NCT_OK; /* the place asked lies outside the user's scope */
	size_t limit = f->limit > REGISTER_EXPORT_MAX ? REGISTER_EXPORT_MAX : f->limit;
	size_t end = f->offset + limit;
	int64_t drive = (int64_t)end > register_drive_max ? (int64_t)end : register_drive_max;
	enum reg_driver d;
	e = reg_driver(x, &v, &r, drive, &d);
	bool keys = keys_enough(f, &v);
	if (d == DRIVE_NAME && keys)
		d = DRIVE_KEYS;
	/* Started from the name or the places, every candidate is read once: the
	 * count is exact (reg_one_pass). */
	if (!e && d != DRIVE_WALK && limit)
		e = reg_one_pass(x, d, f, &v, &r, limit, drive, out);
	else if (!e) {
		/* A walk is counted from the name (or the places) when there is one, up to
		 * REGISTER_COUNT_MAX: its count stops there however sparse the matches
		 * are in the register's order. */
		enum reg_driver counted = d != DRIVE_WALK ? d
		                          : v.key[0]      ? (keys ? DRIVE_KEYS : DRIVE_NAME)
		                          : !r.all        ? DRIVE_PLACES
		                                          : DRIVE_WALK;
		int64_t cap = d != DRIVE_WALK            ? drive
		              : end > REGISTER_COUNT_MAX ? (int64_t)end
		                                         : REGISTER_COUNT_MAX;
		e = reg_count(x, counted, f, &v, &r, cap, &out->total);
		if (!e && out->total > cap) {
			out->total = cap;
			out->more = true;
		}
		if (!e && limit)
			e = reg_rows(x, d, f, &v, &r, limit, out);
	}
	if (!e && f->ethnicity)
		e = audit_sensitive_list(x, f, out->total);
	return e;
}

nct_err person_search(struct ctx *x, const char *query, size_t limit, struct person **out,
                      size_t *n)
{
	struct register_filter f;
	struct register_page pg;
	register_filter_init(&f);
	f.q = query;
	f.limit = limit;
	f.with_dead = true;
	*out = NULL;
	*n = 0;
	nct_err e = register_list(x, &f, &pg, NULL);
	if (!e) {
		*out = pg.v;
		*n = pg.n;
	}
	return e;
}

nct_err register_exported(struct ctx *x, const char *format, size_t rows)
{
	char nj[96];
	snprintf(nj, sizeof nj, "{\"format\":\"%s\",\"rows\":%zu}", format, rows);
	return audit_alone(x, "export", "persons", "list", nj);
}

/* ---- the place of a filter ----------------------------------------------- */

nct_err register_place(struct ctx *x, const char *input, struct date on, struct place *out,
                       struct refusal *rf)
{
	struct place *v = NULL;
	size_t n = 0;
	nct_err e = place_get(x, input, on, out);
	if (e != NCT_ERR_NOTFOUND)
		return e == NCT_ERR_DENIED ? refuse(rf, e, RF_PLACE_OUTSIDE, "place", "s", input)
		                           : e;
	char *fold = text_fold_dup(input);
	e = fold ? place_search(x, input, on, 10, &v, &n) : NCT_ERR_INVALID;
	size_t pick = n;
	for (size_t i = 0; !e && i < n && n > 1; i++) {
		char *nf = text_fold_dup(v[i].name);
		if (nf && strcmp(nf, fold) == 0)
			pick = pick == n ? i : n + 1; /* two spelled so: still ambiguous */
		free(nf);
	}
	if (n == 1)
		pick = 0;
	if (!e && pick < n)
		*out = v[pick];
	else if (!e && n == 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "place", "s", input ? input : "");
	else if (!e) {
		char list[512] = "";
		size_t len = 0;
		for (size_t i = 0; i < n; i++) {
			int k = snprintf(list + len, sizeof list - len, "%s%s (%s)", i ? ", " : "",
			                 v[i].name, v[i].code);
			if (k < 0 || len + (size_t)k >= sizeof list)
				break;
			len += (size_t)k;
		}
		e = refuse(rf, NCT_ERR_INVALID, RF_PLACE_AMBIGUOUS, "place", "s", list);
	}
	free(v);
	free(fold);
	return e;
}

/* indicator.c - the Plan 327 indicators, live: per subtree of the territory a
 * handful of set-wise queries (each a path range the index answers), then the
 * rules of composition.c per club and the people counted once, in memory. */
#include "indicator.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/log.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "club.h"
#include "club_facts.h"
#include "composition.h"
#include "composition_rule.h"
#include "ctx.h"

/* Memberships of active clubs one report counts (a person in two clubs counts
 * twice here), and people with a loan: over ten times the national load. */
#define IND_PERSONS_MAX 10000000

static const struct {
	const char *code, *vi, *en;
	bool share, of_members, extra;
} defs[IND_COUNT] = {
    {"clubs_new_since_2021", "CLB thành lập mới từ năm 2021", "Clubs founded since 2021", false,
     false, false},
    {"clubs_2016_2020_active", "CLB giai đoạn 2016–2020 duy trì hoạt động",
     "Clubs of 2016–2020 still active", false, false, false},
    {"members", "Thành viên các CLB thành lập mới", "Members of the new clubs", false, false,
     false},
    {"older_members", "Thành viên là người cao tuổi của các CLB thành lập mới",
     "Older members of the new clubs", false, false, false},
    {"share_within_composition", "Tỷ lệ CLB bảo đảm cơ cấu thành phần",
     "Share of clubs within the composition rules", true, false, false},
    {"share_all_activities_well_managed", "Tỷ lệ CLB thực hiện đủ các hoạt động và quản lý tốt",
     "Share of clubs carrying out all activities and well managed", true, false, false},
    {"share_with_loans", "Tỷ lệ thành viên được vay vốn tăng thu nhập",
     "Share of members with an income-generation loan", true, true, false},
    {"share_with_both_funds", "Tỷ lệ CLB có quỹ tăng thu nhập và quỹ hoạt động",
     "Share of clubs with an income-generation fund and an activity fund", true, false, false},
    {"members_all_clubs", "Thành viên của mọi CLB", "Members of all clubs", false, false, true},
    {"older_members_all_clubs", "Thành viên là người cao tuổi của mọi CLB",
     "Older members of all clubs", false, false, true},
    {"share_clubs_lending", "Tỷ lệ CLB có cho vay trong kỳ", "Share of clubs lending in the period",
     true, false, true},
};

/* One founded ISHC of a subtree, and what the queries found for it. */
struct iclub {
	int64_t id;
	char founded[DATE_LEN];
	char path[96]; /* its commune's (a breakdown by commune selects on it) */
	bool active;
	struct vec facts; /* struct member_fact, for the composition rules */
	int areas;        /* areas of the list with an activity in the window */
	int hc_areas;     /* of those, areas that home-care visits also count for */
	bool visited;     /* a home-care visit in the window */
	bool well_managed, lent, fund_rev, fund_act;
	bool packed; /* its members and borrowers came from its club_facts row */
};

/* A membership of an active club as counted: the person and what they count for. */
struct pmark {
	int64_t id, club;
	unsigned flags;
};

/* A borrower with a loan out in the window, and the club that lent. */
struct lender {
	int64_t person, club;
};
enum { P_OLDER = 1, P_NEW = 2, P_NEW_OLDER = 4, P_LOAN = 8 };

struct ictx {
	struct ctx *x;
	struct db *db; /* x->db */
	struct indicator_report *r;
	char day[DATE_LEN], from[DATE_LEN], lo[97], hi[97];
	struct vec clubs;    /* struct iclub, of every subtree */
	struct iclub *range; /* the clubs of the subtree being read, by id, for find() */
	size_t nrange;
	struct vec persons;      /* struct pmark */
	struct vec lenders;      /* struct lender: people with a loan out in the window */
	int visit_areas;         /* areas of the list that home-care visits count for */
	int older_age;           /* the rule's age from which a member is older */
	struct iclub *unpacking; /* the club whose club_facts row is being read */
	int want;                /* an indicator whose clubs to collect, or -1 */
	struct vec *ids;         /* int64_t: those clubs, when want >= 0 */
	nct_err failed;          /* collecting them failed */
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct iclub *)a)->id, y = ((const struct iclub *)b)->id;
	return (x > y) - (x < y);
}

static int by_person(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static struct iclub *find(struct ictx *c, int64_t id)
{
	struct iclub key = {.id = id};
	return c->nrange ? bsearch(&key, c->range, c->nrange, sizeof key, by_id) : NULL;
}

static void bind_range(struct db_stmt *st, struct ictx *c, int first)
{
	db_bind_text(st, first, c->lo);
	db_bind_text(st, first + 1, c->hi);
}

static nct_err member_add(struct ictx *c, struct iclub *k, const char *sex, const char *birth,
                          unsigned hardship, int64_t person);

/* A packed membership of the club on the report's day (as load_members selects). */
static nct_err packed_member(const struct club_member_fact *m, void *arg)
{
	struct ictx *c = arg;
	struct iclub *k = c->unpacking;
	if (strcmp(m->joined, c->day) > 0 || (m->left[0] && strcmp(m->left, c->day) <= 0))
		return NCT_OK;
	return member_add(c, k, m->sex, m->birth, m->hardship, m->person);
}

/* A packed loan out in the window (as load_lenders selects). */
static nct_err packed_loan(const struct club_loan_fact *l, void *arg)
{
	struct ictx *c = arg;
	if (strcmp(l->disbursed, c->day) > 0 ||
	    (l->written_off[0] && strcmp(l->written_off, c->from) < 0) ||
	    (l->repaid[0] && strcmp(l->repaid, c->from) < 0))
		return NCT_OK;
	struct lender b = {l->person, c->unpacking->id};
	return vec_add(&c->lenders, &b);
}

/* The club's members and borrowers from its club_facts row, when it has one. */
static nct_err club_unpack(struct ictx *c, struct iclub *k, struct db_stmt *st)
{
	if (db_col_null(st, 11) || db_col_null(st, 12))
		return NCT_OK; /* no row: load_members and load_lenders read it */
	size_t persons = c->persons.n, lenders = c->lenders.n;
	c->unpacking = k;
	nct_err e = club_facts_members(db_col_text(st, 11), packed_member, c);
	if (!e)
		e = club_facts_loans(db_col_text(st, 12), packed_loan, c);
	c->unpacking = NULL;
	k->packed = !e;
	if (e != NCT_ERR_DB)
		return e;
	/* a row not of the format: what it gave is dropped and the club is read
	 * from the tables, so one bad row costs a slower page, not every user's */
	log_warn("club_facts: the row of club %lld is not of the format; read from the tables",
	         (long long)k->id);
	k->facts.n = 0;
	c->persons.n = persons;
	c->lenders.n = lenders;
	return NCT_OK;
}

static int club_row(struct db_stmt *st, void *row, void *arg)
{
	struct iclub *k = row;
	vec_init(&k->facts, sizeof(struct member_fact), CLUB_MEMBERS_MAX);
	k->id = db_col_int(st, 0);
	text_copy(k->founded, sizeof k->founded, db_col_text(st, 1));
	const char *status = db_col_text(st, 2);
	k->active = status && strcmp(status, "active") == 0;
	k->areas = (int)db_col_int(st, 3);
	k->hc_areas = (int)db_col_int(st, 4);
	k->visited = db_col_int(st, 5) != 0;
	k->lent = db_col_int(st, 6) != 0;
	k->fund_rev = db_col_int(st, 7) != 0;
	k->fund_act = db_col_int(st, 8) != 0;
	k->well_managed = !db_col_null(st, 9) && db_col_int(st, 9) != 0;
	text_copy(k->path, sizeof k->path, db_col_text(st, 10));
	nct_err e = club_unpack(arg, k, st);
	return e ? -(int)e : DB_KEEP;
}

/* One row per ISHC of the subtree founded by the date, with everything the
 * window's shares need, each fact a probe on the club's own index
 * (activities, visits, loans, ledger entries, assessments), so the cost
 * follows the clubs asked about, not the size of those tables. EXISTS is
 * wrapped in CASE: PostgreSQL answers t/f. */
static nct_err load_clubs(struct ictx *c, int64_t list, int year)
{
	static const char sql[] =
	    "SELECT c.id, c.founded_on,"
	    " (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= ?"
	    " ORDER BY s.since DESC, s.id DESC LIMIT 1),"
	    " (SELECT COUNT(DISTINCT a.area) FROM activities a WHERE a.club_id = c.id"
	    " AND a.on_date >= ? AND a.on_date <= ? AND a.area IN"
	    " (SELECT r.code FROM activity_areas r WHERE r.list_id = ?)),"
	    " (SELECT COUNT(DISTINCT a.area) FROM activities a WHERE a.club_id = c.id"
	    " AND a.on_date >= ? AND a.on_date <= ? AND a.area IN"
	    " (SELECT r.code FROM activity_areas r WHERE r.list_id = ? AND r.home_visits = 1)),"
	    " CASE WHEN EXISTS (SELECT 1 FROM home_visits v WHERE v.club_id = c.id"
	    " AND v.on_date >= ? AND v.on_date <= ?) THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM loans l WHERE l.club_id = c.id"
	    " AND l.disbursed_on >= ? AND l.disbursed_on <= ?) THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM ledger_entries e WHERE e.club_id = c.id"
	    " AND e.fund = 'revolving' AND e.on_date <= ?) THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM ledger_entries e WHERE e.club_id = c.id"
	    " AND e.fund = 'activity' AND e.on_date <= ?) THEN 1 ELSE 0 END,"
	    /* the latest assessment up to this year: this year's when there is one */
	    " (SELECT x.well_managed FROM club_assessments x WHERE x.club_id = c.id"
	    " AND x.year <= ? AND x.year >= ? ORDER BY x.year DESC LIMIT 1), pl.path,"
	    " f.members, f.loans FROM clubs c JOIN places pl ON pl.id = c.place_id"
	    " LEFT JOIN club_facts f ON f.club_id = c.id AND ? = 1 WHERE c.kind = 'ishc'"
	    " AND pl.path >= ? AND pl.path < ? AND c.founded_on <= ?";
	struct db_stmt *st = db_prepare(c->db, sql);
	if (!st)
		return NCT_ERR_DB;
	const char *dates[] = {c->day,  c->from, c->day,  NULL,   c->from, c->day, NULL,
	                       c->from, c->day,  c->from, c->day, c->day,  c->day};
	for (int i = 0; i < 13; i++) {
		if (dates[i])
			db_bind_text(st, i + 1, dates[i]);
		else
			db_bind_int(st, i + 1, list);
	}
	db_bind_int(st, 14, year);
	db_bind_int(st, 15, year - 1);
	db_bind_int(st, 16, !club_facts_ignored());
	bind_range(st, c, 17);
	db_bind_text(st, 19, c->day);
	return db_rows(st, &c->clubs, club_row, c);
}

/* Whether a founding date lies in an indicator's window (open ends allowed). */
static bool in_window(const struct indicator *d, const char *founded)
{
	return (!d->founded_from[0] || strcmp(founded, d->founded_from) >= 0) &&
	       (!d->founded_to[0] || strcmp(founded, d->founded_to) <= 0);
}

/* One membership on the date: a fact of its club for the composition rules,
 * and, for an active club, the person marked with what they count for. */
static nct_err member_add(struct ictx *c, struct iclub *k, const char *sex, const char *birth,
                          unsigned hardship, int64_t person)
{
	struct member_fact f = {0};
	if (birth_parse(birth, &f.birth))
		return NCT_OK;
	f.sex = sex ? sex[0] : '?';
	f.hardship = hardship;
	f.joined = c->r->window.to; /* counted on the date by the query */
	nct_err e = vec_add(&k->facts, &f);
	if (e || !k->active)
		return e;
	const struct indicator *ind = c->r->ind;
	bool older = birth_age_on(f.birth, c->r->window.to) >= c->older_age;
	struct pmark m = {person, k->id, older ? P_OLDER : 0u};
	if (in_window(&ind[IND_MEMBERS_NEW], k->founded))
		m.flags |= P_NEW;
	if (older && in_window(&ind[IND_OLDER_MEMBERS_NEW], k->founded))
		m.flags |= P_NEW_OLDER;
	return vec_add(&c->persons, &m);
}

/* A membership the query read, of a club without a club_facts row. */
static nct_err member_row(struct ictx *c, struct db_stmt *st)
{
	struct iclub *k = find(c, db_col_int(st, 0));
	if (!k || k->packed)
		return NCT_OK;
	return member_add(c, k, db_col_text(st, 1), db_col_text(st, 2), (unsigned)db_col_int(st, 3),
	                  db_col_int(st, 4));
}

/* Members of the subtree's ISHC on the date. */
static nct_err load_members(struct ictx *c)
{
	static const char sql[] =
	    "SELECT x.club_id, p.sex, p.birth, p.hardship, p.id FROM memberships x"
	    " JOIN persons p ON p.id = x.person_id JOIN clubs c ON c.id = x.club_id"
	    " JOIN places pl ON pl.id = c.place_id WHERE c.kind = 'ishc' AND pl.path >= ?"
	    " AND pl.path < ? AND x.joined_on <= ? AND (x.left_on IS NULL OR x.left_on > ?)";
	struct db_stmt *st =
	    DB_PREPARE(c->db, sql, DB_T(c->lo), DB_T(c->hi), DB_T(c->day), DB_T(c->day));
	int rc;
	nct_err e = NCT_OK;
	while (!e && (rc = db_step(st)) == DB_ROW)
		e = member_row(c, st);
	db_done(st);
	return e ? e : (rc < 0 ? (nct_err)-rc : NCT_OK);
}

static int lender_row(struct db_stmt *st, void *row, void *arg)
{
	const struct iclub *k = find(arg, db_col_int(st, 1));
	*(struct lender *)row = (struct lender){db_col_int(st, 0), db_col_int(st, 1)};
	return k && k->packed ? DB_SKIP : DB_KEEP; /* read from its club_facts row */
}

/* The borrowers of the subtree's ISHC with a loan out at some time in the
 * window: disbursed by its end, and at the end of the day before it starts
 * neither repaid in full (loans.repaid_on, kept by fund.c) nor written off (as
 * fund_report counts borrowers). */
static nct_err load_lenders(struct ictx *c)
{
	static const char sql[] =
	    "SELECT l.person_id, l.club_id FROM loans l JOIN clubs c ON c.id = l.club_id"
	    " JOIN places pl ON pl.id = c.place_id WHERE c.kind = 'ishc' AND pl.path >= ?"
	    " AND pl.path < ? AND l.disbursed_on <= ?"
	    " AND (l.written_off_on IS NULL OR l.written_off_on >= ?)"
	    " AND (l.repaid_on IS NULL OR l.repaid_on >= ?)";
	return db_rows(DB_PREPARE(c->db, sql, DB_T(c->lo), DB_T(c->hi), DB_T(c->day), DB_T(c->from),
	                          DB_T(c->from)),
	               &c->lenders, lender_row, c);
}

/* The activity list in force on the date: its id, how many areas it has, and
 * how many of them home-care visits count for. */
static nct_err area_list(struct ictx *c, int64_t *list, int *total)
{
	static const char sql[] =
	    "SELECT l.id, (SELECT COUNT(*) FROM activity_areas a WHERE a.list_id = l.id),"
	    " (SELECT COUNT(*) FROM activity_areas a WHERE a.list_id = l.id AND a.home_visits = 1)"
	    " FROM activity_lists l WHERE l.valid_from <= ? AND (l.valid_to IS NULL OR"
	    " l.valid_to >= ?) ORDER BY l.valid_from DESC LIMIT 1";
	struct db_stmt *st = DB_PREPARE(c->db, sql, DB_T(c->day), DB_T(c->day));
	int rc = db_step(st);
	*list = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*total = rc == DB_ROW ? (int)db_col_int(st, 1) : 0;
	c->visit_areas = rc == DB_ROW ? (int)db_col_int(st, 2) : 0;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

/* Indicator i as defs defines it, with no target yet. */
static void def_fill(struct indicator *d, int i)
{
	d->code = defs[i].code;
	d->vi = defs[i].vi;
	d->en = defs[i].en;
	d->share = defs[i].share;
	d->of_members = defs[i].of_members;
	d->extra = defs[i].extra;
	d->target.min = d->target.max = -1;
}

static int ind_of(const char *code)
{
	for (int i = 0; code && i < IND_COUNT; i++)
		if (strcmp(defs[i].code, code) == 0)
			return i;
	return -1;
}

int indicator_position(const char *code)
{
	return ind_of(code);
}

const char *indicator_code_at(int i)
{
	return i >= 0 && i < IND_COUNT ? defs[i].code : NULL;
}

bool indicator_def(const char *code, struct indicator *out)
{
	int i = ind_of(code);
	memset(out, 0, sizeof *out);
	if (i < 0)
		return false;
	def_fill(out, i);
	return true;
}

/* The plan asked for, or the latest whose indicators are dated on or before
 * the day (else the earliest). NCT_ERR_NOTFOUND for a plan asked for that
 * defines no indicator; "" when no plan defines any. */
static nct_err choose_plan(struct db *db, const char *asked, const char *day, char *plan)
{
	static const char sql[] = "SELECT plan FROM plan_indicators WHERE"
	                          " CAST(? AS TEXT) IS NULL OR plan = ?"
	                          " ORDER BY CASE WHEN plan_date <= ? THEN 0 ELSE 1 END,"
	                          " CASE WHEN plan_date <= ? THEN plan_date END DESC, plan_date,"
	                          " plan LIMIT 1";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(asked), DB_T(asked), DB_T(day), DB_T(day));
	int rc = db_step(st);
	text_copy(plan, PLAN_CODE_LEN, rc == DB_ROW ? db_col_text(st, 0) : "");
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	return asked && rc != DB_ROW ? NCT_ERR_NOTFOUND : NCT_OK;
}

/* The plan's words for each indicator: where it says it and, for counts of
 * clubs and their members, the founding window. */
static nct_err load_definitions(struct db *db, struct indicator_report *r)
{
	static const char sql[] = "SELECT indicator, clause, founded_from, founded_to"
	                          " FROM plan_indicators WHERE plan = ?";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(r->plan));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = ind_of(db_col_text(st, 0));
		if (i < 0 || defs[i].extra)
			continue;
		text_copy(r->ind[i].clause, sizeof r->ind[i].clause, db_col_text(st, 1));
		text_copy(r->ind[i].founded_from, sizeof r->ind[i].founded_from,
		          db_col_text(st, 2));
		text_copy(r->ind[i].founded_to, sizeof r->ind[i].founded_to, db_col_text(st, 3));
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

/* Whether a target of by-date `by` is the one to show on `day` rather than the
 * one already chosen: the earliest still ahead (or due that day), else the
 * latest past. */
static bool better_target(const char *by, const char *have, const char *day)
{
	bool ahead = strcmp(by, day) >= 0, have_ahead = strcmp(have, day) >= 0;
	if (!have[0] || ahead != have_ahead)
		return !have[0] || ahead;
	return ahead ? strcmp(by, have) < 0 : strcmp(by, have) > 0;
}

struct target_row {
	int ind;
	char place_on[DATE_LEN];
	struct indicator_target t;
};

static int target_row(struct db_stmt *st, void *row, void *arg)
{
	struct target_row *x = row;
	(void)arg;
	memset(x, 0, sizeof *x);
	x->ind = ind_of(db_col_text(st, 0));
	text_copy(x->place_on, sizeof x->place_on, db_col_text(st, 1));
	text_copy(x->t.by, sizeof x->t.by, db_col_text(st, 2));
	x->t.min = db_col_null(st, 3) ? -1 : db_col_int(st, 3);
	x->t.max = db_col_null(st, 4) ? -1 : db_col_int(st, 4);
	x->t.above_max_met = db_col_int(st, 5) != 0;
	return x->ind >= 0 && !defs[x->ind].extra && (x->t.min >= 0 || x->t.max >= 0) ? DB_KEEP
	                                                                              : DB_SKIP;
}

/* The plan's targets for the place itself: rows whose code, taken as of their
 * day, names this very unit (Quảng Ngãi before the reform is not the one
 * after it, and neither is Kon Tum). */
static nct_err load_targets(struct ctx *x, struct indicator_report *r)
{
	static const char sql[] =
	    "SELECT indicator, place_on, by_date, min_value, max_value,"
	    " above_max_met FROM plan_targets WHERE plan = ? AND place_code = ?"
	    " ORDER BY id";
	struct vec v;
	char day[DATE_LEN];
	vec_init(&v, sizeof(struct target_row), 1000);
	date_format(r->window.to, day);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(r->plan), DB_T(r->place.code));
	nct_err e = db_rows(st, &v, target_row, NULL);
	for (size_t i = 0; !e && i < v.n; i++) {
		struct target_row *t = vec_at(&v, struct target_row, i);
		struct indicator *d = &r->ind[t->ind];
		struct place p;
		struct date on;
		if (date_parse(t->place_on, &on) || place_get(x, r->place.code, on, &p) ||
		    p.id != r->place.id)
			continue;
		if (d->has_target && !better_target(t->t.by, d->target.by, day))
			continue;
		d->has_target = true;
		d->target = t->t;
		memcpy(d->target.plan, r->plan, sizeof d->target.plan); /* both PLAN_CODE_LEN */
	}
	vec_free(&v);
	return e;
}

/* Keeps of the territory what the scope holds: a whole subtree it contains,
 * else the scope's own roots inside it. */
static nct_err clip(const struct scope *sc, const struct place_path *t, size_t nt, struct vec *out)
{
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < nt; i++) {
		if (scope_contains(sc, t[i].path)) {
			e = vec_add(out, &t[i]);
			continue;
		}
		for (size_t j = 0; !e && j < sc->n; j++)
			if (strncmp(sc->paths[j], t[i].path, strlen(t[i].path)) == 0) {
				struct place_path p;
				text_copy(p.path, sizeof p.path, sc->paths[j]);
				e = vec_add(out, &p);
			}
	}
	if (!e)
		place_paths_normalise(out->ptr, &out->n);
	return e;
}

static nct_err whole_scope(const struct scope *sc, struct vec *out)
{
	struct place_path all = {""};
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < (sc->all ? 1 : sc->n); i++) {
		if (!sc->all)
			text_copy(all.path, sizeof all.path, sc->paths[i]);
		e = vec_add(out, &all);
	}
	return e;
}

/* The first place the plan sets targets for that the scope holds whole (an
 * officer of the new Quảng Ngãi opens Kon Tum's Plan 327); *found false when
 * there is none. */
static nct_err default_place(struct ctx *x, const char *plan, struct place *out, bool *found)
{
	struct target_place *v = NULL;
	size_t n = 0;
	nct_err e = indicator_target_places(x, &v, &n);
	*found = false;
	for (size_t i = 0; !e && !*found && i < n; i++)
		if (strcmp(v[i].plan, plan) == 0 && scope_contains(&x->scope, v[i].place.path)) {
			*out = v[i].place;
			*found = true;
		}
	free(v);
	return e;
}

/* The subtrees to count: the place's territory on the window's last day
 * within the scope, or, without a place, the whole scope. */
static nct_err subtrees(struct ctx *x, const struct indicator_query *q, struct indicator_report *r,
                        struct vec *out)
{
	struct place_path *t = NULL;
	size_t nt = 0;
	char day[DATE_LEN];
	bool found = false;
	nct_err e = NCT_OK;
	if (q->place && q->place[0]) {
		e = place_get_last(x, q->place, r->window.to, &r->place); /* DENIED: not seen */
		found = !e;
	} else if (q->default_place)
		e = default_place(x, r->plan, &r->place, &found);
	if (!e && !found)
		return whole_scope(&x->scope, out);
	if (!e)
		e = place_territory(x, &r->place, r->window.to, &t, &nt);
	if (!e)
		e = clip(&x->scope, t, nt, out);
	free(t);
	date_format(r->window.to, day);
	r->has_place = !e;
	r->after_end = !e && r->place.valid_to[0] && strcmp(r->place.valid_to, day) < 0;
	return e;
}

/* Whether a club of the subtree being read has no club_facts row. */
static bool some_unpacked(const struct ictx *c)
{
	for (size_t i = 0; i < c->nrange; i++)
		if (!c->range[i].packed)
			return true;
	return false;
}

static nct_err gather(struct ictx *c, const struct vec *paths, int older_age, int64_t list)
{
	nct_err e = NCT_OK;
	c->older_age = older_age;
	for (size_t i = 0; !e && i < paths->n; i++) {
		size_t first = c->clubs.n;
		place_subtree_bounds(vec_at(paths, struct place_path, i)->path, c->lo, c->hi,
		                     sizeof c->lo);
		e = load_clubs(c, list, c->r->window.to.y);
		/* clubs of this subtree only, sorted, for find() */
		c->nrange = c->clubs.n - first;
		c->range = c->nrange ? vec_at(&c->clubs, struct iclub, first) : NULL;
		if (c->nrange)
			qsort(c->range, c->nrange, sizeof *c->range, by_id);
		/* the clubs without a club_facts row, from the tables */
		if (!e && some_unpacked(c))
			e = load_members(c);
		if (!e && some_unpacked(c))
			e = load_lenders(c);
	}
	return e;
}

static void set_share(struct indicator *d, int64_t num, int64_t den)
{
	d->numerator = num;
	d->denominator = den;
	d->value = den ? num * 1000 / den : 0;
}

static int by_pmark(const void *a, const void *b)
{
	int64_t x = ((const struct pmark *)a)->id, y = ((const struct pmark *)b)->id;
	return (x > y) - (x < y);
}

/* The people counted once each (flags of all their memberships together), and
 * whether each had a loan. */
static void count_people(struct ictx *c)
{
	struct indicator *ind = c->r->ind;
	struct pmark *v = c->persons.ptr;
	struct lender *lenders = c->lenders.ptr; /* sorted by person first: its first member */
	int64_t all = 0, older = 0, fresh = 0, fresh_older = 0, loans = 0;
	if (c->persons.n) /* qsort wants a real pointer even for no elements */
		qsort(v, c->persons.n, sizeof *v, by_pmark);
	if (c->lenders.n)
		qsort(lenders, c->lenders.n, sizeof *lenders, by_person);
	for (size_t i = 0; i < c->persons.n;) {
		unsigned f = 0;
		size_t j = i;
		for (; j < c->persons.n && v[j].id == v[i].id; j++)
			f |= v[j].flags;
		if (c->lenders.n &&
		    bsearch(&v[i].id, lenders, c->lenders.n, sizeof *lenders, by_person))
			f |= P_LOAN;
		all++;
		older += (f & P_OLDER) != 0;
		fresh += (f & P_NEW) != 0;
		fresh_older += (f & P_NEW_OLDER) != 0;
		loans += (f & P_LOAN) != 0;
		i = j;
	}
	ind[IND_MEMBERS_ALL].value = all;
	ind[IND_OLDER_MEMBERS_ALL].value = older;
	ind[IND_MEMBERS_NEW].value = fresh;
	ind[IND_OLDER_MEMBERS_NEW].value = fresh_older;
	set_share(&ind[IND_SHARE_MEMBERS_LOANS], loans, all);
}

/* Counts per club what the shares need; the founding windows are the plan's. */
static void tally(struct ictx *c, const struct composition_rule *rule, int areas_total)
{
	struct indicator_report *r = c->r;
	int64_t within = 0, managed = 0, lent = 0, funds = 0;
	for (size_t i = 0; i < c->clubs.n; i++) {
		struct iclub *k = vec_at(&c->clubs, struct iclub, i);
		bool counts[IND_COUNT] = {false};
		counts[IND_CLUBS_NEW] = in_window(&r->ind[IND_CLUBS_NEW], k->founded);
		counts[IND_CLUBS_OLD_ACTIVE] =
		    k->active && in_window(&r->ind[IND_CLUBS_OLD_ACTIVE], k->founded);
		r->ind[IND_CLUBS_NEW].value += counts[IND_CLUBS_NEW];
		r->ind[IND_CLUBS_OLD_ACTIVE].value += counts[IND_CLUBS_OLD_ACTIVE];
		if (k->active) {
			struct composition comp;
			composition_compute(k->facts.ptr, k->facts.n, rule, r->window.to, &comp);
			r->clubs++;
			/* a home-care visit covers the areas marked for visits (activity_areas) */
			int areas = k->areas + (k->visited ? c->visit_areas - k->hc_areas : 0);
			counts[IND_SHARE_COMPOSITION] = comp.within;
			counts[IND_SHARE_ACTIVE_MANAGED] =
			    areas_total > 0 && areas >= areas_total && k->well_managed;
			counts[IND_SHARE_CLUBS_LENDING] = k->lent;
			counts[IND_SHARE_BOTH_FUNDS] = k->fund_rev && k->fund_act;
			within += counts[IND_SHARE_COMPOSITION];
			managed += counts[IND_SHARE_ACTIVE_MANAGED];
			lent += counts[IND_SHARE_CLUBS_LENDING];
			funds += counts[IND_SHARE_BOTH_FUNDS];
			/* figures of people: the clubs whose members they count */
			counts[IND_MEMBERS_ALL] = counts[IND_SHARE_MEMBERS_LOANS] =
			    comp.members > 0;
			counts[IND_OLDER_MEMBERS_ALL] = comp.older.count > 0;
			counts[IND_MEMBERS_NEW] =
			    comp.members > 0 && in_window(&r->ind[IND_MEMBERS_NEW], k->founded);
			counts[IND_OLDER_MEMBERS_NEW] =
			    comp.older.count > 0 &&
			    in_window(&r->ind[IND_OLDER_MEMBERS_NEW], k->founded);
		}
		if (c->want >= 0 && counts[c->want] && !c->failed)
			c->failed = vec_add(c->ids, &k->id);
	}
	set_share(&r->ind[IND_SHARE_COMPOSITION], within, r->clubs);
	set_share(&r->ind[IND_SHARE_ACTIVE_MANAGED], managed, r->clubs);
	set_share(&r->ind[IND_SHARE_CLUBS_LENDING], lent, r->clubs);
	set_share(&r->ind[IND_SHARE_BOTH_FUNDS], funds, r->clubs);
	count_people(c);
}

enum verdict indicator_judge(const struct indicator_target *t, int64_t value, bool *met)
{
	enum verdict v = t->min >= 0 && value < t->min   ? VERDICT_BELOW
	                 : t->max >= 0 && value > t->max ? VERDICT_ABOVE
	                                                 : VERDICT_WITHIN;
	*met = v == VERDICT_WITHIN || (v == VERDICT_ABOVE && t->above_max_met);
	return v;
}

const char *verdict_name(enum verdict v)
{
	static const char *const names[] = {"", "below", "within", "above"};
	return v >= VERDICT_NONE && v <= VERDICT_ABOVE ? names[v] : "";
}

static void judge(struct indicator_report *r)
{
	for (int i = 0; i < IND_COUNT; i++) {
		struct indicator *d = &r->ind[i];
		d->verdict =
		    d->has_target ? indicator_judge(&d->target, d->value, &d->met) : VERDICT_NONE;
	}
}

static void ictx_free(struct ictx *c)
{
	for (size_t i = 0; i < c->clubs.n; i++)
		vec_free(&vec_at(&c->clubs, struct iclub, i)->facts);
	vec_free(&c->clubs);
	vec_free(&c->persons);
	vec_free(&c->lenders);
}

static void report_init(const struct indicator_query *q, struct indicator_report *out)
{
	memset(out, 0, sizeof *out);
	out->window = q->window;
	for (int i = 0; i < IND_COUNT; i++)
		def_fill(&out->ind[i], i);
}

/* Everything a report needs before the clubs: plan, definitions, place,
 * subtrees, targets, rules. */
static nct_err prepare(struct ictx *c, const struct indicator_query *q, struct vec *paths,
                       struct composition_rule *rule, int64_t *list, int *areas)
{
	struct indicator_report *r = c->r;
	nct_err e = choose_plan(c->db, q->plan, c->day, r->plan);
	if (!e)
		e = load_definitions(c->db, r);
	if (!e)
		e = subtrees(c->x, q, r, paths);
	if (!e && r->has_place)
		e = load_targets(c->x, r);
	if (!e)
		e = composition_rule_on(c->x, r->window.to, rule);
	if (!e)
		e = area_list(c, list, areas);
	r->subtrees = (int)paths->n;
	return e;
}

/* A report's state between its gathering and its end: the clubs and people
 * read for the territory, the rule and the list of areas. */
struct gathered {
	struct ictx c;
	struct vec paths; /* struct place_path: the subtrees counted */
	struct composition_rule rule;
	int64_t list;
	int areas;
};

/* Prepares the report (out) of q and reads its clubs and people into g;
 * gathered_free(g) after, whatever it returns. */
static nct_err gathered_read(struct ctx *x, const struct indicator_query *q, int want,
                             struct vec *ids, struct indicator_report *out, struct gathered *g)
{
	memset(g, 0, sizeof *g);
	g->c = (struct ictx){.x = x, .db = x->db, .r = out, .want = want, .ids = ids};
	report_init(q, out);
	vec_init(&g->paths, sizeof(struct place_path), TERRITORY_MAX);
	vec_init(&g->c.clubs, sizeof(struct iclub), CLUB_LIST_MAX);
	vec_init(&g->c.persons, sizeof(struct pmark), IND_PERSONS_MAX);
	vec_init(&g->c.lenders, sizeof(struct lender), IND_PERSONS_MAX);
	if (access_confined_club(x))
		return NCT_ERR_DENIED; /* a club user has its club's page, not the programme's */
	if (date_cmp(q->window.from, q->window.to) > 0)
		return NCT_ERR_INVALID;
	date_format(q->window.to, g->c.day);
	date_format(q->window.from, g->c.from);
	nct_err e = prepare(&g->c, q, &g->paths, &g->rule, &g->list, &g->areas);
	if (!e)
		e = gather(&g->c, &g->paths, g->rule.older_age, g->list);
	return e;
}

static void gathered_free(struct gathered *g)
{
	vec_free(&g->paths);
	ictx_free(&g->c);
}

static nct_err report(struct ctx *x, const struct indicator_query *q, int want, struct vec *ids,
                      struct indicator_report *out)
{
	struct gathered g;
	nct_err e = gathered_read(x, q, want, ids, out, &g);
	if (!e) {
		tally(&g.c, &g.rule, g.areas);
		judge(out);
		e = g.c.failed;
	}
	gathered_free(&g);
	return e;
}

nct_err indicators_clubs(struct ctx *x, const struct indicator_query *q,
                         struct indicator_report *out)
{
	return report(x, q, -1, NULL, out);
}

nct_err indicator_clubs(struct ctx *x, const struct indicator_query *q, const char *code,
                        struct indicator_report *rep, int64_t **ids, size_t *n)
{
	int want = ind_of(code);
	struct vec v;
	*ids = NULL;
	*n = 0;
	if (want < 0)
		return NCT_ERR_NOTFOUND;
	vec_init(&v, sizeof(int64_t), CLUB_LIST_MAX);
	nct_err e = report(x, q, want, &v, rep);
	if (!e && v.n)
		qsort(v.ptr, v.n, sizeof(int64_t), by_person); /* ids, in order */
	*ids = vec_result(&v, e, n);
	return e;
}

/* The communes in force on the day in one subtree of the territory. */
static nct_err communes_in(struct ctx *x, const char *path, struct date on, struct vec *out)
{
	struct place *v = NULL;
	size_t n = 0;
	nct_err e = place_communes(x, path, on, &v, &n);
	for (size_t i = 0; !e && i < n; i++) {
		struct commune_figure *f = vec_push(out);
		if (f)
			f->place = v[i];
		else
			e = vec_failed(out);
	}
	free(v);
	return e;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct commune_figure *)a)->place.path,
	              ((const struct commune_figure *)b)->place.path);
}

/* Whether path lies in one of the subtrees (as the queries' path ranges). */
static bool path_within(const struct vec *paths, const char *path)
{
	for (size_t i = 0; i < paths->n; i++) {
		char lo[97], hi[97];
		place_subtree_bounds(vec_at(paths, struct place_path, i)->path, lo, hi, sizeof lo);
		if (strcmp(path, lo) >= 0 && strcmp(path, hi) < 0)
			return true;
	}
	return false;
}

/* Whether every subtree of sub lies in one of paths. */
static bool paths_within(const struct vec *paths, const struct vec *sub)
{
	for (size_t i = 0; i < sub->n; i++)
		if (!path_within(paths, vec_at(sub, struct place_path, i)->path))
			return false;
	return true;
}

static int by_club_mark(const void *a, const void *b)
{
	int64_t x = ((const struct pmark *)a)->club, y = ((const struct pmark *)b)->club;
	return (x > y) - (x < y);
}

static int by_club_lender(const void *a, const void *b)
{
	int64_t x = ((const struct lender *)a)->club, y = ((const struct lender *)b)->club;
	return (x > y) - (x < y);
}

/* The first of n elements of `size` bytes, sorted by the club id at byte
 * offset `at`, whose club is not below id; n when none. */
static size_t first_of_club(const void *v, size_t n, size_t size, size_t at, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t club;
		memcpy(&club, (const char *)v + mid * size + at, sizeof club);
		if (club < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds to out the elements of in (sorted by club, the id at byte offset at)
 * whose club is id. */
static nct_err add_of_club(const struct vec *in, size_t at, int64_t id, struct vec *out)
{
	nct_err e = NCT_OK;
	for (size_t i = first_of_club(in->ptr, in->n, in->size, at, id); !e && i < in->n; i++) {
		int64_t club;
		memcpy(&club, (const char *)in->ptr + i * in->size + at, sizeof club);
		if (club != id)
			break;
		e = vec_add(out, (const char *)in->ptr + i * in->size);
	}
	return e;
}

/* The commune's report from what the whole one read (its members and
 * borrowers sorted by club): its clubs (those whose commune lies in its
 * subtrees), their members and borrowers, counted by the same tally; no query
 * but its place's and targets'. */
static nct_err commune_tally(const struct gathered *g, const struct vec *paths,
                             struct indicator_report *rep)
{
	struct ictx k = {.x = g->c.x, .db = g->c.db, .r = rep, .want = -1};
	struct vec bounds; /* lo, hi of each subtree */
	nct_err e = NCT_OK;
	vec_init(&k.clubs, sizeof(struct iclub), CLUB_LIST_MAX);
	vec_init(&k.persons, sizeof(struct pmark), IND_PERSONS_MAX);
	vec_init(&k.lenders, sizeof(struct lender), IND_PERSONS_MAX);
	vec_init(&bounds, 2 * 97, TERRITORY_MAX);
	k.visit_areas = g->c.visit_areas;
	for (size_t i = 0; !e && i < paths->n; i++) {
		char *b = vec_push(&bounds);
		if (b)
			place_subtree_bounds(vec_at(paths, struct place_path, i)->path, b, b + 97,
			                     97);
		else
			e = vec_failed(&bounds);
	}
	for (size_t i = 0; !e && i < g->c.clubs.n; i++) {
		const struct iclub *club = vec_at(&g->c.clubs, struct iclub, i);
		bool in = false;
		for (size_t j = 0; !in && j < bounds.n; j++) {
			const char *b = (const char *)bounds.ptr + j * bounds.size;
			in = strcmp(club->path, b) >= 0 && strcmp(club->path, b + 97) < 0;
		}
		if (!in)
			continue;
		e = vec_add(&k.clubs, club); /* the copy shares the facts: not freed here */
		if (!e)
			e = add_of_club(&g->c.persons, offsetof(struct pmark, club), club->id,
			                &k.persons);
		if (!e)
			e = add_of_club(&g->c.lenders, offsetof(struct lender, club), club->id,
			                &k.lenders);
	}
	if (!e) {
		tally(&k, &g->rule, g->areas);
		judge(rep);
	}
	vec_free(&bounds);
	vec_free(&k.clubs);
	vec_free(&k.persons);
	vec_free(&k.lenders);
	return e;
}

/* One commune's report: its place, subtrees and targets, then its figures from
 * what the whole report read when its territory lies within the whole's (as
 * it does within a province), else read on its own. */
static nct_err commune_report(struct ctx *x, const struct indicator_query *q,
                              const struct gathered *g, const struct indicator_report *whole,
                              struct commune_figure *f)
{
	struct indicator_query cq = *q;
	struct indicator_report *rep = &f->rep;
	struct place keep = f->place;
	struct vec paths;
	cq.place = keep.code;
	cq.default_place = false;
	report_init(&cq, rep);
	memcpy(rep->plan, whole->plan, sizeof rep->plan);
	for (int i = 0; i < IND_COUNT; i++) {
		memcpy(rep->ind[i].clause, whole->ind[i].clause, sizeof rep->ind[i].clause);
		memcpy(rep->ind[i].founded_from, whole->ind[i].founded_from, DATE_LEN);
		memcpy(rep->ind[i].founded_to, whole->ind[i].founded_to, DATE_LEN);
	}
	vec_init(&paths, sizeof(struct place_path), TERRITORY_MAX);
	nct_err e = subtrees(x, &cq, rep, &paths);
	if (!e && rep->has_place)
		e = load_targets(x, rep);
	rep->subtrees = (int)paths.n;
	if (!e && paths_within(&g->paths, &paths))
		e = commune_tally(g, &paths, rep);
	else if (!e)
		e = indicators_clubs(x, &cq, rep);
	vec_free(&paths);
	f->place = keep;
	return e;
}

nct_err indicator_communes(struct ctx *x, const struct indicator_query *q,
                           struct indicator_report *whole, struct commune_figure **out, size_t *n)
{
	struct vec v;
	struct gathered g;
	*out = NULL;
	*n = 0;
	nct_err e = gathered_read(x, q, -1, NULL, whole, &g);
	if (!e) {
		tally(&g.c, &g.rule, g.areas);
		judge(whole);
		/* by club, for each commune's share of them (commune_tally) */
		if (g.c.persons.n)
			qsort(g.c.persons.ptr, g.c.persons.n, sizeof(struct pmark), by_club_mark);
		if (g.c.lenders.n)
			qsort(g.c.lenders.ptr, g.c.lenders.n, sizeof(struct lender),
			      by_club_lender);
	}
	vec_init(&v, sizeof(struct commune_figure), INDICATOR_COMMUNES_MAX);
	for (size_t i = 0; !e && i < g.paths.n; i++)
		e = communes_in(x, vec_at(&g.paths, struct place_path, i)->path, q->window.to, &v);
	/* a commune reached through two subtrees once; those outside the scope not at all */
	if (!e && v.n)
		qsort(v.ptr, v.n, sizeof(struct commune_figure), by_path);
	size_t k = 0;
	for (size_t i = 0; !e && i < v.n; i++) {
		struct commune_figure *f = vec_at(&v, struct commune_figure, i);
		if ((k && strcmp(f->place.path,
		                 vec_at(&v, struct commune_figure, k - 1)->place.path) == 0) ||
		    !scope_contains(&x->scope, f->place.path))
			continue;
		e = commune_report(x, q, &g, whole, f);
		*vec_at(&v, struct commune_figure, k++) = *f;
	}
	gathered_free(&g);
	v.n = e ? v.n : k;
	*out = vec_result(&v, e, n);
	return e;
}

static int target_place_row(struct db_stmt *st, void *row, void *arg)
{
	struct target_place *t = row;
	(void)arg;
	memset(t, 0, sizeof *t);
	text_copy(t->plan, sizeof t->plan, db_col_text(st, 0));
	text_copy(t->place.code, sizeof t->place.code, db_col_text(st, 1));
	text_copy(t->place.valid_from, sizeof t->place.valid_from,
	          db_col_text(st, 2)); /* place_on */
	text_copy(t->by, sizeof t->by, db_col_text(st, 3));
	return DB_KEEP;
}

nct_err indicator_target_places(struct ctx *x, struct target_place **out, size_t *n)
{
	static const char sql[] =
	    "SELECT plan, place_code, place_on, MAX(by_date) FROM plan_targets"
	    " GROUP BY plan, place_code, place_on ORDER BY plan, place_code";
	struct vec v;
	vec_init(&v, sizeof **out, 1000);
	nct_err e = db_rows(db_prepare(x->db, sql), &v, target_place_row, NULL);
	size_t k = 0;
	for (size_t i = 0; !e && i < v.n; i++) {
		struct target_place *t = vec_at(&v, struct target_place, i);
		struct date on;
		if (date_parse(t->place.valid_from, &on) ||
		    place_get(x, t->place.code, on, &t->place) != NCT_OK) /* not seen: left out */
			continue;
		*vec_at(&v, struct target_place, k++) = *t;
	}
	v.n = k;
	*out = vec_result(&v, e, n);
	return e;
}

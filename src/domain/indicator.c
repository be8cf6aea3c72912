/* indicator.c - the Plan 327 indicators, live: a handful of set-wise queries
 * over the subtree (each a path range the index answers), then the rules of
 * composition.c per club in memory. */
#include "indicator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db.h"
#include "access.h"
#include "club.h"
#include "ctx.h"
#include "composition.h"

/* Memberships of active clubs one report counts (a person in two clubs counts
 * twice here): over ten times the national synthetic load. */
#define IND_PERSONS_MAX 10000000

static const struct {
	const char *code, *vi, *en;
	bool share;
} defs[IND_COUNT] = {
    {"clubs_new_since_2021", "CLB thành lập mới từ năm 2021", "Clubs founded since 2021", false},
    {"clubs_2016_2020_active", "CLB giai đoạn 2016–2020 duy trì hoạt động",
     "Clubs of 2016–2020 still active", false},
    {"members", "Thành viên", "Members", false},
    {"older_members", "Thành viên là người cao tuổi", "Older members", false},
    {"share_within_composition", "Tỷ lệ CLB đạt cơ cấu thành viên",
     "Share of clubs within the composition rules", true},
    {"share_all_activities_well_managed", "Tỷ lệ CLB thực hiện đầy đủ hoạt động và quản lý tốt",
     "Share of clubs carrying out all activities and well managed", true},
    {"share_with_loans", "Tỷ lệ CLB có cho vay trong năm", "Share of clubs lending in the year",
     true},
    {"share_with_both_funds", "Tỷ lệ CLB có cả quỹ tạo thu nhập và quỹ hoạt động",
     "Share of clubs with both funds", true},
};

/* One active or founded ISHC of the subtree, and what the queries found for it. */
struct iclub {
	int64_t id;
	char founded[DATE_LEN];
	bool active;
	struct vec facts; /* struct member_fact, for the composition rules */
	int areas;        /* areas of the list with an activity in the year so far */
	int hc_areas;     /* of those, areas that home-care visits also count for */
	bool visited;     /* a home-care visit in the year so far */
	bool well_managed, loan, fund_rev, fund_act;
};

struct ictx {
	struct db *db;
	char day[DATE_LEN], year_from[DATE_LEN], lo[97], hi[97];
	struct vec clubs;    /* struct iclub, of every range */
	struct iclub *range; /* the clubs of the range being read, by id, for find() */
	size_t nrange;
	struct vec persons; /* int64_t: members of active clubs, for a distinct count */
	int64_t older;      /* distinct older members */
	int visit_areas;    /* areas of the list that home-care visits count for */
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct iclub *)a)->id, y = ((const struct iclub *)b)->id;
	return (x > y) - (x < y);
}

static struct iclub *find(struct ictx *c, int64_t id)
{
	struct iclub key = {.id = id};
	return c->nrange ? bsearch(&key, c->range, c->nrange, sizeof key, by_id) : NULL;
}

/* Binds the subtree range and the dates a query names in this order. */
static void bind_range(struct db_stmt *st, struct ictx *c, int first)
{
	db_bind_text(st, first, c->lo);
	db_bind_text(st, first + 1, c->hi);
}

#define IN_TREE                                                                                    \
	" JOIN clubs c ON c.id = x.club_id JOIN places pl ON pl.id = c.place_id"                   \
	" WHERE c.kind = 'ishc' AND pl.path >= ? AND pl.path < ? "

static int club_row(struct db_stmt *st, void *row, void *arg)
{
	struct iclub *k = row;
	(void)arg;
	vec_init(&k->facts, sizeof(struct member_fact), CLUB_MEMBERS_MAX);
	k->id = db_col_int(st, 0);
	snprintf(k->founded, sizeof k->founded, "%s", db_col_text(st, 1));
	const char *status = db_col_text(st, 2);
	k->active = status && strcmp(status, "active") == 0;
	k->areas = (int)db_col_int(st, 3);
	k->hc_areas = (int)db_col_int(st, 4);
	k->visited = db_col_int(st, 5) != 0;
	k->loan = db_col_int(st, 6) != 0;
	k->fund_rev = db_col_int(st, 7) != 0;
	k->fund_act = db_col_int(st, 8) != 0;
	k->well_managed = !db_col_null(st, 9) && db_col_int(st, 9) != 0;
	return DB_KEEP;
}

/* One row per ISHC of the range with everything the year's shares need, each
 * fact a probe on the club's own index (activities, visits, loans, ledger
 * entries, assessments), so the cost follows the clubs asked about, not the
 * size of those tables. EXISTS is wrapped in CASE: PostgreSQL answers t/f. */
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
	    " AND x.year <= ? AND x.year >= ? ORDER BY x.year DESC LIMIT 1)"
	    " FROM clubs c JOIN places pl ON pl.id = c.place_id WHERE c.kind = 'ishc'"
	    " AND pl.path >= ? AND pl.path < ? AND c.founded_on <= ?";
	struct db_stmt *st = db_prepare(c->db, sql);
	if (!st)
		return NCT_ERR_DB;
	const char *dates[] = {c->day, c->year_from, c->day,       NULL,   c->year_from,
	                       c->day, NULL,         c->year_from, c->day, c->year_from,
	                       c->day, c->day,       c->day};
	for (int i = 0; i < 13; i++) {
		if (dates[i])
			db_bind_text(st, i + 1, dates[i]);
		else
			db_bind_int(st, i + 1, list);
	}
	db_bind_int(st, 14, year);
	db_bind_int(st, 15, year - 1);
	bind_range(st, c, 16);
	db_bind_text(st, 18, c->day);
	return db_rows(st, &c->clubs, club_row, NULL);
}

/* Members on the date: facts per club for the composition rules, and the
 * people of active clubs (older ones counted by their sign: -id). */
static nct_err load_members(struct ictx *c, int older_age, struct date on)
{
	static const char sql[] = "SELECT x.club_id, p.sex, p.birth, p.hardship, p.id, x.joined_on"
	                          " FROM memberships x JOIN persons p ON p.id = x.person_id" IN_TREE
	                          "AND x.joined_on <= ? AND (x.left_on IS NULL OR x.left_on > ?)";
	struct db_stmt *st = db_prepare(c->db, sql);
	if (!st)
		return NCT_ERR_DB;
	bind_range(st, c, 1);
	db_bind_text(st, 3, c->day);
	db_bind_text(st, 4, c->day);
	int rc;
	nct_err e = NCT_OK;
	while (!e && (rc = db_step(st)) == DB_ROW) {
		struct iclub *k = find(c, db_col_int(st, 0));
		struct member_fact f = {0};
		const char *sex = db_col_text(st, 1);
		if (!k || birth_parse(db_col_text(st, 2), &f.birth))
			continue;
		f.sex = sex ? sex[0] : '?';
		f.hardship = (unsigned)db_col_int(st, 3);
		f.joined = on; /* counted on the date by the query */
		e = vec_add(&k->facts, &f);
		if (!e && k->active) {
			int64_t id = db_col_int(st, 4);
			id = birth_age_on(f.birth, on) >= older_age ? -id : id;
			e = vec_add(&c->persons, &id);
		}
	}
	db_done(st);
	return e ? e : (rc < 0 ? (nct_err)-rc : NCT_OK);
}

static int by_abs(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	x = x < 0 ? -x : x;
	y = y < 0 ? -y : y;
	return (x > y) - (x < y);
}

/* Distinct people among members of active clubs, and of them the older ones. */
static int64_t distinct_people(struct ictx *c)
{
	const int64_t *v = c->persons.ptr;
	if (c->persons.n) /* qsort wants a real pointer even for no elements */
		qsort(c->persons.ptr, c->persons.n, sizeof *v, by_abs);
	int64_t n = 0;
	for (size_t i = 0; i < c->persons.n; i++) {
		int64_t id = v[i] < 0 ? -v[i] : v[i];
		int64_t prev = i ? (v[i - 1] < 0 ? -v[i - 1] : v[i - 1]) : 0;
		if (i && id == prev)
			continue;
		n++;
		c->older += v[i] < 0;
	}
	return n;
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
	struct db_stmt *st = db_prepare(c->db, sql);
	if (!st)
		return NCT_ERR_DB;
	db_bind_text(st, 1, c->day);
	db_bind_text(st, 2, c->day);
	int rc = db_step(st);
	*list = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*total = rc == DB_ROW ? (int)db_col_int(st, 1) : 0;
	c->visit_areas = rc == DB_ROW ? (int)db_col_int(st, 2) : 0;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static nct_err load_targets(struct ctx *x, struct indicator_report *r)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT indicator, min_value, max_value, by_date, founded_from, founded_to"
	    " FROM plan_targets WHERE plan = '327/KH-UBND'";
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		for (int i = 0; i < IND_COUNT; i++) {
			struct indicator *d = &r->ind[i];
			if (strcmp(d->code, db_col_text(st, 0)) != 0)
				continue;
			d->target_min = db_col_null(st, 1) ? -1 : db_col_int(st, 1);
			d->target_max = db_col_null(st, 2) ? -1 : db_col_int(st, 2);
			d->has_target = d->target_min >= 0 || d->target_max >= 0;
			snprintf(d->target_by, sizeof d->target_by, "%s", db_col_text(st, 3));
			snprintf(d->founded_from, sizeof d->founded_from, "%s",
			         db_col_null(st, 4) ? "" : db_col_text(st, 4));
			snprintf(d->founded_to, sizeof d->founded_to, "%s",
			         db_col_null(st, 5) ? "" : db_col_text(st, 5));
		}
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

/* The subtree ranges to count: the place asked for and the units it was formed
 * from (Quảng Ngãi of 2025 counts the clubs of Kon Tum's 2024 communes), each
 * clipped to what the user's scope contains. */
static nct_err roots(struct ctx *x, const char *code, struct date on, struct scope *out)
{
	const struct scope *sc = &x->scope;
	struct place p;
	struct scope ps;
	if (!code || !code[0]) {
		*out = *sc;
		return NCT_OK;
	}
	nct_err e = place_get(x, code, on, &p);
	if (!e)
		e = scope_of_place(x, p.id, &ps);
	if (e)
		return e;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ps.n; i++) {
		if (scope_contains(sc, ps.paths[i])) {
			if (out->n < SCOPE_MAX)
				snprintf(out->paths[out->n++], sizeof out->paths[0], "%s",
				         ps.paths[i]);
			continue;
		}
		for (size_t j = 0; j < sc->n && out->n < SCOPE_MAX; j++)
			if (strncmp(sc->paths[j], ps.paths[i], strlen(ps.paths[i])) == 0)
				snprintf(out->paths[out->n++], sizeof out->paths[0], "%s",
				         sc->paths[j]);
	}
	return NCT_OK;
}

static void set_range(struct ictx *c, const char *path)
{
	/* "/12/" up to "/120": the byte after '/'; "" is every path ('/' to '0') */
	snprintf(c->lo, sizeof c->lo, "%s", path[0] ? path : "/");
	snprintf(c->hi, sizeof c->hi, "%s", path[0] ? path : "0");
	size_t n = strlen(c->hi);
	if (path[0])
		c->hi[n - 1] = (char)(c->hi[n - 1] + 1);
}

static nct_err gather(struct ictx *c, const struct scope *rs, int older_age, struct date on,
                      int64_t list)
{
	size_t n = rs->all ? 1 : rs->n;
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n; i++) {
		size_t first = c->clubs.n;
		set_range(c, rs->all ? "" : rs->paths[i]);
		e = load_clubs(c, list, on.y);
		/* clubs of this range only, sorted, for find() */
		c->nrange = c->clubs.n - first;
		c->range = c->nrange ? vec_at(&c->clubs, struct iclub, first) : NULL;
		if (c->nrange)
			qsort(c->range, c->nrange, sizeof *c->range, by_id);
		if (!e)
			e = load_members(c, older_age, on);
	}
	return e;
}

static void set_share(struct indicator *d, int64_t num, int64_t den)
{
	d->numerator = num;
	d->denominator = den;
	d->value = den ? num * 1000 / den : 0;
}

/* Whether a founding date lies in an indicator's window (open ends allowed). */
static bool in_window(const struct indicator *d, const char *founded)
{
	return (!d->founded_from[0] || strcmp(founded, d->founded_from) >= 0) &&
	       (!d->founded_to[0] || strcmp(founded, d->founded_to) <= 0);
}

/* Counts per club what the shares need; the founding windows are the plan's records. */
static void tally(struct ictx *c, const struct composition_rule *rule, struct date on,
                  int areas_total, struct indicator_report *r)
{
	int64_t within = 0, managed = 0, loans = 0, funds = 0;
	for (size_t i = 0; i < c->clubs.n; i++) {
		struct iclub *k = vec_at(&c->clubs, struct iclub, i);
		if (in_window(&r->ind[IND_CLUBS_NEW], k->founded))
			r->ind[IND_CLUBS_NEW].value++;
		if (k->active && in_window(&r->ind[IND_CLUBS_OLD_ACTIVE], k->founded))
			r->ind[IND_CLUBS_OLD_ACTIVE].value++;
		if (!k->active)
			continue;
		struct composition comp;
		composition_compute(k->facts.ptr, k->facts.n, rule, on, &comp);
		r->clubs++;
		within += comp.within;
		/* a home-care visit covers the areas marked for visits (activity_areas) */
		int areas = k->areas + (k->visited ? c->visit_areas - k->hc_areas : 0);
		managed += areas_total > 0 && areas >= areas_total && k->well_managed;
		loans += k->loan;
		funds += k->fund_rev && k->fund_act;
	}
	set_share(&r->ind[IND_SHARE_COMPOSITION], within, r->clubs);
	set_share(&r->ind[IND_SHARE_ACTIVE_MANAGED], managed, r->clubs);
	set_share(&r->ind[IND_SHARE_LOANS], loans, r->clubs);
	set_share(&r->ind[IND_SHARE_BOTH_FUNDS], funds, r->clubs);
	r->ind[IND_MEMBERS].value = distinct_people(c);
	r->ind[IND_OLDER_MEMBERS].value = c->older;
}

static void judge(struct indicator_report *r)
{
	for (int i = 0; i < IND_COUNT; i++) {
		struct indicator *d = &r->ind[i];
		d->met = d->has_target && (d->target_min < 0 || d->value >= d->target_min) &&
		         (d->target_max < 0 || d->value <= d->target_max);
	}
}

static void ictx_free(struct ictx *c)
{
	for (size_t i = 0; i < c->clubs.n; i++)
		vec_free(&vec_at(&c->clubs, struct iclub, i)->facts);
	vec_free(&c->clubs);
	vec_free(&c->persons);
}

nct_err indicators_clubs(struct ctx *x, const char *place_code, struct date on,
                         struct indicator_report *out)
{
	if (access_confined_club(x))
		return NCT_ERR_DENIED; /* a club user has its club's page, not the programme's */
	struct db *db = x->db;
	struct scope rs;
	struct composition_rule rule;
	struct ictx c = {.db = db};
	vec_init(&c.clubs, sizeof(struct iclub), CLUB_LIST_MAX);
	vec_init(&c.persons, sizeof(int64_t), IND_PERSONS_MAX);
	int64_t list;
	int areas_total;
	memset(out, 0, sizeof *out);
	out->on = on;
	out->year_from = (struct date){on.y, 1, 1};
	for (int i = 0; i < IND_COUNT; i++) {
		out->ind[i].code = defs[i].code;
		out->ind[i].vi = defs[i].vi;
		out->ind[i].en = defs[i].en;
		out->ind[i].share = defs[i].share;
		out->ind[i].target_min = out->ind[i].target_max = -1;
	}
	date_format(on, c.day);
	date_format(out->year_from, c.year_from);
	nct_err e = load_targets(x, out);
	if (!e)
		e = roots(x, place_code, on, &rs);
	if (!e)
		e = composition_rule_on(x, on, &rule);
	if (!e)
		e = area_list(&c, &list, &areas_total);
	if (!e)
		e = gather(&c, &rs, rule.older_age, on, list);
	if (!e) {
		tally(&c, &rule, on, areas_total, out);
		judge(out);
	}
	ictx_free(&c);
	return e;
}

#include "longevity.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "health.h"

const char *const congratulators[] = {"president", "province", "commune", NULL};

/* ---- the rules ------------------------------------------------------------------ */

static bool applies(const struct gift_rule *r, int age, const char *d)
{
	return age >= r->age_from && (r->age_to < 0 || age < r->age_to) &&
	       strcmp(r->valid_from, d) <= 0 && (!r->valid_to[0] || strcmp(d, r->valid_to) <= 0);
}

bool gift_rule_applies(const struct gift_rule *r, int age, struct date on)
{
	char d[DATE_LEN];
	date_format(on, d);
	return applies(r, age, d);
}

const struct gift_rule *gift_rule_for(const struct gift_rule *rules, size_t n, const char *province,
                                      int age, struct date on)
{
	const struct gift_rule *national = NULL;
	char d[DATE_LEN];
	date_format(on, d);
	for (size_t i = 0; i < n; i++) {
		if (!applies(&rules[i], age, d))
			continue;
		if (province && strcmp(rules[i].gift.scope, province) == 0)
			return &rules[i];
		if (!national && strcmp(rules[i].gift.scope, "VN") == 0)
			national = &rules[i];
	}
	return national;
}

#define GIFT_COLS                                                                                  \
	"SELECT scope, age_from, age_to, valid_from, valid_to, congratulated_by, cash_vnd,"        \
	" in_kind_vnd, in_kind_description, is_minimum, legal_basis FROM longevity_gifts"

static int gift_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct gift_rule *r = row;
	text_copy(r->gift.scope, sizeof r->gift.scope, db_col_text(st, 0));
	r->age_from = (int)db_col_int(st, 1);
	r->age_to = db_col_null(st, 2) ? -1 : (int)db_col_int(st, 2);
	text_copy(r->valid_from, sizeof r->valid_from, db_col_text(st, 3));
	text_copy(r->valid_to, sizeof r->valid_to, db_col_text(st, 4));
	text_copy(r->gift.congratulated_by, sizeof r->gift.congratulated_by, db_col_text(st, 5));
	r->gift.cash = db_col_null(st, 6) ? -1 : db_col_int(st, 6);
	r->gift.in_kind = db_col_null(st, 7) ? -1 : db_col_int(st, 7);
	text_copy(r->gift.in_kind_description, sizeof r->gift.in_kind_description,
	          db_col_text(st, 8));
	r->gift.is_minimum = db_col_int(st, 9) != 0;
	text_copy(r->legal_basis, sizeof r->legal_basis, db_col_text(st, 10));
	return DB_KEEP;
}

nct_err gift_rules_on(struct ctx *x, struct date on, struct gift_rule **out, size_t *n)
{
	static const char sql[] = GIFT_COLS " WHERE valid_from <= ? AND (valid_to IS NULL"
	                                    " OR valid_to >= ?) ORDER BY scope, age_from, id";
	char d[DATE_LEN];
	date_format(on, d);
	nct_err e;
	*out = db_list(DB_PREPARE(x->db, sql, DB_T(d), DB_T(d)), sizeof **out, GIFT_RULES_MAX,
	               gift_row, NULL, n, &e);
	return e;
}

nct_err gift_rules_replace(struct ctx *x, const struct gift_rule *rows, size_t n)
{
	static const char del[] = "DELETE FROM longevity_gifts";
	static const char ins[] =
	    "INSERT INTO longevity_gifts (scope, age_from, age_to, valid_from, valid_to,"
	    " congratulated_by, cash_vnd, in_kind_vnd, in_kind_description, is_minimum,"
	    " legal_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	nct_err e = db_run(db_prepare(x->db, del));
	for (size_t i = 0; !e && i < n; i++) {
		const struct gift_rule *r = &rows[i];
		struct db_stmt *st = db_prepare(x->db, ins);
		db_bind_text(st, 1, r->gift.scope);
		db_bind_int(st, 2, r->age_from);
		if (r->age_to < 0)
			db_bind_null(st, 3);
		else
			db_bind_int(st, 3, r->age_to);
		db_bind_text(st, 4, r->valid_from);
		db_bind_text(st, 5, r->valid_to[0] ? r->valid_to : NULL);
		db_bind_text(st, 6, r->gift.congratulated_by);
		if (r->gift.cash < 0)
			db_bind_null(st, 7);
		else
			db_bind_int(st, 7, r->gift.cash);
		if (r->gift.in_kind < 0)
			db_bind_null(st, 8);
		else
			db_bind_int(st, 8, r->gift.in_kind);
		db_bind_text(st, 9, r->gift.in_kind_description);
		db_bind_int(st, 10, r->gift.is_minimum);
		db_bind_text(st, 11, r->legal_basis);
		e = db_run(st);
	}
	return e;
}

/* ---- who is celebrated ------------------------------------------------------------- */

/* The provinces of the places met, by the first segment of their path. */
#define PROVINCE_CACHE 64
struct provinces {
	size_t n;
	struct {
		char prefix[24];
		char code[24];
	} v[PROVINCE_CACHE];
};

/* The code of the province whose subtree holds path ("" when not found). */
static void province_of(struct ctx *x, struct provinces *pc, const char *path, char out[24])
{
	static const char sql[] = "SELECT code FROM places WHERE path = ? AND level = 1";
	char prefix[24];
	const char *slash = strchr(path + (path[0] == '/'), '/');
	size_t len = slash ? (size_t)(slash - path) + 1 : strlen(path);
	out[0] = '\0';
	if (len >= sizeof prefix)
		return;
	memcpy(prefix, path, len);
	prefix[len] = '\0';
	for (size_t i = 0; i < pc->n; i++)
		if (strcmp(pc->v[i].prefix, prefix) == 0) {
			text_copy(out, 24, pc->v[i].code);
			return;
		}
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, prefix);
	if (db_step(st) == DB_ROW)
		text_copy(out, 24, db_col_text(st, 0));
	db_done(st);
	if (pc->n < PROVINCE_CACHE) {
		text_copy(pc->v[pc->n].prefix, sizeof pc->v[0].prefix, prefix);
		text_copy(pc->v[pc->n].code, sizeof pc->v[0].code, out);
		pc->n++;
	}
}

/* What reading a year's list needs. */
struct year_rules {
	int year;
	struct date jan1;
	struct gift_rule *rules;
	size_t n;
	struct provinces pc;
	struct ctx *x;
};

/* A person's celebration of the year by the rules: false when none. */
static bool celebrate(struct year_rules *yr, const struct person *p, struct celebration *c)
{
	char jan1[DATE_LEN], prov[24];
	date_format(yr->jan1, jan1);
	int age = yr->year - p->birth.year;
	if (p->merged_into || (p->died_on[0] && strcmp(p->died_on, jan1) < 0) || age <= 0)
		return false;
	province_of(yr->x, &yr->pc, p->place_path, prov);
	const struct gift_rule *r = gift_rule_for(yr->rules, yr->n, prov, age, yr->jan1);
	if (!r)
		return false;
	c->year = yr->year;
	c->age = age;
	c->gift = r->gift;
	return true;
}

static nct_err year_rules_load(struct ctx *x, int year, struct year_rules *yr, struct refusal *rf)
{
	memset(yr, 0, sizeof *yr);
	nct_err e = check_number(year, CELEBRATION_YEAR_MIN, CELEBRATION_YEAR_MAX, "year", rf);
	if (e)
		return e;
	yr->x = x;
	yr->year = year;
	yr->jan1 = (struct date){year, 1, 1};
	return gift_rules_on(x, yr->jan1, &yr->rules, &yr->n);
}

static int celebration_row(struct db_stmt *st, void *row, void *arg)
{
	struct celebration *c = row;
	person_from_columns(st, 0, &c->person);
	if (!celebrate(arg, &c->person, c))
		return DB_SKIP;
	c->given = !db_col_null(st, PERSON_NCOLUMNS);
	text_copy(c->given_on, sizeof c->given_on, db_col_text(st, PERSON_NCOLUMNS));
	return DB_KEEP;
}

/* The people of one subtree born in [lo, hi) (lo "": any year before hi), in
 * the register's order after the oldest: one index range of
 * persons_place_birth_sort per commune. CROSS JOIN makes SQLite start from
 * the places (PostgreSQL's planner is free: it is a plain join there), and
 * merged_into is compared through COALESCE so that no plan starts from its
 * index (every living record has NULL). */
#define CELEBRATED_FROM                                                                            \
	" FROM places pl CROSS JOIN persons p"                                                     \
	" WHERE p.place_id = pl.id AND pl.path >= ? AND pl.path < ?" CELEBRATED_ALIVE
#define CELEBRATED_ALIVE                                                                           \
	" AND p.birth_start >= ? AND p.birth_start < ?"                                            \
	" AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on >= ?)"
/* The same people when the subtree is the whole register (every person lives
 * in a place, and every place is under "/"): one range of persons_birth_sort,
 * already in the list's order, so a page is the range's first entries. */
#define CELEBRATED_ALL_FROM " FROM persons p WHERE 1 = 1" CELEBRATED_ALIVE
#define CELEBRATED_ORDER    " ORDER BY p.birth_start, p.sort_key, p.id"
#define CELEBRATION_COLUMNS                                                                        \
	"SELECT " PERSON_COLUMNS ", (SELECT MIN(g.given_on) FROM celebrations_given g"             \
	" WHERE g.person_id = p.id AND g.year = ?)"
static const char celebrations_sql[] = CELEBRATION_COLUMNS CELEBRATED_FROM CELEBRATED_ORDER;
/* A page of them: its ids chosen from the index alone (every column the
 * choice needs is in persons_place_birth_sort, or persons_birth_sort), then
 * only its rows read. */
#define CELEBRATIONS_PAGE(from)                                                                    \
	CELEBRATION_COLUMNS " FROM persons p JOIN places pl ON pl.id = p.place_id"                 \
	                    " WHERE p.id IN (SELECT p.id" from CELEBRATED_ORDER                    \
	                    " LIMIT ? OFFSET ?)" CELEBRATED_ORDER
static const char celebrations_page_sql[] = CELEBRATIONS_PAGE(CELEBRATED_FROM);
static const char celebrations_page_all_sql[] = CELEBRATIONS_PAGE(CELEBRATED_ALL_FROM);

/* The same people counted, no row read: one index range per commune, or one
 * range of persons_birth_sort for the whole register. */
static const char celebrations_count_sql[] = "SELECT COUNT(*)" CELEBRATED_FROM;
static const char celebrations_count_all_sql[] = "SELECT COUNT(*)" CELEBRATED_ALL_FROM;

/* One stretch of the list: the people of one subtree born in [lo, hi). When
 * a national rule names every age of the stretch, everyone in it is
 * celebrated (whatever their province), so a count query counts it and a
 * page is cut from it in SQL; otherwise (an age only some provinces name)
 * its rows are read and each tried against the rules. */
struct stretch {
	const char *range_lo, *range_hi;
	char lo[DATE_LEN], hi[DATE_LEN];
	bool national;
	bool whole; /* the range is the whole register: counted and paged without the places */
};

/* Binds a stretch's range (unless whole), its births and jan1 from column i
 * on: the next column. */
static int stretch_bind(struct db_stmt *st, int i, const struct stretch *s, const char *jan1)
{
	if (!s->whole) {
		db_bind_text(st, i++, s->range_lo);
		db_bind_text(st, i++, s->range_hi);
	}
	db_bind_text(st, i++, s->lo);
	db_bind_text(st, i++, s->hi);
	db_bind_text(st, i++, jan1);
	return i;
}

static nct_err stretch_rows(struct ctx *x, struct year_rules *yr, const struct stretch *s,
                            size_t offset, size_t limit, struct vec *v)
{
	char jan1[DATE_LEN];
	date_format(yr->jan1, jan1);
	/* a stretch read whole (for its rows' rules) is read by the places */
	struct stretch by = *s;
	by.whole = limit && s->whole;
	struct db_stmt *st = db_prepare(x->db, !limit     ? celebrations_sql
	                                       : by.whole ? celebrations_page_all_sql
	                                                  : celebrations_page_sql);
	db_bind_int(st, 1, yr->year);
	int i = stretch_bind(st, 2, &by, jan1);
	if (limit) {
		db_bind_int(st, i, (int64_t)limit);
		db_bind_int(st, i + 1, (int64_t)offset);
	}
	return db_rows(st, v, celebration_row, yr);
}

static nct_err stretch_count(struct ctx *x, struct year_rules *yr, const struct stretch *s,
                             int64_t *n)
{
	char jan1[DATE_LEN];
	date_format(yr->jan1, jan1);
	struct db_stmt *st =
	    db_prepare(x->db, s->whole ? celebrations_count_all_sql : celebrations_count_sql);
	stretch_bind(st, 1, s, jan1);
	return db_int(st, n);
}

/* Whether a national rule applies at every age from `from` to `to` (exclusive;
 * -1: every age on). */
static bool national_for(const struct year_rules *yr, int from, int to)
{
	for (size_t i = 0; i < yr->n; i++) {
		const struct gift_rule *r = &yr->rules[i];
		if (strcmp(r->gift.scope, "VN") != 0 || !gift_rule_applies(r, from, yr->jan1))
			continue;
		if (to < 0 ? r->age_to < 0 : (r->age_to < 0 || r->age_to >= to))
			return true;
	}
	return false;
}

/* Takes the part of one stretch that falls on the page [*skip, *skip + *want)
 * of what is left, and adds the stretch's size to *total. */
static nct_err stretch_page(struct ctx *x, struct year_rules *yr, const struct stretch *s,
                            size_t *skip, size_t *want, int64_t *total, struct vec *v)
{
	if (!s->national) { /* read whole, tried row by row */
		struct vec all;
		vec_init(&all, sizeof(struct celebration), CELEBRATION_LIST_MAX);
		nct_err e = stretch_rows(x, yr, s, 0, 0, &all);
		size_t n = e ? 0 : all.n;
		const struct celebration *c = all.ptr;
		for (size_t i = *skip < n ? *skip : n; !e && *want && i < n; i++, (*want)--)
			e = vec_add(v, &c[i]);
		*skip -= *skip < n ? *skip : n;
		*total += (int64_t)n;
		vec_free(&all);
		return e;
	}
	int64_t n = 0;
	nct_err e = stretch_count(x, yr, s, &n);
	if (e)
		return e;
	*total += n;
	if ((int64_t)*skip >= n) {
		*skip -= (size_t)n;
		return NCT_OK;
	}
	if (*want) {
		size_t before = v->n;
		e = stretch_rows(x, yr, s, *skip, *want, v);
		*want -= v->n - before < *want ? v->n - before : *want;
	}
	*skip = 0;
	return e;
}

static int cmp_desc(const void *a, const void *b)
{
	return *(const int *)b - *(const int *)a;
}

nct_err celebrations_page(struct ctx *x, const struct place *pl, int year, size_t offset,
                          size_t limit, struct celebration **out, size_t *n, int64_t *total,
                          struct refusal *rf)
{
	struct year_rules yr;
	struct area a;
	*out = NULL;
	*n = 0;
	*total = 0;
	if (x->role == ROLE_CLUB)
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (limit > CELEBRATION_LIST_MAX)
		limit = CELEBRATION_LIST_MAX;
	nct_err e = year_rules_load(x, year, &yr, rf);
	if (!e) /* residences are today's: the place's territory today */
		e = area_of(x, pl, date_today_vn(), &a, rf);
	if (e) {
		free(yr.rules);
		return e;
	}
	/* The ages the rules name: exact ones, and the lowest from which every age is. */
	int exact[CELEBRATION_AGES_MAX], nexact = 0, open = -1;
	for (size_t i = 0; !e && i < yr.n; i++) {
		const struct gift_rule *r = &yr.rules[i];
		if (r->age_to < 0) {
			if (open < 0 || r->age_from < open)
				open = r->age_from;
			continue;
		}
		for (int age = r->age_from; !e && age < r->age_to; age++) {
			bool seen = false;
			for (int k = 0; k < nexact; k++)
				seen |= exact[k] == age;
			if (seen || (open >= 0 && age >= open))
				continue;
			if (nexact == CELEBRATION_AGES_MAX)
				e = NCT_ERR_TOOBIG;
			else
				exact[nexact++] = age;
		}
	}
	qsort(exact, (size_t)nexact, sizeof exact[0], cmp_desc);
	struct vec v;
	vec_init(&v, sizeof(struct celebration), limit ? limit : 1);
	size_t skip = offset, want = limit;
	/* The oldest first: every age from `open` on, then the exact ages down;
	 * within an age, subtree by subtree. */
	for (int k = -1; !e && k < nexact; k++) {
		struct stretch s;
		memset(&s, 0, sizeof s);
		if (k < 0 && open < 0)
			continue;
		if (k >= 0 && open >= 0 && exact[k] >= open)
			continue;
		int from = k < 0 ? open : exact[k];
		if (k >= 0)
			date_format((struct date){year - from, 1, 1}, s.lo);
		date_format((struct date){year - from + 1, 1, 1}, s.hi);
		s.national = national_for(&yr, from, k < 0 ? -1 : from + 1);
		s.whole = a.n == 1 && strcmp(a.lo[0], "/") == 0 && strcmp(a.hi[0], "0") == 0;
		for (size_t i = 0; !e && i < a.n; i++) {
			s.range_lo = a.lo[i];
			s.range_hi = a.hi[i];
			e = stretch_page(x, &yr, &s, &skip, &want, total, &v);
		}
	}
	free(yr.rules);
	*out = vec_result(&v, e, n);
	return e;
}

nct_err celebrations_list(struct ctx *x, const struct place *pl, int year, struct celebration **out,
                          size_t *n, struct refusal *rf)
{
	int64_t total = 0;
	nct_err e = celebrations_page(x, pl, year, 0, CELEBRATION_LIST_MAX, out, n, &total, rf);
	if (!e && total > CELEBRATION_LIST_MAX) {
		free(*out);
		*out = NULL;
		*n = 0;
		e = NCT_ERR_TOOBIG;
	}
	return e;
}

nct_err celebration_of(struct ctx *x, const struct person *p, int year, struct celebration *out)
{
	static const char sql[] = "SELECT MIN(given_on) FROM celebrations_given WHERE person_id = ?"
	                          " AND year = ?";
	struct year_rules yr;
	memset(out, 0, sizeof *out);
	nct_err e = year_rules_load(x, year, &yr, NULL);
	if (e)
		return e;
	bool yes = celebrate(&yr, p, out);
	free(yr.rules);
	if (!yes)
		return NCT_ERR_NOTFOUND;
	out->person = *p;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, p->id);
	db_bind_int(st, 2, year);
	int r = db_step(st);
	if (r == DB_ROW && !db_col_null(st, 0)) {
		out->given = true;
		text_copy(out->given_on, sizeof out->given_on, db_col_text(st, 0));
	}
	db_done(st);
	return r < 0 ? (nct_err)-r : NCT_OK;
}

nct_err celebration_set_given(struct ctx *x, int64_t person_id, int year, bool given,
                              const char *given_on, struct refusal *rf)
{
	static const char ins[] = "INSERT INTO celebrations_given (person_id, year, given_on,"
	                          " created_at) VALUES (?, ?, ?, ?)";
	static const char del[] = "DELETE FROM celebrations_given WHERE person_id = ? AND year = ?";
	struct person p;
	struct celebration c;
	struct date d = date_today_vn();
	char on[DATE_LEN], now[26], idtxt[AUDIT_ID_LEN];
	nct_err e = person_get(x, person_id, &p);
	if (e == NCT_ERR_DENIED)
		return refuse(rf, e, RF_PERSON_OUTSIDE, NULL, "");
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_NO_SUCH_PERSON, NULL, "i", person_id);
	if (!e && access_person(x, &p, ACCESS_SENSITIVE)) /* the commune's gift: an officer's */
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!e && p.merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", p.merged_into);
	if (!e)
		e = check_number(year, CELEBRATION_YEAR_MIN, CELEBRATION_YEAR_MAX, "year", rf);
	if (!e && (e = celebration_of(x, &p, year, &c)) == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_CELEBRATED, "year", "i", (int64_t)year);
	if (!e && given && given_on && given_on[0])
		e = check_day(given_on, "given_on", &d, rf);
	/* a year's gift is given in that year, or from the year before (before Tết) */
	struct date earliest = {year - 1, 1, 1};
	if (!e && given && date_cmp(d, earliest) < 0) {
		char from[DATE_LEN];
		date_format(earliest, from);
		return refuse(rf, NCT_ERR_INVALID, RF_GIVEN_TOO_EARLY, "given_on", "id",
		              (int64_t)year, from);
	}
	if (e)
		return e;
	date_format(d, on);
	if (c.given == given) /* as recorded already: nothing to write */
		return NCT_OK;
	if ((e = unit_begin(x)))
		return e;
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, given ? ins : del);
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, year);
	if (given) {
		db_bind_text(st, 3, on);
		db_bind_text(st, 4, now);
	}
	e = db_run(st);
	if (!e)
		e = audit_json(x, given ? "celebration_given" : "celebration_not_given", "person",
		               audit_id(idtxt, person_id), NULL,
		               json_pack("{s:i, s:i, s:s, s:s?}", "year", year, "age", c.age,
		                         "congratulated_by", c.gift.congratulated_by, "given_on",
		                         given ? on : NULL));
	return unit_end(x, e);
}

nct_err celebrations_exported(struct ctx *x, const char *place, int year, const char *format,
                              size_t rows)
{
	char *j = audit_text(json_pack("{s:s?, s:i, s:s, s:I}", "place", place, "year", year,
	                               "format", format, "rows", (json_int_t)rows));
	nct_err e = audit_alone(x, "export", "celebrations", place ? place : "", j);
	free(j);
	return e;
}

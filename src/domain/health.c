#include "health.h"

#include <ctype.h>
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

const char *const card_payers[] = {"state", "province", "self", "family", NULL};

/* ---- pure rules ----------------------------------------------------------- */

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

nct_err health_card_number_check(const char *number, struct refusal *rf)
{
	const char *s = number ? number : "";
	size_t n = strlen(s);
	bool ok = (n == 10 && all_digits(s, 10)) ||
	          (n == 15 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
	           s[2] >= '1' && s[2] <= '5' && all_digits(s + 2, 13));
	return ok ? NCT_OK : refuse(rf, NCT_ERR_INVALID, RF_CARD_NUMBER, "number", "");
}

bool health_card_valid_on(const struct health_card *c, struct date on)
{
	struct date from, to;
	if (date_parse(c->valid_from, &from) || date_parse(c->valid_to, &to))
		return false;
	return date_cmp(from, on) <= 0 && date_cmp(on, to) <= 0;
}

/* ---- writes ----------------------------------------------------------------- */

/* The person with id, whom x may change, with access to sensitive data, and
 * who is no tombstone. A person x may not see is NOTFOUND or DENIED, naming
 * nobody. */
static nct_err health_person(struct ctx *x, int64_t id, const char *field, struct person *p,
                             struct refusal *rf)
{
	nct_err e = person_get(x, id, p);
	if (e == NCT_ERR_DENIED)
		return refuse(rf, e, RF_PERSON_OUTSIDE, NULL, "");
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_NO_SUCH_PERSON, NULL, "i", id);
	if (e)
		return e;
	if (access_person(x, p, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, field, "");
	if (p->merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", p->merged_into);
	return NCT_OK;
}

/* A past day of p's life, into iso. */
static nct_err life_day(const struct person *p, const char *s, const char *field,
                        char iso[DATE_LEN], struct refusal *rf)
{
	struct date d;
	nct_err e = check_day(s, field, &d, rf);
	if (e)
		return e;
	date_format(d, iso);
	if (date_cmp(d, birth_start(p->birth)) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_FACT_BEFORE_BIRTH, field, "d", iso);
	return NCT_OK;
}

/* A day written dd/mm/yyyy or ISO, future allowed (a card's end). */
static nct_err any_day(const char *s, const char *field, struct date *d, char iso[DATE_LEN],
                       struct refusal *rf)
{
	if (!s || (date_parse_vn(s, d) && date_parse(s, d)))
		return refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, field, "");
	date_format(*d, iso);
	return NCT_OK;
}

/* Inside the unit: refuses one more record of a person who has
 * HEALTH_RECORDS_MAX already (count_sql counts them), so that what is
 * written can always be read back (person_health stops there). */
static nct_err room_for_one(struct ctx *x, const char *count_sql, int64_t person_id,
                            const char *field, struct refusal *rf)
{
	int64_t n = 0;
	struct db_stmt *st = db_prepare(x->db, count_sql);
	db_bind_int(st, 1, person_id);
	nct_err e = db_int(st, &n);
	if (!e && n >= HEALTH_RECORDS_MAX)
		e = refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, field, "i",
		           (int64_t)HEALTH_RECORDS_MAX);
	return e;
}

/* Writes the audit row of a change to person_id's health: o is consumed. */
static nct_err health_audit(struct ctx *x, const char *action, int64_t person_id, json_t *o)
{
	char idtxt[24];
	char *j = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)person_id);
	nct_err e = j ? audit_write(x, action, "person", idtxt, NULL, j) : NCT_ERR_NOMEM;
	free(j);
	return e;
}

nct_err health_card_add(struct ctx *x, int64_t person_id, const struct card_new *in, int64_t *id,
                        struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO health_cards (person_id, number, valid_from, valid_to,"
	    " payer, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
	struct person p;
	struct date from, to;
	char f[DATE_LEN], t[DATE_LEN], now[26];
	nct_err e = health_person(x, person_id, "number", &p, rf);
	if (!e)
		e = health_card_number_check(in->number, rf);
	if (!e)
		e = any_day(in->valid_from, "valid_from", &from, f, rf);
	if (!e)
		e = any_day(in->valid_to, "valid_to", &to, t, rf);
	if (!e && date_cmp(to, from) < 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_CARD_VALID_TO, "valid_to", "dd", t, f);
	if (!e)
		e = check_one_of(in->payer, card_payers, "payer", rf);
	if (e || (e = unit_begin(x)))
		return e;
	if ((e = room_for_one(x, "SELECT COUNT(*) FROM health_cards WHERE person_id = ?", person_id,
	                      "number", rf)))
		return unit_end(x, e);
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, in->number);
	db_bind_text(st, 3, f);
	db_bind_text(st, 4, t);
	db_bind_text(st, 5, in->payer);
	db_bind_text(st, 6, now);
	e = db_int(st, id);
	if (!e)
		e = health_audit(x, "health_card", person_id,
		                 json_pack("{s:I, s:s, s:s, s:s, s:s}", "card", (json_int_t)*id,
		                           "number", in->number, "valid_from", f, "valid_to", t,
		                           "payer", in->payer));
	return unit_end(x, e);
}

nct_err health_checkup_add(struct ctx *x, int64_t person_id, const struct checkup_new *in,
                           int64_t *id, struct refusal *rf)
{
	static const char sql[] = "INSERT INTO health_checkups (person_id, checked_on, note,"
	                          " created_at) VALUES (?, ?, ?, ?) RETURNING id";
	struct person p;
	char on[DATE_LEN], now[26];
	const char *note = in->note ? in->note : "";
	nct_err e = health_person(x, person_id, "checked_on", &p, rf);
	if (!e)
		e = life_day(&p, in->checked_on, "checked_on", on, rf);
	if (!e)
		e = check_optional_text(note, HEALTH_NOTE_MAX, "note", rf);
	if (e || (e = unit_begin(x)))
		return e;
	if ((e = room_for_one(x, "SELECT COUNT(*) FROM health_checkups WHERE person_id = ?",
	                      person_id, "checked_on", rf)))
		return unit_end(x, e);
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, on);
	db_bind_text(st, 3, note);
	db_bind_text(st, 4, now);
	e = db_int(st, id);
	if (!e)
		e = health_audit(x, "health_checkup", person_id,
		                 json_pack("{s:I, s:s, s:s}", "checkup", (json_int_t)*id,
		                           "checked_on", on, "note", note));
	return unit_end(x, e);
}

nct_err health_condition_add(struct ctx *x, int64_t person_id, const struct condition_new *in,
                             int64_t *id, struct refusal *rf)
{
	static const char sql[] = "INSERT INTO chronic_conditions (person_id, name, since, note,"
	                          " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
	struct person p;
	char since[DATE_LEN] = "", now[26];
	const char *note = in->note ? in->note : "";
	nct_err e = health_person(x, person_id, "name", &p, rf);
	if (!e)
		e = check_text(in->name, HEALTH_NAME_MAX, "name", rf);
	if (!e && in->since && in->since[0])
		e = life_day(&p, in->since, "since", since, rf);
	if (!e)
		e = check_optional_text(note, HEALTH_NOTE_MAX, "note", rf);
	if (e || (e = unit_begin(x)))
		return e;
	if ((e = room_for_one(x, "SELECT COUNT(*) FROM chronic_conditions WHERE person_id = ?",
	                      person_id, "name", rf)))
		return unit_end(x, e);
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	db_bind_text(st, 2, in->name);
	db_bind_text(st, 3, since[0] ? since : NULL);
	db_bind_text(st, 4, note);
	db_bind_text(st, 5, now);
	e = db_int(st, id);
	if (!e)
		e = health_audit(x, "chronic_condition", person_id,
		                 json_pack("{s:I, s:s, s:s?, s:s}", "condition", (json_int_t)*id,
		                           "name", in->name, "since", since[0] ? since : NULL,
		                           "note", note));
	return unit_end(x, e);
}

/* ---- one person's health ------------------------------------------------------ */

#define CARD_COLS "c.id, c.person_id, c.number, c.valid_from, c.valid_to, c.payer"

static void card_from_columns(struct db_stmt *st, int col, struct health_card *c)
{
	c->id = db_col_int(st, col);
	c->person_id = db_col_int(st, col + 1);
	text_copy(c->number, sizeof c->number, db_col_text(st, col + 2));
	text_copy(c->valid_from, sizeof c->valid_from, db_col_text(st, col + 3));
	text_copy(c->valid_to, sizeof c->valid_to, db_col_text(st, col + 4));
	text_copy(c->payer, sizeof c->payer, db_col_text(st, col + 5));
}

static int card_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	card_from_columns(st, 0, row);
	return DB_KEEP;
}

static int checkup_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct checkup *c = row;
	c->id = db_col_int(st, 0);
	c->person_id = db_col_int(st, 1);
	text_copy(c->checked_on, sizeof c->checked_on, db_col_text(st, 2));
	text_copy(c->note, sizeof c->note, db_col_text(st, 3));
	return DB_KEEP;
}

static int condition_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct condition *c = row;
	c->id = db_col_int(st, 0);
	c->person_id = db_col_int(st, 1);
	text_copy(c->name, sizeof c->name, db_col_text(st, 2));
	text_copy(c->since, sizeof c->since, db_col_text(st, 3));
	text_copy(c->note, sizeof c->note, db_col_text(st, 4));
	return DB_KEEP;
}

/* Reads the rows of sql (one '?': the person) into *out. */
static nct_err read_list(struct ctx *x, const char *sql, int64_t person_id, size_t size,
                         db_row_reader *read, void **out, size_t *n)
{
	struct vec v;
	vec_init(&v, size, HEALTH_RECORDS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	nct_err e = db_rows(st, &v, read, NULL);
	*out = vec_result(&v, e, n);
	return e;
}

nct_err person_health(struct ctx *x, const struct person *p, struct person_health *out)
{
	static const char cards[] = "SELECT " CARD_COLS " FROM health_cards c WHERE c.person_id = ?"
	                            " ORDER BY c.valid_to DESC, c.id DESC";
	static const char checkups[] = "SELECT id, person_id, checked_on, note FROM health_checkups"
	                               " WHERE person_id = ? ORDER BY checked_on DESC, id DESC";
	static const char conditions[] = "SELECT id, person_id, name, since, note"
	                                 " FROM chronic_conditions WHERE person_id = ? ORDER BY id";
	memset(out, 0, sizeof *out);
	if (!access_sensitive(x))
		return NCT_ERR_DENIED;
	void *a = NULL, *b = NULL, *c = NULL;
	nct_err e =
	    read_list(x, cards, p->id, sizeof(struct health_card), card_row, &a, &out->ncards);
	out->cards = a;
	if (!e)
		e = read_list(x, checkups, p->id, sizeof(struct checkup), checkup_row, &b,
		              &out->ncheckups);
	out->checkups = b;
	if (!e)
		e = read_list(x, conditions, p->id, sizeof(struct condition), condition_row, &c,
		              &out->nconditions);
	out->conditions = c;
	if (!e)
		e = person_sensitive_viewed(x, p->id, "{\"fields\":[\"health\"]}");
	if (e)
		person_health_free(out);
	return e;
}

void person_health_free(struct person_health *h)
{
	free(h->cards);
	free(h->checkups);
	free(h->conditions);
	memset(h, 0, sizeof *h);
}

/* ---- lists --------------------------------------------------------------------- */

static void area_add(struct area *a, const char *path)
{
	if (a->n == AREA_MAX)
		return;
	text_copy(a->lo[a->n], sizeof a->lo[0], path);
	text_copy(a->hi[a->n], sizeof a->hi[0], path);
	size_t len = strlen(a->hi[a->n]);
	if (len) /* "/12/345/" up to "/12/3450": the byte after '/' */
		a->hi[a->n][len - 1] = (char)(a->hi[a->n][len - 1] + 1);
	a->n++;
}

nct_err area_of(struct ctx *x, const struct place *pl, struct date on, struct area *out,
                struct refusal *rf)
{
	memset(out, 0, sizeof *out);
	if (!pl) {
		if (x->scope.all) {
			area_add(out, "/");
			return NCT_OK;
		}
		if (x->scope.n > AREA_MAX)
			return NCT_ERR_TOOBIG;
		for (size_t i = 0; i < x->scope.n; i++)
			area_add(out, x->scope.paths[i]);
		return NCT_OK;
	}
	if (!scope_contains(&x->scope, pl->path))
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", pl->code);
	struct place_path *paths = NULL;
	size_t n = 0;
	nct_err e = place_territory(x, pl, on, &paths, &n);
	for (size_t i = 0; !e && i < n; i++) {
		if (!scope_contains(&x->scope, paths[i].path))
			continue;
		if (out->n == AREA_MAX)
			e = NCT_ERR_TOOBIG;
		else
			area_add(out, paths[i].path);
	}
	free(paths);
	if (!e && out->n == 0)
		area_add(out, pl->path);
	return e;
}

/* One statement per subtree: the caller's sql begins its WHERE with the range. */
#define AREA_RANGE " pl.path >= ? AND pl.path < ?"

/* A list's audit row: what was listed, where, and how many. */
static nct_err list_viewed(struct ctx *x, const char *list, const struct place *pl, size_t rows)
{
	json_t *o = json_pack("{s:[s], s:s, s:s?, s:I}", "fields", "health", "list", list, "place",
	                      pl ? pl->code : NULL, "rows", (json_int_t)rows);
	char *j = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	nct_err e = j ? unit_begin(x) : NCT_ERR_NOMEM;
	if (!e)
		e = unit_end(x, audit_write(x, "view_sensitive", "register", list, NULL, j));
	free(j);
	return e;
}

nct_err health_list_exported(struct ctx *x, const char *list, const struct place *pl,
                             const char *format, size_t rows)
{
	json_t *o =
	    json_pack("{s:[s], s:s, s:s?, s:s, s:I}", "fields", "health", "list", list, "place",
	              pl ? pl->code : NULL, "format", format, "rows", (json_int_t)rows);
	char *j = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	nct_err e = j ? unit_begin(x) : NCT_ERR_NOMEM;
	if (!e)
		e = unit_end(x, audit_write(x, "export", "register", list, NULL, j));
	free(j);
	return e;
}

static int card_person_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct card_row *r = row;
	person_from_columns(st, 0, &r->person);
	card_from_columns(st, PERSON_NCOLUMNS, &r->card);
	return DB_KEEP;
}

static int cmp_expiring(const void *a, const void *b)
{
	const struct card_row *x = a, *y = b;
	int c = strcmp(x->card.valid_to, y->card.valid_to);
	return c ? c : (x->card.id > y->card.id) - (x->card.id < y->card.id);
}

nct_err health_cards_expiring(struct ctx *x, const struct place *pl, struct date on, int days,
                              struct card_row **out, size_t *n, struct refusal *rf)
{
	static const char sql[] =
	    "SELECT " PERSON_COLUMNS ", " CARD_COLS
	    " FROM health_cards c JOIN persons p ON p.id = c.person_id"
	    " JOIN places pl ON pl.id = p.place_id WHERE" AREA_RANGE
	    " AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on > ?)"
	    " AND c.valid_from <= ? AND c.valid_to >= ? AND c.valid_to <= ?"
	    " AND NOT EXISTS (SELECT 1 FROM health_cards d WHERE d.person_id = c.person_id"
	    " AND d.valid_to > c.valid_to)"
	    " ORDER BY c.valid_to, c.id";
	struct area a;
	char d[DATE_LEN], end[DATE_LEN];
	*out = NULL;
	*n = 0;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "expiring_within", "");
	nct_err e = check_number(days, 0, HEALTH_EXPIRING_MAX, "expiring_within", rf);
	if (!e)
		e = area_of(x, pl, on, &a, rf);
	if (e)
		return e;
	date_format(on, d);
	date_format(date_from_days(date_to_days(on) + days), end);
	struct vec v;
	vec_init(&v, sizeof(struct card_row), HEALTH_LIST_MAX);
	for (size_t i = 0; !e && i < a.n; i++) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_text(st, 1, a.lo[i]);
		db_bind_text(st, 2, a.hi[i]);
		db_bind_text(st, 3, d);
		db_bind_text(st, 4, d);
		db_bind_text(st, 5, d);
		db_bind_text(st, 6, end);
		e = db_rows(st, &v, card_person_row, NULL);
	}
	if (!e && a.n > 1 && v.n > 1) /* qsort wants a real pointer even for none */
		qsort(v.ptr, v.n, v.size, cmp_expiring);
	if (!e)
		e = list_viewed(x, "cards_expiring", pl, v.n);
	*out = vec_result(&v, e, n);
	return e;
}

static int person_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	person_from_columns(st, 0, row);
	return DB_KEEP;
}

nct_err health_without_card(struct ctx *x, const struct place *pl, struct date on,
                            struct person **out, size_t *n, struct refusal *rf)
{
	static const char sql[] =
	    "SELECT " PERSON_COLUMNS " FROM places pl CROSS JOIN persons p"
	    " WHERE p.place_id = pl.id AND" AREA_RANGE
	    " AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on > ?)"
	    " AND p.birth_start <= ?"
	    " AND NOT EXISTS (SELECT 1 FROM health_cards c WHERE c.person_id = p.id"
	    " AND c.valid_from <= ? AND c.valid_to >= ?)"
	    " ORDER BY p.sort_key, p.id";
	struct area a;
	char d[DATE_LEN], cut[DATE_LEN];
	*out = NULL;
	*n = 0;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "without_card", "");
	nct_err e = area_of(x, pl, on, &a, rf);
	if (e)
		return e;
	date_format(on, d);
	struct date c = {on.y - HEALTH_OLDER_AGE, on.m, on.d};
	if (!date_valid(c.y, c.m, c.d))
		c.d = 28; /* born on 29 February: 60 on the 28th in a common year */
	date_format(c, cut);
	struct vec v;
	vec_init(&v, sizeof(struct person), HEALTH_LIST_MAX);
	for (size_t i = 0; !e && i < a.n; i++) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_text(st, 1, a.lo[i]);
		db_bind_text(st, 2, a.hi[i]);
		db_bind_text(st, 3, d);
		db_bind_text(st, 4, cut);
		db_bind_text(st, 5, d);
		db_bind_text(st, 6, d);
		e = db_rows(st, &v, person_row, NULL);
	}
	if (!e)
		e = list_viewed(x, "without_card", pl, v.n);
	*out = vec_result(&v, e, n);
	return e;
}

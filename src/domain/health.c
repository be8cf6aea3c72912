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
#include "composition_rule.h"
#include "register.h"
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
		e = refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, field, "n",
		           (int64_t)HEALTH_RECORDS_MAX);
	return e;
}

/* Writes the audit row of a change to person_id's health: o is consumed. */
static nct_err health_audit(struct ctx *x, const char *action, int64_t person_id, json_t *o)
{
	char idtxt[AUDIT_ID_LEN];
	return audit_json(x, action, "person", audit_id(idtxt, person_id), NULL, o);
}

/* The three kinds of record: their table's statements, audit name and the
 * field a refusal about the record as a whole names. */
struct hkind {
	char kind;
	const char *name, *field;
	const char *count_sql, *find_sql, *mark_sql;
};

#define HKIND(k, table, name, field)                                                               \
	{                                                                                          \
		k, name, field, "SELECT COUNT(*) FROM " table " WHERE person_id = ?",              \
		    "SELECT CASE WHEN retracted_at IS NULL THEN 'live' ELSE 'marked' END "         \
		    "FROM " table " WHERE id = ? AND person_id = ?",                               \
		    "UPDATE " table " SET retracted_at = ?, retract_reason = ?, replaced_by = ?"   \
		    " WHERE id = ? AND person_id = ? AND retracted_at IS NULL"                     \
	}

static const struct hkind hkinds[] = {
    HKIND(HEALTH_CARD, "health_cards", "health_card", "number"),
    HKIND(HEALTH_CHECKUP, "health_checkups", "health_checkup", "checked_on"),
    HKIND(HEALTH_CONDITION, "chronic_conditions", "chronic_condition", "name"),
};

static const struct hkind *hkind_of(char kind)
{
	for (size_t i = 0; i < sizeof hkinds / sizeof hkinds[0]; i++)
		if (hkinds[i].kind == kind)
			return &hkinds[i];
	return NULL;
}

/* Record id of person_id is one of k's, not corrected or retracted. */
static nct_err live_record(struct ctx *x, const struct hkind *k, int64_t person_id, int64_t id,
                           struct refusal *rf)
{
	char at[8] = "";
	struct db_stmt *st = db_prepare(x->db, k->find_sql);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, person_id);
	nct_err e = db_text(st, at, sizeof at); /* "" when there is no such record */
	if (!e && !at[0])
		return refuse(rf, NCT_ERR_NOTFOUND, RF_NO_SUCH_FACT, "record", "i", id);
	if (!e && strcmp(at, "live") != 0)
		return refuse(rf, NCT_ERR_CONFLICT, RF_FACT_RETRACTED, "record", "i", id);
	return e;
}

/* Inside the unit: marks record id corrected by replaced_by (0: retracted).
 * Someone who marked it meanwhile wins: RF_FACT_RETRACTED. */
static nct_err mark_record(struct ctx *x, const struct hkind *k, int64_t person_id, int64_t id,
                           const char *reason, int64_t replaced_by, struct refusal *rf)
{
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st =
	    DB_PREPARE(x->db, k->mark_sql, DB_T(now), DB_T(reason),
	               replaced_by ? DB_I(replaced_by) : DB_T(NULL), DB_I(id), DB_I(person_id));
	nct_err e = db_run(st);
	if (!e && db_changes(x->db) != 1)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_FACT_RETRACTED, "record", "i", id);
	return e;
}

/* A record checked and ready to write, of one of the three kinds. */
struct ready {
	const char *number, *payer, *name, *note;
	char from[DATE_LEN], to[DATE_LEN], on[DATE_LEN], since[DATE_LEN];
};

/* A card's day lies between HEALTH_CARD_FIRST and HEALTH_CARD_LAST:
 * RF_CARD_DATE_RANGE otherwise (a card of 0001 or 9999 is a typing slip). */
static nct_err card_day_sane(struct date d, const char *field, struct refusal *rf)
{
	static const struct date first = HEALTH_CARD_FIRST, last = HEALTH_CARD_LAST;
	if (date_cmp(d, first) >= 0 && date_cmp(d, last) <= 0)
		return NCT_OK;
	char on[DATE_LEN], lo[DATE_LEN], hi[DATE_LEN];
	date_format(d, on);
	date_format(first, lo);
	date_format(last, hi);
	return refuse(rf, NCT_ERR_INVALID, RF_CARD_DATE_RANGE, field, "ddd", on, lo, hi);
}

static nct_err card_ready(const struct card_new *in, struct ready *r, struct refusal *rf)
{
	struct date from, to;
	nct_err e = health_card_number_check(in->number, rf);
	if (!e)
		e = any_day(in->valid_from, "valid_from", &from, r->from, rf);
	if (!e)
		e = any_day(in->valid_to, "valid_to", &to, r->to, rf);
	if (!e)
		e = card_day_sane(from, "valid_from", rf);
	if (!e)
		e = card_day_sane(to, "valid_to", rf);
	if (!e && date_cmp(to, from) < 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_CARD_VALID_TO, "valid_to", "dd", r->to, r->from);
	if (!e)
		e = check_one_of(in->payer, card_payers, "payer", rf);
	r->number = in->number;
	r->payer = in->payer;
	return e;
}

static nct_err checkup_ready(const struct person *p, const struct checkup_new *in, struct ready *r,
                             struct refusal *rf)
{
	r->note = in->note ? in->note : "";
	nct_err e = life_day(p, in->checked_on, "checked_on", r->on, rf);
	return e ? e : check_optional_text(r->note, HEALTH_NOTE_MAX, "note", rf);
}

static nct_err condition_ready(const struct person *p, const struct condition_new *in,
                               struct ready *r, struct refusal *rf)
{
	r->name = in->name;
	r->note = in->note ? in->note : "";
	nct_err e = check_text(in->name, HEALTH_NAME_MAX, "name", rf);
	if (!e && in->since && in->since[0])
		e = life_day(p, in->since, "since", r->since, rf);
	return e ? e : check_optional_text(r->note, HEALTH_NOTE_MAX, "note", rf);
}

/* Inside the unit: inserts the record r of kind k; *what: the audit's picture of it. */
static nct_err insert_record(struct ctx *x, const struct hkind *k, int64_t person_id,
                             const struct ready *r, int64_t *id, json_t **what)
{
	static const char card_sql[] = "INSERT INTO health_cards (person_id, number, valid_from,"
	                               " valid_to, payer, created_at) VALUES (?, ?, ?, ?, ?, ?)"
	                               " RETURNING id";
	static const char checkup_sql[] = "INSERT INTO health_checkups (person_id, checked_on,"
	                                  " note, created_at) VALUES (?, ?, ?, ?) RETURNING id";
	static const char condition_sql[] = "INSERT INTO chronic_conditions (person_id, name,"
	                                    " since, note, created_at) VALUES (?, ?, ?, ?, ?)"
	                                    " RETURNING id";
	char now[26];
	struct db_stmt *st;
	time_format_vn(time(NULL), now);
	if (k->kind == HEALTH_CARD) {
		st = db_prepare(x->db, card_sql);
		db_bind_int(st, 1, person_id);
		db_bind_text(st, 2, r->number);
		db_bind_text(st, 3, r->from);
		db_bind_text(st, 4, r->to);
		db_bind_text(st, 5, r->payer);
		db_bind_text(st, 6, now);
	} else if (k->kind == HEALTH_CHECKUP) {
		st = db_prepare(x->db, checkup_sql);
		db_bind_int(st, 1, person_id);
		db_bind_text(st, 2, r->on);
		db_bind_text(st, 3, r->note);
		db_bind_text(st, 4, now);
	} else {
		st = db_prepare(x->db, condition_sql);
		db_bind_int(st, 1, person_id);
		db_bind_text(st, 2, r->name);
		db_bind_text(st, 3, r->since[0] ? r->since : NULL);
		db_bind_text(st, 4, r->note);
		db_bind_text(st, 5, now);
	}
	nct_err e = db_int(st, id);
	if (e)
		return e;
	if (k->kind == HEALTH_CARD)
		*what = json_pack("{s:I, s:s, s:s, s:s, s:s}", "card", (json_int_t)*id, "number",
		                  r->number, "valid_from", r->from, "valid_to", r->to, "payer",
		                  r->payer);
	else if (k->kind == HEALTH_CHECKUP)
		*what = json_pack("{s:I, s:s, s:s}", "checkup", (json_int_t)*id, "checked_on",
		                  r->on, "note", r->note);
	else
		*what = json_pack("{s:I, s:s, s:s?, s:s}", "condition", (json_int_t)*id, "name",
		                  r->name, "since", r->since[0] ? r->since : NULL, "note", r->note);
	return *what ? NCT_OK : NCT_ERR_NOMEM;
}

/* One unit: the record r written (room for one more first) and, for a
 * correction (old not 0), the old one marked replaced by it; audited
 * k->name, or "health_correct" naming both and the reason. */
static nct_err write_record(struct ctx *x, const struct hkind *k, int64_t person_id,
                            const struct ready *r, int64_t old, const char *reason, int64_t *id,
                            struct refusal *rf)
{
	json_t *what = NULL;
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = person_lock_live(x, person_id, rf); /* a merge since the checks: not on its tombstone */
	if (!e)
		e = room_for_one(x, k->count_sql, person_id, k->field, rf);
	if (!e)
		e = insert_record(x, k, person_id, r, id, &what);
	if (!e && old)
		e = mark_record(x, k, person_id, old, reason, *id, rf);
	if (!e && old) {
		json_object_set_new(what, "record", json_string(k->name));
		json_object_set_new(what, "replaces", json_integer((json_int_t)old));
		json_object_set_new(what, "reason", json_string(reason));
	}
	if (!e) {
		e = health_audit(x, old ? "health_correct" : k->name, person_id, what);
		what = NULL;
	}
	json_decref(what);
	return unit_end(x, e);
}

/* The checks of a correction or a retraction of record id, in this order: the
 * person (health_person), the record (live, theirs), the reason. */
static nct_err change_checks(struct ctx *x, const struct hkind *k, int64_t person_id, int64_t id,
                             const char *reason, struct person *p, struct refusal *rf)
{
	nct_err e = health_person(x, person_id, "record", p, rf);
	if (!e)
		e = live_record(x, k, person_id, id, rf);
	if (!e)
		e = check_text(reason, HEALTH_NOTE_MAX, "reason", rf);
	return e;
}

nct_err health_record_write(struct ctx *x, char kind, int64_t person_id, const void *in,
                            int64_t old, const char *reason, int64_t *id, struct refusal *rf)
{
	const struct hkind *k = hkind_of(kind);
	const char *first = kind == HEALTH_CARD      ? "number"
	                    : kind == HEALTH_CHECKUP ? "checked_on"
	                                             : "name";
	struct person p;
	struct ready r = {0};
	nct_err e = old ? change_checks(x, k, person_id, old, reason, &p, rf)
	                : health_person(x, person_id, first, &p, rf);
	if (!e)
		e = kind == HEALTH_CARD      ? card_ready(in, &r, rf)
		    : kind == HEALTH_CHECKUP ? checkup_ready(&p, in, &r, rf)
		                             : condition_ready(&p, in, &r, rf);
	return e ? e : write_record(x, k, person_id, &r, old, old ? reason : NULL, id, rf);
}

nct_err health_card_add(struct ctx *x, int64_t person_id, const struct card_new *in, int64_t *id,
                        struct refusal *rf)
{
	return health_record_write(x, HEALTH_CARD, person_id, in, 0, NULL, id, rf);
}

nct_err health_checkup_add(struct ctx *x, int64_t person_id, const struct checkup_new *in,
                           int64_t *id, struct refusal *rf)
{
	return health_record_write(x, HEALTH_CHECKUP, person_id, in, 0, NULL, id, rf);
}

nct_err health_condition_add(struct ctx *x, int64_t person_id, const struct condition_new *in,
                             int64_t *id, struct refusal *rf)
{
	return health_record_write(x, HEALTH_CONDITION, person_id, in, 0, NULL, id, rf);
}

nct_err health_card_correct(struct ctx *x, int64_t person_id, int64_t id, const struct card_new *in,
                            const char *reason, int64_t *new_id, struct refusal *rf)
{
	return health_record_write(x, HEALTH_CARD, person_id, in, id, reason, new_id, rf);
}

nct_err health_checkup_correct(struct ctx *x, int64_t person_id, int64_t id,
                               const struct checkup_new *in, const char *reason, int64_t *new_id,
                               struct refusal *rf)
{
	return health_record_write(x, HEALTH_CHECKUP, person_id, in, id, reason, new_id, rf);
}

nct_err health_condition_correct(struct ctx *x, int64_t person_id, int64_t id,
                                 const struct condition_new *in, const char *reason,
                                 int64_t *new_id, struct refusal *rf)
{
	return health_record_write(x, HEALTH_CONDITION, person_id, in, id, reason, new_id, rf);
}

nct_err health_retract(struct ctx *x, int64_t person_id, char kind, int64_t id, const char *reason,
                       struct refusal *rf)
{
	const struct hkind *k = hkind_of(kind);
	struct person p;
	if (!k)
		return refuse(rf, NCT_ERR_NOTFOUND, RF_NO_SUCH_FACT, "record", "i", id);
	nct_err e = change_checks(x, k, person_id, id, reason, &p, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = mark_record(x, k, person_id, id, reason, 0, rf);
	if (!e)
		e = health_audit(x, "health_retract", person_id,
		                 json_pack("{s:s, s:I, s:s}", "record", k->name, "id",
		                           (json_int_t)id, "reason", reason));
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

/* A check-up's and a condition's columns, in their statements' order. */
static const struct db_col checkup_col[] = {
    DB_NUM(struct checkup, id), DB_NUM(struct checkup, person_id),
    DB_TEXT(struct checkup, checked_on), DB_TEXT(struct checkup, note)};
static const struct db_cols checkup_cols = DB_COLS(struct checkup, checkup_col);
static const struct db_col condition_col[] = {
    DB_NUM(struct condition, id), DB_NUM(struct condition, person_id),
    DB_TEXT(struct condition, name), DB_TEXT(struct condition, since),
    DB_TEXT(struct condition, note)};
static const struct db_cols condition_cols = DB_COLS(struct condition, condition_col);

/* A record corrected or retracted: the record's columns, then the mark's. */
static int marked_row(struct db_stmt *st, void *row, void *arg)
{
	struct health_marked *m = row;
	const char *kind = arg;
	int n = 6;
	m->kind = *kind;
	if (m->kind == HEALTH_CARD) {
		card_from_columns(st, 0, &m->card);
	} else if (m->kind == HEALTH_CHECKUP) {
		db_read_cols(st, &checkup_cols, &m->checkup);
		n = 4;
	} else {
		db_read_cols(st, &condition_cols, &m->condition);
		n = 5;
	}
	text_copy(m->at, sizeof m->at, db_col_text(st, n));
	text_copy(m->reason, sizeof m->reason, db_col_text(st, n + 1));
	m->replaced_by = db_col_int(st, n + 2);
	return DB_KEEP;
}

#define MARK_COLS ", retracted_at, retract_reason, COALESCE(replaced_by, 0)"

/* p's records corrected or retracted, latest mark first within each kind. */
static nct_err read_marked(struct ctx *x, int64_t person_id, struct person_health *out)
{
	static const char *const sql[] = {
	    "SELECT " CARD_COLS MARK_COLS " FROM health_cards c WHERE c.person_id = ?"
	    " AND c.retracted_at IS NOT NULL ORDER BY retracted_at DESC, c.id DESC",
	    "SELECT id, person_id, checked_on, note" MARK_COLS " FROM health_checkups"
	    " WHERE person_id = ? AND retracted_at IS NOT NULL ORDER BY retracted_at DESC, id DESC",
	    "SELECT id, person_id, name, since, note" MARK_COLS " FROM chronic_conditions"
	    " WHERE person_id = ? AND retracted_at IS NOT NULL ORDER BY retracted_at DESC, id "
	    "DESC"};
	static const char kinds[] = {HEALTH_CARD, HEALTH_CHECKUP, HEALTH_CONDITION};
	struct vec v;
	nct_err e = NCT_OK;
	vec_init(&v, sizeof(struct health_marked), 3 * HEALTH_RECORDS_MAX);
	for (size_t i = 0; !e && i < 3; i++) {
		struct db_stmt *st = db_prepare(x->db, sql[i]);
		db_bind_int(st, 1, person_id);
		e = db_rows(st, &v, marked_row, (void *)&kinds[i]);
	}
	out->marked = vec_result(&v, e, &out->nmarked);
	return e;
}

/* Reads the rows of sql (one '?': the person) into *out. */
static nct_err read_list(struct ctx *x, const char *sql, int64_t person_id, size_t size,
                         db_row_reader *read, const void *arg, void **out, size_t *n)
{
	struct vec v;
	vec_init(&v, size, HEALTH_RECORDS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, person_id);
	nct_err e = db_rows(st, &v, read, (void *)arg);
	*out = vec_result(&v, e, n);
	return e;
}

nct_err person_health(struct ctx *x, const struct person *p, struct person_health *out)
{
	static const char cards[] = "SELECT " CARD_COLS " FROM health_cards c WHERE c.person_id = ?"
	                            " AND c.retracted_at IS NULL"
	                            " ORDER BY c.valid_to DESC, c.id DESC";
	static const char checkups[] = "SELECT id, person_id, checked_on, note FROM health_checkups"
	                               " WHERE person_id = ? AND retracted_at IS NULL"
	                               " ORDER BY checked_on DESC, id DESC";
	static const char conditions[] = "SELECT id, person_id, name, since, note"
	                                 " FROM chronic_conditions WHERE person_id = ?"
	                                 " AND retracted_at IS NULL ORDER BY id";
	memset(out, 0, sizeof *out);
	if (access_person(x, p, ACCESS_SENSITIVE))
		return NCT_ERR_DENIED;
	void *a = NULL, *b = NULL, *c = NULL;
	nct_err e = read_list(x, cards, p->id, sizeof(struct health_card), card_row, NULL, &a,
	                      &out->ncards);
	out->cards = a;
	if (!e)
		e = read_list(x, checkups, p->id, sizeof(struct checkup), db_cols_reader,
		              &checkup_cols, &b, &out->ncheckups);
	out->checkups = b;
	if (!e)
		e = read_list(x, conditions, p->id, sizeof(struct condition), db_cols_reader,
		              &condition_cols, &c, &out->nconditions);
	out->conditions = c;
	if (!e)
		e = read_marked(x, p->id, out);
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
	free(h->marked);
	memset(h, 0, sizeof *h);
}

/* ---- lists --------------------------------------------------------------------- */

static void area_add(struct area *a, const char *path)
{
	if (a->n == AREA_MAX)
		return;
	place_subtree_bounds(path, a->lo[a->n], a->hi[a->n], sizeof a->lo[0]);
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
	char *j = audit_text(json_pack("{s:[s], s:s, s:s?, s:I}", "fields", "health", "list", list,
	                               "place", pl ? pl->code : NULL, "rows", (json_int_t)rows));
	nct_err e = audit_alone(x, "view_sensitive", "register", list, j);
	free(j);
	return e;
}

nct_err health_list_exported(struct ctx *x, const char *list, const struct place *pl,
                             const char *format, size_t rows)
{
	char *j = audit_text(json_pack("{s:[s], s:s, s:s?, s:s, s:I}", "fields", "health", "list",
	                               list, "place", pl ? pl->code : NULL, "format", format,
	                               "rows", (json_int_t)rows));
	nct_err e = audit_alone(x, "export", "register", list, j);
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

/* The next page of one subtree's expiring cards after the card (vt, id) in
 * the list's order, appended to v. */
static nct_err expiring_page(struct ctx *x, const struct area *a, size_t i, const char *d,
                             const char *end, const char *vt, int64_t id, struct vec *v)
{
	static const char sql[] =
	    "SELECT " PERSON_COLUMNS ", " CARD_COLS
	    " FROM health_cards c JOIN persons p ON p.id = c.person_id"
	    " JOIN places pl ON pl.id = p.place_id WHERE" AREA_RANGE
	    " AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on > ?)"
	    " AND c.valid_from <= ? AND c.valid_to >= ? AND c.valid_to <= ?"
	    " AND c.retracted_at IS NULL"
	    " AND NOT EXISTS (SELECT 1 FROM health_cards d WHERE d.person_id = c.person_id"
	    " AND d.valid_to > c.valid_to AND d.retracted_at IS NULL)"
	    " AND (c.valid_to > ? OR (c.valid_to = ? AND c.id > ?))"
	    " ORDER BY c.valid_to, c.id LIMIT ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, a->lo[i]);
	db_bind_text(st, 2, a->hi[i]);
	db_bind_text(st, 3, d);
	db_bind_text(st, 4, d);
	db_bind_text(st, 5, d);
	db_bind_text(st, 6, end);
	db_bind_text(st, 7, vt);
	db_bind_text(st, 8, vt);
	db_bind_int(st, 9, id);
	db_bind_int(st, 10, HEALTH_LIST_PAGE);
	return db_rows(st, v, card_person_row, NULL);
}

nct_err health_cards_expiring_each(struct ctx *x, const struct place *pl, struct date on, int days,
                                   nct_err (*each)(const struct card_row *v, size_t n, void *arg),
                                   void *arg, size_t *rows, struct refusal *rf)
{
	struct area a;
	char d[DATE_LEN], end[DATE_LEN], vt[DATE_LEN] = "";
	int64_t id = 0;
	*rows = 0;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "expiring_within", "");
	nct_err e = check_number(days, 0, HEALTH_EXPIRING_MAX, "expiring_within", rf);
	if (!e)
		e = area_of(x, pl, on, &a, rf);
	if (e)
		return e;
	date_format(on, d);
	date_format(date_add_days(on, days), end);
	/* Each subtree read a page at a time from where its previous page stopped,
	 * and the subtrees merged: a card is read once. A subtree's page is read
	 * when the merge has taken all of its previous one (a subtree whose page
	 * was short has no more). */
	struct subtree {
		struct vec v;
		size_t at;
		bool done;
	} *s = calloc(a.n, sizeof *s);
	struct vec page;
	vec_init(&page, sizeof(struct card_row), HEALTH_LIST_PAGE);
	e = s ? NCT_OK : NCT_ERR_NOMEM;
	for (size_t i = 0; s && i < a.n; i++)
		vec_init(&s[i].v, sizeof(struct card_row), HEALTH_LIST_PAGE);
	for (bool more = true; !e && more;) {
		const struct card_row *least = NULL;
		size_t from = 0;
		for (size_t i = 0; !e && i < a.n; i++) {
			struct subtree *t = &s[i];
			if (t->at == t->v.n && !t->done) {
				const struct card_row *last =
				    t->v.n ? vec_at(&t->v, const struct card_row, t->v.n - 1)
				           : NULL;
				text_copy(vt, sizeof vt, last ? last->card.valid_to : "");
				id = last ? last->card.id : 0;
				t->v.n = t->at = 0;
				e = expiring_page(x, &a, i, d, end, vt, id, &t->v);
				t->done = t->v.n < HEALTH_LIST_PAGE;
			}
			const struct card_row *head =
			    t->at < t->v.n ? vec_at(&t->v, const struct card_row, t->at) : NULL;
			if (!e && head && (!least || cmp_expiring(head, least) < 0)) {
				least = head;
				from = i;
			}
		}
		more = least != NULL;
		if (!e && more && !(e = vec_add(&page, least)))
			s[from].at++;
		if (!e && (page.n == HEALTH_LIST_PAGE || (!more && page.n))) {
			e = *rows + page.n > HEALTH_LIST_MAX ? NCT_ERR_TOOBIG
			                                     : each(page.ptr, page.n, arg);
			*rows += e ? 0 : page.n;
			page.n = 0;
		}
	}
	for (size_t i = 0; s && i < a.n; i++)
		vec_free(&s[i].v);
	free(s);
	vec_free(&page);
	if (!e)
		e = list_viewed(x, "cards_expiring", pl, *rows);
	return e;
}

/* Appends a page of n rows to the vec arg (of rows of their size). */
static nct_err keep_rows(const void *v, size_t n, void *arg)
{
	struct vec *to = arg;
	void *at = vec_grow(to, n);
	if (!at)
		return vec_failed(to);
	memcpy(at, v, n * to->size);
	return NCT_OK;
}

static nct_err keep_cards(const struct card_row *v, size_t n, void *arg)
{
	return keep_rows(v, n, arg);
}

nct_err health_cards_expiring(struct ctx *x, const struct place *pl, struct date on, int days,
                              struct card_row **out, size_t *n, struct refusal *rf)
{
	struct vec v;
	size_t rows;
	vec_init(&v, sizeof(struct card_row), HEALTH_LIST_MAX);
	nct_err e = health_cards_expiring_each(x, pl, on, days, keep_cards, &v, &rows, rf);
	*out = vec_result(&v, e, n);
	return e;
}

/* A page of the without-card list as the register lists it: no valid card on
 * `on`, aged older_age (the composition rule in force on `on`: dated data,
 * 60 from the Law on the Elderly) or more, living, in a's subtrees. The
 * register picks what drives it (the area's people, or a walk in its order)
 * and counts up to its cap. Not audited. */
static nct_err without_card_page(struct ctx *x, const struct area *a, struct date on, int64_t after,
                                 size_t offset, size_t limit, struct register_page *out,
                                 struct refusal *rf)
{
	struct composition_rule rule;
	nct_err e = composition_rule_on(x, on, &rule);
	if (e)
		return e;
	struct register_filter f;
	register_filter_init(&f);
	f.on = on;
	f.age_from = rule.older_age;
	f.without_card = true;
	f.area = a;
	f.after = after;
	f.offset = offset;
	f.limit = limit;
	return register_list(x, &f, out, rf);
}

nct_err health_without_card_page(struct ctx *x, const struct place *pl, struct date on,
                                 int64_t after, size_t offset, size_t limit,
                                 struct register_page *out, struct refusal *rf)
{
	struct area a;
	memset(out, 0, sizeof *out);
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "without_card", "");
	nct_err e = area_of(x, pl, on, &a, rf);
	if (!e)
		e = without_card_page(x, &a, on, after, offset, limit, out, rf);
	if (!e)
		e = list_viewed(x, "without_card", pl, out->n);
	if (e) {
		free(out->v);
		memset(out, 0, sizeof *out);
	}
	return e;
}

nct_err health_without_card_each(struct ctx *x, const struct place *pl, struct date on,
                                 nct_err (*each)(const struct person *v, size_t n, void *arg),
                                 void *arg, size_t *rows, struct refusal *rf)
{
	struct area a;
	*rows = 0;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "without_card", "");
	nct_err e = area_of(x, pl, on, &a, rf);
	int64_t after = 0;
	do {
		struct register_page pg;
		memset(&pg, 0, sizeof pg);
		if (!e && *rows >= HEALTH_LIST_MAX)
			e = NCT_ERR_TOOBIG;
		if (!e)
			e = without_card_page(x, &a, on, after, 0, HEALTH_LIST_PAGE, &pg, rf);
		if (!e && pg.n)
			e = each(pg.v, pg.n, arg);
		*rows += pg.n;
		after = pg.next;
		free(pg.v);
	} while (!e && after);
	if (!e)
		e = list_viewed(x, "without_card", pl, *rows);
	return e;
}

static nct_err keep_people(const struct person *v, size_t n, void *arg)
{
	return keep_rows(v, n, arg);
}

nct_err health_without_card(struct ctx *x, const struct place *pl, struct date on,
                            struct person **out, size_t *n, struct refusal *rf)
{
	struct vec v;
	size_t rows;
	vec_init(&v, sizeof(struct person), HEALTH_LIST_MAX);
	nct_err e = health_without_card_each(x, pl, on, keep_people, &v, &rows, rf);
	*out = vec_result(&v, e, n);
	return e;
}

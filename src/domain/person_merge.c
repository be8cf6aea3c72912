/* person_merge.c - the same human twice: possible duplicates before a person
 * is added, and the merge of two records (register.h). */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "club_facts.h"
#include "fact_pack.h"
#include "ctx.h"
#include "decision.h"
#include "health.h"
#include "person_fact.h"
#include "register.h"

/* ---- possible duplicates -------------------------------------------------- */

#define DUP_FROM PERSON_COLUMNS " FROM persons p JOIN places pl ON pl.id = p.place_id "
#define DUP_COLS "SELECT " DUP_FROM

/* What dup_row keeps: those x sees; the others are counted. */
struct dup_read {
	struct ctx *x;
	int64_t hidden;
	nct_err err;
};

/* DB_KEEP when x sees p; DB_SKIP, counted in *hidden, when it may not. */
static int dup_seen(struct ctx *x, const struct person *p, int64_t *hidden)
{
	nct_err e = access_person(x, p, ACCESS_SEE);
	if (e && e != NCT_ERR_DENIED)
		return -(int)e;
	if (e)
		(*hidden)++;
	return e ? DB_SKIP : DB_KEEP;
}

static int dup_row(struct db_stmt *st, void *row, void *arg)
{
	struct dup_read *d = arg;
	person_from_columns(st, 0, row);
	return dup_seen(d->x, row, &d->hidden);
}

/* The persons of the same citizen ID, or of the same folded name, birth
 * year and commune, as SQL of the values named (? or a key's columns). The
 * IN keeps it two index seeks (citizen ID, folded name): the OR alone made
 * SQLite scan every person. */
#define DUP_WHERE(CID, FOLD, LO, HI, COMMUNE)                                                      \
	"WHERE p.id IN (SELECT id FROM persons WHERE citizen_id = " CID " UNION ALL"               \
	" SELECT id FROM persons WHERE name_fold = " FOLD ")"                                      \
	" AND p.merged_into IS NULL AND ((p.citizen_id IS NOT NULL AND p.citizen_id = " CID ")"    \
	" OR (p.name_fold = " FOLD " AND p.birth_start >= " LO " AND p.birth_start <= " HI         \
	" AND (pl.id = " COMMUNE " OR pl.parent_id = " COMMUNE ")))"

/* What a row's duplicates are asked by: the citizen ID ("-" when none), the
 * folded name, the birth year's first and last day, the commune. */
struct dup_key {
	char *fold; /* NULL: "" */
	const char *cid;
	char from[DATE_LEN], to[DATE_LEN];
	int64_t commune;
};

static nct_err dup_key_of(struct ctx *x, struct person_cache *pc, const struct person_new *in,
                          struct dup_key *k)
{
	struct birth b = {0, 0, 0};
	memset(k, 0, sizeof *k);
	k->fold = text_fold_dup(in->full_name ? in->full_name : "");
	k->commune = person_commune_of(x, pc, in->place_code);
	if (birth_parse_vn(in->birth, &b) == NCT_OK) {
		snprintf(k->from, sizeof k->from, "%04d-01-01", b.year);
		snprintf(k->to, sizeof k->to, "%04d-12-31", b.year);
	}
	k->cid = in->citizen_id && in->citizen_id[0] ? in->citizen_id : "-";
	return k->fold ? NCT_OK : NCT_ERR_NOMEM;
}

nct_err register_duplicates(struct ctx *x, const struct person_new *in, struct person **out,
                            size_t *n, int64_t *hidden)
{
	static const char sql[] = DUP_COLS DUP_WHERE("?", "?", "?", "?", "?") " ORDER BY p.id";
	struct dup_key k;
	struct dup_read d = {x, 0, NCT_OK};
	struct vec v;
	*out = NULL;
	*n = 0;
	*hidden = 0;
	nct_err e = dup_key_of(x, NULL, in, &k);
	if (e)
		return e;
	vec_init(&v, sizeof **out, REGISTER_DUPLICATES_MAX);
	const char *fold = k.fold ? k.fold : "";
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_T(k.cid), DB_T(fold), DB_T(k.cid), DB_T(fold), DB_T(k.from),
	               DB_T(k.to), DB_I(k.commune), DB_I(k.commune));
	e = db_rows(st, &v, dup_row, &d);
	if (e == NCT_ERR_TOOBIG)
		e = NCT_OK; /* enough to show */
	*out = vec_result(&v, e, n);
	*hidden = d.hidden;
	free(k.fold);
	return e;
}

/* register_duplicates's statement for PERSON_BATCH_MAX persons, each key's
 * lookup its own index seeks (db_keyed_sql). */
#define DUP_KEYED_MAX 16384
static char dup_many_lite[DUP_KEYED_MAX], dup_many_pg[DUP_KEYED_MAX];
static pthread_once_t dup_many_once = PTHREAD_ONCE_INIT;

static void dup_many_make(void)
{
	db_keyed_sql(dup_many_lite, dup_many_pg, DUP_KEYED_MAX, PERSON_BATCH_MAX,
	             "cid, fold, lo, hi, commune", "?, ?, ?, ?, CAST(? AS BIGINT)", PERSON_COLUMNS,
	             "persons p JOIN places pl ON pl.id = p.place_id " DUP_WHERE(
	                 "k.cid", "k.fold", "k.lo", "k.hi", "k.commune"),
	             "1, 2");
}

const char *register_duplicates_many_sql(const struct db *db)
{
	pthread_once(&dup_many_once, dup_many_make);
	return db_sql_for(db, dup_many_lite, dup_many_pg);
}

struct dup_many {
	struct ctx *x;
	struct register_dups *out;
	size_t n;
};

/* A row of arm k: as dup_row for that arm's answer, which stops (as
 * register_duplicates does) once it holds REGISTER_DUPLICATES_MAX. */
static int dup_many_row(struct db_stmt *st, void *row, void *arg)
{
	struct dup_many *m = arg;
	struct person *p = row;
	int64_t k = db_col_int(st, 0);
	if (k < 0 || (size_t)k >= m->n)
		return DB_SKIP;
	struct register_dups *o = &m->out[k];
	if (o->n >= REGISTER_DUPLICATES_MAX)
		return DB_SKIP;
	person_from_columns(st, 1, p);
	int kept = dup_seen(m->x, p, &o->hidden);
	if (kept == DB_KEEP && o->n++ == 0)
		o->first = *p;
	return kept < 0 ? kept : DB_SKIP;
}

nct_err register_duplicates_many(struct ctx *x, struct person_cache *pc,
                                 const struct person_new *const *in, size_t n,
                                 struct register_dups *out)
{
	static const struct dup_key none = {NULL, "-", "", "", 0};
	struct dup_key k[PERSON_BATCH_MAX];
	nct_err e = n > PERSON_BATCH_MAX ? NCT_ERR_INVALID : NCT_OK;
	size_t made = 0;
	if (e || n == 0)
		return e;
	memset(out, 0, n * sizeof *out);
	for (; !e && made < n; made++)
		e = dup_key_of(x, pc, in[made], &k[made]);
	const char *sql = register_duplicates_many_sql(x->db);
	struct db_stmt *st = NULL;
	if (!e && !(st = sql[0] ? db_prepare(x->db, sql) : NULL))
		e = sql[0] ? NCT_ERR_DB : NCT_ERR_NOMEM;
	if (!e) {
		/* the keys past n ask nothing that can be found */
		for (size_t i = 0; i < PERSON_BATCH_MAX; i++) {
			const struct dup_key *d = i < n ? &k[i] : &none;
			int at = (int)(5 * i);
			db_bind_text(st, at + 1, d->cid);
			db_bind_text(st, at + 2, d->fold ? d->fold : "");
			db_bind_text(st, at + 3, d->from);
			db_bind_text(st, at + 4, d->to);
			db_bind_int(st, at + 5, d->commune);
		}
		struct dup_many m = {x, out, n};
		struct vec v;
		vec_init(&v, sizeof(struct person), 1);
		e = db_rows(st, &v, dup_many_row, &m);
		vec_free(&v);
	}
	for (size_t i = 0; i < made; i++)
		free(k[i].fold);
	return e;
}

nct_err register_add(struct ctx *x, const struct person_new *in, bool confirm_new, int64_t *id,
                     struct person **dups, size_t *ndups, int64_t *hidden, struct refusal *rf)
{
	*dups = NULL;
	*ndups = 0;
	*hidden = 0;
	nct_err e = person_check(x, in, rf);
	if (!e && !confirm_new)
		e = register_duplicates(x, in, dups, ndups, hidden);
	if (!e && (*ndups || *hidden))
		return refuse(rf, NCT_ERR_CONFLICT, RF_POSSIBLE_DUPLICATES, "full_name", "i",
		              (int64_t)*ndups + *hidden);
	return e ? e : person_create(x, in, id, rf);
}

/* ---- the merge ------------------------------------------------------------- */

const char *const person_references[] = {"memberships.person_id",
                                         "club_board.person_id",
                                         "home_visits.volunteer_id",
                                         "home_visits.visited_id",
                                         "loans.person_id",
                                         "person_facts.person_id",
                                         "person_name_keys.person_id",
                                         "persons.merged_into",
                                         "health_cards.person_id",
                                         "health_checkups.person_id",
                                         "chronic_conditions.person_id",
                                         "celebrations_given.person_id",
                                         "allowance_decisions.person_id",
                                         "payment_receipts.person_id",
                                         NULL};

/* One UPDATE per reference; the SQL names are literals (prepared statements
 * are cached by their text's address). */
static const char *const move_sql[] = {
    "UPDATE memberships SET person_id = ? WHERE person_id = ?",
    "UPDATE club_board SET person_id = ? WHERE person_id = ?",
    "UPDATE home_visits SET volunteer_id = ? WHERE volunteer_id = ?",
    "UPDATE home_visits SET visited_id = ? WHERE visited_id = ?",
    "UPDATE loans SET person_id = ? WHERE person_id = ?",
    "UPDATE person_facts SET person_id = ? WHERE person_id = ?",
    NULL, /* person_name_keys: person_index drops the duplicate's and makes the survivor's */
    "UPDATE persons SET merged_into = ? WHERE merged_into = ?",
    "UPDATE health_cards SET person_id = ? WHERE person_id = ?",
    "UPDATE health_checkups SET person_id = ? WHERE person_id = ?",
    "UPDATE chronic_conditions SET person_id = ? WHERE person_id = ?",
    "UPDATE celebrations_given SET person_id = ? WHERE person_id = ?",
    "UPDATE allowance_decisions SET person_id = ? WHERE person_id = ?",
    "UPDATE payment_receipts SET person_id = ? WHERE person_id = ?",
};
_Static_assert(sizeof move_sql / sizeof move_sql[0] ==
                   sizeof person_references / sizeof person_references[0] - 1,
               "one statement per reference");

/* A club where both are current members, into club (its name), or "". */
static nct_err both_members(struct ctx *x, int64_t a, int64_t b,
                            char club[TEXT_BYTES(150) /* CLUB_NAME_MAX */])
{
	static const char sql[] =
	    "SELECT c.name FROM memberships m JOIN memberships n ON n.club_id = m.club_id"
	    " JOIN clubs c ON c.id = m.club_id WHERE m.person_id = ? AND n.person_id = ?"
	    " AND m.left_on IS NULL AND n.left_on IS NULL";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	return db_text(st, club, 128);
}

/* Whether both a and b have an allowance decision in force this month or in
 * a later month (two grants that start in a future month count: what is in
 * force changes only at a decision's month, so those months are the ones
 * looked at), or a receipt for the same month: merged, the one human would be
 * paid twice (or hold two decisions), so an officer stops one first. */
static int month_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	text_copy(row, MONTH_LEN, db_col_text(st, 0));
	return DB_KEEP;
}

static nct_err both_paid(struct ctx *x, int64_t a, int64_t b, bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM payment_receipts r JOIN payment_receipts s"
	                          " ON s.month = r.month WHERE r.person_id = ? AND s.person_id = ?";
	static const char later[] = "SELECT DISTINCT month FROM allowance_decisions"
	                            " WHERE person_id IN (?, ?) AND month > ? ORDER BY month";
	char day[DATE_LEN], month[MONTH_LEN];
	struct decision da, dd;
	bool fa = false, fb = false;
	int64_t k = 0;
	size_t n = 0;
	nct_err e;
	date_format(date_today_vn(), day);
	memcpy(month, day, 7);
	month[7] = '\0';
	struct db_stmt *st = db_prepare(x->db, later);
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	db_bind_text(st, 3, month);
	char(*months)[MONTH_LEN] =
	    db_list(st, MONTH_LEN, 2 * DECISION_LIST_MAX, month_row, NULL, &n, &e);
	if (e)
		return e;
	for (size_t i = 0; !e && !(fa && fb) && i <= n; i++) {
		const char *m = i == 0 ? month : months[i - 1];
		e = decision_in_force(x->db, a, m, &da, &fa);
		if (!e)
			e = decision_in_force(x->db, b, m, &dd, &fb);
	}
	free(months);
	if (!e && !(fa && fb)) {
		st = db_prepare(x->db, sql);
		db_bind_int(st, 1, a);
		db_bind_int(st, 2, b);
		e = db_int(st, &k);
	}
	*yes = (fa && fb) || k > 0;
	return e;
}

/* Whether the two records' health cards, check-ups and conditions together
 * stay within HEALTH_RECORDS_MAX of each kind, so that the survivor's health
 * can be read back (person_health stops there). */
static nct_err health_room(struct ctx *x, int64_t a, int64_t b, struct refusal *rf)
{
	static const char *const count_sql[] = {
	    "SELECT COUNT(*) FROM health_cards WHERE person_id IN (?, ?)",
	    "SELECT COUNT(*) FROM health_checkups WHERE person_id IN (?, ?)",
	    "SELECT COUNT(*) FROM chronic_conditions WHERE person_id IN (?, ?)",
	};
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < sizeof count_sql / sizeof count_sql[0]; i++) {
		int64_t n = 0;
		struct db_stmt *st = db_prepare(x->db, count_sql[i]);
		db_bind_int(st, 1, a);
		db_bind_int(st, 2, b);
		if (!(e = db_int(st, &n)) && n > HEALTH_RECORDS_MAX)
			e = refuse(rf, NCT_ERR_INVALID, RF_MERGE_TOO_MANY, "duplicate", "n",
			           (int64_t)HEALTH_RECORDS_MAX);
	}
	return e;
}

static nct_err merge_check(struct ctx *x, int64_t survivor, int64_t duplicate, struct person *s,
                           struct person *d, struct refusal *rf)
{
	char club[TEXT_BYTES(150) /* CLUB_NAME_MAX */];
	if (survivor == duplicate)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGE_SELF, "duplicate", "");
	nct_err e = person_get(x, survivor, s);
	if (e)
		return e;
	if ((e = person_seen(x, duplicate, "duplicate", d, rf)))
		return e;
	/* a merge moves decisions, receipts and health records: an officer's */
	if (access_person(x, s, ACCESS_SENSITIVE) || access_person(x, d, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (s->merged_into || d->merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, s->merged_into ? NULL : "duplicate",
		              "i", s->merged_into ? s->merged_into : d->merged_into);
	if ((e = both_members(x, survivor, duplicate, club)))
		return e;
	if (club[0])
		return refuse(rf, NCT_ERR_INVALID, RF_MERGE_BOTH_MEMBERS, "duplicate", "s", club);
	bool paid = false;
	if ((e = both_paid(x, survivor, duplicate, &paid)))
		return e;
	if (paid)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGE_BOTH_PAID, "duplicate", "");
	return health_room(x, survivor, duplicate, rf);
}

/* The survivor keeps its own fields and takes the duplicate's where it has none. */
static nct_err merge_fields(struct ctx *x, int64_t survivor, int64_t duplicate)
{
	static const char sql[] =
	    "UPDATE persons SET"
	    " citizen_id = COALESCE(citizen_id, (SELECT d.citizen_id FROM persons d WHERE d.id = "
	    "?)),"
	    " ethnicity = COALESCE(ethnicity, (SELECT d.ethnicity FROM persons d WHERE d.id = ?)),"
	    " died_on = COALESCE(died_on, (SELECT d.died_on FROM persons d WHERE d.id = ?)),"
	    " updated_at = ? WHERE id = ?";
	static const char sql_tomb[] = "UPDATE persons SET merged_into = ?, updated_at = ?"
	                               " WHERE id = ? AND merged_into IS NULL";
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(duplicate), DB_I(duplicate),
	                                DB_I(duplicate), DB_T(now), DB_I(survivor));
	nct_err e = db_run(st);
	st = e ? NULL : DB_PREPARE(x->db, sql_tomb, DB_I(survivor), DB_T(now), DB_I(duplicate));
	if (!e && !(e = db_run(st)) && db_changes(x->db) != 1)
		e = NCT_ERR_CONFLICT; /* merged meanwhile: the checks below the lock forbid it */
	return e;
}

static nct_err merge_audit(struct ctx *x, int64_t survivor, int64_t duplicate, json_t *moved)
{
	char s[AUDIT_ID_LEN], d[AUDIT_ID_LEN];
	nct_err e = audit_json(
	    x, "merge", "person", audit_id(d, duplicate), NULL,
	    json_pack("{s:I, s:O}", "merged_into", (json_int_t)survivor, "moved", moved));
	return e ? e
	         : audit_json(x, "merge", "person", audit_id(s, survivor), NULL,
	                      json_pack("{s:I, s:O}", "merged_from", (json_int_t)duplicate, "moved",
	                                moved));
}

static nct_err merge_write(struct ctx *x, int64_t survivor, int64_t duplicate)
{
	json_t *moved = json_object();
	nct_err e = moved ? NCT_OK : NCT_ERR_NOMEM;
	for (size_t i = 0; !e && person_references[i]; i++) {
		if (!move_sql[i])
			continue;
		struct db_stmt *st = db_prepare(x->db, move_sql[i]);
		db_bind_int(st, 1, survivor);
		db_bind_int(st, 2, duplicate);
		e = db_run(st);
		if (!e && db_changes(x->db) > 0)
			json_object_set_new(moved, person_references[i],
			                    json_integer((json_int_t)db_changes(x->db)));
	}
	if (!e)
		e = merge_fields(x, survivor, duplicate);
	if (!e) /* the duplicate's memberships and loans are the survivor's now */
		e = club_facts_refresh_person(x->db, survivor);
	if (!e) /* and so are its facts */
		e = fact_pack_refresh(x->db, survivor);
	if (!e)
		e = fact_pack_refresh(x->db, duplicate);
	if (!e)
		e = person_residence_follow(x, survivor);
	if (!e)
		e = person_index(x, survivor);
	if (!e)
		e = person_index(x, duplicate);
	if (!e)
		e = merge_audit(x, survivor, duplicate, moved);
	json_decref(moved);
	return e;
}

nct_err person_merge(struct ctx *x, int64_t survivor, int64_t duplicate, struct refusal *rf)
{
	struct person s, d;
	if (survivor == duplicate)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGE_SELF, "duplicate", "");
	/* Both rows locked (the smaller id first, so two merges of one pair take
	 * them in one order; SQLite's unit holds the write lock), then the checks
	 * read what others committed: a second merge of the pair sees the first's
	 * tombstone and is refused. */
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = db_lock_row(x->db, "persons", survivor < duplicate ? survivor : duplicate);
	if (!e)
		e = db_lock_row(x->db, "persons", survivor < duplicate ? duplicate : survivor);
	if (!e)
		e = merge_check(x, survivor, duplicate, &s, &d, rf);
	if (!e)
		e = merge_write(x, survivor, duplicate);
	return unit_end(x, e);
}

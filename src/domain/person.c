#include "person.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "club_facts.h"
#include "fact_pack.h"
#include "citizen_id.h"
#include "composition.h"
#include "ctx.h"
#include "person_fact.h"
#include "person_name.h"

char sex_parse(const char *s)
{
	if (!s)
		return 0;
	char *f = text_fold_dup(s);
	char r = 0;
	if (f && (strcmp(f, "f") == 0 || strcmp(f, "nu") == 0))
		r = 'F';
	else if (f && (strcmp(f, "m") == 0 || strcmp(f, "nam") == 0))
		r = 'M';
	free(f);
	return r;
}

#define PERSON_COLS "SELECT " PERSON_COLUMNS " FROM persons p JOIN places pl ON pl.id = p.place_id "

void person_from_columns(struct db_stmt *st, int col, struct person *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, col);
	text_copy(p->full_name, sizeof p->full_name, db_col_text(st, col + 1));
	const char *sex = db_col_text(st, col + 2);
	p->sex = sex ? sex[0] : '?';
	if (birth_parse(db_col_text(st, col + 3), &p->birth) != NCT_OK)
		memset(&p->birth, 0, sizeof p->birth);
	p->place_id = db_col_int(st, col + 4);
	text_copy(p->place_code, sizeof p->place_code, db_col_text(st, col + 5));
	text_copy(p->place_name, sizeof p->place_name, db_col_text(st, col + 6));
	text_copy(p->place_path, sizeof p->place_path, db_col_text(st, col + 7));
	p->hardship = (unsigned)db_col_int(st, col + 8);
	text_copy(p->family_name, sizeof p->family_name, db_col_text(st, col + 9));
	text_copy(p->middle_name, sizeof p->middle_name, db_col_text(st, col + 10));
	text_copy(p->given_name, sizeof p->given_name, db_col_text(st, col + 11));
	text_copy(p->citizen_id, sizeof p->citizen_id, db_col_text(st, col + 12));
	text_copy(p->died_on, sizeof p->died_on, db_col_text(st, col + 13));
	p->merged_into = db_col_int(st, col + 14);
}

static int person_from_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	person_from_columns(st, 0, row);
	return DB_KEEP;
}

nct_err person_lock_live(struct ctx *x, int64_t id, struct refusal *rf)
{
	static const char sql[] = "SELECT COALESCE(merged_into, 0) FROM persons WHERE id = ?";
	int64_t into = 0;
	nct_err e = db_lock_row(x->db, "persons", id);
	struct db_stmt *st = e ? NULL : db_prepare(x->db, sql);
	if (st)
		db_bind_int(st, 1, id);
	if (!e)
		e = db_int(st, &into);
	if (!e && into)
		e = refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", into);
	return e;
}

nct_err person_get(struct ctx *x, int64_t id, struct person *out)
{
	static const char sql[] = PERSON_COLS "WHERE p.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	nct_err e = db_row(st, out, person_from_row, NULL);
	if (!e && (e = access_person(x, out, ACCESS_SEE)))
		memset(out, 0, sizeof *out);
	return e;
}

nct_err person_seen(struct ctx *x, int64_t id, const char *field, struct person *out,
                    struct refusal *rf)
{
	nct_err e = person_get(x, id, out);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_PERSON, field, "i", id);
	if (e == NCT_ERR_DENIED)
		return refuse(rf, e, RF_PERSON_OUTSIDE, field, "");
	return e;
}

static bool given(const char *s)
{
	return s && s[0];
}

/* ---- what an import asks the store once ---------------------------------- */

#define CACHE_PLACES 32768 /* slots: a country's communes and villages fit */
#define CACHE_ETHNIC 256   /* spellings of ethnic groups as a file writes them */
#define CACHE_INPUT  64

struct person_cache {
	signed char prefix[1000]; /* 0 not asked, 1 listed, -1 not listed */
	struct cached_place {
		char code[24];
		struct place place;
		int64_t commune; /* person_commune_of's answer, once asked (commune_known) */
		bool commune_known;
	} * places; /* open addressing on the code; code "" is a free slot */
	size_t nplaces;
	struct cached_ethnic {
		char input[CACHE_INPUT];
		struct ethnic_group g;
	} ethnic[CACHE_ETHNIC];
	size_t nethnic;
};

struct person_cache *person_cache_new(void)
{
	struct person_cache *pc = calloc(1, sizeof *pc);
	if (pc && !(pc->places = calloc(CACHE_PLACES, sizeof *pc->places))) {
		free(pc);
		pc = NULL;
	}
	return pc;
}

void person_cache_free(struct person_cache *pc)
{
	if (pc)
		free(pc->places);
	free(pc);
}

static size_t code_hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h % CACHE_PLACES);
}

/* The slot of code: its entry, or the free slot where it would go; NULL when
 * the table is full (then nothing is cached). */
static struct cached_place *place_slot(struct person_cache *pc, const char *code)
{
	for (size_t i = code_hash(code), k = 0; k < CACHE_PLACES; k++, i = (i + 1) % CACHE_PLACES)
		if (!pc->places[i].code[0] || strcmp(pc->places[i].code, code) == 0)
			return &pc->places[i];
	return NULL;
}

/* fact_residence_place through the cache (only places accepted are kept: a
 * refusal is asked again, so that its words are the store's). */
static nct_err residence_cached(struct ctx *x, struct person_cache *pc, const char *code,
                                struct place *out, struct refusal *rf)
{
	struct cached_place *slot =
	    pc && code && strlen(code) < sizeof slot->code ? place_slot(pc, code) : NULL;
	if (slot && slot->code[0]) {
		*out = slot->place;
		return NCT_OK;
	}
	nct_err e = fact_residence_place(x, code, date_today_vn(), "place", out, rf);
	if (!e && slot && pc->nplaces < CACHE_PLACES / 2) {
		text_copy(slot->code, sizeof slot->code, code);
		slot->place = *out;
		pc->nplaces++;
	}
	return e;
}

/* The commune of the place with code (itself, or a village's parent), today,
 * as the system reads it. */
static int64_t commune_of(struct ctx *x, const char *code)
{
	struct place pl;
	struct ctx sys;
	ctx_system(&sys, x->db, "duplicates");
	if (!code || place_get(&sys, code, date_today_vn(), &pl))
		return 0;
	return pl.level == PLACE_VILLAGE ? pl.parent_id : pl.id;
}

int64_t person_commune_of(struct ctx *x, struct person_cache *pc, const char *code)
{
	struct cached_place *slot =
	    pc && code && strlen(code) < sizeof slot->code ? place_slot(pc, code) : NULL;
	if (!slot || !slot->code[0]) /* only the places accepted are held */
		return commune_of(x, code);
	if (!slot->commune_known) {
		slot->commune = commune_of(x, code);
		slot->commune_known = true;
	}
	return slot->commune;
}

/* A citizen ID given, checked against the sex and the birth year. */
static nct_err check_citizen_id(struct ctx *x, struct person_cache *pc, const char *id, char sex,
                                struct birth b, struct refusal *rf)
{
	if (!given(id))
		return NCT_OK;
	if (!pc || strlen(id) < 3 || id[0] < '0' || id[0] > '9' || id[1] < '0' || id[1] > '9' ||
	    id[2] < '0' || id[2] > '9')
		return citizen_id_verify(x, id, sex, b.year, NULL, rf);
	int k = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
	if (!pc->prefix[k]) {
		bool listed;
		nct_err e = citizen_id_prefix_listed(x, id, &listed);
		if (e)
			return e;
		pc->prefix[k] = listed ? 1 : -1;
	}
	return citizen_id_verify_listed(id, sex, b.year, pc->prefix[k] > 0, NULL, rf);
}

/* An ethnicity given: a role that may see it, and one of the 54 groups. */
static nct_err check_ethnicity(struct ctx *x, struct person_cache *pc, const char *s,
                               struct ethnic_group *g, struct refusal *rf)
{
	memset(g, 0, sizeof *g);
	if (!given(s))
		return NCT_OK;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "ethnicity", "");
	for (size_t i = 0; pc && i < pc->nethnic; i++)
		if (strcmp(pc->ethnic[i].input, s) == 0) {
			*g = pc->ethnic[i].g;
			return NCT_OK;
		}
	nct_err e = ethnic_find(x, s, g);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_ETHNICITY_UNKNOWN, "ethnicity", "s", s);
	if (!e && pc && pc->nethnic < CACHE_ETHNIC && strlen(s) < CACHE_INPUT) {
		text_copy(pc->ethnic[pc->nethnic].input, CACHE_INPUT, s);
		pc->ethnic[pc->nethnic++].g = *g;
	}
	return e;
}

/* A date of the person's life (death, the start of a residence): a past day
 * not before the birth. */
static nct_err check_life_day(const char *s, const char *field, struct birth b, struct date *d,
                              struct refusal *rf)
{
	char iso[DATE_LEN];
	nct_err e = check_day(s, field, d, rf);
	if (e)
		return e;
	date_format(*d, iso);
	if (date_cmp(*d, birth_start(b)) < 0)
		return strcmp(field, "died_on") == 0
		           ? refuse(rf, NCT_ERR_INVALID, RF_DIED_BEFORE_BIRTH, field, "d", iso)
		           : refuse(rf, NCT_ERR_INVALID, RF_FACT_BEFORE_BIRTH, field, "d", iso);
	return NCT_OK;
}

/* What person_read makes of a person_new. */
struct person_in {
	struct birth birth;
	char sex;
	struct place place;
	struct ethnic_group ethnicity;
	char died_on[DATE_LEN];
	char since[DATE_LEN];
};

static nct_err person_read(struct ctx *x, struct person_cache *pc, const struct person_new *in,
                           struct person_in *v, struct refusal *rf)
{
	struct date d;
	memset(v, 0, sizeof *v);
	nct_err e = check_text(in->full_name, PERSON_NAME_MAX, "full_name", rf);
	if (!e && !(v->sex = sex_parse(in->sex)))
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "sex", "s", "nam, nữ (M, F)");
	if (!e)
		e = check_birth(in->birth, "birth", &v->birth, rf);
	if (!e && in->hardship >= 32)
		e = refuse(rf, NCT_ERR_INVALID, RF_HARDSHIP, "hardship", "");
	if (!e)
		e = check_citizen_id(x, pc, in->citizen_id, v->sex, v->birth, rf);
	if (!e)
		e = check_ethnicity(x, pc, in->ethnicity, &v->ethnicity, rf);
	if (!e && given(in->died_on) && !access_sensitive(x))
		e = refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "died_on", ""); /* ends allowances */
	if (!e && given(in->died_on) &&
	    !(e = check_life_day(in->died_on, "died_on", v->birth, &d, rf)))
		date_format(d, v->died_on);
	if (!e && given(in->resident_since) &&
	    !(e = check_life_day(in->resident_since, "resident_since", v->birth, &d, rf)))
		date_format(d, v->since);
	if (e)
		return e;
	return residence_cached(x, pc, in->place_code, &v->place, rf);
}

nct_err person_check(struct ctx *x, const struct person_new *in, struct refusal *rf)
{
	struct person_in v;
	return person_read(x, NULL, in, &v, rf);
}

/* ---- the derived columns and the search keys ---------------------------- */

#define SORT_KEY_MAX PERSON_SORT_KEY_MAX

/* The audit's picture of a new person: the fields given. */
static char *person_new_json(const struct person_new *in, const struct person_in *v)
{
	char bt[DATE_LEN], sx[2] = {v->sex, 0};
	birth_format(v->birth, bt);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i}", "full_name", in->full_name, "sex", sx,
	                      "birth", bt, "place", v->place.code, "hardship", (int)in->hardship);
	if (o && given(in->citizen_id))
		json_object_set_new(o, "citizen_id", json_string(in->citizen_id));
	if (o && v->ethnicity.code[0])
		json_object_set_new(o, "ethnicity", json_string(v->ethnicity.code));
	if (o && v->died_on[0])
		json_object_set_new(o, "died_on", json_string(v->died_on));
	if (o && v->since[0])
		json_object_set_new(o, "resident_since", json_string(v->since));
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return s;
}

void person_derived_free(struct person_derived *d)
{
	free(d->fold);
	free(d->audit_json);
	buf_free(&d->sort_key);
	buf_free(&d->keys);
	memset(d, 0, sizeof *d);
}

/* What person_index would write for the new person, and the audit's picture,
 * computed without the store (so before a unit takes the write lock). */
static nct_err person_derive(const struct person_new *in, const struct person_in *v,
                             struct person_derived *d)
{
	memset(d, 0, sizeof *d);
	buf_init(&d->sort_key, SORT_KEY_MAX);
	buf_init(&d->keys, 8192);
	d->fold = text_fold_dup(in->full_name);
	if (!d->fold)
		return NCT_ERR_INVALID;
	person_name_split(in->full_name, &d->name);
	date_format(birth_start(v->birth), d->birth_start);
	nct_err e = person_name_sort_key(&d->name, &d->sort_key);
	if (!e)
		e = person_name_keys(in->full_name, given(in->citizen_id) ? in->citizen_id : "",
		                     &d->keys, &d->nkeys);
	if (!e && !(d->audit_json = person_new_json(in, v)))
		e = NCT_ERR_NOMEM;
	return e;
}

/* ---- writing new persons, one or a batch ------------------------------- */

/* A person's search keys (person_name_keys), a row a key, each with what the
 * register's list of a name sorts and filters by (migration 0027) and the
 * person's place (0029). */
static struct db_many name_keys =
    DB_MANY("INSERT INTO person_name_keys (key, person_id, shared, sort_key, birth_start,"
            " died_on, place_id) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?)", " ON CONFLICT DO NOTHING", 7);

/* A new person to write: what its rows need, borrowed; id once taken. */
struct pw_row {
	const char *full_name, *citizen_id;
	unsigned hardship;
	const struct person_in *v;
	const struct person_derived *d;
	int64_t id;
};

struct pw_rows {
	struct pw_row *r;
	char now[26];
};

static void person_row_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct pw_rows *w = arg;
	const struct pw_row *r = &w->r[i];
	char bt[DATE_LEN], sx[2] = {r->v->sex, 0};
	birth_format(r->v->birth, bt);
	db_bind_int(st, f, r->id);
	db_bind_text(st, f + 1, r->full_name);
	db_bind_text(st, f + 2, r->d->fold);
	db_bind_text(st, f + 3, sx);
	db_bind_text(st, f + 4, bt);
	db_bind_int(st, f + 5, r->v->place.id);
	db_bind_int(st, f + 6, r->hardship);
	db_bind_text(st, f + 7, w->now);
	db_bind_text(st, f + 8, db_text_or_null(r->citizen_id));
	db_bind_text(st, f + 9, db_text_or_null(r->v->ethnicity.code));
	db_bind_text(st, f + 10, db_text_or_null(r->v->died_on));
	db_bind_text(st, f + 11, w->now);
	db_bind_text(st, f + 12, r->d->name.family);
	db_bind_text(st, f + 13, r->d->name.middle);
	db_bind_text(st, f + 14, r->d->name.given);
	db_bind_text(st, f + 15, buf_str(&r->d->sort_key));
	db_bind_text(st, f + 16, r->d->birth_start);
}

/* One search key of the rows written and what it carries of its person
 * (died_on "": alive). */
struct pw_key {
	const char *key;
	size_t shared;
	int64_t id;
	const char *sort_key, *birth_start, *died_on;
	int64_t place_id;
};

static void key_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct pw_key *k = (const struct pw_key *)arg + i;
	db_bind_text(st, f, k->key);
	db_bind_int(st, f + 1, k->id);
	db_bind_int(st, f + 2, (int64_t)k->shared);
	db_bind_text(st, f + 3, k->sort_key);
	db_bind_text(st, f + 4, k->birth_start);
	db_bind_text(st, f + 5, db_text_or_null(k->died_on));
	db_bind_int(st, f + 6, k->place_id);
}

/* Lists the n NUL-separated keys of the person who (its id, sort key, birth
 * start, death and place) from k[j] on; the next free index. */
static size_t keys_list(struct pw_key *k, size_t j, const struct buf *keys, size_t n,
                        const struct pw_key *who)
{
	const char *key = buf_str(keys);
	for (size_t m = 0; m < n; m++, key += strlen(key) + 1) {
		k[j] = *who;
		k[j].key = key;
		k[j++].shared = person_name_key_shared(buf_str(keys), n, key);
	}
	return j;
}

/* One person's search keys, in as few statements as db_many_run takes. */
static nct_err keys_insert(struct ctx *x, const struct pw_key *who, const struct buf *keys,
                           size_t n)
{
	struct pw_key *k = n ? malloc(n * sizeof *k) : NULL;
	if (n && !k)
		return NCT_ERR_NOMEM;
	keys_list(k, 0, keys, n, who);
	nct_err e = n ? db_many_run(x->db, &name_keys, n, key_bind, k) : NCT_OK;
	free(k);
	return e;
}

static void residence_of(size_t i, void *arg, int64_t *person_id, const struct place **pl,
                         const char **from)
{
	const struct pw_row *r = (const struct pw_row *)arg + i;
	*person_id = r->id;
	*pl = &r->v->place;
	*from = r->v->since;
}

/* Writes n (at most PERSON_BATCH_MAX) new persons as derived: their ids taken
 * in one call, then the rows, their search keys, their residences and their
 * audit rows, each in multi-row statements (what person_index would write,
 * without reading it back). */
static nct_err persons_write(struct ctx *x, struct pw_row *r, size_t n, bool pack)
{
	static struct db_many rows = DB_MANY(
	    "INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id, hardship,"
	    " created_at, citizen_id, ethnicity, died_on, updated_at, family_name, middle_name,"
	    " given_name, sort_key, birth_start) VALUES ",
	    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "", 17);
	int64_t ids[PERSON_BATCH_MAX];
	const char *after[PERSON_BATCH_MAX];
	struct pw_rows w = {r, ""};
	size_t nkeys = 0;
	if (n == 0 || n > PERSON_BATCH_MAX)
		return n ? NCT_ERR_INVALID : NCT_OK;
	nct_err e = db_take_ids(x->db, "persons", n, ids);
	for (size_t i = 0; !e && i < n; i++) {
		r[i].id = ids[i];
		after[i] = r[i].d->audit_json;
		nkeys += r[i].d->nkeys;
	}
	time_format_vn(time(NULL), w.now);
	if (!e)
		e = db_many_run(x->db, &rows, n, person_row_bind, &w);
	struct pw_key *k = e || !nkeys ? NULL : malloc(nkeys * sizeof *k);
	if (!e && nkeys && !k)
		e = NCT_ERR_NOMEM;
	for (size_t i = 0, j = 0; !e && i < n; i++) {
		struct pw_key who = {NULL,
		                     0,
		                     r[i].id,
		                     buf_str(&r[i].d->sort_key),
		                     r[i].d->birth_start,
		                     r[i].v->died_on,
		                     r[i].v->place.id};
		j = keys_list(k, j, &r[i].d->keys, r[i].d->nkeys, &who);
	}
	if (!e && nkeys)
		e = db_many_run(x->db, &name_keys, nkeys, key_bind, k);
	free(k);
	if (!e)
		e = fact_insert_residences(x, n, residence_of, r);
	if (!e && pack)
		e = fact_pack_refresh_ids(x->db, ids, n);
	return e ? e : audit_write_many(x, "create", "person", n, ids, after);
}

/* Writes a new person as derived (a batch of one). */
static nct_err person_write_derived(struct ctx *x, const struct person_new *in,
                                    const struct person_in *v, const struct person_derived *d,
                                    int64_t *id)
{
	struct pw_row r = {in->full_name, in->citizen_id, in->hardship, v, d, 0};
	nct_err e = persons_write(x, &r, 1, true);
	*id = r.id;
	return e;
}

static nct_err person_write(struct ctx *x, const struct person_new *in, const struct person_in *v,
                            int64_t *id)
{
	struct person_derived d;
	nct_err e = person_derive(in, v, &d);
	if (!e)
		e = person_write_derived(x, in, v, &d, id);
	person_derived_free(&d);
	return e;
}

nct_err person_create(struct ctx *x, const struct person_new *in, int64_t *id, struct refusal *rf)
{
	struct person_in v;
	nct_err e = person_read(x, NULL, in, &v, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, person_write(x, in, &v, id));
}

/* What person_index reads of the record. */
struct person_core {
	char full_name[128];
	char citizen_id[16];
	char birth[DATE_LEN];
	bool merged; /* merged_into, an id or NULL (0) */
	char died_on[DATE_LEN];
	int64_t place_id;
};

static const struct db_col core_col[] = {
    DB_TEXT(struct person_core, full_name), DB_TEXT(struct person_core, citizen_id),
    DB_TEXT(struct person_core, birth),     DB_NUM(struct person_core, merged),
    DB_TEXT(struct person_core, died_on),   DB_NUM(struct person_core, place_id)};
static const struct db_cols core_cols = DB_COLS(struct person_core, core_col);

/* What the register sorts a person by, derived from the record: the name's
 * parts, their collation key (key, SORT_KEY_MAX) and the start of the birth. */
struct person_order {
	struct person_name name;
	struct buf key;
	char start[DATE_LEN];
};

static nct_err order_of(const struct person_core *c, struct person_order *o)
{
	struct birth b = {0, 0, 0};
	buf_init(&o->key, SORT_KEY_MAX);
	person_name_split(c->full_name, &o->name);
	nct_err e = person_name_sort_key(&o->name, &o->key);
	if (!e && birth_parse(c->birth, &b) != NCT_OK)
		e = NCT_ERR_INVALID;
	date_format(birth_start(b), o->start);
	return e;
}

static nct_err index_columns(struct ctx *x, int64_t id, const struct person_order *o)
{
	static const char sql[] = "UPDATE persons SET family_name = ?, middle_name = ?,"
	                          " given_name = ?, sort_key = ?, birth_start = ? WHERE id = ?";
	return db_run(DB_PREPARE(x->db, sql, DB_T(o->name.family), DB_T(o->name.middle),
	                         DB_T(o->name.given), DB_T(buf_str(&o->key)), DB_T(o->start),
	                         DB_I(id)));
}

static nct_err index_keys(struct ctx *x, int64_t id, const struct person_core *c,
                          const struct person_order *o)
{
	static const char sql_drop[] = "DELETE FROM person_name_keys WHERE person_id = ?";
	struct db_stmt *st = db_prepare(x->db, sql_drop);
	db_bind_int(st, 1, id);
	nct_err e = db_run(st);
	if (e || c->merged)
		return e;
	struct buf keys;
	size_t n = 0;
	buf_init(&keys, 8192);
	e = person_name_keys(c->full_name, c->citizen_id, &keys, &n);
	struct pw_key who = {NULL, 0, id, buf_str(&o->key), o->start, c->died_on, c->place_id};
	if (!e)
		e = keys_insert(x, &who, &keys, n);
	buf_free(&keys);
	return e;
}

nct_err person_index(struct ctx *x, int64_t id)
{
	static const char sql[] = "SELECT full_name, citizen_id, birth, merged_into, died_on,"
	                          " place_id FROM persons WHERE id = ?";
	struct person_core c;
	struct person_order o;
	nct_err e = db_row_of(DB_PREPARE(x->db, sql, DB_I(id)), &core_cols, &c);
	if (e)
		return e;
	if (!(e = order_of(&c, &o)) && !(e = index_columns(x, id, &o)))
		e = index_keys(x, id, &c, &o);
	buf_free(&o.key);
	return e;
}

nct_err person_keys_refresh(struct ctx *x, int64_t id)
{
	static const char sql[] =
	    "UPDATE person_name_keys SET sort_key = p.sort_key, birth_start = p.birth_start,"
	    " died_on = p.died_on, place_id = p.place_id FROM persons p WHERE p.id = ?"
	    " AND person_name_keys.person_id = p.id";
	return db_run(DB_PREPARE(x->db, sql, DB_I(id)));
}

#define REINDEX_BATCH                                                                              \
	2000                                 /* persons indexed in one unit, in statements of      \
	                                        DB_MANY_ROWS: a round trip per batch, not per person */
#define REINDEX_TEXT_MAX ((size_t)256 << 20) /* a batch's derived text */

/* A batch being indexed: each row's texts (family, middle, given, sort key,
 * birth start, death) and its search keys, NUL-separated in text at the
 * offsets. */
struct reindex {
	struct buf text;
	struct vec rows; /* struct reindex_row */
	struct vec keys; /* struct reindex_key */
};

struct reindex_row {
	int64_t id, place_id;
	size_t at; /* its six texts in text */
};

struct reindex_key {
	size_t row; /* its person's in rows */
	size_t at, shared;
};

static nct_err text_add(struct buf *b, const char *s, size_t *at)
{
	*at = b->len;
	return buf_add(b, s, strlen(s) + 1);
}

/* The row's texts added to the batch, from family to death (one offset). */
static nct_err row_texts(struct buf *text, const struct person_order *o, const char *died_on,
                         size_t *at)
{
	const char *t[] = {o->name.family,   o->name.middle, o->name.given,
	                   buf_str(&o->key), o->start,       died_on};
	size_t skip;
	nct_err e = text_add(text, t[0], at);
	for (size_t i = 1; !e && i < sizeof t / sizeof t[0]; i++)
		e = text_add(text, t[i], &skip);
	return e;
}

/* What person_index derives of one person, added to the batch. */
static int reindex_read(struct db_stmt *st, void *row, void *arg)
{
	struct reindex *ix = arg;
	struct person_core c;
	struct person_order o;
	struct reindex_row *r = row;
	db_read_cols(st, &core_cols, &c);
	r->id = db_col_int(st, 6);
	r->place_id = c.place_id;
	nct_err e = order_of(&c, &o);
	if (!e)
		e = row_texts(&ix->text, &o, c.died_on, &r->at);
	struct buf keys;
	buf_init(&keys, 8192);
	size_t nk = 0, at;
	if (!e && !c.merged)
		e = person_name_keys(c.full_name, c.citizen_id, &keys, &nk);
	const char *k = buf_str(&keys);
	for (size_t i = 0; !e && i < nk; i++, k += strlen(k) + 1) {
		struct reindex_key *rk = vec_push(&ix->keys);
		e = rk ? text_add(&ix->text, k, &at) : NCT_ERR_NOMEM;
		if (rk)
			*rk =
			    (struct reindex_key){ix->rows.n - 1, /* row is the last pushed */
			                         at, person_name_key_shared(buf_str(&keys), nk, k)};
	}
	buf_free(&keys);
	buf_free(&o.key);
	return e ? -(int)e : DB_KEEP;
}

static void bind_columns(struct db_stmt *st, int first, size_t i, void *arg)
{
	const struct reindex *ix = arg;
	const struct reindex_row *r = vec_at(&ix->rows, struct reindex_row, i);
	const char *t = buf_str(&ix->text) + r->at;
	db_bind_int(st, first, r->id);
	for (int f = 0; f < 5; f++, t += strlen(t) + 1)
		db_bind_text(st, first + 1 + f, t);
}

static void bind_key(struct db_stmt *st, int first, size_t i, void *arg)
{
	const struct reindex *ix = arg;
	const struct reindex_key *k = vec_at(&ix->keys, struct reindex_key, i);
	const struct reindex_row *r = vec_at(&ix->rows, struct reindex_row, k->row);
	const char *t = buf_str(&ix->text) + r->at;
	for (int f = 0; f < 3; f++) /* to the sort key */
		t += strlen(t) + 1;
	db_bind_text(st, first, buf_str(&ix->text) + k->at);
	db_bind_int(st, first + 1, r->id);
	db_bind_int(st, first + 2, (int64_t)k->shared);
	for (int f = 0; f < 3; f++, t += strlen(t) + 1) /* sort key, birth start, death */
		db_bind_text(st, first + 3 + f, f == 2 ? db_text_or_null(t) : t);
	db_bind_int(st, first + 6, r->place_id);
}

/* One batch: the persons' old keys dropped, their derived columns and keys
 * written, a few statements for the whole batch (what person_index does for
 * one person). */
static nct_err reindex_write(struct ctx *x, struct reindex *ix)
{
	static const char drop[] =
	    "DELETE FROM person_name_keys WHERE person_id BETWEEN ? AND ? AND person_id IN"
	    " (SELECT id FROM persons WHERE sort_key IS NULL AND id BETWEEN ? AND ?)";
	static struct db_many cols = DB_MANY(
	    "UPDATE persons SET family_name = v.column2, middle_name = v.column3,"
	    " given_name = v.column4, sort_key = v.column5, birth_start = v.column6 FROM (VALUES ",
	    "(CAST(? AS BIGINT), ?, ?, ?, ?, ?)", ") AS v WHERE persons.id = v.column1", 6);
	int64_t lo = vec_at(&ix->rows, struct reindex_row, 0)->id;
	int64_t hi = vec_at(&ix->rows, struct reindex_row, ix->rows.n - 1)->id;
	struct db_stmt *st = db_prepare(x->db, drop);
	DB_BINDS(st, DB_I(lo), DB_I(hi), DB_I(lo), DB_I(hi));
	nct_err e = db_run(st);
	if (!e)
		e = db_many_run(x->db, &cols, ix->rows.n, bind_columns, ix);
	if (!e)
		e = db_many_run(x->db, &name_keys, ix->keys.n, bind_key, ix);
	return e;
}

/* Every person has a residence fact: those written without one (nct init
 * --demo, nct gen, stores of an older nct) get their place "since before our
 * records", in one unit; their packed facts, if any, are dropped with it
 * (person_reindex writes them again). */
static nct_err residence_facts_fill(struct ctx *x)
{
	static const char drop[] =
	    "DELETE FROM person_fact_packs WHERE person_id IN (SELECT p.id FROM persons p"
	    " WHERE NOT EXISTS (SELECT 1 FROM person_facts f WHERE f.person_id = p.id"
	    " AND f.kind = 'residence'))";
	static const char sql[] =
	    "INSERT INTO person_facts (person_id, kind, value, place_id, valid_from, created_at)"
	    " SELECT p.id, 'residence', pl.code, p.place_id, NULL, CAST(? AS TEXT)"
	    " FROM persons p JOIN places pl ON pl.id = p.place_id"
	    " WHERE NOT EXISTS (SELECT 1 FROM person_facts f WHERE f.person_id = p.id"
	    " AND f.kind = 'residence') ORDER BY p.id"; /* the facts' ids follow the persons' */
	char now[26];
	time_format_vn(time(NULL), now);
	nct_err e = unit_begin(x);
	if (e)
		return e;
	e = db_exec(x->db, drop);
	struct db_stmt *st = e ? NULL : db_prepare(x->db, sql);
	db_bind_text(st, 1, now);
	return unit_end(x, e ? e : db_run(st));
}

nct_err person_reindex(struct ctx *x, int64_t *done)
{
	static const char sql[] =
	    "SELECT full_name, citizen_id, birth, merged_into, died_on, place_id, id FROM persons"
	    " WHERE sort_key IS NULL ORDER BY id LIMIT ?";
	nct_err e = residence_facts_fill(x);
	*done = 0;
	while (!e) {
		struct reindex ix;
		buf_init(&ix.text, REINDEX_TEXT_MAX);
		vec_init(&ix.rows, sizeof(struct reindex_row), REINDEX_BATCH);
		vec_init(&ix.keys, sizeof(struct reindex_key), (size_t)REINDEX_BATCH * 1024);
		if (!(e = unit_begin(x))) {
			struct db_stmt *st = db_prepare(x->db, sql);
			db_bind_int(st, 1, REINDEX_BATCH);
			nct_err w = db_rows(st, &ix.rows, reindex_read, &ix);
			if (!w && !(w = buf_failed(&ix.text)))
				w = vec_failed(&ix.keys);
			if (!w && ix.rows.n)
				w = reindex_write(x, &ix);
			e = unit_end(x, w);
		}
		size_t n = ix.rows.n;
		buf_free(&ix.text);
		vec_free(&ix.rows);
		vec_free(&ix.keys);
		if (n == 0)
			break;
		*done += (int64_t)n;
	}
	int64_t packed = 0; /* the packed facts of persons written without them */
	return e ? e : fact_pack_fill(x->db, &packed);
}

/* ---- corrections --------------------------------------------------------- */

/* A correction as it will be written, and the audit's old and new values. */
struct person_after {
	char full_name[128], sex[2], birth[DATE_LEN], citizen_id[16], ethnicity[4],
	    died_on[DATE_LEN];
	json_t *old, *now;
};

static nct_err current_ethnicity(struct ctx *x, int64_t id, char out[4])
{
	static const char sql[] = "SELECT ethnicity FROM persons WHERE id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	return db_text(st, out, 4);
}

/* Notes a field that changes from was to now (both as written). */
static void change(struct person_after *a, const char *field, const char *was, char *into,
                   size_t cap, const char *now)
{
	if (strcmp(was, now) == 0)
		return;
	json_object_set_new(a->old, field, was[0] ? json_string(was) : json_null());
	json_object_set_new(a->now, field, now[0] ? json_string(now) : json_null());
	text_copy(into, cap, now);
}

static nct_err correct_identity(struct ctx *x, const struct person *p, const struct person_edit *in,
                                struct person_after *a, struct refusal *rf)
{
	struct birth b = p->birth;
	char bt[DATE_LEN], was[DATE_LEN], sx[2] = {p->sex, 0};
	nct_err e = NCT_OK;
	if (in->full_name && !(e = check_text(in->full_name, PERSON_NAME_MAX, "full_name", rf)))
		change(a, "full_name", p->full_name, a->full_name, sizeof a->full_name,
		       in->full_name);
	if (!e && in->sex && !(sx[0] = sex_parse(in->sex)))
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_ONE_OF, "sex", "s", "nam, nữ (M, F)");
	if (!e)
		change(a, "sex", (char[2]){p->sex, 0}, a->sex, sizeof a->sex, sx);
	if (!e && in->birth)
		e = check_birth(in->birth, "birth", &b, rf);
	birth_format(p->birth, was);
	birth_format(b, bt);
	if (!e)
		change(a, "birth", was, a->birth, sizeof a->birth, bt);
	const char *cid = in->citizen_id ? in->citizen_id : p->citizen_id;
	if (!e && (in->citizen_id || in->sex || in->birth))
		e = check_citizen_id(x, NULL, cid, sx[0], b, rf);
	if (!e)
		change(a, "citizen_id", p->citizen_id, a->citizen_id, sizeof a->citizen_id, cid);
	if (!e && in->died_on && in->died_on[0]) {
		struct date d;
		if (!(e = check_life_day(in->died_on, "died_on", b, &d, rf)))
			date_format(d, bt);
	} else if (!e) {
		text_copy(bt, sizeof bt, in->died_on ? "" : p->died_on);
	}
	/* a death ends allowances: an officer's to record or undo */
	if (!e && strcmp(bt, p->died_on) != 0 && access_person(x, p, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "died_on", "");
	if (!e)
		change(a, "died_on", p->died_on, a->died_on, sizeof a->died_on, bt);
	return e;
}

static nct_err correct_read(struct ctx *x, const struct person *p, const struct person_edit *in,
                            struct person_after *a, struct refusal *rf)
{
	struct ethnic_group g;
	char was[4];
	if (in->place)
		return refuse(rf, NCT_ERR_INVALID, RF_USE_RESIDENCE_FACT, "place", "");
	nct_err e = correct_identity(x, p, in, a, rf);
	if (e || !in->ethnicity)
		return e;
	if (!access_sensitive(x))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, "ethnicity", "");
	if ((e = check_ethnicity(x, NULL, in->ethnicity, &g, rf)) ||
	    (e = current_ethnicity(x, p->id, was)))
		return e;
	text_copy(a->ethnicity, sizeof a->ethnicity, was);
	change(a, "ethnicity", was, a->ethnicity, sizeof a->ethnicity, g.code);
	return NCT_OK;
}

static nct_err correct_write(struct ctx *x, int64_t id, const struct person_after *a)
{
	static const char sql[] = "UPDATE persons SET full_name = ?, name_fold = ?, sex = ?,"
	                          " birth = ?, citizen_id = ?, ethnicity = ?, died_on = ?,"
	                          " updated_at = ? WHERE id = ?";
	char now[26], idtxt[AUDIT_ID_LEN];
	char *fold = text_fold_dup(a->full_name);
	if (!fold)
		return NCT_ERR_INVALID;
	time_format_vn(time(NULL), now);
	/* PostgreSQL: the row locked first, so a membership added meanwhile (its
	 * foreign key shares the row) is either seen by the refresh below or
	 * packs this correction's values after it commits. */
	nct_err e = db_lock_row(x->db, "persons", id);
	if (!e)
		e = db_run(DB_PREPARE(x->db, sql, DB_T(a->full_name), DB_T(fold), DB_T(a->sex),
		                      DB_T(a->birth), DB_OPT(a->citizen_id), DB_OPT(a->ethnicity),
		                      DB_OPT(a->died_on), DB_T(now), DB_I(id)));
	free(fold);
	if (!e)
		e = person_index(x, id);
	if (!e)
		e = club_facts_refresh_person(x->db, id); /* sex and birth are packed */
	return e ? e
	         : audit_change(x, "correct", "person", audit_id(idtxt, id),
	                        json_dumps(a->old, JSON_COMPACT | JSON_SORT_KEYS),
	                        json_dumps(a->now, JSON_COMPACT | JSON_SORT_KEYS));
}

nct_err person_correct(struct ctx *x, int64_t id, const struct person_edit *in, struct refusal *rf)
{
	struct person p;
	nct_err e = person_get(x, id, &p);
	if (e)
		return e;
	if (access_person(x, &p, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (p.merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", p.merged_into);
	struct person_after a = {.sex = {p.sex, 0}, .old = json_object(), .now = json_object()};
	text_copy(a.full_name, sizeof a.full_name, p.full_name);
	birth_format(p.birth, a.birth);
	text_copy(a.citizen_id, sizeof a.citizen_id, p.citizen_id);
	text_copy(a.died_on, sizeof a.died_on, p.died_on);
	e = a.old && a.now ? current_ethnicity(x, id, a.ethnicity) : NCT_ERR_NOMEM;
	if (!e)
		e = correct_read(x, &p, in, &a, rf);
	if (!e && json_object_size(a.now) > 0 && !(e = unit_begin(x)))
		e = unit_end(x, correct_write(x, id, &a));
	json_decref(a.old);
	json_decref(a.now);
	return e;
}

/* ---- sensitive fields ---------------------------------------------------- */

nct_err person_sensitive_viewed(struct ctx *x, int64_t person_id, const char *fields_json)
{
	char idtxt[AUDIT_ID_LEN];
	return audit_alone(x, "view_sensitive", "person", audit_id(idtxt, person_id), fields_json);
}

nct_err person_sensitive_open(struct ctx *x, int64_t id, const char *fields_json, struct person *p,
                              struct refusal *rf)
{
	nct_err e = person_seen(x, id, "id", p, rf);
	if (e)
		return e;
	if (access_person(x, p, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	return person_sensitive_viewed(x, p->id, fields_json);
}

nct_err person_sensitive(struct ctx *x, const struct person *p, struct date on,
                         struct person_sensitive *out)
{
	char code[4];
	struct person_fact f;
	memset(out, 0, sizeof *out);
	if (access_person(x, p, ACCESS_SENSITIVE))
		return NCT_ERR_DENIED;
	nct_err e = current_ethnicity(x, p->id, code);
	if (!e && code[0] && (e = ethnic_find(x, code, &out->ethnicity)) == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	if (!e && !(e = person_fact_on(x, p, "disability", on, &f))) {
		text_copy(out->disability, sizeof out->disability, f.value);
		text_copy(out->disability_from, sizeof out->disability_from, f.from);
	}
	if (e == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	return e ? e
	         : person_sensitive_viewed(x, p->id, "{\"fields\":[\"ethnicity\",\"disability\"]}");
}

/* ---- the same person twice ---------------------------------------------- */

#define FIND_LIMIT 200 /* people of the same folded name and birth looked at */

/* One index seek (persons_same, migration 0008): the import runs it for each
 * row, so its cost must not grow with the store. */
const char person_same_sql[] = PERSON_COLS "WHERE p.name_fold = ? AND p.birth = ? ORDER BY p.id";

static int same_place(struct db_stmt *st, void *row, void *arg)
{
	person_from_columns(st, 0, row);
	return strcmp(((struct person *)row)->place_code, arg) == 0 ? DB_KEEP : DB_SKIP;
}

nct_err person_find_same(struct ctx *x, const struct person_new *in, int64_t *id)
{
	struct birth b;
	char bt[DATE_LEN];
	*id = 0;
	if (!in->full_name || !in->place_code || !in->birth || birth_parse_vn(in->birth, &b))
		return NCT_OK;
	char *fold = text_fold_dup(in->full_name);
	if (!fold)
		return NCT_OK;
	birth_format(b, bt);
	struct vec v;
	vec_init(&v, sizeof(struct person), FIND_LIMIT);
	nct_err e = db_rows(DB_PREPARE(x->db, person_same_sql, DB_T(fold), DB_T(bt)), &v,
	                    same_place, (void *)in->place_code);
	for (size_t i = 0; !e && !*id && i < v.n; i++) {
		const struct person *p = vec_at(&v, const struct person, i);
		nct_err a = p->merged_into ? NCT_ERR_DENIED : access_person(x, p, ACCESS_SEE);
		if (!a)
			*id = p->id;
		else if (a != NCT_ERR_DENIED)
			e = a;
	}
	vec_free(&v);
	free(fold);
	return e;
}

nct_err person_ready(struct ctx *x, const struct person_new *in, struct person_ready *out,
                     struct refusal *rf)
{
	return person_ready_cached(x, NULL, in, out, rf);
}

nct_err person_ready_cached(struct ctx *x, struct person_cache *pc, const struct person_new *in,
                            struct person_ready *out, struct refusal *rf)
{
	struct person_in v;
	memset(out, 0, sizeof *out);
	nct_err e = person_read(x, pc, in, &v, rf);
	if (!e) {
		out->sex = v.sex;
		out->birth = v.birth;
		out->place_id = v.place.id;
		text_copy(out->place_code, sizeof out->place_code, v.place.code);
		out->place = v.place;
		out->ethnicity = v.ethnicity;
		text_copy(out->died_on, sizeof out->died_on, v.died_on);
		text_copy(out->since, sizeof out->since, v.since);
	}
	return e;
}

static void ready_in(const struct person_ready *r, struct person_in *v)
{
	memset(v, 0, sizeof *v);
	v->sex = r->sex;
	v->birth = r->birth;
	v->place = r->place;
	v->ethnicity = r->ethnicity;
	text_copy(v->died_on, sizeof v->died_on, r->died_on);
	text_copy(v->since, sizeof v->since, r->since);
}

nct_err person_derive_ready(const struct person_new *in, const struct person_ready *r,
                            struct person_derived *out)
{
	struct person_in v;
	ready_in(r, &v);
	return person_derive(in, &v, out);
}

nct_err person_write_derived_ready(struct ctx *x, const struct person_new *in,
                                   const struct person_ready *r, const struct person_derived *d,
                                   int64_t *id)
{
	struct person_in v;
	ready_in(r, &v);
	return person_write_derived(x, in, &v, d, id);
}

nct_err person_write_ready(struct ctx *x, const struct person_new *in, const struct person_ready *r,
                           int64_t *id)
{
	struct person_in v;
	ready_in(r, &v);
	return person_write(x, in, &v, id);
}

/* ---- a batch of new persons (the import) ---------------------------------- */

struct pb_entry {
	char *full_name, *citizen_id, *place_code; /* copies */
	unsigned hardship;
	char birth[DATE_LEN]; /* as the persons row keeps it */
	struct person_in v;
	struct person_derived d;
};

struct person_batch {
	size_t n;
	bool packs_later;
	int64_t lo, hi; /* the ids written */
	struct pb_entry e[PERSON_BATCH_MAX];
};

static void pb_entry_free(struct pb_entry *e)
{
	free(e->full_name);
	free(e->citizen_id);
	free(e->place_code);
	person_derived_free(&e->d);
	memset(e, 0, sizeof *e);
}

struct person_batch *person_batch_new(void)
{
	return calloc(1, sizeof(struct person_batch));
}

static void person_batch_empty(struct person_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		pb_entry_free(&b->e[i]);
	b->n = 0;
}

void person_batch_free(struct person_batch *b)
{
	if (b)
		person_batch_empty(b);
	free(b);
}

size_t person_batch_count(const struct person_batch *b)
{
	return b->n;
}

const char *person_batch_name(const struct person_batch *b, size_t i)
{
	return i < b->n ? b->e[i].full_name : "";
}

nct_err person_batch_add(struct person_batch *b, const struct person_new *in,
                         const struct person_ready *r)
{
	if (b->n == PERSON_BATCH_MAX || !in->full_name)
		return NCT_ERR_INVALID;
	struct pb_entry *e = &b->e[b->n];
	memset(e, 0, sizeof *e);
	e->full_name = strdup(in->full_name);
	e->citizen_id = given(in->citizen_id) ? strdup(in->citizen_id) : NULL;
	e->place_code = strdup(in->place_code ? in->place_code : "");
	e->hardship = in->hardship;
	ready_in(r, &e->v);
	birth_format(e->v.birth, e->birth);
	nct_err err = !e->full_name || !e->place_code || (given(in->citizen_id) && !e->citizen_id)
	                  ? NCT_ERR_NOMEM
	                  : person_derive(in, &e->v, &e->d);
	if (err) {
		pb_entry_free(e);
		return err;
	}
	b->n++;
	return NCT_OK;
}

/* person_same_sql for PERSON_BATCH_MAX (name, birth) keys in one statement,
 * each key an index seek on persons_same (db_keyed_sql). Not ORed pairs, nor
 * a join the planner is free to turn round: inside the import's unit, before
 * any ANALYZE of the rows it added, PostgreSQL takes each pair for half a
 * percent of the table and scans it. */
#define SAME_KEYED_MAX 16384
static char same_many_lite[SAME_KEYED_MAX], same_many_pg[SAME_KEYED_MAX];
static pthread_once_t same_many_once = PTHREAD_ONCE_INIT;

static void same_many_make(void)
{
	db_keyed_sql(same_many_lite, same_many_pg, SAME_KEYED_MAX, PERSON_BATCH_MAX, "fold, birth",
	             "?, ?", PERSON_COLUMNS,
	             "persons p JOIN places pl ON pl.id = p.place_id"
	             " WHERE p.name_fold = k.fold AND p.birth = k.birth",
	             "1, 2");
}

/* What same_many_row reads into: each key's first person seen by x. */
struct same_many {
	struct ctx *x;
	const struct person_same_key *k;
	size_t n;
	int64_t *ids;
};

/* A person recorded with the folded name and birth of key k.i: its answer
 * when it has the key's place too and x sees them (the first in the order
 * of ids, as person_find_same). Nothing is kept. */
static int same_many_row(struct db_stmt *st, void *row, void *arg)
{
	struct same_many *m = arg;
	struct person *p = row;
	int64_t i = db_col_int(st, 0);
	if (i < 0 || (size_t)i >= m->n || m->ids[i] || !m->k[i].fold)
		return DB_SKIP;
	person_from_columns(st, 1, p);
	if (strcmp(m->k[i].place_code, p->place_code) != 0)
		return DB_SKIP;
	nct_err a = p->merged_into ? NCT_ERR_DENIED : access_person(m->x, p, ACCESS_SEE);
	if (a && a != NCT_ERR_DENIED)
		return -(int)a;
	if (!a)
		m->ids[i] = p->id;
	return DB_SKIP;
}

const char *person_same_many_sql(const struct db *db)
{
	pthread_once(&same_many_once, same_many_make);
	return db_sql_for(db, same_many_lite, same_many_pg);
}

nct_err person_find_same_many(struct ctx *x, const struct person_same_key *k, size_t n,
                              int64_t *ids)
{
	if (n > PERSON_BATCH_MAX)
		return NCT_ERR_INVALID;
	if (n == 0)
		return NCT_OK;
	memset(ids, 0, n * sizeof *ids);
	const char *sql = person_same_many_sql(x->db);
	struct db_stmt *st = sql[0] ? db_prepare(x->db, sql) : NULL;
	if (!st)
		return sql[0] ? NCT_ERR_DB : NCT_ERR_NOMEM;
	for (size_t i = 0; i < PERSON_BATCH_MAX; i++) {
		/* the keys past n ask nothing that can be found */
		const struct person_same_key *e = i < n && k[i].fold ? &k[i] : NULL;
		db_bind_text(st, (int)(2 * i + 1), e ? e->fold : "");
		db_bind_text(st, (int)(2 * i + 2), e ? e->birth : "");
	}
	struct same_many m = {x, k, n, ids};
	struct vec v;
	vec_init(&v, sizeof(struct person), 1);
	nct_err e = db_rows(st, &v, same_many_row, &m);
	vec_free(&v);
	return e;
}

bool person_same_key_of(const struct person_new *in, char **fold, char birth[DATE_LEN])
{
	struct birth b;
	*fold = NULL;
	birth[0] = '\0';
	if (!in->full_name || !in->place_code || !in->birth || birth_parse_vn(in->birth, &b))
		return false;
	birth_format(b, birth);
	return (*fold = text_fold_dup(in->full_name)) != NULL;
}

/* The first entry of b with p's folded name, birth and place; b->n: none. */
static size_t pb_same(const struct person_batch *b, const char *fold, const char *birth,
                      const char *place_code)
{
	size_t i = 0;
	while (i < b->n &&
	       !(strcmp(b->e[i].d.fold, fold) == 0 && strcmp(b->e[i].birth, birth) == 0 &&
	         strcmp(b->e[i].place_code, place_code) == 0))
		i++;
	return i;
}

nct_err person_batch_find_same(struct ctx *x, const struct person_batch *b, size_t *first)
{
	struct person_same_key k[PERSON_BATCH_MAX];
	int64_t ids[PERSON_BATCH_MAX];
	*first = b->n;
	for (size_t i = 0; i < b->n; i++)
		k[i] = (struct person_same_key){b->e[i].d.fold, b->e[i].birth, b->e[i].place_code};
	nct_err e = person_find_same_many(x, k, b->n, ids);
	for (size_t i = 0; !e && i < b->n && *first == b->n; i++)
		if (ids[i])
			*first = i;
	/* written one by one, a person would find one before it in the batch */
	for (size_t i = 1; !e && i < *first; i++) {
		const struct pb_entry *en = &b->e[i];
		if (pb_same(b, en->d.fold, en->birth, en->place_code) < i)
			*first = i;
	}
	return e;
}

nct_err person_batch_write(struct ctx *x, struct person_batch *b)
{
	struct pw_row r[PERSON_BATCH_MAX];
	for (size_t i = 0; i < b->n; i++) {
		const struct pb_entry *e = &b->e[i];
		r[i] = (struct pw_row){e->full_name, e->citizen_id, e->hardship, &e->v, &e->d, 0};
	}
	nct_err e = persons_write(x, r, b->n, !b->packs_later);
	for (size_t i = 0; !e && i < b->n; i++) {
		if (!b->lo || r[i].id < b->lo)
			b->lo = r[i].id;
		if (r[i].id > b->hi)
			b->hi = r[i].id;
	}
	person_batch_empty(b);
	return e;
}

void person_batch_defer_packs(struct person_batch *b)
{
	b->packs_later = true;
}

void person_batch_span(const struct person_batch *b, int64_t *lo, int64_t *hi)
{
	*lo = b->lo;
	*hi = b->hi;
}

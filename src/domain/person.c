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

#define SORT_KEY_MAX 16384 /* bytes of hex: three fields of at most PERSON_NAME_MAX */

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

/* The person's row with its derived columns, in one statement. */
static nct_err person_insert(struct ctx *x, const struct person_new *in, const struct person_in *v,
                             const struct person_derived *d, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship, created_at,"
	    " citizen_id, ethnicity, died_on, updated_at, family_name, middle_name, given_name,"
	    " sort_key, birth_start) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
	char bt[DATE_LEN], sx[2] = {v->sex, 0}, now[26];
	birth_format(v->birth, bt);
	time_format_vn(time(NULL), now);
	struct db_stmt *st = DB_PREPARE(
	    x->db, sql, DB_T(in->full_name), DB_T(d->fold), DB_T(sx), DB_T(bt), DB_I(v->place.id),
	    DB_I(in->hardship), DB_T(now), DB_OPT(in->citizen_id), DB_OPT(v->ethnicity.code),
	    DB_OPT(v->died_on), DB_T(now), DB_T(d->name.family), DB_T(d->name.middle),
	    DB_T(d->name.given), DB_T(buf_str(&d->sort_key)), DB_T(d->birth_start));
	return db_int(st, id);
}

/* "head tuple, tuple, ... tail", n tuples, built once into out (static:
 * statements are cached by their text's address); NULL when it does not fit. */
static const char *rows_sql(char *out, size_t cap, const char *head, const char *tuple, int n,
                            const char *tail)
{
	if (!out[0]) {
		struct buf b;
		buf_init(&b, cap - 1);
		buf_adds(&b, head);
		for (int i = 0; i < n; i++) {
			buf_adds(&b, i ? ", " : "");
			buf_adds(&b, tuple);
		}
		buf_adds(&b, tail);
		if (!buf_failed(&b))
			memcpy(out, buf_str(&b), b.len + 1);
		buf_free(&b);
	}
	return out[0] ? out : NULL;
}

/* A person's search keys go in one statement of as many rows (up to
 * KEYS_AT_ONCE; more in several): one statement a person, not one a key. */
#define KEYS_AT_ONCE 16
static char keys_sql[KEYS_AT_ONCE][40 + 8 * KEYS_AT_ONCE + 64];
static pthread_once_t keys_sql_once = PTHREAD_ONCE_INIT;

static void keys_sql_make(void)
{
	for (int n = 1; n <= KEYS_AT_ONCE; n++)
		rows_sql(keys_sql[n - 1], sizeof keys_sql[0],
		         "INSERT INTO person_name_keys (key, person_id) VALUES ", "(?, ?)", n,
		         " ON CONFLICT DO NOTHING");
}

static nct_err keys_insert(struct ctx *x, int64_t id, const struct buf *keys, size_t n)
{
	pthread_once(&keys_sql_once, keys_sql_make);
	const char *k = buf_str(keys);
	nct_err e = NCT_OK;
	while (!e && n > 0) {
		size_t m = n > KEYS_AT_ONCE ? KEYS_AT_ONCE : n;
		const char *sql = keys_sql[m - 1];
		struct db_stmt *st = sql[0] ? db_prepare(x->db, sql) : NULL;
		for (size_t i = 0; i < m; i++, k += strlen(k) + 1) {
			db_bind_text(st, (int)(2 * i + 1), k);
			db_bind_int(st, (int)(2 * i + 2), id);
		}
		e = st ? db_run(st) : NCT_ERR_NOMEM;
		n -= m;
	}
	return e;
}

/* Writes a new person as derived: the row, its search keys, its residence and
 * its audit row (what person_index would write, without reading it back). */
static nct_err person_write_derived(struct ctx *x, const struct person_new *in,
                                    const struct person_in *v, const struct person_derived *d,
                                    int64_t *id)
{
	char idtxt[AUDIT_ID_LEN];
	nct_err e = person_insert(x, in, v, d, id);
	if (!e)
		e = keys_insert(x, *id, &d->keys, d->nkeys);
	if (!e)
		e = fact_insert_residence(x, *id, &v->place, v->since[0] ? v->since : NULL);
	if (e)
		return e;
	return audit_write(x, "create", "person", audit_id(idtxt, *id), NULL, d->audit_json);
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
};

static const struct db_col core_col[] = {
    DB_TEXT(struct person_core, full_name), DB_TEXT(struct person_core, citizen_id),
    DB_TEXT(struct person_core, birth), DB_NUM(struct person_core, merged)};
static const struct db_cols core_cols = DB_COLS(struct person_core, core_col);

static nct_err index_columns(struct ctx *x, int64_t id, const struct person_core *c)
{
	static const char sql[] = "UPDATE persons SET family_name = ?, middle_name = ?,"
	                          " given_name = ?, sort_key = ?, birth_start = ? WHERE id = ?";
	struct person_name n;
	struct birth b = {0, 0, 0};
	char start[DATE_LEN];
	struct buf key;
	buf_init(&key, SORT_KEY_MAX);
	person_name_split(c->full_name, &n);
	nct_err e = person_name_sort_key(&n, &key);
	if (!e && birth_parse(c->birth, &b) != NCT_OK)
		e = NCT_ERR_INVALID;
	date_format(birth_start(b), start);
	struct db_stmt *st = e ? NULL : db_prepare(x->db, sql);
	db_bind_text(st, 1, n.family);
	db_bind_text(st, 2, n.middle);
	db_bind_text(st, 3, n.given);
	db_bind_text(st, 4, buf_str(&key));
	db_bind_text(st, 5, start);
	db_bind_int(st, 6, id);
	if (!e)
		e = db_run(st);
	buf_free(&key);
	return e;
}

static nct_err index_keys(struct ctx *x, int64_t id, const struct person_core *c)
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
	if (!e)
		e = keys_insert(x, id, &keys, n);
	buf_free(&keys);
	return e;
}

nct_err person_index(struct ctx *x, int64_t id)
{
	static const char sql[] =
	    "SELECT full_name, citizen_id, birth, merged_into FROM persons WHERE id = ?";
	struct person_core c;
	nct_err e = db_row_of(DB_PREPARE(x->db, sql, DB_I(id)), &core_cols, &c);
	if (!e)
		e = index_columns(x, id, &c);
	return e ? e : index_keys(x, id, &c);
}

#define REINDEX_BATCH 2000 /* persons indexed in one unit */
/* Rows of one multi-row statement of the reindex (6 and 2 parameters a row,
 * within the PostgreSQL store's 80): a round trip per batch, not per person. */
#define REINDEX_COLS_PER 13
#define REINDEX_KEYS_PER 40
#define REINDEX_TEXT_MAX ((size_t)256 << 20) /* a batch's derived text */

/* A batch being indexed: each row's texts (family, middle, given, sort key,
 * birth start) and its search keys, NUL-separated in text at the offsets. */
struct reindex {
	struct buf text;
	struct vec rows; /* struct reindex_row */
	struct vec keys; /* struct reindex_key */
};

struct reindex_row {
	int64_t id;
	size_t at; /* its five texts in text */
};

struct reindex_key {
	int64_t id;
	size_t at;
};

static nct_err text_add(struct buf *b, const char *s, size_t *at)
{
	*at = b->len;
	return buf_add(b, s, strlen(s) + 1);
}

/* What person_index derives of one person, added to the batch. */
static int reindex_read(struct db_stmt *st, void *row, void *arg)
{
	struct reindex *ix = arg;
	struct person_core c;
	struct person_name n;
	struct birth b = {0, 0, 0};
	char start[DATE_LEN];
	struct buf key;
	size_t at, skip;
	struct reindex_row *r = row;
	db_read_cols(st, &core_cols, &c);
	r->id = db_col_int(st, 4);
	buf_init(&key, SORT_KEY_MAX);
	person_name_split(c.full_name, &n);
	nct_err e = person_name_sort_key(&n, &key);
	if (!e && birth_parse(c.birth, &b) != NCT_OK)
		e = NCT_ERR_INVALID;
	date_format(birth_start(b), start);
	if (!e && !(e = text_add(&ix->text, n.family, &r->at)))
		e = buf_add(&ix->text, n.middle, strlen(n.middle) + 1);
	if (!e && !(e = buf_add(&ix->text, n.given, strlen(n.given) + 1)) &&
	    !(e = text_add(&ix->text, buf_str(&key), &skip)))
		e = text_add(&ix->text, start, &skip);
	buf_reset(&key);
	size_t nk = 0;
	if (!e && !c.merged)
		e = person_name_keys(c.full_name, c.citizen_id, &key, &nk);
	const char *k = buf_str(&key);
	for (size_t i = 0; !e && i < nk; i++, k += strlen(k) + 1) {
		struct reindex_key *rk = vec_push(&ix->keys);
		e = rk ? text_add(&ix->text, k, &at) : NCT_ERR_NOMEM;
		if (rk)
			*rk = (struct reindex_key){r->id, at};
	}
	buf_free(&key);
	return e ? -(int)e : DB_KEEP;
}

typedef void (*reindex_bind)(struct db_stmt *st, int base, const struct reindex *ix, size_t i);

/* Runs the n rows of v through the statement of `per` rows (sql_many), the
 * rest through the one-row statement (sql_one). */
static nct_err reindex_put(struct ctx *x, const struct reindex *ix, size_t n, int per, int params,
                           const char *sql_many, const char *sql_one, reindex_bind fn)
{
	if (!sql_many || !sql_one)
		return NCT_ERR_NOMEM;
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n;) {
		size_t k = n - i >= (size_t)per ? (size_t)per : 1;
		struct db_stmt *st = db_prepare(x->db, k > 1 ? sql_many : sql_one);
		for (size_t j = 0; j < k; j++)
			fn(st, (int)j * params, ix, i + j);
		e = db_run(st);
		i += k;
	}
	return e;
}

static void bind_columns(struct db_stmt *st, int base, const struct reindex *ix, size_t i)
{
	const struct reindex_row *r = vec_at(&ix->rows, struct reindex_row, i);
	const char *t = buf_str(&ix->text) + r->at;
	db_bind_int(st, base + 1, r->id);
	for (int f = 0; f < 5; f++, t += strlen(t) + 1)
		db_bind_text(st, base + 2 + f, t);
}

static void bind_key(struct db_stmt *st, int base, const struct reindex *ix, size_t i)
{
	const struct reindex_key *k = vec_at(&ix->keys, struct reindex_key, i);
	db_bind_text(st, base + 1, buf_str(&ix->text) + k->at);
	db_bind_int(st, base + 2, k->id);
}

/* One batch: the persons' old keys dropped, their derived columns and keys
 * written, a few statements for the whole batch (what person_index does for
 * one person). */
static nct_err reindex_write(struct ctx *x, const struct reindex *ix)
{
	static const char drop[] =
	    "DELETE FROM person_name_keys WHERE person_id BETWEEN ? AND ? AND person_id IN"
	    " (SELECT id FROM persons WHERE sort_key IS NULL AND id BETWEEN ? AND ?)";
	static const char cols_head[] =
	    "UPDATE persons SET family_name = v.column2, middle_name = v.column3,"
	    " given_name = v.column4, sort_key = v.column5, birth_start = v.column6 FROM (VALUES ";
	static const char cols_tuple[] = "(CAST(? AS BIGINT), ?, ?, ?, ?, ?)";
	static const char cols_tail[] = ") AS v WHERE persons.id = v.column1";
	static const char keys_head[] = "INSERT INTO person_name_keys (key, person_id) VALUES ";
	static const char keys_tail[] = " ON CONFLICT DO NOTHING";
	static char cols_many[1024], cols_one[512], keys_many[1024], keys_one[256];
	int64_t lo = vec_at(&ix->rows, struct reindex_row, 0)->id;
	int64_t hi = vec_at(&ix->rows, struct reindex_row, ix->rows.n - 1)->id;
	struct db_stmt *st = db_prepare(x->db, drop);
	DB_BINDS(st, DB_I(lo), DB_I(hi), DB_I(lo), DB_I(hi));
	nct_err e = db_run(st);
	if (!e)
		e = reindex_put(
		    x, ix, ix->rows.n, REINDEX_COLS_PER, 6,
		    rows_sql(cols_many, sizeof cols_many, cols_head, cols_tuple, REINDEX_COLS_PER,
		             cols_tail),
		    rows_sql(cols_one, sizeof cols_one, cols_head, cols_tuple, 1, cols_tail),
		    bind_columns);
	if (!e)
		e = reindex_put(
		    x, ix, ix->keys.n, REINDEX_KEYS_PER, 2,
		    rows_sql(keys_many, sizeof keys_many, keys_head, "(?, ?)", REINDEX_KEYS_PER,
		             keys_tail),
		    rows_sql(keys_one, sizeof keys_one, keys_head, "(?, ?)", 1, keys_tail),
		    bind_key);
	return e;
}

/* Every person has a residence fact: those written without one (nct init
 * --demo, nct gen, stores of an older nct) get their place "since before our
 * records", in one unit. */
static nct_err residence_facts_fill(struct ctx *x)
{
	static const char sql[] =
	    "INSERT INTO person_facts (person_id, kind, value, place_id, valid_from, created_at)"
	    " SELECT p.id, 'residence', pl.code, p.place_id, NULL, CAST(? AS TEXT)"
	    " FROM persons p JOIN places pl ON pl.id = p.place_id"
	    " WHERE NOT EXISTS (SELECT 1 FROM person_facts f WHERE f.person_id = p.id"
	    " AND f.kind = 'residence')";
	char now[26];
	time_format_vn(time(NULL), now);
	nct_err e = unit_begin(x);
	if (e)
		return e;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, now);
	return unit_end(x, db_run(st));
}

nct_err person_reindex(struct ctx *x, int64_t *done)
{
	static const char sql[] =
	    "SELECT full_name, citizen_id, birth, merged_into, id FROM persons"
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
	return e;
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
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(a->full_name), DB_T(fold), DB_T(a->sex),
	                                DB_T(a->birth), DB_OPT(a->citizen_id), DB_OPT(a->ethnicity),
	                                DB_OPT(a->died_on), DB_T(now), DB_I(id));
	nct_err e = db_run(st);
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

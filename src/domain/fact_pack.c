/* fact_pack.c - a person's live facts packed into one row (the format is in
 * fact_pack.h), rewritten by the writes that change them and read by the
 * place-wide reads of the allowances (ent_scan.c). */
#include "fact_pack.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/buf.h"
#include "../base/date.h"
#include "../base/packed.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"

/* Persons one statement packs, and the widest span of ids it reads for them;
 * persons a fill packs in one unit (a commit each, not each batch: a country's
 * fill is 800 units). */
#define FACT_PACK_BATCH 500
#define FACT_PACK_SPAN  (4 * FACT_PACK_BATCH)
#define FACT_PACK_UNIT  20000

static atomic_bool ignoring;

void fact_pack_ignore(bool on)
{
	atomic_store(&ignoring, on);
}

bool fact_pack_ignored(void)
{
	return atomic_load(&ignoring);
}

/* ---- decoding: every field bounded, every byte checked ---- */

struct fact_rec {
	int64_t id, place_id, amount;
	bool has_amount;
	char kind[sizeof((struct person_fact *)0)->kind];
	char value[sizeof((struct person_fact *)0)->value];
	char from[DATE_LEN];
};

/* A decimal that may start with '-'. */
static bool signed_number(const char *s, int64_t *out)
{
	bool neg = s[0] == '-';
	if (!packed_number(s + neg, out))
		return false;
	if (neg)
		*out = -*out;
	return true;
}

static bool rec_decode(const char **p, struct fact_rec *r)
{
	char id[20], place[20], amount[21];
	if (!packed_field(p, ';', id, sizeof id) || !packed_number(id, &r->id) || r->id <= 0 ||
	    !packed_field(p, ';', r->kind, sizeof r->kind) ||
	    !packed_field(p, ';', r->value, sizeof r->value) ||
	    !packed_field(p, ';', place, sizeof place) ||
	    !packed_field(p, ';', amount, sizeof amount) ||
	    !packed_field(p, '\n', r->from, sizeof r->from) || !packed_day(r->from, true))
		return false;
	r->place_id = 0;
	if (place[0] && (!packed_number(place, &r->place_id) || r->place_id <= 0))
		return false;
	r->amount = 0;
	r->has_amount = amount[0] != '\0';
	return !r->has_amount || signed_number(amount, &r->amount);
}

/* What the rules read of a fact (the place-wide reads' struct, its name,
 * note and retraction empty). */
static void fact_set(struct person_fact *f, int64_t person_id, const struct fact_rec *r)
{
	f->id = r->id;
	f->person_id = person_id;
	memcpy(f->kind, r->kind, sizeof f->kind);
	memcpy(f->value, r->value, sizeof f->value);
	f->place_id = r->place_id;
	f->place_name[0] = '\0';
	f->has_amount = r->has_amount;
	f->amount = r->amount;
	memcpy(f->from, r->from, sizeof f->from);
	f->note[0] = f->created_at[0] = f->retract_reason[0] = f->retracted_at[0] = '\0';
	f->retracted = false;
}

nct_err fact_pack_latest(const char *packed, const char *day, int64_t person_id,
                         struct person_fact f[FACT_KINDS])
{
	static const struct fact_rec none = {0};
	for (int k = 0; k < FACT_KINDS; k++)
		fact_set(&f[k], person_id, &none);
	const char *p = packed ? packed : "";
	while (*p) {
		struct fact_rec r;
		if (!rec_decode(&p, &r))
			return NCT_ERR_DB;
		int k = fact_kind_index(r.kind);
		if (k < 0 || (r.from[0] && strcmp(r.from, day) > 0))
			continue;
		/* the latest on or before the day: by start (none the earliest), then id */
		int c = f[k].id ? strcmp(r.from, f[k].from) : 1;
		if (c > 0 || (c == 0 && r.id > f[k].id))
			fact_set(&f[k], person_id, &r);
	}
	return NCT_OK;
}

/* ---- packing: only what decodes back the same ---- */

/* Appends the fact on st's row (columns 1-6: id, kind, value, place, amount,
 * start) as a line; false when it would not decode back the same. */
static bool pack_line(struct db_stmt *st, struct buf *b)
{
	const char *kind = db_col_text(st, 2), *value = db_col_text(st, 3),
	           *from = db_col_text(st, 6);
	bool has_place = !db_col_null(st, 4), has_amount = !db_col_null(st, 5);
	int64_t id = db_col_int(st, 1), place = db_col_int(st, 4), amount = db_col_int(st, 5);
	/* the decoder reads at most 18 digits (packed_number) */
	const int64_t amount_max = 999999999999999999;
	if (id <= 0 || !packed_fits(kind, sizeof((struct fact_rec *)0)->kind) ||
	    !packed_fits(value, sizeof((struct fact_rec *)0)->value) || (has_place && place <= 0) ||
	    (has_amount && (amount > amount_max || amount < -amount_max)) ||
	    (from && !packed_day(from, false)))
		return false;
	buf_printf(b, "%lld;%s;%s;", (long long)id, kind, value);
	if (has_place)
		buf_printf(b, "%lld", (long long)place);
	buf_addc(b, ';');
	if (has_amount)
		buf_printf(b, "%lld", (long long)amount);
	buf_printf(b, ";%s\n", from ? from : "");
	return true;
}

/* The live facts of the persons of a span of ids, each person's in their ids' order (a
 * person without any: one row, its fact NULL). */
static const char span_sql[] =
    "SELECT p.id, f.id, f.kind, f.value, f.place_id, f.amount, f.valid_from"
    " FROM persons p LEFT JOIN person_facts f ON f.person_id = p.id AND NOT EXISTS"
    " (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)"
    " WHERE p.id >= ? AND p.id <= ? ORDER BY p.id, f.id";

struct pack_row {
	int64_t id;
	size_t off; /* its text in the batch's, NUL-terminated */
	bool ok;    /* false: cannot be packed (no row) */
};

struct batch {
	const int64_t *only; /* the persons to pack, ascending */
	size_t n, at;
	struct vec rows; /* struct pack_row */
	struct buf text;
};

/* The person's text ended (its NUL), and its bound checked. */
static void pack_end(struct batch *b, struct pack_row *r)
{
	if (b->text.len - r->off > FACT_PACK_MAX)
		r->ok = false;
	buf_add(&b->text, "", 1);
}

/* The row of person pid, when one of those to pack: NULL else (or out of memory). */
static struct pack_row *pack_begin(struct batch *b, int64_t pid)
{
	while (b->at < b->n && b->only[b->at] < pid)
		b->at++;
	if (b->at >= b->n || b->only[b->at] != pid)
		return NULL;
	struct pack_row *r = vec_push(&b->rows);
	if (r)
		*r = (struct pack_row){pid, b->text.len, true};
	return r;
}

/* Packs the live facts of the persons of b (one read of their ids' span). */
static nct_err batch_read(struct db *db, struct batch *b)
{
	struct db_stmt *st = DB_PREPARE(db, span_sql, DB_I(b->only[0]), DB_I(b->only[b->n - 1]));
	struct pack_row *r = NULL;
	int64_t was = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t pid = db_col_int(st, 0);
		if (pid != was) {
			if (r)
				pack_end(b, r);
			was = pid;
			r = pack_begin(b, pid);
		}
		if (r && r->ok && !db_col_null(st, 1) && !pack_line(st, &b->text))
			r->ok = false;
	}
	db_done(st);
	if (r)
		pack_end(b, r);
	if (rc < 0)
		return (nct_err)-rc;
	nct_err e = vec_failed(&b->rows);
	return e ? e : buf_failed(&b->text);
}

static void pack_bind(struct db_stmt *st, int first, size_t i, void *arg)
{
	const struct batch *b = arg;
	const struct pack_row *r = vec_at(&b->rows, const struct pack_row, i);
	db_bind_int(st, first, r->id);
	db_bind_text(st, first + 1, b->text.ptr + r->off);
}

#define PACK_PUT "INSERT INTO person_fact_packs (person_id, facts) VALUES "
/* A refresh rewrites the row; a fill leaves a row a write made meanwhile. */
static struct db_many put_replace =
    DB_MANY(PACK_PUT, "(?, ?)", " ON CONFLICT (person_id) DO UPDATE SET facts = excluded.facts", 2);
static struct db_many put_missing =
    DB_MANY(PACK_PUT, "(?, ?)", " ON CONFLICT (person_id) DO NOTHING", 2);

/* Writes the batch's rows: those that cannot be packed dropped, the others put. */
static nct_err batch_write(struct db *db, struct batch *b, bool replace)
{
	static const char drop_sql[] = "DELETE FROM person_fact_packs WHERE person_id = ?";
	size_t kept = 0;
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < b->rows.n; i++) {
		struct pack_row *r = vec_at(&b->rows, struct pack_row, i);
		if (r->ok)
			*vec_at(&b->rows, struct pack_row, kept++) = *r;
		else /* read from the tables */
			e = db_run(DB_PREPARE(db, drop_sql, DB_I(r->id)));
	}
	b->rows.n = kept;
	return e ? e : db_many_run(db, replace ? &put_replace : &put_missing, kept, pack_bind, b);
}

/* Packs the persons only (n, ascending, unique, their ids within
 * FACT_PACK_SPAN) and writes their rows. */
static nct_err pack_span(struct db *db, const int64_t *only, size_t n, bool replace)
{
	struct batch b = {only, n, 0, {0}, {0}};
	vec_init(&b.rows, sizeof(struct pack_row), FACT_PACK_BATCH);
	buf_init(&b.text, (size_t)FACT_PACK_BATCH * (FACT_PACK_MAX + 1));
	buf_adds(&b.text, "");
	nct_err e = batch_read(db, &b);
	if (!e)
		e = batch_write(db, &b, replace);
	vec_free(&b.rows);
	buf_free(&b.text);
	return e;
}

/* Packs the persons ids (n, ascending, unique), neighbours together. */
static nct_err pack_list(struct db *db, const int64_t *ids, size_t n, bool replace)
{
	nct_err e = NCT_OK;
	for (size_t i = 0, j; !e && i < n; i = j) {
		for (j = i + 1;
		     j < n && j - i < FACT_PACK_BATCH && ids[j] - ids[i] < FACT_PACK_SPAN; j++)
			;
		e = pack_span(db, ids + i, j - i, replace);
	}
	return e;
}

nct_err fact_pack_refresh(struct db *db, int64_t person_id)
{
	/* PostgreSQL: a second writer of the person's facts waits here, then
	 * reads what the first committed, so its row holds both writes */
	nct_err e = db_lock_row(db, "persons", person_id);
	return e ? e : pack_list(db, &person_id, 1, true);
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

nct_err fact_pack_refresh_ids(struct db *db, const int64_t *ids, size_t n)
{
	if (!n)
		return NCT_OK;
	int64_t *v = malloc(n * sizeof *v);
	if (!v)
		return NCT_ERR_NOMEM;
	memcpy(v, ids, n * sizeof *v);
	qsort(v, n, sizeof *v, id_cmp);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || v[u - 1] != v[i])
			v[u++] = v[i];
	nct_err e = pack_list(db, v, u, true);
	free(v);
	return e;
}

static int id_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	*(int64_t *)row = db_col_int(st, 0);
	return DB_KEEP;
}

/* One batch of the persons after *last, up to hi, without a row, packed in
 * the caller's unit; *got how many (0: none left). */
static nct_err fill_some(struct db *db, int64_t *last, int64_t hi, size_t *got)
{
	static const char sql[] = "SELECT p.id FROM persons p WHERE p.id > ? AND p.id <= ?"
	                          " AND NOT EXISTS"
	                          " (SELECT 1 FROM person_fact_packs k WHERE k.person_id = p.id)"
	                          " ORDER BY p.id LIMIT ?";
	struct vec ids;
	vec_init(&ids, sizeof(int64_t), FACT_PACK_UNIT);
	*got = 0;
	nct_err e = db_rows(DB_PREPARE(db, sql, DB_I(*last), DB_I(hi), DB_I(FACT_PACK_UNIT)), &ids,
	                    id_row, NULL);
	if (!e && ids.n) {
		e = pack_list(db, ids.ptr, ids.n, false);
		*last = *vec_at(&ids, int64_t, ids.n - 1);
		*got = ids.n;
	}
	vec_free(&ids);
	return e;
}

/* The same in a unit of its own. */
static nct_err fill_batch(struct db *db, int64_t *last, size_t *got)
{
	nct_err e = db_begin(db);
	if (e)
		return e;
	e = fill_some(db, last, INT64_MAX, got);
	e = e ? e : db_commit(db);
	if (e)
		db_rollback(db);
	return e;
}

nct_err fact_pack_fill_span(struct db *db, int64_t lo, int64_t hi)
{
	int64_t last = lo - 1;
	size_t got = 0;
	nct_err e;
	if (lo <= 0 || hi < lo)
		return NCT_OK;
	while (!(e = fill_some(db, &last, hi, &got)) && got)
		;
	return e;
}

nct_err fact_pack_fill(struct db *db, int64_t *done)
{
	static const char mark_sql[] =
	    "INSERT INTO person_fact_packs_filled (filled_at) SELECT CAST(? AS TEXT)"
	    " WHERE NOT EXISTS (SELECT 1 FROM person_fact_packs_filled)";
	int64_t last = 0;
	size_t got = 0;
	nct_err e;
	*done = 0;
	while (!(e = fill_batch(db, &last, &got)) && got)
		*done += (int64_t)got;
	if (e)
		return e;
	char now[26];
	time_format_vn(time(NULL), now);
	return db_run(DB_PREPARE(db, mark_sql, DB_T(now)));
}

nct_err fact_pack_upgrade(struct db *db)
{
	int64_t filled = 0, done = 0;
	nct_err e =
	    db_int(db_prepare(db, "SELECT COUNT(*) FROM person_fact_packs_filled"), &filled);
	return e || filled ? e : fact_pack_fill(db, &done);
}

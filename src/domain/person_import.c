#include "person_import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../base/text.h"
#include "../store/db.h"
#include "audit.h"
#include "ctx.h"
#include "fact_pack.h"

/* Two FNV-1a hashes of different seeds over "kind\tcell\tcell...". */
void import_mapping_key(const char *kind, const char *const *folded, size_t n, char out[33])
{
	uint64_t h[2] = {1469598103934665603u, 0x84222325cbf29ce4u};
	for (size_t i = 0; i <= n; i++) {
		const char *s = i == 0 ? kind : folded[i - 1] ? folded[i - 1] : "";
		for (int k = 0; k < 2; k++) {
			for (const char *p = s; *p; p++)
				h[k] = (h[k] ^ (unsigned char)*p) * 1099511628211u;
			h[k] = (h[k] ^ '\t') * 1099511628211u;
		}
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}

nct_err import_mapping_get(struct ctx *x, const char *key, char **mapping)
{
	static const char sql[] = "SELECT mapping FROM import_mappings WHERE header_key = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, key);
	int rc = db_step(st);
	*mapping = rc == DB_ROW ? strdup(db_col_text(st, 0)) : NULL;
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	if (rc != DB_ROW)
		return NCT_ERR_NOTFOUND;
	return *mapping ? NCT_OK : NCT_ERR_NOMEM;
}

static nct_err mapping_put(struct ctx *x, const struct import_mapping *m)
{
	static const char sql[] =
	    "INSERT INTO import_mappings (header_key, kind, headers, mapping, updated_at)"
	    " VALUES (?, 'persons', ?, ?, ?) ON CONFLICT (header_key) DO UPDATE"
	    " SET headers = excluded.headers, mapping = excluded.mapping,"
	    " updated_at = excluded.updated_at";
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, m->key);
	db_bind_text(st, 2, m->headers);
	db_bind_text(st, 3, m->mapping);
	db_bind_text(st, 4, now);
	nct_err e = db_run(st);
	return e ? e : audit_write(x, "remember", "import_mapping", m->key, NULL, m->mapping);
}

/* Writes the batch held: refused when one of its persons was recorded
 * meanwhile (found in the store, or earlier in the file), as one by one. */
static nct_err write_batch(struct ctx *x, struct person_batch *b, const size_t *lines,
                           struct person_import_done *done, struct refusal *rf)
{
	size_t n = person_batch_count(b), first;
	nct_err e = n ? person_batch_find_same(x, b, &first) : NCT_OK;
	if (e || n == 0)
		return e;
	if (first < n) {
		done->line = lines[first];
		return refuse(rf, NCT_ERR_CONFLICT, RF_IMPORT_RECORDED_MEANWHILE, "full_name", "s",
		              person_batch_name(b, first));
	}
	if (!(e = person_batch_write(x, b)))
		done->written += n;
	return e;
}

/* The rows written in batches; their packed facts are left to the caller
 * (the persons' ids from *lo to *hi). */
static nct_err write_rows(struct ctx *x, person_import_next_fn next, void *arg,
                          struct person_import_done *done, int64_t *lo, int64_t *hi,
                          struct refusal *rf)
{
	struct person_import_row row;
	size_t lines[PERSON_BATCH_MAX];
	struct person_batch *b = person_batch_new();
	if (!b)
		return NCT_ERR_NOMEM;
	person_batch_defer_packs(b);
	nct_err e;
	while ((e = next(arg, &row)) == NCT_OK) {
		done->line = row.line;
		if (row.existing) {
			done->existing++;
			continue;
		}
		lines[person_batch_count(b)] = row.line;
		if ((e = person_batch_add(b, &row.in, &row.ok)))
			break;
		if (person_batch_count(b) == PERSON_BATCH_MAX &&
		    (e = write_batch(x, b, lines, done, rf)))
			break;
	}
	if (e == NCT_ERR_NOTFOUND)
		e = write_batch(x, b, lines, done, rf);
	person_batch_span(b, lo, hi);
	person_batch_free(b);
	if (!e)
		done->line = 0;
	return e;
}

/* The tables an import adds rows to, each with the table whose largest id
 * stands for the rows it holds (persons are never deleted; a person has a
 * few search keys and a residence), and the index its write pass reads
 * (person_find_same): that one stays. */
static const char *const import_person_tables[] = {"persons", "person_name_keys", "person_facts",
                                                   NULL};
static const char *const import_audit_tables[] = {"audit", NULL};
static const char *const import_kept[] = {"persons_same", NULL};

/* Sets the indexes of tables aside when the import adds at least half as
 * many rows as the store holds (and not a few): then building each index
 * again from all its rows is cheaper than adding the new rows' entries one at
 * a time. */
static nct_err set_aside_if_worth(struct ctx *x, const char *max_sql, const char *const *tables,
                                  size_t to_write, struct db_set_aside *out)
{
	int64_t held = 0;
	memset(out, 0, sizeof *out);
	if (to_write < PERSON_IMPORT_SET_ASIDE_MIN)
		return NCT_OK;
	nct_err e = db_int(db_prepare(x->db, max_sql), &held);
	if (e || (int64_t)to_write * 2 < held)
		return e;
	return db_indexes_set_aside(x->db, tables, import_kept, out);
}

static nct_err set_aside(struct ctx *x, size_t to_write, struct db_set_aside out[2])
{
	static const char persons_max[] = "SELECT coalesce(max(id), 0) FROM persons";
	static const char audit_max[] = "SELECT coalesce(max(id), 0) FROM audit";
	nct_err e = set_aside_if_worth(x, persons_max, import_person_tables, to_write, &out[0]);
	return e ? e : set_aside_if_worth(x, audit_max, import_audit_tables, to_write, &out[1]);
}

nct_err person_import_write(struct ctx *x, person_import_next_fn next, void *arg,
                            const struct import_mapping *map, const char *summary_json,
                            size_t to_write, struct person_import_done *done, struct refusal *rf)
{
	struct db_set_aside aside[2] = {{0}, {0}};
	int64_t lo = 0, hi = 0;
	memset(done, 0, sizeof *done);
	db_big_cache(x->db, true); /* only speed: a failure is no reason to stop */
	nct_err e = unit_begin(x);
	if (e) {
		db_big_cache(x->db, false);
		return e;
	}
	e = set_aside(x, to_write, aside);
	if (!e)
		e = write_rows(x, next, arg, done, &lo, &hi, rf);
	for (int i = 0; i < 2; i++) {
		if (!e)
			e = db_indexes_rebuild(x->db, &aside[i]);
		db_set_aside_free(&aside[i]);
	}
	if (!e) /* with the facts' indexes back: not a scan of the facts a batch */
		e = fact_pack_fill_span(x->db, lo, hi);
	if (!e && map)
		e = mapping_put(x, map);
	if (!e)
		e = audit_write(x, "import", "persons", NULL, NULL, summary_json);
	e = unit_end(x, e);
	db_big_cache(x->db, false);
	return e;
}

nct_err person_import_reads_begin(struct ctx *x)
{
	return db_snapshot_begin(x->db);
}

void person_import_reads_end(struct ctx *x)
{
	db_snapshot_end(x->db);
}

/* person_import.h - the register's import as a domain operation (issue 8
 * item 8): the rows an importer checked outside any lock are written in one
 * unit, and the column mapping of the file's header set is remembered.
 *
 * The importer (export/person_import.c) reads the file twice: first it checks
 * every row with person_ready_cached, reading the store without holding the
 * write lock; then, only when every row was accepted, it reads the file again
 * and hands each row to person_import_write, which holds the lock only for
 * the writing. */
#ifndef NCT_PERSON_IMPORT_H
#define NCT_PERSON_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/err.h"
#include "person.h"
#include "refusal.h"

struct ctx;

/* One row to write, as the importer checked it. */
struct person_import_row {
	size_t line;            /* the file's line, for a refusal */
	struct person_new in;   /* as read from the file */
	struct person_ready ok; /* what person_ready_cached made of it */
	bool existing;          /* the first pass found this person recorded: not written */
};

/* Gives the next row; NCT_ERR_NOTFOUND after the last; any other error stops
 * the write (nothing is written). */
typedef nct_err (*person_import_next_fn)(void *arg, struct person_import_row *row);

/* The mapping of a header set, to remember with the write (NULL: none). */
struct import_mapping {
	const char *key;     /* import_mapping_key */
	const char *headers; /* JSON array of the header cells as written */
	const char *mapping; /* JSON object: field -> column (0-based) */
};

struct person_import_done {
	size_t written, existing;
	size_t line; /* the line a refusal concerns (0: the file) */
};

/* An import that writes at least this many persons, and at least half as
 * many as the store holds, sets the plain indexes of the tables it writes
 * aside and builds them again at the end of its unit (db_indexes_set_aside;
 * SQLite only), but persons_same, which its write pass reads. */
#define PERSON_IMPORT_SET_ASIDE_MIN 5000

/* Writes every row next gives, all or nothing, in one unit with one audit row
 * ("import", "persons": summary_json) besides each person's own: a person
 * found recorded (same folded name, birth and place) that the first pass had
 * not found means someone recorded them meanwhile: RF_IMPORT_RECORDED_MEANWHILE
 * (NCT_ERR_CONFLICT), nothing written. map, when given, is remembered for its
 * header set in the same unit. to_write: the persons the first pass found
 * new (only for the choice above). */
nct_err person_import_write(struct ctx *x, person_import_next_fn next, void *arg,
                            const struct import_mapping *map, const char *summary_json,
                            size_t to_write, struct person_import_done *done, struct refusal *rf);

/* The first pass's reads share one snapshot of the store (db_snapshot_begin:
 * one read lock on SQLite instead of one a statement); the importer ends it
 * every few rows, so that the store's log can be checkpointed and others'
 * writes are seen. No write may be made while it is open. */
nct_err person_import_reads_begin(struct ctx *x);
void person_import_reads_end(struct ctx *x);

/* The key of a header set: kind and the folded cells, as 32 hex digits. */
void import_mapping_key(const char *kind, const char *const *folded, size_t n, char out[33]);

/* The mapping remembered for key, a JSON object malloc'd into *mapping;
 * NCT_ERR_NOTFOUND when none is. */
nct_err import_mapping_get(struct ctx *x, const char *key, char **mapping);

#endif

/* fact_pack.h - a person's live facts packed in one row (table
 * person_fact_packs, migration 0028), so the place-wide reads of the
 * allowances (ent_scan.c) read one row per person, joined to the person,
 * instead of every fact record and a retraction probe for each.
 *
 * The packed format (docs/architecture.md, "Fact packs") is text, one live
 * fact a line in the order of their ids, fields separated by ';', each line
 * ending in '\n':
 *   id;kind;value;place_id;amount;valid_from
 * id is a positive decimal; kind and value as stored (at most 15 and 23
 * bytes); place_id a positive decimal or empty (NULL); amount a decimal,
 * '-' first when negative, or empty (NULL); valid_from YYYY-MM-DD or empty
 * (since before our records). A person without live facts has an empty row.
 *
 * Every write that changes a person's facts (or whose facts they are)
 * rewrites the row in its own unit of work (fact_pack_refresh, _ids); a
 * person without a row, or with a row not of the format, is read from the
 * tables as before (person_facts_latest), so a store is right before it is
 * filled (fact_pack_fill, fact_pack_upgrade). */
#ifndef NCT_FACT_PACK_H
#define NCT_FACT_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "person_fact.h"

struct db;

/* The most bytes one person's row may hold; a person past it keeps no row. */
#define FACT_PACK_MAX (256u * 1024)

/* Every kind's latest live fact on day (YYYY-MM-DD) from a packed row, as
 * person_facts_latest reads it from the tables: f[k].id 0 where there is none;
 * of each, the kind, value, place, amount and start (place name, note and
 * retraction left empty). NCT_ERR_DB for a row not of the format (f then
 * holds nothing to use). */
nct_err fact_pack_latest(const char *packed, const char *day, int64_t person_id,
                         struct person_fact f[FACT_KINDS]);

/* Rewrites the person's row from their live facts, inside the caller's unit
 * of work (the person's row locked first on PostgreSQL); drops it when the
 * facts cannot be packed. */
nct_err fact_pack_refresh(struct db *db, int64_t person_id);
/* The same for n persons (any order, repeats allowed), a few statements a
 * batch of neighbouring ids. */
nct_err fact_pack_refresh_ids(struct db *db, const int64_t *ids, size_t n);
/* Writes the row of every person that has none, 20,000 at a time, each
 * in a unit of its own (a bulk load, a store upgraded to 0028), and marks the
 * store filled. *done counts the rows written. */
nct_err fact_pack_fill(struct db *db, int64_t *done);
/* Writes the row of every person with an id from lo to hi that has none,
 * inside the caller's unit (an import's persons, after its indexes are back). */
nct_err fact_pack_fill_span(struct db *db, int64_t lo, int64_t hi);
/* What `nct serve` does at its start: fact_pack_fill, unless the store is
 * marked filled already (then nothing is read). */
nct_err fact_pack_upgrade(struct db *db);

/* Test hook: while on, the place-wide reads read every person's facts from the
 * tables, as for a person without a row. */
void fact_pack_ignore(bool on);
bool fact_pack_ignored(void);

#endif

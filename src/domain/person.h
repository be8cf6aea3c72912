/* person.h - people: one record per human, shared by club membership and the
 * register of older people (docs/register.md).
 *
 * A person is written as the name is (full_name); family, middle and given
 * name are derived for sorting (person_name.h), with a collation key and
 * search keys kept beside the record. Sex, birth (a year, a year and month, or
 * a date), citizen ID, ethnicity and the date of death are corrected in place,
 * each change audited old -> new (person_correct); what changes over time -
 * residence, poverty, disability, support, pension, community care - is a
 * dated fact (person_fact.h), never an edit. The place of residence here is
 * the latest residence fact's, kept current by person_fact.c.
 *
 * Ethnicity (and the disability fact, and health) are sensitive: struct person
 * never carries them; person_sensitive reads them for the roles that may
 * (access_sensitive) and audits the view. */
#ifndef NCT_PERSON_H
#define NCT_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/birth.h"
#include "../base/err.h"
#include "audit.h"
#include "ethnic.h"
#include "person_name.h"
#include "place.h"
#include "refusal.h"

struct ctx;

struct person {
	int64_t id;
	char full_name[128];
	char family_name[128]; /* derived: "" for "A Hiang" */
	char middle_name[128];
	char given_name[128];
	char sex; /* 'F' or 'M' */
	struct birth birth;
	char citizen_id[16];    /* "" when not known */
	char died_on[DATE_LEN]; /* "" while alive (as far as we know) */
	int64_t merged_into;    /* a tombstone: the record it was merged into; else 0 */
	int64_t place_id;       /* the place of residence today */
	char place_code[24];
	char place_name[TEXT_BYTES(PLACE_NAME_MAX)];
	char place_path[96];
	unsigned hardship; /* enum hardship bits (composition.h) */
};

struct person_new {
	const char *full_name;
	const char *sex;        /* "F" or "M" (also "nữ", "nam") */
	const char *birth;      /* "1950", "03/1950", "15/03/1950" (or "1950-03", "1950-03-15") */
	const char *place_code; /* a commune or village in force today */
	unsigned hardship;
	const char *citizen_id; /* 12 digits; NULL or "": not known */
	const char *ethnicity;  /* a code, name or alias (ethnic.h); NULL or "": not known */
	const char *died_on;    /* dd/mm/yyyy or YYYY-MM-DD; NULL or "": alive */
	const char
	    *resident_since; /* when they came to live there; NULL or "": before the record */
};

/* Checks a new person without writing anything: refused NCT_ERR_INVALID, or
 * NCT_ERR_DENIED for a residence where x may not record people (or an
 * ethnicity from a role that may not see it: RF_SENSITIVE). */
nct_err person_check(struct ctx *x, const struct person_new *in, struct refusal *rf);

/* Checks and writes a person, the first residence fact and the search keys,
 * with its audit row (person_check's refusals). No search for duplicates:
 * register_add (register.h) is the register's way in. */
nct_err person_create(struct ctx *x, const struct person_new *in, int64_t *id, struct refusal *rf);

/* A correction: the fields given (not NULL) replace the record's; "" clears
 * citizen_id, ethnicity and died_on. The residence is not corrected here
 * (RF_USE_RESIDENCE_FACT): a move is a residence fact. */
struct person_edit {
	const char *full_name;
	const char *sex;
	const char *birth;
	const char *citizen_id;
	const char *ethnicity; /* sensitive: refused (RF_SENSITIVE) for roles without access */
	const char *died_on;
	const char *place; /* always refused when given */
};

/* Corrects p (which x may change: RF_DENIED; not a tombstone: RF_MERGED) with
 * the fields of in, checked as person_check checks them, the citizen ID
 * against the sex and birth it will have; writes one audit row "correct" with
 * the old and new values of what changed. Nothing changed is not an error. */
nct_err person_correct(struct ctx *x, int64_t id, const struct person_edit *in, struct refusal *rf);

/* The person with id (a tombstone too: merged_into is set). NCT_ERR_NOTFOUND
 * when there is none, NCT_ERR_DENIED for one x may not see (access.h; out is
 * then zeroed). */
nct_err person_get(struct ctx *x, int64_t id, struct person *out);

/* Inside a unit: the person's row locked (on PostgreSQL; SQLite's unit holds
 * the write lock) and read again: refused RF_MERGED when a merge committed
 * since the caller's checks made it a tombstone, so nothing is written on it. */
nct_err person_lock_live(struct ctx *x, int64_t id, struct refusal *rf);

/* person_get for an id given as input in field: refused NCT_ERR_INVALID
 * (RF_NO_SUCH_PERSON) or NCT_ERR_DENIED (RF_PERSON_OUTSIDE, which names nobody).
 * Every operation that takes a person's id asks this first. */
nct_err person_seen(struct ctx *x, int64_t id, const char *field, struct person *out,
                    struct refusal *rf);

/* The sensitive fields of a person, for the roles that may see them. */
struct person_sensitive {
	struct ethnic_group ethnicity; /* code "" when not known */
	char disability[24];           /* the disability fact on the date asked; "" when none */
	char disability_from[DATE_LEN];
};

/* Reads p's ethnicity and disability (the fact in force on `on`) and writes an
 * audit row "view_sensitive" naming the fields, in its own unit: every view of
 * them is logged. NCT_ERR_DENIED (nothing read, nothing written) for a role
 * without access_sensitive. */
nct_err person_sensitive(struct ctx *x, const struct person *p, struct date on,
                         struct person_sensitive *out);

/* Writes the audit row of a view of p's sensitive fields (a JSON array of
 * their names, e.g. "[\"disability\"]"), in its own unit. */
nct_err person_sensitive_viewed(struct ctx *x, int64_t person_id, const char *fields_json);
/* The person of id (person_seen), whose sensitive fields x may read (else
 * NCT_ERR_DENIED, RF_SENSITIVE), with the reading audited as fields_json. */
nct_err person_sensitive_open(struct ctx *x, int64_t id, const char *fields_json, struct person *p,
                              struct refusal *rf);

/* People in x's scope (a club user: its club's members) whose name has the
 * folded query at a word start, or whose citizen ID begins with it, at most
 * limit, in the register's order; no tombstones. *out is malloc'd. An index
 * range over the search keys (register.h). */
nct_err person_search(struct ctx *x, const char *query, size_t limit, struct person **out,
                      size_t *n);

/* The person recorded with the same folded name, birth and place as in, among
 * those x sees; *id is 0 when there is none (or in cannot be read). One index
 * seek on (name_fold, birth): person_same_sql, whose plan a test checks. */
nct_err person_find_same(struct ctx *x, const struct person_new *in, int64_t *id);
extern const char person_same_sql[];

/* A new person as person_ready checked it: what writing them needs, read once. */
struct person_ready {
	char sex;
	struct birth birth;
	int64_t place_id; /* the residence in force when checked */
	char place_code[24];
	struct place place;            /* that residence */
	struct ethnic_group ethnicity; /* code "" when not given */
	char died_on[DATE_LEN];        /* "" when not given */
	char since[DATE_LEN];          /* the residence's start; "" when not given */
};

/* person_check that keeps what it read, so that person_write_ready can record
 * the person later without reading the store again (the member import checks
 * every row first, then writes them all in one short unit). */
nct_err person_ready(struct ctx *x, const struct person_new *in, struct person_ready *out,
                     struct refusal *rf);

/* What checking many persons asks the store once (an import): the places of
 * residence accepted, the ethnic groups as spelt, the citizen-ID prefixes.
 * Bounded (a country's communes); past that, the store is asked again. */
struct person_cache;
struct person_cache *person_cache_new(void); /* NULL: out of memory */
void person_cache_free(struct person_cache *pc);

/* The commune of the place with code (itself, or a village's parent) in
 * force today, as register_duplicates compares it; 0 when there is none. A
 * place pc holds is asked once (pc NULL: every time). */
int64_t person_commune_of(struct ctx *x, struct person_cache *pc, const char *code);

/* person_ready through pc (NULL: none). What pc holds was accepted for x: use
 * one cache for one context only. */
nct_err person_ready_cached(struct ctx *x, struct person_cache *pc, const struct person_new *in,
                            struct person_ready *out, struct refusal *rf);

/* Writes a person person_ready accepted, with its audit row, inside the
 * caller's unit. */
nct_err person_write_ready(struct ctx *x, const struct person_new *in, const struct person_ready *r,
                           int64_t *id);

/* The keys person_find_same asks: the folded name, the birth as persons.birth
 * holds it (birth_format), and the place's code as given. */
struct person_same_key {
	const char *fold; /* NULL: nothing to find */
	const char *birth;
	const char *place_code;
};
/* in's keys (*fold malloc'd); false (and *fold NULL) when person_find_same
 * would find nothing for in, or out of memory. */
bool person_same_key_of(const struct person_new *in, char **fold, char birth[DATE_LEN]);
/* person_find_same for n <= PERSON_BATCH_MAX keys in one statement (the keys
 * a VALUES list, an index seek each: db_keyed_sql): ids[i] is what person_find_same gives for
 * the i-th (the import's check pass asks a batch of rows at a time). */
nct_err person_find_same_many(struct ctx *x, const struct person_same_key *k, size_t n,
                              int64_t *ids);
/* Its statement on db's engine: PERSON_BATCH_MAX keys of two values (folded
 * name, birth) bound in turn (a test checks its plan). */
struct db;
const char *person_same_many_sql(const struct db *db);

/* The import's write pass writes new persons a batch at a time: a batch's
 * ids in one call, its rows, search keys, residences and audit rows each in a
 * few multi-row statements (a few round trips a batch on PostgreSQL instead of
 * about five a person), inside the caller's unit. */
#define PERSON_BATCH_MAX 256
struct person_batch;
struct person_batch *person_batch_new(void); /* NULL: out of memory */
void person_batch_free(struct person_batch *b);
/* Adds a person person_ready accepted; in's texts are copied (the caller may
 * reuse them). NCT_ERR_INVALID when the batch is full. */
nct_err person_batch_add(struct person_batch *b, const struct person_new *in,
                         const struct person_ready *r);
size_t person_batch_count(const struct person_batch *b);
const char *person_batch_name(const struct person_batch *b, size_t i);
/* The first person of the batch that person_find_same would find recorded if
 * the batch were written one by one (found in the store, or earlier in the
 * batch), in one statement; *first = the count when none is. */
nct_err person_batch_find_same(struct ctx *x, const struct person_batch *b, size_t *first);
/* Writes the batch's persons in its order (the ids a one-by-one write would
 * give) with their audit rows, and empties it. */
nct_err person_batch_write(struct ctx *x, struct person_batch *b);
/* The batch's later writes leave the persons' packed facts to the caller
 * (fact_pack_fill_span over person_batch_span, in the same unit): an import
 * whose indexes are set aside would otherwise read the facts unindexed for
 * every batch. */
void person_batch_defer_packs(struct person_batch *b);
/* The smallest and largest ids the batch has written so far (0 and 0: none). */
void person_batch_span(const struct person_batch *b, int64_t *lo, int64_t *hi);

/* What writing a new person derives from what was checked, without the store:
 * the folded name, the name's parts, its collation key, the start of the birth,
 * the search keys and the audit's picture. A writer of many people (the member
 * import) derives them all before its unit takes the write lock. */
struct person_derived {
	char *fold;
	struct person_name name;
	struct buf sort_key;
	char birth_start[DATE_LEN];
	struct buf keys; /* NUL-separated, nkeys of them (person_name_keys) */
	size_t nkeys;
	char *audit_json;
};

/* Derives what writing the person person_ready accepted needs; free it with
 * person_derived_free (also after an error). */
nct_err person_derive_ready(const struct person_new *in, const struct person_ready *r,
                            struct person_derived *out);
void person_derived_free(struct person_derived *d);

/* Writes a person person_ready accepted, as derived, with its search keys,
 * residence and audit row, inside the caller's unit. */
nct_err person_write_derived_ready(struct ctx *x, const struct person_new *in,
                                   const struct person_ready *r, const struct person_derived *d,
                                   int64_t *id);

/* A bulk writer that changed persons' deaths (nct gen) copies them, with
 * the sort key, the start of the birth and the place, into person id's search
 * keys (person_name_keys carries them for the register's list of a name), in
 * the caller's unit. */
nct_err person_keys_refresh(struct ctx *x, int64_t id);

/* Fills what bulk writers (nct gen, the demo, stores of an older nct) leave
 * out: a residence fact "since before our records" for every person without
 * one, then the derived names, the collation key, the start of the birth and
 * the search keys of every person without a collation key, in units of a few
 * thousand; last, the packed facts of every person without them (fact_pack_fill).
 * *done is how many it indexed. */
nct_err person_reindex(struct ctx *x, int64_t *done);

/* For the domain's queries that join a person (persons p, places pl): the
 * columns to select, and their reader from column col on into p. */
#define PERSON_COLUMNS                                                                             \
	"p.id, p.full_name, p.sex, p.birth, p.place_id, pl.code, pl.name, pl.path, p.hardship,"    \
	" p.family_name, p.middle_name, p.given_name, p.citizen_id, p.died_on, p.merged_into"
#define PERSON_NCOLUMNS 15
/* persons.sort_key: bytes of hex, three fields of at most PERSON_NAME_MAX */
#define PERSON_SORT_KEY_MAX 16384
struct db_stmt;
void person_from_columns(struct db_stmt *st, int col, struct person *p);

/* Inside a unit: rewrites the derived columns (names, collation key, start of
 * the birth) and the search keys of person id from its record (a tombstone
 * keeps no search keys). */
nct_err person_index(struct ctx *x, int64_t id);

/* Parses "nu"/"F"/"nữ" and "nam"/"M"; 0 when neither. */
char sex_parse(const char *s);

#endif

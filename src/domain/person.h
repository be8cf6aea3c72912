/* person.h - people: one record per human, shared by club membership and (to
 * come) the register of older people. */
#ifndef NCT_PERSON_H
#define NCT_PERSON_H

#include <stddef.h>
#include <stdint.h>
#include "../base/birth.h"
#include "../base/err.h"
#include "audit.h"
#include "place.h"
#include "refusal.h"

struct ctx;

struct person {
	int64_t id;
	char full_name[128];
	char sex; /* 'F' or 'M' */
	struct birth birth;
	int64_t place_id;
	char place_code[24];
	char place_name[128];
	char place_path[96];
	unsigned hardship; /* enum hardship bits (composition.h) */
};

struct person_new {
	const char *full_name;
	const char *sex;        /* "F" or "M" (also "nữ", "nam") */
	const char *birth;      /* "1950", "1950-03" or "1950-03-15" */
	const char *place_code; /* a commune or village in force today */
	unsigned hardship;
};

/* Checks a new person without writing anything: refused NCT_ERR_INVALID, or
 * NCT_ERR_DENIED for a residence where x may not record people. */
nct_err person_check(struct ctx *x, const struct person_new *in, struct refusal *rf);

/* Checks and writes a person with its audit row (person_check's refusals). */
nct_err person_create(struct ctx *x, const struct person_new *in, int64_t *id, struct refusal *rf);

/* The person with id. NCT_ERR_NOTFOUND when there is none, NCT_ERR_DENIED for
 * one x may not see (access.h; out is then zeroed). */
nct_err person_get(struct ctx *x, int64_t id, struct person *out);

/* person_get for an id given as input in field: refused NCT_ERR_INVALID
 * (RF_NO_SUCH_PERSON) or NCT_ERR_DENIED (RF_PERSON_OUTSIDE, which names nobody).
 * Every operation that takes a person's id asks this first. */
nct_err person_seen(struct ctx *x, int64_t id, const char *field, struct person *out,
                    struct refusal *rf);

/* People in x's scope whose folded name contains the folded query at a word
 * start, at most limit, by name. *out is malloc'd. */
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
};

/* person_check that keeps what it read, so that person_write_ready can record
 * the person later without reading the store again (the member import checks
 * every row first, then writes them all in one short unit). */
nct_err person_ready(struct ctx *x, const struct person_new *in, struct person_ready *out,
                     struct refusal *rf);

/* Writes a person person_ready accepted, with its audit row, inside the
 * caller's unit. */
nct_err person_write_ready(struct ctx *x, const struct person_new *in, const struct person_ready *r,
                           int64_t *id);

/* For the domain's queries that join a person (persons p, places pl): the
 * columns to select, and their reader from column col on into p. */
#define PERSON_COLUMNS                                                                             \
	"p.id, p.full_name, p.sex, p.birth, p.place_id, pl.code, pl.name, pl.path, p.hardship"
struct db_stmt;
void person_from_columns(struct db_stmt *st, int col, struct person *p);

/* Parses "nu"/"F"/"nữ" and "nam"/"M"; 0 when neither. */
char sex_parse(const char *s);

#endif

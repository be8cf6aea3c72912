/* org.h - organisations: agencies, associations, committees, banks, media,
 * mass organisations and People's Committees, each with a place and dates. */
#ifndef NCT_ORG_H
#define NCT_ORG_H

#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "audit.h"
#include "place.h"
#include "refusal.h"

struct ctx;

#define ORG_LIST_MAX 100000 /* organisations one list returns */

struct org {
	int64_t id;
	char code[32];
	char name[192];
	char kind[24]; /* agency, association, committee, bank, media, mass, people_committee */
	int64_t place_id;
	char place_code[24];
	char place_name[128];
	char place_path[96];
	char valid_from[DATE_LEN]; /* "" : unknown start */
	char valid_to[DATE_LEN];   /* "" : still in force */
};

/* The kinds' codes, NULL-terminated (their words: web/labels.h). */
extern const char *const org_kinds[];
/* True for one of org_kinds. */
bool org_kind_valid(const char *kind);

nct_err org_get(struct ctx *x, const char *code, struct org *out);

/* Organisations in force on date whose place x sees (its subtree and
 * the units above it), optionally of one kind, by name. *out is malloc'd.
 * NCT_ERR_TOOBIG past ORG_LIST_MAX. */
nct_err org_list(struct ctx *x, struct date on, const char *kind, struct org **out, size_t *n);

struct org_new {
	const char *code;
	const char *name;
	const char *kind;
	const char *place_code; /* the unit it belongs to, taken as of valid_from or today */
	const char *valid_from; /* NULL or YYYY-MM-DD */
	const char *valid_to;   /* NULL or YYYY-MM-DD */
	const char *note;
};

/* Checks and writes one organisation with its audit row. For administrators;
 * refusals: refusal.h. */
nct_err org_create(struct ctx *x, const struct org_new *in, struct refusal *rf);

#endif

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

#define ORG_NAME_MAX 190 /* characters of an organisation's name */

struct org {
	int64_t id;
	char code[32];
	char name[TEXT_BYTES(ORG_NAME_MAX)];
	char kind[24]; /* agency, association, committee, bank, media, mass, people_committee */
	int64_t place_id;
	char place_code[24];
	char place_name[TEXT_BYTES(PLACE_NAME_MAX)];
	char place_path[96];
	char valid_from[DATE_LEN]; /* "" : unknown start */
	char valid_to[DATE_LEN];   /* "" : still in force */
};

/* The kinds' codes, NULL-terminated (their words: web/labels.h). */
extern const char *const org_kinds[];
/* True for one of org_kinds. */
bool org_kind_valid(const char *kind);

nct_err org_get(struct ctx *x, const char *code, struct org *out);
nct_err org_by_id(struct ctx *x, int64_t id, struct org *out);

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

/* A body taking over duties of another from a day (org_links): Kon Tum's
 * Department of Health took social protection from Labour-Invalids-Social
 * Affairs on 1 March 2025; the new Quảng Ngãi's bodies took over Kon Tum's on
 * 1 July 2025. */
struct org_link {
	int64_t from_id, to_id;
	char from_code[32], from_name[192];
	char to_code[32], to_name[192];
	char since[DATE_LEN]; /* the first day the new body holds the duty */
	char duty[256];       /* what passes, "" when everything does */
};

/* Every link whose new body (to_id) is one of the n orgs of v, by to_id then
 * since. *out is malloc'd; free() it. NCT_ERR_TOOBIG past ORG_LIST_MAX. */
nct_err org_links_to(struct ctx *x, const struct org *v, size_t n, struct org_link **out,
                     size_t *nout);
/* The index of the first link of l (as org_links_to sorts them) whose new body
 * is to_id; n when there is none. */
size_t org_links_first(const struct org_link *l, size_t n, int64_t to_id);

/* The body that acts on day `on` for the body id (DOMAIN.md: an obligation or
 * figure of a body that ended passes to its successor): *own is the body id,
 * *acting is own itself while it is in force on `on`, else its successor
 * through org_links (since not after `on`), followed while each has ended:
 * of several, the one that takes the plan duties, then the one that takes
 * everything, then the earliest. A body that ended with no successor acts for
 * itself. NCT_ERR_NOTFOUND for no body id. */
nct_err org_acting(struct ctx *x, int64_t id, struct date on, struct org *own, struct org *acting);

/* Records that to_code takes over duties (what passes: duty, or NULL) of
 * from_code from `since`, with its audit row. For administrators; refusals
 * (refusal.h): since not a date, a body unknown (RF_NO_ORG), the new body not
 * in force on since or the old one not on the day before
 * (RF_ORG_NOT_IN_FORCE), the link recorded already (RF_TAKEN,
 * NCT_ERR_CONFLICT). */
nct_err org_link_add(struct ctx *x, const char *from_code, const char *to_code, const char *since,
                     const char *duty, struct refusal *rf);

#endif

/* club.h - Intergenerational Self-Help Clubs and other elderly clubs: the club
 * and its status over time. Its members (membership.h), its board (board.h)
 * and its composition under the rule in force (composition_rule.h) come with
 * it. Every function that changes a club refuses (refusal.h) with rf, which may
 * be NULL; x may change the club first (access.h), then the input is checked. */
#ifndef NCT_CLUB_H
#define NCT_CLUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "board.h"
#include "composition_rule.h"
#include "membership.h"
#include "person.h"
#include "place.h"
#include "refusal.h"

struct ctx;

#define CLUB_LIST_MAX 100000 /* clubs one list returns: ten times the national synthetic load */

#define CLUB_NAME_MAX 150 /* characters of a club's name */

struct club {
	int64_t id;
	char code[32];
	char name[TEXT_BYTES(CLUB_NAME_MAX)];
	char kind[16]; /* one of club_kinds */
	int64_t place_id;
	char place_code[24];
	char place_name[TEXT_BYTES(PLACE_NAME_MAX)];
	char place_path[96];
	char founded_on[DATE_LEN];
	char cohort[16]; /* "2016-2021", "2022-2025" or "" (from club_cohorts) */
	char status[16]; /* on the date asked: one of club_statuses; "" before the founding */
	char status_since[DATE_LEN];
	int members;           /* counted on the date asked (club_list only) */
	char village_code[24]; /* "" when the club belongs to no village */
	char village_name[TEXT_BYTES(PLACE_NAME_MAX)];
};

/* The codes, NULL-terminated (their words: web/labels.h). */
extern const char *const club_kinds[];    /* ishc, culture, sports, health, other */
extern const char *const club_statuses[]; /* active, suspended, dissolved */

struct club_new {
	const char *code;
	const char *name;
	const char *kind;
	const char *place_code;   /* a commune in force on founded_on */
	const char *founded_on;   /* YYYY-MM-DD, not in the future */
	const char *village_code; /* NULL, or a village of that commune (or of its successor) */
};

/* Checks and writes a club (status active since its founding) with its audit
 * row. Only roles that change (access_changes) create clubs, in a commune they
 * may change. */
nct_err club_create(struct ctx *x, const struct club_new *in, int64_t *id, struct refusal *rf);

/* A status change from since on (not before the founding, not in the future). */
nct_err club_set_status(struct ctx *x, const struct club *c, const char *status, const char *since,
                        const char *note, struct refusal *rf);

/* Changes a club's name and kind, audited old -> new. */
nct_err club_update(struct ctx *x, const struct club *c, const char *name, const char *kind,
                    struct refusal *rf);

/* The club with code, its status and cohort as of `on`. NCT_ERR_NOTFOUND when
 * there is none, NCT_ERR_DENIED for one x may not see (out is then zeroed).
 * A struct club in hand is one x may see: only club_get and club_list make
 * them. */
nct_err club_get(struct ctx *x, const char *code, struct date on, struct club *out);

struct club_filter {
	const char *place_code; /* a unit whose subtree to keep, or NULL */
	const char *status;     /* on the date, or NULL */
	const char *cohort;     /* "2016-2021", "2022-2025", or NULL */
	const char *kind;       /* or NULL */
	const char *q;          /* name, without diacritics, or NULL */
	bool by_ids;            /* keep only the clubs of ids (sorted, nids of them) */
	const int64_t *ids;     /* (indicator_clubs: the clubs behind a figure) */
	size_t nids;
};

/* The clubs x sees (and the filter keeps), with status and member count on
 * `on`, by place and name. *out is malloc'd. NCT_ERR_NOTFOUND or
 * NCT_ERR_DENIED for the filter's place; NCT_ERR_TOOBIG past CLUB_LIST_MAX. */
nct_err club_list(struct ctx *x, const struct club_filter *f, struct date on, struct club **out,
                  size_t *n);

/* Records in the audit, in its own unit of work, that x took table ("members",
 * "ledger", ...) of c out as a file of format ("csv", "xlsx", "json") with rows
 * rows: reads of personal data are logged as changes are. */
nct_err club_exported(struct ctx *x, const struct club *c, const char *table, const char *format,
                      size_t rows);

#endif

/* club.h - Intergenerational Self-Help Clubs and other elderly clubs: the club,
 * its status over time, its members, and its composition on any date. */
#ifndef NCT_CLUB_H
#define NCT_CLUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "audit.h"
#include "composition.h"
#include "membership.h"
#include "person.h"
#include "place.h"

struct ctx;

#define CLUB_LIST_MAX   100000 /* clubs one list returns: ten times the national synthetic load */
#define BOARD_SEATS_MAX 16

struct club {
	int64_t id;
	char code[32];
	char name[160];
	char kind[16]; /* ishc, culture, sports, health, other */
	int64_t place_id;
	char place_code[24];
	char place_name[128];
	char place_path[96];
	char founded_on[DATE_LEN];
	char cohort[16]; /* "2016-2021", "2022-2025" or "" (from club_cohorts) */
	char status[16]; /* on the date asked: active, suspended, dissolved */
	char status_since[DATE_LEN];
	int members;           /* counted on the date asked (club_list only) */
	char village_code[24]; /* "" when the club belongs to no village */
	char village_name[128];
};

bool club_kind_valid(const char *kind);
const char *club_kind_label(const char *kind, const char *lang);
const char *club_status_label(const char *status, const char *lang);

struct club_new {
	const char *code;
	const char *name;
	const char *kind;
	const char *place_code;   /* a commune in force on founded_on */
	const char *founded_on;   /* YYYY-MM-DD, not in the future */
	const char *village_code; /* NULL, or a village of that commune (or of its successor) */
};

/* Checks and writes a club (status active since its founding) with its audit
 * row; the commune must lie in the scope. msg says what is wrong. */
nct_err club_create(struct ctx *x, const struct club_new *in, int64_t *id, char *msg,
                    size_t msglen);

/* A status change from a date on (not before the founding, not in the future). */
nct_err club_set_status(struct ctx *x, const struct club *c, const char *status, const char *since,
                        const char *note, char *msg, size_t msglen);

/* The club with code, its status and cohort as of `on`. */
nct_err club_get(struct ctx *x, const char *code, struct date on, struct club *out);

struct club_filter {
	const char *place_code; /* a unit whose subtree to keep, or NULL */
	const char *status;     /* on the date, or NULL */
	const char *cohort;     /* "2016-2021", "2022-2025", or NULL */
	const char *kind;       /* or NULL */
	const char *q;          /* name, without diacritics, or NULL */
};

/* Clubs in the scope (and the filter), with status and member count on `on`,
 * by place and name. *out is malloc'd. NCT_ERR_TOOBIG past CLUB_LIST_MAX. */
nct_err club_list(struct ctx *x, const struct club_filter *f, struct date on, struct club **out,
                  size_t *n);

/* The composition rule in force on `on`, from the store. */
nct_err composition_rule_on(struct ctx *x, struct date on, struct composition_rule *out);

/* Adds a composition rule in force from valid_from (a new dated record: the
 * old ones stay for the dates they covered), audited; source names the
 * document that set it. msg says what is wrong. */
nct_err composition_rule_add(struct ctx *x, const char *valid_from,
                             const struct composition_rule *r, const char *source, char *msg,
                             size_t msglen);

/* The club's composition on `on`, under the rule in force then. */
nct_err club_composition(struct ctx *x, const struct club *c, struct date on,
                         struct composition *out);

/* Changes a club's name and kind, audited old -> new. */
nct_err club_update(struct ctx *x, const struct club *c, const char *name, const char *kind,
                    char *msg, size_t msglen);

/* The management board: chair, vice-chair and treasurer, each with a term. */
struct board_new {
	int64_t person_id; /* a member of the club when the term begins */
	const char *role;  /* chair, vice_chair, treasurer */
	const char *term_from;
	const char *term_to; /* NULL: open */
};

struct board_seat {
	char role[16];
	char term_from[DATE_LEN], term_to[DATE_LEN];
	int64_t person_id;
	char full_name[128];
};

const char *board_role_label(const char *role, const char *lang);
nct_err club_board_add(struct ctx *x, const struct club *c, const struct board_new *in, char *msg,
                       size_t msglen);
/* The board in office on `on` (at most 16 seats). *out is malloc'd. */
nct_err club_board_on(struct ctx *x, const struct club *c, struct date on, struct board_seat **out,
                      size_t *n);

/* Records in the audit, in its own transaction, that x took table ("members",
 * "ledger", ...) of c out as a file of format ("csv", "xlsx", "json") with rows
 * rows: reads of personal data are logged as changes are. */
nct_err club_exported(struct ctx *x, const struct club *c, const char *table, const char *format,
                      size_t rows);

#endif

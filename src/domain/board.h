/* board.h - a club's management board: chair, vice-chair and treasurer, each
 * with a term, chosen among the club's members. */
#ifndef NCT_BOARD_H
#define NCT_BOARD_H

#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct ctx;
struct club;

#define BOARD_SEATS_MAX 16

/* The roles' codes, NULL-terminated: chair, vice_chair, treasurer. */
extern const char *const board_roles[];

struct board_new {
	int64_t person_id; /* someone x sees, a member of the club when the term begins */
	const char *role;  /* one of board_roles */
	const char *term_from;
	const char *term_to; /* NULL: open */
};

struct board_seat {
	char role[16];
	char term_from[DATE_LEN], term_to[DATE_LEN];
	int64_t person_id;
	char full_name[128];
};

/* Appoints a board member, audited. */
nct_err club_board_add(struct ctx *x, const struct club *c, const struct board_new *in,
                       struct refusal *rf);

/* The board in office on `on` (at most BOARD_SEATS_MAX seats). *out is malloc'd. */
nct_err club_board_on(struct ctx *x, const struct club *c, struct date on, struct board_seat **out,
                      size_t *n);

#endif

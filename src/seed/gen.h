/* gen.h - a synthetic programme for benchmarks and demonstrations: clubs,
 * members, activities, assessments, funds and loans spread over the real
 * communes of the 2025 map, reproducible from a seed.
 *
 * The same seed on the same map gives the same rows, byte for byte and in the
 * same order, whatever day it runs: the data stop on 2025-12-31 (GEN_END), or
 * with to_today go on from a stream of their own up to the day it runs. */
#ifndef NCT_GEN_H
#define NCT_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/vec.h"
#include "../domain/ctx.h"

#define GEN_END "2025-12-31"

struct gen_options {
	const char *scale;    /* "province" or "national" */
	uint64_t seed;        /* any value; 0 is a seed like the others */
	const char *province; /* province scale: a province code of the 2025 map; NULL: "51" */
	/* Called after each club is written (may be NULL), e.g. for a progress line. */
	void (*progress)(void *arg, int64_t clubs_done, int64_t clubs_total);
	void *progress_arg;
	/* The records of the active clubs go on after GEN_END up to today (Vietnam's day),
	 * from a random stream of their own: those up to GEN_END are the same whatever
	 * the day (nct init --demo). false: they stop on GEN_END. */
	bool to_today;
	/* with to_today: where the people who join the clubs after GEN_END and the
	 * deaths of members go, for gen_later_write (NULL: members neither join nor
	 * die after GEN_END, nor leave). */
	struct gen_later *later;
};

/* What the club boards do after GEN_END up to today, as they did before: some
 * members leave or die, and each month the board takes in and lets go the
 * fewest people that bring the club within Plan 327's bands (the plan the club
 * page advises). gen_run draws it and writes the leavers' memberships; the
 * people who join, and the deaths, wait for gen_later_write, run after every
 * other stage of the demo: the register's people keep their ids (the new ones
 * come after them) and the allowance cases see the people of GEN_END. */
struct gen_later {
	struct vec joiners;         /* struct gen_joiner, in the order drawn */
	struct vec deaths;          /* struct gen_death */
	int64_t joined, left, died; /* after GEN_END: joined, left alive, died */
};

void gen_later_init(struct gen_later *l);
void gen_later_free(struct gen_later *l);
/* Writes the joiners (persons with ids after every person in the store, and
 * their memberships) and the deaths, in one transaction with one audit row. */
nct_err gen_later_write(struct ctx *x, struct gen_later *l, char *msg, size_t msglen);

struct gen_report {
	char place[TEXT_BYTES(PLACE_NAME_MAX)]; /* the province's name, or "Việt Nam" */
	int64_t communes;                       /* of the 2025 map the clubs are spread over */
	int64_t clubs;                          /* of them suspended or dissolved on GEN_END: */
	int64_t suspended, dissolved;
	int64_t persons; /* one per membership */
	int64_t memberships;
	int64_t board;    /* club_board rows */
	int64_t statuses; /* club_status rows */
	int64_t activities;
	int64_t visits; /* home-care visits */
	int64_t assessments;
	int64_t loans; /* of them in arrears on GEN_END, and written off: */
	int64_t loans_arrears, loans_written_off;
	int64_t loans_later; /* disbursed after GEN_END (to_today), not in the three above */
	int64_t repayments;
	int64_t ledger_entries;
	int64_t rows; /* everything above written */
};

/* Whether name is a scale gen knows ("province", "national"). */
bool gen_scale_valid(const char *name);

/* Writes the synthetic programme into a store that has the map (nct init)
 * and no clubs yet. Clubs founded before 1 July 2025 sit in a commune of the
 * old map that the 2025 commune was formed from (the commune in force on the
 * founding date, as club_create requires); their members live in the 2025
 * commune. Rows go in through prepared multi-row statements, committed every
 * few tens of thousands of rows, with one audit row for the whole run.
 *
 * Fails with NCT_ERR_CONFLICT when the store has clubs already, with
 * NCT_ERR_NOTFOUND when the province or the map is missing, NCT_ERR_INVALID
 * for a bad option; msg (English, one line) says what is wrong. A failure of
 * the store mid-way leaves the batches committed so far: start again from a
 * fresh store. r is filled with what was written. */
nct_err gen_run(struct ctx *x, const struct gen_options *o, struct gen_report *r, char *msg,
                size_t msglen);

#endif

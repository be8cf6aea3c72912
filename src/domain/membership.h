/* membership.h - who belongs to a club, from when to when: the members, a new
 * membership (of someone recorded, or of someone recorded with it), its end,
 * and a file of members imported all or nothing. */
#ifndef NCT_MEMBERSHIP_H
#define NCT_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "person.h"
#include "refusal.h"

struct ctx;
struct club;

#define CLUB_MEMBERS_MAX 20000 /* memberships of one club, past ones included */

struct member {
	int64_t membership_id;
	struct person person;
	char joined_on[DATE_LEN];
	char left_on[DATE_LEN]; /* "" while a member */
	char role[16];
	bool volunteer;
};

/* Everyone who was ever a member, current members first, by name. *out is
 * malloc'd. NCT_ERR_TOOBIG past CLUB_MEMBERS_MAX. */
nct_err club_members(struct ctx *x, const struct club *c, struct member **out, size_t *n);

struct membership_new {
	int64_t person_id;
	const char *joined_on; /* YYYY-MM-DD, not before the founding, not in the future */
	bool volunteer;
};

/* Adds a membership of someone x sees (person_seen); refuses a person who is
 * a member already on that date. Refusals: refusal.h. */
nct_err club_add_member(struct ctx *x, const struct club *c, const struct membership_new *in,
                        struct refusal *rf);

/* Records the person and their membership in one unit of work: both or
 * neither. m->person_id receives the new person's id. */
nct_err club_add_new_person(struct ctx *x, const struct club *c, const struct person_new *p,
                            struct membership_new *m, struct refusal *rf);

/* Ends a current membership of the club on left_on (after it began, not in
 * the future). */
nct_err club_end_member(struct ctx *x, const struct club *c, int64_t membership_id,
                        const char *left_on, struct refusal *rf);

/* One member of a file to import: the person (found among those x sees with
 * the same folded name, birth and place, else recorded) and the membership. */
struct member_row {
	struct person_new person;
	const char *joined_on;
	bool volunteer;
};

/* What became of one row. */
struct member_row_result {
	nct_err e;         /* NCT_OK, or the row's refusal (rf says why) */
	bool existing;     /* its person was recorded already */
	int64_t person_id; /* that person; 0 for a new one until written */
	struct refusal rf;
	/* what the check read, for the write: */
	struct person_ready ready; /* a new person */
	int64_t map_version;       /* the map's, when checked (row 0 only) */
};

/* Imports n rows into c, all or nothing, in two steps that a caller may also
 * take one by one:
 *
 * club_import_check reads only (no transaction, no write lock: a dry run is
 * this step alone): each row's person is found among those x sees with the
 * same folded name, birth and place (one index seek), or checked as new; its
 * date; a membership of the club it has already, or a second row of the same
 * person. res (n elements) says what became of each row.
 *
 * club_import_write then writes the rows in one short unit of work (each person
 * and membership with its audit row, and one "import" row), looking again
 * inside it: a person recorded or a membership written by someone else since
 * the check, or a change of the map, refuses the import (NCT_ERR_CONFLICT,
 * RF_IMPORT_CHANGED or RF_ALREADY_MEMBER on the row, or rf for the map) and
 * everything is rolled back.
 *
 * NCT_OK when every row was accepted (and written, by the write step);
 * NCT_ERR_INVALID (check) or NCT_ERR_CONFLICT (write) when rows were refused;
 * NCT_ERR_DENIED when x may not change c (rf); a store error otherwise, and
 * then nothing is written either. */
nct_err club_import_check(struct ctx *x, const struct club *c, const struct member_row *rows,
                          size_t n, struct member_row_result *res, struct refusal *rf);
nct_err club_import_write(struct ctx *x, const struct club *c, const struct member_row *rows,
                          size_t n, struct member_row_result *res, struct refusal *rf);

/* Both steps; the check alone when dry_run. */
nct_err club_import_members(struct ctx *x, const struct club *c, const struct member_row *rows,
                            size_t n, bool dry_run, struct member_row_result *res,
                            struct refusal *rf);

#endif

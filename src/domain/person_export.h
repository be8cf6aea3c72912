/* person_export.h - what a person page shows beside the record (their
 * memberships), and a person's own data as one JSON document (the right of
 * access of the Personal Data Protection Law: docs/security.md). */
#ifndef NCT_PERSON_EXPORT_H
#define NCT_PERSON_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "person.h"
#include "refusal.h"

struct ctx;

#define PERSON_MEMBERSHIPS_MAX 1000

struct person_membership {
	int64_t club_id;
	char club_code[32];
	char club_name[TEXT_BYTES(150)]; /* CLUB_NAME_MAX characters */
	char joined_on[DATE_LEN];
	char left_on[DATE_LEN]; /* "": still a member */
	char role[16];
	bool volunteer;
};

/* p's memberships, past and present, of the clubs x sees, by joining date.
 * *out is malloc'd. */
nct_err person_memberships(struct ctx *x, const struct person *p, struct person_membership **out,
                           size_t *n);

/* Everything the store holds about p as a JSON document (*json malloc'd): the
 * record with its sensitive fields, every fact (retracted ones too), the
 * memberships, board seats, home visits, loans, health cards, check-ups,
 * chronic conditions and celebration gifts given. For a role with
 * access_sensitive (else RF_SENSITIVE, NCT_ERR_DENIED); one audit row
 * "export". */
nct_err person_export(struct ctx *x, const struct person *p, char **json, struct refusal *rf);

#endif

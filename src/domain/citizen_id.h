/* citizen_id.h - the 12-digit citizen ID (số định danh cá nhân, căn cước):
 * PPP S YY RRRRRR, no check digit (data/citizen-id.md). What can be checked:
 * the length and digits, the prefix (the province where the birth was
 * registered, one of data/citizen-id-provinces.csv), and that the century/sex
 * digit S and the year digits YY agree with the person's sex and birth year. */
#ifndef NCT_CITIZEN_ID_H
#define NCT_CITIZEN_ID_H

#include <stdbool.h>
#include "../base/err.h"
#include "refusal.h"

#define CITIZEN_ID_LEN 12

struct ctx;

/* What disagrees, in the order the checks run; the first wins. */
enum cid_part {
	CID_OK,
	CID_LENGTH,          /* not 12 characters */
	CID_DIGITS,          /* 12 characters, not all ASCII digits */
	CID_PREFIX,          /* 000, or 001-096 that no province has */
	CID_SEX,             /* S even is male, odd is female */
	CID_CENTURY,         /* S names another century than the birth year's */
	CID_BIRTH_YEAR,      /* YY are not the birth year's last two digits */
	CID_PREFIX_UNLISTED, /* 097-999: maybe a country of a birth registered abroad: a warning */
};

/* Checks id against sex ('F' or 'M') and the birth year. listed says whether
 * the first three digits are a province prefix of the list (the caller looks
 * them up). CID_PREFIX_UNLISTED is a warning: the number is kept, flagged. */
enum cid_part citizen_id_check(const char *id, char sex, int birth_year, bool listed);

/* citizen_id_check with the prefix looked up in the store's list (loaded by
 * nct init); a refusal in rf names what disagrees (field "citizen_id"):
 * RF_CID_LENGTH, RF_CID_DIGITS, RF_CID_PREFIX, RF_CID_SEX, RF_CID_CENTURY,
 * RF_CID_BIRTH_YEAR. *warn (may be NULL) is set for CID_PREFIX_UNLISTED. */
nct_err citizen_id_verify(struct ctx *x, const char *id, char sex, int birth_year, bool *warn,
                          struct refusal *rf);

/* citizen_id_verify with the prefix's listing known already (an import asks
 * the store once per prefix). */
nct_err citizen_id_verify_listed(const char *id, char sex, int birth_year, bool listed, bool *warn,
                                 struct refusal *rf);

/* Whether the three first digits of id are a listed province prefix. */
nct_err citizen_id_prefix_listed(struct ctx *x, const char *id, bool *listed);

#endif

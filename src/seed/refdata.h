/* refdata.h - the reference files of data/, embedded in the binary so an
 * installed nct needs nothing beside it. */
#ifndef NCT_REFDATA_H
#define NCT_REFDATA_H

#include <stddef.h>

#include "../base/err.h"

struct refdata {
	const char *name; /* file name under data/ */
	const char *data; /* the file's bytes, NUL-terminated */
	size_t size;      /* its length in bytes, without the NUL */
};

extern const struct refdata refdata_units_before; /* admin-units-2025-03-01.csv */
extern const struct refdata refdata_units_after;  /* admin-units-2025-07-01.csv */
/* links-by-hand-2025-07-01.csv: the successor links the texts name in a
 * spelling nothing matches, each with the piece it resolves and its source */
extern const struct refdata refdata_links_by_hand;
/* The seed plans encoded (docs/plans.md): Plan 327/KH-UBND and the 2024 plan
 * of the Kon Tum Elderly Work Committee */
extern const struct refdata refdata_plan_327;
extern const struct refdata refdata_plan_2024;

/* ethnic-groups.csv: the 54 official ethnic groups, their names and aliases */
extern const struct refdata refdata_ethnic_groups;
/* citizen-id-provinces.csv: the three-digit prefixes of citizen IDs */
extern const struct refdata refdata_citizen_id_provinces;
/* especially-difficult-communes.csv: dated designations of communes (empty so far) */
extern const struct refdata refdata_especially_difficult;
/* social-assistance-levels.csv: dated amounts (standard level, social pension, top-ups) */
extern const struct refdata refdata_assistance_levels;
/* allowance-rules.csv: the monthly allowances of older people as dated conditions */
extern const struct refdata refdata_allowance_rules;
/* longevity-gifts.csv: who congratulates at which age, and the gift, dated */
extern const struct refdata refdata_longevity_gifts;
/* kon-tum-demographics.csv: Kon Tum's population, ethnic groups, poverty and
 * disability, sourced figures that weight the demo register */
extern const struct refdata refdata_kon_tum_demographics;

struct csv;
/* Ends the reading of rd through c: the end of the file (NCT_ERR_NOTFOUND) is
 * NCT_OK; another error is said in msg, unless something is said there
 * already, with rd's name, the line and why (e's name when why is NULL or
 * ""). Frees c and returns the error. */
nct_err refdata_csv_end(const struct refdata *rd, struct csv *c, nct_err e, const char *why,
                        char *msg, size_t msglen);
/* Starts reading rd through c (csv_init) and checks its header row is expect
 * (the names joined by commas): NCT_ERR_INVALID, said in msg, for another.
 * The caller ends with refdata_csv_end either way. */
nct_err refdata_csv_open(struct csv *c, const struct refdata *rd, const char *expect, char *msg,
                         size_t msglen);

struct ctx;
/* The start of a load of reference data: its report (size bytes at report)
 * and msg emptied, and the unit of work it runs in begun. */
nct_err refdata_load_begin(struct ctx *x, void *report, size_t size, char *msg);

#endif

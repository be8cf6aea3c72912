#include "refdata.h"

#include <stdio.h>
#include <string.h>

#include "../base/csv.h"

/* Written by scripts/embed.py from the files themselves: including it makes a
 * changed file rebuild this one, which no depfile would (.incbin is the
 * assembler's). */
#include "refdata_files.h"
#include "../domain/ctx.h"

/* .incbin keeps the build fast: the two files are 1.2 MB together. */
#define INCBIN(sym, file)                                                                          \
	__asm__(".section .rodata\n"                                                               \
	        ".global " #sym "\n"                                                               \
	        ".balign 16\n" #sym ":\n"                                                          \
	        ".incbin \"" NCT_DATA_DIR "/" file "\"\n"                                          \
	        ".byte 0\n"                                                                        \
	        ".previous\n");                                                                    \
	extern const char sym[]

INCBIN(nct_units_before, "admin-units-2025-03-01.csv");
INCBIN(nct_units_after, "admin-units-2025-07-01.csv");
INCBIN(nct_links_by_hand, "links-by-hand-2025-07-01.csv");
INCBIN(nct_plan_327, "plans/327-kh-ubnd.json");
INCBIN(nct_plan_2024, "plans/kh-2024-ban-nct-kon-tum.json");
INCBIN(nct_ethnic_groups, "ethnic-groups.csv");
INCBIN(nct_citizen_id_provinces, "citizen-id-provinces.csv");
INCBIN(nct_especially_difficult, "especially-difficult-communes.csv");
INCBIN(nct_assistance_levels, "social-assistance-levels.csv");
INCBIN(nct_allowance_rules, "allowance-rules.csv");
INCBIN(nct_longevity_gifts, "longevity-gifts.csv");
INCBIN(nct_kon_tum_demographics, "kon-tum-demographics.csv");

const struct refdata refdata_units_before = {"admin-units-2025-03-01.csv", nct_units_before,
                                             NCT_REFDATA_SIZE_ADMIN_UNITS_2025_03_01_CSV};
const struct refdata refdata_units_after = {"admin-units-2025-07-01.csv", nct_units_after,
                                            NCT_REFDATA_SIZE_ADMIN_UNITS_2025_07_01_CSV};
const struct refdata refdata_links_by_hand = {"links-by-hand-2025-07-01.csv", nct_links_by_hand,
                                              NCT_REFDATA_SIZE_LINKS_BY_HAND_2025_07_01_CSV};
const struct refdata refdata_plan_327 = {"plans/327-kh-ubnd.json", nct_plan_327,
                                         NCT_REFDATA_SIZE_327_KH_UBND_JSON};
const struct refdata refdata_plan_2024 = {"plans/kh-2024-ban-nct-kon-tum.json", nct_plan_2024,
                                          NCT_REFDATA_SIZE_KH_2024_BAN_NCT_KON_TUM_JSON};
const struct refdata refdata_ethnic_groups = {"ethnic-groups.csv", nct_ethnic_groups,
                                              NCT_REFDATA_SIZE_ETHNIC_GROUPS_CSV};
const struct refdata refdata_citizen_id_provinces = {"citizen-id-provinces.csv",
                                                     nct_citizen_id_provinces,
                                                     NCT_REFDATA_SIZE_CITIZEN_ID_PROVINCES_CSV};
const struct refdata refdata_especially_difficult = {
    "especially-difficult-communes.csv", nct_especially_difficult,
    NCT_REFDATA_SIZE_ESPECIALLY_DIFFICULT_COMMUNES_CSV};
const struct refdata refdata_assistance_levels = {"social-assistance-levels.csv",
                                                  nct_assistance_levels,
                                                  NCT_REFDATA_SIZE_SOCIAL_ASSISTANCE_LEVELS_CSV};
const struct refdata refdata_allowance_rules = {"allowance-rules.csv", nct_allowance_rules,
                                                NCT_REFDATA_SIZE_ALLOWANCE_RULES_CSV};
const struct refdata refdata_longevity_gifts = {"longevity-gifts.csv", nct_longevity_gifts,
                                                NCT_REFDATA_SIZE_LONGEVITY_GIFTS_CSV};
const struct refdata refdata_kon_tum_demographics = {"kon-tum-demographics.csv",
                                                     nct_kon_tum_demographics,
                                                     NCT_REFDATA_SIZE_KON_TUM_DEMOGRAPHICS_CSV};

nct_err refdata_csv_end(const struct refdata *rd, struct csv *c, nct_err e, const char *why,
                        char *msg, size_t msglen)
{
	if (e == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	if (e && !msg[0])
		snprintf(msg, msglen, "%s line %zu: %s", rd->name, c->line,
		         why && why[0] ? why : nct_err_name(e));
	csv_free(c);
	return e;
}

nct_err refdata_csv_open(struct csv *c, const struct refdata *rd, const char *expect, char *msg,
                         size_t msglen)
{
	csv_init(c, rd->data, rd->size);
	char got[1024] = "";
	size_t len = 0;
	nct_err e = csv_next(c);
	for (size_t i = 0; !e && i < c->nfields && len < sizeof got; i++)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", i ? "," : "",
		                        c->fields[i]);
	if (!e && strcmp(got, expect) == 0)
		return NCT_OK;
	snprintf(msg, msglen, "%s: the header is not %s", rd->name, expect);
	return NCT_ERR_INVALID;
}

nct_err refdata_load_begin(struct ctx *x, void *report, size_t size, char *msg)
{
	memset(report, 0, size);
	msg[0] = '\0';
	return unit_begin(x);
}

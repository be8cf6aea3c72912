/* celebration_tables.h - the longevity celebrations of a year as an export
 * table (CSV, XLSX): the printable list a commune takes to the celebrations. */
#ifndef NCT_CELEBRATION_TABLES_H
#define NCT_CELEBRATION_TABLES_H

#include "../domain/longevity.h"
#include "csvout.h"

/* Who congratulates, in words ("Chủ tịch nước" / "the President"). */
const char *congratulator_words(const char *code, const char *lang);

/* The celebrations of year in pl's area (celebrations_list, its refusals),
 * oldest first: id, full_name, sex, birth, age, place, place_name,
 * congratulated_by (in words), cash, in_kind (đồng, empty when the rule
 * leaves it to the province), in_kind_description, given (có/không), given_on.
 * out is initialised here; the caller frees it with table_free. */
nct_err celebrations_table(struct ctx *x, const struct place *pl, int year, const char *lang,
                           struct table *out, struct refusal *rf);

#endif

/* celebration_tables.h - the longevity celebrations of a year as an export
 * table (CSV, XLSX): the printable list a commune takes to the celebrations. */
#ifndef NCT_CELEBRATION_TABLES_H
#define NCT_CELEBRATION_TABLES_H

#include "../domain/longevity.h"
#include <stdbool.h>
#include "../base/buf.h"
#include "csvout.h"

/* Who congratulates, in words ("Chủ tịch nước" / "the President"). */
const char *congratulator_words(const char *code, const char *lang);

/* The celebrations of year in pl's area (celebrations_page, its refusals),
 * oldest first, as a CSV or XLSX file appended to out (list_file.h), read
 * CELEBRATION_FILE_PAGE at a time: id, full_name, sex, birth, age, place,
 * place_name, congratulated_by (in words), cash, in_kind (đồng, empty when the
 * rule leaves it to the province), in_kind_description, given (có/không),
 * given_on. *rows: those written. */
#define CELEBRATION_FILE_PAGE 2000
nct_err celebrations_file(struct ctx *x, const struct place *pl, int year, bool xlsx,
                          const char *lang, struct buf *out, size_t *rows, struct refusal *rf);

#endif

/* person_tables.h - the register's list as an export table (CSV, XLSX): the
 * people register_list finds with a filter, in its order, without the
 * sensitive fields. */
#ifndef NCT_PERSON_TABLES_H
#define NCT_PERSON_TABLES_H

#include "../domain/register.h"
#include "csvout.h"

/* Every person of f (its page ignored: up to REGISTER_EXPORT_MAX, else
 * NCT_ERR_TOOBIG): id, full_name, family_name, middle_name, given_name, sex,
 * birth (as known: "1950", "1950-03" or a date), age (on f->on), citizen_id,
 * place, place_name, died_on. out is initialised here; the caller frees it
 * with table_free. lang "en" gives English sexes. Refusals of register_list. */
nct_err register_table(struct ctx *x, const struct register_filter *f, const char *lang,
                       struct table *out, struct refusal *rf);

#endif

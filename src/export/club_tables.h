/* club_tables.h - a club's activities, fund ledger and loans as export tables
 * (see club_table_fn in import.h). Each reads through the domain (activity.h,
 * fund.h) and fills out, initialised here; the caller frees it with
 * table_free. lang "en" gives English values where there is a choice (area
 * names, fund, kind, frequency and status labels); otherwise Vietnamese.
 * NCT_ERR_DB, NCT_ERR_NOMEM, NCT_ERR_TOOBIG. */
#ifndef NCT_CLUB_TABLES_H
#define NCT_CLUB_TABLES_H

#include "../domain/club.h"
#include "csvout.h"

#define CLUB_ACTIVITIES_MAX 100000 /* activities in one export */

/* Every activity of the club, newest first: on_date, area (the code), area_name
 * (of the list in force on its date), title, participants, notes. */
nct_err activities_table(struct ctx *x, const struct club *c, const char *lang, struct table *out);

/* Both funds' entries by date then id: id, on_date, fund, kind, amount (signed),
 * balance (the fund's running balance after the entry), reverses (the entry a
 * correction reverses), note. */
nct_err ledger_table(struct ctx *x, const struct club *c, const char *lang, struct table *out);

/* Every loan by disbursement date: member, principal, disbursed_on, term_months,
 * frequency, rate (%/year as text: "12", "0,5"), and as of today status,
 * days_in_arrears and outstanding. */
nct_err loans_table(struct ctx *x, const struct club *c, const char *lang, struct table *out);

#endif

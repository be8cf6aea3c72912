/* club_tables.c - a club's activities, fund ledger and loans as export
 * tables, read through activity.h and fund.h. */
#include "club_tables.h"
#include "columns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/activity.h"
#include "../domain/fund.h"
#include "fund_words.h"

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

/* ---- activities ---------------------------------------------------------- */

/* The list in force on day (YYYY-MM-DD), as activity_list_on picks it: the
 * latest valid_from on or before it whose valid_to is open or not yet past. */
static const struct activity_list *list_on(const struct activity_list *v, size_t n, const char *day)
{
	const struct activity_list *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].valid_from, day) <= 0 &&
		    (!v[i].valid_to[0] || strcmp(v[i].valid_to, day) >= 0) &&
		    (!best || strcmp(v[i].valid_from, best->valid_from) > 0))
			best = &v[i];
	return best;
}

/* The area's name in the file's language (the code when the list has none). */
static const char *area_name(const struct activity_list *l, const char *code, bool en)
{
	const struct activity_area *a = l ? activity_area_find(l, code) : NULL;
	return !a ? code : en ? a->name_en : a->name_vi;
}

nct_err activities_table(struct ctx *x, const struct club *c, const char *lang, struct table *out)
{
	bool en = english(lang);
	struct activity_list *lists = NULL;
	struct activity *v = NULL;
	size_t nl = 0, n = 0;
	bool more = false;
	table_init(out, en ? "Activities" : "Hoạt động", activity_columns, AC_COUNT);
	nct_err e = activity_list_all(x, &lists, &nl);
	if (!e)
		e = activity_find(x, c->id, (struct date){1900, 1, 1}, date_today_vn(),
		                  CLUB_ACTIVITIES_MAX, &v, &n, &more);
	if (!e && more)
		e = NCT_ERR_TOOBIG;
	for (size_t i = 0; !e && i < n; i++) {
		const struct activity *a = &v[i];
		const struct activity_list *l = list_on(lists, nl, a->on_date);
		table_add_row(out);
		table_set_text(out, AC_DATE, a->on_date);
		table_set_text(out, AC_AREA, a->area);
		table_set_text(out, AC_AREA_NAME, area_name(l, a->area, en));
		table_set_text(out, AC_TITLE, a->title);
		table_set_int(out, AC_PARTICIPANTS, a->participants);
		table_set_text(out, AC_NOTES, a->notes);
		e = table_error(out);
	}
	free(v);
	free(lists);
	if (e)
		table_free(out);
	return e;
}

/* ---- the ledger ------------------------------------------------------------ */

nct_err ledger_table(struct ctx *x, const struct club *c, const char *lang, struct table *out)
{
	bool en = english(lang);
	struct fund_ledger l;
	table_init(out, en ? "Ledger" : "Sổ quỹ", ledger_columns, LC_COUNT);
	nct_err e = fund_ledger_load(x, c->id, &l);
	for (size_t i = 0; !e && i < l.n; i++) {
		const struct ledger_entry *ent = &l.e[i];
		char day[DATE_LEN];
		date_format(ent->on, day);
		table_add_row(out);
		table_set_int(out, LC_ID, ent->id);
		table_set_text(out, LC_DATE, day);
		table_set_text(out, LC_FUND, fund_word(fund_name(ent->fund), en));
		table_set_text(out, LC_KIND, entry_kind_word(entry_kind_name(ent->kind), en));
		table_set_int(out, LC_AMOUNT, ent->amount);
		table_set_int(out, LC_BALANCE, l.info[i].balance);
		if (ent->reverses)
			table_set_int(out, LC_REVERSES, ent->reverses);
		table_set_text(out, LC_NOTE, l.info[i].note);
		e = table_error(out);
	}
	fund_ledger_free(&l);
	if (e)
		table_free(out);
	return e;
}

/* ---- loans ----------------------------------------------------------------- */

/* Basis points as per cent without trailing zeros: 1200 "12", 50 "0,5",
 * 125 "1,25" ('.' for English). */
static void rate_text(int bp, bool en, char out[16])
{
	int whole = bp / 100, frac = bp % 100;
	if (!frac)
		snprintf(out, 16, "%d", whole);
	else if (frac % 10 == 0)
		snprintf(out, 16, "%d%c%d", whole, en ? '.' : ',', frac / 10);
	else
		snprintf(out, 16, "%d%c%02d", whole, en ? '.' : ',', frac);
}

nct_err loans_table(struct ctx *x, const struct club *c, const char *lang, struct table *out)
{
	bool en = english(lang);
	struct fund_loans l;
	struct date today = date_today_vn();
	table_init(out, en ? "Loans" : "Khoản vay", loan_columns, OC_COUNT);
	nct_err e = fund_loans_load(x, c->id, 0, &l);
	for (size_t i = 0; !e && i < l.n; i++) {
		const struct fund_loan *ln = &l.v[i];
		struct loan_state s;
		char day[DATE_LEN], rate[16];
		fund_loan_state(ln, today, &s);
		date_format(ln->terms.disbursed, day);
		rate_text(ln->terms.rate_bp, en, rate);
		table_add_row(out);
		table_set_int(out, OC_ID, ln->id);
		table_set_text(out, OC_MEMBER, ln->person_name);
		table_set_int(out, OC_PRINCIPAL, ln->terms.principal);
		table_set_text(out, OC_DISBURSED, day);
		table_set_int(out, OC_TERM, ln->terms.term_months);
		table_set_text(out, OC_FREQ, loan_freq_word(loan_freq_name(ln->terms.freq), en));
		table_set_text(out, OC_RATE, rate);
		table_set_text(out, OC_STATUS, loan_status_word(loan_status_name(s.status), en));
		table_set_int(out, OC_ARREARS, s.days_in_arrears);
		table_set_int(out, OC_OUTSTANDING, s.outstanding);
		e = table_error(out);
	}
	fund_loans_free(&l);
	if (e)
		table_free(out);
	return e;
}

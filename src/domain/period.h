/* period.h - reporting periods and the days their figures cover.
 *
 * A period is a year ("2025") or its first half ("2025S1"). Its window, the
 * days its figures cover, follows a scheme read from report_windows: Decree
 * 09/2019 art. 12 cuts figures off on the 14th (the half year from 15 December
 * of the year before to 14 June, the year to 14 December), the calendar does
 * not (1 January to 30 June or 31 December). Without a period, figures cover
 * the calendar year to a date. */
#ifndef NCT_PERIOD_H
#define NCT_PERIOD_H

#include <stdbool.h>
#include "../base/date.h"
#include "../base/err.h"

struct ctx;

#define PERIOD_LEN 8 /* "2025S1" and its NUL */

enum period_kind { PERIOD_HALF, PERIOD_YEAR };

struct period {
	int year;
	enum period_kind kind;
};

/* Reads "YYYY" (a year) or "YYYYS1" (its first half), years 1900 to 9999.
 * NCT_ERR_INVALID otherwise. */
nct_err period_parse(const char *s, struct period *out);
/* Writes "2025" or "2025S1". */
void period_format(const struct period *p, char out[PERIOD_LEN]);

/* True for a scheme report_windows knows: "decree09" or "calendar". */
bool report_scheme_valid(const char *scheme);

struct report_window {
	char scheme[16];         /* "decree09", "calendar" */
	char period[PERIOD_LEN]; /* "" : the calendar year to a date */
	struct date from, to;    /* both included */
	char source[256];        /* the rule's source */
};

/* The window of period p under scheme: the report_windows rule of that scheme
 * and kind with the latest valid_from on or before the period's last calendar
 * day. NCT_ERR_INVALID for an unknown scheme, NCT_ERR_NOTFOUND when no rule
 * applies yet. */
nct_err report_window_of(struct ctx *x, const char *scheme, const struct period *p,
                         struct report_window *out);

/* A report_windows rule: the window starts on from_month/from_day of the
 * period's year (of the year before when from_prev_year) and ends on
 * to_month/to_day of the period's year. */
struct window_rule {
	int from_prev_year, from_month, from_day, to_month, to_day;
	char source[256];
};

/* The window of period p under scheme by rule w, read by the caller (as
 * report_window_of reads it). NCT_ERR_INVALID for a rule the calendar cannot
 * hold. */
nct_err report_window_by_rule(const char *scheme, const struct period *p,
                              const struct window_rule *w, struct report_window *out);

/* The last calendar day of period p, "YYYY-MM-DD": a rule is taken as of it. */
void period_last_day(const struct period *p, char out[DATE_LEN]);

/* The calendar year to a date: 1 January of its year to the date. */
void report_window_to_date(struct date on, struct report_window *out);

#endif

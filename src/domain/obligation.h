/* obligation.h - who reports what to whom, for which periods, by when.
 *
 * An obligation is a reporting line of a plan with one receiver (a line to
 * two bodies is two obligations). Its periods are "2024S1" (the first half of
 * 2024) or "2024" (the year), from its first to its last (else the years the
 * plan is in force); a one-off report has one period, the year it is due. A
 * period has
 *   - a data window: the days its figures cover, by the obligation's scheme:
 *     "decree09" (Decree 09/2019 art. 12: the half year from 15 December of
 *     the year before to 14 June, the year to 14 December; report_windows
 *     records), "calendar", or its own "MM-DD/MM-DD" (a start after the end
 *     starts in the year before);
 *   - a due date read literally: "before 5 June" is before 5 June 00:00
 *     Vietnam time (UTC+7), whatever the server's zone. "MM-DD" falls in the
 *     period's year, unless that day comes before the middle of the period
 *     (1 April for a half year, 1 July for a year): then in the year after.
 *
 * Reporters and the receiver are taken as of the last day a report is on time
 * (the day before the due date): a unit in force then reports. One that ended
 * passes its duty along org_links that carry plan duties; a People's Committee
 * whose unit ended (the districts on 1 July 2025) passes it to the units in
 * force formed from its unit's territory, wholly or in part (a commune that
 * took part of a district reports once, for its own territory, however many
 * old units it took parts of). A reporter that ended without a successor owes
 * nothing and is listed as ended. */
#ifndef NCT_OBLIGATION_H
#define NCT_OBLIGATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "../base/date.h"
#include "../base/err.h"
#include "org.h"
#include "period.h"
#include "plan.h"
#include "refusal.h"

struct ctx;

#define OBLIGATION_REPORTERS_MAX 20000 /* reporters one obligation names */
#define OBLIGATION_LIST_MAX      10000
#define OBLIGATION_PERIODS_MAX   400
#define OBLIGATION_NAME_MAX      600 /* bytes */
#define STANDS_FOR_LEN           512

/* semiannual, yearly, once, on_request, as_needed, per_rules; NULL-ended. */
extern const char *const obligation_kinds[];

struct obligation {
	int64_t id, plan_id;
	char plan_slug[PLAN_SLUG_LEN];
	char plan_key[PLAN_SLUG_LEN];
	char line[16]; /* "R1"; "" for one made outside a plan file */
	char name[OBLIGATION_NAME_MAX + 1];
	char to[ORG_CODE_LEN];
	char period_kind[16];
	char first_period[PERIOD_LEN], last_period[PERIOD_LEN]; /* "" open */
	char due[DATE_LEN]; /* "MM-DD", "YYYY-MM-DD" (once) or "" */
	char window[16];    /* "decree09", "calendar", "MM-DD/MM-DD" or "" */
	int nreporters;
	char plan_from[DATE_LEN], plan_to[DATE_LEN]; /* the plan's period of effect */
	struct org to_org; /* the receiver of code `to` as read with it (id 0: none) */
	/* obligation_get_for: the window rule of its scheme for this period, read
	 * with it (rule_period "": none read; rule.from_month 0: no rule applies). */
	char rule_period[PERIOD_LEN];
	struct window_rule rule;
};

/* True for an obligation with periods and a due date (semiannual, yearly,
 * once): the others are duties without a date (on request, as needed). */
bool obligation_dated(const struct obligation *ob);

struct obligation_new {
	const char *line;             /* NULL outside a plan file */
	int64_t position;             /* 0: after the plan's others */
	const char *name;             /* required */
	const char *const *reporters; /* organisation or place codes */
	size_t nreporters;
	const char *to;                         /* an organisation code */
	const char *period_kind;                /* one of obligation_kinds */
	const char *first_period, *last_period; /* NULL: the years the plan is in force */
	const char *due;                        /* "MM-DD"; "YYYY-MM-DD" for once */
	const char *window;                     /* NULL: "decree09" for a dated obligation */
	const char *doc; /* the line's other words (a plan file), JSON; NULL: {} */
	bool lenient;    /* a plan file's line: its bodies may be the plan's own, without a row */
};

/* Checks and writes one obligation inside the caller's unit, without asking
 * who may: for plan_doc.c and obligation_create. Refusals (field): RF_TEXT_LENGTH
 * ("name"), RF_NO_REPORTERS, RF_REPORTER_UNKNOWN ("reporters"), RF_NO_ORG
 * ("to"), RF_NOT_ONE_OF ("period_kind"), RF_DUE_FORMAT ("due"),
 * RF_WINDOW_FORMAT ("window"), RF_PERIOD_FORMAT ("first_period",
 * "last_period"), RF_TOO_MANY ("reporters"). */
nct_err obligation_write(struct ctx *x, const struct plan *p, const struct obligation_new *in,
                         int64_t *id, struct refusal *rf);

/* A new obligation of the plan with this slug or code (RF_PLAN_UNKNOWN,
 * "plan"), for those who may change the plan (access_plan), in one unit with
 * its audit row. */
nct_err obligation_create(struct ctx *x, const char *plan, const struct obligation_new *in,
                          int64_t *id, struct refusal *rf);

/* One obligation. NCT_ERR_NOTFOUND. Every logged-in user may read them. */
nct_err obligation_get(struct ctx *x, int64_t id, struct obligation *out);
/* obligation_get with, in the same read, the report_windows rule its scheme
 * gives period (a period of the obligation's kind), which obligation_period
 * then takes instead of reading it again. A period that does not parse reads
 * no rule. */
nct_err obligation_get_for(struct ctx *x, int64_t id, const char *period, struct obligation *out);
/* The obligations of plan_id (0: of every plan), in the plan's order. *out is
 * malloc'd; free() it. */
nct_err obligation_list(struct ctx *x, int64_t plan_id, struct obligation **out, size_t *n);
/* The obligation's reporters' codes as it names them ("KT-UBND-615", "23500"),
 * each with its kind ('o' or 'p'). *codes is malloc'd; free() it. */
struct reporter_code {
	char kind;
	char code[ORG_CODE_LEN];
};
nct_err obligation_codes(struct ctx *x, int64_t id, struct reporter_code **codes, size_t *n);

/* Whether a place of this code exists (any date): reporters may be places. */
bool obligation_place_known(struct ctx *x, const char *code);

/* A period of an obligation. */
struct ob_period {
	char period[PERIOD_LEN];
	bool has_window;        /* a one-off report has none */
	struct date from, to;   /* the data window, both days included */
	struct date due_before; /* on time: before 00:00 of this day, Vietnam time */
	struct date on;         /* the day before: who reports and receives is taken then */
};

/* The period of ob named period ("2024S1", "2024"). Refusals (field
 * "period"): RF_PERIOD_FORMAT, RF_PERIOD_NOT_OWED (not of the obligation's
 * kind or range), RF_NOT_DATED (an obligation without periods). */
nct_err obligation_period(struct ctx *x, const struct obligation *ob, const char *period,
                          struct ob_period *out, struct refusal *rf);
/* Every period ob owes, oldest first. *out is malloc'd; free() it. */
nct_err obligation_periods(struct ctx *x, const struct obligation *ob, struct ob_period **out,
                           size_t *n);

/* Who reports for one period. */
struct reporter {
	char kind; /* 'o' an organisation, 'p' a place */
	int64_t id;
	char code[ORG_CODE_LEN];
	char name[TEXT_BYTES(ORG_NAME_MAX)];
	char path[96];                   /* the place, or the organisation's place */
	char stands_for[STANDS_FOR_LEN]; /* the obligation's codes it reports for, ", "-joined */
	bool ended; /* an obligation's unit that ended without successor: owes nothing */
};

/* The reporters of ob for period p: the units in force on p->on, each once,
 * by kind and code, then those that ended without a successor. *out is
 * malloc'd; free() it. */
nct_err obligation_reporters(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                             struct reporter **out, size_t *n);

/* The body that receives ob's reports of period p: ob's receiver, or the body
 * its plan duties passed to, in force on p->on. NCT_ERR_NOTFOUND when none
 * is. */
nct_err obligation_receiver(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                            struct org *out);

/* Pure rules, for the tests and the pages. */

/* The due date of a period: "YYYY-MM-DD" as it is, "MM-DD" as above.
 * NCT_ERR_INVALID for anything else (and for 02-29). */
nct_err obligation_due(const char *due, const struct period *p, struct date *out);
/* The data window of p under "MM-DD/MM-DD". NCT_ERR_INVALID otherwise. */
nct_err obligation_window_own(const char *window, const struct period *p, struct date *from,
                              struct date *to);
/* Days a report that arrived at `at` is late for a period due before
 * due_before: 0 when it arrived before 00:00 of that day in Vietnam, else the
 * days from the last day on time to the day it arrived (arriving on the due
 * day itself is 1 day late). */
int64_t report_days_late(struct date due_before, time_t at);

#endif

/* indicator.h - the programme indicators of Plan 327 for any place subtree and
 * date, computed live from the store (no batch step), each against the
 * plan's target record. */
#ifndef NCT_INDICATOR_H
#define NCT_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "place.h"

struct ctx;

enum indicator_id {
	IND_CLUBS_NEW,            /* ISHC founded from 2021-01-01 to the date */
	IND_CLUBS_OLD_ACTIVE,     /* ISHC founded 2016-2020 and active on the date */
	IND_MEMBERS,              /* people who are members of an active ISHC on the date */
	IND_OLDER_MEMBERS,        /* of those, aged 60+ on the date */
	IND_SHARE_COMPOSITION,    /* active ISHC within every composition band */
	IND_SHARE_ACTIVE_MANAGED, /* all activity areas in the year so far, and assessed well
	                             managed */
	IND_SHARE_LOANS,          /* at least one loan disbursed in the year so far */
	IND_SHARE_BOTH_FUNDS,     /* an entry in both funds on or before the date */
	IND_COUNT
};

struct indicator {
	const char *code; /* as in plan_targets.indicator */
	const char *vi, *en;
	bool share;        /* value is per mille of denominator */
	int64_t value;     /* a count, or numerator * 1000 / denominator */
	int64_t numerator; /* for shares */
	int64_t denominator;
	bool has_target;
	int64_t target_min, target_max; /* -1 when open */
	char target_by[DATE_LEN];
	char founded_from[DATE_LEN],
	    founded_to[DATE_LEN]; /* counts of clubs: the founding window ("" open) */
	bool met;                 /* within the target (when there is one) */
};

struct indicator_report {
	struct date on;
	struct date year_from; /* 1 January of the date's year: the period for shares */
	int clubs;             /* active ISHC in the subtree on the date */
	struct indicator ind[IND_COUNT];
};

/* The indicators for the clubs whose commune lies under place_code (NULL: the
 * whole scope) and in the scope, on `on`. NCT_ERR_NOTFOUND when there is no
 * such place on that date, NCT_ERR_DENIED when x cannot see it, and for a club user (whose club
 * has a page of its own). */
nct_err indicators_clubs(struct ctx *x, const char *place_code, struct date on,
                         struct indicator_report *out);

#endif

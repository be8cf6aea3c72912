/* indicator.h - the programme indicators of Plan 327 for any place and
 * reporting window, computed live from the store (no batch step), each against
 * the target the plan sets for that place, if any.
 *
 * What each indicator counts is docs/clubs.md, with the plan's sentence it
 * follows; the founding windows and those sentences are plan_indicators
 * records, the targets plan_targets records of (plan, indicator, place,
 * by-date). Counts are on the window's last day; shares cover the window. */
#ifndef NCT_INDICATOR_H
#define NCT_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "period.h"
#include "place.h"

struct ctx;

#ifndef PLAN_CODE_LEN
#define PLAN_CODE_LEN 32 /* as plan.h */
#endif

enum indicator_id {
	IND_CLUBS_NEW,            /* ISHC founded in the plan's window (from 2021), any status */
	IND_CLUBS_OLD_ACTIVE,     /* ISHC founded 2016-2020 and active on the date */
	IND_MEMBERS_NEW,          /* people who are members of an active new ISHC on the date */
	IND_OLDER_MEMBERS_NEW,    /* of those, aged 60+ on the date */
	IND_SHARE_COMPOSITION,    /* active ISHC within every composition band */
	IND_SHARE_ACTIVE_MANAGED, /* active ISHC with all activity areas in the window and
	                             assessed well managed */
	IND_SHARE_MEMBERS_LOANS,  /* members of active ISHC with a loan out in the window */
	IND_SHARE_BOTH_FUNDS, /* active ISHC with an entry in both funds on or before the date */
	/* Figures beside the plan's, never with a target: */
	IND_MEMBERS_ALL,         /* people who are members of any active ISHC on the date */
	IND_OLDER_MEMBERS_ALL,   /* of those, aged 60+ */
	IND_SHARE_CLUBS_LENDING, /* active ISHC that disbursed a loan in the window */
	IND_COUNT
};

/* Where a value stands against a target's range. */
enum verdict {
	VERDICT_NONE,   /* no target */
	VERDICT_BELOW,  /* under the minimum: "chưa đạt" */
	VERDICT_WITHIN, /* "đạt" */
	VERDICT_ABOVE   /* over the maximum: "vượt", met or not as the target says */
};

struct indicator_target {
	char plan[PLAN_CODE_LEN];
	int64_t min, max; /* -1 when open */
	char by[DATE_LEN];
	bool above_max_met; /* a value over the maximum meets the target */
};

struct indicator {
	const char *code; /* as in plan_indicators and plan_targets */
	const char *vi, *en;
	bool share;      /* value is per mille of denominator */
	bool of_members; /* a share of people; else of clubs */
	bool extra;      /* beside the plan's figures: no definition, no target */
	int64_t value;   /* a count, or numerator * 1000 / denominator */
	int64_t numerator, denominator;
	char clause[16]; /* where the plan says it ("II.1"); "" when it does not */
	char founded_from[DATE_LEN], founded_to[DATE_LEN]; /* the clubs counted ("" open) */
	bool has_target;
	struct indicator_target target;
	enum verdict verdict;
	bool met;
};

struct indicator_query {
	const char *plan;  /* NULL: the latest plan whose indicators are dated on or before
	                      the window's end (else the earliest) */
	const char *place; /* a place code, NULL: the whole scope (then no target) */
	struct report_window window;
	bool default_place; /* without a place: the first place the plan sets targets for
	                       that the scope holds whole, if any, not the whole scope */
};

struct indicator_report {
	char plan[PLAN_CODE_LEN];    /* the plan whose definitions count ("" none) */
	struct report_window window; /* counts on window.to, shares over the window */
	bool has_place;              /* a place was asked for: */
	struct place place;          /* the unit, in force on window.to or the last before */
	bool after_end;              /* it ended before window.to: its former territory */
	int subtrees;                /* subtrees counted (territory within the scope) */
	int clubs;                   /* active ISHC */
	struct indicator ind[IND_COUNT];
};

/* The indicators for the clubs whose commune lies in the territory of q->place
 * (place_territory) and in x's scope, or in the whole scope. NCT_ERR_NOTFOUND
 * when there is no such place (or plan), NCT_ERR_DENIED when x may not see it,
 * and for a club user (whose club has a page of its own), NCT_ERR_INVALID for
 * a window that ends before it starts. */
nct_err indicators_clubs(struct ctx *x, const struct indicator_query *q,
                         struct indicator_report *out);

/* The clubs behind one indicator (code) of the report q asks for, as ids in
 * order, with the report itself in *rep: the clubs it counts; for a share of
 * clubs, those of its numerator; for a figure of people (members, the share
 * with loans), the clubs whose members it counts. *ids is malloc'd; free() it.
 * NCT_ERR_NOTFOUND for an unknown code; otherwise as indicators_clubs. */
nct_err indicator_clubs(struct ctx *x, const struct indicator_query *q, const char *code,
                        struct indicator_report *rep, int64_t **ids, size_t *n);

#define INDICATOR_COMMUNES_MAX 2000

/* One commune of a breakdown: its own report (its territory, as a place). */
struct commune_figure {
	struct place place;
	struct indicator_report rep;
};

/* The report of q in *whole, and one per commune in force on the window's last
 * day within the place's territory (the whole scope without a place) that x
 * sees, by path. *out is malloc'd; free() it. Errors as indicators_clubs. */
nct_err indicator_communes(struct ctx *x, const struct indicator_query *q,
                           struct indicator_report *whole, struct commune_figure **out, size_t *n);

/* The definition of the indicator with this code (code, names, share,
 * extra; no value), or false for an unknown code. */
bool indicator_def(const char *code, struct indicator *out);
/* The position of code among the indicators (enum indicator_id), -1 when
 * unknown; the code at a position (NULL outside 0..IND_COUNT-1). */
int indicator_position(const char *code);
const char *indicator_code_at(int i);

/* A value against a target: below, within or above its range; *met says
 * whether that meets it (above meets it when the target says so). */
enum verdict indicator_judge(const struct indicator_target *t, int64_t value, bool *met);
/* "below", "within", "above", or "" for none. */
const char *verdict_name(enum verdict v);

/* A place some plan sets targets for, as the scope sees it. */
struct target_place {
	char plan[PLAN_CODE_LEN];
	struct place place; /* as of the target's place_on */
	char by[DATE_LEN];  /* the latest by-date of its targets */
};

/* The places with targets that x sees, by plan and code. *out is malloc'd;
 * free() it. */
nct_err indicator_target_places(struct ctx *x, struct target_place **out, size_t *n);

#endif

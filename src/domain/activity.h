/* activity.h - what clubs do: activity areas as versioned lists, activities
 * and home-care visits logged per club, which areas were active in a period,
 * and the yearly assessment of each club by the commune or the association.
 *
 * The list in force on a day is the one with the latest valid_from on or before
 * it whose valid_to (inclusive) is open or not yet past. A club "carries out all
 * activities" in a period when every area of the list in force on the period's
 * last day has at least one activity in it (home-care visits count for the areas
 * marked home_visits). Every change writes an audit row in its transaction; a
 * refused change writes nothing and rf (refusal.h) says why. */
#ifndef NCT_ACTIVITY_H
#define NCT_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "audit.h"
#include "club.h"
#include "refusal.h"

struct ctx;

#define ACTIVITY_AREAS_MAX        20
#define ACTIVITY_TITLE_MAX        200 /* characters */
#define ACTIVITY_NOTES_MAX        1000
#define ACTIVITY_PARTICIPANTS_MAX 10000
#define ACTIVITY_NAME_MAX         150 /* characters of list and area names */

struct activity_area {
	char code[32];
	char name_vi[TEXT_BYTES(ACTIVITY_NAME_MAX)];
	char name_en[TEXT_BYTES(ACTIVITY_NAME_MAX)];
	bool home_visits; /* home-care visits count as activity in this area */
};

struct activity_list {
	int64_t id;
	char code[32];
	char name[TEXT_BYTES(ACTIVITY_NAME_MAX)];
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN]; /* "" while open */
	size_t n;
	struct activity_area areas[ACTIVITY_AREAS_MAX];
};

/* The list in force on `on`, with its areas in order. NCT_ERR_NOTFOUND when
 * none is (before the first list began). */
nct_err activity_list_on(struct ctx *x, struct date on, struct activity_list *out);

/* Every list, oldest valid_from first. *out is malloc'd; free() it.
 * NCT_ERR_TOOBIG past 200 lists. */
nct_err activity_list_all(struct ctx *x, struct activity_list **out, size_t *n);

/* The list's area of that code, or NULL when it has none. */
const struct activity_area *activity_area_find(const struct activity_list *l, const char *code);

struct activity_area_new {
	const char *code;    /* 1-30 of A-Za-z0-9._- , unique in the list */
	const char *name_vi; /* 1-150 bytes */
	const char *name_en; /* NULL or "": the Vietnamese name */
	bool home_visits;
};

struct activity_list_new {
	const char *code;       /* 1-30 of A-Za-z0-9._- , not taken */
	const char *name;       /* 1-150 bytes */
	const char *valid_from; /* YYYY-MM-DD, may be ahead; no other list starts that day */
	const char *valid_to;   /* NULL, "" or YYYY-MM-DD on or after valid_from */
	size_t n;               /* 1..ACTIVITY_AREAS_MAX */
	const struct activity_area_new *areas;
};

/* Adds a list (admins only: RF_ADMIN_ONLY). Refused (RF_LIST_ORPHANS), and
 * nothing written, when an activity already recorded from valid_from on would
 * fall in an area that is not in the list in force on its date.
 * NCT_ERR_CONFLICT for a code (RF_TAKEN) or a start date (RF_LIST_SAME_START)
 * already used. Fields: code, name, valid_from, valid_to, areas. */
nct_err activity_list_add(struct ctx *x, const struct activity_list_new *in, int64_t *id,
                          struct refusal *rf);

struct activity {
	int64_t id;
	char on_date[DATE_LEN];
	char area[32];
	char title[TEXT_BYTES(ACTIVITY_TITLE_MAX)];
	int participants;
	char notes[ACTIVITY_NOTES_MAX + 1];
};

struct activity_new {
	const char *on_date;    /* YYYY-MM-DD, not before the founding, not in the future */
	const char *area;       /* a code of the list in force on on_date */
	const char *title;      /* 1-200 bytes, not only spaces */
	long long participants; /* 0..10000 */
	const char *notes;      /* NULL or at most 1000 bytes */
};

/* Fields: on_date, area, title, participants, notes. */
nct_err activity_add(struct ctx *x, const struct club *c, const struct activity_new *in,
                     int64_t *id, struct refusal *rf);

/* The club's activities from `from` to `to` (inclusive), newest first, at most
 * limit; *more tells whether there were others. *out is malloc'd; free() it. */
nct_err activity_find(struct ctx *x, int64_t club_id, struct date from, struct date to,
                      size_t limit, struct activity **out, size_t *n, bool *more);

struct visit {
	int64_t id;
	char on_date[DATE_LEN];
	int64_t volunteer_id;
	char volunteer_name[128];
	int64_t visited_id;
	char visited_name[128];
	char notes[ACTIVITY_NOTES_MAX + 1];
};

struct visit_new {
	int64_t volunteer_id; /* a volunteer member of the club on on_date */
	int64_t visited_id;   /* someone else, in the scope, an older person on on_date */
	const char *on_date;  /* YYYY-MM-DD, not before the founding, not in the future */
	const char *notes;    /* NULL or at most 1000 bytes */
};

/* Logs a home-care visit. "Older" is the age of the composition rule in force
 * on the day (60 under Plan 327). NCT_ERR_DENIED when the visited person lives
 * outside the scope. Fields: volunteer_id, visited_id, on_date, notes. */
nct_err visit_add(struct ctx *x, const struct club *c, const struct visit_new *in, int64_t *id,
                  struct refusal *rf);

/* As activity_find, for home-care visits. */
nct_err visit_find(struct ctx *x, int64_t club_id, struct date from, struct date to, size_t limit,
                   struct visit **out, size_t *n, bool *more);

struct activity_tally {
	struct activity_list list;          /* in force on `to`; list.n == 0 when none */
	int activities[ACTIVITY_AREAS_MAX]; /* per area of the list, in its order */
	int visits;                         /* home-care visits in the period */
	int other;  /* activities in areas not in this list (the list changed in the period) */
	int active; /* areas with at least one activity (or visit, where they count) */
	int total;  /* areas in the list */
	bool all;   /* total > 0 and active == total */
};

/* Counts per area for the club from `from` to `to`, both inclusive.
 * NCT_ERR_INVALID when from is after to. */
nct_err activity_tally(struct ctx *x, int64_t club_id, struct date from, struct date to,
                       struct activity_tally *out);

/* What the indicators need: whether every area of the list in force on `to`
 * had an activity, and how many did. With no list in force: *all false, 0 of 0. */
nct_err activity_all_areas(struct ctx *x, int64_t club_id, struct date from, struct date to,
                           bool *all, int *areas_active, int *areas_total);

/* The period asked for: from and to as YYYY-MM-DD, each NULL or "" for the
 * default, 1 January of this year to today (Vietnam time). False when either is
 * malformed or from is after to. */
bool activity_period(const char *from, const char *to, struct date *f, struct date *t);

/* Yearly assessments: grades very_strong, strong, average, weak. */
struct assessment {
	int64_t id;
	int year;
	char grade[16];
	bool well_managed;
	char assessed_on[DATE_LEN];
	char assessed_by[128];
};

struct assessment_new {
	int year;          /* begun already, not before the club's founding year */
	const char *grade; /* very_strong, strong, average, weak */
	bool well_managed;
	const char *assessed_on; /* NULL or "": today; else on or after 1 January of year,
	                            not in the future */
	const char *assessed_by; /* who assessed (e.g. "UBND xã"); NULL or "": the actor */
};

/* The grades, best first, NULL-terminated (their words: web/labels.c). */
extern const char *const assessment_grades[];

/* Records the year's assessment (officers who may assess the club:
 * RF_ASSESS_ONLY_OFFICERS). NCT_ERR_CONFLICT when the year has one already
 * (RF_ASSESSMENT_EXISTS): change it with assessment_update. Fields: year,
 * grade, assessed_on, assessed_by. */
nct_err assessment_add(struct ctx *x, const struct club *c, const struct assessment_new *in,
                       struct refusal *rf);

/* Changes the year's assessment; the audit row holds the old and new values.
 * NCT_ERR_NOTFOUND when the year has none (RF_NO_ASSESSMENT). */
nct_err assessment_update(struct ctx *x, const struct club *c, const struct assessment_new *in,
                          struct refusal *rf);

/* The club's assessment for year. NCT_ERR_NOTFOUND when there is none. */
nct_err assessment_get(struct ctx *x, int64_t club_id, int year, struct assessment *out);

/* All the club's assessments, newest year first. *out is malloc'd; free() it.
 * NCT_ERR_TOOBIG past 1000 (one a year). */
nct_err assessment_find(struct ctx *x, int64_t club_id, struct assessment **out, size_t *n);

#endif

/* submission.h - a reporter's report for one obligation and period, its steps
 * (draft -> submitted -> accepted, or returned with a reason and submitted
 * again), its timeliness, the completeness of a period and a user's inbox.
 *
 * Timeliness is DHIS2's: a report is on time when it was submitted before the
 * due date (before 00:00 of due_before, Vietnam time); it is judged once, at
 * the first submission (a paper report: when it arrived, as the receiving
 * office records it). A late report is accepted and marked late, never
 * refused. Completeness of a period: the share of the expected reporters (the
 * units in force then, obligation.h) whose report was submitted.
 *
 * Who may (access, docs/architecture.md):
 *   - act for a reporter (make a draft, submit it): administrators; a user
 *     bound to the reporting organisation (not a viewer); for a reporting
 *     place, the officers whose scope holds it;
 *   - act for the receiver (accept, return, record a paper report, and make
 *     the draft of one): administrators; a user bound to the receiving
 *     organisation (not a viewer); province officers whose scope holds the
 *     receiver's place;
 *   - see a submission: whoever may act for either side, and whoever's scope
 *     holds the reporter's place.
 * Anything else answers NCT_ERR_NOTFOUND for a submission one may not see
 * (nothing is named), NCT_ERR_DENIED (RF_DENIED) for one seen but not one's
 * to change. */
#ifndef NCT_SUBMISSION_H
#define NCT_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "../base/date.h"
#include "../base/err.h"
#include "indicator.h"
#include "obligation.h"
#include "plan.h"
#include "refusal.h"

struct ctx;

#define SUBMISSION_COMMENT_MAX 2000 /* bytes of a return's reason */
#define SUBMISSION_LIST_MAX    20000
#define SUBMISSION_STEPS_MAX   1000

/* draft, submitted, returned, accepted; NULL-ended. */
extern const char *const submission_statuses[];

struct submission {
	int64_t id, obligation_id;
	char plan_slug[PLAN_SLUG_LEN];
	char plan_key[PLAN_SLUG_LEN]; /* its number ("327/KH-UBND"), else its slug */
	char line[16];
	char name[OBLIGATION_NAME_MAX + 1];
	char period[PERIOD_LEN];
	char due_before[DATE_LEN];
	char reporter_kind; /* 'o' or 'p' */
	int64_t reporter_id;
	char reporter_code[ORG_CODE_LEN];
	char reporter_name[192];
	char reporter_path[96]; /* the place, or the organisation's place */
	char stands_for[STANDS_FOR_LEN];
	int64_t receiver_id;
	char receiver_code[ORG_CODE_LEN];
	char receiver_name[192];
	char receiver_path[96];
	char status[12];
	bool paper;
	char created_at[26], first_at[26], submitted_at[26]; /* "" when not yet */
	int64_t days_late;                                   /* -1 before the first submission */
	char comment[SUBMISSION_COMMENT_MAX + 1];            /* the latest return's reason */
};

/* A draft of reporter (an organisation or place code, as the period's
 * reporters list it) for obligation_id and period. Refusals: RF_PERIOD_FORMAT,
 * RF_PERIOD_NOT_OWED, RF_NOT_DATED ("period"); RF_PERIOD_NOT_STARTED (its data
 * window begins after today); RF_NOT_A_REPORTER ("reporter"); RF_NO_RECEIVER
 * (nobody receives it then); RF_DENIED; RF_TAKEN (NCT_ERR_CONFLICT: the
 * reporter has one for that period already). NCT_ERR_NOTFOUND for an
 * obligation that does not exist. */
nct_err submission_create(struct ctx *x, int64_t obligation_id, const char *period,
                          const char *reporter, int64_t *id, struct refusal *rf);

/* Submits a draft or a returned submission: the reporter's side, at now, or
 * (received_at not NULL) the receiving office recording a paper report that
 * arrived then. Timeliness is fixed at the first submission. Refusals:
 * RF_DENIED, RF_RECEIVER_ONLY (a paper report by the reporter's side),
 * RF_TIME_FORMAT ("received_at"), RF_DATE_IN_FUTURE ("received_at"),
 * RF_SUBMISSION_LOCKED (it is submitted or accepted). */
nct_err submission_submit(struct ctx *x, int64_t id, const char *received_at, struct refusal *rf);
/* A paper report the receiving office records in one step: the draft of
 * reporter for the period, submitted as arrived at received_at, in one unit
 * (nothing is written when either is refused). Refusals as both. */
nct_err submission_paper(struct ctx *x, int64_t obligation_id, const char *period,
                         const char *reporter, const char *received_at, int64_t *id,
                         struct refusal *rf);
/* The receiver's answer to a submitted report: accepted, or returned with a
 * reason (RF_TEXT_LENGTH "comment"). RF_DENIED, RF_SUBMISSION_LOCKED (not
 * submitted). */
nct_err submission_accept(struct ctx *x, int64_t id, struct refusal *rf);
nct_err submission_return(struct ctx *x, int64_t id, const char *comment, struct refusal *rf);

/* Whether x acts for the submission's reporter (makes, edits and submits it). */
bool submission_reporter_side(const struct ctx *x, const struct submission *s);

/* One submission, when x may see it (else NCT_ERR_NOTFOUND). */
nct_err submission_get(struct ctx *x, int64_t id, struct submission *out);

struct submission_step {
	char at[26];
	char step[12];
	char username[64];
	char comment[SUBMISSION_COMMENT_MAX + 1];
};
/* The steps of a submission x may see, oldest first. *out is malloc'd. */
nct_err submission_steps(struct ctx *x, int64_t id, struct submission_step **out, size_t *n);

/* One expected reporter of a period with its report (status "" when none). */
struct expected {
	struct reporter r;
	int64_t submission_id; /* 0 when none */
	char status[12];
	int64_t days_late; /* -1 when not submitted */
};

struct completeness {
	struct ob_period period;
	char receiver_code[ORG_CODE_LEN]; /* "" when no body receives it then */
	struct org receiver;              /* that body, when there is one */
	bool receiver_side;               /* x acts for the receiver: sees every reporter */
	size_t expected, submitted, on_time, late, missing, accepted;
	int64_t permille;      /* submitted / expected, 1000 when nothing is expected */
	struct expected *rows; /* the reporters x sees; malloc'd: completeness_free */
	size_t nrows;
};

/* The period's expected reporters and what each submitted. The receiver's
 * side sees every reporter; anyone else the reporters in their scope, and the
 * figures count those. Refusals as obligation_period. NCT_ERR_NOTFOUND for an
 * obligation that does not exist. */
nct_err completeness_of(struct ctx *x, int64_t obligation_id, const char *period,
                        struct completeness *out, struct refusal *rf);
/* The same for ob's period p (as obligation_period gave it). */
nct_err completeness_in(struct ctx *x, const struct obligation *ob, const struct ob_period *p,
                        struct completeness *out);
void completeness_free(struct completeness *c);

/* A user's inbox on `today`: what their body owes (every period of a dated
 * obligation whose data window has begun, where the body is a reporter, with
 * its report's status; overdue when not submitted and due_before <= today)
 * and what it must review (reports submitted to it). */
struct inbox_row {
	int64_t obligation_id;
	char plan_slug[PLAN_SLUG_LEN];
	char plan_key[PLAN_SLUG_LEN]; /* its number ("327/KH-UBND"), else its slug */
	char line[16];
	char name[OBLIGATION_NAME_MAX + 1];
	char period[PERIOD_LEN];
	char due_before[DATE_LEN];
	char reporter_code[ORG_CODE_LEN];
	char reporter_name[192];
	char receiver_code[ORG_CODE_LEN]; /* to whom the period's report goes; "" when */
	char receiver_name[192];          /* no body in force receives it */
	int64_t submission_id;            /* 0: no report yet */
	char status[12];                  /* "" when none */
	bool overdue;
	int64_t days_late; /* -1 when not submitted */
};
#define INBOX_MAX 5000
nct_err inbox_of(struct ctx *x, struct date today, struct inbox_row **owed, size_t *nowed,
                 struct submission **review, size_t *nreview);

/* ------------------------------------------------------------- content */

/* Inside a report: for each plan item the reporter leads (its own code or one
 * it stands for among the item's lead units), a status and a progress text;
 * for each indicator it owns, a value. A reporter owns the indicators of the
 * obligation's plan (plan_indicators, indicator.h) when it is a People's
 * Committee or a place: the figures of its territory. They are prefilled
 * when the draft is made from the store's live data over the period's data
 * window (clubs, members, funds, loans) and kept as `computed`, so a page says
 * which values are the system's and which were entered. */

#define SUBMISSION_PROGRESS_MAX 4000 /* bytes of an item's progress text */
#define SUBMISSION_ITEMS_MAX    500
#define SUBMISSION_VALUES_MAX   64
#define SUBMISSION_VALUE_MAX    1000000000000LL /* a count; a share is at most 1000 per mille */

/* not_started, in_progress, done; NULL-ended. */
extern const char *const submission_item_statuses[];

struct submission_item {
	struct plan_item item;
	char status[12]; /* "not_started" until saved */
	char progress[SUBMISSION_PROGRESS_MAX + 1];
};

struct submission_value {
	struct indicator def; /* code, names, share (per mille) */
	bool has_value, has_computed;
	int64_t value;    /* as reported */
	int64_t computed; /* what the live data gave when the draft was made */
	/* a share's numerator and denominator (value = numerator * 1000 / denominator,
	 * rounded), when known: from the live data, typed as "12/40", or a typed per
	 * mille applied to the known denominator; the roll-up weighs by them */
	bool has_fraction;
	int64_t numerator, denominator;
};

/* The items and values of a submission x may see (else NCT_ERR_NOTFOUND),
 * items by section and position, values in the indicators' order. Both are
 * malloc'd; free() them. */
nct_err submission_content(struct ctx *x, int64_t id, struct submission_item **items, size_t *ni,
                           struct submission_value **values, size_t *nv);

/* What a form or the API saves: an item's status and progress, an
 * indicator's value as text ("" clears it). */
struct item_in {
	int64_t item_id;
	const char *status;   /* one of submission_item_statuses */
	const char *progress; /* NULL or "": none */
};
struct value_in {
	const char *indicator;
	const char *value;
};

/* Saves items and values of a draft or returned submission, all or nothing,
 * with a "saved" step and an audit row. The reporter's side only. Refusals:
 * RF_DENIED; RF_SUBMISSION_LOCKED (submitted or accepted); RF_ITEM_NOT_LED
 * ("item": not one the reporter leads); RF_NOT_ONE_OF ("status");
 * RF_TEXT_LENGTH ("progress"); RF_INDICATOR_NOT_OWNED ("indicator");
 * RF_NOT_A_NUMBER ("value"); RF_FIGURE_RANGE ("value": number_range, bounds grouped); RF_TOO_MANY.
 */
nct_err submission_save(struct ctx *x, int64_t id, const struct item_in *items, size_t ni,
                        const struct value_in *values, size_t nv, struct refusal *rf);

/* Checks a submission's values against the value_rules in force on the day
 * before it is due: RF_VALUE_RULE (field "values") for the first broken. A
 * value not given is not checked. Called by submission_submit. */
nct_err submission_check_values(struct ctx *x, const struct submission *s, struct refusal *rf);

#endif

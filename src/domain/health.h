/* health.h - a person's health in the register (issue 8, item 5): health-
 * insurance cards, yearly check-ups and chronic conditions, and the lists of
 * cards expiring soon and of older people without a valid card.
 *
 * All of it is sensitive data (docs/register.md, "Privacy"): only the roles
 * of access_sensitive read or write it, and every read of it - one person's,
 * or a list - writes an audit row "view_sensitive", as the register's other
 * sensitive fields do. A card is a record as issued: a renewal is a new card,
 * never an edit. A card is valid from valid_from to valid_to, both included. */
#ifndef NCT_HEALTH_H
#define NCT_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "person.h"
#include "place.h"
#include "refusal.h"
#include "register.h"

struct ctx;

#define HEALTH_NOTE_MAX     500
#define HEALTH_NAME_MAX     200
#define HEALTH_RECORDS_MAX  1000   /* cards, check-ups or conditions of one person */
#define HEALTH_LIST_MAX     200000 /* rows one list returns */
#define HEALTH_EXPIRING_MAX 3660   /* days a list of expiring cards looks ahead */
#define HEALTH_CARD_FIRST                                                                          \
	{                                                                                          \
		1900, 1, 1                                                                         \
	} /* the days a card may name: */
#define HEALTH_CARD_LAST                                                                           \
	{                                                                                          \
		2100, 12, 31                                                                       \
	} /* outside, RF_CARD_DATE_RANGE */

/* Who pays the card's premium, NULL-terminated: the state (social assistance,
 * the poor, 80+ ...), the province's support, the person, the family. */
extern const char *const card_payers[];

struct health_card {
	int64_t id;
	int64_t person_id;
	char number[16];
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN];
	char payer[12];
};

struct card_new {
	const char *number;     /* 10 digits, or the old 15 characters: 2 letters, 13 digits */
	const char *valid_from; /* dd/mm/yyyy or YYYY-MM-DD */
	const char *valid_to;   /* the last valid day, not before valid_from */
	const char *payer;      /* card_payers */
};

/* Whether number is a card number: the social-insurance code of 10 digits
 * printed on cards since 2021, or the old 15-character form (2 capital
 * letters of the group, a benefit level 1-5, 2 digits of the province, 10
 * digits). RF_CARD_NUMBER otherwise. */
nct_err health_card_number_check(const char *number, struct refusal *rf);

/* Whether the card is valid on the day (from and to included). */
bool health_card_valid_on(const struct health_card *c, struct date on);

/* Records a card of the person (x changes them and has access_sensitive:
 * RF_SENSITIVE). Refusals: RF_CARD_NUMBER ("number"), RF_DAY_FORMAT,
 * RF_CARD_VALID_TO ("valid_to" before "valid_from"), RF_CARD_DATE_RANGE (a day
 * before 1900 or after 2100), RF_NOT_ONE_OF ("payer"),
 * RF_MERGED. Audited "health_card". */
nct_err health_card_add(struct ctx *x, int64_t person_id, const struct card_new *in, int64_t *id,
                        struct refusal *rf);

struct checkup {
	int64_t id;
	int64_t person_id;
	char checked_on[DATE_LEN];
	char note[HEALTH_NOTE_MAX + 1];
};

struct checkup_new {
	const char *checked_on; /* not in the future, not before the birth */
	const char *note;       /* may be NULL */
};

/* Records a check-up (as health_card_add for access). RF_DAY_FORMAT,
 * RF_DATE_IN_FUTURE, RF_FACT_BEFORE_BIRTH ("checked_on"), RF_TOO_LONG
 * ("note"). Audited "health_checkup". */
nct_err health_checkup_add(struct ctx *x, int64_t person_id, const struct checkup_new *in,
                           int64_t *id, struct refusal *rf);

struct condition {
	int64_t id;
	int64_t person_id;
	char name[HEALTH_NAME_MAX + 1];
	char since[DATE_LEN]; /* "" when not known */
	char note[HEALTH_NOTE_MAX + 1];
};

struct condition_new {
	const char *name;  /* as the doctor wrote it */
	const char *since; /* NULL or "": not known */
	const char *note;
};

/* Records a chronic condition (as health_card_add for access). RF_TEXT_LENGTH
 * ("name"), the date as a check-up's ("since"). Audited "chronic_condition". */
nct_err health_condition_add(struct ctx *x, int64_t person_id, const struct condition_new *in,
                             int64_t *id, struct refusal *rf);

/* The three kinds of health record. */
enum { HEALTH_CARD = 'h', HEALTH_CHECKUP = 'k', HEALTH_CONDITION = 'c' };

/* A record recorded wrongly is never edited nor deleted. A correction writes
 * the right version as a new record (checked as a new one is) and marks the
 * old one replaced by it; a retraction marks it only. Both need a reason
 * (RF_TEXT_LENGTH "reason", at most HEALTH_NOTE_MAX bytes), take the access of
 * health_card_add, and refuse a record that is not the person's
 * (RF_NO_SUCH_FACT, NCT_ERR_NOTFOUND, field "record") or was corrected or
 * retracted already (RF_FACT_RETRACTED, NCT_ERR_CONFLICT: also when someone
 * marked it meanwhile). The marked record stays, with when and why, and no
 * longer counts: not in a person's records, nor in the lists. Audited
 * "health_correct" (the record's name, the new record, "replaces", "reason")
 * and "health_retract" ("record", "id", "reason"). */
nct_err health_card_correct(struct ctx *x, int64_t person_id, int64_t id, const struct card_new *in,
                            const char *reason, int64_t *new_id, struct refusal *rf);
nct_err health_checkup_correct(struct ctx *x, int64_t person_id, int64_t id,
                               const struct checkup_new *in, const char *reason, int64_t *new_id,
                               struct refusal *rf);
nct_err health_condition_correct(struct ctx *x, int64_t person_id, int64_t id,
                                 const struct condition_new *in, const char *reason,
                                 int64_t *new_id, struct refusal *rf);
/* Any of the six above by its kind (HEALTH_CARD, HEALTH_CHECKUP or
 * HEALTH_CONDITION): in is a card_new, checkup_new or condition_new; old 0 adds
 * a record (reason unused), else corrects the record old. */
nct_err health_record_write(struct ctx *x, char kind, int64_t person_id, const void *in,
                            int64_t old, const char *reason, int64_t *id, struct refusal *rf);
/* kind: HEALTH_CARD, HEALTH_CHECKUP or HEALTH_CONDITION. */
nct_err health_retract(struct ctx *x, int64_t person_id, char kind, int64_t id, const char *reason,
                       struct refusal *rf);

/* A record corrected or retracted, as it was, with the mark. */
struct health_marked {
	char kind; /* HEALTH_CARD, ... : which of the three is set */
	struct health_card card;
	struct checkup checkup;
	struct condition condition;
	char at[26]; /* when it was marked */
	char reason[HEALTH_NOTE_MAX + 1];
	int64_t replaced_by; /* the correction; 0: retracted */
};

/* Everything of p's health: cards (latest valid_to first), check-ups (latest
 * first), conditions (as recorded), those not corrected nor retracted; and
 * the records that were (marked: by kind, the latest mark first).
 * NCT_ERR_DENIED for a role without access_sensitive (nothing read, nothing
 * written); else the view is audited. Free with person_health_free. */
struct person_health {
	struct health_card *cards;
	size_t ncards;
	struct checkup *checkups;
	size_t ncheckups;
	struct condition *conditions;
	size_t nconditions;
	struct health_marked *marked;
	size_t nmarked;
};
nct_err person_health(struct ctx *x, const struct person *p, struct person_health *out);
void person_health_free(struct person_health *h);

/* The places a list covers: pl's territory on `on` (place_territory: the
 * communes in force under it and the units it was formed from), which must
 * lie in x's scope (RF_PLACE_OUTSIDE, NCT_ERR_DENIED); pl NULL: all x sees.
 * At most AREA_MAX subtrees (NCT_ERR_TOOBIG). */
#define AREA_MAX 24
struct area {
	size_t n;
	char lo[AREA_MAX][96], hi[AREA_MAX][96];
};
nct_err area_of(struct ctx *x, const struct place *pl, struct date on, struct area *out,
                struct refusal *rf);

/* A card and its holder. */
struct card_row {
	struct person person;
	struct health_card card;
};

/* Cards of living people of the area valid on `on` that end within `days`
 * days of it (valid_to from on to on + days), unless a card ending later is
 * recorded (renewed); soonest first. RF_NUMBER_RANGE ("expiring_within", 0 to
 * HEALTH_EXPIRING_MAX), RF_SENSITIVE. Audited "view_sensitive". *out malloc'd. */
nct_err health_cards_expiring(struct ctx *x, const struct place *pl, struct date on, int days,
                              struct card_row **out, size_t *n, struct refusal *rf);

/* The same list, HEALTH_LIST_PAGE cards at a time to each(v, n, arg) (an
 * error from it stops the list and is returned), at most HEALTH_LIST_MAX
 * (NCT_ERR_TOOBIG): memory is a page's for each of the area's subtrees.
 * *rows: the cards given. Audited once "view_sensitive". */
nct_err health_cards_expiring_each(struct ctx *x, const struct place *pl, struct date on, int days,
                                   nct_err (*each)(const struct card_row *v, size_t n, void *arg),
                                   void *arg, size_t *rows, struct refusal *rf);

/* Living people of the area aged older_age or more on `on` (the composition
 * rule in force on `on`, composition_rule.h: dated data, 60 today; by the
 * register's reading of a partial birth) with no card valid on `on`, in the
 * register's order. RF_SENSITIVE. Audited "view_sensitive". *out malloc'd. */
nct_err health_without_card(struct ctx *x, const struct place *pl, struct date on,
                            struct person **out, size_t *n, struct refusal *rf);

/* A page of that list, cut in SQL (register_list: its plan, its capped
 * total, its cursor): limit people after the person `after` (0: from the
 * first), skipping offset more. RF_NO_SUCH_PERSON ("after") for a cursor
 * naming no one x sees. Audited "view_sensitive". Free out->v. */
nct_err health_without_card_page(struct ctx *x, const struct place *pl, struct date on,
                                 int64_t after, size_t offset, size_t limit,
                                 struct register_page *out, struct refusal *rf);

/* The whole list, HEALTH_LIST_PAGE people at a time to each(v, n, arg) (an
 * error from it stops the list and is returned), at most HEALTH_LIST_MAX
 * (NCT_ERR_TOOBIG): memory is a page's. *rows: the people given. Audited
 * once "view_sensitive". */
#define HEALTH_LIST_PAGE 1000
nct_err health_without_card_each(struct ctx *x, const struct place *pl, struct date on,
                                 nct_err (*each)(const struct person *v, size_t n, void *arg),
                                 void *arg, size_t *rows, struct refusal *rf);

/* Records that a health list ("cards_expiring" or "without_card") of pl's
 * area (NULL: all x sees) went out as a file: an audit row "export" of the
 * register naming the sensitive fields, the list, place, format and rows,
 * besides the list's own view_sensitive. */
nct_err health_list_exported(struct ctx *x, const char *list, const struct place *pl,
                             const char *format, size_t rows);

#endif

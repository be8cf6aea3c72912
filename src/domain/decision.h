/* decision.h - decisions on a person's monthly allowance (issue 9): grant,
 * adjust (another allowance) or stop, each with its number, date, signer and
 * the month payment starts (grant, adjust) or the first month not paid
 * (stop). Who signs is dated data (decision_signers): the district chairman
 * before 1 July 2025, the commune chairman from then. A decision is a record,
 * never an edit: the one in force for a month is the latest whose month is on
 * or before it (of two, the later signed, then the later recorded). */
#ifndef NCT_DECISION_H
#define NCT_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct ctx;
struct db;

#define DECISION_NUMBER_MAX 60
#define DECISION_SIGNER_MAX 120
#define DECISION_REASON_MAX 500
#define DECISION_LIST_MAX   10000 /* decisions of one person a list returns */
#define MONTH_LEN           8     /* "YYYY-MM" and its NUL */
/* A decision's month lies from January of the first year to this many
 * months after the month it was signed (a typing slip, not the law). */
#define DECISION_FIRST_YEAR   1945
#define DECISION_MONTHS_AHEAD 12

/* NULL-terminated: "grant", "adjust", "stop"; "post", "cash". */
extern const char *const decision_actions[];
extern const char *const payment_channels[];

struct decision {
	int64_t id;
	int64_t person_id;
	char action[8];
	char number[DECISION_NUMBER_MAX + 1];
	char signed_on[DATE_LEN];
	char signer[DECISION_SIGNER_MAX + 1];
	char signer_level[12]; /* district, commune (decision_signers) */
	int64_t signer_place_id;
	char signer_place_code[24];
	char signer_place_name[128];
	int64_t place_id;    /* the person's commune when signed */
	char place_path[96]; /* its path: whose payment lists pay it */
	char rule_code[32];  /* grant, adjust */
	int64_t amount;      /* grant, adjust: đồng a month when signed */
	char month[MONTH_LEN];
	char channel[8]; /* post, cash; "" for a stop */
	char reason[DECISION_REASON_MAX + 1];
	char created_at[26];
};

struct decision_new {
	const char *action;    /* grant, adjust, stop */
	const char *number;    /* "15/QĐ-UBND" */
	const char *signed_on; /* dd/mm/yyyy or ISO, not in the future */
	const char *signer;    /* the name of who signed */
	const char *rule;      /* grant, adjust: an allowance's code */
	const char *month;     /* YYYY-MM or mm/yyyy */
	const char *channel;   /* grant, adjust: post or cash */
	const char *reason;    /* stop: required; else may be NULL */
};

/* Records a decision for the person with id, which x sees and may decide on
 * (an officer with sensitive data whose scope holds the person: RF_DENIED),
 * audited. Refusals: RF_NOT_ONE_OF (action, channel), RF_TEXT_* (number,
 * signer, reason), RF_DAY_FORMAT / RF_DATE_IN_FUTURE (signed_on),
 * RF_MONTH_FORMAT, RF_MONTH_BEFORE_SIGNED (payment starts from the month of
 * signature), RF_NO_SIGNER (no rule of who signs on that date),
 * RF_NO_SIGNER_PLACE, RF_NO_SUCH_RULE, RF_NOT_ELIGIBLE (the person does not
 * qualify for the allowance on the day signed), RF_ALREADY_RECEIVING (a grant
 * while one is in force: adjust it), RF_NOT_RECEIVING (an adjust or stop with
 * nothing in force), RF_TAKEN (the number, for the same signing body), RF_MERGED
 * (a merged-away record). The last three are checked inside the transaction,
 * with the person's and the signing body's rows locked. */
nct_err decision_add(struct ctx *x, int64_t person_id, const struct decision_new *in, int64_t *id,
                     struct refusal *rf);

/* Every decision of the person (x sees them: person_seen's refusals), by
 * month, date signed and id. *out is malloc'd. */
nct_err decision_list(struct ctx *x, int64_t person_id, struct decision **out, size_t *n,
                      struct refusal *rf);

/* For the place-wide reads (ent_scan.c): the columns of a decision, from
 * allowance_decisions d, and the reader of a row of them. A person's decision
 * in force for a month is their latest with d.month <= month by month, date
 * signed and id (decision_in_force), unless that one is a stop. */
#define DECISION_SELECT_COLUMNS                                                                    \
	"SELECT d.id, d.person_id, d.action, d.number, d.signed_on, d.signer, d.signer_level,"     \
	" d.signer_place_id, sp.code, sp.name, d.place_id, d.rule_code, d.amount, d.month,"        \
	" d.channel, d.reason, d.created_at, dpl.path"
#define DECISION_SELECT_JOINS                                                                      \
	" JOIN places sp ON sp.id = d.signer_place_id JOIN places dpl ON dpl.id = d.place_id "
#define DECISION_SELECT DECISION_SELECT_COLUMNS " FROM allowance_decisions d" DECISION_SELECT_JOINS
struct db_stmt;
void decision_from_columns(struct db_stmt *st, struct decision *d);

/* The decision in force for the month: *found false when none, or when the
 * one in force is a stop (out holds the stop then). No access check: the
 * callers checked the person. */
nct_err decision_in_force(struct db *db, int64_t person_id, const char *month, struct decision *out,
                          bool *found);

/* "YYYY-MM" (or "mm/yyyy") into out as YYYY-MM; false for anything else. */
bool month_parse(const char *s, char out[MONTH_LEN]);

struct person;
/* The person a decision or a receipt is recorded for, read into *p: seen by x
 * (person_seen's refusals, field naming the id), x has the sensitive-data right
 * and may change them (RF_DENIED), not merged away (RF_MERGED). */
nct_err decision_person(struct ctx *x, int64_t person_id, const char *field, struct person *p,
                        struct refusal *rf);

#endif

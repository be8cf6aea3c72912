/* ledger.h - a club's two funds as append-only ledgers in whole đồng: the
 * income-generation (revolving loan) fund and the activity fund. A correction
 * is a new entry that reverses an old one; nothing is ever edited. Pure
 * functions: no store, no I/O. */
#ifndef NCT_LEDGER_H
#define NCT_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

enum fund { FUND_REVOLVING, FUND_ACTIVITY };

enum entry_kind {
	ENTRY_CONTRIBUTION, /* members' or donors' money in */
	ENTRY_GRANT,        /* the provincial support and other grants, in */
	ENTRY_DISBURSEMENT, /* a loan paid out (revolving fund only), out */
	ENTRY_REPAYMENT,    /* loan principal back (revolving fund only), in */
	ENTRY_INTEREST,     /* loan interest (revolving fund only), in */
	ENTRY_EXPENSE,      /* spending (activity fund, or the revolving fund's costs), out */
	ENTRY_CORRECTION,   /* reverses the entry `reverses`: the opposite amount */
	ENTRY_KINDS
};

struct ledger_entry {
	int64_t id;
	enum fund fund;
	struct date on;
	enum entry_kind kind;
	int64_t amount;   /* signed: > 0 into the fund, < 0 out of it */
	int64_t reverses; /* for corrections: the id of the entry reversed; else 0 */
	bool override;    /* allowed to take the balance below zero (logged by the caller) */
};

extern const char *const fund_codes[];          /* revolving, activity (enum fund) */
extern const char *const entry_kinds_by_hand[]; /* contribution, grant, expense: the kinds
                                                 * users record themselves */
const char *fund_name(enum fund f);             /* "revolving", "activity" */
const char *entry_kind_name(enum entry_kind k); /* "contribution", ... */
/* Parse the names above; -1 when unknown. */
int fund_parse(const char *s);
int entry_kind_parse(const char *s);

/* +1 for kinds that bring money in, -1 for kinds that take it out, 0 for
 * corrections (their sign is the opposite of the entry they reverse). */
int entry_kind_sign(enum entry_kind k);

/* The balance of fund f at the end of the day `on`. */
int64_t ledger_balance(const struct ledger_entry *e, size_t n, enum fund f, struct date on);

/* Checks a new entry against the existing ones of the same club (any order):
 * a kind allowed in that fund; amount not zero, at most MONEY_MAX either way,
 * and with the kind's sign; a correction reverses an existing, not yet reversed
 * entry of the same fund with exactly the opposite amount, dated on or after
 * it, and only a correction has `reverses` set; and the fund's closing balance
 * on every day from add->on onwards (entries may be back-dated) stays within
 * its bounds: money in never lifts it above MONEY_MAX; money out never takes it
 * below zero (RF_BALANCE_NEGATIVE) or, with add->override, below -MONEY_MAX.
 * NCT_ERR_INVALID with rf (field "kind", "on", "amount" or "reverses"), or
 * NCT_ERR_NOMEM. */
nct_err ledger_check(const struct ledger_entry *e, size_t n, const struct ledger_entry *add,
                     struct refusal *rf);

#endif

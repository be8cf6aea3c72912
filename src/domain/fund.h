/* fund.h - a club's two funds and its loans, in the store: the ledgers of the
 * income-generation (revolving loan) fund and the activity fund, loans to
 * members with their repayments and write-offs, and the figures a club
 * reports. The rules themselves are ledger.c and loan.c; this module loads
 * what they need, checks the rules that need the store (membership, the
 * one-off support of support.h, dates), and writes each change with its audit
 * row in one unit of work, so that a refused change writes nothing.
 *
 * Every writer asks first whether x may change the club (NCT_ERR_DENIED,
 * RF_DENIED), then checks its input, then writes; it returns NCT_ERR_INVALID
 * (bad input), NCT_ERR_NOTFOUND (no such entry or loan in this club),
 * NCT_ERR_TOOBIG (a club past the limits below), each with its refusal in rf
 * (refusal.h; the field is the input's name: "amount", "on", "person_id"...),
 * or a store error. Amounts and balances are bounded by MONEY_MAX (money.h). */
#ifndef NCT_FUND_H
#define NCT_FUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "audit.h"
#include "club.h"
#include "ledger.h"
#include "loan.h"

struct ctx;

#define FUND_NOTE_MAX       250    /* bytes of a note, a purpose or a reason */
#define FUND_MAX_ENTRIES    20000  /* ledger entries per club */
#define FUND_MAX_LOANS      5000   /* loans per club */
#define FUND_MAX_REPAYMENTS 100000 /* repayments over a club's loans */

/* Reads an amount of đồng, for the input field: grouped, as people write it
 * ("50.000.000", "50 000 000 đ", see money_parse); else the digits of a JSON
 * number, where '.' and 'e' can only mean a fraction. Leading and trailing
 * spaces are ignored; "0" is 0. NCT_ERR_INVALID with rf for an empty
 * (RF_AMOUNT_MISSING), negative, fractional, malformed or too large (more than
 * MONEY_MAX: RF_AMOUNT_TOO_LARGE) amount. */
nct_err fund_amount_parse(const char *s, bool grouped, const char *field, int64_t *out,
                          struct refusal *rf);

/* Reads a yearly interest rate in per cent with at most two decimals ("12",
 * "0,5", "1.25", "12 %") as basis points. NCT_ERR_INVALID with rf about
 * "rate" otherwise. */
nct_err fund_rate_parse(const char *s, int *bp, struct refusal *rf);

/* What the ledger rules do not carry: where an entry came from. */
struct fund_entry_info {
	int64_t loan_id;         /* the loan of a disbursement, repayment or interest; else 0 */
	int64_t reversed_by;     /* the correction that reverses this entry; else 0 */
	int64_t support_rule_id; /* the one-off support of this rule (support.h); else 0 */
	char support_name[192];  /* that rule's name */
	int64_t balance;         /* its fund's balance after it, in the ledger's order */
	char note[FUND_NOTE_MAX + 6];
	char created_at[26];
};

/* A club's ledger, both funds, by date then id: e[i] and info[i] are one entry. */
struct fund_ledger {
	struct ledger_entry *e;
	struct fund_entry_info *info;
	size_t n;
};

/* Loads the whole ledger of the club, with each entry's running balance. The
 * arrays are malloc'd: release them with fund_ledger_free (also after a
 * failure, which leaves them empty). NCT_ERR_TOOBIG when a running balance
 * would pass the range of int64_t (rows written around the domain's bounds):
 * a figure is never shown wrapped. */
nct_err fund_ledger_load(struct ctx *x, int64_t club_id, struct fund_ledger *out);
void fund_ledger_free(struct fund_ledger *l);

struct fund_balances {
	int64_t balance[2]; /* by enum fund, at the end of the day */
	bool exists[2];     /* the fund has at least one entry on or before the day */
};

/* The balance of each fund at the end of `on`, and whether each fund exists. */
nct_err fund_balances_on(struct ctx *x, int64_t club_id, struct date on, struct fund_balances *out);
/* Whether the club has both funds on `on` (each with an entry on or before it). */
nct_err fund_has_both(struct ctx *x, int64_t club_id, struct date on, bool *yes);

struct fund_loan {
	int64_t id;
	int64_t person_id;
	char person_name[128];
	struct loan_terms terms;
	char purpose[FUND_NOTE_MAX + 6];
	bool written_off;
	struct date written_off_on;
	char write_off_note[FUND_NOTE_MAX + 6];
	const struct repayment *rep; /* its repayments by date, inside struct fund_loans */
	size_t nrep;
	const int64_t *rep_id; /* their ids, parallel to rep */
};

struct fund_loans {
	struct fund_loan *v; /* by disbursement date, then id */
	size_t n;
	struct repayment *rep;
	int64_t *rep_id;
	size_t nrep;
};

/* Loads the club's loans (loan_id 0) or the one loan loan_id of the club,
 * with their repayments. NCT_ERR_NOTFOUND when loan_id is not the club's.
 * Release with fund_loans_free (also after a failure). */
nct_err fund_loans_load(struct ctx *x, int64_t club_id, int64_t loan_id, struct fund_loans *out);
void fund_loans_free(struct fund_loans *l);

/* A loan's schedule (loan_schedule of its terms); *n is 0 for terms that a
 * later rule would refuse. */
void fund_loan_schedule(const struct fund_loan *l, struct installment out[LOAN_MAX_INSTALLMENTS],
                        size_t *n);
/* A loan's state at the end of `on` (loan_state_on). */
void fund_loan_state(const struct fund_loan *l, struct date on, struct loan_state *out);

/* The club's portfolio at the end of `on`: loans, outstanding, PAR30, repayment rate. */
nct_err fund_portfolio_on(struct ctx *x, int64_t club_id, struct date on, struct portfolio *out);

/* Whether at least one loan of the club was disbursed in [from, to]. */
nct_err fund_lent_in(struct ctx *x, int64_t club_id, struct date from, struct date to, bool *yes);

/* What a club reports for a period [from, to].
 *
 * Loan rotation says how many times the revolving fund was lent out: the
 * principal disbursed in the period divided by what the fund had to lend, that
 * is its balance at the end of the day before `from` plus the contributions and
 * grants it received in the period (net of their corrections). It is 0 when
 * that base is zero or less. */
struct fund_report {
	struct date from, to;
	struct portfolio portfolio; /* at the end of `to` */
	int borrowers;              /* members with a loan in the period: disbursed on or before
	                             * `to` and not repaid or written off before `from` */
	int loans_disbursed;        /* disbursed in the period */
	int64_t disbursed;          /* their principal */
	int64_t opening;            /* revolving balance at the end of the day before `from` */
	int64_t inflows;            /* contributions and grants into it in the period */
	int rotation_permille;      /* disbursed * 1000 / (opening + inflows), rounded down */
	int rotation_centi;         /* the same as a ratio with two decimals: 125 is 1,25 */
};

/* NCT_ERR_INVALID when from is after to. */
nct_err fund_report(struct ctx *x, int64_t club_id, struct date from, struct date to,
                    struct fund_report *out);

/* An entry that users record by hand: a contribution, a grant or an expense. */
struct fund_entry_new {
	const char *fund; /* "revolving" or "activity" */
	const char *kind; /* "contribution", "grant" or "expense" */
	const char *on;   /* YYYY-MM-DD: from the founding, not in the future */
	int64_t amount;   /* > 0; the kind gives the direction */
	bool support;     /* the one-off support of the rule the club falls under on `on`
	                   * (support.h): a grant, within the rule's level, once per club */
	bool override;    /* may take the fund below zero: needs a note saying why */
	const char *note; /* at most FUND_NOTE_MAX bytes */
};

/* Checks and writes the entry with its audit row (action "override" when the
 * override took the fund below zero, else "create"). *id is the new entry.
 * Refused: a fund or kind not listed ("fund", "kind"), an amount not above 0 or
 * above MONEY_MAX ("amount"), a date outside the club's life ("on"), a
 * balance that would pass its bounds on any day from "on" ("amount", see
 * ledger_check), an override without a "note", a one-off support that is not
 * a grant, that no rule in force on "on" covers, that the club received
 * already ("support") or above (or, fixed, other than) the rule's level
 * ("amount"). */
nct_err fund_entry_add(struct ctx *x, const struct club *c, const struct fund_entry_new *in,
                       int64_t *id, struct refusal *rf);

/* Whether x may take a fund of c below zero (an override of an entry, a
 * correction or a loan): admins and the province, district and commune
 * officers who may change the club; not the club's own users (role club),
 * whose overdraft an officer signs off, nor roles that change nothing. A
 * change asking for an override that x may not use is refused up front
 * (RF_OVERRIDE_NOT_ALLOWED, "override"), and a balance that would go below
 * zero is refused to them with RF_BALANCE_NEGATIVE_ASK or
 * RF_NOT_ENOUGH_TO_LEND_ASK (ask an officer) rather than "tick the override". */
bool fund_may_override(const struct ctx *x, const struct club *c);

/* A correction: a new entry with the opposite amount of entry_id, dated on
 * (NULL or "": today), on or after it, with its reason in note (required:
 * RF_CORRECTION_NEEDS_REASON). Entries of a loan are corrected through the
 * loan, and a correction is not corrected again (record the right entry
 * instead). An override, by those fund_may_override allows, may take the fund
 * below zero. */
struct fund_reversal {
	int64_t entry_id;
	const char *on;
	bool override;
	const char *note;
};
nct_err fund_entry_reverse(struct ctx *x, const struct club *c, const struct fund_reversal *in,
                           int64_t *id, struct refusal *rf);

/* What a correction of entry_id dated today would do, for the step that asks
 * to confirm it: the entry, its fund's balance today and after the
 * correction, whether that needs an override and whether x may use one.
 * Refused like fund_entry_reverse (RF_DENIED first, then RF_NO_SUCH_ENTRY,
 * RF_ENTRY_OF_LOAN, RF_ENTRY_IS_CORRECTION, RF_ALREADY_REVERSED, ...); writes
 * nothing. The reason is required (RF_CORRECTION_NEEDS_REASON, "note") when
 * the correction is made, whether or not it needs an override. */
struct fund_reversal_preview {
	struct ledger_entry entry;
	struct fund_entry_info info;
	int64_t balance_now;   /* the entry's fund at the end of today */
	int64_t balance_after; /* the same after the correction */
	bool needs_override;   /* the correction takes the fund below zero */
	bool may_override;     /* fund_may_override(x, c) */
};
nct_err fund_reversal_preview(struct ctx *x, const struct club *c, int64_t entry_id,
                              struct fund_reversal_preview *out, struct refusal *rf);

struct fund_loan_new {
	int64_t person_id;        /* a member of the club on the disbursement date */
	int64_t principal;        /* > 0 */
	const char *disbursed_on; /* YYYY-MM-DD: from the founding, not in the future */
	int term_months;
	const char *frequency; /* "monthly", "quarterly", "end" */
	int rate_bp;           /* yearly, flat; 0 allowed */
	const char *purpose;   /* required */
	bool override;         /* lend more than the revolving fund holds: needs a note */
	const char *note;
};

/* Writes the loan and its disbursement from the revolving fund in one
 * transaction, with the audit row. *id is the new loan. The borrower is asked
 * first (access_club_person: "person_id"), then the terms (loan_terms_check),
 * then, in the unit, membership on the day and the fund's balance. */
nct_err fund_loan_disburse(struct ctx *x, const struct club *c, const struct fund_loan_new *in,
                           int64_t *id, struct refusal *rf);

struct fund_repayment_new {
	int64_t loan_id;
	const char *on;    /* YYYY-MM-DD: from the disbursement, not in the future, before any
	                    * write-off */
	int64_t principal; /* >= 0, at most what is outstanding */
	int64_t interest;  /* >= 0, at most the scheduled interest not yet paid */
};

/* Writes the repayment and its ledger entries (principal as "repayment",
 * interest as "interest", into the revolving fund) in one transaction, with
 * the audit row. *id is the new repayment. */
nct_err fund_loan_repay(struct ctx *x, const struct club *c, const struct fund_repayment_new *in,
                        int64_t *id, struct refusal *rf);

/* Writes off what is outstanding of a loan from the date on (not in the
 * future, on or after the disbursement and every repayment), with the reason
 * (required) in the loan and the audit row. The fund's balance does not move:
 * the money left it at the disbursement. */
nct_err fund_loan_write_off(struct ctx *x, const struct club *c, int64_t loan_id, const char *on,
                            const char *note, struct refusal *rf);

#endif

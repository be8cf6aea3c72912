#include "ledger.h"

#include <stdlib.h>
#include <string.h>

#include "../base/money.h"

/* Sums of many entries are kept wide and clamped, so no ledger can overflow. */
__extension__ typedef __int128 wide;

const char *const fund_codes[] = {"revolving", "activity", NULL};
const char *const entry_kinds_by_hand[] = {"contribution", "grant", "expense", NULL};
#define NFUNDS 2

/* Each kind: its name, its sign, and whether the activity fund may hold it
 * (the revolving fund holds every kind). */
static const struct {
	const char *name;
	int sign;
	bool in_activity;
} kinds[ENTRY_KINDS] = {
    [ENTRY_CONTRIBUTION] = {"contribution", +1, true},
    [ENTRY_GRANT] = {"grant", +1, true},
    [ENTRY_DISBURSEMENT] = {"disbursement", -1, false},
    [ENTRY_REPAYMENT] = {"repayment", +1, false},
    [ENTRY_INTEREST] = {"interest", +1, false},
    [ENTRY_EXPENSE] = {"expense", -1, true},
    [ENTRY_CORRECTION] = {"correction", 0, true},
};

const char *fund_name(enum fund f)
{
	return (unsigned)f < NFUNDS ? fund_codes[f] : "unknown";
}

const char *entry_kind_name(enum entry_kind k)
{
	return (unsigned)k < ENTRY_KINDS ? kinds[k].name : "unknown";
}

int fund_parse(const char *s)
{
	for (int i = 0; s && i < NFUNDS; i++)
		if (strcmp(s, fund_codes[i]) == 0)
			return i;
	return -1;
}

int entry_kind_parse(const char *s)
{
	for (int i = 0; s && i < ENTRY_KINDS; i++)
		if (strcmp(s, kinds[i].name) == 0)
			return i;
	return -1;
}

int entry_kind_sign(enum entry_kind k)
{
	return (unsigned)k < ENTRY_KINDS ? kinds[k].sign : 0;
}

static int64_t clamp(wide v)
{
	if (v > INT64_MAX)
		return INT64_MAX;
	if (v < INT64_MIN)
		return INT64_MIN;
	return (int64_t)v;
}

static wide balance_wide(const struct ledger_entry *e, size_t n, enum fund f, struct date on)
{
	wide sum = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].fund == f && date_cmp(e[i].on, on) <= 0)
			sum += e[i].amount;
	return sum;
}

int64_t ledger_balance(const struct ledger_entry *e, size_t n, enum fund f, struct date on)
{
	return clamp(balance_wide(e, n, f, on));
}

static nct_err check_fund_and_kind(const struct ledger_entry *add, struct refusal *rf)
{
	if ((unsigned)add->fund >= NFUNDS || (unsigned)add->kind >= ENTRY_KINDS)
		return refuse(rf, NCT_ERR_INVALID, RF_ENTRY_KIND, "kind", "");
	if (!date_valid(add->on.y, add->on.m, add->on.d))
		return refuse(rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "on", "");
	if (add->fund == FUND_ACTIVITY && !kinds[add->kind].in_activity)
		return refuse(rf, NCT_ERR_INVALID, RF_REVOLVING_ONLY, "kind", "");
	if (add->kind != ENTRY_CORRECTION && add->reverses != 0)
		return refuse(rf, NCT_ERR_INVALID, RF_REVERSES_ONLY_CORRECTION, "reverses", "");
	return NCT_OK;
}

static nct_err check_amount(const struct ledger_entry *add, struct refusal *rf)
{
	int sign = kinds[add->kind].sign;
	if (add->amount == 0)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_NOT_POSITIVE, "amount", "");
	if (add->amount > MONEY_MAX || add->amount < -MONEY_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_TOO_LARGE, "amount", "m", MONEY_MAX);
	if ((sign > 0 && add->amount < 0) || (sign < 0 && add->amount > 0))
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_SIGN, "amount", "");
	return NCT_OK;
}

static const struct ledger_entry *find_entry(const struct ledger_entry *e, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].id == id)
			return &e[i];
	return NULL;
}

static bool already_reversed(const struct ledger_entry *e, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].kind == ENTRY_CORRECTION && e[i].reverses == id)
			return true;
	return false;
}

static nct_err check_correction(const struct ledger_entry *e, size_t n,
                                const struct ledger_entry *add, struct refusal *rf)
{
	const struct ledger_entry *old = add->reverses ? find_entry(e, n, add->reverses) : NULL;
	char d[DATE_LEN];
	if (!old || old->fund != add->fund)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_ENTRY, "reverses", "i",
		              add->reverses);
	if (already_reversed(e, n, old->id))
		return refuse(rf, NCT_ERR_INVALID, RF_ALREADY_REVERSED, "reverses", "i", old->id);
	if ((wide)old->amount + add->amount != 0)
		return refuse(rf, NCT_ERR_INVALID, RF_CORRECTION_AMOUNT, "amount", "im", old->id,
		              clamp(-(wide)old->amount));
	if (date_cmp(add->on, old->on) < 0) {
		date_format(old->on, d);
		return refuse(rf, NCT_ERR_INVALID, RF_CORRECTION_BEFORE, "on", "di", d, old->id);
	}
	return NCT_OK;
}

/* A day on which the fund moves after add->on. */
struct move {
	struct date on;
	int64_t amount;
};

static int by_date(const void *a, const void *b)
{
	return date_cmp(((const struct move *)a)->on, ((const struct move *)b)->on);
}

/* Whether a closing balance b, with add booked, passes the bound add must
 * keep: money in may not lift it above MONEY_MAX; money out may not take it
 * below zero, or with an override below -MONEY_MAX. An entry moves every
 * later balance one way, so it can pass only the bound on its side. */
static bool passes(wide b, const struct ledger_entry *add)
{
	if (add->amount > 0)
		return b > MONEY_MAX;
	return b < (add->override ? -MONEY_MAX : 0);
}

/* Walks the fund's closing balances, add booked, from add->on through every
 * later day it moves (entries may be back-dated, and come in any order), and
 * finds the first that passes its bound: *day and *bal. */
static nct_err first_day_past(const struct ledger_entry *e, size_t n,
                              const struct ledger_entry *add, struct date *day, wide *bal,
                              bool *past)
{
	struct move *m = malloc((n ? n : 1) * sizeof *m);
	size_t k = 0;
	wide b = add->amount;
	if (!m)
		return NCT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (e[i].fund != add->fund)
			continue;
		if (date_cmp(e[i].on, add->on) <= 0)
			b += e[i].amount;
		else
			m[k++] = (struct move){e[i].on, e[i].amount};
	}
	qsort(m, k, sizeof *m, by_date);
	*day = add->on;
	*past = passes(b, add);
	for (size_t i = 0; !*past && i < k;) {
		*day = m[i].on;
		for (; i < k && date_cmp(m[i].on, *day) == 0; i++)
			b += m[i].amount;
		*past = passes(b, add);
	}
	*bal = b;
	free(m);
	return NCT_OK;
}

static nct_err check_balance(const struct ledger_entry *e, size_t n, const struct ledger_entry *add,
                             struct refusal *rf)
{
	struct date day;
	wide bal = 0;
	bool past = false;
	char d[DATE_LEN];
	nct_err err = first_day_past(e, n, add, &day, &bal, &past);
	if (err || !past)
		return err;
	date_format(day, d);
	if (add->amount > 0)
		return refuse(rf, NCT_ERR_INVALID, RF_BALANCE_ABOVE_MAX, "amount", "dmm", d,
		              clamp(bal), MONEY_MAX);
	if (add->override)
		return refuse(rf, NCT_ERR_INVALID, RF_BALANCE_BELOW_MIN, "amount", "dmm", d,
		              clamp(bal), -MONEY_MAX);
	return refuse(rf, NCT_ERR_INVALID, RF_BALANCE_NEGATIVE, "amount", "dm", d, clamp(bal));
}

nct_err ledger_check(const struct ledger_entry *e, size_t n, const struct ledger_entry *add,
                     struct refusal *rf)
{
	nct_err err = check_fund_and_kind(add, rf);
	if (!err)
		err = check_amount(add, rf);
	if (!err && add->kind == ENTRY_CORRECTION)
		err = check_correction(e, n, add, rf);
	if (!err)
		err = check_balance(e, n, add, rf);
	return err;
}

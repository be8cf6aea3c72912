#include "ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/money.h"

/* Sums of many entries are kept wide and clamped, so no ledger can overflow. */
__extension__ typedef __int128 wide;

static const char *const fund_names[] = {"revolving", "activity"};
static const char *const fund_labels[] = {"quỹ tạo thu nhập (quỹ quay vòng)", "quỹ hoạt động"};
#define NFUNDS (sizeof fund_names / sizeof fund_names[0])

/* Each kind: its name, its Vietnamese label, its sign, and whether the
 * activity fund may hold it (the revolving fund holds every kind). */
static const struct {
	const char *name, *label;
	int sign;
	bool in_activity;
} kinds[ENTRY_KINDS] = {
    [ENTRY_CONTRIBUTION] = {"contribution", "Khoản đóng góp", +1, true},
    [ENTRY_GRANT] = {"grant", "Khoản hỗ trợ", +1, true},
    [ENTRY_DISBURSEMENT] = {"disbursement", "Khoản giải ngân cho vay", -1, false},
    [ENTRY_REPAYMENT] = {"repayment", "Khoản thu nợ gốc", +1, false},
    [ENTRY_INTEREST] = {"interest", "Khoản thu lãi", +1, false},
    [ENTRY_EXPENSE] = {"expense", "Khoản chi", -1, true},
    [ENTRY_CORRECTION] = {"correction", "Bút toán điều chỉnh", 0, true},
};

static void say(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t msglen, const char *fmt, ...)
{
	if (!msg || msglen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

/* "1.234.567" (money.c has the shared one; this keeps the domain free of it). */
static void fmt_money(int64_t v, char out[32])
{
	char rev[32];
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0;
	do {
		if (n % 4 == 3)
			rev[n++] = '.';
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t k = 0;
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = rev[--n];
	out[k] = '\0';
}

const char *fund_name(enum fund f)
{
	return (unsigned)f < NFUNDS ? fund_names[f] : "unknown";
}

const char *entry_kind_name(enum entry_kind k)
{
	return (unsigned)k < ENTRY_KINDS ? kinds[k].name : "unknown";
}

int fund_parse(const char *s)
{
	for (size_t i = 0; s && i < NFUNDS; i++)
		if (strcmp(s, fund_names[i]) == 0)
			return (int)i;
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

static nct_err check_fund_and_kind(const struct ledger_entry *add, char *msg, size_t msglen)
{
	if ((unsigned)add->fund >= NFUNDS || (unsigned)add->kind >= ENTRY_KINDS) {
		say(msg, msglen, "Quỹ hoặc loại khoản không hợp lệ. Hãy chọn lại từ danh sách.");
		return NCT_ERR_INVALID;
	}
	if (!date_valid(add->on.y, add->on.m, add->on.d)) {
		say(msg, msglen, "Ngày ghi sổ không hợp lệ. Hãy nhập ngày theo dạng dd/mm/yyyy.");
		return NCT_ERR_INVALID;
	}
	if (add->fund == FUND_ACTIVITY && !kinds[add->kind].in_activity) {
		say(msg, msglen, "%s chỉ ghi vào %s, không ghi vào %s.", kinds[add->kind].label,
		    fund_labels[FUND_REVOLVING], fund_labels[FUND_ACTIVITY]);
		return NCT_ERR_INVALID;
	}
	if (add->kind != ENTRY_CORRECTION && add->reverses != 0) {
		say(msg, msglen, "Chỉ bút toán điều chỉnh mới được ghi khoản bị điều chỉnh.");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err check_amount(const struct ledger_entry *add, char *msg, size_t msglen)
{
	char a[32], b[32];
	if (add->amount == 0) {
		say(msg, msglen, "Số tiền phải khác 0 đ. Hãy nhập số tiền của khoản này.");
		return NCT_ERR_INVALID;
	}
	if (add->amount > MONEY_MAX || add->amount < -MONEY_MAX) {
		fmt_money(add->amount, a);
		fmt_money(MONEY_MAX, b);
		say(msg, msglen, "Số tiền (%s đ) vượt quá mức tối đa (%s đ).", a, b);
		return NCT_ERR_INVALID;
	}
	int sign = kinds[add->kind].sign;
	fmt_money(add->amount, a);
	if (sign > 0 && add->amount < 0) {
		say(msg, msglen, "%s là tiền vào quỹ: số tiền phải dương (đang nhập: %s đ).",
		    kinds[add->kind].label, a);
		return NCT_ERR_INVALID;
	}
	if (sign < 0 && add->amount > 0) {
		say(msg, msglen, "%s là tiền ra khỏi quỹ: số tiền phải âm (đang nhập: %s đ).",
		    kinds[add->kind].label, a);
		return NCT_ERR_INVALID;
	}
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
                                const struct ledger_entry *add, char *msg, size_t msglen)
{
	const struct ledger_entry *old = add->reverses ? find_entry(e, n, add->reverses) : NULL;
	char a[32], b[32], d[DATE_LEN];
	if (!old || old->fund != add->fund) {
		say(msg, msglen,
		    "Không tìm thấy khoản số %lld trong %s để điều chỉnh. "
		    "Hãy chọn khoản cần điều chỉnh trong sổ của quỹ này.",
		    (long long)add->reverses, fund_labels[add->fund]);
		return NCT_ERR_INVALID;
	}
	if (already_reversed(e, n, old->id)) {
		say(msg, msglen,
		    "Khoản số %lld đã được điều chỉnh rồi; mỗi khoản chỉ điều chỉnh "
		    "một lần. Nếu cần, hãy ghi một khoản mới.",
		    (long long)old->id);
		return NCT_ERR_INVALID;
	}
	if (old->amount != -add->amount) {
		fmt_money(-old->amount, a);
		fmt_money(add->amount, b);
		say(msg, msglen,
		    "Bút toán điều chỉnh khoản số %lld phải có số tiền %s đ "
		    "(đang nhập: %s đ).",
		    (long long)old->id, a, b);
		return NCT_ERR_INVALID;
	}
	if (date_cmp(add->on, old->on) < 0) {
		date_format_vn(old->on, d);
		say(msg, msglen,
		    "Bút toán điều chỉnh phải ghi từ ngày %s (ngày của khoản số %lld) "
		    "trở đi.",
		    d, (long long)old->id);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

/* The earliest day from add->on on which the fund would end below zero with
 * add booked: the balance only falls on days that something goes out, so
 * those days (and add->on itself) are the only ones to look at. */
static bool first_negative_day(const struct ledger_entry *e, size_t n,
                               const struct ledger_entry *add, struct date *day, wide *bal)
{
	bool found = false;
	wide b = balance_wide(e, n, add->fund, add->on) + add->amount;
	if (b < 0) {
		*day = add->on;
		*bal = b;
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ledger_entry *x = &e[i];
		if (x->fund != add->fund || x->amount >= 0 || date_cmp(x->on, add->on) <= 0)
			continue;
		if (found && date_cmp(x->on, *day) >= 0)
			continue;
		b = balance_wide(e, n, add->fund, x->on) + add->amount;
		if (b < 0) {
			*day = x->on;
			*bal = b;
			found = true;
		}
	}
	return found;
}

static nct_err check_balance(const struct ledger_entry *e, size_t n, const struct ledger_entry *add,
                             char *msg, size_t msglen)
{
	struct date day = add->on;
	wide bal = 0;
	if (add->override || add->amount > 0 || !first_negative_day(e, n, add, &day, &bal))
		return NCT_OK;
	char a[32], d[DATE_LEN];
	fmt_money(clamp(bal), a);
	date_format_vn(day, d);
	say(msg, msglen,
	    "Ghi khoản này thì số dư %s ngày %s sẽ âm (%s đ). Hãy kiểm tra lại số tiền và "
	    "ngày ghi; nếu thật sự cần chi vượt số dư, người có quyền phải cho phép ghi vượt.",
	    fund_labels[add->fund], d, a);
	return NCT_ERR_INVALID;
}

nct_err ledger_check(const struct ledger_entry *e, size_t n, const struct ledger_entry *add,
                     char *msg, size_t msglen)
{
	say(msg, msglen, "%s", "");
	nct_err rc = check_fund_and_kind(add, msg, msglen);
	if (rc == NCT_OK)
		rc = check_amount(add, msg, msglen);
	if (rc == NCT_OK && add->kind == ENTRY_CORRECTION)
		rc = check_correction(e, n, add, msg, msglen);
	if (rc == NCT_OK)
		rc = check_balance(e, n, add, msg, msglen);
	return rc;
}

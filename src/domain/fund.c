#include "fund.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/money.h"
#include "../base/text.h"

/* Sums over many loans are kept wide, as in ledger.c and loan.c. */
__extension__ typedef __int128 wide;

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

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	return false;
}

static const char *const fund_labels[][2] = {
    {"Quỹ tạo thu nhập (quỹ quay vòng)", "Income-generation (revolving) fund"},
    {"Quỹ hoạt động", "Activity fund"},
};

static const char *const kind_labels[ENTRY_KINDS][2] = {
    [ENTRY_CONTRIBUTION] = {"Đóng góp", "Contribution"},
    [ENTRY_GRANT] = {"Hỗ trợ", "Grant"},
    [ENTRY_DISBURSEMENT] = {"Giải ngân cho vay", "Loan disbursed"},
    [ENTRY_REPAYMENT] = {"Thu nợ gốc", "Principal repaid"},
    [ENTRY_INTEREST] = {"Thu lãi", "Interest"},
    [ENTRY_EXPENSE] = {"Chi", "Expense"},
    [ENTRY_CORRECTION] = {"Điều chỉnh", "Correction"},
};

static const char *const status_labels[][2] = {
    [LOAN_CURRENT] = {"trong hạn", "current"},
    [LOAN_IN_ARREARS] = {"quá hạn", "in arrears"},
    [LOAN_REPAID] = {"đã trả hết", "repaid"},
    [LOAN_WRITTEN_OFF] = {"đã xóa nợ", "written off"},
};

static const char *const freqs[][3] = {
    [LOAN_MONTHLY] = {"monthly", "hàng tháng", "monthly"},
    [LOAN_QUARTERLY] = {"quarterly", "hàng quý", "quarterly"},
    [LOAN_AT_END] = {"end", "một lần khi đến hạn", "once, at the end"},
};
#define NFREQS (sizeof freqs / sizeof freqs[0])

const char *fund_label(enum fund f, const char *lang)
{
	return (unsigned)f < 2 ? fund_labels[f][english(lang)] : "";
}

const char *fund_kind_label(enum entry_kind k, const char *lang)
{
	return (unsigned)k < ENTRY_KINDS ? kind_labels[k][english(lang)] : "";
}

const char *fund_loan_status_label(enum loan_status s, const char *lang)
{
	return (unsigned)s <= LOAN_WRITTEN_OFF ? status_labels[s][english(lang)] : "";
}

const char *fund_freq_name(enum loan_freq f)
{
	return (unsigned)f < NFREQS ? freqs[f][0] : "";
}

const char *fund_freq_label(enum loan_freq f, const char *lang)
{
	return (unsigned)f < NFREQS ? freqs[f][english(lang) ? 2 : 1] : "";
}

int fund_freq_parse(const char *s)
{
	for (size_t i = 0; s && i < NFREQS; i++)
		if (strcmp(s, freqs[i][0]) == 0)
			return (int)i;
	return -1;
}

/* Copies s without surrounding spaces into out; false when it does not fit. */
static bool trimmed(const char *s, char *out, size_t cap)
{
	size_t len = s ? strlen(s) : 0;
	if (len >= cap)
		return false;
	memcpy(out, s ? s : "", len + 1);
	text_trim(out);
	return true;
}

/* The digits of a JSON number: anything but digits is a fraction or an exponent. */
static nct_err plain_digits(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!s[0])
		return NCT_ERR_INVALID;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return NCT_ERR_INVALID;
		v = v * 10 + (*s - '0');
		if (v > MONEY_MAX)
			return NCT_ERR_TOOBIG;
	}
	*out = v;
	return NCT_OK;
}

/* Why text that money_parse (or plain_digits) refused is wrong: a decimal
 * comma, a last group after '.' that is not of three digits, or in a JSON
 * number any '.' or exponent, is a fraction; 16 digits or more is too large;
 * anything else is malformed (NCT_ERR_DB here, for the caller to word). */
static nct_err amount_fault(const char *s, bool grouped)
{
	size_t digits = 0, last = 0;
	bool other = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			last++;
		} else if (*p == '.') {
			last = 0;
		} else if (*p != ' ' && *p != ',' && *p != 'e' && *p != 'E') {
			other = true;
		}
	}
	bool fraction = strchr(s, ',') || (strchr(s, '.') && (!grouped || last != 3)) ||
			(!grouped && (strchr(s, 'e') || strchr(s, 'E')));
	if (digits > 0 && fraction)
		return NCT_ERR_INVALID;
	if (!other && digits >= 16)
		return NCT_ERR_TOOBIG;
	return NCT_ERR_DB;
}

nct_err fund_amount_parse(const char *s, bool grouped, int64_t *out, char *msg, size_t msglen)
{
	char t[64];
	say(msg, msglen, "%s", "");
	if (!trimmed(s, t, sizeof t)) {
		say(msg, msglen, "Số tiền quá dài. Hãy nhập số đồng, ví dụ 50.000.000.");
		return NCT_ERR_INVALID;
	}
	if (!t[0]) {
		say(msg, msglen, "Hãy nhập số tiền (đồng), ví dụ 50.000.000.");
		return NCT_ERR_INVALID;
	}
	if (t[0] == '-') {
		say(msg, msglen,
		    "Số tiền không được âm (đang nhập: %s). Hãy nhập số dương: loại khoản "
		    "cho biết tiền vào hay ra.",
		    t);
		return NCT_ERR_INVALID;
	}
	nct_err e = grouped ? money_parse(t, out) : plain_digits(t, out);
	if (e == NCT_OK)
		return NCT_OK;
	e = e == NCT_ERR_TOOBIG ? e : amount_fault(t, grouped);
	if (e == NCT_ERR_INVALID)
		say(msg, msglen,
		    "Số tiền phải là số đồng nguyên, không có phần lẻ (đang nhập: %s). Dấu chấm "
		    "chỉ dùng để tách hàng nghìn, ví dụ 50.000.000.",
		    t);
	else if (e == NCT_ERR_TOOBIG)
		say(msg, msglen, "Số tiền (%s) vượt quá mức tối đa 1.000.000.000.000.000 đ.", t);
	else
		say(msg, msglen, "Không đọc được số tiền “%s”. Hãy nhập chữ số, ví dụ 50.000.000.",
		    t);
	return NCT_ERR_INVALID;
}

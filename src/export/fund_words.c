/* fund_words.c - the words of the funds' codes (fund_words.h). */
#include "fund_words.h"

#include <string.h>

#define N(t) (sizeof t / sizeof t[0])

static const struct word funds[] = {
    {"revolving", "Quỹ tạo thu nhập (quỹ quay vòng)", "Income-generation (revolving) fund"},
    {"activity", "Quỹ hoạt động", "Activity fund"},
};

static const struct word entry_kinds[] = {
    {"contribution", "Đóng góp", "Contribution"},
    {"grant", "Hỗ trợ", "Grant"},
    {"disbursement", "Giải ngân cho vay", "Loan disbursed"},
    {"repayment", "Thu nợ gốc", "Principal repaid"},
    {"interest", "Thu lãi", "Interest"},
    {"expense", "Chi", "Expense"},
    {"correction", "Điều chỉnh", "Correction"},
};

static const struct word loan_statuses[] = {
    {"current", "trong hạn", "current"},
    {"in_arrears", "quá hạn", "in arrears"},
    {"repaid", "đã trả hết", "repaid"},
    {"written_off", "đã xóa nợ", "written off"},
};

static const struct word loan_freqs[] = {
    {"monthly", "hàng tháng", "monthly"},
    {"quarterly", "hàng quý", "quarterly"},
    {"end", "một lần khi đến hạn", "once, at the end"},
};

const char *word_find(const struct word *t, size_t n, const char *code, bool en)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return en ? t[i].en : t[i].vi;
	return code ? code : "";
}

const char *fund_word(const char *fund, bool en)
{
	return word_find(funds, N(funds), fund, en);
}

const char *entry_kind_word(const char *kind, bool en)
{
	return word_find(entry_kinds, N(entry_kinds), kind, en);
}

const char *loan_status_word(const char *status, bool en)
{
	return word_find(loan_statuses, N(loan_statuses), status, en);
}

const char *loan_freq_word(const char *freq, bool en)
{
	return word_find(loan_freqs, N(loan_freqs), freq, en);
}

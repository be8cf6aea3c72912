#include "labels.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct label {
	const char *code, *vi, *en;
};

static const struct label club_kinds_l[] = {
    {"ishc", "CLB Liên thế hệ tự giúp nhau", "Intergenerational Self-Help Club"},
    {"culture", "CLB văn hóa, văn nghệ", "Culture club"},
    {"sports", "CLB thể dục, thể thao", "Sports club"},
    {"health", "CLB sức khỏe", "Health club"},
    {"other", "CLB khác", "Other club"},
};

static const struct label statuses_l[] = {
    {"active", "đang hoạt động", "active"},
    {"suspended", "tạm ngừng", "suspended"},
    {"dissolved", "giải thể", "dissolved"},
};

static const struct label board_roles_l[] = {
    {"chair", "Chủ nhiệm", "Chair"},
    {"vice_chair", "Phó chủ nhiệm", "Vice-chair"},
    {"treasurer", "Thủ quỹ", "Treasurer"},
};

static const struct label org_kinds_l[] = {
    {"agency", "Cơ quan nhà nước", "Government agency"},
    {"association", "Hội", "Association"},
    {"committee", "Ban chỉ đạo, ban công tác", "Committee"},
    {"bank", "Ngân hàng", "Bank"},
    {"media", "Báo, đài", "Media"},
    {"mass", "Tổ chức chính trị - xã hội", "Mass organisation"},
    {"people_committee", "Ủy ban nhân dân", "People's Committee"},
};

static const struct label roles_l[] = {
    {"admin", "Quản trị viên", "Administrator"},
    {"province", "Cán bộ tỉnh", "Province officer"},
    {"department", "Sở, ngành", "Department"},
    {"district", "Cán bộ huyện", "District officer"},
    {"commune", "Cán bộ xã", "Commune officer"},
    {"club", "Ban chủ nhiệm câu lạc bộ", "Club board"},
    {"viewer", "Chỉ xem", "Viewer"},
};

static const struct label grades_l[] = {
    {"very_strong", "rất mạnh", "very strong"},
    {"strong", "mạnh", "strong"},
    {"average", "trung bình", "average"},
    {"weak", "yếu", "weak"},
};

#define N(a) (sizeof a / sizeof a[0])

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static const char *find(const struct label *t, size_t n, const char *code, const char *lang)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return english(lang) ? t[i].en : t[i].vi;
	return code ? code : "";
}

const char *label_club_kind(const char *kind, const char *lang)
{
	return find(club_kinds_l, N(club_kinds_l), kind, lang);
}

const char *label_club_status(const char *status, const char *lang)
{
	return find(statuses_l, N(statuses_l), status, lang);
}

const char *label_board_role(const char *role, const char *lang)
{
	return find(board_roles_l, N(board_roles_l), role, lang);
}

const char *label_org_kind(const char *kind, const char *lang)
{
	return find(org_kinds_l, N(org_kinds_l), kind, lang);
}

const char *label_role(enum role r, const char *lang)
{
	return find(roles_l, N(roles_l), role_name(r), lang);
}

const char *label_grade(const char *grade, const char *lang)
{
	return find(grades_l, N(grades_l), grade, lang);
}

const char *label_area(const struct activity_list *l, const char *code, const char *lang)
{
	const struct activity_area *a = activity_area_find(l, code);
	if (!a)
		return code ? code : "";
	return english(lang) ? a->name_en : a->name_vi;
}

const char *label_place_level(int level, const char *lang)
{
	static const char *const vi[] = {"", "Tỉnh/Thành phố", "Quận/Huyện", "Xã/Phường",
	                                 "Thôn/Tổ dân phố"};
	static const char *const en[] = {"", "Province", "District", "Commune", "Village"};
	if (level < 1 || level > 4)
		return "";
	return english(lang) ? en[level] : vi[level];
}

void label_hardship(unsigned bits, const char *lang, char *out, size_t cap)
{
	static const struct {
		unsigned bit;
		const char *vi, *en;
	} flags[] = {
	    {HARDSHIP_POOR, "hộ nghèo", "poor household"},
	    {HARDSHIP_NEAR_POOR, "hộ cận nghèo", "near-poor household"},
	    {HARDSHIP_DISABILITY, "khuyết tật", "disability"},
	    {HARDSHIP_LIVES_ALONE, "sống một mình", "lives alone"},
	    {HARDSHIP_ETHNIC_MINORITY, "dân tộc thiểu số", "ethnic minority"},
	};
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < N(flags); i++) {
		if (!(bits & flags[i].bit))
			continue;
		int n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "",
		                 english(lang) ? flags[i].en : flags[i].vi);
		if (n < 0 || (size_t)n >= cap - used)
			return;
		used += (size_t)n;
	}
}

static const struct {
	const char *vi_verb, *vi_noun;
	const char *en_verb, *en_one, *en_many;
} advice_words[ADVICE_KINDS] = {
    [ADVICE_ADD] = {"thêm", "thành viên", "add", "member", "members"},
    [ADVICE_REMOVE] = {"bớt", "thành viên", "remove", "member", "members"},
    [ADVICE_WOMEN] = {"thêm", "nữ", "add", "woman", "women"},
    [ADVICE_MEN] = {"thêm", "nam", "add", "man", "men"},
    [ADVICE_OLDER] = {"thêm", "người cao tuổi", "add", "older person", "older people"},
    [ADVICE_YOUNGER] = {"thêm", "người trẻ hơn", "add", "younger person", "younger people"},
};

/* Appends one item, whole or not at all, so a short buffer never ends inside
 * a multi-byte character; false when it did not fit. */
static bool advice_append(char *out, size_t cap, size_t *len, enum advice_kind k, int count,
                          bool en)
{
	char item[96];
	const char *sep = *len ? "; " : "";
	int w;
	if (en)
		w = snprintf(item, sizeof item, "%s%s %d %s", sep, advice_words[k].en_verb, count,
		             count == 1 ? advice_words[k].en_one : advice_words[k].en_many);
	else
		w = snprintf(item, sizeof item, "%s%s %d %s", sep, advice_words[k].vi_verb, count,
		             advice_words[k].vi_noun);
	if (w < 0 || (size_t)w >= sizeof item || *len + (size_t)w >= cap)
		return false;
	memcpy(out + *len, item, (size_t)w + 1);
	*len += (size_t)w;
	return true;
}

void label_advice(const struct composition *c, const char *lang, char *out, size_t cap)
{
	int counts[ADVICE_KINDS];
	size_t len = 0;
	if (cap == 0)
		return;
	out[0] = '\0';
	composition_advise(c, counts);
	for (int k = 0; k < ADVICE_KINDS; k++)
		if (counts[k] > 0 &&
		    !advice_append(out, cap, &len, (enum advice_kind)k, counts[k], english(lang)))
			return;
}

/* ---- funds and loans (ledger.h, loan.h) ---------------------------------- */

static const struct label funds_l[] = {
    {"revolving", "Quỹ tạo thu nhập (quỹ quay vòng)", "Income-generation (revolving) fund"},
    {"activity", "Quỹ hoạt động", "Activity fund"},
};

static const struct label entry_kinds_l[] = {
    {"contribution", "Đóng góp", "Contribution"},
    {"grant", "Hỗ trợ", "Grant"},
    {"disbursement", "Giải ngân cho vay", "Loan disbursed"},
    {"repayment", "Thu nợ gốc", "Principal repaid"},
    {"interest", "Thu lãi", "Interest"},
    {"expense", "Chi", "Expense"},
    {"correction", "Điều chỉnh", "Correction"},
};

static const struct label loan_statuses_l[] = {
    {"current", "trong hạn", "current"},
    {"in_arrears", "quá hạn", "in arrears"},
    {"repaid", "đã trả hết", "repaid"},
    {"written_off", "đã xóa nợ", "written off"},
};

static const struct label loan_freqs_l[] = {
    {"monthly", "hàng tháng", "monthly"},
    {"quarterly", "hàng quý", "quarterly"},
    {"end", "một lần khi đến hạn", "once, at the end"},
};

const char *label_fund(const char *fund, const char *lang)
{
	return find(funds_l, N(funds_l), fund, lang);
}

const char *label_entry_kind(const char *kind, const char *lang)
{
	return find(entry_kinds_l, N(entry_kinds_l), kind, lang);
}

const char *label_loan_status(const char *status, const char *lang)
{
	return find(loan_statuses_l, N(loan_statuses_l), status, lang);
}

const char *label_loan_freq(const char *freq, const char *lang)
{
	return find(loan_freqs_l, N(loan_freqs_l), freq, lang);
}

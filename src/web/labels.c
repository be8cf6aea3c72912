#include "labels.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../export/fund_words.h"

static const struct word club_kinds_l[] = {
    {"ishc", "CLB Liên thế hệ tự giúp nhau", "Intergenerational Self-Help Club"},
    {"culture", "CLB văn hóa, văn nghệ", "Culture club"},
    {"sports", "CLB thể dục, thể thao", "Sports club"},
    {"health", "CLB sức khỏe", "Health club"},
    {"other", "CLB khác", "Other club"},
};

static const struct word statuses_l[] = {
    {"active", "đang hoạt động", "active"},
    {"suspended", "tạm ngừng", "suspended"},
    {"dissolved", "giải thể", "dissolved"},
};

static const struct word board_roles_l[] = {
    {"chair", "Chủ nhiệm", "Chair"},
    {"vice_chair", "Phó chủ nhiệm", "Vice-chair"},
    {"treasurer", "Thủ quỹ", "Treasurer"},
};

static const struct word org_kinds_l[] = {
    {"agency", "Cơ quan nhà nước", "Government agency"},
    {"association", "Hội", "Association"},
    {"committee", "Ban chỉ đạo, ban công tác", "Committee"},
    {"bank", "Ngân hàng", "Bank"},
    {"media", "Báo, đài", "Media"},
    {"mass", "Tổ chức chính trị - xã hội", "Mass organisation"},
    {"people_committee", "Ủy ban nhân dân", "People's Committee"},
};

static const struct word roles_l[] = {
    {"admin", "Quản trị viên", "Administrator"},
    {"province", "Cán bộ tỉnh", "Province officer"},
    {"department", "Sở, ngành", "Department"},
    {"district", "Cán bộ huyện", "District officer"},
    {"commune", "Cán bộ xã", "Commune officer"},
    {"club", "Ban chủ nhiệm câu lạc bộ", "Club board"},
    {"viewer", "Chỉ xem", "Viewer"},
};

static const struct word grades_l[] = {
    {"very_strong", "rất mạnh", "very strong"},
    {"strong", "mạnh", "strong"},
    {"average", "trung bình", "average"},
    {"weak", "yếu", "weak"},
};

static const struct word fact_kinds_l[] = {
    {"residence", "Nơi ở", "Residence"},
    {"poverty", "Hộ nghèo, cận nghèo", "Household poverty"},
    {"disability", "Khuyết tật", "Disability"},
    {"supporter", "Có người có nghĩa vụ và quyền phụng dưỡng", "Has someone to support them"},
    {"pension", "Lương hưu, trợ cấp BHXH hằng tháng", "Pension or monthly insurance allowance"},
    {"community_care", "Được hộ gia đình trong cộng đồng nhận chăm sóc",
     "Cared for by a household in the community"},
};

static const struct word fact_values_l[] = {
    {"poor", "hộ nghèo", "poor household"},
    {"near_poor", "hộ cận nghèo", "near-poor household"},
    {"none", "không", "none"},
    {"mild", "khuyết tật nhẹ", "mild"},
    {"severe", "khuyết tật nặng", "severe"},
    {"extremely_severe", "khuyết tật đặc biệt nặng", "extremely severe"},
    {"yes", "có", "yes"},
    {"no", "không", "no"},
};

static const struct word designation_kinds_l[] = {
    {"especially_difficult",
     "Xã, thôn đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi",
     "Especially difficult commune or village (ethnic-minority and mountainous areas)"},
};

#define N(a) (sizeof a / sizeof a[0])

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static const char *find(const struct word *t, size_t n, const char *code, const char *lang)
{
	return word_find(t, n, code, english(lang));
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

/* The audit log's actions and entities (page_admin.c); a code not listed is
 * shown as it is. */
static const struct word audit_actions_l[] = {
    {"create", "tạo mới", "created"},
    {"update", "sửa", "changed"},
    {"reverse", "điều chỉnh", "reversed"},
    {"override", "ghi vượt số dư (quỹ âm)", "override (fund below zero)"},
    {"write_off", "xóa nợ", "written off"},
    {"disable", "khoá", "disabled"},
    {"export", "tải về", "downloaded"},
    {"import", "nhập từ tệp", "imported"},
    {"login", "đăng nhập", "logged in"},
    {"login_failed", "đăng nhập sai", "failed login"},
    {"logout", "đăng xuất", "logged out"},
    {"password", "đổi mật khẩu", "password changed"},
};

static const struct word audit_entities_l[] = {
    {"club", "câu lạc bộ", "club"},
    {"membership", "thành viên", "membership"},
    {"person", "người", "person"},
    {"club_board", "ban chủ nhiệm", "board seat"},
    {"ledger_entry", "khoản sổ quỹ", "ledger entry"},
    {"loan", "khoản vay", "loan"},
    {"loan_repayment", "lần trả nợ", "repayment"},
    {"user", "người dùng", "user"},
    {"api_token", "mã truy cập API", "API token"},
    {"place", "địa bàn", "place"},
    {"org", "cơ quan, tổ chức", "organisation"},
    {"org_link", "liên kết cơ quan", "organisation link"},
    {"composition_rule", "quy định cơ cấu", "composition rule"},
    {"activity", "hoạt động", "activity"},
    {"activity_list", "danh mục lĩnh vực hoạt động", "list of activity areas"},
    {"home_visit", "lần thăm tại nhà", "home visit"},
    {"assessment", "đánh giá hằng năm", "yearly assessment"},
};

const char *label_audit_action(const char *action, const char *lang)
{
	return find(audit_actions_l, N(audit_actions_l), action, lang);
}

const char *label_audit_entity(const char *entity, const char *lang)
{
	return find(audit_entities_l, N(audit_entities_l), entity, lang);
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

/* The kinds of member (enum cell), as a plan names them. */
static const struct {
	const char *vi, *en_one, *en_many;
} cell_words[CELLS] = {
    [CELL_WOMEN_OLDER] = {"nữ cao tuổi", "older woman", "older women"},
    [CELL_WOMEN_YOUNGER] = {"nữ trẻ tuổi", "younger woman", "younger women"},
    [CELL_MEN_OLDER] = {"nam cao tuổi", "older man", "older men"},
    [CELL_MEN_YOUNGER] = {"nam trẻ tuổi", "younger man", "younger men"},
};

static const char *cell_word(int k, int count, bool en)
{
	return !en ? cell_words[k].vi : count == 1 ? cell_words[k].en_one : cell_words[k].en_many;
}

/* Appends one item, whole or not at all, so a short buffer never ends inside
 * a multi-byte character; false when it did not fit. from < 0: an addition,
 * to < 0: a removal, both: a swap. */
static bool advice_append(char *out, size_t cap, size_t *len, int from, int to, int count, bool en)
{
	char item[160];
	const char *sep = *len ? "; " : "";
	int w;
	if (from < 0)
		w = snprintf(item, sizeof item, en ? "%sadd %d %s" : "%sthêm %d %s", sep, count,
		             cell_word(to, count, en));
	else if (to < 0)
		w = snprintf(item, sizeof item, en ? "%sremove %d %s" : "%sbớt %d thành viên %s",
		             sep, count, cell_word(from, count, en));
	else if (en)
		w = snprintf(item, sizeof item, "%sreplace %d %s with %d %s", sep, count,
		             cell_word(from, count, en), count, cell_word(to, count, en));
	else
		w = snprintf(item, sizeof item, "%sthay %d thành viên %s bằng %s", sep, count,
		             cell_word(from, count, en), cell_word(to, count, en));
	if (w < 0 || (size_t)w >= sizeof item || *len + (size_t)w >= cap)
		return false;
	memcpy(out + *len, item, (size_t)w + 1);
	*len += (size_t)w;
	return true;
}

/* Swaps first, then removals, then additions, each in the order of enum cell. */
void label_advice(const struct composition *c, const char *lang, char *out, size_t cap)
{
	const struct composition_plan *p = &c->plan;
	bool en = english(lang);
	size_t len = 0;
	if (cap == 0)
		return;
	out[0] = '\0';
	for (int f = 0; f < CELLS; f++)
		for (int t = 0; t < CELLS; t++)
			if (p->swap[f][t] > 0 &&
			    !advice_append(out, cap, &len, f, t, p->swap[f][t], en))
				return;
	for (int k = 0; k < CELLS; k++)
		if (p->remove[k] > 0 && !advice_append(out, cap, &len, k, -1, p->remove[k], en))
			return;
	for (int k = 0; k < CELLS; k++)
		if (p->add[k] > 0 && !advice_append(out, cap, &len, -1, k, p->add[k], en))
			return;
}

const char *label_cell(int cell)
{
	static const char *const codes[CELLS] = {
	    [CELL_WOMEN_OLDER] = "women_older",
	    [CELL_WOMEN_YOUNGER] = "women_younger",
	    [CELL_MEN_OLDER] = "men_older",
	    [CELL_MEN_YOUNGER] = "men_younger",
	};
	return cell >= 0 && cell < CELLS ? codes[cell] : "";
}

/* ---- funds and loans (ledger.h, loan.h) ---------------------------------- */

/* The funds' words are one table with the files' (export/fund_words.c). */
const char *label_fund(const char *fund, const char *lang)
{
	return fund_word(fund, english(lang));
}

const char *label_entry_kind(const char *kind, const char *lang)
{
	return entry_kind_word(kind, english(lang));
}

const char *label_loan_status(const char *status, const char *lang)
{
	return loan_status_word(status, english(lang));
}

const char *label_loan_freq(const char *freq, const char *lang)
{
	return loan_freq_word(freq, english(lang));
}

const char *label_fact_kind(const char *kind, const char *lang)
{
	return find(fact_kinds_l, N(fact_kinds_l), kind, lang);
}

const char *label_fact_value(const char *value, const char *lang)
{
	return find(fact_values_l, N(fact_values_l), value, lang);
}

const char *label_designation_kind(const char *kind, const char *lang)
{
	return find(designation_kinds_l, N(designation_kinds_l), kind, lang);
}

const char *label_sex(char sex, const char *lang)
{
	if (sex == 'F')
		return english(lang) ? "female" : "nữ";
	return sex == 'M' ? (english(lang) ? "male" : "nam") : "";
}

void label_person_choice(const struct person *p, char *out, size_t cap)
{
	if (p->place_name[0])
		snprintf(out, cap, "%s (%d, %s)", p->full_name, p->birth.year, p->place_name);
	else
		snprintf(out, cap, "%s (%d)", p->full_name, p->birth.year);
}

#include "wording.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/money.h"

static const struct {
	const char *vi, *en;
} words[RF_COUNT] = {
    [RF_DENIED] = {"Bạn không có quyền làm việc này.", "You may not do this."},
    [RF_ADMIN_ONLY] = {"Chỉ quản trị viên được làm việc này.", "Only administrators may do this."},
    [RF_ROLE_SEES_ONLY] = {"Vai trò của bạn chỉ được xem, không được thay đổi ở đây.",
                           "Your role may look here but change nothing."},
    [RF_PLACE_OUTSIDE] = {"Đơn vị mã {1} nằm ngoài địa bàn của bạn.",
                          "Unit {1} is outside your area."},
    [RF_PERSON_OUTSIDE] = {"Người này nằm ngoài địa bàn của bạn: hãy chọn người trong danh "
                           "sách của địa bàn mình.",
                           "This person is outside your area: choose someone from your "
                           "area's lists."},
    [RF_CLUB_OUTSIDE] = {"Câu lạc bộ này nằm ngoài địa bàn của bạn.",
                         "This club is outside your area."},
    [RF_CLUB_UNKNOWN] = {"Không có câu lạc bộ này.", "There is no such club."},
    [RF_PLACE_UNKNOWN] = {"Không có đơn vị này vào ngày đã chọn.",
                          "There is no such unit on that date."},
    [RF_DATE_FORMAT] = {"{field} phải là một ngày dạng YYYY-MM-DD.",
                        "{field} must be a date written YYYY-MM-DD."},
    [RF_DATE_IN_FUTURE] = {"{field} ({1}) không được ở tương lai.",
                           "{field} ({1}) may not be in the future."},
    [RF_BEFORE_FOUNDING] = {"{field} ({1}) trước ngày thành lập câu lạc bộ ({2}).",
                            "{field} ({1}) is before the club was founded ({2})."},
    [RF_NOT_AFTER] = {"{field} ({1}) phải sau ngày {2}.", "{field} ({1}) must come after {2}."},
    [RF_TEXT_LENGTH] = {"{field} phải có và dài không quá {1} byte.",
                        "{field} is required, as text of at most {1} bytes."},
    [RF_CODE_FORMAT] = {"{field} phải dài 1–{1} ký tự, chỉ gồm chữ không dấu, số, dấu chấm, "
                        "gạch dưới hoặc gạch ngang.",
                        "{field} must be 1–{1} characters: unaccented letters, digits, '.', "
                        "'_' or '-'."},
    [RF_TAKEN] = {"{field} {1} đã có.", "{field} {1} exists already."},
    [RF_NOT_ONE_OF] = {"{field} không hợp lệ: hãy chọn một trong {1}.",
                       "{field} is not valid: choose one of {1}."},
    [RF_NO_PLACE] = {"Không có đơn vị hành chính mã {1} vào ngày đó.",
                     "There is no administrative unit with code {1} on that date."},
    [RF_NO_COMMUNE_ON] = {"Không có xã/phường mã {1} vào ngày {2}.",
                          "There is no commune with code {1} on {2}."},
    [RF_NO_SUCH_PERSON] = {"Không có người số {1}.", "There is no person number {1}."},
    [RF_ORG_NOT_IN_FORCE] = {"{1} không hoạt động vào ngày {2}: hãy chọn ngày khác.",
                             "{1} is not in force on {2}: choose another day."},
    [RF_VILLAGE_NOT_OF] = {"Thôn mã {1} không thuộc xã/phường {2}.",
                           "Village {1} is not in the commune {2}."},
    [RF_ALREADY_MEMBER] = {"{1} đã là thành viên của câu lạc bộ này.",
                           "{1} is a member of this club already."},
    [RF_NO_OPEN_MEMBERSHIP] = {"Không có thành viên đang sinh hoạt này trong câu lạc bộ.",
                               "There is no such current member in this club."},
    [RF_NOT_MEMBER_ON] = {"Người này không phải thành viên câu lạc bộ vào ngày {1}.",
                          "This person is not a member of the club on {1}."},
    [RF_RULE_BOUNDS] = {"Quy định không hợp lệ: số thành viên tối thiểu 1 và không quá tối đa; "
                        "tỷ lệ từ 0 đến 100, tối thiểu không quá tối đa; tuổi người cao tuổi "
                        "từ 50 đến 100.",
                        "The rule is not valid: at least 1 member and the minimum not above "
                        "the maximum; shares from 0 to 100, each minimum not above its "
                        "maximum; the older age from 50 to 100."},
    [RF_RULE_EXISTS] = {"Đã có quy định hiệu lực từ ngày {1}.",
                        "A rule in force from {1} exists already."},
    [RF_BIRTH_FORMAT] = {"{field} phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.",
                         "{field} must be written YYYY, YYYY-MM or YYYY-MM-DD."},
    [RF_BIRTH_IN_FUTURE] = {"Ngày sinh không được ở tương lai.",
                            "A birth date may not be in the future."},
    [RF_HARDSHIP] = {"Diện khó khăn không hợp lệ.", "The hardship flags are not valid."},
    [RF_RESIDENCE] = {"Nơi ở phải là một xã/phường hoặc thôn đang có hiệu lực (mã {1}).",
                      "The place of residence must be a commune or village in force today "
                      "(code {1})."},
    [RF_USERNAME_FORMAT] = {"Tên đăng nhập phải dài 3–{1} ký tự, chỉ gồm chữ thường không "
                            "dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
                            "A username is 3–{1} characters: lowercase unaccented letters, "
                            "digits, '.', '_' or '-'."},
    [RF_PASSWORD_LENGTH] = {"Mật khẩu phải dài từ {1} đến {2} ký tự.",
                            "A password is {1} to {2} characters long."},
    [RF_ROLE_NEEDS_PLACE] = {"Vai trò {1} cần một địa bàn (mã đơn vị hành chính).",
                             "The role {1} needs a place (an administrative unit's code)."},
    [RF_ROLE_NEEDS_ORG] = {"Vai trò department cần một cơ quan (mã tổ chức).",
                           "The department role needs an organisation (its code)."},
    [RF_CLUB_BINDING] = {"Người dùng vai trò club gắn với đúng một câu lạc bộ (mã câu lạc bộ) "
                         "và lấy địa bàn của câu lạc bộ đó; các vai trò khác không gắn với "
                         "câu lạc bộ.",
                         "A club user is bound to exactly one club (its code) and takes that "
                         "club's place; other roles are bound to no club."},
    [RF_NO_ORG] = {"Không có cơ quan, tổ chức mã {1}.", "There is no organisation with code {1}."},
    [RF_NO_USER] = {"Không có người dùng {1}.", "There is no user {1}."},
    [RF_USER_DISABLED] = {"Người dùng {1} đã bị khoá.", "The user {1} is disabled."},
    [RF_TOKEN_DAYS] = {"Mã truy cập có hạn từ 1 đến {1} ngày.", "A token lasts 1 to {1} days."},
    [RF_LOGIN_FAILED] = {"Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."},
    [RF_THROTTLED] = {"Quá nhiều lần đăng nhập sai. Hãy đợi {1} rồi thử lại.",
                      "Too many failed logins. Wait {1} and try again."},
    [RF_WRONG_PASSWORD] = {"Mật khẩu hiện tại không đúng.", "The current password is wrong."},
};

static const struct {
	const char *name, *vi, *en;
} fields[] = {
    {"code", "Mã", "Code"},
    {"name", "Tên", "Name"},
    {"kind", "Loại", "Kind"},
    {"place", "Mã địa bàn", "Place code"},
    {"founded_on", "Ngày thành lập", "The founding date"},
    {"village", "Mã thôn", "Village code"},
    {"status", "Trạng thái", "Status"},
    {"since", "Ngày bắt đầu", "The start date"},
    {"note", "Ghi chú", "Note"},
    {"joined_on", "Ngày vào câu lạc bộ", "The joining date"},
    {"left_on", "Ngày rời câu lạc bộ", "The leaving date"},
    {"person_id", "Người", "Person"},
    {"membership", "Thành viên", "Membership"},
    {"full_name", "Họ tên", "Full name"},
    {"sex", "Giới tính", "Sex"},
    {"birth", "Năm sinh", "Birth"},
    {"hardship", "Diện khó khăn", "Hardship"},
    {"role", "Vai trò", "Role"},
    {"term_from", "Ngày bắt đầu nhiệm kỳ", "The start of the term"},
    {"term_to", "Ngày kết thúc nhiệm kỳ", "The end of the term"},
    {"valid_from", "Ngày hiệu lực", "In force from"},
    {"valid_to", "Ngày hết hiệu lực", "In force until"},
    {"source", "Căn cứ (văn bản quy định)", "Source (the document)"},
    {"username", "Tên đăng nhập", "Username"},
    {"display_name", "Họ tên", "Full name"},
    {"password", "Mật khẩu", "Password"},
    {"org", "Mã cơ quan", "Organisation code"},
    {"from_org", "Cơ quan giao nhiệm vụ", "The body handing over"},
    {"to_org", "Cơ quan tiếp nhận", "The body taking over"},
    {"club", "Mã câu lạc bộ", "Club code"},
    {"lang", "Ngôn ngữ", "Language"},
    {"days", "Số ngày", "Days"},
};

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

const char *wording_template(int code, const char *lang)
{
	if (code <= RF_NONE || code >= RF_COUNT)
		return NULL;
	return english(lang) ? words[code].en : words[code].vi;
}

const char *wording_field(const char *field, const char *lang)
{
	for (size_t i = 0; field && i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i].name) == 0)
			return english(lang) ? fields[i].en : fields[i].vi;
	return field ? field : "";
}

/* A value as people read it: a date dd/mm/yyyy, đồng grouped, a wait in
 * seconds or minutes; text as it is. */
static void value(char kind, const char *v, bool en, char *out, size_t cap)
{
	struct date d;
	char s[32];
	int64_t n = strtoll(v, NULL, 10);
	if (kind == 'd' && date_parse(v, &d) == NCT_OK) {
		date_format_vn(d, s);
		snprintf(out, cap, "%s", s);
	} else if (kind == 'm') {
		money_format(n, s);
		snprintf(out, cap, "%s đ", s);
	} else if (kind == 't' && n >= 120) {
		snprintf(out, cap, "%" PRId64 " %s", (n + 59) / 60, en ? "minutes" : "phút");
	} else if (kind == 't') {
		snprintf(out, cap, "%" PRId64 " %s", n, en ? "seconds" : "giây");
	} else {
		snprintf(out, cap, "%s", v);
	}
}

/* Appends s[0..n) whole, or nothing when it does not fit. */
static void put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
	if (*len + n >= cap)
		return;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/* The text a placeholder {name} at p (after its '{') stands for, into v. */
static size_t placeholder(const struct refusal *rf, const char *p, bool en, char *v, size_t cap)
{
	v[0] = '\0';
	if (strncmp(p, "field}", 6) == 0) {
		snprintf(v, cap, "%s", wording_field(rf->field, en ? "en" : "vi"));
		return 6;
	}
	int k = p[0] - '1';
	if (k >= 0 && k < rf->nargs && p[1] == '}') {
		value(rf->arg[k].kind, rf->arg[k].v, en, v, cap);
		return 2;
	}
	return 0;
}

void wording_refusal(const struct refusal *rf, const char *lang, char *out, size_t cap)
{
	const char *t = wording_template(rf->code, lang);
	bool en = english(lang);
	size_t len = 0;
	if (cap == 0)
		return;
	out[0] = '\0';
	for (const char *p = t; p && *p;) {
		char v[160];
		size_t used = *p == '{' ? placeholder(rf, p + 1, en, v, sizeof v) : 0;
		if (used) {
			put(out, cap, &len, v, strlen(v));
			p += used + 1;
			continue;
		}
		size_t n = strcspn(p + 1, "{") + 1;
		put(out, cap, &len, p, n);
		p += n;
	}
}

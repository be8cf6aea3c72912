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
    [RF_DATE_FORMAT] = {"{field} phải là một ngày dạng dd/mm/yyyy (hoặc YYYY-MM-DD).",
                        "{field} must be a date written dd/mm/yyyy (or YYYY-MM-DD)."},
    [RF_DATE_IN_FUTURE] = {"{field} ({1}) không được ở tương lai.",
                           "{field} ({1}) may not be in the future."},
    [RF_BEFORE_FOUNDING] = {"{field} ({1}) trước ngày thành lập câu lạc bộ ({2}).",
                            "{field} ({1}) is before the club was founded ({2})."},
    [RF_NOT_AFTER] = {"{field} ({1}) phải sau ngày {2}.", "{field} ({1}) must come after {2}."},
    [RF_TEXT_LENGTH] = {"{field} phải có và dài không quá {1} byte.",
                        "{field} is required, as text of at most {1} bytes."},
    [RF_CODE_FORMAT] = {"{field} phải dài 1–{1} ký tự, chỉ gồm chữ không dấu, số, dấu chấm, "
                        "gạch dưới hoặc gạch ngang, và không chỉ toàn dấu chấm.",
                        "{field} must be 1–{1} characters: unaccented letters, digits, '.', "
                        "'_' or '-', and not only dots."},
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
    [RF_BIRTH_FORMAT] = {"{field} phải có dạng dd/mm/yyyy, mm/yyyy hoặc yyyy (chỉ năm sinh).",
                         "{field} must be written dd/mm/yyyy, mm/yyyy or yyyy (the year alone)."},
    [RF_BIRTH_TOO_EARLY] = {"Năm sinh {1} trước năm 1900: hãy kiểm tra lại năm sinh.",
                            "Born in {1}, before 1900: check the year of birth."},
    [RF_BIRTH_IN_FUTURE] = {"Ngày sinh không được ở tương lai.",
                            "A birth date may not be in the future."},
    [RF_HARDSHIP] = {"Diện khó khăn không hợp lệ.", "The hardship flags are not valid."},
    [RF_RESIDENCE] = {"Nơi ở phải là một xã/phường hoặc thôn đang có hiệu lực (mã {1}).",
                      "The place of residence must be a commune or village in force today "
                      "(code {1})."},
    [RF_RESIDENCE_ON] = {"Nơi ở phải là một xã/phường hoặc thôn có hiệu lực vào ngày {2} (mã "
                         "{1}).",
                         "The place of residence must be a commune or village in force on {2} "
                         "(code {1})."},
    [RF_DAY_FORMAT] = {"{field} phải là một ngày dạng dd/mm/yyyy.",
                       "{field} must be a date written dd/mm/yyyy."},
    [RF_CID_LENGTH] = {"Số định danh phải có đúng 12 chữ số (đang có {1} ký tự).",
                       "A citizen ID has exactly 12 digits (this one has {1} characters)."},
    [RF_CID_DIGITS] = {"Số định danh chỉ gồm chữ số 0–9: hãy bỏ chữ cái, dấu cách.",
                       "A citizen ID holds only the digits 0–9: remove letters and spaces."},
    [RF_CID_PREFIX] = {"Ba số đầu của số định danh ({1}) không là mã tỉnh nơi đăng ký khai sinh "
                       "nào: hãy xem lại.",
                       "The first three digits of the citizen ID ({1}) are no province's code "
                       "of birth registration: check them."},
    [RF_CID_SEX] = {"Chữ số thứ 4 của số định danh ({1}) không khớp với giới tính (số chẵn là "
                    "nam, số lẻ là nữ): hãy xem lại giới tính hoặc số định danh.",
                    "The 4th digit of the citizen ID ({1}) does not agree with the sex (even "
                    "is male, odd is female): check the sex or the ID."},
    [RF_CID_CENTURY] = {"Chữ số thứ 4 của số định danh ({1}) chỉ thế kỷ sinh khác với năm sinh "
                        "{2} (0, 1: 1900–1999; 2, 3: 2000–2099): hãy xem lại năm sinh hoặc số "
                        "định danh.",
                        "The 4th digit of the citizen ID ({1}) names another century than the "
                        "year of birth {2} (0, 1: 1900–1999; 2, 3: 2000–2099): check the year "
                        "or the ID."},
    [RF_CID_BIRTH_YEAR] = {"Chữ số thứ 5–6 của số định danh ({1}) không khớp với năm sinh {2}: "
                           "hãy xem lại năm sinh hoặc số định danh.",
                           "Digits 5–6 of the citizen ID ({1}) do not agree with the year of "
                           "birth {2}: check the year or the ID."},
    [RF_ETHNICITY_UNKNOWN] = {"Không có dân tộc \"{1}\" trong danh mục 54 dân tộc: hãy chọn "
                              "trong danh sách.",
                              "\"{1}\" is none of the 54 ethnic groups: choose one from the "
                              "list."},
    [RF_DIED_BEFORE_BIRTH] = {"Ngày mất ({1}) trước ngày sinh.",
                              "The date of death ({1}) is before the birth."},
    [RF_SENSITIVE] = {"Vai trò của bạn không được xem hay sửa dữ liệu nhạy cảm (dân tộc, khuyết "
                      "tật, sức khỏe).",
                      "Your role may not see or change sensitive data (ethnicity, disability, "
                      "health)."},
    [RF_POSSIBLE_DUPLICATES] = {"Có thể đã có người này ({1} hồ sơ giống): hãy xem các hồ sơ "
                                "dưới đây; nếu là người khác, bấm \"Vẫn thêm người mới\".",
                                "This person may be recorded already ({1} similar records): "
                                "look at them below; if it is someone else, press \"Add as a "
                                "new person\"."},
    [RF_FACT_AMOUNT] = {"Số tiền lương hưu là số đồng hằng tháng (số nguyên, không âm), chỉ ghi "
                        "khi có lương hưu.",
                        "The pension amount is whole đồng a month (not negative), given only "
                        "with a pension."},
    [RF_FACT_BEFORE_BIRTH] = {"{field} ({1}) trước ngày sinh.",
                              "{field} ({1}) is before the birth."},
    [RF_NO_SUCH_FACT] = {"Không có thông tin số {1} của người này.",
                         "This person has no fact number {1}."},
    [RF_FACT_RETRACTED] = {"Thông tin số {1} đã được rút lại rồi.",
                           "Fact number {1} was retracted already."},
    [RF_LAST_RESIDENCE] = {"Mỗi người phải có một nơi ở: hãy ghi nơi ở đúng trước khi rút lại "
                           "nơi ở này.",
                           "A person keeps one place of residence: record the right one before "
                           "retracting this one."},
    [RF_MERGED] = {"Hồ sơ này đã được gộp vào hồ sơ số {1}: hãy sửa hồ sơ đó.",
                   "This record was merged into record {1}: change that one."},
    [RF_MERGE_SELF] = {"Không thể gộp một hồ sơ vào chính nó.",
                       "A record cannot be merged into itself."},
    [RF_MERGE_BOTH_MEMBERS] = {"Cả hai hồ sơ đang là thành viên của {1}: hãy cho một hồ sơ rời "
                               "câu lạc bộ trước khi gộp.",
                               "Both records are current members of {1}: end one membership "
                               "before merging."},
    [RF_MERGE_BOTH_PAID] = {"Cả hai hồ sơ đều đang hưởng trợ cấp (hoặc đã nhận tiền cùng một "
                            "tháng): hãy ra quyết định thôi hưởng cho một hồ sơ trước khi gộp.",
                            "Both records receive an allowance (or signed for the same month): "
                            "record a stop decision for one before merging."},
    [RF_PLACE_AMBIGUOUS] = {"Có nhiều địa bàn tên này: {1}. Hãy nhập mã.",
                            "Several places have this name: {1}. Type the code."},
    [RF_AGE_RANGE] = {"Tuổi là số nguyên từ 0 đến 150, \"từ\" không lớn hơn \"đến\".",
                      "Ages are whole numbers from 0 to 150, \"from\" not above \"to\"."},
    [RF_USE_RESIDENCE_FACT] = {"Nơi ở không sửa trực tiếp: hãy ghi thông tin nơi ở mới kèm ngày "
                               "chuyển đến.",
                               "The residence is not corrected here: record a new residence "
                               "with the date of the move."},
    [RF_DESIGNATION_PLACE] = {"Chỉ xã/phường hoặc thôn mới có thể được công nhận (mã {1}).",
                              "Only a commune or a village can be designated (code {1})."},
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
    /* funds and loans */
    [RF_AMOUNT_MISSING] = {"{field} còn trống: hãy nhập số đồng, ví dụ 50.000.000.",
                           "{field} is missing: enter whole đồng, for example 50.000.000."},
    [RF_AMOUNT_NEGATIVE] = {"{field} không được âm: hãy nhập số dương.",
                            "{field} may not be negative: enter a positive number."},
    [RF_AMOUNT_FRACTION] = {"{field} phải là số đồng nguyên, không có phần lẻ (đang nhập: {1}). "
                            "Dấu chấm chỉ dùng để tách hàng nghìn, ví dụ 50.000.000.",
                            "{field} must be whole đồng, without a fraction (typed: {1}). A dot "
                            "only separates thousands, as in 50.000.000."},
    [RF_AMOUNT_FORMAT] = {"{field} “{1}” không đọc được: hãy nhập chữ số, ví dụ 50.000.000.",
                          "{field} “{1}” cannot be read: type digits, for example 50.000.000."},
    [RF_AMOUNT_TOO_LARGE] = {"{field} vượt quá giới hạn {1}: hãy kiểm tra lại số chữ số.",
                             "{field} is above the limit of {1}: check the number of digits."},
    [RF_AMOUNT_NOT_POSITIVE] = {"{field} phải lớn hơn 0 đ: hãy nhập một số dương.",
                                "{field} must be more than 0 đ: enter a positive number."},
    [RF_AMOUNT_SIGN] = {"{field} có dấu không hợp với loại khoản: tiền vào quỹ phải dương, tiền "
                        "ra phải âm.",
                        "{field} has the wrong sign for its kind: money in is positive, money "
                        "out negative."},
    [RF_RATE_MISSING] = {"Hãy nhập lãi suất (%/năm); nếu cho vay không lấy lãi, hãy nhập 0.",
                         "Enter the interest rate (% a year); for a loan without interest, "
                         "enter 0."},
    [RF_RATE_FORMAT] = {"Lãi suất phải là số phần trăm một năm, nhiều nhất hai chữ số thập "
                        "phân, ví dụ 12 hoặc 0,5 (đang nhập: {1}).",
                        "The interest rate is a yearly percentage with at most two decimals, "
                        "such as 12 or 0.5 (typed: {1})."},
    [RF_RATE_RANGE] = {"Lãi suất phải từ 0 đến 100 %/năm; nếu cho vay không lấy lãi, hãy nhập 0.",
                       "The interest rate must be 0 to 100 % a year; for a loan without "
                       "interest, enter 0."},
    [RF_FUND_CHOICE] = {"Hãy chọn quỹ: quỹ tạo thu nhập hoặc quỹ hoạt động.",
                        "Choose the fund: the income-generation (revolving) fund or the "
                        "activity fund."},
    [RF_ENTRY_KIND] = {"Loại khoản phải là đóng góp, hỗ trợ hoặc chi. Giải ngân, thu nợ và thu "
                       "lãi được ghi ở mục Cho vay; muốn sửa một khoản, hãy dùng nút Điều chỉnh "
                       "ở dòng của khoản đó.",
                       "The kind must be a contribution, a grant or an expense. Loans record "
                       "disbursements, repayments and interest; to correct an entry, use the "
                       "Reverse button on its row."},
    [RF_REVOLVING_ONLY] = {"Giải ngân, thu nợ gốc và thu lãi chỉ ghi vào quỹ tạo thu nhập (quỹ "
                           "quay vòng), không ghi vào quỹ hoạt động.",
                           "Disbursements, repayments and interest belong to the revolving fund "
                           "only, not to the activity fund."},
    [RF_REVERSES_ONLY_CORRECTION] = {"Chỉ bút toán điều chỉnh mới ghi khoản bị điều chỉnh.",
                                     "Only a correction names an entry it reverses."},
    [RF_SUPPORT_KIND] = {"Khoản hỗ trợ một lần cho câu lạc bộ phải ghi với loại khoản “Hỗ trợ”.",
                         "Record the one-off support for the club as a grant."},
    [RF_SUPPORT_ONCE] = {"Câu lạc bộ đã nhận khoản “{1}” ngày {2} (khoản số {3}); mỗi câu lạc bộ "
                         "chỉ nhận một lần. Nếu khoản đó ghi sai, hãy điều chỉnh nó trước.",
                         "The club received “{1}” on {2} (entry {3}); a club receives it once. "
                         "If that entry is wrong, reverse it first."},
    [RF_SUPPORT_NO_RULE] = {"Không có quy định hỗ trợ một lần nào cho loại câu lạc bộ này thành "
                            "lập ngày {1}: hãy ghi khoản này là hỗ trợ thông thường.",
                            "No one-off support rule covers this kind of club founded on {1}: "
                            "record it as an ordinary grant."},
    [RF_SUPPORT_NOT_YET] = {"Quy định “{1}” áp dụng từ ngày {2}; không ghi khoản hỗ trợ này vào "
                            "ngày {3}, trước khi có quy định.",
                            "The rule “{1}” is in force from {2}; this support is not recorded "
                            "on {3}, before the rule."},
    [RF_SUPPORT_ENDED] = {"Quy định “{1}” áp dụng đến ngày {2}; ngày {3} không còn quy định hỗ "
                          "trợ nào cho câu lạc bộ này (mức hỗ trợ sau đó do kế hoạch năm sau "
                          "quy định).",
                          "The rule “{1}” was in force until {2}; on {3} no support rule covers "
                          "this club (a later year's plan sets the level after it)."},
    [RF_SUPPORT_ABOVE_LEVEL] = {"Mức hỗ trợ dự kiến của “{1}” là {2}; khoản ghi ({3}) không được "
                                "cao hơn.",
                                "The planned level of “{1}” is {2}; the entry ({3}) may not be "
                                "higher."},
    [RF_SUPPORT_AMOUNT] = {"Mức hỗ trợ của “{1}” là {2}, không phải {3}.",
                           "The level of “{1}” is {2}, not {3}."},
    [RF_OVERRIDE_NEEDS_NOTE] = {"Ghi vượt số dư phải có lý do: hãy ghi rõ trong phần ghi chú vì "
                                "sao quỹ được xuống dưới 0 đ.",
                                "An override needs a reason: say in the note why the fund may "
                                "go below 0 đ."},
    [RF_OVERRIDE_NOT_ALLOWED] = {"Tài khoản của anh/chị không được ghi vượt số dư (quỹ âm): chỉ "
                                 "cán bộ xã, huyện, tỉnh hoặc quản trị viên được cho phép. Hãy bỏ "
                                 "chọn ghi vượt số dư, hoặc nhờ cán bộ xã ghi khoản này.",
                                 "Your account may not take a fund below zero: only commune, "
                                 "district or province officers and administrators may. Untick "
                                 "the override, or ask a commune officer to record this."},
    [RF_BALANCE_NEGATIVE_ASK] = {"Ghi khoản này thì số dư quỹ ngày {1} sẽ âm ({2}). Hãy kiểm tra "
                                 "lại số tiền và ngày ghi; nếu quỹ thật sự phải xuống dưới 0 đ, "
                                 "hãy nhờ cán bộ xã ghi khoản này kèm lý do.",
                                 "With this entry the fund's balance on {1} would be negative "
                                 "({2}). Check the amount and the date; if the fund really must go "
                                 "below zero, ask a commune officer to record it with the reason."},
    [RF_NOT_ENOUGH_TO_LEND_ASK] = {"Quỹ tạo thu nhập ngày {1} chỉ còn {2}, không đủ cho vay {3}. "
                                   "Hãy giảm số tiền vay; nếu thật sự cần cho vay vượt số dư, hãy "
                                   "nhờ cán bộ xã giải ngân kèm lý do.",
                                   "The revolving fund holds only {2} on {1}, not enough to lend "
                                   "{3}. Lend less; if the loan must exceed the balance, ask a "
                                   "commune officer to disburse it with the reason."},
    [RF_CORRECTION_NEEDS_REASON] = {"Hãy ghi lý do điều chỉnh (ví dụ: ghi trùng, nhầm số tiền); "
                                    "lý do được lưu trong nhật ký.",
                                    "Say why the entry is reversed (for example: recorded twice, "
                                    "wrong amount); the reason is kept in the audit log."},
    [RF_BALANCE_NEGATIVE] = {"Ghi khoản này thì số dư quỹ ngày {1} sẽ âm ({2}). Hãy kiểm tra lại "
                             "số tiền và ngày ghi; nếu thật sự cần chi vượt số dư, hãy chọn ghi "
                             "vượt số dư và ghi rõ lý do ở phần ghi chú.",
                             "With this entry the fund's balance on {1} would be negative ({2}). "
                             "Check the amount and the date; if the fund really must go below "
                             "zero, tick the override and say why in the note."},
    [RF_BALANCE_ABOVE_MAX] = {"Ghi khoản này thì số dư quỹ ngày {1} sẽ là {2}, vượt mức tối đa "
                              "{3}. Hãy kiểm tra lại số tiền.",
                              "With this entry the fund's balance on {1} would be {2}, above the "
                              "maximum of {3}. Check the amount."},
    [RF_BALANCE_BELOW_MIN] = {"Ghi khoản này thì số dư quỹ ngày {1} sẽ là {2}, dưới mức thấp "
                              "nhất {3}, kể cả khi ghi vượt số dư. Hãy kiểm tra lại số tiền.",
                              "With this entry the fund's balance on {1} would be {2}, below the "
                              "minimum of {3}, even with an override. Check the amount."},
    [RF_NO_SUCH_ENTRY] = {"Không có khoản số {1} trong sổ quỹ này: hãy chọn khoản cần điều "
                          "chỉnh trong sổ quỹ của câu lạc bộ.",
                          "There is no entry {1} in this ledger: choose the entry to reverse "
                          "from the club's ledger."},
    [RF_ENTRY_OF_LOAN] = {"Khoản số {1} thuộc khoản vay số {2} nên không điều chỉnh riêng trong "
                          "sổ quỹ; hãy xem lại khoản vay đó.",
                          "Entry {1} belongs to loan {2} and is not reversed on its own in the "
                          "ledger; see the loan."},
    [RF_ENTRY_IS_CORRECTION] = {"Khoản số {1} là một bút toán điều chỉnh; không điều chỉnh lại "
                                "nó. Nếu cần, hãy ghi lại khoản đúng.",
                                "Entry {1} is a correction and is not reversed again; if "
                                "needed, record the right entry."},
    [RF_ALREADY_REVERSED] = {"Khoản số {1} đã được điều chỉnh rồi; mỗi khoản chỉ điều chỉnh một "
                             "lần. Nếu cần, hãy ghi một khoản mới.",
                             "Entry {1} was reversed already; an entry is reversed once. If "
                             "needed, record a new entry."},
    [RF_CORRECTION_AMOUNT] = {"Bút toán điều chỉnh khoản số {1} phải có số tiền {2}.",
                              "A correction of entry {1} must be of {2}."},
    [RF_CORRECTION_BEFORE] = {"Bút toán điều chỉnh phải ghi từ ngày {1} (ngày của khoản số {2}) "
                              "trở đi.",
                              "A correction is dated on or after {1}, the date of entry {2}."},
    [RF_LEDGER_FULL] = {"Sổ quỹ của câu lạc bộ đã đủ {1} khoản, mức tối đa; không ghi thêm "
                        "được. Hãy báo quản trị viên.",
                        "The club's ledger holds {1} entries, its maximum; nothing more can be "
                        "recorded. Tell an administrator."},
    [RF_LOANS_FULL] = {"Câu lạc bộ đã có {1} khoản vay, mức tối đa; không ghi thêm được. Hãy "
                       "báo quản trị viên.",
                       "The club has {1} loans, the maximum; no more can be recorded. Tell an "
                       "administrator."},
    [RF_REPAYMENTS_FULL] = {"Các khoản vay của câu lạc bộ đã có {1} lần trả nợ, mức tối đa; "
                            "không ghi thêm được. Hãy báo quản trị viên.",
                            "The club's loans have {1} repayments, the maximum; no more can be "
                            "recorded. Tell an administrator."},
    [RF_BORROWER_MISSING] = {"Hãy chọn thành viên vay.", "Choose the member who borrows."},
    [RF_LOAN_FREQUENCY] = {"Hãy chọn kỳ trả nợ: hàng tháng, hàng quý hoặc một lần khi đến hạn.",
                           "Choose how the loan is repaid: monthly, quarterly or once at the "
                           "end."},
    [RF_LOAN_TERM] = {"{field} phải từ 1 đến {1} tháng.", "{field} must be 1 to {1} months."},
    [RF_QUARTERLY_TERM] = {"Trả theo quý cần thời hạn vay chia hết cho 3: hãy chọn thời hạn 3, "
                           "6, 9, 12… tháng hoặc trả hàng tháng.",
                           "Quarterly repayments need a term divisible by 3: choose 3, 6, 9, "
                           "12… months, or monthly repayments."},
    [RF_MATURITY_YEAR] = {"Ngày đáo hạn vượt quá năm 9999: hãy kiểm tra lại ngày giải ngân.",
                          "The loan would end after the year 9999: check the disbursement "
                          "date."},
    [RF_NOT_ENOUGH_TO_LEND] = {"Quỹ tạo thu nhập ngày {1} chỉ còn {2}, không đủ cho vay {3}. Nếu "
                               "thật sự cần cho vay vượt số dư, hãy chọn cho vay vượt số dư quỹ "
                               "và ghi rõ lý do ở phần ghi chú.",
                               "The revolving fund holds only {2} on {1}, not enough to lend "
                               "{3}. If the loan must exceed the balance, tick the override and "
                               "say why in the note."},
    [RF_NO_SUCH_LOAN] = {"Không có khoản vay số {1} trong câu lạc bộ này.",
                         "There is no loan {1} in this club."},
    [RF_LOAN_WRITTEN_OFF] = {"Khoản vay này đã được xóa nợ từ ngày {1}; từ ngày đó không ghi trả "
                             "nợ hay xóa nợ nữa.",
                             "This loan was written off on {1}: from that day nothing more is "
                             "repaid or written off."},
    [RF_BEFORE_DISBURSEMENT] = {"{field} phải từ ngày giải ngân ({1}) trở đi.",
                                "{field} must be on or after the disbursement ({1})."},
    [RF_ABOVE_OUTSTANDING] = {"Số tiền trả gốc ({1}) lớn hơn dư nợ còn lại ({2}).",
                              "The principal repaid ({1}) is more than what is outstanding "
                              "({2})."},
    [RF_ABOVE_INTEREST_DUE] = {"Số tiền trả lãi ({1}) lớn hơn số lãi còn phải trả theo lịch "
                               "({2}).",
                               "The interest paid ({1}) is more than the scheduled interest "
                               "still owed ({2})."},
    [RF_REPAYMENT_EMPTY] = {"Hãy nhập số tiền trả gốc hoặc trả lãi (lớn hơn 0 đ).",
                            "Enter the principal or the interest repaid (more than 0 đ)."},
    [RF_REPAID_AFTER] = {"Khoản vay có lần trả ngày {1}, sau ngày xóa nợ: hãy chọn ngày xóa nợ "
                         "từ ngày đó trở đi.",
                         "The loan has a repayment on {1}, after the write-off date: write it "
                         "off on or after that day."},
    [RF_NOTHING_OUTSTANDING] = {"Khoản vay đã trả hết gốc; không còn gì để xóa nợ.",
                                "The loan is repaid: nothing is left to write off."},
    [RF_TEXT_CONTROL] = {"{field} có ký tự không được phép (ký tự điều khiển, ký tự đổi chiều "
                         "viết hoặc không phải UTF-8): hãy gõ lại.",
                         "{field} holds characters that are not allowed (control characters, "
                         "direction overrides, or not UTF-8): type it again as plain text."},
    [RF_TEXT_INVISIBLE] = {"{field} chỉ gồm khoảng trắng hoặc ký tự vô hình: hãy nhập nội dung "
                           "thật.",
                           "{field} holds only spaces or invisible characters: type real text."},
    [RF_TOO_LONG] = {"{field} dài quá {1} byte: hãy viết ngắn lại.",
                     "{field} is longer than {1} bytes: make it shorter."},
    [RF_DATE_TOO_EARLY] = {"{field} ({1}) trước ngày {2}: hãy kiểm tra lại năm.",
                           "{field} ({1}) is before {2}: check the year."},
    [RF_NUMBER_RANGE] = {"{field} phải là số nguyên từ {1} đến {2}.",
                         "{field} must be a whole number from {1} to {2}."},
    [RF_AREA_CODE_FORMAT] = {"Nội dung thứ {1}: mã phải dài 1–{2} ký tự, chỉ gồm chữ không dấu, "
                             "số, dấu chấm, gạch dưới hoặc gạch ngang.",
                             "Area {1}: the code must be 1–{2} characters: unaccented letters, "
                             "digits, '.', '_' or '-'."},
    [RF_AREA_TWICE] = {"Mã nội dung {1} có hai lần trong danh sách: hãy bỏ một lần.",
                       "The area code {1} is in the list twice: remove one."},
    [RF_AREA_NAME] = {"Nội dung {1}: tên phải có và dài không quá {2} byte.",
                      "Area {1}: the name is required, at most {2} bytes."},
    [RF_AREA_COUNT] = {"Danh sách phải có từ 1 đến {1} nội dung hoạt động.",
                       "A list has 1 to {1} activity areas."},
    [RF_ENDS_BEFORE_START] = {"{field} ({1}) trước ngày bắt đầu áp dụng ({2}).",
                              "{field} ({1}) is before the list comes into force ({2})."},
    [RF_LIST_SAME_START] = {"Danh sách {1} cũng bắt đầu áp dụng từ ngày {2}: mỗi ngày chỉ có thể "
                            "bắt đầu một danh sách.",
                            "The list {1} comes into force on {2} too: only one list can start "
                            "on a day."},
    [RF_LIST_ORPHANS] = {"Đã có hoạt động ngày {1} thuộc nội dung “{2}”, không có trong danh "
                         "sách áp dụng vào ngày đó: hãy giữ mã nội dung này hoặc chọn ngày bắt "
                         "đầu khác.",
                         "An activity of {1} is in the area “{2}”, which is not in the list in "
                         "force that day: keep that area's code or choose another start date."},
    [RF_NO_AREA_LIST] = {"Chưa có danh sách nội dung hoạt động nào áp dụng vào ngày {1}.",
                         "No list of activity areas is in force on {1}."},
    [RF_AREA_NOT_IN_LIST] = {"Nội dung “{1}” không có trong danh sách “{2}” áp dụng vào ngày {3}.",
                             "The area “{1}” is not in the list “{2}” in force on {3}."},
    [RF_VISIT_NOT_MEMBER] = {"{1} không phải thành viên của câu lạc bộ vào ngày {2}.",
                             "{1} is not a member of the club on {2}."},
    [RF_NOT_VOLUNTEER] = {"{1} không phải tình nguyện viên chăm sóc tại nhà của câu lạc bộ.",
                          "{1} is not one of the club's home-care volunteers."},
    [RF_VISIT_SAME_PERSON] = {"Tình nguyện viên và người được thăm phải là hai người khác nhau.",
                              "The volunteer and the person visited must be two people."},
    [RF_VISITED_NOT_OLDER] = {"{1} chưa đủ {2} tuổi vào ngày {3}: chỉ ghi lần thăm người cao "
                              "tuổi.",
                              "{1} is not {2} yet on {3}: log visits to older people only."},
    [RF_ASSESS_ONLY_OFFICERS] = {"Chỉ cán bộ xã, huyện, tỉnh hoặc quản trị viên mới được đánh "
                                 "giá câu lạc bộ.",
                                 "Only commune, district or province officers or admins may "
                                 "assess a club."},
    [RF_YEAR_FORMAT] = {"Năm đánh giá phải là một năm, ví dụ {1}.",
                        "The year must be a year, for example {1}."},
    [RF_YEAR_NOT_BEGUN] = {"Năm {1} chưa bắt đầu: chưa thể đánh giá.",
                           "The year {1} has not begun: it cannot be assessed yet."},
    [RF_YEAR_BEFORE_FOUNDING] = {"Câu lạc bộ thành lập năm {1}: không có đánh giá năm {2}.",
                                 "The club was founded in {1}: there is no assessment of {2}."},
    [RF_ASSESSED_ON] = {"{field} phải có dạng dd/mm/yyyy, từ ngày 01/01/{1} và không ở tương "
                        "lai.",
                        "{field} must be written dd/mm/yyyy, from 1 January {1}, not in the "
                        "future."},
    [RF_ASSESSMENT_EXISTS] = {"Câu lạc bộ đã có đánh giá năm {1}: hãy sửa đánh giá đó, không ghi "
                              "lần thứ hai.",
                              "The club has an assessment of {1} already: change that one "
                              "instead of recording a second."},
    [RF_NO_ASSESSMENT] = {"Chưa có đánh giá năm {1} để sửa.",
                          "There is no assessment of {1} to change."},
    [RF_IMPORT_CHANGED] = {"Trong lúc nhập, người khác vừa ghi {1} hoặc thêm người này vào câu "
                           "lạc bộ: không ghi gì; hãy nhập lại cả tệp.",
                           "While the file was being imported, someone else recorded {1} or "
                           "added them to the club: nothing was written; import the whole file "
                           "again."},
    [RF_IMPORT_MAP_CHANGED] = {"Trong lúc nhập, bản đồ hành chính đã thay đổi: không ghi gì; hãy "
                               "nhập lại cả tệp.",
                               "The administrative map changed while the file was being "
                               "imported: nothing was written; import the whole file again."},
    [RF_IMPORT_UNREADABLE] = {"Tệp không đọc được: {1}", "The file cannot be read: {1}"},
    [RF_IMPORT_FILE_SIZE] = {"Tệp lớn quá {1} MiB: hãy chia thành nhiều tệp.",
                             "The file is over {1} MiB: split it into several files."},
    [RF_IMPORT_NO_HEADER] = {"Không thấy dòng tiêu đề có cột «{field}» trong {1} dòng đầu.",
                             "No header row with a «{field}» column in the first {1} lines."},
    [RF_IMPORT_SEMICOLONS] = {"Không thấy dòng tiêu đề có cột «{field}» trong {1} dòng đầu. Tệp "
                              "CSV dùng dấu chấm phẩy: hãy lưu lại với dấu phẩy (CSV UTF-8) "
                              "hoặc dùng tệp .xlsx.",
                              "No header row with a «{field}» column in the first {1} lines. "
                              "The CSV file uses semicolons: save it again with commas (CSV "
                              "UTF-8) or use an .xlsx file."},
    [RF_IMPORT_COLUMN_TWICE] = {"Cột «{field}» có hai lần (cột {1} và {2}).",
                                "The column «{field}» appears twice (columns {1} and {2})."},
    [RF_IMPORT_COLUMN_MISSING] = {"Thiếu cột «{field}» ({1}).",
                                  "The column «{field}» ({1}) is missing."},
    [RF_IMPORT_TOO_MANY] = {"Tệp có {1} dòng thành viên, quá giới hạn {2}: hãy chia thành nhiều "
                            "tệp.",
                            "The file has {1} member rows, over the limit of {2}: split it "
                            "into several files."},
    [RF_IMPORT_NO_ROWS] = {"Không có dòng thành viên nào dưới dòng tiêu đề.",
                           "There are no member rows below the header row."},
    [RF_IMPORT_YES_NO] = {"Cột «{field}»: ghi x (có) hoặc để trống (không), không phải «{1}».",
                          "Column «{field}»: write x (yes) or leave it empty (no), not «{1}»."},
    [RF_IMPORT_CELL_LENGTH] = {"Cột «{field}»: ô dài quá {1} byte.",
                               "Column «{field}»: a cell is longer than {1} bytes."},
    [RF_IMPORT_FORMER_MEMBER] = {"Không nhập được người đã rời câu lạc bộ (cột «{field}»): hãy bỏ "
                                 "dòng này hoặc xoá ngày rời.",
                                 "A former member cannot be imported (column «{field}»): leave "
                                 "the row out or clear the leaving date."},
    [RF_IMPORT_NO_PERSON_ROWS] = {"Không có dòng người nào dưới dòng tiêu đề.",
                                  "There are no person rows below the header row."},
    [RF_IMPORT_CID_TWICE] = {"Số định danh này đã có ở dòng {1} của tệp: mỗi người một số.",
                             "This citizen ID is on line {1} of the file already: one number per "
                             "person."},
    [RF_IMPORT_FILE_CHANGED] = {"Tệp đã thay đổi giữa lúc kiểm tra và lúc ghi: không ghi gì; hãy "
                                "nhập lại.",
                                "The file changed between the check and the write: nothing was "
                                "written; import it again."},
    [RF_IMPORT_RECORDED_MEANWHILE] = {"Trong lúc nhập, người khác vừa ghi {1}: không ghi gì; hãy "
                                      "nhập lại cả tệp.",
                                      "While the file was being imported, someone else recorded "
                                      "{1}: nothing was written; import the whole file again."},
    [RF_IMPORT_PERSONS_TOO_MANY] = {"Tệp có quá {1} dòng: hãy chia thành nhiều tệp.",
                                    "The file has more than {1} rows: split it into several "
                                    "files."},
    [RF_IMPORT_NOT_UTF8] = {"Dòng này (byte {1} của tệp) không phải chữ UTF-8: tệp được lưu "
                            "bằng bảng mã khác (như Windows-1258 hay TCVN3). Không ghi gì; hãy "
                            "lưu lại tệp dưới dạng CSV UTF-8 (hoặc .xlsx).",
                            "This line (byte {1} of the file) is not UTF-8 text: the file was "
                            "saved in another encoding (such as Windows-1258 or TCVN3). Nothing "
                            "was written; save the file again as CSV UTF-8 (or .xlsx)."},
    [RF_IMPORT_NUL_BYTE] = {"Dòng này (byte {1} của tệp) có byte NUL: đây không phải tệp văn "
                            "bản CSV. Không ghi gì; hãy lưu lại tệp dưới dạng CSV UTF-8 (hoặc "
                            ".xlsx).",
                            "This line (byte {1} of the file) holds a NUL byte: this is not a "
                            "CSV text file. Nothing was written; save the file again as CSV "
                            "UTF-8 (or .xlsx)."},
    [RF_IMPORT_NOT_CSV] = {"Dòng này không đúng dạng CSV (dấu ngoặc kép không đóng, quá 64 cột "
                           "hoặc một dòng quá dài). Không ghi gì; hãy lưu lại tệp dưới dạng CSV "
                           "UTF-8 (hoặc .xlsx).",
                           "This line is not well-formed CSV (a quote not closed, over 64 "
                           "columns, or a line too long). Nothing was written; save the file "
                           "again as CSV UTF-8 (or .xlsx)."},
    [RF_IMPORT_OLD_EXCEL] = {"Tệp là bảng tính Excel 97–2003 (.xls), không đọc được. Không ghi "
                             "gì; hãy lưu lại tệp dưới dạng .xlsx hoặc CSV UTF-8.",
                             "The file is an Excel 97–2003 workbook (.xls), which cannot be "
                             "read. Nothing was written; save the file again as .xlsx or CSV "
                             "UTF-8."},
    /* plans, obligations, reports */
    [RF_PLAN_FORMAT] = {"Tệp kế hoạch không đúng định dạng (docs/plans.md): tại {1} cần {2}.",
                        "The plan file does not follow its format (docs/plans.md): at {1}, "
                        "{2} was wanted."},
    [RF_PLAN_UNIT] = {"Tệp kế hoạch nêu mã {1} (tại {2}) mà không có cơ quan hay đơn vị hành "
                      "chính nào mang mã đó: hãy khai báo nó trong \"organisations\".",
                      "The plan file names {1} (at {2}), which is neither an organisation nor "
                      "a place: define it in \"organisations\"."},
    [RF_PLAN_UNKNOWN] = {"Không có kế hoạch {1}.", "There is no plan {1}."},
    [RF_SECTION_UNKNOWN] = {"Kế hoạch không có mục {1}.", "The plan has no section {1}."},
    [RF_ITEM_UNKNOWN] = {"Kế hoạch không có nhiệm vụ số {1}.", "The plan has no item number {1}."},
    [RF_MERGE_TOO_MANY] = {"Gộp lại, hồ sơ sẽ có hơn {1} thẻ BHYT, lần khám hoặc bệnh mạn tính"
                           " (nhiều nhất {1} mỗi loại): không gộp được, hãy báo quản trị viên.",
                           "Merged, the record would hold more than {1} health cards, "
                           "check-ups or conditions (at most {1} of each): it cannot be merged; "
                           "tell the administrator."},
    [RF_TOO_MANY] = {"{field}: nhiều nhất {1}.", "{field}: at most {1}."},
    [RF_NO_REPORTERS] = {"Hãy nêu ít nhất một đơn vị báo cáo.", "Name at least one reporter."},
    [RF_REPORTER_UNKNOWN] = {"Không có cơ quan hay đơn vị hành chính mã {1}.",
                             "There is no organisation or place with code {1}."},
    [RF_DUE_FORMAT] = {"{field} phải có dạng MM-DD (hằng kỳ) hoặc YYYY-MM-DD (một lần).",
                       "{field} must be MM-DD (each period) or YYYY-MM-DD (once)."},
    [RF_WINDOW_FORMAT] = {"{field} phải là decree09, calendar hoặc MM-DD/MM-DD.",
                          "{field} must be decree09, calendar or MM-DD/MM-DD."},
    [RF_PERIOD_FORMAT] = {"Kỳ báo cáo {1} không hợp lệ: hãy viết YYYY (cả năm) hoặc YYYYS1 (6 "
                          "tháng đầu năm).",
                          "The period {1} is not valid: write YYYY (the year) or YYYYS1 (its "
                          "first half)."},
    [RF_PERIOD_NOT_OWED] = {"Nghĩa vụ báo cáo này không có kỳ {1}.",
                            "This reporting obligation has no period {1}."},
    [RF_NOT_DATED] = {"Nghĩa vụ báo cáo này không có kỳ hạn (báo cáo khi có yêu cầu).",
                      "This reporting obligation has no periods (it reports when asked)."},
    [RF_PERIOD_NOT_STARTED] = {"Kỳ {1} chưa bắt đầu: số liệu của kỳ tính từ ngày {2}.",
                               "The period {1} has not begun: its figures start on {2}."},
    [RF_RECEIVED_BEFORE_PERIOD] = {"Báo cáo kỳ {1} không thể nhận trước ngày số liệu của kỳ bắt"
                                   " đầu ({2}): hãy kiểm tra ngày nhận.",
                                   "A report for the period {1} cannot be received before its "
                                   "figures start ({2}): check the day received."},
    [RF_NOT_A_REPORTER] = {"{1} không phải đơn vị báo cáo của kỳ {2} theo nghĩa vụ này.",
                           "{1} does not report for the period {2} under this obligation."},
    [RF_NO_RECEIVER] = {"Kỳ {1} không có cơ quan nào đang hoạt động nhận báo cáo.",
                        "No body in force receives the reports of the period {1}."},
    [RF_RECEIVER_ONLY] = {"Chỉ cơ quan nhận báo cáo được ghi nhận báo cáo giấy và thời điểm "
                          "nhận.",
                          "Only the receiving office records a paper report and when it "
                          "arrived."},
    [RF_TIME_FORMAT] = {"{field} phải có dạng YYYY-MM-DDTHH:MM (giờ Việt Nam) hoặc kèm múi giờ "
                        "như 2024-06-04T23:30:00+07:00.",
                        "{field} must be YYYY-MM-DDTHH:MM (Vietnam time) or carry its offset, "
                        "as in 2024-06-04T23:30:00+07:00."},
    [RF_SUBMISSION_LOCKED] = {"Báo cáo đang ở trạng thái {1}: không thể làm việc này.",
                              "The report is {1}: this cannot be done now."},
    [RF_ITEM_NOT_LED] = {"Nhiệm vụ {1} không do {2} chủ trì: chỉ báo cáo tiến độ nhiệm vụ đơn vị "
                         "mình chủ trì.",
                         "Item {1} is not led by {2}: report the progress of the items you lead "
                         "only."},
    [RF_INDICATOR_NOT_OWNED] = {"Chỉ tiêu {1} không thuộc báo cáo của {2}.",
                                "The indicator {1} is not part of {2}'s report."},
    [RF_NOT_A_NUMBER] = {"Giá trị của chỉ tiêu {1} (\"{2}\") không phải là số nguyên không âm: "
                         "hãy nhập số như 120, không dấu chấm hay chữ.",
                         "The value of {1} (\"{2}\") is not a whole number of zero or more: "
                         "enter a number such as 120, without dots or letters."},
    [RF_VALUE_RULE] = {"Số liệu không hợp lệ: {1} phải {2} {3}. Hãy sửa số liệu trước khi gửi.",
                       "The figures do not agree: {1} must be {2} {3}. Correct them before "
                       "submitting."},
    [RF_ITEM_RETIRED] = {"Mục này đã thôi thực hiện từ ngày {1}: không sửa được nữa; hãy thêm "
                         "một nhiệm vụ mới nếu cần.",
                         "This was retired on {1} and can no longer be changed; add a new item "
                         "if one is needed."},
    [RF_TARGET_TAKEN] = {"Chỉ tiêu {1} của kế hoạch đã đo chỉ số này cho cùng địa bàn đến ngày "
                         "{2}: hãy chọn một ngày khác, hoặc sửa chỉ tiêu {1}.",
                         "Target {1} of the plan already measures this indicator for the same "
                         "place by {2}: choose another date, or change target {1}."},
    [RF_FIGURE_RANGE] = {"{field} phải là số nguyên từ {1} đến {2} (có thể viết dấu chấm "
                         "ngăn cách hàng nghìn như 2.500).",
                         "{field} must be a whole number from {1} to {2} (dots may group the "
                         "thousands, as in 2.500)."},
    [RF_PLAN_FILE_SIZE] = {"Tệp kế hoạch lớn quá {1} MiB, nhiều hơn mọi kế hoạch cần: hãy kiểm "
                           "tra xem đã chọn đúng tệp chưa.",
                           "The plan file is over {1} MiB, more than any plan needs: check that "
                           "this is the right file."},
    [RF_TARGET_PLACE_GONE] = {"Ngày {2} địa bàn {1} của các chỉ tiêu kế hoạch không còn (đã "
                              "sắp xếp lại đơn vị hành chính), nên các chỉ tiêu ở đó sẽ không "
                              "hiện nữa: hãy giữ ngày cũ, hoặc sửa địa bàn của các chỉ tiêu đó "
                              "trước.",
                              "On {2} the place {1} of the plan's targets no longer exists (the "
                              "administrative units were reorganised), so its targets would no "
                              "longer show: keep the old date, or change those targets' place "
                              "first."},
    [RF_TARGET_TWICE] = {"Tệp kế hoạch có hai chỉ tiêu {1} và {2} (tại {3}) đo cùng một chỉ số "
                         "cho cùng địa bàn đến cùng một ngày, nên chỉ tiêu sau sẽ ghi đè số liệu "
                         "của chỉ tiêu trước: hãy sửa ngày, địa bàn hoặc chỉ số của một trong "
                         "hai rồi nhập lại tệp.",
                         "The plan file has two targets, {1} and {2} (at {3}), measuring the "
                         "same indicator for the same place by the same date, so the second "
                         "would overwrite the first's figures: change the date, place or "
                         "indicator of one of them and import the file again."},
    /* entitlements */
    [RF_RULE_COEFFICIENT] = {"{field} “{1}” không đọc được: hãy nhập một hệ số như 1,5 hoặc 2,0.",
                             "{field} “{1}” cannot be read: type a coefficient such as 1.5 or "
                             "2.0."},
    [RF_MONTH_FORMAT] = {"{field} phải là một tháng dạng mm/yyyy (hoặc YYYY-MM).",
                         "{field} must be a month, mm/yyyy (or YYYY-MM)."},
    [RF_MONTH_BEFORE_SIGNED] = {"Tháng bắt đầu chi trả ({1}) trước tháng ký quyết định ({2}): "
                                "trợ cấp được chi trả từ tháng ký quyết định.",
                                "Payment cannot start ({1}) before the month the decision was "
                                "signed ({2}): it is paid from the month of signature."},
    [RF_MONTH_OUT_OF_RANGE] = {"{field} ({1}) phải từ tháng 01/1945 đến tháng {2} (trong 12 tháng "
                               "sau tháng ký quyết định): hãy kiểm tra lại năm.",
                               "{field} ({1}) must be from 01/1945 to {2} (within 12 months of the "
                               "month the decision was signed): check the year."},
    [RF_NO_SIGNER] = {"Không có quy định về người ký quyết định vào ngày {1}: quản trị viên cần "
                      "thêm quy định đó trước.",
                      "No rule says who signs a decision on {1}: an administrator must add it "
                      "first."},
    [RF_NO_SIGNER_PLACE] = {"Không tìm được Ủy ban nhân dân cấp {1} nơi người này cư trú vào "
                            "ngày {2}: hãy ghi nơi cư trú đúng ngày đó.",
                            "No {1} committee was found where the person lived on {2}: record "
                            "their residence on that day."},
    [RF_NO_SUCH_RULE] = {"Không có chế độ trợ cấp mã {1}: hãy chọn một mã trong danh sách quy "
                         "định.",
                         "There is no allowance with code {1}: choose one from the rules."},
    [RF_NOT_ELIGIBLE] = {"Người này không đủ điều kiện hưởng {1} vào ngày {2}: hãy kiểm tra các "
                         "thông tin (hộ nghèo, lương hưu, người phụng dưỡng…) đã ghi.",
                         "The person does not qualify for {1} on {2}: check the facts recorded "
                         "(poverty, pension, supporter…)."},
    [RF_ALREADY_RECEIVING] = {"Người này đang hưởng {1} theo quyết định {2}: hãy ra quyết định "
                              "điều chỉnh thay vì quyết định mới.",
                              "The person already receives {1} by decision {2}: make an "
                              "adjustment instead."},
    [RF_NOT_RECEIVING] = {"Người này không hưởng trợ cấp nào vào tháng {1}: không có gì để điều "
                          "chỉnh hay thôi chi trả.",
                          "The person receives no allowance in {1}: there is nothing to adjust "
                          "or stop."},
    /* health and longevity */
    [RF_CARD_NUMBER] = {"Số thẻ BHYT là mã số BHXH 10 chữ số (thẻ từ 2021), hoặc mã thẻ cũ 15 ký "
                        "tự: 2 chữ in hoa, mức hưởng 1–5, rồi 12 chữ số (ví dụ HT2790123456789).",
                        "A health-insurance card number is the 10-digit social-insurance code "
                        "(cards since 2021), or the old 15 characters: 2 capital letters, a "
                        "benefit level 1–5, then 12 digits (e.g. HT2790123456789)."},
    [RF_CARD_VALID_TO] = {"Hạn thẻ ({1}) trước ngày thẻ bắt đầu có giá trị ({2}): hãy xem lại "
                          "hai ngày trên thẻ.",
                          "The card's end ({1}) is before its start ({2}): check both dates on "
                          "the card."},
    [RF_CARD_DATE_RANGE] = {"{field} ({1}) không thể có trên thẻ BHYT: thẻ chỉ có giá trị "
                            "trong khoảng {2} đến {3}. Hãy xem lại ngày trên thẻ.",
                            "{field} ({1}) cannot be on a health-insurance card: cards are "
                            "valid between {2} and {3}. Check the date on the card."},
    [RF_GIVEN_TOO_EARLY] = {"Quà mừng thọ năm {1} không thể trao trước ngày {2}: hãy kiểm tra "
                            "ngày trao.",
                            "The longevity gift of {1} cannot have been given before {2}: check "
                            "the day it was given."},
    [RF_RECEIVED_BEFORE_GRANT] = {"Ngày ký nhận ({1}) trước ngày ký quyết định hưởng trợ cấp"
                                  " đầu tiên ({2}): hãy kiểm tra ngày ký nhận.",
                                  "The day signed for ({1}) is before the first allowance "
                                  "decision was signed ({2}): check the day."},
    [RF_NOT_CELEBRATED] = {"Người này không có trong danh sách chúc thọ, mừng thọ năm {1}: chỉ "
                           "ghi đã trao quà cho người có tên trong danh sách.",
                           "This person is not on the longevity celebrations list of {1}: record "
                           "a gift only for someone on the list."},
    [RF_TITLE_LENGTH] = {"{field} phải có và dài không quá {1} ký tự.",
                         "{field} is required, as text of at most {1} characters."},
    [RF_BASIS_UNKNOWN] = {"Kế hoạch không có căn cứ số {1}: hãy chọn lại từ trang sửa kế hoạch.",
                          "The plan has no legal basis number {1}: choose again from the plan's "
                          "edit page."},
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
    {"person", "Người", "Person"},
    {"membership", "Thành viên", "Membership"},
    {"full_name", "Họ tên", "Full name"},
    {"sex", "Giới tính", "Sex"},
    {"birth", "Năm sinh", "Birth"},
    {"hardship", "Diện khó khăn", "Hardship"},
    {"poor", "Hộ nghèo", "Poor household"},
    {"near_poor", "Hộ cận nghèo", "Near-poor household"},
    {"disability", "Khuyết tật", "Disability"},
    {"lives_alone", "Sống một mình", "Lives alone"},
    {"ethnic_minority", "Dân tộc thiểu số", "Ethnic minority"},
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
    /* funds and loans */
    {"fund", "Quỹ", "The fund"},
    {"amount", "Số tiền", "The amount"},
    {"on", "Ngày", "The date"},
    {"date", "Ngày xem", "The date"},
    {"support", "Hỗ trợ một lần", "The one-off support"},
    {"reverses", "Khoản được điều chỉnh", "The entry reversed"},
    {"principal", "Tiền gốc", "The principal"},
    {"interest", "Tiền lãi", "The interest"},
    {"rate", "Lãi suất", "The interest rate"},
    {"term_months", "Thời hạn vay", "The term"},
    {"frequency", "Kỳ trả nợ", "The repayments"},
    {"disbursed_on", "Ngày giải ngân", "The disbursement date"},
    {"purpose", "Mục đích vay", "The purpose"},
    /* activities */
    {"on_date", "Ngày", "The date"},
    {"area", "Nội dung", "Area"},
    {"areas", "Các nội dung", "Areas"},
    {"title", "Tên hoạt động", "Title"},
    {"participants", "Số người tham gia", "Participants"},
    {"notes", "Ghi chú", "Notes"},
    {"volunteer_id", "Tình nguyện viên", "Volunteer"},
    {"visited_id", "Người được thăm", "Person visited"},
    {"volunteer", "Tình nguyện viên", "Volunteer"},
    {"visited", "Người được thăm", "Person visited"},
    {"visit_on", "Ngày thăm", "The date of the visit"},
    {"visit_notes", "Ghi chú", "Notes"},
    {"year", "Năm", "Year"},
    {"grade", "Xếp loại", "Grade"},
    {"assessed_on", "Ngày đánh giá", "The assessment date"},
    {"assessed_by", "Cơ quan, người đánh giá", "Assessed by"},
    {"file", "Tệp", "File"},
    {"text", "Nội dung", "Text"},
    {"lead", "Đơn vị chủ trì", "Lead units"},
    {"cooperating", "Đơn vị phối hợp", "Co-operating units"},
    {"deadline", "Thời hạn", "Deadline"},
    {"section", "Mục", "Section"},
    {"plan", "Kế hoạch", "Plan"},
    {"reporters", "Đơn vị báo cáo", "Reporters"},
    {"to", "Nơi nhận báo cáo", "Receiver"},
    {"period_kind", "Loại kỳ báo cáo", "Kind of period"},
    {"period", "Kỳ báo cáo", "Period"},
    {"first_period", "Kỳ đầu", "First period"},
    {"last_period", "Kỳ cuối", "Last period"},
    {"due", "Hạn báo cáo", "Due date"},
    {"window", "Thời gian lấy số liệu", "Data window"},
    {"reporter", "Đơn vị báo cáo", "Reporter"},
    {"received_at", "Thời điểm nhận", "Received at"},
    {"comment", "Lý do", "Reason"},
    {"obligation", "Nghĩa vụ báo cáo", "Reporting obligation"},
    {"effective_from", "Ngày bắt đầu hiệu lực", "In force from"},
    {"effective_to", "Ngày hết hiệu lực", "In force until"},
    {"issuer", "Cơ quan ban hành", "Issuing body"},
    {"title_en", "Tên tiếng Anh", "English title"},
    {"heading", "Tên mục", "Heading"},
    {"retired_on", "Ngày thôi thực hiện", "Retired from"},
    {"deadline_before", "Thời hạn", "Deadline"},
    {"doc_date", "Ngày ban hành", "The document's date"},
    /* the register */
    {"citizen_id", "Số định danh (CCCD)", "Citizen ID"},
    {"ethnicity", "Dân tộc", "Ethnicity"},
    {"died_on", "Ngày mất", "The date of death"},
    {"from", "Từ ngày", "The start date"},
    {"value", "Giá trị", "Value"},
    {"progress", "Tiến độ", "Progress"},
    {"item", "Nhiệm vụ", "Item"},
    {"indicator", "Chỉ tiêu", "Indicator"},
    {"values", "Số liệu", "Figures"},
    {"reason", "Lý do", "Reason"},
    {"fact", "Thông tin", "Fact"},
    {"duplicate", "Hồ sơ trùng", "The duplicate record"},
    {"age_from", "Tuổi từ", "Age from"},
    {"age_to", "Tuổi đến", "Age to"},
    {"poverty", "Hộ nghèo", "Poverty"},
    {"resident_since", "Ở đây từ ngày", "Living there since"},
    /* entitlements */
    {"scope", "Phạm vi (VN hoặc mã tỉnh)", "Scope (VN or a province code)"},
    {"legal_basis", "Căn cứ pháp lý", "Legal basis"},
    {"verification", "Mức độ kiểm chứng", "Verification"},
    {"base", "Mức làm căn cứ", "Base amount"},
    {"coefficient", "Hệ số", "Coefficient"},
    {"supporter", "Người phụng dưỡng", "Supporter"},
    {"pension", "Lương hưu", "Pension"},
    {"especially_difficult", "Xã, thôn đặc biệt khó khăn", "Especially difficult commune"},
    {"community_care", "Nhận chăm sóc tại cộng đồng", "Community care"},
    {"other_conditions", "Điều kiện khác", "Other conditions"},
    {"requires_application", "Cần đơn đề nghị", "Requires an application"},
    {"article_text", "Trích điều khoản", "Article text"},
    {"action", "Loại quyết định", "Kind of decision"},
    {"number", "Số quyết định", "Decision number"},
    {"signed_on", "Ngày ký", "The date signed"},
    {"signer", "Người ký", "Signed by"},
    {"rule", "Chế độ trợ cấp", "Allowance"},
    {"month", "Tháng", "Month"},
    {"channel", "Hình thức chi trả", "Paid through"},
    {"number", "Số thẻ BHYT", "The card number"},
    {"valid_from", "Ngày thẻ có giá trị", "The card's start"},
    {"valid_to", "Hạn thẻ", "The card's end"},
    {"payer", "Nguồn đóng", "Paid by"},
    {"checked_on", "Ngày khám", "The date of the check-up"},
    {"note", "Ghi chú", "Note"},
    {"since", "Phát hiện từ ngày", "Found on"},
    {"per_page", "Số dòng mỗi trang", "Rows a page"},
    {"page", "Trang", "The page"},
    {"expiring_within", "Số ngày sắp hết hạn", "Days ahead"},
    {"without_card", "Chưa có thẻ BHYT", "Without a card"},
    {"given", "Đã trao quà", "Given"},
    {"given_on", "Ngày trao quà", "The date given"},
    /* a plan's legal bases */
    {"relation", "Quan hệ với kế hoạch", "Relation to the plan"},
    {"text_number", "Số, ký hiệu văn bản", "The text's number"},
    {"text_date", "Ngày ban hành văn bản", "The text's date"},
    {"text_title", "Trích yếu văn bản", "The text's subject"},
    {"text_issuer", "Cơ quan ban hành văn bản", "The text's issuer"},
    {"as_written", "Câu căn cứ trong kế hoạch", "The plan's words citing it"},
    {"id", "Mã kế hoạch", "The plan's id"},
    /* an item's target */
    {"target_min", "Chỉ tiêu: giá trị thấp nhất", "The target's lowest value"},
    {"target_max", "Chỉ tiêu: giá trị cao nhất", "The target's highest value"},
    {"by_date", "Hạn đạt chỉ tiêu", "The date to meet it by"},
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

/* A value as people read it: a date dd/mm/yyyy, đồng and figures grouped, a wait in
 * seconds or minutes; text as it is. */
static void value(char kind, const char *v, bool en, char *out, size_t cap)
{
	struct date d;
	char s[32];
	int64_t n = strtoll(v, NULL, 10);
	if (kind == 'd' && date_parse(v, &d) == NCT_OK) {
		date_format_vn(d, s);
		snprintf(out, cap, "%s", s);
	} else if (kind == 'M' && strlen(v) == 7 && v[4] == '-') {
		snprintf(out, cap, "%.2s/%.4s", v + 5, v); /* YYYY-MM as mm/yyyy */
	} else if (kind == 'm') {
		money_format(n, s);
		snprintf(out, cap, "%s đ", s);
	} else if (kind == 'n') {
		money_format(n, s);
		snprintf(out, cap, "%s", s);
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

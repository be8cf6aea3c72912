/* columns.c - the columns of the export tables (columns.h). */
#include "columns.h"

const struct table_col activity_columns[AC_COUNT] = {
    [AC_DATE] = {"on_date", "Ngày", COL_DATE, 12},
    [AC_AREA] = {"area", "Mã nội dung", COL_TEXT, 0},
    [AC_AREA_NAME] = {"area_name", "Nội dung", COL_TEXT, 0},
    [AC_TITLE] = {"title", "Tên hoạt động", COL_TEXT, 0},
    [AC_PARTICIPANTS] = {"participants", "Số người tham gia", COL_INT, 10},
    [AC_NOTES] = {"notes", "Ghi chú", COL_TEXT, 0},
};

const struct table_col ledger_columns[LC_COUNT] = {
    [LC_ID] = {"id", "Số bút toán", COL_INT, 10},
    [LC_DATE] = {"on_date", "Ngày", COL_DATE, 12},
    [LC_FUND] = {"fund", "Quỹ", COL_TEXT, 0},
    [LC_KIND] = {"kind", "Loại", COL_TEXT, 0},
    [LC_AMOUNT] = {"amount", "Số tiền", COL_MONEY, 15},
    [LC_BALANCE] = {"balance", "Số dư quỹ", COL_MONEY, 15},
    [LC_REVERSES] = {"reverses", "Điều chỉnh bút toán số", COL_INT, 10},
    [LC_NOTE] = {"note", "Ghi chú", COL_TEXT, 0},
};

const struct table_col loan_columns[OC_COUNT] = {
    [OC_ID] = {"loan", "Số khoản vay", COL_INT, 8},
    [OC_MEMBER] = {"member", "Thành viên vay", COL_TEXT, 0},
    [OC_PRINCIPAL] = {"principal", "Số tiền vay", COL_MONEY, 15},
    [OC_DISBURSED] = {"disbursed_on", "Ngày giải ngân", COL_DATE, 12},
    [OC_TERM] = {"term_months", "Thời hạn (tháng)", COL_INT, 8},
    [OC_FREQ] = {"frequency", "Kỳ trả", COL_TEXT, 0},
    [OC_RATE] = {"rate", "Lãi suất (%/năm)", COL_TEXT, 8},
    [OC_STATUS] = {"status", "Tình trạng", COL_TEXT, 0},
    [OC_ARREARS] = {"days_in_arrears", "Số ngày quá hạn", COL_INT, 8},
    [OC_OUTSTANDING] = {"outstanding", "Dư nợ", COL_MONEY, 15},
};

const struct table_col register_columns[RC_COUNT] = {
    [RC_ID] = {"id", "Số hồ sơ", COL_INT, 10},
    [RC_FULL_NAME] = {"full_name", "Họ tên", COL_TEXT, 0},
    [RC_FAMILY] = {"family_name", "Họ", COL_TEXT, 0},
    [RC_MIDDLE] = {"middle_name", "Tên đệm", COL_TEXT, 0},
    [RC_GIVEN] = {"given_name", "Tên", COL_TEXT, 0},
    [RC_SEX] = {"sex", "Giới tính", COL_TEXT, 8},
    [RC_BIRTH] = {"birth", "Ngày sinh", COL_TEXT, 12},
    [RC_AGE] = {"age", "Tuổi", COL_INT, 6},
    [RC_CITIZEN_ID] = {"citizen_id", "Số định danh", COL_TEXT, 14},
    [RC_PLACE] = {"place", "Mã nơi ở", COL_TEXT, 10},
    [RC_PLACE_NAME] = {"place_name", "Nơi ở", COL_TEXT, 0},
    [RC_DIED_ON] = {"died_on", "Ngày mất", COL_DATE, 12},
};

const struct table_col payment_line_columns[PC_COUNT] = {
    [PC_NO] = {"no", "STT", COL_INT, 6},
    [PC_NAME] = {"full_name", "Họ và tên", COL_TEXT, 0},
    [PC_BIRTH] = {"birth", "Năm sinh", COL_TEXT, 12},
    [PC_CITIZEN_ID] = {"citizen_id", "Số định danh cá nhân", COL_TEXT, 15},
    [PC_PLACE] = {"place", "Nơi cư trú", COL_TEXT, 0},
    [PC_RULE] = {"category", "Diện hưởng", COL_TEXT, 22},
    [PC_COEFFICIENT] = {"coefficient", "Hệ số", COL_TEXT, 7},
    [PC_AMOUNT] = {"amount", "Số tiền (đồng)", COL_MONEY, 14},
    [PC_CHANNEL] = {"paid_through", "Hình thức chi trả", COL_TEXT, 12},
    [PC_DECISION] = {"decision", "Số quyết định", COL_TEXT, 16},
    [PC_NOTE] = {"note", "Ghi chú", COL_TEXT, 0},
    [PC_RECEIVED] = {"received_on", "Ngày nhận", COL_DATE, 12},
    [PC_SIGNATURE] = {"signature", "Ký nhận", COL_TEXT, 20},
};

const struct table_col payment_total_columns[TC_COUNT] = {
    [TC_RULE] = {"category", "Diện hưởng", COL_TEXT, 24},
    [TC_KIND] = {"kind", "Loại trợ cấp", COL_TEXT, 0},
    [TC_PEOPLE] = {"people", "Số người", COL_INT, 10},
    [TC_AMOUNT] = {"amount", "Số tiền (đồng)", COL_MONEY, 16},
};

const struct table_col celebration_columns[CC_COUNT] = {
    [CC_ID] = {"id", "Số hồ sơ", COL_INT, 10},
    [CC_FULL_NAME] = {"full_name", "Họ tên", COL_TEXT, 0},
    [CC_SEX] = {"sex", "Giới tính", COL_TEXT, 8},
    [CC_BIRTH] = {"birth", "Năm sinh", COL_TEXT, 12},
    [CC_AGE] = {"age", "Tuổi", COL_INT, 6},
    [CC_PLACE] = {"place", "Mã nơi ở", COL_TEXT, 10},
    [CC_PLACE_NAME] = {"place_name", "Nơi ở", COL_TEXT, 0},
    [CC_BY] = {"congratulated_by", "Cấp chúc thọ, mừng thọ", COL_TEXT, 0},
    [CC_CASH] = {"cash", "Tiền mặt (đ)", COL_MONEY, 14},
    [CC_IN_KIND] = {"in_kind", "Hiện vật (đ)", COL_MONEY, 14},
    [CC_IN_KIND_TEXT] = {"in_kind_description", "Quà hiện vật", COL_TEXT, 0},
    [CC_GIVEN] = {"given", "Đã trao", COL_TEXT, 8},
    [CC_GIVEN_ON] = {"given_on", "Ngày trao", COL_DATE, 12},
};

const struct table_col member_columns[MC_COUNT] = {
    [MC_NO] = {"no", "STT", COL_INT, 5},
    [MC_NAME] = {"full_name", "Họ tên", COL_TEXT, 0},
    [MC_SEX] = {"sex", "Giới tính", COL_TEXT, 0},
    [MC_BIRTH] = {"birth", "Năm sinh", COL_TEXT, 12},
    [MC_PLACE] = {"place", "Mã nơi ở", COL_TEXT, 0},
    [MC_PLACE_NAME] = {"place_name", "Nơi ở", COL_TEXT, 0},
    [MC_POOR] = {"poor", "Hộ nghèo", COL_TEXT, 0},
    [MC_NEAR_POOR] = {"near_poor", "Hộ cận nghèo", COL_TEXT, 0},
    [MC_DISABILITY] = {"disability", "Khuyết tật", COL_TEXT, 0},
    [MC_ALONE] = {"lives_alone", "Sống một mình", COL_TEXT, 0},
    [MC_ETHNIC] = {"ethnic_minority", "Dân tộc thiểu số", COL_TEXT, 0},
    [MC_VOLUNTEER] = {"volunteer", "Tình nguyện viên", COL_TEXT, 0},
    [MC_JOINED] = {"joined_on", "Ngày vào", COL_DATE, 12},
    [MC_LEFT] = {"left_on", "Ngày rời", COL_DATE, 12},
};

/* notice.h - what a save says once it is done. A page that saves answers with
 * a redirect (POST-redirect-GET); the notice rides along in a short-lived
 * cookie as a code and the name it mentions, and the next page shows it once,
 * worded in the user's language, and clears the cookie. Only the codes below
 * can be carried: a cookie set by someone else can make a page say that
 * something was saved, never say anything else. */
#ifndef NCT_NOTICE_H
#define NCT_NOTICE_H

#include "request.h"

#define NOTICE_COOKIE "nct_notice"

#define NOTICES(X)                                                                                 \
	X(NOTICE_CLUB_ADDED, "club_added", "Đã thêm câu lạc bộ {1}.", "Club {1} added.")           \
	X(NOTICE_CLUB_SAVED, "club_saved", "Đã lưu thông tin câu lạc bộ {1}.",                     \
	  "The details of club {1} are saved.")                                                    \
	X(NOTICE_STATUS_SAVED, "status_saved", "Đã ghi trạng thái mới của câu lạc bộ {1}.",        \
	  "The new status of club {1} is recorded.")                                               \
	X(NOTICE_BOARD_SAVED, "board_saved", "Đã ghi {1} vào ban chủ nhiệm.",                      \
	  "{1} is recorded on the board.")                                                         \
	X(NOTICE_MEMBER_ADDED, "member_added", "Đã thêm {1} vào câu lạc bộ.",                      \
	  "{1} is added to the club.")                                                             \
	X(NOTICE_MEMBER_LEFT, "member_left", "Đã ghi ngày rời câu lạc bộ của {1}.",                \
	  "The day {1} left the club is recorded.")                                                \
	X(NOTICE_VILLAGE_ADDED, "village_added", "Đã thêm {1}.", "{1} added.")                     \
	X(NOTICE_ORG_ADDED, "org_added", "Đã thêm {1}.", "{1} added.")                             \
	X(NOTICE_USER_ADDED, "user_added", "Đã tạo người dùng {1}.", "User {1} created.")          \
	X(NOTICE_USER_DISABLED, "user_disabled", "Đã khoá người dùng {1}.", "User {1} disabled.")  \
	X(NOTICE_PASSWORD_CHANGED, "password_changed",                                             \
	  "Đã đổi mật khẩu. Hãy đăng nhập lại bằng mật khẩu mới.",                                 \
	  "The password is changed. Log in again with the new one.")                               \
	X(NOTICE_REPORT_DRAFTED, "report_drafted", "Đã lập bản nháp báo cáo kỳ {1}.",              \
	  "The draft report of the period {1} is made.")                                           \
	X(NOTICE_REPORT_SUBMITTED, "report_submitted", "Đã gửi báo cáo.",                          \
	  "The report is submitted.")                                                              \
	X(NOTICE_REPORT_ACCEPTED, "report_accepted", "Đã tiếp nhận báo cáo.",                      \
	  "The report is accepted.")                                                               \
	X(NOTICE_REPORT_RETURNED, "report_returned", "Đã trả lại báo cáo kèm lý do.",              \
	  "The report is returned with the reason.")                                               \
	X(NOTICE_PAPER_RECORDED, "paper_recorded", "Đã ghi nhận báo cáo giấy của {1}.",            \
	  "The paper report of {1} is recorded.")                                                  \
	X(NOTICE_SAVED, "saved", "Đã lưu {1}.", "{1} saved.")                                      \
	X(NOTICE_REPORT_SAVED, "report_saved", "Đã lưu báo cáo (chưa gửi).",                       \
	  "The report is saved (not submitted yet).")                                              \
	X(NOTICE_FACT_RETRACTED, "fact_retracted", "Đã rút lại thông tin “{1}”.",                  \
	  "The record “{1}” was retracted.")                                                       \
	X(NOTICE_PERSONS_MERGED, "persons_merged", "Đã gộp hồ sơ trùng vào hồ sơ của {1}.",        \
	  "The duplicate record was merged into {1}'s.")

enum notice {
	NOTICE_NONE,
#define X(code, name, vi, en) code,
	NOTICES(X)
#undef X
	    NOTICE_COUNT
};

/* Answers 303 to location and leaves the notice code, naming name (may be
 * NULL or ""), for the page it leads to. */
void resp_redirect_notice(struct req *r, const char *location, enum notice code, const char *name);

/* The notice a redirect left, worded in the user's language into out (at most
 * cap bytes; "" when none or unknown); asks the browser to forget it. */
void notice_take(struct req *r, char *out, size_t cap);

/* The template of code in lang ("en" or else Vietnamese), or NULL: for tests. */
const char *notice_template(enum notice code, const char *lang);

#endif

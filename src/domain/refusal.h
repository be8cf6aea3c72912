/* refusal.h - why the domain refused: a code from the list below, the input
 * field it concerns, and the values it names. The domain says why; web words
 * it in the user's language (web/wording.c) and pages put it beside the field.
 * No domain function writes a sentence, and no domain header takes a language.
 *
 * A function that can refuse takes `struct refusal *rf` (may be NULL) last and
 * refuses with
 *
 *     return refuse(rf, NCT_ERR_INVALID, RF_BEFORE_FOUNDING, "joined_on", "dd",
 *                   in->joined_on, c->founded_on);
 *
 * Every code is listed once, in its module's section, with the kinds of the
 * values it names, one letter each:
 *     's' text          const char *
 *     'd' a date        const char *, ISO "YYYY-MM-DD" (shown dd/mm/yyyy)
 *     'm' đồng          int64_t (shown 1.000.000 đ)
 *     'i' a number      int64_t (cast: (int64_t)n; an int is not an int64_t)
 *     'n' a figure      int64_t, a count people read grouped (shown 1.000.000)
 *     't' seconds       int64_t (shown as seconds, or minutes from 120 on)
 *     'M' a month       const char *, "YYYY-MM" (shown mm/yyyy, as people write months)
 * A new code needs its line here and its wording (both languages) in
 * web/wording.c; the unit test test_wording checks every code has both, with
 * a {1}..{n} for each value. */
#ifndef NCT_REFUSAL_H
#define NCT_REFUSAL_H

#include "../base/err.h"

/* X(ID, "reason", "kinds"): the reason is what JSON errors carry. */
#define REFUSALS_COMMON(X)                                                                         \
	X(RF_NONE, "", "")                                                                         \
	X(RF_DENIED, "denied", "")                                                                 \
	X(RF_ADMIN_ONLY, "admin_only", "")                                                         \
	X(RF_ROLE_SEES_ONLY, "role_sees_only", "")                                                 \
	X(RF_PLACE_OUTSIDE, "place_outside", "s")                                                  \
	X(RF_PERSON_OUTSIDE, "person_outside", "")                                                 \
	X(RF_CLUB_OUTSIDE, "club_outside", "")                                                     \
	X(RF_CLUB_UNKNOWN, "club_unknown", "")                                                     \
	X(RF_PLACE_UNKNOWN, "place_unknown", "")                                                   \
	X(RF_DATE_FORMAT, "date_format", "")                                                       \
	X(RF_DATE_IN_FUTURE, "date_in_future", "d")                                                \
	X(RF_BEFORE_FOUNDING, "before_founding", "dd")                                             \
	X(RF_NOT_AFTER, "not_after", "dd")                                                         \
	X(RF_TEXT_LENGTH, "text_length", "n")                                                      \
	X(RF_CODE_FORMAT, "code_format", "i")                                                      \
	X(RF_TAKEN, "taken", "s")                                                                  \
	X(RF_NOT_ONE_OF, "not_one_of", "s")                                                        \
	X(RF_NO_PLACE, "no_place", "s")                                                            \
	X(RF_NO_COMMUNE_ON, "no_commune_on", "sd")                                                 \
	X(RF_NO_SUCH_PERSON, "no_such_person", "i")                                                \
	X(RF_ORG_NOT_IN_FORCE, "org_not_in_force", "sd")                                           \
	/* the shared checks of input (check.c) and web's number readers */                        \
	X(RF_TEXT_CONTROL, "text_control", "")                                                     \
	X(RF_TEXT_INVISIBLE, "text_invisible", "")                                                 \
	X(RF_TOO_LONG, "too_long", "n")                                                            \
	X(RF_DATE_TOO_EARLY, "date_too_early", "dd")                                               \
	X(RF_NUMBER_RANGE, "number_range", "ii")                                                   \
	X(RF_TITLE_LENGTH, "title_length", "i")

/* club.c, membership.c and the composition rules */
#define REFUSALS_CLUB(X)                                                                           \
	X(RF_VILLAGE_NOT_OF, "village_not_of", "ss")                                               \
	X(RF_ALREADY_MEMBER, "already_member", "s")                                                \
	X(RF_NO_OPEN_MEMBERSHIP, "no_open_membership", "")                                         \
	X(RF_NOT_MEMBER_ON, "not_member_on", "d")                                                  \
	X(RF_RULE_BOUNDS, "rule_bounds", "")                                                       \
	X(RF_RULE_EXISTS, "rule_exists", "d")

/* person.c, citizen_id.c, person_fact.c, register.c, person_merge.c, designation.c */
#define REFUSALS_PERSON(X)                                                                         \
	X(RF_BIRTH_FORMAT, "birth_format", "")                                                     \
	X(RF_BIRTH_IN_FUTURE, "birth_in_future", "")                                               \
	X(RF_BIRTH_TOO_EARLY, "birth_too_early", "i")                                              \
	X(RF_HARDSHIP, "hardship", "")                                                             \
	X(RF_RESIDENCE, "residence", "s")                                                          \
	X(RF_RESIDENCE_ON, "residence_on", "sd")                                                   \
	X(RF_DAY_FORMAT, "day_format", "")                                                         \
	X(RF_CID_LENGTH, "citizen_id_length", "i")                                                 \
	X(RF_CID_DIGITS, "citizen_id_digits", "")                                                  \
	X(RF_CID_PREFIX, "citizen_id_prefix", "s")                                                 \
	X(RF_CID_SEX, "citizen_id_sex", "s")                                                       \
	X(RF_CID_CENTURY, "citizen_id_century", "si")                                              \
	X(RF_CID_BIRTH_YEAR, "citizen_id_birth_year", "si")                                        \
	X(RF_ETHNICITY_UNKNOWN, "ethnicity_unknown", "s")                                          \
	X(RF_DIED_BEFORE_BIRTH, "died_before_birth", "d")                                          \
	X(RF_SENSITIVE, "sensitive", "")                                                           \
	X(RF_POSSIBLE_DUPLICATES, "possible_duplicates", "i")                                      \
	X(RF_FACT_AMOUNT, "fact_amount", "")                                                       \
	X(RF_FACT_BEFORE_BIRTH, "fact_before_birth", "d")                                          \
	X(RF_NO_SUCH_FACT, "no_such_fact", "i")                                                    \
	X(RF_FACT_RETRACTED, "fact_retracted", "i")                                                \
	X(RF_LAST_RESIDENCE, "last_residence", "")                                                 \
	X(RF_MERGED, "merged", "i")                                                                \
	X(RF_MERGE_SELF, "merge_self", "")                                                         \
	X(RF_MERGE_BOTH_MEMBERS, "merge_both_members", "s")                                        \
	X(RF_MERGE_BOTH_PAID, "merge_both_paid", "")                                               \
	X(RF_MERGE_TOO_MANY, "merge_too_many", "n")                                                \
	X(RF_PLACE_AMBIGUOUS, "place_ambiguous", "s")                                              \
	X(RF_AGE_RANGE, "age_range", "")                                                           \
	X(RF_USE_RESIDENCE_FACT, "use_residence_fact", "")                                         \
	X(RF_DESIGNATION_PLACE, "designation_place", "s")

/* user.c, auth.c */
#define REFUSALS_USER(X)                                                                           \
	X(RF_USERNAME_FORMAT, "username_format", "i")                                              \
	X(RF_PASSWORD_LENGTH, "password_length", "ii")                                             \
	X(RF_ROLE_NEEDS_PLACE, "role_needs_place", "s")                                            \
	X(RF_ROLE_NEEDS_ORG, "role_needs_org", "")                                                 \
	X(RF_CLUB_BINDING, "club_binding", "")                                                     \
	X(RF_NO_ORG, "no_org", "s")                                                                \
	X(RF_NO_USER, "no_user", "s")                                                              \
	X(RF_USER_DISABLED, "user_disabled", "s")                                                  \
	X(RF_TOKEN_DAYS, "token_days", "i")                                                        \
	X(RF_LOGIN_FAILED, "login_failed", "")                                                     \
	X(RF_THROTTLED, "throttled", "t")                                                          \
	X(RF_WRONG_PASSWORD, "wrong_password", "")

/* fund.c, ledger.c, loan.c, support.c */
#define REFUSALS_FUND(X)                                                                           \
	X(RF_AMOUNT_MISSING, "amount_missing", "")                                                 \
	X(RF_AMOUNT_NEGATIVE, "amount_negative", "")                                               \
	X(RF_AMOUNT_FRACTION, "amount_fraction", "s")                                              \
	X(RF_AMOUNT_FORMAT, "amount_format", "s")                                                  \
	X(RF_AMOUNT_TOO_LARGE, "amount_too_large", "m")                                            \
	X(RF_AMOUNT_NOT_POSITIVE, "amount_not_positive", "")                                       \
	X(RF_AMOUNT_SIGN, "amount_sign", "")                                                       \
	X(RF_RATE_MISSING, "rate_missing", "")                                                     \
	X(RF_RATE_FORMAT, "rate_format", "s")                                                      \
	X(RF_RATE_RANGE, "rate_range", "")                                                         \
	X(RF_FUND_CHOICE, "fund_choice", "")                                                       \
	X(RF_ENTRY_KIND, "entry_kind", "")                                                         \
	X(RF_REVOLVING_ONLY, "revolving_only", "")                                                 \
	X(RF_REVERSES_ONLY_CORRECTION, "reverses_only_correction", "")                             \
	X(RF_SUPPORT_KIND, "support_kind", "")                                                     \
	X(RF_SUPPORT_ONCE, "support_once", "sdi")                                                  \
	X(RF_SUPPORT_NO_RULE, "support_no_rule", "d")                                              \
	X(RF_SUPPORT_NOT_YET, "support_not_yet", "sdd")                                            \
	X(RF_SUPPORT_ENDED, "support_ended", "sdd")                                                \
	X(RF_SUPPORT_ABOVE_LEVEL, "support_above_level", "smm")                                    \
	X(RF_SUPPORT_AMOUNT, "support_amount", "smm")                                              \
	X(RF_OVERRIDE_NEEDS_NOTE, "override_needs_note", "")                                       \
	X(RF_OVERRIDE_NOT_ALLOWED, "override_not_allowed", "")                                     \
	X(RF_BALANCE_NEGATIVE_ASK, "balance_negative_ask", "dm")                                   \
	X(RF_NOT_ENOUGH_TO_LEND_ASK, "not_enough_to_lend_ask", "dmm")                              \
	X(RF_CORRECTION_NEEDS_REASON, "correction_needs_reason", "")                               \
	X(RF_BALANCE_NEGATIVE, "balance_negative", "dm")                                           \
	X(RF_BALANCE_ABOVE_MAX, "balance_above_max", "dmm")                                        \
	X(RF_BALANCE_BELOW_MIN, "balance_below_min", "dmm")                                        \
	X(RF_NO_SUCH_ENTRY, "no_such_entry", "i")                                                  \
	X(RF_ENTRY_OF_LOAN, "entry_of_loan", "ii")                                                 \
	X(RF_ENTRY_IS_CORRECTION, "entry_is_correction", "i")                                      \
	X(RF_ALREADY_REVERSED, "already_reversed", "i")                                            \
	X(RF_CORRECTION_AMOUNT, "correction_amount", "im")                                         \
	X(RF_CORRECTION_BEFORE, "correction_before", "di")                                         \
	X(RF_LEDGER_FULL, "ledger_full", "i")                                                      \
	X(RF_LOANS_FULL, "loans_full", "i")                                                        \
	X(RF_REPAYMENTS_FULL, "repayments_full", "i")                                              \
	X(RF_BORROWER_MISSING, "borrower_missing", "")                                             \
	X(RF_LOAN_FREQUENCY, "loan_frequency", "")                                                 \
	X(RF_LOAN_TERM, "loan_term", "i")                                                          \
	X(RF_QUARTERLY_TERM, "quarterly_term", "")                                                 \
	X(RF_MATURITY_YEAR, "maturity_year", "")                                                   \
	X(RF_NOT_ENOUGH_TO_LEND, "not_enough_to_lend", "dmm")                                      \
	X(RF_NO_SUCH_LOAN, "no_such_loan", "i")                                                    \
	X(RF_LOAN_WRITTEN_OFF, "loan_written_off", "d")                                            \
	X(RF_BEFORE_DISBURSEMENT, "before_disbursement", "d")                                      \
	X(RF_ABOVE_OUTSTANDING, "above_outstanding", "mm")                                         \
	X(RF_ABOVE_INTEREST_DUE, "above_interest_due", "mm")                                       \
	X(RF_REPAYMENT_EMPTY, "repayment_empty", "")                                               \
	X(RF_REPAID_AFTER, "repaid_after", "d")                                                    \
	X(RF_NOTHING_OUTSTANDING, "nothing_outstanding", "")

/* activity.c */
#define REFUSALS_ACTIVITY(X)                                                                       \
	X(RF_AREA_CODE_FORMAT, "area_code_format", "ii")                                           \
	X(RF_AREA_TWICE, "area_twice", "s")                                                        \
	X(RF_AREA_NAME, "area_name", "si")                                                         \
	X(RF_AREA_COUNT, "area_count", "i")                                                        \
	X(RF_ENDS_BEFORE_START, "ends_before_start", "dd")                                         \
	X(RF_LIST_SAME_START, "list_same_start", "sd")                                             \
	X(RF_LIST_ORPHANS, "list_orphans", "ds")                                                   \
	X(RF_NO_AREA_LIST, "no_area_list", "d")                                                    \
	X(RF_AREA_NOT_IN_LIST, "area_not_in_list", "ssd")                                          \
	X(RF_VISIT_NOT_MEMBER, "visit_not_member", "sd")                                           \
	X(RF_NOT_VOLUNTEER, "not_volunteer", "s")                                                  \
	X(RF_VISIT_SAME_PERSON, "visit_same_person", "")                                           \
	X(RF_VISITED_NOT_OLDER, "visited_not_older", "sid")                                        \
	X(RF_ASSESS_ONLY_OFFICERS, "assess_only_officers", "")                                     \
	X(RF_YEAR_FORMAT, "year_format", "i")                                                      \
	X(RF_YEAR_NOT_BEGUN, "year_not_begun", "i")                                                \
	X(RF_YEAR_BEFORE_FOUNDING, "year_before_founding", "ii")                                   \
	X(RF_ASSESSED_ON, "assessed_on", "i")                                                      \
	X(RF_ASSESSMENT_EXISTS, "assessment_exists", "i")                                          \
	X(RF_NO_ASSESSMENT, "no_assessment", "i")

/* the member import: the reading of a file (export/import.c) and its rows
 * (membership.c) */
#define REFUSALS_IMPORT(X)                                                                         \
	X(RF_IMPORT_CHANGED, "import_changed", "s")                                                \
	X(RF_IMPORT_MAP_CHANGED, "import_map_changed", "")                                         \
	X(RF_IMPORT_UNREADABLE, "import_unreadable", "s")                                          \
	X(RF_IMPORT_FILE_SIZE, "import_file_size", "i")                                            \
	X(RF_IMPORT_NO_HEADER, "import_no_header", "i")                                            \
	X(RF_IMPORT_SEMICOLONS, "import_semicolons", "i")                                          \
	X(RF_IMPORT_COLUMN_TWICE, "import_column_twice", "ss")                                     \
	X(RF_IMPORT_COLUMN_MISSING, "import_column_missing", "s")                                  \
	X(RF_IMPORT_TOO_MANY, "import_too_many", "nn")                                             \
	X(RF_IMPORT_NO_ROWS, "import_no_rows", "")                                                 \
	X(RF_IMPORT_YES_NO, "import_yes_no", "s")                                                  \
	X(RF_IMPORT_CELL_LENGTH, "import_cell_length", "i")                                        \
	X(RF_IMPORT_FORMER_MEMBER, "import_former_member", "")

/* plan.c, plan_doc.c, obligation.c (issue 10: plans, obligations, reports) */
#define REFUSALS_PLAN(X)                                                                           \
	X(RF_PLAN_FORMAT, "plan_format", "ss")                                                     \
	X(RF_PLAN_UNIT, "plan_unit", "ss")                                                         \
	X(RF_PLAN_UNKNOWN, "plan_unknown", "s")                                                    \
	X(RF_SECTION_UNKNOWN, "section_unknown", "s")                                              \
	X(RF_ITEM_UNKNOWN, "item_unknown", "i")                                                    \
	X(RF_TOO_MANY, "too_many", "n")                                                            \
	X(RF_NO_REPORTERS, "no_reporters", "")                                                     \
	X(RF_REPORTER_UNKNOWN, "reporter_unknown", "s")                                            \
	X(RF_DUE_FORMAT, "due_format", "")                                                         \
	X(RF_WINDOW_FORMAT, "window_format", "")                                                   \
	X(RF_PERIOD_FORMAT, "period_format", "s")                                                  \
	X(RF_PERIOD_NOT_OWED, "period_not_owed", "s")                                              \
	X(RF_NOT_DATED, "not_dated", "")                                                           \
	X(RF_PERIOD_NOT_STARTED, "period_not_started", "sd")                                       \
	X(RF_RECEIVED_BEFORE_PERIOD, "received_before_period", "sd")                               \
	X(RF_NOT_A_REPORTER, "not_a_reporter", "ss")                                               \
	X(RF_NO_RECEIVER, "no_receiver", "s")                                                      \
	X(RF_RECEIVER_ONLY, "receiver_only", "")                                                   \
	X(RF_TIME_FORMAT, "time_format", "")                                                       \
	X(RF_SUBMISSION_LOCKED, "submission_locked", "s")                                          \
	X(RF_ITEM_NOT_LED, "item_not_led", "ss")                                                   \
	X(RF_INDICATOR_NOT_OWNED, "indicator_not_owned", "ss")                                     \
	X(RF_NOT_A_NUMBER, "not_a_number", "ss")                                                   \
	X(RF_VALUE_RULE, "value_rule", "sss")                                                      \
	X(RF_ITEM_RETIRED, "item_retired", "d")                                                    \
	X(RF_TARGET_TAKEN, "target_taken", "sd")                                                   \
	X(RF_TARGET_TWICE, "target_twice", "sss")                                                  \
	X(RF_FIGURE_RANGE, "number_range", "nn") /* number_range of a figure: bounds grouped */    \
	X(RF_PLAN_FILE_SIZE, "plan_file_size", "i")                                                \
	X(RF_TARGET_PLACE_GONE, "target_place_gone", "sd")

/* entitlement.c, decision.c (issue 9: entitlements and payments) */
#define REFUSALS_ENTITLEMENT(X)                                                                    \
	X(RF_RULE_COEFFICIENT, "rule_coefficient", "s")                                            \
	X(RF_MONTH_FORMAT, "month_format", "")                                                     \
	X(RF_MONTH_BEFORE_SIGNED, "month_before_signed", "Md")                                     \
	X(RF_NO_SIGNER, "no_signer", "d")                                                          \
	X(RF_NO_SIGNER_PLACE, "no_signer_place", "sd")                                             \
	X(RF_NO_SUCH_RULE, "no_such_rule", "s")                                                    \
	X(RF_NOT_ELIGIBLE, "not_eligible", "sd")                                                   \
	X(RF_ALREADY_RECEIVING, "already_receiving", "ss")                                         \
	X(RF_NOT_RECEIVING, "not_receiving", "M")                                                  \
	X(RF_MONTH_OUT_OF_RANGE, "month_out_of_range", "MM")

/* health.c, longevity.c */
#define REFUSALS_HEALTH(X)                                                                         \
	X(RF_CARD_NUMBER, "card_number", "")                                                       \
	X(RF_CARD_VALID_TO, "card_valid_to", "dd")                                                 \
	X(RF_CARD_DATE_RANGE, "card_date_range", "ddd")                                            \
	X(RF_NOT_CELEBRATED, "not_celebrated", "i")                                                \
	X(RF_GIVEN_TOO_EARLY, "given_too_early", "id")                                             \
	X(RF_RECEIVED_BEFORE_GRANT, "received_before_grant", "dd")

/* person_import.c (issue 8 item 8: nct import persons) */
#define REFUSALS_PERSON_IMPORT(X)                                                                  \
	X(RF_IMPORT_NO_PERSON_ROWS, "import_no_person_rows", "")                                   \
	X(RF_IMPORT_CID_TWICE, "import_cid_twice", "i")                                            \
	X(RF_IMPORT_FILE_CHANGED, "import_file_changed", "")                                       \
	X(RF_IMPORT_RECORDED_MEANWHILE, "import_recorded_meanwhile", "s")                          \
	X(RF_IMPORT_PERSONS_TOO_MANY, "import_persons_too_many", "n")                              \
	X(RF_IMPORT_NOT_UTF8, "import_not_utf8", "i")                                              \
	X(RF_IMPORT_NUL_BYTE, "import_nul_byte", "i")                                              \
	X(RF_IMPORT_NOT_CSV, "import_not_csv", "")                                                 \
	X(RF_IMPORT_OLD_EXCEL, "import_old_excel", "")                                             \
	X(RF_BASIS_UNKNOWN, "basis_unknown", "i")

#define REFUSALS(X)                                                                                \
	REFUSALS_COMMON(X)                                                                         \
	REFUSALS_CLUB(X)                                                                           \
	REFUSALS_PERSON(X)                                                                         \
	REFUSALS_USER(X)                                                                           \
	REFUSALS_FUND(X)                                                                           \
	REFUSALS_ACTIVITY(X)                                                                       \
	REFUSALS_IMPORT(X)                                                                         \
	REFUSALS_PLAN(X)                                                                           \
	REFUSALS_ENTITLEMENT(X)                                                                    \
	REFUSALS_HEALTH(X)                                                                         \
	REFUSALS_PERSON_IMPORT(X)

enum refusal_code {
#define REFUSAL_ENUM(id, reason, kinds) id,
	REFUSALS(REFUSAL_ENUM)
#undef REFUSAL_ENUM
	    RF_COUNT
};

#define REFUSAL_ARGS    3  /* values one refusal names, at most */
#define REFUSAL_ARG_LEN 96 /* bytes of one value as text (longer text is cut whole) */

struct refusal {
	int code; /* enum refusal_code; RF_NONE when nothing was refused */
	const char
	    *field; /* the input field it concerns ("joined_on": a string literal), or NULL */
	int nargs;
	struct {
		char kind; /* as in the list above */
		char v[REFUSAL_ARG_LEN];
	} arg[REFUSAL_ARGS];
};

/* Records in rf (when not NULL) the refusal code about field with the values
 * that kinds (the code's own, from the list) describes, and returns e. A kinds
 * that is not the code's is a bug: it is logged and the values are dropped. */
nct_err refuse(struct refusal *rf, nct_err e, int code, const char *field, const char *kinds, ...);

/* The codes of a NULL-terminated list joined by ", " into out (whole codes
 * only, as many as fit), which it returns: the value RF_NOT_ONE_OF names. */
const char *refusal_list(const char *const *codes, char out[REFUSAL_ARG_LEN]);

/* The code's reason ("before_founding") and kinds ("dd"); "" for RF_NONE or an
 * unknown code. */
const char *refusal_reason(int code);
const char *refusal_kinds(int code);

#endif

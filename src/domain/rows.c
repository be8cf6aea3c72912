/* rows.c - the column tables (rows.h), in the order of each SELECT. */
#include "rows.h"

#include "activity.h"
#include "audit.h"
#include "board.h"
#include "club.h"
#include "decision.h"
#include "designation.h"
#include "ethnic.h"
#include "membership.h"
#include "obligation.h"
#include "org.h"
#include "place.h"
#include "report.h"
#include "support.h"
#include "user.h"

static const struct db_col activity_col[] = {
    DB_NUM(struct activity, id),           DB_TEXT(struct activity, on_date),
    DB_TEXT(struct activity, area),        DB_TEXT(struct activity, title),
    DB_NUM(struct activity, participants), DB_TEXT(struct activity, notes)};
const struct db_cols activity_cols = DB_COLS(struct activity, activity_col);

static const struct db_col activity_list_col[] = {
    DB_NUM(struct activity_list, id), DB_TEXT(struct activity_list, code),
    DB_TEXT(struct activity_list, name), DB_TEXT(struct activity_list, valid_from),
    DB_TEXT(struct activity_list, valid_to)};
const struct db_cols activity_list_cols = DB_COLS(struct activity_list, activity_list_col);

static const struct db_col assessment_col[] = {
    DB_NUM(struct assessment, id),           DB_NUM(struct assessment, year),
    DB_TEXT(struct assessment, grade),       DB_NUM(struct assessment, well_managed),
    DB_TEXT(struct assessment, assessed_on), DB_TEXT(struct assessment, assessed_by)};
const struct db_cols assessment_cols = DB_COLS(struct assessment, assessment_col);

/* columns 7 and 8 (old and new value) are allocated by audit.c's reader */
static const struct db_col audit_col[] = {
    DB_NUM(struct audit_row, id),        DB_TEXT(struct audit_row, at),
    DB_TEXT(struct audit_row, username), DB_TEXT(struct audit_row, addr),
    DB_TEXT(struct audit_row, action),   DB_TEXT(struct audit_row, entity),
    DB_TEXT(struct audit_row, entity_id)};
const struct db_cols audit_cols = DB_COLS(struct audit_row, audit_col);

/* before its founding a club has no status yet: status and status_since "" */
static const struct db_col club_col[] = {
    DB_NUM(struct club, id),           DB_TEXT(struct club, code),
    DB_TEXT(struct club, name),        DB_TEXT(struct club, kind),
    DB_NUM(struct club, place_id),     DB_TEXT(struct club, place_code),
    DB_TEXT(struct club, place_name),  DB_TEXT(struct club, place_path),
    DB_TEXT(struct club, founded_on),  DB_TEXT(struct club, cohort),
    DB_TEXT(struct club, status),      DB_TEXT(struct club, status_since),
    DB_NUM(struct club, members),      DB_TEXT(struct club, village_code),
    DB_TEXT(struct club, village_name)};
const struct db_cols club_cols = DB_COLS(struct club, club_col);

static const struct db_col decision_col[] = {DB_NUM(struct decision, id),
                                             DB_NUM(struct decision, person_id),
                                             DB_TEXT(struct decision, action),
                                             DB_TEXT(struct decision, number),
                                             DB_TEXT(struct decision, signed_on),
                                             DB_TEXT(struct decision, signer),
                                             DB_TEXT(struct decision, signer_level),
                                             DB_NUM(struct decision, signer_place_id),
                                             DB_TEXT(struct decision, signer_place_code),
                                             DB_TEXT(struct decision, signer_place_name),
                                             DB_NUM(struct decision, place_id),
                                             DB_TEXT(struct decision, rule_code),
                                             DB_NUM(struct decision, amount),
                                             DB_TEXT(struct decision, month),
                                             DB_TEXT(struct decision, channel),
                                             DB_TEXT(struct decision, reason),
                                             DB_TEXT(struct decision, created_at),
                                             DB_TEXT(struct decision, place_path)};
const struct db_cols decision_cols = DB_COLS(struct decision, decision_col);

static const struct db_col designation_col[] = {
    DB_NUM(struct designation, id),          DB_NUM(struct designation, place_id),
    DB_TEXT(struct designation, place_code), DB_TEXT(struct designation, place_name),
    DB_NUM(struct designation, place_level), DB_TEXT(struct designation, kind),
    DB_TEXT(struct designation, valid_from), DB_TEXT(struct designation, valid_to),
    DB_TEXT(struct designation, source),     DB_TEXT(struct designation, created_at)};
const struct db_cols designation_cols = DB_COLS(struct designation, designation_col);

static const struct db_col ethnic_col[] = {
    DB_TEXT(struct ethnic_group, code), DB_TEXT(struct ethnic_group, name),
    DB_TEXT(struct ethnic_group, name_1979), DB_TEXT(struct ethnic_group, code_gso_2008),
    DB_NUM(struct ethnic_group, kon_tum_indigenous)};
const struct db_cols ethnic_cols = DB_COLS(struct ethnic_group, ethnic_col);

/* the person (from column 5) is read by membership.c */
static const struct db_col member_col[] = {
    DB_NUM(struct member, membership_id), DB_TEXT(struct member, joined_on),
    DB_TEXT(struct member, left_on), DB_TEXT(struct member, role),
    DB_NUM(struct member, volunteer)};
const struct db_cols member_cols = DB_COLS(struct member, member_col);

static const struct db_col obligation_col[] = {DB_NUM(struct obligation, id),
                                               DB_NUM(struct obligation, plan_id),
                                               DB_TEXT(struct obligation, plan_slug),
                                               DB_TEXT(struct obligation, plan_key),
                                               DB_TEXT(struct obligation, line),
                                               DB_TEXT(struct obligation, name),
                                               DB_TEXT(struct obligation, to),
                                               DB_TEXT(struct obligation, period_kind),
                                               DB_TEXT(struct obligation, first_period),
                                               DB_TEXT(struct obligation, last_period),
                                               DB_TEXT(struct obligation, due),
                                               DB_TEXT(struct obligation, window),
                                               DB_NUM(struct obligation, nreporters),
                                               DB_TEXT(struct obligation, plan_from),
                                               DB_TEXT(struct obligation, plan_to),
                                               DB_NUM(struct obligation, to_org.id),
                                               DB_TEXT(struct obligation, to_org.code),
                                               DB_TEXT(struct obligation, to_org.name),
                                               DB_TEXT(struct obligation, to_org.kind),
                                               DB_NUM(struct obligation, to_org.place_id),
                                               DB_TEXT(struct obligation, to_org.place_code),
                                               DB_TEXT(struct obligation, to_org.place_name),
                                               DB_TEXT(struct obligation, to_org.place_path),
                                               DB_TEXT(struct obligation, to_org.valid_from),
                                               DB_TEXT(struct obligation, to_org.valid_to)};
const struct db_cols obligation_cols = DB_COLS(struct obligation, obligation_col);

static const struct db_col org_col[] = {
    DB_NUM(struct org, id),          DB_TEXT(struct org, code),
    DB_TEXT(struct org, name),       DB_TEXT(struct org, kind),
    DB_NUM(struct org, place_id),    DB_TEXT(struct org, place_code),
    DB_TEXT(struct org, place_name), DB_TEXT(struct org, place_path),
    DB_TEXT(struct org, valid_from), DB_TEXT(struct org, valid_to)};
const struct db_cols org_cols = DB_COLS(struct org, org_col);

static const struct db_col org_link_col[] = {
    DB_NUM(struct org_link, to_id),      DB_NUM(struct org_link, from_id),
    DB_TEXT(struct org_link, from_code), DB_TEXT(struct org_link, from_name),
    DB_TEXT(struct org_link, to_code),   DB_TEXT(struct org_link, to_name),
    DB_TEXT(struct org_link, since),     DB_TEXT(struct org_link, duty)};
const struct db_cols org_link_cols = DB_COLS(struct org_link, org_link_col);

static const struct db_col place_col[] = {
    DB_NUM(struct place, id),        DB_TEXT(struct place, code),
    DB_NUM(struct place, level),     DB_TEXT(struct place, name),
    DB_NUM(struct place, parent_id), DB_TEXT(struct place, parent_code),
    DB_TEXT(struct place, path),     DB_TEXT(struct place, valid_from),
    DB_TEXT(struct place, valid_to)};
const struct db_cols place_cols = DB_COLS(struct place, place_col);

static const struct db_col report_entry_col[] = {
    DB_NUM(struct report_entry, item_id), DB_TEXT(struct report_entry, unit_code),
    DB_TEXT(struct report_entry, unit_name), DB_TEXT(struct report_entry, status),
    DB_TEXT(struct report_entry, progress)};
const struct db_cols report_entry_cols = DB_COLS(struct report_entry, report_entry_col);

static const struct db_col seat_col[] = {
    DB_TEXT(struct board_seat, role), DB_TEXT(struct board_seat, term_from),
    DB_TEXT(struct board_seat, term_to), DB_NUM(struct board_seat, person_id),
    DB_TEXT(struct board_seat, full_name)};
const struct db_cols seat_cols = DB_COLS(struct board_seat, seat_col);

static const struct db_col support_rule_col[] = {
    DB_NUM(struct support_rule, id),          DB_TEXT(struct support_rule, code),
    DB_TEXT(struct support_rule, name),       DB_TEXT(struct support_rule, founded_from),
    DB_TEXT(struct support_rule, founded_to), DB_NUM(struct support_rule, amount),
    DB_NUM(struct support_rule, planned),     DB_NUM(struct support_rule, once),
    DB_TEXT(struct support_rule, valid_from), DB_TEXT(struct support_rule, valid_to),
    DB_TEXT(struct support_rule, raised_by),  DB_TEXT(struct support_rule, source)};
const struct db_cols support_rule_cols = DB_COLS(struct support_rule, support_rule_col);

/* column 3 (the role) is parsed by user.c */
static const struct db_col user_col[] = {DB_NUM(struct user, id),
                                         DB_TEXT(struct user, username),
                                         DB_TEXT(struct user, display_name),
                                         DB_NONE,
                                         DB_NUM(struct user, place_id),
                                         DB_TEXT(struct user, place_code),
                                         DB_TEXT(struct user, place_name),
                                         DB_TEXT(struct user, place_path),
                                         DB_NUM(struct user, org_id),
                                         DB_NUM(struct user, club_id),
                                         DB_TEXT(struct user, lang),
                                         DB_NUM(struct user, disabled),
                                         DB_TEXT(struct user, club_code)};
const struct db_cols user_cols = DB_COLS(struct user, user_col);

static const struct db_col visit_col[] = {
    DB_NUM(struct visit, id),           DB_TEXT(struct visit, on_date),
    DB_NUM(struct visit, volunteer_id), DB_TEXT(struct visit, volunteer_name),
    DB_NUM(struct visit, visited_id),   DB_TEXT(struct visit, visited_name),
    DB_TEXT(struct visit, notes)};
const struct db_cols visit_cols = DB_COLS(struct visit, visit_col);

/* rows.h - the column tables: how a row the domain reads fills its struct.
 *
 * Each table lists, in the order of its SELECT, the field each column goes
 * into (store/db.h: db_read_cols, db_row_of, db_list_of); the SELECT stays
 * beside the code that runs it and names its table. One file holds them all,
 * so the one shape of a table is written here and not again per module. */
#ifndef NCT_ROWS_H
#define NCT_ROWS_H

#include "../store/db.h"

extern const struct db_cols activity_cols;      /* activity.c: ACTIVITY_COLS */
extern const struct db_cols activity_list_cols; /* activity.c: lists */
extern const struct db_cols assessment_cols;    /* activity.c: ASSESSMENT_COLS */
extern const struct db_cols audit_cols;         /* audit.c (old/new value its own) */
extern const struct db_cols club_cols;          /* club.c: CLUB_COLS */
extern const struct db_cols decision_cols;      /* decision.c: DECISION_SELECT */
extern const struct db_cols designation_cols;   /* designation.c: DES_COLS */
extern const struct db_cols ethnic_cols;        /* ethnic.c */
extern const struct db_cols member_cols;        /* membership.c (the person its own) */
extern const struct db_cols obligation_cols;    /* obligation.c: OB_COLS */
extern const struct db_cols org_cols;           /* org.c: ORG_COLS */
extern const struct db_cols org_link_cols;      /* org.c: links (filtered by its reader) */
extern const struct db_cols place_cols;         /* place.c: PLACE_COLS */
extern const struct db_cols report_entry_cols;  /* report.c */
extern const struct db_cols seat_cols;          /* board.c */
extern const struct db_cols support_rule_cols;  /* support.c: RULE_COLS */
extern const struct db_cols user_cols;          /* user.c: USER_COLS (role its own) */
extern const struct db_cols visit_cols;         /* activity.c: VISIT_COLS */

#endif

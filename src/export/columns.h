/* columns.h - the columns of every table nct writes as CSV or XLSX (and reads
 * back, for members): each table's index names and its columns (id, Vietnamese
 * title, type, width), in one place, for the files to fill by index. */
#ifndef NCT_COLUMNS_H
#define NCT_COLUMNS_H

#include "csvout.h"

/* club_tables.c */
enum acol { AC_DATE, AC_AREA, AC_AREA_NAME, AC_TITLE, AC_PARTICIPANTS, AC_NOTES, AC_COUNT };
extern const struct table_col activity_columns[AC_COUNT];

/* club_tables.c */
enum lcol {
	LC_ID,
	LC_DATE,
	LC_FUND,
	LC_KIND,
	LC_AMOUNT,
	LC_BALANCE,
	LC_REVERSES,
	LC_NOTE,
	LC_COUNT
};
extern const struct table_col ledger_columns[LC_COUNT];

/* club_tables.c */
enum ocol {
	OC_ID,
	OC_MEMBER,
	OC_PRINCIPAL,
	OC_DISBURSED,
	OC_TERM,
	OC_FREQ,
	OC_RATE,
	OC_STATUS,
	OC_ARREARS,
	OC_OUTSTANDING,
	OC_COUNT
};
extern const struct table_col loan_columns[OC_COUNT];

/* person_tables.c */
enum rcol {
	RC_ID,
	RC_FULL_NAME,
	RC_FAMILY,
	RC_MIDDLE,
	RC_GIVEN,
	RC_SEX,
	RC_BIRTH,
	RC_AGE,
	RC_CITIZEN_ID,
	RC_PLACE,
	RC_PLACE_NAME,
	RC_DIED_ON,
	RC_COUNT
};
extern const struct table_col register_columns[RC_COUNT];

/* payment_tables.c */
enum pcol {
	PC_NO,
	PC_NAME,
	PC_BIRTH,
	PC_CITIZEN_ID,
	PC_PLACE,
	PC_RULE,
	PC_COEFFICIENT,
	PC_AMOUNT,
	PC_CHANNEL,
	PC_DECISION,
	PC_NOTE,
	PC_RECEIVED,
	PC_SIGNATURE,
	PC_COUNT
};
extern const struct table_col payment_line_columns[PC_COUNT];

/* payment_tables.c */
enum tcol { TC_RULE, TC_KIND, TC_PEOPLE, TC_AMOUNT, TC_COUNT };
extern const struct table_col payment_total_columns[TC_COUNT];

/* celebration_tables.c */
enum ccol {
	CC_ID,
	CC_FULL_NAME,
	CC_SEX,
	CC_BIRTH,
	CC_AGE,
	CC_PLACE,
	CC_PLACE_NAME,
	CC_BY,
	CC_CASH,
	CC_IN_KIND,
	CC_IN_KIND_TEXT,
	CC_GIVEN,
	CC_GIVEN_ON,
	CC_COUNT
};
extern const struct table_col celebration_columns[CC_COUNT];

/* import.c */
enum mcol {
	MC_NO,
	MC_NAME,
	MC_SEX,
	MC_BIRTH,
	MC_PLACE,
	MC_PLACE_NAME,
	MC_POOR,
	MC_NEAR_POOR,
	MC_DISABILITY,
	MC_ALONE,
	MC_ETHNIC,
	MC_VOLUNTEER,
	MC_JOINED,
	MC_LEFT,
	MC_COUNT
};
extern const struct table_col member_columns[MC_COUNT];

#endif

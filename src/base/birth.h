/* birth.h - birth dates as people know them: a year, a year and month, or a
 * full date. Many older people know only their birth year. */
#ifndef NCT_BIRTH_H
#define NCT_BIRTH_H

#include <stdbool.h>
#include "date.h"
#include "err.h"

struct birth {
	int year;  /* 1875..9999 */
	int month; /* 1..12, or 0 when unknown */
	int day;   /* 1..31, or 0 when unknown (always 0 when month is 0) */
};

/* Parses "1950", "1950-03" or "1950-03-15" exactly. NCT_ERR_INVALID for
 * anything else, for a day that does not exist, or a year before 1875. */
nct_err birth_parse(const char *s, struct birth *out);

/* Parses a birth as people type it: "dd/mm/yyyy", "mm/yyyy" or "yyyy" (a day
 * or month of one digit too), or the forms of birth_parse. The same errors. */
nct_err birth_parse_vn(const char *s, struct birth *out);

/* Writes the same forms back ("1950", "1950-03", "1950-03-15") (DATE_LEN). */
void birth_format(struct birth b, char out[DATE_LEN]);

/* Writes the on-screen form: "1950", "03/1950" or "15/03/1950" (DATE_LEN). */
void birth_format_vn(struct birth b, char out[DATE_LEN]);

/* The earliest day the birth can be: 1 January when only the year is known,
 * the 1st of the month when only the month is (as social insurance counts). */
struct date birth_start(struct birth b);

/* Age in whole years on the date `on`, counted from birth_start: a person
 * reaches an age on their birthday (someone born 29 February reaches it on
 * 1 March in a common year). -1 when born after `on`. */
int birth_age_on(struct birth b, struct date on);

/* True when born after `on` (a birth date in the future). */
bool birth_after(struct birth b, struct date on);

#endif

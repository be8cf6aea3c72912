/* check.h - the checks of input every module makes, each refusing (refusal.h)
 * with its code about the field it is told. A check returns NCT_OK, or the
 * refusal's error with rf filled. */
#ifndef NCT_CHECK_H
#define NCT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct club;

/* Present (not only spaces), UTF-8 and at most max bytes: RF_TEXT_LENGTH. */
nct_err check_text(const char *s, size_t max, const char *field, struct refusal *rf);

/* A code that goes into URLs: 1..max of ASCII letters, digits, '.', '_', '-':
 * RF_CODE_FORMAT. */
nct_err check_code(const char *s, size_t max, const char *field, struct refusal *rf);

/* One of the NULL-terminated list codes: RF_NOT_ONE_OF, naming them. */
nct_err check_one_of(const char *s, const char *const *codes, const char *field,
                     struct refusal *rf);

/* A date YYYY-MM-DD (RF_DATE_FORMAT), into *d. */
nct_err check_date(const char *s, const char *field, struct date *d, struct refusal *rf);

/* A date YYYY-MM-DD not after today in Vietnam (RF_DATE_IN_FUTURE), into *d. */
nct_err check_past_date(const char *s, const char *field, struct date *d, struct refusal *rf);

/* A past date of the club's life: not before its founding (RF_BEFORE_FOUNDING). */
nct_err check_club_date(const struct club *c, const char *s, const char *field, struct date *d,
                        struct refusal *rf);

/* s is on the list (NULL-terminated). */
bool check_listed(const char *const *codes, const char *s);

#endif

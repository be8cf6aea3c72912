/* check.h - the checks of input every module makes, each refusing (refusal.h)
 * with its code about the field it is told. A check returns NCT_OK, or the
 * refusal's error with rf filled. */
#ifndef NCT_CHECK_H
#define NCT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/birth.h"
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct club;

/* The earliest date of an organisation's or a club's life (and of the rules,
 * lists and terms they keep): Vietnam's organisations of today date from its
 * independence. An earlier date is a typing error (1025 for 2025). */
#define CHECK_EARLIEST_DATE "1945-01-01"

/* Present, UTF-8 and at most max bytes (RF_TEXT_LENGTH); no control character
 * (C0, DEL, C1) and no bidirectional override or isolate (U+202A-U+202E,
 * U+2066-U+2069) (RF_TEXT_CONTROL); not only invisible characters: spaces,
 * no-break spaces, zero-width characters, U+2060, U+FEFF... (RF_TEXT_INVISIBLE). */
nct_err check_text(const char *s, size_t max, const char *field, struct refusal *rf);

/* As check_text, for a name or a title: at most max characters (code points,
 * as a person counts them, not bytes: "Câu lạc bộ" is 10), else
 * RF_TITLE_LENGTH. Its buffers hold TEXT_BYTES(max) bytes. */
nct_err check_title(const char *s, size_t max, const char *field, struct refusal *rf);

/* As check_text for a text that may be left out: NULL or "" passes; longer
 * than max bytes is RF_TOO_LONG. */
nct_err check_optional_text(const char *s, size_t max, const char *field, struct refusal *rf);

/* A code that goes into URLs: 1..max of ASCII letters, digits, '.', '_', '-',
 * not only dots ("." and ".." are paths): RF_CODE_FORMAT. */
nct_err check_code(const char *s, size_t max, const char *field, struct refusal *rf);

/* A whole number from min to max: RF_NUMBER_RANGE, naming them. */
nct_err check_number(long long v, long long min, long long max, const char *field,
                     struct refusal *rf);

/* One of the NULL-terminated list codes: RF_NOT_ONE_OF, naming them. */
nct_err check_one_of(const char *s, const char *const *codes, const char *field,
                     struct refusal *rf);

/* A date YYYY-MM-DD (RF_DATE_FORMAT), not before CHECK_EARLIEST_DATE
 * (RF_DATE_TOO_EARLY), into *d. */
nct_err check_date(const char *s, const char *field, struct date *d, struct refusal *rf);

/* A date YYYY-MM-DD not after today in Vietnam (RF_DATE_IN_FUTURE), into *d. */
nct_err check_past_date(const char *s, const char *field, struct date *d, struct refusal *rf);

/* A past date of the club's life: not before its founding (RF_BEFORE_FOUNDING). */
nct_err check_club_date(const struct club *c, const char *s, const char *field, struct date *d,
                        struct refusal *rf);

/* The first year of birth the register accepts: a birth before it is a typing
 * error (RF_BIRTH_TOO_EARLY). */
#define CHECK_BIRTH_MIN_YEAR 1900

/* A birth as people write it (birth_parse_vn: "15/03/1950", "03/1950", "1950",
 * or the ISO forms), RF_BIRTH_FORMAT; not before CHECK_BIRTH_MIN_YEAR
 * (RF_BIRTH_TOO_EARLY) nor in the future (RF_BIRTH_IN_FUTURE); into *b. */
nct_err check_birth(const char *s, const char *field, struct birth *b, struct refusal *rf);

/* A day as people write it, "dd/mm/yyyy" or "YYYY-MM-DD" (RF_DAY_FORMAT), not
 * after today in Vietnam (RF_DATE_IN_FUTURE), into *d. */
nct_err check_day(const char *s, const char *field, struct date *d, struct refusal *rf);

/* s is on the list (NULL-terminated). */
bool check_listed(const char *const *codes, const char *s);

#endif

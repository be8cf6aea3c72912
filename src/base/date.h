/* date.h - calendar dates as day numbers, ISO text, and Vietnam time. */
#ifndef NCT_DATE_H
#define NCT_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "err.h"

/* The size of a buffer holding a date as text: "YYYY-MM-DD" or "dd/mm/yyyy"
 * and its NUL. */
#define DATE_LEN 11

/* A calendar date. y/m/d always form a real date after date_parse. */
struct date {
	int y, m, d;
};

/* Parses "YYYY-MM-DD" exactly (no time, no spaces). NCT_ERR_INVALID otherwise,
 * including 2025-02-29. */
nct_err date_parse(const char *s, struct date *out);
/* Parses a date as people type it: "dd/mm/yyyy" (a day or month of one digit
 * too: "5/3/1950"), or "YYYY-MM-DD". NCT_ERR_INVALID otherwise. */
nct_err date_parse_vn(const char *s, struct date *out);
/* Splits "[[d]d/][m]m/yyyy" or "yyyy" into its numbers, year last: out[0..n)
 * holds them in the order written; returns n (1 to 3), or -1 for any other
 * shape. The numbers are not checked against the calendar. */
int date_split_vn(const char *s, int out[3]);
/* Writes "YYYY-MM-DD" into out. */
void date_format(struct date d, char out[DATE_LEN]);
/* Writes "dd/mm/yyyy", the form people read on screen. */
void date_format_vn(struct date d, char out[DATE_LEN]);
bool date_valid(int y, int m, int d);
/* The value of the n decimal digits at s, or -1 when one of them is not a
 * digit. Reads exactly n bytes: the caller checks that s holds them. */
int date_digits(const char *s, int n);
/* Writes |v| as exactly n decimal digits, zero-padded (taken modulo 10^n);
 * returns the byte after them. No terminating NUL is written. */
char *date_put_digits(char *p, int v, int n);
/* Days since 1970-01-01 (negative before). */
int64_t date_to_days(struct date d);
/* The day of a day number, saturated to the dates the text forms can hold:
 * 0001-01-01 to 9999-12-31 (never a year that wraps when written). */
struct date date_from_days(int64_t days);
/* d moved n days (negative: back), saturated as date_from_days: 9999-12-31
 * plus a day is 9999-12-31, whatever n. */
struct date date_add_days(struct date d, int64_t n);
int date_cmp(struct date a, struct date b);
/* Today in Vietnam (UTC+7), whatever the server's clock zone. */
struct date date_today_vn(void);
/* The date in Vietnam of the instant t. */
struct date date_of_time_vn(time_t t);
/* An instant as "YYYY-MM-DDTHH:MM:SS+07:00", Vietnam time; out >= 26 bytes. */
void time_format_vn(time_t t, char out[26]);
/* Reads an instant "YYYY-MM-DDTHH:MM[:SS]" followed by "Z" or an offset
 * "+HH:MM"/"-HH:MM" (RFC 3339; a space may stand for the T), or without an
 * offset, which is then Vietnam time: the way a date and a time typed on a
 * page are meant. The server's clock zone plays no part. NCT_ERR_INVALID for
 * anything else, including a day or time that does not exist. */
nct_err time_parse(const char *s, time_t *out);
/* The instant 00:00 Vietnam time at the start of day d: "before 5 June" ends
 * there. */
time_t time_of_day_vn(struct date d);

#endif

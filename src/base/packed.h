/* packed.h - the fields of the packed text rows the domain keeps beside its
 * tables (club_facts, fact_pack): records of one line each, fields separated
 * by ';'. Each reader checks its field's bound and shape, so a row that is not
 * of the format is an error, never a read past a bound. */
#ifndef NCT_PACKED_H
#define NCT_PACKED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads the field at *p up to the byte end (';' or '\n') into out (at most
 * cap - 1 bytes); moves *p past end. false when the field is longer, or holds
 * a separator or a NUL before end. */
bool packed_field(const char **p, char end, char *out, size_t cap);
/* A decimal number of at most 18 digits, no sign and no spaces: false else. */
bool packed_number(const char *s, int64_t *out);
/* YYYY-MM-DD by its shape (the store's own dates), or "" when may_be_empty. */
bool packed_day(const char *s, bool may_be_empty);
/* Whether a text fits a field: not NULL, shorter than cap, no separator. */
bool packed_fits(const char *s, size_t cap);

#endif

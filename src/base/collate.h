/* collate.h - Vietnamese collation (ICU, locale "vi"): a, ă, â, b, c, d, đ,
 * e, ê, ...; tones after letters (a, à, ả, ã, á, ạ). Lists of people sort by
 * a key made here and stored beside the name, so that SQL can ORDER BY it on
 * either engine (both compare the hex text byte by byte). */
#ifndef NCT_COLLATE_H
#define NCT_COLLATE_H

#include <stddef.h>
#include "buf.h"
#include "err.h"

/* The longest text a key is made of, in bytes of UTF-8. */
#define COLLATE_TEXT_MAX 512

/* Appends to out the ICU sort key of the UTF-8 text s as lowercase hex (two
 * digits a byte; no byte of a key is 0): keys compare (strcmp, SQL on a binary
 * collation) as ICU compares the texts. NCT_ERR_INVALID for malformed UTF-8, NCT_ERR_TOOBIG for
 * a text longer than COLLATE_TEXT_MAX (or out's limit), NCT_ERR_UNAVAILABLE
 * when ICU has no collator (logged once). Safe from any thread. */
nct_err collate_key(const char *s, struct buf *out);

/* The key of several fields compared one after the other (given name, then
 * family name, then middle name): each field's key, joined by the byte 0
 * ("00"), which sorts below every byte of a key, so a field that is a prefix of another
 * sorts first whatever follows. n at most 8. */
nct_err collate_key_fields(const char *const *fields, size_t n, struct buf *out);

/* A name typed all in capitals or all in small letters ("NGUYỄN VĂN HÙNG",
 * "y roa") in title case ("Nguyễn Văn Hùng", "Y Roa"), into out; a name in
 * mixed case is copied as written. NCT_ERR_TOOBIG when s does not fit out. */
nct_err name_case(const char *s, char *out, size_t cap);

#endif

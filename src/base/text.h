/* text.h - UTF-8 checks and Vietnamese-aware folding for search. */
#ifndef NCT_TEXT_H
#define NCT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"

/* The bytes of a buffer for a text of at most `chars` characters (code points
 * of UTF-8, 4 bytes at most each) and its NUL. */
#define TEXT_BYTES(chars) ((chars)*4 + 1)

/* The characters (code points) of UTF-8 text s: what a limit on a name or a
 * title counts, as a person counts it. */
size_t text_chars(const char *s);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). NUL bytes make it false. */
bool text_valid_utf8(const char *s, size_t len);
/* The length of the longest well-formed UTF-8 prefix of s[0..len) without a
 * NUL: len when all of it is; else where the first bad byte is. */
size_t text_utf8_prefix(const char *s, size_t len);

/* Folds s for diacritic-free search: lowercase, Vietnamese tone and vowel
 * marks removed (ắ -> a, ơ -> o, ư -> u), đ/Đ -> d, runs of whitespace and
 * punctuation collapsed to one space, leading and trailing space trimmed.
 * Both precomposed (NFC) and decomposed (NFD, combining marks U+0300-U+036F)
 * input fold the same. Characters outside Latin are copied lowercased where
 * simple, else as they are. Appends to out. Fails with NCT_ERR_INVALID on
 * malformed UTF-8, NCT_ERR_TOOBIG past out's limit. */
nct_err text_fold(const char *s, size_t len, struct buf *out);

/* Convenience: folds a NUL-terminated string into a new malloc'd string.
 * Returns NULL on malformed input or no memory. */
char *text_fold_dup(const char *s);

/* True when needle (already folded) occurs in hay (already folded) at a word
 * start: "dak ha" matches "huyen dak ha" but "ak ha" does not. */
bool text_fold_match(const char *hay, const char *needle);

/* Copies src (NULL: "") into dst of cap bytes, cut to fit and always
 * NUL-terminated: how row readers fill fixed-size fields. */
void text_copy(char *dst, size_t cap, const char *src);

/* Trims ASCII whitespace on both ends, in place; returns s. */
char *text_trim(char *s);

#endif

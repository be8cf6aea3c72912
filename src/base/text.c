/* text.c - UTF-8 checks and diacritic folding.
 *
 * Folding walks code points and looks each one up in small tables rather than
 * branching per letter: the Latin tables below say, for every code point of a
 * block, which ASCII letter it is built on ('.' for none). They were generated
 * from the Unicode names ("LATIN SMALL LETTER A WITH BREVE AND ACUTE" -> 'a'),
 * so every Vietnamese letter, and its capital, is covered. */
#include "text.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Latin-1 Supplement letters, Latin Extended-A and Latin Extended-B. */
#define LATIN_AB_FIRST 0x00C0
static const char latin_ab[] = "aaaaaa.ceeeeiiii" /* U+00C0 */
                               ".nooooo.ouuuuy.." /* U+00D0 */
                               "aaaaaa.ceeeeiiii" /* U+00E0 */
                               ".nooooo.ouuuuy.y" /* U+00F0 */
                               "aaaaaaccccccccdd" /* U+0100 */
                               "ddeeeeeeeeeegggg" /* U+0110 */
                               "gggghhhhiiiiiiii" /* U+0120 */
                               "i...jjkk.lllllll" /* U+0130 */
                               "lllnnnnnn...oooo" /* U+0140 */
                               "oo..rrrrrrssssss" /* U+0150 */
                               "ssttttttuuuuuuuu" /* U+0160 */
                               "uuuuwwyyyzzzzzz." /* U+0170 */
                               "bbbb...cc.ddd..." /* U+0180 */
                               ".ffg...ikkl..nno" /* U+0190 */
                               "oo..pp.....ttttu" /* U+01A0 */
                               "u.vyyzz........." /* U+01B0 */
                               ".............aai" /* U+01C0 */
                               "ioouuuuuuuuuu.aa" /* U+01D0 */
                               "aa..ggggkkoooo.." /* U+01E0 */
                               "j...gg..nnaa..oo" /* U+01F0 */
                               "aaaaeeeeiiiioooo" /* U+0200 */
                               "rrrruuuusstt..hh" /* U+0210 */
                               "nd..zzaaeeoooooo" /* U+0220 */
                               "ooyylnt...acclts" /* U+0230 */
                               "z..b..eejj.qrryy" /* U+0240 */;

/* Latin Extended Additional: Vietnamese ạ..ỹ live at U+1EA0-U+1EF9. */
#define LATIN_ADD_FIRST 0x1E00
static const char latin_add[] = "aabbbbbbccdddddd" /* U+1E00 */
                                "ddddeeeeeeeeeeff" /* U+1E10 */
                                "gghhhhhhhhhhiiii" /* U+1E20 */
                                "kkkkkkllllllllmm" /* U+1E30 */
                                "mmmmnnnnnnnnoooo" /* U+1E40 */
                                "oooopppprrrrrrrr" /* U+1E50 */
                                "sssssssssstttttt" /* U+1E60 */
                                "ttuuuuuuuuuuvvvv" /* U+1E70 */
                                "wwwwwwwwwwxxxxyy" /* U+1E80 */
                                "zzzzzzhtwya....." /* U+1E90 */
                                "aaaaaaaaaaaaaaaa" /* U+1EA0 */
                                "aaaaaaaaeeeeeeee" /* U+1EB0 */
                                "eeeeeeeeiiiioooo" /* U+1EC0 */
                                "oooooooooooooooo" /* U+1ED0 */
                                "oooouuuuuuuuuuuu" /* U+1EE0 */
                                "uuyyyyyyyy....yy" /* U+1EF0 */;

_Static_assert(sizeof(latin_ab) - 1 == 0x0250 - LATIN_AB_FIRST, "latin_ab covers U+00C0-U+024F");
_Static_assert(sizeof(latin_add) - 1 == 0x1F00 - LATIN_ADD_FIRST, "latin_add covers U+1E00-U+1EFF");

struct cp_range {
	uint32_t lo, hi;
};

/* Non-ASCII code points that separate words like ASCII punctuation does:
 * C1 controls, no-break space and Latin-1 signs, general punctuation (dashes,
 * curly quotes, odd spaces), ideographic space and marks, the BOM. */
static const struct cp_range separators[] = {
    {0x0080, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7},
    {0x2000, 0x206F}, {0x3000, 0x3003}, {0xFEFF, 0xFEFF},
};

/* Simple lowercase mappings for letters the Latin tables leave alone
 * (Æ, Þ, Œ, Ŋ) and for basic Greek and Cyrillic: cp + delta when
 * (cp - lo) is a multiple of step. */
static const struct case_rule {
	uint32_t lo, hi, delta, step;
} case_rules[] = {
    {0x00C0, 0x00DE, 0x20, 1}, {0x0132, 0x0136, 1, 2},    {0x014A, 0x0176, 1, 2},
    {0x0391, 0x03A1, 0x20, 1}, {0x03A3, 0x03AB, 0x20, 1}, {0x0400, 0x040F, 0x50, 1},
    {0x0410, 0x042F, 0x20, 1},
};

#define COMBINING_FIRST 0x0300
#define COMBINING_LAST  0x036F

/* Decodes the code point at s[0..len) into *cp and returns its length, or 0
 * when the bytes there are not well-formed UTF-8 (Unicode table 3-7: no
 * overlongs, no surrogates, nothing above U+10FFFF, nothing truncated) or are
 * a NUL. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t n;

	if (c == 0)
		return 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0; /* shorter forms exist: overlong */
	else if (c == 0xED)
		hi = 0x9F; /* U+D800-U+DFFF: surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	uint32_t v = c & (0xFFu >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	*cp = v;
	return n;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t text_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t text_utf8_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(p + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

bool text_valid_utf8(const char *s, size_t len)
{
	return text_utf8_prefix(s, len) == len;
}

enum fold_kind {
	FOLD_DROP,  /* a combining mark: vanishes, the word goes on */
	FOLD_SPACE, /* whitespace or punctuation: ends a word */
	FOLD_CHAR,  /* a character to write */
};

static bool in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	}
	return false;
}

/* The ASCII letter cp is built on, or 0. */
static char latin_base(uint32_t cp)
{
	char c = '.';

	if (cp >= LATIN_AB_FIRST && cp - LATIN_AB_FIRST < sizeof(latin_ab) - 1)
		c = latin_ab[cp - LATIN_AB_FIRST];
	else if (cp >= LATIN_ADD_FIRST && cp - LATIN_ADD_FIRST < sizeof(latin_add) - 1)
		c = latin_add[cp - LATIN_ADD_FIRST];
	return c == '.' ? 0 : c;
}

static uint32_t simple_lower(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(case_rules) / sizeof(case_rules[0]); i++) {
		const struct case_rule *r = &case_rules[i];
		if (cp >= r->lo && cp <= r->hi && (cp - r->lo) % r->step == 0)
			return cp + r->delta;
	}
	return cp;
}

/* Classifies cp; for FOLD_CHAR, *out is what to write. Folding never makes a
 * character longer in UTF-8, which text_fold_dup relies on. */
static enum fold_kind fold_char(uint32_t cp, uint32_t *out)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (!(cp >= 'a' && cp <= 'z') && !(cp >= '0' && cp <= '9'))
			return FOLD_SPACE;
		*out = cp;
		return FOLD_CHAR;
	}
	if (cp >= COMBINING_FIRST && cp <= COMBINING_LAST)
		return FOLD_DROP;
	if (in_ranges(cp, separators, sizeof(separators) / sizeof(separators[0])))
		return FOLD_SPACE;
	char base = latin_base(cp);
	*out = base ? (uint32_t)base : simple_lower(cp);
	return FOLD_CHAR;
}

static nct_err fold_emit(struct buf *out, bool space, uint32_t cp)
{
	char enc[4];
	nct_err e;

	if (space) {
		e = buf_addc(out, ' ');
		if (e)
			return e;
	}
	return buf_add(out, enc, utf8_encode(cp, enc));
}

nct_err text_fold(const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	bool wrote = false, gap = false;
	size_t i = 0;

	/* Checked up front so that nothing is appended for bad input. */
	if (!text_valid_utf8(s, len))
		return NCT_ERR_INVALID;
	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		assert(n > 0);
		i += n;
		switch (fold_char(cp, &cp)) {
		case FOLD_DROP:
			break;
		case FOLD_SPACE:
			gap = wrote;
			break;
		case FOLD_CHAR: {
			nct_err e = fold_emit(out, gap, cp);
			if (e)
				return e;
			gap = false;
			wrote = true;
			break;
		}
		}
	}
	return NCT_OK;
}

char *text_fold_dup(const char *s)
{
	struct buf b;

	if (!s)
		return NULL;
	size_t len = strlen(s);
	buf_init(&b, len); /* the fold is never longer than its input */
	if (text_fold(s, len, &b)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

bool text_fold_match(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = hay;;) {
		if (strncmp(p, needle, n) == 0)
			return true;
		p = strchr(p, ' ');
		if (!p)
			return false;
		p++;
	}
}

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

char *text_trim(char *s)
{
	if (!s)
		return NULL;
	size_t start = 0, end = strlen(s);
	while (start < end && is_ascii_space(s[start]))
		start++;
	while (end > start && is_ascii_space(s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

void text_copy(char *dst, size_t cap, const char *src)
{
	/* as snprintf(dst, cap, "%s", src) would, without its formatting cost
	 * (the place-wide lists copy a few million fields) */
	if (!cap)
		return;
	size_t n = src ? strnlen(src, cap - 1) : 0;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

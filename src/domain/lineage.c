/* lineage.c - reading commune_predecessors text into items and linking the
 * items that name one commune, whole or a part of it, to the old tree.
 *
 * The published text is prose, not a list. Three habits of it shape this file:
 * - a part is announced once for a run of names ("một phần diện tích TN, quy mô
 *   dân số của các phường Cửa Nam, Điện Biên, Đội Cấn"), so once a piece speaks
 *   of a part outside parentheses, every later piece of the same text is a part;
 * - a parenthesis either names a district ("(thành phố Quảng Ngãi)", the hint)
 *   or speaks of a part ("(phần còn lại sau khi sáp nhập vào phường Ba Đình,
 *   phường Ngọc Hà)"), and its commas do not separate items;
 * - the kind of a name is sometimes implied by the list ("các phường Cửa Nam",
 *   "Phường Nguyễn Nghiêm, Phổ Hòa").
 * When in doubt a piece stays text: a wrong link is worse than no link.
 *
 * The old list and the texts spell some names differently ("Ngọk Lây" for
 * "Ngọc Lây", "Pờ Y" for "Bờ Y"): a name that matches nothing as written is
 * compared again through a small table of spelling variants, and a name is
 * checked against its neighbours (the other names of the same text), since a
 * new commune was formed from adjacent old ones. */
#include "lineage.h"

#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/text.h"
#include "../base/vec.h"

/* The longest text we read; the longest in the 2025 file is about 1.2 KiB. */
#define LINEAGE_MAX_TEXT 65536

/* Commune kinds as written, compared after lowering ASCII letters. The 2025
 * file mixes precomposed (NFC) and decomposed (NFD) spellings. Exact
 * spellings, not folded ones: folded, "Phương Mai" would read as "Phường Mai"
 * and "Phùng Xá" as "Phùng Xã". */
static const struct {
	const char *canon;
	const char *spelling[7];
} kinds[] = {
    {"Xã", {"xã", "xa\u0303"}},
    {"Phường",
     {"phường", "ph\u01b0\u01a1\u0300ng", "phu\u031bo\u031b\u0300ng", "phu\u031b\u1eddng",
      "ph\u01b0o\u031b\u0300ng", "phu\u031b\u01a1\u0300ng"}},
    {"Thị trấn",
     {"thị trấn", "thi\u0323 tr\u1ea5n", "th\u1ecb tr\u00e2\u0301n", "thi\u0323 tr\u00e2\u0301n",
      "th\u1ecb tra\u0302\u0301n", "thi\u0323 tra\u0302\u0301n"}},
};

/* The conjunction "và", NFC and NFD, lower case only: "Xã Lao Và Chải" is
 * one commune of Hà Giang. */
static const char *const and_words[] = {"và", "va\u0300"};

/* Folded phrases that make a piece a part of a commune ("phần còn lai" is a
 * typo in the file; it folds the same). */
static const char *const part_markers[] = {"mot phan", "phan con lai", "phan dien tich"};

/* Folded phrases that open a piece without naming anything yet: "một phần diện
 * tích TN, quy mô dân số của ..." is cut at its first comma by the split. */
static const char *const lead_markers[] = {"toan bo", "mot phan", "phan con lai", "dien tich",
                                           "quy mo",  "dan so",   "sap xep"};

/* Folded phrases that never occur in a commune name: a piece holding one is
 * prose, not a name. */
static const char *const prose_markers[] = {"mot phan", "phan con lai", "con lai", "dien tich",
                                            "quy mo",   "dan so",       "sau khi", "sap nhap",
                                            "sap xep",  "quy dinh",     "khu vuc", "toan bo"};

/* Folded first words of a piece that names something other than a commune. */
static const char *const not_communes[] = {"thon",      "xom",     "ap",        "ban",  "to",
                                           "khu",       "huyen",   "quan",      "tinh", "thi xa",
                                           "thanh pho", "dac khu", "truong ban"};

/* Folded first words of a piece that names a whole district: "Huyện Lý Sơn"
 * became a special zone (đặc khu). */
static const char *const district_kinds[] = {"huyen", "quan", "thi xa", "thanh pho"};

/* Folded openings of a parenthesis that adds to a whole commune without
 * taking anything away: "Thị trấn Sông Đốc (bao gồm cụm đảo Hòn Chuối)". */
static const char *const inclusions[] = {"bao gom"};

/* Folded openings of a parenthesis that names a district or province. */
static const char *const place_kinds[] = {"huyen", "quan", "thi xa", "thanh pho", "tinh", "tp"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True when folded text s starts with phrase followed by a word end. */
static bool starts_with_word(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	return strncmp(s, phrase, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

/* True when folded text s holds phrase as whole words: "quy mo" is in "quy mo
 * dan so" but not in "xa quy mong". */
static bool has_words(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = s; (p = strstr(p, phrase)) != NULL; p++)
		if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

static bool has_phrase(const char *s, const char *const *phrases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (has_words(s, phrases[i]))
			return true;
	return false;
}

static bool starts_with_any(const char *s, const char *const *phrases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts_with_word(s, phrases[i]))
			return true;
	return false;
}

/* Compares s[0..n) with lower-case word w, lowering ASCII letters of s. */
static bool same_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return n == len || is_space(s[n]) || s[n] == '(' || s[n] == ',';
}

/* When s[0..len) starts with a commune kind, returns its length in bytes and
 * sets *canon to its usual spelling ("Phường"); else 0. */
static size_t kind_at(const char *s, size_t len, const char **canon)
{
	for (size_t k = 0; k < COUNT(kinds); k++) {
		for (size_t i = 0; i < COUNT(kinds[k].spelling) && kinds[k].spelling[i]; i++) {
			if (same_word(s, len, kinds[k].spelling[i])) {
				*canon = kinds[k].canon;
				return strlen(kinds[k].spelling[i]);
			}
		}
	}
	return 0;
}

/* When s[0..len) starts with " và ", returns its length; else 0. */
static size_t and_at(const char *s, size_t len)
{
	if (len < 2 || s[0] != ' ')
		return 0;
	for (size_t i = 0; i < COUNT(and_words); i++) {
		size_t n = strlen(and_words[i]);
		if (n + 2 <= len && memcmp(s + 1, and_words[i], n) == 0 && s[n + 1] == ' ')
			return n + 2;
	}
	return 0;
}

struct span {
	size_t start, end; /* byte offsets into the text */
};

/* Cuts text at commas, semicolons and " và " outside parentheses, so that
 * "(phần còn lại sau khi sáp nhập vào phường Ba Đình, phường Ngọc Hà)" stays
 * with the name it follows. Blank pieces are dropped. */
static nct_err split(const char *text, size_t len, struct vec *out)
{
	size_t start = 0, i = 0;
	int depth = 0;
	while (i <= len) {
		size_t cut = 0;
		if (i == len)
			cut = 1;
		else if (text[i] == '(')
			depth++;
		else if (text[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 && (text[i] == ',' || text[i] == ';'))
			cut = 1;
		else if (depth == 0)
			cut = and_at(text + i, len - i);
		if (!cut) {
			i++;
			continue;
		}
		size_t a = start, b = i;
		while (a < b && is_space(text[a]))
			a++;
		while (b > a && is_space(text[b - 1]))
			b--;
		if (a < b && vec_add(out, &(struct span){a, b}))
			return vec_failed(out);
		i += cut;
		start = i;
	}
	return NCT_OK;
}

/* What one piece says, read apart from its parentheses. */
struct reading {
	struct buf head; /* the piece outside parentheses, blanks collapsed */
	char *fold;      /* head folded */
	char *hint;      /* the first parenthesis naming a district or province */
	bool part_paren; /* a parenthesis speaks of a part */
	bool odd_paren;  /* a parenthesis that is neither a hint nor a part */
};

static void reading_free(struct reading *r)
{
	buf_free(&r->head);
	free(r->fold);
	free(r->hint);
	memset(r, 0, sizeof(*r));
}

/* Copies s[0..len) trimmed into a new string; NULL when out of memory. */
static char *dup_trimmed(const char *s, size_t len)
{
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	char *d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/* Moves past the first word of s and the blanks after it. */
static const char *skip_word(const char *s)
{
	while (*s && !is_space(*s))
		s++;
	while (is_space(*s))
		s++;
	return s;
}

/* Sorts one parenthesis: a part, a hint ("thuộc huyện Đăk Hà" gives "huyện
 * Đăk Hà"), or neither. */
static nct_err read_paren(struct reading *r, const char *s, size_t len)
{
	char *raw = dup_trimmed(s, len);
	char *f = raw ? text_fold_dup(raw) : NULL;
	nct_err e = NCT_ERR_NOMEM;
	if (!f)
		goto cleanup;
	e = NCT_OK;
	const char *place = raw, *fplace = f;
	if (starts_with_word(f, "thuoc")) {
		place = skip_word(raw);
		fplace = skip_word(f);
	}
	if (has_phrase(f, part_markers, COUNT(part_markers))) {
		r->part_paren = true;
	} else if (!r->hint && starts_with_any(fplace, place_kinds, COUNT(place_kinds)) &&
	           *skip_word(fplace)) {
		if (!(r->hint = dup_trimmed(place, strlen(place))))
			e = NCT_ERR_NOMEM;
	} else if (!starts_with_any(f, inclusions, COUNT(inclusions))) {
		r->odd_paren = true;
	}
cleanup:
	free(f);
	free(raw);
	return e;
}

/* Appends s[0..len) to the head, one blank between words. */
static nct_err add_words(struct buf *head, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (is_space(s[i])) {
			if (head->len && head->ptr[head->len - 1] != ' ' && buf_addc(head, ' '))
				return NCT_ERR_NOMEM;
			continue;
		}
		if (buf_addc(head, s[i]))
			return NCT_ERR_NOMEM;
	}
	return NCT_OK;
}

/* Returns the length of what the parenthesis opening at s[i] encloses; sets
 * *next past its closing parenthesis, or to len when it is never closed. */
static size_t paren_inner(const char *s, size_t len, size_t i, size_t *next)
{
	int depth = 0;
	for (size_t j = i; j < len; j++) {
		if (s[j] == '(')
			depth++;
		else if (s[j] == ')' && --depth == 0) {
			*next = j + 1;
			return j - i - 1;
		}
	}
	*next = len;
	return len - i - 1;
}

/* Splits piece s[0..len) into its head and its top-level parentheses. */
static nct_err read_piece(const char *s, size_t len, struct reading *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->head, LINEAGE_MAX_TEXT);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		if (s[i] != '(') {
			while (j < len && s[j] != '(')
				j++;
			if (add_words(&r->head, s + i, j - i))
				return NCT_ERR_NOMEM;
			i = j;
			continue;
		}
		size_t inner = paren_inner(s, len, i, &j);
		nct_err e = read_paren(r, s + i + 1, inner);
		if (e)
			return e;
		if (add_words(&r->head, " ", 1))
			return NCT_ERR_NOMEM;
		i = j;
	}
	while (r->head.len && r->head.ptr[r->head.len - 1] == ' ')
		r->head.ptr[--r->head.len] = '\0';
	r->fold = text_fold_dup(buf_str(&r->head));
	return r->fold ? NCT_OK : NCT_ERR_NOMEM;
}

/* Finds the first commune kind at a word start of s; returns a pointer to it
 * or NULL. */
static const char *find_kind(const char *s, const char **canon)
{
	for (const char *p = s; *p; p++) {
		if ((p == s || p[-1] == ' ') && kind_at(p, strlen(p), canon))
			return p;
	}
	return NULL;
}

/* True when the piece opens a phrase and names nothing: "một phần diện tích
 * TN" before ", quy mô dân số của các phường Cửa Nam". */
static bool dangling(const struct reading *r)
{
	const char *canon;
	return has_phrase(r->fold, lead_markers, COUNT(lead_markers)) &&
	       !find_kind(buf_str(&r->head), &canon);
}

/* True when every word of s starts with a capital or a digit, as a name does. */
static bool name_like(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p != s && p[-1] != ' ')
			continue;
		unsigned char c = (unsigned char)*p;
		bool upper = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		/* Đ, Ơ, Ư, Ă, Â... and the capitals of U+1EA0-U+1EF9 (even code points). */
		if (c == 0xc3)
			upper = (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9e;
		else if (c == 0xc4 || c == 0xc5)
			upper = ((unsigned char)p[1] & 1) == 0;
		else if (c == 0xc6)
			upper = p[1] == '\xa0' || p[1] == '\xaf';
		else if (c == 0xe1 && (unsigned char)p[1] >= 0xba && (unsigned char)p[1] <= 0xbb)
			upper = ((unsigned char)p[2] & 1) == 0;
		if (!upper)
			return false;
	}
	return true;
}

/* True when s reads as the name of a commune without its kind: every word
 * capitalised ("Cửa Nam", "Phường 6" without "Phường"), no prose phrase. */
static bool names_a_commune(const char *s)
{
	if (!*s || !name_like(s))
		return false;
	char *f = text_fold_dup(s);
	bool yes = f && *f && !has_phrase(f, prose_markers, COUNT(prose_markers));
	free(f);
	return yes;
}

/* True when s, a piece without a commune kind, starts like a village, a
 * district or an area ("Thôn Mịch A", "Trường bắn TB1"). */
static bool names_no_commune(const char *s)
{
	char *f = text_fold_dup(s);
	bool yes = !f || starts_with_any(f, not_communes, COUNT(not_communes));
	free(f);
	return yes;
}

/* True when the word at s (up to a blank) folds to w: "Sau" and "sau" are "sau". */
static bool word_is(const char *s, const char *w)
{
	size_t len = 0;
	while (s[len] && !is_space(s[len]))
		len++;
	struct buf b;
	buf_init(&b, 64);
	bool yes = len && text_fold(s, len, &b) == NCT_OK && strcmp(buf_str(&b), w) == 0;
	buf_free(&b);
	return yes;
}

/* Sets *name to a new string "Kind Name". */
static nct_err make_name(const char *canon, const char *rest, char **name)
{
	struct buf b;
	buf_init(&b, LINEAGE_MAX_TEXT);
	if (buf_printf(&b, "%s %s", canon, rest) || !(*name = buf_detach(&b))) {
		buf_free(&b);
		return NCT_ERR_NOMEM;
	}
	return NCT_OK;
}

/* State carried from piece to piece of one text. */
struct parse_state {
	bool part_run;         /* a part was announced: later pieces are parts */
	const char *list_kind; /* the kind of the last named commune, for "Phổ Hòa" */
};

/* Where the name starts after a whole lead-in, "Toàn bộ diện tích TN, quy mô
 * dân số của các phường Phường Giảng Võ": at the last of a run of kinds. */
static const char *after_lead_in(const char *head)
{
	const char *canon;
	const char *k = find_kind(head, &canon);
	if (!k)
		return NULL;
	size_t n = kind_at(k, strlen(k), &canon);
	const char *next = k + n + (k[n] == ' ');
	return kind_at(next, strlen(next), &canon) ? next : k;
}

/* Reads "Kind Name" (or a bare "Name" whose kind the list implies) into a new
 * string "Kind Name" in *name. *name stays NULL when the piece is not one
 * commune name. */
static nct_err read_name(const struct reading *r, struct parse_state *st, char **name)
{
	const char *p = buf_str(&r->head), *canon = NULL;
	*name = NULL;
	if (starts_with_word(r->fold, "toan bo") && !(p = after_lead_in(p)))
		return NCT_OK;
	size_t n = kind_at(p, strlen(p), &canon);
	if (n) {
		st->list_kind = canon;
		p += n + (p[n] == ' ');
	} else if (!st->list_kind || starts_with_any(r->fold, not_communes, COUNT(not_communes)) ||
	           !name_like(p)) {
		return NCT_OK;
	} else {
		canon = st->list_kind;
	}
	char *f = text_fold_dup(p);
	if (!f)
		return NCT_ERR_NOMEM;
	bool prose = !*f || has_phrase(f, prose_markers, COUNT(prose_markers));
	free(f);
	if (prose || r->odd_paren)
		return NCT_OK;
	return make_name(canon, p, name);
}

/* Reads a piece that names a whole district, "Huyện Kiên Hải" (the island
 * districts that became special zones), into a copy of the head in *name. */
static nct_err read_district(const struct reading *r, char **name)
{
	const char *head = buf_str(&r->head), *rest = head;
	*name = NULL;
	size_t k = 0;
	while (k < COUNT(district_kinds) && !starts_with_word(r->fold, district_kinds[k]))
		k++;
	if (k == COUNT(district_kinds) || r->odd_paren || r->part_paren)
		return NCT_OK;
	for (const char *w = district_kinds[k]; w; w = strchr(w + 1, ' '))
		rest = skip_word(rest);
	if (!names_a_commune(rest))
		return NCT_OK;
	*name = dup_trimmed(head, strlen(head));
	return *name ? NCT_OK : NCT_ERR_NOMEM;
}

/* Where the name of a part ends: before "sau khi" ("phần còn lại của xã Kim
 * Phú sau khi sắp xếp"), else at the end of s. */
static size_t part_name_end(const char *s)
{
	for (const char *p = s; *p; p = skip_word(p)) {
		const char *next = skip_word(p);
		if (word_is(p, "sau") && word_is(next, "khi"))
			return (size_t)(p - s);
	}
	return strlen(s);
}

/* The name after the last commune kind of s that a name follows: "Cửa Nam" in
 * "một phần ... của các phường Cửa Nam", "Tân Xã" in "Xã Tân Xã"; NULL when
 * there is none. *canon is that kind. */
static const char *last_named_kind(const char *s, const char **canon)
{
	const char *found = NULL;
	for (const char *p = s; *p; p = skip_word(p)) {
		const char *c;
		size_t n = kind_at(p, strlen(p), &c);
		const char *rest = p + n + (p[n] == ' ');
		if (n && *rest && names_a_commune(rest)) {
			found = rest;
			*canon = c;
		}
	}
	return found;
}

/* Reads the commune a part is taken from: the last "Kind Name" of the piece
 * before "sau khi" ("một phần diện tích ... của các phường Cửa Nam", "phần còn
 * lại của xã Xã Vầy Nưa sau khi sắp xếp"), or a bare name that takes the kind
 * of the list ("Điện Biên"). *name stays NULL when nothing reads as a name. */
static nct_err read_part_name(const struct reading *r, const struct parse_state *st, char **name)
{
	const char *head = buf_str(&r->head), *canon = NULL;
	*name = NULL;
	if (r->odd_paren)
		return NCT_OK;
	char *cut = dup_trimmed(head, part_name_end(head));
	if (!cut)
		return NCT_ERR_NOMEM;
	const char *at = last_named_kind(cut, &canon);
	nct_err e = NCT_OK;
	if (at)
		e = make_name(canon, at, name);
	else if (st->list_kind && !find_kind(cut, &canon) && !names_no_commune(cut) &&
	         names_a_commune(cut))
		e = make_name(st->list_kind, cut, name);
	free(cut);
	return e;
}

/* Fills item from one piece s[0..len). */
static nct_err read_item(const char *s, size_t len, struct parse_state *st,
                         struct lineage_item *item)
{
	struct reading r;
	nct_err e = read_piece(s, len, &r);
	if (e)
		goto cleanup;
	e = NCT_ERR_NOMEM;
	if (!(item->text = dup_trimmed(s, len)))
		goto cleanup;
	item->hint = r.hint;
	r.hint = NULL;
	bool part_head = has_phrase(r.fold, part_markers, COUNT(part_markers));
	if (part_head)
		st->part_run = true;
	else if (starts_with_word(r.fold, "toan bo"))
		st->part_run = false;
	e = NCT_OK;
	if (part_head || r.part_paren || st->part_run) {
		const char *canon;
		if (find_kind(buf_str(&r.head), &canon))
			st->list_kind = canon;
		e = read_part_name(&r, st, &item->name);
		/* "phần còn lại của Phường Quang Trung sau khi sắp xếp và Xã
		 * Phong Quang": the clause closes, the next name is whole again. */
		if (has_words(r.fold, "sau khi sap xep"))
			st->part_run = false;
		goto cleanup;
	}
	e = read_name(&r, st, &item->name);
	if (!e && !item->name) {
		e = read_district(&r, &item->name);
		item->district = item->name != NULL;
	}
	item->whole = item->name != NULL;
cleanup:
	reading_free(&r);
	return e;
}

static void item_free(struct lineage_item *it)
{
	free(it->text);
	free(it->name);
	free(it->hint);
}

void lineage_free(struct lineage *l)
{
	for (size_t i = 0; i < l->n; i++)
		item_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* Joins each dangling lead-in with the piece after it. */
static nct_err join_lead_ins(const char *text, struct vec *sp)
{
	struct span *v = sp->ptr;
	size_t w = 0;
	for (size_t i = 0; i < sp->n; i++) {
		struct reading r;
		nct_err e = read_piece(text + v[i].start, v[i].end - v[i].start, &r);
		bool join = !e && i + 1 < sp->n && dangling(&r);
		reading_free(&r);
		if (e)
			return e;
		if (join)
			v[i + 1].start = v[i].start;
		else
			v[w++] = v[i];
	}
	sp->n = w;
	return NCT_OK;
}

nct_err lineage_parse(const char *text, struct lineage *out)
{
	struct vec sp; /* struct span; a piece has at least one byte */
	struct parse_state st = {0};
	size_t len = text ? strnlen(text, LINEAGE_MAX_TEXT + 1) : 0;
	nct_err e = NCT_OK;
	out->items = NULL;
	out->n = 0;
	if (len > LINEAGE_MAX_TEXT)
		return NCT_ERR_TOOBIG;
	if (!text_valid_utf8(text ? text : "", len))
		return NCT_ERR_INVALID;
	vec_init(&sp, sizeof(struct span), LINEAGE_MAX_TEXT);
	if ((e = split(text, len, &sp)) || (e = join_lead_ins(text, &sp)))
		goto cleanup;
	if (sp.n && !(out->items = calloc(sp.n, sizeof(*out->items)))) {
		e = NCT_ERR_NOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < sp.n && !e; i++, out->n++) {
		const struct span *x = vec_at(&sp, struct span, i);
		e = read_item(text + x->start, x->end - x->start, &st, &out->items[i]);
	}
cleanup:
	vec_free(&sp);
	if (e)
		lineage_free(out);
	return e;
}

/* The comparison form of a name: folded, then only letters and digits, so
 * "Xã Ch’ơm" meets "Xã Ch'ơm" and "Ia H' Drai" meets "Ia H'Drai". With
 * drop_kind, a leading "huyện", "thành phố"... goes too: a district's kind
 * changed more often than its name. NULL when out of memory. */
static char *key_of(const char *s, bool drop_kind)
{
	char *f = text_fold_dup(s ? s : "");
	if (!f)
		return NULL;
	const char *p = f;
	for (size_t i = 0; drop_kind && i < COUNT(place_kinds); i++) {
		if (starts_with_word(f, place_kinds[i]) && f[strlen(place_kinds[i])] == ' ') {
			p = f + strlen(place_kinds[i]) + 1;
			break;
		}
	}
	char *w = f;
	for (; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			*w++ = *p;
	*w = '\0';
	return f;
}

/* The key of a commune name without its kind: "Phường Thu Thuỷ" gives "thuthuy". */
static char *bare_key_of(const char *name)
{
	const char *canon;
	size_t n = name ? kind_at(name, strlen(name), &canon) : 0;
	return key_of(name ? name + n : NULL, false);
}

/* Spelling variants between the published texts and the old list, as
 * rewrites of folded words applied to both names before they are compared
 * again (only when a name matched nothing as it is). Folding already makes
 * "Đăk", "Đắk" and "Đak" one word; each rule below was seen in the 2025
 * texts (docs/architecture.md, "The map", lists the pairs). */
static const struct {
	const char *words, *as; /* whole words */
} variant_words[] = {
    /* Thị trấn Nông trường / NT / N.T Phong Hải */
    {"nong truong", "nt"},
    {"n t", "nt"},
    /* Xã Hòa Tú II / 2, Phường IV / 4: Roman numerals that no Vietnamese
     * syllable spells ("vi" is also "Vĩ", "i" also "Ì") */
    {"ii", "2"},
    {"iii", "3"},
    {"iv", "4"},
    {"vii", "7"},
    {"viii", "8"},
};

enum variant_at { AT_START, ANYWHERE };

static const struct {
	const char *from, *to;
	char unless; /* the rule holds unless this letter follows */
	enum variant_at at;
} variant_letters[] = {
    {"tr", "ch", 0, AT_START}, /* Sủng Tráng / Sủng Cháng, Kim Chung / Kim Trung */
    {"x", "s", 0, AT_START},   /* Xà Phìn / Sà Phìn, Nàn Xín / Nàn Sín */
    {"p", "b", 'h', AT_START}, /* Bờ Y / Pờ Y, Đắk Blô / Đăk Plô, Pú Pẩu / Pú Bẩu */
    {"k", "c", 'h', ANYWHERE}, /* Ngọc Lây / Ngọk Lây, Kan Hồ / Can Hồ */
    {"oo", "o", 0, ANYWHERE},  /* Noong Lay / Nong Lay, Đăk Roong / Đak Rong */
};

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* A final "y" after a consonant or "qu" is written "i" too: Quý / Quí, Sỹ / Sĩ,
 * Ly / Li, Vỹ / Vĩ ("Thụy", "Hay" keep theirs). */
static bool y_as_i(const char *w, size_t j, size_t n)
{
	if (j + 1 != n || w[j] != 'y' || j == 0)
		return false;
	return !is_vowel(w[j - 1]) || (j >= 2 && w[j - 2] == 'q' && w[j - 1] == 'u');
}

/* Appends folded word w[0..n) with its letters rewritten. */
static nct_err variant_letters_of(const char *w, size_t n, struct buf *out)
{
	size_t j = 0;
	nct_err e = NCT_OK;
	for (size_t r = 0; r < COUNT(variant_letters); r++) {
		size_t k = strlen(variant_letters[r].from);
		if (variant_letters[r].at == AT_START && n > k &&
		    memcmp(w, variant_letters[r].from, k) == 0 &&
		    w[k] != variant_letters[r].unless) {
			e = buf_adds(out, variant_letters[r].to);
			j = k;
			break;
		}
	}
	while (!e && j < n) {
		size_t r = 0, k = 0;
		for (; r < COUNT(variant_letters); r++) {
			k = strlen(variant_letters[r].from);
			if (variant_letters[r].at == ANYWHERE && j + k <= n &&
			    memcmp(w + j, variant_letters[r].from, k) == 0 &&
			    (j + k == n || w[j + k] != variant_letters[r].unless))
				break;
		}
		if (r < COUNT(variant_letters)) {
			e = buf_adds(out, variant_letters[r].to);
			j += k;
		} else {
			e = buf_addc(out, y_as_i(w, j, n) ? 'i' : w[j]);
			j++;
		}
	}
	return e;
}

/* The key of a name with the spelling variants applied: "Xã Ngọk Lây" and "Xã
 * Ngọc Lây" both give "sangoclay". NULL when out of memory. */
static char *variant_key_of(const char *name)
{
	char *f = text_fold_dup(name ? name : "");
	struct buf b;
	buf_init(&b, LINEAGE_MAX_TEXT);
	nct_err e = f ? NCT_OK : NCT_ERR_NOMEM;
	for (const char *p = f; !e && p && *p;) {
		size_t r = 0;
		while (r < COUNT(variant_words) && !starts_with_word(p, variant_words[r].words))
			r++;
		size_t n =
		    r < COUNT(variant_words) ? strlen(variant_words[r].words) : strcspn(p, " ");
		e = r < COUNT(variant_words) ? buf_adds(&b, variant_words[r].as)
		                             : variant_letters_of(p, n, &b);
		p += n + (p[n] == ' ');
	}
	free(f);
	char *k = e ? NULL : buf_detach(&b);
	buf_free(&b);
	if (!k)
		return NULL;
	char *w = k;
	for (const char *p = k; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			*w++ = *p;
	*w = '\0';
	return k;
}

static bool same_key(const char *a, const char *b, bool drop_kind)
{
	char *ka = key_of(a, drop_kind), *kb = key_of(b, drop_kind);
	bool same = ka && kb && *ka && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

/* One place ("thị xã Đức Phổ") is the unit's district, in the words of
 * either, or its province. */
static bool place_fits(const char *place, const struct lineage_unit *u)
{
	if (u->district_name &&
	    (same_key(place, u->district_name, false) || same_key(place, u->district_name, true)))
		return true;
	return u->province_name && same_key(place, u->province_name, false);
}

/* Every comma-separated place of the hint fits the unit: "huyện Châu Thành,
 * tỉnh Bến Tre". */
static bool hint_fits(const char *hint, const struct lineage_unit *u)
{
	char *copy = dup_trimmed(hint, strlen(hint));
	bool fits = copy != NULL;
	for (char *p = copy; fits && p;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		fits = place_fits(p, u);
		p = comma ? comma + 1 : NULL;
	}
	free(copy);
	return fits;
}

#define NO_UNIT        ((size_t)-1)
#define MAX_CANDIDATES 32

/* Units an item may name, each code once. */
struct candidates {
	size_t at[MAX_CANDIDATES];
	size_t n;
	bool overflow; /* more than MAX_CANDIDATES: treated as ambiguous */
};

/* Adds to c the units whose key is key and which the item's hint fits. */
static void add_candidates(const struct lineage_item *it, const char *key, char *const *keys,
                           const struct lineage_unit *units, size_t n, struct candidates *c)
{
	for (size_t i = 0; key && *key && i < n; i++) {
		if (!keys[i] || strcmp(keys[i], key) != 0)
			continue;
		if (it->hint && !hint_fits(it->hint, &units[i]))
			continue;
		bool seen = false;
		for (size_t j = 0; j < c->n && !seen; j++)
			seen = strcmp(units[c->at[j]].code, units[i].code) == 0;
		if (seen)
			continue;
		if (c->n == MAX_CANDIDATES)
			c->overflow = true;
		else
			c->at[c->n++] = i;
	}
}

static char *full_key_of(const char *name)
{
	return key_of(name, false);
}

/* The three ways a name is compared. */
enum key_kind {
	KEY_FULL,    /* "xatinhphong" */
	KEY_BARE,    /* "tinhphong": without the kind */
	KEY_VARIANT, /* "satinhphong": spelling variants applied */
	KEY_KINDS
};

static char *(*const key_fns[KEY_KINDS])(const char *) = {full_key_of, bare_key_of, variant_key_of};

/* Comparison keys of the units, each kind made on first use in one
 * lineage_match call: most names match as written, so the other two kinds are
 * rarely needed. */
struct unit_keys {
	const struct lineage_unit *units;
	size_t n;
	char **keys[KEY_KINDS];
};

/* The units' keys of one kind, or NULL when out of memory; a unit whose key
 * cannot be made is simply never a candidate. */
static char *const *keys_of(struct unit_keys *uk, enum key_kind kind)
{
	if (uk->keys[kind])
		return uk->keys[kind];
	char **k = calloc(uk->n ? uk->n : 1, sizeof(*k));
	for (size_t i = 0; k && i < uk->n; i++)
		k[i] = key_fns[kind](uk->units[i].name);
	uk->keys[kind] = k;
	return k;
}

static void unit_keys_free(struct unit_keys *uk)
{
	for (int kind = 0; kind < KEY_KINDS; kind++) {
		for (size_t i = 0; uk->keys[kind] && i < uk->n; i++)
			free(uk->keys[kind][i]);
		free(uk->keys[kind]);
	}
}

/* Adds the units whose key of this kind is the item name's. */
static void add_by(const struct lineage_item *it, struct unit_keys *uk, enum key_kind kind,
                   struct candidates *c)
{
	char *const *keys = keys_of(uk, kind);
	char *k = keys ? key_fns[kind](it->name) : NULL;
	add_candidates(it, k, keys, uk->units, uk->n, c);
	free(k);
}

/* The unit the name (and hint) picks alone, or NO_UNIT: the one candidate, or
 * among several the one spelled exactly as the text ("Phường Sa Pả" and
 * "Phường Sa Pa" are two wards of Sa Pa). A name that matches nothing is
 * tried again with the spelling variants applied. */
static size_t pick_by_name(const struct lineage_item *it, struct unit_keys *uk)
{
	const struct lineage_unit *units = uk->units;
	struct candidates c = {0};
	add_by(it, uk, KEY_FULL, &c);
	if (c.n == 0 && !c.overflow)
		add_by(it, uk, KEY_VARIANT, &c);
	if (c.overflow || c.n == 0)
		return NO_UNIT;
	if (c.n == 1)
		return c.at[0];
	size_t pick = NO_UNIT, exact = 0;
	for (size_t i = 0; i < c.n; i++) {
		if (strcmp(units[c.at[i]].name, it->name) == 0) {
			pick = c.at[i];
			exact++;
		}
	}
	return exact == 1 ? pick : NO_UNIT;
}

/* True when unit u lies in a district that a first-pass link of another item
 * (not self) lies in. */
static bool near_links(const struct lineage_unit *u, const struct lineage_unit *units,
                       const size_t *first, size_t nitems, size_t self)
{
	for (size_t j = 0; j < nitems; j++) {
		const struct lineage_unit *v =
		    j == self || first[j] == NO_UNIT ? NULL : &units[first[j]];
		if (v && u->district_name && v->district_name && u->province_name &&
		    v->province_name && strcmp(u->district_name, v->district_name) == 0 &&
		    strcmp(u->province_name, v->province_name) == 0)
			return true;
	}
	return false;
}

/* True when another item's first-pass link is unit at. */
static bool taken(size_t at, const size_t *first, size_t nitems, size_t self)
{
	for (size_t j = 0; j < nitems; j++)
		if (j != self && first[j] == at)
			return true;
	return false;
}

/* The one candidate of c that lies near the other items' links and is not
 * one of them; NO_UNIT when none or several do (*several says which). */
static size_t one_near(const struct candidates *c, const struct lineage_unit *units,
                       const size_t *first, size_t nitems, size_t self, bool *several)
{
	size_t pick = NO_UNIT, near = 0;
	for (size_t i = 0; !c->overflow && i < c->n; i++) {
		if (!taken(c->at[i], first, nitems, self) &&
		    near_links(&units[c->at[i]], units, first, nitems, self)) {
			pick = c->at[i];
			near++;
		}
	}
	*several = c->overflow || near > 1;
	return near == 1 ? pick : NO_UNIT;
}

/* The unit an item names, judged by its neighbours. A new commune was formed
 * from adjacent old ones, so of several "Xã Tân Minh" the one meant lies in a
 * district the other items of the text link to. The pick of the first pass
 * stands when it is near; else the one near unit of the same name replaces
 * it ("Xã Hòa Lộc" of Tam Bình, not of Mỏ Cày Bắc, beside "Xã Hòa Thạnh" of
 * Tam Bình); failing that, the one near unit of the same name without its
 * kind ("Phường Xuân Hoà" for "Xã Xuân Hòa") or up to a spelling variant
 * ("Xã Mi Hòa" for "Xã Mỵ Hòa"). When no candidate is near, or several are,
 * the first pick stands. */
static size_t pick_near(const struct lineage_item *it, struct unit_keys *uk, const size_t *first,
                        size_t nitems, size_t self)
{
	const struct lineage_unit *units = uk->units;
	if (first[self] != NO_UNIT && near_links(&units[first[self]], units, first, nitems, self))
		return first[self];
	struct candidates c = {0};
	bool several;
	add_by(it, uk, KEY_FULL, &c);
	size_t at = one_near(&c, units, first, nitems, self, &several);
	if (at != NO_UNIT || several)
		return at != NO_UNIT ? at : first[self];
	add_by(it, uk, KEY_BARE, &c);
	add_by(it, uk, KEY_VARIANT, &c);
	at = one_near(&c, units, first, nitems, self, &several);
	return at != NO_UNIT ? at : first[self];
}

/* True when the item names one commune, whole or in part. */
static bool names_one(const struct lineage_item *it)
{
	return it->name && !it->district;
}

size_t lineage_match(struct lineage *l, const struct lineage_unit *units, size_t n)
{
	struct unit_keys uk = {units, n, {NULL}};
	size_t *first = calloc(l->n ? l->n : 1, sizeof(*first));
	size_t linked = 0;
	for (size_t j = 0; j < l->n; j++)
		l->items[j].code = NULL;
	if (!first || !keys_of(&uk, KEY_FULL))
		goto cleanup;
	for (size_t j = 0; j < l->n; j++) {
		const struct lineage_item *it = &l->items[j];
		first[j] = names_one(it) ? pick_by_name(it, &uk) : NO_UNIT;
	}
	for (size_t j = 0; j < l->n; j++) {
		struct lineage_item *it = &l->items[j];
		size_t at = names_one(it) ? pick_near(it, &uk, first, l->n, j) : NO_UNIT;
		it->code = at == NO_UNIT ? NULL : units[at].code;
		linked += it->code != NULL;
	}
cleanup:
	unit_keys_free(&uk);
	free(first);
	return linked;
}

bool lineage_in_district(const struct lineage_item *it, const struct lineage_unit *u)
{
	if (!it->district || !it->name || !u->district_name)
		return false;
	if (it->hint && !hint_fits(it->hint, u))
		return false;
	return same_key(it->name, u->district_name, false) ||
	       same_key(it->name, u->district_name, true);
}

/* person_name.h - a full name as written, and what is derived from it for
 * sorting and search (pure rules, no store).
 *
 * Lists sort by given name, then family name, then middle name, in Vietnamese
 * collation (base/collate.h). The parts are read from the words of the name:
 *   Kinh and most others: family, middle..., given ("Nguyễn Thị Bé": family
 *     Nguyễn, middle Thị, given Bé);
 *   Kon Tum's Xơ Đăng, Ba Na, Giẻ Triêng, Brâu, Rơ Măm write a sex marker and
 *     one personal name, "A Hiang" (a man), "Y Roa" (a woman): no family name,
 *     the marker is the middle (data/demo-names.md);
 *   one word alone is the given name.
 * A Gia Rai clan name of two words ("Rơ Châm Hương") is read as family Rơ,
 * middle Châm: the text cannot tell, and the sort still groups the clan. */
#ifndef NCT_PERSON_NAME_H
#define NCT_PERSON_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/buf.h"
#include "../base/err.h"

#define PERSON_NAME_MAX 120 /* bytes of a full name */

struct person_name {
	char family[PERSON_NAME_MAX + 1];
	char middle[PERSON_NAME_MAX + 1];
	char given[PERSON_NAME_MAX + 1];
};

/* The parts of full (words split at white space; each part keeps the words'
 * spelling). A name longer than PERSON_NAME_MAX is cut. */
void person_name_split(const char *full, struct person_name *out);

/* The sort key of the parts (given, family, middle) into out: see collate.h. */
nct_err person_name_sort_key(const struct person_name *n, struct buf *out);

/* The search keys of a person: each word-start suffix of the folded full name
 * ("nguyen thi be", "thi be", "be"), then the citizen ID when given (and
 * not one of them already): all distinct, each NUL-terminated one after the
 * other in out; *n is their count. A search for
 * "thi b" is then one index range over the keys from "thi b" up to "thi c".
 * NCT_ERR_INVALID for malformed UTF-8. */
nct_err person_name_keys(const char *full, const char *citizen_id, struct buf *out, size_t *n);

/* The end of the key range of a folded prefix: the prefix with its last byte
 * one higher ("thi b" -> "thi c"), into out (cap bytes). False when the
 * prefix is empty or does not fit. */
bool person_name_key_end(const char *prefix, char *out, size_t cap);

/* How many characters (not bytes) key has in common with the greatest of the
 * other keys that sort before it (bytewise), among the n NUL-separated keys
 * (person_name_keys' output); 0 when none does. A search for a prefix of
 * length(prefix) characters meets a person's keys in its range once each; the
 * keys there whose shared is below that length are one per person (the first
 * of each), so that counting them counts persons (person_name_keys.shared). */
size_t person_name_key_shared(const char *keys, size_t n, const char *key);

#endif

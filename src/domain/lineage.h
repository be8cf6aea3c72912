/* lineage.h - reading the published text of what a new commune was formed
 * from ("Xã Tịnh Phong, Xã Tịnh Thọ", "một phần diện tích ... của xã X") into
 * successor links to whole communes of the old tree.
 *
 * Pure functions over strings: no store, no I/O. */
#ifndef NCT_LINEAGE_H
#define NCT_LINEAGE_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/err.h"

/* One commune of the old tree a predecessor may name. */
struct lineage_unit {
	const char *code;          /* "23284" */
	const char *name;          /* "Xã Đắk Pxi" */
	const char *district_name; /* "Huyện Đắk Hà" */
	const char *province_name; /* "Tỉnh Kon Tum" */
};

/* One piece of the predecessor text. */
struct lineage_item {
	char *text; /* the piece as written, trimmed */
	bool whole; /* names one whole commune ("Xã Tịnh Phong"), not "một phần ..." */
	char *name; /* for whole items: the commune name with its kind ("Xã Tịnh Phong") */
	char *hint; /* the parenthesised qualifier, e.g. "thành phố Quảng Ngãi", or NULL */
	const char *code; /* set by lineage_match: the old commune's code, or NULL */
};

struct lineage {
	struct lineage_item *items;
	size_t n;
};

/* Splits text into items. Pieces that speak of a part ("một phần", "phần còn
 * lại") or that are not a single commune name stay whole == false.
 * Returns NCT_ERR_NOMEM, NCT_ERR_INVALID (malformed UTF-8) or NCT_ERR_TOOBIG
 * (text over 64 KiB); on failure *out is empty. Free with lineage_free. */
nct_err lineage_parse(const char *text, struct lineage *out);

/* For each whole item, finds the one unit of units[0..n) whose name matches
 * (ignoring case and diacritics; the hint, when present, must match the unit's
 * district or province name) and sets item->code. Items that match none keep
 * code == NULL; so do items that match more than one, unless exactly one is
 * spelled exactly as the text, or exactly one lies in a district that another
 * item of the same text links to uniquely (then the kind word is also ignored
 * when nothing matches with it). Out of memory leaves codes NULL. Returns how
 * many items got a code. */
size_t lineage_match(struct lineage *l, const struct lineage_unit *units, size_t n);

void lineage_free(struct lineage *l);

#endif

/* lineage.h - reading the published text of what a new commune was formed
 * from ("Xã Tịnh Phong, Xã Tịnh Thọ", "một phần diện tích ... của xã X") into
 * successor links to communes of the old tree, whole or in part.
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
	char *text;    /* the piece as written, trimmed */
	bool whole;    /* names one whole unit ("Xã Tịnh Phong"), not "một phần ..." */
	bool district; /* the unit named is a district ("Huyện Kiên Hải"), not a commune */
	char *name;    /* the unit named, whole or in part, with its kind ("Xã Tịnh Phong",
	                * "Phường Cửa Nam" for "một phần ... của các phường Cửa Nam"), or
	                * NULL when the piece names none ("Thôn Mịch A", "giữ nguyên") */
	char *hint;    /* the parenthesised qualifier, e.g. "thành phố Quảng Ngãi", or NULL */
	const char *code; /* set by lineage_match: the old commune's code, or NULL */
};

struct lineage {
	struct lineage_item *items;
	size_t n;
};

/* Splits text into items. Pieces that speak of a part ("một phần", "phần còn
 * lại") or that are not a single commune name stay whole == false; a part
 * still has the name of the commune it is taken from.
 * Returns NCT_ERR_NOMEM, NCT_ERR_INVALID (malformed UTF-8) or NCT_ERR_TOOBIG
 * (text over 64 KiB); on failure *out is empty. Free with lineage_free. */
nct_err lineage_parse(const char *text, struct lineage *out);

/* For each item naming a commune (whole or a part), finds the one unit of
 * units[0..n) it names and sets item->code; district items get none (see
 * lineage_in_district). Names are compared folded (case and diacritics
 * ignored), and the hint, when present, must fit the unit's district or
 * province. Of several units of one name, the one spelled exactly as the text
 * is taken, unless one alone lies in a district that another item of the same
 * text links to: a new commune was formed from adjacent old ones, so a
 * neighbour outranks spelling, and a near unit of the same name without its
 * kind ("Phường Xuân Hoà" for "Xã Xuân Hòa") or up to a spelling variant
 * ("Xã Ngọc Lây" for "Xã Ngọk Lây") outranks a far one. A name that matches
 * nothing as written is compared through the spelling variants. Items left
 * without a match, or with several and no neighbour to choose, keep code ==
 * NULL; so do all items when out of memory. Returns how many items got a
 * code. */
size_t lineage_match(struct lineage *l, const struct lineage_unit *units, size_t n);

/* True when it names a whole district (it->district) and unit u lies in it:
 * the old communes of "Huyện Kiên Hải". */
bool lineage_in_district(const struct lineage_item *it, const struct lineage_unit *u);

void lineage_free(struct lineage *l);

#endif

/* designation.h - dated statuses of places that rules ask about: communes (or
 * villages) "with special difficulties in ethnic-minority and mountainous
 * areas" (xã, thôn đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền
 * núi; Decision 861/QĐ-TTg of 2021 and its changes), which category (b) of
 * the monthly social allowance reads (Decree 20/2021 art. 5.5). Admins record
 * them; nct init loads data/especially-difficult-communes.csv (empty today:
 * the annex for Kon Tum was not found; see data/README.md). */
#ifndef NCT_DESIGNATION_H
#define NCT_DESIGNATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "../base/text.h"
#include "refusal.h"

struct ctx;

/* The kinds, NULL-terminated: "especially_difficult". */
extern const char *const designation_kinds[];

#define DESIGNATION_SOURCE_MAX 500
#define DESIGNATION_LIST_MAX   20000

struct designation {
	int64_t id;
	int64_t place_id;
	char place_code[24];
	char place_name[TEXT_BYTES(120)]; /* PLACE_NAME_MAX characters */
	int place_level;
	char kind[24];
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN]; /* "": still in force */
	char source[DESIGNATION_SOURCE_MAX + 1];
	char created_at[26];
};

struct designation_new {
	const char *place;      /* the code of a commune or village in force on valid_from */
	const char *kind;       /* one of designation_kinds */
	const char *valid_from; /* dd/mm/yyyy or YYYY-MM-DD */
	const char *valid_to;   /* the last day; NULL or "": open */
	const char *source;     /* the document (number, date), required */
};

/* Records a designation (admins only: RF_ADMIN_ONLY), audited. Refusals:
 * RF_NOT_ONE_OF (kind), RF_DAY_FORMAT, RF_NOT_AFTER (valid_to before
 * valid_from), RF_NO_PLACE, RF_DESIGNATION_PLACE (not a commune or village),
 * RF_TAKEN (the same place, kind and start). */
nct_err designation_add(struct ctx *x, const struct designation_new *in, int64_t *id,
                        struct refusal *rf);

/* Every designation (of the place with id place_id, or all when 0), by place
 * code then start. *out is malloc'd. */
nct_err designation_list(struct ctx *x, int64_t place_id, struct designation **out, size_t *n);

/* What the rules ask: is the place with id place_id designated `kind` on the
 * date? Yes when a designation in force that day names the place, or a unit
 * containing it (a village's commune), or, failing those, a unit the place's
 * commune was formed from (the 2025 reform: designations name the communes of
 * before it). A predecessor that gave only a part of its territory answers
 * yes with partial set: the rule decides what a part means. */
struct designation_answer {
	bool yes;
	bool partial;
	const char *via; /* "place", "containing", "predecessor"; NULL when not designated */
	struct designation by;
};
nct_err place_designated(struct ctx *x, int64_t place_id, const char *kind, struct date on,
                         struct designation_answer *out);

#endif

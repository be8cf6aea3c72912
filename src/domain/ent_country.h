/* ent_country.h - the country's lists: the provinces in force on a day, each
 * worked as a place of its own, by several connections side by side
 * (docs/entitlements.md, "The country").
 *
 * A list of the country is its provinces' lists joined, province by province
 * in code order: the same lines, counts and totals as the 34 provinces asked
 * one after the other. The provinces are shared out to the workers as they
 * finish (the next one not taken), each worker a context of its own on its
 * own connection (the store's temporary tables and read units are a
 * connection's), so a caller that hands its lines on in order keeps what a
 * province gave until the provinces before it are done. */
#ifndef NCT_ENT_COUNTRY_H
#define NCT_ENT_COUNTRY_H

#include <stddef.h>

#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct ctx;

#define ENT_COUNTRY_WORKERS_MAX 8

/* The word that names the whole country where a place's code is asked for
 * (`nct worklists --place VN`). */
#define ENT_COUNTRY "VN"

/* The codes of the provinces in force on the day, by code (strcmp), for x:
 * whose scope must be the whole map (RF_PLACE_OUTSIDE, field "place",
 * otherwise). *codes is malloc'd (free() it), *n of them. */
struct ent_province {
	char code[24];
};
nct_err ent_country_provinces(struct ctx *x, struct date on, struct ent_province **codes, size_t *n,
                              struct refusal *rf);

/* Work on province i (codes[i]) through x: called for every province once,
 * from the workers' threads (never two at once with the same x; two
 * provinces may be worked at the same time, each with its own x). */
typedef nct_err (*ent_province_fn)(struct ctx *x, size_t i, const char *code, void *arg,
                                   struct refusal *rf);

/* Works the n provinces of codes over the nx contexts xs (1..
 * ENT_COUNTRY_WORKERS_MAX; xs[0] in the calling thread, each other in a
 * thread of its own; each its own connection, all acting for the same user).
 * After the first failure no worker takes a new province; the failure of the
 * province of the lowest index among those that failed is returned, with its
 * refusal in *rf. A thread that cannot be started leaves its provinces to the
 * others (the calling thread works them all when none starts). */
nct_err ent_country_each(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                         size_t n, ent_province_fn fn, void *arg, struct refusal *rf);

#endif

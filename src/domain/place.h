/* place.h - administrative units as an effective-dated tree:
 * province -> district -> commune (-> village added by users). */
#ifndef NCT_PLACE_H
#define NCT_PLACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "../base/text.h"
#include "refusal.h"

enum place_level { PLACE_PROVINCE = 1, PLACE_DISTRICT = 2, PLACE_COMMUNE = 3, PLACE_VILLAGE = 4 };

#define PLACE_NAME_MAX 120 /* characters of a unit's (a village's) name */

struct place {
	int64_t id;
	char code[24];
	int level;
	char name[TEXT_BYTES(PLACE_NAME_MAX)];
	int64_t parent_id;
	char parent_code[24];
	char path[96];
	char valid_from[DATE_LEN]; /* "" : since before our records */
	char valid_to[DATE_LEN];   /* "" : still in force */
	int64_t children; /* units directly under it on the date asked (place_children only) */
	bool partial;     /* place_links only: the link carries a part of the old unit */
};

struct ctx;

#define SCOPE_MAX      24
#define PLACE_LIST_MAX 20000 /* units one list returns (children, links) */

/* What a user may see: the subtree of their unit and of the units it was
 * formed from, whole or in part (a commune of 2025 keeps the communes of 2024
 * it replaced), and the units above those roots. */
struct scope {
	bool all; /* the whole map: admins and unscoped viewers */
	size_t n;
	char paths[SCOPE_MAX][96];
};

/* The scope of a user bound to place_id (0: the whole map). */
nct_err scope_of_place(struct ctx *x, int64_t place_id, struct scope *out);
/* True when the place lies in one of the scope's subtrees (roots included). */
bool scope_contains(const struct scope *s, const char *place_path);
/* True when contained or an ancestor of a root: what may be shown. */
bool scope_sees(const struct scope *s, const char *place_path);

/* The unit with this code in force on date. NCT_ERR_NOTFOUND when none. */
nct_err place_get(struct ctx *x, const char *code, struct date on, struct place *out);
nct_err place_by_id(struct ctx *x, int64_t id, struct place *out);
/* The unit with this code in force on date, else the last one with this code
 * that ended before it (Kon Tum, 62, asked about on 2025-12-31).
 * NCT_ERR_NOTFOUND when no unit of that code began by then, NCT_ERR_DENIED
 * when x may not see it. */
nct_err place_get_last(struct ctx *x, const char *code, struct date on, struct place *out);

#define TERRITORY_MAX 4096 /* subtrees one territory holds */

/* A subtree's path, as territories list them. */
struct place_path {
	char path[96];
};

/* The subtrees whose clubs and people count as p's on `on`: p's own, those of
 * the units it was formed from (whole or in part), and, when p ended before
 * `on`, those of the units in force on `on` formed from p's units alone: its
 * former territory, never the whole of a successor that also took other land.
 * Each path once, none inside another, sorted; whatever x's scope (the caller
 * keeps what x sees). *out is malloc'd; free() it. NCT_ERR_TOOBIG past
 * TERRITORY_MAX. */
nct_err place_territory(struct ctx *x, const struct place *p, struct date on,
                        struct place_path **out, size_t *n);
/* Sorts paths and drops each that repeats or lies inside another: a subtree
 * counted once. *n becomes the number kept. */
void place_paths_normalise(struct place_path *paths, size_t *n);

/* The bounds of path's subtree, for "path >= lo AND path < hi": "/12/" up to
 * "/120" (the byte after '/'); "" is the whole map ("/" up to "0"). lo and hi
 * hold cap bytes each. */
void place_subtree_bounds(const char *path, char *lo, char *hi, size_t cap);

/* The communes in force on date in the subtree of path ("" the whole map), by
 * code, every one (the caller filters by scope if it must). *out is malloc'd;
 * free() it. */
nct_err place_communes(struct ctx *x, const char *path, struct date on, struct place **out,
                       size_t *n);

/* Units under parent_id (0: the provinces) in force on date, by name; each with
 * its count of children on that date. *out is malloc'd; free() it. */
nct_err place_children(struct ctx *x, int64_t parent_id, struct date on, struct place **out,
                       size_t *n);

/* What a list of places shows (page and API): the units matching query (at
 * most PLACE_BROWSE_FOUND_MAX, as place_search) when query is not empty, else
 * the children of the unit coded parent (the provinces when parent is NULL or
 * ""), in *par (id 0 when none). *out is malloc'd; free() it. */
#define PLACE_BROWSE_FOUND_MAX 200
nct_err place_browse(struct ctx *x, const char *parent, const char *query, struct date on,
                     struct place *par, struct place **out, size_t *n);

/* Units in force on date whose folded name contains the folded query at a word
 * start (or whose code it is), that x may see; at most limit. */
nct_err place_search(struct ctx *x, const char *query, struct date on, size_t limit,
                     struct place **out, size_t *n);

/* The store's map version, and its bump: every writer of places calls
 * place_map_changed in its transaction, so caches keyed by the version stay true. */
nct_err place_map_version(struct ctx *x, int64_t *version);
nct_err place_map_changed(struct ctx *x);

/* How many units of level in force on date lie in x's scope (cached per
 * process while the map version stands). */
nct_err place_count(struct ctx *x, struct date on, int level, int64_t *count);

/* The chain from the province down to p (p included). */
nct_err place_ancestors(struct ctx *x, const struct place *p, struct place **out, size_t *n);

/* Units p was formed from (dir < 0) or that it became (dir > 0), each with
 * whether the link carries the whole old unit or a part of it (partial: the
 * text names a part, or the old unit went into two or more new ones). */
nct_err place_links(struct ctx *x, int64_t id, int dir, struct place **out, size_t *n);

/* The published text of what p was formed from, malloc'd, or NULL. */
char *place_predecessors(struct ctx *x, int64_t id);

/* Adds a village under a commune in force today that x may change (refusals:
 * refusal.h), audited; out is the new village. */
nct_err place_add_village(struct ctx *x, const char *commune_code, const char *name,
                          struct place *out, struct refusal *rf);

/* A unit as place_insert made it: what the next unit under it needs. */
struct place_node {
	int64_t id;
	char path[96];
};

/* Inserts one unit and sets its path from its parent's (NULL parent: a root).
 * The caller holds a transaction and calls place_map_changed. */
nct_err place_insert(struct ctx *x, const char *code, int level, const char *name,
                     const struct place_node *parent, const char *from, const char *to,
                     const char *predecessors, const char *source, struct place_node *out);

#endif

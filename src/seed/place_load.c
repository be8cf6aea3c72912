/* place_load.c - loading the official units of both trees, and their lineage,
 * from the embedded reference files. */
#include "place_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/csv.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../domain/ctx.h"
#include "../domain/lineage.h"
#include "../domain/place.h"
#include "../store/db.h"
#include "refdata.h"

#define OLD_VALID_TO   "2025-06-30"
#define NEW_VALID_FROM "2025-07-01"
/* Communes of the map before the reform: 10,035 in the file of 2025; twice that. */
#define OLD_COMMUNES_MAX 20000

/* Units and links go in as multi-row INSERTs of PLACES_PER and LINKS_PER rows
 * (a row a statement when a store takes fewer parameters): on PostgreSQL each
 * statement is a round trip. With 8 and 26 (PostgreSQL's old 80-parameter
 * cap) nct init took 9.8 s wall on PostgreSQL, with 100 and 300 9.1 s (load
 * 13): a twelfth of the statements; the rest of the time is elsewhere. */
#define PLACE_PARAMS 10 /* the source is a literal */
#define PLACES_PER   100
#define LINK_VALUES  3
#define LINKS_PER    300
#define LINKS_MAX    200000 /* 16,000 in the files of 2025 */

/* One unit waiting to be written, with the id and path it will have. */
struct place_row {
	int64_t id, parent_id; /* parent_id 0: a root */
	int level;
	const char *from, *to; /* literals */
	char *code, *name, *fold, *predecessors;
	char path[96];
};

struct link_row {
	int64_t from, to;
	bool partial;
};

/* The units and links of the load, written in batches: ids are given here, in
 * the order the units are read (the ids the store would have given them). */
struct writer {
	struct db *db;
	int64_t next_id;
	struct place_row rows[PLACES_PER];
	int n;
	struct vec links; /* struct link_row, written at the end, a pair once */
};

/* The statement of `per` tuples after head, built once (statements are cached
 * by their text's address). */
static const char *many_sql(char *buf, size_t cap, const char *head, const char *tuple, int per)
{
	if (!buf[0]) {
		int n = snprintf(buf, cap, "%s%s", head, tuple);
		for (int i = 1; i < per && n > 0 && (size_t)n < cap; i++)
			n += snprintf(buf + n, cap - (size_t)n, ", %s", tuple);
	}
	return buf;
}

#define PLACES_HEAD                                                                                \
	"INSERT INTO places (id, code, level, name, name_fold, parent_id, path, valid_from,"       \
	" valid_to, predecessors, source) VALUES "
#define PLACES_TUPLE "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'official')"

static void row_free(struct place_row *r)
{
	free(r->code);
	free(r->name);
	free(r->fold);
	free(r->predecessors);
	memset(r, 0, sizeof *r);
}

/* Writes the units waiting: one statement when there are PLACES_PER of them
 * and the store takes that many values, else one a statement. */
static nct_err writer_flush(struct writer *w)
{
	static char many[PLACES_PER * 64 + 256];
	static const char one[] = PLACES_HEAD PLACES_TUPLE;
	bool full = w->n == PLACES_PER && db_max_params(w->db) >= PLACES_PER * PLACE_PARAMS;
	nct_err e = NCT_OK;
	for (int i = 0; !e && i < w->n;) {
		int k = full ? w->n : 1;
		struct db_stmt *st = db_prepare(
		    w->db, full ? many_sql(many, sizeof many, PLACES_HEAD, PLACES_TUPLE, PLACES_PER)
		                : one);
		if (!st)
			e = NCT_ERR_DB;
		for (int j = 0; !e && j < k; j++) {
			const struct place_row *r = &w->rows[i + j];
			int b = j * PLACE_PARAMS;
			db_bind_int(st, b + 1, r->id);
			db_bind_text(st, b + 2, r->code);
			db_bind_int(st, b + 3, r->level);
			db_bind_text(st, b + 4, r->name);
			db_bind_text(st, b + 5, r->fold);
			if (r->parent_id)
				db_bind_int(st, b + 6, r->parent_id);
			else
				db_bind_null(st, b + 6);
			db_bind_text(st, b + 7, r->path);
			db_bind_text(st, b + 8, r->from);
			db_bind_text(st, b + 9, r->to);
			db_bind_text(st, b + 10, r->predecessors);
		}
		if (!e)
			e = db_run(st);
		i += k;
	}
	for (int i = 0; i < w->n; i++)
		row_free(&w->rows[i]);
	w->n = 0;
	return e;
}

/* Adds one unit under parent (NULL: a root) as place_insert would, its id
 * and path in out; it is written with the next batch. */
static nct_err unit_add(struct writer *w, const char *code, int level, const char *name,
                        const struct place_node *parent, const char *from, const char *to,
                        const char *predecessors, struct place_node *out)
{
	nct_err e = w->n == PLACES_PER ? writer_flush(w) : NCT_OK;
	if (e)
		return e;
	struct place_row *r = &w->rows[w->n];
	r->id = w->next_id;
	r->parent_id = parent ? parent->id : 0;
	r->level = level;
	r->from = from;
	r->to = to;
	int len = snprintf(r->path, sizeof r->path, "%s%lld/", parent ? parent->path : "/",
	                   (long long)r->id);
	if (len < 0 || (size_t)len >= sizeof r->path)
		return NCT_ERR_TOOBIG;
	r->code = strdup(code);
	r->name = strdup(name);
	r->fold = text_fold_dup(name);
	r->predecessors = predecessors ? strdup(predecessors) : NULL;
	if (!r->code || !r->name || !r->fold || (predecessors && !r->predecessors)) {
		row_free(r);
		return NCT_ERR_INVALID; /* as place_insert says of a name it cannot fold */
	}
	w->n++;
	out->id = w->next_id++;
	memcpy(out->path, r->path, sizeof out->path);
	return NCT_OK;
}

static int by_link(const void *a, const void *b)
{
	const struct link_row *x = a, *y = b;
	return x->from != y->from ? (x->from > y->from) - (x->from < y->from)
	                          : (x->to > y->to) - (x->to < y->to);
}

/* Writes the links, each pair once: partial when any of its makings said so. */
static nct_err links_write(struct writer *w)
{
#define LINKS_HEAD  "INSERT INTO place_links (from_id, to_id, partial) VALUES "
#define LINKS_TUPLE "(?, ?, ?)"
	static char many[LINKS_PER * 16 + 128];
	static const char one[] = LINKS_HEAD LINKS_TUPLE;
	struct link_row *v = w->links.ptr;
	size_t n = 0;
	if (w->links.n)
		qsort(v, w->links.n, sizeof *v, by_link);
	for (size_t i = 0; i < w->links.n; i++) {
		if (n && v[n - 1].from == v[i].from && v[n - 1].to == v[i].to)
			v[n - 1].partial |= v[i].partial;
		else
			v[n++] = v[i];
	}
	bool batches = db_max_params(w->db) >= LINKS_PER * LINK_VALUES;
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n;) {
		size_t k = batches && n - i >= LINKS_PER ? LINKS_PER : 1;
		struct db_stmt *st = db_prepare(
		    w->db,
		    k > 1 ? many_sql(many, sizeof many, LINKS_HEAD, LINKS_TUPLE, LINKS_PER) : one);
		if (!st)
			return NCT_ERR_DB;
		for (size_t j = 0; j < k; j++) {
			db_bind_int(st, (int)(3 * j + 1), v[i + j].from);
			db_bind_int(st, (int)(3 * j + 2), v[i + j].to);
			db_bind_int(st, (int)(3 * j + 3), v[i + j].partial);
		}
		e = db_run(st);
		i += k;
	}
	return e;
#undef LINKS_HEAD
#undef LINKS_TUPLE
}

/* The old tree, keyed by code as the file lists it (sorted by province, district). */
struct old_unit {
	char code[8];
	char name[128];
	char district[128];
	char province_code[4];
	char province[128];
	int64_t id;
	size_t first, last; /* provinces only: their communes in old_tree.communes */
};

struct old_tree {
	struct vec communes; /* struct old_unit */
	struct old_unit provinces[80];
	size_t nprov;
};

static nct_err old_add(struct old_tree *t, char **f, int64_t id)
{
	struct old_unit *u = vec_push(&t->communes);
	if (!u)
		return vec_failed(&t->communes);
	snprintf(u->code, sizeof u->code, "%s", f[4]);
	snprintf(u->name, sizeof u->name, "%s", f[5]);
	snprintf(u->district, sizeof u->district, "%s", f[3]);
	snprintf(u->province_code, sizeof u->province_code, "%s", f[0]);
	snprintf(u->province, sizeof u->province, "%s", f[1]);
	u->id = id;
	return NCT_OK;
}

/* The next row, which must have n fields: NCT_ERR_INVALID for one of another
 * width, NCT_ERR_NOTFOUND at the end (csv_next). */
static nct_err next_row(struct csv *c, size_t n)
{
	nct_err e = csv_next(c);
	return !e && c->nfields != n ? NCT_ERR_INVALID : e;
}

static nct_err check_header(struct csv *c, const char *const *names, size_t n, const char *file,
                            char *msg, size_t msglen)
{
	nct_err e = csv_next(c);
	bool ok = !e && c->nfields == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = strcmp(c->fields[i], names[i]) == 0;
	if (!ok) {
		snprintf(msg, msglen, "%s: the header is not the expected one", file);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err load_before(struct writer *w, struct old_tree *t, struct place_load_report *r,
                           char *msg, size_t msglen)
{
	static const char *const cols[] = {"province_code", "province_name", "district_code",
	                                   "district_name", "commune_code",  "commune_name"};
	const struct refdata *rd = &refdata_units_before;
	struct csv c;
	csv_init(&c, rd->data, rd->size);
	nct_err e = check_header(&c, cols, 6, rd->name, msg, msglen);
	struct place_node prov = {0}, dist = {0}, comm;
	char prov_code[8] = "", dist_code[8] = "";
	while (!e && (e = next_row(&c, 6)) == NCT_OK) {
		char **f = c.fields;
		if (strcmp(f[0], prov_code) != 0) {
			if (t->nprov == sizeof t->provinces / sizeof t->provinces[0]) {
				e = NCT_ERR_TOOBIG;
				break;
			}
			e = unit_add(w, f[0], PLACE_PROVINCE, f[1], NULL, NULL, OLD_VALID_TO, NULL,
			             &prov);
			struct old_unit *p = &t->provinces[t->nprov++];
			snprintf(p->code, sizeof p->code, "%s", f[0]);
			snprintf(p->name, sizeof p->name, "%s", f[1]);
			p->id = prov.id;
			p->first = p->last = t->communes.n;
			snprintf(prov_code, sizeof prov_code, "%s", f[0]);
			dist_code[0] = '\0';
			r->provinces++;
		}
		if (!e && strcmp(f[2], dist_code) != 0) {
			e = unit_add(w, f[2], PLACE_DISTRICT, f[3], &prov, NULL, OLD_VALID_TO, NULL,
			             &dist);
			snprintf(dist_code, sizeof dist_code, "%s", f[2]);
			r->districts++;
		}
		if (!e)
			e = unit_add(w, f[4], PLACE_COMMUNE, f[5], &dist, NULL, OLD_VALID_TO, NULL,
			             &comm);
		if (!e)
			e = old_add(t, f, comm.id);
		if (!e)
			t->provinces[t->nprov - 1].last = t->communes.n;
		r->communes++;
	}
	return refdata_csv_end(rd, &c, e, NULL, msg, msglen);
}

/* Links old unit from to new unit to; a link made twice is partial when
 * either says so (links_write). */
static nct_err link(struct writer *w, int64_t from, int64_t to, bool partial)
{
	struct link_row l = {from, to, partial};
	return vec_add(&w->links, &l);
}

/* Strips "tỉnh ", "thành phố " from a folded province name. */
static const char *bare_province(const char *folded)
{
	static const char *const prefixes[] = {"tinh ", "thanh pho ", "thu do "};
	for (size_t i = 0; i < 3; i++)
		if (strncmp(folded, prefixes[i], strlen(prefixes[i])) == 0)
			return folded + strlen(prefixes[i]);
	return folded;
}

/* Marks in sel[] the old provinces a new province was formed from, by the
 * names in its province_predecessors text; the same code always counts. */
static void old_provinces_of(const struct old_tree *t, const char *code, const char *text,
                             bool *sel)
{
	char *ft = text_fold_dup(text);
	for (size_t i = 0; i < t->nprov; i++) {
		char *fn = text_fold_dup(t->provinces[i].name);
		const char *bare = fn ? bare_province(fn) : NULL;
		sel[i] = strcmp(t->provinces[i].code, code) == 0 ||
		         (ft && bare && text_fold_match(ft, bare)) ||
		         (ft && bare && strcmp(bare, "ho chi minh") == 0 && strstr(ft, "tphcm"));
		free(fn);
	}
	free(ft);
}

/* The old communes a new province's communes may name: those of its old provinces. */
struct candidates {
	struct lineage_unit *units;
	int64_t *ids; /* ids[i] is the place id of units[i] */
	size_t n;
};

static nct_err candidates_build(const struct old_tree *t, const bool *sel, struct candidates *c)
{
	free(c->units);
	free(c->ids);
	c->n = 0;
	size_t n = t->communes.n;
	c->units = calloc(n ? n : 1, sizeof *c->units);
	c->ids = calloc(n ? n : 1, sizeof *c->ids);
	if (!c->units || !c->ids)
		return NCT_ERR_NOMEM;
	for (size_t p = 0; p < t->nprov; p++) {
		if (!sel[p])
			continue;
		for (size_t i = t->provinces[p].first; i < t->provinces[p].last; i++) {
			const struct old_unit *u = vec_at(&t->communes, struct old_unit, i);
			c->units[c->n] =
			    (struct lineage_unit){u->code, u->name, u->district, u->province};
			c->ids[c->n++] = u->id;
		}
	}
	return NCT_OK;
}

/* "giữ nguyên": the unit was kept as it was. */
static bool unchanged(const char *text)
{
	char *f = text_fold_dup(text);
	bool yes = f && strcmp(f, "giu nguyen") == 0;
	free(f);
	return yes;
}

static nct_err link_same_code(struct writer *w, const struct candidates *c, int64_t new_id,
                              const char *code, struct place_load_report *r)
{
	for (size_t j = 0; j < c->n; j++)
		if (strcmp(c->units[j].code, code) == 0) {
			r->links++;
			return link(w, c->ids[j], new_id, false);
		}
	r->text_only++;
	return NCT_OK;
}

/* A row of links-by-hand: how to read one piece of a new unit's text that
 * the rules read wrong or not at all. Most are links named in a spelling
 * nothing matches ("Xã Măng Bút" for the old list's "Xã Măng Buk"); a row of
 * extent "text" keeps a piece that names no commune as text. */
struct hand_link {
	char new_code[8], old_code[8];
	bool partial;
	bool text;      /* the piece names no commune */
	char *piece;    /* the piece of the new unit's text it stands for, as written */
	char *old_name; /* the old unit's name in the old list, checked when linking */
	size_t line;
	bool used;
};

#define HAND_LINKS_MAX 256

struct hand_links {
	struct hand_link *v;
	size_t n;
};

static void hand_links_free(struct hand_links *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].piece);
		free(h->v[i].old_name);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* Fills row from the fields of one record; NCT_ERR_INVALID when malformed
 * (a link needs an old code, a text row has none; every row a source). */
static nct_err hand_link_set(struct hand_link *row, char **f, size_t line)
{
	bool whole = strcmp(f[2], "whole") == 0, text = strcmp(f[2], "text") == 0;
	bool part = strcmp(f[2], "part") == 0;
	if (!(whole || part || text) || strlen(f[0]) != 5 || strlen(f[1]) != (text ? 0 : 5) ||
	    !f[3][0] || !f[5][0])
		return NCT_ERR_INVALID;
	snprintf(row->new_code, sizeof row->new_code, "%s", f[0]);
	snprintf(row->old_code, sizeof row->old_code, "%s", f[1]);
	row->partial = part;
	row->text = text;
	row->line = line;
	row->piece = strdup(f[3]);
	row->old_name = strdup(f[4]);
	return row->piece && row->old_name ? NCT_OK : NCT_ERR_NOMEM;
}

/* Reads the embedded links-by-hand table. msg says where it is wrong. */
static nct_err hand_links_read(struct hand_links *h, char *msg, size_t msglen)
{
	static const char *const cols[] = {"new_code", "old_code", "extent", "piece",
	                                   "old_name", "source",   "note"};
	const struct refdata *rd = &refdata_links_by_hand;
	struct csv c;
	memset(h, 0, sizeof *h);
	if (!(h->v = calloc(HAND_LINKS_MAX, sizeof *h->v)))
		return NCT_ERR_NOMEM;
	csv_init(&c, rd->data, rd->size);
	nct_err e = check_header(&c, cols, 7, rd->name, msg, msglen);
	while (!e && (e = next_row(&c, 7)) == NCT_OK) {
		if (h->n == HAND_LINKS_MAX)
			e = NCT_ERR_TOOBIG;
		else
			e = hand_link_set(&h->v[h->n++], c.fields, c.line);
	}
	return refdata_csv_end(rd, &c, e, NULL, msg, msglen);
}

/* The unused row standing for piece of the text of new unit new_code, or NULL. */
static struct hand_link *hand_link_for(struct hand_links *h, const char *new_code,
                                       const char *piece)
{
	for (size_t i = 0; i < h->n; i++)
		if (!h->v[i].used && strcmp(h->v[i].new_code, new_code) == 0 &&
		    strcmp(h->v[i].piece, piece) == 0)
			return &h->v[i];
	return NULL;
}

/* Where a new unit's links are made: its province's old communes, the
 * hand-kept links, and what to say when one is wrong. */
struct link_ctx {
	struct writer *w;
	const struct candidates *cand;
	struct hand_links *hand;
	struct place_load_report *r;
	char *msg;
	size_t msglen;
};

/* Links the old commune a hand row names, after checking it is one of the
 * old communes the new province was formed from, under the name the row says. */
static nct_err link_by_hand(struct link_ctx *lk, struct hand_link *row, int64_t new_id)
{
	const struct candidates *c = lk->cand;
	for (size_t j = 0; j < c->n; j++) {
		if (strcmp(c->units[j].code, row->old_code) != 0)
			continue;
		if (strcmp(c->units[j].name, row->old_name) != 0)
			break;
		row->used = true;
		lk->r->links++;
		return link(lk->w, c->ids[j], new_id, row->partial);
	}
	snprintf(lk->msg, lk->msglen,
	         "%s line %zu: %s is no old commune \"%s\" of the provinces %s was formed from",
	         refdata_links_by_hand.name, row->line, row->old_code, row->old_name,
	         row->new_code);
	return NCT_ERR_INVALID;
}

/* Links every old commune of the district a piece names whole ("Huyện Kiên
 * Hải"); returns how many. */
static nct_err link_district(struct link_ctx *lk, const struct lineage_item *it, int64_t new_id,
                             size_t *linked)
{
	const struct candidates *c = lk->cand;
	nct_err e = NCT_OK;
	*linked = 0;
	for (size_t j = 0; !e && j < c->n; j++) {
		if (!lineage_in_district(it, &c->units[j]))
			continue;
		e = link(lk->w, c->ids[j], new_id, false);
		(*linked)++;
	}
	lk->r->links += *linked;
	return e;
}

/* Links one piece of a new unit's text: as a hand-kept row says, when one
 * stands for it; else the commune it names (a part is a partial link) or the
 * communes of a whole district; else it stays text. */
static nct_err link_item(struct link_ctx *lk, const struct lineage_item *it, int64_t new_id,
                         const char *new_code)
{
	const struct candidates *c = lk->cand;
	size_t n = 0;
	nct_err e = NCT_OK;
	struct hand_link *row = hand_link_for(lk->hand, new_code, it->text);
	if (row && row->text) {
		row->used = true;
		lk->r->text_only++;
		return NCT_OK;
	}
	if (row && it->code && strcmp(it->code, row->old_code) == 0 && it->whole != row->partial) {
		snprintf(lk->msg, lk->msglen,
		         "%s line %zu: the text is read so already: remove the row",
		         refdata_links_by_hand.name, row->line);
		return NCT_ERR_INVALID;
	}
	if (row)
		return link_by_hand(lk, row, new_id);
	if (it->code) {
		for (size_t j = 0; j < c->n; j++)
			if (c->units[j].code == it->code) {
				lk->r->links++;
				return link(lk->w, c->ids[j], new_id, !it->whole);
			}
	}
	if (it->district && (e = link_district(lk, it, new_id, &n)) != NCT_OK)
		return e;
	if (n)
		return NCT_OK;
	lk->r->text_only++;
	return NCT_OK;
}

/* Links one new commune to the old communes its predecessor text names. */
static nct_err link_commune(struct link_ctx *lk, int64_t new_id, const char *new_code,
                            const char *text)
{
	if (unchanged(text))
		return link_same_code(lk->w, lk->cand, new_id, new_code, lk->r);
	struct lineage l;
	nct_err e = lineage_parse(text, &l);
	if (e)
		return e;
	lineage_match(&l, lk->cand->units, lk->cand->n);
	for (size_t i = 0; !e && i < l.n; i++)
		e = link_item(lk, &l.items[i], new_id, new_code);
	lineage_free(&l);
	return e;
}

/* Every hand-kept row must have stood for a piece: one that no longer does
 * (the texts changed) is stale and must go, as must one that the rules now
 * read the same way (see link_item). */
static nct_err hand_links_all_used(const struct hand_links *h, char *msg, size_t msglen)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->v[i].used)
			continue;
		snprintf(msg, msglen,
		         "%s line %zu: the text of %s has no piece \"%s\": remove the row",
		         refdata_links_by_hand.name, h->v[i].line, h->v[i].new_code, h->v[i].piece);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err load_after(struct writer *w, const struct old_tree *t, struct place_load_report *r,
                          char *msg, size_t msglen)
{
	static const char *const cols[] = {"province_code",         "province_name",
	                                   "province_predecessors", "commune_code",
	                                   "commune_name",          "commune_predecessors"};
	const struct refdata *rd = &refdata_units_after;
	struct csv c;
	csv_init(&c, rd->data, rd->size);
	nct_err e = check_header(&c, cols, 6, rd->name, msg, msglen);
	struct place_node prov = {0}, comm;
	char prov_code[8] = "";
	bool sel[80] = {false};
	struct candidates cand = {0};
	struct hand_links hand = {0};
	struct link_ctx lk = {w, &cand, &hand, r, msg, msglen};
	if (!e)
		e = hand_links_read(&hand, msg, msglen);
	while (!e && (e = next_row(&c, 6)) == NCT_OK) {
		char **f = c.fields;
		if (strcmp(f[0], prov_code) != 0) {
			e = unit_add(w, f[0], PLACE_PROVINCE, f[1], NULL, NEW_VALID_FROM, NULL,
			             f[2], &prov);
			snprintf(prov_code, sizeof prov_code, "%s", f[0]);
			old_provinces_of(t, f[0], f[2], sel);
			for (size_t p = 0; !e && p < t->nprov; p++)
				if (sel[p])
					e = link(w, t->provinces[p].id, prov.id, false);
			if (!e)
				e = candidates_build(t, sel, &cand);
			r->provinces++;
		}
		if (!e)
			e = unit_add(w, f[3], PLACE_COMMUNE, f[4], &prov, NEW_VALID_FROM, NULL,
			             f[5], &comm);
		if (!e)
			e = link_commune(&lk, comm.id, f[3], f[5]);
		r->communes++;
	}
	if (e == NCT_ERR_NOTFOUND)
		e = hand_links_all_used(&hand, msg, msglen);
	if (e && !msg[0])
		snprintf(msg, msglen, "%s line %zu: %s", rd->name, c.line, nct_err_name(e));
	csv_free(&c);
	hand_links_free(&hand);
	free(cand.units);
	free(cand.ids);
	return e;
}

/* One count over the store, for the report. */
static nct_err count_of(struct db *db, const char *sql, size_t *out)
{
	int64_t k;
	nct_err e = db_int(db_prepare(db, sql), &k);
	*out = (size_t)k;
	return e;
}

/* An old unit that two or more new units were formed from was split: each
 * of its links is partial. Then counts what the report tells. */
static nct_err links_finish(struct db *db, struct place_load_report *r)
{
	static const char sql_split[] =
	    "UPDATE place_links SET partial = 1 WHERE from_id IN"
	    " (SELECT from_id FROM place_links GROUP BY from_id HAVING COUNT(*) > 1)";
	static const char sql_partial[] =
	    "SELECT COUNT(*) FROM place_links l JOIN places n ON n.id = l.to_id"
	    " WHERE n.level = 3 AND l.partial = 1";
	static const char sql_old[] =
	    "SELECT COUNT(*) FROM places o WHERE o.level = 3 AND o.source = 'official'"
	    " AND o.valid_to IS NOT NULL"
	    " AND NOT EXISTS (SELECT 1 FROM place_links l WHERE l.from_id = o.id)";
	static const char sql_new[] =
	    "SELECT COUNT(*) FROM places n WHERE n.level = 3 AND n.source = 'official'"
	    " AND n.valid_from IS NOT NULL"
	    " AND NOT EXISTS (SELECT 1 FROM place_links l WHERE l.to_id = n.id)";
	nct_err e = db_exec(db, sql_split);
	if (!e)
		e = count_of(db, sql_partial, &r->partial);
	if (!e)
		e = count_of(db, sql_old, &r->old_unlinked);
	if (!e)
		e = count_of(db, sql_new, &r->new_unlinked);
	return e;
}

/* The id the first unit loaded gets: the one the store would give it. */
static nct_err next_place_id(struct db *db, int64_t *id)
{
	static const char sql[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM places";
	return db_int(db_prepare(db, sql), id);
}

static void writer_free(struct writer *w)
{
	for (int i = 0; i < w->n; i++)
		row_free(&w->rows[i]);
	vec_free(&w->links);
	free(w);
}

static nct_err has_official(struct db *db, bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM places WHERE source = 'official'";
	struct db_stmt *st = db_prepare(db, sql);
	return db_any(st, yes);
}

nct_err place_load_reference(struct ctx *x, struct place_load_report *r, char *msg, size_t msglen)
{
	struct db *db = x->db;
	memset(r, 0, sizeof *r);
	msg[0] = '\0';
	bool loaded;
	nct_err e = has_official(db, &loaded);
	if (e || loaded)
		return e;
	struct old_tree t = {0};
	struct writer *w = calloc(1, sizeof *w);
	if (!w)
		return NCT_ERR_NOMEM;
	w->db = db;
	vec_init(&w->links, sizeof(struct link_row), LINKS_MAX);
	vec_init(&t.communes, sizeof(struct old_unit), OLD_COMMUNES_MAX);
	if ((e = db_begin(db))) {
		writer_free(w);
		return e;
	}
	e = next_place_id(db, &w->next_id);
	if (!e)
		e = load_before(w, &t, r, msg, msglen);
	if (!e)
		e = load_after(w, &t, r, msg, msglen);
	if (!e)
		e = writer_flush(w);
	if (!e)
		e = links_write(w);
	if (!e)
		e = db_sync_ids(db, "places");
	if (!e)
		e = links_finish(db, r);
	if (!e)
		e = place_map_changed(x);
	if (!e)
		e = db_commit(db);
	else
		db_rollback(db);
	vec_free(&t.communes);
	writer_free(w);
	return e;
}

/* ent_scan.h - the place-wide read of the rules' inputs (issue 9): every
 * person of a set with their facts in force on a day and their decision in
 * force for a month. The set is worked out once, over every path of the
 * place's territory, into a temporary table of the connection (ENT_PEOPLE);
 * two ordered reads (persons with their packed facts, fact_pack.h, and
 * decisions, each by person id, each
 * joined to that table) are then walked side by side, one person at a time,
 * so a list of a province judges 200,000 people without a query of each
 * person's own. The caller judges each person with the same functions as the
 * per-person engine (entitlement_from_facts, entitlement_eval), so the rules
 * live in one place. */
#ifndef NCT_ENT_SCAN_H
#define NCT_ENT_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "decision.h"
#include "person.h"
#include "person_fact.h"
#include "place.h"

struct ctx;
struct db_stmt;
struct ent_key;

/* The bound of a person's sort key (persons.sort_key, person.c): hex of the
 * collation keys of three fields of at most PERSON_NAME_MAX bytes. */
#define ENT_SORT_KEY_MAX PERSON_SORT_KEY_MAX

/* The connection's temporary table of the set's person ids (column id),
 * filled by ent_scan_open and emptied by ent_scan_close: a caller may join
 * its own ordered read to it (the payment list's receipts). */
#define ENT_PEOPLE "ent_people"
/* The set by name (ent_scan_open's by_name): its ids (column id) numbered in
 * the lists' order (column n), filled and emptied with ENT_PEOPLE. A caller's
 * own read walked beside the scan is ordered by e.id (ENT_PEOPLE e) or e.n
 * (ENT_ORDER e), and compared with the scan's pos. */
#define ENT_ORDER "ent_order"

enum ent_set {
	/* everyone who lived in the territory at some time, or whom a decision
	 * made there pays (the work lists) */
	ENT_RESIDENTS_AND_PAID,
	/* everyone a decision made in the territory has paid by the month (the
	 * payment list) */
	ENT_PAID,
};

struct ent_scan {
	struct db *db;
	struct ctx *x;      /* the facts of a person without a packed row */
	char day[DATE_LEN]; /* the day the facts are read on */
	struct db_stmt *st[2];
	int rc[2]; /* the last step of each: DB_ROW, DB_DONE, or an error */
	/* the person read by ent_scan_next: what the judging and the lines
	 * read (id, full name, birth, place id, citizen ID, died on); the
	 * other fields empty (the reads leave them out: ent_scan.c) */
	struct person p;
	char sort_key[ENT_SORT_KEY_MAX + 1]; /* the person's whole sort key */
	char key_was[ENT_SORT_KEY_MAX + 1];  /* the person before's (by_name) */
	/* id 0: none in force; of each, what the rules read (kind, value,
	 * place, amount, start), its note and retraction left empty */
	struct person_fact f[FACT_KINDS];
	/* the latest up to the month (has_decision): its id, person, action,
	 * number, signing day, place and path, rule, amount, month, channel;
	 * the signer's fields, reason and time written empty */
	struct decision dec;
	bool has_decision;
	bool paid;    /* a decision is in force and it is not a stop */
	bool by_name; /* walked by name (ent_scan_open) */
	int64_t pos;  /* the person's place in the walk: 0 before the first */
	int64_t p_id; /* the person read before */
};

/* Works out the set of the territory (paths, npaths) and starts the
 * reads for the day and the month. Merged-away persons are left out. By id,
 * or, when by_name, in the lists' order (ent_key_cmp: a page, a file, a
 * terminal written as the lines come, nothing held), which costs a sort of
 * the set in the store (NCT_ERR_DB if the store's order were not ent_key_cmp's). */
nct_err ent_scan_open(struct ctx *x, struct ent_scan *s, enum ent_set set, bool by_name,
                      const struct place_path *paths, size_t npaths, const char *day,
                      const char *month);
/* For tests only: when set, ent_scan_open calls it with ent_scan_race_arg
 * between the numbering of the set and the first step of the reads, where
 * another connection's write may land (test_entitlement renames a person
 * there). NULL in the program. */
extern void (*ent_scan_race)(void *arg);
extern void *ent_scan_race_arg;
/* The next person of the set: NCT_OK and *more, or *more false at the
 * end; an error of the store. */
nct_err ent_scan_next(struct ent_scan *s, bool *more);

/* Ends the reads and empties the set (safe on a scan that failed to open). */
void ent_scan_close(struct ent_scan *s);

/* A page of a list: the first k elements by cmp of all those added, kept in
 * a heap of k (the list's memory is a page's, whatever the place's size).
 * Each element starts with its struct ent_key, whose rest the heap copies
 * when it keeps the element and frees when the element leaves. */
struct ent_top {
	char *v;
	size_t size, n, k;
	int (*cmp)(const void *, const void *);
};
nct_err ent_top_init(struct ent_top *t, size_t size, size_t k,
                     int (*cmp)(const void *, const void *));
nct_err ent_top_add(struct ent_top *t, const void *e);
/* The kept elements in order (malloc'd, *n of them; the caller frees; their
 * keys cut to the prefix, rest NULL), t emptied. */
void *ent_top_sorted(struct ent_top *t, size_t *n);
void ent_top_free(struct ent_top *t);

/* The sort key of person id (a page's cursor: the lines after it), into key
 * (k->rest malloc'd when longer than the prefix: ent_key_free);
 * NCT_ERR_NOTFOUND when there is no such person. */
nct_err ent_person_key(struct ctx *x, int64_t id, struct ent_key *k);
void ent_key_free(struct ent_key *k);

/* Whether path lies in one of the territory's paths (paths, n). */
bool ent_in_paths(const struct place_path *paths, size_t n, const char *path);

/* What orders a list's lines (by name): the first member of each line kept.
 * The whole sort key decides, then the id. A key holds its first
 * ENT_KEY_PREFIX characters; a longer one (names of 40 letters or so: a
 * letter takes 4 to 12) also points to the whole key in rest, borrowed from
 * the scan (ent_scan_key) or owned by the page that keeps the line
 * (ent_pager), so two names that differ only after the prefix still come
 * out by name, not by id. */
#define ENT_KEY_PREFIX 159
struct ent_key {
	char sort_key[ENT_KEY_PREFIX + 1];
	char *rest; /* NULL when sort_key is the whole key */
	int64_t id; /* the person's */
};
int ent_key_cmp(const void *a, const void *b); /* by sort key, then id */
/* The key of the person s last read (k->rest borrowed from s). */
void ent_scan_key(const struct ent_scan *s, struct ent_key *k);

/* A page of a list by name: the limit lines after the line of person after,
 * or (before, not 0) the limit lines just before the line of person before;
 * each line (of size bytes, starting with its struct ent_key) offered with
 * ent_pager_add, the page's kept in a heap. */
struct ent_pager {
	struct ent_key at; /* the cursor's line (id 0: from the first) */
	bool back;         /* the lines before it */
	size_t beyond;     /* lines on the page's side of the cursor */
	struct ent_top top;
};
struct refusal;
/* RF_NO_SUCH_PERSON (field "after" or "before") for a cursor naming no one x sees. */
nct_err ent_pager_init(struct ctx *x, struct ent_pager *p, int64_t after, int64_t before,
                       size_t size, size_t limit, struct refusal *rf);
nct_err ent_pager_add(struct ent_pager *p, const void *line);
/* The page's lines by name (malloc'd, *n; the caller frees), and the persons
 * to ask the pages around it by: *prev (before it) and *next (after it), 0
 * where there is none. */
void *ent_pager_page(struct ent_pager *p, size_t *n, int64_t *prev, int64_t *next);
void ent_pager_free(struct ent_pager *p);

#endif

/* composition.h - who a club is made of, against the rules of Plan 327:
 * 50-70 members; 60-70 % women; 60-70 % older people (60+); 30-40 % younger;
 * and how many are in hardship. Pure functions: no store, no I/O. */
#ifndef NCT_COMPOSITION_H
#define NCT_COMPOSITION_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/birth.h"
#include "../base/date.h"

/* The rule in force: dated configuration, read from the store by the caller.
 * All bounds are inclusive. */
struct composition_rule {
	int min_members, max_members;         /* 50, 70 */
	int women_min_pct, women_max_pct;     /* 60, 70 */
	int older_min_pct, older_max_pct;     /* 60, 70 */
	int younger_min_pct, younger_max_pct; /* 30, 40 */
	int older_age;                        /* 60: aged this or more on the date */
};

/* The seed's values (Plan 327/KH-UBND, 27 Jan 2021). */
extern const struct composition_rule composition_rule_plan327;

enum hardship {
	HARDSHIP_POOR = 1,
	HARDSHIP_NEAR_POOR = 2,
	HARDSHIP_DISABILITY = 4,
	HARDSHIP_LIVES_ALONE = 8,
	HARDSHIP_ETHNIC_MINORITY = 16,
};

/* One membership, with what the person record says. */
struct member_fact {
	char sex; /* 'F' or 'M' */
	struct birth birth;
	struct date joined;
	bool has_left;
	struct date left;  /* the first day no longer a member */
	unsigned hardship; /* enum hardship bits */
};

/* A membership counts on `on` when joined <= on and (it has not ended, or left > on). */
bool member_counts_on(const struct member_fact *m, struct date on);

enum band { BAND_BELOW = -1, BAND_IN = 0, BAND_ABOVE = 1 };

/* One share of the members, e.g. women. */
struct share {
	int count;
	int total;
	int permille; /* count * 1000 / total, rounded down; 0 when total is 0 */
	int min_pct, max_pct;
	enum band band; /* inclusive bounds, compared exactly (count*100 vs pct*total) */
	/* The smallest change that brings it in band, the other members kept:
	 * add_these people of this kind when below; add_others of the other kind
	 * when above. 0 when in band. (Exactly: the smallest addition that reaches
	 * the broken bound; only a one-member club can overshoot the other one.) */
	int add_these;
	int add_others;
};

/* The four kinds of member the rule tells apart: sex by age group. */
enum cell { CELL_WOMEN_OLDER, CELL_WOMEN_YOUNGER, CELL_MEN_OLDER, CELL_MEN_YOUNGER, CELLS };

/* One plan of changes that brings a club within every band of its rule at
 * once, with the fewest changes (docs/clubs.md "The plan"): adding a person of
 * a kind, removing a member of a kind, or replacing (swapping) a member of one
 * kind by a person of another, each one change. */
struct composition_plan {
	bool found;             /* false: no club within the rule exists to reach */
	int changes;            /* adds + removals + swaps */
	int add[CELLS];         /* people of each kind to add */
	int remove[CELLS];      /* members of each kind to remove */
	int swap[CELLS][CELLS]; /* swap[from][to]: members of `from` replaced by `to` */
	int after[CELLS];       /* the club's members by kind once the plan is done */
};

/* The plan for a club of `now` members by kind under rule (all zero changes
 * when it is within already). Pure and deterministic; false when none exists. */
bool composition_plan(const int now[CELLS], const struct composition_rule *rule,
                      struct composition_plan *out);

/* Whether members by kind lie within every band of rule (size and shares). */
bool composition_cells_within(const int cells[CELLS], const struct composition_rule *rule);

struct composition {
	struct date on;
	int members;
	int cells[CELLS]; /* members by sex and age group */
	enum band size_band;
	int min_members, max_members; /* the rule's size, shown beside the count */
	int size_add;                 /* members to add to reach min_members, when below */
	int size_remove;              /* members above max_members, when above */
	struct share women;
	struct share older;           /* aged older_age or more on `on` */
	struct share younger;         /* the others */
	int hardship;                 /* members with at least one hardship flag */
	int hardship_by_flag[5];      /* per flag, in the order of enum hardship bits */
	bool within;                  /* size and the three shares in band */
	struct composition_plan plan; /* how to come within: fewest changes */
};

/* Computes the composition of the members counted on `on` under rule.
 * Members born after `on` are ignored (bad data is not counted as young). */
void composition_compute(const struct member_fact *m, size_t n, const struct composition_rule *rule,
                         struct date on, struct composition *out);

#endif

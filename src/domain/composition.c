#include "composition.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const struct composition_rule composition_rule_plan327 = {
    .min_members = 50,
    .max_members = 70,
    .women_min_pct = 60,
    .women_max_pct = 70,
    .older_min_pct = 60,
    .older_max_pct = 70,
    .younger_min_pct = 30,
    .younger_max_pct = 40,
    .older_age = 60,
};

#define HARDSHIP_FLAGS 5
#define HARDSHIP_KNOWN ((1u << HARDSHIP_FLAGS) - 1)

bool member_counts_on(const struct member_fact *m, struct date on)
{
	if (date_cmp(m->joined, on) > 0)
		return false;
	return !m->has_left || date_cmp(m->left, on) > 0;
}

/* The smallest k >= 0 with k * step >= need; step > 0. */
static int composition_ceil_div(int64_t need, int64_t step)
{
	return need <= 0 ? 0 : (int)((need + step - 1) / step);
}

/* Fills one share. Below: the smallest k with (count+k)*100 >= min*(total+k),
 * i.e. k*(100-min) >= min*total - 100*count. Above: the smallest k with
 * count*100 <= max*(total+k). A 100 % minimum or 0 % maximum cannot be reached
 * by adding people, so the advice is then 0. With a single member one addition
 * can jump over the whole band (1 woman + 1 man is 50 %): k then only crosses
 * the bound that was broken; no larger club under Plan 327 does this. */
static void composition_share(struct share *s, int count, int total, int min, int max)
{
	int64_t c100 = (int64_t)count * 100, lo = (int64_t)min * total, hi = (int64_t)max * total;
	s->count = count;
	s->total = total;
	s->permille = total ? (int)((int64_t)count * 1000 / total) : 0;
	s->min_pct = min;
	s->max_pct = max;
	s->band = c100 < lo ? BAND_BELOW : c100 > hi ? BAND_ABOVE : BAND_IN;
	s->add_these = 0;
	s->add_others = 0;
	if (s->band == BAND_BELOW && min < 100)
		s->add_these = composition_ceil_div(lo - c100, 100 - min);
	if (s->band == BAND_ABOVE && max > 0)
		s->add_others = composition_ceil_div(c100 - hi, max);
}

static void composition_size(struct composition *c, const struct composition_rule *rule)
{
	c->size_band = BAND_IN;
	c->min_members = rule->min_members;
	c->max_members = rule->max_members;
	if (c->members < rule->min_members) {
		c->size_band = BAND_BELOW;
		c->size_add = rule->min_members - c->members;
	} else if (c->members > rule->max_members) {
		c->size_band = BAND_ABOVE;
		c->size_remove = c->members - rule->max_members;
	}
}

static void composition_hardship(struct composition *c, unsigned flags)
{
	if (!(flags & HARDSHIP_KNOWN))
		return;
	c->hardship++;
	for (int i = 0; i < HARDSHIP_FLAGS; i++)
		if (flags & (1u << i))
			c->hardship_by_flag[i]++;
}

static int composition_sum(const int v[CELLS])
{
	return v[0] + v[1] + v[2] + v[3];
}

bool composition_cells_within(const int cells[CELLS], const struct composition_rule *rule)
{
	int64_t m = composition_sum(cells);
	int64_t w100 = (int64_t)(cells[CELL_WOMEN_OLDER] + cells[CELL_WOMEN_YOUNGER]) * 100;
	int64_t o100 = (int64_t)(cells[CELL_WOMEN_OLDER] + cells[CELL_MEN_OLDER]) * 100;
	int64_t y100 = m * 100 - o100;
	return m >= rule->min_members && m <= rule->max_members &&
	       w100 >= rule->women_min_pct * m && w100 <= rule->women_max_pct * m &&
	       o100 >= rule->older_min_pct * m && o100 <= rule->older_max_pct * m &&
	       y100 >= rule->younger_min_pct * m && y100 <= rule->younger_max_pct * m;
}

/* A club the plan may end with, and what reaching it costs. */
struct plan_end {
	int cost, down, up; /* changes; members who leave (removed or replaced); people who come */
	int shift;          /* |women after - women now| + |older after - older now| */
	int x[CELLS];
};

/* The order of docs/clubs.md: fewer changes, then fewer members leaving, then
 * fewer people coming, then the shares moved least, then the end with fewer
 * people of the first kind, the second, the third. */
static bool plan_end_better(const struct plan_end *a, const struct plan_end *b)
{
	if (a->cost != b->cost)
		return a->cost < b->cost;
	if (a->down != b->down)
		return a->down < b->down;
	if (a->up != b->up)
		return a->up < b->up;
	if (a->shift != b->shift)
		return a->shift < b->shift;
	for (int k = 0; k < CELLS; k++)
		if (a->x[k] != b->x[k])
			return a->x[k] < b->x[k];
	return false;
}

static int64_t pct_ceil(int pct, int m)
{
	return ((int64_t)pct * m + 99) / 100;
}

static int64_t pct_floor(int pct, int m)
{
	return (int64_t)pct * m / 100;
}

static int abs_int(int v)
{
	return v < 0 ? -v : v;
}

static int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* Sorts four and returns the second smallest. */
static int second_of_four(int p[4])
{
	for (int i = 1; i < 4; i++)
		for (int j = i; j > 0 && p[j - 1] > p[j]; j--) {
			int t = p[j];
			p[j] = p[j - 1];
			p[j - 1] = t;
		}
	return p[1];
}

/* For an end of m members, W women and O older people, the number of older
 * women a is all that is left to choose: the changes are fewest where the sum
 * of |a - p| over the four breakpoints p is least, i.e. from the second to the
 * third smallest breakpoint (within [lo, hi]); of those, the a nearest W * O / m
 * (older people as many among women as among men), the smaller on a tie. */
static void plan_try(const int now[CELLS], int n, int m, int W, int O, int shift,
                     struct plan_end *best)
{
	int lo = W + O - m > 0 ? W + O - m : 0, hi = W < O ? W : O;
	if (lo > hi)
		return;
	int p[4] = {now[CELL_WOMEN_OLDER], W - now[CELL_WOMEN_YOUNGER], O - now[CELL_MEN_OLDER],
	            W + O - m + now[CELL_MEN_YOUNGER]};
	int p2 = second_of_four(p), p3 = p[2];
	int first = p2 < lo ? lo : p2 > hi ? hi : p2, last = p3 < lo ? lo : p3 > hi ? hi : p3;
	int even = (int)((2 * (int64_t)W * O + m) / (2 * (int64_t)(m > 0 ? m : 1)));
	int a = even < first ? first : even > last ? last : even;
	struct plan_end e = {.shift = shift, .x = {a, W - a, O - a, m - W - O + a}};
	int l1 = 0;
	for (int k = 0; k < CELLS; k++)
		l1 += abs_int(e.x[k] - now[k]);
	e.up = (l1 + (m - n)) / 2;
	e.down = (l1 - (m - n)) / 2;
	e.cost = e.up > e.down ? e.up : e.down;
	if (plan_end_better(&e, best))
		*best = e;
}

/* The swaps pair a kind that goes down with one that goes up: first those
 * that change the sex only, then the age group only, then both. */
static const int swap_order[6][2] = {
    {CELL_WOMEN_OLDER, CELL_MEN_OLDER},     {CELL_WOMEN_YOUNGER, CELL_MEN_YOUNGER},
    {CELL_WOMEN_OLDER, CELL_WOMEN_YOUNGER}, {CELL_MEN_OLDER, CELL_MEN_YOUNGER},
    {CELL_WOMEN_OLDER, CELL_MEN_YOUNGER},   {CELL_WOMEN_YOUNGER, CELL_MEN_OLDER},
};

static void plan_fill(const int now[CELLS], const struct plan_end *e, struct composition_plan *out)
{
	int down[CELLS], up[CELLS];
	for (int k = 0; k < CELLS; k++) {
		down[k] = now[k] > e->x[k] ? now[k] - e->x[k] : 0;
		up[k] = e->x[k] > now[k] ? e->x[k] - now[k] : 0;
		out->after[k] = e->x[k];
	}
	for (int i = 0; i < 6; i++)
		for (int dir = 0; dir < 2; dir++) {
			int from = swap_order[i][dir], to = swap_order[i][1 - dir];
			int s = down[from] < up[to] ? down[from] : up[to];
			out->swap[from][to] += s;
			down[from] -= s;
			up[to] -= s;
		}
	for (int k = 0; k < CELLS; k++) {
		out->remove[k] = down[k];
		out->add[k] = up[k];
	}
	out->changes = e->cost;
	out->found = true;
}

/* Every end within the rule is a size m, a number of women W and of older
 * people O within their bands, and a number of older women; the cost of
 * reaching it is at least |m - n|, and at least half the people the women's
 * (or the older people's) side moves plus |m - n|, which prunes the search. */
bool composition_plan(const int now[CELLS], const struct composition_rule *rule,
                      struct composition_plan *out)
{
	memset(out, 0, sizeof *out);
	if (composition_cells_within(now, rule)) { /* most clubs: nothing to search */
		out->found = true;
		memcpy(out->after, now, sizeof out->after);
		return true;
	}
	int n = composition_sum(now);
	int w = now[CELL_WOMEN_OLDER] + now[CELL_WOMEN_YOUNGER];
	int o = now[CELL_WOMEN_OLDER] + now[CELL_MEN_OLDER];
	struct plan_end best = {.cost = INT32_MAX};
	for (int m = rule->min_members > 0 ? rule->min_members : 0; m <= rule->max_members; m++) {
		int dm = abs_int(m - n);
		if (dm > best.cost)
			continue;
		int64_t wlo = pct_ceil(rule->women_min_pct, m);
		int64_t whi = pct_floor(rule->women_max_pct, m);
		int64_t olo = max64(pct_ceil(rule->older_min_pct, m),
		                    m - pct_floor(rule->younger_max_pct, m));
		int64_t ohi = min64(pct_floor(rule->older_max_pct, m),
		                    m - pct_ceil(rule->younger_min_pct, m));
		for (int W = (int)max64(wlo, 0); W <= whi && W <= m; W++) {
			if ((abs_int(W - w) + abs_int((m - W) - (n - w)) + dm) / 2 > best.cost) {
				if (W > w && W > w + m - n)
					break;
				continue;
			}
			for (int O = (int)max64(olo, 0); O <= ohi && O <= m; O++) {
				if ((abs_int(O - o) + abs_int((m - O) - (n - o)) + dm) / 2 >
				    best.cost) {
					if (O > o && O > o + m - n)
						break;
					continue;
				}
				plan_try(now, n, m, W, O, abs_int(W - w) + abs_int(O - o), &best);
			}
		}
	}
	if (best.cost == INT32_MAX)
		return false;
	plan_fill(now, &best, out);
	return true;
}

void composition_compute(const struct member_fact *m, size_t n, const struct composition_rule *rule,
                         struct date on, struct composition *out)
{
	int women = 0, older = 0;
	memset(out, 0, sizeof *out);
	out->on = on;
	for (size_t i = 0; i < n; i++) {
		if (!member_counts_on(&m[i], on) || birth_after(m[i].birth, on))
			continue;
		bool f = m[i].sex == 'F', old = birth_age_on(m[i].birth, on) >= rule->older_age;
		out->members++;
		women += f;
		older += old;
		out->cells[f ? (old ? CELL_WOMEN_OLDER : CELL_WOMEN_YOUNGER)
		             : (old ? CELL_MEN_OLDER : CELL_MEN_YOUNGER)]++;
		composition_hardship(out, m[i].hardship);
	}
	int total = out->members;
	composition_size(out, rule);
	composition_share(&out->women, women, total, rule->women_min_pct, rule->women_max_pct);
	composition_share(&out->older, older, total, rule->older_min_pct, rule->older_max_pct);
	composition_share(&out->younger, total - older, total, rule->younger_min_pct,
	                  rule->younger_max_pct);
	out->within = out->size_band == BAND_IN && out->women.band == BAND_IN &&
	              out->older.band == BAND_IN && out->younger.band == BAND_IN;
	composition_plan(out->cells, rule, &out->plan);
}

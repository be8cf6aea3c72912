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

void composition_compute(const struct member_fact *m, size_t n, const struct composition_rule *rule,
                         struct date on, struct composition *out)
{
	int women = 0, older = 0;
	memset(out, 0, sizeof *out);
	out->on = on;
	for (size_t i = 0; i < n; i++) {
		if (!member_counts_on(&m[i], on) || birth_after(m[i].birth, on))
			continue;
		out->members++;
		women += m[i].sex == 'F';
		older += birth_age_on(m[i].birth, on) >= rule->older_age;
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
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The older and younger shares are two views of the same people: adding older
 * people is asked by both, so the larger count is kept. */
void composition_advise(const struct composition *c, int counts[ADVICE_KINDS])
{
	counts[ADVICE_ADD] = c->size_band == BAND_BELOW ? c->size_add : 0;
	counts[ADVICE_REMOVE] = c->size_band == BAND_ABOVE ? c->size_remove : 0;
	counts[ADVICE_WOMEN] = c->women.add_these;
	counts[ADVICE_MEN] = c->women.add_others;
	counts[ADVICE_OLDER] = max_int(c->older.add_these, c->younger.add_others);
	counts[ADVICE_YOUNGER] = max_int(c->younger.add_these, c->older.add_others);
}

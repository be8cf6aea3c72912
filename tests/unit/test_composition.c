/* test_composition.c - a club's members against Plan 327: size, women, older
 * and younger people, hardship, and the advice shown to the club board. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/composition.h"
#include "web/labels.h"

#define ON ((struct date){2024, 6, 1})

static struct member_fact club[120];
static size_t club_n;

static struct birth born(const char *s)
{
	struct birth b = {0, 0, 0};
	assert_int_equal(birth_parse(s, &b), NCT_OK);
	return b;
}

static struct member_fact member(char sex, const char *birth)
{
	struct member_fact m = {
	    .sex = sex, .birth = born(birth), .joined = {2020, 1, 1}, .has_left = false};
	return m;
}

/* A club of women + men members, the first `older` born in 1950, the rest in
 * 1990; the women come first. */
static void build(int women, int men, int older)
{
	club_n = 0;
	for (int i = 0; i < women + men; i++)
		club[club_n++] = member(i < women ? 'F' : 'M', i < older ? "1950" : "1990");
}

static struct composition compute_on(struct date on)
{
	struct composition c;
	composition_compute(club, club_n, &composition_rule_plan327, on, &c);
	return c;
}

static struct composition compute(void)
{
	return compute_on(ON);
}

static void test_a_club_of_50_is_within_size(void **state)
{
	(void)state;
	build(30, 20, 32);
	struct composition c = compute();
	assert_int_equal(c.members, 50);
	assert_int_equal(c.size_band, BAND_IN);
	assert_int_equal(c.size_add, 0);
	assert_true(c.within);
}

static void test_a_club_of_49_needs_1_more_member(void **state)
{
	(void)state;
	build(30, 19, 32);
	struct composition c = compute();
	assert_int_equal(c.size_band, BAND_BELOW);
	assert_int_equal(c.size_add, 1);
	assert_false(c.within);
}

static void test_a_club_of_70_is_within_size(void **state)
{
	(void)state;
	build(45, 25, 45);
	struct composition c = compute();
	assert_int_equal(c.members, 70);
	assert_int_equal(c.size_band, BAND_IN);
	assert_true(c.within);
}

static void test_a_club_of_71_has_1_member_too_many(void **state)
{
	(void)state;
	build(45, 26, 45);
	struct composition c = compute();
	assert_int_equal(c.size_band, BAND_ABOVE);
	assert_int_equal(c.size_remove, 1);
	assert_false(c.within);
}

static void test_30_women_of_50_is_60_percent_and_enough(void **state)
{
	(void)state;
	build(30, 20, 32);
	struct composition c = compute();
	assert_int_equal(c.women.count, 30);
	assert_int_equal(c.women.total, 50);
	assert_int_equal(c.women.permille, 600);
	assert_int_equal(c.women.band, BAND_IN);
	assert_int_equal(c.women.add_these, 0);
}

static void test_29_women_of_50_need_3_more_women(void **state)
{
	(void)state;
	build(29, 21, 32);
	struct composition c = compute();
	assert_int_equal(c.women.permille, 580);
	assert_int_equal(c.women.band, BAND_BELOW);
	assert_int_equal(c.women.add_these, 3); /* 32 of 53 is 60.4 %, 31 of 52 is 59.6 % */
	assert_int_equal(c.women.add_others, 0);
	assert_false(c.within);
}

static void test_70_women_of_100_is_still_in_band(void **state)
{
	(void)state;
	build(70, 30, 65);
	struct composition c = compute();
	assert_int_equal(c.women.band, BAND_IN);
}

static void test_71_women_of_100_need_2_more_men(void **state)
{
	(void)state;
	build(71, 29, 65);
	struct composition c = compute();
	assert_int_equal(c.women.permille, 710);
	assert_int_equal(c.women.band, BAND_ABOVE);
	assert_int_equal(c.women.add_others, 2); /* 71 of 102 is 69.6 %, 71 of 101 is 70.3 % */
	assert_int_equal(c.women.add_these, 0);
}

static void test_older_and_younger_people_are_counted_apart(void **state)
{
	(void)state;
	build(30, 20, 32);
	struct composition c = compute();
	assert_int_equal(c.older.count, 32);
	assert_int_equal(c.older.permille, 640);
	assert_int_equal(c.younger.count, 18);
	assert_int_equal(c.younger.permille, 360);
}

static void test_too_many_older_people_need_younger_ones(void **state)
{
	(void)state;
	build(30, 20, 36);
	struct composition c = compute();
	assert_int_equal(c.older.band, BAND_ABOVE);
	assert_int_equal(c.older.add_others, 2);
	assert_int_equal(c.younger.band, BAND_BELOW);
	assert_int_equal(c.younger.add_these, 2);
}

static void test_born_1964_counts_as_older_on_1_january_2024(void **state)
{
	(void)state;
	club[0] = member('F', "1964");
	club_n = 1;
	struct composition c = compute_on((struct date){2024, 1, 1});
	assert_int_equal(c.older.count, 1);
	assert_int_equal(c.younger.count, 0);
}

static void test_born_1964_counts_as_younger_on_31_december_2023(void **state)
{
	(void)state;
	club[0] = member('F', "1964");
	club_n = 1;
	struct composition c = compute_on((struct date){2023, 12, 31});
	assert_int_equal(c.older.count, 0);
	assert_int_equal(c.younger.count, 1);
}

static void test_a_member_who_joined_after_the_date_does_not_count(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[0].joined = (struct date){2024, 6, 2};
	club[1].joined = (struct date){2024, 6, 1};
	assert_false(member_counts_on(&club[0], ON));
	assert_true(member_counts_on(&club[1], ON));
	assert_int_equal(compute().members, 49);
}

static void test_a_member_who_left_on_the_date_does_not_count(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[0].has_left = true;
	club[0].left = (struct date){2024, 6, 1};
	club[1].has_left = true;
	club[1].left = (struct date){2024, 5, 1};
	club[2].has_left = true;
	club[2].left = (struct date){2024, 6, 2};
	assert_false(member_counts_on(&club[0], ON));
	assert_true(member_counts_on(&club[2], ON));
	assert_int_equal(compute().members, 48);
}

static void test_a_member_born_after_the_date_is_ignored(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[49].birth = born("2024-06-02");
	struct composition c = compute();
	assert_int_equal(c.members, 49);
	assert_int_equal(c.younger.count, 17);
}

static void test_a_member_with_several_hardships_counts_once(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[0].hardship = HARDSHIP_POOR | HARDSHIP_DISABILITY | HARDSHIP_LIVES_ALONE;
	struct composition c = compute();
	assert_int_equal(c.hardship, 1);
}

static void test_each_hardship_flag_is_counted_on_its_own(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[0].hardship = HARDSHIP_POOR | HARDSHIP_ETHNIC_MINORITY;
	club[1].hardship = HARDSHIP_POOR;
	club[2].hardship = HARDSHIP_NEAR_POOR;
	club[3].hardship = HARDSHIP_LIVES_ALONE;
	struct composition c = compute();
	assert_int_equal(c.hardship, 4);
	assert_int_equal(c.hardship_by_flag[0], 2);
	assert_int_equal(c.hardship_by_flag[1], 1);
	assert_int_equal(c.hardship_by_flag[2], 0);
	assert_int_equal(c.hardship_by_flag[3], 1);
	assert_int_equal(c.hardship_by_flag[4], 1);
}

static void test_bits_that_are_no_hardship_flag_are_not_counted(void **state)
{
	(void)state;
	build(30, 20, 32);
	club[0].hardship = 32;
	struct composition c = compute();
	assert_int_equal(c.hardship, 0);
}

static void test_an_empty_club_is_below_size_with_no_shares(void **state)
{
	(void)state;
	club_n = 0;
	struct composition c = compute();
	assert_int_equal(c.members, 0);
	assert_int_equal(c.size_band, BAND_BELOW);
	assert_int_equal(c.size_add, 50);
	assert_int_equal(c.women.permille, 0);
	assert_int_equal(c.older.permille, 0);
	assert_int_equal(c.younger.permille, 0);
	assert_false(c.within);
}

static void test_29_women_of_50_are_told_to_replace_one_man_by_a_woman(void **state)
{
	(void)state;
	build(29, 21, 32); /* adding women alone would need 3: 32 of 53 */
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thay 1 thành viên nam trẻ tuổi bằng nữ trẻ tuổi");
	assert_int_equal(c.plan.changes, 1);
}

static void test_advice_in_english_replaces_one_younger_man(void **state)
{
	(void)state;
	build(29, 21, 32);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "replace 1 younger man with 1 younger woman");
}

static void test_advice_is_empty_when_the_club_is_within_the_rule(void **state)
{
	(void)state;
	build(30, 20, 32);
	struct composition c = compute();
	char out[200] = "x";
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "");
	assert_true(c.plan.found);
	assert_int_equal(c.plan.changes, 0);
}

static void test_a_club_of_49_adds_one_younger_woman_for_size_and_women_at_once(void **state)
{
	(void)state;
	build(29, 20, 30);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 1 nữ trẻ tuổi");
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "add 1 younger woman");
}

static void test_a_club_of_100_removes_30_and_no_one_is_added(void **state)
{
	(void)state;
	build(71, 29, 65);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "bớt 16 thành viên nữ cao tuổi; bớt 6 thành viên nữ trẻ tuổi; "
	                         "bớt 8 thành viên nam trẻ tuổi");
	assert_int_equal(c.plan.changes, 30);
}

static void test_too_many_older_people_are_told_to_replace_one_by_a_younger(void **state)
{
	(void)state;
	build(30, 20, 36); /* 72 % older */
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thay 1 thành viên nữ cao tuổi bằng nữ trẻ tuổi");
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "replace 1 older woman with 1 younger woman");
}

static void test_an_empty_club_adds_50_people_of_every_kind_in_proportion(void **state)
{
	(void)state;
	club_n = 0;
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(
	    out, "thêm 18 nữ cao tuổi; thêm 12 nữ trẻ tuổi; thêm 12 nam cao tuổi; thêm 8 nam "
	         "trẻ tuổi");
	assert_int_equal(c.plan.changes, 50);
}

static void test_advice_that_does_not_fit_keeps_only_whole_items(void **state)
{
	(void)state;
	club_n = 0;
	struct composition c = compute();
	char out[200];
	size_t first = strlen("thêm 18 nữ cao tuổi");
	label_advice(&c, "vi", out, first + 1);
	assert_string_equal(out, "thêm 18 nữ cao tuổi");
	label_advice(&c, "vi", out, first);
	assert_string_equal(out, "");
}

/* ---- the plan, against a brute-force search -------------------------------
 * The brute force knows nothing of the plan's arithmetic: it is a breadth-first
 * search over clubs (members by kind, at most BF_MAX of them), one step being
 * one change (add a person of a kind, remove a member of a kind, replace a
 * member of one kind by a person of another), from every club within the rule
 * at once. Its distance is the fewest changes that bring a club within; no
 * path needs to pass a club larger than both its ends (removals can go first),
 * so capping the search at BF_MAX, above the rule's maximum, loses none. */

#define BF_MAX       80
#define BF_SIDE      (BF_MAX + 1)
#define BF_UNREACHED 255

static uint8_t *bf_dist;

static size_t bf_index(const int v[CELLS])
{
	return (((size_t)v[0] * BF_SIDE + (size_t)v[1]) * BF_SIDE + (size_t)v[2]) * BF_SIDE +
	       (size_t)v[3];
}

static void bf_state(size_t i, int v[CELLS])
{
	for (int k = CELLS - 1; k >= 0; k--) {
		v[k] = (int)(i % BF_SIDE);
		i /= BF_SIDE;
	}
}

static int bf_sum(const int v[CELLS])
{
	return v[0] + v[1] + v[2] + v[3];
}

/* Fills bf_dist for every club of at most `max` members under rule. */
static void brute_force(const struct composition_rule *rule, int max)
{
	size_t states = (size_t)BF_SIDE * BF_SIDE * BF_SIDE * BF_SIDE, head = 0, tail = 0;
	uint32_t *queue = malloc(states * sizeof *queue);
	bf_dist = malloc(states);
	assert_non_null(queue);
	assert_non_null(bf_dist);
	memset(bf_dist, BF_UNREACHED, states);
	int v[CELLS];
	for (v[0] = 0; v[0] <= max; v[0]++)
		for (v[1] = 0; v[0] + v[1] <= max; v[1]++)
			for (v[2] = 0; v[0] + v[1] + v[2] <= max; v[2]++)
				for (v[3] = 0; bf_sum(v) <= max; v[3]++)
					if (composition_cells_within(v, rule)) {
						bf_dist[bf_index(v)] = 0;
						queue[tail++] = (uint32_t)bf_index(v);
					}
	while (head < tail) {
		size_t at = queue[head++];
		int u[CELLS], w[CELLS];
		bf_state(at, u);
		/* 4 additions, 4 removals, 12 swaps: step s = 4 * from' + to', where
		 * from' = 4 means none (an addition) and to' = 4 none (a removal). */
		for (int from = 0; from <= CELLS; from++)
			for (int to = 0; to <= CELLS; to++) {
				if (from == to)
					continue;
				memcpy(w, u, sizeof w);
				if (from < CELLS && w[from]-- == 0)
					continue;
				if (to < CELLS)
					w[to]++;
				if (bf_sum(w) > max)
					continue;
				size_t j = bf_index(w);
				if (bf_dist[j] != BF_UNREACHED)
					continue;
				bf_dist[j] = (uint8_t)(bf_dist[at] + 1);
				queue[tail++] = (uint32_t)j;
			}
	}
	free(queue);
}

/* For every club of at most max members: the plan exists exactly when the
 * brute force reaches a club within, it is made of changes the club can make,
 * it ends within every band, and it has as few changes as the brute force. */
static void check_every_club(const struct composition_rule *rule, int max, int *none)
{
	int v[CELLS];
	brute_force(rule, max);
	*none = 0;
	for (v[0] = 0; v[0] <= max; v[0]++)
		for (v[1] = 0; v[0] + v[1] <= max; v[1]++)
			for (v[2] = 0; v[0] + v[1] + v[2] <= max; v[2]++)
				for (v[3] = 0; bf_sum(v) <= max; v[3]++) {
					struct composition_plan p;
					int d = bf_dist[bf_index(v)];
					bool found = composition_plan(v, rule, &p);
					if (found != (d != BF_UNREACHED) || found != p.found)
						fail_msg(
						    "club %d/%d/%d/%d: plan %d, brute force %d",
						    v[0], v[1], v[2], v[3], found, d);
					if (!found) {
						++*none;
						continue;
					}
					int after[CELLS], changes = 0;
					memcpy(after, v, sizeof after);
					for (int k = 0; k < CELLS; k++) {
						if (p.add[k] < 0 || p.remove[k] < 0)
							fail_msg(
							    "club %d/%d/%d/%d: a negative count",
							    v[0], v[1], v[2], v[3]);
						after[k] += p.add[k] - p.remove[k];
						changes += p.add[k] + p.remove[k];
						for (int t = 0; t < CELLS; t++) {
							if (p.swap[k][t] < 0 ||
							    (k == t && p.swap[k][t]))
								fail_msg(
								    "club %d/%d/%d/%d: a bad swap",
								    v[0], v[1], v[2], v[3]);
							after[k] -= p.swap[k][t];
							after[t] += p.swap[k][t];
							changes += p.swap[k][t];
						}
					}
					for (int k = 0; k < CELLS; k++) {
						/* a kind both removed and swapped away must have
						 * had them */
						int out = p.remove[k];
						for (int t = 0; t < CELLS; t++)
							out += p.swap[k][t];
						if (out > v[k] || after[k] != p.after[k])
							fail_msg("club %d/%d/%d/%d: kind %d cannot "
							         "be done",
							         v[0], v[1], v[2], v[3], k);
					}
					if (!composition_cells_within(after, rule) ||
					    changes != p.changes || changes != d)
						fail_msg("club %d/%d/%d/%d: %d changes, brute "
						         "force %d, within %d",
						         v[0], v[1], v[2], v[3], changes, d,
						         composition_cells_within(after, rule));
				}
	free(bf_dist);
	bf_dist = NULL;
}

static void test_every_club_up_to_80_members_gets_the_fewest_changes_plan_327_allows(void **state)
{
	(void)state;
	int none;
	check_every_club(&composition_rule_plan327, BF_MAX, &none);
	assert_int_equal(none, 0); /* under Plan 327 a way always exists */
}

static void test_a_rule_no_club_can_meet_has_no_plan_for_any_club(void **state)
{
	(void)state;
	/* 3 members, 40-50 % women: 1 woman is 33 %, 2 are 67 % */
	struct composition_rule k = {3, 3, 40, 50, 0, 100, 0, 100, 60};
	int none;
	check_every_club(&k, 12, &none);
	assert_int_equal(none, 1820); /* every club of up to 12 members: C(16, 4) */
}

static void test_other_rules_get_the_fewest_changes_too(void **state)
{
	(void)state;
	const struct composition_rule rules[] = {
	    {2, 9, 50, 50, 0, 100, 0, 100, 60},   /* exactly half women */
	    {5, 7, 60, 70, 60, 70, 30, 40, 60},   /* some sizes fit no band */
	    {1, 20, 0, 100, 100, 100, 0, 0, 60},  /* older people only */
	    {10, 12, 30, 40, 50, 55, 50, 50, 60}, /* older and younger bands meet at 50 % */
	    {4, 6, 10, 20, 61, 62, 30, 40, 60},   /* the older band and the younger cross */
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		int none;
		check_every_club(&rules[i], 24, &none);
	}
}

static void test_a_club_of_exactly_70_is_told_to_replace_men_not_to_add_women(void **state)
{
	(void)state;
	build(22, 48, 45); /* 22 women, all older; 23 of the men older */
	struct composition c = compute();
	assert_false(c.within);
	assert_true(c.plan.found);
	assert_int_equal(c.plan.changes, 20); /* 42 women of 70 is the least: 60 % */
	char out[512];
	label_advice(&c, "vi", out, sizeof out);
	assert_non_null(strstr(out, "thay "));
	assert_null(strstr(out, "thêm"));
	int after = c.plan.after[CELL_WOMEN_OLDER] + c.plan.after[CELL_WOMEN_YOUNGER] +
	            c.plan.after[CELL_MEN_OLDER] + c.plan.after[CELL_MEN_YOUNGER];
	assert_int_equal(after, 70);
}

static void test_a_club_of_71_loses_one_member_and_stays_within_every_band(void **state)
{
	(void)state;
	build(45, 26, 46); /* 63.4 % women, 64.8 % older */
	struct composition c = compute();
	assert_false(c.within);
	assert_int_equal(c.plan.changes, 1);
	int removed = 0;
	for (int k = 0; k < CELLS; k++)
		removed += c.plan.remove[k];
	assert_int_equal(removed, 1);
	assert_true(composition_cells_within(c.plan.after, &composition_rule_plan327));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_club_of_50_is_within_size),
	    cmocka_unit_test(test_a_club_of_49_needs_1_more_member),
	    cmocka_unit_test(test_a_club_of_70_is_within_size),
	    cmocka_unit_test(test_a_club_of_71_has_1_member_too_many),
	    cmocka_unit_test(test_30_women_of_50_is_60_percent_and_enough),
	    cmocka_unit_test(test_29_women_of_50_need_3_more_women),
	    cmocka_unit_test(test_70_women_of_100_is_still_in_band),
	    cmocka_unit_test(test_71_women_of_100_need_2_more_men),
	    cmocka_unit_test(test_older_and_younger_people_are_counted_apart),
	    cmocka_unit_test(test_too_many_older_people_need_younger_ones),
	    cmocka_unit_test(test_born_1964_counts_as_older_on_1_january_2024),
	    cmocka_unit_test(test_born_1964_counts_as_younger_on_31_december_2023),
	    cmocka_unit_test(test_a_member_who_joined_after_the_date_does_not_count),
	    cmocka_unit_test(test_a_member_who_left_on_the_date_does_not_count),
	    cmocka_unit_test(test_a_member_born_after_the_date_is_ignored),
	    cmocka_unit_test(test_a_member_with_several_hardships_counts_once),
	    cmocka_unit_test(test_each_hardship_flag_is_counted_on_its_own),
	    cmocka_unit_test(test_bits_that_are_no_hardship_flag_are_not_counted),
	    cmocka_unit_test(test_an_empty_club_is_below_size_with_no_shares),
	    cmocka_unit_test(test_29_women_of_50_are_told_to_replace_one_man_by_a_woman),
	    cmocka_unit_test(test_advice_in_english_replaces_one_younger_man),
	    cmocka_unit_test(test_advice_is_empty_when_the_club_is_within_the_rule),
	    cmocka_unit_test(test_a_club_of_49_adds_one_younger_woman_for_size_and_women_at_once),
	    cmocka_unit_test(test_a_club_of_100_removes_30_and_no_one_is_added),
	    cmocka_unit_test(test_too_many_older_people_are_told_to_replace_one_by_a_younger),
	    cmocka_unit_test(test_an_empty_club_adds_50_people_of_every_kind_in_proportion),
	    cmocka_unit_test(test_advice_that_does_not_fit_keeps_only_whole_items),
	    cmocka_unit_test(test_a_club_of_exactly_70_is_told_to_replace_men_not_to_add_women),
	    cmocka_unit_test(test_a_club_of_71_loses_one_member_and_stays_within_every_band),
	    cmocka_unit_test(test_a_rule_no_club_can_meet_has_no_plan_for_any_club),
	    cmocka_unit_test(test_other_rules_get_the_fewest_changes_too),
	    cmocka_unit_test(
	        test_every_club_up_to_80_members_gets_the_fewest_changes_plan_327_allows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_composition.c - a club's members against Plan 327: size, women, older
 * and younger people, hardship, and the advice shown to the club board. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

static void test_advice_asks_for_3_more_women(void **state)
{
	(void)state;
	build(29, 21, 32);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 3 nữ");
}

static void test_advice_in_english_asks_for_3_more_women(void **state)
{
	(void)state;
	build(29, 21, 32);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "add 3 women");
}

static void test_advice_is_empty_when_the_club_is_within_the_rule(void **state)
{
	(void)state;
	build(30, 20, 32);
	struct composition c = compute();
	char out[200] = "x";
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "");
}

static void test_advice_joins_items_with_semicolons(void **state)
{
	(void)state;
	build(29, 20, 30);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 1 thành viên; thêm 1 nữ");
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "add 1 member; add 1 woman");
}

static void test_advice_names_too_many_members_and_men_needed(void **state)
{
	(void)state;
	build(71, 29, 65);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "bớt 30 thành viên; thêm 2 nam");
}

static void test_advice_asks_once_for_younger_people(void **state)
{
	(void)state;
	build(30, 20, 36);
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 2 người trẻ hơn");
	label_advice(&c, "en", out, sizeof out);
	assert_string_equal(out, "add 2 younger people");
}

static void test_advice_for_an_empty_club_asks_for_50_members(void **state)
{
	(void)state;
	club_n = 0;
	struct composition c = compute();
	char out[200];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 50 thành viên");
}

static void test_advice_that_does_not_fit_keeps_only_whole_items(void **state)
{
	(void)state;
	build(29, 20, 30);
	struct composition c = compute();
	char out[24];
	label_advice(&c, "vi", out, sizeof out);
	assert_string_equal(out, "thêm 1 thành viên");
	label_advice(&c, "vi", out, 20);
	assert_string_equal(out, "");
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
	    cmocka_unit_test(test_advice_asks_for_3_more_women),
	    cmocka_unit_test(test_advice_in_english_asks_for_3_more_women),
	    cmocka_unit_test(test_advice_is_empty_when_the_club_is_within_the_rule),
	    cmocka_unit_test(test_advice_joins_items_with_semicolons),
	    cmocka_unit_test(test_advice_names_too_many_members_and_men_needed),
	    cmocka_unit_test(test_advice_asks_once_for_younger_people),
	    cmocka_unit_test(test_advice_for_an_empty_club_asks_for_50_members),
	    cmocka_unit_test(test_advice_that_does_not_fit_keeps_only_whole_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

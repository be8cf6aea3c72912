/* test_entitlement.c - the monthly allowances of older people: the rules as
 * dated data loaded from the two CSV files of data/, and the engine, a row per person, date
 * and expected amount (every category; both sides of the 70th, 75th and 80th
 * birthdays, of 2024-07-01 and of 2025-07-01; a birth year only; the highest
 * wins; disability; a special-difficulty commune before and after its
 * designation ends; death and moves), then the same through the register and
 * its access rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "base/text.h"
#include "base/vec.h"
#include "domain/decision.h"
#include "domain/ent_scan.h"
#include "domain/fact_pack.h"
#include "domain/designation.h"
#include "domain/entitlement.h"
#include "domain/person.h"
#include "domain/payment.h"
#include "domain/person_export.h"
#include "domain/person_fact.h"
#include "domain/register.h"
#include "domain/worklist.h"
#include "export/columns.h"
#include "export/list_file.h"
#include "export/payment_tables.h"
#include "export/xlsx_read.h"
#include "seed/entitlement_load.h"
#include "seed/place_load.h"
#include "seed/register_load.h"
#include "store/db.h"
#include "testctx.h"
#include "testdb.h"

#define OWN   "23500" /* Xã Đăk Hà (2025), Quảng Ngãi */
#define OTHER "21181" /* Xã Thọ Phong (2025): elsewhere */
#define THIRD "23504" /* Xã Đăk Pxi (2025): the work lists' commune */

static struct testdb t;
static struct ctx x; /* the system, as the command line acts */
static struct refusal rf;
static char msg[256];
static struct rulebook rb;
static struct place own, other;

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	struct register_load_report reg;
	struct entitlement_load_report ent;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg) ||
	    register_load_reference(&x, &reg, msg, sizeof msg) ||
	    entitlement_load_reference(&x, &ent, msg, sizeof msg)) {
		fprintf(stderr, "setup: %s\n", msg);
		return -1;
	}
	if (place_get(&x, OWN, date_today_vn(), &own) ||
	    place_get(&x, OTHER, date_today_vn(), &other))
		return -1;
	if (ent.levels != 6 || ent.rules != 11 || ent.levels_new != 6 || ent.rules_new != 11)
		return -1;
	return rulebook_load(&x, &rb) == NCT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rulebook_free(&rb);
	testdb_close(&t);
	return 0;
}

static struct date day(const char *s)
{
	struct date d;
	assert_int_equal(date_parse(s, &d), NCT_OK);
	return d;
}

/* ---- the engine, a row per person, date and amount ---------------------------- */

struct row {
	const char *who; /* what the row checks */
	const char *birth, *poverty, *supporter, *pension;
	int64_t pension_amount; /* -1: not known */
	const char *disability, *community_care;
	bool difficult;
	const char *province; /* after the reform; Kon Tum (62) became Quảng Ngãi (51) */
	const char *died_on;
	const char *on;
	int64_t amount;
	const char *code; /* the allowance that applies, NULL for none */
	size_t eligible;  /* how many allowances qualify */
};

#define KT "51"

static const struct row rows[] = {
    /* (a) poor, nobody to support them: 1,5 under 80, 2,0 from 80 */
    {"a: 74, poor, no supporter, the day before the 2024 level", "1950-03-10", "poor", "no", "", -1,
     "", "", false, KT, "", "2024-06-30", 540000, "SA_5_5_A_60", 1},
    {"a: the same person on the day of the 2024 level", "1950-03-10", "poor", "no", "", -1, "", "",
     false, KT, "", "2024-07-01", 750000, "SA_5_5_A_60", 1},
    {"a: the day before the 80th birthday", "1944-03-10", "poor", "no", "", -1, "", "", false, KT,
     "", "2024-03-09", 540000, "SA_5_5_A_60", 1},
    {"a: the 80th birthday itself", "1944-03-10", "poor", "no", "", -1, "", "", false, KT, "",
     "2024-03-10", 720000, "SA_5_5_A_80", 1},
    {"a: birth year only: 79 on 31 December", "1944", "poor", "no", "", -1, "", "", false, KT, "",
     "2023-12-31", 540000, "SA_5_5_A_60", 1},
    {"a: birth year only: 80 from 1 January", "1944", "poor", "no", "", -1, "", "", false, KT, "",
     "2024-01-01", 720000, "SA_5_5_A_80", 1},
    {"a: a supporter never recorded is not 'none'", "1950-03-10", "poor", "", "", -1, "", "", false,
     KT, "", "2024-07-01", 0, NULL, 0},
    {"a: a near-poor household is not poor", "1950-03-10", "near_poor", "no", "", -1, "", "", false,
     KT, "", "2024-07-01", 0, NULL, 0},
    /* (b) 75 to 80, poor or near-poor, in an especially difficult commune */
    {"b: 76, near-poor, designated commune, a pension", "1948-05-01", "near_poor", "yes", "yes",
     3000000, "", "", true, KT, "", "2024-07-01", 500000, "SA_5_5_B", 1},
    {"b: the same outside a designated commune", "1948-05-01", "near_poor", "yes", "yes", 3000000,
     "", "", false, KT, "", "2024-07-01", 0, NULL, 0},
    {"b: the day before the 75th birthday", "1949-07-02", "near_poor", "yes", "yes", 3000000, "",
     "", true, KT, "", "2024-07-01", 0, NULL, 0},
    {"b: the 75th birthday", "1949-07-01", "near_poor", "yes", "yes", 3000000, "", "", true, KT, "",
     "2024-07-01", 500000, "SA_5_5_B", 1},
    {"b: 80 is past (b), not yet (c) with a pension", "1944-07-01", "near_poor", "yes", "yes",
     3000000, "", "", true, KT, "", "2024-07-01", 0, NULL, 0},
    /* (c) from 80, no pension */
    {"c: 84, no pension, before 2024-07-01", "1940", "none", "yes", "no", -1, "", "", false, KT, "",
     "2024-06-30", 360000, "SA_5_5_C", 1},
    {"c: 84, no pension, from 2024-07-01", "1940", "none", "yes", "no", -1, "", "", false, KT, "",
     "2024-07-01", 500000, "SA_5_5_C", 1},
    {"c: a pension was never recorded: not 'none'", "1940", "none", "yes", "", -1, "", "", false,
     KT, "", "2024-07-01", 0, NULL, 0},
    {"c and the social pension from 2025-07-01: one of them, the same amount", "1940", "none",
     "yes", "no", -1, "", "", false, KT, "", "2025-07-01", 500000, "SA_5_5_C", 2},
    /* (d) cared for in the community */
    {"d: poor, nobody, cared for in the community", "1955-01-01", "poor", "no", "", -1, "", "yes",
     false, KT, "", "2024-07-01", 1500000, "SA_5_5_D", 2},
    /* disability */
    {"disability: severe, 65", "1959-01-01", "none", "yes", "", -1, "severe", "", false, KT, "",
     "2024-07-01", 1000000, "SA_DIS_SEVERE_ELDERLY", 1},
    {"disability: extremely severe, 65", "1959-01-01", "none", "yes", "", -1, "extremely_severe",
     "", false, KT, "", "2024-07-01", 1250000, "SA_DIS_EXTREME_ELDERLY", 1},
    {"disability: mild gives nothing", "1959-01-01", "none", "yes", "", -1, "mild", "", false, KT,
     "", "2024-07-01", 0, NULL, 0},
    /* the highest wins */
    {"highest: severe disability (2,0) over (a) under 80 (1,5)", "1959-01-01", "poor", "no", "", -1,
     "severe", "", false, KT, "", "2024-07-01", 1000000, "SA_DIS_SEVERE_ELDERLY", 2},
    {"highest: (a) from 80 over the social pension; (c) is excluded by (a)", "1944-01-01", "poor",
     "no", "no", -1, "", "", false, KT, "", "2025-07-01", 1000000, "SA_5_5_A_80", 2},
    /* the social pension from 2025-07-01 */
    {"social pension: 75, no pension, the day before it began", "1950-01-01", "none", "yes", "no",
     -1, "", "", false, KT, "", "2025-06-30", 0, NULL, 0},
    {"social pension: 75, no pension, the day it began", "1950-01-01", "none", "yes", "no", -1, "",
     "", false, KT, "", "2025-07-01", 500000, "SP_21_1", 1},
    {"social pension: the day before the 75th birthday", "1950-08-15", "none", "yes", "no", -1, "",
     "", false, KT, "", "2025-08-14", 0, NULL, 0},
    {"social pension: the 75th birthday", "1950-08-15", "none", "yes", "no", -1, "", "", false, KT,
     "", "2025-08-15", 500000, "SP_21_1", 1},
    {"social pension: a pension below its amount", "1950-01-01", "none", "yes", "yes", 300000, "",
     "", false, KT, "", "2025-07-01", 500000, "SP_21_1", 1},
    {"social pension: a pension of unknown amount", "1950-01-01", "none", "yes", "yes", -1, "", "",
     false, KT, "", "2025-07-01", 0, NULL, 0},
    {"social pension: a pension of its amount or more", "1950-01-01", "none", "yes", "yes", 500000,
     "", "", false, KT, "", "2025-07-01", 0, NULL, 0},
    {"social pension: 70, near-poor, the day before the 70th birthday", "1955-09-02", "near_poor",
     "yes", "no", -1, "", "", false, KT, "", "2025-09-01", 0, NULL, 0},
    {"social pension: 70, near-poor, the 70th birthday", "1955-09-02", "near_poor", "yes", "no", -1,
     "", "", false, KT, "", "2025-09-02", 500000, "SP_21_2", 1},
    {"social pension: 70 and not poor", "1955-01-01", "none", "yes", "no", -1, "", "", false, KT,
     "", "2025-09-02", 0, NULL, 0},
    /* a province's own levels (Hà Nội from 2026) */
    {"Hà Nội: the social pension with the city's top-up", "1950-01-01", "none", "yes", "no", -1, "",
     "", false, "01", "", "2026-01-01", 650000, "SP_21_1", 1},
    {"Hà Nội: (a) on the city's standard level", "1955-01-01", "poor", "no", "no", -1, "", "",
     false, "01", "", "2026-01-01", 975000, "SA_5_5_A_60", 2},
    {"Hà Nội: the day before its levels", "1955-01-01", "poor", "no", "no", -1, "", "", false, "01",
     "", "2025-12-31", 750000, "SA_5_5_A_60", 2},
    /* death */
    {"death: owed on the day of death", "1950-03-10", "poor", "no", "", -1, "", "", false, KT,
     "2025-03-05", "2025-03-05", 750000, "SA_5_5_A_60", 1},
    {"death: nothing from the day after", "1950-03-10", "poor", "no", "", -1, "", "", false, KT,
     "2025-03-05", "2025-03-06", 0, NULL, 0},
    /* too young */
    {"59: nothing", "1965-01-01", "poor", "no", "no", -1, "extremely_severe", "yes", true, KT, "",
     "2024-07-01", 0, NULL, 0},
};

static void input_of(const struct row *r, struct ent_input *in)
{
	memset(in, 0, sizeof *in);
	assert_int_equal(birth_parse(r->birth, &in->birth), NCT_OK);
	text_copy(in->died_on, sizeof in->died_on, r->died_on);
	text_copy(in->poverty.value, sizeof in->poverty.value, r->poverty);
	text_copy(in->supporter.value, sizeof in->supporter.value, r->supporter);
	text_copy(in->pension.value, sizeof in->pension.value, r->pension);
	in->pension_amount_known = r->pension_amount >= 0;
	in->pension_amount = r->pension_amount;
	text_copy(in->disability.value, sizeof in->disability.value, r->disability);
	text_copy(in->community_care.value, sizeof in->community_care.value, r->community_care);
	in->difficult = r->difficult;
	text_copy(in->provinces[0], sizeof in->provinces[0], r->province);
}

static const struct row *row_named(const char *who)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (strcmp(rows[i].who, who) == 0)
			return &rows[i];
	fail_msg("no row %s", who);
	return NULL;
}

static void test_every_row_of_the_table_is_owed_the_amount_it_says(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		struct ent_input in;
		struct entitlement e;
		input_of(r, &in);
		entitlement_eval(&rb, &in, day(r->on), &e);
		const char *got = e.applies >= 0 ? e.eligible[e.applies].rule->code : NULL;
		if (e.amount != r->amount || (got == NULL) != (r->code == NULL) ||
		    (got && strcmp(got, r->code) != 0) || e.n != r->eligible)
			fail_msg("%s on %s: %lld by %s (%zu eligible); expected %lld by %s (%zu)",
			         r->who, r->on, (long long)e.amount, got ? got : "nothing", e.n,
			         (long long)r->amount, r->code ? r->code : "nothing", r->eligible);
	}
}

static void test_the_day_an_allowance_began_is_the_latest_of_its_conditions(void **state)
{
	(void)state;
	struct ent_input in;
	struct entitlement e;
	input_of(row_named("a: the 80th birthday itself"), &in);
	text_copy(in.poverty.from, sizeof in.poverty.from, "2022-05-01");
	entitlement_eval(&rb, &in, day("2024-07-01"), &e);
	assert_int_equal(e.applies, 0);
	assert_string_equal(e.eligible[0].since, "2024-03-10");
	assert_string_equal(e.eligible[0].age_day, "2024-03-10");
	assert_int_equal(e.eligible[0].base, 500000);
	assert_int_equal(e.eligible[0].rule->coefficient, 200);
	assert_non_null(e.combination);
	text_copy(in.poverty.from, sizeof in.poverty.from, "2024-05-20");
	entitlement_eval(&rb, &in, day("2024-07-01"), &e);
	assert_string_equal(e.eligible[0].since, "2024-05-20");
}

/* ---- the rules as data ----------------------------------------------------------- */

static size_t in_force(const char *d, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < rb.nrules; i++)
		n += strcmp(rb.rules[i].kind, kind) == 0 &&
		     rule_in_force(rb.rules[i].valid_from, rb.rules[i].valid_to, d);
	return n;
}

static void test_the_social_pension_rules_are_in_force_from_2025_07_01_only(void **state)
{
	(void)state;
	assert_int_equal(in_force("2025-06-30", "social_pension"), 0);
	assert_int_equal(in_force("2025-07-01", "social_pension"), 2);
	assert_int_equal(in_force("2021-06-30", "social_allowance"), 0);
	assert_int_equal(in_force("2021-07-01", "social_allowance"), 7);
}

static void test_loading_the_files_again_adds_nothing(void **state)
{
	(void)state;
	struct entitlement_load_report ent;
	assert_int_equal(entitlement_load_reference(&x, &ent, msg, sizeof msg), NCT_OK);
	assert_int_equal(ent.rules, 11);
	assert_int_equal(ent.rules_new, 0);
	assert_int_equal(ent.levels_new, 0);
}

static void test_a_new_amount_from_a_date_changes_what_is_owed_from_that_date(void **state)
{
	(void)state;
	struct level_new in = {"social_pension_amount", "VN", "01/07/2027", NULL, "540.000",
	                       "Nghị định thử nghiệm",  NULL, "test"};
	struct ctx officer;
	int64_t id = 0;
	testctx_user(&officer, t.db, ROLE_PROVINCE, own.parent_id, 0);
	assert_int_equal(level_add(&officer, &in, &id, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_ADMIN_ONLY);
	assert_int_equal(level_add(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(level_add(&x, &in, &id, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	struct rulebook now;
	assert_int_equal(rulebook_load(&x, &now), NCT_OK);
	struct ent_input p;
	struct entitlement e;
	input_of(row_named("social pension: 75, no pension, the day it began"), &p);
	entitlement_eval(&now, &p, day("2027-06-30"), &e);
	assert_int_equal(e.amount, 500000);
	entitlement_eval(&now, &p, day("2027-07-01"), &e);
	assert_int_equal(e.amount, 540000);
	rulebook_free(&now);
	struct db_stmt *st =
	    db_prepare(t.db, "SELECT COUNT(*) FROM audit WHERE entity = 'assistance_level'");
	int64_t n = 0;
	assert_int_equal(db_int(st, &n), NCT_OK);
	assert_int_equal(n, 7);
}

static void test_a_rule_with_an_unreadable_coefficient_is_refused(void **state)
{
	(void)state;
	struct rule_new in = {.code = "SA_TEST",
	                      .kind = "social_allowance",
	                      .valid_from = "2026-01-01",
	                      .base = "standard_level",
	                      .coefficient = "một rưỡi",
	                      .age_from = "60",
	                      .legal_basis = "thử"};
	int64_t id;
	assert_int_equal(rule_add(&x, &in, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_RULE_COEFFICIENT);
	in.coefficient = "1,5";
	in.age_to = "60";
	assert_int_equal(rule_add(&x, &in, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NUMBER_RANGE);
	assert_string_equal(rf.field, "age_to");
}

/* ---- through the register -------------------------------------------------------- */

static int64_t add(const char *name, const char *birth, const char *place)
{
	struct person_new p = {.full_name = name, .sex = "F", .birth = birth, .place_code = place};
	int64_t id = 0;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	return id;
}

static void fact(int64_t id, const char *kind, const char *value, const char *from, int64_t amount)
{
	struct fact_new f = {kind, value, from, amount > 0, amount, NULL};
	int64_t fid;
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_fact_add(&x, id, &f, &fid, &rf), NCT_OK);
}

static int64_t owed(struct ctx *c, int64_t id, const char *on)
{
	struct ent_input in;
	struct entitlement e;
	assert_int_equal(entitlement_input(c, id, day(on), &in, &rf), NCT_OK);
	entitlement_eval(&rb, &in, day(on), &e);
	return e.amount;
}

static void designate_own_until_end_of_2025(void)
{
	static bool done;
	struct designation_new d = {OWN, "especially_difficult", "2025-07-01", "2025-12-31",
	                            "Quyết định thử nghiệm"};
	int64_t id;
	if (!done)
		assert_int_equal(designation_add(&x, &d, &id, &rf), NCT_OK);
	done = true;
}

static void test_category_b_holds_while_the_commune_is_designated_and_not_after(void **state)
{
	(void)state;
	designate_own_until_end_of_2025();
	int64_t id = add("Y Hên", "1950-03-10", OWN);
	fact(id, "poverty", "near_poor", "2020-01-01", 0);
	fact(id, "pension", "yes", "", 3000000);
	assert_int_equal(owed(&x, id, "2025-12-31"), 500000);
	assert_int_equal(owed(&x, id, "2026-01-01"), 0);
}

static void test_a_move_out_of_a_designated_commune_ends_category_b(void **state)
{
	(void)state;
	designate_own_until_end_of_2025();
	int64_t id = add("A Chuyển", "1950-03-10", OWN);
	fact(id, "poverty", "near_poor", "2020-01-01", 0);
	fact(id, "pension", "yes", "", 3000000);
	fact(id, "residence", OTHER, "2025-09-01", 0);
	assert_int_equal(owed(&x, id, "2025-08-31"), 500000);
	assert_int_equal(owed(&x, id, "2025-09-01"), 0);
}

static void test_a_person_recorded_dead_is_owed_nothing_from_the_day_after(void **state)
{
	(void)state;
	int64_t id = add("Y Mất", "1940", OWN);
	fact(id, "pension", "no", "", 0);
	assert_int_equal(owed(&x, id, "2025-03-05"), 500000);
	struct person_edit ed = {.died_on = "05/03/2025"};
	assert_int_equal(person_correct(&x, id, &ed, &rf), NCT_OK);
	assert_int_equal(owed(&x, id, "2025-03-05"), 500000);
	assert_int_equal(owed(&x, id, "2025-03-06"), 0);
}

static void test_a_commune_user_cannot_ask_about_a_person_of_another_commune(void **state)
{
	(void)state;
	int64_t id = add("Y Khác", "1940", OTHER);
	struct ctx officer, viewer;
	struct ent_input in;
	testctx_user(&officer, t.db, ROLE_COMMUNE, own.id, 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(entitlement_input(&officer, id, day("2025-07-01"), &in, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PERSON_OUTSIDE);
	assert_int_equal(rf.nargs, 0);
	testctx_user(&viewer, t.db, ROLE_VIEWER, 0, 0);
	assert_int_equal(entitlement_input(&viewer, id, day("2025-07-01"), &in, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_SENSITIVE);
}

/* ---- decisions ------------------------------------------------------------------- */

static nct_err decide(struct ctx *c, int64_t id, const char *action, const char *number,
                      const char *signed_on, const char *rule, const char *month,
                      const char *reason)
{
	struct decision_new d = {action, number, signed_on, "Nguyễn Văn Ký",
	                         rule,   month,  "post",    reason};
	int64_t did = 0;
	memset(&rf, 0, sizeof rf);
	return decision_add(c, id, &d, &did, &rf);
}

static void
test_a_decision_before_july_2025_is_the_districts_and_after_it_the_communes(void **state)
{
	(void)state;
	int64_t id = add("Y Quyết", "1944-02-01", OWN);
	fact(id, "poverty", "poor", "2020-01-01", 0);
	fact(id, "supporter", "no", "2020-01-01", 0);
	assert_int_equal(
	    decide(&x, id, "grant", "12/QĐ-UBND", "2025-03-10", "SA_5_5_A_80", "2025-03", NULL),
	    NCT_OK);
	assert_int_equal(decide(&x, id, "stop", "40/QĐ-UBND", "2025-08-05", NULL, "2025-09",
	                        "chuyển sang chế độ khác"),
	                 NCT_OK);
	struct decision *v = NULL;
	size_t n = 0;
	assert_int_equal(decision_list(&x, id, &v, &n, &rf), NCT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].signer_level, "district");
	assert_string_equal(v[0].signer_place_code, "615"); /* Huyện Đắk Hà */
	assert_int_equal(v[0].amount, 1000000);
	assert_string_equal(v[1].signer_level, "commune");
	assert_string_equal(v[1].signer_place_code, OWN);
	free(v);
	struct decision now;
	bool found = true;
	assert_int_equal(decision_in_force(t.db, id, "2025-08", &now, &found), NCT_OK);
	assert_true(found);
	assert_string_equal(now.rule_code, "SA_5_5_A_80");
	assert_int_equal(decision_in_force(t.db, id, "2025-09", &now, &found), NCT_OK);
	assert_false(found);
	assert_int_equal(decision_in_force(t.db, id, "2025-02", &now, &found), NCT_OK);
	assert_false(found);
	struct db_stmt *st = db_prepare(
	    t.db, "SELECT COUNT(*) FROM audit WHERE entity = 'allowance_decision' AND action = "
	          "'decision'");
	int64_t k = 0;
	assert_int_equal(db_int(st, &k), NCT_OK);
	assert_true(k >= 2);
}

static void test_a_decision_is_refused_with_the_reason_an_officer_can_act_on(void **state)
{
	(void)state;
	int64_t id = add("Y Từ Chối", "1944-02-01", OWN);
	fact(id, "poverty", "poor", "2020-01-01", 0);
	fact(id, "supporter", "no", "2020-01-01", 0);
	assert_int_equal(
	    decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_5_5_A_80", "2025-07", NULL),
	    NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MONTH_BEFORE_SIGNED);
	/* a slip in the year: 12/9999, or a month before 1945, is said as such */
	assert_int_equal(
	    decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_5_5_A_80", "12/9999", NULL),
	    NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MONTH_OUT_OF_RANGE);
	assert_string_equal(rf.field, "month");
	assert_string_equal(rf.arg[0].v, "9999-12"); /* months kept ISO, worded mm/yyyy */
	assert_string_equal(rf.arg[1].v, "2026-08");
	assert_int_equal(decide(&x, id, "stop", "1/QĐ", "2025-08-05", NULL, "1899-12", "x"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MONTH_OUT_OF_RANGE);
	assert_int_equal(
	    decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_5_5_A_80", "09/2026", NULL),
	    NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MONTH_OUT_OF_RANGE);
	assert_int_equal(decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_5_5_B", "2025-08", NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_ELIGIBLE);
	assert_int_equal(decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_NONE", "2025-08", NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_SUCH_RULE);
	assert_int_equal(decide(&x, id, "stop", "1/QĐ", "2025-08-05", NULL, "2025-08", "x"),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_NOT_RECEIVING);
	assert_int_equal(
	    decide(&x, id, "grant", "1/QĐ", "2025-08-05", "SA_5_5_A_80", "8/2025", NULL), NCT_OK);
	assert_int_equal(
	    decide(&x, id, "grant", "2/QĐ", "2025-08-06", "SA_5_5_A_80", "2025-09", NULL),
	    NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_ALREADY_RECEIVING);
	assert_int_equal(
	    decide(&x, id, "adjust", "1/QĐ", "2025-08-06", "SA_5_5_A_80", "2025-09", NULL),
	    NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	struct ctx officer;
	testctx_user(&officer, t.db, ROLE_COMMUNE, other.id, 0);
	assert_int_equal(decide(&officer, id, "stop", "9/QĐ", "2025-08-06", NULL, "2025-09", "x"),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PERSON_OUTSIDE);
}

/* ---- the work lists ------------------------------------------------------------------ */

static int64_t poor_alone(const char *name, const char *birth)
{
	int64_t id = add(name, birth, THIRD);
	fact(id, "poverty", "poor", "2020-01-01", 0);
	fact(id, "supporter", "no", "2020-01-01", 0);
	return id;
}

static void granted(int64_t id, const char *number, const char *rule, const char *signed_on)
{
	char month[8];
	snprintf(month, sizeof month, "%.7s", signed_on);
	assert_int_equal(decide(&x, id, "grant", number, signed_on, rule, month, NULL), NCT_OK);
}

static const struct worklist_line *line_of(const struct worklist_line *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person_id == id)
			return &v[i];
	fail_msg("person %lld is not on the list", (long long)id);
	return NULL;
}

static void test_the_two_work_lists_find_each_mistake_with_its_reason_and_day(void **state)
{
	(void)state;
	int64_t turned75 = add("Y Đủ Bảy Lăm", "1950-08-15", THIRD);
	fact(turned75, "pension", "no", "", 0);
	int64_t poor = add("A Mới Nghèo", "1950-01-01", THIRD);
	fact(poor, "poverty", "poor", "2025-02-01", 0);
	fact(poor, "supporter", "no", "2020-01-01", 0);
	int64_t died = poor_alone("Y Đã Mất", "1944");
	granted(died, "W1", "SA_5_5_A_80", "2025-07-15");
	struct person_edit ed = {.died_on = "2025-09-10"};
	assert_int_equal(person_correct(&x, died, &ed, &rf), NCT_OK);
	int64_t pensioned = add("A Có Lương", "1940", THIRD);
	fact(pensioned, "pension", "no", "", 0);
	granted(pensioned, "W2", "SA_5_5_C", "2025-07-15");
	fact(pensioned, "pension", "yes", "2025-09-01", 3000000);
	int64_t lower = poor_alone("Y Trả Thấp", "1944-02-01");
	fact(lower, "pension", "no", "", 0);
	granted(lower, "W3", "SP_21_1", "2025-08-01");
	int64_t moved = poor_alone("A Chuyển Đi", "1944");
	granted(moved, "W4", "SA_5_5_A_80", "2025-07-15");
	fact(moved, "residence", OTHER, "2025-09-01", 0);
	int64_t right = poor_alone("Y Đúng Chế Độ", "1944");
	granted(right, "W5", "SA_5_5_A_80", "2025-07-15");

	struct worklist_line *v = NULL;
	size_t n = 0, ne = 0, nr = 0;
	struct date on = day("2025-10-01");
	assert_int_equal(worklist(&x, THIRD, on, WL_ELIGIBLE_NOT_RECEIVING, &v, &n, &rf), NCT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(line_of(v, n, turned75)->reason, "needs_application");
	assert_string_equal(line_of(v, n, turned75)->since, "2025-08-15");
	assert_string_equal(line_of(v, n, turned75)->rule, "SP_21_1");
	assert_string_equal(line_of(v, n, poor)->reason, "eligible");
	assert_string_equal(line_of(v, n, poor)->since, "2025-02-01");
	assert_int_equal(line_of(v, n, poor)->amount, 750000);
	free(v);
	assert_int_equal(worklist(&x, THIRD, on, WL_RECEIVING_NOT_ELIGIBLE, &v, &n, &rf), NCT_OK);
	assert_int_equal(n, 4);
	assert_string_equal(line_of(v, n, died)->reason, "died");
	assert_string_equal(line_of(v, n, died)->since, "2025-09-11");
	assert_string_equal(line_of(v, n, pensioned)->reason, "not_eligible");
	assert_string_equal(line_of(v, n, pensioned)->condition, "pension");
	assert_string_equal(line_of(v, n, pensioned)->since, "2025-09-01");
	assert_string_equal(line_of(v, n, lower)->reason, "lower_than_highest");
	assert_string_equal(line_of(v, n, lower)->rule, "SA_5_5_A_80");
	assert_int_equal(line_of(v, n, lower)->paid, 500000);
	assert_int_equal(line_of(v, n, lower)->amount, 1000000);
	assert_string_equal(line_of(v, n, lower)->since, "2024-02-01");
	assert_string_equal(line_of(v, n, moved)->reason, "moved_away");
	assert_string_equal(line_of(v, n, moved)->since, "2025-09-01");
	free(v);
	assert_int_equal(worklist_counts(&x, THIRD, on, &ne, &nr, &rf), NCT_OK);
	assert_int_equal(ne, 2);
	assert_int_equal(nr, 4);
	/* before the death, the move and the pension: only the lower payment */
	assert_int_equal(worklist_counts(&x, THIRD, day("2025-08-31"), &ne, &nr, &rf), NCT_OK);
	assert_int_equal(nr, 1);
	(void)right;
}

static void test_a_commune_user_cannot_read_the_work_lists_of_another_commune(void **state)
{
	(void)state;
	struct ctx officer;
	size_t ne, nr;
	testctx_user(&officer, t.db, ROLE_COMMUNE, own.id, 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(worklist_counts(&officer, THIRD, day("2025-10-01"), &ne, &nr, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	assert_int_equal(worklist_counts(&officer, OWN, day("2025-10-01"), &ne, &nr, &rf), NCT_OK);
}

/* Everyone sees the map upward, but the people of the province above a
 * commune are not the commune officer's: its lists are refused. */
static void test_a_commune_user_cannot_read_the_lists_of_the_province_above_it(void **state)
{
	(void)state;
	struct ctx officer;
	struct worklist_line *v = NULL;
	struct payment_list l;
	size_t n = 0, ne, nr;
	testctx_user(&officer, t.db, ROLE_COMMUNE, own.id, 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(worklist_counts(&officer, "51", day("2025-10-01"), &ne, &nr, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(
	    worklist(&officer, "51", day("2025-10-01"), WL_RECEIVING_NOT_ELIGIBLE, &v, &n, &rf),
	    NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	assert_null(v);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(payment_list(&officer, "51", "2025-10", &l, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
}

static int64_t worklist_views(void)
{
	struct db_stmt *st = db_prepare(t.db, "SELECT COUNT(*) FROM audit WHERE entity = 'worklist'"
	                                      " AND action = 'view_sensitive'");
	int64_t k = -1;
	assert_int_equal(db_int(st, &k), NCT_OK);
	return k;
}

static void test_the_dashboards_counts_are_not_audited_and_each_view_of_a_list_is(void **state)
{
	(void)state;
	struct worklist_line *v = NULL;
	size_t n = 0, ne = 0, nr = 0;
	int64_t before = worklist_views();
	assert_int_equal(worklist_counts(&x, THIRD, day("2025-10-01"), &ne, &nr, &rf), NCT_OK);
	assert_int_equal(worklist_views(), before);
	assert_int_equal(
	    worklist(&x, THIRD, day("2025-10-01"), WL_ELIGIBLE_NOT_RECEIVING, &v, &n, &rf), NCT_OK);
	free(v);
	assert_int_equal(worklist_views(), before + 1);
}

/* ---- the monthly payment list ------------------------------------------------------- */

static const struct payment_total *total_of(const struct payment_list *l, const char *rule)
{
	for (size_t i = 0; i < l->ntotals; i++)
		if (strcmp(l->totals[i].rule, rule) == 0)
			return &l->totals[i];
	fail_msg("no total for %s", rule);
	return NULL;
}

/* After the work lists' test: five decisions of THIRD pay from July 2025. */
static void test_the_payment_list_pays_every_decision_in_force_with_totals_by_category(void **state)
{
	(void)state;
	struct payment_list l;
	assert_int_equal(payment_list(&x, THIRD, "2025-06", &l, &rf), NCT_OK);
	assert_int_equal(l.n, 0);
	payment_list_free(&l);
	assert_int_equal(payment_list(&x, THIRD, "10/2025", &l, &rf), NCT_OK);
	assert_string_equal(l.month, "2025-10");
	assert_int_equal(l.n, 5);
	/* citizen IDs and categories that say poor or disabled: a sensitive view */
	int64_t views = 0;
	struct db_stmt *st = db_prepare(t.db, "SELECT COUNT(*) FROM audit WHERE action ="
	                                      " 'view_sensitive' AND entity = 'payment_list'");
	assert_int_equal(db_int(st, &views), NCT_OK);
	assert_int_equal(views, 2);
	assert_int_equal(l.total, 4000000);
	assert_int_equal(total_of(&l, "SA_5_5_A_80")->people, 3);
	assert_int_equal(total_of(&l, "SA_5_5_A_80")->amount, 3000000);
	assert_int_equal(total_of(&l, "SA_5_5_C")->amount, 500000);
	assert_int_equal(total_of(&l, "SP_21_1")->amount, 500000);
	assert_int_equal(l.post, 5);
	assert_int_equal(l.signed_for, 0);
	int64_t someone = l.lines[0].person_id;
	payment_list_free(&l);
	assert_int_equal(payment_receipt_add(&x, someone, "2025-10", "05/10/2025", &rf), NCT_OK);
	assert_int_equal(payment_receipt_add(&x, someone, "2025-10", "06/10/2025", &rf),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	assert_int_equal(payment_receipt_add(&x, someone, "2025-06", "05/10/2025", &rf),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_NOT_RECEIVING);
	assert_int_equal(payment_list(&x, THIRD, "2025-10", &l, &rf), NCT_OK);
	assert_int_equal(l.signed_for, 1);
	payment_list_free(&l);
	assert_int_equal(payment_list(&x, THIRD, "2025-13", &l, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MONTH_FORMAT);
}

/* ---- the place-wide lists against the per-person engine ---------------------------- */

#define GEN    "23510" /* Xã Đăk Ui (2025), Quảng Ngãi: the generated place */
#define GEN_N  150
#define GEN_IN 10 /* every tenth lives elsewhere first and moves in */

static uint32_t gen_seed = 20251001u;

static unsigned pick(unsigned n)
{
	gen_seed = gen_seed * 1664525u + 1013904223u;
	return (gen_seed >> 8) % n;
}

/* A fact of kind with one of values (or none recorded, the last choice). */
static void maybe_fact(int64_t id, const char *kind, const char *const *values, size_t n)
{
	unsigned k = pick((unsigned)n + 1);
	if (k == n)
		return;
	bool paid_pension = strcmp(kind, "pension") == 0 && strcmp(values[k], "yes") == 0;
	fact(id, kind, values[k], pick(3) ? "2020-01-01" : "",
	     paid_pension && pick(2) ? 300000 + 100000 * (int64_t)pick(30) : 0);
}

/* GEN_N people of GEN with random facts, decisions granted by what the engine
 * says in July 2025 (and some refused), then deaths, moves, stops, a pension,
 * a household leaving poverty and receipts: ids into out. */
static void generate_place(int64_t out[GEN_N])
{
	static const char *const poverty[] = {"poor", "near_poor", "none"};
	static const char *const yes_no[] = {"yes", "no"};
	static const char *const pension[] = {"no", "yes"};
	static const char *const disability[] = {"none", "mild", "severe", "extremely_severe"};
	static const char *const rules[] = {"SA_5_5_A_60", "SA_5_5_B", "SA_5_5_C", "SP_21_1"};
	struct designation_new dn = {GEN, "especially_difficult", "2025-07-01", "2025-12-31",
	                             "Quyết định thử nghiệm"};
	int64_t did;
	assert_int_equal(designation_add(&x, &dn, &did, &rf), NCT_OK);
	for (int i = 0; i < GEN_N; i++) {
		char name[64], birth[16], number[32];
		bool moves_in = i % GEN_IN == GEN_IN - 1;
		snprintf(name, sizeof name, "Người Thử %03d", i);
		unsigned y = 1933 + pick(28);
		if (pick(3) == 0)
			snprintf(birth, sizeof birth, "%u", y);
		else
			snprintf(birth, sizeof birth, "%u-%02u-%02u", y, 1 + pick(12),
			         1 + pick(28));
		int64_t id = out[i] = add(name, birth, moves_in ? OTHER : GEN);
		maybe_fact(id, "poverty", poverty, 3);
		maybe_fact(id, "supporter", yes_no, 2);
		maybe_fact(id, "pension", pension, 2);
		maybe_fact(id, "disability", disability, 4);
		maybe_fact(id, "community_care", yes_no, 2);
		if (moves_in) {
			fact(id, "residence", GEN, "2025-08-01", 0);
			continue;
		}
		snprintf(number, sizeof number, "G%d/QĐ-UBND", i);
		if (pick(10) < 6) {
			struct ent_input in;
			struct entitlement ent;
			assert_int_equal(entitlement_input(&x, id, day("2025-07-15"), &in, &rf),
			                 NCT_OK);
			entitlement_eval(&rb, &in, day("2025-07-15"), &ent);
			const char *rule = ent.applies >= 0 && pick(4)
			                       ? ent.eligible[ent.applies].rule->code
			                       : rules[pick(4)];
			decide(&x, id, "grant", number, "2025-07-15", rule, "2025-07", NULL);
		}
	}
	/* what happened after the decisions */
	for (int i = 0; i < GEN_N; i++) {
		int64_t id = out[i];
		char number[32];
		if (i % GEN_IN == GEN_IN - 1)
			continue;
		if (pick(7) == 0)
			fact(id, "poverty", "none", "2025-09-01", 0);
		if (pick(13) == 0)
			fact(id, "residence", OTHER, "2025-09-01", 0);
		if (pick(17) == 0)
			fact(id, "pension", "yes", "2025-10-01", 2500000);
		if (pick(9) == 0) { /* two records of one day: the one recorded last counts */
			fact(id, "supporter", "no", "2025-09-15", 0);
			fact(id, "supporter", "yes", "2025-09-15", 0);
		}
		if (pick(10) == 0) { /* a record retracted: the one before it counts */
			struct fact_new f = {"poverty", "poor", "2025-08-15", false, 0, NULL};
			int64_t fid;
			assert_int_equal(person_fact_add(&x, id, &f, &fid, &rf), NCT_OK);
			assert_int_equal(person_fact_retract(&x, id, fid, "ghi nhầm", &rf), NCT_OK);
		}
		if (pick(11) == 0) {
			struct person_edit ed = {.died_on = "2025-09-10"};
			assert_int_equal(person_correct(&x, id, &ed, &rf), NCT_OK);
		}
		snprintf(number, sizeof number, "S%d/QĐ-UBND", i);
		if (pick(6) == 0)
			decide(&x, id, "stop", number, "2025-11-05", NULL, "2025-12", "thôi hưởng");
		if (pick(3) == 0)
			payment_receipt_add(&x, id, "2025-10", "2025-10-05", &rf);
	}
}

static void same_worklist_line(const struct worklist_line *a, const struct worklist_line *b)
{
	assert_int_equal(a->person_id, b->person_id);
	assert_string_equal(a->full_name, b->full_name);
	assert_string_equal(a->birth, b->birth);
	assert_string_equal(a->place_code, b->place_code);
	assert_string_equal(a->place_name, b->place_name);
	assert_string_equal(a->reason, b->reason);
	assert_string_equal(a->condition, b->condition);
	assert_string_equal(a->since, b->since);
	assert_string_equal(a->rule, b->rule);
	assert_int_equal(a->amount, b->amount);
	assert_string_equal(a->paid_rule, b->paid_rule);
	assert_int_equal(a->paid, b->paid);
	assert_string_equal(a->decision, b->decision);
}

static void same_payment_line(const struct payment_line *a, const struct payment_line *b)
{
	assert_int_equal(a->person_id, b->person_id);
	assert_string_equal(a->full_name, b->full_name);
	assert_string_equal(a->birth, b->birth);
	assert_string_equal(a->citizen_id, b->citizen_id);
	assert_string_equal(a->place_code, b->place_code);
	assert_string_equal(a->place_name, b->place_name);
	assert_string_equal(a->rule, b->rule);
	assert_string_equal(a->kind, b->kind);
	assert_int_equal(a->coefficient, b->coefficient);
	assert_int_equal(a->amount, b->amount);
	assert_string_equal(a->channel, b->channel);
	assert_string_equal(a->decision, b->decision);
	assert_string_equal(a->died_on, b->died_on);
	assert_string_equal(a->received_on, b->received_on);
}

/* Reads list k of the place on the day a page of per lines at a time and
 * checks the pages, put end to end, are the whole list v of n lines. */
static void pages_are_the_whole_worklist(enum worklist_kind k, struct date on, size_t per,
                                         const struct worklist_line *v, size_t n)
{
	struct worklist_page page = {0, per};
	size_t at = 0;
	do {
		struct worklist_line *p = NULL;
		size_t np = 0, total = 0;
		int64_t next = -1;
		assert_int_equal(worklist_page(&x, GEN, on, k, &page, &p, &np, &total, &next, &rf),
		                 NCT_OK);
		assert_int_equal(total, n);
		assert_true(np <= per && at + np <= n);
		for (size_t i = 0; i < np; i++)
			same_worklist_line(&p[i], &v[at + i]);
		at += np;
		assert_true(next == 0 ? at == n : next == p[np - 1].person_id && at < n);
		assert_true(at == np ? page.prev == 0 : page.prev == p[0].person_id);
		page.after = next;
		free(p);
	} while (page.after);
	assert_int_equal(at, n);
	/* and back, from before the last line: each page the lines just before */
	size_t end = n ? n - 1 : 0;
	struct worklist_page back = {.limit = per, .before = n ? v[n - 1].person_id : 0};
	while (back.before) {
		struct worklist_line *p = NULL;
		size_t np = 0, total = 0;
		int64_t next = -1;
		assert_int_equal(worklist_page(&x, GEN, on, k, &back, &p, &np, &total, &next, &rf),
		                 NCT_OK);
		assert_true(np <= per && np <= end);
		for (size_t i = 0; i < np; i++)
			same_worklist_line(&p[i], &v[end - np + i]);
		assert_true(np == 0 || back.next == p[np - 1].person_id);
		end -= np;
		assert_true(back.prev == 0 ? end == 0 : back.prev == p[0].person_id);
		back.before = back.prev;
		free(p);
	}
	assert_int_equal(end, 0);
}

/* The workbook of the month's list, written as its lines come, holds the
 * lines of l (the whole list), in its order, one row each after the header. */
static void the_workbook_is_the_whole_payment_list(const char *month, const struct payment_list *l)
{
	struct buf out;
	struct payment_list got;
	struct sheet sh;
	char why[256], no[24], amount[32];
	buf_init(&out, 64u << 20);
	assert_int_equal(payment_xlsx(&x, GEN, month, "vi", NULL, &out, &got, &rf), NCT_OK);
	assert_int_equal(got.n, l->n);
	assert_int_equal(got.total, l->total);
	assert_int_equal(sheet_read_xlsx(out.ptr, out.len, &sh, why, sizeof why), NCT_OK);
	assert_int_equal(sh.rows.n, l->n + 1);
	for (size_t i = 0; i < l->n; i++) {
		snprintf(no, sizeof no, "%zu", i + 1);
		snprintf(amount, sizeof amount, "%lld", (long long)l->lines[i].amount);
		assert_string_equal(sheet_cell(&sh, i + 1, PC_NO), no);
		assert_string_equal(sheet_cell(&sh, i + 1, PC_NAME), l->lines[i].full_name);
		assert_string_equal(sheet_cell(&sh, i + 1, PC_CITIZEN_ID), l->lines[i].citizen_id);
		assert_string_equal(sheet_cell(&sh, i + 1, PC_AMOUNT), amount);
	}
	sheet_free(&sh);
	buf_free(&out);
}

/* As pages_are_the_whole_worklist, of the payment list l of the month. */
static void pages_are_the_whole_payment_list(const char *month, size_t per,
                                             const struct payment_list *l)
{
	struct payment_page page = {0, per};
	size_t at = 0;
	do {
		struct payment_list p;
		assert_int_equal(payment_list_page(&x, GEN, month, &page, &p, &rf), NCT_OK);
		assert_int_equal(p.people, l->n);
		assert_int_equal(p.total, l->total);
		assert_int_equal(p.ntotals, l->ntotals);
		assert_true(p.n <= per && at + p.n <= l->n);
		for (size_t i = 0; i < p.n; i++)
			same_payment_line(&p.lines[i], &l->lines[at + i]);
		at += p.n;
		assert_true(p.next == 0 ? at == l->n : p.next == p.lines[p.n - 1].person_id);
		assert_true(at == p.n ? p.prev == 0 : p.prev == p.lines[0].person_id);
		page.after = p.next;
		payment_list_free(&p);
	} while (page.after);
	assert_int_equal(at, l->n);
	/* and back, from before the last line */
	size_t end = l->n ? l->n - 1 : 0;
	struct payment_page back = {.limit = per,
	                            .before = l->n ? l->lines[l->n - 1].person_id : 0};
	while (back.before) {
		struct payment_list p;
		assert_int_equal(payment_list_page(&x, GEN, month, &back, &p, &rf), NCT_OK);
		assert_int_equal(p.people, l->n);
		assert_true(p.n <= per && p.n <= end);
		for (size_t i = 0; i < p.n; i++)
			same_payment_line(&p.lines[i], &l->lines[end - p.n + i]);
		end -= p.n;
		assert_true(p.prev == 0 ? end == 0 : p.prev == p.lines[0].person_id);
		back.before = p.prev;
		payment_list_free(&p);
	}
	assert_int_equal(end, 0);
}

static void
test_the_place_wide_lists_say_of_every_person_what_the_per_person_engine_says(void **state)
{
	(void)state;
	static const char *const days[] = {"2025-07-20", "2025-08-20", "2025-10-01", "2026-01-15"};
	static int64_t ids[GEN_N];
	generate_place(ids);
	size_t seen_lines[2] = {0, 0}, seen_paid = 0;
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
		struct date on = day(days[d]);
		struct worklist_line *v[2] = {NULL, NULL};
		size_t n[2] = {0, 0}, ne = 0, nr = 0, per_person[2] = {0, 0};
		for (int k = 0; k < 2; k++)
			assert_int_equal(
			    worklist(&x, GEN, on, (enum worklist_kind)k, &v[k], &n[k], &rf),
			    NCT_OK);
		assert_int_equal(worklist_counts(&x, GEN, on, &ne, &nr, &rf), NCT_OK);
		assert_int_equal(ne, n[WL_ELIGIBLE_NOT_RECEIVING]);
		assert_int_equal(nr, n[WL_RECEIVING_NOT_ELIGIBLE]);
		for (int i = 0; i < GEN_N; i++) {
			struct worklist_line one;
			int kind = -1;
			assert_int_equal(worklist_person(&x, GEN, on, ids[i], &one, &kind, &rf),
			                 NCT_OK);
			if (kind < 0)
				continue;
			per_person[kind]++;
			same_worklist_line(line_of(v[kind], n[kind], ids[i]), &one);
		}
		/* and nobody else: the generated people are the place's only people */
		for (int k = 0; k < 2; k++) {
			assert_int_equal(n[k], per_person[k]);
			seen_lines[k] += n[k];
			for (size_t i = 1; i < n[k]; i++) /* by name */
				assert_true(strcmp(v[k][i - 1].full_name, v[k][i].full_name) <= 0);
			/* a page at a time, the same lines */
			pages_are_the_whole_worklist((enum worklist_kind)k, on, 7, v[k], n[k]);
			pages_are_the_whole_worklist((enum worklist_kind)k, on, 1000, v[k], n[k]);
			free(v[k]);
		}
		struct payment_list l;
		char month[8];
		snprintf(month, sizeof month, "%.7s", days[d]);
		assert_int_equal(payment_list(&x, GEN, month, &l, &rf), NCT_OK);
		size_t paid_here = 0;
		for (int i = 0; i < GEN_N; i++) {
			struct payment_line one;
			bool paid = false;
			assert_int_equal(payment_line_of(&x, ids[i], month, &one, &paid, &rf),
			                 NCT_OK);
			if (!paid)
				continue;
			paid_here++;
			const struct payment_line *got = NULL;
			for (size_t j = 0; j < l.n && !got; j++)
				if (l.lines[j].person_id == ids[i])
					got = &l.lines[j];
			if (!got)
				fail_msg("person %lld is paid but not on the list of %s",
				         (long long)ids[i], month);
			same_payment_line(got, &one);
		}
		assert_int_equal(l.n, paid_here);
		pages_are_the_whole_payment_list(month, 5, &l);
		pages_are_the_whole_payment_list(month, 1000, &l);
		the_workbook_is_the_whole_payment_list(month, &l);
		seen_paid += paid_here;
		payment_list_free(&l);
	}
	/* a page after a person who does not exist is refused, not read from the start */
	struct worklist_page bad = {999999999, 10};
	struct payment_page badp = {999999999, 10};
	struct worklist_line *p = NULL;
	struct payment_list pl;
	size_t np = 0, total = 0;
	int64_t next = 0;
	assert_int_equal(worklist_page(&x, GEN, day("2025-10-01"), WL_ELIGIBLE_NOT_RECEIVING, &bad,
	                               &p, &np, &total, &next, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_SUCH_PERSON);
	assert_string_equal(rf.field, "after");
	assert_null(p);
	struct worklist_page bad_back = {.limit = 10, .before = 999999999};
	assert_int_equal(worklist_page(&x, GEN, day("2025-10-01"), WL_ELIGIBLE_NOT_RECEIVING,
	                               &bad_back, &p, &np, &total, &next, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_SUCH_PERSON);
	assert_string_equal(rf.field, "before");
	assert_null(p);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(payment_list_page(&x, GEN, "2025-10", &badp, &pl, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_SUCH_PERSON);
	/* the generated place holds every kind of case, so the comparison compared something */
	assert_true(seen_lines[WL_ELIGIBLE_NOT_RECEIVING] > 0);
	assert_true(seen_lines[WL_RECEIVING_NOT_ELIGIBLE] > 0);
	assert_true(seen_paid > 0);
}

/* The payment workbook past list_file_big_rows lines is a big list file: with
 * every place among them taken it is refused (to try again later), and it
 * gives its place back however it ends, written or failed. After the
 * place-wide lists' test (GEN's people). */
static void test_a_big_payment_workbook_waits_for_a_place_among_the_big_list_files(void **state)
{
	(void)state;
	size_t was = list_file_big_rows;
	bool held[LIST_FILES_BIG_AT_ONCE] = {false};
	struct payment_list l;
	struct buf out;
	list_file_big_rows = 1;
	buf_init(&out, 64u << 20);
	for (size_t i = 0; i < LIST_FILES_BIG_AT_ONCE; i++)
		assert_int_equal(list_file_big_take(&held[i], 2), NCT_OK);
	assert_int_equal(payment_xlsx(&x, GEN, "2025-10", "vi", NULL, &out, &l, &rf), NCT_ERR_BUSY);

	list_file_big_leave(&held[0]); /* one ends: the workbook has its turn */
	buf_reset(&out);
	assert_int_equal(payment_xlsx(&x, GEN, "2025-10", "vi", NULL, &out, &l, &rf), NCT_OK);
	assert_true(l.n > list_file_big_rows);
	assert_int_equal(list_file_big_take(&held[0], 2), NCT_OK); /* and gave it back */

	list_file_big_leave(&held[0]); /* one free again, and the workbook fails holding it */
	buf_free(&out);
	buf_init(&out, 64);
	assert_int_equal(payment_xlsx(&x, GEN, "2025-10", "vi", NULL, &out, &l, &rf),
	                 NCT_ERR_TOOBIG);
	assert_int_equal(list_file_big_take(&held[0], 2), NCT_OK);
	for (size_t i = 0; i < LIST_FILES_BIG_AT_ONCE; i++)
		list_file_big_leave(&held[i]);
	buf_free(&out);
	list_file_big_rows = was;
}

/* ---- moves and merges (issue 9 review) --------------------------------------------- */

static int64_t poor_alone_in(const char *name, const char *place)
{
	int64_t id = add(name, "1944", place);
	fact(id, "poverty", "poor", "2020-01-01", 0);
	fact(id, "supporter", "no", "2020-01-01", 0);
	return id;
}

/* How many lines of the list of place for month pay id. */
static size_t paid_lines(const char *place, const char *month, int64_t id)
{
	struct payment_list l;
	size_t k = 0;
	assert_int_equal(payment_list(&x, place, month, &l, &rf), NCT_OK);
	for (size_t i = 0; i < l.n; i++)
		k += l.lines[i].person_id == id;
	payment_list_free(&l);
	return k;
}

/* ---- the country: its provinces' lists joined ------------------------------------ */

/* A line of the work lists with its kind. */
struct kinded_line {
	int kind;
	struct worklist_line l;
};

/* What the country's workers hand on: each province's lines, in a vector
 * of its own (a province's lines come from one thread at a time). */
struct by_province {
	struct vec v[64];
};

static nct_err country_line(void *arg, size_t province, enum worklist_kind kind,
                            const struct worklist_line *l)
{
	struct by_province *b = arg;
	struct kinded_line k = {(int)kind, *l};
	return province < 64 ? vec_add(&b->v[province], &k) : NCT_ERR_TOOBIG;
}

static nct_err place_line(void *arg, enum worklist_kind kind, const struct worklist_line *l)
{
	struct kinded_line k = {(int)kind, *l};
	return vec_add(arg, &k);
}

static nct_err country_payee(void *arg, size_t province, const struct payment_line *l)
{
	struct by_province *b = arg;
	return province < 64 ? vec_add(&b->v[province], l) : NCT_ERR_TOOBIG;
}

static nct_err payee(void *arg, const struct payment_line *l)
{
	return vec_add(arg, l);
}

static void by_province_init(struct by_province *b, size_t size)
{
	for (size_t i = 0; i < 64; i++)
		vec_init(&b->v[i], size, 1u << 20);
}

static void by_province_free(struct by_province *b)
{
	for (size_t i = 0; i < 64; i++)
		vec_free(&b->v[i]);
}

/* The country's work lists on the day through the nx contexts xs are the n
 * provinces' of codes joined, line for line; *lines the lines. */
static void country_worklists_are_the_provinces_joined(struct ctx *const *xs, size_t nx,
                                                       const struct ent_province *codes, size_t n,
                                                       struct date on, size_t *lines)
{
	struct by_province got;
	size_t counts[2], sum[2] = {0, 0}, just[2];
	by_province_init(&got, sizeof(struct kinded_line));
	assert_int_equal(
	    worklist_country(xs, nx, codes, n, on, 3u, country_line, &got, counts, &rf), NCT_OK);
	*lines = 0;
	for (size_t i = 0; i < n; i++) {
		struct vec want;
		size_t c[2];
		vec_init(&want, sizeof(struct kinded_line), 1u << 20);
		assert_int_equal(
		    worklist_each(&x, codes[i].code, on, 3u, place_line, &want, c, &rf), NCT_OK);
		assert_int_equal(got.v[i].n, want.n);
		for (size_t j = 0; j < want.n; j++) {
			const struct kinded_line *a = vec_at(&got.v[i], struct kinded_line, j),
			                         *b = vec_at(&want, struct kinded_line, j);
			assert_int_equal(a->kind, b->kind);
			same_worklist_line(&a->l, &b->l);
		}
		sum[0] += c[0];
		sum[1] += c[1];
		*lines += want.n;
		vec_free(&want);
	}
	assert_int_equal(counts[0], sum[0]);
	assert_int_equal(counts[1], sum[1]);
	assert_int_equal(worklist_country(xs, nx, codes, n, on, 0, NULL, NULL, just, &rf), NCT_OK);
	assert_int_equal(just[0], sum[0]);
	assert_int_equal(just[1], sum[1]);
	by_province_free(&got);
}

/* The same of the payment list of the month: lines and totals. */
static void country_payments_are_the_provinces_joined(struct ctx *const *xs, size_t nx,
                                                      const struct ent_province *codes, size_t n,
                                                      const char *month)
{
	struct by_province got;
	struct payment_list c, sum = {0};
	by_province_init(&got, sizeof(struct payment_line));
	assert_int_equal(payment_country(xs, nx, codes, n, month, country_payee, &got, &c, &rf),
	                 NCT_OK);
	assert_string_equal(c.place, "VN");
	for (size_t i = 0; i < n; i++) {
		struct vec want;
		struct payment_list l;
		vec_init(&want, sizeof(struct payment_line), 1u << 20);
		assert_int_equal(payment_list_each(&x, codes[i].code, month, payee, &want, &l, &rf),
		                 NCT_OK);
		assert_int_equal(got.v[i].n, want.n);
		for (size_t j = 0; j < want.n; j++)
			same_payment_line(vec_at(&got.v[i], struct payment_line, j),
			                  vec_at(&want, struct payment_line, j));
		for (size_t k = 0; k < l.ntotals; k++) {
			size_t at = 0;
			while (at < c.ntotals && strcmp(c.totals[at].rule, l.totals[k].rule) != 0)
				at++;
			assert_true(at < c.ntotals);
			sum.totals[at].people += l.totals[k].people;
			sum.totals[at].amount += l.totals[k].amount;
		}
		sum.n += l.n;
		sum.total += l.total;
		sum.post += l.post;
		sum.cash += l.cash;
		vec_free(&want);
		payment_list_free(&l);
	}
	assert_true(sum.n > 0);
	assert_int_equal(c.n, sum.n);
	assert_int_equal(c.people, sum.n);
	assert_int_equal(c.total, sum.total);
	assert_int_equal(c.post, sum.post);
	assert_int_equal(c.cash, sum.cash);
	for (size_t k = 0; k < c.ntotals; k++) {
		assert_int_equal(c.totals[k].people, sum.totals[k].people);
		assert_int_equal(c.totals[k].amount, sum.totals[k].amount);
		assert_true(k == 0 || strcmp(c.totals[k - 1].rule, c.totals[k].rule) < 0);
	}
	by_province_free(&got);
	payment_list_free(&c);
}

static void
test_the_countrys_lists_are_its_provinces_lists_joined_on_one_or_two_workers(void **state)
{
	(void)state;
	static const char *const days[] = {"2025-10-01", "2026-01-15"};
	static const char *const months[] = {"2025-10", "2025-12"};
	struct ctx second, officer;
	struct db *db2;
	struct ent_province *codes = NULL;
	size_t n = 0;
	assert_int_equal(db_open(t.path, false, &db2, msg, sizeof msg), NCT_OK);
	ctx_system(&second, db2, "test");
	struct ctx *xs[] = {&x, &second};
	for (size_t d = 0; d < 2; d++) {
		size_t lines[2];
		assert_int_equal(ent_country_provinces(&x, day(days[d]), &codes, &n, &rf), NCT_OK);
		assert_int_equal(n, 34);
		assert_true(strcmp(codes[0].code, codes[1].code) < 0);
		for (size_t nx = 1; nx <= 2; nx++) {
			country_worklists_are_the_provinces_joined(xs, nx, codes, n, day(days[d]),
			                                           &lines[nx - 1]);
			country_payments_are_the_provinces_joined(xs, nx, codes, n, months[d]);
		}
		assert_true(lines[0] > 0);
		free(codes);
	}
	/* a user whose scope is less than the map has no country */
	testctx_user(&officer, t.db, ROLE_COMMUNE, own.id, 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(ent_country_provinces(&officer, day("2026-01-15"), &codes, &n, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	assert_null(codes);
	db_close(db2);
}

static void
test_a_merged_away_record_takes_its_decisions_along_and_is_paid_once_not_twice(void **state)
{
	(void)state;
	int64_t keep = poor_alone_in("Y Gộp", OTHER);
	int64_t dup = poor_alone_in("Y Gộp Trùng", OTHER);
	assert_int_equal(
	    decide(&x, dup, "grant", "M1/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	assert_int_equal(payment_receipt_add(&x, dup, "2025-09", "05/09/2025", &rf), NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, keep, dup, &rf), NCT_OK);
	struct decision *v = NULL;
	size_t n = 0;
	assert_int_equal(decision_list(&x, keep, &v, &n, &rf), NCT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].number, "M1/QĐ-UBND");
	free(v);
	assert_int_equal(paid_lines(OTHER, "2025-10", keep), 1);
	assert_int_equal(paid_lines(OTHER, "2025-10", dup), 0);
	/* the receipt moved along: the survivor signed for September already */
	assert_int_equal(payment_receipt_add(&x, keep, "2025-09", "06/09/2025", &rf),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	/* the tombstone takes no decision, receipt or celebration */
	assert_int_equal(
	    decide(&x, dup, "stop", "M2/QĐ-UBND", "2025-10-04", NULL, "2025-11", "gộp hồ sơ"),
	    NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MERGED);
	assert_int_equal(payment_receipt_add(&x, dup, "2025-10", "05/10/2025", &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MERGED);
}

static void test_two_records_both_receiving_an_allowance_are_not_merged(void **state)
{
	(void)state;
	int64_t a = poor_alone_in("Y Hai Lần", OTHER);
	int64_t b = poor_alone_in("Y Hai Lần Trùng", OTHER);
	assert_int_equal(
	    decide(&x, a, "grant", "M3/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	assert_int_equal(
	    decide(&x, b, "grant", "M4/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, a, b, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MERGE_BOTH_PAID);
	assert_string_equal(rf.field, "duplicate");
	/* one stopped, but both signed for the same month: still refused */
	assert_int_equal(payment_receipt_add(&x, a, "2025-09", "05/09/2025", &rf), NCT_OK);
	assert_int_equal(payment_receipt_add(&x, b, "2025-09", "05/09/2025", &rf), NCT_OK);
	assert_int_equal(
	    decide(&x, b, "stop", "M5/QĐ-UBND", "2025-09-20", NULL, "2025-10", "trùng hồ sơ"),
	    NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, a, b, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MERGE_BOTH_PAID);
}

/* "YYYY-MM" of the month k months after this one. */
static void month_ahead(int k, char out[MONTH_LEN])
{
	struct date now = date_today_vn();
	int m = now.m - 1 + k;
	struct date first = {now.y + m / 12, m % 12 + 1, 1};
	char d[DATE_LEN];
	date_format(first, d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

static void test_two_grants_that_both_start_in_a_future_month_are_not_merged(void **state)
{
	(void)state;
	char today[DATE_LEN], m2[MONTH_LEN], m3[MONTH_LEN];
	date_format(date_today_vn(), today);
	month_ahead(2, m2);
	month_ahead(3, m3);
	int64_t a = poor_alone_in("Y Tương Lai", OTHER);
	int64_t b = poor_alone_in("Y Tương Lai Trùng", OTHER);
	assert_int_equal(decide(&x, a, "grant", "F1/QĐ-UBND", today, "SA_5_5_A_80", m2, NULL),
	                 NCT_OK);
	assert_int_equal(decide(&x, b, "grant", "F2/QĐ-UBND", today, "SA_5_5_A_80", m3, NULL),
	                 NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, a, b, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_MERGE_BOTH_PAID);
	assert_string_equal(rf.field, "duplicate");
}

static void test_a_future_grant_after_the_other_records_stop_does_not_block_a_merge(void **state)
{
	(void)state;
	char today[DATE_LEN], now[MONTH_LEN], m2[MONTH_LEN];
	date_format(date_today_vn(), today);
	month_ahead(0, now);
	month_ahead(2, m2);
	int64_t a = poor_alone_in("Y Nối Tiếp", OTHER);
	int64_t b = poor_alone_in("Y Nối Tiếp Trùng", OTHER);
	/* b is paid until the month before a's grant starts: never both at once */
	assert_int_equal(decide(&x, b, "grant", "F3/QĐ-UBND", today, "SA_5_5_A_80", now, NULL),
	                 NCT_OK);
	assert_int_equal(decide(&x, b, "stop", "F4/QĐ-UBND", today, NULL, m2, "chuyển hồ sơ"),
	                 NCT_OK);
	assert_int_equal(decide(&x, a, "grant", "F5/QĐ-UBND", today, "SA_5_5_A_80", m2, NULL),
	                 NCT_OK);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, a, b, &rf), NCT_OK);
}

static bool on_list(const struct worklist_line *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person_id == id)
			return true;
	return false;
}

static void test_after_a_move_and_the_new_communes_decision_only_the_new_commune_pays(void **state)
{
	(void)state;
	int64_t id = poor_alone_in("Y Chuyển Xã", OWN);
	assert_int_equal(
	    decide(&x, id, "grant", "C1/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	fact(id, "residence", OTHER, "2025-09-01", 0);
	/* moved, still paid by the old commune's decision until the new one decides */
	assert_int_equal(paid_lines(OWN, "2025-09", id), 1);
	assert_int_equal(paid_lines(OTHER, "2025-09", id), 0);
	assert_int_equal(decide(&x, id, "adjust", "C2/QĐ-UBND", "2025-09-10", "SA_5_5_A_80",
	                        "2025-10", "chuyển đến xã"),
	                 NCT_OK);
	/* from October the new commune pays, the old one no longer: paid once */
	assert_int_equal(paid_lines(OWN, "2025-10", id), 0);
	assert_int_equal(paid_lines(OTHER, "2025-10", id), 1);
	assert_int_equal(paid_lines(OWN, "2025-09", id), 1);
	/* and the old commune's work list no longer asks it to stop a payment it does not make */
	struct worklist_line *v = NULL;
	size_t n = 0;
	assert_int_equal(
	    worklist(&x, OWN, day("2025-10-15"), WL_RECEIVING_NOT_ELIGIBLE, &v, &n, &rf), NCT_OK);
	assert_false(on_list(v, n, id));
	free(v);
	assert_int_equal(
	    worklist(&x, OTHER, day("2025-10-15"), WL_RECEIVING_NOT_ELIGIBLE, &v, &n, &rf), NCT_OK);
	assert_false(on_list(v, n, id));
	free(v);
	assert_int_equal(
	    worklist(&x, OTHER, day("2025-10-15"), WL_ELIGIBLE_NOT_RECEIVING, &v, &n, &rf), NCT_OK);
	assert_false(on_list(v, n, id));
	free(v);
	struct worklist_line one;
	int kind = 0;
	assert_int_equal(worklist_person(&x, OWN, day("2025-10-15"), id, &one, &kind, &rf), NCT_OK);
	assert_int_equal(kind, -1);
}

static void test_a_decisions_number_is_once_per_committee_whatever_writes_it(void **state)
{
	(void)state;
	int64_t id = poor_alone_in("Y Một Số", OTHER);
	assert_int_equal(
	    decide(&x, id, "grant", "N1/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	/* a second grant with the same number, as a racing writer would insert it */
	struct db_stmt *st = db_prepare(
	    t.db, "INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer,"
	          " signer_level, signer_place_id, place_id, rule_code, amount, month, channel,"
	          " created_at) SELECT person_id, action, number, signed_on, signer, signer_level,"
	          " signer_place_id, place_id, rule_code, amount, '2025-09', channel, created_at"
	          " FROM allowance_decisions WHERE number = 'N1/QĐ-UBND'");
	assert_int_equal(db_run(st), NCT_ERR_CONFLICT);
	/* and the checks run inside the unit: a grant while one is in force is refused */
	assert_int_equal(
	    decide(&x, id, "grant", "N2/QĐ-UBND", "2025-08-05", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_ALREADY_RECEIVING);
}

static void test_a_persons_own_data_export_holds_their_decisions_and_receipts(void **state)
{
	(void)state;
	int64_t id = poor_alone_in("Y Xuất Dữ Liệu", OTHER);
	assert_int_equal(
	    decide(&x, id, "grant", "E1/QĐ-UBND", "2025-08-04", "SA_5_5_A_80", "2025-08", NULL),
	    NCT_OK);
	assert_int_equal(payment_receipt_add(&x, id, "2025-08", "05/08/2025", &rf), NCT_OK);
	struct person p;
	char *j = NULL;
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	assert_int_equal(person_export(&x, &p, &j, &rf), NCT_OK);
	json_error_t err;
	json_t *o = json_loads(j, 0, &err);
	assert_non_null(o);
	json_t *d = json_array_get(json_object_get(o, "allowance_decisions"), 0);
	assert_string_equal(json_string_value(json_object_get(d, "number")), "E1/QĐ-UBND");
	assert_string_equal(json_string_value(json_object_get(d, "rule")), "SA_5_5_A_80");
	assert_string_equal(json_string_value(json_object_get(d, "month")), "2025-08");
	json_t *r = json_array_get(json_object_get(o, "payment_receipts"), 0);
	assert_string_equal(json_string_value(json_object_get(r, "month")), "2025-08");
	assert_string_equal(json_string_value(json_object_get(r, "received_on")), "2025-08-05");
	json_decref(o);
	free(j);
}

/* ---- a list read while another officer renames someone ------------------------ */

static struct db *racer; /* a second connection: another officer's request */
static int64_t race_id;
static const char *race_name;

/* Renames race_id to race_name through the second connection, committed
 * between the numbering of the set and the reads (ent_scan_race), once. */
static void rename_meanwhile(void *arg)
{
	(void)arg;
	struct ctx officer;
	struct refusal orf;
	struct person_edit ed = {.full_name = race_name};
	ent_scan_race = NULL;
	ctx_system(&officer, racer, "racer");
	assert_int_equal(person_correct(&officer, race_id, &ed, &orf), NCT_OK);
}

static void race_rename(int64_t id, const char *name)
{
	race_id = id;
	race_name = name;
	ent_scan_race = rename_meanwhile;
}

static size_t at_of(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	fail_msg("person %lld is not on the list", (long long)id);
	return n;
}

static void
test_a_list_read_while_someone_is_renamed_is_whole_and_ordered_as_it_was_before(void **state)
{
	(void)state;
	char msg2[256] = "";
	assert_int_equal(db_open(t.path, false, &racer, msg2, sizeof msg2), NCT_OK);
	int64_t waiting[3], paid[3];
	static const char *const names[] = {"An", "Cúc", "Dung"};
	for (int i = 0; i < 3; i++) {
		char name[64], number[32];
		snprintf(name, sizeof name, "Y Chờ %s", names[i]);
		waiting[i] = poor_alone_in(name, OTHER);
		snprintf(name, sizeof name, "Y Nhận %s", names[i]);
		paid[i] = poor_alone_in(name, OTHER);
		snprintf(number, sizeof number, "R%d/QĐ-UBND", i);
		assert_int_equal(decide(&x, paid[i], "grant", number, "2025-08-04", "SA_5_5_A_80",
		                        "2025-08", NULL),
		                 NCT_OK);
	}
	struct date on = day("2025-10-15");
	/* the work list: as it was, then read while "Y Chờ An" becomes "Y Chờ Yến" */
	struct worklist_line *before = NULL, *during = NULL, *after = NULL;
	size_t nb = 0, nd = 0, na = 0;
	assert_int_equal(worklist(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &before, &nb, &rf),
	                 NCT_OK);
	race_rename(waiting[0], "Y Chờ Yến");
	assert_int_equal(worklist(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &during, &nd, &rf),
	                 NCT_OK);
	assert_null(ent_scan_race); /* the rename landed inside the read */
	assert_int_equal(nd, nb);
	for (size_t i = 0; i < nb; i++)
		same_worklist_line(&during[i], &before[i]);
	/* the next read sees the new name, in its new place */
	assert_int_equal(worklist(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &after, &na, &rf),
	                 NCT_OK);
	assert_int_equal(na, nb);
	int64_t *ids = calloc(na, sizeof *ids);
	assert_non_null(ids);
	for (size_t i = 0; i < na; i++)
		ids[i] = after[i].person_id;
	size_t renamed = at_of(ids, na, waiting[0]);
	assert_true(at_of(ids, na, waiting[1]) < at_of(ids, na, waiting[2]) &&
	            at_of(ids, na, waiting[2]) < renamed);
	assert_string_equal(after[renamed].full_name, "Y Chờ Yến");
	free(ids);
	free(before);
	free(during);
	free(after);
	/* the payment list (its receipts read beside it by the same numbering): the same */
	struct payment_list lb, ld;
	assert_int_equal(payment_list(&x, OTHER, "2025-10", &lb, &rf), NCT_OK);
	race_rename(paid[0], "Y Nhận Yến");
	assert_int_equal(payment_list(&x, OTHER, "2025-10", &ld, &rf), NCT_OK);
	assert_null(ent_scan_race);
	assert_int_equal(ld.n, lb.n);
	for (size_t i = 0; i < lb.n; i++)
		same_payment_line(&ld.lines[i], &lb.lines[i]);
	payment_list_free(&lb);
	payment_list_free(&ld);
	assert_int_equal(payment_list(&x, OTHER, "2025-10", &lb, &rf), NCT_OK);
	int64_t *pids = calloc(lb.n ? lb.n : 1, sizeof *pids);
	assert_non_null(pids);
	for (size_t i = 0; i < lb.n; i++)
		pids[i] = lb.lines[i].person_id;
	assert_true(at_of(pids, lb.n, paid[1]) < at_of(pids, lb.n, paid[2]) &&
	            at_of(pids, lb.n, paid[2]) < at_of(pids, lb.n, paid[0]));
	free(pids);
	payment_list_free(&lb);
	db_close(racer);
	racer = NULL;
}

/* The sort key of person id as the store holds it. */
static void stored_key(int64_t id, char *key, size_t cap)
{
	struct db_stmt *st = db_prepare(x.db, "SELECT sort_key FROM persons WHERE id = ?");
	db_bind_int(st, 1, id);
	assert_int_equal(db_text(st, key, cap), NCT_OK);
}

static void test_two_long_names_that_differ_after_160_characters_come_out_by_name(void **state)
{
	(void)state;
	/* the same but for the tone of the last middle name: in the sort key the
	 * middle name's tones come after its letters, past character 160 */
	int64_t later = poor_alone_in(
	    "Nguyễn Thị Hoàng Minh Phương Thảo Ngọc Bích Xuân Hạnh Diệu Khánh Hà An", OTHER);
	int64_t sooner = poor_alone_in(
	    "Nguyễn Thị Hoàng Minh Phương Thảo Ngọc Bích Xuân Hạnh Diệu Khánh Ha An", OTHER);
	static char kl[PERSON_SORT_KEY_MAX + 1], ks[PERSON_SORT_KEY_MAX + 1];
	stored_key(later, kl, sizeof kl);
	stored_key(sooner, ks, sizeof ks);
	size_t same = 0;
	while (kl[same] && kl[same] == ks[same])
		same++;
	assert_true(same >= 160 && strcmp(ks, kl) < 0 && sooner > later);
	/* the whole list by name (the store's numbering, checked by the scan) */
	struct date on = day("2025-10-15");
	struct worklist_line *v = NULL;
	size_t n = 0;
	assert_int_equal(worklist(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &v, &n, &rf), NCT_OK);
	int64_t *ids = calloc(n, sizeof *ids);
	assert_non_null(ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].person_id;
	assert_int_equal(at_of(ids, n, sooner) + 1, at_of(ids, n, later));
	/* and a line a page (each page kept in a heap, its cursor the line before) */
	struct worklist_page page = {0, 1};
	size_t at = 0;
	do {
		struct worklist_line *p = NULL;
		size_t np = 0, total = 0;
		int64_t next = 0;
		assert_int_equal(worklist_page(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &page, &p,
		                               &np, &total, &next, &rf),
		                 NCT_OK);
		assert_true(np == 1 && at < n);
		assert_int_equal(p[0].person_id, ids[at]);
		at++;
		page.after = next;
		free(p);
	} while (page.after);
	assert_int_equal(at, n);
	/* back from the later: the sooner just before it */
	struct worklist_page back = {.limit = 1, .before = later};
	struct worklist_line *p = NULL;
	size_t np = 0, total = 0;
	int64_t next = 0;
	assert_int_equal(worklist_page(&x, OTHER, on, WL_ELIGIBLE_NOT_RECEIVING, &back, &p, &np,
	                               &total, &next, &rf),
	                 NCT_OK);
	assert_true(np == 1 && p[0].person_id == sooner);
	free(p);
	free(ids);
	free(v);
}

/* ---- the packed facts (fact_pack.h) ------------------------------------------------ */

/* One of the ids the query gives (its first column), drawn; 0 when none. */
static int64_t pick_id(const char *sql)
{
	int64_t ids[4096];
	size_t n = testdb_ids(db_prepare(t.db, sql), ids, 4096);
	return n ? ids[pick((unsigned)n)] : 0;
}

static const char *const pack_days[] = {"2019-12-31", "2024-06-30", "2025-07-01", "2025-11-02",
                                        "2026-01-15"};

/* For every person, on every day of pack_days: the facts read from their packed row equal
 * those read from the tables; and every person has a row. */
static void assert_every_pack_agrees_with_the_tables(int step)
{
	int64_t ids[4096];
	size_t n = testdb_ids(db_prepare(t.db, "SELECT id FROM persons ORDER BY id"), ids, 4096);
	for (size_t i = 0; i < n; i++) {
		char packed[4096] = "";
		struct db_stmt *st = DB_PREPARE(
		    t.db, "SELECT facts FROM person_fact_packs WHERE person_id = ?", DB_I(ids[i]));
		assert_int_equal(db_text(st, packed, sizeof packed), NCT_OK);
		for (size_t d = 0; d < sizeof pack_days / sizeof pack_days[0]; d++) {
			static struct person_fact a[FACT_KINDS], b[FACT_KINDS];
			assert_int_equal(fact_pack_latest(packed, pack_days[d], ids[i], a), NCT_OK);
			assert_int_equal(person_facts_latest(&x, ids[i], day(pack_days[d]), b),
			                 NCT_OK);
			for (int k = 0; k < FACT_KINDS; k++) {
				if (a[k].id != b[k].id)
					fprintf(stderr,
					        "step %d person %lld on %s: kind %d %lld != %lld\n",
					        step, (long long)ids[i], pack_days[d], k,
					        (long long)a[k].id, (long long)b[k].id);
				assert_int_equal(a[k].id, b[k].id);
				if (!a[k].id)
					continue;
				assert_string_equal(a[k].value, b[k].value);
				assert_int_equal(a[k].place_id, b[k].place_id);
				assert_int_equal(a[k].has_amount, b[k].has_amount);
				assert_int_equal(a[k].amount, b[k].amount);
				assert_string_equal(a[k].from, b[k].from);
			}
		}
	}
}

static const char *const pack_froms[] = {"",           "2020-01-01", "2024-07-01",
                                         "2025-07-01", "2025-09-01", "2025-11-02"};

/* A fact of a drawn kind and value of person id from a drawn day. */
static nct_err random_fact(int64_t id)
{
	static const char *const kinds[] = {"residence", "poverty", "disability",
	                                    "supporter", "pension", "community_care"};
	static const char *const places[] = {OWN, OTHER, THIRD};
	const char *kind = kinds[pick(6)];
	const char *const *values = fact_values(kind);
	size_t nv = 0;
	while (values && values[nv])
		nv++;
	const char *value = values ? values[pick((unsigned)nv)] : places[pick(3)];
	bool amount = strcmp(kind, "pension") == 0 && strcmp(value, "yes") == 0 && pick(2);
	struct fact_new f = {kind, value, pack_froms[pick(6)], amount, 2500000 + pick(9) * 100000,
	                     NULL};
	int64_t fid;
	return person_fact_add(&x, id, &f, &fid, &rf);
}

/* n new persons in one batch, as the import writes them: on odd steps with
 * their packs left to the end of the unit (fact_pack_fill_span over the
 * batch's span), as the import does. */
static nct_err batch_of_persons(int step, size_t n)
{
	struct person_batch *b = person_batch_new();
	assert_non_null(b);
	nct_err e = NCT_OK;
	int64_t lo = 0, hi = 0;
	if (step % 2)
		person_batch_defer_packs(b);
	for (size_t i = 0; !e && i < n; i++) {
		char name[48];
		snprintf(name, sizeof name, "Người Gói %d %zu", step, i);
		struct person_new in = {.full_name = name,
		                        .sex = "M",
		                        .birth = "1948",
		                        .place_code = i % 2 ? OWN : THIRD};
		struct person_ready r;
		e = person_ready(&x, &in, &r, &rf);
		if (!e)
			e = person_batch_add(b, &in, &r);
	}
	if (!e && !(e = unit_begin(&x))) {
		e = person_batch_write(&x, b);
		person_batch_span(b, &lo, &hi);
		if (!e && step % 2) {
			assert_true(lo > 0 && hi - lo + 1 == (int64_t)n);
			e = fact_pack_fill_span(t.db, lo, hi);
		}
		e = unit_end(&x, e);
	}
	person_batch_free(b);
	return e;
}

/* A person a bulk writer (nct gen, the demo) left without a residence, packed before
 * person_reindex fills the residence in: the residence reaches the row. */
static nct_err bare_person_then_reindex(int step)
{
	char name[48];
	int64_t indexed = 0, packed = 0;
	snprintf(name, sizeof name, "Người Trần %d", step);
	struct db_stmt *st = DB_PREPARE(
	    t.db,
	    "INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship, created_at)"
	    " VALUES (?, 'nguoi tran', 'F', '1950', ?, 0, '2026-01-01T00:00:00+07:00')",
	    DB_T(name), DB_I(own.id));
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(fact_pack_fill(t.db, &packed), NCT_OK);
	assert_int_equal(packed, 1);
	return person_reindex(&x, &indexed);
}

/* One write of kind k, drawn at random, through the domain (refusals are part of the
 * sequence: nothing written). NCT_OK when it wrote. */
static nct_err random_pack_write(int k, int step)
{
	static const char live[] =
	    "SELECT id FROM persons WHERE merged_into IS NULL AND full_name LIKE 'Người Gói%'";
	static const char retractable[] =
	    "SELECT f.id FROM person_facts f JOIN persons p ON p.id = f.person_id"
	    " WHERE p.merged_into IS NULL AND p.full_name LIKE 'Người Gói%' AND NOT EXISTS"
	    " (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)";
	memset(&rf, 0, sizeof rf);
	switch (k) {
	case 0: /* new persons (the import's batch, or one) */
		return batch_of_persons(step, 1 + pick(3));
	case 1: { /* a fact recorded (a correction is a newer record) */
		int64_t id = pick_id(live);
		return id ? random_fact(id) : NCT_ERR_NOTFOUND;
	}
	case 2: { /* a fact retracted */
		int64_t fid = pick_id(retractable), id = 0;
		if (!fid ||
		    db_int(DB_PREPARE(t.db, "SELECT person_id FROM person_facts WHERE id = ?",
		                      DB_I(fid)),
		           &id))
			return NCT_ERR_NOTFOUND;
		return person_fact_retract(&x, id, fid, "ghi nhầm", &rf);
	}
	case 3: { /* two records found to be one person */
		int64_t a = pick_id(live), b = pick_id(live);
		return a && b && a != b ? person_merge(&x, a, b, &rf) : NCT_ERR_NOTFOUND;
	}
	default:
		return bare_person_then_reindex(step);
	}
}

/* After every write of a random sequence (new persons one by one and in batches, facts,
 * retractions, merges, a bulk writer's persons filled in), each person's packed facts
 * read on any day what the tables read: every write that changes facts rewrites the rows. */
static void test_the_packed_facts_equal_the_tables_after_every_write(void **state)
{
	(void)state;
	static const int kinds[] = {0, 1, 1, 1, 1, 2, 2, 3, 4};
	int wrote[5] = {0};
	int64_t filled = 0;
	assert_int_equal(fact_pack_fill(t.db, &filled), NCT_OK); /* the earlier tests' persons */
	for (int step = 0; step < 80; step++) {
		int k = step < 5 ? step : kinds[pick(sizeof kinds / sizeof kinds[0])];
		wrote[k] += random_pack_write(k, step) == NCT_OK;
		assert_every_pack_agrees_with_the_tables(step);
	}
	for (int k = 0; k < 5; k++) /* every kind of write happened */
		assert_true(wrote[k] > 0);
}

/* A row that is not of the format is an error to the decoder, never a read past a bound. */
static void test_a_packed_row_not_of_the_format_is_an_error(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "7;residence;23500;12;;",                    /* no end of line */
	    "x;poverty;poor;;;2024-01-01\n",             /* not a number */
	    "0;poverty;poor;;;2024-01-01\n",             /* no such fact id */
	    "7;poverty;poor;;;2024-1-01\n",              /* not a day */
	    "7;poverty;poor;0;;\n",                      /* no such place */
	    "7;poverty;poor;;12a;\n",                    /* amount not a number */
	    "7;poverty;poor;;;;\n",                      /* a field too many */
	    "7;poverty;poor;;\n",                        /* fields missing */
	    "7;community_carexx;yes;;;\n",               /* kind too long */
	    "7;poverty;aaaaaaaaaaaaaaaaaaaaaaaaaa;;;\n", /* value too long */
	    "12345678901234567890;poverty;poor;;;\n",    /* past int64 */
	};
	static struct person_fact f[FACT_KINDS];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(fact_pack_latest(bad[i], "2026-01-15", 1, f), NCT_ERR_DB);
	assert_int_equal(
	    fact_pack_latest("7;pension;yes;;-5;\n8;pension;no;;;2026-02-01\n", "2026-01-15", 1, f),
	    NCT_OK);
	assert_int_equal(f[FACT_PENSION].id, 7);
	assert_true(f[FACT_PENSION].has_amount && f[FACT_PENSION].amount == -5);
	/* the person's lists are read from the tables instead: the same lines */
	int64_t id = add("Bà Hỏng", "1940", OWN);
	fact(id, "poverty", "poor", "2020-01-01", 0);
	fact(id, "supporter", "no", "", 0);
	size_t before[2], after[2];
	worklist_counts(&x, OWN, day("2026-01-15"), &before[0], &before[1], &rf);
	struct db_stmt *st = DB_PREPARE(
	    t.db, "UPDATE person_fact_packs SET facts = '1;poverty' WHERE person_id = ?", DB_I(id));
	assert_int_equal(db_run(st), NCT_OK);
	worklist_counts(&x, OWN, day("2026-01-15"), &after[0], &after[1], &rf);
	assert_int_equal(before[0], after[0]);
	assert_int_equal(before[1], after[1]);
	assert_int_equal(fact_pack_refresh(t.db, id), NCT_OK);
	/* an amount of 19 digits would make a row the decoder refuses on every read: the
	 * person gets no row (read from the tables, without a word in the log) */
	static const char sql_row[] = "SELECT count(*) FROM person_fact_packs WHERE person_id = ?";
	int64_t packs = -1, big = add("Ông Lương Lớn", "1940", OWN);
	fact(big, "pension", "yes", "2020-01-01", 999999999999999999);
	assert_int_equal(db_int(DB_PREPARE(t.db, sql_row, DB_I(big)), &packs), NCT_OK);
	assert_int_equal(packs, 1);
	struct fact_new huge = {"pension", "yes", "2021-01-01", true, 1000000000000000000, NULL};
	int64_t fid = 0;
	assert_int_equal(person_fact_add(&x, big, &huge, &fid, &rf), NCT_OK);
	assert_int_equal(db_int(DB_PREPARE(t.db, sql_row, DB_I(big)), &packs), NCT_OK);
	assert_int_equal(packs, 0);
	/* retracted, the person's row is back (the later tests find every person packed) */
	assert_int_equal(person_fact_retract(&x, big, fid, "ghi nhầm số tiền", &rf), NCT_OK);
	assert_int_equal(db_int(DB_PREPARE(t.db, sql_row, DB_I(big)), &packs), NCT_OK);
	assert_int_equal(packs, 1);
}

static int64_t count_of(const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(t.db, sql), &n), NCT_OK);
	return n;
}

/* A store upgraded to 0028 gets its rows at `nct serve`'s start; once it is marked filled, a
 * start reads nothing (a row missing then stays missing, read from the tables). */
static void test_serve_packs_the_facts_of_an_upgraded_store_once(void **state)
{
	(void)state;
	static const char missing[] =
	    "SELECT COUNT(*) FROM persons p WHERE NOT EXISTS"
	    " (SELECT 1 FROM person_fact_packs k WHERE k.person_id = p.id)";
	assert_int_equal(db_exec(t.db, "DELETE FROM person_fact_packs"), NCT_OK);
	assert_int_equal(db_exec(t.db, "DELETE FROM person_fact_packs_filled"), NCT_OK);
	assert_true(count_of(missing) > 0);
	assert_int_equal(fact_pack_upgrade(t.db), NCT_OK);
	assert_int_equal(count_of(missing), 0);
	assert_int_equal(count_of("SELECT COUNT(*) FROM person_fact_packs_filled"), 1);
	assert_int_equal(db_exec(t.db, "DELETE FROM person_fact_packs WHERE person_id ="
	                               " (SELECT MIN(id) FROM persons)"),
	                 NCT_OK);
	assert_int_equal(fact_pack_upgrade(t.db), NCT_OK);
	assert_int_equal(count_of(missing), 1);
	int64_t done = 0;
	assert_int_equal(fact_pack_fill(t.db, &done), NCT_OK);
	assert_int_equal(done, 1);
	assert_int_equal(count_of("SELECT COUNT(*) FROM person_fact_packs_filled"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_row_of_the_table_is_owed_the_amount_it_says),
	    cmocka_unit_test(test_the_day_an_allowance_began_is_the_latest_of_its_conditions),
	    cmocka_unit_test(test_the_social_pension_rules_are_in_force_from_2025_07_01_only),
	    cmocka_unit_test(test_loading_the_files_again_adds_nothing),
	    cmocka_unit_test(test_a_new_amount_from_a_date_changes_what_is_owed_from_that_date),
	    cmocka_unit_test(test_a_rule_with_an_unreadable_coefficient_is_refused),
	    cmocka_unit_test(test_category_b_holds_while_the_commune_is_designated_and_not_after),
	    cmocka_unit_test(test_a_move_out_of_a_designated_commune_ends_category_b),
	    cmocka_unit_test(test_a_person_recorded_dead_is_owed_nothing_from_the_day_after),
	    cmocka_unit_test(test_a_commune_user_cannot_ask_about_a_person_of_another_commune),
	    cmocka_unit_test(
	        test_a_decision_before_july_2025_is_the_districts_and_after_it_the_communes),
	    cmocka_unit_test(test_a_decision_is_refused_with_the_reason_an_officer_can_act_on),
	    cmocka_unit_test(test_the_two_work_lists_find_each_mistake_with_its_reason_and_day),
	    cmocka_unit_test(test_a_commune_user_cannot_read_the_work_lists_of_another_commune),
	    cmocka_unit_test(test_a_commune_user_cannot_read_the_lists_of_the_province_above_it),
	    cmocka_unit_test(test_the_dashboards_counts_are_not_audited_and_each_view_of_a_list_is),
	    cmocka_unit_test(
	        test_the_payment_list_pays_every_decision_in_force_with_totals_by_category),
	    cmocka_unit_test(
	        test_the_place_wide_lists_say_of_every_person_what_the_per_person_engine_says),
	    cmocka_unit_test(
	        test_the_countrys_lists_are_its_provinces_lists_joined_on_one_or_two_workers),
	    cmocka_unit_test(
	        test_a_merged_away_record_takes_its_decisions_along_and_is_paid_once_not_twice),
	    cmocka_unit_test(
	        test_a_big_payment_workbook_waits_for_a_place_among_the_big_list_files),
	    cmocka_unit_test(test_two_records_both_receiving_an_allowance_are_not_merged),
	    cmocka_unit_test(test_two_grants_that_both_start_in_a_future_month_are_not_merged),
	    cmocka_unit_test(
	        test_a_future_grant_after_the_other_records_stop_does_not_block_a_merge),
	    cmocka_unit_test(
	        test_after_a_move_and_the_new_communes_decision_only_the_new_commune_pays),
	    cmocka_unit_test(test_a_decisions_number_is_once_per_committee_whatever_writes_it),
	    cmocka_unit_test(test_a_persons_own_data_export_holds_their_decisions_and_receipts),
	    cmocka_unit_test(
	        test_a_list_read_while_someone_is_renamed_is_whole_and_ordered_as_it_was_before),
	    cmocka_unit_test(test_two_long_names_that_differ_after_160_characters_come_out_by_name),
	    cmocka_unit_test(test_a_packed_row_not_of_the_format_is_an_error),
	    cmocka_unit_test(test_the_packed_facts_equal_the_tables_after_every_write),
	    cmocka_unit_test(test_serve_packs_the_facts_of_an_upgraded_store_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

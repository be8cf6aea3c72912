/* test_health.c - health-insurance cards, check-ups and chronic conditions as
 * sensitive data (only roles that need them, every view audited), the lists
 * of cards expiring soon and of older people without a valid card, and the
 * longevity celebrations: who is celebrated in a year (70, 75, ... 100 and
 * every year over 100), who congratulates and with what gift, by the dated
 * rules of data/longevity-gifts.csv, and the gift recorded as given. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/composition_rule.h"
#include "domain/health.h"
#include "domain/longevity.h"
#include "domain/person.h"
#include "domain/register.h"
#include "seed/gifts_load.h"
#include "seed/place_load.h"
#include "seed/register_load.h"
#include "store/db.h"
#include "testctx.h"
#include "testdb.h"

#define OWN      "23500" /* Xã Đăk Hà (2025), Quảng Ngãi (51) */
#define OTHER    "21181" /* Xã Thọ Phong (2025): elsewhere */
#define DONG_NAI "25210" /* Phường Đồng Xoài, Đồng Nai (75): a province with its own gifts */

static struct testdb t;
static struct ctx x; /* the system, as the command line acts */
static struct refusal rf;
static char msg[256];
static struct place own, other, dong_nai;

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	struct register_load_report reg;
	size_t gifts = 0;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg) ||
	    register_load_reference(&x, &reg, msg, sizeof msg) ||
	    gifts_load_reference(&x, &gifts, msg, sizeof msg))
		return -1;
	if (place_get(&x, OWN, date_today_vn(), &own) ||
	    place_get(&x, OTHER, date_today_vn(), &other) ||
	    place_get(&x, DONG_NAI, date_today_vn(), &dong_nai))
		return -1;
	return gifts > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static int64_t add(const char *name, const char *birth, const char *place, const char *died_on)
{
	struct person_new p = {
	    .full_name = name, .sex = "F", .birth = birth, .place_code = place, .died_on = died_on};
	int64_t id = 0;
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	return id;
}

static int64_t audits(const char *action, int64_t id)
{
	int64_t n = -1;
	struct db_stmt *st = db_prepare(t.db, "SELECT COUNT(*) FROM audit WHERE action = ?"
	                                      " AND entity_id = CAST(? AS TEXT)");
	db_bind_text(st, 1, action);
	db_bind_int(st, 2, id);
	assert_int_equal(db_int(st, &n), NCT_OK);
	return n;
}

static struct date day(const char *iso)
{
	struct date d;
	assert_int_equal(date_parse(iso, &d), NCT_OK);
	return d;
}

static nct_err card(struct ctx *c, int64_t person, const char *number, const char *from,
                    const char *to, const char *payer)
{
	struct card_new in = {.number = number, .valid_from = from, .valid_to = to, .payer = payer};
	int64_t id;
	memset(&rf, 0, sizeof rf);
	return health_card_add(c, person, &in, &id, &rf);
}

/* ---- cards ------------------------------------------------------------------------ */

static void test_card_numbers_are_the_ten_digit_code_or_the_old_fifteen_characters(void **state)
{
	(void)state;
	static const struct {
		const char *number;
		bool ok;
	} cases[] = {
	    {"7901234567", true},       /* the social-insurance code, cards since 2021 */
	    {"HT2790123456789", true},  /* old form: group, level 2, province 79, 10 digits */
	    {"CK5620000000001", true},  /* benefit level 5 */
	    {"790123456", false},       /* 9 digits */
	    {"79012345678", false},     /* 11 digits */
	    {"79012345a7", false},      /* a letter among the digits */
	    {"ht2790123456789", false}, /* the group in small letters */
	    {"HT6790123456789", false}, /* no benefit level 6 */
	    {"HT279012345678", false},  /* 14 characters */
	    {"", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&rf, 0, sizeof rf);
		nct_err e = health_card_number_check(cases[i].number, &rf);
		if (cases[i].ok != (e == NCT_OK))
			fail_msg("card number \"%s\": expected %s", cases[i].number,
			         cases[i].ok ? "accepted" : "refused");
		if (!cases[i].ok)
			assert_int_equal(rf.code, RF_CARD_NUMBER);
	}
}

static void test_a_card_is_valid_from_its_first_to_its_last_day_included(void **state)
{
	(void)state;
	struct health_card c = {.valid_from = "2026-01-01", .valid_to = "2026-12-31"};
	static const struct {
		const char *on;
		bool valid;
	} cases[] = {
	    {"2025-12-31", false}, {"2026-01-01", true}, {"2026-01-02", true},
	    {"2026-12-30", true},  {"2026-12-31", true}, {"2027-01-01", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (health_card_valid_on(&c, day(cases[i].on)) != cases[i].valid)
			fail_msg("on %s the card should be %s", cases[i].on,
			         cases[i].valid ? "valid" : "not valid");
}

static void test_a_card_ending_before_it_starts_is_refused_naming_both_dates(void **state)
{
	(void)state;
	int64_t p = add("Phạm Thị Thẻ", "1950", OWN, NULL);
	assert_int_equal(card(&x, p, "7901234567", "01/01/2026", "31/12/2025", "state"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_CARD_VALID_TO);
	assert_string_equal(rf.field, "valid_to");
	assert_string_equal(rf.arg[0].v, "2025-12-31");
	assert_string_equal(rf.arg[1].v, "2026-01-01");
	assert_int_equal(card(&x, p, "7901234567", "2026-01-01", "2026-01-01", "employer"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_ONE_OF);
	assert_string_equal(rf.field, "payer");
	assert_int_equal(card(&x, p, "79-0123", "2026-01-01", "2026-01-01", "state"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_CARD_NUMBER);
	assert_int_equal(card(&x, p, "7901234567", "1/2026", "2026-01-01", "state"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_DAY_FORMAT);
	assert_string_equal(rf.field, "valid_from");
	/* Days no card can name (a slip of the year) are refused, at the edges too. */
	static const struct {
		const char *from, *to, *field, *day;
	} odd[] = {{"0001-01-01", "2026-12-31", "valid_from", "0001-01-01"},
	           {"1899-12-31", "2026-12-31", "valid_from", "1899-12-31"},
	           {"2026-01-01", "9999-12-31", "valid_to", "9999-12-31"},
	           {"2026-01-01", "01/01/2101", "valid_to", "2101-01-01"}};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		assert_int_equal(card(&x, p, "7901234567", odd[i].from, odd[i].to, "state"),
		                 NCT_ERR_INVALID);
		assert_int_equal(rf.code, RF_CARD_DATE_RANGE);
		assert_string_equal(rf.field, odd[i].field);
		assert_string_equal(rf.arg[0].v, odd[i].day);
		assert_string_equal(rf.arg[1].v, "1900-01-01");
		assert_string_equal(rf.arg[2].v, "2100-12-31");
	}
	assert_int_equal(audits("health_card", p), 0);
	assert_int_equal(card(&x, p, "7901234567", "1900-01-01", "2100-12-31", "state"), NCT_OK);
	/* A card of one day is a card. */
	int64_t before = audits("health_card", p);
	assert_int_equal(card(&x, p, "7901234567", "2026-01-01", "2026-01-01", "state"), NCT_OK);
	assert_int_equal(audits("health_card", p), before + 1);
}

static void
test_only_roles_that_need_health_data_record_or_see_it_and_each_view_is_audited(void **state)
{
	(void)state;
	int64_t p = add("Lê Thị Khám", "1948", OWN, NULL);
	struct ctx viewer, commune, elsewhere;
	testctx_user(&viewer, t.db, ROLE_VIEWER, own.id, 0);
	testctx_user(&commune, t.db, ROLE_COMMUNE, own.id, 0);
	testctx_user(&elsewhere, t.db, ROLE_COMMUNE, other.id, 0);
	assert_int_equal(card(&viewer, p, "7901234567", "2026-01-01", "2026-12-31", "state"),
	                 NCT_ERR_DENIED);
	assert_int_equal(card(&elsewhere, p, "7901234567", "2026-01-01", "2026-12-31", "state"),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PERSON_OUTSIDE);
	assert_int_equal(rf.nargs, 0); /* names nobody */
	assert_int_equal(
	    card(&commune, p, "HT2790123456789", "2026-01-01", "2026-12-31", "province"), NCT_OK);
	struct checkup_new ck = {.checked_on = "15/03/2026", .note = "Huyết áp 150/90"};
	struct condition_new cd = {.name = "Tăng huyết áp", .since = "2020-05-01"};
	int64_t id;
	assert_int_equal(health_checkup_add(&commune, p, &ck, &id, &rf), NCT_OK);
	assert_int_equal(health_condition_add(&commune, p, &cd, &id, &rf), NCT_OK);
	struct checkup_new early = {.checked_on = "01/01/1940"};
	assert_int_equal(health_checkup_add(&commune, p, &early, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_FACT_BEFORE_BIRTH);

	struct person got;
	struct person_health h;
	assert_int_equal(person_get(&commune, p, &got), NCT_OK);
	assert_int_equal(person_health(&viewer, &got, &h), NCT_ERR_DENIED);
	int64_t before = audits("view_sensitive", p);
	assert_int_equal(person_health(&commune, &got, &h), NCT_OK);
	assert_int_equal(audits("view_sensitive", p), before + 1);
	assert_int_equal(h.ncards, 1);
	assert_string_equal(h.cards[0].payer, "province");
	assert_int_equal(h.ncheckups, 1);
	assert_string_equal(h.checkups[0].checked_on, "2026-03-15");
	assert_int_equal(h.nconditions, 1);
	assert_string_equal(h.conditions[0].name, "Tăng huyết áp");
	person_health_free(&h);
}

static bool card_listed(const struct card_row *v, size_t n, int64_t person)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person.id == person)
			return true;
	return false;
}

static bool person_listed(const struct person *v, size_t n, int64_t person)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == person)
			return true;
	return false;
}

static void
test_cards_expiring_within_n_days_leave_out_the_renewed_and_the_other_commune(void **state)
{
	(void)state;
	int64_t soon = add("Đinh Văn Sắp", "1945", OWN, NULL);
	int64_t renewed = add("Đinh Văn Mới", "1945", OWN, NULL);
	int64_t far = add("Đinh Văn Xa", "1945", OWN, NULL);
	assert_int_equal(card(&x, soon, "7900000001", "2026-01-01", "2026-03-10", "state"), NCT_OK);
	assert_int_equal(card(&x, renewed, "7900000002", "2026-01-01", "2026-03-10", "state"),
	                 NCT_OK);
	assert_int_equal(card(&x, renewed, "7900000002", "2026-03-11", "2027-03-10", "state"),
	                 NCT_OK);
	assert_int_equal(card(&x, far, "7900000003", "2026-01-01", "2026-12-31", "self"), NCT_OK);
	struct card_row *v;
	size_t n;
	/* On 1 March, 10 days before the end: in the list of 9 days (the end is day 9) and 30. */
	assert_int_equal(health_cards_expiring(&x, &own, day("2026-03-01"), 30, &v, &n, &rf),
	                 NCT_OK);
	assert_true(card_listed(v, n, soon));
	assert_false(card_listed(v, n, renewed));
	assert_false(card_listed(v, n, far));
	free(v);
	assert_int_equal(health_cards_expiring(&x, &own, day("2026-03-01"), 9, &v, &n, &rf),
	                 NCT_OK);
	assert_true(card_listed(v, n, soon));
	free(v);
	assert_int_equal(health_cards_expiring(&x, &own, day("2026-03-01"), 8, &v, &n, &rf),
	                 NCT_OK);
	assert_false(card_listed(v, n, soon));
	free(v);
	/* The day after its end it is no longer expiring: it has expired. */
	assert_int_equal(health_cards_expiring(&x, &own, day("2026-03-11"), 30, &v, &n, &rf),
	                 NCT_OK);
	assert_false(card_listed(v, n, soon));
	free(v);
	assert_int_equal(health_cards_expiring(&x, &own, day("2026-03-01"), 3661, &v, &n, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NUMBER_RANGE);
	struct ctx elsewhere;
	testctx_user(&elsewhere, t.db, ROLE_COMMUNE, other.id, 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(
	    health_cards_expiring(&elsewhere, &own, day("2026-03-01"), 30, &v, &n, &rf),
	    NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	assert_int_equal(
	    health_cards_expiring(&elsewhere, NULL, day("2026-03-01"), 30, &v, &n, &rf), NCT_OK);
	assert_false(card_listed(v, n, soon));
	free(v);
}

static void
test_older_people_without_a_valid_card_on_a_day_before_of_and_after_its_end(void **state)
{
	(void)state;
	int64_t p = add("Y Thẻ Hết", "1950", OWN, NULL);
	int64_t young = add("Y Còn Trẻ", "1970", OWN, NULL);
	int64_t dead = add("Y Đã Mất", "1940", OWN, "2025-06-01");
	assert_int_equal(card(&x, p, "7900000009", "2025-01-01", "2025-12-31", "family"), NCT_OK);
	static const struct {
		const char *on;
		bool listed;
	} cases[] = {{"2024-12-31", true},
	             {"2025-01-01", false},
	             {"2025-12-31", false},
	             {"2026-01-01", true}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct person *v;
		size_t n;
		assert_int_equal(health_without_card(&x, &own, day(cases[i].on), &v, &n, &rf),
		                 NCT_OK);
		if (person_listed(v, n, p) != cases[i].listed)
			fail_msg("on %s: expected %s", cases[i].on,
			         cases[i].listed ? "without a card" : "with a card");
		assert_false(person_listed(v, n, young)); /* 55 or 56: not an older person */
		free(v);
	}
	struct person *v;
	size_t n;
	assert_int_equal(health_without_card(&x, &own, day("2025-05-31"), &v, &n, &rf), NCT_OK);
	assert_true(person_listed(v, n, dead));
	free(v);
	assert_int_equal(health_without_card(&x, &own, day("2025-06-01"), &v, &n, &rf), NCT_OK);
	assert_false(person_listed(v, n, dead));
	free(v);
	struct ctx viewer;
	testctx_user(&viewer, t.db, ROLE_VIEWER, own.id, 0);
	assert_int_equal(health_without_card(&viewer, &own, day("2026-01-01"), &v, &n, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_SENSITIVE);
}

static void test_who_counts_as_older_follows_the_dated_rule_in_force(void **state)
{
	(void)state;
	struct person *v;
	size_t n;
	int64_t p = add("Y Sáu Mươi Hai", "1968", OWN, NULL); /* 61 in 2029, 62 in 2030 */
	assert_int_equal(health_without_card(&x, &own, day("2030-06-01"), &v, &n, &rf), NCT_OK);
	assert_true(person_listed(v, n, p));
	free(v);
	struct composition_rule r = composition_rule_plan327;
	r.older_age = 65;
	assert_int_equal(
	    composition_rule_add(&x, "2030-01-01", &r, "Thử: người cao tuổi từ 65", &rf), NCT_OK);
	assert_int_equal(health_without_card(&x, &own, day("2029-12-31"), &v, &n, &rf), NCT_OK);
	assert_true(person_listed(v, n, p)); /* the rule of 60 still holds that day */
	free(v);
	assert_int_equal(health_without_card(&x, &own, day("2030-06-01"), &v, &n, &rf), NCT_OK);
	assert_false(person_listed(v, n, p));
	free(v);
}

/* ---- longevity celebrations ------------------------------------------------------- */

static const struct celebration *celebrated(const struct celebration *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person.id == id)
			return &v[i];
	return NULL;
}

static void
test_who_is_celebrated_in_2026_and_who_congratulates_on_both_sides_of_each_age(void **state)
{
	(void)state;
	static const struct {
		const char *birth;
		int age;        /* in 2026 */
		const char *by; /* NULL: not celebrated */
		int64_t cash;   /* -1: left to the province */
	} cases[] = {
	    {"1957", 69, NULL, 0},
	    {"1956", 70, "commune", -1},
	    {"12/1955", 71, NULL, 0},
	    {"1952", 74, NULL, 0},
	    {"1951", 75, "commune", -1},
	    {"1950", 76, NULL, 0},
	    {"1947", 79, NULL, 0},
	    {"03/1946", 80, "commune", -1},
	    {"1941", 85, "commune", -1},
	    {"1937", 89, NULL, 0},
	    {"31/12/1936", 90, "province", 500000},
	    {"1935", 91, NULL, 0},
	    {"1931", 95, "commune", -1},
	    {"1927", 99, NULL, 0},
	    {"01/01/1926", 100, "president", 700000},
	    {"1925", 101, "commune", -1},
	    {"1921", 105, "commune", -1},
	};
	int64_t ids[sizeof cases / sizeof cases[0]];
	char name[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(name, sizeof name, "Nguyễn Thị Thọ %zu", i);
		ids[i] = add(name, cases[i].birth, OWN, NULL);
	}
	struct celebration *v;
	size_t n;
	assert_int_equal(celebrations_list(&x, &own, 2026, &v, &n, &rf), NCT_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct celebration *c = celebrated(v, n, ids[i]);
		bool expect = cases[i].by != NULL;
		if (expect != (c != NULL))
			fail_msg("born %s (%d in 2026): expected %s", cases[i].birth, cases[i].age,
			         expect ? "celebrated" : "not celebrated");
		if (!c)
			continue;
		assert_int_equal(c->age, cases[i].age);
		assert_string_equal(c->gift.congratulated_by, cases[i].by);
		assert_int_equal(c->gift.cash, cases[i].cash);
		assert_false(c->given);
	}
	/* Oldest first. */
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].age >= v[i].age);
	free(v);
}

static void
test_someone_who_died_before_the_year_is_not_celebrated_but_one_who_died_in_it_is(void **state)
{
	(void)state;
	int64_t before = add("Trần Văn Trước", "1946", OWN, "2025-12-31");
	int64_t during = add("Trần Văn Trong", "1946", OWN, "2026-01-01");
	struct celebration *v;
	size_t n;
	assert_int_equal(celebrations_list(&x, &own, 2026, &v, &n, &rf), NCT_OK);
	assert_null(celebrated(v, n, before));
	assert_non_null(celebrated(v, n, during));
	free(v);
}

static void
test_a_province_with_its_own_gifts_wins_over_the_national_minimum_from_its_date(void **state)
{
	(void)state;
	int64_t p90 = add("Võ Thị Chín Mươi", "1936", DONG_NAI, NULL);
	int64_t p95 = add("Võ Thị Chín Lăm", "1931", DONG_NAI, NULL);
	struct celebration *v;
	size_t n;
	assert_int_equal(celebrations_list(&x, &dong_nai, 2026, &v, &n, &rf), NCT_OK);
	const struct celebration *c = celebrated(v, n, p90);
	assert_non_null(c);
	assert_string_equal(c->gift.scope, "75");
	assert_string_equal(c->gift.congratulated_by, "province");
	assert_int_equal(c->gift.cash, 1000000);
	assert_non_null(celebrated(v, n, p95));
	free(v);
	/* In 2025 the province's rows were not in force yet: the national minimum. */
	int64_t p89 = add("Võ Thị Tám Chín", "1935", DONG_NAI, NULL);
	assert_int_equal(celebrations_list(&x, &dong_nai, 2025, &v, &n, &rf), NCT_OK);
	c = celebrated(v, n, p89);
	assert_non_null(c);
	assert_string_equal(c->gift.scope, "VN");
	assert_int_equal(c->gift.cash, 500000);
	free(v);
}

/* person_health reads at most HEALTH_RECORDS_MAX of each kind: one more is
 * refused when written, so nothing written goes unread. */
static void test_a_person_with_the_most_check_ups_gets_no_more_and_nothing_is_written(void **state)
{
	(void)state;
	int64_t p = add("Đinh Thị Khám Nhiều", "1950", OWN, NULL), n = -1, id = 0;
	struct db_stmt *st = db_prepare(
	    t.db,
	    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < CAST(? AS "
	    "INTEGER))"
	    " INSERT INTO health_checkups (person_id, checked_on, note, created_at)"
	    " SELECT CAST(? AS BIGINT), '2020-01-01', '', '2026-01-01T00:00:00+07:00' FROM k");
	db_bind_int(st, 1, HEALTH_RECORDS_MAX);
	db_bind_int(st, 2, p);
	assert_int_equal(db_run(st), NCT_OK);
	struct checkup_new ck = {.checked_on = "15/03/2026", .note = ""};
	memset(&rf, 0, sizeof rf);
	assert_int_equal(health_checkup_add(&x, p, &ck, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TOO_MANY);
	assert_string_equal(rf.field, "checked_on");
	st = db_prepare(t.db, "SELECT COUNT(*) FROM health_checkups WHERE person_id = ?");
	db_bind_int(st, 1, p);
	assert_int_equal(db_int(st, &n), NCT_OK);
	assert_int_equal(n, HEALTH_RECORDS_MAX);
	assert_int_equal(audits("health_checkup", p), 0);
}

static void test_a_past_years_list_of_todays_commune_holds_its_residents(void **state)
{
	(void)state;
	int64_t p = add("Đặng Thị Năm Xưa", "1954", OWN, NULL); /* 70 in 2024 */
	struct celebration *v;
	size_t n;
	assert_int_equal(celebrations_list(&x, &own, 2024, &v, &n, &rf), NCT_OK);
	const struct celebration *c = celebrated(v, n, p);
	assert_non_null(c);
	assert_int_equal(c->age, 70);
	free(v);
}

static void
test_a_gift_given_is_recorded_audited_and_refused_for_someone_not_celebrated(void **state)
{
	(void)state;
	int64_t p = add("Hồ Thị Quà", "1946", OWN, NULL);
	int64_t not = add("Hồ Thị Không", "1947", OWN, NULL);
	int64_t before = audits("celebration_given", p);
	assert_int_equal(celebration_set_given(&x, p, 2026, true, "20/01/2026", &rf), NCT_OK);
	assert_int_equal(audits("celebration_given", p), before + 1);
	/* Again: nothing more to write. */
	assert_int_equal(celebration_set_given(&x, p, 2026, true, NULL, &rf), NCT_OK);
	assert_int_equal(audits("celebration_given", p), before + 1);
	struct celebration *v;
	size_t n;
	assert_int_equal(celebrations_list(&x, &own, 2026, &v, &n, &rf), NCT_OK);
	const struct celebration *c = celebrated(v, n, p);
	assert_non_null(c);
	assert_true(c->given);
	assert_string_equal(c->given_on, "2026-01-20");
	free(v);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(celebration_set_given(&x, not, 2026, true, NULL, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_CELEBRATED);
	assert_int_equal(celebration_set_given(&x, p, 2026, false, NULL, &rf), NCT_OK);
	assert_int_equal(audits("celebration_not_given", p), 1);
	struct person got;
	struct celebration one;
	assert_int_equal(person_get(&x, p, &got), NCT_OK);
	assert_int_equal(celebration_of(&x, &got, 2026, &one), NCT_OK);
	assert_false(one.given);
	assert_int_equal(celebration_of(&x, &got, 2027, &one), NCT_ERR_NOTFOUND);
}

static void
test_a_commune_user_may_not_list_or_record_the_celebrations_of_another_commune(void **state)
{
	(void)state;
	int64_t p = add("Mai Thị Xa Xã", "1946", OWN, NULL);
	struct ctx elsewhere;
	testctx_user(&elsewhere, t.db, ROLE_COMMUNE, other.id, 0);
	struct celebration *v;
	size_t n;
	memset(&rf, 0, sizeof rf);
	assert_int_equal(celebrations_list(&elsewhere, &own, 2026, &v, &n, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	assert_int_equal(celebrations_list(&elsewhere, NULL, 2026, &v, &n, &rf), NCT_OK);
	assert_null(celebrated(v, n, p));
	free(v);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(celebration_set_given(&elsewhere, p, 2026, true, NULL, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.nargs, 0);
	assert_int_equal(celebrations_list(&x, &own, 1999, &v, &n, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NUMBER_RANGE);
}

/* ---- correcting and retracting ---------------------------------------------------- */

static int64_t rows_of(const char *sql, int64_t person)
{
	int64_t n = -1;
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_int(st, 1, person);
	assert_int_equal(db_int(st, &n), NCT_OK);
	return n;
}

static bool expiring_holds(int64_t person, const char *on, int days)
{
	struct card_row *v = NULL;
	size_t n = 0;
	bool found = false;
	assert_int_equal(health_cards_expiring(&x, &own, day(on), days, &v, &n, &rf), NCT_OK);
	for (size_t i = 0; i < n; i++)
		found |= v[i].person.id == person;
	free(v);
	return found;
}

static bool without_card_holds(int64_t person, const char *on)
{
	struct person *v = NULL;
	size_t n = 0;
	bool found = false;
	assert_int_equal(health_without_card(&x, &own, day(on), &v, &n, &rf), NCT_OK);
	for (size_t i = 0; i < n; i++)
		found |= v[i].id == person;
	free(v);
	return found;
}

static void
test_a_card_recorded_wrongly_is_corrected_the_old_one_kept_marked_and_the_lists_follow(void **state)
{
	(void)state;
	int64_t p = add("Hồ Thị Sửa Thẻ", "1950", OWN, NULL), old = 0, fixed = 0;
	struct card_new wrong = {"7901234511", "2026-01-01", "2026-01-20", "state"};
	struct card_new right = {"7901234511", "2026-01-01", "2026-12-31", "state"};
	assert_int_equal(health_card_add(&x, p, &wrong, &old, &rf), NCT_OK);
	assert_true(expiring_holds(p, "2026-01-10", 30));
	/* No reason: refused, nothing written. */
	assert_int_equal(health_card_correct(&x, p, old, &right, "", &fixed, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TEXT_LENGTH);
	assert_string_equal(rf.field, "reason");
	/* A wrong new version: refused as a new card is, nothing written. */
	struct card_new bad = {"7901234511", "2026-01-01", "2025-12-31", "state"};
	assert_int_equal(health_card_correct(&x, p, old, &bad, "nhập sai ngày", &fixed, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_CARD_VALID_TO);
	assert_int_equal(rows_of("SELECT COUNT(*) FROM health_cards WHERE person_id = ?", p), 1);
	int64_t audited = audits("health_correct", p);
	assert_int_equal(
	    health_card_correct(&x, p, old, &right, "nhập sai ngày hết hạn", &fixed, &rf), NCT_OK);
	assert_true(fixed != old);
	assert_int_equal(audits("health_correct", p), audited + 1);
	assert_false(expiring_holds(p, "2026-01-10", 30));
	assert_true(expiring_holds(p, "2026-12-10", 30));
	struct person got;
	struct person_health h;
	assert_int_equal(person_get(&x, p, &got), NCT_OK);
	assert_int_equal(person_health(&x, &got, &h), NCT_OK);
	assert_int_equal(h.ncards, 1);
	assert_int_equal(h.cards[0].id, fixed);
	assert_string_equal(h.cards[0].valid_to, "2026-12-31");
	assert_int_equal(h.nmarked, 1);
	assert_int_equal(h.marked[0].kind, HEALTH_CARD);
	assert_int_equal(h.marked[0].card.id, old);
	assert_string_equal(h.marked[0].card.valid_to, "2026-01-20"); /* the old version kept */
	assert_int_equal(h.marked[0].replaced_by, fixed);
	assert_string_equal(h.marked[0].reason, "nhập sai ngày hết hạn");
	person_health_free(&h);
	/* The old one is corrected already: a second correction of it is refused. */
	assert_int_equal(health_card_correct(&x, p, old, &right, "lần nữa", &fixed, &rf),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_FACT_RETRACTED);
}

static void test_a_retraction_marks_the_record_and_deletes_nothing(void **state)
{
	(void)state;
	int64_t p = add("Hồ Văn Rút Lại", "1945", OWN, NULL), cid = 0, kid = 0, nid = 0;
	struct card_new in = {"7901234522", "2026-01-01", "2026-12-31", "self"};
	struct checkup_new ck = {"2026-03-01", "Khám nhầm người"};
	struct condition_new cd = {"Đái tháo đường", NULL, NULL};
	assert_int_equal(health_card_add(&x, p, &in, &cid, &rf), NCT_OK);
	assert_int_equal(health_checkup_add(&x, p, &ck, &kid, &rf), NCT_OK);
	assert_int_equal(health_condition_add(&x, p, &cd, &nid, &rf), NCT_OK);
	assert_false(without_card_holds(p, "2026-06-01"));
	assert_int_equal(health_retract(&x, p, HEALTH_CARD, cid, NULL, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "reason");
	int64_t audited = audits("health_retract", p);
	assert_int_equal(health_retract(&x, p, HEALTH_CARD, cid, "thẻ của người khác", &rf),
	                 NCT_OK);
	assert_int_equal(health_retract(&x, p, HEALTH_CHECKUP, kid, "ghi nhầm người", &rf), NCT_OK);
	assert_int_equal(health_retract(&x, p, HEALTH_CONDITION, nid, "chẩn đoán sai", &rf),
	                 NCT_OK);
	assert_int_equal(audits("health_retract", p), audited + 3);
	assert_true(without_card_holds(p, "2026-06-01"));
	/* Marks, not deletes. */
	assert_int_equal(rows_of("SELECT COUNT(*) FROM health_cards WHERE person_id = ?"
	                         " AND retracted_at IS NOT NULL AND replaced_by IS NULL",
	                         p),
	                 1);
	assert_int_equal(rows_of("SELECT COUNT(*) FROM health_checkups WHERE person_id = ?", p), 1);
	assert_int_equal(rows_of("SELECT COUNT(*) FROM chronic_conditions WHERE person_id = ?", p),
	                 1);
	struct person got;
	struct person_health h;
	assert_int_equal(person_get(&x, p, &got), NCT_OK);
	assert_int_equal(person_health(&x, &got, &h), NCT_OK);
	assert_int_equal(h.ncards + h.ncheckups + h.nconditions, 0);
	assert_int_equal(h.nmarked, 3);
	for (size_t i = 0; i < h.nmarked; i++)
		assert_int_equal(h.marked[i].replaced_by, 0);
	person_health_free(&h);
	/* Once is enough; a record of another kind or person is none of this one's. */
	assert_int_equal(health_retract(&x, p, HEALTH_CARD, cid, "lần nữa", &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_FACT_RETRACTED);
	assert_int_equal(health_retract(&x, p, HEALTH_CHECKUP, kid + 100000, "không có", &rf),
	                 NCT_ERR_NOTFOUND);
	int64_t q = add("Hồ Thị Người Khác", "1946", OWN, NULL);
	assert_int_equal(health_retract(&x, q, HEALTH_CONDITION, nid, "không phải của bà", &rf),
	                 NCT_ERR_NOTFOUND);
	assert_int_equal(rf.code, RF_NO_SUCH_FACT);
}

static void test_only_roles_that_change_the_person_with_health_data_correct_or_retract(void **state)
{
	(void)state;
	int64_t p = add("Hồ Thị Quyền Sửa", "1947", OWN, NULL), id = 0, fixed = 0;
	struct checkup_new ck = {"2026-02-02", "Bình thường"};
	assert_int_equal(health_checkup_add(&x, p, &ck, &id, &rf), NCT_OK);
	struct ctx viewer, elsewhere, commune;
	testctx_user(&viewer, t.db, ROLE_VIEWER, own.id, 0);
	testctx_user(&elsewhere, t.db, ROLE_COMMUNE, other.id, 0);
	testctx_user(&commune, t.db, ROLE_COMMUNE, own.id, 0);
	struct checkup_new fix = {"2026-02-03", "Bình thường"};
	int64_t audited = audits("health_correct", p) + audits("health_retract", p);
	assert_int_equal(health_checkup_correct(&viewer, p, id, &fix, "sai ngày", &fixed, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(health_retract(&viewer, p, HEALTH_CHECKUP, id, "sai", &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(health_checkup_correct(&elsewhere, p, id, &fix, "sai ngày", &fixed, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PERSON_OUTSIDE);
	assert_int_equal(rf.nargs, 0);
	assert_int_equal(health_retract(&elsewhere, p, HEALTH_CHECKUP, id, "sai", &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(audits("health_correct", p) + audits("health_retract", p), audited);
	assert_int_equal(rows_of("SELECT COUNT(*) FROM health_checkups WHERE person_id = ?"
	                         " AND retracted_at IS NULL",
	                         p),
	                 1);
	assert_int_equal(health_checkup_correct(&commune, p, id, &fix, "sai ngày", &fixed, &rf),
	                 NCT_OK);
}

/* The pages of the list, cut in SQL with the total counted, are the whole
 * list read at once, cut in pieces: a few hundred people of every age in two
 * provinces, some dead, with an age (65) only one province's rules name. */
static void test_the_pages_of_a_celebration_list_put_together_are_the_whole_list(void **state)
{
	(void)state;
	struct db_stmt *st = db_prepare(
	    t.db, "INSERT INTO longevity_gifts (scope, age_from, age_to, valid_from,"
	          " congratulated_by, cash_vnd, legal_basis) VALUES ('51', 65, 66, '2019-01-01',"
	          " 'commune', 300000, 'test: a province names an age the nation does not')");
	assert_int_equal(db_run(st), NCT_OK);
	char name[64], birth[16];
	for (int i = 0; i < 320; i++) {
		snprintf(name, sizeof name, "Phạm Thị Trang %d", (i * 37) % 320);
		snprintf(birth, sizeof birth, "%d", 1916 + i % 51);
		add(name, birth, i % 2 ? OWN : DONG_NAI, i % 29 == 0 ? "2025-06-01" : NULL);
	}
	const struct place *places[] = {&own, NULL};
	for (size_t k = 0; k < 2; k++) {
		struct celebration *all, *pg;
		size_t n, m, seen = 0;
		int64_t total = -1;
		bool age65 = false;
		nct_err e0 = celebrations_list(&x, places[k], 2026, &all, &n, &rf);
		assert_int_equal(e0, NCT_OK);
		assert_true(n > 40);
		for (size_t off = 0; off < n + 7; off += 7) {
			assert_int_equal(
			    celebrations_page(&x, places[k], 2026, off, 7, &pg, &m, &total, &rf),
			    NCT_OK);
			assert_int_equal(total, (int64_t)n);
			assert_int_equal(m, off < n ? (n - off < 7 ? n - off : 7) : 0);
			for (size_t i = 0; i < m; i++, seen++) {
				assert_int_equal(pg[i].person.id, all[off + i].person.id);
				assert_int_equal(pg[i].age, all[off + i].age);
				assert_string_equal(pg[i].gift.scope, all[off + i].gift.scope);
				age65 |= pg[i].age == 65;
				assert_true(pg[i].age != 65 ||
				            strcmp(pg[i].person.place_code, OWN) == 0);
			}
			free(pg);
		}
		assert_int_equal(seen, n);
		assert_true(age65);
		free(all);
	}
	st = db_prepare(t.db, "DELETE FROM longevity_gifts WHERE scope = '51' AND age_from = 65");
	assert_int_equal(db_run(st), NCT_OK);
}

/* The celebrations of a year by their definition: every person of the subtree
 * (path "": the register), in the register's order after the oldest (birth,
 * then name), kept when celebration_of (the rules, person by person) says so. */
static size_t celebrated_by_definition(const char *path, int year, int64_t *ids, int *ages,
                                       size_t max)
{
	int64_t *all = calloc(4096, sizeof *all);
	assert_non_null(all);
	size_t n = testdb_ids(
	           DB_PREPARE(t.db,
	                      "SELECT p.id FROM persons p JOIN places pl"
	                      " ON pl.id = p.place_id WHERE ? = '' OR pl.path LIKE ? || '%'"
	                      " ORDER BY p.birth_start, p.sort_key, p.id",
	                      DB_T(path), DB_T(path)),
	           all, 4096),
	       m = 0;
	for (size_t i = 0; i < n; i++) {
		struct person p;
		struct celebration c;
		assert_int_equal(person_get(&x, all[i], &p), NCT_OK);
		if (celebration_of(&x, &p, year, &c) == NCT_OK) {
			assert_true(m < max);
			ages[m] = c.age;
			ids[m++] = all[i];
		}
	}
	free(all);
	return m;
}

/* Whatever way a list is counted and paged (one index range of births for the
 * whole register, or one range per commune for a part of it), it is the list
 * of the definition, with its exact total: a random register of births of a
 * year, a month or a day, the dead and the merged, in three provinces, one of
 * which names an age the nation does not; the country, a province, a
 * province officer's own and a commune, in several years, a page at a time. */
static void
test_every_way_of_counting_the_celebrations_gives_the_list_of_the_definition(void **state)
{
	(void)state;
	struct db_stmt *st = db_prepare(
	    t.db, "INSERT INTO longevity_gifts (scope, age_from, age_to, valid_from,"
	          " congratulated_by, cash_vnd, legal_basis) VALUES ('75', 65, 66, '2019-01-01',"
	          " 'commune', 300000, 'test: a province names an age the nation does not')");
	assert_int_equal(db_run(st), NCT_OK);
	static const char *const homes[] = {OWN, OTHER, DONG_NAI};
	unsigned seed = 20261130;
	char name[64], birth[16], died[16];
	int64_t last = 0;
	for (int i = 0; i < 700; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 8;
		int y = 1915 + (int)(r % 53), mo = 1 + (int)(r / 53 % 12),
		    d = 1 + (int)(r / 636 % 28);
		switch (r / 17808 % 3) {
		case 0:
			snprintf(birth, sizeof birth, "%d", y);
			break;
		case 1:
			snprintf(birth, sizeof birth, "%d-%02d", y, mo);
			break;
		default:
			snprintf(birth, sizeof birth, "%d-%02d-%02d", y, mo, d);
		}
		/* dead from 2023 to October 2026 (before today: a later death is refused) */
		snprintf(died, sizeof died, "%d-%02d-%02d", 2023 + (int)(r / 53434 % 4),
		         1 + mo % 10, d);
		snprintf(name, sizeof name, "Lê Văn Thọ %u", r % 211);
		int64_t id = add(name, birth, homes[r / 7 % 3], r % 9 == 0 ? died : NULL);
		if (last && r % 23 == 0) { /* a record merged into the one before */
			st = DB_PREPARE(t.db, "UPDATE persons SET merged_into = ? WHERE id = ?",
			                DB_I(last), DB_I(id));
			assert_int_equal(db_run(st), NCT_OK);
		}
		last = id;
	}
	struct place quang_ngai;
	assert_int_equal(place_get(&x, "51", date_today_vn(), &quang_ngai), NCT_OK);
	struct ctx officer;
	testctx_user(&officer, t.db, ROLE_PROVINCE, quang_ngai.id, 0);
	struct {
		struct ctx *who;
		const struct place *pl;
		const char *path;
	} scopes[] = {{&x, NULL, ""},
	              {&x, &quang_ngai, quang_ngai.path},
	              {&officer, NULL, quang_ngai.path},
	              {&x, &own, own.path}};
	static const int years[] = {2024, 2026, 2027, 2031};
	int64_t *ids = calloc(4096, sizeof *ids);
	int *ages = calloc(4096, sizeof *ages);
	assert_true(ids && ages);
	for (size_t k = 0; k < sizeof scopes / sizeof scopes[0]; k++)
		for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
			size_t n =
			    celebrated_by_definition(scopes[k].path, years[y], ids, ages, 4096);
			assert_true(k == 3 || n > 50);
			for (size_t per = 13; per <= 1000; per += 987) {
				size_t seen = 0;
				for (size_t off = 0; off < n + per; off += per) {
					struct celebration *pg;
					size_t m;
					int64_t total = -1;
					assert_int_equal(
					    celebrations_page(scopes[k].who, scopes[k].pl, years[y],
					                      off, per, &pg, &m, &total, &rf),
					    NCT_OK);
					assert_int_equal(total, (int64_t)n);
					assert_int_equal(
					    m, off < n ? (n - off < per ? n - off : per) : 0);
					for (size_t i = 0; i < m; i++, seen++) {
						assert_int_equal(pg[i].person.id, ids[off + i]);
						assert_int_equal(pg[i].age, ages[off + i]);
					}
					free(pg);
				}
				assert_int_equal(seen, n);
			}
		}
	free(ids);
	free(ages);
	st = db_prepare(t.db, "DELETE FROM longevity_gifts WHERE scope = '75' AND age_from = 65");
	assert_int_equal(db_run(st), NCT_OK);
}

/* The without-card list as its definition says, in one statement: ids in the
 * register's order (place NULL: everywhere). */
static size_t without_card_by_definition(const struct place *pl, const char *on, const char *cut,
                                         int64_t *ids, size_t max)
{
	const char *path = pl ? pl->path : "";
	return testdb_ids(
	    DB_PREPARE(t.db,
	               "SELECT p.id FROM persons p JOIN places pl ON pl.id = p.place_id"
	               " WHERE (? = '' OR pl.path LIKE ? || '%') AND COALESCE(p.merged_into, 0) = 0"
	               " AND (p.died_on IS NULL OR p.died_on > ?) AND p.birth_start <= ?"
	               " AND NOT EXISTS (SELECT 1 FROM health_cards c WHERE c.person_id = p.id"
	               " AND c.valid_from <= ? AND c.valid_to >= ? AND c.retracted_at IS NULL)"
	               " ORDER BY p.sort_key, p.id",
	               DB_T(path), DB_T(path), DB_T(on), DB_T(cut), DB_T(on), DB_T(on)),
	    ids, max);
}

/* Pages cut in SQL, read one after another by the cursor or by the page's
 * number, are the list of the definition: people with and without cards,
 * expired, future and retracted cards, the dead and the young, in two
 * provinces; each way the register can take (the area's people or a walk). */
static void test_the_pages_of_the_without_card_list_put_together_are_the_whole_list(void **state)
{
	(void)state;
	char name[64], birth[16];
	for (int i = 0; i < 240; i++) {
		snprintf(name, sizeof name, "Lê Văn Thẻ %d", (i * 53) % 240);
		snprintf(birth, sizeof birth, "%d", 1930 + i % 40); /* 56 to 96 in 2026 */
		int64_t p =
		    add(name, birth, i % 3 ? OWN : DONG_NAI, i % 31 == 0 ? "2026-01-01" : NULL);
		if (i % 4 == 1)
			assert_int_equal(
			    card(&x, p, "7900000009", "2026-01-01", "2026-12-31", "state"), NCT_OK);
		if (i % 4 == 2)
			assert_int_equal(
			    card(&x, p, "7900000009", "2025-01-01", "2025-12-31", "self"), NCT_OK);
		if (i % 8 == 3)
			assert_int_equal(
			    card(&x, p, "7900000009", "2026-07-01", "2027-06-30", "family"),
			    NCT_OK);
	}
	static int64_t want[4096];
	static const int64_t ways[][2] = {{REGISTER_DRIVE_MAX, REGISTER_COUNT_MAX}, {3, 5}};
	const struct place *places[] = {&own, NULL};
	for (size_t w = 0; w < 2; w++)
		for (size_t k = 0; k < 2; k++) {
			register_drive_max = ways[w][0];
			register_count_max = ways[w][1];
			size_t n = without_card_by_definition(places[k], "2026-06-01", "1966-06-01",
			                                      want, 4096);
			assert_true(n > 100);
			size_t seen = 0, page = 0;
			int64_t after = 0;
			do {
				struct register_page pg;
				assert_int_equal(health_without_card_page(&x, places[k],
				                                          day("2026-06-01"), after,
				                                          0, 7, &pg, &rf),
				                 NCT_OK);
				for (size_t i = 0; i < pg.n; i++, seen++)
					assert_int_equal(pg.v[i].id, want[seen]);
				free(pg.v);
				struct register_page by_number;
				assert_int_equal(
				    health_without_card_page(&x, places[k], day("2026-06-01"), 0,
				                             page * 7, 7, &by_number, &rf),
				    NCT_OK);
				assert_int_equal(by_number.n, pg.n);
				assert_int_equal(by_number.next, pg.next);
				assert_true(by_number.more || by_number.total == (int64_t)n);
				free(by_number.v);
				after = pg.next;
				page++;
			} while (after);
			assert_int_equal(seen, n);
			struct person *all;
			size_t m;
			assert_int_equal(
			    health_without_card(&x, places[k], day("2026-06-01"), &all, &m, &rf),
			    NCT_OK);
			assert_int_equal(m, n);
			for (size_t i = 0; i < m; i++)
				assert_int_equal(all[i].id, want[i]);
			free(all);
		}
	register_drive_max = REGISTER_DRIVE_MAX;
	register_count_max = REGISTER_COUNT_MAX;
	struct ctx elsewhere;
	struct register_page pg;
	testctx_user(&elsewhere, t.db, ROLE_COMMUNE, other.id, 0);
	assert_int_equal(
	    health_without_card_page(&elsewhere, NULL, day("2026-06-01"), want[0], 0, 7, &pg, &rf),
	    NCT_ERR_INVALID); /* someone they may not see is no one */
	assert_int_equal(rf.code, RF_NO_SUCH_PERSON);
}

/* The expiring cards of the people named "Hà Thị Hạn ..." in pl's subtree (by
 * path; NULL: anywhere) as their definition says, in the list's order. */
static size_t expiring_by_definition(const struct place *pl, const char *on, const char *end,
                                     int64_t *ids, size_t max)
{
	const char *path = pl ? pl->path : "";
	return testdb_ids(
	    DB_PREPARE(
	        t.db,
	        "SELECT c.id FROM health_cards c JOIN persons p ON p.id = c.person_id"
	        " JOIN places pl ON pl.id = p.place_id"
	        " WHERE (? = '' OR pl.path LIKE ? || '%') AND p.full_name LIKE 'Hà Thị Hạn %'"
	        " AND COALESCE(p.merged_into, 0) = 0 AND (p.died_on IS NULL OR p.died_on > ?)"
	        " AND c.valid_from <= ? AND c.valid_to >= ? AND c.valid_to <= ?"
	        " AND c.retracted_at IS NULL AND NOT EXISTS (SELECT 1 FROM health_cards d"
	        " WHERE d.person_id = c.person_id AND d.valid_to > c.valid_to"
	        " AND d.retracted_at IS NULL) ORDER BY c.valid_to, c.id",
	        DB_T(path), DB_T(path), DB_T(on), DB_T(on), DB_T(on), DB_T(end)),
	    ids, max);
}

struct pages_seen {
	int64_t *ids;
	size_t n, max, pages;
};

static nct_err keep_hans(const struct card_row *v, size_t n, void *arg)
{
	struct pages_seen *s = arg;
	assert_true(n > 0 && n <= HEALTH_LIST_PAGE);
	s->pages++;
	for (size_t i = 0; i < n; i++)
		if (strncmp(v[i].person.full_name, "Hà Thị Hạn ", strlen("Hà Thị Hạn ")) == 0) {
			assert_true(s->n < s->max);
			s->ids[s->n++] = v[i].card.id;
		}
	return NCT_OK;
}

/* The expiring cards given a page at a time (merged from each of the area's
 * subtrees) are the list of the definition, in its order, also where many
 * cards end on the same day; and the whole list is those pages. */
static void test_the_pages_of_the_expiring_cards_put_together_are_the_whole_list(void **state)
{
	(void)state;
	char name[64], number[16], to[16];
	int made = 2 * HEALTH_LIST_PAGE + 150;
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof name, "Hà Thị Hạn %d", i);
		int64_t p =
		    add(name, "1950", i % 5 ? OWN : DONG_NAI, i % 97 == 0 ? "2026-05-01" : NULL);
		snprintf(number, sizeof number, "79%08d", i);
		snprintf(to, sizeof to, "2026-06-%02d", 2 + (i * 7) % 20); /* 20 days, many ties */
		assert_int_equal(card(&x, p, number, "2026-01-01", to, "state"), NCT_OK);
		if (i % 13 == 0) /* renewed */
			assert_int_equal(card(&x, p, number, "2026-07-01", "2027-06-30", "state"),
			                 NCT_OK);
	}
	static int64_t want[8192], got[8192];
	const struct place *places[] = {&own, NULL};
	for (size_t k = 0; k < 2; k++) {
		size_t n =
		    expiring_by_definition(places[k], "2026-06-01", "2026-07-01", want, 8192);
		assert_true(n > (k ? 1700u : 1400u));
		struct pages_seen s = {got, 0, 8192, 0};
		size_t rows = 0;
		assert_int_equal(health_cards_expiring_each(&x, places[k], day("2026-06-01"), 30,
		                                            keep_hans, &s, &rows, &rf),
		                 NCT_OK);
		struct area ar;
		assert_int_equal(area_of(&x, places[k], day("2026-06-01"), &ar, &rf), NCT_OK);
		assert_true(k == 1 || ar.n > 1); /* own's: pages merged from its subtrees */
		assert_true(s.pages >= 2);
		assert_int_equal(s.n, n);
		assert_memory_equal(got, want, n * sizeof want[0]);
		struct card_row *v;
		size_t m;
		assert_int_equal(
		    health_cards_expiring(&x, places[k], day("2026-06-01"), 30, &v, &m, &rf),
		    NCT_OK);
		assert_int_equal(m, rows);
		free(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_card_numbers_are_the_ten_digit_code_or_the_old_fifteen_characters),
	    cmocka_unit_test(test_a_card_is_valid_from_its_first_to_its_last_day_included),
	    cmocka_unit_test(test_a_card_ending_before_it_starts_is_refused_naming_both_dates),
	    cmocka_unit_test(
	        test_only_roles_that_need_health_data_record_or_see_it_and_each_view_is_audited),
	    cmocka_unit_test(
	        test_cards_expiring_within_n_days_leave_out_the_renewed_and_the_other_commune),
	    cmocka_unit_test(
	        test_older_people_without_a_valid_card_on_a_day_before_of_and_after_its_end),
	    cmocka_unit_test(
	        test_who_is_celebrated_in_2026_and_who_congratulates_on_both_sides_of_each_age),
	    cmocka_unit_test(
	        test_someone_who_died_before_the_year_is_not_celebrated_but_one_who_died_in_it_is),
	    cmocka_unit_test(
	        test_a_province_with_its_own_gifts_wins_over_the_national_minimum_from_its_date),
	    cmocka_unit_test(
	        test_a_person_with_the_most_check_ups_gets_no_more_and_nothing_is_written),
	    cmocka_unit_test(test_a_past_years_list_of_todays_commune_holds_its_residents),
	    cmocka_unit_test(test_who_counts_as_older_follows_the_dated_rule_in_force),
	    cmocka_unit_test(
	        test_a_card_recorded_wrongly_is_corrected_the_old_one_kept_marked_and_the_lists_follow),
	    cmocka_unit_test(test_a_retraction_marks_the_record_and_deletes_nothing),
	    cmocka_unit_test(
	        test_only_roles_that_change_the_person_with_health_data_correct_or_retract),
	    cmocka_unit_test(
	        test_a_gift_given_is_recorded_audited_and_refused_for_someone_not_celebrated),
	    cmocka_unit_test(
	        test_a_commune_user_may_not_list_or_record_the_celebrations_of_another_commune),
	    cmocka_unit_test(test_the_pages_of_a_celebration_list_put_together_are_the_whole_list),
	    cmocka_unit_test(
	        test_every_way_of_counting_the_celebrations_gives_the_list_of_the_definition),
	    cmocka_unit_test(
	        test_the_pages_of_the_without_card_list_put_together_are_the_whole_list),
	    cmocka_unit_test(test_the_pages_of_the_expiring_cards_put_together_are_the_whole_list),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

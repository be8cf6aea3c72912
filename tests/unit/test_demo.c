/* test_demo.c - the demo store as `nct init --demo` makes it: repayments that
 * match their schedules, the one-off support as footnote 23 sets it, the
 * bodies that take over after the reform, Plan 327's page on 31 December
 * 2025 read as the plan's targets mean it, and the register of Kon Tum's
 * older people with the club members among them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/citizen_id.h"
#include "domain/club.h"
#include "domain/composition_rule.h"
#include "domain/ctx.h"
#include "domain/fund.h"
#include "domain/indicator.h"
#include "domain/org.h"
#include "domain/person.h"
#include "seed/demo.h"
#include "seed/gen.h"
#include "seed/place_load.h"
#include "seed/register_demo.h"
#include "seed/register_load.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x; /* the system, as nct init acts */
static struct gen_report gr;
static struct register_demo_report rr;
static struct gen_later later; /* what the boards did after 2025 */
static const struct date end = {2025, 12, 31};

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	struct gen_options go = {"demo", 327, "51", NULL, NULL, true, &later};
	char msg[512] = "";
	testdb_open(&t);
	ctx_system(&x, t.db, "nct init");
	struct register_load_report reg;
	int64_t indexed;
	gen_later_init(&later);
	if (place_load_reference(&x, &rep, msg, sizeof msg) ||
	    register_load_reference(&x, &reg, msg, sizeof msg) ||
	    demo_load(&x, "demo-Passw0rd-1", msg, sizeof msg) ||
	    gen_run(&x, &go, &gr, msg, sizeof msg) ||
	    register_demo_run(&x, 327, &rr, msg, sizeof msg) ||
	    gen_later_write(&x, &later, msg, sizeof msg) || person_reindex(&x, &indexed)) {
		fprintf(stderr, "setup: %s\n", msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gen_later_free(&later);
	testdb_close(&t);
	return 0;
}

static int64_t int_of(const char *sql)
{
	int64_t v = -1;
	assert_int_equal(db_int(db_prepare(t.db, sql), &v), NCT_OK);
	return v;
}

static int64_t club_id_at(int64_t k)
{
	struct db_stmt *st = db_prepare(t.db, "SELECT id FROM clubs ORDER BY id LIMIT 1 OFFSET ?");
	int64_t id = -1;
	db_bind_int(st, 1, k);
	assert_int_equal(db_int(st, &id), NCT_OK);
	return id;
}

/* Every loan of the demo on 31 December 2025, as the portfolio reads it. */
static void demo_portfolio(struct portfolio *p, int *in_arrears)
{
	int64_t clubs = int_of("SELECT COUNT(*) FROM clubs");
	*p = (struct portfolio){0};
	*in_arrears = 0;
	for (int64_t k = 0; k < clubs; k++) {
		struct fund_loans ls;
		assert_int_equal(fund_loans_load(&x, club_id_at(k), 0, &ls), NCT_OK);
		for (size_t i = 0; i < ls.n; i++) {
			struct loan_state s;
			fund_loan_state(&ls.v[i], end, &s);
			portfolio_add(p, &s);
			*in_arrears += s.status == LOAN_IN_ARREARS;
		}
		fund_loans_free(&ls);
	}
	portfolio_finish(p);
}

static void test_the_demo_has_arrears_only_on_the_loans_meant_to_be_in_arrears(void **state)
{
	(void)state;
	struct portfolio p;
	int in_arrears;
	demo_portfolio(&p, &in_arrears);
	assert_int_equal(gr.loans, 4000);
	assert_int_equal(gr.loans_arrears, 85);
	assert_int_equal(in_arrears, 85);
}

static void test_every_demo_loan_is_marked_repaid_on_the_day_its_principal_came_back(void **state)
{
	(void)state;
	assert_int_equal(int_of("SELECT COUNT(*) FROM loans l WHERE COALESCE(l.repaid_on, '') <>"
	                        " COALESCE((SELECT CASE WHEN SUM(r.principal) >= l.principal THEN"
	                        " MAX(CASE WHEN r.principal > 0 THEN r.on_date END) END FROM"
	                        " loan_repayments r WHERE r.loan_id = l.id), '')"),
	                 0);
	assert_true(int_of("SELECT COUNT(*) FROM loans WHERE repaid_on IS NOT NULL") > 1500);
}

static void test_the_demos_par30_on_31_december_2025(void **state)
{
	(void)state;
	struct portfolio p;
	int in_arrears;
	demo_portfolio(&p, &in_arrears);
	/* the loans that stopped at an installment (one in forty, some written off
	 * since) and no other: a small share at risk, as a club's fund that works */
	assert_int_equal(p.loans, 1993);
	assert_int_equal(p.outstanding, 10141254264);
	assert_int_equal(p.at_risk30, 443188086);
	assert_int_equal(p.par30_permille, 43);
	assert_int_equal(p.repayment_rate_permille, 985);
}

static void test_the_demo_pays_the_support_once_per_club_by_its_rule_and_only_in_2024(void **state)
{
	(void)state;
	assert_int_equal(int_of("SELECT COUNT(*) FROM clubs WHERE kind <> 'ishc'"), 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM ledger_entries WHERE support_rule_id IS NOT"
	                        " NULL AND on_date < '2024-01-01'"),
	                 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM (SELECT club_id FROM ledger_entries WHERE"
	                        " support_rule_id IS NOT NULL GROUP BY club_id HAVING COUNT(*) > 1)"
	                        " x"),
	                 0);
	/* each at its rule's level, the rule that covers the club's founding */
	assert_int_equal(int_of("SELECT COUNT(*) FROM ledger_entries e JOIN support_rules r ON"
	                        " r.id = e.support_rule_id JOIN clubs c ON c.id = e.club_id WHERE"
	                        " e.amount <> r.amount OR c.founded_on < r.founded_from OR"
	                        " c.founded_on > r.founded_to"),
	                 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM ledger_entries WHERE support_rule_id IS NOT"
	                        " NULL AND on_date > '2024-12-31'"),
	                 0);
	/* the clubs of 2022 to the autumn of 2024 at 50 million, those of 2016-2021 at 25 */
	assert_int_equal(int_of("SELECT COUNT(*) FROM ledger_entries e JOIN support_rules r ON"
	                        " r.id = e.support_rule_id WHERE r.amount = 50000000"),
	                 30);
	assert_int_equal(int_of("SELECT COUNT(*) FROM ledger_entries e JOIN support_rules r ON"
	                        " r.id = e.support_rule_id WHERE r.amount = 25000000"),
	                 32);
}

static bool listed(const struct org *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return true;
	return false;
}

static void test_after_the_reform_the_new_quang_ngais_bodies_report(void **state)
{
	(void)state;
	struct org *v;
	struct org_link *l;
	size_t n, nl;
	assert_int_equal(org_list(&x, end, NULL, &v, &n), NCT_OK);
	assert_true(listed(v, n, "QN-UBND"));
	assert_true(listed(v, n, "QN-SYT"));
	assert_true(listed(v, n, "QN-HNCT"));
	assert_false(listed(v, n, "KT-SYT"));
	assert_int_equal(n, 3); /* as data/plans/327-kh-ubnd.json defines them */
	assert_int_equal(org_links_to(&x, v, n, &l, &nl), NCT_OK);
	bool health = false;
	for (size_t i = 0; i < nl; i++)
		health |= strcmp(l[i].from_code, "KT-SYT") == 0 &&
		          strcmp(l[i].to_code, "QN-SYT") == 0 &&
		          strcmp(l[i].since, "2025-07-01") == 0;
	assert_true(health);
	free(l);
	free(v);
	/* Kon Tum's Department of Health took social protection on 1 March 2025 */
	assert_int_equal(org_list(&x, (struct date){2025, 3, 1}, NULL, &v, &n), NCT_OK);
	assert_int_equal(org_links_to(&x, v, n, &l, &nl), NCT_OK);
	size_t k = 0;
	for (size_t i = 0; i < nl; i++)
		k += strcmp(l[i].from_code, "KT-SLDTBXH") == 0;
	assert_int_equal(k, 2);
	free(l);
	free(v);
}

/* Plan 327 II.3, carried out but for three clubs, on purpose: the two founded
 * last are still recruiting (too few members, shares in band) and one club of
 * 2016-2020 has aged (too many older members); every other club is within. */
static void test_the_demo_keeps_every_club_within_the_composition_but_three_on_purpose(void **state)
{
	(void)state;
	struct db_stmt *st = db_prepare(
	    t.db, "SELECT c.code FROM clubs c WHERE (SELECT s.status FROM club_status s WHERE"
	          " s.club_id = c.id ORDER BY s.since DESC LIMIT 1) = 'active'"
	          " ORDER BY c.founded_on DESC, c.id");
	char codes[128][32];
	size_t n = 0;
	while (db_step(st) == DB_ROW && n < 128)
		snprintf(codes[n++], sizeof codes[0], "%s", db_col_text(st, 0));
	db_done(st);
	assert_int_equal(n, 74); /* the active ones */
	int within = 0, small = 0, aged = 0;
	for (size_t i = 0; i < n; i++) {
		struct club c;
		struct composition comp;
		assert_int_equal(club_get(&x, codes[i], end, &c), NCT_OK);
		assert_int_equal(club_composition(&x, &c, end, &comp), NCT_OK);
		within += comp.within;
		if (i < 2) {
			assert_int_equal(comp.size_band, BAND_BELOW);
			assert_int_equal(comp.women.band, BAND_IN);
			assert_int_equal(comp.older.band, BAND_IN);
			small++;
		} else if (!comp.within) {
			assert_true(strcmp(c.founded_on, "2021-01-01") < 0);
			assert_int_equal(comp.size_band, BAND_IN);
			assert_int_equal(comp.older.band, BAND_ABOVE);
			aged++;
		}
	}
	assert_int_equal(small, 2);
	assert_int_equal(aged, 1);
	assert_int_equal(within, 71);
}

struct figure {
	enum indicator_id id;
	int64_t value, numerator, denominator;
	enum verdict verdict;
	bool met;
};

/* Kon Tum's Plan 327 on 31 December 2025, over its former territory: every
 * target met but the composition, which the demo misses on purpose (three
 * clubs outside the rule: two still recruiting, one aged; see gen.c). The
 * figures were counted with SQL straight on the tables of a demo store. */
static void test_the_demos_programme_on_31_december_2025_reads_as_the_plan_means(void **state)
{
	(void)state;
	static const struct figure want[] = {
	    {IND_CLUBS_NEW, 56, 0, 0, VERDICT_WITHIN, true},
	    {IND_CLUBS_OLD_ACTIVE, 22, 0, 0, VERDICT_WITHIN, true},
	    {IND_MEMBERS_NEW, 3142, 0, 0, VERDICT_WITHIN, true},
	    {IND_OLDER_MEMBERS_NEW, 2124, 0, 0, VERDICT_WITHIN, true},
	    {IND_SHARE_COMPOSITION, 959, 71, 74, VERDICT_BELOW, false},
	    {IND_SHARE_ACTIVE_MANAGED, 810, 60, 74, VERDICT_WITHIN, true},
	    {IND_SHARE_MEMBERS_LOANS, 559, 2508, 4486, VERDICT_WITHIN, true},
	    {IND_SHARE_BOTH_FUNDS, 1000, 74, 74, VERDICT_WITHIN, true},
	    {IND_MEMBERS_ALL, 4486, 0, 0, VERDICT_NONE, false},
	    {IND_OLDER_MEMBERS_ALL, 3027, 0, 0, VERDICT_NONE, false},
	    {IND_SHARE_CLUBS_LENDING, 972, 72, 74, VERDICT_NONE, false},
	};
	struct indicator_query q = {NULL, "62"};
	struct indicator_report r;
	report_window_to_date(end, &q.window);
	assert_int_equal(indicators_clubs(&x, &q, &r), NCT_OK);
	assert_true(r.after_end);
	assert_int_equal(r.clubs, 74);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct indicator *d = &r.ind[want[i].id];
		assert_int_equal(d->value, want[i].value);
		assert_int_equal(d->verdict, want[i].verdict);
		assert_int_equal(d->met, want[i].met);
		if (d->share) {
			assert_int_equal(d->numerator, want[i].numerator);
			assert_int_equal(d->denominator, want[i].denominator);
		}
	}
}

/* The demo's records go on after 2025 up to the day nct init --demo ran (the
 * setup's today, in Vietnam): nothing is dated after it, no loan is repaid
 * before it is disbursed, and the plan's shares read on today as they did on
 * 31 December 2025 (the calendar year to the date; in January the year has
 * barely begun, so the band is wide): activities with management and members
 * with loans within 150 per mille of 2025's, PAR30 between 10 and 63 per mille
 * (2025: 43), the loans badly overdue written off after 2025 by the boards. */
static int64_t later_than(const char *sql, struct date day)
{
	char text[DATE_LEN];
	date_format(day, text);
	struct db_stmt *st = db_prepare(t.db, sql);
	int64_t v = -1;
	for (int i = 1, n = strstr(sql, "written_off_on") ? 3 : 1; i <= n; i++)
		db_bind_text(st, i, text);
	assert_int_equal(db_int(st, &v), NCT_OK);
	return v;
}

static void test_the_demo_goes_on_up_to_today_as_2025_went(void **state)
{
	(void)state;
	struct date today = date_today_vn();
	static const char *const after[] = {
	    "SELECT COUNT(*) FROM activities WHERE on_date > ?",
	    "SELECT COUNT(*) FROM home_visits WHERE on_date > ?",
	    "SELECT COUNT(*) FROM club_assessments WHERE assessed_on > ?",
	    ("SELECT COUNT(*) FROM loans WHERE disbursed_on > ? OR repaid_on > ?"
	     " OR written_off_on > ?"),
	    "SELECT COUNT(*) FROM loan_repayments WHERE on_date > ?",
	    "SELECT COUNT(*) FROM ledger_entries WHERE on_date > ?",
	};
	for (size_t i = 0; i < sizeof after / sizeof after[0]; i++)
		assert_int_equal(later_than(after[i], today), 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM loan_repayments r JOIN loans l ON"
	                        " l.id = r.loan_id WHERE r.on_date < l.disbursed_on"),
	                 0);
	assert_true(int_of("SELECT COUNT(*) FROM loans WHERE disbursed_on > '2025-12-31'") > 0 ||
	            today.m == 1);

	struct indicator_query q = {NULL, "62"};
	struct indicator_report then, now;
	report_window_to_date(end, &q.window);
	assert_int_equal(indicators_clubs(&x, &q, &then), NCT_OK);
	report_window_to_date(today, &q.window);
	assert_int_equal(indicators_clubs(&x, &q, &now), NCT_OK);
	static const enum indicator_id shares[] = {IND_SHARE_ACTIVE_MANAGED,
	                                           IND_SHARE_MEMBERS_LOANS};
	for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
		int64_t was = then.ind[shares[i]].value;
		assert_in_range(now.ind[shares[i]].value, was - 150, was + 150);
	}

	struct portfolio p = {0};
	int64_t clubs = int_of("SELECT COUNT(*) FROM clubs");
	for (int64_t k = 0; k < clubs; k++) {
		struct fund_loans ls;
		assert_int_equal(fund_loans_load(&x, club_id_at(k), 0, &ls), NCT_OK);
		for (size_t i = 0; i < ls.n; i++) {
			struct loan_state s;
			fund_loan_state(&ls.v[i], today, &s);
			portfolio_add(&p, &s);
		}
		fund_loans_free(&ls);
	}
	portfolio_finish(&p);
	assert_true(p.loans > 0);
	/* the boards write off what stopped paying half a year ago or more
	 * (club_write_offs): the risk stays near 2025's 43 per mille */
	assert_in_range(p.par30_permille, 10, 43 + 20);
	assert_true(int_of("SELECT COUNT(*) FROM loans WHERE written_off_on > '2025-12-31'") > 0 ||
	            today.m < 7);
}

/* After 2025 the club boards go on as boards do (gen.c, club_members_later):
 * members leave or die, and people join, younger ones and women where a club
 * lacks them, so that the clubs stay within Plan 327's bands about as in 2025
 * (71 of 74) and what the club pages advise is a few changes at most. Nothing
 * dated up to 2025 changes (the tests above pin it); the people who join come
 * after the register's, and nothing is dated after today. */
static void test_after_2025_members_join_leave_and_die_and_the_clubs_keep_to_the_bands(void **state)
{
	(void)state;
	struct date today = date_today_vn();
	if (date_to_days(today) - date_to_days(end) < 62)
		return; /* a month or two in: too soon for a board to have done much */
	assert_true(later.joined > 0 && later.left > 0 && later.died > 0);
	int64_t joined = int_of("SELECT COUNT(*) FROM memberships WHERE joined_on > '2025-12-31'");
	assert_int_equal(joined, later.joined);
	/* a few in a hundred a year, not a turnover of the clubs */
	assert_in_range(later.joined, 1, gr.memberships / 10);
	assert_in_range(later.left + later.died, 1, gr.memberships / 10);
	assert_int_equal(int_of("SELECT COUNT(*) FROM memberships m WHERE m.joined_on >"
	                        " '2025-12-31' AND m.person_id < (SELECT max(p.id) FROM persons p"
	                        " WHERE NOT EXISTS (SELECT 1 FROM memberships n WHERE"
	                        " n.person_id = p.id AND n.joined_on > '2025-12-31'))"),
	                 0);
	assert_int_equal(later_than("SELECT COUNT(*) FROM memberships WHERE joined_on > ? OR"
	                            " left_on > ?",
	                            today),
	                 0);
	assert_int_equal(later_than("SELECT COUNT(*) FROM persons WHERE died_on > ?", today), 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE died_on <= '2025-12-31'"), 0);
	/* the dead are members no longer from the day they died */
	assert_int_equal(int_of("SELECT COUNT(*) FROM memberships m JOIN persons p ON"
	                        " p.id = m.person_id WHERE p.died_on IS NOT NULL AND"
	                        " (m.left_on IS NULL OR m.left_on > p.died_on)"),
	                 0);

	struct indicator_query q = {NULL, "62"};
	struct indicator_report now;
	report_window_to_date(today, &q.window);
	assert_int_equal(indicators_clubs(&x, &q, &now), NCT_OK);
	const struct indicator *share = &now.ind[IND_SHARE_COMPOSITION];
	assert_in_range(share->value, 850, 1000);

	struct db_stmt *st = db_prepare(
	    t.db, "SELECT c.code FROM clubs c WHERE (SELECT s.status FROM club_status s WHERE"
	          " s.club_id = c.id ORDER BY s.since DESC LIMIT 1) = 'active' ORDER BY c.id");
	char codes[128][32];
	size_t n = 0, few = 0;
	while (db_step(st) == DB_ROW && n < 128)
		snprintf(codes[n++], sizeof codes[0], "%s", db_col_text(st, 0));
	db_done(st);
	for (size_t i = 0; i < n; i++) {
		struct club c;
		struct composition comp;
		assert_int_equal(club_get(&x, codes[i], today, &c), NCT_OK);
		assert_int_equal(club_composition(&x, &c, today, &comp), NCT_OK);
		few += comp.within || (comp.plan.found && comp.plan.changes <= 3);
	}
	assert_true(few * 10 >= n * 9);
}

/* Kon Tum had 543,694 people (data/kon-tum-demographics.csv, 2018): about 8 %
 * of them aged 60+, spread over the 102 communes of the old map. */
static void test_the_demo_register_holds_about_8_percent_of_kon_tums_people(void **state)
{
	(void)state;
	assert_int_equal(rr.communes, 102);
	assert_in_range(rr.older, 543694 * 7 / 100, 543694 * 9 / 100);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons"),
	                 gr.persons + rr.persons + later.joined);
	assert_int_equal(rr.older, rr.persons + rr.members);
}

/* The members aged 60+ count towards their commune's older people, and every
 * commune of the demo's clubs has register people besides them. */
static void test_the_demo_clubs_older_members_are_among_the_register(void **state)
{
	(void)state;
	/* the members (and former members) of 2025 born 1965 or before, less what
	 * each commune's share rounds down */
	int64_t older = int_of("SELECT COUNT(*) FROM persons p WHERE EXISTS (SELECT 1 FROM"
	                       " memberships m WHERE m.person_id = p.id AND"
	                       " m.joined_on <= '2025-12-31') AND substr(p.birth, 1, 4) <= '1965'");
	assert_in_range(rr.members, older - rr.communes, older);
	assert_int_equal(int_of("SELECT COUNT(*) FROM (SELECT place_id FROM persons p WHERE"
	                        " EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id)"
	                        " GROUP BY place_id) c WHERE NOT EXISTS (SELECT 1 FROM persons q"
	                        " WHERE q.place_id = c.place_id AND q.ethnicity IS NOT NULL)"),
	                 0);
}

static void test_more_than_half_of_the_demo_register_is_of_an_ethnic_minority(void **state)
{
	(void)state;
	assert_true(rr.minority * 2 > rr.persons);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE ethnicity IS NOT NULL AND"
	                        " ethnicity <> '01'"),
	                 rr.minority);
	/* Rơ Măm live in Mô Rai, Brâu in Bờ Y, Giẻ Triêng mostly in Đắk Glei */
	assert_true(int_of("SELECT COUNT(*) FROM persons WHERE ethnicity = '54'") > 0);
	assert_true(int_of("SELECT COUNT(*) FROM persons WHERE ethnicity = '52'") > 0);
	/* "A" + name for men, "Y" + name for women (data/demo-names.md) */
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE ethnicity = '14' AND NOT"
	                        " ((sex = 'M' AND full_name LIKE 'A %') OR (sex = 'F' AND"
	                        " full_name LIKE 'Y %'))"),
	                 0);
}

/* Poverty from the 2023 review (6.84 % poor, 4.39 % near-poor households),
 * the poor nearly all of a minority as in 2022 (95 %); each a dated fact and
 * the hardship bits that agree with it. */
static void
test_the_demo_registers_poor_are_mostly_of_a_minority_and_recorded_as_facts(void **state)
{
	(void)state;
	int64_t poor_minority = int_of("SELECT COUNT(*) FROM person_facts f JOIN persons p ON"
	                               " p.id = f.person_id WHERE f.kind = 'poverty' AND"
	                               " f.value = 'poor' AND p.ethnicity <> '01'");
	assert_true(rr.poor > 0 && rr.near_poor > 0);
	assert_true(poor_minority * 100 >= rr.poor * 90);
	assert_int_equal(int_of("SELECT COUNT(*) FROM person_facts f JOIN persons p ON p.id ="
	                        " f.person_id WHERE f.kind = 'poverty' AND f.value = 'poor' AND"
	                        " (p.hardship & 1) = 0"),
	                 0);
	assert_int_equal(int_of("SELECT COUNT(*) FROM person_facts WHERE kind IN ('poverty',"
	                        " 'disability', 'pension')"),
	                 rr.facts);
}

static int cid_row(struct db_stmt *st, void *row, void *arg)
{
	(void)row;
	int *bad = arg;
	const char *id = db_col_text(st, 0), *sex = db_col_text(st, 1), *birth = db_col_text(st, 2);
	int year = (birth[0] - '0') * 1000 + (birth[1] - '0') * 100 + (birth[2] - '0') * 10 +
	           (birth[3] - '0');
	*bad += citizen_id_check(id, sex[0], year, true) != CID_OK;
	return DB_SKIP;
}

static void test_every_citizen_id_of_the_demo_register_agrees_with_sex_and_birth(void **state)
{
	(void)state;
	int bad = 0;
	struct vec none;
	vec_init(&none, 1, 1);
	assert_int_equal(db_rows(db_prepare(t.db, "SELECT citizen_id, sex, birth FROM persons"
	                                          " WHERE citizen_id IS NOT NULL"),
	                         &none, cid_row, &bad),
	                 NCT_OK);
	vec_free(&none);
	assert_int_equal(bad, 0);
	assert_int_equal(int_of("SELECT COUNT(DISTINCT citizen_id) FROM persons"), rr.citizen_id);
}

/* The register is searched like any (the search keys are person_reindex's). */
static void test_the_demo_register_is_found_by_a_folded_name(void **state)
{
	(void)state;
	struct person *found = NULL;
	size_t n = 0;
	assert_int_equal(person_search(&x, "a hiang", 5, &found, &n), NCT_OK);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(found[i].full_name, "A Hiang");
	free(found);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE sort_key IS NULL"), 0);
	/* the deaths the boards recorded after 2025 are in the keys the search reads */
	assert_true(int_of("SELECT COUNT(*) FROM person_name_keys WHERE died_on IS NOT NULL") > 0);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
}

static void test_the_demo_register_is_written_once(void **state)
{
	(void)state;
	struct register_demo_report again;
	char msg[256];
	assert_int_equal(register_demo_run(&x, 327, &again, msg, sizeof msg), NCT_ERR_CONFLICT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_demo_has_arrears_only_on_the_loans_meant_to_be_in_arrears),
	    cmocka_unit_test(
	        test_every_demo_loan_is_marked_repaid_on_the_day_its_principal_came_back),
	    cmocka_unit_test(test_the_demos_par30_on_31_december_2025),
	    cmocka_unit_test(
	        test_the_demo_pays_the_support_once_per_club_by_its_rule_and_only_in_2024),
	    cmocka_unit_test(test_after_the_reform_the_new_quang_ngais_bodies_report),
	    cmocka_unit_test(
	        test_the_demo_keeps_every_club_within_the_composition_but_three_on_purpose),
	    cmocka_unit_test(test_the_demos_programme_on_31_december_2025_reads_as_the_plan_means),
	    cmocka_unit_test(test_the_demo_goes_on_up_to_today_as_2025_went),
	    cmocka_unit_test(
	        test_after_2025_members_join_leave_and_die_and_the_clubs_keep_to_the_bands),
	    cmocka_unit_test(test_the_demo_register_holds_about_8_percent_of_kon_tums_people),
	    cmocka_unit_test(test_the_demo_clubs_older_members_are_among_the_register),
	    cmocka_unit_test(test_more_than_half_of_the_demo_register_is_of_an_ethnic_minority),
	    cmocka_unit_test(
	        test_the_demo_registers_poor_are_mostly_of_a_minority_and_recorded_as_facts),
	    cmocka_unit_test(test_every_citizen_id_of_the_demo_register_agrees_with_sex_and_birth),
	    cmocka_unit_test(test_the_demo_register_is_found_by_a_folded_name),
	    cmocka_unit_test(test_the_demo_register_is_written_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

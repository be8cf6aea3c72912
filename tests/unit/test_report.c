/* test_report.c - the register's figures as indicators a report carries
 * (indicator_register.h): each figure against a count worked out by hand and
 * in plain SQL on a store with people on the edges of the day, the commune
 * moved by the 2025 reform counted once in its successor, the figures
 * prefilled into a district's report as computed, rolled up and carried by
 * the compiled report, and nothing for a user outside the place. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zip.h>

#include "domain/ctx.h"
#include "domain/health.h"
#include "domain/indicator_register.h"
#include "domain/obligation.h"
#include "domain/person.h"
#include "domain/person_fact.h"
#include "domain/place.h"
#include "domain/plan.h"
#include "domain/report.h"
#include "domain/rollup.h"
#include "domain/submission.h"
#include "export/report_doc.h"
#include "seed/demo.h"
#include "seed/place_load.h"
#include "seed/register_load.h"
#include "store/db.h"
#include "testdb.h"

static struct testdb t;
static struct ctx sys;
static struct refusal rf;
/* The day counted: the last day of the 2025 window (Decree 09/2019). */
static const char DAY[] = "2025-12-14";
/* Xã Đăk Hà of the 2025 map, formed from Thị trấn Đắk Hà (the same code, of Huyện Đắk Hà,
 * 615, ended 30/06/2025) and two other communes. */
static const char COMMUNE[] = "23500";
static int64_t a_, f_; /* the person turning 60 on the day; the one in the old commune */

static struct date day(const char *iso)
{
	struct date d;
	assert_int_equal(date_parse(iso, &d), NCT_OK);
	return d;
}

static int64_t add(const char *name, const char *birth, const char *place, const char *died)
{
	struct person_new p = {
	    .full_name = name, .sex = "F", .birth = birth, .place_code = place, .died_on = died};
	int64_t id = 0;
	assert_int_equal(person_create(&sys, &p, &id, &rf), NCT_OK);
	return id;
}

static void card(int64_t person, const char *from, const char *to)
{
	static int k;
	char number[24];
	snprintf(number, sizeof number, "62012345%02d", ++k % 100);
	struct card_new in = {
	    .number = number, .valid_from = from, .valid_to = to, .payer = "state"};
	int64_t id;
	assert_int_equal(health_card_add(&sys, person, &in, &id, &rf), NCT_OK);
}

/* A decision of the month (grant or stop), as the registers' officers record them. */
static void decision(int64_t person, const char *action, const char *month)
{
	static const char sql[] =
	    "INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer,"
	    " signer_level, signer_place_id, place_id, rule_code, amount, month, channel,"
	    " created_at) VALUES (?, ?, ?, ?, 'Chủ tịch', 'district', ?, ?, ?, ?, ?, 'post',"
	    " '2025-01-01')";
	static int k;
	char number[32], signed_on[DATE_LEN];
	struct place p;
	bool grant = strcmp(action, "stop") != 0;
	assert_int_equal(place_get(&sys, "615", day("2024-06-01"), &p), NCT_OK);
	snprintf(number, sizeof number, "%d/QĐ-UBND", ++k);
	snprintf(signed_on, sizeof signed_on, "%.7s-01", month);
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, action);
	db_bind_text(st, 3, number);
	db_bind_text(st, 4, signed_on);
	db_bind_int(st, 5, p.id);
	db_bind_int(st, 6, p.id);
	if (grant) {
		db_bind_text(st, 7, "SA_5_5_C");
		db_bind_int(st, 8, 500000);
	} else {
		db_bind_null(st, 7);
		db_bind_null(st, 8);
	}
	db_bind_text(st, 9, month);
	assert_int_equal(db_run(st), NCT_OK);
}

static void celebrated(int64_t person, int year)
{
	static const char sql[] = "INSERT INTO celebrations_given (person_id, year, given_on,"
	                          " created_at) VALUES (?, ?, ?, '2026-01-01')";
	char on[DATE_LEN];
	snprintf(on, sizeof on, "%04d-01-20", year);
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_int(st, 1, person);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, on);
	assert_int_equal(db_run(st), NCT_OK);
}

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	struct register_load_report reg;
	char msg[512] = "";
	testdb_open(&t);
	ctx_system(&sys, t.db, "nct init");
	if (place_load_reference(&sys, &rep, msg, sizeof msg) ||
	    register_load_reference(&sys, &reg, msg, sizeof msg) ||
	    demo_load(&sys, "demo-Passw0rd-1", msg, sizeof msg)) {
		fprintf(stderr, "setup: %s\n", msg);
		return -1;
	}
	/* A turns 60 on the day; B the day after it */
	a_ = add("Nguyễn Thị A", "1965-12-14", COMMUNE, NULL);
	int64_t b = add("Nguyễn Thị B", "1965-12-15", COMMUNE, NULL);
	/* C died the day before, E the day after, I before the month began */
	int64_t c = add("Nguyễn Thị C", "1940", COMMUNE, "2025-12-13");
	int64_t e = add("Nguyễn Thị E", "1940", COMMUNE, "2025-12-15");
	int64_t i = add("Nguyễn Thị I", "1940", COMMUNE, "2025-11-30");
	/* F lives in the commune as it was before the reform (Thị trấn Đắk Hà) */
	f_ = add("Nguyễn Thị F", "03/1945", COMMUNE, NULL);
	struct place old;
	assert_int_equal(place_get(&sys, COMMUNE, day("2024-06-01"), &old), NCT_OK);
	{
		/* recorded there before the reform: her record and her residence */
		struct db_stmt *st =
		    db_prepare(t.db, "UPDATE persons SET place_id = ? WHERE id = ?");
		db_bind_int(st, 1, old.id);
		db_bind_int(st, 2, f_);
		assert_int_equal(db_run(st), NCT_OK);
		st = db_prepare(t.db, "UPDATE person_facts SET place_id = ? WHERE person_id = ?"
		                      " AND kind = 'residence'");
		db_bind_int(st, 1, old.id);
		db_bind_int(st, 2, f_);
		assert_int_equal(db_run(st), NCT_OK);
	}
	/* G lives in Hà Nội */
	add("Nguyễn Thị G", "1940", "00004", NULL);
	/* cards: A's ends on the day, E's the day before, F's starts the day after (and F had
	 * one in 2024); B's is valid but B is not 60 yet */
	card(a_, "2025-01-01", DAY);
	card(e, "2024-01-01", "2025-12-13");
	card(f_, "2025-12-15", "2026-12-31");
	card(f_, "2024-01-01", "2024-12-31");
	card(b, "2025-01-01", "2025-12-31");
	/* allowances in December 2025: A granted from June; E stopped from December (the first
	 * month not paid); F stopped from January 2026; C died in December, I before it */
	decision(a_, "grant", "2025-06");
	decision(e, "grant", "2025-01");
	decision(e, "stop", "2025-12");
	decision(f_, "grant", "2025-01");
	decision(f_, "stop", "2026-01");
	decision(c, "grant", "2025-01");
	decision(i, "grant", "2025-01");
	/* celebrated in 2025: A and C (who died after it); E in 2024 */
	celebrated(a_, 2025);
	celebrated(c, 2025);
	celebrated(e, 2024);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static int64_t count(const char *sql)
{
	int64_t n = -1;
	assert_int_equal(db_int(db_prepare(t.db, sql), &n), NCT_OK);
	return n;
}

static void figures(struct ctx *x, const char *code, const char *on, struct register_figures *f)
{
	struct place p;
	assert_int_equal(place_get(&sys, code, day(on), &p), NCT_OK);
	assert_int_equal(register_figures_of(x, &p, day(on), f), NCT_OK);
}

static void test_each_figure_of_a_commune_counts_the_people_on_the_edges_of_the_day(void **state)
{
	(void)state;
	struct register_figures f;
	figures(&sys, COMMUNE, DAY, &f);
	assert_int_equal(f.older_age, 60);
	/* A (60 that day), E (died the day after) and F (in the commune before the reform) */
	assert_int_equal(f.value[REG_OLDER], 3);
	/* plain SQL: everyone of that age not dead on the day, outside Hà Nội's G */
	assert_int_equal(f.value[REG_OLDER],
	                 count("SELECT COUNT(*) FROM persons WHERE birth_start <= '1965-12-14'"
	                       " AND (died_on IS NULL OR died_on > '2025-12-14')"
	                       " AND full_name <> 'Nguyễn Thị G'"));
	/* A, whose card ends that day */
	assert_int_equal(f.value[REG_HEALTH_CARD], 1);
	assert_int_equal(f.value[REG_HEALTH_CARD],
	                 count("SELECT COUNT(DISTINCT p.id) FROM persons p JOIN health_cards c"
	                       " ON c.person_id = p.id WHERE p.birth_start <= '1965-12-14'"
	                       " AND (p.died_on IS NULL OR p.died_on > '2025-12-14')"
	                       " AND c.valid_from <= '2025-12-14' AND c.valid_to >= '2025-12-14'"));
	/* A, F (stopped only from January) and C (died within December) */
	assert_int_equal(f.value[REG_ALLOWANCE], 3);
	assert_int_equal(
	    f.value[REG_ALLOWANCE],
	    count("SELECT COUNT(*) FROM persons p WHERE (p.died_on IS NULL OR"
	          " p.died_on >= '2025-12-01') AND EXISTS (SELECT 1 FROM allowance_decisions d"
	          " WHERE d.person_id = p.id AND d.action = 'grant' AND d.month <= '2025-12')"
	          " AND NOT EXISTS (SELECT 1 FROM allowance_decisions s WHERE s.person_id = p.id"
	          " AND s.action = 'stop' AND s.month <= '2025-12')"));
	/* A and C, given in 2025 */
	assert_int_equal(f.value[REG_CELEBRATED], 2);
	assert_int_equal(f.value[REG_CELEBRATED],
	                 count("SELECT COUNT(DISTINCT person_id) FROM celebrations_given"
	                       " WHERE year = 2025"));
}

static void test_the_province_counts_the_commune_moved_by_the_reform_once(void **state)
{
	(void)state;
	struct register_figures commune, province;
	figures(&sys, COMMUNE, DAY, &commune);
	/* the new Quảng Ngãi: its own subtree and the old Kon Tum's, where F lives */
	figures(&sys, "51", DAY, &province);
	for (int i = 0; i < REG_COUNT; i++)
		assert_int_equal(province.value[i], commune.value[i]);
	/* the day before the reform F was one of Huyện Đắk Hà's people, and A was not 60 */
	struct register_figures district;
	figures(&sys, "615", "2025-06-14", &district);
	assert_int_equal(district.value[REG_OLDER], 1);
}

static void test_a_user_outside_the_place_gets_no_figures_of_it(void **state)
{
	(void)state;
	struct ctx other;
	struct user who = {.role = ROLE_PROVINCE};
	struct place hanoi, p;
	struct register_figures f;
	assert_int_equal(place_get(&sys, "01", date_today_vn(), &hanoi), NCT_OK);
	who.place_id = hanoi.id;
	snprintf(who.username, sizeof who.username, "test.hanoi");
	ctx_system(&other, t.db, "test");
	assert_int_equal(ctx_bind_user(&other, &who), NCT_OK);
	assert_int_equal(place_get(&sys, "51", day(DAY), &p), NCT_OK);
	assert_int_equal(register_figures_of(&other, &p, day(DAY), &f), NCT_ERR_DENIED);
	/* its own province: G alone */
	assert_int_equal(register_figures_of(&other, &hanoi, day(DAY), &f), NCT_OK);
	assert_int_equal(f.value[REG_OLDER], 1);
}

static const struct submission_value *value_of(const struct submission_value *v, size_t n,
                                               const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].def.code, code) == 0)
			return &v[i];
	fail_msg("no value %s", code);
	return NULL;
}

/* The DOCX's document part, as text (malloc'd). */
static char *document_xml(const struct compiled_report *c)
{
	struct buf b;
	zip_error_t ze;
	zip_stat_t st;
	buf_init(&b, 4u * REPORT_DOC_MAX);
	assert_int_equal(report_docx_buf(c, &b), NCT_OK);
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b.ptr, b.len, 0, &ze);
	assert_non_null(src);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	assert_int_equal(zip_stat(za, "word/document.xml", 0, &st), 0);
	char *xml = calloc(1, st.size + 1);
	assert_non_null(xml);
	zip_file_t *f = zip_fopen(za, "word/document.xml", 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(za);
	buf_free(&b);
	return xml;
}

static void test_a_districts_report_of_the_2024_plan_carries_its_register_figures(void **state)
{
	(void)state;
	struct plan plan;
	struct obligation *obs, ob = {0};
	size_t n;
	assert_int_equal(plan_get(&sys, "kh-2024-ban-nct-kon-tum", &plan), NCT_OK);
	assert_int_equal(obligation_list(&sys, plan.id, &obs, &n), NCT_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(obs[i].line, "R3") == 0)
			ob = obs[i];
	free(obs);
	assert_true(ob.id > 0);
	int64_t id;
	assert_int_equal(submission_create(&sys, ob.id, "2024S1", "KT-UBND-615", &id, &rf), NCT_OK);
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	assert_int_equal(submission_content(&sys, id, &items, &ni, &v, &nv), NCT_OK);
	/* the three figures the plan's lines II.1.6 and II.5.2 name, not the celebrations */
	assert_int_equal(nv, 3);
	const struct submission_value *older = value_of(v, nv, "older_people");
	const struct submission_value *cards = value_of(v, nv, "older_with_health_card");
	const struct submission_value *paid = value_of(v, nv, "receiving_allowance");
	/* on 14/06/2024, the window's last day: F, with her 2024 card, not yet paid */
	assert_true(older->has_computed && older->has_value);
	assert_int_equal(older->computed, 1);
	assert_int_equal(older->value, older->computed);
	assert_int_equal(cards->computed, 1);
	assert_int_equal(paid->computed, 0);
	assert_false(older->def.share);
	free(items);
	free(v);
	assert_int_equal(submission_submit(&sys, id, NULL, &rf), NCT_OK);
	/* rolled up to the province, and carried by the compiled report */
	struct rollup r;
	assert_int_equal(rollup_of(&sys, ob.id, "2024S1", NULL, &r, &rf), NCT_OK);
	assert_true(r.whole.has[IND_COUNT + REG_OLDER]);
	assert_int_equal(r.whole.value[IND_COUNT + REG_OLDER], 1);
	assert_int_equal(r.whole.value[IND_COUNT + REG_HEALTH_CARD], 1);
	assert_false(r.whole.has[IND_COUNT + REG_CELEBRATED]);
	assert_string_equal(r.ind[IND_COUNT + REG_OLDER].code, "older_people");
	rollup_free(&r);
	struct compiled_report c;
	assert_int_equal(
	    report_compile(&sys, "kh-2024-ban-nct-kon-tum", "2024S1", "KT-SLDTBXH", &c, &rf),
	    NCT_OK);
	assert_true(c.has_rollup);
	assert_int_equal(c.roll.whole.value[IND_COUNT + REG_OLDER], 1);
	/* its table lists the figures given, not the clubs' indicators the plan does not define */
	char *xml = document_xml(&c);
	assert_non_null(strstr(xml, "Người cao tuổi trên địa bàn"));
	assert_non_null(strstr(xml, "Người cao tuổi có thẻ bảo hiểm y tế còn hạn"));
	assert_null(strstr(xml, "CLB thành lập mới từ năm 2021"));
	assert_null(strstr(xml, "được chúc thọ"));
	free(xml);
	report_free(&c);
}

/* A move recorded as the register's officers record it: a residence fact from the day. */
static void moved(int64_t person, const char *to, const char *from)
{
	struct fact_new in = {.kind = "residence", .value = to, .from = from};
	int64_t id;
	assert_int_equal(person_fact_add(&sys, person, &in, &id, &rf), NCT_OK);
}

/* The living people of 60 or more (born by 1966) of the place of this code (its subtree) whose
 * residence in force on the day lies there, in plain SQL: each person's residences on or before
 * the day, not retracted, numbered latest first, the first kept. */
static const char sql_residents[] =
    "SELECT COUNT(*) FROM (SELECT person_id, place_id, ROW_NUMBER() OVER (PARTITION BY"
    " person_id ORDER BY COALESCE(valid_from, '') DESC, id DESC) AS n FROM person_facts f"
    " WHERE kind = 'residence' AND COALESCE(valid_from, '') <= ? AND id NOT IN (SELECT"
    " fact_id FROM person_fact_retractions)) r, persons p, places pl, places top"
    " WHERE n = 1 AND p.id = r.person_id AND pl.id = r.place_id AND top.code = ? AND"
    " pl.path LIKE top.path || '%' AND p.birth_start <= '1966-01-01' AND p.died_on IS NULL";

static int64_t residents(const char *code, const char *on)
{
	int64_t n = -1;
	struct db_stmt *st = db_prepare(t.db, sql_residents);
	db_bind_text(st, 1, on);
	db_bind_text(st, 2, code);
	assert_int_equal(db_int(st, &n), NCT_OK);
	return n;
}

static void test_a_person_counts_where_the_residence_in_force_on_the_day_puts_them(void **state)
{
	(void)state;
	/* in Huế (46): H moves from Phú Xuân to Kim Long on 1 March 2026, inside the first half
	 * of 2026 (15/12/2025-14/06/2026); K moves out of the city, to Đà Nẵng, on 1 April; L
	 * stays in Phú Xuân */
	int64_t h = add("Trần Văn H", "1950", "19753", NULL);
	int64_t k = add("Trần Văn K", "1950", "19753", NULL);
	add("Trần Văn L", "1950", "19753", NULL);
	moved(h, "19774", "2026-03-01");
	moved(k, "20194", "2026-04-01");
	struct register_figures old_before, new_before, old_last, new_last, city_last, city_before;
	figures(&sys, "19753", "2026-02-14", &old_before);
	figures(&sys, "19774", "2026-02-14", &new_before);
	figures(&sys, "19753", "2026-06-14", &old_last);
	figures(&sys, "19774", "2026-06-14", &new_last);
	figures(&sys, "46", "2026-06-14", &city_last);
	figures(&sys, "46", "2026-02-14", &city_before);
	/* before the moves all three lived in Phú Xuân */
	assert_int_equal(old_before.value[REG_OLDER], 3);
	assert_int_equal(new_before.value[REG_OLDER], 0);
	/* on the window's last day H counts in Kim Long, K nowhere in Huế */
	assert_int_equal(old_last.value[REG_OLDER], 1);
	assert_int_equal(new_last.value[REG_OLDER], 1);
	assert_int_equal(city_last.value[REG_OLDER], 2);
	assert_int_equal(city_before.value[REG_OLDER], 3);
	/* the same in plain SQL */
	assert_int_equal(old_before.value[REG_OLDER], residents("19753", "2026-02-14"));
	assert_int_equal(new_before.value[REG_OLDER], residents("19774", "2026-02-14"));
	assert_int_equal(old_last.value[REG_OLDER], residents("19753", "2026-06-14"));
	assert_int_equal(new_last.value[REG_OLDER], residents("19774", "2026-06-14"));
	assert_int_equal(city_last.value[REG_OLDER], residents("46", "2026-06-14"));
	/* K counts in Đà Nẵng from the move on */
	struct register_figures danang;
	figures(&sys, "48", "2026-06-14", &danang);
	assert_int_equal(danang.value[REG_OLDER], residents("48", "2026-06-14"));
	assert_int_equal(danang.value[REG_OLDER], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_each_figure_of_a_commune_counts_the_people_on_the_edges_of_the_day),
	    cmocka_unit_test(test_the_province_counts_the_commune_moved_by_the_reform_once),
	    cmocka_unit_test(test_a_user_outside_the_place_gets_no_figures_of_it),
	    cmocka_unit_test(test_a_districts_report_of_the_2024_plan_carries_its_register_figures),
	    cmocka_unit_test(
	        test_a_person_counts_where_the_residence_in_force_on_the_day_puts_them),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_plan.c - plans in the store (import, export, items), reporting
 * obligations (periods, due dates, windows, reporters and receivers across the
 * reform of 2025) and submissions (draft, paper report, return, accept,
 * timeliness, completeness, inbox, who may). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "base/text.h"
#include "domain/audit.h"
#include "domain/ctx.h"
#include "domain/indicator.h"
#include "domain/obligation.h"
#include "domain/org.h"
#include "domain/place.h"
#include "domain/plan.h"
#include "domain/plan_basis.h"
#include "domain/plan_doc.h"
#include "domain/plan_target.h"
#include "domain/report.h"
#include "domain/rollup.h"
#include "domain/submission.h"
#include "export/plan_file.h"
#include "seed/demo.h"
#include "seed/place_load.h"
#include "testdb.h"

static struct testdb t;
static struct ctx sys; /* the system, as nct init acts */

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	char msg[512] = "";
	testdb_open(&t);
	ctx_system(&sys, t.db, "nct init");
	if (place_load_reference(&sys, &rep, msg, sizeof msg) ||
	    demo_load(&sys, "demo-Passw0rd-1", msg, sizeof msg)) {
		fprintf(stderr, "setup: %s\n", msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static char *data_file(const char *name, size_t *len)
{
	char path[512];
	const char *dir = getenv("NCT_DATA_DIR");
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "data", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (set NCT_DATA_DIR to the data directory)", path);
	char *buf = malloc(PLAN_FILE_MAX);
	assert_non_null(buf);
	*len = fread(buf, 1, PLAN_FILE_MAX - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Plan 327's file given another plan's id and code. */
static json_t *plan_327_as(const char *id, const char *code)
{
	size_t len;
	char *text = data_file("plans/327-kh-ubnd.json", &len);
	json_t *doc = json_loadb(text, len, 0, NULL);
	free(text);
	assert_non_null(doc);
	json_object_set_new(doc, "id", json_string(id));
	json_object_set_new(doc, "code", json_string(code));
	return doc;
}

static int64_t int_of(const char *sql)
{
	int64_t v = -1;
	assert_int_equal(db_int(db_prepare(t.db, sql), &v), NCT_OK);
	return v;
}

/* A user of role bound to the organisation org_code, or to the place place_code. */
static void user_of(struct ctx *u, enum role role, const char *org_code, const char *place_code)
{
	struct user who = {.role = role};
	struct org o;
	struct place p;
	if (org_code) {
		assert_int_equal(org_get(&sys, org_code, &o), NCT_OK);
		who.org_id = o.id;
	}
	if (place_code) {
		assert_int_equal(place_get(&sys, place_code, date_today_vn(), &p), NCT_OK);
		who.place_id = p.id;
	}
	snprintf(who.username, sizeof who.username, "test.%s", org_code ? org_code : place_code);
	ctx_system(u, t.db, "test");
	assert_int_equal(ctx_bind_user(u, &who), NCT_OK);
}

/* The obligation of plan and line with this receiver. */
static void obligation_of(const char *plan, const char *line, const char *to,
                          struct obligation *out)
{
	struct plan p;
	struct obligation *v;
	size_t n;
	assert_int_equal(plan_get(&sys, plan, &p), NCT_OK);
	assert_int_equal(obligation_list(&sys, p.id, &v, &n), NCT_OK);
	bool found = false;
	for (size_t i = 0; i < n && !found; i++)
		if (strcmp(v[i].line, line) == 0 && strcmp(v[i].to, to) == 0) {
			*out = v[i];
			found = true;
		}
	free(v);
	assert_true(found);
}

/* ------------------------------------------------------------- plans */

static void test_each_plan_exports_back_to_its_file_byte_for_byte(void **state)
{
	(void)state;
	static const char *const plans[] = {"kh-2024-ban-nct-kon-tum", "327-kh-ubnd"};
	for (size_t i = 0; i < 2; i++) {
		char name[96];
		size_t len;
		snprintf(name, sizeof name, "plans/%s.json", plans[i]);
		char *want = data_file(name, &len);
		json_t *doc;
		assert_int_equal(plan_export(&sys, plans[i], &doc), NCT_OK);
		char *got = plan_file_text(doc);
		json_decref(doc);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

static void test_the_2024_plan_has_its_six_areas_with_every_bullet_and_lead(void **state)
{
	(void)state;
	static const size_t per_area[] = {8, 5, 5, 7, 2, 6};
	struct plan p;
	struct plan_section *s;
	struct plan_item *it;
	size_t ns, ni;
	assert_int_equal(plan_get(&sys, "kh-2024-ban-nct-kon-tum", &p), NCT_OK);
	assert_string_equal(p.code, "");
	assert_string_equal(p.date, "2024-01");
	assert_int_equal(p.areas, 6);
	assert_int_equal(p.items, 33);
	assert_int_equal(plan_sections(&sys, p.id, SECTION_AREA, &s, &ns), NCT_OK);
	assert_int_equal(plan_items(&sys, p.id, SECTION_AREA, &it, &ni), NCT_OK);
	assert_int_equal(ns, 6);
	for (size_t a = 0; a < ns; a++) {
		size_t k = 0;
		for (size_t i = 0; i < ni; i++)
			if (it[i].section_id == s[a].id) {
				k++;
				assert_true(it[i].nlead >
				            0); /* every bullet of the 2024 plan has a lead */
			}
		assert_int_equal(k, per_area[a]);
	}
	free(s);
	free(it);
}

static void test_plan_327_is_found_by_its_code_and_has_three_items_without_lead(void **state)
{
	(void)state;
	struct plan p;
	struct plan_item *it;
	size_t n, none = 0;
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	assert_string_equal(p.slug, "327-kh-ubnd");
	assert_int_equal(plan_items(&sys, p.id, SECTION_AREA, &it, &n), NCT_OK);
	assert_int_equal(n, 15);
	for (size_t i = 0; i < n; i++)
		none += it[i].nlead == 0;
	assert_int_equal(none, 3);
	free(it);
}

static void test_a_plan_imported_twice_is_refused_and_nothing_is_written(void **state)
{
	(void)state;
	size_t len;
	char *text = data_file("plans/327-kh-ubnd.json", &len);
	json_t *doc = json_loadb(text, len, 0, NULL);
	free(text);
	int64_t items = int_of("SELECT COUNT(*) FROM plan_items");
	struct plan p;
	struct refusal rf = {0};
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_items"), items);
	json_decref(doc);
}

static void test_a_plan_file_with_a_wrong_field_is_refused_with_where(void **state)
{
	(void)state;
	json_t *doc = json_pack("{s:s, s:s, s:n, s:s, s:s, s:s, s:s, s:s}", "format", "nct-plan/1",
	                        "id", "kh-thu", "code", "symbol", "KH", "title", "T", "title_en",
	                        "T", "issuer", "KT-UBND", "date", "2024-13");
	struct plan p;
	struct refusal rf = {0};
	int64_t plans = int_of("SELECT COUNT(*) FROM plans");
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PLAN_FORMAT);
	assert_string_equal(rf.arg[0].v, "date");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans);
	json_decref(doc);
}

/* The words of a plan's own target ("trên 50", "Đến năm 2025") stay while its
 * figures and date do; a changed range gets words from the figures, a changed
 * date the date as typed, each without touching the other's words. */
#define WORDS_LEN 128
static void target_words(const struct plan *p, const char *id, char words[WORDS_LEN],
                         char date_words[WORDS_LEN])
{
	json_t *f = NULL, *o;
	size_t i;
	words[0] = date_words[0] = '\0';
	assert_int_equal(plan_export(&sys, p->slug, &f), NCT_OK);
	json_array_foreach(json_object_get(f, "targets"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0) {
			text_copy(words, WORDS_LEN,
			          json_string_value(json_object_get(o, "as_written")));
			text_copy(date_words, WORDS_LEN,
			          json_string_value(json_object_get(o, "by_date_as_written")));
		}
	}
	json_decref(f);
}

static void test_a_targets_words_follow_its_figures_and_stay_while_they_do(void **state)
{
	(void)state;
	struct plan p;
	struct refusal rf = {0};
	struct plan_item *items = NULL;
	struct plan_item_target got;
	size_t n = 0;
	int64_t item = 0;
	char words[WORDS_LEN], date[WORDS_LEN];
	json_t *doc = plan_327_as("327-loi-chi-tieu", "327c/KH-UBND");
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_OK);
	json_decref(doc);
	assert_int_equal(plan_items(&sys, p.id, SECTION_AREA, &items, &n), NCT_OK);
	for (size_t i = 0; i < n && !item; i++)
		if (plan_item_target(&sys, &p, items[i].id, &got) == NCT_OK &&
		    strcmp(got.id, "T1") == 0)
			item = items[i].id;
	free(items);
	assert_true(item > 0);
	struct plan_item_target_in in = {
	    .indicator = got.indicator, .min = "51", .max = "", .by_date = "2025-12-31"};
	assert_int_equal(plan_item_target_save(&sys, &p, item, &in, &got, &rf), NCT_OK);
	target_words(&p, "T1", words, date);
	assert_string_equal(words, "trên 50");
	assert_string_equal(date, "Đến năm 2025");
	in.min = "60";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &in, &got, &rf), NCT_OK);
	target_words(&p, "T1", words, date);
	assert_string_equal(words, "ít nhất 60");
	assert_string_equal(date, "Đến năm 2025");
	in.by_date = "2026-06-30";
	in.by_date_as_written = "30/6/2026";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &in, &got, &rf), NCT_OK);
	target_words(&p, "T1", words, date);
	assert_string_equal(words, "ít nhất 60");
	assert_string_equal(date, "30/6/2026");
}

/* plan_targets holds one row per (plan, indicator, place, day of place,
 * by_date): a file whose two targets share that key is refused whole, naming
 * both and where the second is, since the second's row would overwrite the
 * first's figures. */
static void test_a_plan_file_with_two_targets_on_one_key_is_refused_whole(void **state)
{
	(void)state;
	json_t *doc = plan_327_as("328-kh-ubnd", "328/KH-UBND");
	json_object_set_new(doc, "number", json_integer(328));
	/* T3 (older members) made to count the members by T2's date and place */
	json_t *t3 = json_array_get(json_object_get(doc, "targets"), 2);
	json_object_set_new(t3, "indicator", json_string("members"));
	int64_t plans = int_of("SELECT COUNT(*) FROM plans");
	int64_t rows = int_of("SELECT COUNT(*) FROM plan_targets");
	int64_t orgs = int_of("SELECT COUNT(*) FROM orgs");
	struct plan p;
	struct refusal rf = {0};
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TARGET_TWICE);
	assert_string_equal(rf.field, "file");
	assert_string_equal(rf.arg[0].v, "T2");
	assert_string_equal(rf.arg[1].v, "T3");
	assert_string_equal(rf.arg[2].v, "targets[2]");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_targets"), rows);
	assert_int_equal(int_of("SELECT COUNT(*) FROM orgs"), orgs);
	json_decref(doc);
}

/* Legal bases are edited later one by one (plan_basis): a file with more
 * than the 100 the edit pages hold, or a text longer than its field (which
 * would be cut inside a character), is refused where it is, nothing written. */
static void test_a_plan_file_whose_legal_bases_would_not_fit_is_refused(void **state)
{
	(void)state;
	json_t *doc = plan_327_as("kh-bases", "9999/KH-UBND");
	json_t *bases = json_object_get(doc, "legal_bases");
	assert_true(json_array_size(bases) > 0);
	json_t *first = json_array_get(bases, 0);
	char title[700];
	for (int i = 0; i < 233; i++) /* 699 bytes of "ệ": over the 639 a title holds */
		memcpy(title + 3 * i, "\xe1\xbb\x87", 3);
	title[699] = '\0';
	json_t *saved = json_deep_copy(first);
	json_object_set_new(first, "title", json_string(title));
	struct plan p;
	struct refusal rf = {0};
	int64_t plans = int_of("SELECT COUNT(*) FROM plans");
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PLAN_FORMAT);
	assert_string_equal(rf.arg[0].v, "legal_bases[0].title");
	json_array_set_new(bases, 0, saved);
	while (json_array_size(bases) <= PLAN_BASES_MAX)
		json_array_append_new(bases, json_deep_copy(json_array_get(bases, 0)));
	memset(&rf, 0, sizeof rf);
	assert_int_equal(plan_import(&sys, doc, &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PLAN_FORMAT);
	assert_string_equal(rf.arg[0].v, "legal_bases[100]");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans);
	json_decref(doc);
}

static void test_only_an_administrator_imports_a_plan(void **state)
{
	(void)state;
	struct ctx u;
	struct plan p;
	struct refusal rf = {0};
	json_t *doc = json_object();
	user_of(&u, ROLE_PROVINCE, NULL, "51");
	assert_int_equal(plan_import(&u, doc, &p, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_ADMIN_ONLY);
	json_decref(doc);
}

static void test_an_administrator_makes_a_plan_from_its_header_alone_and_no_one_else(void **state)
{
	(void)state;
	struct ctx u, commune, hanoi;
	struct plan p;
	struct refusal rf = {0};
	struct plan_header_in in = {.code = "77/KH-THU",
	                            .title = "Kế hoạch thử",
	                            .title_en = "A test plan",
	                            .issuer = "KT-UBND",
	                            .date = "2024-02",
	                            .effective_from = "2024-02-01",
	                            .effective_to = "2024-01-31"};
	int64_t plans = int_of("SELECT COUNT(*) FROM plans");
	user_of(&u, ROLE_PROVINCE, NULL, "51");
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	user_of(&hanoi, ROLE_PROVINCE, NULL, "01");
	assert_int_equal(plan_create(&commune, NULL, &in, &p, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_DENIED);
	assert_int_equal(plan_create(&hanoi, NULL, &in, &p, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_DENIED);
	assert_int_equal(plan_create(&sys, NULL, &in, &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_AFTER);
	assert_string_equal(rf.field, "effective_to");
	assert_int_equal(plan_create(&sys, "Not A Slug", &in, &p, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "id");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans);

	in.effective_to = "2024-12-31";
	assert_int_equal(plan_create(&sys, NULL, &in, &p, &rf), NCT_OK);
	assert_string_equal(p.slug, "77-kh-thu");
	assert_string_equal(p.date, "2024-02");
	assert_int_equal(p.items, 0);
	assert_int_equal(plan_create(&sys, NULL, &in, &p, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	json_t *f = NULL;
	assert_int_equal(plan_export(&sys, "77/KH-THU", &f), NCT_OK);
	assert_string_equal(json_string_value(json_object_get(f, "symbol")), "KH-THU");
	assert_int_equal(json_integer_value(json_object_get(f, "number")), 77);
	assert_true(json_is_null(json_object_get(f, "source")));
	assert_int_equal(json_array_size(json_object_get(f, "areas")), 0);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(f, "effective"), "to")),
	    "2024-12-31");
	json_decref(f);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans + 1);
}

/* The province's standing office (a province officer) makes the plans of its
 * province and edits them; a plan issued, or given an issuer, outside its
 * province is refused with nothing written. An English title is required on
 * an edit as on the file. */
static void test_the_province_office_makes_and_edits_a_plan_of_its_province_only(void **state)
{
	(void)state;
	struct ctx office;
	struct plan p;
	struct refusal rf = {0};
	struct org_new far = {
	    .code = "HN-THU", .name = "Sở thử Hà Nội", .kind = "agency", .place_code = "01"};
	assert_int_equal(org_create(&sys, &far, &rf), NCT_OK);
	struct plan_header_in in = {.code = "78/KH-THU",
	                            .title = "Kế hoạch của Văn phòng",
	                            .title_en = "The office's plan",
	                            .issuer = "HN-THU",
	                            .date = "2026-03-02",
	                            .effective_from = "2026-03-02",
	                            .effective_to = "2026-12-31"};
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	assert_true(plan_may_create(&office));
	int64_t plans = int_of("SELECT COUNT(*) FROM plans");
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'");
	assert_int_equal(plan_create(&office, NULL, &in, &p, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_DENIED);
	in.issuer = "KT-UBND";
	in.title_en = "";
	assert_int_equal(plan_create(&office, NULL, &in, &p, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "title_en");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans);
	in.title_en = "The office's plan";
	assert_int_equal(plan_create(&office, NULL, &in, &p, &rf), NCT_OK);
	assert_string_equal(p.slug, "78-kh-thu");
	assert_int_equal(access_plan(&office, &p), NCT_OK);

	struct plan_header_in no_en = {.title_en = ""};
	assert_int_equal(plan_update(&office, &p, &no_en, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TEXT_LENGTH);
	assert_string_equal(rf.field, "title_en");
	struct plan_header_in away = {.issuer = "HN-THU"};
	assert_int_equal(plan_update(&office, &p, &away, &rf), NCT_ERR_DENIED);
	struct plan_header_in title = {.title = "Kế hoạch của Văn phòng, đã sửa"};
	assert_int_equal(plan_update(&office, &p, &title, &rf), NCT_OK);
	assert_string_equal(p.title, "Kế hoạch của Văn phòng, đã sửa");
	assert_string_equal(p.issuer, "KT-UBND");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plans"), plans + 1);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'"), audits + 2);
}

/* A basis the plan's file cites in its body ("cited") stays cited when the
 * page or the API edits its other fields. */
static void test_a_cited_legal_basis_stays_cited_when_edited(void **state)
{
	(void)state;
	struct plan p;
	struct plan_basis *v = NULL;
	size_t n = 0;
	int pos = 0;
	struct refusal rf = {0};
	struct plan_basis_in in = {.relation = "cited",
	                           .kind = "Nghị định",
	                           .number = "09/2019/NĐ-CP",
	                           .as_written = "Nghị định số 09/2019/NĐ-CP"};
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	assert_int_equal(plan_basis_save(&sys, &p, 0, &in, &pos, &rf), NCT_OK);
	in.title = "Quy định về chế độ báo cáo của cơ quan hành chính nhà nước";
	assert_int_equal(plan_basis_save(&sys, &p, pos, &in, &pos, &rf), NCT_OK);
	assert_int_equal(plan_bases(&sys, p.id, &v, &n), NCT_OK);
	assert_string_equal(v[n - 1].relation, "cited");
	assert_string_equal(v[n - 1].title, in.title);
	free(v);
	in.relation = "quoted";
	assert_int_equal(plan_basis_save(&sys, &p, pos, &in, &pos, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "relation");
	assert_int_equal(plan_basis_remove(&sys, &p, pos, &rf), NCT_OK);
}

/* An item's indicator and target: a new target of the plan for an item that
 * serves none, then changed in place; outsiders and bad figures refused with
 * nothing written; the plan's file carries it, figures from plan_targets. */
/* A plan of the test's own, numbered code, issued by KT-UBND on 2024-03-01,
 * with one area II.1 and n items (at most 2) that KT-HNCT leads; their ids
 * into item. */
static void plan_with_items(const char *code, const char *title, struct plan *p, int n,
                            int64_t *item)
{
	static const char *const texts[] = {"Thành lập câu lạc bộ mới", "Phát triển hội viên"};
	struct refusal rf = {0};
	struct plan_header_in h = {.code = code,
	                           .title = title,
	                           .title_en = "A plan with targets",
	                           .issuer = "KT-UBND",
	                           .date = "2024-03-01",
	                           .effective_from = "2024-03-01",
	                           .effective_to = "2026-12-31"};
	assert_int_equal(plan_create(&sys, NULL, &h, p, &rf), NCT_OK);
	struct plan_area_in area = {.code = "II.1", .heading = "Câu lạc bộ"};
	assert_int_equal(plan_area_save(&sys, p, NULL, &area, &rf), NCT_OK);
	for (int i = 0; i < n && i < 2; i++) {
		struct plan_item_in it = {
		    .section = "II.1", .text = texts[i], .lead = {"KT-HNCT"}, .nlead = 1};
		assert_int_equal(plan_item_save(&sys, p, 0, &it, &item[i], &rf), NCT_OK);
	}
}

static void test_an_items_indicator_and_target_are_set_and_kept_in_the_plans_file(void **state)
{
	(void)state;
	struct plan p;
	struct plan_item *items = NULL;
	size_t n = 0;
	struct ctx commune;
	struct refusal rf = {0};
	struct plan_item_target made, got;
	int64_t item = 0;
	plan_with_items("79/KH-CT", "Kế hoạch có chỉ tiêu", &p, 1, &item);
	assert_int_equal(plan_items(&sys, p.id, SECTION_AREA, &items, &n), NCT_OK);
	assert_int_equal(n, 1);
	free(items);
	assert_int_equal(plan_item_target(&sys, &p, item, &got), NCT_OK);
	assert_string_equal(got.id, "");
	static const char sql[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '79/KH-CT'";
	int64_t rows = int_of(sql);
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_target'");
	struct plan_item_target_in in = {
	    .indicator = "members", .min = "2500", .max = "3500", .by_date = "2025-12-31"};
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	assert_int_equal(plan_item_target_save(&commune, &p, item, &in, &made, &rf),
	                 NCT_ERR_DENIED);
	struct plan_item_target_in bad = in;
	bad.indicator = "members_all_clubs"; /* a figure beside the plan's: no target */
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "indicator");
	bad = in;
	bad.min = "2,5"; /* a fraction, or dots that group no thousands */
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "target_min");
	assert_int_equal(rf.code, RF_FIGURE_RANGE);
	assert_string_equal(refusal_reason(rf.code), "number_range");
	bad.min = "25.00";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	bad.min = "1.000.000.001";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.arg[1].v, "1000000000");
	assert_int_equal(rf.arg[1].kind, 'n');
	bad = in;
	bad.min = bad.max = "";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "target_min");
	bad = in;
	bad.max = "2000";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "target_max");
	bad = in;
	bad.by_date = "2025-02-30";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &bad, &made, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "by_date");
	assert_int_equal(int_of(sql), rows);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_target'"), audits);

	assert_int_equal(plan_item_target_save(&sys, &p, item, &in, &made, &rf), NCT_OK);
	assert_true(made.id[0] == 'T');
	assert_string_equal(made.unit, "count");
	assert_int_equal(made.min, 2500);
	assert_int_equal(int_of(sql), rows + 1);
	in.min = "2.600"; /* the thousands grouped as people write them */
	in.max = "";
	assert_int_equal(plan_item_target_save(&sys, &p, item, &in, &got, &rf), NCT_OK);
	assert_string_equal(got.id, made.id);
	assert_int_equal(got.max, -1);
	assert_int_equal(int_of(sql), rows + 1);
	assert_int_equal(plan_item_target(&sys, &p, item, &got), NCT_OK);
	assert_int_equal(got.min, 2600);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_target'"),
	                 audits + 2);
	json_t *f = NULL;
	assert_int_equal(plan_export(&sys, p.slug, &f), NCT_OK);
	size_t i;
	json_t *o;
	bool found = false;
	json_array_foreach(json_object_get(f, "targets"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "id")), made.id) == 0) {
			found = true;
			assert_int_equal(json_integer_value(json_object_get(o, "min")), 2600);
			assert_true(json_is_null(json_object_get(o, "max")));
			assert_string_equal(json_string_value(json_object_get(o, "indicator")),
			                    "members");
			/* made through the API: its words from the figures, grouped, and its
			 * date as people write it; the range edited, its words follow */
			assert_string_equal(json_string_value(json_object_get(o, "as_written")),
			                    "ít nhất 2.600");
			assert_string_equal(
			    json_string_value(json_object_get(o, "by_date_as_written")),
			    "31/12/2025");
		}
	}
	assert_true(found);
	json_decref(f);
}

/* plan_targets holds one row per (plan, indicator, place, day of place,
 * by_date): a target on the key of another is refused, and moving a target to
 * another date leaves the other's row where it was. */
static void test_a_target_never_changes_or_deletes_another_targets_figures(void **state)
{
	(void)state;
	struct plan p;
	struct ctx office;
	struct refusal rf = {0};
	struct plan_item_target first, got;
	int64_t ab[2] = {0, 0}, a, b;
	plan_with_items("80/KH-CT", "Kế hoạch có hai chỉ tiêu", &p, 2, ab);
	a = ab[0];
	b = ab[1];
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	struct plan_item_target_in in = {
	    .indicator = "members", .min = "2500", .max = "3500", .by_date = "2025-12-31"};
	assert_int_equal(plan_item_target_save(&office, &p, a, &in, &first, &rf), NCT_OK);
	static const char rows[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '80/KH-CT'";
	static const char kept[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '80/KH-CT'"
	                           " AND indicator = 'members' AND by_date = '2025-12-31'"
	                           " AND min_value = 2500 AND max_value = 3500";
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_target'");
	assert_int_equal(int_of(rows), 1);
	/* the other item's new target on the first's key: refused, nothing written */
	struct plan_item_target_in same = {
	    .indicator = "members", .min = "5", .by_date = "2025-12-31"};
	memset(&rf, 0, sizeof rf);
	assert_int_equal(plan_item_target_save(&office, &p, b, &same, &got, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TARGET_TAKEN);
	assert_string_equal(rf.field, "by_date");
	assert_string_equal(rf.arg[0].v, first.id);
	assert_int_equal(int_of(kept), 1);
	assert_int_equal(int_of(rows), 1);
	assert_int_equal(plan_item_target(&sys, &p, b, &got), NCT_OK);
	assert_string_equal(got.id, "");
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_target'"), audits);
	/* on its own date it is made; moving its date again leaves the first's row */
	same.by_date = "2026-06-30";
	assert_int_equal(plan_item_target_save(&office, &p, b, &same, &got, &rf), NCT_OK);
	assert_string_not_equal(got.id, first.id);
	assert_int_equal(int_of(rows), 2);
	same.by_date = "2026-09-30";
	assert_int_equal(plan_item_target_save(&office, &p, b, &same, &got, &rf), NCT_OK);
	assert_int_equal(int_of(kept), 1);
	assert_int_equal(int_of(rows), 2);
	/* nor may it move onto the first's key */
	same.by_date = "2025-12-31";
	assert_int_equal(plan_item_target_save(&office, &p, b, &same, &got, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TARGET_TAKEN);
	assert_int_equal(int_of(kept), 1);
	assert_int_equal(plan_item_target(&sys, &p, b, &got), NCT_OK);
	assert_string_equal(got.by_date, "2026-09-30");
	/* the first target changes its own figures in place */
	in.min = "2600";
	assert_int_equal(plan_item_target_save(&office, &p, a, &in, &got, &rf), NCT_OK);
	assert_string_equal(got.id, first.id);
	assert_int_equal(int_of(rows), 2);
}

/* A target's row is the one of its key as of the plan's day (place_on: codes of
 * places recur across the reforms): moving the target deletes that row only,
 * not one of the same code, indicator and date as of another day; and the rows
 * move with the plan's date, so the target's old row is still found after. */
static void test_moving_a_target_deletes_its_own_row_not_one_of_another_day(void **state)
{
	(void)state;
	struct plan p;
	struct refusal rf = {0};
	struct plan_item_target got;
	int64_t a = 0;
	plan_with_items("81/KH-CT", "Kế hoạch có chỉ tiêu dời ngày", &p, 1, &a);
	struct plan_item_target_in in = {
	    .indicator = "members", .min = "2500", .max = "3500", .by_date = "2025-12-31"};
	assert_int_equal(plan_item_target_save(&sys, &p, a, &in, &got, &rf), NCT_OK);
	/* the same code, indicator and date as of another day: another place's row */
	char sql[400];
	snprintf(sql, sizeof sql,
	         "INSERT INTO plan_targets (plan, indicator, place_code, place_on, by_date,"
	         " min_value, max_value, unit, above_max_met) VALUES ('81/KH-CT', 'members',"
	         " '%s', '2020-01-01', '2025-12-31', 7, NULL, 'count', 1)",
	         got.place_code);
	assert_int_equal(db_run(db_prepare(t.db, sql)), NCT_OK);
	static const char rows[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '81/KH-CT'";
	static const char other[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '81/KH-CT'"
	                            " AND place_on = '2020-01-01' AND min_value = 7";
	assert_int_equal(int_of(rows), 2);
	in.by_date = "2026-06-30";
	assert_int_equal(plan_item_target_save(&sys, &p, a, &in, &got, &rf), NCT_OK);
	assert_int_equal(int_of(other), 1);
	assert_int_equal(int_of(rows), 2);
	/* the plan's date edited: its target's row takes the new day, and moving the
	 * target again leaves no row on the old date behind */
	struct plan_header_in later = {.date = "2024-04-01"};
	assert_int_equal(plan_update(&sys, &p, &later, &rf), NCT_OK);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_targets WHERE plan = '81/KH-CT'"
	                        " AND place_on = '2024-04-01' AND by_date = '2026-06-30'"),
	                 1);
	in.by_date = "2026-09-30";
	assert_int_equal(plan_item_target_save(&sys, &p, a, &in, &got, &rf), NCT_OK);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_targets WHERE plan = '81/KH-CT'"
	                        " AND by_date = '2026-06-30'"),
	                 0);
	assert_int_equal(int_of(other), 1);
	assert_int_equal(int_of(rows), 2);
}

/* Plan 327's targets are Kon Tum's (62), read as of the plan's day: moved past
 * 1 July 2025, when Kon Tum became part of Quảng Ngãi, they would show nowhere.
 * The new date is refused, naming the place, and the targets stay. */
static void test_a_plans_date_past_the_end_of_its_targets_place_is_refused(void **state)
{
	(void)state;
	struct plan p;
	struct refusal rf = {0};
	static const char rows[] = "SELECT COUNT(*) FROM plan_targets WHERE plan = '327/KH-UBND'"
	                           " AND place_code = '62' AND place_on = ?";
	char was[DATE_LEN];
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	plan_place_on(p.date, was);
	int64_t had = 0;
	assert_int_equal(db_int(DB_PREPARE(t.db, rows, DB_T(was)), &had), NCT_OK);
	assert_true(had > 0);
	struct plan_header_in after = {.date = "2025-08-01"};
	assert_int_equal(plan_update(&sys, &p, &after, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TARGET_PLACE_GONE);
	assert_string_equal(rf.field, "date");
	assert_string_equal(rf.arg[0].v, "Tỉnh Kon Tum");
	int64_t now = 0;
	assert_int_equal(db_int(DB_PREPARE(t.db, rows, DB_T(was)), &now), NCT_OK);
	assert_int_equal(now, had);
	struct plan q;
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &q), NCT_OK);
	assert_string_equal(q.date, p.date);
}

static void test_a_plans_legal_basis_is_added_changed_and_removed_by_its_office_only(void **state)
{
	(void)state;
	struct ctx office, commune;
	struct plan p;
	struct plan_basis *v = NULL;
	size_t n = 0, had = 0;
	int pos = 0;
	struct refusal rf = {0};
	struct plan_basis_in in = {.relation = "implements",
	                           .kind = "Kế hoạch",
	                           .number = "",
	                           .date = "2023-02-30",
	                           .issuer = "",
	                           .title = "",
	                           .as_written = "Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh"};
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	assert_int_equal(plan_bases(&sys, p.id, &v, &had), NCT_OK);
	free(v);
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_basis'");
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	assert_int_equal(plan_basis_save(&commune, &p, 0, &in, &pos, &rf), NCT_ERR_DENIED);
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "text_date");
	in.date = "";
	in.relation = "quoted";
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_ERR_INVALID);
	assert_string_equal(rf.field, "relation");
	in.relation = "implements";
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_OK);
	assert_int_equal(pos, (int)had + 1);
	in.number = "12/KH-UBND";
	assert_int_equal(plan_basis_save(&office, &p, pos, &in, &pos, &rf), NCT_OK);
	assert_int_equal(plan_bases(&sys, p.id, &v, &n), NCT_OK);
	assert_int_equal(n, had + 1);
	assert_string_equal(v[n - 1].number, "12/KH-UBND");
	assert_string_equal(v[n - 1].relation, "implements");
	free(v);
	assert_int_equal(plan_basis_remove(&commune, &p, pos, &rf), NCT_ERR_DENIED);
	assert_int_equal(plan_basis_remove(&office, &p, pos + 1, &rf), NCT_ERR_NOTFOUND);
	assert_int_equal(rf.code, RF_BASIS_UNKNOWN);
	assert_int_equal(plan_basis_remove(&office, &p, pos, &rf), NCT_OK);
	assert_int_equal(plan_bases(&sys, p.id, &v, &n), NCT_OK);
	free(v);
	assert_int_equal(n, had);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan_basis'"),
	                 audits + 3);
}

/* A create's row has no before, a removal's no after; an edit's before is what the
 * create wrote. */
static void
test_a_basis_added_edited_and_removed_leaves_audit_rows_with_before_and_after(void **state)
{
	(void)state;
	struct ctx office;
	struct plan p;
	struct refusal rf = {0};
	int pos = 0;
	struct plan_basis_in in = {.relation = "implements",
	                           .kind = "Kế hoạch",
	                           .number = "7/KH-UBND",
	                           .date = "",
	                           .issuer = "",
	                           .title = "",
	                           .as_written = "Căn cứ Kế hoạch số 7"};
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_OK);
	in.number = "8/KH-UBND";
	assert_int_equal(plan_basis_save(&office, &p, pos, &in, &pos, &rf), NCT_OK);
	assert_int_equal(plan_basis_remove(&office, &p, pos, &rf), NCT_OK);
	struct audit_filter f = {.entity = "plan_basis", .limit = 3};
	struct audit_row *v = NULL;
	size_t n = 0;
	assert_int_equal(audit_list(&sys, &f, &v, &n), NCT_OK);
	assert_int_equal(n, 3); /* newest first: delete, update, create */
	assert_string_equal(v[0].action, "delete");
	assert_string_equal(v[1].action, "update");
	assert_string_equal(v[2].action, "create");
	assert_null(v[2].old_value);
	assert_non_null(strstr(v[2].new_value, "\"7/KH-UBND\""));
	assert_string_equal(v[1].old_value, v[2].new_value);
	assert_non_null(strstr(v[1].new_value, "\"8/KH-UBND\""));
	assert_string_equal(v[0].old_value, v[1].new_value);
	assert_null(v[0].new_value);
	audit_rows_free(v, n);
}

/* The cap is on the bases a plan has: a removed one leaves a gap in the
 * positions, and a new one may be added after the last even past 100. */
static void test_a_plan_holds_a_hundred_legal_bases_counted_not_numbered(void **state)
{
	(void)state;
	struct ctx office;
	struct plan p;
	struct plan_basis *v = NULL;
	size_t n = 0;
	int pos = 0, first = 0;
	struct refusal rf = {0};
	struct plan_basis_in in = {.relation = "basis",
	                           .kind = "Nghị định",
	                           .number = "",
	                           .date = "",
	                           .issuer = "",
	                           .title = "",
	                           .as_written = "Căn cứ Nghị định"};
	assert_int_equal(plan_get(&sys, "327/KH-UBND", &p), NCT_OK);
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	assert_int_equal(plan_bases(&sys, p.id, &v, &n), NCT_OK);
	free(v);
	for (size_t i = n; i < PLAN_BASES_MAX; i++) {
		assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_OK);
		if (!first)
			first = pos;
	}
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TOO_MANY);
	assert_int_equal(plan_basis_remove(&office, &p, first, &rf), NCT_OK);
	assert_int_equal(plan_basis_save(&office, &p, 0, &in, &pos, &rf), NCT_OK);
	assert_int_equal(pos, PLAN_BASES_MAX + 1);
	assert_int_equal(plan_bases(&sys, p.id, &v, &n), NCT_OK);
	assert_int_equal(n, PLAN_BASES_MAX);
	assert_int_equal(v[n - 1].position, PLAN_BASES_MAX + 1);
	free(v);
	for (int k = PLAN_BASES_MAX + 1; k > first; k--) /* as the plan was */
		assert_int_equal(plan_basis_remove(&office, &p, k, &rf), NCT_OK);
}

static void test_a_province_officer_changes_an_items_lead_and_a_commune_user_may_not(void **state)
{
	(void)state;
	struct plan p;
	struct plan_item *it, got;
	size_t n;
	struct ctx prov, commune;
	struct refusal rf = {0};
	int64_t id;
	assert_int_equal(plan_get(&sys, "327-kh-ubnd", &p), NCT_OK);
	assert_int_equal(plan_items(&sys, p.id, SECTION_AREA, &it, &n), NCT_OK);
	int64_t item = 0;
	for (size_t i = 0; i < n && !item; i++)
		if (it[i].nlead == 0)
			item = it[i].id; /* one the plan names no lead for */
	free(it);
	assert_true(item > 0);
	user_of(&prov, ROLE_PROVINCE, NULL, "51");
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	struct plan_item_in in = {.text = "Nhân rộng mô hình", .lead = {"KT-HNCT"}, .nlead = 1};
	assert_int_equal(plan_item_save(&commune, &p, item, &in, &id, &rf), NCT_ERR_DENIED);
	in.lead[0] = "NO-SUCH";
	assert_int_equal(plan_item_save(&prov, &p, item, &in, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_ORG);
	assert_string_equal(rf.field, "lead");
	assert_int_equal(plan_item_save(&prov, &p, 999999, &in, &id, &rf), NCT_ERR_NOTFOUND);
	assert_int_equal(rf.code, RF_ITEM_UNKNOWN);
	in.lead[0] = "KT-HNCT";
	in.deadline = "2025-12-31";
	assert_int_equal(plan_item_save(&prov, &p, item, &in, &id, &rf), NCT_OK);
	assert_int_equal(plan_item_get(&sys, p.id, item, &got), NCT_OK);
	assert_string_equal(got.text, "Nhân rộng mô hình");
	assert_int_equal(got.nlead, 1);
	assert_string_equal(got.lead[0], "KT-HNCT");
	assert_string_equal(got.deadline, "2025-12-31");
	struct plan_item_in add = {.section = "IV.9", .text = "Việc mới"};
	assert_int_equal(plan_item_save(&prov, &p, 0, &add, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_SECTION_UNKNOWN);
	add.section = "IV.1";
	assert_int_equal(plan_item_save(&prov, &p, 0, &add, &id, &rf), NCT_OK);
	assert_int_equal(plan_item_get(&sys, p.id, id, &got), NCT_OK);
	assert_int_equal(got.n, 3); /* after the area's two */
	/* the exported file says the lead was entered, not the document's */
	json_t *doc;
	assert_int_equal(plan_export(&sys, "327-kh-ubnd", &doc), NCT_OK);
	char *text = json_dumps(doc, 0);
	json_decref(doc);
	assert_non_null(strstr(text, "\"lead_basis\": \"entered\""));
	free(text);
}

/* ------------------------------------------------------------- obligations */

static void test_before_5_june_is_due_on_5_june_and_the_window_is_decree_09s(void **state)
{
	(void)state;
	struct obligation ob;
	struct ob_period p;
	char d[DATE_LEN];
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2024S1", &p, NULL), NCT_OK);
	date_format(p.due_before, d);
	assert_string_equal(d, "2024-06-05");
	date_format(p.from, d);
	assert_string_equal(d, "2023-12-15");
	date_format(p.to, d);
	assert_string_equal(d, "2024-06-14");
	date_format(p.on, d);
	assert_string_equal(d, "2024-06-04");
}

static void test_the_window_read_with_the_obligation_is_the_one_its_rule_gives(void **state)
{
	(void)state;
	struct obligation *obs;
	size_t n, checked = 0;
	assert_int_equal(obligation_list(&sys, 0, &obs, &n), NCT_OK);
	for (size_t i = 0; i < n; i++) {
		struct ob_period *v;
		size_t np;
		assert_int_equal(obligation_periods(&sys, &obs[i], &v, &np), NCT_OK);
		for (size_t k = 0; k < np; k++) {
			struct obligation ob;
			struct ob_period p;
			assert_int_equal(obligation_get_for(&sys, obs[i].id, v[k].period, &ob),
			                 NCT_OK);
			assert_int_equal(obligation_period(&sys, &ob, v[k].period, &p, NULL),
			                 NCT_OK);
			assert_int_equal(p.has_window, v[k].has_window);
			assert_int_equal(date_cmp(p.from, v[k].from), 0);
			assert_int_equal(date_cmp(p.to, v[k].to), 0);
			assert_int_equal(date_cmp(p.due_before, v[k].due_before), 0);
			checked += v[k].has_window;
		}
		free(v);
	}
	free(obs);
	assert_true(checked > 10);
	/* a period of the other kind reads no rule, and is refused as before */
	struct obligation ob;
	struct ob_period p;
	struct refusal rf = {0};
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_get_for(&sys, ob.id, "2024", &ob), NCT_OK);
	assert_int_equal(obligation_period(&sys, &ob, "2024", &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PERIOD_NOT_OWED);
	assert_int_equal(obligation_get_for(&sys, ob.id, "2024S2", &ob), NCT_OK);
	assert_string_equal(ob.rule_period, "");
}

static void test_a_period_the_obligation_does_not_owe_is_refused(void **state)
{
	(void)state;
	struct obligation ob;
	struct ob_period p;
	struct refusal rf = {0};
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2024", &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PERIOD_NOT_OWED);
	assert_int_equal(obligation_period(&sys, &ob, "2025S1", &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PERIOD_NOT_OWED);
	assert_int_equal(obligation_period(&sys, &ob, "2024S2", &p, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PERIOD_FORMAT);
}

static void test_plan_327_owes_five_six_month_reports_from_2021_to_2025(void **state)
{
	(void)state;
	struct obligation ob;
	struct ob_period *v;
	size_t n;
	obligation_of("327-kh-ubnd", "R1", "KT-HNCT", &ob);
	assert_int_equal(obligation_periods(&sys, &ob, &v, &n), NCT_OK);
	assert_int_equal(n, 5);
	assert_string_equal(v[0].period, "2021S1");
	assert_string_equal(v[4].period, "2025S1");
	free(v);
}

static void test_a_due_day_early_in_the_year_falls_in_the_year_after(void **state)
{
	(void)state;
	struct date d;
	struct period y = {2023, PERIOD_YEAR}, h = {2024, PERIOD_HALF};
	assert_int_equal(obligation_due("01-24", &y, &d), NCT_OK);
	assert_int_equal(date_cmp(d, (struct date){2024, 1, 24}), 0);
	assert_int_equal(obligation_due("12-15", &y, &d), NCT_OK);
	assert_int_equal(date_cmp(d, (struct date){2023, 12, 15}), 0);
	assert_int_equal(obligation_due("07-10", &h, &d), NCT_OK);
	assert_int_equal(date_cmp(d, (struct date){2024, 7, 10}), 0);
	assert_int_equal(obligation_due("02-29", &h, &d), NCT_ERR_INVALID);
	assert_int_equal(obligation_due("2024-02-29", &h, &d), NCT_OK);
}

static void test_an_own_window_that_wraps_starts_in_the_year_before(void **state)
{
	(void)state;
	struct date a, b;
	struct period y = {2024, PERIOD_YEAR};
	assert_int_equal(obligation_window_own("10-01/09-30", &y, &a, &b), NCT_OK);
	assert_int_equal(date_cmp(a, (struct date){2023, 10, 1}), 0);
	assert_int_equal(date_cmp(b, (struct date){2024, 9, 30}), 0);
	assert_int_equal(obligation_window_own("10-01-09-30", &y, &a, &b), NCT_ERR_INVALID);
}

static void test_a_report_at_2330_on_4_june_is_on_time_and_at_midnight_one_day_late(void **state)
{
	(void)state;
	time_t at;
	struct date due = {2024, 6, 5};
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(time_parse("2024-06-04T23:30:00+07:00", &at), NCT_OK);
	assert_int_equal(report_days_late(due, at), 0);
	assert_int_equal(time_parse("2024-06-04T23:59:59+07:00", &at), NCT_OK);
	assert_int_equal(report_days_late(due, at), 0);
	assert_int_equal(time_parse("2024-06-04T17:00:00Z", &at), NCT_OK); /* 00:00 on 5 June */
	assert_int_equal(report_days_late(due, at), 1);
	assert_int_equal(time_parse("2024-06-10T08:00:00+07:00", &at), NCT_OK);
	assert_int_equal(report_days_late(due, at), 6);
}

static void test_after_the_reform_the_reports_go_to_quang_ngais_health_department(void **state)
{
	(void)state;
	struct obligation ob;
	struct ob_period p;
	struct org o;
	obligation_of("327-kh-ubnd", "R2", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2024", &p, NULL), NCT_OK);
	assert_int_equal(obligation_receiver(&sys, &ob, &p, &o), NCT_OK);
	assert_string_equal(o.code, "KT-SLDTBXH");
	obligation_of("327-kh-ubnd", "R1", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2025S1", &p, NULL), NCT_OK);
	assert_int_equal(obligation_receiver(&sys, &ob, &p, &o), NCT_OK);
	assert_string_equal(o.code,
	                    "KT-SYT"); /* split on 1 March 2025: the plan duties to Health */
	obligation_of("327-kh-ubnd", "R2", "KT-SLDTBXH", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2025", &p, NULL), NCT_OK);
	assert_int_equal(obligation_receiver(&sys, &ob, &p, &o), NCT_OK);
	assert_string_equal(o.code, "QN-SYT");
}

static void test_after_the_districts_end_their_communes_report_in_their_place(void **state)
{
	(void)state;
	struct obligation ob;
	struct ob_period p;
	struct reporter *r;
	size_t n, places = 0, districts = 0, ended = 0;
	obligation_of("327-kh-ubnd", "R2", "KT-HNCT", &ob);
	assert_int_equal(obligation_period(&sys, &ob, "2024", &p, NULL), NCT_OK);
	assert_int_equal(obligation_reporters(&sys, &ob, &p, &r, &n), NCT_OK);
	for (size_t i = 0; i < n; i++)
		districts += strncmp(r[i].code, "KT-UBND-", 8) == 0;
	assert_int_equal(districts, 10);
	assert_int_equal(n, 17);
	free(r);
	assert_int_equal(obligation_period(&sys, &ob, "2025", &p, NULL), NCT_OK);
	assert_int_equal(obligation_reporters(&sys, &ob, &p, &r, &n), NCT_OK);
	for (size_t i = 0; i < n; i++) {
		places += r[i].kind == 'p' && !r[i].ended;
		ended += r[i].ended;
		assert_false(strncmp(r[i].code, "KT-UBND-", 8) == 0 && !r[i].ended);
	}
	assert_true(places > 10); /* the communes formed from Kon Tum's districts */
	assert_true(ended > 0);   /* the Kon Tum departments ended without a named successor */
	free(r);
}

/* ------------------------------------------------------------- submissions */

static void test_a_late_paper_report_is_returned_resubmitted_and_accepted(void **state)
{
	(void)state;
	struct obligation ob;
	struct ctx culture, office, health;
	struct submission s;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	user_of(&culture, ROLE_DEPARTMENT, "KT-SVHTTDL", NULL);
	user_of(&office, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	user_of(&health, ROLE_DEPARTMENT, "KT-SYT", NULL);
	/* another department may not make Culture's draft */
	assert_int_equal(submission_create(&health, ob.id, "2024S1", "KT-SVHTTDL", &id, &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(submission_create(&culture, ob.id, "2024S1", "KT-SVHTTDL", &id, &rf),
	                 NCT_OK);
	assert_int_equal(submission_create(&culture, ob.id, "2024S1", "KT-SVHTTDL", &id, &rf),
	                 NCT_ERR_CONFLICT);
	/* the reporter may not record a paper report: only the receiving office */
	assert_int_equal(submission_submit(&culture, id, "2024-06-07T09:00:00+07:00", &rf),
	                 NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_RECEIVER_ONLY);
	/* nor one received before its period's figures start (backdated to look on time) */
	assert_int_equal(submission_submit(&office, id, "1900-01-01T00:00:00+07:00", &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_RECEIVED_BEFORE_PERIOD);
	assert_string_equal(rf.field, "received_at");
	assert_int_equal(submission_get(&culture, id, &s), NCT_OK);
	assert_string_equal(s.status, "draft");
	assert_int_equal(submission_submit(&office, id, "2024-06-07T09:00:00+07:00", &rf), NCT_OK);
	assert_int_equal(submission_get(&culture, id, &s), NCT_OK);
	assert_string_equal(s.status, "submitted");
	assert_int_equal(s.days_late, 3);
	assert_true(s.paper);
	/* locked once submitted */
	assert_int_equal(submission_submit(&culture, id, NULL, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_SUBMISSION_LOCKED);
	assert_int_equal(submission_return(&office, id, "", &rf), NCT_ERR_INVALID);
	assert_int_equal(submission_return(&culture, id, "Thiếu số liệu", &rf), NCT_ERR_DENIED);
	assert_int_equal(submission_return(&office, id, "Thiếu số liệu", &rf), NCT_OK);
	assert_int_equal(submission_submit(&culture, id, NULL, &rf), NCT_OK);
	assert_int_equal(submission_accept(&office, id, &rf), NCT_OK);
	assert_int_equal(submission_get(&office, id, &s), NCT_OK);
	assert_string_equal(s.status, "accepted");
	assert_int_equal(s.days_late, 3); /* judged at the first submission */
	assert_string_equal(s.comment, "Thiếu số liệu");
	struct submission_step *st;
	size_t n;
	assert_int_equal(submission_steps(&office, id, &st, &n), NCT_OK);
	assert_int_equal(n, 5);
	assert_string_equal(st[0].step, "created");
	assert_string_equal(st[2].step, "returned");
	assert_string_equal(st[4].step, "accepted");
	free(st);
	char sql[128];
	snprintf(sql, sizeof sql,
	         "SELECT COUNT(*) FROM audit WHERE entity = 'submission' AND entity_id = '%lld'",
	         (long long)id);
	assert_int_equal(int_of(sql), 5);
}

static void test_a_paper_report_dated_in_the_future_leaves_no_draft_behind(void **state)
{
	(void)state;
	struct obligation ob;
	struct ctx office;
	struct submission s;
	struct refusal rf = {0};
	int64_t id = 0;
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	user_of(&office, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	int64_t subs = int_of("SELECT COUNT(*) FROM submissions");
	assert_int_equal(submission_paper(&office, ob.id, "2024S1", "KT-BHXH",
	                                  "2999-01-01T08:00:00+07:00", &id, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_DATE_IN_FUTURE);
	assert_int_equal(submission_paper(&office, ob.id, "2024S1", "KT-BHXH", "4 June", &id, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_TIME_FORMAT);
	assert_int_equal(int_of("SELECT COUNT(*) FROM submissions"), subs);
	assert_int_equal(
	    submission_paper(&office, ob.id, "2024S1", "KT-BHXH", "2024-06-04T16:59", &id, &rf),
	    NCT_OK);
	assert_int_equal(submission_get(&office, id, &s), NCT_OK);
	assert_string_equal(s.status, "submitted");
	assert_true(s.paper);
	assert_int_equal(s.days_late, 0);
}

static void test_completeness_counts_on_time_late_and_missing(void **state)
{
	(void)state;
	struct obligation ob;
	struct ctx office, info;
	struct completeness c;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	user_of(&office, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	user_of(&info, ROLE_DEPARTMENT, "KT-STTTT", NULL);
	assert_int_equal(submission_create(&office, ob.id, "2024S1", "KT-STTTT", &id, &rf), NCT_OK);
	assert_int_equal(submission_submit(&office, id, "2024-06-04 23:30", &rf), NCT_OK);
	assert_int_equal(completeness_of(&office, ob.id, "2024S1", &c, &rf), NCT_OK);
	assert_int_equal(c.expected, 14);
	assert_int_equal(c.submitted, 2); /* with Culture's, late, of the test before */
	assert_int_equal(c.on_time, 1);
	assert_int_equal(c.late, 1);
	assert_int_equal(c.missing, 12);
	assert_int_equal(c.permille, 142);
	completeness_free(&c);
}

static void test_a_commune_user_sees_no_departments_report_and_changes_nothing(void **state)
{
	(void)state;
	struct ctx commune, office;
	struct obligation ob;
	struct submission s;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("kh-2024-ban-nct-kon-tum", "R1", "KT-SLDTBXH", &ob);
	user_of(&office, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	assert_int_equal(submission_create(&office, ob.id, "2024S1", "KT-STC", &id, &rf), NCT_OK);
	int64_t steps = int_of("SELECT COUNT(*) FROM submission_steps");
	assert_int_equal(submission_get(&commune, id, &s), NCT_ERR_NOTFOUND);
	assert_int_equal(submission_submit(&commune, id, NULL, &rf), NCT_ERR_NOTFOUND);
	assert_int_equal(submission_accept(&commune, id, &rf), NCT_ERR_NOTFOUND);
	assert_int_equal(submission_return(&commune, id, "x", &rf), NCT_ERR_NOTFOUND);
	assert_int_equal(int_of("SELECT COUNT(*) FROM submission_steps"), steps);
}

static void test_a_departments_inbox_shows_what_it_owes_and_what_is_overdue(void **state)
{
	(void)state;
	struct ctx finance, office;
	struct inbox_row *owed;
	struct submission *review;
	size_t no, nr;
	user_of(&finance, ROLE_DEPARTMENT, "KT-STC", NULL);
	assert_int_equal(inbox_of(&finance, (struct date){2024, 12, 1}, &owed, &no, &review, &nr),
	                 NCT_OK);
	bool draft = false, overdue_2024 = false;
	for (size_t i = 0; i < no; i++) {
		if (strcmp(owed[i].plan_slug, "kh-2024-ban-nct-kon-tum") == 0 &&
		    strcmp(owed[i].line, "R1") == 0)
			draft = strcmp(owed[i].status, "draft") == 0 && owed[i].overdue;
		if (strcmp(owed[i].line, "R2") == 0 && strcmp(owed[i].period, "2024") == 0 &&
		    strcmp(owed[i].plan_slug, "kh-2024-ban-nct-kon-tum") == 0)
			overdue_2024 = owed[i].overdue; /* due before 15 November */
	}
	assert_true(draft);
	assert_true(overdue_2024);
	assert_int_equal(nr, 0);
	free(owed);
	free(review);
	user_of(&office, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	assert_int_equal(inbox_of(&office, (struct date){2024, 12, 1}, &owed, &no, &review, &nr),
	                 NCT_OK);
	assert_int_equal(nr, 1); /* Information's report, submitted, awaits its review */
	assert_string_equal(review[0].reporter_code, "KT-STTTT");
	free(owed);
	free(review);
}

/* ------------------------------------------------------------- inside a report */

static const struct submission_value *value_of(const struct submission_value *v, size_t n,
                                               const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].def.code, code) == 0)
			return &v[i];
	fail_msg("no value %s", code);
	return NULL;
}

static void test_a_district_committees_draft_is_prefilled_with_its_clubs_figures(void **state)
{
	(void)state;
	struct obligation ob;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("327-kh-ubnd", "R1", "KT-HNCT", &ob);
	assert_int_equal(submission_create(&sys, ob.id, "2024S1", "KT-UBND-608", &id, &rf), NCT_OK);
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	assert_int_equal(submission_content(&sys, id, &items, &ni, &v, &nv), NCT_OK);
	assert_int_equal(nv, IND_COUNT);
	/* the same figures the programme page gives for the district and window */
	struct ob_period p;
	assert_int_equal(obligation_period(&sys, &ob, "2024S1", &p, &rf), NCT_OK);
	struct indicator_query q = {.plan = "327/KH-UBND", .place = "608"};
	text_copy(q.window.scheme, sizeof q.window.scheme, "decree09");
	q.window.from = p.from;
	q.window.to = p.to;
	struct indicator_report *rep = calloc(1, sizeof *rep);
	assert_non_null(rep);
	assert_int_equal(indicators_clubs(&sys, &q, rep), NCT_OK);
	const struct submission_value *clubs = value_of(v, nv, "clubs_new_since_2021");
	assert_true(clubs->has_computed);
	assert_true(clubs->has_value);
	assert_int_equal(clubs->computed, rep->ind[IND_CLUBS_NEW].value);
	assert_int_equal(clubs->value, clubs->computed);
	const struct submission_value *members = value_of(v, nv, "members");
	assert_int_equal(members->computed, rep->ind[IND_MEMBERS_NEW].value);
	free(rep);
	free(items);
	free(v);
}

static void test_a_department_reports_progress_on_the_items_it_leads_and_no_other(void **state)
{
	(void)state;
	struct obligation ob;
	struct ctx culture;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("kh-2024-ban-nct-kon-tum", "R2", "KT-SLDTBXH", &ob);
	user_of(&culture, ROLE_DEPARTMENT, "KT-SVHTTDL", NULL);
	assert_int_equal(submission_create(&culture, ob.id, "2024", "KT-SVHTTDL", &id, &rf),
	                 NCT_OK);
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	assert_int_equal(submission_content(&culture, id, &items, &ni, &v, &nv), NCT_OK);
	assert_true(ni > 0);
	assert_int_equal(nv, 0); /* a department owns no indicator of the clubs */
	for (size_t i = 0; i < ni; i++) {
		bool led = false;
		for (size_t k = 0; k < items[i].item.nlead; k++)
			led = led || strcmp(items[i].item.lead[k], "KT-SVHTTDL") == 0;
		assert_true(led);
		assert_string_equal(items[i].status, "not_started");
	}
	int64_t mine = items[0].item.id;
	free(items);
	free(v);
	/* an item Culture does not lead, in the same save as one it leads: nothing written */
	int64_t other = int_of("SELECT MIN(i.id) FROM plan_items i WHERE NOT EXISTS (SELECT 1 FROM"
	                       " plan_item_units u WHERE u.item_id = i.id"
	                       " AND u.org_code = 'KT-SVHTTDL')");
	char sql[160]; /* statements are cached by their text's address: one buffer, one query */
	struct item_in in[2] = {{mine, "in_progress", "Đã tổ chức 3 lớp tập huấn"},
	                        {other, "done", "Xong"}};
	assert_int_equal(submission_save(&culture, id, in, 2, NULL, 0, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_ITEM_NOT_LED);
	assert_string_equal(rf.field, "item");
	snprintf(sql, sizeof sql,
	         "SELECT COUNT(*) FROM submission_items WHERE submission_id = %lld", (long long)id);
	assert_int_equal(int_of(sql), 0);
	struct item_in bad = {mine, "finished", ""};
	assert_int_equal(submission_save(&culture, id, &bad, 1, NULL, 0, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_ONE_OF);
	assert_int_equal(submission_save(&culture, id, in, 1, NULL, 0, &rf), NCT_OK);
	assert_int_equal(int_of(sql), 1);
	assert_int_equal(submission_content(&culture, id, &items, &ni, &v, &nv), NCT_OK);
	assert_string_equal(items[0].status, "in_progress");
	assert_string_equal(items[0].progress, "Đã tổ chức 3 lớp tập huấn");
	free(items);
	free(v);
	/* submitted: locked, nothing more is written */
	assert_int_equal(submission_submit(&culture, id, NULL, &rf), NCT_OK);
	struct item_in later = {mine, "done", "Hoàn thành"};
	assert_int_equal(submission_save(&culture, id, &later, 1, NULL, 0, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_SUBMISSION_LOCKED);
	assert_int_equal(submission_content(&culture, id, &items, &ni, &v, &nv), NCT_OK);
	assert_string_equal(items[0].status, "in_progress");
	free(items);
	free(v);
}

static void test_a_value_not_a_number_or_more_older_members_than_members_is_refused(void **state)
{
	(void)state;
	struct obligation ob;
	struct refusal rf = {0};
	int64_t id;
	obligation_of("327-kh-ubnd", "R1", "KT-HNCT", &ob);
	assert_int_equal(submission_create(&sys, ob.id, "2024S1", "KT-UBND-610", &id, &rf), NCT_OK);
	struct value_in bad[2] = {{"members", "120"}, {"older_members", "12a"}};
	assert_int_equal(submission_save(&sys, id, NULL, 0, bad, 2, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_A_NUMBER);
	assert_string_equal(rf.field, "value");
	struct value_in other = {"people_with_cards", "3"};
	assert_int_equal(submission_save(&sys, id, NULL, 0, &other, 1, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_INDICATOR_NOT_OWNED);
	struct value_in share = {"share_with_loans", "1200"};
	assert_int_equal(submission_save(&sys, id, NULL, 0, &share, 1, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_FIGURE_RANGE); /* number_range, its bounds 0 and 1.000 ‰ */
	assert_string_equal(rf.arg[1].v, "1000");
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	assert_int_equal(submission_content(&sys, id, &items, &ni, &v, &nv), NCT_OK);
	int64_t members_before = value_of(v, nv, "members")->value;
	assert_int_equal(value_of(v, nv, "members")->computed,
	                 members_before); /* nothing written */
	free(items);
	free(v);
	/* more older members than members: kept as a draft, refused on submit */
	struct value_in over[2] = {{"members", "0"}, {"older_members", "1"}};
	assert_int_equal(submission_save(&sys, id, NULL, 0, over, 2, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, id, NULL, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_VALUE_RULE);
	struct submission s;
	assert_int_equal(submission_get(&sys, id, &s), NCT_OK);
	assert_string_equal(s.status, "draft");
	assert_int_equal(submission_content(&sys, id, &items, &ni, &v, &nv), NCT_OK);
	assert_int_equal(value_of(v, nv, "members")->value, 0);
	assert_int_equal(value_of(v, nv, "members")->computed, members_before);
	free(items);
	free(v);
	struct value_in fixed = {"older_members", "0"};
	assert_int_equal(submission_save(&sys, id, NULL, 0, &fixed, 1, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, id, NULL, &rf), NCT_OK);
}

static void
test_figures_roll_up_province_district_in_2024_and_province_commune_in_2025(void **state)
{
	(void)state;
	struct obligation ob;
	struct refusal rf = {0};
	int64_t a, b;
	obligation_of("327-kh-ubnd", "R1", "KT-SLDTBXH", &ob);
	assert_int_equal(submission_create(&sys, ob.id, "2023S1", "KT-UBND-608", &a, &rf), NCT_OK);
	assert_int_equal(submission_create(&sys, ob.id, "2023S1", "KT-UBND-611", &b, &rf), NCT_OK);
	struct value_in va = {"clubs_new_since_2021", "4"}, vb = {"clubs_new_since_2021", "7"};
	assert_int_equal(submission_save(&sys, a, NULL, 0, &va, 1, &rf), NCT_OK);
	assert_int_equal(submission_save(&sys, b, NULL, 0, &vb, 1, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, a, NULL, &rf), NCT_OK);
	struct rollup r;
	assert_int_equal(rollup_of(&sys, ob.id, "2023S1", NULL, &r, &rf), NCT_OK);
	assert_string_equal(r.whole.place.code, "62"); /* Kon Tum, then districts */
	assert_int_equal(r.whole.reported, 1);         /* 611's is a draft: not counted */
	assert_int_equal(r.whole.value[IND_CLUBS_NEW], 4);
	assert_true(r.nrows >= 2);
	bool seen608 = false;
	for (size_t i = 0; i < r.nrows; i++) {
		assert_int_equal(r.rows[i].place.level, 2);
		if (strcmp(r.rows[i].place.code, "608") == 0) {
			seen608 = true;
			assert_int_equal(r.rows[i].submission_id, a);
			assert_int_equal(r.rows[i].value[IND_CLUBS_NEW], 4);
		}
	}
	assert_true(seen608);
	assert_true(r.ind[IND_CLUBS_NEW].has_target); /* Plan 327's target for the province */
	rollup_free(&r);
	assert_int_equal(submission_submit(&sys, b, NULL, &rf), NCT_OK);
	assert_int_equal(rollup_of(&sys, ob.id, "2023S1", "62", &r, &rf), NCT_OK);
	assert_int_equal(r.whole.value[IND_CLUBS_NEW], 11);
	rollup_free(&r);
	/* a district opens to itself: its own report */
	assert_int_equal(rollup_of(&sys, ob.id, "2023S1", "611", &r, &rf), NCT_OK);
	assert_int_equal(r.whole.submission_id, b);
	assert_int_equal(r.nrows, 0);
	rollup_free(&r);
	/* 2025's year report is owed by the communes of Quảng Ngãi: province -> commune */
	struct obligation y;
	obligation_of("327-kh-ubnd", "R2", "KT-HNCT", &y);
	int64_t c;
	assert_int_equal(submission_create(&sys, y.id, "2025", "23500", &c, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, c, NULL, &rf), NCT_OK);
	assert_int_equal(rollup_of(&sys, y.id, "2025", NULL, &r, &rf), NCT_OK);
	assert_string_equal(r.whole.place.code, "51");
	assert_int_equal(r.whole.reported, 1);
	bool commune = false;
	for (size_t i = 0; i < r.nrows; i++) {
		assert_int_equal(r.rows[i].place.level, 3);
		commune = commune || (strcmp(r.rows[i].place.code, "23500") == 0 &&
		                      r.rows[i].submission_id == c);
	}
	assert_true(commune);
	rollup_free(&r);
}

static void
test_the_compiled_report_carries_each_lead_units_progress_for_the_office_only(void **state)
{
	(void)state;
	struct compiled_report r;
	struct refusal rf = {0};
	/* Culture's 2024 report, submitted in an earlier test with one item in progress */
	assert_int_equal(
	    report_compile(&sys, "kh-2024-ban-nct-kon-tum", "2024", "KT-SLDTBXH", &r, &rf), NCT_OK);
	assert_string_equal(r.receiver.code, "KT-SLDTBXH");
	assert_true(r.nsections == 6);
	bool found = false;
	for (size_t i = 0; i < r.nentries; i++)
		found = found || (strcmp(r.entries[i].unit_code, "KT-SVHTTDL") == 0 &&
		                  strcmp(r.entries[i].progress, "Đã tổ chức 3 lớp tập huấn") == 0);
	assert_true(found);
	assert_true(r.comp.submitted >= 1);
	report_free(&r);
	struct ctx culture;
	user_of(&culture, ROLE_DEPARTMENT, "KT-SVHTTDL", NULL);
	assert_int_equal(
	    report_compile(&culture, "kh-2024-ban-nct-kon-tum", "2024", "KT-SLDTBXH", &r, &rf),
	    NCT_ERR_DENIED);
	assert_int_equal(report_compile(&sys, "kh-2024-ban-nct-kon-tum", "2019", NULL, &r, &rf),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_PERIOD_NOT_OWED);
}

/* ------------------------------------------------------------- editing plans */

/* A province officer may give a plan only an issuer whose plans it could edit:
 * a body the plan's file names but the store does not hold is not one. */
static void test_a_province_officer_cannot_give_a_plan_an_issuer_it_could_not_edit(void **state)
{
	(void)state;
	struct plan p;
	struct ctx office;
	struct refusal rf = {0};
	assert_int_equal(plan_get(&sys, "327-kh-ubnd", &p), NCT_OK);
	user_of(&office, ROLE_PROVINCE, NULL, "51");
	assert_int_equal(access_plan(&office, &p), NCT_OK);
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'");
	struct plan_header_in named = {.issuer = "VN-TWHNCT"}; /* in the plan's organisations */
	assert_int_equal(plan_update(&office, &p, &named, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_DENIED);
	struct plan_header_in nobody = {.issuer = "NO-SUCH"};
	assert_int_equal(plan_update(&office, &p, &nobody, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_ORG);
	assert_string_equal(rf.field, "issuer");
	assert_int_equal(plan_get(&sys, "327-kh-ubnd", &p), NCT_OK);
	assert_string_equal(p.issuer, "KT-UBND");
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'"), audits);
	/* an administrator may, as before */
	assert_int_equal(plan_update(&sys, &p, &named, &rf), NCT_OK);
	assert_string_equal(p.issuer, "VN-TWHNCT");
	struct plan_header_in back = {.issuer = "KT-UBND"};
	assert_int_equal(plan_update(&sys, &p, &back, &rf), NCT_OK);
	assert_string_equal(p.issuer, "KT-UBND");
}

static void test_the_issuing_office_edits_the_header_and_the_targets_follow_a_new_code(void **state)
{
	(void)state;
	struct plan p;
	struct ctx office, viewer, commune;
	struct refusal rf = {0};
	assert_int_equal(plan_get(&sys, "327-kh-ubnd", &p), NCT_OK);
	user_of(&office, ROLE_DEPARTMENT, "KT-UBND", NULL);
	user_of(&viewer, ROLE_VIEWER, "KT-UBND", NULL);
	user_of(&commune, ROLE_COMMUNE, NULL, "23500");
	int64_t targets = int_of("SELECT COUNT(*) FROM plan_targets WHERE plan = '327/KH-UBND'");
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'");
	assert_true(targets > 0);
	struct plan before = p;
	json_t *doc;
	assert_int_equal(plan_export(&sys, "327-kh-ubnd", &doc), NCT_OK);
	char *want = plan_file_text(doc);
	json_decref(doc);
	struct plan_header_in in = {.code = "327A/KH-UBND", .title = "Kế hoạch đã sửa"};
	assert_int_equal(plan_update(&viewer, &p, &in, &rf), NCT_ERR_DENIED);
	assert_int_equal(plan_update(&commune, &p, &in, &rf), NCT_ERR_DENIED);
	struct plan_header_in late = {.effective_to = "2020-01-01"};
	assert_int_equal(plan_update(&office, &p, &late, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_AFTER);
	assert_string_equal(rf.field, "effective_to");
	struct plan_header_in nobody = {.issuer = "NO-SUCH"};
	assert_int_equal(plan_update(&office, &p, &nobody, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NO_ORG);
	assert_string_equal(rf.field, "issuer");
	struct plan_header_in bad_date = {.date = "2021-13-01"};
	assert_int_equal(plan_update(&office, &p, &bad_date, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_DATE_FORMAT);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'"), audits);
	assert_int_equal(plan_update(&office, &p, &in, &rf), NCT_OK);
	assert_string_equal(p.code, "327A/KH-UBND");
	assert_string_equal(p.title, "Kế hoạch đã sửa");
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_targets WHERE plan = '327A/KH-UBND'"),
	                 targets);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'plan'"), audits + 1);
	struct plan other;
	assert_int_equal(plan_get(&sys, "kh-2024-ban-nct-kon-tum", &other), NCT_OK);
	struct plan_header_in same = {.code = "327A/KH-UBND"};
	assert_int_equal(plan_update(&sys, &other, &same, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	/* back as it was: the file comes back as it was before the change */
	struct plan_header_in back = {.code = "327/KH-UBND", .title = before.title};
	assert_int_equal(plan_update(&office, &p, &back, &rf), NCT_OK);
	assert_int_equal(plan_export(&sys, "327-kh-ubnd", &doc), NCT_OK);
	char *got = plan_file_text(doc);
	json_decref(doc);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* The id of KT-SVHTTDL's 2024 report on the 2024 plan (an earlier test's). */
static int64_t cultures_2024_report(void)
{
	return int_of("SELECT s.id FROM submissions s JOIN orgs o ON o.id = s.reporter_id"
	              " WHERE s.reporter_kind = 'org' AND o.code = 'KT-SVHTTDL'"
	              " AND s.period = '2024'");
}

static void
test_an_item_a_report_carries_is_retired_never_deleted_and_kept_in_that_report(void **state)
{
	(void)state;
	struct plan p;
	struct ctx office;
	struct refusal rf = {0};
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	int64_t id;
	assert_int_equal(plan_get(&sys, "kh-2024-ban-nct-kon-tum", &p), NCT_OK);
	user_of(&office, ROLE_DEPARTMENT, "KT-BCTNCT", NULL); /* the plan's issuer */
	int64_t report = cultures_2024_report();
	assert_int_equal(submission_content(&sys, report, &items, &ni, &v, &nv), NCT_OK);
	assert_true(ni >= 2);
	int64_t carried = 0, other = 0; /* one with progress in the report, one without */
	for (size_t i = 0; i < ni; i++) {
		if (items[i].progress[0] && !carried)
			carried = items[i].item.id;
		else if (!items[i].progress[0] && !other)
			other = items[i].item.id;
	}
	free(items);
	free(v);
	assert_true(carried && other);
	int64_t rows = int_of("SELECT COUNT(*) FROM plan_items");
	assert_int_equal(plan_item_retire(&office, &p, carried, "2023-12-01", &rf), NCT_OK);
	assert_int_equal(plan_item_retire(&office, &p, other, "2023-12-01", &rf), NCT_OK);
	assert_int_equal(int_of("SELECT COUNT(*) FROM plan_items"), rows); /* nothing deleted */
	assert_int_equal(plan_item_retire(&office, &p, other, NULL, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_ITEM_RETIRED);
	struct plan_item_in edit = {.text = "Sửa lại"};
	assert_int_equal(plan_item_save(&office, &p, other, &edit, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_ITEM_RETIRED);
	/* the report that carries one keeps it; the other, retired before 2024 began, is gone */
	assert_int_equal(submission_content(&sys, report, &items, &ni, &v, &nv), NCT_OK);
	bool has_carried = false, has_other = false;
	for (size_t i = 0; i < ni; i++) {
		has_carried = has_carried || items[i].item.id == carried;
		has_other = has_other || items[i].item.id == other;
	}
	free(items);
	free(v);
	assert_true(has_carried);
	assert_false(has_other);
	struct plan_item got;
	assert_int_equal(plan_item_get(&sys, p.id, other, &got), NCT_OK);
	assert_string_equal(got.retired, "2023-12-01");
	/* the exported file carries the day, and an area's retirement retires its items */
	json_t *doc;
	assert_int_equal(plan_export(&sys, "kh-2024-ban-nct-kon-tum", &doc), NCT_OK);
	char *text = json_dumps(doc, 0);
	json_decref(doc);
	assert_non_null(strstr(text, "\"retired_on\": \"2023-12-01\""));
	free(text);
}

static void test_an_area_is_added_edited_and_retired_with_its_items(void **state)
{
	(void)state;
	struct plan p;
	struct ctx office, culture;
	struct refusal rf = {0};
	int64_t id;
	assert_int_equal(plan_get(&sys, "kh-2024-ban-nct-kon-tum", &p), NCT_OK);
	user_of(&office, ROLE_DEPARTMENT, "KT-BCTNCT", NULL);
	user_of(&culture, ROLE_DEPARTMENT, "KT-SVHTTDL", NULL);
	struct plan_area_in in = {.code = "II.7", .heading = "Chuyển đổi số"};
	assert_int_equal(plan_area_save(&culture, &p, NULL, &in, &rf), NCT_ERR_DENIED);
	struct plan_area_in taken = {.code = "II.1", .heading = "Trùng"};
	assert_int_equal(plan_area_save(&office, &p, NULL, &taken, &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_TAKEN);
	assert_string_equal(rf.field, "code");
	struct plan_area_in slash = {.code = "II/7", .heading = "Sai mã"};
	assert_int_equal(plan_area_save(&office, &p, NULL, &slash, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_CODE_FORMAT);
	assert_int_equal(plan_area_save(&office, &p, NULL, &in, &rf), NCT_OK);
	struct plan_area_in heading = {.heading = "Chuyển đổi số trong công tác người cao tuổi"};
	assert_int_equal(plan_area_save(&office, &p, "II.7", &heading, &rf), NCT_OK);
	struct plan_item_in item = {.section = "II.7",
	                            .text = "Số hóa danh sách người cao tuổi",
	                            .lead = {"KT-SVHTTDL"},
	                            .nlead = 1};
	assert_int_equal(plan_item_save(&office, &p, 0, &item, &id, &rf), NCT_OK);
	struct plan_item got;
	assert_int_equal(plan_item_get(&sys, p.id, id, &got), NCT_OK);
	assert_string_equal(got.section_code, "II.7");
	assert_int_equal(got.n, 1);
	assert_int_equal(plan_area_retire(&office, &p, "II.7", "2025-01-01", &rf), NCT_OK);
	assert_int_equal(plan_item_get(&sys, p.id, id, &got), NCT_OK);
	assert_string_equal(got.retired, "2025-01-01");
	assert_int_equal(plan_item_save(&office, &p, 0, &item, &id, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_ITEM_RETIRED);
	assert_string_equal(rf.field, "section");
	struct plan_section *s;
	size_t n;
	assert_int_equal(plan_sections(&sys, p.id, SECTION_AREA, &s, &n), NCT_OK);
	assert_int_equal(n, 7);
	assert_string_equal(s[6].heading, "Chuyển đổi số trong công tác người cao tuổi");
	assert_string_equal(s[6].retired, "2025-01-01");
	free(s);
}

static void test_a_provinces_share_weighs_each_commune_by_its_size_not_the_mean(void **state)
{
	(void)state;
	struct obligation y;
	struct completeness c;
	struct refusal rf = {0};
	obligation_of("327-kh-ubnd", "R2", "KT-HNCT", &y);
	assert_int_equal(completeness_of(&sys, y.id, "2025", &c, &rf), NCT_OK);
	const char *small = NULL, *large = NULL; /* two communes without a report yet */
	char codes[2][ORG_CODE_LEN];
	for (size_t i = 0; i < c.nrows && !large; i++) {
		if (c.rows[i].r.kind != 'p' || c.rows[i].submission_id)
			continue;
		text_copy(codes[small ? 1 : 0], ORG_CODE_LEN, c.rows[i].r.code);
		if (!small)
			small = codes[0];
		else
			large = codes[1];
	}
	completeness_free(&c);
	assert_non_null(large);
	int64_t a, b;
	assert_int_equal(submission_create(&sys, y.id, "2025", small, &a, &rf), NCT_OK);
	assert_int_equal(submission_create(&sys, y.id, "2025", large, &b, &rf), NCT_OK);
	/* 1 member of 10 with a loan in the small commune, 900 of 1,000 in the large one */
	struct value_in va = {"share_with_loans", "1/10"};
	struct value_in vb = {"share_with_loans", "900 / 1000"};
	assert_int_equal(submission_save(&sys, a, NULL, 0, &va, 1, &rf), NCT_OK);
	assert_int_equal(submission_save(&sys, b, NULL, 0, &vb, 1, &rf), NCT_OK);
	struct value_in over = {"share_with_loans", "11/10"};
	assert_int_equal(submission_save(&sys, a, NULL, 0, &over, 1, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_FIGURE_RANGE);
	assert_string_equal(rf.arg[1].v, "10");
	struct submission_item *items;
	struct submission_value *v;
	size_t ni, nv;
	assert_int_equal(submission_content(&sys, a, &items, &ni, &v, &nv), NCT_OK);
	assert_int_equal(value_of(v, nv, "share_with_loans")->value, 100);
	assert_true(value_of(v, nv, "share_with_loans")->has_fraction);
	assert_int_equal(value_of(v, nv, "share_with_loans")->denominator, 10);
	free(items);
	free(v);
	/* a share typed in per mille keeps the commune's known size */
	struct value_in permille = {"share_with_loans", "300"};
	assert_int_equal(submission_save(&sys, a, NULL, 0, &permille, 1, &rf), NCT_OK);
	assert_int_equal(submission_content(&sys, a, &items, &ni, &v, &nv), NCT_OK);
	assert_int_equal(value_of(v, nv, "share_with_loans")->numerator, 3);
	assert_int_equal(value_of(v, nv, "share_with_loans")->denominator, 10);
	free(items);
	free(v);
	assert_int_equal(submission_save(&sys, a, NULL, 0, &va, 1, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, a, NULL, &rf), NCT_OK);
	assert_int_equal(submission_submit(&sys, b, NULL, &rf), NCT_OK);
	/* each commune opens to itself: its own share */
	struct rollup r;
	assert_int_equal(rollup_of(&sys, y.id, "2025", small, &r, &rf), NCT_OK);
	assert_int_equal(r.whole.value[IND_SHARE_MEMBERS_LOANS], 100);
	rollup_free(&r);
	/* the province: the two alone (23500's report has its own computed size, or none) */
	int64_t before_num = 0, before_den = 0;
	assert_int_equal(rollup_of(&sys, y.id, "2025", NULL, &r, &rf), NCT_OK);
	for (size_t i = 0; i < r.nrows; i++)
		if (strcmp(r.rows[i].place.code, small) != 0 &&
		    strcmp(r.rows[i].place.code, large) != 0 &&
		    r.rows[i].has[IND_SHARE_MEMBERS_LOANS]) {
			before_num += r.rows[i].num[IND_SHARE_MEMBERS_LOANS];
			before_den += r.rows[i].den[IND_SHARE_MEMBERS_LOANS];
		}
	assert_true(r.whole.weighted[IND_SHARE_MEMBERS_LOANS]);
	assert_int_equal(r.whole.num[IND_SHARE_MEMBERS_LOANS], before_num + 901);
	assert_int_equal(r.whole.den[IND_SHARE_MEMBERS_LOANS], before_den + 1010);
	int64_t num = before_num + 901, den = before_den + 1010;
	assert_int_equal(r.whole.value[IND_SHARE_MEMBERS_LOANS], (num * 1000 + den / 2) / den);
	if (before_den == 0) /* 892 per mille, where the mean of the two would be 500 */
		assert_int_equal(r.whole.value[IND_SHARE_MEMBERS_LOANS], 892);
	rollup_free(&r);
}

/* DOMAIN.md: an obligation or figure of a body that ended passes to its
 * successor; so.yte of the demo is bound to Kon Tum's Department of Health. */
static void test_a_user_of_a_body_that_ended_sees_what_its_successor_sees(void **state)
{
	(void)state;
	struct org own, acting, ldtbxh;
	struct ctx health, labour;
	assert_int_equal(org_get(&sys, "KT-SYT", &own), NCT_OK);
	assert_int_equal(org_get(&sys, "KT-SLDTBXH", &ldtbxh), NCT_OK);
	struct user who = {.role = ROLE_VIEWER, .org_id = own.id, .place_id = own.place_id};
	snprintf(who.username, sizeof who.username, "test.so.yte");
	ctx_system(&health, t.db, "test");
	assert_int_equal(ctx_bind_user(&health, &who), NCT_OK);
	assert_int_equal(org_by_id(&sys, health.acting_org_id, &acting), NCT_OK);
	assert_string_equal(acting.code, "QN-SYT");
	assert_int_equal(health.org_id, own.id);
	assert_int_equal(health.place_id, acting.place_id);
	struct org *v;
	size_t n;
	bool successor = false;
	assert_int_equal(org_list(&health, date_today_vn(), NULL, &v, &n), NCT_OK);
	for (size_t i = 0; i < n; i++)
		successor = successor || strcmp(v[i].code, "QN-SYT") == 0;
	free(v);
	assert_true(successor);
	/* on a day the body was in force it acts for itself; Labour's part went to
	 * Health on 1 March 2025 (the plan duties), and then on to Quảng Ngãi's */
	struct date in_force = {2025, 5, 1};
	assert_int_equal(org_acting(&sys, own.id, in_force, &own, &acting), NCT_OK);
	assert_string_equal(acting.code, "KT-SYT");
	assert_int_equal(org_acting(&sys, ldtbxh.id, in_force, &ldtbxh, &acting), NCT_OK);
	assert_string_equal(acting.code, "KT-SYT");
	user_of(&labour, ROLE_DEPARTMENT, "KT-SLDTBXH", NULL);
	assert_int_equal(org_by_id(&sys, labour.acting_org_id, &acting), NCT_OK);
	assert_string_equal(acting.code, "QN-SYT");
}

static void
test_a_user_of_a_body_still_in_force_or_ended_without_successor_acts_for_it(void **state)
{
	(void)state;
	struct ctx culture, quang_ngai;
	struct org a;
	/* Culture ended on 30 June 2025 with no successor in the demo */
	user_of(&culture, ROLE_DEPARTMENT, "KT-SVHTTDL", NULL);
	assert_int_equal(culture.acting_org_id, 0);
	assert_int_equal(org_get(&sys, "QN-SYT", &a), NCT_OK);
	user_of(&quang_ngai, ROLE_DEPARTMENT, "QN-SYT", NULL);
	assert_int_equal(quang_ngai.acting_org_id, 0);
	assert_int_equal(quang_ngai.org_id, a.id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_plan_exports_back_to_its_file_byte_for_byte),
	    cmocka_unit_test(test_the_2024_plan_has_its_six_areas_with_every_bullet_and_lead),
	    cmocka_unit_test(test_plan_327_is_found_by_its_code_and_has_three_items_without_lead),
	    cmocka_unit_test(test_a_plan_imported_twice_is_refused_and_nothing_is_written),
	    cmocka_unit_test(test_a_plan_file_whose_legal_bases_would_not_fit_is_refused),
	    cmocka_unit_test(test_a_plan_file_with_a_wrong_field_is_refused_with_where),
	    cmocka_unit_test(test_a_plan_file_with_two_targets_on_one_key_is_refused_whole),
	    cmocka_unit_test(test_only_an_administrator_imports_a_plan),
	    cmocka_unit_test(
	        test_a_plans_legal_basis_is_added_changed_and_removed_by_its_office_only),
	    cmocka_unit_test(
	        test_a_basis_added_edited_and_removed_leaves_audit_rows_with_before_and_after),
	    cmocka_unit_test(test_a_plan_holds_a_hundred_legal_bases_counted_not_numbered),
	    cmocka_unit_test(
	        test_an_administrator_makes_a_plan_from_its_header_alone_and_no_one_else),
	    cmocka_unit_test(test_the_province_office_makes_and_edits_a_plan_of_its_province_only),
	    cmocka_unit_test(test_a_cited_legal_basis_stays_cited_when_edited),
	    cmocka_unit_test(test_an_items_indicator_and_target_are_set_and_kept_in_the_plans_file),
	    cmocka_unit_test(test_a_targets_words_follow_its_figures_and_stay_while_they_do),
	    cmocka_unit_test(test_a_target_never_changes_or_deletes_another_targets_figures),
	    cmocka_unit_test(test_moving_a_target_deletes_its_own_row_not_one_of_another_day),
	    cmocka_unit_test(test_a_plans_date_past_the_end_of_its_targets_place_is_refused),
	    cmocka_unit_test(
	        test_a_province_officer_changes_an_items_lead_and_a_commune_user_may_not),
	    cmocka_unit_test(test_before_5_june_is_due_on_5_june_and_the_window_is_decree_09s),
	    cmocka_unit_test(test_the_window_read_with_the_obligation_is_the_one_its_rule_gives),
	    cmocka_unit_test(test_a_period_the_obligation_does_not_owe_is_refused),
	    cmocka_unit_test(test_plan_327_owes_five_six_month_reports_from_2021_to_2025),
	    cmocka_unit_test(test_a_due_day_early_in_the_year_falls_in_the_year_after),
	    cmocka_unit_test(test_an_own_window_that_wraps_starts_in_the_year_before),
	    cmocka_unit_test(
	        test_a_report_at_2330_on_4_june_is_on_time_and_at_midnight_one_day_late),
	    cmocka_unit_test(test_after_the_reform_the_reports_go_to_quang_ngais_health_department),
	    cmocka_unit_test(test_after_the_districts_end_their_communes_report_in_their_place),
	    cmocka_unit_test(test_a_late_paper_report_is_returned_resubmitted_and_accepted),
	    cmocka_unit_test(test_completeness_counts_on_time_late_and_missing),
	    cmocka_unit_test(test_a_commune_user_sees_no_departments_report_and_changes_nothing),
	    cmocka_unit_test(test_a_departments_inbox_shows_what_it_owes_and_what_is_overdue),
	    cmocka_unit_test(test_a_paper_report_dated_in_the_future_leaves_no_draft_behind),
	    cmocka_unit_test(test_a_district_committees_draft_is_prefilled_with_its_clubs_figures),
	    cmocka_unit_test(test_a_department_reports_progress_on_the_items_it_leads_and_no_other),
	    cmocka_unit_test(
	        test_a_value_not_a_number_or_more_older_members_than_members_is_refused),
	    cmocka_unit_test(
	        test_figures_roll_up_province_district_in_2024_and_province_commune_in_2025),
	    cmocka_unit_test(
	        test_the_compiled_report_carries_each_lead_units_progress_for_the_office_only),
	    cmocka_unit_test(
	        test_a_province_officer_cannot_give_a_plan_an_issuer_it_could_not_edit),
	    cmocka_unit_test(
	        test_the_issuing_office_edits_the_header_and_the_targets_follow_a_new_code),
	    cmocka_unit_test(
	        test_an_item_a_report_carries_is_retired_never_deleted_and_kept_in_that_report),
	    cmocka_unit_test(test_an_area_is_added_edited_and_retired_with_its_items),
	    cmocka_unit_test(test_a_provinces_share_weighs_each_commune_by_its_size_not_the_mean),
	    cmocka_unit_test(test_a_user_of_a_body_that_ended_sees_what_its_successor_sees),
	    cmocka_unit_test(
	        test_a_user_of_a_body_still_in_force_or_ended_without_successor_acts_for_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

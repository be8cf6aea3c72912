/* test_person.c - the register's person record in the store: citizen IDs
 * checked as data/citizen-id-examples.csv says, births as people write them,
 * names derived and sorted in Vietnamese collation, search by any word of the
 * folded name, dated facts, corrections audited, and access: a commune user
 * sees and changes only the persons of its commune, and a refusal names
 * nobody it may not see. */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "domain/citizen_id.h"
#include "domain/ethnic.h"
#include "domain/person.h"
#include "domain/person_fact.h"
#include "domain/person_name.h"
#include "domain/register.h"
#include "seed/place_load.h"
#include "seed/register_load.h"
#include "store/db.h"
#include "testctx.h"
#include "testdb.h"

#define OWN   "23500" /* Xã Đăk Hà (2025) */
#define OTHER "21181" /* Xã Thọ Phong (2025): elsewhere in the province */
#define FAR   "00004" /* Phường Ba Đình (2025): another province */

static struct testdb t;
static struct ctx x; /* the system, as the command line acts */
static struct refusal rf;
static char msg[256];
static struct place own, other;

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	struct register_load_report reg;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	if (place_load_reference(&x, &rep, msg, sizeof msg) ||
	    register_load_reference(&x, &reg, msg, sizeof msg))
		return -1;
	if (place_get(&x, OWN, date_today_vn(), &own) ||
	    place_get(&x, OTHER, date_today_vn(), &other))
		return -1;
	return reg.ethnic_groups == 54 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static int64_t add(struct ctx *c, const char *name, const char *sex, const char *birth,
                   const char *place, const char *cid)
{
	struct person_new p = {
	    .full_name = name, .sex = sex, .birth = birth, .place_code = place, .citizen_id = cid};
	int64_t id = 0;
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_create(c, &p, &id, &rf), NCT_OK);
	return id;
}

static nct_err try_add(struct ctx *c, const char *name, const char *sex, const char *birth,
                       const char *place, const char *cid)
{
	struct person_new p = {
	    .full_name = name, .sex = sex, .birth = birth, .place_code = place, .citizen_id = cid};
	int64_t id = 0;
	memset(&rf, 0, sizeof rf);
	return person_create(c, &p, &id, &rf);
}

static int64_t count(const char *sql, int64_t id)
{
	int64_t n = -1;
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_int(st, 1, id);
	assert_int_equal(db_int(st, &n), NCT_OK);
	return n;
}

/* ---- citizen IDs -------------------------------------------------------------- */

static int cid_code(const char *field)
{
	static const struct {
		const char *field;
		int code;
	} m[] = {{"length", RF_CID_LENGTH},   {"digits", RF_CID_DIGITS},
	         {"prefix", RF_CID_PREFIX},   {"sex", RF_CID_SEX},
	         {"century", RF_CID_CENTURY}, {"birth_year", RF_CID_BIRTH_YEAR}};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (strcmp(m[i].field, field) == 0)
			return m[i].code;
	fail_msg("no refusal for the field %s", field);
	return -1;
}

static void test_every_citizen_id_example_is_accepted_or_refused_as_the_table_says(void **state)
{
	(void)state;
	char path[512], line[512];
	const char *dir = getenv("NCT_DATA_DIR");
	snprintf(path, sizeof path, "%s/citizen-id-examples.csv", dir ? dir : "data");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int cases = 0;
	assert_non_null(fgets(line, sizeof line, f)); /* the header */
	while (fgets(line, sizeof line, f)) {
		char *col[6] = {line}, *p = line;
		for (int i = 1; i < 6 && (p = strchr(p, ',')); i++) {
			*p++ = '\0';
			col[i] = p;
		}
		struct birth b;
		assert_int_equal(birth_parse(col[2], &b), NCT_OK);
		bool warn = false;
		memset(&rf, 0, sizeof rf);
		nct_err e = citizen_id_verify(&x, col[0], col[1][0], b.year, &warn, &rf);
		if (strcmp(col[3], "valid") == 0) {
			assert_int_equal(e, NCT_OK);
			assert_false(warn);
		} else if (strcmp(col[3], "warn") == 0) {
			assert_int_equal(e, NCT_OK);
			assert_true(warn);
		} else {
			if (e != NCT_ERR_INVALID || rf.code != cid_code(col[4]))
				fail_msg("%s (%s): got error %d, refusal %s", col[0], col[5], e,
				         refusal_reason(rf.code));
			assert_string_equal(rf.field, "citizen_id");
		}
		cases++;
	}
	fclose(f);
	assert_int_equal(cases, 17);
}

static void test_a_person_whose_citizen_id_contradicts_the_birth_year_is_not_written(void **state)
{
	(void)state;
	assert_int_equal(try_add(&x, "Hồ Văn Sai Năm", "M", "1952", OWN, "062053999912"),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_CID_BIRTH_YEAR);
	assert_int_equal(count("SELECT COUNT(*) FROM persons WHERE citizen_id = '062053999912'"
	                       " AND id > ?",
	                       0),
	                 0);
}

/* ---- births ----------------------------------------------------------------- */

static void test_a_birth_is_accepted_as_people_write_it(void **state)
{
	(void)state;
	struct person p;
	char b[DATE_LEN];
	static const struct {
		const char *typed, *stored;
	} cases[] = {{"15/03/1950", "1950-03-15"},
	             {"5/3/1950", "1950-03-05"},
	             {"03/1950", "1950-03"},
	             {"1950", "1950"},
	             {"1950-03-15", "1950-03-15"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t id = add(&x, "Phan Văn Sinh", "M", cases[i].typed, OWN, NULL);
		assert_int_equal(person_get(&x, id, &p), NCT_OK);
		birth_format(p.birth, b);
		assert_string_equal(b, cases[i].stored);
	}
}

static void test_a_birth_before_1900_in_the_future_or_impossible_is_refused(void **state)
{
	(void)state;
	assert_int_equal(try_add(&x, "Phan Văn Cổ", "M", "1899", OWN, NULL), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_BIRTH_TOO_EARLY);
	assert_string_equal(rf.field, "birth");
	assert_int_equal(try_add(&x, "Phan Văn Mai", "M", "2999", OWN, NULL), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_BIRTH_IN_FUTURE);
	assert_int_equal(try_add(&x, "Phan Văn Mai", "M", "31/02/1950", OWN, NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_BIRTH_FORMAT);
	assert_int_equal(try_add(&x, "Phan Văn Mai", "M", "tháng ba 1950", OWN, NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_BIRTH_FORMAT);
}

/* ---- names, collation, search --------------------------------------------- */

static void test_a_name_is_split_into_family_middle_and_given(void **state)
{
	(void)state;
	struct person_name n;
	person_name_split("Nguyễn Thị Bé", &n);
	assert_string_equal(n.family, "Nguyễn");
	assert_string_equal(n.middle, "Thị");
	assert_string_equal(n.given, "Bé");
	person_name_split("  Bé  ", &n);
	assert_string_equal(n.family, "");
	assert_string_equal(n.given, "Bé");
}

static void key(const char *s, char *out, size_t cap)
{
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(collate_key(s, &b), NCT_OK);
	snprintf(out, cap, "%s", buf_str(&b));
	buf_free(&b);
}

static void test_vietnamese_collation_puts_d_before_dd_and_a_before_aw_before_aa(void **state)
{
	(void)state;
	static const char *const ordered[] = {"Anh", "Ánh", "Ăn", "Ân", "Bình", "Dung",
	                                      "Đào", "Ê",   "Ô",  "Ơn", "Ư",    "Yến"};
	char a[512], b[512];
	for (size_t i = 0; i + 1 < sizeof ordered / sizeof ordered[0]; i++) {
		key(ordered[i], a, sizeof a);
		key(ordered[i + 1], b, sizeof b);
		if (strcmp(a, b) >= 0)
			fail_msg("%s does not sort before %s", ordered[i], ordered[i + 1]);
	}
}

static void test_the_register_sorts_by_given_name_then_family_name(void **state)
{
	(void)state;
	int64_t dang = add(&x, "Đặng Thị Xuyến", "F", "1950", OWN, NULL);
	int64_t duong = add(&x, "Dương Thị Xuyến", "F", "1950", OWN, NULL);
	int64_t an = add(&x, "Vũ Văn Xuân", "M", "1950", OWN, NULL);
	struct register_filter f;
	struct register_page pg;
	register_filter_init(&f);
	f.q = "xu";
	assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
	assert_int_equal(pg.n, 3);
	/* Xuân before Xuyến (â before y); of the two Xuyến, Dương before Đặng */
	assert_int_equal(pg.v[0].id, an);
	assert_int_equal(pg.v[1].id, duong);
	assert_int_equal(pg.v[2].id, dang);
	free(pg.v);
}

static int64_t found(struct ctx *c, const char *q, int64_t want)
{
	struct person *v = NULL;
	size_t n = 0;
	int64_t hit = 0;
	assert_int_equal(person_search(c, q, 100, &v, &n), NCT_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].id == want)
			hit = want;
	free(v);
	return hit;
}

static void test_search_finds_a_prefix_of_any_word_without_marks_and_a_citizen_id(void **state)
{
	(void)state;
	int64_t id = add(&x, "Đinh Thị Bé Tìm", "F", "1948", OWN, "062148777701");
	assert_int_equal(found(&x, "dinh thi be", id), id);
	assert_int_equal(found(&x, "thi be t", id), id);
	assert_int_equal(found(&x, "TÌM", id), id);
	assert_int_equal(found(&x, "d", id), id);
	assert_int_equal(found(&x, "0621487777", id), id);
	assert_int_equal(found(&x, "be dinh", id), 0);
}

/* ---- ethnicity --------------------------------------------------------------- */

static void test_an_ethnic_group_is_found_by_its_name_without_marks(void **state)
{
	(void)state;
	struct ethnic_group g;
	assert_int_equal(ethnic_find(&x, "xo dang", &g), NCT_OK);
	assert_string_equal(g.name, "Xơ Đăng");
	assert_int_equal(ethnic_find(&x, "Ba Na", &g), NCT_OK);
	assert_int_equal(ethnic_find(&x, "Klingon", &g), NCT_ERR_NOTFOUND);
}

static void test_a_viewer_may_not_record_an_ethnicity(void **state)
{
	(void)state;
	struct ctx v;
	testctx_user(&v, t.db, ROLE_VIEWER, own.id, 0);
	struct person_new p = {.full_name = "Y Nhạy",
	                       .sex = "F",
	                       .birth = "1950",
	                       .place_code = OWN,
	                       .ethnicity = "Xơ Đăng"};
	int64_t id;
	assert_int_not_equal(person_create(&v, &p, &id, &rf), NCT_OK);
	memset(&rf, 0, sizeof rf);
	struct ctx c;
	testctx_user(&c, t.db, ROLE_COMMUNE, own.id, 0);
	assert_int_equal(person_create(&c, &p, &id, &rf), NCT_OK);
	struct person got;
	struct person_sensitive s;
	assert_int_equal(person_get(&c, id, &got), NCT_OK);
	int64_t before = count("SELECT COUNT(*) FROM audit WHERE action = 'view_sensitive'"
	                       " AND entity_id = CAST(? AS TEXT)",
	                       id);
	assert_int_equal(person_sensitive(&c, &got, date_today_vn(), &s), NCT_OK);
	assert_string_equal(s.ethnicity.name, "Xơ Đăng");
	assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action = 'view_sensitive'"
	                       " AND entity_id = CAST(? AS TEXT)",
	                       id),
	                 before + 1);
	assert_int_equal(person_sensitive(&v, &got, date_today_vn(), &s), NCT_ERR_DENIED);
}

/* ---- dated facts ------------------------------------------------------------- */

static void test_a_fact_holds_from_its_day_and_not_the_day_before(void **state)
{
	(void)state;
	int64_t id = add(&x, "Lò Văn Nghèo", "M", "1950", OWN, NULL), f1, f2;
	struct person p;
	struct person_fact got;
	struct fact_new poor = {"poverty", "poor", "01/01/2024", false, 0, NULL};
	struct fact_new none = {"poverty", "none", "2025-03-15", false, 0, "thoát nghèo"};
	assert_int_equal(person_fact_add(&x, id, &poor, &f1, &rf), NCT_OK);
	assert_int_equal(person_fact_add(&x, id, &none, &f2, &rf), NCT_OK);
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	struct date before = {2025, 3, 14}, on = {2025, 3, 15}, earlier = {2023, 12, 31};
	assert_int_equal(person_fact_on(&x, &p, "poverty", before, &got), NCT_OK);
	assert_string_equal(got.value, "poor");
	assert_int_equal(person_fact_on(&x, &p, "poverty", on, &got), NCT_OK);
	assert_string_equal(got.value, "none");
	assert_int_equal(person_fact_on(&x, &p, "poverty", earlier, &got), NCT_ERR_NOTFOUND);
	/* a record is retracted, never edited: the older value holds again */
	assert_int_equal(person_fact_retract(&x, id, f2, "ghi nhầm", &rf), NCT_OK);
	assert_int_equal(person_fact_on(&x, &p, "poverty", on, &got), NCT_OK);
	assert_string_equal(got.value, "poor");
	assert_int_equal(person_fact_retract(&x, id, f2, "lần nữa", &rf), NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_FACT_RETRACTED);
	assert_int_equal(count("SELECT COUNT(*) FROM person_facts WHERE person_id = ?", id), 3);
}

static void test_a_fact_with_a_value_its_kind_does_not_take_is_refused(void **state)
{
	(void)state;
	int64_t id = add(&x, "Lò Thị Sai", "F", "1950", OWN, NULL), f;
	struct fact_new bad = {"poverty", "rich", "2025-01-01", false, 0, NULL};
	assert_int_equal(person_fact_add(&x, id, &bad, &f, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_NOT_ONE_OF);
	assert_string_equal(rf.field, "value");
	struct fact_new early = {"pension", "yes", "1940-01-01", false, 0, NULL};
	assert_int_equal(person_fact_add(&x, id, &early, &f, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_FACT_BEFORE_BIRTH);
}

static void test_a_move_keeps_the_old_residence_and_the_person_follows_the_new(void **state)
{
	(void)state;
	int64_t id = add(&x, "Lò Văn Chuyển", "M", "1950", OWN, NULL), f;
	struct fact_new move = {"residence", OTHER, "2025-08-01", false, 0, NULL};
	assert_int_equal(person_fact_add(&x, id, &move, &f, &rf), NCT_OK);
	struct person p;
	struct person_fact got;
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	assert_string_equal(p.place_code, OTHER);
	assert_int_equal(person_fact_on(&x, &p, "residence", (struct date){2025, 7, 31}, &got),
	                 NCT_OK);
	assert_string_equal(got.value, OWN);
}

/* ---- two changes at once ---------------------------------------------------- */

/* A second writer on its own connection (another thread of nct serve): a merge
 * of survivor and duplicate, or a retraction of fact, run while the test's
 * own unit holds the first change uncommitted. */
struct racer {
	const char *path;
	int64_t survivor, duplicate, person, fact;
	bool add_fact; /* the racer records a fact of person instead */
	nct_err got;
	struct refusal rf;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct db *db;
	struct ctx y;
	char m[256] = "";
	r->got = NCT_ERR_DB;
	if (db_open(r->path, false, &db, m, sizeof m))
		return NULL;
	ctx_system(&y, db, "racer");
	struct fact_new poor = {"poverty", "poor", "2025-01-01", false, 0, NULL};
	int64_t id = 0;
	r->got = r->add_fact ? person_fact_add(&y, r->person, &poor, &id, &r->rf)
	         : r->fact   ? person_fact_retract(&y, r->person, r->fact, "ghi hai lần", &r->rf)
	                     : person_merge(&y, r->survivor, r->duplicate, &r->rf);
	db_close(db);
	return NULL;
}

/* The first change is written in the test's unit; the second starts on its
 * own connection and waits for the lock (the pause only lets it get there, so
 * that without the lock it would read before the commit); then the first
 * commits. With the checks inside the second's unit it sees the first. */
static void run_beside_a_held_unit(struct racer *r, nct_err (*first)(struct racer *))
{
	pthread_t th;
	assert_int_equal(unit_begin(&x), NCT_OK);
	assert_int_equal(first(r), NCT_OK);
	assert_int_equal(pthread_create(&th, NULL, race, r), 0);
	usleep(300000);
	assert_int_equal(unit_end(&x, NCT_OK), NCT_OK);
	assert_int_equal(pthread_join(th, NULL), 0);
}

static nct_err merge_first(struct racer *r)
{
	return person_merge(&x, r->duplicate, r->survivor, &rf);
}

static void test_two_merges_of_one_pair_at_once_never_merge_a_record_into_itself(void **state)
{
	(void)state;
	int64_t a = add(&x, "Y Gộp Đôi", "F", "1950", OWN, NULL);
	int64_t b = add(&x, "Y Gộp Đôi", "F", "1950", OWN, NULL);
	/* the test's unit merges b into a, the racer a into b */
	struct racer r = {.path = t.path, .survivor = b, .duplicate = a};
	run_beside_a_held_unit(&r, merge_first);
	assert_int_equal(r.got, NCT_ERR_INVALID);
	assert_int_equal(r.rf.code, RF_MERGED);
	struct person pa, pb;
	assert_int_equal(person_get(&x, a, &pa), NCT_OK);
	assert_int_equal(person_get(&x, b, &pb), NCT_OK);
	assert_int_equal(pa.merged_into, 0);
	assert_int_equal(pb.merged_into, a);
}

/* A fact for a record that a merge makes a tombstone while the fact's checks
 * run: refused inside the unit (person_lock_live), never written on the
 * tombstone where no list would ever read it. */
static void test_a_fact_recorded_while_its_person_is_merged_away_is_refused(void **state)
{
	(void)state;
	int64_t a = add(&x, "Y Ghi Lúc Gộp", "F", "1950", OWN, NULL);
	int64_t b = add(&x, "Y Ghi Lúc Gộp", "F", "1950", OWN, NULL);
	/* the test's unit merges b into a; the racer records a fact of b */
	struct racer r = {
	    .path = t.path, .survivor = b, .duplicate = a, .person = b, .add_fact = true};
	run_beside_a_held_unit(&r, merge_first);
	assert_int_equal(r.got, NCT_ERR_INVALID);
	assert_int_equal(r.rf.code, RF_MERGED);
	int64_t n = -1;
	struct db_stmt *st = db_prepare(t.db, "SELECT COUNT(*) FROM person_facts WHERE"
	                                      " person_id IN (?, ?) AND kind = 'poverty'");
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	assert_int_equal(db_int(st, &n), NCT_OK);
	assert_int_equal(n, 0);
}

static nct_err retract_first(struct racer *r)
{
	return person_fact_retract(&x, r->person, r->survivor, "ghi nhầm", &rf);
}

static void test_two_retractions_at_once_never_leave_a_person_without_a_residence(void **state)
{
	(void)state;
	int64_t id = add(&x, "Lò Thị Hai Nơi", "F", "1950", OWN, NULL), moved, first = 0;
	struct fact_new move = {"residence", OTHER, "2025-08-01", false, 0, NULL};
	assert_int_equal(person_fact_add(&x, id, &move, &moved, &rf), NCT_OK);
	struct db_stmt *st = db_prepare(t.db, "SELECT MIN(id) FROM person_facts WHERE"
	                                      " person_id = ? AND kind = 'residence'");
	db_bind_int(st, 1, id);
	assert_int_equal(db_int(st, &first), NCT_OK);
	assert_true(first > 0 && first != moved);
	/* the test's unit retracts the move (survivor: the fact), the racer the first */
	struct racer r = {.path = t.path, .person = id, .survivor = moved, .fact = first};
	run_beside_a_held_unit(&r, retract_first);
	assert_int_equal(r.got, NCT_ERR_INVALID);
	assert_int_equal(r.rf.code, RF_LAST_RESIDENCE);
	struct person p;
	struct person_fact f;
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	assert_int_equal(person_fact_on(&x, &p, "residence", date_today_vn(), &f), NCT_OK);
	assert_string_equal(f.value, OWN);
}

/* ---- corrections and access ------------------------------------------------- */

static void test_a_correction_is_audited_with_the_old_and_new_values(void **state)
{
	(void)state;
	int64_t id = add(&x, "Trần Văn Sửa", "M", "1950", OWN, NULL);
	struct person_edit in = {.full_name = "Trần Văn Sửa Lại", .birth = "12/05/1951"};
	assert_int_equal(person_correct(&x, id, &in, &rf), NCT_OK);
	struct person p;
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	assert_string_equal(p.given_name, "Lại");
	assert_int_equal(p.birth.year, 1951);
	assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action = 'correct' AND entity ="
	                       " 'person' AND entity_id = CAST(? AS TEXT) AND old_value LIKE"
	                       " '%Trần Văn Sửa%' AND new_value LIKE '%1951-05-12%'",
	                       id),
	                 1);
	struct person_edit place = {.place = OTHER};
	assert_int_equal(person_correct(&x, id, &place, &rf), NCT_ERR_INVALID);
	assert_int_equal(rf.code, RF_USE_RESIDENCE_FACT);
}

static void test_a_commune_user_sees_and_changes_only_the_persons_of_its_commune(void **state)
{
	(void)state;
	struct ctx c;
	testctx_user(&c, t.db, ROLE_COMMUNE, own.id, 0);
	int64_t mine = add(&c, "Y Của Xã", "F", "1950", OWN, NULL);
	int64_t theirs = add(&x, "Lê Thị Xã Khác", "F", "1950", OTHER, NULL), f;
	struct person p;
	assert_int_equal(person_get(&c, mine, &p), NCT_OK);
	assert_int_equal(person_get(&c, theirs, &p), NCT_ERR_DENIED);
	assert_string_equal(p.full_name, "");
	assert_int_equal(found(&c, "le thi xa khac", theirs), 0);
	struct person_edit in = {.full_name = "Đổi Tên"};
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_correct(&c, theirs, &in, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.nargs, 0);
	struct fact_new poor = {"poverty", "poor", "2025-01-01", false, 0, NULL};
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_fact_add(&c, theirs, &poor, &f, &rf), NCT_ERR_DENIED);
	assert_int_equal(rf.nargs, 0);
	assert_int_equal(try_add(&c, "Y Ngoài", "F", "1950", OTHER, NULL), NCT_ERR_DENIED);
	assert_int_equal(rf.code, RF_PLACE_OUTSIDE);
	/* nor move its own person out of its commune */
	struct fact_new away = {"residence", OTHER, "2025-08-01", false, 0, NULL};
	assert_int_equal(person_fact_add(&c, mine, &away, &f, &rf), NCT_ERR_DENIED);
	assert_int_equal(count("SELECT COUNT(*) FROM person_facts WHERE person_id = ?", theirs), 1);
	assert_int_equal(person_get(&x, theirs, &p), NCT_OK);
	assert_string_equal(p.full_name, "Lê Thị Xã Khác");
}

static void test_a_possible_duplicate_is_shown_before_saving_and_kept_on_confirmation(void **state)
{
	(void)state;
	add(&x, "Võ Thị Trùng", "F", "1949", OWN, NULL);
	struct person_new again = {
	    .full_name = "vo thi trung", .sex = "nữ", .birth = "03/1949", .place_code = OWN};
	struct person *dups = NULL;
	size_t n = 0;
	int64_t hidden = 0, id = 0;
	assert_int_equal(register_add(&x, &again, false, &id, &dups, &n, &hidden, &rf),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(rf.code, RF_POSSIBLE_DUPLICATES);
	assert_int_equal(n, 1);
	assert_string_equal(dups[0].full_name, "Võ Thị Trùng");
	free(dups);
	dups = NULL;
	assert_int_equal(register_add(&x, &again, true, &id, &dups, &n, &hidden, &rf), NCT_OK);
	assert_true(id > 0);
	free(dups);
}

static void test_ages_filter_on_both_sides_of_a_birthday(void **state)
{
	(void)state;
	int64_t id = add(&x, "Hà Văn Tuổi", "M", "10/06/1955", OWN, NULL);
	struct register_filter f;
	struct register_page pg;
	register_filter_init(&f);
	f.q = "ha van tuoi";
	f.age_from = 70;
	f.on = (struct date){2025, 6, 9};
	assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
	assert_int_equal(pg.total, 0);
	free(pg.v);
	f.on = (struct date){2025, 6, 10};
	assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
	assert_int_equal(pg.total, 1);
	assert_int_equal(pg.v[0].id, id);
	free(pg.v);
}

static void test_a_person_a_bulk_writer_left_bare_is_indexed_and_given_a_residence(void **state)
{
	(void)state;
	static const char sql[] =
	    "INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship, created_at)"
	    " VALUES ('Rơ Châm Số Lượng', 'ro cham so luong', 'F', '1951', ?, 0,"
	    " '2025-01-01T00:00:00+07:00') RETURNING id";
	int64_t id = 0, done = 0;
	struct db_stmt *st = db_prepare(t.db, sql);
	db_bind_int(st, 1, own.id);
	assert_int_equal(db_int(st, &id), NCT_OK);
	assert_int_equal(found(&x, "so luong", id), 0);
	assert_int_equal(person_reindex(&x, &done), NCT_OK);
	assert_true(done >= 1);
	assert_int_equal(found(&x, "so luong", id), id);
	struct person p;
	struct person_fact f;
	assert_int_equal(person_get(&x, id, &p), NCT_OK);
	assert_string_equal(p.given_name, "Lượng");
	assert_int_equal(person_fact_on(&x, &p, "residence", (struct date){1960, 1, 1}, &f),
	                 NCT_OK);
	assert_string_equal(f.value, OWN);
	assert_string_equal(f.from, "");
}

/* What the person's row and keys hold of what indexing derives, one line each. */
static void derived_text(int64_t id, char *out, size_t cap)
{
	struct db_stmt *st = db_prepare(t.db, "SELECT family_name || '|' || middle_name || '|' ||"
	                                      " given_name || '|' || sort_key || '|' || birth_start"
	                                      " FROM persons WHERE id = ?");
	db_bind_int(st, 1, id);
	assert_int_equal(db_text(st, out, cap), NCT_OK);
	size_t n = strlen(out);
	st = db_prepare(t.db, "SELECT key, place_id FROM person_name_keys WHERE person_id = ?"
	                      " ORDER BY key");
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "\n%s %lld", db_col_text(st, 0),
		                      (long long)db_col_int(st, 1));
	db_done(st);
}

/* Bulk writers (nct gen, the demo) leave persons bare, and person_reindex
 * indexes them a batch at a time in a few multi-row statements: what each
 * gets is what person_index derives for it alone (40 people: full
 * statements and a rest, with a citizen ID, one merged, and one that had
 * keys already). */
static void test_reindexing_a_batch_derives_what_indexing_each_person_does(void **state)
{
	(void)state;
	static const char sql[] =
	    "INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship, created_at,"
	    " citizen_id) VALUES (?, 'x', ?, ?, ?, 0, '2025-01-01T00:00:00+07:00', ?) RETURNING id";
	static const char *const names[] = {"Nguyễn Thị Lô Tô", "Ksor H'Blưm", "A Đim",
	                                    "Đinh Văn  Lư", "Y Ngông Niê"};
	static const char *const births[] = {"1950", "1951-03", "1952-06-15", "1949", "1960-12"};
	int64_t ids[40], done = 0;
	for (int i = 0; i < 40; i++) {
		char name[64], cid[16];
		snprintf(name, sizeof name, "%s Lô %d", names[i % 5], i);
		snprintf(cid, sizeof cid, "0621500%05d", i);
		struct db_stmt *st = db_prepare(t.db, sql);
		DB_BINDS(st, DB_T(name), DB_T(i % 2 ? "F" : "M"), DB_T(births[i % 5]), DB_I(own.id),
		         DB_T(i % 3 == 0 ? cid : NULL));
		assert_int_equal(db_int(st, &ids[i]), NCT_OK);
	}
	struct db_stmt *st = db_prepare(t.db, "UPDATE persons SET merged_into = ? WHERE id = ?");
	DB_BINDS(st, DB_I(ids[0]), DB_I(ids[7]));
	assert_int_equal(db_run(st), NCT_OK);
	st = db_prepare(t.db, "INSERT INTO person_name_keys (key, person_id, place_id)"
	                      " VALUES ('stale', ?, ?)");
	DB_BINDS(st, DB_I(ids[9]), DB_I(other.id));
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(person_reindex(&x, &done), NCT_OK);
	assert_true(done >= 40);
	for (int i = 0; i < 40; i++) {
		char batch[8192], alone[8192];
		derived_text(ids[i], batch, sizeof batch);
		assert_int_equal(person_index(&x, ids[i]), NCT_OK);
		derived_text(ids[i], alone, sizeof alone);
		assert_string_equal(batch, alone);
		assert_null(strstr(batch, "stale"));
	}
}

/* The ids of every page of a list (per_page 7) put together, with its total. */
static size_t pages_of(const struct register_filter *base, int64_t *ids, size_t max, int64_t *total,
                       bool *more)
{
	struct register_filter f = *base;
	struct register_page pg;
	size_t n = 0;
	f.limit = 7;
	for (f.offset = 0;; f.offset += f.limit) {
		memset(&rf, 0, sizeof rf);
		assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
		if (f.offset == 0) {
			*total = pg.total;
			*more = pg.more;
		}
		for (size_t i = 0; i < pg.n && n < max; i++)
			ids[n++] = pg.v[i].id;
		free(pg.v);
		if (pg.n < f.limit)
			return n;
	}
}

/* Whichever way a list is found - from the name's keys, from the places'
 * people, or walking the register in its order - its pages put together are
 * the whole list read at once, in the same order; the total is exact unless it
 * says it stopped. A few hundred generated people in two communes. */
static void test_the_pages_of_a_search_put_together_are_the_whole_sorted_list(void **state)
{
	(void)state;
	static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Đặng", "Y", "A"};
	static const char *const given[] = {"Hùng", "Hoa", "Hương", "Đức", "Blong", "Hiang", "Lan"};
	char name[96], birth[8];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "%s %s %s %d", family[i % 6], i % 2 ? "Thị" : "Văn",
		         given[(i * 7 / 6) % 7], i % 41);
		snprintf(birth, sizeof birth, "%d", 1930 + i % 35);
		add(&x, name, i % 2 ? "F" : "M", birth, i % 5 ? OWN : OTHER, NULL);
	}
	static const char *const queries[] = {"", "nguyen", "thi h", "h", "d", "thi b", "1", "zzz"};
	const struct place *places[] = {NULL, &own};
	static const int64_t ways[][2] = {{REGISTER_DRIVE_MAX, REGISTER_COUNT_MAX}, {5, 3}, {0, 0}};
	static int64_t all[2000], paged[2000];
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (size_t k = 0; k < 2; k++) {
			struct register_filter f;
			struct register_page pg;
			register_filter_init(&f);
			f.q = queries[q];
			f.place = places[k];
			f.age_from = q == 2 ? 70 : -1;
			f.limit = 2000;
			register_drive_max = REGISTER_DRIVE_MAX;
			register_count_max = REGISTER_COUNT_MAX;
			memset(&rf, 0, sizeof rf);
			assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
			size_t n = pg.n;
			assert_false(pg.more);
			assert_int_equal(pg.total, (int64_t)n);
			for (size_t i = 0; i < n; i++)
				all[i] = pg.v[i].id;
			free(pg.v);
			assert_true(q == 7 || n > 0);
			for (size_t w = 0; w < 3; w++) {
				int64_t total = -1;
				bool more = false;
				register_drive_max = ways[w][0];
				register_count_max = ways[w][1];
				size_t m = pages_of(&f, paged, 2000, &total, &more);
				assert_int_equal(m, n);
				assert_memory_equal(paged, all, n * sizeof all[0]);
				if (more)
					assert_true(total < (int64_t)n && total >= 7);
				else
					assert_int_equal(total, (int64_t)n);
			}
		}
	register_drive_max = REGISTER_DRIVE_MAX;
	register_count_max = REGISTER_COUNT_MAX;
}

/* The list in plain SQL, the definition the register's pages are checked
 * against: the living records of the place's subtree (or all) with a word of
 * the folded name (or the citizen ID) starting with q, by sort key then id. */
static size_t oracle(const char *q, const struct place *pl, int age_from, int64_t *ids, size_t max)
{
	static const char sql[] =
	    "SELECT p.id FROM persons p JOIN places pl ON pl.id = p.place_id"
	    " WHERE p.merged_into IS NULL AND (p.died_on IS NULL OR p.died_on > ?)"
	    " AND (? = '' OR EXISTS (SELECT 1 FROM person_name_keys k WHERE k.person_id = p.id"
	    " AND k.key LIKE ?)) AND pl.path LIKE ? AND p.birth_start <= ?"
	    " ORDER BY p.sort_key, p.id";
	char today[DATE_LEN], like[128], under[128], born[DATE_LEN];
	struct date on = date_today_vn(), cut = {on.y - age_from, on.m, on.m == 2 ? 28 : on.d};
	date_format(on, today);
	date_format(cut, born); /* aged age_from or more today: born on or before */
	snprintf(like, sizeof like, "%s%%", q);
	snprintf(under, sizeof under, "%s%%", pl ? pl->path : "");
	struct db_stmt *st =
	    DB_PREPARE(t.db, sql, DB_T(today), DB_T(q), DB_T(like), DB_T(under), DB_T(born));
	size_t n = 0;
	while (db_step(st) == DB_ROW)
		if (n < max)
			ids[n++] = db_col_int(st, 0);
	db_done(st);
	return n;
}

/* Pages of 7 asked after the last person of the previous page. */
static size_t pages_after(const struct register_filter *base, int64_t *ids, size_t max)
{
	struct register_filter f = *base;
	struct register_page pg;
	size_t n = 0;
	f.limit = 7;
	f.after = 0;
	do {
		memset(&rf, 0, sizeof rf);
		assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
		for (size_t i = 0; i < pg.n && n < max; i++)
			ids[n++] = pg.v[i].id;
		free(pg.v);
		f.after = pg.next;
	} while (f.after);
	return n;
}

/* Whether the list starts from the name, from the places or walks the
 * register, its pages - by number or after a person - are the list in plain
 * SQL, in its order, people of the same name included, with its total. */
static void test_the_pages_of_a_search_are_the_list_in_plain_sql_ties_included(void **state)
{
	(void)state;
	for (int i = 0; i < 12; i++) /* the same name six times in each commune */
		add(&x, "Phạm Thị Trùng", "F", "1950", i % 2 ? OWN : OTHER, NULL);
	static const char *const queries[] = {"",  "nguyen", "thi h", "h",  "d",
	                                      "1", "trung",  "pham",  "zzz"};
	const struct place *places[] = {NULL, &own};
	static const int64_t ways[][2] = {{REGISTER_DRIVE_MAX, REGISTER_COUNT_MAX}, {5, 3}, {0, 0}};
	static int64_t want[2000], got[2000];
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (size_t k = 0; k < 4; k++) {
			int age = k < 2 ? 0 : 80; /* and with an age filter */
			size_t n = oracle(queries[q], places[k % 2], age, want, 2000);
			assert_true(n < 2000 && (n > 0 || q == 8 || age));
			struct register_filter f;
			register_filter_init(&f);
			f.q = queries[q];
			f.place = places[k % 2];
			f.age_from = age ? age : -1;
			for (size_t w = 0; w < 3; w++) {
				int64_t total = -1;
				bool more = false;
				register_drive_max = ways[w][0];
				register_count_max = ways[w][1];
				assert_int_equal(pages_of(&f, got, 2000, &total, &more), n);
				assert_memory_equal(got, want, n * sizeof want[0]);
				if (!more)
					assert_int_equal(total, (int64_t)n);
				assert_int_equal(pages_after(&f, got, 2000), n);
				assert_memory_equal(got, want, n * sizeof want[0]);
			}
		}
	register_drive_max = REGISTER_DRIVE_MAX;
	register_count_max = REGISTER_COUNT_MAX;
}

/* ---- what the search keys carry ------------------------------------------------ */

/* Keys that do not fit their buffer fail the call whole: nothing counted past
 * what was written is read (the ID's check walks the keys written). */
static void test_keys_that_do_not_fit_fail_without_reading_past_them(void **state)
{
	(void)state;
	struct buf keys;
	size_t n = 0;
	buf_init(&keys, 24);
	assert_int_not_equal(
	    person_name_keys("Nguyễn Thị Thanh Thùy Dương Hạnh", "062150999901", &keys, &n),
	    NCT_OK);
	buf_free(&keys);
}

/* How many characters a key shares with the person's smaller keys: what
 * counting a prefix's keys once per person rests on (the greatest smaller
 * key decides; a character cut in the middle is not shared). */
static void test_a_key_shares_with_the_persons_smaller_keys_whole_characters(void **state)
{
	(void)state;
	static const struct {
		const char *keys; /* NUL-separated, as person_name_keys gives them */
		size_t n;
		const char *key;
		size_t shared;
	} cases[] = {
	    {"nguyen thi thanh\0thi thanh\0thanh", 3, "thi thanh", 2},
	    {"nguyen thi thanh\0thi thanh\0thanh", 3, "thanh", 0},
	    {"nguyen thi thanh\0thi thanh\0thanh", 3, "nguyen thi thanh", 0},
	    {"a blo a blo\0blo a blo\0a blo\0blo", 4, "a blo a blo", 5},
	    {"a blo a blo\0blo a blo\0a blo\0blo", 4, "a blo", 0},
	    {"a blo a blo\0blo a blo\0a blo\0blo", 4, "blo a blo", 3},
	    {"an an\0an", 2, "an an", 2},
	    {"thi\0th\0t", 3, "thi", 2},
	    {"\xd0\xb4\xd0\xb0\0\xd0\xb5", 2, "\xd0\xb5", 0}, /* "да", "е": one byte alike */
	    {"\xd0\xb4\xd0\xb0\0\xd0\xb4\xd0\xb1", 2, "\xd0\xb4\xd0\xb1", 1}, /* "да", "дб" */
	    {"062148777701\0be", 2, "be", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(person_name_key_shared(cases[i].keys, cases[i].n, cases[i].key),
		                 cases[i].shared);
}

/* Every key of id is one person_name_keys derives from its name and ID (none
 * for a merged record), each with what it shares with the smaller ones. */
static void assert_keys_derived(int64_t id)
{
	char name[256] = "", cid[16] = "", merged[24] = "";
	struct db_stmt *st = db_prepare(t.db, "SELECT full_name, COALESCE(citizen_id, ''),"
	                                      " COALESCE(CAST(merged_into AS TEXT), '')"
	                                      " FROM persons WHERE id = ?");
	db_bind_int(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	text_copy(name, sizeof name, db_col_text(st, 0));
	text_copy(cid, sizeof cid, db_col_text(st, 1));
	text_copy(merged, sizeof merged, db_col_text(st, 2));
	db_done(st);
	struct buf keys;
	size_t n = 0, got = 0;
	buf_init(&keys, 8192);
	assert_int_equal(person_name_keys(name, cid, &keys, &n), NCT_OK);
	st = db_prepare(t.db, "SELECT key, shared FROM person_name_keys WHERE person_id = ?");
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW) {
		const char *k = buf_str(&keys), *have = db_col_text(st, 0);
		size_t i = 0;
		while (i < n && strcmp(k, have) != 0)
			k += strlen(k) + 1, i++;
		assert_true(i < n);
		assert_int_equal(db_col_int(st, 1), person_name_key_shared(buf_str(&keys), n, k));
		got++;
	}
	db_done(st);
	assert_int_equal(got, merged[0] ? 0 : n);
	buf_free(&keys);
}

/* The register's list of a name is read from the keys alone, so every write
 * that changes a person's name, birth, death or merge changes its keys in the
 * same unit: a create, a correction of each, a merge, a bare record indexed,
 * a death a bulk writer recorded. */
static void test_every_write_keeps_the_search_keys_in_step_with_their_person(void **state)
{
	(void)state;
	struct person_new dead = {.full_name = "Lê Thị Đã Mất",
	                          .sex = "F",
	                          .birth = "1930",
	                          .place_code = OWN,
	                          .died_on = "2024-02-03"};
	int64_t gone = 0, a = add(&x, "Ksor H'Blưm Bước", "F", "1944", OWN, NULL);
	int64_t b = add(&x, "Ksor H'Blưm Bước", "F", "1944", OTHER, "064144000123");
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_create(&x, &dead, &gone, &rf), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	static const struct person_edit edits[] = {
	    {.full_name = "Ksor H'Blưm Bước Sửa"},
	    {.birth = "03/1945"},
	    {.died_on = "2025-06-30"},
	    {.citizen_id = "064145000777"},
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		memset(&rf, 0, sizeof rf);
		assert_int_equal(person_correct(&x, a, &edits[i], &rf), NCT_OK);
		assert_int_equal(testdb_keys_out_of_step(t.db), 0);
		assert_keys_derived(a);
	}
	/* a move, and a move undone (the residence retracted): the keys follow */
	struct fact_new move = {"residence", OTHER, "2025-08-01", false, 0, NULL};
	int64_t fid = 0, moved = 0;
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_fact_add(&x, a, &move, &fid, &rf), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	struct db_stmt *mv = db_prepare(t.db, "SELECT COUNT(*) FROM person_name_keys"
	                                      " WHERE person_id = ? AND place_id = ?");
	DB_BINDS(mv, DB_I(a), DB_I(other.id));
	assert_int_equal(db_int(mv, &moved), NCT_OK);
	assert_true(moved > 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_fact_retract(&x, a, fid, "nhầm nơi ở", &rf), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_fact_add(&x, b, &move, &fid, &rf), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	memset(&rf, 0, sizeof rf);
	assert_int_equal(person_merge(&x, a, b, &rf), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	assert_keys_derived(a);
	assert_keys_derived(b);
	/* a bulk writer's bare record, then its death written by the bulk writer */
	int64_t bare = 0, done = 0;
	struct db_stmt *st = db_prepare(
	    t.db, "INSERT INTO persons (full_name, name_fold, sex, birth, place_id, hardship,"
	          " created_at) VALUES ('Y Bare Bare', 'y bare bare', 'M', '1940-05', ?, 0,"
	          " '2025-01-01T00:00:00+07:00') RETURNING id");
	db_bind_int(st, 1, own.id);
	assert_int_equal(db_int(st, &bare), NCT_OK);
	assert_int_equal(person_reindex(&x, &done), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	assert_keys_derived(bare);
	st = db_prepare(t.db, "UPDATE persons SET died_on = '2025-01-02' WHERE id = ?");
	db_bind_int(st, 1, bare);
	assert_int_equal(db_run(st), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 3); /* "y bare bare", "bare bare", "bare" */
	assert_int_equal(person_keys_refresh(&x, bare), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	assert_keys_derived(gone);
}

/* A store of an older nct has keys without what they carry: migration 0027
 * gives each its person's sort key, birth and death, and the characters it
 * shares with the person's smaller keys as person_name_key_shared counts them. */
static void test_keys_of_an_older_store_are_given_what_they_carry_by_the_migration(void **state)
{
	(void)state;
	static const char *const names[] = {"Y Blô Y Blô", "Nguyễn Thị Thanh Thi", "An Ân An",
	                                    "Đinh Đ Đinh", "Lê Văn Lê Lệ"};
	struct testdb old;
	char msg2[256];
	testdb_open_at(&old, 26); /* a store of the nct before 0027 */
	assert_int_equal(db_exec(old.db,
	                         "INSERT INTO places (id, code, level, name, name_fold, path)"
	                         " VALUES (1, '99', 1, 'Tỉnh', 'tinh', '/1/')"),
	                 NCT_OK);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct buf keys;
		size_t n = 0;
		buf_init(&keys, 4096);
		assert_int_equal(person_name_keys(names[i], i % 2 ? "062150999901" : "", &keys, &n),
		                 NCT_OK);
		struct db_stmt *st = db_prepare(
		    old.db,
		    "INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id,"
		    " hardship, created_at, sort_key, birth_start, died_on) VALUES (?, ?, 'x',"
		    " 'F', '1950', 1, 0, '2025-01-01', ?, '1950-01-01', ?)");
		DB_BINDS(st, DB_I((int64_t)i + 1), DB_T(names[i]), DB_T(i % 2 ? "k1" : "k0"),
		         DB_T(i == 2 ? "2024-05-06" : NULL));
		assert_int_equal(db_run(st), NCT_OK);
		const char *k = buf_str(&keys);
		for (size_t j = 0; j < n; j++, k += strlen(k) + 1) {
			st = db_prepare(
			    old.db, "INSERT INTO person_name_keys (key, person_id) VALUES (?, ?)");
			DB_BINDS(st, DB_T(k), DB_I((int64_t)i + 1));
			assert_int_equal(db_run(st), NCT_OK);
		}
		buf_free(&keys);
	}
	assert_int_equal(db_migrate_to(old.db, db_schema_latest(), msg2, sizeof msg2), NCT_OK);
	assert_int_equal(testdb_keys_out_of_step(old.db), 0);
	struct db_stmt *st =
	    db_prepare(old.db, "SELECT k.key, k.shared, p.full_name, COALESCE(p.citizen_id, '')"
	                       " FROM person_name_keys k JOIN persons p ON p.id = k.person_id");
	size_t seen = 0, sharing = 0;
	while (db_step(st) == DB_ROW) {
		struct buf keys;
		size_t n = 0;
		buf_init(&keys, 4096);
		assert_int_equal(
		    person_name_keys(db_col_text(st, 2), db_col_text(st, 3), &keys, &n), NCT_OK);
		size_t want = person_name_key_shared(buf_str(&keys), n, db_col_text(st, 0));
		assert_int_equal(db_col_int(st, 1), want);
		sharing += want > 0;
		seen++;
		buf_free(&keys);
	}
	db_done(st);
	assert_int_equal(seen, 4 + (4 + 1) + 3 + (3 + 1) + 4); /* the 2nd and 4th with an ID */
	assert_true(sharing >= 5);
	testdb_close(&old);
}

/* A small generator, the same numbers on every run and engine. */
static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

/* The list in plain SQL with the dead or not: as oracle, for a name and an
 * age, in the subtree of the path under ("/": the whole register; "": none). */
static size_t oracle_dead(const char *q, int age_from, bool with_dead, const char *under,
                          int64_t *ids, size_t max)
{
	static const char sql[] =
	    "SELECT p.id FROM persons p JOIN places pl ON pl.id = p.place_id"
	    " WHERE p.merged_into IS NULL AND (? = 1 OR p.died_on IS NULL OR p.died_on > ?)"
	    " AND EXISTS (SELECT 1 FROM person_name_keys k WHERE k.person_id = p.id"
	    " AND k.key LIKE ?) AND p.birth_start <= ? AND pl.path LIKE ?"
	    " ORDER BY p.sort_key, p.id";
	char today[DATE_LEN], like[128], born[DATE_LEN], path[128];
	struct date on = date_today_vn(), cut = {on.y - age_from, on.m, on.m == 2 ? 28 : on.d};
	date_format(on, today);
	date_format(cut, born);
	snprintf(like, sizeof like, "%s%%", q);
	snprintf(path, sizeof path, "%s%%", under[0] ? under : "-"); /* "": no path is "-..." */
	return testdb_ids(
	    DB_PREPARE(t.db, sql, DB_I(with_dead), DB_T(today), DB_T(like), DB_T(born), DB_T(path)),
	    ids, max);
}

/* Who searches, and which place they ask for: the path of what they see. */
struct searcher {
	struct ctx *c;
	const struct place *asked;
	const char *sees;
};

/* A commune's code in force in the province of own other than own. */
static void commune_beside(const struct place *pl, char code[16])
{
	struct db_stmt *st = db_prepare(t.db, "SELECT code FROM places WHERE parent_id = ?"
	                                      " AND id <> ? AND valid_to IS NULL ORDER BY code");
	DB_BINDS(st, DB_I(pl->parent_id), DB_I(pl->id));
	assert_int_equal(db_text(st, code, 16), NCT_OK);
}

/* A search is counted and paged from the name's keys, over the whole register
 * or within places (a province officer's, a commune's, a place asked): on
 * stores of random names (words repeated within a name, words that are
 * prefixes of others), births, deaths, merges, moves and moves undone, and
 * queries cut from their keys at any character, the pages and the total are
 * the list in plain SQL, whatever the list starts from. */
static void test_a_search_from_the_keys_alone_is_the_list_in_plain_sql(void **state)
{
	(void)state;
	char beside_code[16], province_code[16];
	struct place beside, province;
	commune_beside(&own, beside_code);
	struct db_stmt *pst = db_prepare(t.db, "SELECT code FROM places WHERE id = ?");
	db_bind_int(pst, 1, own.parent_id);
	assert_int_equal(db_text(pst, province_code, sizeof province_code), NCT_OK);
	assert_int_equal(place_get(&x, beside_code, date_today_vn(), &beside), NCT_OK);
	assert_int_equal(place_get(&x, province_code, date_today_vn(), &province), NCT_OK);
	struct place far; /* in another province */
	assert_int_equal(place_get(&x, FAR, date_today_vn(), &far), NCT_OK);
	const char *const homes[] = {OWN, OTHER, beside_code, FAR};
	struct ctx officer, commune, sys = x;
	testctx_user(&officer, t.db, ROLE_PROVINCE, province.id, 0);
	testctx_user(&commune, t.db, ROLE_COMMUNE, own.id, 0);
	const struct searcher who[] = {
	    {&sys, NULL, "/"},
	    {&sys, &own, own.path},
	    {&sys, &province, province.path},
	    {&officer, NULL, province.path},
	    {&officer, &beside, beside.path},
	    {&officer, &other, other.path},
	    {&officer, &far, ""},
	    {&sys, &far, far.path},
	    {&commune, NULL, own.path},
	};
	static const int64_t ways[][2] = {{REGISTER_DRIVE_MAX, REGISTER_COUNT_MAX}, {5, 3}};
	static const char *const words[] = {"A",     "Blô",  "Blốk", "Thị", "Thanh", "Th",
	                                    "Y",     "Nhen", "Đinh", "Đ",   "An",    "Ân",
	                                    "Hiang", "Hi",   "Lê",   "Lệ"};
	static const size_t nw = sizeof words / sizeof words[0];
	static int64_t want[3000], got[3000];
	for (uint32_t round = 0; round < 3; round++) {
		rnd_state = 2026 + round;
		int64_t ids[120];
		for (size_t i = 0; i < 120; i++) {
			char name[128] = "", birth[8];
			for (uint32_t w = 0, nwords = 2 + rnd(4); w < nwords; w++) {
				size_t len = strlen(name);
				snprintf(name + len, sizeof name - len, "%s%s", w ? " " : "",
				         words[rnd((uint32_t)nw)]);
			}
			snprintf(birth, sizeof birth, "%u", 1925 + rnd(40));
			ids[i] = add(&x, name, rnd(2) ? "F" : "M", birth, homes[rnd(4)], NULL);
			if (rnd(4) == 0) { /* moved, and some moves undone */
				struct fact_new move = {
				    "residence", homes[rnd(4)], "2025-08-01", false, 0, NULL};
				int64_t fid = 0;
				memset(&rf, 0, sizeof rf);
				assert_int_equal(person_fact_add(&x, ids[i], &move, &fid, &rf),
				                 NCT_OK);
				memset(&rf, 0, sizeof rf);
				if (rnd(3) == 0)
					assert_int_equal(
					    person_fact_retract(&x, ids[i], fid, "nhầm nơi ở", &rf),
					    NCT_OK);
			}
			if (rnd(6) == 0) {
				struct person_edit d = {.died_on =
				                            rnd(2) ? "2024-01-15" : "2025-11-30"};
				memset(&rf, 0, sizeof rf);
				assert_int_equal(person_correct(&x, ids[i], &d, &rf), NCT_OK);
			}
		}
		for (size_t m = 0; m < 6; m++) { /* merge some into others */
			size_t s = rnd(60), d = 60 + rnd(60);
			memset(&rf, 0, sizeof rf);
			nct_err e = person_merge(&x, ids[s], ids[d], &rf);
			assert_true(e == NCT_OK || e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT);
		}
		assert_int_equal(testdb_keys_out_of_step(t.db), 0);
		for (size_t k = 0; k < 40; k++) {
			char q[96] = "";
			struct db_stmt *st = db_prepare(t.db, "SELECT key FROM person_name_keys"
			                                      " WHERE person_id = ? ORDER BY key");
			db_bind_int(st, 1, ids[rnd(120)]);
			for (uint32_t i = 0, pick = rnd(3); db_step(st) == DB_ROW; i++)
				if (i == 0 || i == pick)
					text_copy(q, sizeof q, db_col_text(st, 0));
			db_done(st);
			if (!q[0])
				continue; /* merged away */
			size_t chars = text_chars(q), cut = 1 + rnd((uint32_t)chars), at = 0;
			for (size_t c = 0; c < cut; c++) /* cut after whole characters */
				for (at++; q[at] && ((unsigned char)q[at] & 0xC0) == 0x80; at++)
					;
			while (at > 1 && q[at - 1] == ' ') /* as the search folds what is typed */
				at--;
			q[at] = '\0';
			struct register_filter f;
			register_filter_init(&f);
			f.q = q;
			f.with_dead = rnd(2);
			f.age_from = rnd(3) ? -1 : 80;
			/* the admin, and one of the others (all of them over the queries) */
			size_t nwho = sizeof who / sizeof who[0],
			       pick = 1 + rnd((uint32_t)nwho - 1);
			for (size_t u = 0; u < nwho; u = u ? nwho : pick) {
				f.place = who[u].asked;
				size_t n = oracle_dead(q, f.age_from < 0 ? 0 : f.age_from,
				                       f.with_dead, who[u].sees, want, 3000);
				for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
					int64_t total = -1;
					bool more = false;
					register_drive_max = ways[w][0];
					register_count_max = ways[w][1];
					x = *who[u].c; /* pages_of and pages_after ask as x */
					assert_int_equal(pages_of(&f, got, 3000, &total, &more), n);
					assert_memory_equal(got, want, n * sizeof want[0]);
					assert_true(more || total == (int64_t)n);
					assert_true(w || !more);
					assert_int_equal(pages_after(&f, got, 3000), n);
					assert_memory_equal(got, want, n * sizeof want[0]);
					x = sys;
				}
			}
		}
	}
	register_drive_max = REGISTER_DRIVE_MAX;
	register_count_max = REGISTER_COUNT_MAX;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_every_citizen_id_example_is_accepted_or_refused_as_the_table_says),
	    cmocka_unit_test(
	        test_a_person_whose_citizen_id_contradicts_the_birth_year_is_not_written),
	    cmocka_unit_test(test_a_birth_is_accepted_as_people_write_it),
	    cmocka_unit_test(test_a_birth_before_1900_in_the_future_or_impossible_is_refused),
	    cmocka_unit_test(test_a_name_is_split_into_family_middle_and_given),
	    cmocka_unit_test(test_vietnamese_collation_puts_d_before_dd_and_a_before_aw_before_aa),
	    cmocka_unit_test(test_the_register_sorts_by_given_name_then_family_name),
	    cmocka_unit_test(test_search_finds_a_prefix_of_any_word_without_marks_and_a_citizen_id),
	    cmocka_unit_test(test_an_ethnic_group_is_found_by_its_name_without_marks),
	    cmocka_unit_test(test_a_viewer_may_not_record_an_ethnicity),
	    cmocka_unit_test(test_a_fact_holds_from_its_day_and_not_the_day_before),
	    cmocka_unit_test(test_a_fact_with_a_value_its_kind_does_not_take_is_refused),
	    cmocka_unit_test(test_a_move_keeps_the_old_residence_and_the_person_follows_the_new),
	    cmocka_unit_test(test_two_merges_of_one_pair_at_once_never_merge_a_record_into_itself),
	    cmocka_unit_test(test_two_retractions_at_once_never_leave_a_person_without_a_residence),
	    cmocka_unit_test(test_a_fact_recorded_while_its_person_is_merged_away_is_refused),
	    cmocka_unit_test(test_a_correction_is_audited_with_the_old_and_new_values),
	    cmocka_unit_test(test_a_commune_user_sees_and_changes_only_the_persons_of_its_commune),
	    cmocka_unit_test(
	        test_a_possible_duplicate_is_shown_before_saving_and_kept_on_confirmation),
	    cmocka_unit_test(test_ages_filter_on_both_sides_of_a_birthday),
	    cmocka_unit_test(
	        test_a_person_a_bulk_writer_left_bare_is_indexed_and_given_a_residence),
	    cmocka_unit_test(test_reindexing_a_batch_derives_what_indexing_each_person_does),
	    cmocka_unit_test(test_the_pages_of_a_search_put_together_are_the_whole_sorted_list),
	    cmocka_unit_test(test_the_pages_of_a_search_are_the_list_in_plain_sql_ties_included),
	    cmocka_unit_test(test_keys_that_do_not_fit_fail_without_reading_past_them),
	    cmocka_unit_test(test_a_key_shares_with_the_persons_smaller_keys_whole_characters),
	    cmocka_unit_test(test_every_write_keeps_the_search_keys_in_step_with_their_person),
	    cmocka_unit_test(test_a_search_from_the_keys_alone_is_the_list_in_plain_sql),
	    cmocka_unit_test(
	        test_keys_of_an_older_store_are_given_what_they_carry_by_the_migration),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

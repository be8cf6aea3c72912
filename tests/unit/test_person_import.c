/* test_person_import.c - nct import persons: the columns mapped from the
 * header words and remembered per header set, each reason a row is refused,
 * all or nothing, duplicates in the file and in the store, the file or the
 * store changing between the check and the write, and an .xlsx. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "domain/ctx.h"
#include "domain/person.h"
#include "domain/person_import.h"
#include "domain/register.h"
#include "export/person_import.h"
#include "export/xlsx.h"
#include "seed/place_load.h"
#include "seed/register_load.h"
#include "store/db.h"
#include "testdb.h"

#define OWN "23500" /* Xã Đăk Hà (2025) */

static struct testdb t;
static struct ctx x; /* the system, as the command line acts */
static char path[300], msg[256];
static struct person_import_report rep;

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep0;
	struct register_load_report reg;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	snprintf(path, sizeof path, "%s/persons.csv", t.dir);
	return place_load_reference(&x, &rep0, msg, sizeof msg) ||
	       register_load_reference(&x, &reg, msg, sizeof msg);
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static int64_t int_of(const char *sql)
{
	int64_t v = -1;
	assert_int_equal(db_int(db_prepare(t.db, sql), &v), NCT_OK);
	return v;
}

static int64_t persons(void)
{
	return int_of("SELECT COUNT(*) FROM persons");
}

static void file_write(const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	fclose(f);
}

static nct_err import(const char *text, bool dry_run, const char *place, const char *map)
{
	struct person_import_opts o = {dry_run, place, map, NULL, NULL};
	person_import_report_free(&rep);
	memset(&rep, 0, sizeof rep);
	if (text)
		file_write(text);
	return persons_import_path(&x, path, &o, &rep, msg, sizeof msg);
}

static const struct import_issue *issue_at(size_t i)
{
	assert_true(i < rep.base.issues.n);
	return import_issue(&rep.base, i);
}

static void test_the_columns_are_mapped_from_vietnamese_header_words_below_a_title(void **state)
{
	(void)state;
	assert_int_equal(import("DANH SÁCH NGƯỜI CAO TUỔI\n"
	                        "STT,Họ và tên,Giới tính,Ngày tháng năm sinh (dd/mm/yyyy),"
	                        "Số CCCD,Dân tộc,Mã xã,Ngày mất\n"
	                        "1,Nguyễn Văn Hùng,Nam,15/03/1950,,Kinh,23500,\n",
	                        true, NULL, NULL),
	                 NCT_OK);
	const struct person_mapping *m = &rep.map;
	assert_int_equal(m->header_line, 2);
	assert_int_equal(m->source, MAP_GUESSED);
	assert_int_equal(m->col[PF_FULL_NAME], 1);
	assert_int_equal(m->col[PF_SEX], 2);
	assert_int_equal(m->col[PF_BIRTH], 3);
	assert_int_equal(m->col[PF_CITIZEN_ID], 4);
	assert_int_equal(m->col[PF_ETHNICITY], 5);
	assert_int_equal(m->col[PF_PLACE], 6);
	assert_int_equal(m->col[PF_DIED_ON], 7);
	assert_int_equal(m->col[PF_RESIDENT_SINCE], -1);
	assert_int_equal(persons(), 0); /* a dry run writes nothing */
}

static void test_a_mapping_changed_by_hand_is_remembered_for_the_same_header_row(void **state)
{
	(void)state;
	int64_t before = persons();
	const char *file = "Tên,Phái,Sinh,Ghi chú\n"
	                   "Y Roa,nữ,1945,\n"
	                   "A Hiang,nam,03/1948,\n";
	/* "Tên" is the name; "Phái" and "Sinh" are not words it knows */
	assert_int_equal(import(file, true, OWN, NULL), NCT_ERR_INVALID);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_COLUMN_MISSING);
	assert_int_equal(import(file, false, OWN, "sex=B,birth=C"), NCT_OK);
	assert_int_equal(persons(), before + 2);
	assert_int_equal(import(file, true, OWN, NULL), NCT_OK);
	assert_int_equal(rep.map.source, MAP_REMEMBERED);
	assert_int_equal(rep.map.col[PF_SEX], 1);
	assert_int_equal(rep.map.col[PF_BIRTH], 2);
	assert_int_equal(rep.base.existing, 2); /* and recorded already */
}

/* Each reason a row is refused, on its line; nothing is written. */
static void test_every_bad_row_is_reported_with_its_reason_and_nothing_is_written(void **state)
{
	(void)state;
	static const struct {
		const char *row;
		int code;
	} bad[] = {
	    {",Nam,1950,,,23500", RF_TEXT_LENGTH},
	    {"Lê Văn A,X,1950,,,23500", RF_NOT_ONE_OF},
	    {"Lê Văn B,Nam,32/13/1950,,,23500", RF_BIRTH_FORMAT},
	    {"Lê Văn C,Nam,1890,,,23500", RF_BIRTH_TOO_EARLY},
	    {"Lê Văn D,Nam,2999,,,23500", RF_BIRTH_IN_FUTURE},
	    {"Lê Văn E,Nam,1950,062150000001,,23500", RF_CID_SEX},
	    {"Lê Văn F,Nam,1950,,Klingon,23500", RF_ETHNICITY_UNKNOWN},
	    {"Lê Văn G,Nam,1950,,,99999", RF_RESIDENCE},
	    {"Lê Văn H,Nam,1950,062050000002,,23500", RF_NONE},
	    {"Lê Văn I,Nam,1951,062050000002,,23500", RF_CID_BIRTH_YEAR},
	    {"Lê Văn K,Nam,1950,062050000002,,23500", RF_IMPORT_CID_TWICE},
	};
	char file[4096] = "Họ tên,Giới tính,Năm sinh,Số định danh,Dân tộc,Mã xã\n";
	size_t len = strlen(file);
	int64_t before = persons();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		len += (size_t)snprintf(file + len, sizeof file - len, "%s\n", bad[i].row);
	assert_int_equal(import(file, false, NULL, NULL), NCT_ERR_INVALID);
	assert_int_equal(rep.base.rows, sizeof bad / sizeof bad[0]);
	size_t k = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (bad[i].code == RF_NONE)
			continue;
		assert_int_equal(issue_at(k)->line, i + 2);
		assert_int_equal(issue_at(k)->rf.code, bad[i].code);
		k++;
	}
	assert_int_equal(rep.base.issues.n, k);
	assert_int_equal(rep.refused, k);
	assert_false(rep.base.written);
	assert_int_equal(persons(), before);
}

static void test_a_file_without_a_header_or_rows_is_refused_as_a_whole(void **state)
{
	(void)state;
	assert_int_equal(import("a,b,c\n1,2,3\n", false, OWN, NULL), NCT_ERR_INVALID);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_NO_HEADER);
	assert_int_equal(issue_at(0)->line, 0);
	assert_int_equal(import("Họ và tên,Giới tính,Ngày sinh\n\n", false, OWN, NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_NO_PERSON_ROWS);
	/* no place column, and no --place */
	assert_int_equal(import("Họ và tên,Giới tính,Ngày sinh\nY Hớ,nữ,1940\n", false, NULL, NULL),
	                 NCT_ERR_INVALID);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_COLUMN_MISSING);
	assert_string_equal(issue_at(0)->rf.field, "place");
}

static nct_err import_bytes(const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return import(NULL, false, OWN, NULL);
}

/* A file that is not CSV text (another encoding, a NUL byte, a quote not
 * closed, an old .xls) is refused by its line and byte, and nothing is
 * written: the report says what to do, not "0 rows refused". */
static void test_a_file_that_is_not_utf8_csv_text_is_refused_naming_the_line_and_byte(void **state)
{
	(void)state;
	static const char head[] = "Họ và tên,Giới tính,Năm sinh\nY Hớ,nữ,1940\n";
	static const struct {
		const char *tail;
		size_t tail_len;
		int code;
		size_t line;
		int64_t byte; /* of the tail, from 1 */
	} bad[] = {
	    {"L\xea V\xe3n A,Nam,1950\n", 19, RF_IMPORT_NOT_UTF8, 3, 2},     /* Latin-1 ê */
	    {"L\xc3\xaa V\xe1n A,Nam,1950\n", 20, RF_IMPORT_NOT_UTF8, 3, 6}, /* á cut */
	    {"A Nul\0,Nam,1950\n", 16, RF_IMPORT_NUL_BYTE, 3, 6},
	    {"\"A Quote,Nam,1950\n", 18, RF_IMPORT_NOT_CSV, 3, 0},
	};
	int64_t before = persons();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char file[128];
		size_t n = strlen(head);
		memcpy(file, head, n);
		memcpy(file + n, bad[i].tail, bad[i].tail_len);
		assert_int_equal(import_bytes(file, n + bad[i].tail_len), NCT_ERR_INVALID);
		assert_int_equal(rep.base.issues.n, 1);
		assert_int_equal(issue_at(0)->rf.code, bad[i].code);
		assert_int_equal(issue_at(0)->line, bad[i].line);
		if (bad[i].byte)
			assert_int_equal(strtoll(issue_at(0)->rf.arg[0].v, NULL, 10),
			                 (int64_t)n + bad[i].byte);
		assert_int_equal(rep.refused, 0); /* the file is refused, not a row */
		assert_false(rep.base.written);
	}
	/* an Excel 97-2003 workbook */
	assert_int_equal(import_bytes("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10), NCT_ERR_INVALID);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_OLD_EXCEL);
	assert_int_equal(persons(), before);
}

/* Past the first megabyte read, the line and the byte still count from the
 * file's start. */
static void test_a_bad_byte_far_into_a_large_file_is_named_by_its_line_and_byte(void **state)
{
	(void)state;
	static const char head[] = "Họ và tên,Giới tính,Năm sinh\n";
	static const char row[] = "Y Hớ Rất Dài Tên Người,nữ,1940\n";
	size_t rows = 60000, hl = strlen(head), rl = strlen(row);
	size_t len = hl + rows * rl + 16;
	char *file = malloc(len);
	assert_non_null(file);
	memcpy(file, head, hl);
	for (size_t i = 0; i < rows; i++)
		memcpy(file + hl + i * rl, row, rl);
	memcpy(file + hl + rows * rl, "A \xff,Nam,1950\n", 14);
	int64_t before = persons();
	assert_int_equal(import_bytes(file, hl + rows * rl + 14), NCT_ERR_INVALID);
	free(file);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_NOT_UTF8);
	assert_int_equal(issue_at(0)->line, rows + 2);
	assert_int_equal(strtoll(issue_at(0)->rf.arg[0].v, NULL, 10),
	                 (int64_t)(hl + rows * rl + 3));
	assert_int_equal(persons(), before);
}

static char sweep_dir[64]; /* the upload directory of the sweep's test */

static void touch_aged(const char *name, time_t age)
{
	char p[400];
	snprintf(p, sizeof p, "%s/%s", sweep_dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs("Họ và tên\n", f);
	fclose(f);
	struct timespec ts[2] = {{time(NULL) - age, 0}, {time(NULL) - age, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static bool there(const char *name)
{
	char p[400];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", sweep_dir, name);
	return lstat(p, &st) == 0;
}

/* Uploads left unwritten for over a day are removed; a fresh one, a file of
 * another name, a link (and what it points at) and a directory are not. */
static void test_uploads_left_for_over_a_day_are_removed_and_nothing_else(void **state)
{
	(void)state;
	static const char tok[] = "0123456789abcdef0123456789abcdef";
	char old[80], fresh[80], link[80], dir[80], target[400], dirp[400], linkp[400];
	snprintf(old, sizeof old, "nct-import-7-%s", tok);
	snprintf(fresh, sizeof fresh, "nct-import-8-%s", tok);
	snprintf(link, sizeof link, "nct-import-9-%s", tok);
	snprintf(dir, sizeof dir, "nct-import-10-%s", tok);
	const char *other = "nct-import-7-notatoken", *kept = "keep-me.csv";
	char *was = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	snprintf(sweep_dir, sizeof sweep_dir, "/tmp/nct-sweep.XXXXXX");
	assert_non_null(mkdtemp(sweep_dir));
	setenv("TMPDIR", sweep_dir, 1);
	touch_aged(old, 2 * 86400);
	touch_aged(fresh, 3600);
	touch_aged(other, 2 * 86400);
	touch_aged(kept, 2 * 86400);
	snprintf(target, sizeof target, "%s/%s", sweep_dir, kept);
	snprintf(linkp, sizeof linkp, "%s/%s", sweep_dir, link);
	assert_int_equal(symlink(target, linkp), 0);
	struct timespec ts[2] = {{time(NULL) - 2 * 86400, 0}, {time(NULL) - 2 * 86400, 0}};
	assert_int_equal(utimensat(AT_FDCWD, linkp, ts, AT_SYMLINK_NOFOLLOW), 0);
	snprintf(dirp, sizeof dirp, "%s/%s", sweep_dir, dir);
	assert_int_equal(mkdir(dirp, 0700), 0);
	assert_int_equal(utimensat(AT_FDCWD, dirp, ts, 0), 0);

	/* another user's upload (only root can make one here) */
	char theirs[80], theirsp[400];
	snprintf(theirs, sizeof theirs, "nct-import-11-%s", tok);
	snprintf(theirsp, sizeof theirsp, "%s/%s", sweep_dir, theirs);
	touch_aged(theirs, 2 * 86400);
	if (geteuid() == 0)
		assert_int_equal(lchown(theirsp, 4242, 4242), 0);
	else
		unlink(theirsp);

	assert_int_equal(person_upload_sweep(time(NULL), PERSON_UPLOAD_MAX_AGE), 1);
	assert_int_equal(there(theirs), geteuid() == 0);
	unlink(theirsp);
	assert_false(there(old));
	assert_true(there(fresh));
	assert_true(there(other));
	assert_true(there(kept));
	assert_true(there(link));
	assert_true(there(dir));
	unlink(linkp);
	rmdir(dirp);
	const char *const rest[] = {fresh, other, kept};
	for (size_t i = 0; i < 3; i++) {
		char p[400];
		snprintf(p, sizeof p, "%s/%s", sweep_dir, rest[i]);
		unlink(p);
	}
	rmdir(sweep_dir);
	if (was)
		setenv("TMPDIR", was, 1);
	else
		unsetenv("TMPDIR");
	free(was);
}

/* Names in any case; births as people write them. */
static void test_names_in_capitals_are_recorded_in_title_case_and_births_as_written(void **state)
{
	(void)state;
	assert_int_equal(import("Họ và tên,Giới tính,Ngày sinh,Mã xã\n"
	                        "PHẠM THỊ ĐÀO,Nữ,05/07/1949,23500\n"
	                        "y blốk,nữ,1938,23500\n"
	                        "Đinh Văn Lư,Nam,11/1944,23500\n",
	                        false, NULL, NULL),
	                 NCT_OK);
	assert_int_equal(rep.base.created, 3);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE full_name = 'Phạm Thị Đào' AND"
	                        " birth = '1949-07-05'"),
	                 1);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE full_name = 'Y Blốk' AND"
	                        " birth = '1938'"),
	                 1);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE full_name = 'Đinh Văn Lư' AND"
	                        " birth = '1944-11'"),
	                 1);
	/* searchable at once, with a residence fact, and one audit row for the import */
	assert_int_equal(int_of("SELECT COUNT(*) FROM person_name_keys k JOIN persons p ON"
	                        " p.id = k.person_id WHERE k.key = 'blok' AND p.birth = '1938'"),
	                 1);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0); /* the keys carry the persons */
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE action = 'import' AND entity ="
	                        " 'persons'") >= 1,
	                 1);
}

/* The same person twice in the file, or recorded already, is recorded once;
 * a possible duplicate (same name, birth year and commune) is reported. */
static void test_duplicates_in_the_file_and_the_store_are_reported_not_recorded_twice(void **state)
{
	(void)state;
	int64_t before = persons();
	assert_int_equal(import("Họ và tên,Giới tính,Ngày sinh,Mã xã\n"
	                        "A Pêng,nam,1942,23500\n"
	                        "A Pêng,nam,1942,23500\n"
	                        "A Pêng,nam,03/1942,23500\n"
	                        "Phạm Thị Đào,nữ,05/07/1949,23500\n",
	                        false, NULL, NULL),
	                 NCT_OK);
	assert_int_equal(rep.base.created, 2);  /* A Pêng 1942 and A Pêng 03/1942 */
	assert_int_equal(rep.base.existing, 2); /* the second row, and Phạm Thị Đào */
	assert_int_equal(persons(), before + 2);
	assert_true(rep.ndups >= 2);
	const struct person_dup *d = vec_at(&rep.dups, const struct person_dup, 0);
	assert_int_equal(d->line, 3);
	assert_int_equal(d->other_line, 2);
}

/* The check pass asks the store a batch of PERSON_BATCH_MAX rows at a time;
 * its report is what asking row by row gives: the same person recorded, the
 * same person earlier in the file, possible duplicates in the file and in the
 * store, bad rows, each at its line, in the file's order, on both sides of
 * the batches' bounds (rows 256/257 and 512/513). */
static int64_t recorded(const char *name, const char *sex, const char *birth, const char *cid)
{
	struct person_new in = {
	    .full_name = name, .sex = sex, .birth = birth, .place_code = OWN, .citizen_id = cid};
	int64_t id = 0;
	struct refusal rf;
	assert_int_equal(person_create(&x, &in, &id, &rf), NCT_OK);
	return id;
}

/* register_duplicates of one row, as the check pass used to ask it. */
static int64_t first_duplicate(const char *name, const char *birth, const char *cid)
{
	struct person_new in = {
	    .full_name = name, .sex = "F", .birth = birth, .place_code = OWN, .citizen_id = cid};
	struct person *found = NULL;
	size_t n = 0;
	int64_t hidden = 0, id;
	assert_int_equal(register_duplicates(&x, &in, &found, &n, &hidden), NCT_OK);
	id = n ? found[0].id : 0;
	free(found);
	return id;
}

static void test_the_check_pass_asks_by_batches_and_reports_as_row_by_row(void **state)
{
	(void)state;
	int64_t bat = recorded("Y Bát Lô", "F", "1941", NULL);
	int64_t chon = recorded("A Chơn Lô", "M", "03/1944", NULL);
	int64_t den = recorded("Y Đen Lô Cũ", "F", "1950", "051150004777");
	static const struct {
		int row;
		const char *cells;
	} special[] = {
	    {1, "Y Bát Lô,nữ,1941,,23500"},                /* recorded */
	    {2, "A Chơn Lô,nam,1944,,23500"},              /* name and year of one recorded */
	    {256, "Y Bát Lô,nữ,1941,,23500"},              /* row 1 again */
	    {257, "Y Đen Lô,nữ,1950,051150004777,23500"},  /* the ID of one recorded */
	    {258, "Y Đen Lô,nữ,1950,,23500"},              /* row 257 again */
	    {300, "Y Sai Lô,nữ,1890,,23500"},              /* refused: birth */
	    {301, "Y Khác Lô,nữ,1950,051150004777,23500"}, /* refused: row 257's ID */
	    {512, "A Chơn Lô,nam,03/1944,,23500"},         /* recorded */
	    {513, "A Chơn Lô,nam,1944,,23500"},            /* row 2 again */
	};
	const struct person_dup want[] = {
	    {3, 0, chon, 0, false},  {257, 2, 0, 0, false}, {258, 0, den, 0, true},
	    {259, 258, 0, 0, false}, {513, 3, 0, 0, false}, {514, 3, 0, 0, false},
	};
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Họ và tên,Giới tính,Ngày sinh,Số CCCD,Mã xã\n", f);
	for (int r = 1, k = 0; r <= 520; r++)
		if (k < (int)(sizeof special / sizeof special[0]) && special[k].row == r)
			fprintf(f, "%s\n", special[k++].cells);
		else
			fprintf(f, "Y Lô %d,nữ,1938,,23500\n", r);
	fclose(f);
	int64_t before = persons();
	assert_int_equal(import(NULL, true, NULL, NULL), NCT_ERR_INVALID);
	assert_int_equal(rep.base.rows, 520);
	assert_int_equal(rep.base.existing, 5); /* rows 1, 256, 258, 512, 513 */
	assert_int_equal(rep.refused, 2);
	assert_int_equal(issue_at(0)->line, 301);
	assert_int_equal(issue_at(0)->rf.code, RF_BIRTH_TOO_EARLY);
	assert_int_equal(issue_at(1)->line, 302);
	assert_int_equal(issue_at(1)->rf.code, RF_IMPORT_CID_TWICE);
	assert_int_equal(rep.ndups, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct person_dup *d = vec_at(&rep.dups, const struct person_dup, i);
		assert_int_equal(d->line, want[i].line);
		assert_int_equal(d->other_line, want[i].other_line);
		assert_int_equal(d->person_id, want[i].person_id);
		assert_int_equal(d->hidden, 0);
		assert_int_equal(d->same_id, want[i].same_id);
	}
	/* the store's duplicates are register_duplicates's, row by row */
	assert_int_equal(first_duplicate("A Chơn Lô", "1944", NULL), chon);
	assert_int_equal(first_duplicate("Y Đen Lô", "1950", "051150004777"), den);
	assert_true(bat > 0);
	assert_int_equal(persons(), before);
}

/* person_find_same_many answers each key as person_find_same does, whatever
 * the keys' number and order; a key without a name finds nothing. */
static void test_the_same_person_is_found_for_many_keys_as_for_one(void **state)
{
	(void)state;
	int64_t a = recorded("A Nhiều Khóa", "M", "1939", NULL);
	int64_t b = recorded("Y Nhiều Khóa", "F", "05/1939", NULL);
	struct person_same_key k[PERSON_BATCH_MAX];
	int64_t ids[PERSON_BATCH_MAX];
	for (size_t i = 0; i < PERSON_BATCH_MAX; i++)
		k[i] = (struct person_same_key){"khong co ai", "1939", OWN};
	k[0] = (struct person_same_key){"y nhieu khoa", "1939-05", OWN};
	k[1] = (struct person_same_key){"a nhieu khoa", "1939", OWN};
	k[2] = (struct person_same_key){"a nhieu khoa", "1939", "23501"}; /* another place */
	k[3] = (struct person_same_key){NULL, "1939", OWN};
	k[PERSON_BATCH_MAX - 1] = k[1];
	assert_int_equal(person_find_same_many(&x, k, PERSON_BATCH_MAX, ids), NCT_OK);
	assert_int_equal(ids[0], b);
	assert_int_equal(ids[1], a);
	assert_int_equal(ids[2], 0);
	assert_int_equal(ids[3], 0);
	assert_int_equal(ids[4], 0);
	assert_int_equal(ids[PERSON_BATCH_MAX - 1], a);
	assert_int_equal(person_find_same_many(&x, k + 1, 1, ids), NCT_OK);
	assert_int_equal(ids[0], a);
	assert_int_equal(person_find_same_many(&x, k, PERSON_BATCH_MAX + 1, ids), NCT_ERR_INVALID);
}

/* The plan of a batch's statement (sql, nvals values a key) with every key
 * bound to vals, lines joined. */
static void batch_plan(const char *sql, const char *const *vals, int nvals, char *out, size_t cap)
{
	static char texts[2][32768]; /* statements are cached by their text's address */
	char *text = texts[nvals == 2 ? 0 : 1];
	bool pg = strcmp(db_engine(t.db), "sqlite") != 0;
	snprintf(text, sizeof texts[0], "%s%s", pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ", sql);
	struct db_stmt *st = db_prepare(t.db, text);
	assert_non_null(st);
	for (int i = 0; i < PERSON_BATCH_MAX * nvals; i++)
		if (strcmp(vals[i % nvals], "#") == 0)
			db_bind_int(st, i + 1, 7);
		else
			db_bind_text(st, i + 1, vals[i % nvals]);
	size_t n = 0;
	out[0] = '\0';
	while (db_step(st) == DB_ROW && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "%s\n", db_col_text(st, pg ? 0 : 3));
	db_done(st);
}

/* Each key of a batch is looked up by index seeks, whatever the planner
 * knows of the persons table: never a scan of it, nor a hash of one. */
static void test_a_batch_of_rows_is_looked_up_by_index_seeks_not_a_scan(void **state)
{
	(void)state;
	static const char *const same[] = {"y lo 1", "1938"};
	static const char *const dups[] = {"051150004777", "y lo 1", "1938-01-01", "1938-12-31",
	                                   "#"};
	char plan[16384];
	bool pg = strcmp(db_engine(t.db), "sqlite") != 0;
	if (pg) /* the test's table is small: only a plan without scans is asked */
		assert_int_equal(db_exec(t.db, "SET enable_seqscan = off"), NCT_OK);
	batch_plan(person_same_many_sql(t.db), same, 2, plan, sizeof plan);
	assert_non_null(strstr(plan, "persons_same"));
	assert_null(strstr(plan, "SCAN p\n"));
	assert_null(strstr(plan, "Seq Scan on persons"));
	assert_null(strstr(plan, "Hash"));
	batch_plan(register_duplicates_many_sql(t.db), dups, 5, plan, sizeof plan);
	if (pg)
		assert_int_equal(db_exec(t.db, "SET enable_seqscan = on"), NCT_OK);
	assert_non_null(strstr(plan, "persons_citizen_id"));
	assert_non_null(strstr(plan, "persons_same"));
	assert_null(strstr(plan, "SCAN p\n"));
	assert_null(strstr(plan, "SCAN persons"));
	assert_null(strstr(plan, "Seq Scan on persons"));
	assert_null(strstr(plan, "Hash"));
}

/* Someone records one of the file's people between the check and the write:
 * nothing is written, import again. */
static void record_meanwhile(void *arg, int pass, uint64_t done, uint64_t total)
{
	(void)done;
	(void)total;
	int *calls = arg;
	if (pass == 1 && (*calls)++ == 0) {
		struct person_new in = {
		    .full_name = "A Row 0", .sex = "M", .birth = "1940", .place_code = OWN};
		int64_t id;
		struct refusal rf;
		assert_int_equal(person_create(&x, &in, &id, &rf), NCT_OK);
	}
}

/* A file saved again (one letter changed) between the check and the write. */
static void change_meanwhile(void *arg, int pass, uint64_t done, uint64_t total)
{
	(void)done;
	(void)total;
	int *calls = arg;
	if (pass == 1 && (*calls)++ == 0) {
		FILE *f = fopen(path, "r+b");
		assert_non_null(f);
		assert_int_equal(
		    fseek(f, (long)strlen("Họ và tên,Giới tính,Ngày sinh,Mã xã\nA R"), SEEK_SET),
		    0);
		fputc('X', f);
		fclose(f);
	}
}

static void many_rows(void)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Họ và tên,Giới tính,Ngày sinh,Mã xã\n", f);
	for (int i = 0; i < 3000; i++)
		fprintf(f, "A Row %d,nam,1940,23500\n", i);
	fclose(f);
}

static void test_a_change_between_the_check_and_the_write_leaves_nothing_written(void **state)
{
	(void)state;
	int64_t before = persons();
	int calls = 0;
	struct person_import_opts o = {false, NULL, NULL, record_meanwhile, &calls};
	many_rows();
	person_import_report_free(&rep);
	assert_int_equal(persons_import_path(&x, path, &o, &rep, msg, sizeof msg),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_RECORDED_MEANWHILE);
	assert_int_equal(issue_at(0)->line, 2);
	assert_int_equal(persons(), before + 1); /* only the one recorded meanwhile */

	calls = 0;
	o.progress = change_meanwhile;
	many_rows();
	person_import_report_free(&rep);
	assert_int_equal(persons_import_path(&x, path, &o, &rep, msg, sizeof msg),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_FILE_CHANGED);
	assert_int_equal(persons(), before + 1);
	assert_true(calls > 0);
}

/* The indexes of the tables an import writes, as the store describes them. */
static char *indexes(void)
{
	static const char lite[] =
	    "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_master"
	    " WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('persons',"
	    " 'person_name_keys', 'person_facts', 'audit') ORDER BY name) AS i";
	static const char pg[] =
	    "SELECT string_agg(indexname || ':' || indexdef, ';' ORDER BY indexname) FROM "
	    "pg_indexes"
	    " WHERE tablename IN ('persons', 'person_name_keys', 'person_facts', 'audit')";
	static char out[8192];
	bool sqlite = strcmp(db_engine(t.db), "sqlite") == 0;
	assert_int_equal(db_text(db_prepare(t.db, sqlite ? lite : pg), out, sizeof out), NCT_OK);
	assert_non_null(strstr(out, "persons_citizen_id"));
	return strdup(out);
}

/* How many times the schema changed (SQLite; -1 on PostgreSQL). */
static int64_t schema_version(void)
{
	return strcmp(db_engine(t.db), "sqlite") == 0 ? int_of("PRAGMA schema_version") : -1;
}

static int64_t found(const char *q)
{
	struct register_filter f;
	struct register_page pg;
	struct refusal rf;
	register_filter_init(&f);
	f.q = q;
	assert_int_equal(register_list(&x, &f, &pg, &rf), NCT_OK);
	free(pg.v);
	return pg.total;
}

/* rows women born in 1950 in OWN, "NAME 0" to "NAME rows-1", with a citizen
 * ID when with_id. */
static void big_file(int rows, const char *name, bool with_id)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Họ và tên,Giới tính,Ngày sinh,Mã xã,Số CCCD\n", f);
	for (int i = 0; i < rows; i++)
		if (with_id)
			fprintf(f, "%s %d,nữ,1950," OWN ",051150%06d\n", name, i, i);
		else
			fprintf(f, "%s %d,nữ,1950," OWN ",\n", name, i);
	fclose(f);
}

/* Someone records the person of a large file's row late_row between its
 * check and the write (the check reports progress every 1,024 rows: at the
 * fifth report, 4,096 rows or more were checked). */
static int late_row;
static void record_late_meanwhile(void *arg, int pass, uint64_t done, uint64_t total)
{
	(void)done;
	(void)total;
	int *calls = arg;
	if (pass == 1 && ++*calls == 5) {
		char name[64];
		snprintf(name, sizeof name, "Y Hiên Sau %d", late_row);
		struct person_new in = {
		    .full_name = name, .sex = "F", .birth = "1950", .place_code = OWN};
		int64_t id;
		struct refusal rf;
		assert_int_equal(person_create(&x, &in, &id, &rf), NCT_OK);
	}
}

/* An import that adds more people than the store holds builds the indexes
 * again after its rows (SQLite): afterwards they are all there, as they were,
 * and a search finds the new people by name and by citizen ID; an import that
 * fails leaves them as they were, with nothing of it written. */
static void test_a_large_import_leaves_the_indexes_as_they_were_and_search_finds_it(void **state)
{
	(void)state;
	int rows = PERSON_IMPORT_SET_ASIDE_MIN + 500;
	char *before = indexes();
	int64_t n = persons(), v = schema_version();
	big_file(rows, "Y Blong Lớn", true);
	assert_int_equal(import(NULL, false, NULL, NULL), NCT_OK);
	assert_int_equal(rep.base.created, rows);
	assert_int_equal(persons(), n + rows);
	char *after = indexes();
	assert_string_equal(after, before);
	free(after);
	if (v >= 0)
		assert_true(schema_version() > v); /* they were set aside and built again */
	assert_int_equal(found("y blong lon 4321"), 1);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
	assert_int_equal(found("051150004321"), 1);
	assert_int_equal(found("blong lon"), rows);

	/* another large file; someone records one of its late people meanwhile:
	 * the write fails after thousands of rows were written */
	int calls = 0;
	struct person_import_opts o = {false, NULL, NULL, record_late_meanwhile, &calls};
	n = persons();
	rows = (int)n + 100;
	late_row = 4000;
	big_file(rows, "Y Hiên Sau", false);
	person_import_report_free(&rep);
	assert_int_equal(persons_import_path(&x, path, &o, &rep, msg, sizeof msg),
	                 NCT_ERR_CONFLICT);
	assert_int_equal(issue_at(0)->rf.code, RF_IMPORT_RECORDED_MEANWHILE);
	assert_int_equal(issue_at(0)->line, (size_t)late_row + 2);
	assert_true(calls >= 5);
	assert_int_equal(persons(), n + 1); /* only the one recorded meanwhile */
	after = indexes();
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(found("y hien sau"), 1);
	assert_int_equal(found("y blong lon 4321"), 1);
	assert_int_equal(testdb_keys_out_of_step(t.db), 0);
}

/* "B Batch N", a man born in 1941 in OWN, into b as person_ready takes him. */
static void batch_add(struct person_batch *b, int i)
{
	char name[32];
	snprintf(name, sizeof name, "B Batch %d", i);
	struct person_new in = {.full_name = name, .sex = "M", .birth = "1941", .place_code = OWN};
	struct person_ready r;
	struct refusal rf;
	assert_int_equal(person_ready(&x, &in, &r, &rf), NCT_OK);
	assert_int_equal(person_batch_add(b, &in, &r), NCT_OK);
}

static void
test_a_batch_names_its_first_person_recorded_before_and_writes_as_one_by_one(void **state)
{
	(void)state;
	struct person_batch *b = person_batch_new();
	assert_non_null(b);
	size_t first;
	for (int i = 0; i < PERSON_BATCH_MAX - 1; i++)
		batch_add(b, i);
	batch_add(b, 3); /* twice in the batch: the second would find the first */
	assert_int_equal(person_batch_add(b, &(struct person_new){.full_name = "Y"}, NULL),
	                 NCT_ERR_INVALID); /* full */
	assert_int_equal(person_batch_find_same(&x, b, &first), NCT_OK);
	assert_int_equal(first, PERSON_BATCH_MAX - 1);

	struct person_new in = {
	    .full_name = "B Batch 10", .sex = "M", .birth = "1941", .place_code = OWN};
	int64_t id;
	struct refusal rf;
	assert_int_equal(person_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(person_batch_find_same(&x, b, &first), NCT_OK);
	assert_int_equal(first, 10); /* recorded in the store */
	assert_string_equal(person_batch_name(b, first), "B Batch 10");
	person_batch_free(b);

	/* 200 new people: ids after the one written alone, in the batch's order,
	 * each with a residence, search keys and an audit row */
	b = person_batch_new();
	for (int i = 1000; i < 1200; i++)
		batch_add(b, i);
	assert_int_equal(person_batch_find_same(&x, b, &first), NCT_OK);
	assert_int_equal(first, 200);
	int64_t n = persons();
	int64_t audits = int_of("SELECT COUNT(*) FROM audit WHERE entity = 'person'");
	assert_int_equal(unit_begin(&x), NCT_OK);
	assert_int_equal(unit_end(&x, person_batch_write(&x, b)), NCT_OK);
	assert_int_equal(person_batch_count(b), 0);
	person_batch_free(b);
	assert_int_equal(persons(), n + 200);
	assert_int_equal(int_of("SELECT COUNT(*) FROM audit WHERE entity = 'person'"),
	                 audits + 200);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons p JOIN person_facts f"
	                        " ON f.person_id = p.id AND f.kind = 'residence'"
	                        " WHERE p.full_name LIKE 'B Batch 1___'"),
	                 200);
	int64_t lo = int_of("SELECT MIN(id) FROM persons WHERE full_name = 'B Batch 1000'");
	assert_int_equal(int_of("SELECT id FROM persons WHERE full_name = 'B Batch 1199'"),
	                 lo + 199);
	assert_true(lo > id);
	assert_int_equal(found("b batch 1150"), 1);
	assert_int_equal(found("b batch 1199"), 1);
}

static void test_an_xlsx_is_read_like_a_csv(void **state)
{
	(void)state;
	static const struct table_col cols[] = {{"full_name", "Họ và tên", COL_TEXT, 0},
	                                        {"sex", "Giới tính", COL_TEXT, 0},
	                                        {"birth", "Ngày sinh", COL_DATE, 0},
	                                        {"place", "Mã xã", COL_TEXT, 0}};
	struct table tb;
	char xpath[320];
	table_init(&tb, "Danh sách", cols, 4);
	assert_int_equal(table_add_row(&tb), NCT_OK);
	assert_int_equal(table_set_text(&tb, 0, "Y Nhen"), NCT_OK);
	assert_int_equal(table_set_text(&tb, 1, "nữ"), NCT_OK);
	assert_int_equal(table_set_text(&tb, 2, "1946-02-03"), NCT_OK);
	assert_int_equal(table_set_text(&tb, 3, OWN), NCT_OK);
	snprintf(xpath, sizeof xpath, "%s/persons.xlsx", t.dir);
	const struct table *tables[] = {&tb};
	assert_int_equal(xlsx_write_file(tables, 1, "vi", xpath), NCT_OK);
	table_free(&tb);
	struct person_import_opts o = {false, NULL, NULL, NULL, NULL};
	person_import_report_free(&rep);
	assert_int_equal(persons_import_path(&x, xpath, &o, &rep, msg, sizeof msg), NCT_OK);
	assert_int_equal(rep.base.created, 1);
	assert_int_equal(int_of("SELECT COUNT(*) FROM persons WHERE full_name = 'Y Nhen' AND"
	                        " birth = '1946-02-03'"),
	                 1);
	unlink(xpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_the_columns_are_mapped_from_vietnamese_header_words_below_a_title),
	    cmocka_unit_test(test_a_mapping_changed_by_hand_is_remembered_for_the_same_header_row),
	    cmocka_unit_test(test_every_bad_row_is_reported_with_its_reason_and_nothing_is_written),
	    cmocka_unit_test(test_a_file_without_a_header_or_rows_is_refused_as_a_whole),
	    cmocka_unit_test(
	        test_a_file_that_is_not_utf8_csv_text_is_refused_naming_the_line_and_byte),
	    cmocka_unit_test(test_a_bad_byte_far_into_a_large_file_is_named_by_its_line_and_byte),
	    cmocka_unit_test(test_uploads_left_for_over_a_day_are_removed_and_nothing_else),
	    cmocka_unit_test(
	        test_names_in_capitals_are_recorded_in_title_case_and_births_as_written),
	    cmocka_unit_test(
	        test_duplicates_in_the_file_and_the_store_are_reported_not_recorded_twice),
	    cmocka_unit_test(test_a_change_between_the_check_and_the_write_leaves_nothing_written),
	    cmocka_unit_test(test_an_xlsx_is_read_like_a_csv),
	    cmocka_unit_test(test_the_check_pass_asks_by_batches_and_reports_as_row_by_row),
	    cmocka_unit_test(test_the_same_person_is_found_for_many_keys_as_for_one),
	    cmocka_unit_test(test_a_batch_of_rows_is_looked_up_by_index_seeks_not_a_scan),
	    cmocka_unit_test(
	        test_a_batch_names_its_first_person_recorded_before_and_writes_as_one_by_one),
	    cmocka_unit_test(
	        test_a_large_import_leaves_the_indexes_as_they_were_and_search_finds_it),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	person_import_report_free(&rep);
	unlink(path);
	return rc;
}

/* test_export.c - export tables written as CSV and XLSX, spreadsheets read
 * back, and the member importer: all or nothing, every
 * bad line reported, nobody recorded twice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/buf.h"
#include "domain/activity.h"
#include "domain/club.h"
#include "domain/fund.h"
#include "domain/membership.h"
#include "export/club_tables.h"
#include "export/csvout.h"
#include "export/import.h"
#include "export/list_file.h"
#include "export/xlsx.h"
#include "export/xlsx_read.h"
#include "seed/place_load.h"
#include "testctx.h"
#include "testdb.h"

static struct testdb t;
static struct ctx x;      /* the system, as the command line acts */
static struct refusal rf; /* why the domain last refused */
static char msg[256];

static const struct table_col cols[] = {
    {"name", "Họ tên", COL_TEXT, 0},
    {"on", "Ngày", COL_DATE, 0},
    {"born", "Năm sinh", COL_INT, 0},
    {"amount", "Số tiền", COL_MONEY, 0},
};

static int setup(void **state)
{
	(void)state;
	struct place_load_report rep;
	testdb_open(&t);
	ctx_system(&x, t.db, "test");
	return place_load_reference(&x, &rep, msg, sizeof msg) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

/* A new club founded 2025-08-01 in commune 23500. */
static struct club new_club(const char *code)
{
	struct club_new in = {code, "CLB Liên thế hệ", "ishc", "23500", "2025-08-01"};
	struct club c;
	int64_t id;
	assert_int_equal(club_create(&x, &in, &id, &rf), NCT_OK);
	assert_int_equal(club_get(&x, code, date_today_vn(), &c), NCT_OK);
	return c;
}

static int64_t count_persons(void)
{
	struct db_stmt *st = db_prepare(t.db, "SELECT COUNT(*) FROM persons");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_done(st);
	return n;
}

static size_t count_members(const struct club *c)
{
	struct member *v;
	size_t n;
	assert_int_equal(club_members(&x, c, &v, &n), NCT_OK);
	free(v);
	return n;
}

static nct_err import_text(const struct club *c, const char *csv, bool dry,
                           struct import_report *rep)
{
	return members_import_file(&x, c, csv, strlen(csv), dry, rep);
}

/* ---- CSV ---------------------------------------------------------------- */

static void sample_table(struct table *tb)
{
	table_init(tb, "Mẫu", cols, 4);
	assert_int_equal(table_add_row(tb), NCT_OK);
	assert_int_equal(table_set_text(tb, 0, "Nguyễn Thị Ánh"), NCT_OK);
	assert_int_equal(table_set_text(tb, 1, "2025-09-01"), NCT_OK);
	assert_int_equal(table_set_int(tb, 2, 1950), NCT_OK);
	assert_int_equal(table_set_int(tb, 3, 50000000), NCT_OK);
	assert_int_equal(table_add_row(tb), NCT_OK);
	assert_int_equal(table_set_text(tb, 0, "Lê \"Bà\" Tư, thôn 2\nxã Đắk Hà"), NCT_OK);
}

static void test_csv_starts_with_a_bom_ends_lines_with_crlf_and_quotes_what_needs_it(void **s)
{
	(void)s;
	struct table tb;
	struct buf out;
	sample_table(&tb);
	buf_init(&out, 4096);
	assert_int_equal(csvout_write(&tb, "vi", &out), NCT_OK);
	assert_string_equal(buf_str(&out), "\xEF\xBB\xBFHọ tên,Ngày,Năm sinh,Số tiền\r\n"
	                                   "Nguyễn Thị Ánh,2025-09-01,1950,50000000\r\n"
	                                   "\"Lê \"\"Bà\"\" Tư, thôn 2\nxã Đắk Hà\",,,\r\n");
	buf_reset(&out);
	assert_int_equal(csvout_write(&tb, "en", &out), NCT_OK);
	static const char en[] = "\xEF\xBB\xBFname,on,born,amount\r\n";
	assert_memory_equal(buf_str(&out), en, sizeof en - 1);
	table_free(&tb);
	buf_free(&out);
}

static void test_csv_puts_an_apostrophe_before_text_excel_would_run_as_a_formula(void **s)
{
	(void)s;
	struct table tb;
	struct buf out;
	table_init(&tb, "x", cols, 4);
	assert_int_equal(table_add_row(&tb), NCT_OK);
	assert_int_equal(table_set_text(&tb, 0, "=HYPERLINK(\"http://x\")"), NCT_OK);
	assert_int_equal(table_set_int(&tb, 3, -250000), NCT_OK);
	buf_init(&out, 4096);
	assert_int_equal(csvout_write(&tb, "en", &out), NCT_OK);
	/* money is a number, so its minus sign stays as it is */
	assert_non_null(
	    strstr(buf_str(&out), "\r\n\"'=HYPERLINK(\"\"http://x\"\")\",,,-250000\r\n"));
	table_free(&tb);
	buf_free(&out);
}

static void test_a_table_refuses_a_malformed_date_and_the_wrong_type(void **s)
{
	(void)s;
	struct table tb;
	table_init(&tb, "x", cols, 4);
	/* each on a table of its own: a refusal stays (the next test) */
	for (int k = 0; k < 4; k++) {
		assert_int_equal(table_add_row(&tb), NCT_OK);
		nct_err e = k == 0   ? table_set_text(&tb, 1, "01/09/2025")
		            : k == 1 ? table_set_text(&tb, 2, "1950")
		            : k == 2 ? table_set_int(&tb, 0, 1)
		                     : table_set_text(&tb, 9, "x");
		assert_int_equal(e, NCT_ERR_INVALID);
		table_free(&tb);
	}
}

static void test_a_failed_cell_stays_failed_and_no_writer_writes_the_table(void **s)
{
	(void)s;
	struct table tb;
	struct buf out;
	const struct table *tp = &tb;
	table_init(&tb, "x", cols, 4);
	buf_init(&out, 1 << 20);
	assert_int_equal(table_add_row(&tb), NCT_OK);
	assert_int_equal(table_set_text(&tb, 0, "Nguyễn Thị Ánh"), NCT_OK);
	assert_int_equal(table_set_text(&tb, 1, "01/09/2025"), NCT_ERR_INVALID);
	/* what follows is not added, and says why */
	assert_int_equal(table_set_int(&tb, 2, 1950), NCT_ERR_INVALID);
	assert_int_equal(table_add_row(&tb), NCT_ERR_INVALID);
	assert_int_equal(tb.nrows, 1);
	assert_int_equal(table_error(&tb), NCT_ERR_INVALID);
	assert_int_equal(csvout_write(&tb, "vi", &out), NCT_ERR_INVALID);
	assert_int_equal(out.len, 0);
	assert_int_equal(csvout_rows(&tb, &out), NCT_ERR_INVALID);
	assert_int_equal(csvout_json(&tb, &out), NCT_ERR_INVALID);
	assert_int_equal(xlsx_write_buf(&tp, 1, "vi", &out), NCT_ERR_INVALID);
	assert_int_equal(out.len, 0);
	/* emptied, the table takes rows again */
	table_free(&tb);
	assert_int_equal(table_error(&tb), NCT_OK);
	assert_int_equal(table_add_row(&tb), NCT_OK);
	assert_int_equal(table_set_int(&tb, 2, 1950), NCT_OK);
	table_free(&tb);
	buf_free(&out);
}

static void test_json_export_keys_cells_by_column_id_with_null_for_empty(void **s)
{
	(void)s;
	struct table tb;
	struct buf out;
	sample_table(&tb);
	buf_init(&out, 4096);
	assert_int_equal(csvout_json(&tb, &out), NCT_OK);
	assert_non_null(strstr(buf_str(&out), "\"amount\": 50000000"));
	assert_non_null(strstr(buf_str(&out), "\"born\": null"));
	table_free(&tb);
	buf_free(&out);
}

/* ---- reading spreadsheets ---------------------------------------------- */

static void test_a_csv_sheet_keeps_line_numbers_and_skips_blank_lines(void **s)
{
	(void)s;
	static const char csv[] = "\xEF\xBB\xBF"
	                          "a,b\r\n\r\n,,\r\n\"x\ny\",z\r\n";
	struct sheet sh;
	assert_int_equal(sheet_read(csv, sizeof csv - 1, &sh, msg, sizeof msg), NCT_OK);
	assert_int_equal(sh.rows.n, 2);
	assert_int_equal(sheet_row(&sh, 0)->line, 1);
	assert_int_equal(sheet_row(&sh, 1)->line, 4);
	assert_string_equal(sheet_cell(&sh, 1, 0), "x\ny");
	assert_string_equal(sheet_cell(&sh, 1, 5), "");
	sheet_free(&sh);
}

static void test_a_csv_saved_in_a_windows_code_page_is_refused_with_advice(void **s)
{
	(void)s;
	static const char csv[] = "H\xe4 t\xean,Gi\xf3i\r\n"; /* not UTF-8 */
	struct sheet sh;
	assert_int_equal(sheet_read(csv, sizeof csv - 1, &sh, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "CSV UTF-8"));
	sheet_free(&sh);
}

static void test_an_xlsx_written_then_read_back_keeps_vietnamese_numbers_and_dates(void **s)
{
	(void)s;
	struct table tb;
	struct buf out;
	struct sheet sh;
	sample_table(&tb);
	const struct table *tp = &tb;
	buf_init(&out, 1 << 20);
	assert_int_equal(xlsx_write_buf(&tp, 1, "vi", &out), NCT_OK);
	assert_true(sheet_is_xlsx(out.ptr, out.len));
	assert_int_equal(sheet_read(out.ptr, out.len, &sh, msg, sizeof msg), NCT_OK);
	assert_int_equal(sh.rows.n, 3);
	assert_string_equal(sheet_cell(&sh, 0, 0), "Họ tên");
	assert_string_equal(sheet_cell(&sh, 0, 3), "Số tiền");
	assert_string_equal(sheet_cell(&sh, 1, 0), "Nguyễn Thị Ánh");
	assert_string_equal(sheet_cell(&sh, 1, 1), "2025-09-01");
	assert_string_equal(sheet_cell(&sh, 1, 2), "1950");
	assert_string_equal(sheet_cell(&sh, 1, 3), "50000000");
	assert_string_equal(sheet_cell(&sh, 2, 0), "Lê \"Bà\" Tư, thôn 2\nxã Đắk Hà");
	assert_int_equal(sheet_row(&sh, 2)->line, 3);
	assert_int_equal(sheet_row(&sh, 2)->n, 1);
	sheet_free(&sh);
	table_free(&tb);
	buf_free(&out);
}

/* A page of n rows into f. */
static nct_err list_rows(struct list_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(table_add_row(&f->page), NCT_OK);
		assert_int_equal(table_set_text(&f->page, 0, "Người"), NCT_OK);
	}
	return list_file_page(f);
}

/* Big list files are built LIST_FILES_BIG_AT_ONCE at a time: one more is
 * refused (to try again later) when it becomes big, not before, and gets its
 * turn once one of the others ended or was dropped; small files always do. */
static void test_a_big_list_file_beyond_those_built_at_once_waits_for_one_to_end(void **s)
{
	(void)s;
	size_t was = list_file_big_rows;
	list_file_big_rows = 10;
	struct list_file f[LIST_FILES_BIG_AT_ONCE + 2];
	struct buf out[LIST_FILES_BIG_AT_ONCE + 2];
	size_t n = sizeof f / sizeof f[0];
	for (size_t i = 0; i < n; i++) {
		buf_init(&out[i], 1 << 20);
		list_file_init(&f[i], i % 2, "Mẫu", cols, 4, "vi", &out[i]);
	}
	for (size_t i = 0; i < LIST_FILES_BIG_AT_ONCE; i++)
		assert_int_equal(list_rows(&f[i], 11), NCT_OK);
	size_t extra = LIST_FILES_BIG_AT_ONCE, small = extra + 1;
	assert_int_equal(list_rows(&f[extra], 10), NCT_OK); /* not big yet */
	assert_int_equal(list_rows(&f[extra], 1), NCT_ERR_BUSY);
	list_file_drop(&f[extra]);
	assert_int_equal(list_rows(&f[small], 5), NCT_OK);
	assert_int_equal(list_file_end(&f[small]), NCT_OK);

	assert_int_equal(list_file_end(&f[0]), NCT_OK); /* one ends: the next has its turn */
	buf_reset(&out[extra]);
	list_file_init(&f[extra], false, "Mẫu", cols, 4, "vi", &out[extra]);
	assert_int_equal(list_rows(&f[extra], 20), NCT_OK);
	assert_int_equal(list_file_end(&f[extra]), NCT_OK);
	for (size_t i = 1; i < LIST_FILES_BIG_AT_ONCE; i++)
		list_file_drop(&f[i]);
	for (size_t i = 0; i < n; i++)
		buf_free(&out[i]);
	list_file_big_rows = was;
}

/* A list written a page at a time is the file written whole: the CSV byte for
 * byte, the XLSX cell for cell; a list of none is its header alone. */
static void test_a_list_file_written_a_page_at_a_time_is_the_file_written_whole(void **s)
{
	(void)s;
	for (int xlsx = 0; xlsx < 2; xlsx++)
		for (size_t rows = 0; rows <= 2500; rows += 1250) {
			struct table whole;
			struct list_file f;
			struct buf a, b;
			char name[48];
			buf_init(&a, 1 << 22);
			buf_init(&b, 1 << 22);
			table_init(&whole, "Mẫu", cols, 4);
			list_file_init(&f, xlsx, "Mẫu", cols, 4, "vi", &b);
			for (size_t i = 0; i < rows; i++) {
				snprintf(name, sizeof name, "Người %zu", i);
				for (struct table *tb = &whole; tb;
				     tb = tb == &whole ? &f.page : NULL) {
					assert_int_equal(table_add_row(tb), NCT_OK);
					assert_int_equal(table_set_text(tb, 0, name), NCT_OK);
					assert_int_equal(table_set_text(tb, 1, "2025-09-01"),
					                 NCT_OK);
					assert_int_equal(
					    table_set_int(tb, 2, 1900 + (int64_t)(i % 100)),
					    NCT_OK);
				}
				if (f.page.nrows == 1000)
					assert_int_equal(list_file_page(&f), NCT_OK);
			}
			if (f.page.nrows)
				assert_int_equal(list_file_page(&f), NCT_OK);
			assert_int_equal(list_file_end(&f), NCT_OK);
			assert_int_equal(f.rows, rows);
			const struct table *tp = &whole;
			assert_int_equal(xlsx ? xlsx_write_buf(&tp, 1, "vi", &a)
			                      : csvout_write(&whole, "vi", &a),
			                 NCT_OK);
			if (!xlsx) {
				assert_int_equal(a.len, b.len);
				assert_memory_equal(a.ptr, b.ptr, a.len);
			} else {
				struct sheet sa, sb;
				assert_int_equal(sheet_read(a.ptr, a.len, &sa, msg, sizeof msg),
				                 NCT_OK);
				assert_int_equal(sheet_read(b.ptr, b.len, &sb, msg, sizeof msg),
				                 NCT_OK);
				assert_int_equal(sa.rows.n, rows + 1);
				assert_int_equal(sb.rows.n, rows + 1);
				for (size_t r = 0; r < sa.rows.n; r++)
					for (size_t c = 0; c < 4; c++)
						assert_string_equal(sheet_cell(&sa, r, c),
						                    sheet_cell(&sb, r, c));
				sheet_free(&sa);
				sheet_free(&sb);
			}
			table_free(&whole);
			buf_free(&a);
			buf_free(&b);
		}
}

/* A zip of the given parts (name, text), built in memory. */
static void zip_make(const char *const parts[][2], size_t n, struct buf *out)
{
	zip_error_t ze;
	zip_stat_t st;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *p = zip_source_buffer(za, parts[i][1], strlen(parts[i][1]), 0);
		assert_true(zip_file_add(za, parts[i][0], p, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	buf_init(out, st.size + 1);
	char *tmp = malloc(st.size);
	assert_int_equal(zip_source_read(src, tmp, st.size), (zip_int64_t)st.size);
	assert_int_equal(buf_add(out, tmp, st.size), NCT_OK);
	free(tmp);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char wb1904[] =
    "<workbook " NS " xmlns:r=\"" REL "\"><workbookPr date1904=\"1\"/><sheets>"
    "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId7\" Type=\"" REL "/worksheet\" Target=\"worksheets/data.xml\"/>"
    "<Relationship Id=\"rId8\" Type=\"" REL "/sharedStrings\" Target=\"/xl/strings.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"" REL "/styles\" Target=\"styles.xml\"/></Relationships>";
static const char styles[] =
    "<styleSheet " NS "><numFmts count=\"3\"><numFmt numFmtId=\"164\" "
    "formatCode=\"dd/mm/yyyy;@\"/><numFmt numFmtId=\"165\" formatCode=\"[$-42A]yyyy\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"h:mm AM/PM\"/></numFmts><cellStyleXfs count=\"1\"><xf "
    "numFmtId=\"14\"/>"
    "</cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"3\"/><xf numFmtId=\"17\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
    "</cellXfs></styleSheet>";
static const char strings[] =
    "<sst " NS "><si><t>Họ tên</t></si><si><r><t xml:space=\"preserve\">Nguyễn </t></r><r>"
    "<rPr><b/></rPr><t>Thị Mai</t></r><rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si></sst>";
static const char data[] =
    "<worksheet " NS "><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
    "<c r=\"C2\" t=\"inlineStr\"><is><t>Ngày &amp; giờ</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" s=\"1\"><v>44000</v></c>"
    "<c r=\"C3\" s=\"2\"><v>1500000</v></c><c r=\"D3\" t=\"b\"><v>1</v></c>"
    "<c r=\"E3\"><f>1+1</f><v>2</v></c><c r=\"F3\" s=\"0\"/></row>"
    "<row r=\"4\"><c s=\"3\"><v>44000</v></c><c s=\"4\"><v>44000</v></c><c s=\"5\"><v>0.5</v>"
    "</c></row></sheetData></worksheet>";

static void test_the_reader_follows_relationships_and_reads_every_kind_of_cell(void **s)
{
	(void)s;
	const char *const parts[][2] = {{"xl/workbook.xml", wb1904},
	                                {"xl/_rels/workbook.xml.rels", rels},
	                                {"xl/styles.xml", styles},
	                                {"xl/strings.xml", strings},
	                                {"xl/worksheets/data.xml", data}};
	struct buf z;
	struct sheet sh;
	zip_make(parts, 5, &z);
	assert_int_equal(sheet_read(z.ptr, z.len, &sh, msg, sizeof msg), NCT_OK);
	assert_int_equal(sh.rows.n, 3);
	assert_int_equal(sheet_row(&sh, 0)->line, 2);
	assert_string_equal(sheet_cell(&sh, 0, 0), "Họ tên");
	assert_string_equal(sheet_cell(&sh, 0, 1), "");
	assert_string_equal(sheet_cell(&sh, 0, 2), "Ngày & giờ");
	assert_string_equal(sheet_cell(&sh, 1, 0), "Nguyễn Thị Mai");
	assert_string_equal(sheet_cell(&sh, 1, 1), "2024-06-19"); /* 1904 dates */
	assert_string_equal(sheet_cell(&sh, 1, 2), "1500000");    /* #,##0 is no date */
	assert_string_equal(sheet_cell(&sh, 1, 3), "1");
	assert_string_equal(sheet_cell(&sh, 1, 4), "2");
	assert_int_equal(sheet_row(&sh, 1)->n, 5);
	assert_string_equal(sheet_cell(&sh, 2, 0), "2024-06"); /* mmm-yy: a month */
	assert_string_equal(sheet_cell(&sh, 2, 1), "2024");    /* yyyy: a year */
	assert_string_equal(sheet_cell(&sh, 2, 2), "0.5");     /* h:mm is no date */
	sheet_free(&sh);
	buf_free(&z);
}

static void test_the_reader_refuses_a_doctype(void **s)
{
	(void)s;
	static const char evil[] = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]>"
	                           "<workbook " NS "><sheets/></workbook>";
	const char *const parts[][2] = {{"xl/workbook.xml", evil}};
	struct buf z;
	struct sheet sh;
	zip_make(parts, 1, &z);
	assert_int_equal(sheet_read(z.ptr, z.len, &sh, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "DOCTYPE"));
	assert_int_equal(sh.rows.n, 0);
	sheet_free(&sh);
	buf_free(&z);
}

static void test_the_reader_stops_a_zip_that_unzips_past_32_mib(void **s)
{
	(void)s;
	size_t big = XLSX_MAX_UNZIPPED + 1024;
	char *sheet = malloc(big + 1);
	assert_non_null(sheet);
	memset(sheet, ' ', big);
	memcpy(sheet, "<worksheet>", 11);
	sheet[big] = '\0';
	const char *const parts[][2] = {{"xl/workbook.xml", wb1904},
	                                {"xl/_rels/workbook.xml.rels", rels},
	                                {"xl/worksheets/data.xml", sheet}};
	struct buf z;
	struct sheet sh;
	zip_make(parts, 3, &z);
	free(sheet);
	assert_true(z.len < 1024 * 1024);
	assert_int_equal(sheet_read(z.ptr, z.len, &sh, msg, sizeof msg), NCT_ERR_TOOBIG);
	sheet_free(&sh);
	buf_free(&z);
}

static void test_a_zip_that_is_no_workbook_is_refused(void **s)
{
	(void)s;
	const char *const parts[][2] = {{"readme.txt", "hello"}};
	struct buf z;
	struct sheet sh;
	zip_make(parts, 1, &z);
	assert_int_equal(sheet_read(z.ptr, z.len, &sh, msg, sizeof msg), NCT_ERR_INVALID);
	assert_non_null(strstr(msg, "workbook"));
	sheet_free(&sh);
	buf_free(&z);
	assert_int_equal(sheet_read("PK\x03\x04garbage", 11, &sh, msg, sizeof msg),
	                 NCT_ERR_INVALID);
	sheet_free(&sh);
}

/* ---- importing members --------------------------------------------------- */

static const char bad_file[] =
    "Họ tên,Giới tính,Năm sinh,Mã nơi ở,Hộ nghèo,Ngày vào,Tình nguyện viên\r\n"
    "Nguyễn Thị Mai,nữ,1955,23500,x,01/09/2025,\r\n"
    "Trần Văn Hùng,nam,03/1950,,,2025-09-01,x\r\n"
    "Lê Thị Hoa,khác,1960,,,01/09/2025,\r\n"
    "Phạm Văn Nam,nam,1948,,,01/09/2025,\r\n"
    "Đỗ Thị Lan,nữ,1958,,có lẽ,01/09/2025,\r\n"
    "Vũ Thị Thu,nữ,1962,,,01/01/2020,\r\n";

static const char good_file[] =
    "Họ tên,Giới tính,Năm sinh,Mã nơi ở,Hộ nghèo,Ngày vào,Tình nguyện viên\r\n"
    "Nguyễn Thị Mai,nữ,1955,23500,x,01/09/2025,\r\n"
    "Trần Văn Hùng,nam,03/1950,,,2025-09-01,x\r\n"
    "Lê Thị Hoa,nữ,1960,,,01/09/2025,\r\n"
    "Phạm Văn Nam,nam,1948,,,01/09/2025,\r\n"
    "Đỗ Thị Lan,nữ,1958,,có,01/09/2025,\r\n"
    "Vũ Thị Thu,nữ,1962,,,15/09/2025,\r\n";

static void test_an_import_with_bad_rows_writes_nothing_and_lists_exactly_the_bad_lines(void **s)
{
	(void)s;
	struct club c = new_club("IMP-1");
	struct import_report rep;
	int64_t before = count_persons();
	assert_int_equal(import_text(&c, bad_file, false, &rep), NCT_ERR_INVALID);
	assert_false(rep.written);
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.issues.n, 3);
	assert_int_equal(import_issue(&rep, 0)->line, 4);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_NOT_ONE_OF);
	assert_string_equal(import_issue(&rep, 0)->rf.field, "sex");
	assert_int_equal(import_issue(&rep, 1)->line, 6);
	assert_int_equal(import_issue(&rep, 1)->rf.code, RF_IMPORT_YES_NO);
	assert_string_equal(import_issue(&rep, 1)->rf.field, "poor");
	assert_int_equal(import_issue(&rep, 2)->line, 7);
	assert_string_equal(import_issue(&rep, 2)->rf.field, "joined_on");
	assert_int_equal(rep.result, NCT_ERR_INVALID);
	assert_int_equal(count_members(&c), 0);
	assert_int_equal(count_persons(), before);
	import_report_free(&rep);
}

/* A file of more members than IMPORT_MAX_ROWS is refused whole, on its header
 * line, before any row is looked at: nothing is written. */
static void test_a_file_of_more_than_five_hundred_members_is_refused_whole(void **s)
{
	(void)s;
	struct club c = new_club("IMP-MAX");
	struct import_report rep;
	struct buf b;
	buf_init(&b, 1u << 20);
	assert_int_equal(buf_adds(&b, "Họ tên,Giới tính,Năm sinh,Ngày vào\r\n"), NCT_OK);
	for (int i = 0; i <= IMPORT_MAX_ROWS; i++)
		assert_int_equal(buf_printf(&b, "Người Số %d,nữ,1950,01/09/2025\r\n", i), NCT_OK);
	int64_t before = count_persons();
	assert_int_equal(IMPORT_MAX_ROWS, 500);
	assert_int_equal(members_import_file(&x, &c, buf_str(&b), b.len, false, &rep),
	                 NCT_ERR_TOOBIG);
	assert_false(rep.written);
	assert_int_equal(rep.rows, IMPORT_MAX_ROWS + 1);
	assert_int_equal(import_issue(&rep, 0)->line, 0);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_IMPORT_TOO_MANY);
	assert_string_equal(import_issue(&rep, 0)->rf.arg[1].v, "500");
	assert_int_equal(count_members(&c), 0);
	assert_int_equal(count_persons(), before);
	import_report_free(&rep);
	buf_free(&b);
}

static void test_the_same_file_fixed_imports_every_row(void **s)
{
	(void)s;
	struct club c = new_club("IMP-2");
	struct import_report rep;
	struct member *v;
	size_t n;
	int64_t before = count_persons();
	assert_int_equal(import_text(&c, good_file, false, &rep), NCT_OK);
	assert_true(rep.written);
	assert_int_equal(rep.issues.n, 0);
	assert_int_equal(rep.rows, 6);
	assert_int_equal(rep.created, 6);
	assert_int_equal(count_persons(), before + 6);
	assert_int_equal(club_members(&x, &c, &v, &n), NCT_OK);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++) {
		const struct person *p = &v[i].person;
		if (strcmp(p->full_name, "Nguyễn Thị Mai") == 0)
			assert_int_equal(p->hardship, HARDSHIP_POOR);
		if (strcmp(p->full_name, "Trần Văn Hùng") == 0) {
			assert_true(v[i].volunteer);
			assert_int_equal(p->birth.month, 3);
			assert_string_equal(v[i].joined_on, "2025-09-01");
		}
		if (strcmp(p->full_name, "Vũ Thị Thu") == 0)
			assert_string_equal(v[i].joined_on, "2025-09-15");
	}
	free(v);
	import_report_free(&rep);
}

static void test_a_dry_run_checks_every_row_and_writes_nothing(void **s)
{
	(void)s;
	struct club c = new_club("IMP-3");
	struct import_report rep;
	static const char file[] = "full_name,sex,birth,joined_on\n"
	                           "Bùi Thị Dung,F,1951-04-02,2025-10-01\n"
	                           "Bùi Văn Tám,M,1949,2025-10-01\n";
	int64_t before = count_persons();
	assert_int_equal(import_text(&c, file, true, &rep), NCT_OK);
	assert_false(rep.written);
	assert_int_equal(rep.created, 2);
	assert_true(rep.dry_run);
	assert_int_equal(rep.result, NCT_OK);
	assert_int_equal(count_members(&c), 0);
	assert_int_equal(count_persons(), before);
	import_report_free(&rep);
}

static void test_a_person_already_recorded_is_not_recorded_twice(void **s)
{
	(void)s;
	struct club c = new_club("IMP-4");
	struct import_report rep;
	struct person_new p = {"Hoàng Thị Yến", "nữ", "1952", "23500", 0};
	int64_t id;
	static const char file[] = "Họ và tên,Giới tính,Năm sinh,Ngày vào\n"
	                           "HOÀNG  THỊ YẾN,nữ,1952,01/10/2025\n"
	                           "Hoàng Thị Yến,nữ,1953,01/10/2025\n";
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	int64_t before = count_persons();
	assert_int_equal(import_text(&c, file, false, &rep), NCT_OK);
	assert_int_equal(rep.existing, 1); /* same name, birth and place */
	assert_int_equal(rep.created, 1);  /* born a year later: someone else */
	assert_int_equal(count_persons(), before + 1);
	assert_int_equal(count_members(&c), 2);
	import_report_free(&rep);
	/* the same file again: both are members already, so nothing is written */
	assert_int_equal(import_text(&c, file, false, &rep), NCT_ERR_INVALID);
	assert_int_equal(rep.issues.n, 2);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_ALREADY_MEMBER);
	assert_int_equal(count_members(&c), 2);
	import_report_free(&rep);
}

static void test_a_missing_required_column_is_reported_on_the_header_line(void **s)
{
	(void)s;
	struct club c = new_club("IMP-5");
	struct import_report rep;
	static const char file[] = "DANH SÁCH THÀNH VIÊN\n"
	                           "Họ tên,Năm sinh (YYYY),Ngày vào,Họ tên\n"
	                           "Mai,1950,01/10/2025,Mai\n";
	assert_int_equal(import_text(&c, file, false, &rep), NCT_ERR_INVALID);
	assert_int_equal(rep.issues.n, 2);
	assert_int_equal(import_issue(&rep, 0)->line, 2);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_IMPORT_COLUMN_TWICE);
	assert_string_equal(import_issue(&rep, 0)->rf.field, "full_name");
	assert_string_equal(import_issue(&rep, 0)->rf.arg[0].v, "A");
	assert_string_equal(import_issue(&rep, 0)->rf.arg[1].v, "D");
	assert_int_equal(import_issue(&rep, 1)->rf.code, RF_IMPORT_COLUMN_MISSING);
	assert_string_equal(import_issue(&rep, 1)->rf.field, "sex");
	import_report_free(&rep);
	assert_int_equal(import_text(&c, "a;b;c\n1;2;3\n", false, &rep), NCT_ERR_INVALID);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_IMPORT_SEMICOLONS);
	import_report_free(&rep);
}

/* An .xlsx as offices make them: a title, a blank row, then the header. */
static void office_xlsx(struct buf *out)
{
	char path[] = "/tmp/nct-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	static const char *const head[] = {"STT",       "full_name", "sex",        "birth",
	                                   "joined_on", "volunteer", "lives_alone"};
	worksheet_write_string(ws, 0, 0, "DANH SÁCH HỘI VIÊN CLB", NULL);
	for (lxw_col_t i = 0; i < 7; i++)
		worksheet_write_string(ws, 2, i, head[i], NULL);
	lxw_datetime oct = {2025, 10, 5, 0, 0, 0};
	for (lxw_row_t r = 3; r < 5; r++) {
		worksheet_write_number(ws, r, 0, r - 2, NULL);
		worksheet_write_string(ws, r, 1, r == 3 ? "Đinh Thị Nga" : "Đinh Văn Sơn", NULL);
		worksheet_write_string(ws, r, 2, r == 3 ? "Nữ" : "Nam", NULL);
		worksheet_write_number(ws, r, 3, 1947, NULL);
		worksheet_write_datetime(ws, r, 4, &oct, date);
		worksheet_write_string(ws, r, 5, r == 3 ? "Có" : "", NULL);
		worksheet_write_string(ws, r, 6, r == 3 ? "✓" : "không", NULL);
	}
	worksheet_write_number(ws, 5, 0, 3, NULL); /* a numbered row left empty */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fdopen(fd, "rb");
	char chunk[4096];
	size_t k;
	buf_init(out, 1 << 20);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(buf_add(out, chunk, k), NCT_OK);
	fclose(f);
	unlink(path);
}

static void test_an_office_xlsx_with_a_title_row_and_english_headers_imports(void **s)
{
	(void)s;
	struct club c = new_club("IMP-6");
	struct import_report rep;
	struct member *v;
	size_t n;
	struct buf xb;
	office_xlsx(&xb);
	assert_int_equal(members_import_file(&x, &c, xb.ptr, xb.len, false, &rep), NCT_OK);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(club_members(&x, &c, &v, &n), NCT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].person.full_name, "Đinh Thị Nga");
	assert_string_equal(v[0].joined_on, "2025-10-05");
	assert_true(v[0].volunteer);
	assert_int_equal(v[0].person.hardship, HARDSHIP_LIVES_ALONE);
	assert_int_equal(v[1].person.sex, 'M');
	assert_false(v[1].volunteer);
	free(v);
	import_report_free(&rep);
	buf_free(&xb);
}

static void test_the_members_export_imports_back_into_another_club(void **s)
{
	(void)s;
	struct club from = new_club("IMP-7"), to = new_club("IMP-8");
	struct table tb;
	struct buf xb;
	struct import_report rep;
	assert_int_equal(import_text(&from, good_file, false, &rep), NCT_OK);
	import_report_free(&rep);
	assert_int_equal(members_table(&x, &from, "vi", &tb), NCT_OK);
	assert_int_equal(tb.nrows, 6);
	assert_string_equal(table_header(&tb, 1, "vi"), "Họ tên");
	const struct table *tp = &tb;
	buf_init(&xb, 1 << 20);
	assert_int_equal(xlsx_write_buf(&tp, 1, "vi", &xb), NCT_OK);
	int64_t before = count_persons();
	assert_int_equal(members_import_file(&x, &to, xb.ptr, xb.len, false, &rep), NCT_OK);
	assert_int_equal(rep.existing, 6);
	assert_int_equal(rep.created, 0);
	assert_int_equal(count_persons(), before);
	assert_int_equal(count_members(&to), 6);
	import_report_free(&rep);
	buf_reset(&xb);
	assert_int_equal(csvout_write(&tb, "en", &xb), NCT_OK);
	assert_non_null(strstr(buf_str(&xb), "no,full_name,sex,birth,place,place_name,poor,"));
	assert_non_null(strstr(buf_str(&xb), "Trần Văn Hùng,nam,03/1950,23500,"));
	/* one form of date in the file: joining dates dd/mm/yyyy like the births */
	assert_null(strstr(buf_str(&xb), ",2025-"));
	assert_non_null(strstr(buf_str(&xb), ",01/09/2025,"));
	/* and the CSV imports back as it is */
	struct club again = new_club("IMP-CSV");
	assert_int_equal(members_import_file(&x, &again, xb.ptr, xb.len, false, &rep), NCT_OK);
	assert_int_equal(rep.existing, 6);
	assert_int_equal(rep.created, 0);
	assert_int_equal(count_members(&again), 6);
	import_report_free(&rep);
	table_free(&tb);
	buf_free(&xb);
}

static void test_a_former_member_in_the_file_is_refused_with_a_reason(void **s)
{
	(void)s;
	struct club c = new_club("IMP-9");
	struct import_report rep;
	static const char file[] = "Họ tên,Giới tính,Năm sinh,Ngày vào,Ngày rời\n"
	                           "Cao Thị Bé,nữ,1950,01/09/2025,01/10/2025\n";
	assert_int_equal(import_text(&c, file, false, &rep), NCT_ERR_INVALID);
	assert_int_equal(import_issue(&rep, 0)->line, 2);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_IMPORT_FORMER_MEMBER);
	assert_string_equal(import_issue(&rep, 0)->rf.field, "left_on");
	import_report_free(&rep);
}

static bool on_postgresql(void)
{
	const char *pg = getenv("NCT_TEST_PG");
	return pg && *pg;
}

/* Another connection to the store holds its write lock until db_rollback(*w):
 * SQLite BEGIN IMMEDIATE; PostgreSQL a lock on the tables an import writes,
 * which lets reads through (and this connection gives up on a lock after 2 s). */
static void hold_the_write_lock(struct db **w)
{
	assert_int_equal(db_open(t.path, false, w, msg, sizeof msg), NCT_OK);
	assert_int_equal(db_begin(*w), NCT_OK);
	if (on_postgresql()) {
		assert_int_equal(
		    db_exec(*w, "LOCK TABLE persons, memberships, audit IN EXCLUSIVE MODE"),
		    NCT_OK);
		assert_int_equal(db_exec(t.db, "SET lock_timeout = '2s'"), NCT_OK);
	}
}

static void let_the_write_lock_go(struct db *w)
{
	db_rollback(w);
	db_close(w);
	if (on_postgresql())
		assert_int_equal(db_exec(t.db, "SET lock_timeout = 0"), NCT_OK);
}

static void test_a_dry_run_reads_only_while_another_connection_holds_the_write_lock(void **s)
{
	(void)s;
	struct club c = new_club("IMP-10");
	struct import_report rep;
	struct person_new p = {"Tạ Thị Lụa", "nữ", "1949", "23500", 0};
	int64_t id;
	static const char file[] = "full_name,sex,birth,joined_on\n"
	                           "Tạ Thị Lụa,F,1949,2025-10-01\n"
	                           "Tạ Văn Sâm,M,1950,2025-10-01\n";
	struct db *w;
	assert_int_equal(person_create(&x, &p, &id, &rf), NCT_OK);
	hold_the_write_lock(&w);
	assert_int_equal(import_text(&c, file, true, &rep), NCT_OK);
	let_the_write_lock_go(w);
	assert_int_equal(rep.existing, 1);
	assert_int_equal(rep.created, 1);
	assert_false(rep.written);
	assert_int_equal(count_members(&c), 0);
	import_report_free(&rep);
}

static void test_someone_recorded_between_the_check_and_the_write_rolls_back_every_row(void **s)
{
	(void)s;
	struct club c = new_club("IMP-11");
	const struct member_row rows[] = {
	    {{"Lý Thị Một", "nữ", "1950", "23500", 0}, "2025-09-01", false},
	    {{"Lý Văn Hai", "nam", "1951", "23500", 0}, "2025-09-01", true},
	    {{"Lý Thị Ba", "nữ", "1952", "23500", 0}, "2025-09-01", false},
	};
	struct member_row_result res[3];
	struct refusal why = {0};
	int64_t id;
	assert_int_equal(club_import_check(&x, &c, rows, 3, res, &why), NCT_OK);
	assert_false(res[1].existing);
	/* another user records the second row's person before the write */
	assert_int_equal(person_create(&x, &rows[1].person, &id, &rf), NCT_OK);
	int64_t before = count_persons();
	assert_int_equal(club_import_write(&x, &c, rows, 3, res, &why), NCT_ERR_CONFLICT);
	assert_int_equal(res[1].rf.code, RF_IMPORT_CHANGED);
	assert_int_equal(count_persons(), before); /* the first row's person is gone again */
	assert_int_equal(count_members(&c), 0);
	/* checked again, the row finds them and the import goes through */
	assert_int_equal(club_import_members(&x, &c, rows, 3, false, res, &why), NCT_OK);
	assert_true(res[1].existing);
	assert_int_equal(res[1].person_id, id);
	assert_int_equal(count_persons(), before + 2);
	assert_int_equal(count_members(&c), 3);
}

/* What person_index writes for a person: the derived columns, then the
 * search keys in order, one line each. */
static void derived_of(int64_t id, struct buf *out)
{
	struct db_stmt *st = db_prepare(t.db, "SELECT family_name, middle_name, given_name,"
	                                      " sort_key, birth_start, name_fold FROM persons"
	                                      " WHERE id = ?");
	assert_int_equal(db_bind_int(st, 1, id), NCT_OK);
	assert_int_equal(db_step(st), DB_ROW);
	for (int i = 0; i < 6; i++) {
		const char *v = db_col_text(st, i);
		assert_non_null(v);
		buf_add(out, v, strlen(v));
		buf_add(out, "\n", 1);
	}
	db_done(st);
	st = db_prepare(t.db, "SELECT key FROM person_name_keys WHERE person_id = ? ORDER BY key");
	assert_int_equal(db_bind_int(st, 1, id), NCT_OK);
	while (db_step(st) == DB_ROW) {
		buf_add(out, db_col_text(st, 0), strlen(db_col_text(st, 0)));
		buf_add(out, "\n", 1);
	}
	db_done(st);
}

static void
test_an_imported_or_created_person_is_written_with_what_reindexing_would_derive(void **s)
{
	(void)s;
	struct club c = new_club("IMP-13");
	const struct member_row rows[] = {
	    {{"Nguyễn Thị Bé", "nữ", "03/1950", "23500", 0}, "2025-09-01", false},
	    {{"A Hiang", "nam", "1951", "23500", 0}, "2025-09-01", false},
	    {{"Rơ Châm  Hương", "nữ", "15/06/1952", "23500", 0}, "2025-09-01", false},
	};
	const struct person_new created = {.full_name = "Hồ Văn Tạo",
	                                   .sex = "M",
	                                   .birth = "1952",
	                                   .place_code = "23500",
	                                   .resident_since = "2000-01-01"};
	struct member_row_result res[3];
	struct refusal why = {0};
	int64_t ids[4];
	assert_int_equal(club_import_members(&x, &c, rows, 3, false, res, &why), NCT_OK);
	for (size_t i = 0; i < 3; i++)
		ids[i] = res[i].person_id;
	assert_int_equal(person_create(&x, &created, &ids[3], &rf), NCT_OK);
	for (size_t i = 0; i < 4; i++) {
		struct buf written, reindexed;
		buf_init(&written, 1 << 16);
		buf_init(&reindexed, 1 << 16);
		derived_of(ids[i], &written);
		assert_int_equal(person_index(&x, ids[i]), NCT_OK);
		derived_of(ids[i], &reindexed);
		assert_true(written.len > 0);
		assert_string_equal(buf_str(&written), buf_str(&reindexed));
		buf_free(&written);
		buf_free(&reindexed);
	}
	struct person *found;
	size_t n;
	assert_int_equal(person_search(&x, "huong", 10, &found, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].id, ids[2]);
	free(found);
	assert_int_equal(person_search(&x, "van tao", 10, &found, &n), NCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].id, ids[3]);
	free(found);
}

static void test_one_person_twice_in_a_file_is_refused_and_nothing_is_written(void **s)
{
	(void)s;
	struct club c = new_club("IMP-12");
	struct import_report rep;
	static const char file[] = "full_name,sex,birth,joined_on\n"
	                           "Mạc Thị Hằng,F,1950,2025-10-01\n"
	                           "Mạc Văn Tư,M,1950,2025-10-01\n"
	                           "MẠC THỊ HẰNG,F,1950,2025-10-02\n";
	int64_t before = count_persons();
	assert_int_equal(import_text(&c, file, false, &rep), NCT_ERR_INVALID);
	assert_int_equal(rep.issues.n, 1);
	assert_int_equal(import_issue(&rep, 0)->line, 4);
	assert_int_equal(import_issue(&rep, 0)->rf.code, RF_ALREADY_MEMBER);
	assert_int_equal(count_persons(), before);
	import_report_free(&rep);
}

/* The plan of person_same_sql's lookup (its values written in), lines joined. */
static void lookup_plan(char *out, size_t cap)
{
	static char sql[1024]; /* statements are cached by their text's address */
	static const char *const values[] = {"'ta thi lua'", "'1949'"};
	size_t k = (size_t)snprintf(sql, sizeof sql, "%s",
	                            on_postgresql() ? "EXPLAIN " : "EXPLAIN QUERY PLAN ");
	int v = 0;
	for (const char *q = person_same_sql; *q && k + 16 < sizeof sql; q++) {
		if (*q == '?' && v < 2)
			k += (size_t)snprintf(sql + k, sizeof sql - k, "%s", values[v++]);
		else
			sql[k++] = *q;
	}
	sql[k] = '\0';
	struct db_stmt *st = db_prepare(t.db, sql);
	size_t n = 0;
	out[0] = '\0';
	while (db_step(st) == DB_ROW && n < cap)
		n += (size_t)snprintf(out + n, cap - n, "%s\n",
		                      db_col_text(st, on_postgresql() ? 0 : 3));
	db_done(st);
}

static void test_an_import_finds_each_person_by_an_index_seek_not_a_scan(void **s)
{
	(void)s;
	char plan[2048];
	if (on_postgresql()) /* the test's table is small: only a plan without scans is asked */
		assert_int_equal(db_exec(t.db, "SET enable_seqscan = off"), NCT_OK);
	lookup_plan(plan, sizeof plan);
	if (on_postgresql())
		assert_int_equal(db_exec(t.db, "SET enable_seqscan = on"), NCT_OK);
	assert_non_null(strstr(plan, "persons_same"));
	assert_null(strstr(plan, "SCAN p\n"));
	assert_null(strstr(plan, "Seq Scan on persons"));
}

/* ---- activities, ledger and loans ------------------------------------------ */

/* The table as CSV in lang, without its byte order mark. */
static const char *table_csv(const struct table *tb, const char *lang, struct buf *out)
{
	buf_reset(out);
	assert_int_equal(csvout_write(tb, lang, out), NCT_OK);
	return buf_str(out) + 3;
}

static void test_the_activities_export_lists_them_newest_first_with_the_area_name(void **s)
{
	(void)s;
	struct club c = new_club("EXP-ACT");
	struct activity_new a1 = {"2025-09-10", "health", "Khám sức khỏe định kỳ", 25,
	                          "Trạm y tế xã"};
	struct activity_new a2 = {"2025-10-05", "culture", "Văn nghệ mừng Trung thu", 40, NULL};
	struct table tb;
	struct buf xb;
	int64_t id;
	assert_int_equal(activity_add(&x, &c, &a1, &id, NULL), NCT_OK);
	assert_int_equal(activity_add(&x, &c, &a2, &id, NULL), NCT_OK);
	assert_non_null(club_export_find("activities"));
	assert_int_equal(activities_table(&x, &c, "vi", &tb), NCT_OK);
	assert_int_equal(tb.nrows, 2);
	buf_init(&xb, 4096);
	assert_string_equal(table_csv(&tb, "vi", &xb),
	                    "Ngày,Mã nội dung,Nội dung,Tên hoạt động,Số người tham gia,Ghi chú\r\n"
	                    "2025-10-05,culture,Văn hóa văn nghệ,Văn nghệ mừng Trung thu,40,\r\n"
	                    "2025-09-10,health,Chăm sóc sức khỏe,Khám sức khỏe định kỳ,25,"
	                    "Trạm y tế xã\r\n");
	assert_non_null(strstr(table_csv(&tb, "en", &xb),
	                       "on_date,area,area_name,title,participants,notes\r\n"));
	table_free(&tb);
	buf_free(&xb);
}

static void test_the_ledger_export_keeps_a_running_balance_per_fund(void **s)
{
	(void)s;
	struct club c = new_club("EXP-LED");
	struct fund_entry_new in1 = {"revolving", "contribution", "2025-08-05",      10000000,
	                             false,       false,          "Đóng góp tháng 8"};
	struct fund_entry_new in2 = {"activity", "contribution", "2025-08-06", 2000000,
	                             false,      false,          NULL};
	struct fund_entry_new in3 = {"activity", "expense", "2025-08-10", 500000,
	                             false,      false,     "Mua loa"};
	int64_t e1, e2, e3, e4;
	assert_int_equal(fund_entry_add(&x, &c, &in1, &e1, &rf), NCT_OK);
	assert_int_equal(fund_entry_add(&x, &c, &in2, &e2, &rf), NCT_OK);
	assert_int_equal(fund_entry_add(&x, &c, &in3, &e3, &rf), NCT_OK);
	struct fund_reversal rv = {e3, "2025-08-12", false, "Ghi nhầm"};
	assert_int_equal(fund_entry_reverse(&x, &c, &rv, &e4, &rf), NCT_OK);
	struct table tb;
	struct buf xb;
	char want[1024];
	assert_int_equal(ledger_table(&x, &c, "vi", &tb), NCT_OK);
	assert_int_equal(tb.nrows, 4);
	snprintf(want, sizeof want,
	         "Số bút toán,Ngày,Quỹ,Loại,Số tiền,Số dư quỹ,Điều chỉnh bút toán số,Ghi chú\r\n"
	         "%lld,2025-08-05,Quỹ tạo thu nhập (quỹ quay vòng),Đóng "
	         "góp,10000000,10000000,,Đóng góp tháng 8\r\n"
	         "%lld,2025-08-06,Quỹ hoạt động,Đóng góp,2000000,2000000,,\r\n"
	         "%lld,2025-08-10,Quỹ hoạt động,Chi,-500000,1500000,,Mua loa\r\n"
	         "%lld,2025-08-12,Quỹ hoạt động,Điều chỉnh,500000,2000000,%lld,Ghi nhầm\r\n",
	         (long long)e1, (long long)e2, (long long)e3, (long long)e4, (long long)e3);
	buf_init(&xb, 4096);
	assert_string_equal(table_csv(&tb, "vi", &xb), want);
	assert_non_null(strstr(table_csv(&tb, "en", &xb),
	                       "id,on_date,fund,kind,amount,balance,reverses,note\r\n"));
	table_free(&tb);
	buf_free(&xb);
}

static void test_the_loans_export_gives_each_loans_number_terms_and_state_today(void **s)
{
	(void)s;
	struct club c = new_club("EXP-LOAN");
	struct person_new p = {"Đinh Thị Hoa", "F", "1955", "23500", 0};
	struct membership_new m = {0, "2025-08-01", false};
	struct fund_entry_new in = {"revolving", "contribution", "2025-08-05", 10000000,
	                            false,       false,          NULL};
	int64_t id, loan;
	assert_int_equal(club_add_new_person(&x, &c, &p, &m, &rf), NCT_OK);
	assert_int_equal(fund_entry_add(&x, &c, &in, &id, &rf), NCT_OK);
	struct fund_loan_new ln = {m.person_id,        6000000, "2025-09-01", 12, "monthly", 50,
	                           "Nuôi gà thả vườn", false,   NULL};
	assert_int_equal(fund_loan_disburse(&x, &c, &ln, &loan, &rf), NCT_OK);
	struct fund_repayment_new r = {loan, "2025-09-15", 6000000, 0};
	assert_int_equal(fund_loan_repay(&x, &c, &r, &id, &rf), NCT_OK);
	struct table tb;
	struct buf xb;
	assert_int_equal(loans_table(&x, &c, "vi", &tb), NCT_OK);
	assert_int_equal(tb.nrows, 1);
	buf_init(&xb, 4096);
	char want[512];
	snprintf(want, sizeof want,
	         "Số khoản vay,Thành viên vay,Số tiền vay,Ngày giải ngân,Thời hạn (tháng),Kỳ trả,"
	         "Lãi suất (%%/năm),Tình trạng,Số ngày quá hạn,Dư nợ\r\n"
	         "%lld,Đinh Thị Hoa,6000000,2025-09-01,12,hàng tháng,\"0,5\",đã trả hết,0,0\r\n",
	         (long long)loan);
	assert_string_equal(table_csv(&tb, "vi", &xb), want);
	table_free(&tb);
	assert_int_equal(loans_table(&x, &c, "en", &tb), NCT_OK);
	snprintf(want, sizeof want,
	         "loan,member,principal,disbursed_on,term_months,frequency,rate,status,"
	         "days_in_arrears,outstanding\r\n"
	         "%lld,Đinh Thị Hoa,6000000,2025-09-01,12,monthly,0.5,repaid,0,0\r\n",
	         (long long)loan);
	assert_string_equal(table_csv(&tb, "en", &xb), want);
	table_free(&tb);
	buf_free(&xb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_csv_starts_with_a_bom_ends_lines_with_crlf_and_quotes_what_needs_it),
	    cmocka_unit_test(test_csv_puts_an_apostrophe_before_text_excel_would_run_as_a_formula),
	    cmocka_unit_test(test_a_table_refuses_a_malformed_date_and_the_wrong_type),
	    cmocka_unit_test(test_a_failed_cell_stays_failed_and_no_writer_writes_the_table),
	    cmocka_unit_test(test_json_export_keys_cells_by_column_id_with_null_for_empty),
	    cmocka_unit_test(test_a_csv_sheet_keeps_line_numbers_and_skips_blank_lines),
	    cmocka_unit_test(test_a_csv_saved_in_a_windows_code_page_is_refused_with_advice),
	    cmocka_unit_test(
	        test_an_xlsx_written_then_read_back_keeps_vietnamese_numbers_and_dates),
	    cmocka_unit_test(test_a_list_file_written_a_page_at_a_time_is_the_file_written_whole),
	    cmocka_unit_test(test_a_big_list_file_beyond_those_built_at_once_waits_for_one_to_end),
	    cmocka_unit_test(test_the_reader_follows_relationships_and_reads_every_kind_of_cell),
	    cmocka_unit_test(test_the_reader_refuses_a_doctype),
	    cmocka_unit_test(test_the_reader_stops_a_zip_that_unzips_past_32_mib),
	    cmocka_unit_test(test_a_zip_that_is_no_workbook_is_refused),
	    cmocka_unit_test(
	        test_an_import_with_bad_rows_writes_nothing_and_lists_exactly_the_bad_lines),
	    cmocka_unit_test(test_the_same_file_fixed_imports_every_row),
	    cmocka_unit_test(test_a_dry_run_checks_every_row_and_writes_nothing),
	    cmocka_unit_test(test_a_person_already_recorded_is_not_recorded_twice),
	    cmocka_unit_test(test_a_missing_required_column_is_reported_on_the_header_line),
	    cmocka_unit_test(test_an_office_xlsx_with_a_title_row_and_english_headers_imports),
	    cmocka_unit_test(test_the_members_export_imports_back_into_another_club),
	    cmocka_unit_test(test_a_former_member_in_the_file_is_refused_with_a_reason),
	    cmocka_unit_test(test_a_file_of_more_than_five_hundred_members_is_refused_whole),
	    cmocka_unit_test(
	        test_a_dry_run_reads_only_while_another_connection_holds_the_write_lock),
	    cmocka_unit_test(
	        test_someone_recorded_between_the_check_and_the_write_rolls_back_every_row),
	    cmocka_unit_test(test_one_person_twice_in_a_file_is_refused_and_nothing_is_written),
	    cmocka_unit_test(
	        test_an_imported_or_created_person_is_written_with_what_reindexing_would_derive),
	    cmocka_unit_test(test_an_import_finds_each_person_by_an_index_seek_not_a_scan),
	    cmocka_unit_test(test_the_activities_export_lists_them_newest_first_with_the_area_name),
	    cmocka_unit_test(test_the_ledger_export_keeps_a_running_balance_per_fund),
	    cmocka_unit_test(test_the_loans_export_gives_each_loans_number_terms_and_state_today),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_csv.c - the RFC 4180 reader, on small inputs and on the files in data/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"

static void open_csv(struct csv *c, const char *s)
{
	csv_init(c, s, strlen(s));
}

/* A string of n copies of unit, which the test frees. */
static char *repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *s = malloc(len * n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, unit, len);
	s[len * n] = '\0';
	return s;
}

/* Reads data/<name>, or $NCT_DATA_DIR/<name>, whole; fails the test when the
 * file cannot be read, so a missing file never passes as a skipped test. */
static char *read_data_file(const char *name, size_t *len)
{
	const char *dir = getenv("NCT_DATA_DIR");
	char path[4096], chunk[65536];
	struct buf data;
	size_t n;

	int w = snprintf(path, sizeof(path), "%s/%s", dir ? dir : "data", name);
	assert_true(w > 0 && (size_t)w < sizeof(path));
	FILE *fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s (set NCT_DATA_DIR to the data directory)", path);
	buf_init(&data, 16 * 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		assert_int_equal(buf_add(&data, chunk, n), NCT_OK);
	assert_false(ferror(fp));
	fclose(fp);
	*len = data.len;
	return buf_detach(&data);
}

static void test_reads_fields_of_one_record(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "01,Hà Nội,001\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 3);
	assert_string_equal(c.fields[0], "01");
	assert_string_equal(c.fields[1], "Hà Nội");
	assert_string_equal(c.fields[2], "001");
	assert_int_equal(c.line, 1);
	csv_free(&c);
}

static void test_returns_notfound_after_the_last_record(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	assert_int_equal(c.nfields, 0);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_returns_notfound_for_empty_input(void **state)
{
	(void)state;
	struct csv c;
	csv_init(&c, "", 0);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_returns_notfound_for_null_input(void **state)
{
	(void)state;
	struct csv c;
	csv_init(&c, NULL, 0);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_reads_last_record_without_line_end(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a,b\nc,d");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[1], "d");
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_accepts_crlf_line_ends(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a,b\r\nc,d\r\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[1], "b");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "c");
	assert_string_equal(c.fields[1], "d");
	assert_int_equal(c.line, 2);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_accepts_cr_at_end_of_input(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a,b\r");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[1], "b");
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_rejects_bare_cr_inside_unquoted_field(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a\rb\n");
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	csv_free(&c);
}

static void test_reads_empty_fields(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, ",,\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 3);
	assert_string_equal(c.fields[0], "");
	assert_string_equal(c.fields[2], "");
	csv_free(&c);
}

static void test_reads_quoted_field_with_comma(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "21181,\"Xã Tịnh Phong, Xã Tịnh Thọ\"\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 2);
	assert_string_equal(c.fields[1], "Xã Tịnh Phong, Xã Tịnh Thọ");
	csv_free(&c);
}

static void test_reads_doubled_quote_as_one_quote(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\"say \"\"hi\"\"\",\"\"\"\"\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "say \"hi\"");
	assert_string_equal(c.fields[1], "\"");
	csv_free(&c);
}

static void test_reads_empty_quoted_field(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\"\",x\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 2);
	assert_string_equal(c.fields[0], "");
	csv_free(&c);
}

static void test_reads_quoted_field_with_embedded_newlines(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a,\"one\ntwo\r\nthree\",b\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 3);
	assert_string_equal(c.fields[1], "one\ntwo\r\nthree");
	assert_string_equal(c.fields[2], "b");
	csv_free(&c);
}

static void test_counts_lines_inside_quoted_fields(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "h\n\"x\ny\nz\"\nnext\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.line, 1);
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.line, 2);
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "next");
	assert_int_equal(c.line, 5);
	csv_free(&c);
}

static void test_skips_blank_lines(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\n\r\na\n\n\nb\n\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "a");
	assert_int_equal(c.line, 3);
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "b");
	assert_int_equal(c.line, 6);
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_keeps_whitespace_only_line_as_a_record(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, " \n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 1);
	assert_string_equal(c.fields[0], " ");
	csv_free(&c);
}

static void test_skips_utf8_byte_order_mark(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\xEF\xBB\xBFprovince_code,name\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_string_equal(c.fields[0], "province_code");
	csv_free(&c);
}

static void test_returns_notfound_for_byte_order_mark_alone(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\xEF\xBB\xBF");
	assert_int_equal(csv_next(&c), NCT_ERR_NOTFOUND);
	csv_free(&c);
}

static void test_rejects_unterminated_quote_at_its_line(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a\nb,\"open\nstill open\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	assert_int_equal(c.line, 2);
	csv_free(&c);
}

static void test_rejects_stray_quote_in_unquoted_field(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a,b\"c,d\n");
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	assert_int_equal(c.line, 1);
	csv_free(&c);
}

static void test_rejects_text_after_closing_quote(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\"a\"b,c\n");
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	csv_free(&c);
}

static void test_accepts_max_fields(void **state)
{
	(void)state;
	struct csv c;
	char *s = repeat("x,", CSV_MAX_FIELDS - 1);
	struct buf b;
	buf_init(&b, 1024);
	assert_int_equal(buf_printf(&b, "%sx\n", s), NCT_OK);
	open_csv(&c, buf_str(&b));
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 64);
	csv_free(&c);
	buf_free(&b);
	free(s);
}

static void test_rejects_too_many_fields(void **state)
{
	(void)state;
	struct csv c;
	char *s = repeat("x,", CSV_MAX_FIELDS);
	open_csv(&c, s);
	assert_int_equal(csv_next(&c), NCT_ERR_TOOBIG);
	assert_int_equal(c.nfields, 0);
	csv_free(&c);
	free(s);
}

static void test_accepts_field_of_max_length(void **state)
{
	(void)state;
	struct csv c;
	char *s = repeat("x", CSV_MAX_FIELD);
	open_csv(&c, s);
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(strlen(c.fields[0]), 8192);
	csv_free(&c);
	free(s);
}

static void test_rejects_field_too_long(void **state)
{
	(void)state;
	struct csv c;
	char *s = repeat("x", CSV_MAX_FIELD + 1);
	open_csv(&c, s);
	assert_int_equal(csv_next(&c), NCT_ERR_TOOBIG);
	csv_free(&c);
	free(s);
}

static void test_rejects_quoted_field_too_long(void **state)
{
	(void)state;
	struct csv c;
	char *body = repeat("\"\"", CSV_MAX_FIELD + 1);
	struct buf b;
	buf_init(&b, 32768);
	assert_int_equal(buf_printf(&b, "\"%s\"\n", body), NCT_OK);
	open_csv(&c, buf_str(&b));
	assert_int_equal(csv_next(&c), NCT_ERR_TOOBIG);
	csv_free(&c);
	buf_free(&b);
	free(body);
}

static void test_accepts_max_fields_of_max_length(void **state)
{
	(void)state;
	struct csv c;
	char *field = repeat("x", CSV_MAX_FIELD);
	struct buf b;
	buf_init(&b, 1024 * 1024);
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		assert_int_equal(buf_printf(&b, "%s%s", i ? "," : "", field), NCT_OK);
	open_csv(&c, buf_str(&b));
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(c.nfields, 64);
	assert_int_equal(strlen(c.fields[63]), 8192);
	csv_free(&c);
	buf_free(&b);
	free(field);
}

static void test_rejects_malformed_utf8(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "ok\nX\xC3\x28\n");
	assert_int_equal(csv_next(&c), NCT_OK);
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	assert_int_equal(c.line, 2);
	csv_free(&c);
}

static void test_rejects_overlong_utf8_in_quoted_field(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "\"\xC0\xAF\"\n");
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	csv_free(&c);
}

static void test_rejects_nul_byte(void **state)
{
	(void)state;
	struct csv c;
	csv_init(&c, "a,b\0c\n", 6);
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	csv_free(&c);
}

static void test_stays_failed_after_an_error(void **state)
{
	(void)state;
	struct csv c;
	open_csv(&c, "a\"\nb\n");
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	assert_int_equal(csv_next(&c), NCT_ERR_INVALID);
	csv_free(&c);
}

static void test_reads_all_of_admin_units_2025_03_01(void **state)
{
	(void)state;
	size_t len, records = 0;
	char *data = read_data_file("admin-units-2025-03-01.csv", &len);
	struct csv c;
	nct_err e;

	csv_init(&c, data, len);
	while ((e = csv_next(&c)) == NCT_OK) {
		assert_int_equal(c.nfields, 6);
		if (records++ == 0)
			assert_string_equal(c.fields[5], "commune_name");
		if (strcmp(c.fields[4], "32248") == 0)
			assert_string_equal(c.fields[3], "Huyện Ngọc Hiển");
	}
	assert_int_equal(e, NCT_ERR_NOTFOUND);
	assert_int_equal(records, 10036);
	csv_free(&c);
	free(data);
}

static void test_reads_all_of_admin_units_2025_07_01(void **state)
{
	(void)state;
	size_t len, records = 0, found = 0;
	char *data = read_data_file("admin-units-2025-07-01.csv", &len);
	struct csv c;
	nct_err e;

	csv_init(&c, data, len);
	while ((e = csv_next(&c)) == NCT_OK) {
		assert_int_equal(c.nfields, 6);
		records++;
		if (strcmp(c.fields[3], "21181") == 0) {
			found++;
			assert_string_equal(c.fields[4], "Xã Thọ Phong");
			assert_string_equal(c.fields[5], "Xã Tịnh Phong, Xã Tịnh Thọ");
			assert_int_equal(c.line, 1962);
		}
	}
	assert_int_equal(e, NCT_ERR_NOTFOUND);
	assert_int_equal(records, 3322);
	assert_int_equal(found, 1);
	csv_free(&c);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads_fields_of_one_record),
	    cmocka_unit_test(test_returns_notfound_after_the_last_record),
	    cmocka_unit_test(test_returns_notfound_for_empty_input),
	    cmocka_unit_test(test_returns_notfound_for_null_input),
	    cmocka_unit_test(test_reads_last_record_without_line_end),
	    cmocka_unit_test(test_accepts_crlf_line_ends),
	    cmocka_unit_test(test_accepts_cr_at_end_of_input),
	    cmocka_unit_test(test_rejects_bare_cr_inside_unquoted_field),
	    cmocka_unit_test(test_reads_empty_fields),
	    cmocka_unit_test(test_reads_quoted_field_with_comma),
	    cmocka_unit_test(test_reads_doubled_quote_as_one_quote),
	    cmocka_unit_test(test_reads_empty_quoted_field),
	    cmocka_unit_test(test_reads_quoted_field_with_embedded_newlines),
	    cmocka_unit_test(test_counts_lines_inside_quoted_fields),
	    cmocka_unit_test(test_skips_blank_lines),
	    cmocka_unit_test(test_keeps_whitespace_only_line_as_a_record),
	    cmocka_unit_test(test_skips_utf8_byte_order_mark),
	    cmocka_unit_test(test_returns_notfound_for_byte_order_mark_alone),
	    cmocka_unit_test(test_rejects_unterminated_quote_at_its_line),
	    cmocka_unit_test(test_rejects_stray_quote_in_unquoted_field),
	    cmocka_unit_test(test_rejects_text_after_closing_quote),
	    cmocka_unit_test(test_accepts_max_fields),
	    cmocka_unit_test(test_rejects_too_many_fields),
	    cmocka_unit_test(test_accepts_field_of_max_length),
	    cmocka_unit_test(test_rejects_field_too_long),
	    cmocka_unit_test(test_rejects_quoted_field_too_long),
	    cmocka_unit_test(test_accepts_max_fields_of_max_length),
	    cmocka_unit_test(test_rejects_malformed_utf8),
	    cmocka_unit_test(test_rejects_overlong_utf8_in_quoted_field),
	    cmocka_unit_test(test_rejects_nul_byte),
	    cmocka_unit_test(test_stays_failed_after_an_error),
	    cmocka_unit_test(test_reads_all_of_admin_units_2025_03_01),
	    cmocka_unit_test(test_reads_all_of_admin_units_2025_07_01),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_multipart.c - multipart/form-data bodies as a browser sends an upload. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/multipart.h"

static void test_multipart_finds_the_file_and_the_fields(void **s)
{
	(void)s;
	static const char body[] = "--XyZ\r\n"
	                           "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	                           "tok123\r\n"
	                           "--XyZ\r\n"
	                           "Content-Disposition: form-data; name=\"file\"; "
	                           "filename=\"thành viên.csv\"\r\n"
	                           "Content-Type: text/csv\r\n\r\n"
	                           "a,b\r\n--X\r\nc,d\r\n"
	                           "--XyZ--\r\n";
	struct multipart mp;
	assert_int_equal(
	    multipart_parse("multipart/form-data; boundary=XyZ", body, sizeof body - 1, &mp),
	    NCT_OK);
	assert_int_equal(mp.n, 2);
	const struct multipart_part *f = multipart_get(&mp, "file");
	assert_non_null(f);
	assert_string_equal(f->filename, "thành viên.csv");
	assert_string_equal(f->ctype, "text/csv");
	/* the CRLF before a delimiter belongs to the delimiter */
	assert_int_equal(f->len, 13);
	assert_memory_equal(f->data, "a,b\r\n--X\r\nc,d", 13);
	assert_int_equal(multipart_get(&mp, "csrf")->len, 6);
	assert_null(multipart_get(&mp, "dry_run"));
}

static void test_multipart_without_its_closing_delimiter_is_refused(void **s)
{
	(void)s;
	static const char body[] = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nabc";
	struct multipart mp;
	assert_int_equal(
	    multipart_parse("multipart/form-data; boundary=\"b\"", body, sizeof body - 1, &mp),
	    NCT_ERR_INVALID);
	assert_int_equal(multipart_parse("application/json", body, sizeof body - 1, &mp),
	                 NCT_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_multipart_finds_the_file_and_the_fields),
	    cmocka_unit_test(test_multipart_without_its_closing_delimiter_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

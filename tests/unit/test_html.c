/* test_html.c - the escaping writer and the page layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "web/html.h"

static struct server_config cfg;

static void req_setup(struct req *r, const char *lang)
{
	memset(r, 0, sizeof *r);
	r->lang = lang;
	r->path = "/";
	r->cfg = &cfg;
	buf_init(&r->out, 1 << 20);
}

static void test_text_is_escaped(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_text(&r, "<script>alert(\"x\")</script> & 'y'");
	assert_string_equal(buf_str(&r.out),
	                    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
	buf_free(&r.out);
}

static void test_vietnamese_text_passes_unchanged(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_text(&r, "Người cao tuổi Đắk Hà");
	assert_string_equal(buf_str(&r.out), "Người cao tuổi Đắk Hà");
	buf_free(&r.out);
}

static void test_url_parts_are_percent_encoded(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_urlpart(&r, "dak ha&x=\"1\"");
	assert_string_equal(buf_str(&r.out), "dak%20ha%26x%3D%221%22");
	buf_free(&r.out);
}

static void test_a_field_escapes_its_label_and_value(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_field(&r, "Tên <b>", "name", "text", "\"x\"", true);
	assert_string_equal(buf_str(&r.out),
	                    "<label>Tên &lt;b&gt;<input name=\"name\" type=\"text\" "
	                    "value=\"&quot;x&quot;\" required></label>");
	buf_free(&r.out);
}

static void test_dates_are_shown_day_first(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_date(&r, "2025-06-30");
	assert_string_equal(buf_str(&r.out), "30/06/2025");
	buf_free(&r.out);
}

static void test_the_layout_has_no_inline_script_or_style(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	page_begin(&r, "Tổng quan");
	page_end(&r);
	const char *s = buf_str(&r.out);
	assert_non_null(strstr(s, "<html lang=\"vi\">"));
	assert_non_null(strstr(s, "<script src=\"/static/app.js\""));
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "style=\""));
	assert_null(strstr(s, "onclick"));
	buf_free(&r.out);
}

static void test_the_layout_speaks_english_when_asked(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "en");
	page_begin(&r, "Overview");
	page_end(&r);
	assert_non_null(strstr(buf_str(&r.out), "<html lang=\"en\">"));
	assert_non_null(strstr(buf_str(&r.out), "Tiếng Việt"));
	buf_free(&r.out);
}

/* Text of n bytes, none of them needing an escape. */
static char *filler(size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, 'x', n);
	s[n] = '\0';
	return s;
}

static void release(struct req *r)
{
	buf_free(&r->out);
	for (size_t i = 0; i < r->nheaders; i++)
		free(r->hvalue[i]);
}

static void test_a_page_over_the_response_limit_answers_500_with_a_whole_error_page(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	r.method = "GET";
	buf_init(&r.out, RESP_MAX);
	char *chunk = filler(1 << 20);
	resp_header(&r, "Content-Disposition", "attachment; filename=\"x.html\"");
	page_begin(&r, "Danh sách");
	for (int i = 0; i < 9; i++)
		html_text(&r, chunk);
	html_lit(&r, "<p>the end</p>");
	page_end(&r);
	free(chunk);
	resp_finish(&r);
	assert_int_equal(r.status, 500);
	assert_int_equal(r.nheaders, 0);
	const char *s = buf_str(&r.out);
	assert_non_null(strstr(s, "Trang quá lớn để gửi"));
	assert_null(strstr(s, "the end"));
	assert_non_null(strstr(s, "</html>\n"));
	release(&r);
}

static void test_a_json_answer_over_the_response_limit_answers_500_as_json(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "en");
	r.method = "GET";
	r.api = true;
	buf_init(&r.out, RESP_MAX);
	char *big = filler(RESP_MAX);
	resp_json(&r, 200, json_pack("{s:s}", "rows", big));
	free(big);
	resp_finish(&r);
	assert_int_equal(r.status, 500);
	assert_string_equal(r.ctype, "application/json; charset=utf-8");
	assert_non_null(strstr(buf_str(&r.out), "\"code\":\"too_large\""));
	release(&r);
}

static void test_a_page_within_the_limit_is_sent_as_written(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	r.status = 200;
	page_begin(&r, "Tổng quan");
	page_end(&r);
	char *before = strdup(buf_str(&r.out));
	resp_finish(&r);
	assert_int_equal(r.status, 200);
	assert_string_equal(buf_str(&r.out), before);
	free(before);
	release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_is_escaped),
	    cmocka_unit_test(test_vietnamese_text_passes_unchanged),
	    cmocka_unit_test(test_url_parts_are_percent_encoded),
	    cmocka_unit_test(test_a_field_escapes_its_label_and_value),
	    cmocka_unit_test(test_dates_are_shown_day_first),
	    cmocka_unit_test(test_the_layout_has_no_inline_script_or_style),
	    cmocka_unit_test(test_the_layout_speaks_english_when_asked),
	    cmocka_unit_test(
	        test_a_page_over_the_response_limit_answers_500_with_a_whole_error_page),
	    cmocka_unit_test(test_a_json_answer_over_the_response_limit_answers_500_as_json),
	    cmocka_unit_test(test_a_page_within_the_limit_is_sent_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

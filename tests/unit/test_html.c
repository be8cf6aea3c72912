/* test_html.c - the escaping writer and the page layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

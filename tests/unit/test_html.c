/* test_html.c - the escaping writer and the page layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "web/api_health.h"
#include "web/html.h"
#include "web/notice.h"

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

static void test_markup_with_values_escapes_each_text_and_writes_the_markup_as_it_is(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	html_f(&r, "<td class=\"a\">%s</td><td>%s</td><td>%d%%</td><td>%lld</td>",
	       "x < \"y\" & 'z'", "", -12, 9007199254740993LL);
	assert_string_equal(buf_str(&r.out),
	                    "<td class=\"a\">x &lt; &quot;y&quot; &amp; &#39;z&#39;"
	                    "</td><td></td><td>-12%</td><td>9007199254740993</td>");
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

/* A list file that failed because the big files' places were all taken says
 * so, with when to try again; one that failed because the database could not
 * be reached says that instead: two causes, two answers. */
static void test_a_busy_list_file_and_an_unreachable_store_answer_differently(void **state)
{
	(void)state;
	static const struct {
		nct_err e;
		const char *code;
		bool retry;
	} cases[] = {{NCT_ERR_BUSY, "\"code\":\"busy\"", true},
	             {NCT_ERR_UNAVAILABLE, "\"code\":\"unavailable\"", false}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct req r;
		req_setup(&r, "vi");
		r.method = "GET";
		r.api = true;
		resp_list_file_failed(&r, cases[i].e);
		assert_int_equal(r.status, 503);
		assert_non_null(strstr(buf_str(&r.out), cases[i].code));
		bool retry = false;
		for (size_t h = 0; h < r.nheaders; h++)
			retry |= strcmp(r.hname[h], "Retry-After") == 0;
		assert_int_equal(retry, cases[i].retry);
		release(&r);
	}
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

/* A page shown again after the POST of its form to /clubs was refused. */
static void refused_post(struct req *r)
{
	req_setup(r, "vi");
	r->method = "POST";
	r->path = "/clubs";
	form_init(&r->form, 16);
	form_add(&r->form, "name", "CLB <Sông Lô>");
	form_add(&r->form, "kind", "culture");
	form_add(&r->form, "hardship", "4");
	form_add(&r->form, "password", "secret-typed");
	refuse(&r->rf, NCT_ERR_INVALID, RF_DATE_FORMAT, "founded_on", "");
}

static void the_form(struct req *r, const char *action)
{
	static const char *const kinds[] = {"ishc", "culture", NULL};
	html_form_post(r, action, "card", NULL);
	html_field(r, "Tên", "name", "text", "", true);
	html_select(r, "kind", kinds, NULL, "ishc", NULL);
	html_check(r, "khuyết tật", "hardship", "4", false);
	html_check(r, "hộ nghèo", "hardship", "1", false);
	html_field(r, "Mật khẩu", "password", "password", NULL, true);
	html_field(r, "Ngày thành lập", "founded_on", "date", NULL, true);
	html_form_end(r);
}

static void test_a_refused_form_keeps_what_was_typed_but_never_a_password(void **state)
{
	(void)state;
	struct req r;
	refused_post(&r);
	the_form(&r, "/clubs");
	const char *out = buf_str(&r.out);
	assert_non_null(strstr(out, "value=\"CLB &lt;Sông Lô&gt;\""));
	assert_non_null(strstr(out, "<option value=\"culture\" selected>"));
	assert_null(strstr(out, "<option value=\"ishc\" selected>"));
	assert_non_null(strstr(out, "value=\"4\" checked> khuyết tật"));
	assert_null(strstr(out, "value=\"1\" checked>"));
	assert_null(strstr(out, "secret-typed"));
	assert_int_equal(r.form_shown, FORM_NONE);
	form_free(&r.form);
	release(&r);
}

static void test_a_refusal_stands_beside_its_field_described_and_focused(void **state)
{
	(void)state;
	struct req r;
	refused_post(&r);
	the_form(&r, "/clubs");
	const char *out = buf_str(&r.out);
	assert_non_null(strstr(out, "name=\"founded_on\" type=\"text\" autocomplete=\"off\" "
	                            "placeholder=\"dd/mm/yyyy\" maxlength=\"16\" size=\"10\" "
	                            "value=\"\" required "
	                            "aria-invalid=\"true\" autofocus "
	                            "aria-describedby=\"founded_on-error\"><span "
	                            "class=\"field-error\" id=\"founded_on-error\">"));
	form_free(&r.form);
	release(&r);
}

static void test_another_form_of_the_page_keeps_nothing_and_shows_no_refusal(void **state)
{
	(void)state;
	struct req r;
	refused_post(&r);
	the_form(&r, "/orgs");
	const char *out = buf_str(&r.out);
	assert_null(strstr(out, "Sông Lô"));
	assert_null(strstr(out, " checked"));
	assert_null(strstr(out, "aria-invalid"));
	assert_null(strstr(out, "field-error"));
	form_free(&r.form);
	release(&r);
}

static void test_a_saved_notice_is_shown_once_in_the_users_language(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "en");
	form_init(&r.cookies, 8);
	form_add(&r.cookies, NOTICE_COOKIE, "member_added.Tr%E1%BA%A7n%20%3Cb%3E");
	page_begin(&r, "Club");
	assert_non_null(strstr(buf_str(&r.out),
	                       "<p class=\"notice ok\" role=\"status\">Tr\xe1\xba\xa7n &lt;b&gt; "
	                       "is added to the club.</p>"));
	assert_int_equal(r.nheaders, 1);
	assert_string_equal(r.hname[0], "Set-Cookie");
	assert_non_null(strstr(r.hvalue[0], NOTICE_COOKIE "=; Path=/"));
	assert_non_null(strstr(r.hvalue[0], "Max-Age=0"));
	form_free(&r.cookies);
	release(&r);
}

static void test_a_cookie_naming_no_notice_shows_nothing(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	form_init(&r.cookies, 8);
	form_add(&r.cookies, NOTICE_COOKIE, "call_this_number.0123");
	page_begin(&r, "CLB");
	assert_null(strstr(buf_str(&r.out), "0123"));
	assert_null(strstr(buf_str(&r.out), "notice"));
	form_free(&r.cookies);
	release(&r);
}

static void test_a_redirect_carries_its_notice_encoded(void **state)
{
	(void)state;
	struct req r;
	req_setup(&r, "vi");
	resp_redirect_notice(&r, "/clubs/X", NOTICE_CLUB_ADDED, "CLB Sông; Lô");
	assert_int_equal(r.status, 303);
	assert_int_equal(r.nheaders, 2);
	assert_string_equal(r.hvalue[1],
	                    NOTICE_COOKIE "=club_added.CLB%20S%C3%B4ng%3B%20L%C3%B4; "
	                                  "Path=/; HttpOnly; SameSite=Lax; Max-Age=120");
	release(&r);
}

static void test_every_notice_is_worded_in_both_languages_alike(void **state)
{
	(void)state;
	for (int c = NOTICE_NONE + 1; c < NOTICE_COUNT; c++) {
		const char *vi = notice_template((enum notice)c, "vi");
		const char *en = notice_template((enum notice)c, "en");
		assert_non_null(vi);
		assert_non_null(en);
		assert_true(vi[0] && en[0]);
		assert_int_equal(strstr(vi, "{1}") != NULL, strstr(en, "{1}") != NULL);
	}
	assert_null(notice_template(NOTICE_NONE, "vi"));
	assert_null(notice_template(NOTICE_COUNT, "vi"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_is_escaped),
	    cmocka_unit_test(
	        test_markup_with_values_escapes_each_text_and_writes_the_markup_as_it_is),
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
	    cmocka_unit_test(test_a_busy_list_file_and_an_unreachable_store_answer_differently),
	    cmocka_unit_test(test_a_refused_form_keeps_what_was_typed_but_never_a_password),
	    cmocka_unit_test(test_a_refusal_stands_beside_its_field_described_and_focused),
	    cmocka_unit_test(test_another_form_of_the_page_keeps_nothing_and_shows_no_refusal),
	    cmocka_unit_test(test_a_saved_notice_is_shown_once_in_the_users_language),
	    cmocka_unit_test(test_a_cookie_naming_no_notice_shows_nothing),
	    cmocka_unit_test(test_a_redirect_carries_its_notice_encoded),
	    cmocka_unit_test(test_every_notice_is_worded_in_both_languages_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

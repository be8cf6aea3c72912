/* page_programme.c - the programme page and its API: Plan 327's indicators
 * for the user's scope (or a place in it) on a date, each against its target. */
#include <string.h>

#include "../domain/indicator.h"
#include "html.h"
#include "page_programme.h"

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* Reads ?place= and ?date=, computes; answers the error itself and returns false. */
static bool compute(struct req *r, struct indicator_report *rep)
{
	struct date on;
	if (!req_date(r, &on)) {
		resp_error(r, 400, "invalid",
		           tr(r, "Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD."));
		return false;
	}
	nct_err e = indicators_clubs(&r->x, nonempty(req_arg(r, "place")), on, rep);
	if (e)
		resp_domain_error(
		    r, e,
		    e == NCT_ERR_NOTFOUND ? tr(r, "Không có địa bàn này vào ngày đã chọn.",
		                               "No such place on that date.")
		    : e == NCT_ERR_DENIED ? tr(r, "Địa bàn này nằm ngoài phạm vi của bạn.",
		                               "This place is outside your area.")
		                          : NULL);
	return !e;
}

static void value(struct req *r, const struct indicator *d, int64_t v)
{
	if (!d->share) {
		html_int(r, v);
		return;
	}
	html_int(r, v / 10);
	html_lit(r, ",");
	html_int(r, v % 10);
	html_lit(r, " %");
}

static void target(struct req *r, const struct indicator *d)
{
	if (!d->has_target) {
		html_text(r, "—");
		return;
	}
	if (d->target_min >= 0 && d->target_max >= 0) {
		value(r, d, d->target_min);
		html_text(r, " – ");
		value(r, d, d->target_max);
	} else if (d->target_min >= 0) {
		html_text(r, "≥ ");
		value(r, d, d->target_min);
	} else {
		html_text(r, "≤ ");
		value(r, d, d->target_max);
	}
}

static void rows(struct req *r, const struct indicator_report *rep)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th>");
	html_text(r, tr(r, "Chỉ tiêu", "Indicator"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Hiện có", "Now"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Mục tiêu 2025", "2025 target"));
	html_lit(r, "</th><th>");
	html_text(r, tr(r, "Đánh giá", "Verdict"));
	html_lit(r, "</th></tr></thead><tbody>");
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *d = &rep->ind[i];
		html_lit(r, "<tr><td>");
		html_text(r, tr(r, d->vi, d->en));
		if (d->share) {
			html_lit(r, "<br><small>");
			html_int(r, d->numerator);
			html_lit(r, "/");
			html_int(r, d->denominator);
			html_text(r, tr(r, " câu lạc bộ", " clubs"));
			html_lit(r, "</small>");
		}
		html_lit(r, "</td><td class=\"num\">");
		value(r, d, d->value);
		html_lit(r, "</td><td class=\"num\">");
		target(r, d);
		html_lit(r, "</td><td class=\"");
		html_attr(r, !d->has_target ? "" : d->met ? "ok" : "bad");
		html_lit(r, "\">");
		if (d->has_target)
			html_text(r, d->met ? tr(r, "đạt", "met") : tr(r, "chưa đạt", "not met"));
		html_lit(r, "</td></tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

void page_programme(struct req *r)
{
	struct indicator_report rep;
	if (!compute(r, &rep))
		return;
	char day[DATE_LEN];
	date_format(rep.on, day);
	page_begin(r, tr(r, "Chương trình Câu lạc bộ Liên thế hệ tự giúp nhau",
	                 "Intergenerational Self-Help Club programme"));
	html_lit(r, "<form method=\"get\" action=\"/programme\" class=\"filters\"><label>");
	html_text(r, tr(r, "Ngày", "Date"));
	html_lit(r, "<input type=\"date\" name=\"date\" value=\"");
	html_attr(r, day);
	html_lit(r, "\"></label><label>");
	html_text(r, tr(r, "Mã địa bàn (để trống: cả phạm vi của bạn)",
	                "Place code (empty: your whole area)"));
	html_lit(r, "<input name=\"place\" value=\"");
	html_attr(r, req_arg(r, "place") ? req_arg(r, "place") : "");
	html_lit(r, "\"></label><button>");
	html_text(r, tr(r, "Xem", "Show"));
	html_lit(r, "</button></form><p>");
	html_text(r, tr(r, "Kế hoạch 327/KH-UBND. Câu lạc bộ đang hoạt động: ",
	                "Plan 327/KH-UBND. Active clubs: "));
	html_int(r, rep.clubs);
	html_text(r, tr(r, ". Các tỷ lệ tính từ 01/01 đến ngày đã chọn.",
	                ". Shares cover 1 January to the date."));
	html_lit(r, "</p>");
	rows(r, &rep);
	page_end(r);
}

void api_indicators_clubs(struct req *r)
{
	struct indicator_report rep;
	if (!compute(r, &rep))
		return;
	char day[DATE_LEN], from[DATE_LEN];
	date_format(rep.on, day);
	date_format(rep.year_from, from);
	json_t *a = json_array();
	for (int i = 0; a && i < IND_COUNT; i++) {
		const struct indicator *d = &rep.ind[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:I}", "code", d->code, "name",
		                      tr(r, d->vi, d->en), "unit", d->share ? "permille" : "count",
		                      "value", (json_int_t)d->value);
		if (o && d->share) {
			json_object_set_new(o, "numerator", json_integer(d->numerator));
			json_object_set_new(o, "denominator", json_integer(d->denominator));
		}
		if (o && d->has_target)
			json_object_set_new(
			    o, "target",
			    json_pack(
			        "{s:o, s:o, s:s, s:b}", "min",
			        d->target_min >= 0 ? json_integer(d->target_min) : json_null(),
			        "max",
			        d->target_max >= 0 ? json_integer(d->target_max) : json_null(),
			        "by", d->target_by, "met", d->met));
		json_array_append_new(a, o);
	}
	resp_json(r, 200,
	          json_pack("{s:s, s:s, s:s?, s:i, s:o}", "date", day, "period_from", from, "place",
	                    nonempty(req_arg(r, "place")), "clubs", rep.clubs, "indicators", a));
}

/* page_programme.c - the programme page and its API: Plan 327's indicators
 * for the user's scope (or a place's territory in it) over a reporting window,
 * each against the target the plan sets for that place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/indicator.h"
#include "html.h"
#include "page_clubs.h"
#include "page_programme.h"

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* The window asked for: ?period=2025S1|2025 with ?window=decree09 (default)
 * or calendar, else the calendar year to ?date= (today), whatever the window
 * (the form always sends one). false, and the error answered, when malformed. */
static bool window_of(struct req *r, struct report_window *w)
{
	const char *ps = nonempty(req_arg(r, "period"));
	const char *scheme = nonempty(req_arg(r, "window"));
	struct period p;
	struct date on;
	if (!ps && (!scheme || report_scheme_valid(scheme))) {
		if (req_date(r, &on)) {
			report_window_to_date(on, w);
			return true;
		}
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Ngày phải có dạng dd/mm/yyyy.", "The date must be written dd/mm/yyyy."));
		return false;
	}
	if (!ps || period_parse(ps, &p) != NCT_OK || (scheme && !report_scheme_valid(scheme))) {
		resp_error(
		    r, 400, "invalid",
		    tr(r,
		       "Kỳ báo cáo phải có dạng 2025S1 (6 tháng đầu năm) hoặc 2025 (cả năm), "
		       "cách tính là decree09 (Nghị định 09/2019) hoặc calendar (năm dương "
		       "lịch).",
		       "The period must be 2025S1 (first half) or 2025 (the year), the window "
		       "decree09 (Decree 09/2019) or calendar."));
		return false;
	}
	nct_err e = report_window_of(&r->x, scheme ? scheme : "decree09", &p, w);
	if (e)
		resp_domain_error(r, e,
		                  tr(r, "Chưa có quy định kỳ báo cáo cho kỳ này.",
		                     "No reporting window rule covers this period."));
	return !e;
}

bool programme_query(struct req *r, struct indicator_query *q)
{
	/* ?place absent: the place the plan sets targets for, when the user sees it whole;
	 * ?place= empty: the whole scope */
	memset(q, 0, sizeof *q);
	q->plan = nonempty(req_arg(r, "plan"));
	q->place = nonempty(req_arg(r, "place"));
	q->default_place = req_arg(r, "place") == NULL;
	return window_of(r, &q->window);
}

void programme_error(struct req *r, nct_err e)
{
	resp_domain_error(r, e,
	                  e == NCT_ERR_NOTFOUND
	                      ? tr(r,
	                           "Không có địa bàn, kế hoạch hoặc chỉ tiêu này vào ngày đã chọn.",
	                           "No such place, plan or indicator on that date.")
	                  : e == NCT_ERR_DENIED ? tr(r, "Địa bàn này nằm ngoài phạm vi của bạn.",
	                                             "This place is outside your area.")
	                                        : NULL);
}

/* Reads the query, computes; answers the error itself and returns false. */
static bool compute(struct req *r, struct indicator_report *rep)
{
	struct indicator_query q;
	if (!programme_query(r, &q))
		return false;
	nct_err e = indicators_clubs(&r->x, &q, rep);
	if (e)
		programme_error(r, e);
	return !e;
}

void programme_link_query(struct req *r, const struct indicator_report *rep)
{
	char day[DATE_LEN];
	const char *period = nonempty(req_arg(r, "period")),
	           *scheme = nonempty(req_arg(r, "window"));
	date_format(rep->window.to, day);
	html_lit(r, "date=");
	html_urlpart(r, day);
	if (period) {
		html_lit(r, "&amp;period=");
		html_urlpart(r, period);
	}
	if (scheme) {
		html_lit(r, "&amp;window=");
		html_urlpart(r, scheme);
	}
	html_lit(r, "&amp;place=");
	html_urlpart(r, rep->has_place ? rep->place.code : "");
	if (rep->plan[0]) {
		html_lit(r, "&amp;plan=");
		html_urlpart(r, rep->plan);
	}
}

void programme_indicator_name(struct req *r, const struct indicator *d)
{
	html_text(r, tr(r, d->vi, d->en));
}

static void value(struct req *r, const struct indicator *d, int64_t v)
{
	if (!d->share) {
		html_count(r, v);
		return;
	}
	html_int(r, v / 10);
	html_lit(r, ",");
	html_int(r, v % 10);
	html_lit(r, " %");
}

int64_t programme_shown(const struct indicator *d)
{
	if (!d->share || d->denominator <= 0)
		return d->value;
	/* per mille rounded half up: 16/18 is 88,9 %, not 88,8 % */
	return (d->numerator * 2000 + d->denominator) / (2 * d->denominator);
}

void programme_value(struct req *r, const struct indicator *d)
{
	value(r, d, programme_shown(d));
}

static void target(struct req *r, const struct indicator *d, bool by_in_heading)
{
	const struct indicator_target *t = &d->target;
	if (!d->has_target) {
		html_text(r, "—");
		return;
	}
	if (t->min >= 0 && (t->min == t->max || (d->share && t->min == 1000 && t->max < 0)))
		value(r, d, t->min); /* one value: "100 %" is all of them */
	else if (t->min >= 0 && t->max >= 0) {
		value(r, d, t->min);
		html_text(r, " – ");
		value(r, d, t->max);
	} else if (t->min >= 0) {
		html_text(r, "≥ ");
		value(r, d, t->min);
	} else {
		html_text(r, "≤ ");
		value(r, d, t->max);
	}
	if (by_in_heading)
		return;
	html_lit(r, "<br><small>");
	html_text(r, tr(r, "đến ", "by "));
	html_date(r, t->by);
	html_lit(r, "</small>");
}

/* The by-date every target shown shares, or NULL when they differ (or none). */
static const char *common_by(const struct indicator_report *rep)
{
	const char *by = NULL;
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *d = &rep->ind[i];
		if (!d->has_target)
			continue;
		if (by && strcmp(by, d->target.by) != 0)
			return NULL;
		by = d->target.by;
	}
	return by;
}

/* The rest of a link after "?indicator=": the figure's code and the query of
 * the report it belongs to, so that the list behind it counts the same. */
static void figure_query(struct req *r, const char *code, const struct indicator_report *rep)
{
	html_urlpart(r, code);
	html_lit(r, "&amp;");
	programme_link_query(r, rep);
}

/* The figure, opening the clubs behind it, and its breakdown by commune. */
static void figure(struct req *r, const struct indicator_report *rep, const struct indicator *d)
{
	html_lit(r, "<a href=\"/clubs?indicator=");
	figure_query(r, d->code, rep);
	html_f(r, "\" title=\"%s\">", tr(r, "Các câu lạc bộ được tính", "The clubs counted"));
	programme_value(r, d);
	html_lit(r, "</a><br><small><a href=\"/programme/communes?indicator=");
	figure_query(r, d->code, rep);
	html_f(r, "\">%s</a></small>", tr(r, "theo xã", "by commune"));
}

/* "đạt", "vượt", "chưa đạt": where the value stands, and whether that meets it. */
static void verdict(struct req *r, const struct indicator *d)
{
	html_f(r, "<td class=\"%s\">", !d->has_target ? "" : d->met ? "ok" : "bad");
	if (d->verdict == VERDICT_WITHIN)
		html_text(r, tr(r, "đạt", "met"));
	else if (d->verdict == VERDICT_ABOVE)
		html_text(r, d->met
		                 ? tr(r, "vượt", "exceeded")
		                 : tr(r, "vượt mức trần, không đạt", "above the ceiling: not met"));
	else if (d->verdict == VERDICT_BELOW)
		html_text(r, tr(r, "chưa đạt", "not met"));
	html_lit(r, "</td>");
}

static void name(struct req *r, const struct indicator_report *rep, const struct indicator *d)
{
	html_text(r, tr(r, d->vi, d->en));
	if (d->clause[0]) {
		html_f(r, "<br><small>%s%s%s%s</small>", tr(r, "Kế hoạch ", "Plan "), rep->plan,
		       tr(r, ", mục ", ", section "), d->clause);
	}
	if (d->share) {
		html_lit(r, "<br><small>");
		html_count(r, d->numerator);
		html_lit(r, "/");
		html_count(r, d->denominator);
		html_text(r, d->of_members ? tr(r, " thành viên", " members")
		                           : tr(r, " câu lạc bộ", " clubs"));
		html_lit(r, "</small>");
	}
}

static void rows(struct req *r, const struct indicator_report *rep, bool extra)
{
	html_lit(r, "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th>");
	html_text(r, extra
	                 ? tr(r, "Số liệu thêm (không có chỉ tiêu)", "Further figures (no target)")
	                 : tr(r, "Chỉ tiêu", "Indicator"));
	html_lit(r, "</th><th class=\"num\">");
	html_text(r, tr(r, "Hiện có", "Now"));
	const char *by = common_by(rep);
	if (!extra) {
		html_lit(r, "</th><th class=\"num\">");
		html_text(r, tr(r, "Mục tiêu", "Target"));
		if (by) {
			html_text(r, tr(r, " đến ", " by "));
			html_date(r, by);
		}
		html_lit(r, "</th><th>");
		html_text(r, tr(r, "Đánh giá", "Verdict"));
	}
	html_lit(r, "</th></tr></thead><tbody>");
	for (int i = 0; i < IND_COUNT; i++) {
		const struct indicator *d = &rep->ind[i];
		if (d->extra != extra)
			continue;
		html_lit(r, "<tr><td>");
		name(r, rep, d);
		html_lit(r, "</td><td class=\"num\">");
		figure(r, rep, d);
		html_lit(r, "</td>");
		if (!extra) {
			html_lit(r, "<td class=\"num\">");
			target(r, d, by != NULL);
			html_lit(r, "</td>");
			verdict(r, d);
		}
		html_lit(r, "</tr>");
	}
	html_lit(r, "</tbody></table></div>");
}

static void window_text(struct req *r, const struct report_window *w)
{
	char from[DATE_LEN], to[DATE_LEN];
	date_format_vn(w->from, from);
	date_format_vn(w->to, to);
	struct period p;
	if (period_parse(w->period, &p) != NCT_OK)
		html_text(
		    r, tr(r, "Năm dương lịch đến ngày đã chọn", "The calendar year to the date"));
	else {
		html_text(r, p.kind == PERIOD_HALF ? tr(r, "Kỳ 6 tháng đầu năm ", "First half of ")
		                                   : tr(r, "Năm ", "Year "));
		html_int(r, p.year);
		html_text(r,
		          strcmp(w->scheme, "decree09") == 0
		              ? tr(r, ", theo thời gian chốt số liệu của Nghị định 09/2019/NĐ-CP",
		                   ", cut off as Decree 09/2019 sets")
		              : tr(r, ", theo năm dương lịch", ", by the calendar"));
	}
	html_f(r, "%s%s%s%s%s%s%s", tr(r, ": từ ", ": from "), from, tr(r, " đến ", " to "), to,
	       tr(r, ". Số câu lạc bộ và thành viên tính vào ngày ",
	          ". Clubs and members are counted on "),
	       to,
	       tr(r, "; các tỷ lệ hoạt động và vay vốn tính trong cả kỳ.",
	          "; the shares of activities and loans cover the whole window."));
}

static void place_text(struct req *r, const struct indicator_report *rep)
{
	html_lit(r, "<p>");
	if (!rep->has_place)
		html_text(r, tr(r, "Địa bàn: cả phạm vi của bạn.", "Place: your whole area."));
	else {
		html_text(r, tr(r, "Địa bàn: ", "Place: "));
		html_text(r, rep->place.name);
		if (rep->after_end) {
			html_text(r, tr(r, " (đến ", " (until "));
			html_date(r, rep->place.valid_to);
			html_text(r, tr(r,
			                "); sau ngày đó tính trên địa bàn cũ của đơn vị, qua các "
			                "đơn vị chỉ được thành lập từ đó.",
			                "); after it, its former territory, through the units "
			                "formed from its units alone."));
		} else
			html_text(r, ".");
	}
	html_text(r, tr(r, " Câu lạc bộ đang hoạt động: ", " Active clubs: "));
	html_count(r, rep->clubs);
	html_lit(r, ".</p>");
}

/* When the place has no target of its own, the places in the scope that do. */
static void target_places(struct req *r, const struct indicator_report *rep)
{
	struct target_place *v = NULL;
	size_t n = 0;
	for (int i = 0; i < IND_COUNT; i++)
		if (rep->ind[i].has_target)
			return;
	if (indicator_target_places(&r->x, &v, &n) != NCT_OK || n == 0) {
		free(v);
		return;
	}
	html_lit(r, "<p>");
	html_text(r, tr(r, "Địa bàn này không có chỉ tiêu riêng. Chỉ tiêu được đặt cho: ",
	                "This place has no targets of its own. Targets are set for: "));
	for (size_t i = 0; i < n; i++) {
		html_text(r, i ? "; " : "");
		html_lit(r, "<a href=\"/programme?place=");
		html_urlpart(r, v[i].place.code);
		html_lit(r, "&amp;date=");
		html_urlpart(r, v[i].by);
		html_f(r, "\">%s</a> (%s)", v[i].place.name, v[i].plan);
	}
	html_lit(r, "</p>");
	free(v);
}

static void period_option(struct req *r, const char *val, const char *label, const char *cur)
{
	html_f(r, "<option value=\"%s\"", val);
	if (cur && strcmp(cur, val) == 0)
		html_lit(r, " selected");
	html_f(r, ">%s</option>", label);
}

/* Date, place, and the periods of the date's year and the four before it. */
static void filters(struct req *r, const struct indicator_report *rep)
{
	const char *cur = nonempty(req_arg(r, "period")), *scheme = nonempty(req_arg(r, "window"));
	char day[DATE_LEN], val[PERIOD_LEN], label[64];
	date_format(rep->window.to, day);
	html_f(r,
	       "<form method=\"get\" action=\"/programme\" class=\"filters\"><label>%s <small "
	       "class=\"hint\">(dd/mm/yyyy)</small><input name=\"date\"",
	       tr(r, "Ngày", "Date"));
	html_date_attrs(r, day);
	html_f(r, "></label><label>%s<select name=\"period\">", tr(r, "Kỳ báo cáo", "Period"));
	period_option(r, "", tr(r, "Từ 01/01 đến ngày đã chọn", "1 January to the date"),
	              cur ? cur : "");
	for (int y = rep->window.to.y; y > rep->window.to.y - 5; y--)
		for (int k = 0; k < 2; k++) {
			struct period p = {y, k ? PERIOD_YEAR : PERIOD_HALF};
			period_format(&p, val);
			snprintf(label, sizeof label, "%s %d",
			         k ? tr(r, "Năm", "Year") : tr(r, "6 tháng đầu năm", "First half"),
			         y);
			period_option(r, val, label, cur);
		}
	html_f(r, "</select></label><label>%s<select name=\"window\">",
	       tr(r, "Cách tính kỳ", "Window"));
	period_option(r, "decree09", tr(r, "Nghị định 09/2019 (chốt ngày 14)", "Decree 09/2019"),
	              scheme ? scheme : "decree09");
	period_option(r, "calendar", tr(r, "Năm dương lịch", "Calendar"), scheme);
	html_lit(r, "</select></label><label>");
	html_text(r, tr(r, "Địa bàn: tên hoặc mã (để trống: cả phạm vi của bạn)",
	                "Place: name or code (empty: your whole area)"));
	const char *typed = req_arg(r, "place");
	html_f(
	    r,
	    "<input type=\"search\" name=\"place\" value=\"%s\"></label><button>%s</button></form>",
	    typed            ? typed
	    : rep->has_place ? rep->place.code
	                     : "",
	    tr(r, "Xem", "Show"));
}

/* The axis of a figure's bar: 100 % for shares; for counts the largest of the
 * value and the target's bounds, and a quarter more, so the band never fills
 * the bar. */
static int64_t chart_axis(const struct indicator *d, int64_t v)
{
	if (d->share)
		return 1000;
	int64_t top = v;
	if (d->target.min > top)
		top = d->target.min;
	if (d->target.max > top)
		top = d->target.max;
	top += top / 4;
	return top > 0 ? top : 1;
}

static void chart_x(struct req *r, int64_t v, int64_t axis)
{
	int64_t x = v * 300 / axis;
	html_int(r, x < 0 ? 0 : x > 300 ? 300 : x);
}

/* One bar: the target's band in light green (to the end of the axis when it
 * has no top), the figure as a dark bar, green when the target is met. */
void programme_chart_row(struct req *r, const struct indicator *d)
{
	int64_t v = programme_shown(d), axis = chart_axis(d, v);
	const struct indicator_target *t = &d->target;
	html_f(r,
	       "<li><span class=\"chart-name\">%s</span><svg class=\"bar\" viewBox=\"0 0 300 24\" "
	       "width=\"300\" height=\"24\" role=\"img\" aria-label=\"%s: ",
	       tr(r, d->vi, d->en), tr(r, d->vi, d->en));
	value(r, d, v);
	if (d->has_target) {
		html_attr(r, tr(r, "; mục tiêu ", "; target "));
		if (t->min >= 0)
			html_count(r, d->share ? t->min / 10 : t->min);
		html_lit(r, "–");
		if (t->max >= 0)
			html_count(r, d->share ? t->max / 10 : t->max);
		if (d->share)
			html_lit(r, " %");
		html_lit(r, "; ");
		html_attr(r, d->met ? tr(r, "đạt", "met") : tr(r, "chưa đạt", "not met"));
	}
	html_lit(r, "\"><rect x=\"0\" y=\"4\" width=\"300\" height=\"16\" fill=\"#eee\"/>");
	if (d->has_target) {
		int64_t lo = t->min >= 0 ? t->min : 0, hi = t->max >= 0 ? t->max : axis;
		int64_t x0 = lo > axis ? 300 : lo * 300 / axis,
		        x1 = hi > axis ? 300 : hi * 300 / axis;
		if (x1 - x0 < 4) { /* one value (100 %): a mark 4 wide, kept on the bar */
			x0 = x1 - 2 < 0 ? 0 : x1 - 2 > 296 ? 296 : x1 - 2;
			x1 = x0 + 4;
		}
		html_lit(r, "<rect y=\"4\" height=\"16\" fill=\"#b6dfb6\" x=\"");
		html_int(r, x0 < 0 ? 0 : x0);
		html_lit(r, "\" width=\"");
		html_int(r, x1 - x0);
		html_lit(r, "\"/>");
	}
	html_f(r, "<rect x=\"0\" y=\"8\" height=\"8\" fill=\"%s\" width=\"",
	       !d->has_target ? "#1f4e79"
	       : d->met       ? "#1e6b1e"
	                      : "#a40000");
	chart_x(r, v, axis);
	html_lit(r, "\"/></svg><span class=\"num\">");
	programme_value(r, d);
	if (d->has_target) {
		html_lit(r, " / ");
		target(r, d, true);
	}
	html_lit(r, "</span></li>");
}

static void chart_row(struct req *r, const struct indicator_report *rep, const struct indicator *d)
{
	(void)rep;
	programme_chart_row(r, d);
}

static void chart(struct req *r, const struct indicator_report *rep)
{
	html_f(r, "<h2>%s</h2><p><small>", tr(r, "Biểu đồ chỉ tiêu", "The indicators as bars"));
	html_text(
	    r,
	    tr(r,
	       "Vạch xanh nhạt: khoảng mục tiêu; thanh đậm: số hiện có (xanh: đạt, đỏ: chưa đạt).",
	       "Light green: the target's range; dark bar: the figure (green: met, red: not "
	       "met)."));
	html_lit(r, "</small></p><ul class=\"chart\">");
	for (int i = 0; i < IND_COUNT; i++)
		if (!rep->ind[i].extra)
			chart_row(r, rep, &rep->ind[i]);
	html_lit(r, "</ul>");
}

void page_programme(struct req *r)
{
	static const char *const kept[] = {"date", "period", "window", "plan", NULL};
	struct indicator_report rep;
	struct indicator_query q;
	struct place where = {0}, *cand = NULL;
	size_t ncand = 0;
	if (!programme_query(r, &q))
		return;
	/* a place typed by name (a code is taken as it is, also of a unit that ended):
	 * the one unit it names, or a choice (the filters kept) */
	bool named = q.place && strspn(q.place, "0123456789") != strlen(q.place);
	nct_err e = named ? typed_place(r, q.place, q.window.to, &where, &cand, &ncand) : NCT_OK;
	if (!e && named) {
		q.place = where.code[0] ? where.code : NULL;
		q.default_place = false;
	}
	if (!e)
		e = indicators_clubs(&r->x, &q, &rep);
	if (e) {
		free(cand);
		programme_error(r, e);
		return;
	}
	if (named && !where.code[0]) {
		page_begin(r, tr(r, "Chương trình Câu lạc bộ Liên thế hệ tự giúp nhau",
		                 "Intergenerational Self-Help Club programme"));
		filters(r, &rep);
		place_choice_links(r, "/programme", kept, cand, ncand, req_arg(r, "place"));
		free(cand);
		page_end(r);
		return;
	}
	free(cand);
	page_begin(r, tr(r, "Chương trình Câu lạc bộ Liên thế hệ tự giúp nhau",
	                 "Intergenerational Self-Help Club programme"));
	filters(r, &rep);
	html_lit(r, "<p>");
	if (rep.plan[0]) {
		html_f(r, "%s%s%s", tr(r, "Kế hoạch ", "Plan "), rep.plan, ". ");
	}
	window_text(r, &rep.window);
	html_lit(r, "</p>");
	place_text(r, &rep);
	target_places(r, &rep);
	rows(r, &rep, false);
	chart(r, &rep);
	rows(r, &rep, true);
	page_end(r);
}

static json_t *target_json(const struct indicator *d)
{
	const struct indicator_target *t = &d->target;
	return json_pack("{s:s, s:o, s:o, s:s, s:b, s:s, s:b}", "plan", t->plan, "min",
	                 t->min >= 0 ? json_integer(t->min) : json_null(), "max",
	                 t->max >= 0 ? json_integer(t->max) : json_null(), "by", t->by,
	                 "above_max_met", t->above_max_met, "verdict", verdict_name(d->verdict),
	                 "met", d->met);
}

static json_t *indicator_json(struct req *r, const struct indicator *d)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:b}", "code", d->code, "name",
	                      tr(r, d->vi, d->en), "unit", d->share ? "permille" : "count", "value",
	                      (json_int_t)d->value, "extra", d->extra);
	if (o && d->share) {
		json_object_set_new(o, "numerator", json_integer(d->numerator));
		json_object_set_new(o, "denominator", json_integer(d->denominator));
		json_object_set_new(o, "of", json_string(d->of_members ? "members" : "clubs"));
	}
	if (o && d->clause[0])
		json_object_set_new(o, "clause", json_string(d->clause));
	if (o && d->has_target)
		json_object_set_new(o, "target", target_json(d));
	return o;
}

static json_t *place_json(const struct indicator_report *rep)
{
	if (!rep->has_place)
		return json_null();
	return json_pack("{s:s, s:s, s:s?, s:b, s:i}", "code", rep->place.code, "name",
	                 rep->place.name, "valid_to",
	                 rep->place.valid_to[0] ? rep->place.valid_to : NULL, "after_end",
	                 rep->after_end, "subtrees", rep->subtrees);
}

void api_indicators_clubs(struct req *r)
{
	struct indicator_report rep;
	if (!compute(r, &rep))
		return;
	const struct report_window *w = &rep.window;
	char day[DATE_LEN], from[DATE_LEN];
	date_format(w->to, day);
	date_format(w->from, from);
	json_t *a = json_array();
	for (int i = 0; a && i < IND_COUNT; i++)
		json_array_append_new(a, indicator_json(r, &rep.ind[i]));
	json_t *win = json_pack("{s:s, s:s?, s:s, s:s, s:s}", "scheme", w->scheme, "period",
	                        nonempty(w->period), "from", from, "to", day, "source", w->source);
	resp_json(r, 200,
	          json_pack("{s:s?, s:s, s:s, s:o, s:o, s:i, s:o}", "plan", nonempty(rep.plan),
	                    "date", day, "period_from", from, "window", win, "place",
	                    place_json(&rep), "clubs", rep.clubs, "indicators", a));
}

static int indicator_index(const struct indicator_report *rep, const char *code)
{
	for (int i = 0; code && i < IND_COUNT; i++)
		if (strcmp(rep->ind[i].code, code) == 0)
			return i;
	return -1;
}

static void commune_row(struct req *r, const struct commune_figure *f, int k)
{
	const struct indicator *d = &f->rep.ind[k];
	html_f(r, "<tr><td>%s</td><td class=\"num\"><a href=\"/clubs?indicator=", f->place.name);
	figure_query(r, d->code, &f->rep);
	html_lit(r, "\">");
	programme_value(r, d);
	html_lit(r, "</a>");
	if (d->share) {
		html_lit(r, " <small>(");
		html_count(r, d->numerator);
		html_lit(r, "/");
		html_count(r, d->denominator);
		html_lit(r, ")</small>");
	}
	html_lit(r, "</td></tr>");
}

/* Each commune of the place (its territory within the scope) with its value. */
void page_programme_communes(struct req *r)
{
	struct indicator_query q;
	struct indicator_report *whole = malloc(sizeof *whole);
	struct commune_figure *v = NULL;
	size_t n = 0;
	if (!whole) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return;
	}
	if (!programme_query(r, &q)) {
		free(whole);
		return;
	}
	nct_err e = indicator_communes(&r->x, &q, whole, &v, &n);
	int k = e ? -1 : indicator_index(whole, req_arg(r, "indicator"));
	if (!e && k < 0)
		e = NCT_ERR_NOTFOUND;
	if (e) {
		programme_error(r, e);
		free(v);
		free(whole);
		return;
	}
	const struct indicator *d = &whole->ind[k];
	page_begin(r, tr(r, "Chỉ tiêu theo xã, phường", "An indicator by commune"));
	html_lit(r, "<p><a href=\"/programme?");
	programme_link_query(r, whole);
	html_f(r, "\">%s</a></p><h2>", tr(r, "← Chỉ tiêu chương trình", "← Programme indicators"));
	programme_indicator_name(r, d);
	html_f(r, "</h2><p>%s%s",
	       whole->has_place ? whole->place.name : tr(r, "Cả phạm vi của bạn", "Your area"),
	       tr(r, ": ", ": "));
	programme_value(r, d);
	html_text(r, tr(r, " (ngày ", " (on "));
	char day[DATE_LEN];
	date_format(whole->window.to, day);
	html_date(r, day);
	html_text(r, tr(r,
	                "). Một câu lạc bộ của xã cũ bị chia tách được tính cho mỗi xã mới nhận "
	                "một phần của xã đó, nên tổng các xã có thể lớn hơn.",
	                "). A club of an old commune that was split counts under each new commune "
	                "that took a part of it, so the communes may add up to more."));
	html_lit(r, "</p><p>");
	html_count(r, (int64_t)n);
	html_text(r, tr(r, " xã, phường", " communes"));
	html_lit(r, "</p>");
	if (n) {
		static const char *const heads[][2] = {{"Xã, phường", "Commune"},
		                                       {"Hiện có", "Now"}};
		html_table_open(r, NULL, heads, 2, 1u << 1);
		for (size_t i = 0; i < n; i++)
			commune_row(r, &v[i], k);
		html_lit(r, "</tbody></table></div>");
	}
	free(v);
	free(whole);
	page_end(r);
}

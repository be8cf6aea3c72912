/* page_health.c - health cards, check-ups, chronic conditions and longevity
 * celebrations on the pages: the same domain calls as the API (api_health.c). */
#include "page_health.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/money.h"
#include "../base/text.h"
#include "../domain/access.h"
#include "../domain/health.h"
#include "../domain/longevity.h"
#include "../export/celebration_tables.h"
#include "../export/xlsx.h"
#include "../export/health_tables.h"
#include "api_health.h"
#include "html.h"
#include "lookup.h"
#include "page_persons.h"

static const char *given_arg(const struct req *r, const char *name)
{
	const char *s = req_arg(r, name);
	return s && s[0] ? s : NULL;
}

/* A cell with its label for the card layout of a phone. */
static void td_open(struct req *r, const char *vi, const char *en)
{
	html_f(r, "<td data-label=\"%s\">", tr(r, vi, en));
}

/* A labelled cell of text. */
static void td_text(struct req *r, const char *vi, const char *en, const char *text)
{
	html_f(r, "<td data-label=\"%s\">%s</td>", tr(r, vi, en), text);
}

/* A labelled cell of a date shown dd/mm/yyyy. */
static void td_date(struct req *r, const char *vi, const char *en, const char *iso)
{
	td_open(r, vi, en);
	html_date(r, iso);
	html_lit(r, "</td>");
}

static void money_text(struct req *r, int64_t v)
{
	char s[32];
	if (v < 0) {
		html_text(r, tr(r, "theo mức của tỉnh", "as the province sets"));
		return;
	}
	money_format(v, s);
	html_text(r, s);
	html_text(r, " đ");
}

/* ---- the person page -------------------------------------------------------------- */

/* Opens one of the person page's health forms: its heading (id), the refusal
 * when this form was the one refused (mine), and the form posting to
 * /persons/ID/what. */
static void form_open(struct req *r, const struct person *p, const char *what, const char *id,
                      const char *heading, bool mine)
{
	char action[64];
	snprintf(action, sizeof action, "/persons/%lld/%s", (long long)p->id, what);
	html_f(r, "<h3 id=\"%s\">%s</h3>", id, heading);
	if (mine)
		html_refusal(r);
	html_form_post(r, action, "card", NULL);
}

static void button_and_end(struct req *r, const char *label)
{
	html_f(r, "<button>%s</button>", label);
	html_form_end(r);
}

static void health_forms(struct req *r, const struct person *p, char which)
{
	form_open(r, p, "health-cards", "card-form",
	          tr(r, "Ghi thẻ BHYT (thẻ mới hoặc gia hạn)", "Record a card (new or renewed)"),
	          which == 'h');
	html_field(r, tr(r, "Số thẻ (mã số BHXH 10 số)", "Card number (10-digit code)"), "number",
	           "text", "", true);
	html_field(r, tr(r, "Có giá trị từ", "Valid from"), "valid_from", "date", "", true);
	html_field(r, tr(r, "Đến hết ngày", "Valid to"), "valid_to", "date", "", true);
	html_f(r, "<label>%s", tr(r, "Nguồn đóng", "Paid by"));
	html_select(r, "payer", card_payers, card_payer_words, NULL, NULL);
	html_lit(r, "</label>");
	button_and_end(r, tr(r, "Ghi thẻ", "Record the card"));

	form_open(r, p, "check-ups", "checkup-form",
	          tr(r, "Ghi lần khám sức khỏe", "Record a check-up"), which == 'k');
	html_field(r, tr(r, "Ngày khám", "Date"), "checked_on", "date", "", true);
	html_field(r, tr(r, "Nơi khám, kết quả", "Where, what was found"), "note", "text", "",
	           false);
	button_and_end(r, tr(r, "Ghi", "Record"));

	form_open(r, p, "conditions", "condition-form",
	          tr(r, "Ghi bệnh mãn tính", "Record a chronic condition"), which == 'c');
	html_field(r, tr(r, "Tên bệnh", "Condition"), "name", "text", "", true);
	html_field(r, tr(r, "Phát hiện từ ngày", "Found on"), "since", "date", "", false);
	html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", "", false);
	button_and_end(r, tr(r, "Ghi", "Record"));
}

/* The path segment of a kind of record, and back. */
static const char *kind_segment(char kind)
{
	return kind == HEALTH_CARD ? "cards" : kind == HEALTH_CHECKUP ? "check-ups" : "conditions";
}

static char segment_kind(const char *s)
{
	static const char kinds[] = {HEALTH_CARD, HEALTH_CHECKUP, HEALTH_CONDITION};
	for (size_t i = 0; s && i < sizeof kinds; i++)
		if (strcmp(s, kind_segment(kinds[i])) == 0)
			return kinds[i];
	return 0;
}

/* "/persons/ID/health/KIND/RID/what" into out. */
static void fix_path(char *out, size_t cap, const struct person *p, char kind, int64_t id,
                     const char *what)
{
	snprintf(out, cap, "/persons/%lld/health/%s/%lld/%s", (long long)p->id, kind_segment(kind),
	         (long long)id, what);
}

/* The links that correct or retract a record. */
static void fix_links(struct req *r, const struct person *p, char kind, int64_t id)
{
	char path[128];
	fix_path(path, sizeof path, p, kind, id, "correct");
	html_f(r, " <span class=\"fix\"><a href=\"%s\">%s</a> · <a href=\"", path,
	       tr(r, "Sửa", "Correct"));
	fix_path(path, sizeof path, p, kind, id, "retract");
	html_f(r, "%s\">%s</a></span>", path, tr(r, "Rút lại", "Retract"));
}

/* A record in words, as the lists of the person page show it. */
static void record_text(struct req *r, char kind, const struct health_card *c,
                        const struct checkup *k, const struct condition *n)
{
	if (kind == HEALTH_CARD) {
		html_text(r, tr(r, "Thẻ BHYT ", "Card "));
		html_text(r, c->number);
		html_text(r, ", ");
		html_date(r, c->valid_from);
		html_text(r, " – ");
		html_date(r, c->valid_to);
		html_text(r, ", ");
		html_text(r, card_payer_words(c->payer, r->lang));
	} else if (kind == HEALTH_CHECKUP) {
		html_text(r, tr(r, "Khám ngày ", "Check-up on "));
		html_date(r, k->checked_on);
		if (k->note[0]) {
			html_text(r, ": ");
			html_text(r, k->note);
		}
	} else {
		html_text(r, n->name);
		if (n->since[0]) {
			html_text(r, tr(r, " (từ ", " (since "));
			html_date(r, n->since);
			html_text(r, ")");
		}
		if (n->note[0]) {
			html_text(r, ": ");
			html_text(r, n->note);
		}
	}
}

/* The records corrected or retracted, struck out with when and why, folded. */
static void marked_records(struct req *r, const struct person_health *h)
{
	if (!h->nmarked)
		return;
	html_f(r, "<details class=\"marked\"><summary>%s%lld)</summary><ul>",
	       tr(r, "Bản ghi đã sửa hoặc rút lại (", "Records corrected or retracted ("),
	       (long long)h->nmarked);
	for (size_t i = 0; i < h->nmarked; i++) {
		const struct health_marked *m = &h->marked[i];
		html_lit(r, "<li><s>");
		record_text(r, m->kind, &m->card, &m->checkup, &m->condition);
		html_f(r, "</s> — %s",
		       m->replaced_by ? tr(r, "đã sửa ngày ", "corrected on ")
		                      : tr(r, "đã rút lại ngày ", "retracted on "));
		char day[DATE_LEN];
		text_copy(day, sizeof day, m->at);
		html_date(r, day);
		html_f(r, "%s%s</li>", tr(r, ", lý do: ", ", reason: "), m->reason);
	}
	html_lit(r, "</ul></details>");
}

/* A list of records under its heading: "<h3>…</h3><ul>". */
static void list_head(struct req *r, const char *vi, const char *en)
{
	html_f(r, "<h3>%s</h3><ul>", tr(r, vi, en));
}

/* A record's item ends: its note, its links to correct or retract it (p
 * given: the user may), "</li>". */
static void item_end(struct req *r, const char *note, const struct person *p, char kind, int64_t id)
{
	if (note[0]) {
		html_text(r, ": ");
		html_text(r, note);
	}
	if (p)
		fix_links(r, p, kind, id);
	html_lit(r, "</li>");
}

/* What an empty list says. */
static void none_item(struct req *r, size_t n, const char *vi, const char *en)
{
	if (n)
		return;
	html_f(r, "<li>%s</li>", tr(r, vi, en));
}

static void health_section(struct req *r, const struct person *p, char which)
{
	struct person_health h;
	nct_err e = access_sensitive(&r->x) ? person_health(&r->x, p, &h) : NCT_ERR_DENIED;
	if (e == NCT_ERR_DENIED)
		return;
	struct date today = date_today_vn();
	bool changes = person_may(r, p, ACCESS_CHANGE);
	html_f(r, "<h2 id=\"health\">%s</h2>",
	       tr(r, "Sức khỏe (dữ liệu nhạy cảm, mỗi lần xem được ghi nhật ký)",
	          "Health (sensitive data, every view is logged)"));
	if (e) { /* said, not left out: a section that vanishes hides that it could not be read */
		html_notice(r, "error",
		            tr(r,
		               "Không đọc được hồ sơ sức khỏe (quá nhiều bản ghi hoặc lỗi lưu trữ)."
		               " Hãy báo quản trị viên.",
		               "The health record could not be read (too many records or a store "
		               "error). Tell the administrator."));
		return;
	}
	html_f(r, "<h3>%s</h3>", tr(r, "Thẻ bảo hiểm y tế", "Health-insurance cards"));
	if (!h.ncards) {
		html_f(r, "<p>%s</p>", tr(r, "Chưa ghi thẻ nào.", "No card recorded."));
	} else {
		static const char *const heads[][2] = {
		    {"Số thẻ", "Number"},   {"Từ ngày", "From"},
		    {"Đến hết ngày", "To"}, {"Nguồn đóng", "Paid by"},
		    {"Hôm nay", "Today"},   {"Sửa, rút lại", "Correct, retract"}};
		html_table_open(r, "cards", heads, changes ? 6 : 5, 0);
		for (size_t i = 0; i < h.ncards; i++) {
			const struct health_card *c = &h.cards[i];
			html_f(r, "<tr><th>%s</th>", c->number);
			td_date(r, "Từ ngày", "From", c->valid_from);
			td_date(r, "Đến hết ngày", "To", c->valid_to);
			td_text(r, "Nguồn đóng", "Paid by", card_payer_words(c->payer, r->lang));
			bool ok = health_card_valid_on(c, today);
			html_f(r, "<td class=\"%s\">%s</td>", ok ? "ok" : "bad",
			       ok ? tr(r, "còn hạn", "valid")
			          : tr(r, "không có hiệu lực", "not valid"));
			if (changes) {
				td_open(r, "Sửa, rút lại", "Correct, retract");
				fix_links(r, p, HEALTH_CARD, c->id);
				html_lit(r, "</td>");
			}
			html_lit(r, "</tr>");
		}
		html_table_close(r);
	}
	list_head(r, "Khám sức khỏe định kỳ", "Yearly check-ups");
	for (size_t i = 0; i < h.ncheckups; i++) {
		html_lit(r, "<li>");
		html_date(r, h.checkups[i].checked_on);
		item_end(r, h.checkups[i].note, changes ? p : NULL, HEALTH_CHECKUP,
		         h.checkups[i].id);
	}
	none_item(r, h.ncheckups, "Chưa ghi lần khám nào.", "No check-up recorded.");
	html_lit(r, "</ul>");
	list_head(r, "Bệnh mãn tính", "Chronic conditions");
	for (size_t i = 0; i < h.nconditions; i++) {
		html_f(r, "<li>%s", h.conditions[i].name);
		if (h.conditions[i].since[0]) {
			html_text(r, tr(r, " (từ ", " (since "));
			html_date(r, h.conditions[i].since);
			html_text(r, ")");
		}
		item_end(r, h.conditions[i].note, changes ? p : NULL, HEALTH_CONDITION,
		         h.conditions[i].id);
	}
	none_item(r, h.nconditions, "Chưa ghi bệnh nào.", "None recorded.");
	html_lit(r, "</ul>");
	marked_records(r, &h);
	person_health_free(&h);
	if (changes)
		health_forms(r, p, which);
}

#define PERSON_CELEBRATION_YEARS 60 /* years of a life the page looks at */

static void celebrations_section(struct req *r, const struct person *p, char which)
{
	int now = date_today_vn().y, first = p->birth.year + 70;
	if (first < CELEBRATION_YEAR_MIN)
		first = CELEBRATION_YEAR_MIN;
	int last = now + 1 < CELEBRATION_YEAR_MAX ? now + 1 : CELEBRATION_YEAR_MAX;
	if (last - first > PERSON_CELEBRATION_YEARS)
		first = last - PERSON_CELEBRATION_YEARS;
	bool changes = person_may(r, p, ACCESS_SENSITIVE); /* as celebration_set_given asks */
	bool shown = false;
	for (int y = first; y <= last; y++) {
		struct celebration c;
		if (celebration_of(&r->x, p, y, &c))
			continue;
		if (!shown) {
			html_f(r, "<h2 id=\"celebrations\">%s</h2>",
			       tr(r, "Chúc thọ, mừng thọ", "Longevity celebrations"));
			if (which == 'g')
				html_refusal(r);
			html_lit(r, "<ul>");
			shown = true;
		}
		html_f(r, "<li>%lld%s%lld%s%s%s", (long long)y, tr(r, ": tròn ", ": turns "),
		       (long long)c.age, tr(r, " tuổi, ", ", "),
		       congratulator_words(c.gift.congratulated_by, r->lang),
		       tr(r, " chúc thọ, mừng thọ; quà ", " congratulates; gift "));
		money_text(r, c.gift.cash);
		html_text(r, " · ");
		html_text(r, c.given ? tr(r, "đã trao ngày ", "given on ")
		                     : tr(r, "chưa trao", "not given"));
		if (c.given)
			html_date(r, c.given_on);
		if (changes) {
			char action[64], year[16];
			snprintf(action, sizeof action, "/persons/%lld/celebrations",
			         (long long)p->id);
			snprintf(year, sizeof year, "%d", y);
			html_form_post(r, action, "inline", year);
			html_f(r,
			       "<input type=\"hidden\" name=\"year\" value=\"%lld\"><input "
			       "type=\"hidden\" name=\"given\" value=\"%s\"><button>%s</button>",
			       (long long)y, c.given ? "no" : "yes",
			       c.given ? tr(r, "Bỏ ghi đã trao", "Undo given")
			               : tr(r, "Ghi đã trao quà hôm nay", "Record given today"));
			html_form_end(r);
		}
		html_lit(r, "</li>");
	}
	if (shown)
		html_lit(r, "</ul>");
}

void person_health_sections(struct req *r, const struct person *p, char which)
{
	health_section(r, p, which);
	celebrations_section(r, p, which);
}

static void person_form_done(struct req *r, const struct person *p, nct_err e, char which,
                             const char *anchor, const char *saved)
{
	if (e)
		person_page_refused(r, e, p, which);
	else
		person_page_saved(r, p->id, anchor, saved);
}

/* A new record of kind from its form (which: the form's letter), then the
 * person's page again naming what was saved. */
static void record_add(struct req *r, char kind, char which, const char *vi, const char *en)
{
	struct person p;
	int64_t id;
	if (!route_person(r, &p))
		return;
	person_form_done(r, &p, health_correct_read(r, p.id, kind, 0, NULL, req_arg, &id), which,
	                 "#health", tr(r, vi, en));
}

void page_person_card(struct req *r)
{
	record_add(r, HEALTH_CARD, 'h', "thẻ BHYT", "the card");
}

void page_person_checkup(struct req *r)
{
	record_add(r, HEALTH_CHECKUP, 'k', "lần khám", "the check-up");
}

void page_person_condition(struct req *r)
{
	record_add(r, HEALTH_CONDITION, 'c', "bệnh mãn tính", "the condition");
}

void page_person_given(struct req *r)
{
	struct person p;
	if (!route_person(r, &p))
		return;
	const char *g = req_arg(r, "given");
	long long year = 0; /* absent: refused by the domain as out of range */
	bool yes = g && strcmp(g, "yes") == 0;
	nct_err e = req_int(r, "year", CELEBRATION_YEAR_MIN, CELEBRATION_YEAR_MAX, &year)
	                ? celebration_set_given(&r->x, p.id, (int)year, yes, NULL, &r->rf)
	                : NCT_ERR_INVALID;
	person_form_done(r, &p, e, 'g', "#celebrations", tr(r, "việc trao quà", "the gift"));
}

/* ---- correcting or retracting a health record: a page of its own each, which
 * shows the record and asks for the reason before anything is written ---- */

/* The person, the kind and the live record of the path (…/health/KIND/RID/…)
 * into h, *kind and *at (the index in h's list of that kind); false when it
 * answered: 403 for a role without sensitive data or the right to change the
 * person, 404 for a record that is not the person's or no longer counts. On
 * true the caller frees h. */
static bool route_record(struct req *r, struct person *p, struct person_health *h, char *kind,
                         size_t *at)
{
	if (!route_person(r, p))
		return false;
	*kind = segment_kind(r->params[1]);
	int64_t id = route_number(r->params[2]);
	if (!*kind) {
		resp_domain_error(r, NCT_ERR_NOTFOUND, NULL);
		return false;
	}
	if (!person_may(r, p, ACCESS_CHANGE)) {
		resp_refuse(r, NCT_ERR_DENIED, RF_DENIED, NULL);
		return false;
	}
	nct_err e = person_health(&r->x, p, h);
	if (e == NCT_ERR_DENIED) {
		resp_refuse(r, e, RF_SENSITIVE, NULL);
		return false;
	}
	if (e) {
		resp_domain_error(r, e, NULL);
		return false;
	}
	size_t n = *kind == HEALTH_CARD      ? h->ncards
	           : *kind == HEALTH_CHECKUP ? h->ncheckups
	                                     : h->nconditions;
	for (*at = 0; *at < n; (*at)++) {
		int64_t rid = *kind == HEALTH_CARD      ? h->cards[*at].id
		              : *kind == HEALTH_CHECKUP ? h->checkups[*at].id
		                                        : h->conditions[*at].id;
		if (rid == id)
			return true;
	}
	person_health_free(h);
	resp_domain_error(
	    r, NCT_ERR_NOTFOUND,
	    tr(r, "Không có bản ghi này trong hồ sơ (hoặc bản ghi đã được sửa, rút lại).",
	       "There is no such record of this person (or it was corrected or "
	       "retracted)."));
	return false;
}

static void record_of(const struct person_health *h, char kind, size_t at, struct req *r)
{
	record_text(r, kind, kind == HEALTH_CARD ? &h->cards[at] : NULL,
	            kind == HEALTH_CHECKUP ? &h->checkups[at] : NULL,
	            kind == HEALTH_CONDITION ? &h->conditions[at] : NULL);
}

static int64_t record_id(const struct person_health *h, char kind, size_t at)
{
	return kind == HEALTH_CARD      ? h->cards[at].id
	       : kind == HEALTH_CHECKUP ? h->checkups[at].id
	                                : h->conditions[at].id;
}

/* The page that corrects (retract false) or retracts the record. */
static void fix_page(struct req *r, const struct person *p, const struct person_health *h,
                     char kind, size_t at, bool retract)
{
	char title[sizeof p->full_name + 64], action[128];
	snprintf(title, sizeof title, "%s · %s",
	         retract ? tr(r, "Rút lại bản ghi sức khỏe", "Retract a health record")
	                 : tr(r, "Sửa bản ghi sức khỏe", "Correct a health record"),
	         p->full_name);
	fix_path(action, sizeof action, p, kind, record_id(h, kind, at),
	         retract ? "retract" : "correct");
	page_begin(r, title);
	html_f(r, "<p><a href=\"/persons/%lld#health\">← %s</a></p><p class=\"record\">%s<strong>",
	       (long long)p->id, p->full_name, tr(r, "Bản ghi đang có: ", "The record as it is: "));
	record_of(h, kind, at, r);
	html_lit(r, "</strong></p><p>");
	html_text(r, retract ? tr(r,
	                          "Bản ghi rút lại vẫn được giữ (gạch bỏ, kèm lý do) nhưng không "
	                          "còn được tính, kể cả trong các danh sách thẻ BHYT.",
	                          "A retracted record is kept (struck out, with the reason) but no "
	                          "longer counts, in the card lists too.")
	                     : tr(r,
	                          "Bản đúng được ghi thành bản ghi mới; bản cũ vẫn được giữ (gạch "
	                          "bỏ, kèm lý do) và không còn được tính.",
	                          "The right version is recorded as a new record; the old one is "
	                          "kept (struck out, with the reason) and no longer counts."));
	html_lit(r, "</p>");
	html_form_post(r, action, "card", NULL);
	if (!retract && kind == HEALTH_CARD) {
		const struct health_card *c = &h->cards[at];
		html_field(r, tr(r, "Số thẻ (mã số BHXH 10 số)", "Card number (10-digit code)"),
		           "number", "text", c->number, true);
		html_field(r, tr(r, "Có giá trị từ", "Valid from"), "valid_from", "date",
		           c->valid_from, true);
		html_field(r, tr(r, "Đến hết ngày", "Valid to"), "valid_to", "date", c->valid_to,
		           true);
		html_f(r, "<label>%s", tr(r, "Nguồn đóng", "Paid by"));
		html_select(r, "payer", card_payers, card_payer_words,
		            html_kept(r, "payer", c->payer), NULL);
		html_lit(r, "</label>");
	} else if (!retract && kind == HEALTH_CHECKUP) {
		const struct checkup *k = &h->checkups[at];
		html_field(r, tr(r, "Ngày khám", "Date"), "checked_on", "date", k->checked_on,
		           true);
		html_field(r, tr(r, "Nơi khám, kết quả", "Where, what was found"), "note", "text",
		           k->note, false);
	} else if (!retract) {
		const struct condition *n = &h->conditions[at];
		html_field(r, tr(r, "Tên bệnh", "Condition"), "name", "text", n->name, true);
		html_field(r, tr(r, "Phát hiện từ ngày", "Found on"), "since", "date", n->since,
		           false);
		html_field(r, tr(r, "Ghi chú", "Note"), "note", "text", n->note, false);
	}
	html_field(r, tr(r, "Lý do (bắt buộc)", "Reason (required)"), "reason", "text", NULL, true);
	html_f(r, "<button>%s</button> <a href=\"/persons/%lld#health\">%s</a>",
	       retract ? tr(r, "Rút lại bản ghi này", "Retract this record")
	               : tr(r, "Ghi bản sửa", "Record the correction"),
	       (long long)p->id, tr(r, "Huỷ", "Cancel"));
	html_form_end(r);
	page_end(r);
}

/* What a correction or retraction answered: back to the person page, or the
 * page again with the refusal beside its field. */
static void fix_done(struct req *r, const struct person *p, const struct person_health *h,
                     char kind, size_t at, bool retract, nct_err e)
{
	if (e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		r->status = resp_status(e);
		fix_page(r, p, h, kind, at, retract);
	} else if (e) {
		resp_refusal(r, e, &r->rf);
	} else {
		person_page_saved(r, p->id, "#health",
		                  retract ? tr(r, "việc rút lại bản ghi", "the retraction")
		                          : tr(r, "bản sửa", "the correction"));
	}
}

/* The correction or retraction page of a record (post: what it answered to its
 * form). */
static void fix(struct req *r, bool retract, bool post)
{
	struct person p;
	struct person_health h;
	char kind;
	size_t at;
	if (!route_record(r, &p, &h, &kind, &at))
		return;
	int64_t old = record_id(&h, kind, at), id;
	const char *reason = req_arg(r, "reason");
	if (!post)
		fix_page(r, &p, &h, kind, at, retract);
	else if (retract)
		fix_done(r, &p, &h, kind, at, true,
		         health_retract(&r->x, p.id, kind, old, reason, &r->rf));
	else
		fix_done(r, &p, &h, kind, at, false,
		         health_correct_read(r, p.id, kind, old, reason, req_arg, &id));
	person_health_free(&h);
}

void page_health_correct_form(struct req *r)
{
	fix(r, false, false);
}

void page_health_retract_form(struct req *r)
{
	fix(r, true, false);
}

void page_health_correct(struct req *r)
{
	fix(r, false, true);
}

void page_health_retract(struct req *r)
{
	fix(r, true, true);
}

/* ---- the lists -------------------------------------------------------------------- */

void register_list_links(struct req *r)
{
	html_f(
	    r,
	    "<p><a href=\"/persons\">%s</a> · <a href=\"/health-cards\">%s</a> · <a "
	    "href=\"/health-cards?without_card=1\">%s</a> · <a href=\"/celebrations\">%s</a></p>",
	    tr(r, "Danh sách người cao tuổi", "The register"),
	    tr(r, "Thẻ BHYT sắp hết hạn", "Cards expiring"),
	    tr(r, "Chưa có thẻ BHYT", "Without a card"),
	    tr(r, "Chúc thọ, mừng thọ", "Longevity celebrations"));
}

/* The page's answer to a list that could not be read: the page with the
 * refusal for a refusal, else the error. False when it answered. */
static bool list_failed(struct req *r, nct_err e)
{
	if (!e)
		return false;
	if (e != NCT_ERR_INVALID && e != NCT_ERR_DENIED) {
		resp_domain_error(r, e, NULL);
		return true;
	}
	r->status = resp_status(e);
	return false;
}

/* The query of a list page, kept in its links: place, date, year, expiring_within,
 * without_card, per_page. */
static void kept_list_query(struct req *r)
{
	static const char *const keep[] = {"place",        "date",     "year", "expiring_within",
	                                   "without_card", "per_page", NULL};
	for (size_t i = 0; keep[i]; i++)
		if (given_arg(r, keep[i])) {
			html_f(r, "&amp;%s=", keep[i]);
			html_urlpart(r, req_arg(r, keep[i]));
		}
}

/* A list's row opened with the person's cells: the name (a link to the
 * person), the birth, the age and the residence. */
static void person_row_open(struct req *r, const struct person *p, int age)
{
	html_lit(r, "<tr><th>");
	person_link(r, p);
	html_lit(r, "</th>");
	td_open(r, "Năm sinh", "Born");
	birth_text(r, p->birth);
	html_lit(r, "</td>");
	td_open(r, "Tuổi", "Age");
	html_f(r, "%lld</td>", (long long)age);
	td_text(r, "Nơi ở", "Residence", p->place_name);
}

/* The head of a list's page: the register's links, the refusal, and its filter
 * form (GET to path) opened with the place field. */
static void list_filters_open(struct req *r, const char *path)
{
	register_list_links(r);
	html_refusal(r);
	html_f(r, "<form method=\"get\" action=\"%s\" class=\"filters\">", path);
	html_field(r, tr(r, "Địa bàn (mã hoặc tên)", "Place (code or name)"), "place", "text",
	           req_arg(r, "place"), false);
}

/* "Download the list: CSV · Excel", each link the list's query (kept) after its path. */
static void download_links(struct req *r, const char *csv, const char *xlsx,
                           void (*kept)(struct req *r))
{
	html_f(r, "<p>%s<a href=\"%s", tr(r, "Tải danh sách: ", "Download the list: "), csv);
	kept(r);
	html_f(r, "\">CSV</a> · <a href=\"%s", xlsx);
	kept(r);
	html_lit(r, "\">Excel</a></p>");
}

/* Links to the previous and next pages of a list of n at path. */
static void list_pager(struct req *r, const char *path, size_t n, size_t offset, size_t limit)
{
	size_t page = offset / limit + 1;
	bool prev = page > 1, next = offset + limit < n;
	if (!prev && !next)
		return;
	html_lit(r, "<p class=\"pager\">");
	for (int k = 0; k < 2; k++) {
		if (!(k == 0 ? prev : next))
			continue;
		html_f(r, "<a href=\"%s?page=%lld", path,
		       (long long)(k == 0 ? page - 1 : page + 1));
		kept_list_query(r);
		html_f(r, "\">%s</a> ", html_pager_word(r, k == 1));
	}
	html_lit(r, "</p>");
}

void page_health_cards(struct req *r)
{
	struct place pl;
	bool has_place = false, without = given_arg(r, "without_card") != NULL;
	struct date on = date_today_vn();
	char day[DATE_LEN], daysbuf[12];
	int days = 30;
	size_t offset = 0, limit = LIST_PAGE_SHOWN;
	if (health_list_file(r))
		return;
	nct_err e = health_query(r, &pl, &has_place, &on);
	if (!e)
		e = list_page(r, &offset, &limit);
	if (!e)
		e = health_days(r, &days);
	struct card_row *cards = NULL;
	struct person *people = NULL;
	struct register_page pg = {0};
	size_t n = 0, from = 0, to = 0;
	if (!e && without) /* a page cut in SQL: n, to say "more", is the total counted */
		e = health_without_card_page(&r->x, has_place ? &pl : NULL, on, 0, offset, limit,
		                             &pg, &r->rf);
	else if (!e)
		e = health_cards_expiring(&r->x, has_place ? &pl : NULL, on, days, &cards, &n,
		                          &r->rf);
	if (list_failed(r, e))
		return;
	if (without) {
		people = pg.v;
		to = pg.n;
		/* the pager wants the list's length: past this page when there is a next */
		n = pg.next ? offset + limit + 1 : offset + pg.n;
	} else {
		from = offset < n ? offset : n;
		to = n - from > limit ? from + limit : n;
	}
	date_format_vn(on, day);
	snprintf(daysbuf, sizeof daysbuf, "%d", days);
	page_begin(r, without ? tr(r, "Người cao tuổi chưa có thẻ BHYT còn hạn",
	                           "Older people without a valid card")
	                      : tr(r, "Thẻ BHYT sắp hết hạn", "Health-insurance cards expiring"));
	list_filters_open(r, "/health-cards");
	html_field(r, tr(r, "Ngày", "Date"), "date", "text", day, false);
	if (without)
		html_lit(r, "<input type=\"hidden\" name=\"without_card\" value=\"1\">");
	else
		html_field(r, tr(r, "Hết hạn trong (ngày)", "Expiring within (days)"),
		           "expiring_within", "number", daysbuf, false);
	html_f(r, "<button>%s</button></form><p>", tr(r, "Xem", "Show"));
	if (pg.more)
		html_text(r, tr(r, "Hơn ", "More than "));
	html_f(r, "%lld%s</p>", (long long)(without ? pg.total : (int64_t)n),
	       without ? tr(r, " người cao tuổi còn sống (theo tuổi quy định ngày đó)",
	                    " older people, living (by the age in force that day)")
	               : tr(r, " thẻ", " cards"));
	if (n) {
		download_links(r, "/health-cards?format=csv", "/health-cards?format=xlsx",
		               kept_list_query);
	}
	if (n && without) {
		static const char *const heads[][2] = {{"Họ tên", "Name"},
		                                       {"Năm sinh", "Born"},
		                                       {"Tuổi", "Age"},
		                                       {"Nơi ở", "Residence"}};
		html_table_open(r, "cards", heads, 4, 0);
		for (size_t i = from; i < to; i++) {
			person_row_open(r, &people[i], birth_age_on(people[i].birth, on));
			html_lit(r, "</tr>");
		}
	} else if (n) {
		static const char *const heads[][2] = {{"Họ tên", "Name"},
		                                       {"Số thẻ", "Number"},
		                                       {"Hết hạn", "Ends"},
		                                       {"Nguồn đóng", "Paid by"},
		                                       {"Nơi ở", "Residence"}};
		html_table_open(r, "cards", heads, 5, 0);
		for (size_t i = from; i < to; i++) {
			html_lit(r, "<tr><th>");
			person_link(r, &cards[i].person);
			html_lit(r, "</th>");
			td_text(r, "Số thẻ", "Number", cards[i].card.number);
			td_date(r, "Hết hạn", "Ends", cards[i].card.valid_to);
			td_text(r, "Nguồn đóng", "Paid by",
			        card_payer_words(cards[i].card.payer, r->lang));
			td_text(r, "Nơi ở", "Residence", cards[i].person.place_name);
			html_lit(r, "</tr>");
		}
	}
	if (n)
		html_table_close(r);
	list_pager(r, "/health-cards", n, offset, limit);
	free(cards);
	free(people);
	page_end(r);
}

static void kept_query(struct req *r)
{
	static const char *const keep[] = {"place", "year", NULL};
	for (size_t i = 0; keep[i]; i++)
		if (given_arg(r, keep[i])) {
			html_f(r, "&amp;%s=", keep[i]);
			html_urlpart(r, req_arg(r, keep[i]));
		}
}

void page_celebrations(struct req *r)
{
	struct place pl;
	bool has_place = false;
	int year = date_today_vn().y;
	struct celebration *v = NULL;
	size_t n = 0;
	char ybuf[16], title[200];
	size_t offset = 0, limit = LIST_PAGE_SHOWN;
	int64_t total = 0;
	nct_err e = celebrations_asked(r, &offset, &limit, &pl, &has_place, &year, &v, &n, &total);
	if (list_failed(r, e))
		return;
	snprintf(ybuf, sizeof ybuf, "%d", year);
	snprintf(title, sizeof title, "%s %d%s%.128s",
	         tr(r, "Chúc thọ, mừng thọ năm", "Longevity celebrations of"), year,
	         has_place ? " · " : "", has_place ? pl.name : "");
	page_begin(r, title);
	list_filters_open(r, "/celebrations");
	html_field(r, tr(r, "Năm", "Year"), "year", "number", ybuf, false);
	html_f(r, "<button>%s</button></form><p>%lld%s</p>", tr(r, "Xem", "Show"), (long long)total,
	       tr(r,
	          " người. Tuổi tính theo năm sinh; mức quà theo quy định có hiệu lực ngày "
	          "01/01 của năm.",
	          " people. Ages by the year of birth; gifts by the rules in force on 1 "
	          "January of the year."));
	if (n) {
		download_links(r, "/celebrations.csv?x=1", "/celebrations.xlsx?x=1", kept_query);
		static const char *const heads[][2] = {
		    {"Họ tên", "Name"},
		    {"Năm sinh", "Born"},
		    {"Tuổi", "Age"},
		    {"Nơi ở", "Residence"},
		    {"Cấp chúc thọ, mừng thọ", "Congratulated by"},
		    {"Quà", "Gift"},
		    {"Đã trao", "Given"}};
		html_table_open(r, "cards", heads, 7, 0);
	}
	for (size_t i = 0; i < n; i++) {
		const struct celebration *c = &v[i];
		person_row_open(r, &c->person, c->age);
		td_text(r, "Cấp chúc thọ, mừng thọ", "Congratulated by",
		        congratulator_words(c->gift.congratulated_by, r->lang));
		td_open(r, "Quà", "Gift");
		money_text(r, c->gift.cash);
		if (c->gift.in_kind_description[0]) {
			html_text(r, " + ");
			html_text(r, c->gift.in_kind_description);
		}
		html_lit(r, "</td>");
		td_open(r, "Đã trao", "Given");
		if (c->given)
			html_date(r, c->given_on);
		else
			html_text(r, tr(r, "chưa", "no"));
		html_lit(r, "</td></tr>");
	}
	if (n)
		html_table_close(r);
	list_pager(r, "/celebrations", (size_t)total, offset, limit);
	free(v);
	page_end(r);
}

static const char xlsx_type[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

static void export_celebrations(struct req *r, bool xlsx)
{
	struct place pl;
	bool has_place = false;
	int year;
	char v[96];
	size_t rows = 0;
	nct_err e = celebration_query(r, &pl, &has_place, &year);
	if (!e) {
		buf_reset(&r->out);
		r->out.max = RESP_FILE_MAX;
		e = celebrations_file(&r->x, has_place ? &pl : NULL, year, xlsx, r->lang, &r->out,
		                      &rows, &r->rf);
	}
	if (!e)
		e = celebrations_exported(&r->x, has_place ? pl.code : NULL, year,
		                          xlsx ? "xlsx" : "csv", rows);
	if (e) {
		resp_list_file_failed(r, e);
		return;
	}
	r->status = 200;
	r->ctype = xlsx ? xlsx_type : "text/csv; charset=utf-8";
	snprintf(v, sizeof v, "attachment; filename=\"celebrations-%s-%d.%s\"",
	         has_place ? pl.code : "all", year, xlsx ? "xlsx" : "csv");
	resp_header(r, "Content-Disposition", v);
}

void export_celebrations_csv(struct req *r)
{
	export_celebrations(r, false);
}

void export_celebrations_xlsx(struct req *r)
{
	export_celebrations(r, true);
}

#include "payment_tables.h"
#include "columns.h"

#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "list_file.h"
#include "xlsx.h"

static void coefficient(int c, bool en, char out[16])
{
	snprintf(out, 16, c % 10 ? "%d%c%02d" : "%d%c%d", c / 100, en ? '.' : ',',
	         c % 10 ? c % 100 : (c % 100) / 10);
}

static nct_err line_row(struct table *t, size_t no, const struct payment_line *p, bool en)
{
	char c[16], note[64] = "";
	struct date d;
	coefficient(p->coefficient, en, c);
	if (p->died_on[0] && date_parse(p->died_on, &d) == NCT_OK) {
		char vn[DATE_LEN];
		date_format_vn(d, vn);
		snprintf(note, sizeof note,
		         en ? "died %s: check before paying" : "đã mất %s: kiểm tra", vn);
	}
	table_add_row(t);
	table_set_int(t, PC_NO, (int64_t)no);
	table_set_text(t, PC_NAME, p->full_name);
	table_set_text(t, PC_BIRTH, p->birth);
	table_set_text(t, PC_CITIZEN_ID, p->citizen_id);
	table_set_text(t, PC_PLACE, p->place_name);
	table_set_text(t, PC_RULE, p->rule);
	if (p->coefficient)
		table_set_text(t, PC_COEFFICIENT, c);
	table_set_int(t, PC_AMOUNT, p->amount);
	table_set_text(t, PC_CHANNEL,
	               strcmp(p->channel, "post") == 0 ? (en ? "post office" : "bưu điện")
	                                               : (en ? "cash" : "tiền mặt"));
	table_set_text(t, PC_DECISION, p->decision);
	table_set_text(t, PC_NOTE, note);
	table_set_text(t, PC_RECEIVED, p->received_on);
	return table_error(t);
}

static const char *kind_text(const char *kind, bool en)
{
	if (strcmp(kind, "social_pension") == 0)
		return en ? "social pension" : "trợ cấp hưu trí xã hội";
	return en ? "monthly social allowance" : "trợ cấp xã hội hằng tháng";
}

static nct_err totals_rows(const struct payment_list *l, bool en, struct table *totals)
{
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i <= l->ntotals; i++) {
		bool sum = i == l->ntotals;
		table_add_row(totals);
		table_set_text(totals, TC_RULE,
		               sum ? (en ? "Total" : "Tổng cộng") : l->totals[i].rule);
		if (!sum)
			table_set_text(totals, TC_KIND, kind_text(l->totals[i].kind, en));
		table_set_int(totals, TC_PEOPLE, (int64_t)(sum ? l->n : l->totals[i].people));
		table_set_int(totals, TC_AMOUNT, sum ? l->total : l->totals[i].amount);
		e = table_error(totals);
	}
	return e;
}

static const char *lines_sheet(bool en)
{
	return en ? "Payment list" : "Danh sách chi trả";
}

static const char *totals_sheet(bool en)
{
	return en ? "Totals" : "Tổng hợp";
}

nct_err payment_tables(const struct payment_list *l, const char *lang, struct table *lines,
                       struct table *totals)
{
	bool en = lang && strcmp(lang, "en") == 0;
	nct_err e = NCT_OK;
	table_init(lines, lines_sheet(en), payment_line_columns, PC_COUNT);
	table_init(totals, totals_sheet(en), payment_total_columns, TC_COUNT);
	for (size_t i = 0; !e && i < l->n; i++)
		e = line_row(lines, i + 1, &l->lines[i], en);
	if (!e)
		e = totals_rows(l, en, totals);
	return e;
}

/* The workbook being written: the lines a page at a time. */
enum { PAGE_ROWS = 1000 };
struct writer {
	bool en;
	const char *lang;
	struct table page;
	struct xlsx_stream *xs; /* opened with the first page (its widths) */
	size_t no;
	bool big; /* holds a place among the big list files (list_file.h) */
};

static nct_err flush(struct writer *w)
{
	nct_err e = list_file_big_take(&w->big, w->no);
	if (!e && !w->xs)
		e = xlsx_stream_open(&w->xs, &w->page, w->lang);
	if (!e)
		e = xlsx_stream_rows(w->xs, &w->page);
	table_free(&w->page); /* empty, ready for the next page */
	return e;
}

static nct_err add_line(void *arg, const struct payment_line *l)
{
	struct writer *w = arg;
	nct_err e = line_row(&w->page, ++w->no, l, w->en);
	if (!e && w->page.nrows == PAGE_ROWS)
		e = flush(w);
	return e;
}

nct_err payment_xlsx(struct ctx *x, const char *place, const char *month, const char *lang,
                     const char *path, struct buf *out, struct payment_list *l, struct refusal *rf)
{
	struct writer w = {.en = lang && strcmp(lang, "en") == 0, .lang = lang};
	struct table totals;
	table_init(&w.page, lines_sheet(w.en), payment_line_columns, PC_COUNT);
	table_init(&totals, totals_sheet(w.en), payment_total_columns, TC_COUNT);
	nct_err e = payment_list_each(x, place, month, add_line, &w, l, rf);
	if (!e && (w.page.nrows || !w.xs))
		e = flush(&w);
	if (!e)
		e = totals_rows(l, w.en, &totals);
	if (!e)
		e = xlsx_stream_sheet(w.xs, &totals, lang);
	if (!e) {
		e = path ? xlsx_stream_save(w.xs, path) : xlsx_stream_close(w.xs, out);
		w.xs = NULL;
	}
	xlsx_stream_free(w.xs);
	list_file_big_leave(&w.big);
	table_free(&w.page);
	table_free(&totals);
	return e;
}

#include "payment_tables.h"
#include "columns.h"

#include <stdio.h>
#include <string.h>

#include "../base/date.h"

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

nct_err payment_tables(const struct payment_list *l, const char *lang, struct table *lines,
                       struct table *totals)
{
	bool en = lang && strcmp(lang, "en") == 0;
	nct_err e = NCT_OK;
	table_init(lines, en ? "Payment list" : "Danh sách chi trả", payment_line_columns,
	           PC_COUNT);
	table_init(totals, en ? "Totals" : "Tổng hợp", payment_total_columns, TC_COUNT);
	for (size_t i = 0; !e && i < l->n; i++)
		e = line_row(lines, i + 1, &l->lines[i], en);
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

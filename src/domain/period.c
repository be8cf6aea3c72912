/* period.c - periods and their windows, from the report_windows rules. */
#include "period.h"

#include <stdio.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "ctx.h"

nct_err period_parse(const char *s, struct period *out)
{
	int y = 0;
	if (!s)
		return NCT_ERR_INVALID;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NCT_ERR_INVALID;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1900)
		return NCT_ERR_INVALID;
	out->year = y;
	if (s[4] == '\0')
		out->kind = PERIOD_YEAR;
	else if ((s[4] == 'S' || s[4] == 's') && s[5] == '1' && s[6] == '\0')
		out->kind = PERIOD_HALF;
	else
		return NCT_ERR_INVALID;
	return NCT_OK;
}

void period_format(const struct period *p, char out[PERIOD_LEN])
{
	unsigned y = (unsigned)p->year % 10000u;
	snprintf(out, PERIOD_LEN, "%04u%s", y, p->kind == PERIOD_HALF ? "S1" : "");
}

bool report_scheme_valid(const char *scheme)
{
	return scheme && (strcmp(scheme, "decree09") == 0 || strcmp(scheme, "calendar") == 0);
}

static int window_row(struct db_stmt *st, void *row, void *arg)
{
	struct window_rule *w = row;
	(void)arg;
	w->from_prev_year = (int)db_col_int(st, 0);
	w->from_month = (int)db_col_int(st, 1);
	w->from_day = (int)db_col_int(st, 2);
	w->to_month = (int)db_col_int(st, 3);
	w->to_day = (int)db_col_int(st, 4);
	text_copy(w->source, sizeof w->source, db_col_text(st, 5));
	return DB_KEEP;
}

void period_last_day(const struct period *p, char out[DATE_LEN])
{
	date_format((struct date){p->year, p->kind == PERIOD_HALF ? 6 : 12,
	                          p->kind == PERIOD_HALF ? 30 : 31},
	            out);
}

nct_err report_window_by_rule(const char *scheme, const struct period *p,
                              const struct window_rule *w, struct report_window *out)
{
	int fy = p->year - (w->from_prev_year ? 1 : 0);
	if (!date_valid(fy, w->from_month, w->from_day) ||
	    !date_valid(p->year, w->to_month, w->to_day))
		return NCT_ERR_INVALID; /* a rule the calendar cannot hold */
	memset(out, 0, sizeof *out);
	snprintf(out->scheme, sizeof out->scheme, "%s", scheme);
	period_format(p, out->period);
	out->from = (struct date){fy, w->from_month, w->from_day};
	out->to = (struct date){p->year, w->to_month, w->to_day};
	snprintf(out->source, sizeof out->source, "%s", w->source);
	return NCT_OK;
}

nct_err report_window_of(struct ctx *x, const char *scheme, const struct period *p,
                         struct report_window *out)
{
	static const char sql[] =
	    "SELECT from_prev_year, from_month, from_day, to_month, to_day, source"
	    " FROM report_windows WHERE scheme = ? AND period_kind = ? AND valid_from <= ?"
	    " ORDER BY valid_from DESC LIMIT 1";
	struct window_rule w;
	char last[DATE_LEN];
	if (!report_scheme_valid(scheme))
		return NCT_ERR_INVALID;
	period_last_day(p, last);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, scheme);
	db_bind_text(st, 2, p->kind == PERIOD_HALF ? "half" : "year");
	db_bind_text(st, 3, last);
	nct_err e = db_row(st, &w, window_row, NULL);
	return e ? e : report_window_by_rule(scheme, p, &w, out);
}

void report_window_to_date(struct date on, struct report_window *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->scheme, sizeof out->scheme, "calendar");
	out->from = (struct date){on.y, 1, 1};
	out->to = on;
	snprintf(out->source, sizeof out->source, "Năm dương lịch");
}

/* cmd_payments.c - nct payments: a place's monthly payment list as the XLSX
 * workbook the post office is given (the list to sign, and the totals by
 * category), or its totals on the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/ctx.h"
#include "../domain/decision.h"
#include "../domain/payment.h"
#include "../export/payment_tables.h"
#include "../export/xlsx.h"
#include "../store/db.h"
#include "../web/wording.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct payments --place CODE|VN --month YYYY-MM [-o FILE.xlsx] [--workers N]\n"
    "                    [--lang vi|en] [--db PATH]\n"
    "\n"
    "The monthly payment list of a place (a commune, or a district or province:\n"
    "every commune under it): everyone a decision of the place pays that month,\n"
    "the amount (the allowance's base in force on the 1st of the month times its\n"
    "coefficient), the category, paid through the post office or in cash, signed\n"
    "for or not, and the totals by category. With -o, an Excel workbook with the\n"
    "list to sign and the totals; without, the totals.\n"
    "\n"
    "--place VN: the whole country's totals (no workbook), its provinces in force\n"
    "on the 1st of the month summed: the same as the provinces asked one at a\n"
    "time; the provinces are worked by N connections side by side (--workers, 1\n"
    "to 8, default 2: one a core).\n";

/* The country's totals (--place VN), its provinces worked side by side. */
static nct_err country(struct ctx *x, const char *db_path, const char *workers, const char *month,
                       struct payment_list *l, struct refusal *rf)
{
	struct args_workers w;
	struct ent_province *codes = NULL;
	size_t n = 0;
	char day[DATE_LEN];
	struct date first;
	memset(l, 0, sizeof *l);
	if (!month_parse(month, l->month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	snprintf(day, sizeof day, "%s-01", l->month);
	if (date_parse(day, &first))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	if (!args_workers_open("payments", db_path, workers, x, &w))
		return NCT_ERR_DB; /* said */
	nct_err e = ent_country_provinces(x, first, &codes, &n, rf);
	if (!e)
		e = payment_country(w.xs, w.n, codes, n, month, NULL, NULL, l, rf);
	free(codes);
	args_workers_close(&w);
	return e;
}

int cmd_payments(int argc, char **argv)
{
	const char *db_path = NULL, *place = NULL, *month = NULL, *out = NULL, *lang = "vi",
	           *workers = NULL;
	const struct opt opts[] = {
	    {"db", &db_path, NULL}, {"place", &place, NULL}, {"month", &month, NULL},
	    {"o", &out, NULL},      {"lang", &lang, NULL},   {"workers", &workers, NULL},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "payments", help, opts, 0, &pos);
	if (!place || !month) {
		fprintf(stderr, "nct payments: --place CODE and --month YYYY-MM are needed\n");
		return 2;
	}
	bool whole = strcmp(place, ENT_COUNTRY) == 0;
	if (whole && out)
		fprintf(stderr, "nct payments: the country's list (--place VN) is its totals,"
		                " without -o\n");
	if ((whole && out) || !args_workers_valid("payments", workers))
		return 2;
	struct ctx x;
	if (!args_system("payments", db_path, &x))
		return 1;
	struct payment_list l;
	struct refusal rf = {0};
	char m[32];
	/* the lines go to the workbook as they come; the terminal has the totals */
	nct_err e = whole ? country(&x, db_path, workers, month, &l, &rf)
	            : out ? payment_xlsx(&x, place, month, lang, out, NULL, &l, &rf)
	                  : payment_list_each(&x, place, month, NULL, NULL, &l, &rf);
	if (e && (rf.code || e != NCT_ERR_IO)) {
		db_close(x.db);
		return args_refused_in("payments", e, &rf, lang);
	}
	for (size_t i = 0; !e && i < l.ntotals; i++) {
		money_format(l.totals[i].amount, m);
		printf("%-24s %8zu %16s đ\n", l.totals[i].rule, l.totals[i].people, m);
	}
	if (!e) {
		money_format(l.total, m);
		printf("%s %s %s: %zu, %s đ (%zu post, %zu cash, %zu signed for)%s%s\n", l.place,
		       l.place_name, l.month, l.n, m, l.post, l.cash, l.signed_for,
		       out ? " -> " : "", out ? out : "");
	} else {
		fprintf(stderr, "nct payments: %s%s\n", nct_err_name(e),
		        e == NCT_ERR_IO ? ": the file could not be written" : "");
	}
	payment_list_free(&l);
	db_close(x.db);
	return e ? 1 : 0;
}

/* cmd_payments.c - nct payments: a place's monthly payment list as the XLSX
 * workbook the post office is given (the list to sign, and the totals by
 * category), or its totals on the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/ctx.h"
#include "../domain/payment.h"
#include "../export/payment_tables.h"
#include "../export/xlsx.h"
#include "../store/db.h"
#include "../web/wording.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct payments --place CODE --month YYYY-MM [-o FILE.xlsx] [--lang vi|en] [--db PATH]\n"
    "\n"
    "The monthly payment list of a place (a commune, or a district or province:\n"
    "every commune under it): everyone a decision of the place pays that month,\n"
    "the amount (the allowance's base in force on the 1st of the month times its\n"
    "coefficient), the category, paid through the post office or in cash, signed\n"
    "for or not, and the totals by category. With -o, an Excel workbook with the\n"
    "list to sign and the totals; without, the totals.\n";

int cmd_payments(int argc, char **argv)
{
	const char *db_path = NULL, *place = NULL, *month = NULL, *out = NULL, *lang = "vi";
	const struct opt opts[] = {
	    {"db", &db_path, NULL}, {"place", &place, NULL}, {"month", &month, NULL},
	    {"o", &out, NULL},      {"lang", &lang, NULL},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "payments", help, opts, 0, &pos);
	if (!place || !month) {
		fprintf(stderr, "nct payments: --place CODE and --month YYYY-MM are needed\n");
		return 2;
	}
	struct ctx x;
	if (!args_system("payments", db_path, &x))
		return 1;
	struct payment_list l;
	struct refusal rf = {0};
	char m[32];
	/* the lines go to the workbook as they come; the terminal has the totals */
	nct_err e = out ? payment_xlsx(&x, place, month, lang, out, NULL, &l, &rf)
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

/* cmd_worklists.c - nct worklists: a place's two work lists of the allowances
 * on a date (docs/entitlements.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../domain/ctx.h"
#include "../domain/worklist.h"
#include "../store/db.h"
#include "../web/page_worklists.h"
#include "../web/wording.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct worklists --place CODE [--date YYYY-MM-DD] [--kind eligible-not-receiving|\n"
    "                     receiving-not-eligible] [--count] [--lang vi|en] [--db PATH]\n"
    "\n"
    "The work lists of the allowances for a place (its territory: the units it was\n"
    "formed from count) on a date (today by default): who is eligible but not\n"
    "receiving, and who is receiving but not eligible (died, moved away, a condition\n"
    "no longer met, paid less than the highest allowance owed), each line with its\n"
    "reason and the day it began. Without --kind, both; --count prints the lengths.\n";

static void print(const struct worklist_line *v, size_t n, const char *title, const char *lang)
{
	char why[512];
	printf("%s: %zu\n", title, n);
	for (size_t i = 0; i < n; i++) {
		worklist_reason_text(&v[i], lang, why, sizeof why);
		printf("  %-8lld %-32s %-10s %s\n", (long long)v[i].person_id, v[i].full_name,
		       v[i].birth, why);
	}
}

int cmd_worklists(int argc, char **argv)
{
	const char *db_path = NULL, *place = NULL, *date = NULL, *kind = NULL, *lang = "vi";
	bool count = false;
	const struct opt opts[] = {
	    {"db", &db_path, NULL}, {"place", &place, NULL}, {"date", &date, NULL},
	    {"kind", &kind, NULL},  {"count", NULL, &count}, {"lang", &lang, NULL},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "worklists", help, opts, 0, &pos);
	struct date on = date_today_vn();
	bool both = !kind, enr = kind && strcmp(kind, "eligible-not-receiving") == 0,
	     rne = kind && strcmp(kind, "receiving-not-eligible") == 0;
	if (!place || (date && date_parse_vn(date, &on)) || (kind && !enr && !rne)) {
		fprintf(stderr,
		        "nct worklists: --place CODE is needed; --date is YYYY-MM-DD; --kind "
		        "is eligible-not-receiving or receiving-not-eligible\n");
		return 2;
	}
	struct ctx x;
	if (!args_system("worklists", db_path, &x))
		return 1;
	struct refusal rf = {0};
	struct worklist_line *v = NULL;
	size_t n = 0, ne = 0, nr = 0;
	char msg[512];
	nct_err e = NCT_OK;
	if (count) {
		e = worklist_counts(&x, place, on, &ne, &nr, &rf);
		if (!e)
			printf("eligible-not-receiving %zu\nreceiving-not-eligible %zu\n", ne, nr);
	}
	for (int k = 0; !count && !e && k < 2; k++) {
		if (!both && (k == 0 ? !enr : !rne))
			continue;
		e = worklist(&x, place, on,
		             k == 0 ? WL_ELIGIBLE_NOT_RECEIVING : WL_RECEIVING_NOT_ELIGIBLE, &v, &n,
		             &rf);
		if (!e)
			print(v, n, k == 0 ? "eligible-not-receiving" : "receiving-not-eligible",
			      lang);
		free(v);
		v = NULL;
	}
	if (e) {
		if (rf.code)
			wording_refusal(&rf, lang, msg, sizeof msg);
		fprintf(stderr, "nct worklists: %s\n", rf.code ? msg : nct_err_name(e));
	}
	db_close(x.db);
	return e ? 1 : 0;
}

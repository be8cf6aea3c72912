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

/* The lines of each list as they come (by name), written to a temporary
 * file of their own: the list's length is printed before its lines, and a
 * list is never held whole. */
struct printer {
	FILE *f[2];
	const char *lang;
};

static nct_err print_line(void *arg, enum worklist_kind kind, const struct worklist_line *l)
{
	struct printer *p = arg;
	char why[512];
	worklist_reason_text(l, p->lang, why, sizeof why);
	return fprintf(p->f[kind], "  %-8lld %-32s %-10s %s\n", (long long)l->person_id,
	               l->full_name, l->birth, why) < 0
	           ? NCT_ERR_IO
	           : NCT_OK;
}

/* The list's title and length, then its lines from f. */
static nct_err print(FILE *f, size_t n, const char *title)
{
	char chunk[16384];
	size_t k;
	printf("%s: %zu\n", title, n);
	rewind(f);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (fwrite(chunk, 1, k, stdout) != k)
			return NCT_ERR_IO;
	return ferror(f) ? NCT_ERR_IO : NCT_OK;
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
	struct printer pr = {.lang = lang};
	size_t counts[2] = {0, 0}, ne = 0, nr = 0;
	char msg[512];
	nct_err e = NCT_OK;
	if (count) {
		e = worklist_counts(&x, place, on, &ne, &nr, &rf);
		if (!e)
			printf("eligible-not-receiving %zu\nreceiving-not-eligible %zu\n", ne, nr);
	} else {
		unsigned want = (both || enr ? 1u << WL_ELIGIBLE_NOT_RECEIVING : 0) |
		                (both || rne ? 1u << WL_RECEIVING_NOT_ELIGIBLE : 0);
		for (int k = 0; !e && k < 2; k++)
			if (want & 1u << k && !(pr.f[k] = tmpfile()))
				e = NCT_ERR_IO;
		if (!e)
			e = worklist_each(&x, place, on, want, print_line, &pr, counts, &rf);
		for (int k = 0; !e && k < 2; k++)
			if (pr.f[k])
				e = print(pr.f[k], counts[k],
				          k == 0 ? "eligible-not-receiving"
				                 : "receiving-not-eligible");
		for (int k = 0; k < 2; k++)
			if (pr.f[k])
				fclose(pr.f[k]);
	}
	if (e) {
		if (rf.code)
			wording_refusal(&rf, lang, msg, sizeof msg);
		fprintf(stderr, "nct worklists: %s\n", rf.code ? msg : nct_err_name(e));
	}
	db_close(x.db);
	return e ? 1 : 0;
}

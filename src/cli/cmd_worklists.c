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
    "usage: nct worklists --place CODE|VN [--date YYYY-MM-DD] [--kind eligible-not-receiving|\n"
    "                     receiving-not-eligible] [--count] [--workers N] [--lang vi|en]\n"
    "                     [--db PATH]\n"
    "\n"
    "The work lists of the allowances for a place (its territory: the units it was\n"
    "formed from count) on a date (today by default): who is eligible but not\n"
    "receiving, and who is receiving but not eligible (died, moved away, a condition\n"
    "no longer met, paid less than the highest allowance owed), each line with its\n"
    "reason and the day it began. Without --kind, both; --count prints the lengths.\n"
    "\n"
    "--place VN: the whole country, its provinces in force on the date one after\n"
    "the other by code (each province's lines by name), the same lines and counts\n"
    "as the provinces asked one at a time; the provinces are worked by N\n"
    "connections side by side (--workers, 1 to 8, default 2: one a core).\n";

/* The lines of each list as they come (by name), written to a temporary
 * file of their own: the list's length is printed before its lines, and a
 * list is never held whole. */
struct printer {
	FILE *(*f)[2]; /* a place's: each kind's file; the country's: each province's */
	size_t nf;
	const char *lang;
};

static nct_err line_to(FILE *f, const struct worklist_line *l, const char *lang)
{
	char why[512];
	worklist_reason_text(l, lang, why, sizeof why);
	return fprintf(f, "  %-8lld %-32s %-10s %s\n", (long long)l->person_id, l->full_name,
	               l->birth, why) < 0
	           ? NCT_ERR_IO
	           : NCT_OK;
}

static nct_err print_line(void *arg, enum worklist_kind kind, const struct worklist_line *l)
{
	struct printer *p = arg;
	return line_to(p->f[0][kind], l, p->lang);
}

/* The country's: into the file of the line's province and kind. */
static nct_err print_country_line(void *arg, size_t province, enum worklist_kind kind,
                                  const struct worklist_line *l)
{
	struct printer *p = arg;
	return line_to(p->f[province][kind], l, p->lang);
}

/* The lines of f to standard output. */
static nct_err copy_out(FILE *f)
{
	char chunk[16384];
	size_t k;
	rewind(f);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (fwrite(chunk, 1, k, stdout) != k)
			return NCT_ERR_IO;
	return ferror(f) ? NCT_ERR_IO : NCT_OK;
}

/* Each list wanted: its title and length, then its lines from the files, in
 * their order. */
static nct_err print(const struct printer *p, const size_t counts[2])
{
	nct_err e = NCT_OK;
	for (int k = 0; !e && k < 2; k++) {
		if (!p->f[0][k])
			continue;
		printf("%s: %zu\n", k == 0 ? "eligible-not-receiving" : "receiving-not-eligible",
		       counts[k]);
		for (size_t i = 0; !e && i < p->nf; i++)
			e = copy_out(p->f[i][k]);
	}
	return e;
}

/* nf files of each kind in want; false when one cannot be made. */
static bool printer_open(struct printer *p, size_t nf, unsigned want)
{
	p->nf = 0;
	if (!(p->f = calloc(nf ? nf : 1, sizeof *p->f)))
		return false;
	p->nf = nf;
	for (size_t i = 0; i < nf; i++)
		for (int k = 0; k < 2; k++)
			if (want & 1u << k && !(p->f[i][k] = tmpfile()))
				return false;
	return true;
}

static void printer_close(struct printer *p)
{
	for (size_t i = 0; p->f && i < p->nf; i++)
		for (int k = 0; k < 2; k++)
			if (p->f[i][k])
				fclose(p->f[i][k]);
	free(p->f);
	p->f = NULL;
}

/* The country's lists (--place VN): the lengths, or the lines wanted. */
static nct_err country(struct ctx *x, const char *db_path, const char *workers, struct date on,
                       bool count, unsigned want, struct printer *pr, struct refusal *rf)
{
	struct args_workers w;
	struct ent_province *codes = NULL;
	size_t n = 0, counts[2];
	if (!args_workers_open("worklists", db_path, workers, x, &w))
		return NCT_ERR_DB; /* said */
	nct_err e = ent_country_provinces(x, on, &codes, &n, rf);
	if (!e && !count && !printer_open(pr, n, want))
		e = NCT_ERR_IO;
	if (!e)
		e = worklist_country(w.xs, w.n, codes, n, on, count ? 0 : want,
		                     count ? NULL : print_country_line, pr, counts, rf);
	if (!e && count)
		printf("eligible-not-receiving %zu\nreceiving-not-eligible %zu\n", counts[0],
		       counts[1]);
	else if (!e)
		e = print(pr, counts);
	free(codes);
	args_workers_close(&w);
	return e;
}

/* The lists of one place: the lengths, or the lines wanted. */
static nct_err place_lists(struct ctx *x, const char *place, struct date on, bool count,
                           unsigned want, struct printer *pr, struct refusal *rf)
{
	size_t counts[2] = {0, 0}, ne = 0, nr = 0;
	if (count) {
		nct_err e = worklist_counts(x, place, on, &ne, &nr, rf);
		if (!e)
			printf("eligible-not-receiving %zu\nreceiving-not-eligible %zu\n", ne, nr);
		return e;
	}
	if (!printer_open(pr, 1, want))
		return NCT_ERR_IO;
	nct_err e = worklist_each(x, place, on, want, print_line, pr, counts, rf);
	return e ? e : print(pr, counts);
}

int cmd_worklists(int argc, char **argv)
{
	const char *db_path = NULL, *place = NULL, *date = NULL, *kind = NULL, *lang = "vi",
	           *workers = NULL;
	bool count = false;
	const struct opt opts[] = {
	    {"db", &db_path, NULL},      {"place", &place, NULL}, {"date", &date, NULL},
	    {"kind", &kind, NULL},       {"count", NULL, &count}, {"lang", &lang, NULL},
	    {"workers", &workers, NULL},
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
	if (!args_workers_valid("worklists", workers))
		return 2;
	struct ctx x;
	if (!args_system("worklists", db_path, &x))
		return 1;
	struct refusal rf = {0};
	struct printer pr = {.lang = lang};
	unsigned want = (both || enr ? 1u << WL_ELIGIBLE_NOT_RECEIVING : 0) |
	                (both || rne ? 1u << WL_RECEIVING_NOT_ELIGIBLE : 0);
	char msg[512];
	nct_err e = strcmp(place, ENT_COUNTRY) == 0
	                ? country(&x, db_path, workers, on, count, want, &pr, &rf)
	                : place_lists(&x, place, on, count, want, &pr, &rf);
	printer_close(&pr);
	if (e) {
		if (rf.code)
			wording_refusal(&rf, lang, msg, sizeof msg);
		fprintf(stderr, "nct worklists: %s\n", rf.code ? msg : nct_err_name(e));
	}
	db_close(x.db);
	return e ? 1 : 0;
}

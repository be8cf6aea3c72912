/* cmd_report.c - nct report: the compiled report of a plan for a period as
 * a DOCX in the Decree 30/2020 layout, or an XLSX of its tables
 * (docs/reports.md). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../domain/ctx.h"
#include "../domain/refusal.h"
#include "../domain/report.h"
#include "../export/report_doc.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct report --plan PLAN --period PERIOD -o FILE.docx|FILE.xlsx [--to CODE]\n"
    "                  [--db PATH|URI]\n"
    "\n"
    "Compiles the report the standing office sends upward for one period of a plan:\n"
    "the receiver of the plan's first reporting line owing PERIOD (2024S1: the first\n"
    "half of 2024, 2024: the year), or of the line to CODE with --to. From the reports\n"
    "submitted or accepted: each plan area with every lead unit's progress, the\n"
    "indicators rolled up against the plan's targets, who reported and who did not.\n"
    "FILE.docx: an editable Word document in the layout of Decree 30/2020/ND-CP\n"
    "(A4, Times New Roman, issuing body and national title, number, place and date,\n"
    "title, body, Noi nhan and signature block). FILE.xlsx: the same tables as a\n"
    "workbook (indicators, reporters, items). PLAN is its id (327-kh-ubnd) or its\n"
    "number (327/KH-UBND).\n";

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

int cmd_report(int argc, char **argv)
{
	const char *dbp = NULL, *out = NULL, *plan = NULL, *period = NULL, *to = NULL;
	const struct opt opts[] = {{"db", &dbp, NULL},        {"o", &out, NULL},
	                           {"output", &out, NULL},    {"plan", &plan, NULL},
	                           {"period", &period, NULL}, {"to", &to, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "report", help, opts, 0, &pos);
	int rc;
	if (!plan || !period || !out || !(ends_with(out, ".docx") || ends_with(out, ".xlsx"))) {
		fprintf(stderr, "nct report: give --plan, --period and -o FILE.docx or FILE.xlsx "
		                "(see --help)\n");
		return 2;
	}
	struct ctx x;
	if (!args_system("report", dbp, &x))
		return 1;
	rc = 0;
	struct compiled_report r;
	struct refusal rf = {0};
	nct_err e = report_compile(&x, plan, period, to, &r, &rf);
	if (e == NCT_ERR_NOTFOUND) {
		fprintf(stderr, "nct report: there is no plan %s (see nct plan list)\n", plan);
		db_close(x.db);
		return 1;
	}
	if (e) {
		rc = args_refused("report", e, &rf);
		db_close(x.db);
		return rc;
	}
	e = ends_with(out, ".docx") ? report_docx_write(&r, out) : report_xlsx_write(&r, out);
	if (e) {
		fprintf(stderr, "nct report: cannot write %s (%s)\n", out, nct_err_name(e));
		unlink(out);
		rc = 1;
	} else
		printf("%s: %s %s, %zu of %zu reports in\n", out, r.plan.key, r.comp.period.period,
		       r.comp.submitted, r.comp.expected);
	report_free(&r);
	db_close(x.db);
	return rc;
}

/* cmd_plan.c - nct plan: plans in and out of the store as their files
 * (docs/plans.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../domain/ctx.h"
#include "../domain/plan.h"
#include "../domain/plan_doc.h"
#include "../domain/refusal.h"
#include "../export/plan_file.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct plan import FILE [--db PATH|URI]\n"
    "       nct plan export PLAN [-o FILE] [--db PATH|URI]\n"
    "       nct plan list [--db PATH|URI]\n"
    "\n"
    "import  writes a plan file (format nct-plan/1, docs/plans.md) into the store:\n"
    "        the plan, its areas and items with their lead and co-operating units,\n"
    "        its funding lines, support rules, targets and reporting lines (one\n"
    "        obligation per receiver), with an audit row. A plan already there (the\n"
    "        same id or code) is refused.\n"
    "export  writes the plan (its id, e.g. 327-kh-ubnd, or its code, 327/KH-UBND)\n"
    "        back as its file: an imported plan comes back byte for byte. Without -o\n"
    "        it goes to standard output.\n"
    "list    prints every plan: id, code, date, areas and items.\n"
    "`nct init --demo` imports the two plans of data/plans.\n";

/* The whole file, at most PLAN_FILE_MAX bytes; malloc'd. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(PLAN_FILE_MAX + 1);
	size_t n = buf ? fread(buf, 1, PLAN_FILE_MAX + 1, f) : 0;
	bool bad = ferror(f) != 0;
	fclose(f);
	if (!buf || bad) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int plan_import_file(struct ctx *x, const char *path)
{
	size_t len = 0;
	char msg[256] = "";
	char *data = read_all(path, &len);
	if (!data) {
		fprintf(stderr, "nct plan: cannot read %s\n", path);
		return 1;
	}
	json_t *doc = NULL;
	nct_err e = plan_file_parse(data, len, &doc, msg, sizeof msg);
	free(data);
	if (e) {
		fprintf(stderr, "nct plan: %s: %s\n", path, msg);
		return 1;
	}
	struct plan p;
	struct refusal rf = {0};
	e = plan_import(x, doc, &p, &rf);
	json_decref(doc);
	if (e)
		return args_refused("plan", e, &rf);
	printf("plan %s imported: %d areas, %d items\n", p.slug, p.areas, p.items);
	return 0;
}

static int plan_export_file(struct ctx *x, const char *plan, const char *out)
{
	json_t *doc = NULL;
	nct_err e = plan_export(x, plan, &doc);
	if (e == NCT_ERR_NOTFOUND) {
		fprintf(stderr, "nct plan: there is no plan %s (see nct plan list)\n", plan);
		return 1;
	}
	char *text = e ? NULL : plan_file_text(doc);
	json_decref(doc);
	if (!text) {
		fprintf(stderr, "nct plan: %s\n", nct_err_name(e ? e : NCT_ERR_NOMEM));
		return 1;
	}
	FILE *f = out ? fopen(out, "wb") : stdout;
	size_t n = strlen(text);
	bool ok = f && fwrite(text, 1, n, f) == n;
	if (f && (f == stdout ? fflush(f) : fclose(f)) != 0)
		ok = false;
	free(text);
	if (!ok) {
		fprintf(stderr, "nct plan: cannot write %s\n", out ? out : "the output");
		if (out)
			unlink(out);
		return 1;
	}
	return 0;
}

static int plan_print_list(struct ctx *x)
{
	struct plan *v = NULL;
	size_t n = 0;
	nct_err e = plan_list(x, &v, &n);
	if (e) {
		fprintf(stderr, "nct plan: %s\n", nct_err_name(e));
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%-28s %-16s %-10s %3d areas %4d items  %s\n", v[i].slug,
		       v[i].code[0] ? v[i].code : "-", v[i].date, v[i].areas, v[i].items,
		       v[i].title_en);
	free(v);
	return 0;
}

int cmd_plan(int argc, char **argv)
{
	const char *dbp = NULL, *out = NULL;
	const struct opt opts[] = {{"db", &dbp, NULL}, {"o", &out, NULL}, {"output", &out, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "plan", help, opts, 2, &pos);
	int rc;
	const char *verb = pos.npos > 0 ? pos.pos[0] : "";
	bool list = strcmp(verb, "list") == 0;
	if (!(list && pos.npos == 1) &&
	    !((strcmp(verb, "import") == 0 || strcmp(verb, "export") == 0) && pos.npos == 2)) {
		fprintf(stderr, "nct plan: say import FILE, export PLAN or list (see --help)\n");
		return 2;
	}
	struct ctx x;
	if (!args_system("plan", dbp, &x))
		return 1;
	if (list)
		rc = plan_print_list(&x);
	else if (strcmp(verb, "import") == 0)
		rc = plan_import_file(&x, pos.pos[1]);
	else
		rc = plan_export_file(&x, pos.pos[1], out);
	db_close(x.db);
	return rc;
}

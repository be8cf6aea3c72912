/* cmd_audit.c - nct audit: print the audit log. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "../base/date.h"
#include "../domain/ctx.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct audit [--db PATH] [--json] [--entity E] [--user U] [--action A]\n"
    "                 [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]\n"
    "\n"
    "Prints the audit log, newest first: who changed what, when, from where, old\n"
    "and new values. --limit defaults to 100 (at most 100000).\n";

int cmd_audit(int argc, char **argv)
{
	const char *db_path = NULL, *limit = NULL;
	struct audit_filter f = {0};
	bool json = false;
	const struct opt opts[] = {
	    {"db", &db_path, NULL},      {"json", NULL, &json},       {"entity", &f.entity, NULL},
	    {"user", &f.username, NULL}, {"action", &f.action, NULL}, {"from", &f.from, NULL},
	    {"to", &f.to, NULL},         {"limit", &limit, NULL},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "audit", help, opts, 0, &pos);
	long n = 100;
	struct date d;
	if ((limit && !args_count(limit, 1, 100000, &n)) || (f.from && date_parse(f.from, &d)) ||
	    (f.to && date_parse(f.to, &d))) {
		fprintf(stderr, "nct audit: --limit is 1..100000, --from/--to are YYYY-MM-DD\n");
		return 2;
	}
	f.limit = (size_t)n;
	struct ctx x;
	if (!args_system("audit", db_path, &x))
		return 1;
	struct audit_row *v = NULL;
	size_t k = 0;
	nct_err e = audit_list(&x, &f, &v, &k);
	db_close(x.db);
	if (e) {
		fprintf(stderr, "nct audit: %s\n", nct_err_name(e));
		return 1;
	}
	if (json) {
		args_print_json(audit_rows_json(v, k));
	} else {
		for (size_t i = 0; i < k; i++)
			printf("%s %-12s %-15s %-12s %s %s %s -> %s\n", v[i].at, v[i].username,
			       v[i].addr, v[i].action, v[i].entity, v[i].entity_id,
			       v[i].old_value ? v[i].old_value : "-",
			       v[i].new_value ? v[i].new_value : "-");
	}
	audit_rows_free(v, k);
	return 0;
}

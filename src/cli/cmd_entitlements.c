/* cmd_entitlements.c - nct entitlements: the monthly allowances a person is
 * owed on a date, and why (docs/entitlements.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/money.h"
#include "../domain/ctx.h"
#include "../domain/entitlement.h"
#include "../store/db.h"
#include "../web/api_entitlements.h"
#include "../web/wording.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct entitlements --person ID [--date YYYY-MM-DD] [--json] [--lang vi|en] [--db PATH]\n"
    "\n"
    "Prints every monthly allowance the person qualifies for on the date (today by\n"
    "default), with its amount, coefficient, base and rule, the one that applies\n"
    "(the highest) and why, from the rules in force that day (nct init loads them\n"
    "from data/allowance-rules.csv and data/social-assistance-levels.csv). A person\n"
    "who died is owed nothing from the day after death. --json prints what\n"
    "GET /api/v1/persons/ID/entitlements answers.\n";

static void print_text(const struct entitlement *e, int64_t id, const char *lang)
{
	char m[32], c[16], why[1024], d[DATE_LEN];
	struct date on;
	bool en = lang && strcmp(lang, "en") == 0;
	if (date_parse(e->date, &on) == NCT_OK)
		date_format_vn(on, d);
	money_format(e->amount, m);
	printf(en ? "person %lld on %s: %s đ a month%s\n" : "người %lld ngày %s: %s đ/tháng%s\n",
	       (long long)id, d, m,
	       e->dead ? (en ? " (died before this day)" : " (đã mất trước ngày này)") : "");
	for (size_t i = 0; i < e->n; i++) {
		const struct allowance *a = &e->eligible[i];
		entitlement_why(a, e->in, lang, why, sizeof why);
		coefficient_text(a->rule->coefficient, lang, c);
		money_format(a->amount, m);
		printf("%s %-24s %12s đ  %s\n", (int)i == e->applies ? "*" : " ", a->rule->code, m,
		       why);
		printf("  %-24s %s\n", "", a->rule->legal_basis);
	}
	if (!e->n && !e->dead)
		printf(en ? "no allowance applies\n" : "không thuộc diện hưởng trợ cấp nào\n");
}

int cmd_entitlements(int argc, char **argv)
{
	const char *db_path = NULL, *person = NULL, *date = NULL, *lang = "vi";
	bool json = false;
	const struct opt opts[] = {
	    {"db", &db_path, NULL}, {"person", &person, NULL}, {"date", &date, NULL},
	    {"json", NULL, &json},  {"lang", &lang, NULL},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "entitlements", help, opts, 0, &pos);
	long id = 0;
	struct date on = date_today_vn();
	if (!person || !args_count(person, 1, 0x7fffffffL, &id) ||
	    (date && date_parse_vn(date, &on))) {
		fprintf(stderr, "nct entitlements: --person is a person's id, --date is YYYY-MM-DD "
		                "(or dd/mm/yyyy)\n");
		return 2;
	}
	struct ctx x;
	if (!args_system("entitlements", db_path, &x))
		return 1;
	struct ent_input in;
	struct entitlement e;
	struct rulebook rb;
	struct refusal rf = {0};
	nct_err err = entitlement_input(&x, id, on, &in, &rf);
	if (!err)
		err = rulebook_load(&x, &rb);
	if (err) {
		db_close(x.db);
		return args_refused_in("entitlements", err, &rf, lang);
	}
	entitlement_eval(&rb, &in, on, &e);
	if (json) {
		json_t *o = entitlement_json(&e, lang);
		json_object_set_new(o, "person", json_integer(id));
		char *s = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
		if (s)
			puts(s);
		free(s);
		json_decref(o);
	} else {
		print_text(&e, id, lang);
	}
	rulebook_free(&rb);
	db_close(x.db);
	return 0;
}

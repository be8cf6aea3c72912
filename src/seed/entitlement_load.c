#include "entitlement_load.h"

#include <stdio.h>
#include <string.h>

#include "../base/csv.h"
#include "../domain/entitlement.h"
#include "refdata.h"

static const char levels_header[] = "kind,scope,valid_from,valid_to,amount_vnd,legal_basis,"
                                    "article_text_vi,source_url,verification";
static const char rules_header[] =
    "code,kind,valid_from,valid_to,base,coefficient,age_from,age_to,poverty,supporter,pension,"
    "disability,especially_difficult_commune,community_care,other_conditions,"
    "requires_application,legal_basis,article_text_vi,source_url,verification";

/* Counts a row as read, and as new when it was added; one already loaded
 * (NCT_ERR_CONFLICT) is kept and not an error. */
static nct_err counted(nct_err e, size_t *rows, size_t *rows_new)
{
	(*rows)++;
	*rows_new += e == NCT_OK;
	return e == NCT_ERR_CONFLICT ? NCT_OK : e;
}

static nct_err level_row(struct ctx *x, char **f, struct entitlement_load_report *r,
                         struct refusal *rf)
{
	struct level_new in = {f[0], f[1], f[2], f[3], f[4], f[5], f[7], f[8]};
	int64_t id;
	return counted(level_add(x, &in, &id, rf), &r->levels, &r->levels_new);
}

static nct_err rule_row(struct ctx *x, char **f, struct entitlement_load_report *r,
                        struct refusal *rf)
{
	struct rule_new in = {f[0],  f[1],  f[2],  f[3],  f[4],  f[5],  f[6],  f[7],  f[8],  f[9],
	                      f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18], f[19]};
	int64_t id;
	return counted(rule_add(x, &in, &id, rf), &r->rules, &r->rules_new);
}

typedef nct_err row_fn(struct ctx *x, char **f, struct entitlement_load_report *r,
                       struct refusal *rf);

static nct_err load(struct ctx *x, const struct refdata *rd, const char *expect, size_t nfields,
                    row_fn *row, struct entitlement_load_report *r, char *msg, size_t msglen)
{
	struct csv c;
	struct refusal rf = {0};
	nct_err e = refdata_csv_open(&c, rd, expect, msg, msglen);
	while (!e && (e = csv_next(&c)) == NCT_OK)
		e = c.nfields == nfields ? row(x, c.fields, r, &rf) : NCT_ERR_INVALID;
	if (e == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	if (e && !msg[0])
		snprintf(msg, msglen, "%s line %zu: %s%s%s%s%s%s", rd->name, c.line,
		         nct_err_name(e), rf.code ? " (" : "",
		         rf.code ? refusal_reason(rf.code) : "", rf.code && rf.field ? ", " : "",
		         rf.code && rf.field ? rf.field : "", rf.code ? ")" : "");
	csv_free(&c);
	return e;
}

nct_err entitlement_load_reference(struct ctx *x, struct entitlement_load_report *r, char *msg,
                                   size_t msglen)
{
	nct_err e = refdata_load_begin(x, r, sizeof *r, msg);
	if (e)
		return e;
	e = load(x, &refdata_assistance_levels, levels_header, 9, level_row, r, msg, msglen);
	if (!e)
		e = load(x, &refdata_allowance_rules, rules_header, 20, rule_row, r, msg, msglen);
	return unit_end(x, e);
}

/* support.c - the one-off support rules: which one a club falls under on a
 * day, and whether an amount fits its level. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "ctx.h"
#include "rows.h"
#include "refusal.h"

#define RULE_COLS                                                                                  \
	"SELECT r.id, r.code, r.name, r.founded_from, r.founded_to, r.amount, r.planned,"          \
	" r.once_per_club, r.valid_from, r.valid_to, r.raised_by, r.source FROM support_rules r "

nct_err support_rule_get(struct ctx *x, int64_t id, struct support_rule *out)
{
	static const char sql[] = RULE_COLS "WHERE r.id = ?";
	return db_row_of(DB_PREPARE(x->db, sql, DB_I(id)), &support_rule_cols, out);
}

nct_err support_rules_covering(struct ctx *x, const char *kind, const char *founded,
                               struct support_rule **out, size_t *n)
{
	static const char sql[] =
	    RULE_COLS "JOIN support_rule_kinds k ON k.rule_id = r.id WHERE k.kind = ?"
	              " AND r.founded_from <= ? AND r.founded_to >= ? ORDER BY r.valid_from, r.id";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(kind), DB_T(founded), DB_T(founded));
	nct_err e;
	*out = db_list_of(st, &support_rule_cols, SUPPORT_RULES_MAX, n, &e);
	return e;
}

static bool in_force(const struct support_rule *r, const char *day)
{
	return strcmp(r->valid_from, day) <= 0 &&
	       (!r->valid_to[0] || strcmp(day, r->valid_to) <= 0);
}

/* Why none of the n rules covering the club (n > 0, by valid_from) is in force
 * on `on`: the day is before the first, or after the one that ended last. */
static nct_err out_of_force(const struct support_rule *v, size_t n, const char *day,
                            struct refusal *rf)
{
	if (strcmp(day, v[0].valid_from) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_NOT_YET, "on", "sdd", v[0].name,
		              v[0].valid_from, day);
	const struct support_rule *last = &v[0];
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i].valid_to, last->valid_to) > 0)
			last = &v[i];
	return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_ENDED, "on", "sdd", last->name,
	              last->valid_to, day);
}

nct_err support_rule_for(struct ctx *x, const char *kind, const char *founded, struct date on,
                         struct support_rule *out, struct refusal *rf)
{
	struct support_rule *v;
	size_t n;
	char day[DATE_LEN];
	date_format(on, day);
	nct_err e = support_rules_covering(x, kind, founded, &v, &n);
	if (e)
		return e;
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (in_force(&v[i], day))
			at = i; /* the latest valid_from on or before the day */
	if (at < n)
		*out = v[at];
	else if (n == 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_NO_RULE, "support", "d", founded);
	else
		e = out_of_force(v, n, day, rf);
	free(v);
	return e;
}

nct_err support_amount_check(const struct support_rule *r, int64_t amount, struct refusal *rf)
{
	if (r->planned && amount > r->amount)
		return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_ABOVE_LEVEL, "amount", "smm", r->name,
		              r->amount, amount);
	if (!r->planned && amount != r->amount)
		return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_AMOUNT, "amount", "smm", r->name,
		              r->amount, amount);
	return NCT_OK;
}

#include "composition_rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "club.h"
#include "ctx.h"

nct_err composition_rule_on(struct ctx *x, struct date on, struct composition_rule *out)
{
	static const char sql[] =
	    "SELECT min_members, max_members, women_min_pct, women_max_pct, older_min_pct,"
	    " older_max_pct, younger_min_pct, younger_max_pct, older_age FROM composition_rules"
	    " WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1";
	char d[DATE_LEN];
	date_format(on, d);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(d));
	int rc = db_step(st);
	if (rc == DB_ROW) {
		int *f[] = {&out->min_members,     &out->max_members,     &out->women_min_pct,
		            &out->women_max_pct,   &out->older_min_pct,   &out->older_max_pct,
		            &out->younger_min_pct, &out->younger_max_pct, &out->older_age};
		for (int i = 0; i < 9; i++)
			*f[i] = (int)db_col_int(st, i);
	}
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	/* before any rule was set, the plan's values hold */
	if (rc != DB_ROW)
		*out = composition_rule_plan327;
	return NCT_OK;
}

nct_err club_composition(struct ctx *x, const struct club *c, struct date on,
                         struct composition *out)
{
	struct composition_rule rule;
	struct member *v;
	size_t n;
	if (access_club(x, c, ACCESS_SEE))
		return NCT_ERR_DENIED;
	nct_err e = composition_rule_on(x, on, &rule);
	if (!e)
		e = club_members(x, c, &v, &n);
	if (e)
		return e;
	struct member_fact *facts = calloc(n ? n : 1, sizeof *facts);
	if (!facts) {
		free(v);
		return NCT_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		facts[i].sex = v[i].person.sex;
		facts[i].birth = v[i].person.birth;
		facts[i].hardship = v[i].person.hardship;
		date_parse(v[i].joined_on, &facts[i].joined);
		facts[i].has_left =
		    v[i].left_on[0] && date_parse(v[i].left_on, &facts[i].left) == NCT_OK;
	}
	composition_compute(facts, n, &rule, on, out);
	free(facts);
	free(v);
	return NCT_OK;
}

static bool rule_sane(const struct composition_rule *r)
{
	const int pairs[][2] = {{r->women_min_pct, r->women_max_pct},
	                        {r->older_min_pct, r->older_max_pct},
	                        {r->younger_min_pct, r->younger_max_pct}};
	bool ok = r->min_members >= 1 && r->min_members <= r->max_members &&
	          r->max_members <= 10000 && r->older_age >= 50 && r->older_age <= 100;
	for (int i = 0; i < 3; i++)
		ok = ok && pairs[i][0] >= 0 && pairs[i][0] <= pairs[i][1] && pairs[i][1] <= 100;
	return ok;
}

static nct_err rule_write(struct ctx *x, const char *valid_from, const struct composition_rule *r,
                          const char *source, struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO composition_rules (valid_from, min_members, max_members, women_min_pct,"
	    " women_max_pct, older_min_pct, older_max_pct, younger_min_pct, younger_max_pct,"
	    " older_age, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
	const int v[] = {r->min_members,     r->max_members,     r->women_min_pct,
	                 r->women_max_pct,   r->older_min_pct,   r->older_max_pct,
	                 r->younger_min_pct, r->younger_max_pct, r->older_age};
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(valid_from));
	for (int i = 0; i < 9; i++)
		db_bind_int(st, i + 2, v[i]);
	db_bind_text(st, 11, source);
	nct_err e = db_run(st);
	if (e == NCT_ERR_CONFLICT)
		return refuse(rf, e, RF_RULE_EXISTS, "valid_from", "d", valid_from);
	char nj[256];
	snprintf(nj, sizeof nj,
	         "{\"valid_from\":\"%s\",\"members\":[%d,%d],\"women\":[%d,%d],\"older\":[%d,%d],"
	         "\"younger\":[%d,%d],\"older_age\":%d}",
	         valid_from, r->min_members, r->max_members, r->women_min_pct, r->women_max_pct,
	         r->older_min_pct, r->older_max_pct, r->younger_min_pct, r->younger_max_pct,
	         r->older_age);
	return e ? e : audit_write(x, "create", "composition_rule", valid_from, NULL, nj);
}

nct_err composition_rule_add(struct ctx *x, const char *valid_from,
                             const struct composition_rule *r, const char *source,
                             struct refusal *rf)
{
	struct date d;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = check_date(valid_from, "valid_from", &d, rf);
	if (!e && !rule_sane(r))
		e = refuse(rf, NCT_ERR_INVALID, RF_RULE_BOUNDS, NULL, "");
	if (!e)
		e = check_text(source, 200, "source", rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, rule_write(x, valid_from, r, source, rf));
}

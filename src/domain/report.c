/* report.c - the compiled report of a plan for a period (report.h). */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "indicator_register.h"
#include "rows.h"
#include "ctx.h"

static nct_err entries_of(struct ctx *x, struct compiled_report *r)
{
	static const char sql[] =
	    "SELECT si.item_id, COALESCE(ro.code, rp.code), COALESCE(ro.name, rp.name), si.status,"
	    " si.progress FROM submission_items si JOIN submissions s ON s.id = si.submission_id"
	    " LEFT JOIN orgs ro ON s.reporter_kind = 'org' AND ro.id = s.reporter_id"
	    " LEFT JOIN places rp ON s.reporter_kind = 'place' AND rp.id = s.reporter_id"
	    " WHERE s.obligation_id = ? AND s.period = ? AND s.status IN ('submitted', 'accepted')"
	    " ORDER BY si.item_id, 3, 2";
	struct vec v;
	vec_init(&v, sizeof(struct report_entry), REPORT_ENTRIES_MAX);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(r->ob.id), DB_T(r->comp.period.period));
	nct_err e = db_rows_of(st, &v, &report_entry_cols);
	r->entries = vec_result(&v, e, &r->nentries);
	return e;
}

/* The plan's first line owing period (to that receiver, when asked), with
 * that period. */
static nct_err line_of(struct ctx *x, struct compiled_report *r, const char *period, const char *to,
                       struct ob_period *per, struct refusal *rf)
{
	struct obligation *obs = NULL;
	size_t n = 0;
	nct_err e = obligation_list(x, r->plan.id, &obs, &n);
	bool found = false;
	for (size_t i = 0; !e && !found && i < n; i++) {
		if (!obligation_dated(&obs[i]) || (to && to[0] && strcmp(obs[i].to, to) != 0))
			continue;
		if (obligation_period(x, &obs[i], period, per, NULL) == NCT_OK) {
			r->ob = obs[i];
			found = true;
		}
	}
	free(obs);
	if (!e && !found)
		e = refuse(rf, NCT_ERR_INVALID, RF_PERIOD_NOT_OWED, "period", "s",
		           period ? period : "");
	return e;
}

/* The roll-up of one line's period c (of ob) into r->roll, kept when some
 * report gave a figure: *kept; *units: the line has reporters with a
 * territory (may be NULL). */
static nct_err rollup_kept(struct ctx *x, struct compiled_report *r, const struct obligation *ob,
                           const struct completeness *c, bool *kept, bool *units)
{
	nct_err got = rollup_of_completeness(x, ob, c, NULL, &r->roll);
	*kept = false;
	if (units)
		*units = got != NCT_ERR_NOTFOUND;
	if (got)
		return got == NCT_ERR_NOTFOUND ? NCT_OK : got;
	for (int i = 0; i < FIGURE_COUNT; i++)
		*kept = *kept || r->roll.whole.has[i];
	if (!*kept)
		rollup_free(&r->roll);
	return NCT_OK;
}

/* The figures the report carries: the clubs' indicators (a plan with a
 * number) and the register's figures its lines name, as the compiled line's
 * reports gave them; when none of its reporters has a territory (departments),
 * those of the first other line of the plan to the same receiver owing the
 * period whose units with a territory gave some (the 2024 plan: R3, the
 * district committees, beside R1, the departments). */
static nct_err figures_of(struct ctx *x, struct compiled_report *r)
{
	struct obligation *obs = NULL;
	size_t n = 0;
	bool units = false, owned[REG_COUNT], any = r->plan.code[0] != '\0';
	nct_err e = any ? NCT_OK : register_figures_owned(x, r->plan.slug, owned);
	for (int i = 0; !any && i < REG_COUNT; i++)
		any = owned[i];
	if (e || !any) /* a plan without a number, whose lines name no register figure */
		return e;
	e = rollup_kept(x, r, &r->ob, &r->comp, &r->has_rollup, &units);
	if (!e && !r->has_rollup && !units)
		e = obligation_list(x, r->plan.id, &obs, &n);
	for (size_t i = 0; !e && !r->has_rollup && i < n; i++) {
		struct ob_period per;
		struct completeness c;
		if (obs[i].id == r->ob.id || !obligation_dated(&obs[i]) ||
		    strcmp(obs[i].to, r->ob.to) != 0 ||
		    obligation_period(x, &obs[i], r->comp.period.period, &per, NULL) != NCT_OK)
			continue;
		e = completeness_in(x, &obs[i], &per, &c);
		if (!e) {
			e = rollup_kept(x, r, &obs[i], &c, &r->has_rollup, NULL);
			completeness_free(&c);
		}
	}
	free(obs);
	return e;
}

nct_err report_compile(struct ctx *x, const char *plan, const char *period, const char *to,
                       struct compiled_report *out, struct refusal *rf)
{
	struct ob_period per;
	memset(out, 0, sizeof *out);
	nct_err e = plan_get(x, plan ? plan : "", &out->plan);
	if (!e)
		e = line_of(x, out, period, to, &per, rf);
	if (!e)
		e = completeness_in(x, &out->ob, &per, &out->comp);
	if (e)
		return e;
	out->receiver = out->comp.receiver;
	if (!out->comp.receiver_code[0]) {
		report_free(out);
		return refuse(rf, NCT_ERR_INVALID, RF_NO_RECEIVER, "period", "s", period);
	}
	if (!out->comp.receiver_side && access_admin(x) != NCT_OK) {
		report_free(out);
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	}
	/* the plan's issuer, as read with the plan */
	out->has_superior = out->plan.issuer_id != 0;
	if (out->has_superior) {
		out->superior.id = out->plan.issuer_id;
		text_copy(out->superior.code, sizeof out->superior.code, out->plan.issuer);
		text_copy(out->superior.name, sizeof out->superior.name, out->plan.issuer_name);
		text_copy(out->superior.place_path, sizeof out->superior.place_path,
		          out->plan.issuer_path);
	}
	date_format(date_today_vn(), out->date);
	e = plan_sections(x, out->plan.id, SECTION_AREA, &out->sections, &out->nsections);
	if (!e)
		e = plan_items(x, out->plan.id, SECTION_AREA, &out->items, &out->nitems);
	if (!e)
		e = entries_of(x, out);
	if (!e)
		e = figures_of(x, out);
	if (e)
		report_free(out);
	return e;
}

void report_free(struct compiled_report *r)
{
	completeness_free(&r->comp);
	if (r->has_rollup)
		rollup_free(&r->roll);
	free(r->sections);
	free(r->items);
	free(r->entries);
	r->sections = NULL;
	r->items = NULL;
	r->entries = NULL;
	r->has_rollup = false;
}

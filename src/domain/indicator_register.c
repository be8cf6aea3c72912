/* indicator_register.c - the register's figures of a place on a day
 * (indicator_register.h): one statement per subtree of the territory, each a
 * path range over the places and the residences recorded there (person_facts
 * by place, migration 0015), a person counted where the residence in force on
 * the day puts them, the four counts summed by the engine. CROSS JOIN keeps
 * SQLite's loop on the places, then their residences, then the person (on
 * PostgreSQL a plain join, whose estimates want merged_into IS NULL as it is:
 * through COALESCE it guessed a few people and scanned them all per place). */
#include "indicator_register.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "composition_rule.h"
#include "ctx.h"
#include "health.h"
#include "person_fact.h"

static const struct {
	const char *code, *vi, *en;
} defs[REG_COUNT] = {
    {"older_people", "Người cao tuổi trên địa bàn", "Older people living in the place"},
    {"receiving_allowance", "Người cao tuổi đang hưởng trợ cấp xã hội hằng tháng",
     "People receiving a monthly allowance"},
    {"older_with_health_card", "Người cao tuổi có thẻ bảo hiểm y tế còn hạn",
     "Older people with a valid health-insurance card"},
    {"celebrated", "Người cao tuổi được chúc thọ, mừng thọ trong năm",
     "People congratulated on their longevity in the year"},
};

/* Living (not dead on or before the day, as the register's lists read it):
 * died_on > day. Older: the first day the birth can be is on or before the
 * day older_age years back. A month's allowance: the decision in force for the
 * month (the latest by month, day signed and id, as decision_in_force) is not
 * a stop, and the person did not die before the month began. */
#define LIVING_OLDER " p.birth_start <= ? AND (p.died_on IS NULL OR p.died_on > ?)"
static const char sql_counts[] =
    "SELECT COALESCE(SUM(CASE WHEN" LIVING_OLDER " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN (p.died_on IS NULL OR p.died_on >= ?) AND (SELECT d.action"
    " FROM allowance_decisions d WHERE d.person_id = p.id AND d.month <= ?"
    " ORDER BY d.month DESC, d.signed_on DESC, d.id DESC LIMIT 1) <> 'stop'"
    " THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN" LIVING_OLDER " AND EXISTS (SELECT 1 FROM health_cards c"
    " WHERE c.person_id = p.id AND c.valid_from <= ? AND c.valid_to >= ?"
    " AND c.retracted_at IS NULL) THEN 1 ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM celebrations_given g"
    " WHERE g.person_id = p.id AND g.year = ?) THEN 1 ELSE 0 END), 0)"
    " FROM places pl CROSS JOIN person_facts r CROSS JOIN persons p"
    " WHERE r.place_id = pl.id AND r.kind = 'residence' AND p.id = r.person_id"
    " AND pl.path >= ? AND pl.path < ? AND (r.valid_from IS NULL OR r.valid_from <= ?)"
    " AND p.merged_into IS NULL AND r.id = " PERSON_RESIDENCE_ON("r.person_id");

/* The day `age` years before `on` (29 February to the 28th), as age_cut in
 * register.c: born on or before it, one is that age on `on`. */
static void age_cut(struct date on, int age, char out[DATE_LEN])
{
	struct date d = {on.y - age, on.m, on.d};
	if (!date_valid(d.y, d.m, d.d))
		d.d = 28;
	date_format(d, out);
}

static nct_err count_range(struct ctx *x, const char *lo, const char *hi, const char *cut,
                           const char *day, const char *month_first, const char *month,
                           int64_t year, int64_t *sum)
{
	struct db_stmt *st = DB_PREPARE(x->db, sql_counts, DB_T(cut), DB_T(day), DB_T(month_first),
	                                DB_T(month), DB_T(cut), DB_T(day), DB_T(day), DB_T(day),
	                                DB_I(year), DB_T(lo), DB_T(hi), DB_T(day), DB_T(day));
	int rc = db_step(st);
	for (int i = 0; rc == DB_ROW && i < REG_COUNT; i++)
		sum[i] += db_col_int(st, i);
	db_done(st);
	return rc < 0 ? (nct_err)-rc : (rc == DB_ROW ? NCT_OK : NCT_ERR_DB);
}

nct_err register_figures_of(struct ctx *x, const struct place *pl, struct date day,
                            struct register_figures *out)
{
	struct composition_rule rule;
	struct area a;
	char cut[DATE_LEN], d[DATE_LEN], first[DATE_LEN], month[8];
	memset(out, 0, sizeof *out);
	nct_err e = composition_rule_on(x, day, &rule);
	if (!e)
		e = area_of(x, pl, day, &a, NULL); /* the territory, within the scope */
	if (e)
		return e;
	out->older_age = rule.older_age;
	age_cut(day, rule.older_age, cut);
	date_format(day, d);
	date_format((struct date){day.y, day.m, 1}, first);
	memcpy(month, first, 7);
	month[7] = '\0';
	for (size_t i = 0; !e && i < a.n; i++)
		e = count_range(x, a.lo[i], a.hi[i], cut, d, first, month, day.y, out->value);
	return e;
}

nct_err register_figures_owned(struct ctx *x, const char *plan_slug, bool owned[REG_COUNT])
{
	static const char sql[] = "SELECT figure FROM plan_register_figures WHERE plan = ?";
	memset(owned, 0, REG_COUNT * sizeof *owned);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(plan_slug));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = figure_position(db_col_text(st, 0)) - IND_COUNT;
		if (i >= 0 && i < REG_COUNT)
			owned[i] = true;
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

bool figure_def(const char *code, struct indicator *out)
{
	int i = figure_position(code);
	if (i < IND_COUNT)
		return indicator_def(code, out); /* the clubs', or false */
	memset(out, 0, sizeof *out);
	out->code = defs[i - IND_COUNT].code;
	out->vi = defs[i - IND_COUNT].vi;
	out->en = defs[i - IND_COUNT].en;
	out->target.min = out->target.max = -1;
	return true;
}

int figure_position(const char *code)
{
	int i = indicator_position(code);
	for (int k = 0; i < 0 && code && k < REG_COUNT; k++)
		if (strcmp(defs[k].code, code) == 0)
			i = IND_COUNT + k;
	return i;
}

const char *figure_code_at(int i)
{
	return i >= IND_COUNT && i < FIGURE_COUNT ? defs[i - IND_COUNT].code : indicator_code_at(i);
}

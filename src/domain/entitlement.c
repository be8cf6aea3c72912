#include "entitlement.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "check.h"
#include "ctx.h"
#include "designation.h"
#include "person.h"
#include "person_fact.h"
#include "place.h"

const char *const level_kinds[] = {"standard_level", "social_pension_amount",
                                   "social_pension_topup", NULL};
const char *const rule_kinds[] = {"social_allowance", "social_pension", "combination", NULL};

const char *const rule_bases[] = {"standard_level", "social_pension_amount", NULL};
const char *const rule_poverties[] = {"any", "poor", "poor_or_near_poor", NULL};
const char *const rule_supporters[] = {"any", "none", "none_or_on_allowance", NULL};
const char *const rule_pensions[] = {"any", "none", "none_or_below_amount", NULL};
const char *const rule_disabilities[] = {"any", "severe", "extremely_severe", NULL};
const char *const rule_any_yes[] = {"any", "yes", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

bool rule_in_force(const char *from, const char *to, const char *day)
{
	return strcmp(from, day) <= 0 && (!to[0] || strcmp(day, to) <= 0);
}

/* ---- reading the rules ------------------------------------------------------ */

#define LEVEL(f) DB_TEXT(struct assistance_level, f)
static const struct db_col level_col[] = {DB_NUM(struct assistance_level, id),
                                          LEVEL(kind),
                                          LEVEL(scope),
                                          LEVEL(valid_from),
                                          LEVEL(valid_to),
                                          DB_NUM(struct assistance_level, amount),
                                          LEVEL(legal_basis),
                                          LEVEL(source),
                                          LEVEL(verification)};
static const struct db_cols level_cols = DB_COLS(struct assistance_level, level_col);

/* in the order of rulebook_load's rsql (ages without a bound read as -1) */
#define RULE(f)     DB_TEXT(struct allowance_rule, f)
#define RULE_NUM(f) DB_NUM(struct allowance_rule, f)
static const struct db_col rule_col[] = {RULE_NUM(id),
                                         RULE(code),
                                         RULE(kind),
                                         RULE(valid_from),
                                         RULE(valid_to),
                                         RULE(base),
                                         RULE_NUM(coefficient),
                                         RULE_NUM(age_from),
                                         RULE_NUM(age_to),
                                         RULE(poverty),
                                         RULE(supporter),
                                         RULE(pension),
                                         RULE(disability),
                                         RULE(especially_difficult),
                                         RULE(community_care),
                                         RULE(other_conditions),
                                         RULE_NUM(requires_application),
                                         RULE(legal_basis),
                                         RULE(article_text),
                                         RULE(source),
                                         RULE(verification)};
static const struct db_cols rule_cols = DB_COLS(struct allowance_rule, rule_col);

/* "not eligible under SA_5_5_A_*" in a rule's other conditions: the prefix. */
static void rule_unless(struct allowance_rule *r)
{
	static const char key[] = "not eligible under ";
	const char *p = strstr(r->other_conditions, key);
	r->unless[0] = '\0';
	if (!p)
		return;
	p += sizeof key - 1;
	size_t k = strcspn(p, "*;, ");
	if (k && k < sizeof r->unless) {
		memcpy(r->unless, p, k);
		r->unless[k] = '\0';
	}
}

static int rule_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	db_read_cols(st, &rule_cols, row);
	rule_unless(row);
	return DB_KEEP;
}

nct_err rulebook_load(struct ctx *x, struct rulebook *out)
{
	static const char lsql[] = "SELECT id, kind, scope, valid_from, valid_to, amount,"
	                           " legal_basis, source, verification FROM assistance_levels"
	                           " ORDER BY kind, scope, valid_from, id";
	static const char rsql[] =
	    "SELECT id, code, kind, valid_from, valid_to, base, coefficient, COALESCE(age_from, "
	    "-1),"
	    " COALESCE(age_to, -1),"
	    " poverty, supporter, pension, disability, especially_difficult, community_care,"
	    " other_conditions, requires_application, legal_basis, article_text, source,"
	    " verification FROM allowance_rules ORDER BY code, valid_from, id";
	struct vec v;
	memset(out, 0, sizeof *out);
	vec_init(&v, sizeof *out->levels, RULEBOOK_MAX);
	nct_err e = db_rows_of(db_prepare(x->db, lsql), &v, &level_cols);
	out->levels = vec_result(&v, e, &out->nlevels);
	if (e)
		return e;
	vec_init(&v, sizeof *out->rules, RULEBOOK_MAX);
	e = db_rows(db_prepare(x->db, rsql), &v, rule_row, NULL);
	out->rules = vec_result(&v, e, &out->nrules);
	if (e)
		rulebook_free(out);
	return e;
}

void rulebook_free(struct rulebook *rb)
{
	free(rb->levels);
	free(rb->rules);
	memset(rb, 0, sizeof *rb);
}

/* ---- adding to them ---------------------------------------------------------- */

/* from (required) and to (optional) as ISO into f and t; to not before from. */
static nct_err read_span(const char *from, const char *to, char f[DATE_LEN], char t[DATE_LEN],
                         struct refusal *rf)
{
	struct date a, b;
	t[0] = '\0';
	if (!from || date_parse_vn(from, &a))
		return refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "valid_from", "");
	date_format(a, f);
	if (!to || !to[0])
		return NCT_OK;
	if (date_parse_vn(to, &b))
		return refuse(rf, NCT_ERR_INVALID, RF_DAY_FORMAT, "valid_to", "");
	date_format(b, t);
	if (date_cmp(b, a) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "valid_to", "dd", t, f);
	return NCT_OK;
}

static nct_err taken(struct ctx *x, const char *sql, const char *a, const char *b, const char *c,
                     bool *yes)
{
	int64_t k = 0;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	if (c)
		db_bind_text(st, 3, c);
	nct_err e = db_int(st, &k);
	*yes = k > 0;
	return e;
}

static nct_err audit_created(struct ctx *x, const char *entity, int64_t id, json_t *o)
{
	char idtxt[AUDIT_ID_LEN];
	return audit_json(x, "create", entity, audit_id(idtxt, id), NULL, o);
}

/* A scope: "VN" or the code of a province on the map (either tree). */
static nct_err check_scope(struct ctx *x, const char *scope, struct refusal *rf)
{
	static const char sql[] = "SELECT COUNT(*) FROM places WHERE code = ? AND level = 1";
	int64_t k = 0;
	if (scope && strcmp(scope, "VN") == 0)
		return NCT_OK;
	if (scope && scope[0] && strlen(scope) < 8) {
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_text(st, 1, scope);
		nct_err e = db_int(st, &k);
		if (e)
			return e;
	}
	return k ? NCT_OK
	         : refuse(rf, NCT_ERR_INVALID, RF_NO_PLACE, "scope", "s", scope ? scope : "");
}

nct_err level_add(struct ctx *x, const struct level_new *in, int64_t *id, struct refusal *rf)
{
	static const char tsql[] = "SELECT COUNT(*) FROM assistance_levels WHERE kind = ?"
	                           " AND scope = ? AND valid_from = ?";
	static const char sql[] =
	    "INSERT INTO assistance_levels (kind, scope, valid_from, valid_to,"
	    " amount, legal_basis, source, verification, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	char from[DATE_LEN], to[DATE_LEN], now[26];
	int64_t amount = 0;
	bool dup = false;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = check_one_of(in->kind, level_kinds, "kind", rf);
	if (!e)
		e = check_scope(x, in->scope, rf);
	if (!e)
		e = read_span(in->valid_from, in->valid_to, from, to, rf);
	if (!e && (!in->amount || money_parse(in->amount, &amount)))
		e = refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_FORMAT, "amount", "s",
		           in->amount ? in->amount : "");
	if (!e)
		e = check_text(in->legal_basis, RULE_TEXT_MAX - 1, "legal_basis", rf);
	if (!e)
		e = check_optional_text(in->source, RULE_TEXT_MAX - 1, "source", rf);
	if (!e)
		e = check_optional_text(in->verification, RULE_TEXT_MAX - 1, "verification", rf);
	if (!e)
		e = taken(x, tsql, in->kind, in->scope, from, &dup);
	if (!e && dup)
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "valid_from", "s", from);
	if (e || (e = unit_begin(x)))
		return e;
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, in->kind);
	db_bind_text(st, 2, in->scope);
	db_bind_text(st, 3, from);
	db_bind_text(st, 4, to[0] ? to : NULL);
	db_bind_int(st, 5, amount);
	db_bind_text(st, 6, in->legal_basis);
	db_bind_text(st, 7, in->source && in->source[0] ? in->source : NULL);
	db_bind_text(st, 8, in->verification && in->verification[0] ? in->verification : NULL);
	db_bind_text(st, 9, now);
	e = db_int(st, id);
	if (!e)
		e = audit_created(x, "assistance_level", *id,
		                  json_pack("{s:s, s:s, s:s, s:s?, s:I, s:s}", "kind", in->kind,
		                            "scope", in->scope, "valid_from", from, "valid_to",
		                            to[0] ? to : NULL, "amount", (json_int_t)amount,
		                            "legal_basis", in->legal_basis));
	return unit_end(x, e);
}

/* "1.5", "1,5", "2", "2.0": hundredths, 1..10000. */
static bool parse_coefficient(const char *s, int *out)
{
	int whole = 0, frac = 0, digits = 0;
	const char *p = s;
	if (!s || !*s)
		return false;
	for (; *p >= '0' && *p <= '9' && whole < 1000; p++)
		whole = whole * 10 + (*p - '0');
	if (p == s)
		return false;
	if (*p == '.' || *p == ',')
		for (p++; *p >= '0' && *p <= '9' && digits < 2; p++, digits++)
			frac = frac * 10 + (*p - '0');
	if (*p)
		return false;
	if (digits == 1)
		frac *= 10;
	*out = whole * 100 + frac;
	return *out > 0 && *out <= 10000;
}

/* An age in whole years 0..150, or "" for none (-1). */
static nct_err read_age(const char *s, const char *field, int *out, struct refusal *rf)
{
	*out = -1;
	if (!s || !s[0])
		return NCT_OK;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > 150)
		return refuse(rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, field, "ii", (int64_t)0,
		              (int64_t)150);
	*out = (int)v;
	return NCT_OK;
}

static const char *or_any(const char *s)
{
	return s && s[0] ? s : "any";
}

/* The checks of a rule's fields after kind and dates. */
static nct_err rule_check(const struct rule_new *in, bool combination, int *coef, int *from,
                          int *to, struct refusal *rf)
{
	nct_err e = NCT_OK;
	*coef = 0;
	if (!combination) {
		e = check_one_of(in->base, rule_bases, "base", rf);
		if (!e && !parse_coefficient(in->coefficient, coef))
			e = refuse(rf, NCT_ERR_INVALID, RF_RULE_COEFFICIENT, "coefficient", "s",
			           in->coefficient ? in->coefficient : "");
	}
	if (!e)
		e = read_age(in->age_from, "age_from", from, rf);
	if (!e)
		e = read_age(in->age_to, "age_to", to, rf);
	if (!e && *from >= 0 && *to >= 0 && *to <= *from)
		e = refuse(rf, NCT_ERR_INVALID, RF_NUMBER_RANGE, "age_to", "ii", (int64_t)*from + 1,
		           (int64_t)150);
	if (!e)
		e = check_one_of(or_any(in->poverty), rule_poverties, "poverty", rf);
	if (!e)
		e = check_one_of(or_any(in->supporter), rule_supporters, "supporter", rf);
	if (!e)
		e = check_one_of(or_any(in->pension), rule_pensions, "pension", rf);
	if (!e)
		e = check_one_of(or_any(in->disability), rule_disabilities, "disability", rf);
	if (!e)
		e = check_one_of(or_any(in->especially_difficult), rule_any_yes,
		                 "especially_difficult", rf);
	if (!e)
		e = check_one_of(or_any(in->community_care), rule_any_yes, "community_care", rf);
	if (!e && in->requires_application && in->requires_application[0])
		e = check_one_of(in->requires_application, yes_no, "requires_application", rf);
	if (!e)
		e = check_text(in->legal_basis, RULE_TEXT_MAX - 1, "legal_basis", rf);
	if (!e)
		e = check_optional_text(in->other_conditions, RULE_TEXT_MAX - 1, "other_conditions",
		                        rf);
	if (!e)
		e = check_optional_text(in->article_text, RULE_TEXT_MAX - 1, "article_text", rf);
	if (!e)
		e = check_optional_text(in->source, RULE_TEXT_MAX - 1, "source", rf);
	if (!e)
		e = check_optional_text(in->verification, RULE_TEXT_MAX - 1, "verification", rf);
	return e;
}

static void bind_opt(struct db_stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s && s[0] ? s : NULL);
}

static void bind_age(struct db_stmt *st, int i, int v)
{
	if (v < 0)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, v);
}

nct_err rule_add(struct ctx *x, const struct rule_new *in, int64_t *id, struct refusal *rf)
{
	static const char tsql[] = "SELECT COUNT(*) FROM allowance_rules WHERE code = ?"
	                           " AND valid_from = ?";
	static const char sql[] =
	    "INSERT INTO allowance_rules (code, kind, valid_from, valid_to, base, coefficient,"
	    " age_from, age_to, poverty, supporter, pension, disability, especially_difficult,"
	    " community_care, other_conditions, requires_application, legal_basis, article_text,"
	    " source, verification, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	char from[DATE_LEN], to[DATE_LEN], now[26];
	int coef = 0, age_from = -1, age_to = -1;
	bool dup = false;
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	nct_err e = check_code(in->code, RULE_CODE_MAX - 1, "code", rf);
	if (!e)
		e = check_one_of(in->kind, rule_kinds, "kind", rf);
	if (!e)
		e = read_span(in->valid_from, in->valid_to, from, to, rf);
	bool combination = !e && strcmp(in->kind, "combination") == 0;
	if (!e)
		e = rule_check(in, combination, &coef, &age_from, &age_to, rf);
	if (!e)
		e = taken(x, tsql, in->code, from, NULL, &dup);
	if (!e && dup)
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "valid_from", "s", from);
	if (e || (e = unit_begin(x)))
		return e;
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, in->code);
	db_bind_text(st, 2, in->kind);
	db_bind_text(st, 3, from);
	bind_opt(st, 4, to);
	bind_opt(st, 5, combination ? NULL : in->base);
	if (combination)
		db_bind_null(st, 6);
	else
		db_bind_int(st, 6, coef);
	bind_age(st, 7, age_from);
	bind_age(st, 8, age_to);
	db_bind_text(st, 9, or_any(in->poverty));
	db_bind_text(st, 10, or_any(in->supporter));
	db_bind_text(st, 11, or_any(in->pension));
	db_bind_text(st, 12, or_any(in->disability));
	db_bind_text(st, 13, or_any(in->especially_difficult));
	db_bind_text(st, 14, or_any(in->community_care));
	bind_opt(st, 15, in->other_conditions);
	db_bind_int(st, 16,
	            in->requires_application && strcmp(in->requires_application, "yes") == 0);
	db_bind_text(st, 17, in->legal_basis);
	bind_opt(st, 18, in->article_text);
	bind_opt(st, 19, in->source);
	bind_opt(st, 20, in->verification);
	db_bind_text(st, 21, now);
	e = db_int(st, id);
	if (!e)
		e = audit_created(x, "allowance_rule", *id,
		                  json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:i, s:s}", "code",
		                            in->code, "kind", in->kind, "valid_from", from,
		                            "valid_to", to[0] ? to : NULL, "base",
		                            combination ? NULL : in->base, "coefficient", coef,
		                            "legal_basis", in->legal_basis));
	return unit_end(x, e);
}

/* ---- the engine -------------------------------------------------------------- */

static bool in_provinces(const struct ent_input *in, const char *scope)
{
	if (strcmp(scope, "VN") == 0)
		return true;
	for (int i = 0; i < PROVINCES_MAX; i++)
		if (in->provinces[i][0] && strcmp(in->provinces[i], scope) == 0)
			return true;
	return false;
}

/* The amount of kind in force on day for in: the highest of the country's
 * and the province's (0 when none is in force); *sum adds them up instead
 * (top-ups). */
static int64_t level_on(const struct rulebook *rb, const struct ent_input *in, const char *kind,
                        const char *day, bool sum)
{
	int64_t best = 0;
	for (size_t i = 0; i < rb->nlevels; i++) {
		const struct assistance_level *l = &rb->levels[i];
		if (strcmp(l->kind, kind) != 0 || !rule_in_force(l->valid_from, l->valid_to, day) ||
		    !in_provinces(in, l->scope))
			continue;
		if (sum)
			best += l->amount;
		else if (l->amount > best)
			best = l->amount;
	}
	return best;
}

/* The later of since and d (an empty d changes nothing). */
static void later(char since[DATE_LEN], const char *d)
{
	if (d[0] && strcmp(d, since) > 0)
		text_copy(since, DATE_LEN, d);
}

/* The day of the birthday of age (from birth_start): 29 February falls on
 * 1 March in a common year, as birth_age_on counts. */
static void birthday(struct birth b, int age, char out[DATE_LEN])
{
	struct date s = birth_start(b), d = {s.y + age, s.m, s.d};
	if (!date_valid(d.y, d.m, d.d))
		d = (struct date){d.y, 3, 1};
	date_format(d, out);
}

/* Whether in, of age on the date, meets every condition of r but the amount:
 * the checks alone, before the dates of any (most rules fail most people). */
static bool qualifies(const struct rulebook *rb, const struct allowance_rule *r,
                      const struct ent_input *in, int age, const char *day)
{
	if ((r->age_from >= 0 && age < r->age_from) || (r->age_to >= 0 && age >= r->age_to))
		return false;
	const char *pov = in->poverty.value;
	if (strcmp(r->poverty, "poor") == 0 && strcmp(pov, "poor") != 0)
		return false;
	if (strcmp(r->poverty, "poor_or_near_poor") == 0 && strcmp(pov, "poor") != 0 &&
	    strcmp(pov, "near_poor") != 0)
		return false;
	if (strcmp(r->supporter, "any") != 0 && strcmp(in->supporter.value, "no") != 0)
		return false;
	if (strcmp(r->pension, "any") != 0) {
		bool none = strcmp(in->pension.value, "no") == 0;
		bool below = strcmp(r->pension, "none_or_below_amount") == 0 &&
		             strcmp(in->pension.value, "yes") == 0 && in->pension_amount_known &&
		             in->pension_amount < level_on(rb, in, r->base, day, false);
		if (!none && !below)
			return false;
	}
	if (strcmp(r->disability, "any") != 0 && strcmp(in->disability.value, r->disability) != 0)
		return false;
	if (strcmp(r->especially_difficult, "yes") == 0 && !in->difficult)
		return false;
	return strcmp(r->community_care, "yes") != 0 ||
	       strcmp(in->community_care.value, "yes") == 0;
}

/* The day the allowance of r began for in, who qualifies: the latest of the
 * rule's start and of the days its conditions began to hold. */
static void began(const struct allowance_rule *r, const struct ent_input *in, struct allowance *a)
{
	text_copy(a->since, sizeof a->since, r->valid_from);
	if (r->age_from >= 0) {
		birthday(in->birth, r->age_from, a->age_day);
		later(a->since, a->age_day);
	}
	if (strcmp(r->poverty, "any") != 0)
		later(a->since, in->poverty.from);
	if (strcmp(r->supporter, "any") != 0)
		later(a->since, in->supporter.from);
	if (strcmp(r->pension, "any") != 0)
		later(a->since, in->pension.from);
	if (strcmp(r->disability, "any") != 0)
		later(a->since, in->disability.from);
	if (strcmp(r->especially_difficult, "yes") == 0) {
		later(a->since, in->difficult_from);
		later(a->since, in->residence.from);
	}
	if (strcmp(r->community_care, "yes") == 0)
		later(a->since, in->community_care.from);
}

/* Whether in meets every condition of r on the date, with the day it began. */
static bool meets(const struct rulebook *rb, const struct allowance_rule *r,
                  const struct ent_input *in, struct date on, const char *day, struct allowance *a)
{
	memset(a, 0, sizeof *a);
	if (!qualifies(rb, r, in, birth_age_on(in->birth, on), day))
		return false;
	began(r, in, a);
	a->rule = r;
	a->base = level_on(rb, in, r->base, day, false);
	if (strcmp(r->kind, "social_pension") == 0)
		a->topup = level_on(rb, in, "social_pension_topup", day, true);
	a->amount = a->base * r->coefficient / 100 + a->topup;
	return a->base > 0;
}

void entitlement_eval(const struct rulebook *rb, const struct ent_input *in, struct date on,
                      struct entitlement *out)
{
	char day[DATE_LEN];
	date_format(on, day);
	memset(out, 0, sizeof *out);
	text_copy(out->date, sizeof out->date, day);
	out->applies = -1;
	out->in = in;
	if (in->died_on[0] && strcmp(day, in->died_on) > 0) {
		out->dead = true;
		return;
	}
	if (birth_after(in->birth, on))
		return;
	for (size_t i = 0; i < rb->nrules && out->n < ENTITLEMENT_MAX; i++) {
		const struct allowance_rule *r = &rb->rules[i];
		if (!rule_in_force(r->valid_from, r->valid_to, day))
			continue;
		if (strcmp(r->kind, "combination") == 0) {
			if (!out->combination)
				out->combination = r;
			continue;
		}
		if (meets(rb, r, in, on, day, &out->eligible[out->n]))
			out->n++;
	}
	/* "not eligible under X*": drop what a qualified rule of that prefix excludes */
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		const char *unless = out->eligible[i].rule->unless;
		bool excluded = false;
		for (size_t j = 0; unless[0] && j < out->n && !excluded; j++)
			excluded = j != i && strncmp(out->eligible[j].rule->code, unless,
			                             strlen(unless)) == 0;
		if (!excluded)
			out->eligible[k++] = out->eligible[i];
	}
	out->n = k;
	for (size_t i = 0; i < out->n; i++)
		if (out->applies < 0 ||
		    out->eligible[i].amount > out->eligible[out->applies].amount)
			out->applies = (int)i;
	out->amount = out->applies < 0 ? 0 : out->eligible[out->applies].amount;
}

/* ---- what the engine reads of a person --------------------------------------- */

static void fact_into(struct ent_fact *f, const struct person_fact *p)
{
	memset(f, 0, sizeof *f);
	if (!p->id)
		return;
	text_copy(f->value, sizeof f->value, p->value);
	text_copy(f->from, sizeof f->from, p->from);
}

/* The province codes of the place: its province's, and the province that one
 * became (or was formed from) across the 2025 reform. */
static nct_err provinces_of(struct ctx *x, int64_t place_id, struct ent_input *in)
{
	struct place p, *chain = NULL, *links = NULL;
	size_t n = 0, k = 0, used = 0;
	nct_err e = place_by_id(x, place_id, &p);
	if (!e)
		e = place_ancestors(x, &p, &chain, &n);
	for (size_t i = 0; !e && i < n; i++) {
		if (chain[i].level != PLACE_PROVINCE)
			continue;
		text_copy(in->provinces[used++], sizeof in->provinces[0], chain[i].code);
		for (int dir = -1; !e && dir <= 1; dir += 2) {
			e = place_links(x, chain[i].id, dir, &links, &k);
			for (size_t j = 0; !e && j < k && used < PROVINCES_MAX; j++)
				text_copy(in->provinces[used++], sizeof in->provinces[0],
				          links[j].code);
			free(links);
			links = NULL;
		}
		break;
	}
	free(chain);
	return e;
}

nct_err entitlement_read(struct ctx *x, const struct person *p, struct date on,
                         struct ent_input *in, struct ent_place_cache *cache)
{
	struct person_fact f[FACT_KINDS];
	memset(in, 0, sizeof *in);
	nct_err e = person_facts_latest(x, p->id, on, f);
	if (e)
		return e;
	return entitlement_from_facts(x, p, f, on, in, cache);
}

nct_err entitlement_from_facts(struct ctx *x, const struct person *p, const struct person_fact *f,
                               struct date on, struct ent_input *in, struct ent_place_cache *cache)
{
	nct_err e;
	memset(in, 0, sizeof *in);
	in->birth = p->birth;
	text_copy(in->died_on, sizeof in->died_on, p->died_on);
	fact_into(&in->poverty, &f[FACT_POVERTY]);
	fact_into(&in->supporter, &f[FACT_SUPPORTER]);
	fact_into(&in->pension, &f[FACT_PENSION]);
	fact_into(&in->disability, &f[FACT_DISABILITY]);
	fact_into(&in->community_care, &f[FACT_COMMUNITY_CARE]);
	fact_into(&in->residence, &f[FACT_RESIDENCE]);
	in->pension_amount_known = f[FACT_PENSION].has_amount;
	in->pension_amount = f[FACT_PENSION].amount;
	in->place_id = f[FACT_RESIDENCE].id ? f[FACT_RESIDENCE].place_id : p->place_id;
	char day[DATE_LEN];
	date_format(on, day);
	struct ent_place_slot local,
	    *s = cache ? &cache->slot[(uint64_t)in->place_id % ENT_CACHE_SLOTS] : NULL;
	if (!s || s->place_id != in->place_id || strcmp(s->day, day) != 0) {
		struct ent_place_slot fresh = {.place_id = in->place_id};
		struct designation_answer d;
		struct place here;
		struct ent_input tmp = {0};
		text_copy(fresh.day, sizeof fresh.day, day);
		if ((e = place_by_id(x, in->place_id, &here)) ||
		    (e = place_designated(x, in->place_id, "especially_difficult", on, &d)) ||
		    (e = provinces_of(x, in->place_id, &tmp)))
			return e;
		fresh.difficult = d.yes;
		fresh.partial = d.partial;
		if (d.yes)
			text_copy(fresh.from, sizeof fresh.from, d.by.valid_from);
		memcpy(fresh.provinces, tmp.provinces, sizeof fresh.provinces);
		text_copy(fresh.code, sizeof fresh.code, here.code);
		text_copy(fresh.name, sizeof fresh.name, here.name);
		text_copy(fresh.path, sizeof fresh.path, here.path);
		if (!s)
			s = &local;
		*s = fresh;
	}
	in->difficult = s->difficult;
	in->difficult_partial = s->partial;
	text_copy(in->difficult_from, sizeof in->difficult_from, s->from);
	memcpy(in->provinces, s->provinces, sizeof in->provinces);
	text_copy(in->place_code, sizeof in->place_code, s->code);
	text_copy(in->place_name, sizeof in->place_name, s->name);
	text_copy(in->place_path, sizeof in->place_path, s->path);
	return NCT_OK;
}

nct_err entitlement_input(struct ctx *x, int64_t person_id, struct date on, struct ent_input *in,
                          struct refusal *rf)
{
	struct person p;
	memset(in, 0, sizeof *in);
	nct_err e = person_sensitive_open(x, person_id, "{\"fields\":[\"disability\"]}", &p, rf);
	return e ? e : entitlement_read(x, &p, on, in, NULL);
}

int64_t rule_amount(const struct rulebook *rb, const char *code, const struct ent_input *in,
                    struct date on, const struct allowance_rule **rule)
{
	char day[DATE_LEN];
	date_format(on, day);
	*rule = NULL;
	for (size_t i = 0; i < rb->nrules; i++) {
		const struct allowance_rule *r = &rb->rules[i];
		if (strcmp(r->code, code) != 0 || !rule_in_force(r->valid_from, r->valid_to, day))
			continue;
		*rule = r;
		int64_t topup = strcmp(r->kind, "social_pension") == 0
		                    ? level_on(rb, in, "social_pension_topup", day, true)
		                    : 0;
		return level_on(rb, in, r->base, day, false) * r->coefficient / 100 + topup;
	}
	return 0;
}

/* The day after day (ISO). */
static void day_after(const char *day, char out[DATE_LEN])
{
	struct date d;
	out[0] = '\0';
	if (date_parse(day, &d) == NCT_OK)
		date_format(date_from_days(date_to_days(d) + 1), out);
}

const char *rule_unmet(const struct rulebook *rb, const char *code, const struct ent_input *in,
                       struct date on, char since[DATE_LEN])
{
	char day[DATE_LEN];
	const struct allowance_rule *r = NULL, *last = NULL;
	struct allowance a;
	date_format(on, day);
	since[0] = '\0';
	for (size_t i = 0; i < rb->nrules; i++) {
		if (strcmp(rb->rules[i].code, code) != 0)
			continue;
		last = &rb->rules[i];
		if (rule_in_force(last->valid_from, last->valid_to, day))
			r = last;
	}
	if (!r) {
		if (last && last->valid_to[0])
			day_after(last->valid_to, since);
		return "rule_ended";
	}
	if (meets(rb, r, in, on, day, &a))
		return NULL;
	int age = birth_age_on(in->birth, on);
	if ((r->age_from >= 0 && age < r->age_from) || (r->age_to >= 0 && age >= r->age_to)) {
		if (r->age_to >= 0 && age >= r->age_to)
			birthday(in->birth, r->age_to, since);
		return "age";
	}
	struct probe {
		const char *name, *want;
		const struct ent_fact *f;
	} probes[] = {
	    {"poverty", r->poverty, &in->poverty},
	    {"supporter", r->supporter, &in->supporter},
	    {"pension", r->pension, &in->pension},
	    {"disability", r->disability, &in->disability},
	    {"community_care", r->community_care, &in->community_care},
	};
	struct ent_input probe = *in;
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		if (strcmp(probes[i].want, "any") == 0)
			continue;
		/* the condition alone: is it the one that fails? */
		struct allowance_rule one = *r;
		text_copy(one.poverty, sizeof one.poverty, i == 0 ? r->poverty : "any");
		text_copy(one.supporter, sizeof one.supporter, i == 1 ? r->supporter : "any");
		text_copy(one.pension, sizeof one.pension, i == 2 ? r->pension : "any");
		text_copy(one.disability, sizeof one.disability, i == 3 ? r->disability : "any");
		text_copy(one.community_care, sizeof one.community_care,
		          i == 4 ? r->community_care : "any");
		text_copy(one.especially_difficult, sizeof one.especially_difficult, "any");
		one.age_from = one.age_to = -1;
		if (!meets(rb, &one, &probe, on, day, &a)) {
			text_copy(since, DATE_LEN, probes[i].f->from);
			return probes[i].name;
		}
	}
	if (strcmp(r->especially_difficult, "yes") == 0 && !in->difficult) {
		text_copy(since, DATE_LEN, in->residence.from);
		return "especially_difficult";
	}
	return "amount";
}

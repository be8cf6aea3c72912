#include "decision.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "check.h"
#include "ctx.h"
#include "entitlement.h"
#include "person.h"
#include "place.h"

const char *const decision_actions[] = {"grant", "adjust", "stop", NULL};
const char *const payment_channels[] = {"post", "cash", NULL};

/* A month mm/yyyy or YYYY-MM of a year from first to 9999, as YYYY-MM. */
static bool month_parse_from(const char *s, int first, char out[MONTH_LEN])
{
	int y, m;
	if (!s)
		return false;
	size_t n = strlen(s);
	if (n == 7 && s[4] == '-') {
		y = date_digits(s, 4);
		m = date_digits(s + 5, 2);
	} else if ((n == 7 || n == 6) && s[n - 5] == '/') {
		y = date_digits(s + n - 4, 4);
		m = date_digits(s, (int)n - 5);
	} else {
		return false;
	}
	if (y < first || y > 9999 || m < 1 || m > 12)
		return false;
	snprintf(out, MONTH_LEN, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
	return true;
}

bool month_parse(const char *s, char out[MONTH_LEN])
{
	return month_parse_from(s, DECISION_FIRST_YEAR, out);
}

#define DEC_COLS DECISION_SELECT

void decision_from_columns(struct db_stmt *st, struct decision *d)
{
	db_read_cols(st, &decision_cols, d);
}

nct_err decision_in_force(struct db *db, int64_t person_id, const char *month, struct decision *out,
                          bool *found)
{
	static const char sql[] = DEC_COLS "WHERE d.person_id = ? AND d.month <= ?"
	                                   " ORDER BY d.month DESC, d.signed_on DESC, d.id DESC"
	                                   " LIMIT 1";
	memset(out, 0, sizeof *out);
	nct_err e =
	    db_row_of(DB_PREPARE(db, sql, DB_I(person_id), DB_T(month)), &decision_cols, out);
	*found = !e && strcmp(out->action, "stop") != 0;
	return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
}

nct_err decision_list(struct ctx *x, int64_t person_id, struct decision **out, size_t *n,
                      struct refusal *rf)
{
	static const char sql[] = DEC_COLS "WHERE d.person_id = ?"
	                                   " ORDER BY d.month, d.signed_on, d.id";
	struct person p;
	*out = NULL;
	*n = 0;
	/* a decision's rule says the household is poor or the person disabled */
	nct_err e = person_sensitive_open(x, person_id, "{\"fields\":[\"decisions\"]}", &p, rf);
	if (e)
		return e;
	*out = db_list_of(DB_PREPARE(x->db, sql, DB_I(person_id)), &decision_cols,
	                  DECISION_LIST_MAX, n, &e);
	return e;
}

/* ---- recording ------------------------------------------------------------------ */

struct signer_rule {
	char level[12];
};

static int signer_row(struct db_stmt *st, void *row, void *arg)
{
	struct signer_rule *s = row;
	(void)arg;
	text_copy(s->level, sizeof s->level, db_col_text(st, 0));
	return DB_KEEP;
}

/* The level whose chairman signs on day (decision_signers). */
static nct_err signer_level(struct ctx *x, const char *day, char level[12], struct refusal *rf)
{
	static const char sql[] = "SELECT level FROM decision_signers WHERE valid_from <= ?"
	                          " AND (valid_to IS NULL OR valid_to >= ?)"
	                          " ORDER BY valid_from DESC, id DESC LIMIT 1";
	struct signer_rule s;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, day);
	nct_err e = db_row(st, &s, signer_row, NULL);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_SIGNER, "signed_on", "d", day);
	if (!e)
		text_copy(level, 12, s.level);
	return e;
}

/* The unit of level above (or at) place_id, or above a unit its commune was
 * formed from (a commune of 2025 and the district of its predecessors). */
static nct_err signer_place(struct ctx *x, int64_t place_id, int level, struct place *out)
{
	struct place p, *chain = NULL, *pred = NULL;
	size_t n = 0, k = 0;
	int64_t commune = 0;
	nct_err e = place_by_id(x, place_id, &p);
	if (!e)
		e = place_ancestors(x, &p, &chain, &n);
	for (size_t i = 0; !e && i < n; i++) {
		if (chain[i].level == level) {
			*out = chain[i];
			free(chain);
			return NCT_OK;
		}
		if (chain[i].level == PLACE_COMMUNE)
			commune = chain[i].id;
	}
	free(chain);
	if (e || !commune)
		return e ? e : NCT_ERR_NOTFOUND;
	if ((e = place_links(x, commune, -1, &pred, &k)))
		return e;
	e = NCT_ERR_NOTFOUND;
	for (size_t i = 0; i < k && e == NCT_ERR_NOTFOUND; i++)
		e = signer_place(x, pred[i].id, level, out);
	free(pred);
	return e;
}

nct_err decision_person(struct ctx *x, int64_t person_id, const char *field, struct person *p,
                        struct refusal *rf)
{
	nct_err e = person_seen(x, person_id, field, p, rf);
	if (e)
		return e;
	if (!access_sensitive(x) || access_person(x, p, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (p->merged_into)
		return refuse(rf, NCT_ERR_INVALID, RF_MERGED, NULL, "i", p->merged_into);
	return NCT_OK;
}

/* The checked input. */
struct dec_in {
	char action[8];
	char signed_on[DATE_LEN];
	char month[MONTH_LEN];
	char level[12];
	struct place signer_place;
	int64_t place_id;
	int64_t amount;
	bool receiving;
	struct decision now; /* in force for the month */
};

static nct_err read_fields(struct ctx *x, const struct decision_new *in, struct dec_in *v,
                           struct refusal *rf)
{
	struct date signed_on;
	nct_err e = check_one_of(in->action, decision_actions, "action", rf);
	if (!e)
		e = check_text(in->number, DECISION_NUMBER_MAX, "number", rf);
	if (!e)
		e = check_day(in->signed_on, "signed_on", &signed_on, rf);
	if (!e)
		e = check_text(in->signer, DECISION_SIGNER_MAX, "signer", rf);
	if (e)
		return e;
	text_copy(v->action, sizeof v->action, in->action);
	date_format(signed_on, v->signed_on);
	/* any four-digit year is read, so that one out of range is said so */
	if (!month_parse_from(in->month, 1000, v->month))
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_FORMAT, "month", "");
	int last_month = signed_on.y * 12 + signed_on.m - 1 + DECISION_MONTHS_AHEAD;
	char first_iso[16], last_iso[16];
	snprintf(first_iso, sizeof first_iso, "%04d-01", DECISION_FIRST_YEAR);
	snprintf(last_iso, sizeof last_iso, "%04d-%02d", last_month / 12, last_month % 12 + 1);
	if (strcmp(v->month, first_iso) < 0 || strcmp(v->month, last_iso) > 0)
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_OUT_OF_RANGE, "month", "MM", v->month,
		              last_iso);
	bool stop = strcmp(in->action, "stop") == 0;
	if (!stop && strncmp(v->month, v->signed_on, 7) < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_MONTH_BEFORE_SIGNED, "month", "Md", v->month,
		              v->signed_on);
	if (!stop && (e = check_one_of(in->channel, payment_channels, "channel", rf)))
		return e;
	if (stop)
		e = check_text(in->reason, DECISION_REASON_MAX, "reason", rf);
	else
		e = check_optional_text(in->reason, DECISION_REASON_MAX, "reason", rf);
	if (!e)
		e = signer_level(x, v->signed_on, v->level, rf);
	return e;
}

/* The allowance decided: one the person qualifies for on the day signed. */
static nct_err read_rule(struct ctx *x, int64_t person_id, const struct decision_new *in,
                         struct dec_in *v, struct refusal *rf)
{
	struct ent_input ei;
	struct entitlement ent;
	struct rulebook rb;
	struct date on;
	bool known = false;
	date_parse(v->signed_on, &on);
	nct_err e = entitlement_input(x, person_id, on, &ei, rf);
	if (e || (e = rulebook_load(x, &rb)))
		return e;
	v->place_id = ei.place_id;
	for (size_t i = 0; in->rule && i < rb.nrules; i++)
		known = known || (strcmp(rb.rules[i].code, in->rule) == 0 &&
		                  strcmp(rb.rules[i].kind, "combination") != 0);
	if (strcmp(v->action, "stop") != 0) {
		if (!known) {
			e = refuse(rf, NCT_ERR_INVALID, RF_NO_SUCH_RULE, "rule", "s",
			           in->rule ? in->rule : "");
		} else {
			entitlement_eval(&rb, &ei, on, &ent);
			bool qualifies = false;
			for (size_t i = 0; i < ent.n && !qualifies; i++)
				if (strcmp(ent.eligible[i].rule->code, in->rule) == 0) {
					v->amount = ent.eligible[i].amount;
					qualifies = true;
				}
			if (!qualifies)
				e = refuse(rf, NCT_ERR_INVALID, RF_NOT_ELIGIBLE, "rule", "sd",
				           in->rule, v->signed_on);
		}
	}
	rulebook_free(&rb);
	return e;
}

static nct_err number_taken(struct ctx *x, const char *number, int64_t place, bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM allowance_decisions WHERE number = ?"
	                          " AND signer_place_id = ?";
	int64_t k = 0;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, number);
	db_bind_int(st, 2, place);
	nct_err e = db_int(st, &k);
	*yes = k > 0;
	return e;
}

static nct_err write_decision(struct ctx *x, int64_t person_id, const struct decision_new *in,
                              const struct dec_in *v, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer,"
	    " signer_level, signer_place_id, place_id, rule_code, amount, month, channel, reason,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
	bool stop = strcmp(v->action, "stop") == 0;
	char now[26], idtxt[AUDIT_ID_LEN];
	time_format_vn(time(NULL), now);
	struct db_stmt *st = DB_PREPARE(
	    x->db, sql, DB_I(person_id), DB_T(v->action), DB_T(in->number), DB_T(v->signed_on),
	    DB_T(in->signer), DB_T(v->level), DB_I(v->signer_place.id), DB_I(v->place_id),
	    DB_T(stop ? NULL : in->rule), stop ? DB_T(NULL) : DB_I(v->amount), DB_T(v->month),
	    DB_T(stop ? NULL : in->channel), DB_OPT(in->reason), DB_T(now));
	nct_err e = db_int(st, id);
	if (e)
		return e;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:I, s:s, s:s?, s:s?}",
	                      "person", (json_int_t)person_id, "action", v->action, "number",
	                      in->number, "signed_on", v->signed_on, "signer", in->signer,
	                      "signer_level", v->level, "signer_place", v->signer_place.code,
	                      "rule", stop ? NULL : in->rule, "amount", (json_int_t)v->amount,
	                      "month", v->month, "channel", stop ? NULL : in->channel, "reason",
	                      in->reason && in->reason[0] ? in->reason : NULL);
	return audit_json(x, "decision", "allowance_decision", audit_id(idtxt, *id), NULL, o);
}

/* Inside the unit: the person's row and the signing committee's locked (in
 * that order, so two decisions run one after the other on PostgreSQL; SQLite's
 * unit holds the write lock), then the checks that depend on what is recorded
 * (one in force, the number) and the write, so two grants at once cannot both
 * pass the checks. */
static nct_err checked_write(struct ctx *x, int64_t person_id, const struct decision_new *in,
                             struct dec_in *v, int64_t *id, struct refusal *rf)
{
	bool taken = false;
	nct_err e = person_lock_live(x, person_id, rf);
	if (!e)
		e = db_lock_row(x->db, "places", v->signer_place.id);
	if (!e)
		e = decision_in_force(x->db, person_id, v->month, &v->now, &v->receiving);
	if (e)
		return e;
	if (strcmp(v->action, "grant") == 0 && v->receiving)
		return refuse(rf, NCT_ERR_CONFLICT, RF_ALREADY_RECEIVING, "action", "ss",
		              v->now.rule_code, v->now.number);
	if (strcmp(v->action, "grant") != 0 && !v->receiving)
		return refuse(rf, NCT_ERR_CONFLICT, RF_NOT_RECEIVING, "action", "M", v->month);
	if ((e = number_taken(x, in->number, v->signer_place.id, &taken)))
		return e;
	if (taken)
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "number", "s", in->number);
	e = write_decision(x, person_id, in, v, id);
	if (e == NCT_ERR_CONFLICT) /* the unique index: written at the same time elsewhere */
		return refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "number", "s", in->number);
	return e;
}

nct_err decision_add(struct ctx *x, int64_t person_id, const struct decision_new *in, int64_t *id,
                     struct refusal *rf)
{
	struct person p;
	struct dec_in v;
	memset(&v, 0, sizeof v);
	nct_err e = decision_person(x, person_id, "id", &p, rf);
	if (e)
		return e;
	if ((e = read_fields(x, in, &v, rf)) || (e = read_rule(x, person_id, in, &v, rf)))
		return e;
	int level = strcmp(v.level, "district") == 0   ? PLACE_DISTRICT
	            : strcmp(v.level, "province") == 0 ? PLACE_PROVINCE
	                                               : PLACE_COMMUNE;
	e = signer_place(x, v.place_id, level, &v.signer_place);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_NO_SIGNER_PLACE, "signed_on", "sd", v.level,
		              v.signed_on);
	if (e)
		return e;
	if ((e = unit_begin(x)))
		return e;
	return unit_end(x, checked_write(x, person_id, in, &v, id, rf));
}

#include "person_export.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "club.h"
#include "ctx.h"
#include "person_fact.h"

static int membership_row(struct db_stmt *st, void *row, void *arg)
{
	struct person_membership *m = row;
	const struct ctx *x = arg;
	struct club c = {.id = db_col_int(st, 0)};
	m->club_id = c.id;
	text_copy(m->club_code, sizeof m->club_code, db_col_text(st, 1));
	text_copy(m->club_name, sizeof m->club_name, db_col_text(st, 2));
	text_copy(c.place_path, sizeof c.place_path, db_col_text(st, 3));
	text_copy(m->joined_on, sizeof m->joined_on, db_col_text(st, 4));
	text_copy(m->left_on, sizeof m->left_on, db_col_text(st, 5));
	text_copy(m->role, sizeof m->role, db_col_text(st, 6));
	m->volunteer = db_col_int(st, 7) != 0;
	return access_club(x, &c, ACCESS_SEE) ? DB_SKIP : DB_KEEP;
}

nct_err person_memberships(struct ctx *x, const struct person *p, struct person_membership **out,
                           size_t *n)
{
	static const char sql[] =
	    "SELECT c.id, c.code, c.name, pl.path, m.joined_on, m.left_on, m.role, m.volunteer"
	    " FROM memberships m JOIN clubs c ON c.id = m.club_id JOIN places pl"
	    " ON pl.id = c.place_id WHERE m.person_id = ? ORDER BY m.joined_on, m.id";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, p->id);
	nct_err e;
	*out = db_list(st, sizeof **out, PERSON_MEMBERSHIPS_MAX, membership_row, x, n, &e);
	return e;
}

/* Rows of a query about one person as a JSON array of objects: the columns'
 * names are the keys, text as text, NULL as null. */
struct json_rows {
	const char *const *keys;
	size_t nkeys;
	json_t *array;
};

static int json_row(struct db_stmt *st, void *row, void *arg)
{
	struct json_rows *j = arg;
	json_t *o = json_object();
	(void)row;
	for (size_t i = 0; o && i < j->nkeys; i++)
		json_object_set_new(o, j->keys[i],
		                    db_col_null(st, (int)i) ? json_null()
		                                            : json_string(db_col_text(st, (int)i)));
	return o && json_array_append_new(j->array, o) == 0 ? DB_SKIP : -(int)NCT_ERR_NOMEM;
}

/* The rows of sql (each of its nparams parameters bound to the person's id)
 * as into[name]. */
static nct_err rows_json(struct db *db, const char *sql, int64_t id, int nparams,
                         const char *const *keys, size_t nkeys, json_t *into, const char *name)
{
	struct json_rows j = {keys, nkeys, json_array()};
	struct vec none;
	vec_init(&none, 1, 1);
	struct db_stmt *st = db_prepare(db, sql);
	for (int i = 1; i <= nparams; i++)
		db_bind_int(st, i, id);
	nct_err e = j.array ? db_rows(st, &none, json_row, &j) : NCT_ERR_NOMEM;
	vec_free(&none);
	if (!e)
		json_object_set_new(into, name, j.array);
	else
		json_decref(j.array);
	return e;
}

static nct_err export_related(struct ctx *x, int64_t id, json_t *o)
{
	static const char facts[] =
	    "SELECT f.id, f.kind, f.value, f.amount, f.valid_from, f.note, f.created_at, r.reason,"
	    " r.created_at FROM person_facts f LEFT JOIN person_fact_retractions r"
	    " ON r.fact_id = f.id WHERE f.person_id = ? ORDER BY f.id";
	static const char *const fk[] = {"id",          "kind", "value",       "amount",
	                                 "from",        "note", "recorded_at", "retracted_reason",
	                                 "retracted_at"};
	static const char members[] =
	    "SELECT c.code, c.name, m.joined_on, m.left_on, m.role, m.volunteer FROM memberships m"
	    " JOIN clubs c ON c.id = m.club_id WHERE m.person_id = ? ORDER BY m.id";
	static const char *const mk[] = {"club",    "club_name", "joined_on",
	                                 "left_on", "role",      "volunteer"};
	static const char board[] =
	    "SELECT c.code, b.role, b.term_from, b.term_to FROM club_board b"
	    " JOIN clubs c ON c.id = b.club_id WHERE b.person_id = ?"
	    " ORDER BY b.id";
	static const char *const bk[] = {"club", "role", "term_from", "term_to"};
	static const char visits[] =
	    "SELECT c.code, v.on_date, CASE WHEN v.volunteer_id = ? THEN 'volunteer' ELSE 'visited'"
	    " END FROM home_visits v JOIN clubs c ON c.id = v.club_id WHERE v.volunteer_id = ?"
	    " OR v.visited_id = ? ORDER BY v.id";
	static const char *const vk[] = {"club", "on_date", "as"};
	static const char loans[] =
	    "SELECT c.code, l.principal, l.disbursed_on, l.term_months,"
	    " l.written_off_on FROM loans l JOIN clubs c ON c.id = l.club_id"
	    " WHERE l.person_id = ? ORDER BY l.id";
	static const char *const lk[] = {"club", "principal", "disbursed_on", "term_months",
	                                 "written_off_on"};
	/* health records with their marks: corrected (replaced_by) or retracted */
	static const char cards[] = "SELECT number, valid_from, valid_to, payer, created_at,"
	                            " retracted_at, retract_reason, replaced_by, id"
	                            " FROM health_cards WHERE person_id = ? ORDER BY id";
	static const char *const ck[] = {"number",         "valid_from",  "valid_to",
	                                 "payer",          "recorded_at", "retracted_at",
	                                 "retract_reason", "replaced_by", "id"};
	static const char checkups[] = "SELECT checked_on, note, created_at, retracted_at,"
	                               " retract_reason, replaced_by, id FROM health_checkups"
	                               " WHERE person_id = ? ORDER BY id";
	static const char *const uk[] = {
	    "checked_on",     "note",        "recorded_at", "retracted_at",
	    "retract_reason", "replaced_by", "id"};
	static const char conditions[] =
	    "SELECT name, since, note, created_at, retracted_at, retract_reason, replaced_by,"
	    " id FROM chronic_conditions WHERE person_id = ? ORDER BY id";
	static const char *const nk[] = {
	    "name",         "since",          "note",        "recorded_at",
	    "retracted_at", "retract_reason", "replaced_by", "id"};
	static const char given[] = "SELECT year, given_on, created_at FROM celebrations_given"
	                            " WHERE person_id = ? ORDER BY year, id";
	static const char *const gk[] = {"year", "given_on", "recorded_at"};
	static const char decisions[] =
	    "SELECT d.action, d.number, d.signed_on, d.signer, d.signer_level, sp.code, sp.name,"
	    " d.rule_code, d.amount, d.month, d.channel, d.reason, d.created_at"
	    " FROM allowance_decisions d JOIN places sp ON sp.id = d.signer_place_id"
	    " WHERE d.person_id = ? ORDER BY d.month, d.signed_on, d.id";
	static const char *const dk[] = {
	    "action",       "number",       "signed_on",         "signer",
	    "signer_level", "signer_place", "signer_place_name", "rule",
	    "amount",       "month",        "channel",           "reason",
	    "recorded_at"};
	static const char receipts[] = "SELECT month, received_on, created_at FROM payment_receipts"
	                               " WHERE person_id = ? ORDER BY month";
	static const char *const rk[] = {"month", "received_on", "recorded_at"};
	/* each kind of record: its name in the file, its statement (the id bound
	 * to each of its parameters) and the keys of its columns */
#define RELATED(name, sql, nparams, keys)                                                          \
	{                                                                                          \
		name, sql, nparams, keys, sizeof keys / sizeof keys[0]                             \
	}
	static const struct {
		const char *name, *sql;
		int nparams;
		const char *const *keys;
		size_t nkeys;
	} related[] = {
	    RELATED("facts", facts, 1, fk),
	    RELATED("memberships", members, 1, mk),
	    RELATED("board_seats", board, 1, bk),
	    RELATED("home_visits", visits, 3, vk),
	    RELATED("loans", loans, 1, lk),
	    RELATED("health_cards", cards, 1, ck),
	    RELATED("health_checkups", checkups, 1, uk),
	    RELATED("chronic_conditions", conditions, 1, nk),
	    RELATED("celebration_gifts_given", given, 1, gk),
	    RELATED("allowance_decisions", decisions, 1, dk),
	    RELATED("payment_receipts", receipts, 1, rk),
	};
#undef RELATED
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < sizeof related / sizeof related[0]; i++)
		e = rows_json(x->db, related[i].sql, id, related[i].nparams, related[i].keys,
		              related[i].nkeys, o, related[i].name);
	return e;
}

/* The record itself, with its sensitive fields. */
static json_t *export_record(struct ctx *x, const struct person *p)
{
	static const char sql[] =
	    "SELECT ethnicity, created_at, updated_at FROM persons WHERE id = ?";
	static const char *const keys[] = {"ethnicity", "created_at", "updated_at"};
	char b[DATE_LEN], sx[2] = {p->sex, 0};
	birth_format(p->birth, b);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s}",
	                      "id", (json_int_t)p->id, "full_name", p->full_name, "family_name",
	                      p->family_name, "middle_name", p->middle_name, "given_name",
	                      p->given_name, "sex", sx, "birth", b, "place", p->place_code,
	                      "citizen_id", p->citizen_id[0] ? p->citizen_id : NULL, "died_on",
	                      p->died_on[0] ? p->died_on : NULL, "place_name", p->place_name,
	                      "exported_at", "");
	json_t *extra = json_object();
	if (o && extra && !rows_json(x->db, sql, p->id, 1, keys, 3, extra, "rows")) {
		json_t *row = json_array_get(json_object_get(extra, "rows"), 0);
		json_object_update(o, row ? row : extra);
	}
	json_decref(extra);
	return o;
}

nct_err person_export(struct ctx *x, const struct person *p, char **json, struct refusal *rf)
{
	char now[26], idtxt[AUDIT_ID_LEN];
	*json = NULL;
	if (access_person(x, p, ACCESS_SENSITIVE))
		return refuse(rf, NCT_ERR_DENIED, RF_SENSITIVE, NULL, "");
	json_t *o = export_record(x, p);
	nct_err e = o ? export_related(x, p->id, o) : NCT_ERR_NOMEM;
	time_format_vn(time(NULL), now);
	if (!e)
		json_object_set_new(o, "exported_at", json_string(now));
	*json = e ? NULL : json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(o);
	if (!e && !*json)
		e = NCT_ERR_NOMEM;
	if (!e)
		e = audit_alone(x, "export", "person", audit_id(idtxt, p->id),
		                "{\"format\":\"json\"}");
	if (e) {
		free(*json);
		*json = NULL;
	}
	return e;
}

/* plan.c - plans read from their tables, and items changed one at a time. */
#include "plan.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "org.h"
#include "place.h"

#define PLAN_COLS                                                                                  \
	"SELECT p.id, p.slug, p.code, p.title, p.title_en, p.issuer, o.name, op.path,"             \
	" p.doc_date, p.effective_from, p.effective_to,"                                           \
	" (SELECT COUNT(*) FROM plan_sections s WHERE s.plan_id = p.id AND s.kind = 'area'),"      \
	" (SELECT COUNT(*) FROM plan_items i JOIN plan_sections s ON s.id = i.section_id"          \
	" WHERE s.plan_id = p.id AND s.kind = 'area'), o.id"                                       \
	" FROM plans p LEFT JOIN orgs o ON o.code = p.issuer"                                      \
	" LEFT JOIN places op ON op.id = o.place_id "

static int plan_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct plan *p = row;
	(void)arg;
	memset(p, 0, sizeof *p);
	p->id = db_col_int(st, 0);
	text_copy(p->slug, sizeof p->slug, db_col_text(st, 1));
	text_copy(p->code, sizeof p->code, db_col_text(st, 2));
	text_copy(p->key, sizeof p->key, p->code[0] ? p->code : p->slug);
	text_copy(p->title, sizeof p->title, db_col_text(st, 3));
	text_copy(p->title_en, sizeof p->title_en, db_col_text(st, 4));
	text_copy(p->issuer, sizeof p->issuer, db_col_text(st, 5));
	text_copy(p->issuer_name, sizeof p->issuer_name, db_col_text(st, 6));
	text_copy(p->issuer_path, sizeof p->issuer_path, db_col_text(st, 7));
	text_copy(p->date, sizeof p->date, db_col_text(st, 8));
	text_copy(p->effective_from, sizeof p->effective_from, db_col_text(st, 9));
	text_copy(p->effective_to, sizeof p->effective_to, db_col_text(st, 10));
	p->areas = (int)db_col_int(st, 11);
	p->items = (int)db_col_int(st, 12);
	p->issuer_id = db_col_null(st, 13) ? 0 : db_col_int(st, 13);
	return DB_KEEP;
}

nct_err plan_get(struct ctx *x, const char *slug_or_code, struct plan *out)
{
	static const char sql[] = PLAN_COLS "WHERE p.slug = ? OR p.code = ?";
	if (!slug_or_code || !slug_or_code[0])
		return NCT_ERR_NOTFOUND;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, slug_or_code);
	db_bind_text(st, 2, slug_or_code);
	return db_row(st, out, plan_from_row, NULL);
}

nct_err plan_by_id(struct ctx *x, int64_t id, struct plan *out)
{
	static const char sql[] = PLAN_COLS "WHERE p.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	return db_row(st, out, plan_from_row, NULL);
}

nct_err plan_list(struct ctx *x, struct plan **out, size_t *n)
{
	static const char sql[] = PLAN_COLS "ORDER BY p.doc_date DESC, p.slug";
	nct_err e;
	*out = db_list(db_prepare(x->db, sql), sizeof **out, PLAN_LIST_MAX, plan_from_row, NULL, n,
	               &e);
	return e;
}

nct_err access_plan(const struct ctx *x, const struct plan *p)
{
	if (access_admin(x) == NCT_OK)
		return NCT_OK;
	if (p->issuer_id && x->org_id == p->issuer_id && x->role != ROLE_VIEWER)
		return NCT_OK; /* the issuing office */
	if (x->role == ROLE_PROVINCE && p->issuer_path[0] &&
	    access_place(x, p->issuer_path, ACCESS_CHANGE))
		return NCT_OK;
	return NCT_ERR_DENIED;
}

bool plan_may_create(const struct ctx *x)
{
	return access_admin(x) == NCT_OK || x->role == ROLE_PROVINCE;
}

nct_err access_plan_issuer(struct ctx *x, const char *issuer)
{
	if (access_admin(x) == NCT_OK)
		return NCT_OK;
	struct org o;
	nct_err e = org_get(x, issuer ? issuer : "", &o);
	if (e)
		return e == NCT_ERR_NOTFOUND ? e : NCT_ERR_DENIED;
	struct plan as_issued = {.issuer_id = o.id};
	text_copy(as_issued.issuer_path, sizeof as_issued.issuer_path, o.place_path);
	return access_plan(x, &as_issued);
}

static const char *const section_kinds[] = {"area", "duty"};

static int section_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct plan_section *s = row;
	(void)arg;
	s->id = db_col_int(st, 0);
	s->kind = strcmp(db_col_text(st, 1), "duty") == 0 ? SECTION_DUTY : SECTION_AREA;
	s->position = (int)db_col_int(st, 2);
	text_copy(s->code, sizeof s->code, db_col_text(st, 3));
	text_copy(s->heading, sizeof s->heading, db_col_text(st, 4));
	json_t *doc = json_loads(db_col_text(st, 5) ? db_col_text(st, 5) : "{}", 0, NULL);
	text_copy(s->intro, sizeof s->intro, json_string_value(json_object_get(doc, "intro")));
	text_copy(s->retired, sizeof s->retired,
	          json_string_value(json_object_get(doc, "retired_on")));
	json_decref(doc);
	return DB_KEEP;
}

nct_err plan_sections(struct ctx *x, int64_t plan_id, enum section_kind kind,
                      struct plan_section **out, size_t *n)
{
	static const char sql[] = "SELECT id, kind, position, code, heading, doc FROM plan_sections"
	                          " WHERE plan_id = ? AND kind = ? ORDER BY position";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, section_kinds[kind]);
	nct_err e;
	*out = db_list(st, sizeof **out, PLAN_ITEMS_MAX, section_from_row, NULL, n, &e);
	return e;
}

static int item_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct plan_item *it = row;
	(void)arg;
	it->id = db_col_int(st, 0);
	it->section_id = db_col_int(st, 1);
	it->section_kind = strcmp(db_col_text(st, 2), "duty") == 0 ? SECTION_DUTY : SECTION_AREA;
	text_copy(it->section_code, sizeof it->section_code, db_col_text(st, 3));
	it->n = (int)db_col_int(st, 4);
	text_copy(it->text, sizeof it->text, db_col_text(st, 5));
	text_copy(it->deadline, sizeof it->deadline, db_col_text(st, 6));
	json_t *doc = json_loads(db_col_text(st, 7) ? db_col_text(st, 7) : "{}", 0, NULL);
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(doc, "targets"), i, t)
	{
		if (it->ntargets < sizeof it->targets / sizeof it->targets[0] && json_is_string(t))
			text_copy(it->targets[it->ntargets++], sizeof it->targets[0],
			          json_string_value(t));
	}
	text_copy(it->retired, sizeof it->retired,
	          json_string_value(json_object_get(doc, "retired_on")));
	json_decref(doc);
	if (!it->retired[0]) { /* an item of a retired area is retired with it */
		doc = json_loads(db_col_text(st, 8) ? db_col_text(st, 8) : "{}", 0, NULL);
		text_copy(it->retired, sizeof it->retired,
		          json_string_value(json_object_get(doc, "retired_on")));
		json_decref(doc);
	}
	return DB_KEEP;
}

#define ITEM_COLS                                                                                  \
	"SELECT i.id, i.section_id, s.kind, s.code, i.n, i.text, i.deadline_before, i.doc, s.doc"  \
	" FROM plan_items i JOIN plan_sections s ON s.id = i.section_id "

/* The units of the items in v (found by id), in their order. */
struct unit_row {
	int64_t item_id;
	char role[16];
	char code[ORG_CODE_LEN];
};

static int unit_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct unit_row *u = row;
	(void)arg;
	u->item_id = db_col_int(st, 0);
	text_copy(u->role, sizeof u->role, db_col_text(st, 1));
	text_copy(u->code, sizeof u->code, db_col_text(st, 2));
	return DB_KEEP;
}

static void add_unit(struct plan_item *it, const struct unit_row *u)
{
	bool lead = strcmp(u->role, "lead") == 0;
	size_t *n = lead ? &it->nlead : &it->ncoop;
	char(*to)[ORG_CODE_LEN] = lead ? it->lead : it->coop;
	if (*n < PLAN_UNITS_MAX)
		text_copy(to[(*n)++], ORG_CODE_LEN, u->code);
}

static void attach_units(struct plan_item *items, size_t n, const struct unit_row *u, size_t nu)
{
	size_t k = 0; /* both lists come by item id; items may not: look each up from the last */
	for (size_t i = 0; i < nu; i++) {
		if (k >= n || items[k].id != u[i].item_id)
			for (k = 0; k < n && items[k].id != u[i].item_id; k++)
				;
		if (k < n)
			add_unit(&items[k], &u[i]);
	}
}

static nct_err item_units(struct db *db, int64_t plan_id, enum section_kind kind, int64_t item_id,
                          struct plan_item *items, size_t n)
{
	static const char sql[] =
	    "SELECT u.item_id, u.role, u.org_code FROM plan_item_units u"
	    " JOIN plan_items i ON i.id = u.item_id JOIN plan_sections s ON s.id = i.section_id"
	    " WHERE s.plan_id = ? AND s.kind = ? AND (? = 0 OR u.item_id = ?)"
	    " ORDER BY u.item_id, u.role, u.position";
	struct vec v;
	vec_init(&v, sizeof(struct unit_row), (size_t)PLAN_ITEMS_MAX * PLAN_UNITS_MAX * 2);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, section_kinds[kind]);
	db_bind_int(st, 3, item_id);
	db_bind_int(st, 4, item_id);
	nct_err e = db_rows(st, &v, unit_from_row, NULL);
	if (!e)
		attach_units(items, n, v.ptr, v.n);
	vec_free(&v);
	return e;
}

nct_err plan_items(struct ctx *x, int64_t plan_id, enum section_kind kind, struct plan_item **out,
                   size_t *n)
{
	static const char sql[] =
	    ITEM_COLS "WHERE s.plan_id = ? AND s.kind = ? ORDER BY s.position, i.n";
	struct vec v;
	vec_init(&v, sizeof **out, PLAN_ITEMS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, section_kinds[kind]);
	nct_err e = db_rows(st, &v, item_from_row, NULL);
	if (!e)
		e = item_units(x->db, plan_id, kind, 0, v.ptr, v.n);
	*out = vec_result(&v, e, n);
	return e;
}

nct_err plan_item_get(struct ctx *x, int64_t plan_id, int64_t item_id, struct plan_item *out)
{
	static const char sql[] = ITEM_COLS "WHERE s.plan_id = ? AND i.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	memset(out, 0, sizeof *out);
	db_bind_int(st, 1, plan_id);
	db_bind_int(st, 2, item_id);
	nct_err e = db_row(st, out, item_from_row, NULL);
	if (!e)
		e = item_units(x->db, plan_id, out->section_kind, item_id, out, 1);
	return e;
}

/* ------------------------------------------------------------- units */

static const struct db_col plan_unit_col[] = {DB_TEXT(struct plan_unit, code),
                                              DB_TEXT(struct plan_unit, name)};
static const struct db_cols plan_unit_cols = DB_COLS(struct plan_unit, plan_unit_col);

/* The plan's doc, parsed; NULL when it cannot be read. */
static json_t *plan_doc(struct db *db, int64_t plan_id)
{
	static const char sql[] = "SELECT doc FROM plans WHERE id = ?";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	json_t *doc = NULL;
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		doc = json_loads(db_col_text(st, 0), 0, NULL);
	db_done(st);
	return doc;
}

json_t *plan_doc_entry(const json_t *doc, const char *list, const char *key, const char *value)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(doc, list), i, o)
	{
		const char *c = json_string_value(json_object_get(o, key));
		if (c && value && strcmp(c, value) == 0)
			return o;
	}
	return NULL;
}

const json_t *plan_doc_org(const json_t *doc, const char *code)
{
	return plan_doc_entry(doc, "organisations", "code", code);
}

nct_err plan_units(struct ctx *x, int64_t plan_id, struct plan_unit **out, size_t *n)
{
	static const char sql[] =
	    "SELECT c.code, o.name FROM (SELECT u.org_code AS code FROM plan_item_units u"
	    " JOIN plan_items i ON i.id = u.item_id JOIN plan_sections s ON s.id = i.section_id"
	    " WHERE s.plan_id = ? UNION SELECT to_code FROM obligations WHERE plan_id = ?"
	    " UNION SELECT r.code FROM obligation_reporters r JOIN obligations b"
	    " ON b.id = r.obligation_id WHERE b.plan_id = ? AND r.kind = 'org'"
	    " UNION SELECT issuer FROM plans WHERE id = ?) c LEFT JOIN orgs o ON o.code = c.code"
	    " ORDER BY c.code";
	struct vec v;
	vec_init(&v, sizeof **out, PLAN_ITEMS_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	for (int i = 1; i <= 4; i++)
		db_bind_int(st, i, plan_id);
	nct_err e = db_rows_of(st, &v, &plan_unit_cols);
	json_t *doc = e ? NULL : plan_doc(x->db, plan_id);
	for (size_t i = 0; doc && i < v.n; i++) {
		struct plan_unit *u = vec_at(&v, struct plan_unit, i);
		const json_t *o = u->name[0] ? NULL : plan_doc_org(doc, u->code);
		if (o)
			text_copy(u->name, sizeof u->name,
			          json_string_value(json_object_get(o, "name")));
	}
	json_decref(doc);
	*out = vec_result(&v, e, n);
	return e;
}

/* ------------------------------------------------------------- changes */

/* A code the plan may name: an organisation of the store, or of its own list. */
static bool unit_known(struct db *db, const json_t *doc, const char *code)
{
	static const char sql[] = "SELECT COUNT(*) FROM orgs WHERE code = ?";
	int64_t k = 0;
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_text(st, 1, code);
	return (db_int(st, &k) == NCT_OK && k > 0) || plan_doc_org(doc, code);
}

static nct_err check_units(struct db *db, const json_t *doc, const char *const *codes, size_t n,
                           const char *field, struct refusal *rf)
{
	if (n > PLAN_UNITS_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, field, "n",
		              (int64_t)PLAN_UNITS_MAX);
	for (size_t i = 0; i < n; i++)
		if (!codes[i] || !codes[i][0] || !unit_known(db, doc, codes[i]))
			return refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, field, "s",
			              codes[i] ? codes[i] : "");
	return NCT_OK;
}

static nct_err item_check(struct ctx *x, const struct plan *p, const struct plan_item_in *in,
                          const json_t *doc, struct refusal *rf)
{
	struct date d;
	nct_err e = check_text(in->text, PLAN_TEXT_MAX, "text", rf);
	if (!e)
		e = check_units(x->db, doc, in->lead, in->nlead, "lead", rf);
	if (!e)
		e = check_units(x->db, doc, in->coop, in->ncoop, "cooperating", rf);
	if (!e && in->deadline && in->deadline[0])
		e = check_date(in->deadline, "deadline", &d, rf);
	(void)p;
	return e;
}

static nct_err units_write(struct db *db, int64_t item_id, const char *role,
                           const char *const *codes, size_t n)
{
	static const char sql[] =
	    "INSERT INTO plan_item_units (item_id, role, position, org_code) VALUES (?,?,?,?)";
	nct_err e = NCT_OK;
	for (size_t i = 0, pos = 0; !e && i < n; i++) {
		bool again = false; /* a code given twice is one unit */
		for (size_t j = 0; j < i; j++)
			again = again || strcmp(codes[j], codes[i]) == 0;
		if (again)
			continue;
		struct db_stmt *st = db_prepare(db, sql);
		db_bind_int(st, 1, item_id);
		db_bind_text(st, 2, role);
		db_bind_int(st, 3, (int64_t)++pos);
		db_bind_text(st, 4, codes[i]);
		e = db_run(st);
	}
	return e;
}

/* The item as the audit keeps it. */
static char *item_json(const char *text, const char *const *lead, size_t nlead,
                       const char *const *coop, size_t ncoop, const char *deadline)
{
	json_t *l = json_array(), *c = json_array();
	for (size_t i = 0; i < nlead; i++)
		json_array_append_new(l, json_string(lead[i]));
	for (size_t i = 0; i < ncoop; i++)
		json_array_append_new(c, json_string(coop[i]));
	json_t *o = json_pack("{s:s?, s:o, s:o, s:s?}", "text", text, "lead", l, "cooperating", c,
	                      "deadline", deadline && deadline[0] ? deadline : NULL);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

static char *stored_item_json(const struct plan_item *it)
{
	const char *l[PLAN_UNITS_MAX], *c[PLAN_UNITS_MAX];
	for (size_t i = 0; i < it->nlead; i++)
		l[i] = it->lead[i];
	for (size_t i = 0; i < it->ncoop; i++)
		c[i] = it->coop[i];
	return item_json(it->text, l, it->nlead, c, it->ncoop, it->deadline);
}

static bool same_units(const struct plan_item *old, const struct plan_item_in *in)
{
	if (old->nlead != in->nlead)
		return false;
	for (size_t i = 0; i < in->nlead; i++)
		if (strcmp(old->lead[i], in->lead[i]) != 0)
			return false;
	return true;
}

/* A new item's doc: the lead is the user's, the rest empty (docs/plans.md). */
static char *new_item_doc(bool has_lead)
{
	json_t *o = json_pack("{s:[], s:n, s:s, s:n, s:[], s:[], s:[], s:[], s:n}", "footnote_refs",
	                      "lead_as_written", "lead_basis", has_lead ? "entered" : "not_named",
	                      "lead_footnote", "cooperating_as_written", "occasions", "targets",
	                      "reporting", "note");
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return s;
}

/* The stored doc with the lead basis "entered" when the leads changed. */
static char *changed_item_doc(struct db *db, int64_t item_id, bool leads_changed)
{
	static const char sql[] = "SELECT doc FROM plan_items WHERE id = ?";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, item_id);
	json_t *doc = NULL;
	if (db_step(st) == DB_ROW)
		doc = json_loads(db_col_text(st, 0) ? db_col_text(st, 0) : "{}", 0, NULL);
	db_done(st);
	if (doc && leads_changed) {
		json_object_set_new(doc, "lead_basis", json_string("entered"));
		json_object_set_new(doc, "lead_footnote", json_null());
	}
	char *s = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	return s;
}

static nct_err area_get(struct ctx *x, const struct plan *p, const char *code,
                        struct plan_section *out, struct refusal *rf);

static nct_err item_insert(struct ctx *x, const struct plan *p, const struct plan_item_in *in,
                           int64_t *id, struct refusal *rf)
{
	static const char sql[] =
	    "INSERT INTO plan_items (section_id, n, text, deadline_before, doc) VALUES (?,"
	    " (SELECT COALESCE(MAX(n), 0) + 1 FROM plan_items WHERE section_id = ?), ?, ?, ?)"
	    " RETURNING id";
	struct plan_section area;
	nct_err e = area_get(x, p, in->section, &area, rf);
	int64_t sid = area.id;
	char *doc = e ? NULL : new_item_doc(in->nlead > 0);
	if (!e && !doc)
		e = NCT_ERR_NOMEM;
	struct db_stmt *st = e ? NULL : db_prepare(x->db, sql);
	db_bind_int(st, 1, sid);
	db_bind_int(st, 2, sid);
	db_bind_text(st, 3, in->text);
	db_bind_text(st, 4, in->deadline && in->deadline[0] ? in->deadline : NULL);
	db_bind_text(st, 5, doc);
	if (!e)
		e = db_int(st, id);
	free(doc);
	return e;
}

static nct_err item_update(struct ctx *x, const struct plan_item *old,
                           const struct plan_item_in *in)
{
	static const char sql[] =
	    "UPDATE plan_items SET text = ?, deadline_before = ?, doc = ? WHERE id = ?";
	static const char sql_d[] = "DELETE FROM plan_item_units WHERE item_id = ?";
	char *doc = changed_item_doc(x->db, old->id, !same_units(old, in));
	struct db_stmt *st = doc ? db_prepare(x->db, sql) : NULL;
	db_bind_text(st, 1, in->text);
	db_bind_text(st, 2, in->deadline && in->deadline[0] ? in->deadline : NULL);
	db_bind_text(st, 3, doc);
	db_bind_int(st, 4, old->id);
	nct_err e = doc ? db_run(st) : NCT_ERR_NOMEM;
	free(doc);
	if (!e) {
		st = db_prepare(x->db, sql_d);
		db_bind_int(st, 1, old->id);
		e = db_run(st);
	}
	return e;
}

static nct_err plan_touch(struct ctx *x, const struct plan *p)
{
	static const char sql[] = "UPDATE plans SET updated_at = ? WHERE id = ?";
	char now[26];
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, p->id);
	return db_run(st);
}

static nct_err item_write(struct ctx *x, const struct plan *p, const struct plan_item *old,
                          const struct plan_item_in *in, int64_t *id, struct refusal *rf)
{
	char eid[32];
	nct_err e = old ? item_update(x, old, in) : item_insert(x, p, in, id, rf);
	if (old)
		*id = old->id;
	if (!e)
		e = units_write(x->db, *id, "lead", in->lead, in->nlead);
	if (!e)
		e = units_write(x->db, *id, "cooperating", in->coop, in->ncoop);
	if (!e)
		e = plan_touch(x, p);
	if (e)
		return e;
	snprintf(eid, sizeof eid, "%lld", (long long)*id);
	return audit_change(
	    x, old ? "update" : "create", "plan_item", eid,
	    old ? stored_item_json(old) : AUDIT_NONE,
	    item_json(in->text, in->lead, in->nlead, in->coop, in->ncoop, in->deadline));
}

nct_err plan_item_save(struct ctx *x, const struct plan *p, int64_t item_id,
                       const struct plan_item_in *in, int64_t *id, struct refusal *rf)
{
	struct plan_item *old = NULL;
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (item_id) {
		old = malloc(sizeof *old);
		nct_err e = old ? plan_item_get(x, p->id, item_id, old) : NCT_ERR_NOMEM;
		if (e == NCT_ERR_NOTFOUND)
			e = refuse(rf, e, RF_ITEM_UNKNOWN, NULL, "i", item_id);
		else if (!e && old->retired[0])
			e = refuse(rf, NCT_ERR_INVALID, RF_ITEM_RETIRED, NULL, "d", old->retired);
		if (e) {
			free(old);
			return e;
		}
	}
	json_t *doc = plan_doc(x->db, p->id);
	nct_err e = item_check(x, p, in, doc, rf);
	json_decref(doc);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, item_write(x, p, old, in, id, rf));
	free(old);
	return e;
}

/* ------------------------------------------------------------- areas, retiring, the header */

/* Area code of p, refused RF_SECTION_UNKNOWN when p has none, RF_ITEM_RETIRED
 * when it is retired. */
static nct_err area_get(struct ctx *x, const struct plan *p, const char *code,
                        struct plan_section *out, struct refusal *rf)
{
	static const char sql[] = "SELECT id, kind, position, code, heading, doc FROM plan_sections"
	                          " WHERE plan_id = ? AND kind = 'area' AND code = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	memset(out, 0, sizeof *out);
	db_bind_int(st, 1, p->id);
	db_bind_text(st, 2, code ? code : "");
	nct_err e = db_row(st, out, section_from_row, NULL);
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, NCT_ERR_INVALID, RF_SECTION_UNKNOWN, "section", "s",
		              code ? code : "");
	if (!e && out->retired[0])
		return refuse(rf, NCT_ERR_INVALID, RF_ITEM_RETIRED, "section", "d", out->retired);
	return e;
}

/* The day a retirement takes effect: day as given, else today in Vietnam. */
static nct_err retire_day(const char *day, char out[DATE_LEN], struct refusal *rf)
{
	struct date d = date_today_vn();
	nct_err e = day && day[0] ? check_date(day, "retired_on", &d, rf) : NCT_OK;
	if (!e)
		date_format(d, out);
	return e;
}

/* doc (a row's JSON text) with retired_on set to day, as compact text. */
static char *retired_doc(const char *doc, const char *day)
{
	json_t *o = json_loads(doc ? doc : "{}", 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	json_object_set_new(o, "retired_on", json_string(day));
	char *t = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return t;
}

/* Sets retired_on in the doc of row id of table (plan_items or plan_sections). */
static nct_err retire_row(struct ctx *x, bool section, int64_t id, const char *day)
{
	static const char sql_ri[] = "SELECT doc FROM plan_items WHERE id = ?";
	static const char sql_rs[] = "SELECT doc FROM plan_sections WHERE id = ?";
	static const char sql_wi[] = "UPDATE plan_items SET doc = ? WHERE id = ?";
	static const char sql_ws[] = "UPDATE plan_sections SET doc = ? WHERE id = ?";
	struct db_stmt *st = db_prepare(x->db, section ? sql_rs : sql_ri);
	db_bind_int(st, 1, id);
	char *doc = NULL;
	if (db_step(st) == DB_ROW)
		doc = retired_doc(db_col_text(st, 0), day);
	db_done(st);
	if (!doc)
		return NCT_ERR_NOMEM;
	st = db_prepare(x->db, section ? sql_ws : sql_wi);
	db_bind_text(st, 1, doc);
	db_bind_int(st, 2, id);
	nct_err e = db_run(st);
	free(doc);
	return e;
}

static nct_err retire_write(struct ctx *x, const struct plan *p, bool section, int64_t id,
                            const char *what, const char *day)
{
	char eid[32], after[96];
	nct_err e = retire_row(x, section, id, day);
	if (!e)
		e = plan_touch(x, p);
	snprintf(eid, sizeof eid, "%lld", (long long)id);
	snprintf(after, sizeof after, "{\"retired_on\":\"%s\"}", day);
	if (!e)
		e = audit_write(x, "retire", what, eid, NULL, after);
	return e;
}

nct_err plan_item_retire(struct ctx *x, const struct plan *p, int64_t item_id, const char *day,
                         struct refusal *rf)
{
	char on[DATE_LEN];
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	struct plan_item *it = malloc(sizeof *it);
	nct_err e = it ? plan_item_get(x, p->id, item_id, it) : NCT_ERR_NOMEM;
	if (e == NCT_ERR_NOTFOUND)
		e = refuse(rf, e, RF_ITEM_UNKNOWN, NULL, "i", item_id);
	else if (!e && it->retired[0])
		e = refuse(rf, NCT_ERR_INVALID, RF_ITEM_RETIRED, NULL, "d", it->retired);
	free(it);
	if (!e)
		e = retire_day(day, on, rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, retire_write(x, p, false, item_id, "plan_item", on));
	return e;
}

nct_err plan_area_retire(struct ctx *x, const struct plan *p, const char *area_code,
                         const char *day, struct refusal *rf)
{
	char on[DATE_LEN];
	struct plan_section a;
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = area_get(x, p, area_code, &a, rf);
	if (!e)
		e = retire_day(day, on, rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, retire_write(x, p, true, a.id, "plan_area", on));
	return e;
}

static nct_err area_write(struct ctx *x, const struct plan *p, const struct plan_section *old,
                          const struct plan_area_in *in)
{
	static const char sql_u[] = "UPDATE plan_sections SET heading = ? WHERE id = ?";
	static const char sql_i[] =
	    "INSERT INTO plan_sections (plan_id, kind, position, code, heading, doc) VALUES (?,"
	    " 'area', (SELECT COALESCE(MAX(position), 0) + 1 FROM plan_sections WHERE plan_id = ?"
	    " AND kind = 'area'), ?, ?, ?) RETURNING id";
	static const char new_doc[] = "{\"intro\":null,\"implementers_as_written\":null}";
	int64_t id = old ? old->id : 0;
	struct db_stmt *st = db_prepare(x->db, old ? sql_u : sql_i);
	nct_err e;
	if (old) {
		db_bind_text(st, 1, in->heading);
		db_bind_int(st, 2, old->id);
		e = db_run(st);
	} else {
		db_bind_int(st, 1, p->id);
		db_bind_int(st, 2, p->id);
		db_bind_text(st, 3, in->code);
		db_bind_text(st, 4, in->heading);
		db_bind_text(st, 5, new_doc);
		e = db_int(st, &id);
	}
	if (!e)
		e = plan_touch(x, p);
	if (e)
		return e;
	char eid[AUDIT_ID_LEN];
	/* the keys are in sorted order already: audit_text writes what JSON_COMPACT did */
	return audit_change(
	    x, old ? "update" : "create", "plan_area", audit_id(eid, id),
	    old ? audit_text(json_pack("{s:s, s:s}", "code", old->code, "heading", old->heading))
	        : AUDIT_NONE,
	    audit_text(json_pack("{s:s, s:s}", "code", old ? old->code : in->code, "heading",
	                         in->heading)));
}

nct_err plan_area_save(struct ctx *x, const struct plan *p, const char *area_code,
                       const struct plan_area_in *in, struct refusal *rf)
{
	static const char sql_t[] =
	    "SELECT COUNT(*) FROM plan_sections WHERE plan_id = ? AND code = ?";
	struct plan_section old;
	if (access_plan(x, p))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = area_code ? area_get(x, p, area_code, &old, rf) : NCT_OK;
	if (!e && !area_code)
		e = check_code(in->code, sizeof old.code - 1, "code", rf);
	if (!e && !area_code) {
		int64_t k = 0;
		struct db_stmt *st = db_prepare(x->db, sql_t);
		db_bind_int(st, 1, p->id);
		db_bind_text(st, 2, in->code);
		e = db_int(st, &k);
		if (!e && k)
			e = refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "code", "s", in->code);
	}
	if (!e)
		e = check_text(in->heading, sizeof old.heading - 1, "heading", rf);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, area_write(x, p, area_code ? &old : NULL, in));
	return e;
}

/* A header field: the one given, else the plan's. */
static const char *field_or(const char *given, const char *now)
{
	return given ? given : now;
}

nct_err plan_header_check(struct ctx *x, const struct plan *p, const struct plan_header_in *in,
                          const json_t *doc, struct refusal *rf)
{
	static const char sql_t[] = "SELECT COUNT(*) FROM plans WHERE code = ? AND id <> ?";
	struct date from, to, d;
	const char *code = field_or(in->code, p->code);
	nct_err e = code[0] ? check_text(code, PLAN_CODE_LEN - 1, "code", rf) : NCT_OK;
	if (!e && code[0]) {
		int64_t k = 0;
		struct db_stmt *st = db_prepare(x->db, sql_t);
		db_bind_text(st, 1, code);
		db_bind_int(st, 2, p->id);
		e = db_int(st, &k);
		if (!e && k)
			e = refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "code", "s", code);
	}
	if (!e)
		e = check_text(field_or(in->title, p->title), PLAN_TITLE_LEN - 1, "title", rf);
	const char *issuer = field_or(in->issuer, p->issuer);
	if (!e && (!issuer[0] || !unit_known(x->db, doc, issuer)))
		e = refuse(rf, NCT_ERR_INVALID, RF_NO_ORG, "issuer", "s", issuer);
	const char *date = field_or(in->date, p->date);
	if (!e && strlen(date) != 7)
		e = check_date(date, "date", &d, rf);
	else if (!e) { /* YYYY-MM: the day left blank */
		char day1[DATE_LEN];
		snprintf(day1, sizeof day1, "%s-01", date);
		e = check_date(day1, "date", &d, rf);
	}
	if (!e)
		e = check_date(field_or(in->effective_from, p->effective_from), "effective_from",
		               &from, rf);
	if (!e)
		e = check_date(field_or(in->effective_to, p->effective_to), "effective_to", &to,
		               rf);
	if (!e && date_cmp(to, from) <= 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "effective_to", "dd",
		           field_or(in->effective_to, p->effective_to),
		           field_or(in->effective_from, p->effective_from));
	if (!e) /* a plan's file has an English title (docs/plans.md) */
		e = check_text(field_or(in->title_en, p->title_en), PLAN_TITLE_LEN - 1, "title_en",
		               rf);
	return e;
}

void plan_place_on(const char *plan_date, char out[DATE_LEN])
{
	if (strlen(plan_date) == 7)
		snprintf(out, DATE_LEN, "%s-01", plan_date);
	else
		text_copy(out, DATE_LEN, plan_date);
}

static char *header_json(const char *code, const char *title, const char *title_en,
                         const char *issuer, const char *date, const char *from, const char *to)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", code, "title", title,
	                      "title_en", title_en, "issuer", issuer, "date", date,
	                      "effective_from", from, "effective_to", to);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

static nct_err header_write(struct ctx *x, const struct plan *p, const struct plan_header_in *in)
{
	static const char sql[] =
	    "UPDATE plans SET code = ?, title = ?, title_en = ?, issuer = ?, doc_date = ?,"
	    " effective_from = ?, effective_to = ? WHERE id = ?";
	static const char sql_t[] = "UPDATE plan_targets SET plan = ? WHERE plan = ?";
	static const char sql_on[] =
	    "UPDATE plan_targets SET place_on = ? WHERE plan = ? AND place_on = ?";
	const char *code = field_or(in->code, p->code);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, code[0] ? code : NULL);
	db_bind_text(st, 2, field_or(in->title, p->title));
	db_bind_text(st, 3, field_or(in->title_en, p->title_en));
	db_bind_text(st, 4, field_or(in->issuer, p->issuer));
	db_bind_text(st, 5, field_or(in->date, p->date));
	db_bind_text(st, 6, field_or(in->effective_from, p->effective_from));
	db_bind_text(st, 7, field_or(in->effective_to, p->effective_to));
	db_bind_int(st, 8, p->id);
	nct_err e = db_run(st);
	const char *key = code[0] ? code : p->slug;
	if (!e && strcmp(key, p->key) != 0) { /* the targets go with the plan's new name */
		st = db_prepare(x->db, sql_t);
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, p->key);
		e = db_run(st);
	}
	char was[DATE_LEN], on[DATE_LEN];
	plan_place_on(p->date, was);
	plan_place_on(field_or(in->date, p->date), on);
	if (!e && strcmp(was, on) != 0) /* and their places with its date, as its file reads */
		e = db_run(DB_PREPARE(x->db, sql_on, DB_T(on), DB_T(key), DB_T(was)));
	if (!e)
		e = plan_touch(x, p);
	if (e)
		return e;
	char *b = header_json(p->code, p->title, p->title_en, p->issuer, p->date, p->effective_from,
	                      p->effective_to);
	char *a =
	    header_json(code, field_or(in->title, p->title), field_or(in->title_en, p->title_en),
	                field_or(in->issuer, p->issuer), field_or(in->date, p->date),
	                field_or(in->effective_from, p->effective_from),
	                field_or(in->effective_to, p->effective_to));
	return audit_change(x, "update", "plan", p->slug, b, a);
}

/* The targets' places are read as of the plan's day (plan_place_on), and their
 * rows move with it (header_write): a new date on which one of their codes
 * names no place (a province merged in the 2025 reform) would hide every
 * target there. Refused, naming the place; the targets stay as they were. */
static nct_err targets_still_placed(struct ctx *x, const struct plan *p, const char *date,
                                    struct refusal *rf)
{
	static const char sql[] = "SELECT DISTINCT place_code FROM plan_targets"
	                          " WHERE plan = ? AND place_on = ? ORDER BY place_code";
	char was[DATE_LEN], on[DATE_LEN], code[sizeof((struct place *)0)->code];
	struct date then, now;
	struct vec codes;
	plan_place_on(p->date, was);
	plan_place_on(date, on);
	if (strcmp(was, on) == 0 || date_parse(was, &then) || date_parse(on, &now))
		return NCT_OK; /* the header's check refuses a date that is not one */
	vec_init(&codes, sizeof code, 4096);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(p->key), DB_T(was));
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		text_copy(code, sizeof code, db_col_text(st, 0));
		if (vec_add(&codes, code))
			break;
	}
	db_done(st);
	nct_err e = rc < 0 ? (nct_err)-rc : codes.err;
	for (size_t i = 0; !e && i < codes.n; i++) {
		const char *c = (const char *)codes.ptr + i * sizeof code;
		struct place pl;
		nct_err got = place_get(x, c, now, &pl);
		if (got != NCT_ERR_NOTFOUND) {
			e = got;
			continue;
		}
		e = place_get(x, c, then, &pl);
		if (!e || e == NCT_ERR_NOTFOUND)
			e = refuse(rf, NCT_ERR_INVALID, RF_TARGET_PLACE_GONE, "date", "sd",
			           e ? c : pl.name, on);
	}
	vec_free(&codes);
	return e;
}

nct_err plan_update(struct ctx *x, struct plan *p, const struct plan_header_in *in,
                    struct refusal *rf)
{
	nct_err to = in->issuer && strcmp(in->issuer, p->issuer) != 0
	                 ? access_plan_issuer(x, in->issuer)
	                 : NCT_OK;
	if (access_plan(x, p) || to == NCT_ERR_DENIED)
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	json_t *doc = plan_doc(x->db, p->id);
	nct_err e = plan_header_check(x, p, in, doc, rf); /* no_org: no body at all */
	json_decref(doc);
	if (!e && in->date)
		e = targets_still_placed(x, p, in->date, rf);
	if (!e &&
	    to) /* a body only the plan's file names: no office whose edits could be checked */
		e = refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, header_write(x, p, in));
	if (!e)
		e = plan_by_id(x, p->id, p);
	return e;
}

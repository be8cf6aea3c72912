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

#define PLAN_COLS                                                                                  \
	"SELECT p.id, p.slug, p.code, p.title, p.title_en, p.issuer, o.name, op.path,"             \
	" p.doc_date, p.effective_from, p.effective_to,"                                           \
	" (SELECT COUNT(*) FROM plan_sections s WHERE s.plan_id = p.id AND s.kind = 'area'),"      \
	" (SELECT COUNT(*) FROM plan_items i JOIN plan_sections s ON s.id = i.section_id"          \
	" WHERE s.plan_id = p.id AND s.kind = 'area')"                                             \
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
	if (x->role == ROLE_PROVINCE && p->issuer_path[0] &&
	    access_place(x, p->issuer_path, ACCESS_CHANGE))
		return NCT_OK;
	return NCT_ERR_DENIED;
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
	json_decref(doc);
	return DB_KEEP;
}

#define ITEM_COLS                                                                                  \
	"SELECT i.id, i.section_id, s.kind, s.code, i.n, i.text, i.deadline_before, i.doc"         \
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

static int plan_unit_row(struct db_stmt *st, void *row, void *arg)
{
	struct plan_unit *u = row;
	(void)arg;
	text_copy(u->code, sizeof u->code, db_col_text(st, 0));
	text_copy(u->name, sizeof u->name, db_col_text(st, 1));
	return DB_KEEP;
}

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

const json_t *plan_doc_org(const json_t *doc, const char *code)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(doc, "organisations"), i, o)
	{
		const char *c = json_string_value(json_object_get(o, "code"));
		if (c && strcmp(c, code) == 0)
			return o;
	}
	return NULL;
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
	nct_err e = db_rows(st, &v, plan_unit_row, NULL);
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
		return refuse(rf, NCT_ERR_INVALID, RF_TOO_MANY, field, "i",
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

static nct_err item_insert(struct ctx *x, const struct plan *p, const struct plan_item_in *in,
                           int64_t *id, struct refusal *rf)
{
	static const char sql_s[] = "SELECT id FROM plan_sections WHERE plan_id = ?"
	                            " AND kind = 'area' AND code = ?";
	static const char sql[] =
	    "INSERT INTO plan_items (section_id, n, text, deadline_before, doc) VALUES (?,"
	    " (SELECT COALESCE(MAX(n), 0) + 1 FROM plan_items WHERE section_id = ?), ?, ?, ?)"
	    " RETURNING id";
	int64_t sid = 0;
	struct db_stmt *st = db_prepare(x->db, sql_s);
	db_bind_int(st, 1, p->id);
	db_bind_text(st, 2, in->section ? in->section : "");
	nct_err e = db_int(st, &sid);
	if (!e && !sid)
		return refuse(rf, NCT_ERR_INVALID, RF_SECTION_UNKNOWN, "section", "s",
		              in->section ? in->section : "");
	char *doc = e ? NULL : new_item_doc(in->nlead > 0);
	if (!e && !doc)
		e = NCT_ERR_NOMEM;
	st = e ? NULL : db_prepare(x->db, sql);
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
	char *oj = old ? stored_item_json(old) : NULL;
	char *nj = item_json(in->text, in->lead, in->nlead, in->coop, in->ncoop, in->deadline);
	snprintf(eid, sizeof eid, "%lld", (long long)*id);
	e = nj && (oj || !old) ? audit_write(x, old ? "update" : "create", "plan_item", eid, oj, nj)
	                       : NCT_ERR_NOMEM;
	free(oj);
	free(nj);
	return e;
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

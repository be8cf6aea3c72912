/* plan_doc.c - a plan's document into the tables and back (docs/plans.md). */
#include "plan_doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/date.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "access.h"
#include "audit.h"
#include "check.h"
#include "ctx.h"
#include "obligation.h"
#include "org.h"
#include "period.h"
#include "plan_basis.h"

/* ------------------------------------------------------- the documented order */

static const char *const plan_keys[] = {"format",
                                        "id",
                                        "code",
                                        "number",
                                        "symbol",
                                        "number_as_written",
                                        "kind",
                                        "title",
                                        "title_en",
                                        "preamble",
                                        "issuer",
                                        "issuer_as_written",
                                        "place_as_written",
                                        "date",
                                        "date_as_written",
                                        "effective",
                                        "signature",
                                        "source",
                                        "legal_bases",
                                        "references",
                                        "organisations",
                                        "purposes",
                                        "requirements",
                                        "targets",
                                        "composition_rule",
                                        "beneficiaries",
                                        "scope",
                                        "areas",
                                        "activity_areas",
                                        "funding",
                                        "support_rules",
                                        "duties",
                                        "reporting",
                                        "closing",
                                        "recipients",
                                        "footnotes",
                                        "notes",
                                        NULL};
static const char *const effective_keys[] = {"from", "to", "as_written", "note", NULL};
static const char *const text_ref_keys[] = {
    "relation", "kind",       "number",   "date", "issuer_as_written",
    "title",    "as_written", "cited_in", "note", NULL};
static const char *const area_keys[] = {"code",  "heading", "intro", "implementers_as_written",
                                        "items", NULL};
static const char *const duty_keys[] = {"code",    "heading", "bodies", "bodies_as_written",
                                        "request", "intro",   "items",  NULL};
static const char *const item_keys[] = {"n",
                                        "text",
                                        "footnote_refs",
                                        "lead",
                                        "lead_as_written",
                                        "lead_basis",
                                        "lead_footnote",
                                        "cooperating",
                                        "cooperating_as_written",
                                        "deadline",
                                        "occasions",
                                        "targets",
                                        "reporting",
                                        "note",
                                        NULL};
static const char *const deadline_keys[] = {"before", "as_written", NULL};
static const char *const funding_keys[] = {"id",
                                           "section",
                                           "source_kind",
                                           "payers",
                                           "payers_as_written",
                                           "amount",
                                           "amount_as_written",
                                           "for_what",
                                           "quote",
                                           "items",
                                           "footnote_refs",
                                           "note",
                                           NULL};
static const char *const support_keys[] = {
    "id",         "funding",           "section",       "footnote",        "quote",
    "status",     "status_as_written", "once_per_club", "once_as_written", "club_kinds",
    "valid_from", "valid_to",          "levels",        "paid_by",         "note",
    NULL};
static const char *const level_keys[] = {
    "label_as_written", "founded_from",      "founded_to", "founded_as_written",
    "amount",           "amount_as_written", NULL};
static const char *const reporting_keys[] = {"id",
                                             "section",
                                             "quote",
                                             "reporters",
                                             "reporters_as_written",
                                             "to",
                                             "to_as_written",
                                             "on_behalf_of",
                                             "what",
                                             "period_kind",
                                             "first_period",
                                             "last_period",
                                             "due_before",
                                             "due_as_written",
                                             "window",
                                             "note",
                                             NULL};
static const char *const target_keys[] = {"id",
                                          "section",
                                          "quote",
                                          "indicator",
                                          "what",
                                          "what_en",
                                          "unit",
                                          "min",
                                          "max",
                                          "as_written",
                                          "above_max_is_met",
                                          "counted_among",
                                          "by_date",
                                          "by_date_as_written",
                                          "place_code",
                                          "note",
                                          NULL};

/* A new object with o's fields in the order of keys (a missing one null),
 * then any others o has. Takes o's reference. */
static json_t *ordered(json_t *o, const char *const *keys)
{
	json_t *r = json_object();
	const char *k;
	json_t *v;
	for (; r && *keys; keys++) {
		v = json_object_get(o, *keys);
		json_object_set(r, *keys, v ? v : json_null());
	}
	json_object_foreach(o, k, v)
	{
		if (r && !json_object_get(r, k))
			json_object_set(r, k, v);
	}
	json_decref(o);
	return r;
}

/* o without the fields the tables hold, as the compact text a doc column keeps. */
static char *doc_text(const json_t *o, const char *const *drop)
{
	json_t *c = json_copy((json_t *)o);
	for (; c && *drop; drop++)
		json_object_del(c, *drop);
	char *s = c ? json_dumps(c, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(c);
	return s;
}

static json_t *doc_of(const char *text)
{
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;
	return o ? o : json_object();
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* ----------------------------------------------------------- reading a doc */

enum want {
	W_TEXT,
	W_TEXT_NULL,
	W_INT_NULL,
	W_BOOL,
	W_ARRAY,
	W_OBJECT,
	W_OBJECT_NULL,
	W_DATE,
	W_DATE_NULL,
	W_PDATE,
	W_SLUG,
	W_CODE,
};
static const char *const want_words[] = {"text",      "text|null",    "int|null", "bool",
                                         "[…]",       "{…}",          "{…}|null", "date",
                                         "date|null", "partial-date", "slug",     "code"};

/* The first thing found wrong stays; what comes after reads nothing. */
struct rd {
	struct refusal *rf;
	nct_err e;
};

static bool is_code(const char *s, size_t max, bool lower)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return false;
	for (; *s; s++) {
		bool ok = (*s >= '0' && *s <= '9') || *s == '-' ||
		          (lower ? (*s >= 'a' && *s <= 'z') : (*s >= 'A' && *s <= 'Z'));
		if (!ok)
			return false;
	}
	return true;
}

static bool is_pdate(const char *s)
{
	struct date d;
	char full[DATE_LEN];
	if (s && strlen(s) == 7) {
		snprintf(full, sizeof full, "%s-01", s);
		return date_parse(full, &d) == NCT_OK;
	}
	return s && date_parse(s, &d) == NCT_OK;
}

static bool fits(const json_t *v, enum want w)
{
	const char *s = json_string_value(v);
	struct date d;
	switch (w) {
	case W_TEXT:
		return s && s[0];
	case W_TEXT_NULL:
		return json_is_null(v) || (s && s[0]);
	case W_INT_NULL:
		return json_is_null(v) || json_is_integer(v);
	case W_BOOL:
		return json_is_boolean(v);
	case W_ARRAY:
		return json_is_array(v);
	case W_OBJECT:
		return json_is_object(v);
	case W_OBJECT_NULL:
		return json_is_null(v) || json_is_object(v);
	case W_DATE:
		return s && date_parse(s, &d) == NCT_OK;
	case W_DATE_NULL:
		return json_is_null(v) || (s && date_parse(s, &d) == NCT_OK);
	case W_PDATE:
		return is_pdate(s);
	case W_SLUG:
		return is_code(s, PLAN_SLUG_LEN - 1, true);
	case W_CODE:
		return is_code(s, ORG_CODE_LEN - 2, false);
	}
	return false;
}

static nct_err bad(struct rd *r, const char *where, const char *key, const char *wanted)
{
	char path[REFUSAL_ARG_LEN];
	if (snprintf(path, sizeof path, "%s%s%s", where, where[0] && key[0] ? "." : "", key) >=
	    (int)sizeof path)
		text_copy(path, sizeof path, where); /* a deep place: the list it is in */
	if (!r->e)
		r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_FORMAT, "file", "ss", path, wanted);
	return r->e;
}

static json_t *get(struct rd *r, const json_t *o, const char *where, const char *key, enum want w)
{
	json_t *v = json_object_get(o, key);
	if (r->e)
		return NULL;
	if (!fits(v, w)) {
		bad(r, where, key, want_words[w]);
		return NULL;
	}
	return v;
}

static const char *str(struct rd *r, const json_t *o, const char *where, const char *key,
                       enum want w)
{
	return json_string_value(get(r, o, where, key, w));
}

/* One field of an object of the file, as fields() checks it. */
struct field {
	const char *key;
	enum want w;
};

/* Checks the fields of object o (at where) in order, up to the one whose key
 * is NULL: the first that is wrong is refused, as get. */
static nct_err fields(struct rd *r, const json_t *o, const char *where, const struct field *f)
{
	for (; f->key && !r->e; f++)
		get(r, o, where, f->key, f->w);
	return r->e;
}

/* A field fields() checked: its value, NULL after a refusal. */
static json_t *field_val(const struct rd *r, const json_t *o, const char *key)
{
	return r->e ? NULL : json_object_get(o, key);
}

static const char *field_text(const struct rd *r, const json_t *o, const char *key)
{
	return json_string_value(field_val(r, o, key));
}

/* "areas[2]" into out. */
static const char *at(char *out, size_t cap, const char *list, size_t i)
{
	snprintf(out, cap, "%s[%zu]", list, i);
	return out;
}

/* ------------------------------------------------------------- organisations */

static bool org_known(struct ctx *x, const char *code)
{
	struct org o;
	return code && org_get(x, code, &o) == NCT_OK;
}

/* A body of origin "plan" with a place, unless the store has it. */
static nct_err org_from_doc(struct ctx *x, struct rd *r, const json_t *o, const char *where)
{
	static const struct field f[] = {
	    {"code", W_CODE},          {"origin", W_TEXT},    {"place_code", W_TEXT_NULL},
	    {"name", W_TEXT},          {"kind", W_TEXT},      {"valid_from", W_DATE_NULL},
	    {"valid_to", W_DATE_NULL}, {"succeeds", W_ARRAY}, {NULL, W_TEXT}};
	const char *code = field_text(r, o, "code"), *origin = field_text(r, o, "origin");
	const char *place = field_text(r, o, "place_code");
	if (fields(r, o, where, f) || strcmp(origin, "plan") != 0 || !place || org_known(x, code))
		return r->e;
	struct org_new in = {code,
	                     json_string_value(json_object_get(o, "name")),
	                     json_string_value(json_object_get(o, "kind")),
	                     place,
	                     json_string_value(json_object_get(o, "valid_from")),
	                     json_string_value(json_object_get(o, "valid_to")),
	                     json_string_value(json_object_get(o, "note"))};
	return r->e = org_create(x, &in, r->rf);
}

static nct_err link_duties(struct ctx *x, const char *from, const char *to, bool duties)
{
	static const char sql[] = "UPDATE org_links SET plan_duties = ? WHERE from_id = (SELECT id "
	                          "FROM orgs WHERE code = ?)"
	                          " AND to_id = (SELECT id FROM orgs WHERE code = ?)";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, duties);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	return db_run(st);
}

/* The handovers of one body, between bodies the store holds. */
static nct_err links_from_doc(struct ctx *x, struct rd *r, const json_t *o, const char *where)
{
	const char *to = json_string_value(json_object_get(o, "code"));
	size_t i;
	json_t *s;
	char w[96];
	json_array_foreach(json_object_get(o, "succeeds"), i, s)
	{
		at(w, sizeof w, "succeeds", i);
		const char *from = str(r, s, w, "code", W_CODE);
		const char *since = str(r, s, w, "from", W_DATE);
		const json_t *duties = get(r, s, w, "takes_plan_duties", W_BOOL);
		if (r->e)
			return r->e;
		if (!org_known(x, from) || !org_known(x, to))
			continue;
		nct_err e = org_link_add(
		    x, from, to, since, json_string_value(json_object_get(s, "takes_over")), r->rf);
		if (e && e != NCT_ERR_CONFLICT) /* a link listed in both plans, or loaded before */
			return r->e = e;
		if ((e = link_duties(x, from, to, json_is_true(duties))))
			return r->e = e;
	}
	(void)where;
	return NCT_OK;
}

static nct_err orgs_from_doc(struct ctx *x, struct rd *r, const json_t *doc)
{
	const json_t *orgs = get(r, doc, "", "organisations", W_ARRAY);
	size_t i;
	json_t *o;
	char w[64];
	json_array_foreach(orgs, i, o)
	{
		if (org_from_doc(x, r, o, at(w, sizeof w, "organisations", i)))
			return r->e;
	}
	json_array_foreach(orgs, i, o)
	{
		if (links_from_doc(x, r, o, at(w, sizeof w, "organisations", i)))
			return r->e;
	}
	return r->e;
}

/* A code a plan may name: an organisation of the store or of the plan. */
static bool unit_named(struct ctx *x, const json_t *doc, const char *code)
{
	return org_known(x, code) || plan_doc_org(doc, code);
}

/* ------------------------------------------------------------- the rows */

static const char *const plan_drop[] = {"legal_bases", "references",    "areas",     "duties",
                                        "funding",     "support_rules", "reporting", NULL};

static nct_err plan_row(struct ctx *x, struct rd *r, const json_t *doc, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO plans (slug, code, symbol, title, title_en, issuer, doc_date,"
	    " effective_from, effective_to, doc, created_at, updated_at)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
	const json_t *eff = get(r, doc, "", "effective", W_OBJECT);
	const char *from = str(r, eff, "effective", "from", W_DATE);
	const char *to = str(r, eff, "effective", "to", W_DATE);
	char *text = r->e ? NULL : doc_text(doc, plan_drop);
	char now[26];
	if (r->e || !text) {
		free(text);
		return r->e ? r->e : NCT_ERR_NOMEM;
	}
	time_format_vn(time(NULL), now);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, json_string_value(json_object_get(doc, "id")));
	db_bind_text(st, 2, json_string_value(json_object_get(doc, "code")));
	db_bind_text(st, 3, json_string_value(json_object_get(doc, "symbol")));
	db_bind_text(st, 4, json_string_value(json_object_get(doc, "title")));
	db_bind_text(st, 5, json_string_value(json_object_get(doc, "title_en")));
	db_bind_text(st, 6, json_string_value(json_object_get(doc, "issuer")));
	db_bind_text(st, 7, json_string_value(json_object_get(doc, "date")));
	db_bind_text(st, 8, from);
	db_bind_text(st, 9, to);
	db_bind_text(st, 10, text);
	db_bind_text(st, 11, now);
	db_bind_text(st, 12, now);
	nct_err e = db_int(st, id);
	free(text);
	return r->e = e;
}

/* A legal basis is read and edited later as a struct plan_basis: one in a
 * file fits it (at most PLAN_BASES_MAX of them, each text within its field,
 * so none is cut inside a character), or the file is refused. */
static void basis_fits(struct rd *r, const char *w, const json_t *t, size_t i)
{
	static const struct plan_basis b;
	static const struct {
		const char *key, *wanted;
		size_t max;
	} lim[] = {{"kind", "text (at most 63 bytes)", sizeof b.kind - 1},
	           {"number", "text (at most 63 bytes)", sizeof b.number - 1},
	           {"issuer_as_written", "text (at most 255 bytes)", sizeof b.issuer - 1},
	           {"title", "text (at most 639 bytes)", sizeof b.title - 1},
	           {"as_written", "text (at most 1023 bytes)", sizeof b.as_written - 1}};
	if (i >= PLAN_BASES_MAX) {
		bad(r, w, "", "at most 100 legal bases");
		return;
	}
	for (size_t k = 0; k < sizeof lim / sizeof lim[0] && !r->e; k++) {
		const char *v = json_string_value(json_object_get(t, lim[k].key));
		if (v && strlen(v) > lim[k].max)
			bad(r, w, lim[k].key, lim[k].wanted);
	}
}

#define BASIS_FIELD(f) sizeof(((struct plan_basis *)0)->f)
_Static_assert(PLAN_BASES_MAX == 100 && BASIS_FIELD(kind) == 64 && BASIS_FIELD(number) == 64 &&
                   BASIS_FIELD(issuer) == 256 && BASIS_FIELD(title) == 640 &&
                   BASIS_FIELD(as_written) == 1024,
               "basis_fits words the limits of struct plan_basis");

static nct_err texts_rows(struct ctx *x, struct rd *r, const json_t *doc, int64_t plan_id,
                          const char *list)
{
	static const char sql[] =
	    "INSERT INTO plan_texts (plan_id, list, position, relation, kind, number, text_date,"
	    " issuer_as_written, title, as_written, cited_in, note) VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?)";
	static const char *const relations[] = {"basis", "implements", "cited", NULL};
	size_t i;
	json_t *t;
	char w[64];
	json_array_foreach(get(r, doc, "", list, W_ARRAY), i, t)
	{
		static const struct field f[] = {{"relation", W_TEXT},
		                                 {"kind", W_TEXT},
		                                 {"number", W_TEXT_NULL},
		                                 {"date", W_DATE_NULL},
		                                 {"issuer_as_written", W_TEXT_NULL},
		                                 {"title", W_TEXT_NULL},
		                                 {"as_written", W_TEXT},
		                                 {"cited_in", W_TEXT},
		                                 {"note", W_TEXT_NULL},
		                                 {NULL, W_TEXT}};
		const char *rel =
		    fields(r, t, at(w, sizeof w, list, i), f) ? NULL : field_text(r, t, "relation");
		if (!r->e && !check_listed(relations, rel))
			bad(r, w, "relation", "basis|implements|cited");
		if (!r->e && strcmp(list, "legal_bases") == 0)
			basis_fits(r, w, t, i);
		if (r->e)
			return r->e;
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, plan_id);
		db_bind_text(st, 2, list);
		db_bind_int(st, 3, (int64_t)i + 1);
		db_bind_text(st, 4, rel);
		static const char *const cols[] = {
		    "kind",  "number",     "date",     "issuer_as_written",
		    "title", "as_written", "cited_in", "note"};
		for (int c = 0; c < 8; c++)
			db_bind_text(st, 5 + c, json_string_value(json_object_get(t, cols[c])));
		if ((r->e = db_run(st)))
			return r->e;
	}
	return r->e;
}

static nct_err units_rows(struct ctx *x, struct rd *r, const json_t *doc, int64_t item_id,
                          const json_t *codes, const char *role, const char *where)
{
	static const char sql[] =
	    "INSERT INTO plan_item_units (item_id, role, position, org_code) VALUES (?,?,?,?)";
	size_t i;
	json_t *c;
	char w[128];
	json_array_foreach(codes, i, c)
	{
		const char *code = json_string_value(c);
		snprintf(w, sizeof w, "%s.%s[%zu]", where, role[0] == 'l' ? "lead" : "cooperating",
		         i);
		if (!code || !is_code(code, ORG_CODE_LEN - 2, false))
			return bad(r, w, "", "code");
		if (!unit_named(x, doc, code) && !r->e)
			return r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_UNIT, "file", "ss",
			                     code, w);
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, item_id);
		db_bind_text(st, 2, role);
		db_bind_int(st, 3, (int64_t)i + 1);
		db_bind_text(st, 4, code);
		if ((r->e = db_run(st)))
			return r->e;
	}
	return r->e;
}

static const char *const item_drop[] = {"n", "text", "lead", "cooperating", "deadline", NULL};

static nct_err item_row(struct ctx *x, struct rd *r, const json_t *doc, int64_t section_id,
                        const json_t *it, const char *w)
{
	static const char sql[] = "INSERT INTO plan_items (section_id, n, text, deadline_before, "
	                          "deadline_as_written, doc)"
	                          " VALUES (?,?,?,?,?,?) RETURNING id";
	const json_t *n = get(r, it, w, "n", W_INT_NULL);
	const char *text = str(r, it, w, "text", W_TEXT);
	const json_t *lead = get(r, it, w, "lead", W_ARRAY);
	const json_t *coop = get(r, it, w, "cooperating", W_ARRAY);
	const json_t *dl = get(r, it, w, "deadline", W_OBJECT_NULL);
	char dw[128];
	snprintf(dw, sizeof dw, "%s.deadline", w);
	const char *before = json_is_object(dl) ? str(r, dl, dw, "before", W_DATE) : NULL;
	if (!r->e && (!json_is_integer(n) || strlen(text) > PLAN_TEXT_MAX))
		bad(r, w, json_is_integer(n) ? "text" : "n", json_is_integer(n) ? "text" : "int");
	char *rest = r->e ? NULL : doc_text(it, item_drop);
	if (r->e || !rest) {
		free(rest);
		return r->e ? r->e : NCT_ERR_NOMEM;
	}
	int64_t id = 0;
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, section_id);
	db_bind_int(st, 2, json_integer_value(n));
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, before);
	db_bind_text(st, 5, json_string_value(json_object_get(dl, "as_written")));
	db_bind_text(st, 6, rest);
	r->e = db_int(st, &id);
	free(rest);
	if (!r->e)
		units_rows(x, r, doc, id, lead, "lead", w);
	if (!r->e)
		units_rows(x, r, doc, id, coop, "cooperating", w);
	return r->e;
}

static const char *const section_drop[] = {"code", "heading", "items", NULL};

static nct_err sections_rows(struct ctx *x, struct rd *r, const json_t *doc, int64_t plan_id,
                             const char *list)
{
	static const char sql[] = "INSERT INTO plan_sections (plan_id, kind, position, code,"
	                          " heading, doc) VALUES (?,?,?,?,?,?) RETURNING id";
	size_t i, j;
	json_t *s, *it;
	char w[64], wi[96];
	json_array_foreach(get(r, doc, "", list, W_ARRAY), i, s)
	{
		at(w, sizeof w, list, i);
		const char *code = str(r, s, w, "code", W_TEXT);
		const char *heading = str(r, s, w, "heading", W_TEXT);
		const json_t *items = get(r, s, w, "items", W_ARRAY);
		char *rest = r->e ? NULL : doc_text(s, section_drop);
		int64_t sid = 0;
		if (r->e || !rest) {
			free(rest);
			return r->e ? r->e : NCT_ERR_NOMEM;
		}
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, plan_id);
		db_bind_text(st, 2, strcmp(list, "areas") == 0 ? "area" : "duty");
		db_bind_int(st, 3, (int64_t)i + 1);
		db_bind_text(st, 4, code);
		db_bind_text(st, 5, heading);
		db_bind_text(st, 6, rest);
		r->e = db_int(st, &sid);
		free(rest);
		if (r->e == NCT_ERR_CONFLICT)
			return r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_FORMAT, "file", "ss",
			                     w, "code");
		json_array_foreach(items, j, it)
		{
			snprintf(wi, sizeof wi, "%s.items[%zu]", w, j);
			if (r->e || item_row(x, r, doc, sid, it, wi))
				return r->e;
		}
	}
	return r->e;
}

static const char *const funding_drop[] = {"id", "source_kind", "amount", NULL};

static nct_err funding_rows(struct ctx *x, struct rd *r, const json_t *doc, int64_t plan_id)
{
	static const char sql[] = "INSERT INTO plan_funding (plan_id, position, fid, source_kind,"
	                          " amount, doc) VALUES (?,?,?,?,?,?)";
	static const char *const kinds[] = {"state_budget",
	                                    "sector_budget",
	                                    "local_budget",
	                                    "social_mobilisation",
	                                    "programme_integration",
	                                    "local_funds",
	                                    NULL};
	size_t i;
	json_t *f;
	char w[64];
	json_array_foreach(get(r, doc, "", "funding", W_ARRAY), i, f)
	{
		at(w, sizeof w, "funding", i);
		const char *fid = str(r, f, w, "id", W_TEXT);
		const char *kind = str(r, f, w, "source_kind", W_TEXT);
		const json_t *amount = get(r, f, w, "amount", W_INT_NULL);
		if (!r->e && !check_listed(kinds, kind))
			bad(r, w, "source_kind", "state_budget|sector_budget|…");
		char *rest = r->e ? NULL : doc_text(f, funding_drop);
		if (r->e || !rest) {
			free(rest);
			return r->e ? r->e : NCT_ERR_NOMEM;
		}
		struct db_stmt *st = db_prepare(x->db, sql);
		db_bind_int(st, 1, plan_id);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, fid);
		db_bind_text(st, 4, kind);
		if (json_is_integer(amount))
			db_bind_int(st, 5, json_integer_value(amount));
		else
			db_bind_null(st, 5);
		db_bind_text(st, 6, rest);
		r->e = db_run(st);
		free(rest);
		if (r->e)
			return r->e;
	}
	return r->e;
}

/* ----------------------------------------------------------- support rules */

/* The support_rules row of one level: the one already there with the same
 * founding window, amount and days, else a new one. */
static nct_err support_rule_row(struct ctx *x, const struct plan *p, const json_t *rule,
                                const json_t *level, size_t pos, int64_t *id)
{
	static const char sql_f[] =
	    "SELECT id FROM support_rules WHERE founded_from = ? AND founded_to = ? AND amount = ?"
	    " AND valid_from = ? AND COALESCE(valid_to, '') = COALESCE(CAST(? AS TEXT), '')";
	static const char sql_i[] =
	    "INSERT INTO support_rules (code, name, founded_from, founded_to, amount, planned,"
	    " once_per_club, valid_from, valid_to, raised_by, source)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id";
	static const char sql_k[] = "INSERT INTO support_rule_kinds (rule_id, kind) VALUES (?, ?)";
	const char *valid_to = json_string_value(json_object_get(rule, "valid_to"));
	struct db_stmt *st = db_prepare(x->db, sql_f);
	db_bind_text(st, 1, json_string_value(json_object_get(level, "founded_from")));
	db_bind_text(st, 2, json_string_value(json_object_get(level, "founded_to")));
	db_bind_int(st, 3, json_integer_value(json_object_get(level, "amount")));
	db_bind_text(st, 4, json_string_value(json_object_get(rule, "valid_from")));
	db_bind_text(st, 5, valid_to);
	nct_err e = db_int(st, id);
	if (e || *id)
		return e;
	char code[96], source[4096];
	if (snprintf(code, sizeof code, "%s-%s-%zu", p->slug,
	             json_string_value(json_object_get(rule, "id")), pos) >= (int)sizeof code ||
	    snprintf(source, sizeof source, "%s, %s: \"%s\"", p->title,
	             json_string_value(json_object_get(rule, "section")),
	             json_string_value(json_object_get(rule, "quote"))) >= (int)sizeof source)
		return NCT_ERR_TOOBIG;
	st = db_prepare(x->db, sql_i);
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, json_string_value(json_object_get(level, "label_as_written")));
	db_bind_text(st, 3, json_string_value(json_object_get(level, "founded_from")));
	db_bind_text(st, 4, json_string_value(json_object_get(level, "founded_to")));
	db_bind_int(st, 5, json_integer_value(json_object_get(level, "amount")));
	db_bind_int(st, 6,
	            strcmp(json_string_value(json_object_get(rule, "status")), "planned") == 0);
	db_bind_int(st, 7, json_is_true(json_object_get(rule, "once_per_club")));
	db_bind_text(st, 8, json_string_value(json_object_get(rule, "valid_from")));
	db_bind_text(st, 9, valid_to);
	db_bind_text(st, 10, p->issuer);
	db_bind_text(st, 11, source);
	if ((e = db_int(st, id)))
		return e;
	size_t i;
	json_t *k;
	json_array_foreach(json_object_get(rule, "club_kinds"), i, k)
	{
		st = db_prepare(x->db, sql_k);
		db_bind_int(st, 1, *id);
		db_bind_text(st, 2, json_string_value(k));
		if ((e = db_run(st)))
			return e;
	}
	return NCT_OK;
}

static nct_err levels_check(struct rd *r, const json_t *rule, const char *w)
{
	size_t j;
	json_t *l;
	char wl[96];
	static const char *const statuses[] = {"planned", "decided", NULL};
	static const struct field f[] = {
	    {"id", W_TEXT},         {"section", W_TEXT},       {"quote", W_TEXT},
	    {"status", W_TEXT},     {"once_per_club", W_BOOL}, {"club_kinds", W_ARRAY},
	    {"valid_from", W_DATE}, {"valid_to", W_DATE_NULL}, {NULL, W_TEXT}};
	static const struct field fl[] = {{"label_as_written", W_TEXT},
	                                  {"founded_from", W_DATE},
	                                  {"founded_to", W_DATE},
	                                  {NULL, W_TEXT}};
	fields(r, rule, w, f);
	if (!r->e && !check_listed(statuses, field_text(r, rule, "status")))
		bad(r, w, "status", "planned|decided");
	json_array_foreach(get(r, rule, w, "levels", W_ARRAY), j, l)
	{
		snprintf(wl, sizeof wl, "%s.levels[%zu]", w, j);
		fields(r, l, wl, fl);
		if (!r->e && !json_is_integer(json_object_get(l, "amount")))
			bad(r, wl, "amount", "int");
	}
	return r->e;
}

static const char *const support_drop[] = {"id", "levels", NULL};
static const char *const level_drop[] = {"founded_from", "founded_to", "amount", NULL};

static nct_err doc_row(struct db *db, const char *sql, int64_t plan_id, const char *sid,
                       int64_t pos, int64_t rule_id, const json_t *o, const char *const *drop)
{
	char *rest = doc_text(o, drop);
	struct db_stmt *st = rest ? db_prepare(db, sql) : NULL;
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, sid);
	db_bind_int(st, 3, pos);
	if (rule_id)
		db_bind_int(st, 4, rule_id);
	db_bind_text(st, rule_id ? 5 : 4, rest);
	nct_err e = rest ? db_run(st) : NCT_ERR_NOMEM;
	free(rest);
	return e;
}

static nct_err support_rows(struct ctx *x, struct rd *r, const json_t *doc, const struct plan *p)
{
	static const char sql_s[] =
	    "INSERT INTO plan_support (plan_id, sid, position, doc) VALUES (?,?,?,?)";
	static const char sql_l[] = "INSERT INTO plan_support_levels (plan_id, sid, position,"
	                            " rule_id, doc) VALUES (?,?,?,?,?)";
	size_t i, j;
	json_t *s, *l;
	char w[64];
	json_array_foreach(get(r, doc, "", "support_rules", W_ARRAY), i, s)
	{
		if (levels_check(r, s, at(w, sizeof w, "support_rules", i)))
			return r->e;
		const char *sid = json_string_value(json_object_get(s, "id"));
		if ((r->e = doc_row(x->db, sql_s, p->id, sid, (int64_t)i + 1, 0, s, support_drop)))
			return r->e;
		json_array_foreach(json_object_get(s, "levels"), j, l)
		{
			int64_t rule_id = 0;
			r->e = support_rule_row(x, p, s, l, j + 1, &rule_id);
			if (!r->e)
				r->e = doc_row(x->db, sql_l, p->id, sid, (int64_t)j + 1, rule_id, l,
				               level_drop);
			if (r->e)
				return r->e;
		}
	}
	return r->e;
}

/* ------------------------------------------------------------- targets */

nct_err plan_target_row(struct ctx *x, const struct plan *p, const json_t *t)
{
	static const char sql[] =
	    "INSERT INTO plan_targets (plan, indicator, place_code, place_on, by_date, min_value,"
	    " max_value, unit, above_max_met) VALUES (?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT (plan, indicator, place_code, place_on, by_date) DO UPDATE SET"
	    " min_value = excluded.min_value, max_value = excluded.max_value, unit = excluded.unit,"
	    " above_max_met = excluded.above_max_met";
	bool pct = strcmp(json_string_value(json_object_get(t, "unit")), "percent") == 0;
	const json_t *mn = json_object_get(t, "min"), *mx = json_object_get(t, "max");
	const json_t *above = json_object_get(t, "above_max_is_met");
	char on[DATE_LEN];
	plan_place_on(p->date, on);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, p->key);
	db_bind_text(st, 2, json_string_value(json_object_get(t, "indicator")));
	db_bind_text(st, 3, json_string_value(json_object_get(t, "place_code")));
	db_bind_text(st, 4, on);
	db_bind_text(st, 5, json_string_value(json_object_get(t, "by_date")));
	if (json_is_integer(mn))
		db_bind_int(st, 6, json_integer_value(mn) * (pct ? 10 : 1));
	else
		db_bind_null(st, 6);
	if (json_is_integer(mx))
		db_bind_int(st, 7, json_integer_value(mx) * (pct ? 10 : 1));
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, pct ? "permille" : "count");
	db_bind_int(st, 9, json_is_false(above) ? 0 : 1);
	return db_run(st);
}

static bool has_text(const json_t *o, const char *key, const char *v)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s && v && strcmp(s, v) == 0;
}

const json_t *plan_target_on_key(const json_t *doc, const json_t *t, size_t n,
                                 const char *indicator, const char *place_code, const char *by_date)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(doc, "targets"), i, o)
	{
		if (i >= n)
			break;
		if (o != t && has_text(o, "indicator", indicator) &&
		    has_text(o, "place_code", place_code) && has_text(o, "by_date", by_date))
			return o;
	}
	return NULL;
}

/* The targets measured by an indicator become plan_targets records; the
 * others stay words of the doc. Two on one key are refused, the file whole:
 * the second's row would overwrite the first's figures. */
static nct_err targets_rows(struct ctx *x, struct rd *r, const json_t *doc, const struct plan *p)
{
	static const char *const units[] = {"count", "percent", NULL};
	size_t i;
	json_t *t;
	char w[64];
	json_array_foreach(get(r, doc, "", "targets", W_ARRAY), i, t)
	{
		static const struct field f[] = {{"indicator", W_TEXT_NULL},
		                                 {"unit", W_TEXT},
		                                 {"min", W_INT_NULL},
		                                 {"max", W_INT_NULL},
		                                 {"by_date", W_DATE},
		                                 {"place_code", W_TEXT},
		                                 {NULL, W_TEXT}};
		fields(r, t, at(w, sizeof w, "targets", i), f);
		const char *ind = field_text(r, t, "indicator"), *unit = field_text(r, t, "unit");
		if (!r->e && !check_listed(units, unit))
			bad(r, w, "unit", "count|percent");
		if (r->e)
			return r->e;
		const json_t *first =
		    ind ? plan_target_on_key(doc, t, i, ind, field_text(r, t, "place_code"),
		                             field_text(r, t, "by_date"))
		        : NULL;
		if (first)
			return r->e = refuse(r->rf, NCT_ERR_CONFLICT, RF_TARGET_TWICE, "file",
			                     "sss", json_string_value(json_object_get(first, "id")),
			                     json_string_value(json_object_get(t, "id")), w);
		if (ind && (r->e = plan_target_row(x, p, t)))
			return r->e;
	}
	return r->e;
}

/* ----------------------------------------------------------- reporting lines */

static nct_err line_check(struct ctx *x, struct rd *r, const json_t *doc, const json_t *l,
                          const char *w)
{
	static const struct field f[] = {{"id", W_TEXT},
	                                 {"what", W_TEXT},
	                                 {"reporters", W_ARRAY},
	                                 {"to", W_ARRAY},
	                                 {"period_kind", W_TEXT},
	                                 {"first_period", W_TEXT_NULL},
	                                 {"last_period", W_TEXT_NULL},
	                                 {"due_before", W_TEXT_NULL},
	                                 {"window", W_TEXT_NULL},
	                                 {NULL, W_TEXT}};
	fields(r, l, w, f);
	const json_t *reps = field_val(r, l, "reporters"), *to = field_val(r, l, "to");
	if (!r->e && !check_listed(obligation_kinds, field_text(r, l, "period_kind")))
		bad(r, w, "period_kind", "semiannual|yearly|once|on_request|as_needed|per_rules");
	size_t i;
	json_t *c;
	char wc[96];
	json_array_foreach(reps, i, c)
	{
		snprintf(wc, sizeof wc, "%s.reporters[%zu]", w, i);
		if (!r->e && !json_is_string(c))
			bad(r, wc, "", "code");
		if (!r->e && !unit_named(x, doc, json_string_value(c)) &&
		    !obligation_place_known(x, json_string_value(c)))
			r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_UNIT, "file", "ss",
			              json_string_value(c), wc);
	}
	json_array_foreach(to, i, c)
	{
		snprintf(wc, sizeof wc, "%s.to[%zu]", w, i);
		if (!r->e && (!json_is_string(c) || !unit_named(x, doc, json_string_value(c))))
			r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_UNIT, "file", "ss",
			              json_is_string(c) ? json_string_value(c) : "", wc);
	}
	if (!r->e && json_array_size(to) == 0)
		bad(r, w, "to", "[code]");
	return r->e;
}

static const char *const line_drop[] = {"id",          "reporters",    "to",
                                        "period_kind", "first_period", "last_period",
                                        "due_before",  "window",       NULL};

static nct_err lines_rows(struct ctx *x, struct rd *r, const json_t *doc, const struct plan *p)
{
	size_t i, j;
	json_t *l, *to;
	char w[64];
	int64_t pos = 0;
	json_array_foreach(get(r, doc, "", "reporting", W_ARRAY), i, l)
	{
		if (line_check(x, r, doc, l, at(w, sizeof w, "reporting", i)))
			return r->e;
		char *rest = doc_text(l, line_drop);
		json_array_foreach(json_object_get(l, "to"), j, to)
		{
			const char *reps[OBLIGATION_REPORTERS_MAX];
			size_t k, nreps = 0;
			json_t *c;
			json_array_foreach(json_object_get(l, "reporters"), k, c)
			{
				if (nreps < OBLIGATION_REPORTERS_MAX)
					reps[nreps++] = json_string_value(c);
			}
			struct obligation_new in = {
			    .line = json_string_value(json_object_get(l, "id")),
			    .position = ++pos,
			    .name = json_string_value(json_object_get(l, "what")),
			    .reporters = reps,
			    .nreporters = nreps,
			    .to = json_string_value(to),
			    .period_kind = json_string_value(json_object_get(l, "period_kind")),
			    .first_period = json_string_value(json_object_get(l, "first_period")),
			    .last_period = json_string_value(json_object_get(l, "last_period")),
			    .due = json_string_value(json_object_get(l, "due_before")),
			    .window = json_string_value(json_object_get(l, "window")),
			    .doc = rest,
			    .lenient = true};
			int64_t id;
			if (!rest || (r->e = obligation_write(x, p, &in, &id, r->rf))) {
				free(rest);
				return r->e ? r->e : (r->e = NCT_ERR_NOMEM);
			}
		}
		free(rest);
	}
	return r->e;
}

/* ------------------------------------------------------------- import */

static nct_err header_check(struct ctx *x, struct rd *r, const json_t *doc)
{
	static const struct field f[] = {
	    {"format", W_TEXT}, {"id", W_SLUG},    {"code", W_TEXT_NULL},
	    {"symbol", W_TEXT}, {"title", W_TEXT}, {"title_en", W_TEXT},
	    {"issuer", W_CODE}, {"date", W_PDATE}, {NULL, W_TEXT}};
	fields(r, doc, "", f);
	const char *format = field_text(r, doc, "format"), *slug = field_text(r, doc, "id");
	const char *code = field_text(r, doc, "code");
	if (!r->e && strcmp(format, "nct-plan/1") != 0)
		bad(r, "", "format", "\"nct-plan/1\"");
	if (!r->e && code && strlen(code) >= PLAN_CODE_LEN)
		bad(r, "", "code", "text (at most 31 bytes)");
	struct plan old;
	if (!r->e && plan_get(x, slug, &old) == NCT_OK)
		r->e = refuse(r->rf, NCT_ERR_CONFLICT, RF_TAKEN, "id", "s", slug);
	if (!r->e && code && plan_get(x, code, &old) == NCT_OK)
		r->e = refuse(r->rf, NCT_ERR_CONFLICT, RF_TAKEN, "code", "s", code);
	return r->e;
}

static nct_err import_rows(struct ctx *x, struct rd *r, const json_t *doc, struct plan *out)
{
	int64_t id = 0;
	if (orgs_from_doc(x, r, doc) || plan_row(x, r, doc, &id))
		return r->e;
	if (!r->e && !json_string_value(json_object_get(doc, "issuer")))
		return r->e;
	if (!unit_named(x, doc, json_string_value(json_object_get(doc, "issuer"))))
		return r->e = refuse(r->rf, NCT_ERR_INVALID, RF_PLAN_UNIT, "file", "ss",
		                     json_string_value(json_object_get(doc, "issuer")), "issuer");
	if ((r->e = plan_by_id(x, id, out)))
		return r->e;
	texts_rows(x, r, doc, id, "legal_bases");
	texts_rows(x, r, doc, id, "references");
	sections_rows(x, r, doc, id, "areas");
	sections_rows(x, r, doc, id, "duties");
	funding_rows(x, r, doc, id);
	support_rows(x, r, doc, out);
	targets_rows(x, r, doc, out);
	lines_rows(x, r, doc, out);
	if (r->e)
		return r->e;
	json_t *a =
	    json_pack("{s:s, s:s?, s:i, s:i}", "slug", out->slug, "code",
	              out->code[0] ? out->code : NULL, "areas", out->areas, "items", out->items);
	char *nj = a ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(a);
	return r->e = audit_change(x, "import", "plan", out->slug, AUDIT_NONE, nj);
}

static nct_err import_doc(struct ctx *x, struct json_t *doc, struct plan *out, struct refusal *rf);

nct_err plan_import(struct ctx *x, struct json_t *doc, struct plan *out, struct refusal *rf)
{
	if (access_admin(x))
		return refuse(rf, NCT_ERR_DENIED, RF_ADMIN_ONLY, NULL, "");
	return import_doc(x, doc, out, rf);
}

/* plan_import once the user may write the plan. */
static nct_err import_doc(struct ctx *x, struct json_t *doc, struct plan *out, struct refusal *rf)
{
	struct rd r = {rf, NCT_OK};
	if (!json_is_object(doc))
		return bad(&r, "", "", "{…}");
	if (header_check(x, &r, doc) || (r.e = unit_begin(x)))
		return r.e;
	nct_err e = unit_end(x, import_rows(x, &r, doc, out));
	if (!e)
		e = plan_by_id(x, out->id, out); /* the counts, now that the items are there */
	return e;
}

/* ------------------------------------------------------------- export */

/* Steps st to its end, one object (or value) of to_json per row, and sets the
 * array under key in parent. Returns the statement's error, after which the
 * array holds the rows read until then. */
static nct_err rows_json(struct db_stmt *st, json_t *(*to_json)(struct db_stmt *st), json_t *parent,
                         const char *key)
{
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(a, to_json(st));
	db_done(st);
	json_object_set_new(parent, key, a);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static json_t *text_json(struct db_stmt *st)
{
	json_t *o = json_object();
	for (int c = 0; text_ref_keys[c]; c++)
		json_object_set_new(o, text_ref_keys[c], str_or_null(db_col_text(st, c)));
	return o;
}

static nct_err texts_json(struct db *db, int64_t plan_id, const char *list, json_t *plan)
{
	static const char sql[] =
	    "SELECT relation, kind, number, text_date, issuer_as_written, title, as_written,"
	    " cited_in, note FROM plan_texts WHERE plan_id = ? AND list = ? ORDER BY position";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, list);
	return rows_json(st, text_json, plan, list);
}

/* An item's object, its units still to come. */
struct item_json {
	int64_t id, section_id;
	json_t *o;
};

static int item_json_row(struct db_stmt *st, void *row, void *arg)
{
	struct item_json *it = row;
	(void)arg;
	it->id = db_col_int(st, 0);
	it->section_id = db_col_int(st, 1);
	it->o = doc_of(db_col_text(st, 6));
	json_object_set_new(it->o, "n", json_integer(db_col_int(st, 2)));
	json_object_set_new(it->o, "text", json_string(db_col_text(st, 3)));
	json_object_set_new(it->o, "lead", json_array());
	json_object_set_new(it->o, "cooperating", json_array());
	json_t *dl = db_col_text(st, 4) ? json_object() : json_null();
	if (db_col_text(st, 4)) {
		json_object_set_new(dl, "before", json_string(db_col_text(st, 4)));
		json_object_set_new(dl, "as_written", str_or_null(db_col_text(st, 5)));
	}
	json_object_set_new(it->o, "deadline", dl);
	return DB_KEEP;
}

static int by_item_id(const void *a, const void *b)
{
	int64_t x = ((const struct item_json *)a)->id, y = ((const struct item_json *)b)->id;
	return (x > y) - (x < y);
}

static nct_err units_json(struct db *db, int64_t plan_id, struct item_json *v, size_t n)
{
	static const char sql[] =
	    "SELECT u.item_id, u.role, u.org_code FROM plan_item_units u"
	    " JOIN plan_items i ON i.id = u.item_id JOIN plan_sections s ON s.id = i.section_id"
	    " WHERE s.plan_id = ? ORDER BY u.item_id, u.role, u.position";
	struct item_json *byid = malloc(n ? n * sizeof *byid : 1);
	if (!byid)
		return NCT_ERR_NOMEM;
	if (n) /* a plan without items has no v to copy */
		memcpy(byid, v, n * sizeof *byid);
	qsort(byid, n, sizeof *byid, by_item_id);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct item_json key = {.id = db_col_int(st, 0)};
		struct item_json *it = bsearch(&key, byid, n, sizeof *byid, by_item_id);
		bool lead = strcmp(db_col_text(st, 1), "lead") == 0;
		if (it)
			json_array_append_new(json_object_get(it->o, lead ? "lead" : "cooperating"),
			                      json_string(db_col_text(st, 2)));
	}
	db_done(st);
	free(byid);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static nct_err sections_json(struct db *db, int64_t plan_id, json_t *plan)
{
	static const char sql_i[] =
	    "SELECT i.id, i.section_id, i.n, i.text, i.deadline_before, i.deadline_as_written,"
	    " i.doc FROM plan_items i JOIN plan_sections s ON s.id = i.section_id"
	    " WHERE s.plan_id = ? ORDER BY i.section_id, i.n";
	static const char sql_s[] = "SELECT id, kind, code, heading, doc FROM plan_sections"
	                            " WHERE plan_id = ? ORDER BY kind, position";
	struct vec v;
	vec_init(&v, sizeof(struct item_json), PLAN_ITEMS_MAX);
	struct db_stmt *st = db_prepare(db, sql_i);
	db_bind_int(st, 1, plan_id);
	nct_err e = db_rows(st, &v, item_json_row, NULL);
	if (!e)
		e = units_json(db, plan_id, v.ptr, v.n);
	json_t *areas = json_array(), *duties = json_array();
	st = e ? NULL : db_prepare(db, sql_s);
	db_bind_int(st, 1, plan_id);
	int rc = 0;
	while (!e && (rc = db_step(st)) == DB_ROW) {
		bool duty = strcmp(db_col_text(st, 1), "duty") == 0;
		int64_t sid = db_col_int(st, 0);
		json_t *s = doc_of(db_col_text(st, 4)), *items = json_array();
		json_object_set_new(s, "code", json_string(db_col_text(st, 2)));
		json_object_set_new(s, "heading", json_string(db_col_text(st, 3)));
		for (size_t i = 0; i < v.n; i++) {
			struct item_json *it = vec_at(&v, struct item_json, i);
			if (it->section_id != sid)
				continue;
			json_t *dl = json_object_get(it->o, "deadline");
			if (json_is_object(dl))
				json_object_set_new(it->o, "deadline",
				                    ordered(json_incref(dl), deadline_keys));
			json_array_append_new(items, ordered(it->o, item_keys));
			it->o = NULL;
		}
		json_object_set_new(s, "items", items);
		json_array_append_new(duty ? duties : areas,
		                      ordered(s, duty ? duty_keys : area_keys));
	}
	db_done(st);
	if (!e && rc < 0)
		e = (nct_err)-rc;
	for (size_t i = 0; i < v.n; i++)
		json_decref(vec_at(&v, struct item_json, i)->o);
	vec_free(&v);
	json_object_set_new(plan, "areas", areas);
	json_object_set_new(plan, "duties", duties);
	return e;
}

static json_t *funding_line_json(struct db_stmt *st)
{
	json_t *f = doc_of(db_col_text(st, 3));
	json_object_set_new(f, "id", json_string(db_col_text(st, 0)));
	json_object_set_new(f, "source_kind", json_string(db_col_text(st, 1)));
	json_object_set_new(f, "amount",
	                    db_col_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)));
	return ordered(f, funding_keys);
}

static nct_err funding_json(struct db *db, int64_t plan_id, json_t *plan)
{
	static const char sql[] = "SELECT fid, source_kind, amount, doc FROM plan_funding"
	                          " WHERE plan_id = ? ORDER BY position";
	return rows_json(DB_PREPARE(db, sql, DB_I(plan_id)), funding_line_json, plan, "funding");
}

static json_t *level_json(struct db_stmt *st)
{
	json_t *l = doc_of(db_col_text(st, 3));
	json_object_set_new(l, "founded_from", json_string(db_col_text(st, 0)));
	json_object_set_new(l, "founded_to", json_string(db_col_text(st, 1)));
	json_object_set_new(l, "amount", json_integer(db_col_int(st, 2)));
	return ordered(l, level_keys);
}

static nct_err levels_json(struct db *db, int64_t plan_id, const char *sid, json_t *rule)
{
	static const char sql[] =
	    "SELECT r.founded_from, r.founded_to, r.amount, l.doc FROM plan_support_levels l"
	    " JOIN support_rules r ON r.id = l.rule_id WHERE l.plan_id = ? AND l.sid = ?"
	    " ORDER BY l.position";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	db_bind_text(st, 2, sid);
	return rows_json(st, level_json, rule, "levels");
}

static nct_err support_json(struct db *db, int64_t plan_id, json_t *plan)
{
	static const char sql[] =
	    "SELECT sid, doc FROM plan_support WHERE plan_id = ? ORDER BY position";
	struct vec v; /* the rules first: their levels are read with another statement */
	json_t *a = json_array();
	vec_init(&v, sizeof(json_t *), PLAN_ITEMS_MAX);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *s = doc_of(db_col_text(st, 1)), **slot = vec_push(&v);
		json_object_set_new(s, "id", json_string(db_col_text(st, 0)));
		if (slot)
			*slot = s;
		else
			json_decref(s);
	}
	db_done(st);
	nct_err e = rc < 0 ? (nct_err)-rc : vec_failed(&v);
	for (size_t i = 0; i < v.n; i++) {
		json_t *s = *vec_at(&v, json_t *, i);
		if (!e)
			e = levels_json(db, plan_id, json_string_value(json_object_get(s, "id")),
			                s);
		json_array_append_new(a, ordered(s, support_keys));
	}
	vec_free(&v);
	json_object_set_new(plan, "support_rules", a);
	return e;
}

static json_t *code_json(struct db_stmt *st)
{
	return json_string(db_col_text(st, 0));
}

static nct_err reporters_json(struct db *db, int64_t obligation_id, json_t *line)
{
	static const char sql[] = "SELECT code FROM obligation_reporters WHERE obligation_id = ?"
	                          " ORDER BY position";
	return rows_json(DB_PREPARE(db, sql, DB_I(obligation_id)), code_json, line, "reporters");
}

/* One reporting line per line id: the obligations of one line differ only by
 * receiver. An obligation made outside a file has no line id: it gets the
 * next free "R" number. */
struct line_row {
	int64_t id;
	char line[16];
	json_t *o;
};

static int line_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct line_row *l = row;
	int *next = arg;
	l->id = db_col_int(st, 0);
	if (db_col_text(st, 1))
		text_copy(l->line, sizeof l->line, db_col_text(st, 1));
	else
		snprintf(l->line, sizeof l->line, "R%d", ++*next);
	l->o = doc_of(db_col_text(st, 8));
	json_object_set_new(l->o, "id", json_string(l->line));
	json_object_set_new(l->o, "to", json_pack("[s]", db_col_text(st, 2)));
	json_object_set_new(l->o, "period_kind", json_string(db_col_text(st, 3)));
	json_object_set_new(l->o, "first_period", str_or_null(db_col_text(st, 4)));
	json_object_set_new(l->o, "last_period", str_or_null(db_col_text(st, 5)));
	json_object_set_new(l->o, "due_before", str_or_null(db_col_text(st, 6)));
	json_object_set_new(l->o, "window", str_or_null(db_col_text(st, 7)));
	if (!json_object_get(l->o, "what"))
		json_object_set_new(l->o, "what", json_string(db_col_text(st, 9)));
	return DB_KEEP;
}

static nct_err lines_json(struct db *db, int64_t plan_id, json_t *plan)
{
	static const char sql[] =
	    "SELECT id, line, to_code, period_kind, first_period, last_period, due, data_window,"
	    " doc, name FROM obligations WHERE plan_id = ? ORDER BY position, id";
	static const char sql_n[] = "SELECT COUNT(DISTINCT line) FROM obligations WHERE"
	                            " plan_id = ? AND line IS NOT NULL";
	int64_t lines = 0;
	struct vec v;
	vec_init(&v, sizeof(struct line_row), PLAN_ITEMS_MAX);
	struct db_stmt *st = db_prepare(db, sql_n);
	db_bind_int(st, 1, plan_id);
	nct_err e = db_int(st, &lines);
	int next = (int)lines;
	st = e ? NULL : db_prepare(db, sql);
	db_bind_int(st, 1, plan_id);
	if (!e)
		e = db_rows(st, &v, line_from_row, &next);
	json_t *a = json_array(), *last = NULL;
	for (size_t i = 0; i < v.n; i++) {
		struct line_row *l = vec_at(&v, struct line_row, i);
		if (last && strcmp(json_string_value(json_object_get(last, "id")), l->line) == 0) {
			json_array_extend(json_object_get(last, "to"), json_object_get(l->o, "to"));
			json_decref(l->o);
			continue;
		}
		if (!e)
			e = reporters_json(db, l->id, l->o);
		last = ordered(l->o, reporting_keys);
		json_array_append_new(a, last);
	}
	vec_free(&v);
	json_object_set_new(plan, "reporting", a);
	return e;
}

/* The targets' figures from plan_targets, where an indicator measures them. */
static void targets_json(struct db *db, const struct plan *p, json_t *plan)
{
	static const char sql[] = "SELECT min_value, max_value, unit FROM plan_targets WHERE"
	                          " plan = ? AND indicator = ? AND place_code = ? AND place_on = ?"
	                          " AND by_date = ?";
	json_t *a = json_array(), *t;
	size_t i;
	char on[DATE_LEN];
	plan_place_on(p->date, on);
	json_array_foreach(json_object_get(plan, "targets"), i, t)
	{
		json_t *o = json_copy(t);
		const char *ind = json_string_value(json_object_get(o, "indicator"));
		struct db_stmt *st = ind ? db_prepare(db, sql) : NULL;
		db_bind_text(st, 1, p->key);
		db_bind_text(st, 2, ind);
		db_bind_text(st, 3, json_string_value(json_object_get(o, "place_code")));
		db_bind_text(st, 4, on);
		db_bind_text(st, 5, json_string_value(json_object_get(o, "by_date")));
		if (ind && db_step(st) == DB_ROW) {
			int64_t div = strcmp(db_col_text(st, 2), "permille") == 0 ? 10 : 1;
			json_object_set_new(o, "min",
			                    db_col_null(st, 0)
			                        ? json_null()
			                        : json_integer(db_col_int(st, 0) / div));
			json_object_set_new(o, "max",
			                    db_col_null(st, 1)
			                        ? json_null()
			                        : json_integer(db_col_int(st, 1) / div));
		}
		db_done(st);
		json_array_append_new(a, ordered(o, target_keys));
	}
	json_object_set_new(plan, "targets", a);
}

static json_t *header_json(struct db *db, const struct plan *p)
{
	static const char sql[] = "SELECT doc, symbol FROM plans WHERE id = ?";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, p->id);
	json_t *o = NULL;
	if (db_step(st) == DB_ROW) {
		o = doc_of(db_col_text(st, 0));
		json_object_set_new(o, "symbol", json_string(db_col_text(st, 1)));
	}
	db_done(st);
	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_string(p->slug));
	json_object_set_new(o, "code", p->code[0] ? json_string(p->code) : json_null());
	json_object_set_new(o, "title", json_string(p->title));
	json_object_set_new(o, "title_en", json_string(p->title_en));
	json_object_set_new(o, "issuer", json_string(p->issuer));
	json_object_set_new(o, "date", json_string(p->date));
	json_t *eff = json_object_get(o, "effective");
	eff = json_is_object(eff) ? json_copy(eff) : json_object();
	json_object_set_new(eff, "from", json_string(p->effective_from));
	json_object_set_new(eff, "to", json_string(p->effective_to));
	json_object_set_new(o, "effective", ordered(eff, effective_keys));
	return o;
}

nct_err plan_export(struct ctx *x, const char *slug_or_code, struct json_t **out)
{
	struct plan p;
	*out = NULL;
	nct_err e = plan_get(x, slug_or_code, &p);
	json_t *o = e ? NULL : header_json(x->db, &p);
	if (!e && !o)
		e = NCT_ERR_NOMEM;
	if (!e)
		e = texts_json(x->db, p.id, "legal_bases", o);
	if (!e)
		e = texts_json(x->db, p.id, "references", o);
	if (!e)
		e = sections_json(x->db, p.id, o);
	if (!e)
		e = funding_json(x->db, p.id, o);
	if (!e)
		e = support_json(x->db, p.id, o);
	if (!e)
		e = lines_json(x->db, p.id, o);
	if (!e)
		targets_json(x->db, &p, o);
	if (e) {
		json_decref(o);
		return e;
	}
	*out = ordered(o, plan_keys);
	return *out ? NCT_OK : NCT_ERR_NOMEM;
}

/* ------------------------------------------------------------- a new plan */

/* The slug of a plan numbered code ("327/KH-UBND" → "327-kh-ubnd"): letters
 * and digits in lower case, each run of anything else one dash. */
static void slug_of(const char *code, char out[PLAN_SLUG_LEN])
{
	size_t n = 0;
	for (const char *c = code; *c && n + 1 < PLAN_SLUG_LEN; c++) {
		char l = (*c >= 'A' && *c <= 'Z') ? (char)(*c - 'A' + 'a') : *c;
		if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
			out[n++] = l;
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

/* The document of a plan that has its header only: the symbol is what follows
 * the number's slash, the words "as written" are the values given, and the
 * lists are empty until the pages or the API add to them. */
static json_t *header_doc(const char *slug, const struct plan_header_in *in)
{
	const char *slash = strchr(in->code, '/');
	const char *symbol = slash && slash[1] ? slash + 1 : in->code[0] ? in->code : "KH";
	json_int_t number = 0;
	const char *d = in->code;
	for (; *d >= '0' && *d <= '9' && number < 100000000; d++)
		number = number * 10 + (*d - '0');
	bool numbered = d != in->code && (*d == '/' || !*d);
	char number_words[PLAN_CODE_LEN + 8];
	snprintf(number_words, sizeof number_words, "Số: %s", in->code);
	json_t *doc = json_pack(
	    "{s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:[], s:s, s:n, s:n, s:s, s:s,"
	    " s:{s:s, s:s, s:n, s:n}, s:n, s:n}",
	    "format", "nct-plan/1", "id", slug, "code",
	    in->code[0] ? json_string(in->code) : json_null(), "number",
	    numbered ? json_integer(number) : json_null(), "symbol", symbol, "number_as_written",
	    number_words, "kind", "Kế hoạch", "title", in->title, "title_en", in->title_en,
	    "preamble", "issuer", in->issuer, "issuer_as_written", "place_as_written", "date",
	    in->date, "date_as_written", in->date, "effective", "from", in->effective_from, "to",
	    in->effective_to, "as_written", "note", "signature", "source");
	static const char *const lists[] = {
	    "legal_bases",  "references",    "organisations", "purposes",
	    "requirements", "targets",       "areas",         "activity_areas",
	    "funding",      "support_rules", "duties",        "reporting",
	    "recipients",   "footnotes",     "notes",         NULL};
	for (const char *const *k = lists; doc && *k; k++)
		json_object_set_new(doc, *k, json_array());
	static const char *const nulls[] = {"composition_rule", "beneficiaries", "scope", "closing",
	                                    NULL};
	for (const char *const *k = nulls; doc && *k; k++)
		json_object_set_new(doc, *k, json_null());
	return doc;
}

nct_err plan_create(struct ctx *x, const char *slug, const struct plan_header_in *in,
                    struct plan *out, struct refusal *rf)
{
	if (!plan_may_create(x) || access_plan_issuer(x, in->issuer) == NCT_ERR_DENIED)
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	char id[PLAN_SLUG_LEN];
	slug_of(slug && slug[0] ? slug : in->code, id);
	if (slug && slug[0] && (!is_code(slug, PLAN_SLUG_LEN - 1, true) || strcmp(slug, id) != 0))
		return refuse(rf, NCT_ERR_INVALID, RF_CODE_FORMAT, "id", "i",
		              (int64_t)PLAN_SLUG_LEN - 1);
	if (!id[0]) /* neither an id nor a number to make one of */
		return refuse(rf, NCT_ERR_INVALID, RF_CODE_FORMAT, "id", "i",
		              (int64_t)PLAN_SLUG_LEN - 1);
	struct plan none = {0}, old;
	nct_err e = plan_header_check(x, &none, in, NULL, rf);
	if (!e && plan_get(x, id, &old) == NCT_OK)
		e = refuse(rf, NCT_ERR_CONFLICT, RF_TAKEN, "id", "s", id);
	json_t *doc = e ? NULL : header_doc(id, in);
	if (!e && !doc)
		e = NCT_ERR_NOMEM;
	if (!e)
		e = import_doc(x, doc, out, rf);
	json_decref(doc);
	return e;
}

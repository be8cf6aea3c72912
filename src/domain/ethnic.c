#include "ethnic.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "ctx.h"
#include "rows.h"

#define GROUP_COLS "SELECT g.code, g.name, g.name_1979, g.code_gso_2008, g.kon_tum_indigenous"

nct_err ethnic_find(struct ctx *x, const char *input, struct ethnic_group *out)
{
	static const char sql[] = GROUP_COLS " FROM ethnic_names n JOIN ethnic_groups g"
	                                     " ON g.code = n.code WHERE n.name_fold = ?";
	char *f = text_fold_dup(input ? input : "");
	if (!f || !f[0]) {
		free(f);
		return NCT_ERR_NOTFOUND;
	}
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(f));
	nct_err e = db_row_of(st, &ethnic_cols, out);
	free(f);
	return e;
}

nct_err ethnic_list(struct ctx *x, struct ethnic_group **out, size_t *n)
{
	static const char sql[] = GROUP_COLS " FROM ethnic_groups g ORDER BY g.code";
	nct_err e;
	*out = db_list_of(db_prepare(x->db, sql), &ethnic_cols, ETHNIC_GROUPS_MAX, n, &e);
	return e;
}

#define ETHNIC_NAMES_MAX 4096 /* spellings: about 400 in data/ethnic-groups.csv */

struct ethnic_name {
	char *fold;
	char code[4];
	bool is_new; /* not in the store before this load */
};

struct ethnic_load {
	struct ctx *x;
	struct vec groups; /* struct ethnic_group, in the order put */
	struct vec names;  /* struct ethnic_name: the store's, then the new in order */
};

static int name_read(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	struct ethnic_name *n = row;
	const char *code = db_col_text(st, 1);
	n->fold = strdup(db_col_text(st, 0));
	text_copy(n->code, sizeof n->code, code ? code : "");
	n->is_new = false;
	return n->fold ? DB_KEEP : -(int)NCT_ERR_NOMEM;
}

void ethnic_load_free(struct ethnic_load *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->names.n; i++)
		free(vec_at(&l->names, struct ethnic_name, i)->fold);
	vec_free(&l->names);
	vec_free(&l->groups);
	free(l);
}

nct_err ethnic_load_begin(struct ctx *x, struct ethnic_load **out)
{
	static const char sql[] = "SELECT name_fold, code FROM ethnic_names ORDER BY name_fold";
	struct ethnic_load *l = calloc(1, sizeof *l);
	*out = NULL;
	if (!l)
		return NCT_ERR_NOMEM;
	l->x = x;
	vec_init(&l->groups, sizeof(struct ethnic_group), ETHNIC_GROUPS_MAX);
	vec_init(&l->names, sizeof(struct ethnic_name), ETHNIC_NAMES_MAX);
	nct_err e = db_rows(db_prepare(x->db, sql), &l->names, name_read, NULL);
	if (e) {
		ethnic_load_free(l);
		return e;
	}
	*out = l;
	return NCT_OK;
}

nct_err ethnic_load_group(struct ethnic_load *l, const struct ethnic_group *g)
{
	struct ethnic_group *to = vec_push(&l->groups);
	if (!to)
		return vec_failed(&l->groups);
	*to = *g;
	return NCT_OK;
}

nct_err ethnic_load_name(struct ethnic_load *l, const char *spelling, const char *code, bool *taken)
{
	char *f = text_fold_dup(spelling);
	*taken = false;
	if (!f)
		return NCT_ERR_INVALID;
	for (size_t i = 0; f[0] && i < l->names.n; i++) {
		const struct ethnic_name *n = vec_at(&l->names, const struct ethnic_name, i);
		if (strcmp(n->fold, f) == 0) {
			*taken = strcmp(n->code, code) != 0;
			free(f);
			return NCT_OK;
		}
	}
	bool blank = !f[0];
	struct ethnic_name *n = blank ? NULL : vec_push(&l->names);
	if (!n) {
		free(f);
		return blank ? NCT_OK : vec_failed(&l->names);
	}
	n->fold = f;
	text_copy(n->code, sizeof n->code, code);
	n->is_new = true;
	return NCT_OK;
}

static void group_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct ethnic_group *g = vec_at((struct vec *)arg, const struct ethnic_group, i);
	db_bind_text(st, f, g->code);
	db_bind_text(st, f + 1, g->name);
	db_bind_text(st, f + 2, g->name_1979);
	db_bind_text(st, f + 3, g->code_gso_2008);
	db_bind_int(st, f + 4, g->kon_tum_indigenous);
}

static void name_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct ethnic_name *const *n = arg;
	db_bind_text(st, f, n[i]->fold);
	db_bind_text(st, f + 1, n[i]->code);
}

nct_err ethnic_load_end(struct ethnic_load *l, nct_err e)
{
	static struct db_many groups = DB_MANY(
	    "INSERT INTO ethnic_groups (code, name, name_1979, code_gso_2008, kon_tum_indigenous)"
	    " VALUES ",
	    "(?, ?, ?, ?, ?)",
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " name_1979 = excluded.name_1979, code_gso_2008 = excluded.code_gso_2008,"
	    " kon_tum_indigenous = excluded.kon_tum_indigenous",
	    5);
	static struct db_many names =
	    DB_MANY("INSERT INTO ethnic_names (name_fold, code) VALUES ", "(?, ?)", "", 2);
	const struct ethnic_name **fresh = NULL;
	size_t n = 0;
	if (!e && l->groups.n)
		e = db_many_run(l->x->db, &groups, l->groups.n, group_bind, &l->groups);
	if (!e && l->names.n && !(fresh = malloc(l->names.n * sizeof *fresh)))
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < l->names.n; i++) {
		const struct ethnic_name *nm = vec_at(&l->names, const struct ethnic_name, i);
		if (nm->is_new)
			fresh[n++] = nm;
	}
	if (!e && n)
		e = db_many_run(l->x->db, &names, n, name_bind, fresh);
	free(fresh);
	ethnic_load_free(l);
	return e;
}

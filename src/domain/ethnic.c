#include "ethnic.h"

#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
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

nct_err ethnic_group_put(struct ctx *x, const struct ethnic_group *g)
{
	static const char sql[] =
	    "INSERT INTO ethnic_groups (code, name, name_1979, code_gso_2008, kon_tum_indigenous)"
	    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " name_1979 = excluded.name_1979, code_gso_2008 = excluded.code_gso_2008,"
	    " kon_tum_indigenous = excluded.kon_tum_indigenous";
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_T(g->code), DB_T(g->name), DB_T(g->name_1979),
	               DB_T(g->code_gso_2008), DB_I(g->kon_tum_indigenous));
	return db_run(st);
}

nct_err ethnic_name_put(struct ctx *x, const char *spelling, const char *code, bool *taken)
{
	static const char sql_get[] = "SELECT code FROM ethnic_names WHERE name_fold = ?";
	static const char sql_put[] = "INSERT INTO ethnic_names (name_fold, code) VALUES (?, ?)";
	char *f = text_fold_dup(spelling);
	nct_err e = f ? NCT_OK : NCT_ERR_INVALID;
	*taken = false;
	if (!e && f[0]) {
		struct db_stmt *st = DB_PREPARE(x->db, sql_get, DB_T(f));
		int rc = db_step(st);
		if (rc == DB_ROW)
			*taken = strcmp(db_col_text(st, 0), code) != 0;
		db_done(st);
		if (rc < 0)
			e = (nct_err)-rc;
		else if (rc == DB_DONE) {
			st = db_prepare(x->db, sql_put);
			DB_BINDS(st, DB_T(f), DB_T(code));
			e = db_run(st);
		}
	}
	free(f);
	return e;
}

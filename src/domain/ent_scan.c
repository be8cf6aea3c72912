#include "ent_scan.h"

#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "ctx.h"

enum { PERSONS, FACTS, DECISIONS };

nct_err ent_scan_open(struct ctx *x, struct ent_scan *s, const struct ent_scan_sql *q,
                      const char *const *binds, int nbinds, const char *day, const char *month)
{
	const char *sql[3] = {q->persons, q->facts, q->decisions};
	memset(s, 0, sizeof *s);
	if (nbinds > ENT_SCAN_BINDS_MAX)
		return NCT_ERR_INVALID;
	for (int k = 0; k < 3; k++) {
		s->st[k] = db_prepare(x->db, sql[k]);
		for (int i = 0; i < nbinds; i++)
			db_bind_text(s->st[k], i + 1, binds[i]);
		if (k == FACTS)
			db_bind_text(s->st[k], nbinds + 1, day);
		if (k == DECISIONS)
			db_bind_text(s->st[k], nbinds + 1, month);
		s->rc[k] = db_step(s->st[k]);
		if (s->rc[k] < 0) {
			nct_err e = (nct_err)-s->rc[k];
			ent_scan_close(s);
			return e;
		}
	}
	return NCT_OK;
}

/* Steps statement k past the rows of persons before id (merged persons' own
 * rows, which the persons read leaves out). */
static int skip_before(struct ent_scan *s, int k, int64_t id)
{
	while (s->rc[k] == DB_ROW && db_col_int(s->st[k], 1) < id)
		s->rc[k] = db_step(s->st[k]);
	return s->rc[k];
}

nct_err ent_scan_next(struct ent_scan *s, bool *more)
{
	*more = false;
	if (s->rc[PERSONS] < 0)
		return (nct_err)-s->rc[PERSONS];
	if (s->rc[PERSONS] != DB_ROW)
		return NCT_OK;
	person_from_columns(s->st[PERSONS], 0, &s->p);
	text_copy(s->sort_key, sizeof s->sort_key, db_col_text(s->st[PERSONS], PERSON_NCOLUMNS));
	int64_t id = s->p.id;
	memset(s->f, 0, sizeof s->f);
	/* facts: by kind, latest first: the first of each kind is the one in force */
	skip_before(s, FACTS, id);
	while (s->rc[FACTS] == DB_ROW && db_col_int(s->st[FACTS], 1) == id) {
		int k = fact_kind_index(db_col_text(s->st[FACTS], 2));
		if (k >= 0 && !s->f[k].id)
			person_fact_from_columns(s->st[FACTS], &s->f[k]);
		s->rc[FACTS] = db_step(s->st[FACTS]);
	}
	/* decisions: latest first */
	s->has_decision = s->paid = false;
	memset(&s->dec, 0, sizeof s->dec);
	skip_before(s, DECISIONS, id);
	while (s->rc[DECISIONS] == DB_ROW && db_col_int(s->st[DECISIONS], 1) == id) {
		if (!s->has_decision) {
			decision_from_columns(s->st[DECISIONS], &s->dec);
			s->has_decision = true;
			s->paid = strcmp(s->dec.action, "stop") != 0;
		}
		s->rc[DECISIONS] = db_step(s->st[DECISIONS]);
	}
	for (int k = FACTS; k <= DECISIONS; k++)
		if (s->rc[k] < 0)
			return (nct_err)-s->rc[k];
	s->rc[PERSONS] = db_step(s->st[PERSONS]);
	if (s->rc[PERSONS] < 0)
		return (nct_err)-s->rc[PERSONS];
	*more = true;
	return NCT_OK;
}

void ent_scan_close(struct ent_scan *s)
{
	for (int k = 0; k < 3; k++) {
		db_done(s->st[k]);
		s->st[k] = NULL;
	}
}

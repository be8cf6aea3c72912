#include "membership.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "check.h"
#include "club.h"
#include "club_facts.h"
#include "ctx.h"

#define MEMBER_COLS                                                                                \
	"SELECT m.id, m.joined_on, m.left_on, m.role, m.volunteer, " PERSON_COLUMNS                \
	" FROM memberships m JOIN persons p ON p.id = m.person_id"                                 \
	" JOIN places pl ON pl.id = p.place_id "

static int member_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct member *m = row;
	(void)arg;
	db_read_cols(st, &member_cols, m);
	person_from_columns(st, 5, &m->person);
	return DB_KEEP;
}

nct_err club_members(struct ctx *x, const struct club *c, struct member **out, size_t *n)
{
	static const char sql[] =
	    MEMBER_COLS "WHERE m.club_id = ?"
	                " ORDER BY (m.left_on IS NOT NULL), p.name_fold, m.id";
	*out = NULL;
	*n = 0;
	if (access_club(x, c, ACCESS_SEE))
		return NCT_ERR_DENIED;
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(c->id));
	nct_err e;
	*out = db_list(st, sizeof **out, CLUB_MEMBERS_MAX, member_from_row, NULL, n, &e);
	return e;
}

/* The rules of a new membership that need no store: its date. */
static nct_err membership_check(const struct club *c, const struct membership_new *in,
                                struct refusal *rf)
{
	struct date joined;
	return check_club_date(c, in->joined_on, "joined_on", &joined, rf);
}

/* Whether the person already has a membership of the club that covers `on`
 * or begins after it (an overlapping second membership). */
static nct_err overlapping(struct ctx *x, int64_t club_id, int64_t person_id, const char *on,
                           bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ?"
	                          " AND person_id = ? AND (left_on IS NULL OR left_on > ?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(club_id), DB_I(person_id), DB_T(on));
	return db_any(st, yes);
}

static nct_err member_insert(struct ctx *x, const struct club *c, const struct membership_new *in)
{
	static const char sql[] =
	    "INSERT INTO memberships (club_id, person_id, joined_on, volunteer)"
	    " VALUES (?,?,?,?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(c->id), DB_I(in->person_id),
	                                DB_T(in->joined_on), DB_I(in->volunteer));
	return db_run(st);
}

/* Writes a membership with its audit row, inside the caller's unit. */
static nct_err membership_record(struct ctx *x, const struct club *c,
                                 const struct membership_new *in)
{
	nct_err e = member_insert(x, c, in);
	if (e)
		return e;
	char nj[160];
	snprintf(nj, sizeof nj, "{\"club\":\"%s\",\"joined_on\":\"%s\",\"person\":%lld}", c->code,
	         in->joined_on, (long long)in->person_id);
	return audit_write(x, "create", "membership", c->code, NULL, nj);
}

/* Writes a checked membership of the person named name, with its audit row,
 * inside the caller's unit: refused when it overlaps one of the same club. */
static nct_err membership_write(struct ctx *x, const struct club *c,
                                const struct membership_new *in, const char *name,
                                struct refusal *rf)
{
	bool dup = false;
	nct_err e = overlapping(x, c->id, in->person_id, in->joined_on, &dup);
	if (!e && dup)
		return refuse(rf, NCT_ERR_CONFLICT, RF_ALREADY_MEMBER, "person_id", "s", name);
	return e ? e : membership_record(x, c, in);
}

nct_err club_add_member(struct ctx *x, const struct club *c, const struct membership_new *in,
                        struct refusal *rf)
{
	struct person p;
	nct_err e = access_club_person(x, c, in->person_id, "person_id", &p, rf);
	if (!e)
		e = membership_check(c, in, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(
	    x, club_facts_after(x->db, c->id, membership_write(x, c, in, p.full_name, rf)));
}

nct_err club_add_new_person(struct ctx *x, const struct club *c, const struct person_new *p,
                            struct membership_new *m, struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = person_check(x, p, rf);
	if (!e)
		e = membership_check(c, m, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = person_create(x, p, &m->person_id, rf);
	if (!e)
		e = membership_write(x, c, m, p->full_name, rf);
	return unit_end(x, club_facts_after(x->db, c->id, e));
}

/* The start of the club's current membership membership_id, into joined. */
static nct_err membership_open(struct ctx *x, const struct club *c, int64_t membership_id,
                               char joined[DATE_LEN], struct refusal *rf)
{
	static const char sql[] = "SELECT joined_on FROM memberships WHERE id = ? AND club_id = ?"
	                          " AND left_on IS NULL";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(membership_id), DB_I(c->id));
	int rc = db_step(st);
	if (rc == DB_ROW)
		text_copy(joined, DATE_LEN, db_col_text(st, 0));
	db_done(st);
	if (rc < 0)
		return (nct_err)-rc;
	if (rc == DB_ROW)
		return NCT_OK;
	return refuse(rf, NCT_ERR_NOTFOUND, RF_NO_OPEN_MEMBERSHIP, "membership", "");
}

static nct_err membership_close(struct ctx *x, const struct club *c, int64_t membership_id,
                                const char *left_on)
{
	static const char sql[] = "UPDATE memberships SET left_on = ? WHERE id = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(left_on), DB_I(membership_id));
	nct_err e = db_run(st);
	if (e)
		return e;
	char nj[96];
	snprintf(nj, sizeof nj, "{\"left_on\":\"%s\",\"membership\":%lld}", left_on,
	         (long long)membership_id);
	return audit_write(x, "update", "membership", c->code, NULL, nj);
}

nct_err club_end_member(struct ctx *x, const struct club *c, int64_t membership_id,
                        const char *left_on, struct refusal *rf)
{
	struct date left, joined;
	char jtxt[DATE_LEN] = "";
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	nct_err e = check_past_date(left_on, "left_on", &left, rf);
	if (e || (e = unit_begin(x)))
		return e;
	e = membership_open(x, c, membership_id, jtxt, rf);
	if (!e && (date_parse(jtxt, &joined) || date_cmp(left, joined) <= 0))
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "left_on", "dd", left_on, jtxt);
	if (!e)
		e = membership_close(x, c, membership_id, left_on);
	return unit_end(x, club_facts_after(x->db, c->id, e));
}

/* ---- imports ------------------------------------------------------------ */

/* Errors that are a row's fault: reported with the row, and the check goes on. */
static bool row_fault(nct_err e)
{
	return e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT || e == NCT_ERR_DENIED ||
	       e == NCT_ERR_NOTFOUND;
}

/* Checks one row, reading only: its person found (one index seek) or checked
 * as new, its date, and no membership of the club already. */
static nct_err import_check(struct ctx *x, const struct club *c, const struct member_row *row,
                            struct member_row_result *res)
{
	struct membership_new m = {0, row->joined_on, row->volunteer};
	bool dup = false;
	nct_err e = person_find_same(x, &row->person, &res->person_id);
	res->existing = res->person_id != 0;
	if (!e && !res->existing)
		e = person_ready(x, &row->person, &res->ready, &res->rf);
	if (!e)
		e = membership_check(c, &m, &res->rf);
	if (!e && res->existing)
		e = overlapping(x, c->id, res->person_id, row->joined_on, &dup);
	if (!e && dup)
		e = refuse(&res->rf, NCT_ERR_CONFLICT, RF_ALREADY_MEMBER, "person_id", "s",
		           row->person.full_name);
	res->e = e;
	return row_fault(e) ? NCT_OK : e;
}

/* A row's person as the lookup matches them: folded name, birth, place. */
struct row_key {
	char *key;
	size_t row;
};

static int key_cmp(const void *a, const void *b)
{
	const struct row_key *p = a, *q = b;
	int k = strcmp(p->key, q->key);
	return k ? k : (p->row > q->row) - (p->row < q->row);
}

static char *row_key(const struct member_row *row)
{
	struct birth b;
	char bt[DATE_LEN], *fold = text_fold_dup(row->person.full_name);
	size_t cap = (fold ? strlen(fold) : 0) + DATE_LEN + 32;
	char *key = fold ? malloc(cap) : NULL;
	if (key && birth_parse(row->person.birth, &b) == NCT_OK)
		birth_format(b, bt);
	else
		bt[0] = '\0';
	if (key)
		snprintf(key, cap, "%s|%s|%s", fold, bt, row->person.place_code);
	free(fold);
	return key;
}

/* Refuses each row whose person an earlier row of the file names already: a
 * second membership of one person. */
static nct_err refuse_repeats(const struct member_row *rows, size_t n,
                              struct member_row_result *res)
{
	struct row_key *k = calloc(n ? n : 1, sizeof *k);
	size_t m = 0;
	nct_err e = k ? NCT_OK : NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < n; i++) {
		if (res[i].e)
			continue;
		k[m] = (struct row_key){row_key(&rows[i]), i};
		e = k[m++].key ? NCT_OK : NCT_ERR_NOMEM;
	}
	if (!e)
		qsort(k, m, sizeof *k, key_cmp);
	for (size_t i = 1; !e && i < m; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0)
			res[k[i].row].e =
			    refuse(&res[k[i].row].rf, NCT_ERR_CONFLICT, RF_ALREADY_MEMBER,
			           "person_id", "s", rows[k[i].row].person.full_name);
	for (size_t i = 0; k && i < m; i++)
		free(k[i].key);
	free(k);
	return e;
}

/* Writes one checked row inside the import's unit, after looking again: a
 * person recorded (or a membership written) by someone else since the check
 * refuses the row, and so the import, rather than record someone twice. A new
 * person is written as derived before the unit (d), and has no membership to
 * overlap. */
static nct_err import_write(struct ctx *x, const struct club *c, const struct member_row *row,
                            const struct person_derived *d, struct member_row_result *res)
{
	struct membership_new m = {res->person_id, row->joined_on, row->volunteer};
	int64_t now = 0;
	nct_err e = person_find_same(x, &row->person, &now);
	if (!e && now != res->person_id)
		e = refuse(&res->rf, NCT_ERR_CONFLICT, RF_IMPORT_CHANGED, "full_name", "s",
		           row->person.full_name);
	if (!e && !res->existing)
		e = person_write_derived_ready(x, &row->person, &res->ready, d, &m.person_id);
	if (!e && !res->existing)
		e = membership_record(x, c, &m);
	else if (!e)
		e = membership_write(x, c, &m, row->person.full_name, &res->rf);
	res->person_id = m.person_id;
	return res->e = e;
}

static nct_err import_audit(struct ctx *x, const struct club *c,
                            const struct member_row_result *res, size_t n)
{
	size_t created = 0, existing = 0;
	for (size_t i = 0; i < n; i++)
		*(res[i].existing ? &existing : &created) += 1;
	char nj[160];
	snprintf(nj, sizeof nj, "{\"club\":\"%s\",\"created\":%zu,\"existing\":%zu,\"rows\":%zu}",
	         c->code, created, existing, n);
	return audit_write(x, "import", "club", c->code, NULL, nj);
}

nct_err club_import_check(struct ctx *x, const struct club *c, const struct member_row *rows,
                          size_t n, struct member_row_result *res, struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	memset(res, 0, n * sizeof *res);
	nct_err e = place_map_version(x, &res[0].map_version);
	for (size_t i = 0; !e && i < n; i++)
		e = import_check(x, c, &rows[i], &res[i]);
	if (!e)
		e = refuse_repeats(rows, n, res);
	for (size_t i = 0; !e && i < n; i++)
		if (res[i].e)
			e = NCT_ERR_INVALID;
	return e;
}

nct_err club_import_write(struct ctx *x, const struct club *c, const struct member_row *rows,
                          size_t n, struct member_row_result *res, struct refusal *rf)
{
	int64_t version = 0;
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	/* what the new people's rows derive (sort keys, search keys, audit),
	 * before the unit: the write lock is held for the writes alone */
	struct person_derived *d = calloc(n ? n : 1, sizeof *d);
	nct_err e = d ? NCT_OK : NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < n; i++)
		if (!res[i].existing)
			e = person_derive_ready(&rows[i].person, &res[i].ready, &d[i]);
	if (!e && !(e = unit_begin(x))) {
		e = place_map_version(x, &version); /* a residence checked may have ended */
		if (!e && n && version != res[0].map_version)
			e = refuse(rf, NCT_ERR_CONFLICT, RF_IMPORT_MAP_CHANGED, NULL, "");
		for (size_t i = 0; !e && i < n; i++)
			e = import_write(x, c, &rows[i], &d[i], &res[i]);
		if (!e)
			e = import_audit(x, c, res, n);
		e = unit_end(x, club_facts_after(x->db, c->id, e));
	}
	for (size_t i = 0; d && i < n; i++)
		person_derived_free(&d[i]);
	free(d);
	return e;
}

nct_err club_import_members(struct ctx *x, const struct club *c, const struct member_row *rows,
                            size_t n, bool dry_run, struct member_row_result *res,
                            struct refusal *rf)
{
	nct_err e = club_import_check(x, c, rows, n, res, rf);
	return e || dry_run ? e : club_import_write(x, c, rows, n, res, rf);
}

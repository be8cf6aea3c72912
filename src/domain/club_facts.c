/* club_facts.c - a club's memberships and loans packed into one row (the
 * format is in club_facts.h), rewritten by the writes that change them and
 * read by the indicator report. */
#include "club_facts.h"

#include <stdatomic.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/packed.h"
#include "../base/vec.h"
#include "../store/db.h"

/* Clubs one fill rewrites: every club of a store many times over. */
#define CLUB_FACTS_CLUBS_MAX 10000000

static atomic_bool ignoring;

void club_facts_ignore(bool on)
{
	atomic_store(&ignoring, on);
}

bool club_facts_ignored(void)
{
	return atomic_load(&ignoring);
}

/* ---- decoding: every field bounded, every byte checked ---- */

static bool member_decode(const char **p, struct club_member_fact *m)
{
	char id[20], hardship[20];
	int64_t h = 0;
	if (!packed_field(p, ';', id, sizeof id) || !packed_number(id, &m->person) ||
	    m->person <= 0 || !packed_field(p, ';', m->sex, sizeof m->sex) ||
	    !packed_field(p, ';', hardship, sizeof hardship) || !packed_number(hardship, &h) ||
	    h > 0xffff || !packed_field(p, ';', m->joined, sizeof m->joined) ||
	    !packed_day(m->joined, false) || !packed_field(p, ';', m->left, sizeof m->left) ||
	    !packed_day(m->left, true) || !packed_field(p, '\n', m->birth, sizeof m->birth))
		return false;
	m->hardship = (unsigned)h;
	return true;
}

static bool loan_decode(const char **p, struct club_loan_fact *l)
{
	char id[20];
	return packed_field(p, ';', id, sizeof id) && packed_number(id, &l->person) &&
	       l->person > 0 && packed_field(p, ';', l->disbursed, sizeof l->disbursed) &&
	       packed_day(l->disbursed, false) &&
	       packed_field(p, ';', l->written_off, sizeof l->written_off) &&
	       packed_day(l->written_off, true) &&
	       packed_field(p, '\n', l->repaid, sizeof l->repaid) && packed_day(l->repaid, true);
}

/* Walks the records of a packed column: members (to me) or loans (to le). */
static nct_err walk(const char *packed, club_member_each *me, club_loan_each *le, void *arg)
{
	const char *p = packed ? packed : "";
	nct_err e = NCT_OK;
	while (!e && *p) {
		struct club_member_fact m;
		struct club_loan_fact l;
		if (me ? !member_decode(&p, &m) : !loan_decode(&p, &l))
			return NCT_ERR_DB;
		e = me ? me(&m, arg) : le(&l, arg);
	}
	return e;
}

nct_err club_facts_members(const char *packed, club_member_each *each, void *arg)
{
	return walk(packed, each, NULL, arg);
}

nct_err club_facts_loans(const char *packed, club_loan_each *each, void *arg)
{
	return walk(packed, NULL, each, arg);
}

/* ---- packing: only what decodes back the same ---- */

/* Appends a text column as a field ending in end: false when it would not
 * decode back (NULL, too long, or holding a separator). */
static bool pack_text(struct buf *b, const char *s, size_t cap, char end)
{
	if (!packed_fits(s, cap))
		return false;
	buf_adds(b, s);
	buf_addc(b, end);
	return true;
}

/* Whether a date column is a day, or NULL where NULL is allowed (an empty
 * text is neither: the tables' reading would not take it for NULL). */
static bool day_col(const char *s, bool may_be_null)
{
	return s ? packed_day(s, false) : may_be_null;
}

static bool pack_member(struct db_stmt *st, struct buf *b)
{
	const char *joined = db_col_text(st, 3), *left = db_col_text(st, 4);
	int64_t hardship = db_col_int(st, 2);
	if (hardship < 0 || hardship > 0xffff || !day_col(joined, false) || !day_col(left, true))
		return false;
	buf_printf(b, "%lld;", (long long)db_col_int(st, 0));
	if (!pack_text(b, db_col_text(st, 1), 2, ';'))
		return false;
	buf_printf(b, "%lld;%s;%s;", (long long)hardship, joined, left ? left : "");
	return pack_text(b, db_col_text(st, 5), DATE_LEN, '\n');
}

static bool pack_loan(struct db_stmt *st, struct buf *b)
{
	const char *out = db_col_text(st, 1), *off = db_col_text(st, 2), *back = db_col_text(st, 3);
	if (!day_col(out, false) || !day_col(off, true) || !day_col(back, true))
		return false;
	buf_printf(b, "%lld;%s;%s;%s\n", (long long)db_col_int(st, 0), out, off ? off : "",
	           back ? back : "");
	return true;
}

/* Packs the rows of a club's query (bound to the club) into b; *ok false when
 * one of them cannot be packed. */
static nct_err pack(struct db_stmt *st, bool (*one)(struct db_stmt *, struct buf *), struct buf *b,
                    bool *ok)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		if (*ok && !one(st, b))
			*ok = false;
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

nct_err club_facts_refresh(struct db *db, int64_t club_id)
{
	static const char members_sql[] =
	    "SELECT x.person_id, p.sex, p.hardship, x.joined_on, x.left_on, p.birth"
	    " FROM memberships x JOIN persons p ON p.id = x.person_id WHERE x.club_id = ?"
	    " ORDER BY x.id";
	static const char loans_sql[] = "SELECT person_id, disbursed_on, written_off_on, repaid_on"
	                                " FROM loans WHERE club_id = ? ORDER BY id";
	static const char put_sql[] =
	    "INSERT INTO club_facts (club_id, members, loans) VALUES (?, ?, ?)"
	    " ON CONFLICT (club_id) DO UPDATE SET members = excluded.members,"
	    " loans = excluded.loans";
	static const char drop_sql[] = "DELETE FROM club_facts WHERE club_id = ?";
	struct buf members, loans;
	bool ok = true;
	buf_init(&members, CLUB_FACTS_MAX);
	buf_init(&loans, CLUB_FACTS_MAX);
	buf_adds(&members, "");
	buf_adds(&loans, "");
	/* PostgreSQL: a second writer of the club waits here, then reads what the
	 * first committed, so its row holds both writes (SQLite: one writer). */
	nct_err e = db_lock_row(db, "clubs", club_id);
	if (!e)
		e = pack(DB_PREPARE(db, members_sql, DB_I(club_id)), pack_member, &members, &ok);
	if (!e)
		e = pack(DB_PREPARE(db, loans_sql, DB_I(club_id)), pack_loan, &loans, &ok);
	ok = ok && !buf_failed(&members) && !buf_failed(&loans);
	if (!e && ok)
		e = db_run(DB_PREPARE(db, put_sql, DB_I(club_id), DB_T(buf_str(&members)),
		                      DB_T(buf_str(&loans))));
	else if (!e) /* read from the tables, as a store before 0021 */
		e = db_run(DB_PREPARE(db, drop_sql, DB_I(club_id)));
	buf_free(&members);
	buf_free(&loans);
	return e;
}

nct_err club_facts_after(struct db *db, int64_t club_id, nct_err e)
{
	return e ? e : club_facts_refresh(db, club_id);
}

static int id_row(struct db_stmt *st, void *row, void *arg)
{
	(void)arg;
	*(int64_t *)row = db_col_int(st, 0);
	return DB_KEEP;
}

/* Refreshes the club of each id the statement (prepared and bound) gives. */
static nct_err refresh_each(struct db *db, struct db_stmt *st)
{
	struct vec ids;
	vec_init(&ids, sizeof(int64_t), CLUB_FACTS_CLUBS_MAX);
	nct_err e = db_rows(st, &ids, id_row, NULL);
	for (size_t i = 0; !e && i < ids.n; i++)
		e = club_facts_refresh(db, *vec_at(&ids, int64_t, i));
	vec_free(&ids);
	return e;
}

nct_err club_facts_refresh_person(struct db *db, int64_t person_id)
{
	static const char sql[] = "SELECT club_id FROM memberships WHERE person_id = ?"
	                          " UNION SELECT club_id FROM loans WHERE person_id = ? ORDER BY 1";
	return refresh_each(db, DB_PREPARE(db, sql, DB_I(person_id), DB_I(person_id)));
}

nct_err club_facts_fill(struct db *db, bool every)
{
	static const char sql[] =
	    "SELECT c.id FROM clubs c WHERE CAST(? AS INTEGER) = 1 OR NOT EXISTS"
	    " (SELECT 1 FROM club_facts f WHERE f.club_id = c.id) ORDER BY c.id";
	return refresh_each(db, DB_PREPARE(db, sql, DB_I(every)));
}

nct_err club_facts_upgrade(struct db *db)
{
	nct_err e = db_begin(db);
	if (e)
		return e;
	e = club_facts_fill(db, false);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

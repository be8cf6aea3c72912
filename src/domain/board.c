#include "board.h"

#include <stdio.h>
#include <string.h>

#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "rows.h"
#include "check.h"
#include "club.h"
#include "ctx.h"

const char *const board_roles[] = {"chair", "vice_chair", "treasurer", NULL};

/* Whether the person is a member of the club on the day. */
static nct_err member_on(struct ctx *x, int64_t club_id, int64_t person_id, const char *day,
                         bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ? AND"
	                          " person_id = ? AND joined_on <= ? AND (left_on IS NULL OR"
	                          " left_on > ?)";
	struct db_stmt *st =
	    DB_PREPARE(x->db, sql, DB_I(club_id), DB_I(person_id), DB_T(day), DB_T(day));
	return db_any(st, yes);
}

/* The role and the term: from the founding, not in the future; an end after
 * the start; a member on the first day. */
static nct_err board_check(struct ctx *x, const struct club *c, const struct board_new *in,
                           struct refusal *rf)
{
	struct date from, to;
	bool member = false;
	nct_err e = check_one_of(in->role, board_roles, "role", rf);
	if (!e)
		e = check_club_date(c, in->term_from, "term_from", &from, rf);
	if (!e && in->term_to && !(e = check_date(in->term_to, "term_to", &to, rf)) &&
	    date_cmp(to, from) <= 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_AFTER, "term_to", "dd", in->term_to,
		           in->term_from);
	if (!e)
		e = member_on(x, c->id, in->person_id, in->term_from, &member);
	if (!e && !member)
		e = refuse(rf, NCT_ERR_INVALID, RF_NOT_MEMBER_ON, "person_id", "d", in->term_from);
	return e;
}

static nct_err board_write(struct ctx *x, const struct club *c, const struct board_new *in)
{
	static const char sql[] = "INSERT INTO club_board (club_id, person_id, role, term_from,"
	                          " term_to) VALUES (?,?,?,?,?)";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(c->id), DB_I(in->person_id),
	                                DB_T(in->role), DB_T(in->term_from), DB_T(in->term_to));
	nct_err e = db_run(st);
	char nj[200];
	snprintf(nj, sizeof nj, "{\"person\":%lld,\"role\":\"%s\",\"term_from\":\"%s\"}",
	         (long long)in->person_id, in->role, in->term_from);
	return e ? e : audit_write(x, "create", "club_board", c->code, NULL, nj);
}

nct_err club_board_add(struct ctx *x, const struct club *c, const struct board_new *in,
                       struct refusal *rf)
{
	struct person p;
	nct_err e = access_club_person(x, c, in->person_id, "person_id", &p, rf);
	if (!e)
		e = board_check(x, c, in, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, board_write(x, c, in));
}

nct_err club_board_on(struct ctx *x, const struct club *c, struct date on, struct board_seat **out,
                      size_t *n)
{
	static const char sql[] =
	    "SELECT b.role, b.term_from, b.term_to, p.id, p.full_name FROM club_board b"
	    " JOIN persons p ON p.id = b.person_id WHERE b.club_id = ? AND b.term_from <= ?"
	    " AND (b.term_to IS NULL OR b.term_to >= ?) ORDER BY b.role, b.term_from DESC";
	char day[DATE_LEN];
	struct vec v;
	*out = NULL;
	*n = 0;
	if (access_club(x, c, ACCESS_SEE))
		return NCT_ERR_DENIED;
	date_format(on, day);
	vec_init(&v, sizeof **out, BOARD_SEATS_MAX);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(c->id), DB_T(day), DB_T(day));
	nct_err e = db_rows_of(st, &v, &seat_cols);
	if (e == NCT_ERR_TOOBIG) /* the first seats are shown, as ever */
		e = NCT_OK;
	*out = vec_result(&v, e, n);
	return e;
}

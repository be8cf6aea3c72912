#include "access.h"

#include "../store/db.h"
#include "club.h"
#include "ctx.h"
#include "person.h"

bool access_changes(const struct ctx *x)
{
	return x->role == ROLE_ADMIN || x->role == ROLE_PROVINCE || x->role == ROLE_DISTRICT ||
	       x->role == ROLE_COMMUNE;
}

bool access_sensitive(const struct ctx *x)
{
	return x->role == ROLE_ADMIN || x->role == ROLE_PROVINCE || x->role == ROLE_DISTRICT ||
	       x->role == ROLE_COMMUNE;
}

bool access_place(const struct ctx *x, const char *place_path, enum access a)
{
	if (a == ACCESS_SEE)
		return scope_sees(&x->scope, place_path);
	return access_changes(x) && scope_contains(&x->scope, place_path);
}

nct_err access_club(const struct ctx *x, const struct club *c, enum access a)
{
	bool ok;
	if (x->role == ROLE_CLUB)
		ok = a != ACCESS_ASSESS && x->club_id && c->id == x->club_id;
	else if (a == ACCESS_SEE)
		ok = scope_contains(&x->scope, c->place_path);
	else
		ok = access_place(x, c->place_path, ACCESS_CHANGE);
	return ok ? NCT_OK : NCT_ERR_DENIED;
}

nct_err access_club_person(struct ctx *x, const struct club *c, int64_t person_id,
                           const char *field, struct person *out, struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	return person_seen(x, person_id, field, out, rf);
}

int64_t access_confined_club(const struct ctx *x)
{
	return x->role == ROLE_CLUB ? x->club_id : 0;
}

bool access_lists_person(const struct ctx *x, const struct person *p)
{
	return x->role != ROLE_CLUB && scope_contains(&x->scope, p->place_path);
}

/* Whether the person is or was a member of the club. */
static nct_err member_of(struct ctx *x, int64_t club_id, int64_t person_id, bool *yes)
{
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ?"
	                          " AND person_id = ?";
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(club_id), DB_I(person_id));
	return db_any(st, yes);
}

/* A row reader that only notes whether a club's place lies in the scope. */
struct in_scope {
	const struct scope *sc;
	bool yes;
};

static int club_in_scope(struct db_stmt *st, void *row, void *arg)
{
	struct in_scope *s = arg;
	const char *path = db_col_text(st, 0);
	(void)row;
	s->yes = s->yes || (path && scope_contains(s->sc, path));
	return DB_SKIP;
}

/* Whether the person is or was a member of a club x sees (not as a club user). */
static nct_err member_of_seen_club(struct ctx *x, int64_t person_id, bool *yes)
{
	static const char sql[] =
	    "SELECT pl.path FROM memberships m JOIN clubs c ON c.id = m.club_id"
	    " JOIN places pl ON pl.id = c.place_id WHERE m.person_id = ?";
	struct in_scope s = {&x->scope, false};
	struct vec none;
	vec_init(&none, 1, 1);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(person_id));
	nct_err e = db_rows(st, &none, club_in_scope, &s);
	vec_free(&none);
	*yes = s.yes;
	return e;
}

/* A club user sees and changes its club's members, past and present, and may
 * record someone about to join it who lives in its scope. */
static nct_err club_user_person(struct ctx *x, const struct person *p, bool *yes)
{
	*yes = !p->id && scope_contains(&x->scope, p->place_path);
	return p->id && x->club_id ? member_of(x, x->club_id, p->id, yes) : NCT_OK;
}

nct_err access_person(struct ctx *x, const struct person *p, enum access a)
{
	bool yes = false;
	nct_err e = NCT_OK;
	if (x->role == ROLE_ADMIN)
		return NCT_OK;
	if (a == ACCESS_SENSITIVE)
		yes = access_sensitive(x) && scope_contains(&x->scope, p->place_path);
	else if (x->role == ROLE_CLUB)
		e = club_user_person(x, p, &yes);
	else if (a != ACCESS_SEE)
		yes = access_place(x, p->place_path, ACCESS_CHANGE);
	else if (!(yes = scope_contains(&x->scope, p->place_path)) && p->id)
		e = member_of_seen_club(x, p->id, &yes);
	if (e)
		return e;
	return yes ? NCT_OK : NCT_ERR_DENIED;
}

nct_err access_admin(const struct ctx *x)
{
	return x->role == ROLE_ADMIN ? NCT_OK : NCT_ERR_DENIED;
}

/* access.h - who may see or change what: the one place that decides, for
 * places, clubs and people. The domain's own reads and writes ask it (club_get,
 * person_get and place_get refuse what x may not see; every write asks for
 * ACCESS_CHANGE before any other check), so no handler can forget; web only
 * maps NCT_ERR_DENIED to 403.
 *
 * The rules (roles: user.h; scopes: place.h):
 *   admin        sees and changes everything (the command line acts as one);
 *   province, district, commune officers
 *                see and change what lies in their scope (their unit's
 *                subtree and the units it was formed from), and assess clubs;
 *   department, viewer
 *                see their scope and change nothing;
 *   club         (bound to one club by users.club_id) sees and changes its own
 *                club only, with its members.
 * Every role sees the map of its scope and the units above it.
 * A person is seen when they live in the scope, or are (or were) a member of a
 * club x sees; changed when they live in the scope of an officer, or are (or
 * were) a member of the club user's own club (a person not yet recorded: when
 * they will live in the club user's scope).
 * Rules of the past do not differ: a scope holds both trees of the map, and a
 * membership counts whenever it was. */
#ifndef NCT_ACCESS_H
#define NCT_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/err.h"
#include "refusal.h"

struct ctx;
struct club;
struct person;

enum access {
	ACCESS_SEE,
	ACCESS_CHANGE,
	ACCESS_ASSESS, /* the yearly assessment of a club: officers above it, not the club */
	/* a person's sensitive data and what decides their entitlements, read or
	 * written: health, decisions, the export, facts, death, gifts, merges. Only
	 * the roles with the sensitive-data right (access_sensitive), and only for
	 * a person whose residence lies in x's scope: a person seen through a club
	 * (a member living elsewhere) is seen without them (docs/security.md). */
	ACCESS_SENSITIVE,
};

/* Whether x may see (or change, or assess what lies at) the place at
 * place_path. */
bool access_place(const struct ctx *x, const char *place_path, enum access a);

/* Whether x's role may change anything of places, clubs and people at all
 * (admins and officers): what a page asks before it offers a form. */
bool access_changes(const struct ctx *x);

/* NCT_OK when x may do a with the club c, else NCT_ERR_DENIED. */
nct_err access_club(const struct ctx *x, const struct club *c, enum access a);

/* NCT_OK when x may do a with the person p (id 0: one about to be recorded,
 * living at p->place_path), else NCT_ERR_DENIED; a store error when the
 * memberships could not be read. ACCESS_ASSESS is ACCESS_CHANGE. */
nct_err access_person(struct ctx *x, const struct person *p, enum access a);

/* The first checks of a change to club c that names a person by the id given
 * in field: that x may change c (RF_DENIED), then that x sees the person
 * (person_seen: RF_NO_SUCH_PERSON, RF_PERSON_OUTSIDE), into out. Every change
 * that names a person begins here, so a refusal never names someone x may not
 * see. */
nct_err access_club_person(struct ctx *x, const struct club *c, int64_t person_id,
                           const char *field, struct person *out, struct refusal *rf);

/* The club x is confined to (a club user's own), or 0: lists of people made
 * for a club user are of that club's members, past and present. */
int64_t access_confined_club(const struct ctx *x);

/* Whether a list of people made for x (not confined to a club) keeps p: the
 * people living in x's scope. A person seen only through a club (a member
 * living elsewhere) is reached through that club's members, not by search. */
bool access_lists_person(const struct ctx *x, const struct person *p);

/* Whether x's role may see (and, where it may change the person, record) a
 * person's sensitive data: ethnicity, disability, health (Decree 13/2023; the
 * Law on Personal Data Protection 2025). Those who keep the register and
 * decide on allowances need them: admins and the province, district and
 * commune officers. Department users, viewers and club users do not: they see
 * people without those fields (docs/security.md). Every view of them is
 * audited by the domain (person_sensitive_viewed). */
bool access_sensitive(const struct ctx *x);

/* NCT_OK for an administrator (the command line is one), else NCT_ERR_DENIED:
 * organisations, users, dated rules, activity lists, the audit. */
nct_err access_admin(const struct ctx *x);

#endif

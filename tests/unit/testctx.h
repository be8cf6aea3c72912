/* testctx.h - contexts for the tests of the domain: the system (what the
 * command line is), and a user of a role bound to a place and a club. */
#ifndef NCT_TESTCTX_H
#define NCT_TESTCTX_H

#include <stdio.h>

#include "domain/ctx.h"

/* u acts as a user of role bound to place_id (0: none) and club_id (0: none). */
static inline void testctx_user(struct ctx *u, struct db *db, enum role role, int64_t place_id,
                                int64_t club_id)
{
	struct user who = {.role = role, .place_id = place_id, .club_id = club_id};
	snprintf(who.username, sizeof who.username, "test.%s", role_name(role));
	ctx_system(u, db, "test");
	assert_int_equal(ctx_bind_user(u, &who), NCT_OK);
}

#endif

/* page_club_admin.h - managing a club: name and kind, status, board. */
#ifndef NCT_PAGE_CLUB_ADMIN_H
#define NCT_PAGE_CLUB_ADMIN_H

#include "../domain/club.h"
#include "request.h"

/* The management forms of the club page, for users who may change the club;
 * m[0..n) are its memberships (the board is chosen among current members). */
void club_admin_section(struct req *r, const struct club *c, const struct member *m, size_t n);

/* POST /clubs/{code}/edit and PUT /api/v1/clubs/{code}: name, kind. */
void club_edit(struct req *r);
/* POST /clubs/{code}/status and /api/v1/clubs/{code}/status: status, since, note. */
void club_status(struct req *r);
/* POST /clubs/{code}/board and /api/v1/clubs/{code}/board: person, role, term_from, term_to. */
void club_board(struct req *r);
/* GET /api/v1/clubs/{code}/board?date= */
void api_club_board(struct req *r);

#endif

/* routes.h - the handlers the route table (routes.c) maps requests to. */
#ifndef NCT_ROUTES_H
#define NCT_ROUTES_H

#include "request.h"

#define SESSION_COOKIE "nct_session"
#define LANG_COOKIE    "nct_lang"

/* page_auth.c */
void page_login_form(struct req *r);
void page_login(struct req *r);
void page_logout(struct req *r);
void page_password_form(struct req *r);
void page_password(struct req *r);
void page_lang(struct req *r);
/* page_home.c */
void page_home(struct req *r);
/* page_places.c */
void page_places(struct req *r);
void page_place(struct req *r);
void page_village_add(struct req *r);
/* page_clubs.c, page_club.c */
void page_clubs(struct req *r);
void page_club_add(struct req *r);
void page_club(struct req *r);
void page_member_add(struct req *r);
void page_member_end(struct req *r);
/* api_clubs.c */
void api_clubs(struct req *r);
void api_club_create(struct req *r);
void api_club(struct req *r);
void api_club_composition(struct req *r);
void api_club_members(struct req *r);
void api_club_member_add(struct req *r);
void api_persons(struct req *r);
void api_composition_rule(struct req *r);
void api_composition_rule_add(struct req *r);
/* page_fund.c */
void page_funds(struct req *r);
void page_ledger_add(struct req *r);
void page_ledger_reverse(struct req *r);
void page_loan_add(struct req *r);
void page_loan(struct req *r);
void page_loan_repay(struct req *r);
void page_loan_write_off(struct req *r);
/* api_fund.c */
void api_club_ledger(struct req *r);
void api_club_ledger_add(struct req *r);
void api_club_loans(struct req *r);
void api_club_loan_add(struct req *r);
void api_club_loan(struct req *r);
void api_club_loan_repay(struct req *r);
void api_club_loan_write_off(struct req *r);
void api_club_portfolio(struct req *r);
/* page_programme.c */
void page_programme(struct req *r);
void api_indicators_clubs(struct req *r);
/* page_orgs.c */
void page_orgs(struct req *r);
void page_org_add(struct req *r);
/* page_admin.c */
void page_users(struct req *r);
void page_user_add(struct req *r);
void page_user_disable(struct req *r);
void page_audit(struct req *r);
/* api.c */
void api_session_create(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_places(struct req *r);
void api_place(struct req *r);
void api_orgs(struct req *r);
void api_audit(struct req *r);
/* static.c */
void static_asset(struct req *r);
void health(struct req *r);

struct audit_filter;
/* Reads ?entity=&user=&action=&from=&to=&before= ; false when malformed. */
bool audit_filter_from(const struct req *r, struct audit_filter *f);

/* Sets the session cookie (token NULL: clears it). */
void set_session_cookie(struct req *r, const char *token);

#endif

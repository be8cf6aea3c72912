/* page_decisions.h - monthly allowances on the pages (page_decisions.c): the
 * person page's section (entitlement today and why, decisions, the form that
 * records one) and the admins' page of dated rules and amounts (/rules). */
#ifndef NCT_PAGE_DECISIONS_H
#define NCT_PAGE_DECISIONS_H

#include "../domain/person.h"
#include "request.h"

/* p's allowance today with its why, p's decisions (roles with sensitive data;
 * both reads audited) and, for those who may decide on p, the form that
 * records a decision (?rule= and ?action= choose its allowance and kind, as a
 * work-list line opens it). which 'd': the form came back refused. */
void person_allowance_section(struct req *r, const struct person *p, char which);

void page_person_decision(struct req *r); /* POST /persons/{}/decisions */
void page_rules(struct req *r);           /* GET /rules?date= (admins) */
void page_rule_level_add(struct req *r);  /* POST /rules/levels (admins) */
void page_rule_add(struct req *r);        /* POST /rules/allowances (admins) */

#endif

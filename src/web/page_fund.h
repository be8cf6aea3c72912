/* page_fund.h - the sections of the club page about its funds and loans. The
 * pages and form handlers of page_fund.c are declared in routes.h. */
#ifndef NCT_PAGE_FUND_H
#define NCT_PAGE_FUND_H

#include <stdbool.h>
#include "../base/date.h"
#include "../domain/club.h"
#include "request.h"

/* "Quỹ": both balances at the end of `on`, the ledger up to `on` (newest
 * first, with a button to reverse an entry when edit), and, when edit, the
 * form to record an entry. */
void club_fund_section(struct req *r, const struct club *c, bool edit, struct date on);

/* "Cho vay": the portfolio on `on`, the loans with their state on `on`, and,
 * when edit, the form to disburse a loan to a current member. */
void club_loan_section(struct req *r, const struct club *c, bool edit, struct date on);

#endif

/* page_fund.h - the sections of the club page about its funds and loans., and the pages
 * and form handlers of page_fund.c. */
#ifndef NCT_PAGE_FUND_H
#define NCT_PAGE_FUND_H

#include <stdbool.h>
#include "../base/date.h"
#include "../domain/club.h"
#include "request.h"

/* "Quỹ": both balances at the end of `on`, the ledger up to `on` (newest
 * first, with a link to reverse an entry, through a step that asks to
 * confirm it, when edit), and, when edit, the
 * form to record an entry. */
void club_fund_section(struct req *r, const struct club *c, bool edit, struct date on);

/* "Cho vay": the portfolio on `on`, the loans with their state on `on`, and,
 * when edit, the form to disburse a loan to a current member. */
void club_loan_section(struct req *r, const struct club *c, bool edit, struct date on);

/* The club page's summary: both balances and the loans' main figures on `on`,
 * each with a link to the funds page, where the ledger, the loans and their
 * forms are. */
void club_funds_summary(struct req *r, const struct club *c, struct date on);

void page_funds(struct req *r);               /* GET /clubs/{}/funds */
void page_ledger_add(struct req *r);          /* POST /clubs/{}/ledger */
void page_ledger_reverse_form(struct req *r); /* GET /clubs/{}/ledger/{}/reverse: confirm */
void page_ledger_reverse(struct req *r);      /* POST /clubs/{}/ledger/{}/reverse */
void page_loan_add(struct req *r);            /* POST /clubs/{}/loans */
void page_loan(struct req *r);                /* GET /clubs/{}/loans/{} */
void page_loan_repay(struct req *r);          /* POST /clubs/{}/loans/{}/repayments */
void page_loan_write_off(struct req *r);      /* POST /clubs/{}/loans/{}/write-off */

#endif

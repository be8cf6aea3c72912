/* api_fund.h - a club's funds and loans as JSON (api_fund.c). */
#ifndef NCT_API_FUND_H
#define NCT_API_FUND_H

#include "request.h"

void api_club_ledger(struct req *r);          /* GET /api/v1/clubs/{}/ledger */
void api_club_ledger_add(struct req *r);      /* POST /api/v1/clubs/{}/ledger */
void api_club_ledger_reversal(struct req *r); /* GET /api/v1/clubs/{}/ledger/{}/reversal */
void api_club_loans(struct req *r);           /* GET /api/v1/clubs/{}/loans */
void api_club_loan_add(struct req *r);        /* POST /api/v1/clubs/{}/loans */
void api_club_loan(struct req *r);            /* GET /api/v1/clubs/{}/loans/{} */
void api_club_loan_repay(struct req *r);      /* POST /api/v1/clubs/{}/loans/{}/repayments */
void api_club_loan_write_off(struct req *r);  /* POST /api/v1/clubs/{}/loans/{}/write-off */
void api_club_portfolio(struct req *r);       /* GET /api/v1/clubs/{}/portfolio */

#endif

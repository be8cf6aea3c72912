/* page_payments.h - the monthly payment list of a place (issue 9): the API
 * (JSON, or the XLSX the post office is given), the printable page to sign,
 * and a month's payment signed for. */
#ifndef NCT_PAGE_PAYMENTS_H
#define NCT_PAGE_PAYMENTS_H

#include "request.h"

void api_payments(struct req *r);        /* GET /api/v1/payments?place=&month=[&format=xlsx] */
void api_payment_receipt(struct req *r); /* POST /api/v1/payments/receipts */
void page_payments(struct req *r);       /* GET /payments?place=&month= */

#endif

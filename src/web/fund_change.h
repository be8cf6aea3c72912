/* fund_change.h - the changes a request makes to a club's funds: the inputs
 * read alike from a page's form and from an API's JSON body, and the one
 * domain call each makes. page_fund.c and api_fund.c answer differently (a
 * page again or a redirect, JSON), never parse differently.
 *
 * An input is the JSON body's value of that name, else the form's (or the
 * query's): a page posts amounts as people write them ("50.000.000"), the API
 * may send JSON integers. Each change asks first whether the user may change
 * the club (a refusal, 403, before any input is judged); a value that cannot
 * be read (an amount, a rate) is refused about its field. Every refusal is in
 * r->rf. */
#ifndef NCT_FUND_CHANGE_H
#define NCT_FUND_CHANGE_H

#include <stdint.h>
#include "../domain/club.h"
#include "request.h"

/* An entry: fund, kind, on, amount, support, override, note; with kind
 * "correction", the reversal of the entry "reverses" (as
 * fund_change_reversal). *id is the new entry. */
nct_err fund_change_entry(struct req *r, const struct club *c, int64_t *id);

/* The reversal of entry_id: on (default today), override, note. */
nct_err fund_change_reversal(struct req *r, const struct club *c, int64_t entry_id, int64_t *id);

/* A loan: person_id, principal, disbursed_on, term_months, frequency, rate_bp
 * (a JSON integer) or rate (per cent as text), purpose, override, note. */
nct_err fund_change_loan(struct req *r, const struct club *c, int64_t *id);

/* A repayment of loan_id: on, principal, interest (either may be absent: 0). */
nct_err fund_change_repayment(struct req *r, const struct club *c, int64_t loan_id, int64_t *id);

/* The write-off of loan_id: on, note (the reason). */
nct_err fund_change_write_off(struct req *r, const struct club *c, int64_t loan_id);

/* The id in the route's second part (…/loans/{id}, …/ledger/{id}): digits,
 * more than 0; else 0, which no row has. */
int64_t fund_route_id(const struct req *r);

#endif

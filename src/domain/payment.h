/* payment.h - the monthly payment list of a place (issue 9): everyone a
 * decision of the place pays that month (the decision in force for the month
 * is a grant or an adjustment), how much (the allowance's base in force on the
 * 1st of the month times its coefficient: a new standard level pays from its
 * month without new decisions), the category, paid through the post office or
 * in cash, signed for or not; totals by category. */
#ifndef NCT_PAYMENT_H
#define NCT_PAYMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "decision.h"
#include "ent_country.h"
#include "refusal.h"

struct ctx;

#define PAYMENT_MAX        2000000 /* lines of one list: a country's recipients fit */
#define PAYMENT_TOTALS_MAX 64      /* categories one list totals */

struct payment_line {
	int64_t person_id;
	char full_name[128];
	char birth[DATE_LEN];
	char citizen_id[16];
	char place_code[24]; /* the residence on the 1st of the month */
	char place_name[128];
	char rule[32];
	char kind[20]; /* social_allowance, social_pension */
	int coefficient;
	int64_t amount;
	char channel[8];
	char decision[DECISION_NUMBER_MAX + 1];
	char died_on[DATE_LEN];     /* "" alive: a death before the month's end is flagged */
	char received_on[DATE_LEN]; /* signed for on; "" not yet */
};

struct payment_total {
	char rule[32];
	char kind[20];
	size_t people;
	int64_t amount;
};

struct payment_list {
	char place[24];
	char place_name[128];
	char month[MONTH_LEN];
	struct payment_line *lines; /* by name: the whole list, or a page of it */
	size_t n;
	size_t people; /* lines of the whole list */
	size_t beyond; /* a page: lines of the list after its cursor */
	int64_t next;  /* a page: the person to ask the next page after, 0 at the last */
	int64_t prev;  /* a page: the person to ask the previous page before, 0 at the first */
	size_t first;  /* a page: where its first line stands in the whole list (0: first) */
	struct payment_total totals[PAYMENT_TOTALS_MAX]; /* by category code */
	size_t ntotals;
	int64_t total;
	size_t post, cash, signed_for;
};

/* The list of the place with code for month ("YYYY-MM" or "mm/yyyy"): the
 * people whose decision in force that month was made in the place's territory
 * (not merged away), each once. Officers with sensitive data whose scope holds the place
 * (RF_PLACE_OUTSIDE, RF_SENSITIVE), RF_NO_PLACE, RF_MONTH_FORMAT. Audited as a view. */
nct_err payment_list(struct ctx *x, const char *place, const char *month, struct payment_list *out,
                     struct refusal *rf);
/* The list's lines as they come, in its order (by name), each to fn (an
 * error of fn ends the walk and is returned); out gets the place, month,
 * totals and counts (n: the lines handed), no lines. The same checks and
 * audit as payment_list; memory is a line's, whatever the place's size. */
typedef nct_err (*payment_fn)(void *arg, const struct payment_line *l);
nct_err payment_list_each(struct ctx *x, const char *place, const char *month, payment_fn fn,
                          void *arg, struct payment_list *out, struct refusal *rf);
/* A page of the list by name: up to limit lines (1..) after the line of
 * person after (0: from the first); totals, people and counts are the whole
 * list's; next and prev name the persons to ask the pages around it by.
 * Memory is a page's, whatever the place's size. RF_NO_SUCH_PERSON (field
 * "after" or "before") for a cursor that names no person. */
struct payment_page {
	int64_t after;
	size_t limit;
	int64_t before; /* not 0: the limit lines just before this person's (a page back) */
};
nct_err payment_list_page(struct ctx *x, const char *place, const char *month,
                          const struct payment_page *page, struct payment_list *out,
                          struct refusal *rf);
void payment_list_free(struct payment_list *l);

/* The country's list for month (ent_country.h): the n provinces of codes
 * (ent_country_provinces) worked over the nx contexts xs side by side, each
 * as payment_list_each (its checks and audit row); out gets place
 * ENT_COUNTRY named "Việt Nam", the month, and the provinces' totals and counts
 * summed (totals by category code). fn, when not NULL, gets each line with
 * its province's index in codes, from the workers' threads: a province's
 * lines in its order, one province's from one thread at a time, the
 * provinces in no order (the caller joins them by index). */
typedef nct_err (*payment_country_fn)(void *arg, size_t province, const struct payment_line *l);
nct_err payment_country(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                        size_t n, const char *month, payment_country_fn fn, void *arg,
                        struct payment_list *out, struct refusal *rf);

/* The per-person answer: the line of the payment list for month of the person
 * with id (x sees them, with sensitive data), *paid false when no decision
 * pays them that month; read with the person's own queries and made by the
 * same function as payment_list's lines. Not audited: for checking the list
 * (test_entitlement compares the two for every person of a place). */
nct_err payment_line_of(struct ctx *x, int64_t person_id, const char *month, struct payment_line *l,
                        bool *paid, struct refusal *rf);

/* Records that the person signed for the month's payment on the day (a
 * person x may decide on, paid that month: RF_NOT_RECEIVING), audited;
 * RF_TAKEN when already signed for; RF_MERGED for a merged-away record. */
nct_err payment_receipt_add(struct ctx *x, int64_t person_id, const char *month,
                            const char *received_on, struct refusal *rf);

#endif

/* api_health.h - health cards, check-ups, chronic conditions and longevity
 * celebrations in the API (docs/api.md, "Health" and "Longevity celebrations"). */
#ifndef NCT_API_HEALTH_H
#define NCT_API_HEALTH_H

#include "../domain/health.h"
#include "../domain/longevity.h"
#include "request.h"

/* The place (code or name) and date of a list's query: place NULL when not
 * asked. False when refused (r->rf set, the nct_err in *e). */
nct_err health_query(struct req *r, struct place *pl, bool *has_place, struct date *on);
/* The year of a celebrations query: this year when not given. */
nct_err celebration_query(struct req *r, struct place *pl, bool *has_place, int *year);

/* A page of a list: page (from 1) and per_page (1 to LIST_PAGE_MAX; when not
 * given, *limit as the caller set it: LIST_PAGE_DEFAULT for the API,
 * LIST_PAGE_SHOWN for a page, which a phone must scroll and the browser draw)
 * into *offset and *limit; refused RF_NUMBER_RANGE. */
#define LIST_PAGE_DEFAULT 1000
#define LIST_PAGE_SHOWN   100
#define LIST_PAGE_MAX     5000
nct_err list_page(struct req *r, size_t *offset, size_t *limit);

/* The page of celebrations a query asks (celebration_query, then list_page,
 * *limit as the caller set it when per_page is not given): the year and place
 * asked, the page in *v (*n of them) and the count of the whole list in *total. */
nct_err celebrations_asked(struct req *r, size_t *offset, size_t *limit, struct place *pl,
                           bool *has_place, int *year, struct celebration **v, size_t *n,
                           int64_t *total);

/* A correction of person_id's record old of kind, its new fields read by
 * field (the JSON body's or the form's): the new record's id in *id. */
typedef const char *(*health_field_fn)(const struct req *r, const char *name);
nct_err health_correct_read(struct req *r, int64_t person_id, int kind, int64_t old,
                            const char *reason, health_field_fn field, int64_t *id);

/* The expiring_within of a health list's query (0 to HEALTH_EXPIRING_MAX, 30
 * when not given); refused RF_NUMBER_RANGE. */
nct_err health_days(struct req *r, int *days);

/* When the query asks format=csv|xlsx: answers the health list it names
 * (without_card=1: the older people without a valid card; else the cards
 * expiring within expiring_within days), whole, as that file, the export
 * audited (health_list_exported), and returns true; false when no format was
 * asked. Another format: 400 not_one_of. */
bool health_list_file(struct req *r);

/* Answers e, the failure of a list file (its partial file dropped): a
 * refusal (invalid, denied, not found) as r->rf says, NCT_ERR_BUSY
 * (too many big list files being built at once, list_file.h) as 503 with
 * Retry-After, NCT_ERR_TOOBIG as 413 saying to filter by place, others as
 * the domain's. */
void resp_list_file_failed(struct req *r, nct_err e);

void api_person_health(struct req *r);   /* GET /api/v1/persons/{}/health */
void api_health_card_add(struct req *r); /* POST /api/v1/persons/{}/health-cards */
void api_checkup_add(struct req *r);     /* POST /api/v1/persons/{}/check-ups */
void api_condition_add(struct req *r);   /* POST /api/v1/persons/{}/conditions */
/* POST /api/v1/persons/{}/health/{cards|check-ups|conditions}/{}/correct:
 * the record's fields and "reason" → 201 {"id", "replaces"}. */
void api_health_correct(struct req *r);
/* POST …/retract {"reason"} → 200 {"retracted"}. */
void api_health_retract(struct req *r);
void api_health_cards(struct req *r);      /* GET /api/v1/health-cards */
void api_celebrations(struct req *r);      /* GET /api/v1/celebrations */
void api_celebration_given(struct req *r); /* PUT /api/v1/persons/{}/celebrations/{} */

#endif

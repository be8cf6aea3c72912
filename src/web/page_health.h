/* page_health.h - health and longevity on the pages (page_health.c): the
 * person page's health and celebration sections and their forms, the lists of
 * expiring cards and of older people without a card (/health-cards), and the
 * printable list of a year's longevity celebrations (/celebrations, with
 * .csv and .xlsx). */
#ifndef NCT_PAGE_HEALTH_H
#define NCT_PAGE_HEALTH_H

#include "../domain/person.h"
#include "request.h"

/* The sections of p's page: cards, check-ups and conditions (roles with
 * sensitive data; the view audited) with the forms that record them, and p's
 * celebrations with the form that records a gift given. which: the form that
 * came back refused ('h' card, 'k' check-up, 'c' condition, 'g' gift), or 0. */
void person_health_sections(struct req *r, const struct person *p, char which);

/* Links between the register's lists: /persons, /health-cards (expiring, without
 * a card), /celebrations. */
void register_list_links(struct req *r);

void page_person_card(struct req *r);      /* POST /persons/{}/health-cards */
void page_person_checkup(struct req *r);   /* POST /persons/{}/check-ups */
void page_person_condition(struct req *r); /* POST /persons/{}/conditions */
void page_person_given(struct req *r);     /* POST /persons/{}/celebrations */
/* GET and POST /persons/{}/health/{cards|check-ups|conditions}/{}/correct and
 * …/retract: the record shown, the correction's form (prefilled) or the
 * retraction's, a reason required; back to the person page once written. */
void page_health_correct_form(struct req *r);
void page_health_correct(struct req *r);
void page_health_retract_form(struct req *r);
void page_health_retract(struct req *r);
void page_health_cards(struct req *r);        /* GET /health-cards */
void page_celebrations(struct req *r);        /* GET /celebrations */
void export_celebrations_csv(struct req *r);  /* GET /celebrations.csv */
void export_celebrations_xlsx(struct req *r); /* GET /celebrations.xlsx */

#endif

/* page_persons.h - Người cao tuổi: the register's list with its search and
 * filters, a person's page, the forms that add, correct and record facts
 * (page_persons.c). */
#ifndef NCT_PAGE_PERSONS_H
#define NCT_PAGE_PERSONS_H

#include "../domain/access.h"
#include "../domain/place.h"
#include "../domain/register.h"
#include "request.h"

void page_persons(struct req *r);     /* GET /persons */
void page_person_add(struct req *r);  /* POST /persons */
void page_person(struct req *r);      /* GET /persons/{} */
void page_person_edit(struct req *r); /* POST /persons/{}/edit */
void page_person_fact(struct req *r); /* POST /persons/{}/facts */
/* GET /persons/{}/facts/{}/retract: the record and the reason asked, to confirm */
void page_fact_retract_form(struct req *r);
void page_fact_retract(struct req *r); /* POST /persons/{}/facts/{}/retract */
/* GET /persons/{}/merge?duplicate=ID: both records side by side, to confirm */
void page_person_merge_form(struct req *r);
void page_person_merge(struct req *r); /* POST /persons/{}/merge */

/* After a refused form of p's page: the page again with the refusal beside
 * the field (which: the form, as person_health_sections takes it), or the
 * refusal alone when it names no field. */
void person_page_refused(struct req *r, nct_err e, const struct person *p, char which);

/* A link to the person's page, named by their full name. */
void person_link(struct req *r, const struct person *p);
/* A birth as people write it: dd/mm/yyyy, mm/yyyy or yyyy. */
void birth_text(struct req *r, struct birth b);

/* Whether the person page offers r's user a form that writes to p with
 * access a: p is no tombstone and access_person says yes, the same question
 * the write asks (ACCESS_SENSITIVE for facts, deaths, merges, gifts), so no
 * form is shown that would answer 403. */
bool person_may(struct req *r, const struct person *p, enum access a);
/* After a saved form: back to p's page at anchor ("#cards"), saying what was saved. */
void person_page_saved(struct req *r, int64_t id, const char *anchor, const char *saved);

/* The list's filters from the query (q, place, age_from, age_to, sex,
 * ethnicity, poverty, date, page, per_page; per_page at most
 * REGISTER_PAGE_MAX, default limit), shared with GET /api/v1/persons. pl holds
 * the place a filter names. A refusal is in r->rf. */
nct_err persons_filter(struct req *r, struct register_filter *f, struct place *pl, size_t limit);

#endif

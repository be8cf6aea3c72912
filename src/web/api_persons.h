/* api_persons.h - /api/v1/persons (the register), /api/v1/ethnic-groups and
 * /api/v1/place-designations. */
#ifndef NCT_API_PERSONS_H
#define NCT_API_PERSONS_H

#include <jansson.h>
#include "../domain/person.h"
#include "request.h"

/* A person as the API shows it (no sensitive field), its age on `on`. */
json_t *person_json(const struct person *p, struct date on);
json_t *persons_json(const struct person *v, size_t n, struct date on);

void api_persons(struct req *r);
void api_person_create(struct req *r);
void api_person(struct req *r);
void api_person_update(struct req *r);
void api_person_facts(struct req *r);
void api_person_fact_add(struct req *r);
void api_person_fact_retract(struct req *r);
void api_person_merge(struct req *r);
void api_person_export(struct req *r);
void api_ethnic_groups(struct req *r);
void api_designations(struct req *r);
void api_designation_add(struct req *r);

#endif

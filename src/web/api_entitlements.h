/* api_entitlements.h - the allowances a person is owed, and the rules they
 * come from, under /api/v1 (docs/entitlements.md): the "why" of each
 * allowance as a sentence a commune officer reads, in Vietnamese or English,
 * which the command line prints too. */
#ifndef NCT_API_ENTITLEMENTS_H
#define NCT_API_ENTITLEMENTS_H

#include <jansson.h>
#include <stddef.h>
#include "../domain/decision.h"
#include "../domain/entitlement.h"
#include "request.h"

/* Why a qualifies: "80 tuổi từ 01/03/2024, hộ nghèo, không có người phụng
 * dưỡng: hệ số 2,0 × 500.000 đ" (lang "en": English), into out. */
void entitlement_why(const struct allowance *a, const struct ent_input *in, const char *lang,
                     char *out, size_t cap);

/* "2,0" (vi) or "2.0" (en) for a coefficient in hundredths (out >= 16). */
void coefficient_text(int hundredths, const char *lang, char out[16]);

/* {"date","amount","dead","applies":{…}|null,"eligible":[…],"combination"}. */
json_t *entitlement_json(const struct entitlement *e, const char *lang);

json_t *decision_json(const struct decision *d);

void api_person_decisions(struct req *r);     /* GET /api/v1/persons/{}/decisions */
void api_person_decision_add(struct req *r);  /* POST /api/v1/persons/{}/decisions */
void api_person_entitlements(struct req *r);  /* GET /api/v1/persons/{}/entitlements */
void api_allowance_rules(struct req *r);      /* GET /api/v1/allowance-rules */
void api_allowance_rule_add(struct req *r);   /* POST /api/v1/allowance-rules */
void api_assistance_level_add(struct req *r); /* POST /api/v1/assistance-levels */

#endif

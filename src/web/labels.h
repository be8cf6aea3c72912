/* labels.h - the words for the codes the domain keeps (club kinds, statuses,
 * board roles, organisation kinds, place levels, user roles, hardship flags,
 * assessment grades, activity areas)
 * and the composition's advice, in Vietnamese or English. The domain keeps the
 * codes and their rules; what people read is said here. An unknown code is
 * shown as it is. */
#ifndef NCT_LABELS_H
#define NCT_LABELS_H

#include <stddef.h>
#include "../domain/activity.h"
#include "../domain/composition.h"
#include "../domain/person.h"
#include "../domain/user.h"

/* A person as a list to choose from shows them: the name with the birth year and
 * the place of residence, so that two "Nguyễn Thị Đào" can be told apart
 * ("Nguyễn Thị Đào (1950, Thôn 2)"). */
void label_person_choice(const struct person *p, char *out, size_t cap);

const char *label_club_kind(const char *kind, const char *lang);
const char *label_club_status(const char *status, const char *lang);
const char *label_board_role(const char *role, const char *lang);
const char *label_org_kind(const char *kind, const char *lang);
const char *label_place_level(int level, const char *lang);
const char *label_role(enum role r, const char *lang);
/* An assessment's grade (assessment_grades[]). */
const char *label_grade(const char *grade, const char *lang);
/* The name of the list's area of that code, or the code when it has none. */
const char *label_area(const struct activity_list *l, const char *code, const char *lang);

/* A fact's kind and value (person_fact.h), a designation's kind, a sex. */
const char *label_fact_kind(const char *kind, const char *lang);
const char *label_fact_value(const char *value, const char *lang);
const char *label_designation_kind(const char *kind, const char *lang);
const char *label_sex(char sex, const char *lang);

/* The names of the hardship flags set in bits, joined by ", ", into out. */
void label_hardship(unsigned bits, const char *lang, char *out, size_t cap);

/* c's plan to come within its rule ("thay 8 thành viên nam cao tuổi bằng nữ cao
 * tuổi; thêm 2 nữ trẻ tuổi", "replace 8 older men with older women; add 2
 * younger women"), "" when within or when no plan exists (c->plan.found says
 * which); at most cap bytes, whole items. */
void label_advice(const struct composition *c, const char *lang, char *out, size_t cap);

/* The JSON name of a kind of member (enum cell): "women_older", ... */
const char *label_cell(int cell);

/* Funds and loans: a fund (fund_codes), a ledger entry's kind
 * (entry_kind_name), a loan's status (loan_statuses) and frequency (loan_freqs). */
const char *label_fund(const char *fund, const char *lang);
const char *label_entry_kind(const char *kind, const char *lang);
const char *label_loan_status(const char *status, const char *lang);
const char *label_loan_freq(const char *freq, const char *lang);

/* The audit log: an action ("create", "override", ...) and an entity
 * ("ledger_entry", ...); a code not listed is shown as it is. */
const char *label_audit_action(const char *action, const char *lang);
const char *label_audit_entity(const char *entity, const char *lang);

#endif

/* longevity.h - longevity celebrations (issue 8, item 6; docs/register.md,
 * "Longevity celebrations"). In a year, older people are congratulated at
 * the ages the rules list - 70, 75, 80, 85, 90, 95, 100 and every year over
 * 100 - with a gift; who congratulates (the President at 100, the provincial
 * chairman at 90, the commune otherwise: Law on the Elderly 2009, art. 21)
 * and the gift (Circular 96/2018's minimums, and provinces' own levels) are
 * dated rows of data/longevity-gifts.csv, copied into the store by nct init,
 * never constants here.
 *
 * The age of a celebration is the year minus the year of birth (the birth
 * year is enough: the celebration is for the year, at Tết). The rules are
 * those in force on 1 January of the year; a province's row wins over the
 * national one for the same age. Someone who died before 1 January of the
 * year is not on the list. */
#ifndef NCT_LONGEVITY_H
#define NCT_LONGEVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "person.h"
#include "place.h"
#include "refusal.h"

struct ctx;

#define GIFT_RULES_MAX       1000
#define CELEBRATION_LIST_MAX 200000
#define CELEBRATION_YEAR_MIN 2000
#define CELEBRATION_YEAR_MAX 2100
#define CELEBRATION_AGES_MAX 12 /* distinct exact ages the rules of a year name */

/* Who congratulates, as the data names them, NULL-terminated. */
extern const char *const congratulators[];

/* Who congratulates and the gift, as one person's celebration carries it. */
struct gift {
	char scope[8]; /* the rule's: "VN" or a province's code */
	char congratulated_by[12];
	int64_t cash; /* đồng; -1 when the rule leaves it to the province */
	int64_t in_kind;
	char in_kind_description[200];
	bool is_minimum;
};

struct gift_rule {
	struct gift gift;
	int age_from;
	int age_to; /* exclusive; -1: every age from age_from on */
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN]; /* "": still in force */
	char legal_basis[400];
};

/* Whether rule applies to age on the day (pure). */
bool gift_rule_applies(const struct gift_rule *r, int age, struct date on);

/* The rule for someone of age whose residence lies in province (its code), on
 * the day, among rules: the province's own row first, else the national
 * (scope "VN") one; NULL when neither lists the age (pure). */
const struct gift_rule *gift_rule_for(const struct gift_rule *rules, size_t n, const char *province,
                                      int age, struct date on);

/* Every rule in force on the day. *out malloc'd. */
nct_err gift_rules_on(struct ctx *x, struct date on, struct gift_rule **out, size_t *n);

/* Replaces the rules with rows (nct init, from data/longevity-gifts.csv),
 * inside the caller's unit. */
nct_err gift_rules_replace(struct ctx *x, const struct gift_rule *rows, size_t n);

struct celebration {
	struct person person;
	int year;
	int age;
	struct gift gift; /* of the rule that applies */
	bool given;
	char given_on[DATE_LEN];
};

/* The celebrations of year in pl's area today (area_of, health.h: the
 * communes in force under it and the units they were formed from, in x's
 * scope, as residences are today's places; pl NULL: all x sees), oldest first
 * (each age commune by commune in the register's order). RF_NUMBER_RANGE ("year"),
 * RF_PLACE_OUTSIDE. A club user lists nothing (NCT_ERR_DENIED). *out malloc'd. */
nct_err celebrations_list(struct ctx *x, const struct place *pl, int year, struct celebration **out,
                          size_t *n, struct refusal *rf);

/* One page of the same list: the celebrations from `offset`, at most `limit`
 * of them (at most CELEBRATION_LIST_MAX), and in *total how many the whole
 * list holds. The page is cut in SQL and the total counted by count queries
 * (one per age and subtree), so a province's first page reads only its own
 * rows; an age that only some provinces' rules name is read whole and tried
 * row by row. celebrations_list is the page from 0 of CELEBRATION_LIST_MAX,
 * NCT_ERR_TOOBIG when the list holds more. */
nct_err celebrations_page(struct ctx *x, const struct place *pl, int year, size_t offset,
                          size_t limit, struct celebration **out, size_t *n, int64_t *total,
                          struct refusal *rf);

/* p's celebration of year: NCT_ERR_NOTFOUND when p is not celebrated then
 * (no rule for the age, or died before the year). */
nct_err celebration_of(struct ctx *x, const struct person *p, int year, struct celebration *out);

/* Records that p's gift of year was given (on given_on, dd/mm/yyyy or ISO, not
 * in the future; NULL or "": today), or, given false, that it was not (the
 * record removed). x changes p. RF_NOT_CELEBRATED ("year"), RF_DAY_FORMAT,
 * RF_DATE_IN_FUTURE ("given_on"). Audited "celebration_given" or
 * "celebration_not_given". */
nct_err celebration_set_given(struct ctx *x, int64_t person_id, int year, bool given,
                              const char *given_on, struct refusal *rf);

/* The audit row of a celebrations list exported (format "csv" or "xlsx"). */
nct_err celebrations_exported(struct ctx *x, const char *place, int year, const char *format,
                              size_t rows);

#endif

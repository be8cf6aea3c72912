/* entitlement.h - who is owed which monthly allowance on any day, and why
 * (issue 9; docs/entitlements.md).
 *
 * The rules are dated data (migration 0011): the amounts (standard
 * social-assistance level, social-pension amount, a province's top-up, for the
 * country or a province) and the allowances of older people as conditions
 * (Decree 20/2021 art. 5.5 and 5.6, the social pension of the Law on Social
 * Insurance 2024 art. 21 and Decree 176/2025), loaded by nct init from
 * data/social-assistance-levels.csv and data/allowance-rules.csv and added to
 * by admins. No amount, age or coefficient is written in code: the engine
 * reads the rows in force on the date asked.
 *
 * The engine (entitlement_eval) is a pure function of the rules and what is
 * known of the person on the date (their facts, person_fact.h; the
 * designation of their commune, designation.h): every allowance they qualify
 * for, with amount, coefficient, base and rule, the one that applies (the
 * highest: a person eligible for several monthly allowances gets one, the
 * highest), and the day each began. A condition on a fact that was never
 * recorded is not met: the engine says yes only on what the register says. */
#ifndef NCT_ENTITLEMENT_H
#define NCT_ENTITLEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/birth.h"
#include "../base/date.h"
#include "../base/err.h"
#include "refusal.h"

struct ctx;

#define RULE_CODE_MAX   32
#define RULE_TEXT_MAX   2000 /* legal basis, article text, source, verification */
#define RULEBOOK_MAX    1000 /* rows of either table the engine reads */
#define ENTITLEMENT_MAX 24   /* allowances one person can qualify for on a day */
#define PROVINCES_MAX   4    /* province codes a residence counts for (before and after 2025) */

/* The kinds of amounts and of rules, NULL-terminated. */
extern const char *const level_kinds[];
extern const char *const rule_kinds[];
/* The values a rule's base and conditions take (rule_add checks them). */
extern const char *const rule_bases[], *const rule_poverties[], *const rule_supporters[],
                                                                    *const rule_pensions[],
                                                                        *const rule_disabilities[],
                                                                            *const rule_any_yes[];

struct assistance_level {
	int64_t id;
	char kind[24]; /* standard_level, social_pension_amount, social_pension_topup */
	char scope[8]; /* "VN", or a province's code */
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN]; /* the last day; "": open */
	int64_t amount;          /* đồng a month */
	char legal_basis[RULE_TEXT_MAX];
	char source[RULE_TEXT_MAX];
	char verification[RULE_TEXT_MAX];
};

struct allowance_rule {
	int64_t id;
	char code[RULE_CODE_MAX];
	char kind[20]; /* social_allowance, social_pension, combination */
	char valid_from[DATE_LEN];
	char valid_to[DATE_LEN];
	char base[24];       /* standard_level, social_pension_amount; "" for a combination */
	int coefficient;     /* hundredths: 150 is 1,5 */
	int age_from;        /* inclusive ("từ đủ"); -1: none */
	int age_to;          /* exclusive ("đến dưới"); -1: none */
	char poverty[20];    /* any, poor, poor_or_near_poor */
	char supporter[24];  /* any, none, none_or_on_allowance */
	char pension[24];    /* any, none, none_or_below_amount */
	char disability[20]; /* any, severe, extremely_severe */
	char especially_difficult[8]; /* any, yes */
	char community_care[8];       /* any, yes */
	char other_conditions[RULE_TEXT_MAX];
	char unless[RULE_CODE_MAX]; /* from other_conditions "not eligible under X*": a prefix */
	bool requires_application;
	char legal_basis[RULE_TEXT_MAX];
	char article_text[RULE_TEXT_MAX];
	char source[RULE_TEXT_MAX];
	char verification[RULE_TEXT_MAX];
};

/* Every row of both tables, read once: the engine picks those in force. */
struct rulebook {
	struct assistance_level *levels;
	size_t nlevels;
	struct allowance_rule *rules;
	size_t nrules;
};

nct_err rulebook_load(struct ctx *x, struct rulebook *out);
void rulebook_free(struct rulebook *rb);
/* Whether a row dated [from, to] ("" to: open) is in force on day (ISO). */
bool rule_in_force(const char *from, const char *to, const char *day);

/* A new amount (admins only: RF_ADMIN_ONLY), audited. Text fields as people
 * type them: dates dd/mm/yyyy or ISO, the amount in đồng ("500.000").
 * Refusals: RF_NOT_ONE_OF (kind), RF_LEVEL_SCOPE (not VN nor a province's
 * code), RF_DAY_FORMAT, RF_NOT_AFTER, RF_AMOUNT, RF_TEXT_*, RF_TAKEN (the same
 * kind, scope and start). */
struct level_new {
	const char *kind, *scope, *valid_from, *valid_to, *amount, *legal_basis, *source,
	    *verification;
};
nct_err level_add(struct ctx *x, const struct level_new *in, int64_t *id, struct refusal *rf);

/* A new rule (admins only), audited: the columns of data/allowance-rules.csv
 * as text (coefficient "1.5" or "1,5"; ages whole years; "" for none).
 * Refusals: RF_NOT_ONE_OF (kind, base and each condition), RF_RULE_CODE,
 * RF_RULE_COEFFICIENT, RF_RULE_AGE, RF_DAY_FORMAT, RF_NOT_AFTER, RF_TEXT_*,
 * RF_TAKEN (the same code and start). */
struct rule_new {
	const char *code, *kind, *valid_from, *valid_to, *base, *coefficient, *age_from, *age_to,
	    *poverty, *supporter, *pension, *disability, *especially_difficult, *community_care,
	    *other_conditions, *requires_application, *legal_basis, *article_text, *source,
	    *verification;
};
nct_err rule_add(struct ctx *x, const struct rule_new *in, int64_t *id, struct refusal *rf);

/* ---- the engine ----------------------------------------------------------- */

/* What is known of a person on the date: the values of their facts ("" when
 * never recorded) and the day each began ("" since before our records). */
struct ent_fact {
	char value[24];
	char from[DATE_LEN];
};
struct ent_input {
	struct birth birth;
	char died_on[DATE_LEN]; /* "" alive */
	struct ent_fact poverty, supporter, pension, disability, community_care, residence;
	int64_t place_id; /* the residence on the date (the record's place before its first) */
	char place_code[24], place_name[128], place_path[96];
	bool pension_amount_known;
	int64_t pension_amount;
	/* The residence's commune (or village) designated especially difficult. */
	bool difficult;
	bool difficult_partial;           /* through a predecessor that gave a part */
	char difficult_from[DATE_LEN];    /* the designation's start */
	char provinces[PROVINCES_MAX][8]; /* the residence's province codes ("" unused) */
};

/* One allowance qualified for. */
struct allowance {
	const struct allowance_rule *rule; /* in the rulebook evaluated */
	int64_t base;                      /* the amount the coefficient multiplies */
	int64_t topup;                     /* a province's top-up of the social pension */
	int64_t amount;                    /* base × coefficient + top-up, đồng a month */
	char since[DATE_LEN];              /* the day the person first met every condition */
	char age_day[DATE_LEN];            /* the birthday of age_from ("" no age bound) */
};

struct entitlement {
	char date[DATE_LEN];
	bool dead; /* died before the date: owed nothing */
	struct allowance eligible[ENTITLEMENT_MAX];
	size_t n;
	int applies;                              /* index into eligible, -1: none */
	int64_t amount;                           /* what applies, 0 when nothing does */
	const struct allowance_rule *combination; /* the rule that says "one, the highest" */
	const struct ent_input *in;               /* what it was evaluated from */
};

/* The pure rule: every allowance of rb in force on `on` whose conditions in
 * meets, each with its amount from the levels in force for in's provinces
 * (a province's level in force wins over the country's when higher), and the
 * highest (ties: the first by code). A person who died before `on` gets
 * nothing. out->in points at in. */
void entitlement_eval(const struct rulebook *rb, const struct ent_input *in, struct date on,
                      struct entitlement *out);

/* Reads what the engine needs of the person with id on the date (their facts,
 * the designation of their residence, its provinces) into in. The person must
 * be one x sees and x a role that may see sensitive data (disability counts):
 * person_seen's refusals, RF_SENSITIVE. */
nct_err entitlement_input(struct ctx *x, int64_t person_id, struct date on, struct ent_input *in,
                          struct refusal *rf);

/* As entitlement_input for p (a person x sees, read by the caller), without
 * the checks and the audit: for lists, which check and audit once. cache
 * (may be NULL; calloc'd by the caller: it is large) keeps what was read of
 * the places met (their designation and provinces on the date), which the
 * next person of the same place reuses. */
#define ENT_CACHE_SLOTS 1024
struct ent_place_slot {
	int64_t place_id; /* 0: empty */
	char day[DATE_LEN];
	bool difficult, partial;
	char from[DATE_LEN];
	char provinces[PROVINCES_MAX][8];
	char code[24], name[128], path[96];
};
struct ent_place_cache {
	struct ent_place_slot slot[ENT_CACHE_SLOTS]; /* by place id, direct-mapped */
};
struct person;
nct_err entitlement_read(struct ctx *x, const struct person *p, struct date on,
                         struct ent_input *in, struct ent_place_cache *cache);

/* As entitlement_read, from the person's facts already read (f[k]: the
 * latest live record of kind k on the date, id 0 where none; what
 * person_facts_latest gives): for the place-wide reads (ent_scan.h). */
struct person_fact;
nct_err entitlement_from_facts(struct ctx *x, const struct person *p, const struct person_fact *f,
                               struct date on, struct ent_input *in, struct ent_place_cache *cache);

/* What the allowance with code pays in for a month starting on `on`: the base
 * in force that day times its coefficient, plus a province's top-up of the
 * social pension; 0 when the rule or its base is not in force. */
int64_t rule_amount(const struct rulebook *rb, const char *code, const struct ent_input *in,
                    struct date on, const struct allowance_rule **rule);

/* The first condition of r that in does not meet on `on` ("age", "poverty",
 * "supporter", "pension", "disability", "especially_difficult",
 * "community_care", "rule_ended" when r is not in force), with the day it
 * stopped being met when known (the start of the fact that changed, the day
 * after the rule ended), or NULL when every condition is met. */
const char *rule_unmet(const struct rulebook *rb, const char *code, const struct ent_input *in,
                       struct date on, char since[DATE_LEN]);

#endif

/* person.h - people: one record per human, shared by club membership and (to
 * come) the register of older people. */
#ifndef NCT_PERSON_H
#define NCT_PERSON_H

#include <stddef.h>
#include <stdint.h>
#include "../base/birth.h"
#include "../base/err.h"
#include "audit.h"
#include "place.h"

struct ctx;

struct person {
	int64_t id;
	char full_name[128];
	char sex; /* 'F' or 'M' */
	struct birth birth;
	int64_t place_id;
	char place_code[24];
	char place_name[128];
	char place_path[96];
	unsigned hardship; /* enum hardship bits (composition.h) */
};

struct person_new {
	const char *full_name;
	const char *sex;        /* "F" or "M" (also "nữ", "nam") */
	const char *birth;      /* "1950", "1950-03" or "1950-03-15" */
	const char *place_code; /* a commune or village in force today */
	unsigned hardship;
};

/* Checks a new person without writing anything: NCT_ERR_INVALID, or
 * NCT_ERR_DENIED for a place outside x's scope; msg (Vietnamese) says what is
 * wrong. */
nct_err person_check(struct ctx *x, const struct person_new *in, char *msg, size_t msglen);

/* Checks and writes a person with its audit row (person_check's refusals). */
nct_err person_create(struct ctx *x, const struct person_new *in, int64_t *id, char *msg,
                      size_t msglen);

nct_err person_get(struct ctx *x, int64_t id, struct person *out);

/* People in x's scope whose folded name contains the folded query at a word
 * start, at most limit, by name. *out is malloc'd. */
nct_err person_search(struct ctx *x, const char *query, size_t limit, struct person **out,
                      size_t *n);

/* The person recorded with the same folded name, birth and place as in, among
 * those x sees; *id is 0 when there is none (or in cannot be read). */
nct_err person_find_same(struct ctx *x, const struct person_new *in, int64_t *id);

/* The Vietnamese (or English) names of the hardship flags set in bits, joined
 * by ", ", into out. */
void hardship_names(unsigned bits, const char *lang, char *out, size_t cap);

/* Parses "nu"/"F"/"nữ" and "nam"/"M"; 0 when neither. */
char sex_parse(const char *s);

#endif

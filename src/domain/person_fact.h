/* person_fact.h - what changes in a person's life, as dated records (issue 8,
 * point 2): residence, household poverty, disability, a supporter, a pension,
 * community care. A fact is a record with a start date, never an edit: the
 * value on any date is the latest record on or before it (ties: the later
 * record), leaving out the records retracted. A wrong record is corrected by a
 * newer one, or retracted by a record of its own; both are audited.
 *
 * The rules of allowances (issue 9) read these: person_fact_on for one kind on
 * a date, person_facts_on for all kinds. Disability is sensitive
 * (access_sensitive): person_facts_on and person_fact_history withhold it from
 * roles without access and audit its view for the others; person_fact_on
 * leaves the audit to its caller (a rule that reads it shows it only through
 * a page or answer that audits). */
#ifndef NCT_PERSON_FACT_H
#define NCT_PERSON_FACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "place.h"
#include "refusal.h"

struct ctx;
struct person;

enum fact_kind {
	FACT_RESIDENCE,
	FACT_POVERTY,        /* poor, near_poor, none */
	FACT_DISABILITY,     /* none, mild, severe, extremely_severe: sensitive */
	FACT_SUPPORTER,      /* yes: someone is obliged and able to support them */
	FACT_PENSION,        /* yes (with the monthly amount when known) or no */
	FACT_COMMUNITY_CARE, /* yes: cared for by a household in the community */
	FACT_KINDS
};

/* The kinds' codes in enum order, NULL-terminated. */
extern const char *const fact_kinds[];
/* The values a kind takes, NULL-terminated; NULL for residence (a place's code)
 * and for an unknown kind. */
const char *const *fact_values(const char *kind);
/* The kind's index, or -1. */
int fact_kind_index(const char *kind);
/* Whether the kind is sensitive data (disability). */
bool fact_sensitive(const char *kind);

#define FACT_NOTE_MAX    500
#define FACT_HISTORY_MAX 10000 /* records of one person one list returns */

struct person_fact {
	int64_t id;
	int64_t person_id;
	char kind[16];
	char value[24];   /* residence: the place's code */
	int64_t place_id; /* residence: the place */
	char place_name[TEXT_BYTES(PLACE_NAME_MAX)];
	bool has_amount;     /* pension: the monthly amount is known */
	int64_t amount;      /* đồng a month */
	char from[DATE_LEN]; /* "": since before our records */
	char note[FACT_NOTE_MAX + 1];
	char created_at[26];
	bool retracted;
	char retract_reason[FACT_NOTE_MAX + 1];
	char retracted_at[26];
};

struct fact_new {
	const char *kind;
	const char *value; /* residence: a commune or village in force on `from` */
	const char *from;  /* dd/mm/yyyy or YYYY-MM-DD, not in the future, not before the birth;
	                      NULL or "": since before our records */
	bool has_amount;   /* pension "yes" only: the monthly amount in đồng */
	int64_t amount;
	const char *note; /* may be NULL */
};

/* Records a fact of the person with id, which x may change (and, for a
 * residence, the new place must be one where x may record people: a move to
 * another commune is recorded by an officer whose scope holds it, or an
 * admin); a disability needs access_sensitive (RF_SENSITIVE). Refusals: the
 * kind and value (RF_NOT_ONE_OF), the date (RF_DAY_FORMAT, RF_DATE_IN_FUTURE,
 * RF_FACT_BEFORE_BIRTH), the place (RF_RESIDENCE_ON, RF_PLACE_OUTSIDE), the
 * amount (RF_FACT_AMOUNT), a tombstone (RF_MERGED). The person's place of
 * residence follows the residence in force today. Audited ("fact"). */
nct_err person_fact_add(struct ctx *x, int64_t person_id, const struct fact_new *in, int64_t *id,
                        struct refusal *rf);

/* Retracts the record fact_id of the person: a record of its own with the
 * reason (required), audited ("retract"); the place of residence follows.
 * RF_NO_SUCH_FACT, RF_FACT_RETRACTED, RF_LAST_RESIDENCE (a person keeps one
 * place of residence: record the right one first). */
nct_err person_fact_retract(struct ctx *x, int64_t person_id, int64_t fact_id, const char *reason,
                            struct refusal *rf);

/* The value of kind for p (a person x sees: person_get) on the date: the
 * latest record on or before it, not retracted. NCT_ERR_NOTFOUND when there is
 * none. No audit (see above). */
nct_err person_fact_on(struct ctx *x, const struct person *p, const char *kind, struct date on,
                       struct person_fact *out);

/* Every kind on the date: f[k].id is 0 where there is none. For a role
 * without access_sensitive the sensitive kinds are left empty and withheld is
 * set; for the others their view is audited. */
struct facts_on {
	struct person_fact f[FACT_KINDS];
	bool withheld;
};
nct_err person_facts_on(struct ctx *x, const struct person *p, struct date on,
                        struct facts_on *out);

/* For the place-wide reads of the rules (ent_scan.c): the columns of a fact
 * record, from person_facts f, and a WHERE clause's condition that keeps the
 * live ones (not retracted); person_fact_from_columns reads a row of them. */
#define PERSON_FACT_SELECT                                                                         \
	"SELECT f.id, f.person_id, f.kind, f.value, f.place_id, pl.name, f.amount, f.valid_from,"  \
	" f.note, f.created_at, r.id, r.reason, r.created_at FROM person_facts f"                  \
	" LEFT JOIN places pl ON pl.id = f.place_id"                                               \
	" LEFT JOIN person_fact_retractions r ON r.fact_id = f.id "
#define PERSON_FACT_LIVE                                                                           \
	" NOT EXISTS (SELECT 1 FROM person_fact_retractions r2 WHERE r2.fact_id = f.id)"
/* The latest first: by date (those since before our records the earliest),
 * of two on one day the later recorded. */
#define PERSON_FACT_LATEST_FIRST " ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC"
/* The id of the residence in force on a day (the '?' it binds) of the person
 * whose id is the column PERSON: the latest live record on or before it. */
#define PERSON_RESIDENCE_ON(PERSON)                                                                \
	"(SELECT f.id FROM person_facts f WHERE f.person_id = " PERSON " AND f.kind = 'residence'" \
	" AND (f.valid_from IS NULL OR f.valid_from <= ?) AND" PERSON_FACT_LIVE                    \
	    PERSON_FACT_LATEST_FIRST " LIMIT 1)"
struct db_stmt;
void person_fact_from_columns(struct db_stmt *st, struct person_fact *f);

/* Every kind's latest live record for the person on the date, in one read
 * (f[k].id is 0 where there is none), sensitive kinds included, without an
 * audit: for the rules (entitlement.c), whose callers check access and audit. */
nct_err person_facts_latest(struct ctx *x, int64_t person_id, struct date on,
                            struct person_fact f[FACT_KINDS]);

/* Every record of p, retracted ones too, by date (those since before our
 * records first) then as recorded; sensitive kinds as person_facts_on. *out
 * is malloc'd. */
nct_err person_fact_history(struct ctx *x, const struct person *p, struct person_fact **out,
                            size_t *n, bool *withheld);

/* The place a residence names: a commune or village in force on `on`, where
 * x may record people. RF_RESIDENCE_ON (field) or NCT_ERR_DENIED
 * (RF_PLACE_OUTSIDE). */
nct_err fact_residence_place(struct ctx *x, const char *code, struct date on, const char *field,
                             struct place *out, struct refusal *rf);

/* Inside a unit: the person's place of residence becomes that of the
 * residence in force today (unchanged when every residence starts later). */
nct_err person_residence_follow(struct ctx *x, int64_t person_id);

/* For person.c, inside its unit: the first residences of n new persons, in
 * multi-row statements; row gives the i-th person, its place and the day it
 * starts ("" or NULL: before the record). */
typedef void fact_residence_fn(size_t i, void *arg, int64_t *person_id, const struct place **pl,
                               const char **from);
nct_err fact_insert_residences(struct ctx *x, size_t n, fact_residence_fn *row, void *arg);

#endif

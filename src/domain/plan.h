/* plan.h - plans as data (docs/plans.md): a document's header, its areas of
 * work and duties with their items (the bullets: lead and co-operating units,
 * deadline), read from tables and edited one item at a time. Importing and
 * exporting the whole plan file is plan_doc.h; reporting lines are
 * obligation.h.
 *
 * Every logged-in user may read plans (they are public documents of the
 * province). Changing one (its items) is for administrators and the province's
 * officers whose scope holds the issuer's place (access_plan); so is making
 * one from its header (access_plan_issuer). */
#ifndef NCT_PLAN_H
#define NCT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "../base/text.h"
#include "access.h"
#include "refusal.h"

struct ctx;
struct json_t;

#define PLAN_SLUG_LEN 64
#ifndef PLAN_CODE_LEN
#define PLAN_CODE_LEN 32 /* as indicator.h: plan_targets.plan */
#endif
#define PLAN_TITLE_LEN 640
#define PLAN_LIST_MAX  1000
#define PLAN_ITEMS_MAX 2000 /* items of one plan, areas and duties together */
#define PLAN_TEXT_MAX  4000 /* bytes of an item's text */
#define PLAN_UNITS_MAX 40   /* lead (or co-operating) units of one item */
#define ORG_CODE_LEN   32

struct plan {
	int64_t id;
	char slug[PLAN_SLUG_LEN]; /* the file's id: "327-kh-ubnd" */
	char code[PLAN_CODE_LEN]; /* "327/KH-UBND"; "" when the number is blank */
	char key[PLAN_SLUG_LEN];  /* code, else slug: what plan_targets.plan names */
	char title[PLAN_TITLE_LEN];
	char title_en[PLAN_TITLE_LEN];
	char issuer[ORG_CODE_LEN];
	char issuer_name[TEXT_BYTES(190)]; /* as struct org (ORG_NAME_MAX characters) */
	char issuer_path[96];              /* the issuer's place; "" for a body the store lacks */
	int64_t issuer_id;   /* the issuing body's organisation; 0 when the store lacks it */
	char date[DATE_LEN]; /* YYYY-MM-DD, or YYYY-MM when the day is blank */
	char effective_from[DATE_LEN], effective_to[DATE_LEN];
	int areas, items; /* plan_list only: areas of work and their items */
};

/* The day a plan's targets' places are taken as of (plan_targets.place_on): the
 * plan's date, its first day when the day is blank ("2024-01" → "2024-01-01").
 * Codes of places recur across the reforms, so a target's place is its code as
 * of that day. */
void plan_place_on(const char *plan_date, char out[DATE_LEN]);

/* A plan by its slug or its code ("327/KH-UBND"). NCT_ERR_NOTFOUND. */
nct_err plan_get(struct ctx *x, const char *slug_or_code, struct plan *out);
nct_err plan_by_id(struct ctx *x, int64_t id, struct plan *out);
/* Every plan, newest first. *out is malloc'd; free() it. */
nct_err plan_list(struct ctx *x, struct plan **out, size_t *n);

/* NCT_OK when x may change the plan p (its header, areas, items, reporting
 * lines), else NCT_ERR_DENIED: administrators, users of the issuing office
 * (bound to the issuer's organisation, viewers excepted), and province
 * officers whose scope holds the issuer's place. */
nct_err access_plan(const struct ctx *x, const struct plan *p);
/* True when x may make plans at all (the form is offered): administrators and
 * province officers. */
bool plan_may_create(const struct ctx *x);
/* NCT_OK when x may change a plan issued by the organisation of this code (as
 * access_plan would then allow it): so make one (with plan_may_create), or give
 * a plan that issuer. NCT_ERR_DENIED; NCT_ERR_NOTFOUND for a code no
 * organisation has (the header's check then says so). */
nct_err access_plan_issuer(struct ctx *x, const char *issuer);

enum section_kind { SECTION_AREA, SECTION_DUTY };

struct plan_section {
	int64_t id;
	enum section_kind kind;
	int position;
	char code[16]; /* "II.1" */
	char heading[512];
	char intro[1024];       /* "" when none */
	char retired[DATE_LEN]; /* retired from this day on; "" in force */
};

/* The areas (kind SECTION_AREA) or duties of plan_id, in order. *out is
 * malloc'd; free() it. */
nct_err plan_sections(struct ctx *x, int64_t plan_id, enum section_kind kind,
                      struct plan_section **out, size_t *n);

struct plan_item {
	int64_t id, section_id;
	enum section_kind section_kind;
	char section_code[16];
	int n; /* its position in its section, from 1 */
	char text[PLAN_TEXT_MAX + 1];
	char deadline[DATE_LEN]; /* due before this day; "" none */
	size_t nlead, ncoop;
	char lead[PLAN_UNITS_MAX][ORG_CODE_LEN];
	char coop[PLAN_UNITS_MAX][ORG_CODE_LEN];
	char targets[8][48]; /* the targets it serves ("T1", "327-kh-ubnd#T1") */
	size_t ntargets;
	/* retired from this day on (the item's, else its area's); "" in force. A
	 * retired item stays in the plan and in the reports made on it; reports of
	 * periods that start on or after the day no longer list it. */
	char retired[DATE_LEN];
};

/* The items of plan_id (kind: areas or duties), by section and position.
 * *out is malloc'd; free() it. */
nct_err plan_items(struct ctx *x, int64_t plan_id, enum section_kind kind, struct plan_item **out,
                   size_t *n);
/* One item of plan_id. NCT_ERR_NOTFOUND when it is not one of the plan's. */
nct_err plan_item_get(struct ctx *x, int64_t plan_id, int64_t item_id, struct plan_item *out);

/* A unit a plan names, with its name: from the store's organisations, else
 * from the plan's own list (national bodies the store has no row for). */
struct plan_unit {
	char code[ORG_CODE_LEN];
	char name[TEXT_BYTES(190)]; /* an organisation's: ORG_NAME_MAX characters */
};
/* Every unit plan_id's items, reporting lines and issuer name, by code. */
nct_err plan_units(struct ctx *x, int64_t plan_id, struct plan_unit **out, size_t *n);

/* The entry of the list of a plan document whose key is value (text), borrowed
 * from doc, or NULL. */
struct json_t *plan_doc_entry(const struct json_t *doc, const char *list, const char *key,
                              const char *value);
/* The organisation of a plan document (plan_doc.h) with this code, borrowed
 * from doc, or NULL when the plan lists none. */
const struct json_t *plan_doc_org(const struct json_t *doc, const char *code);

/* An item as a form or the API gives it: codes as text. */
struct plan_item_in {
	const char *section;              /* the area's code ("II.3"): for a new item */
	const char *text;                 /* required, at most PLAN_TEXT_MAX bytes */
	const char *lead[PLAN_UNITS_MAX]; /* codes; nlead of them */
	size_t nlead;
	const char *coop[PLAN_UNITS_MAX];
	size_t ncoop;
	const char *deadline; /* YYYY-MM-DD or NULL/"" for none */
};

/* Adds an item at the end of an area of p (item_id 0), or changes item
 * item_id of p: its text, units and deadline, with the audit row. Each unit
 * must be an organisation of the store or of the plan's list (RF_NO_ORG);
 * when the leads change, the item's lead basis becomes "entered" (a user's,
 * not the document's). Refusals: RF_DENIED, RF_TEXT_LENGTH ("text"), RF_NO_ORG
 * ("lead", "cooperating"), RF_DATE_FORMAT ("deadline"), RF_SECTION_UNKNOWN
 * ("section"), RF_TOO_MANY ("lead", "cooperating"). *id is the item's. */
nct_err plan_item_save(struct ctx *x, const struct plan *p, int64_t item_id,
                       const struct plan_item_in *in, int64_t *id, struct refusal *rf);

/* Retires item item_id of p from day on (YYYY-MM-DD; NULL or "": today in
 * Vietnam), with the audit row: items are never deleted, so the reports that
 * carry one keep it. Refusals: RF_DENIED, RF_ITEM_UNKNOWN, RF_DATE_FORMAT
 * ("retired_on"), RF_ITEM_RETIRED (retired already, on that day). Editing a
 * retired item with plan_item_save is refused RF_ITEM_RETIRED too. */
nct_err plan_item_retire(struct ctx *x, const struct plan *p, int64_t item_id, const char *day,
                         struct refusal *rf);

/* An area of work as a form or the API gives it. */
struct plan_area_in {
	const char *code;    /* "II.7": for a new area; letters, digits and dots */
	const char *heading; /* required */
};
/* Adds an area at the end of p's areas (area_code NULL), or changes the
 * heading of area area_code, with the audit row. Refusals: RF_DENIED,
 * RF_SECTION_UNKNOWN, RF_CODE_FORMAT ("code"), RF_TAKEN ("code"),
 * RF_TEXT_LENGTH ("heading"), RF_ITEM_RETIRED (a retired area). */
nct_err plan_area_save(struct ctx *x, const struct plan *p, const char *area_code,
                       const struct plan_area_in *in, struct refusal *rf);
/* Retires area area_code from day on, and so its items (as plan_item_retire). */
nct_err plan_area_retire(struct ctx *x, const struct plan *p, const char *area_code,
                         const char *day, struct refusal *rf);

/* A plan's header as a form or the API gives it; NULL leaves a field as it is. */
struct plan_header_in {
	const char *code;  /* number and symbol "327/KH-UBND"; "" leaves it blank */
	const char *title; /* Vietnamese; required */
	const char *title_en;
	const char *issuer; /* an organisation code of the store or the plan's list */
	const char *date;   /* YYYY-MM-DD, or YYYY-MM when the day is blank */
	const char *effective_from, *effective_to; /* YYYY-MM-DD */
};
/* Changes p's header, with the audit row (before and after); p is read back.
 * A new code carries the plan's targets (plan_targets) with it, and a new date
 * their places' day (plan_place_on). Refusals:
 * RF_DENIED (also a new issuer outside the user's scope), RF_TEXT_LENGTH /
 * RF_TEXT_CONTROL ("code", "title", "title_en": an English title is required,
 * as in the plan file),
 * RF_TAKEN ("code"), RF_NO_ORG ("issuer"), RF_DATE_FORMAT ("date",
 * "effective_from", "effective_to"), RF_NOT_AFTER ("effective_to"). */
nct_err plan_update(struct ctx *x, struct plan *p, const struct plan_header_in *in,
                    struct refusal *rf);
/* The checks of plan_update on in over p (for a new plan: an empty one, id 0,
 * with every field of in given); doc is the plan's document (its own bodies),
 * or NULL. Nothing is written. */
nct_err plan_header_check(struct ctx *x, const struct plan *p, const struct plan_header_in *in,
                          const struct json_t *doc, struct refusal *rf);

#endif

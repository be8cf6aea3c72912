/* plan_basis.h - a plan's legal bases (docs/plans.md `legal_bases`: the
 * texts it is made under, "Căn cứ", or carries out, "Thực hiện"), read and
 * edited one at a time in the pages and the API. The texts a plan only cites
 * (`references`) stay as its file gives them. */
#ifndef NCT_PLAN_BASIS_H
#define NCT_PLAN_BASIS_H

#include <stddef.h>
#include <stdint.h>

#include "../base/date.h"
#include "../base/err.h"
#include "plan.h"
#include "refusal.h"

struct ctx;

#define PLAN_BASES_MAX 100

struct plan_basis {
	int position;          /* its place in the list, from 1: how the routes name it */
	char relation[16];     /* "basis" (Căn cứ), "implements" (Thực hiện), "cited" */
	char kind[64];         /* Quyết định, Nghị định, Kế hoạch… */
	char number[64];       /* "1336/QĐ-TTg"; "" when the plan gives none */
	char date[DATE_LEN];   /* "" when not given */
	char issuer[256];      /* its issuer as the plan names it; "" none */
	char title[640];       /* its subject; "" none */
	char as_written[1024]; /* the plan's words citing it */
};

/* The legal bases of plan_id, in order. *out is malloc'd; free() it. */
nct_err plan_bases(struct ctx *x, int64_t plan_id, struct plan_basis **out, size_t *n);

/* A basis as a form or the API gives it ("" or NULL: none). */
struct plan_basis_in {
	const char *relation; /* required: "basis", "implements" or "cited" */
	const char *kind;     /* required */
	const char *number, *date, *issuer, *title;
	const char *as_written; /* required */
};

/* Adds a basis at the end of p's (position 0), or changes basis position of p,
 * with the audit row (entity plan_basis, "SLUG#POSITION", before and after).
 * For those access_plan lets change p. Refusals: RF_DENIED, RF_NOT_ONE_OF
 * ("relation"), RF_TEXT_LENGTH / RF_TEXT_CONTROL ("kind", "text_number",
 * "text_issuer", "text_title", "as_written"), RF_DATE_FORMAT ("text_date"), RF_TOO_MANY
 * (more than PLAN_BASES_MAX).
 * *saved is the basis's position. NCT_ERR_NOTFOUND (RF_BASIS_UNKNOWN) for
 * a position p has no basis at. */
nct_err plan_basis_save(struct ctx *x, const struct plan *p, int position,
                        const struct plan_basis_in *in, int *saved, struct refusal *rf);

/* Removes basis position of p, with the audit row (the basis before): a
 * basis is a line of the document, not a record reports carry, so it goes;
 * the others keep their positions. RF_DENIED; NCT_ERR_NOTFOUND (RF_BASIS_UNKNOWN). */
nct_err plan_basis_remove(struct ctx *x, const struct plan *p, int position, struct refusal *rf);

#endif

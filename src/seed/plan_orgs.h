/* plan_orgs.h - the bodies the encoded seed plans define (data/plans/NAME.json,
 * docs/plans.md), and who took over whose duties from when. */
#ifndef NCT_PLAN_ORGS_H
#define NCT_PLAN_ORGS_H

#include <stddef.h>
#include "../base/err.h"

struct ctx;

struct plan_orgs_report {
	int created; /* bodies of origin "plan" written */
	int links;   /* handovers written (org_links) */
};

/* Writes, from the embedded plan files, every organisation of origin "plan"
 * that belongs to a place (the national bodies have none, which the store's
 * organisations need), then every handover ("succeeds") between two bodies
 * the store holds, each with its audit row, in one unit; a body or handover
 * the store has already is left as it is. The demo's own bodies (origin
 * "demo") come first. NCT_ERR_INVALID when a file cannot be read as the format
 * says, or a body or handover is refused; msg (English, one line) says which
 * and why. */
nct_err plan_orgs_load(struct ctx *x, struct plan_orgs_report *r, char *msg, size_t msglen);

#endif

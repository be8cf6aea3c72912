/* place_load.h - the official units of both trees and their lineage, loaded
 * from the reference files embedded in the binary (nct init). */
#ifndef NCT_PLACE_LOAD_H
#define NCT_PLACE_LOAD_H

#include <stddef.h>
#include "../base/err.h"
#include "../domain/ctx.h"

/* What nct init loaded. */
struct place_load_report {
	size_t provinces, districts, communes; /* both trees */
	size_t links;        /* successor links made to new communes (any level) */
	size_t partial;      /* of those, links that carry a part of the old unit */
	size_t text_only;    /* predecessor pieces kept as text */
	size_t old_unlinked; /* old communes that no new commune was formed from */
	size_t new_unlinked; /* new communes formed from no old unit */
};

/* Loads both embedded reference files (before and after the 1 July 2025 reform)
 * when the store has no official places yet, and links each new unit to the
 * old ones it was formed from: by reading its predecessor text (lineage.h),
 * and for the pieces the rules read wrong or not at all (a spelling nothing
 * matches), by the hand-kept table links-by-hand-2025-07-01.csv. Does nothing
 * when official places are there. NCT_ERR_INVALID, with msg saying which line,
 * when an embedded file is malformed, or a hand-kept row names a piece or an
 * old commune that is not there or reads a piece as the rules already do;
 * nothing is loaded then. */
nct_err place_load_reference(struct ctx *x, struct place_load_report *r, char *msg, size_t msglen);

#endif

/* place_load.h - the official units of both trees and their lineage, loaded
 * from the reference files embedded in the binary (nct init). */
#ifndef NCT_PLACE_LOAD_H
#define NCT_PLACE_LOAD_H

#include <stddef.h>
#include "../base/err.h"
#include "../store/db.h"

/* What nct init loaded. */
struct place_load_report {
	size_t provinces, districts, communes; /* both trees */
	size_t links;                          /* successor links made */
	size_t text_only;                      /* predecessor pieces kept as text */
};

/* Loads both embedded reference files (before and after the 1 July 2025 reform)
 * when the store has no official places yet; does nothing otherwise. */
nct_err place_load_reference(struct db *db, struct place_load_report *r, char *msg, size_t msglen);

#endif

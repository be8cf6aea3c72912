/* register_load.h - the reference data of the register, loaded by nct init
 * from the files embedded in the binary: the 54 ethnic groups and their
 * spellings, the citizen-ID prefixes, and the dated designations of
 * especially difficult communes; then the search keys of every person a bulk
 * writer left without them (person_reindex). */
#ifndef NCT_REGISTER_LOAD_H
#define NCT_REGISTER_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../domain/ctx.h"

struct register_load_report {
	size_t ethnic_groups;
	size_t spellings;        /* names and aliases accepted on input */
	size_t spellings_shared; /* spellings two groups share: kept for the first only */
	size_t prefixes;
	size_t designations;     /* rows of especially-difficult-communes.csv */
	size_t designations_new; /* of those, not in the store before */
	int64_t reindexed;       /* persons given their derived columns and search keys */
};

/* Loads (or refreshes) the three files in one unit, then reindexes. Safe to
 * run again: rows already there are kept. NCT_ERR_INVALID with msg naming the
 * file and line when a file is malformed (a designation of a commune code the
 * map does not have on its start date, a kind other than region_III_commune);
 * nothing of the unit is written then. */
nct_err register_load_reference(struct ctx *x, struct register_load_report *r, char *msg,
                                size_t msglen);

#endif

/* register_demo.h - the demo register of older people (issue 8 item 10): the
 * people aged 60 and over of Kon Tum's 102 communes of the old map (now in
 * Quảng Ngãi), drawn from the figures of data/kon-tum-demographics.csv with
 * believable names (data/demo-names.md), for nct init --demo.
 *
 * The demo's club members (gen.c, scale demo) are among them: in each
 * commune of the 2025 map, the members aged 60+ are counted first and only
 * the rest of the commune's older people are drawn. The same seed on the
 * same map gives the same rows whatever day it runs. */
#ifndef NCT_REGISTER_DEMO_H
#define NCT_REGISTER_DEMO_H

#include <stdint.h>
#include "../base/err.h"
#include "../domain/ctx.h"

struct register_demo_report {
	int64_t communes;   /* of the old map, drawn over */
	int64_t older;      /* the register's people aged 60+ on 31/12/2025, members included */
	int64_t members;    /* of them club members already in the store */
	int64_t persons;    /* written here */
	int64_t minority;   /* of those, of an ethnic minority */
	int64_t citizen_id; /* with a citizen ID */
	int64_t poor, near_poor, disabled, pension;
	int64_t facts; /* poverty, disability and pension facts written */
};

/* Writes the register in one unit with one audit row, after the demo's clubs
 * (gen_run, scale demo). NCT_ERR_CONFLICT when it is there already;
 * NCT_ERR_NOTFOUND when the map lacks Kon Tum; msg says what is wrong. The
 * search keys and residence facts are person_reindex's (the caller's) job. */
nct_err register_demo_run(struct ctx *x, uint64_t seed, struct register_demo_report *r, char *msg,
                          size_t msglen);

#endif

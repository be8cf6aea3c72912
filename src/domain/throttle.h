/* throttle.h - login throttling, kept in the store so that every nct process
 * shares it.
 *
 * An attempt is admitted or refused before its password is looked at, and an
 * admitted one is counted as a failure at once, in the same transaction: a
 * burst of parallel guesses cannot slip past the count. A success takes its
 * count back. Two counters are kept: one per name typed and client address
 * (so that nobody elsewhere can lock a user out), and one per address
 * (against one address trying many names). Past a counter's free failures
 * every further attempt waits: THROTTLE_FIRST_DELAY seconds, then twice as
 * long each time, at most THROTTLE_MAX_DELAY. A counter left alone for
 * THROTTLE_FORGET seconds starts again from zero. */
#ifndef NCT_THROTTLE_H
#define NCT_THROTTLE_H

#include <stdint.h>
#include "../base/err.h"

struct ctx;

#define THROTTLE_USER_FREE   5  /* failures of one name from one address */
#define THROTTLE_ADDR_FREE   20 /* failures from one address, any name */
#define THROTTLE_FIRST_DELAY 30
#define THROTTLE_MAX_DELAY   (15 * 60)
#define THROTTLE_FORGET      3600

/* Seconds the next attempt waits after the latest, once failures were
 * counted of which free cost nothing. */
int64_t throttle_delay(int64_t failures, int64_t free);

/* Admits one login attempt with username from x's address at now (unix
 * seconds) and counts it as failed until throttle_succeeded. NCT_ERR_TOOMANY
 * when it must wait: *wait says how many seconds (nothing is counted then).
 * Runs its own transaction: call it outside one. */
nct_err throttle_admit(struct ctx *x, const char *username, int64_t now, int64_t *wait);

/* The admitted attempt succeeded: forgets the (username, address) counter and
 * takes the attempt back from the address's. Runs inside the caller's
 * transaction; also drops counters forgotten long ago, so the table stays
 * small. */
nct_err throttle_succeeded(struct ctx *x, const char *username, int64_t now);

#endif

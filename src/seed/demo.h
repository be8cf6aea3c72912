/* demo.h - the demo store: the bodies the seed plans name, and demo users. */
#ifndef NCT_DEMO_H
#define NCT_DEMO_H

#include "../base/err.h"
#include "../domain/ctx.h"

/* Loads the organisations of the Kon Tum plans and creates the demo users
 * (admin, and one province, district and commune user) with password.
 * Fails with NCT_ERR_CONFLICT when the demo was loaded already. msg says why. */
nct_err demo_load(struct ctx *x, const char *password, char *msg, size_t msglen);

#endif

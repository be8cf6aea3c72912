/* gifts_load.h - the gifts of longevity celebrations (data/longevity-gifts.csv),
 * copied into the store by nct init (longevity.h). */
#ifndef NCT_GIFTS_LOAD_H
#define NCT_GIFTS_LOAD_H

#include <stddef.h>
#include "../base/err.h"
#include "../domain/ctx.h"

/* Replaces the store's rules with the file's rows, in one unit; *rows is how
 * many. NCT_ERR_INVALID with msg naming the line when a row is malformed (an
 * age, a date, a congratulator other than president/province/commune, an
 * amount); nothing is written then. */
nct_err gifts_load_reference(struct ctx *x, size_t *rows, char *msg, size_t msglen);

#endif

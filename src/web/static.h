/* static.h - embedded assets and the health check (static.c). */
#ifndef NCT_STATIC_H
#define NCT_STATIC_H

#include "request.h"

void static_asset(struct req *r); /* GET /static/{} */
void health(struct req *r);       /* GET /healthz */

#endif

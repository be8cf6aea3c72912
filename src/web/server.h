/* server.h - the HTTP server: libmicrohttpd with our limits, router and logs. */
#ifndef NCT_SERVER_H
#define NCT_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "../base/err.h"
#include "clientaddr.h"
#include "request.h"

struct server_options {
	const char *db_uri;
	const char *host; /* "127.0.0.1" */
	unsigned short port;
	size_t threads;          /* worker threads and store connections */
	size_t max_body;         /* bytes */
	size_t max_header;       /* bytes of the request line and headers together */
	size_t max_connections;  /* open at once */
	size_t max_per_ip;       /* open at once from one address */
	unsigned idle_timeout;   /* seconds a silent connection is kept */
	unsigned header_timeout; /* seconds for a request line and headers (conns.h) */
	unsigned body_timeout;   /* seconds for a body, once the headers are in */
	bool secure_cookies;
	struct trusted_proxies trusted; /* whose X-Forwarded-For is believed */
	FILE *access_log;               /* NULL: no access log */
};

void server_options_default(struct server_options *o);

/* Serves until SIGTERM or SIGINT, then lets requests in flight finish and
 * returns NCT_OK. Fails when the store cannot be opened or the port bound;
 * msg says why. */
nct_err server_run(const struct server_options *o, char *msg, size_t msglen);

/* Routes one request (the part of the server tests can call without sockets). */
void router_dispatch(struct req *r);

#endif

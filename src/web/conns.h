/* conns.h - the open connections, for what libmicrohttpd does not do itself:
 *
 * - A cap on connections from one client address (--max-per-ip) that
 *   exempts trusted proxies: behind nginx every client has nginx's address.
 * - Deadlines. libmicrohttpd's --idle-timeout restarts with every byte, so a
 *   client sending a header line every few seconds holds its connection for
 *   ever. Here the request line and headers must be complete within
 *   header_timeout of the moment the server waits for them (the connection
 *   opened, or the previous response was sent), and the body within
 *   body_timeout of the headers. A watchdog thread shuts down (shutdown(2))
 *   the socket of a connection past its deadline; libmicrohttpd then reads
 *   end-of-file and closes it itself. While a request is handled and its
 *   response sent, no deadline runs (the idle timeout still does).
 *
 * server.c calls these from libmicrohttpd's callbacks. A connection's slot is
 * touched only by the thread that serves it, and by the watchdog under the
 * table's lock; a slot is released (under the lock) before libmicrohttpd
 * closes its descriptor, so the watchdog never shuts down a descriptor that
 * was closed and reused. */
#ifndef NCT_CONNS_H
#define NCT_CONNS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include "../base/err.h"
#include "clientaddr.h"

struct conns_limits {
	size_t max_connections;  /* the table's size (libmicrohttpd enforces the cap) */
	size_t max_per_ip;       /* from one address that is not a trusted proxy */
	unsigned header_timeout; /* seconds */
	unsigned body_timeout;   /* seconds */
	const struct trusted_proxies *trusted; /* borrowed; exempt from max_per_ip */
};

struct conns;
struct conn_slot;

/* Makes the table and starts the watchdog. NCT_ERR_NOMEM, or NCT_ERR_IO when
 * the thread cannot start. */
nct_err conns_start(const struct conns_limits *l, struct conns **out);
/* Stops the watchdog and frees the table: after the server has stopped. */
void conns_stop(struct conns *c);

/* Whether a connection from sa may be accepted (the accept policy): a quick
 * check before libmicrohttpd allocates anything. */
bool conns_may_accept(struct conns *c, const struct sockaddr *sa);

/* A connection was accepted on fd: counts it and starts its header deadline.
 * NULL when it is over the per-address cap after all (or the table is full):
 * its socket is shut down then, and libmicrohttpd closes it. */
struct conn_slot *conns_opened(struct conns *c, int fd, const struct sockaddr *sa);
/* The connection is about to be closed: releases its slot. s may be NULL. */
void conns_closed(struct conns *c, struct conn_slot *s);

/* A request's headers are complete: its body deadline starts. */
void conns_headers_done(struct conns *c, struct conn_slot *s);
/* Its body is read: no deadline while it is handled and answered. */
void conns_body_done(struct conn_slot *s);
/* Its response was sent: the next request's header deadline starts. */
void conns_request_done(struct conns *c, struct conn_slot *s);

#endif

/* clientaddr.h - who the client is: the peer of the connection, or, when the
 * peer is a proxy the operator trusts (nct serve --trusted-proxy), the address
 * that proxy says it serves in X-Forwarded-For. The login throttle and the
 * audit use this address; the per-address connection cap exempts trusted
 * proxies (see conns.h). */
#ifndef NCT_CLIENTADDR_H
#define NCT_CLIENTADDR_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define TRUSTED_PROXIES_MAX 16
#define ADDR_TEXT_MAX       INET6_ADDRSTRLEN

/* An IPv4 or IPv6 address; an IPv4-mapped IPv6 address is kept as IPv4. */
struct netaddr {
	int family; /* AF_INET or AF_INET6 */
	unsigned char bytes[16];
};

/* An address, or a network "ADDR/PREFIX". */
struct netrange {
	struct netaddr addr;
	unsigned prefix; /* bits that must match: 32 or 128 for one address */
};

struct trusted_proxies {
	struct netrange r[TRUSTED_PROXIES_MAX];
	size_t n;
};

/* Parses text (len bytes, not NUL-terminated necessarily) as an address.
 * False for anything else: ports, brackets, names, stray spaces. */
bool netaddr_parse(const char *text, size_t len, struct netaddr *out);

/* The address of a socket peer; false for a family other than IPv4/IPv6. */
bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out);

/* The usual text form ("192.0.2.7", "2001:db8::1"). */
void netaddr_format(const struct netaddr *a, char out[ADDR_TEXT_MAX]);

/* Adds "ADDR" or "ADDR/PREFIX" to t. False when it is malformed or t is full. */
bool trusted_add(struct trusted_proxies *t, const char *spec);

bool trusted_contains(const struct trusted_proxies *t, const struct netaddr *a);

/* The client behind peer: peer itself unless it is trusted; else X-Forwarded-For
 * (xff, the header's values joined by commas, or NULL) is read from the right,
 * each proxy appending the address it got the request from, and the first
 * address that is not a trusted proxy is the client's (all trusted: the
 * left-most). Reading stops at anything that is not an address, keeping the
 * last trusted hop: the client cannot choose its address by sending the
 * header itself. */
struct netaddr clientaddr_resolve(const struct trusted_proxies *t, const struct netaddr *peer,
                                  const char *xff);

#endif

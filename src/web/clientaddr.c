#include "clientaddr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static void from_v6(const unsigned char b[16], struct netaddr *out)
{
	memset(out, 0, sizeof *out);
	if (memcmp(b, v4_mapped, sizeof v4_mapped) == 0) {
		out->family = AF_INET;
		memcpy(out->bytes, b + 12, 4);
	} else {
		out->family = AF_INET6;
		memcpy(out->bytes, b, 16);
	}
}

bool netaddr_parse(const char *text, size_t len, struct netaddr *out)
{
	char s[ADDR_TEXT_MAX];
	unsigned char b[16];
	if (len == 0 || len >= sizeof s)
		return false;
	memcpy(s, text, len);
	s[len] = '\0';
	memset(out, 0, sizeof *out);
	if (inet_pton(AF_INET, s, b) == 1) {
		out->family = AF_INET;
		memcpy(out->bytes, b, 4);
		return true;
	}
	if (inet_pton(AF_INET6, s, b) == 1) {
		from_v6(b, out);
		return true;
	}
	return false;
}

bool netaddr_from_sockaddr(const struct sockaddr *sa, struct netaddr *out)
{
	memset(out, 0, sizeof *out);
	if (!sa)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		out->family = AF_INET;
		memcpy(out->bytes, &in->sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		from_v6(in6->sin6_addr.s6_addr, out);
		return true;
	}
	return false;
}

void netaddr_format(const struct netaddr *a, char out[ADDR_TEXT_MAX])
{
	if (!a->family || !inet_ntop(a->family, a->bytes, out, ADDR_TEXT_MAX))
		snprintf(out, ADDR_TEXT_MAX, "?");
}

bool trusted_add(struct trusted_proxies *t, const char *spec)
{
	if (t->n == TRUSTED_PROXIES_MAX)
		return false;
	struct netrange *r = &t->r[t->n];
	const char *slash = strchr(spec, '/');
	size_t len = slash ? (size_t)(slash - spec) : strlen(spec);
	if (!netaddr_parse(spec, len, &r->addr))
		return false;
	unsigned bits = r->addr.family == AF_INET ? 32 : 128;
	r->prefix = bits;
	if (slash) {
		char *end;
		errno = 0;
		unsigned long p = strtoul(slash + 1, &end, 10);
		if (errno || end == slash + 1 || *end || p > bits)
			return false;
		r->prefix = (unsigned)p;
	}
	t->n++;
	return true;
}

static bool in_range(const struct netrange *r, const struct netaddr *a)
{
	if (r->addr.family != a->family)
		return false;
	unsigned whole = r->prefix / 8, rest = r->prefix % 8;
	if (memcmp(r->addr.bytes, a->bytes, whole) != 0)
		return false;
	if (!rest)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (r->addr.bytes[whole] & mask) == (a->bytes[whole] & mask);
}

bool trusted_contains(const struct trusted_proxies *t, const struct netaddr *a)
{
	for (size_t i = 0; i < t->n; i++)
		if (in_range(&t->r[i], a))
			return true;
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The element of list that ends at *end (exclusive), trimmed; *end moves to
 * the comma before it (or to list). */
static void previous_element(const char *list, const char **end, const char **from, size_t *len)
{
	const char *e = *end, *b = e;
	while (b > list && b[-1] != ',')
		b--;
	*end = b > list ? b - 1 : list;
	while (b < e && is_space(*b))
		b++;
	while (e > b && is_space(e[-1]))
		e--;
	*from = b;
	*len = (size_t)(e - b);
}

struct netaddr clientaddr_resolve(const struct trusted_proxies *t, const struct netaddr *peer,
                                  const char *xff)
{
	struct netaddr client = *peer;
	if (!xff || !trusted_contains(t, peer))
		return client;
	const char *end = xff + strlen(xff);
	while (end > xff && trusted_contains(t, &client)) {
		const char *from;
		size_t len;
		struct netaddr hop;
		previous_element(xff, &end, &from, &len);
		if (!netaddr_parse(from, len, &hop))
			break;
		client = hop;
	}
	return client;
}

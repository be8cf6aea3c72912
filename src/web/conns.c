#include "conns.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/log.h"

/* The table has room for a few more connections than libmicrohttpd's cap: a
 * worker thread may accept a new one just before another's slot is released. */
#define SLOTS_SPARE 64

enum phase { PHASE_NONE, PHASE_HEADERS, PHASE_BODY };

struct conn_slot {
	int fd; /* -1: free */
	struct netaddr addr;
	bool exempt;                 /* a trusted proxy */
	_Atomic int64_t deadline_ms; /* monotonic; 0: none */
	_Atomic int phase;
};

struct conns {
	struct conns_limits lim;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t watchdog;
	bool stopping;
	struct conn_slot *slot;
	size_t nslots;
	/* counted by the callbacks, logged by the watchdog */
	atomic_size_t refused, cut_headers, cut_body;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void report(struct conns *c)
{
	size_t refused = atomic_exchange(&c->refused, 0);
	size_t headers = atomic_exchange(&c->cut_headers, 0);
	size_t body = atomic_exchange(&c->cut_body, 0);
	if (refused)
		log_warn("refused %zu connections over --max-per-ip %zu", refused,
		         c->lim.max_per_ip);
	if (headers)
		log_warn("closed %zu connections whose headers took over --header-timeout %u s",
		         headers, c->lim.header_timeout);
	if (body)
		log_warn("closed %zu connections whose body took over --body-timeout %u s", body,
		         c->lim.body_timeout);
}

/* Shuts down every socket past its deadline; returns when to look again. */
static int64_t sweep(struct conns *c, int64_t now)
{
	int64_t next = now + 1000;
	for (size_t i = 0; i < c->nslots; i++) {
		struct conn_slot *s = &c->slot[i];
		int64_t d = atomic_load(&s->deadline_ms);
		if (s->fd < 0 || d == 0)
			continue;
		if (d > now) {
			if (d < next)
				next = d;
			continue;
		}
		/* The serving thread may have moved the deadline on just now (the
		 * headers came in time after all): then leave the connection be. */
		int phase = atomic_load(&s->phase);
		if (!atomic_compare_exchange_strong(&s->deadline_ms, &d, 0))
			continue;
		/* From here the serving thread may read end-of-file and move on. */
		shutdown(s->fd, SHUT_RDWR);
		atomic_fetch_add(phase == PHASE_BODY ? &c->cut_body : &c->cut_headers, 1);
	}
	return next;
}

static void *watchdog(void *arg)
{
	struct conns *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->stopping) {
		int64_t next = sweep(c, now_ms());
		struct timespec until = {(time_t)(next / 1000), (long)(next % 1000) * 1000000};
		pthread_cond_timedwait(&c->wake, &c->lock, &until);
		pthread_mutex_unlock(&c->lock);
		report(c);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

nct_err conns_start(const struct conns_limits *l, struct conns **out)
{
	struct conns *c = calloc(1, sizeof *c);
	if (!c)
		return NCT_ERR_NOMEM;
	c->lim = *l;
	c->nslots = l->max_connections + SLOTS_SPARE;
	c->slot = calloc(c->nslots, sizeof *c->slot);
	if (!c->slot) {
		free(c);
		return NCT_ERR_NOMEM;
	}
	for (size_t i = 0; i < c->nslots; i++)
		c->slot[i].fd = -1;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&c->lock, NULL);
	if (pthread_create(&c->watchdog, NULL, watchdog, c) != 0) {
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		free(c->slot);
		free(c);
		return NCT_ERR_IO;
	}
	*out = c;
	return NCT_OK;
}

void conns_stop(struct conns *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->stopping = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->watchdog, NULL);
	report(c);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	free(c->slot);
	free(c);
}

/* Connections open from a, not counting trusted proxies. Under the lock. */
static size_t open_from(const struct conns *c, const struct netaddr *a)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nslots; i++)
		n += c->slot[i].fd >= 0 && c->slot[i].addr.family == a->family &&
		     memcmp(c->slot[i].addr.bytes, a->bytes, sizeof a->bytes) == 0;
	return n;
}

/* Whether one more connection from a is within the cap. Under the lock. */
static bool room_for(const struct conns *c, const struct netaddr *a, bool exempt)
{
	return exempt || open_from(c, a) < c->lim.max_per_ip;
}

bool conns_may_accept(struct conns *c, const struct sockaddr *sa)
{
	struct netaddr a;
	if (!netaddr_from_sockaddr(sa, &a))
		return true;
	bool exempt = trusted_contains(c->lim.trusted, &a);
	pthread_mutex_lock(&c->lock);
	bool ok = room_for(c, &a, exempt);
	pthread_mutex_unlock(&c->lock);
	if (!ok)
		atomic_fetch_add(&c->refused, 1);
	return ok;
}

static struct conn_slot *free_slot(struct conns *c)
{
	for (size_t i = 0; i < c->nslots; i++)
		if (c->slot[i].fd < 0)
			return &c->slot[i];
	return NULL;
}

struct conn_slot *conns_opened(struct conns *c, int fd, const struct sockaddr *sa)
{
	struct netaddr a;
	netaddr_from_sockaddr(sa, &a);
	bool exempt = trusted_contains(c->lim.trusted, &a);
	pthread_mutex_lock(&c->lock);
	struct conn_slot *s = room_for(c, &a, exempt) ? free_slot(c) : NULL;
	if (s) {
		s->fd = fd;
		s->addr = a;
		s->exempt = exempt;
		atomic_store(&s->phase, PHASE_HEADERS);
		atomic_store(&s->deadline_ms, now_ms() + (int64_t)c->lim.header_timeout * 1000);
	}
	pthread_mutex_unlock(&c->lock);
	if (!s) {
		atomic_fetch_add(&c->refused, 1);
		shutdown(fd, SHUT_RDWR);
	}
	return s;
}

void conns_closed(struct conns *c, struct conn_slot *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&c->lock);
	atomic_store(&s->deadline_ms, 0);
	atomic_store(&s->phase, PHASE_NONE);
	s->fd = -1;
	pthread_mutex_unlock(&c->lock);
}

static void set_deadline(struct conn_slot *s, enum phase p, int64_t ms)
{
	atomic_store(&s->phase, p);
	atomic_store(&s->deadline_ms, ms);
}

void conns_headers_done(struct conns *c, struct conn_slot *s)
{
	if (s)
		set_deadline(s, PHASE_BODY, now_ms() + (int64_t)c->lim.body_timeout * 1000);
}

void conns_body_done(struct conn_slot *s)
{
	if (s)
		set_deadline(s, PHASE_NONE, 0);
}

void conns_request_done(struct conns *c, struct conn_slot *s)
{
	if (s)
		set_deadline(s, PHASE_HEADERS, now_ms() + (int64_t)c->lim.header_timeout * 1000);
}

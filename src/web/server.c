/* server.c - libmicrohttpd glue: limits, body reading, headers, access log,
 * graceful stop. Routing and pages live elsewhere. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/log.h"
#include "../domain/ctx.h"
#include "conns.h"
#include "html.h"
#include "page_import.h"

#define STOP_GRACE_SECONDS 10

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'";

struct server {
	const struct server_options *o;
	struct server_config cfg;
	struct ctx_pool *pool;
	struct conns *conns;
	atomic_int in_flight;
};

/* Per-connection request state, from the first callback to completion. */
struct conn {
	struct buf body;
	struct conn_slot *slot; /* the connection's deadlines (conns.h) */
	int status;             /* set when answered early (413, 411) */
	size_t sent;
	struct timespec start;
	char addr[ADDR_TEXT_MAX]; /* the client's (behind a trusted proxy, the one it names) */
	char method[16];
	char path[256];
};

void server_options_default(struct server_options *o)
{
	memset(o, 0, sizeof *o);
	o->db_uri = "var/nct.db";
	o->host = "127.0.0.1";
	o->port = 8080;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	o->threads = n > 2 ? (size_t)n : 2;
	o->max_body = 1024 * 1024;
	o->max_header = 16 * 1024;
	o->max_connections = 512;
	o->max_per_ip = 128;
	o->idle_timeout = 30;
	o->header_timeout = 10;
	o->body_timeout = 60;
	o->access_log = stderr;
}

struct forwarded {
	struct buf list;
	bool bad;
};

/* Joins every X-Forwarded-For header, in the order received, with commas. */
static enum MHD_Result collect_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                         const char *value)
{
	struct forwarded *f = cls;
	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") != 0 || !value)
		return MHD_YES;
	if ((f->list.len && buf_addc(&f->list, ',')) || buf_adds(&f->list, value))
		f->bad = true;
	return f->bad ? MHD_NO : MHD_YES;
}

/* The client's address (see clientaddr.h), as text. */
static void client_addr(const struct server *s, struct MHD_Connection *c, char *out)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct netaddr peer, client;
	if (!ci || !netaddr_from_sockaddr(ci->client_addr, &peer)) {
		snprintf(out, ADDR_TEXT_MAX, "?");
		return;
	}
	client = peer;
	if (trusted_contains(&s->o->trusted, &peer)) {
		struct forwarded f = {.bad = false};
		buf_init(&f.list, s->o->max_header);
		MHD_get_connection_values(c, MHD_HEADER_KIND, collect_forwarded, &f);
		if (!f.bad)
			client = clientaddr_resolve(&s->o->trusted, &peer, buf_str(&f.list));
		buf_free(&f.list);
	}
	netaddr_format(&client, out);
}

static void add_common_headers(struct MHD_Response *resp, bool cacheable)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	                        "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(resp, "Cache-Control",
	                        cacheable ? "public, max-age=86400" : "no-store");
}

static enum MHD_Result send_text(struct MHD_Connection *c, struct conn *cs, int status,
                                 const char *ctype, const char *body)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	add_common_headers(resp, false);
	MHD_add_response_header(resp, "Content-Type", ctype);
	cs->status = status;
	cs->sent = strlen(body);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Refuses a request from its headers alone (413, 411, 431), in JSON under
 * /api/, with the security headers like every answer of ours. */
static enum MHD_Result refuse_early(struct MHD_Connection *c, struct conn *cs, int status, bool api)
{
	static const struct {
		int status;
		const char *json, *html;
	} early[] = {
	    {413,
	     "{\"error\":{\"code\":\"too_large\",\"message\":\"Request body too large / Dữ liệu "
	     "gửi lên quá lớn\"}}\n",
	     "<!doctype html><meta charset=\"utf-8\"><title>413</title><p>Dữ liệu gửi lên quá lớn. "
	     "/ Request body too large.</p>\n"},
	    {431,
	     "{\"error\":{\"code\":\"header_too_large\",\"message\":\"The request headers are "
	     "too large / Phần đầu yêu cầu quá lớn\"}}\n",
	     "<!doctype html><meta charset=\"utf-8\"><title>431</title><p>Phần đầu yêu cầu quá "
	     "lớn: hãy xoá cookie của trang này rồi thử lại. / The request headers are too large: "
	     "clear this site's cookies and try again.</p>\n"},
	    {411, /* the last: any other status */
	     "{\"error\":{\"code\":\"length_required\",\"message\":\"A Content-Length is "
	     "required / Cần khai báo Content-Length\"}}\n",
	     "<!doctype html><meta charset=\"utf-8\"><title>411</title><p>Cần khai báo độ dài dữ "
	     "liệu (Content-Length). / A Content-Length is required.</p>\n"},
	};
	size_t i = 0;
	while (i + 1 < sizeof early / sizeof early[0] && early[i].status != status)
		i++;
	const char *body = api ? early[i].json : early[i].html;
	return send_text(c, cs, status,
	                 api ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
	                 body);
}

/* First callback of a request: decide from the headers alone whether to read
 * the body at all. */
static enum MHD_Result on_headers(struct server *s, struct MHD_Connection *c, const char *url,
                                  const char *method, struct conn *cs)
{
	bool api = strncmp(url, "/api/", 5) == 0;
	const union MHD_ConnectionInfo *hs =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	if (hs && hs->header_size > s->o->max_header)
		return refuse_early(c, cs, 431, api);
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (te && strcasecmp(te, "identity") != 0)
		return refuse_early(c, cs, 411, api);
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno || *end || end == cl || n > s->cfg.max_body)
			return refuse_early(c, cs, 413, api);
	}
	(void)method;
	return MHD_YES;
}

struct collect {
	struct form *f;
	nct_err e;
};

/* Takes the query arguments MHD has already split and decoded; too many, or
 * one that is not UTF-8, makes the request a 400. */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	struct collect *c = cls;
	(void)kind;
	if (!c->e)
		c->e = form_add(c->f, key, value ? value : "");
	return c->e ? MHD_NO : MHD_YES;
}

static void req_init(struct server *s, struct MHD_Connection *c, struct conn *cs, struct req *r,
                     const char *method, const char *url)
{
	memset(r, 0, sizeof *r);
	r->method = method;
	r->path = url;
	r->addr = cs->addr;
	r->cfg = &s->cfg;
	r->pool = s->pool;
	r->lang = "vi";
	r->api = strncmp(url, "/api/", 5) == 0;
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_init(&r->out, RESP_MAX);
	form_init(&r->query, FORM_MAX_FIELDS);
	form_init(&r->cookies, 64);
	form_init(&r->form, FORM_MAX_FIELDS);
	r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	r->authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
	r->body = cs->body.ptr;
	r->body_len = cs->body.len;
}

static void req_release(struct req *r)
{
	form_free(&r->query);
	form_free(&r->cookies);
	form_free(&r->form);
	json_decref(r->json);
	buf_free(&r->out);
	for (size_t i = 0; i < r->nheaders; i++)
		free(r->hvalue[i]);
}

/* Parses what the router needs from the raw request: query, cookies, body. */
static bool req_parse(struct MHD_Connection *c, struct req *r)
{
	struct collect args = {&r->query, NCT_OK};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
	if (args.e)
		return false;
	const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	if (cookie && form_parse_cookies(&r->cookies, cookie, strlen(cookie)) != NCT_OK)
		form_free(&r->cookies); /* a malformed Cookie header counts as none */
	const char *ct = r->content_type ? r->content_type : "";
	if (r->body_len && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
	    form_parse_urlencoded(&r->form, r->body, r->body_len) != NCT_OK)
		return false;
	if (r->body_len && strncasecmp(ct, "application/json", 16) == 0) {
		r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, NULL);
		return r->json != NULL;
	}
	/* a page's date fields as people type them (dd/mm/yyyy) */
	return r->api || req_dates_as_iso(r);
}

static enum MHD_Result respond(struct MHD_Connection *c, struct conn *cs, struct req *r)
{
	struct MHD_Response *resp;
	if (r->static_body) {
		resp = MHD_create_response_from_buffer(r->static_len, (void *)r->static_body,
		                                       MHD_RESPMEM_PERSISTENT);
		cs->sent = r->static_len;
	} else {
		size_t len = r->out.len;
		char *body = buf_detach(&r->out);
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!resp)
			free(body);
		cs->sent = len;
	}
	if (!resp)
		return MHD_NO;
	add_common_headers(resp, r->cacheable);
	MHD_add_response_header(resp, "Content-Type", r->ctype);
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->hname[i], r->hvalue[i]);
	cs->status = r->status;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_complete(struct server *s, struct MHD_Connection *c, struct conn *cs,
                                   const char *url, const char *method)
{
	conns_body_done(cs->slot);
	struct req r;
	req_init(s, c, cs, &r, method, url);
	if (!req_parse(c, &r)) {
		r.status = 400;
		resp_error(&r, 400, "bad_request",
		           "Yêu cầu không đọc được: sai mã hoá UTF-8 hoặc quá nhiều trường. / "
		           "The request could not be read: bad UTF-8 or too many fields.");
	} else {
		if (ctx_pool_acquire(s->pool, r.addr, &r.x) == NCT_OK)
			router_dispatch(&r);
		else
			resp_domain_error(&r, NCT_ERR_UNAVAILABLE, NULL);
		ctx_pool_release(s->pool, &r.x);
	}
	resp_finish(&r);
	enum MHD_Result ret = respond(c, cs, &r);
	req_release(&r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct conn *cs = *con_cls;
	(void)version;
	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		*con_cls = cs;
		atomic_fetch_add(&s->in_flight, 1);
		clock_gettime(CLOCK_MONOTONIC, &cs->start);
		buf_init(&cs->body, s->cfg.max_body);
		client_addr(s, c, cs->addr);
		const union MHD_ConnectionInfo *sc =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		cs->slot = sc ? sc->socket_context : NULL;
		conns_headers_done(s->conns, cs->slot);
		snprintf(cs->method, sizeof cs->method, "%s", method);
		snprintf(cs->path, sizeof cs->path, "%s", url);
		return on_headers(s, c, url, method, cs);
	}
	if (cs->status)
		return MHD_YES; /* answered early: drop whatever body still arrives */
	if (*upload_data_size) {
		if (buf_add(&cs->body, upload_data, *upload_data_size) != NCT_OK)
			return refuse_early(c, cs, 413, strncmp(url, "/api/", 5) == 0);
		*upload_data_size = 0;
		return MHD_YES;
	}
	return on_complete(s, c, cs, url, method);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct conn *cs = *con_cls;
	(void)c;
	if (!cs)
		return;
	conns_request_done(s->conns, cs->slot);
	if (s->o->access_log) {
		struct timespec end;
		clock_gettime(CLOCK_MONOTONIC, &end);
		double ms = (double)(end.tv_sec - cs->start.tv_sec) * 1e3 +
		            (double)(end.tv_nsec - cs->start.tv_nsec) / 1e6;
		char stamp[26];
		time_format_vn(time(NULL), stamp);
		fprintf(s->o->access_log, "%s %s %s %s %d %zu %.2fms%s\n", stamp, cs->addr,
		        cs->method, cs->path, cs->status, cs->sent, ms,
		        toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	buf_free(&cs->body);
	free(cs);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

/* The accept policy: a quick check of the per-address cap. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct server *s = cls;
	(void)addrlen;
	return conns_may_accept(s->conns, addr) ? MHD_YES : MHD_NO;
}

/* A connection opens or closes (its socket is still open either way). */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conns_closed(s->conns, *socket_context);
		*socket_context = NULL;
		return;
	}
	const union MHD_ConnectionInfo *fd =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *peer =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	*socket_context =
	    fd && peer ? conns_opened(s->conns, fd->connect_fd, peer->client_addr) : NULL;
}

static void wait_for_signal(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	int sig;
	sigwait(&set, &sig);
	log_info("signal %d: finishing requests in flight", sig);
}

/* libmicrohttpd answers requests too big for a connection's memory with a bare
 * 431 of its own, without our security headers: give it room for twice
 * --max-header, so that headers up to there reach on_headers and get ours. */
static size_t mhd_memory(const struct server_options *o)
{
	return 2 * o->max_header + 8 * 1024;
}

static struct MHD_Daemon *start_daemon(struct server *s, char *msg, size_t msglen)
{
	const struct server_options *o = s->o;
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(o->port);
	if (inet_pton(AF_INET, o->host, &sa.sin_addr) != 1) {
		snprintf(msg, msglen, "--listen: %s is not an IPv4 address", o->host);
		return NULL;
	}
	unsigned flags =
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	/* The per-address cap is ours (conns.c), not MHD_OPTION_PER_IP_CONNECTION_LIMIT:
	 * that one would cap a trusted proxy too. */
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, o->port, on_accept, s, on_request, s, MHD_OPTION_SOCK_ADDR, &sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, o->idle_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, mhd_memory(o), MHD_OPTION_NOTIFY_COMPLETED, on_done,
	    s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_END);
	if (!d)
		snprintf(msg, msglen, "cannot listen on %s:%u (in use, or not allowed)", o->host,
		         o->port);
	return d;
}

nct_err server_run(const struct server_options *o, char *msg, size_t msglen)
{
	struct server s = {.o = o};
	s.cfg.max_body = o->max_body;
	s.cfg.secure_cookies = o->secure_cookies;
	atomic_init(&s.in_flight, 0);
	/* Signals go to sigwait in this thread, never to the workers. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	nct_err e = ctx_pool_open(o->db_uri, o->threads, &s.pool, msg, msglen);
	if (e)
		return e;
	struct conns_limits lim = {o->max_connections, o->max_per_ip, o->header_timeout,
	                           o->body_timeout, &o->trusted};
	if ((e = conns_start(&lim, &s.conns))) {
		snprintf(msg, msglen, "cannot start the connection watchdog");
		ctx_pool_close(s.pool);
		return e;
	}
	struct MHD_Daemon *d = start_daemon(&s, msg, msglen);
	if (!d) {
		conns_stop(s.conns);
		ctx_pool_close(s.pool);
		return NCT_ERR_IO;
	}
	log_info("nct %s serving http://%s:%u/ from %s with %zu threads", NCT_VERSION, o->host,
	         o->port, o->db_uri, o->threads);
	import_uploads_sweep(); /* the register's uploads left unwritten before a restart */
	wait_for_signal();
	MHD_quiesce_daemon(d);
	for (int i = 0; i < STOP_GRACE_SECONDS * 20 && atomic_load(&s.in_flight) > 0; i++)
		usleep(50 * 1000);
	MHD_stop_daemon(d);
	conns_stop(s.conns);
	import_jobs_drain(); /* an import being written finishes (all or nothing) first */
	ctx_pool_close(s.pool);
	log_info("stopped");
	return NCT_OK;
}

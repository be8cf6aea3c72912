/* cmd_serve.c - nct serve. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/log.h"
#include "../domain/club_facts.h"
#include "../domain/fact_pack.h"
#include "../store/db.h"
#include "../web/server.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct serve [--db PATH] [--listen HOST:PORT] [options]\n"
    "\n"
    "Serves the web pages and the JSON API until SIGTERM or SIGINT; requests in\n"
    "flight are finished before it exits.\n"
    "\n"
    "  --db PATH            the store (default $NCT_DB, else var/nct.db)\n"
    "  --listen HOST:PORT   address to listen on (default 127.0.0.1:8080)\n"
    "  --threads N          worker threads and store connections (default: cores, >= 2)\n"
    "  --max-body BYTES     largest request body accepted (default 1048576)\n"
    "  --max-header BYTES   largest request line + headers (default 16384)\n"
    "  --max-connections N  connections open at once (default 512)\n"
    "  --max-per-ip N       connections open at once from one address (default 128;\n"
    "                       a --trusted-proxy is exempt)\n"
    "  --idle-timeout SEC   close a silent connection after SEC seconds (default 30)\n"
    "  --header-timeout SEC a request line and headers must be complete within SEC\n"
    "                       seconds of the connection opening (or of the previous\n"
    "                       response), however slowly they trickle (default 10)\n"
    "  --body-timeout SEC   a body must be complete within SEC seconds of its headers\n"
    "                       (default 60; raise it with --max-body for slow uploads)\n"
    "  --access-log FILE    one line per request to FILE, '-' for stderr (default),\n"
    "                       'off' for none\n"
    "  --secure-cookies     mark cookies Secure: use when a TLS proxy is in front\n"
    "  --trusted-proxy ADDR[/BITS]\n"
    "                       a proxy in front (nginx) whose X-Forwarded-For is believed:\n"
    "                       the client is the right-most address in it that is not a\n"
    "                       trusted proxy; repeat for several (at most 16)\n";

static bool parse_listen(const char *s, struct server_options *o)
{
	static char host[64];
	const char *colon = strrchr(s, ':');
	long port;
	if (!colon || colon == s || (size_t)(colon - s) >= sizeof host ||
	    !args_count(colon + 1, 1, 65535, &port))
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	o->host = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
	o->port = (unsigned short)port;
	return true;
}

struct serve_args {
	const char *db, *listen, *threads, *max_body, *max_header, *max_conn, *max_ip, *idle, *log;
	const char *header_timeout, *body_timeout;
	bool secure;
	const char *proxy[TRUSTED_PROXIES_MAX];
	struct args_list proxies;
};

static int apply(const struct serve_args *a, struct server_options *o)
{
	long v;
	o->db_uri = args_db(a->db);
	o->secure_cookies = a->secure;
	struct {
		const char *s, *name;
		long min, max;
		size_t *dst;
	} counts[] = {
	    {a->threads, "threads", 1, 256, &o->threads},
	    {a->max_body, "max-body", 1024, 1L << 30, &o->max_body},
	    {a->max_header, "max-header", 1024, 1L << 20, &o->max_header},
	    {a->max_conn, "max-connections", 1, 100000, &o->max_connections},
	    {a->max_ip, "max-per-ip", 1, 100000, &o->max_per_ip},
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		if (!counts[i].s)
			continue;
		if (!args_count(counts[i].s, counts[i].min, counts[i].max, &v)) {
			fprintf(stderr, "nct serve: --%s must be a number from %ld to %ld\n",
			        counts[i].name, counts[i].min, counts[i].max);
			return 2;
		}
		*counts[i].dst = (size_t)v;
	}
	struct {
		const char *s, *name;
		long max;
		unsigned *dst;
	} seconds[] = {
	    {a->idle, "idle-timeout", 3600, &o->idle_timeout},
	    {a->header_timeout, "header-timeout", 3600, &o->header_timeout},
	    {a->body_timeout, "body-timeout", 86400, &o->body_timeout},
	};
	for (size_t i = 0; i < sizeof seconds / sizeof seconds[0]; i++) {
		if (!seconds[i].s)
			continue;
		if (!args_count(seconds[i].s, 1, seconds[i].max, &v)) {
			fprintf(stderr, "nct serve: --%s must be 1 to %ld seconds\n",
			        seconds[i].name, seconds[i].max);
			return 2;
		}
		*seconds[i].dst = (unsigned)v;
	}
	for (size_t i = 0; i < a->proxies.n; i++)
		if (!trusted_add(&o->trusted, a->proxies.v[i])) {
			fprintf(stderr,
			        "nct serve: --trusted-proxy wants an IPv4 or IPv6 address, or a "
			        "network like 10.0.0.0/8 (got '%s')\n",
			        a->proxies.v[i]);
			return 2;
		}
	if (a->listen && !parse_listen(a->listen, o)) {
		fprintf(stderr, "nct serve: --listen wants HOST:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	return 0;
}

static FILE *open_log(const char *spec)
{
	if (!spec || strcmp(spec, "-") == 0)
		return stderr;
	if (strcmp(spec, "off") == 0)
		return NULL;
	/* Addresses and paths (searches name people): owner only, like the store. */
	int fd = open(spec, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "a");
	if (!f && fd >= 0)
		close(fd);
	if (f)
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_args a = {0};
	a.proxies = (struct args_list){a.proxy, 0, TRUSTED_PROXIES_MAX};
	const struct opt opts[] = {
	    {"db", &a.db, NULL},
	    {"listen", &a.listen, NULL},
	    {"threads", &a.threads, NULL},
	    {"max-body", &a.max_body, NULL},
	    {"max-header", &a.max_header, NULL},
	    {"max-connections", &a.max_conn, NULL},
	    {"max-per-ip", &a.max_ip, NULL},
	    {"idle-timeout", &a.idle, NULL},
	    {"header-timeout", &a.header_timeout, NULL},
	    {"body-timeout", &a.body_timeout, NULL},
	    {"access-log", &a.log, NULL},
	    {"secure-cookies", NULL, &a.secure},
	    {"trusted-proxy", NULL, NULL, &a.proxies},
	};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "serve", help, opts, 0, &pos);
	int rc;
	struct server_options o;
	server_options_default(&o);
	if ((rc = apply(&a, &o)))
		return rc;
	o.access_log = open_log(a.log);
	if (a.log && strcmp(a.log, "off") != 0 && !o.access_log) {
		fprintf(stderr, "nct serve: cannot open the access log %s\n", a.log);
		return 1;
	}
	/* Upgrade the store before serving: refuses a store newer than this binary. */
	char msg[512] = "";
	struct db *db;
	nct_err e = db_open(o.db_uri, false, &db, msg, sizeof msg);
	if (!e) {
		e = db_migrate(db, msg, sizeof msg);
		if (!e && (e = club_facts_upgrade(db))) /* what 0021 cannot pack in SQL */
			snprintf(msg, sizeof msg, "club_facts: %s", db_errmsg(db));
		if (!e && (e = fact_pack_upgrade(db))) /* nothing read once filled */
			snprintf(msg, sizeof msg, "fact_pack: %s", db_errmsg(db));
		db_close(db);
	}
	if (!e)
		e = server_run(&o, msg, sizeof msg);
	if (o.access_log && o.access_log != stderr)
		fclose(o.access_log);
	if (e) {
		fprintf(stderr, "nct serve: %s\n", msg[0] ? msg : nct_err_name(e));
		return 1;
	}
	return 0;
}

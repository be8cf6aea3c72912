#include "args.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../domain/ctx.h"
#include "../store/db.h"
#include "../web/wording.h"

static const struct opt *find(const struct opt *opts, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
			return &opts[i];
	return NULL;
}

int args_parse(int argc, char **argv, const char *cmd, const char *help, const struct opt *opts,
               size_t nopts, size_t max_pos, struct args *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(help, stdout);
			return 0;
		}
		bool shortopt = a[0] == '-' && a[1] && a[1] != '-' && !a[2]; /* "-o" */
		if (strncmp(a, "--", 2) != 0 && !shortopt) {
			if (out->npos == max_pos || out->npos == ARGS_MAX_POS) {
				fprintf(stderr,
				        "nct %s: unexpected argument '%s' (see nct %s --help)\n",
				        cmd, a, cmd);
				return 2;
			}
			out->pos[out->npos++] = a;
			continue;
		}
		const char *name = a + (shortopt ? 1 : 2), *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct opt *o = find(opts, nopts, name, len);
		if (!o) {
			fprintf(stderr, "nct %s: unknown option '%s' (see nct %s --help)\n", cmd, a,
			        cmd);
			return 2;
		}
		if (o->flag) {
			if (eq) {
				fprintf(stderr, "nct %s: --%s takes no value\n", cmd, o->name);
				return 2;
			}
			*o->flag = true;
			continue;
		}
		const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (!v) {
			fprintf(stderr, "nct %s: --%s needs a value\n", cmd, o->name);
			return 2;
		}
		if (!o->list) {
			*o->value = v;
		} else if (o->list->n < o->list->max) {
			o->list->v[o->list->n++] = v;
		} else {
			fprintf(stderr, "nct %s: --%s may be given at most %zu times\n", cmd,
			        o->name, o->list->max);
			return 2;
		}
	}
	return ARGS_GO;
}

bool args_count(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

const char *args_db(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("NCT_DB");
	return env && *env ? env : "var/nct.db";
}

bool args_open(const char *cmd, const char *given, bool create, struct db **db)
{
	char msg[512] = "";
	if (db_open(args_db(given), create, db, msg, sizeof msg) != NCT_OK) {
		fprintf(stderr, "nct %s: %s\n", cmd, msg);
		return false;
	}
	int have = db_schema_version(*db), want = db_schema_latest();
	int missing = have < 0 ? -1 : db_schema_missing(*db);
	int unknown = missing < 0 ? -1 : db_schema_unknown(*db);
	if (create || (have == want && missing == 0 && unknown == 0))
		return true;
	if (have < 0 || missing < 0 || unknown < 0)
		fprintf(stderr, "nct %s: cannot read the store's schema version: %s\n", cmd,
		        db_errmsg(*db));
	else if (have > want || unknown > 0) /* a newer nct's migration, above or in a gap */
		fprintf(stderr,
		        "nct %s: the store has migration %04d, which this nct does not know:"
		        " use a newer nct\n",
		        cmd, unknown > 0 ? unknown : have);
	else if (have == want) /* a migration numbered below the latest, not applied yet */
		fprintf(stderr,
		        "nct %s: the store lacks %d of this nct's migrations: run nct init"
		        " --db ... first (it upgrades a store and keeps its data)\n",
		        cmd, missing);
	else
		fprintf(stderr,
		        "nct %s: the store is at schema version %d, this nct needs %d: run nct init"
		        " --db ... first (it upgrades a store and keeps its data)\n",
		        cmd, have, want);
	db_close(*db);
	*db = NULL;
	return false;
}

void args_print_json(json_t *j)
{
	char *s = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
	if (s)
		puts(s);
	free(s);
	json_decref(j);
}

bool args_system(const char *cmd, const char *given, struct ctx *x)
{
	struct db *db;
	char who[48];
	if (!args_open(cmd, given, false, &db))
		return false;
	snprintf(who, sizeof who, "nct %s", cmd);
	ctx_system(x, db, who);
	return true;
}

bool args_workers_valid(const char *cmd, const char *workers)
{
	long n;
	if (!workers || args_count(workers, 1, ARGS_WORKERS_MAX, &n))
		return true;
	fprintf(stderr, "nct %s: --workers is a count from 1 to %d\n", cmd, ARGS_WORKERS_MAX);
	return false;
}

bool args_workers_open(const char *cmd, const char *given, const char *workers, struct ctx *x,
                       struct args_workers *w)
{
	long n = 2;
	memset(w, 0, sizeof *w);
	if (!args_workers_valid(cmd, workers) ||
	    (workers && !args_count(workers, 1, ARGS_WORKERS_MAX, &n)))
		return false;
	w->xs[w->n++] = x;
	while (w->n < (size_t)n) {
		struct ctx *more = malloc(sizeof *more);
		if (!more || !args_system(cmd, given, more)) {
			free(more);
			args_workers_close(w);
			return false;
		}
		w->xs[w->n++] = more;
	}
	return true;
}

void args_workers_close(struct args_workers *w)
{
	for (size_t k = 1; k < w->n; k++) {
		db_close(w->xs[k]->db);
		free(w->xs[k]);
	}
	w->n = 0;
}

char *args_password(const char *env, const char *prompt)
{
	const char *e = env ? getenv(env) : NULL;
	if (e && *e)
		return strdup(e);
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

int args_refused(const char *cmd, nct_err e, const struct refusal *rf)
{
	return args_refused_in(cmd, e, rf, "vi");
}

int args_refused_in(const char *cmd, nct_err e, const struct refusal *rf, const char *lang)
{
	char msg[512] = "";
	if (rf && rf->code)
		wording_refusal(rf, lang, msg, sizeof msg);
	fprintf(stderr, "nct %s: %s\n", cmd, msg[0] ? msg : nct_err_name(e));
	return 1;
}

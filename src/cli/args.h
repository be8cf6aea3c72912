/* args.h - command-line options: "--name value", "--name=value", flags. */
#ifndef NCT_ARGS_H
#define NCT_ARGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "../base/err.h"

/* The values of an option that may be given several times. */
struct args_list {
	const char **v; /* room for max values */
	size_t n, max;
};

struct opt {
	const char *name;       /* without the dashes */
	const char **value;     /* set for options that take a value */
	bool *flag;             /* set for flags */
	struct args_list *list; /* set for options that may be repeated */
};

#define ARGS_MAX_POS 4

struct args {
	const char *pos[ARGS_MAX_POS];
	size_t npos;
};

/* What args_parse returns when the command goes on. */
#define ARGS_GO (-1)

/* Parses argv[1..argc) (argv[0] is the subcommand). Returns ARGS_GO when
 * parsed; otherwise the exit status the command returns at once: 0 after
 * writing help to stdout (--help, -h), 2 on a bad argument after writing one
 * line "nct CMD: ..." to stderr. */
int args_parse(int argc, char **argv, const char *cmd, const char *help, const struct opt *opts,
               size_t nopts, size_t max_pos, struct args *out);

/* args_parse of the options in the array opts (counted), in the command that
 * was given argc and argv: returns from the command with args_parse's status
 * when the command does not go on. */
#define ARGS_PARSE_OR_RETURN(argc, argv, cmd, help, opts, max_pos, out)                            \
	do {                                                                                       \
		int args_rc_ = args_parse((argc), (argv), (cmd), (help), (opts),                   \
		                          sizeof(opts) / sizeof((opts)[0]), (max_pos), (out));     \
		if (args_rc_ != ARGS_GO)                                                           \
			return args_rc_;                                                           \
	} while (0)
/* Parses a decimal count in [min, max]; false otherwise. */
bool args_count(const char *s, long min, long max, long *out);

/* The store named by --db, else $NCT_DB, else var/nct.db. */
const char *args_db(const char *given);

struct db;
/* Opens the store args_db(given) names (creating it when create is set) into
 * *db, which the caller closes (db_close). On failure, or when an existing
 * store is not at the schema this nct writes (nct init upgrades it), writes
 * "nct CMD: why" to stderr and returns false. */
bool args_open(const char *cmd, const char *given, bool create, struct db **db);

struct ctx;
/* args_open of an existing store, and x the system acting on it as "nct CMD"
 * (ctx_system); the caller closes x->db. False, said on stderr, when the store
 * cannot be opened. */
bool args_system(const char *cmd, const char *given, struct ctx *x);

/* The contexts that work the country's lists side by side (ent_country.h):
 * x (the command's own, args_system) first, then workers - 1 more, each the
 * system on a connection of its own to the same store. */
#define ARGS_WORKERS_MAX 8
struct args_workers {
	struct ctx *xs[ARGS_WORKERS_MAX];
	size_t n;
};
/* Whether workers (--workers's text, NULL when not given) is a count from 1
 * to ARGS_WORKERS_MAX; said on stderr ("nct CMD: ...") when not. */
bool args_workers_valid(const char *cmd, const char *workers);
/* workers: --workers's text ("1".."8"), NULL for 2. False, said on stderr
 * ("nct CMD: ..."), when it is not a count in range or a store connection
 * cannot be opened (none is then left open but x). */
bool args_workers_open(const char *cmd, const char *given, const char *workers, struct ctx *x,
                       struct args_workers *w);
/* Closes the connections args_workers_open opened (not x's). */
void args_workers_close(struct args_workers *w);

/* Reads a password: from the environment variable env if set, else one line
 * of standard input (without echo on a terminal). Returns a malloc'd string or
 * NULL when none could be read. */
char *args_password(const char *env, const char *prompt);

/* Prints the JSON value j indented on stdout (nothing when j is NULL, as after
 * a failed allocation) and frees it. */
void args_print_json(json_t *j);

struct refusal;
/* Prints "nct CMD: " and the refusal in Vietnamese (or, without one, the
 * error's name) on stderr; returns 1, the exit status of a refused command. */
int args_refused(const char *cmd, nct_err e, const struct refusal *rf);
/* The same in lang ("vi" or "en"). */
int args_refused_in(const char *cmd, nct_err e, const struct refusal *rf, const char *lang);

#endif

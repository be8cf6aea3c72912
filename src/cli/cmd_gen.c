/* cmd_gen.c - nct gen: fill a new store with a synthetic programme. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../seed/gen.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct gen --scale province|national --seed N [--db PATH|URI] [--province CODE]\n"
    "\n"
    "Writes synthetic Intergenerational Self-Help Clubs into a store that has the\n"
    "map (nct init) and no clubs yet: members, status, boards, activities, home-care\n"
    "visits, yearly assessments, loans with their repayments, and both funds'\n"
    "ledgers, spread over the real communes of the map of 1 July 2025 (clubs founded\n"
    "before then sit in a commune of the old map that the 2025 commune was formed\n"
    "from). The data end on " GEN_END "; the same seed gives the same data, whatever\n"
    "the day. On SQLite the load skips fsync (a crash of the machine mid-way can\n"
    "leave a broken store: make a new one); on PostgreSQL commits do not wait for\n"
    "the write-ahead log (a crash of the server may lose the last of them).\n"
    "\n"
    "  --scale province   1,000 clubs, 60,000 members, 100,000 loans in one province\n"
    "  --scale national   10,000 clubs, 600,000 members, 1,000,000 loans over every\n"
    "                     commune of the country\n"
    "  --seed N           0 to 9223372036854775807\n"
    "  --province CODE    the province of the 2025 map (default 51, Quảng Ngãi)\n"
    "  --db PATH|URI      the store (default $NCT_DB, else var/nct.db)\n";

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A progress line on a terminal, every 5 % of the clubs. */
static void progress(void *arg, int64_t done, int64_t total)
{
	const struct timespec *t0 = arg;
	if (done % (total / 20 ? total / 20 : 1) == 0 || done == total)
		fprintf(stderr, "\rnct gen: %" PRId64 " of %" PRId64 " clubs, %.1f s%s", done,
		        total, seconds_since(t0), done == total ? "\n" : "");
}

static void report(const struct gen_options *o, const struct gen_report *r, double secs)
{
	printf("generated (%s scale, seed %llu) in %s: %" PRId64 " communes of the 2025 map\n",
	       o->scale, (unsigned long long)o->seed, r->place, r->communes);
	printf("  clubs            %10" PRId64 " (%" PRId64 " suspended, %" PRId64
	       " dissolved on " GEN_END ")\n",
	       r->clubs, r->suspended, r->dissolved);
	printf("  persons          %10" PRId64 " (one membership each)\n", r->persons);
	printf("  club status rows %10" PRId64 "\n", r->statuses);
	printf("  board members    %10" PRId64 "\n", r->board);
	printf("  activities       %10" PRId64 "\n", r->activities);
	printf("  home-care visits %10" PRId64 "\n", r->visits);
	printf("  assessments      %10" PRId64 "\n", r->assessments);
	printf("  loans            %10" PRId64 " (%" PRId64 " in arrears, %" PRId64
	       " written off)\n",
	       r->loans, r->loans_arrears, r->loans_written_off);
	printf("  repayments       %10" PRId64 "\n", r->repayments);
	printf("  ledger entries   %10" PRId64 "\n", r->ledger_entries);
	printf("  rows written     %10" PRId64 " in %.1f s (%.0f rows/s)\n", r->rows, secs,
	       secs > 0 ? (double)r->rows / secs : 0.0);
}

int cmd_gen(int argc, char **argv)
{
	const char *dbp = NULL, *scale = NULL, *seed = NULL, *province = NULL;
	const struct opt opts[] = {{"db", &dbp, NULL},
	                           {"scale", &scale, NULL},
	                           {"seed", &seed, NULL},
	                           {"province", &province, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "gen", help, opts, 0, &pos);
	long seedv;
	if (!gen_scale_valid(scale)) {
		fprintf(stderr, "nct gen: say --scale province or --scale national\n");
		return 2;
	}
	if (!args_count(seed, 0, LONG_MAX, &seedv)) {
		fprintf(stderr, "nct gen: say --seed N, a whole number from 0\n");
		return 2;
	}
	if (province && strcmp(scale, "national") == 0) {
		fprintf(stderr, "nct gen: --province is for --scale province only\n");
		return 2;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct gen_options o = {scale, (uint64_t)seedv, province, NULL, &t0};
	if (isatty(STDERR_FILENO))
		o.progress = progress;
	char msg[512] = "";
	struct db *db = NULL;
	struct gen_report r;
	nct_err e = db_open(args_db(dbp), false, &db, msg, sizeof msg);
	if (!e && db_schema_version(db) != db_schema_latest()) {
		snprintf(msg, sizeof msg,
		         "the store is at schema version %d, this nct writes %d:"
		         " run nct init first",
		         db_schema_version(db), db_schema_latest());
		e = NCT_ERR_CONFLICT;
	}
	struct ctx x;
	ctx_system(&x, db, "nct gen");
	if (!e)
		e = gen_run(&x, &o, &r, msg, sizeof msg);
	if (db)
		db_close(db);
	if (e) {
		fprintf(stderr, "nct gen: %s\n", msg[0] ? msg : nct_err_name(e));
		return 1;
	}
	report(&o, &r, seconds_since(&t0));
	return 0;
}

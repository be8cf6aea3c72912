/* main.c - nct: one program for the elderly-care programme. The command table
 * below both dispatches and prints the usage, so the two cannot drift apart. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int cmd_version(int argc, char **argv);

struct command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *args;                  /* the main options, for the usage */
	const char *summary;               /* one line */
};

static const struct command commands[] = {
    {"serve", cmd_serve, "--db PATH --listen HOST:PORT", "serve the web pages and the JSON API"},
    {"init", cmd_init, "--db PATH [--demo]", "create or upgrade a store"},
    {"user", cmd_user, "add|passwd|list|disable|token", "manage accounts"},
    {"audit", cmd_audit, "--db PATH [--json]", "print the audit log"},
    {"backup", cmd_backup, "--db PATH -o FILE", "a consistent copy of a store in use"},
    {"import", cmd_import, "members FILE --club CODE | persons FILE",
     "a club's members, or the register's persons, from .xlsx or .csv"},
    {"export", cmd_export, "TABLE --club CODE", "a club's table as CSV, XLSX or JSON"},
    {"plan", cmd_plan, "import FILE|export PLAN|list", "plans as their files (docs/plans.md)"},
    {"report", cmd_report, "--plan PLAN --period P -o FILE.docx",
     "a plan's compiled report (docs/reports.md)"},
    {"entitlements", cmd_entitlements, "--person ID --date D [--json]",
     "the allowances a person is owed on a date, and why"},
    {"payments", cmd_payments, "--place CODE --month YYYY-MM -o FILE.xlsx",
     "a place's monthly payment list, for the post office"},
    {"worklists", cmd_worklists, "--place CODE [--date D] [--kind K] [--count]",
     "eligible but not receiving; receiving but not eligible"},
    {"gen", cmd_gen, "--scale S --seed N", "synthetic clubs for benchmarks and demos"},
    {"version", cmd_version, "", "print the version"},
};

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("nct %s\n", NCT_VERSION);
	return 0;
}

static void usage(FILE *to)
{
	fputs("usage: nct <command> [options]\n\n", to);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(to, "  %s %s\n      %s\n", commands[i].name, commands[i].args,
		        commands[i].summary);
	fputs("\nEvery command takes --help. The store defaults to $NCT_DB, else var/nct.db;\n"
	      "--db postgresql://user@host:port/dbname selects PostgreSQL.\n",
	      to);
}

int main(int argc, char **argv)
{
	/* Whatever nct creates (the store, backups, exports, logs) may hold
	 * password hashes or personal data: owner only. */
	umask(077);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0)
		cmd = "version";
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "nct: unknown command '%s' (see nct --help)\n", cmd);
	return 2;
}

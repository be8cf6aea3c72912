/* main.c - nct: one program for the elderly-care programme. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
    "usage: nct <command> [options]\n"
    "\n"
    "  serve   --db PATH --listen HOST:PORT   serve the web pages and the JSON API\n"
    "  init    --db PATH [--demo]             create or upgrade a store\n"
    "  user    add|passwd|list|disable|token  manage accounts\n"
    "  audit   --db PATH [--json]             print the audit log\n"
    "  version                                print the version\n"
    "\n"
    "Every command takes --help. The store defaults to $NCT_DB, else var/nct.db;\n"
    "--db postgresql://user@host:port/dbname selects PostgreSQL.\n";

int main(int argc, char **argv)
{
	/* Whatever nct creates (the store, backups, exports, logs) may hold
	 * password hashes or personal data: owner only. */
	umask(077);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(cmd, "user") == 0)
		return cmd_user(argc - 1, argv + 1);
	if (strcmp(cmd, "audit") == 0)
		return cmd_audit(argc - 1, argv + 1);
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(cmd, "gen") == 0)
		return cmd_gen(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("nct %s\n", NCT_VERSION);
		return 0;
	}
	fprintf(stderr, "nct: unknown command '%s' (see nct --help)\n", cmd);
	return 2;
}

/* cmd_backup.c - nct backup: a consistent copy of a store in use. */
#include <stdio.h>

#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct backup [--db PATH|URI] -o FILE\n"
    "\n"
    "Writes a consistent copy of the store while it is in use.\n"
    "  SQLite:     FILE is a complete store (VACUUM INTO); restore by stopping nct and\n"
    "              putting FILE in place of the store file, or serve it with --db FILE.\n"
    "  PostgreSQL: runs pg_dump --format=custom --no-owner (package postgresql-client);\n"
    "              restore with: createdb NEW && pg_restore --no-owner -d URI-of-NEW FILE\n"
    "FILE must not exist yet; it is created readable by its owner only (0600).\n";

int cmd_backup(int argc, char **argv)
{
	const char *dbp = NULL, *out = NULL;
	const struct opt opts[] = {{"db", &dbp, NULL}, {"o", &out, NULL}, {"output", &out, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "backup", help, opts, 0, &pos);
	if (!out) {
		fprintf(stderr, "nct backup: say where with -o FILE\n");
		return 2;
	}
	const char *uri = args_db(dbp);
	char msg[512] = "";
	struct db *db;
	nct_err e = db_open(uri, false, &db, msg, sizeof msg);
	if (!e) {
		e = db_backup(db, uri, out, msg, sizeof msg);
		db_close(db);
	}
	if (e) {
		fprintf(stderr, "nct backup: %s\n", msg[0] ? msg : nct_err_name(e));
		return 1;
	}
	printf("backup written to %s\n", out);
	return 0;
}

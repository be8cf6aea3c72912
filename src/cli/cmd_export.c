/* cmd_export.c - nct export: one of a club's tables as CSV, XLSX or JSON. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/file.h"
#include "../domain/ctx.h"
#include "../domain/club.h"
#include "../export/csvout.h"
#include "../export/import.h"
#include "../export/xlsx.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

#define EXPORT_MAX_OUT (512u * 1024u * 1024u) /* CSV or JSON text */

static const char help[] =
    "usage: nct export TABLE --club CODE [--format csv|xlsx|json] [-o FILE]\n"
    "                  [--lang vi|en] [--db PATH|URI]\n"
    "\n"
    "Writes one of a club's tables. TABLE is one of: members, activities, ledger,\n"
    "loans.\n"
    "  csv   UTF-8 with a byte order mark, CRLF, dates YYYY-MM-DD (Excel opens it)\n"
    "  xlsx  an Excel workbook: bold header, dates dd/mm/yyyy, money grouped by\n"
    "        thousands; needs -o FILE\n"
    "  json  an array of objects keyed by the English column names\n"
    "--format defaults to the extension of -o FILE, else csv. Without -o, csv and\n"
    "json go to standard output. --lang en gives English headers (the column ids,\n"
    "e.g. full_name); the default is Vietnamese. nct import members reads the\n"
    "members table back. Every export is recorded in the audit log.\n";

struct export_opts {
	const char *db, *club, *format, *out, *lang;
};

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* csv, xlsx or json: as given, else from the output's extension. */
static const char *format_of(const struct export_opts *o)
{
	if (o->format)
		return o->format;
	if (o->out && ends_with(o->out, ".xlsx"))
		return "xlsx";
	if (o->out && ends_with(o->out, ".json"))
		return "json";
	return "csv";
}

/* An export holds personal data: the file is made 0600 (see base/file.h). */
static FILE *open_private(const char *path)
{
	int fd;
	if (file_create_private(path, false, &fd) != NCT_OK)
		return NULL;
	FILE *f = fdopen(fd, "wb");
	if (!f)
		close(fd);
	return f;
}

static nct_err write_text(const struct table *t, const char *format, const char *lang,
                          const char *path)
{
	struct buf b;
	buf_init(&b, EXPORT_MAX_OUT);
	nct_err e = strcmp(format, "json") == 0 ? csvout_json(t, &b) : csvout_write(t, lang, &b);
	FILE *f = e ? NULL : path ? open_private(path) : stdout;
	bool to_stdout = f == stdout;
	if (!e && !f)
		e = NCT_ERR_IO;
	if (!e && fwrite(buf_str(&b), 1, b.len, f) != b.len)
		e = NCT_ERR_IO;
	if (f && (to_stdout ? fflush(f) : fclose(f)) != 0 && !e)
		e = NCT_ERR_IO;
	buf_free(&b);
	return e;
}

static int export_table(struct ctx *x, const struct club_export *ex, const struct export_opts *o)
{
	struct club c;
	struct table t;
	const char *format = format_of(o);
	nct_err e = club_get(x, o->club, date_today_vn(), &c);
	if (e) {
		fprintf(stderr, "nct export: %s\n",
		        e == NCT_ERR_NOTFOUND ? "no club with that code" : nct_err_name(e));
		return 1;
	}
	if ((e = ex->fill(x, &c, o->lang, &t))) {
		fprintf(stderr, "nct export: reading the %s failed: %s\n", ex->name,
		        nct_err_name(e));
		return 1;
	}
	const struct table *tp = &t;
	if (strcmp(format, "xlsx") == 0)
		e = xlsx_write_file(&tp, 1, o->lang, o->out);
	else
		e = write_text(&t, format, o->lang, o->out);
	if (e && o->out)
		unlink(o->out);
	if (!e)
		e = club_exported(x, &c, ex->name, format, t.nrows);
	if (!e && o->out)
		printf("%zu rows written to %s\n", t.nrows, o->out);
	else if (e)
		fprintf(stderr, "nct export: writing failed: %s\n", nct_err_name(e));
	table_free(&t);
	return e ? 1 : 0;
}

/* Checks the arguments; 0 when good, else the exit status (after saying why). */
static int check(const struct args *pos, const struct export_opts *o)
{
	const char *f = format_of(o);
	if (pos->npos != 1 || !club_export_find(pos->pos[0])) {
		fprintf(stderr, "nct export: say which table: one of %s\n", club_export_names());
		return 2;
	}
	if (!o->club) {
		fprintf(stderr, "nct export: say which club with --club CODE\n");
		return 2;
	}
	if (strcmp(f, "csv") != 0 && strcmp(f, "xlsx") != 0 && strcmp(f, "json") != 0) {
		fprintf(stderr, "nct export: --format is csv, xlsx or json\n");
		return 2;
	}
	if (strcmp(f, "xlsx") == 0 && !o->out) {
		fprintf(stderr, "nct export: an xlsx export needs -o FILE\n");
		return 2;
	}
	if (strcmp(o->lang, "vi") != 0 && strcmp(o->lang, "en") != 0) {
		fprintf(stderr, "nct export: --lang is vi or en\n");
		return 2;
	}
	return 0;
}

/* Declared in cli.h too; repeated so this file builds before cli.h lists it. */
int cmd_export(int argc, char **argv);

int cmd_export(int argc, char **argv)
{
	struct export_opts o = {0};
	const struct opt opts[] = {{"db", &o.db, NULL},         {"club", &o.club, NULL},
	                           {"format", &o.format, NULL}, {"o", &o.out, NULL},
	                           {"output", &o.out, NULL},    {"lang", &o.lang, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "export", help, opts, 1, &pos);
	int rc;
	if (!o.lang)
		o.lang = "vi";
	if ((rc = check(&pos, &o)))
		return rc;
	struct ctx x;
	if (!args_system("export", o.db, &x))
		return 1;
	rc = export_table(&x, club_export_find(pos.pos[0]), &o);
	db_close(x.db);
	return rc;
}

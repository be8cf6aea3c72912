/* cmd_import.c - nct import: a club's members from a CSV or XLSX file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/club.h"
#include "../domain/ctx.h"
#include "../export/import.h"
#include "../web/import_report.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct import members FILE --club CODE [--db PATH|URI] [--dry-run] [--json]\n"
    "\n"
    "Adds the people listed in FILE to the club as members: FILE is an .xlsx (its\n"
    "first sheet) or a UTF-8 CSV, one row per member under a header row with\n"
    "the columns of nct export members (Vietnamese or English names):\n"
    "  required  Họ tên/full_name, Giới tính/sex, Năm sinh/birth, Ngày vào/joined_on\n"
    "  optional  Mã nơi ở/place (default: the club's commune), Hộ nghèo/poor,\n"
    "            Hộ cận nghèo/near_poor, Khuyết tật/disability,\n"
    "            Sống một mình/lives_alone, Dân tộc thiểu số/ethnic_minority,\n"
    "            Tình nguyện viên/volunteer (x or empty)\n"
    "A person already recorded (same name without diacritics, birth and place) is\n"
    "not recorded twice. All or nothing: if any row is rejected, nothing is\n"
    "written and every rejected line is listed with its reason. --dry-run checks\n"
    "everything and writes nothing (it only reads: other users' changes go on).\n"
    "Rows are written together at the end, after every row was checked; if someone\n"
    "else recorded one of the file's people meanwhile, nothing is written: import\n"
    "the file again. At most 1000 members and 16 MiB per file.\n"
    "Exit status: 0 imported (or a clean dry run), 1 rejected or failed, 2 bad\n"
    "arguments.\n";

/* The whole file, at most IMPORT_MAX_BYTES. */
static nct_err read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	nct_err e = f ? NCT_OK : NCT_ERR_IO;
	buf_init(out, IMPORT_MAX_BYTES);
	while (!e) {
		size_t n = fread(chunk, 1, sizeof chunk, f);
		if (n)
			e = buf_add(out, chunk, n);
		if (n < sizeof chunk) {
			if (ferror(f))
				e = NCT_ERR_IO;
			break;
		}
	}
	if (f)
		fclose(f);
	return e;
}

static void print_report(const char *file, const struct club *c, const struct import_report *rep,
                         bool json)
{
	if (json) {
		json_t *o = import_report_json(rep, "vi");
		if (o) {
			json_object_set_new(o, "club", json_string(c->code));
			json_object_set_new(o, "file", json_string(file));
			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
			fputc('\n', stdout);
		}
		json_decref(o);
		return;
	}
	char summary[512];
	import_summary(rep, "vi", summary, sizeof summary);
	printf("%s: %s\n", file, summary);
	for (size_t i = 0; i < rep->issues.n; i++) {
		const struct import_issue *is = import_issue(rep, i);
		char msg[512];
		import_issue_text(is, "vi", msg, sizeof msg);
		if (is->line)
			printf("  dòng %zu: %s\n", is->line, msg);
		else
			printf("  cả tệp: %s\n", msg);
	}
}

struct import_opts {
	const char *db, *club, *what, *file;
	bool dry_run, json;
};

static int import_members(const struct import_opts *o)
{
	struct db *db;
	struct club c;
	struct buf data;
	struct import_report rep;
	if (read_file(o->file, &data) != NCT_OK) {
		fprintf(stderr, "nct import: cannot read %s (missing, unreadable or over %u MiB)\n",
		        o->file, IMPORT_MAX_BYTES >> 20);
		buf_free(&data);
		return 1;
	}
	if (!args_open("import", o->db, false, &db)) {
		buf_free(&data);
		return 1;
	}
	struct ctx x;
	ctx_system(&x, db, "nct import");
	nct_err e = club_get(&x, o->club, date_today_vn(), &c);
	if (e) {
		fprintf(stderr, "nct import: %s\n",
		        e == NCT_ERR_NOTFOUND ? "no club with that code" : nct_err_name(e));
	} else {
		e = members_import_file(&x, &c, data.ptr, data.len, o->dry_run, &rep);
		print_report(o->file, &c, &rep, o->json);
		import_report_free(&rep);
	}
	db_close(db);
	buf_free(&data);
	return e ? 1 : 0;
}

/* Declared in cli.h too; repeated so this file builds before cli.h lists it. */
int cmd_import(int argc, char **argv);

int cmd_import(int argc, char **argv)
{
	struct import_opts o = {0};
	const struct opt opts[] = {{"db", &o.db, NULL},
	                           {"club", &o.club, NULL},
	                           {"dry-run", NULL, &o.dry_run},
	                           {"json", NULL, &o.json}};
	struct args pos;
	int rc =
	    args_parse(argc, argv, "import", help, opts, sizeof opts / sizeof opts[0], 2, &pos);
	if (rc != ARGS_GO)
		return rc;
	if (pos.npos != 2 || strcmp(pos.pos[0], "members") != 0) {
		fprintf(stderr, "nct import: say what and from where: nct import members FILE "
		                "--club CODE\n");
		return 2;
	}
	if (!o.club) {
		fprintf(stderr, "nct import: say which club with --club CODE\n");
		return 2;
	}
	o.what = pos.pos[0];
	o.file = pos.pos[1];
	return import_members(&o);
}

/* cmd_import.c - nct import: a club's members, or the register's persons,
 * from a CSV or XLSX file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../domain/club.h"
#include "../domain/ctx.h"
#include "../export/import.h"
#include "../export/person_import.h"
#include "../web/import_report.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct import members FILE --club CODE [--db PATH|URI] [--dry-run] [--json]\n"
    "       nct import persons FILE [--place CODE] [--map FIELD=COLUMN,...] [--dry-run]\n"
    "                               [--json] [--db PATH|URI]\n"
    "\n"
    "nct import persons records the older people listed in FILE in the register: FILE\n"
    "is a UTF-8 CSV (read as a stream, up to 2,000,000 rows) or an .xlsx (its first\n"
    "sheet, up to 32 MiB), one person per row under a header row in Vietnamese. The\n"
    "columns are mapped from the header words (Họ và tên, Giới tính, Ngày sinh, Số\n"
    "CCCD, Dân tộc, Mã xã, Ngày mất, Cư trú từ), or as remembered for the same header\n"
    "row; the mapping is printed first. --map changes it: FIELD is full_name, sex,\n"
    "birth, citizen_id, ethnicity, place, died_on or resident_since, COLUMN a letter\n"
    "(A, B, ...), a number (1, 2, ...) or - for none; a file written remembers its\n"
    "mapping. --place CODE is the commune or village of rows without one. Births as\n"
    "people write them (15/03/1950, 03/1950, 1950). Every row is checked first without\n"
    "holding the store's write lock; a person recorded already (same name without\n"
    "diacritics, birth and place) is not recorded twice; possible duplicates (same\n"
    "citizen ID; same name, birth year and commune) are listed. Then, if no row was\n"
    "refused, all rows are written in one unit: all or nothing. --dry-run only checks.\n"
    "A progress bar goes to stderr when it is a terminal. Memory stays the same\n"
    "whatever the file's size: the keys that find its duplicates (three a row) go,\n"
    "262,144 at a time, to a temporary file in $TMPDIR (else /tmp): 48 bytes a row.\n"
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

/* Each issue of a report, by its line ("cả tệp": the whole file), in Vietnamese. */
static void print_issues(const struct import_report *rep)
{
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
	print_issues(rep);
}

struct import_opts {
	const char *db, *club, *what, *file, *place, *map;
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

/* ---- nct import persons ------------------------------------------------- */

/* A bar on stderr, redrawn in place: the pass and the share of the file read. */
static void progress_bar(void *arg, int pass, uint64_t done, uint64_t total)
{
	(void)arg;
	int pct = total ? (int)(done * 100 / total) : 0, w = pct * 40 / 100;
	char bar[41];
	memset(bar, '#', (size_t)w);
	memset(bar + w, '.', (size_t)(40 - w));
	bar[40] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%%", pass == 1 ? "kiểm tra" : "ghi     ", bar, pct);
	fflush(stderr);
}

static void col_letters(int col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", 'A' + col);
	else
		snprintf(out, 4, "%c%c", 'A' + col / 26 - 1, 'A' + col % 26);
}

static void print_mapping(const struct person_mapping *m)
{
	printf("cách ghép cột (%s; dòng tiêu đề %zu):\n",
	       m->source == MAP_REMEMBERED ? "đã nhớ từ lần nhập trước với cùng dòng tiêu đề"
	                                   : "đoán từ tên cột",
	       m->header_line);
	for (int f = 0; f < PF_COUNT; f++) {
		char c[4];
		if (m->col[f] < 0) {
			printf("  %-15s (không có)\n", person_field_id(f));
			continue;
		}
		col_letters(m->col[f], c);
		printf("  %-15s cột %s «%s»\n", person_field_id(f), c, m->headers[m->col[f]]);
	}
}

static void print_persons(const char *file, const struct person_import_report *rep, nct_err e)
{
	const struct import_report *b = &rep->base;
	if (b->written)
		printf("%s: đã ghi %zu người (%zu đã có trong sổ, không ghi lại) trên %zu dòng.\n",
		       file, b->created, b->existing, b->rows);
	else if (!e)
		printf("%s: %zu dòng đều hợp lệ (%zu người đã có trong sổ); chạy thử, chưa ghi "
		       "gì.\n",
		       file, b->rows, b->existing);
	else if (rep->refused)
		printf("%s: không ghi gì: %zu dòng bị từ chối trên %zu dòng.\n", file, rep->refused,
		       b->rows);
	else
		printf("%s: không ghi gì.\n", file);
	print_issues(b);
	if (rep->refused > b->issues.n)
		printf("  ... và %zu dòng bị từ chối nữa\n", rep->refused - b->issues.n);
	if (rep->ndups)
		printf("có thể trùng (%zu; hãy xem lại, gộp hồ sơ nếu là một người):\n",
		       rep->ndups);
	for (size_t i = 0; i < rep->dups.n; i++) {
		const struct person_dup *d = vec_at(&rep->dups, const struct person_dup, i);
		if (d->other_line)
			printf("  dòng %zu: cùng tên, năm sinh và nơi ở với dòng %zu\n", d->line,
			       d->other_line);
		else if (d->person_id)
			printf("  dòng %zu: %s với người số %lld đã có trong sổ%s\n", d->line,
			       d->same_id ? "cùng số định danh" : "cùng tên, năm sinh và xã",
			       (long long)d->person_id,
			       d->hidden ? " (và người ngoài phạm vi)" : "");
		else
			printf("  dòng %zu: trùng với %lld người ngoài phạm vi của bạn\n", d->line,
			       (long long)d->hidden);
	}
	if (rep->ndups > rep->dups.n)
		printf("  ... và %zu nữa\n", rep->ndups - rep->dups.n);
}

static int import_persons(const struct import_opts *o)
{
	struct ctx x;
	if (!args_system("import", o->db, &x))
		return 1;
	bool tty = isatty(STDERR_FILENO) && !o->json;
	struct person_import_opts po = {o->dry_run, o->place, o->map, tty ? progress_bar : NULL,
	                                NULL};
	struct person_import_report rep;
	char msg[512];
	nct_err e = persons_import_path(&x, o->file, &po, &rep, msg, sizeof msg);
	if (tty)
		fputc('\n', stderr);
	if (msg[0])
		fprintf(stderr, "nct import: %s\n", msg);
	if (o->json) {
		json_t *j = person_import_json(o->file, &rep, "vi");
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', stdout);
		json_decref(j);
	} else {
		if (rep.map.header_line)
			print_mapping(&rep.map);
		print_persons(o->file, &rep, e);
	}
	person_import_report_free(&rep);
	db_close(x.db);
	return e ? 1 : 0;
}

/* Declared in cli.h too; repeated so this file builds before cli.h lists it. */
int cmd_import(int argc, char **argv);

int cmd_import(int argc, char **argv)
{
	struct import_opts o = {0};
	const struct opt opts[] = {{"db", &o.db, NULL},           {"club", &o.club, NULL},
	                           {"dry-run", NULL, &o.dry_run}, {"json", NULL, &o.json},
	                           {"place", &o.place, NULL},     {"map", &o.map, NULL}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "import", help, opts, 2, &pos);
	if (pos.npos == 2 && strcmp(pos.pos[0], "persons") == 0) {
		o.what = pos.pos[0];
		o.file = pos.pos[1];
		return import_persons(&o);
	}
	if (pos.npos != 2 || strcmp(pos.pos[0], "members") != 0) {
		fprintf(stderr, "nct import: say what and from where: nct import members FILE "
		                "--club CODE, or nct import persons FILE\n");
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

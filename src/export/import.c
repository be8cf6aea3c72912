/* import.c - a club's files: the members table for export, and the member
 * importer that reads the same layout back, all or nothing. */
#include "import.h"
#include "columns.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/text.h"
#include "../domain/access.h"
#include "../domain/composition.h"
#include "club_tables.h"

/* ---- the exportable tables ---------------------------------------------- */

static const struct club_export exports[] = {
    {"members", members_table},
    {"activities", activities_table},
    {"ledger", ledger_table},
    {"loans", loans_table},
};

/* Kept beside the table above: the help texts' list. */
static const char export_names[] = "members, activities, ledger, loans";

const struct club_export *club_export_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof exports / sizeof exports[0]; i++)
		if (strcmp(name, exports[i].name) == 0)
			return &exports[i];
	return NULL;
}

const char *club_export_names(void)
{
	return export_names;
}

/* ---- the members layout ------------------------------------------------- */

/* Folded header names each column is known by (the titles and ids above, and
 * what offices write). */
static const char *const aliases[MC_COUNT][4] = {
    [MC_NAME] = {"ho ten", "ho va ten", "full name", "name"},
    [MC_SEX] = {"gioi tinh", "gioi", "sex"},
    [MC_BIRTH] = {"nam sinh", "ngay sinh", "birth", "born"},
    [MC_PLACE] = {"ma noi o", "place", "place code"},
    [MC_POOR] = {"ho ngheo", "poor"},
    [MC_NEAR_POOR] = {"ho can ngheo", "near poor"},
    [MC_DISABILITY] = {"khuyet tat", "nguoi khuyet tat", "disability"},
    [MC_ALONE] = {"song mot minh", "song 1 minh", "lives alone"},
    [MC_ETHNIC] = {"dan toc thieu so", "ethnic minority"},
    [MC_VOLUNTEER] = {"tinh nguyen vien", "volunteer"},
    [MC_JOINED] = {"ngay vao", "ngay vao clb", "ngay tham gia", "joined on"},
    [MC_LEFT] = {"ngay roi", "ngay roi clb", "left on"},
};

static const enum mcol required[] = {MC_NAME, MC_SEX, MC_BIRTH, MC_JOINED};

/* The yes/no columns that are hardship flags, and their bits. */
static const struct {
	enum mcol col;
	unsigned bit;
} flag_cols[] = {
    {MC_POOR, HARDSHIP_POOR},
    {MC_NEAR_POOR, HARDSHIP_NEAR_POOR},
    {MC_DISABILITY, HARDSHIP_DISABILITY},
    {MC_ALONE, HARDSHIP_LIVES_ALONE},
    {MC_ETHNIC, HARDSHIP_ETHNIC_MINORITY},
};

static nct_err member_row(struct table *t, const struct member *m, size_t no, bool en)
{
	const struct person *p = &m->person;
	char b[DATE_LEN];
	birth_format_vn(p->birth, b);
	table_add_row(t);
	table_set_int(t, MC_NO, (int64_t)no);
	table_set_text(t, MC_NAME, p->full_name);
	table_set_text(t, MC_SEX, p->sex == 'F' ? (en ? "F" : "nữ") : (en ? "M" : "nam"));
	table_set_text(t, MC_BIRTH, p->birth.year ? b : NULL);
	table_set_text(t, MC_PLACE, p->place_code);
	table_set_text(t, MC_PLACE_NAME, p->place_name);
	for (size_t i = 0; i < sizeof flag_cols / sizeof flag_cols[0]; i++)
		if (p->hardship & flag_cols[i].bit)
			table_set_text(t, flag_cols[i].col, "x");
	if (m->volunteer)
		table_set_text(t, MC_VOLUNTEER, "x");
	table_set_text(t, MC_JOINED, m->joined_on);
	table_set_text(t, MC_LEFT, m->left_on);
	return table_error(t);
}

nct_err members_table(struct ctx *x, const struct club *c, const char *lang, struct table *out)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct member *v = NULL;
	size_t n = 0;
	table_init(out, en ? "Members" : "Thành viên", member_columns, MC_COUNT);
	out->csv_dates_vn = true; /* like the births: one form of date in the file */
	nct_err e = club_members(x, c, &v, &n);
	for (size_t i = 0; !e && i < n; i++)
		e = member_row(out, &v[i], i + 1, en);
	free(v);
	if (e)
		table_free(out);
	return e;
}

/* ---- the report ---------------------------------------------------------- */

/* A new issue at line, for the caller to refuse into; NULL when the report is
 * full (vec_failed says why). */
static struct refusal *issue_new(struct import_report *rep, size_t line)
{
	struct import_issue *is = vec_push(&rep->issues);
	if (!is)
		return NULL;
	is->line = line;
	return &is->rf;
}

static void report_init(struct import_report *rep, bool dry_run)
{
	memset(rep, 0, sizeof *rep);
	vec_init(&rep->issues, sizeof(struct import_issue), IMPORT_MAX_ISSUES);
	rep->dry_run = dry_run;
}

void import_report_free(struct import_report *rep)
{
	vec_free(&rep->issues);
}

/* A refusal of the row at line (or of the file, at 0) into the report. */
static nct_err issue_refused(struct import_report *rep, size_t line, const struct refusal *rf)
{
	struct refusal *to = issue_new(rep, line);
	if (!to)
		return vec_failed(&rep->issues);
	*to = *rf;
	return NCT_OK;
}

/* ---- the header ------------------------------------------------------------ */

/* The column a header names, or -1: folded, without what is in parentheses. */
static int header_col(const char *cell)
{
	char head[128];
	size_t n = strcspn(cell, "(");
	if (n >= sizeof head)
		return -1;
	memcpy(head, cell, n);
	head[n] = '\0';
	char *f = text_fold_dup(head);
	int found = -1;
	for (int c = 0; f && found < 0 && c < MC_COUNT; c++)
		for (size_t k = 0; k < 4 && aliases[c][k]; k++)
			if (strcmp(f, aliases[c][k]) == 0)
				found = c;
	free(f);
	return found;
}

/* "A".."BL": a column as Excel names it (cols < 64). */
static void col_name(size_t col, char out[4])
{
	if (col < 26) {
		out[0] = (char)('A' + col);
		out[1] = '\0';
	} else {
		out[0] = (char)('A' + col / 26 - 1);
		out[1] = (char)('A' + col % 26);
		out[2] = '\0';
	}
}

#define HEADER_SEARCH 10 /* title rows allowed above the header */

static size_t header_find(const struct sheet *s)
{
	for (size_t r = 0; r < s->rows.n && r < HEADER_SEARCH; r++)
		for (size_t c = 0; c < sheet_row(s, r)->n; c++)
			if (header_col(sheet_cell(s, r, c)) == MC_NAME)
				return r;
	return SIZE_MAX;
}

static nct_err header_missing(const struct sheet *s, struct import_report *rep)
{
	struct refusal rf;
	bool semicolons = strchr(sheet_cell(s, 0, 0), ';') != NULL;
	refuse(&rf, NCT_ERR_INVALID, semicolons ? RF_IMPORT_SEMICOLONS : RF_IMPORT_NO_HEADER,
	       "full_name", "i", (int64_t)HEADER_SEARCH);
	return issue_refused(rep, s->rows.n ? sheet_row(s, 0)->line : 0, &rf);
}

/* Maps columns to fields from the header row; issues for a column named twice
 * or a required one missing. */
static nct_err header_map(const struct sheet *s, int map[MC_COUNT], size_t *hdr,
                          struct import_report *rep)
{
	size_t before = rep->issues.n;
	nct_err e = NCT_OK;
	for (int f = 0; f < MC_COUNT; f++)
		map[f] = -1;
	*hdr = header_find(s);
	if (*hdr == SIZE_MAX)
		return (e = header_missing(s, rep)) ? e : NCT_ERR_INVALID;
	size_t line = sheet_row(s, *hdr)->line;
	for (size_t c = 0; !e && c < sheet_row(s, *hdr)->n; c++) {
		int f = header_col(sheet_cell(s, *hdr, c));
		char a[4], b[4];
		struct refusal rf;
		if (f < 0 || f == MC_NO || f == MC_PLACE_NAME)
			continue;
		if (map[f] < 0) {
			map[f] = (int)c;
			continue;
		}
		col_name((size_t)map[f], a);
		col_name(c, b);
		refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_COLUMN_TWICE, member_columns[f].id, "ss", a,
		       b);
		e = issue_refused(rep, line, &rf);
	}
	for (size_t i = 0; !e && i < sizeof required / sizeof required[0]; i++) {
		struct refusal rf;
		const char *id = member_columns[required[i]].id;
		if (map[required[i]] < 0) {
			refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_COLUMN_MISSING, id, "s", id);
			e = issue_refused(rep, line, &rf);
		}
	}
	return e ? e : rep->issues.n > before ? NCT_ERR_INVALID : NCT_OK;
}

/* ---- one row ------------------------------------------------------------- */

struct row_in {
	char name[256], sex[64], birth[64], place[64], joined[64], left[64];
	unsigned hardship;
	bool volunteer;
};

static bool is_space_at(const char *p, size_t *len)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		*len = 1;
		return true;
	}
	if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) { /* no-break space */
		*len = 2;
		return true;
	}
	return false;
}

/* Copies s trimmed of spaces (and of the apostrophe an export puts before
 * = + - @) into out; false when it does not fit. */
static bool trim_copy(const char *s, char *out, size_t cap)
{
	size_t k;
	while (is_space_at(s, &k))
		s += k;
	if (s[0] == '\'' && (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@'))
		s++;
	size_t n = strlen(s), last = 0;
	for (size_t i = 0; i < n; i += k)
		if (!is_space_at(s + i, &k)) {
			k = 1;
			last = i + 1;
		}
	if (last >= cap)
		return false;
	memcpy(out, s, last);
	out[last] = '\0';
	return true;
}

static const char *cell_of(const struct sheet *s, size_t r, const int map[MC_COUNT], int f)
{
	return map[f] < 0 ? "" : sheet_cell(s, r, (size_t)map[f]);
}

/* Reads 1..max digits at *p; -1 when there are none. */
static int read_num(const char **p, int max)
{
	int v = 0, k = 0;
	for (; k < max && **p >= '0' && **p <= '9'; k++, (*p)++)
		v = v * 10 + (**p - '0');
	return k ? v : -1;
}

static bool is_sep(char c)
{
	return c == '/' || c == '.' || c == '-';
}

/* "15/03/2025", "5.3.2025" or "15-03-2025" -> "2025-03-15"; anything else is
 * copied as it is, for the domain to accept or refuse. */
static void date_norm(const char *s, char *out, size_t cap)
{
	const char *p = s, *ys;
	int d = read_num(&p, 2), m, y;
	char sep = *p;
	if (d >= 0 && is_sep(sep)) {
		p++;
		m = read_num(&p, 2);
		if (m >= 0 && *p == sep) {
			ys = ++p;
			y = read_num(&p, 4);
			if (y >= 0 && p - ys == 4 && !*p) {
				snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
				return;
			}
		}
	}
	snprintf(out, cap, "%s", s);
}

/* A birth as people write it: "1950", "03/1950" -> "1950-03", a full date. */
static void birth_norm(const char *s, char *out, size_t cap)
{
	const char *p = s, *ys;
	int m = read_num(&p, 2), y;
	if (m >= 0 && is_sep(*p)) {
		ys = ++p;
		y = read_num(&p, 4);
		if (y >= 0 && p - ys == 4 && !*p) {
			snprintf(out, cap, "%04d-%02d", y, m);
			return;
		}
	}
	date_norm(s, out, cap);
}

/* 1 yes, 0 no, -1 neither. */
static int yes_no(const char *s)
{
	static const char *const yes[] = {"x", "co", "c", "1", "yes", "y", "true", "v"};
	static const char *const no[] = {"", "0", "khong", "k", "no", "n", "false"};
	if (strcmp(s, "✓") == 0 || strcmp(s, "✔") == 0 || strcmp(s, "☑") == 0)
		return 1;
	if (strcmp(s, "-") == 0)
		return 0;
	char *f = text_fold_dup(s);
	int r = -1;
	for (size_t i = 0; f && r < 0 && i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(f, yes[i]) == 0)
			r = 1;
	for (size_t i = 0; f && r < 0 && i < sizeof no / sizeof no[0]; i++)
		if (strcmp(f, no[i]) == 0)
			r = 0;
	free(f);
	return r;
}

static bool flag_read(const struct sheet *s, size_t r, const int map[MC_COUNT], int f, bool *on,
                      struct refusal *rf)
{
	char v[64];
	int yn = trim_copy(cell_of(s, r, map, f), v, sizeof v) ? yes_no(v) : -1;
	if (yn < 0) {
		refuse(rf, NCT_ERR_INVALID, RF_IMPORT_YES_NO, member_columns[f].id, "s",
		       cell_of(s, r, map, f));
		return false;
	}
	*on = yn == 1;
	return true;
}

static bool text_read(const struct sheet *s, size_t r, const int map[MC_COUNT], int f, char *out,
                      size_t cap, struct refusal *rf)
{
	if (trim_copy(cell_of(s, r, map, f), out, cap))
		return true;
	refuse(rf, NCT_ERR_INVALID, RF_IMPORT_CELL_LENGTH, member_columns[f].id, "i",
	       (int64_t)(cap - 1));
	return false;
}

static bool row_read(const struct sheet *s, size_t r, const int map[MC_COUNT], const struct club *c,
                     struct row_in *in, struct refusal *rf)
{
	char birth[64], joined[64];
	memset(in, 0, sizeof *in);
	if (!text_read(s, r, map, MC_NAME, in->name, sizeof in->name, rf) ||
	    !text_read(s, r, map, MC_SEX, in->sex, sizeof in->sex, rf) ||
	    !text_read(s, r, map, MC_BIRTH, birth, sizeof birth, rf) ||
	    !text_read(s, r, map, MC_PLACE, in->place, sizeof in->place, rf) ||
	    !text_read(s, r, map, MC_JOINED, joined, sizeof joined, rf) ||
	    !text_read(s, r, map, MC_LEFT, in->left, sizeof in->left, rf))
		return false;
	birth_norm(birth, in->birth, sizeof in->birth);
	date_norm(joined, in->joined, sizeof in->joined);
	if (!in->place[0])
		snprintf(in->place, sizeof in->place, "%s", c->place_code);
	for (size_t i = 0; i < sizeof flag_cols / sizeof flag_cols[0]; i++) {
		bool on;
		if (!flag_read(s, r, map, flag_cols[i].col, &on, rf))
			return false;
		in->hardship |= on ? flag_cols[i].bit : 0;
	}
	if (!flag_read(s, r, map, MC_VOLUNTEER, &in->volunteer, rf))
		return false;
	if (in->left[0]) {
		refuse(rf, NCT_ERR_INVALID, RF_IMPORT_FORMER_MEMBER, "left_on", "");
		return false;
	}
	return true;
}

/* A row none of whose read columns has anything but spaces (an STT alone). */
static bool row_blank(const struct sheet *s, size_t r, const int map[MC_COUNT])
{
	for (int f = 0; f < MC_COUNT; f++) {
		char v[8];
		const char *cell = cell_of(s, r, map, f);
		if (cell[0] && (!trim_copy(cell, v, sizeof v) || v[0]))
			return false;
	}
	return true;
}

/* ---- the import ---------------------------------------------------------- */

/* One non-blank row of the file: what was read, or why it could not be. */
struct read_row {
	size_t line;
	bool ok;
	struct row_in in;
	struct refusal rf; /* when !ok */
};

struct importer {
	struct ctx *x;
	const struct club *c;
	const struct sheet *s;
	int map[MC_COUNT];
	struct import_report *rep;
	struct vec read; /* struct read_row, in file order */
};

static nct_err count_rows(struct importer *im, size_t hdr)
{
	for (size_t r = hdr + 1; r < im->s->rows.n; r++)
		if (!row_blank(im->s, r, im->map))
			im->rep->rows++;
	struct refusal rf;
	if (im->rep->rows > IMPORT_MAX_ROWS) {
		refuse(&rf, NCT_ERR_TOOBIG, RF_IMPORT_TOO_MANY, NULL, "nn", (int64_t)im->rep->rows,
		       (int64_t)IMPORT_MAX_ROWS);
		nct_err e = issue_refused(im->rep, 0, &rf);
		return e ? e : NCT_ERR_TOOBIG;
	}
	if (im->rep->rows == 0) {
		refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_NO_ROWS, NULL, "");
		nct_err e = issue_refused(im->rep, sheet_row(im->s, hdr)->line, &rf);
		return e ? e : NCT_ERR_INVALID;
	}
	return NCT_OK;
}

/* Reads every non-blank row below the header into im->read. */
static nct_err read_rows(struct importer *im, size_t hdr)
{
	for (size_t r = hdr + 1; r < im->s->rows.n; r++) {
		if (row_blank(im->s, r, im->map))
			continue;
		struct read_row *rr = vec_push(&im->read);
		if (!rr)
			return vec_failed(&im->read);
		rr->line = sheet_row(im->s, r)->line;
		rr->ok = row_read(im->s, r, im->map, im->c, &rr->in, &rr->rf);
	}
	return NCT_OK;
}

/* The rows read well, as the domain takes them; *n of them. */
static struct member_row *member_rows(const struct importer *im, size_t *n)
{
	struct member_row *rows = calloc(im->read.n ? im->read.n : 1, sizeof *rows);
	*n = 0;
	for (size_t i = 0; rows && i < im->read.n; i++) {
		const struct read_row *rr = vec_at(&im->read, const struct read_row, i);
		const struct row_in *in = &rr->in;
		if (rr->ok)
			rows[(*n)++] = (struct member_row){
			    {in->name, in->sex, in->birth, in->place, in->hardship},
			    in->joined,
			    in->volunteer};
	}
	return rows;
}

/* Reports, in file order, each row that was not read or that the domain
 * refused, and counts the people of the others. */
static nct_err report_rows(struct importer *im, const struct member_row_result *res)
{
	nct_err e = NCT_OK;
	size_t k = 0;
	for (size_t i = 0; !e && i < im->read.n; i++) {
		const struct read_row *rr = vec_at(&im->read, const struct read_row, i);
		const struct member_row_result *r = rr->ok ? &res[k++] : NULL;
		if (!r)
			e = issue_refused(im->rep, rr->line, &rr->rf);
		else if (r->e)
			e = issue_refused(im->rep, rr->line, &r->rf);
		else
			*(r->existing ? &im->rep->existing : &im->rep->created) += 1;
	}
	return e;
}

/* Hands the rows that were read to the domain, which checks them (reading
 * only) and writes them all or none: none when a row could not even be read. */
static nct_err import_rows(struct importer *im)
{
	size_t n;
	struct member_row *rows = member_rows(im, &n);
	struct member_row_result *res = calloc(n ? n : 1, sizeof *res);
	struct refusal rf = {0};
	nct_err e = rows && res ? NCT_OK : NCT_ERR_NOMEM;
	bool unread = n < im->read.n;
	if (!e)
		e = club_import_members(im->x, im->c, rows, n, im->rep->dry_run || unread, res,
		                        &rf);
	if (rf.code) {
		nct_err r = issue_refused(im->rep, 0, &rf);
		e = r ? r : e;
	} else if (!e || e == NCT_ERR_INVALID || e == NCT_ERR_CONFLICT) {
		nct_err r = report_rows(im, res);
		e = r                       ? r
		    : e == NCT_ERR_CONFLICT ? e
		    : im->rep->issues.n     ? NCT_ERR_INVALID
		                            : NCT_OK;
	}
	im->rep->written = !e && !im->rep->dry_run;
	free(rows);
	free(res);
	return e;
}

nct_err members_import(struct ctx *x, const struct club *c, const struct sheet *s, bool dry_run,
                       struct import_report *rep)
{
	struct importer im = {x, c, s, {0}, rep, {0}};
	size_t hdr;
	report_init(rep, dry_run);
	vec_init(&im.read, sizeof(struct read_row), IMPORT_MAX_ROWS);
	nct_err e = header_map(s, im.map, &hdr, rep);
	if (!e)
		e = count_rows(&im, hdr);
	if (!e)
		e = read_rows(&im, hdr);
	if (!e)
		e = import_rows(&im);
	vec_free(&im.read);
	return rep->result = e;
}

nct_err members_import_file(struct ctx *x, const struct club *c, const void *data, size_t len,
                            bool dry_run, struct import_report *rep)
{
	struct sheet s;
	struct refusal rf;
	char msg[IMPORT_MSG] = "";
	nct_err e = access_club(x, c, ACCESS_CHANGE); /* before a byte of the file is read */
	if (!e && len > IMPORT_MAX_BYTES)
		e = NCT_ERR_TOOBIG;
	if (!e && !(e = sheet_read(data, len, &s, msg, sizeof msg))) {
		e = members_import(x, c, &s, dry_run, rep);
		sheet_free(&s);
		return e;
	}
	report_init(rep, dry_run);
	if (e == NCT_ERR_DENIED)
		refuse(&rf, e, RF_DENIED, NULL, "");
	else if (len > IMPORT_MAX_BYTES)
		refuse(&rf, e, RF_IMPORT_FILE_SIZE, NULL, "i", (int64_t)(IMPORT_MAX_BYTES >> 20));
	else
		refuse(&rf, e, RF_IMPORT_UNREADABLE, NULL, "s", msg);
	nct_err e2 = issue_refused(rep, 0, &rf);
	return rep->result = e2 ? e2 : e;
}

#include "person_import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/birth.h"
#include "../base/collate.h"
#include "../base/csv.h"
#include "../base/file.h"
#include "../base/keyset.h"
#include "../base/text.h"
#include "../domain/person.h"
#include "../domain/person_import.h"
#include "../domain/register.h"

#define CSV_CHUNK      (1u << 20) /* bytes read at a time */
#define CSV_RECORD_MAX (4u << 20) /* one record (a quoted field may hold newlines) */
#define HEADER_SEARCH  10         /* title rows allowed above the header */
#define CELL_MAX       256        /* a cell we keep, after trimming */

/* ---- the fields and the words that name them ------------------------------ */

static const struct {
	const char *id;
	const char *exact[8];    /* folded header cells that are this field */
	const char *contains[6]; /* folded words that, at a word start, make it this field */
} fields[PF_COUNT] = {
    [PF_FULL_NAME] = {"full_name",
                      {"ho ten", "ho va ten", "ten", "full name", "full_name", "name",
                       "ho ten nguoi cao tuoi", "ho va ten nguoi cao tuoi"},
                      {"ho ten", "ho va ten", "full name"}},
    [PF_SEX] = {"sex", {"gioi tinh", "gioi", "sex", "gender", "nam nu", "nam/nu"}, {"gioi tinh"}},
    [PF_BIRTH] = {"birth",
                  {"ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay", "birth",
                   "date of birth", "ns"},
                  {"ngay sinh", "nam sinh", "ngay thang nam sinh", "birth"}},
    [PF_CITIZEN_ID] = {"citizen_id",
                       {"cccd", "so cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh",
                        "ma dinh danh", "citizen id", "citizen_id"},
                       {"cccd", "can cuoc", "dinh danh", "cmnd", "citizen id"}},
    [PF_ETHNICITY] = {"ethnicity", {"dan toc", "ethnicity"}, {"dan toc", "ethnic"}},
    [PF_PLACE] = {"place",
                  {"ma xa", "ma noi o", "ma dia ban", "ma don vi", "place", "ma thon", "ma dvhc"},
                  {"ma xa", "ma noi o", "ma dia ban", "ma dvhc", "ma don vi hanh chinh"}},
    [PF_DIED_ON] = {"died_on",
                    {"ngay mat", "ngay chet", "ngay tu vong", "died on", "died_on", "mat ngay"},
                    {"ngay mat", "tu vong", "died"}},
    [PF_RESIDENT_SINCE] = {"resident_since",
                           {"o tu", "cu tru tu", "resident since", "resident_since", "ngay den o"},
                           {"cu tru tu", "resident since", "ngay den o"}},
};
/* The order the "contains" words are tried in: the more particular first
 * ("ngày mất" before "ngày sinh", the ID before the name). */
static const int contains_order[] = {PF_DIED_ON, PF_RESIDENT_SINCE, PF_CITIZEN_ID, PF_ETHNICITY,
                                     PF_PLACE,   PF_BIRTH,          PF_SEX,        PF_FULL_NAME};

const char *person_field_id(int f)
{
	return f >= 0 && f < PF_COUNT ? fields[f].id : "";
}

int person_field_of(const char *id)
{
	for (int f = 0; id && f < PF_COUNT; f++)
		if (strcmp(fields[f].id, id) == 0)
			return f;
	return -1;
}

/* The folded header cell, without what is in parentheses; malloc'd or NULL. */
static char *header_fold(const char *cell)
{
	char head[256];
	size_t n = strcspn(cell, "(");
	if (n >= sizeof head)
		n = sizeof head - 1;
	memcpy(head, cell, n);
	head[n] = '\0';
	text_trim(head);
	return text_fold_dup(head);
}

/* The field a folded header names, or -1. */
static int field_guess(const char *f)
{
	for (int k = 0; f && k < PF_COUNT; k++)
		for (size_t i = 0; i < 8 && fields[k].exact[i]; i++)
			if (strcmp(f, fields[k].exact[i]) == 0)
				return k;
	for (size_t o = 0; f && o < sizeof contains_order / sizeof contains_order[0]; o++) {
		int k = contains_order[o];
		for (size_t i = 0; i < 6 && fields[k].contains[i]; i++)
			if (text_fold_match(f, fields[k].contains[i]))
				return k;
	}
	return -1;
}

/* ---- the rows: a CSV streamed, or an .xlsx read whole ---------------------- */

struct source {
	const char *path;
	FILE *f;
	bool xlsx;
	uint64_t size, done; /* bytes of the file, and read so far */
	uint64_t hash;       /* FNV-1a of the bytes read */
	/* CSV */
	char *buf;
	size_t len, cut; /* bytes in buf; the end of the complete records parsed now */
	bool eof, parsing;
	size_t base;  /* lines before buf */
	uint64_t off; /* bytes of the file before buf */
	struct csv csv;
	/* XLSX */
	struct sheet sheet;
	size_t next_row;
	/* the row read */
	size_t line, ncells;
	const char *cells[SHEET_MAX_COLS];
	/* why the file is no CSV (bad.code 0: it is, as far as read), at line */
	struct refusal bad;
	size_t bad_line;
};

static size_t lines_in(const char *p, size_t n)
{
	size_t k = 0;
	for (const char *q = p; (q = memchr(q, '\n', n - (size_t)(q - p))); q++)
		k++;
	return k;
}

/* Records why the file cannot be read as CSV text; NCT_ERR_INVALID. */
static nct_err source_bad(struct source *s, size_t line, int code, uint64_t byte)
{
	s->bad_line = line;
	if (code == RF_IMPORT_NOT_CSV || code == RF_IMPORT_OLD_EXCEL)
		return refuse(&s->bad, NCT_ERR_INVALID, code, NULL, "");
	return refuse(&s->bad, NCT_ERR_INVALID, code, NULL, "i", (int64_t)byte);
}

/* Checks buf[0..n) is text (UTF-8 without a NUL) before it is parsed, so a
 * file saved in another encoding, or no text at all, is named by its line
 * and byte rather than refused as a CSV. cut: n ends anywhere, perhaps in a
 * character's bytes. */
static nct_err text_check(struct source *s, size_t n, bool cut)
{
	size_t ok = text_utf8_prefix(s->buf, n);
	if (ok == n || (cut && ok + 4 > n && s->buf[ok]))
		return NCT_OK;
	return source_bad(s, s->base + 1 + lines_in(s->buf, ok),
	                  s->buf[ok] ? RF_IMPORT_NOT_UTF8 : RF_IMPORT_NUL_BYTE, s->off + ok + 1);
}

static void hash_add(struct source *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s->hash = (s->hash ^ (unsigned char)p[i]) * 1099511628211u;
	s->done += n;
}

static void source_close(struct source *s)
{
	if (s->f)
		fclose(s->f);
	s->f = NULL;
	if (s->parsing)
		csv_free(&s->csv);
	s->parsing = false;
	free(s->buf);
	s->buf = NULL;
	sheet_free(&s->sheet);
}

static nct_err xlsx_load(struct source *s, char *msg, size_t msglen)
{
	struct buf data;
	char chunk[65536];
	nct_err e = NCT_OK;
	buf_init(&data, PERSON_IMPORT_XLSX_BYTES);
	for (;;) {
		size_t n = fread(chunk, 1, sizeof chunk, s->f);
		if (n && (e = buf_add(&data, chunk, n)))
			break;
		hash_add(s, chunk, n);
		if (n < sizeof chunk) {
			e = ferror(s->f) ? NCT_ERR_IO : NCT_OK;
			break;
		}
	}
	if (e == NCT_ERR_TOOBIG)
		snprintf(msg, msglen, "tệp .xlsx lớn quá %u MiB: hãy lưu thành CSV (UTF-8)",
		         PERSON_IMPORT_XLSX_BYTES >> 20);
	if (!e)
		e = sheet_read_xlsx(data.ptr, data.len, &s->sheet, msg, msglen);
	buf_free(&data);
	return e;
}

static nct_err source_open(struct source *s, const char *path, char *msg, size_t msglen)
{
	struct stat st;
	memset(s, 0, sizeof *s);
	s->path = path;
	s->hash = 1469598103934665603u;
	sheet_init(&s->sheet);
	if (!(s->f = fopen(path, "rb")) || fstat(fileno(s->f), &st) != 0) {
		snprintf(msg, msglen, "không mở được tệp %s: %s", path, strerror(errno));
		return NCT_ERR_IO;
	}
	s->size = (uint64_t)st.st_size;
	unsigned char magic[4] = {0};
	size_t n = fread(magic, 1, 4, s->f);
	s->xlsx = sheet_is_xlsx(magic, n);
	rewind(s->f);
	static const unsigned char ole2[4] = {0xD0, 0xCF, 0x11, 0xE0}; /* .xls, .doc */
	if (n == 4 && memcmp(magic, ole2, 4) == 0)
		return source_bad(s, 0, RF_IMPORT_OLD_EXCEL, 0);
	if (s->xlsx)
		return xlsx_load(s, msg, msglen);
	s->buf = malloc(CSV_RECORD_MAX);
	return s->buf ? NCT_OK : NCT_ERR_NOMEM;
}

/* The end of the last complete record in buf (after a newline outside quotes). */
static size_t records_end(const char *p, size_t n)
{
	bool quoted = false;
	size_t end = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (p[i] == '\n' && !quoted)
			end = i + 1;
	}
	return end;
}

/* Reads more of the file and starts parsing the complete records in it. */
static nct_err csv_refill(struct source *s)
{
	if (s->parsing) {
		csv_free(&s->csv);
		s->parsing = false;
		s->base += lines_in(s->buf, s->cut);
		s->off += s->cut;
		memmove(s->buf, s->buf + s->cut, s->len - s->cut);
		s->len -= s->cut;
		s->cut = 0;
	}
	while (!s->eof && s->len < CSV_RECORD_MAX) {
		size_t want =
		    CSV_RECORD_MAX - s->len < CSV_CHUNK ? CSV_RECORD_MAX - s->len : CSV_CHUNK;
		size_t n = fread(s->buf + s->len, 1, want, s->f);
		hash_add(s, s->buf + s->len, n);
		s->len += n;
		if (n < want) {
			if (ferror(s->f))
				return NCT_ERR_IO;
			s->eof = true;
		}
		if (records_end(s->buf, s->len))
			break;
	}
	s->cut = s->eof ? s->len : records_end(s->buf, s->len);
	if (s->cut == 0 && s->len) { /* one record over CSV_RECORD_MAX: why? */
		nct_err e = text_check(s, s->len, true);
		return e ? e : source_bad(s, s->base + 1, RF_IMPORT_NOT_CSV, 0);
	}
	if (s->cut == 0)
		return NCT_ERR_NOTFOUND;
	nct_err e = text_check(s, s->cut, false);
	if (e)
		return e;
	csv_init(&s->csv, s->buf, s->cut);
	s->parsing = true;
	return NCT_OK;
}

/* The next non-empty row into s->cells; NCT_ERR_NOTFOUND after the last. */
static nct_err source_next(struct source *s)
{
	if (s->xlsx) {
		if (s->next_row >= s->sheet.rows.n)
			return NCT_ERR_NOTFOUND;
		size_t r = s->next_row++;
		const struct sheet_row *row = sheet_row(&s->sheet, r);
		s->line = row->line;
		s->ncells = row->n < SHEET_MAX_COLS ? row->n : SHEET_MAX_COLS;
		for (size_t c = 0; c < s->ncells; c++)
			s->cells[c] = sheet_cell(&s->sheet, r, c);
		return NCT_OK;
	}
	for (;;) {
		nct_err e = s->parsing ? csv_next(&s->csv) : NCT_ERR_NOTFOUND;
		if (e == NCT_OK) {
			s->line = s->base + s->csv.line;
			s->ncells =
			    s->csv.nfields < SHEET_MAX_COLS ? s->csv.nfields : SHEET_MAX_COLS;
			for (size_t c = 0; c < s->ncells; c++)
				s->cells[c] = s->csv.fields[c];
			return NCT_OK;
		}
		if (e != NCT_ERR_NOTFOUND)
			return source_bad(s, s->base + s->csv.line, RF_IMPORT_NOT_CSV, 0);
		if (s->parsing && s->eof && s->cut == s->len)
			return NCT_ERR_NOTFOUND;
		if ((e = csv_refill(s)))
			return e;
	}
}

static const char *cell(const struct source *s, int col)
{
	return col >= 0 && (size_t)col < s->ncells ? s->cells[col] : "";
}

/* ---- the report ------------------------------------------------------------ */

/* An issue listed (a row's, or the file's at line: not a row refused). */
static nct_err issue_add(struct person_import_report *rep, size_t line, const struct refusal *rf)
{
	if (rep->base.issues.n >= IMPORT_MAX_ISSUES)
		return NCT_OK; /* counted, not listed */
	struct import_issue *is = vec_push(&rep->base.issues);
	if (!is)
		return vec_failed(&rep->base.issues);
	is->line = line;
	is->rf = *rf;
	return NCT_OK;
}

static nct_err issue(struct person_import_report *rep, size_t line, const struct refusal *rf)
{
	if (line)
		rep->refused++;
	return issue_add(rep, line, rf);
}

static nct_err dup_add(struct person_import_report *rep, const struct person_dup *d)
{
	rep->ndups++;
	if (rep->dups.n >= PERSON_IMPORT_MAX_DUPS)
		return NCT_OK;
	struct person_dup *to = vec_push(&rep->dups);
	if (!to)
		return vec_failed(&rep->dups);
	*to = *d;
	return NCT_OK;
}

void person_import_report_free(struct person_import_report *rep)
{
	import_report_free(&rep->base);
	vec_free(&rep->dups);
}

/* ---- the header and the mapping -------------------------------------------- */

/* "A".."BL" or "1".."64" -> 0-based column; -1 when neither. */
static int column_of(const char *s)
{
	int v = 0;
	if (s[0] >= '0' && s[0] <= '9') {
		for (; *s >= '0' && *s <= '9' && v <= SHEET_MAX_COLS; s++)
			v = v * 10 + (*s - '0');
		return !*s && v >= 1 && v <= SHEET_MAX_COLS ? v - 1 : -1;
	}
	size_t n = strlen(s);
	for (size_t i = 0; i < n && i < 2; i++) {
		char c = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
		if (c < 'A' || c > 'Z')
			return -1;
		v = v * 26 + (c - 'A' + 1);
	}
	return n >= 1 && n <= 2 && v <= SHEET_MAX_COLS ? v - 1 : -1;
}

/* "full_name=B,birth=4,place=-" over m; false (msg says why) on a bad one. */
static bool overrides_apply(struct person_mapping *m, const char *spec, char *msg, size_t msglen)
{
	char one[64];
	for (const char *p = spec; p && *p;) {
		size_t k = strcspn(p, ",");
		if (k >= sizeof one) {
			snprintf(msg, msglen, "--map: «%.*s» quá dài", (int)(k > 40 ? 40 : k), p);
			return false;
		}
		memcpy(one, p, k);
		one[k] = '\0';
		p += k + (p[k] == ',');
		char *eq = strchr(one, '=');
		if (!eq) {
			snprintf(msg, msglen,
			         "--map: viết TRƯỜNG=CỘT (ví dụ full_name=B), không phải «%s»",
			         one);
			return false;
		}
		*eq = '\0';
		int f = person_field_of(one), c = strcmp(eq + 1, "-") == 0 ? -1 : column_of(eq + 1);
		if (f < 0) {
			snprintf(msg, msglen,
			         "--map: không có trường «%s» (full_name, sex, birth, citizen_id, "
			         "ethnicity, place, died_on, resident_since)",
			         one);
			return false;
		}
		if (c < 0 && strcmp(eq + 1, "-") != 0) {
			snprintf(msg, msglen,
			         "--map: «%s» không phải một cột (A, B, ... hoặc 1, 2, ...)",
			         eq + 1);
			return false;
		}
		for (int g = 0; g < PF_COUNT && c >= 0; g++)
			if (m->col[g] == c)
				m->col[g] = -1; /* a column is one field */
		m->col[f] = c;
	}
	return true;
}

/* The mapping remembered for m->key, if any, over m. */
static nct_err remembered(struct ctx *x, struct person_mapping *m)
{
	char *text = NULL;
	nct_err e = import_mapping_get(x, m->key, &text);
	if (e)
		return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
	json_t *o = json_loads(text, 0, NULL);
	free(text);
	if (!json_is_object(o)) {
		json_decref(o);
		return NCT_OK; /* unreadable: guessed again */
	}
	for (int f = 0; f < PF_COUNT; f++) {
		json_t *v = json_object_get(o, fields[f].id);
		m->col[f] = json_is_integer(v) && json_integer_value(v) >= 0 &&
		                    json_integer_value(v) < (json_int_t)m->ncols
		                ? (int)json_integer_value(v)
		                : -1;
	}
	m->source = MAP_REMEMBERED;
	json_decref(o);
	return NCT_OK;
}

/* The header among the first rows: the first whose words name a full_name
 * column; the mapping guessed from it, then as remembered for its header set. */
static nct_err header_read(struct ctx *x, struct source *s, struct person_mapping *m,
                           struct person_import_report *rep)
{
	struct refusal rf;
	nct_err e = NCT_OK;
	for (size_t r = 0; r < HEADER_SEARCH && (e = source_next(s)) == NCT_OK; r++) {
		char *folded[SHEET_MAX_COLS] = {0};
		bool named = false;
		for (int f = 0; f < PF_COUNT; f++)
			m->col[f] = -1;
		for (size_t c = 0; c < s->ncells; c++) {
			if (!(folded[c] = header_fold(s->cells[c])))
				folded[c] = strdup("");
			int f = field_guess(folded[c]);
			if (f >= 0 && m->col[f] < 0)
				m->col[f] = (int)c;
			named |= f == PF_FULL_NAME;
		}
		if (named) {
			m->header_line = s->line;
			m->ncols = s->ncells;
			for (size_t c = 0; c < s->ncells; c++)
				text_copy(m->headers[c], sizeof m->headers[c], s->cells[c]);
			import_mapping_key("persons", (const char *const *)folded, s->ncells,
			                   m->key);
		}
		for (size_t c = 0; c < s->ncells; c++)
			free(folded[c]);
		if (named)
			return remembered(x, m);
	}
	if (e && e != NCT_ERR_NOTFOUND)
		return e;
	refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_NO_HEADER, "full_name", "i", (int64_t)HEADER_SEARCH);
	return (e = issue(rep, 0, &rf)) ? e : NCT_ERR_INVALID;
}

static nct_err mapping_check(const struct person_mapping *m, struct person_import_report *rep,
                             bool have_place)
{
	static const int required[] = {PF_FULL_NAME, PF_SEX, PF_BIRTH};
	nct_err e = NCT_OK;
	size_t before = rep->base.issues.n;
	for (size_t i = 0; !e && i < sizeof required / sizeof required[0]; i++)
		if (m->col[required[i]] < 0) {
			struct refusal rf;
			refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_COLUMN_MISSING,
			       fields[required[i]].id, "s", fields[required[i]].id);
			e = issue(rep, 0, &rf);
		}
	if (!e && m->col[PF_PLACE] < 0 && !have_place) {
		struct refusal rf;
		refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_COLUMN_MISSING, "place", "s", "place");
		e = issue(rep, 0, &rf);
	}
	return e ? e : rep->base.issues.n > before ? NCT_ERR_INVALID : NCT_OK;
}

static char *mapping_json(const struct person_mapping *m)
{
	json_t *o = json_object();
	for (int f = 0; o && f < PF_COUNT; f++)
		if (m->col[f] >= 0)
			json_object_set_new(o, fields[f].id, json_integer(m->col[f]));
	char *t = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return t;
}

static char *headers_json(const struct person_mapping *m)
{
	json_t *a = json_array();
	for (size_t c = 0; a && c < m->ncols; c++)
		json_array_append_new(a, json_string(m->headers[c]));
	char *t = a ? json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	return t;
}

/* ---- one row --------------------------------------------------------------- */

struct row_text {
	char v[PF_COUNT][CELL_MAX];
};

/* Copies s trimmed of spaces (and no-break spaces) into out; false when long. */
static bool trimmed(const char *s, char *out, size_t cap)
{
	while (*s == ' ' || *s == '\t' ||
	       ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
		s += *s == ' ' || *s == '\t' ? 1 : 2;
	size_t n = strlen(s);
	while (n &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
	        (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)))
		n -= s[n - 1] == (char)0xA0 ? 2 : 1;
	if (n >= cap)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

static bool row_blank(const struct source *s)
{
	for (size_t c = 0; c < s->ncells; c++) {
		char v[CELL_MAX];
		if (!trimmed(s->cells[c], v, sizeof v) || v[0])
			return false;
	}
	return true;
}

/* The row's cells as a person_new (pointing into t); false and rf when a
 * cell is too long. */
static bool row_read(const struct source *s, const struct person_mapping *m, const char *place,
                     struct row_text *t, struct person_new *in, struct refusal *rf)
{
	for (int f = 0; f < PF_COUNT; f++)
		if (!trimmed(cell(s, m->col[f]), t->v[f], sizeof t->v[f])) {
			refuse(rf, NCT_ERR_INVALID, RF_IMPORT_CELL_LENGTH, fields[f].id, "i",
			       (int64_t)CELL_MAX - 1);
			return false;
		}
	char named[CELL_MAX];
	if (name_case(t->v[PF_FULL_NAME], named, sizeof named) == NCT_OK)
		memcpy(t->v[PF_FULL_NAME], named, sizeof named);
	if (!t->v[PF_PLACE][0] && place)
		text_copy(t->v[PF_PLACE], sizeof t->v[PF_PLACE], place);
	*in = (struct person_new){.full_name = t->v[PF_FULL_NAME],
	                          .sex = t->v[PF_SEX],
	                          .birth = t->v[PF_BIRTH],
	                          .place_code = t->v[PF_PLACE],
	                          .citizen_id = t->v[PF_CITIZEN_ID],
	                          .ethnicity = t->v[PF_ETHNICITY],
	                          .died_on = t->v[PF_DIED_ON],
	                          .resident_since = t->v[PF_RESIDENT_SINCE]};
	return true;
}

/* ---- duplicates within the file ---------------------------------------------- */

/* The keys of the rows seen, of three kinds in one set (a kind's salt xored
 * into its keys): its memory is fixed (keyset.h), the keys past its table are
 * in a temporary file. */
enum seen_kind { SEEN_ID, SEEN_NAME, SEEN_SAME };
#define SEEN_SLOTS  (1u << 19) /* 8 MiB: 262,144 keys a run */
#define SEEN_FILTER (8u << 20) /* 8 MiB: 24 bits a key at 1,000,000 rows (3 keys a row) */

static nct_err seen_put(struct keyset *s, enum seen_kind kind, uint64_t key, size_t line,
                        size_t *before)
{
	static const uint64_t salt[] = {0, 0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu};
	uint64_t b = 0;
	nct_err e = keyset_put(s, key ^ salt[kind], line, &b);
	*before = (size_t)b;
	return e;
}

static uint64_t fnv(const char *a, int year, const char *b)
{
	uint64_t h = 1469598103934665603u;
	for (const char *p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ (uint64_t)(unsigned)year) * 1099511628211u;
	for (const char *p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h;
}

/* ---- the two passes -------------------------------------------------------- */

/* A row the first pass accepted, whose store lookups wait for its batch. */
struct pending {
	struct row_text text; /* what in points into */
	struct person_new in;
	size_t line, k;
	size_t before; /* the line of an earlier row of the same name, birth year and place */
	size_t first;  /* the line of an earlier row of the same person (then not asked) */
};

struct importer {
	struct ctx *x;
	const struct person_import_opts *o;
	struct person_import_report *rep;
	struct person_cache *cache;
	struct source src;
	struct keyset seen; /* citizen IDs; names, birth years and places; the same persons */
	uint8_t *existing;  /* a bit per data row: recorded already (found by pass 1) */
	size_t nrows;
	uint64_t hash, size; /* of the file in pass 1 */
	int pass;
	struct row_text text;
	struct pending *pend; /* PERSON_BATCH_MAX rows of pass 1 */
	size_t npend;
	char *msg;
	size_t msglen;
};

/* Every 1,024 rows: the progress told, and the first pass's snapshot of the
 * store ended and begun again (the caller may write; the log is freed). */
static nct_err progress(struct importer *im)
{
	if ((im->nrows & 1023) != 0)
		return NCT_OK;
	if (im->pass == 1)
		person_import_reads_end(im->x);
	if (im->o->progress)
		im->o->progress(im->o->progress_arg, im->pass, im->src.done, im->src.size);
	return im->pass == 1 ? person_import_reads_begin(im->x) : NCT_OK;
}

static nct_err existing_mark(struct importer *im, size_t k)
{
	size_t need = k / 8 + 1;
	if (need > PERSON_IMPORT_MAX_ROWS / 8 + 1)
		return NCT_ERR_TOOBIG;
	if (!im->existing && !(im->existing = calloc(PERSON_IMPORT_MAX_ROWS / 8 + 1, 1)))
		return NCT_ERR_NOMEM;
	im->existing[k / 8] |= (uint8_t)(1u << (k % 8));
	return NCT_OK;
}

static bool existing_at(const struct importer *im, size_t k)
{
	return im->existing && (im->existing[k / 8] >> (k % 8)) & 1u;
}

/* The duplicates within the file of a row accepted (p): the rows before it
 * of the same folded name, birth year and place, and of the same person. */
static nct_err dups_in_file(struct importer *im, struct pending *p, const struct person_ready *ok)
{
	char bt[DATE_LEN];
	char *fold = text_fold_dup(p->in.full_name);
	if (!fold)
		return NCT_ERR_NOMEM;
	birth_format(ok->birth, bt);
	nct_err e = seen_put(&im->seen, SEEN_NAME, fnv(fold, ok->birth.year, ok->place_code),
	                     p->line, &p->before);
	if (!e) /* folded name, birth as written, place */
		e = seen_put(&im->seen, SEEN_SAME, fnv(fold, 0, bt) ^ fnv(ok->place_code, 0, ""),
		             p->line, &p->first);
	free(fold);
	return e;
}

/* The rows held, asked of the store together (the same person recorded, then
 * the possible duplicates of those that are not: one statement each) and
 * reported in their order, as one by one. */
static nct_err pending_flush(struct importer *im)
{
	struct person_import_report *rep = im->rep;
	struct person_same_key keys[PERSON_BATCH_MAX];
	char births[PERSON_BATCH_MAX][DATE_LEN];
	char *folds[PERSON_BATCH_MAX] = {0};
	int64_t same[PERSON_BATCH_MAX] = {0};
	size_t at[PERSON_BATCH_MAX], nat = 0, nask = 0;
	const struct person_new *ask[PERSON_BATCH_MAX];
	struct register_dups *found = NULL;
	nct_err e = NCT_OK;
	size_t n = im->npend;
	im->npend = 0;
	if (n == 0)
		return NCT_OK;
	for (size_t i = 0; i < n; i++)
		if (!im->pend[i].first &&
		    person_same_key_of(&im->pend[i].in, &folds[nat], births[nat])) {
			keys[nat] = (struct person_same_key){folds[nat], births[nat],
			                                     im->pend[i].in.place_code};
			at[nat++] = i;
		}
	int64_t ids[PERSON_BATCH_MAX];
	e = person_find_same_many(im->x, keys, nat, ids);
	for (size_t j = 0; j < nat; j++) {
		same[at[j]] = ids[j];
		free(folds[j]);
	}
	for (size_t i = 0; !e && i < n; i++)
		if (!im->pend[i].first && !same[i])
			ask[nask++] = &im->pend[i].in;
	if (!e && nask && !(found = calloc(nask, sizeof *found)))
		e = NCT_ERR_NOMEM;
	if (!e)
		e = register_duplicates_many(im->x, im->cache, ask, nask, found);
	for (size_t i = 0, j = 0; !e && i < n; i++) {
		const struct pending *p = &im->pend[i];
		if (p->before)
			e = dup_add(rep, &(struct person_dup){p->line, p->before, 0, 0, false});
		if (!e && (same[i] || p->first)) {
			/* recorded already, or the same person as an earlier row: not again */
			rep->base.existing++;
			e = existing_mark(im, p->k);
			continue;
		}
		const struct register_dups *d = &found[j++];
		if (!e && (d->n || d->hidden))
			e = dup_add(rep,
			            &(struct person_dup){
			                p->line, 0, d->n ? d->first.id : 0, d->hidden,
			                d->n && p->in.citizen_id[0] &&
			                    strcmp(d->first.citizen_id, p->in.citizen_id) == 0});
	}
	free(found);
	return e;
}

/* Checks the row read; one accepted is held for its batch's store lookups. */
static nct_err check_row(struct importer *im, size_t k)
{
	struct person_import_report *rep = im->rep;
	struct pending *p = &im->pend[im->npend];
	struct person_ready ok;
	struct refusal rf = {0};
	size_t line = im->src.line;
	if (!row_read(&im->src, &rep->map, im->o->place, &p->text, &p->in, &rf))
		return issue(rep, line, &rf);
	nct_err e = person_ready_cached(im->x, im->cache, &p->in, &ok, &rf);
	if (e == NCT_ERR_INVALID || e == NCT_ERR_DENIED)
		return issue(rep, line, &rf);
	if (e)
		return e;
	if (p->in.citizen_id[0]) {
		size_t before = 0;
		uint64_t key = 0;
		for (const char *c = p->in.citizen_id; *c; c++)
			key = key * 10 + (uint64_t)(*c - '0');
		if ((e = seen_put(&im->seen, SEEN_ID, key, line, &before)))
			return e;
		if (before) {
			refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_CID_TWICE, "citizen_id", "i",
			       (int64_t)before);
			return issue(rep, line, &rf);
		}
	}
	p->line = line;
	p->k = k;
	if ((e = dups_in_file(im, p, &ok)))
		return e;
	im->npend++;
	return NCT_OK;
}

static nct_err pass_check(struct importer *im)
{
	struct person_import_report *rep = im->rep;
	nct_err f = NCT_OK; /* a row's check or its batch's lookups failed */
	im->pass = 1;
	nct_err e = person_import_reads_begin(im->x);
	while (!e && (e = source_next(&im->src)) == NCT_OK) {
		if (row_blank(&im->src))
			continue;
		if (im->nrows >= PERSON_IMPORT_MAX_ROWS) {
			struct refusal rf;
			refuse(&rf, NCT_ERR_TOOBIG, RF_IMPORT_PERSONS_TOO_MANY, NULL, "n",
			       (int64_t)PERSON_IMPORT_MAX_ROWS);
			issue(rep, 0, &rf);
			e = NCT_ERR_TOOBIG;
			break;
		}
		if ((f = check_row(im, im->nrows)))
			break;
		im->nrows++;
		/* a batch is asked before the snapshot is renewed (1,024 = 4 batches) */
		if (im->nrows % PERSON_BATCH_MAX == 0 && (f = pending_flush(im)))
			break;
		e = progress(im);
	}
	if (!f) /* the rows held are asked and reported whatever ended the file */
		f = pending_flush(im);
	if (f)
		e = f;
	person_import_reads_end(im->x);
	if (e != NCT_ERR_NOTFOUND)
		return e;
	rep->base.rows = im->nrows;
	if (im->nrows == 0) {
		struct refusal rf;
		refuse(&rf, NCT_ERR_INVALID, RF_IMPORT_NO_PERSON_ROWS, NULL, "");
		if ((e = issue(rep, 0, &rf)))
			return e;
	}
	return rep->base.issues.n || rep->refused ? NCT_ERR_INVALID : NCT_OK;
}

/* person_import_next_fn of pass 2: the rows again, checked again through the
 * cache (no store reads but for places not seen). */
static nct_err next_row(void *arg, struct person_import_row *row)
{
	struct importer *im = arg;
	nct_err e;
	struct refusal rf = {0};
	while ((e = source_next(&im->src)) == NCT_OK && row_blank(&im->src))
		;
	if (e == NCT_ERR_NOTFOUND && (im->src.hash != im->hash || im->src.done != im->size ||
	                              im->nrows != im->rep->base.rows))
		return NCT_ERR_CONFLICT; /* the file changed since pass 1: roll back */
	if (e)
		return e;
	size_t k = im->nrows++;
	(void)progress(im);
	row->line = im->src.line;
	row->existing = existing_at(im, k);
	if (k >= im->rep->base.rows ||
	    !row_read(&im->src, &im->rep->map, im->o->place, &im->text, &row->in, &rf))
		return NCT_ERR_CONFLICT; /* the file changed */
	e = person_ready_cached(im->x, im->cache, &row->in, &row->ok, &rf);
	return e == NCT_ERR_INVALID ? NCT_ERR_CONFLICT : e;
}

static nct_err pass_write(struct importer *im)
{
	struct person_import_report *rep = im->rep;
	char *mj = mapping_json(&rep->map), *hj = headers_json(&rep->map);
	struct import_mapping map = {rep->map.key, hj, mj};
	char fnv[17];
	snprintf(fnv, sizeof fnv, "%016llx", (unsigned long long)im->hash);
	json_t *sum = json_pack("{s:s, s:s, s:I, s:I, s:s}", "file", im->src.path, "fnv1a64", fnv,
	                        "rows", (json_int_t)rep->base.rows, "existing",
	                        (json_int_t)rep->base.existing, "mapping", mj ? mj : "");
	char *sj = sum ? json_dumps(sum, JSON_COMPACT) : NULL;
	json_decref(sum);
	struct person_import_done done;
	struct refusal rf = {0};
	nct_err e = mj && hj && sj ? NCT_OK : NCT_ERR_NOMEM;
	im->pass = 2;
	im->nrows = 0;
	if (!e)
		e = person_import_write(im->x, next_row, im, &map, sj,
		                        rep->base.rows - rep->base.existing, &done, &rf);
	if (e == NCT_ERR_CONFLICT) {
		if (!rf.code)
			refuse(&rf, NCT_ERR_CONFLICT, RF_IMPORT_FILE_CHANGED, NULL, "");
		issue(rep, done.line, &rf);
	}
	if (!e) {
		rep->base.written = true;
		rep->base.created = done.written;
	}
	free(mj);
	free(hj);
	free(sj);
	return e;
}

/* Pass 2 must read what pass 1 read: next_row compares the hash of the whole
 * file when it reaches the end, before the unit commits. */
static nct_err reopen(struct importer *im, const char *path)
{
	im->hash = im->src.hash;
	im->size = im->src.done;
	source_close(&im->src);
	return source_open(&im->src, path, im->msg, im->msglen);
}

nct_err persons_import_path(struct ctx *x, const char *path, const struct person_import_opts *o,
                            struct person_import_report *rep, char *msg, size_t msglen)
{
	struct importer im = {.x = x, .o = o, .rep = rep, .msg = msg, .msglen = msglen};
	memset(rep, 0, sizeof *rep);
	vec_init(&rep->base.issues, sizeof(struct import_issue), IMPORT_MAX_ISSUES);
	vec_init(&rep->dups, sizeof(struct person_dup), PERSON_IMPORT_MAX_DUPS);
	rep->base.dry_run = o->dry_run;
	msg[0] = '\0';
	im.cache = person_cache_new();
	im.pend = calloc(PERSON_BATCH_MAX, sizeof *im.pend);
	nct_err e = im.cache && im.pend ? keyset_init(&im.seen, SEEN_SLOTS, SEEN_FILTER,
	                                              3u * PERSON_IMPORT_MAX_ROWS)
	                                : NCT_ERR_NOMEM;
	if (!e)
		e = source_open(&im.src, path, msg, msglen);
	if (!e && (e = header_read(x, &im.src, &rep->map, rep)) == NCT_OK && o->overrides &&
	    !overrides_apply(&rep->map, o->overrides, msg, msglen))
		e = NCT_ERR_INVALID;
	if (!e)
		e = mapping_check(&rep->map, rep, o->place && o->place[0]);
	if (!e)
		e = pass_check(&im);
	rep->bytes = im.src.done;
	if (!e && !o->dry_run && (e = reopen(&im, path)) == NCT_OK) {
		/* skip to the row after the header, as pass 1 did */
		while (!e && im.src.line < rep->map.header_line)
			e = source_next(&im.src);
		if (!e)
			e = pass_write(&im);
	}
	if (e && im.src.bad.code) /* not CSV text: the file, not a row, is refused */
		issue_add(rep, im.src.bad_line, &im.src.bad);
	rep->base.result = e;
	source_close(&im.src);
	keyset_free(&im.seen);
	free(im.existing);
	free(im.pend);
	person_cache_free(im.cache);
	return e;
}

/* ---- an upload kept between the steps of the page ----------------------------- */

static const char *upload_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && dir[0] ? dir : "/tmp";
}

static bool upload_token_ok(const char *token)
{
	return token && strlen(token) == UPLOAD_TOKEN_LEN &&
	       strspn(token, "0123456789abcdef") == UPLOAD_TOKEN_LEN;
}

bool person_upload_path(int64_t user_id, const char *token, char *out, size_t cap)
{
	if (!upload_token_ok(token))
		return false;
	int n =
	    snprintf(out, cap, "%s/nct-import-%lld-%s", upload_dir(), (long long)user_id, token);
	return n > 0 && (size_t)n < cap;
}

/* True when name is nct-import-USER-TOKEN, as person_upload_path makes it. */
static bool upload_name(const char *name)
{
	static const char prefix[] = "nct-import-";
	if (strncmp(name, prefix, sizeof prefix - 1) != 0)
		return false;
	name += sizeof prefix - 1;
	size_t digits = strspn(name, "0123456789");
	return digits > 0 && digits <= 19 && name[digits] == '-' &&
	       upload_token_ok(name + digits + 1);
}

size_t person_upload_sweep(time_t now, time_t max_age)
{
	size_t removed = 0;
	DIR *d = opendir(upload_dir());
	if (!d)
		return 0;
	uid_t me = geteuid();
	for (struct dirent *de; (de = readdir(d));) {
		struct stat st;
		if (!upload_name(de->d_name) ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (!S_ISREG(st.st_mode) || st.st_uid != me || st.st_mtime > now - max_age)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

nct_err person_upload_save(int64_t user_id, const char *token, const char *data, size_t len)
{
	char path[512];
	int fd;
	if (!person_upload_path(user_id, token, path, sizeof path))
		return NCT_ERR_INVALID;
	nct_err e = file_create_private(path, true, &fd);
	if (e)
		return e;
	for (size_t done = 0; !e && done < len;) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0)
			e = NCT_ERR_IO;
		else
			done += (size_t)k;
	}
	if (close(fd) != 0 && !e)
		e = NCT_ERR_IO;
	if (e)
		unlink(path);
	return e;
}

void person_upload_drop(int64_t user_id, const char *token)
{
	char path[512];
	if (person_upload_path(user_id, token, path, sizeof path))
		unlink(path);
}

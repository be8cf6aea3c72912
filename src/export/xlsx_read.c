/* xlsx_read.c - the first sheet of an .xlsx, or a CSV file, as rows of text.
 *
 * An .xlsx is a zip of XML parts. The parts are streamed out of the zip in
 * chunks straight into expat, so nothing but the cell texts is kept, and every
 * byte unzipped is counted against one budget (a zip bomb stops there). The
 * parts read, in order: xl/workbook.xml (which sheet is first, 1900 or 1904
 * dates), xl/_rels/workbook.xml.rels (where that sheet, the shared strings and
 * the styles are), the styles (which cell styles are dates), the shared
 * strings, then the sheet. Shared strings are stored once in the sheet's text
 * and cells point at them, so a string repeated in a million cells costs a
 * million offsets, not a million copies. */
#include "xlsx_read.h"

#include <expat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../base/csv.h"
#include "../base/date.h"

#define XLSX_MAX_XF     65536 /* cell styles looked at; later ones count as not dates */
#define XLSX_MAX_FMT_ID 4096  /* custom number format ids looked at */
#define XLSX_PATH       256
#define XLSX_ROW_LIMIT  1048576 /* Excel's last row */

static const char too_big[] = "Trang tính vượt giới hạn: tối đa 100000 dòng, 64 cột, "
                              "32767 byte mỗi ô.";

/* ---- the sheet ---------------------------------------------------------- */

void sheet_init(struct sheet *s)
{
	memset(s, 0, sizeof *s);
	/* one row past the limit may be open: it fails only if it gets a cell */
	vec_init(&s->rows, sizeof(struct sheet_row), SHEET_MAX_ROWS + 1);
	vec_init(&s->cells, sizeof(size_t), SHEET_MAX_CELLS);
	buf_init(&s->text, SHEET_MAX_TEXT);
}

void sheet_free(struct sheet *s)
{
	vec_free(&s->rows);
	vec_free(&s->cells);
	buf_free(&s->text);
}

const char *sheet_cell(const struct sheet *s, size_t row, size_t col)
{
	if (row >= s->rows.n || col >= sheet_row(s, row)->n)
		return "";
	return s->text.ptr + *vec_at(&s->cells, const size_t, sheet_row(s, row)->first + col);
}

/* Stores text (NUL-terminated) and gives its offset; "" is offset 0. */
static nct_err text_put(struct sheet *s, const char *text, size_t len, size_t *off)
{
	nct_err e = NCT_OK;
	*off = 0;
	if (len == 0)
		return NCT_OK;
	if (s->text.len == 0)
		e = buf_addc(&s->text, '\0');
	*off = s->text.len;
	if (!e)
		e = buf_add(&s->text, text, len);
	if (!e)
		e = buf_addc(&s->text, '\0');
	return e;
}

/* Sets cell col of the open row to the text at off (0: nothing to set). */
static nct_err cell_put(struct sheet *s, size_t col, size_t off)
{
	if (off == 0)
		return NCT_OK;
	if (s->rows.n == 0)
		return NCT_ERR_INVALID;
	struct sheet_row *r = vec_at(&s->rows, struct sheet_row, s->rows.n - 1);
	if (col >= SHEET_MAX_COLS || (r->n == 0 && s->rows.n > SHEET_MAX_ROWS))
		return NCT_ERR_TOOBIG;
	/* the cells between the row's last and this one stay empty (0) */
	if (col >= r->n && !vec_grow(&s->cells, r->first + col + 1 - s->cells.n))
		return vec_failed(&s->cells);
	*vec_at(&s->cells, size_t, r->first + col) = off;
	if (col >= r->n)
		r->n = col + 1;
	return NCT_OK;
}

void sheet_row_end(struct sheet *s)
{
	if (s->rows.n && sheet_row(s, s->rows.n - 1)->n == 0)
		vec_pop(&s->rows);
}

nct_err sheet_row_add(struct sheet *s, size_t line)
{
	sheet_row_end(s);
	struct sheet_row *r = vec_push(&s->rows);
	if (!r)
		return vec_failed(&s->rows);
	*r = (struct sheet_row){line, s->cells.n, 0};
	return NCT_OK;
}

nct_err sheet_cell_set(struct sheet *s, size_t col, const char *text, size_t len)
{
	size_t off;
	if (len == 0)
		return NCT_OK;
	if (len > SHEET_MAX_CELL || col >= SHEET_MAX_COLS)
		return NCT_ERR_TOOBIG;
	nct_err e = text_put(s, text, len, &off);
	return e ? e : cell_put(s, col, off);
}

bool sheet_is_xlsx(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

static void say(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t msglen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (msg && msglen)
		vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

/* ---- CSV ---------------------------------------------------------------- */

nct_err sheet_read_csv(const char *data, size_t len, struct sheet *out, char *msg, size_t msglen)
{
	struct csv c;
	nct_err e, csv_e;
	sheet_init(out);
	csv_init(&c, data, len);
	while ((e = csv_e = csv_next(&c)) == NCT_OK) {
		e = sheet_row_add(out, c.line);
		for (size_t i = 0; !e && i < c.nfields; i++)
			e = sheet_cell_set(out, i, c.fields[i], strlen(c.fields[i]));
		if (e)
			break;
	}
	sheet_row_end(out);
	if (e == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	if (e == NCT_ERR_INVALID)
		say(msg, msglen,
		    "Dòng %zu: tệp CSV không đọc được (dấu ngoặc kép lạc chỗ, hoặc tệp không "
		    "phải UTF-8: trong Excel hãy lưu dạng «CSV UTF-8»).",
		    c.line);
	else if (e == NCT_ERR_TOOBIG && csv_e == NCT_ERR_TOOBIG)
		say(msg, msglen, "Dòng %zu: quá %d cột hoặc một ô dài quá %d byte.", c.line,
		    CSV_MAX_FIELDS, CSV_MAX_FIELD);
	else if (e == NCT_ERR_TOOBIG)
		say(msg, msglen, "%s", too_big);
	else if (e)
		say(msg, msglen, "Không đủ bộ nhớ để đọc tệp.");
	csv_free(&c);
	if (e) {
		sheet_free(out);
		sheet_init(out);
	}
	return e;
}

/* ---- XLSX: streaming zip parts through expat ---------------------------- */

struct xlsx {
	zip_t *za;
	size_t budget; /* unzipped bytes still allowed */
	XML_Parser p;  /* the parser running now */
	const char *part;
	nct_err err;
	char *msg;
	size_t msglen;
	struct sheet *out;
	bool date1904;
	char sheet_rid[64];
	char sheet_path[XLSX_PATH], sst_path[XLSX_PATH], styles_path[XLSX_PATH];
	unsigned char fmt_date[XLSX_MAX_FMT_ID]; /* enum date_shown of custom formats */
	unsigned char xf_date[XLSX_MAX_XF];      /* enum date_shown of cell styles */
	size_t nxf;
	struct vec sst; /* size_t: offsets of the shared strings in out->text */
	struct buf cur; /* the text being collected */
};

/* Records the first failure and stops the parser. */
static void fail(struct xlsx *x, nct_err e, const char *why)
{
	if (!x->err) {
		x->err = e;
		say(x->msg, x->msglen, "%s", why);
	}
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
}

static void fail_err(struct xlsx *x, nct_err e)
{
	if (e == NCT_ERR_TOOBIG)
		fail(x, e, too_big);
	else if (e == NCT_ERR_NOMEM)
		fail(x, e, "Không đủ bộ nhớ để đọc tệp.");
	else
		fail(x, e, "Tệp .xlsx hỏng: trang tính không đọc được.");
}

/* The local part of an expat name "namespace|local". */
static const char *local(const XML_Char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The attribute named lname, without a namespace (ns false) or with one. */
static const char *attr(const XML_Char **a, const char *lname, bool ns)
{
	for (size_t i = 0; a[i] && a[i + 1]; i += 2) {
		bool has_ns = strchr(a[i], '|') != NULL;
		if (has_ns == ns && strcmp(local(a[i]), lname) == 0)
			return a[i + 1];
	}
	return NULL;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	fail(*(struct xlsx **)ud, NCT_ERR_INVALID,
	     "Tệp .xlsx có khai báo DOCTYPE: không được phép.");
}

struct part_handlers {
	XML_StartElementHandler start;
	XML_EndElementHandler end;
	XML_CharacterDataHandler text;
};

static XML_Parser parser_new(struct xlsx *x, const struct part_handlers *h, void *ud)
{
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	if (!p)
		return NULL;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, h->start, h->end);
	XML_SetCharacterDataHandler(p, h->text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	x->p = p;
	return p;
}

/* Streams the zip entry name through expat with handlers h; ud's first member
 * is the struct xlsx pointer. NCT_ERR_NOTFOUND when there is no such entry. */
static nct_err part_parse(struct xlsx *x, const char *name, const struct part_handlers *h, void *ud)
{
	zip_int64_t idx = zip_name_locate(x->za, name, 0);
	if (idx < 0)
		return NCT_ERR_NOTFOUND;
	zip_file_t *f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	XML_Parser p = f ? parser_new(x, h, ud) : NULL;
	if (!p) {
		fail(x, f ? NCT_ERR_NOMEM : NCT_ERR_INVALID,
		     "Tệp .xlsx hỏng hoặc có mật khẩu: không mở được.");
		if (f)
			zip_fclose(f);
		return x->err;
	}
	x->part = name;
	char chunk[16384];
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
		if (n < 0) {
			fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: giải nén lỗi.");
			break;
		}
		if ((size_t)n > x->budget) {
			fail(x, NCT_ERR_TOOBIG, "Tệp .xlsx giải nén ra quá 32 MiB.");
			break;
		}
		x->budget -= (size_t)n;
		if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: XML không hợp lệ.");
			break;
		}
		if (n == 0)
			break;
	}
	x->p = NULL;
	XML_ParserFree(p);
	zip_fclose(f);
	return x->err;
}

/* ---- workbook.xml and its relationships --------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = *(struct xlsx **)ud;
	const char *n = local(name);
	if (strcmp(n, "sheet") == 0 && !x->sheet_rid[0]) {
		const char *rid = attr(a, "id", true);
		if (!rid || strlen(rid) >= sizeof x->sheet_rid)
			fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: trang tính đầu không có mã.");
		else
			snprintf(x->sheet_rid, sizeof x->sheet_rid, "%s", rid);
	} else if (strcmp(n, "workbookPr") == 0) {
		const char *d = attr(a, "date1904", false);
		x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	}
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

static void XMLCALL no_text(void *ud, const XML_Char *s, int len)
{
	(void)ud;
	(void)s;
	(void)len;
}

/* A relationship target, relative to xl/ or absolute from the package root. */
static void target_path(struct xlsx *x, const char *target, char out[XLSX_PATH])
{
	int n = target[0] == '/' ? snprintf(out, XLSX_PATH, "%s", target + 1)
	                         : snprintf(out, XLSX_PATH, "xl/%s", target);
	if (n < 0 || n >= XLSX_PATH)
		fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: đường dẫn quá dài.");
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xlsx *x = *(struct xlsx **)ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	const char *id = attr(a, "Id", false), *type = attr(a, "Type", false),
	           *target = attr(a, "Target", false), *mode = attr(a, "TargetMode", false);
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (strcmp(id, x->sheet_rid) == 0)
		target_path(x, target, x->sheet_path);
	else if (ends_with(type, "/sharedStrings"))
		target_path(x, target, x->sst_path);
	else if (ends_with(type, "/styles"))
		target_path(x, target, x->styles_path);
}

/* Finds the first sheet and the parts that go with it. A workbook without
 * relationships gets the usual names. */
static nct_err read_workbook(struct xlsx *x)
{
	static const struct part_handlers wb = {wb_start, no_end, no_text};
	static const struct part_handlers rels = {rels_start, no_end, no_text};
	snprintf(x->sst_path, XLSX_PATH, "xl/sharedStrings.xml");
	snprintf(x->styles_path, XLSX_PATH, "xl/styles.xml");
	nct_err e = part_parse(x, "xl/workbook.xml", &wb, &x);
	if (e == NCT_ERR_NOTFOUND) {
		fail(x, NCT_ERR_INVALID, "Tệp không phải .xlsx: không có xl/workbook.xml.");
		return x->err;
	}
	if (!e && !x->sheet_rid[0])
		fail(x, NCT_ERR_INVALID, "Tệp .xlsx không có trang tính nào.");
	if (x->err)
		return x->err;
	e = part_parse(x, "xl/_rels/workbook.xml.rels", &rels, &x);
	if (e == NCT_ERR_NOTFOUND) {
		snprintf(x->sheet_path, XLSX_PATH, "xl/worksheets/sheet1.xml");
		return NCT_OK;
	}
	if (!e && !x->sheet_path[0])
		fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: không tìm thấy trang tính đầu.");
	return x->err;
}

/* ---- styles: which cell styles show dates ------------------------------- */

/* How much of a date a number format shows. */
enum date_shown { DS_NONE, DS_YEAR, DS_MONTH, DS_DAY };

/* Looks at the first section of a format code, outside quotes, escapes and
 * [..] parts: a day (d) makes it a date; a year (y) with or without a month
 * (m) a year-month or a year. m without y is minutes: "h:mm" is no date. */
static enum date_shown format_shows(const char *code)
{
	bool d = false, m = false, y = false;
	for (const char *p = code; *p && *p != ';'; p++) {
		char c = *p;
		const char *q = c == '"' ? strchr(p + 1, '"') : c == '[' ? strchr(p + 1, ']') : p;
		if (!q)
			return DS_NONE;
		if (q != p)
			p = q;
		else if ((c == '\\' || c == '_' || c == '*') && p[1])
			p++;
		d |= c == 'd' || c == 'D';
		m |= c == 'm' || c == 'M';
		y |= c == 'y' || c == 'Y';
	}
	return d ? DS_DAY : y && m ? DS_MONTH : y ? DS_YEAR : DS_NONE;
}

/* Built-in formats: 14-16 and 22 show a day, 17 (mmm-yy) a month; 27-36 and
 * 50-58 are East Asian dates. */
static enum date_shown builtin_shows(unsigned long id)
{
	if (id == 17)
		return DS_MONTH;
	if ((id >= 14 && id <= 16) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return DS_DAY;
	return DS_NONE;
}

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

struct styles_state {
	struct xlsx *x;
	int in_cellxfs;
};

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct styles_state *st = ud;
	struct xlsx *x = st->x;
	const char *n = local(name);
	unsigned long id;
	if (strcmp(n, "numFmt") == 0) {
		const char *code = attr(a, "formatCode", false);
		if (parse_uint(attr(a, "numFmtId", false), XLSX_MAX_FMT_ID - 1, &id) && code)
			x->fmt_date[id] = (unsigned char)format_shows(code);
	} else if (strcmp(n, "cellXfs") == 0) {
		st->in_cellxfs++;
	} else if (strcmp(n, "xf") == 0 && st->in_cellxfs && x->nxf < XLSX_MAX_XF) {
		if (parse_uint(attr(a, "numFmtId", false), 1000000, &id))
			x->xf_date[x->nxf] = (unsigned char)(id < XLSX_MAX_FMT_ID && x->fmt_date[id]
			                                         ? x->fmt_date[id]
			                                         : builtin_shows(id));
		x->nxf++;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles_state *st = ud;
	if (strcmp(local(name), "cellXfs") == 0 && st->in_cellxfs)
		st->in_cellxfs--;
}

static nct_err read_styles(struct xlsx *x)
{
	static const struct part_handlers h = {styles_start, styles_end, no_text};
	struct styles_state st = {x, 0};
	nct_err e = part_parse(x, x->styles_path, &h, &st);
	return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
}

/* ---- shared strings ----------------------------------------------------- */

struct sst_state {
	struct xlsx *x;
	bool in_si, in_t;
	int in_rph; /* phonetic runs: not part of the text */
};

static void collect(struct xlsx *x, const XML_Char *s, int len)
{
	if (x->err)
		return;
	if (x->cur.len + (size_t)len > SHEET_MAX_CELL) {
		fail(x, NCT_ERR_TOOBIG, too_big);
		return;
	}
	nct_err e = buf_add(&x->cur, s, (size_t)len);
	if (e)
		fail_err(x, e);
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sst_state *st = ud;
	const char *n = local(name);
	(void)a;
	if (strcmp(n, "si") == 0) {
		st->in_si = true;
		buf_reset(&st->x->cur);
	} else if (strcmp(n, "rPh") == 0) {
		st->in_rph++;
	} else if (strcmp(n, "t") == 0 && st->in_si && !st->in_rph) {
		st->in_t = true;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst_state *st = ud;
	struct xlsx *x = st->x;
	const char *n = local(name);
	if (strcmp(n, "t") == 0) {
		st->in_t = false;
	} else if (strcmp(n, "rPh") == 0 && st->in_rph) {
		st->in_rph--;
	} else if (strcmp(n, "si") == 0 && st->in_si) {
		st->in_si = false;
		size_t *off = vec_push(&x->sst);
		nct_err e =
		    off ? text_put(x->out, buf_str(&x->cur), x->cur.len, off) : vec_failed(&x->sst);
		if (e)
			fail_err(x, e);
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
	struct sst_state *st = ud;
	if (st->in_t)
		collect(st->x, s, len);
}

static nct_err read_sst(struct xlsx *x)
{
	static const struct part_handlers h = {sst_start, sst_end, sst_text};
	struct sst_state st = {x, false, false, 0};
	nct_err e = part_parse(x, x->sst_path, &h, &st);
	return e == NCT_ERR_NOTFOUND ? NCT_OK : e;
}

/* ---- the sheet ---------------------------------------------------------- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_TEXT, CT_ISODATE };

struct sheet_state {
	struct xlsx *x;
	bool in_data, in_row, in_c, in_v, in_is, in_t;
	int in_rph;
	size_t last_row; /* Excel row number of the last row seen */
	size_t col, next_col;
	enum cell_type type;
	unsigned long style;
};

/* "B12" -> column 1. false for anything that does not start with 1-3 letters. */
static bool col_of_ref(const char *ref, size_t *col)
{
	size_t v = 0, k = 0;
	for (; ref[k] >= 'A' && ref[k] <= 'Z'; k++) {
		if (k == 3)
			return false;
		v = v * 26 + (size_t)(ref[k] - 'A' + 1);
	}
	if (k == 0 || v > 16384)
		return false;
	*col = v - 1;
	return true;
}

static enum cell_type type_of(const char *t)
{
	if (!t || strcmp(t, "n") == 0)
		return CT_NUMBER;
	if (strcmp(t, "s") == 0)
		return CT_SHARED;
	if (strcmp(t, "inlineStr") == 0)
		return CT_INLINE;
	if (strcmp(t, "d") == 0)
		return CT_ISODATE;
	return CT_TEXT; /* str (a formula's text), b (0 or 1), e (#N/A) */
}

static void row_begin(struct sheet_state *st, const XML_Char **a)
{
	unsigned long r;
	const char *ra = attr(a, "r", false);
	if (!ra) {
		r = st->last_row + 1;
	} else if (!parse_uint(ra, XLSX_ROW_LIMIT, &r) || r == 0) {
		fail(st->x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: số dòng không hợp lệ.");
		return;
	}
	if (r <= st->last_row || r > XLSX_ROW_LIMIT) {
		fail(st->x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: các dòng không theo thứ tự.");
		return;
	}
	nct_err e = sheet_row_add(st->x->out, r);
	if (e) {
		fail_err(st->x, e);
		return;
	}
	st->last_row = r;
	st->in_row = true;
	st->next_col = 0;
}

static void cell_begin(struct sheet_state *st, const XML_Char **a)
{
	const char *ref = attr(a, "r", false);
	if (!ref) {
		st->col = st->next_col;
	} else if (!col_of_ref(ref, &st->col)) {
		fail(st->x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: địa chỉ ô không hợp lệ.");
		return;
	}
	st->type = type_of(attr(a, "t", false));
	if (!parse_uint(attr(a, "s", false), XLSX_MAX_XF, &st->style))
		st->style = 0;
	st->in_c = true;
	st->in_v = st->in_is = st->in_t = false;
	st->in_rph = 0;
	buf_reset(&st->x->cur);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct sheet_state *st = ud;
	const char *n = local(name);
	if (strcmp(n, "sheetData") == 0)
		st->in_data = true;
	else if (strcmp(n, "row") == 0 && st->in_data && !st->in_row)
		row_begin(st, a);
	else if (strcmp(n, "c") == 0 && st->in_row && !st->in_c)
		cell_begin(st, a);
	else if (strcmp(n, "v") == 0 && st->in_c)
		st->in_v = true;
	else if (strcmp(n, "is") == 0 && st->in_c)
		st->in_is = true;
	else if (strcmp(n, "rPh") == 0 && st->in_is)
		st->in_rph++;
	else if (strcmp(n, "t") == 0 && st->in_is && !st->in_rph)
		st->in_t = true;
}

/* An Excel serial day number as "YYYY-MM-DD" (or "YYYY-MM", "YYYY" when the
 * cell shows no more); false when v is not a day number Excel can show
 * (serial 60 is 29 Feb 1900, which never was). */
static bool serial_to_iso(const char *v, bool date1904, enum date_shown shown, char out[DATE_LEN])
{
	int64_t n = 0;
	const char *p = v;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > 2958465) /* 31 Dec 9999 */
			return false;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p)
		return false;
	int64_t days; /* since 1970-01-01 */
	if (date1904)
		days = n - 24107;
	else if (n == 0 || n == 60)
		return false;
	else
		days = n < 60 ? n - 25568 : n - 25569;
	date_format(date_from_days(days), out);
	out[shown == DS_YEAR ? 4 : shown == DS_MONTH ? 7 : 10] = '\0';
	return true;
}

static nct_err cell_value(struct sheet_state *st)
{
	struct xlsx *x = st->x;
	const char *v = buf_str(&x->cur);
	size_t len = x->cur.len;
	unsigned long i;
	char iso[DATE_LEN];
	switch (st->type) {
	case CT_SHARED:
		if (len == 0)
			return NCT_OK;
		if (!parse_uint(v, XLSX_MAX_STRINGS, &i) || i >= x->sst.n)
			return NCT_ERR_INVALID;
		return cell_put(x->out, st->col, *vec_at(&x->sst, size_t, i));
	case CT_NUMBER:
		if (st->style < x->nxf && st->style < XLSX_MAX_XF && x->xf_date[st->style] &&
		    serial_to_iso(v, x->date1904, (enum date_shown)x->xf_date[st->style], iso))
			return sheet_cell_set(x->out, st->col, iso, strlen(iso));
		break;
	case CT_ISODATE:
		if (strchr(v, 'T'))
			len = (size_t)(strchr(v, 'T') - v);
		break;
	default:
		break;
	}
	return sheet_cell_set(x->out, st->col, v, len);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet_state *st = ud;
	const char *n = local(name);
	if (strcmp(n, "v") == 0) {
		st->in_v = false;
	} else if (strcmp(n, "t") == 0) {
		st->in_t = false;
	} else if (strcmp(n, "rPh") == 0 && st->in_rph) {
		st->in_rph--;
	} else if (strcmp(n, "is") == 0) {
		st->in_is = false;
	} else if (strcmp(n, "c") == 0 && st->in_c) {
		st->in_c = false;
		st->next_col = st->col + 1;
		nct_err e = cell_value(st);
		if (e == NCT_ERR_INVALID)
			fail(st->x, e, "Tệp .xlsx hỏng: một ô trỏ tới chuỗi không có.");
		else if (e)
			fail_err(st->x, e);
	} else if (strcmp(n, "row") == 0 && st->in_row) {
		st->in_row = false;
		sheet_row_end(st->x->out);
	} else if (strcmp(n, "sheetData") == 0) {
		st->in_data = false;
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
	struct sheet_state *st = ud;
	if (st->in_c && (st->in_v || (st->in_t && !st->in_rph)))
		collect(st->x, s, len);
}

static nct_err read_sheet(struct xlsx *x)
{
	static const struct part_handlers h = {sheet_start, sheet_end, sheet_text};
	struct sheet_state st;
	memset(&st, 0, sizeof st);
	st.x = x;
	nct_err e = part_parse(x, x->sheet_path, &h, &st);
	if (e == NCT_ERR_NOTFOUND)
		fail(x, NCT_ERR_INVALID, "Tệp .xlsx hỏng: thiếu trang tính đầu.");
	sheet_row_end(x->out);
	return x->err;
}

nct_err sheet_read_xlsx(const void *data, size_t len, struct sheet *out, char *msg, size_t msglen)
{
	struct xlsx *x = calloc(1, sizeof *x);
	sheet_init(out);
	if (!x) {
		say(msg, msglen, "Không đủ bộ nhớ để đọc tệp.");
		return NCT_ERR_NOMEM;
	}
	x->budget = XLSX_MAX_UNZIPPED;
	x->msg = msg;
	x->msglen = msglen;
	x->out = out;
	buf_init(&x->cur, SHEET_MAX_CELL);
	vec_init(&x->sst, sizeof(size_t), XLSX_MAX_STRINGS);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(len ? data : NULL, len, 0, &ze);
	x->za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!x->za) {
		if (src)
			zip_source_free(src);
		fail(x, NCT_ERR_INVALID, "Tệp không phải .xlsx hợp lệ (không mở được tệp zip).");
	}
	zip_error_fini(&ze);
	if (!x->err && !read_workbook(x) && !read_styles(x) && !read_sst(x))
		read_sheet(x);
	nct_err e = x->err;
	if (x->za)
		zip_discard(x->za);
	buf_free(&x->cur);
	vec_free(&x->sst);
	free(x);
	if (e) {
		sheet_free(out);
		sheet_init(out);
	}
	return e;
}

nct_err sheet_read(const void *data, size_t len, struct sheet *out, char *msg, size_t msglen)
{
	if (sheet_is_xlsx(data, len))
		return sheet_read_xlsx(data, len, out, msg, msglen);
	return sheet_read_csv(data, len, out, msg, msglen);
}

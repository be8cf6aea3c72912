/* xlsx.c - export tables as an .xlsx workbook through libxlsxwriter. */
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../base/date.h"
#include "../base/file.h"

#define WIDTH_MIN 6
#define WIDTH_MAX 60

struct formats {
	lxw_format *head, *date, *money;
};

static void formats_make(lxw_workbook *wb, struct formats *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, "dd/mm/yyyy");
	format_set_align(f->date, LXW_ALIGN_LEFT);
	f->money = workbook_add_format(wb);
	format_set_num_format(f->money, "#,##0");
}

/* Characters (not bytes) of UTF-8 text: what a column's width is counted in. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static size_t num_chars(int64_t v, bool grouped)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", (long long)v);
	size_t digits = v < 0 ? (size_t)n - 1 : (size_t)n;
	return (size_t)n + (grouped ? (digits - 1) / 3 : 0);
}

static double col_width(const struct table *t, size_t c, const char *lang)
{
	if (t->cols[c].width > 0)
		return t->cols[c].width;
	size_t w = utf8_chars(table_header(t, c, lang));
	for (size_t r = 0; r < t->nrows; r++) {
		int64_t v;
		const char *s = table_text(t, r, c);
		size_t k = 0;
		if (s)
			k = t->cols[c].type == COL_DATE ? 10 : utf8_chars(s);
		else if (table_num(t, r, c, &v))
			k = num_chars(v, t->cols[c].type == COL_MONEY);
		if (k > w)
			w = k;
	}
	w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
	return (double)w + 2;
}

/* Cell (r, c) of t on the sheet's row `before` + r + 1 (row 0 holds the header). */
static lxw_error cell_write_at(lxw_worksheet *ws, const struct formats *f, const struct table *t,
                               size_t r, size_t c, size_t before)
{
	lxw_row_t row = (lxw_row_t)(before + r + 1);
	lxw_col_t col = (lxw_col_t)c;
	const char *s = table_text(t, r, c);
	int64_t v;
	struct date d;
	if (s && t->cols[c].type == COL_DATE && date_parse(s, &d) == NCT_OK) {
		if (d.y >= 1900) {
			lxw_datetime dt = {d.y, d.m, d.d, 0, 0, 0};
			return worksheet_write_datetime(ws, row, col, &dt, f->date);
		}
		char vn[DATE_LEN]; /* before 1900 Excel has no dates: text as on screen */
		date_format_vn(d, vn);
		return worksheet_write_string(ws, row, col, vn, NULL);
	}
	if (s)
		return worksheet_write_string(ws, row, col, s, NULL);
	if (table_num(t, r, c, &v))
		return worksheet_write_number(ws, row, col, (double)v,
		                              t->cols[c].type == COL_MONEY ? f->money : NULL);
	return LXW_NO_ERROR;
}

static nct_err sheet_write(lxw_workbook *wb, const struct formats *f, const struct table *t,
                           const char *lang)
{
	if (t->err)
		return t->err;
	if (t->ncols == 0 || t->ncols > TABLE_MAX_COLS)
		return NCT_ERR_INVALID;
	if (t->nrows >= LXW_ROW_MAX)
		return NCT_ERR_TOOBIG;
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
	if (!ws)
		return NCT_ERR_INVALID;
	lxw_error le = LXW_NO_ERROR;
	for (size_t c = 0; !le && c < t->ncols; c++)
		le = worksheet_write_string(ws, 0, (lxw_col_t)c, table_header(t, c, lang), f->head);
	for (size_t r = 0; !le && r < t->nrows; r++)
		for (size_t c = 0; !le && c < t->ncols; c++)
			le = cell_write_at(ws, f, t, r, c, 0);
	for (size_t c = 0; !le && c < t->ncols; c++)
		le = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, col_width(t, c, lang),
		                          NULL);
	if (le)
		return le == LXW_ERROR_MEMORY_MALLOC_FAILED ? NCT_ERR_NOMEM : NCT_ERR_INVALID;
	worksheet_freeze_panes(ws, 1, 0);
	le = worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	return le ? NCT_ERR_INVALID : NCT_OK;
}

nct_err xlsx_write_file(const struct table *const *tables, size_t n, const char *lang,
                        const char *path)
{
	if (n == 0 || n > XLSX_MAX_SHEETS)
		return NCT_ERR_INVALID;
	/* libxlsxwriter opens path itself: make it 0600 first, it keeps the mode. */
	int fd;
	if (file_create_private(path, false, &fd) != NCT_OK)
		return NCT_ERR_IO;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return NCT_ERR_NOMEM;
	lxw_doc_properties props = {0};
	props.author = "NCT";
	props.comments = "nct export";
	workbook_set_properties(wb, &props);
	struct formats f;
	formats_make(wb, &f);
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = sheet_write(wb, &f, tables[i], lang);
	if (e) {
		lxw_workbook_free(wb); /* nothing written */
		return e;
	}
	lxw_error le = workbook_close(wb);
	if (le == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return NCT_ERR_NOMEM;
	return le ? NCT_ERR_IO : NCT_OK;
}

static nct_err read_back(int fd, struct buf *out)
{
	char chunk[16384];
	if (lseek(fd, 0, SEEK_SET) != 0)
		return NCT_ERR_IO;
	for (;;) {
		ssize_t k = read(fd, chunk, sizeof chunk);
		if (k < 0)
			return NCT_ERR_IO;
		if (k == 0)
			return NCT_OK;
		nct_err e = buf_add(out, chunk, (size_t)k);
		if (e)
			return e;
	}
}

nct_err xlsx_write_buf(const struct table *const *tables, size_t n, const char *lang,
                       struct buf *out)
{
	const char *dir = getenv("TMPDIR");
	char path[256];
	if (!dir || !dir[0] || strlen(dir) > 200)
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/nct-xlsx-XXXXXX", dir);
	int fd = mkstemp(path); /* 0600, ours: libxlsxwriter reopens it by name */
	if (fd < 0)
		return NCT_ERR_IO;
	nct_err e = xlsx_write_file(tables, n, lang, path);
	if (!e)
		e = read_back(fd, out);
	unlink(path);
	close(fd);
	return e;
}

struct xlsx_stream {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	struct formats f;
	size_t ncols, rows;
	char path[256];
	int fd;
};

void xlsx_stream_free(struct xlsx_stream *s)
{
	if (!s)
		return;
	if (s->wb)
		lxw_workbook_free(s->wb);
	unlink(s->path);
	close(s->fd);
	free(s);
}

static nct_err lxw_err(lxw_error le)
{
	return !le                                            ? NCT_OK
	       : le == LXW_ERROR_MEMORY_MALLOC_FAILED         ? NCT_ERR_NOMEM
	       : le == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE ? NCT_ERR_TOOBIG
	                                                      : NCT_ERR_IO;
}

nct_err xlsx_stream_open(struct xlsx_stream **out, const struct table *first, const char *lang)
{
	*out = NULL;
	if (first->ncols == 0 || first->ncols > TABLE_MAX_COLS)
		return NCT_ERR_INVALID;
	struct xlsx_stream *s = calloc(1, sizeof *s);
	if (!s)
		return NCT_ERR_NOMEM;
	const char *dir = getenv("TMPDIR");
	if (!dir || !dir[0] || strlen(dir) > 200)
		dir = "/tmp";
	snprintf(s->path, sizeof s->path, "%s/nct-xlsx-XXXXXX", dir);
	s->fd = mkstemp(s->path); /* 0600, ours: libxlsxwriter reopens it by name */
	if (s->fd < 0) {
		free(s);
		return NCT_ERR_IO;
	}
	lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir};
	s->wb = workbook_new_opt(s->path, &o);
	s->ncols = first->ncols;
	s->ws = s->wb ? workbook_add_worksheet(s->wb, first->sheet) : NULL;
	if (!s->ws) {
		nct_err e = s->wb ? NCT_ERR_INVALID : NCT_ERR_NOMEM;
		xlsx_stream_free(s);
		return e;
	}
	formats_make(s->wb, &s->f);
	lxw_error le = LXW_NO_ERROR;
	for (size_t c = 0; !le && c < first->ncols; c++)
		le = worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
		                          col_width(first, c, lang), NULL);
	for (size_t c = 0; !le && c < first->ncols; c++)
		le = worksheet_write_string(s->ws, 0, (lxw_col_t)c, table_header(first, c, lang),
		                            s->f.head);
	worksheet_freeze_panes(s->ws, 1, 0);
	if (le) {
		xlsx_stream_free(s);
		return lxw_err(le);
	}
	*out = s;
	return NCT_OK;
}

nct_err xlsx_stream_rows(struct xlsx_stream *s, const struct table *t)
{
	if (t->err)
		return t->err;
	if (t->ncols != s->ncols)
		return NCT_ERR_INVALID;
	if (s->rows + t->nrows >= LXW_ROW_MAX)
		return NCT_ERR_TOOBIG;
	lxw_error le = LXW_NO_ERROR;
	for (size_t r = 0; !le && r < t->nrows; r++)
		for (size_t c = 0; !le && c < t->ncols; c++)
			le = cell_write_at(s->ws, &s->f, t, r, c, s->rows);
	s->rows += t->nrows;
	return lxw_err(le);
}

nct_err xlsx_stream_sheet(struct xlsx_stream *s, const struct table *t, const char *lang)
{
	return sheet_write(s->wb, &s->f, t, lang);
}

/* Ends the workbook into its temporary file (s->fd, at its start after). */
static nct_err stream_end(struct xlsx_stream *s)
{
	lxw_error le =
	    worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)s->rows, (lxw_col_t)(s->ncols - 1));
	if (!le)
		le = workbook_close(s->wb);
	else
		lxw_workbook_free(s->wb);
	s->wb = NULL;
	nct_err e = le == LXW_ERROR_MEMORY_MALLOC_FAILED ? NCT_ERR_NOMEM : le ? NCT_ERR_IO : NCT_OK;
	if (!e && lseek(s->fd, 0, SEEK_SET) != 0)
		e = NCT_ERR_IO;
	return e;
}

nct_err xlsx_stream_close(struct xlsx_stream *s, struct buf *out)
{
	nct_err e = stream_end(s);
	if (!e)
		e = read_back(s->fd, out);
	xlsx_stream_free(s);
	return e;
}

nct_err xlsx_stream_save(struct xlsx_stream *s, const char *path)
{
	char chunk[16384];
	int fd = -1;
	nct_err e = stream_end(s);
	if (!e && file_create_private(path, false, &fd) != NCT_OK)
		e = NCT_ERR_IO;
	for (ssize_t k; !e && (k = read(s->fd, chunk, sizeof chunk)) != 0;)
		if (k < 0 || write(fd, chunk, (size_t)k) != k)
			e = NCT_ERR_IO;
	if (fd >= 0 && close(fd) != 0 && !e)
		e = NCT_ERR_IO;
	xlsx_stream_free(s);
	return e;
}

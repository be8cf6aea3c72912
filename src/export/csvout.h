/* csvout.h - export tables, and their CSV and JSON forms.
 *
 * A table is what every export fills, whatever module owns the data: typed
 * columns (text, date, whole number, money) and rows of cells. The writers -
 * CSV and JSON here, XLSX in xlsx.h - take any table, so a module that wants
 * its data exported only fills one (see club_exports in import.h). */
#ifndef NCT_CSVOUT_H
#define NCT_CSVOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/buf.h"
#include "../base/err.h"
#include "../base/vec.h"

#define TABLE_MAX_COLS  64
#define TABLE_MAX_CELLS 4000000 /* rows x columns */
#define TABLE_MAX_TEXT  (64u * 1024u * 1024u)
#define TABLE_MAX_CELL  32767 /* Excel's limit for one cell */

enum col_type {
	COL_TEXT,  /* any UTF-8 text */
	COL_DATE,  /* "YYYY-MM-DD"; CSV and JSON write it so, XLSX as a date dd/mm/yyyy */
	COL_INT,   /* a whole number */
	COL_MONEY, /* whole đồng; XLSX shows it grouped by thousands */
};

struct table_col {
	const char *id;    /* the English header and JSON key: "full_name" */
	const char *title; /* the Vietnamese header: "Họ tên" */
	enum col_type type;
	int width; /* XLSX width in characters; 0: fitted to the contents */
};

struct table_cell {
	bool set;
	int64_t num; /* COL_INT, COL_MONEY */
	size_t text; /* COL_TEXT, COL_DATE: offset into the table's text */
};

struct table {
	const char *sheet; /* the XLSX sheet name (at most 31 characters, no []:*?/\) */
	const struct table_col *cols;
	size_t ncols;
	struct vec cells; /* struct table_cell: nrows * ncols, row after row */
	size_t nrows;
	struct buf text;
	bool csv_dates_vn; /* CSV writes its dates dd/mm/yyyy (a file people read and
	                    * import back, like the members'); else YYYY-MM-DD */
	nct_err err;       /* the first failure of table_add_row / table_set_*: it stays */
};

/* cols must outlive the table (a static array). */
void table_init(struct table *t, const char *sheet, const struct table_col *cols, size_t ncols);
void table_free(struct table *t);

/* Starts a new row, its cells empty. NCT_ERR_TOOBIG past TABLE_MAX_CELLS. */
nct_err table_add_row(struct table *t);
/* Sets a cell of the last row. table_set_text takes COL_TEXT (valid UTF-8, at
 * most TABLE_MAX_CELL bytes) and COL_DATE ("YYYY-MM-DD" exactly) columns; NULL
 * or "" leaves the cell empty. table_set_int takes COL_INT and COL_MONEY.
 * NCT_ERR_INVALID for a wrong column, type or value; NCT_ERR_TOOBIG. */
nct_err table_set_text(struct table *t, size_t col, const char *s);
nct_err table_set_int(struct table *t, size_t col, int64_t v);
/* A failure of table_add_row or table_set_* stays: every later call answers
 * it and adds nothing, table_error answers it, and no writer (csvout_*,
 * xlsx_*) writes the table: a row builder may set its cells one after another
 * and return table_error once. table_free clears it with the rows. */
nct_err table_error(const struct table *t);

/* A cell's text (NULL when empty or not a text/date cell), or its number. */
const char *table_text(const struct table *t, size_t row, size_t col);
bool table_num(const struct table *t, size_t row, size_t col, int64_t *v);

/* The header of col: the id for lang "en", else the title. */
const char *table_header(const struct table *t, size_t col, const char *lang);

/* Appends the table as CSV (RFC 4180): a UTF-8 byte order mark (so Excel reads
 * Vietnamese right), the header row, CRLF line ends, fields quoted when they
 * hold a comma, quote, CR or LF. Dates are written YYYY-MM-DD, which Excel
 * reads as a date in any locale, or dd/mm/yyyy in a table marked csv_dates_vn. A text cell that
 * starts with = + - @ or a tab gets a leading apostrophe, so Excel does not run it as a formula
 * (the importer removes it). NCT_ERR_TOOBIG past out's limit. */
nct_err csvout_write(const struct table *t, const char *lang, struct buf *out);
/* Its two halves, for a file written a page at a time: the header (with the
 * byte-order mark), then the rows of each page's table in turn. */
nct_err csvout_head(const struct table *t, const char *lang, struct buf *out);
nct_err csvout_rows(const struct table *t, struct buf *out);

/* Appends the table as a JSON array of objects keyed by column id; empty
 * cells are null, numbers are numbers. */
nct_err csvout_json(const struct table *t, struct buf *out);

#endif

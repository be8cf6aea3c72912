/* xlsx_read.h - spreadsheets people upload, read as rows of text cells: the
 * first sheet of an .xlsx workbook (libzip + expat), or a CSV file.
 *
 * Every cell comes out as UTF-8 text: shared and inline strings as written,
 * numbers as Excel stores them ("1950", "50000000", "0.5"), booleans as "1" or
 * "0", error values as shown ("#N/A"). A number whose cell style is a date
 * format (built-in or custom, e.g. dd/mm/yyyy) is converted here, from the
 * Excel serial (1900 or 1904 system), to "YYYY-MM-DD" - or to "YYYY-MM" when
 * the format shows only month and year (mmm-yy), "YYYY" when only the year,
 * as a birth known to the month is typed; the time of day is dropped. A date
 * typed as text ("15/03/2025") stays text: the importer reads
 * both. Formulas are not evaluated: their cached value is read.
 *
 * Limits, all failing closed with NCT_ERR_TOOBIG and nothing kept: the XML
 * parts read may unzip to XLSX_MAX_UNZIPPED bytes in all, a sheet may have
 * SHEET_MAX_ROWS non-empty rows of SHEET_MAX_COLS columns, SHEET_MAX_CELLS cell
 * slots, and a cell SHEET_MAX_CELL bytes. A DOCTYPE in any part is refused. */
#ifndef NCT_XLSX_READ_H
#define NCT_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/buf.h"
#include "../base/err.h"
#include "../base/vec.h"

#define SHEET_MAX_ROWS    100000
#define SHEET_MAX_COLS    64
#define SHEET_MAX_CELLS   2000000
#define SHEET_MAX_CELL    32767
#define SHEET_MAX_TEXT    (48u * 1024u * 1024u)
#define XLSX_MAX_UNZIPPED (32u * 1024u * 1024u)
#define XLSX_MAX_STRINGS  1000000

/* One non-empty row: its cells are s->cells[first .. first+n), offsets into
 * s->text; offset 0 is the empty string. Trailing empty cells are not kept. */
struct sheet_row {
	size_t line; /* the CSV line or the Excel row number (1-based) */
	size_t first;
	size_t n;
};

struct sheet {
	struct vec rows;  /* struct sheet_row; rows.n of them */
	struct vec cells; /* size_t */
	struct buf text;  /* every cell's text, each NUL-terminated */
};

/* Row r, below s->rows.n. */
static inline const struct sheet_row *sheet_row(const struct sheet *s, size_t r)
{
	return vec_at(&s->rows, const struct sheet_row, r);
}

void sheet_init(struct sheet *s);
/* Frees everything; the sheet can be used again after sheet_init. */
void sheet_free(struct sheet *s);

/* The text of cell col (0-based) of row; "" when empty or past the row's end. */
const char *sheet_cell(const struct sheet *s, size_t row, size_t col);

/* Building a sheet: a new row, then its cells in any order (a later value for
 * the same column replaces the earlier). Empty text is not stored; a row left
 * without cells is dropped by the next sheet_row_add or sheet_row_end.
 * NCT_ERR_TOOBIG past the limits, NCT_ERR_NOMEM. */
nct_err sheet_row_add(struct sheet *s, size_t line);
nct_err sheet_cell_set(struct sheet *s, size_t col, const char *text, size_t len);
void sheet_row_end(struct sheet *s);

/* True when data starts like a zip archive ("PK\3\4"): an .xlsx. */
bool sheet_is_xlsx(const void *data, size_t len);

/* Reads data[0..len) into out (initialised here), as XLSX when sheet_is_xlsx,
 * else as CSV (UTF-8, a BOM allowed, RFC 4180). On failure out is empty and
 * msg says why in Vietnamese: NCT_ERR_INVALID for a file that cannot be read,
 * NCT_ERR_TOOBIG past a limit, NCT_ERR_NOMEM. */
nct_err sheet_read(const void *data, size_t len, struct sheet *out, char *msg, size_t msglen);
nct_err sheet_read_csv(const char *data, size_t len, struct sheet *out, char *msg, size_t msglen);
nct_err sheet_read_xlsx(const void *data, size_t len, struct sheet *out, char *msg, size_t msglen);

#endif

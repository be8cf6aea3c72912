/* xlsx.h - export tables as an Excel workbook (libxlsxwriter): one sheet per
 * table, the header row in bold and frozen with a filter on it, dates as real
 * dates shown dd/mm/yyyy, money as numbers grouped by thousands, whole numbers
 * as numbers, columns as wide as their contents (or the width the column
 * asks for). Read it back with xlsx_read.h. */
#ifndef NCT_XLSX_H
#define NCT_XLSX_H

#include <stddef.h>
#include "../base/buf.h"
#include "../base/err.h"
#include "csvout.h"

/* At most this many tables (sheets) in one workbook. */
#define XLSX_MAX_SHEETS 16

/* Writes tables[0..n) into the file path (created, or replaced, with mode
 * 0600: it holds personal data). Headers in
 * lang ("vi" or "en", see table_header). NCT_ERR_IO when the file cannot be
 * written, NCT_ERR_INVALID for no table, too many, or a bad sheet name,
 * NCT_ERR_TOOBIG for more rows than a sheet holds. On failure the file may be
 * left half-written: write to a new name and rename. */
nct_err xlsx_write_file(const struct table *const *tables, size_t n, const char *lang,
                        const char *path);

/* The same workbook appended to out: written to a private temporary file in
 * $TMPDIR (else /tmp), read back and removed. NCT_ERR_TOOBIG past out's limit. */
nct_err xlsx_write_buf(const struct table *const *tables, size_t n, const char *lang,
                       struct buf *out);

/* A one-sheet workbook written a page of rows at a time, in libxlsxwriter's
 * constant-memory mode (each row goes to a private temporary file as it is
 * written): memory is a page's, whatever the rows. The sheet, its columns and
 * their widths come from the first page's table (xlsx_stream_open); every
 * page after has the same columns. xlsx_stream_close appends the workbook to
 * out (as xlsx_write_buf) and frees the stream; xlsx_stream_free drops it
 * unwritten. */
struct xlsx_stream;
nct_err xlsx_stream_open(struct xlsx_stream **s, const struct table *first, const char *lang);
nct_err xlsx_stream_rows(struct xlsx_stream *s, const struct table *t);
/* A further sheet of the workbook, the whole table t at once (as
 * xlsx_write_file writes it: a small table, the totals after a list). */
nct_err xlsx_stream_sheet(struct xlsx_stream *s, const struct table *t, const char *lang);
nct_err xlsx_stream_close(struct xlsx_stream *s, struct buf *out);
/* As xlsx_stream_close, into the file path (created, or replaced, with mode
 * 0600, as xlsx_write_file). */
nct_err xlsx_stream_save(struct xlsx_stream *s, const char *path);
void xlsx_stream_free(struct xlsx_stream *s);

#endif

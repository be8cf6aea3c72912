/* list_file.h - a list written to a CSV or XLSX file a page at a time: each
 * page's rows go from a small table to the writer (csvout_rows, or the
 * constant-memory xlsx_stream), so memory is a page's and the file's, never
 * the whole list's as rows and tables at once. */
#ifndef NCT_LIST_FILE_H
#define NCT_LIST_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/buf.h"
#include "../base/err.h"
#include "csvout.h"
#include "xlsx.h"

/* Big list files built at once in this process (a province's file may take
 * RESP_FILE_MAX of memory): a file becomes big when it passes
 * list_file_big_rows rows, and then it needs one of LIST_FILES_BIG_AT_ONCE
 * places, or list_file_page fails with NCT_ERR_BUSY (try again later)
 * and writes nothing more. A test may lower list_file_big_rows. */
#define LIST_FILES_BIG_AT_ONCE 2
#define LIST_FILE_BIG_ROWS     20000
extern size_t list_file_big_rows;

/* The same places for a file written by other means (the payment workbook):
 * list_file_big_take takes one for *held once rows passes list_file_big_rows
 * (NCT_OK while *held or still small; NCT_ERR_BUSY when all are
 * taken), list_file_big_leave gives back the one *held holds, if any. */
nct_err list_file_big_take(bool *held, size_t rows);
void list_file_big_leave(bool *held);

struct list_file {
	bool xlsx;
	bool big; /* holds one of the LIST_FILES_BIG_AT_ONCE places */
	const char *lang;
	struct buf *out;
	struct xlsx_stream *xs;
	bool started;
	size_t rows;       /* written so far */
	struct table page; /* the caller fills it; list_file_page empties it */
};

/* A file of the table's columns (cols static) into out (appended): XLSX when
 * xlsx, else CSV. */
void list_file_init(struct list_file *f, bool xlsx, const char *sheet, const struct table_col *cols,
                    size_t ncols, const char *lang, struct buf *out);
/* Writes the rows of f->page (the header before the first) and empties it. */
nct_err list_file_page(struct list_file *f);
/* Ends the file (a list of none: its header alone) and frees what f holds,
 * its place among the big files too; list_file_drop frees without ending. */
nct_err list_file_end(struct list_file *f);
void list_file_drop(struct list_file *f);

#endif

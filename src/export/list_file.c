#include "list_file.h"

#include <pthread.h>

size_t list_file_big_rows = LIST_FILE_BIG_ROWS;
static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static int big_files; /* holding a place, under big_lock */

nct_err list_file_big_take(bool *held, size_t rows)
{
	if (*held || rows <= list_file_big_rows)
		return NCT_OK;
	pthread_mutex_lock(&big_lock);
	*held = big_files < LIST_FILES_BIG_AT_ONCE;
	big_files += *held;
	pthread_mutex_unlock(&big_lock);
	return *held ? NCT_OK : NCT_ERR_BUSY;
}

void list_file_big_leave(bool *held)
{
	if (!*held)
		return;
	pthread_mutex_lock(&big_lock);
	big_files--;
	pthread_mutex_unlock(&big_lock);
	*held = false;
}

void list_file_init(struct list_file *f, bool xlsx, const char *sheet, const struct table_col *cols,
                    size_t ncols, const char *lang, struct buf *out)
{
	*f = (struct list_file){.xlsx = xlsx, .lang = lang, .out = out};
	table_init(&f->page, sheet, cols, ncols);
}

static nct_err start(struct list_file *f)
{
	f->started = true;
	return f->xlsx ? xlsx_stream_open(&f->xs, &f->page, f->lang)
	               : csvout_head(&f->page, f->lang, f->out);
}

nct_err list_file_page(struct list_file *f)
{
	nct_err e = list_file_big_take(&f->big, f->rows + f->page.nrows);
	if (!e && !f->started)
		e = start(f);
	if (!e)
		e = f->xlsx ? xlsx_stream_rows(f->xs, &f->page) : csvout_rows(&f->page, f->out);
	f->rows += f->page.nrows;
	table_free(&f->page); /* empty, ready for the next page */
	return e;
}

nct_err list_file_end(struct list_file *f)
{
	nct_err e = f->started ? NCT_OK : start(f);
	if (!e && f->xlsx) {
		e = xlsx_stream_close(f->xs, f->out);
		f->xs = NULL;
	}
	list_file_drop(f);
	return e;
}

void list_file_drop(struct list_file *f)
{
	xlsx_stream_free(f->xs);
	f->xs = NULL;
	table_free(&f->page);
	list_file_big_leave(&f->big);
}

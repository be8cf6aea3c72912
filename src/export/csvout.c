/* csvout.c - export tables: building them, and writing them as CSV or JSON. */
#include "csvout.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/text.h"

void table_init(struct table *t, const char *sheet, const struct table_col *cols, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->sheet = sheet;
	t->cols = cols;
	t->ncols = ncols;
	vec_init(&t->cells, sizeof(struct table_cell), TABLE_MAX_CELLS);
	buf_init(&t->text, TABLE_MAX_TEXT);
}

void table_free(struct table *t)
{
	vec_free(&t->cells);
	buf_free(&t->text);
	t->nrows = 0;
	t->err = NCT_OK;
}

static nct_err add_row(struct table *t)
{
	if (t->ncols == 0 || t->ncols > TABLE_MAX_COLS)
		return NCT_ERR_INVALID;
	if (!vec_grow(&t->cells, t->ncols))
		return vec_failed(&t->cells);
	t->nrows++;
	return NCT_OK;
}

static struct table_cell *last_cell(struct table *t, size_t col)
{
	if (t->nrows == 0 || col >= t->ncols)
		return NULL;
	return vec_at(&t->cells, struct table_cell, (t->nrows - 1) * t->ncols + col);
}

static nct_err set_text(struct table *t, size_t col, const char *s)
{
	struct table_cell *c = last_cell(t, col);
	struct date d;
	if (!c || (t->cols[col].type != COL_TEXT && t->cols[col].type != COL_DATE))
		return NCT_ERR_INVALID;
	if (!s || !s[0])
		return NCT_OK;
	size_t len = strlen(s);
	if (len > TABLE_MAX_CELL)
		return NCT_ERR_TOOBIG;
	if (t->cols[col].type == COL_DATE ? date_parse(s, &d) != NCT_OK : !text_valid_utf8(s, len))
		return NCT_ERR_INVALID;
	/* offset 0 is never a cell's text: a NUL goes first */
	nct_err e = t->text.len ? NCT_OK : buf_addc(&t->text, '\0');
	size_t off = t->text.len;
	if (!e)
		e = buf_add(&t->text, s, len + 1);
	if (e)
		return e;
	c->set = true;
	c->text = off;
	return NCT_OK;
}

static nct_err set_int(struct table *t, size_t col, int64_t v)
{
	struct table_cell *c = last_cell(t, col);
	if (!c || (t->cols[col].type != COL_INT && t->cols[col].type != COL_MONEY))
		return NCT_ERR_INVALID;
	c->set = true;
	c->num = v;
	return NCT_OK;
}

/* The first failure stays: once a row or cell failed, nothing more is added. */
nct_err table_add_row(struct table *t)
{
	return t->err ? t->err : (t->err = add_row(t));
}

nct_err table_set_text(struct table *t, size_t col, const char *s)
{
	return t->err ? t->err : (t->err = set_text(t, col, s));
}

nct_err table_set_int(struct table *t, size_t col, int64_t v)
{
	return t->err ? t->err : (t->err = set_int(t, col, v));
}

nct_err table_error(const struct table *t)
{
	return t->err;
}

static const struct table_cell *cell(const struct table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return NULL;
	const struct table_cell *c =
	    vec_at(&t->cells, const struct table_cell, row * t->ncols + col);
	return c->set ? c : NULL;
}

const char *table_text(const struct table *t, size_t row, size_t col)
{
	const struct table_cell *c = cell(t, row, col);
	if (!c || (t->cols[col].type != COL_TEXT && t->cols[col].type != COL_DATE))
		return NULL;
	return t->text.ptr + c->text;
}

bool table_num(const struct table *t, size_t row, size_t col, int64_t *v)
{
	const struct table_cell *c = cell(t, row, col);
	if (!c || (t->cols[col].type != COL_INT && t->cols[col].type != COL_MONEY))
		return false;
	*v = c->num;
	return true;
}

const char *table_header(const struct table *t, size_t col, const char *lang)
{
	bool en = lang && strcmp(lang, "en") == 0;
	return en ? t->cols[col].id : t->cols[col].title;
}

/* A text that Excel would take for a formula: = + - @, or a tab or CR first. */
static bool formula_like(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	       s[0] == '\r';
}

static nct_err csv_field(struct buf *out, const char *s, bool guard)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	nct_err e = quote ? buf_addc(out, '"') : NCT_OK;
	if (!e && guard && formula_like(s))
		e = buf_addc(out, '\'');
	for (const char *p = s; !e && *p; p++)
		e = *p == '"' ? buf_add(out, "\"\"", 2) : buf_addc(out, *p);
	if (!e && quote)
		e = buf_addc(out, '"');
	return e;
}

static nct_err csv_row(const struct table *t, size_t row, struct buf *out)
{
	nct_err e = NCT_OK;
	for (size_t c = 0; !e && c < t->ncols; c++) {
		int64_t v;
		const char *s = table_text(t, row, c);
		if (c)
			e = buf_addc(out, ',');
		if (e)
			break;
		struct date d;
		char vn[DATE_LEN];
		if (s && t->cols[c].type == COL_DATE && t->csv_dates_vn &&
		    date_parse(s, &d) == NCT_OK) {
			date_format_vn(d, vn);
			s = vn;
		}
		if (s)
			e = csv_field(out, s, t->cols[c].type == COL_TEXT);
		else if (table_num(t, row, c, &v))
			e = buf_printf(out, "%lld", (long long)v);
	}
	return e ? e : buf_add(out, "\r\n", 2);
}

nct_err csvout_head(const struct table *t, const char *lang, struct buf *out)
{
	nct_err e = buf_add(out, "\xEF\xBB\xBF", 3);
	for (size_t c = 0; !e && c < t->ncols; c++) {
		if (c)
			e = buf_addc(out, ',');
		if (!e)
			e = csv_field(out, table_header(t, c, lang), false);
	}
	return e ? e : buf_add(out, "\r\n", 2);
}

nct_err csvout_rows(const struct table *t, struct buf *out)
{
	nct_err e = t->err;
	for (size_t r = 0; !e && r < t->nrows; r++)
		e = csv_row(t, r, out);
	return e;
}

nct_err csvout_write(const struct table *t, const char *lang, struct buf *out)
{
	nct_err e = t->err ? t->err : csvout_head(t, lang, out);
	return e ? e : csvout_rows(t, out);
}

static json_t *json_row(const struct table *t, size_t row)
{
	json_t *o = json_object();
	for (size_t c = 0; o && c < t->ncols; c++) {
		int64_t v;
		const char *s = table_text(t, row, c);
		json_t *val = s                          ? json_string(s)
		              : table_num(t, row, c, &v) ? json_integer((json_int_t)v)
		                                         : json_null();
		if (json_object_set_new(o, t->cols[c].id, val) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

nct_err csvout_json(const struct table *t, struct buf *out)
{
	if (t->err)
		return t->err;
	json_t *a = json_array();
	for (size_t r = 0; a && r < t->nrows; r++) {
		json_t *o = json_row(t, r);
		if (!o || json_array_append_new(a, o) != 0) {
			json_decref(a);
			a = NULL;
		}
	}
	char *s = a ? json_dumps(a, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(a);
	if (!s)
		return NCT_ERR_NOMEM;
	nct_err e = buf_adds(out, s);
	if (!e)
		e = buf_addc(out, '\n');
	free(s);
	return e;
}

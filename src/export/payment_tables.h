/* payment_tables.h - the monthly payment list as export tables (XLSX): the
 * list to pay and sign, a line per person, and the totals by category. The
 * columns follow the commune's usual list (STT, họ tên, năm sinh, số định
 * danh, nơi ở, chế độ, hệ số, số tiền, hình thức, quyết định, ghi chú, ký
 * nhận); the post office's own template was not found (docs/entitlements.md). */
#ifndef NCT_PAYMENT_TABLES_H
#define NCT_PAYMENT_TABLES_H

#include "../domain/payment.h"
#include "csvout.h"

/* Fills lines and totals (initialised here; the caller frees both with
 * table_free). lang "en": channels and notes in English. */
nct_err payment_tables(const struct payment_list *l, const char *lang, struct table *lines,
                       struct table *totals);

/* The list of the place for month as that workbook, written as its lines
 * come (payment_list_each, libxlsxwriter's constant memory: memory is a
 * page's, whatever the place's size), into the file path (mode 0600), or
 * appended to out when path is NULL; l gets the list's totals and counts (no
 * lines). Past list_file_big_rows lines it is a big list file and takes one
 * of their places (list_file.h) until it returns: NCT_ERR_BUSY when
 * none is free. payment_list's refusals and audit. */
struct ctx;
struct buf;
nct_err payment_xlsx(struct ctx *x, const char *place, const char *month, const char *lang,
                     const char *path, struct buf *out, struct payment_list *l, struct refusal *rf);

#endif

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

#endif

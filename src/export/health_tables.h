/* health_tables.h - the two health lists as export tables (CSV, XLSX): the
 * cards expiring within N days and the older people without a valid card
 * (docs/register.md, "Health"). Both are sensitive data: the lists are read
 * through the domain (access_sensitive, view audited) and the caller records
 * the export with health_list_exported. */
#ifndef NCT_HEALTH_TABLES_H
#define NCT_HEALTH_TABLES_H

#include "../domain/health.h"
#include <stdbool.h>
#include "../base/buf.h"
#include "csvout.h"

/* Who pays a card, in words ("Nhà nước đóng" / "the state"). */
const char *card_payer_words(const char *code, const char *lang);

/* The cards of pl's area (NULL: all x sees) expiring within days of on
 * (health_cards_expiring, its refusals), soonest first, as a CSV or XLSX file
 * appended to out (list_file.h): id, full_name, sex, birth, place,
 * place_name, number, valid_from, valid_to, payer (in words). *rows: those
 * written. */
nct_err health_expiring_file(struct ctx *x, const struct place *pl, struct date on, int days,
                             bool xlsx, const char *lang, struct buf *out, size_t *rows,
                             struct refusal *rf);

/* The living people 60+ of pl's area without a card valid on `on`
 * (health_without_card_each: read and written a page at a time), in the
 * register's order: id, full_name, sex, birth, age (on `on`), place,
 * place_name. As above for out and rows. */
nct_err health_without_card_file(struct ctx *x, const struct place *pl, struct date on, bool xlsx,
                                 const char *lang, struct buf *out, size_t *rows,
                                 struct refusal *rf);

#endif

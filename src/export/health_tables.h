/* health_tables.h - the two health lists as export tables (CSV, XLSX): the
 * cards expiring within N days and the older people without a valid card
 * (docs/register.md, "Health"). Both are sensitive data: the lists are read
 * through the domain (access_sensitive, view audited) and the caller records
 * the export with health_list_exported. */
#ifndef NCT_HEALTH_TABLES_H
#define NCT_HEALTH_TABLES_H

#include "../domain/health.h"
#include "csvout.h"

/* Who pays a card, in words ("Nhà nước đóng" / "the state"). */
const char *card_payer_words(const char *code, const char *lang);

/* The cards of pl's area (NULL: all x sees) expiring within days of on
 * (health_cards_expiring, its refusals), soonest first: id, full_name, sex,
 * birth, place, place_name, number, valid_from, valid_to, payer (in words).
 * out is initialised here in every case; the caller frees it with table_free. */
nct_err health_expiring_table(struct ctx *x, const struct place *pl, struct date on, int days,
                              const char *lang, struct table *out, struct refusal *rf);

/* The living people 60+ of pl's area without a card valid on `on`
 * (health_without_card), in the register's order: id, full_name, sex, birth,
 * age (on `on`), place, place_name. As above for out. */
nct_err health_without_card_table(struct ctx *x, const struct place *pl, struct date on,
                                  const char *lang, struct table *out, struct refusal *rf);

#endif

/* fund_words.h - the words of the funds' codes (funds, ledger entry kinds,
 * loan statuses, repayment frequencies) in Vietnamese and English: one table
 * for the pages (web/labels.c asks it) and for the files (club_tables.c), so
 * that a loan's status reads the same on the page and in its CSV. Here in
 * export/, the lowest layer that holds words, since web may call export and
 * export may not call web. */
#ifndef NCT_FUND_WORDS_H
#define NCT_FUND_WORDS_H

#include <stdbool.h>

/* The word of a code ("revolving", "in_arrears", ...); the code itself when it
 * is not one of the set's, "" for NULL. */
const char *fund_word(const char *fund, bool en);
const char *entry_kind_word(const char *kind, bool en);
const char *loan_status_word(const char *status, bool en);
const char *loan_freq_word(const char *freq, bool en);

#endif

/* fund_words.h - the words of the funds' codes (funds, ledger entry kinds,
 * loan statuses, repayment frequencies) in Vietnamese and English: one table
 * for the pages (web/labels.c asks it) and for the files (club_tables.c), so
 * that a loan's status reads the same on the page and in its CSV. Here in
 * export/, the lowest layer that holds words, since web may call export and
 * export may not call web. */
#ifndef NCT_FUND_WORDS_H
#define NCT_FUND_WORDS_H

#include <stdbool.h>
#include <stddef.h>
/* A row of a table of words: a code and its words in Vietnamese and English.
 * Every table of words (these, web/labels.c, the list files', the pages')
 * is an array of these, read by word_find. */
struct word {
	const char *code, *vi, *en;
};
/* The word of code in the n rows of t, in English when en; the code itself
 * when it is not one of them, "" for NULL. */
const char *word_find(const struct word *t, size_t n, const char *code, bool en);
/* word_find in the array t, counted. */
#define WORD_FIND(t, code, en) word_find((t), sizeof(t) / sizeof((t)[0]), (code), (en))

/* The word of a code ("revolving", "in_arrears", ...); the code itself when it
 * is not one of the set's, "" for NULL. */
const char *fund_word(const char *fund, bool en);
const char *entry_kind_word(const char *kind, bool en);
const char *loan_status_word(const char *status, bool en);
const char *loan_freq_word(const char *freq, bool en);

#endif

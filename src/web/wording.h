/* wording.h - refusals (domain/refusal.h) in words, Vietnamese or English: the
 * one table that says every code, the labels of the input fields refusals
 * name, and how values are shown (dates dd/mm/yyyy, money 1.000.000 đ). Pages,
 * the API and the command line all word refusals here. */
#ifndef NCT_WORDING_H
#define NCT_WORDING_H

#include <stddef.h>
#include "../domain/refusal.h"

/* rf in lang ("en" English, else Vietnamese) into out, at most cap bytes (a
 * piece that does not fit is left out whole); "" for RF_NONE. */
void wording_refusal(const struct refusal *rf, const char *lang, char *out, size_t cap);

/* The label of an input field ("joined_on": "Ngày vào câu lạc bộ"), or the
 * field's name when the table has none. */
const char *wording_field(const char *field, const char *lang);

/* The table's text for code in lang, placeholders and all ("{field}", "{1}"),
 * or NULL: what the test of the table reads. */
const char *wording_template(int code, const char *lang);

#endif

#include "celebration_tables.h"
#include "columns.h"
#include "fund_words.h"
#include "list_file.h"

#include <stdlib.h>
#include <string.h>

const char *congratulator_words(const char *code, const char *lang)
{
	static const struct word w[] = {
	    {"president", "Chủ tịch nước", "the President"},
	    {"province", "Chủ tịch UBND tỉnh", "the provincial chairman"},
	    {"commune", "UBND xã", "the commune"},
	};
	return WORD_FIND(w, code, lang && strcmp(lang, "en") == 0);
}

static nct_err celebration_row(struct table *t, const struct celebration *c, const char *lang)
{
	bool en = lang && strcmp(lang, "en") == 0;
	char b[DATE_LEN], sx[2] = {c->person.sex, 0};
	birth_format(c->person.birth, b);
	table_add_row(t);
	table_set_int(t, CC_ID, c->person.id);
	table_set_text(t, CC_FULL_NAME, c->person.full_name);
	table_set_text(t, CC_SEX, en ? sx : (c->person.sex == 'F' ? "nữ" : "nam"));
	table_set_text(t, CC_BIRTH, b);
	table_set_int(t, CC_AGE, c->age);
	table_set_text(t, CC_PLACE, c->person.place_code);
	table_set_text(t, CC_PLACE_NAME, c->person.place_name);
	table_set_text(t, CC_BY, congratulator_words(c->gift.congratulated_by, lang));
	if (c->gift.cash >= 0)
		table_set_int(t, CC_CASH, c->gift.cash);
	if (c->gift.in_kind >= 0)
		table_set_int(t, CC_IN_KIND, c->gift.in_kind);
	table_set_text(t, CC_IN_KIND_TEXT, c->gift.in_kind_description);
	table_set_text(t, CC_GIVEN, c->given ? (en ? "yes" : "có") : (en ? "no" : "chưa"));
	if (c->given)
		table_set_text(t, CC_GIVEN_ON, c->given_on);
	return table_error(t);
}

nct_err celebrations_file(struct ctx *x, const struct place *pl, int year, bool xlsx,
                          const char *lang, struct buf *out, size_t *rows, struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct list_file f;
	list_file_init(&f, xlsx, en ? "Celebrations" : "Chúc thọ mừng thọ", celebration_columns,
	               CC_COUNT, lang, out);
	int64_t total = 0;
	nct_err e = NCT_OK;
	size_t offset = 0;
	do { /* a page at a time, cut in SQL: memory is a page's */
		struct celebration *v = NULL;
		size_t n = 0;
		e = celebrations_page(x, pl, year, offset, CELEBRATION_FILE_PAGE, &v, &n, &total,
		                      rf);
		for (size_t i = 0; !e && i < n; i++)
			e = celebration_row(&f.page, &v[i], lang);
		free(v);
		if (!e)
			e = list_file_page(&f);
		offset += n;
		if (!e && n == 0)
			break;
	} while (!e && (int64_t)offset < total);
	*rows = f.rows;
	if (e)
		list_file_drop(&f);
	return e ? e : list_file_end(&f);
}

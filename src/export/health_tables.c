#include "health_tables.h"

#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"

/* The card's columns of the expiring list, after the person's six. */
enum { EC_NUMBER = 6, EC_VALID_FROM, EC_VALID_TO, EC_PAYER };

/* The expiring list has every column but the age; the without-card list stops at the place. */
static const struct table_col expiring_cols[] = {
    {"id", "Số hồ sơ", COL_INT, 10},
    {"full_name", "Họ tên", COL_TEXT, 0},
    {"sex", "Giới tính", COL_TEXT, 8},
    {"birth", "Năm sinh", COL_TEXT, 12},
    {"place", "Mã nơi ở", COL_TEXT, 10},
    {"place_name", "Nơi ở", COL_TEXT, 0},
    {"number", "Số thẻ BHYT", COL_TEXT, 18},
    {"valid_from", "Giá trị từ ngày", COL_DATE, 12},
    {"valid_to", "Hết hạn ngày", COL_DATE, 12},
    {"payer", "Nguồn đóng", COL_TEXT, 0},
};
static const struct table_col without_cols[] = {
    {"id", "Số hồ sơ", COL_INT, 10},      {"full_name", "Họ tên", COL_TEXT, 0},
    {"sex", "Giới tính", COL_TEXT, 8},    {"birth", "Năm sinh", COL_TEXT, 12},
    {"age", "Tuổi", COL_INT, 6},          {"place", "Mã nơi ở", COL_TEXT, 10},
    {"place_name", "Nơi ở", COL_TEXT, 0},
};

const char *card_payer_words(const char *code, const char *lang)
{
	static const struct {
		const char *code, *vi, *en;
	} w[] = {
	    {"state", "Nhà nước đóng", "the state"},
	    {"province", "Ngân sách tỉnh hỗ trợ", "the province's support"},
	    {"self", "Tự đóng", "self"},
	    {"family", "Gia đình đóng", "the family"},
	};
	bool en = lang && strcmp(lang, "en") == 0;
	for (size_t i = 0; code && i < sizeof w / sizeof w[0]; i++)
		if (strcmp(code, w[i].code) == 0)
			return en ? w[i].en : w[i].vi;
	return code ? code : "";
}

/* The person's cells, from column 0: id, full_name, sex, birth, [age,] place, place_name. */
static nct_err person_cells(struct table *t, const struct person *p, const char *lang, int age)
{
	bool en = lang && strcmp(lang, "en") == 0;
	char b[DATE_LEN], sx[2] = {p->sex, 0};
	size_t c = 4;
	birth_format(p->birth, b);
	nct_err e = table_add_row(t);
	if (!e)
		e = table_set_int(t, 0, p->id);
	if (!e)
		e = table_set_text(t, 1, p->full_name);
	if (!e)
		e = table_set_text(t, 2, en ? sx : (p->sex == 'F' ? "nữ" : "nam"));
	if (!e)
		e = table_set_text(t, 3, b);
	if (!e && age >= 0)
		e = table_set_int(t, c++, age);
	if (!e)
		e = table_set_text(t, c++, p->place_code);
	if (!e)
		e = table_set_text(t, c, p->place_name);
	return e;
}

nct_err health_expiring_table(struct ctx *x, const struct place *pl, struct date on, int days,
                              const char *lang, struct table *out, struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct card_row *v = NULL;
	size_t n = 0;
	table_init(out, en ? "Cards expiring" : "Thẻ BHYT sắp hết hạn", expiring_cols,
	           sizeof expiring_cols / sizeof expiring_cols[0]);
	nct_err e = health_cards_expiring(x, pl, on, days, &v, &n, rf);
	for (size_t i = 0; !e && i < n; i++) {
		const struct health_card *k = &v[i].card;
		e = person_cells(out, &v[i].person, lang, -1);
		if (!e)
			e = table_set_text(out, EC_NUMBER, k->number);
		if (!e)
			e = table_set_text(out, EC_VALID_FROM, k->valid_from);
		if (!e)
			e = table_set_text(out, EC_VALID_TO, k->valid_to);
		if (!e)
			e = table_set_text(out, EC_PAYER, card_payer_words(k->payer, lang));
	}
	free(v);
	return e;
}

nct_err health_without_card_table(struct ctx *x, const struct place *pl, struct date on,
                                  const char *lang, struct table *out, struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct person *v = NULL;
	size_t n = 0;
	table_init(out, en ? "Without a card" : "Chưa có thẻ BHYT", without_cols,
	           sizeof without_cols / sizeof without_cols[0]);
	nct_err e = health_without_card(x, pl, on, &v, &n, rf);
	for (size_t i = 0; !e && i < n; i++)
		e = person_cells(out, &v[i], lang, birth_age_on(v[i].birth, on));
	free(v);
	return e;
}

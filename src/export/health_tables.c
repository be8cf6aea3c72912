#include "health_tables.h"

#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "fund_words.h"
#include "list_file.h"

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
	static const struct word w[] = {
	    {"state", "Nhà nước đóng", "the state"},
	    {"province", "Ngân sách tỉnh hỗ trợ", "the province's support"},
	    {"self", "Tự đóng", "self"},
	    {"family", "Gia đình đóng", "the family"},
	};
	return WORD_FIND(w, code, lang && strcmp(lang, "en") == 0);
}

/* The person's cells, from column 0: id, full_name, sex, birth, [age,] place, place_name. */
static nct_err person_cells(struct table *t, const struct person *p, const char *lang, int age)
{
	bool en = lang && strcmp(lang, "en") == 0;
	char b[DATE_LEN], sx[2] = {p->sex, 0};
	size_t c = 4;
	birth_format(p->birth, b);
	table_add_row(t);
	table_set_int(t, 0, p->id);
	table_set_text(t, 1, p->full_name);
	table_set_text(t, 2, en ? sx : (p->sex == 'F' ? "nữ" : "nam"));
	table_set_text(t, 3, b);
	if (age >= 0)
		table_set_int(t, c++, age);
	table_set_text(t, c++, p->place_code);
	table_set_text(t, c, p->place_name);
	return table_error(t);
}

/* A page of the expiring cards into the file. */
static nct_err expiring_page(const struct card_row *v, size_t n, void *arg)
{
	struct list_file *f = arg;
	for (size_t i = 0; i < n; i++) {
		const struct health_card *k = &v[i].card;
		person_cells(&f->page, &v[i].person, f->lang, -1);
		table_set_text(&f->page, EC_NUMBER, k->number);
		table_set_text(&f->page, EC_VALID_FROM, k->valid_from);
		table_set_text(&f->page, EC_VALID_TO, k->valid_to);
		table_set_text(&f->page, EC_PAYER, card_payer_words(k->payer, f->lang));
	}
	nct_err e = table_error(&f->page);
	return e ? e : list_file_page(f);
}

nct_err health_expiring_file(struct ctx *x, const struct place *pl, struct date on, int days,
                             bool xlsx, const char *lang, struct buf *out, size_t *rows,
                             struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	size_t read = 0;
	struct list_file f;
	list_file_init(&f, xlsx, en ? "Cards expiring" : "Thẻ BHYT sắp hết hạn", expiring_cols,
	               sizeof expiring_cols / sizeof expiring_cols[0], lang, out);
	nct_err e = health_cards_expiring_each(x, pl, on, days, expiring_page, &f, &read, rf);
	*rows = f.rows;
	if (e)
		list_file_drop(&f);
	return e ? e : list_file_end(&f);
}

/* A page of the without-card list into the file. */
struct without_file {
	struct list_file f;
	struct date on;
};

static nct_err without_page(const struct person *v, size_t n, void *arg)
{
	struct without_file *w = arg;
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = person_cells(&w->f.page, &v[i], w->f.lang, birth_age_on(v[i].birth, w->on));
	return e ? e : list_file_page(&w->f);
}

nct_err health_without_card_file(struct ctx *x, const struct place *pl, struct date on, bool xlsx,
                                 const char *lang, struct buf *out, size_t *rows,
                                 struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct without_file w = {.on = on};
	size_t read = 0;
	list_file_init(&w.f, xlsx, en ? "Without a card" : "Chưa có thẻ BHYT", without_cols,
	               sizeof without_cols / sizeof without_cols[0], lang, out);
	nct_err e = health_without_card_each(x, pl, on, without_page, &w, &read, rf);
	*rows = w.f.rows;
	if (e)
		list_file_drop(&w.f);
	return e ? e : list_file_end(&w.f);
}

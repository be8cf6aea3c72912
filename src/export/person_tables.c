#include "person_tables.h"
#include "columns.h"

#include <stdlib.h>
#include <string.h>

static nct_err register_row(struct table *t, const struct person *p, struct date on, bool en)
{
	char b[DATE_LEN], sx[2] = {p->sex, 0};
	birth_format(p->birth, b);
	table_add_row(t);
	table_set_int(t, RC_ID, p->id);
	table_set_text(t, RC_FULL_NAME, p->full_name);
	table_set_text(t, RC_FAMILY, p->family_name);
	table_set_text(t, RC_MIDDLE, p->middle_name);
	table_set_text(t, RC_GIVEN, p->given_name);
	table_set_text(t, RC_SEX, en ? sx : (p->sex == 'F' ? "nữ" : "nam"));
	table_set_text(t, RC_BIRTH, b);
	if (birth_age_on(p->birth, on) >= 0)
		table_set_int(t, RC_AGE, birth_age_on(p->birth, on));
	table_set_text(t, RC_CITIZEN_ID, p->citizen_id);
	table_set_text(t, RC_PLACE, p->place_code);
	table_set_text(t, RC_PLACE_NAME, p->place_name);
	table_set_text(t, RC_DIED_ON, p->died_on);
	return table_error(t);
}

nct_err register_table(struct ctx *x, const struct register_filter *f, const char *lang,
                       struct table *out, struct refusal *rf)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct register_filter all = *f;
	struct register_page pg;
	all.offset = 0;
	all.limit = REGISTER_EXPORT_MAX;
	table_init(out, en ? "Register" : "Danh sách NCT", register_columns, RC_COUNT);
	nct_err e = register_list(x, &all, &pg, rf);
	if (!e && (pg.more || pg.total > REGISTER_EXPORT_MAX))
		e = NCT_ERR_TOOBIG;
	for (size_t i = 0; !e && i < pg.n; i++)
		e = register_row(out, &pg.v[i], f->on, en);
	free(pg.v);
	return e;
}

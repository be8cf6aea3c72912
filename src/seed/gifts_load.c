#include "gifts_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../domain/check.h"
#include "../domain/longevity.h"
#include "refdata.h"

enum {
	G_SCOPE,
	G_FROM,
	G_TO,
	G_VALID_FROM,
	G_VALID_TO,
	G_BY,
	G_CASH,
	G_IN_KIND,
	G_IN_KIND_TEXT,
	G_MINIMUM,
	G_BASIS,
	G_FIELDS = 13
};

static const char gifts_header[] =
    "scope,age_from,age_to,valid_from,valid_to,congratulated_by,cash_vnd,in_kind_vnd,"
    "in_kind_description,is_minimum,legal_basis,source_url,verification";

/* A whole number of at most 9 digits into *v; "" gives empty (-1). */
static bool number(const char *s, bool may_be_empty, int64_t *v)
{
	if (!s[0]) {
		*v = -1;
		return may_be_empty;
	}
	size_t n = strlen(s);
	if (n > 9 || strspn(s, "0123456789") != n)
		return false;
	*v = strtoll(s, NULL, 10);
	return true;
}

static bool day(const char *s, bool may_be_empty, char out[DATE_LEN])
{
	struct date d;
	out[0] = '\0';
	if (!s[0])
		return may_be_empty;
	if (date_parse(s, &d))
		return false;
	date_format(d, out);
	return true;
}

/* One row of the file into r: false when it is malformed. */
static bool gift_read(char **f, struct gift_rule *r)
{
	int64_t from, to, cash, in_kind;
	memset(r, 0, sizeof *r);
	if (!number(f[G_FROM], false, &from) || !number(f[G_TO], true, &to) ||
	    !number(f[G_CASH], true, &cash) || !number(f[G_IN_KIND], true, &in_kind) ||
	    !day(f[G_VALID_FROM], false, r->valid_from) || !day(f[G_VALID_TO], true, r->valid_to) ||
	    !check_listed(congratulators, f[G_BY]) || strlen(f[G_SCOPE]) >= sizeof r->gift.scope ||
	    !f[G_SCOPE][0] || (to >= 0 && to <= from))
		return false;
	text_copy(r->gift.scope, sizeof r->gift.scope, f[G_SCOPE]);
	r->age_from = (int)from;
	r->age_to = (int)to;
	text_copy(r->gift.congratulated_by, sizeof r->gift.congratulated_by, f[G_BY]);
	r->gift.cash = cash;
	r->gift.in_kind = in_kind;
	text_copy(r->gift.in_kind_description, sizeof r->gift.in_kind_description,
	          f[G_IN_KIND_TEXT]);
	r->gift.is_minimum = strcmp(f[G_MINIMUM], "yes") == 0;
	text_copy(r->legal_basis, sizeof r->legal_basis, f[G_BASIS]);
	return true;
}

nct_err gifts_load_reference(struct ctx *x, size_t *rows, char *msg, size_t msglen)
{
	const struct refdata *rd = &refdata_longevity_gifts;
	struct csv c;
	struct vec v;
	char got[512] = "";
	size_t len = 0;
	*rows = 0;
	vec_init(&v, sizeof(struct gift_rule), GIFT_RULES_MAX);
	csv_init(&c, rd->data, rd->size);
	nct_err e = csv_next(&c);
	for (size_t i = 0; !e && i < c.nfields && len < sizeof got; i++)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", i ? "," : "",
		                        c.fields[i]);
	if (!e && strcmp(got, gifts_header) != 0) {
		snprintf(msg, msglen, "%s: the header is not %s", rd->name, gifts_header);
		e = NCT_ERR_INVALID;
	}
	while (!e && (e = csv_next(&c)) == NCT_OK) {
		struct gift_rule *r = vec_push(&v);
		if (!r)
			e = vec_failed(&v);
		else if (c.nfields != G_FIELDS || !gift_read(c.fields, r))
			e = NCT_ERR_INVALID;
	}
	if (e == NCT_ERR_NOTFOUND)
		e = NCT_OK;
	if (e && !msg[0])
		snprintf(msg, msglen, "%s line %zu: %s", rd->name, c.line, nct_err_name(e));
	csv_free(&c);
	if (!e && !(e = unit_begin(x)))
		e = unit_end(x, gift_rules_replace(x, v.ptr, v.n));
	if (!e)
		*rows = v.n;
	vec_free(&v);
	return e;
}

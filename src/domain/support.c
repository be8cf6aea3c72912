/* support.c - the one-off support rules: which one a club falls under on a
 * day, and whether an amount fits its level. */
#include "support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../store/db.h"
#include "ctx.h"

static void say(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t msglen, const char *fmt, ...)
{
	if (!msg || msglen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

#define RULE_COLS                                                                                  \
	"SELECT r.id, r.code, r.name, r.founded_from, r.founded_to, r.amount, r.planned,"          \
	" r.once_per_club, r.valid_from, r.valid_to, r.raised_by, r.source FROM support_rules r "

static int rule_row(struct db_stmt *st, void *row, void *arg)
{
	struct support_rule *r = row;
	(void)arg;
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	text_copy(r->code, sizeof r->code, db_col_text(st, 1));
	text_copy(r->name, sizeof r->name, db_col_text(st, 2));
	text_copy(r->founded_from, sizeof r->founded_from, db_col_text(st, 3));
	text_copy(r->founded_to, sizeof r->founded_to, db_col_text(st, 4));
	r->amount = db_col_int(st, 5);
	r->planned = db_col_int(st, 6) != 0;
	r->once = db_col_int(st, 7) != 0;
	text_copy(r->valid_from, sizeof r->valid_from, db_col_text(st, 8));
	text_copy(r->valid_to, sizeof r->valid_to, db_col_text(st, 9));
	text_copy(r->raised_by, sizeof r->raised_by, db_col_text(st, 10));
	text_copy(r->source, sizeof r->source, db_col_text(st, 11));
	return DB_KEEP;
}

nct_err support_rule_get(struct ctx *x, int64_t id, struct support_rule *out)
{
	static const char sql[] = RULE_COLS "WHERE r.id = ?";
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_int(st, 1, id);
	return db_row(st, out, rule_row, NULL);
}

nct_err support_rules_covering(struct ctx *x, const char *kind, const char *founded,
                               struct support_rule **out, size_t *n)
{
	static const char sql[] =
	    RULE_COLS "JOIN support_rule_kinds k ON k.rule_id = r.id WHERE k.kind = ?"
	              " AND r.founded_from <= ? AND r.founded_to >= ? ORDER BY r.valid_from, r.id";
	struct vec v;
	vec_init(&v, sizeof **out, SUPPORT_RULES_MAX);
	struct db_stmt *st = db_prepare(x->db, sql);
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, founded);
	db_bind_text(st, 3, founded);
	nct_err e = db_rows(st, &v, rule_row, NULL);
	*out = vec_result(&v, e, n);
	return e;
}

static bool in_force(const struct support_rule *r, const char *day)
{
	return strcmp(r->valid_from, day) <= 0 &&
	       (!r->valid_to[0] || strcmp(day, r->valid_to) <= 0);
}

static void say_date(const char *iso, char out[DATE_LEN])
{
	struct date d;
	text_copy(out, DATE_LEN, iso);
	if (date_parse(iso, &d) == NCT_OK)
		date_format_vn(d, out);
}

/* Why none of the n rules covering the club (n > 0, by valid_from) is in force
 * on `on`: the day is before the first, or after the one that ended last. */
static void say_out_of_force(const struct support_rule *v, size_t n, struct date on, char *msg,
                             size_t msglen)
{
	char day[DATE_LEN], vn[DATE_LEN], from[DATE_LEN], to[DATE_LEN];
	date_format(on, day);
	date_format_vn(on, vn);
	if (strcmp(day, v[0].valid_from) < 0) {
		say_date(v[0].valid_from, from);
		say(msg, msglen,
		    "Quy định “%s” áp dụng từ ngày %s; không ghi khoản hỗ trợ này vào ngày %s, "
		    "trước khi có quy định.",
		    v[0].name, from, vn);
		return;
	}
	const struct support_rule *last = &v[0];
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i].valid_to, last->valid_to) > 0)
			last = &v[i];
	say_date(last->valid_from, from);
	say_date(last->valid_to, to);
	say(msg, msglen,
	    "Quy định “%s” áp dụng từ ngày %s đến ngày %s; ngày %s không còn quy định hỗ trợ nào "
	    "cho câu lạc bộ này (mức hỗ trợ sau đó do kế hoạch năm sau quy định).",
	    last->name, from, to, vn);
}

nct_err support_rule_for(struct ctx *x, const char *kind, const char *founded, struct date on,
                         struct support_rule *out, char *msg, size_t msglen)
{
	struct support_rule *v;
	size_t n;
	char day[DATE_LEN];
	date_format(on, day);
	nct_err e = support_rules_covering(x, kind, founded, &v, &n);
	if (e)
		return e;
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (in_force(&v[i], day))
			at = i; /* the latest valid_from on or before the day */
	if (at < n)
		*out = v[at];
	else if (n == 0)
		say(msg, msglen,
		    "Không có quy định hỗ trợ một lần nào cho loại câu lạc bộ này thành lập ngày "
		    "%s.",
		    founded);
	else
		say_out_of_force(v, n, on, msg, msglen);
	free(v);
	return at < n ? NCT_OK : NCT_ERR_INVALID;
}

nct_err support_amount_check(const struct support_rule *r, int64_t amount, char *msg, size_t msglen)
{
	char a[32], b[32];
	money_format(r->amount, a);
	money_format(amount, b);
	if (r->planned && amount > r->amount) {
		say(msg, msglen,
		    "Mức hỗ trợ dự kiến của “%s” là %s đ; khoản ghi (%s đ) không được cao hơn.",
		    r->name, a, b);
		return NCT_ERR_INVALID;
	}
	if (!r->planned && amount != r->amount) {
		say(msg, msglen, "Mức hỗ trợ của “%s” là %s đ, không phải %s đ.", r->name, a, b);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

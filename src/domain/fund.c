#include "fund.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "ctx.h"
#include "support.h"

/* Every change to a club's funds begins by locking the club's row
 * (db_lock_row), so two changes to one club run one after the other and each
 * checks the balance the other left. */

/* Sums over many loans are kept wide, as in ledger.c and loan.c. */
__extension__ typedef __int128 wide;

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

static bool english(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	return false;
}

static const char *const fund_labels[][2] = {
    {"Quỹ tạo thu nhập (quỹ quay vòng)", "Income-generation (revolving) fund"},
    {"Quỹ hoạt động", "Activity fund"},
};

static const char *const kind_labels[ENTRY_KINDS][2] = {
    [ENTRY_CONTRIBUTION] = {"Đóng góp", "Contribution"},
    [ENTRY_GRANT] = {"Hỗ trợ", "Grant"},
    [ENTRY_DISBURSEMENT] = {"Giải ngân cho vay", "Loan disbursed"},
    [ENTRY_REPAYMENT] = {"Thu nợ gốc", "Principal repaid"},
    [ENTRY_INTEREST] = {"Thu lãi", "Interest"},
    [ENTRY_EXPENSE] = {"Chi", "Expense"},
    [ENTRY_CORRECTION] = {"Điều chỉnh", "Correction"},
};

static const char *const status_labels[][2] = {
    [LOAN_CURRENT] = {"trong hạn", "current"},
    [LOAN_IN_ARREARS] = {"quá hạn", "in arrears"},
    [LOAN_REPAID] = {"đã trả hết", "repaid"},
    [LOAN_WRITTEN_OFF] = {"đã xóa nợ", "written off"},
};

static const char *const freqs[][3] = {
    [LOAN_MONTHLY] = {"monthly", "hàng tháng", "monthly"},
    [LOAN_QUARTERLY] = {"quarterly", "hàng quý", "quarterly"},
    [LOAN_AT_END] = {"end", "một lần khi đến hạn", "once, at the end"},
};
#define NFREQS (sizeof freqs / sizeof freqs[0])

const char *fund_label(enum fund f, const char *lang)
{
	return (unsigned)f < 2 ? fund_labels[f][english(lang)] : "";
}

const char *fund_kind_label(enum entry_kind k, const char *lang)
{
	return (unsigned)k < ENTRY_KINDS ? kind_labels[k][english(lang)] : "";
}

const char *fund_loan_status_label(enum loan_status s, const char *lang)
{
	return (unsigned)s <= LOAN_WRITTEN_OFF ? status_labels[s][english(lang)] : "";
}

const char *fund_freq_name(enum loan_freq f)
{
	return (unsigned)f < NFREQS ? freqs[f][0] : "";
}

const char *fund_freq_label(enum loan_freq f, const char *lang)
{
	return (unsigned)f < NFREQS ? freqs[f][english(lang) ? 2 : 1] : "";
}

int fund_freq_parse(const char *s)
{
	for (size_t i = 0; s && i < NFREQS; i++)
		if (strcmp(s, freqs[i][0]) == 0)
			return (int)i;
	return -1;
}

/* Copies s without surrounding spaces into out; false when it does not fit. */
static bool trimmed(const char *s, char *out, size_t cap)
{
	size_t len = s ? strlen(s) : 0;
	if (len >= cap)
		return false;
	memcpy(out, s ? s : "", len + 1);
	text_trim(out);
	return true;
}

/* The digits of a JSON number: anything but digits is a fraction or an exponent. */
static nct_err plain_digits(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!s[0])
		return NCT_ERR_INVALID;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return NCT_ERR_INVALID;
		v = v * 10 + (*s - '0');
		if (v > MONEY_MAX)
			return NCT_ERR_TOOBIG;
	}
	*out = v;
	return NCT_OK;
}

/* Why text that money_parse (or plain_digits) refused is wrong: a decimal
 * comma, a last group after '.' that is not of three digits, or in a JSON
 * number any '.' or exponent, is a fraction; 16 digits or more is too large;
 * anything else is malformed (NCT_ERR_DB here, for the caller to word). */
static nct_err amount_fault(const char *s, bool grouped)
{
	size_t digits = 0, last = 0;
	bool other = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			last++;
		} else if (*p == '.') {
			last = 0;
		} else if (*p != ' ' && *p != ',' && *p != 'e' && *p != 'E') {
			other = true;
		}
	}
	bool fraction = strchr(s, ',') || (strchr(s, '.') && (!grouped || last != 3)) ||
	                (!grouped && (strchr(s, 'e') || strchr(s, 'E')));
	if (digits > 0 && fraction)
		return NCT_ERR_INVALID;
	if (!other && digits >= 16)
		return NCT_ERR_TOOBIG;
	return NCT_ERR_DB;
}

nct_err fund_amount_parse(const char *s, bool grouped, int64_t *out, char *msg, size_t msglen)
{
	char t[64], max[32];
	money_format(MONEY_MAX, max);
	say(msg, msglen, "%s", "");
	if (!trimmed(s, t, sizeof t)) {
		say(msg, msglen, "Số tiền quá dài. Hãy nhập số đồng, ví dụ 50.000.000.");
		return NCT_ERR_INVALID;
	}
	if (!t[0]) {
		say(msg, msglen, "Hãy nhập số tiền (đồng), ví dụ 50.000.000.");
		return NCT_ERR_INVALID;
	}
	if (t[0] == '-') {
		say(msg, msglen, "Số tiền không được âm (đang nhập: %s). Hãy nhập số dương.", t);
		return NCT_ERR_INVALID;
	}
	if (strcmp(t, "0") == 0) { /* nothing paid (money_parse wants no leading zero) */
		*out = 0;
		return NCT_OK;
	}
	nct_err e = grouped ? money_parse(t, out) : plain_digits(t, out);
	if (e == NCT_OK)
		return NCT_OK;
	e = e == NCT_ERR_TOOBIG ? e : amount_fault(t, grouped);
	if (e == NCT_ERR_INVALID)
		say(msg, msglen,
		    "Số tiền phải là số đồng nguyên, không có phần lẻ (đang nhập: %s). Dấu chấm "
		    "chỉ dùng để tách hàng nghìn, ví dụ 50.000.000.",
		    t);
	else if (e == NCT_ERR_TOOBIG)
		say(msg, msglen, "Số tiền (%s) vượt quá mức tối đa %s đ.", t, max);
	else
		say(msg, msglen, "Không đọc được số tiền “%s”. Hãy nhập chữ số, ví dụ 50.000.000.",
		    t);
	return NCT_ERR_INVALID;
}

/* "12", "12,5", "0.25", "12 %": whole per cent and at most two decimals. */
static bool rate_digits(const char *s, int *bp)
{
	int whole = 0, frac = 0, nw = 0, nf = -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (nf < 0 && ++nw <= 5)
				whole = whole * 10 + (*s - '0');
			else if (nf >= 0 && ++nf <= 2)
				frac = frac * 10 + (*s - '0');
			else
				return false;
		} else if ((*s == ',' || *s == '.') && nf < 0 && nw > 0) {
			nf = 0;
		} else {
			return false;
		}
	}
	if (nw == 0 || nw > 5 || nf == 0)
		return false;
	*bp = whole * 100 + (nf == 1 ? frac * 10 : frac);
	return true;
}

nct_err fund_rate_parse(const char *s, int *bp, char *msg, size_t msglen)
{
	char t[32];
	say(msg, msglen, "%s", "");
	bool fits = trimmed(s, t, sizeof t);
	size_t n = fits ? strlen(t) : 0;
	if (n && t[n - 1] == '%') {
		t[n - 1] = '\0';
		text_trim(t);
	}
	if (fits && !t[0]) {
		say(msg, msglen,
		    "Hãy nhập lãi suất (%%/năm); nếu cho vay không lấy lãi, hãy nhập 0.");
		return NCT_ERR_INVALID;
	}
	if (!fits || !rate_digits(t, bp)) {
		say(msg, msglen,
		    "Lãi suất phải là số phần trăm một năm, nhiều nhất hai chữ số thập phân, "
		    "ví dụ 12 hoặc 0,5 (đang nhập: %s).",
		    fits ? t : "…");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

/* A row the rules cannot read (unknown fund, kind or date) fails the load:
 * a ledger with an entry left out would show a wrong balance. */
static bool entry_from_row(struct db_stmt *st, struct ledger_entry *e, struct fund_entry_info *m)
{
	int f = fund_parse(db_col_text(st, 1)), k = entry_kind_parse(db_col_text(st, 3));
	memset(e, 0, sizeof *e);
	memset(m, 0, sizeof *m);
	e->id = db_col_int(st, 0);
	e->amount = db_col_int(st, 4);
	e->reverses = db_col_int(st, 5);
	e->override = db_col_int(st, 7) != 0;
	m->loan_id = db_col_int(st, 6);
	m->support_rule_id = db_col_int(st, 8);
	text_copy(m->support_name, sizeof m->support_name, db_col_text(st, 12));
	text_copy(m->note, sizeof m->note, db_col_text(st, 9));
	text_copy(m->created_at, sizeof m->created_at, db_col_text(st, 10));
	m->reversed_by = db_col_int(st, 11);
	if (f < 0 || k < 0 || date_parse(db_col_text(st, 2), &e->on) != NCT_OK)
		return false;
	e->fund = (enum fund)f;
	e->kind = (enum entry_kind)k;
	return true;
}

/* Reads an entry, and its information into the vec arg, in step with it. */
static int entry_row(struct db_stmt *st, void *row, void *arg)
{
	struct vec *info = arg;
	struct fund_entry_info *m = vec_push(info);
	if (!m)
		return -(int)vec_failed(info);
	return entry_from_row(st, row, m) ? DB_KEEP : -NCT_ERR_DB;
}

nct_err fund_ledger_load(struct ctx *x, int64_t club_id, struct fund_ledger *out)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT e.id, e.fund, e.on_date, e.kind, e.amount, e.reverses, e.loan_id, e.override,"
	    " e.support_rule_id, e.note, e.created_at, (SELECT MIN(x.id) FROM ledger_entries x"
	    " WHERE x.reverses = e.id), r.name FROM ledger_entries e"
	    " LEFT JOIN support_rules r ON r.id = e.support_rule_id WHERE e.club_id = ?"
	    " ORDER BY e.on_date, e.id";
	struct vec ev, iv;
	vec_init(&ev, sizeof *out->e, FUND_MAX_ENTRIES);
	vec_init(&iv, sizeof *out->info, FUND_MAX_ENTRIES);
	*out = (struct fund_ledger){0};
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, club_id);
	nct_err e = db_rows(st, &ev, entry_row, &iv);
	size_t ni;
	out->e = vec_result(&ev, e, &out->n);
	out->info = vec_result(&iv, e, &ni);
	return e;
}

void fund_ledger_free(struct fund_ledger *l)
{
	free(l->e);
	free(l->info);
	*l = (struct fund_ledger){0};
}

nct_err fund_balances_on(struct ctx *x, int64_t club_id, struct date on, struct fund_balances *out)
{
	struct fund_ledger l;
	*out = (struct fund_balances){0};
	nct_err e = fund_ledger_load(x, club_id, &l);
	if (e)
		return e;
	for (int f = FUND_REVOLVING; f <= FUND_ACTIVITY; f++)
		out->balance[f] = ledger_balance(l.e, l.n, (enum fund)f, on);
	for (size_t i = 0; i < l.n; i++)
		if (date_cmp(l.e[i].on, on) <= 0)
			out->exists[l.e[i].fund] = true;
	fund_ledger_free(&l);
	return NCT_OK;
}

nct_err fund_has_both(struct ctx *x, int64_t club_id, struct date on, bool *yes)
{
	struct fund_balances b;
	nct_err e = fund_balances_on(x, club_id, on, &b);
	*yes = !e && b.exists[FUND_REVOLVING] && b.exists[FUND_ACTIVITY];
	return e;
}

#define LOAN_COLS                                                                                  \
	"SELECT l.id, l.person_id, p.full_name, l.principal, l.disbursed_on, l.term_months,"       \
	" l.frequency, l.rate_bp, l.purpose, l.written_off_on, l.write_off_note FROM loans l"      \
	" JOIN persons p ON p.id = l.person_id WHERE l.club_id = ? AND (? = 0 OR l.id = ?) "

/* A loan the rules cannot read (unknown frequency, bad date) fails the load. */
static int loan_from_row(struct db_stmt *st, void *row, void *arg)
{
	struct fund_loan *l = row;
	int f = fund_freq_parse(db_col_text(st, 6));
	(void)arg;
	l->id = db_col_int(st, 0);
	l->person_id = db_col_int(st, 1);
	text_copy(l->person_name, sizeof l->person_name, db_col_text(st, 2));
	l->terms.principal = db_col_int(st, 3);
	l->terms.term_months = (int)db_col_int(st, 5);
	l->terms.rate_bp = (int)db_col_int(st, 7);
	text_copy(l->purpose, sizeof l->purpose, db_col_text(st, 8));
	text_copy(l->write_off_note, sizeof l->write_off_note, db_col_text(st, 10));
	l->written_off = !db_col_null(st, 9);
	if (l->written_off && date_parse(db_col_text(st, 9), &l->written_off_on) != NCT_OK)
		return -NCT_ERR_DB;
	l->terms.freq = (enum loan_freq)(f < 0 ? 0 : f);
	if (f < 0 || date_parse(db_col_text(st, 4), &l->terms.disbursed) != NCT_OK)
		return -NCT_ERR_DB;
	return DB_KEEP;
}

static void bind_club_loan(struct db_stmt *st, int64_t club_id, int64_t loan_id)
{
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, loan_id);
	db_bind_int(st, 3, loan_id);
}

static nct_err loans_rows(struct ctx *x, int64_t club_id, int64_t loan_id, struct fund_loans *out)
{
	struct db *db = x->db;
	static const char sql[] = LOAN_COLS "ORDER BY l.disbursed_on, l.id";
	struct vec v;
	vec_init(&v, sizeof *out->v, FUND_MAX_LOANS);
	struct db_stmt *st = db_prepare(db, sql);
	bind_club_loan(st, club_id, loan_id);
	nct_err e = db_rows(st, &v, loan_from_row, NULL);
	out->v = vec_detach(&v, &out->n);
	return e;
}

/* What goes beside each repayment, in step with it: its id and its loan's. */
struct repay_ids {
	struct vec id, owner;
};

static int repayment_row(struct db_stmt *st, void *row, void *arg)
{
	struct repay_ids *x = arg;
	struct repayment *r = row;
	int64_t *id = vec_push(&x->id), *owner = id ? vec_push(&x->owner) : NULL;
	if (!owner)
		return -(int)(id ? vec_failed(&x->owner) : vec_failed(&x->id));
	*id = db_col_int(st, 0);
	*owner = db_col_int(st, 1);
	r->principal = db_col_int(st, 3);
	r->interest = db_col_int(st, 4);
	return date_parse(db_col_text(st, 2), &r->on) == NCT_OK ? DB_KEEP : -NCT_ERR_DB;
}

/* Repayments come in the loans' order, so each loan's are one run of rows. */
static nct_err repayment_rows(struct ctx *x, int64_t club_id, int64_t loan_id,
                              struct fund_loans *out, int64_t **owner)
{
	struct db *db = x->db;
	static const char sql[] =
	    "SELECT r.id, r.loan_id, r.on_date, r.principal, r.interest FROM loan_repayments r"
	    " JOIN loans l ON l.id = r.loan_id WHERE l.club_id = ? AND (? = 0 OR l.id = ?)"
	    " ORDER BY l.disbursed_on, l.id, r.on_date, r.id";
	struct vec rep;
	struct repay_ids ids;
	vec_init(&rep, sizeof *out->rep, FUND_MAX_REPAYMENTS);
	vec_init(&ids.id, sizeof *out->rep_id, FUND_MAX_REPAYMENTS);
	vec_init(&ids.owner, sizeof **owner, FUND_MAX_REPAYMENTS);
	struct db_stmt *st = db_prepare(db, sql);
	bind_club_loan(st, club_id, loan_id);
	nct_err e = db_rows(st, &rep, repayment_row, &ids);
	size_t n;
	out->rep = vec_detach(&rep, &out->nrep);
	out->rep_id = vec_detach(&ids.id, &n);
	*owner = vec_detach(&ids.owner, &n);
	return e;
}

nct_err fund_loans_load(struct ctx *x, int64_t club_id, int64_t loan_id, struct fund_loans *out)
{
	int64_t *owner = NULL;
	*out = (struct fund_loans){0};
	nct_err e = loans_rows(x, club_id, loan_id, out);
	if (!e && loan_id && out->n == 0)
		e = NCT_ERR_NOTFOUND;
	if (!e)
		e = repayment_rows(x, club_id, loan_id, out, &owner);
	size_t k = 0;
	for (size_t i = 0; !e && i < out->n; i++) {
		struct fund_loan *l = &out->v[i];
		l->rep = out->rep ? out->rep + k : NULL;
		l->rep_id = out->rep_id ? out->rep_id + k : NULL;
		while (k < out->nrep && owner[k] == l->id)
			k++;
		l->nrep = (size_t)(l->rep ? out->rep + k - l->rep : 0);
	}
	if (!e && k != out->nrep)
		e = NCT_ERR_CONFLICT; /* the loans changed between the two reads */
	free(owner);
	if (e)
		fund_loans_free(out);
	return e;
}

void fund_loans_free(struct fund_loans *l)
{
	free(l->v);
	free(l->rep);
	free(l->rep_id);
	*l = (struct fund_loans){0};
}

void fund_loan_schedule(const struct fund_loan *l, struct installment out[LOAN_MAX_INSTALLMENTS],
                        size_t *n)
{
	if (loan_schedule(&l->terms, out, n) != NCT_OK)
		*n = 0;
}

void fund_loan_state(const struct fund_loan *l, struct date on, struct loan_state *out)
{
	struct installment sched[LOAN_MAX_INSTALLMENTS];
	size_t n;
	fund_loan_schedule(l, sched, &n);
	loan_state_on(&l->terms, sched, n, l->rep, l->nrep, l->written_off, l->written_off_on, on,
	              out);
}

nct_err fund_portfolio_on(struct ctx *x, int64_t club_id, struct date on, struct portfolio *out)
{
	struct fund_loans ls;
	*out = (struct portfolio){0};
	nct_err e = fund_loans_load(x, club_id, 0, &ls);
	if (e)
		return e;
	for (size_t i = 0; i < ls.n; i++) {
		struct loan_state s;
		fund_loan_state(&ls.v[i], on, &s);
		portfolio_add(out, &s);
	}
	portfolio_finish(out);
	fund_loans_free(&ls);
	return NCT_OK;
}

nct_err fund_lent_in(struct ctx *x, int64_t club_id, struct date from, struct date to, bool *yes)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT COUNT(*) FROM loans WHERE club_id = ?"
	                          " AND disbursed_on >= ? AND disbursed_on <= ?";
	char a[DATE_LEN], b[DATE_LEN];
	*yes = false;
	date_format(from, a);
	date_format(to, b);
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, a);
	db_bind_text(st, 3, b);
	int64_t k;
	nct_err e = db_int(st, &k);
	*yes = k > 0;
	return e;
}

static int64_t clamp(wide v)
{
	return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

static const struct ledger_entry *entry_by_id(const struct fund_ledger *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->e[i].id == id)
			return &l->e[i];
	return NULL;
}

static bool money_in(enum entry_kind k)
{
	return k == ENTRY_CONTRIBUTION || k == ENTRY_GRANT;
}

/* Contributions and grants into the revolving fund in [from, to], less the
 * corrections in the period that reverse such entries. */
static int64_t revolving_inflows(const struct fund_ledger *l, struct date from, struct date to)
{
	wide sum = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct ledger_entry *x = &l->e[i];
		if (x->fund != FUND_REVOLVING || date_cmp(x->on, from) < 0 ||
		    date_cmp(x->on, to) > 0)
			continue;
		const struct ledger_entry *old =
		    x->kind == ENTRY_CORRECTION ? entry_by_id(l, x->reverses) : NULL;
		if (money_in(x->kind) || (old && money_in(old->kind)))
			sum += x->amount;
	}
	return clamp(sum);
}

/* A loan counts for borrowers when it was out at some time in the period: it
 * was disbursed on or before `to`, and at the end of the day before `from` it
 * was not yet disbursed or still open. */
static bool loan_in_period(const struct fund_loan *l, struct date before, struct date to)
{
	struct loan_state s;
	if (date_cmp(l->terms.disbursed, to) > 0)
		return false;
	fund_loan_state(l, before, &s);
	return s.status != LOAN_REPAID && s.status != LOAN_WRITTEN_OFF;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The portfolio at the end of `to`, the loans disbursed in the period, and the
 * borrowers: the people of the loans out in the period, each counted once. */
static nct_err report_loans(const struct fund_loans *ls, struct fund_report *out)
{
	struct date before = date_from_days(date_to_days(out->from) - 1);
	int64_t *people = malloc((ls->n ? ls->n : 1) * sizeof *people);
	size_t np = 0;
	if (!people)
		return NCT_ERR_NOMEM;
	for (size_t i = 0; i < ls->n; i++) {
		const struct fund_loan *l = &ls->v[i];
		struct loan_state s;
		fund_loan_state(l, out->to, &s);
		portfolio_add(&out->portfolio, &s);
		if (date_cmp(l->terms.disbursed, out->from) >= 0 &&
		    date_cmp(l->terms.disbursed, out->to) <= 0) {
			out->loans_disbursed++;
			out->disbursed += l->terms.principal;
		}
		if (loan_in_period(l, before, out->to))
			people[np++] = l->person_id;
	}
	portfolio_finish(&out->portfolio);
	qsort(people, np, sizeof *people, by_id);
	for (size_t i = 0; i < np; i++)
		out->borrowers += i == 0 || people[i] != people[i - 1];
	free(people);
	return NCT_OK;
}

static int ratio(wide num, wide den)
{
	if (den <= 0)
		return 0;
	wide q = num / den;
	return q > 1000000000 ? 1000000000 : (int)q;
}

nct_err fund_report(struct ctx *x, int64_t club_id, struct date from, struct date to,
                    struct fund_report *out)
{
	struct fund_loans ls;
	struct fund_ledger l;
	*out = (struct fund_report){.from = from, .to = to};
	if (date_cmp(from, to) > 0)
		return NCT_ERR_INVALID;
	nct_err e = fund_loans_load(x, club_id, 0, &ls);
	if (e)
		return e;
	e = report_loans(&ls, out);
	fund_loans_free(&ls);
	if (e || (e = fund_ledger_load(x, club_id, &l)))
		return e;
	out->opening =
	    ledger_balance(l.e, l.n, FUND_REVOLVING, date_from_days(date_to_days(from) - 1));
	out->inflows = revolving_inflows(&l, from, to);
	fund_ledger_free(&l);
	wide base = (wide)out->opening + out->inflows;
	out->rotation_permille = ratio((wide)out->disbursed * 1000, base);
	out->rotation_centi = ratio((wide)out->disbursed * 200 + base, base * 2);
	return NCT_OK;
}

/* A date a user gives for what happened: well-formed, from the club's
 * founding, and not after today (Vietnam time). what names the date. */
static nct_err past_date(const struct club *c, const char *s, const char *what, struct date *d,
                         char *msg, size_t msglen)
{
	struct date founded;
	char a[DATE_LEN], b[DATE_LEN];
	if (!s || date_parse(s, d) != NCT_OK) {
		say(msg, msglen, "Ngày %s phải có dạng YYYY-MM-DD (đang nhập: “%.20s”).", what,
		    s ? s : "");
		return NCT_ERR_INVALID;
	}
	date_format_vn(*d, a);
	if (date_cmp(*d, date_today_vn()) > 0) {
		say(msg, msglen,
		    "Ngày %s (%s) ở tương lai. Chỉ ghi những việc đã xảy ra, đến hết hôm nay.",
		    what, a);
		return NCT_ERR_INVALID;
	}
	if (date_parse(c->founded_on, &founded) == NCT_OK && date_cmp(*d, founded) < 0) {
		date_format_vn(founded, b);
		say(msg, msglen, "Ngày %s (%s) trước ngày thành lập câu lạc bộ (%s).", what, a, b);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

/* A note, purpose or reason: bounded, well-formed UTF-8, present when required. */
static nct_err check_text(const char *s, const char *what, bool required, char *msg, size_t msglen)
{
	size_t n = s ? strlen(s) : 0;
	if (required && !has_text(s)) {
		say(msg, msglen, "Hãy ghi %s.", what);
		return NCT_ERR_INVALID;
	}
	if (n > FUND_NOTE_MAX) {
		say(msg, msglen, "Phần %s dài %zu byte, quá mức %d byte. Hãy viết ngắn lại.", what,
		    n, FUND_NOTE_MAX);
		return NCT_ERR_INVALID;
	}
	if (n && !text_valid_utf8(s, n)) {
		say(msg, msglen, "Phần %s có ký tự không hợp lệ. Hãy gõ lại.", what);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static void bind_id(struct db_stmt *st, int i, int64_t id)
{
	if (id)
		db_bind_int(st, i, id);
	else
		db_bind_null(st, i);
}

static void bind_note(struct db_stmt *st, int i, const char *note)
{
	db_bind_text(st, i, has_text(note) ? note : NULL);
}

static nct_err entry_insert(struct ctx *x, int64_t club_id, const struct ledger_entry *add,
                            int64_t loan_id, int64_t support_rule_id, const char *note, int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] =
	    "INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, reverses, loan_id,"
	    " override, support_rule_id, note, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
	    " RETURNING id";
	char on[DATE_LEN], now[26];
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	date_format(add->on, on);
	time_format_vn(time(NULL), now);
	db_bind_int(st, 1, club_id);
	db_bind_text(st, 2, fund_name(add->fund));
	db_bind_text(st, 3, on);
	db_bind_text(st, 4, entry_kind_name(add->kind));
	db_bind_int(st, 5, add->amount);
	bind_id(st, 6, add->reverses);
	bind_id(st, 7, loan_id);
	db_bind_int(st, 8, add->override);
	bind_id(st, 9, support_rule_id);
	bind_note(st, 10, note);
	db_bind_text(st, 11, now);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	return rc < 0 ? (nct_err)-rc : rc == DB_ROW ? NCT_OK : NCT_ERR_DB;
}

/* Writes the audit row of a change; takes the references to old and nw (old
 * may be NULL; nw NULL means building it ran out of memory). */
static nct_err audit_change(struct ctx *x, const char *action, const char *entity, int64_t id,
                            json_t *old, json_t *nw)
{
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	char *oj = old ? json_dumps(old, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *nj = nw ? json_dumps(nw, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	nct_err e =
	    (old && !oj) || !nj ? NCT_ERR_NOMEM : audit_write(x, action, entity, sid, oj, nj);
	json_decref(old);
	json_decref(nw);
	free(oj);
	free(nj);
	return e;
}

static json_t *entry_json(const struct club *c, const struct ledger_entry *x, int64_t loan_id,
                          int64_t support_rule_id, const char *note)
{
	char on[DATE_LEN];
	date_format(x->on, on);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:b, s:s?}", "club", c->code, "fund",
	                      fund_name(x->fund), "on", on, "kind", entry_kind_name(x->kind),
	                      "amount", (json_int_t)x->amount, "override", x->override, "note",
	                      has_text(note) ? note : NULL);
	if (o && support_rule_id)
		json_object_set_new(o, "support_rule", json_integer(support_rule_id));
	if (o && x->reverses)
		json_object_set_new(o, "reverses", json_integer(x->reverses));
	if (o && loan_id)
		json_object_set_new(o, "loan", json_integer(loan_id));
	return o;
}

/* The ledger rules for add. An override is used only when the balance rule
 * alone refuses the entry, and then it needs a note saying why; add->override
 * tells afterwards whether it was used. */
static nct_err check_entry(const struct fund_ledger *l, struct ledger_entry *add, bool override,
                           const char *note, char *msg, size_t msglen)
{
	if (l->n >= FUND_MAX_ENTRIES) {
		say(msg, msglen, "Sổ quỹ của câu lạc bộ đã đủ %d khoản, không ghi thêm được.",
		    FUND_MAX_ENTRIES);
		return NCT_ERR_TOOBIG;
	}
	add->override = false;
	nct_err e = ledger_check(l->e, l->n, add, msg, msglen);
	if (e != NCT_ERR_INVALID || !override)
		return e;
	add->override = true;
	if ((e = ledger_check(l->e, l->n, add, msg, msglen)))
		return e;
	if (!has_text(note)) {
		say(msg, msglen,
		    "Ghi vượt số dư phải có lý do. Hãy ghi rõ trong phần ghi chú vì sao quỹ "
		    "được phép xuống dưới 0 đ.");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err finish(struct ctx *x, nct_err e)
{
	struct db *db = x->db;
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

/* How many rows a COUNT(*) query with the club's id as its one parameter finds. */
static nct_err count_rows(struct ctx *x, const char *sql, int64_t club_id, int64_t *n)
{
	struct db *db = x->db;
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, club_id);
	return db_int(st, n);
}

static nct_err entry_new_check(const struct club *c, const struct fund_entry_new *in,
                               struct ledger_entry *add, char *msg, size_t msglen)
{
	int f = fund_parse(in->fund), k = entry_kind_parse(in->kind);
	char a[32];
	*add = (struct ledger_entry){0};
	if (f < 0) {
		say(msg, msglen, "Hãy chọn quỹ: quỹ tạo thu nhập hoặc quỹ hoạt động.");
		return NCT_ERR_INVALID;
	}
	if (k != ENTRY_CONTRIBUTION && k != ENTRY_GRANT && k != ENTRY_EXPENSE) {
		say(msg, msglen,
		    "Loại khoản phải là đóng góp, hỗ trợ hoặc chi. Giải ngân, thu nợ và thu lãi "
		    "được ghi ở mục Cho vay; muốn sửa một khoản, hãy dùng nút Điều chỉnh ở dòng "
		    "đó.");
		return NCT_ERR_INVALID;
	}
	if (in->amount <= 0) {
		money_format(in->amount, a);
		say(msg, msglen,
		    "Số tiền phải lớn hơn 0 đ (đang nhập: %s đ). Hãy nhập số dương: loại khoản "
		    "cho biết tiền vào hay ra.",
		    a);
		return NCT_ERR_INVALID;
	}
	if (in->support && k != ENTRY_GRANT) {
		say(msg, msglen,
		    "Khoản hỗ trợ một lần cho câu lạc bộ phải ghi với loại khoản “Hỗ trợ”.");
		return NCT_ERR_INVALID;
	}
	nct_err e = past_date(c, in->on, "ghi sổ", &add->on, msg, msglen);
	if (!e)
		e = check_text(in->note, "ghi chú", false, msg, msglen);
	add->fund = (enum fund)f;
	add->kind = (enum entry_kind)k;
	add->amount = entry_kind_sign(add->kind) * in->amount;
	return e;
}

/* The one-off support: the rule the club falls under on the entry's day
 * (support.h), within its level, and once per club when the rule says so (an
 * entry reversed by a correction no longer counts). *rule_id is the rule. */
static nct_err support_check(struct ctx *x, const struct club *c, const struct fund_ledger *l,
                             const struct ledger_entry *add, int64_t *rule_id, char *msg,
                             size_t msglen)
{
	struct support_rule r;
	char d[DATE_LEN];
	nct_err e = support_rule_for(x, c->kind, c->founded_on, add->on, &r, msg, msglen);
	for (size_t i = 0; !e && r.once && i < l->n; i++) {
		if (l->info[i].support_rule_id != r.id || l->info[i].reversed_by)
			continue;
		date_format_vn(l->e[i].on, d);
		say(msg, msglen,
		    "Câu lạc bộ đã nhận khoản “%s” ngày %s (khoản số %lld); mỗi câu lạc bộ chỉ "
		    "nhận một lần. Nếu khoản đó ghi sai, hãy điều chỉnh nó trước.",
		    r.name, d, (long long)l->e[i].id);
		e = NCT_ERR_INVALID;
	}
	if (!e)
		e = support_amount_check(&r, add->amount, msg, msglen);
	*rule_id = e ? 0 : r.id;
	return e;
}

nct_err fund_entry_add(struct ctx *x, const struct club *c, const struct fund_entry_new *in,
                       int64_t *id, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	struct ledger_entry add;
	struct fund_ledger l = {0};
	int64_t rule_id = 0;
	say(msg, msglen, "%s", "");
	nct_err e = entry_new_check(c, in, &add, msg, msglen);
	if (e || (e = db_begin(db)))
		return e;
	e = db_lock_row(db, "clubs", c->id);
	if (!e)
		e = fund_ledger_load(x, c->id, &l);
	if (!e && in->support)
		e = support_check(x, c, &l, &add, &rule_id, msg, msglen);
	if (!e)
		e = check_entry(&l, &add, in->override, in->note, msg, msglen);
	if (!e)
		e = entry_insert(x, c->id, &add, 0, rule_id, in->note, id);
	if (!e)
		e = audit_change(x, add.override ? "override" : "create", "ledger_entry", *id, NULL,
		                 entry_json(c, &add, 0, rule_id, in->note));
	fund_ledger_free(&l);
	return finish(x, e);
}

/* The entry to reverse, by index: one of this club's, not of a loan, not itself
 * a correction (ledger_check refuses one already reversed). */
static nct_err reversible(const struct fund_ledger *l, int64_t entry_id, size_t *at, char *msg,
                          size_t msglen)
{
	for (*at = 0; *at < l->n && l->e[*at].id != entry_id; (*at)++)
		;
	if (*at == l->n) {
		say(msg, msglen, "Không có khoản số %lld trong sổ quỹ của câu lạc bộ này.",
		    (long long)entry_id);
		return NCT_ERR_NOTFOUND;
	}
	if (l->info[*at].loan_id) {
		say(msg, msglen,
		    "Khoản số %lld thuộc khoản vay số %lld nên không điều chỉnh riêng trong sổ "
		    "quỹ.",
		    (long long)entry_id, (long long)l->info[*at].loan_id);
		return NCT_ERR_INVALID;
	}
	if (l->e[*at].kind == ENTRY_CORRECTION) {
		say(msg, msglen,
		    "Khoản số %lld là một bút toán điều chỉnh; không điều chỉnh lại nó. Nếu cần, "
		    "hãy ghi lại khoản đúng.",
		    (long long)entry_id);
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

nct_err fund_entry_reverse(struct ctx *x, const struct club *c, const struct fund_reversal *in,
                           int64_t *id, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	struct date on;
	struct fund_ledger l = {0};
	char today[DATE_LEN];
	size_t at = 0;
	say(msg, msglen, "%s", "");
	date_format(date_today_vn(), today);
	nct_err e =
	    past_date(c, in->on && in->on[0] ? in->on : today, "điều chỉnh", &on, msg, msglen);
	if (!e)
		e = check_text(in->note, "ghi chú", false, msg, msglen);
	if (e || (e = db_begin(db)))
		return e;
	e = db_lock_row(db, "clubs", c->id);
	if (!e)
		e = fund_ledger_load(x, c->id, &l);
	if (!e)
		e = reversible(&l, in->entry_id, &at, msg, msglen);
	struct ledger_entry add = {0};
	if (!e) {
		add = (struct ledger_entry){
		    0, l.e[at].fund, on, ENTRY_CORRECTION, -l.e[at].amount, in->entry_id, false};
		e = check_entry(&l, &add, in->override, in->note, msg, msglen);
	}
	if (!e)
		e = entry_insert(x, c->id, &add, 0, 0, in->note, id);
	if (!e)
		e = audit_change(
		    x, add.override ? "override" : "reverse", "ledger_entry", *id,
		    entry_json(c, &l.e[at], 0, l.info[at].support_rule_id, l.info[at].note),
		    entry_json(c, &add, 0, 0, in->note));
	fund_ledger_free(&l);
	return finish(x, e);
}

static nct_err loan_new_check(const struct club *c, const struct fund_loan_new *in,
                              struct loan_terms *t, char *msg, size_t msglen)
{
	int f = fund_freq_parse(in->frequency);
	*t = (struct loan_terms){
	    in->principal, {0, 0, 0}, in->term_months, LOAN_MONTHLY, in->rate_bp};
	if (in->person_id <= 0) {
		say(msg, msglen, "Hãy chọn thành viên vay.");
		return NCT_ERR_INVALID;
	}
	if (f < 0) {
		say(msg, msglen,
		    "Hãy chọn kỳ trả nợ: hàng tháng, hàng quý hoặc một lần khi đến hạn.");
		return NCT_ERR_INVALID;
	}
	t->freq = (enum loan_freq)f;
	nct_err e = past_date(c, in->disbursed_on, "giải ngân", &t->disbursed, msg, msglen);
	if (!e)
		e = loan_terms_check(t, msg, msglen);
	if (!e)
		e = check_text(in->purpose, "mục đích vay", true, msg, msglen);
	if (!e)
		e = check_text(in->note, "ghi chú", false, msg, msglen);
	return e;
}

/* Only a member of the club on the day may borrow from its fund. */
/* The borrower must be someone x sees, before anything is said of them. */
static nct_err borrower_seen(struct ctx *x, int64_t person_id, char *msg, size_t msglen)
{
	struct person p;
	nct_err e = person_get(x, person_id, &p);
	if (e == NCT_ERR_NOTFOUND) {
		say(msg, msglen, "Không có người số %lld.", (long long)person_id);
		return NCT_ERR_INVALID;
	}
	return e;
}

static nct_err member_on(struct ctx *x, const struct club *c, int64_t person_id, struct date on,
                         char *msg, size_t msglen)
{
	struct db *db = x->db;
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ?"
	                          " AND person_id = ? AND joined_on <= ?"
	                          " AND (left_on IS NULL OR left_on > ?)";
	char d[DATE_LEN], vn[DATE_LEN];
	struct person p;
	date_format(on, d);
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	db_bind_int(st, 1, c->id);
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, d);
	db_bind_text(st, 4, d);
	int rc = db_step(st);
	bool member = rc == DB_ROW && db_col_int(st, 0) > 0;
	db_done(st);
	if (rc < 0 || member)
		return rc < 0 ? (nct_err)-rc : NCT_OK;
	date_format_vn(on, vn);
	if (person_get(x, person_id, &p) != NCT_OK)
		say(msg, msglen, "Không có người số %lld.", (long long)person_id);
	else
		say(msg, msglen,
		    "%s không phải thành viên của câu lạc bộ vào ngày %s, nên không được vay "
		    "từ quỹ của câu lạc bộ.",
		    p.full_name, vn);
	return NCT_ERR_INVALID;
}

static nct_err loans_room(struct ctx *x, int64_t club_id, char *msg, size_t msglen)
{
	static const char sql[] = "SELECT COUNT(*) FROM loans WHERE club_id = ?";
	int64_t n = 0;
	nct_err e = count_rows(x, sql, club_id, &n);
	if (!e && n >= FUND_MAX_LOANS) {
		say(msg, msglen, "Câu lạc bộ đã có %d khoản vay, không ghi thêm được.",
		    FUND_MAX_LOANS);
		e = NCT_ERR_TOOBIG;
	}
	return e;
}

/* The plain message for the common case, before the ledger's general one. */
static nct_err enough_to_lend(const struct fund_ledger *l, const struct ledger_entry *add,
                              bool override, char *msg, size_t msglen)
{
	int64_t bal = ledger_balance(l->e, l->n, FUND_REVOLVING, add->on);
	char a[32], b[32], d[DATE_LEN];
	if (override || (wide)bal + add->amount >= 0)
		return NCT_OK;
	money_format(bal, a);
	money_format(-add->amount, b);
	date_format_vn(add->on, d);
	say(msg, msglen,
	    "Quỹ tạo thu nhập ngày %s chỉ còn %s đ, không đủ cho vay %s đ. Nếu thật sự cần cho "
	    "vay vượt số dư, hãy chọn “ghi vượt số dư” và ghi rõ lý do.",
	    d, a, b);
	return NCT_ERR_INVALID;
}

static nct_err loan_insert(struct ctx *x, int64_t club_id, const struct fund_loan_new *in,
                           const struct loan_terms *t, int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] =
	    "INSERT INTO loans (club_id, person_id, principal, disbursed_on, term_months,"
	    " frequency, rate_bp, purpose) VALUES (?,?,?,?,?,?,?,?) RETURNING id";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	date_format(t->disbursed, d);
	db_bind_int(st, 1, club_id);
	db_bind_int(st, 2, in->person_id);
	db_bind_int(st, 3, t->principal);
	db_bind_text(st, 4, d);
	db_bind_int(st, 5, t->term_months);
	db_bind_text(st, 6, fund_freq_name(t->freq));
	db_bind_int(st, 7, t->rate_bp);
	db_bind_text(st, 8, in->purpose);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	return rc < 0 ? (nct_err)-rc : rc == DB_ROW ? NCT_OK : NCT_ERR_DB;
}

static json_t *loan_json(const struct club *c, const struct fund_loan_new *in,
                         const struct loan_terms *t, int64_t entry, bool override)
{
	char d[DATE_LEN];
	date_format(t->disbursed, d);
	return json_pack("{s:s, s:I, s:I, s:s, s:i, s:s, s:i, s:s, s:I, s:b, s:s?}", "club",
	                 c->code, "person", (json_int_t)in->person_id, "principal",
	                 (json_int_t)t->principal, "disbursed_on", d, "term_months", t->term_months,
	                 "frequency", fund_freq_name(t->freq), "rate_bp", t->rate_bp, "purpose",
	                 in->purpose, "entry", (json_int_t)entry, "override", override, "note",
	                 has_text(in->note) ? in->note : NULL);
}

nct_err fund_loan_disburse(struct ctx *x, const struct club *c, const struct fund_loan_new *in,
                           int64_t *id, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	nct_err seen = borrower_seen(x, in->person_id, msg, msglen);
	if (seen)
		return seen;
	struct db *db = x->db;
	struct loan_terms t;
	struct fund_ledger l = {0};
	int64_t entry = 0;
	say(msg, msglen, "%s", "");
	nct_err e = loan_new_check(c, in, &t, msg, msglen);
	if (e || (e = db_begin(db)))
		return e;
	struct ledger_entry add = {0, FUND_REVOLVING, t.disbursed, ENTRY_DISBURSEMENT, -t.principal,
	                           0, false};
	e = db_lock_row(db, "clubs", c->id);
	if (!e)
		e = member_on(x, c, in->person_id, t.disbursed, msg, msglen);
	if (!e)
		e = loans_room(x, c->id, msg, msglen);
	if (!e)
		e = fund_ledger_load(x, c->id, &l);
	if (!e)
		e = enough_to_lend(&l, &add, in->override, msg, msglen);
	if (!e)
		e = check_entry(&l, &add, in->override, in->note, msg, msglen);
	if (!e)
		e = loan_insert(x, c->id, in, &t, id);
	if (!e)
		e = entry_insert(x, c->id, &add, *id, 0, in->note, &entry);
	if (!e)
		e = audit_change(x, add.override ? "override" : "create", "loan", *id, NULL,
		                 loan_json(c, in, &t, entry, add.override));
	fund_ledger_free(&l);
	return finish(x, e);
}

static nct_err load_loan(struct ctx *x, const struct club *c, int64_t loan_id,
                         struct fund_loans *ls, char *msg, size_t msglen)
{
	nct_err e = loan_id > 0 ? fund_loans_load(x, c->id, loan_id, ls) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		say(msg, msglen, "Không có khoản vay số %lld trong câu lạc bộ này.",
		    (long long)loan_id);
	return e;
}

/* Interest is owed as scheduled; more than the scheduled interest not yet
 * paid is more than what is owed. */
static nct_err interest_check(const struct fund_loan *l, const struct repayment *add, char *msg,
                              size_t msglen)
{
	struct installment sched[LOAN_MAX_INSTALLMENTS];
	size_t n;
	wide left = 0;
	char a[32], b[32];
	fund_loan_schedule(l, sched, &n);
	for (size_t i = 0; i < n; i++)
		left += sched[i].interest;
	for (size_t i = 0; i < l->nrep; i++)
		left -= l->rep[i].interest;
	if (add->interest <= left)
		return NCT_OK;
	money_format(add->interest, a);
	money_format(left > 0 ? clamp(left) : 0, b);
	say(msg, msglen, "Số tiền trả lãi (%s đ) lớn hơn số lãi còn phải trả theo lịch (%s đ).", a,
	    b);
	return NCT_ERR_INVALID;
}

static nct_err repayment_check(struct ctx *x, const struct club *c, const struct fund_loan *l,
                               const struct repayment *add, char *msg, size_t msglen)
{
	static const char sql[] = "SELECT COUNT(*) FROM loan_repayments r JOIN loans l"
	                          " ON l.id = r.loan_id WHERE l.club_id = ?";
	char d[DATE_LEN];
	int64_t n = 0;
	if (l->written_off && date_cmp(add->on, l->written_off_on) >= 0) {
		date_format_vn(l->written_off_on, d);
		say(msg, msglen,
		    "Khoản vay này đã được xóa nợ từ ngày %s; không ghi trả nợ từ ngày đó.", d);
		return NCT_ERR_INVALID;
	}
	nct_err e = loan_repayment_check(&l->terms, l->rep, l->nrep, add, msg, msglen);
	if (!e)
		e = interest_check(l, add, msg, msglen);
	if (!e)
		e = count_rows(x, sql, c->id, &n);
	if (!e && n >= FUND_MAX_REPAYMENTS) {
		say(msg, msglen, "Câu lạc bộ đã có %d lần trả nợ, không ghi thêm được.",
		    FUND_MAX_REPAYMENTS);
		e = NCT_ERR_TOOBIG;
	}
	return e;
}

static nct_err repayment_insert(struct ctx *x, int64_t loan_id, const struct repayment *r,
                                int64_t *id)
{
	struct db *db = x->db;
	static const char sql[] = "INSERT INTO loan_repayments (loan_id, on_date, principal,"
	                          " interest) VALUES (?,?,?,?) RETURNING id";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(db, sql);
	if (!st)
		return NCT_ERR_DB;
	date_format(r->on, d);
	db_bind_int(st, 1, loan_id);
	db_bind_text(st, 2, d);
	db_bind_int(st, 3, r->principal);
	db_bind_int(st, 4, r->interest);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_done(st);
	return rc < 0 ? (nct_err)-rc : rc == DB_ROW ? NCT_OK : NCT_ERR_DB;
}

/* Marks the loan repaid, from the day its last principal came back, once its
 * repayments add up to the principal (repayments may be back-dated: the last
 * day is the latest of them). Reports ask which loans were out on a day
 * without summing every repayment (indicator.c). */
static nct_err loan_mark_repaid(struct db *db, int64_t loan_id)
{
	static const char sql[] =
	    "UPDATE loans SET repaid_on = (SELECT MAX(r.on_date) FROM loan_repayments r"
	    " WHERE r.loan_id = loans.id AND r.principal > 0) WHERE id = ? AND principal <="
	    " (SELECT COALESCE(SUM(r.principal), 0) FROM loan_repayments r WHERE r.loan_id = "
	    "loans.id)";
	struct db_stmt *st = db_prepare(db, sql);
	db_bind_int(st, 1, loan_id);
	return db_run(st);
}

/* Principal back as "repayment", interest as "interest": money into the
 * revolving fund, so only the shape rules of the ledger apply. */
static nct_err repayment_entries(struct ctx *x, const struct club *c, int64_t loan_id,
                                 const struct repayment *r, int64_t ids[2], char *msg,
                                 size_t msglen)
{
	const struct ledger_entry add[2] = {
	    {0, FUND_REVOLVING, r->on, ENTRY_REPAYMENT, r->principal, 0, false},
	    {0, FUND_REVOLVING, r->on, ENTRY_INTEREST, r->interest, 0, false},
	};
	nct_err e = NCT_OK;
	for (int i = 0; i < 2 && !e; i++) {
		if (add[i].amount == 0)
			continue;
		e = ledger_check(NULL, 0, &add[i], msg, msglen);
		if (!e)
			e = entry_insert(x, c->id, &add[i], loan_id, 0, NULL, &ids[i]);
	}
	return e;
}

nct_err fund_loan_repay(struct ctx *x, const struct club *c, const struct fund_repayment_new *in,
                        int64_t *id, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	struct repayment add = {{0, 0, 0}, in->principal, in->interest};
	struct fund_loans ls = {0};
	int64_t ids[2] = {0, 0};
	char d[DATE_LEN];
	say(msg, msglen, "%s", "");
	nct_err e = past_date(c, in->on, "trả nợ", &add.on, msg, msglen);
	if (e || (e = db_begin(db)))
		return e;
	e = db_lock_row(db, "clubs", c->id);
	if (!e)
		e = load_loan(x, c, in->loan_id, &ls, msg, msglen);
	if (!e)
		e = repayment_check(x, c, &ls.v[0], &add, msg, msglen);
	if (!e)
		e = repayment_insert(x, in->loan_id, &add, id);
	if (!e)
		e = loan_mark_repaid(x->db, in->loan_id);
	if (!e)
		e = repayment_entries(x, c, in->loan_id, &add, ids, msg, msglen);
	if (!e) {
		date_format(add.on, d);
		e = audit_change(x, "create", "loan_repayment", *id, NULL,
		                 json_pack("{s:s, s:I, s:s, s:I, s:I, s:[I, I]}", "club", c->code,
		                           "loan", (json_int_t)in->loan_id, "on", d, "principal",
		                           (json_int_t)add.principal, "interest",
		                           (json_int_t)add.interest, "entries", (json_int_t)ids[0],
		                           (json_int_t)ids[1]));
	}
	fund_loans_free(&ls);
	return finish(x, e);
}

static nct_err write_off_check(const struct fund_loan *l, struct date on, int64_t *outstanding,
                               char *msg, size_t msglen)
{
	char d[DATE_LEN];
	*outstanding = l->terms.principal;
	for (size_t i = 0; i < l->nrep; i++)
		*outstanding -= l->rep[i].principal;
	if (l->written_off) {
		date_format_vn(l->written_off_on, d);
		say(msg, msglen, "Khoản vay số %lld đã được xóa nợ từ ngày %s.", (long long)l->id,
		    d);
		return NCT_ERR_INVALID;
	}
	if (date_cmp(on, l->terms.disbursed) < 0) {
		date_format_vn(l->terms.disbursed, d);
		say(msg, msglen, "Ngày xóa nợ phải từ ngày giải ngân (%s) trở đi.", d);
		return NCT_ERR_INVALID;
	}
	for (size_t i = 0; i < l->nrep; i++) {
		if (date_cmp(l->rep[i].on, on) <= 0)
			continue;
		date_format_vn(l->rep[i].on, d);
		say(msg, msglen,
		    "Khoản vay có lần trả ngày %s, sau ngày xóa nợ. Hãy chọn ngày xóa nợ từ ngày "
		    "đó trở đi.",
		    d);
		return NCT_ERR_INVALID;
	}
	if (*outstanding <= 0) {
		say(msg, msglen, "Khoản vay đã trả hết gốc; không còn gì để xóa nợ.");
		return NCT_ERR_INVALID;
	}
	return NCT_OK;
}

static nct_err write_off_update(struct ctx *x, int64_t loan_id, struct date on, const char *note)
{
	struct db *db = x->db;
	static const char sql[] = "UPDATE loans SET written_off_on = ?, write_off_note = ?"
	                          " WHERE id = ? AND written_off_on IS NULL";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(db, sql);
	date_format(on, d);
	db_bind_text(st, 1, d);
	db_bind_text(st, 2, note);
	db_bind_int(st, 3, loan_id);
	nct_err e = db_run(st);
	return !e && db_changes(db) != 1 ? NCT_ERR_CONFLICT : e;
}

nct_err fund_loan_write_off(struct ctx *x, const struct club *c, int64_t loan_id, const char *on,
                            const char *note, char *msg, size_t msglen)
{
	if (access_club(x, c, ACCESS_CHANGE) != NCT_OK)
		return NCT_ERR_DENIED;
	struct db *db = x->db;
	struct date d;
	struct fund_loans ls = {0};
	int64_t out = 0;
	char day[DATE_LEN];
	say(msg, msglen, "%s", "");
	nct_err e = past_date(c, on, "xóa nợ", &d, msg, msglen);
	if (!e)
		e = check_text(note, "lý do xóa nợ", true, msg, msglen);
	if (e || (e = db_begin(db)))
		return e;
	e = db_lock_row(db, "clubs", c->id);
	if (!e)
		e = load_loan(x, c, loan_id, &ls, msg, msglen);
	if (!e)
		e = write_off_check(&ls.v[0], d, &out, msg, msglen);
	if (!e)
		e = write_off_update(x, loan_id, d, note);
	if (!e) {
		date_format(d, day);
		e = audit_change(
		    x, "write_off", "loan", loan_id,
		    json_pack("{s:n, s:I}", "written_off_on", "outstanding", (json_int_t)out),
		    json_pack("{s:s, s:s, s:s, s:I}", "club", c->code, "written_off_on", day,
		              "note", note, "outstanding", (json_int_t)out));
	}
	fund_loans_free(&ls);
	return finish(x, e);
}

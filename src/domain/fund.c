#include "fund.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/money.h"
#include "../base/text.h"
#include "../store/db.h"
#include "access.h"
#include "club_facts.h"
#include "check.h"
#include "ctx.h"
#include "support.h"

/* Every change to a club's funds begins, inside its unit of work, by locking
 * the club's row (db_lock_row), so two changes to one club run one after the
 * other and each checks the balance the other left. */

/* Sums over many loans are kept wide, as in ledger.c and loan.c. */
__extension__ typedef __int128 wide;

static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return true;
	return false;
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

/* Whether text that money_parse (or plain_digits) refused has a fraction: a
 * decimal comma, a last group after '.' that is not of three digits, or in a
 * JSON number any '.' or exponent. */
static bool fraction(const char *s, bool grouped)
{
	size_t digits = 0, last = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			last++;
		} else if (*p == '.') {
			last = 0;
		}
	}
	return digits > 0 && (strchr(s, ',') || (strchr(s, '.') && (!grouped || last != 3)) ||
	                      (!grouped && (strchr(s, 'e') || strchr(s, 'E'))));
}

nct_err fund_amount_parse(const char *s, bool grouped, const char *field, int64_t *out,
                          struct refusal *rf)
{
	char t[64];
	if (!trimmed(s, t, sizeof t))
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_FORMAT, field, "s", s);
	if (!t[0])
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_MISSING, field, "");
	if (t[0] == '-')
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_NEGATIVE, field, "");
	if (strcmp(t, "0") == 0) { /* nothing paid (money_parse wants no leading zero) */
		*out = 0;
		return NCT_OK;
	}
	nct_err e = grouped ? money_parse(t, out) : plain_digits(t, out);
	if (e == NCT_OK)
		return NCT_OK;
	if (e == NCT_ERR_TOOBIG)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_TOO_LARGE, field, "m", MONEY_MAX);
	if (fraction(t, grouped))
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_FRACTION, field, "s", t);
	return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_FORMAT, field, "s", t);
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

nct_err fund_rate_parse(const char *s, int *bp, struct refusal *rf)
{
	char t[32];
	bool fits = trimmed(s, t, sizeof t);
	size_t n = fits ? strlen(t) : 0;
	if (n && t[n - 1] == '%') {
		t[n - 1] = '\0';
		text_trim(t);
	}
	if (fits && !t[0])
		return refuse(rf, NCT_ERR_INVALID, RF_RATE_MISSING, "rate", "");
	if (!fits || !rate_digits(t, bp))
		return refuse(rf, NCT_ERR_INVALID, RF_RATE_FORMAT, "rate", "s", fits ? t : s);
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

/* Each entry's fund's balance after it, in the ledger's order. Through the
 * domain no balance leaves -MONEY_MAX..MONEY_MAX; rows written around it that
 * would take a sum past int64_t fail the load rather than show a wrapped
 * figure. */
static nct_err running_balances(struct fund_ledger *l)
{
	int64_t bal[2] = {0, 0};
	for (size_t i = 0; i < l->n; i++) {
		int64_t *b = &bal[l->e[i].fund];
		if (!money_add(*b, l->e[i].amount, b))
			return NCT_ERR_TOOBIG;
		l->info[i].balance = *b;
	}
	return NCT_OK;
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
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(club_id));
	nct_err e = db_rows(st, &ev, entry_row, &iv);
	size_t ni;
	out->e = vec_result(&ev, e, &out->n);
	out->info = vec_result(&iv, e, &ni);
	if (!e && (e = running_balances(out)))
		fund_ledger_free(out);
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
	int f = loan_freq_parse(db_col_text(st, 6));
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
	DB_BINDS(st, DB_I(club_id), DB_I(loan_id), DB_I(loan_id));
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
	static const char sql[] = "SELECT COUNT(*) FROM loans WHERE club_id = ?"
	                          " AND disbursed_on >= ? AND disbursed_on <= ?";
	char a[DATE_LEN], b[DATE_LEN];
	*yes = false;
	date_format(from, a);
	date_format(to, b);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(club_id), DB_T(a), DB_T(b));
	return db_any(st, yes);
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
	wide disbursed = 0;
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
			disbursed += l->terms.principal;
		}
		if (loan_in_period(l, before, out->to))
			people[np++] = l->person_id;
	}
	portfolio_finish(&out->portfolio);
	out->disbursed = clamp(disbursed);
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

/* The first check of every change: may x change the club's funds? */
static nct_err may_change(struct ctx *x, const struct club *c, struct refusal *rf)
{
	if (access_club(x, c, ACCESS_CHANGE))
		return refuse(rf, NCT_ERR_DENIED, RF_DENIED, NULL, "");
	return NCT_OK;
}

bool fund_may_override(const struct ctx *x, const struct club *c)
{
	switch (x->role) {
	case ROLE_ADMIN:
	case ROLE_PROVINCE:
	case ROLE_DISTRICT:
	case ROLE_COMMUNE:
		return access_club(x, c, ACCESS_CHANGE) == NCT_OK;
	default:
		return false;
	}
}

/* An override asked for by one who may not use it is refused before anything
 * else is checked. */
static nct_err override_allowed(const struct ctx *x, const struct club *c, bool override,
                                struct refusal *rf)
{
	if (override && !fund_may_override(x, c))
		return refuse(rf, NCT_ERR_INVALID, RF_OVERRIDE_NOT_ALLOWED, "override", "");
	return NCT_OK;
}

/* A note, a purpose or a reason: at most FUND_NOTE_MAX bytes of UTF-8, and
 * present when required. */
static nct_err note_check(const char *s, const char *field, bool required, struct refusal *rf)
{
	if (!required && !has_text(s))
		return NCT_OK;
	return check_text(s, FUND_NOTE_MAX, field, rf);
}

/* Runs st, an INSERT ... RETURNING id. */
static nct_err insert_id(struct db_stmt *st, int64_t *id)
{
	nct_err e = db_int(st, id);
	return !e && *id <= 0 ? NCT_ERR_DB : e;
}

static void bind_id(struct db_stmt *st, int i, int64_t id)
{
	if (id)
		db_bind_int(st, i, id);
	else
		db_bind_null(st, i);
}

static nct_err entry_insert(struct ctx *x, int64_t club_id, const struct ledger_entry *add,
                            int64_t loan_id, int64_t support_rule_id, const char *note, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, reverses, loan_id,"
	    " override, support_rule_id, note, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
	    " RETURNING id";
	char on[DATE_LEN], now[26];
	struct db_stmt *st = db_prepare(x->db, sql);
	date_format(add->on, on);
	time_format_vn(time(NULL), now);
	DB_BINDS(st, DB_I(club_id), DB_T(fund_name(add->fund)), DB_T(on),
	         DB_T(entry_kind_name(add->kind)), DB_I(add->amount));
	bind_id(st, 6, add->reverses);
	bind_id(st, 7, loan_id);
	db_bind_int(st, 8, add->override);
	bind_id(st, 9, support_rule_id);
	db_bind_text(st, 10, has_text(note) ? note : NULL);
	db_bind_text(st, 11, now);
	return insert_id(st, id);
}

/* Writes the audit row of a change of row id (audit_json). */
static nct_err audit_entry(struct ctx *x, const char *action, const char *entity, int64_t id,
                           json_t *old, json_t *nw)
{
	char sid[AUDIT_ID_LEN];
	return audit_json(x, action, entity, audit_id(sid, id), old, nw);
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
                           bool may_override, const char *note, struct refusal *rf)
{
	if (l->n >= FUND_MAX_ENTRIES)
		return refuse(rf, NCT_ERR_TOOBIG, RF_LEDGER_FULL, NULL, "i",
		              (int64_t)FUND_MAX_ENTRIES);
	add->override = false;
	nct_err e = ledger_check(l->e, l->n, add, rf);
	if (e == NCT_ERR_INVALID && !may_override && rf && rf->code == RF_BALANCE_NEGATIVE)
		rf->code = RF_BALANCE_NEGATIVE_ASK; /* the same values: ask an officer */
	if (e != NCT_ERR_INVALID || !override)
		return e;
	add->override = true;
	if ((e = ledger_check(l->e, l->n, add, rf)))
		return e;
	if (!has_text(note))
		return refuse(rf, NCT_ERR_INVALID, RF_OVERRIDE_NEEDS_NOTE, "note", "");
	return NCT_OK;
}

/* The club's row locked for the change, and its ledger. */
static nct_err locked_ledger(struct ctx *x, const struct club *c, struct fund_ledger *l)
{
	nct_err e = db_lock_row(x->db, "clubs", c->id);
	return e ? e : fund_ledger_load(x, c->id, l);
}

/* How many rows a COUNT(*) query with the club's id as its one parameter finds. */
static nct_err count_rows(struct ctx *x, const char *sql, int64_t club_id, int64_t *n)
{
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(club_id));
	return db_int(st, n);
}

static nct_err entry_new_check(const struct club *c, const struct fund_entry_new *in,
                               struct ledger_entry *add, struct refusal *rf)
{
	int f = fund_parse(in->fund), k = entry_kind_parse(in->kind);
	*add = (struct ledger_entry){0};
	if (f < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_FUND_CHOICE, "fund", "");
	if (!check_listed(entry_kinds_by_hand, in->kind))
		return refuse(rf, NCT_ERR_INVALID, RF_ENTRY_KIND, "kind", "");
	if (in->amount <= 0)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_NOT_POSITIVE, "amount", "");
	if (in->amount > MONEY_MAX)
		return refuse(rf, NCT_ERR_INVALID, RF_AMOUNT_TOO_LARGE, "amount", "m", MONEY_MAX);
	if (in->support && k != ENTRY_GRANT)
		return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_KIND, "support", "");
	add->fund = (enum fund)f;
	add->kind = (enum entry_kind)k;
	add->amount = entry_kind_sign(add->kind) * in->amount;
	nct_err e = check_club_date(c, in->on, "on", &add->on, rf);
	return e ? e : note_check(in->note, "note", false, rf);
}

/* The one-off support: the rule the club falls under on the entry's day
 * (support.h), within its level, and once per club when the rule says so (an
 * entry reversed by a correction no longer counts). *rule_id is the rule. */
static nct_err support_check(struct ctx *x, const struct club *c, const struct fund_ledger *l,
                             const struct ledger_entry *add, int64_t *rule_id, struct refusal *rf)
{
	struct support_rule r;
	char d[DATE_LEN];
	*rule_id = 0;
	nct_err e = support_rule_for(x, c->kind, c->founded_on, add->on, &r, rf);
	for (size_t i = 0; !e && r.once && i < l->n; i++) {
		if (l->info[i].support_rule_id != r.id || l->info[i].reversed_by)
			continue;
		date_format(l->e[i].on, d);
		return refuse(rf, NCT_ERR_INVALID, RF_SUPPORT_ONCE, "support", "sdi", r.name, d,
		              l->e[i].id);
	}
	if (!e)
		e = support_amount_check(&r, add->amount, rf);
	if (!e)
		*rule_id = r.id;
	return e;
}

static nct_err entry_write(struct ctx *x, const struct club *c, const struct fund_entry_new *in,
                           struct ledger_entry *add, int64_t *id, struct refusal *rf)
{
	struct fund_ledger l = {0};
	int64_t rule_id = 0;
	nct_err e = locked_ledger(x, c, &l);
	if (!e && in->support)
		e = support_check(x, c, &l, add, &rule_id, rf);
	if (!e)
		e = check_entry(&l, add, in->override, fund_may_override(x, c), in->note, rf);
	if (!e)
		e = entry_insert(x, c->id, add, 0, rule_id, in->note, id);
	if (!e)
		e = audit_entry(x, add->override ? "override" : "create", "ledger_entry", *id, NULL,
		                entry_json(c, add, 0, rule_id, in->note));
	fund_ledger_free(&l);
	return e;
}

nct_err fund_entry_add(struct ctx *x, const struct club *c, const struct fund_entry_new *in,
                       int64_t *id, struct refusal *rf)
{
	struct ledger_entry add;
	nct_err e = may_change(x, c, rf);
	if (!e)
		e = override_allowed(x, c, in->override, rf);
	if (!e)
		e = entry_new_check(c, in, &add, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, entry_write(x, c, in, &add, id, rf));
}

/* The entry to reverse, by index: one of this club's, not of a loan, not itself
 * a correction (ledger_check refuses one already reversed). */
static nct_err reversible(const struct fund_ledger *l, int64_t entry_id, size_t *at,
                          struct refusal *rf)
{
	for (*at = 0; *at < l->n && l->e[*at].id != entry_id; (*at)++)
		;
	if (*at == l->n)
		return refuse(rf, NCT_ERR_NOTFOUND, RF_NO_SUCH_ENTRY, "reverses", "i", entry_id);
	if (l->info[*at].loan_id)
		return refuse(rf, NCT_ERR_INVALID, RF_ENTRY_OF_LOAN, "reverses", "ii", entry_id,
		              l->info[*at].loan_id);
	if (l->e[*at].kind == ENTRY_CORRECTION)
		return refuse(rf, NCT_ERR_INVALID, RF_ENTRY_IS_CORRECTION, "reverses", "i",
		              entry_id);
	return NCT_OK;
}

static nct_err reversal_write(struct ctx *x, const struct club *c, const struct fund_reversal *in,
                              struct date on, int64_t *id, struct refusal *rf)
{
	struct fund_ledger l = {0};
	size_t at = 0;
	nct_err e = locked_ledger(x, c, &l);
	if (!e)
		e = reversible(&l, in->entry_id, &at, rf);
	/* after the entry is found: a refusal never names another club's entry */
	if (!e && !has_text(in->note))
		e = refuse(rf, NCT_ERR_INVALID, RF_CORRECTION_NEEDS_REASON, "note", "");
	struct ledger_entry add = {0};
	if (!e) {
		const struct ledger_entry *old = &l.e[at];
		add = (struct ledger_entry){
		    0,    old->fund, on, ENTRY_CORRECTION, clamp(-(wide)old->amount), in->entry_id,
		    false};
		e = check_entry(&l, &add, in->override, fund_may_override(x, c), in->note, rf);
	}
	if (!e)
		e = entry_insert(x, c->id, &add, 0, 0, in->note, id);
	if (!e)
		e = audit_entry(
		    x, add.override ? "override" : "reverse", "ledger_entry", *id,
		    entry_json(c, &l.e[at], 0, l.info[at].support_rule_id, l.info[at].note),
		    entry_json(c, &add, 0, 0, in->note));
	fund_ledger_free(&l);
	return e;
}

nct_err fund_entry_reverse(struct ctx *x, const struct club *c, const struct fund_reversal *in,
                           int64_t *id, struct refusal *rf)
{
	struct date on;
	char today[DATE_LEN];
	date_format(date_today_vn(), today);
	nct_err e = may_change(x, c, rf);
	if (!e)
		e = override_allowed(x, c, in->override, rf);
	if (!e)
		e = check_club_date(c, in->on && in->on[0] ? in->on : today, "on", &on, rf);
	if (!e && has_text(in->note))
		e = note_check(in->note, "note", true, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, reversal_write(x, c, in, on, id, rf));
}

nct_err fund_reversal_preview(struct ctx *x, const struct club *c, int64_t entry_id,
                              struct fund_reversal_preview *out, struct refusal *rf)
{
	struct fund_ledger l = {0};
	struct date today = date_today_vn();
	size_t at = 0;
	*out = (struct fund_reversal_preview){0};
	nct_err e = may_change(x, c, rf);
	if (!e)
		e = fund_ledger_load(x, c->id, &l);
	if (!e)
		e = reversible(&l, entry_id, &at, rf);
	if (!e) {
		struct refusal why = {0};
		const struct ledger_entry *old = &l.e[at];
		struct ledger_entry add = {0,
		                           old->fund,
		                           date_cmp(today, old->on) < 0 ? old->on : today,
		                           ENTRY_CORRECTION,
		                           clamp(-(wide)old->amount),
		                           entry_id,
		                           false};
		out->entry = *old;
		out->info = l.info[at];
		out->may_override = fund_may_override(x, c);
		out->balance_now = ledger_balance(l.e, l.n, old->fund, add.on);
		out->balance_after = clamp((wide)out->balance_now + add.amount);
		e = ledger_check(l.e, l.n, &add, &why);
		out->needs_override = e == NCT_ERR_INVALID && why.code == RF_BALANCE_NEGATIVE;
		if (out->needs_override)
			e = NCT_OK;
		else if (e && rf)
			*rf = why;
	}
	fund_ledger_free(&l);
	return e;
}

static nct_err loan_new_check(const struct club *c, const struct fund_loan_new *in,
                              struct loan_terms *t, struct refusal *rf)
{
	int f = loan_freq_parse(in->frequency);
	*t = (struct loan_terms){
	    in->principal, {0, 0, 0}, in->term_months, LOAN_MONTHLY, in->rate_bp};
	if (f < 0)
		return refuse(rf, NCT_ERR_INVALID, RF_LOAN_FREQUENCY, "frequency", "");
	t->freq = (enum loan_freq)f;
	nct_err e = check_club_date(c, in->disbursed_on, "disbursed_on", &t->disbursed, rf);
	if (!e)
		e = loan_terms_check(t, rf);
	if (!e)
		e = note_check(in->purpose, "purpose", true, rf);
	return e ? e : note_check(in->note, "note", false, rf);
}

/* Only a member of the club on the day may borrow from its fund. */
static nct_err member_on(struct ctx *x, const struct club *c, int64_t person_id, struct date on,
                         struct refusal *rf)
{
	static const char sql[] = "SELECT COUNT(*) FROM memberships WHERE club_id = ?"
	                          " AND person_id = ? AND joined_on <= ?"
	                          " AND (left_on IS NULL OR left_on > ?)";
	char d[DATE_LEN];
	int64_t n = 0;
	date_format(on, d);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_I(c->id), DB_I(person_id), DB_T(d), DB_T(d));
	nct_err e = db_int(st, &n);
	if (!e && n == 0)
		return refuse(rf, NCT_ERR_INVALID, RF_NOT_MEMBER_ON, "person_id", "d", d);
	return e;
}

static nct_err loans_room(struct ctx *x, int64_t club_id, struct refusal *rf)
{
	static const char sql[] = "SELECT COUNT(*) FROM loans WHERE club_id = ?";
	int64_t n = 0;
	nct_err e = count_rows(x, sql, club_id, &n);
	if (!e && n >= FUND_MAX_LOANS)
		return refuse(rf, NCT_ERR_TOOBIG, RF_LOANS_FULL, NULL, "i",
		              (int64_t)FUND_MAX_LOANS);
	return e;
}

/* The plain refusal for the common case, before the ledger's general one. */
static nct_err enough_to_lend(const struct fund_ledger *l, const struct ledger_entry *add,
                              bool override, bool may_override, struct refusal *rf)
{
	int64_t bal = ledger_balance(l->e, l->n, FUND_REVOLVING, add->on);
	char d[DATE_LEN];
	if (override || (wide)bal + add->amount >= 0)
		return NCT_OK;
	date_format(add->on, d);
	return refuse(rf, NCT_ERR_INVALID,
	              may_override ? RF_NOT_ENOUGH_TO_LEND : RF_NOT_ENOUGH_TO_LEND_ASK, "principal",
	              "dmm", d, bal, -add->amount);
}

/* A refusal of the ledger's about the entry's "amount" is about the input
 * field that gave it. */
static nct_err about(nct_err e, struct refusal *rf, const char *field)
{
	if (e && rf && rf->field && strcmp(rf->field, "amount") == 0)
		rf->field = field;
	return e;
}

static nct_err loan_insert(struct ctx *x, int64_t club_id, const struct fund_loan_new *in,
                           const struct loan_terms *t, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO loans (club_id, person_id, principal, disbursed_on, term_months,"
	    " frequency, rate_bp, purpose) VALUES (?,?,?,?,?,?,?,?) RETURNING id";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(x->db, sql);
	date_format(t->disbursed, d);
	DB_BINDS(st, DB_I(club_id), DB_I(in->person_id), DB_I(t->principal), DB_T(d),
	         DB_I(t->term_months), DB_T(loan_freq_name(t->freq)), DB_I(t->rate_bp),
	         DB_T(in->purpose));
	return insert_id(st, id);
}

static json_t *loan_json(const struct club *c, const struct fund_loan_new *in,
                         const struct loan_terms *t, int64_t entry, bool override)
{
	char d[DATE_LEN];
	date_format(t->disbursed, d);
	return json_pack("{s:s, s:I, s:I, s:s, s:i, s:s, s:i, s:s, s:I, s:b, s:s?}", "club",
	                 c->code, "person", (json_int_t)in->person_id, "principal",
	                 (json_int_t)t->principal, "disbursed_on", d, "term_months", t->term_months,
	                 "frequency", loan_freq_name(t->freq), "rate_bp", t->rate_bp, "purpose",
	                 in->purpose, "entry", (json_int_t)entry, "override", override, "note",
	                 has_text(in->note) ? in->note : NULL);
}

static nct_err loan_write(struct ctx *x, const struct club *c, const struct fund_loan_new *in,
                          const struct loan_terms *t, int64_t *id, struct refusal *rf)
{
	struct fund_ledger l = {0};
	struct ledger_entry add = {
	    0, FUND_REVOLVING, t->disbursed, ENTRY_DISBURSEMENT, -t->principal, 0, false};
	int64_t entry = 0;
	nct_err e = locked_ledger(x, c, &l);
	if (!e)
		e = member_on(x, c, in->person_id, t->disbursed, rf);
	if (!e)
		e = loans_room(x, c->id, rf);
	if (!e)
		e = enough_to_lend(&l, &add, in->override, fund_may_override(x, c), rf);
	if (!e)
		e = about(
		    check_entry(&l, &add, in->override, fund_may_override(x, c), in->note, rf), rf,
		    "principal");
	if (!e)
		e = club_facts_after(x->db, c->id, loan_insert(x, c->id, in, t, id));
	if (!e)
		e = entry_insert(x, c->id, &add, *id, 0, in->note, &entry);
	if (!e)
		e = audit_entry(x, add.override ? "override" : "create", "loan", *id, NULL,
		                loan_json(c, in, t, entry, add.override));
	fund_ledger_free(&l);
	return e;
}

nct_err fund_loan_disburse(struct ctx *x, const struct club *c, const struct fund_loan_new *in,
                           int64_t *id, struct refusal *rf)
{
	struct person p;
	struct loan_terms t;
	nct_err e = in->person_id > 0 ? access_club_person(x, c, in->person_id, "person_id", &p, rf)
	                              : may_change(x, c, rf);
	if (!e)
		e = override_allowed(x, c, in->override, rf);
	if (!e && in->person_id <= 0)
		e = refuse(rf, NCT_ERR_INVALID, RF_BORROWER_MISSING, "person_id", "");
	if (!e)
		e = loan_new_check(c, in, &t, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, loan_write(x, c, in, &t, id, rf));
}

/* The club's row locked for the change, and its loan loan_id. */
static nct_err locked_loan(struct ctx *x, const struct club *c, int64_t loan_id,
                           struct fund_loans *ls, struct refusal *rf)
{
	nct_err e = db_lock_row(x->db, "clubs", c->id);
	if (!e)
		e = loan_id > 0 ? fund_loans_load(x, c->id, loan_id, ls) : NCT_ERR_NOTFOUND;
	if (e == NCT_ERR_NOTFOUND)
		return refuse(rf, e, RF_NO_SUCH_LOAN, NULL, "i", loan_id);
	return e;
}

/* Interest is owed as scheduled; more than the scheduled interest not yet
 * paid is more than what is owed. */
static nct_err interest_check(const struct fund_loan *l, const struct repayment *add,
                              struct refusal *rf)
{
	struct installment sched[LOAN_MAX_INSTALLMENTS];
	size_t n;
	wide left = 0;
	fund_loan_schedule(l, sched, &n);
	for (size_t i = 0; i < n; i++)
		left += sched[i].interest;
	for (size_t i = 0; i < l->nrep; i++)
		left -= l->rep[i].interest;
	if (add->interest <= left)
		return NCT_OK;
	return refuse(rf, NCT_ERR_INVALID, RF_ABOVE_INTEREST_DUE, "interest", "mm", add->interest,
	              left > 0 ? clamp(left) : 0);
}

static nct_err repayment_check(struct ctx *x, const struct club *c, const struct fund_loan *l,
                               const struct repayment *add, struct refusal *rf)
{
	static const char sql[] = "SELECT COUNT(*) FROM loan_repayments r JOIN loans l"
	                          " ON l.id = r.loan_id WHERE l.club_id = ?";
	char d[DATE_LEN];
	int64_t n = 0;
	if (l->written_off && date_cmp(add->on, l->written_off_on) >= 0) {
		date_format(l->written_off_on, d);
		return refuse(rf, NCT_ERR_INVALID, RF_LOAN_WRITTEN_OFF, "on", "d", d);
	}
	nct_err e = loan_repayment_check(&l->terms, l->rep, l->nrep, add, rf);
	if (!e)
		e = interest_check(l, add, rf);
	if (!e)
		e = count_rows(x, sql, c->id, &n);
	if (!e && n >= FUND_MAX_REPAYMENTS)
		return refuse(rf, NCT_ERR_TOOBIG, RF_REPAYMENTS_FULL, NULL, "i",
		              (int64_t)FUND_MAX_REPAYMENTS);
	return e;
}

static nct_err repayment_insert(struct ctx *x, int64_t loan_id, const struct repayment *r,
                                int64_t *id)
{
	static const char sql[] = "INSERT INTO loan_repayments (loan_id, on_date, principal,"
	                          " interest) VALUES (?,?,?,?) RETURNING id";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(x->db, sql);
	date_format(r->on, d);
	DB_BINDS(st, DB_I(loan_id), DB_T(d), DB_I(r->principal), DB_I(r->interest));
	return insert_id(st, id);
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
	return db_run(DB_PREPARE(db, sql, DB_I(loan_id)));
}

/* Principal back as "repayment", interest as "interest": money into the
 * revolving fund, which may not lift its balance past MONEY_MAX on any day.
 * The second entry is checked with the first booked. */
static nct_err repayment_entries(struct ctx *x, const struct club *c, int64_t loan_id,
                                 const struct repayment *r, int64_t ids[2], struct refusal *rf)
{
	static const char *const fields[2] = {"principal", "interest"};
	const struct ledger_entry add[2] = {
	    {0, FUND_REVOLVING, r->on, ENTRY_REPAYMENT, r->principal, 0, false},
	    {0, FUND_REVOLVING, r->on, ENTRY_INTEREST, r->interest, 0, false},
	};
	struct fund_ledger l = {0};
	nct_err e = fund_ledger_load(x, c->id, &l);
	for (int i = 0; i < 2 && !e; i++) {
		if (add[i].amount == 0)
			continue;
		e = about(ledger_check(l.e, l.n, &add[i], rf), rf, fields[i]);
		if (!e)
			e = entry_insert(x, c->id, &add[i], loan_id, 0, NULL, &ids[i]);
		if (!e && i == 0) { /* the interest is checked against the ledger as it now is */
			fund_ledger_free(&l);
			e = fund_ledger_load(x, c->id, &l);
		}
	}
	fund_ledger_free(&l);
	return e;
}

static nct_err repayment_write(struct ctx *x, const struct club *c,
                               const struct fund_repayment_new *in, struct repayment *add,
                               int64_t *id, struct refusal *rf)
{
	struct fund_loans ls = {0};
	int64_t ids[2] = {0, 0};
	char d[DATE_LEN];
	nct_err e = locked_loan(x, c, in->loan_id, &ls, rf);
	if (!e)
		e = repayment_check(x, c, &ls.v[0], add, rf);
	if (!e)
		e = repayment_insert(x, in->loan_id, add, id);
	if (!e)
		e = club_facts_after(x->db, c->id, loan_mark_repaid(x->db, in->loan_id));
	if (!e)
		e = repayment_entries(x, c, in->loan_id, add, ids, rf);
	if (!e) {
		date_format(add->on, d);
		e = audit_entry(x, "create", "loan_repayment", *id, NULL,
		                json_pack("{s:s, s:I, s:s, s:I, s:I, s:[I, I]}", "club", c->code,
		                          "loan", (json_int_t)in->loan_id, "on", d, "principal",
		                          (json_int_t)add->principal, "interest",
		                          (json_int_t)add->interest, "entries", (json_int_t)ids[0],
		                          (json_int_t)ids[1]));
	}
	fund_loans_free(&ls);
	return e;
}

nct_err fund_loan_repay(struct ctx *x, const struct club *c, const struct fund_repayment_new *in,
                        int64_t *id, struct refusal *rf)
{
	struct repayment add = {{0, 0, 0}, in->principal, in->interest};
	nct_err e = may_change(x, c, rf);
	if (!e)
		e = check_club_date(c, in->on, "on", &add.on, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, repayment_write(x, c, in, &add, id, rf));
}

static nct_err write_off_check(const struct fund_loan *l, struct date on, int64_t *outstanding,
                               struct refusal *rf)
{
	char d[DATE_LEN];
	wide left = l->terms.principal;
	for (size_t i = 0; i < l->nrep; i++)
		left -= l->rep[i].principal;
	*outstanding = clamp(left);
	if (l->written_off) {
		date_format(l->written_off_on, d);
		return refuse(rf, NCT_ERR_INVALID, RF_LOAN_WRITTEN_OFF, "on", "d", d);
	}
	if (date_cmp(on, l->terms.disbursed) < 0) {
		date_format(l->terms.disbursed, d);
		return refuse(rf, NCT_ERR_INVALID, RF_BEFORE_DISBURSEMENT, "on", "d", d);
	}
	for (size_t i = 0; i < l->nrep; i++) {
		if (date_cmp(l->rep[i].on, on) <= 0)
			continue;
		date_format(l->rep[i].on, d);
		return refuse(rf, NCT_ERR_INVALID, RF_REPAID_AFTER, "on", "d", d);
	}
	if (*outstanding <= 0)
		return refuse(rf, NCT_ERR_INVALID, RF_NOTHING_OUTSTANDING, NULL, "");
	return NCT_OK;
}

static nct_err write_off_update(struct ctx *x, int64_t loan_id, struct date on, const char *note)
{
	static const char sql[] = "UPDATE loans SET written_off_on = ?, write_off_note = ?"
	                          " WHERE id = ? AND written_off_on IS NULL";
	char d[DATE_LEN];
	struct db_stmt *st = db_prepare(x->db, sql);
	date_format(on, d);
	DB_BINDS(st, DB_T(d), DB_T(note), DB_I(loan_id));
	nct_err e = db_run(st);
	return !e && db_changes(x->db) != 1 ? NCT_ERR_CONFLICT : e;
}

static nct_err write_off_write(struct ctx *x, const struct club *c, int64_t loan_id, struct date on,
                               const char *note, struct refusal *rf)
{
	struct fund_loans ls = {0};
	int64_t out = 0;
	char day[DATE_LEN];
	nct_err e = locked_loan(x, c, loan_id, &ls, rf);
	if (!e)
		e = write_off_check(&ls.v[0], on, &out, rf);
	if (!e)
		e = club_facts_after(x->db, c->id, write_off_update(x, loan_id, on, note));
	if (!e) {
		date_format(on, day);
		e = audit_entry(
		    x, "write_off", "loan", loan_id,
		    json_pack("{s:n, s:I}", "written_off_on", "outstanding", (json_int_t)out),
		    json_pack("{s:s, s:s, s:s, s:I}", "club", c->code, "written_off_on", day,
		              "note", note, "outstanding", (json_int_t)out));
	}
	fund_loans_free(&ls);
	return e;
}

nct_err fund_loan_write_off(struct ctx *x, const struct club *c, int64_t loan_id, const char *on,
                            const char *note, struct refusal *rf)
{
	struct date d;
	nct_err e = may_change(x, c, rf);
	if (!e)
		e = check_club_date(c, on, "on", &d, rf);
	if (!e)
		e = note_check(note, "note", true, rf);
	if (e || (e = unit_begin(x)))
		return e;
	return unit_end(x, write_off_write(x, c, loan_id, d, note, rf));
}

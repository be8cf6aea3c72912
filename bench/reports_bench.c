/* reports_bench.c - the domain's completeness and compiled report against a
 * hand-written SQL floor for the same figures, both in this one process on
 * one connection, timed the same way (bench/reports.sh drives it).
 *
 * usage: reports_bench setup STORE PASSWORD
 *        reports_bench plans STORE PROVINCE_PLAN.json COUNTRY_PLAN.json
 *        reports_bench run STORE REPEAT
 *
 * setup makes the store (SQLite path or postgresql:// URI): the migrations,
 * Vietnam's places, the demo's bodies and users (no clubs, no register);
 * plans imports the two plans and writes their reports (about 90 % of each
 * period in, some late), and a register of the province's older people
 * (REGISTER_PER_COMMUNE in each commune; cards, allowance decisions and
 * celebrations for some), written in bulk by SQL.
 * run times, REPEAT times each, completeness_of and report_compile (the
 * command line's context, the store warm: one untimed call first) against the
 * floor: one SQL query that works out the period's expected reporters (the
 * obligation's codes; a body that ended hands over along org_links, a place
 * that ended to the places formed from it) with their report, the figures
 * counted as the rows come; for the report also the plan's areas and items
 * with their lead units, the lead units' entries and the receiver; for the
 * register's figures of the province on the report period's last day
 * (register_figures_of), one statement over the province's path range. Checks that
 * both give the same rows and figures, then prints one JSON object per line.
 * Wall time from CLOCK_MONOTONIC, CPU from CLOCK_PROCESS_CPUTIME_ID plus, on
 * PostgreSQL, the server backend's (its /proc/PID/stat: 10 ms ticks). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../src/base/text.h"
#include "../src/domain/ctx.h"
#include "../src/domain/indicator_register.h"
#include "../src/domain/obligation.h"
#include "../src/domain/plan_doc.h"
#include "../src/domain/report.h"
#include "../src/domain/submission.h"
#include "../src/export/plan_file.h"
#include "../src/seed/demo.h"
#include "../src/seed/place_load.h"
#include "../src/store/db.h"

static const char *const province_periods[] = {"2021S1", "2021", "2022S1", "2022",
                                               "2023S1", "2023", "2024S1", "2024"};

static void die(const char *what, const char *why)
{
	fprintf(stderr, "reports_bench: %s: %s\n", what, why);
	exit(1);
}

static void check(nct_err e, const char *what)
{
	if (e)
		die(what, nct_err_name(e));
}

/* ------------------------------------------------------------- setup */

static uint64_t rnd_state = 88172645463325252u;
static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

static void import_plan(struct ctx *x, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path, "cannot read");
	char *buf = malloc(PLAN_FILE_MAX + 1);
	size_t n = buf ? fread(buf, 1, PLAN_FILE_MAX, f) : 0;
	fclose(f);
	json_t *doc = NULL;
	char msg[256] = "";
	struct plan p;
	struct refusal rf = {0};
	if (!buf || plan_file_parse(buf, n, &doc, msg, sizeof msg))
		die(path, msg);
	free(buf);
	nct_err e = plan_import(x, doc, &p, &rf);
	json_decref(doc);
	check(e, path);
}

static int64_t one_int(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v = 0;
	db_bind_text(st, 1, arg);
	check(db_int(st, &v), sql);
	return v;
}

/* The reports of one obligation's period: 9 in 10 reporters, late one time in
 * 2.5, half accepted; a body's report with its word on the items it leads. */
static size_t write_reports(struct ctx *x, int64_t ob_id, const char *period, int64_t office,
                            const char *at, bool province)
{
	struct obligation ob;
	struct ob_period p;
	struct reporter *reps = NULL;
	size_t n = 0, written = 0;
	check(obligation_get(x, ob_id, &ob), "obligation");
	check(obligation_period(x, &ob, period, &p, NULL), period);
	check(obligation_reporters(x, &ob, &p, &reps, &n), "reporters");
	for (size_t i = 0; i < n; i++) {
		if (reps[i].ended || rnd(10) == 0)
			continue;
		static const int lates[] = {0, 0, 0, 2, 5};
		int late = province ? lates[rnd(5)] : 0;
		const char *status = province && rnd(2) ? "accepted" : "submitted";
		struct db_stmt *st = DB_PREPARE(
		    x->db,
		    "INSERT INTO submissions (obligation_id, period, reporter_kind, reporter_id,"
		    " stands_for, receiver_id, status, paper, created_at, first_at, submitted_at,"
		    " days_late) VALUES (?,?,?,?,?,?,?,0,?,?,?,?)",
		    DB_I(ob_id), DB_T(period), DB_T(reps[i].kind == 'o' ? "org" : "place"),
		    DB_I(reps[i].id), DB_T(reps[i].stands_for), DB_I(office), DB_T(status),
		    DB_T(at), DB_T(at), DB_T(at), DB_I(late));
		check(db_run(st), "insert submission");
		written++;
		if (reps[i].kind != 'o')
			continue;
		int64_t sub = 0;
		st = DB_PREPARE(x->db,
		                "SELECT id FROM submissions WHERE obligation_id = ? AND period = ?"
		                " AND reporter_kind = 'org' AND reporter_id = ?",
		                DB_I(ob_id), DB_T(period), DB_I(reps[i].id));
		check(db_int(st, &sub), "submission id");
		char progress[160];
		snprintf(progress, sizeof progress, "Tiến độ của %s kỳ %s", reps[i].code, period);
		st = DB_PREPARE(x->db,
		                "INSERT INTO submission_items SELECT ?, u.item_id, ?, ? FROM"
		                " plan_item_units u JOIN plan_items i ON i.id = u.item_id JOIN"
		                " plan_sections s ON s.id = i.section_id WHERE s.plan_id = ? AND"
		                " u.role = 'lead' AND u.org_code = ?",
		                DB_I(sub), DB_T(rnd(2) ? "done" : "in_progress"), DB_T(progress),
		                DB_I(ob.plan_id), DB_T(reps[i].code));
		check(db_run(st), "insert submission items");
	}
	free(reps);
	return written;
}

static int64_t ob_of(struct db *db, const char *plan, const char *line)
{
	struct db_stmt *st = DB_PREPARE(db,
	                                "SELECT b.id FROM obligations b JOIN plans p ON p.id ="
	                                " b.plan_id WHERE p.slug = ? AND b.line = ?",
	                                DB_T(plan), DB_T(line));
	int64_t v = 0;
	check(db_int(st, &v), "obligation of the plan");
	return v;
}

static int setup(const char *uri, const char *password)
{
	struct db *db;
	char msg[512] = "";
	struct place_load_report pr;
	if (db_open(uri, true, &db, msg, sizeof msg))
		die(uri, msg);
	struct ctx x;
	ctx_system(&x, db, "reports_bench");
	if (db_migrate(db, msg, sizeof msg) || place_load_reference(&x, &pr, msg, sizeof msg) ||
	    demo_load(&x, password, msg, sizeof msg))
		die("setup", msg[0] ? msg : db_errmsg(db));
	db_close(db);
	return 0;
}

/* ------------------------------------------------------------- the register */

#define REGISTER_PER_COMMUNE 440 /* about 45,000 older people: Kon Tum's 8 % of 543,694 */

/* The province's older people, REGISTER_PER_COMMUNE a commune (born 1925-1969, a
 * tenth dead by 2024), half with a card valid through 2024, a fifth granted an
 * allowance (a third of those stopped in 2024), a twentieth celebrated in
 * 2024, each with a residence since before our records and some moved (below):
 * bulk statements, not the domain (a bench fixture). */
static size_t write_register(struct db *db)
{
	static const char sql_people[] =
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
	    " INSERT INTO persons (full_name, name_fold, sex, birth, birth_start, died_on,"
	    " place_id, created_at) SELECT 'Người thử ' || CAST(i AS TEXT), 'nguoi thu',"
	    " CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, CAST(1925 + i % 45 AS TEXT),"
	    " CAST(1925 + i % 45 AS TEXT) || '-01-01',"
	    " CASE WHEN i % 10 = 0 THEN '2023-05-01' END, CAST(? AS INTEGER), '2024-01-01' FROM n";
	static const char sql_communes[] =
	    "SELECT id FROM places WHERE level = 3 AND path LIKE '/7421/%'"
	    " AND (valid_from IS NULL OR valid_from <= '2024-12-14')"
	    " AND (valid_to IS NULL OR valid_to >= '2024-12-14') ORDER BY id";
	static const char sql_cards[] =
	    "INSERT INTO health_cards (person_id, number, valid_from, valid_to, payer, created_at)"
	    " SELECT id, '62' || CAST(1000000000 + id AS TEXT), '2024-01-01', '2024-12-31',"
	    " 'state', '2024-01-01' FROM persons WHERE id % 2 = 0";
	static const char sql_grants[] =
	    "INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer,"
	    " signer_level, signer_place_id, place_id, rule_code, amount, month, channel,"
	    " created_at) SELECT id, 'grant', 'B' || CAST(id AS TEXT), '2023-01-05', 'Chủ tịch',"
	    " 'district', place_id, place_id, 'SA_5_5_C', 500000, '2023-01', 'post', '2023-01-05'"
	    " FROM persons WHERE id % 5 = 0";
	static const char sql_stops[] =
	    "INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer,"
	    " signer_level, signer_place_id, place_id, month, created_at) SELECT id, 'stop',"
	    " 'S' || CAST(id AS TEXT), '2024-03-05', 'Chủ tịch', 'district', place_id, place_id,"
	    " '2024-04', '2024-03-05' FROM persons WHERE id % 15 = 0";
	static const char sql_celebrated[] =
	    "INSERT INTO celebrations_given (person_id, year, given_on, created_at)"
	    " SELECT id, 2024, '2024-02-01', '2024-02-01' FROM persons WHERE id % 20 = 0";
	static const char sql_residences[] =
	    "INSERT INTO person_facts (person_id, kind, value, place_id, valid_from, created_at)"
	    " SELECT p.id, 'residence', pl.code, pl.id, NULL, '2024-01-01' FROM persons p"
	    " JOIN places pl ON pl.id = p.place_id";
	static const char *const sql_rest[] = {sql_cards, sql_grants, sql_stops, sql_celebrated,
	                                       sql_residences};
	/* moves: every 7th person to another commune before the day, every 11th after it,
	 * every 13th out of the province before it, every 17th to another commune before it
	 * and retracted: on the day the 7th count where they moved, the 13th nowhere in the
	 * province, the 11th and 17th where they lived before */
	static const char sql_move[] =
	    "INSERT INTO person_facts (person_id, kind, value, place_id, valid_from, created_at)"
	    " SELECT p.id, 'residence', pl.code, pl.id, CAST(? AS TEXT), '2024-01-01'"
	    " FROM persons p JOIN places pl ON pl.id = ? WHERE p.id % ? = 0";
	static const char sql_outside[] =
	    "SELECT MIN(id) FROM places WHERE level = 3 AND path NOT LIKE '/7421/%'"
	    " AND (valid_from IS NULL OR valid_from <= '2024-12-14')"
	    " AND (valid_to IS NULL OR valid_to >= '2024-12-14')";
	static const char sql_retract[] =
	    "INSERT INTO person_fact_retractions (fact_id, reason, created_at) SELECT id,"
	    " 'Ghi nhầm', '2024-08-01' FROM person_facts WHERE valid_from = '2024-07-01'";
	struct db_stmt *st = db_prepare(db, sql_communes);
	int64_t ids[200];
	size_t n = 0;
	while (n < 200 && db_step(st) == DB_ROW)
		ids[n++] = db_col_int(st, 0);
	db_done(st);
	for (size_t i = 0; i < n; i++)
		check(db_run(DB_PREPARE(db, sql_people, DB_I(REGISTER_PER_COMMUNE), DB_I(ids[i]))),
		      "insert people");
	for (size_t i = 0; i < sizeof sql_rest / sizeof *sql_rest; i++)
		check(db_exec(db, sql_rest[i]),
		      "insert cards, decisions, celebrations, residences");
	int64_t outside = 0;
	check(db_int(db_prepare(db, sql_outside), &outside), "a commune outside");
	const struct {
		const char *on;
		int64_t place, every;
	} moves[] = {{"2024-06-01", ids[0], 7},
	             {"2025-01-01", ids[1], 11},
	             {"2024-09-01", outside, 13},
	             {"2024-07-01", ids[2], 17}};
	for (size_t i = 0; n > 2 && i < sizeof moves / sizeof *moves; i++)
		check(db_run(DB_PREPARE(db, sql_move, DB_T(moves[i].on), DB_I(moves[i].place),
		                        DB_I(moves[i].every))),
		      "moves");
	check(db_exec(db, sql_retract), "retract a move");
	return n * REGISTER_PER_COMMUNE;
}

static int plans(const char *uri, const char *province, const char *country)
{
	struct db *db;
	char msg[512] = "";
	if (db_open(uri, false, &db, msg, sizeof msg))
		die(uri, msg);
	struct ctx x;
	ctx_system(&x, db, "reports_bench");
	import_plan(&x, province);
	import_plan(&x, country);
	int64_t kt = one_int(db, "SELECT id FROM orgs WHERE code = ?", "KT-SLDTBXH");
	int64_t qn = one_int(db, "SELECT id FROM orgs WHERE code = ?", "QN-SYT");
	size_t n = 0;
	check(db_begin(db), "begin");
	for (size_t i = 0; i < sizeof province_periods / sizeof *province_periods; i++) {
		const char *per = province_periods[i];
		char at[32];
		snprintf(at, sizeof at, "%.4s-06-10T09:00:00+07:00", per);
		n +=
		    write_reports(&x, ob_of(db, "bench-kh-bao-cao", strchr(per, 'S') ? "R1" : "R2"),
		                  per, kt, at, true);
	}
	size_t nc = write_reports(&x, ob_of(db, "bench-kh-bao-cao-vn", "R1"), "2025", qn,
	                          "2025-12-10T09:00:00+07:00", false);
	size_t people = write_register(db);
	check(db_commit(db), "commit");
	printf("{\"province_reports\": %zu, \"country_reports\": %zu, \"register\": %zu}\n", n, nc,
	       people);
	db_close(db);
	return 0;
}

/* ------------------------------------------------------------- the floor */

/* The period's expected reporters with their report, in the domain's order
 * (bodies, then places, by code). Parameters: day, obligation (x4), day x5,
 * obligation, period. */
static const char floor_sql[] =
    "WITH RECURSIVE codes(kind, code) AS ("
    "  SELECT kind, code FROM obligation_reporters WHERE obligation_id = ?3),"
    " chain(id, vf, vt, depth) AS ("
    "  SELECT o.id, o.valid_from, o.valid_to, 0 FROM codes c JOIN orgs o ON o.code = c.code"
    "  WHERE c.kind = 'org' AND COALESCE(o.valid_from, '') <= ?1"
    "  UNION ALL"
    "  SELECT t.id, t.valid_from, t.valid_to, h.depth + 1 FROM chain h"
    "  JOIN org_links l ON l.from_id = h.id AND l.plan_duties = 1 AND l.since <= ?1"
    "  JOIN orgs t ON t.id = l.to_id"
    "  WHERE h.depth < 8 AND NOT (COALESCE(h.vf, '') <= ?1 AND COALESCE(h.vt, '9999') >= ?1)),"
    " pnow AS (SELECT c.code, MIN(p.id) AS id FROM codes c JOIN places p ON p.code = c.code"
    "  WHERE c.kind = 'place' AND COALESCE(p.valid_from, '') <= ?1"
    "  AND COALESCE(p.valid_to, '9999') >= ?1 GROUP BY c.code),"
    " pgone AS (SELECT c.code, MAX(p.path) AS path FROM codes c JOIN places p ON p.code = c.code"
    "  WHERE c.kind = 'place' AND p.valid_to < ?1"
    "  AND NOT EXISTS (SELECT 1 FROM pnow WHERE pnow.code = c.code) GROUP BY c.code),"
    " rep(kind, id) AS ("
    "  SELECT 'o', id FROM chain WHERE COALESCE(vf, '') <= ?1 AND COALESCE(vt, '9999') >= ?1"
    "  UNION SELECT 'p', id FROM pnow"
    "  UNION SELECT 'p', n.id FROM pgone g JOIN places o"
    "   ON o.path BETWEEN g.path AND g.path || '~' JOIN place_links l ON l.from_id = o.id"
    "   JOIN places n ON n.id = l.to_id WHERE COALESCE(n.valid_from, '') <= ?1"
    "   AND COALESCE(n.valid_to, '9999') >= ?1)"
    " SELECT r.kind, r.id, COALESCE(o.code, p.code), s.id, s.status, s.days_late FROM rep r"
    " LEFT JOIN orgs o ON r.kind = 'o' AND o.id = r.id"
    " LEFT JOIN places p ON r.kind = 'p' AND p.id = r.id"
    " LEFT JOIN submissions s ON s.obligation_id = ?3 AND s.period = ?2"
    "  AND s.reporter_kind = CASE r.kind WHEN 'o' THEN 'org' ELSE 'place' END"
    "  AND s.reporter_id = r.id"
    " ORDER BY r.kind, 3";

struct frow {
	char kind;
	int64_t id, sub;
	char code[32], status[12];
	int64_t days_late;
};

struct floor {
	size_t expected, submitted, on_time, late, missing, accepted;
	struct frow *rows;
	size_t nrows;
	size_t items, entries;
	char receiver[64];
};

static struct db_stmt *prep_numbered(struct db *db, const char *sql, const char *day,
                                     const char *period, int64_t ob)
{
	/* ?1 day, ?2 period, ?3 obligation: written out as the positional '?' the
	 * store takes, in the order they appear */
	char text[4096], order[32];
	size_t n = 0, k = 0;
	for (const char *s = sql; *s && n + 1 < sizeof text; s++) {
		if (*s == '?' && s[1] >= '1' && s[1] <= '3') {
			if (k < sizeof order)
				order[k++] = s[1];
			text[n++] = '?';
			s++;
		} else
			text[n++] = *s;
	}
	text[n] = '\0';
	struct db_stmt *st = db_prepare(db, text);
	for (size_t i = 0; i < k; i++) {
		if (order[i] == '1')
			db_bind_text(st, (int)i + 1, day);
		else if (order[i] == '2')
			db_bind_text(st, (int)i + 1, period);
		else
			db_bind_int(st, (int)i + 1, ob);
	}
	return st;
}

static void floor_completeness(struct db *db, const char *day, const char *period, int64_t ob,
                               struct floor *f)
{
	memset(f, 0, sizeof *f);
	size_t cap = 256;
	f->rows = malloc(cap * sizeof *f->rows);
	struct db_stmt *st = prep_numbered(db, floor_sql, day, period, ob);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (f->nrows == cap) {
			cap *= 2;
			f->rows = realloc(f->rows, cap * sizeof *f->rows);
		}
		struct frow *r = &f->rows[f->nrows++];
		r->kind = db_col_text(st, 0)[0];
		r->id = db_col_int(st, 1);
		text_copy(r->code, sizeof r->code, db_col_text(st, 2));
		r->sub = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
		text_copy(r->status, sizeof r->status, db_col_text(st, 4));
		r->days_late = db_col_null(st, 5) ? -1 : db_col_int(st, 5);
		f->expected++;
		if (r->days_late < 0) {
			f->missing++;
			continue;
		}
		f->submitted++;
		f->on_time += r->days_late == 0;
		f->late += r->days_late > 0;
		f->accepted += strcmp(r->status, "accepted") == 0;
	}
	db_done(st);
	if (rc != DB_DONE)
		die("floor", db_errmsg(db));
}

static size_t count_rows(struct db_stmt *st, struct db *db)
{
	size_t n = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		n++;
		for (int i = 0; i < 5; i++)
			(void)db_col_text(st, i);
	}
	db_done(st);
	if (rc != DB_DONE)
		die("floor", db_errmsg(db));
	return n;
}

/* The report: the completeness, the plan's areas and items with their lead
 * units, the lead units' entries of the period, the receiver. */
static void floor_report(struct db *db, const char *day, const char *period, int64_t ob,
                         struct floor *f)
{
	floor_completeness(db, day, period, ob, f);
	struct db_stmt *st =
	    DB_PREPARE(db,
	               "SELECT s.code, s.heading, i.id, i.text, u.org_code FROM obligations b"
	               " JOIN plan_sections s ON s.plan_id = b.plan_id AND s.kind = 'area'"
	               " JOIN plan_items i ON i.section_id = s.id LEFT JOIN plan_item_units u"
	               " ON u.item_id = i.id AND u.role = 'lead' WHERE b.id = ?"
	               " ORDER BY s.position, i.n, u.position",
	               DB_I(ob));
	f->items = count_rows(st, db);
	st =
	    DB_PREPARE(db,
	               "SELECT si.item_id, COALESCE(ro.code, rp.code), COALESCE(ro.name, rp.name),"
	               " si.status, si.progress FROM submission_items si JOIN submissions s ON"
	               " s.id = si.submission_id"
	               " LEFT JOIN orgs ro ON s.reporter_kind = 'org' AND ro.id = s.reporter_id"
	               " LEFT JOIN places rp ON s.reporter_kind = 'place' AND rp.id = s.reporter_id"
	               " WHERE s.obligation_id = ? AND s.period = ? AND s.status IN"
	               " ('submitted', 'accepted') ORDER BY si.item_id, 3, 2",
	               DB_I(ob), DB_T(period));
	f->entries = count_rows(st, db);
	st = DB_PREPARE(db,
	                "SELECT o.code FROM obligations b JOIN orgs o ON o.code = b.to_code"
	                " WHERE b.id = ?",
	                DB_I(ob));
	check(db_text(st, f->receiver, sizeof f->receiver), "receiver");
}

/* ------------------------------------------------------------- timing */

static long backend_pid; /* PostgreSQL's server process of the connection; 0 on SQLite */

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	double s = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
	if (backend_pid > 0) {
		char path[64], buf[1024];
		snprintf(path, sizeof path, "/proc/%ld/stat", backend_pid);
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
		if (f)
			fclose(f);
		buf[n] = '\0';
		char *p = strrchr(buf, ')');
		unsigned long ut = 0, stt = 0;
		/* fields after the name: state(3) ... utime(14) stime(15) */
		for (int field = 3; p && *p && field <= 15; field++) {
			p = strchr(p + 1, ' ');
			if (!p)
				break;
			if (field == 14)
				ut = strtoul(p + 1, NULL, 10);
			if (field == 15)
				stt = strtoul(p + 1, NULL, 10);
		}
		s += (double)(ut + stt) / (double)sysconf(_SC_CLK_TCK);
	}
	return s;
}

static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct timing {
	double *wall;
	size_t n;
	double cpu;
};

static void timing_print(const char *name, const struct timing *t)
{
	qsort(t->wall, t->n, sizeof *t->wall, cmp_double);
	size_t p95 = (size_t)((double)t->n * 0.95 + 0.5);
	printf("\"%s\": {\"median_ms\": %.3f, \"p95_ms\": %.3f, \"cpu_ms\": %.3f, \"runs\": %zu}",
	       name, t->wall[t->n / 2] * 1000, t->wall[p95 > 0 ? p95 - 1 : 0] * 1000,
	       t->cpu * 1000 / (double)t->n, t->n);
}

/* Room for n runs. */
static struct timing timing_new(size_t n)
{
	struct timing t = {calloc(n ? n : 1, sizeof(double)), 0, 0};
	if (!t.wall)
		die("timing", "out of memory");
	return t;
}

/* Ends the line begun by the caller with nct's and the floor's timings, and frees them. */
static void timings_print(struct timing *dom, struct timing *flo)
{
	timing_print("nct", dom);
	printf(", ");
	timing_print("floor", flo);
	printf("}\n");
	free(dom->wall);
	free(flo->wall);
}

/* One call of fn(arg), its wall and CPU time added to t (NULL: not counted). */
static void time_one(void (*fn)(void *arg), void *arg, struct timing *t)
{
	double c0 = cpu_now(), t0 = wall_now();
	fn(arg);
	double w = wall_now() - t0, cp = cpu_now() - c0;
	if (t) {
		t->wall[t->n++] = w;
		t->cpu += cp;
	}
}

/* nct's call and the floor's for the same figures, and the check that they agree. */
struct pair {
	void (*nct)(void *arg), (*floor)(void *arg), (*same)(void *arg);
	void *arg;
};

/* Times the pair repeat + 1 times in turn, the first of each (which warms)
 * not counted, checking after each turn; *dom and *flo are made here. */
static void time_pair(const struct pair *p, int repeat, struct timing *dom, struct timing *flo)
{
	*dom = timing_new((size_t)repeat);
	*flo = timing_new((size_t)repeat);
	for (int k = 0; k <= repeat; k++) {
		time_one(p->nct, p->arg, k > 0 ? dom : NULL);
		time_one(p->floor, p->arg, k > 0 ? flo : NULL);
		p->same(p->arg);
	}
}

static void same(const struct completeness *c, const struct floor *f, const char *what)
{
	if (c->expected != f->expected || c->submitted != f->submitted ||
	    c->on_time != f->on_time || c->late != f->late || c->missing != f->missing ||
	    c->accepted != f->accepted || c->nrows != f->nrows) {
		fprintf(stderr,
		        "reports_bench: %s: nct %zu/%zu/%zu/%zu/%zu/%zu (%zu rows), floor "
		        "%zu/%zu/%zu/%zu/%zu/%zu (%zu rows)\n",
		        what, c->expected, c->submitted, c->on_time, c->late, c->missing,
		        c->accepted, c->nrows, f->expected, f->submitted, f->on_time, f->late,
		        f->missing, f->accepted, f->nrows);
		exit(1);
	}
	for (size_t i = 0; i < f->nrows; i++) {
		bool found = false;
		for (size_t k = 0; k < c->nrows && !found; k++)
			found = c->rows[k].r.kind == f->rows[i].kind &&
			        c->rows[k].r.id == f->rows[i].id &&
			        c->rows[k].submission_id == f->rows[i].sub &&
			        c->rows[k].days_late == f->rows[i].days_late;
		if (!found)
			die(what,
			    "a reporter of the floor is not nct's, or not with the same report");
	}
}

struct scenario {
	const char *name, *plan, *line;
	const char *const *periods;
	size_t nperiods;
	const char *report_period;
};

/* One period's completeness, nct's and the floor's. */
struct comp_run {
	struct ctx *x;
	int64_t ob;
	const char *period, *day;
	struct completeness c;
	struct floor f;
};

static void comp_nct(void *arg)
{
	struct comp_run *r = arg;
	check(completeness_of(r->x, r->ob, r->period, &r->c, NULL), "completeness");
}

static void comp_floor(void *arg)
{
	struct comp_run *r = arg;
	floor_completeness(r->x->db, r->day, r->period, r->ob, &r->f);
}

static void comp_same(void *arg)
{
	struct comp_run *r = arg;
	same(&r->c, &r->f, r->period);
	completeness_free(&r->c);
	free(r->f.rows);
}

/* The compiled report of a period, nct's and the floor's. */
struct report_run {
	struct comp_run p; /* the report's obligation, period and day */
	const char *plan;
	struct compiled_report r;
	size_t expected, submitted, entries;
};

static void report_nct(void *arg)
{
	struct report_run *r = arg;
	check(report_compile(r->p.x, r->plan, r->p.period, NULL, &r->r, NULL), "report");
}

static void report_floor(void *arg)
{
	struct report_run *r = arg;
	floor_report(r->p.x->db, r->p.day, r->p.period, r->p.ob, &r->p.f);
}

static void report_same(void *arg)
{
	struct report_run *r = arg;
	const struct floor *f = &r->p.f;
	same(&r->r.comp, f, "report");
	if (r->r.nentries != f->entries || strcmp(r->r.receiver.code, f->receiver) != 0)
		die("report", "the entries or the receiver differ from the floor's");
	r->expected = f->expected;
	r->submitted = f->submitted;
	r->entries = f->entries;
	report_free(&r->r);
	free(r->p.f.rows);
}

static void run_scenario(struct ctx *x, const struct scenario *sc, int repeat)
{
	struct db *db = x->db;
	struct comp_run runs[8];
	char days[8][DATE_LEN];
	for (size_t i = 0; i < sc->nperiods; i++) {
		const char *line =
		    sc->nperiods > 1 && !strchr(sc->periods[i], 'S') ? "R2" : sc->line;
		struct obligation ob;
		struct ob_period p;
		runs[i] = (struct comp_run){.x = x, .period = sc->periods[i], .day = days[i]};
		runs[i].ob = ob_of(db, sc->plan, line);
		check(obligation_get(x, runs[i].ob, &ob), "obligation");
		check(obligation_period(x, &ob, sc->periods[i], &p, NULL), sc->periods[i]);
		date_format(p.on, days[i]);
		/* warm, and the same figures */
		comp_nct(&runs[i]);
		comp_floor(&runs[i]);
		comp_same(&runs[i]);
	}
	size_t n = (size_t)repeat * sc->nperiods;
	struct timing dom = timing_new(n), flo = timing_new(n);
	for (int k = 0; k < repeat; k++)
		for (size_t i = 0; i < sc->nperiods; i++) {
			time_one(comp_nct, &runs[i], &dom);
			time_one(comp_floor, &runs[i], &flo);
			comp_same(&runs[i]);
		}
	printf("{\"scenario\": \"%s\", \"what\": \"completeness\", ", sc->name);
	timings_print(&dom, &flo);

	/* the compiled report of report_period */
	size_t ri = 0;
	while (ri + 1 < sc->nperiods && strcmp(sc->periods[ri], sc->report_period) != 0)
		ri++;
	struct report_run r = {.p = runs[ri], .plan = sc->plan};
	time_pair(&(struct pair){report_nct, report_floor, report_same, &r}, repeat, &dom, &flo);
	printf(
	    "{\"scenario\": \"%s\", \"what\": \"report\", \"period\": \"%s\", \"expected\": %zu, "
	    "\"submitted\": %zu, \"entries\": %zu, ",
	    sc->name, sc->report_period, r.expected, r.submitted, r.entries);
	timings_print(&dom, &flo);
}

/* The register's figures of the province (its one path range) on the day,
 * the age cut and the month given: one statement. A person counts where their
 * residence in force on the day lies: a residence there, on or before the
 * day, not retracted, with no later one (on or before the day, not retracted;
 * of two on one day the later recorded). */
static void floor_register(struct db *db, const char *range_lo, const char *range_hi,
                           const char *cut, const char *day, const char *first, const char *month,
                           int year, int64_t out[REG_COUNT])
{
	static const char sql[] =
	    "SELECT SUM(CASE WHEN p.birth_start <= ? AND (p.died_on IS NULL OR p.died_on > ?)"
	    " THEN 1 ELSE 0 END), SUM(CASE WHEN (p.died_on IS NULL OR p.died_on >= ?) AND"
	    " (SELECT d.action FROM allowance_decisions d WHERE d.person_id = p.id AND"
	    " d.month <= ? ORDER BY d.month DESC, d.signed_on DESC, d.id DESC LIMIT 1) <> 'stop'"
	    " THEN 1 ELSE 0 END), SUM(CASE WHEN p.birth_start <= ? AND (p.died_on IS NULL OR"
	    " p.died_on > ?) AND EXISTS (SELECT 1 FROM health_cards c WHERE c.person_id = p.id"
	    " AND c.valid_from <= ? AND c.valid_to >= ? AND c.retracted_at IS NULL) THEN 1 ELSE 0"
	    " END), SUM(CASE WHEN EXISTS (SELECT 1 FROM celebrations_given g WHERE"
	    " g.person_id = p.id AND g.year = ?) THEN 1 ELSE 0 END) FROM places pl"
	    " JOIN person_facts r ON r.place_id = pl.id AND r.kind = 'residence'"
	    " JOIN persons p ON p.id = r.person_id WHERE pl.path >= ? AND pl.path < ?"
	    " AND p.merged_into IS NULL AND COALESCE(r.valid_from, '') <= ?"
	    " AND NOT EXISTS (SELECT 1 FROM person_fact_retractions x WHERE x.fact_id = r.id)"
	    " AND NOT EXISTS (SELECT 1 FROM person_facts l WHERE l.person_id = r.person_id"
	    " AND l.kind = 'residence' AND COALESCE(l.valid_from, '') <= ?"
	    " AND (COALESCE(l.valid_from, '') > COALESCE(r.valid_from, '')"
	    " OR (COALESCE(l.valid_from, '') = COALESCE(r.valid_from, '') AND l.id > r.id))"
	    " AND NOT EXISTS (SELECT 1 FROM person_fact_retractions y WHERE y.fact_id = l.id))";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(cut), DB_T(day), DB_T(first), DB_T(month),
	                                DB_T(cut), DB_T(day), DB_T(day), DB_T(day), DB_I(year),
	                                DB_T(range_lo), DB_T(range_hi), DB_T(day), DB_T(day));
	if (db_step(st) != DB_ROW)
		die("floor register", db_errmsg(db));
	for (int i = 0; i < REG_COUNT; i++)
		out[i] = db_col_int(st, i);
	db_done(st);
}

/* The province's register figures on a day, nct's and the floor's. */
struct register_run {
	struct ctx *x;
	struct place pl;
	struct date d;
	const char *on;
	char lo[97], hi[97], cut[DATE_LEN], first[DATE_LEN], month[8];
	struct register_figures f;
	int64_t floor[REG_COUNT];
};

static void register_nct(void *arg)
{
	struct register_run *r = arg;
	check(register_figures_of(r->x, &r->pl, r->d, &r->f), "register figures");
}

static void register_floor(void *arg)
{
	struct register_run *r = arg;
	floor_register(r->x->db, r->lo, r->hi, r->cut, r->on, r->first, r->month, r->d.y, r->floor);
}

static void register_same(void *arg)
{
	struct register_run *r = arg;
	if (r->f.older_age != 60 || memcmp(r->floor, r->f.value, sizeof r->floor) != 0)
		die("register figures", "the domain's differ from the floor's");
}

/* The province's register figures on the report period's last day: the
 * domain's (its place, territory and scope, then the counts) against the
 * floor's one statement. */
static void run_register(struct ctx *x, const char *province, const char *on, int repeat)
{
	struct register_run r = {.x = x, .on = on};
	struct timing dom, flo;
	check(date_parse(on, &r.d), "day");
	check(place_get(x, province, r.d, &r.pl), "province");
	place_subtree_bounds(r.pl.path, r.lo, r.hi, sizeof r.lo);
	date_format((struct date){r.d.y - 60, r.d.m, r.d.d}, r.cut); /* 60 in force: checked */
	date_format((struct date){r.d.y, r.d.m, 1}, r.first);
	snprintf(r.month, sizeof r.month, "%.7s", r.first);
	time_pair(&(struct pair){register_nct, register_floor, register_same, &r}, repeat, &dom,
	          &flo);
	printf("{\"scenario\": \"province\", \"what\": \"register figures\", \"day\": \"%s\","
	       " \"older\": %lld, \"allowance\": %lld, \"card\": %lld, \"celebrated\": %lld, ",
	       on, (long long)r.f.value[REG_OLDER], (long long)r.f.value[REG_ALLOWANCE],
	       (long long)r.f.value[REG_HEALTH_CARD], (long long)r.f.value[REG_CELEBRATED]);
	timings_print(&dom, &flo);
}

static int run(const char *uri, int repeat)
{
	struct db *db;
	char msg[512] = "";
	if (db_open(uri, false, &db, msg, sizeof msg))
		die(uri, msg);
	if (strcmp(db_engine(db), "postgresql") == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT pg_backend_pid()");
		int64_t pid = 0;
		check(db_int(st, &pid), "pg_backend_pid");
		backend_pid = (long)pid;
	}
	struct ctx x;
	ctx_system(&x, db, "reports_bench");
	static const char *const country_periods[] = {"2025"};
	const struct scenario province = {"province",
	                                  "bench-kh-bao-cao",
	                                  "R1",
	                                  province_periods,
	                                  sizeof province_periods / sizeof *province_periods,
	                                  "2024"};
	const struct scenario country = {"country", "bench-kh-bao-cao-vn", "R1", country_periods, 1,
	                                 "2025"};
	run_scenario(&x, &province, repeat);
	run_register(&x, "62", "2024-12-14", repeat); /* Kon Tum, the 2024 window's last day */
	run_scenario(&x, &country, repeat > 5 ? repeat / 4 : repeat);
	db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "setup") == 0)
		return setup(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "plans") == 0)
		return plans(argv[2], argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "run") == 0)
		return run(argv[2], (int)strtol(argv[3], NULL, 10) > 0
		                        ? (int)strtol(argv[3], NULL, 10)
		                        : 20);
	fprintf(stderr, "usage: reports_bench setup STORE PASSWORD\n"
	                "       reports_bench plans STORE PROVINCE.json COUNTRY.json\n"
	                "       reports_bench run STORE REPEAT\n");
	return 2;
}

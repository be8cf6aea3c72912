/* register_demo.c - the demo register of Kon Tum's older people (see
 * register_demo.h and docs/register.md, "The demo register").
 *
 * What comes from data/kon-tum-demographics.csv: the population (2018), the
 * shares of the ethnic groups, the rates of poor and near-poor households
 * (2023) and how many of the poor were of a minority (2022), the disability
 * rate (2023). What is assumed, and said so in docs/register.md: 8 % of the
 * population aged 60+ (the round figure; the file has "nearly 7 %" in
 * 2019), a commune's population (none is published per commune in what was
 * found: the province's spread over its communes, wards and towns twice a
 * rural commune, each drawn 80-120 %), where each minority lives (the GSO's
 * description, as multipliers), the rise of disability with age, who draws a
 * pension, which records carry a citizen ID. */
#include "register_demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../base/csv.h"
#include "../base/date.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../domain/audit.h"
#include "../store/db.h"
#include "refdata.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define RD_PROVINCE       "62"         /* Kon Tum on the old map */
#define RD_LAST_DAY       "2025-06-30" /* the old map's last day */
#define RD_END_YEAR       2025         /* ages on 31/12/2025, as gen.c's GEN_END */
#define RD_OLDER_PERMILLE 80           /* aged 60+: "about 8 %" (issue 8, item 10) */
#define RD_COMMUNES_MAX   512
#define RD_STAMP          "2025-12-31T20:00:00+07:00"
#define RD_POVERTY_FROM   "2024-01-01" /* the 2023 review's result (Decision 134/QĐ-BLĐTBXH) */

/* ----------------------------------------------------------- random numbers */

/* splitmix64 (Steele, Lea, Flood): the same numbers on every platform. */
struct rd_rng {
	uint64_t s;
};

static uint64_t rd_next(struct rd_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int64_t rd_range(struct rd_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rd_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability p (in millionths). */
static bool rd_chance(struct rd_rng *r, int64_t ppm)
{
	return rd_range(r, 0, 999999) < ppm;
}

#define PICK(r, a) ((a)[rd_range(r, 0, (int64_t)N(a) - 1)])

/* --------------------------------------------------------------- the groups */

enum naming { NAME_KINH, NAME_MARKER, NAME_CLAN, NAME_HRE };

/* The rows of population_by_ethnicity, with the group's code (ethnic-groups.csv)
 * and how its older people's names are written (data/demo-names.md). "other"
 * (Tày, Thái, Mường, Nùng and others, most of them migrants from the north)
 * is written as Tày, with a Kinh-style name. */
static struct group {
	const char *csv, *code;
	enum naming naming;
	int64_t people; /* from the file */
} groups[] = {
    {"Kinh", "01", NAME_KINH, 0},     {"Xơ Đăng", "14", NAME_MARKER, 0},
    {"Ba Na", "13", NAME_MARKER, 0},  {"Giẻ Triêng", "27", NAME_MARKER, 0},
    {"Gia Rai", "10", NAME_CLAN, 0},  {"Hrê", "19", NAME_HRE, 0},
    {"Rơ Măm", "54", NAME_MARKER, 0}, {"Brâu", "52", NAME_MARKER, 0},
    {"other", "02", NAME_KINH, 0},
};
enum { G_KINH, G_XD, G_BN, G_GT, G_GR, G_HRE, G_RM, G_BRAU, G_OTHER, G_COUNT };

/* Where each people lives (data/demo-names.md, after the GSO's book on Kon
 * Tum): the group's weight is multiplied in these districts. Rơ Măm and Brâu
 * live only in the communes named. */
static const struct {
	const char *district; /* a part of the old district's name */
	int group, times;
} homes[] = {
    {"Kon Plông", G_XD, 3},  {"Kon Rẫy", G_XD, 2},    {"Đắk Hà", G_XD, 2},
    {"Đắk Tô", G_XD, 3},     {"Tu Mơ Rông", G_XD, 4}, {"Ngọc Hồi", G_XD, 2},
    {"Đắk Glei", G_XD, 2},   {"Kon Rẫy", G_BN, 2},    {"Thành phố Kon Tum", G_BN, 3},
    {"Đắk Glei", G_GT, 6},   {"Sa Thầy", G_GR, 5},    {"Ia H'Drai", G_GR, 2},
    {"Kon Plông", G_HRE, 6},
};
static const struct {
	const char *commune;
	int group;
} only_in[] = {{"Xã Mô Rai", G_RM}, {"Xã Bờ Y", G_BRAU}};

/* ---------------------------------------------------------------- the names */

static const char *const kinh_family[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ",     "Võ",     "Đặng",   "Bùi",    "Đỗ",   "Hồ", "Ngô",  "Dương", "Lý"};
static const char *const kinh_given_m[] = {"Hùng", "Dũng", "Minh", "Sơn", "Thành",
                                           "Tuấn", "Bình", "Hải",  "Lâm", "Phúc"};
static const char *const kinh_given_f[] = {"Lan", "Hoa",  "Hương", "Mai", "Hạnh",
                                           "Thu", "Hồng", "Loan",  "Nga", "Tuyết"};
static const char *const minority_given[] = {
    "Hiang", "Dắt",  "Lào",  "Blong", "Roa",  "Hớ",   "Blốk", "Hiên", "Nhi",   "Pót",  "Thuấn",
    "Kiêm",  "Hlin", "Bloh", "Đing",  "Nhen", "Pêng", "Rin",  "Sơn",  "Tuyết", "Hmeo", "Khưm",
    "Loan",  "Mai",  "Nga",  "Phiên", "Quyn", "Rưn",  "Sươn", "Thơm", "Ưng",   "Vin"};
static const char *const gia_rai_clans[] = {"Rơ Châm", "Siu", "Ksor", "Rơ Lan",
                                            "Rơ Mah",  "Kpă", "Nay",  "Puih"};
static const char *const hre_family[] = {"Đinh", "Đinh", "Hồ", "Phạm"};

static void name_draw(struct rd_rng *r, enum naming n, char sex, char *out, size_t cap)
{
	bool f = sex == 'F';
	switch (n) {
	case NAME_MARKER: /* Xơ Đăng, Ba Na, Giẻ Triêng, Brâu, Rơ Măm: A (men), Y (women) */
		snprintf(out, cap, "%s %s", f ? "Y" : "A", PICK(r, minority_given));
		return;
	case NAME_CLAN: {
		const char *clan = PICK(r, gia_rai_clans);
		snprintf(out, cap, "%s %s", clan, PICK(r, minority_given));
		return;
	}
	case NAME_HRE: {
		const char *fam = PICK(r, hre_family);
		snprintf(out, cap, "%s %s %s", fam, f ? "Thị" : "Văn", PICK(r, minority_given));
		return;
	}
	case NAME_KINH:
		break;
	}
	const char *fam = PICK(r, kinh_family);
	const char *given = f ? PICK(r, kinh_given_f) : PICK(r, kinh_given_m);
	snprintf(out, cap, "%s %s %s", fam, f ? "Thị" : "Văn", given);
}

/* ----------------------------------------------------------- the file's figures */

struct figures {
	int64_t population;
	int64_t poor_ppm, near_poor_ppm; /* of households, 2023 */
	int64_t poor_minority_ppm;       /* of the poor households, 2022 */
	int64_t near_poor_minority_ppm;  /* of the near-poor households, 2022 */
	int64_t disability_ppm;          /* aged 2+, 2023 */
	int64_t minority_ppm;            /* of the population, 2018 */
};

/* "10.86" -> 108600 (millionths of one), "7" -> 70000. */
static int64_t ppm_of_percent(const char *s)
{
	int64_t whole = 0, frac = 0, scale = 10000;
	const char *p = s;
	for (; *p >= '0' && *p <= '9' && whole < 1000; p++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && scale > 1; p++, scale /= 10)
			frac += (*p - '0') * (scale / 10);
	return whole * 10000 + frac;
}

static int64_t int_of(const char *s)
{
	int64_t v = 0;
	for (const char *p = s; *p >= '0' && *p <= '9' && v < INT64_MAX / 10; p++)
		v = v * 10 + (*p - '0');
	return v;
}

static nct_err figures_read(struct figures *f, char *msg, size_t msglen)
{
	const struct refdata *rd = &refdata_kon_tum_demographics;
	struct csv c;
	int64_t poor_all = 0, poor_min = 0, near_all = 0, near_min = 0;
	memset(f, 0, sizeof *f);
	csv_init(&c, rd->data, rd->size);
	nct_err e = csv_next(&c); /* the header */
	while (!e && (e = csv_next(&c)) == NCT_OK) {
		if (c.nfields < 5)
			continue;
		const char *ind = c.fields[0], *grp = c.fields[1], *val = c.fields[2],
		           *as_of = c.fields[4];
		if (strcmp(ind, "population") == 0 && strcmp(grp, "total") == 0)
			f->population = int_of(val);
		else if (strcmp(ind, "population_by_ethnicity") == 0)
			for (size_t g = 0; g < N(groups); g++)
				if (strcmp(groups[g].csv, grp) == 0)
					groups[g].people = int_of(val);
		if (strcmp(as_of, "2023-12-31") == 0 && strcmp(ind, "poor_households_rate") == 0)
			f->poor_ppm = ppm_of_percent(val);
		if (strcmp(as_of, "2023-12-31") == 0 &&
		    strcmp(ind, "near_poor_households_rate") == 0)
			f->near_poor_ppm = ppm_of_percent(val);
		if (strcmp(as_of, "2022-12-31") == 0 && strcmp(ind, "poor_households") == 0)
			*(strcmp(grp, "all") == 0 ? &poor_all : &poor_min) = int_of(val);
		if (strcmp(as_of, "2022-12-31") == 0 && strcmp(ind, "near_poor_households") == 0)
			*(strcmp(grp, "all") == 0 ? &near_all : &near_min) = int_of(val);
		if (strcmp(ind, "disability_rate") == 0 && strcmp(as_of, "2023") == 0)
			f->disability_ppm = ppm_of_percent(val);
	}
	csv_free(&c);
	if (e != NCT_ERR_NOTFOUND) {
		snprintf(msg, msglen, "%s line %zu: %s", rd->name, c.line, nct_err_name(e));
		return e ? e : NCT_ERR_INVALID;
	}
	int64_t minority = 0;
	for (size_t g = 0; g < N(groups); g++)
		minority += g == G_KINH ? 0 : groups[g].people;
	if (!f->population || !groups[G_KINH].people || !poor_all || !near_all || !f->poor_ppm ||
	    !f->near_poor_ppm || !f->disability_ppm) {
		snprintf(msg, msglen, "%s: a figure the demo register needs is missing", rd->name);
		return NCT_ERR_INVALID;
	}
	f->minority_ppm = minority * 1000000 / f->population;
	f->poor_minority_ppm = poor_min * 1000000 / poor_all;
	f->near_poor_minority_ppm = near_min * 1000000 / near_all;
	return NCT_OK;
}

/* ------------------------------------------------------------- the communes */

struct commune {
	int64_t new_id; /* the commune of the 2025 map it went into (the first link) */
	char name[128], district[128];
	int64_t weight; /* wards and towns 2, rural communes 1 */
	int64_t older;  /* its people aged 60+ */
};

/* A 2025 commune: the older people of the old communes that went into it, and
 * the club members aged 60+ who live there. */
struct target {
	int64_t new_id, older, members;
};

static int commune_row(struct db_stmt *st, void *row, void *arg)
{
	struct commune *c = row;
	(void)arg;
	if (db_col_null(st, 3))
		return DB_SKIP; /* no successor: nowhere to live today */
	text_copy(c->name, sizeof c->name, db_col_text(st, 1));
	text_copy(c->district, sizeof c->district, db_col_text(st, 2));
	c->new_id = db_col_int(st, 3);
	c->weight = strncmp(c->name, "Xã ", 4) == 0 ? 1 : 2;
	return DB_KEEP;
}

static nct_err communes_load(struct db *db, struct vec *out)
{
	static const char sql[] =
	    "SELECT o.id, o.name, d.name, (SELECT l.to_id FROM place_links l JOIN places n ON"
	    " n.id = l.to_id WHERE l.from_id = o.id AND n.level = 3 ORDER BY l.partial, n.code"
	    " LIMIT 1) FROM places o JOIN places d ON d.id = o.parent_id"
	    " JOIN places p ON p.id = d.parent_id WHERE o.level = 3 AND p.code = ?"
	    " AND p.valid_to = ? ORDER BY o.code";
	return db_rows(DB_PREPARE(db, sql, DB_T(RD_PROVINCE), DB_T(RD_LAST_DAY)), out, commune_row,
	               NULL);
}

/* The club members aged 60+ on 31/12/2025 (born 1965 or before) living in
 * new_id: they are part of the register already. */
static nct_err members_older(struct db *db, int64_t new_id, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM persons WHERE place_id = ?"
	                          " AND substr(birth, 1, 4) <= '1965'";
	return db_int(DB_PREPARE(db, sql, DB_I(new_id)), n);
}

/* ------------------------------------------------------------- the people */

/* Rows go in batches (multi-row INSERTs, db_many_run: a round trip per
 * DB_MANY_ROWS rows, not per row, on PostgreSQL), persons before their facts. */
#define P_BATCH DB_MANY_ROWS
struct p_row {
	int64_t id, place_id;
	unsigned bits;
	char name[128], fold[128], sex[2], birth[DATE_LEN], cid[16];
	const char *ethnicity;
};
struct f_row {
	int64_t person;
	const char *kind, *value, *from;
};

struct rd {
	struct ctx *x;
	struct db *db;
	struct figures fig;
	struct register_demo_report *r;
	int64_t next_id;
	char *msg;
	size_t msglen;
	struct p_row prow[P_BATCH];
	size_t np;
	struct f_row frow[3 * P_BATCH]; /* a batch's facts (3 a person at most) */
	size_t nf;
};

/* The weight of each group in commune c (millionths are not needed: relative). */
static void group_weights(const struct commune *c, int64_t w[G_COUNT])
{
	for (int g = 0; g < G_COUNT; g++)
		w[g] = groups[g].people;
	for (size_t i = 0; i < N(homes); i++)
		if (strstr(c->district, homes[i].district))
			w[homes[i].group] *= homes[i].times;
	for (size_t i = 0; i < N(only_in); i++) {
		bool here = strcmp(c->name, only_in[i].commune) == 0;
		/* the whole province's people of this group, in a commune of some thousands */
		w[only_in[i].group] = here ? groups[only_in[i].group].people * 400 : 0;
	}
}

static int group_draw(struct rd_rng *r, const int64_t w[G_COUNT])
{
	int64_t total = 0;
	for (int g = 0; g < G_COUNT; g++)
		total += w[g];
	int64_t u = rd_range(r, 0, total - 1);
	for (int g = 0; g < G_COUNT; g++)
		if ((u -= w[g]) < 0)
			return g;
	return G_KINH;
}

/* Ages on 31/12/2025 by five-year band from 60 (the last band 95-104). */
static const int age_weights[] = {300, 250, 180, 130, 80, 40, 15, 5};

static void birth_draw(struct rd_rng *r, bool minority, int *year, char out[DATE_LEN])
{
	int64_t u = rd_range(r, 0, 999), band = 0;
	while (band < (int64_t)N(age_weights) - 1 && (u -= age_weights[band]) >= 0)
		band++;
	int age = 60 + 5 * (int)band + (int)rd_range(r, 0, band == N(age_weights) - 1 ? 9 : 4);
	int y = RD_END_YEAR - age, m = (int)rd_range(r, 1, 12), d = (int)rd_range(r, 1, 28);
	int64_t form = rd_range(r, 0, 99); /* older minority people often know only the year */
	*year = y;
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	if (form < (minority ? 60 : 20))
		snprintf(out, DATE_LEN, "%04u", uy);
	else if (form < (minority ? 75 : 30))
		snprintf(out, DATE_LEN, "%04u-%02u", uy, um);
	else
		snprintf(out, DATE_LEN, "%04u-%02u-%02u", uy, um, ud);
}

#define P_HEAD                                                                                     \
	"INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id, hardship, "          \
	"created_at,"                                                                              \
	" citizen_id, ethnicity) VALUES "
#define P_ROW  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define F_HEAD "INSERT INTO person_facts (person_id, kind, value, valid_from, created_at) VALUES "
#define F_ROW  "(?, ?, ?, ?, ?)"

static void p_bind(struct db_stmt *st, int f, size_t i, void *arg)
{
	const struct p_row *p = &((const struct rd *)arg)->prow[i];
	db_bind_int(st, f, p->id);
	db_bind_text(st, f + 1, p->name);
	db_bind_text(st, f + 2, p->fold);
	db_bind_text(st, f + 3, p->sex);
	db_bind_text(st, f + 4, p->birth);
	db_bind_int(st, f + 5, p->place_id);
	db_bind_int(st, f + 6, p->bits);
	db_bind_text(st, f + 7, RD_STAMP);
	db_bind_text(st, f + 8, p->cid[0] ? p->cid : NULL);
	db_bind_text(st, f + 9, p->ethnicity);
}

static void f_bind(struct db_stmt *st, int b, size_t i, void *arg)
{
	const struct f_row *f = &((const struct rd *)arg)->frow[i];
	db_bind_int(st, b, f->person);
	db_bind_text(st, b + 1, f->kind);
	db_bind_text(st, b + 2, f->value);
	db_bind_text(st, b + 3, f->from);
	db_bind_text(st, b + 4, RD_STAMP);
}

/* Writes the persons held, then their facts. */
static nct_err flush(struct rd *d)
{
	static struct db_many persons = DB_MANY(P_HEAD, P_ROW, "", 10);
	static struct db_many facts = DB_MANY(F_HEAD, F_ROW, "", 5);
	nct_err e = db_many_run(d->db, &persons, d->np, p_bind, d);
	if (!e)
		e = db_many_run(d->db, &facts, d->nf, f_bind, d);
	d->np = d->nf = 0;
	return e;
}

static void fact_put(struct rd *d, int64_t person, const char *kind, const char *value,
                     const char *from)
{
	d->frow[d->nf++] = (struct f_row){person, kind, value, from};
	d->r->facts++;
}

/* The hardship and the facts of one person: poverty of the household (from
 * the 2023 rates, the poor mostly of a minority as in 2022), disability
 * (the 2023 rate, assumed twice it at 60-69, three times at 70-79, five times
 * from 80), a pension (assumed: one Kinh in four, one minority person in
 * thirty, mostly former officials and workers). */
struct hardship {
	unsigned bits;
	const char *poverty, *disability;
	bool pension;
};

static void hardship_draw(struct rd *d, struct rd_rng *r, bool minority, int age,
                          struct hardship *h)
{
	const struct figures *f = &d->fig;
	int64_t share = minority ? f->minority_ppm : 1000000 - f->minority_ppm;
	int64_t poor = f->poor_ppm *
	               (minority ? f->poor_minority_ppm : 1000000 - f->poor_minority_ppm) / share;
	int64_t near =
	    f->near_poor_ppm *
	    (minority ? f->near_poor_minority_ppm : 1000000 - f->near_poor_minority_ppm) / share;
	int64_t u = rd_range(r, 0, 999999);
	memset(h, 0, sizeof *h);
	h->bits = minority ? 16u : 0u;
	if (u < poor) {
		h->poverty = "poor";
		h->bits |= 1u;
	} else if (u < poor + near) {
		h->poverty = "near_poor";
		h->bits |= 2u;
	}
	int times = age >= 80 ? 5 : age >= 70 ? 3 : 2;
	if (rd_chance(r, f->disability_ppm * times)) {
		int64_t k = rd_range(r, 0, 99);
		h->disability = k < 55 ? "mild" : k < 90 ? "severe" : "extremely_severe";
		h->bits |= 4u;
	}
	h->pension = rd_chance(r, minority ? 33333 : 250000);
}

static nct_err person_put(struct rd *d, const struct commune *c, struct rd_rng *r)
{
	int64_t w[G_COUNT];
	group_weights(c, w);
	int g = group_draw(r, w);
	bool minority = g != G_KINH;
	char sex = rd_chance(r, 560000) ? 'F' : 'M'; /* women live longer */
	struct p_row *p = &d->prow[d->np];
	int year;
	memset(p, 0, sizeof *p);
	name_draw(r, groups[g].naming, sex, p->name, sizeof p->name);
	birth_draw(r, minority, &year, p->birth);
	struct hardship h;
	hardship_draw(d, r, minority, RD_END_YEAR - year, &h);
	p->id = d->next_id++;
	if (rd_chance(r, minority ? 750000 : 900000)) {
		/* 062 (registered in Kon Tum), 0/1 a man/woman born in the 1900s, the
		 * year, and a serial: unique, since the id is */
		unsigned yy = (unsigned)(year % 100), serial = (unsigned)(p->id % 1000000);
		snprintf(p->cid, sizeof p->cid, "062%c%02u%06u", sex == 'F' ? '1' : '0', yy,
		         serial);
		d->r->citizen_id++;
	}
	char *fold = text_fold_dup(p->name);
	if (!fold)
		return NCT_ERR_NOMEM;
	text_copy(p->fold, sizeof p->fold, fold);
	free(fold);
	p->sex[0] = sex;
	p->place_id = c->new_id;
	p->bits = h.bits;
	p->ethnicity = groups[g].code;
	d->np++;
	d->r->persons++;
	d->r->minority += minority;
	if (h.poverty) {
		fact_put(d, p->id, "poverty", h.poverty, RD_POVERTY_FROM);
		d->r->poor += h.poverty[0] == 'p';
		d->r->near_poor += h.poverty[0] == 'n';
	}
	if (h.disability) {
		fact_put(d, p->id, "disability", h.disability, NULL);
		d->r->disabled++;
	}
	if (h.pension) {
		fact_put(d, p->id, "pension", "yes", NULL);
		d->r->pension++;
	}
	return d->np == P_BATCH ? flush(d) : NCT_OK;
}

/* ------------------------------------------------------------------ the run */

/* Each commune's older people: the province's population spread by weight,
 * drawn 80-120 %, 8 % of it. */
static void older_draw(struct rd *d, struct commune *cs, size_t n, struct rd_rng *r)
{
	int64_t wsum = 0;
	for (size_t i = 0; i < n; i++)
		wsum += cs[i].weight;
	for (size_t i = 0; i < n; i++) {
		int64_t pop = d->fig.population * cs[i].weight / wsum;
		pop = pop * rd_range(r, 80, 120) / 100;
		cs[i].older = pop * RD_OLDER_PERMILLE / 1000;
	}
}

static nct_err targets_of(struct rd *d, const struct commune *cs, size_t n, struct target *t,
                          size_t *nt)
{
	nct_err e = NCT_OK;
	*nt = 0;
	for (size_t i = 0; !e && i < n; i++) {
		size_t k = 0;
		while (k < *nt && t[k].new_id != cs[i].new_id)
			k++;
		if (k == *nt) {
			t[k] = (struct target){cs[i].new_id, 0, 0};
			e = members_older(d->db, cs[i].new_id, &t[k].members);
			(*nt)++;
		}
		t[k].older += cs[i].older;
	}
	return e;
}

static nct_err draw_all(struct rd *d, struct commune *cs, size_t n, uint64_t seed)
{
	struct rd_rng plan = {seed};
	struct target t[RD_COMMUNES_MAX];
	size_t nt;
	older_draw(d, cs, n, &plan);
	nct_err e = targets_of(d, cs, n, t, &nt);
	for (size_t i = 0; !e && i < n; i++) {
		const struct target *tg = t;
		while (tg->new_id != cs[i].new_id)
			tg++;
		/* the members count towards the old communes in proportion */
		int64_t members = tg->older ? tg->members * cs[i].older / tg->older : 0;
		int64_t draw = cs[i].older > members ? cs[i].older - members : 0;
		struct rd_rng r = {seed ^ (0x51ed270b27a5c9f1u * (uint64_t)(i + 1))};
		d->r->older += cs[i].older > members ? cs[i].older : members;
		d->r->members += members;
		for (int64_t k = 0; !e && k < draw; k++)
			e = person_put(d, &cs[i], &r);
	}
	return e ? e : flush(d);
}

static nct_err audit_run(struct rd *d, uint64_t seed)
{
	const struct register_demo_report *r = d->r;
	char s[24];
	snprintf(s, sizeof s, "%llu", (unsigned long long)seed);
	json_t *j =
	    json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "place", "Kon Tum", "seed", s,
	              "communes", (json_int_t)r->communes, "persons", (json_int_t)r->persons,
	              "minority", (json_int_t)r->minority, "poor", (json_int_t)r->poor, "near_poor",
	              (json_int_t)r->near_poor, "facts", (json_int_t)r->facts);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!text)
		return NCT_ERR_NOMEM;
	nct_err e = audit_write(d->x, "generate", "register_demo", RD_PROVINCE, NULL, text);
	free(text);
	return e;
}

static nct_err loaded_before(struct db *db, bool *yes)
{
	int64_t n = 0;
	nct_err e = db_int(db_prepare(db, "SELECT count(*) FROM audit WHERE entity = "
	                                  "'register_demo'"),
	                   &n);
	*yes = n > 0;
	return e;
}

nct_err register_demo_run(struct ctx *x, uint64_t seed, struct register_demo_report *r, char *msg,
                          size_t msglen)
{
	struct rd d = {x, x->db, {0}, r, 0, msg, msglen};
	struct vec cs;
	bool before = false;
	memset(r, 0, sizeof *r);
	msg[0] = '\0';
	nct_err e = figures_read(&d.fig, msg, msglen);
	if (!e)
		e = loaded_before(d.db, &before);
	if (!e && before) {
		snprintf(msg, msglen, "the demo register is already loaded");
		return NCT_ERR_CONFLICT;
	}
	vec_init(&cs, sizeof(struct commune), RD_COMMUNES_MAX);
	if (!e)
		e = communes_load(d.db, &cs);
	if (!e && cs.n == 0) {
		snprintf(msg, msglen, "no communes of Kon Tum on the old map: run nct init first");
		e = NCT_ERR_NOTFOUND;
	}
	if (!e)
		e = db_int(db_prepare(d.db, "SELECT coalesce(max(id), 0) + 1 FROM persons"),
		           &d.next_id);
	r->communes = (int64_t)cs.n;
	(void)db_bulk_begin(d.db);
	if (!e)
		e = db_begin(d.db);
	if (!e) {
		e = draw_all(&d, vec_at(&cs, struct commune, 0), cs.n, seed);
		if (!e)
			e = db_sync_ids(d.db, "persons");
		if (!e)
			e = audit_run(&d, seed);
		if (!e)
			e = db_commit(d.db);
		else
			db_rollback(d.db);
	}
	(void)db_bulk_end(d.db);
	vec_free(&cs);
	if (e && !msg[0])
		snprintf(msg, msglen, "%s: %s", nct_err_name(e), db_errmsg(d.db));
	return e;
}

/* gen.c - nct gen: a synthetic programme spread over the real communes of the
 * 2025 map, reproducible from a seed.
 *
 * Two passes. The plan draws, from the seed alone, every club's commune,
 * founding date, status, size and number of loans, so the totals of the scale
 * are exact. Then each club is drawn from its own random stream (seed, club
 * number) and written at once: members, status, board, activities,
 * assessments, loans with their repayments, and both funds' ledgers, settled
 * day by day so that no fund goes below zero. Rows go in through multi-row
 * prepared statements, parents before children, in large transactions. */
#include "gen.h"
#include "../domain/person.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/birth.h"
#include "../base/date.h"
#include "../base/text.h"
#include "../base/vec.h"
#include "../domain/audit.h"
#include "../domain/club_facts.h"
#include "../domain/composition_rule.h"
#include "../domain/ctx.h"
#include "../domain/ledger.h"
#include "../domain/loan.h"
#include "../domain/place.h"
#include "../store/db.h"

/* Rows per multi-row INSERT: as many as take this many parameters, or fewer
 * when the store takes fewer in one statement (db_max_params). */
#define GEN_BATCH_PARAMS 80
/* Commit after the club that brings a transaction past this many rows. */
#define GEN_TXN_ROWS 50000
/* One club's rows of one kind: far above any club, a guard against a bug. */
#define GEN_VEC_MAX      ((size_t)1 << 22)
#define GEN_COMMUNES_MAX 20000 /* in force on a day: 3,321 since the reform */
#define GEN_LISTS_MAX    8
#define GEN_AREAS_MAX    20
#define GEN_SUPPORTS_MAX 8

/* ------------------------------------------------------------ random numbers */

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna): the same numbers
 * on every platform and C library, which rand() does not promise. */
struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Stream 0 plans; stream 1 + i draws club i, so each club's rows depend only
 * on the seed and its number. */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03u);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* A whole number in [lo, hi]; the modulo bias is below 2^-40 for our spans. */
static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	assert(hi >= lo);
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static bool rng_permille(struct rng *r, int p)
{
	return rng_range(r, 0, 999) < p;
}

struct weighted {
	int value;
	int weight;
};

struct wtext {
	const char *text;
	int weight;
};

static int pick_value(struct rng *r, const struct weighted *t, size_t n)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += t[i].weight;
	int64_t x = rng_range(r, 0, total - 1);
	for (size_t i = 0; i < n; i++)
		if ((x -= t[i].weight) < 0)
			return t[i].value;
	return t[n - 1].value;
}

static const char *pick_text(struct rng *r, const struct wtext *t, size_t n)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += t[i].weight;
	int64_t x = rng_range(r, 0, total - 1);
	for (size_t i = 0; i < n; i++)
		if ((x -= t[i].weight) < 0)
			return t[i].text;
	return t[n - 1].text;
}

#define N(a)         (sizeof(a) / sizeof((a)[0]))
#define PICK_V(r, t) pick_value(r, t, N(t))
#define PICK_T(r, t) pick_text(r, t, N(t))
#define PICK_U(r, a) ((a)[rng_range(r, 0, (int64_t)N(a) - 1)])

/* ------------------------------------------------------------------- shapes */

static const struct scale {
	const char *name;
	int clubs, members, loans;
	bool country; /* every province; else one */
	/* The demo: only the communes formed from this province of the old map, with
	 * old_clubs of the clubs founded 2016-2020 and the rest from 2021. NULL for
	 * the others. */
	const char *old_province;
	int old_clubs;
	int diligent; /* per mille of the clubs that plan their year (all areas) */
	int arrears;  /* per mille of the loans that stop at an installment */
	/* The programme is carried out as Plan 327 means it (see carry_out): the
	 * clubs of 2016-2020 are kept active, each club's members are drawn to the
	 * composition rule in force on GEN_END, and both funds open at the founding. */
	bool plan327;
} scales[] = {
    {"province", 1000, 60000, 100000, false, NULL, 0, 780, 80, false},
    {"national", 10000, 600000, 1000000, true, NULL, 0, 780, 80, false},
    /* Plan 327 of Kon Tum: the 22 clubs of 2016-2020 kept, 56 founded since. The
     * loans: enough for more than half of the members to have one out in 2025, as
     * II.4 asks ("ít nhất 50% được vay vốn"); one in forty in arrears. */
    {"demo", 78, 4900, 4000, false, "62", 22, 950, 25, true},
};

/* Clubs founded per year: a slow start from 2016, faster under Plan 327. */
static const struct weighted founding_years[] = {
    {2016, 4},  {2017, 5},  {2018, 6},  {2019, 7},  {2020, 8},
    {2021, 10}, {2022, 12}, {2023, 14}, {2024, 16}, {2025, 18},
};
static const char first_founding[] = "2016-01-01";
/* The map clubs are spread over: the communes in force from 1 July 2025. */
static const struct date reform = {2025, 7, 1};

/* Age on GEN_END: five-year bands (the last one eight) and their weights. */
static const struct weighted older_ages[] = {{60, 30}, {65, 25}, {70, 18},
                                             {75, 13}, {80, 8},  {85, 6}};
static const struct weighted younger_ages[] = {{25, 6},  {30, 8},  {35, 10}, {40, 14},
                                               {45, 18}, {50, 22}, {55, 22}};

/* Kinh names, by how common they are. */
static const struct wtext kinh_family[] = {
    {"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9},     {"Phạm", 7},  {"Hoàng", 5}, {"Huỳnh", 4},
    {"Phan", 4},    {"Võ", 4},    {"Vũ", 3},     {"Đặng", 2},  {"Bùi", 2},   {"Đỗ", 2},
    {"Hồ", 2},      {"Ngô", 2},   {"Trương", 2}, {"Dương", 1}, {"Lý", 1},    {"Đinh", 1},
};
static const struct wtext kinh_middle_f[] = {{"Thị", 70},  {"Ngọc", 6}, {"Thu", 5},  {"Kim", 5},
                                             {"Thanh", 5}, {"Mỹ", 3},   {"Bích", 3}, {"Hồng", 3}};
static const struct wtext kinh_middle_m[] = {{"Văn", 55}, {"Đức", 8},  {"Minh", 8}, {"Quang", 7},
                                             {"Hữu", 7},  {"Công", 5}, {"Xuân", 5}, {"Ngọc", 5}};
static const char *const kinh_given_f[] = {
    "Lan",   "Hoa",   "Hương",  "Mai",  "Hạnh", "Thu", "Hà",    "Nga",   "Loan", "Liên",
    "Tuyết", "Hồng",  "Phượng", "Xuân", "Cúc",  "Đào", "Nhung", "Huệ",   "Lệ",   "Bích",
    "Yến",   "Trang", "Thảo",   "Dung", "Hằng", "Sen", "Lựu",   "Nguyệt"};
static const char *const kinh_given_m[] = {
    "Hùng", "Dũng", "Minh",  "Tuấn",  "Nam",    "Sơn",   "Hải",   "Thành", "Bình", "Phúc",
    "Lộc",  "Tài",  "Cường", "Quang", "Hòa",    "Thắng", "Long",  "Đức",   "Toàn", "Vinh",
    "Tâm",  "Hiếu", "Khánh", "Trung", "Phương", "Chiến", "Thanh", "Bảo"};

/* How names are formed in some ethnic-minority communities: a family name
 * first (Gia Rai, Hrê) or last (Ê Đê), or none (Xơ Đăng, Ba Na: "A" for men,
 * "Y" for women); "H'" is joined to a woman's given name. */
struct naming {
	const char *const *family;
	size_t nfamily;
	bool family_last;
	const char *female, *male; /* before the given name; "H'" joins it */
	const char *const *given;
	size_t ngiven;
};
static const char *const xd_given[] = {"Thuân", "Blong", "Nhong", "Đim",  "Hrin", "Sang",
                                       "Bơ",    "Hlơn",  "Jưm",   "Ngơm", "Bloi", "Kơng",
                                       "Pết",   "Tiêu",  "Rin",   "Hyên"};
static const char *const jr_family[] = {"Ksor", "Rơ Châm", "Siu", "Rơ Mah", "Nay", "Kpă", "Rơ Lan"};
static const char *const jr_given[] = {"Tơng", "Blui", "Hyưn",  "Djông", "Kliu", "Bơ",
                                       "Mlim", "Ngơn", "Hloan", "Nhí",   "Djuk", "Wưu"};
static const char *const hre_family[] = {"Đinh", "Đinh", "Hồ", "Phạm"};
static const char *const hre_given[] = {"Lư",  "Bé",  "Kim",   "Mươi", "Nhít", "Ớt",
                                        "Pho", "Rớt", "Thước", "Nước", "Xuân", "Lăng"};
static const char *const ede_family[] = {"Niê", "Mlô", "Êban", "Byă", "Knul", "Ayŭn"};
static const char *const ede_given[] = {"Bih", "Hen", "Ngông", "Kao", "Rin", "Dhăm", "Jơn", "Blô"};
static const struct naming namings[] = {
    {NULL, 0, false, "Y", "A", xd_given, N(xd_given)},
    {jr_family, N(jr_family), false, "H'", "", jr_given, N(jr_given)},
    {hre_family, N(hre_family), false, "Thị", "Văn", hre_given, N(hre_given)},
    {ede_family, N(ede_family), true, "H'", "Y", ede_given, N(ede_given)},
};

/* Activity titles per area code of the seed's list; other areas get their name. */
static const struct {
	const char *area;
	int weight; /* how often a club that does not plan its year picks it */
	const char *titles[3];
} area_titles[] = {
    {"income",
     14,
     {"Tập huấn kỹ thuật chăn nuôi, trồng trọt", "Sinh hoạt nhóm tạo thu nhập",
      "Tham quan mô hình sản xuất"}},
    {"health",
     14,
     {"Khám sức khỏe định kỳ", "Đo huyết áp, đường huyết cho thành viên",
      "Truyền thông phòng chống tăng huyết áp"}},
    {"homecare",
     8,
     {"Thăm hỏi, chăm sóc người cao tuổi tại nhà", "Tập huấn tình nguyện viên chăm sóc tại nhà",
      "Thăm thành viên ốm đau"}},
    {"selfhelp",
     8,
     {"Giúp nhau ngày công thu hoạch", "Sửa nhà cho thành viên khó khăn", "Đổi công làm vườn"}},
    {"community",
     8,
     {"Vệ sinh đường làng, ngõ xóm", "Hỗ trợ gia đình khó khăn trong thôn", "Trồng cây xanh"}},
    {"rights",
     5,
     {"Tư vấn pháp luật, chính sách người cao tuổi", "Hỗ trợ làm thẻ bảo hiểm y tế",
      "Hỗ trợ hồ sơ trợ cấp xã hội"}},
    {"communication",
     14,
     {"Sinh hoạt câu lạc bộ hằng tháng", "Truyền thông về Luật Người cao tuổi",
      "Phát thanh thôn về CLB"}},
    {"sports", 12, {"Tập dưỡng sinh", "Giao lưu thể thao", "Đi bộ buổi sáng"}},
    {"culture",
     12,
     {"Văn nghệ mừng Ngày Người cao tuổi Việt Nam", "Giao lưu văn nghệ liên thế hệ",
      "Mừng thọ người cao tuổi"}},
    {"resources",
     5,
     {"Vận động nhà hảo tâm ủng hộ quỹ", "Huy động đóng góp của thành viên",
      "Kết nối hỗ trợ từ doanh nghiệp"}},
};

static const char *const loan_purposes[] = {
    "Chăn nuôi bò",      "Chăn nuôi lợn",  "Nuôi gà, vịt",    "Trồng cà phê", "Trồng rau màu",
    "Buôn bán nhỏ",      "Trồng keo",      "Trồng lúa",       "Nuôi cá",      "Trồng sắn",
    "Làm nghề thủ công", "Sửa chữa nhà ở", "Trồng cây ăn quả"};
/* Principal in millions of đồng. */
static const struct weighted principals[] = {{2, 6}, {3, 10},  {4, 8},  {5, 16}, {6, 6}, {7, 5},
                                             {8, 8}, {10, 14}, {12, 6}, {15, 8}, {20, 7}};
/* Each club sets its own yearly rate, in basis points. */
static const struct weighted rates[] = {{0, 15},   {300, 5},  {500, 10},  {600, 15}, {700, 10},
                                        {800, 15}, {900, 10}, {1000, 10}, {1200, 10}};
static const struct weighted terms_monthly[] = {{12, 35}, {15, 8}, {18, 25}, {20, 5}, {24, 27}};
static const struct weighted terms_quarterly[] = {{12, 35}, {15, 5}, {18, 25}, {21, 5}, {24, 30}};

static const struct wtext grades_good[] = {{"very_strong", 35}, {"strong", 50}, {"average", 15}};
static const struct wtext grades_weak[] = {{"strong", 15}, {"average", 50}, {"weak", 35}};
static const char *const assessors[] = {"UBND xã", "Hội Người cao tuổi xã",
                                        "Ban Đại diện Hội Người cao tuổi tỉnh"};

static const char note_grant[] = "Hỗ trợ một lần cho câu lạc bộ (chú thích 23, Kế hoạch năm 2024)";
static const char note_entry[] = "Hội phí gia nhập";
static const char note_dues[] = "Hội phí quý";
static const char note_savings[] = "Tiết kiệm của thành viên góp vào quỹ";
static const char note_raise[] = "Huy động vốn từ thành viên và nhà hảo tâm";
static const char note_spend[] = "Chi hoạt động câu lạc bộ";
static const char *const write_off_notes[] = {"Thành viên mất khả năng trả nợ",
                                              "Thành viên qua đời, gia đình không có khả năng trả",
                                              "Thiên tai, mất trắng mùa màng"};

/* ------------------------------------------------------------ growable rows */

#define AT(a, T, i) vec_at(&(a), T, i)

/* ---------------------------------------------------------------- the state */

struct commune {
	int64_t id;
	char code[24];
	char name[TEXT_BYTES(PLACE_NAME_MAX)];
	size_t pred, npred;  /* its predecessors of the old map, in gen.preds */
	int ethnic_permille; /* members with an ethnic-minority name */
	int naming;          /* how their names are formed */
	int clubs;           /* clubs planned in it */
};

struct pred {
	int64_t id;
	char name[128];
};

struct area {
	char code[32];
	char name[160];
	int weight;
	const char *const *titles; /* 3, or NULL: the name is the title */
};

struct alist {
	int32_t from, to; /* days; to inclusive, INT32_MAX while open */
	size_t n;
	struct area areas[GEN_AREAS_MAX];
};

/* A one-off support rule for self-help clubs (support_rules): the founding
 * days it covers, its first day and its level. */
struct support {
	int64_t id;
	int32_t from, to, valid_from, valid_to;
	int64_t amount;
};

/* A club as planned: everything the totals depend on. */
struct shape {
	int commune, seq;
	int32_t founded;
	int32_t ends; /* the first day it is not active: GEN_END + 1 while active */
	char status;  /* 'a', or from `ends` on 's' suspended, 'd' dissolved */
	bool diligent;
	int members, loans;
	int64_t place_id; /* the commune in force on the founding day */
	const char *place_name;
	/* plan327: of `members`, those who left before GEN_END, and how the club
	 * stands to the composition rule then: 0 within it, 's' too few members
	 * (still recruiting), 'o' too many older members */
	int leavers;
	char off_rule;
};

struct g_person {
	int64_t id;
	char name[96], fold[96];
	char sex;
	bool older, volunteer, founder;
	char birth[DATE_LEN];
	struct birth born; /* birth, parsed */
	unsigned hardship;
	int32_t joined, left; /* left: 0 while a member */
	int32_t died;         /* 0, or the day (after GEN_END) they died */
	int32_t free_from;    /* no new loan before this day */
};

struct g_activity {
	int32_t on;
	const char *area, *title;
	int participants;
	int64_t cost; /* from the activity fund, 0: none */
};

struct g_visit {
	int32_t on;
	int64_t volunteer, visited;
};

struct g_assess {
	int year;
	int32_t on;
	const char *grade, *by;
	bool managed;
};

struct g_loan {
	int64_t id, person, principal;
	int32_t on, written_off; /* written_off: 0 when not */
	int32_t repaid;          /* the day the principal came back in full; 0 while out */
	int term, rate;
	enum loan_freq freq;
	const char *purpose, *write_off_note;
	bool arrears;
};

struct g_repay {
	int64_t loan;
	int32_t on;
	int64_t principal, interest;
};

struct g_entry {
	int32_t on;
	enum fund fund;
	enum entry_kind kind;
	int64_t amount, loan; /* loan: 0 when none */
	const char *note;
	int64_t support; /* the support rule of this one-off support; else 0 */
	uint32_t seq;    /* drawing order: a total order for the sort */
};

struct gen {
	struct ctx *x;
	struct db *db;
	uint64_t seed;
	const struct scale *scale;
	struct rng plan;
	int32_t end;
	int32_t today; /* the records go on after GEN_END up to this day; 0: they stop */
	struct commune *communes;
	size_t ncommunes;
	char old_lo[97], old_hi[97]; /* demo: the old province's subtree, else "" */
	struct vec preds;
	struct alist lists[GEN_LISTS_MAX];
	size_t nlists;
	struct support supports[GEN_SUPPORTS_MAX];
	size_t nsupports;
	struct composition_rule rule; /* plan327: the one in force on GEN_END */
	struct shape *shapes;
	int64_t next_club, next_person, next_loan, txn_rows;
	int64_t next_later_loan; /* the ids of the loans after GEN_END: after all others */
	/* the club being drawn */
	int64_t club_id;
	int64_t home_id; /* the 2025 commune its members live in */
	int board[3];
	int activity_rate, visit_rate, loan_rate, monthly; /* a year, a year, bp, per mille */
	struct vec persons, activities, visits, assessments, loans, repays, entries, settled;
	struct gen_report *r;
	struct gen_later *later; /* to_today: the joiners and deaths after GEN_END, or NULL */
	char *msg;
	size_t msglen;
};

static int32_t days_of(struct date d)
{
	return (int32_t)date_to_days(d);
}

static int days_in_month(int y, int m)
{
	int d = 31;
	while (!date_valid(y, m, d))
		d--;
	return d;
}

static int32_t min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

static int32_t max32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

/* ----------------------------------------------------- the map and its data */

static nct_err load_communes(struct gen *g, const char *path)
{
	struct place *v = NULL;
	size_t n = 0;
	nct_err e = place_communes(g->x, path, reform, &v, &n);
	if (!e && n > GEN_COMMUNES_MAX)
		e = NCT_ERR_TOOBIG;
	if (!e && n && !(g->communes = calloc(n, sizeof *g->communes)))
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < n; i++) {
		g->communes[i].id = v[i].id;
		snprintf(g->communes[i].code, sizeof g->communes[i].code, "%s", v[i].code);
		snprintf(g->communes[i].name, sizeof g->communes[i].name, "%s", v[i].name);
	}
	g->ncommunes = e ? 0 : n;
	free(v);
	return e;
}

static int by_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct commune *)elem)->code);
}

/* A link to a commune of the map (and, for the demo, from a commune of the old
 * province), counted on its commune; its pred is the row being read. */
static int pred_row(struct db_stmt *st, void *row, void *arg)
{
	struct gen *g = arg;
	struct pred *p = row;
	struct commune *c =
	    bsearch(db_col_text(st, 0), g->communes, g->ncommunes, sizeof *c, by_code);
	const char *op = db_col_text(st, 3);
	if (!c || (g->old_lo[0] && (strcmp(op, g->old_lo) < 0 || strcmp(op, g->old_hi) >= 0)))
		return DB_SKIP;
	if (!c->npred++)
		c->pred = g->preds.n - 1;
	p->id = db_col_int(st, 1);
	snprintf(p->name, sizeof p->name, "%s", db_col_text(st, 2));
	return DB_KEEP;
}

/* The communes of the old map each 2025 commune was formed from, in force from
 * before 2016 to the reform: whole links only, so that a club of 2020 sits in
 * a commune that went wholly into its 2025 commune (a commune formed only
 * from parts borrows its neighbour's, see old_commune). */
static nct_err load_preds(struct gen *g, const char *lo, const char *hi, const char *day)
{
	static const char sql[] =
	    "SELECT n.code, o.id, o.name, o.path FROM place_links l JOIN places n ON n.id = l.to_id"
	    " JOIN places o ON o.id = l.from_id WHERE n.level = 3 AND o.level = 3 AND l.partial = 0"
	    " AND n.path >= ? AND n.path < ? AND (n.valid_from IS NULL OR n.valid_from <= ?)"
	    " AND (n.valid_to IS NULL OR n.valid_to >= ?) AND o.valid_to IS NOT NULL"
	    " AND o.valid_to < ? AND (o.valid_from IS NULL OR o.valid_from <= ?)"
	    " ORDER BY n.code, o.code";
	struct db_stmt *st = DB_PREPARE(g->db, sql, DB_T(lo), DB_T(hi), DB_T(day), DB_T(day),
	                                DB_T(day), DB_T(first_founding));
	return db_rows(st, &g->preds, pred_row, g);
}

static nct_err old_province_range(struct gen *g)
{
	struct place p;
	if (place_get(g->x, g->scale->old_province, (struct date){2024, 12, 31}, &p) != NCT_OK) {
		snprintf(g->msg, g->msglen, "no province %s on the old map (nct init loads it)",
		         g->scale->old_province);
		return NCT_ERR_NOTFOUND;
	}
	place_subtree_bounds(p.path, g->old_lo, g->old_hi, sizeof g->old_lo);
	return NCT_OK;
}

/* Drops the communes formed from none of the old province's (kept in order, so
 * the search by code still works; their links point into preds, not here). */
static void keep_linked_communes(struct gen *g)
{
	size_t k = 0;
	for (size_t i = 0; i < g->ncommunes; i++)
		if (g->communes[i].npred)
			g->communes[k++] = g->communes[i];
	g->ncommunes = k;
}

static nct_err load_map(struct gen *g, const char *province)
{
	char lo[97], hi[97], day[DATE_LEN];
	date_format(reform, day);
	snprintf(g->r->place, sizeof g->r->place, "Việt Nam");
	const char *path = "";
	struct place p;
	if (!g->scale->country) {
		if (place_get(g->x, province, reform, &p) != NCT_OK || p.level != PLACE_PROVINCE) {
			snprintf(g->msg, g->msglen,
			         "no province %s on the map of %s (nct init loads it)", province,
			         day);
			return NCT_ERR_NOTFOUND;
		}
		snprintf(g->r->place, sizeof g->r->place, "%s", p.name);
		path = p.path;
	}
	place_subtree_bounds(path, lo, hi, sizeof lo);
	nct_err e = load_communes(g, path);
	if (!e && g->ncommunes == 0) {
		snprintf(g->msg, g->msglen, "no communes in force on %s: run nct init first", day);
		e = NCT_ERR_NOTFOUND;
	}
	if (!e && g->scale->old_province)
		e = old_province_range(g);
	if (!e)
		e = load_preds(g, lo, hi, day);
	if (!e && g->scale->old_province)
		keep_linked_communes(g);
	if (!e && g->preds.n == 0) {
		snprintf(g->msg, g->msglen, "no links to the old map: run nct init first");
		e = NCT_ERR_NOTFOUND;
	}
	g->r->communes = (int64_t)g->ncommunes;
	return e;
}

static int32_t day_or(const char *s, int32_t none)
{
	struct date d;
	return s && date_parse(s, &d) == NCT_OK ? days_of(d) : none;
}

/* The support rules a self-help club may fall under, oldest first. */
static nct_err load_supports(struct gen *g)
{
	static const char sql[] =
	    "SELECT r.id, r.founded_from, r.founded_to, r.valid_from, r.amount, r.valid_to"
	    " FROM support_rules r JOIN support_rule_kinds k ON k.rule_id = r.id"
	    " WHERE k.kind = 'ishc'"
	    " ORDER BY r.valid_from, r.id";
	struct db_stmt *st = db_prepare(g->db, sql);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && g->nsupports < GEN_SUPPORTS_MAX) {
		struct support *x = &g->supports[g->nsupports++];
		x->id = db_col_int(st, 0);
		x->from = day_or(db_col_text(st, 1), INT32_MAX);
		x->to = day_or(db_col_text(st, 2), INT32_MIN);
		x->valid_from = day_or(db_col_text(st, 3), INT32_MAX);
		x->amount = db_col_int(st, 4);
		x->valid_to = day_or(db_col_text(st, 5), INT32_MAX);
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static void area_fill(struct area *a, const char *code, const char *name)
{
	snprintf(a->code, sizeof a->code, "%s", code);
	snprintf(a->name, sizeof a->name, "%s", name);
	a->weight = 8;
	for (size_t i = 0; i < N(area_titles); i++)
		if (strcmp(code, area_titles[i].area) == 0) {
			a->weight = area_titles[i].weight;
			a->titles = area_titles[i].titles;
		}
}

/* The versioned activity lists, oldest first: an activity takes an area of
 * the list in force on its day, and there is none before the first list. */
static nct_err load_lists(struct gen *g)
{
	static const char sql[] =
	    "SELECT l.id, l.valid_from, l.valid_to, a.code, a.name_vi FROM activity_lists l"
	    " JOIN activity_areas a ON a.list_id = l.id ORDER BY l.valid_from, l.id, a.position";
	struct db_stmt *st = db_prepare(g->db, sql);
	int64_t last = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_int(st, 0) != last) {
			if (g->nlists == GEN_LISTS_MAX)
				break;
			struct alist *l = &g->lists[g->nlists++];
			last = db_col_int(st, 0);
			l->from = day_or(db_col_text(st, 1), INT32_MAX);
			l->to = day_or(db_col_text(st, 2), INT32_MAX);
		}
		struct alist *l = &g->lists[g->nlists - 1];
		if (l->n < GEN_AREAS_MAX)
			area_fill(&l->areas[l->n++], db_col_text(st, 3), db_col_text(st, 4));
	}
	db_done(st);
	return rc < 0 ? (nct_err)-rc : NCT_OK;
}

static const struct alist *list_on(const struct gen *g, int32_t day)
{
	const struct alist *in = NULL;
	for (size_t i = 0; i < g->nlists; i++)
		if (g->lists[i].from <= day && day <= g->lists[i].to && g->lists[i].n)
			in = &g->lists[i];
	return in;
}

/* plan327: the composition rule in force on GEN_END, which the members are
 * drawn to; its older age must be the one birth_draw's bands start at. */
static nct_err load_rule(struct gen *g)
{
	nct_err e = composition_rule_on(g->x, date_from_days(g->end), &g->rule);
	if (!e && (g->rule.older_age != older_ages[0].value || g->rule.min_members < 1)) {
		snprintf(g->msg, g->msglen,
		         "the composition rule of %s counts older people from %d; the demo draws"
		         " them from %d",
		         GEN_END, g->rule.older_age, older_ages[0].value);
		e = NCT_ERR_INVALID;
	}
	return e;
}

/* The one number a query answers (0 when it answers no row). */
static nct_err one_int(struct gen *g, const char *sql, int64_t *v)
{
	struct db_stmt *st = db_prepare(g->db, sql);
	return db_int(st, v);
}

/* Refuses a store with clubs; reads where new ids start (people and loans may
 * be there already). */
static nct_err check_store(struct gen *g)
{
	int64_t clubs = 0, persons = 0, loans = 0;
	nct_err e = one_int(g, "SELECT COUNT(*) FROM clubs", &clubs);
	if (!e && clubs > 0) {
		snprintf(g->msg, g->msglen,
		         "the store has %lld clubs already; gen writes only into a store without"
		         " clubs (start from a new one: nct init --db NEW)",
		         (long long)clubs);
		return NCT_ERR_CONFLICT;
	}
	if (!e)
		e = one_int(g, "SELECT COALESCE(MAX(id), 0) FROM clubs", &clubs);
	if (!e)
		e = one_int(g, "SELECT COALESCE(MAX(id), 0) FROM persons", &persons);
	if (!e)
		e = one_int(g, "SELECT COALESCE(MAX(id), 0) FROM loans", &loans);
	g->next_club = clubs + 1;
	g->next_person = persons + 1;
	g->next_loan = loans + 1;
	g->next_later_loan = g->next_loan + g->scale->loans; /* each draw lends once at most */
	return e;
}

/* ----------------------------------------------------------------- the plan */

/* Every commune gets clubs in proportion to a weight drawn between 50 and 150
 * (some communes are busier), rounded so that the total is exact. Its people
 * are of an ethnic minority in about a quarter of the communes. */
static void spread_clubs(struct gen *g)
{
	int64_t total = 0, sofar = 0, given = 0;
	for (size_t i = 0; i < g->ncommunes; i++) {
		struct commune *c = &g->communes[i];
		c->clubs = (int)rng_range(&g->plan, 50, 150);
		total += c->clubs;
		c->ethnic_permille = rng_permille(&g->plan, 250)
		                         ? (int)rng_range(&g->plan, 450, 850)
		                         : (int)rng_range(&g->plan, 0, 60);
		c->naming = (int)rng_range(&g->plan, 0, (int64_t)N(namings) - 1);
	}
	for (size_t i = 0; i < g->ncommunes; i++) {
		sofar += g->communes[i].clubs;
		int64_t upto = g->scale->clubs * sofar / total;
		g->communes[i].clubs = (int)(upto - given);
		given = upto;
	}
}

/* The commune of the old map a club founded before the reform sits in: one
 * its 2025 commune was formed from, else one of the nearest commune's. */
static const struct pred *old_commune(struct gen *g, size_t ci)
{
	for (size_t d = 0; d < g->ncommunes; d++) {
		size_t at[2] = {ci + d, ci >= d ? ci - d : (size_t)-1};
		for (int k = 0; k < 2; k++) {
			if (at[k] >= g->ncommunes || !g->communes[at[k]].npred)
				continue;
			const struct commune *c = &g->communes[at[k]];
			size_t j = c->pred + (size_t)rng_range(&g->plan, 0, (int64_t)c->npred - 1);
			return AT(g->preds, struct pred, j);
		}
	}
	return NULL; /* load_map made sure there is a link */
}

/* year: the founding year, or 0 to draw it. */
static void draw_shape(struct gen *g, struct shape *s, size_t ci, int year)
{
	if (!year)
		year = PICK_V(&g->plan, founding_years);
	int32_t from = days_of((struct date){year, 1, 1});
	int32_t to = min32(days_of((struct date){year, 12, 31}), g->end - 60);
	s->commune = (int)ci;
	s->founded = (int32_t)rng_range(&g->plan, from, max32(from, to));
	s->status = 'a';
	s->ends = g->end + 1;
	int u = (int)rng_range(&g->plan, 0, 999);
	if (s->founded <= g->end - 730 && u < 50) {
		s->status = u < 30 ? 's' : 'd';
		s->ends = (int32_t)rng_range(&g->plan, s->founded + 365, g->end - 30);
	}
	s->diligent = rng_permille(&g->plan, g->scale->diligent);
	s->members = (int)rng_range(&g->plan, 40, 80);
	s->place_id = g->communes[ci].id;
	s->place_name = g->communes[ci].name;
	if (s->founded < days_of(reform)) {
		const struct pred *p = old_commune(g, ci);
		s->place_id = p->id;
		s->place_name = p->name;
	}
}

/* The members a club may be drawn with: 40-80; under plan327 its leavers and
 * the size the composition rule allows, or its own size for a club meant to
 * be too small. */
static void members_bounds(const struct gen *g, const struct shape *s, int *lo, int *hi)
{
	*lo = 40;
	*hi = 80;
	if (g->scale->plan327 && s->off_rule == 's')
		*lo = *hi = s->members;
	else if (g->scale->plan327) {
		*lo = s->leavers + g->rule.min_members;
		*hi = s->leavers + g->rule.max_members;
	}
}

/* Moves member counts by one, within their bounds, until they add up to the
 * scale's; NCT_ERR_INVALID when the bounds cannot reach it. */
static nct_err fix_members(struct gen *g)
{
	int64_t sum = 0, least = 0, most = 0;
	for (int i = 0; i < g->scale->clubs; i++) {
		int lo, hi;
		members_bounds(g, &g->shapes[i], &lo, &hi);
		sum += g->shapes[i].members;
		least += lo;
		most += hi;
	}
	if (g->scale->members < least || g->scale->members > most) {
		snprintf(g->msg, g->msglen, "scale %s: %d members do not fit %lld to %lld",
		         g->scale->name, g->scale->members, (long long)least, (long long)most);
		return NCT_ERR_INVALID;
	}
	while (sum != g->scale->members) {
		struct shape *s = &g->shapes[rng_range(&g->plan, 0, g->scale->clubs - 1)];
		int lo, hi;
		members_bounds(g, s, &lo, &hi);
		if (sum < g->scale->members && s->members < hi) {
			s->members++;
			sum++;
		} else if (sum > g->scale->members && s->members > lo) {
			s->members--;
			sum--;
		}
	}
	return NCT_OK;
}

/* The days a club lends on: from 45 days after its founding (the members'
 * capital has come) to its end, and not in the last two weeks of the data. */
static void lending_window(const struct gen *g, const struct shape *s, int32_t *from, int32_t *to)
{
	*from = s->founded + 45;
	*to = min32(s->ends - 1, g->end - 14);
}

/* Loans in proportion to members times lending days, rounded to an exact total. */
static void share_loans(struct gen *g)
{
	int64_t total = 0, sofar = 0, given = 0;
	for (int i = 0; i < g->scale->clubs; i++) {
		int32_t from, to;
		lending_window(g, &g->shapes[i], &from, &to);
		total += to >= from ? (int64_t)g->shapes[i].members * (to - from + 1) : 0;
	}
	for (int i = 0; i < g->scale->clubs && total > 0; i++) {
		struct shape *s = &g->shapes[i];
		int32_t from, to;
		lending_window(g, s, &from, &to);
		sofar += to >= from ? (int64_t)s->members * (to - from + 1) : 0;
		int64_t upto = g->scale->loans * sofar / total;
		s->loans = (int)(upto - given);
		given = upto;
	}
}

/* The demo's founding years: exactly old_clubs of the clubs in 2016-2020, spread
 * evenly over the list, the others from 2021; 0 (drawn) for the other scales. */
static int forced_year(const struct gen *g, int k)
{
	int n = g->scale->clubs, old = g->scale->old_clubs;
	if (!g->scale->old_province)
		return 0;
	bool is_old = (int64_t)(k + 1) * old / n != (int64_t)k * old / n;
	return is_old ? 2016 + k % 5 : 2021 + k % 5;
}

/* The one old club whose members grew older than the rule allows: the
 * k-th of the clubs of 2016-2020, -1 when there are none. */
static int old_club_at(const struct gen *g, int k)
{
	int32_t new_from = days_of((struct date){2021, 1, 1});
	for (int i = 0; i < g->scale->clubs; i++)
		if (g->shapes[i].founded < new_from && k-- == 0)
			return i;
	return -1;
}

/* plan327: the programme as Plan 327 means it (part II). The clubs of
 * 2016-2020 are all kept active (II.2). Every club is drawn to the composition
 * rule in force on GEN_END (II.3), its size on that day within the rule, with
 * up to five members who left before it, except three clubs that are outside
 * it on purpose, so that the page shows what "chưa đạt" looks like and why: a
 * province does not bring every club within the rule, and 100 % is the target.
 * The two clubs founded last are still recruiting (a few members below the
 * minimum); one club of 2016-2020 has aged (older members above the band). */
static void carry_out(struct gen *g)
{
	const struct composition_rule *u = &g->rule;
	int32_t new_from = days_of((struct date){2021, 1, 1});
	int last = -1, before = -1, old = 0;
	for (int i = 0; i < g->scale->clubs; i++) {
		struct shape *s = &g->shapes[i];
		if (s->founded < new_from) {
			s->status = 'a';
			s->ends = g->end + 1;
			old++;
		}
		s->leavers = (int)rng_range(&g->plan, 0, 5);
		s->members =
		    s->leavers + (int)rng_range(&g->plan, u->min_members + 4, u->max_members - 2);
		s->off_rule = 0;
		if (last < 0 || s->founded > g->shapes[last].founded) {
			before = last;
			last = i;
		} else if (before < 0 || s->founded > g->shapes[before].founded)
			before = i;
	}
	int off[2] = {last, before};
	for (int k = 0; k < 2; k++)
		if (off[k] >= 0 && u->min_members > 8) {
			struct shape *s = &g->shapes[off[k]];
			s->off_rule = 's';
			s->members = s->leavers + u->min_members - (int)rng_range(&g->plan, 3, 8);
		}
	int aged = old ? old_club_at(g, (int)rng_range(&g->plan, 0, old - 1)) : -1;
	if (aged >= 0 && g->shapes[aged].off_rule == 0)
		g->shapes[aged].off_rule = 'o';
}

static nct_err plan(struct gen *g)
{
	g->shapes = calloc((size_t)g->scale->clubs, sizeof *g->shapes);
	if (!g->shapes)
		return NCT_ERR_NOMEM;
	spread_clubs(g);
	int k = 0;
	for (size_t ci = 0; ci < g->ncommunes; ci++)
		for (int seq = 1; seq <= g->communes[ci].clubs; seq++) {
			struct shape *s = &g->shapes[k];
			draw_shape(g, s, ci, forced_year(g, k));
			s->seq = seq;
			k++;
		}
	assert(k == g->scale->clubs);
	if (g->scale->plan327)
		carry_out(g);
	nct_err e = fix_members(g);
	if (!e)
		share_loans(g);
	return e;
}

/* --------------------------------------------------------------- the people */

/* Each draw is its own statement: the order of a call's arguments is
 * unspecified, and gcc and clang differ, which would change the data. */
static void name_kinh(struct rng *r, char sex, char *out, size_t cap)
{
	bool f = sex == 'F';
	const char *family = PICK_T(r, kinh_family);
	const char *middle = f ? PICK_T(r, kinh_middle_f) : PICK_T(r, kinh_middle_m);
	const char *given = f ? PICK_U(r, kinh_given_f) : PICK_U(r, kinh_given_m);
	snprintf(out, cap, "%s %s %s", family, middle, given);
}

static void name_ethnic(struct rng *r, const struct naming *n, char sex, char *out, size_t cap)
{
	const char *fam = n->nfamily ? n->family[rng_range(r, 0, (int64_t)n->nfamily - 1)] : "";
	const char *pre = sex == 'F' ? n->female : n->male;
	const char *given = n->given[rng_range(r, 0, (int64_t)n->ngiven - 1)];
	const char *gap = pre[0] && strcmp(pre, "H'") != 0 ? " " : "";
	char first[64];
	snprintf(first, sizeof first, "%s%s%s", pre, gap, given);
	if (!fam[0])
		snprintf(out, cap, "%s", first);
	else if (n->family_last)
		snprintf(out, cap, "%s %s", first, fam);
	else
		snprintf(out, cap, "%s %s", fam, first);
}

/* "1950", "1950-03" or "1950-03-15" for someone of age on 31 December of
 * end_year (who has had this year's birthday whatever the day). */
static void birth_draw(struct rng *r, bool older, int end_year, char out[DATE_LEN])
{
	int band = older ? PICK_V(r, older_ages) : PICK_V(r, younger_ages);
	int age = band + (int)rng_range(r, 0, band == 85 ? 7 : 4);
	int y = end_year - age, m = (int)rng_range(r, 1, 12);
	int d = (int)rng_range(r, 1, days_in_month(y, m));
	int form = (int)rng_range(r, 0, 999);
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	if (form < 400)
		snprintf(out, DATE_LEN, "%04u", uy);
	else if (form < 600)
		snprintf(out, DATE_LEN, "%04u-%02u", uy, um);
	else
		snprintf(out, DATE_LEN, "%04u-%02u-%02u", uy, um, ud);
}

static unsigned hardship_draw(struct rng *r, bool older, bool ethnic)
{
	unsigned h = 0;
	int u = (int)rng_range(r, 0, 999);
	if (u < (ethnic ? 300 : 100))
		h |= 1; /* poor */
	else if (u < (ethnic ? 450 : 200))
		h |= 2; /* near-poor */
	if (rng_permille(r, 60))
		h |= 4; /* disability */
	if (older && rng_permille(r, 120))
		h |= 8; /* lives alone */
	return ethnic ? h | 16 : h;
}

/* A member as the composition of the club's members on GEN_END wants them
 * (plan327): sex, older or not, and whether they leave before that day. */
struct preset {
	char sex;
	bool older, leaves;
};

/* When a member joined (three in four at the founding) and left (one in
 * fifteen, at least two months later; or as preset says). */
static void membership_draw(const struct gen *g, const struct shape *s, struct rng *r,
                            struct g_person *p, const struct preset *pre)
{
	int32_t last = min32(s->ends, g->end + 1) - 1;
	p->founder = rng_permille(r, 750) || last <= s->founded;
	p->joined = p->founder ? s->founded : (int32_t)rng_range(r, s->founded + 1, last);
	p->left = 0;
	if (pre && pre->leaves && p->joined + 60 > g->end) {
		p->founder = true; /* founded at least 60 days before GEN_END */
		p->joined = s->founded;
	}
	if (pre ? pre->leaves : rng_permille(r, 67) && p->joined + 60 <= g->end)
		p->left = (int32_t)rng_range(r, p->joined + 60, g->end);
	p->free_from = p->joined;
}

/* Who p (of p->sex, p->older on 31 December of end_year) is: name as people of
 * the commune c are named, birth, hardships, whether a volunteer. */
static nct_err person_fill(struct rng *r, const struct commune *c, struct g_person *p, int end_year)
{
	bool ethnic = rng_permille(r, c->ethnic_permille);
	if (ethnic)
		name_ethnic(r, &namings[c->naming], p->sex, p->name, sizeof p->name);
	else
		name_kinh(r, p->sex, p->name, sizeof p->name);
	char *fold = text_fold_dup(p->name);
	if (!fold)
		return NCT_ERR_NOMEM;
	snprintf(p->fold, sizeof p->fold, "%s", fold);
	free(fold);
	birth_draw(r, p->older, end_year, p->birth);
	if (birth_parse(p->birth, &p->born) != NCT_OK)
		return NCT_ERR_INVALID; /* birth_draw writes only valid dates */
	p->hardship = hardship_draw(r, p->older, ethnic);
	p->volunteer = rng_permille(r, p->older ? 80 : 200);
	return NCT_OK;
}

/* One member: sex and age drawn from the club's shares, or preset (non-NULL). */
static nct_err person_draw(struct gen *g, const struct shape *s, struct rng *r, int women,
                           int older, const struct preset *pre)
{
	const struct commune *c = &g->communes[s->commune];
	struct g_person *p = vec_push(&g->persons);
	if (!p)
		return NCT_ERR_NOMEM;
	p->id = g->next_person++;
	if (pre) {
		p->sex = pre->sex;
		p->older = pre->older;
	} else {
		p->sex = rng_permille(r, women) ? 'F' : 'M';
		p->older = rng_permille(r, older);
	}
	nct_err e = person_fill(r, c, p, date_from_days(g->end).y);
	if (!e)
		membership_draw(g, s, r, p, pre);
	return e;
}

/* A founding member who stays, matching want (0 any, 'F' a woman, 'o' older,
 * 'y' younger) and not already on the board; -1 when none. */
static int board_pick(struct gen *g, struct rng *r, char want)
{
	size_t n = g->persons.n, start = (size_t)rng_range(r, 0, (int64_t)n - 1);
	for (size_t k = 0; k < n; k++) {
		size_t i = (start + k) % n;
		const struct g_person *p = AT(g->persons, struct g_person, i);
		bool fits = want == 0 || (want == 'F' && p->sex == 'F') ||
		            (want == 'o' && p->older) || (want == 'y' && !p->older);
		if (!p->founder || p->left || !fits || (int)i == g->board[0] ||
		    (int)i == g->board[1])
			continue;
		return (int)i;
	}
	return want ? board_pick(g, r, 0) : -1;
}

/* v becomes a permutation of 0..n-1 (Fisher-Yates). */
static void shuffle(struct rng *r, size_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rng_range(r, 0, (int64_t)i - 1), t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static int ceil_pct(int n, int pct)
{
	return (n * pct + 99) / 100;
}

/* plan327: how many of the n members on GEN_END are women and how many older,
 * each within the rule's band (the older within the younger band's mirror
 * too, and in its upper half: older people are what the clubs are for), or,
 * for the club meant to have aged, a few older members above it. */
static void composed_counts(const struct gen *g, const struct shape *s, struct rng *r, int n,
                            int *women, int *older)
{
	const struct composition_rule *u = &g->rule;
	int wlo = ceil_pct(n, u->women_min_pct), whi = n * u->women_max_pct / 100;
	int olo = ceil_pct(n, u->older_min_pct), ohi = n * u->older_max_pct / 100;
	olo = max32(olo, n - n * u->younger_max_pct / 100);
	ohi = min32(ohi, n - ceil_pct(n, u->younger_min_pct));
	*women = (int)rng_range(r, wlo, max32(wlo, whi));
	*older = (int)rng_range(r, (olo + ohi + 1) / 2, max32(olo, ohi)); /* the older half */
	if (s->off_rule == 'o')
		*older = min32(n, max32(olo, ohi) + (int)rng_range(r, 2, 4));
}

/* plan327: the members, n of them on GEN_END with the counts composed_counts
 * draws, in an order of their own, and the leavers drawn as anyone. */
static nct_err composed_people(struct gen *g, const struct shape *s, struct rng *r)
{
	int total = s->members, n = s->members - s->leavers, women, older;
	composed_counts(g, s, r, n, &women, &older);
	size_t *order = malloc(3 * (size_t)total * sizeof *order);
	if (!order)
		return NCT_ERR_NOMEM;
	size_t *stays = order, *sex = order + total, *age = order + 2 * total;
	shuffle(r, stays, (size_t)total);
	shuffle(r, sex, (size_t)n);
	shuffle(r, age, (size_t)n);
	nct_err e = NCT_OK;
	for (int i = 0, k = 0; !e && i < total; i++) {
		struct preset pre = {'M', false, stays[i] >= (size_t)n};
		if (pre.leaves) {
			pre.sex = rng_permille(r, 650) ? 'F' : 'M';
			pre.older = rng_permille(r, 650);
		} else {
			pre.sex = sex[k] < (size_t)women ? 'F' : 'M';
			pre.older = age[k] < (size_t)older;
			k++;
		}
		e = person_draw(g, s, r, 0, 0, &pre);
	}
	free(order);
	return e;
}

static nct_err club_people(struct gen *g, const struct shape *s, struct rng *r)
{
	if (g->scale->plan327) {
		nct_err e = composed_people(g, s, r);
		if (e)
			return e;
	} else {
		int women = (int)rng_range(r, 580, 720), older = (int)rng_range(r, 580, 720);
		for (int i = 0; i < s->members; i++) {
			nct_err e = person_draw(g, s, r, women, older, NULL);
			if (e)
				return e;
		}
	}
	g->board[0] = g->board[1] = g->board[2] = -1;
	g->board[0] = board_pick(g, r, 'o'); /* chair */
	g->board[1] = board_pick(g, r, 'F'); /* vice chair */
	g->board[2] = board_pick(g, r, 'y'); /* treasurer */
	return NCT_OK;
}

static int members_on(const struct gen *g, int32_t day)
{
	int n = 0;
	for (size_t i = 0; i < g->persons.n; i++) {
		const struct g_person *p = AT(g->persons, struct g_person, i);
		n += p->joined <= day && (!p->left || p->left > day);
	}
	return n;
}

/* ------------------------------------------------------- activities, grades */

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static const struct area *area_draw(struct rng *r, const struct alist *l, bool plans, size_t k,
                                    const size_t *order)
{
	if (plans && k < l->n)
		return &l->areas[order[k]]; /* every area once, then as it comes */
	int64_t total = 0;
	for (size_t i = 0; i < l->n; i++)
		total += l->areas[i].weight;
	int64_t x = rng_range(r, 0, total - 1);
	for (size_t i = 0; i < l->n; i++)
		if ((x -= l->areas[i].weight) < 0)
			return &l->areas[i];
	return &l->areas[l->n - 1];
}

/* One year's activities, from..to: a diligent club with enough of them covers
 * every area of the list in force (in an order of its own), others draw by
 * how common each area is. Days before the first list have none. */
static nct_err year_activities(struct gen *g, const struct shape *s, struct rng *r, int rate,
                               int32_t from, int32_t to)
{
	int32_t days[64];
	size_t order[GEN_AREAS_MAX];
	int n = (int)((int64_t)rate * (to - from + 1) / 365);
	const struct alist *l = list_on(g, to);
	if (g->scale->plan327 && s->diligent && l && n < (int)l->n)
		n = (int)l->n; /* a club that plans its year holds every area */
	n = n > 64 ? 64 : n;
	for (int i = 0; i < n; i++)
		days[i] = (int32_t)rng_range(r, from, to);
	qsort(days, (size_t)n, sizeof days[0], cmp_day);
	if (l)
		shuffle(r, order, l->n);
	for (int i = 0; i < n; i++) {
		const struct alist *li = list_on(g, days[i]);
		if (!li)
			continue;
		const struct area *a = area_draw(r, li, s->diligent && li == l, (size_t)i, order);
		struct g_activity *x = vec_push(&g->activities);
		if (!x)
			return NCT_ERR_NOMEM;
		x->on = days[i];
		x->area = a->code;
		x->title = a->titles ? a->titles[rng_range(r, 0, 2)] : a->name;
		x->participants = (int)rng_range(r, 10, s->members);
		x->cost = rng_permille(r, 550) ? rng_range(r, 2, 30) * 50000 : 0;
	}
	return NCT_OK;
}

static nct_err club_activities(struct gen *g, const struct shape *s, struct rng *r)
{
	int rate = s->diligent ? (int)rng_range(r, 12, 30) : (int)rng_range(r, 5, 20);
	int32_t last = min32(s->ends - 1, g->end);
	g->activity_rate = rate;
	int y0 = date_from_days(s->founded).y, y1 = date_from_days(last).y;
	for (int y = y0; y <= y1; y++) {
		int32_t from = max32(s->founded, days_of((struct date){y, 1, 1}));
		int32_t to = min32(last, days_of((struct date){y, 12, 31}));
		nct_err e = to >= from ? year_activities(g, s, r, rate, from, to) : NCT_OK;
		if (e)
			return e;
	}
	return NCT_OK;
}

/* A volunteer member on the day, and an older member (or former member) other
 * than them; false after a dozen tries. */
static bool visit_pair(struct gen *g, struct rng *r, int32_t day, struct g_visit *v)
{
	size_t n = g->persons.n;
	const struct g_person *vol = NULL, *old = NULL;
	for (int t = 0; t < 12 && !vol; t++) {
		const struct g_person *p =
		    AT(g->persons, struct g_person, rng_range(r, 0, (int64_t)n - 1));
		if (p->volunteer && p->joined <= day && (!p->left || p->left > day))
			vol = p;
	}
	for (int t = 0; t < 12 && vol && !old; t++) {
		const struct g_person *p =
		    AT(g->persons, struct g_person, rng_range(r, 0, (int64_t)n - 1));
		if (p != vol && birth_age_on(p->born, date_from_days(day)) >= 60 &&
		    (!p->died || p->died > day))
			old = p;
	}
	if (old) {
		v->on = day;
		v->volunteer = vol->id;
		v->visited = old->id;
	}
	return old != NULL;
}

/* Home-care visits, from none to two a month, from a month after the founding
 * while the club is active. */
static nct_err visits_between(struct gen *g, struct rng *r, int per_year, int32_t from, int32_t to)
{
	int n = to >= from ? (int)((int64_t)per_year * (to - from + 1) / 365) : 0;
	int32_t *days = n ? malloc((size_t)n * sizeof *days) : NULL;
	if (n && !days)
		return NCT_ERR_NOMEM;
	for (int i = 0; i < n; i++)
		days[i] = (int32_t)rng_range(r, from, to);
	if (n)
		qsort(days, (size_t)n, sizeof *days, cmp_day);
	nct_err e = NCT_OK;
	for (int i = 0; !e && i < n; i++) {
		struct g_visit v;
		if (!visit_pair(g, r, days[i], &v))
			continue;
		struct g_visit *x = vec_push(&g->visits);
		if (x)
			*x = v;
		else
			e = NCT_ERR_NOMEM;
	}
	free(days);
	return e;
}

static nct_err club_visits(struct gen *g, const struct shape *s, struct rng *r)
{
	g->visit_rate = (int)rng_range(r, 0, 24);
	return visits_between(g, r, g->visit_rate, s->founded + 30, min32(s->ends - 1, g->end));
}

/* One assessment each December while active, from the first December at
 * least three months after the founding. */
/* Year y's assessment, drawn whatever the day; written when it falls before
 * stop (the first day the club is not active or not yet reached). */
static nct_err assessment_of(struct gen *g, const struct shape *s, struct rng *r, int y,
                             int32_t stop)
{
	int32_t on = days_of((struct date){y, 12, (int)rng_range(r, 5, 20)});
	if (on < s->founded + 90 || on >= stop)
		return NCT_OK;
	struct g_assess *a = vec_push(&g->assessments);
	if (!a)
		return NCT_ERR_NOMEM;
	a->year = y;
	a->on = on;
	a->grade = s->diligent ? PICK_T(r, grades_good) : PICK_T(r, grades_weak);
	bool good = a->grade[0] == 'v' || a->grade[0] == 's';
	a->managed = good ? rng_permille(r, 950) : a->grade[0] == 'a' && rng_permille(r, 300);
	a->by = PICK_U(r, assessors);
	return NCT_OK;
}

static nct_err club_assessments(struct gen *g, const struct shape *s, struct rng *r)
{
	int y0 = date_from_days(s->founded).y, y1 = date_from_days(g->end).y;
	nct_err e = NCT_OK;
	for (int y = y0; !e && y <= y1; y++)
		e = assessment_of(g, s, r, y, min32(s->ends, g->end + 1));
	return e;
}

/* ------------------------------------------------------------------- loans */

/* A member on the day with no loan running; after a dozen tries anyone who is
 * a member (a second loan happens); -1 when nobody is. */
static int borrower(struct gen *g, struct rng *r, int32_t day)
{
	size_t n = g->persons.n;
	for (int t = 0; t < 12; t++) {
		struct g_person *p =
		    AT(g->persons, struct g_person, rng_range(r, 0, (int64_t)n - 1));
		if (p->joined <= day && (!p->left || p->left > day) && p->free_from <= day)
			return (int)(p - AT(g->persons, struct g_person, 0));
	}
	size_t start = (size_t)rng_range(r, 0, (int64_t)n - 1);
	for (size_t k = 0; k < n; k++) {
		struct g_person *p = AT(g->persons, struct g_person, (start + k) % n);
		if (p->joined <= day && (!p->left || p->left > day))
			return (int)((start + k) % n);
	}
	return -1;
}

static nct_err repay_add(struct gen *g, const struct g_loan *l, int32_t on, int64_t principal,
                         int64_t interest)
{
	struct g_repay *p = vec_push(&g->repays);
	if (!p)
		return NCT_ERR_NOMEM;
	p->loan = l->id;
	p->on = on;
	p->principal = principal;
	p->interest = interest;
	return NCT_OK;
}

/* Repayments by the schedule up to GEN_END, a quarter of them a few days late,
 * each the installment's principal and interest to the đồng, so that a loan is
 * in arrears only where one is meant to be: the scale's share (one loan in
 * twelve, in forty for the demo) stops at an installment already due (a part of it paid, in
 * thousands, or nothing); some of those are written off six months to a year later. The principal
 * repaid never passes what is owed. Returns the day the borrower may borrow again. */
static nct_err repay(struct gen *g, struct rng *r, struct g_loan *l, const struct installment *in,
                     size_t n, int32_t upto, int32_t *free_from)
{
	size_t due = 0, stop = n;
	while (due < n && days_of(in[due].due) <= upto)
		due++;
	l->arrears = due > 0 && rng_permille(r, g->scale->arrears);
	if (l->arrears)
		stop = (size_t)rng_range(r, 0, (int64_t)due - 1);
	int64_t paid = 0;
	int32_t last = 0; /* the latest day principal came back */
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < due && i <= stop; i++) {
		int32_t day = days_of(in[i].due);
		int32_t on =
		    min32(upto, day + (rng_permille(r, 250) ? (int32_t)rng_range(r, 1, 10) : 0));
		int64_t part = in[i].principal;
		if (i == stop) {
			part = in[i].principal * rng_range(r, 0, 9) / 10;
			part -= part % 1000;
		}
		paid += part;
		last = part > 0 ? max32(last, on) : last;
		if (part > 0 || i < stop)
			e = repay_add(g, l, on, part, in[i].interest);
	}
	assert(paid <= l->principal);
	l->repaid = paid == l->principal ? last : 0;
	*free_from = days_of(in[n - 1].due) + 1;
	if (l->arrears) {
		int32_t stopped = days_of(in[stop].due);
		*free_from = upto + 1;
		if (stopped + 365 <= upto && rng_permille(r, 300)) {
			l->written_off = (int32_t)rng_range(r, stopped + 180, stopped + 365);
			l->write_off_note = PICK_U(r, write_off_notes);
		}
	}
	return e;
}

/* A loan on day, its repayments up to upto; its id the next of *ids. */
static nct_err loan_draw(struct gen *g, struct rng *r, int32_t day, int rate, bool monthly,
                         int32_t upto, int64_t *ids)
{
	int who = borrower(g, r, day);
	if (who < 0)
		return NCT_OK;
	struct g_person *p = AT(g->persons, struct g_person, who);
	struct g_loan *l = vec_push(&g->loans);
	if (!l)
		return NCT_ERR_NOMEM;
	l->id = (*ids)++;
	l->person = p->id;
	l->principal = (int64_t)PICK_V(r, principals) * 1000000;
	l->on = day;
	l->freq = monthly ? LOAN_MONTHLY : LOAN_QUARTERLY;
	l->term = monthly ? PICK_V(r, terms_monthly) : PICK_V(r, terms_quarterly);
	l->rate = rate;
	l->purpose = PICK_U(r, loan_purposes);
	struct loan_terms t = {l->principal, date_from_days(day), l->term, l->freq, rate};
	struct installment in[LOAN_MAX_INSTALLMENTS];
	size_t n;
	nct_err e = loan_schedule(&t, in, &n);
	assert(e == NCT_OK && n > 0);
	if (e)
		return e;
	/* l stays valid: repay() grows other vectors only */
	return repay(g, r, l, in, n, upto, &p->free_from);
}

static nct_err club_loans(struct gen *g, const struct shape *s, struct rng *r)
{
	int32_t from, to;
	lending_window(g, s, &from, &to);
	g->loan_rate = g->monthly = 0;
	if (s->loans == 0 || to < from)
		return NCT_OK;
	int32_t *days = malloc((size_t)s->loans * sizeof *days);
	if (!days)
		return NCT_ERR_NOMEM;
	/* under plan327 the fund grows and lends more each year: the later of two
	 * days, so that lending rises steadily from the founding */
	for (int i = 0; i < s->loans; i++) {
		days[i] = (int32_t)rng_range(r, from, to);
		if (g->scale->plan327)
			days[i] = max32(days[i], (int32_t)rng_range(r, from, to));
	}
	qsort(days, (size_t)s->loans, sizeof *days, cmp_day);
	int rate = PICK_V(r, rates);
	int monthly = (int)rng_range(r, 300, 900);
	g->loan_rate = rate;
	g->monthly = monthly;
	nct_err e = NCT_OK;
	for (int i = 0; !e && i < s->loans; i++)
		e = loan_draw(g, r, days[i], rate, rng_permille(r, monthly), g->end, &g->next_loan);
	free(days);
	return e;
}

/* ------------------------------------------------------------------ ledgers */

static nct_err entry_add(struct gen *g, int32_t on, enum fund f, enum entry_kind k, int64_t amount,
                         int64_t loan, const char *note)
{
	struct g_entry *x = vec_push(&g->entries);
	if (!x)
		return NCT_ERR_NOMEM;
	x->on = on;
	x->fund = f;
	x->kind = k;
	x->amount = amount;
	x->loan = loan;
	x->note = note;
	x->seq = (uint32_t)g->entries.n;
	return NCT_OK;
}

/* The latest support rule covering a club founded on `founded`; NULL when none. */
static const struct support *support_for(const struct gen *g, int32_t founded)
{
	const struct support *in = NULL;
	for (size_t i = 0; i < g->nsupports; i++)
		if (g->supports[i].from <= founded && founded <= g->supports[i].to)
			in = &g->supports[i];
	return in;
}

/* The one-off support into the revolving fund, once, while the rule that sets
 * it is in force: a month or two after the founding, or for a club founded
 * earlier within half a year of the rule's first day; none for a club that is
 * no longer active then, or when that day is past the rule's last. */
static nct_err ledger_support(struct gen *g, const struct shape *s, struct rng *r)
{
	const struct support *x = support_for(g, s->founded);
	int32_t after = s->founded + (int32_t)rng_range(r, 30, 60);
	int32_t first = x ? x->valid_from + (int32_t)rng_range(r, 10, 180) : 0;
	int32_t on = max32(after, first);
	if (!x || on >= s->ends || on > g->end || on > x->valid_to)
		return NCT_OK;
	nct_err e = entry_add(g, on, FUND_REVOLVING, ENTRY_GRANT, x->amount, 0, note_grant);
	if (!e)
		AT(g->entries, struct g_entry, g->entries.n - 1)->support = x->id;
	return e;
}

/* An entry fee and quarterly dues into the activity fund; members' savings
 * into the revolving fund each January, and under plan327 at the founding
 * too, so that every club has both funds from its first day (II.5). */
static nct_err ledger_dues(struct gen *g, const struct shape *s, struct rng *r)
{
	int64_t fee = rng_range(r, 2, 6) * 10000;
	int64_t saving = rng_range(r, 10, 30) * 10000;
	nct_err e = ledger_support(g, s, r);
	if (!e)
		e = entry_add(g, s->founded, FUND_ACTIVITY, ENTRY_CONTRIBUTION,
		              members_on(g, s->founded) * 50000, 0, note_entry);
	if (!e && g->scale->plan327)
		e = entry_add(g, s->founded, FUND_REVOLVING, ENTRY_CONTRIBUTION,
		              members_on(g, s->founded) * saving, 0, note_savings);
	/* an active club goes on after GEN_END up to the day of the run */
	int32_t upto = s->ends > g->end && g->today > g->end ? g->today : g->end;
	int32_t stop = s->ends > g->end ? upto + 1 : s->ends;
	int y0 = date_from_days(s->founded).y, y1 = date_from_days(upto).y;
	for (int y = y0; !e && y <= y1; y++) {
		int32_t jan = days_of((struct date){y, 1, 15});
		if (jan > s->founded && jan < stop)
			e = entry_add(g, jan, FUND_REVOLVING, ENTRY_CONTRIBUTION,
			              members_on(g, jan) * saving, 0, note_savings);
		for (int q = 3; !e && q <= 12; q += 3) {
			int32_t d = days_of((struct date){y, q, 25});
			if (d > s->founded && d < stop)
				e = entry_add(g, d, FUND_ACTIVITY, ENTRY_CONTRIBUTION,
				              members_on(g, d) * fee, 0, note_dues);
		}
	}
	return e;
}

static nct_err ledger_flows(struct gen *g)
{
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < g->activities.n; i++) {
		const struct g_activity *a = AT(g->activities, struct g_activity, i);
		if (a->cost)
			e = entry_add(g, a->on, FUND_ACTIVITY, ENTRY_EXPENSE, -a->cost, 0,
			              note_spend);
	}
	for (size_t i = 0; !e && i < g->loans.n; i++) {
		const struct g_loan *l = AT(g->loans, struct g_loan, i);
		e = entry_add(g, l->on, FUND_REVOLVING, ENTRY_DISBURSEMENT, -l->principal, l->id,
		              NULL);
	}
	for (size_t i = 0; !e && i < g->repays.n; i++) {
		const struct g_repay *p = AT(g->repays, struct g_repay, i);
		if (p->principal)
			e = entry_add(g, p->on, FUND_REVOLVING, ENTRY_REPAYMENT, p->principal,
			              p->loan, NULL);
		if (!e && p->interest)
			e = entry_add(g, p->on, FUND_REVOLVING, ENTRY_INTEREST, p->interest,
			              p->loan, NULL);
	}
	return e;
}

/* By day, money in before money out, then in the order drawn. */
static int cmp_entry(const void *a, const void *b)
{
	const struct g_entry *x = a, *y = b;
	if (x->on != y->on)
		return (x->on > y->on) - (x->on < y->on);
	if ((x->amount > 0) != (y->amount > 0))
		return x->amount > 0 ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Walks the entries by day so that no fund goes below zero: a loan the
 * revolving fund cannot cover is preceded by capital raised the same day (in
 * whole 5 million), an expense the activity fund cannot cover is not made. */
static nct_err ledger_settle(struct gen *g)
{
	qsort(g->entries.ptr, g->entries.n, sizeof(struct g_entry), cmp_entry);
	int64_t balance[2] = {0, 0};
	g->settled.n = 0;
	for (size_t i = 0; i < g->entries.n; i++) {
		const struct g_entry *x = AT(g->entries, struct g_entry, i);
		int64_t *b = &balance[x->fund];
		if (*b + x->amount < 0 && x->fund == FUND_ACTIVITY)
			continue;
		if (*b + x->amount < 0) {
			int64_t need = -(*b + x->amount), unit = 5000000;
			struct g_entry *raise = vec_push(&g->settled);
			if (!raise)
				return NCT_ERR_NOMEM;
			*raise = (struct g_entry){.on = x->on,
			                          .fund = FUND_REVOLVING,
			                          .kind = ENTRY_CONTRIBUTION,
			                          .amount = (need + unit - 1) / unit * unit,
			                          .note = note_raise};
			*b += raise->amount;
		}
		struct g_entry *y = vec_push(&g->settled);
		if (!y)
			return NCT_ERR_NOMEM;
		*y = *AT(g->entries, struct g_entry, i);
		*b += y->amount;
	}
	return NCT_OK;
}

/* ------------------------------------------------------------------ writing */

/* One table's INSERT: the columns, one row's tuple ('?' bound, literals
 * allowed), and the multi-row and one-row statements built from them. The
 * SQL lives in static storage: statements are cached by its address. */
struct table {
	const char *head, *tuple;
	int params, per;
	char many[2048], one[512];
};

enum {
	T_CLUB,
	T_STATUS,
	T_PERSON,
	T_MEMBER,
	T_BOARD,
	T_ACTIVITY,
	T_VISIT,
	T_ASSESS,
	T_LOAN,
	T_REPAY,
	T_ENTRY,
	T_COUNT
};

static struct table tables[T_COUNT] = {
    [T_CLUB] = {"INSERT INTO clubs (id, code, name, name_fold, kind, place_id, founded_on,"
                " created_at) VALUES ",
                "(?, ?, ?, ?, 'ishc', ?, ?, ?)", 7, 0, "", ""},
    [T_STATUS] = {"INSERT INTO club_status (club_id, status, since, note) VALUES ", "(?, ?, ?, ?)",
                  4, 0, "", ""},
    [T_PERSON] = {"INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id, hardship,"
                  " created_at) VALUES ",
                  "(?, ?, ?, ?, ?, ?, ?, ?)", 8, 0, "", ""},
    [T_MEMBER] = {"INSERT INTO memberships (club_id, person_id, joined_on, left_on, role,"
                  " volunteer) VALUES ",
                  "(?, ?, ?, ?, 'member', ?)", 5, 0, "", ""},
    [T_BOARD] = {"INSERT INTO club_board (club_id, person_id, role, term_from) VALUES ",
                 "(?, ?, ?, ?)", 4, 0, "", ""},
    [T_ACTIVITY] = {"INSERT INTO activities (club_id, on_date, area, title, participants,"
                    " created_at) VALUES ",
                    "(?, ?, ?, ?, ?, ?)", 6, 0, "", ""},
    [T_VISIT] = {"INSERT INTO home_visits (club_id, volunteer_id, visited_id, on_date) VALUES ",
                 "(?, ?, ?, ?)", 4, 0, "", ""},
    [T_ASSESS] = {"INSERT INTO club_assessments (club_id, year, grade, well_managed,"
                  " assessed_on, assessed_by) VALUES ",
                  "(?, ?, ?, ?, ?, ?)", 6, 0, "", ""},
    [T_LOAN] = {"INSERT INTO loans (id, club_id, person_id, principal, disbursed_on, term_months,"
                " frequency, rate_bp, purpose, written_off_on, write_off_note, repaid_on) VALUES ",
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 12, 0, "", ""},
    [T_REPAY] = {"INSERT INTO loan_repayments (loan_id, on_date, principal, interest) VALUES ",
                 "(?, ?, ?, ?)", 4, 0, "", ""},
    [T_ENTRY] = {"INSERT INTO ledger_entries (club_id, fund, on_date, kind, amount, loan_id,"
                 " support_rule_id, note, created_at) VALUES ",
                 "(?, ?, ?, ?, ?, ?, ?, ?, ?)", 9, 0, "", ""},
};

static void tables_build(struct db *db)
{
	int most = db_max_params(db) < GEN_BATCH_PARAMS ? db_max_params(db) : GEN_BATCH_PARAMS;
	for (int t = 0; t < T_COUNT; t++) {
		struct table *x = &tables[t];
		x->per = most / x->params;
		int n = snprintf(x->many, sizeof x->many, "%s%s", x->head, x->tuple);
		for (int i = 1; i < x->per; i++)
			n += snprintf(x->many + n, sizeof x->many - (size_t)n, ", %s", x->tuple);
		snprintf(x->one, sizeof x->one, "%s%s", x->head, x->tuple);
		assert((size_t)n < sizeof x->many);
	}
}

/* Binds one row's values in turn; a bind that fails fails the statement,
 * which db_run then returns. */
struct binder {
	struct db_stmt *st;
	int i;
};

static void b_int(struct binder *b, int64_t v)
{
	db_bind_int(b->st, b->i++, v);
}

static void b_text(struct binder *b, const char *v)
{
	db_bind_text(b->st, b->i++, v);
}

static void b_day(struct binder *b, int32_t day)
{
	char s[DATE_LEN];
	date_format(date_from_days(day), s);
	b_text(b, day ? s : NULL);
}

/* Records are stamped as if entered the evening of their day. */
static void b_stamp(struct binder *b, int32_t day)
{
	char d[DATE_LEN], s[32];
	date_format(date_from_days(day), d);
	snprintf(s, sizeof s, "%sT20:00:00+07:00", d);
	b_text(b, s);
}

typedef void (*bind_fn)(struct binder *b, const struct gen *g, const void *row);

/* Writes n rows: full multi-row statements, then the rest one by one. */
static nct_err put_rows(struct gen *g, int t, const void *rows, size_t n, size_t size, bind_fn fn)
{
	const struct table *x = &tables[t];
	for (size_t i = 0; i < n;) {
		bool full = n - i >= (size_t)x->per;
		size_t k = full ? (size_t)x->per : 1;
		struct binder b = {db_prepare(g->db, full ? x->many : x->one), 1};
		if (!b.st)
			return NCT_ERR_DB;
		for (size_t j = 0; j < k; j++)
			fn(&b, g, (const char *)rows + (i + j) * size);
		nct_err e = db_run(b.st);
		if (e)
			return e;
		i += k;
	}
	g->txn_rows += (int64_t)n;
	g->r->rows += (int64_t)n;
	return NCT_OK;
}

static void bind_person(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_person *p = row;
	char sex[2] = {p->sex, 0};
	b_int(b, p->id);
	b_text(b, p->name);
	b_text(b, p->fold);
	b_text(b, sex);
	b_text(b, p->birth);
	b_int(b, g->home_id);
	b_int(b, p->hardship);
	b_stamp(b, p->joined);
}

static void bind_member(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_person *p = row;
	b_int(b, g->club_id);
	b_int(b, p->id);
	b_day(b, p->joined);
	b_day(b, p->left);
	b_int(b, p->volunteer);
}

static void bind_activity(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_activity *a = row;
	b_int(b, g->club_id);
	b_day(b, a->on);
	b_text(b, a->area);
	b_text(b, a->title);
	b_int(b, a->participants);
	b_stamp(b, a->on);
}

static void bind_visit(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_visit *v = row;
	b_int(b, g->club_id);
	b_int(b, v->volunteer);
	b_int(b, v->visited);
	b_day(b, v->on);
}

static void bind_assess(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_assess *a = row;
	b_int(b, g->club_id);
	b_int(b, a->year);
	b_text(b, a->grade);
	b_int(b, a->managed);
	b_day(b, a->on);
	b_text(b, a->by);
}

static void bind_loan(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_loan *l = row;
	b_int(b, l->id);
	b_int(b, g->club_id);
	b_int(b, l->person);
	b_int(b, l->principal);
	b_day(b, l->on);
	b_int(b, l->term);
	b_text(b, l->freq == LOAN_MONTHLY ? "monthly" : "quarterly");
	b_int(b, l->rate);
	b_text(b, l->purpose);
	b_day(b, l->written_off);
	b_text(b, l->write_off_note);
	b_day(b, l->repaid);
}

static void bind_repay(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_repay *p = row;
	(void)g;
	b_int(b, p->loan);
	b_day(b, p->on);
	b_int(b, p->principal);
	b_int(b, p->interest);
}

static void bind_entry(struct binder *b, const struct gen *g, const void *row)
{
	const struct g_entry *x = row;
	b_int(b, g->club_id);
	b_text(b, fund_name(x->fund));
	b_day(b, x->on);
	b_text(b, entry_kind_name(x->kind));
	b_int(b, x->amount);
	if (x->loan)
		b_int(b, x->loan);
	else
		b_text(b, NULL);
	if (x->support)
		b_int(b, x->support);
	else
		b_text(b, NULL);
	b_text(b, x->note);
	b_stamp(b, x->on);
}

struct club_row {
	char code[40], name[256], fold[256];
	int64_t place_id;
	int32_t founded;
};

static void bind_club(struct binder *b, const struct gen *g, const void *row)
{
	const struct club_row *c = row;
	b_int(b, g->club_id);
	b_text(b, c->code);
	b_text(b, c->name);
	b_text(b, c->fold);
	b_int(b, c->place_id);
	b_day(b, c->founded);
	b_stamp(b, c->founded);
}

struct status_row {
	const char *status, *note;
	int32_t since;
};

static void bind_status(struct binder *b, const struct gen *g, const void *row)
{
	const struct status_row *s = row;
	b_int(b, g->club_id);
	b_text(b, s->status);
	b_day(b, s->since);
	b_text(b, s->note);
}

struct board_row {
	int64_t person;
	const char *role;
	int32_t from;
};

static void bind_board(struct binder *b, const struct gen *g, const void *row)
{
	const struct board_row *r = row;
	b_int(b, g->club_id);
	b_int(b, r->person);
	b_text(b, r->role);
	b_day(b, r->from);
}

/* "CLB Liên thế hệ tự giúp nhau thôn 3, Xã Đắk Hà" (a residential group in a
 * ward); the code names the 2025 commune, whose codes are unique. */
static nct_err club_head(struct gen *g, const struct shape *s)
{
	const struct commune *c = &g->communes[s->commune];
	bool ward = strncmp(s->place_name, "Phường", strlen("Phường")) == 0 ||
	            strncmp(s->place_name, "Thị trấn", strlen("Thị trấn")) == 0;
	struct club_row row = {.place_id = s->place_id, .founded = s->founded};
	snprintf(row.code, sizeof row.code, "LTH-%s-%02d", c->code, s->seq);
	snprintf(row.name, sizeof row.name, "CLB Liên thế hệ tự giúp nhau %s %d, %s",
	         ward ? "tổ dân phố" : "thôn", s->seq, s->place_name);
	if (strlen(row.name) > 150)
		snprintf(row.name, sizeof row.name, "CLB LTHTGN %d, %s", s->seq, s->place_name);
	char *fold = text_fold_dup(row.name);
	if (!fold)
		return NCT_ERR_NOMEM;
	snprintf(row.fold, sizeof row.fold, "%s", fold);
	free(fold);
	struct status_row st[2] = {{"active", NULL, s->founded}, {NULL, NULL, s->ends}};
	if (s->status != 'a') {
		st[1].status = s->status == 's' ? "suspended" : "dissolved";
		st[1].note = s->status == 's' ? "Tạm dừng sinh hoạt: thiếu ban chủ nhiệm"
		                              : "Giải thể theo đề nghị của thành viên";
	}
	size_t nst = s->status == 'a' ? 1 : 2;
	nct_err e = put_rows(g, T_CLUB, &row, 1, sizeof row, bind_club);
	if (!e)
		e = put_rows(g, T_STATUS, st, nst, sizeof st[0], bind_status);
	g->r->statuses += (int64_t)nst;
	return e;
}

static nct_err club_board_write(struct gen *g, const struct shape *s)
{
	static const char *const roles[3] = {"chair", "vice_chair", "treasurer"};
	struct board_row rows[3];
	size_t n = 0;
	for (int i = 0; i < 3; i++)
		if (g->board[i] >= 0)
			rows[n++] = (struct board_row){
			    AT(g->persons, struct g_person, g->board[i])->id, roles[i], s->founded};
	g->r->board += (int64_t)n;
	return put_rows(g, T_BOARD, rows, n, sizeof rows[0], bind_board);
}

/* Parents before children, so every foreign key finds its row. */
static nct_err club_write(struct gen *g, const struct shape *s)
{
	nct_err e = club_head(g, s);
	if (!e)
		e = put_rows(g, T_PERSON, g->persons.ptr, g->persons.n, g->persons.size,
		             bind_person);
	if (!e)
		e = put_rows(g, T_MEMBER, g->persons.ptr, g->persons.n, g->persons.size,
		             bind_member);
	if (!e)
		e = club_board_write(g, s);
	if (!e)
		e = put_rows(g, T_ACTIVITY, g->activities.ptr, g->activities.n, g->activities.size,
		             bind_activity);
	if (!e)
		e = put_rows(g, T_VISIT, g->visits.ptr, g->visits.n, g->visits.size, bind_visit);
	if (!e)
		e = put_rows(g, T_ASSESS, g->assessments.ptr, g->assessments.n, g->assessments.size,
		             bind_assess);
	if (!e)
		e = put_rows(g, T_LOAN, g->loans.ptr, g->loans.n, g->loans.size, bind_loan);
	if (!e)
		e = put_rows(g, T_REPAY, g->repays.ptr, g->repays.n, g->repays.size, bind_repay);
	if (!e)
		e = put_rows(g, T_ENTRY, g->settled.ptr, g->settled.n, g->settled.size, bind_entry);
	return e;
}

/* ------------------------------------------------------------------ one club */

static void club_count(struct gen *g, const struct shape *s)
{
	struct gen_report *r = g->r;
	r->clubs++;
	r->suspended += s->status == 's';
	r->dissolved += s->status == 'd';
	r->persons += (int64_t)g->persons.n;
	r->memberships += (int64_t)g->persons.n;
	r->activities += (int64_t)g->activities.n;
	r->visits += (int64_t)g->visits.n;
	r->assessments += (int64_t)g->assessments.n;
	r->repayments += (int64_t)g->repays.n;
	r->ledger_entries += (int64_t)g->settled.n;
	for (size_t i = 0; i < g->loans.n; i++) {
		const struct g_loan *l = AT(g->loans, struct g_loan, i);
		r->loans_later += l->on > g->end;
		if (l->on > g->end)
			continue;
		r->loans++;
		/* as they stood on GEN_END (club_write_offs writes off after it) */
		bool off = l->written_off && l->written_off <= g->end;
		r->loans_written_off += off;
		r->loans_arrears += l->arrears && !off;
	}
}

/* ------------------------------------------------ after GEN_END, up to today */

/* The stream of club i's records after GEN_END: apart from its 2025 one, so
 * that the draw up to GEN_END is the same whatever the day of the run. */
#define GEN_LATER_STREAM (UINT64_C(1) << 32)

/* A loan out on GEN_END and not in arrears goes on by its schedule: each
 * installment due since, up to the day, paid to the đồng (a quarter of them
 * a few days late, never after the day); it is repaid when the last is. */
static nct_err loan_go_on(struct gen *g, struct rng *r, size_t k)
{
	struct g_loan *l = AT(g->loans, struct g_loan, k);
	if (l->arrears || l->repaid)
		return NCT_OK;
	struct loan_terms t = {l->principal, date_from_days(l->on), l->term, l->freq, l->rate};
	struct installment in[LOAN_MAX_INSTALLMENTS];
	size_t n;
	nct_err e = loan_schedule(&t, in, &n);
	if (e)
		return e;
	int32_t last = 0;
	size_t i = 0;
	while (i < n && days_of(in[i].due) <= g->end)
		i++;
	for (; !e && i < n && days_of(in[i].due) <= g->today; i++) {
		int32_t day = days_of(in[i].due);
		int32_t on = min32(g->today,
		                   day + (rng_permille(r, 250) ? (int32_t)rng_range(r, 1, 10) : 0));
		last = in[i].principal > 0 ? max32(last, on) : last;
		e = repay_add(g, AT(g->loans, struct g_loan, k), on, in[i].principal,
		              in[i].interest);
	}
	l = AT(g->loans, struct g_loan, k);
	if (!e && i == n)
		l->repaid = last;
	return e;
}

/* A borrower in arrears borrows no more. */
static void arrears_bar(struct gen *g, const struct g_loan *l)
{
	for (size_t i = 0; i < g->persons.n; i++) {
		struct g_person *p = AT(g->persons, struct g_person, i);
		if (p->id == l->person)
			p->free_from = INT32_MAX;
	}
}

/* An active club's records from GEN_END + 1 up to g->today, at its own rates:
 * activities and home-care visits as in its years before, the December
 * assessment once its day is past, the installments of the loans out on
 * GEN_END, and new loans as many a day as it made in its last year, each
 * repaid by its schedule up to the day (one in forty stops, as before). */
static nct_err club_later(struct gen *g, const struct shape *s, int i)
{
	if (g->today <= g->end || s->ends <= g->end)
		return NCT_OK;
	struct rng r;
	rng_seed(&r, g->seed, GEN_LATER_STREAM + 1 + (uint64_t)i);
	int32_t from = g->end + 1, to = g->today;
	nct_err e = NCT_OK;
	for (int y = date_from_days(from).y; !e && y <= date_from_days(to).y; y++) {
		int32_t a = max32(from, days_of((struct date){y, 1, 1}));
		int32_t b = min32(to, days_of((struct date){y, 12, 31}));
		e = year_activities(g, s, &r, g->activity_rate, a, b);
		if (!e)
			e = visits_between(g, &r, g->visit_rate, a, b);
		if (!e)
			e = assessment_of(g, s, &r, y, to + 1);
	}
	size_t before = g->loans.n;
	int last_year = 0;
	for (size_t k = 0; !e && k < before; k++) {
		const struct g_loan *l = AT(g->loans, struct g_loan, k);
		last_year += l->on > g->end - 365;
		if (l->arrears)
			arrears_bar(g, l);
		e = loan_go_on(g, &r, k);
	}
	int32_t lend_to = to - 14; /* as before GEN_END: none in the last fortnight */
	int n = lend_to >= from ? (int)((int64_t)last_year * (lend_to - from + 1) / 365) : 0;
	if (e || n == 0 || g->loan_rate == 0)
		return e;
	int32_t *days = malloc((size_t)n * sizeof *days);
	if (!days)
		return NCT_ERR_NOMEM;
	for (int k = 0; k < n; k++)
		days[k] = (int32_t)rng_range(&r, from, lend_to);
	qsort(days, (size_t)n, sizeof *days, cmp_day);
	for (int k = 0; !e && k < n; k++)
		e = loan_draw(g, &r, days[k], g->loan_rate, rng_permille(&r, g->monthly), g->today,
		              &g->next_later_loan);
	free(days);
	return e;
}

/* The stream of the write-offs after GEN_END, apart from the records' (so
 * that those stay as they were drawn). */
#define GEN_WRITE_OFF_STREAM (UINT64_C(2) << 32)

/* A loan in arrears whose borrower has paid nothing for at least half a year
 * is written off by the club's board after GEN_END, as the boards did before
 * (seven in ten of them, on a day between half a year after the last payment,
 * or the loan, and the day of the run, never before GEN_END + 1): the fund's
 * loans at risk are those of the last months, not a pile of old ones. */
static void club_write_offs(struct gen *g, const struct shape *s, int i)
{
	if (g->today <= g->end || s->ends <= g->end)
		return;
	struct rng r;
	rng_seed(&r, g->seed, GEN_WRITE_OFF_STREAM + 1 + (uint64_t)i);
	for (size_t k = 0; k < g->loans.n; k++) {
		struct g_loan *l = AT(g->loans, struct g_loan, k);
		if (!l->arrears || l->written_off || l->repaid)
			continue;
		int32_t paid = l->on; /* the last day anything came back */
		for (size_t j = 0; j < g->repays.n; j++) {
			const struct g_repay *p = AT(g->repays, struct g_repay, j);
			if (p->loan == l->id)
				paid = max32(paid, p->on);
		}
		int32_t lo = max32(g->end + 1, paid + 180);
		if (lo > g->today || !rng_permille(&r, 700))
			continue;
		l->written_off = (int32_t)rng_range(&r, lo, g->today);
		l->write_off_note = PICK_U(&r, write_off_notes);
	}
}

/* ------------------------------------------- the boards' members after GEN_END */

/* The stream of club i's members after GEN_END, apart from the others. */
#define GEN_MEMBERS_STREAM (UINT64_C(3) << 32)

struct gen_joiner {
	int64_t club_id, place_id;
	struct g_person p; /* p.id given by gen_later_write */
};

struct gen_death {
	int64_t person;
	int32_t on;
};

/* Chances a year, in per mille, assumed (no figures in data/): a member leaves
 * (the younger ones, who move away for work, twice as often), a member dies
 * (rising with age). */
static int leave_permille(int age)
{
	return age >= 60 ? 30 : 60;
}

static int death_permille(int age)
{
	return age < 60 ? 3 : age < 70 ? 15 : age < 80 ? 40 : 100;
}

/* A board member, or a member with a loan out on the day, stays. */
static bool stays_put(const struct gen *g, size_t k, int32_t day)
{
	const struct g_person *p = AT(g->persons, struct g_person, k);
	if ((int)k == g->board[0] || (int)k == g->board[1] || (int)k == g->board[2])
		return true;
	for (size_t i = 0; i < g->loans.n; i++) {
		const struct g_loan *l = AT(g->loans, struct g_loan, i);
		if (l->person == p->id && l->on <= day && (!l->repaid || l->repaid > day) &&
		    (!l->written_off || l->written_off > day))
			return true;
	}
	return false;
}

/* Each year after GEN_END (up to today), each member who can go leaves or dies
 * by the chances above, on a day of that year. */
static nct_err members_churn(struct gen *g, struct rng *r)
{
	for (int32_t y0 = g->end; y0 < g->today; y0 += 365)
		for (size_t k = 0; k < g->persons.n; k++) {
			struct g_person *p = AT(g->persons, struct g_person, k);
			int age = birth_age_on(p->born, date_from_days(y0));
			int32_t day = y0 + (int32_t)rng_range(r, 1, 365);
			bool dies = rng_permille(r, death_permille(age));
			bool leaves = rng_permille(r, leave_permille(age));
			if ((p->left && p->left <= day) || day > g->today || (!dies && !leaves) ||
			    stays_put(g, k, day))
				continue;
			p->left = day;
			if (!dies) {
				g->later->left++;
				continue;
			}
			struct gen_death *d = vec_push(&g->later->deaths);
			if (!d)
				return NCT_ERR_NOMEM;
			*d = (struct gen_death){p->id, day};
			p->died = day;
			g->later->died++;
		}
	return NCT_OK;
}

static int cell_of(const struct gen *g, const struct g_person *p, int32_t day)
{
	bool older = birth_age_on(p->born, date_from_days(day)) >= g->rule.older_age;
	return (p->sex == 'F' ? CELL_WOMEN_OLDER : CELL_MEN_OLDER) + !older;
}

/* The board lets a member of the kind go on the day (one who can go, and is
 * not already leaving); false when none can. */
static bool member_let_go(struct gen *g, struct rng *r, int cell, int32_t day)
{
	size_t n = g->persons.n, start = (size_t)rng_range(r, 0, (int64_t)n - 1);
	for (size_t k = 0; k < n; k++) {
		size_t i = (start + k) % n;
		struct g_person *p = AT(g->persons, struct g_person, i);
		if (p->joined > day || p->left || cell_of(g, p, day) != cell ||
		    stays_put(g, i, day))
			continue;
		p->left = day;
		g->later->left++;
		return true;
	}
	return false;
}

/* Someone of the kind joins the club on the day, living in its commune. */
static nct_err joiner_add(struct gen *g, const struct shape *s, struct rng *r, int cell,
                          int32_t day)
{
	struct gen_joiner *j = vec_push(&g->later->joiners);
	if (!j)
		return NCT_ERR_NOMEM;
	memset(j, 0, sizeof *j);
	j->club_id = g->club_id;
	j->place_id = g->home_id;
	j->p.sex = cell == CELL_WOMEN_OLDER || cell == CELL_WOMEN_YOUNGER ? 'F' : 'M';
	j->p.older = cell == CELL_WOMEN_OLDER || cell == CELL_MEN_OLDER;
	j->p.joined = j->p.free_from = day;
	g->later->joined++;
	/* the ages are on 31 December: older already the year before, younger still
	 * at the end of this year */
	int y = date_from_days(day).y;
	return person_fill(r, &g->communes[s->commune], &j->p, j->p.older ? y - 1 : y);
}

/* A board meeting on the day: when the club is outside Plan 327's bands, the
 * fewest changes that bring it within (composition_plan, what the club page
 * advises), carried out as far as members can go. */
static nct_err board_meeting(struct gen *g, const struct shape *s, struct rng *r, int32_t day,
                             size_t first)
{
	size_t nj = g->later->joiners.n - first, n = g->persons.n + nj;
	struct member_fact *m = malloc(n * sizeof *m);
	if (!m)
		return NCT_ERR_NOMEM;
	for (size_t k = 0; k < n; k++) {
		const struct g_person *p =
		    k < g->persons.n
		        ? AT(g->persons, struct g_person, k)
		        : &AT(g->later->joiners, struct gen_joiner, first + k - g->persons.n)->p;
		m[k] = (struct member_fact){p->sex,
		                            p->born,
		                            date_from_days(p->joined),
		                            p->left != 0,
		                            date_from_days(p->left ? p->left : p->joined),
		                            p->hardship};
	}
	struct composition c;
	composition_compute(m, n, &g->rule, date_from_days(day), &c);
	free(m);
	if (c.within || !c.plan.found)
		return NCT_OK;
	nct_err e = NCT_OK;
	for (int a = 0; a < CELLS; a++)
		for (int k = 0; k < c.plan.remove[a]; k++)
			member_let_go(g, r, a, day);
	for (int a = 0; a < CELLS; a++)
		for (int b = 0; b < CELLS; b++)
			for (int k = 0; !e && k < c.plan.swap[a][b]; k++)
				if (member_let_go(g, r, a, day))
					e = joiner_add(g, s, r, b, day);
	for (int a = 0; !e && a < CELLS; a++)
		for (int k = 0; !e && k < c.plan.add[a]; k++)
			e = joiner_add(g, s, r, a, day);
	return e;
}

/* An active club's members from GEN_END + 1 up to today: some leave or die,
 * and the board meets once a month (the club that has aged, off_rule 'o',
 * goes on as it did in 2025: its board lets it be). */
static nct_err club_members_later(struct gen *g, const struct shape *s, int i)
{
	if (!g->later || g->today <= g->end || s->ends <= g->end)
		return NCT_OK;
	struct rng r;
	rng_seed(&r, g->seed, GEN_MEMBERS_STREAM + 1 + (uint64_t)i);
	size_t first = g->later->joiners.n;
	nct_err e = members_churn(g, &r);
	struct date d = date_from_days(g->end + 1);
	for (int y = d.y, mo = d.m; !e && days_of((struct date){y, mo, 1}) <= g->today;) {
		int32_t day = days_of((struct date){y, mo, 1}) +
		              (int32_t)rng_range(&r, 0, days_in_month(y, mo) - 1);
		if (day <= g->today && s->off_rule != 'o')
			e = board_meeting(g, s, &r, day, first);
		if (++mo > 12) {
			mo = 1;
			y++;
		}
	}
	return e;
}

static nct_err club_run(struct gen *g, int i)
{
	const struct shape *s = &g->shapes[i];
	struct rng r;
	rng_seed(&r, g->seed, 1 + (uint64_t)i);
	g->club_id = g->next_club++;
	g->home_id = g->communes[s->commune].id;
	g->persons.n = g->activities.n = g->visits.n = g->assessments.n = 0;
	g->loans.n = g->repays.n = g->entries.n = g->settled.n = 0;
	nct_err e = club_people(g, s, &r);
	if (!e)
		e = club_activities(g, s, &r);
	if (!e)
		e = club_visits(g, s, &r);
	if (!e)
		e = club_assessments(g, s, &r);
	if (!e)
		e = club_loans(g, s, &r);
	if (!e)
		e = club_members_later(g, s, i);
	if (!e)
		e = club_later(g, s, i);
	if (!e)
		club_write_offs(g, s, i);
	if (!e)
		e = ledger_dues(g, s, &r);
	if (!e)
		e = ledger_flows(g);
	if (!e)
		e = ledger_settle(g);
	if (!e)
		e = club_write(g, s);
	if (!e)
		club_count(g, s);
	return e;
}

/* ------------------------------------------------------------------ the run */

/* Clubs, persons and loans were written with their ids: the store's next
 * ones must come after them. */
static nct_err sync_ids(struct gen *g)
{
	nct_err e = db_sync_ids(g->db, "clubs");
	if (!e)
		e = db_sync_ids(g->db, "persons");
	if (!e)
		e = db_sync_ids(g->db, "loans");
	return e;
}

static nct_err audit_run(struct gen *g, const struct gen_options *o)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "scale", g->scale->name,
	                      "place", g->r->place, "seed", "", "clubs", (json_int_t)g->r->clubs,
	                      "persons", (json_int_t)g->r->persons, "loans",
	                      (json_int_t)g->r->loans, "rows", (json_int_t)g->r->rows);
	char seed[24];
	snprintf(seed, sizeof seed, "%llu", (unsigned long long)o->seed);
	char *text = NULL;
	if (j && json_object_set_new(j, "seed", json_string(seed)) == 0)
		text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!text)
		return NCT_ERR_NOMEM;
	nct_err e = audit_write(g->x, "generate", "gen", g->scale->name, NULL, text);
	free(text);
	return e;
}

static nct_err write_all(struct gen *g, const struct gen_options *o)
{
	/* a crash of the machine may break the store, which then holds nothing but
	 * the map and a synthetic programme: run nct init and gen again. Bulk mode
	 * only saves time, so a store that cannot do it loads all the same. */
	(void)db_bulk_begin(g->db);
	nct_err e = db_begin(g->db);
	for (int i = 0; !e && i < g->scale->clubs; i++) {
		e = club_run(g, i);
		if (!e && g->txn_rows >= GEN_TXN_ROWS) {
			e = db_commit(g->db);
			g->txn_rows = 0;
			if (!e)
				e = db_begin(g->db);
		}
		if (!e && o->progress)
			o->progress(o->progress_arg, i + 1, g->scale->clubs);
	}
	if (!e)
		e = sync_ids(g);
	if (!e) /* the new clubs' members and loans, as the report reads them */
		e = club_facts_fill(g->db, false);
	if (!e)
		e = audit_run(g, o);
	if (!e)
		e = db_commit(g->db);
	else
		db_rollback(g->db);
	(void)db_bulk_end(g->db);
	return e;
}

bool gen_scale_valid(const char *name)
{
	for (size_t i = 0; name && i < N(scales); i++)
		if (strcmp(name, scales[i].name) == 0)
			return true;
	return false;
}

static void gen_free(struct gen *g)
{
	free(g->communes);
	free(g->shapes);
	struct vec *v[] = {&g->preds, &g->persons, &g->activities, &g->visits, &g->assessments,
	                   &g->loans, &g->repays,  &g->entries,    &g->settled};
	for (size_t i = 0; i < N(v); i++)
		vec_free(v[i]);
}

static void gen_init(struct gen *g, struct ctx *x, const struct gen_options *o,
                     struct gen_report *r, char *msg, size_t msglen)
{
	memset(g, 0, sizeof *g);
	g->x = x;
	g->db = x->db;
	g->seed = o->seed;
	g->r = r;
	g->later = o->to_today ? o->later : NULL;
	g->msg = msg;
	g->msglen = msglen;
	struct date end;
	nct_err e = date_parse(GEN_END, &end);
	assert(e == NCT_OK);
	(void)e;
	g->end = days_of(end);
	g->today = o->to_today ? days_of(date_today_vn()) : 0;
	rng_seed(&g->plan, o->seed, 0);
	vec_init(&g->preds, sizeof(struct pred), GEN_VEC_MAX);
	vec_init(&g->persons, sizeof(struct g_person), GEN_VEC_MAX);
	vec_init(&g->activities, sizeof(struct g_activity), GEN_VEC_MAX);
	vec_init(&g->visits, sizeof(struct g_visit), GEN_VEC_MAX);
	vec_init(&g->assessments, sizeof(struct g_assess), GEN_VEC_MAX);
	vec_init(&g->loans, sizeof(struct g_loan), GEN_VEC_MAX);
	vec_init(&g->repays, sizeof(struct g_repay), GEN_VEC_MAX);
	vec_init(&g->entries, sizeof(struct g_entry), GEN_VEC_MAX);
	vec_init(&g->settled, sizeof(struct g_entry), GEN_VEC_MAX);
	for (size_t i = 0; i < N(scales); i++)
		if (o->scale && strcmp(o->scale, scales[i].name) == 0)
			g->scale = &scales[i];
}

nct_err gen_run(struct ctx *x, const struct gen_options *o, struct gen_report *r, char *msg,
                size_t msglen)
{
	struct gen g;
	struct db *db = x->db;
	memset(r, 0, sizeof *r);
	gen_init(&g, x, o, r, msg, msglen);
	msg[0] = '\0';
	if (!g.scale) {
		snprintf(msg, msglen, "unknown scale '%s' (province, national or demo)",
		         o->scale ? o->scale : "");
		return NCT_ERR_INVALID;
	}
	tables_build(db);
	nct_err e = check_store(&g);
	if (!e)
		e = load_map(&g, o->province ? o->province : "51");
	if (!e)
		e = load_supports(&g);
	if (!e)
		e = load_lists(&g);
	if (!e && g.scale->plan327)
		e = load_rule(&g);
	if (!e)
		e = plan(&g);
	if (!e)
		e = write_all(&g, o);
	int64_t indexed = 0; /* the bulk rows skip the register's derived columns and keys */
	if (!e)
		e = person_reindex(x, &indexed);
	bool store = e == NCT_ERR_DB || e == NCT_ERR_UNAVAILABLE || e == NCT_ERR_CONFLICT;
	if (e && !msg[0])
		snprintf(msg, msglen, "%s%s%s", nct_err_name(e), store ? ": " : "",
		         store ? db_errmsg(db) : "");
	gen_free(&g);
	return e;
}

/* ---------------------------------------------- after GEN_END: the writing */

void gen_later_init(struct gen_later *l)
{
	memset(l, 0, sizeof *l);
	vec_init(&l->joiners, sizeof(struct gen_joiner), GEN_VEC_MAX);
	vec_init(&l->deaths, sizeof(struct gen_death), GEN_VEC_MAX);
}

void gen_later_free(struct gen_later *l)
{
	vec_free(&l->joiners);
	vec_free(&l->deaths);
}

/* Each club's joiners (drawn club after club) as the club's members are
 * written: persons, then memberships. */
static nct_err joiners_put(struct gen *g, struct gen_later *l)
{
	size_t size = sizeof(struct gen_joiner);
	nct_err e = NCT_OK;
	for (size_t i = 0, k; !e && i < l->joiners.n; i = k) {
		struct gen_joiner *j = AT(l->joiners, struct gen_joiner, i);
		g->club_id = j->club_id;
		g->home_id = j->place_id;
		for (k = i; k < l->joiners.n &&
		            AT(l->joiners, struct gen_joiner, k)->club_id == j->club_id;
		     k++)
			AT(l->joiners, struct gen_joiner, k)->p.id = g->next_person++;
		e = put_rows(g, T_PERSON, &j->p, k - i, size, bind_person);
		if (!e)
			e = put_rows(g, T_MEMBER, &j->p, k - i, size, bind_member);
	}
	return e;
}

static nct_err deaths_put(struct gen *g, const struct gen_later *l)
{
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < l->deaths.n; i++) {
		const struct gen_death *d = AT(l->deaths, struct gen_death, i);
		struct binder b = {db_prepare(g->db, "UPDATE persons SET died_on = ? WHERE id = ?"),
		                   1};
		b_day(&b, d->on);
		b_int(&b, d->person);
		e = db_run(b.st);
		if (!e) /* the search keys carry the death (they exist: indexed before) */
			e = person_keys_refresh(g->x, d->person);
	}
	return e;
}

nct_err gen_later_write(struct ctx *x, struct gen_later *l, char *msg, size_t msglen)
{
	struct gen_report r = {0};
	struct gen g = {.x = x, .db = x->db, .r = &r};
	msg[0] = '\0';
	tables_build(g.db);
	nct_err e = one_int(&g, "SELECT coalesce(max(id), 0) + 1 FROM persons", &g.next_person);
	(void)db_bulk_begin(g.db);
	if (!e)
		e = db_begin(g.db);
	if (e) {
		(void)db_bulk_end(g.db);
		snprintf(msg, msglen, "%s: %s", nct_err_name(e), db_errmsg(g.db));
		return e;
	}
	e = joiners_put(&g, l);
	if (!e)
		e = deaths_put(&g, l);
	if (!e)
		e = db_sync_ids(g.db, "persons");
	if (!e) /* joiners and leavers of clubs that have rows */
		e = club_facts_fill(g.db, true);
	if (!e) {
		char text[160];
		snprintf(text, sizeof text, "{\"joined\":%lld,\"left\":%lld,\"died\":%lld}",
		         (long long)l->joined, (long long)l->left, (long long)l->died);
		e = audit_write(x, "generate", "gen_later", "members", NULL, text);
	}
	if (!e)
		e = db_commit(g.db);
	else
		db_rollback(g.db);
	(void)db_bulk_end(g.db);
	if (e)
		snprintf(msg, msglen, "%s: %s", nct_err_name(e), db_errmsg(g.db));
	return e;
}

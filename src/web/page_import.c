#include "page_import.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/log.h"
#include "../base/text.h"
#include "../domain/access.h"
#include "../domain/auth.h"
#include "../domain/ctx.h"
#include "../export/person_import.h"
#include "export_routes.h"
#include "html.h"
#include "import_report.h"
#include "multipart.h"
#include "wording.h"

#define REPORT_PAGE 50 /* lines of the dry run's report a page shows */

/* ---- the mapping the page asks for ------------------------------------------ */

/* The overrides of a mapping chosen on the page: column K's select "cK" names
 * a field or "" (not imported); every field the selects do not name is left
 * out ("field=-"). "" when the page did not send a mapping (mapped != 1). */
static void chosen_overrides(struct req *r, char *out, size_t cap)
{
	int col[PF_COUNT];
	char name[24];
	size_t n = 0;
	out[0] = '\0';
	const char *mapped = req_arg(r, "mapped");
	if (!mapped || strcmp(mapped, "1") != 0)
		return;
	for (int f = 0; f < PF_COUNT; f++)
		col[f] = -1;
	for (int k = 0; k < SHEET_MAX_COLS; k++) {
		snprintf(name, sizeof name, "c%d", k);
		int f = person_field_of(req_arg(r, name));
		if (f >= 0 && col[f] < 0)
			col[f] = k;
	}
	for (int f = 0; f < PF_COUNT && n < cap; f++) {
		int w = col[f] >= 0 ? snprintf(out + n, cap - n, "%s%s=%d", n ? "," : "",
		                               person_field_id(f), col[f] + 1)
		                    : snprintf(out + n, cap - n, "%s%s=-", n ? "," : "",
		                               person_field_id(f));
		if (w < 0 || (size_t)w >= cap - n) {
			out[0] = '\0';
			return;
		}
		n += (size_t)w;
	}
}

/* The path of the user's upload token into path; false when it answered (no
 * such upload). */
static bool upload_of(struct req *r, const char *token, char path[512])
{
	if (!person_upload_path(r->x.actor.user_id, token, path, 512) || access(path, R_OK) != 0) {
		resp_domain_error(r, NCT_ERR_NOTFOUND,
		                  tr(r, "Không còn tệp này: hãy tải tệp lên lại.",
		                     "This upload is gone: upload the file again."));
		return false;
	}
	return true;
}

/* ---- dry runs: one per user at a time, the result kept beside the upload ------ */

#define DRY_KEPT        16 /* dry runs' results kept, per server (each up to ~4 MB) */
#define DRY_PER_USER    2  /* of which one user's (their own: they replace only theirs) */
#define DRY_RUNNING_MAX 16 /* users running a dry run at once */
#define DRY_KEY_LEN     (512 + 40)

/* A dry run's result, shared by the cache and the pages being written from it
 * (refs, under dry_lock): a page is written from it outside the lock, and it
 * is freed when the last of them lets it go. */
struct dry_result {
	int refs;
	nct_err e;
	char msg[512];
	struct person_import_report rep;
};

/* A result kept for the user's upload token read with one mapping and default
 * place (key): paging through the review reads it; another mapping, or "check
 * again", runs the dry run once more. */
struct dry {
	bool used;
	int64_t user_id;
	char token[UPLOAD_TOKEN_LEN + 1];
	char key[DRY_KEY_LEN];
	uint64_t used_at; /* a counter: the least recently used is replaced */
	struct dry_result *res;
};
static struct dry drys[DRY_KEPT];
static uint64_t dry_clock;
static int64_t dry_running[DRY_RUNNING_MAX]; /* users running one; 0: free */
static pthread_mutex_t dry_lock = PTHREAD_MUTEX_INITIALIZER;

/* The user's place among those running a dry run; false when they run one
 * already (or too many do). */
static bool dry_begin(int64_t user_id)
{
	pthread_mutex_lock(&dry_lock);
	int k = -1;
	bool mine = false;
	for (int i = 0; i < DRY_RUNNING_MAX; i++) {
		mine |= dry_running[i] == user_id;
		if (!dry_running[i] && k < 0)
			k = i;
	}
	bool ok = !mine && k >= 0;
	if (ok)
		dry_running[k] = user_id;
	pthread_mutex_unlock(&dry_lock);
	return ok;
}

static void dry_end(int64_t user_id)
{
	pthread_mutex_lock(&dry_lock);
	for (int i = 0; i < DRY_RUNNING_MAX; i++)
		if (dry_running[i] == user_id)
			dry_running[i] = 0;
	pthread_mutex_unlock(&dry_lock);
}

static void resp_dry_busy(struct req *r)
{
	resp_retry_after(r, 10);
	resp_error(r, 503, "busy",
	           tr(r,
	              "Bạn đang có một lần kiểm tra tệp khác: hãy đợi nó xong rồi tải lại trang.",
	              "A check of another file of yours is running: wait for it to end, then "
	              "reload the page."));
}

/* The kept result of (user, token, key) under dry_lock, or NULL. */
static struct dry *dry_find(int64_t user_id, const char *token, const char *key)
{
	for (size_t i = 0; i < DRY_KEPT; i++)
		if (drys[i].used && drys[i].user_id == user_id &&
		    strcmp(drys[i].token, token) == 0 && (!key || strcmp(drys[i].key, key) == 0))
			return &drys[i];
	return NULL;
}

/* Lets a result go; under dry_lock. */
static void dry_release(struct dry_result *res)
{
	if (res && --res->refs == 0) {
		person_import_report_free(&res->rep);
		free(res);
	}
}

static void dry_drop(struct dry *d)
{
	dry_release(d->res);
	memset(d, 0, sizeof *d);
}

/* Forgets every result kept of the user's token (written, or gone). */
static void dry_forget(int64_t user_id, const char *token)
{
	pthread_mutex_lock(&dry_lock);
	for (struct dry *d; (d = dry_find(user_id, token, NULL));)
		dry_drop(d);
	pthread_mutex_unlock(&dry_lock);
}

/* The kept result of (user, token, key), held for the caller (dry_let_go), or
 * NULL. */
static struct dry_result *dry_take(int64_t user_id, const char *token, const char *key)
{
	pthread_mutex_lock(&dry_lock);
	struct dry *d = dry_find(user_id, token, key);
	struct dry_result *res = d ? d->res : NULL;
	if (d) {
		d->used_at = ++dry_clock;
		res->refs++;
	}
	pthread_mutex_unlock(&dry_lock);
	return res;
}

static void dry_let_go(struct dry_result *res)
{
	pthread_mutex_lock(&dry_lock);
	dry_release(res);
	pthread_mutex_unlock(&dry_lock);
}

/* The place for a new result of the user's: their least recently used once they
 * hold DRY_PER_USER, else a free place, else the least recently used of a user
 * holding more than one, else of all. Under dry_lock. */
static struct dry *dry_place(int64_t user_id)
{
	struct dry *own = NULL, *free_one = NULL, *many = NULL, *any = NULL;
	int mine = 0, held[DRY_KEPT] = {0};
	for (size_t i = 0; i < DRY_KEPT; i++) {
		struct dry *d = &drys[i];
		if (!d->used) {
			free_one = free_one ? free_one : d;
			continue;
		}
		for (size_t j = 0; j < DRY_KEPT; j++)
			held[i] += drys[j].used && drys[j].user_id == d->user_id;
		if (d->user_id == user_id) {
			mine++;
			if (!own || d->used_at < own->used_at)
				own = d;
		}
		if (held[i] > 1 && (!many || d->used_at < many->used_at))
			many = d;
		if (!any || d->used_at < any->used_at)
			any = d;
	}
	if (mine >= DRY_PER_USER)
		return own;
	return free_one ? free_one : many ? many : any;
}

/* Keeps rep (moved: the caller no longer frees it) as (user, token, key)'s
 * result; returns it held for the caller (dry_let_go), or NULL without
 * memory. An empty key (a place too long to be one) is not kept. */
static struct dry_result *dry_keep(int64_t user_id, const char *token, const char *key, nct_err e,
                                   const char *msg, struct person_import_report *rep)
{
	struct dry_result *res = calloc(1, sizeof *res);
	if (!res) {
		person_import_report_free(rep);
		return NULL;
	}
	res->refs = 1;
	res->e = e;
	text_copy(res->msg, sizeof res->msg, msg);
	res->rep = *rep;
	if (!key[0])
		return res;
	pthread_mutex_lock(&dry_lock);
	struct dry *d = dry_find(user_id, token, key);
	if (!d)
		d = dry_place(user_id);
	dry_drop(d);
	d->used = true;
	d->user_id = user_id;
	text_copy(d->token, sizeof d->token, token);
	text_copy(d->key, sizeof d->key, key);
	d->used_at = ++dry_clock;
	d->res = res;
	res->refs++;
	pthread_mutex_unlock(&dry_lock);
	return res;
}

/* ---- the pages ----------------------------------------------------------------- */

static void upload_form(struct req *r)
{
	html_lit(r, "<form method=\"post\" class=\"card\" enctype=\"multipart/form-data\" "
	            "action=\"/persons/import\">");
	html_csrf(r);
	html_lit(r, "<label>");
	html_text(r, tr(r, "Tệp Excel (.xlsx) hoặc CSV UTF-8", "Excel (.xlsx) or UTF-8 CSV file"));
	html_lit(r, " <input type=\"file\" name=\"file\" required accept=\".xlsx,.csv,text/csv,"
	            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></label>");
	html_field(r,
	           tr(r, "Mã xã cho các dòng không ghi mã xã (không bắt buộc)",
	              "Commune code for rows without one (optional)"),
	           "place", "text", NULL, false);
	html_lit(r, "<p>");
	html_text(r, tr(r,
	                "Dòng tiêu đề tiếng Việt (Họ và tên, Giới tính, Ngày sinh, Số CCCD, Dân "
	                "tộc, Mã xã...) nằm trong 10 dòng đầu; ngày ghi dd/mm/yyyy hoặc chỉ năm. "
	                "Bước sau cho xem cách ghép cột và kiểm tra từng dòng; chưa ghi gì cho "
	                "đến khi bạn bấm ghi.",
	                "A Vietnamese header row (Họ và tên, Giới tính, Ngày sinh, Số CCCD, Dân "
	                "tộc, Mã xã...) within the first 10 rows; dates dd/mm/yyyy or a year. "
	                "The next step shows the column mapping and checks every row; nothing "
	                "is written until you press write."));
	html_lit(r, "</p><button>");
	html_text(r, tr(r, "Tải lên và kiểm tra", "Upload and check"));
	html_lit(r, "</button></form>");
}

void page_persons_import_form(struct req *r)
{
	page_begin(r, tr(r, "Nhập danh sách người cao tuổi", "Import the register"));
	html_lit(r, "<p><a href=\"/persons\">← ");
	html_text(r, tr(r, "Danh sách người cao tuổi", "The register"));
	html_lit(r, "</a></p>");
	upload_form(r);
	page_end(r);
}

void import_uploads_sweep(void)
{
	size_t n = person_upload_sweep(time(NULL), PERSON_UPLOAD_MAX_AGE);
	if (n)
		log_info("removed %zu abandoned import upload(s) older than a day", n);
}

void page_persons_import_upload(struct req *r)
{
	struct multipart mp;
	char token[AUTH_TOKEN_LEN + 1], loc[160];
	if (!access_changes(&r->x)) { /* nothing of theirs is kept on disk */
		resp_refuse(r, NCT_ERR_DENIED, RF_DENIED, NULL);
		return;
	}
	if (!upload_form_read(r, &mp))
		return;
	nct_err e = NCT_OK;
	const struct multipart_part *f = multipart_get(&mp, "file"),
	                            *pl = multipart_get(&mp, "place");
	if (!f || f->len == 0) {
		resp_error(
		    r, 400, "invalid",
		    tr(r, "Hãy chọn một tệp .xlsx hoặc .csv.", "Choose an .xlsx or .csv file."));
		return;
	}
	import_uploads_sweep();
	if ((e = auth_random_token(token)) == NCT_OK) {
		token[UPLOAD_TOKEN_LEN] = '\0';
		e = person_upload_save(r->x.actor.user_id, token, f->data, f->len);
	}
	if (resp_failed(r, e))
		return;
	char place[32] = "";
	if (pl && pl->len < sizeof place && strspn(pl->data, "0123456789") >= pl->len) {
		memcpy(place, pl->data, pl->len);
		place[pl->len] = '\0';
	}
	snprintf(loc, sizeof loc, "/persons/import/%s%s%s", token, place[0] ? "?place=" : "",
	         place);
	resp_redirect(r, loc);
}

static void col_letters(size_t col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", (char)('A' + col));
	else
		snprintf(out, 4, "%c%c", (char)('A' + col / 26 - 1), (char)('A' + col % 26));
}

/* The hidden fields that carry the mapping and the place to the next step. */
static void mapping_hidden(struct req *r, const struct person_mapping *m)
{
	char name[24];
	html_lit(r, "<input type=\"hidden\" name=\"mapped\" value=\"1\">");
	for (size_t c = 0; c < m->ncols; c++)
		for (int f = 0; f < PF_COUNT; f++)
			if (m->col[f] == (int)c) {
				snprintf(name, sizeof name, "c%zu", c);
				html_lit(r, "<input type=\"hidden\" name=\"");
				html_attr(r, name);
				html_lit(r, "\" value=\"");
				html_attr(r, person_field_id(f));
				html_lit(r, "\">");
			}
	const char *place = req_arg(r, "place");
	if (place && place[0]) {
		html_lit(r, "<input type=\"hidden\" name=\"place\" value=\"");
		html_attr(r, place);
		html_lit(r, "\">");
	}
}

/* A select per column of the header, the field it fills chosen. */
static void mapping_form(struct req *r, const char *token, const struct person_import_report *rep)
{
	const struct person_mapping *m = &rep->map;
	char action[96], name[24], letters[4];
	snprintf(action, sizeof action, "/persons/import/%s", token);
	html_lit(r, "<h2 id=\"mapping\">");
	html_text(r, tr(r, "Cách ghép cột", "Column mapping"));
	html_lit(r, "</h2><p>");
	html_text(r, m->source == MAP_REMEMBERED
	                 ? tr(r, "Đã nhớ từ lần nhập trước có cùng dòng tiêu đề.",
	                      "Remembered from an earlier import with the same header row.")
	                 : tr(r, "Đoán từ tên cột.", "Guessed from the column names."));
	html_lit(r, "</p><form method=\"get\" class=\"card mapping\" action=\"");
	html_attr(r, action);
	/* again: the dry run runs once more even with the same mapping */
	html_lit(r, "\"><input type=\"hidden\" name=\"mapped\" value=\"1\">"
	            "<input type=\"hidden\" name=\"again\" value=\"1\">");
	/* what is wrong with the mapping itself (a column missing), at the selects */
	for (size_t i = 0; i < rep->base.issues.n; i++) {
		const struct import_issue *is = import_issue(&rep->base, i);
		char msg[512];
		if (is->line)
			continue;
		import_issue_text(is, r->lang, msg, sizeof msg);
		html_lit(r, "<p class=\"field-error\">");
		html_text(r, msg);
		html_lit(r, "</p>");
	}
	for (size_t c = 0; c < m->ncols; c++) {
		int cur = -1;
		for (int f = 0; f < PF_COUNT; f++)
			if (m->col[f] == (int)c)
				cur = f;
		snprintf(name, sizeof name, "c%zu", c);
		col_letters(c, letters);
		html_lit(r, "<label>");
		html_text(r, tr(r, "Cột ", "Column "));
		html_text(r, letters);
		html_text(r, " «");
		html_text(r, m->headers[c]);
		html_text(r, "»");
		html_lit(r, "<select name=\"");
		html_attr(r, name);
		html_lit(r, "\">");
		html_option(r, "", tr(r, "— không nhập —", "— not imported —"), cur < 0);
		for (int f = 0; f < PF_COUNT; f++)
			html_option(r, person_field_id(f),
			            wording_field(person_field_id(f), r->lang), f == cur);
		html_lit(r, "</select></label>");
	}
	html_field(r,
	           tr(r, "Mã xã cho các dòng không ghi mã xã", "Commune code for rows without one"),
	           "place", "text", req_arg(r, "place"), false);
	html_lit(r, "<button>");
	html_text(r, tr(r, "Kiểm tra lại với cách ghép này", "Check again with this mapping"));
	html_lit(r, "</button></form>");
}

/* The dry run's lines, REPORT_PAGE a page, and the possible duplicates. */
static void report_lines(struct req *r, const char *token, const struct person_import_report *rep)
{
	const struct import_report *b = &rep->base;
	long page = 1;
	const char *pg = req_arg(r, "page");
	if (pg && pg[0])
		page = strtol(pg, NULL, 10);
	size_t pages = (b->issues.n + REPORT_PAGE - 1) / REPORT_PAGE;
	if (page < 1 || (size_t)page > pages)
		page = 1;
	size_t from = (size_t)(page - 1) * REPORT_PAGE;
	size_t to = from + REPORT_PAGE < b->issues.n ? from + REPORT_PAGE : b->issues.n;
	if (b->issues.n) {
		static const char *const heads[][2] = {{"Dòng", "Line"}, {"Lý do", "Reason"}};
		html_lit(r, "<h2 id=\"report\">");
		html_text(r, tr(r, "Các dòng bị từ chối", "Rows refused"));
		html_lit(r, "</h2>");
		html_table_open(r, "reasons", heads, 2, 0);
		import_issue_rows(r, b, from, to);
		html_table_close(r);
		if (rep->refused > b->issues.n) {
			html_lit(r, "<p>");
			html_int(r, (int64_t)(rep->refused - b->issues.n));
			html_text(r, tr(r, " dòng bị từ chối nữa không liệt kê.",
			                " more rows refused, not listed."));
			html_lit(r, "</p>");
		}
	}
	if (pages > 1) {
		html_lit(r, "<p class=\"pager\">");
		for (int k = 0; k < 2; k++) {
			long to_page = k == 0 ? page - 1 : page + 1;
			if (to_page < 1 || (size_t)to_page > pages)
				continue;
			html_lit(r, "<a href=\"/persons/import/");
			html_attr(r, token);
			html_lit(r, "?page=");
			html_int(r, to_page);
			for (size_t c = 0; c < rep->map.ncols; c++) {
				char name[24];
				snprintf(name, sizeof name, "c%zu", c);
				if (req_arg(r, name)) {
					html_f(r, "&amp;%s=", name);
					html_urlpart(r, req_arg(r, name));
				}
			}
			static const char *const keep[] = {"mapped", "place"};
			for (size_t i = 0; i < 2; i++)
				if (req_arg(r, keep[i])) {
					html_f(r, "&amp;%s=", keep[i]);
					html_urlpart(r, req_arg(r, keep[i]));
				}
			html_f(r, "#report\">%s</a> ", html_pager_word(r, k == 1));
		}
		html_lit(r, "</p>");
	}
	if (rep->ndups) {
		html_lit(r, "<h2>");
		html_text(r,
		          tr(r, "Có thể trùng (hãy xem lại; gộp hồ sơ nếu là một người)",
		             "Possible duplicates (check them; merge the records of one person)"));
		html_lit(r, "</h2><ul>");
		for (size_t i = 0; i < rep->dups.n && i < REPORT_PAGE; i++) {
			const struct person_dup *d = vec_at(&rep->dups, const struct person_dup, i);
			html_lit(r, "<li>");
			html_text(r, tr(r, "Dòng ", "Row "));
			html_int(r, (int64_t)d->line);
			if (d->other_line) {
				html_text(r, tr(r, ": cùng tên, năm sinh và nơi ở với dòng ",
				                ": same name, birth year and place as row "));
				html_int(r, (int64_t)d->other_line);
			} else if (d->person_id) {
				html_text(r, d->same_id
				                 ? tr(r, ": cùng số định danh với ",
				                      ": the same citizen ID as ")
				                 : tr(r, ": cùng tên, năm sinh và xã với ",
				                      ": same name, birth year and commune as "));
				html_f(r, "<a href=\"/persons/%lld\">%s%lld</a>",
				       (long long)d->person_id, tr(r, "người số ", "person "),
				       (long long)d->person_id);
			} else {
				html_text(r, tr(r, ": trùng với người ngoài phạm vi của bạn",
				                ": the same as people outside your scope"));
			}
			html_lit(r, "</li>");
		}
		html_lit(r, "</ul>");
	}
}

/* The review of a dry run's result: the mapping, the refused rows a page at a
 * time, and the write when every row was accepted. */
static void review_page(struct req *r, const char *token, const struct dry_result *d)
{
	const struct person_import_report *rep = &d->rep;
	char summary[512], action[96];
	nct_err e = d->e;
	r->status = e ? resp_status(e) : 200;
	page_begin(r,
	           tr(r, "Nhập danh sách người cao tuổi: kiểm tra", "Import the register: check"));
	html_lit(r, "<p><a href=\"/persons/import\">← ");
	html_text(r, tr(r, "Tải tệp khác", "Upload another file"));
	html_lit(r, "</a></p>");
	person_import_summary(rep, r->lang, summary, sizeof summary);
	if (d->msg[0])
		html_notice(r, "error", d->msg);
	html_notice(r, e ? "error" : "ok", summary);
	if (rep->map.ncols)
		mapping_form(r, token, rep);
	report_lines(r, token, rep);
	if (!e) {
		snprintf(action, sizeof action, "/persons/import/%s/write", token);
		html_form_post(r, action, "card", NULL);
		mapping_hidden(r, &rep->map);
		html_lit(r, "<p>");
		html_int(r, (int64_t)(rep->base.rows - rep->base.existing));
		html_text(r, tr(r, " người sẽ được ghi vào sổ (", " people will be recorded ("));
		html_int(r, (int64_t)rep->base.existing);
		html_text(r, tr(r, " người đã có, không ghi lại). Ghi tất cả hoặc không ghi gì.",
		                " recorded already, not again). All or nothing."));
		html_lit(r, "</p><button>");
		html_text(r, tr(r, "Ghi vào sổ", "Write to the register"));
		html_lit(r, "</button>");
		html_form_end(r);
	}
	page_end(r);
}

void page_persons_import_review(struct req *r)
{
	const char *token = r->params[0];
	const char *place = req_arg(r, "place"), *again = req_arg(r, "again");
	char path[512], over[512], key[DRY_KEY_LEN], msg[512] = "";
	int64_t uid = r->x.actor.user_id;
	if (!upload_of(r, token, path))
		return;
	chosen_overrides(r, over, sizeof over);
	int kn = snprintf(key, sizeof key, "%s|%s", over, place ? place : "");
	bool keyed = kn > 0 && (size_t)kn < sizeof key; /* a place too long for a key: not kept */
	bool fresh = !keyed || (again && strcmp(again, "1") == 0);
	struct dry_result *d = fresh ? NULL : dry_take(uid, token, key);
	if (d) { /* another page of the same dry run */
		review_page(r, token, d);
		dry_let_go(d);
		return;
	}
	if (!dry_begin(uid)) {
		resp_dry_busy(r);
		return;
	}
	struct person_import_report rep;
	struct person_import_opts o = {true, place && place[0] ? place : NULL,
	                               over[0] ? over : NULL, NULL, NULL};
	nct_err e = persons_import_path(&r->x, path, &o, &rep, msg, sizeof msg);
	dry_end(uid);
	if (e && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG && e != NCT_ERR_CONFLICT) {
		person_import_report_free(&rep);
		resp_domain_error(r, e, msg[0] ? msg : NULL);
		return;
	}
	if (!(d = dry_keep(uid, token, keyed ? key : "", e, msg, &rep))) {
		resp_domain_error(r, NCT_ERR_NOMEM, NULL);
		return;
	}
	review_page(r, token, d);
	dry_let_go(d);
}

/* ---- the write: a job in the server, its progress on a page that reloads itself ---- */

#define JOBS_MAX         8 /* writes remembered (their results), per server */
#define JOBS_RUNNING_MAX 1 /* writes at once: each holds a store connection */

struct job {
	bool used, running;
	int64_t user_id;
	char token[UPLOAD_TOKEN_LEN + 1];
	struct user user; /* who asked: the job acts as them */
	struct ctx_pool *pool;
	char addr[64];
	char place[32], over[512];
	/* progress, under jobs_lock */
	int pass;
	uint64_t done, total;
	/* the result, once done */
	nct_err result;
	size_t rows, created, existing, refused;
	char summary[2][512]; /* vi, en */
	char msg[512];
};

static struct job jobs[JOBS_MAX];
static int jobs_running;
static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jobs_idle = PTHREAD_COND_INITIALIZER;

void import_jobs_drain(void)
{
	pthread_mutex_lock(&jobs_lock);
	while (jobs_running > 0)
		pthread_cond_wait(&jobs_idle, &jobs_lock);
	pthread_mutex_unlock(&jobs_lock);
}

/* A writer's place (a page's job or an API write), within JOBS_RUNNING_MAX;
 * false when every place is taken. */
static bool writer_take(void)
{
	pthread_mutex_lock(&jobs_lock);
	bool ok = jobs_running < JOBS_RUNNING_MAX;
	if (ok)
		jobs_running++;
	pthread_mutex_unlock(&jobs_lock);
	return ok;
}

static void writer_give(void)
{
	pthread_mutex_lock(&jobs_lock);
	jobs_running--;
	pthread_cond_broadcast(&jobs_idle);
	pthread_mutex_unlock(&jobs_lock);
}

#define BUSY_RETRY_SECONDS 30

/* 503 while another import is written, with when to try again. */
static void resp_busy(struct req *r)
{
	resp_retry_after(r, BUSY_RETRY_SECONDS);
	resp_error(r, 503, "busy",
	           tr(r, "Đang có một lần nhập khác được ghi: hãy thử lại sau ít phút.",
	              "Another import is being written: try again in a few minutes."));
}

static void job_progress(void *arg, int pass, uint64_t done, uint64_t total)
{
	struct job *j = arg;
	pthread_mutex_lock(&jobs_lock);
	j->pass = pass;
	j->done = done;
	j->total = total;
	pthread_mutex_unlock(&jobs_lock);
}

static void *job_run(void *arg)
{
	struct job *j = arg;
	struct ctx x;
	struct person_import_report rep;
	char path[512], msg[512] = "";
	bool have_rep = false;
	nct_err e = ctx_pool_acquire(j->pool, j->addr, &x);
	if (!e) {
		e = ctx_bind_user(&x, &j->user);
		if (!e && !person_upload_path(j->user_id, j->token, path, sizeof path))
			e = NCT_ERR_NOTFOUND;
		if (!e) {
			struct person_import_opts o = {false, j->place[0] ? j->place : NULL,
			                               j->over[0] ? j->over : NULL, job_progress,
			                               j};
			e = persons_import_path(&x, path, &o, &rep, msg, sizeof msg);
			have_rep = true;
		}
		ctx_pool_release(j->pool, &x);
	}
	if (!e) {
		person_upload_drop(j->user_id, j->token);
		dry_forget(j->user_id, j->token);
	}
	pthread_mutex_lock(&jobs_lock);
	j->result = e;
	text_copy(j->msg, sizeof j->msg, msg);
	if (have_rep) {
		j->rows = rep.base.rows;
		j->created = rep.base.created;
		j->existing = rep.base.existing;
		j->refused = rep.refused;
		person_import_summary(&rep, "vi", j->summary[0], sizeof j->summary[0]);
		person_import_summary(&rep, "en", j->summary[1], sizeof j->summary[1]);
	} else {
		snprintf(j->summary[0], sizeof j->summary[0], "%s",
		         "Không ghi được: dữ liệu không sẵn sàng. Hãy thử lại.");
		snprintf(j->summary[1], sizeof j->summary[1], "%s",
		         "Not written: the store is not available. Try again.");
	}
	j->running = false;
	jobs_running--;
	pthread_cond_broadcast(&jobs_idle);
	pthread_mutex_unlock(&jobs_lock);
	if (have_rep)
		person_import_report_free(&rep);
	return NULL;
}

/* The job of the user's token (under jobs_lock), or NULL. */
static struct job *job_find(int64_t user_id, const char *token)
{
	for (size_t i = 0; i < JOBS_MAX; i++)
		if (jobs[i].used && jobs[i].user_id == user_id && strcmp(jobs[i].token, token) == 0)
			return &jobs[i];
	return NULL;
}

/* Starts the write of the user's upload token as a job; NCT_ERR_TOOMANY
 * while another runs (or every slot does). */
static nct_err job_start(struct req *r, const char *token)
{
	char over[512];
	const char *place = req_arg(r, "place");
	chosen_overrides(r, over, sizeof over);
	pthread_mutex_lock(&jobs_lock);
	struct job *j = job_find(r->x.actor.user_id, token);
	nct_err e = NCT_OK;
	if (j && j->running) {
		pthread_mutex_unlock(&jobs_lock);
		return NCT_OK; /* asked twice: the one running answers */
	}
	if (jobs_running >= JOBS_RUNNING_MAX)
		e = NCT_ERR_TOOMANY;
	for (size_t i = 0; !e && !j && i < JOBS_MAX; i++)
		if (!jobs[i].used)
			j = &jobs[i];
	for (size_t i = 0; !e && !j && i < JOBS_MAX; i++)
		if (!jobs[i].running)
			j = &jobs[i]; /* the result of an older write is forgotten */
	if (!e && !j)
		e = NCT_ERR_TOOMANY;
	if (!e) {
		memset(j, 0, sizeof *j);
		j->used = j->running = true;
		j->user_id = r->x.actor.user_id;
		text_copy(j->token, sizeof j->token, token);
		j->user = r->sess.user;
		j->pool = r->pool;
		text_copy(j->addr, sizeof j->addr, r->addr ? r->addr : "");
		text_copy(j->place, sizeof j->place, place ? place : "");
		text_copy(j->over, sizeof j->over, over);
		pthread_t t;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &at, job_run, j) != 0) {
			j->used = j->running = false;
			e = NCT_ERR_NOMEM;
		} else {
			jobs_running++;
		}
		pthread_attr_destroy(&at);
	}
	pthread_mutex_unlock(&jobs_lock);
	return e;
}

void page_persons_import_write(struct req *r)
{
	const char *token = r->params[0];
	char path[512], loc[128];
	if (!person_upload_path(r->x.actor.user_id, token, path, sizeof path) ||
	    access(path, R_OK) != 0) {
		resp_domain_error(r, NCT_ERR_NOTFOUND,
		                  tr(r, "Không còn tệp này: hãy tải tệp lên lại.",
		                     "This upload is gone: upload the file again."));
		return;
	}
	nct_err e = job_start(r, token);
	if (e == NCT_ERR_TOOMANY) {
		resp_busy(r);
		return;
	}
	if (resp_failed(r, e))
		return;
	snprintf(loc, sizeof loc, "/persons/import/%s/progress", token);
	resp_redirect(r, loc);
}

/* A copy of the user's job of the path's token; false (answered 404) when none. */
static bool job_of(struct req *r, struct job *out)
{
	pthread_mutex_lock(&jobs_lock);
	struct job *j = job_find(r->x.actor.user_id, r->params[0]);
	if (j)
		*out = *j;
	pthread_mutex_unlock(&jobs_lock);
	if (!j)
		resp_domain_error(r, NCT_ERR_NOTFOUND,
		                  tr(r, "Không có lần nhập này.", "There is no such import."));
	return j != NULL;
}

static int job_percent(const struct job *j)
{
	return j->total ? (int)(j->done * 100 / j->total) : 0;
}

void page_persons_import_progress(struct req *r)
{
	struct job j;
	if (!job_of(r, &j))
		return;
	bool en = strcmp(r->lang, "en") == 0;
	if (j.running)
		resp_header(r, "Refresh", "2"); /* the page reloads itself, without JavaScript */
	r->status = j.running || !j.result ? 200 : resp_status(j.result);
	page_begin(
	    r, tr(r, "Nhập danh sách người cao tuổi: ghi vào sổ", "Import the register: writing"));
	if (j.running) {
		int pct = job_percent(&j);
		html_lit(r, "<div role=\"status\"><p>");
		html_text(r, j.pass == 2 ? tr(r, "Đang ghi (bước 2/2): ", "Writing (step 2 of 2): ")
		                         : tr(r, "Đang kiểm tra lại (bước 1/2): ",
		                              "Checking again (step 1 of 2): "));
		html_int(r, pct);
		html_text(r, tr(r,
		                " % của tệp. Trang tự tải lại; có thể đóng trang, việc ghi vẫn "
		                "tiếp tục.",
		                " % of the file. The page reloads itself; you may close it, the "
		                "write goes on."));
		html_lit(r, "</p><progress max=\"100\" value=\"");
		html_int(r, pct);
		html_lit(r, "\" aria-label=\"");
		html_attr(r, tr(r, "Tiến độ", "Progress"));
		html_lit(r, "\">");
		html_int(r, pct);
		html_lit(r, " %</progress></div>");
	} else {
		if (j.msg[0])
			html_notice(r, "error", j.msg);
		html_notice(r, j.result ? "error" : "ok", j.summary[en]);
		html_lit(r, "<p><a class=\"button\" href=\"/persons");
		if (j.place[0]) {
			html_lit(r, "?place=");
			html_urlpart(r, j.place);
		}
		html_f(r, "\">%s</a>", tr(r, "Xem danh sách người cao tuổi", "See the register"));
		if (j.result) {
			html_f(r, " <a href=\"/persons/import/%s\">%s</a>", j.token,
			       tr(r, "Kiểm tra lại", "Check again"));
		}
		html_lit(r, "</p>");
	}
	page_end(r);
}

void page_persons_import_progress_json(struct req *r)
{
	struct job j;
	if (!job_of(r, &j))
		return;
	bool en = strcmp(r->lang, "en") == 0;
	json_t *o = json_pack("{s:s, s:i, s:I, s:I, s:i}", "state", j.running ? "running" : "done",
	                      "pass", j.pass, "bytes_done", (json_int_t)j.done, "bytes_total",
	                      (json_int_t)j.total, "percent", job_percent(&j));
	if (o && !j.running) {
		json_object_set_new(o, "written", json_boolean(!j.result));
		json_object_set_new(o, "rows", json_integer((json_int_t)j.rows));
		json_object_set_new(o, "created", json_integer((json_int_t)j.created));
		json_object_set_new(o, "existing", json_integer((json_int_t)j.existing));
		json_object_set_new(o, "refused", json_integer((json_int_t)j.refused));
		json_object_set_new(o, "summary", json_string(j.summary[en]));
	}
	resp_json(r, 200, o);
}

/* ---- the API --------------------------------------------------------------------- */

/* The API's import of the body, a writer's place taken when not a dry run. */
static void api_import_file(struct req *r, bool is_dry)
{
	char token[AUTH_TOKEN_LEN + 1], path[512], msg[512], summary[512];
	struct person_import_report rep;
	const char *place = req_arg(r, "place"), *map = req_arg(r, "map");
	import_uploads_sweep();
	nct_err e = auth_random_token(token);
	if (!e) {
		token[UPLOAD_TOKEN_LEN] = '\0';
		e = person_upload_save(r->x.actor.user_id, token, r->body, r->body_len);
	}
	if (!e && !person_upload_path(r->x.actor.user_id, token, path, sizeof path))
		e = NCT_ERR_INVALID;
	if (resp_failed(r, e))
		return;
	struct person_import_opts o = {is_dry, place && place[0] ? place : NULL,
	                               map && map[0] ? map : NULL, NULL, NULL};
	e = persons_import_path(&r->x, path, &o, &rep, msg, sizeof msg);
	person_upload_drop(r->x.actor.user_id, token);
	if (e && e != NCT_ERR_INVALID && e != NCT_ERR_TOOBIG && e != NCT_ERR_CONFLICT) {
		person_import_report_free(&rep);
		resp_domain_error(r, e, msg[0] ? msg : NULL);
		return;
	}
	json_t *j = person_import_json(NULL, &rep, r->lang);
	person_import_summary(&rep, r->lang, summary, sizeof summary);
	if (j && e)
		json_object_set_new(j, "error",
		                    json_pack("{s:s, s:s}", "code",
		                              e == NCT_ERR_TOOBIG     ? "too_large"
		                              : e == NCT_ERR_CONFLICT ? "conflict"
		                                                      : "invalid_rows",
		                              "message", msg[0] ? msg : summary));
	person_import_report_free(&rep);
	resp_json(r,
	          !e                      ? (is_dry ? 200 : 201)
	          : e == NCT_ERR_TOOBIG   ? 413
	          : e == NCT_ERR_CONFLICT ? 409
	                                  : 422,
	          j);
}

void api_persons_import(struct req *r)
{
	if (!access_changes(&r->x)) { /* nothing of theirs is kept on disk */
		resp_refuse(r, NCT_ERR_DENIED, RF_DENIED, NULL);
		return;
	}
	if (!upload_type_ok(r->content_type)) {
		resp_error(r, 415, "unsupported_media_type",
		           "send the file as the body, with Content-Type text/csv or "
		           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		return;
	}
	const char *dry = req_arg(r, "dry_run");
	bool is_dry = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
	if (!is_dry && !writer_take()) { /* one write at a time, as the page's job */
		resp_busy(r);
		return;
	}
	if (is_dry && !dry_begin(r->x.actor.user_id)) { /* one dry run a user, as the page's */
		resp_dry_busy(r);
		return;
	}
	api_import_file(r, is_dry);
	if (!is_dry)
		writer_give();
	else
		dry_end(r->x.actor.user_id);
}

/* report_doc.c - the compiled report as DOCX and XLSX (report_doc.h). */
#include "report_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unistd.h>
#include <zip.h>

#include "../base/text.h"
#include "csvout.h"
#include "xlsx.h"

/* ------------------------------------------------------------- words */

static const char *item_status_vi(const char *s)
{
	if (strcmp(s, "done") == 0)
		return "Đã hoàn thành";
	if (strcmp(s, "in_progress") == 0)
		return "Đang thực hiện";
	return "Chưa thực hiện";
}

static const char *period_words(const char *period, char *out, size_t len)
{
	size_t n = strlen(period);
	if (n > 2 && period[n - 2] == 'S')
		snprintf(out, len, "6 tháng đầu năm %.*s", (int)(n - 2), period);
	else
		snprintf(out, len, "năm %s", period);
	return out;
}

/* s in capitals (Vietnamese rules), into out; s itself when ICU cannot. */
static const char *upper_vi(const char *s, char *out, int32_t len)
{
	UChar u[512], up[512];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0, m = 0, k = 0;
	u_strFromUTF8(u, 512, &n, s, -1, &err);
	if (U_SUCCESS(err))
		m = u_strToUpper(up, 512, u, n, "vi", &err);
	if (U_SUCCESS(err))
		u_strToUTF8(out, len, &k, up, m, &err);
	if (U_FAILURE(err) || k >= len)
		return s;
	out[k] = '\0';
	return out;
}

/* The place of the date line: the receiver's province without its level
 * word ("Tỉnh Kon Tum" -> "Kon Tum"). */
static const char *place_word(const char *name)
{
	static const char *const words[] = {"Tỉnh ", "Thành phố ", NULL};
	for (size_t i = 0; words[i]; i++)
		if (strncmp(name, words[i], strlen(words[i])) == 0)
			return name + strlen(words[i]);
	return name;
}

/* ------------------------------------------------------------- WordprocessingML */

static void x_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else if ((unsigned char)*s < 0x20 && *s != '\t')
			buf_addc(b, ' '); /* XML 1.0 has no other control characters */
		else
			buf_addc(b, *s);
	}
}

enum { BOLD = 1, ITALIC = 2, CENTER = 4, RIGHT = 8, JUSTIFY = 16, UNDERLINE = 32 };

/* A run of text with its size in half points (0: the default 28, 14 pt). */
static void run(struct buf *b, const char *text, int fmt, int size)
{
	buf_adds(b, "<w:r><w:rPr>");
	if (fmt & BOLD)
		buf_adds(b, "<w:b/>");
	if (fmt & ITALIC)
		buf_adds(b, "<w:i/>");
	if (fmt & UNDERLINE)
		buf_adds(b, "<w:u w:val=\"single\"/>");
	if (size)
		buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size, size);
	buf_adds(b, "</w:rPr><w:t xml:space=\"preserve\">");
	x_text(b, text);
	buf_adds(b, "</w:t></w:r>");
}

static void para_open(struct buf *b, int fmt, bool indent)
{
	buf_adds(b, "<w:p><w:pPr><w:spacing w:before=\"60\" w:after=\"60\"/>");
	if (indent)
		buf_adds(b, "<w:ind w:firstLine=\"567\"/>");
	if (fmt & CENTER)
		buf_adds(b, "<w:jc w:val=\"center\"/>");
	else if (fmt & RIGHT)
		buf_adds(b, "<w:jc w:val=\"right\"/>");
	else if (fmt & JUSTIFY)
		buf_adds(b, "<w:jc w:val=\"both\"/>");
	buf_adds(b, "</w:pPr>");
}

static void para(struct buf *b, const char *text, int fmt, int size, bool indent)
{
	para_open(b, fmt, indent);
	run(b, text, fmt, size);
	buf_adds(b, "</w:p>");
}

/* A table: widths in twips; borders when lines. */
static void table_open_x(struct buf *b, const int *widths, size_t n, bool lines)
{
	buf_adds(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>");
	if (lines)
		buf_adds(
		    b,
		    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" "
		    "w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" "
		    "w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV "
		    "w:val=\"single\" w:sz=\"4\"/></w:tblBorders>");
	buf_adds(b, "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	buf_adds(b, "</w:tblGrid>");
}

static void cell_x(struct buf *b, int width, const char *text, int fmt, int size)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
	para(b, text, fmt, size, false);
	buf_adds(b, "</w:tc>");
}

static void number_text(int64_t v, bool share, bool has, char *out, size_t len)
{
	if (!has)
		snprintf(out, len, "–");
	else if (share)
		snprintf(out, len, "%lld,%lld%%", (long long)(v / 10), (long long)(v % 10));
	else
		snprintf(out, len, "%lld", (long long)v);
}

static void target_text(const struct indicator *d, char *out, size_t len)
{
	char lo[32], hi[32];
	if (!d->has_target) {
		snprintf(out, len, "–");
		return;
	}
	number_text(d->target.min, d->share, d->target.min >= 0, lo, sizeof lo);
	number_text(d->target.max, d->share, d->target.max >= 0, hi, sizeof hi);
	if (d->target.min >= 0 && d->target.max >= 0 && d->target.min != d->target.max)
		snprintf(out, len, "%s – %s", lo, hi);
	else if (d->target.min >= 0 && d->target.max < 0)
		snprintf(out, len, "≥ %s", lo);
	else if (d->target.min < 0)
		snprintf(out, len, "≤ %s", hi);
	else
		snprintf(out, len, "%s", lo);
}

static void header_block(struct buf *b, const struct compiled_report *r)
{
	static const int w[] = {3969, 5387}; /* 70 mm and 95 mm of the 165 mm text width */
	char up1[600], up2[600], line[1024], date[DATE_LEN];
	table_open_x(b, w, 2, false);
	buf_adds(b, "<w:tr>");
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[0]);
	if (r->has_superior)
		para(b, upper_vi(r->superior.name, up1, sizeof up1), CENTER, 26, false);
	para(b, upper_vi(r->receiver.name, up2, sizeof up2), CENTER | BOLD, 26, false);
	snprintf(line, sizeof line, "Số:      /BC-%s", r->receiver.code);
	para(b, line, CENTER, 26, false);
	buf_adds(b, "</w:tc>");
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[1]);
	para(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CENTER | BOLD, 26, false);
	para(b, "Độc lập - Tự do - Hạnh phúc", CENTER | BOLD | UNDERLINE, 28, false);
	text_copy(date, sizeof date, r->date);
	snprintf(line, sizeof line, "%s, ngày %.2s tháng %.2s năm %.4s",
	         place_word(r->receiver.place_name), date + 8, date + 5, date);
	para(b, line, CENTER | ITALIC, 28, false);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
}

static void title_block(struct buf *b, const struct compiled_report *r)
{
	char line[2 * PLAN_TITLE_LEN + 800], pw[64];
	para(b, "", 0, 0, false);
	para(b, "BÁO CÁO", CENTER | BOLD, 28, false);
	snprintf(line, sizeof line, "Kết quả thực hiện %s%s%s, %s",
	         r->plan.code[0] ? "Kế hoạch số " : "",
	         r->plan.code[0] ? r->plan.code : r->plan.title, r->plan.code[0] ? "" : "",
	         period_words(r->comp.period.period, pw, sizeof pw));
	para(b, line, CENTER | BOLD, 28, false);
	para(b, "________", CENTER, 0, false);
	snprintf(line, sizeof line,
	         "Thực hiện %s%s%s %s, %s tổng hợp báo cáo kết quả thực hiện %s như sau:",
	         r->plan.code[0] ? "Kế hoạch số " : "", r->plan.code, r->plan.code[0] ? " về" : "",
	         r->plan.title, r->receiver.name,
	         period_words(r->comp.period.period, pw, sizeof pw));
	para(b, line, JUSTIFY, 0, true);
}

static void body_by_area(struct buf *b, const struct compiled_report *r)
{
	char line[PLAN_TITLE_LEN + 800];
	para(b, "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", BOLD, 0, true);
	for (size_t s = 0; s < r->nsections; s++) {
		snprintf(line, sizeof line, "%s. %s", r->sections[s].code, r->sections[s].heading);
		para(b, line, BOLD, 0, true);
		for (size_t i = 0; i < r->nitems; i++) {
			const struct plan_item *it = &r->items[i];
			if (it->section_id != r->sections[s].id)
				continue;
			para_open(b, JUSTIFY, true);
			snprintf(line, sizeof line, "%d. ", it->n);
			run(b, line, ITALIC, 0);
			run(b, it->text, ITALIC, 0);
			buf_adds(b, "</w:p>");
			bool any = false;
			for (size_t k = 0; k < r->nentries; k++) {
				const struct report_entry *e = &r->entries[k];
				if (e->item_id != it->id)
					continue;
				any = true;
				para_open(b, JUSTIFY, true);
				snprintf(line, sizeof line, "- %s: ", e->unit_name);
				run(b, line, BOLD, 0);
				run(b, item_status_vi(e->status), 0, 0);
				if (e->progress[0]) {
					run(b, ". ", 0, 0);
					run(b, e->progress, 0, 0);
				}
				buf_adds(b, "</w:p>");
			}
			if (!any && it->nlead)
				para(b, "- Chưa có đơn vị chủ trì báo cáo.", 0, 0, true);
		}
	}
}

/* Whether the report lists figure i: the clubs' indicators of a plan that
 * defines them (one with a number), the register's figures its reports gave. */
static bool carried(const struct compiled_report *r, int i)
{
	return i < IND_COUNT ? !r->roll.ind[i].extra && r->roll.plan[0] : r->roll.whole.has[i];
}

static void indicator_table(struct buf *b, const struct compiled_report *r)
{
	static const int w[] = {567, 4252, 1701, 1417, 1417};
	char v[96], t[160], n[16];
	para(b, "II. KẾT QUẢ CÁC CHỈ TIÊU", BOLD, 0, true);
	if (!r->has_rollup) {
		para(b, "Kỳ này chưa có số liệu chỉ tiêu do các đơn vị báo cáo.", 0, 0, true);
		return;
	}
	table_open_x(b, w, 5, true);
	buf_adds(b, "<w:tr>");
	cell_x(b, w[0], "TT", CENTER | BOLD, 26);
	cell_x(b, w[1], "Chỉ tiêu", CENTER | BOLD, 26);
	cell_x(b, w[2], "Mục tiêu", CENTER | BOLD, 26);
	cell_x(b, w[3], "Kết quả", CENTER | BOLD, 26);
	cell_x(b, w[4], "Đánh giá", CENTER | BOLD, 26);
	buf_adds(b, "</w:tr>");
	int k = 0;
	for (int i = 0; i < FIGURE_COUNT; i++) {
		const struct indicator *d = &r->roll.ind[i];
		if (!carried(r, i))
			continue;
		snprintf(n, sizeof n, "%d", ++k);
		number_text(r->roll.whole.value[i], d->share, r->roll.whole.has[i], v, sizeof v);
		target_text(d, t, sizeof t);
		buf_adds(b, "<w:tr>");
		cell_x(b, w[0], n, CENTER, 26);
		cell_x(b, w[1], d->vi, 0, 26);
		cell_x(b, w[2], t, CENTER, 26);
		cell_x(b, w[3], v, CENTER, 26);
		cell_x(b, w[4],
		       !d->has_target || !r->roll.whole.has[i] ? ""
		       : d->met                                ? "Đạt"
		                                               : "Chưa đạt",
		       CENTER, 26);
		buf_adds(b, "</w:tr>");
	}
	buf_adds(b, "</w:tbl>");
	snprintf(v, sizeof v, "%zu/%zu", r->roll.whole.reported, r->roll.whole.expected);
	char line[1024];
	snprintf(line, sizeof line,
	         "Số liệu tổng hợp từ báo cáo của %s đơn vị có địa bàn; tỷ lệ là bình quân tỷ lệ "
	         "của các đơn vị.",
	         v);
	para(b, line, ITALIC, 26, true);
}

static void reporters_part(struct buf *b, const struct compiled_report *r)
{
	char line[1024];
	const struct completeness *c = &r->comp;
	para(b, "III. TÌNH HÌNH GỬI BÁO CÁO", BOLD, 0, true);
	snprintf(
	    line, sizeof line,
	    "Số đơn vị phải báo cáo: %zu; đã gửi: %zu (đúng hạn %zu, trễ hạn %zu); chưa gửi: %zu.",
	    c->expected, c->submitted, c->on_time, c->late, c->missing);
	para(b, line, JUSTIFY, 0, true);
	for (size_t i = 0; i < c->nrows; i++) {
		if (c->rows[i].days_late >= 0)
			continue;
		snprintf(line, sizeof line, "- Chưa gửi: %s.", c->rows[i].r.name);
		para(b, line, 0, 0, true);
	}
}

static void closing(struct buf *b, const struct compiled_report *r)
{
	static const int w[] = {4536, 4820};
	char line[1024], up[600];
	para(b, "", 0, 0, false);
	snprintf(line, sizeof line, "Trên đây là báo cáo kết quả thực hiện của %s./.",
	         r->receiver.name);
	para(b, line, JUSTIFY, 0, true);
	table_open_x(b, w, 2, false);
	buf_adds(b, "<w:tr>");
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[0]);
	para(b, "Nơi nhận:", BOLD | ITALIC, 24, false);
	if (r->has_superior) {
		snprintf(line, sizeof line, "- %s;", r->superior.name);
		para(b, line, 0, 22, false);
	}
	para(b, "- Lưu: VT.", 0, 22, false);
	buf_adds(b, "</w:tc>");
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w[1]);
	para(b, upper_vi("Thủ trưởng cơ quan", up, sizeof up), CENTER | BOLD, 28, false);
	para(b, "(Ký, ghi rõ họ tên, đóng dấu)", CENTER | ITALIC, 26, false);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "</Types>";

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";

/* Times New Roman 14 pt throughout (Decree 30: 13-14), single spacing. */
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "</w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "</w:style></w:styles>";

static nct_err document_xml(const struct compiled_report *r, struct buf *b)
{
	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
	            "main\"><w:body>");
	header_block(b, r);
	title_block(b, r);
	body_by_area(b, r);
	indicator_table(b, r);
	reporters_part(b, r);
	closing(b, r);
	/* A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 20 mm */
	buf_adds(b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
	            "w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
	            "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
	return buf_failed(b);
}

static nct_err add_part(zip_t *z, const char *name, const char *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, data, len, 0);
	if (!s)
		return NCT_ERR_IO;
	if (zip_file_add(z, name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(s);
		return NCT_ERR_IO;
	}
	return NCT_OK;
}

nct_err report_docx_write(const struct compiled_report *r, const char *path)
{
	struct buf doc;
	buf_init(&doc, REPORT_DOC_MAX);
	nct_err e = document_xml(r, &doc);
	int ze = 0;
	zip_t *z = e ? NULL : zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!e && !z)
		e = NCT_ERR_IO;
	if (!e)
		e = add_part(z, "[Content_Types].xml", content_types, strlen(content_types));
	if (!e)
		e = add_part(z, "_rels/.rels", rels, strlen(rels));
	if (!e)
		e = add_part(z, "word/_rels/document.xml.rels", doc_rels, strlen(doc_rels));
	if (!e)
		e = add_part(z, "word/styles.xml", styles, strlen(styles));
	if (!e)
		e = add_part(z, "word/document.xml", buf_str(&doc), doc.len);
	if (z) {
		if (e)
			zip_discard(z);
		else if (zip_close(z) != 0) {
			zip_discard(z);
			e = NCT_ERR_IO;
		}
	}
	buf_free(&doc);
	return e;
}

nct_err report_docx_buf(const struct compiled_report *r, struct buf *out)
{
	const char *dir = getenv("TMPDIR");
	char tpl[512];
	snprintf(tpl, sizeof tpl, "%s/nct-report-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(tpl);
	if (fd < 0)
		return NCT_ERR_IO;
	close(fd);
	nct_err e = report_docx_write(r, tpl);
	FILE *f = e ? NULL : fopen(tpl, "rb");
	if (!e && !f)
		e = NCT_ERR_IO;
	char chunk[8192];
	size_t n;
	while (f && !e && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		e = buf_add(out, chunk, n);
	if (f)
		fclose(f);
	unlink(tpl);
	return e;
}

/* ------------------------------------------------------------- XLSX */

static const struct table_col ind_cols[] = {
    {"indicator", "Chỉ tiêu", COL_TEXT, 50},
    {"unit", "Đơn vị tính", COL_TEXT, 14},
    {"target_min", "Mục tiêu tối thiểu", COL_INT, 0},
    {"target_max", "Mục tiêu tối đa", COL_INT, 0},
    {"result", "Kết quả", COL_INT, 0},
    {"met", "Đánh giá", COL_TEXT, 12},
};

static const struct table_col rep_cols[] = {
    {"reporter", "Mã đơn vị", COL_TEXT, 0},
    {"name", "Đơn vị", COL_TEXT, 40},
    {"status", "Trạng thái", COL_TEXT, 0},
    {"days_late", "Số ngày trễ", COL_INT, 0},
};

static const struct table_col item_cols[] = {
    {"area", "Nội dung", COL_TEXT, 0},
    {"item", "Nhiệm vụ", COL_INT, 0},
    {"unit", "Đơn vị chủ trì", COL_TEXT, 36},
    {"status", "Trạng thái", COL_TEXT, 0},
    {"progress", "Tiến độ, kết quả", COL_TEXT, 80},
};

static nct_err fill_tables(const struct compiled_report *r, struct table *ind, struct table *rep,
                           struct table *items)
{
	nct_err e = NCT_OK;
	for (int i = 0; !e && r->has_rollup && i < FIGURE_COUNT; i++) {
		const struct indicator *d = &r->roll.ind[i];
		if (!carried(r, i))
			continue;
		if ((e = table_add_row(ind)))
			break;
		table_set_text(ind, 0, d->vi);
		table_set_text(ind, 1, d->share ? "phần nghìn" : "số lượng");
		if (d->has_target && d->target.min >= 0)
			table_set_int(ind, 2, d->target.min);
		if (d->has_target && d->target.max >= 0)
			table_set_int(ind, 3, d->target.max);
		if (r->roll.whole.has[i])
			table_set_int(ind, 4, r->roll.whole.value[i]);
		if (d->has_target && r->roll.whole.has[i])
			table_set_text(ind, 5, d->met ? "Đạt" : "Chưa đạt");
	}
	for (size_t i = 0; !e && i < r->comp.nrows; i++) {
		const struct expected *x = &r->comp.rows[i];
		if ((e = table_add_row(rep)))
			break;
		table_set_text(rep, 0, x->r.code);
		table_set_text(rep, 1, x->r.name);
		table_set_text(rep, 2,
		               x->days_late < 0    ? "Chưa gửi"
		               : x->days_late == 0 ? "Đúng hạn"
		                                   : "Trễ hạn");
		if (x->days_late >= 0)
			table_set_int(rep, 3, x->days_late);
	}
	for (size_t k = 0; !e && k < r->nentries; k++) {
		const struct report_entry *en = &r->entries[k];
		const struct plan_item *it = NULL;
		for (size_t i = 0; !it && i < r->nitems; i++)
			if (r->items[i].id == en->item_id)
				it = &r->items[i];
		if (!it)
			continue;
		if ((e = table_add_row(items)))
			break;
		table_set_text(items, 0, it->section_code);
		table_set_int(items, 1, it->n);
		table_set_text(items, 2, en->unit_name);
		table_set_text(items, 3, item_status_vi(en->status));
		table_set_text(items, 4, en->progress);
	}
	return e;
}

static nct_err xlsx_out(const struct compiled_report *r, const char *path, struct buf *out)
{
	struct table ind, rep, items;
	table_init(&ind, "Chi tieu", ind_cols, sizeof ind_cols / sizeof *ind_cols);
	table_init(&rep, "Don vi bao cao", rep_cols, sizeof rep_cols / sizeof *rep_cols);
	table_init(&items, "Nhiem vu", item_cols, sizeof item_cols / sizeof *item_cols);
	nct_err e = fill_tables(r, &ind, &rep, &items);
	const struct table *all[] = {&ind, &rep, &items};
	if (!e)
		e = path ? xlsx_write_file(all, 3, "vi", path) : xlsx_write_buf(all, 3, "vi", out);
	table_free(&ind);
	table_free(&rep);
	table_free(&items);
	return e;
}

nct_err report_xlsx_write(const struct compiled_report *r, const char *path)
{
	return xlsx_out(r, path, NULL);
}

nct_err report_xlsx_buf(const struct compiled_report *r, struct buf *out)
{
	return xlsx_out(r, NULL, out);
}

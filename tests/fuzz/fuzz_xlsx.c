/* fuzz_xlsx.c - the spreadsheet reader over arbitrary input. An input that
 * starts like a zip ("PK\3\4") is read as the .xlsx it claims to be. Any other
 * input is one XML part: its first byte picks which (the sheet, the shared
 * strings, the styles or the workbook) and the rest is packed, uncompressed,
 * into an otherwise valid workbook, so the mutations reach the XML handlers
 * instead of dying on the zip's checksums. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/text.h"
#include "export/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char workbook[] =
    "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
    "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";
static const char sst[] = "<sst " NS "><si><t>Họ tên</t></si><si><t>x</t></si></sst>";
static const char styles[] = "<styleSheet " NS "><cellXfs><xf numFmtId=\"0\"/>"
                             "<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
static const char sheet[] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
                            "<v>0</v></c><c r=\"B1\" s=\"1\"><v>45900</v></c></row></sheetData>"
                            "</worksheet>";

static void check(const struct sheet *s)
{
	size_t last = 0;
	if (s->rows.n > SHEET_MAX_ROWS || s->cells.n > SHEET_MAX_CELLS)
		abort();
	for (size_t r = 0; r < s->rows.n; r++) {
		const struct sheet_row *row = sheet_row(s, r);
		if (row->line <= last || row->n == 0 || row->n > SHEET_MAX_COLS)
			abort();
		last = row->line;
		for (size_t c = 0; c < row->n; c++) {
			const char *v = sheet_cell(s, r, c);
			size_t len = strlen(v);
			if (len > SHEET_MAX_CELL || !text_valid_utf8(v, len))
				abort();
		}
	}
}

/* Zips the five parts, the one chosen replaced by part[0..len). */
static zip_source_t *pack(int which, const uint8_t *part, size_t len)
{
	const char *names[5] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	                        "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
	const char *texts[5] = {sheet, sst, styles, workbook, rels};
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!za) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	for (int i = 0; i < 5; i++) {
		zip_source_t *p = i == which ? zip_source_buffer(za, part, len, 0)
		                             : zip_source_buffer(za, texts[i], strlen(texts[i]), 0);
		zip_int64_t idx = p ? zip_file_add(za, names[i], p, 0) : -1;
		if (idx < 0)
			abort();
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0)
		abort();
	return src;
}

static void read_packed(int which, const uint8_t *part, size_t len)
{
	zip_source_t *src = pack(which, part, len);
	zip_stat_t st;
	if (!src || zip_source_open(src) != 0 || zip_source_stat(src, &st) != 0)
		abort();
	char *z = malloc(st.size ? st.size : 1);
	if (!z || zip_source_read(src, z, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	struct sheet s;
	char msg[256];
	if (sheet_read_xlsx(z, st.size, &s, msg, sizeof msg) == NCT_OK)
		check(&s);
	else if (s.rows.n != 0)
		abort();
	sheet_free(&s);
	free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet s;
	char msg[256] = "";
	if (sheet_is_xlsx(data, size)) {
		nct_err e = sheet_read_xlsx(data, size, &s, msg, sizeof msg);
		if (e == NCT_OK)
			check(&s);
		else if (s.rows.n != 0 || !msg[0])
			abort();
		sheet_free(&s);
		return 0;
	}
	if (size > 0 && size < 1024 * 1024)
		read_packed(data[0] % 4, data + 1, size - 1);
	return 0;
}

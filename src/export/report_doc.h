/* report_doc.h - the compiled report (domain/report.h) as documents: an
 * editable DOCX in the layout of Decree 30/2020/NĐ-CP (A4; margins top and
 * bottom 20 mm, left 30 mm, right 20 mm; Times New Roman 14, the national
 * title 13; the issuing body top left with the number and symbol, the
 * national title and motto top right with place and date; the title; the body
 * by plan area with each lead unit's progress; the indicator table against
 * the targets; who reported; "Nơi nhận" and the signature block), written
 * with libzip; and an XLSX of its tables. Both in Vietnamese, as the office
 * sends them. */
#ifndef NCT_REPORT_DOC_H
#define NCT_REPORT_DOC_H

#include "../base/buf.h"
#include "../base/err.h"
#include "../domain/report.h"

#define REPORT_DOC_MAX (16u * 1024u * 1024u) /* bytes of the document's XML */

/* The DOCX into path (created or replaced). NCT_ERR_IO when it cannot be
 * written, NCT_ERR_TOOBIG past REPORT_DOC_MAX. */
nct_err report_docx_write(const struct compiled_report *r, const char *path);
/* The DOCX appended to out. */
nct_err report_docx_buf(const struct compiled_report *r, struct buf *out);
/* The XLSX of the report's tables (indicators against targets, reporters,
 * items' progress) into path. */
nct_err report_xlsx_write(const struct compiled_report *r, const char *path);
nct_err report_xlsx_buf(const struct compiled_report *r, struct buf *out);

#endif

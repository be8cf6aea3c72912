#include "import_report.h"

#include <stdio.h>
#include <string.h>

#include "html.h"
#include "wording.h"

void import_issue_text(const struct import_issue *is, const char *lang, char *out, size_t cap)
{
	wording_refusal(&is->rf, lang, out, cap);
}

void import_issue_rows(struct req *r, const struct import_report *rep, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < rep->issues.n; i++) {
		const struct import_issue *is = import_issue(rep, i);
		char msg[512];
		html_lit(r, "<tr><td class=\"num\">");
		if (is->line)
			html_int(r, (int64_t)is->line);
		else
			html_text(r, tr(r, "cả tệp", "whole file"));
		html_lit(r, "</td><td>");
		import_issue_text(is, r->lang, msg, sizeof msg);
		html_text(r, msg);
		html_lit(r, "</td></tr>");
	}
}

void import_summary(const struct import_report *rep, const char *lang, char *out, size_t cap)
{
	bool en = lang && strcmp(lang, "en") == 0;
	nct_err e = rep->result;
	if (rep->written)
		snprintf(out, cap,
		         en ? "Imported %zu members: %zu new people, %zu recorded already."
		            : "Đã nhập %zu thành viên: %zu người mới, %zu người đã có.",
		         rep->rows, rep->created, rep->existing);
	else if (!e)
		snprintf(out, cap,
		         en ? "Dry run: all %zu rows are valid (%zu new people, %zu recorded "
		              "already); nothing was written."
		            : "Chạy thử: cả %zu dòng đều hợp lệ (%zu người mới, %zu người đã có); "
		              "chưa ghi gì.",
		         rep->rows, rep->created, rep->existing);
	else if (e == NCT_ERR_DENIED && rep->issues.n)
		import_issue_text(import_issue(rep, 0), lang, out, cap);
	else if (e == NCT_ERR_CONFLICT)
		snprintf(
		    out, cap, "%s",
		    en ? "The store changed while the file was being imported; nothing was "
		         "written. Import the whole file again."
		       : "Dữ liệu đã thay đổi trong lúc nhập; không ghi gì. Hãy nhập lại cả tệp.");
	else if ((e == NCT_ERR_INVALID || e == NCT_ERR_TOOBIG) && rep->rows)
		snprintf(
		    out, cap,
		    en ? "%zu errors in %zu rows; nothing was written. Correct the rows below and "
		         "import the whole file again."
		       : "%zu lỗi trong %zu dòng; không ghi gì. Sửa các dòng dưới đây rồi nhập lại "
		         "cả tệp.",
		    rep->issues.n, rep->rows);
	else if (e == NCT_ERR_INVALID || e == NCT_ERR_TOOBIG)
		snprintf(out, cap,
		         en ? "The file was refused (%zu errors); nothing was written."
		            : "Tệp bị từ chối (%zu lỗi); không ghi gì.",
		         rep->issues.n);
	else
		snprintf(out, cap,
		         en ? "The store failed (%s); nothing was written."
		            : "Lỗi khi ghi (%s); không ghi gì.",
		         nct_err_name(e));
}

static json_t *issue_json(const struct import_issue *is, const char *lang)
{
	char msg[512];
	import_issue_text(is, lang, msg, sizeof msg);
	return json_pack("{s:I, s:s, s:s?, s:s?}", "line", (json_int_t)is->line, "message", msg,
	                 "reason", is->rf.code ? refusal_reason(is->rf.code) : NULL, "field",
	                 is->rf.field);
}

json_t *import_report_json(const struct import_report *rep, const char *lang)
{
	char summary[IMPORT_MSG * 2];
	json_t *errors = json_array();
	for (size_t i = 0; errors && i < rep->issues.n; i++)
		json_array_append_new(errors, issue_json(import_issue(rep, i), lang));
	import_summary(rep, lang, summary, sizeof summary);
	return json_pack("{s:b, s:b, s:I, s:I, s:I, s:s, s:o}", "dry_run", rep->dry_run, "written",
	                 rep->written, "rows", (json_int_t)rep->rows, "created",
	                 (json_int_t)rep->created, "existing", (json_int_t)rep->existing, "summary",
	                 summary, "errors", errors);
}

json_t *person_import_json(const char *file, const struct person_import_report *rep,
                           const char *lang)
{
	json_t *o = import_report_json(&rep->base, lang);
	json_t *map = json_object(), *dups = json_array();
	if (!o || !map || !dups) {
		json_decref(map);
		json_decref(dups);
		return o;
	}
	for (int f = 0; f < PF_COUNT; f++)
		if (rep->map.col[f] >= 0)
			json_object_set_new(map, person_field_id(f), json_integer(rep->map.col[f]));
	for (size_t i = 0; i < rep->dups.n; i++) {
		const struct person_dup *d = vec_at(&rep->dups, const struct person_dup, i);
		json_array_append_new(
		    dups, json_pack("{s:I, s:I, s:I, s:I, s:b}", "line", (json_int_t)d->line,
		                    "other_line", (json_int_t)d->other_line, "person",
		                    (json_int_t)d->person_id, "hidden", (json_int_t)d->hidden,
		                    "same_citizen_id", d->same_id));
	}
	char summary[512];
	person_import_summary(rep, lang, summary, sizeof summary);
	json_object_set_new(o, "summary", json_string(summary));
	if (file)
		json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "mapping", map);
	json_object_set_new(o, "mapping_remembered",
	                    json_boolean(rep->map.source == MAP_REMEMBERED));
	json_object_set_new(o, "refused", json_integer((json_int_t)rep->refused));
	json_object_set_new(o, "possible_duplicates", dups);
	json_object_set_new(o, "possible_duplicates_total", json_integer((json_int_t)rep->ndups));
	return o;
}

void person_import_summary(const struct person_import_report *rep, const char *lang, char *out,
                           size_t cap)
{
	bool en = lang && strcmp(lang, "en") == 0;
	const struct import_report *b = &rep->base;
	if (b->written)
		snprintf(
		    out, cap,
		    en ? "Recorded %zu people from %zu rows (%zu recorded already, not again)."
		       : "Đã ghi %zu người vào sổ từ %zu dòng (%zu người đã có, không ghi lại).",
		    b->created, b->rows, b->existing);
	else if (!b->result)
		snprintf(
		    out, cap,
		    en ? "Dry run: all %zu rows are valid (%zu people to record, %zu recorded "
		         "already); nothing was written."
		       : "Chạy thử: cả %zu dòng đều hợp lệ (%zu người sẽ được ghi, %zu người đã "
		         "có); chưa ghi gì.",
		    b->rows, b->rows - b->existing, b->existing);
	else if ((b->result == NCT_ERR_INVALID || b->result == NCT_ERR_TOOBIG) && b->rows)
		snprintf(
		    out, cap,
		    en ? "%zu of %zu rows refused; nothing was written. Correct them (or the "
		         "mapping) and check again."
		       : "%zu trên %zu dòng bị từ chối; không ghi gì. Sửa các dòng đó (hoặc cách "
		         "ghép cột) rồi kiểm tra lại.",
		    rep->refused, b->rows);
	else
		import_summary(b, lang, out, cap);
}

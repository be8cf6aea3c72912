#include "import_report.h"

#include <stdio.h>

#include "wording.h"

void import_issue_text(const struct import_issue *is, const char *lang, char *out, size_t cap)
{
	if (is->rf.code)
		wording_refusal(&is->rf, lang, out, cap);
	else
		snprintf(out, cap, "%s", is->msg);
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
	json_t *errors = json_array();
	for (size_t i = 0; errors && i < rep->issues.n; i++)
		json_array_append_new(errors, issue_json(import_issue(rep, i), lang));
	return json_pack("{s:b, s:b, s:I, s:I, s:I, s:s, s:o}", "dry_run", rep->dry_run, "written",
	                 rep->written, "rows", (json_int_t)rep->rows, "created",
	                 (json_int_t)rep->created, "existing", (json_int_t)rep->existing, "summary",
	                 rep->summary, "errors", errors);
}

/* report.h - the compiled report of a plan for a period: what the standing
 * office (the receiver of the plan's reporting line) sends upward, gathered
 * from the reports it received (docs/reports.md). The document itself (DOCX in
 * the Decree 30/2020 layout, XLSX of its tables) is written by
 * export/report_doc.h from this. */
#ifndef NCT_REPORT_H
#define NCT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "obligation.h"
#include "org.h"
#include "plan.h"
#include "refusal.h"
#include "rollup.h"
#include "submission.h"

struct ctx;

#define REPORT_ENTRIES_MAX 100000

/* A lead unit's word on an item, from its report submitted or accepted. */
struct report_entry {
	int64_t item_id;
	char unit_code[ORG_CODE_LEN];
	char unit_name[192];
	char status[12];
	char progress[SUBMISSION_PROGRESS_MAX + 1];
};

struct compiled_report {
	struct plan plan;
	struct obligation ob; /* the reporting line compiled */
	struct org receiver;  /* the standing office that compiles and signs */
	struct org superior;  /* the body its report goes to: the plan's issuer */
	bool has_superior;    /* false when the store lacks the issuer */
	struct completeness comp;
	bool has_rollup; /* the plan has indicators and some report gave figures */
	struct rollup roll;
	struct plan_section *sections; /* the plan's areas, in order */
	size_t nsections;
	struct plan_item *items; /* their items */
	size_t nitems;
	struct report_entry *entries; /* by item, then unit name */
	size_t nentries;
	char date[DATE_LEN]; /* the report's date: today, Vietnam time */
};

/* The report of plan (slug or number) for period, compiled by the receiver
 * of the plan's first reporting line owing that period (to: a receiver's code
 * to choose another line, or NULL). Only the receiver's side (or an
 * administrator, or the command line) compiles: NCT_ERR_DENIED otherwise.
 * NCT_ERR_NOTFOUND for an unknown plan; RF_PERIOD_NOT_OWED ("period") when
 * no line of the plan owes that period (to that receiver); refusals as
 * completeness_of. Free with report_free. */
nct_err report_compile(struct ctx *x, const char *plan, const char *period, const char *to,
                       struct compiled_report *out, struct refusal *rf);
void report_free(struct compiled_report *r);

#endif

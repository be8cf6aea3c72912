/* import.h - a club's files: the tables its data is exported as (members
 * here; activities, ledger and loans in club_tables.h), and the member
 * importer, which reads the members layout back from CSV or XLSX.
 *
 * The members layout, one row per membership, headers in Vietnamese or as the
 * English ids (either is read back; case, diacritics, '_' and anything in
 * parentheses are ignored, and up to 10 title rows may come before the header):
 *
 *   STT | Họ tên / full_name | Giới tính / sex (nữ, nam, F, M) |
 *   Năm sinh / birth (1950, 03/1950, 15/03/1950 or 1950-03-15) |
 *   Mã nơi ở / place (a commune or village code; empty: the club's commune) |
 *   Nơi ở / place_name | Hộ nghèo / poor | Hộ cận nghèo / near_poor |
 *   Khuyết tật / disability | Sống một mình / lives_alone |
 *   Dân tộc thiểu số / ethnic_minority | Tình nguyện viên / volunteer |
 *   Ngày vào / joined_on (15/03/2025 or 2025-03-15) | Ngày rời / left_on
 *
 * Yes/no columns take x, có, 1, yes, true (yes) and empty, không, 0, no, false
 * (no). Required: full_name, sex, birth, joined_on. Other columns (STT, Nơi ở)
 * are ignored. */
#ifndef NCT_IMPORT_H
#define NCT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "../domain/club.h"
#include "csvout.h"
#include "xlsx_read.h"

/* Fills out (initialised here; the caller frees it with table_free) with one
 * of a club's tables. lang "en" gives English values where there is a choice
 * (sex F/M); headers are chosen when written (table_header). */
typedef nct_err (*club_table_fn)(struct ctx *x, const struct club *c, const char *lang,
                                 struct table *out);

struct club_export {
	const char *name; /* "members": the command-line word, and the file name's start */
	club_table_fn fill;
};

/* The tables a club can be exported as; NULL when name is none of them. */
const struct club_export *club_export_find(const char *name);
/* Their names joined by ", " ("members, activities, ledger, loans"), for help
 * texts. */
const char *club_export_names(void);

/* Everyone who was ever a member of c, in the layout above, current members
 * first. NCT_ERR_DB, NCT_ERR_NOMEM, NCT_ERR_TOOBIG. */
nct_err members_table(struct ctx *x, const struct club *c, const char *lang, struct table *out);

#define IMPORT_MAX_BYTES (16u * 1024u * 1024u) /* a file given to the importer */
/* Members in one file. A club has 50 to 70 members under Plan 327; a file of
 * 500 is seven times the largest club, with room for its former members, and
 * keeps the import's one write unit short: on SQLite, which has one writer,
 * other users' writes wait for it (about 0.2 s of work for 1,000 rows on a
 * quiet 2-core machine, which made them wait past 200 ms: bench/import.sh). */
#define IMPORT_MAX_ROWS   500
#define IMPORT_MAX_ISSUES (10 * IMPORT_MAX_ROWS) /* reasons reported for one file */
#define IMPORT_MSG        256                    /* the file reader's reason */

/* Why a row (or the file, at line 0) was refused: the reader's reasons and the
 * domain's alike are refusals (REFUSALS_IMPORT and the others of refusal.h),
 * worded by the caller (web/import_report.c). */
struct import_issue {
	size_t line; /* the file's line (CSV) or row (XLSX); 0: the file as a whole */
	struct refusal rf;
};

struct import_report {
	nct_err result; /* what members_import returned */
	bool dry_run;
	bool written;      /* the store was changed */
	size_t rows;       /* members read from the file (blank rows not counted) */
	size_t created;    /* of them, people recorded for the first time */
	size_t existing;   /* people already recorded (same folded name, birth and place) */
	struct vec issues; /* struct import_issue, in file order */
};

/* Issue i, below rep->issues.n. */
static inline const struct import_issue *import_issue(const struct import_report *rep, size_t i)
{
	return vec_at(&rep->issues, const struct import_issue, i);
}

/* Imports the members in s into c, all or nothing: reads every row, then hands
 * the rows to the domain (club_import_members), which checks them, finds each
 * person (same folded name, birth and place, among those x sees) or records
 * them, and writes the memberships in one unit of work. Any row not read or
 * refused means nothing is written; so does dry_run. An existing person's
 * record is not changed.
 *
 * Returns NCT_OK when every row was accepted (written unless dry_run);
 * NCT_ERR_INVALID when rows (or the header) were rejected, each reason in
 * rep->issues with its line; NCT_ERR_CONFLICT when the store changed between
 * the check and the write in a way that matters (import again);
 * NCT_ERR_TOOBIG past IMPORT_MAX_ROWS; NCT_ERR_DB, NCT_ERR_UNAVAILABLE or
 * NCT_ERR_NOMEM when the store failed. Nothing is written unless NCT_OK and !dry_run. rep is filled
 * in every case; free it with import_report_free. */
nct_err members_import(struct ctx *x, const struct club *c, const struct sheet *s, bool dry_run,
                       struct import_report *rep);

/* Reads a file's bytes (sheet_read) and imports them: a file that cannot be
 * read becomes a single issue at line 0 (or the line it failed on). */
nct_err members_import_file(struct ctx *x, const struct club *c, const void *data, size_t len,
                            bool dry_run, struct import_report *rep);

void import_report_free(struct import_report *rep);

#endif

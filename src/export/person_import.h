/* person_import.h - nct import persons: the register from a commune's own
 * spreadsheet (issue 8 item 8; docs/register.md, "Importing a list").
 *
 * A CSV (UTF-8, streamed: any size up to PERSON_IMPORT_MAX_ROWS rows, memory
 * bounded) or the first sheet of an .xlsx (read whole, up to
 * PERSON_IMPORT_XLSX_BYTES), one person per row under a header row in
 * Vietnamese (or English ids) within the first 10 rows. The columns are
 * mapped to fields from the header words ("Họ và tên", "Ngày sinh", "Số
 * CCCD", "Dân tộc", "Mã xã", ...), or as the mapping remembered for the same
 * header set, then as the caller's overrides say; a file written to the store
 * remembers its mapping. Births as people write them (15/03/1950, 03/1950,
 * 1950), names in any case (kept as written).
 *
 * Two passes over the file. The first checks every row (the domain's
 * person_ready, reading the store without holding the write lock) and finds
 * possible duplicates: a person recorded already with the same folded name,
 * birth and place is not recorded again; one with the same citizen ID, or the
 * same folded name, birth year and commune, is reported; two rows of the file
 * with the same citizen ID are refused, with the same folded name, birth year
 * and place reported. Only when every row was accepted, and not on a dry run,
 * the second pass reads the file again (it must not have changed) and writes
 * every row in one unit: all or nothing. */
#ifndef NCT_PERSON_IMPORT_EXPORT_H
#define NCT_PERSON_IMPORT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "../base/vec.h"
#include "../domain/ctx.h"
#include "import.h"

#define PERSON_IMPORT_MAX_ROWS   2000000u              /* a country's older people, in files */
#define PERSON_IMPORT_XLSX_BYTES (32u * 1024u * 1024u) /* an .xlsx is read whole */
#define PERSON_IMPORT_MAX_DUPS   10000u                /* possible duplicates listed */

enum person_field {
	PF_FULL_NAME,
	PF_SEX,
	PF_BIRTH,
	PF_CITIZEN_ID,
	PF_ETHNICITY,
	PF_PLACE,
	PF_DIED_ON,
	PF_RESIDENT_SINCE,
	PF_COUNT
};

/* "full_name", ... : the field's id (the domain's field names). */
const char *person_field_id(int f);
/* The field an id names, or -1. */
int person_field_of(const char *id);

/* How the columns map to fields, and why. */
enum mapping_source { MAP_GUESSED, MAP_REMEMBERED };
struct person_mapping {
	int col[PF_COUNT]; /* 0-based column, -1: not in the file */
	enum mapping_source source;
	size_t header_line;
	size_t ncols;
	char headers[SHEET_MAX_COLS][64]; /* the header cells as written (cut to fit) */
	char key[33];                     /* import_mapping_key of the header set */
};

struct person_import_opts {
	bool dry_run;
	const char *place;     /* the place of every row without a place column value; NULL */
	const char *overrides; /* "field=COLUMN,..." (A, B, ... or 1, 2, ...; "-" drops) or NULL */
	/* Called now and then (may be NULL): pass 1 checks, pass 2 writes. */
	void (*progress)(void *arg, int pass, uint64_t bytes_done, uint64_t bytes_total);
	void *progress_arg;
};

struct person_dup {
	size_t line;
	size_t other_line; /* a line of the file, or 0 */
	int64_t person_id; /* a person recorded, or 0 */
	int64_t hidden;    /* duplicates in the store the user may not see */
	bool same_id;      /* the same citizen ID (else the same name, birth year, place) */
};

struct person_import_report {
	struct import_report base; /* result, dry_run, written, rows, created, existing, issues */
	size_t refused;            /* rows refused (issues lists at most IMPORT_MAX_ISSUES) */
	struct vec dups;           /* struct person_dup, at most PERSON_IMPORT_MAX_DUPS */
	size_t ndups;              /* all of them */
	struct person_mapping map;
	uint64_t bytes;
};

/* Imports the file at path as opts say; rep is filled in every case (free it
 * with person_import_report_free). NCT_OK: every row accepted (and written,
 * unless a dry run); NCT_ERR_INVALID: rows or the header refused (the issues
 * say why, by line); NCT_ERR_CONFLICT: the store or the file changed between
 * the passes (nothing written: import again); NCT_ERR_TOOBIG, NCT_ERR_IO,
 * store errors. msg says in words what is wrong with the options or the file
 * as a whole ("" otherwise). */
nct_err persons_import_path(struct ctx *x, const char *path, const struct person_import_opts *o,
                            struct person_import_report *rep, char *msg, size_t msglen);

void person_import_report_free(struct person_import_report *rep);

/* An uploaded file kept between the steps of the import page (mapping, dry
 * run, write): written 0600 into $TMPDIR (else /tmp) as
 * nct-import-USER-TOKEN, for user user_id only. token: 32 hex digits
 * (NCT_ERR_INVALID otherwise). person_upload_path gives the file's path (false
 * for a bad token); person_upload_drop removes it. */
#define UPLOAD_TOKEN_LEN 32
nct_err person_upload_save(int64_t user_id, const char *token, const char *data, size_t len);
bool person_upload_path(int64_t user_id, const char *token, char *out, size_t cap);
void person_upload_drop(int64_t user_id, const char *token);

/* Removes the uploads left unwritten (an abandoned review): in the upload
 * directory, every regular file named nct-import-USER-TOKEN (TOKEN 32 hex
 * digits), owned by this process's user, last changed more than max_age
 * seconds before now; links and anything else are left alone (never
 * followed). Returns how many it removed. The server calls it at start and
 * on each new upload with PERSON_UPLOAD_MAX_AGE. */
#define PERSON_UPLOAD_MAX_AGE (24 * 60 * 60)
size_t person_upload_sweep(time_t now, time_t max_age);

#endif

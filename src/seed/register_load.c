#include "register_load.h"

#include <stdio.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/text.h"
#include "../domain/citizen_id.h"
#include "../domain/designation.h"
#include "../domain/ethnic.h"
#include "../domain/person.h"
#include "../store/db.h"
#include "refdata.h"

/* Each ';'-separated spelling of list, for the group code. */
static nct_err spellings(struct ethnic_load *l, const char *list, const char *code,
                         struct register_load_report *r)
{
	char one[256];
	nct_err e = NCT_OK;
	for (const char *p = list; !e && *p;) {
		size_t k = strcspn(p, ";");
		if (k < sizeof one) {
			memcpy(one, p, k);
			one[k] = '\0';
			bool taken = false;
			text_trim(one);
			if (one[0] && !(e = ethnic_load_name(l, one, code, &taken))) {
				r->spellings += !taken;
				r->spellings_shared += taken;
			}
		}
		p += k + (p[k] == ';');
	}
	return e;
}

enum { EG_CODE, EG_NAME, EG_1979, EG_2008, EG_OTHER, EG_ALIASES, EG_KONTUM, EG_FIELDS = 8 };

/* One pass over the file: pass 0 puts the groups, their codes and names; the
 * later passes the 1979 names, the aliases, then the other names, so that an
 * official name always wins over another group's local name ("Thổ"). */
static nct_err ethnic_pass(struct ethnic_load *l, int pass, struct register_load_report *r,
                           char *msg, size_t msglen)
{
	static const int field_of_pass[] = {EG_NAME, EG_1979, EG_ALIASES, EG_OTHER};
	const struct refdata *rd = &refdata_ethnic_groups;
	struct csv c;
	nct_err e = refdata_csv_open(&c, rd,
	                             "code,name,name_1979,code_gso_2008,other_names,aliases,"
	                             "kon_tum_indigenous,verification",
	                             msg, msglen);
	while (!e && (e = csv_next(&c)) == NCT_OK) {
		char **f = c.fields;
		if (c.nfields != EG_FIELDS) {
			e = NCT_ERR_INVALID;
			break;
		}
		if (pass == 0) {
			struct ethnic_group g = {.kon_tum_indigenous =
			                             strcmp(f[EG_KONTUM], "yes") == 0};
			text_copy(g.code, sizeof g.code, f[EG_CODE]);
			text_copy(g.name, sizeof g.name, f[EG_NAME]);
			text_copy(g.name_1979, sizeof g.name_1979, f[EG_1979]);
			text_copy(g.code_gso_2008, sizeof g.code_gso_2008, f[EG_2008]);
			e = ethnic_load_group(l, &g);
			r->ethnic_groups++;
			if (!e)
				e = spellings(l, f[EG_CODE], f[EG_CODE], r);
		}
		if (!e)
			e = spellings(l, f[field_of_pass[pass]], f[EG_CODE], r);
	}
	return refdata_csv_end(rd, &c, e, NULL, msg, msglen);
}

static nct_err prefix_put(struct db *db, char **f)
{
	static const char sql[] = "INSERT INTO citizen_id_prefixes (prefix, province_code,"
	                          " province_name) VALUES (?, ?, ?) ON CONFLICT (prefix) DO UPDATE"
	                          " SET province_code = excluded.province_code,"
	                          " province_name = excluded.province_name";
	return db_run(DB_PREPARE(db, sql, DB_T(f[0]), DB_T(f[1]), DB_T(f[2])));
}

static nct_err prefixes(struct ctx *x, struct register_load_report *r, char *msg, size_t msglen)
{
	const struct refdata *rd = &refdata_citizen_id_provinces;
	struct csv c;
	nct_err e =
	    refdata_csv_open(&c, rd,
	                     "id_prefix,province_code,province_name,province_code_2025_07_01,"
	                     "province_name_2025_07_01",
	                     msg, msglen);
	while (!e && (e = csv_next(&c)) == NCT_OK) {
		if (c.nfields != 5 || strlen(c.fields[0]) != 3) {
			e = NCT_ERR_INVALID;
			break;
		}
		e = prefix_put(x->db, c.fields);
		r->prefixes++;
	}
	return refdata_csv_end(rd, &c, e, NULL, msg, msglen);
}

enum {
	ED_CODE,
	ED_NAME,
	ED_DISTRICT,
	ED_PROVINCE,
	ED_KIND,
	ED_REGION,
	ED_FROM,
	ED_TO,
	ED_SOURCE,
	ED_FIELDS = 10
};

/* One row: a commune of region III is "especially_difficult" from its start. */
static nct_err designation_row(struct ctx *x, char **f, struct register_load_report *r, char *msg,
                               size_t msglen)
{
	struct refusal rf;
	int64_t id;
	if (strcmp(f[ED_KIND], "region_III_commune") != 0) {
		snprintf(msg, msglen, "kind %s is not region_III_commune", f[ED_KIND]);
		return NCT_ERR_INVALID;
	}
	struct designation_new in = {f[ED_CODE], "especially_difficult", f[ED_FROM], f[ED_TO],
	                             f[ED_SOURCE]};
	nct_err e = designation_add(x, &in, &id, &rf);
	r->designations++;
	if (!e)
		r->designations_new++;
	if (e == NCT_ERR_CONFLICT)
		return NCT_OK; /* loaded before */
	if (e)
		snprintf(msg, msglen, "commune %s: refused (%s)", f[ED_CODE],
		         refusal_reason(rf.code));
	return e;
}

static nct_err designations(struct ctx *x, struct register_load_report *r, char *msg, size_t msglen)
{
	const struct refdata *rd = &refdata_especially_difficult;
	struct csv c;
	char why[256] = "";
	nct_err e =
	    refdata_csv_open(&c, rd,
	                     "commune_code,commune_name,district_name,province_code,kind,region,"
	                     "valid_from,valid_to,source,verification",
	                     msg, msglen);
	while (!e && (e = csv_next(&c)) == NCT_OK)
		e = c.nfields == ED_FIELDS ? designation_row(x, c.fields, r, why, sizeof why)
		                           : NCT_ERR_INVALID;
	return refdata_csv_end(rd, &c, e, why, msg, msglen);
}

nct_err register_load_reference(struct ctx *x, struct register_load_report *r, char *msg,
                                size_t msglen)
{
	nct_err e = refdata_load_begin(x, r, sizeof *r, msg);
	if (e)
		return e;
	struct ethnic_load *l = NULL;
	e = ethnic_load_begin(x, &l);
	for (int pass = 0; !e && pass < 4; pass++)
		e = ethnic_pass(l, pass, r, msg, msglen);
	if (l)
		e = ethnic_load_end(l, e);
	if (!e)
		e = prefixes(x, r, msg, msglen);
	if (!e)
		e = designations(x, r, msg, msglen);
	if ((e = unit_end(x, e)))
		return e;
	e = person_reindex(x, &r->reindexed);
	if (e && !msg[0])
		snprintf(msg, msglen, "indexing persons: %s", nct_err_name(e));
	return e;
}

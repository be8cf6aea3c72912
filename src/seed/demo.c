/* demo.c - a believable Kon Tum store: the bodies named by the 2024 plan of the
 * provincial Elderly Work Committee (footnotes 24 and 25 of seeds/000) and by
 * Plan 327/KH-UBND (seeds/001), with their dates, and the bodies of the new
 * Quảng Ngãi that take over their duties from 1 July 2025. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../domain/org.h"
#include "../domain/place.h"
#include "../domain/plan_doc.h"
#include "../domain/user.h"
#include "../store/db.h"
#include "plan_orgs.h"
#include "refdata.h"

/* Kon Tum's departments merged on 1 March 2025 (Labour-Invalids-Social Affairs
 * into Home Affairs; Information into Science; Planning into Finance;
 * Transport into Construction; Agriculture with Natural Resources; the Ethnic
 * Committee into Ethnicity and Religion), and the province itself became part
 * of Quảng Ngãi on 1 July 2025: every body below ends then at the latest. */
static const struct org_new kon_tum_orgs[] = {
    {"KT-UBND", "Ủy ban nhân dân tỉnh Kon Tum", "people_committee", "62", NULL, "2025-06-30", NULL},
    {"KT-BCTNCT", "Ban Công tác người cao tuổi tỉnh", "committee", "62", NULL, "2025-06-30",
     "Quyết định 43/QĐ-UBND ngày 02/6/2015"},
    {"KT-SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "agency", "62", NULL, "2025-02-28",
     "Cơ quan thường trực Ban Công tác người cao tuổi tỉnh"},
    {"KT-SYT", "Sở Y tế", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-SNV", "Sở Nội vụ", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-STTTT", "Sở Thông tin và Truyền thông", "agency", "62", NULL, "2025-02-28", NULL},
    {"KT-SVHTTDL", "Sở Văn hoá - Thể thao và Du lịch", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-SGTVT", "Sở Giao thông Vận tải", "agency", "62", NULL, "2025-02-28", NULL},
    {"KT-STC", "Sở Tài chính", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-SKHDT", "Sở Kế hoạch và Đầu tư", "agency", "62", NULL, "2025-02-28", NULL},
    {"KT-SXD", "Sở Xây dựng", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "agency", "62", NULL, "2025-02-28",
     NULL},
    {"KT-SGDDT", "Sở Giáo dục và Đào tạo", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-STP", "Sở Tư pháp", "agency", "62", NULL, "2025-06-30", NULL},
    {"KT-BDT", "Ban Dân tộc", "agency", "62", NULL, "2025-02-28", NULL},
    {"KT-BHXH", "Bảo hiểm xã hội tỉnh", "agency", "62", NULL, "2025-06-30",
     "Footnote 24 of the 2024 plan prints \"Báo hiểm\"; the body text writes \"Bảo hiểm\"."},
    {"KT-NHCSXH", "Ngân hàng Chính sách xã hội - Chi nhánh tỉnh Kon Tum", "bank", "62", NULL,
     "2025-06-30", NULL},
    {"KT-PTTH", "Đài Phát thanh và Truyền hình tỉnh", "media", "62", NULL, "2025-06-30", NULL},
    {"KT-BAO", "Báo Kon Tum", "media", "62", NULL, "2025-06-30", NULL},
    {"KT-TTBTCTXH", "Trung tâm Bảo trợ và Công tác xã hội tỉnh", "agency", "62", NULL, "2025-06-30",
     NULL},
    {"KT-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-HLHPN", "Hội Liên hiệp phụ nữ tỉnh", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-HCCB", "Hội Cựu chiến binh tỉnh", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-HND", "Hội Nông dân tỉnh", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-LDLD", "Liên đoàn Lao động tỉnh", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-TD", "Tỉnh đoàn", "mass", "62", NULL, "2025-06-30", NULL},
    {"KT-HNCT", "Ban Đại diện Hội Người cao tuổi tỉnh", "association", "62", NULL, "2025-06-30",
     NULL},
};

/* "Huyện Đắk Hà" -> "huyện Đắk Hà": inside a title the unit's kind is lower case. */
static void lower_kind(const char *name, char *out, size_t cap)
{
	static const char *const kinds[][2] = {
	    {"Huyện ", "huyện "},    {"Thành phố ", "thành phố "}, {"Thị xã ", "thị xã "},
	    {"Xã ", "xã "},          {"Phường ", "phường "},       {"Thị trấn ", "thị trấn "},
	    {"Đặc khu ", "đặc khu "}};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strncmp(name, kinds[i][0], strlen(kinds[i][0])) == 0) {
			snprintf(out, cap, "%s%s", kinds[i][1], name + strlen(kinds[i][0]));
			return;
		}
	snprintf(out, cap, "%s", name);
}

/* What a refused record of the demo says (the seed has no words of its own:
 * the reason's code, e.g. "org KT-SYT refused: taken"). */
static nct_err refused(nct_err e, const char *what, const char *code, const struct refusal *rf,
                       char *msg, size_t msglen)
{
	if (e)
		snprintf(msg, msglen, "%s %s refused: %s", what, code,
		         rf->code ? refusal_reason(rf->code) : nct_err_name(e));
	return e;
}

/* One People's Committee for each of Kon Tum's district-level units of 2024. */
static nct_err district_committees(struct ctx *x, char *msg, size_t msglen)
{
	struct date d2024 = {2024, 12, 31};
	struct place prov, *ds;
	struct refusal rf;
	size_t n;
	nct_err e = place_get(x, "62", d2024, &prov);
	if (!e)
		e = place_children(x, prov.id, d2024, &ds, &n);
	if (e)
		return e;
	for (size_t i = 0; !e && i < n; i++) {
		char code[32], name[TEXT_BYTES(PLACE_NAME_MAX) + 32],
		    lname[TEXT_BYTES(PLACE_NAME_MAX)];
		lower_kind(ds[i].name, lname, sizeof lname);
		snprintf(code, sizeof code, "KT-UBND-%s", ds[i].code);
		snprintf(name, sizeof name, "Ủy ban nhân dân %s", lname);
		struct org_new o = {code,         name, "people_committee", ds[i].code, NULL,
		                    "2025-06-30", NULL};
		e = refused(org_create(x, &o, &rf), "org", code, &rf, msg, msglen);
	}
	free(ds);
	return e;
}

/* The bodies the encoded plans define (the new Quảng Ngãi's, which take over
 * from the Kon Tum bodies above on 1 July 2025) and every handover between
 * them: data/plans, so that they are written once. */
static nct_err successors(struct ctx *x, char *msg, size_t msglen)
{
	struct plan_orgs_report r;
	return plan_orgs_load(x, &r, msg, msglen);
}

/* The two encoded plans themselves, with their items, targets and reporting
 * lines (docs/plans.md). */
static nct_err demo_plans(struct ctx *x, char *msg, size_t msglen)
{
	static const struct refdata *const files[] = {&refdata_plan_2024, &refdata_plan_327};
	nct_err e = NCT_OK;
	for (size_t i = 0; !e && i < sizeof files / sizeof files[0]; i++) {
		json_error_t err;
		json_t *doc = json_loadb(files[i]->data, files[i]->size, 0, &err);
		struct plan p;
		struct refusal rf = {0};
		if (!doc) {
			snprintf(msg, msglen, "%s: line %d: %s", files[i]->name, err.line,
			         err.text);
			return NCT_ERR_INVALID;
		}
		e = plan_import(x, doc, &p, &rf);
		json_decref(doc);
		if (e)
			snprintf(msg, msglen, "plan %s refused: %s %s %s", files[i]->name,
			         rf.code ? refusal_reason(rf.code) : nct_err_name(e),
			         rf.nargs > 0 ? rf.arg[0].v : "", rf.nargs > 1 ? rf.arg[1].v : "");
	}
	return e;
}

static nct_err demo_users(struct ctx *x, const char *password, char *msg, size_t msglen)
{
	const struct user_new users[] = {
	    {"admin", "Quản trị hệ thống", ROLE_ADMIN, NULL, NULL, password},
	    {"tinh", "Văn phòng Ban Công tác người cao tuổi tỉnh", ROLE_PROVINCE, "51", NULL,
	     password},
	    {"so.yte", "Sở Y tế (Kon Tum, đến 30/6/2025)", ROLE_VIEWER, NULL, "KT-SYT", password},
	    {"xa.dakha", "Cán bộ xã Đắk Hà", ROLE_COMMUNE, "23500", NULL, password},
	};
	nct_err e = NCT_OK;
	struct refusal rf;
	for (size_t i = 0; !e && i < sizeof users / sizeof users[0]; i++) {
		int64_t id;
		e = refused(user_create(x, &users[i], &id, &rf), "user", users[i].username, &rf,
		            msg, msglen);
	}
	return e;
}

nct_err demo_load(struct ctx *x, const char *password, char *msg, size_t msglen)
{
	struct db *db = x->db;
	struct org probe;
	struct refusal rf;
	if (org_get(x, kon_tum_orgs[0].code, &probe) == NCT_OK) {
		snprintf(msg, msglen, "the demo data is already loaded");
		return NCT_ERR_CONFLICT;
	}
	nct_err e = db_begin(db);
	for (size_t i = 0; !e && i < sizeof kon_tum_orgs / sizeof kon_tum_orgs[0]; i++)
		e = refused(org_create(x, &kon_tum_orgs[i], &rf), "org", kon_tum_orgs[i].code, &rf,
		            msg, msglen);
	if (!e)
		e = district_committees(x, msg, msglen);
	if (!e)
		e = successors(x, msg, msglen);
	if (!e)
		e = demo_plans(x, msg, msglen);
	if (!e)
		e = demo_users(x, password, msg, msglen);
	if (!e)
		return db_commit(db);
	db_rollback(db);
	return e;
}

#include "citizen_id.h"

#include <stdint.h>
#include <string.h>

#include "../store/db.h"
#include "ctx.h"

/* Born 1900-1999: male 0, female 1; each century after adds 2 (2000s: 2, 3). */
enum cid_part citizen_id_check(const char *id, char sex, int birth_year, bool listed)
{
	size_t n = id ? strlen(id) : 0;
	if (n != CITIZEN_ID_LEN)
		return CID_LENGTH;
	if (strspn(id, "0123456789") != n)
		return CID_DIGITS;
	int prefix = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
	if (!listed && prefix <= 96)
		return CID_PREFIX;
	int s = id[3] - '0';
	if ((s % 2 == 0) != (sex == 'M'))
		return CID_SEX;
	if (1900 + 100 * (s / 2) != birth_year / 100 * 100)
		return CID_CENTURY;
	if ((id[4] - '0') * 10 + (id[5] - '0') != birth_year % 100)
		return CID_BIRTH_YEAR;
	return listed ? CID_OK : CID_PREFIX_UNLISTED;
}

nct_err citizen_id_prefix_listed(struct ctx *x, const char *id, bool *listed)
{
	static const char sql[] = "SELECT COUNT(*) FROM citizen_id_prefixes WHERE prefix = ?";
	char prefix[4] = "";
	*listed = false;
	if (!id || strlen(id) < 3)
		return NCT_OK;
	memcpy(prefix, id, 3);
	struct db_stmt *st = DB_PREPARE(x->db, sql, DB_T(prefix));
	return db_any(st, listed);
}

nct_err citizen_id_verify(struct ctx *x, const char *id, char sex, int birth_year, bool *warn,
                          struct refusal *rf)
{
	bool listed;
	nct_err e = citizen_id_prefix_listed(x, id, &listed);
	if (warn)
		*warn = false;
	return e ? e : citizen_id_verify_listed(id, sex, birth_year, listed, warn, rf);
}

nct_err citizen_id_verify_listed(const char *id, char sex, int birth_year, bool listed, bool *warn,
                                 struct refusal *rf)
{
	static const char *const f = "citizen_id";
	char digit[2] = {id && strlen(id) > 3 ? id[3] : 0, 0}, yy[3] = "";
	if (warn)
		*warn = false;
	if (id && strlen(id) >= 6)
		memcpy(yy, id + 4, 2);
	char prefix[4] = "";
	if (id && strlen(id) >= 3)
		memcpy(prefix, id, 3);
	switch (citizen_id_check(id, sex, birth_year, listed)) {
	case CID_LENGTH:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_LENGTH, f, "i",
		              (int64_t)(id ? strlen(id) : 0));
	case CID_DIGITS:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_DIGITS, f, "");
	case CID_PREFIX:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_PREFIX, f, "s", prefix);
	case CID_SEX:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_SEX, f, "s", digit);
	case CID_CENTURY:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_CENTURY, f, "si", digit,
		              (int64_t)birth_year);
	case CID_BIRTH_YEAR:
		return refuse(rf, NCT_ERR_INVALID, RF_CID_BIRTH_YEAR, f, "si", yy,
		              (int64_t)birth_year);
	case CID_PREFIX_UNLISTED:
		if (warn)
			*warn = true;
		return NCT_OK;
	case CID_OK:
		break;
	}
	return NCT_OK;
}

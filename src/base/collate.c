#include "collate.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/utf16.h>
#include <unicode/ustring.h>

#include "log.h"

/* One collator for the process, opened on first use. Concurrent use of one
 * UCollator is not promised by every ICU version, so keys are made under a
 * lock: a key of a name takes a microsecond or two. The collator stays open
 * until the process ends (reachable, so no leak report). */
static pthread_mutex_t collate_mu = PTHREAD_MUTEX_INITIALIZER;
static UCollator *collator;
static bool collate_broken;

static UCollator *collate_open(void)
{
	if (collator || collate_broken)
		return collator;
	UErrorCode st = U_ZERO_ERROR;
	collator = ucol_open("vi", &st);
	if (U_FAILURE(st) || !collator) {
		log_error("collate: ICU has no collator for \"vi\": %s", u_errorName(st));
		collator = NULL;
		collate_broken = true;
	}
	return collator;
}

/* The sort key of s into key (cap bytes), its length without the final NUL. */
static nct_err collate_raw(const char *s, uint8_t *key, int32_t cap, int32_t *len)
{
	UChar u[COLLATE_TEXT_MAX];
	int32_t ulen = 0;
	UErrorCode st = U_ZERO_ERROR;
	if (strlen(s) > COLLATE_TEXT_MAX)
		return NCT_ERR_TOOBIG;
	u_strFromUTF8(u, COLLATE_TEXT_MAX, &ulen, s, -1, &st);
	if (U_FAILURE(st))
		return st == U_BUFFER_OVERFLOW_ERROR ? NCT_ERR_TOOBIG : NCT_ERR_INVALID;
	pthread_mutex_lock(&collate_mu);
	UCollator *c = collate_open();
	int32_t n = c ? ucol_getSortKey(c, u, ulen, key, cap) : 0;
	pthread_mutex_unlock(&collate_mu);
	if (!c)
		return NCT_ERR_UNAVAILABLE;
	if (n <= 0 || n > cap)
		return NCT_ERR_TOOBIG;
	*len = n - 1; /* the key ends with a 0 byte of its own */
	return NCT_OK;
}

nct_err collate_key(const char *s, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t key[4 * COLLATE_TEXT_MAX];
	int32_t n = 0;
	nct_err e = collate_raw(s ? s : "", key, (int32_t)sizeof key, &n);
	for (int32_t i = 0; !e && i < n; i++) {
		char two[2] = {hex[key[i] >> 4], hex[key[i] & 15]};
		e = buf_add(out, two, 2);
	}
	return e ? e : buf_failed(out);
}

nct_err collate_key_fields(const char *const *fields, size_t n, struct buf *out)
{
	nct_err e = n > 8 ? NCT_ERR_INVALID : NCT_OK;
	for (size_t i = 0; !e && i < n; i++) {
		if (i)
			e = buf_adds(out, "00");
		if (!e)
			e = collate_key(fields[i], out);
	}
	return e;
}

/* Whether every cased letter of the UTF-16 text has the case asked. */
static bool all_case(const UChar *u, int32_t n, bool upper)
{
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (upper ? u_islower(c) : u_isupper(c))
			return false;
	}
	return true;
}

nct_err name_case(const char *s, char *out, size_t cap)
{
	UChar u[COLLATE_TEXT_MAX], t[COLLATE_TEXT_MAX];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0, m = 0, w = 0;
	size_t len = strlen(s);
	if (len >= cap)
		return NCT_ERR_TOOBIG;
	memcpy(out, s, len + 1);
	u_strFromUTF8(u, COLLATE_TEXT_MAX, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st) || n >= COLLATE_TEXT_MAX)
		return U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR ? NCT_ERR_INVALID : NCT_OK;
	if (!all_case(u, n, true) && !all_case(u, n, false))
		return NCT_OK; /* mixed: as written */
	m = u_strToTitle(t, COLLATE_TEXT_MAX, u, n, NULL, "vi", &st);
	if (U_FAILURE(st) || m >= COLLATE_TEXT_MAX)
		return NCT_OK;
	u_strToUTF8(out, (int32_t)cap, &w, t, m, &st);
	if (U_FAILURE(st) || (size_t)w >= cap) {
		memcpy(out, s, len + 1);
		return NCT_OK;
	}
	out[w] = '\0';
	return NCT_OK;
}

#include "refusal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../base/log.h"

static const struct {
	const char *reason, *kinds;
} table[RF_COUNT] = {
#define REFUSAL_ROW(id, reason, kinds) [id] = {reason, kinds},
    REFUSALS(REFUSAL_ROW)
#undef REFUSAL_ROW
};

const char *refusal_reason(int code)
{
	return code > RF_NONE && code < RF_COUNT ? table[code].reason : "";
}

const char *refusal_kinds(int code)
{
	return code > RF_NONE && code < RF_COUNT ? table[code].kinds : "";
}

const char *refusal_list(const char *const *codes, char out[REFUSAL_ARG_LEN])
{
	size_t len = 0;
	out[0] = '\0';
	for (; *codes; codes++) {
		size_t n = strlen(*codes) + (len ? 2 : 0);
		if (len + n >= REFUSAL_ARG_LEN)
			break;
		len += (size_t)snprintf(out + len, REFUSAL_ARG_LEN - len, "%s%s", len ? ", " : "",
		                        *codes);
	}
	return out;
}

/* Copies s into out whole, or cut before a character that would not fit. */
static void text_arg(const char *s, char out[REFUSAL_ARG_LEN])
{
	size_t n = s ? strlen(s) : 0;
	if (n >= REFUSAL_ARG_LEN) {
		n = REFUSAL_ARG_LEN - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
}

nct_err refuse(struct refusal *rf, nct_err e, int code, const char *field, const char *kinds, ...)
{
	if (!rf)
		return e;
	memset(rf, 0, sizeof *rf);
	rf->code = code;
	rf->field = field;
	if (strcmp(kinds, refusal_kinds(code)) != 0 || strlen(kinds) > REFUSAL_ARGS) {
		log_error("refuse(%s): values \"%s\" where the list says \"%s\"",
		          refusal_reason(code), kinds, refusal_kinds(code));
		return e;
	}
	va_list ap;
	va_start(ap, kinds);
	for (; kinds[rf->nargs]; rf->nargs++) {
		char k = kinds[rf->nargs], *v = rf->arg[rf->nargs].v;
		rf->arg[rf->nargs].kind = k;
		if (k == 's' || k == 'd' || k == 'M')
			text_arg(va_arg(ap, const char *), v);
		else
			snprintf(v, REFUSAL_ARG_LEN, "%" PRId64, va_arg(ap, int64_t));
	}
	va_end(ap);
	return e;
}

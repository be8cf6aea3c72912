#include "person_name.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/collate.h"
#include "../base/text.h"

/* The words of s: start and length of each, at most max. */
static size_t words_of(const char *s, const char **w, size_t *len, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		s += strspn(s, " \t\r\n");
		size_t k = strcspn(s, " \t\r\n");
		if (!k)
			break;
		w[n] = s;
		len[n++] = k;
		s += k;
	}
	return n;
}

/* Appends words [from, to) of w, joined by one space, to out (cap bytes). */
static void join(char *out, size_t cap, const char **w, const size_t *len, size_t from, size_t to)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t i = from; i < to; i++) {
		if (at + len[i] + (at ? 1 : 0) >= cap)
			break;
		if (at)
			out[at++] = ' ';
		memcpy(out + at, w[i], len[i]);
		at += len[i];
		out[at] = '\0';
	}
}

static bool is_marker(const char *w, size_t len)
{
	return len == 1 && (w[0] == 'A' || w[0] == 'Y');
}

void person_name_split(const char *full, struct person_name *out)
{
	enum { MAX_WORDS = 32 };
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n = words_of(full ? full : "", w, len, MAX_WORDS);
	memset(out, 0, sizeof *out);
	if (n == 0)
		return;
	join(out->given, sizeof out->given, w, len, n - 1, n);
	if (n == 1)
		return;
	if (is_marker(w[0], len[0])) {
		join(out->middle, sizeof out->middle, w, len, 0, n - 1);
		return;
	}
	join(out->family, sizeof out->family, w, len, 0, 1);
	join(out->middle, sizeof out->middle, w, len, 1, n - 1);
}

nct_err person_name_sort_key(const struct person_name *n, struct buf *out)
{
	const char *fields[] = {n->given, n->family, n->middle};
	return collate_key_fields(fields, 3, out);
}

nct_err person_name_keys(const char *full, const char *citizen_id, struct buf *out, size_t *n)
{
	char *f = text_fold_dup(full ? full : "");
	size_t start = out->len;
	*n = 0;
	if (!f)
		return NCT_ERR_INVALID;
	for (const char *p = f; *p;) {
		buf_add(out, p, strlen(p) + 1);
		(*n)++;
		const char *sp = strchr(p, ' ');
		p = sp ? sp + 1 : p + strlen(p);
	}
	free(f);
	if (buf_failed(out)) /* the keys counted are not all written: none is read */
		return buf_failed(out);
	bool listed = false; /* a name's words that are the ID: one key (they are distinct) */
	const char *k = buf_str(out) + start;
	for (size_t i = 0; citizen_id && i < *n; i++, k += strlen(k) + 1)
		listed = listed || strcmp(k, citizen_id) == 0;
	if (citizen_id && citizen_id[0] && !listed) {
		buf_add(out, citizen_id, strlen(citizen_id) + 1);
		(*n)++;
	}
	return buf_failed(out);
}

bool person_name_key_end(const char *prefix, char *out, size_t cap)
{
	size_t len = strlen(prefix);
	if (!len || len + 1 > cap)
		return false;
	memcpy(out, prefix, len + 1);
	out[len - 1] = (char)((unsigned char)out[len - 1] + 1);
	return true;
}

/* The whole characters a and b begin with in common. */
static size_t common_chars(const char *a, const char *b)
{
	size_t i = 0, n = 0;
	while (a[i] && a[i] == b[i])
		i++;
	while (i > 0 && ((unsigned char)a[i] & 0xC0) == 0x80) /* a character cut: not common */
		i--;
	for (size_t k = 0; k < i; k++)
		n += ((unsigned char)a[k] & 0xC0) != 0x80;
	return n;
}

size_t person_name_key_shared(const char *keys, size_t n, const char *key)
{
	size_t most = 0;
	for (size_t i = 0; i < n; i++, keys += strlen(keys) + 1) {
		size_t c = strcmp(keys, key) < 0 ? common_chars(key, keys) : 0;
		most = c > most ? c : most;
	}
	return most;
}

/* fuzz_fold.c - text_fold and text_valid_utf8 on arbitrary bytes (a search
 * box), with the properties search relies on. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Folded text is valid UTF-8, trimmed, has single spaces, no ASCII capitals,
 * and folds to itself. */
static void check_folded(const char *s, size_t len)
{
	struct buf again;

	if (!text_valid_utf8(s, len))
		abort();
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		abort();
	for (size_t i = 0; i < len; i++) {
		if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] == ' ' && s[i + 1] == ' '))
			abort();
	}
	buf_init(&again, len);
	if (text_fold(s, len, &again) != NCT_OK)
		abort();
	if (again.len != len || (len && memcmp(again.ptr, s, len) != 0))
		abort();
	buf_free(&again);
	if (!text_fold_match(s, s))
		abort();
}

/* text_fold_dup agrees with text_fold, when the input is a C string. */
static void check_dup(const uint8_t *data, size_t size, const struct buf *folded, bool ok)
{
	if (memchr(data, 0, size))
		return;
	char *s = malloc(size + 1);
	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	char *dup = text_fold_dup(s);
	if (ok != (dup != NULL) || (dup && strcmp(dup, buf_str(folded)) != 0))
		abort();
	free(dup);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool valid = text_valid_utf8(s, size);
	struct buf out;

	/* The fold is never longer than its input, so this limit never bites. */
	buf_init(&out, size);
	nct_err e = text_fold(s, size, &out);
	if (e == NCT_ERR_NOMEM)
		goto done;
	if ((e == NCT_OK) != valid || (e != NCT_OK && e != NCT_ERR_INVALID))
		abort();
	if (e == NCT_OK) {
		if (out.len > size)
			abort();
		check_folded(buf_str(&out), out.len);
	} else if (out.len != 0) {
		abort();
	}
	check_dup(data, size, &out, e == NCT_OK);
done:
	buf_free(&out);
	return 0;
}

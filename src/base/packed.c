#include "packed.h"

#include <string.h>

bool packed_field(const char **p, char end, char *out, size_t cap)
{
	const char *s = *p;
	size_t n = 0;
	while (n < cap && s[n] && s[n] != ';' && s[n] != '\n')
		n++;
	if (n >= cap || s[n] != end)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	*p = s + n + 1;
	return true;
}

bool packed_number(const char *s, int64_t *out)
{
	int64_t v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 18)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool packed_day(const char *s, bool may_be_empty)
{
	if (!s[0])
		return may_be_empty;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return s[10] == '\0';
}

bool packed_fits(const char *s, size_t cap)
{
	return s && strlen(s) < cap && !strpbrk(s, ";\n");
}

#include "date.h"

#include <stdio.h>
#include <string.h>

/* Vietnam has kept UTC+7 without daylight saving since 1975. */
#define VN_OFFSET_SECONDS (7 * 3600)

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1] + (m == 2 && is_leap(y));
	return d <= max;
}

int date_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

nct_err date_parse(const char *s, struct date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return NCT_ERR_INVALID;
	int y = date_digits(s, 4), m = date_digits(s + 5, 2), d = date_digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
		return NCT_ERR_INVALID;
	out->y = y;
	out->m = m;
	out->d = d;
	return NCT_OK;
}

int date_split_vn(const char *s, int out[3])
{
	int n = 0;
	size_t len = s ? strlen(s) : 0;
	const char *p = s;
	while (len && n < 3) {
		size_t k = strcspn(p, "/");
		bool last = k == len;
		if ((last && k != 4) || (!last && (k < 1 || k > 2)))
			return -1;
		out[n] = date_digits(p, (int)k);
		if (out[n++] < 0)
			return -1;
		if (last)
			return n;
		p += k + 1;
		len -= k + 1;
	}
	return -1;
}

nct_err date_parse_vn(const char *s, struct date *out)
{
	int v[3];
	if (date_parse(s, out) == NCT_OK)
		return NCT_OK;
	if (date_split_vn(s, v) != 3 || !date_valid(v[2], v[1], v[0]))
		return NCT_ERR_INVALID;
	*out = (struct date){v[2], v[1], v[0]};
	return NCT_OK;
}

char *date_put_digits(char *p, int v, int n)
{
	if (v < 0)
		v = -v;
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

void date_format(struct date d, char out[DATE_LEN])
{
	char *p = date_put_digits(out, d.y, 4);
	*p++ = '-';
	p = date_put_digits(p, d.m, 2);
	*p++ = '-';
	p = date_put_digits(p, d.d, 2);
	*p = '\0';
}

void date_format_vn(struct date d, char out[DATE_LEN])
{
	char *p = date_put_digits(out, d.d, 2);
	*p++ = '/';
	p = date_put_digits(p, d.m, 2);
	*p++ = '/';
	p = date_put_digits(p, d.y, 4);
	*p = '\0';
}

/* Howard Hinnant's days_from_civil. */
int64_t date_to_days(struct date dt)
{
	int64_t y = dt.y - (dt.m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (dt.m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + dt.d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The first and last day a date's text can hold. */
#define DAYS_MIN (-719162) /* 0001-01-01 */
#define DAYS_MAX 2932896   /* 9999-12-31 */

struct date date_from_days(int64_t z)
{
	if (z < DAYS_MIN)
		z = DAYS_MIN;
	if (z > DAYS_MAX)
		z = DAYS_MAX;
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	struct date r = {(int)(y + (m <= 2)), (int)m, (int)d};
	return r;
}

struct date date_add_days(struct date d, int64_t n)
{
	int64_t z = date_to_days(d);
	if (n > DAYS_MAX - z)
		return date_from_days(DAYS_MAX);
	if (n < DAYS_MIN - z)
		return date_from_days(DAYS_MIN);
	return date_from_days(z + n);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct date date_of_time_vn(time_t t)
{
	return date_from_days(floor_div((int64_t)t + VN_OFFSET_SECONDS, 86400));
}

struct date date_today_vn(void)
{
	return date_of_time_vn(time(NULL));
}

void time_format_vn(time_t t, char out[26])
{
	int64_t s = (int64_t)t + VN_OFFSET_SECONDS;
	int64_t days = floor_div(s, 86400);
	int64_t sod = s - days * 86400;
	date_format(date_from_days(days), out);
	char *p = out + 10;
	*p++ = 'T';
	p = date_put_digits(p, (int)(sod / 3600), 2);
	*p++ = ':';
	p = date_put_digits(p, (int)(sod / 60 % 60), 2);
	*p++ = ':';
	p = date_put_digits(p, (int)(sod % 60), 2);
	memcpy(p, "+07:00", 7);
}

time_t time_of_day_vn(struct date d)
{
	return (time_t)(date_to_days(d) * 86400 - VN_OFFSET_SECONDS);
}

/* "+HH:MM", "-HH:MM" or "Z" into seconds east of UTC; "" is Vietnam. */
static bool zone_offset(const char *s, int64_t *off)
{
	if (s[0] == '\0') {
		*off = VN_OFFSET_SECONDS;
		return true;
	}
	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
		*off = 0;
		return true;
	}
	if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':')
		return false;
	int h = date_digits(s + 1, 2), m = date_digits(s + 4, 2);
	if (h < 0 || m < 0 || h > 14 || m > 59)
		return false;
	*off = (s[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
	return true;
}

nct_err time_parse(const char *s, time_t *out)
{
	char day[DATE_LEN];
	struct date d;
	int64_t off;
	if (!s || strlen(s) < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':')
		return NCT_ERR_INVALID;
	memcpy(day, s, 10);
	day[10] = '\0';
	int h = date_digits(s + 11, 2), mi = date_digits(s + 14, 2), sec = 0;
	const char *rest = s + 16;
	if (rest[0] == ':') {
		sec = date_digits(rest + 1, 2);
		rest += 3;
	}
	if (date_parse(day, &d) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 ||
	    !zone_offset(rest, &off))
		return NCT_ERR_INVALID;
	*out = (time_t)(date_to_days(d) * 86400 + h * 3600 + mi * 60 + sec - off);
	return NCT_OK;
}

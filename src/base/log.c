#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "date.h"

static enum log_level min_level = LOG_INFO;

void log_set_level(enum log_level lvl)
{
	min_level = lvl;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if (lvl < min_level)
		return;
	char stamp[26];
	time_format_vn(time(NULL), stamp);
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* one fprintf per line so lines from threads do not interleave */
	fprintf(stderr, "%s %s %s\n", stamp, names[lvl], line);
}

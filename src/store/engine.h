/* engine.h - what each engine (sqlite.c, pg.c) provides to db.c. Private to store/. */
#ifndef NCT_ENGINE_H
#define NCT_ENGINE_H

#include "db.h"

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration nct_migrations[];
extern const size_t nct_migrations_count;

#endif

/* ethnic.h - the 54 official ethnic groups (data/ethnic-groups.csv, loaded
 * into the store by nct init), and the spellings accepted on input: the
 * code, the current name, the 1979 name, other names and the aliases seen in
 * records ("Xê Đăng", "Sedang"), folded, so "xo dang" finds Xơ Đăng.
 * A person's ethnicity is sensitive data (access.h: access_sensitive). */
#ifndef NCT_ETHNIC_H
#define NCT_ETHNIC_H

#include <stdbool.h>
#include <stddef.h>
#include "../base/err.h"

struct ctx;

struct ethnic_group {
	char code[4];          /* Decision 121-TCTK/PPCĐ (1979): "01" Kinh ... "54" Rơ Măm */
	char name[64];         /* the current spelling */
	char name_1979[64];    /* as in the 1979 decision */
	char code_gso_2008[4]; /* Decision 1019/QĐ-TCTK (2008) */
	bool kon_tum_indigenous;
};

#define ETHNIC_GROUPS_MAX 64

/* The group that input names (a code, a name or an alias, in any case, with
 * or without marks). NCT_ERR_NOTFOUND when none does. */
nct_err ethnic_find(struct ctx *x, const char *input, struct ethnic_group *out);

/* Every group, by code. *out is malloc'd. */
nct_err ethnic_list(struct ctx *x, struct ethnic_group **out, size_t *n);

/* For the loader (seed/register_load.c), inside its unit: a group, and one
 * spelling of it (folded here). A spelling that names another group already
 * is ambiguous: it is kept for the first group only (*taken set). */
nct_err ethnic_group_put(struct ctx *x, const struct ethnic_group *g);
nct_err ethnic_name_put(struct ctx *x, const char *spelling, const char *code, bool *taken);

#endif

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

/* For the loader (seed/register_load.c), inside its unit: the groups and
 * their spellings (folded here) are gathered, then written by ethnic_load_end
 * in a few multi-row statements (it frees l; e: an error already met, then
 * nothing is written). A spelling that names another group already, in the
 * store or earlier in the load, is ambiguous: it is kept for the first group
 * only (*taken set). */
struct ethnic_load;
nct_err ethnic_load_begin(struct ctx *x, struct ethnic_load **out);
nct_err ethnic_load_group(struct ethnic_load *l, const struct ethnic_group *g);
nct_err ethnic_load_name(struct ethnic_load *l, const char *spelling, const char *code,
                         bool *taken);
nct_err ethnic_load_end(struct ethnic_load *l, nct_err e);
void ethnic_load_free(struct ethnic_load *l);

#endif

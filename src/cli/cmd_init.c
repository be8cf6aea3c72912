/* cmd_init.c - nct init: create or upgrade a store, load the map, the demo. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../seed/demo.h"
#include "../seed/demo_decisions.h"
#include "../seed/gen.h"
#include "../seed/place_load.h"
#include "../seed/gifts_load.h"
#include "../seed/register_demo.h"
#include "../seed/register_load.h"
#include "../seed/entitlement_load.h"
#include "../domain/person.h"
#include "../domain/place.h"
#include "../store/db.h"
#include "args.h"
#include "cli.h"

static const char help[] =
    "usage: nct init [--db PATH] [--demo]\n"
    "\n"
    "Creates the store if it is missing, applies the migrations it lacks (it refuses\n"
    "a store written by a newer nct), and loads Vietnam's administrative units of\n"
    "both trees (before and from 1 July 2025) with their successor links.\n"
    "\n"
    "  --db PATH   the store (default $NCT_DB, else var/nct.db)\n"
    "  --demo      also load the Kon Tum organisations, the new Quảng Ngãi bodies that\n"
    "              took over from them, a synthetic Plan 327, a register of\n"
    "              Kon Tum's older people and demo users (the clubs' records\n"
    "              up to today); the admin\n"
    "              password is $NCT_ADMIN_PASSWORD when set, else generated and\n"
    "              printed once\n";

/* Creates the folder of a store path when missing ("var/" for var/nct.db). */
static void make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return;
	char dir[512];
	if ((size_t)(slash - path) >= sizeof dir)
		return;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	mkdir(dir, 0750);
}

static char *demo_password(bool *generated)
{
	const char *env = getenv("NCT_ADMIN_PASSWORD");
	*generated = !(env && *env);
	if (!*generated)
		return strdup(env);
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char *pw = calloc(17, 1);
	if (!pw || sodium_init() < 0) {
		free(pw);
		return NULL;
	}
	for (int i = 0; i < 16; i++)
		pw[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	return pw;
}

/* Says on stderr which stage of the demo failed and why; frees what the
 * stages held and returns 1. */
static int demo_failed(const char *stage, nct_err e, const char *msg, char *pw,
                       struct gen_later *later)
{
	if (stage)
		fprintf(stderr, "nct init: demo %s: %s\n", stage, msg[0] ? msg : nct_err_name(e));
	free(pw);
	gen_later_free(later);
	return 1;
}

static int load_demo(struct db *db)
{
	bool generated;
	char msg[512] = "";
	char *pw = demo_password(&generated);
	if (!pw)
		return 1;
	struct ctx x, gx;
	ctx_system(&x, db, "nct init");
	ctx_system(&gx, db, "nct gen");
	nct_err e = demo_load(&x, pw, msg, sizeof msg);
	if (e == NCT_ERR_CONFLICT) {
		printf("demo: %s; nothing changed\n", msg);
		free(pw);
		return 0;
	}
	if (e) {
		fprintf(stderr, "nct init: demo: %s\n", msg[0] ? msg : nct_err_name(e));
		free(pw);
		return 1;
	}
	printf("demo: Kon Tum organisations, the new Quảng Ngãi bodies of data/plans that took over"
	       " from them on 2025-07-01, and users admin, tinh, so.yte, xa.dakha loaded\n");
	/* The clubs of Kon Tum's Plan 327 (now in Quảng Ngãi): synthetic but shaped like
	 * the plan, with problems to see: clubs outside their bands, loans in arrears,
	 * clubs without an activity fund. */
	struct gen_later later;
	gen_later_init(&later);
	struct gen_options go = {"demo", 327, "51", NULL, NULL, true, &later};
	struct gen_report gr;
	msg[0] = '\0';
	e = gen_run(&gx, &go, &gr, msg, sizeof msg);
	if (e)
		return demo_failed("clubs", e, msg, pw, &later);
	printf("demo: %lld clubs of Kon Tum's Plan 327 with %lld members, %lld activities and "
	       "%lld loans (%lld in arrears)\n",
	       (long long)gr.clubs, (long long)gr.memberships, (long long)gr.activities,
	       (long long)gr.loans, (long long)gr.loans_arrears);
	/* The register of Kon Tum's older people, the members aged 60+ among them. */
	struct register_demo_report rr;
	msg[0] = '\0';
	e = register_demo_run(&gx, 327, &rr, msg, sizeof msg);
	if (e)
		return demo_failed("register", e, msg, pw, &later);
	printf("demo: a register of %lld people aged 60+ in Kon Tum's %lld old communes (%lld of"
	       " them club members), %lld of an ethnic minority, %lld poor, %lld near-poor\n",
	       (long long)rr.older, (long long)rr.communes, (long long)rr.members,
	       (long long)rr.minority, (long long)rr.poor, (long long)rr.near_poor);
	int64_t indexed = 0;
	if (person_reindex(&x, &indexed) != NCT_OK) {
		fprintf(stderr, "nct init: demo: indexing the persons failed\n");
		return demo_failed(NULL, NCT_OK, msg, pw, &later);
	}
	/* Decisions on allowances for the older people of the demo commune user's commune,
	 * so that both work lists hold believable cases (after every person exists). */
	struct demo_decisions_report dr;
	msg[0] = '\0';
	e = demo_decisions(&x, "23500", &dr, msg, sizeof msg);
	if (e)
		return demo_failed("decisions", e, msg, pw, &later);
	printf("demo: allowances in 23500: %zu older people, %zu facts recorded, %zu decisions "
	       "(%zu eligible left undecided, %zu paid lower than the highest, %zu died, %zu got a "
	       "pension, %zu left the poor household since)\n",
	       dr.people, dr.facts, dr.decisions, dr.left_undecided, dr.lower, dr.died,
	       dr.pensioned, dr.left_poverty);
	/* What the boards did after 2025: after every other stage, so that the
	 * register's people keep their ids and the allowances see 2025's people. */
	msg[0] = '\0';
	e = gen_later_write(&gx, &later, msg, sizeof msg);
	if (!e)
		e = person_reindex(&x, &indexed);
	if (e)
		return demo_failed("members after 2025", e, msg, pw, &later);
	printf("demo: after 2025 the club boards took in %lld members; %lld left, %lld died\n",
	       (long long)later.joined, (long long)later.left, (long long)later.died);
	gen_later_free(&later);
	if (generated)
		printf("demo: the password of every demo user is %s (shown once)\n", pw);
	else
		printf("demo: the password of every demo user is $NCT_ADMIN_PASSWORD\n");
	free(pw);
	return 0;
}

int cmd_init(int argc, char **argv)
{
	const char *dbpath = NULL;
	bool demo = false;
	const struct opt opts[] = {{"db", &dbpath, NULL}, {"demo", NULL, &demo}};
	struct args pos;
	ARGS_PARSE_OR_RETURN(argc, argv, "init", help, opts, 0, &pos);
	int rc;
	dbpath = args_db(dbpath);
	make_parent(dbpath);
	char msg[512] = "";
	struct db *db;
	struct place_load_report rep;
	nct_err e = db_open(dbpath, true, &db, msg, sizeof msg);
	if (e) {
		fprintf(stderr, "nct init: %s\n", msg);
		return 1;
	}
	struct ctx x;
	ctx_system(&x, db, "nct init");
	e = db_migrate(db, msg, sizeof msg);
	struct register_load_report reg;
	struct entitlement_load_report ent;
	if (!e)
		e = place_load_reference(&x, &rep, msg, sizeof msg);
	if (!e)
		e = register_load_reference(&x, &reg, msg, sizeof msg);
	if (!e)
		e = entitlement_load_reference(&x, &ent, msg, sizeof msg);
	size_t gifts = 0;
	if (!e)
		e = gifts_load_reference(&x, &gifts, msg, sizeof msg);
	if (e) {
		fprintf(stderr, "nct init: %s\n", msg[0] ? msg : db_errmsg(db));
		db_close(db);
		return 1;
	}
	printf("store %s at schema version %d\n", dbpath, db_schema_version(db));
	if (rep.communes) {
		printf(
		    "places: %zu provinces, %zu districts, %zu communes loaded (both trees); "
		    "%zu successor links made (%zu partial), %zu predecessor pieces kept as text\n",
		    rep.provinces, rep.districts, rep.communes, rep.links, rep.partial,
		    rep.text_only);
		printf("lineage: %zu old communes without a successor, %zu new communes without a "
		       "predecessor\n",
		       rep.old_unlinked, rep.new_unlinked);
	}
	printf("register: %zu ethnic groups (%zu spellings), %zu citizen-ID prefixes, %zu "
	       "designations of especially difficult communes (%zu new)%s\n",
	       reg.ethnic_groups, reg.spellings, reg.prefixes, reg.designations,
	       reg.designations_new,
	       reg.designations ? "" : ": data/especially-difficult-communes.csv is empty");
	printf("entitlements: %zu dated amounts (%zu new), %zu allowance rules (%zu new)\n",
	       ent.levels, ent.levels_new, ent.rules, ent.rules_new);
	printf("longevity celebrations: %zu rules of gifts (data/longevity-gifts.csv)\n", gifts);
	if (reg.reindexed)
		printf("register: %lld persons indexed for search\n", (long long)reg.reindexed);
	rc = demo ? load_demo(db) : 0;
	db_close(db);
	return rc;
}

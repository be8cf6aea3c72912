#include "throttle.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../store/db.h"
#include "ctx.h"

#define KEY_LEN 64

/* The counter of one name from one address. The name is hashed: what was
 * typed may be a password put in the wrong field. */
static void user_key(const char *username, const char *addr, char out[KEY_LEN])
{
	unsigned char h[16];
	char hex[2 * sizeof h + 1];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)addr, strlen(addr) + 1);
	crypto_generichash_update(&st, (const unsigned char *)username, strlen(username));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, KEY_LEN, "u:%s", hex);
}

static void addr_key(const char *addr, char out[KEY_LEN])
{
	snprintf(out, KEY_LEN, "a:%s", addr);
}

int64_t throttle_delay(int64_t failures, int64_t free)
{
	if (failures < free)
		return 0;
	int64_t d = THROTTLE_FIRST_DELAY;
	for (int64_t i = free; i < failures && d < THROTTLE_MAX_DELAY; i++)
		d *= 2;
	return d < THROTTLE_MAX_DELAY ? d : THROTTLE_MAX_DELAY;
}

struct counter {
	char key[KEY_LEN];
	int64_t free;
	int64_t failures; /* as they count now: 0 once forgotten */
};

struct counter_row {
	int64_t failures, last_at;
};

static const struct db_col counter_col[] = {DB_NUM(struct counter_row, failures),
                                            DB_NUM(struct counter_row, last_at)};
static const struct db_cols counter_cols = DB_COLS(struct counter_row, counter_col);

/* Reads a counter and holds it until the transaction ends: the upsert makes
 * the row (PostgreSQL locks it; SQLite's BEGIN IMMEDIATE holds the whole
 * store), so no other attempt reads it before this one is counted. Returns
 * the seconds an attempt must still wait. */
static nct_err counter_hold(struct db *db, struct counter *c, int64_t now, int64_t *wait)
{
	static const char sql[] =
	    "INSERT INTO login_throttle (key, failures, last_at) VALUES (?, 0, 0)"
	    " ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures"
	    " RETURNING failures, last_at";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_T(c->key));
	struct counter_row r;
	nct_err e = db_row_of(st, &counter_cols, &r);
	if (e)
		return e == NCT_ERR_NOTFOUND ? NCT_ERR_DB : e; /* the upsert returns its row */
	c->failures = now - r.last_at >= THROTTLE_FORGET ? 0 : r.failures;
	int64_t until = r.last_at + throttle_delay(c->failures, c->free);
	*wait = until > now ? until - now : 0;
	return NCT_OK;
}

static nct_err counter_count(struct db *db, const struct counter *c, int64_t now)
{
	static const char sql[] =
	    "UPDATE login_throttle SET failures = ?, last_at = ? WHERE key = ?";
	struct db_stmt *st = DB_PREPARE(db, sql, DB_I(c->failures + 1), DB_I(now), DB_T(c->key));
	return db_run(st);
}

/* The address's counter is always held first, then the name's: every
 * transaction takes them in that order, so two never wait for each other. */
static nct_err admit_locked(struct db *db, struct counter c[2], int64_t now, int64_t *wait)
{
	*wait = 0;
	for (int i = 0; i < 2; i++) {
		int64_t w;
		nct_err e = counter_hold(db, &c[i], now, &w);
		if (e)
			return e;
		if (w > *wait)
			*wait = w;
	}
	if (*wait)
		return NCT_OK;
	for (int i = 0; i < 2; i++) {
		nct_err e = counter_count(db, &c[i], now);
		if (e)
			return e;
	}
	return NCT_OK;
}

nct_err throttle_admit(struct ctx *x, const char *username, int64_t now, int64_t *wait)
{
	struct db *db = x->db;
	const char *addr = x->addr;
	struct counter c[2] = {{.free = THROTTLE_ADDR_FREE}, {.free = THROTTLE_USER_FREE}};
	addr_key(addr, c[0].key);
	user_key(username, addr, c[1].key);
	nct_err e = db_begin(db);
	if (e)
		return e;
	e = admit_locked(db, c, now, wait);
	if (!e)
		e = db_commit(db);
	else
		db_rollback(db);
	if (e)
		return e;
	return *wait ? NCT_ERR_TOOMANY : NCT_OK;
}

nct_err throttle_succeeded(struct ctx *x, const char *username, int64_t now)
{
	struct db *db = x->db;
	const char *addr = x->addr;
	static const char sql_addr[] = "UPDATE login_throttle SET failures = failures - 1"
	                               " WHERE key = ? AND failures > 0";
	static const char sql_user[] = "DELETE FROM login_throttle WHERE key = ?";
	static const char sql_old[] = "DELETE FROM login_throttle WHERE last_at < ?";
	char key[KEY_LEN];
	addr_key(addr, key); /* the address first, as in admit_locked */
	struct db_stmt *st = DB_PREPARE(db, sql_addr, DB_T(key));
	nct_err e = db_run(st);
	if (e)
		return e;
	user_key(username, addr, key);
	st = db_prepare(db, sql_user);
	db_bind_text(st, 1, key);
	if ((e = db_run(st)))
		return e;
	st = db_prepare(db, sql_old);
	db_bind_int(st, 1, now - THROTTLE_FORGET);
	return db_run(st);
}

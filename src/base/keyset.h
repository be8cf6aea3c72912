/* keyset.h - a set of 64-bit keys, each with the line it was first put on,
 * whose memory does not grow with the keys it holds (the import's duplicates
 * within a file of up to millions of rows).
 *
 * The newest keys are held in an open-addressing table of a fixed number of
 * slots; when it is half full they are sorted and written to an unlinked
 * temporary file ($TMPDIR, else /tmp) as a run, and the table is emptied. A
 * Bloom filter of fixed size over every key put tells almost every new key
 * from those written without reading a run; a key it may hold is looked for
 * in each run (one 4 KiB block read a run, found through the first key of
 * each block, kept in memory).
 *
 * On the heap: 16 bytes a slot, the filter, and 8 bytes for every 256 keys
 * written (their blocks' first keys) with a few words a run: the keys
 * themselves are in the file (16 bytes each), in the system's page cache
 * rather than the process. */
#ifndef NCT_KEYSET_H
#define NCT_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define KEYSET_BLOCK 256 /* keys of a run's block (4 KiB) */

struct keyset_slot {
	uint64_t key; /* mixed; 0: a free slot */
	uint64_t line;
};

struct keyset_run {
	uint64_t off;    /* the run's first byte in the file */
	size_t n;        /* its keys, sorted */
	uint64_t *fence; /* the first key of each block */
};

struct keyset {
	struct keyset_slot *slot;
	size_t cap, n;       /* slots (a power of two), keys in the table */
	uint64_t *bloom;     /* the filter's bits */
	uint64_t bloom_mask; /* its words, less one */
	bool file;           /* the runs' file is open (at the first run) */
	int fd;
	uint64_t off;
	struct keyset_run *run;
	size_t nrun, caprun;
	uint64_t keys, max; /* keys put, and the most that may be */
};

/* An empty set of at most max keys, with a table of slots slots and a filter
 * of filter_bytes (both rounded up to a power of two; at least 16 slots and
 * 8 bytes). NCT_ERR_NOMEM, and s left empty. A set zeroed or left empty
 * may be freed (keyset_free) as one initialised. */
nct_err keyset_init(struct keyset *s, size_t slots, size_t filter_bytes, uint64_t max);

/* Puts key, first seen on line (not 0): *before is the line it was first put
 * on, or 0 when it is new (then it is remembered with line). NCT_ERR_TOOBIG
 * when a new key would make more than max; NCT_ERR_IO when the file cannot
 * be written or read; NCT_ERR_NOMEM. */
nct_err keyset_put(struct keyset *s, uint64_t key, uint64_t line, uint64_t *before);

/* The bytes the set holds on the heap now. */
size_t keyset_heap_bytes(const struct keyset *s);

/* After an error other than NCT_ERR_TOOBIG, s is only to be freed. */

/* Frees what s holds and closes its file (which the system then removes). */
void keyset_free(struct keyset *s);

#endif

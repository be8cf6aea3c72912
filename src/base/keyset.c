#include "keyset.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOOM_PROBES 4

/* splitmix64's finalizer: a bijection, so that keys of little entropy (a
 * citizen ID's digits) spread over the table and the filter. */
static uint64_t mix(uint64_t k)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9u;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebu;
	return k ^ (k >> 31);
}

static size_t pow2_at_least(size_t n, size_t floor)
{
	size_t p = floor;
	while (p < n && p < ((size_t)1 << (sizeof(size_t) * 8 - 2)))
		p <<= 1;
	return p;
}

nct_err keyset_init(struct keyset *s, size_t slots, size_t filter_bytes, uint64_t max)
{
	memset(s, 0, sizeof *s);
	s->max = max;
	s->cap = pow2_at_least(slots, 16);
	size_t words = pow2_at_least(filter_bytes, 8) / 8;
	s->bloom_mask = (uint64_t)words - 1;
	s->slot = calloc(s->cap, sizeof *s->slot);
	s->bloom = calloc(words, sizeof *s->bloom);
	if (!s->slot || !s->bloom) {
		keyset_free(s);
		return NCT_ERR_NOMEM;
	}
	return NCT_OK;
}

void keyset_free(struct keyset *s)
{
	free(s->slot);
	free(s->bloom);
	for (size_t i = 0; i < s->nrun; i++)
		free(s->run[i].fence);
	free(s->run);
	if (s->file)
		close(s->fd);
	memset(s, 0, sizeof *s);
}

size_t keyset_heap_bytes(const struct keyset *s)
{
	size_t n = s->cap * sizeof *s->slot + (size_t)(s->bloom_mask + 1) * sizeof *s->bloom +
	           s->caprun * sizeof *s->run;
	for (size_t i = 0; i < s->nrun; i++)
		n += (s->run[i].n + KEYSET_BLOCK - 1) / KEYSET_BLOCK * sizeof(uint64_t);
	return n;
}

/* ---- the filter ------------------------------------------------------------ */

/* A blocked filter: a key's BLOOM_PROBES bits are in one word (one cache miss
 * a key instead of one a bit), the word chosen by bits 20.. of the mixed key,
 * the bits by its top 24 (the table's slot is its low bits). */
static uint64_t *bloom_word(const struct keyset *s, uint64_t m)
{
	return &s->bloom[(m >> 20) & s->bloom_mask];
}

static uint64_t bloom_bits(uint64_t m)
{
	uint64_t bits = 0;
	for (int i = 0; i < BLOOM_PROBES; i++)
		bits |= (uint64_t)1 << ((m >> (40 + 6 * i)) & 63);
	return bits;
}

static void bloom_add(struct keyset *s, uint64_t m)
{
	*bloom_word(s, m) |= bloom_bits(m);
}

static bool bloom_has(const struct keyset *s, uint64_t m)
{
	uint64_t bits = bloom_bits(m);
	return (*bloom_word(s, m) & bits) == bits;
}

/* ---- the runs -------------------------------------------------------------- */

static int by_key(const void *a, const void *b)
{
	uint64_t x = ((const struct keyset_slot *)a)->key, y = ((const struct keyset_slot *)b)->key;
	return x < y ? -1 : x > y;
}

static nct_err file_open(struct keyset *s)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/nct-keys-XXXXXX", dir && dir[0] ? dir : "/tmp");
	if (n < 0 || (size_t)n >= sizeof path)
		return NCT_ERR_IO;
	if ((s->fd = mkstemp(path)) < 0)
		return NCT_ERR_IO;
	s->file = true;
	unlink(path);
	return NCT_OK;
}

/* Writes (or reads) n bytes at off, whatever the calls do at once. */
static nct_err file_io(int fd, bool write, void *p, size_t n, uint64_t off)
{
	char *c = p;
	while (n) {
		ssize_t k = write ? pwrite(fd, c, n, (off_t)off) : pread(fd, c, n, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return NCT_ERR_IO;
		c += k;
		n -= (size_t)k;
		off += (uint64_t)k;
	}
	return NCT_OK;
}

/* The table's keys, sorted, written as a run; the table emptied. What can
 * fail without writing is done before the table is sorted in place. */
static nct_err spill(struct keyset *s)
{
	if (s->nrun == s->caprun) {
		size_t cap = s->caprun ? s->caprun * 2 : 16;
		struct keyset_run *r = realloc(s->run, cap * sizeof *r);
		if (!r)
			return NCT_ERR_NOMEM;
		s->run = r;
		s->caprun = cap;
	}
	struct keyset_run *r = &s->run[s->nrun];
	size_t n = s->n, nfence = (n + KEYSET_BLOCK - 1) / KEYSET_BLOCK;
	if (!(r->fence = malloc(nfence * sizeof *r->fence)))
		return NCT_ERR_NOMEM;
	nct_err e = s->file ? NCT_OK : file_open(s);
	if (e) {
		free(r->fence);
		return e;
	}
	for (size_t i = 0, k = 0; i < s->cap; i++)
		if (s->slot[i].key)
			s->slot[k++] = s->slot[i];
	qsort(s->slot, n, sizeof *s->slot, by_key);
	if ((e = file_io(s->fd, true, s->slot, n * sizeof *s->slot, s->off))) {
		free(r->fence);
		s->max = 0; /* the table is no longer one: nothing more is put */
		return e;
	}
	for (size_t b = 0; b < nfence; b++)
		r->fence[b] = s->slot[b * KEYSET_BLOCK].key;
	r->off = s->off;
	r->n = n;
	s->off += n * sizeof *s->slot;
	s->nrun++;
	memset(s->slot, 0, s->cap * sizeof *s->slot);
	s->n = 0;
	return NCT_OK;
}

/* The line of m in run r, or 0. */
static nct_err run_find(const struct keyset *s, const struct keyset_run *r, uint64_t m,
                        uint64_t *line)
{
	size_t nfence = (r->n + KEYSET_BLOCK - 1) / KEYSET_BLOCK, lo = 0, hi = nfence;
	*line = 0;
	if (r->n == 0 || m < r->fence[0])
		return NCT_OK;
	while (hi - lo > 1) { /* the last block whose first key is <= m */
		size_t mid = lo + (hi - lo) / 2;
		if (r->fence[mid] <= m)
			lo = mid;
		else
			hi = mid;
	}
	struct keyset_slot blk[KEYSET_BLOCK];
	size_t k =
	    r->n - lo * KEYSET_BLOCK < KEYSET_BLOCK ? r->n - lo * KEYSET_BLOCK : KEYSET_BLOCK;
	nct_err e =
	    file_io(s->fd, false, blk, k * sizeof *blk, r->off + lo * KEYSET_BLOCK * sizeof *blk);
	if (e)
		return e;
	struct keyset_slot key = {m, 0};
	const struct keyset_slot *f = bsearch(&key, blk, k, sizeof *blk, by_key);
	*line = f ? f->line : 0;
	return NCT_OK;
}

nct_err keyset_put(struct keyset *s, uint64_t key, uint64_t line, uint64_t *before)
{
	uint64_t m = mix(key);
	*before = 0;
	if (!m)
		m = 1;
	size_t j = (size_t)(m & (s->cap - 1));
	while (s->slot[j].key && s->slot[j].key != m)
		j = (j + 1) & (s->cap - 1);
	if (s->slot[j].key) {
		*before = s->slot[j].line;
		return NCT_OK;
	}
	if (s->nrun && bloom_has(s, m))
		for (size_t i = s->nrun; i-- > 0;) {
			nct_err e = run_find(s, &s->run[i], m, before);
			if (e || *before)
				return e;
		}
	if (s->keys >= s->max)
		return NCT_ERR_TOOBIG;
	s->slot[j] = (struct keyset_slot){m, line};
	s->n++;
	s->keys++;
	bloom_add(s, m);
	return 2 * s->n >= s->cap ? spill(s) : NCT_OK;
}

/* pool.c - a bounded pool of connections shared by the server's threads. */
#include "db.h"

#include <pthread.h>
#include <stdlib.h>

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct db **free; /* connections not in use */
	size_t nfree;
	size_t size;
	bool closed;
};

nct_err db_pool_open(const char *uri, size_t size, struct db_pool **out, char *errmsg,
                     size_t errlen)
{
	*out = NULL;
	struct db_pool *p = calloc(1, sizeof *p);
	if (!p)
		return NCT_ERR_NOMEM;
	p->free = calloc(size, sizeof *p->free);
	if (!p->free) {
		free(p);
		return NCT_ERR_NOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->size = size;
	for (size_t i = 0; i < size; i++) {
		nct_err e = db_open(uri, false, &p->free[i], errmsg, errlen);
		if (e) {
			db_pool_close(p);
			return e;
		}
		p->nfree++;
	}
	*out = p;
	return NCT_OK;
}

struct db *db_pool_get(struct db_pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (!p->closed && p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	struct db *db = p->closed ? NULL : p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* Call only when no connection is out. */
void db_pool_close(struct db_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < p->nfree; i++)
		db_close(p->free[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->free);
	free(p);
}

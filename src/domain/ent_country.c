#include "ent_country.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/text.h"
#include "ctx.h"
#include "place.h"

nct_err ent_country_provinces(struct ctx *x, struct date on, struct ent_province **codes, size_t *n,
                              struct refusal *rf)
{
	struct place *units = NULL;
	size_t nunits = 0;
	*codes = NULL;
	*n = 0;
	if (!x->scope.all)
		return refuse(rf, NCT_ERR_DENIED, RF_PLACE_OUTSIDE, "place", "s", ENT_COUNTRY);
	nct_err e = place_children(x, 0, on, &units, &nunits); /* by code */
	if (!e && nunits && !(*codes = calloc(nunits, sizeof **codes)))
		e = NCT_ERR_NOMEM;
	for (size_t i = 0; !e && i < nunits; i++)
		text_copy((*codes)[i].code, sizeof(*codes)[i].code, units[i].code);
	if (!e)
		*n = nunits;
	free(units);
	return e;
}

/* What the workers share: the next province not taken, and the first
 * failure by the provinces' order. */
struct country_run {
	const struct ent_province *codes;
	size_t n;
	ent_province_fn fn;
	void *arg;
	pthread_mutex_t mu;
	size_t next;
	size_t failed_at; /* n: none failed */
	nct_err e;
	struct refusal rf;
};

struct worker {
	struct country_run *run;
	struct ctx *x;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct country_run *r = w->run;
	for (;;) {
		pthread_mutex_lock(&r->mu);
		size_t i = r->failed_at == r->n ? r->next++ : r->n;
		pthread_mutex_unlock(&r->mu);
		if (i >= r->n)
			return NULL;
		struct refusal rf = {0};
		nct_err e = r->fn(w->x, i, r->codes[i].code, r->arg, &rf);
		if (!e)
			continue;
		pthread_mutex_lock(&r->mu);
		if (i < r->failed_at) {
			r->failed_at = i;
			r->e = e;
			r->rf = rf;
		}
		pthread_mutex_unlock(&r->mu);
	}
}

nct_err ent_country_each(struct ctx *const *xs, size_t nx, const struct ent_province *codes,
                         size_t n, ent_province_fn fn, void *arg, struct refusal *rf)
{
	struct country_run r = {.codes = codes, .n = n, .fn = fn, .arg = arg, .failed_at = n};
	struct worker w[ENT_COUNTRY_WORKERS_MAX];
	pthread_t t[ENT_COUNTRY_WORKERS_MAX];
	bool started[ENT_COUNTRY_WORKERS_MAX] = {false};
	if (nx < 1 || nx > ENT_COUNTRY_WORKERS_MAX)
		return NCT_ERR_INVALID;
	if (pthread_mutex_init(&r.mu, NULL))
		return NCT_ERR_NOMEM;
	for (size_t k = 0; k < nx; k++)
		w[k] = (struct worker){&r, xs[k]};
	for (size_t k = 1; k < nx; k++)
		started[k] = pthread_create(&t[k], NULL, work, &w[k]) == 0;
	work(&w[0]);
	for (size_t k = 1; k < nx; k++)
		if (started[k])
			pthread_join(t[k], NULL);
	pthread_mutex_destroy(&r.mu);
	if (r.failed_at < n && rf)
		*rf = r.rf;
	return r.failed_at < n ? r.e : NCT_OK;
}

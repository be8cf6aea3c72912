/* page_programme.h - the programme's indicators: the page and its JSON (page_programme.c). */
#ifndef NCT_PAGE_PROGRAMME_H
#define NCT_PAGE_PROGRAMME_H

#include "../domain/indicator.h"
#include "request.h"

void page_programme(struct req *r);          /* GET /programme */
void api_indicators_clubs(struct req *r);    /* GET /api/v1/indicators/clubs */
void page_programme_communes(struct req *r); /* GET /programme/communes */

/* The query of the programme's pages (?plan, ?place, ?period, ?window, ?date),
 * shared with the clubs list's ?indicator=; false, answered, when malformed. */
bool programme_query(struct req *r, struct indicator_query *q);
/* Answers a refusal of indicators_clubs and its kin. */
void programme_error(struct req *r, nct_err e);
/* "date=…&amp;place=…" that asks for rep's window and place again. */
void programme_link_query(struct req *r, const struct indicator_report *rep);
/* A figure as the page shows it: shares rounded half up to 0,1 %. */
int64_t programme_shown(const struct indicator *d);
void programme_value(struct req *r, const struct indicator *d);
void programme_indicator_name(struct req *r, const struct indicator *d);
/* One figure as an inline SVG bar against its target's band, the numbers
 * beside (an <li> of a <ul class="chart">). */
void programme_chart_row(struct req *r, const struct indicator *d);

#endif

/* page_programme.h - the programme's indicators: the page and its JSON (page_programme.c). */
#ifndef NCT_PAGE_PROGRAMME_H
#define NCT_PAGE_PROGRAMME_H

#include "request.h"

void page_programme(struct req *r);       /* GET /programme */
void api_indicators_clubs(struct req *r); /* GET /api/v1/indicators/clubs */

#endif

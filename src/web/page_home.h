/* page_home.h - the home page (dashboard) (page_home.c). */
#ifndef NCT_PAGE_HOME_H
#define NCT_PAGE_HOME_H

#include "request.h"

void page_home(struct req *r); /* GET / */

#endif

/* indicator_register.h - the register's figures as indicators a report can
 * carry (issue 10, part 3): counts of the people of a place on the last day of
 * a period, from the register, the entitlement decisions, the health cards and
 * the celebrations given. What each counts, and on which day, is
 * docs/reports.md ("The register's figures").
 *
 * A figure is a position in one space with the clubs' indicators: 0 ..
 * IND_COUNT-1 are indicator.h's, IND_COUNT .. FIGURE_COUNT-1 the register's,
 * so that a submission's values and a roll-up hold either. Which of them a
 * plan's reports carry is data: the clubs' when the plan defines them
 * (plan_indicators), the register's those its lines name
 * (plan_register_figures, migration 0020). The age from which a person is
 * older is the composition rule's older_age in force on the day (dated data,
 * as the register's lists read it). */
#ifndef NCT_INDICATOR_REGISTER_H
#define NCT_INDICATOR_REGISTER_H

#include <stdbool.h>
#include <stdint.h>
#include "../base/date.h"
#include "../base/err.h"
#include "indicator.h"
#include "place.h"

struct ctx;

enum register_figure {
	REG_OLDER,       /* living people aged older_age or more on the day */
	REG_ALLOWANCE,   /* people paid a monthly allowance in the day's month */
	REG_HEALTH_CARD, /* older people (as REG_OLDER) with a card valid on the day */
	REG_CELEBRATED,  /* people whose longevity gift of the day's year was given */
	REG_COUNT
};

#define FIGURE_COUNT (IND_COUNT + REG_COUNT)

/* The register's figures of a place's territory on a day (its subtrees in
 * force then and those of the units it was formed from, within x's scope),
 * or of the whole scope when pl is NULL. */
struct register_figures {
	int older_age; /* the age counted from, as in force on the day */
	int64_t value[REG_COUNT];
};
nct_err register_figures_of(struct ctx *x, const struct place *pl, struct date day,
                            struct register_figures *out);

/* The figures a plan's reports carry: plan_register_figures rows of the
 * plan's id (its file's, "kh-2024-ban-nct-kon-tum"), as flags by
 * enum register_figure. */
nct_err register_figures_owned(struct ctx *x, const char *plan_slug, bool owned[REG_COUNT]);

/* The definition of a figure of either kind (indicator_def's, or the
 * register's: a count, never a share, with no target), by code; its
 * position in the one space (-1: unknown); the code at a position. */
bool figure_def(const char *code, struct indicator *out);
int figure_position(const char *code);
const char *figure_code_at(int i);

#endif

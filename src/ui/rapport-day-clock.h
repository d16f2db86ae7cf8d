/* rapport-day-clock.h: tells rows that say "today" that a new day began
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DAY_CLOCK (rapport_day_clock_get_type ())

G_DECLARE_FINAL_TYPE (RapportDayClock, rapport_day_clock, RAPPORT, DAY_CLOCK, GObject)

RapportDayClock *_rapport_day_clock_get_default (void);
void             _rapport_day_clock_check       (RapportDayClock *self);

G_END_DECLS

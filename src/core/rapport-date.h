/* rapport-date.h: calendar dates and timestamps as Rapport stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Day dates (due, agreed on, occurred on) are GDates, stored and exported
 * as "YYYY-MM-DD". Moments (created, delivered at…) are UTC GDateTimes with
 * whole seconds, exported as ISO 8601 with a "Z".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Years outside this range are almost certainly typing mistakes, and SQLite's
 * date functions only cover 0000–9999 anyway. */
#define RAPPORT_DATE_MIN_YEAR 1000
#define RAPPORT_DATE_MAX_YEAR 9999

GDate      *rapport_date_parse              (const char   *text,
                                             GError      **error);
char       *rapport_date_to_iso             (const GDate  *date);
GDate      *rapport_date_new_dmy            (GDateDay      day,
                                             GDateMonth    month,
                                             GDateYear     year);
GTimeZone  *rapport_date_dup_local_zone     (void);
GDate      *rapport_date_new_today          (void);
GDate      *rapport_date_new_local          (GDateTime    *moment);
gboolean    rapport_date_moment_after_day   (GDateTime    *moment,
                                             const GDate  *day);
GDate      *rapport_date_copy               (const GDate  *date);
int         rapport_date_compare            (const GDate  *a,
                                             const GDate  *b);
gboolean    rapport_date_equal              (const GDate  *a,
                                             const GDate  *b);
int         rapport_date_days_between       (const GDate  *from,
                                             const GDate  *to);

GDateTime  *rapport_date_time_parse_iso     (const char   *text,
                                             GError      **error);
char       *rapport_date_time_to_iso        (GDateTime    *moment);
GDateTime  *rapport_date_time_new_unix      (gint64        seconds);
gboolean    rapport_date_time_equal         (GDateTime    *a,
                                             GDateTime    *b);

G_END_DECLS

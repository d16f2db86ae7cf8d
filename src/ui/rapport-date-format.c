/* rapport-date-format.c: dates in the words of the app's own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_date_time_format() takes the names of days and months from the
 * locale's LC_TIME, which need not be the language the app speaks: with
 * LANGUAGE=es and no Spanish locale installed, the Spanish "%a, %-d de %b"
 * gave "Mon, 7 de Dec". The names come from the app's translations
 * instead, so that one date reads in one language.
 */
#define G_LOG_DOMAIN "rapport-date-format"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-format.h"

/* Monday first, as g_date_time_get_day_of_week() counts */
static const char *
weekday_name (int      day,
              gboolean full)
{
  switch (day)
    {
    case 1: return full ? C_("weekday", "Monday") : C_("abbreviated weekday", "Mon");
    case 2: return full ? C_("weekday", "Tuesday") : C_("abbreviated weekday", "Tue");
    case 3: return full ? C_("weekday", "Wednesday") : C_("abbreviated weekday", "Wed");
    case 4: return full ? C_("weekday", "Thursday") : C_("abbreviated weekday", "Thu");
    case 5: return full ? C_("weekday", "Friday") : C_("abbreviated weekday", "Fri");
    case 6: return full ? C_("weekday", "Saturday") : C_("abbreviated weekday", "Sat");
    case 7: return full ? C_("weekday", "Sunday") : C_("abbreviated weekday", "Sun");
    default: g_return_val_if_reached ("");
    }
}

static const char *
month_name (int      month,
            gboolean full)
{
  switch (month)
    {
    case 1: return full ? C_("month", "January") : C_("abbreviated month", "Jan");
    case 2: return full ? C_("month", "February") : C_("abbreviated month", "Feb");
    case 3: return full ? C_("month", "March") : C_("abbreviated month", "Mar");
    case 4: return full ? C_("month", "April") : C_("abbreviated month", "Apr");
    case 5: return full ? C_("month", "May") : C_("abbreviated month", "May");
    case 6: return full ? C_("month", "June") : C_("abbreviated month", "Jun");
    case 7: return full ? C_("month", "July") : C_("abbreviated month", "Jul");
    case 8: return full ? C_("month", "August") : C_("abbreviated month", "Aug");
    case 9: return full ? C_("month", "September") : C_("abbreviated month", "Sep");
    case 10: return full ? C_("month", "October") : C_("abbreviated month", "Oct");
    case 11: return full ? C_("month", "November") : C_("abbreviated month", "Nov");
    case 12: return full ? C_("month", "December") : C_("abbreviated month", "Dec");
    default: g_return_val_if_reached ("");
    }
}

/**
 * _rapport_date_time_format:
 * @moment: a moment, in the time zone to show it in
 * @format: as for g_date_time_format()
 *
 * g_date_time_format(), with %a, %A, %b and %B (and %h) in the words of
 * the app's translation.
 *
 * Returns: (transfer full): the text, or %NULL where g_date_time_format()
 *   gives %NULL
 */
char *
_rapport_date_time_format (GDateTime  *moment,
                           const char *format)
{
  g_autoptr(GString) expanded = g_string_new (NULL);

  g_return_val_if_fail (moment != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      const char *name = NULL;

      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (expanded, *p);
          continue;
        }

      switch (p[1])
        {
        case 'a':
          name = weekday_name (g_date_time_get_day_of_week (moment), FALSE);
          break;
        case 'A':
          name = weekday_name (g_date_time_get_day_of_week (moment), TRUE);
          break;
        case 'b':
        case 'h':
          name = month_name (g_date_time_get_month (moment), FALSE);
          break;
        case 'B':
          name = month_name (g_date_time_get_month (moment), TRUE);
          break;
        default:
          break;
        }

      if (name == NULL)
        {
          /* Another conversion, "%%" included, for g_date_time_format() */
          g_string_append_c (expanded, *p++);
          g_string_append_c (expanded, *p);
          continue;
        }

      /* A name is text, not a format: its own "%" would be one */
      for (const char *n = name; *n != '\0'; n++)
        {
          if (*n == '%')
            g_string_append_c (expanded, '%');
          g_string_append_c (expanded, *n);
        }
      p++;
    }

  return g_date_time_format (moment, expanded->str);
}

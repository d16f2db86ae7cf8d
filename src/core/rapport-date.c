/* rapport-date.c: calendar dates and timestamps as Rapport stores them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-record.h"

static gboolean
parse_number (const char *text,
              guint       digits,
              guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

GDate *
rapport_date_parse (const char  *text,
                    GError     **error)
{
  g_autofree char *stripped = NULL;
  guint year, month, day;

  if (text == NULL || *(stripped = g_strstrip (g_strdup (text))) == '\0')
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("The date is empty; write it as YYYY-MM-DD"));
      return NULL;
    }

  if (strlen (stripped) != 10 || stripped[4] != '-' || stripped[7] != '-' ||
      !parse_number (stripped, 4, &year) ||
      !parse_number (stripped + 5, 2, &month) ||
      !parse_number (stripped + 8, 2, &day))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("“%s” is not a date; write it as YYYY-MM-DD"), stripped);
      return NULL;
    }

  if (year < RAPPORT_DATE_MIN_YEAR || year > RAPPORT_DATE_MAX_YEAR)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("The year %u is out of range (%d to %d)"), year, RAPPORT_DATE_MIN_YEAR, RAPPORT_DATE_MAX_YEAR);
      return NULL;
    }

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("“%s” is not a day of the calendar"), stripped);
      return NULL;
    }

  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

char *
rapport_date_to_iso (const GDate *date)
{
  guint year, month, day;
  char *text;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  /* Without printf: a backup writes, and an import reads, every date */
  year = g_date_get_year (date);
  month = g_date_get_month (date);
  day = g_date_get_day (date);
  if (year > 9999)
    return g_strdup_printf ("%u-%02u-%02u", year, month, day);

  text = g_malloc (sizeof "YYYY-MM-DD");
  text[0] = (char) ('0' + year / 1000);
  text[1] = (char) ('0' + year / 100 % 10);
  text[2] = (char) ('0' + year / 10 % 10);
  text[3] = (char) ('0' + year % 10);
  text[4] = '-';
  text[5] = (char) ('0' + month / 10);
  text[6] = (char) ('0' + month % 10);
  text[7] = '-';
  text[8] = (char) ('0' + day / 10);
  text[9] = (char) ('0' + day % 10);
  text[10] = '\0';
  return text;
}

GDate *
rapport_date_new_dmy (GDateDay   day,
                      GDateMonth month,
                      GDateYear  year)
{
  g_return_val_if_fail (g_date_valid_dmy (day, month, year), NULL);

  return g_date_new_dmy (day, month, year);
}

/**
 * rapport_date_dup_local_zone:
 *
 * The local time zone, kept until the TZ variable changes. GLib 2.74
 * reads /etc/localtime again at each call of its local-time functions
 * when TZ is not set, as on most desktops: 7 µs a call, 31,000 calls on
 * the main thread in a tour of the views (dates in every row shown).
 * Later GLib keeps the zone in the same way.
 *
 * Returns: (transfer full): the local time zone
 */
GTimeZone *
rapport_date_dup_local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz;
  const char *tz = g_getenv ("TZ");
  GTimeZone *result;

  g_mutex_lock (&lock);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);

  return result;
}

GDate *
rapport_date_new_local (GDateTime *moment)
{
  g_autoptr(GTimeZone) zone = rapport_date_dup_local_zone ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (moment != NULL, NULL);

  local = g_date_time_to_timezone (moment, zone);
  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                         (GDateMonth) g_date_time_get_month (local),
                         (GDateYear) g_date_time_get_year (local));
}

/**
 * rapport_date_moment_after_day:
 * @moment: (nullable): a moment
 * @day: a calendar day
 *
 * Returns: whether @moment falls, in local time, on a day after @day; not
 *   when there is no moment
 */
gboolean
rapport_date_moment_after_day (GDateTime   *moment,
                               const GDate *day)
{
  g_autoptr(GDate) local = NULL;

  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  if (moment == NULL)
    return FALSE;

  local = rapport_date_new_local (moment);
  return g_date_compare (local, day) > 0;
}

GDate *
rapport_date_new_today (void)
{
  g_autoptr(GTimeZone) zone = rapport_date_dup_local_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return rapport_date_new_local (now);
}

GDate *
rapport_date_copy (const GDate *date)
{
  return date != NULL ? g_date_copy (date) : NULL;
}

/* NULL sorts before an invalid (unset) GDate, which sorts before any date */
int
rapport_date_compare (const GDate *a,
                      const GDate *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) - g_date_valid (b);

  return g_date_compare (a, b);
}

gboolean
rapport_date_equal (const GDate *a,
                    const GDate *b)
{
  return rapport_date_compare (a, b) == 0;
}

int
rapport_date_days_between (const GDate *from,
                           const GDate *to)
{
  g_return_val_if_fail (from != NULL && to != NULL, 0);

  return g_date_days_between (from, to);
}

/* Days from 1970-01-01 to the given day of the proleptic Gregorian
 * calendar (the days_from_civil() of H. Hinnant's date algorithms) */
static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era;
  guint year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = (guint) (year - era * 400);
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + (gint64) day_of_era - 719468;
}

/* A moment written exactly as Rapport writes them, "YYYY-MM-DDTHH:MM:SSZ",
 * read without GDateTime's parser: a restore reads three a row, and the
 * parser took a twelfth of its reading thread (callgrind). FALSE for
 * anything else, which the parser reads (or refuses) as before. */
static gboolean
parse_written_moment (const char *text,
                      gint64     *unix_time)
{
  guint year, month, day, hour, minute, second;

  if (strlen (text) != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z' ||
      !parse_number (text, 4, &year) || !parse_number (text + 5, 2, &month) ||
      !parse_number (text + 8, 2, &day) || !parse_number (text + 11, 2, &hour) ||
      !parse_number (text + 14, 2, &minute) || !parse_number (text + 17, 2, &second))
    return FALSE;

  if (year < RAPPORT_DATE_MIN_YEAR || year > RAPPORT_DATE_MAX_YEAR ||
      month < 1 || month > 12 || day < 1 || day > g_date_get_days_in_month (month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *unix_time = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

GDateTime *
rapport_date_time_parse_iso (const char  *text,
                             GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  gint64 unix_time;

  if (text != NULL && parse_written_moment (text, &unix_time))
    return rapport_date_time_new_unix (unix_time);

  utc = g_time_zone_new_utc ();
  if (text != NULL)
    parsed = g_date_time_new_from_iso8601 (text, utc);

  if (parsed == NULL ||
      g_date_time_get_year (parsed) < RAPPORT_DATE_MIN_YEAR ||
      g_date_time_get_year (parsed) > RAPPORT_DATE_MAX_YEAR)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("“%s” is not a date and time in ISO 8601 form"),
                   text != NULL ? text : "");
      return NULL;
    }

  return rapport_date_time_new_unix (g_date_time_to_unix (parsed));
}

char *
rapport_date_time_to_iso (GDateTime *moment)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (moment != NULL, NULL);

  utc = g_date_time_to_utc (moment);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
rapport_date_time_new_unix (gint64 seconds)
{
  return g_date_time_new_from_unix_utc (seconds);
}

gboolean
rapport_date_time_equal (GDateTime *a,
                         GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

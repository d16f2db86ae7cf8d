/* test-date.c: parsing and formatting dates and moments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-date.h"
#include "rapport-record.h"

static void
test_date_parse_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = rapport_date_parse (" 2024-02-29 ", &error);
  g_autofree char *iso = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (date), ==, 2024);
  g_assert_cmpint (g_date_get_month (date), ==, 2);
  g_assert_cmpint (g_date_get_day (date), ==, 29);

  iso = rapport_date_to_iso (date);
  g_assert_cmpstr (iso, ==, "2024-02-29");
}

static void
test_date_parse_invalid (void)
{
  const char *bad[] = {
    "", "   ", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "24-01-01",
    "2024/01/01", "tomorrow", "2024-01-01x", "0999-01-01", "10000-01-01", "2024-04-31",
    "２０２４-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDate) date = rapport_date_parse (bad[i], &error);

      g_assert_null (date);
      g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
      g_assert_cmpstr (error->message, !=, "");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDate) date = rapport_date_parse (NULL, &error);

    g_assert_null (date);
    g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
  }
}

static void
test_date_time_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) moment = rapport_date_time_parse_iso ("2025-03-30T01:30:00+02:00", &error);
  g_autofree char *iso = NULL;

  g_assert_no_error (error);
  iso = rapport_date_time_to_iso (moment);
  g_assert_cmpstr (iso, ==, "2025-03-29T23:30:00Z");

  g_clear_pointer (&moment, g_date_time_unref);
  moment = rapport_date_time_parse_iso ("yesterday", &error);
  g_assert_null (moment);
  g_assert_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE);
}

/* Moments written as Rapport writes them are read without GDateTime's
 * parser: they must read exactly as the parser reads them */
static void
test_date_time_written_form (void)
{
  static const char * const texts[] = {
    "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-11-23T04:01:37Z",
    "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2000-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2100-03-01T00:00:00Z", "1000-01-01T00:00:00Z",
    "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2024-04-31T00:00:00Z",
    "2024-00-10T00:00:00Z", "2024-13-10T00:00:00Z", "2024-01-00T00:00:00Z",
    "2024-01-10T24:00:00Z", "2024-01-10T23:60:00Z", "2024-01-10T23:59:60Z",
    "2024-01-10t10:00:00z", "2024-01-10T10:00:00", "2024-01-10T10:00:00.5Z",
    "2024-1-10T10:00:00Z", "2024-01-10T10:00:00+00:00", "+024-01-10T10:00:00Z",
    "2024-01-10 10:00:00Z", "２０２４-01-10T10:00:00Z", "",
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);

  for (guint i = 0; i < G_N_ELEMENTS (texts) + 2000; i++)
    {
      g_autofree char *random = NULL;
      const char *text = i < G_N_ELEMENTS (texts) ? texts[i] : NULL;
      g_autoptr(GDateTime) expected = NULL;
      g_autoptr(GDateTime) moment = NULL;

      if (text == NULL)
        text = random = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                                         g_rand_int_range (rand, 990, 10010),
                                         g_rand_int_range (rand, 0, 14),
                                         g_rand_int_range (rand, 0, 33),
                                         g_rand_int_range (rand, 0, 25),
                                         g_rand_int_range (rand, 0, 61),
                                         g_rand_int_range (rand, 0, 61));

      expected = g_date_time_new_from_iso8601 (text, utc);
      if (expected != NULL && (g_date_time_get_year (expected) < RAPPORT_DATE_MIN_YEAR ||
                               g_date_time_get_year (expected) > RAPPORT_DATE_MAX_YEAR))
        g_clear_pointer (&expected, g_date_time_unref);

      moment = rapport_date_time_parse_iso (text, NULL);
      if (expected == NULL)
        g_assert_null (moment);
      else
        {
          g_assert_nonnull (moment);
          g_assert_cmpint (g_date_time_to_unix (moment), ==, g_date_time_to_unix (expected));
          g_assert_cmpint (g_date_time_get_utc_offset (moment), ==, 0);
        }
    }
}

static void
test_date_to_iso (void)
{
  static const struct { GDateDay day; GDateMonth month; GDateYear year; const char *iso; } dates[] = {
    { 1, 1, 1000, "1000-01-01" }, { 31, 12, 9999, "9999-12-31" }, { 29, 2, 2024, "2024-02-29" },
    { 9, 10, 2026, "2026-10-09" }, { 1, 1, 1, "0001-01-01" }, { 5, 6, 12345, "12345-06-05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GDate) date = g_date_new_dmy (dates[i].day, dates[i].month, dates[i].year);
      g_autofree char *iso = rapport_date_to_iso (date);

      g_assert_cmpstr (iso, ==, dates[i].iso);
    }
}

static void
test_date_compare_null (void)
{
  g_autoptr(GDate) a = rapport_date_new_dmy (1, 1, 2024);
  g_autoptr(GDate) b = rapport_date_new_dmy (2, 1, 2024);

  g_assert_cmpint (rapport_date_compare (NULL, NULL), ==, 0);
  g_assert_cmpint (rapport_date_compare (NULL, a), <, 0);
  g_assert_cmpint (rapport_date_compare (a, NULL), >, 0);
  g_assert_cmpint (rapport_date_compare (a, b), <, 0);
  g_assert_true (rapport_date_equal (a, a));
  g_assert_false (rapport_date_equal (a, b));
  g_assert_cmpint (rapport_date_days_between (a, b), ==, 1);
}

/* The local zone is kept while TZ stays the same, unset as on most
 * desktops, and follows TZ when it changes */
static void
test_date_local_zone (void)
{
  g_autoptr(GTimeZone) first = NULL;
  g_autoptr(GTimeZone) again = NULL;
  g_autoptr(GTimeZone) auckland = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  /* Noon UTC on 1 January 2030 is the next day, 01:00, in Auckland (NZDT) */
  g_autoptr(GDateTime) noon = g_date_time_new_utc (2030, 1, 1, 12, 0, 0);
  g_autoptr(GDate) auckland_day = NULL;
  g_autoptr(GDate) utc_day = NULL;

  g_unsetenv ("TZ");
  first = rapport_date_dup_local_zone ();
  again = rapport_date_dup_local_zone ();
  g_assert_true (first == again);

  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  auckland = rapport_date_dup_local_zone ();
  g_assert_cmpstr (g_time_zone_get_identifier (auckland), ==, "Pacific/Auckland");
  auckland_day = rapport_date_new_local (noon);
  g_assert_cmpint (g_date_get_day (auckland_day), ==, 2);

  g_setenv ("TZ", "UTC", TRUE);
  utc = rapport_date_dup_local_zone ();
  g_assert_cmpstr (g_time_zone_get_identifier (utc), ==, "UTC");
  utc_day = rapport_date_new_local (noon);
  g_assert_cmpint (g_date_get_day (utc_day), ==, 1);
  g_unsetenv ("TZ");
}

/* A moment is after a day by the local calendar: 01:00 on 2 January in
 * Auckland is noon on 1 January in UTC */
static void
test_moment_after_day (void)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (2030, 1, 1, 12, 0, 0);
  g_autoptr(GDate) first = rapport_date_new_dmy (1, G_DATE_JANUARY, 2030);
  g_autoptr(GDate) second = rapport_date_new_dmy (2, G_DATE_JANUARY, 2030);

  g_setenv ("TZ", "UTC", TRUE);
  g_assert_false (rapport_date_moment_after_day (noon, first));
  g_assert_false (rapport_date_moment_after_day (NULL, first));

  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  g_assert_true (rapport_date_moment_after_day (noon, first));
  g_assert_false (rapport_date_moment_after_day (noon, second));
  g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_date_parse_valid);
  g_test_add_func ("/date/moment-after-day", test_moment_after_day);
  g_test_add_func ("/date/parse/invalid", test_date_parse_invalid);
  g_test_add_func ("/date/to-iso/digits", test_date_to_iso);
  g_test_add_func ("/date/date-time/round-trip", test_date_time_round_trip);
  g_test_add_func ("/date/date-time/written-form", test_date_time_written_form);
  g_test_add_func ("/date/compare/null", test_date_compare_null);
  g_test_add_func ("/date/local-zone", test_date_local_zone);

  return g_test_run ();
}

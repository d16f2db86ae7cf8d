/* test-stats.c: reliability as rapport-stats.h defines it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "rapport-stats.h"
#include "rapport-test-util.h"

/* "Now" for these tests: today is 2026-06-15 in UTC */
#define NOW "2026-06-15T12:00:00Z"

typedef struct
{
  char          *dir;
  RapportStore  *store;
  RapportClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
  fixture->client = rapport_test_add_client (fixture->store, "Acme");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GDateTime *
moment (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDateTime *parsed = rapport_date_time_parse_iso (iso, &error);

  g_assert_no_error (error);
  return parsed;
}

static GDate *
date (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate *parsed = rapport_date_parse (iso, &error);

  g_assert_no_error (error);
  return parsed;
}

/* A commitment due on @due; delivered at @delivered_at when given, or
 * dropped when @delivered_at is "dropped" */
static RapportCommitment *
add_commitment (Fixture       *fixture,
                RapportClient *client,
                const char    *due,
                const char    *delivered_at)
{
  g_autoptr(GError) error = NULL;
  RapportCommitment *commitment;

  commitment = rapport_test_add_commitment (fixture->store, client ? client : fixture->client,
                                            "Deliver the thing", due);
  if (g_strcmp0 (delivered_at, "dropped") == 0)
    {
      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DROPPED);
      rapport_commitment_set_drop_reason (commitment, "No longer needed");
    }
  else if (delivered_at != NULL)
    {
      g_autoptr(GDateTime) at = moment (delivered_at);

      rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
      rapport_commitment_set_delivered_at (commitment, at);
    }

  rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error);
  g_assert_no_error (error);
  return commitment;
}

/* Moves @commitment's due date from @old_due to @new_due, as the app does */
static void
renegotiate (Fixture           *fixture,
             RapportCommitment *commitment,
             const char        *old_due,
             const char        *new_due,
             gboolean           agreed,
             const char        *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  g_autoptr(GDate) old_date = date (old_due);
  g_autoptr(GDate) new_date = date (new_due);
  g_autoptr(GDateTime) when = moment (at);

  renegotiation = rapport_renegotiation_new (rapport_record_get_id (RAPPORT_RECORD (commitment)));
  rapport_renegotiation_set_old_due (renegotiation, old_date);
  rapport_renegotiation_set_new_due (renegotiation, new_date);
  rapport_renegotiation_set_reason (renegotiation, "More time needed");
  rapport_renegotiation_set_client_agreed (renegotiation, agreed);
  rapport_renegotiation_set_renegotiated_at (renegotiation, when);
  rapport_store_save (fixture->store, RAPPORT_RECORD (renegotiation), &error);
  g_assert_no_error (error);

  rapport_commitment_set_due (commitment, new_date);
  rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error);
  g_assert_no_error (error);
}

static RapportReliability
reliability_at (Fixture       *fixture,
                RapportPeriod  period,
                gint64         client_id,
                const char    *now_iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = moment (now_iso);
  RapportReliability reliability;

  rapport_stats_get_reliability (fixture->store, period, client_id, now, &reliability, &error);
  g_assert_no_error (error);
  return reliability;
}

static RapportReliability
reliability (Fixture       *fixture,
             RapportPeriod  period)
{
  return reliability_at (fixture, period, 0, NOW);
}

static void
assert_counts (RapportReliability r,
               guint64            kept,
               guint64            late,
               guint64            dropped,
               guint64            open)
{
  g_assert_cmpuint (r.kept, ==, kept);
  g_assert_cmpuint (r.late, ==, late);
  g_assert_cmpuint (r.dropped, ==, dropped);
  g_assert_cmpuint (r.open, ==, open);
}

static void
test_no_figure (Fixture       *fixture,
                gconstpointer  data)
{
  RapportReliability r = reliability (fixture, RAPPORT_PERIOD_ALL);
  g_autoptr(RapportCommitment) later = NULL;

  assert_counts (r, 0, 0, 0, 0);
  g_assert_false (rapport_reliability_has_figure (&r));
  g_assert_cmpint (rapport_reliability_get_percent (&r), ==, -1);
  g_assert_cmpfloat (rapport_reliability_get_share (&r), <, 0);

  /* Open and not yet due: nothing is decided, so still no figure, not 0 % */
  later = add_commitment (fixture, NULL, "2026-07-01", NULL);
  r = reliability (fixture, RAPPORT_PERIOD_ALL);
  assert_counts (r, 0, 0, 0, 1);
  g_assert_false (rapport_reliability_has_figure (&r));
}

static void
test_agreed_renegotiation_moves_due (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(GDateTime) delivered = moment ("2026-06-08T10:00:00Z");
  g_autoptr(GError) error = NULL;
  RapportReliability r;

  renegotiate (fixture, commitment, "2026-06-01", "2026-06-10", TRUE, "2026-05-30T09:00:00Z");
  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (commitment, delivered);
  rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error);
  g_assert_no_error (error);

  r = reliability (fixture, RAPPORT_PERIOD_ALL);
  assert_counts (r, 1, 0, 0, 0);
  g_assert_cmpint (rapport_reliability_get_percent (&r), ==, 100);
  g_assert_cmpfloat (rapport_reliability_get_share (&r), ==, 1.0);
}

static void
test_unagreed_renegotiation_keeps_due (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(GDateTime) delivered = moment ("2026-06-08T10:00:00Z");
  g_autoptr(GError) error = NULL;
  RapportReliability r;

  /* The date moved on the calendar, but the client never agreed */
  renegotiate (fixture, commitment, "2026-06-01", "2026-06-10", FALSE, "2026-05-30T09:00:00Z");
  rapport_commitment_set_status (commitment, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (commitment, delivered);
  rapport_store_save (fixture->store, RAPPORT_RECORD (commitment), &error);
  g_assert_no_error (error);

  r = reliability (fixture, RAPPORT_PERIOD_ALL);
  assert_counts (r, 0, 1, 0, 0);
  g_assert_true (rapport_reliability_has_figure (&r));
  g_assert_cmpint (rapport_reliability_get_percent (&r), ==, 0);
}

static void
test_renegotiation_chain (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RapportCommitment) first = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) second = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(GDateTime) delivered_first = moment ("2026-06-07T10:00:00Z");
  g_autoptr(GDateTime) delivered_second = moment ("2026-06-22T10:00:00Z");
  g_autoptr(GError) error = NULL;

  /* Agreed to the 5th, then moved to the 12th alone: due the 5th */
  renegotiate (fixture, first, "2026-06-01", "2026-06-05", TRUE, "2026-05-20T09:00:00Z");
  renegotiate (fixture, first, "2026-06-05", "2026-06-12", FALSE, "2026-06-04T09:00:00Z");
  rapport_commitment_set_status (first, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (first, delivered_first);
  rapport_store_save (fixture->store, RAPPORT_RECORD (first), &error);
  g_assert_no_error (error);

  /* Moved alone to the 20th, then agreed from there to the 25th: due the
   * 25th, since the client agreed to that date */
  renegotiate (fixture, second, "2026-06-01", "2026-06-20", FALSE, "2026-05-20T09:00:00Z");
  renegotiate (fixture, second, "2026-06-20", "2026-06-25", TRUE, "2026-06-10T09:00:00Z");
  rapport_commitment_set_status (second, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (second, delivered_second);
  rapport_store_save (fixture->store, RAPPORT_RECORD (second), &error);
  g_assert_no_error (error);

  assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, 0, "2026-06-30T12:00:00Z"),
                 1, 1, 0, 0);
}

static void
test_dropped_counts_against (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RapportCommitment) kept = add_commitment (fixture, NULL, "2026-06-10",
                                                      "2026-06-09T12:00:00Z");
  g_autoptr(RapportCommitment) dropped = add_commitment (fixture, NULL, "2026-06-11", "dropped");
  RapportReliability r = reliability (fixture, RAPPORT_PERIOD_ALL);

  assert_counts (r, 1, 0, 1, 0);
  g_assert_cmpint (rapport_reliability_get_percent (&r), ==, 50);
  g_assert_cmpfloat (rapport_reliability_get_share (&r), ==, 0.5);
}

static void
test_open_overdue_is_late (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RapportCommitment) overdue = add_commitment (fixture, NULL, "2026-06-14", NULL);
  g_autoptr(RapportCommitment) today = add_commitment (fixture, NULL, "2026-06-15", NULL);
  g_autoptr(RapportCommitment) later = add_commitment (fixture, NULL, "2026-06-20", NULL);

  /* Due today is not late yet; due later is outside "last 30 days" */
  assert_counts (reliability (fixture, RAPPORT_PERIOD_LAST_30), 0, 1, 0, 1);
  assert_counts (reliability (fixture, RAPPORT_PERIOD_ALL), 0, 1, 0, 2);
}

static void
test_period_edges (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Today is 2026-06-15: the last 30 days start on 2026-05-17 */
  g_autoptr(RapportCommitment) first_day = add_commitment (fixture, NULL, "2026-05-17",
                                                           "2026-05-17T08:00:00Z");
  g_autoptr(RapportCommitment) day_before = add_commitment (fixture, NULL, "2026-05-16",
                                                            "2026-05-20T08:00:00Z");
  /* 2026-03-18 is the first of the last 90 days, 2025-06-16 of the last 365 */
  g_autoptr(RapportCommitment) ninety = add_commitment (fixture, NULL, "2026-03-18", "dropped");
  g_autoptr(RapportCommitment) ninety_one = add_commitment (fixture, NULL, "2026-03-17",
                                                            "dropped");
  g_autoptr(RapportCommitment) year = add_commitment (fixture, NULL, "2025-06-16",
                                                      "2025-06-16T08:00:00Z");
  g_autoptr(RapportCommitment) year_and_day = add_commitment (fixture, NULL, "2025-06-15",
                                                              "2025-06-15T08:00:00Z");

  assert_counts (reliability (fixture, RAPPORT_PERIOD_LAST_30), 1, 0, 0, 0);
  assert_counts (reliability (fixture, RAPPORT_PERIOD_LAST_90), 1, 1, 1, 0);
  assert_counts (reliability (fixture, RAPPORT_PERIOD_LAST_365), 2, 1, 2, 0);
  assert_counts (reliability (fixture, RAPPORT_PERIOD_ALL), 3, 1, 2, 0);
}

static void
test_period_range (void)
{
  g_autoptr(GDate) today = date ("2024-03-01");
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  g_autofree char *from_iso = NULL;
  RapportPeriod period;

  rapport_period_get_range (RAPPORT_PERIOD_LAST_30, today, &from, &to);
  from_iso = rapport_date_to_iso (from);
  g_assert_cmpstr (from_iso, ==, "2024-02-01");
  g_assert_true (rapport_date_equal (to, today));
  g_clear_pointer (&from, g_date_free);
  g_clear_pointer (&to, g_date_free);

  rapport_period_get_range (RAPPORT_PERIOD_ALL, today, &from, &to);
  g_assert_null (from);
  g_assert_null (to);

  g_assert_cmpstr (rapport_period_to_nick (RAPPORT_PERIOD_LAST_365), ==, "last-365");
  g_assert_true (rapport_period_from_nick ("last-90", &period));
  g_assert_cmpint (period, ==, RAPPORT_PERIOD_LAST_90);
  g_assert_false (rapport_period_from_nick ("last-7", &period));
}

static void
test_per_client_and_trash (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Globex");
  g_autoptr(RapportCommitment) a = add_commitment (fixture, NULL, "2026-06-10",
                                                   "2026-06-09T12:00:00Z");
  g_autoptr(RapportCommitment) b = add_commitment (fixture, other, "2026-06-10",
                                                   "2026-06-12T12:00:00Z");
  g_autoptr(RapportCommitment) c = add_commitment (fixture, other, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) trashed = add_commitment (fixture, NULL, "2026-06-01", "dropped");
  g_autoptr(GError) error = NULL;
  gint64 acme = rapport_record_get_id (RAPPORT_RECORD (fixture->client));
  gint64 globex = rapport_record_get_id (RAPPORT_RECORD (other));

  rapport_store_trash (fixture->store, RAPPORT_RECORD (trashed), &error);
  g_assert_no_error (error);

  assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, acme, NOW), 1, 0, 0, 0);
  assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, globex, NOW), 0, 2, 0, 0);
  assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, 0, NOW), 1, 2, 0, 0);

  /* A renegotiation in the trash is no longer history: the commitment's
   * current due date is then its only one */
  {
    g_autoptr(GListModel) list = NULL;
    g_autoptr(RapportRenegotiation) renegotiation = NULL;

    renegotiate (fixture, b, "2026-06-10", "2026-06-20", FALSE, "2026-06-05T09:00:00Z");
    assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, globex, NOW), 0, 2, 0, 0);

    list = rapport_store_list (fixture->store, RAPPORT_TYPE_RENEGOTIATION);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    renegotiation = g_list_model_get_item (list, 0);
    rapport_store_trash (fixture->store, RAPPORT_RECORD (renegotiation), &error);
    g_assert_no_error (error);
    assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, globex, NOW), 1, 1, 0, 0);
  }

  /* A client in the trash takes its commitments out of the overall figure */
  rapport_store_trash (fixture->store, RAPPORT_RECORD (other), &error);
  g_assert_no_error (error);
  assert_counts (reliability_at (fixture, RAPPORT_PERIOD_ALL, 0, NOW), 1, 0, 0, 0);
}

/* Midnight: delivered at 23:30 UTC on the due day is on time in UTC and
 * New York, but a day late in Madrid, where it is already 01:30 the next
 * day; and near midnight "today" differs too. */
static void
test_midnight (gconstpointer data)
{
  const char *zone = data;

  if (g_test_subprocess ())
    {
      Fixture fixture = { 0 };
      g_autoptr(RapportCommitment) delivered = NULL;
      g_autoptr(RapportCommitment) open = NULL;
      gboolean madrid = g_str_equal (zone, "Europe/Madrid");

      g_setenv ("TZ", zone, TRUE);
      tzset ();

      fixture_set_up (&fixture, NULL);
      delivered = add_commitment (&fixture, NULL, "2026-06-10", "2026-06-10T23:30:00Z");
      open = add_commitment (&fixture, NULL, "2026-06-15", NULL);

      /* 23:30 UTC on the 15th is the 16th in Madrid: the open one is late */
      assert_counts (reliability_at (&fixture, RAPPORT_PERIOD_ALL, 0, "2026-06-15T23:30:00Z"),
                     madrid ? 0 : 1, madrid ? 2 : 0, 0, madrid ? 0 : 1);
      /* The last 30 days end on the local today */
      assert_counts (reliability_at (&fixture, RAPPORT_PERIOD_LAST_30, 0,
                                     "2026-07-09T23:30:00Z"),
                     madrid ? 0 : 1, 1, 0, 0);

      fixture_tear_down (&fixture, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/stats/reliability/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("no-figure-without-decided", test_no_figure);
  ADD ("agreed-renegotiation-moves-due", test_agreed_renegotiation_moves_due);
  ADD ("unagreed-renegotiation-keeps-due", test_unagreed_renegotiation_keeps_due);
  ADD ("renegotiation-chain", test_renegotiation_chain);
  ADD ("dropped-counts-against", test_dropped_counts_against);
  ADD ("open-overdue-is-late", test_open_overdue_is_late);
  ADD ("period-edges", test_period_edges);
  ADD ("per-client-and-trash", test_per_client_and_trash);
  g_test_add_func ("/stats/period/range-and-nicks", test_period_range);
  g_test_add_data_func ("/stats/reliability/midnight/utc", "UTC", test_midnight);
  g_test_add_data_func ("/stats/reliability/midnight/madrid", "Europe/Madrid", test_midnight);
  g_test_add_data_func ("/stats/reliability/midnight/new-york", "America/New_York",
                        test_midnight);

  return g_test_run ();
}

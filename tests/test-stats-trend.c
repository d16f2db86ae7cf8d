/* test-stats-trend.c: reliability month by month, and one commitment's outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "rapport-stats-trend.h"
#include "rapport-store-bulk.h"
#include "rapport-test-util.h"

/* "Now" for these tests: today is 2026-06-15 (TZ is UTC) */
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

/* Moves @commitment's due date, as the commitment editor does */
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

static GArray *
trend (Fixture    *fixture,
       gint64      client_id,
       guint       n_months,
       const char *now_iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = moment (now_iso);
  GArray *points = NULL;

  g_assert_true (rapport_stats_get_monthly_reliability (fixture->store, client_id, n_months, now,
                                                        &points, &error));
  g_assert_no_error (error);
  g_assert_nonnull (points);
  g_assert_cmpuint (points->len, ==, n_months);
  return points;
}

static void
assert_month (GArray     *points,
              guint       index,
              const char *month,
              guint64     kept,
              guint64     late,
              guint64     dropped,
              guint64     open)
{
  RapportMonthReliability *point = &g_array_index (points, RapportMonthReliability, index);
  g_autofree char *iso = rapport_date_to_iso (&point->month);

  g_assert_cmpstr (iso, ==, month);
  g_assert_cmpuint (point->reliability.kept, ==, kept);
  g_assert_cmpuint (point->reliability.late, ==, late);
  g_assert_cmpuint (point->reliability.dropped, ==, dropped);
  g_assert_cmpuint (point->reliability.open, ==, open);
}

static gboolean
has_figure (GArray *points,
            guint   index)
{
  return rapport_reliability_has_figure (&g_array_index (points, RapportMonthReliability,
                                                         index).reliability);
}

/* @point counts what a query of its month alone counts */
static void
assert_month_as_alone (RapportStoreBulk              *bulk,
                       const RapportMonthReliability *point,
                       const char                    *today,
                       gint64                         client_id)
{
  g_autoptr(GError) error = NULL;
  GDate last = point->month;
  g_autofree char *from = rapport_date_to_iso (&point->month);
  g_autofree char *to = NULL;
  RapportReliability alone;

  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);
  to = rapport_date_to_iso (&last);
  g_assert_true (_rapport_store_bulk_reliability (bulk, from, to, today, client_id, &alone,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (point->reliability.kept, ==, alone.kept);
  g_assert_cmpuint (point->reliability.late, ==, alone.late);
  g_assert_cmpuint (point->reliability.dropped, ==, alone.dropped);
  g_assert_cmpuint (point->reliability.open, ==, alone.open);
}

/* Tests */

static void
test_months_and_gaps (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RapportCommitment) kept = add_commitment (fixture, NULL, "2026-03-10",
                                                      "2026-03-09T10:00:00Z");
  g_autoptr(RapportCommitment) late = add_commitment (fixture, NULL, "2026-03-20",
                                                      "2026-03-25T10:00:00Z");
  g_autoptr(RapportCommitment) dropped = add_commitment (fixture, NULL, "2026-05-02", "dropped");
  g_autoptr(RapportCommitment) open_late = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) open = add_commitment (fixture, NULL, "2026-06-20", NULL);
  g_autoptr(RapportCommitment) older = add_commitment (fixture, NULL, "2024-01-10",
                                                       "2024-01-10T10:00:00Z");
  g_autoptr(GArray) points = trend (fixture, 0, 12, NOW);
  g_autoptr(GArray) turn = NULL;

  /* Twelve months ending with the current one, oldest first */
  assert_month (points, 0, "2025-07-01", 0, 0, 0, 0);
  assert_month (points, 8, "2026-03-01", 1, 1, 0, 0);
  assert_month (points, 9, "2026-04-01", 0, 0, 0, 0);
  assert_month (points, 10, "2026-05-01", 0, 0, 1, 0);
  /* This month: one past due and still open (late), one not yet due */
  assert_month (points, 11, "2026-06-01", 0, 1, 0, 1);

  /* A month with nothing decided is a gap, not 0 % */
  g_assert_false (has_figure (points, 9));
  g_assert_true (has_figure (points, 10));
  g_assert_cmpint (rapport_reliability_get_percent (&g_array_index (points,
                                                                    RapportMonthReliability,
                                                                    10).reliability), ==, 0);
  g_assert_cmpint (rapport_reliability_get_percent (&g_array_index (points,
                                                                    RapportMonthReliability,
                                                                    8).reliability), ==, 50);

  /* Across a new year */
  turn = trend (fixture, 0, 3, "2026-01-10T12:00:00Z");
  assert_month (turn, 0, "2025-11-01", 0, 0, 0, 0);
  assert_month (turn, 1, "2025-12-01", 0, 0, 0, 0);
  assert_month (turn, 2, "2026-01-01", 0, 0, 0, 0);
}

static void
test_agreed_renegotiation_moves_month (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RapportCommitment) agreed = add_commitment (fixture, NULL, "2026-04-28", NULL);
  g_autoptr(RapportCommitment) unagreed = add_commitment (fixture, NULL, "2026-02-27", NULL);
  g_autoptr(GDateTime) delivered = moment ("2026-05-04T10:00:00Z");
  g_autoptr(GDateTime) delivered_too = moment ("2026-03-02T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  before = trend (fixture, 0, 6, NOW);
  assert_month (before, 1, "2026-02-01", 0, 1, 0, 0);
  assert_month (before, 3, "2026-04-01", 0, 1, 0, 0);

  /* Agreed: it now belongs to May, where it was kept */
  renegotiate (fixture, agreed, "2026-04-28", "2026-05-05", TRUE, "2026-04-20T09:00:00Z");
  rapport_commitment_set_status (agreed, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (agreed, delivered);
  rapport_store_save (fixture->store, RAPPORT_RECORD (agreed), &error);
  g_assert_no_error (error);

  /* Not agreed: it stays in February, and was late there */
  renegotiate (fixture, unagreed, "2026-02-27", "2026-03-03", FALSE, "2026-02-20T09:00:00Z");
  rapport_commitment_set_status (unagreed, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (unagreed, delivered_too);
  rapport_store_save (fixture->store, RAPPORT_RECORD (unagreed), &error);
  g_assert_no_error (error);

  after = trend (fixture, 0, 6, NOW);
  assert_month (after, 0, "2026-01-01", 0, 0, 0, 0);
  assert_month (after, 1, "2026-02-01", 0, 1, 0, 0);
  assert_month (after, 2, "2026-03-01", 0, 0, 0, 0);
  assert_month (after, 3, "2026-04-01", 0, 0, 0, 0);
  assert_month (after, 4, "2026-05-01", 1, 0, 0, 0);
  g_assert_false (has_figure (after, 3));
}

static void
test_per_client (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Globex");
  g_autoptr(RapportCommitment) a = add_commitment (fixture, NULL, "2026-05-10",
                                                   "2026-05-10T08:00:00Z");
  g_autoptr(RapportCommitment) b = add_commitment (fixture, other, "2026-05-11", "dropped");
  g_autoptr(GArray) all = trend (fixture, 0, 2, NOW);
  g_autoptr(GArray) mine = trend (fixture, rapport_record_get_id (RAPPORT_RECORD (fixture->client)),
                                  2, NOW);
  g_autoptr(GArray) theirs = trend (fixture, rapport_record_get_id (RAPPORT_RECORD (other)), 2,
                                    NOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) trashed = NULL;

  assert_month (all, 0, "2026-05-01", 1, 0, 1, 0);
  assert_month (mine, 0, "2026-05-01", 1, 0, 0, 0);
  assert_month (theirs, 0, "2026-05-01", 0, 0, 1, 0);

  /* What is in the trash counts nowhere */
  rapport_store_trash (fixture->store, RAPPORT_RECORD (b), &error);
  g_assert_no_error (error);
  trashed = trend (fixture, 0, 2, NOW);
  assert_month (trashed, 0, "2026-05-01", 1, 0, 0, 0);
}

static void
assert_outcome (Fixture           *fixture,
                RapportCommitment *commitment,
                RapportOutcome     expected,
                int                expected_days)
{
  g_autoptr(GDateTime) now = moment (NOW);
  int days = -1;

  g_assert_cmpint (rapport_stats_commitment_outcome (fixture->store, commitment, now, &days), ==,
                   expected);
  g_assert_cmpint (days, ==, expected_days);
}

static void
assert_effective_due (Fixture           *fixture,
                      RapportCommitment *commitment,
                      const char        *expected)
{
  g_autoptr(GDate) due = rapport_stats_dup_effective_due (fixture->store, commitment);
  g_autofree char *iso = due != NULL ? rapport_date_to_iso (due) : NULL;

  g_assert_cmpstr (iso, ==, expected);
}

static void
test_commitment_outcome (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RapportCommitment) on_time = add_commitment (fixture, NULL, "2026-06-10",
                                                         "2026-06-10T20:00:00Z");
  g_autoptr(RapportCommitment) late = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) unagreed = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) chain = add_commitment (fixture, NULL, "2026-05-01", NULL);
  g_autoptr(RapportCommitment) overdue = add_commitment (fixture, NULL, "2026-06-12", NULL);
  g_autoptr(RapportCommitment) open = add_commitment (fixture, NULL, "2026-06-15", NULL);
  g_autoptr(RapportCommitment) dropped = add_commitment (fixture, NULL, "2026-06-01", "dropped");
  g_autoptr(GDateTime) june_10 = moment ("2026-06-10T09:00:00Z");
  g_autoptr(GError) error = NULL;

  assert_outcome (fixture, on_time, RAPPORT_OUTCOME_KEPT, 0);
  assert_outcome (fixture, overdue, RAPPORT_OUTCOME_LATE, 3);
  assert_outcome (fixture, open, RAPPORT_OUTCOME_OPEN, 0);
  assert_outcome (fixture, dropped, RAPPORT_OUTCOME_DROPPED, 0);

  /* Agreed to the 8th and delivered on the 10th: two days late */
  renegotiate (fixture, late, "2026-06-01", "2026-06-08", TRUE, "2026-05-30T09:00:00Z");
  rapport_commitment_set_status (late, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (late, june_10);
  rapport_store_save (fixture->store, RAPPORT_RECORD (late), &error);
  g_assert_no_error (error);
  assert_effective_due (fixture, late, "2026-06-08");
  assert_outcome (fixture, late, RAPPORT_OUTCOME_LATE, 2);

  /* Moved to the 12th without the client: judged against the 1st */
  renegotiate (fixture, unagreed, "2026-06-01", "2026-06-12", FALSE, "2026-05-30T09:00:00Z");
  rapport_commitment_set_status (unagreed, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (unagreed, june_10);
  rapport_store_save (fixture->store, RAPPORT_RECORD (unagreed), &error);
  g_assert_no_error (error);
  assert_effective_due (fixture, unagreed, "2026-06-01");
  assert_outcome (fixture, unagreed, RAPPORT_OUTCOME_LATE, 9);

  /* Agreed, then moved again alone: the agreed date holds */
  renegotiate (fixture, chain, "2026-05-01", "2026-06-20", TRUE, "2026-04-20T09:00:00Z");
  renegotiate (fixture, chain, "2026-06-20", "2026-07-20", FALSE, "2026-06-01T09:00:00Z");
  assert_effective_due (fixture, chain, "2026-06-20");
  assert_outcome (fixture, chain, RAPPORT_OUTCOME_OPEN, 0);
}

/* The effective due date's edges: what is in the trash, and renegotiations
 * made at the same moment */
static void
test_effective_due_edges (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RapportCommitment) trashed = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(RapportCommitment) same_moment = add_commitment (fixture, NULL, "2026-06-01", NULL);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(RapportRenegotiation) agreement = NULL;
  g_autoptr(GError) error = NULL;

  /* An agreement in the trash moves nothing; restored, it does again.
   * (The commitment's own date is left out, so only renegotiations count.) */
  renegotiate (fixture, trashed, "2026-06-01", "2026-06-15", TRUE, "2026-05-20T09:00:00Z");
  history = rapport_store_list_children (fixture->store, RAPPORT_TYPE_RENEGOTIATION,
                                         "commitment-id",
                                         rapport_record_get_id (RAPPORT_RECORD (trashed)));
  agreement = g_list_model_get_item (history, 0);
  g_assert_nonnull (agreement);
  rapport_store_trash (fixture->store, RAPPORT_RECORD (agreement), &error);
  g_assert_no_error (error);
  rapport_commitment_set_due (trashed, NULL);
  assert_effective_due (fixture, trashed, NULL);
  rapport_store_restore (fixture->store, RAPPORT_RECORD (agreement), &error);
  g_assert_no_error (error);
  assert_effective_due (fixture, trashed, "2026-06-15");

  /* Two agreements at the same moment: the one saved last holds */
  renegotiate (fixture, same_moment, "2026-06-01", "2026-06-10", TRUE, "2026-05-20T09:00:00Z");
  renegotiate (fixture, same_moment, "2026-06-10", "2026-06-05", TRUE, "2026-05-20T09:00:00Z");
  assert_effective_due (fixture, same_moment, "2026-06-05");
}

typedef struct
{
  gboolean            done;
  gboolean            ok;
  RapportReliability  reliability;
  GArray             *months;
  GError             *error;
} TrendResult;

static void
trend_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TrendResult *out = user_data;

  out->ok = rapport_stats_get_trend_finish (RAPPORT_STORE (object), result, &out->reliability,
                                            &out->months, &out->error);
  out->done = TRUE;
}

/* The worker thread, on its own connection, counts what the store's
 * connection counts, and a cancelled request says so */
static void
test_trend_in_thread (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RapportCommitment) kept = NULL;
  g_autoptr(RapportCommitment) late = NULL;
  g_autoptr(RapportCommitment) dropped = NULL;
  g_autoptr(GDate) today = rapport_date_new_today ();
  g_autoptr(GDate) earlier = rapport_date_copy (today);
  g_autoptr(GDate) much_earlier = rapport_date_copy (today);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *earlier_iso = NULL;
  g_autofree char *much_earlier_iso = NULL;
  g_autofree char *delivered_iso = NULL;
  RapportReliability period;
  TrendResult result = { 0 };
  TrendResult cancelled = { 0 };

  g_date_subtract_days (earlier, 5);
  g_date_subtract_months (much_earlier, 2);
  earlier_iso = rapport_date_to_iso (earlier);
  much_earlier_iso = rapport_date_to_iso (much_earlier);
  delivered_iso = g_strdup_printf ("%sT12:00:00Z", earlier_iso);
  kept = add_commitment (fixture, NULL, earlier_iso, delivered_iso);
  late = add_commitment (fixture, NULL, much_earlier_iso, NULL);
  dropped = add_commitment (fixture, NULL, much_earlier_iso, "dropped");

  rapport_stats_get_trend_async (fixture->store, RAPPORT_PERIOD_LAST_365, 0, 12, NULL,
                                 trend_ready_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  rapport_stats_get_reliability (fixture->store, RAPPORT_PERIOD_LAST_365, 0, NULL, &period,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.reliability.kept, ==, 1);
  g_assert_cmpuint (result.reliability.late, ==, 1);
  g_assert_cmpuint (result.reliability.dropped, ==, 1);
  g_assert_cmpmem (&result.reliability, sizeof period, &period, sizeof period);

  g_assert_true (rapport_stats_get_monthly_reliability (fixture->store, 0, 12, NULL, &expected,
                                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.months->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      RapportMonthReliability *got = &g_array_index (result.months, RapportMonthReliability, i);
      RapportMonthReliability *want = &g_array_index (expected, RapportMonthReliability, i);

      g_assert_cmpint (g_date_compare (&got->month, &want->month), ==, 0);
      g_assert_cmpmem (&got->reliability, sizeof got->reliability,
                       &want->reliability, sizeof want->reliability);
    }
  g_clear_pointer (&result.months, g_array_unref);

  g_cancellable_cancel (cancellable);
  rapport_stats_get_trend_async (fixture->store, RAPPORT_PERIOD_ALL, 0, 12, cancellable,
                                 trend_ready_cb, &cancelled);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.months);
  g_clear_error (&cancelled.error);
}

/* Every month counts what a query of that month alone counts: the trend
 * is read in one pass, the period's figure month by month */
static void
test_months_as_each_alone (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RapportStoreBulk) bulk = _rapport_store_bulk_new_for_store (fixture->store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) client_points = NULL;
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Other");

  /* Due dates over sixteen months around the trend's fourteen, every
   * outcome, and moves with and without the client's agreement */
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(RapportCommitment) commitment = NULL;
      g_autofree char *due = g_strdup_printf ("%04d-%02d-%02d",
                                              g_rand_int_range (rand, 0, 2) ? 2026 : 2025,
                                              g_rand_int_range (rand, 1, 13),
                                              g_rand_int_range (rand, 1, 29));
      g_autofree char *delivered = g_strdup_printf ("%sT10:00:00Z", due);
      int kind = g_rand_int_range (rand, 0, 5);

      if (g_strcmp0 (due, "2026-06-15") > 0 && kind == 1)
        kind = 0;
      commitment = add_commitment (fixture, i % 3 == 0 ? other : NULL, due,
                                   kind == 0 ? NULL : kind == 1 ? delivered :
                                   kind == 2 ? "dropped" : kind == 3 ? "2026-06-14T10:00:00Z" :
                                   NULL);
      if (kind == 4)
        renegotiate (fixture, commitment, due, "2026-03-31", i % 2 == 0, "2026-01-01T10:00:00Z");
    }

  points = trend (fixture, 0, 14, NOW);
  client_points = trend (fixture, rapport_record_get_id (RAPPORT_RECORD (other)), 14, NOW);
  for (guint i = 0; i < points->len; i++)
    for (guint which = 0; which < 2; which++)
      {
        RapportMonthReliability *point = &g_array_index (which == 0 ? points : client_points,
                                                         RapportMonthReliability, i);
        gint64 client_id = which == 0 ? 0 : rapport_record_get_id (RAPPORT_RECORD (other));

        assert_month_as_alone (bulk, point, "2026-06-15", client_id);
      }
}

static guint64
total (const RapportReliability *r)
{
  return r->kept + r->late + r->dropped + r->open;
}

/* The trend reads the period's figure and the months in one pass: each
 * must be what a query of it alone counts, for periods shorter and longer
 * than the months, whose commitments are partly in none of the months */
static void
test_period_and_months_in_one_pass (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const RapportPeriod periods[] = {
    RAPPORT_PERIOD_LAST_30, RAPPORT_PERIOD_LAST_90, RAPPORT_PERIOD_LAST_365, RAPPORT_PERIOD_ALL
  };
  static const guint trend_months[] = { 12, 3 };
  g_autoptr(RapportStoreBulk) bulk = _rapport_store_bulk_new_for_store (fixture->store);
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Other");
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  g_autoptr(GDate) today = rapport_date_new_today ();
  g_autofree char *today_iso = rapport_date_to_iso (today);
  gint64 other_id = rapport_record_get_id (RAPPORT_RECORD (other));
  gboolean beyond_months = FALSE;

  /* Due dates from thirty months ago to six months ahead, every outcome,
   * and moves with and without the client's agreement */
  for (guint i = 0; i < 160; i++)
    {
      g_autoptr(RapportCommitment) commitment = NULL;
      g_autoptr(GDate) due = rapport_date_copy (today);
      g_autoptr(GDate) delivered = NULL;
      g_autofree char *due_iso = NULL;
      g_autofree char *delivered_day = NULL;
      g_autofree char *delivered_iso = NULL;
      int offset = g_rand_int_range (rand, -900, 181);
      int kind = g_rand_int_range (rand, 0, 5);

      if (offset < 0)
        g_date_subtract_days (due, -offset);
      else
        g_date_add_days (due, offset);
      due_iso = rapport_date_to_iso (due);
      /* Delivered on the day or three days late, never after today */
      delivered = rapport_date_copy (due);
      if (kind == 3)
        g_date_add_days (delivered, 3);
      if (g_date_compare (delivered, today) > 0)
        *delivered = *today;
      delivered_day = rapport_date_to_iso (delivered);
      delivered_iso = g_strdup_printf ("%sT10:00:00Z", delivered_day);

      commitment = add_commitment (fixture, i % 3 == 0 ? other : NULL, due_iso,
                                   kind == 1 || kind == 3 ? delivered_iso :
                                   kind == 2 ? "dropped" : NULL);
      if (kind == 4)
        {
          g_autoptr(GDate) moved = rapport_date_copy (due);
          g_autofree char *moved_iso = NULL;
          g_autofree char *at = g_strdup_printf ("%sT09:00:00Z", today_iso);

          g_date_add_days (moved, 20);
          moved_iso = rapport_date_to_iso (moved);
          renegotiate (fixture, commitment, due_iso, moved_iso, i % 2 == 0, at);
        }
    }

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint m = 0; m < G_N_ELEMENTS (trend_months); m++)
      for (guint which = 0; which < 2; which++)
        {
          gint64 client_id = which == 0 ? 0 : other_id;
          g_autoptr(GError) error = NULL;
          TrendResult result = { 0 };
          RapportReliability alone;
          guint64 in_months = 0;

          rapport_stats_get_trend_async (fixture->store, periods[p], client_id, trend_months[m],
                                         NULL, trend_ready_cb, &result);
          while (!result.done)
            g_main_context_iteration (NULL, TRUE);
          g_assert_no_error (result.error);
          g_assert_true (result.ok);
          g_assert_cmpuint (result.months->len, ==, trend_months[m]);

          g_assert_true (rapport_stats_get_reliability (fixture->store, periods[p], client_id,
                                                        NULL, &alone, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (result.reliability.kept, ==, alone.kept);
          g_assert_cmpuint (result.reliability.late, ==, alone.late);
          g_assert_cmpuint (result.reliability.dropped, ==, alone.dropped);
          g_assert_cmpuint (result.reliability.open, ==, alone.open);

          for (guint i = 0; i < result.months->len; i++)
            {
              RapportMonthReliability *point = &g_array_index (result.months,
                                                               RapportMonthReliability, i);

              assert_month_as_alone (bulk, point, today_iso, client_id);
              in_months += total (&point->reliability);
            }

          if (periods[p] == RAPPORT_PERIOD_ALL)
            beyond_months |= total (&result.reliability) > in_months;
          g_clear_pointer (&result.months, g_array_unref);
        }

  /* The data has what only the period counts */
  g_assert_true (beyond_months);
}

int
main (int   argc,
      char *argv[])
{
  /* Local dates are those of UTC here; test-stats covers the time zones */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/stats/trend/months-with-nothing-decided-are-gaps", test_months_and_gaps);
  ADD ("/stats/trend/agreed-renegotiation-moves-month", test_agreed_renegotiation_moves_month);
  ADD ("/stats/trend/per-client-and-trash", test_per_client);
  ADD ("/stats/trend/months-as-each-alone", test_months_as_each_alone);
  ADD ("/stats/outcome/against-effective-due", test_commitment_outcome);
  ADD ("/stats/outcome/effective-due-edges", test_effective_due_edges);
  ADD ("/stats/trend/in-a-thread-as-on-the-store", test_trend_in_thread);
  ADD ("/stats/trend/period-and-months-in-one-pass", test_period_and_months_in_one_pass);

  return g_test_run ();
}

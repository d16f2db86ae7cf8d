/* rapport-stats-trend.c: reliability month by month, and one commitment's outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trend asks the store for every month at once, each counted as
 * rapport_stats_get_reliability() counts it. It scans every commitment, so
 * on a large database it takes a while: the window asks for it, with the
 * period's figure read in the same pass, in a worker thread on a
 * connection of its own. One commitment's outcome is worked out here by
 * the same rules, its effective due date read with the figures' own SQL.
 */
#define G_LOG_DOMAIN "rapport-stats"

#include "config.h"

#include <gio/gio.h>

#include "rapport-background.h"
#include "rapport-date.h"
#include "rapport-stats-trend.h"
#include "rapport-store-bulk.h"

/* The months, and when @period is not NULL the figure of @from to @to
 * read in the same pass */
static gboolean
monthly_reliability (RapportStoreBulk    *bulk,
                     gint64               client_id,
                     guint                n_months,
                     const GDate         *today,
                     const char          *from,
                     const char          *to,
                     RapportReliability  *period,
                     GCancellable        *cancellable,
                     GArray             **points,
                     GError             **error)
{
  g_autoptr(GArray) result = NULL;
  g_autofree char *today_iso = rapport_date_to_iso (today);
  g_autofree char *first_iso = NULL;
  g_autofree RapportReliability *figures = NULL;
  GDate first;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  first = *today;
  g_date_set_day (&first, 1);
  if (n_months > 1)
    g_date_subtract_months (&first, n_months - 1);
  first_iso = rapport_date_to_iso (&first);

  result = g_array_sized_new (FALSE, TRUE, sizeof (RapportMonthReliability), n_months);
  if (n_months == 0)
    {
      if (period != NULL &&
          !_rapport_store_bulk_reliability (bulk, from, to, today_iso, client_id, period, error))
        return FALSE;
      *points = g_steal_pointer (&result);
      return TRUE;
    }

  figures = g_new0 (RapportReliability, n_months);
  if (!_rapport_store_bulk_reliability_by_month (bulk, from, to, period, first_iso, n_months,
                                                 today_iso, client_id, figures, error))
    return FALSE;

  for (guint i = 0; i < n_months; i++)
    {
      RapportMonthReliability point = { first, figures[i] };

      g_array_append_val (result, point);
      g_date_add_months (&first, 1);
    }

  *points = g_steal_pointer (&result);
  return TRUE;
}

/**
 * rapport_stats_get_monthly_reliability:
 * @store: a store
 * @client_id: a client's id, or 0 for all clients
 * @n_months: how many months, the current one included
 * @now: (nullable): the present moment, or %NULL for now; today is its
 *   local date
 * @points: (out) (transfer full): a #GArray of #RapportMonthReliability,
 *   oldest month first, one per month even when nothing was due in it
 *
 * Each month counts the commitments whose effective due date falls in it,
 * as rapport-stats.h defines them; a month with nothing decided has no
 * figure (see rapport_reliability_has_figure()). This runs on the store's
 * connection: see rapport_stats_get_trend_async() for the window.
 */
gboolean
rapport_stats_get_monthly_reliability (RapportStore  *store,
                                       gint64         client_id,
                                       guint          n_months,
                                       GDateTime     *now,
                                       GArray       **points,
                                       GError       **error)
{
  g_autoptr(RapportStoreBulk) bulk = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDate) today = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (points != NULL, FALSE);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  today = rapport_date_new_local (current);
  bulk = _rapport_store_bulk_new_for_store (store);

  return monthly_reliability (bulk, client_id, n_months, today, NULL, NULL, NULL, NULL, points,
                              error);
}

/* The trend in a thread */

typedef struct
{
  char               *path;
  RapportPeriod       period;
  gint64              client_id;
  guint               n_months;
  GDate              *today;
  RapportReliability  reliability;
  GArray             *months;
} TrendJob;

static void
trend_job_free (gpointer data)
{
  TrendJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->today, g_date_free);
  g_clear_pointer (&job->months, g_array_unref);
  g_free (job);
}

static void
trend_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrendJob *job = task_data;
  g_autoptr(RapportStoreBulk) bulk = NULL;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  GError *error = NULL;

  _rapport_background_thread ();
  if (g_task_return_error_if_cancelled (task))
    return;

  /* One statement reads the period and every month: one consistent picture */
  bulk = _rapport_store_bulk_open (job->path, &error);
  if (bulk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rapport_period_get_range (job->period, job->today, &from, &to);
  from_iso = from != NULL ? rapport_date_to_iso (from) : NULL;
  to_iso = to != NULL ? rapport_date_to_iso (to) : NULL;

  if (!monthly_reliability (bulk, job->client_id, job->n_months, job->today, from_iso, to_iso,
                            &job->reliability, cancellable, &job->months, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * rapport_stats_get_trend_async:
 * @store: a store
 * @period: the period of the overall figure
 * @client_id: a client's id, or 0 for all clients
 * @n_months: how many months of trend, the current one included
 *
 * Computes what rapport_stats_get_reliability() and
 * rapport_stats_get_monthly_reliability() would, for today, in a worker
 * thread with a connection of its own.
 */
void
rapport_stats_get_trend_async (RapportStore        *store,
                               RapportPeriod        period,
                               gint64               client_id,
                               guint                n_months,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TrendJob *job;

  g_return_if_fail (RAPPORT_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_stats_get_trend_async);
  g_task_set_name (task, "[rapport] reliability trend");

  job = g_new0 (TrendJob, 1);
  job->path = g_strdup (rapport_store_get_path (store));
  job->period = period;
  job->client_id = client_id;
  job->n_months = n_months;
  job->today = rapport_date_new_today ();
  g_task_set_task_data (task, job, trend_job_free);

  g_task_run_in_thread (task, trend_worker);
}

/**
 * rapport_stats_get_trend_finish:
 * @reliability: (out): the counts over the period
 * @months: (out) (transfer full): a #GArray of #RapportMonthReliability,
 *   oldest month first
 */
gboolean
rapport_stats_get_trend_finish (RapportStore        *store,
                                GAsyncResult        *result,
                                RapportReliability  *reliability,
                                GArray             **months,
                                GError             **error)
{
  TrendJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (reliability != NULL && months != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  *reliability = job->reliability;
  *months = g_steal_pointer (&job->months);
  return TRUE;
}

/**
 * rapport_stats_dup_effective_due:
 * @store: the store @commitment is in
 * @commitment: a saved commitment
 *
 * Returns: (transfer full) (nullable): the due date reliability judges
 *   @commitment against: its original due date, moved only by the
 *   renegotiations the client agreed to; %NULL when it has no due date
 */
GDate *
rapport_stats_dup_effective_due (RapportStore      *store,
                                 RapportCommitment *commitment)
{
  const GDate *own_due;
  g_autoptr(GError) error = NULL;
  GDate *due;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (commitment), NULL);

  own_due = rapport_commitment_get_due (commitment);
  if (!_rapport_store_effective_due (store, rapport_record_get_id (RAPPORT_RECORD (commitment)),
                                     own_due, &due, &error))
    {
      g_warning ("Could not read a commitment’s renegotiations: %s", error->message);
      return own_due != NULL && g_date_valid (own_due) ? rapport_date_copy (own_due) : NULL;
    }

  return due;
}

/**
 * rapport_stats_commitment_outcome:
 * @store: the store @commitment is in
 * @commitment: a saved commitment
 * @now: (nullable): the present moment, or %NULL for now
 * @late_days: (out) (optional): for a late commitment, how many days after
 *   its effective due date it was delivered, or has been open; else 0
 *
 * Judges one commitment as rapport-stats.h defines it.
 *
 * Returns: kept, late, dropped or still open
 */
RapportOutcome
rapport_stats_commitment_outcome (RapportStore      *store,
                                  RapportCommitment *commitment,
                                  GDateTime         *now,
                                  int               *late_days)
{
  RapportOutcome outcome;
  g_autoptr(GDate) due = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDateTime) current = NULL;
  int days = 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), RAPPORT_OUTCOME_OPEN);
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (commitment), RAPPORT_OUTCOME_OPEN);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  today = rapport_date_new_local (current);
  due = rapport_stats_dup_effective_due (store, commitment);

  switch (rapport_commitment_get_status (commitment))
    {
    case RAPPORT_COMMITMENT_STATUS_DROPPED:
      outcome = RAPPORT_OUTCOME_DROPPED;
      break;

    case RAPPORT_COMMITMENT_STATUS_DELIVERED:
      {
        GDateTime *delivered_at = rapport_commitment_get_delivered_at (commitment);

        /* Delivered on an unknown day counts as on time, as in the store */
        if (due != NULL && delivered_at != NULL)
          {
            g_autoptr(GDate) delivered_on = rapport_date_new_local (delivered_at);

            days = rapport_date_days_between (due, delivered_on);
          }
        outcome = days > 0 ? RAPPORT_OUTCOME_LATE : RAPPORT_OUTCOME_KEPT;
      }
      break;

    case RAPPORT_COMMITMENT_STATUS_OPEN:
    default:
      if (due != NULL)
        days = rapport_date_days_between (due, today);
      outcome = days > 0 ? RAPPORT_OUTCOME_LATE : RAPPORT_OUTCOME_OPEN;
      break;
    }

  if (late_days != NULL)
    *late_days = outcome == RAPPORT_OUTCOME_LATE ? days : 0;

  return outcome;
}

/* rapport-stats-trend.c: reliability month by month, and one commitment's outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trend asks the store for each month in turn, so it counts exactly
 * what rapport_stats_get_reliability() counts. One commitment's outcome is
 * worked out here from its few renegotiations, by the same rules.
 */
#define G_LOG_DOMAIN "rapport-stats"

#include "config.h"

#include "rapport-date.h"
#include "rapport-renegotiation.h"
#include "rapport-stats-trend.h"
#include "rapport-store-bulk.h"

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
 * figure (see rapport_reliability_has_figure()).
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
  g_autoptr(GArray) result = NULL;
  g_autofree char *today_iso = NULL;
  GDate first;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (points != NULL, FALSE);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  today = rapport_date_new_local (current);
  today_iso = rapport_date_to_iso (today);

  first = *today;
  g_date_set_day (&first, 1);
  if (n_months > 1)
    g_date_subtract_months (&first, n_months - 1);

  result = g_array_sized_new (FALSE, TRUE, sizeof (RapportMonthReliability), n_months);
  bulk = _rapport_store_bulk_new_for_store (store);

  for (guint i = 0; i < n_months; i++)
    {
      RapportMonthReliability point = { 0 };
      GDate last;
      g_autofree char *from_iso = NULL;
      g_autofree char *to_iso = NULL;

      point.month = first;
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first),
                                                       g_date_get_year (&first)));
      from_iso = rapport_date_to_iso (&first);
      to_iso = rapport_date_to_iso (&last);

      if (!_rapport_store_bulk_reliability (bulk, from_iso, to_iso, today_iso, client_id,
                                            &point.reliability, error))
        return FALSE;

      g_array_append_val (result, point);
      g_date_add_months (&first, 1);
    }

  *points = g_steal_pointer (&result);
  return TRUE;
}

static int
compare_renegotiations (gconstpointer a,
                        gconstpointer b)
{
  RapportRenegotiation *ra = *(RapportRenegotiation **) a;
  RapportRenegotiation *rb = *(RapportRenegotiation **) b;
  GDateTime *ta = rapport_renegotiation_get_renegotiated_at (ra);
  GDateTime *tb = rapport_renegotiation_get_renegotiated_at (rb);
  gint64 ia = rapport_record_get_id (RAPPORT_RECORD (ra));
  gint64 ib = rapport_record_get_id (RAPPORT_RECORD (rb));

  /* In the order they happened, as the store's figures take them */
  if (ta == NULL || tb == NULL)
    {
      if (ta != tb)
        return ta == NULL ? -1 : 1;
    }
  else if (g_date_time_compare (ta, tb) != 0)
    return g_date_time_compare (ta, tb);

  return (ia > ib) - (ia < ib);
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
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const GDate *due;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (commitment), NULL);

  list = rapport_store_list_children (store, RAPPORT_TYPE_RENEGOTIATION, "commitment-id",
                                      rapport_record_get_id (RAPPORT_RECORD (commitment)));
  history = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (history, g_list_model_get_item (list, i));
  g_ptr_array_sort (history, compare_renegotiations);

  due = rapport_commitment_get_due (commitment);
  if (history->len > 0 && rapport_renegotiation_get_old_due (history->pdata[0]) != NULL)
    due = rapport_renegotiation_get_old_due (history->pdata[0]);

  for (guint i = 0; i < history->len; i++)
    {
      RapportRenegotiation *renegotiation = history->pdata[i];

      if (rapport_renegotiation_get_client_agreed (renegotiation) &&
          rapport_renegotiation_get_new_due (renegotiation) != NULL)
        due = rapport_renegotiation_get_new_due (renegotiation);
    }

  return due != NULL && g_date_valid (due) ? rapport_date_copy (due) : NULL;
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

/* rapport-stats.c: figures derived from the store, such as reliability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-stats"

#include "config.h"

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-stats.h"
#include "rapport-store-bulk.h"

const char *
rapport_period_to_nick (RapportPeriod period)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (RAPPORT_TYPE_PERIOD);
  GEnumValue *value = g_enum_get_value (klass, period);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

gboolean
rapport_period_from_nick (const char    *nick,
                          RapportPeriod *period)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (RAPPORT_TYPE_PERIOD);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (value == NULL)
    return FALSE;

  *period = value->value;
  return TRUE;
}

/**
 * rapport_period_get_range:
 * @today: the local date of today
 * @from: (out) (nullable): the first day, or %NULL when there is no bound
 * @to: (out) (nullable): the last day, or %NULL when there is no bound
 */
void
rapport_period_get_range (RapportPeriod   period,
                          const GDate    *today,
                          GDate         **from,
                          GDate         **to)
{
  guint days = 0;

  g_return_if_fail (today != NULL && g_date_valid (today));

  switch (period)
    {
    case RAPPORT_PERIOD_LAST_30:
      days = 30;
      break;
    case RAPPORT_PERIOD_LAST_90:
      days = 90;
      break;
    case RAPPORT_PERIOD_LAST_365:
      days = 365;
      break;
    case RAPPORT_PERIOD_ALL:
    default:
      days = 0;
      break;
    }

  if (days == 0)
    {
      *from = NULL;
      *to = NULL;
      return;
    }

  *from = g_date_copy (today);
  g_date_subtract_days (*from, days - 1);
  *to = g_date_copy (today);
}

gboolean
rapport_reliability_has_figure (const RapportReliability *reliability)
{
  g_return_val_if_fail (reliability != NULL, FALSE);

  return reliability->kept + reliability->late + reliability->dropped > 0;
}

/* Returns: kept / decided, from 0 to 1, or -1 when there is no figure */
double
rapport_reliability_get_share (const RapportReliability *reliability)
{
  g_return_val_if_fail (reliability != NULL, -1);

  if (!rapport_reliability_has_figure (reliability))
    return -1;

  return (double) reliability->kept /
         (double) (reliability->kept + reliability->late + reliability->dropped);
}

/* Returns: the share in whole percent, rounded down so that 100 means that
 * every decided commitment was kept; -1 when there is no figure */
int
rapport_reliability_get_percent (const RapportReliability *reliability)
{
  guint64 decided;

  g_return_val_if_fail (reliability != NULL, -1);

  if (!rapport_reliability_has_figure (reliability))
    return -1;

  decided = reliability->kept + reliability->late + reliability->dropped;
  return (int) (reliability->kept * 100 / decided);
}

/**
 * rapport_stats_get_reliability:
 * @store: a store
 * @period: the period whose due dates count
 * @client_id: a client's id, or 0 for all clients
 * @now: (nullable): the present moment, or %NULL for now; today is its
 *   local date
 * @reliability: (out): the counts
 *
 * Computes reliability as rapport-stats.h defines it, in SQL on the
 * store's connection.
 */
gboolean
rapport_stats_get_reliability (RapportStore        *store,
                               RapportPeriod        period,
                               gint64               client_id,
                               GDateTime           *now,
                               RapportReliability  *reliability,
                               GError             **error)
{
  g_autoptr(RapportStoreBulk) bulk = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (reliability != NULL, FALSE);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  today = rapport_date_new_local (current);
  rapport_period_get_range (period, today, &from, &to);

  today_iso = rapport_date_to_iso (today);
  from_iso = from != NULL ? rapport_date_to_iso (from) : NULL;
  to_iso = to != NULL ? rapport_date_to_iso (to) : NULL;

  bulk = _rapport_store_bulk_new_for_store (store);
  return _rapport_store_bulk_reliability (bulk, from_iso, to_iso, today_iso, client_id,
                                          reliability, error);
}

/* rapport-stats-trend.h: reliability month by month, and one commitment's outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both follow the definition in rapport-stats.h: a month counts the
 * commitments whose effective due date falls in it, and a commitment's
 * outcome is judged against its effective due date.
 */
#pragma once

#include "rapport-commitment.h"
#include "rapport-stats.h"

G_BEGIN_DECLS

/* One month of the trend: @month is its first day */
typedef struct
{
  GDate              month;
  RapportReliability reliability;
} RapportMonthReliability;

typedef enum
{
  RAPPORT_OUTCOME_OPEN,
  RAPPORT_OUTCOME_KEPT,
  RAPPORT_OUTCOME_LATE,
  RAPPORT_OUTCOME_DROPPED,
} RapportOutcome;

gboolean  rapport_stats_get_monthly_reliability (RapportStore        *store,
                                                 gint64               client_id,
                                                 guint                n_months,
                                                 GDateTime           *now,
                                                 GArray             **points,
                                                 GError             **error);
void            rapport_stats_get_trend_async     (RapportStore        *store,
                                                   RapportPeriod        period,
                                                   gint64               client_id,
                                                   guint                n_months,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        rapport_stats_get_trend_finish    (RapportStore        *store,
                                                   GAsyncResult        *result,
                                                   RapportReliability  *reliability,
                                                   GArray             **months,
                                                   GError             **error);

GDate          *rapport_stats_dup_effective_due  (RapportStore      *store,
                                                  RapportCommitment *commitment);
RapportOutcome  rapport_stats_commitment_outcome (RapportStore      *store,
                                                  RapportCommitment *commitment,
                                                  GDateTime         *now,
                                                  int               *late_days);

G_END_DECLS

/* rapport-stats.h: figures derived from the store, such as reliability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reliability is the share of commitments delivered on or before their
 * due date, where a due date counts as moved only when the client agreed:
 *
 * - The effective due date of a commitment starts as its original due date
 *   (the old due date of its first renegotiation, or its due date when it
 *   was never renegotiated) and is replaced, in the order they happened, by
 *   the new due date of every renegotiation the client agreed to. A date
 *   moved without the client's agreement still counts at its earlier value.
 * - Each commitment whose effective due date falls in the period is then
 *   kept (delivered on or before it, by the local calendar date of its
 *   delivery), late (delivered after it, or still open the day after it),
 *   dropped, or open (not delivered and not yet past it).
 * - Reliability is kept / (kept + late + dropped). Open commitments are not
 *   decided yet and do not count; with nothing decided there is no figure,
 *   which is not the same as 0 %.
 *
 * Periods are whole local days ending today: "last 30 days" covers the
 * effective due dates from 29 days ago through today. "All time" has no
 * bounds, so it also counts open commitments due later.
 *
 * Rows in the trash count nowhere.
 */
#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_PERIOD_LAST_30,
  RAPPORT_PERIOD_LAST_90,
  RAPPORT_PERIOD_LAST_365,
  RAPPORT_PERIOD_ALL,
} RapportPeriod;

typedef struct
{
  guint64 kept;
  guint64 late;
  guint64 dropped;
  guint64 open;
} RapportReliability;

const char *rapport_period_to_nick            (RapportPeriod              period);
gboolean    rapport_period_from_nick          (const char                *nick,
                                               RapportPeriod             *period);
void        rapport_period_get_range          (RapportPeriod              period,
                                               const GDate               *today,
                                               GDate                    **from,
                                               GDate                    **to);

gboolean    rapport_reliability_has_figure    (const RapportReliability  *reliability);
double      rapport_reliability_get_share     (const RapportReliability  *reliability);
int         rapport_reliability_get_percent   (const RapportReliability  *reliability);

gboolean    rapport_stats_get_reliability     (RapportStore              *store,
                                               RapportPeriod              period,
                                               gint64                     client_id,
                                               GDateTime                 *now,
                                               RapportReliability        *reliability,
                                               GError                   **error);

G_END_DECLS

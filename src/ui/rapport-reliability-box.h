/* rapport-reliability-box.h: reliability over a chosen period, with its numbers and trend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-stats.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_RELIABILITY_BOX (rapport_reliability_box_get_type ())

G_DECLARE_FINAL_TYPE (RapportReliabilityBox, rapport_reliability_box,
                      RAPPORT, RELIABILITY_BOX, GtkWidget)

GtkWidget     *rapport_reliability_box_new             (RapportStore          *store);
gint64         rapport_reliability_box_get_client_id   (RapportReliabilityBox *self);
void           rapport_reliability_box_set_client_id   (RapportReliabilityBox *self,
                                                        gint64                 client_id);
RapportPeriod  rapport_reliability_box_get_period      (RapportReliabilityBox *self);
void           rapport_reliability_box_get_reliability (RapportReliabilityBox *self,
                                                        RapportReliability    *reliability);
void           rapport_reliability_box_refresh         (RapportReliabilityBox *self);
gboolean       rapport_reliability_box_is_refreshing   (RapportReliabilityBox *self);

G_END_DECLS

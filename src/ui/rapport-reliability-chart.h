/* rapport-reliability-chart.h: how reliably promises were kept, month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One month of the chart. @month is any day of that month (the first, by
 * habit); @kept counts commitments delivered on time, @late those delivered
 * after their due date, @dropped those given up. A month where all three
 * are 0 had nothing decided: it is shown as a gap, not as 0 %.
 */
typedef struct
{
  GDate *month;
  guint  kept;
  guint  late;
  guint  dropped;
} RapportReliabilityPoint;

#define RAPPORT_TYPE_RELIABILITY_CHART (rapport_reliability_chart_get_type ())

G_DECLARE_FINAL_TYPE (RapportReliabilityChart, rapport_reliability_chart,
                      RAPPORT, RELIABILITY_CHART, GtkWidget)

GtkWidget *rapport_reliability_chart_new                   (void);
void       rapport_reliability_chart_set_points            (RapportReliabilityChart *self,
                                                            const RapportReliabilityPoint *points,
                                                            guint                    n_points);
void       rapport_reliability_chart_clear                 (RapportReliabilityChart *self);
guint      rapport_reliability_chart_get_n_points          (RapportReliabilityChart *self);
char      *rapport_reliability_chart_dup_description       (RapportReliabilityChart *self);
char      *rapport_reliability_chart_dup_point_description (RapportReliabilityChart *self,
                                                            guint                    position);
gboolean   rapport_reliability_chart_get_bar_bounds        (RapportReliabilityChart *self,
                                                            guint                    position,
                                                            graphene_rect_t         *bounds);
int        rapport_reliability_chart_get_point_at          (RapportReliabilityChart *self,
                                                            double                   x,
                                                            double                   y);

G_END_DECLS

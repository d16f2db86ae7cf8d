/* rapport-reliability-box.c: reliability over a chosen period, with its numbers and trend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The share of commitments kept, overall or for one client, over the
 * period in the "reliability-period" setting (a drop-down changes it for
 * every box at once), the kept / late / dropped / open counts behind it
 * and a chart of the last twelve months. It follows the store: changes to
 * commitments, renegotiations or clients recompute it a moment later, once
 * a burst of saves is over. The figures are computed in a worker thread
 * (on a large database the trend scans every commitment once a month), and
 * the box shows the last ones until the new ones come. A box that is not
 * on screen only notes that it is out of date, and catches up when shown.
 */
#define G_LOG_DOMAIN "rapport-reliability-box"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-record-row.h"
#include "rapport-day-clock.h"
#include "rapport-reliability-box.h"
#include "rapport-reliability-chart.h"
#include "rapport-renegotiation.h"
#include "rapport-stats-trend.h"
#include "rapport-tooltip.h"

#define REFRESH_DELAY_MS 300
/* Figures that take longer than this to work out give way to a sentence
 * that says they are coming; quicker ones replace the last ones directly */
#define WORKING_DELAY_MS 250
#define TREND_MONTHS     12

struct _RapportReliabilityBox
{
  GtkWidget                parent_instance;

  /* Template widgets */
  GtkLabel                *figure_label;
  GtkLabel                *caption_label;
  GtkDropDown             *period_dropdown;
  GtkLabel                *kept_label;
  GtkLabel                *late_label;
  GtkLabel                *dropped_label;
  GtkLabel                *open_label;
  RapportReliabilityChart *chart;

  /* Owned references */
  RapportStore            *store;
  GSettings               *settings;
  GCancellable            *cancellable;
  guint                    refresh_id;
  guint                    working_id;
  gboolean                 out_of_date;
  gboolean                 showing_figures;

  gint64                   client_id;
  RapportReliability       reliability;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RapportReliabilityBox, rapport_reliability_box, GTK_TYPE_WIDGET)

/* The drop-down lists the periods in the order of RapportPeriod */

static gboolean
period_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  RapportPeriod period;

  if (!rapport_period_from_nick (g_variant_get_string (variant, NULL), &period))
    return FALSE;

  g_value_set_uint (value, period);
  return TRUE;
}

static GVariant *
period_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > RAPPORT_PERIOD_ALL)
    return NULL;

  return g_variant_new_string (rapport_period_to_nick (selected));
}

/* A count with the locale's thousands separator */
static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
show_reliability (RapportReliabilityBox *self)
{
  const RapportReliability *r = &self->reliability;
  g_autofree char *kept = format_count (r->kept);
  g_autofree char *late = format_count (r->late);
  g_autofree char *dropped = format_count (r->dropped);
  g_autofree char *open = format_count (r->open);
  g_autofree char *figure = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *description = NULL;

  if (rapport_reliability_has_figure (r))
    {
      guint64 decided = r->kept + r->late + r->dropped;
      g_autofree char *decided_text = format_count (decided);

      /* Translators: a percentage; use your language's spacing and sign */
      figure = g_strdup_printf (C_("percentage", "%u %%"),
                                (guint) rapport_reliability_get_percent (r));
      /* Translators: "12 of 15 commitments kept on time" */
      caption = g_strdup_printf (ngettext ("%s of %s commitment kept on time",
                                           "%s of %s commitments kept on time",
                                           (gulong) MIN (decided, G_MAXULONG)),
                                 kept, decided_text);
    }
  else
    {
      figure = g_strdup (_("No figure yet"));
      caption = g_strdup (_("Nothing due in this period has been delivered, dropped or "
                            "missed yet."));
    }

  gtk_label_set_text (self->figure_label, figure);
  gtk_label_set_text (self->caption_label, caption);
  gtk_label_set_text (self->kept_label, kept);
  gtk_label_set_text (self->late_label, late);
  gtk_label_set_text (self->dropped_label, dropped);
  gtk_label_set_text (self->open_label, open);

  /* Translators: read out by screen readers: the figure, the sentence under
   * it, then the counts of kept, late, dropped and open commitments */
  description = g_strdup_printf (_("Reliability: %s. %s. Kept: %s, late: %s, dropped: %s, "
                                   "open: %s."),
                                 figure, caption, kept, late, dropped, open);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figure_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* While the figures are worked out: dashes, and a sentence that says so */
static void
show_working (RapportReliabilityBox *self)
{
  const char *dash = "—";
  const char *caption = _("Working out how often you kept your word…");

  self->showing_figures = FALSE;
  gtk_label_set_text (self->figure_label, dash);
  gtk_label_set_text (self->caption_label, caption);
  gtk_label_set_text (self->kept_label, dash);
  gtk_label_set_text (self->late_label, dash);
  gtk_label_set_text (self->dropped_label, dash);
  gtk_label_set_text (self->open_label, dash);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figure_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption, -1);
  rapport_reliability_chart_clear (self->chart);
}

static void
show_trend (RapportReliabilityBox *self,
            GArray                *months)
{
  g_autofree RapportReliabilityPoint *points = g_new0 (RapportReliabilityPoint, months->len);

  for (guint i = 0; i < months->len; i++)
    {
      RapportMonthReliability *month = &g_array_index (months, RapportMonthReliability, i);

      points[i].month = &month->month;
      points[i].kept = (guint) month->reliability.kept;
      points[i].late = (guint) month->reliability.late;
      points[i].dropped = (guint) month->reliability.dropped;
    }

  rapport_reliability_chart_set_points (self->chart, points, months->len);
}

static void
trend_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportReliabilityBox) self = user_data;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GError) error = NULL;
  RapportReliability reliability;

  if (!rapport_stats_get_trend_finish (RAPPORT_STORE (object), result, &reliability, &months,
                                       &error))
    {
      /* A newer refresh took its place, or the box is gone */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Say so where the figure would be; the last figures are no longer true */
      g_clear_object (&self->cancellable);
      g_clear_handle_id (&self->working_id, g_source_remove);
      memset (&self->reliability, 0, sizeof self->reliability);
      show_reliability (self);
      self->showing_figures = FALSE;
      gtk_label_set_text (self->caption_label, error->message);
      rapport_reliability_chart_clear (self->chart);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->working_id, g_source_remove);
  self->reliability = reliability;
  show_reliability (self);
  self->showing_figures = TRUE;
  show_trend (self, months);
}

static gboolean
working_cb (gpointer user_data)
{
  RapportReliabilityBox *self = user_data;

  self->working_id = 0;
  show_working (self);

  return G_SOURCE_REMOVE;
}

void
rapport_reliability_box_refresh (RapportReliabilityBox *self)
{
  g_return_if_fail (RAPPORT_IS_RELIABILITY_BOX (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->store == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->out_of_date = TRUE;
      return;
    }
  self->out_of_date = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->working_id, g_source_remove);
  if (self->showing_figures)
    {
      self->working_id = g_timeout_add (WORKING_DELAY_MS, working_cb, self);
      g_source_set_name_by_id (self->working_id, "[rapport] reliability working");
    }
  else
    show_working (self);
  rapport_stats_get_trend_async (self->store, rapport_reliability_box_get_period (self),
                                 self->client_id, TREND_MONTHS, self->cancellable,
                                 trend_ready_cb, g_object_ref (self));
}

/* Callbacks */

static gboolean
refresh_cb (gpointer user_data)
{
  RapportReliabilityBox *self = user_data;

  self->refresh_id = 0;
  rapport_reliability_box_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RapportReliabilityBox *self,
                  GType                  type)
{
  if (type != RAPPORT_TYPE_COMMITMENT && type != RAPPORT_TYPE_RENEGOTIATION &&
      type != RAPPORT_TYPE_CLIENT)
    return;

  /* Once a burst of saves (an import, a cascade to the trash) is over */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
  g_source_set_name_by_id (self->refresh_id, "[rapport] reliability refresh");
}

/* Overrides */

static void
rapport_reliability_box_map (GtkWidget *widget)
{
  RapportReliabilityBox *self = RAPPORT_RELIABILITY_BOX (widget);

  GTK_WIDGET_CLASS (rapport_reliability_box_parent_class)->map (widget);

  /* A moment after the box shows: on a large database the figures take
   * a thread a second of work, which the window's first frames should
   * not share two cores with (bench/README.md) */
  if (self->out_of_date && self->refresh_id == 0)
    {
      self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
      g_source_set_name_by_id (self->refresh_id, "[rapport] reliability refresh");
    }
}

static void
rapport_reliability_box_dispose (GObject *object)
{
  RapportReliabilityBox *self = (RapportReliabilityBox *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->working_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_RELIABILITY_BOX);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_reliability_box_parent_class)->dispose (object);
}

static void
rapport_reliability_box_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportReliabilityBox *self = RAPPORT_RELIABILITY_BOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reliability_box_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportReliabilityBox *self = RAPPORT_RELIABILITY_BOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      if (self->store != NULL)
        g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      break;
    case PROP_CLIENT_ID:
      rapport_reliability_box_set_client_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_reliability_box_constructed (GObject *object)
{
  RapportReliabilityBox *self = RAPPORT_RELIABILITY_BOX (object);

  G_OBJECT_CLASS (rapport_reliability_box_parent_class)->constructed (object);

  rapport_reliability_box_refresh (self);
}

static void
rapport_reliability_box_class_init (RapportReliabilityBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_reliability_box_dispose;
  object_class->constructed = rapport_reliability_box_constructed;
  object_class->get_property = rapport_reliability_box_get_property;
  object_class->set_property = rapport_reliability_box_set_property;
  widget_class->map = rapport_reliability_box_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RAPPORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The client whose commitments count, or 0 for all */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RAPPORT_TYPE_RELIABILITY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-reliability-box.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, figure_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, caption_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, kept_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, late_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, dropped_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, open_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReliabilityBox, chart);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_reliability_box_init (RapportReliabilityBox *self)
{
  /* The tooltip is set here rather than in the template, where it would
   * cost round trips to the X server (rapport-tooltip.c) */
  gtk_widget_init_template (GTK_WIDGET (self));
  _rapport_widget_set_tooltip_text (GTK_WIDGET (self->period_dropdown), _("Period"));
  show_working (self);

  gtk_drop_down_set_selected (self->period_dropdown, RAPPORT_PERIOD_LAST_90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reliability period"), -1);

  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "reliability-period"))
        g_settings_bind_with_mapping (self->settings, "reliability-period",
                                      self->period_dropdown, "selected", G_SETTINGS_BIND_DEFAULT,
                                      period_get_mapping, period_set_mapping, NULL, NULL);
    }

  /* "Last 90 days" ends today, and what is open turns late */
  g_signal_connect_object (_rapport_day_clock_get_default (), "day-changed",
                           G_CALLBACK (rapport_reliability_box_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (rapport_reliability_box_refresh), self,
                           G_CONNECT_SWAPPED);
}

/* API */

GtkWidget *
rapport_reliability_box_new (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  return g_object_new (RAPPORT_TYPE_RELIABILITY_BOX, "store", store, NULL);
}

gint64
rapport_reliability_box_get_client_id (RapportReliabilityBox *self)
{
  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_BOX (self), 0);

  return self->client_id;
}

void
rapport_reliability_box_set_client_id (RapportReliabilityBox *self,
                                       gint64                 client_id)
{
  g_return_if_fail (RAPPORT_IS_RELIABILITY_BOX (self));
  g_return_if_fail (client_id >= 0);

  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  rapport_reliability_box_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

RapportPeriod
rapport_reliability_box_get_period (RapportReliabilityBox *self)
{
  guint selected;

  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_BOX (self), RAPPORT_PERIOD_ALL);

  selected = gtk_drop_down_get_selected (self->period_dropdown);
  return selected <= RAPPORT_PERIOD_ALL ? (RapportPeriod) selected : RAPPORT_PERIOD_LAST_90;
}

/**
 * rapport_reliability_box_is_refreshing:
 *
 * Returns: whether new figures are on their way: a change of the store
 *   waits a moment, then they are computed in a thread
 */
gboolean
rapport_reliability_box_is_refreshing (RapportReliabilityBox *self)
{
  g_return_val_if_fail (RAPPORT_IS_RELIABILITY_BOX (self), FALSE);

  return self->refresh_id != 0 || self->cancellable != NULL;
}

/**
 * rapport_reliability_box_get_reliability:
 * @reliability: (out): the counts the box shows (as of when it was last on
 *   screen)
 */
void
rapport_reliability_box_get_reliability (RapportReliabilityBox *self,
                                         RapportReliability    *reliability)
{
  g_return_if_fail (RAPPORT_IS_RELIABILITY_BOX (self));
  g_return_if_fail (reliability != NULL);

  *reliability = self->reliability;
}

/* rapport-test-ui.h: driving the main loop and finding widgets in UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-paced-model.h"
#include "rapport-reliability-box.h"

/* Runs what is pending, until the paced lists have all their rows (they
 * get them a frame at a time) */
static inline void
iterate (void)
{
  do
    {
      for (guint i = 0; i < 5; i++)
        while (g_main_context_iteration (NULL, FALSE))
          ;
      if (_rapport_paced_models_pacing () > 0)
        g_main_context_iteration (NULL, TRUE);
    }
  while (_rapport_paced_models_pacing () > 0);
}

/* Runs the main loop for @ms milliseconds */
static inline void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Until the figures @box computes in a thread are shown */
static inline void
wait_reliability_box (GtkWidget *box)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (box);
  while (rapport_reliability_box_is_refreshing (RAPPORT_RELIABILITY_BOX (box)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate ();
}

/* What @widget draws, as the renderer gets it */
static inline GskRenderNode *
widget_render_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return node;
}

/* A visible toplevel window of @type, if one is open */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* The first widget under @root, @root included, for which @match is true */
static inline GtkWidget *
find_widget (GtkWidget     *root,
             gboolean     (*match) (GtkWidget *, gconstpointer),
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* For find_widget (): a row of libadwaita titled @title */
static inline gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* For find_widget (): a label that reads @text */
static inline gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static inline gboolean
is_subtitle_label (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "subtitle");
}

/* The subtitle a record's row shows under its title */
static inline const char *
row_subtitle (GtkWidget *row)
{
  GtkWidget *label;

  g_assert_nonnull (row);
  label = find_widget (row, is_subtitle_label, NULL);
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

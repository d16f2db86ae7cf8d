/* rapport-paced-model.c: a list's items handed to a view a few at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view makes a widget for each item it gets, and styles and measures it
 * before the next frame: a boxed list of a hundred rows, or the 200 rows
 * GTK's list view keeps around what it shows, held the window 150-350 ms
 * on a million-row database. A paced model is a GtkSliceListModel of the
 * list that shows its first items at once and the next ones a frame at a
 * time, a few milliseconds' worth each, up to @paced_items; then
 * it shows @final_size items (G_MAXUINT: all, once a list view has made
 * all the row widgets it keeps). Given its view, it hands items over only
 * while the view is mapped: rows made for a hidden page would all be
 * measured together in the frame that shows it (45 ms for the overview).
 */
#define G_LOG_DOMAIN "rapport-paced-model"

#include "config.h"

#include <gtk/gtk.h>

#include "rapport-paced-model.h"

/* A step makes items for BUDGET_US, and RAPPORT_ITEMS_PER_STEP at the
 * most; the frame after it lays them out, which takes longer, so there is
 * one step a frame at the most (idle callbacks ran several times between
 * two frames, and their rows were laid out together). 25 boxed-list rows
 * take 1.1 ms to make and 3.2 ms to lay out: the time alone would let a
 * step make some sixty, and the frame after lay them out for 8 ms.
 *
 * A view's pacer steps just after the view's frame is painted. GLib runs
 * in one main-loop iteration every source ready when it checks: a step
 * on a timeout of its own, due when a frame was, ran with the frame that
 * laid out its rows, and the window waited for both (bench/README.md).
 * Without a frame clock (no view, or one not realized yet) a timeout
 * paces the steps. */
#define BUDGET_US 3000
#define STEP_MS 16

/* Pacers with a step to come, for tests to wait for */
static guint n_pacing;
/* When the last step of any pacer ended: the overview's six lists, due
 * at the same moment, take turns instead of filling one frame together */
static gint64 last_step_us;

typedef struct
{
  /* Not owned: the slice owns the pacer */
  GtkSliceListModel *slice;
  /* Owned as well: the slice drops its own reference before the pacer goes */
  GListModel        *model;
  guint              at_once;
  guint              paced_items;
  guint              final_size;
  /* Whether it has items to hand over, and a step to come */
  gboolean           pacing;
  /* The next step: a timeout, or an idle after the frame clock's paint */
  guint              source_id;
  /* Weak: the view that shows the slice, when it is known */
  GtkWidget         *view;
  gulong             map_id;
  /* The view's frame clock, while the pacer waits for its paints */
  GdkFrameClock     *clock;
  gulong             paint_id;
} Pacer;

static gboolean step_cb (gpointer data);

static gboolean
pacer_can_step (Pacer *pacer)
{
  return pacer->view == NULL || gtk_widget_get_mapped (pacer->view);
}

static guint
pacer_wanted (Pacer *pacer)
{
  guint n_items = pacer->model != NULL ? g_list_model_get_n_items (pacer->model) : 0;

  return MIN (n_items, pacer->paced_items);
}

static void
after_paint_cb (Pacer *pacer)
{
  if (!pacer->pacing || pacer->source_id != 0)
    return;

  pacer->source_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, pacer, NULL);
  g_source_set_name_by_id (pacer->source_id, "[rapport] paced items");
}

static void
disconnect_clock (Pacer *pacer)
{
  if (pacer->clock == NULL)
    return;

  g_clear_signal_handler (&pacer->paint_id, pacer->clock);
  g_clear_object (&pacer->clock);
}

/* Has the next step come after the view's next paint, or a frame's time
 * from now */
static void
schedule_step (Pacer *pacer)
{
  GdkFrameClock *clock = pacer->view != NULL ? gtk_widget_get_frame_clock (pacer->view) : NULL;

  if (pacer->source_id != 0)
    return;

  if (clock == NULL)
    {
      disconnect_clock (pacer);
      pacer->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, STEP_MS, step_cb, pacer,
                                             NULL);
      g_source_set_name_by_id (pacer->source_id, "[rapport] paced items");
      return;
    }

  if (pacer->clock != clock)
    {
      disconnect_clock (pacer);
      pacer->clock = g_object_ref (clock);
      pacer->paint_id = g_signal_connect_swapped (clock, "after-paint",
                                                  G_CALLBACK (after_paint_cb), pacer);
    }
  /* A frame comes even when nothing changed since the last */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
stop_pacing (Pacer *pacer)
{
  if (!pacer->pacing)
    return;

  pacer->pacing = FALSE;
  n_pacing--;
  g_clear_handle_id (&pacer->source_id, g_source_remove);
  disconnect_clock (pacer);
}

static gboolean
step_cb (gpointer data)
{
  Pacer *pacer = data;
  gint64 start = g_get_monotonic_time ();
  guint size = gtk_slice_list_model_get_size (pacer->slice);
  guint wanted = pacer_wanted (pacer);

  pacer->source_id = 0;

  /* Hidden: the next map goes on */
  if (!pacer_can_step (pacer))
    {
      stop_pacing (pacer);
      return G_SOURCE_REMOVE;
    }

  if (start - last_step_us < (STEP_MS - 2) * 1000)
    {
      schedule_step (pacer);
      return G_SOURCE_REMOVE;
    }

  for (guint made = 0;
       size < wanted && made < RAPPORT_ITEMS_PER_STEP && g_get_monotonic_time () - start < BUDGET_US;
       made++)
    gtk_slice_list_model_set_size (pacer->slice, ++size);
  last_step_us = g_get_monotonic_time ();

  if (size < wanted)
    {
      schedule_step (pacer);
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (pacer->slice, pacer->final_size);
  stop_pacing (pacer);
  return G_SOURCE_REMOVE;
}

/* Items were added to the list: pace those the slice is to show */
static void
model_changed_cb (Pacer *pacer)
{
  if (pacer->pacing || !pacer_can_step (pacer) ||
      gtk_slice_list_model_get_size (pacer->slice) >= pacer_wanted (pacer))
    return;

  pacer->pacing = TRUE;
  n_pacing++;
  schedule_step (pacer);
}

static void
pacer_free (gpointer data)
{
  Pacer *pacer = data;

  stop_pacing (pacer);
  if (pacer->view != NULL)
    {
      g_clear_signal_handler (&pacer->map_id, pacer->view);
      g_object_remove_weak_pointer (G_OBJECT (pacer->view), (gpointer *) &pacer->view);
    }
  if (pacer->model != NULL)
    g_signal_handlers_disconnect_by_data (pacer->model, pacer);
  g_clear_object (&pacer->model);
  g_free (pacer);
}

/**
 * _rapport_paced_model_new:
 * @model: (nullable): the list
 * @at_once: how many items are shown at once (RAPPORT_ITEMS_AT_ONCE)
 * @paced_items: how many items are handed a few at a time
 * @final_size: how many are shown after those, G_MAXUINT for all
 *
 * Returns: (transfer full): a model of the first items of @model, which
 *   a view makes its widgets of over several frames.
 */
GListModel *
_rapport_paced_model_new (GListModel *model,
                          guint       at_once,
                          guint       paced_items,
                          guint       final_size)
{
  GtkSliceListModel *slice = gtk_slice_list_model_new (NULL, 0, 0);
  Pacer *pacer = g_new0 (Pacer, 1);

  pacer->slice = slice;
  pacer->at_once = at_once;
  pacer->paced_items = paced_items;
  pacer->final_size = final_size;
  g_object_set_data_full (G_OBJECT (slice), "rapport-pacer", pacer, pacer_free);
  _rapport_paced_model_set_model (G_LIST_MODEL (slice), model);

  return G_LIST_MODEL (slice);
}

/* Shows the items of @model instead, paced again */
void
_rapport_paced_model_set_model (GListModel *paced,
                                GListModel *model)
{
  Pacer *pacer = g_object_get_data (G_OBJECT (paced), "rapport-pacer");

  g_return_if_fail (pacer != NULL);

  if (pacer->model != NULL)
    g_signal_handlers_disconnect_by_data (pacer->model, pacer);
  g_set_object (&pacer->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_changed_cb), pacer);

  gtk_slice_list_model_set_size (pacer->slice, MIN (pacer->at_once, pacer->paced_items));
  gtk_slice_list_model_set_model (pacer->slice, model);
  model_changed_cb (pacer);
}

/* Items are handed over only while @view, which shows @paced, is mapped */
void
_rapport_paced_model_set_view (GListModel *paced,
                               GtkWidget  *view)
{
  Pacer *pacer = g_object_get_data (G_OBJECT (paced), "rapport-pacer");

  g_return_if_fail (pacer != NULL);
  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (pacer->view == NULL);

  pacer->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &pacer->view);
  pacer->map_id = g_signal_connect_swapped (view, "map", G_CALLBACK (model_changed_cb), pacer);
  if (!pacer_can_step (pacer))
    stop_pacing (pacer);
}

/* How many paced models have items to hand over, and a view to show them */
guint
_rapport_paced_models_pacing (void)
{
  return n_pacing;
}

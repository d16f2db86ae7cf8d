/* test-paced-model.c: a list's items handed to a view a few at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "rapport-paced-model.h"

static GListModel *
numbers (guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);

      gtk_string_list_append (list, number);
    }

  return G_LIST_MODEL (list);
}

/* Until every paced model has handed over its items */
static void
run_idles (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (_rapport_paced_models_pacing () > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
changed_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            guint      *n_changes)
{
  (*n_changes)++;
}

/* A list view's model: the first items at once, more between frames, then all */
static void
test_then_all (void)
{
  g_autoptr(GListModel) list = numbers (1000);
  g_autoptr(GListModel) paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE,
                                                          RAPPORT_LIST_VIEW_ROWS, G_MAXUINT);
  g_autoptr(GListModel) other = numbers (3);
  guint n_changes = 0;

  g_assert_cmpuint (g_list_model_get_n_items (paced), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (paced), <, RAPPORT_LIST_VIEW_ROWS);
  g_signal_connect (paced, "items-changed", G_CALLBACK (changed_cb), &n_changes);

  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 1000);
  g_assert_cmpuint (n_changes, >, 1);

  /* Another list: paced again, and the first list no longer matters */
  _rapport_paced_model_set_model (paced, other);
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 3);
  gtk_string_list_append (GTK_STRING_LIST (list), "ignored");
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 3);

  /* Items added later show as well */
  gtk_string_list_append (GTK_STRING_LIST (other), "3");
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 4);
  g_signal_handlers_disconnect_by_data (paced, &n_changes);
}

/* A boxed list's model: at most so many, however long the list grows */
static void
test_at_most (void)
{
  g_autoptr(GListModel) list = numbers (40);
  g_autoptr(GListModel) paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, 30, 30);

  g_assert_cmpuint (g_list_model_get_n_items (paced), <, 30);
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 30);

  gtk_string_list_splice (GTK_STRING_LIST (list), 0, 40, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 0);
  for (guint i = 0; i < 50; i++)
    gtk_string_list_append (GTK_STRING_LIST (list), "again");
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 30);
}

/* Each step hands over a frame's worth of items at the most */
static void
test_per_step (void)
{
  g_autoptr(GListModel) list = numbers (100);
  g_autoptr(GListModel) paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, 100, 100);
  guint steps = 0;

  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, RAPPORT_ITEMS_AT_ONCE);
  while (_rapport_paced_models_pacing () > 0)
    {
      guint before = g_list_model_get_n_items (paced);

      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (g_list_model_get_n_items (paced) - before, <=, RAPPORT_ITEMS_PER_STEP);
      if (g_list_model_get_n_items (paced) > before)
        steps++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 100);
  g_assert_cmpuint (steps, >=, (100 - RAPPORT_ITEMS_AT_ONCE) / RAPPORT_ITEMS_PER_STEP);
}

/* The model may go before the list, and the list before the model */
static void
test_lifetimes (void)
{
  GListModel *list = numbers (500);
  GListModel *paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, RAPPORT_LIST_VIEW_ROWS,
                                               G_MAXUINT);

  g_object_unref (list);
  g_object_unref (paced);
  run_idles ();

  list = numbers (500);
  paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, RAPPORT_LIST_VIEW_ROWS,
                                               G_MAXUINT);
  g_object_unref (paced);
  gtk_string_list_append (GTK_STRING_LIST (list), "after");
  run_idles ();
  g_object_unref (list);
}

/* A view that is not mapped gets its first items, and the others once it
 * shows: rows made for a hidden page would all be measured in the frame
 * that shows it */
static void
test_hidden_view (void)
{
  g_autoptr(GListModel) list = numbers (100);
  g_autoptr(GListModel) other = numbers (100);
  g_autoptr(GListModel) paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, 30, 30);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_list_box_new ();

  gtk_window_set_child (GTK_WINDOW (window), box);
  _rapport_paced_model_set_view (paced, box);
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, RAPPORT_ITEMS_AT_ONCE);

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (box))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (_rapport_paced_models_pacing (), ==, 1);
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 30);

  /* Hidden again: a new list waits as well */
  gtk_widget_set_visible (window, FALSE);
  _rapport_paced_model_set_model (paced, other);
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, RAPPORT_ITEMS_AT_ONCE);

  /* The view may go before the model, which then paces on its own */
  gtk_window_destroy (GTK_WINDOW (window));
  _rapport_paced_model_set_model (paced, list);
  run_idles ();
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 30);
}

/* The main loop's last wait, and paints, seen by the next test */
static GPollFunc default_poll;
static int last_poll_timeout;
static guint n_iterations;

static int
recording_poll (GPollFD *fds,
                guint    n_fds,
                int      timeout)
{
  last_poll_timeout = timeout;
  n_iterations++;
  return default_poll (fds, n_fds, timeout);
}

typedef struct
{
  guint n_paints;
  guint paints_at_last_step;
  guint n_steps;
  guint n_waited;
  guint step_iteration;
} StepLog;

static void
painted_cb (GdkFrameClock *clock,
            StepLog       *log)
{
  log->n_paints++;
}

static void
stepped_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            StepLog    *log)
{
  /* A step adds its items one at a time */
  if (log->step_iteration == n_iterations)
    return;
  log->step_iteration = n_iterations;
  log->n_steps++;
  /* A paint came between this step and the one before */
  g_assert_cmpuint (log->n_paints, >, log->paints_at_last_step);
  log->paints_at_last_step = log->n_paints;
  /* The step was ready when the loop looked, right after the paint: it
   * did not come due on a timer of its own, which could fall in the
   * same iteration as a frame */
  if (last_poll_timeout != 0)
    log->n_waited++;
}

static GtkWidget *
label_new (gpointer item,
           gpointer user_data)
{
  return gtk_label_new (gtk_string_object_get_string (item));
}

/* A shown view's items are handed over just after its frames are painted,
 * never in the main-loop iteration of a frame */
static void
test_steps_follow_paints (void)
{
  g_autoptr(GListModel) list = numbers (200);
  g_autoptr(GListModel) paced = _rapport_paced_model_new (list, RAPPORT_ITEMS_AT_ONCE, 200, 200);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GdkFrameClock *clock;
  StepLog log = { 0 };

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 300);
  gtk_list_box_bind_model (GTK_LIST_BOX (box), paced, label_new, NULL, NULL);
  _rapport_paced_model_set_view (paced, box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (box))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (box);
  g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &log);
  g_signal_connect (paced, "items-changed", G_CALLBACK (stepped_cb), &log);
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, recording_poll);

  while (_rapport_paced_models_pacing () > 0)
    g_main_context_iteration (NULL, TRUE);

  g_main_context_set_poll_func (NULL, default_poll);
  g_signal_handlers_disconnect_by_data (clock, &log);
  g_signal_handlers_disconnect_by_data (paced, &log);
  g_assert_cmpuint (g_list_model_get_n_items (paced), ==, 200);
  g_assert_cmpuint (log.n_steps, >=, (200 - RAPPORT_ITEMS_AT_ONCE) / RAPPORT_ITEMS_PER_STEP);
  g_assert_cmpuint (log.n_waited, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paced-model/then-all", test_then_all);
  g_test_add_func ("/paced-model/at-most", test_at_most);
  g_test_add_func ("/paced-model/per-step", test_per_step);
  g_test_add_func ("/paced-model/lifetimes", test_lifetimes);
  g_test_add_func ("/paced-model/hidden-view", test_hidden_view);
  g_test_add_func ("/paced-model/steps-follow-paints", test_steps_follow_paints);

  return g_test_run ();
}

/* rapport-test-app.h: running the application with a window, for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-window.h"

typedef void (*TestFunc) (RapportWindow *window,
                          RapportStore  *store);

typedef struct
{
  TestFunc  func;
  gboolean  ran;
} RunData;

static inline void
run_activate_cb (GApplication *app,
                 RunData      *run)
{
  RapportWindow *window;

  iterate ();
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);

  run->func (window, rapport_application_get_store (RAPPORT_APPLICATION (app)));
  run->ran = TRUE;

  /* Not left behind to answer the next test's changes of settings; what
   * it still computes is dropped with it */
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_application_quit (app);
}

/* Runs the application on @database and @func once its window is shown */
static inline void
run_app (const char *database,
         TestFunc    func)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", (char *) database, NULL };
  RunData run = { func, FALSE };

  g_signal_connect_after (app, "activate", G_CALLBACK (run_activate_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (run.ran);
}

/* A test of g_test_add_data_func(): @data is the TestFunc, run on a new
 * database */
static inline void
run_test (gconstpointer data)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);

  run_app (path, (TestFunc) data);
  rapport_test_remove_dir (dir);
}

/* The narrowest the window can be, its decorations aside: what its content
 * asks for (GTK adds a border around it when no compositor draws shadows) */
static inline int
window_content_min_width (RapportWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* Prints the chain of shown widgets under @widget that asks for the most
 * width, to tell which one keeps the window wide */
static inline void
print_widest (GtkWidget *widget,
              int        depth)
{
  GtkWidget *widest = NULL;
  int widest_min = -1;
  int min;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_printerr ("%*s%s min %d %s\n", depth, "", G_OBJECT_TYPE_NAME (widget), min,
              GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;

      if (!gtk_widget_get_mapped (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      if (child_min > widest_min)
        {
          widest = child;
          widest_min = child_min;
        }
    }

  if (widest != NULL)
    print_widest (widest, depth + 1);
}

/* Shows each view of @window, a client's page and the search included, and
 * asserts that each fits in 360 pixels, the width of a phone that GNOME
 * apps are to be usable at */
static inline void
assert_views_fit_phone (RapportWindow *window,
                        RapportStore  *store)
{
  const char *views[] = { "overview", "clients", "client", "commitments", "feedback", "lessons",
                          "trash", "search" };
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Globex");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (store, client, "Deliver the website redesign", "2031-01-01");

  iterate ();
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min;

      if (g_str_equal (views[i], "client"))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record",
                                                   "(sx)", G_OBJECT_TYPE_NAME (client),
                                                   rapport_record_get_id (RAPPORT_RECORD (client))));
      else if (g_str_equal (views[i], "search"))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                   views[i]));
      iterate ();
      g_assert_cmpstr (rapport_window_get_visible_view (window), ==, views[i]);

      min = window_content_min_width (window);
      if (min > 360)
        {
          g_printerr ("The %s view is %d pixels wide at least:\n", views[i], min);
          print_widest (GTK_WIDGET (window), 0);
        }
      g_assert_cmpint (min, <=, 360);
    }
}

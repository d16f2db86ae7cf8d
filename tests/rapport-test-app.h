/* rapport-test-app.h: running the application with a window, for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

/* test-application.c: the application's options and how it opens a store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rapport-application.h"
#include "rapport-editor.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"

typedef struct
{
  RapportApplication *app;
  char               *expected_path;
  gboolean            expect_store;
  gboolean            checked;
} RunCheck;

static gboolean
check_and_quit_cb (gpointer data)
{
  RunCheck *check = data;
  RapportStore *store = rapport_application_get_store (check->app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (check->app));

  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  if (check->expect_store)
    {
      g_assert_nonnull (store);
      g_assert_cmpstr (rapport_store_get_path (store), ==, check->expected_path);
      g_assert_null (rapport_application_get_store_error (check->app));
    }
  else
    {
      g_assert_null (store);
      g_assert_nonnull (strstr (rapport_application_get_store_error (check->app), "damaged"));
    }

  check->checked = TRUE;
  gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (check->app));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             RunCheck     *check)
{
  g_timeout_add (200, check_and_quit_cb, check);
}

/* Runs the app on @path and checks what it opened; @startup, when not
 * NULL, is connected after the app's own "startup" */
static void
run_app (const char *path,
         gboolean    expect_store,
         GCallback   startup,
         gpointer    startup_data)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();
  RunCheck check = { app, (char *) path, expect_store, FALSE };
  char *argv[] = { (char *) "rapport", (char *) "--database", (char *) path, NULL };
  int status;

  if (startup != NULL)
    g_signal_connect_after (app, "startup", startup, startup_data);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &check);
  status = g_application_run (G_APPLICATION (app), 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (check.checked);
}

static void
test_opens_database_option (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "chosen.db", NULL);

  run_app (path, TRUE, NULL, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  rapport_test_remove_dir (dir);
}

static void
test_damaged_database_is_explained (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *after = NULL;
  const char *notes = "not a database at all, but precious notes\n";

  g_assert_true (g_file_set_contents (path, notes, -1, NULL));
  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*damaged*");
  run_app (path, FALSE, NULL, NULL);
  g_test_assert_expected_messages ();

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, notes);
  rapport_test_remove_dir (dir);
}

/* Ctrl+Q from an editor quits, and quitting keeps the window's size and
 * view for the next start as closing it does */
static gboolean
quit_from_editor_cb (gpointer data)
{
  RapportApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *editor;

  gtk_window_set_default_size (window, 800, 600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "lessons"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));

  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "app.quit", NULL));
  return G_SOURCE_REMOVE;
}

static void
quit_from_editor_activate_cb (GApplication *app)
{
  g_timeout_add (200, quit_from_editor_cb, app);
}

/* Once the discarded editor is gone (it goes when the window is idle,
 * which it is not while it makes its views at start-up) */
static gboolean
quit_again_cb (gpointer data)
{
  RapportApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  static guint tries;

  if (find_toplevel (RAPPORT_TYPE_EDITOR) != NULL && ++tries < 100)
    return G_SOURCE_CONTINUE;

  g_assert_null (find_toplevel (RAPPORT_TYPE_EDITOR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL));
  return G_SOURCE_REMOVE;
}

/* Ctrl+Q with an editor holding what it could not save asks first, as
 * closing the editor does, and quits only once nothing is left to lose */
static gboolean
quit_asks_cb (gpointer data)
{
  RapportApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *editor;
  GtkWindow *dialog;
  GtkWidget *company;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "clients"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  /* A company, but no name: nothing can be saved yet */
  company = find_widget (GTK_WIDGET (editor), is_row_titled, "Company");
  g_assert_nonnull (company);
  gtk_editable_set_text (GTK_EDITABLE (company), "Acme Ltd");
  wait_ms (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "app.quit", NULL));
  wait_ms (50);
  g_assert_true (find_toplevel (RAPPORT_TYPE_EDITOR) == editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  /* Discarded, the next Ctrl+Q quits */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (dialog);
  g_timeout_add (100, quit_again_cb, app);
  return G_SOURCE_REMOVE;
}

static void
quit_asks_activate_cb (GApplication *app)
{
  g_timeout_add (200, quit_asks_cb, app);
}

static void
test_quit_asks_before_discarding (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportApplication) app = rapport_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (quit_asks_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  rapport_test_remove_dir (dir);
}

static void
test_quit_from_editor_keeps_state (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(RapportApplication) app = rapport_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autofree char *last_view = NULL;
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };

  g_settings_reset (settings, "last-view");
  g_signal_connect_after (app, "activate", G_CALLBACK (quit_from_editor_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "lessons");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);

  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  rapport_test_remove_dir (dir);
}

typedef struct
{
  RapportApplication *app;
  guint               changes_before_window;
  guint               changes_with_window;
} ThemeChanges;

static void
icon_theme_changed_cb (GtkIconTheme *theme,
                       ThemeChanges *changes)
{
  if (gtk_application_get_active_window (GTK_APPLICATION (changes->app)) == NULL)
    changes->changes_before_window++;
  else
    changes->changes_with_window++;
}

static void
startup_cb (GApplication *app,
            ThemeChanges *changes)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  changes->app = RAPPORT_APPLICATION (app);
  g_signal_connect (theme, "changed", G_CALLBACK (icon_theme_changed_cb), changes);
}

/* What GTK changes in the icon theme at start-up is applied before the
 * window is made: applied after, it restyled the whole window and drew
 * it again */
static void
test_icon_theme_settled_before_window (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "theme.db", NULL);
  ThemeChanges changes = { NULL, 0, 0 };

  run_app (path, TRUE, G_CALLBACK (startup_cb), &changes);

  g_test_message ("icon theme changes: %u before the window, %u after",
                  changes.changes_before_window, changes.changes_with_window);
  g_assert_cmpuint (changes.changes_with_window, ==, 0);

  g_signal_handlers_disconnect_by_data (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        &changes);
  rapport_test_remove_dir (dir);
}

static void
test_version_option (void)
{
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "rapport", NULL);
  const char *argv[] = { binary, "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("rapport %s\n", PACKAGE_VERSION);
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/application/database-option", test_opens_database_option);
  g_test_add_func ("/application/damaged-database-explained", test_damaged_database_is_explained);
  g_test_add_func ("/application/version-option", test_version_option);
  g_test_add_func ("/application/quit-asks-before-discarding", test_quit_asks_before_discarding);
  g_test_add_func ("/application/quit-from-editor-keeps-state",
                   test_quit_from_editor_keeps_state);
  g_test_add_func ("/application/icon-theme-settled-before-window",
                   test_icon_theme_settled_before_window);

  return g_test_run ();
}

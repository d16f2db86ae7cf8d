/* test-recovery.c: a damaged database is explained and a backup brings the
 * data back, from the window, without losing the damaged file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-backups-dialog.h"
#include "rapport-feedback-editor.h"
#include "rapport-store-backup.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"

typedef struct
{
  RapportApplication *app;
  char               *dir;
  char               *path;
  void              (*check) (gpointer data);
  gboolean            done;
} Run;

static gboolean
run_check_cb (gpointer data)
{
  Run *run = data;

  run->check (run);
  run->done = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_timeout_add (200, run_check_cb, run);
}

static void
run_app (Run *run)
{
  char *argv[] = { (char *) "rapport", (char *) "--database", run->path, NULL };

  run->app = rapport_application_new ();
  g_signal_connect_after (run->app, "activate", G_CALLBACK (activate_cb), run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run->app), 3, argv), ==, 0);
  g_assert_true (run->done);
  g_clear_object (&run->app);
}

static guint
count_clients (RapportStore *store)
{
  g_autoptr(GListModel) clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);

  return g_list_model_get_n_items (clients);
}

static GtkWidget *
find_button_with_action (GtkWidget  *widget,
                         const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A message shown over @window */
static GtkWindow *
find_dialog_over (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == window)
        return toplevel;
    }

  return NULL;
}

static void
check_damaged (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  GtkWidget *button;
  RapportStore *store;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_null (rapport_application_get_store (run->app));
  g_assert_cmpint (rapport_application_get_store_error_code (run->app), ==,
                   RAPPORT_STORE_ERROR_CORRUPT);

  /* The window says so and offers the latest backup */
  button = find_button_with_action (GTK_WIDGET (window), "win.open-latest-backup");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (find_button_with_action (GTK_WIDGET (window),
                                                                   "win.retry-open")));

  g_signal_emit_by_name (button, "clicked");
  wait_ms (200);

  store = rapport_application_get_store (run->app);
  g_assert_nonnull (store);
  g_assert_cmpuint (count_clients (store), ==, 1);
  /* A new window shows the data, not the error */
  window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  g_assert_nonnull (window);
  g_assert_false (gtk_widget_get_mapped (find_button_with_action (GTK_WIDGET (window),
                                                                  "win.open-latest-backup")));

  /* The damaged file is kept beside the database */
  dir = g_dir_open (run->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *path = g_build_filename (run->dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "garbage from a failing disk");
        kept = TRUE;
      }
  g_assert_true (kept);

  gtk_window_destroy (window);
}

static void
test_damaged_database_restored_from_backup (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  Run run = { NULL, dir, path, check_damaged, FALSE };

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Saved by the backup");
    g_autofree char *made = rapport_store_backup_daily (path, NULL, NULL);

    g_assert_nonnull (made);
  }
  g_assert_true (g_file_set_contents (path, "garbage from a failing disk", -1, NULL));

  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*damaged*");
  run_app (&run);
  g_test_assert_expected_messages ();
  rapport_test_remove_dir (dir);
}

/* The latest backup is damaged too: the window says so, and the damaged
 * database is still there to try another backup */
static void
check_damaged_backup (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  GtkWidget *button = find_button_with_action (GTK_WIDGET (window), "win.open-latest-backup");
  GtkWindow *dialog;
  g_autofree char *contents = NULL;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_ms (200);

  g_assert_null (rapport_application_get_store (run->app));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Backup Was Not Restored");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "damaged"));
  g_assert_true (gtk_window_get_transient_for (dialog) ==
                 gtk_application_get_active_window (GTK_APPLICATION (run->app)));

  g_assert_true (g_file_get_contents (run->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "garbage from a failing disk");

  gtk_window_destroy (dialog);
  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
}

static void
test_damaged_backup_said (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *made = NULL;
  Run run = { NULL, dir, path, check_damaged_backup, FALSE };

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);

    made = rapport_store_backup_daily (path, NULL, NULL);
    g_assert_nonnull (made);
  }
  g_assert_true (g_file_set_contents (path, "garbage from a failing disk", -1, NULL));
  g_assert_true (g_file_set_contents (made, "garbage in the backup too", -1, NULL));

  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*damaged*");
  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*damaged*");
  run_app (&run);
  rapport_test_remove_dir (dir);
}

static void
check_restore_dialog (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  RapportStore *store = rapport_application_get_store (run->app);
  GtkWindow *dialog;
  GtkWindow *question;

  g_assert_cmpuint (count_clients (store), ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (run->app), "restore-backup", NULL);
  wait_ms (100);
  dialog = find_toplevel (RAPPORT_TYPE_BACKUPS_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == window);
  g_assert_cmpuint (rapport_backups_dialog_get_n_backups (RAPPORT_BACKUPS_DIALOG (dialog)), ==, 1);

  rapport_backups_dialog_restore (RAPPORT_BACKUPS_DIALOG (dialog), 0);
  wait_ms (100);
  question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  wait_ms (300);

  store = rapport_application_get_store (run->app);
  g_assert_nonnull (store);
  g_assert_cmpuint (count_clients (store), ==, 1);

  /* The backups dialog went with the window it was over: its list was of
   * the database before */
  g_assert_null (find_toplevel (RAPPORT_TYPE_BACKUPS_DIALOG));

  /* What the user had is kept, under a name that does not call it
   * damaged, and the app says which */
  window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  {
    g_autoptr(GDir) dir = g_dir_open (run->dir, 0, NULL);
    g_autofree char *kept = NULL;
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_null (strstr (name, ".damaged-"));
        if (g_str_has_prefix (name, "rapport.db.before-restore-") &&
            !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
          kept = g_strdup (name);
      }
    g_assert_nonnull (kept);
    question = find_dialog_over (window);
    g_assert_nonnull (question);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), kept));
    gtk_window_destroy (question);
  }

  gtk_window_destroy (window);
}

/* Runs the app with @check on a database of two clients, one of them
 * added after its daily backup */
static void
run_with_backup (void (*check) (gpointer data))
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  Run run = { NULL, dir, path, check, FALSE };

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
    g_autoptr(RapportClient) first = rapport_test_add_client (store, "Before the backup");
    g_autoptr(RapportClient) second = NULL;
    g_autofree char *made = rapport_store_backup_daily (path, NULL, NULL);

    g_assert_nonnull (made);
    second = rapport_test_add_client (store, "After the backup");
  }

  run_app (&run);
  rapport_test_remove_dir (dir);
}

static void
test_restore_backup_from_menu (void)
{
  run_with_backup (check_restore_dialog);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* New feedback typed but not saved yet (it has no client): restoring
 * would close its editor without a word. The editor asks first, and
 * nothing is restored until it is answered. */
static void
check_restore_keeps_unsaved (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  RapportStore *store = rapport_application_get_store (run->app);
  GtkWindow *editor = rapport_feedback_editor_new (window, store, NULL, 0);
  GtkWidget *said;
  GtkWindow *dialog;
  GtkWindow *question;

  gtk_window_set_application (editor, GTK_APPLICATION (run->app));
  gtk_window_present (editor);
  iterate ();
  said = find_widget (GTK_WIDGET (editor), is_text_view, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (said)),
                            "The report came without its appendix", -1);
  iterate ();
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  g_action_group_activate_action (G_ACTION_GROUP (run->app), "restore-backup", NULL);
  wait_ms (100);
  dialog = find_toplevel (RAPPORT_TYPE_BACKUPS_DIALOG);
  g_assert_nonnull (dialog);
  rapport_backups_dialog_restore (RAPPORT_BACKUPS_DIALOG (dialog), 0);
  wait_ms (100);
  question = find_dialog_over (dialog);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "restore");
  wait_ms (300);

  /* Nothing was restored, and the typed text is still there to keep */
  g_assert_nonnull (editor);
  g_assert_true (rapport_application_get_store (run->app) == store);
  g_assert_cmpuint (count_clients (store), ==, 2);
  question = find_dialog_over (editor);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                   "Discard Unsaved Changes?");

  gtk_window_destroy (question);
  gtk_window_destroy (editor);
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (run->app))) != NULL)
    gtk_window_destroy (window);
}

static void
test_restore_keeps_unsaved (void)
{
  run_with_backup (check_restore_keeps_unsaved);
}

static char *
find_backup (const char *db_path)
{
  g_autoptr(GPtrArray) backups = rapport_store_list_backups (db_path);

  return backups->len > 0 ? g_strdup (backups->pdata[0]) : NULL;
}

static char *
wait_for_backup (const char *db_path)
{
  char *made = NULL;

  for (guint i = 0; i < 60 && (made = find_backup (db_path)) == NULL; i++)
    wait_ms (50);

  return made;
}

/* The app is left open for days: each day still gets its backup, as the
 * backups dialog says ("once a day while you use it") */
static void
check_backup_each_day (gpointer data)
{
  Run *run = data;
  g_autofree char *first = wait_for_backup (run->path);
  g_autofree char *next = NULL;

  g_assert_nonnull (first);
  /* As if the day changed: today's backup is not there yet */
  g_assert_cmpint (g_unlink (first), ==, 0);
  next = wait_for_backup (run->path);
  g_assert_nonnull (next);

  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
}

static void
test_backup_each_day (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };
  Run run = { NULL, dir, path, check_backup_each_day, FALSE };

  {
    g_autoptr(RapportStore) store = rapport_test_open_store (dir);
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Backed up daily");
  }

  run.app = rapport_application_new ();
  _rapport_application_set_backup_times (run.app, 1, 1);
  g_signal_connect_after (run.app, "activate", G_CALLBACK (activate_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 3, argv), ==, 0);
  g_assert_true (run.done);
  g_clear_object (&run.app);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/damaged-database-restored-from-backup",
                   test_damaged_database_restored_from_backup);
  g_test_add_func ("/recovery/damaged-backup-said", test_damaged_backup_said);
  g_test_add_func ("/recovery/restore-backup-from-menu", test_restore_backup_from_menu);
  g_test_add_func ("/recovery/restore-asks-about-unsaved", test_restore_keeps_unsaved);
  g_test_add_func ("/recovery/backup-each-day-while-open", test_backup_each_day);

  return g_test_run ();
}

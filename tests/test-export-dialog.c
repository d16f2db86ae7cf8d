/* test-export-dialog.c: the export and import dialog, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file chooser is a portal or a separate process and cannot be
 * answered here: the tests hand the file over with
 * rapport_export_dialog_run_with_file(), which is what its answer does.
 */
#include "config.h"

#include "rapport-export-dialog.h"
#include "rapport-import.h"
#include "rapport-test-data.h"
#include "rapport-test-ui.h"

typedef struct
{
  char                *dir;
  RapportStore        *store;
  RapportExportDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);

  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
  rapport_test_populate (fixture->store);
  g_settings_reset (settings, "summary-include-confidential");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (fixture->dialog),
                                                   RAPPORT_TYPE_EXPORT_DIALOG, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
open_dialog (Fixture                 *fixture,
             RapportExportDialogTask  task)
{
  fixture->dialog = rapport_export_dialog_new (NULL, fixture->store, task);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for the dialog to say how the work ended, and returns what it says */
static const char *
wait_for_status (Fixture *fixture)
{
  GtkWidget *status = child (fixture, "status_label");
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (!gtk_widget_get_visible (status) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  /* Nothing is running any more */
  g_assert_false (gtk_widget_get_visible (child (fixture, "cancel_button")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "progress_bar")));
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "start_button")));

  return gtk_label_get_text (GTK_LABEL (status));
}

static void
count_labels_starting (GtkWidget  *widget,
                       const char *prefix,
                       guint      *n)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    (*n)++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_labels_starting (child, prefix, n);
}

/* How many labels the user sees that say something starting with @prefix */
static guint
labels_shown_starting (Fixture    *fixture,
                       const char *prefix)
{
  guint n = 0;

  count_labels_starting (GTK_WIDGET (fixture->dialog), prefix, &n);
  return n;
}

static gboolean
is_shown_label_with_text (GtkWidget     *widget,
                          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Asserts that @row shows @text whole, not cut short with an ellipsis */
static void
assert_shows_whole (GtkWidget  *row,
                    const char *text)
{
  GtkWidget *label = find_widget (row, is_shown_label_with_text, text);

  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_summary_with_options (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "summary.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *status;

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  g_assert_true (gtk_widget_get_visible (child (fixture, "period_row")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "confidential_row")));
  g_assert_cmpstr (gtk_button_get_label (child (fixture, "start_button")), ==,
                   "_Export Summary…");

  adw_combo_row_set_selected (child (fixture, "period_row"), 1);
  g_assert_true (gtk_widget_activate (child (fixture, "confidential_row")));
  g_assert_true (gtk_switch_get_active (child (fixture, "confidential_switch")));

  rapport_export_dialog_run_with_file (fixture->dialog, file);
  g_assert_true (gtk_widget_get_visible (child (fixture, "cancel_button")));
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "start_button")));

  status = wait_for_status (fixture);
  g_assert_true (g_str_has_prefix (status, "The summary was saved as"));
  g_assert_nonnull (strstr (status, "summary.json"));
  /* Said once, and not over the button (a toast said it a second time) */
  wait_ms (300);
  g_assert_cmpuint (labels_shown_starting (fixture, "The summary was saved as"), ==, 1);

  contents = read_file (path);
  root = rapport_test_parse_json (contents);
  g_assert_nonnull (strstr (contents, "Umbrella Corp"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (root), "period"),
                     "name"), ==, "last-90");
}

/* At a phone's width, the kind and the period chosen are read whole */
static void
test_choices_whole (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *periods[] = { "Last 30 days", "Last 90 days", "Last 365 days", "All time" };
  GtkWidget *kind_row;
  GtkWidget *period_row;

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  gtk_window_set_default_size (GTK_WINDOW (fixture->dialog), 360, -1);
  iterate ();
  wait_ms (100);
  kind_row = child (fixture, "kind_row");
  period_row = child (fixture, "period_row");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->dialog)), <=, 360);

  assert_shows_whole (kind_row, "A summary of each client");
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (period_row), i);
      iterate ();
      wait_ms (50);
      assert_shows_whole (period_row, periods[i]);
    }

  /* What the period is for is still said */
  g_assert_cmpuint (labels_shown_starting (fixture, "Commitments by status"), ==, 1);
}

static void
test_summary_redacts_by_default (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "summary.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  g_autoptr(JsonNode) root = NULL;

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  g_assert_false (gtk_switch_get_active (child (fixture, "confidential_switch")));
  /* Every commitment counts unless asked otherwise, as on the command line */
  iterate ();
  assert_shows_whole (child (fixture, "period_row"), "All time");
  rapport_export_dialog_run_with_file (fixture->dialog, file);
  wait_for_status (fixture);

  contents = read_file (path);
  g_assert_null (strstr (contents, "Umbrella"));
  g_assert_nonnull (strstr (contents, "\"Client 1\""));
  root = rapport_test_parse_json (contents);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (root), "period"),
                     "name"), ==, "all");
}

/* The choice to name confidential clients is the setting
 * "summary-include-confidential": the next summary, after a restart too,
 * is made as the last one was */
static void
test_summary_remembers_confidential (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  g_assert_false (gtk_switch_get_active (child (fixture, "confidential_switch")));
  g_assert_true (gtk_widget_activate (child (fixture, "confidential_row")));
  g_assert_true (g_settings_get_boolean (settings, "summary-include-confidential"));
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  g_assert_true (gtk_switch_get_active (child (fixture, "confidential_switch")));
  g_assert_true (gtk_widget_activate (child (fixture, "confidential_row")));
  g_assert_false (g_settings_get_boolean (settings, "summary-include-confidential"));
}

static void
test_backup_switch_kind (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  const char *status;

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_SUMMARY);
  adw_combo_row_set_selected (child (fixture, "kind_row"), 1);
  g_assert_false (gtk_widget_get_visible (child (fixture, "period_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "confidential_row")));
  g_assert_cmpstr (gtk_button_get_label (child (fixture, "start_button")), ==,
                   "_Export Backup…");

  rapport_export_dialog_run_with_file (fixture->dialog, file);
  status = wait_for_status (fixture);
  g_assert_true (g_str_has_prefix (status, "The backup was saved as"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (child (fixture, "progress_bar")), ==, 1.0);

  contents = read_file (path);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"rapport-backup\""));
}

static void
test_import_merges (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *target_dir = g_build_filename (fixture->dir, "target", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *backup = rapport_test_backup_text (fixture->store);
  g_autoptr(GListModel) clients = NULL;
  const char *status;

  g_assert_true (g_file_set_contents (path, backup, -1, NULL));
  g_clear_object (&fixture->store);
  fixture->store = rapport_test_open_store (target_dir);
  clients = rapport_store_list (fixture->store, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);

  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_IMPORT);
  g_assert_false (gtk_widget_get_visible (child (fixture, "options_group")));
  g_assert_cmpstr (gtk_button_get_label (child (fixture, "start_button")), ==,
                   "_Choose a Backup…");

  rapport_export_dialog_run_with_file (fixture->dialog, file);
  status = wait_for_status (fixture);
  g_assert_nonnull (strstr (status, "Added: 20, changed: 0, unchanged: 0"));
  g_assert_false (gtk_widget_has_css_class (child (fixture, "status_label"), "error"));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 3);
}

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = rapport_test_backup_text (fixture->store);
  g_autofree char *after = NULL;
  const char *status;

  g_assert_true (g_file_set_contents (path,
                                      "{\"format\": \"rapport-backup\", \"format_version\": 7}",
                                      -1, NULL));
  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_IMPORT);
  rapport_export_dialog_run_with_file (fixture->dialog, file);
  status = wait_for_status (fixture);
  g_assert_true (g_str_has_prefix (status, "Nothing was imported from"));
  g_assert_nonnull (strstr (status, "version 7"));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "status_label"), "error"));

  after = rapport_test_backup_text (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

/* Enough rows that writing them takes far longer than a click */
static void
add_many_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"rapport-backup\", \"format_version\": 1, "
                                          "\"clients\": [");
  g_autofree char *client = g_uuid_string_random ();
  g_autofree char *path = g_build_filename (fixture->dir, "many.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_string_append_printf (json, "{\"uuid\": \"%s\", \"created\": \"2026-01-01T00:00:00Z\", "
                          "\"updated\": \"2026-01-01T00:00:00Z\", \"deleted_at\": null, "
                          "\"name\": \"Many\", \"company\": null, \"email\": null, "
                          "\"phone\": null, \"channel\": \"email\", \"cadence_days\": 0, "
                          "\"status\": \"active\", \"confidential\": false, \"notes\": null, "
                          "\"last_contact\": null}], \"commitments\": [", client);
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_string_append_printf (json, "%s{\"uuid\": \"%s\", \"created\": \"2026-01-01T00:00:00Z\", "
                              "\"updated\": \"2026-01-01T00:00:00Z\", \"deleted_at\": null, "
                              "\"client\": \"%s\", \"title\": \"Task %u\", \"details\": null, "
                              "\"agreed_on\": null, \"due\": \"2026-02-01\", \"status\": \"open\", "
                              "\"delivered_at\": null, \"drop_reason\": null}",
                              i > 0 ? ", " : "", uuid, client, i);
    }
  g_string_append (json, "], \"deliverables\": [], \"renegotiations\": [], \"feedback\": [], "
                         "\"lessons\": [], \"interactions\": []}");

  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  rapport_import_backup (fixture->store, file, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *status;

  add_many_rows (fixture);
  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_BACKUP);
  rapport_export_dialog_run_with_file (fixture->dialog, file);
  g_signal_emit_by_name (child (fixture, "cancel_button"), "clicked");

  status = wait_for_status (fixture);
  g_assert_cmpstr (status, ==, "Cancelled. No file was written.");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_close_while_running (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = NULL;
  GtkWidget *dialog;

  add_many_rows (fixture);
  open_dialog (fixture, RAPPORT_EXPORT_DIALOG_BACKUP);
  rapport_export_dialog_run_with_file (fixture->dialog, file);

  /* Closing cancels; the dialog lives on until the work has stopped */
  dialog = GTK_WIDGET (g_steal_pointer (&fixture->dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A switch changes when its animation ends: no animations, no waiting */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export-dialog/summary/names-confidential-when-asked", test_summary_with_options);
  ADD ("/export-dialog/summary/redacts-by-default", test_summary_redacts_by_default);
  ADD ("/export-dialog/summary/remembers-confidential-choice",
       test_summary_remembers_confidential);
  ADD ("/export-dialog/summary/choices-whole-at-phone-width", test_choices_whole);
  ADD ("/export-dialog/backup/switching-kind-hides-summary-options", test_backup_switch_kind);
  ADD ("/export-dialog/import/merges-and-refreshes", test_import_merges);
  ADD ("/export-dialog/import/bad-file-shows-error", test_import_bad_file);
  ADD ("/export-dialog/cancel/leaves-no-file", test_cancel);
  ADD ("/export-dialog/cancel/closing-stops-work", test_close_while_running);

  return g_test_run ();
}

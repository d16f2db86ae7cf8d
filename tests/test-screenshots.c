/* test-screenshots.c: every main view draws, and the metainfo's pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a database with tools/demo-backup.py, opens the real window and
 * renders the overview (light and dark), a client's page and a commitment
 * in its editor, checking that each draws something. With
 * RAPPORT_SCREENSHOT_DIR set, the pictures are saved there as PNG: that is
 * how data/screenshots/ is made (see data/screenshots/README.md).
 */
#include "config.h"

#include "rapport-application.h"
#include "rapport-import.h"
#include "rapport-record-row.h"
#include "rapport-test-util.h"
#include "rapport-window-private.h"

typedef struct
{
  RapportApplication *app;
  gboolean            done;
} Run;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Renders @widget as it is on screen and checks it is not blank */
static void
capture (GtkWidget  *widget,
         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  const char *dir = g_getenv ("RAPPORT_SCREENSHOT_DIR");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int width, height;
  guint distinct = 0;
  guint32 first;

  /* A new page or window draws a few frames later, and much later under
   * the sanitizers: wait for a drawing rather than for a fixed time. */
  iterate (300);
  do
    {
      g_clear_pointer (&node, gsk_render_node_unref);
      iterate (50);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  while (node == NULL && g_get_monotonic_time () < deadline);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  first = ((guint32 *) pixels)[0];
  for (int i = 0; i < width * height; i += 97)
    if (((guint32 *) pixels)[i] != first)
      distinct++;
  g_assert_cmpuint (distinct, >, 100);

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
}

static RapportRecord *
find_by_text (RapportStore *store,
              GType         type,
              const char   *property,
              const char   *text)
{
  g_autoptr(GListModel) list = rapport_store_list (store, type);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RapportRecord) record = g_list_model_get_item (list, i);
      g_autofree char *value = NULL;

      g_object_get (record, property, &value, NULL);
      if (g_strcmp0 (value, text) == 0)
        return g_steal_pointer (&record);
    }

  g_assert_not_reached ();
  return NULL;
}

static GtkWindow *
find_editor (GtkWindow *main_window)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != main_window && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == main_window)
      return l->data;

  return NULL;
}

static gboolean
take_cb (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  RapportStore *store = rapport_application_get_store (run->app);
  g_autoptr(RapportRecord) client = NULL;
  g_autoptr(RapportRecord) commitment = NULL;
  GtkWindow *editor;

  g_assert_nonnull (store);
  capture (GTK_WIDGET (window), "overview.png");

  client = find_by_text (store, RAPPORT_TYPE_CLIENT, "name", "Estudio Ñandú");
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-record",
                                      _rapport_record_to_variant (client));
  capture (GTK_WIDGET (window), "client.png");

  commitment = find_by_text (store, RAPPORT_TYPE_COMMITMENT, "title", "Rediseño de la web");
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.edit-record",
                                      _rapport_record_to_variant (commitment));
  iterate (300);
  editor = find_editor (window);
  g_assert_nonnull (editor);
  capture (GTK_WIDGET (editor), "commitment-editor.png");
  gtk_window_destroy (editor);

  _rapport_window_show_view (RAPPORT_WINDOW (window), "overview");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  capture (GTK_WIDGET (window), "overview-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  run->done = TRUE;
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Run          *run)
{
  g_timeout_add (500, take_cb, run);
}

static void
test_screenshots (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.json", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "tools", "demo-backup.py", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "rapport", (char *) "--database", db, NULL };
  const char *script_argv[] = { "python3", script, NULL };
  Run run = { NULL, FALSE };
  int status;

  g_spawn_sync (NULL, (char **) script_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &json, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_set_contents (demo, json, -1, NULL));

  {
    g_autoptr(RapportStore) store = rapport_store_open (db, &error);
    g_autoptr(GFile) file = g_file_new_for_path (demo);
    RapportImportResult result;

    g_assert_no_error (error);
    g_assert_true (rapport_import_backup (store, file, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.added, >, 20);
  }

  /* No notification service runs here */
  g_settings_set_boolean (settings, "reminders", FALSE);
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 760);

  run.app = rapport_application_new ();
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

  g_test_add_func ("/screenshots/main-views", test_screenshots);

  return g_test_run ();
}

/* test-editors.c: the record editors, driven like a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test opens an editor on a temporary database, types into its rows
 * and checks what a second connection to the same file reads back, so
 * that what is asserted is what survives a quit.
 */
#define G_LOG_DOMAIN "test-editors"

#include "config.h"

#include <adwaita.h>

#include "rapport-client-editor.h"
#include "rapport-test-util.h"

typedef struct
{
  char         *dir;
  RapportStore *store;
  GtkWindow    *editor;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  (void) data;

  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;

  if (fixture->editor != NULL)
    gtk_window_destroy (fixture->editor);
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What is on disk, through a connection of its own */
static RapportStore *
reopen (Fixture *fixture)
{
  return rapport_test_open_store (fixture->dir);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  GtkWidget *found = find_row (GTK_WIDGET (fixture->editor), title);

  if (found == NULL)
    g_error ("No row titled “%s” in the editor", title);
  return found;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A button by its tooltip, which is also its accessible name */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The label of the error banner under the header bar, if it shows */
static const char *
banner_text (Fixture *fixture)
{
  GtkWidget *revealer = find_type (GTK_WIDGET (fixture->editor), GTK_TYPE_REVEALER);
  GtkWidget *label;

  g_assert_nonnull (revealer);
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;

  label = find_type (revealer, GTK_TYPE_LABEL);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
type_into (Fixture    *fixture,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, title)), text);
  iterate ();
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  iterate ();
}

/* The text view under a group titled @title */
static GtkWidget *
text_view (Fixture    *fixture,
           const char *title)
{
  GtkWidget *root = GTK_WIDGET (fixture->editor);
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, root);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (ADW_IS_PREFERENCES_GROUP (widget) &&
          g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
        return find_type (widget, GTK_TYPE_TEXT_VIEW);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  g_error ("No group titled “%s” with a text view", title);
  return NULL;
}

static void
select_label (Fixture    *fixture,
              const char *title,
              const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (fixture, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          iterate ();
          return;
        }
    }

  g_error ("“%s” is not offered by the row “%s”", label, title);
}

static gboolean
offers_label (Fixture    *fixture,
              const char *title,
              const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row (fixture, title)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
show (Fixture   *fixture,
      GtkWindow *editor)
{
  fixture->editor = editor;
  gtk_window_present (editor);
  iterate ();
}

/* Saves a picture of the editor when RAPPORT_TEST_SHOTS names a folder */
static void
screenshot (Fixture    *fixture,
            const char *name)
{
  const char *folder = g_getenv ("RAPPORT_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkWidget *widget = GTK_WIDGET (fixture->editor);

  if (folder == NULL)
    return;

  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (20000);
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         NULL);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static RapportClient *
only_client (RapportStore *store)
{
  g_autoptr(GListModel) clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);

  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  return g_list_model_get_item (clients, 0);
}

static guint
count (RapportStore *store,
       GType         type)
{
  g_autoptr(GListModel) list = rapport_store_list (store, type);

  return g_list_model_get_n_items (list);
}

/* Client */

static void
test_client_new_saves_once_named (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) client = NULL;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, "New Client");

  /* Nothing valid yet, so nothing stored */
  type_into (fixture, "Company", "Analytical Engines Ltd");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_CLIENT), ==, 0);
  g_assert_nonnull (banner_text (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "The name cannot be empty"));

  type_into (fixture, "Name", "Ada Lovelace");
  type_into (fixture, "E-mail", "ada@example.org");
  type_into (fixture, "Phone", "+44 20 0000 0000");
  select_label (fixture, "Preferred Channel", "Video call");
  select_label (fixture, "Status", "Paused");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_type (row (fixture, "Update Every"),
                                                         GTK_TYPE_SPIN_BUTTON)), 14);
  gtk_switch_set_active (GTK_SWITCH (find_type (row (fixture, "Confidential"), GTK_TYPE_SWITCH)),
                         TRUE);
  set_text_view (text_view (fixture, "Notes"), "Prefers mornings.");
  g_assert_null (banner_text (fixture));
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, "Ada Lovelace");
  screenshot (fixture, "client-editor");

  disk = reopen (fixture);
  client = only_client (disk);
  g_assert_cmpstr (rapport_client_get_name (client), ==, "Ada Lovelace");
  g_assert_cmpstr (rapport_client_get_company (client), ==, "Analytical Engines Ltd");
  g_assert_cmpstr (rapport_client_get_email (client), ==, "ada@example.org");
  g_assert_cmpstr (rapport_client_get_phone (client), ==, "+44 20 0000 0000");
  g_assert_cmpint (rapport_client_get_channel (client), ==, RAPPORT_CHANNEL_VIDEO_CALL);
  g_assert_cmpint (rapport_client_get_status (client), ==, RAPPORT_CLIENT_STATUS_PAUSED);
  g_assert_cmpuint (rapport_client_get_cadence_days (client), ==, 14);
  g_assert_true (rapport_client_get_confidential (client));
  g_assert_cmpstr (rapport_client_get_notes (client), ==, "Prefers mornings.");
}

static void
test_client_blank_name_writes_nothing (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Grace");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) stored = NULL;
  GtkWidget *name_row;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, client));
  name_row = row (fixture, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Grace");

  type_into (fixture, "Name", "   ");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_nonnull (banner_text (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "The name cannot be empty"));
  /* The live object keeps the last valid name, so no view shows a blank */
  g_assert_cmpstr (rapport_client_get_name (client), ==, "Grace");

  type_into (fixture, "E-mail", "not an address");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "E-mail"), "error"));
  screenshot (fixture, "client-editor-errors");

  disk = reopen (fixture);
  stored = only_client (disk);
  g_assert_cmpstr (rapport_client_get_name (stored), ==, "Grace");
  g_assert_null (rapport_client_get_email (stored));

  type_into (fixture, "Name", "Grace Hopper");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  type_into (fixture, "E-mail", "");
  g_assert_null (banner_text (fixture));
  g_assert_cmpstr (rapport_client_get_name (client), ==, "Grace Hopper");
}

static void
test_client_closed_unnamed_writes_nothing (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(RapportStore) disk = NULL;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  type_into (fixture, "Company", "Nobody Inc");
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "window.close", NULL);
  iterate ();
  fixture->editor = NULL;

  disk = reopen (fixture);
  g_assert_cmpuint (count (disk, RAPPORT_TYPE_CLIENT), ==, 0);
}

static void
trashed_cb (GtkWindow     *editor,
            RapportRecord *record,
            RapportRecord **out)
{
  (void) editor;
  *out = g_object_ref (record);
}

static void
test_client_delete_moves_to_trash (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Grace");
  g_autoptr(RapportRecord) trashed = NULL;
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) trash = NULL;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, client));
  g_signal_connect (fixture->editor, "trashed", G_CALLBACK (trashed_cb), &trashed);
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.delete", NULL);
  iterate ();

  g_assert_true (trashed == RAPPORT_RECORD (client));
  g_assert_null (fixture->editor);
  disk = reopen (fixture);
  trash = rapport_store_list_trash (disk, RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);
  g_assert_cmpuint (count (disk, RAPPORT_TYPE_CLIENT), ==, 0);
}

static void
test_client_new_has_no_delete (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *button;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  button = find_button (GTK_WIDGET (fixture->editor), "Move to Trash");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_is_sensitive (button));
  type_into (fixture, "Name", "Ada");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_CLIENT), ==, 1);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/editors/client/new-saves-once-named", test_client_new_saves_once_named);
  ADD ("/editors/client/blank-name-writes-nothing", test_client_blank_name_writes_nothing);
  ADD ("/editors/client/closed-unnamed-writes-nothing", test_client_closed_unnamed_writes_nothing);
  ADD ("/editors/client/delete-moves-to-trash", test_client_delete_moves_to_trash);
  ADD ("/editors/client/new-has-no-delete", test_client_new_has_no_delete);

  return g_test_run ();
}

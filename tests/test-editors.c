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
#include "rapport-commitment-editor.h"
#include "rapport-date-row.h"
#include "rapport-feedback-editor.h"
#include "rapport-interaction-editor.h"
#include "rapport-lesson-editor.h"
#include "rapport-renegotiate-dialog.h"
#include "rapport-test-ui.h"
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

/* A label showing @text exactly */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

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

static gboolean
is_error_bar (GtkWidget     *widget,
              gconstpointer  data)
{
  (void) data;

  return GTK_IS_REVEALER (widget) && gtk_widget_has_css_class (widget, "error-bar");
}

/* The label of the error bar at the bottom of the editor, if it shows */
static const char *
banner_text (Fixture *fixture)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (fixture->editor), is_error_bar, NULL);
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

/* Saves a picture of a window when RAPPORT_TEST_SHOTS names a folder */
static void
screenshot_widget (GtkWidget  *widget,
                   const char *name)
{
  const char *folder = g_getenv ("RAPPORT_TEST_SHOTS");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (20000);
    }

  node = widget_render_node (widget);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         NULL);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  screenshot_widget (GTK_WIDGET (fixture->editor), name);
}

/* The same, scrolled to the end of the page */
static void
screenshot_end (Fixture    *fixture,
                const char *name)
{
  GtkWidget *scrolled = find_type (GTK_WIDGET (fixture->editor), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  if (g_getenv ("RAPPORT_TEST_SHOTS") == NULL)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (20000);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  screenshot (fixture, name);
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

/* Date row */

static void
count_cb (gpointer  instance,
          guint    *counter)
{
  (void) instance;
  (*counter)++;
}

static void
test_date_row_parses_and_explains (void)
{
  GtkWidget *row = g_object_ref_sink (rapport_date_row_new ());
  g_autoptr(GDate) expected = rapport_date_new_dmy (30, G_DATE_APRIL, 2031);
  g_autoptr(GDate) parsed = NULL;
  char locale_text[64];
  guint changes = 0;

  g_signal_connect (row, "date-changed", G_CALLBACK (count_cb), &changes);

  gtk_editable_set_text (GTK_EDITABLE (row), "2031-04-30");
  parsed = rapport_date_row_dup_date (RAPPORT_DATE_ROW (row));
  g_assert_true (rapport_date_equal (parsed, expected));
  g_assert_null (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)));
  g_assert_cmpuint (changes, >, 0);
  g_clear_pointer (&parsed, g_date_free);

  changes = 0;
  gtk_editable_set_text (GTK_EDITABLE (row), "2031-4-3");
  g_assert_nonnull (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)));
  g_assert_nonnull (strstr (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)), "YYYY-MM-DD"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (find_label (row, "Not a date"));

  /* The locale's own short form is understood too */
  g_assert_cmpuint (g_date_strftime (locale_text, sizeof locale_text, "%x", expected), >, 0);
  gtk_editable_set_text (GTK_EDITABLE (row), locale_text);
  g_assert_null (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  parsed = rapport_date_row_dup_date (RAPPORT_DATE_ROW (row));
  g_assert_true (rapport_date_equal (parsed, expected));
  g_clear_pointer (&parsed, g_date_free);

  /* Empty is "no date", which the record may or may not accept */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_null (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)));
  g_assert_null (rapport_date_row_dup_date (RAPPORT_DATE_ROW (row)));

  g_object_unref (row);
}

static void
test_date_row_keeps_time_of_day (void)
{
  GtkWidget *row = g_object_ref_sink (rapport_date_row_new ());
  g_autoptr(GDateTime) moment = g_date_time_new_local (2031, 4, 30, 17, 45, 0);
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  rapport_date_row_set_include_time (RAPPORT_DATE_ROW (row), TRUE);
  rapport_date_row_set_moment (RAPPORT_DATE_ROW (row), moment);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2031-04-30 17:45");

  gtk_editable_set_text (GTK_EDITABLE (row), "2031-05-01");
  parsed = rapport_date_row_dup_moment (RAPPORT_DATE_ROW (row));
  local = g_date_time_to_local (parsed);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 17);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 45);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (row), "2031-05-01 7:5x");
  g_assert_nonnull (strstr (rapport_date_row_get_error (RAPPORT_DATE_ROW (row)), "HH:MM"));

  g_object_unref (row);
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

  /* Nothing valid yet, so nothing stored; but the name, not reached yet,
   * is not blamed while the user fills in the company */
  type_into (fixture, "Company", "Analytical Engines Ltd");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_CLIENT), ==, 0);
  g_assert_null (banner_text (fixture));
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Name"), "error"));

  type_into (fixture, "Name", "Ada Lovelace");
  type_into (fixture, "Email", "ada@example.org");
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

  type_into (fixture, "Email", "not an address");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Email"), "error"));
  /* Spelled as the client's page and the channels spell it */
  g_assert_nonnull (strstr (banner_text (fixture), "“not an address” is not an email address"));
  g_assert_true (offers_label (fixture, "Preferred Channel", "Email"));
  screenshot (fixture, "client-editor-errors");

  disk = reopen (fixture);
  stored = only_client (disk);
  g_assert_cmpstr (rapport_client_get_name (stored), ==, "Grace");
  g_assert_null (rapport_client_get_email (stored));

  type_into (fixture, "Name", "Grace Hopper");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  type_into (fixture, "Email", "");
  g_assert_null (banner_text (fixture));
  g_assert_cmpstr (rapport_client_get_name (client), ==, "Grace Hopper");
}

/* What is pasted from a mail often brings spaces around it, a no-break
 * space too: they are not part of the name or the address */
static void
test_client_trims_pasted_spaces (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) stored = NULL;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  type_into (fixture, "Name", "  Ada Lovelace\u00a0");
  type_into (fixture, "Email", " ada@example.org\t");
  type_into (fixture, "Company", "   ");
  g_assert_null (banner_text (fixture));
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Email"), "error"));
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, "Ada Lovelace");

  disk = reopen (fixture);
  stored = only_client (disk);
  g_assert_cmpstr (rapport_client_get_name (stored), ==, "Ada Lovelace");
  g_assert_cmpstr (rapport_client_get_email (stored), ==, "ada@example.org");
  g_assert_null (rapport_client_get_company (stored));
}

/* For find_widget (): a label shown that says a name is taken */
static gboolean
is_duplicate_hint (GtkWidget     *widget,
                   gconstpointer  data)
{
  (void) data;

  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Another client");
}

/* What the editor says of a name that is already a client's, or NULL */
static const char *
duplicate_hint (Fixture *fixture)
{
  GtkWidget *label = find_widget (GTK_WIDGET (fixture->editor), is_duplicate_hint, NULL);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* A client added twice splits its commitments and figures: the editor
 * says when the name is already a client's, whatever the case and the
 * accents, and still lets it be */
static void
test_client_duplicate_name_is_told (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RapportClient) existing = rapport_test_add_client (fixture->store, "Ana López");
  g_autoptr(RapportStore) disk = NULL;

  (void) data;

  /* A client is not a duplicate of itself */
  show (fixture, rapport_client_editor_new (NULL, fixture->store, existing));
  type_into (fixture, "Name", "Ana Lopez");
  g_assert_null (duplicate_hint (fixture));
  type_into (fixture, "Name", "Ana López");
  gtk_window_destroy (fixture->editor);
  iterate ();

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  type_into (fixture, "Name", "Ana");
  g_assert_null (duplicate_hint (fixture));

  type_into (fixture, "Name", "ana lopez");
  g_assert_cmpstr (duplicate_hint (fixture), ==,
                   "Another client is already called “Ana López”.");
  g_assert_null (banner_text (fixture));

  type_into (fixture, "Name", "Ana López Ruiz");
  g_assert_null (duplicate_hint (fixture));

  /* Not a reason to refuse it: two people may share a name */
  type_into (fixture, "Name", "Ana López");
  g_assert_nonnull (duplicate_hint (fixture));
  disk = reopen (fixture);
  g_assert_cmpuint (count (disk, RAPPORT_TYPE_CLIENT), ==, 2);
}

/* A summary does list a confidential client, with its figures, as
 * "Client 1": the switch must not say that it leaves the client out */
static void
test_client_confidential_says_what_summaries_do (Fixture       *fixture,
                                                 gconstpointer  data)
{
  const char *subtitle;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row (fixture, "Confidential")));
  g_assert_null (strstr (subtitle, "leave"));
  g_assert_nonnull (strstr (subtitle, "name"));
}

/* Hostile and extreme text typed into the editor: a clear error, or stored
 * and shown exactly */
static void
test_client_extreme_text (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Grace");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) stored = NULL;
  g_autofree char *huge = g_strnfill (100000, 'x');
  const char *exact = "‏شركة 🎨 Zoë «Ñ» '); DROP TABLE clients;--";
  GtkWidget *name_row;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, client));
  name_row = row (fixture, "Name");

  type_into (fixture, "Name", huge);
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "too long"));
  g_assert_cmpstr (rapport_client_get_name (client), ==, "Grace");

  type_into (fixture, "Name", exact);
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, exact);

  disk = reopen (fixture);
  stored = only_client (disk);
  g_assert_cmpstr (rapport_client_get_name (stored), ==, exact);
}

static GtkWindow *find_dialog (GType type);
static gboolean press (GtkWidget *widget, const char *accelerator);

/* The question asked when closing would lose what was typed */
static AdwMessageDialog *
discard_dialog (void)
{
  AdwMessageDialog *dialog;

  iterate ();
  dialog = ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Unsaved Changes?");
  return dialog;
}

static void
test_client_closed_unnamed_writes_nothing (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(RapportStore) disk = NULL;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  type_into (fixture, "Company", "Nobody Inc");
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "window.close", NULL);
  adw_message_dialog_response (discard_dialog (), "discard");
  iterate ();
  g_assert_null (fixture->editor);

  disk = reopen (fixture);
  g_assert_cmpuint (count (disk, RAPPORT_TYPE_CLIENT), ==, 0);
}

/* A number typed in "Update Every" and not confirmed with Enter is kept
 * when the editor closes; it crashed the app as the window went away */
static void
test_client_close_applies_typed_cadence (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Grace");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) stored = NULL;
  GtkWidget *spin;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, client));
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  spin = find_type (row (fixture, "Update Every"), GTK_TYPE_SPIN_BUTTON);
  gtk_widget_grab_focus (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), "21");
  iterate ();

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "window.close", NULL);
  iterate ();
  g_assert_null (fixture->editor);

  g_assert_cmpuint (rapport_client_get_cadence_days (client), ==, 21);
  disk = reopen (fixture);
  stored = only_client (disk);
  g_assert_cmpuint (rapport_client_get_cadence_days (stored), ==, 21);
}

/* Escape on a new client that cannot be saved yet asks first, and keeping
 * on editing says what is missing */
static void
test_client_escape_asks_before_discarding (Fixture       *fixture,
                                           gconstpointer  data)
{
  AdwMessageDialog *dialog;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  type_into (fixture, "Company", "Acme Ltd");

  g_assert_true (press (GTK_WIDGET (fixture->editor), "Escape"));
  dialog = discard_dialog ();
  g_assert_nonnull (fixture->editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The name cannot be empty"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Nothing is saved"));

  adw_message_dialog_response (dialog, "cancel");
  iterate ();
  g_assert_nonnull (fixture->editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Company"))), ==,
                   "Acme Ltd");
  /* The user tried to leave: now the missing name is named */
  g_assert_nonnull (banner_text (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "The name cannot be empty"));

  /* Once it can be saved, Escape closes at once */
  type_into (fixture, "Name", "Wile E.");
  g_assert_null (banner_text (fixture));
  g_assert_true (press (GTK_WIDGET (fixture->editor), "Escape"));
  iterate ();
  g_assert_null (fixture->editor);
  g_assert_null (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_CLIENT), ==, 1);
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

/* Dialogs */

/* The dialog of @type shown over the editor */
static GtkWindow *
find_dialog (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static void
answer_reason (const char *reason,
               const char *response)
{
  GtkWindow *dialog;
  GtkWidget *reason_row;

  iterate ();
  dialog = find_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  reason_row = find_row (GTK_WIDGET (dialog), "Reason");
  g_assert_nonnull (reason_row);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           response));
  gtk_editable_set_text (GTK_EDITABLE (reason_row), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), response));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  iterate ();
}

static void
assert_date (const GDate *value,
             const char  *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (value);
  text = rapport_date_to_iso (value);
  g_assert_cmpstr (text, ==, expected);
}

/* Commitment */

static RapportCommitment *
only_commitment (RapportStore *store)
{
  g_autoptr(GListModel) list = rapport_store_list (store, RAPPORT_TYPE_COMMITMENT);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

/* The day beside a date entry reads as in the lists, without the space
 * strftime's %e puts before a day of one digit */
static void
test_commitment_due_hint (Fixture       *fixture,
                          gconstpointer  data)
{
  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, NULL, 0));
  type_into (fixture, "Due", "2031-04-03");
  g_assert_nonnull (find_label (row (fixture, "Due"), "Thu 3 Apr 2031"));
  type_into (fixture, "Due", "2031-04-30");
  g_assert_nonnull (find_label (row (fixture, "Due"), "Wed 30 Apr 2031"));
}

static void
test_commitment_new_for_client (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(GDate) today = rapport_date_new_today ();

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, NULL,
                                                rapport_record_get_id (RAPPORT_RECORD (client))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (fixture, "Client"))), ==, 1);
  /* No complaint before the user did anything */
  g_assert_null (banner_text (fixture));

  /* The due date, below, is not reached yet: no complaint about it */
  type_into (fixture, "Title", "Send the first draft");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_COMMITMENT), ==, 0);
  g_assert_cmpstr (banner_text (fixture), ==, NULL);
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Title"), "error"));
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Due"), "error"));

  type_into (fixture, "Due", "2031-04-30");
  g_assert_null (banner_text (fixture));
  set_text_view (text_view (fixture, "Details"), "Chapters one to three");
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, "Send the first draft");
  g_assert_true (gtk_widget_get_visible (find_row (GTK_WIDGET (fixture->editor),
                                                   "New Deliverable")));
  screenshot (fixture, "commitment-editor");

  disk = reopen (fixture);
  commitment = only_commitment (disk);
  g_assert_cmpint (rapport_commitment_get_client_id (commitment), ==,
                   rapport_record_get_id (RAPPORT_RECORD (client)));
  g_assert_cmpstr (rapport_commitment_get_title (commitment), ==, "Send the first draft");
  g_assert_cmpstr (rapport_commitment_get_details (commitment), ==, "Chapters one to three");
  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");
  g_assert_true (rapport_date_equal (rapport_commitment_get_agreed_on (commitment), today));
}

/* The commitment "Draft" of the client "Ada", due 2031-04-30, saved and
 * shown in its editor */
static RapportCommitment *
show_draft (Fixture *fixture)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  RapportCommitment *commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2031-04-30");

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  return commitment;
}

static void
test_commitment_bad_date_shows_error (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  GtkWidget *agreed;

  (void) data;

  agreed = row (fixture, "Agreed On");

  type_into (fixture, "Agreed On", "2031-02-30");
  g_assert_true (gtk_widget_has_css_class (agreed, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "not a day of the calendar"));
  g_assert_nonnull (find_type (agreed, GTK_TYPE_LABEL));

  /* A real date after the due date is refused by the record */
  type_into (fixture, "Agreed On", "2031-05-02");
  g_assert_true (gtk_widget_has_css_class (agreed, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "cannot be before"));
  screenshot (fixture, "commitment-editor-bad-date");

  disk = reopen (fixture);
  stored = only_commitment (disk);
  g_assert_null (rapport_commitment_get_agreed_on (stored));

  type_into (fixture, "Agreed On", "2031-04-01");
  g_assert_false (gtk_widget_has_css_class (agreed, "error"));
  g_assert_null (banner_text (fixture));
  assert_date (rapport_commitment_get_agreed_on (commitment), "2031-04-01");
}

/* Where @widget is in its window */
static double
window_y (GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* An error shows without moving the rows the pointer may be on */
static void
test_commitment_error_keeps_rows_in_place (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  double title_y, due_y;

  (void) data;

  wait_ms (300);
  title_y = window_y (row (fixture, "Title"));
  due_y = window_y (row (fixture, "Due"));

  type_into (fixture, "Agreed On", "2031-02-30");
  g_assert_nonnull (strstr (banner_text (fixture), "not a day of the calendar"));
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Agreed On"), "error"));
  /* After the bar's animation */
  wait_ms (600);
  g_assert_true (gtk_revealer_get_child_revealed (
    GTK_REVEALER (find_widget (GTK_WIDGET (fixture->editor), is_error_bar, NULL))));
  g_assert_cmpfloat (window_y (row (fixture, "Title")), ==, title_y);
  g_assert_cmpfloat (window_y (row (fixture, "Due")), ==, due_y);
}

/* Clicks the row of the client's answer @title in the renegotiation dialog */
static void
choose_answer (GtkWindow  *dialog,
               const char *title)
{
  GtkWidget *answer = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (answer);
  adw_action_row_activate (ADW_ACTION_ROW (answer));
  iterate ();
}

/* Types @new_due in the Due row and applies it, as Enter does. Returns:
 * the renegotiation dialog that asks why, or %NULL */
static GtkWindow *
ask_to_move (Fixture    *fixture,
             const char *new_due)
{
  type_into (fixture, "Due", new_due);
  g_signal_emit_by_name (row (fixture, "Due"), "apply");
  iterate ();
  return find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG);
}

/* Answers the renegotiation @dialog with @reason and the client's answer
 * @answer, and moves the date */
static void
move_with (GtkWindow  *dialog,
           const char *reason,
           const char *answer)
{
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Reason")), reason);
  choose_answer (dialog, answer);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  iterate ();
}

/* A due date typed and not applied is not lost without a word either */
static void
test_commitment_close_asks_for_unapplied_due (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  AdwMessageDialog *dialog;

  (void) data;

  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);

  type_into (fixture, "Due", "2031-05-15");
  g_assert_true (press (GTK_WIDGET (fixture->editor), "Escape"));
  dialog = discard_dialog ();
  g_assert_nonnull (fixture->editor);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2031-05-15"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
  g_assert_nonnull (fixture->editor);

  /* Typed back as it was: nothing to ask */
  type_into (fixture, "Due", "2031-04-30");
  g_assert_true (press (GTK_WIDGET (fixture->editor), "Escape"));
  iterate ();
  g_assert_null (fixture->editor);
  g_assert_null (find_dialog (ADW_TYPE_MESSAGE_DIALOG));

  disk = reopen (fixture);
  stored = only_commitment (disk);
  assert_date (rapport_commitment_get_due (stored), "2031-04-30");
}

/* The only renegotiation of the only commitment, as stored */
static RapportRenegotiation *
stored_renegotiation (Fixture *fixture)
{
  g_autoptr(RapportStore) disk = reopen (fixture);
  g_autoptr(RapportCommitment) stored = only_commitment (disk);
  g_autoptr(GListModel) history =
    rapport_store_list_children (disk, RAPPORT_TYPE_RENEGOTIATION, "commitment-id",
                                 rapport_record_get_id (RAPPORT_RECORD (stored)));

  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  return g_list_model_get_item (history, 0);
}

/* Enter in the entry row @row: GtkText's key binding for Return */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = find_type (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  iterate ();
}

static void
test_commitment_renegotiate_records_history (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2031-04-30");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  GtkWindow *dialog;
  GtkWidget *due;
  GtkWidget *reason;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  due = row (fixture, "Due");

  /* Typing alone never moves a saved due date */
  type_into (fixture, "Due", "2031-05-15");
  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");

  /* Cancelling puts the old date back */
  g_signal_emit_by_name (due, "apply");
  iterate ();
  dialog = find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG);
  g_assert_nonnull (dialog);
  /* As Escape does */
  gtk_window_close (dialog);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, "2031-04-30");
  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");
  screenshot (fixture, "commitment-editor-cancelled");

  dialog = ask_to_move (fixture, "2031-05-15");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  reason = find_row (GTK_WIDGET (dialog), "Reason");
  gtk_editable_set_text (GTK_EDITABLE (reason), "The client sent the material late");
  /* Nothing is said of the client until the user says it */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  press_enter (reason);
  g_assert_nonnull (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  choose_answer (dialog, "The Client Agreed");
  screenshot_widget (GTK_WIDGET (dialog), "renegotiate-dialog");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  /* Enter in the reason moves the date */
  press_enter (reason);
  g_assert_null (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));

  g_assert_nonnull (find_row (GTK_WIDGET (fixture->editor), "2031-04-30 → 2031-05-15"));
  screenshot_end (fixture, "commitment-editor-history");

  disk = reopen (fixture);
  stored = only_commitment (disk);
  assert_date (rapport_commitment_get_due (stored), "2031-05-15");
  renegotiation = stored_renegotiation (fixture);
  assert_date (rapport_renegotiation_get_old_due (renegotiation), "2031-04-30");
  assert_date (rapport_renegotiation_get_new_due (renegotiation), "2031-05-15");
  g_assert_cmpstr (rapport_renegotiation_get_reason (renegotiation), ==,
                   "The client sent the material late");
  g_assert_true (rapport_renegotiation_get_client_told (renegotiation));
  g_assert_true (rapport_renegotiation_get_client_agreed (renegotiation));
  g_assert_nonnull (rapport_renegotiation_get_renegotiated_at (renegotiation));
}

/* Moved before the client knew; they agree a day later */
static void
test_commitment_renegotiate_client_told_later (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  g_autoptr(RapportRenegotiation) renegotiation = NULL;
  GtkWidget *history_row;
  GtkWidget *answer;

  (void) data;

  move_with (ask_to_move (fixture, "2031-05-15"), "The printer broke", "Not Told Yet");

  history_row = row (fixture, "2031-04-30 → 2031-05-15");
  g_assert_nonnull (find_label (history_row, "Client not told"));

  renegotiation = stored_renegotiation (fixture);
  g_assert_false (rapport_renegotiation_get_client_told (renegotiation));
  g_assert_false (rapport_renegotiation_get_client_agreed (renegotiation));
  g_clear_object (&renegotiation);

  /* The answer is picked from the history row */
  answer = find_type (history_row, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (answer);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (answer), 0);
  iterate ();
  history_row = row (fixture, "2031-04-30 → 2031-05-15");
  g_assert_nonnull (find_label (history_row, "Client agreed"));

  renegotiation = stored_renegotiation (fixture);
  g_assert_true (rapport_renegotiation_get_client_told (renegotiation));
  g_assert_true (rapport_renegotiation_get_client_agreed (renegotiation));
}

/* The history cannot be written (a full disk): the date does not move
 * either, as it would have moved without its reason */
static void
test_commitment_renegotiate_all_or_nothing (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  g_autoptr(GListModel) history = NULL;

  (void) data;

  rapport_test_refuse_inserts (fixture->dir, "renegotiations");
  move_with (ask_to_move (fixture, "2031-05-15"), "The printer broke", "The Client Agreed");

  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");
  g_assert_null (find_row (GTK_WIDGET (fixture->editor), "2031-04-30 → 2031-05-15"));

  disk = reopen (fixture);
  stored = only_commitment (disk);
  assert_date (rapport_commitment_get_due (stored), "2031-04-30");
  history = rapport_store_list_children (disk, RAPPORT_TYPE_RENEGOTIATION, "commitment-id",
                                         rapport_record_get_id (RAPPORT_RECORD (stored)));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
}

static void
test_commitment_moved_late_is_shown (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2020-01-10");
  GtkWindow *dialog;
  GtkWidget *due;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  due = row (fixture, "Due");
  dialog = ask_to_move (fixture, "2031-01-10");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "late"));
  move_with (dialog, "Forgot", "Told, Not Agreed");

  due = find_row (GTK_WIDGET (fixture->editor), "2020-01-10 → 2031-01-10");
  g_assert_nonnull (due);
  g_assert_true (gtk_widget_get_visible (due));
  g_assert_nonnull (find_label (due, "Moved late"));
  g_assert_nonnull (find_label (due, "Client told, not agreed"));

  /* With both, the row still fits a phone */
  {
    int minimum;

    gtk_widget_measure (due, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360 - 2 * 12);
  }
}

/* Delivered late, its date moved afterwards "with the client's agreement":
 * the delivery would count as on time. Only an open commitment moves. */
static void
test_commitment_decided_keeps_due (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2020-01-10");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  g_autoptr(GListModel) renegotiations = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *due;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  select_label (fixture, "Status", "Delivered");
  type_into (fixture, "Delivered At", "2020-01-20 10:00");
  g_assert_cmpint (rapport_commitment_get_status (commitment), ==,
                   RAPPORT_COMMITMENT_STATUS_DELIVERED);

  due = row (fixture, "Due");
  ask_to_move (fixture, "2020-01-25");
  g_assert_null (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "reopen it to move the date"));
  assert_date (rapport_commitment_get_due (commitment), "2020-01-10");

  /* Closing says what was refused, not that a reason would move it */
  g_assert_true (press (GTK_WIDGET (fixture->editor), "Escape"));
  dialog = discard_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "reopen it to move the date"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "moves only with a reason"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  disk = reopen (fixture);
  stored = only_commitment (disk);
  assert_date (rapport_commitment_get_due (stored), "2020-01-10");
  renegotiations = rapport_store_list (disk, RAPPORT_TYPE_RENEGOTIATION);
  g_assert_cmpuint (g_list_model_get_n_items (renegotiations), ==, 0);

  /* Reopened, it moves as any open commitment does */
  select_label (fixture, "Status", "Open");
  ask_to_move (fixture, "2020-01-25");
  g_assert_nonnull (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  gtk_window_close (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  iterate ();
}

/* Moved before the day it was agreed: said before asking why it moves,
 * not after the reason and the client's answer are given and lost */
static void
test_commitment_move_before_agreed_refused_first (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  GtkWidget *due;

  (void) data;

  type_into (fixture, "Agreed On", "2031-04-01");
  g_assert_null (banner_text (fixture));

  due = row (fixture, "Due");
  ask_to_move (fixture, "2031-03-20");
  g_assert_null (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_nonnull (strstr (banner_text (fixture),
                            "The due date cannot be before the day it was agreed"));
  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");
}

static void
test_commitment_status_transitions (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2031-04-30");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  g_assert_false (gtk_widget_get_visible (row (fixture, "Delivered At")));

  select_label (fixture, "Status", "Delivered");
  g_assert_cmpint (rapport_commitment_get_status (commitment), ==,
                   RAPPORT_COMMITMENT_STATUS_DELIVERED);
  g_assert_nonnull (rapport_commitment_get_delivered_at (commitment));
  g_assert_true (gtk_widget_get_visible (row (fixture, "Delivered At")));
  /* Delivered can only be reopened */
  g_assert_false (offers_label (fixture, "Status", "Dropped"));
  g_assert_true (offers_label (fixture, "Status", "Open"));

  disk = reopen (fixture);
  stored = only_commitment (disk);
  g_assert_cmpint (rapport_commitment_get_status (stored), ==,
                   RAPPORT_COMMITMENT_STATUS_DELIVERED);
  g_assert_nonnull (rapport_commitment_get_delivered_at (stored));
  g_clear_object (&stored);

  /* The moment of delivery can be corrected, but not to one yet to come */
  {
    g_autoptr(GDateTime) before =
      g_date_time_ref (rapport_commitment_get_delivered_at (commitment));

    type_into (fixture, "Delivered At", "2031-04-29 17:30");
    g_assert_true (gtk_widget_has_css_class (row (fixture, "Delivered At"), "error"));
    g_assert_nonnull (strstr (banner_text (fixture), "The delivery cannot be later than today"));
    g_assert_true (g_date_time_equal (rapport_commitment_get_delivered_at (commitment), before));
  }
  type_into (fixture, "Delivered At", "2020-04-29 17:30");
  g_assert_false (gtk_widget_has_css_class (row (fixture, "Delivered At"), "error"));
  g_assert_null (banner_text (fixture));
  {
    g_autoptr(GDateTime) local =
      g_date_time_to_local (rapport_commitment_get_delivered_at (commitment));

    g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 29);
    g_assert_cmpint (g_date_time_get_hour (local), ==, 17);
  }

  select_label (fixture, "Status", "Open");
  g_assert_null (rapport_commitment_get_delivered_at (commitment));
  g_assert_true (offers_label (fixture, "Status", "Dropped"));

  /* Dropping needs a reason; cancelling leaves it open */
  select_label (fixture, "Status", "Dropped");
  iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG)),
                               "cancel");
  iterate ();
  g_assert_cmpint (rapport_commitment_get_status (commitment), ==,
                   RAPPORT_COMMITMENT_STATUS_OPEN);
  g_assert_cmpint (rapport_editor_get_choice (ADW_COMBO_ROW (row (fixture, "Status"))), ==,
                   RAPPORT_COMMITMENT_STATUS_OPEN);

  select_label (fixture, "Status", "Dropped");
  answer_reason ("The client cancelled the project", "accept");
  g_assert_cmpint (rapport_commitment_get_status (commitment), ==,
                   RAPPORT_COMMITMENT_STATUS_DROPPED);
  g_assert_true (gtk_widget_get_visible (row (fixture, "Reason for Dropping")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, "Reason for Dropping"))),
                   ==, "The client cancelled the project");

  stored = only_commitment (disk);
  g_assert_cmpint (rapport_commitment_get_status (stored), ==, RAPPORT_COMMITMENT_STATUS_DROPPED);
  g_assert_cmpstr (rapport_commitment_get_drop_reason (stored), ==,
                   "The client cancelled the project");
}

static void
test_commitment_deliverables_progress (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RapportCommitment) commitment = show_draft (fixture);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) stored = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *new_row, *chapter;
  const char *titles[] = { "Chapter one", "Chapter two", "Chapter three" };

  (void) data;

  new_row = row (fixture, "New Deliverable");
  group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (new_row, ADW_TYPE_PREFERENCES_GROUP));

  /* A blank title adds nothing, and is no error */
  g_signal_emit_by_name (new_row, "apply");
  iterate ();
  g_assert_null (banner_text (fixture));
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_DELIVERABLE), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (new_row), titles[i]);
      g_signal_emit_by_name (new_row, "apply");
      iterate ();
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");
    }
  g_assert_null (banner_text (fixture));
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "0 of 3 delivered");

  chapter = row (fixture, "Chapter two");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_type (chapter, GTK_TYPE_CHECK_BUTTON)),
                               TRUE);
  iterate ();
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "1 of 3 delivered");

  /* Rename and date a deliverable inside its row */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (chapter), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_row (chapter, "Title")), "Chapter 2");
  gtk_editable_set_text (GTK_EDITABLE (find_row (chapter, "Due")), "2031-04-15");
  iterate ();
  screenshot_end (fixture, "commitment-editor-deliverables");

  /* Remove one */
  g_signal_emit_by_name (find_button (row (fixture, "Chapter three"), "Remove Deliverable"),
                         "clicked");
  iterate ();
  g_assert_null (find_row (GTK_WIDGET (fixture->editor), "Chapter three"));
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "1 of 2 delivered");

  /* Delivered in full, the part not ticked went with the rest */
  select_label (fixture, "Status", "Delivered");
  iterate ();
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "All 2 delivered, 1 of them separately");
  select_label (fixture, "Status", "Open");
  iterate ();
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "1 of 2 delivered");

  disk = reopen (fixture);
  stored = rapport_store_list_children (disk, RAPPORT_TYPE_DELIVERABLE, "commitment-id",
                                        rapport_record_get_id (RAPPORT_RECORD (commitment)));
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 2);
  {
    /* Dated deliverables come first */
    g_autoptr(RapportDeliverable) first = g_list_model_get_item (stored, 0);
    g_autoptr(RapportDeliverable) second = g_list_model_get_item (stored, 1);

    g_assert_cmpstr (rapport_deliverable_get_title (first), ==, "Chapter 2");
    assert_date (rapport_deliverable_get_due (first), "2031-04-15");
    g_assert_nonnull (rapport_deliverable_get_delivered_at (first));
    g_assert_cmpstr (rapport_deliverable_get_title (second), ==, "Chapter one");
    g_assert_null (rapport_deliverable_get_delivered_at (second));
  }
}

/* Every part ticked, the editor offers to mark the commitment delivered,
 * when the last of them was */
static void
test_commitment_all_parts_delivered (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Book", "2031-04-30");
  gint64 commitment_id = rapport_record_get_id (RAPPORT_RECORD (commitment));
  g_autoptr(RapportDeliverable) first = rapport_deliverable_new (commitment_id, "Chapter one");
  g_autoptr(RapportDeliverable) second = rapport_deliverable_new (commitment_id, "Chapter two");
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 1, 10, 9, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 1, 12, 17, 30, 0);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportCommitment) stored = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *button;

  (void) data;

  rapport_deliverable_set_delivered_at (second, late);
  rapport_test_save (fixture->store, first);
  rapport_test_save (fixture->store, second);
  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row (fixture, "New Deliverable"),
                                                          ADW_TYPE_PREFERENCES_GROUP));
  button = adw_preferences_group_get_header_suffix (group);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Mark _Delivered");
  g_assert_false (gtk_widget_get_visible (button));

  /* The last part ticked elsewhere: the offer shows at once */
  rapport_deliverable_set_delivered_at (first, early);
  rapport_test_save (fixture->store, first);
  iterate ();
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "2 of 2 delivered");
  g_assert_true (gtk_widget_get_visible (button));

  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_visible (row (fixture, "Delivered At")));
  g_assert_true (offers_label (fixture, "Status", "Open"));

  disk = reopen (fixture);
  stored = only_commitment (disk);
  g_assert_cmpint (rapport_commitment_get_status (stored), ==,
                   RAPPORT_COMMITMENT_STATUS_DELIVERED);
  g_assert_true (g_date_time_equal (rapport_commitment_get_delivered_at (stored), late));
}

/* Whether the keyboard focus of the editor is in @widget */
static gboolean
has_focus_within (Fixture   *fixture,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (fixture->editor);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Titles typed one after the other, each ended with Enter */
static void
test_commitment_deliverables_from_keyboard (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Website", "2031-04-30");
  const char *titles[] = { "Homepage mockups", "Final site", "Launch" };
  GtkWidget *new_row, *text;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  new_row = row (fixture, "New Deliverable");
  gtk_widget_grab_focus (new_row);
  iterate ();

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      /* Typing goes where the focus is */
      g_assert_true (has_focus_within (fixture, new_row));
      text = gtk_window_get_focus (fixture->editor);
      g_assert_true (GTK_IS_TEXT (text));
      gtk_editable_set_text (GTK_EDITABLE (text), titles[i]);
      iterate ();
      /* What Enter does in a text */
      g_signal_emit_by_name (text, "activate");
      iterate ();
      g_assert_nonnull (find_row (GTK_WIDGET (fixture->editor), titles[i]));
      g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_DELIVERABLE), ==, i + 1);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");
    }
  g_assert_true (has_focus_within (fixture, new_row));
}

/* The new deliverable row's ✓ is offered only with a title, and its
 * complaints name the deliverable and go once the text changes */
static void
test_commitment_new_deliverable_errors (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Website", "2031-04-30");
  g_autofree char *huge = g_strnfill (600, 'x');
  GtkWidget *new_row, *text, *apply;

  (void) data;

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  new_row = row (fixture, "New Deliverable");
  apply = find_button (new_row, "Apply");
  g_assert_nonnull (apply);
  gtk_widget_grab_focus (new_row);
  iterate ();
  text = gtk_window_get_focus (fixture->editor);
  g_assert_true (GTK_IS_TEXT (text));

  gtk_editable_set_text (GTK_EDITABLE (text), "Homepage mockups");
  iterate ();
  g_assert_true (gtk_widget_get_visible (apply));
  g_signal_emit_by_name (text, "activate");
  iterate ();
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_DELIVERABLE), ==, 1);
  /* Emptied for the next one: nothing to apply */
  g_assert_false (gtk_widget_get_visible (apply));

  gtk_editable_set_text (GTK_EDITABLE (text), huge);
  iterate ();
  g_signal_emit_by_name (text, "activate");
  iterate ();
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_DELIVERABLE), ==, 1);
  g_assert_true (gtk_widget_has_css_class (new_row, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "The deliverable’s title is too long"));

  /* Not stale: gone once the text changes, whatever the user does next */
  gtk_editable_set_text (GTK_EDITABLE (text), "");
  iterate ();
  g_assert_false (gtk_widget_has_css_class (new_row, "error"));
  g_assert_null (banner_text (fixture));
  g_assert_false (gtk_widget_get_visible (apply));
}

/* A partial delivery cannot be due after the whole commitment */
static void
test_commitment_deliverable_due_within (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Website", "2031-04-30");
  g_autoptr(RapportDeliverable) deliverable =
    rapport_deliverable_new (rapport_record_get_id (RAPPORT_RECORD (commitment)), "Final site");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(RapportDeliverable) final = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *item, *due;

  (void) data;

  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (deliverable), &error));
  g_assert_no_error (error);

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, commitment, 0));
  item = row (fixture, "Final site");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item), TRUE);
  due = find_row (item, "Due");

  gtk_editable_set_text (GTK_EDITABLE (due), "2031-05-15");
  iterate ();
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_nonnull (strstr (banner_text (fixture),
                            "A deliverable cannot be due after the whole commitment, "
                            "due 2031-04-30"));
  g_assert_null (rapport_deliverable_get_due (deliverable));

  disk = reopen (fixture);
  stored = rapport_store_list_children (disk, RAPPORT_TYPE_DELIVERABLE, "commitment-id",
                                        rapport_record_get_id (RAPPORT_RECORD (commitment)));
  final = g_list_model_get_item (stored, 0);
  g_assert_null (rapport_deliverable_get_due (final));

  /* The same day as the whole is fine */
  gtk_editable_set_text (GTK_EDITABLE (due), "2031-04-30");
  iterate ();
  g_assert_false (gtk_widget_has_css_class (due, "error"));
  g_assert_null (banner_text (fixture));
  assert_date (rapport_deliverable_get_due (deliverable), "2031-04-30");

  /* Nor can the whole move before it: its date moves first */
  type_into (fixture, "Due", "2031-04-20");
  g_signal_emit_by_name (row (fixture, "Due"), "apply");
  iterate ();
  g_assert_null (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  g_assert_nonnull (strstr (banner_text (fixture),
                            "The deliverable “Final site” is due after 2031-04-20"));
  assert_date (rapport_commitment_get_due (commitment), "2031-04-30");
  /* Another date, and the complaint goes */
  type_into (fixture, "Due", "2031-05-20");
  g_assert_null (banner_text (fixture));
  g_signal_emit_by_name (row (fixture, "Due"), "apply");
  iterate ();
  g_assert_nonnull (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  gtk_window_close (find_dialog (RAPPORT_TYPE_RENEGOTIATE_DIALOG));
  iterate ();
}

/* Interaction */

static void
test_interaction_new_updates_last_contact (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(RapportClient) stored = NULL;
  g_autoptr(GDateTime) local = NULL;

  (void) data;

  show (fixture, rapport_interaction_editor_new (NULL, fixture->store, NULL,
                                                 rapport_record_get_id (RAPPORT_RECORD (client))));
  g_assert_cmpstr (gtk_window_get_title (fixture->editor), ==, "New Contact");
  type_into (fixture, "When", "2026-03-04 10:15");
  select_label (fixture, "Channel", "Chat");
  set_text_view (text_view (fixture, "Summary"), "Agreed on the scope of phase two");
  g_assert_null (banner_text (fixture));

  /* A contact yet to come is a typo: as the last contact, it would keep
   * the client off the list of those due an update until then */
  type_into (fixture, "When", "2999-03-04 10:15");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "When"), "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "A contact cannot be later than today"));

  /* A time that is not one is refused at the row */
  type_into (fixture, "When", "2026-03-04 25:00");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "When"), "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "not a time of day"));
  screenshot (fixture, "interaction-editor");

  disk = reopen (fixture);
  list = rapport_store_list (disk, RAPPORT_TYPE_INTERACTION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  interaction = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_interaction_get_channel (interaction), ==, RAPPORT_CHANNEL_CHAT);
  g_assert_cmpstr (rapport_interaction_get_summary (interaction), ==,
                   "Agreed on the scope of phase two");
  local = g_date_time_to_local (rapport_interaction_get_occurred_at (interaction));
  g_assert_cmpint (g_date_time_get_year (local), ==, 2026);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 15);

  stored = only_client (disk);
  g_assert_nonnull (rapport_client_get_last_contact (stored));
  g_assert_true (g_date_time_equal (rapport_client_get_last_contact (stored),
                                    rapport_interaction_get_occurred_at (interaction)));
}

/* A contact logged for a client starts with the channel the client
 * prefers, not always email */
static void
test_interaction_new_uses_preferred_channel (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringObject) shown = NULL;
  AdwComboRow *channel;

  (void) data;

  rapport_client_set_channel (client, RAPPORT_CHANNEL_VIDEO_CALL);
  g_assert_true (rapport_store_save (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);

  show (fixture, rapport_interaction_editor_new (NULL, fixture->store, NULL,
                                                 rapport_record_get_id (RAPPORT_RECORD (client))));
  channel = ADW_COMBO_ROW (row (fixture, "Channel"));
  shown = g_list_model_get_item (adw_combo_row_get_model (channel),
                                 adw_combo_row_get_selected (channel));
  g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "Video call");

  set_text_view (text_view (fixture, "Summary"), "Went through the invoices");
  disk = reopen (fixture);
  list = rapport_store_list (disk, RAPPORT_TYPE_INTERACTION);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  interaction = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_interaction_get_channel (interaction), ==, RAPPORT_CHANNEL_VIDEO_CALL);
}

/* Feedback */

static RapportFeedback *
only_feedback (RapportStore *store)
{
  g_autoptr(GListModel) list = rapport_store_list (store, RAPPORT_TYPE_FEEDBACK);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  return g_list_model_get_item (list, 0);
}

static void
test_feedback_new_needs_a_client (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RapportClient) ada = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportClient) grace = rapport_test_add_client (fixture->store, "Grace");
  g_autoptr(RapportCommitment) draft =
    rapport_test_add_commitment (fixture->store, ada, "Draft", "2031-04-30");
  g_autoptr(RapportCommitment) other =
    rapport_test_add_commitment (fixture->store, grace, "Logo", "2031-04-30");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;

  (void) data;

  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, NULL, 0));
  set_text_view (text_view (fixture, "What Was Said"), "The draft arrived two days late");
  /* Nothing can be saved without a client, but the user may pick it next */
  g_assert_null (banner_text (fixture));
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_FEEDBACK), ==, 0);
  /* No client, no commitment to choose */
  g_assert_false (offers_label (fixture, "About the Commitment", "Draft"));

  select_label (fixture, "Client", "Ada");
  g_assert_null (banner_text (fixture));
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_FEEDBACK), ==, 1);
  g_assert_true (offers_label (fixture, "About the Commitment", "Draft"));
  g_assert_false (offers_label (fixture, "About the Commitment", "Logo"));
  select_label (fixture, "About the Commitment", "Draft");
  select_label (fixture, "Kind", "Complaint");
  set_text_view (text_view (fixture, "Response"), "I apologised and sent it the same day");
  screenshot (fixture, "feedback-editor");

  disk = reopen (fixture);
  feedback = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_client_id (feedback), ==,
                   rapport_record_get_id (RAPPORT_RECORD (ada)));
  g_assert_cmpint (rapport_feedback_get_commitment_id (feedback), ==,
                   rapport_record_get_id (RAPPORT_RECORD (draft)));
  g_assert_cmpint (rapport_feedback_get_kind (feedback), ==, RAPPORT_FEEDBACK_KIND_COMPLAINT);
  g_assert_cmpstr (rapport_feedback_get_content (feedback), ==, "The draft arrived two days late");
  g_assert_cmpstr (rapport_feedback_get_response (feedback), ==,
                   "I apologised and sent it the same day");
  g_assert_nonnull (rapport_feedback_get_received_at (feedback));
  g_clear_object (&feedback);

  /* Another client: the link to Ada's commitment goes */
  select_label (fixture, "Client", "Grace");
  g_assert_true (offers_label (fixture, "About the Commitment", "Logo"));
  feedback = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_client_id (feedback), ==,
                   rapport_record_get_id (RAPPORT_RECORD (grace)));
  g_assert_cmpint (rapport_feedback_get_commitment_id (feedback), ==, 0);
  (void) other;
}

static gboolean
shows_whole (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_whole (child, text))
      return TRUE;

  return FALSE;
}

/* The commitment and the feedback a record is about are named whole, even
 * at a phone's width */
static void
test_links_shown_whole (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *title = "Deliver the website redesign for the spring campaign";
  const char *said = "The mockups were late and the colours are off";
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Bob Smith");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, title, "2031-04-30");
  g_autoptr(RapportFeedback) feedback =
    rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (client)), said);
  GtkWindow *lesson_editor;

  (void) data;
  rapport_feedback_set_commitment_id (feedback,
                                      rapport_record_get_id (RAPPORT_RECORD (commitment)));
  rapport_test_save (fixture->store, feedback);

  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  g_assert_true (shows_whole (row (fixture, "About the Commitment"), title));
  gtk_window_destroy (fixture->editor);

  lesson_editor = rapport_lesson_editor_new (NULL, fixture->store, NULL, 0);
  gtk_window_set_default_size (lesson_editor, 360, 600);
  show (fixture, lesson_editor);
  select_label (fixture, "Client", "Bob Smith");
  select_label (fixture, "Commitment", title);
  select_label (fixture, "Feedback", said);
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (lesson_editor)) > 360; i++)
    wait_ms (20);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (lesson_editor)), <=, 360);
  g_assert_true (shows_whole (row (fixture, "Commitment"), title));
  g_assert_true (shows_whole (row (fixture, "Feedback"), said));
}

/* Feedback from a client, saved, shown in its editor */
static RapportFeedback *
show_feedback (Fixture    *fixture,
               const char *content)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  RapportFeedback *feedback =
    rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (client)), content);

  rapport_test_save (fixture->store, feedback);
  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  return feedback;
}

static void
test_feedback_status_transitions (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RapportFeedback) feedback = show_feedback (fixture, "Too slow");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportFeedback) stored = NULL;

  (void) data;

  g_assert_false (gtk_widget_get_visible (row (fixture, "Acknowledged At")));

  select_label (fixture, "Status", "Acknowledged");
  g_assert_cmpint (rapport_feedback_get_status (feedback), ==,
                   RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  g_assert_nonnull (rapport_feedback_get_acknowledged_at (feedback));
  g_assert_true (gtk_widget_get_visible (row (fixture, "Acknowledged At")));
  g_assert_false (offers_label (fixture, "Status", "Awaiting an answer"));

  select_label (fixture, "Status", "Addressed");
  g_assert_nonnull (rapport_feedback_get_resolved_at (feedback));
  g_assert_true (gtk_widget_get_visible (row (fixture, "Resolved At")));
  /* Addressed feedback can only be reopened as acknowledged */
  g_assert_false (offers_label (fixture, "Status", "Declined"));
  g_assert_true (offers_label (fixture, "Status", "Acknowledged"));

  disk = reopen (fixture);
  stored = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_status (stored), ==, RAPPORT_FEEDBACK_STATUS_ADDRESSED);
  g_assert_nonnull (rapport_feedback_get_resolved_at (stored));
  g_clear_object (&stored);

  select_label (fixture, "Status", "Acknowledged");
  g_assert_null (rapport_feedback_get_resolved_at (feedback));

  select_label (fixture, "Status", "Declined");
  answer_reason ("It is outside the agreed scope", "accept");
  g_assert_cmpint (rapport_feedback_get_status (feedback), ==, RAPPORT_FEEDBACK_STATUS_DECLINED);
  g_assert_true (gtk_widget_get_visible (row (fixture, "Reason for Declining")));
  screenshot_end (fixture, "feedback-editor-declined");

  stored = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_status (stored), ==, RAPPORT_FEEDBACK_STATUS_DECLINED);
  g_assert_cmpstr (rapport_feedback_get_decline_reason (stored), ==,
                   "It is outside the agreed scope");
  g_assert_nonnull (rapport_feedback_get_resolved_at (stored));

  /* The reason cannot be emptied while declined */
  type_into (fixture, "Reason for Declining", "");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Reason for Declining"), "error"));
  g_assert_cmpstr (rapport_feedback_get_decline_reason (feedback), ==,
                   "It is outside the agreed scope");
}

/* Writing a response answers the feedback: it is no longer awaiting one */
static void
test_feedback_response_acknowledges (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RapportFeedback) feedback = show_feedback (fixture, "The mockups were late");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportFeedback) stored = NULL;

  (void) data;

  g_assert_cmpint (rapport_editor_get_choice (ADW_COMBO_ROW (row (fixture, "Status"))), ==,
                   RAPPORT_FEEDBACK_STATUS_OPEN);

  /* Blank space is not an answer */
  set_text_view (text_view (fixture, "Response"), "  ");
  g_assert_cmpint (rapport_feedback_get_status (feedback), ==, RAPPORT_FEEDBACK_STATUS_OPEN);

  set_text_view (text_view (fixture, "Response"), "Sorry, they will be ready on Monday");
  g_assert_cmpint (rapport_editor_get_choice (ADW_COMBO_ROW (row (fixture, "Status"))), ==,
                   RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  g_assert_true (gtk_widget_get_visible (row (fixture, "Acknowledged At")));
  g_assert_null (banner_text (fixture));

  disk = reopen (fixture);
  stored = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_status (stored), ==,
                   RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  g_assert_nonnull (rapport_feedback_get_acknowledged_at (stored));
  g_assert_cmpstr (rapport_feedback_get_response (stored), ==,
                   "Sorry, they will be ready on Monday");
  g_clear_object (&stored);

  /* A status the user chose stays as it is */
  select_label (fixture, "Status", "Addressed");
  set_text_view (text_view (fixture, "Response"), "Sent on Monday");
  stored = only_feedback (disk);
  g_assert_cmpint (rapport_feedback_get_status (stored), ==, RAPPORT_FEEDBACK_STATUS_ADDRESSED);
}

/* Feedback sent to the trash from the list, or with its client, while its
 * editor is open: the editor goes, rather than write what is typed next
 * into a record out of sight */
static void
test_feedback_trashed_elsewhere_closes (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(RapportFeedback) feedback = show_feedback (fixture, "The mockups were late");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = NULL;
  GtkWindow *other;

  (void) data;

  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (feedback), &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_null (fixture->editor);

  g_assert_true (rapport_store_restore (fixture->store, RAPPORT_RECORD (feedback), &error));
  g_assert_no_error (error);
  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
  /* An editor of another record stays */
  other = rapport_feedback_editor_new (NULL, fixture->store, NULL,
                                       rapport_feedback_get_client_id (feedback));
  gtk_window_present (other);
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);

  client = rapport_store_load (fixture->store, RAPPORT_TYPE_CLIENT,
                               rapport_feedback_get_client_id (feedback), &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_trash (fixture->store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_null (fixture->editor);
  g_assert_nonnull (other);
  gtk_window_destroy (other);
}

/* Lesson */

static void
test_lesson_new_with_apology_and_links (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  g_autoptr(RapportCommitment) draft =
    rapport_test_add_commitment (fixture->store, client, "Draft", "2031-04-30");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RapportLesson) lesson = NULL;
  g_autoptr(GDate) today = rapport_date_new_today ();

  (void) data;

  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, NULL, 0));
  g_assert_false (gtk_widget_get_visible (row (fixture, "Apologized At")));
  select_label (fixture, "Apology", "Owed");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_LESSON), ==, 0);

  set_text_view (text_view (fixture, "What Happened"), "I promised a date I could not keep");
  g_assert_cmpuint (count (fixture->store, RAPPORT_TYPE_LESSON), ==, 1);
  set_text_view (text_view (fixture, "Why It Happened"), "I did not check my calendar");
  set_text_view (text_view (fixture, "How to Avoid It"), "Check the calendar before promising");
  type_into (fixture, "Tags, Separated by Commas", "planning, deadlines");
  select_label (fixture, "Client", "Ada");
  select_label (fixture, "Commitment", "Draft");

  select_label (fixture, "Apology", "Made");
  g_assert_true (gtk_widget_get_visible (row (fixture, "Apologized At")));
  gtk_switch_set_active (GTK_SWITCH (find_type (row (fixture, "Reviewed"), GTK_TYPE_SWITCH)),
                         TRUE);
  iterate ();
  g_assert_null (banner_text (fixture));
  screenshot (fixture, "lesson-editor");
  screenshot_end (fixture, "lesson-editor-end");

  disk = reopen (fixture);
  list = rapport_store_list (disk, RAPPORT_TYPE_LESSON);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  lesson = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rapport_lesson_get_what_happened (lesson), ==,
                   "I promised a date I could not keep");
  g_assert_cmpstr (rapport_lesson_get_cause (lesson), ==, "I did not check my calendar");
  g_assert_cmpstr (rapport_lesson_get_prevention (lesson), ==,
                   "Check the calendar before promising");
  g_assert_cmpstr (rapport_lesson_get_tags (lesson), ==, "planning, deadlines");
  g_assert_cmpint (rapport_lesson_get_client_id (lesson), ==,
                   rapport_record_get_id (RAPPORT_RECORD (client)));
  g_assert_cmpint (rapport_lesson_get_commitment_id (lesson), ==,
                   rapport_record_get_id (RAPPORT_RECORD (draft)));
  g_assert_cmpint (rapport_lesson_get_apology (lesson), ==, RAPPORT_APOLOGY_MADE);
  g_assert_nonnull (rapport_lesson_get_apologized_at (lesson));
  g_assert_nonnull (rapport_lesson_get_reviewed_at (lesson));
  g_assert_true (rapport_date_equal (rapport_lesson_get_occurred_on (lesson), today));
}

static void
test_lesson_blank_story_writes_nothing (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(RapportLesson) lesson = rapport_lesson_new ("Sent the wrong file");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RapportLesson) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  (void) data;

  rapport_store_save (fixture->store, RAPPORT_RECORD (lesson), &error);
  g_assert_no_error (error);

  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, lesson, 0));
  view = text_view (fixture, "What Happened");
  set_text_view (view, "");
  g_assert_true (gtk_widget_has_css_class (view, "error"));
  g_assert_nonnull (strstr (banner_text (fixture), "What happened cannot be empty"));

  type_into (fixture, "Happened On", "yesterday");
  g_assert_true (gtk_widget_has_css_class (row (fixture, "Happened On"), "error"));
  screenshot (fixture, "lesson-editor-errors");

  disk = reopen (fixture);
  list = rapport_store_list (disk, RAPPORT_TYPE_LESSON);
  stored = g_list_model_get_item (list, 0);
  g_assert_cmpstr (rapport_lesson_get_what_happened (stored), ==, "Sent the wrong file");
}

/* The tone warning opens under Notes, at the end of the page: the page
 * scrolls so that the user, typing there, sees it */
static void
test_tone_warning_scrolls_into_view (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Ada");
  GtkWidget *notes, *warning, *scrolled;
  graphene_rect_t bounds;
  gint64 end;

  (void) data;

  fixture->editor = rapport_client_editor_new (NULL, fixture->store, client);
  gtk_window_set_default_size (fixture->editor, 600, 420);
  show (fixture, fixture->editor);
  notes = text_view (fixture, "Notes");
  gtk_widget_grab_focus (notes);
  wait_ms (300);

  set_text_view (notes, "Good payer. Honestly that client is an idiot about deadlines.");
  warning = gtk_widget_get_next_sibling (notes);
  g_assert_true (GTK_IS_REVEALER (warning));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!gtk_revealer_get_child_revealed (GTK_REVEALER (warning)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      wait_ms (20);
    }
  wait_ms (200);

  scrolled = gtk_widget_get_ancestor (warning, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (warning, scrolled, &bounds));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled));
}

/* Keyboard */

/* Sends @keyval to @widget's key controllers, as a key press would */
static gboolean
send_key (GtkWidget       *widget,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }

  return handled;
}

/* Tab and Shift+Tab leave a note for the next or the previous field: the
 * note does not keep a keyboard user in it by typing a tab */
static void
test_keyboard_tab_leaves_notes (Fixture       *fixture,
                                gconstpointer  data)
{
  const GdkModifierType states[] = { 0, GDK_SHIFT_MASK };
  GtkWidget *notes;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, NULL));
  notes = text_view (fixture, "Notes");

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_widget_grab_focus (notes);
      iterate ();
      g_assert_true (gtk_widget_has_focus (notes));
      g_assert_true (send_key (notes, GDK_KEY_Tab, states[i]));
      iterate ();

      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), &start, &end);
      text = gtk_text_iter_get_text (&start, &end);
      g_assert_cmpstr (text, ==, "");
      g_assert_false (gtk_widget_has_focus (notes));
    }
}

/* Finds the shortcut @accelerator of @widget and runs it as a key press would */
static gboolean
press (GtkWidget  *widget,
       const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, accelerator) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
test_keyboard_closes (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *keys[] = { "Escape", "<Control>w" };

  (void) data;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      show (fixture, rapport_lesson_editor_new (NULL, fixture->store, NULL, 0));
      g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *) &fixture->editor);
      g_assert_true (press (GTK_WIDGET (fixture->editor), keys[i]));
      iterate ();
      g_assert_null (fixture->editor);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/editors/date-row/parses-and-explains", test_date_row_parses_and_explains);
  g_test_add_func ("/editors/date-row/keeps-time-of-day", test_date_row_keeps_time_of_day);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/editors/client/new-saves-once-named", test_client_new_saves_once_named);
  ADD ("/editors/client/blank-name-writes-nothing", test_client_blank_name_writes_nothing);
  ADD ("/editors/client/closed-unnamed-writes-nothing", test_client_closed_unnamed_writes_nothing);
  ADD ("/editors/commitment/close-asks-for-unapplied-due",
       test_commitment_close_asks_for_unapplied_due);
  ADD ("/editors/client/close-applies-typed-cadence", test_client_close_applies_typed_cadence);
  ADD ("/editors/client/escape-asks-before-discarding",
       test_client_escape_asks_before_discarding);
  ADD ("/editors/client/trims-pasted-spaces", test_client_trims_pasted_spaces);
  ADD ("/editors/client/confidential-says-what-summaries-do",
       test_client_confidential_says_what_summaries_do);
  ADD ("/editors/client/duplicate-name-is-told", test_client_duplicate_name_is_told);
  ADD ("/editors/client/extreme-text", test_client_extreme_text);
  ADD ("/editors/client/delete-moves-to-trash", test_client_delete_moves_to_trash);
  ADD ("/editors/client/new-has-no-delete", test_client_new_has_no_delete);

  ADD ("/editors/commitment/new-for-client", test_commitment_new_for_client);
  ADD ("/editors/commitment/due-hint", test_commitment_due_hint);
  ADD ("/editors/commitment/bad-date-shows-error", test_commitment_bad_date_shows_error);
  ADD ("/editors/commitment/error-keeps-rows-in-place",
       test_commitment_error_keeps_rows_in_place);
  ADD ("/editors/commitment/renegotiate-all-or-nothing",
       test_commitment_renegotiate_all_or_nothing);
  ADD ("/editors/commitment/renegotiate-records-history",
       test_commitment_renegotiate_records_history);
  ADD ("/editors/commitment/renegotiate-client-told-later",
       test_commitment_renegotiate_client_told_later);
  ADD ("/editors/commitment/moved-late-is-shown", test_commitment_moved_late_is_shown);
  ADD ("/editors/commitment/status-transitions", test_commitment_status_transitions);
  ADD ("/editors/commitment/decided-keeps-due", test_commitment_decided_keeps_due);
  ADD ("/editors/commitment/move-before-agreed-refused-first",
       test_commitment_move_before_agreed_refused_first);
  ADD ("/editors/commitment/deliverables-progress", test_commitment_deliverables_progress);
  ADD ("/editors/commitment/all-parts-delivered", test_commitment_all_parts_delivered);
  ADD ("/editors/commitment/deliverables-from-keyboard",
       test_commitment_deliverables_from_keyboard);
  ADD ("/editors/commitment/new-deliverable-errors", test_commitment_new_deliverable_errors);
  ADD ("/editors/commitment/deliverable-due-within", test_commitment_deliverable_due_within);
  ADD ("/editors/interaction/new-updates-last-contact",
       test_interaction_new_updates_last_contact);
  ADD ("/editors/interaction/new-uses-preferred-channel",
       test_interaction_new_uses_preferred_channel);
  ADD ("/editors/feedback/new-needs-a-client", test_feedback_new_needs_a_client);
  ADD ("/editors/feedback/status-transitions", test_feedback_status_transitions);
  ADD ("/editors/feedback/response-acknowledges", test_feedback_response_acknowledges);
  ADD ("/editors/feedback/trashed-elsewhere-closes", test_feedback_trashed_elsewhere_closes);
  ADD ("/editors/links/named-whole", test_links_shown_whole);
  ADD ("/editors/lesson/new-with-apology-and-links", test_lesson_new_with_apology_and_links);
  ADD ("/editors/lesson/blank-story-writes-nothing", test_lesson_blank_story_writes_nothing);
  ADD ("/editors/tone/warning-scrolls-into-view", test_tone_warning_scrolls_into_view);
  ADD ("/editors/keyboard/escape-and-ctrl-w-close", test_keyboard_closes);
  ADD ("/editors/keyboard/tab-leaves-notes", test_keyboard_tab_leaves_notes);

  return g_test_run ();
}

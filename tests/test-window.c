/* test-window.c: the main window and its views, driven like a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the real application on a temporary database (which makes
 * it non-unique, so tests do not meet on the bus), acts from its "activate"
 * handler through the window's actions and widgets, and asserts on what the
 * window shows and what the store holds.
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "rapport-client-editor.h"

#include <adwaita.h>

#include "rapport-application.h"
#include "rapport-client-page.h"
#include "rapport-commitment-editor.h"
#include "rapport-day-clock.h"
#include "rapport-editor.h"
#include "rapport-overview-page.h"
#include "rapport-preferences-window.h"
#include "rapport-records-page.h"
#include "rapport-search-page.h"
#include "rapport-status-page.h"
#include "rapport-test-app.h"
#include "rapport-test-util.h"
#include "rapport-trash-page.h"
#include "rapport-window.h"

#define TRASH_PAGE(window) RAPPORT_TRASH_PAGE (rapport_window_get_page ((window), "trash"))
#define SEARCH_PAGE(window) RAPPORT_SEARCH_PAGE (rapport_window_get_page ((window), "search"))

/* Helpers */

static void
action (RapportWindow *window,
        const char    *name,
        GVariant      *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), name, parameter));
  iterate ();
}

static void
show_view (RapportWindow *window,
           const char    *name)
{
  action (window, "win.show-view", g_variant_new_string (name));
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, name);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 ||
          g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0);
}

static gboolean
is_unnamed_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  /* The window controls are GTK's, named by GTK */
  if (data != NULL && gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return FALSE;

  return (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
         gtk_widget_get_parent (widget) != NULL &&
         !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
         !GTK_IS_DROP_DOWN (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN)) &&
         (!GTK_IS_BUTTON (widget) || gtk_button_get_label (GTK_BUTTON (widget)) == NULL) &&
         gtk_widget_get_tooltip_text (widget) == NULL;
}

static gboolean
is_shown_label_with_text (GtkWidget     *widget,
                          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_status_page_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return RAPPORT_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (rapport_status_page_get_title (RAPPORT_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_shortcut_titled (GtkWidget     *widget,
                    gconstpointer  title)
{
  g_autofree char *shortcut_title = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;

  g_object_get (widget, "title", &shortcut_title, NULL);
  return g_strcmp0 (shortcut_title, title) == 0;
}

static gboolean
is_shortcut_label (GtkWidget     *widget,
                   gconstpointer  accelerator)
{
  return GTK_IS_SHORTCUT_LABEL (widget) &&
         g_strcmp0 (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (widget)),
                    accelerator) == 0;
}

static guint
count (RapportStore *store,
       GType         type)
{
  g_autoptr(GListModel) list = rapport_store_list (store, type);

  return g_list_model_get_n_items (list);
}

static guint
page_count (RapportWindow *window,
            const char    *name)
{
  GtkWidget *page = rapport_window_get_page (window, name);

  return g_list_model_get_n_items (rapport_records_page_get_model (RAPPORT_RECORDS_PAGE (page)));
}

static gboolean
list_contains (GListModel *list,
               gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);

      if (object == item)
        return TRUE;
    }

  return FALSE;
}

static GVariant *
record_variant (gpointer record)
{
  return g_variant_new ("(sx)", G_OBJECT_TYPE_NAME (record),
                        rapport_record_get_id (RAPPORT_RECORD (record)));
}

/* Tests */

static void
test_empty_states (RapportWindow *window,
                   RapportStore  *store)
{
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  const char *lists[] = { "clients", "commitments", "feedback", "lessons" };

  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "overview");
  g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                   "first-run");
  g_assert_nonnull (find_widget (overview, is_status_page_titled, "Welcome to Rapport"));
  g_assert_nonnull (find_widget (overview, is_button_labelled, "_Add a Client"));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GtkWidget *page = rapport_window_get_page (window, lists[i]);

      show_view (window, lists[i]);
      g_assert_cmpstr (rapport_records_page_get_state (RAPPORT_RECORDS_PAGE (page)), ==, "empty");
    }
  g_assert_nonnull (find_widget (rapport_window_get_page (window, "lessons"),
                                 is_status_page_titled, "No Lessons Yet"));

  show_view (window, "trash");
  g_assert_cmpstr (rapport_trash_page_get_state (TRASH_PAGE (window)), ==, "empty");

  action (window, "win.search", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "search");
  g_assert_cmpstr (rapport_search_page_get_state (SEARCH_PAGE (window)), ==, "start");
  /* The start says what the search finds, its clamp right in the viewport:
   * a box between them measures the wrapping labels at a dozen widths */
  {
    GtkWidget *title = find_widget (GTK_WIDGET (SEARCH_PAGE (window)), is_shown_label_with_text,
                                    "Search Everything");
    GtkWidget *clamp;

    g_assert_nonnull (title);
    clamp = gtk_widget_get_ancestor (title, ADW_TYPE_CLAMP);
    g_assert_nonnull (clamp);
    g_assert_true (GTK_IS_VIEWPORT (gtk_widget_get_parent (clamp)));
    g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (SEARCH_PAGE (window)),
                                                       is_label_containing, "by any word")));
  }

  /* Back from the search goes where the user was */
  action (window, "win.back", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "trash");

  /* With a client and nothing to do, the overview says so */
  {
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");

    show_view (window, "overview");
    g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                     "caught-up");
    g_assert_nonnull (find_widget (overview, is_status_page_titled, "All Caught Up"));
  }
}

/* The views are made while the window is idle after its first frame, and
 * read their rows when they are opened: what changed since is there */
static void
test_views_made_while_idle (RapportWindow *window,
                            RapportStore  *store)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(RapportCommitment) kept = NULL;
  g_autoptr(RapportCommitment) dropped = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;
  GtkWidget *search;
  GtkWidget *trash;
  GtkWidget *client_page;
  GtkWidget *commitments;

  /* The search is the last page made, after the sidebar's views and the
   * client page */
  while ((search = find_widget (GTK_WIDGET (window), is_type,
                                GSIZE_TO_POINTER (RAPPORT_TYPE_SEARCH_PAGE))) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "overview");
  trash = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (RAPPORT_TYPE_TRASH_PAGE));
  client_page = find_widget (GTK_WIDGET (window), is_type,
                             GSIZE_TO_POINTER (RAPPORT_TYPE_CLIENT_PAGE));
  g_assert_nonnull (trash);
  g_assert_nonnull (client_page);
  g_assert_false (gtk_widget_get_mapped (trash));
  g_assert_false (gtk_widget_get_mapped (client_page));
  g_assert_false (gtk_widget_get_mapped (search));
  commitments = rapport_window_get_page (window, "commitments");
  g_assert_false (gtk_widget_get_mapped (commitments));
  /* Only the page shown is visible, and so styled */
  g_assert_true (gtk_widget_get_visible (rapport_window_get_page (window, "overview")));
  g_assert_false (gtk_widget_get_visible (commitments));
  g_assert_false (gtk_widget_get_visible (trash));
  g_assert_false (gtk_widget_get_visible (client_page));
  g_assert_false (gtk_widget_get_visible (search));

  client = rapport_test_add_client (store, "Initech");
  kept = rapport_test_add_commitment (store, client, "Migration plan", "2031-03-01");
  dropped = rapport_test_add_commitment (store, client, "Old mock-ups", "2031-04-01");
  rapport_test_trash (store, dropped);
  feedback = rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (client)),
                                   "The invoice was unclear");
  rapport_test_save (store, feedback);
  iterate ();

  /* The client page made while idle shows the client: its first section's
   * rows with the page, the next sections' in the frames after it */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-record",
                                                     record_variant (client)));
  g_assert_true (rapport_window_get_page (window, "client") == client_page);
  g_assert_true (gtk_widget_get_mapped (client_page));
  g_assert_nonnull (find_widget (client_page, is_row_titled, "Migration plan"));
  g_assert_null (find_widget (client_page, is_row_titled, "The invoice was unclear"));
  iterate ();
  g_assert_nonnull (find_widget (client_page, is_row_titled, "The invoice was unclear"));

  action (window, "win.search", NULL);
  g_assert_true (rapport_window_get_page (window, "search") == search);
  g_assert_true (gtk_widget_get_mapped (search));
  action (window, "win.back", NULL);

  show_view (window, "commitments");
  g_assert_true (rapport_window_get_page (window, "commitments") == commitments);
  g_assert_true (gtk_widget_get_visible (commitments));
  g_assert_false (gtk_widget_get_visible (search));
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);
  g_assert_nonnull (find_widget (commitments, is_shown_label_with_text, "Migration plan"));

  show_view (window, "trash");
  g_assert_true (rapport_window_get_page (window, "trash") == trash);
  g_assert_cmpstr (rapport_trash_page_get_state (TRASH_PAGE (window)), ==, "list");
  g_assert_nonnull (find_widget (trash, is_shown_label_with_text, "Old mock-ups"));
}

static void
test_shortcuts (RapportWindow *window,
                RapportStore  *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.new", "<Control>n" },
    { "win.search", "<Control>f" },
    { "app.preferences", "<Control>comma" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, expected[i].action);

      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }

  /* Delete is bound on the window (so that entries keep it) */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;

        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);
            g_autofree char *trigger = NULL;

            trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (GTK_IS_NAMED_ACTION (shortcut_action) &&
                g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)),
                           "win.delete") == 0 &&
                g_strcmp0 (trigger, "Delete") == 0)
              found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* The shortcuts window, made when first asked for, shows the shortcuts
   * above, and comes back after it is closed */
  for (guint i = 0; i < 2; i++)
    {
      GtkWindow *shortcuts;
      GtkWidget *search;
      GtkWidget *close_editor;

      g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
      action (window, "win.show-help-overlay", NULL);
      shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
      g_assert_nonnull (shortcuts);
      g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
      search = find_widget (GTK_WIDGET (shortcuts), is_shortcut_titled, "Search everything");
      g_assert_nonnull (search);
      g_assert_nonnull (find_widget (search, is_shortcut_label, "<Control>f"));
      /* Ctrl+W, which closes an editor, is listed too */
      close_editor = find_widget (GTK_WIDGET (shortcuts), is_shortcut_titled, "Close the editor");
      g_assert_nonnull (close_editor);
      g_assert_nonnull (find_widget (close_editor, is_shortcut_label, "<Control>w"));
      gtk_window_close (shortcuts);
      iterate ();
    }
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  /* The primary menu, named for screen readers by its tooltip */
  {
    GtkWidget *menu = find_widget (GTK_WIDGET (window), is_type,
                                   GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));

    g_assert_nonnull (menu);
    g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu)));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (menu), ==, "Main Menu");
    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)),
                                    "app.preferences"));
    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)),
                                    "win.show-help-overlay"));
    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)),
                                    "app.about"));
    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)),
                                    "app.export-backup"));
  }

  /* Preferences open from their action */
  action (window, "app.preferences", NULL);
  g_assert_nonnull (find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW));
  gtk_window_destroy (find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW));
  iterate ();
}

static void
test_create_client_through_editor (RapportWindow *window,
                                   RapportStore  *store)
{
  GtkWidget *clients = rapport_window_get_page (window, "clients");
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  GtkWindow *editor;
  GtkWidget *name;

  show_view (window, "clients");
  action (window, "win.new", NULL);

  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  name = find_widget (GTK_WIDGET (editor), is_row_titled, "Name");
  g_assert_nonnull (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Acme Studio");
  iterate ();
  gtk_window_close (editor);
  iterate ();

  g_assert_cmpuint (count (store, RAPPORT_TYPE_CLIENT), ==, 1);
  g_assert_cmpuint (page_count (window, "clients"), ==, 1);
  g_assert_cmpstr (rapport_records_page_get_state (RAPPORT_RECORDS_PAGE (clients)), ==, "list");
  g_assert_cmpstr (rapport_overview_page_get_state (RAPPORT_OVERVIEW_PAGE (overview)), ==,
                   "caught-up");

  /* Opening the client shows its page, titled with its name */
  {
    g_autoptr(GListModel) list = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
    g_autoptr(RapportClient) client = g_list_model_get_item (list, 0);

    action (window, "win.open-record", record_variant (client));
    g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");
    GtkWidget *page = rapport_window_get_page (window, "client");

    g_assert_true (rapport_client_page_get_client (RAPPORT_CLIENT_PAGE (page)) == client);

    /* Editing it there edits the same row */
    action (window, "win.edit-record", record_variant (client));
    editor = find_toplevel (RAPPORT_TYPE_EDITOR);
    g_assert_nonnull (editor);
    name = find_widget (GTK_WIDGET (editor), is_row_titled, "Name");
    gtk_editable_set_text (GTK_EDITABLE (name), "Acme Studio Ltd");
    iterate ();
    gtk_window_close (editor);
    iterate ();
    g_assert_cmpstr (rapport_client_get_name (client), ==, "Acme Studio Ltd");
  }
}

static void
test_create_commitment_from_client_page (RapportWindow *window,
                                         RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  RapportClientPage *page = RAPPORT_CLIENT_PAGE (rapport_window_get_page (window, "client"));
  g_autoptr(GDate) due = rapport_date_new_today ();
  g_autoptr(GListModel) commitments = NULL;
  g_autoptr(RapportCommitment) commitment = NULL;
  GtkWindow *editor;
  GtkWidget *button;

  action (window, "win.open-record", record_variant (client));
  button = find_widget (GTK_WIDGET (page), is_button_labelled, "New Commitment");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();

  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  g_date_add_days (due, 3);
  {
    g_autofree char *text = rapport_date_to_iso (due);

    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (editor), is_row_titled, "Due")),
                           text);
  }
  iterate ();
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (editor), is_row_titled, "Title")),
                         "Brand guide");
  iterate ();
  gtk_window_close (editor);
  iterate ();

  /* Stored for the client, counted on its page, listed as due in 3 days */
  commitments = rapport_store_list (store, RAPPORT_TYPE_COMMITMENT);
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 1);
  commitment = g_list_model_get_item (commitments, 0);
  g_assert_cmpstr (rapport_commitment_get_title (commitment), ==, "Brand guide");
  g_assert_cmpint (rapport_commitment_get_client_id (commitment), ==,
                   rapport_record_get_id (RAPPORT_RECORD (client)));
  g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_COMMITMENT), ==, 1);
  {
    GtkWidget *row = find_widget (GTK_WIDGET (page), is_row_titled, "Brand guide");

    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row_subtitle (row), "due in 3 days"));
  }

  /* Opening it from the commitments view opens its editor */
  show_view (window, "commitments");
  action (window, "win.open-record", record_variant (commitment));
  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (rapport_editor_get_record (RAPPORT_EDITOR (editor)) ==
                 RAPPORT_RECORD (commitment));
  gtk_window_close (editor);
  iterate ();
}

static GtkTextView *
group_text_view (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return GTK_TEXT_VIEW (find_widget (root, is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = group_text_view (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
type_in_group (GtkWindow  *editor,
               const char *group,
               const char *text)
{
  GtkTextView *view = group_text_view (GTK_WIDGET (editor), group);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  iterate ();
}

static GtkWindow *
open_from_client_page (RapportWindow *window,
                       const char    *button_label)
{
  GtkWidget *page = rapport_window_get_page (window, "client");
  GtkWidget *button = find_widget (page, is_button_labelled, button_label);
  GtkWindow *editor;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  editor = find_toplevel (RAPPORT_TYPE_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static void
close_editor (GtkWindow *editor)
{
  gtk_window_close (editor);
  iterate ();
}

static void
test_create_every_kind_from_client_page (RapportWindow *window,
                                         RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  RapportClientPage *page = RAPPORT_CLIENT_PAGE (rapport_window_get_page (window, "client"));
  GtkWindow *editor;

  action (window, "win.open-record", record_variant (client));

  /* "Log Interaction" is one click away on the client page */
  editor = open_from_client_page (window, "_Log Interaction");
  type_in_group (editor, "Summary", "Agreed on the scope of phase two");
  close_editor (editor);

  editor = open_from_client_page (window, "Record Feedback");
  type_in_group (editor, "What Was Said", "The draft arrived two days late");
  close_editor (editor);

  editor = open_from_client_page (window, "Record Lesson");
  type_in_group (editor, "What Happened", "I promised a date I could not keep");
  close_editor (editor);

  g_assert_cmpuint (count (store, RAPPORT_TYPE_INTERACTION), ==, 1);
  g_assert_cmpuint (count (store, RAPPORT_TYPE_FEEDBACK), ==, 1);
  g_assert_cmpuint (count (store, RAPPORT_TYPE_LESSON), ==, 1);
  g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_INTERACTION), ==, 1);
  g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_FEEDBACK), ==, 1);
  g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_LESSON), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_row_titled,
                                 "Agreed on the scope of phase two"));
  g_assert_nonnull (rapport_client_get_last_contact (client));

  /* Deleting in an editor offers to undo in the window */
  {
    g_autoptr(GListModel) feedback = rapport_store_list (store, RAPPORT_TYPE_FEEDBACK);
    g_autoptr(RapportFeedback) item = g_list_model_get_item (feedback, 0);
    GtkWidget *undo;

    action (window, "win.open-record", record_variant (item));
    editor = find_toplevel (RAPPORT_TYPE_EDITOR);
    g_assert_nonnull (editor);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
    iterate ();
    g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (item)));
    g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_FEEDBACK), ==, 0);

    wait_ms (300);
    undo = find_widget (GTK_WIDGET (window), is_button_labelled, "_Undo");
    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    iterate ();
    g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (item)));
    g_assert_cmpuint (rapport_client_page_get_count (page, RAPPORT_TYPE_FEEDBACK), ==, 1);
  }
}

/* Records of every kind, made through the store (the editors have tests
 * of their own, and these tests need dates in the past) */
typedef struct
{
  RapportClient      *client;
  RapportCommitment  *late;
  RapportCommitment  *soon;
  RapportFeedback    *feedback;
  RapportLesson      *lesson;
  RapportInteraction *interaction;
} Sample;

static void
sample_fill (Sample       *sample,
             RapportStore *store)
{
  g_autoptr(GDate) today = rapport_date_new_today ();
  g_autoptr(GDate) yesterday = rapport_date_copy (today);
  g_autoptr(GDate) last_month = rapport_date_copy (today);
  gint64 client_id;

  g_date_subtract_days (yesterday, 1);
  g_date_subtract_days (last_month, 30);

  sample->client = rapport_test_add_client (store, "Globex");
  client_id = rapport_record_get_id (RAPPORT_RECORD (sample->client));
  rapport_client_set_cadence_days (sample->client, 7);
  rapport_test_save (store, sample->client);

  sample->late = rapport_commitment_new (client_id, "Quarterly report");
  rapport_commitment_set_due (sample->late, yesterday);
  rapport_test_save (store, sample->late);
  sample->soon = rapport_commitment_new (client_id, "Logo sketches");
  rapport_commitment_set_due (sample->soon, today);
  rapport_test_save (store, sample->soon);

  sample->feedback = rapport_feedback_new (client_id, "The sketches felt rushed");
  rapport_test_save (store, sample->feedback);

  sample->lesson = rapport_lesson_new ("Promised a date without checking the calendar");
  rapport_lesson_set_client_id (sample->lesson, client_id);
  rapport_lesson_set_occurred_on (sample->lesson, last_month);
  rapport_lesson_set_apology (sample->lesson, RAPPORT_APOLOGY_OWED);
  rapport_test_save (store, sample->lesson);

  sample->interaction = rapport_interaction_new (client_id);
  rapport_interaction_set_summary (sample->interaction, "Call about the report");
  rapport_test_save (store, sample->interaction);
}

static void
sample_clear (Sample *sample)
{
  g_clear_object (&sample->client);
  g_clear_object (&sample->late);
  g_clear_object (&sample->soon);
  g_clear_object (&sample->feedback);
  g_clear_object (&sample->lesson);
  g_clear_object (&sample->interaction);
}


static void
test_views_show_records (RapportWindow *window,
                         RapportStore  *store)
{
  RapportOverviewPage *overview =
    RAPPORT_OVERVIEW_PAGE (rapport_window_get_page (window, "overview"));
  RapportClientPage *client_page = RAPPORT_CLIENT_PAGE (rapport_window_get_page (window, "client"));
  Sample sample = { 0 };

  sample_fill (&sample, store);

  show_view (window, "overview");
  g_assert_cmpstr (rapport_overview_page_get_state (overview), ==, "attention");
  g_assert_cmpuint (rapport_overview_page_get_count (overview, RAPPORT_ATTENTION_OVERDUE), ==, 1);
  g_assert_cmpuint (rapport_overview_page_get_count (overview, RAPPORT_ATTENTION_DUE_SOON), ==, 1);
  /* Feedback that just arrived is not waiting too long yet (3 days by default) */
  g_assert_cmpuint (rapport_overview_page_get_count (overview, RAPPORT_ATTENTION_FEEDBACK_OPEN),
                    ==, 0);
  g_assert_cmpuint (rapport_overview_page_get_count (overview, RAPPORT_ATTENTION_APOLOGY_OWED),
                    ==, 1);
  g_assert_cmpuint (rapport_overview_page_get_count (overview,
                                                     RAPPORT_ATTENTION_LESSON_UNREVIEWED), ==, 1);
  /* Contacted today: not awaiting an update */
  g_assert_cmpuint (rapport_overview_page_get_count (overview,
                                                     RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (overview), is_row_titled, "Quarterly report"));

  /* The row subtitle says how late it is */
  {
    GtkWidget *row = find_widget (GTK_WIDGET (overview), is_row_titled, "Quarterly report");

    g_assert_nonnull (strstr (row_subtitle (row), "1 day overdue"));
    g_assert_nonnull (strstr (row_subtitle (row), "Globex"));
  }

  /* Feedback waiting longer than the user gives themselves says so */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) then = g_date_time_add_days (now, -5);
    g_autoptr(GDateTime) received = g_date_time_new_from_unix_utc (g_date_time_to_unix (then));
    GtkWidget *row;

    rapport_feedback_set_received_at (sample.feedback, received);
    rapport_test_save (store, sample.feedback);
    iterate ();
    g_assert_cmpuint (rapport_overview_page_get_count (overview, RAPPORT_ATTENTION_FEEDBACK_OPEN),
                      ==, 1);
    row = find_widget (GTK_WIDGET (overview), is_row_titled, "The sketches felt rushed");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row_subtitle (row), "no answer for 5 days"));
  }

  show_view (window, "commitments");
  g_assert_cmpuint (page_count (window, "commitments"), ==, 2);
  show_view (window, "feedback");
  g_assert_cmpuint (page_count (window, "feedback"), ==, 1);
  show_view (window, "lessons");
  g_assert_cmpuint (page_count (window, "lessons"), ==, 1);

  /* The client page has everything of the client, with counts */
  action (window, "win.open-record", record_variant (sample.client));
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");
  g_assert_cmpuint (rapport_client_page_get_count (client_page, RAPPORT_TYPE_COMMITMENT), ==, 2);
  g_assert_cmpuint (rapport_client_page_get_count (client_page, RAPPORT_TYPE_FEEDBACK), ==, 1);
  g_assert_cmpuint (rapport_client_page_get_count (client_page, RAPPORT_TYPE_LESSON), ==, 1);
  g_assert_cmpuint (rapport_client_page_get_count (client_page, RAPPORT_TYPE_INTERACTION), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (client_page), is_button_labelled,
                                 "_Log Interaction"));

  /* An edit elsewhere shows at once */
  rapport_commitment_set_title (sample.soon, "Logo sketches, second round");
  rapport_test_save (store, sample.soon);
  iterate ();
  g_assert_nonnull (find_widget (GTK_WIDGET (client_page), is_row_titled,
                                 "Logo sketches, second round"));

  /* Every button without words has a tooltip, which names it for screen readers */
  {
    const char *pages[] = { "overview", "clients", "client", "commitments", "feedback",
                            "lessons", "trash", "search" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      g_assert_null (find_widget (rapport_window_get_page (window, pages[i]),
                                  is_unnamed_button, NULL));
    g_assert_null (find_widget (GTK_WIDGET (window), is_unnamed_button, "skip-window-controls"));
  }

  /* Back goes to the view the client was opened from */
  action (window, "win.back", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "clients");

  sample_clear (&sample);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static void
wait_for_search (RapportRecordsPage *page)
{
  while (rapport_records_page_is_searching (page))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

/* Adds @n commitments to @client, "Late 0" to "Late N-1", due two days ago */
static void
add_late_commitments (RapportStore  *store,
                      RapportClient *client,
                      guint          n)
{
  g_autoptr(GDate) due = rapport_date_new_today ();

  g_date_subtract_days (due, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportCommitment) commitment = NULL;
      g_autofree char *title = g_strdup_printf ("Late %u", i);

      commitment = rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), title);
      rapport_commitment_set_due (commitment, due);
      rapport_test_save (store, commitment);
    }
}

static void
test_long_lists_show_first_rows (RapportWindow *window,
                                 RapportStore  *store)
{
  GtkWidget *overview = rapport_window_get_page (window, "overview");
  RapportClientPage *client_page = RAPPORT_CLIENT_PAGE (rapport_window_get_page (window, "client"));
  RapportRecordsPage *commitments =
    RAPPORT_RECORDS_PAGE (rapport_window_get_page (window, "commitments"));
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportClient) other = rapport_test_add_client (store, "Initech");
  g_autoptr(RapportCommitment) other_commitment = NULL;
  guint n_rows;
  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *show_all;
  GtkWidget *search_entry;

  add_late_commitments (store, client, 102);

  /* The overview sums up: the ten most urgent, and how many more */
  show_view (window, "overview");
  g_assert_cmpuint (rapport_overview_page_get_count (RAPPORT_OVERVIEW_PAGE (overview),
                                                     RAPPORT_ATTENTION_OVERDUE), ==, 102);
  box = gtk_widget_get_parent (find_widget (overview, is_row_titled, "Late 0"));
  g_assert_cmpuint (count_children (box), ==, 10);
  /* Each row's title is one line, ellipsized, that does not wrap: GTK
   * measures a wrapping label at a dozen widths */
  title_label = find_widget (box, is_shown_label_with_text, "Late 0");
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (title_label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title_label)), ==, PANGO_ELLIPSIZE_END);
  g_assert_nonnull (find_widget (overview, is_shown_label_with_text,
                                 "92 more are not shown here: search for them to find them."));

  /* A client's page shows 25, the latest first, made a few at a time
   * between frames while it is shown: a hidden page gets only its first
   * rows */
  rapport_client_page_set_client (client_page, client);
  box = gtk_widget_get_parent (find_widget (GTK_WIDGET (client_page), is_row_titled, "Late 101"));
  n_rows = count_children (box);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <, 25);
  iterate ();
  g_assert_cmpuint (count_children (box), ==, n_rows);
  show_view (window, "client");
  g_assert_cmpuint (count_children (box), ==, 25);
  g_assert_nonnull (find_widget (box, is_row_titled, "Late 77"));
  g_assert_null (find_widget (box, is_row_titled, "Late 76"));

  /* The others are in the Commitments view, which its button opens on
   * this client's, whatever words and filters it had */
  other_commitment = rapport_test_add_commitment (store, other, "Server migration", "2031-01-01");
  rapport_records_page_set_search_text (commitments, "migration");
  wait_for_search (commitments);
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);
  show_all = find_widget (GTK_WIDGET (client_page), is_button_labelled,
                          "Show All 102 Commitments");
  g_assert_nonnull (show_all);
  g_signal_emit_by_name (show_all, "clicked");
  wait_for_search (commitments);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "commitments");
  g_assert_cmpuint (page_count (window, "commitments"), ==, 102);
  search_entry = find_widget (GTK_WIDGET (commitments), is_type,
                              GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry)), ==, "");
  g_assert_cmpint (rapport_records_page_get_client_filter (commitments), ==,
                   rapport_record_get_id (RAPPORT_RECORD (client)));
}

/* The overview's first section has all its rows as the page is made,
 * before any frame: the first frame shows a screenful, and the frames
 * after it add the next sections below it rather than repaint it */
static void
test_overview_first_section_at_once (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GDate) soon = rapport_date_new_today ();
  g_autoptr(RapportCommitment) due_soon = NULL;
  GtkWidget *overview;
  GtkWidget *first_row;

  add_late_commitments (store, client, 12);
  g_date_add_days (soon, 2);
  due_soon = rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), "Soon");
  rapport_commitment_set_due (due_soon, soon);
  rapport_test_save (store, due_soon);

  overview = g_object_ref_sink (rapport_overview_page_new (store));
  first_row = find_widget (overview, is_row_titled, "Late 0");
  g_assert_nonnull (first_row);
  g_assert_cmpuint (count_children (gtk_widget_get_parent (first_row)), ==, 10);
  g_assert_null (find_widget (overview, is_row_titled, "Soon"));

  g_object_unref (overview);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_filters (RapportWindow *window,
              RapportStore  *store)
{
  RapportRecordsPage *page = RAPPORT_RECORDS_PAGE (rapport_window_get_page (window, "commitments"));
  g_autoptr(RapportClient) other = rapport_test_add_client (store, "Initech");
  g_autoptr(RapportCommitment) other_commitment = NULL;
  Sample sample = { 0 };

  sample_fill (&sample, store);
  other_commitment = rapport_test_add_commitment (store, other, "Server migration", "2031-01-01");

  show_view (window, "commitments");
  g_assert_cmpuint (page_count (window, "commitments"), ==, 3);

  /* Sorted by due date: the late one first */
  {
    GListModel *model = rapport_records_page_get_model (page);
    g_autoptr(RapportCommitment) first = g_list_model_get_item (model, 0);

    g_assert_true (first == sample.late);
  }

  rapport_records_page_set_client_filter (page, rapport_record_get_id (RAPPORT_RECORD (other)));
  iterate ();
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);
  /* A day far off reads the same in every locale: not 01/01/31 */
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_shown_label_with_text,
                                 "Initech · due 1 Jan 2031"));

  rapport_records_page_set_client_filter (page, 0);
  iterate ();
  g_assert_cmpuint (page_count (window, "commitments"), ==, 3);

  /* Words are looked for in a thread; the rows shown stay until then */
  rapport_records_page_set_search_text (page, "report");
  g_assert_true (rapport_records_page_is_searching (page));
  g_assert_cmpuint (page_count (window, "commitments"), ==, 3);
  wait_for_search (page);
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);

  rapport_records_page_set_status_filter (page, RAPPORT_COMMITMENT_STATUS_DROPPED);
  wait_for_search (page);
  g_assert_cmpuint (page_count (window, "commitments"), ==, 0);
  g_assert_cmpstr (rapport_records_page_get_state (page), ==, "empty");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_status_page_titled, "No Results"));

  sample_clear (&sample);
}

/* Commitments open on what is still to do; the rest is a filter away */
static void
test_commitments_open_first (RapportWindow *window,
                             RapportStore  *store)
{
  RapportRecordsPage *page = RAPPORT_RECORDS_PAGE (rapport_window_get_page (window, "commitments"));
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Initech");
  g_autoptr(RapportCommitment) open = rapport_test_add_commitment (store, client, "Open one",
                                                                   "2031-01-01");
  g_autoptr(RapportCommitment) done = rapport_test_add_commitment (store, client, "Old one",
                                                                   "2020-01-01");
  g_autoptr(GDateTime) delivered = g_date_time_new_utc (2019, 12, 30, 12, 0, 0);

  rapport_commitment_set_status (done, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (done, delivered);
  rapport_test_save (store, done);

  show_view (window, "commitments");
  iterate ();
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_shown_label_with_text, "Open one"));
  g_assert_null (find_widget (GTK_WIDGET (page), is_shown_label_with_text, "Old one"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_shown_label_with_text, "Open"));

  /* Nothing left open is not an empty database */
  rapport_commitment_set_status (open, RAPPORT_COMMITMENT_STATUS_DROPPED);
  rapport_commitment_set_drop_reason (open, "Cancelled");
  rapport_test_save (store, open);
  iterate ();
  g_assert_cmpstr (rapport_records_page_get_state (page), ==, "empty");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_status_page_titled, "Nothing Open"));

  rapport_records_page_set_status_filter (page, -1);
  iterate ();
  g_assert_cmpuint (page_count (window, "commitments"), ==, 2);
}

/* Opening a client from the Clients view moves the focus into its page:
 * to its first button, not to the name, which would show selected. Going
 * back puts it where it was, so that the keyboard goes on from there. */
static void
test_open_client_focus (RapportWindow *window,
                        RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Initech");
  GtkWidget *clients = rapport_window_get_page (window, "clients");
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), is_type,
                                                  GSIZE_TO_POINTER (ADW_TYPE_LEAFLET)));
  GtkWidget *search_entry;
  GtkWidget *client_page;
  GtkWidget *name;
  GtkWidget *focus;
  int start, end;

  show_view (window, "clients");
  search_entry = find_widget (clients, is_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  gtk_widget_grab_focus (search_entry);
  action (window, "win.open-record", record_variant (client));
  client_page = rapport_window_get_page (window, "client");
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, client_page));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "win.new");
  name = find_widget (client_page, is_shown_label_with_text, "Initech");
  g_assert_nonnull (name);
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (name), &start, &end));

  /* The leaflet's Alt+← would go to the sidebar: only win.back has it */
  g_assert_false (adw_leaflet_get_can_navigate_back (leaflet));

  action (window, "win.back", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "clients");
  g_assert_true (adw_leaflet_get_can_navigate_back (leaflet));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == search_entry || gtk_widget_is_ancestor (focus, search_entry));
}

/* The client filter's drop-down gets the clients a few a frame, and only
 * while it is shown: a client it does not have yet is still filtered on */
static void
test_filter_on_client_not_yet_listed (RapportWindow *window,
                                      RapportStore  *store)
{
  RapportRecordsPage *page = RAPPORT_RECORDS_PAGE (rapport_window_get_page (window, "feedback"));
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportFeedback) feedback = NULL;
  RapportClient *last;
  GtkDropDown *filter;
  gint64 last_id;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %02u", i);

      g_ptr_array_add (clients, rapport_test_add_client (store, name));
    }
  last = clients->pdata[11];
  last_id = rapport_record_get_id (RAPPORT_RECORD (last));
  feedback = rapport_feedback_new (last_id, "The report was late");
  rapport_test_save (store, feedback);
  {
    g_autoptr(RapportFeedback) first = rapport_feedback_new (
      rapport_record_get_id (clients->pdata[0]), "Great call");

    rapport_test_save (store, first);
  }

  rapport_records_page_set_client_filter (page, last_id);
  filter = GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), is_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (filter)), <, 12);
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, 0);
  g_assert_cmpuint (page_count (window, "feedback"), ==, 1);
  g_assert_cmpint (rapport_records_page_get_client_filter (page), ==, last_id);

  /* Shown, the drop-down gets the client, and says so */
  show_view (window, "feedback");
  g_assert_true (gtk_drop_down_get_selected_item (filter) == (gpointer) last);
  g_assert_cmpuint (page_count (window, "feedback"), ==, 1);

  /* Choosing "All clients" drops the filter */
  gtk_drop_down_set_selected (filter, 0);
  iterate ();
  g_assert_cmpint (rapport_records_page_get_client_filter (page), ==, 0);
  g_assert_cmpuint (page_count (window, "feedback"), ==, 2);
}

static GtkWidget *
find_undo_button (RapportWindow *window)
{
  return find_widget (GTK_WIDGET (window), is_button_labelled, "_Undo");
}

static void
test_delete_and_undo (RapportWindow *window,
                      RapportStore  *store)
{
  RapportRecordsPage *page = RAPPORT_RECORDS_PAGE (rapport_window_get_page (window, "commitments"));
  GtkWidget *undo;
  Sample sample = { 0 };

  sample_fill (&sample, store);

  show_view (window, "commitments");
  rapport_records_page_select (page, 0);
  g_assert_true (rapport_records_page_get_selected (page) == RAPPORT_RECORD (sample.late));

  /* Nothing happens while the focus is in the sidebar */
  gtk_widget_grab_focus (find_widget (GTK_WIDGET (window), is_type,
                                      GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX_ROW)));
  action (window, "win.delete", NULL);
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (sample.late)));

  /* Delete, as the Delete key does, in the list */
  gtk_widget_grab_focus (find_widget (GTK_WIDGET (page), is_type,
                                      GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)));
  action (window, "win.delete", NULL);
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (sample.late)));
  g_assert_cmpuint (count (store, RAPPORT_TYPE_COMMITMENT), ==, 1);
  g_assert_cmpuint (page_count (window, "commitments"), ==, 1);

  /* The toast offers to undo */
  wait_ms (300);
  undo = find_undo_button (window);
  g_assert_nonnull (undo);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (undo)), ==, "win.undo-trash");
  g_signal_emit_by_name (undo, "clicked");
  iterate ();
  g_assert_false (rapport_record_is_trashed (RAPPORT_RECORD (sample.late)));
  g_assert_cmpuint (page_count (window, "commitments"), ==, 2);

  /* The toast shows names as they are, markup characters too */
  {
    g_autoptr(RapportClient) client = rapport_test_add_client (store, "Smith & Sons <Ltd>");

    action (window, "win.trash-record", record_variant (client));
    wait_ms (300);
    g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (client)));
    g_assert_nonnull (find_widget (GTK_WIDGET (window), is_shown_label_with_text,
                                   "“Smith & Sons <Ltd>” was moved to the trash"));
  }

  sample_clear (&sample);
}

/* A reminder clicked after its commitment went to the trash: the app says
 * so and shows the trash, rather than an editor on a record that is
 * nowhere else to be seen. A reminder of one still there opens it as the
 * window opens editors, so that quitting reaches it. */
static void
test_reminder_of_trashed_commitment (RapportWindow *window,
                                     RapportStore  *store)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) kept =
    rapport_test_add_commitment (store, client, "Logo", "2031-04-30");
  g_autoptr(RapportCommitment) trashed =
    rapport_test_add_commitment (store, client, "Leaflet", "2031-04-30");
  GtkWindow *editor;

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-commitment",
                                  g_variant_new_int64 (rapport_record_get_id (RAPPORT_RECORD (kept))));
  iterate ();
  editor = find_toplevel (RAPPORT_TYPE_COMMITMENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (rapport_editor_get_record (RAPPORT_EDITOR (editor)) == RAPPORT_RECORD (kept));
  g_assert_true (gtk_window_get_application (editor) == GTK_APPLICATION (app));
  gtk_window_destroy (editor);
  iterate ();

  rapport_test_trash (store, trashed);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-commitment",
                                  g_variant_new_int64 (rapport_record_get_id (RAPPORT_RECORD (trashed))));
  iterate ();
  g_assert_null (find_toplevel (RAPPORT_TYPE_COMMITMENT_EDITOR));
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "trash");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_shown_label_with_text,
                                 "“Leaflet” is in the trash"));
}

static void
test_trash_view (RapportWindow *window,
                 RapportStore  *store)
{
  RapportTrashPage *trash = RAPPORT_TRASH_PAGE (rapport_window_get_page (window, "trash"));
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  Sample sample = { 0 };

  sample_fill (&sample, store);

  action (window, "win.trash-record", record_variant (sample.feedback));
  action (window, "win.trash-record", record_variant (sample.interaction));
  show_view (window, "trash");
  g_assert_cmpstr (rapport_trash_page_get_state (trash), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 2);

  /* Restore one with its button */
  {
    GtkWidget *restore = find_widget (GTK_WIDGET (trash), is_button_labelled, "Restore");

    g_assert_nonnull (restore);
    g_signal_emit_by_name (restore, "clicked");
    iterate ();
  }
  g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 1);

  /* Delete one for good: cancelling keeps it, confirming deletes it */
  action (window, "win.trash-record", record_variant (sample.lesson));
  g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 2);
  {
    GListModel *model = rapport_trash_page_get_model (trash);
    g_autoptr(RapportRecord) first = g_list_model_get_item (model, 0);
    GtkWidget *delete = find_widget (GTK_WIDGET (trash), is_button_labelled, "Delete for Good");

    g_assert_nonnull (delete);
    g_signal_emit_by_name (delete, "clicked");
    iterate ();
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "cancel");
    /* As its buttons do */
    gtk_window_destroy (GTK_WINDOW (dialog));
    iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 2);

    g_signal_emit_by_name (delete, "clicked");
    iterate ();
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    adw_message_dialog_response (dialog, "delete");
    /* As its buttons do */
    gtk_window_destroy (GTK_WINDOW (dialog));
    iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 1);
    {
      g_autoptr(GListModel) trashed = rapport_store_list_trash (store, G_OBJECT_TYPE (first));
      g_autoptr(GListModel) listed = rapport_store_list (store, G_OBJECT_TYPE (first));

      g_assert_false (list_contains (trashed, first));
      g_assert_false (list_contains (listed, first));
    }
  }

  /* Empty the trash, after confirming */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (trash), is_button_labelled, "_Empty Trash"),
                         "clicked");
  iterate ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "empty");
  /* As its buttons do */
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (rapport_trash_page_get_model (trash)), ==, 0);
  g_assert_cmpstr (rapport_trash_page_get_state (trash), ==, "empty");
  g_assert_cmpuint (count (store, RAPPORT_TYPE_FEEDBACK) + count (store, RAPPORT_TYPE_INTERACTION),
                    ==, 1);

  sample_clear (&sample);
}

static void
search_for (RapportSearchPage *search,
            const char        *text)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  rapport_search_page_set_text (search, text);
  while (rapport_search_page_get_searching (search) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rapport_search_page_get_searching (search));
  iterate ();
}

static void
test_search (RapportWindow *window,
             RapportStore  *store)
{
  RapportSearchPage *search = RAPPORT_SEARCH_PAGE (rapport_window_get_page (window, "search"));
  Sample sample = { 0 };

  sample_fill (&sample, store);

  action (window, "win.search", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "search");

  search_for (search, "repo");
  g_assert_cmpstr (rapport_search_page_get_state (search), ==, "results");
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_COMMITMENT), ==, 1);
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_INTERACTION), ==, 1);
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_CLIENT), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_row_titled, "Quarterly report"));
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_row_titled, "Call about the report"));

  search_for (search, "nothing like this");
  g_assert_cmpstr (rapport_search_page_get_state (search), ==, "empty");

  /* A client found opens its page */
  search_for (search, "glob");
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_CLIENT), ==, 1);
  {
    GtkWidget *row = find_widget (GTK_WIDGET (search), is_row_titled, "Globex");

    g_assert_nonnull (row);
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
    iterate ();
  }
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");

  sample_clear (&sample);
}

/* A short prefix found in many rows shows the newest ones, and says that
 * there are more rather than counting them all */
static void
test_search_says_when_more (RapportWindow *window,
                            RapportStore  *store)
{
  RapportSearchPage *search = RAPPORT_SEARCH_PAGE (rapport_window_get_page (window, "search"));
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) newest = NULL;
  const char *more = "More were found than are shown: add words to find the others.";
  GtkWidget *first;
  GtkWidget *box;
  g_autoptr(GError) error = NULL;

  /* The page shows 30 rows per kind */
  for (guint i = 0; i < 31; i++)
    {
      g_autofree char *title = g_strdup_printf ("Draft %u", i);
      g_autoptr(RapportCommitment) commitment = rapport_test_add_commitment (store, client, title,
                                                                             "2030-01-10");

      if (i == 30)
        newest = g_steal_pointer (&commitment);
    }

  action (window, "win.search", NULL);
  search_for (search, "dra");
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_COMMITMENT), ==, 31);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_shown_label_with_text, "Commitments (30+)"));
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_shown_label_with_text, more));
  first = find_widget (GTK_WIDGET (search), is_row_titled, "Draft 30");
  g_assert_nonnull (first);
  box = gtk_widget_get_parent (first);
  g_assert_true (gtk_widget_get_first_child (box) == first);
  g_assert_cmpuint (count_children (box), ==, 30);
  g_assert_null (find_widget (GTK_WIDGET (search), is_row_titled, "Draft 0"));

  /* What is shown follows the store */
  rapport_store_trash (store, RAPPORT_RECORD (newest), &error);
  g_assert_no_error (error);
  iterate ();
  first = gtk_widget_get_first_child (box);
  g_assert_true (ADW_IS_PREFERENCES_ROW (first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Draft 29");
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_row_titled, "Draft 0"));
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_COMMITMENT), ==, 30);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_shown_label_with_text, "Commitments (30)"));
  g_assert_null (find_widget (GTK_WIDGET (search), is_shown_label_with_text, more));

  /* More words, fewer rows: all of them, counted */
  search_for (search, "draft 2");
  g_assert_cmpuint (rapport_search_page_get_count (search, RAPPORT_TYPE_COMMITMENT), ==, 11);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), is_shown_label_with_text, "Commitments (11)"));
  g_assert_null (find_widget (GTK_WIDGET (search), is_shown_label_with_text, more));
}

static void
check_store_error (RapportWindow *window,
                   RapportStore  *store)
{
  RapportStatusPage *page;

  g_assert_null (store);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "error");
  page = RAPPORT_STATUS_PAGE (find_widget (GTK_WIDGET (window), is_status_page_titled,
                                           "The Database Could Not Be Opened"));
  g_assert_nonnull (page);
  g_assert_nonnull (rapport_status_page_get_description (page));
  /* The message names the file, as it is spelled */
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_containing, "notes & <drafts>.db"));
  /* Its long buttons wrap rather than widen the window */
  g_assert_cmpint (window_content_min_width (window), <=, 360);
}

static void
test_preferences (RapportWindow *window,
                  RapportStore  *store)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *preferences;
  GtkWidget *row;
  GtkWidget *spin;
  GtkWidget *toggle;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  action (window, "app.preferences", NULL);
  preferences = find_toplevel (RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);

  if (schema == NULL || !g_settings_schema_has_key (schema, "discreet-mode"))
    {
      /* Without the schema the window says so instead of crashing */
      g_assert_nonnull (find_widget (GTK_WIDGET (preferences), is_type,
                                     GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_GROUP)));
      gtk_window_destroy (preferences);
      g_test_skip ("The GSettings schema is not installed; set GSETTINGS_SCHEMA_DIR");
      return;
    }

  settings = g_settings_new (APP_ID);

  row = find_widget (GTK_WIDGET (preferences), is_row_titled, "Discreet Mode");
  g_assert_nonnull (row);
  toggle = find_widget (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  gtk_switch_set_active (GTK_SWITCH (toggle), !g_settings_get_boolean (settings, "discreet-mode"));
  g_assert_true (g_settings_get_boolean (settings, "discreet-mode") ==
                 gtk_switch_get_active (GTK_SWITCH (toggle)));

  row = find_widget (GTK_WIDGET (preferences), is_row_titled, "Days of Warning");
  spin = find_widget (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "warning-days"), ==, 5);

  g_settings_set_uint (settings, "lesson-review-days", 12);
  row = find_widget (GTK_WIDGET (preferences), is_row_titled, "Days Before Reviewing a Lesson");
  spin = find_widget (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 12);

  gtk_window_destroy (preferences);
  iterate ();

  /* Discreet mode keeps every client's name off the screen, for sharing it */
  {
    g_autoptr(RapportClient) secret = rapport_client_new ("Secret Co");
    g_autoptr(RapportClient) open = rapport_client_new ("Open Books");
    GtkWidget *clients = rapport_window_get_page (window, "clients");
    g_autofree char *open_alias = NULL;
    GtkWindow *editor;
    GtkWidget *name_row;

    rapport_client_set_confidential (secret, TRUE);
    rapport_test_save (store, secret);
    rapport_test_save (store, open);
    open_alias = g_strdup_printf ("Client %" G_GINT64_FORMAT,
                                  rapport_record_get_id (RAPPORT_RECORD (open)));
    g_settings_set_boolean (settings, "discreet-mode", FALSE);
    show_view (window, "clients");
    wait_ms (100);
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text, "Secret Co"));
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text, "Open Books"));
    /* A confidential client says so, as summaries will leave it out */
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text,
                                   "Confidential · no contact yet"));
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text, "no contact yet"));

    g_settings_set_boolean (settings, "discreet-mode", TRUE);
    wait_ms (100);
    g_assert_null (find_widget (clients, is_shown_label_with_text, "Secret Co"));
    g_assert_null (find_widget (clients, is_shown_label_with_text, "Open Books"));
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text, "Confidential client 1"));
    g_assert_nonnull (find_widget (clients, is_shown_label_with_text, open_alias));

    /* Its editor says the stand-in name and blurs the fields that name it */
    editor = rapport_client_editor_new (GTK_WINDOW (window), store, open);
    gtk_window_present (editor);
    wait_ms (100);
    g_assert_cmpstr (gtk_window_get_title (editor), ==, open_alias);
    name_row = find_widget (GTK_WIDGET (editor), is_row_titled, "Name");
    g_assert_nonnull (name_row);
    g_assert_true (gtk_widget_has_css_class (name_row, "discreet"));
    gtk_window_destroy (editor);

    g_settings_reset (settings, "discreet-mode");
  }

  /* Closing keeps the size and the view for the next start */
  {
    gboolean stop = TRUE;
    g_autofree char *last_view = NULL;

    gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
    show_view (window, "lessons");
    g_signal_emit_by_name (window, "close-request", &stop);
    g_assert_false (stop);
    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
    last_view = g_settings_get_string (settings, "last-view");
    g_assert_cmpstr (last_view, ==, "lessons");
  }
}

static gboolean
is_sidebar (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The name of the view the sidebar shows selected, or NULL */
static const char *
sidebar_selection (RapportWindow *window)
{
  GtkWidget *sidebar = find_widget (GTK_WIDGET (window), is_sidebar, NULL);
  GtkListBoxRow *row;

  g_assert_nonnull (sidebar);
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar));
  return row != NULL ? gtk_widget_get_name (GTK_WIDGET (row)) : NULL;
}

/* The sidebar selects the view shown: a client's page belongs to Clients,
 * and the search to no view (in the review's screenshot of the search,
 * Trash was lighter than a selected row: the pointer was over it) */
/* Discreet mode keeps off the screen what was promised to, or heard from,
 * a confidential client: lists, the client page and toasts show the
 * record's kind and number instead */
static void
test_discreet_mode_hides_confidential_records (RapportWindow *window,
                                               RapportStore  *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RapportClient) secret = rapport_test_add_client (store, "Secret Co");
  g_autoptr(RapportClient) open = rapport_test_add_client (store, "Open Books");
  g_autoptr(RapportCommitment) merger = NULL;
  g_autoptr(RapportCommitment) report = NULL;
  g_autoptr(RapportFeedback) feedback = NULL;
  GtkWidget *commitments = rapport_window_get_page (window, "commitments");
  GtkWidget *client_page = rapport_window_get_page (window, "client");
  g_autofree char *merger_alias = NULL;
  g_autofree char *feedback_alias = NULL;
  g_autofree char *toast = NULL;

  rapport_client_set_confidential (secret, TRUE);
  rapport_test_save (store, secret);
  rapport_client_set_company (open, "Bookish Editores S.L.");
  rapport_test_save (store, open);
  merger = rapport_test_add_commitment (store, secret, "Merger brochure", "2031-01-01");
  report = rapport_test_add_commitment (store, open, "Annual report", "2031-01-02");
  feedback = rapport_feedback_new (rapport_record_get_id (RAPPORT_RECORD (secret)),
                                   "The merger deck must not leak");
  rapport_test_save (store, feedback);
  merger_alias = g_strdup_printf ("Commitment %" G_GINT64_FORMAT,
                                  rapport_record_get_id (RAPPORT_RECORD (merger)));
  feedback_alias = g_strdup_printf ("Feedback %" G_GINT64_FORMAT,
                                    rapport_record_get_id (RAPPORT_RECORD (feedback)));

  g_settings_set_boolean (settings, "discreet-mode", TRUE);
  /* A company names its client as much as the name */
  show_view (window, "clients");
  wait_ms (100);
  g_assert_null (find_widget (rapport_window_get_page (window, "clients"), is_label_containing,
                              "Bookish"));
  show_view (window, "commitments");
  wait_ms (100);
  g_assert_null (find_widget (commitments, is_shown_label_with_text, "Merger brochure"));
  g_assert_nonnull (find_widget (commitments, is_shown_label_with_text, merger_alias));
  /* A client who is not confidential keeps only its name hidden */
  g_assert_nonnull (find_widget (commitments, is_shown_label_with_text, "Annual report"));

  action (window, "win.open-record", record_variant (secret));
  wait_ms (100);
  g_assert_null (find_widget (client_page, is_row_titled, "Merger brochure"));
  g_assert_null (find_widget (client_page, is_row_titled, "The merger deck must not leak"));
  g_assert_nonnull (find_widget (client_page, is_row_titled, merger_alias));
  g_assert_nonnull (find_widget (client_page, is_row_titled, feedback_alias));

  /* Turned off, the page shows them again at once */
  g_settings_set_boolean (settings, "discreet-mode", FALSE);
  wait_ms (100);
  g_assert_nonnull (find_widget (client_page, is_row_titled, "Merger brochure"));
  g_assert_nonnull (find_widget (client_page, is_row_titled, "The merger deck must not leak"));

  /* The toast of a deletion says no more than the list did */
  g_settings_set_boolean (settings, "discreet-mode", TRUE);
  action (window, "win.trash-record", record_variant (merger));
  wait_ms (300);
  g_assert_true (rapport_record_is_trashed (RAPPORT_RECORD (merger)));
  toast = g_strdup_printf ("“%s” was moved to the trash", merger_alias);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_shown_label_with_text, toast));

  g_settings_reset (settings, "discreet-mode");
}

/* Left open past midnight, rows say what is due today, not tomorrow */
static void
test_rows_follow_the_day (RapportWindow *window,
                          RapportStore  *store)
{
  g_autofree char *tz = g_strdup (g_getenv ("TZ"));
  RapportDayClock *clock = _rapport_day_clock_get_default ();
  GtkWidget *commitments = rapport_window_get_page (window, "commitments");
  GtkWidget *client_page = rapport_window_get_page (window, "client");
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Night Owl Ltd");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(GDate) due = NULL;
  g_autofree char *due_iso = NULL;
  const char *tomorrow = "Night Owl Ltd · due tomorrow";

  /* Twelve hours behind UTC, then fourteen ahead: another day, whenever
   * the test runs */
  g_setenv ("TZ", "<-12>12", TRUE);
  _rapport_day_clock_check (clock);
  due = rapport_date_new_today ();
  g_date_add_days (due, 1);
  due_iso = rapport_date_to_iso (due);
  commitment = rapport_test_add_commitment (store, client, "Launch", due_iso);

  show_view (window, "commitments");
  wait_ms (100);
  g_assert_nonnull (find_widget (commitments, is_shown_label_with_text, tomorrow));
  action (window, "win.open-record", record_variant (client));
  wait_ms (100);
  g_assert_nonnull (find_widget (client_page, is_shown_label_with_text, tomorrow));

  g_setenv ("TZ", "<+14>-14", TRUE);
  _rapport_day_clock_check (clock);
  iterate ();
  g_assert_null (find_widget (client_page, is_label_with_text, tomorrow));
  g_assert_true (find_widget (client_page, is_label_with_text, "Night Owl Ltd · due today") ||
                 find_widget (client_page, is_label_with_text,
                              "Night Owl Ltd · 1 day overdue"));
  g_assert_null (find_widget (commitments, is_label_with_text, tomorrow));

  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  _rapport_day_clock_check (clock);
}

static void
test_sidebar_follows_view (RapportWindow *window,
                           RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Globex");

  show_view (window, "trash");
  g_assert_cmpstr (sidebar_selection (window), ==, "trash");

  action (window, "win.search", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "search");
  g_assert_null (sidebar_selection (window));

  action (window, "win.back", NULL);
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "trash");
  g_assert_cmpstr (sidebar_selection (window), ==, "trash");

  show_view (window, "commitments");
  action (window, "win.open-record", record_variant (client));
  g_assert_cmpstr (rapport_window_get_visible_view (window), ==, "client");
  g_assert_cmpstr (sidebar_selection (window), ==, "clients");
}

/* The window never needs more than a phone's width, on any view, nor
 * because of a page not shown */
static void
test_fits_phone_width (RapportWindow *window,
                       RapportStore  *store)
{
  assert_views_fit_phone (window, store);
}

static void
test_store_error (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes & <drafts>.db", NULL);
  g_autoptr(GError) error = NULL;

  /* A file that is not a database at all */
  g_file_set_contents (path, "This is not an SQLite database, not at all, not even close.",
                       -1, &error);
  g_assert_no_error (error);

  g_test_expect_message ("rapport-application", G_LOG_LEVEL_WARNING, "*");
  run_app (path, check_store_error);
  g_test_assert_expected_messages ();
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add_data_func (path, (gconstpointer) (func), run_test)

  ADD ("/window/empty-states", test_empty_states);
  ADD ("/window/views-made-while-idle", test_views_made_while_idle);
  ADD ("/window/shortcuts-and-menu", test_shortcuts);
  ADD ("/window/create-and-edit-client-in-editor",
                        test_create_client_through_editor);
  ADD ("/window/create-commitment-from-client-page", test_create_commitment_from_client_page);
  ADD ("/window/create-every-kind-from-client-page", test_create_every_kind_from_client_page);
  ADD ("/window/views-show-records", test_views_show_records);
  ADD ("/window/long-lists-show-first-rows", test_long_lists_show_first_rows);
  ADD ("/window/filters", test_filters);
  ADD ("/window/commitments-open-first", test_commitments_open_first);
  ADD ("/window/filter-on-client-not-yet-listed", test_filter_on_client_not_yet_listed);
  ADD ("/window/open-client-focus", test_open_client_focus);
  ADD ("/window/delete-and-undo", test_delete_and_undo);
  ADD ("/window/trash-restore-and-empty", test_trash_view);
  ADD ("/window/reminder-of-trashed-commitment", test_reminder_of_trashed_commitment);
  ADD ("/window/preferences-bound-to-settings", test_preferences);
  ADD ("/window/discreet-mode-hides-confidential-records",
       test_discreet_mode_hides_confidential_records);
  ADD ("/window/rows-follow-the-day", test_rows_follow_the_day);
  ADD ("/window/search-grouped", test_search);
  ADD ("/window/search-says-when-more", test_search_says_when_more);
  ADD ("/window/fits-phone-width", test_fits_phone_width);
  ADD ("/window/sidebar-follows-view", test_sidebar_follows_view);
  g_test_add_func ("/window/overview-first-section-at-once",
                   test_overview_first_section_at_once);
  g_test_add_func ("/window/store-error-shown-in-words", test_store_error);
  return g_test_run ();
}

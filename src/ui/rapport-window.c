/* rapport-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sidebar of views beside the view shown, in an AdwLeaflet that folds to
 * one or the other on narrow screens. Views ask the window to open, create
 * and delete records through its actions, which take a record as "(sx)":
 * its type name and id.
 */
#define G_LOG_DOMAIN "rapport-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-client-editor.h"
#include "rapport-client-page.h"
#include "rapport-commitment-editor.h"
#include "rapport-feedback-editor.h"
#include "rapport-interaction-editor.h"
#include "rapport-lesson-editor.h"
#include "rapport-commitment.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-overview-page.h"
#include "rapport-record-row.h"
#include "rapport-records-page.h"
#include "rapport-search-page.h"
#include "rapport-status-page.h"
#include "rapport-tooltip.h"
#include "rapport-trash-page.h"
#include "rapport-store-backup.h"
#include "rapport-window.h"
#include "rapport-window-private.h"

struct _RapportWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *window_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *content_box;
  GtkWidget            *menu_button;
  GtkWidget            *back_button;
  GtkWidget            *new_button;
  AdwWindowTitle       *content_title;
  GtkWidget            *search_button;
  GtkStack             *stack;
  RapportStatusPage    *error_page;
  GtkWidget            *error_menu_button;
  GtkWidget            *latest_backup_button;
  GtkWidget            *retry_button;
  GtkWidget            *error_buttons;

  /* Owned references */
  RapportStore         *store;
  GSettings            *settings;

  /* The view to go back to from the client page or the search */
  char                 *previous_view;
  /* Makes the views not made yet, while the window is idle */
  guint                 make_views_source;
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char *name;
  const char *icon_name;
  const char *title;
} View;

static const View views[] = {
  { "overview", "go-home-symbolic", N_("Overview") },
  { "clients", "system-users-symbolic", N_("Clients") },
  { "commitments", "checkbox-checked-symbolic", N_("Commitments") },
  { "feedback", "chat-message-new-symbolic", N_("Feedback") },
  { "lessons", "emoji-objects-symbolic", N_("Lessons") },
  { "trash", "user-trash-symbolic", N_("Trash") },
};

/* Views */

static const char *
view_title (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (views[i].name, name))
      return _(views[i].title);

  if (g_str_equal (name, "search"))
    return _("Search");
  if (g_str_equal (name, "client"))
    return _("Client");

  return "";
}

/* A page is made the first time it is shown, or while the window is idle
 * after its first frame: the window opens with only the one it shows, and
 * no view reads its rows before it is opened. */
static GtkWidget *
ensure_page (RapportWindow *self,
             const char    *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page != NULL || self->store == NULL)
    return page;

  if (g_str_equal (name, "overview"))
    page = rapport_overview_page_new (self->store);
  else if (g_str_equal (name, "clients"))
    page = rapport_records_page_new (self->store, RAPPORT_TYPE_CLIENT);
  else if (g_str_equal (name, "client"))
    page = rapport_client_page_new (self->store);
  else if (g_str_equal (name, "commitments"))
    page = rapport_records_page_new (self->store, RAPPORT_TYPE_COMMITMENT);
  else if (g_str_equal (name, "feedback"))
    page = rapport_records_page_new (self->store, RAPPORT_TYPE_FEEDBACK);
  else if (g_str_equal (name, "lessons"))
    page = rapport_records_page_new (self->store, RAPPORT_TYPE_LESSON);
  else if (g_str_equal (name, "trash"))
    page = rapport_trash_page_new (self->store);
  else if (g_str_equal (name, "search"))
    page = rapport_search_page_new (self->store);
  else
    return NULL;

  gtk_stack_add_named (self->stack, page, name);
  /* Only the page shown is visible: GTK styles every visible widget, and
   * a change of the window's state (the focus moving, a dialog over it)
   * restyles them all. With the rows the pages not shown keep (a list
   * view keeps up to 200), focusing the search's entry took 9-17 ms. */
  if (gtk_stack_get_visible_child (self->stack) != page)
    gtk_widget_set_visible (page, FALSE);
  return page;
}

static void
update_header (RapportWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean nested;
  gboolean can_create;

  if (name == NULL)
    return;

  nested = g_str_equal (name, "client") || g_str_equal (name, "search");
  can_create = !g_str_equal (name, "trash") && !g_str_equal (name, "search");

  if (g_str_equal (name, "client"))
    {
      RapportClientPage *page = RAPPORT_CLIENT_PAGE (gtk_stack_get_child_by_name (self->stack,
                                                                                   "client"));
      RapportClient *client = rapport_client_page_get_client (page);
      g_autofree char *title = client != NULL ? _rapport_client_dup_display_name (client) : NULL;

      adw_window_title_set_title (self->content_title, title != NULL ? title : "");
    }
  else
    adw_window_title_set_title (self->content_title, view_title (name));

  gtk_widget_set_visible (self->back_button, folded || nested);
  gtk_widget_set_visible (self->new_button, can_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", can_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", folded || nested);
  /* The leaflet's own Alt+← and swipe would go to the sidebar from a
   * client or the search: win.back goes to the view they came from */
  adw_leaflet_set_can_navigate_back (self->leaflet, !nested);

  if (g_str_equal (name, "clients") || g_str_equal (name, "overview") ||
      g_str_equal (name, "client"))
    _rapport_widget_set_tooltip_text (self->new_button,
                                      g_str_equal (name, "client") ? _("Log Interaction")
                                                                   : _("New Client"));
  else if (g_str_equal (name, "commitments"))
    _rapport_widget_set_tooltip_text (self->new_button, _("New Commitment"));
  else if (g_str_equal (name, "feedback"))
    _rapport_widget_set_tooltip_text (self->new_button, _("Record Feedback"));
  else if (g_str_equal (name, "lessons"))
    _rapport_widget_set_tooltip_text (self->new_button, _("Record Lesson"));
}

static void
select_sidebar_row (RapportWindow *self,
                    const char    *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
        return;
      }
}

void
_rapport_window_show_view (RapportWindow *self,
                           const char    *name)
{
  const char *current = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *shown = gtk_stack_get_visible_child (self->stack);
  GtkWidget *page = ensure_page (self, name);

  if (page == NULL)
    return;

  if (current != NULL && !g_str_equal (current, name) &&
      !g_str_equal (current, "client") && !g_str_equal (current, "search"))
    {
      g_free (self->previous_view);
      self->previous_view = g_strdup (current);
    }

  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->stack, page);
  if (shown != NULL && shown != page)
    gtk_widget_set_visible (shown, FALSE);
  /* A client belongs to Clients; the search to no view */
  if (g_str_equal (name, "client"))
    select_sidebar_row (self, "clients");
  else if (g_str_equal (name, "search"))
    gtk_list_box_unselect_all (self->sidebar);
  else
    select_sidebar_row (self, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_header (self);
}

static void
show_client (RapportWindow *self,
             RapportClient *client)
{
  GtkWidget *page = ensure_page (self, "client");

  rapport_client_page_set_client (RAPPORT_CLIENT_PAGE (page), client);
  _rapport_window_show_view (self, "client");
}

/* Toasts */

void
rapport_window_show_toast (RapportWindow *self,
                           AdwToast      *toast)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
rapport_window_show_error (RapportWindow *self,
                           const GError  *error)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  /* A toast's title is markup */
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_rapport_window_trashed (RapportWindow *self,
                         RapportRecord *record)
{
  g_autofree char *title = _rapport_record_dup_title (self->store, record);
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* Translators: %s is what was deleted, such as a client's name */
  message = g_strdup_printf (_("“%s” was moved to the trash"), title);
  /* A toast's title is markup */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-trash");
  adw_toast_set_action_target_value (toast, _rapport_record_to_variant (record));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Editors */

static void
editor_trashed_cb (GtkWindow     *editor,
                   RapportRecord *record,
                   RapportWindow *self)
{
  _rapport_window_trashed (self, record);
}

static void
open_editor (RapportWindow *self,
             GType          type,
             RapportRecord *record,
             gint64         client_id)
{
  GtkWindow *parent = GTK_WINDOW (self);
  GtkWindow *editor;

  if (type == RAPPORT_TYPE_CLIENT)
    editor = rapport_client_editor_new (parent, self->store, RAPPORT_CLIENT (record));
  else if (type == RAPPORT_TYPE_COMMITMENT)
    editor = rapport_commitment_editor_new (parent, self->store, RAPPORT_COMMITMENT (record),
                                            client_id);
  else if (type == RAPPORT_TYPE_FEEDBACK)
    editor = rapport_feedback_editor_new (parent, self->store, RAPPORT_FEEDBACK (record),
                                          client_id);
  else if (type == RAPPORT_TYPE_LESSON)
    editor = rapport_lesson_editor_new (parent, self->store, RAPPORT_LESSON (record), client_id);
  else if (type == RAPPORT_TYPE_INTERACTION)
    editor = rapport_interaction_editor_new (parent, self->store, RAPPORT_INTERACTION (record),
                                             client_id);
  else
    g_return_if_reached ();

  /* One of the application's windows, so that its shortcuts (Ctrl+Q) work
   * there too */
  gtk_window_set_application (editor, gtk_window_get_application (parent));
  g_signal_connect_object (editor, "trashed", G_CALLBACK (editor_trashed_cb), self, 0);
  gtk_window_present (editor);
}

/* Deleting */

static void
trash_record (RapportWindow *self,
              RapportRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_store_trash (self->store, record, &error))
    {
      rapport_window_show_error (self, error);
      return;
    }

  _rapport_window_trashed (self, record);
}

static RapportRecord *
selected_record (RapportWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Only what the user is in: not the view's row while in the sidebar */
  if (page == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, page))
    return NULL;

  if (RAPPORT_IS_RECORDS_PAGE (page))
    return rapport_records_page_get_selected (RAPPORT_RECORDS_PAGE (page));

  /* In boxed lists (overview, client, search) the focused row is the one */
  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (_rapport_record_row_get_record (widget) != NULL)
      return _rapport_record_row_get_record (widget);

  if (RAPPORT_IS_CLIENT_PAGE (page))
    return RAPPORT_RECORD (rapport_client_page_get_client (RAPPORT_CLIENT_PAGE (page)));

  return NULL;
}

/* Actions */

static RapportRecord *
record_from_parameter (RapportWindow *self,
                       GVariant      *parameter)
{
  g_autoptr(GError) error = NULL;
  RapportRecord *record;

  if (self->store == NULL)
    return NULL;

  record = _rapport_record_from_variant (self->store, parameter, &error);
  if (record == NULL)
    rapport_window_show_error (self, error);

  return record;
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _rapport_window_show_view (RAPPORT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportRecord) record = record_from_parameter (self, parameter);

  if (record == NULL)
    return;

  /* From a reminder sent before it went there */
  if (rapport_record_is_trashed (record))
    {
      g_autofree char *title = _rapport_record_dup_title (self->store, record);
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;

      _rapport_window_show_view (self, "trash");
      /* Translators: %s is the title of a record, such as a commitment's */
      message = g_strdup_printf (_("“%s” is in the trash"), title);
      /* A toast's title is markup */
      escaped = g_markup_escape_text (message, -1);
      rapport_window_show_toast (self, adw_toast_new (escaped));
      return;
    }

  if (RAPPORT_IS_CLIENT (record))
    show_client (self, RAPPORT_CLIENT (record));
  else
    open_editor (self, G_OBJECT_TYPE (record), record, 0);
}

/* A "(sx)" parameter: a record type's name and a client's id (0 for
 * none). Returns: the type, G_TYPE_INVALID if it is not a record's */
static GType
record_type_and_client (GVariant *parameter,
                        gint64   *client_id)
{
  const char *type_name;
  GType type;

  g_variant_get (parameter, "(&sx)", &type_name, client_id);
  type = g_type_from_name (type_name);
  return type != G_TYPE_INVALID && g_type_is_a (type, RAPPORT_TYPE_RECORD) ? type
                                                                           : G_TYPE_INVALID;
}

/* From a client's page, which shows some of them: all of a client's
 * records of one kind, in the kind's view */
static void
show_client_records_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  const char *name;
  gint64 client_id;
  GtkWidget *page;
  GType type = record_type_and_client (parameter, &client_id);

  if (type == RAPPORT_TYPE_COMMITMENT)
    name = "commitments";
  else if (type == RAPPORT_TYPE_FEEDBACK)
    name = "feedback";
  else if (type == RAPPORT_TYPE_LESSON)
    name = "lessons";
  else
    g_return_if_reached ();

  page = ensure_page (self, name);
  if (page == NULL)
    return;

  rapport_records_page_show_client (RAPPORT_RECORDS_PAGE (page), client_id);
  _rapport_window_show_view (self, name);
}

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportRecord) record = record_from_parameter (self, parameter);

  if (record != NULL)
    open_editor (self, G_OBJECT_TYPE (record), record, 0);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  gint64 client_id;
  GType type = record_type_and_client (parameter, &client_id);

  g_return_if_fail (type != G_TYPE_INVALID);

  if (self->store != NULL)
    open_editor (self, type, NULL, client_id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (self->store == NULL || name == NULL)
    return;

  if (RAPPORT_IS_RECORDS_PAGE (page))
    {
      RapportRecordsPage *records = RAPPORT_RECORDS_PAGE (page);

      open_editor (self, rapport_records_page_get_record_type (records), NULL,
                   rapport_records_page_get_client_filter (records));
    }
  else if (RAPPORT_IS_CLIENT_PAGE (page))
    {
      RapportClient *client = rapport_client_page_get_client (RAPPORT_CLIENT_PAGE (page));

      open_editor (self, RAPPORT_TYPE_INTERACTION, NULL,
                   client != NULL ? rapport_record_get_id (RAPPORT_RECORD (client)) : 0);
    }
  else if (g_str_equal (name, "overview"))
    open_editor (self, RAPPORT_TYPE_CLIENT, NULL, 0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  GtkWidget *page = ensure_page (self, "search");

  if (page == NULL)
    return;

  _rapport_window_show_view (self, "search");
  rapport_search_page_focus (RAPPORT_SEARCH_PAGE (page));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (name != NULL && (g_str_equal (name, "client") || g_str_equal (name, "search")))
    {
      const char *previous = self->previous_view != NULL ? self->previous_view : "overview";

      if (g_str_equal (name, "client") && g_str_equal (previous, "overview") == FALSE &&
          g_str_equal (previous, "clients") == FALSE)
        previous = "clients";
      _rapport_window_show_view (self, previous);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
trash_record_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportRecord) record = record_from_parameter (self, parameter);

  if (record != NULL)
    trash_record (self, record);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportRecord *record;

  if (self->store == NULL)
    return;

  /* The trash has its own ways to delete for good */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "trash") == 0)
    return;

  record = selected_record (self);
  if (record != NULL)
    {
      g_autoptr(RapportRecord) keep = g_object_ref (record);

      trash_record (self, keep);
    }
}

static void
undo_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  g_autoptr(RapportRecord) record = record_from_parameter (self, parameter);
  g_autoptr(GError) error = NULL;

  if (record != NULL && !rapport_store_restore (self->store, record, &error))
    rapport_window_show_error (self, error);
}

/* Callbacks */

static void
sidebar_row_activated_cb (RapportWindow *self,
                          GtkListBoxRow *row)
{
  _rapport_window_show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
folded_changed_cb (RapportWindow *self)
{
  update_header (self);
}

static void
store_changed_cb (RapportWindow *self,
                  GType          type)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "client");
  RapportClient *client;

  /* The client shown went to the trash */
  client = page != NULL ? rapport_client_page_get_client (RAPPORT_CLIENT_PAGE (page)) : NULL;
  if (client != NULL && rapport_record_is_trashed (RAPPORT_RECORD (client)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "client") == 0)
    _rapport_window_show_view (self, "clients");
  else
    update_header (self);
}

/* Overrides */

static GtkWidget *
sidebar_row_new (const View *view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (view->icon_name);
  GtkWidget *label = gtk_label_new (_(view->title));

  gtk_widget_set_name (row, view->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(view->title), -1);

  return row;
}

/* Recovery from a database that could not be opened */

static void
setup_recovery (RapportWindow      *self,
                RapportApplication *app)
{
  int code = rapport_application_get_store_error_code (app);
  g_autofree char *path = rapport_application_dup_database_path (app);
  g_autoptr(GPtrArray) backups = rapport_store_list_backups (path);
  gboolean damaged = code == RAPPORT_STORE_ERROR_CORRUPT;
  gboolean passing = code == RAPPORT_STORE_ERROR_LOCKED || code == RAPPORT_STORE_ERROR_READ_ONLY ||
                     code == RAPPORT_STORE_ERROR_IO || code == RAPPORT_STORE_ERROR_FULL;

  /* A damaged file is set aside, never overwritten, when a backup comes back */
  gtk_widget_set_visible (self->latest_backup_button, damaged && backups->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-latest-backup",
                                 damaged && backups->len > 0);
  /* Another program may let go of the file, space may come back */
  gtk_widget_set_visible (self->retry_button, passing);
}

static void
open_latest_backup_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportApplication *app = RAPPORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *path = rapport_application_dup_database_path (app);
  g_autoptr(GPtrArray) backups = rapport_store_list_backups (path);
  g_autoptr(GError) error = NULL;

  if (backups->len == 0)
    return;

  g_object_ref (app);
  if (!rapport_application_restore_backup (app, backups->pdata[0], &error))
    {
      /* Over the window made again, which still offers the other ways */
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
      AdwMessageDialog *failed;

      failed = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("The Backup Was Not Restored"),
                                                           error->message));
      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
  g_object_unref (app);
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportApplication *app = RAPPORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  rapport_application_reopen (app, NULL);
}

static void
other_file_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  RapportApplication *app = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        rapport_application_reopen (app, path);
    }

  g_object_unref (chooser);
  g_object_unref (app);
}

static void
open_other_file_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);
  RapportApplication *app = RAPPORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Rapport Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (other_file_response_cb),
                    g_object_ref (app));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* One view a time, so that no frame waits for more than one: making a
 * view's widgets took 5-7 ms of the frame that first showed it. The pages
 * that are not in the sidebar come last. */
static gboolean
make_views_cb (gpointer user_data)
{
  RapportWindow *self = user_data;
  const char *nested[] = { "client", "search" };

  for (guint i = 0; i < G_N_ELEMENTS (views) + G_N_ELEMENTS (nested); i++)
    {
      const char *name = i < G_N_ELEMENTS (views) ? views[i].name
                                                  : nested[i - G_N_ELEMENTS (views)];

      if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
        {
          ensure_page (self, name);
          return G_SOURCE_CONTINUE;
        }
    }

  self->make_views_source = 0;
  return G_SOURCE_REMOVE;
}

/* The first frame is being drawn: the views are made once it is, in an
 * idle of lower priority than drawing, not before it */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->make_views_source == 0)
    self->make_views_source = g_idle_add_full (G_PRIORITY_LOW, make_views_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Called once the window has its application ("application" is not a
 * construct property, so constructed() is too early). */
static void
setup (RapportWindow *self)
{
  RapportApplication *app;
  const char *last_view = "overview";

  app = RAPPORT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (rapport_application_get_store (app) == NULL)
    {
      /* The description is markup, and the message names a file */
      g_autofree char *escaped = g_markup_escape_text (rapport_application_get_store_error (app),
                                                       -1);

      rapport_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->window_stack, "error");
      setup_recovery (self, app);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", FALSE);
      return;
    }

  self->store = g_object_ref (rapport_application_get_store (app));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_list_box_append (self->sidebar, sidebar_row_new (&views[i]));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::discreet-mode",
                             G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "window-width") &&
          g_settings_schema_has_key (schema, "window-height") &&
          g_settings_schema_has_key (schema, "window-maximized"))
        {
          gtk_window_set_default_size (GTK_WINDOW (self),
                                       g_settings_get_int (self->settings, "window-width"),
                                       g_settings_get_int (self->settings, "window-height"));
          if (g_settings_get_boolean (self->settings, "window-maximized"))
            gtk_window_maximize (GTK_WINDOW (self));
        }
      if (g_settings_schema_has_key (schema, "last-view"))
        {
          g_autofree char *saved = g_settings_get_string (self->settings, "last-view");

          for (guint i = 0; i < G_N_ELEMENTS (views); i++)
            if (g_str_equal (views[i].name, saved))
              last_view = views[i].name;
        }
    }

  _rapport_window_show_view (self, last_view);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  if (!adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static gboolean
rapport_window_close_request (GtkWindow *window)
{
  RapportWindow *self = RAPPORT_WINDOW (window);
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (self->settings != NULL && name != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "window-width") &&
          g_settings_schema_has_key (schema, "window-height") &&
          g_settings_schema_has_key (schema, "window-maximized"))
        {
          int width, height;

          gtk_window_get_default_size (window, &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
          g_settings_set_boolean (self->settings, "window-maximized",
                                  gtk_window_is_maximized (window));
        }
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        if (g_str_equal (views[i].name, name) && g_settings_schema_has_key (schema, "last-view"))
          g_settings_set_string (self->settings, "last-view", name);
    }

  return GTK_WINDOW_CLASS (rapport_window_parent_class)->close_request (window);
}

/* The shortcuts window is made the first time it is asked for: from
 * gtk/help-overlay.ui in the resource, GtkApplication would make it with
 * every window, 5 ms of each start-up */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  /* Set as the help overlay, it shows the application's accelerators */
  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (APP_PATH "/ui/rapport-shortcuts-window.ui");
      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }

  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = (RapportWindow *)object;

  g_clear_handle_id (&self->make_views_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_finalize (GObject *object)
{
  RapportWindow *self = (RapportWindow *)object;

  g_clear_pointer (&self->previous_view, g_free);

  G_OBJECT_CLASS (rapport_window_parent_class)->finalize (object);
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_window_dispose;
  object_class->finalize = rapport_window_finalize;
  window_class->close_request = rapport_window_close_request;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, window_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, error_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, latest_backup_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, error_buttons);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(sx)", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.show-client-records", "(sx)",
                                   show_client_records_action);
  gtk_widget_class_install_action (widget_class, "win.edit-record", "(sx)", edit_record_action);
  gtk_widget_class_install_action (widget_class, "win.new-record", "(sx)", new_record_action);
  gtk_widget_class_install_action (widget_class, "win.trash-record", "(sx)",
                                   trash_record_action);
  gtk_widget_class_install_action (widget_class, "win.undo-trash", "(sx)", undo_trash_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.open-latest-backup", NULL,
                                   open_latest_backup_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-other-file", NULL,
                                   open_other_file_action);

  /* Delete is bound on the window, not as an application accelerator, so
   * that an entry with the focus keeps it for its text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
rapport_window_init (RapportWindow *self)
{
  /* The tooltips are set here rather than in the template, where each
   * would cost three round trips to the X server (rapport-tooltip.c) */
  gtk_widget_init_template (GTK_WIDGET (self));
  _rapport_widget_set_tooltip_text (self->menu_button, _("Main Menu"));
  _rapport_widget_set_tooltip_text (self->error_menu_button, _("Main Menu"));
  _rapport_widget_set_tooltip_text (self->back_button, _("Back"));
  _rapport_widget_set_tooltip_text (self->new_button, _("New"));
  _rapport_widget_set_tooltip_text (self->search_button, _("Search Everything"));

  /* The error page's buttons say the most ("Abrir la copia de seguridad
   * más reciente"): they wrap rather than widen the window */
  for (GtkWidget *button = gtk_widget_get_first_child (self->error_buttons);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

RapportWindow *
rapport_window_new (RapportApplication *application)
{
  RapportWindow *self = g_object_new (RAPPORT_TYPE_WINDOW,
                                      "application", application,
                                      NULL);

  setup (self);
  return self;
}

const char *
rapport_window_get_visible_view (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return "error";

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
rapport_window_get_page (RapportWindow *self,
                         const char    *name)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

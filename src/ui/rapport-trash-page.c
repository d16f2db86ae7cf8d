/* rapport-trash-page.c: what was deleted, to restore or delete for good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's trash lists of every kind, one after the other in a flatten
 * model. What cannot be undone (deleting for good, emptying the trash) is
 * confirmed first. The page can be made before it is shown: it reads the
 * trash when it is first shown or asked about it.
 */
#define G_LOG_DOMAIN "rapport-trash-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-deliverable.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-question.h"
#include "rapport-record-row.h"
#include "rapport-renegotiation.h"
#include "rapport-status-page.h"
#include "rapport-tooltip.h"
#include "rapport-trash-page.h"
#include "rapport-window.h"

struct _RapportTrashPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkGridView        *records_view;
  GtkWidget          *action_bar;
  GtkWidget          *empty_button;

  /* Owned references */
  RapportStore       *store;
  GListModel         *model;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (RapportTrashPage, rapport_trash_page, GTK_TYPE_WIDGET)

static void
update (RapportTrashPage *self)
{
  gboolean empty = g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_set_visible (self->action_bar, !empty);
}

static void
show_error (RapportTrashPage *self,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (RAPPORT_IS_WINDOW (root))
    rapport_window_show_error (RAPPORT_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

/* Confirmations */

static void
empty_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RapportTrashPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "empty") && !rapport_store_empty_trash (self->store, &error))
    show_error (self, error);
}

static void
empty_clicked_cb (RapportTrashPage *self)
{
  GtkWidget *dialog;

  dialog = _rapport_question_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  _("Empty the Trash?"),
                                  _("Everything in the trash will be deleted for good. "
                                    "This cannot be undone."),
                                  _("_Cancel"), "empty", _("_Empty Trash"),
                                  ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (empty_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
purge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RapportTrashPage *self)
{
  RapportRecord *record = g_object_get_data (G_OBJECT (dialog), "rapport-record");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") && !rapport_store_purge (self->store, record, &error))
    show_error (self, error);
}

static void
delete_clicked_cb (GtkButton        *button,
                   RapportTrashPage *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "rapport-list-item");
  RapportRecord *record = gtk_list_item_get_item (item);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (record == NULL)
    return;

  title = _rapport_record_dup_title (self->store, record);
  /* Translators: %s is what is deleted, such as a client's name */
  heading = g_strdup_printf (_("Delete “%s” for Good?"), title);
  dialog = _rapport_question_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  heading,
                                  RAPPORT_IS_CLIENT (record) || RAPPORT_IS_COMMITMENT (record) ?
                                  _("It will be deleted with everything that belongs to it. "
                                    "This cannot be undone.") :
                                  _("This cannot be undone."),
                                  _("_Cancel"), "delete", _("_Delete"),
                                  ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "rapport-record", g_object_ref (record),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_clicked_cb (GtkButton        *button,
                    RapportTrashPage *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "rapport-list-item");
  RapportRecord *record = gtk_list_item_get_item (item);
  g_autoptr(GError) error = NULL;

  if (record != NULL && !rapport_store_restore (self->store, record, &error))
    show_error (self, error);
}

/* Rows: the record, what kind it is and when it was deleted, and buttons */

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RapportTrashPage         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *restore = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("edit-delete-symbolic");

  gtk_widget_add_css_class (row, "record-row");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);

  _rapport_widget_set_tooltip_text (restore, _("Restore"));
  _rapport_widget_set_tooltip_text (delete, _("Delete for Good"));
  for (GtkWidget *button = restore; button != NULL; button = button == restore ? delete : NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "rapport-list-item", item);
    }
  gtk_widget_set_name (restore, "restore");
  gtk_widget_set_name (delete, "delete");
  g_signal_connect_object (restore, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (row), labels);
  gtk_box_append (GTK_BOX (row), restore);
  gtk_box_append (GTK_BOX (row), delete);
  gtk_list_item_set_child (item, row);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RapportTrashPage         *self)
{
  RapportRecord *record = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autoptr(GDate) today = rapport_date_new_today ();
  g_autofree char *title_text = _rapport_record_dup_title (self->store, record);
  g_autofree char *when = _rapport_format_moment (rapport_record_get_deleted_at (record), today);
  g_autofree char *subtitle_text = NULL;

  /* Translators: "Client · deleted today" */
  subtitle_text = g_strdup_printf (_("%s · deleted %s"),
                                   _rapport_record_kind_name (G_OBJECT_TYPE (record)), when);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
}

/* Reads the trash of every kind, once */
static void
ensure_loaded (RapportTrashPage *self)
{
  GListStore *lists;
  const GType types[] = {
    RAPPORT_TYPE_CLIENT, RAPPORT_TYPE_COMMITMENT, RAPPORT_TYPE_DELIVERABLE,
    RAPPORT_TYPE_RENEGOTIATION, RAPPORT_TYPE_FEEDBACK, RAPPORT_TYPE_LESSON,
    RAPPORT_TYPE_INTERACTION,
  };

  if (self->model != NULL || self->store == NULL)
    return;

  lists = g_list_store_new (G_TYPE_LIST_MODEL);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GListModel) trash = rapport_store_list_trash (self->store, types[i]);

      g_list_store_append (lists, trash);
    }
  self->model = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (lists)));
  _rapport_records_view_set_model (self->records_view, self->selection, self->model);

  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

/* Overrides */

static void
rapport_trash_page_map (GtkWidget *widget)
{
  ensure_loaded (RAPPORT_TRASH_PAGE (widget));

  GTK_WIDGET_CLASS (rapport_trash_page_parent_class)->map (widget);
}

static void
rapport_trash_page_dispose (GObject *object)
{
  RapportTrashPage *self = (RapportTrashPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TRASH_PAGE);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_trash_page_parent_class)->dispose (object);
}

static void
rapport_trash_page_class_init (RapportTrashPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_trash_page_dispose;
  widget_class->map = rapport_trash_page_map;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-trash-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, records_view);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportTrashPage, empty_button);
  gtk_widget_class_bind_template_callback (widget_class, empty_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_trash_page_init (RapportTrashPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_trash_page_new (RapportStore *store)
{
  RapportTrashPage *self = g_object_new (RAPPORT_TYPE_TRASH_PAGE, NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->store = g_object_ref (store);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_object (factory, "setup", G_CALLBACK (item_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (item_bind_cb), self, 0);
  gtk_grid_view_set_factory (self->records_view, factory);

  return GTK_WIDGET (self);
}

GListModel *
rapport_trash_page_get_model (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), NULL);

  ensure_loaded (self);

  return self->model;
}

RapportRecord *
rapport_trash_page_get_selected (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), NULL);

  ensure_loaded (self);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* "list" or "empty" */
const char *
rapport_trash_page_get_state (RapportTrashPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TRASH_PAGE (self), NULL);

  ensure_loaded (self);

  return gtk_stack_get_visible_child_name (self->stack);
}

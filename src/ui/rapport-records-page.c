/* rapport-records-page.c: a searchable, filterable list of one kind of record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One class for the Clients, Commitments, Feedback and Lessons views: they
 * differ only in their words and their status filter. Search and filters
 * happen in SQL: each change asks the store for a new live list.
 *
 * A page can be made before it is shown (the window makes its views while
 * it is idle): it reads its rows, and the clients of its filter, when it
 * is first shown or asked about them.
 */
#define G_LOG_DOMAIN "rapport-records-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-choice-factory.h"
#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-enum-types.h"
#include "rapport-feedback.h"
#include "rapport-lesson.h"
#include "rapport-paced-model.h"
#include "rapport-record-row.h"
#include "rapport-records-page.h"
#include "rapport-status-page.h"
#include "rapport-tooltip.h"
#include "rapport-window.h"

struct _RapportRecordsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *client_filter;
  GtkDropDown        *status_filter;
  GtkStack           *list_stack;
  GtkGridView        *records_view;
  RapportStatusPage  *empty_page;
  GtkButton          *empty_button;

  /* Owned references */
  RapportStore       *store;
  GListModel         *clients;
  GListModel         *model;
  GtkSingleSelection *selection;
  GSettings          *settings;
  /* A search being read in a thread */
  GCancellable       *cancellable;

  GType               type;
  const char         *status_property;
  /* A client to select in the filter once the drop-down has it (it gets
   * the clients a few at a time): its rows are shown until then */
  gint64              pending_client_id;
  gboolean            selecting_client;
  /* Whether the rows were read, and the filters are live */
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (RapportRecordsPage, rapport_records_page, GTK_TYPE_WIDGET)

typedef struct
{
  GType       (*get_type) (void);
  const char *status_property;
  const char *statuses[5];
  /* The status shown first (its index in @statuses), and what the page
   * says when none has it */
  guint       default_status;
  const char *none_title;
  const char *none_description;
  const char *search_hint;
  const char *empty_title;
  const char *empty_description;
  const char *empty_button;
} Kind;

static const Kind kinds[] = {
  { rapport_client_get_type, "status",
    { N_("Any status"), N_("Active"), N_("Paused"), N_("Former"), NULL }, 0, NULL, NULL,
    N_("Search clients"), N_("No Clients Yet"),
    N_("The people you work for appear here, with what you promised them."),
    N_("_Add a Client") },
  { rapport_commitment_get_type, "status",
    { N_("Any status"), N_("Open"), N_("Delivered"), N_("Dropped"), NULL },
    /* What is still to do, overdue first: years of delivered work come before
     * it in the order of due dates */
    1, N_("Nothing Open"),
    N_("Every commitment is delivered or dropped. Choose “Any status” to see them."),
    N_("Search commitments"), N_("No Commitments Yet"),
    N_("Note each promise you make to a client, with its due date, to keep it."),
    N_("_New Commitment") },
  { rapport_feedback_get_type, "status",
    { N_("Any status"), N_("Awaiting an answer"), N_("Acknowledged"), N_("Addressed"),
      N_("Declined") }, 0, NULL, NULL,
    N_("Search feedback"), N_("No Feedback Yet"),
    N_("Record what clients tell you, good or bad, so that none of it goes unanswered."),
    N_("_Record Feedback") },
  { rapport_lesson_get_type, "apology",
    { N_("Any apology"), N_("No apology needed"), N_("Apology owed"), N_("Apology made"), NULL },
    0, NULL, NULL,
    N_("Search lessons"), N_("No Lessons Yet"),
    N_("When something goes wrong, write down why and how to prevent it."),
    N_("_Record a Lesson") },
};

static const Kind *
kind_for_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].get_type () == type)
      return &kinds[i];

  g_return_val_if_reached (NULL);
}

/* Filters */

static gint64
selected_client_id (RapportRecordsPage *self)
{
  g_autoptr(GObject) item = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->client_filter)))
    return 0;
  if (self->pending_client_id != 0)
    return self->pending_client_id;

  item = gtk_drop_down_get_selected_item (self->client_filter) != NULL ?
         g_object_ref (gtk_drop_down_get_selected_item (self->client_filter)) : NULL;
  if (item != NULL && RAPPORT_IS_CLIENT (item))
    return rapport_record_get_id (RAPPORT_RECORD (item));

  return 0;
}

/* Whether there is a row of any status, when none has the first one */
static gboolean
has_any (RapportRecordsPage *self)
{
  g_autoptr(GListModel) all = rapport_store_list (self->store, self->type);

  return g_list_model_get_n_items (all) > 0;
}

static void
update_state (RapportRecordsPage *self)
{
  const Kind *kind = kind_for_type (self->type);
  gboolean filtered;

  if (g_list_model_get_n_items (self->model) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  filtered = selected_client_id (self) != 0 ||
             gtk_drop_down_get_selected (self->status_filter) != kind->default_status ||
             gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';

  if (!filtered && kind->default_status > 0 && has_any (self))
    {
      rapport_status_page_set_icon_name (self->empty_page, "object-select-symbolic");
      rapport_status_page_set_title (self->empty_page, _(kind->none_title));
      rapport_status_page_set_description (self->empty_page, _(kind->none_description));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }
  else if (filtered)
    {
      rapport_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      rapport_status_page_set_title (self->empty_page, _("No Results"));
      rapport_status_page_set_description (self->empty_page,
                                           _("Nothing matches these words and filters. Try "
                                             "fewer words or another filter."));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), FALSE);
    }
  else
    {
      rapport_status_page_set_icon_name (self->empty_page, "document-edit-symbolic");
      rapport_status_page_set_title (self->empty_page, _(kind->empty_title));
      rapport_status_page_set_description (self->empty_page, _(kind->empty_description));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
show_model (RapportRecordsPage *self,
            GListModel         *model)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  _rapport_records_view_set_model (self->records_view, self->selection, self->model);
  update_state (self);
}

static void
search_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportRecordsPage) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = rapport_store_list_filtered_finish (RAPPORT_STORE (object), result, &error);

  /* Words typed since, or the page is gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (model == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (RAPPORT_IS_WINDOW (root))
        rapport_window_show_error (RAPPORT_WINDOW (root), error);
      else
        g_warning ("%s", error->message);
      return;
    }

  show_model (self, model);
}

/* Without words the list is read from its index at once. Words may match
 * a hundred thousand rows, read in the list's order before the first can
 * be shown: they are read in a thread, and the rows shown until then stay. */
static void
filters_changed_cb (RapportRecordsPage *self)
{
  const char *text;
  int status;

  if (!self->loaded)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  status = (int) gtk_drop_down_get_selected (self->status_filter) - 1;

  if (text[0] == '\0')
    {
      g_autoptr(GListModel) model = NULL;

      model = rapport_store_list_filtered (self->store, self->type, selected_client_id (self),
                                           self->status_property, status, NULL);
      show_model (self, model);
      return;
    }

  self->cancellable = g_cancellable_new ();
  rapport_store_list_filtered_async (self->store, self->type, selected_client_id (self),
                                     self->status_property, status, text, self->cancellable,
                                     search_read_cb, g_object_ref (self));
}

/**
 * rapport_records_page_is_searching:
 * @self: a records page
 *
 * Returns: whether the page is still reading what its search finds
 */
gboolean
rapport_records_page_is_searching (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
list_activate_cb (RapportRecordsPage *self,
                  guint               position)
{
  g_autoptr(RapportRecord) record = g_list_model_get_item (self->model, position);

  if (record != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.open-record",
                                        _rapport_record_to_variant (record));
}

/* The client filter: "All clients", then every client */

static void
client_selected_cb (RapportRecordsPage *self)
{
  /* The page chose it, and reads the rows itself */
  if (self->selecting_client)
    return;

  self->pending_client_id = 0;
  filters_changed_cb (self);
}

static void
select_client (RapportRecordsPage *self,
               guint               position)
{
  self->selecting_client = TRUE;
  gtk_drop_down_set_selected (self->client_filter, position);
  self->selecting_client = FALSE;
}

static void
select_pending_client (RapportRecordsPage *self)
{
  GListModel *model = gtk_drop_down_get_model (self->client_filter);
  guint position;

  if (self->pending_client_id == 0 || model == NULL ||
      !rapport_store_list_find (self->clients, self->pending_client_id, &position) ||
      position + 1 >= g_list_model_get_n_items (model))
    return;

  select_client (self, position + 1);
  self->pending_client_id = 0;
}

static void
setup_client_filter (RapportRecordsPage *self)
{
  g_autoptr(GListStore) first = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GtkStringObject) all = gtk_string_object_new (_("All clients"));
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListModel) paced = NULL;

  self->clients = rapport_store_list (self->store, RAPPORT_TYPE_CLIENT);
  g_list_store_append (first, all);
  g_list_store_append (parts, first);
  /* The drop-down's list view makes 200 rows too, at once if not paced */
  paced = _rapport_paced_model_new (self->clients, RAPPORT_ITEMS_AT_ONCE,
                                    RAPPORT_LIST_VIEW_ROWS, G_MAXUINT);
  _rapport_paced_model_set_view (paced, GTK_WIDGET (self->client_filter));
  g_list_store_append (parts, paced);

  gtk_drop_down_set_model (self->client_filter,
                           G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts))));
  g_signal_connect_object (gtk_drop_down_get_model (self->client_filter), "items-changed",
                           G_CALLBACK (select_pending_client), self, G_CONNECT_SWAPPED);
}

/* Reads the clients of the filter and the rows, once */
static void
ensure_loaded (RapportRecordsPage *self)
{
  if (self->loaded || self->store == NULL)
    return;

  if (self->type != RAPPORT_TYPE_CLIENT)
    setup_client_filter (self);
  /* Set last: the filters' signals do nothing before */
  self->loaded = TRUE;
  filters_changed_cb (self);
}

/* Overrides */

static void
rapport_records_page_map (GtkWidget *widget)
{
  ensure_loaded (RAPPORT_RECORDS_PAGE (widget));

  GTK_WIDGET_CLASS (rapport_records_page_parent_class)->map (widget);
}

static void
rapport_records_page_dispose (GObject *object)
{
  RapportRecordsPage *self = (RapportRecordsPage *)object;
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_RECORDS_PAGE);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_object (&self->model);
  g_clear_object (&self->clients);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_records_page_parent_class)->dispose (object);
}

static void
rapport_records_page_class_init (RapportRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_records_page_dispose;
  widget_class->map = rapport_records_page_map;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, client_filter);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, records_view);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RapportRecordsPage, empty_button);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_records_page_init (RapportRecordsPage *self)
{
  /* The tooltip is set here rather than in the template, where it would
   * cost round trips to the X server (rapport-tooltip.c) */
  g_autoptr(GtkListItemFactory) chosen = _rapport_choice_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) choices = _rapport_choice_factory_new (TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));
  _rapport_widget_set_tooltip_text (GTK_WIDGET (self->client_filter), _("Client"));
  /* Side by side on a phone, the filters shorten the choice they show
   * rather than widen the window; their lists show each one whole */
  gtk_drop_down_set_factory (self->client_filter, chosen);
  gtk_drop_down_set_list_factory (self->client_filter, choices);
  gtk_drop_down_set_factory (self->status_filter, chosen);
  gtk_drop_down_set_list_factory (self->status_filter, choices);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
}

GtkWidget *
rapport_records_page_new (RapportStore *store,
                          GType         type)
{
  RapportRecordsPage *self;
  const Kind *kind = kind_for_type (type);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_RECORDS_PAGE, NULL);
  self->type = type;
  self->status_property = kind->status_property;
  gtk_button_set_label (self->empty_button, _(kind->empty_button));

  for (guint i = 0; i < G_N_ELEMENTS (kind->statuses) && kind->statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, _(kind->statuses[i]));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_selected (self->status_filter, kind->default_status);
  _rapport_widget_set_tooltip_text (GTK_WIDGET (self->status_filter),
                                    type == RAPPORT_TYPE_LESSON ? _("Apology") : _("Status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_filter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  type == RAPPORT_TYPE_LESSON ? _("Apology") : _("Status"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->client_filter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Client"), -1);

  if (type == RAPPORT_TYPE_CLIENT)
    gtk_widget_set_visible (GTK_WIDGET (self->client_filter), FALSE);

  g_object_set (self->search_entry, "placeholder-text", _(kind->search_hint), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(kind->search_hint), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->records_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _rapport_record_kind_plural (type), -1);

  factory = _rapport_record_factory_new (store);
  gtk_grid_view_set_factory (self->records_view, factory);

  /* Rows show confidential names or not: make them again */
  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::discreet-mode",
                             G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);

  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

GType
rapport_records_page_get_record_type (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), G_TYPE_INVALID);

  return self->type;
}

GListModel *
rapport_records_page_get_model (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), NULL);

  ensure_loaded (self);

  return self->model;
}

/**
 * rapport_records_page_get_selected:
 *
 * Returns: (nullable) (transfer none): the selected record
 */
RapportRecord *
rapport_records_page_get_selected (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), NULL);

  ensure_loaded (self);

  return gtk_single_selection_get_selected_item (self->selection);
}

gint64
rapport_records_page_get_client_filter (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), 0);

  ensure_loaded (self);

  return selected_client_id (self);
}

static void
filter_client (RapportRecordsPage *self,
               gint64              client_id)
{
  select_client (self, 0);
  self->pending_client_id = client_id;
  select_pending_client (self);
}

/**
 * rapport_records_page_set_client_filter:
 * @self: a records page
 * @client_id: the client whose records to show, or 0 for every client's
 *
 * Shows one client's records at once, though the drop-down may get that
 * client only in the frames after.
 */
void
rapport_records_page_set_client_filter (RapportRecordsPage *self,
                                        gint64              client_id)
{
  g_return_if_fail (RAPPORT_IS_RECORDS_PAGE (self));

  ensure_loaded (self);

  if (self->type == RAPPORT_TYPE_CLIENT || client_id == selected_client_id (self))
    return;

  filter_client (self, client_id);
  filters_changed_cb (self);
}

/**
 * rapport_records_page_show_client:
 * @self: a records page of commitments, feedback or lessons
 * @client_id: a client's id
 *
 * Shows every record of one client, of any status: what a client's page
 * shows part of. The rows are read once, not once for each filter.
 */
void
rapport_records_page_show_client (RapportRecordsPage *self,
                                  gint64              client_id)
{
  g_return_if_fail (RAPPORT_IS_RECORDS_PAGE (self));
  g_return_if_fail (self->type != RAPPORT_TYPE_CLIENT);

  if (self->store == NULL)
    return;

  if (self->clients == NULL)
    setup_client_filter (self);
  /* The filters' signals read nothing until all of them are set */
  self->loaded = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_filter, 0);
  filter_client (self, client_id);
  self->loaded = TRUE;
  filters_changed_cb (self);
}

void
rapport_records_page_set_status_filter (RapportRecordsPage *self,
                                        int                 value)
{
  g_return_if_fail (RAPPORT_IS_RECORDS_PAGE (self));

  ensure_loaded (self);

  gtk_drop_down_set_selected (self->status_filter, (guint) (value + 1));
}

void
rapport_records_page_set_search_text (RapportRecordsPage *self,
                                      const char         *text)
{
  g_return_if_fail (RAPPORT_IS_RECORDS_PAGE (self));

  ensure_loaded (self);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Do not wait for the entry's delay */
  filters_changed_cb (self);
}

/* "list" or "empty" */
const char *
rapport_records_page_get_state (RapportRecordsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_RECORDS_PAGE (self), NULL);

  ensure_loaded (self);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

void
rapport_records_page_select (RapportRecordsPage *self,
                             guint               position)
{
  g_return_if_fail (RAPPORT_IS_RECORDS_PAGE (self));

  ensure_loaded (self);

  gtk_single_selection_set_selected (self->selection, position);
}

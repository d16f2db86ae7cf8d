/* rapport-search-page.c: search everything, results grouped by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind's results are a live list from the store's full-text index of
 * the first RESULTS_SHOWN + 1 matches, newest first: a group shows
 * RESULTS_SHOWN of them, and the one more says that more were found.
 * Counting every match of a short prefix in a large database would take
 * longer than a frame, so the count stops there: "Clients (30+)".
 */
#define G_LOG_DOMAIN "rapport-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-paced-model.h"
#include "rapport-record-row.h"
#include "rapport-search-page.h"
#include "rapport-status-page.h"
#include "rapport-window.h"

#define N_GROUPS 5
/* Rows shown per kind. The results follow every key typed, and each row
 * shown is an object read and a widget built before the page is drawn:
 * showing 100 per kind (RAPPORT_MAX_ROWS_SHOWN, what other pages show of a
 * list) was half of a search's time on a large database, and far more
 * than a screen. More words find the others. */
#define RESULTS_SHOWN 30

struct _RapportSearchPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkBox              *groups_box;

  /* Owned references */
  RapportStore        *store;
  GSettings           *settings;
  GCancellable        *cancellable;
  GListModel          *lists[N_GROUPS];

  AdwPreferencesGroup *groups[N_GROUPS];
  GtkListBox          *boxes[N_GROUPS];
  GtkLabel            *more_labels[N_GROUPS];
};

G_DEFINE_FINAL_TYPE (RapportSearchPage, rapport_search_page, GTK_TYPE_WIDGET)

static GType
group_type (guint group)
{
  switch (group)
    {
    case 0: return RAPPORT_TYPE_CLIENT;
    case 1: return RAPPORT_TYPE_COMMITMENT;
    case 2: return RAPPORT_TYPE_FEEDBACK;
    case 3: return RAPPORT_TYPE_LESSON;
    case 4: return RAPPORT_TYPE_INTERACTION;
    default: g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static void
update (RapportSearchPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  guint total = 0;

  for (guint i = 0; i < N_GROUPS; i++)
    {
      guint n = self->lists[i] != NULL ? g_list_model_get_n_items (self->lists[i]) : 0;
      gboolean more = n > RESULTS_SHOWN;
      const char *kind = _rapport_record_kind_plural (group_type (i));
      g_autofree char *title = NULL;

      if (more)
        /* Translators: a kind of record, when more were found than shown, "Clients (30+)" */
        title = g_strdup_printf (_("%s (%u+)"), kind, RESULTS_SHOWN);
      else
        /* Translators: a kind of record and how many were found, "Clients (3)" */
        title = g_strdup_printf (_("%s (%u)"), kind, n);
      adw_preferences_group_set_title (self->groups[i], title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->boxes[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[i]), n > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->more_labels[i]), more);
      total += n;
    }

  if (text[0] == '\0')
    gtk_stack_set_visible_child_name (self->stack, "start");
  else
    gtk_stack_set_visible_child_name (self->stack, total > 0 ? "results" : "empty");
}

static void
row_activated_cb (RapportSearchPage *self,
                  GtkListBoxRow     *row)
{
  RapportRecord *record = _rapport_record_row_get_record (GTK_WIDGET (row));

  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.open-record",
                                      _rapport_record_to_variant (record));
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportSearchPage) self = user_data;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  lists = rapport_store_search_finish (RAPPORT_STORE (object), result, &error);

  /* A newer search took its place, or the page is gone */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (lists == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      g_clear_object (&self->cancellable);
      if (RAPPORT_IS_WINDOW (root))
        rapport_window_show_error (RAPPORT_WINDOW (root), error);
      else
        g_warning ("%s", error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  g_assert (lists->len == N_GROUPS);

  for (guint i = 0; i < N_GROUPS; i++)
    {
      if (self->lists[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[i], self);
      g_clear_object (&self->lists[i]);
      self->lists[i] = g_object_ref (lists->pdata[i]);
      g_signal_connect_object (self->lists[i], "items-changed", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      _rapport_list_box_bind_records (self->boxes[i], GTK_WIDGET (self), self->store,
                                      self->lists[i], RAPPORT_ITEMS_AT_ONCE, RESULTS_SHOWN);
    }

  update (self);
}

/* The search runs in a thread, on a connection of its own: a large
 * database does not stop the window while the user types. */
static void
search_changed_cb (RapportSearchPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GType types[N_GROUPS];

  if (self->store == NULL)
    return;

  for (guint i = 0; i < N_GROUPS; i++)
    types[i] = group_type (i);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  rapport_store_search_async (self->store, types, N_GROUPS, text, RESULTS_SHOWN,
                              self->cancellable, search_done_cb, g_object_ref (self));
}

static void
stop_search_cb (RapportSearchPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

/* Overrides */

static void
rapport_search_page_dispose (GObject *object)
{
  RapportSearchPage *self = (RapportSearchPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SEARCH_PAGE);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_GROUPS; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_search_page_parent_class)->dispose (object);
}

static void
rapport_search_page_class_init (RapportSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_search_page_dispose;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportSearchPage, groups_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_search_page_init (RapportSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_GROUPS; i++)
    {
      self->groups[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      self->boxes[i] = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->boxes[i], GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->boxes[i]), "boxed-list");
      g_signal_connect_object (self->boxes[i], "row-activated", G_CALLBACK (row_activated_cb),
                               self, G_CONNECT_SWAPPED);
      self->more_labels[i] = GTK_LABEL (gtk_label_new (_("More were found than are shown: "
                                                         "add words to find the others.")));
      gtk_label_set_wrap (self->more_labels[i], TRUE);
      gtk_label_set_xalign (self->more_labels[i], 0);
      gtk_widget_set_margin_top (GTK_WIDGET (self->more_labels[i]), 6);
      gtk_widget_add_css_class (GTK_WIDGET (self->more_labels[i]), "dim-label");
      adw_preferences_group_add (self->groups[i], GTK_WIDGET (self->boxes[i]));
      adw_preferences_group_add (self->groups[i], GTK_WIDGET (self->more_labels[i]));
      gtk_box_append (self->groups_box, GTK_WIDGET (self->groups[i]));
    }
}

GtkWidget *
rapport_search_page_new (RapportStore *store)
{
  RapportSearchPage *self = g_object_new (RAPPORT_TYPE_SEARCH_PAGE, NULL);

  self->store = g_object_ref (store);
  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::discreet-mode",
                             G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  search_changed_cb (self);

  return GTK_WIDGET (self);
}

void
rapport_search_page_focus (RapportSearchPage *self)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
rapport_search_page_set_text (RapportSearchPage *self,
                              const char        *text)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Do not wait for the entry's delay */
  search_changed_cb (self);
}

/* Whether a search is running, whose results are not shown yet */
gboolean
rapport_search_page_get_searching (RapportSearchPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* How many rows of @type were found: all of them up to
 * RESULTS_SHOWN; one more means that more were found */
guint
rapport_search_page_get_count (RapportSearchPage *self,
                               GType              type)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), 0);

  for (guint i = 0; i < N_GROUPS; i++)
    if (group_type (i) == type && self->lists[i] != NULL)
      return g_list_model_get_n_items (self->lists[i]);

  return 0;
}

const char *
rapport_search_page_get_state (RapportSearchPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SEARCH_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* rapport-overview-page.c: what needs attention today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reliability over the chosen period first, then one section per kind of
 * attention (overdue, due this week, feedback awaiting an answer, apologies
 * owed, lessons to review, clients awaiting an update), each a live list
 * from the store. "Today" is fixed when the lists are made, so they are
 * made again when the day changes. With nothing to attend to, the
 * reliability section moves under the "All Caught Up" status page (which
 * scrolls on its own, so it cannot sit in the sections' scrolled window).
 */
#define G_LOG_DOMAIN "rapport-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-day-clock.h"
#include "rapport-overview-page.h"
#include "rapport-paced-model.h"
#include "rapport-record-row.h"
#include "rapport-reliability-box.h"
#include "rapport-status-page.h"

#define N_SECTIONS 7
#define DUE_SOON_DAYS 6
#define DEFAULT_LESSON_REVIEW_DAYS 7
#define DEFAULT_FEEDBACK_THRESHOLD_DAYS 3
/* The overview is a summary: each section shows its first rows, the most
 * urgent, and says how many more there are */
#define OVERVIEW_ROWS 10

struct _RapportOverviewPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  GtkBox        *caught_up_box;
  GtkWidget     *reliability_group;
  GtkBox        *sections;
  GtkWidget     *reliability_box;

  /* Owned references */
  RapportStore  *store;
  GSettings     *settings;
  GListModel    *clients;
  GListModel    *lists[N_SECTIONS];

  AdwPreferencesGroup *groups[N_SECTIONS];
  GtkListBox    *boxes[N_SECTIONS];
  /* The records each box has rows for, owned by the box */
  GListModel    *shown[N_SECTIONS];
  GtkWidget     *more_labels[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (RapportOverviewPage, rapport_overview_page, GTK_TYPE_WIDGET)

static char *
section_title (RapportAttention attention,
               guint            n)
{
  switch (attention)
    {
    case RAPPORT_ATTENTION_OVERDUE:
      return g_strdup_printf (ngettext ("%u Overdue Commitment", "%u Overdue Commitments", n), n);
    case RAPPORT_ATTENTION_DUE_SOON:
      return g_strdup_printf (ngettext ("%u Commitment Due This Week",
                                        "%u Commitments Due This Week", n), n);
    case RAPPORT_ATTENTION_CLIENT_NOT_TOLD:
      return g_strdup_printf (ngettext ("%u Commitment Moved Without Telling the Client",
                                        "%u Commitments Moved Without Telling the Client", n),
                              n);
    case RAPPORT_ATTENTION_FEEDBACK_OPEN:
      return g_strdup_printf (ngettext ("%u Feedback Awaiting an Answer",
                                        "%u Feedback Awaiting an Answer", n), n);
    case RAPPORT_ATTENTION_APOLOGY_OWED:
      return g_strdup_printf (ngettext ("%u Apology Owed", "%u Apologies Owed", n), n);
    case RAPPORT_ATTENTION_LESSON_UNREVIEWED:
      return g_strdup_printf (ngettext ("%u Lesson to Review", "%u Lessons to Review", n), n);
    case RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH:
      return g_strdup_printf (ngettext ("%u Client Awaiting an Update",
                                        "%u Clients Awaiting an Update", n), n);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The reliability section goes first in @box */
static void
place_reliability (RapportOverviewPage *self,
                   GtkBox              *box)
{
  g_autoptr(GtkWidget) group = NULL;

  if (gtk_widget_get_parent (self->reliability_group) == GTK_WIDGET (box))
    return;

  group = g_object_ref (self->reliability_group);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (group)), group);
  gtk_box_prepend (box, group);
}

static void
update (RapportOverviewPage *self)
{
  guint total = 0;

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      guint n = self->lists[i] != NULL ? g_list_model_get_n_items (self->lists[i]) : 0;
      g_autofree char *title = section_title (i, n);
      gboolean has_rows = self->shown[i] != NULL && g_list_model_get_n_items (self->shown[i]) > 0;

      adw_preferences_group_set_title (self->groups[i], title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->boxes[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      /* A section shows with its first rows, not as a title over nothing */
      gtk_widget_set_visible (GTK_WIDGET (self->groups[i]), n > 0 && has_rows);
      _rapport_more_label_update (self->more_labels[i], n, OVERVIEW_ROWS);
      total += n;
    }

  if (g_list_model_get_n_items (self->clients) == 0)
    gtk_stack_set_visible_child_name (self->stack, "first-run");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "caught-up");
  else
    gtk_stack_set_visible_child_name (self->stack, "attention");

  place_reliability (self, total == 0 ? self->caught_up_box : self->sections);
}

static void
row_activated_cb (RapportOverviewPage *self,
                  GtkListBoxRow       *row)
{
  RapportRecord *record = _rapport_record_row_get_record (GTK_WIDGET (row));

  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.open-record",
                                      _rapport_record_to_variant (record));
}

static guint
setting_days (RapportOverviewPage *self,
              const char          *key,
              guint                fallback)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return fallback;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, key))
    return fallback;

  return g_settings_get_uint (self->settings, key);
}

void
rapport_overview_page_refresh (RapportOverviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (RAPPORT_IS_OVERVIEW_PAGE (self));

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      guint days = 0;

      if (i == RAPPORT_ATTENTION_DUE_SOON)
        days = DUE_SOON_DAYS;
      else if (i == RAPPORT_ATTENTION_FEEDBACK_OPEN)
        days = setting_days (self, "feedback-threshold-days", DEFAULT_FEEDBACK_THRESHOLD_DAYS);
      else if (i == RAPPORT_ATTENTION_LESSON_UNREVIEWED)
        days = setting_days (self, "lesson-review-days", DEFAULT_LESSON_REVIEW_DAYS);

      if (self->lists[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[i], self);
      g_clear_object (&self->lists[i]);
      self->lists[i] = rapport_store_list_attention (self->store, i, now, days);
      g_signal_connect_object (self->lists[i], "items-changed", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
      /* Only the first section shows in the first frame, all its rows: the
       * others wait for the next frames, rather than be measured for
       * nothing. A first frame that held fewer rows than the window would
       * be repainted whole in the next: once the page outgrows its
       * viewport, its content is clipped, and GSK repaints a node that
       * changes kind (bench/README.md) */
      self->shown[i] = _rapport_list_box_bind_records (self->boxes[i], GTK_WIDGET (self),
                                                       self->store, self->lists[i],
                                                       i == 0 ? OVERVIEW_ROWS : 0,
                                                       OVERVIEW_ROWS);
      g_signal_connect_object (self->shown[i], "items-changed", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }

  if (self->reliability_box != NULL)
    rapport_reliability_box_refresh (RAPPORT_RELIABILITY_BOX (self->reliability_box));

  update (self);
}

static void
settings_changed_cb (RapportOverviewPage *self,
                     const char          *key)
{
  /* The lists are chosen by these days, and rows say "at risk" by the
   * warning days: make them again */
  if (g_strcmp0 (key, "lesson-review-days") == 0 || g_strcmp0 (key, "discreet-mode") == 0 ||
      g_strcmp0 (key, "warning-days") == 0 || g_strcmp0 (key, "feedback-threshold-days") == 0)
    rapport_overview_page_refresh (self);
}

static void
rapport_overview_page_dispose (GObject *object)
{
  RapportOverviewPage *self = (RapportOverviewPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_OVERVIEW_PAGE);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_overview_page_parent_class)->dispose (object);
}

static void
rapport_overview_page_class_init (RapportOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_overview_page_dispose;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportOverviewPage, caught_up_box);
  gtk_widget_class_bind_template_child (widget_class, RapportOverviewPage, reliability_group);
  gtk_widget_class_bind_template_child (widget_class, RapportOverviewPage, sections);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_overview_page_init (RapportOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      self->groups[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      self->boxes[i] = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->boxes[i], GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->boxes[i]), "boxed-list");
      g_signal_connect_object (self->boxes[i], "row-activated", G_CALLBACK (row_activated_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->groups[i], GTK_WIDGET (self->boxes[i]));
      self->more_labels[i] = _rapport_more_label_new ();
      adw_preferences_group_add (self->groups[i], self->more_labels[i]);
      gtk_box_append (self->sections, GTK_WIDGET (self->groups[i]));
    }
}

GtkWidget *
rapport_overview_page_new (RapportStore *store)
{
  RapportOverviewPage *self = g_object_new (RAPPORT_TYPE_OVERVIEW_PAGE, NULL);
  self->store = g_object_ref (store);
  self->reliability_box = rapport_reliability_box_new (store);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->reliability_group),
                             self->reliability_box);
  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  /* Lists made yesterday say what was late yesterday */
  g_signal_connect_object (_rapport_day_clock_get_default (), "day-changed",
                           G_CALLBACK (rapport_overview_page_refresh), self, G_CONNECT_SWAPPED);
  self->clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_signal_connect_object (self->clients, "items-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);

  rapport_overview_page_refresh (self);

  return GTK_WIDGET (self);
}

const char *
rapport_overview_page_get_state (RapportOverviewPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
rapport_overview_page_get_count (RapportOverviewPage *self,
                                 RapportAttention     attention)
{
  g_return_val_if_fail (RAPPORT_IS_OVERVIEW_PAGE (self), 0);
  g_return_val_if_fail (attention < N_SECTIONS, 0);

  return self->lists[attention] != NULL ? g_list_model_get_n_items (self->lists[attention]) : 0;
}

/* rapport-client-page.c: one client, with what was promised, said and learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's reliability and details, then its commitments, feedback,
 * lessons and interactions, each a live list of the store with its count,
 * a button to add one more and, when there are more than it shows, one to
 * show them all in their view.
 */
#define G_LOG_DOMAIN "rapport-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-page.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-paced-model.h"
#include "rapport-record-row.h"
#include "rapport-day-clock.h"
#include "rapport-reliability-box.h"
#include "rapport-tooltip.h"

#define N_SECTIONS 4
/* Rows shown per section; the Commitments, Feedback and Lessons views show
 * all of them. The page is measured and drawn whole at each frame while
 * its rows come in: with a hundred a section, 20 iterations of the main
 * loop over 8 ms in six tours of a million-row database, up to 12.7 ms;
 * with 25, five, up to 13.2 ms (the one that opens the page). */
#define ROWS_SHOWN 25
/* A label that may break a word gets at least this width: GTK finds the
 * smallest width a wrapping label can take by laying its text out at
 * the width it is given, or at none, one character a line. That took
 * 570 µs for a note of a hundred characters, and 130 µs at ten
 * characters' width. Labels that break only between words are as quick
 * either way. */
#define MIN_WRAP_CHARS 10

struct _RapportClientPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkBox              *sections;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  GtkWidget           *details_group;
  AdwPreferencesGroup *reliability_group;
  GtkWidget           *log_button;

  /* Rows of the details group, and the labels of their values */
  GtkWidget           *email_row;
  GtkWidget           *phone_row;
  GtkWidget           *cadence_row;
  GtkWidget           *notes_row;
  GtkLabel            *email_label;
  GtkLabel            *phone_label;
  GtkLabel            *cadence_label;
  GtkLabel            *notes_label;

  /* Owned references */
  RapportStore        *store;
  GSettings           *settings;
  RapportClient       *client;
  GListModel          *lists[N_SECTIONS];
  GtkWidget           *reliability_box;

  AdwPreferencesGroup *groups[N_SECTIONS];
  GtkListBox          *boxes[N_SECTIONS];
  /* Under each list: a button to show all of its rows in their view,
   * or for interactions, which have none, a label of how many more */
  GtkWidget           *more[N_SECTIONS];
};

G_DEFINE_FINAL_TYPE (RapportClientPage, rapport_client_page, GTK_TYPE_WIDGET)

static void discreet_mode_changed_cb (RapportClientPage *self);

static GType
section_type (guint section)
{
  switch (section)
    {
    case 0: return RAPPORT_TYPE_COMMITMENT;
    case 1: return RAPPORT_TYPE_FEEDBACK;
    case 2: return RAPPORT_TYPE_LESSON;
    case 3: return RAPPORT_TYPE_INTERACTION;
    default: g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static char *
section_title (guint section,
               guint n)
{
  switch (section)
    {
    case 0: return g_strdup_printf (ngettext ("%u Commitment", "%u Commitments", n), n);
    case 1: return g_strdup_printf (ngettext ("%u Feedback", "%u Feedback", n), n);
    case 2: return g_strdup_printf (ngettext ("%u Lesson", "%u Lessons", n), n);
    case 3: return g_strdup_printf (ngettext ("%u Interaction", "%u Interactions", n), n);
    default: g_return_val_if_reached (NULL);
    }
}

static char *
section_show_all_label (guint section,
                        guint n)
{
  switch (section)
    {
    case 0: return g_strdup_printf (ngettext ("Show All %u Commitments",
                                              "Show All %u Commitments", n), n);
    case 1: return g_strdup_printf (ngettext ("Show All %u Feedback",
                                              "Show All %u Feedback", n), n);
    case 2: return g_strdup_printf (ngettext ("Show All %u Lessons",
                                              "Show All %u Lessons", n), n);
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
section_add_label (guint section)
{
  switch (section)
    {
    case 0: return _("New Commitment");
    case 1: return _("Record Feedback");
    case 2: return _("Record Lesson");
    case 3: return _("Log Interaction");
    default: g_return_val_if_reached (NULL);
    }
}

/* A detail is a caption over its value, not an AdwActionRow's subtitle:
 * a wrapping label beside other widgets is measured for its width at the
 * row's height, a search over a dozen widths. With a client's four
 * details, that was 5-7 ms of each of the two main-loop iterations that
 * open the page. Sets @value to the label of the value. */
static GtkWidget *
detail_row_new (AdwPreferencesGroup  *group,
                const char           *title,
                GtkLabel            **value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "client-detail");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN_WRAP_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "value");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (group, row);

  *value = GTK_LABEL (label);
  return row;
}

static void
set_row (GtkWidget  *row,
         GtkLabel   *label,
         const char *text)
{
  gboolean has_text = text != NULL && text[0] != '\0';

  gtk_label_set_text (label, has_text ? text : "");
  gtk_widget_set_visible (row, has_text);
}

/* "by video call": how the client prefers to hear from you */
static const char *
channel_phrase (RapportChannel channel)
{
  switch (channel)
    {
    case RAPPORT_CHANNEL_EMAIL: return _("by email");
    case RAPPORT_CHANNEL_PHONE: return _("by phone");
    case RAPPORT_CHANNEL_VIDEO_CALL: return _("by video call");
    case RAPPORT_CHANNEL_CHAT: return _("by chat");
    case RAPPORT_CHANNEL_IN_PERSON: return _("in person");
    case RAPPORT_CHANNEL_OTHER:
    default: return NULL;
    }
}

/* "Updates every 7 days by video call · last contact 3 days ago", or
 * "… · overdue for an update" past the agreed cadence, as the overview
 * counts it; sets @overdue */
static char *
dup_cadence_text (RapportClient *client,
                  gboolean      *overdue)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) today = rapport_date_new_today ();
  GDateTime *last = rapport_client_get_last_contact (client);
  guint days = rapport_client_get_cadence_days (client);
  const char *channel = channel_phrase (rapport_client_get_channel (client));
  g_autofree char *every = NULL;

  *overdue = FALSE;

  if (days == 0 && channel == NULL)
    return NULL;

  if (days == 1)
    every = g_strdup (_("Updates every day"));
  else if (days > 1)
    every = g_strdup_printf (ngettext ("Updates every %u day", "Updates every %u days", days),
                             days);

  if (every != NULL && channel != NULL)
    /* Translators: "Updates every 7 days" and "by video call" */
    g_ptr_array_add (parts, g_strdup_printf (C_("cadence and channel", "%s %s"), every, channel));
  else if (every != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&every));
  else
    /* Translators: %s is "by email", "by video call", "in person"… */
    g_ptr_array_add (parts, g_strdup_printf (_("Updates %s, with no agreed cadence"), channel));

  if (rapport_client_is_out_of_touch (client, now))
    {
      *overdue = TRUE;
      g_ptr_array_add (parts, g_strdup (_("overdue for an update")));
    }
  else if (last != NULL)
    {
      g_autofree char *when = _rapport_format_moment (last, today);

      /* Translators: %s is "today", "3 days ago" or a date */
      g_ptr_array_add (parts, g_strdup_printf (_("last contact %s"), when));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_client (RapportClientPage *self)
{
  RapportClient *client = self->client;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *cadence = NULL;
  gboolean hidden;
  gboolean overdue;

  if (client == NULL)
    return;

  name = _rapport_client_dup_display_name (client);
  summary = _rapport_record_dup_subtitle (self->store, RAPPORT_RECORD (client));
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->summary_label, summary);

  /* In discreet mode a confidential client's details stay hidden */
  hidden = rapport_client_get_confidential (client) && _rapport_discreet_mode ();
  set_row (self->email_row, self->email_label, hidden ? NULL : rapport_client_get_email (client));
  set_row (self->phone_row, self->phone_label, hidden ? NULL : rapport_client_get_phone (client));
  cadence = dup_cadence_text (client, &overdue);
  set_row (self->cadence_row, self->cadence_label, cadence);
  if (overdue)
    gtk_widget_add_css_class (self->cadence_row, "overdue");
  else
    gtk_widget_remove_css_class (self->cadence_row, "overdue");
  set_row (self->notes_row, self->notes_label, hidden ? NULL : rapport_client_get_notes (client));
  gtk_widget_set_visible (self->details_group,
                          gtk_widget_get_visible (self->email_row) ||
                          gtk_widget_get_visible (self->phone_row) ||
                          gtk_widget_get_visible (self->cadence_row) ||
                          gtk_widget_get_visible (self->notes_row));
}

static void
update_counts (RapportClientPage *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      guint n = self->lists[i] != NULL ? g_list_model_get_n_items (self->lists[i]) : 0;
      g_autofree char *title = section_title (i, n);

      adw_preferences_group_set_title (self->groups[i], title);
      adw_preferences_group_set_description (self->groups[i], n == 0 ? _("None yet.") : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->boxes[i]), n > 0);
      if (GTK_IS_BUTTON (self->more[i]))
        {
          g_autofree char *label = section_show_all_label (i, n);

          gtk_button_set_label (GTK_BUTTON (self->more[i]), label);
          gtk_widget_set_visible (self->more[i], n > ROWS_SHOWN);
        }
      else
        _rapport_more_label_update (self->more[i], n, ROWS_SHOWN);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->boxes[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

static void
row_activated_cb (RapportClientPage *self,
                  GtkListBoxRow     *row)
{
  RapportRecord *record = _rapport_record_row_get_record (GTK_WIDGET (row));

  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.open-record",
                                      _rapport_record_to_variant (record));
}

/* A section's add and "Show All" buttons: their window action, for the
 * section's kind of record and this client */
static void
section_button_clicked_cb (GtkButton         *button,
                           RapportClientPage *self)
{
  guint section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rapport-section"));
  const char *action = g_object_get_data (G_OBJECT (button), "rapport-action");

  if (self->client == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), action, "(sx)",
                              g_type_name (section_type (section)),
                              rapport_record_get_id (RAPPORT_RECORD (self->client)));
}

static void
connect_section_button (RapportClientPage *self,
                        GtkWidget         *button,
                        guint              section,
                        const char        *action)
{
  g_object_set_data (G_OBJECT (button), "rapport-section", GUINT_TO_POINTER (section));
  g_object_set_data (G_OBJECT (button), "rapport-action", (gpointer) action);
  g_signal_connect_object (button, "clicked", G_CALLBACK (section_button_clicked_cb), self, 0);
}

static void
edit_clicked_cb (RapportClientPage *self)
{
  if (self->client != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.edit-record",
                                        _rapport_record_to_variant (RAPPORT_RECORD (self->client)));
}

static void
discreet_mode_changed_cb (RapportClientPage *self)
{
  g_autoptr(RapportClient) client = NULL;

  if (self->client == NULL)
    return;

  /* Rows show confidential names or not: make them again */
  client = g_object_ref (self->client);
  rapport_client_page_set_client (self, client);
}

/* Overrides */

/* The window's stack moves the focus into the page it shows. The first
 * widget that takes it is the client's name, a selectable label, which
 * selects all of its text when focused: the name showed highlighted each
 * time a client was opened. The page's first button takes it instead. */
static gboolean
rapport_client_page_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  RapportClientPage *self = RAPPORT_CLIENT_PAGE (widget);

  if (direction == GTK_DIR_TAB_FORWARD && gtk_widget_get_focus_child (widget) == NULL &&
      gtk_widget_is_sensitive (self->log_button))
    return gtk_widget_grab_focus (self->log_button);

  return GTK_WIDGET_CLASS (rapport_client_page_parent_class)->focus (widget, direction);
}

static void
rapport_client_page_dispose (GObject *object)
{
  RapportClientPage *self = (RapportClientPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CLIENT_PAGE);
  /* The template's root is not bound, so it is not unparented for us */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_client_page_parent_class)->dispose (object);
}

static void
rapport_client_page_class_init (RapportClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_client_page_dispose;
  widget_class->focus = rapport_client_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, sections);
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, reliability_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientPage, log_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
show_all_button_new (RapportClientPage *self,
                     guint              section)
{
  g_autofree char *label = section_show_all_label (section, 0);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_set_visible (button, FALSE);
  connect_section_button (self, button, section, "win.show-client-records");

  return button;
}

static void
rapport_client_page_init (RapportClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_width_chars (self->name_label, MIN_WRAP_CHARS);

  self->email_row = detail_row_new (ADW_PREFERENCES_GROUP (self->details_group), _("Email"),
                                    &self->email_label);
  self->phone_row = detail_row_new (ADW_PREFERENCES_GROUP (self->details_group), _("Phone"),
                                    &self->phone_label);
  self->cadence_row = detail_row_new (ADW_PREFERENCES_GROUP (self->details_group), _("Updates"),
                                      &self->cadence_label);
  self->notes_row = detail_row_new (ADW_PREFERENCES_GROUP (self->details_group), _("Notes"),
                                    &self->notes_label);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      _rapport_widget_set_tooltip_text (add, section_add_label (i));
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      connect_section_button (self, add, i, "win.new-record");

      self->groups[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_header_suffix (self->groups[i], add);
      self->boxes[i] = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->boxes[i], GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->boxes[i]), "boxed-list");
      g_signal_connect_object (self->boxes[i], "row-activated", G_CALLBACK (row_activated_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->groups[i], GTK_WIDGET (self->boxes[i]));
      if (section_type (i) == RAPPORT_TYPE_INTERACTION)
        self->more[i] = _rapport_more_label_new ();
      else
        self->more[i] = show_all_button_new (self, i);
      adw_preferences_group_add (self->groups[i], self->more[i]);
      gtk_box_append (self->sections, GTK_WIDGET (self->groups[i]));
    }
}

GtkWidget *
rapport_client_page_new (RapportStore *store)
{
  RapportClientPage *self = g_object_new (RAPPORT_TYPE_CLIENT_PAGE, NULL);

  self->store = g_object_ref (store);
  self->reliability_box = rapport_reliability_box_new (store);
  adw_preferences_group_add (self->reliability_group, self->reliability_box);
  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::discreet-mode",
                             G_CALLBACK (discreet_mode_changed_cb), self, G_CONNECT_SWAPPED);
  /* "last contact yesterday", and whether an update is due */
  g_signal_connect_object (_rapport_day_clock_get_default (), "day-changed",
                           G_CALLBACK (update_client), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

RapportClient *
rapport_client_page_get_client (RapportClientPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_PAGE (self), NULL);

  return self->client;
}

void
rapport_client_page_set_client (RapportClientPage *self,
                                RapportClient     *client)
{
  gint64 id;

  g_return_if_fail (RAPPORT_IS_CLIENT_PAGE (self));
  g_return_if_fail (RAPPORT_IS_CLIENT (client));

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  g_signal_connect_object (client, "notify", G_CALLBACK (update_client), self,
                           G_CONNECT_SWAPPED);

  id = rapport_record_get_id (RAPPORT_RECORD (client));
  rapport_reliability_box_set_client_id (RAPPORT_RELIABILITY_BOX (self->reliability_box), id);
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      if (self->lists[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[i], self);
      g_clear_object (&self->lists[i]);
      self->lists[i] = rapport_store_list_children (self->store, section_type (i), "client-id", id);
      g_signal_connect_object (self->lists[i], "items-changed", G_CALLBACK (update_counts), self,
                               G_CONNECT_SWAPPED);
      /* The first section's rows come with the page, the others' in the
       * frames after it: twelve rows made and measured at once held the
       * frame that showed the page 5-10 ms longer */
      _rapport_list_box_bind_records (self->boxes[i], GTK_WIDGET (self), self->store,
                                      self->lists[i], i == 0 ? RAPPORT_ITEMS_AT_ONCE : 0,
                                      ROWS_SHOWN);
    }

  update_client (self);
  update_counts (self);
}

guint
rapport_client_page_get_count (RapportClientPage *self,
                               GType              type)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_PAGE (self), 0);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (section_type (i) == type && self->lists[i] != NULL)
      return g_list_model_get_n_items (self->lists[i]);

  return 0;
}

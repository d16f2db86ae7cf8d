/* rapport-record-row.c: how a record reads in a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Titles and subtitles of every kind of record, relative dates in the
 * user's time zone ("due in 3 days"), and the rows that show them: rows
 * that look like AdwActionRows for the short lists in boxed lists, and a
 * list item factory for the long ones in one-column GtkGridViews. Rows
 * follow their live record.
 */
#define G_LOG_DOMAIN "rapport-record-row"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-date-format.h"
#include "rapport-day-clock.h"
#include "rapport-deliverable.h"
#include "rapport-enum-types.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-paced-model.h"
#include "rapport-record-row.h"
#include "rapport-renegotiation.h"
#include "rapport-stats-trend.h"

#define SETTINGS_SCHEMA_ID "io.github.rapportapp.Rapport"

char *
_rapport_format_date (const GDate *date)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) moment = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  zone = rapport_date_dup_local_zone ();
  moment = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 12, 0, 0);
  /* TRANSLATORS: a day in a list, see strftime(3): %b is the abbreviated
   * month, which comes from this translation too */
  return _rapport_date_time_format (moment, _("%-d %b %Y"));
}

/* "due today", "due in 3 days", "2 days overdue" */
char *
_rapport_format_due (const GDate *due,
                     const GDate *today)
{
  int days;

  if (due == NULL || !g_date_valid (due))
    return g_strdup ("");

  days = rapport_date_days_between (today, due);
  if (days == 0)
    return g_strdup (_("due today"));
  if (days == 1)
    return g_strdup (_("due tomorrow"));
  if (days > 1 && days <= 30)
    return g_strdup_printf (ngettext ("due in %d day", "due in %d days", days), days);
  if (days < 0 && days >= -60)
    return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", -days), -days);
  if (days > 0)
    {
      g_autofree char *date = _rapport_format_date (due);

      /* Translators: %s is a date */
      return g_strdup_printf (_("due %s"), date);
    }
  else
    {
      g_autofree char *date = _rapport_format_date (due);

      /* Translators: %s is a date */
      return g_strdup_printf (_("overdue since %s"), date);
    }
}

/* "today", "yesterday", "3 days ago", or the date */
char *
_rapport_format_moment (GDateTime   *moment,
                        const GDate *today)
{
  g_autoptr(GDate) day = NULL;
  int days;

  if (moment == NULL)
    return g_strdup ("");

  day = rapport_date_new_local (moment);
  days = rapport_date_days_between (day, today);
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days > 1 && days <= 30)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);

  return _rapport_format_date (day);
}

const char *
_rapport_record_kind_name (GType type)
{
  if (type == RAPPORT_TYPE_CLIENT)
    return _("Client");
  if (type == RAPPORT_TYPE_COMMITMENT)
    return _("Commitment");
  if (type == RAPPORT_TYPE_DELIVERABLE)
    return _("Partial delivery");
  if (type == RAPPORT_TYPE_RENEGOTIATION)
    return _("Due date change");
  if (type == RAPPORT_TYPE_FEEDBACK)
    return _("Feedback");
  if (type == RAPPORT_TYPE_LESSON)
    return _("Lesson");
  if (type == RAPPORT_TYPE_INTERACTION)
    return _("Interaction");

  g_return_val_if_reached ("");
}

const char *
_rapport_record_kind_plural (GType type)
{
  if (type == RAPPORT_TYPE_CLIENT)
    return _("Clients");
  if (type == RAPPORT_TYPE_COMMITMENT)
    return _("Commitments");
  if (type == RAPPORT_TYPE_DELIVERABLE)
    return _("Partial Deliveries");
  if (type == RAPPORT_TYPE_RENEGOTIATION)
    return _("Due Date Changes");
  if (type == RAPPORT_TYPE_FEEDBACK)
    return _("Feedback");
  if (type == RAPPORT_TYPE_LESSON)
    return _("Lessons");
  if (type == RAPPORT_TYPE_INTERACTION)
    return _("Interactions");

  g_return_val_if_reached ("");
}

/* The app's settings, or NULL when the schema is not installed (an
 * uninstalled build without GSETTINGS_SCHEMA_DIR) */
GSettings *
_rapport_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE)) == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* The settings the rows read, shared; NULL without the schema */
static GSettings *
row_settings (const char *key)
{
  static GSettings *settings;
  static gsize initialized;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      settings = _rapport_dup_settings ();
      g_once_init_leave (&initialized, 1);
    }

  if (settings == NULL)
    return NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key) ? settings : NULL;
}

gboolean
_rapport_discreet_mode (void)
{
  GSettings *settings = row_settings ("discreet-mode");

  return settings != NULL && g_settings_get_boolean (settings, "discreet-mode");
}

/* How many days feedback may wait for an answer */
static guint
feedback_threshold_days (void)
{
  GSettings *settings = row_settings ("feedback-threshold-days");

  return settings != NULL ? g_settings_get_uint (settings, "feedback-threshold-days") : 3;
}

/* How many days before its due date an open commitment is at risk */
static guint
warning_days (void)
{
  GSettings *settings = row_settings ("warning-days");

  return settings != NULL ? g_settings_get_uint (settings, "warning-days") : 2;
}

/* "At risk" for an open commitment due within the warning days, "Overdue"
 * for one past its due date; NULL otherwise. @style is the style class. */
static const char *
record_flag (RapportRecord  *record,
             const GDate    *today,
             const char    **style)
{
  RapportCommitment *commitment;
  const GDate *due;
  int days;

  if (!RAPPORT_IS_COMMITMENT (record))
    return NULL;

  commitment = RAPPORT_COMMITMENT (record);
  due = rapport_commitment_get_due (commitment);
  if (rapport_commitment_get_status (commitment) != RAPPORT_COMMITMENT_STATUS_OPEN ||
      due == NULL || !g_date_valid (due))
    return NULL;

  days = rapport_date_days_between (today, due);
  if (days < 0)
    {
      *style = "error";
      return _("Overdue");
    }
  if ((guint) days <= warning_days ())
    {
      *style = "warning";
      return _("At risk");
    }

  return NULL;
}

/* "the client agreed to 1 Dec 2026" when the due date was moved later
 * without the client's agreement: reliability judges the commitment
 * against that date, and so does the client. NULL otherwise. */
static char *
agreed_wording (RapportStore      *store,
                RapportCommitment *commitment)
{
  const GDate *due = rapport_commitment_get_due (commitment);
  g_autoptr(GDate) agreed = NULL;
  g_autofree char *date = NULL;

  if (store == NULL || due == NULL || !g_date_valid (due))
    return NULL;

  agreed = rapport_stats_dup_effective_due (store, commitment);
  if (agreed == NULL || rapport_date_compare (agreed, due) >= 0)
    return NULL;

  date = _rapport_format_date (agreed);
  /* Translators: %s is a date; said of a commitment whose due date was
   * moved later without the client's agreement */
  return g_strdup_printf (_("the client agreed to %s"), date);
}

/* "delivered on time", "delivered 2 days late", judged as reliability
 * judges it: against the due date as moved with the client's agreement */
static char *
delivered_wording (RapportStore      *store,
                   RapportCommitment *commitment)
{
  int late_days = 0;

  if (store == NULL ||
      rapport_stats_commitment_outcome (store, commitment, NULL, &late_days) !=
      RAPPORT_OUTCOME_LATE)
    return g_strdup (_("delivered on time"));

  return g_strdup_printf (ngettext ("delivered %d day late", "delivered %d days late",
                                    late_days), late_days);
}

/* In discreet mode, for sharing the screen, no client's name is shown: each
 * client gets a stable stand-in, and a confidential one says so */
char *
_rapport_client_dup_display_name (RapportClient *client)
{
  if (!_rapport_discreet_mode ())
    return g_strdup (rapport_client_get_name (client));

  if (rapport_client_get_confidential (client))
    /* Translators: shown instead of a confidential client's name in discreet mode */
    return g_strdup_printf (_("Confidential client %" PRId64),
                            rapport_record_get_id (RAPPORT_RECORD (client)));

  /* Translators: shown instead of a client's name in discreet mode */
  return g_strdup_printf (_("Client %" PRId64),
                          rapport_record_get_id (RAPPORT_RECORD (client)));
}

static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  end = strchr (text, '\n');
  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static const char *
enum_label (GType       enum_type,
            int         value)
{
  /* The words users see; the nicks are what is stored */
  if (enum_type == RAPPORT_TYPE_COMMITMENT_STATUS)
    {
      const char *labels[] = { N_("Open"), N_("Delivered"), N_("Dropped") };

      return _(labels[CLAMP (value, 0, 2)]);
    }
  if (enum_type == RAPPORT_TYPE_FEEDBACK_STATUS)
    {
      const char *labels[] = { N_("Awaiting an answer"), N_("Acknowledged"), N_("Addressed"),
                               N_("Declined") };

      return _(labels[CLAMP (value, 0, 3)]);
    }
  if (enum_type == RAPPORT_TYPE_FEEDBACK_KIND)
    {
      const char *labels[] = { N_("Praise"), N_("Adjustment"), N_("Criticism"), N_("Complaint") };

      return _(labels[CLAMP (value, 0, 3)]);
    }
  if (enum_type == RAPPORT_TYPE_CHANNEL)
    {
      const char *labels[] = { N_("Email"), N_("Phone"), N_("Video call"), N_("Chat"),
                               N_("In person"), N_("Other") };

      return _(labels[CLAMP (value, 0, 5)]);
    }
  if (enum_type == RAPPORT_TYPE_CLIENT_STATUS)
    {
      const char *labels[] = { N_("Active"), N_("Paused"), N_("Former") };

      return _(labels[CLAMP (value, 0, 2)]);
    }

  g_return_val_if_reached ("");
}

static char *
client_name (RapportStore *store,
             gint64        client_id)
{
  g_autoptr(RapportClient) client = NULL;

  if (client_id <= 0 || store == NULL)
    return NULL;

  client = rapport_store_load (store, RAPPORT_TYPE_CLIENT, client_id, NULL);
  return client != NULL ? _rapport_client_dup_display_name (client) : NULL;
}

/* The client @record is about, or 0 */
static gint64
record_client_id (RapportStore  *store,
                  RapportRecord *record)
{
  g_autoptr(RapportCommitment) commitment = NULL;
  gint64 commitment_id = 0;

  if (RAPPORT_IS_COMMITMENT (record))
    return rapport_commitment_get_client_id (RAPPORT_COMMITMENT (record));
  if (RAPPORT_IS_FEEDBACK (record))
    return rapport_feedback_get_client_id (RAPPORT_FEEDBACK (record));
  if (RAPPORT_IS_LESSON (record))
    return rapport_lesson_get_client_id (RAPPORT_LESSON (record));
  if (RAPPORT_IS_INTERACTION (record))
    return rapport_interaction_get_client_id (RAPPORT_INTERACTION (record));
  if (RAPPORT_IS_DELIVERABLE (record))
    commitment_id = rapport_deliverable_get_commitment_id (RAPPORT_DELIVERABLE (record));
  else if (RAPPORT_IS_RENEGOTIATION (record))
    commitment_id = rapport_renegotiation_get_commitment_id (RAPPORT_RENEGOTIATION (record));

  if (commitment_id <= 0 || store == NULL)
    return 0;
  commitment = rapport_store_load (store, RAPPORT_TYPE_COMMITMENT, commitment_id, NULL);
  return commitment != NULL ? rapport_commitment_get_client_id (commitment) : 0;
}

/* In discreet mode, what was promised to, heard from or learnt about a
 * confidential client stays off the screen as its name does: the record
 * shows its kind and number instead. NULL when it may show its own. */
static char *
dup_discreet_title (RapportStore  *store,
                    RapportRecord *record)
{
  g_autoptr(RapportClient) client = NULL;
  gint64 client_id;
  gint64 id = rapport_record_get_id (record);

  if (RAPPORT_IS_CLIENT (record) || store == NULL || !_rapport_discreet_mode ())
    return NULL;

  client_id = record_client_id (store, record);
  if (client_id > 0)
    client = rapport_store_load (store, RAPPORT_TYPE_CLIENT, client_id, NULL);
  if (client == NULL || !rapport_client_get_confidential (client))
    return NULL;

  if (RAPPORT_IS_COMMITMENT (record))
    /* Translators: shown in discreet mode instead of the title of a
     * confidential client's commitment */
    return g_strdup_printf (_("Commitment %" PRId64), id);
  if (RAPPORT_IS_FEEDBACK (record))
    /* Translators: shown in discreet mode instead of a confidential
     * client's feedback */
    return g_strdup_printf (_("Feedback %" PRId64), id);
  if (RAPPORT_IS_LESSON (record))
    /* Translators: shown in discreet mode instead of what went wrong with
     * a confidential client */
    return g_strdup_printf (_("Lesson %" PRId64), id);
  if (RAPPORT_IS_INTERACTION (record))
    /* Translators: shown in discreet mode instead of the summary of a
     * contact with a confidential client */
    return g_strdup_printf (_("Contact %" PRId64), id);
  if (RAPPORT_IS_DELIVERABLE (record))
    /* Translators: shown in discreet mode instead of the title of a
     * partial delivery to a confidential client */
    return g_strdup_printf (_("Partial delivery %" PRId64), id);
  /* Translators: shown in discreet mode instead of the reason a due date
   * for a confidential client moved */
  return g_strdup_printf (_("Due date change %" PRId64), id);
}

char *
_rapport_record_dup_title (RapportStore  *store,
                           RapportRecord *record)
{
  char *discreet = dup_discreet_title (store, record);

  if (discreet != NULL)
    return discreet;
  if (RAPPORT_IS_CLIENT (record))
    return _rapport_client_dup_display_name (RAPPORT_CLIENT (record));
  if (RAPPORT_IS_COMMITMENT (record))
    return g_strdup (rapport_commitment_get_title (RAPPORT_COMMITMENT (record)));
  if (RAPPORT_IS_DELIVERABLE (record))
    return g_strdup (rapport_deliverable_get_title (RAPPORT_DELIVERABLE (record)));
  if (RAPPORT_IS_RENEGOTIATION (record))
    return first_line (rapport_renegotiation_get_reason (RAPPORT_RENEGOTIATION (record)));
  if (RAPPORT_IS_FEEDBACK (record))
    return first_line (rapport_feedback_get_content (RAPPORT_FEEDBACK (record)));
  if (RAPPORT_IS_LESSON (record))
    return first_line (rapport_lesson_get_what_happened (RAPPORT_LESSON (record)));
  if (RAPPORT_IS_INTERACTION (record))
    {
      RapportInteraction *interaction = RAPPORT_INTERACTION (record);
      const char *summary = rapport_interaction_get_summary (interaction);

      if (summary != NULL && summary[0] != '\0')
        return first_line (summary);
      return g_strdup (enum_label (RAPPORT_TYPE_CHANNEL,
                                   rapport_interaction_get_channel (interaction)));
    }

  g_return_val_if_reached (g_strdup (""));
}

static void
add_part (GPtrArray  *parts,
          char       *part)
{
  if (part != NULL && part[0] != '\0')
    g_ptr_array_add (parts, part);
  else
    g_free (part);
}

char *
_rapport_record_dup_subtitle (RapportStore  *store,
                              RapportRecord *record)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDate) today = rapport_date_new_today ();

  if (RAPPORT_IS_CLIENT (record))
    {
      RapportClient *client = RAPPORT_CLIENT (record);
      GDateTime *last = rapport_client_get_last_contact (client);

      /* What summaries leave out says so; in discreet mode, its name does.
       * The company names the client as much as its name. */
      if (!_rapport_discreet_mode ())
        {
          if (rapport_client_get_confidential (client))
            add_part (parts, g_strdup (_("Confidential")));
          add_part (parts, g_strdup (rapport_client_get_company (client)));
        }
      if (rapport_client_get_status (client) != RAPPORT_CLIENT_STATUS_ACTIVE)
        add_part (parts, g_strdup (enum_label (RAPPORT_TYPE_CLIENT_STATUS,
                                               rapport_client_get_status (client))));
      if (last != NULL)
        {
          g_autofree char *when = _rapport_format_moment (last, today);

          /* Translators: %s is "today", "3 days ago" or a date */
          add_part (parts, g_strdup_printf (_("last contact %s"), when));
        }
      else
        add_part (parts, g_strdup (_("no contact yet")));
    }
  else if (RAPPORT_IS_COMMITMENT (record))
    {
      RapportCommitment *commitment = RAPPORT_COMMITMENT (record);
      RapportCommitmentStatus status = rapport_commitment_get_status (commitment);

      add_part (parts, client_name (store, rapport_commitment_get_client_id (commitment)));
      if (status == RAPPORT_COMMITMENT_STATUS_OPEN)
        {
          add_part (parts, _rapport_format_due (rapport_commitment_get_due (commitment), today));
          add_part (parts, agreed_wording (store, commitment));
        }
      else if (status == RAPPORT_COMMITMENT_STATUS_DELIVERED)
        {
          add_part (parts, delivered_wording (store, commitment));
          add_part (parts, _rapport_format_moment (rapport_commitment_get_delivered_at (commitment),
                                                   today));
        }
      else
        add_part (parts, g_strdup (enum_label (RAPPORT_TYPE_COMMITMENT_STATUS, status)));
    }
  else if (RAPPORT_IS_DELIVERABLE (record))
    add_part (parts, g_strdup (_("Partial delivery")));
  else if (RAPPORT_IS_RENEGOTIATION (record))
    add_part (parts, g_strdup (_("Due date change")));
  else if (RAPPORT_IS_FEEDBACK (record))
    {
      RapportFeedback *feedback = RAPPORT_FEEDBACK (record);

      GDateTime *received = rapport_feedback_get_received_at (feedback);
      int waiting = 0;

      if (received != NULL)
        {
          g_autoptr(GDate) day = rapport_date_new_local (received);

          waiting = rapport_date_days_between (day, today);
        }

      add_part (parts, client_name (store, rapport_feedback_get_client_id (feedback)));
      add_part (parts, g_strdup (enum_label (RAPPORT_TYPE_FEEDBACK_KIND,
                                             rapport_feedback_get_kind (feedback))));
      /* Past the days the user gives themselves to answer, say so */
      if (rapport_feedback_get_status (feedback) == RAPPORT_FEEDBACK_STATUS_OPEN &&
          waiting > 0 && (guint) waiting >= feedback_threshold_days ())
        add_part (parts, g_strdup_printf (ngettext ("no answer for %d day",
                                                    "no answer for %d days", waiting),
                                          waiting));
      else
        {
          add_part (parts, g_strdup (enum_label (RAPPORT_TYPE_FEEDBACK_STATUS,
                                                 rapport_feedback_get_status (feedback))));
          add_part (parts, _rapport_format_moment (received, today));
        }
    }
  else if (RAPPORT_IS_LESSON (record))
    {
      RapportLesson *lesson = RAPPORT_LESSON (record);

      add_part (parts, client_name (store, rapport_lesson_get_client_id (lesson)));
      add_part (parts, _rapport_format_date (rapport_lesson_get_occurred_on (lesson)));
      if (rapport_lesson_get_apology (lesson) == RAPPORT_APOLOGY_OWED)
        add_part (parts, g_strdup (_("apology owed")));
      if (rapport_lesson_get_reviewed_at (lesson) == NULL)
        add_part (parts, g_strdup (_("not reviewed")));
    }
  else if (RAPPORT_IS_INTERACTION (record))
    {
      RapportInteraction *interaction = RAPPORT_INTERACTION (record);

      add_part (parts, client_name (store, rapport_interaction_get_client_id (interaction)));
      add_part (parts, g_strdup (enum_label (RAPPORT_TYPE_CHANNEL,
                                             rapport_interaction_get_channel (interaction))));
      add_part (parts, _rapport_format_moment (rapport_interaction_get_occurred_at (interaction),
                                               today));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Boxed-list rows */

/* A small coloured word at the end of a row: "At risk", "Overdue" */
static GtkWidget *
flag_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "record-flag");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (label, FALSE);

  return label;
}

static void
flag_label_update (GtkWidget     *label,
                   RapportRecord *record)
{
  g_autoptr(GDate) today = rapport_date_new_today ();
  const char *style = NULL;
  const char *flag = record_flag (record, today, &style);

  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  if (flag != NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), flag);
      gtk_widget_add_css_class (label, style);
    }
  gtk_widget_set_visible (label, flag != NULL);
}

/* Shows @record's title, subtitle and flag in the row's labels, and
 * returns the title */
static char *
labels_update (RapportStore  *store,
               RapportRecord *record,
               GtkWidget     *title_label,
               GtkWidget     *subtitle_label,
               GtkWidget     *flag_label)
{
  char *title = _rapport_record_dup_title (store, record);
  g_autofree char *subtitle = _rapport_record_dup_subtitle (store, record);

  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle);
  gtk_widget_set_visible (subtitle_label, subtitle[0] != '\0');
  flag_label_update (flag_label, record);
  return title;
}

static void
boxed_row_update (GtkWidget *row)
{
  RapportRecord *record = g_object_get_data (G_OBJECT (row), "rapport-record");
  RapportStore *store = g_object_get_data (G_OBJECT (row), "rapport-store");
  g_autofree char *title = labels_update (store, record,
                                          g_object_get_data (G_OBJECT (row), "rapport-title"),
                                          g_object_get_data (G_OBJECT (row), "rapport-subtitle"),
                                          g_object_get_data (G_OBJECT (row), "rapport-flag"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

/* A commitment's row says what its changes of date make of it: whether
 * it was delivered late, the date the client agreed to */
static void
boxed_row_store_changed_cb (GtkWidget *row,
                            GType      type)
{
  if (type == RAPPORT_TYPE_RENEGOTIATION)
    boxed_row_update (row);
}

static GtkWidget *
row_label_new (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, style);

  return label;
}

/* A record's row in a boxed list: the parts and style classes of an
 * AdwActionRow (a header box, the title over the subtitle, then the flag
 * and an arrow), made in code. AdwActionRow makes its parts from a
 * template with bindings, and its labels wrap: 25 of its rows took
 * 3.9 ms to make, 4.1 ms to measure and 1.6 ms to destroy (with their
 * labels set not to wrap), 25 of these 1.1, 3.2 and 0.8 ms. */
GtkWidget *
_rapport_record_row_new (RapportStore  *store,
                         RapportRecord *record)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = row_label_new ("title");
  GtkWidget *subtitle = row_label_new ("subtitle");
  GtkWidget *flag = flag_label_new ();

  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (titles, "title");
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), flag);
  gtk_box_append (GTK_BOX (header), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle, NULL,
                                  -1);

  g_object_set_data (G_OBJECT (row), "rapport-title", title);
  g_object_set_data (G_OBJECT (row), "rapport-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "rapport-flag", flag);
  g_object_set_data_full (G_OBJECT (row), "rapport-record", g_object_ref (record), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "rapport-store", g_object_ref (store), g_object_unref);
  g_signal_connect_object (record, "notify", G_CALLBACK (boxed_row_update), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (_rapport_day_clock_get_default (), "day-changed",
                           G_CALLBACK (boxed_row_update), row, G_CONNECT_SWAPPED);
  if (RAPPORT_IS_COMMITMENT (record))
    g_signal_connect_object (store, "changed", G_CALLBACK (boxed_row_store_changed_cb), row,
                             G_CONNECT_SWAPPED);
  boxed_row_update (row);

  return row;
}

RapportRecord *
_rapport_record_row_get_record (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "rapport-record");
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return _rapport_record_row_new (user_data, item);
}

/* Shows the first @max_rows records of the live list @records in @box, on
 * @page: @at_once at once, the others made a few at a time between frames
 * while @page is shown (@box itself may be hidden until it has rows).
 * Returns: (transfer none): the records @box has rows for, owned by @box */
GListModel *
_rapport_list_box_bind_records (GtkListBox   *box,
                                GtkWidget    *page,
                                RapportStore *store,
                                GListModel   *records,
                                guint         at_once,
                                guint         max_rows)
{
  g_autoptr(GListModel) paced = _rapport_paced_model_new (records, at_once, max_rows, max_rows);

  _rapport_paced_model_set_view (paced, page);
  gtk_list_box_bind_model (box, paced, create_row_cb, g_object_ref (store), g_object_unref);
  return paced;
}

/* A label under a boxed list that says how many rows it does not show */
GtkWidget *
_rapport_more_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_visible (label, FALSE);

  return label;
}

void
_rapport_more_label_update (GtkWidget *label,
                            guint      n_items,
                            guint      max_rows)
{
  if (n_items > max_rows)
    {
      guint more = n_items - max_rows;
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("%u more is not shown here: search for it to find it.",
                                        "%u more are not shown here: search for them to find "
                                        "them.", more), more);
      gtk_label_set_text (GTK_LABEL (label), text);
    }
  gtk_widget_set_visible (label, n_items > max_rows);
}

/* List items */

static void
item_update (GtkListItem *item)
{
  RapportStore *store = g_object_get_data (G_OBJECT (item), "rapport-store");
  RapportRecord *record = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_widget_get_first_child (row);
  GtkWidget *flag = gtk_widget_get_last_child (row);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  if (record != NULL)
    g_free (labels_update (store, record, title, subtitle, flag));
}

/* As boxed_row_store_changed_cb() */
static void
item_store_changed_cb (GtkListItem *item,
                       GType        type)
{
  if (type == RAPPORT_TYPE_RENEGOTIATION && RAPPORT_IS_COMMITMENT (gtk_list_item_get_item (item)))
    item_update (item);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RapportStore             *store)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "record-row");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), flag_label_new ());
  gtk_list_item_set_child (item, row);

  /* The item's row follows the day, and its commitment's changes of date,
   * whatever record it shows */
  g_object_set_data (G_OBJECT (item), "rapport-store", store);
  g_signal_connect_object (_rapport_day_clock_get_default (), "day-changed",
                           G_CALLBACK (item_update), item, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (item_store_changed_cb), item,
                           G_CONNECT_SWAPPED);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RapportRecord *record = gtk_list_item_get_item (item);
  gulong handler;

  handler = g_signal_connect_object (record, "notify", G_CALLBACK (item_update), item,
                                     G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (item), "rapport-notify", GSIZE_TO_POINTER (handler));
  item_update (item);
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  RapportRecord *record = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "rapport-notify"));

  if (record != NULL && handler != 0)
    g_signal_handler_disconnect (record, handler);
  g_object_set_data (G_OBJECT (item), "rapport-notify", NULL);
}

GtkListItemFactory *
_rapport_record_factory_new (RapportStore *store)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_data (factory, "setup", G_CALLBACK (item_setup_cb), g_object_ref (store),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind_cb), NULL);

  return factory;
}

/* Shows @model in @view, a one-column GtkGridView whose model is
 * @selection: call it again for each new model */
void
_rapport_records_view_set_model (GtkGridView        *view,
                              GtkSingleSelection *selection,
                              GListModel         *model)
{
  GListModel *paced = g_object_get_data (G_OBJECT (view), "rapport-paced-model");

  if (paced != NULL)
    {
      _rapport_paced_model_set_model (paced, model);
      return;
    }

  paced = _rapport_paced_model_new (model, RAPPORT_ITEMS_AT_ONCE, RAPPORT_GRID_VIEW_ROWS,
                                    G_MAXUINT);
  _rapport_paced_model_set_view (paced, GTK_WIDGET (view));
  g_object_set_data_full (G_OBJECT (view), "rapport-paced-model", paced, g_object_unref);
  gtk_single_selection_set_model (selection, paced);
  gtk_grid_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

/* Records in actions: "(sx)", the type name and the id */

GVariant *
_rapport_record_to_variant (RapportRecord *record)
{
  return g_variant_new ("(sx)", G_OBJECT_TYPE_NAME (record), rapport_record_get_id (record));
}

RapportRecord *
_rapport_record_from_variant (RapportStore  *store,
                              GVariant      *variant,
                              GError       **error)
{
  const char *type_name;
  gint64 id;
  GType type;

  g_variant_get (variant, "(&sx)", &type_name, &id);
  type = g_type_from_name (type_name);
  if (type == G_TYPE_INVALID || !g_type_is_a (type, RAPPORT_TYPE_RECORD))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Rapport does not know records of the kind “%s”."), type_name);
      return NULL;
    }

  return rapport_store_load (store, type, id, error);
}

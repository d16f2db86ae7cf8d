/* rapport-feedback-editor.c: edit feedback from a client and the answer to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-feedback-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-enums.h"
#include "rapport-feedback-editor.h"
#include "rapport-learning.h"
#include "rapport-lesson-editor.h"
#include "rapport-lesson.h"
#include "rapport-tone-view.h"

struct _RapportFeedbackEditor
{
  RapportEditor    parent_instance;

  /* Template widgets */
  GtkWidget       *page;
  AdwComboRow     *client_row;
  AdwComboRow     *commitment_row;
  RapportDateRow  *received_at_row;
  AdwComboRow     *kind_row;
  GtkTextView     *content_view;
  GtkTextView     *response_view;
  AdwComboRow     *status_row;
  RapportDateRow  *acknowledged_at_row;
  RapportDateRow  *resolved_at_row;
  AdwEntryRow     *decline_reason_row;
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *lesson_group;
  AdwActionRow    *lesson_row;

  guint            sync_status_id;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (RapportFeedbackEditor, rapport_feedback_editor, RAPPORT_TYPE_EDITOR)

static const RapportEditorChoice kind_choices[] = {
  { RAPPORT_FEEDBACK_KIND_PRAISE, N_("Praise") },
  { RAPPORT_FEEDBACK_KIND_ADJUSTMENT, N_("Adjustment") },
  { RAPPORT_FEEDBACK_KIND_CRITICISM, N_("Criticism") },
  { RAPPORT_FEEDBACK_KIND_COMPLAINT, N_("Complaint") },
};

static const RapportEditorChoice status_choices[] = {
  { RAPPORT_FEEDBACK_STATUS_OPEN, N_("Awaiting an answer") },
  { RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED, N_("Acknowledged") },
  { RAPPORT_FEEDBACK_STATUS_ADDRESSED, N_("Addressed") },
  { RAPPORT_FEEDBACK_STATUS_DECLINED, N_("Declined") },
};

static RapportFeedback *
get_feedback (RapportFeedbackEditor *self)
{
  return RAPPORT_FEEDBACK (rapport_editor_get_record (RAPPORT_EDITOR (self)));
}

/* How long the answer took, in words */

static char *
format_acknowledged (const RapportDuration *duration)
{
  guint n = duration->amount;

  switch (duration->unit)
    {
    case RAPPORT_DURATION_MINUTES:
      return g_strdup_printf (ngettext ("Acknowledged after %u minute.",
                                        "Acknowledged after %u minutes.", n), n);
    case RAPPORT_DURATION_HOURS:
      return g_strdup_printf (ngettext ("Acknowledged after %u hour.",
                                        "Acknowledged after %u hours.", n), n);
    case RAPPORT_DURATION_DAYS:
    default:
      return g_strdup_printf (ngettext ("Acknowledged after %u day.",
                                        "Acknowledged after %u days.", n), n);
    }
}

static char *
format_addressed (const RapportDuration *duration)
{
  guint n = duration->amount;

  switch (duration->unit)
    {
    case RAPPORT_DURATION_MINUTES:
      return g_strdup_printf (ngettext ("Addressed %u minute after it arrived.",
                                        "Addressed %u minutes after it arrived.", n), n);
    case RAPPORT_DURATION_HOURS:
      return g_strdup_printf (ngettext ("Addressed %u hour after it arrived.",
                                        "Addressed %u hours after it arrived.", n), n);
    case RAPPORT_DURATION_DAYS:
    default:
      return g_strdup_printf (ngettext ("Addressed %u day after it arrived.",
                                        "Addressed %u days after it arrived.", n), n);
    }
}

static char *
format_declined (const RapportDuration *duration)
{
  guint n = duration->amount;

  switch (duration->unit)
    {
    case RAPPORT_DURATION_MINUTES:
      return g_strdup_printf (ngettext ("Declined %u minute after it arrived.",
                                        "Declined %u minutes after it arrived.", n), n);
    case RAPPORT_DURATION_HOURS:
      return g_strdup_printf (ngettext ("Declined %u hour after it arrived.",
                                        "Declined %u hours after it arrived.", n), n);
    case RAPPORT_DURATION_DAYS:
    default:
      return g_strdup_printf (ngettext ("Declined %u day after it arrived.",
                                        "Declined %u days after it arrived.", n), n);
    }
}

static char *
format_waiting (const RapportDuration *duration)
{
  guint n = duration->amount;

  switch (duration->unit)
    {
    case RAPPORT_DURATION_MINUTES:
      return g_strdup_printf (ngettext ("Waiting for an answer for %u minute.",
                                        "Waiting for an answer for %u minutes.", n), n);
    case RAPPORT_DURATION_HOURS:
      return g_strdup_printf (ngettext ("Waiting for an answer for %u hour.",
                                        "Waiting for an answer for %u hours.", n), n);
    case RAPPORT_DURATION_DAYS:
    default:
      return g_strdup_printf (ngettext ("Waiting for an answer for %u day.",
                                        "Waiting for an answer for %u days.", n), n);
    }
}

/* Under the Status title: how long acknowledging and answering took */
static void
update_times (RapportFeedbackEditor *self)
{
  RapportFeedback *feedback = get_feedback (self);
  g_autoptr(GString) text = g_string_new (NULL);
  RapportDuration duration;

  if (!rapport_editor_is_saved (RAPPORT_EDITOR (self)))
    {
      adw_preferences_group_set_description (self->status_group, NULL);
      return;
    }

  if (rapport_feedback_get_status (feedback) == RAPPORT_FEEDBACK_STATUS_OPEN)
    {
      g_autoptr(GDateTime) now = rapport_editor_now ();

      if (rapport_learning_time_waiting (feedback, now, &duration))
        {
          g_autofree char *waiting = format_waiting (&duration);

          g_string_append (text, waiting);
        }
    }
  else if (rapport_learning_time_to_acknowledge (feedback, &duration))
    {
      g_autofree char *acknowledged = format_acknowledged (&duration);

      g_string_append (text, acknowledged);
    }

  if (rapport_learning_time_to_resolve (feedback, &duration))
    {
      g_autofree char *resolved = NULL;

      if (rapport_feedback_get_status (feedback) == RAPPORT_FEEDBACK_STATUS_DECLINED)
        resolved = format_declined (&duration);
      else
        resolved = format_addressed (&duration);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, resolved);
    }

  adw_preferences_group_set_description (self->status_group, text->len > 0 ? text->str : NULL);
}

/* Offers only the statuses the current one may move to, and shows the
 * moments that belong to it */
static void
sync_status (RapportFeedbackEditor *self)
{
  RapportFeedback *feedback = get_feedback (self);
  RapportFeedbackStatus status = rapport_feedback_get_status (feedback);
  RapportEditorChoice allowed[G_N_ELEMENTS (status_choices)];
  /* A copy: setting the row's text writes the record's, freeing the old */
  g_autofree char *reason = g_strdup (rapport_feedback_get_decline_reason (feedback));
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (status_choices); i++)
    if (rapport_feedback_status_transition_allowed (status, status_choices[i].value))
      allowed[n++] = status_choices[i];

  self->syncing = TRUE;
  rapport_editor_set_choices (self->status_row, allowed, n, status);
  rapport_date_row_set_moment (self->acknowledged_at_row,
                               rapport_feedback_get_acknowledged_at (feedback));
  rapport_date_row_set_moment (self->resolved_at_row, rapport_feedback_get_resolved_at (feedback));
  gtk_editable_set_text (GTK_EDITABLE (self->decline_reason_row), reason != NULL ? reason : "");
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->acknowledged_at_row),
                          rapport_feedback_get_acknowledged_at (feedback) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->resolved_at_row),
                          status == RAPPORT_FEEDBACK_STATUS_ADDRESSED ||
                          status == RAPPORT_FEEDBACK_STATUS_DECLINED);
  gtk_widget_set_visible (GTK_WIDGET (self->decline_reason_row),
                          status == RAPPORT_FEEDBACK_STATUS_DECLINED);
  update_times (self);
}

static gboolean
sync_status_idle_cb (gpointer data)
{
  RapportFeedbackEditor *self = data;

  self->sync_status_id = 0;
  sync_status (self);

  return G_SOURCE_REMOVE;
}

static void
decline_reason_cb (RapportEditor *editor,
                   const char    *reason,
                   gpointer       user_data)
{
  RapportFeedbackEditor *self = RAPPORT_FEEDBACK_EDITOR (editor);
  RapportFeedback *feedback = get_feedback (self);
  g_autoptr(GDateTime) now = rapport_editor_now ();
  GDateTime *acknowledged_at = rapport_feedback_get_acknowledged_at (feedback);

  (void) user_data;

  if (reason != NULL)
    rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                          "status", RAPPORT_FEEDBACK_STATUS_DECLINED,
                          "decline-reason", reason,
                          "acknowledged-at", acknowledged_at != NULL ? acknowledged_at : now,
                          "resolved-at", now,
                          NULL);
  sync_status (self);
}

static void
status_selected_cb (RapportFeedbackEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportFeedback *feedback = get_feedback (self);
  int status = rapport_editor_get_choice (self->status_row);
  g_autoptr(GDateTime) now = NULL;
  GDateTime *acknowledged_at;

  if (self->syncing || status < 0 || status == (int) rapport_feedback_get_status (feedback))
    return;

  now = rapport_editor_now ();
  acknowledged_at = rapport_feedback_get_acknowledged_at (feedback);
  if (acknowledged_at == NULL)
    acknowledged_at = now;

  switch (status)
    {
    case RAPPORT_FEEDBACK_STATUS_OPEN:
      rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                            "status", RAPPORT_FEEDBACK_STATUS_OPEN,
                            "acknowledged-at", NULL,
                            NULL);
      break;

    case RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED:
      /* Also how addressed or declined feedback is reopened */
      rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                            "status", RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED,
                            "acknowledged-at", acknowledged_at,
                            "resolved-at", NULL,
                            "decline-reason", NULL,
                            NULL);
      break;

    case RAPPORT_FEEDBACK_STATUS_ADDRESSED:
      rapport_editor_apply (editor, GTK_WIDGET (self->status_row),
                            "status", RAPPORT_FEEDBACK_STATUS_ADDRESSED,
                            "acknowledged-at", acknowledged_at,
                            "resolved-at", now,
                            NULL);
      break;

    case RAPPORT_FEEDBACK_STATUS_DECLINED:
      rapport_editor_ask_reason (editor,
                                 _("Decline This Feedback?"),
                                 _("Say why you will not act on it, as you would to the client."),
                                 _("_Decline"),
                                 decline_reason_cb, NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  /* The row's model is replaced, which cannot happen while it notifies */
  if (self->sync_status_id == 0)
    self->sync_status_id = g_idle_add (sync_status_idle_cb, self);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Runs after the text was set on the record. Writing a response is
 * answering: feedback awaiting an answer is acknowledged from then on,
 * without the user having to say so again in the Status row. */
static void
response_changed_cb (RapportFeedbackEditor *self)
{
  RapportFeedback *feedback = get_feedback (self);
  g_autoptr(GDateTime) now = NULL;

  if (rapport_feedback_get_status (feedback) != RAPPORT_FEEDBACK_STATUS_OPEN ||
      is_blank (rapport_feedback_get_response (feedback)))
    return;

  now = rapport_editor_now ();
  rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->status_row),
                        "status", RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED,
                        "acknowledged-at", now,
                        NULL);

  if (self->sync_status_id == 0)
    self->sync_status_id = g_idle_add (sync_status_idle_cb, self);
}

/* Runs after the client row saved its choice: the commitment offered are
 * the new client's, and a link to another client's commitment goes. */
static void
client_changed_cb (RapportFeedbackEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportFeedback *feedback = get_feedback (self);
  gint64 client_id = rapport_feedback_get_client_id (feedback);
  gint64 commitment_id = rapport_feedback_get_commitment_id (feedback);

  if (commitment_id != 0)
    {
      g_autoptr(RapportCommitment) commitment =
        rapport_store_load (rapport_editor_get_store (editor), RAPPORT_TYPE_COMMITMENT,
                            commitment_id, NULL);

      if (commitment == NULL || rapport_commitment_get_client_id (commitment) != client_id)
        rapport_editor_apply (editor, GTK_WIDGET (self->commitment_row),
                              "commitment-id", (gint64) 0, NULL);
    }

  rapport_editor_reload_link (editor, self->commitment_row, client_id);
}

/* Turning feedback into a lesson */

static RapportLesson *
dup_lesson (RapportFeedbackEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  g_autoptr(GListModel) lessons = NULL;
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (get_feedback (self)));

  if (!rapport_editor_is_saved (editor))
    return NULL;

  lessons = rapport_store_list_children (rapport_editor_get_store (editor), RAPPORT_TYPE_LESSON,
                                         "feedback-id", id);
  if (g_list_model_get_n_items (lessons) == 0)
    return NULL;

  return g_list_model_get_item (lessons, 0);
}

/* Once there is a lesson, the row opens it instead of making another */
static void
sync_lesson_row (RapportFeedbackEditor *self)
{
  g_autoptr(RapportLesson) lesson = dup_lesson (self);

  gtk_widget_set_visible (GTK_WIDGET (self->lesson_group),
                          rapport_editor_is_saved (RAPPORT_EDITOR (self)));

  if (lesson != NULL)
    {
      g_autofree char *summary =
        rapport_learning_dup_summary (rapport_lesson_get_what_happened (lesson), 60);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lesson_row), _("Open Lesson"));
      adw_action_row_set_subtitle (self->lesson_row, summary);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lesson_row),
                                     _("Turn into Lesson"));
      adw_action_row_set_subtitle (self->lesson_row,
                                   _("Write down what to do differently next time"));
    }
}

static void
store_changed_cb (RapportFeedbackEditor *self,
                  GType                  type)
{
  if (type == RAPPORT_TYPE_LESSON)
    sync_lesson_row (self);
}

static void
lesson_activated_cb (RapportFeedbackEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportStore *store = rapport_editor_get_store (editor);
  g_autoptr(RapportLesson) lesson = dup_lesson (self);
  GtkWindow *lesson_editor;

  if (!rapport_editor_is_saved (editor))
    return;

  if (lesson == NULL)
    {
      g_autoptr(GError) error = NULL;

      lesson = rapport_learning_lesson_from_feedback (get_feedback (self));
      if (!rapport_store_save (store, RAPPORT_RECORD (lesson), &error))
        {
          rapport_editor_show_toast (editor, error->message);
          return;
        }
    }

  lesson_editor = rapport_lesson_editor_new (GTK_WINDOW (self), store, lesson, 0);
  rapport_editor_present_editor (editor, lesson_editor);
}

static void
update_title (RapportFeedbackEditor *self)
{
  if (rapport_editor_is_saved (RAPPORT_EDITOR (self)))
    gtk_window_set_title (GTK_WINDOW (self), _("Feedback"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Feedback"));
}

static void
rapport_feedback_editor_saved (RapportEditor *editor)
{
  RapportFeedbackEditor *self = RAPPORT_FEEDBACK_EDITOR (editor);

  update_title (self);
  update_times (self);
  sync_lesson_row (self);
}

static void
rapport_feedback_editor_constructed (GObject *object)
{
  RapportFeedbackEditor *self = RAPPORT_FEEDBACK_EDITOR (object);
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportFeedback *feedback;

  G_OBJECT_CLASS (rapport_feedback_editor_parent_class)->constructed (object);

  feedback = get_feedback (self);

  rapport_editor_bind_link (editor, self->client_row, "client-id", RAPPORT_TYPE_CLIENT,
                            _("Choose a Client…"), NULL, 0);
  rapport_editor_bind_link (editor, self->commitment_row, "commitment-id",
                            RAPPORT_TYPE_COMMITMENT, _("None"), "client-id",
                            rapport_feedback_get_client_id (feedback));
  rapport_editor_bind_date (editor, self->received_at_row, "received-at");
  rapport_editor_bind_choice (editor, self->kind_row, "kind",
                              kind_choices, G_N_ELEMENTS (kind_choices));
  rapport_editor_bind_text (editor, self->content_view, "content");
  rapport_editor_bind_text (editor, self->response_view, "response");
  rapport_editor_bind_date (editor, self->acknowledged_at_row, "acknowledged-at");
  rapport_editor_bind_date (editor, self->resolved_at_row, "resolved-at");
  rapport_editor_bind_entry (editor, self->decline_reason_row, "decline-reason");

  sync_status (self);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "notify::selected", G_CALLBACK (client_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (gtk_text_view_get_buffer (self->response_view), "changed",
                           G_CALLBACK (response_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect_object (rapport_editor_get_store (editor), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  update_title (self);
  sync_lesson_row (self);

  if (rapport_feedback_get_client_id (feedback) == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->content_view));
}

static void
rapport_feedback_editor_dispose (GObject *object)
{
  RapportFeedbackEditor *self = (RapportFeedbackEditor *)object;

  g_clear_handle_id (&self->sync_status_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_FEEDBACK_EDITOR);

  G_OBJECT_CLASS (rapport_feedback_editor_parent_class)->dispose (object);
}

static void
rapport_feedback_editor_class_init (RapportFeedbackEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorClass *editor_class = RAPPORT_EDITOR_CLASS (klass);

  object_class->constructed = rapport_feedback_editor_constructed;
  object_class->dispose = rapport_feedback_editor_dispose;
  editor_class->saved = rapport_feedback_editor_saved;

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  g_type_ensure (RAPPORT_TYPE_TONE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-feedback-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, commitment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, received_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, content_view);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, response_view);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, acknowledged_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, resolved_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, decline_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, status_group);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, lesson_group);
  gtk_widget_class_bind_template_child (widget_class, RapportFeedbackEditor, lesson_row);
  gtk_widget_class_bind_template_callback (widget_class, lesson_activated_cb);
}

static void
rapport_feedback_editor_init (RapportFeedbackEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_set_page (RAPPORT_EDITOR (self), self->page);
}

GtkWindow *
rapport_feedback_editor_new (GtkWindow       *parent,
                             RapportStore    *store,
                             RapportFeedback *feedback,
                             gint64           client_id)
{
  g_autoptr(RapportFeedback) record = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (feedback == NULL || RAPPORT_IS_FEEDBACK (feedback), NULL);

  if (feedback != NULL)
    record = g_object_ref (feedback);
  else
    record = rapport_feedback_new (MAX (client_id, 0), NULL);

  return g_object_new (RAPPORT_TYPE_FEEDBACK_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "record", record,
                       NULL);
}

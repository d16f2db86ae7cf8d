/* rapport-lesson-editor.c: edit a mistake and the lesson drawn from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-lesson-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-enums.h"
#include "rapport-feedback.h"
#include "rapport-lesson-editor.h"
#include "rapport-tone-view.h"

struct _RapportLessonEditor
{
  RapportEditor    parent_instance;

  /* Template widgets */
  GtkWidget       *page;
  RapportDateRow  *occurred_on_row;
  GtkTextView     *what_happened_view;
  GtkTextView     *cause_view;
  GtkTextView     *prevention_view;
  AdwComboRow     *apology_row;
  RapportDateRow  *apologized_at_row;
  AdwComboRow     *client_row;
  AdwComboRow     *commitment_row;
  AdwComboRow     *feedback_row;
  AdwEntryRow     *tags_row;
  AdwActionRow    *reviewed_row;
  GtkSwitch       *reviewed_switch;

  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (RapportLessonEditor, rapport_lesson_editor, RAPPORT_TYPE_EDITOR)

static const RapportEditorChoice apology_choices[] = {
  { RAPPORT_APOLOGY_NOT_NEEDED, N_("Not needed") },
  { RAPPORT_APOLOGY_OWED, N_("Owed") },
  { RAPPORT_APOLOGY_MADE, N_("Made") },
};

static RapportLesson *
get_lesson (RapportLessonEditor *self)
{
  return RAPPORT_LESSON (rapport_editor_get_record (RAPPORT_EDITOR (self)));
}

static void
sync_apology (RapportLessonEditor *self)
{
  RapportLesson *lesson = get_lesson (self);
  RapportApology apology = rapport_lesson_get_apology (lesson);

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (apology_choices); i++)
    if (apology_choices[i].value == (int) apology)
      adw_combo_row_set_selected (self->apology_row, i);
  rapport_date_row_set_moment (self->apologized_at_row, rapport_lesson_get_apologized_at (lesson));
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->apologized_at_row), apology == RAPPORT_APOLOGY_MADE);
}

static void
apology_selected_cb (RapportLessonEditor *self)
{
  RapportLesson *lesson = get_lesson (self);
  int apology = rapport_editor_get_choice (self->apology_row);
  g_autoptr(GDateTime) now = NULL;

  if (self->syncing || apology < 0 || apology == (int) rapport_lesson_get_apology (lesson))
    return;

  if (apology == RAPPORT_APOLOGY_MADE)
    now = rapport_editor_now ();

  rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->apology_row),
                        "apology", apology,
                        "apologized-at", now,
                        NULL);
  sync_apology (self);
}

static void
sync_reviewed (RapportLessonEditor *self)
{
  GDateTime *reviewed_at = rapport_lesson_get_reviewed_at (get_lesson (self));
  g_autofree char *when = NULL;

  self->syncing = TRUE;
  gtk_switch_set_active (self->reviewed_switch, reviewed_at != NULL);
  self->syncing = FALSE;

  if (reviewed_at != NULL)
    {
      g_autofree char *moment = rapport_editor_format_moment (reviewed_at);

      /* TRANSLATORS: %s is a date and time */
      when = g_strdup_printf (_("Reviewed on %s"), moment);
    }

  if (when == NULL)
    when = g_strdup (_("Turn on once you have gone over this lesson again"));
  adw_action_row_set_subtitle (self->reviewed_row, when);
}

static void
reviewed_cb (RapportLessonEditor *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->syncing)
    return;

  if (gtk_switch_get_active (self->reviewed_switch))
    now = rapport_editor_now ();

  rapport_editor_apply (RAPPORT_EDITOR (self), GTK_WIDGET (self->reviewed_row),
                        "reviewed-at", now, NULL);
  sync_reviewed (self);
}

/* Runs after the client row saved its choice: the commitments and feedback
 * offered are the new client's, and links to another client's go. */
static void
client_changed_cb (RapportLessonEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportStore *store = rapport_editor_get_store (editor);
  RapportLesson *lesson = get_lesson (self);
  gint64 client_id = rapport_lesson_get_client_id (lesson);
  gint64 commitment_id = rapport_lesson_get_commitment_id (lesson);
  gint64 feedback_id = rapport_lesson_get_feedback_id (lesson);

  if (commitment_id != 0)
    {
      g_autoptr(RapportCommitment) commitment =
        rapport_store_load (store, RAPPORT_TYPE_COMMITMENT, commitment_id, NULL);

      if (commitment == NULL || rapport_commitment_get_client_id (commitment) != client_id)
        rapport_editor_apply (editor, GTK_WIDGET (self->commitment_row),
                              "commitment-id", (gint64) 0, NULL);
    }

  if (feedback_id != 0)
    {
      g_autoptr(RapportFeedback) feedback =
        rapport_store_load (store, RAPPORT_TYPE_FEEDBACK, feedback_id, NULL);

      if (feedback == NULL || rapport_feedback_get_client_id (feedback) != client_id)
        rapport_editor_apply (editor, GTK_WIDGET (self->feedback_row),
                              "feedback-id", (gint64) 0, NULL);
    }

  rapport_editor_reload_link (editor, self->commitment_row, client_id);
  rapport_editor_reload_link (editor, self->feedback_row, client_id);
}

static void
update_title (RapportLessonEditor *self)
{
  if (rapport_editor_is_saved (RAPPORT_EDITOR (self)))
    gtk_window_set_title (GTK_WINDOW (self), _("Lesson"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Lesson"));
}

static void
rapport_lesson_editor_saved (RapportEditor *editor)
{
  update_title (RAPPORT_LESSON_EDITOR (editor));
}

static void
rapport_lesson_editor_constructed (GObject *object)
{
  RapportLessonEditor *self = RAPPORT_LESSON_EDITOR (object);
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportLesson *lesson;

  G_OBJECT_CLASS (rapport_lesson_editor_parent_class)->constructed (object);

  lesson = get_lesson (self);

  rapport_editor_bind_date (editor, self->occurred_on_row, "occurred-on");
  rapport_editor_bind_text (editor, self->what_happened_view, "what-happened");
  rapport_editor_bind_text (editor, self->cause_view, "cause");
  rapport_editor_bind_text (editor, self->prevention_view, "prevention");
  rapport_editor_bind_date (editor, self->apologized_at_row, "apologized-at");
  rapport_editor_bind_link (editor, self->client_row, "client-id", RAPPORT_TYPE_CLIENT,
                            _("None"), NULL, 0);
  rapport_editor_bind_link (editor, self->commitment_row, "commitment-id",
                            RAPPORT_TYPE_COMMITMENT, _("None"), "client-id",
                            rapport_lesson_get_client_id (lesson));
  rapport_editor_bind_link (editor, self->feedback_row, "feedback-id",
                            RAPPORT_TYPE_FEEDBACK, _("None"), "client-id",
                            rapport_lesson_get_client_id (lesson));
  rapport_editor_bind_entry (editor, self->tags_row, "tags");

  rapport_editor_set_choices (self->apology_row, apology_choices, G_N_ELEMENTS (apology_choices),
                              rapport_lesson_get_apology (lesson));
  sync_apology (self);
  sync_reviewed (self);

  g_signal_connect_object (self->apology_row, "notify::selected",
                           G_CALLBACK (apology_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reviewed_switch, "notify::active", G_CALLBACK (reviewed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "notify::selected", G_CALLBACK (client_changed_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_title (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->what_happened_view));
}

static void
rapport_lesson_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_LESSON_EDITOR);

  G_OBJECT_CLASS (rapport_lesson_editor_parent_class)->dispose (object);
}

static void
rapport_lesson_editor_class_init (RapportLessonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RapportEditorClass *editor_class = RAPPORT_EDITOR_CLASS (klass);

  object_class->constructed = rapport_lesson_editor_constructed;
  object_class->dispose = rapport_lesson_editor_dispose;
  editor_class->saved = rapport_lesson_editor_saved;

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  g_type_ensure (RAPPORT_TYPE_TONE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-lesson-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, occurred_on_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, what_happened_view);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, cause_view);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, prevention_view);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, apology_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, apologized_at_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, commitment_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, feedback_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, reviewed_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, reviewed_switch);
}

static void
rapport_lesson_editor_init (RapportLessonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rapport_editor_set_page (RAPPORT_EDITOR (self), self->page);
}

GtkWindow *
rapport_lesson_editor_new (GtkWindow     *parent,
                           RapportStore  *store,
                           RapportLesson *lesson,
                           gint64         client_id)
{
  g_autoptr(RapportLesson) record = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (lesson == NULL || RAPPORT_IS_LESSON (lesson), NULL);

  if (lesson != NULL)
    {
      record = g_object_ref (lesson);
    }
  else
    {
      record = rapport_lesson_new (NULL);
      rapport_lesson_set_client_id (record, MAX (client_id, 0));
    }

  return g_object_new (RAPPORT_TYPE_LESSON_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "record", record,
                       NULL);
}

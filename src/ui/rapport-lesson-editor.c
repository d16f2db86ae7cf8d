/* rapport-lesson-editor.c: edit a mistake and the lesson drawn from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-lesson-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-enums.h"
#include "rapport-feedback.h"
#include "rapport-learning.h"
#include "rapport-lesson-editor.h"
#include "rapport-store-lessons.h"
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
  AdwPreferencesGroup *tags_group;
  AdwEntryRow     *tags_row;
  AdwActionRow    *reviewed_row;
  GtkSwitch       *reviewed_switch;

  /* Owned references */
  GPtrArray       *recurring_rows;
  char            *recurring_key;

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

/* Recurring causes: other lessons with the same tags */

#define LESSON_KEY "rapport-lesson-editor-lesson"
#define TAG_KEY "rapport-lesson-editor-tag"

static void
other_lesson_activated_cb (AdwActionRow        *row,
                           RapportLessonEditor *self)
{
  RapportLesson *lesson = g_object_get_data (G_OBJECT (row), LESSON_KEY);
  GtkWindow *editor;

  editor = rapport_lesson_editor_new (GTK_WINDOW (self),
                                      rapport_editor_get_store (RAPPORT_EDITOR (self)),
                                      lesson, 0);
  rapport_editor_present_editor (RAPPORT_EDITOR (self), editor);
}

static GtkWidget *
other_lesson_row (RapportLessonEditor *self,
                  RapportLesson       *lesson)
{
  g_autofree char *summary =
    rapport_learning_dup_summary (rapport_lesson_get_what_happened (lesson), 60);
  g_autofree char *day = rapport_date_to_iso (rapport_lesson_get_occurred_on (lesson));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), LESSON_KEY, g_object_ref (lesson), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (other_lesson_activated_cb), self, 0);

  return row;
}

static GtkWidget *
recurring_row (RapportLessonEditor *self,
               const char          *tag,
               GPtrArray           *others,
               gboolean             expanded)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *expander;

  if (others->len == 1)
    title = g_strdup (_("This happened once before"));
  else
    title = g_strdup_printf (ngettext ("This happened %u time before",
                                       "This happened %u times before", others->len),
                             others->len);
  /* Translators: %s is a tag of lessons, such as "late delivery" */
  subtitle = g_strdup_printf (_("Tagged “%s”"), tag);

  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "media-playlist-repeat-symbolic");
  for (guint j = 0; j < others->len; j++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              other_lesson_row (self, g_ptr_array_index (others, j)));

  g_object_set_data_full (G_OBJECT (expander), TAG_KEY, g_strdup (tag), g_free);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);

  return expander;
}

/* What the rows show, to leave them alone when nothing changed */
static void
append_key (GString    *key,
            const char *tag,
            GPtrArray  *others)
{
  g_string_append_printf (key, "%s\x1f", tag);
  for (guint i = 0; i < others->len; i++)
    {
      RapportLesson *lesson = g_ptr_array_index (others, i);
      g_autofree char *day = rapport_date_to_iso (rapport_lesson_get_occurred_on (lesson));

      g_string_append_printf (key, "%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1e",
                              rapport_record_get_id (RAPPORT_RECORD (lesson)), day,
                              rapport_lesson_get_what_happened (lesson));
    }
  g_string_append_c (key, '\x1d');
}

/* For each tag other lessons share: "This happened 3 times before", with
 * those lessons listed to open. The tags are read as typed, before they
 * are saved, so the hint comes while the user writes them. */
static void
sync_recurring (RapportLessonEditor *self)
{
  RapportEditor *editor = RAPPORT_EDITOR (self);
  RapportStore *store = rapport_editor_get_store (editor);
  gint64 id = rapport_record_get_id (RAPPORT_RECORD (get_lesson (self)));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) found_tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) expanded = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;

  if (self->recurring_rows == NULL)
    return;

  tags = rapport_learning_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));

  /* One pass over the tags of all lessons; lessons are loaded only for
   * the tags that recur */
  if (tags[0] != NULL)
    {
      counts = rapport_store_count_lesson_tags (store, id, &error);
      if (counts == NULL)
        {
          rapport_editor_show_toast (editor, error->message);
          return;
        }
    }

  for (guint i = 0; tags[i] != NULL; i++)
    {
      GPtrArray *others;

      if (!g_hash_table_contains (counts, tags[i]))
        continue;

      others = rapport_store_dup_lessons_with_tag (store, tags[i], id, &error);
      if (others == NULL)
        {
          rapport_editor_show_toast (editor, error->message);
          return;
        }
      if (others->len == 0)
        {
          g_ptr_array_unref (others);
          continue;
        }

      g_ptr_array_add (found, others);
      g_ptr_array_add (found_tags, tags[i]);
      append_key (key, tags[i], others);
    }

  /* Saving this lesson, as each key is typed, changes nothing here */
  if (g_strcmp0 (key->str, self->recurring_key) == 0)
    return;
  g_free (self->recurring_key);
  self->recurring_key = g_strdup (key->str);

  /* Rows are made again; the ones the user opened stay open */
  for (guint i = 0; i < self->recurring_rows->len; i++)
    {
      GtkWidget *expander = g_ptr_array_index (self->recurring_rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
        g_ptr_array_add (expanded, g_object_get_data (G_OBJECT (expander), TAG_KEY));
    }

  for (guint i = 0; i < found->len; i++)
    {
      const char *tag = g_ptr_array_index (found_tags, i);
      gboolean open = g_ptr_array_find_with_equal_func (expanded, tag, g_str_equal, NULL);
      GtkWidget *expander = recurring_row (self, tag, g_ptr_array_index (found, i), open);

      adw_preferences_group_add (self->tags_group, expander);
      g_ptr_array_add (self->recurring_rows, expander);
    }

  /* The old rows go last: their tags are compared above */
  for (guint i = self->recurring_rows->len - found->len; i > 0; i--)
    {
      adw_preferences_group_remove (self->tags_group,
                                    g_ptr_array_index (self->recurring_rows, i - 1));
      g_ptr_array_remove_index (self->recurring_rows, i - 1);
    }
}

/* A lesson listed may have gone to the trash, or another got the tag */
static void
store_changed_cb (RapportLessonEditor *self,
                  GType                type)
{
  if (type == RAPPORT_TYPE_LESSON)
    sync_recurring (self);
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
  g_signal_connect_object (self->tags_row, "changed", G_CALLBACK (sync_recurring),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (rapport_editor_get_store (editor), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  sync_recurring (self);

  update_title (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->what_happened_view));
}

static void
rapport_lesson_editor_dispose (GObject *object)
{
  RapportLessonEditor *self = RAPPORT_LESSON_EDITOR (object);

  g_clear_pointer (&self->recurring_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recurring_key, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, tags_group);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, reviewed_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLessonEditor, reviewed_switch);
}

static void
rapport_lesson_editor_init (RapportLessonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recurring_rows = g_ptr_array_new ();
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

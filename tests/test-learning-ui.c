/* test-learning-ui.c: the learning loop in the editors, driven like a user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tone warning under notes, feedback turned into a lesson, how long an
 * answer took, the apology flow, recurring tags, and lessons offered while
 * a new commitment is made. What is asserted is what the editor shows and
 * what a second connection to the database file reads back.
 */
#define G_LOG_DOMAIN "test-learning-ui"

#include "config.h"

#include <adwaita.h>

#include "rapport-client-editor.h"
#include "rapport-commitment-editor.h"
#include "rapport-feedback-editor.h"
#include "rapport-interaction-editor.h"
#include "rapport-lesson-editor.h"
#include "rapport-store-lessons.h"
#include "rapport-test-app.h"
#include "rapport-test-ui.h"
#include "rapport-test-util.h"
#include "rapport-tone-view.h"

typedef struct
{
  char         *dir;
  RapportStore *store;
  GtkWindow    *editor;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  (void) data;

  fixture->dir = rapport_test_make_dir ();
  fixture->store = rapport_test_open_store (fixture->dir);
}

/* Every window the test opened, editors opened by editors included */
static void
destroy_windows (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;

  destroy_windows ();
  fixture->editor = NULL;
  g_clear_object (&fixture->store);
  rapport_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Long enough for the tone check, which waits for a pause in typing */
static void
pause_typing (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (400, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
  iterate ();
}

static RapportStore *
reopen (Fixture *fixture)
{
  return rapport_test_open_store (fixture->dir);
}

static void
show (Fixture   *fixture,
      GtkWindow *editor)
{
  fixture->editor = editor;
  gtk_window_present (editor);
  iterate ();
}

static gboolean
is_group_titled (GtkWidget  *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
is_label_starting (GtkWidget  *widget,
                   gconstpointer  start)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), start);
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
row (GtkWindow  *window,
     const char *title)
{
  GtkWidget *found = find_widget (GTK_WIDGET (window), is_row_titled, title);

  if (found == NULL)
    g_error ("No row titled “%s”", title);
  return found;
}

/* Is it on screen: itself and every parent visible, revealers open? */
static gboolean
shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_visible (w))
        return FALSE;
      if (GTK_IS_REVEALER (w) && !gtk_revealer_get_reveal_child (GTK_REVEALER (w)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_text_view (GtkWidget  *widget,
              gconstpointer  unused)
{
  (void) unused;

  return GTK_IS_TEXT_VIEW (widget);
}

/* The text view under the group titled @title */
static GtkWidget *
text_view_in_group (GtkWindow  *window,
                    const char *title)
{
  GtkWidget *group = find_widget (GTK_WIDGET (window), is_group_titled, title);
  GtkWidget *view;

  if (group == NULL)
    g_error ("No group titled “%s”", title);
  view = find_widget (group, is_text_view, NULL);
  if (view == NULL)
    g_error ("No text view under “%s”", title);
  return view;
}

static void
set_text (GtkWidget  *view,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  pause_typing ();
}

/* The warning line under a text view, shown or not */
static GtkWidget *
warning_of (GtkWidget *view)
{
  GtkWidget *revealer = gtk_widget_get_next_sibling (view);

  if (revealer == NULL || !GTK_IS_REVEALER (revealer))
    return NULL;
  return find_widget (revealer, is_label_starting, "This may sound offensive");
}

static void
select_label (GtkWindow  *window,
              const char *title,
              const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (window, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          iterate ();
          return;
        }
    }

  g_error ("“%s” is not offered by the row “%s”", label, title);
}

/* The editor windows open now, other than @except */
static GPtrArray *
open_editors (GType      type,
              GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && window != except &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (found, window);
    }

  return found;
}

static GDateTime *
moment (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDateTime *parsed = rapport_date_time_parse_iso (iso, &error);

  g_assert_no_error (error);
  return parsed;
}

static gint64
id_of (gpointer record)
{
  return rapport_record_get_id (RAPPORT_RECORD (record));
}

/* Tone check */

static void
test_client_notes_tone (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportClient) stored = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkWidget *view, *warning, *button;
  GtkTextIter iter;

  (void) data;

  show (fixture, rapport_client_editor_new (NULL, fixture->store, client));
  view = text_view_in_group (fixture->editor, "Notes");
  g_assert_true (RAPPORT_IS_TONE_VIEW (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* Nothing to warn about yet */
  pause_typing ();
  warning = find_widget (GTK_WIDGET (fixture->editor), is_label_starting,
                         "This may sound offensive");
  g_assert_true (warning == NULL || !shown (warning));

  gtk_text_buffer_set_text (buffer, "Their designer is an idiot, but pays on time.", -1);
  pause_typing ();

  /* The word is underlined */
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), RAPPORT_TONE_VIEW_TAG);
  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 23);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));

  /* The warning line names the neutral wording... */
  warning = find_widget (GTK_WIDGET (fixture->editor), is_label_starting,
                         "This may sound offensive");
  g_assert_nonnull (warning);
  g_assert_true (shown (warning));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (warning)), ==,
                   "This may sound offensive. You could write "
                   "“I did not have good experiences with them”.");

  /* ...and saving was not blocked: the note is on disk as typed */
  disk = reopen (fixture);
  stored = rapport_store_load (disk, RAPPORT_TYPE_CLIENT, id_of (client), NULL);
  g_assert_cmpstr (rapport_client_get_notes (stored), ==,
                   "Their designer is an idiot, but pays on time.");
  g_clear_object (&stored);
  g_clear_object (&disk);

  button = find_widget (gtk_widget_get_ancestor (warning, GTK_TYPE_REVEALER), is_button_labelled,
                "_Use Suggestion");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  pause_typing ();

  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  }
  g_assert_cmpstr (text, ==, "I did not have good experiences with them, but pays on time.");
  g_assert_cmpuint (rapport_tone_view_get_n_matches (RAPPORT_TONE_VIEW (view)), ==, 0);
  g_assert_false (shown (warning));

  disk = reopen (fixture);
  stored = rapport_store_load (disk, RAPPORT_TYPE_CLIENT, id_of (client), NULL);
  g_assert_cmpstr (rapport_client_get_notes (stored), ==, text);
}

/* What the user writes is checked; the client's own words are quoted as said */
static void
test_feedback_checks_response_only (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportFeedback) feedback = rapport_feedback_new (id_of (client), "Fine work.");
  g_autoptr(GDateTime) received = moment ("2026-03-01T09:00:00Z");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportFeedback) stored = NULL;
  GtkWidget *content, *response, *warning;

  (void) data;

  rapport_feedback_set_received_at (feedback, received);
  rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error);
  g_assert_no_error (error);

  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  content = text_view_in_group (fixture->editor, "What Was Said");
  response = text_view_in_group (fixture->editor, "Response");
  g_assert_false (RAPPORT_IS_TONE_VIEW (content));
  g_assert_true (RAPPORT_IS_TONE_VIEW (response));

  set_text (content, "Your developer is a clown.");
  g_assert_null (warning_of (content));

  set_text (response, "Sorry, our developer is a clown.");
  warning = warning_of (response);
  g_assert_nonnull (warning);
  g_assert_true (shown (warning));

  disk = reopen (fixture);
  stored = rapport_store_load (disk, RAPPORT_TYPE_FEEDBACK, id_of (feedback), NULL);
  g_assert_cmpstr (rapport_feedback_get_response (stored), ==, "Sorry, our developer is a clown.");
}

/* Each notes-like field of the lesson editor is checked */
static void
test_lesson_fields_tone (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *groups[] = { "What Happened", "Why It Happened", "How to Avoid It" };

  (void) data;

  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, NULL, 0));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      GtkWidget *view = text_view_in_group (fixture->editor, groups[i]);

      g_assert_true (RAPPORT_IS_TONE_VIEW (view));
      set_text (view, "The supplier was useless.");
      g_assert_true (shown (warning_of (view)));
    }
}

/* A contact's summary is checked too, and saved as typed */
static void
test_interaction_summary_tone (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(RapportInteraction) stored = NULL;
  GtkWidget *view;

  (void) data;

  show (fixture, rapport_interaction_editor_new (NULL, fixture->store, NULL, id_of (client)));
  view = text_view_in_group (fixture->editor, "Summary");
  g_assert_true (RAPPORT_IS_TONE_VIEW (view));
  set_text (view, "Call about the invoice; their accountant is a moron.");
  g_assert_true (shown (warning_of (view)));

  disk = reopen (fixture);
  contacts = rapport_store_list (disk, RAPPORT_TYPE_INTERACTION);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);
  stored = g_list_model_get_item (contacts, 0);
  g_assert_cmpstr (rapport_interaction_get_summary (stored), ==,
                   "Call about the invoice; their accountant is a moron.");
}

/* Feedback */

static RapportFeedback *
add_feedback (Fixture           *fixture,
              RapportClient     *client,
              RapportCommitment *commitment,
              const char        *content,
              const char        *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = moment (received);
  RapportFeedback *feedback = rapport_feedback_new (id_of (client), content);

  rapport_feedback_set_received_at (feedback, at);
  if (commitment != NULL)
    rapport_feedback_set_commitment_id (feedback, id_of (commitment));
  rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error);
  g_assert_no_error (error);

  return feedback;
}

static void
test_feedback_times_in_words (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportFeedback) feedback = add_feedback (fixture, client, NULL, "Too slow",
                                                      "2026-03-01T09:00:00Z");
  g_autoptr(GDateTime) acknowledged = moment ("2026-03-03T11:30:00+01:00");
  g_autoptr(GDateTime) addressed = moment ("2026-03-01T14:10:00Z");
  g_autoptr(GDateTime) later = moment ("2026-03-06T09:00:00Z");
  AdwPreferencesGroup *status;

  (void) data;

  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
  rapport_feedback_set_acknowledged_at (feedback, acknowledged);
  rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error);
  g_assert_no_error (error);

  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  status = ADW_PREFERENCES_GROUP (find_widget (GTK_WIDGET (fixture->editor), is_group_titled,
                                               "Status"));
  g_assert_cmpstr (adw_preferences_group_get_description (status), ==,
                   "Acknowledged after 2 days.");

  /* Set elsewhere (another window, an import): the editor follows the record */
  gtk_window_destroy (fixture->editor);
  rapport_feedback_set_status (feedback, RAPPORT_FEEDBACK_STATUS_ADDRESSED);
  rapport_feedback_set_resolved_at (feedback, later);
  rapport_store_save (fixture->store, RAPPORT_RECORD (feedback), &error);
  g_assert_no_error (error);
  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  status = ADW_PREFERENCES_GROUP (find_widget (GTK_WIDGET (fixture->editor), is_group_titled,
                                               "Status"));
  g_assert_cmpstr (adw_preferences_group_get_description (status), ==,
                   "Acknowledged after 2 days. Addressed 5 days after it arrived.");
  gtk_window_destroy (fixture->editor);

  /* Declined says so */
  {
    g_autoptr(RapportFeedback) refused = add_feedback (fixture, client, NULL, "Do it for free",
                                                       "2026-03-01T09:00:00Z");
    g_autoptr(GDateTime) soon = moment ("2026-03-01T09:20:00Z");

    rapport_feedback_set_status (refused, RAPPORT_FEEDBACK_STATUS_DECLINED);
    rapport_feedback_set_decline_reason (refused, "Out of the agreed scope");
    rapport_feedback_set_acknowledged_at (refused, soon);
    rapport_feedback_set_resolved_at (refused, soon);
    rapport_store_save (fixture->store, RAPPORT_RECORD (refused), &error);
    g_assert_no_error (error);

    show (fixture, rapport_feedback_editor_new (NULL, fixture->store, refused, 0));
    status = ADW_PREFERENCES_GROUP (find_widget (GTK_WIDGET (fixture->editor), is_group_titled,
                                          "Status"));
    g_assert_cmpstr (adw_preferences_group_get_description (status), ==,
                     "Acknowledged after 20 minutes. Declined 20 minutes after it arrived.");
    gtk_window_destroy (fixture->editor);
  }

  /* Hours, for an answer the same day */
  {
    g_autoptr(RapportFeedback) quick = add_feedback (fixture, client, NULL, "Typo",
                                                     "2026-03-01T09:00:00Z");

    rapport_feedback_set_status (quick, RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED);
    rapport_feedback_set_acknowledged_at (quick, addressed);
    rapport_store_save (fixture->store, RAPPORT_RECORD (quick), &error);
    g_assert_no_error (error);
    rapport_feedback_set_status (quick, RAPPORT_FEEDBACK_STATUS_ADDRESSED);
    rapport_feedback_set_resolved_at (quick, addressed);
    rapport_store_save (fixture->store, RAPPORT_RECORD (quick), &error);
    g_assert_no_error (error);

    show (fixture, rapport_feedback_editor_new (NULL, fixture->store, quick, 0));
    status = ADW_PREFERENCES_GROUP (find_widget (GTK_WIDGET (fixture->editor), is_group_titled,
                                          "Status"));
    g_assert_cmpstr (adw_preferences_group_get_description (status), ==,
                     "Acknowledged after 5 hours. Addressed 5 hours after it arrived.");
  }
}

static void
test_feedback_turn_into_lesson (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) client = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportCommitment) commitment =
    rapport_test_add_commitment (fixture->store, client, "Logo", "2026-03-10");
  g_autoptr(RapportFeedback) feedback =
    add_feedback (fixture, client, commitment, "The logo came two days late",
                  "2026-03-12T08:30:00Z");
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GPtrArray) editors = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDateTime) received = moment ("2026-03-12T08:30:00Z");
  RapportLesson *lesson;
  GtkWidget *lesson_row;

  (void) data;

  /* New feedback has nothing to learn from yet */
  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, NULL, id_of (client)));
  g_assert_false (shown (row (fixture->editor, "Turn into Lesson")));
  gtk_window_destroy (fixture->editor);

  show (fixture, rapport_feedback_editor_new (NULL, fixture->store, feedback, 0));
  lesson_row = row (fixture->editor, "Turn into Lesson");
  g_assert_true (shown (lesson_row));
  g_signal_emit_by_name (lesson_row, "activated");
  iterate ();

  /* The lesson is in the file, with the links and the story */
  disk = reopen (fixture);
  lessons = rapport_store_dup_client_lessons (disk, id_of (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lessons->len, ==, 1);
  lesson = g_ptr_array_index (lessons, 0);
  g_assert_cmpstr (rapport_lesson_get_what_happened (lesson), ==, "The logo came two days late");
  g_assert_cmpint (rapport_lesson_get_feedback_id (lesson), ==, id_of (feedback));
  g_assert_cmpint (rapport_lesson_get_commitment_id (lesson), ==, id_of (commitment));
  day = rapport_date_new_local (received);
  g_assert_true (rapport_date_equal (rapport_lesson_get_occurred_on (lesson), day));

  /* Its editor is open over the feedback, on that very lesson */
  editors = open_editors (RAPPORT_TYPE_LESSON_EDITOR, NULL);
  g_assert_cmpuint (editors->len, ==, 1);
  g_assert_true (gtk_window_get_transient_for (g_ptr_array_index (editors, 0)) ==
                 fixture->editor);
  g_assert_cmpstr (gtk_window_get_title (g_ptr_array_index (editors, 0)), ==, "Lesson");
  g_assert_cmpint (rapport_lesson_get_feedback_id (RAPPORT_LESSON (rapport_editor_get_record (
                     g_ptr_array_index (editors, 0)))), ==, id_of (feedback));
  gtk_window_destroy (g_ptr_array_index (editors, 0));
  iterate ();

  /* A second click opens the lesson rather than making another */
  lesson_row = row (fixture->editor, "Open Lesson");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lesson_row)), ==,
                   "The logo came two days late");
  g_signal_emit_by_name (lesson_row, "activated");
  iterate ();
  still = rapport_store_dup_client_lessons (fixture->store, id_of (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (still->len, ==, 1);
  g_clear_pointer (&editors, g_ptr_array_unref);
  editors = open_editors (RAPPORT_TYPE_LESSON_EDITOR, NULL);
  g_assert_cmpuint (editors->len, ==, 1);
}

/* The lesson editor just opened from another editor is one of the app's
 * windows (Ctrl+Q, quitting), and deleting its lesson there can be undone
 * from the main window, as for any editor the window opened */
static void
assert_lesson_delete_undone (RapportWindow *window)
{
  GtkWindow *lesson_editor = find_toplevel (RAPPORT_TYPE_LESSON_EDITOR);
  g_autoptr(RapportRecord) lesson = NULL;
  GtkWidget *undo;

  g_assert_nonnull (lesson_editor);
  g_assert_true (gtk_window_get_application (lesson_editor) ==
                 gtk_window_get_application (GTK_WINDOW (window)));
  lesson = g_object_ref (rapport_editor_get_record (RAPPORT_EDITOR (lesson_editor)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lesson_editor), "editor.delete", NULL));
  wait_ms (300);
  g_assert_true (rapport_record_is_trashed (lesson));

  undo = find_widget (GTK_WIDGET (window), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  iterate ();
  g_assert_false (rapport_record_is_trashed (lesson));
}

/* A lesson deleted in the editor that feedback opened, in the running
 * app: the main window offers to undo, as for any editor it opened, and
 * the lesson's editor is one of the app's windows (Ctrl+Q, quitting) */
static void
test_feedback_lesson_delete_undo (RapportWindow *window,
                                  RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportFeedback) feedback = rapport_feedback_new (id_of (client),
                                                              "The logo came two days late");
  GtkWindow *feedback_editor;

  rapport_test_save (store, feedback);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)",
                                             G_OBJECT_TYPE_NAME (feedback), id_of (feedback)));
  iterate ();
  feedback_editor = find_toplevel (RAPPORT_TYPE_FEEDBACK_EDITOR);
  g_assert_nonnull (feedback_editor);

  g_signal_emit_by_name (row (feedback_editor, "Turn into Lesson"), "activated");
  iterate ();
  assert_lesson_delete_undone (window);

  gtk_window_destroy (feedback_editor);
  iterate ();
}

/* A lesson opened from a new commitment's "lessons about this client" is
 * one of the app's windows too, and its deletion can be undone */
static void
test_commitment_lesson_delete_undo (RapportWindow *window,
                                    RapportStore  *store)
{
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportLesson) lesson = rapport_lesson_new ("Promised too fast");
  GtkWindow *commitment_editor;
  GtkWidget *offer;

  rapport_lesson_set_client_id (lesson, id_of (client));
  rapport_test_save (store, lesson);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", "(sx)",
                                             "RapportCommitment", id_of (client)));
  iterate ();
  commitment_editor = find_toplevel (RAPPORT_TYPE_COMMITMENT_EDITOR);
  g_assert_nonnull (commitment_editor);

  offer = row (commitment_editor, "1 lesson about this client");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (offer), TRUE);
  g_signal_emit_by_name (find_widget (offer, is_row_titled, "Promised too fast"), "activated");
  iterate ();
  assert_lesson_delete_undone (window);

  gtk_window_destroy (commitment_editor);
  iterate ();
}

/* Lessons */

static RapportLesson *
add_lesson (Fixture       *fixture,
            RapportClient *client,
            const char    *what,
            const char    *occurred_on,
            const char    *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = rapport_date_parse (occurred_on, &error);
  RapportLesson *lesson = rapport_lesson_new (what);

  g_assert_no_error (error);
  rapport_lesson_set_occurred_on (lesson, day);
  rapport_lesson_set_tags (lesson, tags);
  if (client != NULL)
    rapport_lesson_set_client_id (lesson, id_of (client));
  rapport_store_save (fixture->store, RAPPORT_RECORD (lesson), &error);
  g_assert_no_error (error);

  return lesson;
}

static void
test_lesson_apology_owed_then_made (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(RapportLesson) lesson = add_lesson (fixture, NULL, "Sent the wrong file",
                                                "2026-03-01", NULL);
  g_autoptr(RapportStore) disk = NULL;
  g_autoptr(RapportLesson) stored = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  GDateTime *apologized_at;

  (void) data;

  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, lesson, 0));
  g_assert_false (shown (row (fixture->editor, "Apologized At")));

  select_label (fixture->editor, "Apology", "Owed");
  disk = reopen (fixture);
  stored = rapport_store_load (disk, RAPPORT_TYPE_LESSON, id_of (lesson), NULL);
  g_assert_cmpint (rapport_lesson_get_apology (stored), ==, RAPPORT_APOLOGY_OWED);
  g_assert_null (rapport_lesson_get_apologized_at (stored));
  g_assert_false (shown (row (fixture->editor, "Apologized At")));
  g_clear_object (&stored);
  g_clear_object (&disk);

  before = g_date_time_new_now_utc ();
  select_label (fixture->editor, "Apology", "Made");
  after = g_date_time_new_now_utc ();
  g_assert_true (shown (row (fixture->editor, "Apologized At")));

  disk = reopen (fixture);
  stored = rapport_store_load (disk, RAPPORT_TYPE_LESSON, id_of (lesson), NULL);
  g_assert_cmpint (rapport_lesson_get_apology (stored), ==, RAPPORT_APOLOGY_MADE);
  apologized_at = rapport_lesson_get_apologized_at (stored);
  g_assert_nonnull (apologized_at);
  /* Stored to the second */
  g_assert_cmpint (g_date_time_to_unix (apologized_at), >=, g_date_time_to_unix (before));
  g_assert_cmpint (g_date_time_to_unix (apologized_at), <=, g_date_time_to_unix (after));
  /* The row shows that moment */
  {
    g_autofree char *shown_text = rapport_editor_format_moment (apologized_at);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture->editor,
                                                                "Apologized At"))),
                     ==, shown_text);
  }
}

static gboolean
is_recurring_row (GtkWidget  *widget,
                  gconstpointer  subtitle)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)), subtitle) == 0;
}

static void
test_lesson_recurring_tags (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportLesson) first = add_lesson (fixture, NULL, "Late with the logo", "2026-01-10",
                                               "Late Delivery, scope");
  g_autoptr(RapportLesson) second = add_lesson (fixture, NULL, "Late with the site", "2026-02-10",
                                                "late delivery");
  g_autoptr(RapportLesson) third = add_lesson (fixture, NULL, "Late with the flyer",
                                               "2026-02-20", "late  delivery");
  g_autoptr(RapportLesson) trashed = add_lesson (fixture, NULL, "Forgotten", "2026-02-21",
                                                 "late delivery");
  g_autoptr(RapportLesson) unrelated = add_lesson (fixture, NULL, "Other", "2026-02-22",
                                                   "invoices");
  g_autoptr(GPtrArray) editors = NULL;
  GtkWidget *late, *scope, *child;

  (void) data;
  (void) first;
  (void) second;
  (void) unrelated;

  rapport_store_trash (fixture->store, RAPPORT_RECORD (trashed), &error);
  g_assert_no_error (error);

  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, NULL, 0));
  g_assert_null (find_widget (GTK_WIDGET (fixture->editor), is_recurring_row,
                       "Tagged “late delivery”"));

  gtk_editable_set_text (GTK_EDITABLE (row (fixture->editor, "Tags, Separated by Commas")),
                         "Late Delivery, Scope, new");
  iterate ();

  late = find_widget (GTK_WIDGET (fixture->editor), is_recurring_row, "Tagged “late delivery”");
  g_assert_nonnull (late);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (late)), ==,
                   "This happened 3 times before");
  scope = find_widget (GTK_WIDGET (fixture->editor), is_recurring_row, "Tagged “scope”");
  g_assert_nonnull (scope);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (scope)), ==,
                   "This happened once before");
  g_assert_null (find_widget (GTK_WIDGET (fixture->editor), is_recurring_row, "Tagged “new”"));

  /* The earlier lessons are listed, the latest first, and open */
  g_assert_nonnull (find_widget (late, is_row_titled, "Late with the logo"));
  g_assert_null (find_widget (late, is_row_titled, "Forgotten"));
  child = find_widget (late, is_row_titled, "Late with the flyer");
  g_assert_nonnull (child);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (late), TRUE);
  g_signal_emit_by_name (child, "activated");
  iterate ();
  editors = open_editors (RAPPORT_TYPE_LESSON_EDITOR, fixture->editor);
  g_assert_cmpuint (editors->len, ==, 1);
  g_assert_true (rapport_editor_get_record (g_ptr_array_index (editors, 0)) ==
                 RAPPORT_RECORD (third));

  /* An edited lesson does not count itself */
  destroy_windows ();
  show (fixture, rapport_lesson_editor_new (NULL, fixture->store, third, 0));
  late = find_widget (GTK_WIDGET (fixture->editor), is_recurring_row, "Tagged “late delivery”");
  g_assert_nonnull (late);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (late)), ==,
                   "This happened 2 times before");

  /* Saving the lesson as the user writes leaves the list as it is */
  set_text (text_view_in_group (fixture->editor, "Why It Happened"), "Too many projects at once");
  g_assert_true (find_widget (GTK_WIDGET (fixture->editor), is_recurring_row,
                       "Tagged “late delivery”") == late);

  /* A lesson moved to the trash elsewhere no longer counts; what the user
   * opened stays open */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (late), TRUE);
  rapport_store_trash (fixture->store, RAPPORT_RECORD (second), &error);
  g_assert_no_error (error);
  iterate ();
  late = find_widget (GTK_WIDGET (fixture->editor), is_recurring_row, "Tagged “late delivery”");
  g_assert_nonnull (late);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (late)), ==,
                   "This happened once before");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (late)));
  g_assert_null (find_widget (late, is_row_titled, "Late with the site"));

  /* Removing the tag takes the hint away */
  gtk_editable_set_text (GTK_EDITABLE (row (fixture->editor, "Tags, Separated by Commas")),
                         "invoices");
  iterate ();
  g_assert_null (find_widget (GTK_WIDGET (fixture->editor), is_recurring_row,
                       "Tagged “late delivery”"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->editor), is_recurring_row,
                                 "Tagged “invoices”"));
}

/* Commitments */

static void
test_commitment_offers_client_lessons (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) acme = rapport_test_add_client (fixture->store, "Acme");
  g_autoptr(RapportClient) other = rapport_test_add_client (fixture->store, "Other");
  g_autoptr(RapportLesson) a1 = add_lesson (fixture, acme, "Promised too fast", "2026-01-10",
                                            NULL);
  g_autoptr(RapportLesson) a2 = add_lesson (fixture, acme, "Missed the review call",
                                            "2026-02-10", NULL);
  g_autoptr(RapportLesson) gone = add_lesson (fixture, acme, "In the trash", "2026-02-11", NULL);
  g_autoptr(RapportCommitment) existing =
    rapport_test_add_commitment (fixture->store, acme, "Site", "2026-04-01");
  g_autoptr(GPtrArray) editors = NULL;
  GtkWidget *offer, *lesson_row;

  (void) data;
  (void) a1;

  rapport_store_trash (fixture->store, RAPPORT_RECORD (gone), &error);
  g_assert_no_error (error);
  rapport_lesson_set_prevention (a2, "Put review calls in the calendar at once");
  rapport_store_save (fixture->store, RAPPORT_RECORD (a2), &error);
  g_assert_no_error (error);

  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, NULL, 0));
  g_assert_null (find_widget (GTK_WIDGET (fixture->editor), is_row_titled,
                       "2 lessons about this client"));

  select_label (fixture->editor, "Client", "Acme");
  offer = row (fixture->editor, "2 lessons about this client");
  g_assert_true (shown (offer));
  lesson_row = find_widget (offer, is_row_titled, "Missed the review call");
  g_assert_nonnull (lesson_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lesson_row)), ==,
                   "Put review calls in the calendar at once");
  g_assert_nonnull (find_widget (offer, is_row_titled, "Promised too fast"));
  g_assert_null (find_widget (offer, is_row_titled, "In the trash"));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (offer), TRUE);
  g_signal_emit_by_name (lesson_row, "activated");
  iterate ();
  editors = open_editors (RAPPORT_TYPE_LESSON_EDITOR, NULL);
  g_assert_cmpuint (editors->len, ==, 1);
  g_assert_true (rapport_editor_get_record (g_ptr_array_index (editors, 0)) ==
                 RAPPORT_RECORD (a2));
  gtk_window_destroy (g_ptr_array_index (editors, 0));
  iterate ();

  /* A client with no lessons: nothing offered */
  select_label (fixture->editor, "Client", "Other");
  g_assert_false (shown (offer));
  gtk_window_destroy (fixture->editor);

  /* Opened for a client, the offer is there at once */
  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, NULL, id_of (acme)));
  g_assert_true (shown (row (fixture->editor, "2 lessons about this client")));
  gtk_window_destroy (fixture->editor);

  /* Not when editing a commitment already made */
  show (fixture, rapport_commitment_editor_new (NULL, fixture->store, existing, 0));
  g_assert_null (find_widget (GTK_WIDGET (fixture->editor), is_row_titled,
                       "2 lessons about this client"));
  (void) other;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/learning-ui/tone/client-notes-underline-and-suggestion", test_client_notes_tone);
  ADD ("/learning-ui/tone/feedback-checks-response-not-quote", test_feedback_checks_response_only);
  ADD ("/learning-ui/tone/lesson-fields", test_lesson_fields_tone);
  ADD ("/learning-ui/tone/interaction-summary", test_interaction_summary_tone);
  ADD ("/learning-ui/feedback/times-in-words", test_feedback_times_in_words);
  ADD ("/learning-ui/feedback/turn-into-lesson", test_feedback_turn_into_lesson);
  g_test_add_data_func ("/learning-ui/feedback/lesson-deleted-can-be-undone",
                        (gconstpointer) test_feedback_lesson_delete_undo, run_test);
  g_test_add_data_func ("/learning-ui/commitment/lesson-deleted-can-be-undone",
                        (gconstpointer) test_commitment_lesson_delete_undo, run_test);
  ADD ("/learning-ui/lesson/apology-owed-then-made", test_lesson_apology_owed_then_made);
  ADD ("/learning-ui/lesson/recurring-tags", test_lesson_recurring_tags);
  ADD ("/learning-ui/commitment/offers-client-lessons", test_commitment_offers_client_lessons);

  return g_test_run ();
}

/* test-tone-view.c: the note editor flags insults as they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "rapport-tone-view.h"

typedef struct
{
  GtkWindow       *window;
  RapportToneView *view;
  GtkTextBuffer   *buffer;
  guint            n_matches_notified;
} Fixture;

static void
n_matches_notify_cb (Fixture *fixture)
{
  fixture->n_matches_notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = RAPPORT_TONE_VIEW (rapport_tone_view_new ());
  fixture->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  fixture->n_matches_notified = 0;
  g_signal_connect_swapped (fixture->view, "notify::n-matches",
                            G_CALLBACK (n_matches_notify_cb), fixture);

  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, 400, 300);
  gtk_window_present (fixture->window);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds, as if the user paused typing */
static void
pause_typing (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Types @text key by key at the cursor, a few milliseconds apart */
static void
type (Fixture    *fixture,
      const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char c[8] = { 0, };

      memcpy (c, p, g_utf8_next_char (p) - p);
      gtk_text_buffer_insert_at_cursor (fixture->buffer, c, -1);
      g_main_context_iteration (NULL, FALSE);
    }
}

static char *
buffer_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (fixture->buffer, &start, &end);
  return gtk_text_buffer_get_text (fixture->buffer, &start, &end, TRUE);
}

/* Asserts that the underline covers exactly the characters [start, end) */
static void
assert_tagged (Fixture *fixture,
               int      start,
               int      end)
{
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (fixture->buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (tags, RAPPORT_TONE_VIEW_TAG);
  int n_chars = gtk_text_buffer_get_char_count (fixture->buffer);

  g_assert_nonnull (tag);
  for (int i = 0; i < n_chars; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, i);
      if (gtk_text_iter_has_tag (&iter, tag) != (i >= start && i < end))
        g_error ("character %d is %s", i,
                 gtk_text_iter_has_tag (&iter, tag) ? "underlined" : "not underlined");
    }
}

static void
place_cursor (Fixture *fixture,
              int      offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, offset);
  gtk_text_buffer_place_cursor (fixture->buffer, &iter);
}

static void
test_tone_view_flags_while_typing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *suggestion = NULL;
  guint n_matches = 99;

  type (fixture, "El proveedor 😀 es un imbécil");

  /* Nothing changes while the user is still typing */
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 0);

  pause_typing (400);

  g_object_get (fixture->view, "n-matches", &n_matches, "suggestion", &suggestion, NULL);
  g_assert_cmpuint (n_matches, ==, 1);
  g_assert_cmpstr (suggestion, ==, "No tuve buenas experiencias con él");
  g_assert_cmpuint (fixture->n_matches_notified, ==, 1);
  /* "El proveedor 😀 es un " is 21 characters; "imbécil" is 7 */
  assert_tagged (fixture, 21, 28);
  g_assert_nonnull (rapport_tone_view_get_match (fixture->view, 25));
  g_assert_null (rapport_tone_view_get_match (fixture->view, 5));

  /* The note itself is untouched */
  {
    g_autofree char *text = buffer_text (fixture);

    g_assert_cmpstr (text, ==, "El proveedor 😀 es un imbécil");
  }
}

/* Replaces the clause of the match at @offset in @text, and returns the result */
static char *
replace_in (Fixture    *fixture,
            const char *text,
            int         offset)
{
  gtk_text_buffer_set_text (fixture->buffer, "", 0);
  type (fixture, text);
  pause_typing (400);
  place_cursor (fixture, offset);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "tone.replace", NULL));
  return buffer_text (fixture);
}

/* The suggestion replaces the clause: other sentences and clauses stay,
 * and one inside a sentence starts in lower case */
static void
test_tone_view_replace_clause (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *other_sentence = NULL;
  g_autofree char *after_comma = NULL;

  other_sentence = replace_in (fixture, "Good payer. Honestly that client is an idiot about "
                                        "deadlines.", 40);
  g_assert_cmpstr (other_sentence, ==, "Good payer. I did not have good experiences with them.");

  after_comma = replace_in (fixture, "Pagó a tiempo, pero es un imbécil.", 28);
  g_assert_true (g_str_has_prefix (after_comma, "Pagó a tiempo, no tuve buenas experiencias con "));
  g_assert_true (g_str_has_suffix (after_comma, "."));
}

static void
test_tone_view_replace (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;

  type (fixture, "Honestly the designer was an idiot, but paid on time.");
  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 1);
  assert_tagged (fixture, 29, 34);

  /* Away from the match, the action does nothing */
  place_cursor (fixture, 3);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "tone.replace", NULL);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Honestly the designer was an idiot, but paid on time.");
  g_clear_pointer (&text, g_free);

  place_cursor (fixture, 31);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "tone.replace", NULL));
  text = buffer_text (fixture);
  /* The suggestion takes the place of the clause, not of the word */
  g_assert_cmpstr (text, ==, "I did not have good experiences with them, but paid on time.");

  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 0);
  g_assert_null (rapport_tone_view_get_suggestion (fixture->view));
  assert_tagged (fixture, 0, 0);

  /* One undo brings the original word back, underlined again */
  g_assert_true (gtk_text_buffer_get_can_undo (fixture->buffer));
  gtk_text_buffer_undo (fixture->buffer);
  g_clear_pointer (&text, g_free);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Honestly the designer was an idiot, but paid on time.");
  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 1);
  assert_tagged (fixture, 29, 34);
}

static void
test_tone_view_destroyed_while_pending (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GtkTextBuffer) buffer = g_object_ref (fixture->buffer);
  gpointer view = fixture->view;

  /* The pending check dies with the view; the buffer outlives it intact */
  g_object_add_weak_pointer (G_OBJECT (view), &view);
  type (fixture, "What a clown");
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  pause_typing (400);

  g_assert_null (view);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 12);
}

static void
test_tone_view_menu_offers_suggestion (Fixture       *fixture,
                                       gconstpointer  data)
{
  GMenuModel *menu = gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (fixture->view));
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;

  type (fixture, "Son unos ladrones.");
  pause_typing (400);

  place_cursor (fixture, 0);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  place_cursor (fixture, 12);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_nonnull (strstr (label, "No tuve buenas experiencias con ellos"));
  g_assert_cmpstr (action, ==, "tone.replace");
}

static void
test_tone_view_debounce (Fixture       *fixture,
                         gconstpointer  data)
{
  /* Typing goes on faster than the delay: one check at the end */
  type (fixture, "useless ");
  for (guint i = 0; i < 5; i++)
    {
      pause_typing (50);
      type (fixture, "moron ");
    }
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 0);

  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 6);
  g_assert_cmpuint (fixture->n_matches_notified, ==, 1);
}

static void
test_tone_view_keeps_modified_and_undo (Fixture       *fixture,
                                        gconstpointer  data)
{
  /* Underlining is not an edit: a saved note stays saved */
  gtk_text_buffer_set_text (fixture->buffer, "Qué chapuza de trabajo", -1);
  gtk_text_buffer_set_modified (fixture->buffer, FALSE);
  rapport_tone_view_check_now (fixture->view);

  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 1);
  assert_tagged (fixture, 4, 11);
  g_assert_false (gtk_text_buffer_get_modified (fixture->buffer));
}

static void
test_tone_view_new_buffer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GtkTextBuffer) other = gtk_text_buffer_new (NULL);

  gtk_text_buffer_set_text (other, "What a clown", -1);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (fixture->view), other);
  fixture->buffer = other;

  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 1);
  assert_tagged (fixture, 7, 12);

  type (fixture, ", a liar");
  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 2);
}

static void
test_tone_view_accessible_description (Fixture       *fixture,
                                       gconstpointer  data)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (fixture->view);

  g_assert_false (gtk_test_accessible_has_property (accessible,
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  type (fixture, "It was a scam by a bunch of scammers and liars");
  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 2);
  gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "2 remarks may sound offensive; consider writing "
                                       "“I did not have good experiences with them”");

  /* Once the note is civil again, the warning goes away */
  gtk_text_buffer_set_text (fixture->buffer, "It was a hard project", -1);
  pause_typing (400);
  g_assert_false (gtk_test_accessible_has_property (accessible,
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static gboolean
query_tooltip (Fixture  *fixture,
               int       x,
               int       y,
               gboolean  keyboard_mode)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (fixture->view, "query-tooltip", x, y, keyboard_mode, tooltip, &shown);
  return shown;
}

static void
test_tone_view_tooltip (Fixture       *fixture,
                        gconstpointer  data)
{
  GdkRectangle rect;
  GtkTextIter iter;
  int x, y;

  type (fixture, "Nice people, but a bunch of crooks");
  pause_typing (400);
  g_assert_cmpuint (rapport_tone_view_get_n_matches (fixture->view), ==, 1);

  /* With the keyboard, over the cursor */
  place_cursor (fixture, 2);
  g_assert_false (query_tooltip (fixture, 0, 0, TRUE));
  place_cursor (fixture, 30);
  g_assert_true (query_tooltip (fixture, 0, 0, TRUE));

  /* With the pointer, over the underlined word only */
  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 30);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y + rect.height / 2, &x, &y);
  g_assert_true (query_tooltip (fixture, x + 1, y, FALSE));

  gtk_text_buffer_get_iter_at_offset (fixture->buffer, &iter, 2);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y + rect.height / 2, &x, &y);
  g_assert_false (query_tooltip (fixture, x + 1, y, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tone-view/flags-while-typing", test_tone_view_flags_while_typing);
  ADD ("/tone-view/replace-with-suggestion", test_tone_view_replace);
  ADD ("/tone-view/replace-clause", test_tone_view_replace_clause);
  ADD ("/tone-view/menu-offers-suggestion", test_tone_view_menu_offers_suggestion);
  ADD ("/tone-view/debounce", test_tone_view_debounce);
  ADD ("/tone-view/underline-is-not-an-edit", test_tone_view_keeps_modified_and_undo);
  ADD ("/tone-view/new-buffer", test_tone_view_new_buffer);
  ADD ("/tone-view/accessible-description", test_tone_view_accessible_description);
  ADD ("/tone-view/tooltip", test_tone_view_tooltip);
  ADD ("/tone-view/destroyed-while-pending", test_tone_view_destroyed_while_pending);

#undef ADD

  return g_test_run ();
}

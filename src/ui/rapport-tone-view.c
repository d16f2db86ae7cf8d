/* rapport-tone-view.c: a text view that flags insults as they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buffer is checked again a moment after the user stops typing; each
 * match gets an error underline, and the context menu offers to replace the
 * clause of the match under the cursor with a neutral wording. Nothing is ever blocked:
 * the text stays exactly as typed until the user picks the suggestion.
 */
#define G_LOG_DOMAIN "rapport-tone-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-tone-view.h"

/* Long enough not to check on every key press, short enough to feel live */
#define CHECK_DELAY_MS 150

typedef struct
{
  int               start;
  int               end;
  RapportToneMatch *match;
} ToneRange;

struct _RapportToneView
{
  GtkTextView    parent_instance;

  /* Owned references */
  GtkTextBuffer *buffer;
  GtkTextTag    *tag;
  GMenu         *menu;
  GPtrArray     *matches;
  GArray        *ranges;

  guint          check_id;
};

enum {
  PROP_0,
  PROP_N_MATCHES,
  PROP_SUGGESTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RapportToneView, rapport_tone_view, GTK_TYPE_TEXT_VIEW)

static const ToneRange *
find_range (RapportToneView *self,
            int              offset)
{
  for (guint i = 0; i < self->ranges->len; i++)
    {
      const ToneRange *range = &g_array_index (self->ranges, ToneRange, i);

      if (offset < range->start)
        break;
      if (offset <= range->end)
        return range;
    }

  return NULL;
}

static const ToneRange *
range_at_cursor (RapportToneView *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  return find_range (self, gtk_text_iter_get_offset (&iter));
}

/* The context menu offers the suggestion only when the cursor is on a match */
static void
update_replace (RapportToneView *self)
{
  const ToneRange *range = self->buffer != NULL ? range_at_cursor (self) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tone.replace", range != NULL);
  g_menu_remove_all (self->menu);

  if (range != NULL)
    {
      g_autofree char *label = NULL;

      /* Translators: %s is a neutral wording such as "I did not
       * have good experiences with them", in the language of the note */
      label = g_strdup_printf (_("Replace With “%s”"),
                               rapport_tone_match_get_suggestion (range->match));
      g_menu_append (self->menu, label, "tone.replace");
    }
}

static void
update_accessible (RapportToneView *self)
{
  g_autofree char *description = NULL;

  if (self->matches->len == 0)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* Translators: the %s after the number is a neutral wording
   * such as "I did not have good experiences with them" */
  description = g_strdup_printf (ngettext ("%u remark may sound offensive; consider writing “%s”",
                                           "%u remarks may sound offensive; consider writing “%s”",
                                           self->matches->len),
                                 self->matches->len, rapport_tone_view_get_suggestion (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_matches (RapportToneView *self,
             GPtrArray       *matches,
             GArray          *ranges)
{
  guint old_n = self->matches->len;
  const char *old_suggestion = rapport_tone_view_get_suggestion (self);
  const char *new_suggestion = NULL;
  gboolean suggestion_changed;

  if (matches->len > 0)
    new_suggestion = rapport_tone_match_get_suggestion (g_ptr_array_index (matches, 0));
  suggestion_changed = g_strcmp0 (old_suggestion, new_suggestion) != 0;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_array_unref);
  self->matches = matches;
  self->ranges = ranges;

  update_replace (self);
  update_accessible (self);

  if (old_n != matches->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  if (suggestion_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTION]);
}

static void
check (RapportToneView *self)
{
  g_autofree char *text = NULL;
  GPtrArray *matches;
  GArray *ranges;
  GtkTextIter start, end;
  const char *p;
  int offset = 0;

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->buffer == NULL)
    return;

  /* A slice has U+FFFC for embedded widgets and images, so its character
   * offsets are the buffer's */
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  matches = rapport_tone_check (text, -1);
  ranges = g_array_sized_new (FALSE, FALSE, sizeof (ToneRange), matches->len);

  gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);

  p = text;
  for (guint i = 0; i < matches->len; i++)
    {
      RapportToneMatch *match = g_ptr_array_index (matches, i);
      const char *match_start = text + rapport_tone_match_get_start (match);
      const char *match_end = text + rapport_tone_match_get_end (match);
      ToneRange range;

      offset += (int) g_utf8_strlen (p, match_start - p);
      range.start = offset;
      offset += (int) g_utf8_strlen (match_start, match_end - match_start);
      range.end = offset;
      range.match = match;
      p = match_end;
      g_array_append_val (ranges, range);

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, range.start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, range.end);
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &start, &end);
    }

  set_matches (self, matches, ranges);
}

/* Callbacks */

static gboolean
check_cb (gpointer user_data)
{
  RapportToneView *self = user_data;

  self->check_id = 0;
  check (self);

  return G_SOURCE_REMOVE;
}

static void
buffer_text_changed_cb (RapportToneView *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
}

static void
cursor_moved_cb (RapportToneView *self)
{
  /* While a check is pending the ranges are stale: it updates the menu */
  if (self->check_id == 0)
    update_replace (self);
}

static void
disconnect_buffer (RapportToneView *self)
{
  if (self->buffer == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->buffer, self);
  if (self->tag != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
    }
  g_clear_object (&self->tag);
  g_clear_object (&self->buffer);
}

static void
buffer_set_cb (RapportToneView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTagTable *tags;

  if (buffer == self->buffer)
    return;

  disconnect_buffer (self);
  g_clear_handle_id (&self->check_id, g_source_remove);

  if (buffer != NULL)
    {
      self->buffer = g_object_ref (buffer);
      tags = gtk_text_buffer_get_tag_table (buffer);
      self->tag = gtk_text_tag_table_lookup (tags, RAPPORT_TONE_VIEW_TAG);
      if (self->tag == NULL)
        self->tag = gtk_text_buffer_create_tag (buffer, RAPPORT_TONE_VIEW_TAG,
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
      g_object_ref (self->tag);

      g_signal_connect_object (buffer, "changed",
                               G_CALLBACK (buffer_text_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (buffer, "notify::cursor-position",
                               G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
      check (self);
    }
  else
    {
      set_matches (self, g_ptr_array_new (), g_array_new (FALSE, FALSE, sizeof (ToneRange)));
    }
}

/* A right click puts the cursor where it is, unless it is on a selection,
 * so that the context menu offers the suggestion for the word clicked. */
static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      RapportToneView *self)
{
  GtkTextIter iter, sel_start, sel_end;
  int bx, by;

  if (self->buffer == NULL)
    return;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    return;

  if (gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end) &&
      gtk_text_iter_in_range (&iter, &sel_start, &sel_end))
    return;

  gtk_text_buffer_place_cursor (self->buffer, &iter);
}

static gboolean
query_tooltip_cb (RapportToneView *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  const ToneRange *range = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;
  int bx, by;

  if (self->buffer == NULL || self->check_id != 0 || self->ranges->len == 0)
    return FALSE;

  if (keyboard_mode)
    {
      range = range_at_cursor (self);
    }
  else
    {
      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                             x, y, &bx, &by);
      if (gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
        range = find_range (self, gtk_text_iter_get_offset (&iter));
    }

  if (range == NULL)
    return FALSE;

  /* Translators: %s is a neutral wording such as "I did not
   * have good experiences with them", in the language of the note */
  text = g_strdup_printf (_("This may sound offensive. You could write “%s”."),
                          rapport_tone_match_get_suggestion (range->match));
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static gboolean
ends_sentence (gunichar c)
{
  /* ¡ and ¿ open a Spanish sentence, or a part of one */
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x2026 /* … */ ||
         c == 0x00A1 /* ¡ */ || c == 0x00BF /* ¿ */;
}

static gboolean
ends_clause (gunichar c)
{
  return ends_sentence (c) || c == ',' || c == ';' || c == ':';
}

/* Widens @start and @end to the clause they are in, between punctuation
 * marks: a suggestion is a whole clause ("I did not have good experiences
 * with them"), which put in place of one word would make no sense.
 * Returns whether the clause begins a sentence. */
static gboolean
widen_to_clause (GtkTextIter *start,
                 GtkTextIter *end)
{
  GtkTextIter before;

  while (!gtk_text_iter_is_start (start))
    {
      before = *start;
      gtk_text_iter_backward_char (&before);
      if (ends_clause (gtk_text_iter_get_char (&before)))
        break;
      *start = before;
    }
  while (!gtk_text_iter_equal (start, end) && g_unichar_isspace (gtk_text_iter_get_char (start)))
    gtk_text_iter_forward_char (start);

  while (!gtk_text_iter_is_end (end) && !ends_clause (gtk_text_iter_get_char (end)))
    gtk_text_iter_forward_char (end);

  before = *start;
  while (gtk_text_iter_backward_char (&before))
    if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
      return ends_sentence (gtk_text_iter_get_char (&before));

  return TRUE;
}

/* @suggestion as it reads inside a sentence: "no tuve…" after a comma,
 * but "I did not…" stays as it is */
static char *
lower_first_letter (const char *suggestion)
{
  gunichar first = g_utf8_get_char (suggestion);
  const char *rest = g_utf8_next_char (suggestion);
  char lower[8] = { 0 };

  if (first == 'I' && (*rest == ' ' || *rest == '\0'))
    return g_strdup (suggestion);

  g_unichar_to_utf8 (g_unichar_tolower (first), lower);
  return g_strconcat (lower, rest, NULL);
}

static void
replace_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RapportToneView *self = RAPPORT_TONE_VIEW (widget);
  g_autofree char *suggestion = NULL;
  const ToneRange *range;
  GtkTextIter start, end;

  /* Offsets must describe the text as it is now */
  if (self->check_id != 0)
    check (self);

  range = self->buffer != NULL ? range_at_cursor (self) : NULL;
  if (range == NULL)
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, range->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, range->end);
  if (widen_to_clause (&start, &end))
    suggestion = g_strdup (rapport_tone_match_get_suggestion (range->match));
  else
    suggestion = lower_first_letter (rapport_tone_match_get_suggestion (range->match));

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, suggestion, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

/* Overrides */

static void
rapport_tone_view_dispose (GObject *object)
{
  RapportToneView *self = RAPPORT_TONE_VIEW (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (self, buffer_set_cb, NULL);
  disconnect_buffer (self);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (rapport_tone_view_parent_class)->dispose (object);
}

static void
rapport_tone_view_finalize (GObject *object)
{
  RapportToneView *self = RAPPORT_TONE_VIEW (object);

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->ranges, g_array_unref);

  G_OBJECT_CLASS (rapport_tone_view_parent_class)->finalize (object);
}

static void
rapport_tone_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportToneView *self = RAPPORT_TONE_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_MATCHES:
      g_value_set_uint (value, rapport_tone_view_get_n_matches (self));
      break;

    case PROP_SUGGESTION:
      g_value_set_string (value, rapport_tone_view_get_suggestion (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_tone_view_class_init (RapportToneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_tone_view_dispose;
  object_class->finalize = rapport_tone_view_finalize;
  object_class->get_property = rapport_tone_view_get_property;

  /**
   * RapportToneView:n-matches:
   *
   * How many insults or pejorative remarks the text has, as of the last
   * check (a moment after the last change).
   */
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RapportToneView:suggestion:
   *
   * A neutral wording to use instead of the first match, or %NULL.
   */
  properties[PROP_SUGGESTION] =
    g_param_spec_string ("suggestion", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "tone.replace", NULL, replace_cb);
}

static void
rapport_tone_view_init (RapportToneView *self)
{
  GtkGesture *gesture;

  self->matches = g_ptr_array_new ();
  self->ranges = g_array_new (FALSE, FALSE, sizeof (ToneRange));
  self->menu = g_menu_new ();
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self), G_MENU_MODEL (self->menu));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  /* A note is a field of a form: Tab and Shift+Tab go on to the next or
   * back to the previous one, instead of typing a tab that kept keyboard
   * users in the note (only Ctrl+Tab, which nothing tells of, got out) */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tone.replace", FALSE);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (self, "notify::buffer", G_CALLBACK (buffer_set_cb), NULL);
  buffer_set_cb (self);
}

/* API */

GtkWidget *
rapport_tone_view_new (void)
{
  return g_object_new (RAPPORT_TYPE_TONE_VIEW, NULL);
}

guint
rapport_tone_view_get_n_matches (RapportToneView *self)
{
  g_return_val_if_fail (RAPPORT_IS_TONE_VIEW (self), 0);

  return self->matches->len;
}

/* The neutral wording for the first match, or NULL if there is none */
const char *
rapport_tone_view_get_suggestion (RapportToneView *self)
{
  g_return_val_if_fail (RAPPORT_IS_TONE_VIEW (self), NULL);

  if (self->matches->len == 0)
    return NULL;

  return rapport_tone_match_get_suggestion (g_ptr_array_index (self->matches, 0));
}

/**
 * rapport_tone_view_get_match:
 * @position: a character offset in the buffer
 *
 * Returns: (transfer none) (nullable): the match at @position (its end
 *   included), as of the last check
 */
RapportToneMatch *
rapport_tone_view_get_match (RapportToneView *self,
                             guint            position)
{
  const ToneRange *range;

  g_return_val_if_fail (RAPPORT_IS_TONE_VIEW (self), NULL);

  range = find_range (self, (int) MIN (position, (guint) G_MAXINT));
  return range != NULL ? range->match : NULL;
}

/* Checks the text at once instead of after the usual short delay */
void
rapport_tone_view_check_now (RapportToneView *self)
{
  g_return_if_fail (RAPPORT_IS_TONE_VIEW (self));

  check (self);
}

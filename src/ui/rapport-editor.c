/* rapport-editor.c: what every record editor window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An editor has no Save button: each change is set on the record,
 * validated and written at once. A change that makes a saved record invalid
 * is taken back from the record (so that the store and every view keep the
 * last valid values) and its message stays at the field and in a bar at the
 * bottom of the window until the user fixes it. A new record is inserted the
 * first time it becomes valid; until then nothing is written.
 *
 * The bar is at the bottom so that it never moves the form under the
 * pointer: showing it shortens the page from below. While a new record is
 * being filled in, what is still missing elsewhere ("The name cannot be
 * empty" while the user types the company) waits until the user tries to
 * close the editor: those fields may simply not have been reached yet.
 */
#define G_LOG_DOMAIN "rapport-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>

#include "rapport-choice-factory.h"
#include "rapport-client.h"
#include "rapport-record-row.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-editor.h"
#include "rapport-enums.h"
#include "rapport-feedback.h"
#include "rapport-lesson.h"
#include "rapport-question.h"
#include "rapport-tone-view.h"
#include "rapport-tooltip.h"

typedef struct
{
  GtkWidget *field;      /* NULL: the record as a whole */
  char      *message;
  gboolean   from_record;
  gboolean   missing;    /* a required value not given yet */
} FieldError;

typedef struct
{
  char    *property;
  GType    type;
  char    *none_label;
  char    *parent_property;
  GArray  *ids;
} LinkData;

typedef struct
{
  /* Widgets */
  GtkButton        *delete_button;
  GtkRevealer      *banner;
  GtkLabel         *banner_label;
  AdwToastOverlay  *toasts;
  GtkBox           *slot;

  /* Owned references */
  RapportStore     *store;
  RapportRecord    *record;

  GPtrArray        *errors;
  gboolean          syncing;
  /* The user tried to leave: every complaint shows from now on */
  gboolean          close_attempted;
  guint             close_trashed_id;
} RapportEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RapportEditor, rapport_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

enum {
  TRASHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const RapportEditorChoice rapport_editor_channel_choices[RAPPORT_EDITOR_N_CHANNELS] = {
  { RAPPORT_CHANNEL_EMAIL, N_("Email") },
  { RAPPORT_CHANNEL_PHONE, N_("Phone") },
  { RAPPORT_CHANNEL_VIDEO_CALL, N_("Video call") },
  { RAPPORT_CHANNEL_CHAT, N_("Chat") },
  { RAPPORT_CHANNEL_IN_PERSON, N_("In person") },
  { RAPPORT_CHANNEL_OTHER, N_("Other") },
};

#define PROPERTY_KEY "rapport-editor-property"
#define CHOICES_KEY "rapport-editor-choices"
#define LINK_KEY "rapport-editor-link"

static void
field_error_free (gpointer data)
{
  FieldError *error = data;

  g_free (error->message);
  g_free (error);
}

static void
link_data_free (gpointer data)
{
  LinkData *link = data;

  g_free (link->property);
  g_free (link->none_label);
  g_free (link->parent_property);
  g_array_unref (link->ids);
  g_free (link);
}

/* Errors */

/* A value missing from a new record, not from the field being edited,
 * waits until the user tries to leave */
static gboolean
error_is_shown (RapportEditor *self,
                FieldError    *error)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  return !error->missing || error->field != NULL || priv->close_attempted ||
         rapport_editor_is_saved (self);
}

/* Every complaint shown, newest first, one a line, then what it means for
 * saving; NULL when there is none */
static char *
dup_errors_text (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_shown = 0;

  for (guint i = priv->errors->len; i > 0; i--)
    {
      FieldError *error = g_ptr_array_index (priv->errors, i - 1);

      if (!error_is_shown (self, error))
        continue;

      if (text->len > 0)
        g_string_append (text, "\n");
      /* TRANSLATORS: one problem in an editor, e.g. "The name cannot be empty." */
      g_string_append_printf (text, _("%s."), error->message);
      n_shown++;
    }

  if (n_shown == 0)
    return NULL;

  g_string_append_c (text, ' ');
  if (!rapport_editor_is_saved (self))
    g_string_append (text, _("Nothing is saved until this is fixed."));
  else
    g_string_append (text, ngettext ("This change is not saved.",
                                     "These changes are not saved.", n_shown));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_banner (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_autofree char *text = dup_errors_text (self);

  if (text != NULL)
    gtk_label_set_text (priv->banner_label, text);
  gtk_revealer_set_reveal_child (priv->banner, text != NULL);
}

static void
style_field (GtkWidget  *field,
             const char *message)
{
  if (field == NULL)
    return;

  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
remove_error (RapportEditor *self,
              GtkWidget     *field)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  for (guint i = priv->errors->len; i > 0; i--)
    {
      FieldError *error = g_ptr_array_index (priv->errors, i - 1);

      if (error->field == field)
        g_ptr_array_remove_index (priv->errors, i - 1);
    }
}

static void
add_error_full (RapportEditor *self,
                GtkWidget     *field,
                const char    *message,
                gboolean       from_record,
                gboolean       missing)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  FieldError *error = g_new0 (FieldError, 1);

  remove_error (self, field);
  error->field = field;
  error->message = g_strdup (message);
  error->from_record = from_record;
  error->missing = missing;
  g_ptr_array_add (priv->errors, error);

  style_field (field, message);
  update_banner (self);
}

static void
add_error (RapportEditor *self,
           GtkWidget     *field,
           const char    *message,
           gboolean       from_record)
{
  add_error_full (self, field, message, from_record, FALSE);
}

/* Once the whole record is valid, the record's own complaints are void */
static void
clear_record_errors (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  for (guint i = priv->errors->len; i > 0; i--)
    {
      FieldError *error = g_ptr_array_index (priv->errors, i - 1);

      if (error->from_record)
        {
          style_field (error->field, NULL);
          g_ptr_array_remove_index (priv->errors, i - 1);
        }
    }
}

/* Applying changes */

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (pspec->value_type == G_TYPE_DATE)
    return rapport_date_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (pspec->value_type == G_TYPE_DATE_TIME)
    return rapport_date_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
set_values (GObject       *object,
            guint          n,
            const char   **names,
            const GValue  *values)
{
  g_object_freeze_notify (object);
  for (guint i = 0; i < n; i++)
    g_object_set_property (object, names[i], &values[i]);
  g_object_thaw_notify (object);
}

static void
record_saved (RapportEditor *self,
              gboolean       was_saved)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  if (!was_saved)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", TRUE);
      gtk_widget_set_visible (GTK_WIDGET (priv->delete_button), TRUE);
    }

  if (RAPPORT_EDITOR_GET_CLASS (self)->saved != NULL)
    RAPPORT_EDITOR_GET_CLASS (self)->saved (self);
}

static gboolean
apply_values (RapportEditor  *self,
              RapportRecord  *record,
              RapportRecord  *also,
              GtkWidget      *field,
              guint           n,
              const char    **names,
              const GValue   *values)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GObject *object = G_OBJECT (record);
  g_autoptr(GError) error = NULL;
  gboolean was_saved = rapport_record_get_id (record) != 0;
  /* A record to save with this one is a change in itself */
  gboolean changed = also != NULL;
  GValue *old = g_new0 (GValue, n);
  gboolean ret = FALSE;

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), names[i]);

      g_assert (pspec != NULL);
      g_value_init (&old[i], pspec->value_type);
      g_object_get_property (object, names[i], &old[i]);
      if (!values_equal (pspec, &old[i], &values[i]))
        changed = TRUE;
    }

  /* Nothing to write; a complaint about the field's previous text goes */
  if (!changed)
    {
      remove_error (self, field);
      style_field (field, NULL);
      update_banner (self);
      ret = was_saved;
      goto out;
    }

  set_values (object, n, names, values);

  if (rapport_record_validate (record, &error))
    {
      if (also != NULL ? !rapport_store_save_both (priv->store, record, also, &error)
                       : !rapport_store_save (priv->store, record, &error))
        {
          if (was_saved)
            set_values (object, n, names, old);
          rapport_editor_show_toast (self, error->message);
          goto out;
        }

      remove_error (self, field);
      style_field (field, NULL);
      remove_error (self, NULL);
      if (!was_saved)
        clear_record_errors (self);
      update_banner (self);
      if (record == priv->record)
        record_saved (self, was_saved);
      ret = TRUE;
      goto out;
    }

  set_values (object, n, names, old);
  if (!was_saved)
    {
      g_autoptr(GError) old_error = NULL;

      /* A new record may be invalid for another reason than this field
       * ("choose the client" while typing the title). Validation stops at
       * the first problem, so the field is to blame only when the record
       * was valid without the change; otherwise the banner says what is
       * missing. The value is kept, as nothing is stored yet anyway. */
      if (!rapport_record_validate (record, &old_error))
        {
          remove_error (self, field);
          style_field (field, NULL);
          field = NULL;
        }
      set_values (object, n, names, values);
    }

  add_error_full (self, field, error->message, TRUE,
                  g_error_matches (error, RAPPORT_VALIDATION_ERROR,
                                   RAPPORT_VALIDATION_ERROR_BLANK) ||
                  g_error_matches (error, RAPPORT_VALIDATION_ERROR,
                                   RAPPORT_VALIDATION_ERROR_MISSING));

out:
  for (guint i = 0; i < n; i++)
    g_value_unset (&old[i]);
  g_free (old);

  return ret;
}

static gboolean
apply_one (RapportEditor *self,
           GtkWidget     *field,
           const char    *name,
           const GValue  *value)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  /* A field may still apply what it holds while the window is disposed */
  if (priv->record == NULL)
    return FALSE;

  return apply_values (self, priv->record, NULL, field, 1, &name, value);
}

/* Bindings */

static const char *
field_property (gpointer field)
{
  return g_object_get_data (G_OBJECT (field), PROPERTY_KEY);
}

/* @text without the spaces around it, Unicode ones included: a name or an
 * address pasted from a mail often brings a space or a no-break space
 * along, which made "ana@example.org " not an email address and sorted
 * " Ana" before every other client */
static char *
dup_trimmed (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *last = g_utf8_find_prev_char (start, end);

      if (last == NULL || !g_unichar_isspace (g_utf8_get_char (last)))
        break;
      end = last;
    }

  return g_strndup (start, end - start);
}

static void
entry_changed_cb (AdwEntryRow   *row,
                  RapportEditor *self)
{
  g_autofree char *text = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *text != '\0' ? text : NULL);
  apply_one (self, GTK_WIDGET (row), field_property (row), &value);
}

static void
text_changed_cb (GtkTextBuffer *buffer,
                 RapportEditor *self)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (buffer), "rapport-editor-view");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *text != '\0' ? text : NULL);
  apply_one (self, view, field_property (view), &value);
}

static void
switch_active_cb (GtkSwitch     *toggle,
                  GParamSpec    *pspec,
                  RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *field = gtk_widget_get_ancestor (GTK_WIDGET (toggle), ADW_TYPE_ACTION_ROW);

  (void) pspec;

  if (priv->syncing)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (toggle));
  if (!apply_one (self, field != NULL ? field : GTK_WIDGET (toggle), field_property (toggle),
                  &value) && rapport_editor_is_saved (self))
    {
      gboolean active;

      g_object_get (priv->record, field_property (toggle), &active, NULL);
      priv->syncing = TRUE;
      gtk_switch_set_active (toggle, active);
      priv->syncing = FALSE;
    }
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 RapportEditor *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *field = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, (guint) gtk_spin_button_get_value_as_int (spin));
  apply_one (self, field != NULL ? field : GTK_WIDGET (spin), field_property (spin), &value);
}

/* A spin button applies the number typed in it only on Enter or when it
 * loses the focus: closing the editor first lost the number, and the
 * button applied it while the window was being disposed, with no record
 * left to apply it to. It is applied before the editor closes. */
static gboolean
spin_close_request_cb (GtkWindow     *window,
                       GtkSpinButton *spin)
{
  (void) window;

  gtk_spin_button_update (spin);
  return FALSE;
}

static void
date_changed_cb (RapportDateRow *row,
                 RapportEditor  *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (rapport_date_row_get_include_time (row))
    {
      g_value_init (&value, G_TYPE_DATE_TIME);
      g_value_take_boxed (&value, rapport_date_row_dup_moment (row));
    }
  else
    {
      g_value_init (&value, G_TYPE_DATE);
      g_value_take_boxed (&value, rapport_date_row_dup_date (row));
    }

  apply_one (self, GTK_WIDGET (row), field_property (row), &value);
}

static void
date_error_cb (RapportDateRow *row,
               GParamSpec     *pspec,
               RapportEditor  *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  const char *message = rapport_date_row_get_error (row);

  (void) pspec;

  if (message != NULL)
    {
      add_error (self, GTK_WIDGET (row), message, FALSE);
      return;
    }

  /* Only the row's own complaint goes: gtk_editable_set_text() holds back
   * notifications, so this may arrive after the record judged the new date. */
  for (guint i = priv->errors->len; i > 0; i--)
    {
      FieldError *error = g_ptr_array_index (priv->errors, i - 1);

      if (error->field == GTK_WIDGET (row) && !error->from_record)
        {
          g_ptr_array_remove_index (priv->errors, i - 1);
          style_field (GTK_WIDGET (row), NULL);
        }
    }
  update_banner (self);
}

static void
sync_choice (RapportEditor *self,
             AdwComboRow   *row)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GArray *values = g_object_get_data (G_OBJECT (row), CHOICES_KEY);
  GValue value = G_VALUE_INIT;
  GParamSpec *pspec;
  int current;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (priv->record), field_property (row));
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (priv->record), field_property (row), &value);
  current = g_value_get_enum (&value);
  g_value_unset (&value);

  priv->syncing = TRUE;
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, int, i) == current)
      adw_combo_row_set_selected (row, i);
  priv->syncing = FALSE;
}

static void
choice_selected_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GParamSpec *property;
  GValue value = G_VALUE_INIT;
  gboolean ok;

  (void) pspec;

  if (priv->syncing || rapport_editor_get_choice (row) < 0)
    return;

  property = g_object_class_find_property (G_OBJECT_GET_CLASS (priv->record),
                                           field_property (row));
  g_value_init (&value, property->value_type);
  g_value_set_enum (&value, rapport_editor_get_choice (row));
  ok = apply_one (self, GTK_WIDGET (row), field_property (row), &value);
  g_value_unset (&value);

  if (!ok && rapport_editor_is_saved (self))
    sync_choice (self, row);
}

static char *
record_label (RapportRecord *record)
{
  const char *text = NULL;
  g_autofree char *line = NULL;

  if (RAPPORT_IS_CLIENT (record))
    return _rapport_client_dup_display_name (RAPPORT_CLIENT (record));
  else if (RAPPORT_IS_COMMITMENT (record))
    text = rapport_commitment_get_title (RAPPORT_COMMITMENT (record));
  else if (RAPPORT_IS_FEEDBACK (record))
    text = rapport_feedback_get_content (RAPPORT_FEEDBACK (record));
  else if (RAPPORT_IS_LESSON (record))
    text = rapport_lesson_get_what_happened (RAPPORT_LESSON (record));

  /* Long texts are named by the start of their first line */
  line = g_strdup (text != NULL ? text : "");
  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (line, 0, 59);

      return g_strconcat (g_strstrip (start), "…", NULL);
    }

  return g_steal_pointer (&line);
}

static void
sync_link (RapportEditor *self,
           AdwComboRow   *row)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  LinkData *link = g_object_get_data (G_OBJECT (row), LINK_KEY);
  gint64 current;
  guint position = 0;

  g_object_get (priv->record, link->property, &current, NULL);
  for (guint i = 0; i < link->ids->len; i++)
    if (g_array_index (link->ids, gint64, i) == current)
      position = i;

  priv->syncing = TRUE;
  adw_combo_row_set_selected (row, position);
  priv->syncing = FALSE;
}

static void
link_selected_cb (AdwComboRow   *row,
                  GParamSpec    *pspec,
                  RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  LinkData *link = g_object_get_data (G_OBJECT (row), LINK_KEY);
  guint position = adw_combo_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  (void) pspec;

  if (priv->syncing || position >= link->ids->len)
    return;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, g_array_index (link->ids, gint64, position));
  if (!apply_one (self, GTK_WIDGET (row), link->property, &value) &&
      rapport_editor_is_saved (self))
    sync_link (self, row);
}

/* Tone warnings */

#define TONE_WARNING_KEY "rapport-editor-tone-warning"

typedef struct
{
  GtkRevealer *revealer;   /* owned: it may outlive its place in the page */
  GtkLabel    *label;
} ToneWarning;

static void
tone_warning_free (gpointer data)
{
  ToneWarning *warning = data;

  g_clear_object (&warning->revealer);
  g_free (warning);
}

#define FOLLOW_FRAMES_KEY "rapport-editor-follow-frames"

/* Scrolls the page so that the bottom of @widget shows */
static void
scroll_to_bottom_of (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double below;

  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return;

  below = bounds.origin.y + bounds.size.height - gtk_widget_get_height (scrolled);
  if (below <= 0)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + below);
}

/* Follows the warning as it slides open, then once more when it is whole */
static gboolean
follow_warning_tick_cb (GtkWidget     *revealer,
                        GdkFrameClock *clock,
                        gpointer       data)
{
  guint frames_left = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (revealer),
                                                           FOLLOW_FRAMES_KEY));

  (void) clock;
  (void) data;

  scroll_to_bottom_of (revealer);

  if (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    {
      if (frames_left == 0)
        return G_SOURCE_REMOVE;
      g_object_set_data (G_OBJECT (revealer), FOLLOW_FRAMES_KEY,
                         GUINT_TO_POINTER (frames_left - 1));
    }

  return G_SOURCE_CONTINUE;
}

static void
tone_changed_cb (RapportToneView *view)
{
  ToneWarning *warning = g_object_get_data (G_OBJECT (view), TONE_WARNING_KEY);
  const char *suggestion = rapport_tone_view_get_suggestion (view);

  if (suggestion != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a neutral wording such as "I did not
       * have good experiences with them", in the language of the note */
      text = g_strdup_printf (_("This may sound offensive. You could write “%s”."), suggestion);
      gtk_label_set_text (warning->label, text);
    }

  /* While the user types at the end of the page, the warning would open
   * out of sight below it */
  if (suggestion != NULL && !gtk_revealer_get_reveal_child (warning->revealer) &&
      gtk_widget_has_focus (GTK_WIDGET (view)))
    {
      g_object_set_data (G_OBJECT (warning->revealer), FOLLOW_FRAMES_KEY, GUINT_TO_POINTER (2));
      gtk_widget_add_tick_callback (GTK_WIDGET (warning->revealer), follow_warning_tick_cb,
                                    NULL, NULL);
    }

  gtk_revealer_set_reveal_child (warning->revealer, suggestion != NULL);
}

/* Replaces the first match, the one the warning names */
static void
use_suggestion_cb (RapportToneView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               RAPPORT_TONE_VIEW_TAG);
  GtkTextIter iter;

  rapport_tone_view_check_now (view);
  if (tag == NULL)
    return;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return;

  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_activate_action (GTK_WIDGET (view), "tone.replace", NULL);
  rapport_tone_view_check_now (view);
}

/* A line under the field names what may offend and offers the neutral
 * wording; saving goes on as usual whatever the user does with it. */
static void
add_tone_warning (RapportToneView *view)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (view));
  ToneWarning *warning;
  GtkWidget *box, *line, *icon, *button;

  g_return_if_fail (GTK_IS_BOX (parent));

  warning = g_new0 (ToneWarning, 1);
  warning->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (warning->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  /* The button goes under the text, so that a narrow window keeps the
   * sentence readable */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "tone-warning");
  gtk_widget_set_margin_top (box, 6);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (box), line);

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                  -1);
  gtk_box_append (GTK_BOX (line), icon);

  warning->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (warning->label, TRUE);
  gtk_label_set_wrap_mode (warning->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (warning->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (warning->label), TRUE);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (warning->label));

  button = gtk_button_new_with_mnemonic (_("_Use Suggestion"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "flat");
  _rapport_widget_set_tooltip_text (button, _("Replace the remark with the neutral wording"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (use_suggestion_cb), view,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  gtk_revealer_set_child (warning->revealer, box);
  gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (warning->revealer),
                              GTK_WIDGET (view));

  g_object_ref (warning->revealer);
  g_object_set_data_full (G_OBJECT (view), TONE_WARNING_KEY, warning, tone_warning_free);
  g_signal_connect (view, "notify::suggestion", G_CALLBACK (tone_changed_cb), NULL);
  tone_changed_cb (view);
}

/* Actions */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportEditor *self = RAPPORT_EDITOR (widget);
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportRecord) record = g_object_ref (priv->record);

  (void) action_name;
  (void) parameter;

  if (!rapport_store_trash (priv->store, record, &error))
    {
      rapport_editor_show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[TRASHED], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

/* An editor opened from this one deleted its record */
static void
child_trashed_cb (RapportEditor *child,
                  RapportRecord *record,
                  RapportEditor *self)
{
  (void) child;

  g_signal_emit (self, signals[TRASHED], 0, record);
}

/* Closing */

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RapportEditor    *self)
{
  (void) dialog;

  /* Not during the response: the dialog, transient for the editor, is
   * still closing itself */
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self),
                     g_object_unref);
}

/* What cannot be saved is only in the editor: closing would lose it
 * without a word, so the user chooses */
static void
ask_discard (RapportEditor *self,
             const char    *unapplied)
{
  g_autofree char *errors = dup_errors_text (self);
  g_autofree char *text = g_strjoin ("\n", errors != NULL ? errors : unapplied,
                                     errors != NULL ? unapplied : NULL, NULL);
  GtkWidget *dialog;

  dialog = _rapport_question_new (GTK_WINDOW (self), _("Discard Unsaved Changes?"), text,
                                  _("_Keep Editing"), "discard", _("_Discard"),
                                  ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The record went to the trash from elsewhere: from its list, with its
 * client. The editor goes, as the window leaves the page of a client sent
 * to the trash, rather than write what is typed next into a record out of
 * sight. After whatever trashed it has finished (the editor's own Delete
 * closes it already). */
static gboolean
close_trashed_idle_cb (gpointer data)
{
  RapportEditor *self = data;
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  priv->close_trashed_id = 0;
  if (rapport_record_is_trashed (priv->record))
    gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RapportEditor *self,
                  GType          type)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  if (type == G_OBJECT_TYPE (priv->record) && priv->close_trashed_id == 0 &&
      rapport_editor_is_saved (self) && rapport_record_is_trashed (priv->record))
    priv->close_trashed_id = g_idle_add (close_trashed_idle_cb, self);
}

/* Overrides */

/* The close button, Escape and Ctrl+W all come here */
static gboolean
rapport_editor_close_request (GtkWindow *window)
{
  RapportEditor *self = RAPPORT_EDITOR (window);
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  RapportEditorClass *klass = RAPPORT_EDITOR_GET_CLASS (self);
  g_autofree char *unapplied = klass->dup_unapplied != NULL ? klass->dup_unapplied (self) : NULL;

  if (priv->errors->len > 0 || unapplied != NULL)
    {
      /* Trying to leave is the moment to say what is still missing */
      priv->close_attempted = TRUE;
      update_banner (self);
      ask_discard (self, unapplied);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (rapport_editor_parent_class)->close_request (window);
}

static void
rapport_editor_constructed (GObject *object)
{
  RapportEditor *self = RAPPORT_EDITOR (object);
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  gboolean saved;

  G_OBJECT_CLASS (rapport_editor_parent_class)->constructed (object);

  g_assert (RAPPORT_IS_STORE (priv->store));
  g_assert (RAPPORT_IS_RECORD (priv->record));

  saved = rapport_editor_is_saved (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", saved);
  gtk_widget_set_visible (GTK_WIDGET (priv->delete_button), saved);

  g_signal_connect_object (priv->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
rapport_editor_dispose (GObject *object)
{
  RapportEditor *self = (RapportEditor *)object;
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_clear_handle_id (&priv->close_trashed_id, g_source_remove);
  if (priv->errors != NULL)
    g_ptr_array_set_size (priv->errors, 0);
  g_clear_object (&priv->record);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (rapport_editor_parent_class)->dispose (object);
}

static void
rapport_editor_finalize (GObject *object)
{
  RapportEditor *self = (RapportEditor *)object;
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_clear_pointer (&priv->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_editor_parent_class)->finalize (object);
}

static void
rapport_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportEditor *self = RAPPORT_EDITOR (object);
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_RECORD:
      g_value_set_object (value, priv->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportEditor *self = RAPPORT_EDITOR (object);
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      priv->record = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_editor_class_init (RapportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rapport_editor_constructed;
  object_class->dispose = rapport_editor_dispose;
  object_class->finalize = rapport_editor_finalize;
  object_class->get_property = rapport_editor_get_property;
  object_class->set_property = rapport_editor_set_property;
  window_class->close_request = rapport_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         RAPPORT_TYPE_RECORD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportEditor::trashed:
   * @self: the editor
   * @record: the record moved to the trash
   *
   * The user moved the record to the trash; the editor closes itself, and
   * whoever opened it may offer to undo. Also emitted with the record of
   * an editor opened from this one (rapport_editor_present_editor()).
   */
  signals[TRASHED] =
    g_signal_new ("trashed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RAPPORT_TYPE_RECORD);

  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

/* Adwaita marks entries in error, not text views; the rule stays here, next
 * to the only code that sets the class on a text view. */
static void
ensure_style (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   "textview.card.error { "
                                   "  box-shadow: inset 0 0 0 2px alpha(@error_color, 0.8); "
                                   "}",
                                   -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
rapport_editor_init (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GtkWidget *box, *header, *bar, *banner_box, *icon;

  ensure_style (GTK_WIDGET (self));

  priv->errors = g_ptr_array_new_with_free_func (field_error_free);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  header = adw_header_bar_new ();
  priv->delete_button = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  _rapport_widget_set_tooltip_text (GTK_WIDGET (priv->delete_button), _("Move to Trash"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->delete_button), "editor.delete");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (priv->delete_button));
  gtk_box_append (GTK_BOX (box), header);

  priv->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (priv->toasts), TRUE);
  priv->slot = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  adw_toast_overlay_set_child (priv->toasts, GTK_WIDGET (priv->slot));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->toasts));

  /* Outside the scrolled page, so that it shows wherever the field is, and
   * under it, so that it shortens the page from below instead of pushing
   * the rows down */
  priv->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_add_css_class (GTK_WIDGET (priv->banner), "error-bar");
  gtk_revealer_set_transition_type (priv->banner, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (bar), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  banner_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (banner_box, 12);
  gtk_widget_set_margin_end (banner_box, 12);
  gtk_widget_set_margin_top (banner_box, 8);
  gtk_widget_set_margin_bottom (banner_box, 8);
  gtk_widget_set_halign (banner_box, GTK_ALIGN_CENTER);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"),
                                  -1);
  gtk_box_append (GTK_BOX (banner_box), icon);
  priv->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->banner_label, TRUE);
  gtk_label_set_xalign (priv->banner_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (priv->banner_label), "error");
  gtk_box_append (GTK_BOX (banner_box), GTK_WIDGET (priv->banner_label));
  gtk_box_append (GTK_BOX (bar), banner_box);
  gtk_revealer_set_child (priv->banner, bar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->banner));

  adw_window_set_content (ADW_WINDOW (self), box);
}

/* API */

RapportStore *
rapport_editor_get_store (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), NULL);

  return priv->store;
}

RapportRecord *
rapport_editor_get_record (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), NULL);

  return priv->record;
}

gboolean
rapport_editor_is_saved (RapportEditor *self)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), FALSE);

  return priv->record != NULL && rapport_record_get_id (priv->record) != 0;
}

/**
 * rapport_editor_set_page:
 * @page: the editor's own content, usually an AdwPreferencesPage
 */
void
rapport_editor_set_page (RapportEditor *self,
                         GtkWidget     *page)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (priv->slot, page);
}

static gboolean
apply_valist (RapportEditor *self,
              RapportRecord *record,
              RapportRecord *also,
              GtkWidget     *field,
              const char    *first_property,
              va_list        args)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  const char *name;
  gboolean ret;

  for (name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), name);
      GValue value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      g_assert (pspec != NULL);
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      g_assert (error == NULL);
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }

  ret = apply_values (self, record, also, field, names->len, (const char **) names->pdata,
                      (GValue *) (gpointer) values->data);

  for (guint i = 0; i < values->len; i++)
    g_value_unset (&g_array_index (values, GValue, i));

  return ret;
}

/**
 * rapport_editor_apply:
 * @field: (nullable): the widget the change comes from, where errors show
 * @first_property: a property of the record, then its value, then more
 *   pairs, then %NULL, as for g_object_set()
 *
 * Sets the values together, then writes the record when it is valid.
 *
 * Returns: whether the record now holds the values and is saved
 */
gboolean
rapport_editor_apply (RapportEditor *self,
                      GtkWidget     *field,
                      const char    *first_property,
                      ...)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  gboolean ret;
  va_list args;

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), FALSE);

  va_start (args, first_property);
  ret = apply_valist (self, priv->record, NULL, field, first_property, args);
  va_end (args);

  return ret;
}

/**
 * rapport_editor_apply_with:
 * @also: a record that only makes sense with the new values (the
 *   renegotiation that says why the due date moved)
 *
 * As rapport_editor_apply(), saving @also with the edited record in one
 * transaction: both are written, or neither.
 */
gboolean
rapport_editor_apply_with (RapportEditor *self,
                           RapportRecord *also,
                           GtkWidget     *field,
                           const char    *first_property,
                           ...)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  gboolean ret;
  va_list args;

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (also), FALSE);

  va_start (args, first_property);
  ret = apply_valist (self, priv->record, also, field, first_property, args);
  va_end (args);

  return ret;
}

/**
 * rapport_editor_apply_to:
 * @record: a saved record other than the edited one (a deliverable…)
 *
 * As rapport_editor_apply(), for @record.
 */
gboolean
rapport_editor_apply_to (RapportEditor *self,
                         RapportRecord *record,
                         GtkWidget     *field,
                         const char    *first_property,
                         ...)
{
  gboolean ret;
  va_list args;

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);

  va_start (args, first_property);
  ret = apply_valist (self, record, NULL, field, first_property, args);
  va_end (args);

  return ret;
}

typedef struct
{
  RapportEditor               *editor;
  AdwEntryRow                 *row;
  RapportEditorReasonCallback  callback;
  gpointer                     user_data;
} ReasonRequest;

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
reason_changed_cb (AdwEntryRow      *row,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "accept",
                                           !is_blank (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ReasonRequest    *request)
{
  g_autofree char *reason = NULL;

  (void) dialog;

  if (g_strcmp0 (response, "accept") == 0)
    reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (request->row))));

  request->callback (request->editor, reason, request->user_data);
  g_object_unref (request->editor);
  g_free (request);
}

/**
 * rapport_editor_ask_reason:
 * @heading: the question, such as "Drop This Commitment?"
 * @body: what it means
 * @accept_label: the label of the button that goes ahead
 * @callback: called with the reason, or %NULL when the user cancelled
 *
 * Asks for a required reason in a dialog over the editor.
 */
void
rapport_editor_ask_reason (RapportEditor               *self,
                           const char                  *heading,
                           const char                  *body,
                           const char                  *accept_label,
                           RapportEditorReasonCallback  callback,
                           gpointer                     user_data)
{
  ReasonRequest *request;
  GtkWidget *dialog, *list;

  g_return_if_fail (RAPPORT_IS_EDITOR (self));

  request = g_new0 (ReasonRequest, 1);
  request->editor = g_object_ref (self);
  request->callback = callback;
  request->user_data = user_data;

  dialog = _rapport_question_new (GTK_WINDOW (self), heading, body, _("_Cancel"),
                                  "accept", accept_label, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", FALSE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  request->row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (request->row), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (request->row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_signal_connect (request->row, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (reason_response_cb), request);

  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rapport_editor_save_record:
 * @record: a record other than the edited one (a deliverable…)
 *
 * Validates and writes @record, telling the user when that fails.
 */
gboolean
rapport_editor_save_record (RapportEditor *self,
                            RapportRecord *record)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_EDITOR (self), FALSE);

  if (rapport_store_save (priv->store, record, &error))
    return TRUE;

  if (g_error_matches (error, RAPPORT_VALIDATION_ERROR, error->code))
    add_error (self, NULL, error->message, FALSE);
  else
    rapport_editor_show_toast (self, error->message);

  return FALSE;
}

void
rapport_editor_show_error (RapportEditor *self,
                           GtkWidget     *field,
                           const char    *message)
{
  g_return_if_fail (RAPPORT_IS_EDITOR (self));
  g_return_if_fail (message != NULL);

  add_error (self, field, message, FALSE);
}

void
rapport_editor_clear_error (RapportEditor *self,
                            GtkWidget     *field)
{
  g_return_if_fail (RAPPORT_IS_EDITOR (self));

  remove_error (self, field);
  style_field (field, NULL);
  update_banner (self);
}

void
rapport_editor_show_toast (RapportEditor *self,
                           const char    *message)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_autofree char *escaped = NULL;

  g_return_if_fail (RAPPORT_IS_EDITOR (self));

  /* Toast titles are markup in libadwaita 1.2; messages may quote user text */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (priv->toasts, adw_toast_new (escaped));
}

/**
 * rapport_editor_present_editor:
 * @editor: another editor, opened from this one (a lesson from feedback)
 *
 * Shows @editor as one of the application's windows, as the main window
 * shows the editors it opens, so that Ctrl+Q and quitting reach it; and
 * passes its RapportEditor::trashed on as this editor's, so that whoever
 * opened this one offers to undo.
 */
void
rapport_editor_present_editor (RapportEditor *self,
                               GtkWindow     *editor)
{
  g_return_if_fail (RAPPORT_IS_EDITOR (self));
  g_return_if_fail (RAPPORT_IS_EDITOR (editor));

  gtk_window_set_application (editor, gtk_window_get_application (GTK_WINDOW (self)));
  g_signal_connect_object (editor, "trashed", G_CALLBACK (child_trashed_cb), self, 0);
  gtk_window_present (editor);
}

/**
 * rapport_editor_show_toast_full:
 * @toast: (transfer full): a toast, with an Undo button for instance
 */
void
rapport_editor_show_toast_full (RapportEditor *self,
                                AdwToast      *toast)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_EDITOR (self));

  adw_toast_overlay_add_toast (priv->toasts, toast);
}

void
rapport_editor_bind_entry (RapportEditor *self,
                           AdwEntryRow   *row,
                           const char    *property)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  g_autofree char *text = NULL;

  g_object_get (priv->record, property, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_object_set_data_full (G_OBJECT (row), PROPERTY_KEY, g_strdup (property), g_free);
  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
}

/**
 * rapport_editor_bind_text:
 * @view: a text view; a #RapportToneView also gets a warning line under it
 *   (its parent must be a box) when what is typed may offend
 */
void
rapport_editor_bind_text (RapportEditor *self,
                          GtkTextView   *view,
                          const char    *property)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;

  g_object_get (priv->record, property, &text, NULL);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  g_object_set_data_full (G_OBJECT (view), PROPERTY_KEY, g_strdup (property), g_free);
  g_object_set_data (G_OBJECT (buffer), "rapport-editor-view", view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (text_changed_cb), self, 0);

  if (RAPPORT_IS_TONE_VIEW (view))
    add_tone_warning (RAPPORT_TONE_VIEW (view));
}

void
rapport_editor_bind_switch (RapportEditor *self,
                            GtkSwitch     *toggle,
                            const char    *property)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  gboolean active;

  g_object_get (priv->record, property, &active, NULL);
  gtk_switch_set_active (toggle, active);
  g_object_set_data_full (G_OBJECT (toggle), PROPERTY_KEY, g_strdup (property), g_free);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
}

void
rapport_editor_bind_spin (RapportEditor *self,
                          GtkSpinButton *spin,
                          const char    *property)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  guint number;

  g_object_get (priv->record, property, &number, NULL);
  gtk_spin_button_set_value (spin, number);
  g_object_set_data_full (G_OBJECT (spin), PROPERTY_KEY, g_strdup (property), g_free);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (spin_changed_cb), self, 0);
  g_signal_connect_object (self, "close-request", G_CALLBACK (spin_close_request_cb), spin, 0);
}

/**
 * rapport_editor_bind_date:
 * @property: a GDate property, or a GDateTime one when @row includes the time
 */
void
rapport_editor_bind_date (RapportEditor  *self,
                          RapportDateRow *row,
                          const char     *property)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (priv->record), property);

  g_return_if_fail (pspec != NULL);

  if (pspec->value_type == G_TYPE_DATE_TIME)
    {
      g_autoptr(GDateTime) moment = NULL;

      g_object_get (priv->record, property, &moment, NULL);
      rapport_date_row_set_include_time (row, TRUE);
      rapport_date_row_set_moment (row, moment);
    }
  else
    {
      g_autoptr(GDate) date = NULL;

      g_object_get (priv->record, property, &date, NULL);
      rapport_date_row_set_date (row, date);
    }

  g_object_set_data_full (G_OBJECT (row), PROPERTY_KEY, g_strdup (property), g_free);
  g_signal_connect_object (row, "date-changed", G_CALLBACK (date_changed_cb), self, 0);
  rapport_editor_bind_date_errors (self, row);
}

/**
 * rapport_editor_bind_date_errors:
 *
 * Shows the parse errors of a date row that the editor does not bind to a
 * property itself.
 */
void
rapport_editor_bind_date_errors (RapportEditor  *self,
                                 RapportDateRow *row)
{
  g_signal_connect_object (row, "notify::error", G_CALLBACK (date_error_cb), self, 0);
}

void
rapport_editor_bind_choice (RapportEditor             *self,
                            AdwComboRow               *row,
                            const char                *property,
                            const RapportEditorChoice *choices,
                            guint                      n_choices)
{
  g_object_set_data_full (G_OBJECT (row), PROPERTY_KEY, g_strdup (property), g_free);
  rapport_editor_set_choices (row, choices, n_choices, -1);
  sync_choice (self, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_selected_cb), self, 0);
}

/**
 * rapport_editor_bind_link:
 * @property: an id property of the record ("client-id")
 * @type: the type of record it points to
 * @none_label: what the entry for "no record" says
 * @parent_property: (nullable): offer only records whose @parent_property
 *   is @parent_id ("client-id" to offer one client's commitments)
 */
void
rapport_editor_bind_link (RapportEditor *self,
                          AdwComboRow   *row,
                          const char    *property,
                          GType          type,
                          const char    *none_label,
                          const char    *parent_property,
                          gint64         parent_id)
{
  LinkData *link = g_new0 (LinkData, 1);
  g_autoptr(GtkListItemFactory) choices = _rapport_choice_factory_new (TRUE);

  /* A record is named by up to 60 characters: shown as the row's
   * subtitle, and in the popover, it is read whole rather than cut at the
   * 20 characters AdwComboRow gives its choice */
  adw_combo_row_set_use_subtitle (row, TRUE);
  adw_combo_row_set_list_factory (row, choices);

  link->property = g_strdup (property);
  link->type = type;
  link->none_label = g_strdup (none_label);
  link->parent_property = g_strdup (parent_property);
  link->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_object_set_data_full (G_OBJECT (row), LINK_KEY, link, link_data_free);
  g_object_set_data_full (G_OBJECT (row), PROPERTY_KEY, g_strdup (property), g_free);

  rapport_editor_reload_link (self, row, parent_id);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (link_selected_cb), self, 0);
}

/**
 * rapport_editor_reload_link:
 * @parent_id: the parent whose records are offered, when the link has one
 *
 * Lists the records that can be chosen again; the editors are short-lived
 * dialogs, so the list is a snapshot taken here.
 */
void
rapport_editor_reload_link (RapportEditor *self,
                            AdwComboRow   *row,
                            gint64         parent_id)
{
  RapportEditorPrivate *priv = rapport_editor_get_instance_private (self);
  LinkData *link = g_object_get_data (G_OBJECT (row), LINK_KEY);
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;
  gint64 current;
  gboolean found = FALSE;

  g_return_if_fail (link != NULL);

  g_array_set_size (link->ids, 0);
  g_array_append_val (link->ids, none);
  gtk_string_list_append (labels, link->none_label);

  if (link->parent_property == NULL)
    records = rapport_store_list (priv->store, link->type);
  else if (parent_id > 0)
    records = rapport_store_list_children (priv->store, link->type, link->parent_property,
                                           parent_id);

  g_object_get (priv->record, link->property, &current, NULL);

  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(RapportRecord) record = g_list_model_get_item (records, i);
      g_autofree char *label = record_label (record);
      gint64 id = rapport_record_get_id (record);

      g_array_append_val (link->ids, id);
      gtk_string_list_append (labels, label);
      found |= id == current;
    }

  /* A link to a record in the trash still shows what it is */
  if (current > 0 && !found)
    {
      g_autoptr(RapportRecord) record = rapport_store_load (priv->store, link->type, current,
                                                            NULL);

      if (record != NULL)
        {
          g_autofree char *label = record_label (record);

          g_array_append_val (link->ids, current);
          gtk_string_list_append (labels, label);
        }
    }

  priv->syncing = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  priv->syncing = FALSE;
  sync_link (self, row);
}

/**
 * rapport_editor_set_choices:
 * @selected: the value to select, or -1 to leave the selection alone
 *
 * Offers @choices in @row, labelled in the user's language.
 */
void
rapport_editor_set_choices (AdwComboRow               *row,
                            const RapportEditorChoice *choices,
                            guint                      n_choices,
                            int                        selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (int), n_choices);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n_choices; i++)
    {
      gtk_string_list_append (labels, _(choices[i].label));
      g_array_append_val (values, choices[i].value);
      if (choices[i].value == selected)
        position = i;
    }

  g_object_set_data_full (G_OBJECT (row), CHOICES_KEY, values, (GDestroyNotify) g_array_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (row, position);
}

/**
 * rapport_editor_get_choice:
 *
 * Returns: the value selected in a row filled by rapport_editor_set_choices(),
 *   or -1
 */
int
rapport_editor_get_choice (AdwComboRow *row)
{
  GArray *values = g_object_get_data (G_OBJECT (row), CHOICES_KEY);
  guint position = adw_combo_row_get_selected (row);

  if (values == NULL || position >= values->len)
    return -1;

  return g_array_index (values, int, position);
}

/**
 * rapport_editor_format_moment:
 *
 * Returns: (transfer full): @moment in local time as the date rows write it,
 *   or a dash when there is none
 */
char *
rapport_editor_format_moment (GDateTime *moment)
{
  g_autoptr(GDateTime) local = NULL;

  if (moment == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (moment);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * rapport_editor_now:
 *
 * Returns: (transfer full): the current moment as Rapport stores moments:
 *   UTC, whole seconds
 */
GDateTime *
rapport_editor_now (void)
{
  return rapport_date_time_new_unix (g_get_real_time () / G_USEC_PER_SEC);
}

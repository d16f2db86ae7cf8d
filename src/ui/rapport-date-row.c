/* rapport-date-row.c: an entry row for a day, or a day and a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row shows dates as YYYY-MM-DD (and HH:MM in local time when it holds
 * a moment), accepts the same or the locale's own short form, and says in
 * words when the text is not a date. "date-changed" is emitted only when
 * the user's text is a valid value (empty text is a valid "no date").
 */
#define G_LOG_DOMAIN "rapport-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-date-format.h"
#include "rapport-date-row.h"
#include "rapport-tooltip.h"

struct _RapportDateRow
{
  AdwEntryRow  parent_instance;

  GtkLabel    *hint;

  GDate       *date;
  GDateTime   *moment;
  char        *error;
  int          hour;
  int          minute;
  gboolean     include_time;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (RapportDateRow, rapport_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_INCLUDE_TIME,
  PROP_ERROR,
  N_PROPS
};

enum {
  DATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_long_number (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      digits = g_ascii_isdigit (*p) ? digits + 1 : 0;
      if (digits >= 3)
        return TRUE;
    }

  return FALSE;
}

/* A year written with two digits ("31/12/30") is the one nearest to today:
 * GLib's own rule would read a due date in 2031 as 1931. */
static GDate *
nearest_century (GDate *date)
{
  g_autoptr(GDate) today = rapport_date_new_today ();
  int year = g_date_get_year (date);
  int this_year = g_date_get_year (today);

  while (year < this_year - 50)
    year += 100;
  while (year > this_year + 50)
    year -= 100;

  if (year < 1 || !g_date_valid_dmy (g_date_get_day (date), g_date_get_month (date), year))
    {
      g_date_free (date);
      return NULL;
    }

  g_date_set_year (date, year);
  return date;
}

static GDate *
parse_day (const char  *text,
           GError     **error)
{
  g_autoptr(GDate) date = NULL;

  /* YYYY-MM-DD is the form Rapport shows, and it is never ambiguous */
  if (g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) &&
      g_ascii_isdigit (text[3]) && text[4] == '-')
    return rapport_date_parse (text, error);

  /* Otherwise the locale's short form (31/12/2025, 12/31/2025…), but only
   * for a whole date: g_date_set_parse() reads "5" as a day of this month. */
  if (strlen (text) >= 6 && strpbrk (text, "/.- ") != NULL)
    {
      date = g_date_new ();
      g_date_set_parse (date, text);
      if (g_date_valid (date) && !has_long_number (text))
        date = nearest_century (g_steal_pointer (&date));
      if (date != NULL && g_date_valid (date))
        return g_steal_pointer (&date);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a date; write it as YYYY-MM-DD"), text);
  return NULL;
}

static gboolean
parse_time (const char  *text,
            int         *hour,
            int         *minute,
            GError     **error)
{
  guint h = 0, m = 0;
  int consumed = 0;

  if (sscanf (text, "%2u:%2u%n", &h, &m, &consumed) == 2 &&
      (text[consumed] == '\0' || (text[consumed] == ':' && strlen (text + consumed) == 3)) &&
      h < 24 && m < 60)
    {
      *hour = (int) h;
      *minute = (int) m;
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a time of day; write it as HH:MM"), text);
  return FALSE;
}

static GDateTime *
parse_moment (RapportDateRow  *self,
              const char      *text,
              GError         **error)
{
  g_autofree char *day_text = g_strdup (text);
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *time_text;
  int hour = 0, minute = 0;

  time_text = strpbrk (day_text, " T");
  if (time_text != NULL)
    {
      *time_text++ = '\0';
      g_strstrip (time_text);
    }

  if ((day = parse_day (day_text, error)) == NULL)
    return NULL;

  if (time_text != NULL && *time_text != '\0')
    {
      if (!parse_time (time_text, &hour, &minute, error))
        return NULL;
    }
  else
    {
      /* A day alone keeps the time of day last shown, even if the text was
       * emptied on the way (replacing a selection does that) */
      hour = self->hour;
      minute = self->minute;
    }

  local = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                 g_date_get_day (day), hour, minute, 0);
  if (local == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date; write it as YYYY-MM-DD"), text);
      return NULL;
    }

  return g_date_time_to_utc (local);
}

static void
set_error (RapportDateRow *self,
           const char     *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
      gtk_label_set_text (self->hint, self->include_time ? _("Not a date and time")
                                                         : _("Not a date"));
      _rapport_widget_set_tooltip_text (GTK_WIDGET (self->hint), message);
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
      _rapport_widget_set_tooltip_text (GTK_WIDGET (self->hint), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The day in words next to the digits, so that a typo shows at once */
static void
update_hint (RapportDateRow *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (self->moment != NULL)
    local = g_date_time_to_local (self->moment);
  else if (self->date != NULL)
    local = g_date_time_new_local (g_date_get_year (self->date), g_date_get_month (self->date),
                                   g_date_get_day (self->date), 12, 0, 0);

  if (local == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->hint), FALSE);
      return;
    }

  /* TRANSLATORS: a short day shown next to a date entry, see strftime(3) */
  text = _rapport_date_time_format (local, _("%a %-d %b %Y"));
  gtk_label_set_text (self->hint, text);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
}

static void
remember_time (RapportDateRow *self)
{
  g_autoptr(GDateTime) local = NULL;

  if (self->moment == NULL)
    return;

  local = g_date_time_to_local (self->moment);
  self->hour = g_date_time_get_hour (local);
  self->minute = g_date_time_get_minute (local);
}

static void
show_value (RapportDateRow *self)
{
  g_autofree char *text = NULL;

  remember_time (self);

  if (self->include_time && self->moment != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (self->moment);

      text = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }
  else if (!self->include_time && self->date != NULL)
    text = rapport_date_to_iso (self->date);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  self->updating = FALSE;

  set_error (self, NULL);
  update_hint (self);
}

static void
changed_cb (RapportDateRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  if (*text == '\0')
    {
      g_clear_pointer (&self->date, g_date_free);
      g_clear_pointer (&self->moment, g_date_time_unref);
    }
  else if (self->include_time)
    {
      g_autoptr(GDateTime) moment = parse_moment (self, text, &error);

      if (moment != NULL)
        {
          g_clear_pointer (&self->moment, g_date_time_unref);
          self->moment = g_steal_pointer (&moment);
          remember_time (self);
        }
    }
  else
    {
      g_autoptr(GDate) date = parse_day (text, &error);

      if (date != NULL)
        {
          g_clear_pointer (&self->date, g_date_free);
          self->date = g_steal_pointer (&date);
        }
    }

  if (error != NULL)
    {
      set_error (self, error->message);
      return;
    }

  set_error (self, NULL);
  update_hint (self);
  g_signal_emit (self, signals[DATE_CHANGED], 0);
}

static void
rapport_date_row_finalize (GObject *object)
{
  RapportDateRow *self = (RapportDateRow *)object;

  g_clear_pointer (&self->date, g_date_free);
  g_clear_pointer (&self->moment, g_date_time_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (rapport_date_row_parent_class)->finalize (object);
}

static void
rapport_date_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportDateRow *self = RAPPORT_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_TIME:
      g_value_set_boolean (value, self->include_time);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_date_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportDateRow *self = RAPPORT_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_TIME:
      rapport_date_row_set_include_time (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_date_row_class_init (RapportDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_date_row_finalize;
  object_class->get_property = rapport_date_row_get_property;
  object_class->set_property = rapport_date_row_set_property;

  properties[PROP_INCLUDE_TIME] =
    g_param_spec_boolean ("include-time", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Why the text is not a date, in words; NULL when it is one */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportDateRow::date-changed:
   *
   * The user typed a valid date (or emptied the row).
   */
  signals[DATE_CHANGED] =
    g_signal_new ("date-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rapport_date_row_init (RapportDateRow *self)
{
  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->hint));

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), GTK_INPUT_PURPOSE_FREE_FORM);
  _rapport_widget_set_tooltip_text (GTK_WIDGET (self), _("Write the date as YYYY-MM-DD"));

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
}

GtkWidget *
rapport_date_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_DATE_ROW, NULL);
}

gboolean
rapport_date_row_get_include_time (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), FALSE);

  return self->include_time;
}

void
rapport_date_row_set_include_time (RapportDateRow *self,
                                   gboolean        include_time)
{
  g_return_if_fail (RAPPORT_IS_DATE_ROW (self));

  include_time = !!include_time;
  if (self->include_time == include_time)
    return;

  self->include_time = include_time;
  _rapport_widget_set_tooltip_text (GTK_WIDGET (self),
                                    include_time
                                    ? _("Write the date and time as YYYY-MM-DD HH:MM")
                                    : _("Write the date as YYYY-MM-DD"));
  show_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_TIME]);
}

/**
 * rapport_date_row_dup_date:
 *
 * Returns: (transfer full) (nullable): the last valid day typed or set
 */
GDate *
rapport_date_row_dup_date (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);

  if (self->include_time && self->moment != NULL)
    return rapport_date_new_local (self->moment);

  return self->date != NULL ? rapport_date_copy (self->date) : NULL;
}

void
rapport_date_row_set_date (RapportDateRow *self,
                           const GDate    *date)
{
  g_return_if_fail (RAPPORT_IS_DATE_ROW (self));

  g_clear_pointer (&self->date, g_date_free);
  if (date != NULL && g_date_valid (date))
    self->date = rapport_date_copy (date);
  show_value (self);
}

/**
 * rapport_date_row_dup_moment:
 *
 * Returns: (transfer full) (nullable): the last valid moment typed or set,
 *   in UTC with whole seconds
 */
GDateTime *
rapport_date_row_dup_moment (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);

  return self->moment != NULL ? g_date_time_ref (self->moment) : NULL;
}

void
rapport_date_row_set_moment (RapportDateRow *self,
                             GDateTime      *moment)
{
  g_return_if_fail (RAPPORT_IS_DATE_ROW (self));

  g_clear_pointer (&self->moment, g_date_time_unref);
  if (moment != NULL)
    self->moment = g_date_time_to_utc (moment);
  show_value (self);
}

const char *
rapport_date_row_get_error (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);

  return self->error;
}

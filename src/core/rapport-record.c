/* rapport-record.c: what every stored row has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-record-private.h"

typedef struct
{
  gint64     id;
  char      *uuid;
  GDateTime *created;
  GDateTime *updated;
  GDateTime *deleted_at;
} RapportRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RapportRecord, rapport_record, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-validation-error-quark, rapport_validation_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
_rapport_set_string (char       **field,
                     const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
_rapport_set_date_time (GDateTime **field,
                        GDateTime  *value)
{
  GDateTime *whole = NULL;

  /* The store keeps whole seconds; drop the rest now so that what the user
   * holds is exactly what is saved and exported. */
  if (value != NULL)
    whole = rapport_date_time_new_unix (g_date_time_to_unix (value));

  if (rapport_date_time_equal (*field, whole))
    {
      g_clear_pointer (&whole, g_date_time_unref);
      return FALSE;
    }

  g_clear_pointer (field, g_date_time_unref);
  *field = whole;
  return TRUE;
}

gboolean
_rapport_set_date (GDate       **field,
                   const GDate  *value)
{
  if (rapport_date_equal (*field, value))
    return FALSE;

  g_clear_pointer (field, g_date_free);
  *field = rapport_date_copy (value);
  return TRUE;
}

GDateTime *
_rapport_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return rapport_date_time_new_unix (g_date_time_to_unix (now));
}

static gboolean
check_text (const char  *value,
            const char  *what,
            gboolean     required,
            gsize        max,
            gboolean     max_in_chars,
            GError     **error)
{
  const char *p;

  if (value == NULL)
    value = "";

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_TEXT,
                   _("%s contains bytes that are not valid UTF-8 text"), what);
      return FALSE;
    }

  if (required)
    {
      for (p = value; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          break;

      if (*p == '\0')
        {
          g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_BLANK,
                       _("%s cannot be empty"), what);
          return FALSE;
        }
    }

  if (max_in_chars ? (gsize) g_utf8_strlen (value, -1) > max : strlen (value) > max)
    {
      if (max_in_chars)
        g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG,
                     _("%s is too long (at most %u characters)"), what, (guint) max);
      else
        g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TOO_LONG,
                     _("%s is too long (at most %u MB)"), what, (guint) (max / (1024 * 1024)));
      return FALSE;
    }

  return TRUE;
}

gboolean
_rapport_record_check_short_text (const char  *value,
                                  const char  *what,
                                  gboolean     required,
                                  GError     **error)
{
  return check_text (value, what, required, RAPPORT_SHORT_TEXT_MAX, TRUE, error);
}

gboolean
_rapport_record_check_long_text (const char  *value,
                                 const char  *what,
                                 gboolean     required,
                                 GError     **error)
{
  return check_text (value, what, required, RAPPORT_LONG_TEXT_MAX, FALSE, error);
}

static void
rapport_record_finalize (GObject *object)
{
  RapportRecord *self = (RapportRecord *)object;
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->created, g_date_time_unref);
  g_clear_pointer (&priv->updated, g_date_time_unref);
  g_clear_pointer (&priv->deleted_at, g_date_time_unref);

  G_OBJECT_CLASS (rapport_record_parent_class)->finalize (object);
}

static void
rapport_record_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportRecord *self = RAPPORT_RECORD (object);
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, priv->created);
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, priv->updated);
      break;

    case PROP_DELETED_AT:
      g_value_set_boxed (value, priv->deleted_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_record_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportRecord *self = RAPPORT_RECORD (object);

  switch (prop_id)
    {
    case PROP_UUID:
      rapport_record_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      rapport_record_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED:
      rapport_record_set_updated (self, g_value_get_boxed (value));
      break;

    case PROP_DELETED_AT:
      rapport_record_set_deleted_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_record_constructed (GObject *object)
{
  RapportRecord *self = RAPPORT_RECORD (object);
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  G_OBJECT_CLASS (rapport_record_parent_class)->constructed (object);

  /* A record made in memory is new: give it an identity now, so that it
   * keeps one through export and import. The store overwrites these when it
   * loads a row. */
  if (priv->uuid == NULL)
    priv->uuid = g_uuid_string_random ();
  if (priv->created == NULL)
    priv->created = _rapport_now ();
  if (priv->updated == NULL)
    priv->updated = g_date_time_ref (priv->created);
}

static void
rapport_record_class_init (RapportRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_record_constructed;
  object_class->finalize = rapport_record_finalize;
  object_class->get_property = rapport_record_get_property;
  object_class->set_property = rapport_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Construct properties: a record given its identity when it is made
   * (as an import's rows are) is not given a random one first */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED_AT] =
    g_param_spec_boxed ("deleted-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_record_init (RapportRecord *self)
{
}

gint64
rapport_record_get_id (RapportRecord *self)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), 0);

  return priv->id;
}

void
_rapport_record_set_id (RapportRecord *self,
                        gint64         id)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_assert (RAPPORT_IS_RECORD (self));

  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
rapport_record_get_uuid (RapportRecord *self)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), NULL);

  return priv->uuid;
}

void
rapport_record_set_uuid (RapportRecord *self,
                         const char    *uuid)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_RECORD (self));

  if (_rapport_set_string (&priv->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

GDateTime *
rapport_record_get_created (RapportRecord *self)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), NULL);

  return priv->created;
}

void
rapport_record_set_created (RapportRecord *self,
                            GDateTime     *created)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_RECORD (self));

  if (_rapport_set_date_time (&priv->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
rapport_record_get_updated (RapportRecord *self)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), NULL);

  return priv->updated;
}

void
rapport_record_set_updated (RapportRecord *self,
                            GDateTime     *updated)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_RECORD (self));

  if (_rapport_set_date_time (&priv->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

GDateTime *
rapport_record_get_deleted_at (RapportRecord *self)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), NULL);

  return priv->deleted_at;
}

void
rapport_record_set_deleted_at (RapportRecord *self,
                               GDateTime     *deleted_at)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);

  g_return_if_fail (RAPPORT_IS_RECORD (self));

  if (_rapport_set_date_time (&priv->deleted_at, deleted_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gboolean
rapport_record_is_trashed (RapportRecord *self)
{
  return rapport_record_get_deleted_at (self) != NULL;
}

/* The text and date properties of @klass, which every validation
 * checks: listed once per class, since g_object_class_list_properties()
 * for each record took 7 % of an import (callgrind). Kept for the life of
 * the program, as the classes are. */
static GPtrArray *
checked_properties (GObjectClass *klass)
{
  static GMutex lock;
  static GHashTable *by_type;
  GPtrArray *checked;

  g_mutex_lock (&lock);
  if (by_type == NULL)
    by_type = g_hash_table_new (NULL, NULL);

  checked = g_hash_table_lookup (by_type, GSIZE_TO_POINTER (G_OBJECT_CLASS_TYPE (klass)));
  if (checked == NULL)
    {
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (klass, &n_pspecs);
      checked = g_ptr_array_new ();
      for (guint i = 0; i < n_pspecs; i++)
        if (pspecs[i]->value_type == G_TYPE_STRING || pspecs[i]->value_type == G_TYPE_DATE ||
            pspecs[i]->value_type == G_TYPE_DATE_TIME)
          {
            /* See get_checked_value() */
            g_assert (g_param_spec_get_redirect_target (pspecs[i]) == NULL);
            g_ptr_array_add (checked, pspecs[i]);
          }
      g_hash_table_insert (by_type, GSIZE_TO_POINTER (G_OBJECT_CLASS_TYPE (klass)), checked);
    }
  g_mutex_unlock (&lock);

  return checked;
}

/* A property's value, as g_object_get_property() reads it but without
 * looking its name up: validation reads every text and date of every
 * record that an import reads, and the lookups took a sixth of a
 * restore's reading thread (callgrind). The record classes override no
 * property (checked_properties() asserts it for those read here), so the
 * class that installed a property is the one that reads it. */
static void
get_checked_value (GObject    *object,
                   GParamSpec *pspec,
                   GValue     *value)
{
  GObjectClass *klass = g_type_class_peek (pspec->owner_type);

  g_value_init (value, pspec->value_type);
  klass->get_property (object, pspec->param_id, value, pspec);
}

/**
 * _rapport_uuid_is_valid:
 *
 * As g_uuid_string_is_valid(): 36 characters, hexadecimal digits with
 * hyphens at 8, 13, 18 and 23. GLib's looks each digit's value up with a
 * call: a tenth of an import's checks, which check a UUID a row and one
 * for each reference.
 */
gboolean
_rapport_uuid_is_valid (const char *text)
{
  guint i;

  for (i = 0; i < 36 && text[i] != '\0'; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return i == 36 && text[i] == '\0';
}

/* The checks every text and date property gets */
static gboolean
check_value (GParamSpec    *pspec,
             const GValue  *value,
             GError       **error)
{
  gpointer boxed;
  int year;

  if (pspec->value_type == G_TYPE_STRING)
    return _rapport_record_check_long_text (g_value_get_string (value), pspec->name, FALSE, error);

  boxed = g_value_get_boxed (value);
  if (boxed == NULL)
    return TRUE;
  if (pspec->value_type == G_TYPE_DATE)
    {
      if (!g_date_valid (boxed))
        return TRUE;
      year = g_date_get_year (boxed);
    }
  else
    year = g_date_time_get_year (boxed);

  if (year < RAPPORT_DATE_MIN_YEAR || year > RAPPORT_DATE_MAX_YEAR)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("The year %d is out of range (%d to %d)"),
                   year, RAPPORT_DATE_MIN_YEAR, RAPPORT_DATE_MAX_YEAR);
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_record_validate:
 * @self: a record
 * @error: where to put a message for the user
 *
 * Checks that the record may be saved as it is: text is valid UTF-8 of a
 * reasonable size, required fields are filled, dates are real dates in a
 * sensible order and statuses moved along allowed transitions.
 */
gboolean
rapport_record_validate (RapportRecord  *self,
                         GError        **error)
{
  g_return_val_if_fail (RAPPORT_IS_RECORD (self), FALSE);

  return _rapport_record_validate_values (self, NULL, NULL, error);
}

/**
 * _rapport_record_validate_values:
 * @pspecs: (nullable): properties of @self's class
 * @values: (nullable): their values, as set on @self
 *
 * rapport_record_validate(), which reads the values of @pspecs from
 * @values instead of from @self: an import validates every row it has
 * just set (reading them back copied every text, a sixth of a restore's
 * reading thread).
 */
gboolean
_rapport_record_validate_values (RapportRecord  *self,
                                 GPtrArray      *pspecs,
                                 const GValue   *values,
                                 GError        **error)
{
  RapportRecordPrivate *priv = rapport_record_get_instance_private (self);
  GPtrArray *checked;

  g_return_val_if_fail (RAPPORT_IS_RECORD (self), FALSE);
  g_return_val_if_fail ((pspecs == NULL) == (values == NULL), FALSE);

  if (priv->uuid == NULL || !_rapport_uuid_is_valid (priv->uuid))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a valid UUID"), priv->uuid != NULL ? priv->uuid : "");
      return FALSE;
    }

  /* A last line of defence for every text and date property, including
   * those a subclass does not check itself: never store invalid UTF-8, nor
   * a year that could not be read back. */
  checked = checked_properties (G_OBJECT_GET_CLASS (self));
  for (guint i = 0; i < checked->len; i++)
    {
      GParamSpec *pspec = checked->pdata[i];
      const GValue *given = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      for (guint k = 0; pspecs != NULL && k < pspecs->len && given == NULL; k++)
        if (pspecs->pdata[k] == pspec)
          given = &values[k];

      if (given == NULL)
        {
          get_checked_value (G_OBJECT (self), pspec, &value);
          given = &value;
        }

      if (!check_value (pspec, given, error))
        return FALSE;
    }

  if (RAPPORT_RECORD_GET_CLASS (self)->validate != NULL)
    return RAPPORT_RECORD_GET_CLASS (self)->validate (self, error);

  return TRUE;
}

void
_rapport_record_mark_saved (RapportRecord *self)
{
  g_assert (RAPPORT_IS_RECORD (self));

  if (RAPPORT_RECORD_GET_CLASS (self)->mark_saved != NULL)
    RAPPORT_RECORD_GET_CLASS (self)->mark_saved (self);
}

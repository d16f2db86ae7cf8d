/* rapport-lesson.c: a mistake, why it happened and how to avoid it next time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-lesson"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-lesson.h"
#include "rapport-record-private.h"

struct _RapportLesson
{
  RapportRecord parent_instance;

  gint64 client_id;
  gint64 commitment_id;
  gint64 feedback_id;
  GDate *occurred_on;
  char *what_happened;
  char *cause;
  char *prevention;
  RapportApology apology;
  GDateTime *apologized_at;
  char *tags;
  GDateTime *reviewed_at;
};

G_DEFINE_FINAL_TYPE (RapportLesson, rapport_lesson, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_COMMITMENT_ID,
  PROP_FEEDBACK_ID,
  PROP_OCCURRED_ON,
  PROP_WHAT_HAPPENED,
  PROP_CAUSE,
  PROP_PREVENTION,
  PROP_APOLOGY,
  PROP_APOLOGIZED_AT,
  PROP_TAGS,
  PROP_REVIEWED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_lesson_validate (RapportRecord  *record,
                         GError        **error)
{
  RapportLesson *self = RAPPORT_LESSON (record);

  if (!_rapport_record_check_long_text (self->what_happened, _("What happened"), TRUE, error) ||
      !_rapport_record_check_long_text (self->cause, _("Why it happened"), FALSE, error) ||
      !_rapport_record_check_long_text (self->prevention, _("How to avoid it"), FALSE, error) ||
      !_rapport_record_check_short_text (self->tags, _("The tags"), FALSE, error))
    return FALSE;

  if (self->occurred_on == NULL || !g_date_valid (self->occurred_on))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR,
                   self->occurred_on == NULL ? RAPPORT_VALIDATION_ERROR_MISSING
                                             : RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("Say on which day it happened"));
      return FALSE;
    }

  if (self->apology == RAPPORT_APOLOGY_MADE && self->apologized_at == NULL)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Say when the apology was made"));
      return FALSE;
    }

  return TRUE;
}

static void
rapport_lesson_finalize (GObject *object)
{
  RapportLesson *self = (RapportLesson *)object;

  g_clear_pointer (&self->occurred_on, g_date_free);
  g_clear_pointer (&self->what_happened, g_free);
  g_clear_pointer (&self->cause, g_free);
  g_clear_pointer (&self->prevention, g_free);
  g_clear_pointer (&self->apologized_at, g_date_time_unref);
  g_clear_pointer (&self->tags, g_free);
  g_clear_pointer (&self->reviewed_at, g_date_time_unref);

  G_OBJECT_CLASS (rapport_lesson_parent_class)->finalize (object);
}

static void
rapport_lesson_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportLesson *self = RAPPORT_LESSON (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;

    case PROP_FEEDBACK_ID:
      g_value_set_int64 (value, self->feedback_id);
      break;

    case PROP_OCCURRED_ON:
      g_value_set_boxed (value, self->occurred_on);
      break;

    case PROP_WHAT_HAPPENED:
      g_value_set_string (value, self->what_happened);
      break;

    case PROP_CAUSE:
      g_value_set_string (value, self->cause);
      break;

    case PROP_PREVENTION:
      g_value_set_string (value, self->prevention);
      break;

    case PROP_APOLOGY:
      g_value_set_enum (value, self->apology);
      break;

    case PROP_APOLOGIZED_AT:
      g_value_set_boxed (value, self->apologized_at);
      break;

    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;

    case PROP_REVIEWED_AT:
      g_value_set_boxed (value, self->reviewed_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_lesson_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportLesson *self = RAPPORT_LESSON (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      rapport_lesson_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_COMMITMENT_ID:
      rapport_lesson_set_commitment_id (self, g_value_get_int64 (value));
      break;

    case PROP_FEEDBACK_ID:
      rapport_lesson_set_feedback_id (self, g_value_get_int64 (value));
      break;

    case PROP_OCCURRED_ON:
      rapport_lesson_set_occurred_on (self, g_value_get_boxed (value));
      break;

    case PROP_WHAT_HAPPENED:
      rapport_lesson_set_what_happened (self, g_value_get_string (value));
      break;

    case PROP_CAUSE:
      rapport_lesson_set_cause (self, g_value_get_string (value));
      break;

    case PROP_PREVENTION:
      rapport_lesson_set_prevention (self, g_value_get_string (value));
      break;

    case PROP_APOLOGY:
      rapport_lesson_set_apology (self, g_value_get_enum (value));
      break;

    case PROP_APOLOGIZED_AT:
      rapport_lesson_set_apologized_at (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      rapport_lesson_set_tags (self, g_value_get_string (value));
      break;

    case PROP_REVIEWED_AT:
      rapport_lesson_set_reviewed_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_lesson_class_init (RapportLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_lesson_finalize;
  object_class->get_property = rapport_lesson_get_property;
  object_class->set_property = rapport_lesson_set_property;

  record_class->validate = rapport_lesson_validate;

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FEEDBACK_ID] =
    g_param_spec_int64 ("feedback-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OCCURRED_ON] =
    g_param_spec_boxed ("occurred-on", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WHAT_HAPPENED] =
    g_param_spec_string ("what-happened", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAUSE] =
    g_param_spec_string ("cause", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PREVENTION] =
    g_param_spec_string ("prevention", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_APOLOGY] =
    g_param_spec_enum ("apology", NULL, NULL,
                       RAPPORT_TYPE_APOLOGY,
                       RAPPORT_APOLOGY_NOT_NEEDED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_APOLOGIZED_AT] =
    g_param_spec_boxed ("apologized-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_string ("tags", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REVIEWED_AT] =
    g_param_spec_boxed ("reviewed-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_lesson_init (RapportLesson *self)
{
  self->occurred_on = rapport_date_new_today ();
}

RapportLesson *
rapport_lesson_new (const char  *what_happened)
{
  return g_object_new (RAPPORT_TYPE_LESSON,
                       "what-happened", what_happened,
                       NULL);
}

gint64
rapport_lesson_get_client_id (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), 0);

  return self->client_id;
}

void
rapport_lesson_set_client_id (RapportLesson  *self,
                              gint64          client_id)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (self->client_id != client_id)
    {
      self->client_id = client_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

gint64
rapport_lesson_get_commitment_id (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), 0);

  return self->commitment_id;
}

void
rapport_lesson_set_commitment_id (RapportLesson  *self,
                                  gint64          commitment_id)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (self->commitment_id != commitment_id)
    {
      self->commitment_id = commitment_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITMENT_ID]);
    }
}

gint64
rapport_lesson_get_feedback_id (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), 0);

  return self->feedback_id;
}

void
rapport_lesson_set_feedback_id (RapportLesson  *self,
                                gint64          feedback_id)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (self->feedback_id != feedback_id)
    {
      self->feedback_id = feedback_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK_ID]);
    }
}

const GDate *
rapport_lesson_get_occurred_on (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->occurred_on;
}

void
rapport_lesson_set_occurred_on (RapportLesson  *self,
                                const GDate    *occurred_on)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_date (&self->occurred_on, occurred_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_ON]);
}

const char *
rapport_lesson_get_what_happened (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->what_happened;
}

void
rapport_lesson_set_what_happened (RapportLesson  *self,
                                  const char     *what_happened)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_string (&self->what_happened, what_happened))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHAT_HAPPENED]);
}

const char *
rapport_lesson_get_cause (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->cause;
}

void
rapport_lesson_set_cause (RapportLesson  *self,
                          const char     *cause)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_string (&self->cause, cause))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAUSE]);
}

const char *
rapport_lesson_get_prevention (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->prevention;
}

void
rapport_lesson_set_prevention (RapportLesson  *self,
                               const char     *prevention)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_string (&self->prevention, prevention))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVENTION]);
}

RapportApology
rapport_lesson_get_apology (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), RAPPORT_APOLOGY_NOT_NEEDED);

  return self->apology;
}

void
rapport_lesson_set_apology (RapportLesson  *self,
                            RapportApology  apology)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (self->apology != apology)
    {
      self->apology = apology;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APOLOGY]);
    }
}

GDateTime *
rapport_lesson_get_apologized_at (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->apologized_at;
}

void
rapport_lesson_set_apologized_at (RapportLesson  *self,
                                  GDateTime      *apologized_at)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_date_time (&self->apologized_at, apologized_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APOLOGIZED_AT]);
}

const char *
rapport_lesson_get_tags (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->tags;
}

void
rapport_lesson_set_tags (RapportLesson  *self,
                         const char     *tags)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_string (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

GDateTime *
rapport_lesson_get_reviewed_at (RapportLesson *self)
{
  g_return_val_if_fail (RAPPORT_IS_LESSON (self), NULL);

  return self->reviewed_at;
}

void
rapport_lesson_set_reviewed_at (RapportLesson  *self,
                                GDateTime      *reviewed_at)
{
  g_return_if_fail (RAPPORT_IS_LESSON (self));

  if (_rapport_set_date_time (&self->reviewed_at, reviewed_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWED_AT]);
}

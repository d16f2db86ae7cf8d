/* rapport-feedback.c: a critique, adjustment request or praise received from a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-feedback"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-feedback.h"
#include "rapport-record-private.h"

struct _RapportFeedback
{
  RapportRecord parent_instance;

  gint64 client_id;
  gint64 commitment_id;
  GDateTime *received_at;
  RapportFeedbackKind kind;
  char *content;
  char *response;
  RapportFeedbackStatus status;
  GDateTime *acknowledged_at;
  GDateTime *resolved_at;
  char *decline_reason;

  /* The status as last saved: a transition is checked against it */
  RapportFeedbackStatus saved_status;
};

G_DEFINE_FINAL_TYPE (RapportFeedback, rapport_feedback, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_COMMITMENT_ID,
  PROP_RECEIVED_AT,
  PROP_KIND,
  PROP_CONTENT,
  PROP_RESPONSE,
  PROP_STATUS,
  PROP_ACKNOWLEDGED_AT,
  PROP_RESOLVED_AT,
  PROP_DECLINE_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_feedback_validate (RapportRecord  *record,
                           GError        **error)
{
  RapportFeedback *self = RAPPORT_FEEDBACK (record);

  if (self->client_id <= 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Choose the client who gave this feedback"));
      return FALSE;
    }

  if (!_rapport_record_check_long_text (self->content, _("What was said"), TRUE, error) ||
      !_rapport_record_check_long_text (self->response, _("The response"), FALSE, error))
    return FALSE;

  if (self->received_at == NULL)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Say when the feedback was received"));
      return FALSE;
    }

  if (!rapport_feedback_status_transition_allowed (self->saved_status, self->status))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TRANSITION,
                   _("Feedback that was addressed or declined can only be reopened "
                     "as acknowledged"));
      return FALSE;
    }

  if (self->status == RAPPORT_FEEDBACK_STATUS_DECLINED &&
      !_rapport_record_check_long_text (self->decline_reason, _("The reason for declining"),
                                        TRUE, error))
    return FALSE;

  if (self->acknowledged_at != NULL &&
      g_date_time_compare (self->acknowledged_at, self->received_at) < 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                   _("Feedback cannot be acknowledged before it was received"));
      return FALSE;
    }

  if (self->resolved_at != NULL &&
      g_date_time_compare (self->resolved_at, self->received_at) < 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                   _("Feedback cannot be resolved before it was received"));
      return FALSE;
    }

  return TRUE;
}

static void
rapport_feedback_mark_saved (RapportRecord *record)
{
  RapportFeedback *self = RAPPORT_FEEDBACK (record);

  self->saved_status = self->status;
}

/**
 * rapport_feedback_status_transition_allowed:
 *
 * Open feedback can be acknowledged, addressed or declined; acknowledged
 * feedback can be addressed or declined; addressed or declined feedback can
 * be reopened as acknowledged, since it was received and read already.
 */
gboolean
rapport_feedback_status_transition_allowed (RapportFeedbackStatus from,
                                            RapportFeedbackStatus to)
{
  if (from == to)
    return TRUE;

  switch (from)
    {
    case RAPPORT_FEEDBACK_STATUS_OPEN:
      return TRUE;

    case RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED:
      return to != RAPPORT_FEEDBACK_STATUS_OPEN;

    case RAPPORT_FEEDBACK_STATUS_ADDRESSED:
    case RAPPORT_FEEDBACK_STATUS_DECLINED:
      return to == RAPPORT_FEEDBACK_STATUS_ACKNOWLEDGED;

    default:
      return FALSE;
    }
}

static void
rapport_feedback_finalize (GObject *object)
{
  RapportFeedback *self = (RapportFeedback *)object;

  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->response, g_free);
  g_clear_pointer (&self->acknowledged_at, g_date_time_unref);
  g_clear_pointer (&self->resolved_at, g_date_time_unref);
  g_clear_pointer (&self->decline_reason, g_free);

  G_OBJECT_CLASS (rapport_feedback_parent_class)->finalize (object);
}

static void
rapport_feedback_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportFeedback *self = RAPPORT_FEEDBACK (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_boxed (value, self->received_at);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_RESPONSE:
      g_value_set_string (value, self->response);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_ACKNOWLEDGED_AT:
      g_value_set_boxed (value, self->acknowledged_at);
      break;

    case PROP_RESOLVED_AT:
      g_value_set_boxed (value, self->resolved_at);
      break;

    case PROP_DECLINE_REASON:
      g_value_set_string (value, self->decline_reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_feedback_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportFeedback *self = RAPPORT_FEEDBACK (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      rapport_feedback_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_COMMITMENT_ID:
      rapport_feedback_set_commitment_id (self, g_value_get_int64 (value));
      break;

    case PROP_RECEIVED_AT:
      rapport_feedback_set_received_at (self, g_value_get_boxed (value));
      break;

    case PROP_KIND:
      rapport_feedback_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_CONTENT:
      rapport_feedback_set_content (self, g_value_get_string (value));
      break;

    case PROP_RESPONSE:
      rapport_feedback_set_response (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      rapport_feedback_set_status (self, g_value_get_enum (value));
      break;

    case PROP_ACKNOWLEDGED_AT:
      rapport_feedback_set_acknowledged_at (self, g_value_get_boxed (value));
      break;

    case PROP_RESOLVED_AT:
      rapport_feedback_set_resolved_at (self, g_value_get_boxed (value));
      break;

    case PROP_DECLINE_REASON:
      rapport_feedback_set_decline_reason (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_feedback_class_init (RapportFeedbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_feedback_finalize;
  object_class->get_property = rapport_feedback_get_property;
  object_class->set_property = rapport_feedback_set_property;

  record_class->validate = rapport_feedback_validate;
  record_class->mark_saved = rapport_feedback_mark_saved;

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECEIVED_AT] =
    g_param_spec_boxed ("received-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       RAPPORT_TYPE_FEEDBACK_KIND,
                       RAPPORT_FEEDBACK_KIND_ADJUSTMENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESPONSE] =
    g_param_spec_string ("response", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RAPPORT_TYPE_FEEDBACK_STATUS,
                       RAPPORT_FEEDBACK_STATUS_OPEN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACKNOWLEDGED_AT] =
    g_param_spec_boxed ("acknowledged-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOLVED_AT] =
    g_param_spec_boxed ("resolved-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DECLINE_REASON] =
    g_param_spec_string ("decline-reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_feedback_init (RapportFeedback *self)
{
  self->received_at = _rapport_now ();
}

RapportFeedback *
rapport_feedback_new (gint64       client_id,
                      const char  *content)
{
  return g_object_new (RAPPORT_TYPE_FEEDBACK,
                       "client-id", client_id,
                       "content", content,
                       NULL);
}

gint64
rapport_feedback_get_client_id (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), 0);

  return self->client_id;
}

void
rapport_feedback_set_client_id (RapportFeedback  *self,
                                gint64            client_id)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (self->client_id != client_id)
    {
      self->client_id = client_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

gint64
rapport_feedback_get_commitment_id (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), 0);

  return self->commitment_id;
}

void
rapport_feedback_set_commitment_id (RapportFeedback  *self,
                                    gint64            commitment_id)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (self->commitment_id != commitment_id)
    {
      self->commitment_id = commitment_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITMENT_ID]);
    }
}

GDateTime *
rapport_feedback_get_received_at (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->received_at;
}

void
rapport_feedback_set_received_at (RapportFeedback  *self,
                                  GDateTime        *received_at)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_date_time (&self->received_at, received_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_AT]);
}

RapportFeedbackKind
rapport_feedback_get_kind (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), RAPPORT_FEEDBACK_KIND_ADJUSTMENT);

  return self->kind;
}

void
rapport_feedback_set_kind (RapportFeedback     *self,
                           RapportFeedbackKind  kind)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
rapport_feedback_get_content (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->content;
}

void
rapport_feedback_set_content (RapportFeedback  *self,
                              const char       *content)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_string (&self->content, content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

const char *
rapport_feedback_get_response (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->response;
}

void
rapport_feedback_set_response (RapportFeedback  *self,
                               const char       *response)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_string (&self->response, response))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSE]);
}

RapportFeedbackStatus
rapport_feedback_get_status (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), RAPPORT_FEEDBACK_STATUS_OPEN);

  return self->status;
}

void
rapport_feedback_set_status (RapportFeedback       *self,
                             RapportFeedbackStatus  status)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

GDateTime *
rapport_feedback_get_acknowledged_at (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->acknowledged_at;
}

void
rapport_feedback_set_acknowledged_at (RapportFeedback  *self,
                                      GDateTime        *acknowledged_at)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_date_time (&self->acknowledged_at, acknowledged_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACKNOWLEDGED_AT]);
}

GDateTime *
rapport_feedback_get_resolved_at (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->resolved_at;
}

void
rapport_feedback_set_resolved_at (RapportFeedback  *self,
                                  GDateTime        *resolved_at)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_date_time (&self->resolved_at, resolved_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED_AT]);
}

const char *
rapport_feedback_get_decline_reason (RapportFeedback *self)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (self), NULL);

  return self->decline_reason;
}

void
rapport_feedback_set_decline_reason (RapportFeedback  *self,
                                     const char       *decline_reason)
{
  g_return_if_fail (RAPPORT_IS_FEEDBACK (self));

  if (_rapport_set_string (&self->decline_reason, decline_reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECLINE_REASON]);
}

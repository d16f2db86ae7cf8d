/* rapport-renegotiation.c: a due date that moved, whether the client was
 * told and whether they agreed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-renegotiation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-renegotiation.h"
#include "rapport-record-private.h"

struct _RapportRenegotiation
{
  RapportRecord parent_instance;

  gint64 commitment_id;
  GDate *old_due;
  GDate *new_due;
  char *reason;
  gboolean client_told;
  gboolean client_agreed;
  GDateTime *renegotiated_at;
};

G_DEFINE_FINAL_TYPE (RapportRenegotiation, rapport_renegotiation, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_COMMITMENT_ID,
  PROP_OLD_DUE,
  PROP_NEW_DUE,
  PROP_REASON,
  PROP_CLIENT_TOLD,
  PROP_CLIENT_AGREED,
  PROP_RENEGOTIATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_renegotiation_validate (RapportRecord  *record,
                                GError        **error)
{
  RapportRenegotiation *self = RAPPORT_RENEGOTIATION (record);

  if (self->commitment_id <= 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("A renegotiation belongs to a commitment"));
      return FALSE;
    }

  if (self->old_due == NULL || !g_date_valid (self->old_due) ||
      self->new_due == NULL || !g_date_valid (self->new_due))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("A renegotiation needs the old and the new due date"));
      return FALSE;
    }

  if (g_date_compare (self->old_due, self->new_due) == 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("The new due date is the same as the old one"));
      return FALSE;
    }

  if (!_rapport_record_check_long_text (self->reason, _("The reason"), TRUE, error))
    return FALSE;

  if (self->client_agreed && !self->client_told)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID,
                   _("A client who was not told of the new date cannot have agreed to it"));
      return FALSE;
    }

  if (self->renegotiated_at == NULL)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Say when the date was renegotiated"));
      return FALSE;
    }

  return TRUE;
}

/**
 * rapport_renegotiation_is_late:
 *
 * Whether the date was moved only after the old due date had passed.
 */
gboolean
rapport_renegotiation_is_late (RapportRenegotiation *self)
{
  g_autoptr(GDate) day = NULL;

  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), FALSE);

  if (self->renegotiated_at == NULL || self->old_due == NULL)
    return FALSE;

  day = rapport_date_new_local (self->renegotiated_at);
  return g_date_compare (day, self->old_due) > 0;
}

static void
rapport_renegotiation_finalize (GObject *object)
{
  RapportRenegotiation *self = (RapportRenegotiation *)object;

  g_clear_pointer (&self->old_due, g_date_free);
  g_clear_pointer (&self->new_due, g_date_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->renegotiated_at, g_date_time_unref);

  G_OBJECT_CLASS (rapport_renegotiation_parent_class)->finalize (object);
}

static void
rapport_renegotiation_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportRenegotiation *self = RAPPORT_RENEGOTIATION (object);

  switch (prop_id)
    {
    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;

    case PROP_OLD_DUE:
      g_value_set_boxed (value, self->old_due);
      break;

    case PROP_NEW_DUE:
      g_value_set_boxed (value, self->new_due);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_CLIENT_TOLD:
      g_value_set_boolean (value, self->client_told);
      break;

    case PROP_CLIENT_AGREED:
      g_value_set_boolean (value, self->client_agreed);
      break;

    case PROP_RENEGOTIATED_AT:
      g_value_set_boxed (value, self->renegotiated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_renegotiation_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportRenegotiation *self = RAPPORT_RENEGOTIATION (object);

  switch (prop_id)
    {
    case PROP_COMMITMENT_ID:
      rapport_renegotiation_set_commitment_id (self, g_value_get_int64 (value));
      break;

    case PROP_OLD_DUE:
      rapport_renegotiation_set_old_due (self, g_value_get_boxed (value));
      break;

    case PROP_NEW_DUE:
      rapport_renegotiation_set_new_due (self, g_value_get_boxed (value));
      break;

    case PROP_REASON:
      rapport_renegotiation_set_reason (self, g_value_get_string (value));
      break;

    case PROP_CLIENT_TOLD:
      rapport_renegotiation_set_client_told (self, g_value_get_boolean (value));
      break;

    case PROP_CLIENT_AGREED:
      rapport_renegotiation_set_client_agreed (self, g_value_get_boolean (value));
      break;

    case PROP_RENEGOTIATED_AT:
      rapport_renegotiation_set_renegotiated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_renegotiation_class_init (RapportRenegotiationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_renegotiation_finalize;
  object_class->get_property = rapport_renegotiation_get_property;
  object_class->set_property = rapport_renegotiation_set_property;

  record_class->validate = rapport_renegotiation_validate;

  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OLD_DUE] =
    g_param_spec_boxed ("old-due", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NEW_DUE] =
    g_param_spec_boxed ("new-due", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A move the client was not told of is the one a reputation suffers
   * from most; every renegotiation recorded before this was known is
   * taken as told (migration 7) */
  properties[PROP_CLIENT_TOLD] =
    g_param_spec_boolean ("client-told", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIENT_AGREED] =
    g_param_spec_boolean ("client-agreed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RENEGOTIATED_AT] =
    g_param_spec_boxed ("renegotiated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_renegotiation_init (RapportRenegotiation *self)
{
  self->client_told = TRUE;
  self->renegotiated_at = _rapport_now ();
}

RapportRenegotiation *
rapport_renegotiation_new (gint64 commitment_id)
{
  return g_object_new (RAPPORT_TYPE_RENEGOTIATION,
                       "commitment-id", commitment_id,
                       NULL);
}

gint64
rapport_renegotiation_get_commitment_id (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), 0);

  return self->commitment_id;
}

void
rapport_renegotiation_set_commitment_id (RapportRenegotiation  *self,
                                         gint64                 commitment_id)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  if (self->commitment_id != commitment_id)
    {
      self->commitment_id = commitment_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITMENT_ID]);
    }
}

const GDate *
rapport_renegotiation_get_old_due (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), NULL);

  return self->old_due;
}

void
rapport_renegotiation_set_old_due (RapportRenegotiation  *self,
                                   const GDate           *old_due)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  if (_rapport_set_date (&self->old_due, old_due))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLD_DUE]);
}

const GDate *
rapport_renegotiation_get_new_due (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), NULL);

  return self->new_due;
}

void
rapport_renegotiation_set_new_due (RapportRenegotiation  *self,
                                   const GDate           *new_due)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  if (_rapport_set_date (&self->new_due, new_due))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_DUE]);
}

const char *
rapport_renegotiation_get_reason (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), NULL);

  return self->reason;
}

void
rapport_renegotiation_set_reason (RapportRenegotiation  *self,
                                  const char            *reason)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  if (_rapport_set_string (&self->reason, reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

gboolean
rapport_renegotiation_get_client_told (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), FALSE);

  return self->client_told;
}

void
rapport_renegotiation_set_client_told (RapportRenegotiation  *self,
                                       gboolean               client_told)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  client_told = !!client_told;
  if (self->client_told != client_told)
    {
      self->client_told = client_told;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_TOLD]);
    }
}

gboolean
rapport_renegotiation_get_client_agreed (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), FALSE);

  return self->client_agreed;
}

void
rapport_renegotiation_set_client_agreed (RapportRenegotiation  *self,
                                         gboolean               client_agreed)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  client_agreed = !!client_agreed;
  if (self->client_agreed != client_agreed)
    {
      self->client_agreed = client_agreed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_AGREED]);
    }
}

GDateTime *
rapport_renegotiation_get_renegotiated_at (RapportRenegotiation *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (self), NULL);

  return self->renegotiated_at;
}

void
rapport_renegotiation_set_renegotiated_at (RapportRenegotiation  *self,
                                           GDateTime             *renegotiated_at)
{
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (self));

  if (_rapport_set_date_time (&self->renegotiated_at, renegotiated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENEGOTIATED_AT]);
}

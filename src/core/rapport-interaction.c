/* rapport-interaction.c: a contact with a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-interaction"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-interaction.h"
#include "rapport-record-private.h"

struct _RapportInteraction
{
  RapportRecord parent_instance;

  gint64 client_id;
  GDateTime *occurred_at;
  RapportChannel channel;
  char *summary;
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_OCCURRED_AT,
  PROP_CHANNEL,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_interaction_validate (RapportRecord  *record,
                              GError        **error)
{
  RapportInteraction *self = RAPPORT_INTERACTION (record);

  if (self->client_id <= 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Choose the client you were in contact with"));
      return FALSE;
    }

  if (!_rapport_record_check_long_text (self->summary, _("The summary"), FALSE, error))
    return FALSE;

  if (self->occurred_at == NULL)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Say when the contact happened"));
      return FALSE;
    }

  return TRUE;
}

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = (RapportInteraction *)object;

  g_clear_pointer (&self->occurred_at, g_date_time_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_OCCURRED_AT:
      g_value_set_boxed (value, self->occurred_at);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      rapport_interaction_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_OCCURRED_AT:
      rapport_interaction_set_occurred_at (self, g_value_get_boxed (value));
      break;

    case PROP_CHANNEL:
      rapport_interaction_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_SUMMARY:
      rapport_interaction_set_summary (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_interaction_finalize;
  object_class->get_property = rapport_interaction_get_property;
  object_class->set_property = rapport_interaction_set_property;

  record_class->validate = rapport_interaction_validate;

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OCCURRED_AT] =
    g_param_spec_boxed ("occurred-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       RAPPORT_TYPE_CHANNEL,
                       RAPPORT_CHANNEL_EMAIL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_interaction_init (RapportInteraction *self)
{
  self->occurred_at = _rapport_now ();
}

RapportInteraction *
rapport_interaction_new (gint64 client_id)
{
  return g_object_new (RAPPORT_TYPE_INTERACTION,
                       "client-id", client_id,
                       NULL);
}

gint64
rapport_interaction_get_client_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);

  return self->client_id;
}

void
rapport_interaction_set_client_id (RapportInteraction  *self,
                                   gint64               client_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->client_id != client_id)
    {
      self->client_id = client_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

GDateTime *
rapport_interaction_get_occurred_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->occurred_at;
}

void
rapport_interaction_set_occurred_at (RapportInteraction  *self,
                                     GDateTime           *occurred_at)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (_rapport_set_date_time (&self->occurred_at, occurred_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT]);
}

RapportChannel
rapport_interaction_get_channel (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), RAPPORT_CHANNEL_EMAIL);

  return self->channel;
}

void
rapport_interaction_set_channel (RapportInteraction  *self,
                                 RapportChannel       channel)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (self->channel != channel)
    {
      self->channel = channel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
    }
}

const char *
rapport_interaction_get_summary (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  return self->summary;
}

void
rapport_interaction_set_summary (RapportInteraction  *self,
                                 const char          *summary)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));

  if (_rapport_set_string (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/**
 * rapport_interaction_check_occurred_at:
 * @occurred_at: (nullable): when a contact with a client took place
 * @today: the user's calendar day
 *
 * A contact is something that happened: one dated after @today is a
 * typing mistake, and as the client's last contact it would keep the
 * client off the list of those due an update until that day. Not part of
 * validation, as a clock set wrong on another machine must not make its
 * backup unreadable; the editor checks it where the user types it.
 *
 * Returns: whether @occurred_at is not after @today
 */
gboolean
rapport_interaction_check_occurred_at (GDateTime    *occurred_at,
                                       const GDate  *today,
                                       GError      **error)
{
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_date_moment_after_day (occurred_at, today))
    return TRUE;

  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
               _("A contact cannot be later than today"));
  return FALSE;
}

/* rapport-client.c: someone the freelancer works for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-client.h"
#include "rapport-enum-types.h"
#include "rapport-record-private.h"

/* Longest agreed update cadence: a year */
#define MAX_CADENCE_DAYS 366

struct _RapportClient
{
  RapportRecord        parent_instance;

  char                *name;
  char                *company;
  char                *email;
  char                *phone;
  RapportChannel       channel;
  guint                cadence_days;
  RapportClientStatus  status;
  gboolean             confidential;
  char                *notes;
  GDateTime           *last_contact;
};

G_DEFINE_FINAL_TYPE (RapportClient, rapport_client, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_CHANNEL,
  PROP_CADENCE_DAYS,
  PROP_STATUS,
  PROP_CONFIDENTIAL,
  PROP_NOTES,
  PROP_LAST_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_client_validate (RapportRecord  *record,
                         GError        **error)
{
  RapportClient *self = RAPPORT_CLIENT (record);

  if (!_rapport_record_check_short_text (self->name, _("The name"), TRUE, error) ||
      !_rapport_record_check_short_text (self->company, _("The company"), FALSE, error) ||
      !_rapport_record_check_short_text (self->email, _("The email address"), FALSE, error) ||
      !_rapport_record_check_short_text (self->phone, _("The phone number"), FALSE, error) ||
      !_rapport_record_check_long_text (self->notes, _("The notes"), FALSE, error))
    return FALSE;

  if (self->email != NULL && *self->email != '\0' &&
      (strchr (self->email, '@') == NULL || strchr (self->email, ' ') != NULL))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID,
                   _("“%s” is not an email address"), self->email);
      return FALSE;
    }

  if (self->cadence_days > MAX_CADENCE_DAYS)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID,
                   _("An update cadence can be at most %d days"), MAX_CADENCE_DAYS);
      return FALSE;
    }

  return TRUE;
}

static void
rapport_client_finalize (GObject *object)
{
  RapportClient *self = (RapportClient *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->last_contact, g_date_time_unref);

  G_OBJECT_CLASS (rapport_client_parent_class)->finalize (object);
}

static void
rapport_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportClient *self = RAPPORT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_CADENCE_DAYS:
      g_value_set_uint (value, self->cadence_days);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CONFIDENTIAL:
      g_value_set_boolean (value, self->confidential);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_LAST_CONTACT:
      g_value_set_boxed (value, self->last_contact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportClient *self = RAPPORT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      rapport_client_set_name (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      rapport_client_set_company (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      rapport_client_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      rapport_client_set_phone (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL:
      rapport_client_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_CADENCE_DAYS:
      rapport_client_set_cadence_days (self, g_value_get_uint (value));
      break;

    case PROP_STATUS:
      rapport_client_set_status (self, g_value_get_enum (value));
      break;

    case PROP_CONFIDENTIAL:
      rapport_client_set_confidential (self, g_value_get_boolean (value));
      break;

    case PROP_NOTES:
      rapport_client_set_notes (self, g_value_get_string (value));
      break;

    case PROP_LAST_CONTACT:
      rapport_client_set_last_contact (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_class_init (RapportClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_client_finalize;
  object_class->get_property = rapport_client_get_property;
  object_class->set_property = rapport_client_set_property;

  record_class->validate = rapport_client_validate;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       RAPPORT_TYPE_CHANNEL,
                       RAPPORT_CHANNEL_EMAIL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CADENCE_DAYS] =
    g_param_spec_uint ("cadence-days", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RAPPORT_TYPE_CLIENT_STATUS,
                       RAPPORT_CLIENT_STATUS_ACTIVE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONFIDENTIAL] =
    g_param_spec_boolean ("confidential", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_CONTACT] =
    g_param_spec_boxed ("last-contact", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_client_init (RapportClient *self)
{
}

RapportClient *
rapport_client_new (const char *name)
{
  return g_object_new (RAPPORT_TYPE_CLIENT,
                       "name", name,
                       NULL);
}

const char *
rapport_client_get_name (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->name;
}

void
rapport_client_set_name (RapportClient *self,
                         const char    *name)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rapport_client_get_company (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->company;
}

void
rapport_client_set_company (RapportClient *self,
                            const char    *company)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_string (&self->company, company))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
rapport_client_get_email (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->email;
}

void
rapport_client_set_email (RapportClient *self,
                          const char    *email)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
rapport_client_get_phone (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->phone;
}

void
rapport_client_set_phone (RapportClient *self,
                          const char    *phone)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_string (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

RapportChannel
rapport_client_get_channel (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), RAPPORT_CHANNEL_EMAIL);

  return self->channel;
}

void
rapport_client_set_channel (RapportClient  *self,
                            RapportChannel  channel)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (self->channel != channel)
    {
      self->channel = channel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
    }
}

guint
rapport_client_get_cadence_days (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);

  return self->cadence_days;
}

void
rapport_client_set_cadence_days (RapportClient *self,
                                 guint          cadence_days)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (self->cadence_days != cadence_days)
    {
      self->cadence_days = cadence_days;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CADENCE_DAYS]);
    }
}

RapportClientStatus
rapport_client_get_status (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), RAPPORT_CLIENT_STATUS_ACTIVE);

  return self->status;
}

void
rapport_client_set_status (RapportClient       *self,
                           RapportClientStatus  status)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

gboolean
rapport_client_get_confidential (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), FALSE);

  return self->confidential;
}

void
rapport_client_set_confidential (RapportClient *self,
                                 gboolean       confidential)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  confidential = !!confidential;
  if (self->confidential != confidential)
    {
      self->confidential = confidential;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENTIAL]);
    }
}

const char *
rapport_client_get_notes (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->notes;
}

void
rapport_client_set_notes (RapportClient *self,
                          const char    *notes)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

GDateTime *
rapport_client_get_last_contact (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  return self->last_contact;
}

void
rapport_client_set_last_contact (RapportClient *self,
                                 GDateTime     *last_contact)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  if (_rapport_set_date_time (&self->last_contact, last_contact))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CONTACT]);
}

/**
 * rapport_client_is_out_of_touch:
 * @now: the current moment
 *
 * Whether an active client with an agreed cadence has gone longer than
 * it without news: since the last contact, or since the client was added
 * when there was none. rapport_store_list_attention() lists the same
 * clients in SQL.
 */
gboolean
rapport_client_is_out_of_touch (RapportClient *self,
                                GDateTime     *now)
{
  GDateTime *since;

  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->cadence_days == 0 || self->status != RAPPORT_CLIENT_STATUS_ACTIVE)
    return FALSE;

  since = self->last_contact != NULL ? self->last_contact
                                     : rapport_record_get_created (RAPPORT_RECORD (self));
  if (since == NULL)
    return TRUE;

  return g_date_time_difference (now, since) > (GTimeSpan) self->cadence_days * G_TIME_SPAN_DAY;
}

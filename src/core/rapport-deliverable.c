/* rapport-deliverable.c: a partial delivery of a commitment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-deliverable"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-deliverable.h"
#include "rapport-record-private.h"

struct _RapportDeliverable
{
  RapportRecord parent_instance;

  gint64 commitment_id;
  char *title;
  GDate *due;
  GDateTime *delivered_at;
};

G_DEFINE_FINAL_TYPE (RapportDeliverable, rapport_deliverable, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_COMMITMENT_ID,
  PROP_TITLE,
  PROP_DUE,
  PROP_DELIVERED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_deliverable_validate (RapportRecord  *record,
                              GError        **error)
{
  RapportDeliverable *self = RAPPORT_DELIVERABLE (record);

  if (self->commitment_id <= 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("A deliverable belongs to a commitment"));
      return FALSE;
    }

  /* Named in full: the message shows in the editor of the commitment,
   * which has a title of its own */
  if (!_rapport_record_check_short_text (self->title, _("The deliverable’s title"), TRUE, error))
    return FALSE;

  if (self->due != NULL && !g_date_valid (self->due))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("The due date is not a real date"));
      return FALSE;
    }

  return TRUE;
}

static void
rapport_deliverable_finalize (GObject *object)
{
  RapportDeliverable *self = (RapportDeliverable *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->due, g_date_free);
  g_clear_pointer (&self->delivered_at, g_date_time_unref);

  G_OBJECT_CLASS (rapport_deliverable_parent_class)->finalize (object);
}

static void
rapport_deliverable_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportDeliverable *self = RAPPORT_DELIVERABLE (object);

  switch (prop_id)
    {
    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DUE:
      g_value_set_boxed (value, self->due);
      break;

    case PROP_DELIVERED_AT:
      g_value_set_boxed (value, self->delivered_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_deliverable_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportDeliverable *self = RAPPORT_DELIVERABLE (object);

  switch (prop_id)
    {
    case PROP_COMMITMENT_ID:
      rapport_deliverable_set_commitment_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      rapport_deliverable_set_title (self, g_value_get_string (value));
      break;

    case PROP_DUE:
      rapport_deliverable_set_due (self, g_value_get_boxed (value));
      break;

    case PROP_DELIVERED_AT:
      rapport_deliverable_set_delivered_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_deliverable_class_init (RapportDeliverableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_deliverable_finalize;
  object_class->get_property = rapport_deliverable_get_property;
  object_class->set_property = rapport_deliverable_set_property;

  record_class->validate = rapport_deliverable_validate;

  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DUE] =
    g_param_spec_boxed ("due", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELIVERED_AT] =
    g_param_spec_boxed ("delivered-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_deliverable_init (RapportDeliverable *self)
{
}

RapportDeliverable *
rapport_deliverable_new (gint64       commitment_id,
                         const char  *title)
{
  return g_object_new (RAPPORT_TYPE_DELIVERABLE,
                       "commitment-id", commitment_id,
                       "title", title,
                       NULL);
}

gint64
rapport_deliverable_get_commitment_id (RapportDeliverable *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERABLE (self), 0);

  return self->commitment_id;
}

void
rapport_deliverable_set_commitment_id (RapportDeliverable  *self,
                                       gint64               commitment_id)
{
  g_return_if_fail (RAPPORT_IS_DELIVERABLE (self));

  if (self->commitment_id != commitment_id)
    {
      self->commitment_id = commitment_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITMENT_ID]);
    }
}

const char *
rapport_deliverable_get_title (RapportDeliverable *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERABLE (self), NULL);

  return self->title;
}

void
rapport_deliverable_set_title (RapportDeliverable  *self,
                               const char          *title)
{
  g_return_if_fail (RAPPORT_IS_DELIVERABLE (self));

  if (_rapport_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const GDate *
rapport_deliverable_get_due (RapportDeliverable *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERABLE (self), NULL);

  return self->due;
}

void
rapport_deliverable_set_due (RapportDeliverable  *self,
                             const GDate         *due)
{
  g_return_if_fail (RAPPORT_IS_DELIVERABLE (self));

  if (_rapport_set_date (&self->due, due))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
}

GDateTime *
rapport_deliverable_get_delivered_at (RapportDeliverable *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERABLE (self), NULL);

  return self->delivered_at;
}

void
rapport_deliverable_set_delivered_at (RapportDeliverable  *self,
                                      GDateTime           *delivered_at)
{
  g_return_if_fail (RAPPORT_IS_DELIVERABLE (self));

  if (_rapport_set_date_time (&self->delivered_at, delivered_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERED_AT]);
}

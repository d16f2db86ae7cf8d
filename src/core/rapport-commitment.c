/* rapport-commitment.c: a promise made to a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-commitment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-enum-types.h"
#include "rapport-commitment.h"
#include "rapport-deliverable.h"
#include "rapport-record-private.h"

struct _RapportCommitment
{
  RapportRecord parent_instance;

  gint64 client_id;
  char *title;
  char *details;
  GDate *agreed_on;
  GDate *due;
  RapportCommitmentStatus status;
  GDateTime *delivered_at;
  char *drop_reason;

  /* The status as last saved: a transition is checked against it */
  RapportCommitmentStatus saved_status;
};

G_DEFINE_FINAL_TYPE (RapportCommitment, rapport_commitment, RAPPORT_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_TITLE,
  PROP_DETAILS,
  PROP_AGREED_ON,
  PROP_DUE,
  PROP_STATUS,
  PROP_DELIVERED_AT,
  PROP_DROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
rapport_commitment_validate (RapportRecord  *record,
                             GError        **error)
{
  RapportCommitment *self = RAPPORT_COMMITMENT (record);

  if (self->client_id <= 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Choose the client this commitment is for"));
      return FALSE;
    }

  if (!_rapport_record_check_short_text (self->title, _("The title"), TRUE, error) ||
      !_rapport_record_check_long_text (self->details, _("The details"), FALSE, error) ||
      !_rapport_record_check_long_text (self->drop_reason, _("The reason"), FALSE, error))
    return FALSE;

  /* Not given yet and not a real day are told apart: an editor waits
   * before complaining about the first, not about the second */
  if (self->due == NULL || !g_date_valid (self->due))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR,
                   self->due == NULL ? RAPPORT_VALIDATION_ERROR_MISSING
                                     : RAPPORT_VALIDATION_ERROR_INVALID_DATE,
                   _("A commitment needs a due date"));
      return FALSE;
    }

  if (self->agreed_on != NULL &&
      (!g_date_valid (self->agreed_on) || g_date_compare (self->agreed_on, self->due) > 0))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                   _("The due date cannot be before the day it was agreed"));
      return FALSE;
    }

  if (!rapport_commitment_status_transition_allowed (self->saved_status, self->status))
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TRANSITION,
                   _("A delivered commitment cannot be dropped, nor a dropped one delivered; "
                     "reopen it first"));
      return FALSE;
    }

  if (self->status == RAPPORT_COMMITMENT_STATUS_DELIVERED && self->delivered_at == NULL)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_MISSING,
                   _("Say when the commitment was delivered"));
      return FALSE;
    }

  if (self->status == RAPPORT_COMMITMENT_STATUS_DROPPED &&
      !_rapport_record_check_long_text (self->drop_reason, _("The reason for dropping it"),
                                        TRUE, error))
    return FALSE;

  return TRUE;
}

static void
rapport_commitment_mark_saved (RapportRecord *record)
{
  RapportCommitment *self = RAPPORT_COMMITMENT (record);

  self->saved_status = self->status;
}

/**
 * rapport_commitment_check_deliverable_due:
 * @due: (nullable): the due date of one of the commitment's deliverables
 *
 * A deliverable is part of the commitment, so it cannot be due after the
 * whole of it. The store does not enforce this: a commitment's due date
 * may be renegotiated earlier, and older backups hold what they hold; an
 * editor checks it where the user sets a deliverable's date.
 *
 * Returns: whether @due fits within the commitment
 */
gboolean
rapport_commitment_check_deliverable_due (RapportCommitment  *self,
                                          const GDate        *due,
                                          GError            **error)
{
  g_autofree char *whole = NULL;

  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (due == NULL || !g_date_valid (due) || self->due == NULL || !g_date_valid (self->due) ||
      g_date_compare (due, self->due) <= 0)
    return TRUE;

  whole = rapport_date_to_iso (self->due);
  /* TRANSLATORS: %s is the commitment's due date, as 2031-04-30 */
  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
               _("A deliverable cannot be due after the whole commitment, due %s"), whole);
  return FALSE;
}

/**
 * rapport_commitment_check_delivered_at:
 * @delivered_at: (nullable): when a commitment was delivered
 * @today: the user's calendar day
 *
 * A delivery is something that happened: a day after @today is a typing
 * mistake, which would count the commitment as delivered late (or on
 * time) by a delivery yet to come. Not part of validation, as a clock
 * set wrong on another machine must not make its backup unreadable; an
 * editor checks it where the user sets the moment.
 *
 * Returns: whether @delivered_at is not after @today
 */
gboolean
rapport_commitment_check_delivered_at (GDateTime    *delivered_at,
                                       const GDate  *today,
                                       GError      **error)
{
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_date_moment_after_day (delivered_at, today))
    return TRUE;

  g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
               _("The delivery cannot be later than today"));
  return FALSE;
}

/**
 * rapport_commitment_check_new_due:
 * @new_due: a date the commitment would move to
 * @deliverables: (nullable): its #RapportDeliverables
 *
 * The other side of rapport_commitment_check_deliverable_due(): the
 * commitment cannot move before what is still to deliver of it (those
 * dates move first). Delivered parts are history, whatever their dates.
 *
 * Only an open commitment moves at all: a delivered or dropped one was
 * judged against its date, and a move agreed afterwards would turn a late
 * delivery into one on time. Nor can it move before the day it was
 * agreed, which validation refuses too: said here, before the user says
 * why it moves.
 *
 * Returns: whether @self is open and @new_due is valid for it and leaves
 *   every deliverable still to come within the commitment
 */
gboolean
rapport_commitment_check_new_due (RapportCommitment  *self,
                                  const GDate        *new_due,
                                  GListModel         *deliverables,
                                  GError            **error)
{
  g_autofree char *first = NULL;
  g_autofree char *day = NULL;
  guint n_after = 0;
  guint n_items = deliverables != NULL ? g_list_model_get_n_items (deliverables) : 0;

  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), FALSE);
  g_return_val_if_fail (new_due != NULL && g_date_valid (new_due), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->status != RAPPORT_COMMITMENT_STATUS_OPEN)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_TRANSITION,
                   self->status == RAPPORT_COMMITMENT_STATUS_DELIVERED
                     ? _("A delivered commitment keeps the due date it was judged by; "
                         "reopen it to move the date")
                     : _("A dropped commitment keeps its due date; reopen it to move the date"));
      return FALSE;
    }

  if (self->agreed_on != NULL && g_date_valid (self->agreed_on) &&
      g_date_compare (self->agreed_on, new_due) > 0)
    {
      g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                   _("The due date cannot be before the day it was agreed"));
      return FALSE;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RapportDeliverable) deliverable = g_list_model_get_item (deliverables, i);
      const GDate *due = rapport_deliverable_get_due (deliverable);

      if (rapport_deliverable_get_delivered_at (deliverable) == NULL && due != NULL &&
          g_date_compare (due, new_due) > 0 && n_after++ == 0)
        first = g_strdup (rapport_deliverable_get_title (deliverable));
    }

  if (n_after == 0)
    return TRUE;

  day = rapport_date_to_iso (new_due);
  if (n_after == 1)
    /* TRANSLATORS: a deliverable's title, then a date as 2031-04-30 */
    g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                 _("The deliverable “%s” is due after %s: change its date first"), first, day);
  else
    /* TRANSLATORS: how many deliverables, then a date as 2031-04-30 */
    g_set_error (error, RAPPORT_VALIDATION_ERROR, RAPPORT_VALIDATION_ERROR_DATE_ORDER,
                 ngettext ("%u deliverable is due after %s: change its date first",
                           "%u deliverables are due after %s: change their dates first",
                           n_after), n_after, day);
  return FALSE;
}

/**
 * rapport_commitment_status_transition_allowed:
 *
 * An open commitment can be delivered or dropped; a delivered or dropped one
 * can only be reopened, so that a mistaken click is undone through "open".
 */
gboolean
rapport_commitment_status_transition_allowed (RapportCommitmentStatus from,
                                              RapportCommitmentStatus to)
{
  if (from == to || from == RAPPORT_COMMITMENT_STATUS_OPEN)
    return TRUE;

  return to == RAPPORT_COMMITMENT_STATUS_OPEN;
}

static void
rapport_commitment_finalize (GObject *object)
{
  RapportCommitment *self = (RapportCommitment *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->agreed_on, g_date_free);
  g_clear_pointer (&self->due, g_date_free);
  g_clear_pointer (&self->delivered_at, g_date_time_unref);
  g_clear_pointer (&self->drop_reason, g_free);

  G_OBJECT_CLASS (rapport_commitment_parent_class)->finalize (object);
}

static void
rapport_commitment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportCommitment *self = RAPPORT_COMMITMENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case PROP_AGREED_ON:
      g_value_set_boxed (value, self->agreed_on);
      break;

    case PROP_DUE:
      g_value_set_boxed (value, self->due);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_DELIVERED_AT:
      g_value_set_boxed (value, self->delivered_at);
      break;

    case PROP_DROP_REASON:
      g_value_set_string (value, self->drop_reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_commitment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportCommitment *self = RAPPORT_COMMITMENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      rapport_commitment_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      rapport_commitment_set_title (self, g_value_get_string (value));
      break;

    case PROP_DETAILS:
      rapport_commitment_set_details (self, g_value_get_string (value));
      break;

    case PROP_AGREED_ON:
      rapport_commitment_set_agreed_on (self, g_value_get_boxed (value));
      break;

    case PROP_DUE:
      rapport_commitment_set_due (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      rapport_commitment_set_status (self, g_value_get_enum (value));
      break;

    case PROP_DELIVERED_AT:
      rapport_commitment_set_delivered_at (self, g_value_get_boxed (value));
      break;

    case PROP_DROP_REASON:
      rapport_commitment_set_drop_reason (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_commitment_class_init (RapportCommitmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportRecordClass *record_class = RAPPORT_RECORD_CLASS (klass);

  object_class->finalize = rapport_commitment_finalize;
  object_class->get_property = rapport_commitment_get_property;
  object_class->set_property = rapport_commitment_set_property;

  record_class->validate = rapport_commitment_validate;
  record_class->mark_saved = rapport_commitment_mark_saved;

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AGREED_ON] =
    g_param_spec_boxed ("agreed-on", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DUE] =
    g_param_spec_boxed ("due", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RAPPORT_TYPE_COMMITMENT_STATUS,
                       RAPPORT_COMMITMENT_STATUS_OPEN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELIVERED_AT] =
    g_param_spec_boxed ("delivered-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DROP_REASON] =
    g_param_spec_string ("drop-reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_commitment_init (RapportCommitment *self)
{
}

RapportCommitment *
rapport_commitment_new (gint64       client_id,
                        const char  *title)
{
  return g_object_new (RAPPORT_TYPE_COMMITMENT,
                       "client-id", client_id,
                       "title", title,
                       NULL);
}

gint64
rapport_commitment_get_client_id (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), 0);

  return self->client_id;
}

void
rapport_commitment_set_client_id (RapportCommitment  *self,
                                  gint64              client_id)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (self->client_id != client_id)
    {
      self->client_id = client_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
    }
}

const char *
rapport_commitment_get_title (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->title;
}

void
rapport_commitment_set_title (RapportCommitment  *self,
                              const char         *title)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rapport_commitment_get_details (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->details;
}

void
rapport_commitment_set_details (RapportCommitment  *self,
                                const char         *details)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_string (&self->details, details))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

const GDate *
rapport_commitment_get_agreed_on (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->agreed_on;
}

void
rapport_commitment_set_agreed_on (RapportCommitment  *self,
                                  const GDate        *agreed_on)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_date (&self->agreed_on, agreed_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGREED_ON]);
}

const GDate *
rapport_commitment_get_due (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->due;
}

void
rapport_commitment_set_due (RapportCommitment  *self,
                            const GDate        *due)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_date (&self->due, due))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE]);
}

RapportCommitmentStatus
rapport_commitment_get_status (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), RAPPORT_COMMITMENT_STATUS_OPEN);

  return self->status;
}

void
rapport_commitment_set_status (RapportCommitment       *self,
                               RapportCommitmentStatus  status)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

GDateTime *
rapport_commitment_get_delivered_at (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->delivered_at;
}

void
rapport_commitment_set_delivered_at (RapportCommitment  *self,
                                     GDateTime          *delivered_at)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_date_time (&self->delivered_at, delivered_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERED_AT]);
}

const char *
rapport_commitment_get_drop_reason (RapportCommitment *self)
{
  g_return_val_if_fail (RAPPORT_IS_COMMITMENT (self), NULL);

  return self->drop_reason;
}

void
rapport_commitment_set_drop_reason (RapportCommitment  *self,
                                    const char         *drop_reason)
{
  g_return_if_fail (RAPPORT_IS_COMMITMENT (self));

  if (_rapport_set_string (&self->drop_reason, drop_reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROP_REASON]);
}

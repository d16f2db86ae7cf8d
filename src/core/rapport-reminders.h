/* rapport-reminders.h: which commitments to remind the user of today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64               commitment_id;
  RapportReminderKind  kind;
  char                *title;
  gint64               client_id;
  char                *client_name;
  GDate               *due;
} RapportReminder;

#define RAPPORT_TYPE_REMINDER (rapport_reminder_get_type ())

GType            rapport_reminder_get_type        (void) G_GNUC_CONST;
RapportReminder *rapport_reminder_copy            (const RapportReminder  *reminder);
void             rapport_reminder_free            (RapportReminder        *reminder);
char            *rapport_reminder_dup_title       (const RapportReminder  *reminder,
                                                   const GDate            *today);

GPtrArray       *rapport_store_dup_due_reminders  (RapportStore           *self,
                                                   const GDate            *today,
                                                   GError                **error);
void             rapport_store_claim_reminders_async  (RapportStore        *self,
                                                       const GDate         *today,
                                                       guint                max_listed,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
guint            rapport_store_claim_reminders_finish (RapportStore        *self,
                                                       GAsyncResult        *result,
                                                       guint               *overdue,
                                                       guint               *due_today,
                                                       GPtrArray          **reminders,
                                                       GPtrArray          **withdrawn,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportReminder, rapport_reminder_free)

G_END_DECLS

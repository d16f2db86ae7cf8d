/* rapport-reminder-notifier.h: desktop notifications for due commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REMINDER_NOTIFIER (rapport_reminder_notifier_get_type ())

G_DECLARE_FINAL_TYPE (RapportReminderNotifier, rapport_reminder_notifier,
                      RAPPORT, REMINDER_NOTIFIER, GObject)

RapportReminderNotifier *rapport_reminder_notifier_new   (GApplication            *application,
                                                          RapportStore            *store,
                                                          GSettings               *settings);
void                     rapport_reminder_notifier_check_async  (RapportReminderNotifier *self,
                                                                 GCancellable            *cancellable,
                                                                 GAsyncReadyCallback      callback,
                                                                 gpointer                 user_data);
guint                    rapport_reminder_notifier_check_finish (RapportReminderNotifier *self,
                                                                 GAsyncResult            *result);

G_END_DECLS

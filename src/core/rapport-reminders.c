/* rapport-reminders.c: reminders as values, and their wording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-date.h"
#include "rapport-reminders.h"

G_DEFINE_BOXED_TYPE (RapportReminder, rapport_reminder, rapport_reminder_copy, rapport_reminder_free)

RapportReminder *
rapport_reminder_copy (const RapportReminder *reminder)
{
  RapportReminder *copy;

  g_return_val_if_fail (reminder != NULL, NULL);

  copy = g_new0 (RapportReminder, 1);
  copy->commitment_id = reminder->commitment_id;
  copy->kind = reminder->kind;
  copy->title = g_strdup (reminder->title);
  copy->client_id = reminder->client_id;
  copy->client_name = g_strdup (reminder->client_name);
  copy->due = rapport_date_copy (reminder->due);
  return copy;
}

void
rapport_reminder_free (RapportReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->title);
  g_free (reminder->client_name);
  g_clear_pointer (&reminder->due, g_date_free);
  g_free (reminder);
}

/**
 * rapport_reminder_dup_title:
 *
 * Returns: (transfer full): what the notification says, such as
 *   "“Logo” is due tomorrow", "“Logo” is due today" or "“Logo” is 3 days
 *   overdue"
 */
char *
rapport_reminder_dup_title (const RapportReminder *reminder,
                            const GDate           *today)
{
  int late;

  g_return_val_if_fail (reminder != NULL, NULL);

  if (reminder->kind == RAPPORT_REMINDER_DUE_TODAY)
    return g_strdup_printf (_("“%s” is due today"), reminder->title);

  if (reminder->kind == RAPPORT_REMINDER_DUE_TOMORROW || reminder->due == NULL || today == NULL)
    return g_strdup_printf (_("“%s” is due tomorrow"), reminder->title);

  late = rapport_date_days_between (reminder->due, today);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” is %d day overdue",
                                       "“%s” is %d days overdue", (gulong) late),
                          reminder->title, late);
}

/* rapport-reminder-notifier.c: desktop notifications for due commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks at start-up, every few minutes while running, and shortly after
 * commitments change; each reminder goes out once a day (the store keeps
 * track across restarts). Clicking one opens the commitment through the
 * "app.show-commitment" action. The "reminders" setting turns them off.
 */
#define G_LOG_DOMAIN "rapport-reminder-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-reminder-notifier.h"
#include "rapport-reminders.h"

/* How often to look again while running: the day may change */
#define CHECK_INTERVAL_SECONDS (10 * 60)
/* Wait for a burst of edits to settle before looking */
#define CHANGE_DELAY_SECONDS 2
/* More reminders than this at once go out as one notification: nobody
 * reads forty, and a desktop should not be flooded */
#define SEPARATE_REMINDERS 3

struct _RapportReminderNotifier
{
  GObject       parent_instance;

  /* Owned references */
  GApplication *application;
  RapportStore *store;
  GSettings    *settings;

  guint         interval_id;
  guint         delay_id;
};

G_DEFINE_FINAL_TYPE (RapportReminderNotifier, rapport_reminder_notifier, G_TYPE_OBJECT)

static char *
notification_id (const RapportReminder *reminder)
{
  return g_strdup_printf ("commitment-%" G_GINT64_FORMAT "-%s", reminder->commitment_id,
                          reminder->kind == RAPPORT_REMINDER_OVERDUE ? "overdue" : "due-tomorrow");
}

static void
send_reminder (RapportReminderNotifier *self,
               const RapportReminder   *reminder,
               const GDate             *today)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = rapport_reminder_dup_title (reminder, today);
  g_autofree char *id = notification_id (reminder);
  g_autofree char *body = NULL;

  /* Translators: the body of a reminder: the client the promise was made to */
  body = g_strdup_printf (_("Promised to %s"), reminder->client_name);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification,
                               reminder->kind == RAPPORT_REMINDER_OVERDUE ?
                                 G_NOTIFICATION_PRIORITY_HIGH : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.show-commitment", "x",
                                                reminder->commitment_id);
  g_application_send_notification (self->application, id, notification);
}

static void
send_summary (RapportReminderNotifier *self,
              guint                    count,
              guint                    overdue)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  title = g_strdup_printf (ngettext ("%u commitment needs your attention",
                                     "%u commitments need your attention", count), count);
  if (overdue == count)
    body = g_strdup_printf (ngettext ("%u is overdue.", "All %u are overdue.", overdue), overdue);
  else if (overdue == 0)
    body = g_strdup_printf (ngettext ("%u is due tomorrow.", "All %u are due tomorrow.", count),
                            count);
  else
    /* Translators: the first number is of overdue commitments, the second of
     * those due tomorrow */
    body = g_strdup_printf (_("%u overdue, %u due tomorrow."), overdue, count - overdue);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, overdue > 0 ? G_NOTIFICATION_PRIORITY_HIGH
                                                         : G_NOTIFICATION_PRIORITY_NORMAL);
  /* Without an action of its own, it opens the window, whose overview lists them */
  g_application_send_notification (self->application, "commitments", notification);
}

/**
 * rapport_reminder_notifier_check:
 *
 * Sends the reminders due today that were not sent yet: each on its own,
 * or, when there are more than a few, one notification that says how many.
 *
 * Returns: how many reminders went out
 */
guint
rapport_reminder_notifier_check (RapportReminderNotifier *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  guint overdue = 0;
  guint count;

  g_return_val_if_fail (RAPPORT_IS_REMINDER_NOTIFIER (self), 0);

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "reminders"))
    return 0;

  today = rapport_date_new_today ();
  count = rapport_store_count_due_reminders (self->store, today, &overdue, &error);
  if (error != NULL)
    {
      g_warning ("Could not look for reminders: %s", error->message);
      return 0;
    }

  /* Many are counted and marked in SQL: 6,040 read one by one held the
   * window for tens of milliseconds */
  if (count > SEPARATE_REMINDERS)
    {
      send_summary (self, count, overdue);
      if (!rapport_store_mark_all_reminded (self->store, today, &error))
        {
          g_warning ("Could not record the reminders sent: %s", error->message);
          return 0;
        }
      return count;
    }

  if (count == 0)
    return 0;

  reminders = rapport_store_dup_due_reminders (self->store, today, &error);
  if (reminders == NULL)
    {
      g_warning ("Could not look for reminders: %s", error->message);
      return 0;
    }

  for (guint i = 0; i < reminders->len; i++)
    send_reminder (self, reminders->pdata[i], today);

  if (!rapport_store_mark_reminded (self->store, reminders, today, &error))
    {
      g_warning ("Could not record the reminders sent: %s", error->message);
      return 0;
    }

  return reminders->len;
}

/* Callbacks */

static gboolean
check_cb (gpointer user_data)
{
  RapportReminderNotifier *self = user_data;

  rapport_reminder_notifier_check (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
delayed_check_cb (gpointer user_data)
{
  RapportReminderNotifier *self = user_data;

  self->delay_id = 0;
  rapport_reminder_notifier_check (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RapportReminderNotifier *self,
                  GType                    type)
{
  if (type != RAPPORT_TYPE_COMMITMENT)
    return;

  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->delay_id = g_timeout_add_seconds (CHANGE_DELAY_SECONDS, delayed_check_cb, self);
}

static void
reminders_setting_changed_cb (RapportReminderNotifier *self)
{
  rapport_reminder_notifier_check (self);
}

/* Overrides */

static void
rapport_reminder_notifier_dispose (GObject *object)
{
  RapportReminderNotifier *self = (RapportReminderNotifier *)object;

  g_clear_handle_id (&self->interval_id, g_source_remove);
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_object (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_reminder_notifier_parent_class)->dispose (object);
}

static void
rapport_reminder_notifier_class_init (RapportReminderNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_reminder_notifier_dispose;
}

static void
rapport_reminder_notifier_init (RapportReminderNotifier *self)
{
}

/**
 * rapport_reminder_notifier_new:
 * @application: the application that sends the notifications
 * @store: where the commitments are
 * @settings: (nullable): the app's settings, for the "reminders" switch
 *
 * Starts watching: the first check happens when the main loop runs.
 */
RapportReminderNotifier *
rapport_reminder_notifier_new (GApplication *application,
                               RapportStore *store,
                               GSettings    *settings)
{
  RapportReminderNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_REMINDER_NOTIFIER, NULL);
  self->application = g_object_ref (application);
  self->store = g_object_ref (store);
  g_set_object (&self->settings, settings);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::reminders",
                             G_CALLBACK (reminders_setting_changed_cb), self, G_CONNECT_SWAPPED);

  self->interval_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_cb, self);
  self->delay_id = g_timeout_add_seconds (CHANGE_DELAY_SECONDS, delayed_check_cb, self);

  return self;
}

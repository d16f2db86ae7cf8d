/* rapport-reminder-notifier.c: desktop notifications for due commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks at start-up, every few minutes while running, and shortly after
 * commitments change; each reminder goes out once a day (the store keeps
 * track across restarts). Clicking one opens the commitment through the
 * "app.show-commitment" action. The "reminders" setting turns them off.
 * A reminder sent is withdrawn at the next check once it is no longer
 * true: its commitment delivered, dropped, trashed or given another date;
 * those sent before a restart too, as the store recorded them.
 */
#define G_LOG_DOMAIN "rapport-reminder-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-record-row.h"
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

  /* The reminders on the desktop: notification id → RapportReminder */
  GHashTable   *sent;
};

G_DEFINE_FINAL_TYPE (RapportReminderNotifier, rapport_reminder_notifier, G_TYPE_OBJECT)

static char *
notification_id (const RapportReminder *reminder)
{
  const char *kind = "due-tomorrow";

  if (reminder->kind == RAPPORT_REMINDER_OVERDUE)
    kind = "overdue";
  else if (reminder->kind == RAPPORT_REMINDER_DUE_TODAY)
    kind = "due-today";

  return g_strdup_printf ("commitment-%" G_GINT64_FORMAT "-%s", reminder->commitment_id, kind);
}

/* A notification shows on the screen, maybe a shared one: in discreet mode
 * it names the client as the window's lists do */
static char *
dup_client_name (RapportReminderNotifier *self,
                 const RapportReminder   *reminder)
{
  g_autoptr(RapportClient) client = NULL;

  if (!_rapport_discreet_mode ())
    return g_strdup (reminder->client_name);

  client = rapport_store_load (self->store, RAPPORT_TYPE_CLIENT, reminder->client_id, NULL);
  if (client == NULL)
    return NULL;

  return _rapport_client_dup_display_name (client);
}

/* …and names a confidential client's commitment as the window's lists do */
static char *
dup_title (RapportReminderNotifier *self,
           const RapportReminder   *reminder,
           const GDate             *today)
{
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autofree char *shown = NULL;
  RapportReminder discreet;

  if (_rapport_discreet_mode ())
    commitment = rapport_store_load (self->store, RAPPORT_TYPE_COMMITMENT,
                                     reminder->commitment_id, NULL);
  if (commitment == NULL)
    return rapport_reminder_dup_title (reminder, today);

  shown = _rapport_record_dup_title (self->store, RAPPORT_RECORD (commitment));
  discreet = *reminder;
  discreet.title = shown;
  return rapport_reminder_dup_title (&discreet, today);
}

static void
send_reminder (RapportReminderNotifier *self,
               const RapportReminder   *reminder,
               const GDate             *today)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = dup_title (self, reminder, today);
  g_autofree char *id = notification_id (reminder);
  g_autofree char *client_name = dup_client_name (self, reminder);
  g_autofree char *body = NULL;

  if (client_name != NULL)
    {
      /* Translators: the body of a reminder: the client the promise was made to */
      body = g_strdup_printf (_("Promised to %s"), client_name);
    }

  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, body);
  g_notification_set_priority (notification,
                               reminder->kind == RAPPORT_REMINDER_OVERDUE ?
                                 G_NOTIFICATION_PRIORITY_HIGH : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.show-commitment", "x",
                                                reminder->commitment_id);
  g_application_send_notification (self->application, id, notification);
  g_hash_table_replace (self->sent, g_steal_pointer (&id), rapport_reminder_copy (reminder));
}

/* Whether what @reminder says of its commitment still holds */
static gboolean
reminder_holds (RapportReminderNotifier *self,
                const RapportReminder   *reminder)
{
  g_autoptr(RapportCommitment) commitment = NULL;

  commitment = rapport_store_load (self->store, RAPPORT_TYPE_COMMITMENT,
                                   reminder->commitment_id, NULL);

  return commitment != NULL &&
         !rapport_record_is_trashed (RAPPORT_RECORD (commitment)) &&
         rapport_commitment_get_status (commitment) == RAPPORT_COMMITMENT_STATUS_OPEN &&
         rapport_date_equal (rapport_commitment_get_due (commitment), reminder->due);
}

static void
withdraw_stale (RapportReminderNotifier *self)
{
  GHashTableIter iter;
  gpointer id, reminder;

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &id, &reminder))
    if (!reminder_holds (self, reminder))
      {
        g_application_withdraw_notification (self->application, id);
        g_hash_table_iter_remove (&iter);
      }
}

static void
withdraw (RapportReminderNotifier *self,
          const RapportReminder   *reminder)
{
  g_autofree char *id = notification_id (reminder);

  g_application_withdraw_notification (self->application, id);
  g_hash_table_remove (self->sent, id);
}

/* The reminders the store recorded as sent, maybe before a restart, that
 * no longer hold. One of kind "due tomorrow" may have gone out on the
 * due day, as "due today". */
static void
withdraw_recorded (RapportReminderNotifier *self,
                   GPtrArray               *withdrawn)
{
  for (guint i = 0; withdrawn != NULL && i < withdrawn->len; i++)
    {
      RapportReminder reminder = *(RapportReminder *) withdrawn->pdata[i];

      withdraw (self, &reminder);
      if (reminder.kind == RAPPORT_REMINDER_DUE_TOMORROW)
        {
          reminder.kind = RAPPORT_REMINDER_DUE_TODAY;
          withdraw (self, &reminder);
        }
    }
}

static void
send_summary (RapportReminderNotifier *self,
              guint                    count,
              guint                    overdue,
              guint                    due_today)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint due_tomorrow = count - overdue - due_today;

  title = g_strdup_printf (ngettext ("%u commitment needs your attention",
                                     "%u commitments need your attention", count), count);
  if (overdue == count)
    body = g_strdup_printf (ngettext ("%u is overdue.", "All %u are overdue.", overdue), overdue);
  else if (due_today == count)
    body = g_strdup_printf (ngettext ("%u is due today.", "All %u are due today.", count),
                            count);
  else if (due_tomorrow == count)
    body = g_strdup_printf (ngettext ("%u is due tomorrow.", "All %u are due tomorrow.", count),
                            count);
  else
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      if (overdue > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u overdue", "%u overdue", overdue),
                                                 overdue));
      if (due_today > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u due today", "%u due today",
                                                           due_today),
                                                 due_today));
      if (due_tomorrow > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u due tomorrow", "%u due tomorrow",
                                                           due_tomorrow),
                                                 due_tomorrow));

      if (parts->len == 2)
        {
          /* Translators: two of "2 overdue", "1 due today" and "3 due tomorrow" */
          body = g_strdup_printf (C_("reminder", "%s, %s."), (char *) parts->pdata[0],
                                  (char *) parts->pdata[1]);
        }
      else
        {
          /* Translators: "2 overdue", "1 due today" and "3 due tomorrow" */
          body = g_strdup_printf (C_("reminder", "%s, %s, %s."), (char *) parts->pdata[0],
                                  (char *) parts->pdata[1], (char *) parts->pdata[2]);
        }
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, overdue > 0 ? G_NOTIFICATION_PRIORITY_HIGH
                                                         : G_NOTIFICATION_PRIORITY_NORMAL);
  /* Without an action of its own, it opens the window, whose overview lists them */
  g_application_send_notification (self->application, "commitments", notification);
}

static void
claimed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RapportReminderNotifier *self = g_task_get_source_object (task);
  const GDate *today = g_task_get_task_data (task);
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GPtrArray) withdrawn = NULL;
  g_autoptr(GError) error = NULL;
  guint overdue = 0;
  guint due_today = 0;
  guint count;

  count = rapport_store_claim_reminders_finish (RAPPORT_STORE (source), result, &overdue,
                                                &due_today, &reminders, &withdrawn, &error);
  withdraw_recorded (self, withdrawn);
  if (error != NULL)
    g_warning ("Could not look for reminders: %s", error->message);
  else if (reminders != NULL)
    for (guint i = 0; i < reminders->len; i++)
      send_reminder (self, reminders->pdata[i], today);
  else if (count > 0)
    send_summary (self, count, overdue, due_today);

  g_task_return_int (task, count);
}

/**
 * rapport_reminder_notifier_check_async:
 *
 * Sends the reminders due today that were not sent yet: each on its own,
 * or, when there are more than a few, one notification that says how many.
 * The store claims them in a thread.
 */
void
rapport_reminder_notifier_check_async (RapportReminderNotifier *self,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GDate *today;

  g_return_if_fail (RAPPORT_IS_REMINDER_NOTIFIER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_reminder_notifier_check_async);

  withdraw_stale (self);

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "reminders"))
    {
      g_task_return_int (task, 0);
      return;
    }

  today = rapport_date_new_today ();
  g_task_set_task_data (task, today, (GDestroyNotify) g_date_free);
  rapport_store_claim_reminders_async (self->store, today, SEPARATE_REMINDERS, cancellable,
                                       claimed_cb, g_steal_pointer (&task));
}

/**
 * rapport_reminder_notifier_check_finish:
 *
 * Returns: how many reminders went out (a summary counts those it sums up)
 */
guint
rapport_reminder_notifier_check_finish (RapportReminderNotifier *self,
                                        GAsyncResult            *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return (guint) g_task_propagate_int (G_TASK (result), NULL);
}

static void
check (RapportReminderNotifier *self)
{
  rapport_reminder_notifier_check_async (self, NULL, NULL, NULL);
}

/* Callbacks */

static gboolean
check_cb (gpointer user_data)
{
  RapportReminderNotifier *self = user_data;

  check (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
delayed_check_cb (gpointer user_data)
{
  RapportReminderNotifier *self = user_data;

  self->delay_id = 0;
  check (self);
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
  check (self);
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
rapport_reminder_notifier_finalize (GObject *object)
{
  RapportReminderNotifier *self = (RapportReminderNotifier *)object;

  g_clear_pointer (&self->sent, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_reminder_notifier_parent_class)->finalize (object);
}

static void
rapport_reminder_notifier_class_init (RapportReminderNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_reminder_notifier_dispose;
  object_class->finalize = rapport_reminder_notifier_finalize;
}

static void
rapport_reminder_notifier_init (RapportReminderNotifier *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) rapport_reminder_free);
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

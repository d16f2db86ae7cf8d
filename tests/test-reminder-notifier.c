/* test-reminder-notifier.c: reminders really reach the desktop's
 * notification service, once a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under dbus-run-session: dbus-monitor watches the session bus for
 * org.freedesktop.Notifications calls, which GLib makes with
 * GNOTIFICATION_BACKEND=freedesktop (the portal takes their place in a
 * Flatpak).
 */
#include "config.h"

#include <signal.h>

#include "rapport-reminder-notifier.h"
#include "rapport-test-util.h"

typedef struct
{
  GString *output;
  GPid     pid;
  int      fd;
  guint    watch;
} Monitor;

/* A stand-in for the desktop's notification service, so that the calls
 * dbus-monitor sees also succeed */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* The title and text of the last notification shown */
static char *last_summary;
static char *last_body;
/* CloseNotification calls: notifications withdrawn */
static guint n_close;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  guint *n_notify = user_data;
  const char *summary = NULL;
  const char *body = NULL;

  if (g_strcmp0 (method_name, "CloseNotification") == 0)
    {
      n_close++;
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  g_variant_get_child (parameters, 3, "&s", &summary);
  g_variant_get_child (parameters, 4, "&s", &body);
  g_free (last_summary);
  last_summary = g_strdup (summary);
  g_free (last_body);
  last_body = g_strdup (body);
  (*n_notify)++;
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", *n_notify));
}

/* Notify calls answered so far, by the one service of this process */
static guint n_notify;

static void
own_notification_service (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  /* Kept for the life of the process: closing it would give up the name */
  static GDBusConnection *bus;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  static gboolean owned;

  if (owned)
    return;
  owned = TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, &n_notify, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
}

static gboolean
monitor_read_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  Monitor *monitor = user_data;
  char buffer[4096];
  gsize n_read = 0;

  if (g_io_channel_read_chars (channel, buffer, sizeof buffer, &n_read, NULL) != G_IO_STATUS_NORMAL)
    {
      monitor->watch = 0;
      return G_SOURCE_REMOVE;
    }

  g_string_append_len (monitor->output, buffer, (gssize) n_read);
  return G_SOURCE_CONTINUE;
}

static void
wait_for (Monitor    *monitor,
          const char *text)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (strstr (monitor->output->str, text) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* How many reminders a check sent, once it is done */
static guint
check (RapportReminderNotifier *notifier)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_reminder_notifier_check_async (notifier, NULL, rapport_test_keep_result, &result);
  rapport_test_wait (&result);

  return rapport_reminder_notifier_check_finish (notifier, result);
}

static void
test_notification_sent_once (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Estudio Ñandú");
  g_autoptr(GDate) due = rapport_date_new_today ();
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_iso = NULL;
  const char *argv[] = { "dbus-monitor", "--session",
                         "interface='org.freedesktop.Notifications'", NULL };
  g_autofree char *dbus_monitor = g_find_program_in_path ("dbus-monitor");
  Monitor monitor = { NULL, 0, -1, 0 };
  guint n_before = n_notify;

  if (dbus_monitor == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("Needs dbus-monitor and a session bus (run under dbus-run-session)");
      return;
    }

  monitor.output = g_string_new (NULL);
  g_date_subtract_days (due, 3);
  due_iso = rapport_date_to_iso (due);
  commitment = rapport_test_add_commitment (store, client, "Nuevo logotipo", due_iso);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &monitor.pid, NULL, &monitor.fd, NULL, &error);
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (monitor.fd);
  g_io_channel_set_flags (channel, G_IO_FLAG_NONBLOCK, NULL);
  monitor.watch = g_io_add_watch (channel, G_IO_IN | G_IO_HUP, monitor_read_cb, &monitor);
  /* dbus-monitor announces itself by taking a name */
  wait_for (&monitor, "NameAcquired");
  own_notification_service ();

  app = g_application_new ("io.github.rapportapp.RapportTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 1);

  wait_for (&monitor, "3 days overdue");
  g_assert_nonnull (strstr (monitor.output->str, "member=Notify"));
  g_assert_nonnull (strstr (monitor.output->str, "“Nuevo logotipo” is 3 days overdue"));
  g_assert_nonnull (strstr (monitor.output->str, "Promised to Estudio Ñandú"));
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_notify, ==, n_before + 1);

  /* Not again today, even for a new notifier after a restart */
  g_assert_cmpuint (check (notifier), ==, 0);
  g_clear_object (&notifier);
  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 0);

  /* The watch points at this function's frame: it goes first */
  g_clear_handle_id (&monitor.watch, g_source_remove);
  kill (monitor.pid, SIGTERM);
  g_spawn_close_pid (monitor.pid);
  g_string_free (monitor.output, TRUE);
  g_clear_object (&notifier);
  g_clear_object (&commitment);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_setting_turns_them_off (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GDate) due = rapport_date_new_today ();
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(GApplication) app = g_application_new ("io.github.rapportapp.RapportTest2",
                                                   G_APPLICATION_NON_UNIQUE);
  guint n_before = n_notify;
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  g_autofree char *due_iso = NULL;

  g_date_add_days (due, 1);
  due_iso = rapport_date_to_iso (due);
  commitment = rapport_test_add_commitment (store, client, "Tomorrow", due_iso);
  g_assert_true (g_application_register (app, NULL, NULL));
  own_notification_service ();

  g_settings_set_boolean (settings, "reminders", FALSE);
  notifier = rapport_reminder_notifier_new (app, store, settings);
  g_assert_cmpuint (check (notifier), ==, 0);

  /* Turning them back on looks again at once */
  g_settings_set_boolean (settings, "reminders", TRUE);
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_notify, ==, n_before + 1);
  g_assert_cmpuint (check (notifier), ==, 0);

  g_clear_object (&notifier);
  g_clear_object (&commitment);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Many at once: one notification says how many, and all are marked sent */
static void
test_many_summed_up (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GDate) late = rapport_date_new_today ();
  g_autoptr(GDate) tomorrow = rapport_date_new_today ();
  g_autoptr(GApplication) app = g_application_new ("io.github.rapportapp.RapportTest3",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  g_autofree char *late_iso = NULL;
  g_autofree char *tomorrow_iso = NULL;
  guint n_before = n_notify;

  g_date_subtract_days (late, 2);
  g_date_add_days (tomorrow, 1);
  late_iso = rapport_date_to_iso (late);
  tomorrow_iso = rapport_date_to_iso (tomorrow);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Promise %u", i);
      g_autoptr(RapportCommitment) commitment = NULL;

      commitment = rapport_test_add_commitment (store, client, title,
                                                i < 30 ? late_iso : tomorrow_iso);
    }
  g_assert_true (g_application_register (app, NULL, NULL));
  own_notification_service ();

  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 40);
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);
  /* Any other would have come in the same burst */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n_notify, ==, n_before + 1);
  g_assert_cmpstr (last_summary, ==, "40 commitments need your attention");
  g_assert_cmpstr (last_body, ==, "30 overdue, 10 due tomorrow.");
  g_assert_cmpuint (check (notifier), ==, 0);

  g_clear_object (&notifier);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Due today, with others: each kind counted in the summary */
static void
test_summary_counts_due_today (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GApplication) app = g_application_new ("io.github.rapportapp.RapportTest6",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  int offsets[] = { -3, -1, 0, 1 };
  guint n_before = n_notify;

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autoptr(GDate) due = rapport_date_new_today ();
      g_autofree char *due_iso = NULL;
      g_autoptr(RapportCommitment) commitment = NULL;

      if (offsets[i] < 0)
        g_date_subtract_days (due, -offsets[i]);
      else
        g_date_add_days (due, offsets[i]);
      due_iso = rapport_date_to_iso (due);
      commitment = rapport_test_add_commitment (store, client, "Promise", due_iso);
    }
  g_assert_true (g_application_register (app, NULL, NULL));
  own_notification_service ();

  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 4);
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (last_summary, ==, "4 commitments need your attention");
  g_assert_cmpstr (last_body, ==, "2 overdue, 1 due today, 1 due tomorrow.");

  g_clear_object (&notifier);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Discreet mode is for sharing the screen, where notifications show too */
static void
test_discreet_mode_names_no_client (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Estudio Ñandú");
  g_autoptr(GDate) due = rapport_date_new_today ();
  g_autoptr(RapportClient) secret = rapport_test_add_client (store, "Fusiones Sur");
  g_autoptr(RapportCommitment) commitment = NULL;
  g_autoptr(RapportCommitment) merger = NULL;
  g_autoptr(GApplication) app = g_application_new ("io.github.rapportapp.RapportTest4",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  g_autofree char *due_iso = NULL;
  g_autofree char *stand_in = NULL;
  guint n_before = n_notify;

  g_date_subtract_days (due, 2);
  due_iso = rapport_date_to_iso (due);
  commitment = rapport_test_add_commitment (store, client, "Nuevo logotipo", due_iso);
  g_assert_true (g_application_register (app, NULL, NULL));
  own_notification_service ();

  g_settings_set_boolean (settings, "discreet-mode", TRUE);
  notifier = rapport_reminder_notifier_new (app, store, settings);
  g_assert_cmpuint (check (notifier), ==, 1);
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (last_summary, ==, "“Nuevo logotipo” is 2 days overdue");
  g_assert_null (strstr (last_body, "Ñandú"));
  stand_in = g_strdup_printf ("Promised to Client %" G_GINT64_FORMAT,
                              rapport_record_get_id (RAPPORT_RECORD (client)));
  g_assert_cmpstr (last_body, ==, stand_in);

  /* …nor what was promised to a confidential one */
  rapport_client_set_confidential (secret, TRUE);
  rapport_test_save (store, secret);
  merger = rapport_test_add_commitment (store, secret, "Plan de fusión", due_iso);
  n_before = n_notify;
  g_assert_cmpuint (check (notifier), ==, 1);
  while (n_notify == n_before)
    g_main_context_iteration (NULL, TRUE);

  g_clear_pointer (&stand_in, g_free);
  stand_in = g_strdup_printf ("“Commitment %" G_GINT64_FORMAT "” is 2 days overdue",
                              rapport_record_get_id (RAPPORT_RECORD (merger)));
  g_assert_cmpstr (last_summary, ==, stand_in);
  g_assert_null (strstr (last_body, "Fusiones"));

  g_settings_set_boolean (settings, "discreet-mode", FALSE);
  g_clear_object (&notifier);
  g_clear_object (&merger);
  g_clear_object (&secret);
  g_clear_object (&commitment);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
wait_for_closes (guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_close < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  /* Any other would have come in the same burst */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* "Is 2 days overdue" stays on the desktop no longer than it is true,
 * even across a restart */
static void
test_withdrawn_once_done (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(GDate) due = rapport_date_new_today ();
  g_autoptr(RapportCommitment) logo = NULL;
  g_autoptr(RapportCommitment) site = NULL;
  g_autoptr(RapportCommitment) copy = NULL;
  g_autoptr(RapportCommitment) brief = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) later = NULL;
  g_autoptr(GApplication) app = g_application_new ("io.github.rapportapp.RapportTest5",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(RapportReminderNotifier) notifier = NULL;
  g_autofree char *due_iso = NULL;
  guint n_before = n_notify;
  guint n_closed = n_close;

  g_date_subtract_days (due, 2);
  due_iso = rapport_date_to_iso (due);
  logo = rapport_test_add_commitment (store, client, "Logo", due_iso);
  site = rapport_test_add_commitment (store, client, "Site", due_iso);
  copy = rapport_test_add_commitment (store, client, "Copy", due_iso);
  g_assert_true (g_application_register (app, NULL, NULL));
  own_notification_service ();

  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 3);
  while (n_notify < n_before + 3)
    g_main_context_iteration (NULL, TRUE);

  /* Nothing changed, nothing withdrawn */
  g_assert_cmpuint (check (notifier), ==, 0);
  wait_for_closes (n_closed + 1);
  g_assert_cmpuint (n_close, ==, n_closed);

  /* Delivered */
  rapport_commitment_set_status (logo, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (logo, now);
  rapport_test_save (store, logo);
  g_assert_cmpuint (check (notifier), ==, 0);
  wait_for_closes (n_closed + 1);
  g_assert_cmpuint (n_close, ==, n_closed + 1);

  /* In the trash */
  rapport_test_trash (store, site);
  g_assert_cmpuint (check (notifier), ==, 0);
  wait_for_closes (n_closed + 2);
  g_assert_cmpuint (n_close, ==, n_closed + 2);

  /* Given a later date */
  later = rapport_date_new_today ();
  g_date_add_days (later, 10);
  rapport_commitment_set_due (copy, later);
  rapport_test_save (store, copy);
  g_assert_cmpuint (check (notifier), ==, 0);
  wait_for_closes (n_closed + 3);
  g_assert_cmpuint (n_close, ==, n_closed + 3);
  g_assert_cmpuint (n_notify, ==, n_before + 3);

  /* Sent before a restart: the next run withdraws it, as the store
   * recorded it */
  brief = rapport_test_add_commitment (store, client, "Brief", due_iso);
  g_assert_cmpuint (check (notifier), ==, 1);
  while (n_notify < n_before + 4)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&notifier);
  rapport_commitment_set_status (brief, RAPPORT_COMMITMENT_STATUS_DELIVERED);
  rapport_commitment_set_delivered_at (brief, now);
  rapport_test_save (store, brief);
  notifier = rapport_reminder_notifier_new (app, store, NULL);
  g_assert_cmpuint (check (notifier), ==, 0);
  wait_for_closes (n_closed + 4);
  g_assert_cmpuint (n_close, ==, n_closed + 4);

  g_clear_object (&notifier);
  g_clear_object (&brief);
  g_clear_object (&logo);
  g_clear_object (&site);
  g_clear_object (&copy);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminder-notifier/notification-sent-once", test_notification_sent_once);
  g_test_add_func ("/reminder-notifier/setting-turns-them-off", test_setting_turns_them_off);
  g_test_add_func ("/reminder-notifier/many-summed-up", test_many_summed_up);
  g_test_add_func ("/reminder-notifier/summary-counts-due-today", test_summary_counts_due_today);
  g_test_add_func ("/reminder-notifier/discreet-mode-names-no-client",
                   test_discreet_mode_names_no_client);
  g_test_add_func ("/reminder-notifier/withdrawn-once-done", test_withdrawn_once_done);

  return g_test_run ();
}

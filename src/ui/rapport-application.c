/* rapport-application.c: the application, its options and its store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "rapport-application.h"
#include "rapport-backups-dialog.h"
#include "rapport-bench-probe.h"
#include "rapport-commitment.h"
#include "rapport-editor.h"
#include "rapport-preferences-window.h"
#include "rapport-reminder-notifier.h"
#include "rapport-store-backup.h"
#include "rapport-export-dialog.h"
#include "rapport-export.h"
#include "rapport-font-warmup.h"
#include "rapport-frame-memory.h"
#include "rapport-import.h"
#include "rapport-window.h"

struct _RapportApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  RapportStore   *store;
  char           *store_error;
  int             store_error_code;
  GCancellable   *cancellable;
  guint           backup_id;
  /* Seconds to the first check for today's backup, and between checks */
  guint           backup_delay;
  guint           backup_interval;
  GSettings      *settings;
  RapportReminderNotifier *notifier;
  RapportFontWarmup *font_warmup;
  /* The main window is being made (see settle_start_up()) */
  gboolean        making_window;
};

/* How long after start-up the daily backup is made */
#define BACKUP_DELAY_SECONDS 30
/* How often, while the app stays open, it checks whether the day changed
 * and a new day's backup is due */
#define BACKUP_INTERVAL_SECONDS 3600

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

/* The options that name a file */
static const char *const file_options[] = {
  "database", "export-summary", "export-backup", "import-backup",
};

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { "export-summary", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a summary of every client as JSON to FILE (“-” for the standard output) "
       "and quit"), N_("FILE") },
  { "include-confidential", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Name confidential clients in the summary instead of “Client 1”, “Client 2”…"), NULL },
  { "period", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Count the commitments due in the last-30, last-90 or last-365 days, or all "
       "(the default)"), N_("PERIOD") },
  { "export-backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every record, trash included, as JSON to FILE (“-” for the standard output) "
       "and quit"), N_("FILE") },
  { "import-backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Merge the backup in FILE (“-” for the standard input) into the database and quit"),
    N_("FILE") },
  /* Collected to be refused: a word left over is a mistake, such as a
   * period without --period */
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

/* Closes the editors as by their close button, any of which may ask
 * before discarding what it could not save. Returns whether all closed. */
static gboolean
close_editors (RapportApplication *self)
{
  g_autoptr(GPtrArray) editors = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_EDITOR (l->data))
      g_ptr_array_add (editors, g_object_ref (l->data));

  for (guint i = 0; i < editors->len; i++)
    gtk_window_close (editors->pdata[i]);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RAPPORT_IS_EDITOR (l->data))
      return FALSE;

  return TRUE;
}

/* Actions */

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* The editors first: one that asks stops the quit */
  if (!close_editors (user_data))
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL;
       l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));

  /* Then the others, so that the main window keeps its size and view for
   * the next start */
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (windows->pdata[i]);

  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RapportApplication *self = user_data;
  const char *developers[] = { "The Rapport developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Rapport"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Rapport developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Keep your word with every client"),
                         "website", "https://github.com/rapportapp/rapport",
                         "issue-url", "https://github.com/rapportapp/rapport/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (rapport_preferences_window_new (parent));
}

/* Opens a commitment, as a reminder's notification asks */
static void
show_commitment_action_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  RapportApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The window there already is raised; without one, activating makes it */
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  else
    gtk_window_present (window);

  /* As a click on its row does: an editor that is one of the app's
   * windows, or the trash for a commitment in it, or a word when it was
   * deleted for good since the reminder went out */
  if (RAPPORT_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-record", "(sx)",
                                g_type_name (RAPPORT_TYPE_COMMITMENT),
                                g_variant_get_int64 (parameter));
}

static void
open_export_dialog (RapportApplication      *self,
                    RapportExportDialogTask  task)
{
  RapportExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = rapport_export_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->store, task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_summary_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  open_export_dialog (user_data, RAPPORT_EXPORT_DIALOG_SUMMARY);
}

static void
export_backup_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  open_export_dialog (user_data, RAPPORT_EXPORT_DIALOG_BACKUP);
}

static void
import_backup_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  open_export_dialog (user_data, RAPPORT_EXPORT_DIALOG_IMPORT);
}

static void
restore_backup_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  RapportApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (rapport_backups_dialog_new (window, self));
}

static const GActionEntry app_actions[] = {
  { "restore-backup", restore_backup_action_cb },
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "show-commitment", show_commitment_action_cb, "x" },
  { "export-summary", export_summary_action_cb },
  { "export-backup", export_backup_action_cb },
  { "import-backup", import_backup_action_cb },
};

static void
daily_backup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rapport_store_backup_daily_finish (RAPPORT_STORE (source), result, &error);

  if (path == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The daily backup was not made: %s", error->message);
  else if (path != NULL && *path != '\0')
    g_debug ("Backed up the database to %s", path);
}

/* Command line */

static GFile *
file_for_argument (const char *argument)
{
  /* "-" is the standard output */
  if (g_str_equal (argument, "-"))
    return NULL;

  return g_file_new_for_commandline_arg (argument);
}

/* An export reads a database: a mistyped path must not make an empty one
 * and report success */
static gboolean
database_exists (RapportApplication *self)
{
  g_autofree char *path = self->database_path != NULL ? g_strdup (self->database_path)
                                                      : rapport_store_dup_default_path ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  {
    g_autofree char *name = g_filename_display_name (path);

    g_printerr (_("There is no database at “%s”.\n"), name);
  }
  return FALSE;
}

/* An export from the command line, which Ctrl+C, SIGTERM or SIGHUP
 * cancel: it then removes its temporary file, which would otherwise stay
 * behind, hidden, with a partial copy of the data */
typedef struct
{
  GCancellable *cancellable;
  GAsyncResult *result;
  int           signal;
} Export;

typedef struct
{
  Export *export;
  int     signal;
} SignalWatch;

static gboolean
export_interrupted_cb (gpointer user_data)
{
  SignalWatch *watch = user_data;

  if (watch->export->signal == 0)
    watch->export->signal = watch->signal;
  g_cancellable_cancel (watch->export->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *export = user_data;

  export->result = g_object_ref (result);
}

/* Runs the export in a thread while this one watches for signals.
 * Returns the exit status. */
static int
run_export (RapportStore  *store,
            const char    *destination,
            gboolean       summary,
            RapportPeriod  period,
            gboolean       include_confidential)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  g_autoptr(GFile) file = file_for_argument (destination);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Export export = { cancellable, NULL, 0 };
  SignalWatch watches[G_N_ELEMENTS (signals)];
  guint sources[G_N_ELEMENTS (signals)];
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      watches[i] = (SignalWatch) { &export, signals[i] };
      sources[i] = g_unix_signal_add (signals[i], export_interrupted_cb, &watches[i]);
    }

  if (summary)
    rapport_export_summary_async (store, file, period, include_confidential, cancellable,
                                  NULL, NULL, NULL, export_done_cb, &export);
  else
    rapport_export_backup_async (store, file, cancellable, NULL, NULL, NULL,
                                 export_done_cb, &export);

  while (export.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (summary)
    ok = rapport_export_summary_finish (store, export.result, &error);
  else
    ok = rapport_export_backup_finish (store, export.result, &error);
  g_clear_object (&export.result);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_source_remove (sources[i]);

  if (ok)
    return 0;

  if (export.signal != 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (file != NULL)
        g_printerr (_("Export interrupted; nothing was written.\n"));
      else
        g_printerr (_("Export interrupted; the output is incomplete.\n"));
      /* As a shell reports a command that a signal ended */
      return 128 + export.signal;
    }

  g_printerr ("%s\n", error->message);
  return 1;
}

/* Runs --export-summary, --export-backup or --import-backup without a
 * display. Returns the exit status. */
static int
run_headless (RapportApplication *self,
              GVariantDict       *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *import = NULL;
  g_autofree char *period_nick = NULL;
  RapportPeriod period = RAPPORT_PERIOD_ALL;
  gboolean include_confidential = g_variant_dict_contains (options, "include-confidential");

  g_variant_dict_lookup (options, "export-summary", "^ay", &summary);
  g_variant_dict_lookup (options, "export-backup", "^ay", &backup);
  g_variant_dict_lookup (options, "import-backup", "^ay", &import);
  g_variant_dict_lookup (options, "period", "s", &period_nick);

  if ((summary != NULL) + (backup != NULL) + (import != NULL) > 1)
    {
      g_printerr (_("Use only one of --export-summary, --export-backup and --import-backup "
                    "at a time.\n"));
      return 1;
    }

  if (summary == NULL && (include_confidential || period_nick != NULL))
    {
      g_printerr (_("--include-confidential and --period only apply to --export-summary.\n"));
      return 1;
    }

  if (period_nick != NULL && !rapport_period_from_nick (period_nick, &period))
    {
      g_printerr (_("“%s” is not a period: use last-30, last-90, last-365 or all.\n"),
                  period_nick);
      return 1;
    }

  if (import == NULL && !database_exists (self))
    return 1;

  /* An export only reads: it works from a database that cannot be written */
  if (import != NULL)
    store = rapport_store_open (self->database_path, &error);
  else
    store = rapport_store_open_to_read (self->database_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (summary != NULL)
    return run_export (store, summary, TRUE, period, include_confidential);
  if (backup != NULL)
    return run_export (store, backup, FALSE, period, include_confidential);

  {
    /* "-" is the standard input */
    g_autoptr(GFile) file = g_str_equal (import, "-") ? g_file_new_for_path ("/dev/stdin")
                                                      : g_file_new_for_commandline_arg (import);
    g_autofree char *name = g_file_get_parse_name (file);
    g_autofree char *message = NULL;
    RapportImportResult result;

    if (!rapport_import_backup (store, file, NULL, &result, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }

    message = rapport_import_result_describe (&result, name);
    g_print ("%s\n", message);
    return 0;
  }
}

static gboolean
start_daily_backup_cb (gpointer user_data)
{
  RapportApplication *self = user_data;

  if (self->store == NULL)
    {
      self->backup_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Nothing is copied when today's backup is there: the check is cheap,
   * and an app left open for days still backs up each day */
  rapport_store_backup_daily_async (self->store, self->cancellable, daily_backup_cb, NULL);
  self->backup_id = g_timeout_add_seconds (self->backup_interval, start_daily_backup_cb, self);

  return G_SOURCE_REMOVE;
}

/* Opens the database at self->database_path (the default one when NULL),
 * or keeps the reason it could not be opened for the window to explain */
static void
open_store (RapportApplication *self)
{
  const char *store_actions[] = { "export-summary", "export-backup", "import-backup",
                                  "show-commitment" };
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->notifier);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_error, g_free);
  self->store_error_code = -1;

  self->store = rapport_store_open (self->database_path, &error);
  if (self->store == NULL)
    {
      g_warning ("%s", error->message);
      self->store_error = g_strdup (error->message);
      if (error->domain == RAPPORT_STORE_ERROR)
        self->store_error_code = error->code;
    }

  for (guint i = 0; i < G_N_ELEMENTS (store_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   G_ACTION_MAP (self), store_actions[i])), self->store != NULL);

  if (self->store == NULL)
    return;

  /* Copying a large database takes a core for a while: not during start-up */
  g_clear_handle_id (&self->backup_id, g_source_remove);
  self->backup_id = g_timeout_add_seconds (self->backup_delay, start_daily_backup_cb, self);
  self->notifier = rapport_reminder_notifier_new (G_APPLICATION (self), self->store,
                                                  self->settings);
}

/* Overrides */

static int
rapport_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  g_autofree char *database = NULL;
  g_autofree const char **remaining = NULL;

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining))
    {
      g_autofree char *word = g_filename_display_name (remaining[0]);

      g_printerr (_("“%s” is not an option. Run “rapport --help” to see them.\n"), word);
      return 1;
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "rapport", PACKAGE_VERSION);
      return 0;
    }

  /* An empty name (a shell variable left unset) would be the current
   * folder to GFile, and the error would name that folder */
  for (guint i = 0; i < G_N_ELEMENTS (file_options); i++)
    {
      g_autofree char *value = NULL;

      if (g_variant_dict_lookup (options, file_options[i], "^ay", &value) && *value == '\0')
        {
          g_autofree char *option = g_strconcat ("--", file_options[i], NULL);

          /* Translators: %s is an option, such as --export-backup */
          g_printerr (_("%s was given an empty file name.\n"), option);
          return 1;
        }
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      /* Another database is another document: let it have its own window
       * instead of being handed to a Rapport already running. */
      self->database_path = g_file_get_path (file);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "export-summary") ||
      g_variant_dict_contains (options, "export-backup") ||
      g_variant_dict_contains (options, "import-backup") ||
      g_variant_dict_contains (options, "include-confidential") ||
      g_variant_dict_contains (options, "period"))
    return run_headless (self, options);

  return -1;
}

static void
rapport_application_startup (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  g_autoptr(GSettingsSchema) settings_schema = NULL;
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (app);

  settings_schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                     SCHEMA_ID, TRUE);
  if (settings_schema != NULL)
    self->settings = g_settings_new (SCHEMA_ID);
  else
    g_warning ("The settings schema %s is not installed; preferences will not be kept", SCHEMA_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  open_store (self);
}

static void
rapport_application_shutdown (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_pointer (&self->font_warmup, rapport_font_warmup_free);
  /* Threads still reading may keep the store open past the end */
  if (self->store != NULL)
    rapport_store_checkpoint (self->store);

  G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (app);
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* GtkApplication and libadwaita add their icons to the icon theme at
 * start-up, and GTK 4.8 applies the change from an idle just above the
 * priority of layout: every widget is restyled and every icon looked up
 * again. That idle ran after the window's first frame, and the whole
 * window was laid out and drawn again, a frame as long as the first
 * (9-14 ms). Before there is a window to restyle it costs nothing: this
 * runs the main loop until it has run, and what else is due before
 * layout. */
static void
settle_start_up (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_idle_add_full (GTK_PRIORITY_RESIZE - 1, quit_loop_cb, loop, NULL);
  g_main_loop_run (loop);
}

static void
rapport_application_activate (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  GtkWindow *window;

  /* Asked again while settle_start_up() runs the main loop: the window
   * being made is presented when it is */
  if (self->making_window)
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      self->making_window = TRUE;
      /* The glyphs are drawn while the window is built */
      if (self->font_warmup == NULL)
        self->font_warmup = rapport_font_warmup_start ();
      settle_start_up ();
      window = GTK_WINDOW (rapport_window_new (self));
      rapport_bench_probe_attach (window);
      rapport_frame_memory_attach (window);
      self->making_window = FALSE;
    }

  gtk_window_present (window);
}

static void
rapport_application_finalize (GObject *object)
{
  RapportApplication *self = (RapportApplication *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->store_error, g_free);

  G_OBJECT_CLASS (rapport_application_parent_class)->finalize (object);
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rapport_application_finalize;

  app_class->handle_local_options = rapport_application_handle_local_options;
  app_class->startup = rapport_application_startup;
  app_class->activate = rapport_application_activate;
  app_class->shutdown = rapport_application_shutdown;
}

static void
rapport_application_init (RapportApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->store_error_code = -1;
  self->backup_delay = BACKUP_DELAY_SECONDS;
  self->backup_interval = BACKUP_INTERVAL_SECONDS;
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep your word with every client."));
}

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APP_PATH,
                       NULL);
}

/**
 * rapport_application_get_store:
 *
 * Returns: (nullable) (transfer none): the open store, or %NULL when the
 *   database could not be opened (see rapport_application_get_store_error())
 */
RapportStore *
rapport_application_get_store (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->store;
}

const char *
rapport_application_get_store_error (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * rapport_application_get_store_error_code:
 *
 * Returns: the RAPPORT_STORE_ERROR code of the reason the database could not
 *   be opened, or -1
 */
int
rapport_application_get_store_error_code (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), -1);

  return self->store_error_code;
}

/**
 * rapport_application_get_database_path:
 *
 * Returns: (transfer full): the database file in use, or tried
 */
char *
rapport_application_dup_database_path (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  return rapport_store_dup_default_path ();
}

/**
 * rapport_application_reopen:
 * @self: the application
 * @path: (nullable): another database file, or %NULL for the same one
 *
 * Closes the windows and the database and opens @path in a new window,
 * which shows why if it cannot be opened either.
 */
void
rapport_application_reopen (RapportApplication *self,
                            const char         *path)
{
  GList *windows;

  g_return_if_fail (RAPPORT_IS_APPLICATION (self));

  /* Keep running while there is no window */
  g_application_hold (G_APPLICATION (self));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  if (path != NULL)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (path);
    }

  open_store (self);
  gtk_window_present (GTK_WINDOW (rapport_window_new (self)));

  g_application_release (G_APPLICATION (self));
}

/**
 * rapport_application_restore_backup:
 * @self: the application
 * @backup_path: an automatic backup of the database in use
 *
 * Puts the backup in place of the database, keeping the previous file
 * beside it, and opens it.
 *
 * Returns: %TRUE when the backup is in place
 */
gboolean
rapport_application_restore_backup (RapportApplication  *self,
                                    const char          *backup_path,
                                    GError             **error)
{
  g_autofree char *path = rapport_application_dup_database_path (self);
  g_autofree char *set_aside = NULL;
  gboolean damaged = self->store_error_code == RAPPORT_STORE_ERROR_CORRUPT;
  RapportWindow *window;
  GList *windows;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  /* What an editor could not save would go without a word */
  if (!close_editors (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("An editor has changes that are not saved: keep or discard them, then "
                     "restore the backup."));
      return FALSE;
    }

  g_application_hold (G_APPLICATION (self));

  /* Let go of the database before its file is set aside */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
  g_clear_object (&self->notifier);
  g_clear_object (&self->store);

  if (!rapport_store_replace_with_backup (path, backup_path, damaged, &set_aside, error))
    {
      open_store (self);
      gtk_window_present (GTK_WINDOW (rapport_window_new (self)));
      g_application_release (G_APPLICATION (self));
      return FALSE;
    }

  open_store (self);
  window = rapport_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  /* Where the data replaced went, for the user to find it again: a
   * toast would cut the file's name short */
  if (set_aside != NULL)
    {
      g_autofree char *name = g_filename_display_basename (set_aside);
      AdwMessageDialog *restored;

      g_message ("The previous database was kept as %s", set_aside);
      restored = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                             _("Backup Restored"), NULL));
      /* Translators: %s is the name of a file beside the database */
      adw_message_dialog_format_body (restored,
                                      _("What you had before is kept in “%s”, beside the "
                                        "database."), name);
      adw_message_dialog_add_response (restored, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (restored));
    }

  g_application_release (G_APPLICATION (self));
  return TRUE;
}

/* For tests: seconds to the first backup, and between the checks after */
void
_rapport_application_set_backup_times (RapportApplication *self,
                                       guint               delay,
                                       guint               interval)
{
  g_return_if_fail (RAPPORT_IS_APPLICATION (self));

  self->backup_delay = delay;
  self->backup_interval = interval;
}

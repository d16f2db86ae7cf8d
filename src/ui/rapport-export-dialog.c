/* rapport-export-dialog.c: export a summary or a backup, import a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The work runs in a thread on its own connection (rapport-export.h,
 * rapport-import.h); the dialog shows its progress, can cancel it, and
 * says plainly how it ended. Files come through GtkFileChooserNative, so
 * the portal handles them inside Flatpak.
 */
#define G_LOG_DOMAIN "rapport-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-choice-factory.h"
#include "rapport-export-dialog.h"
#include "rapport-export.h"
#include "rapport-import.h"
#include "rapport-record-row.h"

struct _RapportExportDialog
{
  AdwWindow                parent_instance;

  /* Template widgets */
  AdwWindowTitle          *window_title;
  AdwPreferencesGroup     *options_group;
  AdwComboRow             *kind_row;
  AdwComboRow             *period_row;
  AdwActionRow            *confidential_row;
  GtkSwitch               *confidential_switch;
  GtkLabel                *description_label;
  GtkProgressBar          *progress_bar;
  GtkLabel                *status_label;
  GtkButton               *cancel_button;
  GtkButton               *start_button;

  /* Owned references */
  RapportStore            *store;
  GCancellable            *cancellable;
  GtkFileChooserNative    *chooser;
  GFile                   *file;
  GSettings               *settings;

  RapportExportDialogTask  task;
  /* What the running work is, while cancellable is set */
  RapportExportDialogTask  running_task;
};

G_DEFINE_FINAL_TYPE (RapportExportDialog, rapport_export_dialog, ADW_TYPE_WINDOW)

/* The order of the period row's items */
static const RapportPeriod periods[] = {
  RAPPORT_PERIOD_LAST_30,
  RAPPORT_PERIOD_LAST_90,
  RAPPORT_PERIOD_LAST_365,
  RAPPORT_PERIOD_ALL,
};

static RapportExportDialogTask
current_task (RapportExportDialog *self)
{
  if (self->task == RAPPORT_EXPORT_DIALOG_IMPORT)
    return RAPPORT_EXPORT_DIALOG_IMPORT;

  return adw_combo_row_get_selected (self->kind_row) == 0 ?
    RAPPORT_EXPORT_DIALOG_SUMMARY : RAPPORT_EXPORT_DIALOG_BACKUP;
}

static void
update_controls (RapportExportDialog *self)
{
  RapportExportDialogTask task = current_task (self);
  gboolean running = self->cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->options_group), task != RAPPORT_EXPORT_DIALOG_IMPORT);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row), task == RAPPORT_EXPORT_DIALOG_SUMMARY);
  gtk_widget_set_visible (GTK_WIDGET (self->confidential_row),
                          task == RAPPORT_EXPORT_DIALOG_SUMMARY);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);

  switch (task)
    {
    case RAPPORT_EXPORT_DIALOG_SUMMARY:
      gtk_window_set_title (GTK_WINDOW (self), _("Export"));
      adw_window_title_set_title (self->window_title, _("Export"));
      {
        /* The period's row shows the period chosen, whole, where it
         * would say what the period is for: this says it */
        g_autofree char *description =
          g_strdup_printf ("%s %s",
                           _("Commitments by status, reliability, open feedback and apologies "
                             "owed, per client and overall, as JSON. Nothing in the trash "
                             "counts."),
                           _("Only the commitments due in the period chosen count."));

        gtk_label_set_text (self->description_label, description);
      }
      gtk_button_set_label (self->start_button, _("_Export Summary…"));
      break;

    case RAPPORT_EXPORT_DIALOG_BACKUP:
      gtk_window_set_title (GTK_WINDOW (self), _("Export"));
      adw_window_title_set_title (self->window_title, _("Export"));
      gtk_label_set_text (self->description_label,
                          _("Every record, the trash included, as JSON: import it again to "
                            "restore your data or move it to another computer. It holds "
                            "confidential clients as they are: keep it safe."));
      gtk_button_set_label (self->start_button, _("_Export Backup…"));
      break;

    case RAPPORT_EXPORT_DIALOG_IMPORT:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("Import a Backup"));
      adw_window_title_set_title (self->window_title, _("Import a Backup"));
      gtk_label_set_text (self->description_label,
                          _("Records are matched with yours: new ones are added, and where "
                            "both have a record, the one edited last is kept. If the file has "
                            "an error, nothing is imported."));
      gtk_button_set_label (self->start_button, _("_Choose a Backup…"));
      break;
    }
}

static void
show_status (RapportExportDialog *self,
             const char          *message,
             gboolean             success)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);

  /* Said once, above the button: a toast said it again over the button */
  if (success)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
}

/* Callbacks */

/* Work may end after the dialog was closed and disposed */
static gboolean
is_disposed (RapportExportDialog *self)
{
  return self->status_label == NULL;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  RapportExportDialog *self = user_data;

  if (!is_disposed (self))
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
finish (RapportExportDialog *self,
        GError              *error,
        const char          *success_message)
{
  RapportExportDialogTask task = self->running_task;

  g_clear_object (&self->cancellable);
  if (is_disposed (self))
    return;

  update_controls (self);

  if (error == NULL)
    show_status (self, success_message, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, task == RAPPORT_EXPORT_DIALOG_IMPORT ?
                         _("Cancelled. Nothing was imported.") :
                         _("Cancelled. No file was written."), FALSE);
  else
    show_status (self, error->message, FALSE);
}

static char *
file_display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = file_display_name (self->file);
  g_autofree char *message = NULL;

  if (self->running_task == RAPPORT_EXPORT_DIALOG_SUMMARY)
    {
      if (rapport_export_summary_finish (RAPPORT_STORE (source), result, &error))
        message = g_strdup_printf (_("The summary was saved as “%s”."), name);
    }
  else if (rapport_export_backup_finish (RAPPORT_STORE (source), result, &error))
    message = g_strdup_printf (_("The backup was saved as “%s”."), name);

  finish (self, error, message);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = file_display_name (self->file);
  g_autofree char *message = NULL;
  RapportImportResult counts;

  if (rapport_import_backup_finish (RAPPORT_STORE (source), result, &counts, &error))
    message = rapport_import_result_describe (&counts, name);

  finish (self, error, message);
}

static void
chooser_response_cb (RapportExportDialog *self,
                     int                  response,
                     GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    rapport_export_dialog_run_with_file (self, file);
}

static void
start_clicked_cb (RapportExportDialog *self)
{
  RapportExportDialogTask task = current_task (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->cancellable != NULL)
    return;

  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");

  if (task == RAPPORT_EXPORT_DIALOG_IMPORT)
    {
      self->chooser = gtk_file_chooser_native_new (_("Import a Backup"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                   _("_Cancel"));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *name = NULL;

      /* Not translated: file names stay the same whatever the language */
      name = g_strdup_printf (task == RAPPORT_EXPORT_DIALOG_SUMMARY ?
                                "rapport-summary-%s.json" : "rapport-backup-%s.json", day);
      self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                   _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked_cb (RapportExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
kind_changed_cb (RapportExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  update_controls (self);
}

/* Overrides */

static gboolean
rapport_export_dialog_close_request (GtkWindow *window)
{
  RapportExportDialog *self = RAPPORT_EXPORT_DIALOG (window);

  /* Work in the thread stops at its next row; a file is left as it was */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (rapport_export_dialog_parent_class)->close_request (window);
}

static void
rapport_export_dialog_dispose (GObject *object)
{
  RapportExportDialog *self = (RapportExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_export_dialog_parent_class)->dispose (object);
}

static void
rapport_export_dialog_class_init (RapportExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_export_dialog_dispose;
  window_class->close_request = rapport_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, confidential_row);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportExportDialog, start_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_export_dialog_init (RapportExportDialog *self)
{
  g_autoptr(GtkListItemFactory) choices = _rapport_choice_factory_new (TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The rows show their choice as a subtitle, whole; their popovers too */
  adw_combo_row_set_list_factory (self->kind_row, choices);
  adw_combo_row_set_list_factory (self->period_row, choices);

  /* The next summary names confidential clients, or not, as the last did */
  self->settings = _rapport_dup_settings ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "summary-include-confidential",
                     self->confidential_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/* API */

/**
 * rapport_export_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @task: what to offer first; a summary can still be switched to a backup
 */
RapportExportDialog *
rapport_export_dialog_new (GtkWindow               *parent,
                           RapportStore            *store,
                           RapportExportDialogTask  task)
{
  RapportExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->task = task;
  adw_combo_row_set_selected (self->kind_row, task == RAPPORT_EXPORT_DIALOG_BACKUP ? 1 : 0);
  update_controls (self);

  return self;
}

/**
 * rapport_export_dialog_run_with_file:
 * @file: the file the user chose
 *
 * Does what the dialog is set to do with @file: what happens once the
 * file chooser is answered.
 */
void
rapport_export_dialog_run_with_file (RapportExportDialog *self,
                                     GFile               *file)
{
  RapportExportDialogTask task;

  g_return_if_fail (RAPPORT_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  task = current_task (self);
  self->running_task = task;
  g_set_object (&self->file, file);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  update_controls (self);

  switch (task)
    {
    case RAPPORT_EXPORT_DIALOG_SUMMARY:
      {
        guint selected = adw_combo_row_get_selected (self->period_row);
        RapportPeriod period = selected < G_N_ELEMENTS (periods) ?
          periods[selected] : RAPPORT_PERIOD_ALL;

        rapport_export_summary_async (self->store, file, period,
                                      gtk_switch_get_active (self->confidential_switch),
                                      self->cancellable,
                                      progress_cb, g_object_ref (self), g_object_unref,
                                      export_done_cb, g_object_ref (self));
      }
      break;

    case RAPPORT_EXPORT_DIALOG_BACKUP:
      rapport_export_backup_async (self->store, file, self->cancellable,
                                   progress_cb, g_object_ref (self), g_object_unref,
                                   export_done_cb, g_object_ref (self));
      break;

    case RAPPORT_EXPORT_DIALOG_IMPORT:
    default:
      rapport_import_backup_async (self->store, file, self->cancellable,
                                   progress_cb, g_object_ref (self), g_object_unref,
                                   import_done_cb, g_object_ref (self));
      break;
    }
}

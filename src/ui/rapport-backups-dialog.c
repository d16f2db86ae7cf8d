/* rapport-backups-dialog.c: the automatic backups, and bringing one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the database's automatic backups, newest first. Restoring one asks
 * first, then puts it in place; the data it replaces is kept beside it.
 */
#define G_LOG_DOMAIN "rapport-backups-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rapport-backups-dialog.h"
#include "rapport-date-format.h"
#include "rapport-question.h"
#include "rapport-status-page.h"
#include "rapport-store-backup.h"

struct _RapportBackupsDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkListBox         *list;
  AdwToastOverlay    *toasts;

  /* Owned references */
  RapportApplication *application;
  GPtrArray          *backups;
};

G_DEFINE_FINAL_TYPE (RapportBackupsDialog, rapport_backups_dialog, ADW_TYPE_WINDOW)

static char *
describe_backup (const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *day = NULL;

  if (g_stat (path, &st) != 0)
    return g_path_get_basename (path);

  when = g_date_time_new_from_unix_local (st.st_mtime);
  /* Translators: when a backup was made, e.g. "Monday 23 November 2026, 09:15" */
  day = _rapport_date_time_format (when, _("%A %-d %B %Y, %H:%M"));
  return g_strstrip (g_steal_pointer (&day));
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autofree char *path = user_data;
  RapportBackupsDialog *self = RAPPORT_BACKUPS_DIALOG (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autoptr(GError) error = NULL;
  RapportApplication *application;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  /* Restoring closes the app's windows, and this one lists the backups
   * of the database before: it goes too, once the question that is over
   * it has let go of it */
  application = g_object_ref (self->application);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
  if (!rapport_application_restore_backup (application, path, &error))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
      AdwMessageDialog *failed;

      failed = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("The Backup Was Not Restored"),
                                                           error->message));
      adw_message_dialog_add_response (failed, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
  g_object_unref (application);
}

/**
 * rapport_backups_dialog_restore:
 *
 * Asks whether to restore the backup at @position, as its button does.
 */
void
rapport_backups_dialog_restore (RapportBackupsDialog *self,
                                guint                 position)
{
  AdwMessageDialog *dialog;
  g_autofree char *when = NULL;

  g_return_if_fail (RAPPORT_IS_BACKUPS_DIALOG (self));
  g_return_if_fail (position < self->backups->len);

  when = describe_backup (self->backups->pdata[position]);
  dialog = ADW_MESSAGE_DIALOG (_rapport_question_new (GTK_WINDOW (self),
                                                      _("Restore This Backup?"), NULL,
                                                      _("_Cancel"), "restore", _("_Restore"),
                                                      ADW_RESPONSE_SUGGESTED));
  adw_message_dialog_format_body (dialog,
                                  _("Rapport will show your data as it was on %s. What you "
                                    "have now is kept in a file beside the database, so "
                                    "nothing is lost."), when);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb),
                    g_strdup (self->backups->pdata[position]));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_clicked_cb (GtkButton            *button,
                    RapportBackupsDialog *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  rapport_backups_dialog_restore (self, position);
}

static void
fill (RapportBackupsDialog *self)
{
  g_autofree char *db_path = rapport_application_dup_database_path (self->application);

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = rapport_store_list_backups (db_path);

  for (guint i = 0; i < self->backups->len; i++)
    {
      const char *path = self->backups->pdata[i];
      g_autofree char *title = describe_backup (path);
      g_autofree char *name = g_path_get_basename (path);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "backups" : "empty");
}

static void
rapport_backups_dialog_dispose (GObject *object)
{
  RapportBackupsDialog *self = (RapportBackupsDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_BACKUPS_DIALOG);
  g_clear_object (&self->application);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_backups_dialog_parent_class)->dispose (object);
}

static void
rapport_backups_dialog_class_init (RapportBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_backups_dialog_dispose;

  g_type_ensure (RAPPORT_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/rapport-backups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, RapportBackupsDialog, toasts);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_backups_dialog_init (RapportBackupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
rapport_backups_dialog_new (GtkWindow          *parent,
                            RapportApplication *application)
{
  RapportBackupsDialog *self;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (application), NULL);

  self = g_object_new (RAPPORT_TYPE_BACKUPS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->application = g_object_ref (application);
  fill (self);

  return GTK_WINDOW (self);
}

guint
rapport_backups_dialog_get_n_backups (RapportBackupsDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUPS_DIALOG (self), 0);

  return self->backups->len;
}

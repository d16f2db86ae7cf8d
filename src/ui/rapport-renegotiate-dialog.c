/* rapport-renegotiate-dialog.c: ask why a due date moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A promise's due date never moves silently: the user says why and whether
 * the client agreed, which is what reliability figures count.
 */
#define G_LOG_DOMAIN "rapport-renegotiate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-renegotiate-dialog.h"

struct _RapportRenegotiateDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *reason_row;
  GtkSwitch        *agreed_switch;
};

G_DEFINE_FINAL_TYPE (RapportRenegotiateDialog, rapport_renegotiate_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
reason_changed_cb (RapportRenegotiateDialog *self)
{
  g_autofree char *reason = rapport_renegotiate_dialog_dup_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "move", reason != NULL);
}

static void
rapport_renegotiate_dialog_class_init (RapportRenegotiateDialogClass *klass)
{
  (void) klass;
}

static void
rapport_renegotiate_dialog_init (RapportRenegotiateDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *list, *agreed_row;

  adw_message_dialog_set_heading (dialog, _("Move the Due Date?"));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move Due Date"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "move", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->reason_row));

  agreed_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (agreed_row), _("The Client Agreed"));
  self->agreed_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->agreed_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agreed_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The Client Agreed"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (agreed_row), GTK_WIDGET (self->agreed_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (agreed_row),
                                         GTK_WIDGET (self->agreed_switch));
  gtk_list_box_append (GTK_LIST_BOX (list), agreed_row);

  adw_message_dialog_set_extra_child (dialog, list);

  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
}

/**
 * rapport_renegotiate_dialog_new:
 * @old_due: the due date agreed until now
 * @new_due: the date it moves to
 */
GtkWidget *
rapport_renegotiate_dialog_new (GtkWindow   *parent,
                                const GDate *old_due,
                                const GDate *new_due)
{
  RapportRenegotiateDialog *self;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GDate) today = rapport_date_new_today ();

  g_return_val_if_fail (old_due != NULL && new_due != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_RENEGOTIATE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  old_text = rapport_date_to_iso (old_due);
  new_text = rapport_date_to_iso (new_due);
  if (g_date_compare (today, old_due) > 0)
    body = g_strdup_printf (_("The due date moves from %s to %s. It has already passed, so the "
                              "history will show this move as late. Say why it moves."),
                            old_text, new_text);
  else
    body = g_strdup_printf (_("The due date moves from %s to %s. Say why it moves, and whether "
                              "the client agreed."),
                            old_text, new_text);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  return GTK_WIDGET (self);
}

/**
 * rapport_renegotiate_dialog_dup_reason:
 *
 * Returns: (transfer full) (nullable): the reason typed, trimmed, or %NULL
 *   while it is blank
 */
char *
rapport_renegotiate_dialog_dup_reason (RapportRenegotiateDialog *self)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATE_DIALOG (self), NULL);

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  if (*reason == '\0')
    return NULL;

  return g_steal_pointer (&reason);
}

gboolean
rapport_renegotiate_dialog_get_client_agreed (RapportRenegotiateDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATE_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->agreed_switch);
}

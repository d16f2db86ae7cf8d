/* rapport-renegotiate-dialog.c: ask why a due date moves, and what the client said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A promise's due date never moves silently: the user says why, whether
 * the client was told and whether they agreed, which is what reliability
 * figures count. No answer is chosen for them: one skipped would record
 * something the user never said.
 */
#define G_LOG_DOMAIN "rapport-renegotiate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"
#include "rapport-renegotiate-dialog.h"

/* The client's answer */

/**
 * rapport_client_answer_describe:
 *
 * Returns: what @answer says, short enough for a row's suffix
 */
const char *
rapport_client_answer_describe (RapportClientAnswer answer)
{
  switch (answer)
    {
    case RAPPORT_CLIENT_ANSWER_AGREED:
      return _("Client agreed");
    case RAPPORT_CLIENT_ANSWER_TOLD:
      return _("Client told, not agreed");
    case RAPPORT_CLIENT_ANSWER_NOT_TOLD:
      return _("Client not told");
    case RAPPORT_CLIENT_ANSWER_NONE:
    case RAPPORT_N_CLIENT_ANSWERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

RapportClientAnswer
rapport_client_answer_of (RapportRenegotiation *renegotiation)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATION (renegotiation), RAPPORT_CLIENT_ANSWER_NONE);

  if (rapport_renegotiation_get_client_agreed (renegotiation))
    return RAPPORT_CLIENT_ANSWER_AGREED;
  if (rapport_renegotiation_get_client_told (renegotiation))
    return RAPPORT_CLIENT_ANSWER_TOLD;
  return RAPPORT_CLIENT_ANSWER_NOT_TOLD;
}

void
rapport_client_answer_apply (RapportClientAnswer   answer,
                             RapportRenegotiation *renegotiation)
{
  g_return_if_fail (answer > RAPPORT_CLIENT_ANSWER_NONE && answer < RAPPORT_N_CLIENT_ANSWERS);
  g_return_if_fail (RAPPORT_IS_RENEGOTIATION (renegotiation));

  g_object_set (renegotiation,
                "client-told", answer != RAPPORT_CLIENT_ANSWER_NOT_TOLD,
                "client-agreed", answer == RAPPORT_CLIENT_ANSWER_AGREED,
                NULL);
}

/* The dialog */

struct _RapportRenegotiateDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *reason_row;
  GtkCheckButton   *answer_checks[RAPPORT_N_CLIENT_ANSWERS];
};

G_DEFINE_FINAL_TYPE (RapportRenegotiateDialog, rapport_renegotiate_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
update_move_cb (RapportRenegotiateDialog *self)
{
  g_autofree char *reason = rapport_renegotiate_dialog_dup_reason (self);
  RapportClientAnswer answer = rapport_renegotiate_dialog_get_answer (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "move",
                                           reason != NULL &&
                                           answer != RAPPORT_CLIENT_ANSWER_NONE);
}

/* Enter in the reason moves the date once everything is said, as a click
 * on the button would */
static void
reason_activated_cb (RapportRenegotiateDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  if (!adw_message_dialog_get_response_enabled (dialog, "move"))
    return;

  g_object_ref (self);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static GtkWidget *
answer_row_new (RapportRenegotiateDialog *self,
                RapportClientAnswer       answer,
                const char               *title,
                const char               *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  if (answer > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check),
                                self->answer_checks[RAPPORT_CLIENT_ANSWER_AGREED]);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  self->answer_checks[answer] = GTK_CHECK_BUTTON (check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_move_cb), self);

  return row;
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
  GtkWidget *box, *reason_list, *answers;

  adw_message_dialog_set_heading (dialog, _("Move the Due Date?"));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move Due Date"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "move", FALSE);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  reason_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (reason_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (reason_list, "boxed-list");
  self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (reason_list), GTK_WIDGET (self->reason_row));
  gtk_box_append (GTK_BOX (box), reason_list);

  answers = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (answers), _("The Client"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (answers),
                             answer_row_new (self, RAPPORT_CLIENT_ANSWER_AGREED,
                                             _("The Client Agreed"),
                                             _("The new date is the promise now")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (answers),
                             answer_row_new (self, RAPPORT_CLIENT_ANSWER_TOLD,
                                             _("Told, Not Agreed"),
                                             _("The old date still counts")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (answers),
                             answer_row_new (self, RAPPORT_CLIENT_ANSWER_NOT_TOLD,
                                             _("Not Told Yet"),
                                             _("The client does not know the date moved")));
  gtk_box_append (GTK_BOX (box), answers);

  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (update_move_cb), self);
  g_signal_connect_swapped (self->reason_row, "entry-activated",
                            G_CALLBACK (reason_activated_cb), self);
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

/**
 * rapport_renegotiate_dialog_get_answer:
 *
 * Returns: what the user said the client knows, or
 *   %RAPPORT_CLIENT_ANSWER_NONE before they say it
 */
RapportClientAnswer
rapport_renegotiate_dialog_get_answer (RapportRenegotiateDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_RENEGOTIATE_DIALOG (self), RAPPORT_CLIENT_ANSWER_NONE);

  for (guint i = 0; i < RAPPORT_N_CLIENT_ANSWERS; i++)
    if (gtk_check_button_get_active (self->answer_checks[i]))
      return (RapportClientAnswer) i;

  return RAPPORT_CLIENT_ANSWER_NONE;
}

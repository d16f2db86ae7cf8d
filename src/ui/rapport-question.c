/* rapport-question.c: a message dialog that asks before something is done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every question of the app has the same two answers: one that does it,
 * and one that does nothing, which Escape and closing the dialog give
 * too, and which Enter gives unless the user moves to the other.
 */
#define G_LOG_DOMAIN "rapport-question"

#include "config.h"

#include "rapport-question.h"

/**
 * _rapport_question_new:
 * @cancel_label: the label of "cancel", the answer that does nothing
 * @answer: the id of the answer that does it
 * @appearance: how that answer looks (suggested or destructive)
 *
 * Returns: (transfer floating): an #AdwMessageDialog, not shown yet
 */
GtkWidget *
_rapport_question_new (GtkWindow             *parent,
                       const char            *heading,
                       const char            *body,
                       const char            *cancel_label,
                       const char            *answer,
                       const char            *answer_label,
                       AdwResponseAppearance  appearance)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", cancel_label,
                                    answer, answer_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, answer, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return GTK_WIDGET (dialog);
}

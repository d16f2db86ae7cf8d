/* rapport-renegotiate-dialog.h: ask why a due date moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_RENEGOTIATE_DIALOG (rapport_renegotiate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportRenegotiateDialog, rapport_renegotiate_dialog,
                      RAPPORT, RENEGOTIATE_DIALOG, AdwMessageDialog)

/* Responses: "cancel", or "move" once a reason is given */
GtkWidget  *rapport_renegotiate_dialog_new               (GtkWindow                *parent,
                                                          const GDate              *old_due,
                                                          const GDate              *new_due);
char       *rapport_renegotiate_dialog_dup_reason        (RapportRenegotiateDialog *self);
gboolean    rapport_renegotiate_dialog_get_client_agreed (RapportRenegotiateDialog *self);

G_END_DECLS

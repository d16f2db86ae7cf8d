/* rapport-renegotiate-dialog.h: ask why a due date moves, and what the client said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-renegotiation.h"

G_BEGIN_DECLS

/* What the client knows of a move, as the user answers it: two flags of
 * RapportRenegotiation, of which three pairs make sense */
typedef enum
{
  RAPPORT_CLIENT_ANSWER_NONE = -1,
  RAPPORT_CLIENT_ANSWER_AGREED,
  RAPPORT_CLIENT_ANSWER_TOLD,
  RAPPORT_CLIENT_ANSWER_NOT_TOLD,
  RAPPORT_N_CLIENT_ANSWERS
} RapportClientAnswer;

const char          *rapport_client_answer_describe (RapportClientAnswer   answer);
RapportClientAnswer  rapport_client_answer_of       (RapportRenegotiation *renegotiation);
void                 rapport_client_answer_apply    (RapportClientAnswer   answer,
                                                     RapportRenegotiation *renegotiation);

#define RAPPORT_TYPE_RENEGOTIATE_DIALOG (rapport_renegotiate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportRenegotiateDialog, rapport_renegotiate_dialog,
                      RAPPORT, RENEGOTIATE_DIALOG, AdwMessageDialog)

/* Responses: "cancel", or "move" once a reason and an answer are given */
GtkWidget           *rapport_renegotiate_dialog_new        (GtkWindow                *parent,
                                                            const GDate              *old_due,
                                                            const GDate              *new_due);
char                *rapport_renegotiate_dialog_dup_reason (RapportRenegotiateDialog *self);
RapportClientAnswer  rapport_renegotiate_dialog_get_answer (RapportRenegotiateDialog *self);

G_END_DECLS

/* rapport-commitment-editor.h: edit a commitment, its deliverables and its due date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-commitment.h"
#include "rapport-editor.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_COMMITMENT_EDITOR (rapport_commitment_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportCommitmentEditor, rapport_commitment_editor,
                      RAPPORT, COMMITMENT_EDITOR, RapportEditor)

/* A modal editor for @commitment, or for a new one when @commitment is NULL; the
 * caller presents it. @client_id preselects the client of a new commitment (0: none).
 * Like every RapportEditor, it emits "trashed" (the record) when the user
 * moves the record to the trash, then closes itself. */
GtkWindow *rapport_commitment_editor_new (GtkWindow         *parent,
                                          RapportStore      *store,
                                          RapportCommitment *commitment,
                                          gint64             client_id);

G_END_DECLS

/* rapport-interaction-editor.h: edit a contact with a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-editor.h"
#include "rapport-interaction.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION_EDITOR (rapport_interaction_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor,
                      RAPPORT, INTERACTION_EDITOR, RapportEditor)

/* A modal editor for @interaction, or for a new one when @interaction is NULL; the
 * caller presents it. @client_id preselects the client of a new interaction (0: none).
 * Like every RapportEditor, it emits "trashed" (the record) when the user
 * moves the record to the trash, then closes itself. */
GtkWindow *rapport_interaction_editor_new (GtkWindow          *parent,
                                           RapportStore       *store,
                                           RapportInteraction *interaction,
                                           gint64              client_id);

G_END_DECLS

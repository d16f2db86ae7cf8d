/* rapport-client-editor.h: edit a client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-client.h"
#include "rapport-editor.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_EDITOR (rapport_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientEditor, rapport_client_editor, RAPPORT, CLIENT_EDITOR,
                      RapportEditor)

/* A modal editor for @client, or for a new one when @client is NULL; the
 * caller presents it.
 * Like every RapportEditor, it emits "trashed" (the record) when the user
 * moves the record to the trash, then closes itself. */
GtkWindow *rapport_client_editor_new (GtkWindow     *parent,
                                      RapportStore  *store,
                                      RapportClient *client);

G_END_DECLS

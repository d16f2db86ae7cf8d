/* rapport-feedback-editor.h: edit feedback from a client and the answer to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-editor.h"
#include "rapport-feedback.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FEEDBACK_EDITOR (rapport_feedback_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportFeedbackEditor, rapport_feedback_editor,
                      RAPPORT, FEEDBACK_EDITOR, RapportEditor)

/* A modal editor for @feedback, or for a new one when @feedback is NULL; the
 * caller presents it. @client_id preselects the client of new feedback (0: none).
 * Like every RapportEditor, it emits "trashed" (the record) when the user
 * moves the record to the trash, then closes itself. */
GtkWindow *rapport_feedback_editor_new (GtkWindow       *parent,
                                        RapportStore    *store,
                                        RapportFeedback *feedback,
                                        gint64           client_id);

G_END_DECLS

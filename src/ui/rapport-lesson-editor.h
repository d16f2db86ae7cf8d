/* rapport-lesson-editor.h: edit a mistake and the lesson drawn from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-editor.h"
#include "rapport-lesson.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_LESSON_EDITOR (rapport_lesson_editor_get_type ())

G_DECLARE_FINAL_TYPE (RapportLessonEditor, rapport_lesson_editor,
                      RAPPORT, LESSON_EDITOR, RapportEditor)

/* A modal editor for @lesson, or for a new one when @lesson is NULL; the
 * caller presents it. @client_id preselects the client of a new lesson (0: none).
 * Like every RapportEditor, it emits "trashed" (the record) when the user
 * moves the record to the trash, then closes itself. */
GtkWindow *rapport_lesson_editor_new (GtkWindow     *parent,
                                      RapportStore  *store,
                                      RapportLesson *lesson,
                                      gint64         client_id);

G_END_DECLS

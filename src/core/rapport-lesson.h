/* rapport-lesson.h: a mistake, why it happened and how to avoid it next time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-enums.h"
#include "rapport-record.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_LESSON (rapport_lesson_get_type ())

G_DECLARE_FINAL_TYPE (RapportLesson, rapport_lesson, RAPPORT, LESSON, RapportRecord)

RapportLesson   *rapport_lesson_new               (const char   *what_happened);
gint64           rapport_lesson_get_client_id     (RapportLesson   *self);
void             rapport_lesson_set_client_id     (RapportLesson   *self,
                                                   gint64           client_id);
gint64           rapport_lesson_get_commitment_id (RapportLesson   *self);
void             rapport_lesson_set_commitment_id (RapportLesson   *self,
                                                   gint64           commitment_id);
gint64           rapport_lesson_get_feedback_id   (RapportLesson   *self);
void             rapport_lesson_set_feedback_id   (RapportLesson   *self,
                                                   gint64           feedback_id);
const GDate     *rapport_lesson_get_occurred_on   (RapportLesson   *self);
void             rapport_lesson_set_occurred_on   (RapportLesson   *self,
                                                   const GDate     *occurred_on);
const char      *rapport_lesson_get_what_happened (RapportLesson   *self);
void             rapport_lesson_set_what_happened (RapportLesson   *self,
                                                   const char      *what_happened);
const char      *rapport_lesson_get_cause         (RapportLesson   *self);
void             rapport_lesson_set_cause         (RapportLesson   *self,
                                                   const char      *cause);
const char      *rapport_lesson_get_prevention    (RapportLesson   *self);
void             rapport_lesson_set_prevention    (RapportLesson   *self,
                                                   const char      *prevention);
RapportApology   rapport_lesson_get_apology       (RapportLesson   *self);
void             rapport_lesson_set_apology       (RapportLesson   *self,
                                                   RapportApology   apology);
GDateTime       *rapport_lesson_get_apologized_at (RapportLesson   *self);
void             rapport_lesson_set_apologized_at (RapportLesson   *self,
                                                   GDateTime       *apologized_at);
const char      *rapport_lesson_get_tags          (RapportLesson   *self);
void             rapport_lesson_set_tags          (RapportLesson   *self,
                                                   const char      *tags);
GDateTime       *rapport_lesson_get_reviewed_at   (RapportLesson   *self);
void             rapport_lesson_set_reviewed_at   (RapportLesson   *self,
                                                   GDateTime       *reviewed_at);

G_END_DECLS

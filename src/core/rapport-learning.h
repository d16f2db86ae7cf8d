/* rapport-learning.h: the arithmetic of feedback and lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long feedback waited for an answer, lesson tags as the user types
 * them and as they are compared, and a lesson drafted from feedback. Pure
 * functions of their arguments: the store is not consulted here.
 */
#pragma once

#include "rapport-feedback.h"
#include "rapport-lesson.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_DURATION_MINUTES,
  RAPPORT_DURATION_HOURS,
  RAPPORT_DURATION_DAYS,
} RapportDurationUnit;

/* A span of time as a sentence says it: "5 hours", "2 days" */
typedef struct
{
  guint               amount;
  RapportDurationUnit unit;
} RapportDuration;

gboolean       rapport_learning_duration_between    (GDateTime        *from,
                                                     GDateTime        *to,
                                                     RapportDuration  *duration);
gboolean       rapport_learning_time_to_acknowledge (RapportFeedback  *feedback,
                                                     RapportDuration  *duration);
gboolean       rapport_learning_time_to_resolve     (RapportFeedback  *feedback,
                                                     RapportDuration  *duration);
gboolean       rapport_learning_time_waiting        (RapportFeedback  *feedback,
                                                     GDateTime        *now,
                                                     RapportDuration  *duration);

char          *rapport_learning_normalize_tag       (const char       *tag);
GStrv          rapport_learning_parse_tags          (const char       *text);
gboolean       rapport_learning_has_tag             (const char       *text,
                                                     const char       *tag);

char          *rapport_learning_dup_summary         (const char       *text,
                                                     guint             max_chars);
RapportLesson *rapport_learning_lesson_from_feedback (RapportFeedback *feedback);

G_END_DECLS

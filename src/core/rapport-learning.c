/* rapport-learning.c: the arithmetic of feedback and lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rapport-learning"

#include "config.h"

#include <string.h>

#include "rapport-date.h"
#include "rapport-learning.h"

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_DAY 86400

/**
 * rapport_learning_duration_between:
 * @from: the earlier moment
 * @to: the later moment
 * @duration: (out): the span, rounded down to the unit a person would use:
 *   minutes under an hour (at least one), hours under two days, days after
 *
 * Moments are compared as instants, so their time zones play no part.
 *
 * Returns: %FALSE when either moment is missing or @to comes before @from
 */
gboolean
rapport_learning_duration_between (GDateTime       *from,
                                   GDateTime       *to,
                                   RapportDuration *duration)
{
  gint64 seconds;

  g_return_val_if_fail (duration != NULL, FALSE);

  if (from == NULL || to == NULL)
    return FALSE;

  seconds = g_date_time_to_unix (to) - g_date_time_to_unix (from);
  if (seconds < 0)
    return FALSE;

  if (seconds < SECONDS_PER_HOUR)
    {
      duration->unit = RAPPORT_DURATION_MINUTES;
      duration->amount = (guint) MAX (1, seconds / SECONDS_PER_MINUTE);
    }
  else if (seconds < 2 * SECONDS_PER_DAY)
    {
      duration->unit = RAPPORT_DURATION_HOURS;
      duration->amount = (guint) (seconds / SECONDS_PER_HOUR);
    }
  else
    {
      duration->unit = RAPPORT_DURATION_DAYS;
      duration->amount = (guint) MIN (seconds / SECONDS_PER_DAY, (gint64) G_MAXUINT);
    }

  return TRUE;
}

/**
 * rapport_learning_time_to_acknowledge:
 * @duration: (out): from the moment @feedback arrived to its acknowledgement
 *
 * Returns: %FALSE when it is not acknowledged (or the moments disagree)
 */
gboolean
rapport_learning_time_to_acknowledge (RapportFeedback *feedback,
                                      RapportDuration *duration)
{
  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (feedback), FALSE);

  return rapport_learning_duration_between (rapport_feedback_get_received_at (feedback),
                                            rapport_feedback_get_acknowledged_at (feedback),
                                            duration);
}

/**
 * rapport_learning_time_to_resolve:
 * @duration: (out): from the moment @feedback arrived to the moment it was
 *   addressed or declined
 *
 * Returns: %FALSE while it is neither addressed nor declined
 */
gboolean
rapport_learning_time_to_resolve (RapportFeedback *feedback,
                                  RapportDuration *duration)
{
  RapportFeedbackStatus status;

  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (feedback), FALSE);

  status = rapport_feedback_get_status (feedback);
  if (status != RAPPORT_FEEDBACK_STATUS_ADDRESSED && status != RAPPORT_FEEDBACK_STATUS_DECLINED)
    return FALSE;

  return rapport_learning_duration_between (rapport_feedback_get_received_at (feedback),
                                            rapport_feedback_get_resolved_at (feedback),
                                            duration);
}

/**
 * rapport_learning_time_waiting:
 * @now: the current moment
 * @duration: (out): how long @feedback has been waiting for an answer
 *
 * Past a day, the wait is counted in calendar days of the local time zone,
 * as the lists count "no answer for 5 days": feedback that came on Monday
 * evening has waited two days on Wednesday morning. Shorter waits are
 * elapsed hours or minutes.
 *
 * Returns: %FALSE when @feedback is acknowledged or answered already
 */
gboolean
rapport_learning_time_waiting (RapportFeedback *feedback,
                               GDateTime       *now,
                               RapportDuration *duration)
{
  GDateTime *received_at;
  g_autoptr(GDate) received_day = NULL;
  g_autoptr(GDate) today = NULL;
  int days;

  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (feedback), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (duration != NULL, FALSE);

  received_at = rapport_feedback_get_received_at (feedback);
  if (rapport_feedback_get_status (feedback) != RAPPORT_FEEDBACK_STATUS_OPEN ||
      !rapport_learning_duration_between (received_at, now, duration))
    return FALSE;

  received_day = rapport_date_new_local (received_at);
  today = rapport_date_new_local (now);
  days = rapport_date_days_between (received_day, today);
  if (days >= 2)
    {
      duration->unit = RAPPORT_DURATION_DAYS;
      duration->amount = (guint) days;
    }

  return TRUE;
}

/**
 * rapport_learning_normalize_tag:
 *
 * Tags are compared without regard to case or spacing: "  Late   Delivery"
 * and "late delivery" are one tag. Accents are kept ("diseño" is not
 * "diseno"), and composed the same way whatever the keyboard produced.
 *
 * Returns: (transfer full) (nullable): the tag as compared, or %NULL when
 *   there is nothing but space
 */
char *
rapport_learning_normalize_tag (const char *tag)
{
  g_autofree char *composed = NULL;
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = FALSE;

  if (tag == NULL)
    return NULL;

  composed = g_utf8_normalize (tag, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (composed == NULL)
    return NULL;
  lower = g_utf8_strdown (composed, -1);

  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * rapport_learning_parse_tags:
 * @text: (nullable): tags separated by commas, as the user typed them
 *
 * Returns: (transfer full): the distinct normalized tags, in the order
 *   they first appear; empty when there are none
 */
GStrv
rapport_learning_parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = rapport_learning_normalize_tag (parts[i]);
      gboolean duplicate = FALSE;

      if (tag == NULL)
        continue;

      for (guint j = 0; j < seen->len && !duplicate; j++)
        duplicate = strcmp (g_ptr_array_index (seen, j), tag) == 0;
      if (duplicate)
        continue;

      g_strv_builder_add (builder, tag);
      g_ptr_array_add (seen, g_steal_pointer (&tag));
    }

  return g_strv_builder_end (builder);
}

/**
 * rapport_learning_has_tag:
 * @text: (nullable): tags as the user typed them
 * @tag: a tag, normalized or not
 */
gboolean
rapport_learning_has_tag (const char *text,
                          const char *tag)
{
  g_auto(GStrv) tags = rapport_learning_parse_tags (text);
  g_autofree char *wanted = rapport_learning_normalize_tag (tag);

  return wanted != NULL && g_strv_contains ((const char * const *) tags, wanted);
}

/**
 * rapport_learning_dup_summary:
 * @text: (nullable): a note
 * @max_chars: the most characters to keep, the ellipsis included
 *
 * Returns: (transfer full): the start of the first line of @text, to name
 *   a record in a list
 */
char *
rapport_learning_dup_summary (const char *text,
                              guint       max_chars)
{
  g_autofree char *line = NULL;
  const char *end;

  g_return_val_if_fail (max_chars > 1, NULL);

  if (text == NULL)
    return g_strdup ("");

  end = strpbrk (text, "\r\n");
  line = g_strstrip (end != NULL ? g_strndup (text, (gsize) (end - text)) : g_strdup (text));
  if (g_utf8_strlen (line, -1) > max_chars)
    {
      g_autofree char *start = g_utf8_substring (line, 0, max_chars - 1);

      return g_strconcat (g_strchomp (start), "…", NULL);
    }

  return g_steal_pointer (&line);
}

/**
 * rapport_learning_lesson_from_feedback:
 * @feedback: saved feedback
 *
 * Drafts a lesson from @feedback: what happened is what was said, it
 * happened on the (local) day the feedback arrived, and it points at the
 * feedback, its client and its commitment. Nothing is saved.
 *
 * Returns: (transfer full): a new lesson
 */
RapportLesson *
rapport_learning_lesson_from_feedback (RapportFeedback *feedback)
{
  RapportLesson *lesson;
  GDateTime *received_at;

  g_return_val_if_fail (RAPPORT_IS_FEEDBACK (feedback), NULL);

  lesson = rapport_lesson_new (rapport_feedback_get_content (feedback));
  rapport_lesson_set_client_id (lesson, rapport_feedback_get_client_id (feedback));
  rapport_lesson_set_commitment_id (lesson, rapport_feedback_get_commitment_id (feedback));
  rapport_lesson_set_feedback_id (lesson, rapport_record_get_id (RAPPORT_RECORD (feedback)));

  received_at = rapport_feedback_get_received_at (feedback);
  if (received_at != NULL)
    {
      g_autoptr(GDate) day = rapport_date_new_local (received_at);

      rapport_lesson_set_occurred_on (lesson, day);
    }

  return lesson;
}

/* rapport-tone.h: finding insults and pejorative remarks in notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes about clients, providers or competitors are checked as they are
 * typed. Each insult, pejorative remark or swear word found (Spanish or
 * English, from the word lists in data/tone/) is a RapportToneMatch that
 * carries a neutral, first-person alternative in the language of the
 * matched words. The check only warns: it never changes the text.
 *
 * The word lists are loaded once, on the first check; after that checks
 * share nothing mutable and may run in any thread.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_TONE_CATEGORY_INSULT,
  RAPPORT_TONE_CATEGORY_PEJORATIVE,
  RAPPORT_TONE_CATEGORY_PROFANITY,
} RapportToneCategory;

#define RAPPORT_TYPE_TONE_MATCH (rapport_tone_match_get_type ())

typedef struct _RapportToneMatch RapportToneMatch;

GType                rapport_tone_match_get_type       (void) G_GNUC_CONST;
RapportToneMatch    *rapport_tone_match_copy           (const RapportToneMatch *self);
void                 rapport_tone_match_free           (RapportToneMatch       *self);
gsize                rapport_tone_match_get_start      (const RapportToneMatch *self);
gsize                rapport_tone_match_get_end        (const RapportToneMatch *self);
const char          *rapport_tone_match_get_text       (const RapportToneMatch *self);
RapportToneCategory  rapport_tone_match_get_category   (const RapportToneMatch *self);
const char          *rapport_tone_match_get_language   (const RapportToneMatch *self);
const char          *rapport_tone_match_get_suggestion (const RapportToneMatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportToneMatch, rapport_tone_match_free)

const char          *rapport_tone_category_to_string   (RapportToneCategory     category);

GPtrArray           *rapport_tone_check                (const char             *text,
                                                        gssize                  length);

G_END_DECLS

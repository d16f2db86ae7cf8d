/* rapport-tone-view.h: a text view that flags insults as they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rapport-tone.h"

G_BEGIN_DECLS

/* Name of the GtkTextTag that underlines each match in the view's buffer */
#define RAPPORT_TONE_VIEW_TAG "rapport-tone-match"

#define RAPPORT_TYPE_TONE_VIEW (rapport_tone_view_get_type ())

G_DECLARE_FINAL_TYPE (RapportToneView, rapport_tone_view, RAPPORT, TONE_VIEW, GtkTextView)

GtkWidget        *rapport_tone_view_new            (void);
guint             rapport_tone_view_get_n_matches  (RapportToneView *self);
const char       *rapport_tone_view_get_suggestion (RapportToneView *self);
RapportToneMatch *rapport_tone_view_get_match      (RapportToneView *self,
                                                    guint            position);
void              rapport_tone_view_check_now      (RapportToneView *self);

G_END_DECLS

/* rapport-question.h: a message dialog that asks before something is done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *_rapport_question_new (GtkWindow             *parent,
                                  const char            *heading,
                                  const char            *body,
                                  const char            *cancel_label,
                                  const char            *answer,
                                  const char            *answer_label,
                                  AdwResponseAppearance  appearance);

G_END_DECLS

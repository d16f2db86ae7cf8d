/* rapport-store-lessons.h: what the store knows about lessons as a whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-lesson.h"
#include "rapport-store.h"

G_BEGIN_DECLS

GHashTable *rapport_store_count_lesson_tags    (RapportStore  *self,
                                                gint64         except_id,
                                                GError       **error);
GPtrArray  *rapport_store_dup_lessons_with_tag (RapportStore  *self,
                                                const char    *tag,
                                                gint64         except_id,
                                                GError       **error);
GPtrArray  *rapport_store_dup_client_lessons   (RapportStore  *self,
                                                gint64         client_id,
                                                GError       **error);

G_END_DECLS

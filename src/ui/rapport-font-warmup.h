/* rapport-font-warmup.h: the interface's glyphs drawn once in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _RapportFontWarmup RapportFontWarmup;

RapportFontWarmup *rapport_font_warmup_start (void);
GPtrArray         *rapport_font_warmup_join  (RapportFontWarmup *warmup);
void               rapport_font_warmup_free  (RapportFontWarmup *warmup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportFontWarmup, rapport_font_warmup_free)

G_END_DECLS

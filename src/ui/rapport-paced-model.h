/* rapport-paced-model.h: a list's items handed to a view a few at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8's list view keeps a row widget for each of up to 200 items
 * around what it shows (and two more on each side): it gets this many
 * paced. Its grid view keeps about 30 rows. */
#define RAPPORT_LIST_VIEW_ROWS 210
#define RAPPORT_GRID_VIEW_ROWS 40
/* What a view shows in the frame it gets its model */
#define RAPPORT_ITEMS_AT_ONCE 3
/* The most items handed over in one step, a frame's worth (see the .c) */
#define RAPPORT_ITEMS_PER_STEP 16

GListModel *_rapport_paced_model_new       (GListModel *model,
                                            guint       at_once,
                                            guint       paced_items,
                                            guint       final_size);
void        _rapport_paced_model_set_model (GListModel *paced,
                                            GListModel *model);
void        _rapport_paced_model_set_view  (GListModel *paced,
                                            GtkWidget  *view);
guint       _rapport_paced_models_pacing   (void);

G_END_DECLS

/* rapport-frame-memory.h: the memory frames are drawn into, touched ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rapport_frame_memory_init   (void);
void rapport_frame_memory_attach (GtkWindow *window);

void _rapport_frame_memory_settle (void);

G_END_DECLS

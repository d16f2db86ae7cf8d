/* rapport-window-private.h: what the window shares with its views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-window.h"

G_BEGIN_DECLS

void _rapport_window_show_view (RapportWindow *self,
                                const char    *name);
void _rapport_window_trashed   (RapportWindow *self,
                                RapportRecord *record);

G_END_DECLS

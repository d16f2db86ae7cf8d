/* rapport-background.h: threads that give way to the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _rapport_background_thread (void);

G_END_DECLS

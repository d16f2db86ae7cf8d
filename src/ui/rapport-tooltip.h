/* rapport-tooltip.h: tooltips set without asking where the pointer is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _rapport_widget_set_tooltip_text (GtkWidget  *widget,
                                       const char *text);

G_END_DECLS

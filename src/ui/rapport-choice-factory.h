/* rapport-choice-factory.h: the choices of a drop-down or combo row, whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *_rapport_choice_factory_new (gboolean wrap);

G_END_DECLS

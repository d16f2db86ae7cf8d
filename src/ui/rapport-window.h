/* rapport-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow *rapport_window_new                (RapportApplication *application);
const char    *rapport_window_get_visible_view   (RapportWindow      *self);
GtkWidget     *rapport_window_get_page           (RapportWindow      *self,
                                                  const char         *name);
void           rapport_window_show_toast         (RapportWindow      *self,
                                                  AdwToast           *toast);
void           rapport_window_show_error         (RapportWindow      *self,
                                                  const GError       *error);

G_END_DECLS

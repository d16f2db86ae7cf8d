/* rapport-preferences-window.h: the preferences, bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_PREFERENCES_WINDOW (rapport_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, RAPPORT,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *rapport_preferences_window_new (GtkWindow *parent);

G_END_DECLS

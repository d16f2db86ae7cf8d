/* rapport-backups-dialog.h: the automatic backups, and bringing one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_BACKUPS_DIALOG (rapport_backups_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportBackupsDialog, rapport_backups_dialog, RAPPORT, BACKUPS_DIALOG,
                      AdwWindow)

GtkWindow *rapport_backups_dialog_new          (GtkWindow            *parent,
                                                RapportApplication   *application);
guint      rapport_backups_dialog_get_n_backups (RapportBackupsDialog *self);
void       rapport_backups_dialog_restore      (RapportBackupsDialog *self,
                                                guint                 position);

G_END_DECLS

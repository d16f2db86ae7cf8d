/* rapport-export-dialog.h: export a summary or a backup, import a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_EXPORT_DIALOG_SUMMARY,
  RAPPORT_EXPORT_DIALOG_BACKUP,
  RAPPORT_EXPORT_DIALOG_IMPORT,
} RapportExportDialogTask;

#define RAPPORT_TYPE_EXPORT_DIALOG (rapport_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportExportDialog, rapport_export_dialog, RAPPORT, EXPORT_DIALOG, AdwWindow)

RapportExportDialog *rapport_export_dialog_new           (GtkWindow               *parent,
                                                          RapportStore            *store,
                                                          RapportExportDialogTask  task);
void                 rapport_export_dialog_run_with_file (RapportExportDialog     *self,
                                                          GFile                   *file);

G_END_DECLS

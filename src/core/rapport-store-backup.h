/* rapport-store-backup.h: automatic copies of the database, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* How many automatic backups are kept for one database */
#define RAPPORT_STORE_BACKUPS_KEPT 7

char      *rapport_store_backup_dir_for_path      (const char           *db_path);
GPtrArray *rapport_store_list_backups             (const char           *db_path);
gboolean   rapport_store_backup_to                (const char           *db_path,
                                                   const char           *backup_path,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void       rapport_store_backup_daily_async       (RapportStore         *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char      *rapport_store_backup_daily_finish      (RapportStore         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
char      *rapport_store_backup_daily             (const char           *db_path,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean   rapport_store_replace_with_backup      (const char           *db_path,
                                                   const char           *backup_path,
                                                   gboolean              damaged,
                                                   char                **set_aside_path,
                                                   GError              **error);

G_END_DECLS

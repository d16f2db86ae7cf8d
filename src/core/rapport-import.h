/* rapport-import.h: reading a backup back into a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are matched by UUID, in any case (UUIDs are stored in lower case):
 * a row that is not in the database is added, one that is replaces the
 * stored row when its "updated" is newer, and is left alone otherwise.
 * The whole file goes in one transaction: any error (each names its
 * place, such as "commitments[3].due") leaves the database exactly as it
 * was. Afterwards the store's live objects and list models are refreshed.
 *
 * A regular file is mapped, not copied, and read row by row: memory grows
 * with the number of rows (their UUIDs, to find duplicates), not with a
 * JSON tree of the whole file. Files over RAPPORT_IMPORT_MAX_BYTES are
 * refused before they are read. A pipe or a device is read into memory
 * first, and refused once it gives more than RAPPORT_IMPORT_MAX_BYTES.
 */
#pragma once

#include "rapport-export.h"

G_BEGIN_DECLS

#define RAPPORT_IMPORT_ERROR (rapport_import_error_quark ())

typedef enum
{
  RAPPORT_IMPORT_ERROR_TOO_LARGE,
  RAPPORT_IMPORT_ERROR_ENCODING,
  RAPPORT_IMPORT_ERROR_NOT_JSON,
  RAPPORT_IMPORT_ERROR_FORMAT,
  RAPPORT_IMPORT_ERROR_VERSION,
  RAPPORT_IMPORT_ERROR_INVALID,
  RAPPORT_IMPORT_ERROR_DUPLICATE,
  RAPPORT_IMPORT_ERROR_REFERENCE,
} RapportImportError;

/* Larger files are refused before they are read */
#define RAPPORT_IMPORT_MAX_BYTES (G_GINT64_CONSTANT (1) << 30)

typedef struct
{
  guint64 added;
  guint64 changed;
  guint64 unchanged;
} RapportImportResult;

GQuark    rapport_import_error_quark   (void);

gboolean  rapport_import_backup        (RapportStore         *store,
                                        GFile                *file,
                                        GCancellable         *cancellable,
                                        RapportImportResult  *result,
                                        GError              **error);
void      rapport_import_backup_async  (RapportStore         *store,
                                        GFile                *file,
                                        GCancellable         *cancellable,
                                        RapportProgressFunc   progress,
                                        gpointer              progress_data,
                                        GDestroyNotify        progress_data_destroy,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  rapport_import_backup_finish (RapportStore         *store,
                                        GAsyncResult         *result,
                                        RapportImportResult  *import_result,
                                        GError              **error);
char     *rapport_import_result_describe (const RapportImportResult *result,
                                          const char                *name);

G_END_DECLS

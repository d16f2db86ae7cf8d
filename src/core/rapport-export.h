/* rapport-export.h: JSON summaries and lossless backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A summary holds per client and overall figures (see rapport-stats.h),
 * with confidential clients shown only as "Client 3" unless asked. A
 * backup holds every row of every table, trash included, and
 * rapport-import.h reads it back. Both formats are described by the JSON
 * Schemas in data/.
 *
 * Exports read on a connection of their own, in one read transaction, and
 * write row by row, so memory stays small whatever the database holds.
 * A file is written to a temporary file (mode 0600) in the same folder and
 * renamed over the destination only once complete.
 */
#pragma once

#include <gio/gio.h>

#include "rapport-stats.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_SUMMARY_FORMAT         "rapport-summary"
/* 2: date_changes, whether the client was told of each and agreed */
#define RAPPORT_SUMMARY_FORMAT_VERSION 2
#define RAPPORT_BACKUP_FORMAT          "rapport-backup"
/* 2: renegotiations say whether the client was told (client_told) */
#define RAPPORT_BACKUP_FORMAT_VERSION  2

/* Called with 0 ≤ fraction ≤ 1 from the thread-default main context of
 * the thread that started the work. A backup advances row by row; a
 * summary, computed in one SQL pass, advances client by client once the
 * figures are known. */
typedef void (*RapportProgressFunc) (double   fraction,
                                     gpointer user_data);

gboolean  rapport_export_summary_to_stream (RapportStore         *store,
                                            GOutputStream        *stream,
                                            RapportPeriod         period,
                                            gboolean              include_confidential,
                                            GDateTime            *now,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean  rapport_export_backup_to_stream  (RapportStore         *store,
                                            GOutputStream        *stream,
                                            GDateTime            *now,
                                            GCancellable         *cancellable,
                                            GError              **error);

gboolean  rapport_export_summary           (RapportStore         *store,
                                            GFile                *file,
                                            RapportPeriod         period,
                                            gboolean              include_confidential,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean  rapport_export_backup            (RapportStore         *store,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GError              **error);

void      rapport_export_summary_async     (RapportStore         *store,
                                            GFile                *file,
                                            RapportPeriod         period,
                                            gboolean              include_confidential,
                                            GCancellable         *cancellable,
                                            RapportProgressFunc   progress,
                                            gpointer              progress_data,
                                            GDestroyNotify        progress_data_destroy,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  rapport_export_summary_finish    (RapportStore         *store,
                                            GAsyncResult         *result,
                                            GError              **error);
void      rapport_export_backup_async      (RapportStore         *store,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            RapportProgressFunc   progress,
                                            gpointer              progress_data,
                                            GDestroyNotify        progress_data_destroy,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  rapport_export_backup_finish     (RapportStore         *store,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS

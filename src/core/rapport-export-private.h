/* rapport-export-private.h: what export and import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-export.h"

G_BEGIN_DECLS

/* Hands progress from a worker thread to the thread that started it */
typedef struct _RapportProgress RapportProgress;

RapportProgress *_rapport_progress_new    (RapportProgressFunc  func,
                                           gpointer             data,
                                           GDestroyNotify       destroy);
void             _rapport_progress_report (RapportProgress     *self,
                                           double               fraction);
void             _rapport_progress_unref  (RapportProgress     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportProgress, _rapport_progress_unref)

G_END_DECLS

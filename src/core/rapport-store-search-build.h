/* rapport-store-search-build.h: a table's search index, built apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rapport-store-bulk.h"

G_BEGIN_DECLS

RapportStoreSearchBuild *_rapport_store_search_build_new    (guint                         table,
                                                             const char                   *index_sql,
                                                             const char * const           *columns,
                                                             GError                      **error);
gboolean                 _rapport_store_search_build_add    (RapportStoreSearchBuild      *self,
                                                             guint                         n_rows,
                                                             const gint64                 *ids,
                                                             const RapportStoreBulkValue  *values,
                                                             GError                      **error);
gboolean                 _rapport_store_search_build_finish (RapportStoreSearchBuild      *self,
                                                             GError                      **error);
guint                    _rapport_store_search_build_get_table (RapportStoreSearchBuild   *self);
sqlite3                 *_rapport_store_search_build_get_db (RapportStoreSearchBuild      *self);
void                     _rapport_store_search_build_free   (RapportStoreSearchBuild      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStoreSearchBuild, _rapport_store_search_build_free)

G_END_DECLS

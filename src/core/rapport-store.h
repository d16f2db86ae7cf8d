/* rapport-store.h: the SQLite database behind Rapport's objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rapport-record.h"
#include "rapport-types.h"

G_BEGIN_DECLS

#define RAPPORT_STORE_ERROR (rapport_store_error_quark ())

typedef enum
{
  RAPPORT_STORE_ERROR_CORRUPT,
  RAPPORT_STORE_ERROR_READ_ONLY,
  RAPPORT_STORE_ERROR_FULL,
  RAPPORT_STORE_ERROR_LOCKED,
  RAPPORT_STORE_ERROR_CONSTRAINT,
  RAPPORT_STORE_ERROR_TOO_NEW,
  RAPPORT_STORE_ERROR_NOT_RAPPORT,
  RAPPORT_STORE_ERROR_NOT_FOUND,
  RAPPORT_STORE_ERROR_IO,
  RAPPORT_STORE_ERROR_FAILED,
} RapportStoreError;

#define RAPPORT_TYPE_STORE (rapport_store_get_type ())

G_DECLARE_FINAL_TYPE (RapportStore, rapport_store, RAPPORT, STORE, GObject)

GQuark         rapport_store_error_quark       (void);
char          *rapport_store_dup_default_path  (void);
guint          rapport_store_get_schema_version (void);

RapportStore  *rapport_store_open              (const char     *path,
                                                GError        **error);
RapportStore  *rapport_store_open_to_read      (const char     *path,
                                                GError        **error);
gboolean       rapport_store_is_read_only      (RapportStore   *self);
const char    *rapport_store_get_path          (RapportStore   *self);

gboolean       rapport_store_save              (RapportStore   *self,
                                                RapportRecord  *record,
                                                GError        **error);
gboolean       rapport_store_save_both         (RapportStore   *self,
                                                RapportRecord  *record,
                                                RapportRecord  *also,
                                                GError        **error);
gpointer       rapport_store_load              (RapportStore   *self,
                                                GType           type,
                                                gint64          id,
                                                GError        **error);
gpointer       rapport_store_load_by_uuid      (RapportStore   *self,
                                                GType           type,
                                                const char     *uuid,
                                                GError        **error);
gboolean       rapport_store_trash             (RapportStore   *self,
                                                RapportRecord  *record,
                                                GError        **error);
gboolean       rapport_store_restore           (RapportStore   *self,
                                                RapportRecord  *record,
                                                GError        **error);
gboolean       rapport_store_purge             (RapportStore   *self,
                                                RapportRecord  *record,
                                                GError        **error);
gboolean       rapport_store_empty_trash       (RapportStore   *self,
                                                GError        **error);

void           rapport_store_checkpoint        (RapportStore   *self);
void           rapport_store_checkpoint_async  (RapportStore        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       rapport_store_checkpoint_finish (RapportStore   *self,
                                                GAsyncResult   *result,
                                                int            *n_left,
                                                GError        **error);

GListModel    *rapport_store_list              (RapportStore   *self,
                                                GType           type);
GListModel    *rapport_store_list_trash        (RapportStore   *self,
                                                GType           type);
GListModel    *rapport_store_list_children     (RapportStore   *self,
                                                GType           type,
                                                const char     *parent_property,
                                                gint64          parent_id);
gboolean       rapport_store_list_find         (GListModel     *list,
                                                gint64          id,
                                                guint          *position);

/* What the overview lists: see rapport_store_list_attention() */
typedef enum
{
  RAPPORT_ATTENTION_OVERDUE,
  RAPPORT_ATTENTION_DUE_SOON,
  RAPPORT_ATTENTION_CLIENT_NOT_TOLD,
  RAPPORT_ATTENTION_FEEDBACK_OPEN,
  RAPPORT_ATTENTION_APOLOGY_OWED,
  RAPPORT_ATTENTION_LESSON_UNREVIEWED,
  RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH,
} RapportAttention;

/* rapport-store-query.c */
GListModel    *rapport_store_list_filtered     (RapportStore     *self,
                                                GType             type,
                                                gint64            client_id,
                                                const char       *enum_property,
                                                int               enum_value,
                                                const char       *search);
GListModel    *rapport_store_list_attention    (RapportStore     *self,
                                                RapportAttention  attention,
                                                GDateTime        *now,
                                                guint             days);
void           rapport_store_list_filtered_async (RapportStore        *self,
                                                  GType                type,
                                                  gint64               client_id,
                                                  const char          *enum_property,
                                                  int                  enum_value,
                                                  const char          *search,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListModel    *rapport_store_list_filtered_finish (RapportStore     *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);
GListModel    *rapport_store_search            (RapportStore     *self,
                                                GType             type,
                                                const char       *text);
GListModel    *rapport_store_search_first      (RapportStore     *self,
                                                GType             type,
                                                const char       *text,
                                                guint             limit);
RapportClient *rapport_store_find_namesake     (RapportStore     *self,
                                                const char       *name,
                                                gint64            except_id);
void           rapport_store_search_async      (RapportStore        *self,
                                                const GType         *types,
                                                guint                n_types,
                                                const char          *text,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray     *rapport_store_search_finish     (RapportStore     *self,
                                                GAsyncResult     *result,
                                                GError          **error);

G_END_DECLS

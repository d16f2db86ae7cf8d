/* rapport-store-private.h: what the store's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* One relation "rows of child_table whose fk_column is the parent's id
 * belong to that parent": they go to the trash and come back with it. */
typedef struct
{
  const char *child_table;
  const char *fk_column;
} RapportStoreChild;

typedef struct
{
  GType              (*get_type) (void);
  const char          *table;
  /* Constant SQL: the order of a list, newest first where that is useful */
  const char          *order_by;
  RapportStoreChild    children[4];
  /* The order of a parent's rows when it is not order_by's: a client's
   * page shows its latest commitments first */
  const char          *child_order_by;
  /* Constant SQL reading all that a row's line in a list shows, the row
   * of id ?1 with its client or its changes of date: a thread reads it
   * ahead of a list being scrolled, so that the disk is read there */
  const char          *row_sql;
} RapportStoreTable;

#define RAPPORT_STORE_N_TABLES 7

extern const RapportStoreTable rapport_store_tables[RAPPORT_STORE_N_TABLES];

/* A commitment's effective due date (see rapport-stats.h) for the row
 * "cm" of commitments: the latest date the client agreed to, else the date
 * it had before its first renegotiation, else its own. Renegotiations in
 * the trash do not count; the subqueries use renegotiations_by_commitment. */
#define RAPPORT_STORE_EFFECTIVE_DUE \
  "coalesce (" \
  "  (SELECT r.new_due FROM renegotiations r" \
  "   WHERE r.commitment_id = cm.id AND r.deleted_at IS NULL AND r.client_agreed = 1" \
  "   ORDER BY r.renegotiated_at DESC, r.id DESC LIMIT 1)," \
  "  (SELECT r.old_due FROM renegotiations r" \
  "   WHERE r.commitment_id = cm.id AND r.deleted_at IS NULL" \
  "   ORDER BY r.renegotiated_at, r.id LIMIT 1)," \
  "  cm.due)"

/* rapport-store-schema.c */
guint                     _rapport_store_schema_version  (void);
const char               *_rapport_store_schema_migration (guint version);
const char               *_rapport_store_schema_search_drop_triggers (guint table);
const char               *_rapport_store_schema_search_triggers (guint table);
const char               *_rapport_store_schema_search_fill (guint table);
const char               *_rapport_store_schema_search_row (guint table);
const char * const       *_rapport_store_schema_search_columns (guint table);
/* The application_id header field: "Rapp" */
#define RAPPORT_STORE_APPLICATION_ID 0x52617070

/* rapport-store.c */
void                      _rapport_store_init_sqlite      (void);
const RapportStoreTable  *_rapport_store_table_for_type   (GType           type);
sqlite3_stmt             *_rapport_store_prepare          (RapportStore   *self,
                                                           const char     *sql,
                                                           GError        **error);
void                      _rapport_store_set_error        (RapportStore   *self,
                                                           int             rc,
                                                           GError        **error);
gboolean                  _rapport_store_save_full        (RapportStore   *self,
                                                           RapportRecord  *record,
                                                           gboolean        keep_timestamps,
                                                           GError        **error);
sqlite3                  *_rapport_store_get_db           (RapportStore   *self);
GPtrArray                *_rapport_store_entity_properties (GType          type);
char                     *_rapport_store_column_for_property (const char *property);
void                      _rapport_store_append_update    (GString                 *sql,
                                                           const RapportStoreTable *table,
                                                           GPtrArray               *pspecs);
int                       _rapport_store_bind_record      (sqlite3_stmt   *stmt,
                                                           RapportRecord  *record,
                                                           GPtrArray      *pspecs);
void                      _rapport_store_reload           (RapportStore   *self);

/* rapport-store-renegotiations.c */
gboolean                  _rapport_store_effective_due    (RapportStore   *self,
                                                           gint64          commitment_id,
                                                           const GDate    *own_due,
                                                           GDate         **due,
                                                           GError        **error);

/* rapport-store.c */
int                       _rapport_store_open_read_only_connection (const char  *path,
                                                                    sqlite3    **db);

/* rapport-store-query.c */
void                      _rapport_store_close_search_db  (RapportStore   *self);

/* rapport-store-list.c */
typedef struct _RapportStoreList RapportStoreList;

#define RAPPORT_TYPE_STORE_LIST (rapport_store_list_get_type ())
G_DECLARE_FINAL_TYPE (RapportStoreList, rapport_store_list, RAPPORT, STORE_LIST, GObject)

RapportStoreList         *_rapport_store_list_new         (RapportStore            *store,
                                                           const RapportStoreTable *table,
                                                           gboolean                 trashed,
                                                           const char              *parent_column,
                                                           gint64                   parent_id);
RapportStoreList         *_rapport_store_list_new_where   (RapportStore            *store,
                                                           const RapportStoreTable *table,
                                                           const char              *where,
                                                           const char              *order_by,
                                                           GPtrArray               *binds,
                                                           GArray                  *ids);
char                     *_rapport_store_list_build_sql   (const RapportStoreTable *table,
                                                           const char              *where,
                                                           const char              *order_by);
const RapportStoreTable  *_rapport_store_list_get_table   (RapportStoreList        *self);
void                      _rapport_store_list_refresh     (RapportStoreList        *self,
                                                           gboolean                 exact);
gboolean                  _rapport_store_list_is_complete (RapportStoreList        *self);
gboolean                  _rapport_store_list_get_read_ahead (RapportStoreList     *self,
                                                              guint                *start,
                                                              guint                *end);
char                     *_rapport_store_list_dup_plan    (RapportStoreList        *self);

/* rapport-store.c: keeps @list up to date from now on */
GListModel               *_rapport_store_track_list       (RapportStore            *store,
                                                           RapportStoreList        *list);
guint64                   _rapport_store_get_changes      (RapportStore            *self);

G_END_DECLS

/* rapport-store-bulk.h: reading and writing many rows at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export, import and the derived figures scan whole tables. They do it on
 * a connection of their own (so a worker thread never touches the store's
 * objects) or, for quick figures on the main thread, on the store's.
 * All of their SQL is here, since only rapport-store*.c speaks SQL.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rapport-stats.h"
#include "rapport-store-private.h"

G_BEGIN_DECLS

typedef struct _RapportStoreBulk RapportStoreBulk;
typedef struct _RapportStoreBulkInsert RapportStoreBulkInsert;
typedef struct _RapportStoreSearchBuild RapportStoreSearchBuild;

/* A value for _rapport_store_bulk_insert(): NULL, an integer or a text */
typedef enum
{
  RAPPORT_STORE_BULK_NULL,
  RAPPORT_STORE_BULK_INT,
  RAPPORT_STORE_BULK_TEXT,
} RapportStoreBulkKind;

typedef struct
{
  RapportStoreBulkKind  kind;
  gint64                integer;
  const char           *text;
} RapportStoreBulkValue;

/* What the summary says about one client, or about all of them */
typedef struct
{
  const char         *uuid;
  const char         *name;
  const char         *company;
  const char         *email;
  const char         *phone;
  const char         *notes;
  const char         *status;
  gboolean            confidential;
  /* Rank among confidential clients not in the trash by creation, from 1 */
  gint64              confidential_rank;
  guint64             n_clients;
  guint64             commitments_open;
  guint64             commitments_delivered;
  guint64             commitments_dropped;
  RapportReliability  reliability;
  guint64             open_feedback;
  guint64             lessons;
  guint64             apologies_owed;
  /* Due dates moved in the period: with the client's agreement, told but
   * not agreed, not told */
  guint64             moves_agreed;
  guint64             moves_told;
  guint64             moves_not_told;
  /* Unix time, or -1 when there was none */
  gint64              last_interaction;
} RapportStoreBulkSummary;

/* @json: the row as one line of JSON text */
typedef gboolean (*RapportStoreBulkRowFunc)     (guint                          table,
                                                 const char                    *json,
                                                 gsize                          length,
                                                 gpointer                       user_data,
                                                 GError                       **error);
typedef gboolean (*RapportStoreBulkSummaryFunc) (const RapportStoreBulkSummary *summary,
                                                 gpointer                       user_data,
                                                 GError                       **error);

RapportStoreBulk *_rapport_store_bulk_open              (const char                   *path,
                                                         GError                      **error);
RapportStoreBulk *_rapport_store_bulk_open_read_only    (const char                   *path,
                                                         GError                      **error);
RapportStoreBulk *_rapport_store_bulk_open_for_import   (const char                   *path,
                                                         GError                      **error);
RapportStoreBulk *_rapport_store_bulk_new_for_store     (RapportStore                 *store);
void              _rapport_store_bulk_free              (RapportStoreBulk             *self);

gboolean          _rapport_store_bulk_begin_read        (RapportStoreBulk             *self,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_begin_write       (RapportStoreBulk             *self,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_commit            (RapportStoreBulk             *self,
                                                         GError                      **error);
void              _rapport_store_bulk_rollback          (RapportStoreBulk             *self);
gboolean          _rapport_store_bulk_checkpoint        (RapportStoreBulk             *self,
                                                         int                          *n_left,
                                                         GError                      **error);

/* Backups: every row of every table, parents first */
const char       *_rapport_store_bulk_table_name        (guint                         table);
const char       *_rapport_store_bulk_member_for_property (GParamSpec                  *pspec);
guint             _rapport_store_bulk_reference_table   (GParamSpec                   *pspec);
gboolean          _rapport_store_bulk_count_rows        (RapportStoreBulk             *self,
                                                         guint64                      *n_rows,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_table_is_empty    (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         gboolean                     *empty,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_read_rows         (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         RapportStoreBulkRowFunc       func,
                                                         gpointer                      user_data,
                                                         GError                      **error);
gint64            _rapport_store_bulk_find_uuid         (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         const char                   *uuid,
                                                         gint64                       *updated,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_write_record      (RapportStoreBulk             *self,
                                                         RapportRecord                *record,
                                                         gint64                        existing_id,
                                                         GError                      **error);

/* Fast inserts of raw column values, in batches: the columns are checked
 * against the table's, values are not converted */
RapportStoreBulkInsert *_rapport_store_bulk_insert_new  (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         const char * const           *columns,
                                                         GError                      **error);
gint64            _rapport_store_bulk_insert            (RapportStoreBulkInsert       *insert,
                                                         const RapportStoreBulkValue  *values,
                                                         GError                      **error);
RapportStoreBulkInsert *_rapport_store_bulk_insert_new_for_records (RapportStoreBulk *self,
                                                                    guint             table,
                                                                    GError          **error);
gint64            _rapport_store_bulk_insert_record     (RapportStoreBulkInsert       *insert,
                                                         RapportRecord                *record,
                                                         GError                      **error);
gint64            _rapport_store_bulk_insert_next_id    (RapportStoreBulkInsert       *insert);
const char * const *_rapport_store_bulk_insert_get_columns (RapportStoreBulkInsert     *insert);
void              _rapport_store_bulk_record_values     (GPtrArray                    *pspecs,
                                                         RapportRecord                *record,
                                                         const GValue                 *property_values,
                                                         RapportStoreBulkValue        *values,
                                                         GStringChunk                 *texts);
gboolean          _rapport_store_bulk_insert_flush      (RapportStoreBulkInsert       *insert,
                                                         GError                      **error);
void              _rapport_store_bulk_insert_free       (RapportStoreBulkInsert       *insert);

/* Writing many rows into an empty table: indexes built once, at the end */
gboolean          _rapport_store_bulk_load_begin        (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_load_end          (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_load_rows_end     (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         GError                      **error);
char             *_rapport_store_bulk_search_index_sql  (RapportStoreBulk             *self,
                                                         guint                         table,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_load_search       (RapportStoreBulk             *self,
                                                         RapportStoreSearchBuild      *build,
                                                         GError                      **error);

gboolean          _rapport_store_bulk_trash_with_parents (RapportStoreBulk           *self,
                                                          GError                    **error);
gboolean          _rapport_store_bulk_sync_last_contacts (RapportStoreBulk           *self,
                                                         GError                      **error);

/* Figures; dates are "YYYY-MM-DD", from and to may be NULL for no bound */
gboolean          _rapport_store_bulk_reliability       (RapportStoreBulk             *self,
                                                         const char                   *from,
                                                         const char                   *to,
                                                         const char                   *today,
                                                         gint64                        client_id,
                                                         RapportReliability           *out,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_reliability_by_month (RapportStoreBulk          *self,
                                                         const char                   *from,
                                                         const char                   *to,
                                                         RapportReliability           *period,
                                                         const char                   *first,
                                                         guint                         n_months,
                                                         const char                   *today,
                                                         gint64                        client_id,
                                                         RapportReliability           *months,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_count_clients     (RapportStoreBulk             *self,
                                                         guint64                      *n_clients,
                                                         GError                      **error);
gboolean          _rapport_store_bulk_summarize         (RapportStoreBulk             *self,
                                                         const char                   *from,
                                                         const char                   *to,
                                                         const char                   *today,
                                                         RapportStoreBulkSummary      *overall,
                                                         RapportStoreBulkSummaryFunc   func,
                                                         gpointer                      user_data,
                                                         GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStoreBulk, _rapport_store_bulk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportStoreBulkInsert, _rapport_store_bulk_insert_free)

G_END_DECLS

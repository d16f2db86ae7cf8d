/* rapport-store-search-build.c: a table's search index, built apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restore writes every row on one connection, and filling each table's
 * search index there took a third of that connection's time (a million
 * rows: 3.1 of 9.7 s of CPU). A build makes the same index from the same
 * rows in a database of its own, in memory, in another thread, while the
 * restore writes the next tables; the restore then copies the index's
 * rows in (_rapport_store_bulk_load_search()).
 *
 * Rows are indexed one statement each, with the schema's own expression
 * of the text (_rapport_store_schema_search_row()), so the text indexed
 * is exactly what the triggers index, all in one transaction: FTS5 keeps
 * what it indexes in memory until the commit or until it holds
 * SEARCH_BUILD_HASH_SIZE. (A statement that may write many rows would
 * make it write its pending data out at every statement.)
 */
#define G_LOG_DOMAIN "rapport-store-search-build"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-store-search-build.h"

/* FTS5 writes its pending index data out as a new segment each time it
 * holds this much, and merges the segments as they add up: 16 MiB instead
 * of the default 1 MiB halves the time to index the commitments of a
 * million-row database (sqlite3 shell, 2.2 s → 1.1 s) for 22 MB more. */
#define SEARCH_BUILD_HASH_SIZE "16777216"

/* Search text columns of a table, at most (clients have five) */
#define SEARCH_BUILD_MAX_COLUMNS 8

struct _RapportStoreSearchBuild
{
  guint         table;
  sqlite3      *db;
  sqlite3_stmt *insert;
  guint         n_columns;
  /* Where each text column is among the values of a row, and its
   * parameter in @insert */
  guint         value_index[SEARCH_BUILD_MAX_COLUMNS];
  int           parameter[SEARCH_BUILD_MAX_COLUMNS];
  int           id_parameter;
  guint         n_values;
};

static void
set_error (RapportStoreSearchBuild  *self,
           int                       rc,
           GError                  **error)
{
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
               _("The search index could not be built (%s)."),
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

static gboolean
exec (RapportStoreSearchBuild  *self,
      const char               *sql,
      GError                  **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _rapport_store_search_build_new:
 * @table: the index of a table in rapport_store_tables[]
 * @index_sql: the CREATE VIRTUAL TABLE statement of its search index, as
 *   the database to restore into has it
 * @columns: %NULL-terminated names of the values that
 *   _rapport_store_search_build_add() is given for each row, in order
 */
RapportStoreSearchBuild *
_rapport_store_search_build_new (guint                table,
                                 const char          *index_sql,
                                 const char * const  *columns,
                                 GError             **error)
{
  g_autoptr(RapportStoreSearchBuild) self = NULL;
  const char * const *text_columns = _rapport_store_schema_search_columns (table);
  const char *name = rapport_store_tables[table].table;
  g_autofree char *hash_size = NULL;
  int rc;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_return_val_if_fail (index_sql != NULL && columns != NULL, NULL);

  self = g_new0 (RapportStoreSearchBuild, 1);
  self->table = table;
  self->n_values = g_strv_length ((char **) columns);

  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = OFF", error) ||
      !exec (self, index_sql, error))
    return NULL;

  /* An option of FTS5 that its documentation does not list: a SQLite
   * without it builds the same index, only slower */
  hash_size = g_strdup_printf ("INSERT INTO search_%s (search_%s, rank) "
                               "VALUES ('hashsize', " SEARCH_BUILD_HASH_SIZE ")", name, name);
  if (sqlite3_exec (self->db, hash_size, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("FTS5 has no hashsize option: %s", sqlite3_errmsg (self->db));

  rc = sqlite3_prepare_v3 (self->db, _rapport_store_schema_search_row (table), -1,
                           SQLITE_PREPARE_PERSISTENT, &self->insert, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  self->id_parameter = sqlite3_bind_parameter_index (self->insert, ":id");
  g_return_val_if_fail (self->id_parameter > 0, NULL);
  for (guint i = 0; text_columns[i] != NULL; i++)
    {
      g_autofree char *parameter = g_strconcat (":", text_columns[i], NULL);
      guint found = self->n_values;

      g_return_val_if_fail (i < SEARCH_BUILD_MAX_COLUMNS, NULL);
      for (guint k = 0; k < self->n_values; k++)
        if (g_str_equal (columns[k], text_columns[i]))
          found = k;
      g_return_val_if_fail (found < self->n_values, NULL);

      self->value_index[self->n_columns] = found;
      self->parameter[self->n_columns] = sqlite3_bind_parameter_index (self->insert, parameter);
      g_return_val_if_fail (self->parameter[self->n_columns] > 0, NULL);
      self->n_columns++;
    }

  if (!exec (self, "BEGIN", error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * _rapport_store_search_build_add:
 * @n_rows: how many rows there are
 * @ids: their ids
 * @values: their values, row after row, as many per row as the columns
 *   given to _rapport_store_search_build_new()
 *
 * Indexes rows. Their texts are not kept.
 */
gboolean
_rapport_store_search_build_add (RapportStoreSearchBuild      *self,
                                 guint                         n_rows,
                                 const gint64                 *ids,
                                 const RapportStoreBulkValue  *values,
                                 GError                      **error)
{
  for (guint row = 0; row < n_rows; row++)
    {
      const RapportStoreBulkValue *row_values = &values[row * self->n_values];
      int rc;

      sqlite3_bind_int64 (self->insert, self->id_parameter, ids[row]);
      for (guint i = 0; i < self->n_columns; i++)
        {
          const RapportStoreBulkValue *value = &row_values[self->value_index[i]];

          if (value->kind == RAPPORT_STORE_BULK_TEXT && value->text != NULL)
            sqlite3_bind_text (self->insert, self->parameter[i], value->text, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (self->insert, self->parameter[i]);
        }

      rc = sqlite3_step (self->insert);
      sqlite3_reset (self->insert);
      if (rc != SQLITE_DONE)
        {
          set_error (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes out what is left of the index */
gboolean
_rapport_store_search_build_finish (RapportStoreSearchBuild  *self,
                                    GError                  **error)
{
  g_clear_pointer (&self->insert, sqlite3_finalize);

  return exec (self, "COMMIT", error);
}

guint
_rapport_store_search_build_get_table (RapportStoreSearchBuild *self)
{
  return self->table;
}

/* Where the index is, as the table "search_" + the table's name */
sqlite3 *
_rapport_store_search_build_get_db (RapportStoreSearchBuild *self)
{
  return self->db;
}

void
_rapport_store_search_build_free (RapportStoreSearchBuild *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self);
}

/* rapport-store-bulk.c: reading and writing many rows at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whole-table work is done in SQL, a row at a time: a million commitments
 * are never loaded as objects. Statements are built from the constant
 * table and column names only and bound to values.
 */
#define G_LOG_DOMAIN "rapport-store-bulk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-record-private.h"
#include "rapport-store-bulk.h"
#include "rapport-store-search-build.h"

/* How long to wait for the store's own connection to finish a write */
#define BULK_BUSY_TIMEOUT_MS 10000

#define TABLE_CLIENTS 0
#define TABLE_COMMITMENTS 1
#define TABLE_FEEDBACK 4

struct _RapportStoreBulk
{
  char        *path;
  sqlite3     *db;
  gboolean     owns_db;
  GHashTable  *statements;
  /* _rapport_store_bulk_find_uuid()'s, per table */
  sqlite3_stmt *find_uuid[RAPPORT_STORE_N_TABLES];
  /* Tables between _rapport_store_bulk_load_begin() and _end(): the SQL
   * that creates their indexes again */
  GPtrArray    *load_indexes[RAPPORT_STORE_N_TABLES];
};

/* Errors */

static void
bulk_set_error (RapportStoreBulk  *self,
                int                rc,
                GError           **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_name (self->path != NULL ? self->path : "");

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s)."), name, detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to (%s)."), name, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full (%s). Free some space and try again."),
                   name, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_LOCKED,
                   _("The database “%s” is busy (%s). Try again in a moment."), name, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                   _("The data does not fit the database “%s” (%s)."), name, detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("The database “%s” could not be read or written (%s)."), name, detail);
      break;
    default:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("The database “%s” reported an error (%s)."), name, detail);
      break;
    }
}

/* Statements */

static sqlite3_stmt *
prepare (RapportStoreBulk  *self,
         const char        *sql,
         GError           **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      bulk_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (RapportStoreBulk  *self,
      const char        *sql,
      GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static RapportStoreBulk *
bulk_new (const char *path)
{
  RapportStoreBulk *self = g_new0 (RapportStoreBulk, 1);

  self->path = g_strdup (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  return self;
}

/* Connections */

/* A connection of its own: read-only ones make no file beside the
 * database */
static RapportStoreBulk *
bulk_open (const char  *path,
           gboolean     read_only,
           GError     **error)
{
  g_autoptr(RapportStoreBulk) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = bulk_new (path);
  self->owns_db = TRUE;

  if (read_only)
    rc = _rapport_store_open_read_only_connection (path, &self->db);
  else
    {
      _rapport_store_init_sqlite ();
      rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    }
  if (rc != SQLITE_OK)
    {
      bulk_set_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BULK_BUSY_TIMEOUT_MS);

  /* The cache is sized by the transaction: see begin_read and begin_write */
  if (!read_only &&
      (!exec (self, "PRAGMA foreign_keys = ON", error) ||
       !exec (self, "PRAGMA synchronous = NORMAL", error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * _rapport_store_bulk_open:
 * @path: the file of a database that rapport_store_open() has opened
 *
 * Opens a connection of its own, for use in one thread at a time.
 */
RapportStoreBulk *
_rapport_store_bulk_open (const char  *path,
                          GError     **error)
{
  return bulk_open (path, FALSE, error);
}

/**
 * _rapport_store_bulk_open_read_only:
 * @path: the file of a database that rapport_store_open_to_read() has
 *   opened read-only
 *
 * Opens a connection of its own that only reads, and makes no file
 * beside the database.
 */
RapportStoreBulk *
_rapport_store_bulk_open_read_only (const char  *path,
                                    GError     **error)
{
  return bulk_open (path, TRUE, error);
}

/**
 * _rapport_store_bulk_open_for_import:
 * @path: the file of a database that rapport_store_open() has opened
 *
 * Opens a connection for an import, which resolves every reference and
 * checks every value itself before a row is written (rapport-import.c):
 * the database's foreign keys and CHECK constraints are not checked
 * again. With them, every multi-row INSERT could fail halfway (a foreign
 * key, or the length() of a UUID's CHECK), so SQLite kept a statement
 * journal of each page it touched: with the UUID index written at random
 * places, a million-row restore wrote 3 GB to a temporary file (strace),
 * a quarter of its system time.
 *
 * Its commit leaves the pages in SQLite's write-ahead log: copying them
 * into the database file (a checkpoint, which a connection makes after
 * each commit past 1,000 pages of log) took 2-3 s of a million-row
 * restore, with the rows already safe in the log. The caller folds the
 * log back when it suits it (_rapport_store_bulk_checkpoint()); closing
 * the store does it at the latest.
 */
RapportStoreBulk *
_rapport_store_bulk_open_for_import (const char  *path,
                                     GError     **error)
{
  g_autoptr(RapportStoreBulk) self = _rapport_store_bulk_open (path, error);

  if (self == NULL ||
      !exec (self, "PRAGMA foreign_keys = OFF", error) ||
      !exec (self, "PRAGMA ignore_check_constraints = ON", error) ||
      !exec (self, "PRAGMA wal_autocheckpoint = 0", error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Borrows the store's connection, for quick figures on the main thread */
RapportStoreBulk *
_rapport_store_bulk_new_for_store (RapportStore *store)
{
  RapportStoreBulk *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = bulk_new (rapport_store_get_path (store));
  self->db = _rapport_store_get_db (store);
  self->owns_db = FALSE;
  return self;
}

void
_rapport_store_bulk_free (RapportStoreBulk *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      g_clear_pointer (&self->find_uuid[i], sqlite3_finalize);
      g_clear_pointer (&self->load_indexes[i], g_ptr_array_unref);
    }
  if (self->owns_db && self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self);
}

/* Transactions */

/* Reads go once through each table: a large cache would only hold pages
 * that are not read again (a summary of a million rows peaked at 90 MB
 * with 64 MiB, 40 MB with 16 MiB, and was no slower). Writes revisit
 * index pages all along. The store's own connection keeps its size. */
#define BULK_READ_CACHE "PRAGMA cache_size = -16384"
#define BULK_WRITE_CACHE "PRAGMA cache_size = -65536"

gboolean
_rapport_store_bulk_begin_read (RapportStoreBulk  *self,
                                GError           **error)
{
  if (self->owns_db && !exec (self, BULK_READ_CACHE, error))
    return FALSE;

  return exec (self, "BEGIN DEFERRED", error);
}

gboolean
_rapport_store_bulk_begin_write (RapportStoreBulk  *self,
                                 GError           **error)
{
  if (self->owns_db && !exec (self, BULK_WRITE_CACHE, error))
    return FALSE;

  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_rapport_store_bulk_commit (RapportStoreBulk  *self,
                            GError           **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;

  _rapport_store_bulk_rollback (self);
  return FALSE;
}

void
_rapport_store_bulk_rollback (RapportStoreBulk *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * _rapport_store_bulk_checkpoint:
 * @n_left: (out) (optional): pages of the log not copied, which a reader
 *   still needs
 *
 * Copies the pages of the write-ahead log into the database file, as far
 * as the readers allow, without waiting for them or for writers (PRAGMA
 * wal_checkpoint (PASSIVE)). Fails when another connection is making a
 * checkpoint already.
 */
gboolean
_rapport_store_bulk_checkpoint (RapportStoreBulk  *self,
                                int               *n_left,
                                GError           **error)
{
  int n_log = 0;
  int n_copied = 0;
  int rc;

  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
  if (rc != SQLITE_OK)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  if (n_left != NULL)
    *n_left = MAX (n_log - n_copied, 0);
  return TRUE;
}

/* Tables and columns */

const char *
_rapport_store_bulk_table_name (guint table)
{
  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);

  return rapport_store_tables[table].table;
}

static gboolean
is_reference (GParamSpec *pspec)
{
  return pspec->value_type == G_TYPE_INT64 && g_str_has_suffix (pspec->name, "-id");
}

/* The table an "*-id" property refers to */
guint
_rapport_store_bulk_reference_table (GParamSpec *pspec)
{
  if (g_str_equal (pspec->name, "client-id"))
    return TABLE_CLIENTS;
  if (g_str_equal (pspec->name, "commitment-id"))
    return TABLE_COMMITMENTS;
  if (g_str_equal (pspec->name, "feedback-id"))
    return TABLE_FEEDBACK;

  g_assert_not_reached ();
  return 0;
}

/* The JSON member of a property: its column, or for a reference the name
 * of what it refers to ("client"), which holds that row's UUID. */
const char *
_rapport_store_bulk_member_for_property (GParamSpec *pspec)
{
  static GQuark quark;
  const char *member;

  /* Asked for every member of every row: remember the answer */
  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("rapport-bulk-member");

  member = g_param_spec_get_qdata (pspec, quark);
  if (member == NULL)
    {
      g_autofree char *name = NULL;

      if (is_reference (pspec))
        name = g_strndup (pspec->name, strlen (pspec->name) - strlen ("-id"));
      else
        name = _rapport_store_column_for_property (pspec->name);

      member = g_intern_string (name);
      g_param_spec_set_qdata (pspec, quark, (gpointer) member);
    }

  return member;
}

static gboolean
query_count (RapportStoreBulk  *self,
             const char        *sql,
             guint64           *count,
             GError           **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The clients a summary lists */
gboolean
_rapport_store_bulk_count_clients (RapportStoreBulk  *self,
                                   guint64           *n_clients,
                                   GError           **error)
{
  return query_count (self, "SELECT count(*) FROM clients WHERE deleted_at IS NULL",
                      n_clients, error);
}

gboolean
_rapport_store_bulk_count_rows (RapportStoreBulk  *self,
                                guint64           *n_rows,
                                GError           **error)
{
  *n_rows = 0;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s",
                                              rapport_store_tables[i].table);
      guint64 n = 0;

      if (!query_count (self, sql, &n, error))
        return FALSE;
      *n_rows += n;
    }

  return TRUE;
}

gboolean
_rapport_store_bulk_table_is_empty (RapportStoreBulk  *self,
                                    guint              table,
                                    gboolean          *empty,
                                    GError           **error)
{
  g_autofree char *sql = NULL;
  guint64 any = 0;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, FALSE);

  sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", rapport_store_tables[table].table);
  if (!query_count (self, sql, &any, error))
    return FALSE;

  *empty = any == 0;
  return TRUE;
}

/* JSON text, written by hand: a backup is a million rows, and building a
 * JsonObject and a JsonGenerator's string for each took most of an export
 * (perf: g_date_time_format, json_generator_to_data, allocation). The text
 * is the very bytes json-glib 1.6 writes for the same object: members in
 * order, no spaces, strings escaped as json_strescape() does. */

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char unicode[8];

      /* json-glib 1.6 leaves 0x1f as it is and escapes 0x7f */
      if (c >= 0x1f && c != 0x7f && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u%04x", c);
          escape = unicode;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_json_member (GString    *out,
                    const char *member)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  append_json_string (out, member);
  g_string_append_c (out, ':');
}

/* "YYYY-MM-DDTHH:MM:SSZ", as rapport_date_time_to_iso() writes it, or
 * null for a time GDateTime cannot hold */
static void
append_json_moment (GString      *out,
                    sqlite3_stmt *stmt,
                    int           column)
{
  gint64 seconds, days, secs_of_day, era, doe, yoe, doy, mp, y, m, d;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      g_string_append (out, "null");
      return;
    }

  seconds = sqlite3_column_int64 (stmt, column);
  /* Before 1000-01-01 (how GLib writes such years aside) or past what
   * GDateTime holds: as the store's date functions say */
  if (seconds < G_GINT64_CONSTANT (-30610224000) || seconds > G_GINT64_CONSTANT (253402300799))
    {
      g_autoptr(GDateTime) moment = rapport_date_time_new_unix (seconds);
      g_autofree char *iso = moment != NULL ? rapport_date_time_to_iso (moment) : NULL;

      if (iso != NULL)
        append_json_string (out, iso);
      else
        g_string_append (out, "null");
      return;
    }

  /* Days since 1970 to a proleptic Gregorian date (H. Hinnant's method) */
  days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  secs_of_day = seconds - days * 86400;
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);

  g_string_append_printf (out, "\"%04d-%02d-%02dT%02d:%02d:%02dZ\"", (int) y, (int) m, (int) d,
                          (int) (secs_of_day / 3600), (int) (secs_of_day / 60 % 60),
                          (int) (secs_of_day % 60));
}

static void
append_json_text (GString      *out,
                  sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    append_json_string (out, (const char *) sqlite3_column_text (stmt, column));
}

/**
 * _rapport_store_bulk_read_rows:
 *
 * Calls @func with every row of @table, trash included, in the order of
 * their ids, as the JSON text of the object a backup holds: UUIDs instead
 * of ids, moments in ISO 8601 (UTC), dates as "YYYY-MM-DD", enums as
 * nicks, on one line.
 */
gboolean
_rapport_store_bulk_read_rows (RapportStoreBulk         *self,
                               guint                     table,
                               RapportStoreBulkRowFunc   func,
                               gpointer                  user_data,
                               GError                  **error)
{
  const RapportStoreTable *info;
  g_autoptr(GPtrArray) pspecs = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT t.uuid, t.created, t.updated, t.deleted_at");
  g_autoptr(GString) row = g_string_sized_new (1024);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, FALSE);

  info = &rapport_store_tables[table];
  pspecs = _rapport_store_entity_properties (info->get_type ());

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = pspecs->pdata[i];
      g_autofree char *column = _rapport_store_column_for_property (pspec->name);

      if (is_reference (pspec))
        {
          guint parent = _rapport_store_bulk_reference_table (pspec);

          g_string_append_printf (sql, ", (SELECT p.uuid FROM %s p WHERE p.id = t.%s)",
                                  rapport_store_tables[parent].table, column);
        }
      else
        g_string_append_printf (sql, ", t.%s", column);
    }
  g_string_append_printf (sql, " FROM %s t ORDER BY t.id", info->table);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_assign (row, "{");
      append_json_member (row, "uuid");
      append_json_text (row, stmt, 0);
      append_json_member (row, "created");
      append_json_moment (row, stmt, 1);
      append_json_member (row, "updated");
      append_json_moment (row, stmt, 2);
      append_json_member (row, "deleted_at");
      append_json_moment (row, stmt, 3);

      for (guint i = 0; i < pspecs->len; i++)
        {
          GParamSpec *pspec = pspecs->pdata[i];
          int column = 4 + (int) i;

          append_json_member (row, _rapport_store_bulk_member_for_property (pspec));
          if (pspec->value_type == G_TYPE_UINT)
            g_string_append_printf (row, "%" G_GINT64_FORMAT,
                                    (gint64) sqlite3_column_int64 (stmt, column));
          else if (pspec->value_type == G_TYPE_BOOLEAN)
            g_string_append (row, sqlite3_column_int (stmt, column) != 0 ? "true" : "false");
          else if (pspec->value_type == G_TYPE_DATE_TIME)
            append_json_moment (row, stmt, column);
          else
            append_json_text (row, stmt, column);
        }
      g_string_append_c (row, '}');

      if (!func (table, row->str, row->len, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Returns the id of the row of @table with @uuid, 0 when there is none
 * and -1 on error; @updated gets its unix time. */
gint64
_rapport_store_bulk_find_uuid (RapportStoreBulk  *self,
                               guint              table,
                               const char        *uuid,
                               gint64            *updated,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, -1);

  /* Called for every row of an import: keep the statement at hand */
  stmt = self->find_uuid[table];
  if (stmt == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, updated FROM %s WHERE uuid = ?",
                                              rapport_store_tables[table].table);

      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          bulk_set_error (self, rc, error);
          return -1;
        }
      self->find_uuid[table] = stmt;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (updated != NULL)
        *updated = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return -1;
    }

  return id;
}

/**
 * _rapport_store_bulk_write_record:
 * @record: a record whose references are ids of this database
 * @existing_id: the row to overwrite, or 0 to add one
 *
 * Writes @record with its own UUID and timestamps, as they are.
 */
gboolean
_rapport_store_bulk_write_record (RapportStoreBulk  *self,
                                  RapportRecord     *record,
                                  gint64             existing_id,
                                  GError           **error)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));
  g_autoptr(GPtrArray) pspecs = _rapport_store_entity_properties (G_OBJECT_TYPE (record));
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int next;
  int rc;

  g_return_val_if_fail (table != NULL, FALSE);

  if (existing_id == 0)
    {
      g_string_append_printf (sql, "INSERT INTO %s (uuid, created, updated, deleted_at",
                              table->table);
      for (guint i = 0; i < pspecs->len; i++)
        {
          g_autofree char *column =
            _rapport_store_column_for_property (((GParamSpec *) pspecs->pdata[i])->name);

          g_string_append_printf (sql, ", %s", column);
        }
      g_string_append (sql, ") VALUES (?, ?, ?, ?");
      for (guint i = 0; i < pspecs->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }
  else
    _rapport_store_append_update (sql, table, pspecs);

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  next = _rapport_store_bind_record (stmt, record, pspecs);
  if (existing_id != 0)
    sqlite3_bind_int64 (stmt, next, existing_id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Fast inserts
 *
 * FTS5 (3.40) writes out its pending index data at every statement that
 * opens a savepoint, which every insert into a table with constraints and
 * triggers does: one row per statement makes a tiny index segment per row
 * and costs five times the insert itself. Rows are therefore inserted
 * BULK_INSERT_BATCH at a time by one multi-row INSERT, with ids given
 * here, so that the caller knows a row's id before it is written, and the
 * foreign keys checked at commit (a child may be written before its
 * parent's batch). */

#define BULK_INSERT_BATCH 1024

struct _RapportStoreBulkInsert
{
  RapportStoreBulk *bulk;
  guint             table;
  GStrv             columns;
  guint             n_columns;
  sqlite3_stmt     *batch;
  guint             batch_rows;
  gint64            next_id;
  /* The rows not yet written: ids, values, and a copy of their texts */
  GArray           *ids;
  GArray           *values;
  GStringChunk     *texts;
  /* For records: their table's entity properties */
  GPtrArray        *pspecs;
};

static gboolean
is_table_column (GPtrArray  *pspecs,
                 const char *column)
{
  static const char * const record_columns[] = { "uuid", "created", "updated", "deleted_at" };

  for (guint i = 0; i < G_N_ELEMENTS (record_columns); i++)
    if (g_str_equal (column, record_columns[i]))
      return TRUE;

  for (guint i = 0; i < pspecs->len; i++)
    {
      g_autofree char *name =
        _rapport_store_column_for_property (((GParamSpec *) pspecs->pdata[i])->name);

      if (g_str_equal (column, name))
        return TRUE;
    }

  return FALSE;
}

/* INSERT of @n_rows rows of the insert's columns and id */
static sqlite3_stmt *
prepare_insert (RapportStoreBulkInsert  *insert,
                guint                    n_rows,
                GError                 **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* A row that breaks a constraint ends the transaction (OR ROLLBACK):
   * a statement that cannot fail halfway needs no statement journal */
  g_string_append_printf (sql, "INSERT OR ROLLBACK INTO %s (id",
                          rapport_store_tables[insert->table].table);
  for (guint i = 0; i < insert->n_columns; i++)
    g_string_append_printf (sql, ", %s", insert->columns[i]);
  g_string_append (sql, ") VALUES ");
  for (guint row = 0; row < n_rows; row++)
    {
      g_string_append (sql, row > 0 ? ", (?" : "(?");
      for (guint i = 0; i < insert->n_columns; i++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }

  rc = sqlite3_prepare_v3 (insert->bulk->db, sql->str, (int) sql->len, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      bulk_set_error (insert->bulk, rc, error);
      return NULL;
    }

  return stmt;
}

static void
bind_row (sqlite3_stmt                *stmt,
          guint                        row,
          guint                        n_columns,
          gint64                       id,
          const RapportStoreBulkValue *values)
{
  int first = (int) (row * (n_columns + 1)) + 1;

  sqlite3_bind_int64 (stmt, first, id);
  for (guint i = 0; i < n_columns; i++)
    {
      const RapportStoreBulkValue *value = &values[i];
      int index = first + 1 + (int) i;

      if (value->kind == RAPPORT_STORE_BULK_INT)
        sqlite3_bind_int64 (stmt, index, value->integer);
      else if (value->kind == RAPPORT_STORE_BULK_TEXT && value->text != NULL)
        sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, index);
    }
}

static gboolean
step_done (RapportStoreBulk  *self,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _rapport_store_bulk_insert_new:
 * @columns: %NULL-terminated column names of @table, without "id"
 *
 * Prepares inserts of rows given as raw column values (integers for
 * moments, "YYYY-MM-DD" texts for dates, nicks for enums), for writing
 * many rows fast inside _rapport_store_bulk_begin_write(). Rows are
 * written in batches: call _rapport_store_bulk_insert_flush() before the
 * commit. Foreign keys are checked at the commit.
 */
RapportStoreBulkInsert *
_rapport_store_bulk_insert_new (RapportStoreBulk    *self,
                                guint                table,
                                const char * const  *columns,
                                GError             **error)
{
  g_autoptr(RapportStoreBulkInsert) insert = NULL;
  g_autoptr(GPtrArray) pspecs = NULL;
  g_autofree char *max_sql = NULL;
  guint64 max_id = 0;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);
  g_return_val_if_fail (columns != NULL && columns[0] != NULL, NULL);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), NULL);

  pspecs = _rapport_store_entity_properties (rapport_store_tables[table].get_type ());
  insert = g_new0 (RapportStoreBulkInsert, 1);
  insert->bulk = self;
  insert->table = table;
  insert->columns = g_strdupv ((char **) columns);
  insert->n_columns = g_strv_length (insert->columns);
  /* Only names of the table's columns ever reach the SQL */
  for (guint i = 0; i < insert->n_columns; i++)
    g_return_val_if_fail (is_table_column (pspecs, columns[i]), NULL);

  /* Ids follow the largest, as SQLite would give them: the write
   * transaction keeps anyone else from adding rows meanwhile */
  max_sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s",
                             rapport_store_tables[table].table);
  if (!query_count (self, max_sql, &max_id, error) ||
      !exec (self, "PRAGMA defer_foreign_keys = ON", error))
    return NULL;
  insert->next_id = (gint64) max_id + 1;

  /* As many rows as SQLite takes parameters for, up to BULK_INSERT_BATCH */
  insert->batch_rows = CLAMP ((guint) sqlite3_limit (self->db, SQLITE_LIMIT_VARIABLE_NUMBER, -1) /
                              (insert->n_columns + 1), 1, BULK_INSERT_BATCH);
  insert->batch = prepare_insert (insert, insert->batch_rows, error);
  if (insert->batch == NULL)
    return NULL;

  insert->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), BULK_INSERT_BATCH);
  insert->values = g_array_sized_new (FALSE, FALSE, sizeof (RapportStoreBulkValue),
                                      BULK_INSERT_BATCH * insert->n_columns);
  insert->texts = g_string_chunk_new (64 * 1024);
  return g_steal_pointer (&insert);
}

/* Writes the rows held so far, in one statement */
static gboolean
write_pending (RapportStoreBulkInsert  *insert,
               GError                 **error)
{
  guint n_rows = insert->ids->len;
  sqlite3_stmt *stmt = insert->batch;
  gboolean ok;

  if (n_rows == 0)
    return TRUE;

  if (n_rows != insert->batch_rows)
    {
      stmt = prepare_insert (insert, n_rows, error);
      if (stmt == NULL)
        return FALSE;
    }

  for (guint row = 0; row < n_rows; row++)
    bind_row (stmt, row, insert->n_columns, g_array_index (insert->ids, gint64, row),
              &g_array_index (insert->values, RapportStoreBulkValue, row * insert->n_columns));

  ok = step_done (insert->bulk, stmt, error);
  if (stmt != insert->batch)
    sqlite3_finalize (stmt);

  g_array_set_size (insert->ids, 0);
  g_array_set_size (insert->values, 0);
  g_string_chunk_clear (insert->texts);
  return ok;
}

/* Adds a row whose texts are in the insert's own chunk, or live until
 * the batch is written */
static gint64
insert_values (RapportStoreBulkInsert       *insert,
               const RapportStoreBulkValue  *values,
               GError                      **error)
{
  gint64 id = insert->next_id;

  g_array_append_val (insert->ids, id);
  g_array_append_vals (insert->values, values, insert->n_columns);

  if (insert->ids->len == insert->batch_rows && !write_pending (insert, error))
    return 0;

  insert->next_id++;
  return id;
}

/**
 * _rapport_store_bulk_insert:
 * @values: one value per column given to _rapport_store_bulk_insert_new();
 *   texts are copied
 *
 * Returns: the id of the new row, or 0 on error.
 */
gint64
_rapport_store_bulk_insert (RapportStoreBulkInsert       *insert,
                            const RapportStoreBulkValue  *values,
                            GError                      **error)
{
  RapportStoreBulkValue copies[32];

  g_return_val_if_fail (insert->n_columns <= G_N_ELEMENTS (copies), 0);

  for (guint i = 0; i < insert->n_columns; i++)
    {
      copies[i] = values[i];
      if (copies[i].kind == RAPPORT_STORE_BULK_TEXT && copies[i].text != NULL)
        copies[i].text = g_string_chunk_insert (insert->texts, copies[i].text);
    }

  return insert_values (insert, copies, error);
}

/* Writes the rows of the last, incomplete batch */
gboolean
_rapport_store_bulk_insert_flush (RapportStoreBulkInsert  *insert,
                                  GError                 **error)
{
  return write_pending (insert, error);
}

void
_rapport_store_bulk_insert_free (RapportStoreBulkInsert *insert)
{
  if (insert == NULL)
    return;

  g_clear_pointer (&insert->batch, sqlite3_finalize);
  g_clear_pointer (&insert->ids, g_array_unref);
  g_clear_pointer (&insert->values, g_array_unref);
  g_clear_pointer (&insert->texts, g_string_chunk_free);
  g_clear_pointer (&insert->pspecs, g_ptr_array_unref);
  g_strfreev (insert->columns);
  g_free (insert);
}

/* The columns of a record, in the order of _rapport_store_bulk_insert_record() */
RapportStoreBulkInsert *
_rapport_store_bulk_insert_new_for_records (RapportStoreBulk  *self,
                                            guint              table,
                                            GError           **error)
{
  g_autoptr(GPtrArray) pspecs = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  RapportStoreBulkInsert *insert;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);

  pspecs = _rapport_store_entity_properties (rapport_store_tables[table].get_type ());
  g_ptr_array_add (columns, g_strdup ("uuid"));
  g_ptr_array_add (columns, g_strdup ("created"));
  g_ptr_array_add (columns, g_strdup ("updated"));
  g_ptr_array_add (columns, g_strdup ("deleted_at"));
  for (guint i = 0; i < pspecs->len; i++)
    g_ptr_array_add (columns, _rapport_store_column_for_property (
                                 ((GParamSpec *) pspecs->pdata[i])->name));
  g_ptr_array_add (columns, NULL);

  insert = _rapport_store_bulk_insert_new (self, table, (const char * const *) columns->pdata,
                                           error);
  if (insert != NULL)
    insert->pspecs = g_steal_pointer (&pspecs);
  return insert;
}

/* @value as it is stored, as rapport-store.c binds it; @text_out may
 * receive a string to free once the value is used */
static void
bulk_value_from_gvalue (const GValue          *value,
                        RapportStoreBulkValue *out,
                        char                 **text_out)
{
  GType type = G_VALUE_TYPE (value);

  *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_NULL, 0, NULL };
  if (type == G_TYPE_STRING)
    {
      if (g_value_get_string (value) != NULL)
        *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_TEXT, 0, g_value_get_string (value) };
    }
  else if (type == G_TYPE_INT64)
    {
      /* Only foreign keys are int64 properties; 0 means "none" */
      if (g_value_get_int64 (value) > 0)
        *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT, g_value_get_int64 (value), NULL };
    }
  else if (type == G_TYPE_UINT)
    *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT, g_value_get_uint (value), NULL };
  else if (type == G_TYPE_BOOLEAN)
    *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT, g_value_get_boolean (value) ? 1 : 0,
                                     NULL };
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_peek (type);
      GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

      if (enum_value != NULL)
        *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_TEXT, 0, enum_value->value_nick };
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *moment = g_value_get_boxed (value);

      if (moment != NULL)
        *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT, g_date_time_to_unix (moment),
                                         NULL };
    }
  else if (type == G_TYPE_DATE)
    {
      const GDate *date = g_value_get_boxed (value);

      if (date != NULL && g_date_valid (date))
        {
          *text_out = rapport_date_to_iso (date);
          *out = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_TEXT, 0, *text_out };
        }
    }
  else
    g_assert_not_reached ();
}

/**
 * _rapport_store_bulk_record_values:
 * @pspecs: the entity properties of @record's type
 * @record: a record whose references are ids of the database
 * @property_values: (nullable): the values of @pspecs as set on @record,
 *   or %NULL to read them from it
 * @values: (out caller-allocates): @pspecs->len + 4 values, in the
 *   order of _rapport_store_bulk_insert_new_for_records()'s columns
 * @texts: where the texts of @values are copied
 *
 * The columns of @record as they are stored. Touches no database: an
 * import makes them in one thread and writes them in another.
 */
void
_rapport_store_bulk_record_values (GPtrArray             *pspecs,
                                   RapportRecord         *record,
                                   const GValue          *property_values,
                                   RapportStoreBulkValue *values,
                                   GStringChunk          *texts)
{
  GDateTime *deleted_at = rapport_record_get_deleted_at (record);

  values[0] = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_TEXT, 0,
                                        g_string_chunk_insert (texts,
                                                               rapport_record_get_uuid (record)) };
  values[1] = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT,
                                        g_date_time_to_unix (rapport_record_get_created (record)),
                                        NULL };
  values[2] = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT,
                                        g_date_time_to_unix (rapport_record_get_updated (record)),
                                        NULL };
  if (deleted_at != NULL)
    values[3] = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_INT,
                                          g_date_time_to_unix (deleted_at), NULL };
  else
    values[3] = (RapportStoreBulkValue) { RAPPORT_STORE_BULK_NULL, 0, NULL };

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = pspecs->pdata[i];
      g_auto(GValue) gvalue = G_VALUE_INIT;
      g_autofree char *text = NULL;
      RapportStoreBulkValue *value = &values[4 + i];

      if (property_values != NULL)
        bulk_value_from_gvalue (&property_values[i], value, &text);
      else
        {
          g_value_init (&gvalue, pspec->value_type);
          g_object_get_property (G_OBJECT (record), pspec->name, &gvalue);
          bulk_value_from_gvalue (&gvalue, value, &text);
        }
      if (value->kind == RAPPORT_STORE_BULK_TEXT && value->text != NULL)
        value->text = g_string_chunk_insert (texts, value->text);
    }
}

/**
 * _rapport_store_bulk_insert_record:
 * @insert: from _rapport_store_bulk_insert_new_for_records() for the
 *   record's table
 * @record: a record whose references are ids of this database
 *
 * Adds @record with its own UUID and timestamps, as they are, in the
 * insert's next batch.
 *
 * Returns: the id the row gets, or 0 on error.
 */
gint64
_rapport_store_bulk_insert_record (RapportStoreBulkInsert  *insert,
                                   RapportRecord           *record,
                                   GError                 **error)
{
  GPtrArray *pspecs = insert->pspecs;
  RapportStoreBulkValue values[32];

  g_return_val_if_fail (pspecs != NULL, 0);
  g_return_val_if_fail (G_OBJECT_TYPE (record) ==
                        rapport_store_tables[insert->table].get_type (), 0);
  g_return_val_if_fail (pspecs->len + 4 == insert->n_columns &&
                        insert->n_columns <= G_N_ELEMENTS (values), 0);

  /* Straight into the batch's own copy of the texts */
  _rapport_store_bulk_record_values (pspecs, record, NULL, values, insert->texts);
  return insert_values (insert, values, error);
}

/* The columns of @insert's rows, in the order of their values */
const char * const *
_rapport_store_bulk_insert_get_columns (RapportStoreBulkInsert *insert)
{
  return (const char * const *) insert->columns;
}

/* The id the next row added to @insert gets */
gint64
_rapport_store_bulk_insert_next_id (RapportStoreBulkInsert *insert)
{
  return insert->next_id;
}

/* Loading an empty table
 *
 * Each row written updates the table's indexes at a random place (the
 * UUID's, and those in the order of a list) and its search index, word by
 * word. Into an empty table, it is cheaper to write the rows alone, then
 * to build each index in one pass over them. The indexes and triggers are
 * dropped and created again inside the caller's transaction, so that a
 * rollback leaves the schema as it was. */

/**
 * _rapport_store_bulk_load_begin:
 * @table: a table that holds no row
 *
 * Drops the indexes that @table's schema names (not the UUID's, which is
 * part of the table) and its search triggers, until
 * _rapport_store_bulk_load_end(). Only inside
 * _rapport_store_bulk_begin_write().
 */
gboolean
_rapport_store_bulk_load_begin (RapportStoreBulk  *self,
                                guint              table,
                                GError           **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;
  int rc;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);
  g_return_val_if_fail (self->load_indexes[table] == NULL, FALSE);

  if (!_rapport_store_bulk_table_is_empty (self, table, &empty, error))
    return FALSE;
  g_return_val_if_fail (empty, FALSE);

  stmt = prepare (self,
                  "SELECT name, sql FROM sqlite_master "
                  "WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rapport_store_tables[table].table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) names->pdata[i]);
      gboolean ok = exec (self, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }

  if (!exec (self, _rapport_store_schema_search_drop_triggers (table), error))
    return FALSE;

  self->load_indexes[table] = g_steal_pointer (&indexes);
  return TRUE;
}

/* Builds the indexes of @table's rows again, but for its search index */
gboolean
_rapport_store_bulk_load_rows_end (RapportStoreBulk  *self,
                                   guint              table,
                                   GError           **error)
{
  g_autoptr(GPtrArray) indexes = NULL;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, FALSE);
  g_return_val_if_fail (self->load_indexes[table] != NULL, FALSE);

  indexes = g_steal_pointer (&self->load_indexes[table]);
  for (guint i = 0; i < indexes->len; i++)
    if (!exec (self, indexes->pdata[i], error))
      return FALSE;

  return TRUE;
}

/* Builds the indexes and the search index of @table's rows, and puts the
 * search triggers back */
gboolean
_rapport_store_bulk_load_end (RapportStoreBulk  *self,
                              guint              table,
                              GError           **error)
{
  return _rapport_store_bulk_load_rows_end (self, table, error) &&
         exec (self, _rapport_store_schema_search_fill (table), error) &&
         exec (self, _rapport_store_schema_search_triggers (table), error);
}

/* The CREATE VIRTUAL TABLE statement of @table's search index */
char *
_rapport_store_bulk_search_index_sql (RapportStoreBulk  *self,
                                      guint              table,
                                      GError           **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  char *sql = NULL;
  int rc;

  g_return_val_if_fail (table < RAPPORT_STORE_N_TABLES, NULL);

  stmt = prepare (self, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", error);
  if (stmt == NULL)
    return NULL;

  name = g_strconcat ("search_", rapport_store_tables[table].table, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                 _("The database has no search index for %s."), rapport_store_tables[table].table);
  else if (sql == NULL)
    bulk_set_error (self, rc, error);

  return sql;
}

/* Copies the rows of one table of @from into the same table of this
 * database, all columns alike */
static gboolean
copy_table (RapportStoreBulk  *self,
            sqlite3           *from,
            const char        *name,
            GError           **error)
{
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  g_autofree char *select_sql = g_strdup_printf ("SELECT * FROM %s", name);
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  int n_columns;
  int rc;

  rc = sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("The search index could not be built (%s)."), sqlite3_errmsg (from));
      return FALSE;
    }

  n_columns = sqlite3_column_count (select);
  g_string_append_printf (insert_sql, "INSERT INTO %s VALUES (?", name);
  for (int i = 1; i < n_columns; i++)
    g_string_append (insert_sql, ", ?");
  g_string_append_c (insert_sql, ')');
  insert = prepare (self, insert_sql->str, error);
  if (insert == NULL)
    {
      sqlite3_finalize (select);
      return FALSE;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
      if (!step_done (self, insert, error))
        {
          sqlite3_finalize (select);
          return FALSE;
        }
    }
  sqlite3_finalize (select);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("The search index could not be built (%s)."), sqlite3_errmsg (from));
      return FALSE;
    }

  return TRUE;
}

/**
 * _rapport_store_bulk_load_search:
 * @build: the finished search index of a table whose rows were loaded
 *   (_rapport_store_bulk_load_rows_end())
 *
 * Makes the table's search index the one built apart, and puts its search
 * triggers back. An FTS5 index is the rows of two tables of its own (the
 * "%_data" and "%_idx" shadow tables of FTS5's documentation): the same
 * rows make the same index.
 */
gboolean
_rapport_store_bulk_load_search (RapportStoreBulk         *self,
                                 RapportStoreSearchBuild  *build,
                                 GError                  **error)
{
  guint table = _rapport_store_search_build_get_table (build);
  sqlite3 *from = _rapport_store_search_build_get_db (build);
  const char *name = rapport_store_tables[table].table;
  g_autofree char *data = g_strdup_printf ("search_%s_data", name);
  g_autofree char *idx = g_strdup_printf ("search_%s_idx", name);
  g_autofree char *clear = g_strdup_printf ("DELETE FROM %s; DELETE FROM %s", data, idx);

  g_return_val_if_fail (self->load_indexes[table] == NULL, FALSE);

  return exec (self, clear, error) &&
         copy_table (self, from, data, error) &&
         copy_table (self, from, idx, error) &&
         exec (self, _rapport_store_schema_search_triggers (table), error);
}

/* A row that a merge brought under a parent in the trash here goes to the
 * trash with it, at the parent's moment, so that restoring the parent
 * brings it back and emptying the trash says it goes: left out, it was
 * deleted with its parent without a word. Parents before children, so
 * that a commitment takes its deliverables along. */
gboolean
_rapport_store_bulk_trash_with_parents (RapportStoreBulk  *self,
                                        GError           **error)
{
  for (guint t = 0; t < RAPPORT_STORE_N_TABLES; t++)
    {
      const RapportStoreTable *parent = &rapport_store_tables[t];

      for (guint c = 0; c < G_N_ELEMENTS (parent->children) && parent->children[c].child_table;
           c++)
        {
          const RapportStoreChild *child = &parent->children[c];
          g_autofree char *sql =
            g_strdup_printf ("UPDATE %1$s SET deleted_at = ("
                             "  SELECT p.deleted_at FROM %3$s p WHERE p.id = %1$s.%2$s) "
                             "WHERE deleted_at IS NULL AND %2$s IN ("
                             "  SELECT id FROM %3$s WHERE deleted_at IS NOT NULL)",
                             child->child_table, child->fk_column, parent->table);

          if (!exec (self, sql, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* A client's last contact is its newest interaction not in the trash, as
 * rapport-store.c keeps it; after a merge, an interaction may be new while
 * its client's row was older and kept. Not an edit: "updated" stays. */
gboolean
_rapport_store_bulk_sync_last_contacts (RapportStoreBulk  *self,
                                        GError           **error)
{
  return exec (self,
               "UPDATE clients SET last_contact = ("
               "  SELECT max (i.occurred_at) FROM interactions i"
               "  WHERE i.client_id = clients.id AND i.deleted_at IS NULL) "
               "WHERE last_contact IS NOT ("
               "  SELECT max (i.occurred_at) FROM interactions i"
               "  WHERE i.client_id = clients.id AND i.deleted_at IS NULL)",
               error);
}

/* Figures */

/* Every commitment not in the trash with its effective due date.
 * "effective" is MATERIALIZED: inlined, its due date (two subqueries) was
 * computed again at each of its eight uses in "outcomes" (EXPLAIN QUERY
 * PLAN), which doubled a summary. */
#define EFFECTIVE_CTE(client_condition) \
  "WITH effective AS MATERIALIZED (" \
  "  SELECT cm.client_id AS client_id, cm.status AS status," \
  "    CASE WHEN cm.delivered_at IS NULL THEN NULL" \
  "      ELSE date (cm.delivered_at, 'unixepoch', 'localtime') END AS delivered_on," \
  "    " RAPPORT_STORE_EFFECTIVE_DUE " AS due" \
  "  FROM commitments cm WHERE cm.deleted_at IS NULL " client_condition \
  ") "

/* A commitment's outcome, wherever its due date is: 0 kept, 1 late,
 * 2 dropped, 3 open */
#define OUTCOME_CASE \
  "CASE WHEN status = 'dropped' THEN 2" \
  "  WHEN status = 'delivered' THEN" \
  "    CASE WHEN coalesce (delivered_on, due) <= due THEN 0 ELSE 1 END" \
  "  WHEN due < :today THEN 1" \
  "  ELSE 3 END"

#define IN_PERIOD "((:from IS NULL OR due >= :from) AND (:to IS NULL OR due <= :to))"

/* And each one's outcome when its due date is in the period */
#define OUTCOMES_CTE(client_condition) \
  EFFECTIVE_CTE (client_condition) \
  ", outcomes AS (" \
  "  SELECT client_id, status, due," \
  "    CASE WHEN " IN_PERIOD " THEN " OUTCOME_CASE " END AS outcome" \
  "  FROM effective" \
  ") "

#define OUTCOME_SUMS \
  "coalesce (sum (outcome = 0), 0), coalesce (sum (outcome = 1), 0)," \
  "coalesce (sum (outcome = 2), 0), coalesce (sum (outcome = 3), 0)"

static void
bind_period (sqlite3_stmt *stmt,
             const char   *from,
             const char   *to,
             const char   *today)
{
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":today"), today, -1,
                     SQLITE_TRANSIENT);
  if (from != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":from"), from, -1,
                       SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":to"), to, -1,
                       SQLITE_TRANSIENT);
}

static void
read_reliability (sqlite3_stmt       *stmt,
                  int                 first,
                  RapportReliability *out)
{
  out->kept = (guint64) sqlite3_column_int64 (stmt, first);
  out->late = (guint64) sqlite3_column_int64 (stmt, first + 1);
  out->dropped = (guint64) sqlite3_column_int64 (stmt, first + 2);
  out->open = (guint64) sqlite3_column_int64 (stmt, first + 3);
}

/* Reliability of one client, or of all when @client_id is 0 */
gboolean
_rapport_store_bulk_reliability (RapportStoreBulk    *self,
                                 const char          *from,
                                 const char          *to,
                                 const char          *today,
                                 gint64               client_id,
                                 RapportReliability  *out,
                                 GError             **error)
{
  const char *sql = client_id > 0 ?
    OUTCOMES_CTE ("AND cm.client_id = :client") "SELECT " OUTCOME_SUMS " FROM outcomes" :
    OUTCOMES_CTE ("") "SELECT " OUTCOME_SUMS " FROM outcomes";
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (today != NULL, FALSE);

  memset (out, 0, sizeof *out);

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, from, to, today);
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":client"), client_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read_reliability (stmt, 0, out);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

#define SUMS_WHERE(condition) \
  "coalesce (sum (" condition " AND outcome = 0), 0)," \
  "coalesce (sum (" condition " AND outcome = 1), 0)," \
  "coalesce (sum (" condition " AND outcome = 2), 0)," \
  "coalesce (sum (" condition " AND outcome = 3), 0)"

/* Each month as year * 12 + month - 1, from due dates YYYY-MM-DD, or -1
 * for what is in the period (when :period is 1) and in none of the months.
 * Each row has the outcomes of its month, then those in the period. */
#define BY_MONTH_SQL(client_condition) \
  EFFECTIVE_CTE (client_condition) \
  ", judged AS (" \
  "  SELECT due, " OUTCOME_CASE " AS outcome," \
  "    :period AND " IN_PERIOD " AS in_period," \
  "    due >= :first AND due <= :last AS in_months" \
  "  FROM effective" \
  ") " \
  "SELECT CASE WHEN in_months" \
  "    THEN CAST (substr (due, 1, 4) AS INTEGER) * 12 + CAST (substr (due, 6, 2) AS INTEGER) - 1" \
  "    ELSE -1 END," \
  "  " SUMS_WHERE ("in_months") "," \
  "  " SUMS_WHERE ("in_period") \
  " FROM judged WHERE in_period OR in_months GROUP BY 1"

/**
 * _rapport_store_bulk_reliability_by_month:
 * @from: (nullable): the period's first day
 * @to: (nullable): the period's last day
 * @period: (out caller-allocates) (nullable): the period's figure, or %NULL
 *   for the months alone
 * @first: the first day of the first month, "YYYY-MM-DD"
 * @n_months: how many months from it
 * @months: (out caller-allocates): @n_months figures
 *
 * The reliability of each month, as _rapport_store_bulk_reliability() of
 * its first and last days would count it, and of the period from @from
 * to @to, in one pass over the commitments: working out each one's
 * effective due date is most of the work (a million-row database: twelve
 * months took 5.3 s one by one, 0.44 s each; the period and the months
 * 0.8-1.0 s in two passes, 0.43-0.50 s in one).
 */
gboolean
_rapport_store_bulk_reliability_by_month (RapportStoreBulk    *self,
                                          const char          *from,
                                          const char          *to,
                                          RapportReliability  *period,
                                          const char          *first,
                                          guint                n_months,
                                          const char          *today,
                                          gint64               client_id,
                                          RapportReliability  *months,
                                          GError             **error)
{
  const char *sql = client_id > 0 ? BY_MONTH_SQL ("AND cm.client_id = :client") : BY_MONTH_SQL ("");
  g_autoptr(GDate) first_day = NULL;
  g_autoptr(GDate) last_day = NULL;
  g_autofree char *last = NULL;
  gint64 first_month;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (first != NULL && today != NULL && n_months > 0, FALSE);

  memset (months, 0, n_months * sizeof *months);
  if (period != NULL)
    memset (period, 0, sizeof *period);

  first_day = rapport_date_parse (first, error);
  if (first_day == NULL)
    return FALSE;
  last_day = g_date_copy (first_day);
  g_date_add_months (last_day, n_months);
  g_date_subtract_days (last_day, 1);
  last = rapport_date_to_iso (last_day);
  first_month = g_date_get_year (first_day) * 12 + g_date_get_month (first_day) - 1;

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, from, to, today);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":period"), period != NULL);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":first"), first, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":last"), last, -1,
                     SQLITE_TRANSIENT);
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":client"), client_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 index = sqlite3_column_int64 (stmt, 0) - first_month;

      if (index >= 0 && index < n_months)
        read_reliability (stmt, 1, &months[index]);
      if (period != NULL)
        {
          RapportReliability part;

          read_reliability (stmt, 5, &part);
          period->kept += part.kept;
          period->late += part.late;
          period->dropped += part.dropped;
          period->open += part.open;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* One pass over each table, grouped by client */
static const char summary_clients_sql[] =
  OUTCOMES_CTE ("")
  ", per_client AS ("
  "  SELECT client_id,"
  "    sum (status = 'open') AS n_open, sum (status = 'delivered') AS n_delivered,"
  "    sum (status = 'dropped') AS n_dropped,"
  "    sum (outcome = 0) AS kept, sum (outcome = 1) AS late,"
  "    sum (outcome = 2) AS dropped, sum (outcome = 3) AS open"
  "  FROM outcomes GROUP BY client_id"
  "), open_feedback AS ("
  "  SELECT client_id, count(*) AS n FROM feedback"
  "  WHERE deleted_at IS NULL AND status IN ('open', 'acknowledged') GROUP BY client_id"
  "), lesson_counts AS ("
  "  SELECT client_id, count(*) AS n, sum (apology = 'owed') AS owed FROM lessons"
  "  WHERE deleted_at IS NULL AND client_id IS NOT NULL GROUP BY client_id"
  "), last_interactions AS ("
  "  SELECT client_id, max (occurred_at) AS last FROM interactions"
  "  WHERE deleted_at IS NULL GROUP BY client_id"
  /* Moves made on a day of the period, of commitments not in the trash */
  "), moves AS ("
  "  SELECT cm.client_id AS client_id,"
  "    sum (r.client_agreed = 1) AS agreed,"
  "    sum (r.client_told = 1 AND r.client_agreed = 0) AS told,"
  "    sum (r.client_told = 0) AS not_told"
  "  FROM renegotiations r JOIN commitments cm ON cm.id = r.commitment_id"
  "  WHERE r.deleted_at IS NULL AND cm.deleted_at IS NULL"
  "    AND (:from IS NULL OR date (r.renegotiated_at, 'unixepoch', 'localtime') >= :from)"
  "    AND (:to IS NULL OR date (r.renegotiated_at, 'unixepoch', 'localtime') <= :to)"
  "  GROUP BY cm.client_id"
  /* Numbered among the clients the summary shows: a client in the trash
   * would leave a gap that tells it exists */
  "), ranks AS ("
  "  SELECT id, row_number () OVER (ORDER BY created, id) AS rank"
  "  FROM clients WHERE confidential = 1 AND deleted_at IS NULL"
  ") "
  "SELECT cl.uuid, cl.name, cl.company, cl.email, cl.phone, cl.notes, cl.status,"
  "  cl.confidential, coalesce (ranks.rank, 0),"
  "  coalesce (p.n_open, 0), coalesce (p.n_delivered, 0), coalesce (p.n_dropped, 0),"
  "  coalesce (p.kept, 0), coalesce (p.late, 0), coalesce (p.dropped, 0),"
  "  coalesce (p.open, 0),"
  "  coalesce (f.n, 0), coalesce (l.n, 0), coalesce (l.owed, 0), i.last,"
  "  coalesce (m.agreed, 0), coalesce (m.told, 0), coalesce (m.not_told, 0) "
  "FROM clients cl"
  "  LEFT JOIN per_client p ON p.client_id = cl.id"
  "  LEFT JOIN open_feedback f ON f.client_id = cl.id"
  "  LEFT JOIN lesson_counts l ON l.client_id = cl.id"
  "  LEFT JOIN last_interactions i ON i.client_id = cl.id"
  "  LEFT JOIN moves m ON m.client_id = cl.id"
  "  LEFT JOIN ranks ON ranks.id = cl.id "
  "WHERE cl.deleted_at IS NULL "
  "ORDER BY cl.id";

/* What belongs to no client counts too: lessons may have none */
static const char summary_overall_sql[] =
  "SELECT"
  "  (SELECT count(*) FROM feedback WHERE deleted_at IS NULL"
  "   AND status IN ('open', 'acknowledged')),"
  "  (SELECT count(*) FROM lessons WHERE deleted_at IS NULL),"
  "  (SELECT count(*) FROM lessons WHERE deleted_at IS NULL AND apology = 'owed'),"
  "  (SELECT max (occurred_at) FROM interactions WHERE deleted_at IS NULL)";

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gint64
column_moment (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int64 (stmt, column);
}

static void
add_to_overall (RapportStoreBulkSummary       *overall,
                const RapportStoreBulkSummary *client)
{
  overall->n_clients++;
  overall->commitments_open += client->commitments_open;
  overall->commitments_delivered += client->commitments_delivered;
  overall->commitments_dropped += client->commitments_dropped;
  overall->reliability.kept += client->reliability.kept;
  overall->reliability.late += client->reliability.late;
  overall->reliability.dropped += client->reliability.dropped;
  overall->reliability.open += client->reliability.open;
  overall->moves_agreed += client->moves_agreed;
  overall->moves_told += client->moves_told;
  overall->moves_not_told += client->moves_not_told;
}

/**
 * _rapport_store_bulk_summarize:
 * @func: called with the figures of each client not in the trash, in the
 *   order they were added
 * @overall: (out): the figures over all of them, complete on return
 *
 * Computes what a summary export holds, in SQL, in one pass over each
 * table. Call it inside _rapport_store_bulk_begin_read() for one
 * consistent picture.
 */
gboolean
_rapport_store_bulk_summarize (RapportStoreBulk             *self,
                               const char                   *from,
                               const char                   *to,
                               const char                   *today,
                               RapportStoreBulkSummary      *overall,
                               RapportStoreBulkSummaryFunc   func,
                               gpointer                      user_data,
                               GError                      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (overall, 0, sizeof *overall);
  overall->last_interaction = -1;

  stmt = prepare (self, summary_clients_sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, from, to, today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportStoreBulkSummary summary = { 0 };

      summary.uuid = column_text (stmt, 0);
      summary.name = column_text (stmt, 1);
      summary.company = column_text (stmt, 2);
      summary.email = column_text (stmt, 3);
      summary.phone = column_text (stmt, 4);
      summary.notes = column_text (stmt, 5);
      summary.status = column_text (stmt, 6);
      summary.confidential = sqlite3_column_int (stmt, 7) != 0;
      summary.confidential_rank = sqlite3_column_int64 (stmt, 8);
      summary.n_clients = 1;
      summary.commitments_open = (guint64) sqlite3_column_int64 (stmt, 9);
      summary.commitments_delivered = (guint64) sqlite3_column_int64 (stmt, 10);
      summary.commitments_dropped = (guint64) sqlite3_column_int64 (stmt, 11);
      read_reliability (stmt, 12, &summary.reliability);
      summary.open_feedback = (guint64) sqlite3_column_int64 (stmt, 16);
      summary.lessons = (guint64) sqlite3_column_int64 (stmt, 17);
      summary.apologies_owed = (guint64) sqlite3_column_int64 (stmt, 18);
      summary.last_interaction = column_moment (stmt, 19);
      summary.moves_agreed = (guint64) sqlite3_column_int64 (stmt, 20);
      summary.moves_told = (guint64) sqlite3_column_int64 (stmt, 21);
      summary.moves_not_told = (guint64) sqlite3_column_int64 (stmt, 22);

      add_to_overall (overall, &summary);
      if (!func (&summary, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  stmt = prepare (self, summary_overall_sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      overall->open_feedback = (guint64) sqlite3_column_int64 (stmt, 0);
      overall->lessons = (guint64) sqlite3_column_int64 (stmt, 1);
      overall->apologies_owed = (guint64) sqlite3_column_int64 (stmt, 2);
      overall->last_interaction = column_moment (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      bulk_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

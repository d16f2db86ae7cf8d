/* rapport-store.c: the SQLite database behind Rapport's objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is the only code that speaks SQL. Columns are named after the
 * entities' properties ("cadence-days" is cadence_days), so saving and
 * loading walk the properties; statements are built once from those
 * constant names, prepared once and only ever bound to values.
 */
#define G_LOG_DOMAIN "rapport-store"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-background.h"
#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-deliverable.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-record-private.h"
#include "rapport-renegotiation.h"
#include "rapport-store-backup.h"
#include "rapport-store-bulk.h"
#include "rapport-store-private.h"

/* How long to wait for another program that holds the database */
#define BUSY_TIMEOUT_MS 1000

struct _RapportStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  /* Opened to be read only (rapport_store_open_to_read()) */
  gboolean     read_only;
  /* The file did not exist before this store was opened */
  gboolean     created;
  /* SQL text → prepared statement */
  GHashTable  *statements;
  /* One table per entity table: id → live object (not referenced) */
  GHashTable  *live[RAPPORT_STORE_N_TABLES];
  /* Live list models (not referenced) */
  GPtrArray   *lists;
  /* When the last thing went to the trash, in Unix seconds */
  gint64       last_trashed;
  /* Counts the changes, for lists read in a thread meanwhile */
  guint64      changes;
};

G_DEFINE_FINAL_TYPE (RapportStore, rapport_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rapport-store-error-quark, rapport_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row with its client, for row_sql */
#define WITH_CLIENT(table) \
  "SELECT * FROM " table " AS t LEFT JOIN clients AS c ON c.id = t.client_id WHERE t.id = ?1"

const RapportStoreTable rapport_store_tables[RAPPORT_STORE_N_TABLES] = {
  { rapport_client_get_type, "clients", "name COLLATE NOCASE, id",
    { { "commitments", "client_id" }, { "feedback", "client_id" },
      { "lessons", "client_id" }, { "interactions", "client_id" } },
    NULL, "SELECT * FROM clients WHERE id = ?1" },
  { rapport_commitment_get_type, "commitments", "due, id",
    { { "deliverables", "commitment_id" }, { "renegotiations", "commitment_id" } },
    "due DESC, id DESC",
    "SELECT * FROM commitments AS t LEFT JOIN clients AS c ON c.id = t.client_id "
    "LEFT JOIN renegotiations AS r ON r.commitment_id = t.id WHERE t.id = ?1" },
  { rapport_deliverable_get_type, "deliverables", "due IS NULL, due, id", { { NULL } }, NULL,
    "SELECT * FROM deliverables WHERE id = ?1" },
  { rapport_renegotiation_get_type, "renegotiations", "renegotiated_at, id", { { NULL } }, NULL,
    "SELECT * FROM renegotiations WHERE id = ?1" },
  { rapport_feedback_get_type, "feedback", "received_at DESC, id DESC", { { NULL } }, NULL,
    WITH_CLIENT ("feedback") },
  { rapport_lesson_get_type, "lessons", "occurred_on DESC, id DESC", { { NULL } }, NULL,
    WITH_CLIENT ("lessons") },
  { rapport_interaction_get_type, "interactions", "occurred_at DESC, id DESC", { { NULL } }, NULL,
    WITH_CLIENT ("interactions") },
};

static gboolean
is_base_property (GParamSpec *pspec)
{
  return pspec->owner_type == RAPPORT_TYPE_RECORD;
}

/* A property's column: "client-id" is stored in client_id */
char *
_rapport_store_column_for_property (const char *property)
{
  return g_strdelimit (g_strdup (property), "-", '_');
}

static guint
table_index (const RapportStoreTable *table)
{
  return (guint) (table - rapport_store_tables);
}

const RapportStoreTable *
_rapport_store_table_for_type (GType type)
{
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    if (rapport_store_tables[i].get_type () == type)
      return &rapport_store_tables[i];

  return NULL;
}

static const RapportStoreTable *
table_for_name (const char *name)
{
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    if (g_str_equal (rapport_store_tables[i].table, name))
      return &rapport_store_tables[i];

  g_assert_not_reached ();
  return NULL;
}

/* SQLite */

/**
 * _rapport_store_init_sqlite:
 *
 * Sets up SQLite for the process, once, before its first connection is
 * opened: every place that opens one calls this first.
 *
 * SQLite counts the memory it uses under one mutex that every connection
 * of the process shares, at each allocation. Nothing here reads those
 * counts, and while the lists' threads read rows the main thread waited
 * for that mutex about 200 times a tour of the views (strace). Turned
 * off, those waits are gone. When SQLite was already set up (another
 * library used it first) it is left as it is.
 */
void
_rapport_store_init_sqlite (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      int rc = sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

      if (rc != SQLITE_OK)
        g_debug ("SQLite keeps counting its memory: %s", sqlite3_errstr (rc));
      g_once_init_leave (&done, 1);
    }
}

/* Errors */

static const char *
path_display_name (RapportStore *self)
{
  return self->path != NULL ? self->path : "";
}

void
_rapport_store_set_error (RapportStore  *self,
                          int            rc,
                          GError       **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_name (path_display_name (self));

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). Nothing was changed in it."),
                   name, detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written to. Check that the file "
                     "and its folder are writable."), name);
      break;

    case SQLITE_FULL:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full. Free some space and try again; "
                     "nothing was lost."), name);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_LOCKED,
                   _("The database “%s” is in use by another program. Close it and "
                     "try again."), name);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                   _("The change does not fit the data already stored (%s)."), detail);
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

sqlite3_stmt *
_rapport_store_prepare (RapportStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (RAPPORT_IS_STORE (self));

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _rapport_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (RapportStore  *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
step_done (RapportStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (RapportStore  *self,
           const char    *sql,
           gint64        *out,
           GError       **error)
{
  sqlite3_stmt *stmt = _rapport_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _rapport_store_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
      return FALSE;
    }

  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
begin (RapportStore  *self,
       GError       **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (RapportStore  *self,
        GError       **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback (RapportStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Values: properties ↔ columns */

static void
bind_value (sqlite3_stmt *stmt,
            int           column,
            const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (value);

      if (text != NULL)
        sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, column);
    }
  else if (type == G_TYPE_INT64)
    {
      /* Only foreign keys are int64 properties; 0 means "none" */
      if (g_value_get_int64 (value) > 0)
        sqlite3_bind_int64 (stmt, column, g_value_get_int64 (value));
      else
        sqlite3_bind_null (stmt, column);
    }
  else if (type == G_TYPE_UINT)
    sqlite3_bind_int64 (stmt, column, g_value_get_uint (value));
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, column, g_value_get_boolean (value) ? 1 : 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (value));

      if (enum_value != NULL)
        sqlite3_bind_text (stmt, column, enum_value->value_nick, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, column);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *moment = g_value_get_boxed (value);

      if (moment != NULL)
        sqlite3_bind_int64 (stmt, column, g_date_time_to_unix (moment));
      else
        sqlite3_bind_null (stmt, column);
    }
  else if (type == G_TYPE_DATE)
    {
      const GDate *date = g_value_get_boxed (value);

      if (date != NULL && g_date_valid (date))
        sqlite3_bind_text (stmt, column, rapport_date_to_iso (date), -1, g_free);
      else
        sqlite3_bind_null (stmt, column);
    }
  else
    g_assert_not_reached ();
}

/* Reads one column into @value, which is initialised to the property type.
 * Returns FALSE when the stored value cannot be a value of that type. */
static gboolean
read_value (sqlite3_stmt *stmt,
            int           column,
            GValue       *value)
{
  GType type = G_VALUE_TYPE (value);
  gboolean is_null = sqlite3_column_type (stmt, column) == SQLITE_NULL;

  if (type == G_TYPE_STRING)
    g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, (guint) CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      const char *nick = (const char *) sqlite3_column_text (stmt, column);
      GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

      if (enum_value == NULL)
        return FALSE;
      g_value_set_enum (value, enum_value->value);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      if (!is_null)
        g_value_take_boxed (value, rapport_date_time_new_unix (sqlite3_column_int64 (stmt, column)));
    }
  else if (type == G_TYPE_DATE)
    {
      if (!is_null)
        {
          GDate *date = rapport_date_parse ((const char *) sqlite3_column_text (stmt, column), NULL);

          if (date == NULL)
            return FALSE;
          g_value_take_boxed (value, date);
        }
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

/* The entity's own properties, in a stable order: the order of the columns */
static char *
column_list (GPtrArray *pspecs)
{
  GString *sql = g_string_new ("id, uuid, created, updated, deleted_at");

  for (guint i = 0; i < pspecs->len; i++)
    {
      g_autofree char *column =
        _rapport_store_column_for_property (((GParamSpec *) pspecs->pdata[i])->name);

      g_string_append_printf (sql, ", %s", column);
    }

  return g_string_free (sql, FALSE);
}

/* What each table's statements are made of, worked out once: loading a
 * row is done for every row a list shows */
typedef struct
{
  GPtrArray *pspecs;
  char      *columns;
  char      *select_by_id;
  /* Set last: the guard of g_once_init_enter() */
  char      *select_by_uuid;
} TableShape;

static TableShape table_shapes[RAPPORT_STORE_N_TABLES];

static const TableShape *
table_shape (const RapportStoreTable *table)
{
  TableShape *shape = &table_shapes[table_index (table)];

  if (g_once_init_enter (&shape->select_by_uuid))
    {
      /* The class stays referenced: its pspecs are kept */
      GTypeClass *klass = g_type_class_ref (table->get_type ());
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;
      char *select_by_uuid;

      shape->pspecs = g_ptr_array_new ();
      pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
      for (guint i = 0; i < n_pspecs; i++)
        if (!is_base_property (pspecs[i]))
          g_ptr_array_add (shape->pspecs, pspecs[i]);

      shape->columns = column_list (shape->pspecs);
      shape->select_by_id = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                             shape->columns, table->table);
      select_by_uuid = g_strdup_printf ("SELECT %s FROM %s WHERE uuid = ?",
                                        shape->columns, table->table);
      g_once_init_leave (&shape->select_by_uuid, select_by_uuid);
    }

  return shape;
}

/* The entity's own properties, in a stable order: the order of the columns */
static GPtrArray *
entity_properties (GType type)
{
  return g_ptr_array_ref (table_shape (_rapport_store_table_for_type (type))->pspecs);
}

/* Fills @record from the current row of @stmt, whose columns are
 * column_list()'s. */
static gboolean
fill_record (RapportStore   *self,
             RapportRecord  *record,
             sqlite3_stmt   *stmt,
             GError        **error)
{
  g_autoptr(GPtrArray) pspecs = entity_properties (G_OBJECT_TYPE (record));
  g_autoptr(GDateTime) created = rapport_date_time_new_unix (sqlite3_column_int64 (stmt, 2));
  g_autoptr(GDateTime) updated = rapport_date_time_new_unix (sqlite3_column_int64 (stmt, 3));
  g_autoptr(GDateTime) deleted_at = NULL;

  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    deleted_at = rapport_date_time_new_unix (sqlite3_column_int64 (stmt, 4));

  g_object_freeze_notify (G_OBJECT (record));

  _rapport_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  rapport_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
  rapport_record_set_created (record, created);
  rapport_record_set_updated (record, updated);
  rapport_record_set_deleted_at (record, deleted_at);

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = pspecs->pdata[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      if (!read_value (stmt, 5 + (int) i, &value))
        {
          g_object_thaw_notify (G_OBJECT (record));
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CORRUPT,
                       _("The database holds a value that Rapport does not understand "
                         "(%s of row %" PRId64 ")."),
                       pspec->name, (gint64) sqlite3_column_int64 (stmt, 0));
          return FALSE;
        }
      g_object_set_property (G_OBJECT (record), pspec->name, &value);
    }

  _rapport_record_mark_saved (record);
  g_object_thaw_notify (G_OBJECT (record));

  return TRUE;
}

/* Live objects */

static void
live_object_finalized_cb (gpointer  data,
                          GObject  *where_the_object_was)
{
  GHashTable *live = data;
  GHashTableIter iter;
  gpointer value;

  /* The id may have changed since it was registered (never, today), so
   * look for the object rather than for its key. */
  g_hash_table_iter_init (&iter, live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
live_add (RapportStore            *self,
          const RapportStoreTable *table,
          RapportRecord           *record)
{
  GHashTable *live = self->live[table_index (table)];
  gint64 *key = g_new (gint64, 1);

  *key = rapport_record_get_id (record);
  g_assert (!g_hash_table_contains (live, key));
  g_hash_table_insert (live, key, record);
  g_object_weak_ref (G_OBJECT (record), live_object_finalized_cb, live);
}

static void
live_clear (GHashTable *live)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (G_OBJECT (value), live_object_finalized_cb, live);
  g_hash_table_remove_all (live);
}

/* Lists */

static void
list_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  RapportStore *self = data;

  g_ptr_array_remove (self->lists, where_the_object_was);
}

static GListModel *
track_list (RapportStore     *self,
            RapportStoreList *list)
{
  g_ptr_array_add (self->lists, list);
  g_object_weak_ref (G_OBJECT (list), list_finalized_cb, self);
  return G_LIST_MODEL (list);
}

GListModel *
_rapport_store_track_list (RapportStore     *self,
                           RapportStoreList *list)
{
  return track_list (self, list);
}

/* How many times the store's rows changed since it was opened */
guint64
_rapport_store_get_changes (RapportStore *self)
{
  return self->changes;
}

/* @exact: lists must be right on return, as after rows were deleted for
 * good; otherwise long lists may catch up from a thread */
static void
refresh_lists (RapportStore            *self,
               const RapportStoreTable *table,
               gboolean                 exact)
{
  /* Refreshing emits items-changed, whose handlers may drop a list */
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);

  self->changes++;

  for (guint i = 0; i < self->lists->len; i++)
    {
      RapportStoreList *list = self->lists->pdata[i];

      if (table == NULL || _rapport_store_list_get_table (list) == table)
        g_ptr_array_add (lists, g_object_ref (list));
    }

  for (guint i = 0; i < lists->len; i++)
    _rapport_store_list_refresh (lists->pdata[i], exact);
}

static void
emit_changed (RapportStore            *self,
              const RapportStoreTable *table)
{
  refresh_lists (self, table, FALSE);
  /* Which commitments were moved without telling the client is asked of
   * their renegotiations (rapport_store_list_attention()) */
  if (table->get_type () == RAPPORT_TYPE_RENEGOTIATION)
    refresh_lists (self, _rapport_store_table_for_type (RAPPORT_TYPE_COMMITMENT), FALSE);
  g_signal_emit (self, signals[CHANGED], 0, table->get_type ());
}

/* Reads again every live object of every table: after a change that SQL
 * made to many rows at once (trash cascades, ON DELETE SET NULL). */
static void
reload_live_objects (RapportStore *self)
{
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const RapportStoreTable *table = &rapport_store_tables[i];
      const char *sql = table_shape (table)->select_by_id;
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
      GHashTableIter iter;
      gpointer value;
      int rc;

      g_hash_table_iter_init (&iter, self->live[i]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (records, g_object_ref (value));

      for (guint j = 0; j < records->len; j++)
        {
          RapportRecord *record = records->pdata[j];
          sqlite3_stmt *stmt = _rapport_store_prepare (self, sql, NULL);

          if (stmt == NULL)
            break;

          sqlite3_bind_int64 (stmt, 1, rapport_record_get_id (record));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            fill_record (self, record, stmt, NULL);
          sqlite3_reset (stmt);

          /* Deleted for good: the object no longer stands for a row, so
           * loading that id must not hand it out again */
          if (rc == SQLITE_DONE)
            {
              gint64 id = rapport_record_get_id (record);

              g_object_weak_unref (G_OBJECT (record), live_object_finalized_cb, self->live[i]);
              g_hash_table_remove (self->live[i], &id);
            }
        }
    }
}

/* Opening */

static gboolean
ensure_file (RapportStore  *self,
             GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, RAPPORT_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ?
                     RAPPORT_STORE_ERROR_READ_ONLY : RAPPORT_STORE_ERROR_IO,
                   _("The folder “%s” could not be created: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  /* Create the file ourselves so that it is private from the first byte;
   * SQLite gives the -wal and -shm files the same mode. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      close (fd);
      self->created = TRUE;
    }
  else if (errno != EEXIST)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, RAPPORT_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ?
                     RAPPORT_STORE_ERROR_READ_ONLY :
                   saved_errno == ENOSPC ? RAPPORT_STORE_ERROR_FULL : RAPPORT_STORE_ERROR_IO,
                   _("The database “%s” could not be created: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Refuses files that are not Rapport's, or are from a newer Rapport, before
 * anything is written to them. */
static gboolean
check_identity (RapportStore  *self,
                gint64        *version,
                GError       **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  gint64 application_id;
  gint64 n_tables;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  if ((application_id != 0 && application_id != RAPPORT_STORE_APPLICATION_ID) ||
      (application_id == 0 && n_tables > 0))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_RAPPORT,
                   _("“%s” is a database of another program, not of Rapport. "
                     "It was left as it was."), name);
      return FALSE;
    }

  if (*version > (gint64) _rapport_store_schema_version ())
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Rapport. Update Rapport "
                     "to open it; the file was left as it was."), name);
      return FALSE;
    }

  return TRUE;
}

/* A copy of the data as it was before a migration changes it */
static gboolean
backup_before_migration (RapportStore  *self,
                         gint64         from,
                         GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dir = rapport_store_backup_dir_for_path (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  name = g_strdup_printf ("%s-before-v%u-%s.db", base, (guint) from + 1, stamp);
  path = g_build_filename (dir, name, NULL);

  return rapport_store_backup_to (self->path, path, NULL, error);
}

static gboolean
migrate (RapportStore  *self,
         gint64         from,
         GError       **error)
{
  if (from > 0 && from < (gint64) _rapport_store_schema_version () &&
      !backup_before_migration (self, from, error))
    return FALSE;

  for (guint version = (guint) from + 1; version <= _rapport_store_schema_version (); version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                 RAPPORT_STORE_APPLICATION_ID);

      g_debug ("Migrating %s to schema version %u", self->path, version);

      if (!begin (self, error))
        return FALSE;

      if (!exec (self, _rapport_store_schema_migration (version), error) ||
          !exec (self, set_id, error) ||
          !exec (self, set_version, error))
        {
          rollback (self);
          return FALSE;
        }

      if (!commit (self, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
open_database (RapportStore  *self,
               GError       **error)
{
  gint64 version = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_file (self, error))
    return FALSE;

  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* SQLite quietly opens a file it cannot write read-only */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      _rapport_store_set_error (self, SQLITE_READONLY, error);
      return FALSE;
    }

  if (!check_identity (self, &version, error))
    return FALSE;

  stmt = _rapport_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_warning ("%s is not in WAL mode", self->path);
  sqlite3_reset (stmt);

  if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  return migrate (self, version, error);
}

/* Whether this process may write @path and make files beside it */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/**
 * _rapport_store_open_read_only_connection:
 * @path: an existing database file that this process cannot write
 *
 * Opens @path read-only without making any file beside it. With no
 * write-ahead log to read, the file is opened as immutable: SQLite would
 * otherwise make a -wal and a -shm beside it, with the database's
 * read-only mode, which keep it unwritable once its owner makes it
 * writable again. When a log is there (another program writes the file),
 * it is read through the files already beside the database.
 *
 * Returns: an SQLite result code; *@db is set even on failure
 */
int
_rapport_store_open_read_only_connection (const char  *path,
                                          sqlite3    **db)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = NULL;
  GStatBuf st;
  gboolean immutable = g_stat (wal, &st) != 0 || st.st_size == 0;

  uri = g_strconcat ("file:", escaped, immutable ? "?mode=ro&immutable=1" : "?mode=ro", NULL);
  _rapport_store_init_sqlite ();
  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                          NULL);
}

/* The database as it is, to be read: nothing is created, changed or
 * migrated */
static gboolean
open_database_read_only (RapportStore  *self,
                         GError       **error)
{
  gint64 version = 0;
  int rc;

  rc = _rapport_store_open_read_only_connection (self->path, &self->db);
  if (rc != SQLITE_OK)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!check_identity (self, &version, error))
    return FALSE;

  if (version < (gint64) _rapport_store_schema_version ())
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY,
                   _("“%s” was written by an older version of Rapport and cannot be "
                     "brought up to date, because it cannot be written to. Check that "
                     "the file and its folder are writable."), name);
      return FALSE;
    }

  self->read_only = TRUE;
  return TRUE;
}

/* GObject */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
rapport_store_dispose (GObject *object)
{
  RapportStore *self = (RapportStore *)object;

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    if (self->live[i] != NULL)
      live_clear (self->live[i]);

  if (self->lists != NULL)
    {
      for (guint i = 0; i < self->lists->len; i++)
        g_object_weak_unref (self->lists->pdata[i], list_finalized_cb, self);
      g_ptr_array_set_size (self->lists, 0);
    }

  G_OBJECT_CLASS (rapport_store_parent_class)->dispose (object);
}

/**
 * rapport_store_checkpoint:
 * @self: a store
 *
 * Folds the write-ahead log back into the database file and empties it,
 * as far as readers allow: a log left behind at exit makes every read of
 * the next start-up look through it.
 */
void
rapport_store_checkpoint (RapportStore *self)
{
  g_return_if_fail (RAPPORT_IS_STORE (self));

  _rapport_store_close_search_db (self);
  if (!self->read_only)
    sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

static void
checkpoint_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(RapportStoreBulk) bulk = NULL;
  GError *error = NULL;
  int n_left = 0;

  _rapport_background_thread ();
  bulk = _rapport_store_bulk_open (path, &error);
  if (bulk == NULL || !_rapport_store_bulk_checkpoint (bulk, &n_left, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_left);
}

/**
 * rapport_store_checkpoint_async:
 * @self: a store
 *
 * Copies the pages of the write-ahead log into the database file in a
 * thread, on a connection of its own, without waiting for readers or
 * writers: what an import leaves in the log (rapport_import_backup()).
 */
void
rapport_store_checkpoint_async (RapportStore        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_checkpoint_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, checkpoint_worker);
}

/**
 * rapport_store_checkpoint_finish:
 * @n_left: (out) (optional): the pages left in the log, which a reader
 *   was still using
 *
 * Returns: %FALSE with @error set when no checkpoint could be made, as
 *   while another connection was making one
 */
gboolean
rapport_store_checkpoint_finish (RapportStore  *self,
                                 GAsyncResult  *result,
                                 int           *n_left,
                                 GError       **error)
{
  GError *local_error = NULL;
  gssize left;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  left = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (n_left != NULL)
    *n_left = (int) left;
  return TRUE;
}

static void
rapport_store_finalize (GObject *object)
{
  RapportStore *self = (RapportStore *)object;

  /* Closed last, so that the write-ahead log goes back into the file */
  _rapport_store_close_search_db (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (!self->read_only)
        sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_clear_pointer (&self->live[i], g_hash_table_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rapport_store_parent_class)->finalize (object);
}

static void
rapport_store_class_init (RapportStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_store_dispose;
  object_class->finalize = rapport_store_finalize;

  /**
   * RapportStore::changed:
   * @self: the store
   * @type: the entity type whose rows changed
   *
   * Emitted after rows of one entity were saved, trashed, restored or
   * purged, once the store's list models are up to date.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_GTYPE);
}

static void
rapport_store_init (RapportStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    self->live[i] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lists = g_ptr_array_new ();
}

/* API */

char *
rapport_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "rapport.db", NULL);
}

guint
rapport_store_get_schema_version (void)
{
  return _rapport_store_schema_version ();
}

/**
 * rapport_store_open:
 * @path: (nullable): the database file, or %NULL for the default one
 * @error: where to put a message for the user
 *
 * Opens the database, creating it (mode 0600, in a folder of mode 0700)
 * when it does not exist and bringing its schema up to date. A damaged
 * file, another program's database, one from a newer Rapport, a read-only
 * file or a locked one each give their own RAPPORT_STORE_ERROR code, and
 * none of them is changed.
 */
RapportStore *
rapport_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(RapportStore) self = g_object_new (RAPPORT_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : rapport_store_dup_default_path ();

  if (!open_database (self, error))
    {
      /* A refused file is left as it was: finalize must not checkpoint
       * it, which would make log files beside a read-only database */
      g_clear_pointer (&self->statements, g_hash_table_unref);
      if (self->db != NULL)
        sqlite3_close_v2 (g_steal_pointer (&self->db));

      /* A database that could not be made (a full disk) leaves no empty
       * file for the next start to find */
      if (self->created)
        {
          static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *name = g_strconcat (self->path, suffixes[i], NULL);

              g_unlink (name);
            }
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rapport_store_open_to_read:
 * @path: (nullable): the database file, or %NULL for the default one
 * @error: where to put a message for the user
 *
 * Opens an existing database to read it, as an export does. When the
 * file and its folder can be written, this is rapport_store_open().
 * Otherwise the file is opened read-only, and nothing is written in it or
 * beside it; one that needs bringing up to date to a newer schema is then
 * refused with %RAPPORT_STORE_ERROR_READ_ONLY. Only reads work on such a
 * store (rapport_store_is_read_only()).
 */
RapportStore *
rapport_store_open_to_read (const char  *path,
                            GError     **error)
{
  g_autoptr(RapportStore) self = NULL;
  g_autofree char *file = path != NULL ? g_strdup (path) : rapport_store_dup_default_path ();

  if (!g_file_test (file, G_FILE_TEST_EXISTS) || can_write (file))
    return rapport_store_open (file, error);

  self = g_object_new (RAPPORT_TYPE_STORE, NULL);
  self->path = g_steal_pointer (&file);
  if (!open_database_read_only (self, error))
    {
      g_clear_pointer (&self->statements, g_hash_table_unref);
      if (self->db != NULL)
        sqlite3_close_v2 (g_steal_pointer (&self->db));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rapport_store_is_read_only:
 *
 * Returns: whether @self was opened read-only by rapport_store_open_to_read()
 */
gboolean
rapport_store_is_read_only (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  return self->read_only;
}

const char *
rapport_store_get_path (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->path;
}

static gboolean
insert_or_update (RapportStore             *self,
                  const RapportStoreTable  *table,
                  RapportRecord            *record,
                  GError                  **error)
{
  g_autoptr(GPtrArray) pspecs = entity_properties (G_OBJECT_TYPE (record));
  gboolean is_new = rapport_record_get_id (record) == 0;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int next;
  int rc;

  if (is_new)
    {
      g_autofree char *columns = column_list (pspecs);

      /* The list starts with id: let SQLite choose it */
      g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES (NULL", table->table, columns);
      for (guint i = 0; i < 4 + pspecs->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }
  else
    _rapport_store_append_update (sql, table, pspecs);

  stmt = _rapport_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  next = _rapport_store_bind_record (stmt, record, pspecs);
  if (!is_new)
    sqlite3_bind_int64 (stmt, next, rapport_record_get_id (record));

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                     _("Another record already has the identifier %s."),
                     rapport_record_get_uuid (record));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                     _("The client, commitment or feedback this refers to does not exist."));
      else
        _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!is_new && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("This record was deleted for good and cannot be saved again."));
      return FALSE;
    }

  if (is_new)
    _rapport_record_set_id (record, sqlite3_last_insert_rowid (self->db));

  return TRUE;
}

/* Keeps a client's last contact equal to its newest interaction, in the
 * database; the caller hands the new value to the live client, if any,
 * once the change is committed */
static gboolean
sync_last_contact (RapportStore  *self,
                   gint64         client_id,
                   GDateTime    **last,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (client_id <= 0)
    return TRUE;

  stmt = _rapport_store_prepare (self,
                                 "UPDATE clients SET last_contact = ("
                                 "  SELECT max (occurred_at) FROM interactions"
                                 "  WHERE client_id = ?1 AND deleted_at IS NULL) "
                                 "WHERE id = ?1 RETURNING last_contact", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL && last != NULL)
    *last = rapport_date_time_new_unix (sqlite3_column_int64 (stmt, 0));
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      if (last != NULL)
        g_clear_pointer (last, g_date_time_unref);
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
set_live_last_contact (RapportStore *self,
                       gint64        client_id,
                       GDateTime    *last)
{
  RapportClient *client = g_hash_table_lookup (self->live[0], &client_id);

  if (client != NULL)
    {
      g_autoptr(RapportClient) held = g_object_ref (client);

      rapport_client_set_last_contact (held, last);
    }
}

/* The client an interaction belongs to in the database, before an edit
 * moves it to another: 0 for a new one */
static gboolean
stored_client_id (RapportStore  *self,
                  gint64         interaction_id,
                  gint64        *client_id,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *client_id = 0;
  if (interaction_id == 0)
    return TRUE;

  stmt = _rapport_store_prepare (self, "SELECT client_id FROM interactions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, interaction_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *client_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* What saving one record changes beside its own row, kept to be undone on
 * failure or published once all is written */
typedef struct
{
  RapportRecord *record;
  const RapportStoreTable *table;
  GDateTime *previous_updated;
  gboolean is_new;
  gint64 client_id;
  gint64 previous_client_id;
  GDateTime *last_contact;
  GDateTime *previous_last_contact;
} Saving;

static void
saving_clear (Saving *saving)
{
  g_clear_pointer (&saving->previous_updated, g_date_time_unref);
  g_clear_pointer (&saving->last_contact, g_date_time_unref);
  g_clear_pointer (&saving->previous_last_contact, g_date_time_unref);
}

/* Writes @saving's record inside the open transaction */
static gboolean
write_one (RapportStore  *self,
           Saving        *saving,
           GError       **error)
{
  RapportRecord *record = saving->record;

  if (RAPPORT_IS_INTERACTION (record) &&
      !stored_client_id (self, rapport_record_get_id (record), &saving->previous_client_id, error))
    return FALSE;

  if (!insert_or_update (self, saving->table, record, error))
    return FALSE;

  if (RAPPORT_IS_INTERACTION (record))
    {
      saving->client_id = rapport_interaction_get_client_id (RAPPORT_INTERACTION (record));
      if (!sync_last_contact (self, saving->client_id, &saving->last_contact, error) ||
          (saving->previous_client_id != saving->client_id &&
           !sync_last_contact (self, saving->previous_client_id,
                               &saving->previous_last_contact, error)))
        return FALSE;
    }

  return TRUE;
}

/* Validates the @n_records @records and writes them in one transaction:
 * all of them or, on any failure, none */
static gboolean
save_records (RapportStore   *self,
              RapportRecord **records,
              guint           n_records,
              gboolean        keep_timestamps,
              GError        **error)
{
  g_autofree Saving *savings = g_new0 (Saving, n_records);
  gboolean clients_changed = FALSE;
  gboolean ok = FALSE;
  guint i;

  for (i = 0; i < n_records; i++)
    {
      RapportRecord *record = records[i];

      savings[i].record = record;
      savings[i].table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));
      g_return_val_if_fail (savings[i].table != NULL, FALSE);

      if (!rapport_record_validate (record, error))
        return FALSE;

      savings[i].is_new = rapport_record_get_id (record) == 0;
      if (!savings[i].is_new &&
          g_hash_table_lookup (self->live[table_index (savings[i].table)],
                               &(gint64) { rapport_record_get_id (record) }) != record)
        {
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                       _("This record does not belong to this database."));
          return FALSE;
        }
    }

  for (i = 0; i < n_records; i++)
    {
      savings[i].previous_updated = g_date_time_ref (rapport_record_get_updated (records[i]));
      if (!keep_timestamps)
        {
          g_autoptr(GDateTime) now = _rapport_now ();

          rapport_record_set_updated (records[i], now);
        }
    }

  if (!begin (self, error))
    goto out;

  for (i = 0; i < n_records; i++)
    if (!write_one (self, &savings[i], error))
      {
        rollback (self);
        goto out;
      }

  if (!commit (self, error))
    goto out;
  ok = TRUE;

  for (i = 0; i < n_records; i++)
    {
      Saving *saving = &savings[i];

      if (saving->is_new)
        live_add (self, saving->table, saving->record);
      _rapport_record_mark_saved (saving->record);

      if (saving->client_id > 0)
        set_live_last_contact (self, saving->client_id, saving->last_contact);
      if (saving->previous_client_id > 0 && saving->previous_client_id != saving->client_id)
        set_live_last_contact (self, saving->previous_client_id, saving->previous_last_contact);
      clients_changed |= saving->client_id != 0 || saving->previous_client_id != 0;
    }

  for (i = 0; i < n_records; i++)
    emit_changed (self, savings[i].table);
  if (clients_changed)
    emit_changed (self, &rapport_store_tables[0]);

out:
  for (i = 0; i < n_records; i++)
    {
      if (!ok)
        {
          /* An id given by the rolled back insert is no row's */
          if (savings[i].is_new)
            _rapport_record_set_id (records[i], 0);
          rapport_record_set_updated (records[i], savings[i].previous_updated);
        }
      saving_clear (&savings[i]);
    }

  return ok;
}

gboolean
_rapport_store_save_full (RapportStore   *self,
                          RapportRecord  *record,
                          gboolean        keep_timestamps,
                          GError        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_records (self, &record, 1, keep_timestamps, error);
}

/**
 * rapport_store_save:
 * @self: a store
 * @record: a new record, or one loaded from @self
 * @error: where to put a message for the user
 *
 * Validates @record and writes it: a new record gets its id, an existing
 * one its new values. Nothing is written when validation fails.
 */
gboolean
rapport_store_save (RapportStore   *self,
                    RapportRecord  *record,
                    GError        **error)
{
  return _rapport_store_save_full (self, record, FALSE, error);
}

/**
 * rapport_store_save_both:
 * @self: a store
 * @record: a new record, or one loaded from @self
 * @also: another, that only makes sense with @record's new values
 * @error: where to put a message for the user
 *
 * Saves @record and @also as rapport_store_save() does, in one
 * transaction: both are written, or neither (a commitment's new due date
 * and the renegotiation that says why it moved).
 */
gboolean
rapport_store_save_both (RapportStore   *self,
                         RapportRecord  *record,
                         RapportRecord  *also,
                         GError        **error)
{
  RapportRecord *records[] = { record, also };

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (also), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_records (self, records, G_N_ELEMENTS (records), FALSE, error);
}

static gpointer
load_where (RapportStore  *self,
            GType          type,
            gint64         id,
            const char    *uuid,
            GError       **error)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  const char *sql;
  g_autoptr(RapportRecord) record = NULL;
  RapportRecord *live;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (id > 0 && (live = g_hash_table_lookup (self->live[table_index (table)], &id)) != NULL)
    return g_object_ref (live);

  sql = uuid != NULL ? table_shape (table)->select_by_uuid : table_shape (table)->select_by_id;

  stmt = _rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                     _("The record was not found; it may have been deleted for good."));
      else
        _rapport_store_set_error (self, rc, error);
      return NULL;
    }

  id = sqlite3_column_int64 (stmt, 0);
  if ((live = g_hash_table_lookup (self->live[table_index (table)], &id)) != NULL)
    {
      sqlite3_reset (stmt);
      return g_object_ref (live);
    }

  record = g_object_new (type, NULL);
  if (!fill_record (self, record, stmt, error))
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  live_add (self, table, record);
  return g_steal_pointer (&record);
}

/**
 * rapport_store_load:
 * @self: a store
 * @type: the entity type, such as RAPPORT_TYPE_CLIENT
 * @id: the row id
 * @error: where to put a message for the user
 *
 * Returns: (transfer full): the one live object for that row: loading the
 *   same row twice gives the same object while it is referenced.
 */
gpointer
rapport_store_load (RapportStore  *self,
                    GType          type,
                    gint64         id,
                    GError       **error)
{
  return load_where (self, type, id, NULL, error);
}

gpointer
rapport_store_load_by_uuid (RapportStore  *self,
                            GType          type,
                            const char    *uuid,
                            GError       **error)
{
  g_return_val_if_fail (uuid != NULL, NULL);

  return load_where (self, type, 0, uuid, error);
}

/* Trash */

static gboolean
set_deleted_at (RapportStore             *self,
                const RapportStoreTable  *table,
                gint64                    id,
                GDateTime                *from,
                GDateTime                *to,
                GError                  **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* Moving to the trash touches the rows that are not trashed yet; restoring
   * touches those trashed at the same moment as the parent. */
  sql = g_strdup_printf ("UPDATE %s SET deleted_at = ?1 WHERE id = ?2 AND %s",
                         table->table,
                         from != NULL ? "deleted_at = ?3" : "deleted_at IS NULL");
  stmt = _rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (to != NULL)
    sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (to));
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (from != NULL)
    sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (from));

  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (table->children) && table->children[i].child_table; i++)
    {
      const RapportStoreChild *child = &table->children[i];
      const RapportStoreTable *child_table = table_for_name (child->child_table);
      g_autofree char *select = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc;

      select = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1 AND %s",
                                child->child_table, child->fk_column,
                                from != NULL ? "deleted_at = ?2" : "deleted_at IS NULL");
      stmt = _rapport_store_prepare (self, select, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      if (from != NULL)
        sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (from));

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 child_id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, child_id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _rapport_store_set_error (self, rc, error);
          return FALSE;
        }

      for (guint j = 0; j < ids->len; j++)
        if (!set_deleted_at (self, child_table, g_array_index (ids, gint64, j), from, to, error))
          return FALSE;
    }

  return TRUE;
}

/* Whether the row that @record belongs to is in the trash */
static gboolean
parent_is_trashed (RapportStore   *self,
                   RapportRecord  *record)
{
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const RapportStoreTable *parent = &rapport_store_tables[i];
      const RapportStoreTable *table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));

      for (guint j = 0; j < G_N_ELEMENTS (parent->children) && parent->children[j].child_table; j++)
        {
          g_autofree char *property = NULL;
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;
          gint64 parent_id = 0;
          gboolean trashed;

          if (!g_str_equal (parent->children[j].child_table, table->table))
            continue;

          property = g_strdelimit (g_strdup (parent->children[j].fk_column), "_", '-');
          g_object_get (record, property, &parent_id, NULL);
          if (parent_id <= 0)
            continue;

          sql = g_strdup_printf ("SELECT deleted_at IS NOT NULL FROM %s WHERE id = ?",
                                 parent->table);
          stmt = _rapport_store_prepare (self, sql, NULL);
          if (stmt == NULL)
            continue;
          sqlite3_bind_int64 (stmt, 1, parent_id);
          trashed = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
          sqlite3_reset (stmt);

          if (trashed)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
check_saved (RapportStore   *self,
             RapportRecord  *record,
             GError        **error)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));
  gint64 id = rapport_record_get_id (record);

  if (id == 0 || g_hash_table_lookup (self->live[table_index (table)], &id) != record)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("This record is not stored in this database."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
finish_bulk_change (RapportStore  *self,
                    gboolean       deleted,
                    GError       **error)
{
  if (!commit (self, error))
    {
      reload_live_objects (self);
      return FALSE;
    }

  reload_live_objects (self);
  refresh_lists (self, NULL, deleted);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_signal_emit (self, signals[CHANGED], 0, rapport_store_tables[i].get_type ());

  return TRUE;
}

/**
 * rapport_store_trash:
 *
 * Moves @record to the trash, with what belongs to it (a client's
 * commitments, feedback, lessons and interactions; a commitment's
 * deliverables and renegotiations), from where rapport_store_restore()
 * brings them all back.
 */
gboolean
rapport_store_trash (RapportStore   *self,
                     RapportRecord  *record,
                     GError        **error)
{
  const RapportStoreTable *table;
  g_autoptr(GDateTime) now = NULL;
  gint64 moment;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);

  if (!check_saved (self, record, error))
    return FALSE;
  if (rapport_record_is_trashed (record))
    return TRUE;

  /* Restoring brings back what was trashed at the same moment, so two
   * trashings never share a moment, even within one second. */
  moment = g_get_real_time () / G_USEC_PER_SEC;
  moment = MAX (moment, self->last_trashed + 1);
  now = rapport_date_time_new_unix (moment);

  table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));

  if (!begin (self, error))
    return FALSE;

  if (!set_deleted_at (self, table, rapport_record_get_id (record), NULL, now, error) ||
      (RAPPORT_IS_INTERACTION (record) &&
       !sync_last_contact (self, rapport_interaction_get_client_id (RAPPORT_INTERACTION (record)),
                           NULL, error)))
    {
      rollback (self);
      return FALSE;
    }

  self->last_trashed = moment;
  return finish_bulk_change (self, FALSE, error);
}

gboolean
rapport_store_restore (RapportStore   *self,
                       RapportRecord  *record,
                       GError        **error)
{
  const RapportStoreTable *table;
  g_autoptr(GDateTime) deleted_at = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);

  if (!check_saved (self, record, error))
    return FALSE;
  if (!rapport_record_is_trashed (record))
    return TRUE;

  if (parent_is_trashed (self, record))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                   _("This belongs to something that is in the trash too; restore that first."));
      return FALSE;
    }

  table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));
  deleted_at = g_date_time_ref (rapport_record_get_deleted_at (record));

  if (!begin (self, error))
    return FALSE;

  if (!set_deleted_at (self, table, rapport_record_get_id (record), deleted_at, NULL, error) ||
      (RAPPORT_IS_INTERACTION (record) &&
       !sync_last_contact (self, rapport_interaction_get_client_id (RAPPORT_INTERACTION (record)),
                           NULL, error)))
    {
      rollback (self);
      return FALSE;
    }

  return finish_bulk_change (self, FALSE, error);
}

/**
 * rapport_store_purge:
 *
 * Deletes @record for good, with what belongs to it. Only records in the
 * trash can be purged, so nothing is lost by one click.
 */
gboolean
rapport_store_purge (RapportStore   *self,
                     RapportRecord  *record,
                     GError        **error)
{
  const RapportStoreTable *table;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_RECORD (record), FALSE);

  if (!check_saved (self, record, error))
    return FALSE;

  if (!rapport_record_is_trashed (record))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT,
                   _("Only what is in the trash can be deleted for good."));
      return FALSE;
    }

  table = _rapport_store_table_for_type (G_OBJECT_TYPE (record));
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table->table);

  if (!begin (self, error))
    return FALSE;

  stmt = _rapport_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, rapport_record_get_id (record));
  if (!step_done (self, stmt, error))
    {
      rollback (self);
      return FALSE;
    }

  return finish_bulk_change (self, TRUE, error);
}

gboolean
rapport_store_empty_trash (RapportStore  *self,
                           GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;

  /* Children first, though ON DELETE CASCADE would do it too */
  for (guint i = RAPPORT_STORE_N_TABLES; i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE deleted_at IS NOT NULL",
                                              rapport_store_tables[i - 1].table);

      if (!exec (self, sql, error))
        {
          rollback (self);
          return FALSE;
        }
    }

  return finish_bulk_change (self, TRUE, error);
}

/* List models */

GListModel *
rapport_store_list (RapportStore *self,
                    GType         type)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  return track_list (self, _rapport_store_list_new (self, table, FALSE, NULL, 0));
}

GListModel *
rapport_store_list_trash (RapportStore *self,
                          GType         type)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  return track_list (self, _rapport_store_list_new (self, table, TRUE, NULL, 0));
}

/**
 * rapport_store_list_children:
 * @self: a store
 * @type: the entity type listed
 * @parent_property: an id property of @type, such as "client-id"
 * @parent_id: the id it must have
 *
 * Returns: (transfer full): the records of @type (not in the trash) that
 *   refer to @parent_id, kept up to date: in the order of rapport_store_list(),
 *   but for commitments, whose latest due dates come first (and those
 *   without one last)
 */
GListModel *
rapport_store_list_children (RapportStore *self,
                             GType         type,
                             const char   *parent_property,
                             gint64        parent_id)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  g_autoptr(GTypeClass) klass = NULL;
  GParamSpec *pspec;
  g_autofree char *column = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  /* The column name comes from a property of the type, never from free
   * text: anything else is a programming error. */
  klass = g_type_class_ref (type);
  pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), parent_property);
  g_return_val_if_fail (pspec != NULL && pspec->value_type == G_TYPE_INT64 &&
                        g_str_has_suffix (parent_property, "-id"), NULL);

  column = _rapport_store_column_for_property (parent_property);
  return track_list (self, _rapport_store_list_new (self, table, FALSE, column, parent_id));
}

/* For rapport-store-bulk.c, which reads and writes many rows on its own
 * connection but must agree with this file on columns and values */

sqlite3 *
_rapport_store_get_db (RapportStore *self)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  return self->db;
}

GPtrArray *
_rapport_store_entity_properties (GType type)
{
  return entity_properties (type);
}

/* Appends "UPDATE table SET uuid = ?, created = ?, updated = ?,
 * deleted_at = ?, <a column per property> = ? WHERE id = ?" to @sql: the
 * parameters _rapport_store_bind_record() binds, then the row's id */
void
_rapport_store_append_update (GString                 *sql,
                              const RapportStoreTable *table,
                              GPtrArray               *pspecs)
{
  g_string_append_printf (sql, "UPDATE %s SET uuid = ?, created = ?, updated = ?, "
                               "deleted_at = ?", table->table);
  for (guint i = 0; i < pspecs->len; i++)
    {
      g_autofree char *column =
        _rapport_store_column_for_property (((GParamSpec *) pspecs->pdata[i])->name);

      g_string_append_printf (sql, ", %s = ?", column);
    }
  g_string_append (sql, " WHERE id = ?");
}

/* Binds @record's UUID, creation, update and deletion times, then each of
 * @pspecs, to the statement's parameters from the first; returns the
 * number of the parameter after them */
int
_rapport_store_bind_record (sqlite3_stmt  *stmt,
                            RapportRecord *record,
                            GPtrArray     *pspecs)
{
  GDateTime *deleted_at = rapport_record_get_deleted_at (record);

  sqlite3_bind_text (stmt, 1, rapport_record_get_uuid (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (rapport_record_get_created (record)));
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (rapport_record_get_updated (record)));
  if (deleted_at != NULL)
    sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (deleted_at));
  else
    sqlite3_bind_null (stmt, 4);

  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = pspecs->pdata[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (record), pspec->name, &value);
      bind_value (stmt, 5 + (int) i, &value);
    }

  return 5 + (int) pspecs->len;
}

/**
 * _rapport_store_reload:
 * @self: a store
 *
 * Reads every live object again and refreshes every list model, after
 * another connection (an import) changed many rows at once.
 */
void
_rapport_store_reload (RapportStore *self)
{
  g_return_if_fail (RAPPORT_IS_STORE (self));

  reload_live_objects (self);
  refresh_lists (self, NULL, FALSE);
  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    g_signal_emit (self, signals[CHANGED], 0, rapport_store_tables[i].get_type ());
}

/* rapport-store-list.c: a live GListModel over the rows of one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only row ids, in the order SQL gives them; an item becomes
 * an object when it is asked for, and the store hands out one live object
 * per row. After a change the ids are read again and only the span that
 * differs is announced in items-changed. Long lists are read in a thread,
 * and their rows are read ahead of the view in a thread too.
 */
#define G_LOG_DOMAIN "rapport-store-list"

#include "config.h"

#include "rapport-background.h"
#include "rapport-store-private.h"

/* Lists up to this long are read on the spot; a longer one shows its first
 * rows at once and gets the rest from a thread with its own connection, so
 * that no list keeps the main thread busy for more than a frame. A hundred
 * rows fill any screen; reading a thousand took a millisecond each for the
 * six lists of the overview before its first frame. */
#define SMALL_LIST 100

/* A long list's rows are stored in another order than the list's, so a
 * page down reads a hundred places of the file: where the system has
 * not kept them in memory, each is a wait for the disk (bench/README.md).
 * When a row is asked for, a thread with its own connection reads the
 * rows around it, READ_BEHIND before and READ_AHEAD after, and what it
 * read stays in the system's cache for the main thread. It reads on
 * when the rows asked for come READ_MARGIN rows from the edge of what
 * it read. It starts only past a list's first READ_MARGIN rows: a view
 * opening reads those itself, and the overview or a client's page,
 * which show a list's first 10 or 25 rows, need no more. */
#define READ_AHEAD 256
#define READ_BEHIND 64
#define READ_MARGIN 64
G_STATIC_ASSERT (READ_BEHIND <= READ_MARGIN);

struct _RapportStoreList
{
  GObject                  parent_instance;

  /* Owned references */
  RapportStore            *store;
  GCancellable            *cancellable;

  const RapportStoreTable *table;
  /* Values bound to ?1, ?2… of the SQL: GVariants "x" or "s" */
  GPtrArray               *binds;
  char                    *sql;
  char                    *sql_first_rows;
  GArray                  *ids;
  /* Whether ids may be only the first rows of a longer list */
  gboolean                 partial;
  /* Counts reads: a thread's answer to an older read is dropped */
  guint                    generation;

  /* The positions whose rows a thread read ahead, or is reading */
  guint                    ahead_start;
  guint                    ahead_end;
  gboolean                 reading_ahead;
  /* A row asked for while the thread was reading, or G_MAXUINT */
  guint                    ahead_wanted;
};

typedef struct
{
  char      *path;
  char      *sql;
  GPtrArray *binds;
  guint      generation;
} ReadTask;

typedef struct
{
  char       *path;
  const char *sql;
  GArray     *ids;
} AheadTask;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportStoreList, rapport_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
bind_values (sqlite3_stmt *stmt,
             GPtrArray    *binds)
{
  for (guint i = 0; binds != NULL && i < binds->len; i++)
    {
      GVariant *value = binds->pdata[i];

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
    }
}

static int
step_ids (sqlite3_stmt *stmt,
          GArray       *ids)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return rc;
}

/* Reads the ids on the main connection: all of them, or the first
 * SMALL_LIST + 1, which tells whether there are more */
static GArray *
query_ids (RapportStoreList *self,
           gboolean          first_rows)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rapport_store_prepare (self->store, first_rows ? self->sql_first_rows : self->sql, &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list %s: %s", self->table->table, error->message);
      return ids;
    }

  bind_values (stmt, self->binds);
  rc = step_ids (stmt, ids);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self->store, rc, &error);
      g_warning ("Could not list %s: %s", self->table->table, error->message);
    }

  return ids;
}

static void
read_task_free (ReadTask *task)
{
  g_free (task->path);
  g_free (task->sql);
  g_clear_pointer (&task->binds, g_ptr_array_unref);
  g_free (task);
}

/* Opens a connection of a thread's own to the database at @path and
 * prepares @sql on it: both are to be closed, whatever it returns */
static int
open_reader (const char    *path,
             const char    *sql,
             sqlite3      **db,
             sqlite3_stmt **stmt)
{
  int rc;

  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    return rc;

  sqlite3_busy_timeout (*db, 1000);
  return sqlite3_prepare_v2 (*db, sql, -1, stmt, NULL);
}

static void
read_ids_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ReadTask *read = task_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  _rapport_background_thread ();
  rc = open_reader (read->path, read->sql, &db, &stmt);
  if (rc == SQLITE_OK)
    {
      bind_values (stmt, read->binds);
      rc = step_ids (stmt, ids);
    }

  if (rc != SQLITE_DONE)
    g_task_return_new_error (task, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                             "%s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Puts @ids in place of the list's rows, announcing the span that differs */
static void
replace_ids (RapportStoreList *self,
             GArray           *ids)
{
  g_autoptr(GArray) old_ids = g_steal_pointer (&self->ids);
  guint prefix = 0;
  guint suffix = 0;
  guint old_len, new_len;

  self->ids = g_array_ref (ids);
  self->ahead_start = self->ahead_end = 0;
  old_len = old_ids->len;
  new_len = ids->len;

  while (prefix < old_len && prefix < new_len &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;

  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (old_ids, gint64, old_len - 1 - suffix) ==
         g_array_index (ids, gint64, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix,
                              new_len - prefix - suffix);
}

static void
read_ids_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportStoreList *self = RAPPORT_STORE_LIST (source);
  ReadTask *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list %s: %s", self->table->table, error->message);
      return;
    }

  /* A newer read is on its way */
  if (read->generation != self->generation)
    return;

  self->partial = FALSE;
  replace_ids (self, ids);
}

static void
read_all_in_thread (RapportStoreList *self)
{
  g_autoptr(GTask) task = NULL;
  ReadTask *read = g_new0 (ReadTask, 1);

  read->path = g_strdup (rapport_store_get_path (self->store));
  read->sql = g_strdup (self->sql);
  read->binds = self->binds != NULL ? g_ptr_array_ref (self->binds) : NULL;
  read->generation = ++self->generation;

  task = g_task_new (self, self->cancellable, read_ids_cb, NULL);
  g_task_set_source_tag (task, read_all_in_thread);
  g_task_set_task_data (task, read, (GDestroyNotify) read_task_free);
  g_task_run_in_thread (task, read_ids_worker);
}

/* Reads the list: a short one at once, a long one first in part */
static void
load (RapportStoreList *self,
      gboolean          exact)
{
  g_autoptr(GArray) ids = NULL;

  if (exact)
    {
      self->generation++;
      ids = query_ids (self, FALSE);
      self->partial = FALSE;
    }
  else
    {
      ids = query_ids (self, TRUE);
      self->partial = ids->len > SMALL_LIST;
      if (self->partial)
        g_array_set_size (ids, SMALL_LIST);
      else
        self->generation++;
    }

  if (self->ids == NULL)
    self->ids = g_array_ref (ids);
  else
    replace_ids (self, ids);

  if (self->partial)
    read_all_in_thread (self);
}

static void
ahead_task_free (AheadTask *task)
{
  g_free (task->path);
  g_array_unref (task->ids);
  g_free (task);
}

static void
read_ahead_worker (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AheadTask *ahead = task_data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  _rapport_background_thread ();
  rc = open_reader (ahead->path, ahead->sql, &db, &stmt);

  for (guint i = 0; rc == SQLITE_OK && i < ahead->ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ahead->ids, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* The end of a long text is on pages of its own, read only when
           * the text is asked for */
          for (int column = 0; column < sqlite3_column_count (stmt); column++)
            sqlite3_column_bytes (stmt, column);
        }
      rc = sqlite3_reset (stmt);
    }

  if (rc != SQLITE_OK)
    g_task_return_new_error (task, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                             "%s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_task_return_boolean (task, TRUE);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void read_ahead (RapportStoreList *self,
                        guint             position);

static void
read_ahead_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RapportStoreList *self = RAPPORT_STORE_LIST (source);
  g_autoptr(GError) error = NULL;
  guint wanted = self->ahead_wanted;

  /* Reading ahead only fills the system's cache: when the database
   * cannot be read, loading the row says so */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Could not read rows of %s ahead: %s", self->table->table, error->message);

  self->reading_ahead = FALSE;
  self->ahead_wanted = G_MAXUINT;
  if (wanted < self->ids->len)
    read_ahead (self, wanted);
}

/* Has a thread read the rows around @position, unless it has them */
static void
read_ahead (RapportStoreList *self,
            guint             position)
{
  g_autoptr(GTask) task = NULL;
  AheadTask *ahead;
  guint start, end;

  if (position < READ_MARGIN)
    return;

  if (position >= self->ahead_start && position < self->ahead_end &&
      (self->ahead_start == 0 || position >= self->ahead_start + READ_MARGIN) &&
      (self->ahead_end == self->ids->len || position + READ_MARGIN < self->ahead_end))
    return;

  if (self->reading_ahead)
    {
      self->ahead_wanted = position;
      return;
    }

  start = position - READ_BEHIND;
  end = MIN (position + READ_AHEAD, self->ids->len);
  self->ahead_start = start;
  self->ahead_end = end;
  self->reading_ahead = TRUE;

  ahead = g_new0 (AheadTask, 1);
  ahead->path = g_strdup (rapport_store_get_path (self->store));
  ahead->sql = self->table->row_sql;
  ahead->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - start);
  g_array_append_vals (ahead->ids, &g_array_index (self->ids, gint64, start), end - start);

  task = g_task_new (self, self->cancellable, read_ahead_cb, NULL);
  g_task_set_source_tag (task, read_ahead);
  g_task_set_task_data (task, ahead, (GDestroyNotify) ahead_task_free);
  g_task_run_in_thread (task, read_ahead_worker);
}

static GType
rapport_store_list_get_item_type (GListModel *model)
{
  RapportStoreList *self = RAPPORT_STORE_LIST (model);

  return self->table->get_type ();
}

static guint
rapport_store_list_get_n_items (GListModel *model)
{
  RapportStoreList *self = RAPPORT_STORE_LIST (model);

  return self->ids->len;
}

static gpointer
rapport_store_list_get_item (GListModel *model,
                             guint       position)
{
  RapportStoreList *self = RAPPORT_STORE_LIST (model);
  g_autoptr(GError) error = NULL;
  gpointer item;

  if (position >= self->ids->len)
    return NULL;

  if (self->ids->len > SMALL_LIST)
    read_ahead (self, position);

  item = rapport_store_load (self->store, self->table->get_type (),
                             g_array_index (self->ids, gint64, position), &error);
  if (item == NULL)
    g_warning ("Could not load a row of %s: %s", self->table->table, error->message);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_store_list_get_item_type;
  iface->get_n_items = rapport_store_list_get_n_items;
  iface->get_item = rapport_store_list_get_item;
}

static void
rapport_store_list_finalize (GObject *object)
{
  RapportStoreList *self = (RapportStoreList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sql, g_free);
  g_clear_pointer (&self->sql_first_rows, g_free);
  g_clear_pointer (&self->binds, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (rapport_store_list_parent_class)->finalize (object);
}

static void
rapport_store_list_class_init (RapportStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_store_list_finalize;
}

static void
rapport_store_list_init (RapportStoreList *self)
{
  self->cancellable = g_cancellable_new ();
  self->ahead_wanted = G_MAXUINT;
}

static void
set_sql (RapportStoreList *self,
         char             *sql)
{
  self->sql = sql;
  self->sql_first_rows = g_strdup_printf ("%s LIMIT %d", sql, SMALL_LIST + 1);
}

RapportStoreList *
_rapport_store_list_new (RapportStore            *store,
                         const RapportStoreTable *table,
                         gboolean                 trashed,
                         const char              *parent_column,
                         gint64                   parent_id)
{
  RapportStoreList *self = g_object_new (RAPPORT_TYPE_STORE_LIST, NULL);
  g_autoptr(GString) sql = g_string_new (NULL);

  self->store = g_object_ref (store);
  self->table = table;

  /* The trash shows what was deleted last first */
  g_string_append_printf (sql, "SELECT id FROM %s WHERE deleted_at IS %s",
                          table->table, trashed ? "NOT NULL" : "NULL");
  if (parent_column != NULL)
    {
      g_string_append_printf (sql, " AND %s = ?1", parent_column);
      self->binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_ptr_array_add (self->binds, g_variant_ref_sink (g_variant_new_int64 (parent_id)));
    }
  if (trashed)
    g_string_append (sql, " ORDER BY deleted_at DESC, id DESC");
  else if (parent_column != NULL && table->child_order_by != NULL)
    g_string_append_printf (sql, " ORDER BY %s", table->child_order_by);
  else
    g_string_append_printf (sql, " ORDER BY %s", table->order_by);
  set_sql (self, g_string_free (g_steal_pointer (&sql), FALSE));

  load (self, FALSE);

  return self;
}

/* The SQL of a list made by _rapport_store_list_new_where() */
char *
_rapport_store_list_build_sql (const RapportStoreTable *table,
                               const char              *where,
                               const char              *order_by)
{
  return g_strdup_printf ("SELECT id FROM %s WHERE deleted_at IS NULL AND (%s) ORDER BY %s",
                          table->table, where, order_by != NULL ? order_by : table->order_by);
}

/* A list of the rows of @table not in the trash for which the constant SQL
 * condition @where holds, in the constant SQL order @order_by, or the
 * table's when it is %NULL. @binds (GVariants "x" or "s", in the order of
 * ?1, ?2…) are bound each time the list is read. @ids, when given, are the
 * rows as a query of another connection just found them, so that the list
 * is not read again now. */
RapportStoreList *
_rapport_store_list_new_where (RapportStore            *store,
                               const RapportStoreTable *table,
                               const char              *where,
                               const char              *order_by,
                               GPtrArray               *binds,
                               GArray                  *ids)
{
  RapportStoreList *self = g_object_new (RAPPORT_TYPE_STORE_LIST, NULL);

  self->store = g_object_ref (store);
  self->table = table;
  self->binds = binds != NULL ? g_ptr_array_ref (binds) : NULL;
  set_sql (self, _rapport_store_list_build_sql (table, where, order_by));

  if (ids != NULL)
    self->ids = g_array_ref (ids);
  else
    load (self, FALSE);

  return self;
}

const RapportStoreTable *
_rapport_store_list_get_table (RapportStoreList *self)
{
  g_assert (RAPPORT_IS_STORE_LIST (self));

  return self->table;
}

/**
 * _rapport_store_list_refresh:
 * @self: a list
 * @exact: whether the list must be right on return, as after rows were
 *   deleted for good, which its items could no longer be loaded from
 *
 * Reads the list again after a change, announcing what differs.
 */
void
_rapport_store_list_refresh (RapportStoreList *self,
                             gboolean          exact)
{
  g_assert (RAPPORT_IS_STORE_LIST (self));

  /* A long list keeps showing its rows until the thread has new ones */
  if (!exact && (self->partial || self->ids->len > SMALL_LIST))
    {
      read_all_in_thread (self);
      return;
    }

  load (self, exact);
}

/**
 * rapport_store_list_find:
 * @list: a list from rapport_store_list() or another of the store's lists
 * @id: a row id
 * @position: (out) (optional): where the row is in @list
 *
 * Finds a row by its id without making an object of each row before it.
 * A long list being read in a thread may not have the row yet.
 *
 * Returns: whether @list has the row
 */
gboolean
rapport_store_list_find (GListModel *list,
                         gint64      id,
                         guint      *position)
{
  RapportStoreList *self;

  g_return_val_if_fail (RAPPORT_IS_STORE_LIST (list), FALSE);

  self = RAPPORT_STORE_LIST (list);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

/* Whether all rows are read (no thread is still reading them) */
gboolean
_rapport_store_list_is_complete (RapportStoreList *self)
{
  g_assert (RAPPORT_IS_STORE_LIST (self));

  return !self->partial;
}

/**
 * _rapport_store_list_get_read_ahead:
 * @self: a list
 * @start: (out): the first position whose row a thread read ahead
 * @end: (out): the position after the last one
 *
 * Returns: whether the thread is still reading them
 */
gboolean
_rapport_store_list_get_read_ahead (RapportStoreList *self,
                                    guint            *start,
                                    guint            *end)
{
  g_assert (RAPPORT_IS_STORE_LIST (self));

  *start = self->ahead_start;
  *end = self->ahead_end;
  return self->reading_ahead;
}

/* How SQLite reads the first rows of the list (EXPLAIN QUERY PLAN), one
 * step per line: for tests that every list's order comes from an index */
char *
_rapport_store_list_dup_plan (RapportStoreList *self)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert (RAPPORT_IS_STORE_LIST (self));

  sql = g_strconcat ("EXPLAIN QUERY PLAN ", self->sql_first_rows, NULL);
  stmt = _rapport_store_prepare (self->store, sql, &error);
  g_assert_no_error (error);
  bind_values (stmt, self->binds);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);

  return g_string_free (plan, FALSE);
}

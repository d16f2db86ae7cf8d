/* rapport-store-list.c: a live GListModel over the rows of one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only row ids, in the order SQL gives them; an item becomes
 * an object when it is asked for, and the store hands out one live object
 * per row. After a change the ids are read again and only the span that
 * differs is announced in items-changed.
 */
#define G_LOG_DOMAIN "rapport-store-list"

#include "config.h"

#include "rapport-store-private.h"

struct _RapportStoreList
{
  GObject                  parent_instance;

  /* Owned references */
  RapportStore            *store;

  const RapportStoreTable *table;
  gboolean                 trashed;
  char                    *parent_column;
  gint64                   parent_id;
  /* Values bound to ?1, ?2… of a filtered list's SQL: GVariants "x" or "s" */
  GPtrArray               *binds;
  char                    *sql;
  GArray                  *ids;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportStoreList, rapport_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GArray *
query_ids (RapportStoreList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rapport_store_prepare (self->store, self->sql, &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list %s: %s", self->table->table, error->message);
      return ids;
    }

  if (self->parent_column != NULL)
    sqlite3_bind_int64 (stmt, 1, self->parent_id);

  for (guint i = 0; self->binds != NULL && i < self->binds->len; i++)
    {
      GVariant *value = self->binds->pdata[i];

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self->store, rc, &error);
      g_warning ("Could not list %s: %s", self->table->table, error->message);
    }

  return ids;
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

  g_clear_object (&self->store);
  g_clear_pointer (&self->parent_column, g_free);
  g_clear_pointer (&self->sql, g_free);
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
  self->trashed = trashed;
  self->parent_column = g_strdup (parent_column);
  self->parent_id = parent_id;

  /* The trash shows what was deleted last first */
  g_string_append_printf (sql, "SELECT id FROM %s WHERE deleted_at IS %s",
                          table->table, trashed ? "NOT NULL" : "NULL");
  if (parent_column != NULL)
    g_string_append_printf (sql, " AND %s = ?1", parent_column);
  g_string_append_printf (sql, " ORDER BY %s", trashed ? "deleted_at DESC, id DESC" : table->order_by);
  self->sql = g_string_free (g_steal_pointer (&sql), FALSE);

  self->ids = query_ids (self);

  return self;
}

/* The SQL of a list made by _rapport_store_list_new_where() */
char *
_rapport_store_list_build_sql (const RapportStoreTable *table,
                               const char              *where)
{
  return g_strdup_printf ("SELECT id FROM %s WHERE deleted_at IS NULL AND (%s) ORDER BY %s",
                          table->table, where, table->order_by);
}

/* A list of the rows of @table not in the trash for which the constant SQL
 * condition @where holds, in the table's order. @binds (GVariants "x" or
 * "s", in the order of ?1, ?2…) are bound each time the list is read.
 * @ids, when given, are the rows as a query of another connection just
 * found them, so that the list is not read again now. */
RapportStoreList *
_rapport_store_list_new_where (RapportStore            *store,
                               const RapportStoreTable *table,
                               const char              *where,
                               GPtrArray               *binds,
                               GArray                  *ids)
{
  RapportStoreList *self = g_object_new (RAPPORT_TYPE_STORE_LIST, NULL);

  self->store = g_object_ref (store);
  self->table = table;
  self->binds = binds != NULL ? g_ptr_array_ref (binds) : NULL;
  self->sql = _rapport_store_list_build_sql (table, where);
  self->ids = ids != NULL ? g_array_ref (ids) : query_ids (self);

  return self;
}

const RapportStoreTable *
_rapport_store_list_get_table (RapportStoreList *self)
{
  g_assert (RAPPORT_IS_STORE_LIST (self));

  return self->table;
}

void
_rapport_store_list_refresh (RapportStoreList *self)
{
  g_autoptr(GArray) old_ids = NULL;
  guint prefix = 0;
  guint suffix = 0;
  guint old_len, new_len;

  g_assert (RAPPORT_IS_STORE_LIST (self));

  old_ids = g_steal_pointer (&self->ids);
  self->ids = query_ids (self);

  old_len = old_ids->len;
  new_len = self->ids->len;

  while (prefix < old_len && prefix < new_len &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;

  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_array_index (old_ids, gint64, old_len - 1 - suffix) ==
         g_array_index (self->ids, gint64, new_len - 1 - suffix))
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix,
                              new_len - prefix - suffix);
}

/* rapport-store-query.c: filtered, searched and "needs attention" lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every list here is a live RapportStoreList: the condition is constant SQL
 * put together from the constant pieces below, and what the user typed or
 * chose is only ever bound to it.
 */
#define G_LOG_DOMAIN "rapport-store-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-feedback.h"
#include "rapport-lesson.h"
#include "rapport-store-private.h"

/* Turns free text into an FTS5 query: every word must appear, as a word or
 * as the start of one. Words are quoted, so no text is FTS5 syntax. */
static char *
match_expression (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *match = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (match, TRUE);

  words = g_strsplit_set (text, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) quotes = NULL;
      g_autofree char *escaped = NULL;

      if (words[i][0] == '\0')
        continue;

      quotes = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", quotes);
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s\"*", escaped);
    }

  if (match->len == 0)
    return g_string_free (match, TRUE);

  return g_string_free (match, FALSE);
}

static void
append_condition (GString    *where,
                  const char *condition)
{
  if (where->len > 0)
    g_string_append (where, " AND ");
  g_string_append (where, condition);
}

static void
append_search (GString                 *where,
               GPtrArray               *binds,
               const RapportStoreTable *table,
               const char              *match)
{
  guint n = binds->len + 1;

  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (match)));
  if (where->len > 0)
    g_string_append (where, " AND ");
  g_string_append_printf (where,
                          "id IN (SELECT rowid FROM search_%s WHERE search_%s MATCH ?%u",
                          table->table, table->table, n);

  /* A commitment is also found by its partial deliveries and by the
   * reasons its due date moved. */
  if (table->get_type () == RAPPORT_TYPE_COMMITMENT)
    g_string_append_printf (where,
                            " UNION SELECT commitment_id FROM deliverables WHERE id IN "
                            "(SELECT rowid FROM search_deliverables "
                            "WHERE search_deliverables MATCH ?%u)"
                            " UNION SELECT commitment_id FROM renegotiations WHERE id IN "
                            "(SELECT rowid FROM search_renegotiations "
                            "WHERE search_renegotiations MATCH ?%u)",
                            n, n);
  g_string_append (where, ")");
}

static GListModel *
new_list (RapportStore            *self,
          const RapportStoreTable *table,
          GString                 *where,
          GPtrArray               *binds)
{
  if (where->len == 0)
    g_string_append (where, "1");

  return _rapport_store_track_list (self,
                                    _rapport_store_list_new_where (self, table, where->str,
                                                                   binds, NULL));
}

/**
 * rapport_store_list_filtered:
 * @self: a store
 * @type: the entity type listed
 * @client_id: only the rows of this client (a client itself for
 *   RAPPORT_TYPE_CLIENT), or 0 for all
 * @enum_property: (nullable): an enum property of @type, such as "status"
 * @enum_value: the value @enum_property must have, or -1 for any
 * @search: (nullable): words that must all appear in the row's text (or
 *   start one of its words)
 *
 * Returns: (transfer full): the rows of @type, not in the trash, that pass
 *   every filter given, in the usual order, kept up to date.
 */
GListModel *
rapport_store_list_filtered (RapportStore *self,
                             GType         type,
                             gint64        client_id,
                             const char   *enum_property,
                             int           enum_value,
                             const char   *search)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  klass = g_type_class_ref (type);

  if (client_id > 0)
    {
      const char *column = "client_id";

      if (type == RAPPORT_TYPE_CLIENT)
        column = "id";
      else
        g_return_val_if_fail (g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                            "client-id") != NULL, NULL);

      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (client_id)));
      g_string_append_printf (where, "%s = ?%u", column, binds->len);
    }

  if (enum_property != NULL && enum_value >= 0)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), enum_property);
      g_autoptr(GEnumClass) enum_class = NULL;
      GEnumValue *value;
      g_autofree char *column = NULL;

      /* The column is a property's name, never free text */
      g_return_val_if_fail (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec), NULL);
      enum_class = g_type_class_ref (pspec->value_type);
      value = g_enum_get_value (enum_class, enum_value);
      g_return_val_if_fail (value != NULL, NULL);

      column = g_strdelimit (g_strdup (pspec->name), "-", '_');
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (value->value_nick)));
      if (where->len > 0)
        g_string_append (where, " AND ");
      g_string_append_printf (where, "%s = ?%u", column, binds->len);
    }

  match = match_expression (search);
  if (match != NULL)
    append_search (where, binds, table, match);

  return new_list (self, table, where, binds);
}

/**
 * rapport_store_search:
 * @self: a store
 * @type: the entity type searched
 * @text: words that must all appear in a row's text (or start one of its
 *   words); case and accents do not matter
 *
 * Returns: (transfer full): the matching rows of @type not in the trash,
 *   kept up to date; empty when @text has no words.
 */
GListModel *
rapport_store_search (RapportStore *self,
                      GType         type,
                      const char   *text)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *match = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  match = match_expression (text);
  if (match == NULL)
    append_condition (where, "0");
  else
    append_search (where, binds, table, match);

  return new_list (self, table, where, binds);
}

/**
 * rapport_store_list_attention:
 * @self: a store
 * @attention: what to list
 * @now: the current moment; "today" is its day in the local time zone
 * @days: for RAPPORT_ATTENTION_DUE_SOON, how many days ahead count (0 is
 *   today only); for RAPPORT_ATTENTION_FEEDBACK_OPEN, how long feedback must
 *   have waited for an answer; for RAPPORT_ATTENTION_LESSON_UNREVIEWED, how
 *   old a lesson must be before it is due for review; ignored otherwise
 *
 * Returns: (transfer full): open commitments past their due date or due
 *   within @days (RapportCommitment), feedback not acknowledged within
 *   @days (RapportFeedback),
 *   lessons with an apology owed or not reviewed (RapportLesson), or active
 *   clients not contacted within their agreed cadence, or never
 *   (RapportClient). The list follows changes to its rows; "today" stays
 *   what it was when the list was made.
 */
GListModel *
rapport_store_list_attention (RapportStore     *self,
                              RapportAttention  attention,
                              GDateTime        *now,
                              guint             days)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) other = NULL;
  GType type = G_TYPE_INVALID;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  today = rapport_date_new_local (now);
  other = rapport_date_copy (today);

#define BIND_DATE(date) \
  g_ptr_array_add (binds, \
                   g_variant_ref_sink (g_variant_new_take_string (rapport_date_to_iso (date))))

  switch (attention)
    {
    case RAPPORT_ATTENTION_OVERDUE:
      type = RAPPORT_TYPE_COMMITMENT;
      BIND_DATE (today);
      append_condition (where, "status = 'open' AND due < ?1");
      break;

    case RAPPORT_ATTENTION_DUE_SOON:
      type = RAPPORT_TYPE_COMMITMENT;
      g_date_add_days (other, days);
      BIND_DATE (today);
      BIND_DATE (other);
      append_condition (where, "status = 'open' AND due >= ?1 AND due <= ?2");
      break;

    case RAPPORT_ATTENTION_FEEDBACK_OPEN:
      type = RAPPORT_TYPE_FEEDBACK;
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (g_date_time_to_unix (now) -
                                                                       (gint64) days * 86400)));
      append_condition (where, "status = 'open' AND received_at <= ?1");
      break;

    case RAPPORT_ATTENTION_APOLOGY_OWED:
      type = RAPPORT_TYPE_LESSON;
      append_condition (where, "apology = 'owed'");
      break;

    case RAPPORT_ATTENTION_LESSON_UNREVIEWED:
      type = RAPPORT_TYPE_LESSON;
      g_date_subtract_days (other, days);
      BIND_DATE (other);
      append_condition (where, "reviewed_at IS NULL AND occurred_on < ?1");
      break;

    case RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH:
      type = RAPPORT_TYPE_CLIENT;
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (g_date_time_to_unix (now))));
      append_condition (where, "status = 'active' AND cadence_days > 0 AND "
                               "(last_contact IS NULL OR "
                               " last_contact < ?1 - cadence_days * 86400)");
      break;

    default:
      g_return_val_if_reached (NULL);
    }

#undef BIND_DATE

  return new_list (self, _rapport_store_table_for_type (type), where, binds);
}

/* Searching everything in a thread */

typedef struct
{
  const RapportStoreTable *table;
  char                    *where;
  char                    *sql;
  GPtrArray               *binds;
  GArray                  *ids;
} SearchPart;

typedef struct
{
  char   *path;
  GArray *parts;
} SearchData;

static void
search_part_clear (gpointer data)
{
  SearchPart *part = data;

  g_clear_pointer (&part->where, g_free);
  g_clear_pointer (&part->sql, g_free);
  g_clear_pointer (&part->binds, g_ptr_array_unref);
  g_clear_pointer (&part->ids, g_array_unref);
}

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_clear_pointer (&search->path, g_free);
  g_clear_pointer (&search->parts, g_array_unref);
  g_free (search);
}

static gboolean
search_part_run (sqlite3       *db,
                 SearchPart    *part,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (part->binds->len == 0)
    return TRUE;

  rc = sqlite3_prepare_v2 (db, part->sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("The search could not be made (%s)."), sqlite3_errmsg (db));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, g_variant_get_string (part->binds->pdata[0], NULL), -1,
                     SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (part->ids, id);
      if (part->ids->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("The search could not be made (%s)."), sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *search = task_data;
  GError *error = NULL;
  sqlite3 *db = NULL;
  gboolean has_words = FALSE;
  int rc;

  for (guint i = 0; i < search->parts->len; i++)
    {
      SearchPart *part = &g_array_index (search->parts, SearchPart, i);

      has_words |= part->binds->len > 0;
      part->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* No words, nothing found: no need to open anything */
  if (!has_words)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A connection of its own: the store's belongs to the main thread. In
   * WAL mode it reads what was committed while the store goes on. */
  rc = sqlite3_open_v2 (search->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                               _("The database could not be opened to search it (%s)."),
                               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return;
    }
  sqlite3_busy_timeout (db, 1000);

  for (guint i = 0; i < search->parts->len; i++)
    if (!search_part_run (db, &g_array_index (search->parts, SearchPart, i), cancellable, &error))
      {
        sqlite3_close (db);
        g_task_return_error (task, error);
        return;
      }

  sqlite3_close (db);
  g_task_return_boolean (task, TRUE);
}

/**
 * rapport_store_search_async:
 * @self: a store
 * @types: (array length=n_types): the entity types to search
 * @n_types: how many
 * @text: words that must all appear in a row's text, as for
 *   rapport_store_search()
 * @cancellable: (nullable): to stop the search
 * @callback: called on this thread when the search is done
 * @user_data: for @callback
 *
 * Searches every kind in @types in a thread, on a connection of its own,
 * so that the window stays responsive on a large database.
 */
void
rapport_store_search_async (RapportStore        *self,
                            const GType         *types,
                            guint                n_types,
                            const char          *text,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *match = NULL;
  SearchData *search;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (types != NULL || n_types == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_search_async);

  search = g_new0 (SearchData, 1);
  search->path = g_strdup (rapport_store_get_path (self));
  search->parts = g_array_sized_new (FALSE, TRUE, sizeof (SearchPart), n_types);
  g_array_set_clear_func (search->parts, search_part_clear);
  match = match_expression (text);

  for (guint i = 0; i < n_types; i++)
    {
      const RapportStoreTable *table = _rapport_store_table_for_type (types[i]);
      g_autoptr(GString) where = g_string_new (NULL);
      SearchPart part = { table, NULL, NULL, NULL, NULL };

      g_return_if_fail (table != NULL);

      part.binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      if (match == NULL)
        append_condition (where, "0");
      else
        append_search (where, part.binds, table, match);
      part.sql = _rapport_store_list_build_sql (table, where->str);
      part.where = g_string_free (g_steal_pointer (&where), FALSE);
      g_array_append_val (search->parts, part);
    }

  g_task_set_task_data (task, search, search_data_free);
  g_task_run_in_thread (task, search_worker);
}

/**
 * rapport_store_search_finish:
 *
 * Returns: (transfer full) (element-type GListModel): one live list per
 *   type asked for, in the same order, or %NULL with @error set
 */
GPtrArray *
rapport_store_search_finish (RapportStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  SearchData *search;
  GPtrArray *lists;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  search = g_task_get_task_data (G_TASK (result));
  lists = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < search->parts->len; i++)
    {
      SearchPart *part = &g_array_index (search->parts, SearchPart, i);
      RapportStoreList *list;

      list = _rapport_store_list_new_where (self, part->table, part->where, part->binds,
                                            part->ids);
      g_ptr_array_add (lists, _rapport_store_track_list (self, list));
    }

  return lists;
}

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

#include "rapport-background.h"
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
   * reasons its due date moved, while they are not in the trash. */
  if (table->get_type () == RAPPORT_TYPE_COMMITMENT)
    g_string_append_printf (where,
                            " UNION SELECT commitment_id FROM deliverables WHERE "
                            "deleted_at IS NULL AND id IN "
                            "(SELECT rowid FROM search_deliverables "
                            "WHERE search_deliverables MATCH ?%u)"
                            " UNION SELECT commitment_id FROM renegotiations WHERE "
                            "deleted_at IS NULL AND id IN "
                            "(SELECT rowid FROM search_renegotiations "
                            "WHERE search_renegotiations MATCH ?%u)",
                            n, n);
  g_string_append (where, ")");
}

/* The order of a list of first results: newest first, which is the order
 * of an index's rowids read backwards */
#define FIRST_ORDER "id DESC"

/* Appends the ids of the (at most ?@limit) rows of @child_table that match
 * ?@match, are not in the trash, and whose @parent_table row (through
 * @fk_column) is not either, newest match first: @parent_table's ids, or
 * the matching rows' own ids when @parent_table is %NULL. The index is read
 * in rowid order and the reading stops at the limit, so a word found a
 * hundred thousand times costs no more than a rare one. */
static void
append_first_matches (GString    *where,
                      const char *child_table,
                      const char *fk_column,
                      const char *parent_table,
                      guint       match,
                      guint       limit)
{
  if (parent_table == NULL)
    g_string_append_printf (where,
                            "SELECT id FROM (SELECT search_%s.rowid AS id FROM search_%s "
                            "JOIN %s AS found ON found.id = search_%s.rowid "
                            "WHERE search_%s MATCH ?%u AND found.deleted_at IS NULL "
                            "ORDER BY search_%s.rowid DESC LIMIT ?%u)",
                            child_table, child_table, child_table, child_table, child_table,
                            match, child_table, limit);
  else
    /* DISTINCT: several parts of one commitment count once, so that they
     * do not take the places of other commitments */
    g_string_append_printf (where,
                            "SELECT id FROM (SELECT DISTINCT parent.id AS id FROM search_%s "
                            "JOIN %s AS found ON found.id = search_%s.rowid "
                            "JOIN %s AS parent ON parent.id = found.%s "
                            "WHERE search_%s MATCH ?%u AND found.deleted_at IS NULL "
                            "AND parent.deleted_at IS NULL "
                            "ORDER BY search_%s.rowid DESC LIMIT ?%u)",
                            child_table, child_table, child_table, parent_table, fk_column,
                            child_table, match, child_table, limit);
}

/* Like append_search(), but only the first @limit matching rows, in
 * FIRST_ORDER: rows in the trash are left out before the limit is counted.
 * A commitment found through its parts may not be one of the very newest
 * ones; still, when fewer than @limit rows are found, they are all the
 * matching rows, and when @limit are found, there are at least that many. */
static void
append_search_first (GString                 *where,
                     GPtrArray               *binds,
                     const RapportStoreTable *table,
                     const char              *match,
                     guint                    limit)
{
  guint n_match = binds->len + 1;
  guint n_limit = binds->len + 2;

  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (match)));
  g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (limit)));
  if (where->len > 0)
    g_string_append (where, " AND ");
  g_string_append (where, "id IN (");

  if (table->get_type () == RAPPORT_TYPE_COMMITMENT)
    {
      /* Each index gives its first rows; the union's first are the list's */
      g_string_append (where, "SELECT id FROM (");
      append_first_matches (where, "commitments", NULL, NULL, n_match, n_limit);
      g_string_append (where, " UNION ");
      append_first_matches (where, "deliverables", "commitment_id", "commitments",
                            n_match, n_limit);
      g_string_append (where, " UNION ");
      append_first_matches (where, "renegotiations", "commitment_id", "commitments",
                            n_match, n_limit);
      g_string_append_printf (where, ") ORDER BY " FIRST_ORDER " LIMIT ?%u", n_limit);
    }
  else
    append_first_matches (where, table->table, NULL, NULL, n_match, n_limit);

  g_string_append (where, ")");
}

static GListModel *
new_list (RapportStore            *self,
          const RapportStoreTable *table,
          GString                 *where,
          const char              *order_by,
          GPtrArray               *binds)
{
  if (where->len == 0)
    g_string_append (where, "1");

  return _rapport_store_track_list (self,
                                    _rapport_store_list_new_where (self, table, where->str,
                                                                   order_by, binds, NULL));
}

/* The conditions of rapport_store_list_filtered() */
static gboolean
append_filters (GString                 *where,
                GPtrArray               *binds,
                const RapportStoreTable *table,
                gint64                   client_id,
                const char              *enum_property,
                int                      enum_value,
                const char              *search)
{
  GType type = table->get_type ();
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree char *match = NULL;

  if (client_id > 0)
    {
      const char *column = "client_id";

      if (type == RAPPORT_TYPE_CLIENT)
        column = "id";
      else
        g_return_val_if_fail (g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                            "client-id") != NULL, FALSE);

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
      g_return_val_if_fail (pspec != NULL && G_IS_PARAM_SPEC_ENUM (pspec), FALSE);
      enum_class = g_type_class_ref (pspec->value_type);
      value = g_enum_get_value (enum_class, enum_value);
      g_return_val_if_fail (value != NULL, FALSE);

      column = g_strdelimit (g_strdup (pspec->name), "-", '_');
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (value->value_nick)));
      if (where->len > 0)
        g_string_append (where, " AND ");
      g_string_append_printf (where, "%s = ?%u", column, binds->len);
    }

  match = match_expression (search);
  if (match != NULL)
    append_search (where, binds, table, match);

  if (where->len == 0)
    g_string_append (where, "1");

  return TRUE;
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

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (!append_filters (where, binds, table, client_id, enum_property, enum_value, search))
    return NULL;

  return new_list (self, table, where, NULL, binds);
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

  return new_list (self, table, where, NULL, binds);
}

/**
 * rapport_store_search_first:
 * @self: a store
 * @type: the entity type searched
 * @text: words that must all appear in a row's text, as for
 *   rapport_store_search()
 * @limit: how many rows the caller means to show, at least 1
 *
 * What a search shows while the user types: finding the first rows is
 * quick however many rows match, and counting them all is not.
 *
 * Returns: (transfer full): at most @limit + 1 matching rows of @type not
 *   in the trash, newest first, kept up to date: when there are @limit + 1,
 *   more match than @limit. Empty when @text has no words.
 */
GListModel *
rapport_store_search_first (RapportStore *self,
                            GType         type,
                            const char   *text,
                            guint         limit)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *match = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (limit > 0 && limit < G_MAXINT, NULL);

  match = match_expression (text);
  if (match == NULL)
    append_condition (where, "0");
  else
    append_search_first (where, binds, table, match, limit + 1);

  return new_list (self, table, where, FIRST_ORDER, binds);
}

/* @name without accents nor case, to compare names as a reader would */
static char *
dup_folded_name (const char *name)
{
  g_autofree char *nfd = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = nfd != NULL ? nfd : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (g_strstrip (bare->str), -1);
}

/**
 * rapport_store_find_namesake:
 * @self: a store
 * @name: a client's name as typed
 * @except_id: the client being edited, which does not count (0 for none)
 *
 * Another client called @name, whatever the case and the accents ("ana
 * lopez" and "Ana López"): most often the same client added twice, whose
 * commitments and figures would then be split in two. Among the first 50
 * clients the search finds for the name.
 *
 * Returns: (transfer full) (nullable): that client, or %NULL
 */
RapportClient *
rapport_store_find_namesake (RapportStore *self,
                             const char   *name,
                             gint64        except_id)
{
  g_autofree char *folded = NULL;
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = dup_folded_name (name);
  if (*folded == '\0')
    return NULL;

  found = rapport_store_search_first (self, RAPPORT_TYPE_CLIENT, folded, 50);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(RapportClient) other = g_list_model_get_item (found, i);
      g_autofree char *other_folded = NULL;

      if (rapport_record_get_id (RAPPORT_RECORD (other)) == except_id)
        continue;

      other_folded = dup_folded_name (rapport_client_get_name (other));
      if (g_strcmp0 (folded, other_folded) == 0)
        return g_steal_pointer (&other);
    }

  return NULL;
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
 *   open commitments whose due date moved without the client being told
 *   (RapportCommitment), lessons with an apology owed or not reviewed
 *   (RapportLesson), or active
 *   clients not contacted within their agreed cadence, counted from
 *   the day they were added when never (RapportClient). The list follows changes to its rows; "today" stays
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

    case RAPPORT_ATTENTION_CLIENT_NOT_TOLD:
      type = RAPPORT_TYPE_COMMITMENT;
      /* Read in the list's order from the index of open commitments, each
       * looked up in renegotiations_untold: a first page costs a few
       * lookups, where "id IN (…)" sorted every match (a million rows:
       * 2 ms against 25 ms). A move the client was told of later says
       * where the date is now: the earlier ones untold need no telling. */
      append_condition (where, "status = 'open' AND EXISTS "
                               "(SELECT 1 FROM renegotiations AS r "
                               " WHERE r.commitment_id = commitments.id AND r.client_told = 0 "
                               " AND r.deleted_at IS NULL AND NOT EXISTS "
                               " (SELECT 1 FROM renegotiations AS later "
                               "  WHERE later.commitment_id = r.commitment_id "
                               "  AND later.client_told = 1 AND later.deleted_at IS NULL "
                               "  AND (later.renegotiated_at > r.renegotiated_at "
                               "   OR (later.renegotiated_at = r.renegotiated_at "
                               "    AND later.id > r.id))))");
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
      /* As rapport_client_is_out_of_touch() */
      append_condition (where, "status = 'active' AND cadence_days > 0 AND "
                               "coalesce (last_contact, created) < ?1 - cadence_days * 86400");
      break;

    default:
      g_return_val_if_reached (NULL);
    }

#undef BIND_DATE

  return new_list (self, _rapport_store_table_for_type (type), where, NULL, binds);
}

/* Searching everything in a thread */

typedef struct
{
  const RapportStoreTable *table;
  char                    *where;
  /* Constant SQL, or NULL for the table's order */
  const char              *order_by;
  char                    *sql;
  GPtrArray               *binds;
  GArray                  *ids;
} SearchPart;

typedef struct
{
  char    *path;
  GArray  *parts;
  /* The store's changes when the search began */
  guint64  changes;
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

static SearchData *
search_data_new (RapportStore *store,
                 guint         n_parts)
{
  SearchData *search = g_new0 (SearchData, 1);

  search->path = g_strdup (rapport_store_get_path (store));
  search->changes = _rapport_store_get_changes (store);
  search->parts = g_array_sized_new (FALSE, TRUE, sizeof (SearchPart), n_parts);
  g_array_set_clear_func (search->parts, search_part_clear);

  return search;
}

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_clear_pointer (&search->path, g_free);
  g_clear_pointer (&search->parts, g_array_unref);
  g_free (search);
}

/* The search's connection is kept for the next search, with its prepared
 * statements: opening one, reading the schema, preparing and filling a
 * page cache anew for each text typed took longer than the search itself.
 * A search that starts while another still runs opens one more, which is
 * closed when it is done. */
typedef struct
{
  sqlite3    *db;
  /* SQL text → prepared statement */
  GHashTable *statements;
} SearchDb;

G_LOCK_DEFINE_STATIC (search_db);
#define SEARCH_DB_KEY "rapport-store-search-db"

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
search_db_free (gpointer data)
{
  SearchDb *search_db = data;

  if (search_db == NULL)
    return;

  /* Statements are finalized before their connection is closed */
  g_clear_pointer (&search_db->statements, g_hash_table_unref);
  sqlite3_close (search_db->db);
  g_free (search_db);
}

static SearchDb *
take_search_db (RapportStore  *store,
                const char    *path,
                GError       **error)
{
  SearchDb *search_db;
  sqlite3 *db = NULL;
  int rc;

  G_LOCK (search_db);
  search_db = g_object_steal_data (G_OBJECT (store), SEARCH_DB_KEY);
  G_UNLOCK (search_db);
  if (search_db != NULL)
    return search_db;

  /* A connection of its own: the store's belongs to the main thread. In
   * WAL mode it reads what was committed while the store goes on. */
  _rapport_store_init_sqlite ();
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO,
                   _("The database could not be opened to search it (%s)."),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 1000);

  search_db = g_new0 (SearchDb, 1);
  search_db->db = db;
  search_db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 finalize_statement);

  return search_db;
}

/* Closes the search's connection, before the store closes its own: the
 * last connection to close folds the write-ahead log into the database
 * and deletes it */
void
_rapport_store_close_search_db (RapportStore *store)
{
  SearchDb *search_db;

  G_LOCK (search_db);
  search_db = g_object_steal_data (G_OBJECT (store), SEARCH_DB_KEY);
  G_UNLOCK (search_db);
  search_db_free (search_db);
}

static void
give_back_search_db (RapportStore *store,
                     SearchDb     *search_db)
{
  G_LOCK (search_db);
  if (g_object_get_data (G_OBJECT (store), SEARCH_DB_KEY) == NULL)
    {
      /* Closed with the store: a task holds its store until it is done */
      g_object_set_data_full (G_OBJECT (store), SEARCH_DB_KEY, search_db, search_db_free);
      search_db = NULL;
    }
  G_UNLOCK (search_db);

  search_db_free (search_db);
}

static gboolean
search_part_run (SearchDb      *search_db,
                 SearchPart    *part,
                 GCancellable  *cancellable,
                 GError       **error)
{
  sqlite3 *db = search_db->db;
  sqlite3_stmt *stmt;
  int rc;

  if (g_str_equal (part->where, "0"))
    return TRUE;

  stmt = g_hash_table_lookup (search_db->statements, part->sql);
  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (db, part->sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                       _("The search could not be made (%s)."), sqlite3_errmsg (db));
          return FALSE;
        }
      g_hash_table_insert (search_db->statements, g_strdup (part->sql), stmt);
    }

  for (guint i = 0; i < part->binds->len; i++)
    {
      GVariant *value = part->binds->pdata[i];

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (part->ids, id);
      if (part->ids->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

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
  SearchDb *search_db;
  gboolean has_words = FALSE;

  _rapport_background_thread ();
  for (guint i = 0; i < search->parts->len; i++)
    {
      SearchPart *part = &g_array_index (search->parts, SearchPart, i);

      has_words |= !g_str_equal (part->where, "0");
      part->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* No words, nothing found: no need to open anything */
  if (!has_words)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  search_db = take_search_db (RAPPORT_STORE (source_object), search->path, &error);
  if (search_db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < search->parts->len; i++)
    if (!search_part_run (search_db, &g_array_index (search->parts, SearchPart, i), cancellable,
                          &error))
      {
        search_db_free (search_db);
        g_task_return_error (task, error);
        return;
      }

  give_back_search_db (RAPPORT_STORE (source_object), search_db);
  g_task_return_boolean (task, TRUE);
}

/**
 * rapport_store_search_async:
 * @self: a store
 * @types: (array length=n_types): the entity types to search
 * @n_types: how many
 * @text: words that must all appear in a row's text, as for
 *   rapport_store_search()
 * @limit: as for rapport_store_search_first(), or 0 for every matching
 *   row, as rapport_store_search() finds them
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
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *match = NULL;
  SearchData *search;

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (types != NULL || n_types == 0);
  g_return_if_fail (limit < G_MAXINT);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_search_async);

  search = search_data_new (self, n_types);
  match = match_expression (text);

  for (guint i = 0; i < n_types; i++)
    {
      const RapportStoreTable *table = _rapport_store_table_for_type (types[i]);
      g_autoptr(GString) where = g_string_new (NULL);
      SearchPart part = { table, NULL, NULL, NULL, NULL, NULL };

      g_return_if_fail (table != NULL);

      part.binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      if (match == NULL)
        append_condition (where, "0");
      else if (limit > 0)
        append_search_first (where, part.binds, table, match, limit + 1);
      else
        append_search (where, part.binds, table, match);
      if (limit > 0)
        part.order_by = FIRST_ORDER;
      part.sql = _rapport_store_list_build_sql (table, where->str, part.order_by);
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

      list = _rapport_store_list_new_where (self, part->table, part->where, part->order_by,
                                            part->binds, part->ids);
      g_ptr_array_add (lists, _rapport_store_track_list (self, list));
      /* The thread read the rows as they were when it began: a change
       * since then would be missing from them */
      if (_rapport_store_get_changes (self) != search->changes)
        _rapport_store_list_refresh (list, FALSE);
    }

  return lists;
}

/**
 * rapport_store_list_filtered_async:
 * @self: a store
 * @type: the entity type listed
 * @client_id: as for rapport_store_list_filtered()
 * @enum_property: (nullable): as for rapport_store_list_filtered()
 * @enum_value: as for rapport_store_list_filtered()
 * @search: (nullable): as for rapport_store_list_filtered()
 * @cancellable: (nullable): to stop reading
 * @callback: called on this thread when the list is read
 * @user_data: for @callback
 *
 * Reads the list rapport_store_list_filtered() gives in a thread, on the
 * search's connection: a word typed in a view's search entry may match a
 * hundred thousand rows, which the list must read in its order before it
 * can show the first one.
 */
void
rapport_store_list_filtered_async (RapportStore        *self,
                                   GType                type,
                                   gint64               client_id,
                                   const char          *enum_property,
                                   int                  enum_value,
                                   const char          *search,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const RapportStoreTable *table = _rapport_store_table_for_type (type);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GTask) task = NULL;
  SearchData *data;
  SearchPart part = { table, NULL, NULL, NULL, NULL, NULL };

  g_return_if_fail (RAPPORT_IS_STORE (self));
  g_return_if_fail (table != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_store_list_filtered_async);

  part.binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  if (!append_filters (where, part.binds, table, client_id, enum_property, enum_value, search))
    {
      g_ptr_array_unref (part.binds);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No such filter of %s", g_type_name (type));
      return;
    }
  part.sql = _rapport_store_list_build_sql (table, where->str, NULL);
  part.where = g_string_free (g_steal_pointer (&where), FALSE);

  data = search_data_new (self, 1);
  g_array_append_val (data->parts, part);

  g_task_set_task_data (task, data, search_data_free);
  g_task_run_in_thread (task, search_worker);
}

/**
 * rapport_store_list_filtered_finish:
 *
 * Returns: (transfer full): the live list, or %NULL with @error set
 */
GListModel *
rapport_store_list_filtered_finish (RapportStore  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(GPtrArray) lists = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rapport_store_list_filtered_async, NULL);

  lists = rapport_store_search_finish (self, result, error);
  if (lists == NULL)
    return NULL;

  return g_object_ref (lists->pdata[0]);
}

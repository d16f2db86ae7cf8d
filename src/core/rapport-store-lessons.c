/* rapport-store-lessons.c: the store's side of recurring causes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tags are kept as the user typed them, in one column; SQL picks the live
 * lessons that have any, and rapport-learning.c decides which tags are the
 * same. A freelancer writes a few lessons a month, so reading the tags of
 * all of them stays far under a frame.
 */
#define G_LOG_DOMAIN "rapport-store-lessons"

#include "config.h"

#include "rapport-learning.h"
#include "rapport-store-lessons.h"
#include "rapport-store-private.h"

typedef void (*TagsFunc) (gint64      id,
                          const char *tags,
                          gpointer    user_data);

static gboolean
foreach_tagged_lesson (RapportStore  *self,
                       gint64         except_id,
                       TagsFunc       func,
                       gpointer       user_data,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _rapport_store_prepare (self,
                                 "SELECT id, tags FROM lessons "
                                 "WHERE deleted_at IS NULL AND id <> ? "
                                 "  AND tags IS NOT NULL AND tags <> '' "
                                 "ORDER BY occurred_on DESC, id DESC",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, except_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          user_data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
count_tags_cb (gint64      id,
               const char *tags,
               gpointer    user_data)
{
  GHashTable *counts = user_data;
  g_auto(GStrv) parsed = rapport_learning_parse_tags (tags);

  (void) id;

  for (guint i = 0; parsed[i] != NULL; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, parsed[i]));

      g_hash_table_insert (counts, g_strdup (parsed[i]), GUINT_TO_POINTER (count + 1));
    }
}

/**
 * rapport_store_count_lesson_tags:
 * @except_id: a lesson to leave out (the one being edited), or 0
 *
 * Returns: (transfer full) (element-type utf8 guint): for each normalized
 *   tag, how many lessons out of the trash carry it
 */
GHashTable *
rapport_store_count_lesson_tags (RapportStore  *self,
                                 gint64         except_id,
                                 GError       **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  if (!foreach_tagged_lesson (self, except_id, count_tags_cb, counts, error))
    return NULL;

  return g_steal_pointer (&counts);
}

typedef struct
{
  char   *tag;
  GArray *ids;
} TagSearch;

static void
find_tag_cb (gint64      id,
             const char *tags,
             gpointer    user_data)
{
  TagSearch *search = user_data;

  if (rapport_learning_has_tag (tags, search->tag))
    g_array_append_val (search->ids, id);
}

static GPtrArray *
load_lessons (RapportStore  *self,
              GArray        *ids,
              GError       **error)
{
  g_autoptr(GPtrArray) lessons = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      RapportLesson *lesson = rapport_store_load (self, RAPPORT_TYPE_LESSON,
                                                  g_array_index (ids, gint64, i), error);

      if (lesson == NULL)
        return NULL;
      g_ptr_array_add (lessons, lesson);
    }

  return g_steal_pointer (&lessons);
}

/**
 * rapport_store_dup_lessons_with_tag:
 * @tag: a tag, compared as rapport_learning_normalize_tag() does
 * @except_id: a lesson to leave out (the one being edited), or 0
 *
 * Returns: (transfer full) (element-type RapportLesson): the lessons out
 *   of the trash that carry @tag, the most recent first
 */
GPtrArray *
rapport_store_dup_lessons_with_tag (RapportStore  *self,
                                    const char    *tag,
                                    gint64         except_id,
                                    GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TagSearch search;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  search.tag = rapport_learning_normalize_tag (tag);
  search.ids = ids;
  if (search.tag == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* The rows are read before any is loaded: loading uses the connection */
  if (!foreach_tagged_lesson (self, except_id, find_tag_cb, &search, error))
    {
      g_free (search.tag);
      return NULL;
    }
  g_free (search.tag);

  return load_lessons (self, ids, error);
}

/**
 * rapport_store_dup_client_lessons:
 *
 * Returns: (transfer full) (element-type RapportLesson): the lessons about
 *   a client, out of the trash, the most recent first
 */
GPtrArray *
rapport_store_dup_client_lessons (RapportStore  *self,
                                  gint64         client_id,
                                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (self), NULL);

  stmt = _rapport_store_prepare (self,
                                 "SELECT id FROM lessons "
                                 "WHERE client_id = ? AND deleted_at IS NULL "
                                 "ORDER BY occurred_on DESC, id DESC",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _rapport_store_set_error (self, rc, error);
      return NULL;
    }

  return load_lessons (self, ids, error);
}

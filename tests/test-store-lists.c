/* test-store-lists.c: the store's list models and their items-changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test keeps a mirror of a list, updated only from the items-changed
 * signals, and checks after every change that the mirror shows what the
 * list holds: so every emitted position and count must be right.
 */
#include "config.h"

#include <string.h>

#include "rapport-store-private.h"
#include "rapport-test-util.h"

typedef struct
{
  GListModel *model;
  GPtrArray  *mirror;
  guint       n_signals;
  guint       last_position;
  guint       last_removed;
  guint       last_added;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->mirror->len);

  g_ptr_array_remove_range (mirror->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->mirror, (int) (position + i),
                        g_list_model_get_item (model, position + i));

  mirror->n_signals++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
}

static Mirror *
mirror_new (GListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->model = model;
  mirror->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->mirror, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_ptr_array_unref (mirror->mirror);
  g_free (mirror);
}

static void
mirror_check (Mirror *mirror)
{
  g_assert_cmpuint (mirror->mirror->len, ==, g_list_model_get_n_items (mirror->model));
  for (guint i = 0; i < mirror->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mirror->model, i);

      g_assert_true (item == mirror->mirror->pdata[i]);
    }
}

static const char *
client_name_at (GListModel *model,
                guint       position)
{
  g_autoptr(RapportClient) client = g_list_model_get_item (model, position);

  return rapport_client_get_name (client);
}

static void
test_sorted_insert_positions (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GListModel) clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  Mirror *mirror = mirror_new (clients);
  const char *names[] = { "Mora", "Álvarez", "zeta", "Beta", "alpha", "Ñu" };
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_true (g_list_model_get_item_type (clients) == RAPPORT_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
  g_assert_null (g_list_model_get_item (clients, 0));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint before = mirror->n_signals;

      g_ptr_array_add (keep, rapport_test_add_client (store, names[i]));
      g_assert_cmpuint (mirror->n_signals, ==, before + 1);
      g_assert_cmpuint (mirror->last_removed, ==, 0);
      g_assert_cmpuint (mirror->last_added, ==, 1);
      mirror_check (mirror);
    }

  /* "Beta" sorts between "alpha" and "Mora": case does not matter */
  g_assert_cmpstr (client_name_at (clients, 0), ==, "alpha");
  g_assert_cmpstr (client_name_at (clients, 1), ==, "Beta");
  g_assert_cmpstr (client_name_at (clients, 2), ==, "Mora");

  /* A row is found by its id where the sort put it */
  {
    guint position = G_MAXUINT;

    g_assert_true (rapport_store_list_find (clients, rapport_record_get_id (keep->pdata[3]),
                                            &position));
    g_assert_cmpuint (position, ==, 1);
    g_assert_true (rapport_store_list_find (clients, rapport_record_get_id (keep->pdata[4]),
                                            NULL));
    g_assert_false (rapport_store_list_find (clients, 999999, &position));
    g_assert_cmpuint (position, ==, 1);
  }

  mirror_free (mirror);
  g_clear_object (&clients);
  g_clear_pointer (&keep, g_ptr_array_unref);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_rename_moves_row (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) a = rapport_test_add_client (store, "Ana");
  g_autoptr(RapportClient) b = rapport_test_add_client (store, "Bruno");
  g_autoptr(RapportClient) c = rapport_test_add_client (store, "Carla");
  g_autoptr(GListModel) clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_autoptr(GError) error = NULL;
  Mirror *mirror = mirror_new (clients);

  /* Renaming without moving announces nothing: the live object notifies */
  rapport_client_set_name (b, "Berta");
  g_assert_true (rapport_store_save (store, RAPPORT_RECORD (b), &error));
  g_assert_cmpuint (mirror->n_signals, ==, 0);

  rapport_client_set_name (a, "Zoe");
  g_assert_true (rapport_store_save (store, RAPPORT_RECORD (a), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mirror->n_signals, ==, 1);
  g_assert_cmpuint (mirror->last_position, ==, 0);
  mirror_check (mirror);
  g_assert_cmpstr (client_name_at (clients, 2), ==, "Zoe");

  mirror_free (mirror);
  g_clear_object (&clients);
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_trash_and_restore_lists (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Acme");
  g_autoptr(RapportCommitment) c1 = rapport_test_add_commitment (store, client, "One", "2026-12-01");
  g_autoptr(RapportCommitment) c2 = rapport_test_add_commitment (store, client, "Two", "2026-12-02");
  g_autoptr(RapportCommitment) c3 = rapport_test_add_commitment (store, client, "Three", "2026-12-03");
  g_autoptr(GListModel) live = rapport_store_list (store, RAPPORT_TYPE_COMMITMENT);
  g_autoptr(GListModel) trash = rapport_store_list_trash (store, RAPPORT_TYPE_COMMITMENT);
  g_autoptr(GListModel) children = rapport_store_list_children (store, RAPPORT_TYPE_COMMITMENT,
                                                                "client-id",
                                                                rapport_record_get_id (RAPPORT_RECORD (client)));
  g_autoptr(GError) error = NULL;
  Mirror *m_live = mirror_new (live);
  Mirror *m_trash = mirror_new (trash);
  Mirror *m_children = mirror_new (children);

  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 3);

  g_assert_true (rapport_store_trash (store, RAPPORT_RECORD (c2), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (m_live->last_position, ==, 1);
  g_assert_cmpuint (m_live->last_removed, ==, 1);
  g_assert_cmpuint (m_live->last_added, ==, 0);
  mirror_check (m_live);
  mirror_check (m_trash);
  mirror_check (m_children);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 1);

  g_assert_true (rapport_store_trash (store, RAPPORT_RECORD (client), &error));
  mirror_check (m_live);
  mirror_check (m_trash);
  mirror_check (m_children);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 0);

  g_assert_true (rapport_store_restore (store, RAPPORT_RECORD (client), &error));
  g_assert_no_error (error);
  mirror_check (m_live);
  mirror_check (m_trash);
  mirror_check (m_children);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 2);

  g_assert_true (rapport_store_empty_trash (store, &error));
  mirror_check (m_trash);
  g_assert_cmpuint (g_list_model_get_n_items (trash), ==, 0);

  mirror_free (m_live);
  mirror_free (m_trash);
  mirror_free (m_children);
  g_clear_object (&live);
  g_clear_object (&trash);
  g_clear_object (&children);
  g_clear_object (&c1);
  g_clear_object (&c2);
  g_clear_object (&c3);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
changed_cb (RapportStore *store,
            GType         type,
            GType        *seen)
{
  *seen = type;
}

static void
test_changed_signal (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = NULL;
  GType seen = G_TYPE_INVALID;

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &seen);
  client = rapport_test_add_client (store, "Signal");
  g_assert_true (seen == RAPPORT_TYPE_CLIENT);

  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
test_items_are_live_objects (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(RapportClient) client = rapport_test_add_client (store, "Same");
  g_autoptr(GListModel) a = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_autoptr(GListModel) b = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  g_autoptr(RapportClient) from_a = g_list_model_get_item (a, 0);
  g_autoptr(RapportClient) from_b = g_list_model_get_item (b, 0);

  g_assert_true (from_a == client);
  g_assert_true (from_b == client);

  g_clear_object (&from_a);
  g_clear_object (&from_b);
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&client);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
wait_until_complete (GListModel *model)
{
  while (!_rapport_store_list_is_complete ((RapportStoreList *) model))
    g_main_context_iteration (NULL, TRUE);
}

/* A list longer than what is read on the spot: its first rows at once, the
 * rest from a thread, and changes announced correctly all along */
static void
test_long_list_reads_in_thread (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(RapportClient) early = NULL;
  g_autoptr(RapportClient) added = NULL;
  g_autoptr(GError) error = NULL;
  Mirror *mirror;
  const guint n = 2500;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %05u", i);
      g_autoptr(RapportClient) client = rapport_test_add_client (store, name);

      if (i == 10)
        early = g_object_ref (client);
    }

  clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  mirror = mirror_new (clients);
  g_assert_cmpuint (g_list_model_get_n_items (clients), <, n);
  g_assert_cmpuint (g_list_model_get_n_items (clients), >, 0);
  g_assert_cmpstr (client_name_at (clients, 0), ==, "Client 00000");

  wait_until_complete (clients);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, n);
  mirror_check (mirror);
  g_assert_cmpstr (client_name_at (clients, n - 1), ==, "Client 02499");

  /* A change: the list catches up from the thread */
  added = rapport_test_add_client (store, "Client 01000a");
  wait_until_complete (clients);
  while (g_list_model_get_n_items (clients) == n)
    g_main_context_iteration (NULL, TRUE);
  mirror_check (mirror);
  g_assert_cmpstr (client_name_at (clients, 1001), ==, "Client 01000a");

  /* Deleting for good is reflected at once: the rows could not be loaded */
  g_assert_true (rapport_store_trash (store, RAPPORT_RECORD (early), &error));
  g_assert_true (rapport_store_purge (store, RAPPORT_RECORD (early), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, n);
  mirror_check (mirror);

  mirror_free (mirror);
  g_clear_object (&clients);
  g_clear_object (&early);
  g_clear_object (&added);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

static void
wait_read_ahead (GListModel *model,
                 guint      *start,
                 guint      *end)
{
  while (_rapport_store_list_get_read_ahead ((RapportStoreList *) model, start, end))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_reading_ahead (GListModel *model,
                      guint       position,
                      gboolean    reading,
                      guint       start,
                      guint       end)
{
  g_autoptr(RapportClient) client = g_list_model_get_item (model, position);
  g_autofree char *name = g_strdup_printf ("Client %05u", position);
  guint ahead_start, ahead_end;

  g_assert_cmpstr (rapport_client_get_name (client), ==, name);
  g_assert_cmpint (_rapport_store_list_get_read_ahead ((RapportStoreList *) model,
                                                      &ahead_start, &ahead_end), ==, reading);
  g_assert_cmpuint (ahead_start, ==, start);
  g_assert_cmpuint (ahead_end, ==, end);
}

/* A long list has a thread read the rows around the one asked for, 64
 * before and 256 after, past its first 64 rows, and read on as a view
 * scrolls down or up */
static void
test_long_list_reads_ahead (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GListModel) clients = NULL;
  guint start, end;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %05u", i);

      g_object_unref (rapport_test_add_client (store, name));
    }

  clients = rapport_store_list (store, RAPPORT_TYPE_CLIENT);
  wait_until_complete (clients);
  g_assert_false (_rapport_store_list_get_read_ahead ((RapportStoreList *) clients, &start, &end));
  g_assert_cmpuint (end, ==, 0);

  /* A list's first rows are read without a thread */
  assert_reading_ahead (clients, 63, FALSE, 0, 0);
  assert_reading_ahead (clients, 500, TRUE, 436, 756);
  wait_read_ahead (clients, &start, &end);
  /* Rows already read ahead */
  assert_reading_ahead (clients, 600, FALSE, 436, 756);
  /* Close to the end of what was read: on to the next rows */
  assert_reading_ahead (clients, 700, TRUE, 636, 956);
  /* Asked for while the thread reads: read once it is done */
  assert_reading_ahead (clients, 100, TRUE, 636, 956);
  while (_rapport_store_list_get_read_ahead ((RapportStoreList *) clients, &start, &end) &&
         start == 636)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (start, ==, 36);
  g_assert_cmpuint (end, ==, 356);
  wait_read_ahead (clients, &start, &end);
  /* The list's last rows: nothing after them to read */
  assert_reading_ahead (clients, 990, TRUE, 926, 1000);
  wait_read_ahead (clients, &start, &end);
  assert_reading_ahead (clients, 999, FALSE, 926, 1000);

  /* A change of the list starts again */
  g_object_unref (rapport_test_add_client (store, "Client 00000a"));
  while (g_list_model_get_n_items (clients) == 1000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_rapport_store_list_get_read_ahead ((RapportStoreList *) clients, &start, &end));
  g_assert_cmpuint (end, ==, 0);

  g_clear_object (&clients);
  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* What is read ahead for a row of each table (the row, its client, a
 * commitment's changes of date) is found through indexes, and the row's
 * own columns come first */
static void
test_rows_read_ahead_through_indexes (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);

  for (guint i = 0; i < RAPPORT_STORE_N_TABLES; i++)
    {
      const RapportStoreTable *table = &rapport_store_tables[i];
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", table->row_sql, NULL);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = _rapport_store_prepare (store, sql, &error);
      guint n_steps = 0;

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, 1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *step = (const char *) sqlite3_column_text (stmt, 3);

          if (!g_str_has_prefix (step, "SEARCH ") || strstr (step, "USING ") == NULL)
            g_error ("A row of %s is not read ahead through indexes: %s", table->table, step);
          n_steps++;
        }
      sqlite3_reset (stmt);
      g_assert_cmpuint (n_steps, >, 0);
    }

  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

/* Every list the window shows reads its first rows in its order from an
 * index, never by reading and sorting a whole table: that is what keeps
 * a view of a million rows as quick to open as one of ten. (Sorting only
 * the rows of equal dates, "FOR RIGHT PART OF ORDER BY", is allowed.) */
static void
assert_ordered_by_index (GListModel *list,
                         const char *what)
{
  g_autofree char *plan = _rapport_store_list_dup_plan ((RapportStoreList *) list);
  g_auto(GStrv) steps = g_strsplit (plan, "\n", -1);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (g_str_equal (steps[i], "USE TEMP B-TREE FOR ORDER BY") ||
          (g_str_has_prefix (steps[i], "SCAN ") && strstr (steps[i], " INDEX ") == NULL))
        g_error ("The list of %s is not read through an index:\n%s", what, plan);
    }
}

/* A whole view is read in a thread: from its index alone, not row by row */
static void
assert_read_from_index_alone (GListModel *list,
                              const char *what)
{
  g_autofree char *plan = _rapport_store_list_dup_plan ((RapportStoreList *) list);

  if (strstr (plan, "COVERING INDEX") == NULL)
    g_error ("The list of %s is not read from its index alone:\n%s", what, plan);
}

static void
test_lists_read_through_indexes (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autoptr(RapportStore) store = rapport_test_open_store (dir);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const GType types[] = { RAPPORT_TYPE_CLIENT, RAPPORT_TYPE_COMMITMENT, RAPPORT_TYPE_DELIVERABLE,
                          RAPPORT_TYPE_RENEGOTIATION, RAPPORT_TYPE_FEEDBACK, RAPPORT_TYPE_LESSON,
                          RAPPORT_TYPE_INTERACTION };
  const GType of_client[] = { RAPPORT_TYPE_COMMITMENT, RAPPORT_TYPE_FEEDBACK, RAPPORT_TYPE_LESSON,
                              RAPPORT_TYPE_INTERACTION };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GListModel) trash = rapport_store_list_trash (store, types[i]);

      assert_ordered_by_index (trash, "the trash");
    }

  /* Partial deliveries and due date changes are only listed by
   * commitment, a few rows each */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GListModel) all = NULL;

      if (types[i] == RAPPORT_TYPE_DELIVERABLE || types[i] == RAPPORT_TYPE_RENEGOTIATION)
        continue;
      all = rapport_store_list (store, types[i]);
      assert_ordered_by_index (all, g_type_name (types[i]));
      assert_read_from_index_alone (all, g_type_name (types[i]));
    }

  /* A client's page */
  for (guint i = 0; i < G_N_ELEMENTS (of_client); i++)
    {
      g_autoptr(GListModel) list = rapport_store_list_children (store, of_client[i],
                                                                "client-id", 1);

      assert_ordered_by_index (list, g_type_name (of_client[i]));
    }

  for (RapportAttention attention = RAPPORT_ATTENTION_OVERDUE;
       attention <= RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH; attention++)
    {
      g_autoptr(GListModel) list = rapport_store_list_attention (store, attention, now, 7);
      g_autofree char *what = g_strdup_printf ("attention %d", attention);

      assert_ordered_by_index (list, what);
      /* The overview reads these at start-up */
      if (attention == RAPPORT_ATTENTION_CLIENT_OUT_OF_TOUCH)
        assert_read_from_index_alone (list, what);
    }

  g_clear_object (&store);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-lists/sorted-insert-positions", test_sorted_insert_positions);
  g_test_add_func ("/store-lists/rename-moves-row", test_rename_moves_row);
  g_test_add_func ("/store-lists/trash-and-restore", test_trash_and_restore_lists);
  g_test_add_func ("/store-lists/changed-signal", test_changed_signal);
  g_test_add_func ("/store-lists/items-are-live-objects", test_items_are_live_objects);
  g_test_add_func ("/store-lists/long-list-reads-in-thread", test_long_list_reads_in_thread);
  g_test_add_func ("/store-lists/lists-read-through-indexes", test_lists_read_through_indexes);
  g_test_add_func ("/store-lists/long-list-reads-ahead", test_long_list_reads_ahead);
  g_test_add_func ("/store-lists/rows-read-ahead-through-indexes",
                   test_rows_read_ahead_through_indexes);

  return g_test_run ();
}

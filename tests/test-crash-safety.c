/* test-crash-safety.c: killing Rapport mid-edit loses nothing that was saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer process saves edits as fast as it can and announces each one;
 * the test kills it with SIGKILL at a random moment, fifty times, and after
 * each kill checks that the database opens, passes integrity_check, and
 * holds every edit that was announced (its latest name per row).
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "rapport-test-util.h"

#define N_KILLS 50

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Reads the writer's announcements into uuid → latest name */
static void
read_announcements (int         fd,
                    GHashTable *promised)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (fd);
  char *line = NULL;

  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_auto(GStrv) parts = g_strsplit (g_strchomp (line), " ", 3);

      /* A line cut by the kill has no newline and may be partial: the
       * promise it carries was made only if the whole line arrived. */
      if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "saved") &&
          g_str_has_prefix (parts[2], "Edit "))
        g_hash_table_insert (promised, g_strdup (parts[1]), g_strdup (parts[2]));
      g_free (line);
    }
}

static void
test_kill_while_editing (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "crash-editor", NULL);
  g_autoptr(GHashTable) promised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint kill_round = 0; kill_round < N_KILLS; kill_round++)
    {
      const char *argv[] = { writer, path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportStore) store = NULL;
      GHashTableIter iter;
      gpointer uuid, name;
      GPid pid;
      int out_fd;
      int status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      g_usleep (g_test_rand_int_range (5, 120) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      read_announcements (out_fd, promised);

      assert_integrity (path);
      store = rapport_store_open (path, &error);
      g_assert_no_error (error);

      g_hash_table_iter_init (&iter, promised);
      while (g_hash_table_iter_next (&iter, &uuid, &name))
        {
          g_autoptr(RapportClient) client = rapport_store_load_by_uuid (store, RAPPORT_TYPE_CLIENT,
                                                                         uuid, &error);

          g_assert_no_error (error);
          /* The row holds the announced edit or a later one it made
           * before the kill, never an earlier one */
          g_assert_cmpuint (g_ascii_strtoull (rapport_client_get_name (client) + 5, NULL, 10), >=,
                            g_ascii_strtoull ((const char *) name + 5, NULL, 10));
        }
    }

  g_assert_cmpuint (g_hash_table_size (promised), >, N_KILLS);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash-safety/kill-while-editing", test_kill_while_editing);

  return g_test_run ();
}

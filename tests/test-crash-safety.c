/* test-crash-safety.c: killing Rapport mid-edit loses nothing that was saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer process saves edits as fast as it can and announces each one;
 * the test kills it with SIGKILL at a random moment, fifty times, and after
 * each kill checks that the database opens, passes integrity_check, and
 * holds every edit that was announced (its latest name per row). The same
 * is done to "rapport --import-backup", which must leave all of an import
 * or none of it.
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "rapport-export.h"
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

/* Waits until the writer on @fd has printed something, for at most a
 * minute */
static void
wait_for_output (int fd)
{
  struct pollfd ready = { .fd = fd, .events = POLLIN };

  g_assert_cmpint (poll (&ready, 1, 60 * 1000), ==, 1);
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

      /* Killed while it saves, not while it starts: under the sanitizers
       * on a slow machine, starting alone may take longer than the
       * longest wait, and the round would test nothing */
      wait_for_output (out_fd);
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

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, NULL));
}

#define IMPORT_CLIENTS 1500
#define IMPORT_COMMITMENTS_PER_CLIENT 4

/* A backup of a database with IMPORT_CLIENTS clients and their commitments */
static void
make_backup (const char *dir,
             const char *backup_path)
{
  g_autofree char *source_dir = g_build_filename (dir, "source", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (backup_path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (source_dir, 0700), ==, 0);
  store = rapport_test_open_store (source_dir);
  for (guint i = 0; i < IMPORT_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Imported client %u", i);
      g_autoptr(RapportClient) client = rapport_test_add_client (store, name);

      for (guint j = 0; j < IMPORT_COMMITMENTS_PER_CLIENT; j++)
        {
          g_autoptr(RapportCommitment) commitment =
            rapport_test_add_commitment (store, client, "Deliver the report", "2026-12-01");
        }
    }

  g_assert_true (rapport_export_backup (store, file, NULL, &error));
  g_assert_no_error (error);
}

static GPid
spawn_import (const char *binary,
              const char *db_path,
              const char *backup_path)
{
  const char *argv[] = { binary, "--database", db_path, "--import-backup", backup_path, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Kills "rapport --import-backup" at random moments of a large import: each
 * time the database is whole and holds all of the import or none of it. */
static void
test_kill_while_importing (void)
{
  g_autofree char *dir = rapport_test_make_dir ();
  g_autofree char *backup = g_build_filename (dir, "backup.json", NULL);
  g_autofree char *initial = g_build_filename (dir, "initial.db", NULL);
  g_autofree char *target = g_build_filename (dir, "target.db", NULL);
  g_autofree char *binary = g_test_build_filename (G_TEST_BUILT, "..", "src", "rapport", NULL);
  gint64 started, duration;
  guint n_none = 0, n_all = 0;
  int status;
  GPid pid;

  make_backup (dir, backup);

  /* The database the user had: a few clients of their own */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RapportStore) store = rapport_store_open (initial, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 5; i++)
      {
        g_autofree char *name = g_strdup_printf ("Own client %u", i);
        g_autoptr(RapportClient) client = rapport_test_add_client (store, name);
      }
  }

  /* How long a whole import takes here, at the quickest of three: one
   * slowed down by other tests would put most kills after its end */
  duration = G_MAXINT64;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *wal = g_strconcat (target, "-wal", NULL);
      g_autofree char *shm = g_strconcat (target, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      copy_file (initial, target);
      started = g_get_monotonic_time ();
      pid = spawn_import (binary, target, backup);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      duration = MIN (duration, g_get_monotonic_time () - started);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_cmpint (count_rows (target, "clients"), ==, 5 + IMPORT_CLIENTS);
    }

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autofree char *wal = g_strconcat (target, "-wal", NULL);
      g_autofree char *shm = g_strconcat (target, "-shm", NULL);
      gint64 clients, commitments;

      g_unlink (wal);
      g_unlink (shm);
      copy_file (initial, target);

      pid = spawn_import (binary, target, backup);
      g_usleep ((gulong) g_test_rand_int_range ((int) (duration / 20), (int) (duration * 19 / 20)));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      assert_integrity (target);
      clients = count_rows (target, "clients");
      commitments = count_rows (target, "commitments");

      if (clients == 5)
        {
          g_assert_cmpint (commitments, ==, 0);
          n_none++;
        }
      else
        {
          g_assert_cmpint (clients, ==, 5 + IMPORT_CLIENTS);
          g_assert_cmpint (commitments, ==, IMPORT_CLIENTS * IMPORT_COMMITMENTS_PER_CLIENT);
          n_all++;
        }
    }

  g_test_message ("import of %d rows took %" G_GINT64_FORMAT " ms; after %d kills: %u had none, %u all",
                  IMPORT_CLIENTS * (1 + IMPORT_COMMITMENTS_PER_CLIENT), duration / 1000, N_KILLS,
                  n_none, n_all);
  /* Most kills land inside the import */
  g_assert_cmpuint (n_none, >, N_KILLS / 2);
  rapport_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash-safety/kill-while-editing", test_kill_while_editing);
  g_test_add_func ("/crash-safety/kill-while-importing", test_kill_while_importing);

  return g_test_run ();
}

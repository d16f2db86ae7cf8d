/* rapport-test-util.h: temporary databases and sample records for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include "rapport-client.h"
#include "rapport-commitment.h"
#include "rapport-date.h"
#include "rapport-deliverable.h"
#include "rapport-feedback.h"
#include "rapport-interaction.h"
#include "rapport-lesson.h"
#include "rapport-renegotiation.h"
#include "rapport-store.h"

/* A callback for an asynchronous call: keeps its result in the
 * GAsyncResult * that @user_data points at, for rapport_test_wait() */
static inline void
rapport_test_keep_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the main loop until rapport_test_keep_result() has set @result */
static inline void
rapport_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Saves @record, which must succeed */
static inline void
rapport_test_save (RapportStore *store,
                   gpointer      record)
{
  g_autoptr(GError) error = NULL;

  rapport_store_save (store, RAPPORT_RECORD (record), &error);
  g_assert_no_error (error);
}

/* Moves @record to the trash, which must succeed */
static inline void
rapport_test_trash (RapportStore *store,
                    gpointer      record)
{
  g_autoptr(GError) error = NULL;

  rapport_store_trash (store, RAPPORT_RECORD (record), &error);
  g_assert_no_error (error);
}

/* A fresh folder for one test, removed with its files at the end */
static inline char *
rapport_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rapport-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
rapport_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rapport_test_remove_dir (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

/* A 1 MB file system at @dir; skips the test (and removes @dir) where
 * only root may mount one. Unmount with umount2 (dir, MNT_DETACH). */
static inline gboolean
rapport_test_mount_small_disk (const char *dir)
{
  if (geteuid () == 0 && mount ("tmpfs", dir, "tmpfs", 0, "size=1m,mode=0700") == 0)
    return TRUE;

  g_test_skip ("Needs root to mount a small tmpfs");
  rapport_test_remove_dir (dir);
  return FALSE;
}

static inline RapportStore *
rapport_test_open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* From now on, the database in @dir refuses every new row of @table, as
 * a full disk would refuse them: through another connection, as another
 * program could change it */
static inline void
rapport_test_refuse_inserts (const char *dir,
                             const char *table)
{
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER refuse_%s BEFORE INSERT ON %s "
                                          "BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                          table, table);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static inline RapportClient *
rapport_test_add_client (RapportStore *store,
                         const char   *name)
{
  g_autoptr(GError) error = NULL;
  RapportClient *client = rapport_client_new (name);

  rapport_store_save (store, RAPPORT_RECORD (client), &error);
  g_assert_no_error (error);
  return client;
}

static inline RapportCommitment *
rapport_test_add_commitment (RapportStore  *store,
                             RapportClient *client,
                             const char    *title,
                             const char    *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = rapport_date_parse (due, &error);
  RapportCommitment *commitment;

  g_assert_no_error (error);
  commitment = rapport_commitment_new (rapport_record_get_id (RAPPORT_RECORD (client)), title);
  rapport_commitment_set_due (commitment, date);
  rapport_store_save (store, RAPPORT_RECORD (commitment), &error);
  g_assert_no_error (error);
  return commitment;
}
